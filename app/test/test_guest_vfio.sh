#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
#
# Guest suite of the VFIO helper library and the mdev bus: boots a guest with
# devtools/vm-run, an mdev_sim-test and an mdev_sim-ap device, and inside it
# (--in-guest) runs:
#   1. dpdk-mdev-info --detail, table and JSON, against the datasheet, and
#      with the test device's VFIO group held by someone else;
#   2. test_guest_vfio without hugepages (--no-huge): probe and DMA;
#   2c. the bus's PCI adapter: test PCI drivers (mdev_test_pci_drv.c) on
#      the test device through test_guest_pci_adapter;
#   3. test_guest_vfio with hugepages: everything, a secondary process, and
#      last the device's removal through sysfs while it is probed;
#   4. a RTE_MDEV_DRV_NEED_VFIO driver on the ap device, released after
#      the kernel removed its bus link;
#   5. 200 rounds of a fresh device's sysfs removal raced with
#      rte_dev_remove(), the last with rte_eal_cleanup(); then the kernel
#      log must hold no oops, BUG, WARNING or hung task;
#   6. the mdev_sim module fuzzed through raw VFIO, every type in both
#      container types; then a clean kernel log, no new taint, no device
#      left, and the module unloads.
# Runs 1, 2 and 4 use the bus's default VFIO container (the library's
# type1v2 one); 1 also checks iommu=type1 and iommu=eal, a run before 3
# (2b) uses iommu=eal (EAL's type1 container), and 3 iommu=type1 (the
# library's type1 container, with memory hotplug and a secondary process).
#
# usage: test_guest_vfio.sh BUILD_DIR
# Prints one line per check and "N passed, M failed" last; exits non-zero
# when a check failed. MDEV_SIM_KO names another mdev_sim.ko to load.

set -uo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
REPO_DIR=$(dirname "$(dirname "$(dirname "$SCRIPT")")")
readonly SCRIPT REPO_DIR
readonly TEST_UUID=6a1f0e4c-2b7d-4c3e-9f10-5e6d7c0a0001
readonly AP_UUID=6a1f0e4c-2b7d-4c3e-9f10-5e6d7c0a0002
readonly HUGEPAGES=64

# shellcheck source=checks.sh
. "$REPO_DIR/app/test/checks.sh"

finish() {
	summary
	exit
}

# count_lines FILE: add the file's check lines to the totals.
count_lines() {
	local ok bad

	ok=$(grep -c '^ok   - ' "$1")
	bad=$(grep -c '^FAIL - ' "$1")
	passed=$((passed + ok))
	failed=$((failed + bad))
}

# --- 1. dpdk-mdev-info --detail

