#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
#
# Guest suite of the mdev_sim-crypto device model and the crypto_mdev_sim
# PMD: boots a guest with devtools/vm-run and an mdev_sim-crypto device, and
# inside it (--in-guest) runs:
#   1. the model's self-benchmark knob in debugfs;
#   2. test_crypto_kat (SP 800-38A/38D, RFC 2202/4231) through the PMD, in
#      the bus's default type1v2 container (the device works zero-copy on
#      pinned pages) and with iommu=eal (EAL's type1 container: it copies),
#      the device's own refusals (its error codes in the PMD's debug log),
#      pinned pages given back at exit, the cryptodev on the NUMA node
#      the parent reports (mdev_sim is loaded with numa_node=0); and on
#      crypto_openssl to show that the vectors themselves are right;
#   3. Debian's dpdk-test-crypto-perf --ptest verify with DPDK's own test
#      vector files, one section that cannot match as a control;
#   4. --ptest throughput and latency for cipher-only, auth-only, both
#      chain orders and AEAD, several buffer and burst sizes;
#   5. requests the device cannot do, refused cleanly;
#   6. the devargs driver layer choosing the PMD over another crypto driver.
#
# usage: test_guest_crypto.sh BUILD_DIR
# Prints one line per check and "N passed, M failed" last; exits non-zero
# when a check failed. MDEV_SIM_KO names another mdev_sim.ko to load;
# MDEV_CPERF_DATA_DIR another directory of crypto-perf .data files
# (default buildtools/crypto-perf-data/<DPDK version>, filled by devtools/setup).

set -uo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
REPO_DIR=$(dirname "$(dirname "$(dirname "$SCRIPT")")")
readonly SCRIPT REPO_DIR
readonly UUID=3c9e1b52-7a44-4e0b-8d1f-11e2c0de0001
readonly HUGEPAGES=128
readonly DATA_DIR=${MDEV_CPERF_DATA_DIR:-$REPO_DIR/buildtools/crypto-perf-data/$(pkg-config --modversion libdpdk)}
# The guest kernel's crypto modules the device computes with, loaded up
# front from its module tree (those this kernel has).
readonly CRYPTO_MODULES=(ctr gcm ghash-generic sha512_generic aesni_intel
			 sha1_ssse3 sha256_ssse3 sha512_ssse3
			 ghash-clmulni-intel)

# shellcheck source=checks.sh
. "$REPO_DIR/app/test/checks.sh"

finish() {
	summary
	exit
}

# --- 1. self-benchmark

bench_checks() {
	local knob=/sys/kernel/debug/mdev_sim_crypto/bench out

	mountpoint -q /sys/kernel/debug ||
		mount -t debugfs none /sys/kernel/debug
	check "self-benchmark knob exists" test -w "$knob"
	echo "chain=cipher-auth cipher=aes-cbc cipher-key=16 auth=sha1-hmac auth-key=64 digest=20 size=512 count=200" \
		>"$knob" 2>/dev/null
	out=$(cat "$knob")
	if [[ $out =~ ^ops=200\ size=512\ ns=[0-9]+\ ops_per_sec=[1-9][0-9]*\ bytes_per_sec=[1-9] ]]; then
		ok "self-benchmark runs: $out"
	else
		bad "self-benchmark result: '$out'"
	fi
	check "self-benchmark refuses an unknown cipher" \
		bash -c "! echo 'chain=cipher cipher=des' >$knob"
	check "self-benchmark refuses a bad key length" \
		bash -c "! echo 'chain=cipher cipher=aes-cbc cipher-key=17' >$knob"
	check "self-benchmark keeps the last good result" \
		grep -q '^ops=200 size=512 ' "$knob"
}

# --- 2. known-answer tests

# dma_attr NAME: the device's zero-copy bookkeeping (see the datasheet).
dma_attr() {
	cat "/sys/bus/mdev/devices/$UUID/dma/$1" 2>/dev/null
}

