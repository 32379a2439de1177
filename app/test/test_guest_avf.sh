#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Guest suite of the mdev_sim-avf device model and the mdev bus's PCI
# adapter: boots the test guest with two mdev_sim-avf devices, checks the
# model with a bare VFIO program that drives it as an AVF driver does
# (admin queue, virtchnl, queues, frames between the wired devices, link
# events, bad values, resets), then wires the devices and drives Debian's
# unmodified dpdk-testpmd with Debian's net_iavf PMD on them through the
# bus's PCI adapter: io forwarding with 1 and 4 queue pairs, stats and
# xstats, link events, port stop/start/reset, detach and attach, the
# admin queue on its interrupt and on iavf's polling alarm, and removing
# a device while testpmd forwards on it. The same script runs the checks
# inside the guest (--in-guest).
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
# Packets each port receives before forwarding is stopped and counted.
readonly RUN_PKTS=${NET_TEST_RUN_PKTS:-1000}

# shellcheck source=checks.sh
. "$REPO_DIR/app/test/checks.sh"
# shellcheck source=testpmd.sh
. "$REPO_DIR/app/test/testpmd.sh"

finish() {
	if [[ $failed -gt 0 && -n $TP_LOG && -f $TP_LOG ]]; then
		echo "     last lines of $TP_LOG:"
		tail -n 40 "$TP_LOG" | sed 's/^/     | /'
	fi
	summary
	exit
}

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

# EAL arguments of testpmd: only the bus is given; net_iavf comes from
# Debian's driver directory, which EAL loads by itself.
eal_args() {
	echo --no-pci --file-prefix mdevavf ${EAL_EXTRA:-} \
		-d "$BUILD/drivers/bus/mdev/librte_bus_mdev.so" \
		-a bus=mdev,uuid=$A -a bus=mdev,uuid=$B
}

# stream_rx PORT QUEUE: what testpmd's last "stop" counted on the stream
# from that queue (iavf keeps no per-queue counters for xstats).
stream_rx() {
	awk -v s="RX Port= $1/Queue= $2 " '
		index($0, s) { want = 1; next }
		want && $1 == "RX-packets:" { n = $2; want = 0 }
		END { print n + 0 }' "$TP_LOG"
}

check_xstats() {
	local rx
	show_stats
	rx=$(stat 0 RX-packets)
	tp_run "show port xstats 0"
	check_eq "xstats: rx_good_packets is RX-packets" "$rx" \
		"$(xstat rx_good_packets)"
	# From the device's statistics message (VIRTCHNL_OP_GET_STATS).
	check "xstats: the device counted unicast frames (rx_unicast_packets $(xstat rx_unicast_packets))" \
		test "$(xstat rx_unicast_packets)" -gt 0
}

check_hotplug() {
	tp_run "port stop 1"
	tp_run "port close 1"
	check "port close 1" tp_has "Port 1 is closed"
	tp_run "device detach mdev:$B"
	check "device detach" tp_has "is detached"
	tp_run "port attach bus=mdev,uuid=$B"
	check "port attach (the iterator finds the PCI driver's port)" \
		tp_has "Port 1 is attached"
	tp_run "port start 1"
	tp_run "show port info 1"
	check "reattached port driven by net_iavf" \
		tp_has "Driver name: net_iavf"
}

# Removing the wired device B from sysfs while testpmd (--hot-plug)
# forwards: the kernel requests it back, the bus raises EAL's removal
# event, testpmd stops, detaches it and forwards on; the removal completes.
check_unplug() {
	local rm_pid rc
	tp_run "start tx_first"
	check "forwarding before the removal" wait_for 60 ports_received 100
	timeout 60 bash -c "echo 1 > $SYS/$B/remove" &
	rm_pid=$!
	check "testpmd detaches the device on the removal event" \
		tp_wait "Device is detached" 30
	wait $rm_pid
	rc=$?
	check_eq "sysfs remove of the open device completes" 0 "$rc"
	check "device B gone" test ! -e "$SYS/$B"
	tp_run "stop"
	tp_run "show port summary all"
	check "port 0 left" tp_has "Number of available ports: 1"
}

