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

#include "test_helpers.h"

static char *log_buf;
static size_t log_len;
static FILE *log_stream;

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

	bus->cleanup();
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

	dev = mdev_test_bus()->find_device(NULL, cmp_name, name);
	return dev == NULL ? NULL : RTE_DEV_TO_MDEV(dev);
}

unsigned int
mdev_test_count(void)
{
	struct rte_bus *bus = mdev_test_bus();
	struct rte_device *dev = NULL;
	unsigned int n = 0;

	while ((dev = bus->find_device(dev, cmp_any, NULL)) != NULL)
		n++;
	return n;
}

bool
mdev_test_sorted(void)
{
	struct rte_bus *bus = mdev_test_bus();
	struct rte_device *dev, *prev = NULL;

	for (dev = bus->find_device(NULL, cmp_any, NULL); dev != NULL;
	     prev = dev, dev = bus->find_device(dev, cmp_any, NULL))
		if (prev != NULL && strcmp(prev->name, dev->name) >= 0)
			return false;
	return true;
}

void
mdev_test_log_start(void)
{
	if (log_stream != NULL)
		fclose(log_stream);
	free(log_buf);
	log_buf = NULL;
	log_stream = open_memstream(&log_buf, &log_len);
	rte_openlog_stream(log_stream);
	rte_log_set_level_pattern("bus.mdev", RTE_LOG_DEBUG);
}

bool
mdev_test_log_has(const char *a, const char *b)
{
	const char *line;

	if (log_stream == NULL)
		return false;
	fflush(log_stream);
	/* Both strings must be on one line: one skipped entry, one line. */
	for (line = log_buf; line != NULL && *line != '\0';) {
		const char *end = strchr(line, '\n');
		size_t len = end == NULL ? strlen(line) : (size_t)(end - line);
		char *copy = strndup(line, len);
		bool hit = copy != NULL && strstr(copy, a) != NULL &&
			(b == NULL || strstr(copy, b) != NULL);

		free(copy);
		if (hit)
			return true;
		line = end == NULL ? NULL : end + 1;
	}
	return false;
}

const char *
mdev_test_tmpdir(void)
{
	const char *dir = getenv("MDEV_TEST_TMPDIR");

	if (dir == NULL)
		return "/tmp";
	/* Made on first use, not when the build is configured. */
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return "/tmp";
	return dir;
}

struct fake_sysfs *
mdev_test_tree(void)
{
	return fake_sysfs_create(mdev_test_tmpdir());
}

int
mdev_test_run(const char *suite_name, const struct mdev_test_case *tests,
	      unsigned int nb_tests, void (*cleanup)(void))
{
	unsigned int i, failed;
	CU_pSuite suite;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return CU_get_error();
	/* CUnit runs a suite's per-test teardown after a fatal failure too. */
	suite = CU_add_suite_with_setup_and_teardown(suite_name, NULL, NULL,
						     NULL, cleanup);
	for (i = 0; i < nb_tests; i++)
		CU_add_test(suite, tests[i].name, tests[i].fn);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed == 0 ? 0 : 1;
}
