/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Test-only PCI drivers, registered with bus/pci as any PCI PMD is, for
 * the mdev bus's PCI adapter (loaded with -d into test_guest_pci_adapter).
 * All match the mdev_sim-test device's IDs, each differently:
 *
 *   test_pci_decline  vendor, device and subsystem (the best match): looks
 *                     at the device and declines it (probe returns 1)
 *   test_pci_map      vendor and device, RTE_PCI_DRV_NEED_MAPPING: checks
 *                     what bus/pci would have given it and takes it
 *   test_pci_vendor   the vendor only (a weaker match), NEED_MAPPING
 *   test_pci_nomap    vendor and device, without NEED_MAPPING (maps BARs
 *                     itself by PCI address): must never be offered it
 *   test_pci_other    another device ID: must never be offered it
 *
 * Each probe and remove prints one "TEST_PCI: ..." line on stdout for the
 * test to read. test_pci_map fails its probe when its arguments hold
 * fail=1.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bus_pci_driver.h>
#include <rte_bus_pci.h>
#include <rte_common.h>
#include <rte_devargs.h>
#include <rte_interrupts.h>

#include "mdev_sim_ids.h"
#include "mdev_sim_test_hw.h"

/* mdev_sim puts VFIO region N at N << 40 in the device fd, as vfio-pci. */
#define TEST_REGION_OFFSET(n) ((uint64_t)(n) << 40)
#define TEST_PATTERN 0x5a17c0deu

static const char *
test_args(const struct rte_pci_device *pci)
{
	const struct rte_devargs *da = pci->device.devargs;

	if (da == NULL)
		return "(no devargs)";
	return da->args != NULL ? da->args : "(NULL)";
}

/*
 * What bus/pci gives a NEED_MAPPING driver: config space through
 * rte_pci_read_config(), BAR0 mapped (the mmapable window written by
 * pointer reads back through the device fd), the VFIO interrupt handle.
 */
static void
test_report(const char *drv, struct rte_pci_device *pci)
{
	uint16_t ids[2] = { 0, 0 };
	volatile uint32_t *win;
	uint32_t back = 0;
	int fd = rte_intr_dev_fd_get(pci->intr_handle);
	bool bar_ok = false;

	if (rte_pci_read_config(pci, ids, sizeof(ids), 0) != sizeof(ids))
		ids[0] = ids[1] = 0;
	if (pci->mem_resource[0].addr != NULL &&
	    pci->mem_resource[0].len == MDEV_SIM_TEST_BAR0_SIZE) {
		win = (volatile uint32_t *)((uint8_t *)pci->mem_resource[0].addr +
					    MDEV_SIM_TEST_BAR0_MMAP_OFFSET);
		*win = TEST_PATTERN;
		bar_ok = pread(fd, &back, sizeof(back), TEST_REGION_OFFSET(0) +
			       MDEV_SIM_TEST_BAR0_MMAP_OFFSET) == sizeof(back) &&
			back == TEST_PATTERN;
	}
	printf("TEST_PCI: probe %s by %s: config %04x:%04x bar0 %s intr %s args \"%s\" pci_name %s\n",
	       pci->device.name, drv, ids[0], ids[1],
	       bar_ok ? "mapped" : "unmapped",
	       rte_intr_type_get(pci->intr_handle) == RTE_INTR_HANDLE_VFIO_MSIX ?
	       "msix" : "other", test_args(pci), pci->name);
	fflush(stdout);
}

static int
test_map_probe(struct rte_pci_driver *drv, struct rte_pci_device *pci)
{
	test_report(drv->driver.name, pci);
	if (strstr(test_args(pci), "fail=1") != NULL) {
		printf("TEST_PCI: %s fails %s\n", drv->driver.name,
		       pci->device.name);
		fflush(stdout);
		return -EIO;
	}
	return 0;
}

static int
test_decline_probe(struct rte_pci_driver *drv, struct rte_pci_device *pci)
{
	printf("TEST_PCI: %s declines %s\n", drv->driver.name,
	       pci->device.name);
	fflush(stdout);
	return 1;
}

static int
test_remove(struct rte_pci_device *pci)
{
	printf("TEST_PCI: remove %s\n", pci->device.name);
	fflush(stdout);
	return 0;
}

static int
test_never_probe(struct rte_pci_driver *drv, struct rte_pci_device *pci)
{
	printf("TEST_PCI: probe %s by %s: must not happen\n",
	       pci->device.name, drv->driver.name);
	fflush(stdout);
	return -EPERM;
}

static const struct rte_pci_id test_ids_subsys[] = {
	{ .class_id = RTE_CLASS_ANY_ID, .vendor_id = MDEV_SIM_PCI_VENDOR_ID,
	  .device_id = MDEV_SIM_TEST_DEVICE_ID,
	  .subsystem_vendor_id = MDEV_SIM_PCI_SUBSYS_VENDOR_ID,
	  .subsystem_device_id = RTE_PCI_ANY_ID },
	{ .vendor_id = 0 },
};

static const struct rte_pci_id test_ids_device[] = {
	{ RTE_PCI_DEVICE(MDEV_SIM_PCI_VENDOR_ID, MDEV_SIM_TEST_DEVICE_ID) },
	{ .vendor_id = 0 },
};

static const struct rte_pci_id test_ids_vendor[] = {
	{ RTE_PCI_DEVICE(MDEV_SIM_PCI_VENDOR_ID, RTE_PCI_ANY_ID) },
	{ .vendor_id = 0 },
};

static const struct rte_pci_id test_ids_other[] = {
	{ RTE_PCI_DEVICE(MDEV_SIM_PCI_VENDOR_ID, 0x11ef) },
	{ .vendor_id = 0 },
};

static struct rte_pci_driver test_pci_decline = {
	.id_table = test_ids_subsys,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = test_decline_probe,
	.remove = test_remove,
};

static struct rte_pci_driver test_pci_map = {
	.id_table = test_ids_device,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = test_map_probe,
	.remove = test_remove,
};

static struct rte_pci_driver test_pci_vendor = {
	.id_table = test_ids_vendor,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = test_map_probe,
	.remove = test_remove,
};

static struct rte_pci_driver test_pci_nomap = {
	.id_table = test_ids_device,
	.probe = test_never_probe,
	.remove = test_remove,
};

static struct rte_pci_driver test_pci_other = {
	.id_table = test_ids_other,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = test_never_probe,
	.remove = test_remove,
};

/* Registered weakest first: the ranking, not the order, must decide. */
RTE_PMD_REGISTER_PCI(test_pci_vendor, test_pci_vendor);
RTE_PMD_REGISTER_PCI(test_pci_nomap, test_pci_nomap);
RTE_PMD_REGISTER_PCI(test_pci_other, test_pci_other);
RTE_PMD_REGISTER_PCI(test_pci_map, test_pci_map);
RTE_PMD_REGISTER_PCI(test_pci_decline, test_pci_decline);