# The datasheet's numbers (doc/guides/mdev_sim/test_device.rst), checked in
# the JSON output.
check_json() {
	python3 - "$1" "$TEST_UUID" "$AP_UUID" <<'EOF'
import json, sys

R, W, M, C = 1, 2, 4, 8
regions = [  # index, name, size, flags, sparse
    (0, 'BAR0', 0x10000, R | W | M | C, [{'offset': 0x1000, 'size': 0xf000}]),
    (1, 'BAR1', 0, 0, None), (2, 'BAR2', 0x100000, R | W | M, None),
    (3, 'BAR3', 0, 0, None), (4, 'BAR4', 32, R | W, None),
    (5, 'BAR5', 0, 0, None), (6, 'ROM', 0, 0, None),
    (7, 'CONFIG', 256, R | W, None), (8, 'VGA', 0, 0, None),
]
irqs = [  # index, name, count, flags
    (0, 'INTX', 1, 7), (1, 'MSI', 4, 9), (2, 'MSIX', 8, 9), (3, 'ERR', 1, 1),
    (4, 'REQ', 1, 1),
]
devs = {d['uuid']: d for d in json.load(open(sys.argv[1]))['devices']}
fails = []

def expect(what, got, want):
    ok = got == want
    print('%s - mdev-info --json: %s%s' % ('ok  ' if ok else 'FAIL', what,
          '' if ok else ': got %r, want %r' % (got, want)))

t, ap = devs.get(sys.argv[2]), devs.get(sys.argv[3])
expect('both devices listed', (t is not None, ap is not None), (True, True))
if t is not None:
    v = t.get('vfio') or {}
    expect('test device opened, no error', (t.get('vfio') is not None,
           t.get('vfio_error')), (True, None))
    expect('test device flags', (v.get('flags'), v.get('flag_names')),
           (3, ['RESET', 'PCI']))
    got = v.get('regions', [])
    expect('test device has 9 regions', len(got), 9)
    for want, r in zip(regions, got):
        i, name, size, flags, sparse = want
        seen = (r['index'], r['name'], r['size'], r['flags'])
        if size:
            expect('region %d %s: index, name, size, flags' % (i, name), seen,
                   (i, name, size, flags))
            expect('region %d %s: offset' % (i, name), r['offset'], i << 40)
            expect('region %d %s: sparse areas' % (i, name), r['sparse'], sparse)
        else:
            expect('region %d %s: empty' % (i, name), seen[:3], (i, name, 0))
        expect('region %d: no other capability' % i,
               (r['type'], r['msix_mappable']), (None, False))
    got = v.get('irqs', [])
    expect('test device has 5 IRQ indexes', len(got), 5)
    for want, q in zip(irqs, got):
        expect('IRQ index %d %s' % (want[0], want[1]),
               (q['index'], q['name'], q['count'], q['flags']), want)
    expect('IRQ flag names of INTx', got[0]['flag_names'] if got else None,
           ['EVENTFD', 'MASKABLE', 'AUTOMASKED'])
    expect('test device in the type1v2 container',
           (v.get('iommu_type'), v.get('container')), ('type1v2', 'type1v2'))
if ap is not None:
    v = ap.get('vfio') or {}
    expect('ap device opened, no error', (ap.get('vfio') is not None,
           ap.get('vfio_error')), (True, None))
    expect('ap device: flags AP|RESET, no regions, no IRQs',
           (v.get('flags'), v.get('flag_names'), v.get('regions'), v.get('irqs')),
           (0x21, ['RESET', 'AP'], [], []))
EOF
}

# block UUID FILE: the --detail block of UUID in a table output.
block() {
	awk -v u="$1" 'seen && $1 == u { f = 1 } f && /^$/ { exit } f { print }
		/^[0-9]+ devices?, / { seen = 1 }' "$2"
}

# region_line FILE INDEX: the columns of one region line of a block.
region_line() {
	awk -v i="$2" '$1 == i && NF >= 7 { $1 = $1; print; exit }' "$1"
}

