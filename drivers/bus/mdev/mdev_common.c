/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * What the mdev bus does when EAL calls it: probe a device with a driver,
 * take it back, clean up, DMA, the IOMMU class, the kernel's request.
 * Written once; mdev_eal.c hands EAL's calls of each DPDK version here.
 */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_interrupts.h>
#include <rte_lcore.h>
#include <rte_version.h>
#include <eal_export.h>

#include "private.h"

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_mdev_bus_probe_disable, 26.11)
void
rte_mdev_bus_probe_disable(void)
{
	mdev_bus.probe_disabled = true;
}

/*
 * The driver a device is given to, set before the driver's probe runs
 * (which may look at it, and from DPDK 26.07 EAL sets it before too) and
 * cleared when that probe fails or the driver is removed.
 */
static void
mdev_set_driver(struct rte_mdev_device *dev, struct rte_mdev_driver *drv)
{
	/* Telemetry reads the driver from its own thread. */
	rte_spinlock_lock(&mdev_bus.lock);
	dev->driver = drv;
	dev->device.driver = drv != NULL ? &drv->driver : NULL;
	rte_spinlock_unlock(&mdev_bus.lock);
}

int
mdev_probe_with(struct rte_mdev_driver *drv, struct rte_mdev_device *dev)
{
	char path[PATH_MAX];
	int ret;

	/* The device may have been removed since the scan listed it. */
	snprintf(path, sizeof(path), "%s/%s", mdev_sysfs_path(), dev->name);
	if (access(path, F_OK) != 0) {
		MDEV_LOG(ERR, "%s: device is gone", dev->name);
		return -ENOENT;
	}
	MDEV_LOG(INFO, "probe %s (type %s) with driver %s", dev->name,
		 dev->type->id, drv->driver.name);
	if ((drv->drv_flags & RTE_MDEV_DRV_NEED_IOVA_AS_VA) != 0 &&
	    rte_eal_iova_mode() != RTE_IOVA_VA) {
		MDEV_LOG(ERR, "%s: driver %s needs IOVA as VA mode",
			 dev->name, drv->driver.name);
		return -EINVAL;
	}
	ret = mdev_vfio_acquire(dev, drv);
	if (ret < 0)
		return ret;
	mdev_set_driver(dev, drv);
	ret = drv->probe(drv, dev);
	if (ret != 0) {
		mdev_set_driver(dev, NULL);
		mdev_vfio_release(dev, false);
	}
	return ret;
}

/*
 * Take the device from its driver, if it has one, and close it: after
 * this no removal alarm runs for it and it holds no VFIO state. Remove
 * succeeds by contract (a driver that fails is logged, and the device is
 * released all the same).
 */
static void
mdev_remove_driver(struct rte_mdev_device *dev)
{
	if (dev->driver != NULL) {
		MDEV_LOG(INFO, "remove %s from driver %s", dev->name,
			 mdev_dev_driver_name(dev));
		mdev_priv(dev)->reread = true;
	}
	mdev_vfio_release(dev, true);
	mdev_set_driver(dev, NULL);
}

/*
 * The kernel wants the device back (mdev_bus.request, from the removal
 * alarm): tell the application, then, unless the driver leaves removal to
 * the application (RTE_MDEV_DRV_INTR_RMV: it reports the removal and the
 * application detaches the device), take the device from its driver and
 * close it, so that the removal, which waits for the last fd, completes.
 * A PCI driver's application gets time to detach it (mdev_pci_request()).
 */
void
mdev_request(const char *name)
{
	struct rte_mdev_device *dev;
	bool remove = false;

	rte_dev_event_callback_process(name, RTE_DEV_EVENT_REMOVE);

	/* An application callback may have detached and freed it already. */
	rte_spinlock_lock(&mdev_bus.lock);
	dev = mdev_find_by_name(name);
	if (dev != NULL && mdev_pci_is_proxy(dev->driver)) {
		remove = mdev_pci_request(dev);
	} else if (dev != NULL && dev->driver != NULL) {
		remove = (dev->driver->drv_flags & RTE_MDEV_DRV_INTR_RMV) == 0;
		if (!remove)
			MDEV_LOG(NOTICE, "%s: driver %s reported the removal, the application detaches the device",
				 name, dev->driver->driver.name);
	}
	rte_spinlock_unlock(&mdev_bus.lock);
	/* The alarm calling this is recorded: the device stays meanwhile. */
	if (remove) {
		MDEV_LOG(NOTICE, "%s: removing it from its driver", name);
		mdev_remove_driver(dev);
	}
}

/* Whether the devargs were checked since the bus was last cleaned up. */
static bool mdev_devargs_checked;

