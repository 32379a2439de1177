/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef RTE_BUS_MDEV_H
#define RTE_BUS_MDEV_H

/**
 * @file
 * Application API of the mdev bus: what a tool can learn about the
 * mediated devices the bus lists, without a driver. Drivers use
 * bus_mdev_driver.h.
 *
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 */

#include <stdbool.h>

#include <rte_compat.h>
#include <rte_dev.h>

#include "rte_vfio_dev.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Name of the bus, as used in devargs (bus=mdev) and legacy prefixes. */
#define RTE_BUS_MDEV_NAME "mdev"

/**
 * A mediated device as the bus sees it. The strings belong to the bus:
 * valid while the device stays on the bus (until a later scan drops it,
 * or rte_eal_cleanup()).
 */
struct rte_mdev_info {
	const char *uuid;          /**< Canonical lowercase UUID, the device name. */
	const char *parent;        /**< Parent device name. */
	const char *type_id;       /**< Type id, its sysfs directory name. */
	const char *type_name;     /**< The type's "name" attribute, "" if absent. */
	const char *type_description; /**< The type's "description", "" if absent. */
	const char *device_api;    /**< device_api as the kernel spells it. */
	const char *kernel_driver; /**< Kernel mdev driver, "" if unbound. */
	int iommu_group;           /**< IOMMU group, -1 when none. */
	int numa_node;             /**< NUMA node, SOCKET_ID_ANY when unknown. */
	/** The allow/block lists (and, from DPDK 26.07, -A) admit it. */
	bool admitted;
	/** Name of the driver that probed it, NULL when none. */
	const char *driver;
	/**
	 * Name of the driver probing would bind, given the registered
	 * drivers and the devargs; NULL when none, or not admitted.
	 */
	const char *candidate;
	/** The VFIO container the bus opens it in (the iommu= devargs key). */
	enum rte_vfio_dev_iommu iommu;
};

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Describe a device of the mdev bus. Finding the candidate driver may read
 * the device's PCI IDs from its config space through VFIO.
 *
 * @param dev
 *   A device of the mdev bus (found with rte_bus_find_by_name() and the
 *   bus's find_device, or rte_dev_iterate()).
 * @param info
 *   Filled on success.
 * @return
 *   0, -EINVAL (NULL argument), -ENODEV (not a device of the mdev bus).
 */
__rte_experimental
int rte_mdev_info_get(const struct rte_device *dev, struct rte_mdev_info *info);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Stop the bus from probing at rte_eal_init(), so that a listing tool
 * sees every scanned device without binding drivers. Call before
 * rte_eal_init().
 */
__rte_experimental
void rte_mdev_bus_probe_disable(void);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Open a device through VFIO to look at it, as the bus opens it for a
 * driver: in the container its devargs name, its device_api checked. The
 * handle's description (rte_vfio_dev_flags(), rte_vfio_dev_region(),
 * rte_vfio_dev_irq(), rte_vfio_dev_iommu_type(), ...) may be read until
 * rte_mdev_inspect_close(). Nothing to do when already open.
 *
 * @param dev
 *   A device of the mdev bus.
 * @param vfio
 *   Set to the open handle on success.
 * @return
 *   0, -EINVAL (NULL argument), -ENODEV (not a device of the mdev bus, or
 *   it has no IOMMU group), or why VFIO refused it (-EBUSY: another
 *   process or container holds its group).
 */
__rte_experimental
int rte_mdev_inspect_open(struct rte_device *dev,
			  const struct rte_vfio_dev **vfio);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Close what rte_mdev_inspect_open() opened. A device a driver holds
 * stays open for it.
 *
 * @param dev
 *   A device of the mdev bus, or NULL (nothing done).
 */
__rte_experimental
void rte_mdev_inspect_close(struct rte_device *dev);

#ifdef __cplusplus
}
#endif

#endif /* RTE_BUS_MDEV_H */
