/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_EAL_H
#define MDEV_EAL_H

/*
 * Where the bus's devices and drivers are listed, and whether EAL lets a
 * device be probed: what differs between the EAL bus API of DPDK 22.11 to
 * 26.03 and that of 26.07, for the bus logic, which is written once. The
 * bus operations EAL calls differ too: mdev_eal.c has both sets.
 *
 * Included by private.h after struct mdev_bus; the lists are kept sorted
 * by UUID and changed under mdev_bus.lock.
 */

#include <string.h>

#include <bus_driver.h>
#include <rte_devargs.h>

#if RTE_MDEV_EAL_BUS_LISTS

/* 26.07: in struct rte_bus, linked through rte_device and rte_driver. */

static inline struct rte_mdev_device *
mdev_dev_of(const struct rte_device *d)
{
	return d != NULL ? RTE_DEV_TO_MDEV((struct rte_device *)(uintptr_t)d) :
		NULL;
}

static inline struct rte_mdev_device *
mdev_dev_first(void)
{
	return mdev_dev_of(TAILQ_FIRST(&mdev_bus.bus.device_list));
}

static inline struct rte_mdev_device *
mdev_dev_next(const struct rte_mdev_device *dev)
{
	return mdev_dev_of(TAILQ_NEXT(&dev->device, next));
}

/* Before @p cur, or at the end when @p cur is NULL. */
static inline void
mdev_dev_insert(struct rte_mdev_device *cur, struct rte_mdev_device *dev)
{
	if (cur == NULL)
		rte_bus_add_device(&mdev_bus.bus, &dev->device);
	else
		rte_bus_insert_device(&mdev_bus.bus, &cur->device,
				      &dev->device);
}

static inline void
mdev_dev_unlink(struct rte_mdev_device *dev)
{
	rte_bus_remove_device(&mdev_bus.bus, &dev->device);
}

static inline struct rte_mdev_driver *
mdev_drv_of(const struct rte_driver *d)
{
	return d != NULL ? container_of((struct rte_driver *)(uintptr_t)d,
					struct rte_mdev_driver, driver) : NULL;
}

static inline struct rte_mdev_driver *
mdev_drv_first(void)
{
	return mdev_drv_of(TAILQ_FIRST(&mdev_bus.bus.driver_list));
}

static inline struct rte_mdev_driver *
mdev_drv_next(const struct rte_mdev_driver *drv)
{
	return mdev_drv_of(TAILQ_NEXT(&drv->driver, next));
}

static inline void
mdev_drv_add(struct rte_mdev_driver *drv)
{
	rte_bus_add_driver(&mdev_bus.bus, &drv->driver);
}

static inline void
mdev_drv_remove(struct rte_mdev_driver *drv)
{
	rte_bus_remove_driver(&mdev_bus.bus, &drv->driver);
}

/* EAL decides: allow and block lists, and -A (--no-auto-probing). */
static inline bool
mdev_dev_admitted(const struct rte_mdev_device *dev)
{
	return !rte_bus_device_is_ignored(&mdev_bus.bus, dev->name);
}

#else /* !RTE_MDEV_EAL_BUS_LISTS */

/* 22.11 to 26.03: the bus's own lists. */

static inline struct rte_mdev_device *
mdev_dev_first(void)
{
	return TAILQ_FIRST(&mdev_bus.devices);
}

static inline struct rte_mdev_device *
mdev_dev_next(const struct rte_mdev_device *dev)
{
	return TAILQ_NEXT(dev, next);
}

static inline void
mdev_dev_insert(struct rte_mdev_device *cur, struct rte_mdev_device *dev)
{
	if (cur == NULL)
		TAILQ_INSERT_TAIL(&mdev_bus.devices, dev, next);
	else
		TAILQ_INSERT_BEFORE(cur, dev, next);
	dev->device.bus = &mdev_bus.bus;
}

static inline void
mdev_dev_unlink(struct rte_mdev_device *dev)
{
	TAILQ_REMOVE(&mdev_bus.devices, dev, next);
}

static inline struct rte_mdev_driver *
mdev_drv_first(void)
{
	return TAILQ_FIRST(&mdev_bus.drivers);
}

static inline struct rte_mdev_driver *
mdev_drv_next(const struct rte_mdev_driver *drv)
{
	return TAILQ_NEXT(drv, next);
}

static inline void
mdev_drv_add(struct rte_mdev_driver *drv)
{
	TAILQ_INSERT_TAIL(&mdev_bus.drivers, drv, next);
}

static inline void
mdev_drv_remove(struct rte_mdev_driver *drv)
{
	TAILQ_REMOVE(&mdev_bus.drivers, drv, next);
}

/* The bus decides, as EAL's buses did: no list means every device. */
static inline bool
mdev_dev_admitted(const struct rte_mdev_device *dev)
{
	const struct rte_devargs *da = dev->device.devargs;

	switch (mdev_bus.bus.conf.scan_mode) {
	case RTE_BUS_SCAN_ALLOWLIST:
		return da != NULL && da->policy == RTE_DEV_ALLOWED;
	case RTE_BUS_SCAN_UNDEFINED:
	case RTE_BUS_SCAN_BLOCKLIST:
	default:
		return da == NULL || da->policy != RTE_DEV_BLOCKED;
	}
}

#endif /* RTE_MDEV_EAL_BUS_LISTS */

#define FOREACH_MDEV_DEVICE(p) \
	for ((p) = mdev_dev_first(); (p) != NULL; (p) = mdev_dev_next(p))
#define FOREACH_MDEV_DRIVER(p) \
	for ((p) = mdev_drv_first(); (p) != NULL; (p) = mdev_drv_next(p))

#endif /* MDEV_EAL_H */
