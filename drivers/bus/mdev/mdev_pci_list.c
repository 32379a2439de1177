/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * bus/pci's driver list up to DPDK 26.03 (mdev_pci.h), with
 * mdev_pci_v2211.c or mdev_pci_v2307.c: bus/pci links its drivers in its
 * bus object, whose type is private to it. EAL's bus list gives the object; its layout (EAL's
 * struct rte_bus, then a device list and a driver list) is the same in
 * every release up to 26.03. mdev_pci_list_check() verifies it.
 */

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <bus_driver.h>
#include <rte_common.h>

#include "mdev_pci.h"
#include "private.h"

struct mdev_pci_bus_view {
	struct rte_bus bus;
	RTE_TAILQ_HEAD(mdev_pci_device_tq, rte_pci_device) device_list;
	RTE_TAILQ_HEAD(mdev_pci_driver_tq, rte_pci_driver) driver_list;
};

static struct mdev_pci_bus_view *
mdev_pci_bus_view(void)
{
	struct rte_bus *bus = rte_bus_find_by_name("pci");

	return bus != NULL ? container_of(bus, struct mdev_pci_bus_view, bus) :
		NULL;
}

struct rte_pci_driver *
mdev_pci_layout_next(const struct rte_pci_driver *prev)
{
	struct mdev_pci_bus_view *view;

	if (mdev_pci_layout_check() != 0)
		return NULL;
	if (prev != NULL)
		return TAILQ_NEXT(prev, next);
	view = mdev_pci_bus_view();
	return view != NULL ? TAILQ_FIRST(&view->driver_list) : NULL;
}

/*
 * A driver bus/pci registers must show up last in the list as seen here:
 * proof that the view's driver list is bus/pci's.
 */
static int
mdev_pci_list_check(void)
{
	static const struct rte_pci_id no_ids[] = { { .vendor_id = 0 } };
	struct rte_pci_driver probe_drv;
	struct mdev_pci_bus_view *view = mdev_pci_bus_view();
	bool last;

	if (view == NULL) {
		MDEV_LOG(NOTICE, "no PCI bus: PCI drivers cannot take mediated devices");
		return -ENOENT;
	}
	memset(&probe_drv, 0, sizeof(probe_drv));
	probe_drv.driver.name = "mdev_pci_check";
	probe_drv.id_table = no_ids;
	rte_pci_register(&probe_drv);
	last = TAILQ_LAST(&view->driver_list, mdev_pci_driver_tq) == &probe_drv;
	rte_pci_unregister(&probe_drv);
	if (!last) {
		MDEV_LOG(ERR, "bus/pci's driver list is not where this build expects it: PCI drivers cannot take mediated devices");
		return -EPROTO;
	}
	return 0;
}

/* Checked once, at the first use. */
int
mdev_pci_layout_check(void)
{
	static bool checked;
	static int result;

	if (!checked) {
		checked = true;
		result = mdev_pci_list_check();
	}
	return result;
}
