/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef VFIO_DEV_COMPAT_H
#define VFIO_DEV_COMPAT_H

/*
 * What the VFIO uAPI header of an older kernel lacks, with the values of
 * the kernel's include/uapi/linux/vfio.h. Debian 12's linux-libc-dev
 * (6.1) predates the CDX bus (6.4).
 */

#include <linux/vfio.h>

#ifndef VFIO_DEVICE_FLAGS_CDX
#define VFIO_DEVICE_FLAGS_CDX (1 << 8)
#endif

#endif /* VFIO_DEV_COMPAT_H */
