/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <CUnit/Basic.h>
#include <rte_log.h>

#include "test_unit.h"

static char *log_buf;
static size_t log_len;
static FILE *log_stream;

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
