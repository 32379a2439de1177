/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_PCI_H
#define MDEV_PCI_H

/*
 * The PCI adapter's view of bus/pci, whose driver list and device layout
 * are private to each DPDK release: one file per family implements this,
 * with the parts it shares with another (meson picks them by the DPDK
 * built against); mdev_pci.c does the rest.
 *
 *   mdev_pci_v2211.c  22.11 to 23.03: + mdev_pci_list.c (bus/pci's own
 *                     driver list); a device has no private part
 *   mdev_pci_v2307.c  23.07 to 26.03: + mdev_pci_list.c,
 *                     mdev_pci_internal.c (bus/pci's VFIO region table)
 *   mdev_pci_v2607.c  26.07: drivers listed in struct rte_bus, no
 *                     rte_pci_device.driver; + mdev_pci_internal.c
 *
 * The bus refuses to register in any DPDK but the one it was built for
 * (mdev_eal.c), and mdev_pci_layout_check() verifies the copy before the
 * adapter is used.
 */

#include <stddef.h>
#include <stdint.h>

#include <bus_pci_driver.h>

/*
 * bus/pci's next registered driver after @p prev (NULL: the first); NULL
 * at the end, and always when the layout check failed.
 */
struct rte_pci_driver *mdev_pci_layout_next(const struct rte_pci_driver *prev);

/*
 * 0 when the layout copy fits the running bus/pci; <0 after a log line
 * (checked once).
 */
int mdev_pci_layout_check(void);

/* A zeroed device with room for bus/pci's private part; NULL: no memory. */
struct rte_pci_device *mdev_pci_layout_alloc(void);
void mdev_pci_layout_free(struct rte_pci_device *pci);

/*
 * Where VFIO region @p index is in the device fd (bus/pci's config space
 * access uses it from 23.07; before, it assumes vfio-pci's encoding).
 */
void mdev_pci_layout_set_region(struct rte_pci_device *pci,
				unsigned int index, uint64_t size,
				uint64_t offset);

/* The driver as bus/pci records it (NULL: none). */
void mdev_pci_layout_set_driver(struct rte_pci_device *pci,
				struct rte_pci_driver *drv);

#endif /* MDEV_PCI_H */
