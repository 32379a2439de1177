/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* The mdev bus: driver registry, probe and remove, the generic bus ops. */

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
#include <rte_vfio.h>

#include "private.h"

void
rte_mdev_bus_probe_disable(void)
{
	mdev_bus.probe_disabled = true;
}

/*
 * The driver a device is given to; EAL counts it probed (device.driver)
 * only once the driver's probe succeeded.
 */
static void
mdev_set_driver(struct rte_mdev_device *dev, struct rte_mdev_driver *drv,
		bool probed)
{
	/* Telemetry reads the driver from its own thread. */
	rte_spinlock_lock(&mdev_bus.lock);
	dev->driver = drv;
	dev->device.driver = drv != NULL && probed ? &drv->driver : NULL;
	rte_spinlock_unlock(&mdev_bus.lock);
}

static int
mdev_probe_one(struct rte_mdev_driver *drv, struct rte_mdev_device *dev)
{
	int ret;

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
	/* Set before probe: the driver's probe may look at it. */
	mdev_set_driver(dev, drv, false);
	ret = drv->probe(drv, dev);
	if (ret != 0) {
		mdev_set_driver(dev, NULL, false);
		mdev_vfio_release(dev, false);
		return ret;
	}
	mdev_set_driver(dev, drv, true);
	return 0;
}

/*
 * Bind the first driver that is selected by the device's devargs, matches
 * the device and accepts it. 1 when no driver took it, <0 on error.
 */
static int
mdev_probe_device(struct rte_mdev_device *dev)
{
	struct rte_mdev_driver *drv;
	int ret;

	if (!rte_mdev_device_admitted(dev))
		return 1;
	if (rte_dev_is_probed(&dev->device)) {
		MDEV_LOG(DEBUG, "%s already probed", dev->name);
		return -EEXIST;
	}
	FOREACH_MDEV_DRIVER(drv) {
		if (!mdev_driver_selected(drv, dev) ||
		    !mdev_driver_match(drv, dev))
			continue;
		ret = mdev_probe_one(drv, dev);
		/* A driver that declines (>0) leaves it to later drivers. */
		if (ret <= 0)
			return ret;
	}
	/* Nobody wants the handle opened for matching. */
	mdev_vfio_release(dev, false);
	MDEV_LOG(DEBUG, "%s: no driver", dev->name);
	return 1;
}

static int
mdev_probe(void)
{
	struct rte_mdev_device *dev;
	unsigned int tried = 0, failed = 0;
	int ret;

	if (mdev_bus.probe_disabled)
		return 0;
	FOREACH_MDEV_DEVICE(dev) {
		ret = mdev_probe_device(dev);
		if (ret == 1 || ret == -EEXIST)
			continue;
		tried++;
		if (ret < 0) {
			MDEV_LOG(ERR, "device %s cannot be used", dev->name);
			failed++;
		}
	}
	return (tried > 0 && tried == failed) ? -1 : 0;
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
	if (dev->driver != NULL)
		MDEV_LOG(INFO, "remove %s from driver %s", dev->name,
			 dev->driver->driver.name);
	mdev_vfio_release(dev, true);
	mdev_set_driver(dev, NULL, false);
}

/*
 * The kernel wants the device back (mdev_bus.request, from the removal
 * alarm): tell the application, then, unless the driver leaves removal to
 * the application (RTE_MDEV_DRV_INTR_RMV: it reports the removal and the
 * application detaches the device), take the device from its driver and
 * close it, so that the removal, which waits for the last fd, completes.
 */
