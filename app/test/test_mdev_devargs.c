/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Devargs: both syntaxes, allow and block lists, the class and driver
 * layers, and the dev_iterate filters. The test drivers of
 * librte_mdev_test_drv, loaded as EAL loads a -d plugin, are the candidates.
 */

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <CUnit/Basic.h>
#include <rte_class.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_errno.h>
#include <rte_string_fns.h>

#include "app_bus.h"
#include "test_helpers.h"

#define SIM_A "0b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f01"
#define SIM_A_UPPER "0B3C4A9E-8D51-4C39-9F1E-2A6C5D7E8F01"
#define SIM_B "5e1f0c2a-3b4d-4e6f-8a9b-0c1d2e3f4a02"
#define SIM_AP "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c03"
#define GVT_A "c0ffee00-1234-4abc-9def-00000000a004"
#define VIRTIO "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c0a"
/* UUIDs of no mediated device: typos, or Hyper-V devices. */
#define TYPO "00000000-1111-4222-8333-444444444444"
#define HYPERV "00000000-1111-4222-8333-555555555555"

/*
 * A bus that, like bus/vmbus, takes any UUID as a device name: EAL gives
 * a legacy name that the mdev bus refuses to the next bus that accepts it.
 */
static int
uuid_bus_scan(void)
{
	return 0;
}

static int
uuid_bus_probe(APP_BUS_PROBE_PARAMS)
{
	return 0;
}

static struct rte_device *
uuid_bus_find(APP_BUS_FIND_PARAM0 const struct rte_device *start __rte_unused,
	      rte_dev_cmp_t cmp __rte_unused, const void *data __rte_unused)
{
	return NULL;
}

static int
uuid_bus_parse(const char *name, void *addr __rte_unused)
{
	rte_uuid_t uuid;

	return rte_uuid_parse(name, uuid) == 0 ? 0 : -1;
}

static struct rte_bus uuid_bus = {
	.name = "mdev_test_uuid",
	.scan = uuid_bus_scan,
	.probe = uuid_bus_probe,
	.find_device = uuid_bus_find,
	.parse = uuid_bus_parse,
};

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

/* The devargs named @p name that another bus took, NULL if none. */
static struct rte_devargs *
foreign_devargs(const char *name)
{
	struct rte_devargs *da;

	RTE_EAL_DEVARGS_FOREACH(NULL, da) {
		if (da->bus != mdev_test_bus() &&
		    (name == NULL || strcmp(da->name, name) == 0))
			return da;
	}
	return NULL;
}

static void
teardown(void)
{
	struct rte_devargs *da;

	/* mdev_test_reset() forgets only the mdev bus's devargs. */
	while ((da = foreign_devargs(NULL)) != NULL) {
		da->bus->conf.scan_mode = RTE_BUS_SCAN_UNDEFINED;
		rte_devargs_remove(da);
	}
	unsetenv("SYSFS_VMBUS_DEVICES");
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
	/* The message names the key, not only the whole string. */
	CU_ASSERT(mdev_test_log_has("unknown key \"uid\"", "uid=" SIM_A));
	CU_ASSERT_PTR_NULL(rte_devargs_next(RTE_BUS_MDEV_NAME, NULL));
	teardown();
}

/* A key given twice or without a value is refused, not half-used. */
static void
test_duplicate_keys(void)
{
	int ret;

	setup();
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" SIM_A ",uuid=" SIM_B) < 0);
	CU_ASSERT(mdev_test_log_has("uuid given twice", SIM_B));
	/* Even when the second one is not a UUID. */
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" SIM_A ",uuid=zzzz") < 0);
	CU_ASSERT(mdev_test_log_has("uuid given twice", "\"zzzz\""));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" SIM_A ",iommu=eal,iommu=type1v2") < 0);
	CU_ASSERT(mdev_test_log_has("iommu given twice", "type1v2"));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED, "bus=mdev,uuid") < 0);
	CU_ASSERT(mdev_test_log_has("uuid has no value", "bus=mdev,uuid"));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" SIM_A ",iommu") < 0);
	CU_ASSERT(mdev_test_log_has("iommu has no value", SIM_A));
	CU_ASSERT_PTR_NULL(rte_devargs_next(RTE_BUS_MDEV_NAME, NULL));
	/* Filters follow the same rules. */
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	iterate_count("bus=mdev,type=mdev_sim-*,type=i915-*", &ret);
	CU_ASSERT(ret != 0);
	CU_ASSERT(mdev_test_log_has("type given twice", "i915-*"));
	teardown();
}

