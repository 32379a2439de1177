/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * A PCI device as bus/pci allocates it from DPDK 23.07 (mdev_pci.h), with
 * mdev_pci_v2307.c or mdev_pci_v2607.c: the public rte_pci_device, then
 * bus/pci's private table of VFIO regions (size, offset in the device fd)
 * for every region up to config space and VGA, which its config space
 * access reads (rte_pci_read_config(), rte_pci_write_config()).
 */

#include <stdint.h>
#include <stdlib.h>

#include <rte_common.h>

#include "mdev_pci.h"

#define MDEV_PCI_VIEW_REGIONS 9

struct mdev_pci_region_view {
	uint64_t size;
	uint64_t offset;
};

struct mdev_pci_device_view {
	struct rte_pci_device device;
	struct mdev_pci_region_view region[MDEV_PCI_VIEW_REGIONS];
};

struct rte_pci_device *
mdev_pci_layout_alloc(void)
{
	struct mdev_pci_device_view *view = calloc(1, sizeof(*view));

	return view != NULL ? &view->device : NULL;
}

void
mdev_pci_layout_free(struct rte_pci_device *pci)
{
	if (pci != NULL)
		free(container_of(pci, struct mdev_pci_device_view, device));
}

void
mdev_pci_layout_set_region(struct rte_pci_device *pci, unsigned int index,
			   uint64_t size, uint64_t offset)
{
	struct mdev_pci_device_view *view =
		container_of(pci, struct mdev_pci_device_view, device);

	if (index >= MDEV_PCI_VIEW_REGIONS)
		return;
	view->region[index].size = size;
	view->region[index].offset = offset;
}
