/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Scan of fake sysfs trees: what the bus reads, skips and keeps. */

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/Basic.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "test_helpers.h"

#define SIM_PARENT "virtual/mdev_sim/mdev_sim"
#define UUID_A "0b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f01"
#define UUID_B "5e1f0c2a-3b4d-4e6f-8a9b-0c1d2e3f4a02"
#define UUID_C "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c03"

/* <root>-relative paths of the fake tree. */
#define SIM_TYPES "devices/" SIM_PARENT "/mdev_supported_types/"
#define BUS_DEVICES "bus/mdev/devices/"

static struct fake_sysfs *fs;

/*
 * The bus calls qsort() through the PLT, so this definition in the test
 * program is the one it gets. qsort(NULL, 0, ...) is undefined behaviour
 * (glibc declares the array nonnull) that only a UBSan build would report:
 * record it in every build.
 */
static bool qsort_null;

void
qsort(void *base, size_t nmemb, size_t size,
      int (*cmp)(const void *, const void *))
{
	typedef void (*qsort_fn)(void *, size_t, size_t,
				 int (*)(const void *, const void *));
	static qsort_fn real;
	void *b = base;

	/* Hide the nonnull declaration from the optimiser. */
	__asm__ volatile("" : "+r" (b));
	if (b == NULL) {
		qsort_null = true;
		return;
	}
	if (real == NULL)
		real = (qsort_fn)dlsym(RTLD_NEXT, "qsort");
	real(base, nmemb, size, cmp);
}

static void
setup(void)
{
	fs = mdev_test_tree();
	CU_ASSERT_FATAL(fs != NULL);
	mdev_test_log_start();
}

static void
teardown(void)
{
	mdev_test_reset();
	fake_sysfs_destroy(fs);
	fs = NULL;
}

/* setup() plus the mdev_sim-test type most devices below belong to. */
static void
setup_test_type(const char *name)
{
	setup();
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, "mdev_sim-test",
					    "vfio-pci", name, NULL) == 0);
}

static void
add_test_mdev(const char *uuid, int group, const char *driver)
{
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, SIM_PARENT, "mdev_sim-test",
					    uuid, group, driver) == 0);
}

static void
test_example_tree(void)
{
	struct rte_mdev_device *dev;
	int n;

	setup();
	n = fake_sysfs_example(fs);
	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), (unsigned int)n);
	CU_ASSERT(mdev_test_sorted());

	dev = mdev_test_find("c0ffee00-1234-4abc-9def-00000000a005");
	CU_ASSERT_FATAL(dev != NULL);
	CU_ASSERT_STRING_EQUAL(dev->type->id, "i915-GVTg_V5_4");
	CU_ASSERT_STRING_EQUAL(dev->type->name, "GVTg_V5_4");
	CU_ASSERT(strstr(dev->type->description, "fence: 4") != NULL);
	CU_ASSERT_EQUAL(dev->type->api, RTE_MDEV_API_PCI);
	CU_ASSERT_STRING_EQUAL(dev->parent, "0000:00:02.0");
	CU_ASSERT_STRING_EQUAL(dev->kdrv, "vfio_mdev");
	CU_ASSERT_EQUAL(dev->device.numa_node, 0);
	CU_ASSERT_STRING_EQUAL(dev->device.name, dev->name);
	CU_ASSERT(dev->device.bus == mdev_test_bus());
	CU_ASSERT(dev->vfio_fd == -1);
	CU_ASSERT(dev->driver == NULL);

	/* vfio-ap under a parent of its own, as Linux 6.1 requires. */
	dev = mdev_test_find(UUID_C);
	CU_ASSERT_FATAL(dev != NULL);
	CU_ASSERT_STRING_EQUAL(dev->type->id, "mdev_sim-ap");
	CU_ASSERT_STRING_EQUAL(dev->type->description, "");
	CU_ASSERT_STRING_EQUAL(dev->parent, "mdev_sim_ap");
	CU_ASSERT_STRING_EQUAL(dev->kdrv, "mdev_sim_ap");
	CU_ASSERT_STRING_EQUAL(mdev_test_find(UUID_A)->parent, "mdev_sim");
	CU_ASSERT_EQUAL(dev->device.numa_node, SOCKET_ID_ANY);

	/* Every device of one type shares the attributes read once. */
	CU_ASSERT_PTR_EQUAL(mdev_test_find(UUID_A)->type,
			    mdev_test_find(UUID_B)->type);
	CU_ASSERT_PTR_NOT_EQUAL(mdev_test_find(UUID_A)->type, dev->type);
	teardown();
}