/*
 * bus=mdev without uuid= is a valid iteration filter, so the bus accepts
 * it as devargs too; it selects nothing, and the first scan says so.
 */
static void
test_no_uuid(void)
{
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED, "bus=mdev"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,type=mdev_sim-test"), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(mdev_test_log_has("\"bus=mdev\" names no device", "uuid="));
	CU_ASSERT(mdev_test_log_has("\"bus=mdev,type=mdev_sim-test\" names no device",
				    "uuid="));
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(SIM_A)));
	/* Said once, not on every rescan (one per hot-plug request). */
	mdev_test_log_start();
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(!mdev_test_log_has("names no device", NULL));
	teardown();
}

/*
 * -a <uuid> naming no mediated device (a typo) goes to a bus that takes
 * any UUID (bus/vmbus). The mdev bus says so and does not take the allow
 * list it lost for "no allow list": it probes nothing.
 */
static void
test_foreign_uuid(void)
{
	struct rte_devargs *da;

	setup();
	CU_ASSERT_EQUAL_FATAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED, TYPO), 0);
	da = foreign_devargs(TYPO);
	CU_ASSERT_FATAL(da != NULL);
	CU_ASSERT_EQUAL(mdev_test_bus()->conf.scan_mode, RTE_BUS_SCAN_UNDEFINED);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(mdev_test_log_has(TYPO, "went to bus"));
	CU_ASSERT(mdev_test_log_has(TYPO, da->bus->name));
	CU_ASSERT(mdev_test_log_has(TYPO, "no mediated device"));
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(SIM_A)));
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(GVT_A)));
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(VIRTIO)));
	teardown();

	/* With an allow list of its own the bus keeps it, and still warns. */
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" SIM_A), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED, TYPO), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(mdev_test_log_has(TYPO, "went to bus"));
	CU_ASSERT(rte_mdev_device_admitted(mdev_test_find(SIM_A)));
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(SIM_B)));
	teardown();

	/* A block list loses to the lost allow list too. */
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_BLOCKED,
					"bus=mdev,uuid=" SIM_A), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED, TYPO), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(SIM_B)));
	teardown();
}

/*
 * When the UUID bus registers before the mdev bus it takes even UUIDs of
 * mediated devices: the warning says to use bus=mdev,uuid=.
 */
static void
test_foreign_mdev_uuid(void)
{
	struct rte_devargs *da;

	setup();
	da = calloc(1, sizeof(*da));
	CU_ASSERT_FATAL(da != NULL);
	strlcpy(da->name, SIM_B, sizeof(da->name));
	da->bus = &uuid_bus;
	da->type = RTE_DEVTYPE_ALLOWED;
	da->policy = RTE_DEV_ALLOWED;
	CU_ASSERT_EQUAL_FATAL(rte_devargs_insert(&da), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(mdev_test_log_has(SIM_B, "bus=mdev,uuid=" SIM_B));
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(SIM_B)));
	CU_ASSERT(!rte_mdev_device_admitted(mdev_test_find(SIM_A)));
	teardown();
}

/* A UUID that is a Hyper-V device is vmbus's: no warning, no change. */
static void
test_hyperv_uuid(void)
{
	char dir[PATH_MAX], dev[PATH_MAX + 64];

	setup();
	snprintf(dir, sizeof(dir), "%s/vmbus.XXXXXX", mdev_test_tmpdir());
	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	snprintf(dev, sizeof(dev), "%s/" HYPERV, dir);
	CU_ASSERT_FATAL(mkdir(dev, 0755) == 0);
	setenv("SYSFS_VMBUS_DEVICES", dir, 1);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED, HYPERV), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(!mdev_test_log_has(HYPERV, "went to bus"));
	CU_ASSERT(rte_mdev_device_admitted(mdev_test_find(SIM_A)));
	rmdir(dev);
	rmdir(dir);
	teardown();
}

/* /driver=<name> that no mdev driver has: said at the first scan. */
static void
test_unknown_driver(void)
{
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" SIM_B "/driver=nosuch_driver"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		SIM_A ",driver=mdev_test_eht"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" GVT_A "/driver=mdev_test_crypto"), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(mdev_test_log_has("no mdev or PCI driver", "\"nosuch_driver\""));
	CU_ASSERT(mdev_test_log_has(SIM_B, "nosuch_driver"));
	CU_ASSERT(mdev_test_log_has("no mdev or PCI driver", "\"mdev_test_eht\""));
	CU_ASSERT(!mdev_test_log_has("no mdev or PCI driver", "mdev_test_crypto"));
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_B), "(none)");
	teardown();
}

