/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Devargs: both syntaxes, allow and block lists, the class and driver
 * layers, and the dev_iterate filters. The test drivers of
 * librte_mdev_test_drv, loaded as EAL loads a -d plugin, are the candidates.
 */

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>
#include <rte_class.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_errno.h>

#include "test_helpers.h"

#define SIM_A "0b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f01"
#define SIM_A_UPPER "0B3C4A9E-8D51-4C39-9F1E-2A6C5D7E8F01"
#define SIM_B "5e1f0c2a-3b4d-4e6f-8a9b-0c1d2e3f4a02"
#define SIM_AP "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c03"
#define GVT_A "c0ffee00-1234-4abc-9def-00000000a004"
#define VIRTIO "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c0a"

static struct fake_sysfs *fs;

/* The example tree plus a type that the PCI-ID test driver looks at. */
static void
setup(void)
{
	fs = mdev_test_tree();
	CU_ASSERT_FATAL(fs != NULL);
	CU_ASSERT_FATAL(fake_sysfs_example(fs) > 0);
	CU_ASSERT_FATAL(fake_sysfs_add_type(fs, "virtual/mdev_sim/mdev_sim",
					    "mdev_sim-virtio-net", "vfio-pci",
					    NULL, NULL) == 0);
	CU_ASSERT_FATAL(fake_sysfs_add_mdev(fs, "virtual/mdev_sim/mdev_sim",
					    "mdev_sim-virtio-net", VIRTIO, 77,
					    "mdev_sim") == 0);
	/* Legacy names are checked against sysfs before any scan. */
	setenv("SYSFS_MDEV_DEVICES", fake_sysfs_mdev_devices(fs), 1);
	mdev_test_log_start();
}

static void
teardown(void)
{
	mdev_test_reset();
	fake_sysfs_destroy(fs);
	fs = NULL;
}

static const char *
candidate_name(const char *uuid)
{
	struct rte_mdev_device *dev = mdev_test_find(uuid);
	struct rte_mdev_driver *drv;

	if (dev == NULL)
		return "(no device)";
	drv = rte_mdev_device_candidate(dev);
	return drv == NULL ? "(none)" : drv->driver.name;
}

static struct rte_devargs *
devargs_of(const char *uuid)
{
	struct rte_mdev_device *dev = mdev_test_find(uuid);

	return dev == NULL ? NULL : dev->device.devargs;
}

static void
test_new_syntax_allow(void)
{
	struct rte_devargs *da;

	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" SIM_A_UPPER), 0);
	da = rte_devargs_next(RTE_BUS_MDEV_NAME, NULL);
	CU_ASSERT_FATAL(da != NULL);
	CU_ASSERT_STRING_EQUAL(da->name, SIM_A);
	CU_ASSERT_EQUAL(mdev_test_bus()->conf.scan_mode, RTE_BUS_SCAN_ALLOWLIST);

	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_PTR_EQUAL(devargs_of(SIM_A), da);
	CU_ASSERT(rte_mdev_device_admitted(mdev_test_find(SIM_A)));
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(SIM_B)));
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(GVT_A)));
	teardown();
}

static void
test_bad_uuid(void)
{
	setup();
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=0b3c4a9e-zzzz") < 0);
	CU_ASSERT(mdev_test_log_has("invalid mdev UUID", "0b3c4a9e-zzzz"));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" SIM_A "0") < 0);
	CU_ASSERT(mdev_test_log_has("invalid mdev UUID", SIM_A "0"));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uid=" SIM_A) < 0);
	CU_ASSERT(mdev_test_log_has("invalid mdev devargs", "uid="));
	CU_ASSERT_PTR_NULL(rte_devargs_next(RTE_BUS_MDEV_NAME, NULL));
	teardown();
}

