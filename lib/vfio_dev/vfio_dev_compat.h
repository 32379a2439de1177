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

#include <rte_version.h>

/* RTE_LOG_LINE came in 24.03: a header an in-tree build never reads. */
#if RTE_VERSION_NUM(24, 3, 0, 0) > RTE_VERSION
#include "vfio_dev_compat_legacy.h"
#endif

#ifndef VFIO_DEVICE_FLAGS_CDX
#define VFIO_DEVICE_FLAGS_CDX (1 << 8)
#endif

#endif /* VFIO_DEV_COMPAT_H */
