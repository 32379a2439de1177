/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Matching drivers to devices: device_api, type glob, then PCI IDs. */

#include <fnmatch.h>
#include <string.h>
#include <linux/vfio.h>

#include <rte_class.h>
#include <rte_devargs.h>
#include <eal_export.h>

#include "private.h"

static bool
id_matches_sysfs(const struct rte_mdev_id *id,
		 const struct rte_mdev_device *dev)
{
	if (id->api != RTE_MDEV_API_ANY && id->api != dev->type->api)
		return false;
	return id->type == NULL || fnmatch(id->type, dev->type->id, 0) == 0;
}

static bool
id_needs_pci(const struct rte_mdev_id *id)
{
	return id->vendor_id != RTE_MDEV_ANY_ID ||
		id->device_id != RTE_MDEV_ANY_ID ||
		id->subsystem_vendor_id != RTE_MDEV_ANY_ID ||
		id->subsystem_device_id != RTE_MDEV_ANY_ID;
}

static bool
field_matches(uint16_t want, uint16_t have)
{
	return want == RTE_MDEV_ANY_ID || want == have;
}

static bool
id_matches_pci(const struct rte_mdev_id *id, const struct rte_mdev_pci_id *p)
{
	return field_matches(id->vendor_id, p->vendor_id) &&
		field_matches(id->device_id, p->device_id) &&
		field_matches(id->subsystem_vendor_id, p->subsystem_vendor_id) &&
		field_matches(id->subsystem_device_id, p->subsystem_device_id);
}

/*
 * Config space is read only here, the first time an ID entry that passed
 * the sysfs checks needs it, so scan never opens VFIO.
 */
bool
mdev_driver_match(const struct rte_mdev_driver *drv,
		  struct rte_mdev_device *dev)
{
	const struct rte_mdev_pci_id *pci_id;
	const struct rte_mdev_id *id;

	if (drv->id_table == NULL)
		return false;
	for (id = drv->id_table; id->api != RTE_MDEV_API_UNKNOWN; id++) {
		if (!id_matches_sysfs(id, dev))
			continue;
		if (!id_needs_pci(id))
			return true;
		pci_id = mdev_vfio_pci_id(dev);
		if (pci_id != NULL && id_matches_pci(id, pci_id))
			return true;
	}
	return false;
}

/* The class and driver layers of the device's devargs restrict drivers. */
bool
mdev_driver_selected(const struct rte_mdev_driver *drv,
		const struct rte_mdev_device *dev)
{
	const struct rte_devargs *da = dev->device.devargs;
	char name[RTE_DEV_NAME_MAX_LEN];

	if (da == NULL)
		return true;
	if (da->cls != NULL && (drv->class_name == NULL ||
				strcmp(da->cls->name, drv->class_name) != 0))
		return false;
	if (mdev_devargs_driver(da, name, sizeof(name)) > 0 &&
	    !mdev_driver_has_name(drv, name))
		return false;
	return true;
}

bool
mdev_takes(const struct rte_mdev_driver *drv, struct rte_mdev_device *dev)
{
	/* The PCI adapter selects and matches by the PCI drivers'. */
	if (mdev_pci_is_proxy(drv))
		return mdev_pci_takes(dev);
	return mdev_driver_selected(drv, dev) && mdev_driver_match(drv, dev);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_mdev_device_candidate)
struct rte_mdev_driver *
rte_mdev_device_candidate(struct rte_mdev_device *dev)
{
	struct rte_mdev_driver *drv;

	FOREACH_MDEV_DRIVER(drv) {
		if (mdev_takes(drv, dev))
			break;
	}
	return drv;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_mdev_device_admitted)
bool
rte_mdev_device_admitted(const struct rte_mdev_device *dev)
{
	return mdev_dev_admitted(dev);
}
