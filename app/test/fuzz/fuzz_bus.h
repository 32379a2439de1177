/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef FUZZ_BUS_H
#define FUZZ_BUS_H

/*
 * For harnesses that need devices on the bus: the example fake sysfs tree
 * (fake_sysfs_example()), scanned once at start-up, removed at exit.
 */

#include "fake_sysfs.h"
#include "fuzz_common.h"
#include "private.h"

static struct fake_sysfs *fz_bus_tree;

static void
fz_bus_teardown(void)
{
	mdev_cleanup(false);
	fake_sysfs_destroy(fz_bus_tree);
}

/* The LLVMFuzzerInitialize() of such harnesses. */
static inline int
fz_bus_example(void)
{
	fz_quiet_logs();
	fz_bus_tree = fake_sysfs_create(fz_tmpdir());
	FZ_CHECK(fz_bus_tree != NULL);
	FZ_CHECK(fake_sysfs_example(fz_bus_tree) > 0);
	setenv("SYSFS_MDEV_DEVICES", fake_sysfs_mdev_devices(fz_bus_tree), 1);
	/* A directory that is there and lists no Hyper-V device. */
	setenv("SYSFS_VMBUS_DEVICES", fake_sysfs_pci_devices(fz_bus_tree), 1);
	FZ_CHECK(mdev_bus.bus.scan() == 0);
	FZ_CHECK(mdev_dev_first() != NULL);
	atexit(fz_bus_teardown);
	return 0;
}

#endif /* FUZZ_BUS_H */