static void
test_device_apis(void)
{
	static const struct {
		const char *uuid;
		enum rte_mdev_api api;
		const char *name;
	} want[] = {
		{ UUID_A, RTE_MDEV_API_PCI, "vfio-pci" },
		{ UUID_C, RTE_MDEV_API_AP, "vfio-ap" },
		{ "7e270a25-e163-4922-af60-757fc8ed48c6", RTE_MDEV_API_CCW, "vfio-ccw" },
		{ "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b07", RTE_MDEV_API_PLATFORM, "vfio-platform" },
		{ "2e3d4c5b-6a7f-4e8d-9cab-1a2b3c4d5e08", RTE_MDEV_API_AMBA, "vfio-amba" },
		{ "3f4e5d6c-7b8a-4f9e-8dbc-2b3c4d5e6f09", RTE_MDEV_API_UNKNOWN, "vfio-cxl" },
	};
	unsigned int i;

	setup();
	CU_ASSERT_FATAL(fake_sysfs_example(fs) > 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	for (i = 0; i < RTE_DIM(want); i++) {
		struct rte_mdev_device *dev = mdev_test_find(want[i].uuid);

		CU_ASSERT_FATAL(dev != NULL);
		CU_ASSERT_EQUAL(dev->type->api, want[i].api);
		/* The kernel's spelling is kept, even when unknown. */
		CU_ASSERT_STRING_EQUAL(dev->type->api_name, want[i].name);
	}
	CU_ASSERT(mdev_test_log_has("futuredev-x1", "unknown device_api"));
	CU_ASSERT_STRING_EQUAL(rte_mdev_api_name(RTE_MDEV_API_CCW), "vfio-ccw");
	CU_ASSERT_EQUAL(rte_mdev_api_parse("vfio-platform"), RTE_MDEV_API_PLATFORM);
	CU_ASSERT_EQUAL(rte_mdev_api_parse("vfio-pci\n"), RTE_MDEV_API_UNKNOWN);
	/* The library knows kinds no mediated device has. */
	CU_ASSERT_EQUAL(rte_mdev_api_parse("vfio-cdx"), RTE_MDEV_API_UNKNOWN);
	teardown();
}

static void
test_no_mdev_dir(void)
{
	setup();
	setenv("SYSFS_MDEV_DEVICES", "/nonexistent/sys/bus/mdev/devices", 1);
	CU_ASSERT_EQUAL(mdev_test_bus()->scan(), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 0);
	teardown();
}

static void
test_group_driver_numa(void)
{
	struct rte_mdev_device *dev;

	setup_test_type(NULL);
	add_test_mdev(UUID_A, 42, "mdev_sim");
	add_test_mdev(UUID_B, -1, NULL);
	CU_ASSERT_FATAL(fake_sysfs_set_numa(fs, SIM_PARENT, 1) == 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);

	dev = mdev_test_find(UUID_A);
	CU_ASSERT_FATAL(dev != NULL);
	CU_ASSERT_EQUAL(dev->iommu_group, 42);
	CU_ASSERT_STRING_EQUAL(dev->kdrv, "mdev_sim");
	CU_ASSERT_EQUAL(dev->device.numa_node, 1);
	/* No name attribute: an empty name, not a skipped device. */
	CU_ASSERT_STRING_EQUAL(dev->type->name, "");

	/* Not yet bound to its vendor driver: listed, with no group. */
	dev = mdev_test_find(UUID_B);
	CU_ASSERT_FATAL(dev != NULL);
	CU_ASSERT_EQUAL(dev->iommu_group, -1);
	CU_ASSERT_STRING_EQUAL(dev->kdrv, "");
	teardown();
}

/* Nothing found: no qsort() of a NULL array (UBSan: nonnull argument). */
static void
test_empty_dir(void)
{
	setup();
	qsort_null = false;
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 0);
	CU_ASSERT(!qsort_null);

	/* Entries, none of them a device. */
	CU_ASSERT_FATAL(fake_sysfs_symlink(fs, BUS_DEVICES "not-a-uuid",
					   "nowhere") == 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 0);
	CU_ASSERT(!qsort_null);
	teardown();
}

