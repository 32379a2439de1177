#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
#
# Benchmark, not a test: prints figures and judges nothing. In a guest
# booted with devtools/vm-run, for a few algorithm cases and buffer sizes:
#   - dpdk-test-crypto-perf --ptest throughput on the mdev_sim-crypto
#     device through crypto_mdev_sim;
#   - the same operation run by the device model's self-benchmark
#     (/sys/kernel/debug/mdev_sim_crypto/bench): the kernel crypto API
#     alone, no rings, no DMA, no syscalls;
#   - crypto-perf on Debian's crypto_openssl, for context.
# Each crypto-perf run is paired with a self-benchmark run of the same
# size right after it; the ratio (crypto-perf / self-benchmark operations
# per second) is the median over the pairs, the rates medians too.
#
# crypto-perf keeps its main lcore spinning on vCPU 0 while the worker runs
# on vCPU 1; TCG runs each vCPU as a host thread, so the self-benchmark runs
# on vCPU 1 with a spinner on vCPU 0, to compete for the same host cores.
#
# usage: test_guest_crypto_bench.sh BUILD_DIR [REPEAT]   (default 3)
# Environment: MDEV_SIM_KO, another mdev_sim.ko to load; MDEV_BENCH_SIZES,
# buffer sizes (default "64 256 1024 2048"); MDEV_BENCH_IOMMU, the bus's
# iommu devarg: type1v2 (default: the device works zero-copy) or eal (EAL's
# type1 container: the device copies every buffer).

set -uo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
REPO_DIR=$(dirname "$(dirname "$(dirname "$SCRIPT")")")
readonly SCRIPT REPO_DIR
readonly UUID=3c9e1b52-7a44-4e0b-8d1f-11e2c0de00b0
readonly SIZES=(${MDEV_BENCH_SIZES:-64 256 1024 2048})
readonly IOMMU=${MDEV_BENCH_IOMMU:-type1v2}
readonly CRYPTO_MODULES=(ctr gcm ghash-generic sha512_generic aesni_intel
			 sha1_ssse3 sha256_ssse3 sha512_ssse3
			 ghash-clmulni-intel)
readonly KNOB=/sys/kernel/debug/mdev_sim_crypto/bench

# name | crypto-perf options | self-benchmark options
readonly CASES=(
"aes-128-cbc|--optype cipher-only --cipher-algo aes-cbc --cipher-op encrypt --cipher-key-sz 16 --cipher-iv-sz 16|chain=cipher cipher=aes-cbc cipher-key=16"
"hmac-sha256|--optype auth-only --auth-algo sha2-256-hmac --auth-op generate --auth-key-sz 64 --digest-sz 32|chain=auth auth=sha256-hmac auth-key=64 digest=32"
"aes-128-cbc+hmac-sha1|--optype cipher-then-auth --cipher-algo aes-cbc --cipher-op encrypt --cipher-key-sz 16 --cipher-iv-sz 16 --auth-algo sha1-hmac --auth-op generate --auth-key-sz 64 --digest-sz 20|chain=cipher-auth cipher=aes-cbc cipher-key=16 auth=sha1-hmac auth-key=64 digest=20"
"aes-256-cbc+hmac-sha512|--optype cipher-then-auth --cipher-algo aes-cbc --cipher-op encrypt --cipher-key-sz 32 --cipher-iv-sz 16 --auth-algo sha2-512-hmac --auth-op generate --auth-key-sz 128 --digest-sz 64|chain=cipher-auth cipher=aes-cbc cipher-key=32 auth=sha512-hmac auth-key=128 digest=64"
"aes-128-gcm|--optype aead --aead-algo aes-gcm --aead-op encrypt --aead-key-sz 16 --aead-iv-sz 12 --aead-aad-sz 16 --digest-sz 16|chain=aead cipher=aes-gcm cipher-key=16 digest=16 aad=16"
)

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }'; }

# cperf_mops EAL... -- OPTIONS...: "size mops" per buffer size.
cperf_mops() {
	timeout 300 dpdk-test-crypto-perf "$@" 2>/dev/null |
		awk '/Cycles\/Buf/ { on = 1; next } on && NF == 10 { print $2, $8 }'
}

bench_ops() {
	local spec=$1 size=$2 count=$3 spinner out

	taskset -c 0 sh -c 'while :; do :; done' &
	spinner=$!
	taskset -c 1 sh -c "echo '$spec size=$size count=$count' > $KNOB"
	kill "$spinner"
	wait "$spinner" 2>/dev/null
	out=$(cat "$KNOB")
	sed -n 's/.* ops_per_sec=\([0-9]*\) .*/\1/p' <<<"$out"
}

