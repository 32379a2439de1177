/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Scan of fake sysfs trees: what the bus reads, skips and keeps. */

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/Basic.h>
#include <rte_memory.h>

#include "test_helpers.h"

#define SIM_PARENT "virtual/mdev_sim/mdev_sim"
#define UUID_A "0b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f01"
#define UUID_B "5e1f0c2a-3b4d-4e6f-8a9b-0c1d2e3f4a02"
#define UUID_C "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c03"

static struct fake_sysfs *fs;

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

	dev = mdev_test_find(UUID_C);
	CU_ASSERT_FATAL(dev != NULL);
	CU_ASSERT_STRING_EQUAL(dev->type->id, "mdev_sim-ap");
	CU_ASSERT_STRING_EQUAL(dev->type->description, "");
	CU_ASSERT_STRING_EQUAL(dev->parent, "mdev_sim");
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
	/* The same UUID spelt twice (uppercase): one device. */
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
	CU_ASSERT(mdev_test_log_has("55555555-5555-4555-8555-555555555555", "vanished"));
	CU_ASSERT(mdev_test_log_has("0b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f01", "second entry"));
	teardown();
}

/* A rescan (every hotplug request does one) keeps known devices as they are. */
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
		{ "4096 devices", test_4096_devices },
	};

	return mdev_test_run("mdev scan", tests, RTE_DIM(tests));
}
