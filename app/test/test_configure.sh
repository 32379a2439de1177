#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# meson setup refuses a DPDK this tree does not support, with one message
# naming the version found and the versions supported (a fake libdpdk.pc
# first on PKG_CONFIG_PATH stands in for the other DPDK); a build directory
# EAL would not load plugins from is refused before anything is built.
#
# usage: test_configure.sh SOURCE_DIR BUILD_DIR
set -u

src=$1
mkdir -p "$2/app/test/tmp"
work=$(mktemp -d "$2/app/test/tmp/configure.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=checks.sh
. "$(dirname "$0")/checks.sh"

# configure VERSION: meson setup against a DPDK of that version.
configure() {
	mkdir -p "$work/pc-$1"
	cat >"$work/pc-$1/libdpdk.pc" <<-EOT
	Name: DPDK
	Description: stand-in for DPDK $1
	Version: $1
	Libs: -lrte_eal
	Cflags: -I/nonexistent
	EOT
	out=$(PKG_CONFIG_PATH=$work/pc-$1 meson setup "$work/build-$1" "$src" 2>&1)
	rc=$?
}

for v in 21.11.0 22.07.0 26.11.0 26.11.1; do
	configure "$v"
	check "DPDK $v: meson setup fails" test "$rc" -ne 0
	check "DPDK $v: the message names it and the supported versions" \
		grep -qF "DPDK $v is not supported: this tree builds against DPDK 22.11 to 26.07" <<<"$out"
done
# The bounds are the versions, not typos of them: both ends pass the check.
for v in 22.11.0 26.07.1; do
	configure "$v"
	check "DPDK $v passes the version check" \
		bash -c '! grep -q "is not supported" <<<"$1"' _ "$out"
done

# A build directory below a world-writable one is refused up front, in one
# line naming it (EAL would refuse the plugins later, test by test).
mkdir -p "$work/open/checkout"
chmod 0777 "$work/open"
out=$("$src/devtools/check-build-dir" "$work/open/checkout/build" 2>&1)
rc=$?
check "build dir below a world-writable directory: refused" test "$rc" -ne 0
check "build dir below a world-writable directory: the message names it" \
	grep -qF "$work/open is world-writable" <<<"$out"
check "build dir of this run: accepted" \
	"$src/devtools/check-build-dir" "$2"

summary
