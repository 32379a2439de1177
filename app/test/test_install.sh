#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
#
# What "meson install" gives a driver written out of tree: installed into a
# scratch root, the pkg-config file libdpdk-bus-mdev builds a minimal mdev
# driver, linked to the bus, and an application of the bus's experimental
# application API; the driver SDK header copies (for a DPDK that
# lacks them) sit apart, searched after every -I, so that a DPDK that ships
# its own headers wins over them.
#
# usage: test_install.sh BUILD_DIR
set -u

build=$(cd "$1" && pwd)
mkdir -p "$build/app/test/tmp"
work=$(mktemp -d "$build/app/test/tmp/install.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=checks.sh
. "$(dirname "$0")/checks.sh"

root=$work/root
meson install -C "$build" --no-rebuild --destdir "$root" >"$work/install.log" 2>&1
check "meson install into a scratch root" test $? -eq 0
pc=$(find "$root" -name libdpdk-bus-mdev.pc | head -n 1)
check "libdpdk-bus-mdev.pc installed" test -n "$pc"
[[ -n $pc ]] || summary
# Our .pc files, pointed into the scratch root (the installed DPDK's stay
# as they are, so no PKG_CONFIG_SYSROOT_DIR, which would move them too).
mkdir -p "$work/pc"
for f in "$(dirname "$pc")"/libdpdk-*.pc; do
	sed -e "s|^prefix=|prefix=$root|" -e "s|-L/|-L$root/|g" "$f" \
		>"$work/pc/${f##*/}"
done
export PKG_CONFIG_PATH=$work/pc${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}

cat >"$work/drv.c" <<'EOC'
/* SPDX-License-Identifier: BSD-3-Clause */
#include <bus_mdev_driver.h>

static int
drv_probe(struct rte_mdev_driver *drv, struct rte_mdev_device *dev)
{
	(void)drv;
	return rte_mdev_device_iommu(dev) == RTE_VFIO_DEV_IOMMU_EAL;
}

static int
drv_remove(struct rte_mdev_device *dev)
{
	(void)dev;
	return 0;
}

static const struct rte_mdev_id drv_ids[] = {
	RTE_MDEV_ID_TYPE(RTE_MDEV_API_PCI, "vendor-*"),
	{ .api = RTE_MDEV_API_UNKNOWN },
};

static struct rte_mdev_driver oot_drv = {
	.id_table = drv_ids,
	.probe = drv_probe,
	.remove = drv_remove,
	.drv_flags = RTE_MDEV_DRV_NEED_MAPPING,
};

RTE_PMD_REGISTER_MDEV(mdev_oot, oot_drv);
EOC
# shellcheck disable=SC2046 # pkg-config's flags, split on purpose
cc -shared -fPIC -Wall -Werror -DALLOW_INTERNAL_API -o "$work/drv.so" \
	"$work/drv.c" $(pkg-config --cflags --libs libdpdk-bus-mdev) \
	>"$work/cc.log" 2>&1
check "a driver out of tree builds with pkg-config's flags alone" test $? -eq 0
sed 's/^/     /' "$work/cc.log" | head -n 20
check "it needs the bus library (DT_NEEDED)" \
	bash -c 'readelf -d "$1" | grep -q "NEEDED.*librte_bus_mdev"' _ "$work/drv.so"


# An application: the bus's application API (rte_bus_mdev.h), experimental,
# builds with ALLOW_EXPERIMENTAL_API alone, as DPDK's own applications do;
# without it the compiler refuses the experimental calls, and the driver
# API's internal calls need ALLOW_INTERNAL_API.
cat >"$work/app.c" <<'EOC'
/* SPDX-License-Identifier: BSD-3-Clause */
#include <rte_bus_mdev.h>
int
app_nb_regions(struct rte_device *dev)
{
	const struct rte_vfio_dev *vfio;
	struct rte_mdev_info info;
	int n;

	if (rte_mdev_info_get(dev, &info) != 0 || !info.admitted)
		return -1;
	if (rte_mdev_inspect_open(dev, &vfio) != 0)
		return -1;
	n = (int)rte_vfio_dev_nb_regions(vfio);
	rte_mdev_inspect_close(dev);
	return n;
}
EOC
# shellcheck disable=SC2046
cc -c -Wall -Werror -DALLOW_EXPERIMENTAL_API -o "$work/app.o" "$work/app.c" \
	$(pkg-config --cflags libdpdk-bus-mdev) >"$work/app.log" 2>&1
check "an application of the bus's API builds with ALLOW_EXPERIMENTAL_API alone" \
	test $? -eq 0
sed 's/^/     /' "$work/app.log" | head -n 20
# shellcheck disable=SC2046
cc -c -Wall -Werror -o "$work/app.o" "$work/app.c" \
	$(pkg-config --cflags libdpdk-bus-mdev) >"$work/app.log" 2>&1
check "without it the experimental calls are refused" \
	bash -c '[[ $1 -ne 0 ]] && grep -q "rte_mdev_info_get.*not yet part of stable ABI" "$2"' \
	_ $? "$work/app.log"
# shellcheck disable=SC2046
cc -c -Wall -Werror -DALLOW_EXPERIMENTAL_API -o "$work/drv.o" "$work/drv.c" \
	$(pkg-config --cflags libdpdk-bus-mdev) >"$work/drv.log" 2>&1
check "the driver API's internal calls need ALLOW_INTERNAL_API" \
	bash -c '[[ $1 -ne 0 ]] && grep -q "rte_mdev_device_iommu.*not public ABI" "$2"' \
	_ $? "$work/drv.log"

sdk=$(find "$root" -path '*/dpdk-mdev/dpdk-sdk' -type d)
if [[ -n $sdk ]]; then
	check "SDK header copies only below dpdk-mdev/dpdk-sdk" \
		test -z "$(find "$root" -name bus_driver.h -not -path '*/dpdk-mdev/dpdk-sdk/*')"
	check "pkg-config searches them after every -I (-idirafter)" \
		bash -c 'pkg-config --cflags libdpdk-bus-mdev | grep -q -- "-idirafter.*/dpdk-mdev/dpdk-sdk"'
	# A DPDK that ships its own: its -I comes after ours, as libdpdk's
	# comes after ours in pkg-config's output, and wins all the same.
	mkdir -p "$work/newer"
	cp "$sdk/bus_driver.h" "$work/newer/bus_driver.h"
	printf '#define MDEV_TEST_NEWER_SDK 1\n' >>"$work/newer/bus_driver.h"
	printf '#include <bus_mdev_driver.h>\n#ifndef MDEV_TEST_NEWER_SDK\n#error the installed copy won\n#endif\n' \
		>"$work/newer.c"
	# shellcheck disable=SC2046
	cc -c -DALLOW_INTERNAL_API -o "$work/newer.o" "$work/newer.c" \
		$(pkg-config --cflags libdpdk-bus-mdev) -I"$work/newer" \
		>"$work/newer.log" 2>&1
	check "a DPDK's own SDK header wins over the installed copy" test $? -eq 0
else
	check "the installed DPDK has the SDK headers: no copy installed" \
		test -z "$(find "$root" -name bus_driver.h)"
fi
summary