/* driver= takes a driver's alias (RTE_PMD_REGISTER_MDEV_ALIAS) too. */
static void
test_driver_alias(void)
{
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" GVT_A "/driver=mdev_test_cipher"), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(!mdev_test_log_has("no mdev or PCI driver", "mdev_test_cipher"));
	CU_ASSERT_STRING_EQUAL(candidate_name(GVT_A), "mdev_test_crypto");
	teardown();
}

/* Two devargs for one device that select differently: the first is used. */
static void
test_duplicate_devargs(void)
{
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" SIM_A "/driver=mdev_test_crypto"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		SIM_A_UPPER ",driver=mdev_test_eth"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" SIM_B "/class=crypto"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" SIM_B), 0);
	/* The same selection twice is harmless. */
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"bus=mdev,uuid=" GVT_A "/driver=mdev_test_eth"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
		"mdev:" GVT_A ",driver=mdev_test_eth"), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT(mdev_test_log_has("driver=mdev_test_crypto",
				    "driver=mdev_test_eth"));
	CU_ASSERT(mdev_test_log_has(SIM_A, "the first is used"));
	CU_ASSERT(mdev_test_log_has(SIM_B, "class=crypto"));
	CU_ASSERT(!mdev_test_log_has(GVT_A, "twice"));
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_A), "mdev_test_crypto");
	CU_ASSERT_STRING_EQUAL(candidate_name(SIM_B), "mdev_test_crypto");
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
				  "bus=mdev,uuid=" GVT_A ",iommu=type2") < 0);
	CU_ASSERT(mdev_test_log_has("invalid iommu \"type2\"", GVT_A));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" GVT_A ",iommu=") < 0);
	CU_ASSERT(mdev_test_log_has("invalid iommu \"\"", GVT_A));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" GVT_A ",iommu=EAL") < 0);
	/* Refused devargs left no trace. */
	CU_ASSERT_PTR_NULL(devargs_of(GVT_A));
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" GVT_A ",iommu=type1"), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(mdev_test_find(SIM_A)),
			RTE_VFIO_DEV_IOMMU_EAL);
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(mdev_test_find(SIM_B)),
			RTE_VFIO_DEV_IOMMU_TYPE1V2);
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(mdev_test_find(VIRTIO)),
			RTE_VFIO_DEV_IOMMU_TYPE1V2);
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(mdev_test_find(GVT_A)),
			RTE_VFIO_DEV_IOMMU_TYPE1);
	/* Legacy syntax has no bus layer. */
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(mdev_test_find(SIM_AP)),
			RTE_VFIO_DEV_IOMMU_TYPE1V2);
	CU_ASSERT_EQUAL(rte_mdev_device_iommu(NULL), RTE_VFIO_DEV_IOMMU_TYPE1V2);
	/* A device opened for matching is not kept when unprobed. */
	CU_ASSERT_STRING_EQUAL(candidate_name(VIRTIO), "mdev_test_eth");
	CU_ASSERT_PTR_NULL(mdev_test_find(VIRTIO)->vfio);
	CU_ASSERT_EQUAL(mdev_test_find(VIRTIO)->vfio_fd, -1);
	teardown();
}

/* pci_adapter=0|1 is checked at parse time; any other value fails. */
static void
test_pci_adapter_key(void)
{
	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" SIM_A ",pci_adapter=0"), 0);
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,pci_adapter=1,uuid=" SIM_B), 0);
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" GVT_A ",pci_adapter=2") < 0);
	CU_ASSERT(mdev_test_log_has("invalid pci_adapter \"2\"", GVT_A));
	CU_ASSERT(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
				  "bus=mdev,uuid=" GVT_A ",pci_adapter=yes") < 0);
	CU_ASSERT(mdev_test_log_has("invalid pci_adapter \"yes\"", GVT_A));
	CU_ASSERT_PTR_NULL(devargs_of(GVT_A));
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

/*
 * The application API (rte_bus_mdev.h): what rte_mdev_info_get() says is
 * what the bus holds, candidate and admission included; a device of
 * another bus and bad arguments are refused.
 */
