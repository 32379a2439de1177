#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Runs one libFuzzer harness from its committed seed corpus. New inputs go
# to a corpus in the build directory, never into the source tree; a crash
# input is written next to it and named in the output. The sysfs trees the
# harnesses build go to a directory of their own (on /dev/shm when there
# is one), removed afterwards even when the harness crashed.
#
# usage: run_fuzz.sh HARNESS SEED_DIR WORK_DIR [LIBFUZZER_OPTIONS...]
set -eu
exe=$1 seeds=$2 work=$3
shift 3
mkdir -p "$work" "$work.crashes"
FUZZ_TMPDIR=$(mktemp -d /dev/shm/mdev-fuzz.XXXXXX 2>/dev/null || mktemp -d)
export FUZZ_TMPDIR
trap 'rm -rf "$FUZZ_TMPDIR"' EXIT
status=0
"$exe" -artifact_prefix="$work.crashes/" -print_final_stats=1 \
	"$@" "$work" "$seeds" || status=$?
exit $status
