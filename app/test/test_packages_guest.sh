#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
#
# The installed packages at work, in the test guest booted on a root that
# has them (devtools/test-packages): the DKMS-built mdev_sim loaded with
# modprobe, mediated devices defined and started with mdevctl as on a real
# host, Debian's dpdk-testpmd forwarding between two mediated NICs and
# dpdk-test-crypto-perf verifying on a mediated crypto device, with no -d
# option and no LD_LIBRARY_PATH: EAL loads the bus and the PMDs from its
# driver directory. dpdk-mdev-info runs from /usr/bin.
#
# usage (in the guest): test_packages_guest.sh CPERF_DATA_DIR WORK_DIR

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=app/test/checks.sh
. "$SCRIPT_DIR/checks.sh"

readonly DATA_DIR=$1 WORK=$2
readonly A=6d1b0a52-2c4e-4b8a-9f0e-000000000a01
readonly B=6d1b0a52-2c4e-4b8a-9f0e-000000000a02
readonly C=6d1b0a52-2c4e-4b8a-9f0e-000000000c01
readonly SYS=/sys/bus/mdev/devices

# The parent device offering an mdev type.
parent_of() {
	local d
	d=$(echo /sys/class/mdev_bus/*/mdev_supported_types/"$1")
	basename "$(dirname "$(dirname "$d")")"
}

# define_start UUID TYPE: a persistent definition, then started.
define_start() {
	local p
	p=$(parent_of "$2")
	check "mdevctl define $2 $1 on $p" mdevctl define -u "$1" -p "$p" -t "$2"
	check "mdevctl start $1" mdevctl start -u "$1"
	check "$1 is on the mdev bus" test -d "$SYS/$1"
}

# Both ports of testpmd's periodic statistics show received packets.
both_ports_receive() {
	local n
	n=$(grep -E '^ *RX-packets: *[1-9]' "$WORK/testpmd.log" | tail -n 2 | wc -l)
	[[ $n -eq 2 ]]
}

echo "# module and devices"
check_eq "no LD_LIBRARY_PATH" "" "${LD_LIBRARY_PATH:-}"
check "modprobe mdev_sim" modprobe mdev_sim
ko=$(modinfo -n mdev_sim 2>/dev/null)
check "mdev_sim comes from DKMS ($ko)" grep -q '/updates/' <<<"$ko"
define_start $A mdev_sim-net
define_start $B mdev_sim-net
define_start $C mdev_sim-crypto
check "mdevctl lists the three as defined" \
	test "$(mdevctl list --defined | grep -c -e $A -e $B -e $C)" -eq 3
check "wire the two NICs" bash -c "echo $B > $SYS/$A/peer"

echo "# dpdk-mdev-info"
check_eq "dpdk-mdev-info is /usr/bin's" /usr/bin/dpdk-mdev-info \
	"$(command -v dpdk-mdev-info)"
info=$(dpdk-mdev-info 2>&1)
for u in $A $B; do
	check "dpdk-mdev-info lists $u for net_mdev_sim" \
		grep -q "$u.*net_mdev_sim" <<<"$info"
done
check "dpdk-mdev-info lists $C for crypto_mdev_sim" \
	grep -q "$C.*crypto_mdev_sim" <<<"$info"

echo "# dpdk-testpmd"
# --stats-period: testpmd forwards and prints statistics until signalled
# (stdbuf execs it: $! is testpmd's).
stdbuf -o0 dpdk-testpmd -l 0-1 -m 128 --no-pci --in-memory \
	--log-level=lib.eal:debug -a bus=mdev,uuid=$A -a bus=mdev,uuid=$B -- \
	--forward-mode=io --tx-first --stats-period 1 --total-num-mbufs=8192 \
	>"$WORK/testpmd.log" 2>&1 &
tp=$!
check "testpmd forwards on both mediated NICs" wait_for 90 both_ports_receive
kill -INT $tp
if wait_for 30 bash -c "! kill -0 $tp"; then
	wait $tp
	rc=$?
else
	kill -KILL $tp
	rc="still running 30 s after SIGINT"
fi
check_eq "testpmd exits cleanly on SIGINT" 0 "$rc"
log=$(cat "$WORK/testpmd.log")
check "EAL loaded the bus from its driver directory" \
	grep -qE 'open shared lib .*/dpdk/pmds-[0-9.]+/librte_bus_mdev\.so' <<<"$log"
check "testpmd has both mediated NICs as ports 0 and 1" \
	test "$(grep -cE '^Port [01]: ([0-9A-F]{2}:){5}[0-9A-F]{2}' <<<"$log")" -eq 2
[[ $failed -eq 0 ]] || tail -n 20 "$WORK/testpmd.log"

echo "# dpdk-test-crypto-perf"
out=$(timeout 120 dpdk-test-crypto-perf -l 0-1 --in-memory \
	-a "bus=mdev,uuid=$C" -- --devtype crypto_mdev_sim --ptest verify \
	--test-file "$DATA_DIR/aes_cbc_128_sha.data" \
	--test-name sha256_hmac_buff_2048 --buffer-sz 2048 --total-ops 256 \
	--optype cipher-then-auth --cipher-algo aes-cbc --cipher-op encrypt \
	--cipher-iv-sz 16 --auth-op generate --cipher-key-sz 16 \
	--auth-algo sha2-256-hmac --auth-key-sz 64 --digest-sz 32 2>&1)
rc=$?
# The row: lcore, buffer, burst, enqueued, dequeued, failed enq/deq, failed ops.
row=$(awk '/Failed Enq/ { on = 1; next } on && $1 ~ /^[0-9]+$/ && NF >= 8' <<<"$out" | head -n1)
if [[ $rc -eq 0 && -n $row ]] &&
   awk '{ exit !($4 == 256 && $5 == 256 && $6 == 0 && $7 == 0 && $8 == 0) }' <<<"$row"; then
	ok "crypto-perf verify on the mediated crypto device: 256 ops, 0 failed"
else
	bad "crypto-perf verify: exit $rc, row '$row'"
	tail -n 10 <<<"$out"
fi

echo "# removal"
check "mdevctl stop $C" mdevctl stop -u "$C"
check "$C left the bus" wait_for 10 test ! -e "$SYS/$C"
check "mdevctl undefine $C" mdevctl undefine -u "$C"
summary