# kat_device_error CASE STATUS ERROR LABEL: the PMD's debug log between the
# KAT's markers of CASE shows the device's response status and error code.
kat_device_error() {
	local case=$1 status=$2 error=$3 label=$4

	check "$label: device status $status, error $error" \
		grep -q "device status $status error $error\$" \
		<<<"$(sed -n "/^# $case begin/,/^# $case end/p" <<<"$out")"
}

# kat_mode BUILD LABEL BUS_ARGS: the KAT through the PMD, the device opened
# with BUS_ARGS added to the bus devargs; its output stays in $out.
kat_mode() {
	local build=$1 label=$2 bus_args=$3 rc ok_n bad_n

	out=$("$build/app/test/test_crypto_kat" -l 0-1 --in-memory \
		-d "$build/drivers/bus/mdev/librte_bus_mdev.so" \
		-d "$build/drivers/crypto/mdev_sim/librte_crypto_mdev_sim.so" \
		-a "bus=mdev,uuid=$UUID$bus_args/class=crypto" \
		--log-level=pmd.crypto.mdev_sim:debug -- \
		--devtype crypto_mdev_sim 2>&1)
	rc=$?
	grep '^FAIL' <<<"$out"
	ok_n=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$out")
	bad_n=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$out")
	if [[ $rc -eq 0 && ${ok_n:-0} -gt 300 && ${bad_n:-1} -eq 0 ]]; then
		ok "KAT through crypto_mdev_sim ($label): ${ok_n} checks"
	else
		bad "KAT through crypto_mdev_sim ($label): exit $rc, ${ok_n:-?} passed, ${bad_n:-?} failed"
		tail -n 5 <<<"$out"
	fi
	# The parent reports node 0 (numa_node=0 at insmod); the bus reads it.
	check "cryptodev on the parent's NUMA node 0 ($label)" \
		grep -q '^cryptodev [0-9]*: socket 0, device NUMA node 0$' <<<"$out"
	# MDEV_SIM_CRYPTO_ST_INVALID, MDEV_SIM_CRYPTO_ERR_CIPHER_ALIGN
	kat_device_error cbc-100 2 14 "AES-CBC over 100 bytes refused by the device ($label)"
	# MDEV_SIM_CRYPTO_ST_DMA_ERROR, MDEV_SIM_CRYPTO_ERR_SRC_DMA
	kat_device_error unmapped-src 3 18 "unmapped source IOVA ($label)"
	check "pinned pages given back at exit ($label): $(dma_attr pinned_pages)" \
		test "$(dma_attr pinned_pages)" = 0 -a "$(dma_attr pin_state)" = closed
}

kat_checks() {
	local build=$1 out rc bad_n zc cp

	kat_mode "$build" "type1v2, the default" ""
	zc=$(dma_attr zero_copy_ops) cp=$(dma_attr copied_ops)
	check "type1v2: in-place requests ran zero-copy ($zc zero-copy, $cp copied)" \
		test "${zc:-0}" -gt 0
	kat_mode "$build" "iommu=eal" ",iommu=eal"
	zc=$(dma_attr zero_copy_ops) cp=$(dma_attr copied_ops)
	check "iommu=eal: every request copied ($zc zero-copy, $cp copied)" \
		test "${zc:-1}" -eq 0 -a "${cp:-0}" -gt 0

	out=$("$build/app/test/test_crypto_kat" --no-huge -m 128 --no-pci \
		--no-shconf -l 0 --vdev crypto_openssl -- \
		--devtype crypto_openssl 2>&1)
	rc=$?
	bad_n=$(sed -n 's/^[0-9]* passed, \([0-9]*\) failed$/\1/p' <<<"$out")
	check "the same vectors pass on crypto_openssl (exit $rc)" \
		test "$rc" -eq 0 -a "${bad_n:-1}" -eq 0
}

# --- 3-5. dpdk-test-crypto-perf

# cperf TOTAL LABEL ARGS...: runs crypto-perf on the device, output in $out.
cperf() {
	out=$(timeout 120 dpdk-test-crypto-perf "${EAL[@]}" -- \
		--devtype crypto_mdev_sim "$@" 2>&1)
	cperf_rc=$?
}

