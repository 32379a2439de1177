/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>
#include <rte_devargs.h>
#include <rte_log.h>

#include "app_bus.h"
#include "test_helpers.h"

struct rte_bus *
mdev_test_bus(void)
{
	return rte_bus_find_by_name(RTE_BUS_MDEV_NAME);
}

int
mdev_test_scan(const struct fake_sysfs *fs)
{
	setenv("SYSFS_MDEV_DEVICES", fake_sysfs_mdev_devices(fs), 1);
	return mdev_test_bus()->scan();
}

static volatile sig_atomic_t alarm_fired;
static unsigned int alarm_seconds;

static void
on_alarm(int sig)
{
	(void)sig;
	alarm_fired = 1;
	/* Again for the next blocking call, or the test hangs there. */
	alarm(alarm_seconds);
}

int
mdev_test_scan_bounded(const struct fake_sysfs *fs, unsigned int seconds)
{
	/* No SA_RESTART: a blocked open() or read() returns EINTR. */
	struct sigaction sa = { .sa_handler = on_alarm }, old;
	int ret;

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, &old) < 0)
		return -errno;
	alarm_fired = 0;
	alarm_seconds = seconds;
	alarm(seconds);
	ret = mdev_test_scan(fs);
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	return alarm_fired ? -ETIMEDOUT : ret;
}

void
mdev_test_reset(void)
{
	struct rte_bus *bus = mdev_test_bus();
	struct rte_devargs *da, *next;

	app_bus_cleanup(bus);
	for (da = rte_devargs_next(RTE_BUS_MDEV_NAME, NULL); da != NULL; da = next) {
		next = rte_devargs_next(RTE_BUS_MDEV_NAME, da);
		rte_devargs_remove(da);
	}
	bus->conf.scan_mode = RTE_BUS_SCAN_UNDEFINED;
}

static int
cmp_name(const struct rte_device *dev, const void *name)
{
	return strcmp(dev->name, name);
}

static int
cmp_any(const struct rte_device *dev __rte_unused,
	const void *data __rte_unused)
{
	return 0;
}

struct rte_mdev_device *
mdev_test_find(const char *name)
{
	struct rte_device *dev;

	dev = app_bus_find_device(mdev_test_bus(), NULL, cmp_name, name);
	return dev == NULL ? NULL : RTE_DEV_TO_MDEV(dev);
}

unsigned int
mdev_test_count(void)
{
	struct rte_bus *bus = mdev_test_bus();
	struct rte_device *dev = NULL;
	unsigned int n = 0;

	while ((dev = app_bus_find_device(bus, dev, cmp_any, NULL)) != NULL)
		n++;
	return n;
}

bool
mdev_test_sorted(void)
{
	struct rte_bus *bus = mdev_test_bus();
	struct rte_device *dev, *prev = NULL;

	for (dev = app_bus_find_device(bus, NULL, cmp_any, NULL); dev != NULL;
	     prev = dev, dev = app_bus_find_device(bus, dev, cmp_any, NULL))
		if (prev != NULL && strcmp(prev->name, dev->name) >= 0)
			return false;
	return true;
}

struct fake_sysfs *
mdev_test_tree(void)
{
	return fake_sysfs_create(mdev_test_tmpdir());
}
