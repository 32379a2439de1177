/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The mdev bus's PCI adapter from an application's side, in the test guest
 * with the test PCI drivers (mdev_test_pci_drv.c) loaded with -d:
 *
 *   test_guest_pci_adapter UUID DEVARGS DRIVER [EAL_ARGS...]
 *
 * After rte_eal_init(), the device UUID must be had by PCI driver DRIVER
 * ("-": by none; "mdev:NAME": by mdev driver NAME). When a PCI driver has
 * it: EAL's iterator yields the PCI driver's
 * device (named UUID, on the mdev bus), rte_mdev_info_get() names the PCI
 * driver, rte_dev_dma_map() reaches the device's container,
 * rte_dev_remove() of that device gives it back (no driver after), and
 * rte_dev_probe(DEVARGS) gives it to the PCI driver again; another
 * rte_dev_probe() leaves it there (the script counts the probes). Then
 * rte_eal_cleanup(). Prints "ok - ..." / "FAIL - ..." per check and "N
 * passed, M failed" last; the drivers print "TEST_PCI: ..." lines.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memory.h>

#include "rte_bus_mdev.h"
#include "test_check.h"

#define DMA_LEN (2u << 20)

static char filter[128];
static const char *devargs;

/* The device as EAL's iterator yields it, NULL when it does not. */
static struct rte_device *
find(void)
{
	struct rte_dev_iterator it;
	struct rte_device *dev, *found = NULL;

	RTE_DEV_FOREACH(dev, filter, &it) {
		if (found == NULL)
			found = dev;
	}
	return found;
}

static const char *
driver_of(const struct rte_device *dev)
{
	struct rte_mdev_info info;

	if (dev == NULL || rte_mdev_info_get(dev, &info) != 0)
		return NULL;
	return info.driver;
}

static bool
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static void
check_dma(struct rte_device *dev)
{
	void *addr;

	addr = mmap(NULL, DMA_LEN, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!check(addr != MAP_FAILED, "memory for DMA"))
		return;
	if (check(rte_extmem_register(addr, DMA_LEN, NULL, 0, 4096) == 0,
		  "external memory registered")) {
		check(rte_dev_dma_map(dev, addr, (uintptr_t)addr, DMA_LEN) == 0,
		      "rte_dev_dma_map() on the PCI driver's device");
		check(rte_dev_dma_unmap(dev, addr, (uintptr_t)addr, DMA_LEN) == 0,
		      "rte_dev_dma_unmap() on it");
		rte_extmem_unregister(addr, DMA_LEN);
	}
	munmap(addr, DMA_LEN);
}

static void
check_taken(const char *uuid, const char *want)
{
	struct rte_device *dev = find();
	const struct rte_driver *drv;

	if (!check(dev != NULL, "the iterator finds %s", uuid))
		return;
	drv = rte_dev_driver(dev);
	check(same(rte_dev_name(dev), uuid), "the device is named %s (%s)",
	      uuid, rte_dev_name(dev));
	check(same(rte_bus_name(rte_dev_bus(dev)), "mdev"),
	      "the device is on the mdev bus");
	check(drv != NULL && same(rte_driver_name(drv), want),
	      "the iterator yields the device of PCI driver %s (%s)", want,
	      drv != NULL ? rte_driver_name(drv) : "none");
	check(same(driver_of(dev), want), "rte_mdev_info_get() names %s",
	      want);
	check_dma(dev);

	check(rte_dev_remove(dev) == 0, "rte_dev_remove() of it");
	dev = find();
	check(dev != NULL && rte_dev_driver(dev) == NULL &&
	      driver_of(dev) == NULL, "no driver after the removal");
	check(rte_dev_probe(devargs) == 0, "rte_dev_probe() again");
	dev = find();
	check(same(driver_of(dev), want), "%s has it again", want);
	/* 0 or -EEXIST by release (EAL syncs secondaries either way). */
	rte_dev_probe(devargs);
	check(same(driver_of(find()), want),
	      "another rte_dev_probe() leaves it to %s", want);
}

int
main(int argc, char **argv)
{
	const char *uuid, *want;
	int ret;

	if (argc < 4) {
		fprintf(stderr, "usage: %s UUID DEVARGS DRIVER|-|mdev:NAME [EAL_ARGS...]\n",
			argv[0]);
		return 2;
	}
	uuid = argv[1];
	devargs = argv[2];
	want = argv[3];
	snprintf(filter, sizeof(filter), "bus=mdev,uuid=%s", uuid);
	argv[3] = argv[0];
	ret = rte_eal_init(argc - 3, argv + 3);
	if (!check(ret >= 0, "rte_eal_init()"))
		goto out;
	if (strcmp(want, "-") == 0)
		check(find() != NULL && driver_of(find()) == NULL &&
		      rte_dev_driver(find()) == NULL,
		      "no driver has %s", uuid);
	else if (strncmp(want, "mdev:", 5) == 0)
		check(same(driver_of(find()), want + 5) &&
		      same(rte_driver_name(rte_dev_driver(find())), want + 5),
		      "mdev driver %s has %s", want + 5, uuid);
	else
		check_taken(uuid, want);
	check(rte_eal_cleanup() == 0, "rte_eal_cleanup()");
out:
	printf("%u passed, %u failed\n", check_passed(), check_failed());
	return check_failed() == 0 ? 0 : 1;
}