# The result rows: "lcore buf burst enq deq fenq fdeq [failed-ops|mops ...]".
result_rows() {
	awk '/Failed Enq/ { on = 1; next } on && $1 ~ /^[0-9]+$/ && NF >= 8' \
		<<<"$out"
}

# verify NAME FILE SECTION BUF ARGS...: zero failed ops wanted.
verify() {
	local name=$1 file=$2 section=$3 buf=$4 total=256 row
	shift 4

	cperf --ptest verify --test-file "$DATA_DIR/$file" \
		--test-name "$section" --buffer-sz "$buf" --total-ops $total "$@"
	row=$(result_rows | head -n1)
	if [[ $cperf_rc -eq 0 && -n $row ]] &&
	   awk -v t=$total '{ exit !($4 == t && $5 == t && $6 == 0 && $7 == 0 && $8 == 0) }' <<<"$row"; then
		ok "verify $name [$section]: $total ops, 0 failed"
	else
		bad "verify $name [$section]: exit $cperf_rc, row '$row'"
		[[ -n $row ]] || tail -n 5 <<<"$out"
	fi
}

CBC_SHA=(--optype cipher-then-auth --cipher-algo aes-cbc --cipher-op encrypt
	 --cipher-iv-sz 16 --auth-op generate)

verify_checks() {
	local file key sha akey dsz row

	check "DPDK's crypto-perf test vectors present in $DATA_DIR" \
		test -f "$DATA_DIR/aes_cbc_128_sha.data"
	# 22.11 refuses a buffer shorter than the file's plaintext, so only the
	# sections computed over the whole plaintext fit the buffer size.
	for file in aes_cbc_128_sha.data aes_cbc_256_sha.data; do
		key=16
		[[ $file == aes_cbc_256_sha.data ]] && key=32
		for sha in 1 224 256 384 512; do
			akey=64 dsz=$((sha / 8))
			case $sha in
			1) dsz=20 ;;
			384|512) akey=128 ;;
			esac
			verify "$file" "$file" "sha${sha}_hmac_buff_2048" 2048 \
				"${CBC_SHA[@]}" --cipher-key-sz $key \
				--auth-algo "$([[ $sha == 1 ]] && echo sha1-hmac || echo sha2-$sha-hmac)" \
				--auth-key-sz $akey --digest-sz $dsz
		done
	done
	verify "aes_cbc_128_sha.data out of place" aes_cbc_128_sha.data \
		sha256_hmac_buff_2048 2048 "${CBC_SHA[@]}" --cipher-key-sz 16 \
		--auth-algo sha2-256-hmac --auth-key-sz 64 --digest-sz 32 \
		--out-of-place --segment-sz 4096
	verify "aes_gcm_128.data" aes_gcm_128.data aead_buff_512 512 \
		--optype aead --aead-algo aes-gcm --aead-op encrypt \
		--aead-key-sz 16 --aead-iv-sz 12 --aead-aad-sz 16 --digest-sz 16

	# Control: the 1024-byte digest cannot match 2048 bytes of data.
	cperf --ptest verify --test-file "$DATA_DIR/aes_cbc_128_sha.data" \
		--test-name sha1_hmac_buff_1024 --buffer-sz 2048 --total-ops 64 \
		"${CBC_SHA[@]}" --cipher-key-sz 16 --auth-algo sha1-hmac \
		--auth-key-sz 64 --digest-sz 20
	row=$(result_rows | head -n1)
	check "verify control: a non-matching section fails all 64 ops ($row)" \
		awk '{ exit !($8 == 64) }' <<<"$row"
}

# perf TEST LABEL ARGS...: throughput or latency must complete every op.
perf() {
	local test=$1 label=$2 total=256 rows n
	shift 2

	cperf --ptest "$test" --total-ops $total --buffer-sz 64,512,2048 \
		--burst-sz 1,32 "$@"
	if [[ $test == latency ]]; then
		# One block per buffer and burst size, with enqueued and
		# dequeued totals.
		n=$(grep -cE "^#  (en|de)queued[[:space:]]+${total}[[:space:]]" <<<"$out")
		if [[ $cperf_rc -eq 0 && $n -eq 12 ]]; then
			ok "latency $label: every op back, 3 buffer x 2 burst sizes"
		else
			bad "latency $label: exit $cperf_rc, $n of 12 totals"
			tail -n 5 <<<"$out"
		fi
		return
	fi
	rows=$(result_rows)
	n=$(awk -v t=$total '$4 == t && $5 == t && $6 == 0 && $7 == 0' <<<"$rows" | wc -l)
	if [[ $cperf_rc -eq 0 && $n -eq 6 ]]; then
		ok "throughput $label: 3 buffer x 2 burst sizes, all $total ops"
	else
		bad "throughput $label: exit $cperf_rc, $n of 6 rows complete"
		tail -n 8 <<<"$out"
	fi
}

