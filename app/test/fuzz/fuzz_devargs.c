/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * libFuzzer harness: everything the bus parses from devargs. The input is
 * one -a/-b string, split into its bus, class and driver layers as EAL
 * splits it, then given to the bus as EAL would give it: devargs parsing
 * (uuid=, type=, parent=, device_api=, iommu=), the driver layer, the
 * legacy bare-UUID name, the device iterator's filter, the checks run
 * once every devargs is known, and the device_api and iommu names.
 * Devices come from a fixed fake sysfs tree.
 */

#include <ctype.h>
#include <stdbool.h>

#include <rte_bus.h>
#include <rte_devargs.h>
#include <rte_uuid.h>

#include "fuzz_bus.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return fz_bus_example();
}

/* A UUID as the bus stores it: parsable and spelled in lowercase. */
static void
check_canonical(const char *name)
{
	rte_uuid_t uuid;
	char canon[RTE_UUID_STRLEN];

	FZ_CHECK(rte_uuid_parse(name, uuid) == 0);
	rte_uuid_unparse(uuid, canon, sizeof(canon));
	FZ_CHECK(strcmp(canon, name) == 0);
}

static bool
on_bus(const struct rte_mdev_device *dev)
{
	const struct rte_mdev_device *d;

	FOREACH_MDEV_DEVICE(d)
		if (d == dev)
			return true;
	return false;
}

/* devargs as EAL makes them from "<bus layer>/<class layer>/<driver layer>". */
static struct rte_devargs *
make_devargs(const char *str, struct rte_bus *bus)
{
	struct rte_devargs *da = calloc(1, sizeof(*da));
	char *s, *cls, *drv;

	FZ_CHECK(da != NULL);
	s = strdup(str);
	FZ_CHECK(s != NULL);
	cls = strchr(s, '/');
	if (cls != NULL)
		*cls++ = '\0';
	drv = cls != NULL ? strchr(cls, '/') : NULL;
	if (drv != NULL)
		*drv++ = '\0';
	da->data = s;   /* freed by rte_devargs_reset() */
	da->bus = bus;
	da->bus_str = s;
	da->cls_str = cls;
	da->drv_str = drv;
	da->type = RTE_DEVTYPE_ALLOWED;
	da->policy = RTE_DEV_ALLOWED;
	return da;
}

static void
fuzz_bus_layers(const char *str)
{
	struct rte_bus_conf conf = mdev_bus.bus.conf;
	struct rte_devargs *da = make_devargs(str, &mdev_bus.bus);
	struct rte_device *rd;
	enum rte_vfio_dev_iommu mode;
	char drv[RTE_DEV_NAME_MAX_LEN];
	unsigned int n = 0;
	int ret;

	ret = mdev_devargs_parse(da);
	FZ_CHECK(ret == 0 || ret == -EINVAL);
	if (ret == 0 && da->name[0] != '\0')
		check_canonical(da->name);
	mode = mdev_devargs_iommu(da);
	FZ_CHECK(rte_vfio_dev_iommu_name(mode) != NULL);
	memset(drv, 0x5a, sizeof(drv));
	ret = mdev_devargs_driver(da, drv, sizeof(drv));
	FZ_CHECK(ret >= -EINVAL && ret <= 1);
	if (ret == 1)
		FZ_CHECK(memchr(drv, '\0', sizeof(drv)) != NULL);

	/* The same string as rte_dev_iterator_init() passes a filter. */
	for (rd = mdev_dev_iterate(NULL, da->bus_str, NULL); rd != NULL;
	     rd = mdev_dev_iterate(rd, da->bus_str, NULL)) {
		FZ_CHECK(on_bus(RTE_DEV_TO_MDEV(rd)));
		FZ_CHECK(++n <= 64);
	}

	/* The checks run once all devargs are in: with this one listed. */
	if (mdev_devargs_parse(da) == 0) {
		rte_devargs_insert(&da);
		mdev_devargs_check();
		rte_devargs_remove(da);
	} else {
		rte_devargs_reset(da);
		free(da);
	}
	mdev_bus.bus.conf = conf;
}

/* A legacy name: "-a <uuid>", and the same string taken by another bus. */
static void
fuzz_legacy_name(const char *str)
{
	struct rte_bus_conf conf = mdev_bus.bus.conf;
	struct rte_bus *vdev = rte_bus_find_by_name("vdev");
	char addr[RTE_UUID_STRLEN + 8];
	struct rte_devargs *da;
	rte_uuid_t u1, u2;

	memset(addr, 0x5a, sizeof(addr));
	if (mdev_parse(str, addr) == 0) {
		FZ_CHECK(memchr(addr, '\0', RTE_UUID_STRLEN) != NULL);
		check_canonical(addr);
		/* the UUID given, however spelt (rte_uuid_parse() decides) */
		FZ_CHECK(rte_uuid_parse(str, u1) == 0 &&
			 rte_uuid_parse(addr, u2) == 0 &&
			 rte_uuid_compare(u1, u2) == 0);
		FZ_CHECK(mdev_find_by_name(addr) != NULL);
	}
	FZ_CHECK(mdev_parse(str, NULL) == (mdev_parse(str, addr) == 0 ? 0 : -1));
	if (vdev == NULL || strlen(str) >= RTE_DEV_NAME_MAX_LEN)
		return;
	da = make_devargs("", vdev);
	da->bus_str = NULL;
	da->cls_str = NULL;
	da->drv_str = NULL;
	strcpy(da->name, str);
	rte_devargs_insert(&da);
	mdev_devargs_check();
	rte_devargs_remove(da);
	mdev_bus.bus.conf = conf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *str = fz_string(data, size);
	enum rte_vfio_dev_iommu mode;
	enum rte_mdev_api api;

	fuzz_bus_layers(str);
	fuzz_legacy_name(str);

	api = rte_mdev_api_parse(str);
	FZ_CHECK(rte_mdev_api_name(api) != NULL);
	if (api != RTE_MDEV_API_UNKNOWN)
		FZ_CHECK(strcmp(rte_mdev_api_name(api), str) == 0);
	if (rte_vfio_dev_iommu_parse(str, &mode) == 0)
		FZ_CHECK(strcmp(rte_vfio_dev_iommu_name(mode), str) == 0);
	free(str);
	return 0;
}
