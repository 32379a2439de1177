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

/** RTE_PMD_EXPORT_NAME lost its second argument in 25.07. */
#if RTE_VERSION >= RTE_VERSION_NUM(25, 7, 0, 0)
#define RTE_MDEV_PMD_EXPORT_NAME(nm) RTE_PMD_EXPORT_NAME(nm)
#else
#define RTE_MDEV_PMD_EXPORT_NAME(nm) RTE_PMD_EXPORT_NAME(nm, __COUNTER__)
#endif

/**
 * DPDK 26.07 keeps a bus's devices and drivers in struct rte_bus, linked
 * through rte_device.next and rte_driver.next; before, each bus linked its
 * own structures. RTE_MDEV_LIST_ENTRY(type) is that link where it exists.
 */
#if RTE_VERSION >= RTE_VERSION_NUM(26, 7, 0, 0)
#define RTE_MDEV_EAL_BUS_LISTS 1
#define RTE_MDEV_LIST_ENTRY(type)
#else
#define RTE_MDEV_EAL_BUS_LISTS 0
#define RTE_MDEV_LIST_ENTRY(type) RTE_TAILQ_ENTRY(type) next;
#endif

#endif /* BUS_MDEV_COMPAT_H */
