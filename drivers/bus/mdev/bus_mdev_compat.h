/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef BUS_MDEV_COMPAT_H
#define BUS_MDEV_COMPAT_H

/**
 * @file
 * The differences between the DPDK releases the mdev bus and its drivers
 * build against (22.11 to 26.07), in one place. Installed with
 * bus_mdev_driver.h, which includes it.
 */

#include <rte_version.h>
#include <dev_driver.h>

/**
 * What DPDK releases before 24.03 lack (RTE_LOG_LINE, rte_stdatomic.h), in
 * a header of its own that an in-tree build never reads.
 */
#if RTE_VERSION_NUM(24, 3, 0, 0) > RTE_VERSION
#include "bus_mdev_compat_legacy.h"
#else
#include <rte_stdatomic.h>
#endif

/** RTE_PMD_EXPORT_NAME lost its second argument in 25.07. */
#if RTE_VERSION_NUM(25, 7, 0, 0) <= RTE_VERSION
#define RTE_MDEV_PMD_EXPORT_NAME(nm) RTE_PMD_EXPORT_NAME(nm)
#else
#define RTE_MDEV_PMD_EXPORT_NAME(nm) RTE_PMD_EXPORT_NAME(nm, __COUNTER__)
#endif

/**
 * DPDK 26.07 keeps a bus's devices and drivers in struct rte_bus, linked
 * through rte_device.next and rte_driver.next; before, each bus linked its
 * own structures, with a next member of their own where this is 0.
 */
#if RTE_VERSION_NUM(26, 7, 0, 0) <= RTE_VERSION
#define RTE_MDEV_EAL_BUS_LISTS 1
#else
#define RTE_MDEV_EAL_BUS_LISTS 0
#endif

#endif /* BUS_MDEV_COMPAT_H */
