# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
# shellcheck shell=bash
#
# Check counting shared by the guest test scripts (sourced, not run): one
# "ok   - ..." or "FAIL - ..." line per check, totals at the end.

passed=0
failed=0

ok() {
	passed=$((passed + 1))
	echo "ok   - $*"
}

bad() {
	failed=$((failed + 1))
	echo "FAIL - $*"
}

# check WHAT COMMAND...: the check passes when COMMAND succeeds.
check() {
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		ok "$what"
	else
		bad "$what"
	fi
}

check_eq() {
	local what=$1 want=$2 got=$3
	if [[ $got == "$want" ]]; then
		ok "$what"
	else
		bad "$what: want '$want', got '$got'"
	fi
}

# wait_for SECONDS COMMAND...: until COMMAND succeeds, trying every 0.2 s;
# fails when it has not within SECONDS.
wait_for() {
	local secs=$1 i
	shift
	for ((i = 0; i < secs * 5; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	return 1
}

# Prints the totals; fails when any check failed.
summary() {
	echo "$passed passed, $failed failed"
	[[ $failed -eq 0 ]]
}

# guest_run VM_RUN_ARGS...: boots the guest with $REPO_DIR/devtools/vm-run,
# passes on what the in-guest checks printed and exits with their status.
# When the guest itself failed (vm-run's 124 and up: time limit, boot or
# set-up failure), the totals it printed, if it got that far, count one more
# failed check, so that a run cut short never reads as a pass.
guest_run() {
	local out rc

	out=$("$REPO_DIR/devtools/vm-run" "$@")
	rc=$?
	printf '%s\n' "$out" | sed '$d'
	if [[ $rc -ge 124 ]]; then
		passed=$(sed -n 's/^\([0-9]*\) passed.*/\1/p' <<<"$out" | tail -n1)
		failed=$(sed -n 's/.* \([0-9]*\) failed$/\1/p' <<<"$out" | tail -n1)
		passed=${passed:-0}
		failed=$((${failed:-0} + 1))
		echo "FAIL - guest run (vm-run exit $rc)"
		summary
		exit
	fi
	printf '%s\n' "$out" | tail -n1
	exit "$rc"
}

# mp_eal_args: EAL options for runs with a secondary process. Under the
# sanitizer runtime, its shadow memory holds the address EAL first asks
# for (4 GiB on x86_64), so EAL's memory lands wherever the kernel puts
# it, among the shared libraries; a secondary process, with its own
# libraries at their own random places, may then find that range taken
# and fail rte_eal_init() with ENOMEM. A base above the libraries and
# outside the sanitizer's ranges makes the addresses the same every run.
mp_eal_args() {
	[[ -z ${MDEV_SANITIZER_PRELOAD:-} ]] ||
		echo --base-virtaddr=0x200000000000
}