/* Nothing tells a missing directory from an empty one but a log line. */
static void
test_missing_dir_logged(void)
{
	setup();
	/* INFO or NOTICE, not only DEBUG; a host without mdev is no error. */
	rte_log_set_level_pattern("bus.mdev", RTE_LOG_INFO);
	setenv("SYSFS_MDEV_DEVICES", "/nonexistent/sys/bus/mdev/devices", 1);
	CU_ASSERT_EQUAL(mdev_test_bus()->scan(), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 0);
	CU_ASSERT(mdev_test_log_has("/nonexistent/sys/bus/mdev/devices",
				    "does not exist"));
	/*
	 * Set but empty means unset, as in dpdk-mdev-info: the real
	 * directory, not a relative "" that does not exist.
	 */
	mdev_test_log_start();
	setenv("SYSFS_MDEV_DEVICES", "", 1);
	CU_ASSERT_EQUAL(mdev_test_bus()->scan(), 0);
	CU_ASSERT(!mdev_test_log_has("(SYSFS_MDEV_DEVICES) does not exist",
				     NULL));
	if (access("/sys/bus/mdev/devices", F_OK) != 0)
		CU_ASSERT(mdev_test_log_has("/sys/bus/mdev/devices",
					    "mdev module not loaded"));
	teardown();
}

/*
 * A FIFO where the scan reads an attribute: open() would wait for a writer
 * forever. The type's attributes make its devices skipped, the parent's
 * numa_node is optional.
 */
static void
test_fifo_attrs(void)
{
	static const char * const attrs[] = { "device_api", "name", "description" };
	static const char * const uuids[] = {
		"f1f0f1f0-0000-4000-8000-000000000001",
		"f1f0f1f0-0000-4000-8000-000000000002",
		"f1f0f1f0-0000-4000-8000-000000000003",
	};
	const char *parent2 = "virtual/mdev_sim/mdev_sim2";
	struct rte_mdev_device *dev;
	char type[64], rel[256];
	unsigned int i;

	setup();
	for (i = 0; i < RTE_DIM(attrs); i++) {
		snprintf(type, sizeof(type), "mdev_sim-fifo_%s", attrs[i]);
		CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, type,
						    "vfio-pci", "n", "d") == 0);
		snprintf(rel, sizeof(rel), SIM_TYPES "%s/%s", type, attrs[i]);
		CU_ASSERT_FATAL(fake_sysfs_mkfifo(fs, rel) == 0);
		CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, SIM_PARENT, type,
						    uuids[i], i, NULL) == 0);
	}
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, parent2, "mdev_sim2-ok",
					    "vfio-pci", NULL, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, parent2, "mdev_sim2-ok",
					    UUID_C, 9, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_mkfifo(fs, "devices/virtual/mdev_sim/mdev_sim2/numa_node") == 0);

	CU_ASSERT_EQUAL(mdev_test_scan_bounded(fs, 2), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 1);
	dev = mdev_test_find(UUID_C);
	CU_ASSERT_FATAL(dev != NULL);
	CU_ASSERT_EQUAL(dev->device.numa_node, SOCKET_ID_ANY);
	CU_ASSERT(mdev_test_log_has("mdev_sim2/numa_node", "not a regular file"));
	for (i = 0; i < RTE_DIM(attrs); i++) {
		snprintf(rel, sizeof(rel), "%s/mdev_type/%s", uuids[i], attrs[i]);
		CU_ASSERT(mdev_test_log_has(rel, "not a regular file"));
		CU_ASSERT(mdev_test_log_has(uuids[i], "malformed"));
	}
	teardown();
}

/* Replace the bus entry of device @p uuid with a link to @p target. */
static void
relink_entry(const char *uuid, const char *target)
{
	char rel[256];

	snprintf(rel, sizeof(rel), BUS_DEVICES "%s", uuid);
	CU_ASSERT_FATAL(fake_sysfs_symlink(fs, rel, target) == 0);
}

/* Replace the mdev_type link of device @p uuid of SIM_PARENT. */
static void
relink_type(const char *uuid, const char *target)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "devices/" SIM_PARENT "/%s/mdev_type", uuid);
	CU_ASSERT_FATAL(fake_sysfs_symlink(fs, rel, target) == 0);
}

/*
 * Links that would make the scan read outside the tree it was given: a
 * trailing slash (the old code then built "/mdev_type" from an empty
 * device name), an absolute target, a relative one climbing out.
 */