# Debian's dpdk-testpmd with Debian's net_iavf on the two wired devices.
check_net_iavf() {
	local log

	check "wire A to B" bash -c "echo $B > $SYS/$A/peer"
	log=$WORK/testpmd1.log
	# The bus says which PCI drivers it offers the devices to.
	EAL_EXTRA=--log-level=bus.mdev:info tp_start "$log"
	check "testpmd starts with both ports" grep -q "Port 1: " "$log"
	tp_run "show port info all"
	check_eq "both ports driven by Debian's net_iavf" 2 \
		"$(grep -c 'Driver name: net_iavf' "$log")"
	check "port 0 is named by the device's UUID" \
		grep -q "Device name: $A" "$log"
	check "the bus gave the device to net_iavf" \
		grep -q "MDEV_BUS: $A: probe with PCI driver net_iavf" "$log"
	# Debian's net_ice_dcf matches the AVF ID too, as well as net_iavf
	# does, and declines a device without cap=dcf: whichever EAL
	# registered first, net_iavf has the device.
	check "net_iavf and net_ice_dcf both match the device" \
		grep -qE "MDEV_BUS: $A: PCI drivers that match, best first: (net_iavf, net_ice_dcf|net_ice_dcf, net_iavf)$" "$log"
	check_forwarding "io forwarding"
	check_xstats
	check_lsc
	tp_run "port stop all"
	tp_run "port start all"
	tp_run "clear port stats all"
	check_forwarding "after port stop/start"
	tp_run "port stop 0"
	tp_run "port reset 0"
	check "port reset 0" tp_has "Resetting ports"
	check "port reset 0 succeeds" tp_lacks "Failed to reset"
	tp_run "port start all"
	tp_run "clear port stats all"
	check_forwarding "after port reset"
	check_hotplug
	tp_run "clear port stats all"
	check_forwarding "after detach and attach"
	tp_quit
	check_eq "testpmd exits cleanly" 0 "$TP_RC"

	log=$WORK/testpmd2.log
	tp_start "$log" --rxq=4 --txq=4 --hot-plug
	check_forwarding "four queue pairs"
	check "queue 3 of port 0 forwarded to queue 3 of port 1 ($(stream_rx 0 3) packets)" \
		test "$(stream_rx 0 3)" -gt 0
	check "queue 3 of port 1 forwarded to queue 3 of port 0 ($(stream_rx 1 3) packets)" \
		test "$(stream_rx 1 3)" -gt 0
	check_unplug
	tp_quit
	check_eq "testpmd (4 queues, removal) exits cleanly" 0 "$TP_RC"
}

# iavf without WB_ON_ITR takes admin-queue replies from a 50 ms alarm
# that polls VFINT_ICR01 instead of MSI-X vector 0. The devices are not
# wired: each sends to itself.
check_net_iavf_polled() {
	local log=$WORK/testpmd0.log

	check "withhold WB_ON_ITR" \
		bash -c "echo 0 > $SYS/$A/wb_on_itr && echo 0 > $SYS/$B/wb_on_itr"
	tp_start "$log"
	tp_run "show port info all"
	check_eq "polled admin queue: net_iavf initialises both ports" 2 \
		"$(grep -c 'Driver name: net_iavf' "$log")"
	tp_run "start tx_first"
	check "polled admin queue: the ports forward (each to itself)" \
		wait_for 60 ports_received "$RUN_PKTS"
	tp_run "stop"
	tp_quit
	check_eq "polled admin queue: testpmd exits cleanly" 0 "$TP_RC"
	check "give WB_ON_ITR back" \
		bash -c "echo 1 > $SYS/$A/wb_on_itr && echo 1 > $SYS/$B/wb_on_itr"
}

in_guest() {
	BUILD=$1
	mkdir -p "$BUILD/app/test/tmp"
	WORK=$(mktemp -d "$BUILD/app/test/tmp/guest-avf.XXXXXX")

	check "mdev_sim-avf device A exists" test -e "$SYS/$A"
	check "mdev_sim-avf device B exists" test -e "$SYS/$B"
	check_model
	# A write to a dead testpmd must fail the check, not kill the script.
	trap '' PIPE
	check_net_iavf_polled
	check_net_iavf

	check "rmmod mdev_sim" rmmod mdev_sim
	finish
}

on_host() {
	local build=$1
	local sim=${MDEV_SIM_KO:-$REPO_DIR/kernel/linux/mdev_sim/mdev_sim.ko}

	if [[ ! -f $sim ]]; then
		echo "FAIL - $sim not built (make -C kernel/linux/mdev_sim)"
		echo "0 passed, 1 failed"
		exit 1
	fi
	# Huge pages for testpmd (the model test uses them for its DMA
	# memory too, as DPDK does).
	guest_run --sim "$sim" --hugepages 128 --timeout 900 \
		--mdev mdev_sim-avf=$A --mdev mdev_sim-avf=$B \
		-- "$SCRIPT" --in-guest "$build"
}

case ${1:-} in
--in-guest) in_guest "$(readlink -f "$2")" ;;
'') echo "usage: ${0##*/} BUILD_DIR" >&2; exit 2 ;;
*) on_host "$(readlink -f "$1")" ;;
esac