/* iommu= (bus layer) picks the VFIO container; type1v2 by default. */
static void
test_iommu_key(void)
{
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" SIM_A ",iommu=eal"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,iommu=type1v2,uuid=" SIM_B), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" VIRTIO), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED, "mdev:" SIM_AP), 0);
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" GVT_A ",iommu=type1") < 0);
	CU_ASSERT(mdev_test_log_has("invalid iommu \"type1\"", GVT_A));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" GVT_A ",iommu=") < 0);
	CU_ASSERT(mdev_test_log_has("invalid iommu \"\"", GVT_A));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" GVT_A ",iommu=EAL") < 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(mdev_test_find(SIM_A)),
			RTE_VFIO_DEV_IOMMU_EAL);
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(mdev_test_find(SIM_B)),
			RTE_VFIO_DEV_IOMMU_TYPE1V2);
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(mdev_test_find(VIRTIO)),
			RTE_VFIO_DEV_IOMMU_TYPE1V2);
	/* Legacy syntax has no bus layer; refused devargs left no trace. */
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(mdev_test_find(SIM_AP)),
			RTE_VFIO_DEV_IOMMU_TYPE1V2);
	CU_ASSERT_PTR_NULL(devargs_of(GVT_A));
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(NULL), RTE_VFIO_DEV_IOMMU_TYPE1V2);
	/* A device opened for matching is not kept when unprobed. */
	CU_ASSERT_STRING_EQUAL(candidate_name(VIRTIO), "mdev_test_eth");
	CU_ASSERT_PTR_NULL(mdev_test_find(VIRTIO)->vfio);
	CU_ASSERT_EQUAL(mdev_test_find(VIRTIO)->vfio_fd, -1);
	teardown();
}

static void
test_legacy_syntax(void)
{
	char name[RTE_UUID_STRLEN];
	struct rte_devargs *da;

	setup();
	CU_ASSERT_EQUAL(mdev_test_bus()->parse(SIM_A_UPPER, name), 0);
	CU_ASSERT_STRING_EQUAL(name, SIM_A);
	/* A UUID that is no mdev is left to other buses (vmbus). */
	CU_ASSERT(mdev_test_bus()->parse("00000000-1111-4222-8333-444444444444",
					 NULL) != 0);
	CU_ASSERT(mdev_test_bus()->parse("0000:00:02.0", NULL) != 0);

	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"mdev:" SIM_B ",driver=mdev_test_crypto,x=1"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED, SIM_A_UPPER), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);

	/* Matched whatever the case it was given in. */
	da = devargs_of(SIM_A);
	CU_ASSERT_FATAL(da != NULL);
	CU_ASSERT(rte_mdev_device_admitted(mdev_test_find(SIM_A)));
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_A), "mdev_test_eth");

	da = devargs_of(SIM_B);
	CU_ASSERT_FATAL(da != NULL);
	CU_ASSERT_STRING_EQUAL(da->drv_str, "driver=mdev_test_crypto,x=1");
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_B), "mdev_test_crypto");
	teardown();
}

static void
test_block_list(void)
{
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_BLOCKED,
					"bus=mdev,uuid=" SIM_B), 0);
	CU_ASSERT_EQUAL(mdev_test_bus()->conf.scan_mode, RTE_BUS_SCAN_BLOCKLIST);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(SIM_B)));
	CU_ASSERT(rte_mdev_device_admitted(mdev_test_find(SIM_A)));
	CU_ASSERT(rte_mdev_device_admitted(mdev_test_find(GVT_A)));
	teardown();
}

static void
test_class_layer(void)
{
	struct rte_devargs *da;

	setup();
	CU_ASSERT_PTR_NOT_NULL(rte_class_find_by_name("crypto"));
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" SIM_A "/class=crypto"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" SIM_B "/class=eth"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" GVT_A), 0);
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" SIM_AP "/class=nosuch") < 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);

	da = devargs_of(SIM_A);
	CU_ASSERT_FATAL(da != NULL && da->cls != NULL);
	CU_ASSERT_STRING_EQUAL(da->cls->name, "crypto");
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_A), "mdev_test_crypto");
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_B), "mdev_test_eth");
	/* No layer: the first matching driver, in registration order. */
	CU_ASSERT_STRING_EQUAL(candidate_name(GVT_A), "mdev_test_eth");
	/* vfio-ap: no driver matches whatever the layers say. */
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_AP), "(none)");
	teardown();
}