perf_checks() {
	local t
	local -a cipher=(--optype cipher-only --cipher-algo aes-cbc
			 --cipher-op encrypt --cipher-key-sz 16 --cipher-iv-sz 16)
	local -a auth=(--optype auth-only --auth-algo sha2-256-hmac
		       --auth-op generate --auth-key-sz 64 --digest-sz 32)
	local -a cta=(--optype cipher-then-auth --cipher-algo aes-ctr
		      --cipher-op encrypt --cipher-key-sz 32 --cipher-iv-sz 16
		      --auth-algo sha1-hmac --auth-op generate --auth-key-sz 64
		      --digest-sz 20)
	local -a atc=(--optype auth-then-cipher --cipher-algo aes-cbc
		      --cipher-op encrypt --cipher-key-sz 16 --cipher-iv-sz 16
		      --auth-algo sha2-512-hmac --auth-op generate
		      --auth-key-sz 128 --digest-sz 64)
	local -a aead=(--optype aead --aead-algo aes-gcm --aead-op encrypt
		       --aead-key-sz 32 --aead-iv-sz 12 --aead-aad-sz 16
		       --digest-sz 16)

	for t in throughput latency; do
		perf $t "cipher-only AES-128-CBC" "${cipher[@]}"
		perf $t "auth-only HMAC-SHA256" "${auth[@]}"
		perf $t "cipher-then-auth AES-256-CTR + HMAC-SHA1" "${cta[@]}"
		perf $t "auth-then-cipher HMAC-SHA512 + AES-128-CBC" "${atc[@]}"
		perf $t "AEAD AES-256-GCM" "${aead[@]}"
	done
}

# --- 5. what the device does not do

# refused_status RC: a failure exit, not timeout(1)'s nor a fatal signal's.
refused_status() {
	case $1 in
	0|124|134|135|136|137|139) return 1 ;;
	esac
}

refusal_checks() {
	cperf --ptest throughput --total-ops 32 --optype cipher-only \
		--cipher-algo 3des-cbc --cipher-op encrypt --cipher-key-sz 24 \
		--cipher-iv-sz 8
	# The status of a refusal differs between releases (24.11: 161, its
	# -EOPNOTSUPP); a time-out or a crash is not a refusal.
	check "crypto-perf refuses 3DES on the device (exit $cperf_rc)" \
		refused_status "$cperf_rc"
	# Any early failure exits non-zero too: the reason must be the device.
	check "3DES refused for the device's capabilities" \
		grep -q "does not support capabilities requested" <<<"$out"
	perf throughput "AES-128-CBC again after the refusals" \
		--optype cipher-only --cipher-algo aes-cbc --cipher-op encrypt \
		--cipher-key-sz 16 --cipher-iv-sz 16
}

# --- 6. driver selection