# Operations per run: about a second of work at each size in the guest.
ops_for() {
	case $1 in
	64) echo 20000 ;;
	256) echo 10000 ;;
	1024) echo 4000 ;;
	*) echo 2000 ;;
	esac
}

in_guest() {
	local build=$1 repeat=$2 modtree c name cp_opts spec r size n d k s
	local -a eal_dev eal_ssl common
	local dev kern ssl ratio

	modtree=${MDEV_GUEST_DIR:-/var/cache/dpdk-mdev/guest}/$(uname -r)/root
	modprobe -d "$modtree" -a "${CRYPTO_MODULES[@]}" ||
		{ echo "cannot load the crypto modules"; exit 1; }
	mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug

	eal_dev=(-l 0-1 --in-memory
		 -d "$build/drivers/bus/mdev/librte_bus_mdev.so"
		 -d "$build/drivers/crypto/mdev_sim/librte_crypto_mdev_sim.so"
		 -a "bus=mdev,uuid=$UUID,iommu=$IOMMU/class=crypto" --
		 --devtype crypto_mdev_sim)
	eal_ssl=(-l 0-1 --in-memory --no-pci --vdev crypto_openssl --
		 --devtype crypto_openssl)

	echo "# guest $(uname -r), $(nproc) vCPUs, burst 32, median of" \
	     "$repeat paired runs, iommu=$IOMMU"
	printf '%-24s %6s %10s %10s %7s %10s\n' case bytes "mdev Mops" \
		"kern Mops" ratio "ossl Mops"
	for c in "${CASES[@]}"; do
		IFS='|' read -r name cp_opts spec <<<"$c"
		for size in "${SIZES[@]}"; do
			n=$(ops_for "$size")
			common=(--ptest throughput --burst-sz 32 --total-ops "$n"
				--buffer-sz "$size")
			dev='' kern='' ssl='' ratio=''
			# Each crypto-perf run is paired with a self-benchmark
			# right after it, so both see the same host load.
			for r in $(seq "$repeat"); do
				d=$(cperf_mops "${eal_dev[@]}" "${common[@]}" $cp_opts |
				    awk '{ print $2 }')
				k=$(bench_ops "$spec" "$size" "$n")
				s=$(cperf_mops "${eal_ssl[@]}" "${common[@]}" $cp_opts |
				    awk '{ print $2 }')
				dev+="${d:-0} " kern+="${k:-0} " ssl+="${s:-0} "
				ratio+="$(awk -v d="${d:-0}" -v k="${k:-0}" \
					'BEGIN { print (k > 0 ? d * 1e6 / k : 0) }') "
			done
			d=$(tr ' ' '\n' <<<"$dev" | grep . | median)
			k=$(tr ' ' '\n' <<<"$kern" | grep . | median)
			s=$(tr ' ' '\n' <<<"$ssl" | grep . | median)
			r=$(tr ' ' '\n' <<<"$ratio" | grep . | median)
			awk -v n="$name" -v b="$size" -v d="$d" -v k="$k" -v s="$s" \
				-v r="$r" 'BEGIN { printf "%-24s %6d %10.4f %10.4f %7.2f %10.4f\n",
				 n, b, d, k / 1e6, r, s }'
		done
	done
}

on_host() {
	local build=$1 repeat=$2
	local sim=${MDEV_SIM_KO:-$REPO_DIR/kernel/linux/mdev_sim/mdev_sim.ko}

	# Other work on the host slows the guest's vCPUs: say how busy it was.
	echo "# host: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	case $IOMMU in
	type1v2|eal) ;;
	*) echo "${0##*/}: MDEV_BENCH_IOMMU must be type1v2 or eal" >&2; exit 2 ;;
	esac
	# Built beforehand; others may be building the same tree right now.
	if [[ ! -f $sim ]]; then
		echo "${0##*/}: $sim not built: run make -C kernel/linux/mdev_sim first" >&2
		exit 1
	fi
	# vm-run passes only a few variables on by default.
	exec "$REPO_DIR/devtools/vm-run" --sim "$sim" --hugepages 256 \
		--mem 1536 --mdev "mdev_sim-crypto=$UUID" --timeout 3600 \
		--env MDEV_BENCH_SIZES="${SIZES[*]}" --env MDEV_BENCH_IOMMU="$IOMMU" \
		-- "$SCRIPT" --in-guest "$build" "$repeat"
}

case ${1:-} in
--in-guest) in_guest "$(readlink -f "$2")" "${3:-3}" ;;
-h|--help|'') echo "usage: ${0##*/} BUILD_DIR [REPEAT]" >&2; exit 2 ;;
*) [[ -d $1 ]] || { echo "${0##*/}: no build directory $1" >&2; exit 2; }
   on_host "$(readlink -f "$1")" "${2:-3}" ;;
esac
