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
TP_LOG=

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
TP_PID=

# eal_args [PREFIX]: EAL arguments shared by testpmd and its secondary
# (which picks its cores); a program of its own gives another file prefix
# (EAL 25.11 refuses an option given twice).
eal_args() {
	echo --no-pci --file-prefix "${1:-mdevnet}" \
		-d "$BUILD/drivers/bus/mdev/librte_bus_mdev.so" \
		-d "$BUILD/drivers/net/mdev_sim/librte_net_mdev_sim.so" \
		-a bus=mdev,uuid=$A -a bus=mdev,uuid=$B $(mp_eal_args)
}

# tp_start LOG TESTPMD_ARGS...: testpmd in the background, stdin on a FIFO.
tp_start() {
	TP_LOG=$1
	shift
	rm -f "$WORK/fifo"
	mkfifo "$WORK/fifo"
	# shellcheck disable=SC2046
	# Unbuffered stdio keeps printf output in order with the prompts,
	# which the command line library writes straight to the fd.
	timeout 300 stdbuf -o0 -e0 dpdk-testpmd -l 0-1 -m 128 $(eal_args) -- -i \
		--forward-mode=io \
		--total-num-mbufs=8192 "$@" <"$WORK/fifo" >"$TP_LOG" 2>&1 &
	TP_PID=$!
	exec 3>"$WORK/fifo"
	MARK_LINE=0
	tp_wait 'testpmd> ' 120
}

tp() {
	echo "$1" >&3
}

# tp_wait PATTERN [SECONDS]: until PATTERN appears in the log after the
# last mark.
tp_wait() {
	local pat=$1 secs=${2:-30} i
	for ((i = 0; i < secs * 5; i++)); do
		if tp_since_mark | grep -qF -- "$pat"; then
			return 0
		fi
		kill -0 "$TP_PID" 2>/dev/null || return 1
		sleep 0.2
	done
	return 1
}

MARK_LINE=0
tp_mark() {
	MARK_LINE=$(wc -l <"$TP_LOG")
}

# Output since the last command was sent.
tp_since_mark() {
	tail -n +$((MARK_LINE + 1)) "$TP_LOG"
}

prompts() {
	grep -o 'testpmd> ' "$TP_LOG" | wc -l
}

# tp_run CMD [SECONDS]: run one command and wait for the prompt after it;
# every command gives exactly one new prompt.
tp_run() {
	local secs=${2:-60} n i
	[[ -z ${NET_TEST_TRACE:-} ]] || echo "     [${SECONDS}s] testpmd> $1"
	n=$(prompts)
	tp_mark
	tp "$1"
	for ((i = 0; i < secs * 5; i++)); do
		[[ $(prompts) -gt $n ]] && return 0
		kill -0 "$TP_PID" 2>/dev/null || return 1
		sleep 0.2
	done
	echo "     (no prompt after '$1' in ${secs}s)"
	return 1
}

# Output of the last command has TEXT. Called through check.
# shellcheck disable=SC2317
tp_has() {
	tp_since_mark | grep -qF -- "$1"
}

tp_quit() {
	tp "quit"
	exec 3>&-
	wait "$TP_PID"
	TP_RC=$?
	TP_PID=
}

# stat PORT FIELD: a value from the last "show port stats" output.
stat() {
	tp_since_mark | awk -v port="$1" -v field="$2" '
		/NIC statistics for port/ { cur = $(NF - 1) }
		cur == port {
			for (i = 1; i < NF; i++)
				if ($i == field ":") { print $(i + 1); exit }
		}'
}

xstat() {
	tp_since_mark | awk -v name="$1:" '$1 == name { print $2; exit }'
}

show_stats() {
	tp_run "show port stats all"
}

# Both ports have received more than N packets (asks testpmd).
ports_received() {
	show_stats || return 1
	[[ $(stat 0 RX-packets) -gt $1 && $(stat 1 RX-packets) -gt $1 ]]
}

# Forwarding until each port received RUN_PKTS packets, then the counters
# of both ports must agree: what one port sent the other received, and
# nothing was lost.
check_forwarding() {
	local what=$1 rx0 rx1 tx0 tx1
	tp_run "start tx_first"
	check "$what: each port receives more than $RUN_PKTS packets" \
		wait_for 120 ports_received "$RUN_PKTS"
	tp_run "stop"
	show_stats
	rx0=$(stat 0 RX-packets)
	rx1=$(stat 1 RX-packets)
	tx0=$(stat 0 TX-packets)
	tx1=$(stat 1 TX-packets)
	echo "     $what: port 0 rx $rx0 tx $tx0, port 1 rx $rx1 tx $tx1"
	check "$what: packets circulated (more than $RUN_PKTS per port)" \
		test "${rx0:-0}" -gt "$RUN_PKTS" -a "${rx1:-0}" -gt "$RUN_PKTS"
	check_eq "$what: port 1 received what port 0 sent" "$tx0" "$rx1"
	check_eq "$what: port 0 received what port 1 sent" "$tx1" "$rx0"
	check_eq "$what: no RX errors" "0 0" "$(stat 0 RX-errors) $(stat 1 RX-errors)"
	check_eq "$what: no RX missed" "0 0" "$(stat 0 RX-missed) $(stat 1 RX-missed)"
	check_eq "$what: no TX errors" "0 0" "$(stat 0 TX-errors) $(stat 1 TX-errors)"
	check_eq "$what: no mbuf shortage" "0 0" "$(stat 0 RX-nombuf) $(stat 1 RX-nombuf)"
}

lsc_events() {
	grep -c "Port $1: link state change event" "$TP_LOG"
}

# lsc_events_reach PORT N: port PORT has had N LSC events.
lsc_events_reach() {
	[[ $(lsc_events "$1") -ge $2 ]]
}

check_lsc() {
	local before0 before1
	before0=$(lsc_events 0)
	before1=$(lsc_events 1)
	check "link down through sysfs" bash -c "echo down > $SYS/$B/link"
	check "LSC event on port 1 (the device set down)" \
		tp_wait "Port 1: link state change event" 20
	check "LSC event on port 0 (the cable's other end)" \
		wait_for 20 lsc_events_reach 0 $((before0 + 1))
	tp_run "show port info 0"
	check "port 0 shows link down (the cable's other end)" \
		tp_has "Link status: down"
	check "link up through sysfs" bash -c "echo up > $SYS/$B/link"
	wait_for 20 lsc_events_reach 0 $((before0 + 2))
	wait_for 20 lsc_events_reach 1 $((before1 + 2))
	check_eq "two LSC events on port 0" $((before0 + 2)) "$(lsc_events 0)"
	check_eq "two LSC events on port 1" $((before1 + 2)) "$(lsc_events 1)"
	tp_run "show port info 0"
	check "port 0 shows link up again" tp_has "Link status: up"
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
