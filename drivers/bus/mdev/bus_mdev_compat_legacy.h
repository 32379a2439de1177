/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef BUS_MDEV_COMPAT_LEGACY_H
#define BUS_MDEV_COMPAT_LEGACY_H

/**
 * @file
 * For DPDK releases before 24.03 only (bus_mdev_compat.h includes it
 * there): stand-ins for the APIs that DPDK's own code uses from then on,
 * so that the bus and its drivers are written once. Never part of a build
 * inside DPDK's tree.
 */

#include <rte_log.h>
#include <rte_version.h>

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

#endif /* BUS_MDEV_COMPAT_LEGACY_H */