static void
test_info_get(void)
{
	struct rte_device other = { .name = "0000:00:01.0" };
	const struct rte_vfio_dev *vfio = NULL;
	struct rte_mdev_device *dev;
	struct rte_mdev_info info;

	setup();
	CU_ASSERT_EQUAL(rte_devargs_add(RTE_DEVTYPE_ALLOWED,
					"bus=mdev,uuid=" VIRTIO ",iommu=eal"), 0);
	CU_ASSERT_EQUAL(mdev_test_scan(fs), 0);
	dev = mdev_test_find(VIRTIO);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dev);
	memset(&info, 0, sizeof(info));
	CU_ASSERT_EQUAL(rte_mdev_info_get(&dev->device, &info), 0);
	CU_ASSERT_STRING_EQUAL(info.uuid, VIRTIO);
	CU_ASSERT_STRING_EQUAL(info.parent, dev->parent);
	CU_ASSERT_STRING_EQUAL(info.type_id, dev->type->id);
	CU_ASSERT_STRING_EQUAL(info.type_name, dev->type->name);
	CU_ASSERT_STRING_EQUAL(info.type_description, dev->type->description);
	CU_ASSERT_STRING_EQUAL(info.device_api, "vfio-pci");
	CU_ASSERT_STRING_EQUAL(info.kernel_driver, dev->kdrv);
	CU_ASSERT_EQUAL(info.iommu_group, dev->iommu_group);
	CU_ASSERT_EQUAL(info.numa_node, dev->device.numa_node);
	CU_ASSERT_TRUE(info.admitted);
	CU_ASSERT_PTR_NULL(info.driver);
	CU_ASSERT_PTR_NOT_NULL_FATAL(info.candidate);
	CU_ASSERT_STRING_EQUAL(info.candidate, candidate_name(VIRTIO));
	CU_ASSERT_EQUAL(info.iommu, RTE_VFIO_DEV_IOMMU_EAL);
	/* One device allowed: the others are not admitted, nor offered. */
	dev = mdev_test_find(SIM_B);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dev);
	CU_ASSERT_EQUAL(rte_mdev_info_get(&dev->device, &info), 0);
	CU_ASSERT_STRING_EQUAL(info.uuid, SIM_B);
	CU_ASSERT_FALSE(info.admitted);
	CU_ASSERT_PTR_NULL(info.candidate);
	CU_ASSERT_EQUAL(info.iommu, RTE_VFIO_DEV_IOMMU_TYPE1V2);

	CU_ASSERT_EQUAL(rte_mdev_info_get(NULL, &info), -EINVAL);
	CU_ASSERT_EQUAL(rte_mdev_info_get(&dev->device, NULL), -EINVAL);
	CU_ASSERT_EQUAL(rte_mdev_info_get(&other, &info), -ENODEV);
	CU_ASSERT_EQUAL(rte_mdev_inspect_open(&other, &vfio), -ENODEV);
	CU_ASSERT_EQUAL(rte_mdev_inspect_open(&dev->device, NULL), -EINVAL);
	CU_ASSERT_EQUAL(rte_mdev_inspect_open(NULL, &vfio), -EINVAL);
	CU_ASSERT_PTR_NULL(vfio);
	rte_mdev_inspect_close(NULL);
	rte_mdev_inspect_close(&other);
	teardown();
}

int
main(void)
{
	static const struct mdev_test_case tests[] = {
		{ "bus=mdev,uuid= allow list", test_new_syntax_allow },
		{ "invalid UUID and keys", test_bad_uuid },
		{ "key given twice or without value", test_duplicate_keys },
		{ "bus=mdev without uuid=", test_no_uuid },
		{ "legacy typo UUID taken by another bus", test_foreign_uuid },
		{ "mdev UUID taken by another bus", test_foreign_mdev_uuid },
		{ "Hyper-V UUID left to vmbus", test_hyperv_uuid },
		{ "driver= naming no driver", test_unknown_driver },
		{ "driver= naming an alias", test_driver_alias },
		{ "two devargs for one device", test_duplicate_devargs },
		{ "iommu= key", test_iommu_key },
		{ "pci_adapter= key", test_pci_adapter_key },
		{ "legacy syntax", test_legacy_syntax },
		{ "block list", test_block_list },
		{ "class layer", test_class_layer },
		{ "driver layer", test_driver_layer },
		{ "lazy config space", test_lazy_config_space },
		{ "dev_iterate filters", test_dev_iterate },
		{ "application API: rte_mdev_info_get", test_info_get },
	};
	const char *drv_lib = getenv("MDEV_TEST_DRV");

	if (drv_lib == NULL || dlopen(drv_lib, RTLD_NOW | RTLD_GLOBAL) == NULL) {
		fprintf(stderr, "cannot load the test drivers (MDEV_TEST_DRV=%s): %s\n",
			drv_lib == NULL ? "" : drv_lib, dlerror());
		return 1;
	}
	rte_bus_register(&uuid_bus);
	if (mdev_test_bus() == NULL) {
		fprintf(stderr, "mdev bus not registered\n");
		return 1;
	}
	return mdev_test_run("mdev devargs", tests, RTE_DIM(tests), teardown);
}