mdev_info_checks() {
	local tool=$1 work=$2 rc group

	"$tool" -- --detail >"$work/table" 2>"$work/table.err"
	rc=$?
	cat "$work/table" "$work/table.err" | sed 's/^/# /'
	check "mdev-info --detail: exit 0" test "$rc" -eq 0
	check "mdev-info --detail: summary line before the blocks" \
		grep -qx '2 devices, 2 admitted, 0 with a driver' "$work/table"
	block "$TEST_UUID" "$work/table" >"$work/test.block"
	block "$AP_UUID" "$work/table" >"$work/ap.block"
	check "mdev-info --detail: test device header line" \
		grep -qx "$TEST_UUID  flags 0x3 RESET|PCI  regions 9  irqs 5" "$work/test.block"
	check "mdev-info --detail: BAR0 line with its sparse area" test \
		"$(region_line "$work/test.block" 0)" = \
		"0 BAR0 0x10000 0 READ|WRITE|MMAP|CAPS 0x1000+0xf000 -"
	check "mdev-info --detail: BAR2 line" test \
		"$(region_line "$work/test.block" 2)" = \
		"2 BAR2 0x100000 0x20000000000 READ|WRITE|MMAP - -"
	check "mdev-info --detail: BAR4 line" test \
		"$(region_line "$work/test.block" 4)" = \
		"4 BAR4 0x20 0x40000000000 READ|WRITE - -"
	check "mdev-info --detail: MSI-X line" \
		grep -qE '^  2 +MSIX +8 +EVENTFD\|NORESIZE$' "$work/test.block"
	check "mdev-info --detail: REQ line" \
		grep -qE '^  4 +REQ +1 +EVENTFD$' "$work/test.block"
	check "mdev-info --detail: ap header line" \
		grep -qx "$AP_UUID  flags 0x21 RESET|AP  regions 0  irqs 0" "$work/ap.block"
	check "mdev-info --detail: test device in the type1v2 container by default" \
		grep -qx "  iommu type1v2  container type1v2" "$work/test.block"
	check "mdev-info --detail: ap device in the type1v2 container by default" \
		grep -qx "  iommu type1v2  container type1v2" "$work/ap.block"

	# iommu=eal: EAL's container, which EAL sets to type1 (v1).
	"$tool" -a "bus=mdev,uuid=$TEST_UUID,iommu=eal" -- --detail \
		>"$work/eal" 2>"$work/eal.err"
	rc=$?
	sed 's/^/# /' "$work/eal.err"
	block "$TEST_UUID" "$work/eal" >"$work/eal.block"
	check "mdev-info --detail, iommu=eal: exit 0" test "$rc" -eq 0
	check "mdev-info --detail, iommu=eal: type1 in EAL's container" \
		grep -qx "  iommu type1  container eal" "$work/eal.block"
	# iommu=type1: the library's own container, set to type1 (v1).
	"$tool" -a "bus=mdev,uuid=$TEST_UUID,iommu=type1" -- --detail \
		>"$work/type1" 2>"$work/type1.err"
	rc=$?
	sed 's/^/# /' "$work/type1.err"
	block "$TEST_UUID" "$work/type1" >"$work/type1.block"
	check "mdev-info --detail, iommu=type1: exit 0" test "$rc" -eq 0
	check "mdev-info --detail, iommu=type1: type1 in the library's type1 container" \
		grep -qx "  iommu type1  container type1" "$work/type1.block"
	"$tool" -a "bus=mdev,uuid=$TEST_UUID,iommu=type2" -- --detail \
		>"$work/badiommu" 2>"$work/badiommu.err"
	rc=$?
	check "mdev-info, iommu=type2: refused (exit $rc)" test "$rc" -ne 0
	check "mdev-info, iommu=type2: the error names the value" \
		grep -q 'invalid iommu "type2"' "$work/badiommu.err"

	"$tool" -- --detail --json >"$work/json" 2>"$work/json.err"
	rc=$?
	check "mdev-info --detail --json: exit 0" test "$rc" -eq 0
	check_json "$work/json" >"$work/json.checks" 2>&1 ||
		echo "FAIL - mdev-info --json: checker failed" >>"$work/json.checks"
	cat "$work/json.checks"
	count_lines "$work/json.checks"

	# Someone else holds the test device's VFIO group: a clear error for
	# it, the other device still detailed.
	group=$(basename "$(readlink "/sys/bus/mdev/devices/$TEST_UUID/iommu_group")")
	exec 9<>"/dev/vfio/$group"
	"$tool" -- --detail >"$work/busy" 2>"$work/busy.err"
	rc=$?
	exec 9>&-
	sed 's/^/# /' "$work/busy.err"
	check "mdev-info --detail, group busy: exit 3" test "$rc" -eq 3
	check "mdev-info --detail, group busy: error on stderr names the device" \
		grep -q "dpdk-mdev-info: $TEST_UUID: cannot open through VFIO" "$work/busy.err"
	check "mdev-info --detail, group busy: error line in its block" \
		grep -q "^$TEST_UUID  error: cannot open through VFIO" "$work/busy"
	check "mdev-info --detail, group busy: the ap device is still detailed" \
		grep -q "^$AP_UUID  flags 0x21 RESET|AP" "$work/busy"
}