static void
test_links_outside_tree(void)
{
	static const char uuid_slash[] = "a0000000-0000-4000-8000-000000000001";
	static const char uuid_type_slash[] = "a0000000-0000-4000-8000-000000000002";
	static const char uuid_up[] = "a0000000-0000-4000-8000-000000000003";
	static const char uuid_abs[] = "a0000000-0000-4000-8000-000000000004";
	static const char uuid_type_abs[] = "a0000000-0000-4000-8000-000000000005";
	struct fake_sysfs *other;
	const char *other_name;
	char target[1024];

	setup_test_type("inside");
	add_test_mdev(UUID_A, 1, NULL);

	/* Another tree beside it, with a device of its own. */
	other = mdev_test_tree();
	CU_ASSERT_FATAL(other != NULL);
	other_name = strrchr(fake_sysfs_root(other), '/') + 1;
	CU_ASSERT_FATAL(fake_sysfs_add_type(other, SIM_PARENT, "mdev_sim-test",
					    "vfio-pci", "outside", NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(other, SIM_PARENT, "mdev_sim-test",
					    uuid_up, 3, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(other, SIM_PARENT, "mdev_sim-test",
					    uuid_abs, 4, NULL) == 0);

	add_test_mdev(uuid_slash, 5, NULL);
	snprintf(target, sizeof(target), "../../../devices/%s/%s/",
		 SIM_PARENT, uuid_slash);
	relink_entry(uuid_slash, target);
	add_test_mdev(uuid_type_slash, 6, NULL);
	relink_type(uuid_type_slash,
		    "../mdev_supported_types/mdev_sim-test/");
	snprintf(target, sizeof(target), "../../../../%s/devices/%s/%s",
		 other_name, SIM_PARENT, uuid_up);
	relink_entry(uuid_up, target);
	snprintf(target, sizeof(target), "%s/devices/%s/%s",
		 fake_sysfs_root(other), SIM_PARENT, uuid_abs);
	relink_entry(uuid_abs, target);
	add_test_mdev(uuid_type_abs, 7, NULL);
	snprintf(target, sizeof(target), "%s/devices/%s/mdev_supported_types/mdev_sim-test",
		 fake_sysfs_root(other), SIM_PARENT);
	relink_type(uuid_type_abs, target);

	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 1);
	CU_ASSERT(mdev_test_find(UUID_A) != NULL);
	CU_ASSERT(mdev_test_log_has(uuid_slash, "no device name"));
	CU_ASSERT(mdev_test_log_has(uuid_type_slash, "empty type name"));
	CU_ASSERT(mdev_test_log_has(uuid_up, "leaves the sysfs tree"));
	CU_ASSERT(mdev_test_log_has(uuid_abs, "leaves the sysfs tree"));
	CU_ASSERT(mdev_test_log_has(uuid_type_abs, "leaves the sysfs tree"));
	fake_sysfs_destroy(other);
	teardown();
}

/*
 * A bus entry that is not a link to its device, while the device's
 * directory is there under a parent with good devices. Whether it comes
 * before or after them in the directory, it is skipped.
 */
static void
check_bad_entry(bool plain_file, bool swap)
{
	static const char n1[] = "11111111-aaaa-4aaa-8aaa-000000000001";
	static const char n2[] = "22222222-bbbb-4bbb-8bbb-000000000002";
	const char *good = swap ? n2 : n1, *bad = swap ? n1 : n2;
	char rel[128], target[256];

	setup_test_type(NULL);
	add_test_mdev(good, 1, NULL);
	add_test_mdev(bad, 2, NULL);
	if (plain_file) {
		snprintf(rel, sizeof(rel), BUS_DEVICES "%s", bad);
		CU_ASSERT_FATAL(fake_sysfs_write_bytes(fs, rel, "x\n", 2) == 0);
	} else {
		snprintf(target, sizeof(target), "../../../devices/gone/%s", bad);
		relink_entry(bad, target);
	}
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(mdev_test_find(good) != NULL);
	CU_ASSERT(mdev_test_find(bad) == NULL);
	CU_ASSERT_EQUAL(mdev_test_count(), 1);
	CU_ASSERT(mdev_test_log_has(bad, plain_file ? "not a symbolic link" :
				    "dangling"));
	teardown();
}

static void
test_bad_entry_either_order(void)
{
	check_bad_entry(true, false);
	check_bad_entry(true, true);
	check_bad_entry(false, false);
	check_bad_entry(false, true);
}

/* Each bus entry that is not a usable link says what it is. */
static void
test_link_messages(void)
{
	static const char dangling[] = "d0000000-0000-4000-8000-000000000001";
	static const char too_long[] = "d0000000-0000-4000-8000-000000000002";
	static const char plain[] = "d0000000-0000-4000-8000-000000000003";
	static const char dir[] = "d0000000-0000-4000-8000-000000000004";
	char target[512], rel[128];

	setup_test_type(NULL);
	snprintf(target, sizeof(target), "../../../devices/%s/%s",
		 SIM_PARENT, dangling);
	relink_entry(dangling, target);
	/* A component longer than NAME_MAX. */
	snprintf(target, sizeof(target), "../../../devices/virtual/%0300d/%s",
		 0, too_long);
	relink_entry(too_long, target);
	snprintf(rel, sizeof(rel), BUS_DEVICES "%s", plain);
	CU_ASSERT_FATAL(fake_sysfs_write(fs, rel, "x") == 0);
	snprintf(rel, sizeof(rel), BUS_DEVICES "%s/mdev_type", dir);
	CU_ASSERT_FATAL(fake_sysfs_write(fs, rel, "x") == 0);

	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 0);
	CU_ASSERT(mdev_test_log_has(dangling, "dangling"));
	CU_ASSERT(mdev_test_log_has(too_long, "too long"));
	CU_ASSERT(mdev_test_log_has(plain, "not a symbolic link"));
	CU_ASSERT(mdev_test_log_has(dir, "not a symbolic link"));
	CU_ASSERT(!mdev_test_log_has("vanished", NULL));
	CU_ASSERT(!mdev_test_log_has("Invalid argument", NULL));
	teardown();
}

