#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Guest suite of the mdev_sim-avf device model: boots the test guest with
# two mdev_sim-avf devices and checks the model with a bare VFIO program
# that drives it as an AVF driver does (admin queue, virtchnl, queues,
# frames between the wired devices, link events, bad values, resets). The
# same script runs the checks inside the guest (--in-guest).
#
# usage: test_guest_avf.sh BUILD_DIR
# Prints "N passed, M failed" last; exits non-zero when anything failed.

set -uo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
REPO_DIR=$(dirname "$(dirname "$(dirname "$SCRIPT")")")
readonly SCRIPT REPO_DIR
readonly A=6a1e0000-0000-4000-8000-0000000000a1
readonly B=6a1e0000-0000-4000-8000-0000000000b2
readonly SYS=/sys/bus/mdev/devices

# shellcheck source=checks.sh
. "$REPO_DIR/app/test/checks.sh"

# ---- in the guest ----

BUILD=
WORK=

# The model alone, through bare VFIO.
check_model() {
	"$BUILD/app/test/test_guest_avf_model" "$A" "$B" >"$WORK/model.log" 2>&1
	check "model test program" test $? -eq 0
	grep -v '^ok' "$WORK/model.log" | sed 's/^/     /'
	check_eq "A's counters are readable" 15 \
		"$(wc -l <"$SYS/$A/counters")"
	check_eq "A is unwired again" "" "$(cat "$SYS/$A/peer")"
	check_eq "link attribute reads up" up "$(cat "$SYS/$A/link")"
	check_eq "wb_on_itr restored" 1 "$(cat "$SYS/$A/wb_on_itr")"
}

in_guest() {
	BUILD=$1
	mkdir -p "$BUILD/app/test/tmp"
	WORK=$(mktemp -d "$BUILD/app/test/tmp/guest-avf.XXXXXX")

	check "mdev_sim-avf device A exists" test -e "$SYS/$A"
	check "mdev_sim-avf device B exists" test -e "$SYS/$B"
	check_model

	check "rmmod mdev_sim" rmmod mdev_sim
	summary
	exit
}

on_host() {
	local build=$1
	local sim=${MDEV_SIM_KO:-$REPO_DIR/kernel/linux/mdev_sim/mdev_sim.ko}

	if [[ ! -f $sim ]]; then
		echo "FAIL - $sim not built (make -C kernel/linux/mdev_sim)"
		echo "0 passed, 1 failed"
		exit 1
	fi
	# Huge pages: the model test takes its DMA memory there, as DPDK does.
	guest_run --sim "$sim" --hugepages 128 --timeout 600 \
		--mdev mdev_sim-avf=$A --mdev mdev_sim-avf=$B \
		-- "$SCRIPT" --in-guest "$build"
}

case ${1:-} in
--in-guest) in_guest "$(readlink -f "$2")" ;;
'') echo "usage: ${0##*/} BUILD_DIR" >&2; exit 2 ;;
*) on_host "$(readlink -f "$1")" ;;
esac
