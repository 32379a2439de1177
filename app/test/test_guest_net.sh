#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# End to end on mediated NICs: boots the test guest with two mdev_sim-net
# devices, checks the device model with a bare VFIO program, then wires the
# devices and drives Debian's unmodified dpdk-testpmd through the mdev bus
# and the net_mdev_sim PMD: io forwarding after "start tx_first", two queue
# pairs, link state events from sysfs, port stop/start/close, device
# detach and port attach, dpdk-proc-info reading the stats as a secondary
# process, and removing a device while testpmd forwards on it. The same
# script runs the checks inside the guest (--in-guest).
#
# usage: test_guest_net.sh BUILD_DIR
# Prints "N passed, M failed" last; exits non-zero when anything failed.

set -uo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
REPO_DIR=$(dirname "$(dirname "$(dirname "$SCRIPT")")")
readonly SCRIPT REPO_DIR
readonly A=6a1e0000-0000-4000-8000-0000000000a1
readonly B=6a1e0000-0000-4000-8000-0000000000b2
readonly SYS=/sys/bus/mdev/devices
# Seconds the packets circulate before the counters are compared.
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

# ---- in the guest: testpmd driven through a FIFO ----

BUILD=
WORK=

# eal_args [PREFIX]: EAL arguments shared by testpmd and its secondary
# (which picks its cores); a program of its own gives another file prefix
# (EAL 25.11 refuses an option given twice).
eal_args() {
	echo --no-pci --file-prefix "${1:-mdevnet}" \
		-d "$BUILD/drivers/bus/mdev/librte_bus_mdev.so" \
		-d "$BUILD/drivers/net/mdev_sim/librte_net_mdev_sim.so" \
		-a bus=mdev,uuid=$A -a bus=mdev,uuid=$B $(mp_eal_args)
}

check_proc_info() {
	local out=$WORK/proc-info.log rx0 rc
	show_stats
	rx0=$(stat 0 RX-packets)
	# Two empty values would compare equal below.
	check "testpmd's port 0 has received packets to compare (${rx0:-none})" \
		test "${rx0:-0}" -gt 0
	# shellcheck disable=SC2046
	timeout 120 dpdk-proc-info $(eal_args) -- --stats >"$out" 2>&1
	rc=$?
	check "dpdk-proc-info runs as a secondary" test $rc -eq 0
	[[ $rc -eq 0 ]] || tail -n 20 "$out" | sed 's/^/     | /'
	check "dpdk-proc-info prints the stats of both ports" \
		test "$(grep -c 'NIC statistics for port' "$out")" -eq 2
	check_eq "dpdk-proc-info reads port 0's RX-packets" "$rx0" \
		"$(awk '/NIC statistics for port 0/ { p = 1 }
			p && $1 == "RX-packets:" { print $2; exit }' "$out")"
	sed -n '/NIC statistics for port 0/,/####/p' "$out" | head -5 | sed 's/^/     /'
}

check_hotplug() {
	tp_run "port stop 1"
	tp_run "port close 1"
	check "port close 1" tp_has "Port 1 is closed"
	tp_run "device detach mdev:$B"
	check "device detach" tp_has "is detached"
	tp_run "port attach bus=mdev,uuid=$B"
	check "port attach" tp_has "Port 1 is attached"
	tp_run "port start 1"
	tp_run "show port info 1"
	check "reattached port driven by net_mdev_sim" \
		tp_has "Driver name: net_mdev_sim"
}

# Removing the wired device B from sysfs while testpmd forwards: the
# kernel requests it back, the PMD raises a device removal event, testpmd
# stops, detaches it and forwards on; the removal completes and A is left
# unwired.
check_unplug() {
	local rm_pid rc
	tp_run "start tx_first"
	check "forwarding before the removal" wait_for 60 ports_received 100
	timeout 60 bash -c "echo 1 > $SYS/$B/remove" &
	rm_pid=$!
	check "removal event in testpmd" \
		tp_wait "Port 1: device removal event" 30
	check "testpmd detaches the device" tp_wait "Device is detached" 30
	wait $rm_pid
	rc=$?
	check_eq "sysfs remove of the open device completes" 0 "$rc"
	check "device B gone" test ! -e "$SYS/$B"
	check_eq "A is unwired" "" "$(cat $SYS/$A/peer)"
	tp_run "stop"
	tp_run "show port summary all"
	check "port 0 left" tp_has "Number of available ports: 1"
}

in_guest() {
	local log

	# A write to a dead testpmd must fail the check, not kill the script.
	trap '' PIPE

	BUILD=$1
	mkdir -p "$BUILD/app/test/tmp"
	WORK=$(mktemp -d "$BUILD/app/test/tmp/guest-net.XXXXXX")

	"$BUILD/app/test/test_guest_net_model" "$A" "$B" >"$WORK/model.log" 2>&1
	check "model test program" test $? -eq 0
	grep -v '^ok' "$WORK/model.log" | sed 's/^/     /'

	# test_guest_net_pmd checks the ports follow it (SOCKET_ID_ANY).
	check_eq "the parent reports no NUMA node (mdev_sim's default)" -1 \
		"$(cat "$SYS/$A/../numa_node")"
	check "wire A to B" bash -c "echo $B > $SYS/$A/peer"
	check_eq "B's peer is A" "$A" "$(cat $SYS/$B/peer)"

	# shellcheck disable=SC2046
	"$BUILD/app/test/test_guest_net_pmd" -l 0 -m 128 $(eal_args mdevnetpmd) \
		-- "$B" >"$WORK/pmd.log" 2>&1
	check "PMD API test program" test $? -eq 0
	grep -v '^ok\|^EAL\|^TELEMETRY' "$WORK/pmd.log" | sed 's/^/     /'

	log=$WORK/testpmd1.log
	tp_start "$log"
	check "testpmd starts with both ports" grep -q "Port 1: " "$log"
	tp_run "show port info all"
	check_eq "both ports driven by net_mdev_sim" 2 \
		"$(grep -c 'Driver name: net_mdev_sim' "$log")"
	check_forwarding "io forwarding"
	check_lsc
	check_proc_info
	tp_run "port stop all"
	tp_run "port start all"
	tp_run "clear port stats all"
	check_forwarding "after port stop/start"
	check_hotplug
	tp_run "clear port stats all"
	check_forwarding "after detach and attach"
	tp_quit
	check_eq "testpmd exits cleanly" 0 "$TP_RC"

	check "unwire" bash -c "echo > $SYS/$A/peer"
	check_eq "B unwired too" "" "$(cat $SYS/$B/peer)"
	check "wire again" bash -c "echo $B > $SYS/$A/peer"

	log=$WORK/testpmd2.log
	tp_start "$log" --rxq=2 --txq=2
	check_forwarding "two queue pairs"
	tp_run "show port xstats 0"
	check "queue 1 of port 0 received" test "$(xstat rx_q1_packets)" -gt 0
	check "queue 1 of port 0 sent" test "$(xstat tx_q1_packets)" -gt 0
	check_unplug
	tp_quit
	check_eq "testpmd (2 queues) exits cleanly" 0 "$TP_RC"

	check "rmmod with a device left" rmmod mdev_sim
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
	guest_run --sim "$sim" --hugepages 128 --timeout 600 \
		--mdev mdev_sim-net=$A --mdev mdev_sim-net=$B \
		-- "$SCRIPT" --in-guest "$build"
}

case ${1:-} in
--in-guest) in_guest "$(readlink -f "$2")" ;;
'') echo "usage: ${0##*/} BUILD_DIR" >&2; exit 2 ;;
*) on_host "$(readlink -f "$1")" ;;
esac
