/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * bus/pci of DPDK 23.07 to 26.03 for the PCI adapter (mdev_pci.h), with
 * mdev_pci_list.c (the driver list, as in 22.11) and mdev_pci_internal.c
 * (a device with bus/pci's VFIO region table): a device's driver is in
 * rte_pci_device.driver too.
 */

#include "mdev_pci.h"

void
mdev_pci_layout_set_driver(struct rte_pci_device *pci,
			   struct rte_pci_driver *drv)
{
	pci->driver = drv;
	pci->device.driver = drv != NULL ? &drv->driver : NULL;
}