# The kernel said nothing of a fault: no oops, BUG, WARNING or hung task.
kernel_log_clean() {
	! dmesg | grep -E 'WARNING:|BUG:|Oops|blocked for more than'
}

# --- 2c. the PCI adapter

# pci_run LABEL UUID DEVARGS DRIVER EAL_ARGS...: test_guest_pci_adapter, its
# stdout and stderr (EAL's log, the test drivers' lines) in one file.
pci_run() {
	local label=$1 rc
	shift

	"$build/app/test/test_guest_pci_adapter" "$@" >"$work/$label.out" 2>&1
	rc=$?
	grep -E '^(ok|FAIL) ' "$work/$label.out"
	count_lines "$work/$label.out"
	grep -E 'TEST_PCI|MDEV_BUS' "$work/$label.out" | sed 's/^/# /'
	check "pci adapter ($label) exits 0 (exit $rc)" test "$rc" -eq 0
}

# has LABEL REGEX: the run's output has a line matching REGEX.
has() {
	grep -qE -- "$2" "$work/$1.out"
}

# The test PCI drivers (mdev_test_pci_drv.c) on the test device: the best
# match first, the next when it declines, driver= and the driver layer's
# arguments, pci_adapter=, a failing probe, a driver that maps the device
# itself, and mdev drivers first.
pci_adapter_checks() {
	local pdrv=$build/app/test/librte_mdev_test_pci_drv.so T=$TEST_UUID da
	local eal=(--no-pci --no-telemetry -l 0-1 --no-huge -m 64 --no-shconf)

	da="bus=mdev,uuid=$T"
	pci_run pci-best "$T" "$da" test_pci_map -d "$pdrv" -a "$da" "${eal[@]}"
	check "pci adapter: the best match (test_pci_decline) is tried first and declines" \
		has pci-best "^TEST_PCI: test_pci_decline declines $T"
	check "pci adapter: then test_pci_map: config space, BAR0, MSI-X as bus/pci gives them" \
		has pci-best "^TEST_PCI: probe $T by test_pci_map: config 1234:11e0 bar0 mapped intr msix args \"\" pci_name ffff[0-9a-f]{4}:00:00.0$"
	check "pci adapter: the weaker match (test_pci_vendor) is not tried" \
		bash -c "! grep -q 'by test_pci_vendor' '$work/pci-best.out'"
	check "pci adapter: probed twice (init, rte_dev_probe), not a third time" \
		test "$(grep -c "^TEST_PCI: probe $T" "$work/pci-best.out")" -eq 2
	check "pci adapter: a driver without RTE_PCI_DRV_NEED_MAPPING is not offered it, said once per probe" \
		test "$(grep -c "PCI driver test_pci_nomap matches but maps the device itself by PCI address (no RTE_PCI_DRV_NEED_MAPPING): not offered" "$work/pci-best.out")" -eq 2
	check "pci adapter: no driver is offered a device it does not match" \
		bash -c "! grep -q 'must not happen' '$work/pci-best.out'"
	check "pci adapter: removed from test_pci_map twice (rte_dev_remove, cleanup)" \
		test "$(grep -c "^TEST_PCI: remove $T" "$work/pci-best.out")" -eq 2

	da="bus=mdev,uuid=$T/driver=test_pci_vendor,k1=v1,k2"
	pci_run pci-named "$T" "$da" test_pci_vendor -d "$pdrv" -a "$da" \
		"${eal[@]}"
	check "pci adapter: driver= picks the named PCI driver; its arguments without driver=" \
		has pci-named "^TEST_PCI: probe $T by test_pci_vendor: .* args \"k1=v1,k2\""
	check "pci adapter: driver= tries no other PCI driver" \
		bash -c "! grep -q 'declines' '$work/pci-named.out'"

	da="bus=mdev,uuid=$T,pci_adapter=0"
	pci_run pci-off "$T" "$da" - -d "$pdrv" -a "$da" "${eal[@]}"
	check "pci adapter: pci_adapter=0 offers the device to no PCI driver" \
		bash -c "! grep -q '^TEST_PCI' '$work/pci-off.out'"

	da="bus=mdev,uuid=$T/driver=test_pci_map,fail=1"
	pci_run pci-fail "$T" "$da" - -d "$pdrv" -a "$da" "${eal[@]}"
	check "pci adapter: a failing PCI probe is reported and leaves the device free" \
		has pci-fail "MDEV_BUS: $T: PCI driver test_pci_map failed to probe it"

	da="bus=mdev,uuid=$T,pci_adapter=2"
	"$build/app/test/test_guest_pci_adapter" "$T" "$da" - -d "$pdrv" \
		-a "$da" "${eal[@]}" >"$work/pci-bad.out" 2>&1
	check "pci adapter: pci_adapter=2 fails EAL init, naming the value" \
		has pci-bad 'invalid pci_adapter "2" in "bus=mdev,uuid=.*,pci_adapter=2": 0 or 1'

	da="bus=mdev,uuid=$T"
	pci_run pci-mdev-first "$T" "$da" mdev:mdev_test_vfio -d "$pdrv" \
		-d "$drv" -a "$da" "${eal[@]}"
	check "pci adapter: an mdev driver that matches comes before PCI drivers" \
		bash -c "! grep -q '^TEST_PCI: probe' '$work/pci-mdev-first.out'"
}

