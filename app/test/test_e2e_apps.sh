#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# End to end: Debian's unmodified dpdk-testpmd and dpdk-test-crypto-perf
# load the mdev bus and the test drivers with -d and work on a fake sysfs
# tree. The test drivers log one line per probe and remove; the checks read
# those lines.
#
# usage: test_e2e_apps.sh BUILD_DIR
set -u

build=$(cd "$1" && pwd)
bus_lib=$build/drivers/bus/mdev/librte_bus_mdev.so
drv_lib=$build/app/test/librte_mdev_test_drv.so
# EAL refuses -d plugins below a world-writable directory, so stay in build.
mkdir -p "$build/app/test/tmp"
work=$(mktemp -d "$build/app/test/tmp/e2e.XXXXXX")
trap '[ -n "${KEEP_E2E:-}" ] || rm -rf "$work"' EXIT

tree=$("$build/app/mdev-fake-sysfs" --example "$work") || exit 1
export SYSFS_MDEV_DEVICES=$tree/bus/mdev/devices

SIM_A=0b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f01
SIM_B=5e1f0c2a-3b4d-4e6f-8a9b-0c1d2e3f4a02
SIM_AP=9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c03
GVT_A=c0ffee00-1234-4abc-9def-00000000a004
CCW=7e270a25-e163-4922-af60-757fc8ed48c6

eal=(-d "$bus_lib" -d "$drv_lib" --no-huge -m 512 --no-pci --no-shconf
	-l 0-1 --no-telemetry)
passed=0
failed=0

check() {
	local name=$1
	shift
	if "$@"; then
		echo "PASS: $name"
		passed=$((passed + 1))
	else
		echo "FAIL: $name"
		failed=$((failed + 1))
	fi
}

# testpmd COMMANDS EAL_ARGS... : runs testpmd interactively, output in $out.
testpmd() {
	local cmds=$1
	shift
	out=$work/testpmd.log
	printf '%b' "$cmds" | timeout 120 dpdk-testpmd "${eal[@]}" "$@" \
		-- -i --total-num-mbufs=2048 > "$out" 2>&1
	rc=$?
}

probes() {
	grep -c '^mdev_test: probe ' "$out"
}

has() {
	grep -qF -- "$1" "$out"
}

lacks() {
	! grep -qF -- "$1" "$out"
}

not_matching() {
	! grep -qE -- "$1" "$out"
}

# Allow list in both syntaxes, layers and case.
testpmd 'show port summary all\nquit\n' \
	-a "bus=mdev,uuid=$SIM_A" \
	-a "bus=mdev,uuid=${GVT_A^^}/class=crypto" \
	-a "${SIM_B^^},driver=mdev_test_crypto,key=val" \
	-a "mdev:$SIM_AP"
check "allow list: testpmd exits 0" test "$rc" -eq 0
check "allow list: exactly three probes" test "$(probes)" -eq 3
check "bus=mdev,uuid= probed by the eth driver" \
	has "probe $SIM_A driver=mdev_test_eth"
check "uppercase UUID with /class=crypto probed by the crypto driver" \
	has "probe $GVT_A driver=mdev_test_crypto"
check "legacy name with driver= and driver args" \
	has "probe $SIM_B driver=mdev_test_crypto type=mdev_sim-test args=\"driver=mdev_test_crypto,key=val\""
check "vfio-ap device allowed but not probed" lacks "probe $SIM_AP"
check "mdev device is a testpmd port" \
	grep -qE "^0 +[0-9A-F:]+ +$SIM_A +mdev_test_eth" "$out"
check "EAL cleanup removes every probed device" \
	test "$(grep -c '^mdev_test: remove ' "$out")" -eq 3

# Block list: every other vfio-pci device is probed.
testpmd 'quit\n' -b "bus=mdev,uuid=$SIM_A"
check "block list: testpmd exits 0" test "$rc" -eq 0
check "block list: blocked device not probed" lacks "probe $SIM_A"
check "block list: the other four vfio-pci devices probed" test "$(probes)" -eq 4
check "block list: vfio-ccw device not probed" lacks "probe $CCW"

# Hotplug through testpmd's attach/detach (rte_dev_probe/rte_dev_remove).
testpmd "port attach bus=mdev,uuid=$SIM_B\nshow port summary all\ndevice detach mdev:$SIM_B\nshow port summary all\nquit\n" \
	-a "bus=mdev,uuid=$SIM_A"
