/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_TEST_UNIT_H
#define MDEV_TEST_UNIT_H

/*
 * What every CUnit test program here shares, the library's included:
 * running a suite, capturing logs, a directory for files. Nothing of the
 * bus (test_helpers.h has that).
 */

#include <stdbool.h>

/* Collect log output from now on, to check what a test made the bus say. */
void mdev_test_log_start(void);
/* Whether the collected output contains @p a (and @p b, if not NULL). */
bool mdev_test_log_has(const char *a, const char *b);

/* Where tests make files: $MDEV_TEST_TMPDIR (made if missing), else /tmp. */
const char *mdev_test_tmpdir(void);

struct mdev_test_case {
	const char *name;
	void (*fn)(void);
};

/*
 * Run @p tests as one CUnit suite; the exit status of the test program.
 * @p cleanup (may be NULL) runs after every test, also after a fatal
 * assertion ended it early: it must undo whatever the test set up, and
 * do nothing when the test cleaned up itself. Tests of the bus must
 * check that it registered (mdev_test_bus()) themselves.
 */
int mdev_test_run(const char *suite_name, const struct mdev_test_case *tests,
		  unsigned int nb_tests, void (*cleanup)(void));

#endif /* MDEV_TEST_UNIT_H */