# The test drivers' mdev_test_crypto also takes any vfio-pci device for the
# crypto class, and registers first: the driver layer must pick ours.
selection_checks() {
	local build=$1 testdrv=$1/app/test/librte_mdev_test_drv.so
	local -a eal=(-l 0-1 --in-memory -d "$testdrv"
		      -d "$build/drivers/bus/mdev/librte_bus_mdev.so"
		      -d "$build/drivers/crypto/mdev_sim/librte_crypto_mdev_sim.so")
	local -a args=(-- --devtype crypto_mdev_sim --ptest throughput
		       --total-ops 64 --optype cipher-only --cipher-algo aes-ctr
		       --cipher-op encrypt --cipher-key-sz 16 --cipher-iv-sz 16)

	out=$(timeout 120 dpdk-test-crypto-perf "${eal[@]}" \
		-a "bus=mdev,uuid=$UUID/class=crypto" "${args[@]}" 2>&1)
	check "/class=crypto alone: the first crypto driver (mdev_test_crypto) takes it" \
		grep -q "probe $UUID driver=mdev_test_crypto" <<<"$out"
	out=$(timeout 120 dpdk-test-crypto-perf "${eal[@]}" \
		-a "bus=mdev,uuid=$UUID/class=crypto/driver=crypto_mdev_sim" \
		"${args[@]}" 2>&1)
	cperf_rc=$?
	check "/driver=crypto_mdev_sim picks the PMD, crypto-perf runs (exit $cperf_rc)" \
		test "$cperf_rc" -eq 0 -a "$(result_rows | wc -l)" -eq 1
	check "/driver=crypto_mdev_sim: the test driver stays out" \
		bash -c "! grep -q 'probe $UUID' <<<\"\$1\"" _ "$out"
}

# kernel_has MODTREE NAME...: the NAMEs this kernel has, as a module or
# built in. Newer kernels (7.2 here) keep the x86 SHA code in lib/crypto
# and have no sha*_ssse3 modules; the device's algorithms come from the
# crypto API all the same (the KAT and self-benchmark checks below).
kernel_has() {
	local modtree=$1 m
	shift
	for m in "$@"; do
		if modprobe -n -d "$modtree" "$m" 2>/dev/null; then
			echo "$m"
		else
			echo "# module $m: not in Linux $(uname -r)" >&2
		fi
	done
}

in_guest() {
	local build=$1 modtree

	modtree=${MDEV_GUEST_DIR:-/var/cache/dpdk-mdev/guest}/$(uname -r)/root
	check "crypto modules load from $modtree" \
		modprobe -d "$modtree" -a $(kernel_has "$modtree" "${CRYPTO_MODULES[@]}")
	check "mdev_sim-crypto device $UUID exists" \
		test -d "/sys/bus/mdev/devices/$UUID"
	check_eq "its parent reports NUMA node 0 (numa_node=0)" 0 \
		"$(cat "/sys/bus/mdev/devices/$UUID/../numa_node")"

	EAL=(-l 0-1 --in-memory
	     -d "$build/drivers/bus/mdev/librte_bus_mdev.so"
	     -d "$build/drivers/crypto/mdev_sim/librte_crypto_mdev_sim.so"
	     -a "bus=mdev,uuid=$UUID/class=crypto")

	echo "# 1. self-benchmark"
	bench_checks
	echo "# 2. known-answer tests"
	kat_checks "$build"
	echo "# 3. crypto-perf verify"
	verify_checks
	echo "# 4. crypto-perf throughput and latency"
	perf_checks
	echo "# 5. refusals"
	refusal_checks
	echo "# 6. driver selection"
	selection_checks "$build"
	finish
}

on_host() {
	local build=$1 sim=${MDEV_SIM_KO:-$REPO_DIR/kernel/linux/mdev_sim/mdev_sim.ko}

	# Built beforehand (devtools/run-tests does): others may be building
	# the same tree right now, so this script never runs make itself.
	if [[ ! -f $sim ]]; then
		echo "FAIL - $sim not built: run make -C kernel/linux/mdev_sim first"
		echo "0 passed, 1 failed"
		exit 1
	fi
	guest_run --sim "$sim" --sim-param numa_node=0 \
		--hugepages "$HUGEPAGES" \
		--mdev "mdev_sim-crypto=$UUID" --timeout 600 \
		-- "$SCRIPT" --in-guest "$build"
}

case ${1:-} in
--in-guest) [[ $# -eq 2 ]] || exit 2; in_guest "$(readlink -f "$2")" ;;
-h|--help|'') echo "usage: ${0##*/} BUILD_DIR" >&2; exit 2 ;;
*) [[ -d $1 ]] || { echo "${0##*/}: no build directory $1" >&2; exit 2; }
   on_host "$(readlink -f "$1")" ;;
esac