check "hotplug: attach probes the device" \
	has "probe $SIM_B driver=mdev_test_eth"
check "hotplug: testpmd sees the new port" has "Port 1 is attached"
check "hotplug: detach removes it" has "remove $SIM_B driver=mdev_test_eth"
check "hotplug: testpmd sees it detached" has "Device mdev:$SIM_B is detached"

# -A (--no-auto-probing, DPDK 26.07 on): nothing probed at start-up
# unless allowed, then rte_dev_probe() attaches. Earlier versions have no
# -A: there this part is not run, and says so.
if [ "$(printf '%s\n' 26.07 "$MDEV_DPDK_VERSION" | sort -V | head -n1)" = 26.07 ]; then
	testpmd "port attach bus=mdev,uuid=$SIM_B\nquit\n" -A
	check "-A: testpmd exits 0" test "$rc" -eq 0
	check "-A: only the attached device probed" test "$(probes)" -eq 1
	check "-A: attach probes it" has "probe $SIM_B driver=mdev_test_eth"
	testpmd 'quit\n' -A -a "bus=mdev,uuid=$SIM_A"
	check "-A with an allow list: the allowed device probed, only it" \
		test "$(probes)" -eq 1 -a "$(grep -c "probe $SIM_A" "$out")" -eq 1
else
	echo "NOTE: -A (--no-auto-probing) not checked: DPDK $MDEV_DPDK_VERSION has no such option"
fi

# A device taken from its driver stays listed, and the next attach reads
# its entry again: unchanged, it is probed again; re-created by the kernel
# as another device of that UUID (here an mdev_sim-ap: vfio-ap, which no
# vfio-pci driver takes), it is the new device, not the old one.
# recreate UUID PARENT TYPE: the device moved under PARENT, of TYPE.
recreate() {
	local d=$tree/devices/virtual/mdev_sim old
	old=$(readlink -f "$tree/bus/mdev/devices/$1")
	mv "$old" "$d/$2/$1" &&
		ln -sfn "../mdev_supported_types/$3" "$d/$2/$1/mdev_type" &&
		ln -sfn "../../../devices/virtual/mdev_sim/$2/$1" \
			"$tree/bus/mdev/devices/$1"
}
# wait_lines TEXT N: until testpmd has written N lines with TEXT (60 s).
wait_lines() {
	local i
	for i in $(seq 600); do
		[ "$(grep -cF -- "$1" "$out")" -ge "$2" ] && return 0
		sleep 0.1
	done
	return 1
}
out=$work/testpmd.log
{
	printf 'port attach bus=mdev,uuid=%s\ndevice detach mdev:%s\n' "$SIM_B" "$SIM_B"
	printf 'port attach bus=mdev,uuid=%s\ndevice detach mdev:%s\n' "$SIM_B" "$SIM_B"
	wait_lines "is detached" 2
	recreate "$SIM_B" mdev_sim_ap mdev_sim-ap
	printf 'port attach bus=mdev,uuid=%s\nquit\n' "$SIM_B"
} | timeout 120 stdbuf -oL -eL dpdk-testpmd "${eal[@]}" \
	-a "bus=mdev,uuid=$SIM_A" -- -i --total-num-mbufs=2048 > "$out" 2>&1
rc=$?
recreate "$SIM_B" mdev_sim mdev_sim-test
check "re-attach: testpmd exits 0" test "$rc" -eq 0
check "re-attach: the unchanged device is probed again" \
	test "$(grep -c "probe $SIM_B driver=mdev_test_eth" "$out")" -eq 2
check "re-attach: the re-created device is read again (vfio-ap, no driver)" \
	has "Driver cannot attach the device ($SIM_B)"
check "re-attach: nothing else probed" test "$(probes)" -eq 3

# A bad UUID fails EAL init and names the value.
testpmd 'quit\n' -a "bus=mdev,uuid=0b3c4a9e-not-a-uuid"
check "bad UUID: testpmd fails" test "$rc" -ne 0
check "bad UUID: the message names it" has "0b3c4a9e-not-a-uuid"
check "bad UUID: nothing probed" test "$(probes)" -eq 0

