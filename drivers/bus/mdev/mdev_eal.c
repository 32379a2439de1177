/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The mdev bus as EAL calls it: struct rte_bus for the DPDK release the
 * bus is built against, and its registration. Up to 26.03 a bus loops
 * over devices and drivers itself (probe, plug) and takes unplugged
 * devices off its list; from 26.07 EAL loops (rte_bus_generic_probe(),
 * hot-plug) and asks the bus to match and to probe one device with one
 * driver, and devices stay listed until cleanup. Either way the work is
 * done by the functions of mdev_common.c and below, written once; this
 * file only adapts the calls, and mdev_eal.h the lists.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <rte_devargs.h>
#include <rte_version.h>

#include "private.h"

/*
 * A device a PCI driver has is its shadow to EAL's iterators (the ethdev
 * class finds its ports by that device): the search goes on from its
 * mediated device, and yields the shadow.
 */
static void *
mdev_eal_iterate(const void *start, const char *str,
		 const struct rte_dev_iterator *it)
{
	const struct rte_mdev_device *from = NULL;
	struct rte_device *dev, *shadow;

	if (start != NULL)
		from = mdev_dev_from_rte(start);
	dev = mdev_dev_iterate(from != NULL ? &from->device : NULL, str, it);
	if (dev == NULL)
		return NULL;
	shadow = mdev_pci_device(RTE_DEV_TO_MDEV(dev));
	return shadow != NULL ? shadow : dev;
}

#if RTE_MDEV_EAL_BUS_LISTS

/* rte_mdev_bus_probe_disable() (dpdk-mdev-info) stops probing at init. */
static int
mdev_eal_probe(struct rte_bus *bus)
{
	if (mdev_bus.probe_disabled)
		return 0;
	return rte_bus_generic_probe(bus);
}

static bool
mdev_eal_match(const struct rte_driver *drv, const struct rte_device *dev)
{
	/* Matching caches the PCI IDs it reads in the device. */
	return mdev_takes(mdev_drv_of(drv), mdev_dev_of(dev));
}

static int
mdev_eal_probe_device(struct rte_driver *drv, struct rte_device *dev)
{
	return mdev_probe_with(mdev_drv_of(drv), RTE_DEV_TO_MDEV(dev));
}

/* Remove succeeds by contract; EAL clears device.driver after it. */
static int
mdev_eal_unplug_device(struct rte_device *dev)
{
	mdev_unplug_device(mdev_dev_from_rte(dev));
	return 0;
}

static struct rte_device *
mdev_eal_find_device(const struct rte_bus *bus, const struct rte_device *start,
		     rte_dev_cmp_t cmp, const void *data)
{
	RTE_SET_USED(bus);
	return mdev_pci_find_device(start, cmp, data);
}

/* Not rte_bus_generic_dev_iterate(): it knows name= only. */
static void *
mdev_eal_dev_iterate(const struct rte_bus *bus, const void *start,
		     const char *str, const struct rte_dev_iterator *it)
{
	RTE_SET_USED(bus);
	return mdev_eal_iterate(start, str, it);
}

/*
 * Not rte_bus_generic_cleanup(): the unlink must take the bus lock, which
 * releasing a device takes too.
 */
static int
mdev_eal_cleanup(struct rte_bus *bus)
{
	RTE_SET_USED(bus);
	return mdev_cleanup(true);
}

struct mdev_bus mdev_bus = {
	.bus = {
		.scan = mdev_bus_scan,
		.probe = mdev_eal_probe,
		.find_device = mdev_eal_find_device,
		.match = mdev_eal_match,
		.probe_device = mdev_eal_probe_device,
		.unplug_device = mdev_eal_unplug_device,
		.parse = mdev_parse,
		/* UUIDs in either case name one device (-a, -b lookups). */
		.dev_compare = strcasecmp,
		.devargs_parse = mdev_devargs_parse,
		.dma_map = mdev_dma_map,
		.dma_unmap = mdev_dma_unmap,
		.get_iommu_class = mdev_get_iommu_class,
		.dev_iterate = mdev_eal_dev_iterate,
		.cleanup = mdev_eal_cleanup,
		.device_list = TAILQ_HEAD_INITIALIZER(mdev_bus.bus.device_list),
		.driver_list = TAILQ_HEAD_INITIALIZER(mdev_bus.bus.driver_list),
	},
	.types = TAILQ_HEAD_INITIALIZER(mdev_bus.types),
	.lock = RTE_SPINLOCK_INITIALIZER,
	.request = mdev_request,
};