# --- 6. the module fuzzed from userspace

# Every type the module offers, random operations on each (see
# test_guest_module_fuzz.c); MDEV_FUZZ_SEED picks another sequence. Last,
# nothing may be left behind: no device, no new taint, the module unloads.
module_fuzz() {
	local build=$1 taint0 rc

	taint0=$(cat /proc/sys/kernel/tainted)
	# The kernel's hung-task detector reports a task blocked for longer
	# than this: 30 s instead of 120, so that a stall in the module shorter
	# than the whole run's time limit is named in the kernel log too.
	check "hung-task detector set to 30 s" \
		bash -c 'echo 30 >/proc/sys/kernel/hung_task_timeout_secs'
	"$build/app/test/test_guest_module_fuzz" 3000 "${MDEV_FUZZ_SEED:-1}" \
		>"$work/fuzz.out" 2>&1
	rc=$?
	sed 's/^/# /' "$work/fuzz.out" | tail -n 20
	check "module fuzz: every type driven, removed (exit $rc)" test "$rc" -eq 0
	check "kernel log after the module fuzz: no oops, BUG, WARNING or hung task" \
		kernel_log_clean
	check_eq "kernel taint unchanged by the fuzz" "$taint0" \
		"$(cat /proc/sys/kernel/tainted)"
	check "no mediated device left" \
		bash -c '[ -z "$(ls /sys/bus/mdev/devices)" ]'
	check "mdev_sim unloads" rmmod mdev_sim
}

# --- 2. and 3. test_guest_vfio

# run_prog LABEL EAL_ARGS... -- APP_ARGS...: one run of the test program.
run_prog() {
	local label=$1 out rc
	shift

	out=$work/$label.out
	"$prog" "$@" >"$out" 2>"$work/$label.err"
	rc=$?
	cat "$out"
	sed 's/^/# stderr: /' "$work/$label.err" | tail -n 40
	count_lines "$out"
	check "test_guest_vfio ($label) exits 0 (exit $rc)" test "$rc" -eq 0
}