/* An attribute longer than the scan reads is refused, not truncated. */
static void
test_long_attrs(void)
{
	static const char * const uuids[] = {
		"e0000000-0000-4000-8000-000000000001",
		"e0000000-0000-4000-8000-000000000002",
		"e0000000-0000-4000-8000-000000000003",
	};
	static const char * const types[] = {
		"mdev_sim-longapi", "mdev_sim-longname", "mdev_sim-longdesc",
	};
	const char *parent2 = "virtual/mdev_sim/mdev_sim2";
	char api[101], name[301], desc[5001], desc_ok[2001];
	struct rte_mdev_device *dev;
	unsigned int i;

	memset(api, 'a', sizeof(api) - 1);
	api[sizeof(api) - 1] = '\0';
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	memset(desc, 'd', sizeof(desc) - 1);
	desc[sizeof(desc) - 1] = '\0';
	memset(desc_ok, 'k', sizeof(desc_ok) - 1);
	desc_ok[sizeof(desc_ok) - 1] = '\0';

	setup();
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, types[0], api,
					    NULL, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, types[1],
					    "vfio-pci", name, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, types[2],
					    "vfio-pci", NULL, desc) == 0);
	for (i = 0; i < RTE_DIM(uuids); i++)
		CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, SIM_PARENT, types[i],
						    uuids[i], i, NULL) == 0);
	/* A long description that a sysfs attribute can hold: kept whole. */
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, parent2, "mdev_sim2-ok",
					    "vfio-pci", NULL, desc_ok) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, parent2, "mdev_sim2-ok",
					    UUID_C, 9, NULL) == 0);
	/* Truncated at 31 bytes, this read as node 0. */
	CU_ASSERT_FATAL(fake_sysfs_write(fs, "devices/virtual/mdev_sim/mdev_sim2/numa_node",
		"0000000000000000000000000000000000000001") == 0);

	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 1);
	dev = mdev_test_find(UUID_C);
	CU_ASSERT_FATAL(dev != NULL);
	CU_ASSERT_EQUAL(strlen(dev->type->description), strlen(desc_ok));
	CU_ASSERT_EQUAL(dev->device.numa_node, SOCKET_ID_ANY);
	CU_ASSERT(mdev_test_log_has("mdev_sim2/numa_node", "longer than"));
	for (i = 0; i < RTE_DIM(uuids); i++) {
		CU_ASSERT(mdev_test_log_has(types[i], "longer than"));
		CU_ASSERT(mdev_test_log_has(uuids[i], "malformed"));
	}
	teardown();
}

