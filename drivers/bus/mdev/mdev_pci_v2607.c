/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * bus/pci of DPDK 26.07 for the PCI adapter (mdev_pci.h), with
 * mdev_pci_internal.c (a device with bus/pci's VFIO region table): EAL
 * lists the drivers of every bus in struct rte_bus, and a device's driver
 * is only rte_device.driver.
 */

#include <errno.h>
#include <stdbool.h>

#include <bus_driver.h>

#include "mdev_pci.h"
#include "private.h"

struct rte_pci_driver *
mdev_pci_layout_next(const struct rte_pci_driver *prev)
{
	struct rte_driver *d;
	struct rte_bus *bus;

	if (prev != NULL) {
		d = TAILQ_NEXT(&prev->driver, next);
	} else {
		bus = rte_bus_find_by_name("pci");
		d = bus != NULL ? TAILQ_FIRST(&bus->driver_list) : NULL;
	}
	return d != NULL ? RTE_BUS_DRIVER(d, struct rte_pci_driver) : NULL;
}

/* The list is EAL's, public: only the bus must be there (said once). */
int
mdev_pci_layout_check(void)
{
	static bool said;

	if (rte_bus_find_by_name("pci") != NULL)
		return 0;
	if (!said)
		MDEV_LOG(NOTICE, "no PCI bus: PCI drivers cannot take mediated devices");
	said = true;
	return -ENOENT;
}

void
mdev_pci_layout_set_driver(struct rte_pci_device *pci,
			   struct rte_pci_driver *drv)
{
	pci->device.driver = drv != NULL ? &drv->driver : NULL;
}
