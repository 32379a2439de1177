# SPDX-License-Identifier: BSD-3-Clause
#
# Driving Debian's dpdk-testpmd from a guest test script (sourced after
# checks.sh): testpmd runs in the background in interactive mode with its
# stdin on a FIFO and its output in a log; every command waits for the
# prompt after it. The sourcing script defines eal_args (the EAL
# arguments), WORK (a directory for the FIFO), A and B (the UUIDs of the
# two wired devices, B's link set through $SYS/$B/link) and RUN_PKTS.

TP_LOG=
TP_PID=
TP_RC=

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

# Output of the last command lacks TEXT.
# shellcheck disable=SC2317
tp_lacks() {
	! tp_has "$1"
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
