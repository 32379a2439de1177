/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef VFIO_DEV_COMPAT_H
#define VFIO_DEV_COMPAT_H

/*
 * What the VFIO uAPI header of an older kernel lacks, with the values of
 * the kernel's include/uapi/linux/vfio.h (Debian 12's linux-libc-dev, 6.1,
 * predates the CDX bus, 6.4), and what DPDK releases before the newest
 * lack.
 */

#include <linux/vfio.h>

#include <rte_log.h>

/* RTE_LOG_LINE came in DPDK 24.03: before, RTE_LOG with the newline. */
#ifndef RTE_LOG_LINE
#define RTE_LOG_LINE(l, t, ...) \
	RTE_LOG(l, t, RTE_FMT(RTE_FMT_HEAD(__VA_ARGS__ ,) "\n", \
		RTE_FMT_TAIL(__VA_ARGS__ ,)))
#endif

#ifndef VFIO_DEVICE_FLAGS_CDX
#define VFIO_DEVICE_FLAGS_CDX (1 << 8)
#endif

#endif /* VFIO_DEV_COMPAT_H */