static void
mdev_request(const char *name)
{
	struct rte_mdev_device *dev;
	bool remove = false;

	rte_dev_event_callback_process(name, RTE_DEV_EVENT_REMOVE);

	/* An application callback may have detached and freed it already. */
	rte_spinlock_lock(&mdev_bus.lock);
	dev = mdev_find_by_name(name);
	if (dev != NULL && dev->driver != NULL) {
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
static int
mdev_bus_scan(void)
{
	if (!mdev_devargs_checked) {
		mdev_devargs_checked = true;
		mdev_devargs_check();
	}
	return mdev_scan();
}

static int
mdev_plug(struct rte_device *device)
{
	struct rte_mdev_device *dev = RTE_DEV_TO_MDEV(device);
	char path[PATH_MAX];

	/* The device may have been removed since the scan listed it. */
	snprintf(path, sizeof(path), "%s/%s", mdev_sysfs_path(), dev->name);
	if (access(path, F_OK) != 0) {
		MDEV_LOG(ERR, "%s: device is gone", dev->name);
		return -ENOENT;
	}
	/* The start-up check did not see devargs of hot-plug requests. */
	mdev_devargs_check_driver(device->devargs);
	return mdev_probe_device(dev);
}

static int
mdev_unplug(struct rte_device *device)
{
	struct rte_mdev_device *dev = RTE_DEV_TO_MDEV(device);

	mdev_remove_driver(dev);
	rte_spinlock_lock(&mdev_bus.lock);
	TAILQ_REMOVE(&mdev_bus.devices, dev, next);
	rte_spinlock_unlock(&mdev_bus.lock);
	rte_devargs_remove(device->devargs);
	mdev_free_device(dev);
	return 0;
}

/*
 * rte_dev_dma_map(): into the container the device is open in. A device
 * the bus has not opened has no container of the library's; in EAL mode
 * EAL's container remembers the mapping for devices opened later.
 */
static int
mdev_dma(struct rte_device *device, void *addr, uint64_t iova, size_t len,
	 bool map)
{
	struct rte_mdev_device *dev = RTE_DEV_TO_MDEV(device);
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
	if (rte_mdev_device_iommu(dev) != RTE_VFIO_DEV_IOMMU_EAL) {
		MDEV_LOG(ERR, "%s: DMA %s: the device is not open", dev->name,
			 map ? "map" : "unmap");
		rte_errno = ENODEV;
		return -1;
	}
	return map ? rte_vfio_container_dma_map(RTE_VFIO_DEFAULT_CONTAINER_FD,
						(uintptr_t)addr, iova, len) :
		rte_vfio_container_dma_unmap(RTE_VFIO_DEFAULT_CONTAINER_FD,
					     (uintptr_t)addr, iova, len);
}

static int
mdev_dma_map(struct rte_device *device, void *addr, uint64_t iova, size_t len)
{
	struct rte_mdev_device *dev = RTE_DEV_TO_MDEV(device);

	if (dev->driver != NULL && dev->driver->dma_map != NULL)
		return dev->driver->dma_map(dev, addr, iova, len);
	return mdev_dma(device, addr, iova, len, true);
}

static int
mdev_dma_unmap(struct rte_device *device, void *addr, uint64_t iova,
	       size_t len)
{
	struct rte_mdev_device *dev = RTE_DEV_TO_MDEV(device);

	if (dev->driver != NULL && dev->driver->dma_unmap != NULL)
		return dev->driver->dma_unmap(dev, addr, iova, len);
	return mdev_dma(device, addr, iova, len, false);
}

/*
 * Mediated devices DMA through their vendor driver, which translates IOVAs
 * with the VFIO container's mappings: any IOVA works, and VA needs no
 * physical addresses.
 */
static enum rte_iova_mode
mdev_get_iommu_class(void)
{
	const struct rte_mdev_device *dev;

	if (TAILQ_EMPTY(&mdev_bus.drivers))
		return RTE_IOVA_DC;
	FOREACH_MDEV_DEVICE(dev)
		if (rte_mdev_device_admitted(dev))
			return RTE_IOVA_VA;
	return RTE_IOVA_DC;
}

static int
mdev_cleanup(void)
{
	struct rte_mdev_device *dev;

	while ((dev = TAILQ_FIRST(&mdev_bus.devices)) != NULL) {
		mdev_remove_driver(dev);
		rte_spinlock_lock(&mdev_bus.lock);
		TAILQ_REMOVE(&mdev_bus.devices, dev, next);
		rte_spinlock_unlock(&mdev_bus.lock);
		mdev_free_device(dev);
	}
	mdev_free_types();
	mdev_devargs_checked = false;
	return 0;
}

struct mdev_bus mdev_bus = {
	.bus = {
		.scan = mdev_bus_scan,
		.probe = mdev_probe,
		.find_device = mdev_find_device,
		.plug = mdev_plug,
		.unplug = mdev_unplug,
		.parse = mdev_parse,
		.devargs_parse = mdev_devargs_parse,
		.dma_map = mdev_dma_map,
		.dma_unmap = mdev_dma_unmap,
		.get_iommu_class = mdev_get_iommu_class,
		.dev_iterate = mdev_dev_iterate,
		.cleanup = mdev_cleanup,
	},
	.devices = TAILQ_HEAD_INITIALIZER(mdev_bus.devices),
	.drivers = TAILQ_HEAD_INITIALIZER(mdev_bus.drivers),
	.types = TAILQ_HEAD_INITIALIZER(mdev_bus.types),
	.lock = RTE_SPINLOCK_INITIALIZER,
	.request = mdev_request,
};

/*
 * The bus embeds EAL's internal structures: built against one DPDK release,
 * it must not register into another, where their layout may differ.
 */
static bool
mdev_dpdk_version_ok(void)
{
	char built[64];

	if (strlen(RTE_VER_SUFFIX) == 0)
		snprintf(built, sizeof(built), "%s %d.%02d.%d", RTE_VER_PREFIX,
			 RTE_VER_YEAR, RTE_VER_MONTH, RTE_VER_MINOR);
	else
		snprintf(built, sizeof(built), "%s %d.%02d.%d%s%d",
			 RTE_VER_PREFIX, RTE_VER_YEAR, RTE_VER_MONTH,
			 RTE_VER_MINOR, RTE_VER_SUFFIX, RTE_VER_RELEASE);
	if (strcmp(built, rte_version()) == 0)
		return true;
	RTE_LOG(ERR, EAL, "mdev bus built for %s, not registered in %s\n",
		built, rte_version());
	return false;
}

RTE_INIT_PRIO(mdev_bus_init, BUS)
{
	if (!mdev_dpdk_version_ok())
		return;
	if (rte_bus_find_by_name(RTE_BUS_MDEV_NAME) != NULL) {
		RTE_LOG(ERR, EAL, "a bus named %s is already registered, is the mdev bus loaded twice?\n",
			RTE_BUS_MDEV_NAME);
		return;
	}
	mdev_bus.bus.name = RTE_BUS_MDEV_NAME;
	rte_bus_register(&mdev_bus.bus);
	mdev_class_register();
	mdev_telemetry_register();
}

RTE_LOG_REGISTER(mdev_bus_logtype, bus.mdev, NOTICE);
