/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef BUS_MDEV_COMPAT_H
#define BUS_MDEV_COMPAT_H

/**
 * @file
 * The differences between the DPDK releases the mdev bus and its drivers
 * build against (22.11 to 26.03), in one place. Installed with
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

#endif /* BUS_MDEV_COMPAT_H */
