/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The application API (rte_bus_mdev.h): a device's description, and its
 * VFIO handle opened to be looked at, for tools such as dpdk-mdev-info
 * that must not need the driver API.
 */

#include <errno.h>
#include <stddef.h>

#include <rte_common.h>
#include <eal_export.h>

#include "rte_bus_mdev.h"
#include "private.h"

static struct rte_mdev_device *
mdev_of(const struct rte_device *dev)
{
	if (dev == NULL || dev->bus != &mdev_bus.bus)
		return NULL;
	return mdev_dev_from_rte(dev);
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_mdev_info_get, 26.11)
int
rte_mdev_info_get(const struct rte_device *dev, struct rte_mdev_info *info)
{
	struct rte_mdev_device *mdev = mdev_of(dev);
	const struct rte_mdev_driver *drv;

	if (dev == NULL || info == NULL)
		return -EINVAL;
	if (mdev == NULL)
		return -ENODEV;
	info->uuid = mdev->name;
	info->parent = mdev->parent;
	info->type_id = mdev->type->id;
	info->type_name = mdev->type->name;
	info->type_description = mdev->type->description;
	info->device_api = mdev->type->api_name;
	info->kernel_driver = mdev->kdrv;
	info->iommu_group = mdev->iommu_group;
	info->numa_node = mdev->device.numa_node;
	info->admitted = rte_mdev_device_admitted(mdev);
	/* A PCI driver's name rather than the adapter's (mdev_pci.c). */
	info->driver = mdev_dev_driver_name(mdev);
	/* The bus never offers a refused device to a driver. */
	drv = info->admitted ? rte_mdev_device_candidate(mdev) : NULL;
	info->candidate = mdev_pci_is_proxy(drv) ?
		mdev_pci_candidate_name(mdev) :
		drv != NULL ? drv->driver.name : NULL;
	info->iommu = rte_mdev_device_iommu(mdev);
	return 0;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_mdev_inspect_open, 26.11)
int
rte_mdev_inspect_open(struct rte_device *dev, const struct rte_vfio_dev **vfio)
{
	struct rte_mdev_device *mdev = mdev_of(dev);
	int ret;

	if (dev == NULL || vfio == NULL)
		return -EINVAL;
	if (mdev == NULL || mdev->iommu_group < 0)
		return -ENODEV;
	ret = rte_mdev_vfio_open(mdev);
	if (ret < 0)
		return ret;
	*vfio = mdev->vfio;
	return 0;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_mdev_inspect_close, 26.11)
void
rte_mdev_inspect_close(struct rte_device *dev)
{
	struct rte_mdev_device *mdev = mdev_of(dev);

	/* A driver's handle is the driver's to close. */
	if (mdev != NULL && mdev->driver == NULL)
		rte_mdev_vfio_close(mdev);
}