/*
 * EAL first scans once every -a/-b is parsed and every plugin loaded, and
 * before asking buses for their IOVA mode: the time to check the devargs
 * as a whole. Rescans (one per hot-plug request) do not repeat it.
 */
int
mdev_bus_scan(void)
{
	/* Every plugin has registered its drivers: the adapter goes last. */
	mdev_pci_place();
	if (!mdev_devargs_checked) {
		mdev_devargs_checked = true;
		mdev_devargs_check();
		return mdev_scan(false);
	}
	return mdev_scan(true);
}

/*
 * Hot-unplug: the device stays listed, with no driver and no VFIO state
 * (EAL 26.07 frees devices only at cleanup, and writes to this one right
 * after). The next scan reads it again or drops it (reread).
 */
void
mdev_unplug_device(struct rte_mdev_device *dev)
{
	mdev_remove_driver(dev);
}

/*
 * rte_dev_dma_map(): into the container the device is open in, or the one
 * of its mode when it is not open: EAL's always exists and remembers the
 * mapping for devices opened later; the library's exists while any device
 * is open in it.
 */
static int
mdev_dma(struct rte_mdev_device *dev, void *addr, uint64_t iova, size_t len,
	 bool map)
{
	int ret;

	if (dev->vfio != NULL) {
		ret = map ? rte_vfio_dev_dma_map(dev->vfio, (uintptr_t)addr,
						 iova, len) :
			rte_vfio_dev_dma_unmap(dev->vfio, (uintptr_t)addr,
					       iova, len);
		if (ret < 0) {
			rte_errno = -ret;
			return -1;
		}
		return 0;
	}
	/* Not open: into the container it will be opened in. */
	ret = map ? rte_vfio_dev_container_dma_map(rte_mdev_device_iommu(dev),
						   (uintptr_t)addr, iova, len) :
		rte_vfio_dev_container_dma_unmap(rte_mdev_device_iommu(dev),
						 (uintptr_t)addr, iova, len);
	if (ret < 0) {
		MDEV_LOG(ERR, "%s: DMA %s: %s", dev->name,
			 map ? "map" : "unmap", strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

/* @p device may be a PCI driver's (mdev_pci.c): its own hook first. */
int
mdev_dma_map(struct rte_device *device, void *addr, uint64_t iova, size_t len)
{
	struct rte_mdev_device *dev = mdev_dev_from_rte(device);
	int ret;

	ret = mdev_pci_dma(dev, addr, iova, len, true);
	if (ret != -ENOTSUP)
		return ret;
	if (dev->driver != NULL && dev->driver->dma_map != NULL)
		return dev->driver->dma_map(dev, addr, iova, len);
	return mdev_dma(dev, addr, iova, len, true);
}

int
mdev_dma_unmap(struct rte_device *device, void *addr, uint64_t iova,
	       size_t len)
{
	struct rte_mdev_device *dev = mdev_dev_from_rte(device);
	int ret;

	ret = mdev_pci_dma(dev, addr, iova, len, false);
	if (ret != -ENOTSUP)
		return ret;
	if (dev->driver != NULL && dev->driver->dma_unmap != NULL)
		return dev->driver->dma_unmap(dev, addr, iova, len);
	return mdev_dma(dev, addr, iova, len, false);
}

/*
 * Mediated devices DMA through their vendor driver, which translates IOVAs
 * with the VFIO container's mappings: any IOVA works, and VA needs no
 * physical addresses.
 */
enum rte_iova_mode
mdev_get_iommu_class(void)
{
	const struct rte_mdev_device *dev;

	if (mdev_drv_first() == NULL)
		return RTE_IOVA_DC;
	FOREACH_MDEV_DEVICE(dev)
		if (rte_mdev_device_admitted(dev))
			return RTE_IOVA_VA;
	return RTE_IOVA_DC;
}

/*
 * Every device taken from its driver, unlinked and freed, then the type
 * cache. @p devargs_too: their devargs removed as well (DPDK 26.07 leaves
 * that to the bus's cleanup).
 */
int
mdev_cleanup(bool devargs_too)
{
	struct rte_mdev_device *dev;

	while ((dev = mdev_dev_first()) != NULL) {
		mdev_remove_driver(dev);
		rte_spinlock_lock(&mdev_bus.lock);
		mdev_dev_unlink(dev);
		rte_spinlock_unlock(&mdev_bus.lock);
		if (devargs_too)
			rte_devargs_remove(dev->device.devargs);
		mdev_free_device(dev);
	}
	mdev_free_types();
	mdev_devargs_checked = false;
	return 0;
}
RTE_LOG_REGISTER_DEFAULT(mdev_bus_logtype, NOTICE);