in_guest() {
	local build=$1 tool drv eal mp

	tool=$build/app/dpdk-mdev-info/dpdk-mdev-info
	prog=$build/app/test/test_guest_vfio
	drv=$build/app/test/librte_mdev_test_vfio_drv.so
	work=$(mktemp -d /tmp/guest-vfio.XXXXXX)

	echo "# 1. dpdk-mdev-info --detail"
	mdev_info_checks "$tool" "$work"

	eal=(-d "$drv" -a "bus=mdev,uuid=$TEST_UUID" -a "bus=mdev,uuid=$AP_UUID"
	     --no-pci --no-telemetry -l 0-1)
	# Runs 2b and 3 start a secondary process.
	read -ra mp <<<"$(mp_eal_args)"
	echo "# 2. test_guest_vfio --no-huge"
	run_prog no-huge "${eal[@]}" --no-huge -m 64 --no-shconf -- \
		--drv "$drv" --uuid "$TEST_UUID" --mode dma --huge no \
		--iommu type1v2 --label no-huge
	echo "# 2b. test_guest_vfio with hugepages, iommu=eal"
	run_prog eal -d "$drv" -a "bus=mdev,uuid=$TEST_UUID,iommu=eal" \
		-a "bus=mdev,uuid=$AP_UUID" --no-pci --no-telemetry -l 0-1 \
		"${mp[@]}" -- \
		--drv "$drv" --uuid "$TEST_UUID" --ap-uuid "$AP_UUID" \
		--mode full --huge yes --iommu eal --hotplug --label eal
	echo "# 2c. the PCI adapter: PCI drivers on the test device"
	pci_adapter_checks
	echo "# 3. test_guest_vfio with hugepages, iommu=type1"
	run_prog hugepages -d "$drv" -a "bus=mdev,uuid=$TEST_UUID,iommu=type1" \
		-a "bus=mdev,uuid=$AP_UUID" --no-pci --no-telemetry -l 0-1 \
		"${mp[@]}" -- --drv "$drv" --uuid "$TEST_UUID" \
		--ap-uuid "$AP_UUID" --mode full --huge yes --remove \
		--iommu type1 --hotplug --label hugepages
	# The ap device last: this run removes it.
	echo "# 4. a RTE_MDEV_DRV_NEED_VFIO driver, removal through sysfs"
	run_prog needvfio -a "bus=mdev,uuid=$AP_UUID" --no-pci --no-telemetry \
		-l 0 -- --drv "$drv" --uuid "$AP_UUID" --mode needvfio \
		--iommu type1v2 --label needvfio
	echo "# 5. stress: sysfs remove raced with rte_dev_remove(), then rte_eal_cleanup()"
	run_prog stress -d "$drv" --no-pci --no-telemetry -l 0-1 -- \
		--drv "$drv" --uuid "$TEST_UUID" --mode stress --rounds 200 \
		--label stress
	check "kernel log after the stress: no oops, BUG, WARNING or hung task" \
		kernel_log_clean
	echo "# 6. the mdev_sim module fuzzed through raw VFIO"
	module_fuzz "$build"
	finish
}

on_host() {
	local build=$1 sim=${MDEV_SIM_KO:-$REPO_DIR/kernel/linux/mdev_sim/mdev_sim.ko}

	# Built beforehand (devtools/run-tests does), like guest-crypto.
	if [[ ! -f $sim ]]; then
		echo "FAIL - $sim not built: run make -C kernel/linux/mdev_sim first"
		echo "0 passed, 1 failed"
		exit 1
	fi
	guest_run --sim "$sim" --hugepages "$HUGEPAGES" \
		--mdev "mdev_sim-test=$TEST_UUID" --mdev "mdev_sim-ap=$AP_UUID" \
		--timeout 900 -- "$SCRIPT" --in-guest "$build"
}

case ${1:-} in
--in-guest) [[ $# -eq 2 ]] || exit 2; in_guest "$(readlink -f "$2")" ;;
-h|--help|'') echo "usage: ${0##*/} BUILD_DIR" >&2; exit 2 ;;
*) [[ -d $1 ]] || { echo "${0##*/}: no build directory $1" >&2; exit 2; }
   on_host "$(readlink -f "$1")" ;;
esac
