/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef VFIO_DEV_COMPAT_LEGACY_H
#define VFIO_DEV_COMPAT_LEGACY_H

/*
 * For DPDK releases before 24.03 only (vfio_dev_compat.h includes it
 * there): RTE_LOG_LINE as those releases would spell it, RTE_LOG with the
 * newline appended. Never part of a build inside DPDK's tree.
 */

#include <rte_log.h>

#ifndef RTE_LOG_LINE
#define RTE_LOG_LINE(l, t, ...) \
	RTE_LOG(l, t, RTE_FMT(RTE_FMT_HEAD(__VA_ARGS__ ,) "\n", \
		RTE_FMT_TAIL(__VA_ARGS__ ,)))
#endif

#endif /* VFIO_DEV_COMPAT_LEGACY_H */
