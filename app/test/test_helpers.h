/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_TEST_HELPERS_H
#define MDEV_TEST_HELPERS_H

#include <stdbool.h>

#include "bus_mdev_driver.h"
#include "fake_sysfs.h"
#include "test_unit.h"

/*
 * The unit tests drive the bus through its rte_bus ops, without
 * rte_eal_init(): scan, devargs and matching need no EAL memory, and one
 * process can then scan many trees.
 */
struct rte_bus *mdev_test_bus(void);

/* Point the bus at @p fs and scan it. */
int mdev_test_scan(const struct fake_sysfs *fs);
/*
 * mdev_test_scan(), interrupting every system call that blocks for more
 * than @p seconds (with SIGALRM): -ETIMEDOUT when one did, the scan's
 * result otherwise. A test of a scan that must not block then fails
 * instead of hanging.
 */
int mdev_test_scan_bounded(const struct fake_sysfs *fs, unsigned int seconds);
/* Remove every device and devargs, as rte_eal_cleanup() would. */
void mdev_test_reset(void);

struct rte_mdev_device *mdev_test_find(const char *name);
unsigned int mdev_test_count(void);
bool mdev_test_sorted(void);

/* A fresh fake tree under the build directory. */
struct fake_sysfs *mdev_test_tree(void);

#endif /* MDEV_TEST_HELPERS_H */