# A key given twice, the second even invalid, fails EAL init naming it.
testpmd 'quit\n' -a "bus=mdev,uuid=$SIM_A,uuid=$SIM_B"
check "uuid= twice: testpmd fails" test "$rc" -ne 0
check "uuid= twice: the message names the second value" \
	has "uuid given twice (\"$SIM_A\" and \"$SIM_B\")"
check "uuid= twice: nothing probed" test "$(probes)" -eq 0

# An unknown key fails EAL init naming the key.
testpmd 'quit\n' -a "bus=mdev,uid=$SIM_A"
check "unknown key: testpmd fails" test "$rc" -ne 0
check "unknown key: the message names it" has 'unknown key "uid"'

# A legacy name that is no mdev's UUID (a typo) goes to bus/vmbus, which
# testpmd loads from the PMD directory: the mdev bus says so and probes
# nothing rather than everything.
typo=00000000-1111-4222-8333-444444444444
testpmd 'quit\n' -a "$typo"
check "typo UUID: testpmd exits 0" test "$rc" -eq 0
check "typo UUID: a warning names it and the bus that took it" \
	has "MDEV_BUS: allowed device \"$typo\" went to bus vmbus"
check "typo UUID: nothing probed" test "$(probes)" -eq 0

# Devargs the bus cannot act on are named in a warning at start-up and
# on hot-plug.
testpmd "port attach bus=mdev,uuid=$GVT_A/driver=nosuch_drv2\nquit\n" \
	-a "bus=mdev" \
	-a "bus=mdev,uuid=$SIM_B/driver=nosuch_drv" \
	-a "bus=mdev,uuid=$SIM_A/driver=mdev_test_crypto" \
	-a "${SIM_A^^},driver=mdev_test_eth"
check "warnings: testpmd exits 0" test "$rc" -eq 0
check "bus=mdev without uuid=: a warning" \
	has 'MDEV_BUS: "bus=mdev" names no device (no uuid=)'
check "driver= naming no driver: a warning at start-up" \
	has "MDEV_BUS: $SIM_B: no mdev or PCI driver is named \"nosuch_drv\""
check "driver= naming no driver: a warning on hot-plug" \
	has "MDEV_BUS: $GVT_A: no mdev or PCI driver is named \"nosuch_drv2\""
check "one device allowed twice: a warning naming both drivers" \
	has "MDEV_BUS: $SIM_A: given twice, as \"driver=mdev_test_crypto\" and \"driver=mdev_test_eth\": the first is used"
check "one device allowed twice: the first is used" \
	has "probe $SIM_A driver=mdev_test_crypto"
check "warnings: only that device probed" test "$(probes)" -eq 1

# Built for one DPDK, the bus refuses to register into another.
LD_PRELOAD=$build/app/test/libversion_shim.so testpmd 'quit\n' \
	-a "bus=mdev,uuid=$SIM_A"
check "ABI guard: one clear line" \
	has "mdev bus built for DPDK $MDEV_DPDK_VERSION, not registered in DPDK 99.02.0"
check "ABI guard: no mdev bus, EAL init fails on bus=mdev" test "$rc" -ne 0
check "ABI guard: nothing probed" test "$(probes)" -eq 0

# No mdev support in the kernel: an empty bus.
SYSFS_MDEV_DEVICES=$work/nonexistent testpmd 'quit\n'
check "no /sys/bus/mdev: testpmd exits 0" test "$rc" -eq 0
check "no /sys/bus/mdev: nothing probed" test "$(probes)" -eq 0

# dpdk-test-crypto-perf selects the crypto driver with the class layer.
out=$work/crypto-perf.log
timeout 120 dpdk-test-crypto-perf "${eal[@]}" \
	-a "bus=mdev,uuid=$SIM_A/class=crypto" \
	-a "bus=mdev,uuid=$SIM_B" \
	-- --devtype mdev_test_crypto --ptest throughput > "$out" 2>&1
check "crypto-perf: /class=crypto probed by the crypto driver" \
	has "probe $SIM_A driver=mdev_test_crypto"
check "crypto-perf: no layer, first matching driver" \
	has "probe $SIM_B driver=mdev_test_eth"
check "crypto-perf: nothing else probed" test "$(probes)" -eq 2