static void
test_driver_layer(void)
{
	struct rte_devargs *da;

	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" SIM_A "/driver=mdev_test_crypto,key=val"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" SIM_B "/driver=nosuch_driver"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" GVT_A "/class=eth/driver=mdev_test_crypto"), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);

	da = devargs_of(SIM_A);
	CU_ASSERT_FATAL(da != NULL);
	CU_ASSERT(strstr(da->drv_str, "key=val") != NULL);
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_A), "mdev_test_crypto");
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_B), "(none)");
	/* Class and driver disagree: nothing is chosen. */
	CU_ASSERT_STRING_EQUAL(candidate_name(GVT_A), "(none)");
	teardown();
}

/* PCI IDs are read only when a driver's sysfs checks pass, never at scan. */
static void
test_lazy_config_space(void)
{
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" VIRTIO), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" SIM_A), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(!mdev_test_log_has("VFIO", NULL));

	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_A), "mdev_test_eth");
	CU_ASSERT(!mdev_test_log_has("VFIO", NULL));
	CU_ASSERT(!mdev_test_find(SIM_A)->pci_id_tried);

	/* No VFIO in a fake tree: the ID driver cannot match, eth takes it. */
	CU_ASSERT_STRING_EQUAL(candidate_name(VIRTIO), "mdev_test_eth");
	CU_ASSERT(mdev_test_find(VIRTIO)->pci_id_tried);
	CU_ASSERT(!mdev_test_find(VIRTIO)->pci_id_valid);
	CU_ASSERT(mdev_test_log_has(VIRTIO, "VFIO"));
	teardown();
}

static unsigned int
iterate_count(const char *str, int *init_ret)
{
	struct rte_dev_iterator it;
	unsigned int n = 0;

	/* 22.11 returns -rte_errno even on success: clear leftovers. */
	rte_errno = 0;
	*init_ret = rte_dev_iterator_init(&it, str);
	if (*init_ret != 0)
		return 0;
	while (rte_dev_iterator_next(&it) != NULL)
		n++;
	return n;
}

static void
test_dev_iterate(void)
{
	int ret;

	setup();
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(iterate_count("bus=mdev", &ret), mdev_test_count());
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_EQUAL(iterate_count("bus=mdev,type=mdev_sim-*", &ret), 4);
	CU_ASSERT_EQUAL(iterate_count("bus=mdev,device_api=vfio-ccw", &ret), 1);
	CU_ASSERT_EQUAL(iterate_count("bus=mdev,parent=0000:00:02.0", &ret), 3);
	CU_ASSERT_EQUAL(iterate_count("bus=mdev,parent=mdev_sim,device_api=vfio-pci",
				      &ret), 3);
	CU_ASSERT_EQUAL(iterate_count("bus=mdev,uuid=" SIM_A_UPPER, &ret), 1);
	CU_ASSERT_EQUAL(iterate_count("bus=mdev,type=nosuch", &ret), 0);
	CU_ASSERT_EQUAL(ret, 0);
	iterate_count("bus=mdev,colour=blue", &ret);
	CU_ASSERT(ret != 0);
	teardown();
}

int
main(void)
{
	static const struct mdev_test_case tests[] = {
		{ "bus=mdev,uuid= allow list", test_new_syntax_allow },
		{ "invalid UUID and keys", test_bad_uuid },
		{ "iommu= key", test_iommu_key },
		{ "legacy syntax", test_legacy_syntax },
		{ "block list", test_block_list },
		{ "class layer", test_class_layer },
		{ "driver layer", test_driver_layer },
		{ "lazy config space", test_lazy_config_space },
		{ "dev_iterate filters", test_dev_iterate },
	};
	const char *drv_lib = getenv("MDEV_TEST_DRV");

	if (drv_lib == NULL || dlopen(drv_lib, RTLD_NOW | RTLD_GLOBAL) == NULL) {
		fprintf(stderr, "cannot load the test drivers (MDEV_TEST_DRV=%s): %s\n",
			drv_lib == NULL ? "" : drv_lib, dlerror());
		return 1;
	}
	return mdev_test_run("mdev devargs", tests, RTE_DIM(tests));
}
