# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
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

# Prints the totals; fails when any check failed.
summary() {
	echo "$passed passed, $failed failed"
	[[ $failed -eq 0 ]]
}