/* "vfio-pci\0junk" is not vfio-pci. */
static void
test_nul_in_attr(void)
{
	static const char api[] = "vfio-pci\0junk\n";
	static const char name[] = "ok\0\n";

	setup_test_type(NULL);
	CU_ASSERT_FATAL(fake_sysfs_write_bytes(fs, SIM_TYPES "mdev_sim-test/device_api",
					       api, sizeof(api) - 1) == 0);
	add_test_mdev(UUID_A, 1, NULL);
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, "mdev_sim-nulname",
					    "vfio-pci", NULL, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_write_bytes(fs, SIM_TYPES "mdev_sim-nulname/name",
					       name, sizeof(name) - 1) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, SIM_PARENT, "mdev_sim-nulname",
					    UUID_B, 2, NULL) == 0);

	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 0);
	CU_ASSERT(mdev_test_log_has("mdev_sim-test", "NUL byte"));
	CU_ASSERT(mdev_test_log_has("mdev_sim-nulname", "NUL byte"));
	CU_ASSERT(mdev_test_log_has(UUID_A, "malformed"));
	teardown();
}

/* Names from sysfs are logged escaped: no forged log line. */
static void
test_escaped_names(void)
{
	setup();
	CU_ASSERT_FATAL(fake_sysfs_symlink(fs, BUS_DEVICES "evil\nMDEV_BUS: FORGED",
					   "nowhere") == 0);
	/* A type without device_api, whose id holds an escape sequence. */
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, "bad\x1b[2Jtype",
					    NULL, NULL, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, SIM_PARENT, "bad\x1b[2Jtype",
					    UUID_A, 1, NULL) == 0);

	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 0);
	CU_ASSERT(mdev_test_log_has("evil\\x0aMDEV_BUS: FORGED", "not a UUID"));
	CU_ASSERT(mdev_test_log_has("bad\\x1b[2Jtype", "device_api"));
	CU_ASSERT(!mdev_test_log_has("\x1b", NULL));
	teardown();
}

/*
 * Type attributes are read once per scan, not once per process: a type
 * fixed (or changed) since the last scan is read again.
 */
static void
test_rescan_rereads_types(void)
{
	struct rte_mdev_device *a, *b;

	setup();
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, "mdev_sim-test",
					    NULL, "first", NULL) == 0);
	add_test_mdev(UUID_A, 1, NULL);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 0);
	CU_ASSERT(mdev_test_log_has(UUID_A, "malformed"));

	/* Fixed: found by the next scan. */
	CU_ASSERT_FATAL(fake_sysfs_write(fs, SIM_TYPES "mdev_sim-test/device_api",
					 "vfio-pci") == 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	a = mdev_test_find(UUID_A);
	CU_ASSERT_FATAL(a != NULL);
	CU_ASSERT_STRING_EQUAL(a->type->name, "first");

	/* Changed: a new device has the new name, a listed one is kept. */
	CU_ASSERT_FATAL(fake_sysfs_write(fs, SIM_TYPES "mdev_sim-test/name",
					 "second") == 0);
	add_test_mdev(UUID_B, 2, NULL);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 2);
	b = mdev_test_find(UUID_B);
	CU_ASSERT_FATAL(b != NULL);
	CU_ASSERT_STRING_EQUAL(b->type->name, "second");
	CU_ASSERT_PTR_EQUAL(mdev_test_find(UUID_A), a);
	CU_ASSERT_STRING_EQUAL(a->type->name, "first");

	/* Unchanged: devices found later share the type. */
	add_test_mdev(UUID_C, 3, NULL);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 3);
	CU_ASSERT_PTR_EQUAL(mdev_test_find(UUID_C)->type, b->type);

	/* Broken again: new devices skipped, listed ones kept. */
	CU_ASSERT_FATAL(fake_sysfs_remove(fs, SIM_TYPES "mdev_sim-test/device_api") == 0);
	add_test_mdev("c0000000-0000-4000-8000-000000000001", 4, NULL);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 3);
	CU_ASSERT(mdev_test_log_has("c0000000-0000-4000-8000-000000000001",
				    "malformed"));
	teardown();
}