# Telemetry inside a running testpmd, read with Debian's dpdk-telemetry.py.
out=$work/telemetry.log
prefix=mdev-e2e-$$
mkfifo "$work/stdin"
# Telemetry needs the runtime directory that --no-shconf does without.
dpdk-testpmd -d "$bus_lib" -d "$drv_lib" --no-huge -m 512 --no-pci -l 0-1 \
	--file-prefix "$prefix" \
	-a "bus=mdev,uuid=$SIM_A" -- -i --total-num-mbufs=2048 \
	< "$work/stdin" > "$work/telemetry-testpmd.log" 2>&1 &
tp_pid=$!
# testpmd keeps running until its input says quit, after the queries.
exec 3> "$work/stdin"
for i in $(seq 1 100); do
	[ -S "/var/run/dpdk/$prefix/dpdk_telemetry.v2" ] && break
	kill -0 "$tp_pid" 2>/dev/null || break
	sleep 0.1
done
printf '/mdev/list\n/mdev/list,8\n/mdev/list,-1\n/mdev/info,%s\n/mdev/info,%s\n' \
	"${SIM_A^^}" "$CCW" | dpdk-telemetry.py -f "$prefix" > "$out" 2>&1
echo quit >&3
exec 3>&-
wait "$tp_pid"
check "telemetry: /mdev/list, /mdev/info answer as the bus sees it, /mdev/list,-1 is refused" \
	python3 - "$out" "$SIM_A" "$CCW" <<'PY'
import json, sys
replies = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{"/mdev')]
lists = [r["/mdev/list"] for r in replies if "/mdev/list" in r]
infos = [r["/mdev/info"] for r in replies if "/mdev/info" in r]
full, page, negative = lists
assert len(full) == 10 and full == sorted(full), full
assert page == full[8:], page
assert negative is None, negative
a, ccw = infos
assert a["uuid"] == sys.argv[2] and a["driver"] == "mdev_test_eth", a
assert a["admitted"] == 1 and a["device_api"] == "vfio-pci", a
assert ccw["uuid"] == sys.argv[3] and ccw["admitted"] == 0, ccw
assert ccw["device_api"] == "vfio-ccw" and ccw["driver"] == "", ccw
PY

# No leak from the bus over init, probe, hotplug and cleanup: LeakSanitizer
# in a sanitizer build (valgrind cannot run sanitized code), else valgrind.
if [ -n "${MDEV_SANITIZER_PRELOAD:-}" ]; then
	out=$work/lsan.log
	printf "port attach bus=mdev,uuid=$SIM_B\ndevice detach mdev:$SIM_B\nquit\n" |
		ASAN_OPTIONS=detect_leaks=1 timeout 600 dpdk-testpmd "${eal[@]}" \
		-a "bus=mdev,uuid=$SIM_A" -- -i --total-num-mbufs=2048 > "$out" 2>&1
	rc=$?
	check "sanitizers: testpmd ran to its end and exits 0" \
		bash -c '[ "$1" -eq 0 ] && grep -q "Bye..." "$2"' _ "$rc" "$out"
	check "sanitizers: no leak, no invalid access, no undefined behaviour" \
		not_matching 'ERROR: (Leak|Address)Sanitizer|runtime error:'
elif command -v valgrind > /dev/null; then
	out=$work/valgrind.log
	printf "port attach bus=mdev,uuid=$SIM_B\ndevice detach mdev:$SIM_B\nquit\n" |
		timeout 600 valgrind --leak-check=full --show-leak-kinds=definite \
		--errors-for-leak-kinds=definite --num-callers=40 dpdk-testpmd "${eal[@]}" -a "bus=mdev,uuid=$SIM_A" \
		-- -i --total-num-mbufs=2048 > "$out" 2>&1
	check "valgrind: testpmd ran to its end" has "Bye..."
	check "valgrind: no definite leak" has "definitely lost: 0 bytes in 0 blocks"
	check "valgrind: no invalid access, no definite leak" \
		has "ERROR SUMMARY: 0 errors"
	check "valgrind: no error or leak record in the bus" \
		not_matching '^==[0-9]+== +(at|by) 0x.*(librte_bus_mdev|mdev_[a-z]+\.c)'

else
	echo "FAIL: valgrind is not installed (devtools/setup installs it)"
	failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