#else /* !RTE_MDEV_EAL_BUS_LISTS */

/*
 * The first driver that the device's devargs select, that matches it and
 * accepts it. 1 when no driver took it, <0 on error.
 */
static int
mdev_eal_probe_one(struct rte_mdev_device *dev)
{
	struct rte_mdev_driver *drv;
	int ret;

	if (!mdev_dev_admitted(dev))
		return 1;
	if (rte_dev_is_probed(&dev->device)) {
		MDEV_LOG(DEBUG, "%s already probed", dev->name);
		return -EEXIST;
	}
	FOREACH_MDEV_DRIVER(drv) {
		if (!mdev_takes(drv, dev))
			continue;
		ret = mdev_probe_with(drv, dev);
		/* A driver that declines (>0) leaves it to later drivers. */
		if (ret <= 0)
			return ret;
	}
	MDEV_LOG(DEBUG, "%s: no driver", dev->name);
	return 1;
}

static int
mdev_eal_probe(void)
{
	struct rte_mdev_device *dev;
	unsigned int tried = 0, failed = 0;
	int ret;

	if (mdev_bus.probe_disabled)
		return 0;
	FOREACH_MDEV_DEVICE(dev) {
		ret = mdev_eal_probe_one(dev);
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

static int
mdev_eal_plug(struct rte_device *dev)
{
	return mdev_eal_probe_one(RTE_DEV_TO_MDEV(dev));
}

/* Remove succeeds by contract; the device stays listed, as from 26.07. */
static int
mdev_eal_unplug(struct rte_device *dev)
{
	mdev_unplug_device(mdev_dev_from_rte(dev));
	return 0;
}

static int
mdev_eal_cleanup(void)
{
	return mdev_cleanup(false);
}

struct mdev_bus mdev_bus = {
	.bus = {
		.scan = mdev_bus_scan,
		.probe = mdev_eal_probe,
		.find_device = mdev_pci_find_device,
		.plug = mdev_eal_plug,
		.unplug = mdev_eal_unplug,
		.parse = mdev_parse,
		.devargs_parse = mdev_devargs_parse,
		.dma_map = mdev_dma_map,
		.dma_unmap = mdev_dma_unmap,
		.get_iommu_class = mdev_get_iommu_class,
		.dev_iterate = mdev_eal_iterate,
		.cleanup = mdev_eal_cleanup,
	},
	.devices = TAILQ_HEAD_INITIALIZER(mdev_bus.devices),
	.drivers = TAILQ_HEAD_INITIALIZER(mdev_bus.drivers),
	.types = TAILQ_HEAD_INITIALIZER(mdev_bus.types),
	.lock = RTE_SPINLOCK_INITIALIZER,
	.request = mdev_request,
};

#endif /* RTE_MDEV_EAL_BUS_LISTS */

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
	MDEV_LOG(ERR, "mdev bus built for %s, not registered in %s", built,
		 rte_version());
	return false;
}

RTE_INIT_PRIO(mdev_bus_init, BUS)
{
	if (!mdev_dpdk_version_ok())
		return;
	if (rte_bus_find_by_name(RTE_BUS_MDEV_NAME) != NULL) {
		MDEV_LOG(ERR, "a bus named %s is already registered, is the mdev bus loaded twice?",
			 RTE_BUS_MDEV_NAME);
		return;
	}
	mdev_bus.bus.name = RTE_BUS_MDEV_NAME;
	rte_bus_register(&mdev_bus.bus);
	mdev_class_register();
	mdev_telemetry_register();
}