/* Each malformed entry is skipped with a log line naming it. */
static void
test_malformed_entries(void)
{
	char path[512];

	setup_test_type("ok");
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, "mdev_sim-noapi",
					    NULL, "no api", NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, "mdev_sim-emptyapi",
					    "", "empty api", NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, SIM_PARENT, "mdev_sim-badattr",
					    "vfio-pci", NULL, NULL) == 0);
	/* A directory where an attribute should be: read() fails. */
	snprintf(path, sizeof(path), "%s/devices/%s/mdev_supported_types/mdev_sim-badattr/name",
		 fake_sysfs_root(fs), SIM_PARENT);
	CU_ASSERT_FATAL(mkdir(path, 0755) == 0);

	add_test_mdev(UUID_A, 1, NULL);
	add_test_mdev("not-a-uuid", 2, NULL);
	add_test_mdev("0b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f0", 3, NULL);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, SIM_PARENT, "mdev_sim-noapi",
					    "11111111-1111-4111-8111-111111111111", 4, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, SIM_PARENT, "mdev_sim-noapi",
					    "11111111-1111-4111-8111-111111111112", 5, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, SIM_PARENT, "mdev_sim-emptyapi",
					    "22222222-2222-4222-8222-222222222222", 6, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, SIM_PARENT, "mdev_sim-badattr",
					    "33333333-3333-4333-8333-333333333333", 7, NULL) == 0);
	add_test_mdev("44444444-4444-4444-8444-444444444444", 8, NULL);
	CU_ASSERT_FATAL(fake_sysfs_mdev_unlink(fs, "44444444-4444-4444-8444-444444444444",
					       "mdev_type") == 0);
	/* A link whose device is gone, as when removed mid-scan. */
	snprintf(path, sizeof(path), "%s/55555555-5555-4555-8555-555555555555",
		 fake_sysfs_mdev_devices(fs));
	CU_ASSERT_FATAL(symlink("../../../devices/" SIM_PARENT
				"/55555555-5555-4555-8555-555555555555", path) == 0);
	/*
	 * The same UUID in uppercase: not a name the kernel gives, and one
	 * the bus could not find again by its canonical name.
	 */
	add_test_mdev("0B3C4A9E-8D51-4C39-9F1E-2A6C5D7E8F01", 9, NULL);

	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 1);
	CU_ASSERT(mdev_test_find(UUID_A) != NULL);

	CU_ASSERT(mdev_test_log_has("not-a-uuid", "not a UUID"));
	CU_ASSERT(mdev_test_log_has("0b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f0", "not a UUID"));
	CU_ASSERT(mdev_test_log_has("mdev_sim-noapi", "device_api"));
	CU_ASSERT(mdev_test_log_has("11111111-1111-4111-8111-111111111111", "malformed"));
	CU_ASSERT(mdev_test_log_has("11111111-1111-4111-8111-111111111112", "malformed"));
	CU_ASSERT(mdev_test_log_has("mdev_sim-emptyapi", "empty device_api"));
	CU_ASSERT(mdev_test_log_has("mdev_sim-badattr", "cannot read name"));
	CU_ASSERT(mdev_test_log_has("44444444-4444-4444-8444-444444444444", "no mdev_type"));
	CU_ASSERT(mdev_test_log_has("55555555-5555-4555-8555-555555555555", "dangling"));
	CU_ASSERT(mdev_test_log_has("0B3C4A9E-8D51-4C39-9F1E-2A6C5D7E8F01", "not a UUID in lowercase"));
	/* Names with a sign, a space or "0x" in a field: no UUID either. */
	teardown();
	setup_test_type("ok");
	add_test_mdev(UUID_A, 1, NULL);
	add_test_mdev("+b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f01", 2, NULL);
	add_test_mdev(" b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f02", 3, NULL);
	add_test_mdev("0x3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f03", 4, NULL);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 1);
	CU_ASSERT(mdev_test_log_has("+b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f01", "not a UUID in lowercase"));
	CU_ASSERT(mdev_test_log_has(" b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f02", "not a UUID in lowercase"));
	CU_ASSERT(mdev_test_log_has("0x3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f03", "not a UUID in lowercase"));
	teardown();
}

/* A rescan (every hotplug request does one) keeps known devices as they are. */
/*
 * A rescan (one per hotplug request) reads only entries it does not list
 * yet: a host with 4096 devices must not read them all to attach one.
 * Proof: a listed device whose entry broke since is not read (no line).
 */
