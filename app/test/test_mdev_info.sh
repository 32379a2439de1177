#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The DPDK mdev bus authors
#
# End-to-end checks of dpdk-mdev-info on fake sysfs trees made by
# mdev-fake-sysfs. Expected values are read back from the trees themselves,
# so the checks follow the example tree if it changes.
#
# Usage: test_mdev_info.sh BUILD_DIR
# Prints one line per check, then "N passed, M failed"; exits non-zero when
# a check failed.

set -u
# UUID order is byte order: sort must not collate by locale.
export LC_ALL=C

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
build=$(realpath "$1")
tool=$build/app/dpdk-mdev-info/dpdk-mdev-info
fake=$build/app/mdev-fake-sysfs
drv=$build/app/test/librte_mdev_test_drv.so
for f in "$tool" "$fake" "$drv"; do
	if [ ! -e "$f" ]; then
		echo "missing $f: build first" >&2
		exit 2
	fi
done

# Under the build dir, not /tmp: see the -d note below.
work=$(mktemp -d "$build/mdev-info-test.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

passed=0
failed=0

# check DESCRIPTION COMMAND...: run one check, report it, show why it failed.
check()
{
	local desc=$1

	shift
	: >"$work/why"
	if "$@"; then
		echo "PASS: $desc"
		passed=$((passed + 1))
	else
		echo "FAIL: $desc"
		sed 's/^/    /' "$work/why"
		echo "    --- last stdout:"
		head -n 20 "$work/out" 2>/dev/null | sed 's/^/    /'
		echo "    --- last stderr:"
		head -n 20 "$work/err" 2>/dev/null | sed 's/^/    /'
		failed=$((failed + 1))
	fi
}

why()
{
	echo "$*" >>"$work/why"
}

# run SYSFS_DIR ARGS...: run the tool on a tree; output in $work/{out,err},
# exit status in $rc.
rc=0
run()
{
	local devices=$1

	shift
	SYSFS_MDEV_DEVICES=$devices "$tool" "$@" >"$work/out" 2>"$work/err"
	rc=$?
}

# EAL refuses -d paths below a world-writable directory (/tmp): load the
# plugin by name through the library path then.
drv_arg=$drv
drv_env=()
d=$(dirname "$drv")
while [ "$d" != / ]; do
	if [ -n "$(find "$d" -maxdepth 0 -perm -o+w)" ]; then
		drv_arg=$(basename "$drv")
		drv_env=(env "LD_LIBRARY_PATH=$(dirname "$drv")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
		echo "note: $d is world-writable, loading -d $drv_arg by name"
		break
	fi
	d=$(dirname "$d")
done

run_drv()
{
	local devices=$1

	shift
	SYSFS_MDEV_DEVICES=$devices "${drv_env[@]}" "$tool" -d "$drv_arg" \
		"$@" >"$work/out" 2>"$work/err"
	rc=$?
}

# Table helpers. Columns: 1 UUID 2 PARENT 3 TYPE 4 DEVICE_API 5 IOMMU
# 6 NUMA 7 KDRV 8 ADMITTED 9 DRIVER 10- NAME (free text, last).
rows()
{
	sed '1d;$d' "$work/out"
}

summary()
{
	tail -n 1 "$work/out"
}

# cell UUID COLUMN
cell()
{
	awk -v u="$1" -v n="$2" '$1 == u { print $n }' "$work/out"
}

expect_rc()
{
	if [ "$rc" -ne "$1" ]; then
		why "exit status $rc, expected $1"
		return 1
	fi
}

expect_summary()
{
	if [ "$(summary)" != "$1" ]; then
		why "summary \"$(summary)\", expected \"$1\""
		return 1
	fi
}

# The summary line of a --detail table, which detail blocks follow.
expect_summary_line()
{
	if ! grep -qx -- "$1" "$work/out"; then
		why "no summary line \"$1\""
		return 1
	fi
}

# The trees. "example" has every device_api; "siov" adds devices created
# out of UUID order and one device without an IOMMU group.
example=$("$fake" --example "$work") || exit 2
example_devs=$example/bus/mdev/devices
siov=$("$fake" --example --mdevs 3 "$work") || exit 2
siov_devs=$siov/bus/mdev/devices
noiommu=$(ls "$siov_devs" | sort | sed -n 2p)
rm "$siov_devs/$noiommu/iommu_group"
empty_devs=$work/empty
mkdir -p "$empty_devs"

mapfile -t example_uuids < <(ls "$example_devs" | sort)
nb_example=${#example_uuids[@]}

# UUIDs of the example tree by device_api, read from the tree.
uuids_of_api()
{
	local u

	for u in "${example_uuids[@]}"; do
		if [ "$(cat "$example_devs/$u/mdev_type/device_api")" = "$1" ]; then
			echo "$u"
		fi
	done
}
mapfile -t pci_uuids < <(uuids_of_api vfio-pci)
ap_uuid=$(uuids_of_api vfio-ap | head -n 1)
ccw_uuid=$(uuids_of_api vfio-ccw | head -n 1)
nb_pci=${#pci_uuids[@]}

# --- the binary

t_needed()
{
	if ! command -v readelf >/dev/null; then
		why "readelf not installed"
		return 1
	fi
	if ! readelf -d "$tool" | grep -q 'NEEDED.*librte_bus_mdev\.so'; then
		why "librte_bus_mdev is not DT_NEEDED"
		return 1
	fi
}
check "the bus library is DT_NEEDED" t_needed

# Built without ALLOW_INTERNAL_API: it calls no internal symbol of DPDK,
# the bus or the VFIO library (those are versioned INTERNAL).
t_no_internal()
{
	local internal
	internal=$(nm -D --undefined-only "$tool" | grep '@INTERNAL')
	if [[ -n $internal ]]; then
		why "imports internal symbols: $internal"
		return 1
	fi
	if ! nm -D --undefined-only "$tool" | grep -q 'rte_mdev_info_get@EXPERIMENTAL'; then
		why "does not import rte_mdev_info_get@EXPERIMENTAL"
		return 1
	fi
}
check "calls the bus's application API only, no internal symbol" t_no_internal

t_help()
{
	run "$example_devs" -- --help
	expect_rc 0 || return 1
	grep -q -- '--json' "$work/out" || { why "no --json in help"; return 1; }
	grep -q -- '--no-huge' "$work/out" || { why "no EAL defaults in help"; return 1; }
}
check "-- --help prints usage, exit 0" t_help

t_bad_option()
{
	run "$example_devs" -- --bogus
	expect_rc 2
}
check "unknown option after -- exits 2" t_bad_option

# --- listing

t_lists_all_sorted()
{
	run "$example_devs"
	expect_rc 0 || return 1
	if [ "$(head -n 1 "$work/out" | tr -s ' ')" != \
	     "UUID PARENT TYPE DEVICE_API IOMMU NUMA KDRV ADMITTED DRIVER NAME" ]; then
		why "unexpected header: $(head -n 1 "$work/out")"
		return 1
	fi
	if [ "$(rows | awk '{ print $1 }')" != "$(printf '%s\n' "${example_uuids[@]}")" ]; then
		why "UUID column is not the tree's UUIDs in sorted order"
		return 1
	fi
	expect_summary "$nb_example devices, $nb_example admitted, 0 with a driver"
}
check "table lists all $nb_example example devices sorted by UUID" t_lists_all_sorted

t_quiet()
{
	run "$example_devs"
	if [ -s "$work/err" ]; then
		why "default run wrote to stderr"
		return 1
	fi
}
check "default run is quiet on stderr" t_quiet

t_device_apis()
{
	local api

	run "$example_devs"
	for api in vfio-pci vfio-platform vfio-amba vfio-ccw vfio-ap vfio-cxl; do
		if ! rows | awk '{ print $4 }' | grep -qx -- "$api"; then
			why "device_api $api not shown"
			return 1
		fi
	done
}
check "five kernel device_api values and the unknown one shown" t_device_apis

t_aligned()
{
	run "$siov_devs"
	python3 - "$work/out" <<'EOF' 2>>"$work/why"
import re, sys
lines = open(sys.argv[1]).read().splitlines()[:-1]
starts = [m.start() for m in re.finditer(r'\S+', lines[0])]
for line in lines[1:]:
    for s in starts:
        if line[s] == ' ' or (s > 0 and line[s - 1] != ' '):
            sys.exit('column at %d not aligned in: %s' % (s, line))
EOF
}
check "table columns are aligned" t_aligned

# Every device of the tree, as dpdk-mdev-info must report it.
cat >"$work/expected.py" <<'EOF'
import json, os, sys

def attr(path):
    try:
        with open(path) as f:
            return f.read().rstrip('\n ')
    except FileNotFoundError:
        return None

def link_name(path):
    try:
        return os.path.basename(os.readlink(path))
    except FileNotFoundError:
        return None

devices = sys.argv[1]
out = []
for uuid in sorted(os.listdir(devices)):
    d = os.path.join(devices, uuid)
    numa = attr(os.path.join(d, '..', 'numa_node'))
    group = link_name(os.path.join(d, 'iommu_group'))
    out.append({
        'uuid': uuid,
        'parent': os.path.basename(os.path.dirname(os.path.realpath(d))),
        'type': link_name(os.path.join(d, 'mdev_type')),
        'type_name': attr(os.path.join(d, 'mdev_type', 'name')) or '',
        'description': attr(os.path.join(d, 'mdev_type', 'description')) or '',
        'device_api': attr(os.path.join(d, 'mdev_type', 'device_api')),
        'iommu_group': int(group) if group is not None else None,
        'numa_node': int(numa) if numa is not None and int(numa) >= 0 else None,
        'kernel_driver': link_name(os.path.join(d, 'driver')),
    })
json.dump(out, sys.stdout)
EOF

# json_matches_tree SYSFS_DIR: the JSON output holds exactly the tree's
# devices, each with the tree's attributes, admitted and without driver.
json_matches_tree()
{
	python3 "$work/expected.py" "$1" >"$work/expected.json" || return 1
	python3 - "$work/out" "$work/expected.json" <<'EOF' 2>>"$work/why"
import json, sys
got = json.load(open(sys.argv[1]))
expected = json.load(open(sys.argv[2]))
keys = {'uuid', 'parent', 'type', 'type_name', 'description', 'device_api',
        'iommu_group', 'numa_node', 'kernel_driver', 'admitted', 'driver'}
if set(got) != {'devices'}:
    sys.exit('top-level keys %s' % sorted(got))
devs = got['devices']
if [d['uuid'] for d in devs] != [e['uuid'] for e in expected]:
    sys.exit('devices %s, expected %s' % ([d['uuid'] for d in devs],
                                          [e['uuid'] for e in expected]))
for d, e in zip(devs, expected):
    if set(d) != keys:
        sys.exit('%s: keys %s' % (d['uuid'], sorted(d)))
    for k, v in e.items():
        if d[k] != v:
            sys.exit('%s: %s is %r, expected %r' % (d['uuid'], k, d[k], v))
    if d['admitted'] is not True or d['driver'] is not None:
        sys.exit('%s: admitted %r driver %r' % (d['uuid'], d['admitted'], d['driver']))
EOF
}

t_json_example()
{
	run "$example_devs" -- --json
	expect_rc 0 && json_matches_tree "$example_devs"
}
check "--json parses and matches the example tree" t_json_example

t_json_siov()
{
	run "$siov_devs" -- --json
	expect_rc 0 && json_matches_tree "$siov_devs"
}
check "--json matches a tree with SIOV devices and no IOMMU group" t_json_siov

t_json_spot()
{
	run "$example_devs" -- --json
	python3 - "$work/out" <<'EOF' 2>>"$work/why"
import json, sys
devs = {d['uuid']: d for d in json.load(open(sys.argv[1]))['devices']}
want = {
    'c0ffee00-1234-4abc-9def-00000000a004': {
        'parent': '0000:00:02.0', 'type': 'i915-GVTg_V5_4',
        'type_name': 'GVTg_V5_4', 'device_api': 'vfio-pci',
        'numa_node': 0, 'kernel_driver': 'vfio_mdev'},
    '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b07': {
        'parent': 'fff51000.ethernet', 'device_api': 'vfio-platform',
        'numa_node': None, 'kernel_driver': None, 'description': ''},
    '3f4e5d6c-7b8a-4f9e-8dbc-2b3c4d5e6f09': {
        'device_api': 'vfio-cxl', 'type': 'futuredev-x1'},
}
for uuid, fields in want.items():
    for k, v in fields.items():
        if devs[uuid][k] != v:
            sys.exit('%s: %s is %r, expected %r' % (uuid, k, devs[uuid][k], v))
if not isinstance(devs['c0ffee00-1234-4abc-9def-00000000a004']['iommu_group'], int):
    sys.exit('iommu_group is not an integer')
EOF
}
check "--json values of three known example devices" t_json_spot

# Linux 6.1 ties device_api to a parent's one mdev driver: an example tree
# that mixed them under one parent would test a layout no kernel produces.
t_json_parent_api()
{
	run "$example_devs" -- --json
	python3 - "$work/out" <<'EOF' 2>>"$work/why"
import json, sys
apis = {}
for d in json.load(open(sys.argv[1]))['devices']:
    apis.setdefault(d['parent'], set()).add(d['device_api'])
mixed = {p: sorted(a) for p, a in apis.items() if len(a) != 1}
if mixed:
    sys.exit('parents with several device_api: %s' % mixed)
if apis.get('mdev_sim_ap') != {'vfio-ap'}:
    sys.exit('mdev_sim_ap offers %s, expected vfio-ap' % apis.get('mdev_sim_ap'))
EOF
}
check "--json: each example parent offers one device_api, vfio-ap its own" t_json_parent_api

t_siov_table()
{
	run "$siov_devs"
	expect_rc 0 || return 1
	expect_summary "$((nb_example + 3)) devices, $((nb_example + 3)) admitted, 0 with a driver" || return 1
	if [ "$(cell "$noiommu" 5)" != "-" ]; then
		why "$noiommu: IOMMU \"$(cell "$noiommu" 5)\", expected -"
		return 1
	fi
	if [ "$(rows | awk '{ print $1 }')" != "$(ls "$siov_devs" | sort)" ]; then
		why "not sorted by UUID"
		return 1
	fi
}
check "table of the SIOV tree: sorted, '-' for no IOMMU group" t_siov_table

# --- allow and block lists

allowed_uuid=${example_uuids[2]}
t_allow_one()
{
	run "$example_devs" -a "bus=mdev,uuid=$allowed_uuid"
	expect_rc 0 || return 1
	if [ "$(rows | awk '$8 == "yes" { print $1 }')" != "$allowed_uuid" ]; then
		why "admitted: $(rows | awk '$8 == "yes" { print $1 }' | tr '\n' ' ')"
		return 1
	fi
	expect_summary "$nb_example devices, 1 admitted, 0 with a driver"
}
check "-a bus=mdev,uuid=U admits only U" t_allow_one

blocked_uuid=${example_uuids[4]}
t_block_one()
{
	local upper

	upper=$(echo "$blocked_uuid" | tr 'a-f' 'A-F')
	run "$example_devs" -b "bus=mdev,uuid=$upper"
	expect_rc 0 || return 1
	if [ "$(rows | awk '$8 == "no" { print $1 }')" != "$blocked_uuid" ]; then
		why "refused: $(rows | awk '$8 == "no" { print $1 }' | tr '\n' ' ')"
		return 1
	fi
	expect_summary "$nb_example devices, $((nb_example - 1)) admitted, 0 with a driver"
}
check "-b bus=mdev,uuid=U (uppercase) refuses only U" t_block_one

t_bad_uuid()
{
	local bad=c0ffee00-1234-4abc-9def-00000000zz04

	run "$example_devs" -a "bus=mdev,uuid=$bad"
	if [ "$rc" -eq 0 ]; then
		why "exit status 0"
		return 1
	fi
	if ! grep -q -- "$bad" "$work/err"; then
		why "no message naming $bad"
		return 1
	fi
}
check "invalid UUID in -a: non-zero exit naming it" t_bad_uuid

# --- drivers of a -d plugin

t_drv_candidates()
{
	local u

	run_drv "$example_devs"
	expect_rc 0 || return 1
	for u in "${pci_uuids[@]}"; do
		if [ "$(cell "$u" 9)" != mdev_test_eth ]; then
			why "$u (vfio-pci): driver \"$(cell "$u" 9)\""
			return 1
		fi
	done
	for u in "$ap_uuid" "$ccw_uuid"; do
		if [ "$(cell "$u" 9)" != - ]; then
			why "$u: driver \"$(cell "$u" 9)\", expected -"
			return 1
		fi
	done
	expect_summary "$nb_example devices, $nb_example admitted, $nb_pci with a driver"
}
check "-d: mdev_test_eth for vfio-pci, none for vfio-ap/ccw" t_drv_candidates

t_drv_json()
{
	run_drv "$example_devs" -- --json
	expect_rc 0 || return 1
	python3 - "$work/out" <<'EOF' 2>>"$work/why"
import json, sys
for d in json.load(open(sys.argv[1]))['devices']:
    want = 'mdev_test_eth' if d['device_api'] == 'vfio-pci' else None
    if d['driver'] != want:
        sys.exit('%s: driver %r, expected %r' % (d['uuid'], d['driver'], want))
EOF
}
check "-d --json: driver key follows device_api" t_drv_json

crypto_uuid=${pci_uuids[1]}
t_drv_class()
{
	run_drv "$example_devs" -a "bus=mdev,uuid=$crypto_uuid/class=crypto"
	expect_rc 0 || return 1
	if [ "$(cell "$crypto_uuid" 9)" != mdev_test_crypto ]; then
		why "driver \"$(cell "$crypto_uuid" 9)\", expected mdev_test_crypto"
		return 1
	fi
	if [ "$(rows | awk '$9 != "-" { print $1 }')" != "$crypto_uuid" ]; then
		why "devices not admitted show a driver"
		return 1
	fi
	expect_summary "$nb_example devices, 1 admitted, 1 with a driver"
}
check "-d -a bus=mdev,uuid=U/class=crypto: mdev_test_crypto for U" t_drv_class

# --- empty buses

t_missing_dir()
{
	run "$work/does-not-exist"
	expect_rc 0 && expect_summary "0 devices, 0 admitted, 0 with a driver"
}
check "missing SYSFS_MDEV_DEVICES: 0 devices, exit 0" t_missing_dir

t_empty_dir()
{
	run "$empty_devs"
	expect_rc 0 && expect_summary "0 devices, 0 admitted, 0 with a driver" || return 1
	run "$empty_devs" -- --json
	expect_rc 0 || return 1
	python3 -c 'import json, sys; assert json.load(open(sys.argv[1])) == {"devices": []}' \
		"$work/out" 2>>"$work/why"
}
check "empty SYSFS_MDEV_DEVICES: 0 devices, {\"devices\": []}, exit 0" t_empty_dir

# --- --detail without a kernel: no device of a fake tree can be opened

# detail_block UUID: the --detail block of UUID, after the summary line.
detail_block()
{
	awk -v u="$1" 'seen && $1 == u { f = 1 } f && /^$/ { exit } f { print }
		/^[0-9]+ devices?, / { seen = 1 }' "$work/out"
}

t_detail_errors()
{
	local u

	run "$example_devs" -- --detail
	expect_rc 3 || return 1
	expect_summary_line "$nb_example devices, $nb_example admitted, 0 with a driver" || return 1
	for u in "${example_uuids[@]}"; do
		if ! detail_block "$u" | grep -q "^$u  error: cannot open through VFIO: "; then
			why "$u: no error line in its detail block"
			return 1
		fi
		if ! grep -q "dpdk-mdev-info: $u: cannot open through VFIO" "$work/err"; then
			why "$u: no error on stderr"
			return 1
		fi
	done
}
check "--detail on a fake tree: per-device error, every device listed, exit 3" t_detail_errors

t_detail_blocked()
{
	local blocked=${example_uuids[1]}

	run "$example_devs" -b "bus=mdev,uuid=$blocked" -- --detail
	expect_rc 3 || return 1
	if [ -n "$(detail_block "$blocked")" ] || grep -q "$blocked" "$work/err"; then
		why "the refused device $blocked was opened"
		return 1
	fi
}
check "--detail leaves a refused (-b) device alone" t_detail_blocked

t_detail_no_iommu()
{
	run "$siov_devs" -a "bus=mdev,uuid=$noiommu" -- --detail
	expect_rc 3 || return 1
	if ! grep -q "dpdk-mdev-info: $noiommu: no IOMMU group" "$work/err"; then
		why "no 'no IOMMU group' error for $noiommu"
		return 1
	fi
}
check "--detail names a missing IOMMU group" t_detail_no_iommu

t_detail_json()
{
	local blocked=${example_uuids[1]}

	run "$example_devs" -b "bus=mdev,uuid=$blocked" -- --detail --json
	expect_rc 3 || return 1
	python3 - "$work/out" "$blocked" <<'EOF' 2>>"$work/why"
import json, sys
devs = json.load(open(sys.argv[1]))['devices']
for d in devs:
    if 'vfio' not in d or 'vfio_error' not in d:
        sys.exit('%s: no vfio/vfio_error keys' % d['uuid'])
    if d['uuid'] == sys.argv[2]:
        if d['vfio'] is not None or d['vfio_error'] is not None:
            sys.exit('refused device has %r %r' % (d['vfio'], d['vfio_error']))
    elif d['vfio'] is not None or not d['vfio_error'].startswith('cannot open through VFIO: '):
        sys.exit('%s: vfio %r, vfio_error %r' % (d['uuid'], d['vfio'], d['vfio_error']))
EOF
}
check "--detail --json: vfio null and vfio_error for each device, exit 3" t_detail_json

t_detail_empty()
{
	run "$empty_devs" -- --detail
	expect_rc 0 && expect_summary "0 devices, 0 admitted, 0 with a driver"
}
check "--detail with no device: exit 0" t_detail_empty

# --- EAL defaults

t_log_level_override()
{
	run "$example_devs" --log-level=bus.mdev:info
	expect_rc 0 || return 1
	if ! grep -q 'vfio-cxl' "$work/err"; then
		why "the bus's info line about vfio-cxl is missing with --log-level=bus.mdev:info"
		return 1
	fi
}
check "a user --log-level replaces the quiet default" t_log_level_override

t_no_huge_given()
{
	run "$example_devs" --no-huge --no-pci --no-shconf
	expect_rc 0 && expect_summary "$nb_example devices, $nb_example admitted, 0 with a driver"
}
check "EAL defaults given explicitly are accepted" t_no_huge_given

as_nobody()
{
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

t_unprivileged()
{
	(cd / && SYSFS_MDEV_DEVICES=$example_devs as_nobody \
		env -u XDG_RUNTIME_DIR "$tool") >"$work/out" 2>"$work/err"
	rc=$?
	expect_rc 0 && expect_summary "$nb_example devices, $nb_example admitted, 0 with a driver"
}
# nobody must reach the tool and the tree: not so in a private build dir.
chmod 755 "$work" "$example"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
   getent group nogroup >/dev/null && id nobody >/dev/null 2>&1 &&
   as_nobody test -x "$tool" -a -r "$example_devs" 2>/dev/null; then
	check "runs as an unprivileged user without hugepages" t_unprivileged
else
	echo "SKIP: runs as an unprivileged user (needs root, setpriv, user nobody able to read the build dir)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
