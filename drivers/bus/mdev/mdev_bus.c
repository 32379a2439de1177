/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The bus's own state and vocabulary: where its sysfs directory is, the
 * driver registry, lookups in its device and driver lists, device_api
 * names. The bottom of the bus's files: it calls none of the others.
 */

#include <stdlib.h>
#include <string.h>
#include <linux/vfio.h>
#include <eal_export.h>

#include "private.h"
#include "mdev_pci.h"

const char *
mdev_sysfs_path(void)
{
	const char *path = getenv("SYSFS_MDEV_DEVICES");

	/* Set but empty is unset, as for the shell's ${VAR:-default}. */
	return path != NULL && path[0] != '\0' ? path : MDEV_SYSFS_DEVICES;
}

/* The spellings are the VFIO library's: one table of device_api names. */
static const uint32_t mdev_api_flags[] = {
	[RTE_MDEV_API_PCI] = VFIO_DEVICE_FLAGS_PCI,
	[RTE_MDEV_API_PLATFORM] = VFIO_DEVICE_FLAGS_PLATFORM,
	[RTE_MDEV_API_AMBA] = VFIO_DEVICE_FLAGS_AMBA,
	[RTE_MDEV_API_CCW] = VFIO_DEVICE_FLAGS_CCW,
	[RTE_MDEV_API_AP] = VFIO_DEVICE_FLAGS_AP,
};

RTE_EXPORT_INTERNAL_SYMBOL(rte_mdev_api_name)
const char *
rte_mdev_api_name(enum rte_mdev_api api)
{
	if (api == RTE_MDEV_API_ANY)
		return "any";
	if (api > RTE_MDEV_API_UNKNOWN && api <= RTE_MDEV_API_AP)
		return rte_vfio_dev_api_name(mdev_api_flags[api]);
	return "unknown";
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_mdev_api_parse)
enum rte_mdev_api
rte_mdev_api_parse(const char *str)
{
	uint32_t flag = rte_vfio_dev_api_flag(str);
	enum rte_mdev_api api;

	for (api = RTE_MDEV_API_PCI; flag != 0 && api <= RTE_MDEV_API_AP; api++)
		if (mdev_api_flags[api] == flag)
			return api;
	return RTE_MDEV_API_UNKNOWN;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_mdev_register)
void
rte_mdev_register(struct rte_mdev_driver *driver)
{
	mdev_drv_add(driver);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_mdev_unregister)
void
rte_mdev_unregister(struct rte_mdev_driver *driver)
{
	mdev_drv_remove(driver);
}

/* Called with the bus lock held. */
struct rte_mdev_device *
mdev_find_by_name(const char *name)
{
	struct rte_mdev_device *dev;

	FOREACH_MDEV_DEVICE(dev)
		if (strcmp(dev->name, name) == 0)
			return dev;
	return NULL;
}

struct rte_device *
mdev_find_device(const struct rte_device *start, rte_dev_cmp_t cmp,
		 const void *data)
{
	struct rte_mdev_device *dev;

	dev = start != NULL ? mdev_dev_next(RTE_DEV_TO_MDEV_CONST(start)) :
		mdev_dev_first();
	for (; dev != NULL; dev = mdev_dev_next(dev))
		if (cmp(&dev->device, data) == 0)
			return &dev->device;
	return NULL;
}

/* driver=<name> names a driver by its name or its alias. */
bool
mdev_driver_is(const struct rte_driver *drv, const char *name)
{
	return (drv->name != NULL && strcmp(name, drv->name) == 0) ||
		(drv->alias != NULL && strcmp(name, drv->alias) == 0);
}

bool
mdev_driver_has_name(const struct rte_mdev_driver *drv, const char *name)
{
	return mdev_driver_is(&drv->driver, name);
}

/* A PCI driver the adapter (mdev_pci.c) may offer devices to. */
bool
mdev_pci_driver_exists(const char *name)
{
	const struct rte_pci_driver *drv;

	for (drv = mdev_pci_layout_next(NULL); drv != NULL;
	     drv = mdev_pci_layout_next(drv))
		if (mdev_driver_is(&drv->driver, name))
			return true;
	return false;
}

bool
mdev_driver_exists(const char *name)
{
	const struct rte_mdev_driver *drv;

	FOREACH_MDEV_DRIVER(drv)
		if (mdev_driver_has_name(drv, name))
			return true;
	return false;
}
