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

#include <rte_log.h>
#include <rte_version.h>
#include <dev_driver.h>

/**
 * RTE_LOG_LINE and RTE_LOG_LINE_PREFIX came in 24.03: before, RTE_LOG with
 * the newline appended, as they do.
 */
#ifndef RTE_LOG_LINE
#define RTE_LOG_LINE(l, t, ...) \
	RTE_LOG(l, t, RTE_FMT(RTE_FMT_HEAD(__VA_ARGS__ ,) "\n", \
		RTE_FMT_TAIL(__VA_ARGS__ ,)))
#endif
#ifndef RTE_LOG_LINE_PREFIX
#define RTE_LOG_LINE_PREFIX(l, t, prefix, args, ...) \
	RTE_LOG(l, t, RTE_FMT(prefix RTE_FMT_HEAD(__VA_ARGS__ ,) "\n", \
		args, RTE_FMT_TAIL(__VA_ARGS__ ,)))
#endif

/**
 * The rte_atomic_*_explicit() wrappers came in 23.11 (rte_stdatomic.h);
 * before, the GCC builtins they stand for when stdatomic is off.
 */
#if RTE_VERSION >= RTE_VERSION_NUM(23, 11, 0, 0)
#include <rte_stdatomic.h>
#else
#define RTE_ATOMIC(type) type
#define __rte_atomic
#define rte_memory_order_relaxed __ATOMIC_RELAXED
#define rte_memory_order_acquire __ATOMIC_ACQUIRE
#define rte_memory_order_release __ATOMIC_RELEASE
#define rte_atomic_load_explicit(ptr, mo) __atomic_load_n(ptr, mo)
#define rte_atomic_store_explicit(ptr, val, mo) __atomic_store_n(ptr, val, mo)
#define rte_atomic_fetch_add_explicit(ptr, val, mo) \
	__atomic_fetch_add(ptr, val, mo)
#endif

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
