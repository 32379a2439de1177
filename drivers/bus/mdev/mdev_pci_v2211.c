/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * bus/pci of DPDK 22.11 to 23.03 for the PCI adapter (mdev_pci.h), with
 * mdev_pci_list.c (the driver list): a device has no private part, and
 * its driver is in rte_pci_device.driver too.
 */

#include <stdlib.h>

#include <rte_common.h>

#include "mdev_pci.h"

struct rte_pci_device *
mdev_pci_layout_alloc(void)
{
	return calloc(1, sizeof(struct rte_pci_device));
}

void
mdev_pci_layout_free(struct rte_pci_device *pci)
{
	free(pci);
}

void
mdev_pci_layout_set_region(struct rte_pci_device *pci, unsigned int index,
			   uint64_t size, uint64_t offset)
{
	RTE_SET_USED(pci);
	RTE_SET_USED(index);
	RTE_SET_USED(size);
	RTE_SET_USED(offset);
}

void
mdev_pci_layout_set_driver(struct rte_pci_device *pci,
			   struct rte_pci_driver *drv)
{
	pci->driver = drv;
	pci->device.driver = drv != NULL ? &drv->driver : NULL;
}
