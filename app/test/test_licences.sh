#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
#
# The licence rules of the tree, checked on every file they cover:
#   - an SPDX line in the first lines of each source, build, script and
#     document file (after a #! line or a Sphinx comment opener);
#   - BSD-3-Clause code includes no header of the tree whose licence is
#     GPL-2.0 alone: what userspace and the kernel module share is
#     dual-licensed (GPL-2.0 OR BSD-3-Clause, drivers/common/mdev_sim);
#   - the kernel module's own files are GPL-2.0, the shared headers dual.
#
# usage: test_licences.sh SOURCE_DIR

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=app/test/checks.sh
. "$SCRIPT_DIR/checks.sh"

readonly SRC=${1:?usage: test_licences.sh SOURCE_DIR}
cd "$SRC" || exit 1

# The files the rules cover: the project's own, not generated or fetched
# ones (build directories, the driver SDK headers devtools/setup copies).
covered_files() {
	local d dirs=()
	for d in lib drivers app kernel buildtools devtools doc debian; do
		[[ -d $d ]] && dirs+=("$d")
	done
	find "${dirs[@]}" \
		\( -path buildtools/dpdk-sdk -o -path buildtools/crypto-perf-data \
		   -o -path app/test/fuzz/corpus -o -path app/test/tmp \) -prune -o \
		-type f \( -name '*.[ch]' -o -name '*.sh' -o -name '*.py' \
		   -o -name '*.rst' -o -name meson.build -o -name Makefile \
		   -o -path 'devtools/*' -o -path 'debian/rules' \
		   -o -path 'buildtools/gen-*' \) \
		! -name '*.mod.c' -print | sort
	echo meson.build
}

spdx_of() {
	head -n 3 "$1" | sed -n 's/.*SPDX-License-Identifier: *\(.*\)$/\1/p' |
		sed 's/ *\*\/$//' | head -n 1
}

missing=()
gpl_only=()
declare -A licence
while read -r f; do
	l=$(spdx_of "$f")
	licence[$f]=$l
	[[ -n $l ]] || missing+=("$f")
	[[ $l == GPL-2.0 || $l == GPL-2.0-only ]] && gpl_only+=("$f")
done < <(covered_files)
check_eq "every covered file names its licence with SPDX in its first lines" \
	"" "${missing[*]}"

# Headers named like a GPL-only file of the tree.
declare -A gpl_header
for f in "${gpl_only[@]}"; do
	[[ $f == *.h ]] && gpl_header[${f##*/}]=$f
done
offenders=()
for f in "${!licence[@]}"; do
	[[ $f == *.[ch] && ${licence[$f]} == BSD-3-Clause ]] || continue
	while read -r inc; do
		[[ -n ${gpl_header[${inc##*/}]:-} ]] &&
			offenders+=("$f includes ${gpl_header[${inc##*/}]}")
	done < <(sed -n 's/^#[ \t]*include[ \t]*["<]\([^">]*\)[">].*/\1/p' "$f")
done
check_eq "no BSD-3-Clause file includes a GPL-2.0-only header of the tree" \
	"" "${offenders[*]}"

bad_kernel=()
for f in "${!licence[@]}"; do
	case $f in
	kernel/*) [[ ${licence[$f]} == GPL-2.0 ]] || bad_kernel+=("$f: ${licence[$f]}") ;;
	drivers/common/mdev_sim/*.h)
		[[ ${licence[$f]} == "GPL-2.0 OR BSD-3-Clause" ]] ||
			bad_kernel+=("$f: ${licence[$f]}") ;;
	esac
done
check_eq "the module is GPL-2.0, the headers it shares GPL-2.0 OR BSD-3-Clause" \
	"" "${bad_kernel[*]}"
check "the module's files were found" test "${#gpl_only[@]}" -gt 5
summary