static void
test_rescan_reads_new_only(void)
{
	char rel[256];

	setup_test_type(NULL);
	add_test_mdev(UUID_B, 1, NULL);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_FATAL(mdev_test_find(UUID_B) != NULL);

	snprintf(rel, sizeof(rel), "devices/" SIM_PARENT "/%s/mdev_type", UUID_B);
	CU_ASSERT_FATAL(fake_sysfs_remove(fs, rel) == 0);
	add_test_mdev(UUID_A, 2, NULL);
	mdev_test_log_start();
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 2);
	CU_ASSERT(mdev_test_find(UUID_A) != NULL);
	CU_ASSERT(mdev_test_find(UUID_B) != NULL);
	CU_ASSERT(!mdev_test_log_has(UUID_B, NULL));
	teardown();
}

static void
test_rescan(void)
{
	struct rte_mdev_device *a;

	setup_test_type(NULL);
	add_test_mdev(UUID_B, 1, NULL);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	a = mdev_test_find(UUID_B);
	CU_ASSERT_FATAL(a != NULL);

	add_test_mdev(UUID_A, 2, NULL);
	add_test_mdev(UUID_C, 3, NULL);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 3);
	CU_ASSERT(mdev_test_sorted());
	CU_ASSERT_PTR_EQUAL(mdev_test_find(UUID_B), a);
	CU_ASSERT_PTR_EQUAL(mdev_test_find(UUID_A)->type, a->type);
	teardown();
}

/* A Scalable-IOV parent: thousands of devices of a few types. */
static void
test_4096_devices(void)
{
	static const char * const types[] = { "siov-q1", "siov-q2", "siov-q4" };
	const char *parent = "pci0000:00/0000:6a:01.0";
	struct rte_mdev_device *first, *dev;
	char uuid[RTE_UUID_STRLEN];
	unsigned int i;

	setup();
	for (i = 0; i < RTE_DIM(types); i++)
		CU_ASSERT_FATAL(fake_sysfs_add_type(fs, parent, types[i],
						    "vfio-pci", types[i], NULL) == 0);
	/* Created in an order unrelated to UUID order. */
	for (i = 0; i < 4096; i++) {
		snprintf(uuid, sizeof(uuid), "%08x-0000-4000-8000-%012x",
			 (i * 2654435761u), i);
		CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, parent, types[i % 3],
						    uuid, i, "idxd") == 0);
	}
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(mdev_test_count(), 4096);
	CU_ASSERT(mdev_test_sorted());

	/* Three types read, shared by 4096 devices. */
	first = mdev_test_find("00000000-0000-4000-8000-000000000000");
	CU_ASSERT_FATAL(first != NULL);
	snprintf(uuid, sizeof(uuid), "%08x-0000-4000-8000-%012x",
		 (3 * 2654435761u), 3);
	dev = mdev_test_find(uuid);
	CU_ASSERT_FATAL(dev != NULL);
	CU_ASSERT_PTR_EQUAL(first->type, dev->type);
	CU_ASSERT_EQUAL(dev->iommu_group, 3);
	CU_ASSERT_STRING_EQUAL(dev->parent, "0000:6a:01.0");
	teardown();
}

int
main(void)
{
	static const struct mdev_test_case tests[] = {
		{ "realistic tree", test_example_tree },
		{ "device_api values", test_device_apis },
		{ "no /sys/bus/mdev", test_no_mdev_dir },
		{ "group, driver, numa", test_group_driver_numa },
		{ "malformed entries", test_malformed_entries },
		{ "rescan", test_rescan },
		{ "rescan reads new entries only", test_rescan_reads_new_only },
		{ "4096 devices", test_4096_devices },
		{ "empty bus directory", test_empty_dir },
		{ "missing directory logged", test_missing_dir_logged },
		{ "FIFO attributes", test_fifo_attrs },
		{ "links out of the tree", test_links_outside_tree },
		{ "bad entry, either order", test_bad_entry_either_order },
		{ "link messages", test_link_messages },
		{ "over-long attributes", test_long_attrs },
		{ "NUL byte in attribute", test_nul_in_attr },
		{ "escaped names", test_escaped_names },
		{ "rescan re-reads types", test_rescan_rereads_types },
	};

	if (mdev_test_bus() == NULL) {
		fprintf(stderr, "mdev bus not registered\n");
		return 1;
	}
	return mdev_test_run("mdev scan", tests, RTE_DIM(tests), teardown);
}
