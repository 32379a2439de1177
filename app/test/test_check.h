/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef TEST_CHECK_H
#define TEST_CHECK_H

/*
 * Check reporting for the C test programs that run in the guest, in the
 * form the guest scripts count: one line "ok   - what" or "FAIL - what"
 * per check, an optional label before every "what".
 */

#include <stdbool.h>
#include <stdint.h>

/*
 * Report one check, with printf-style details. Returns @p cond, so that
 * callers can stop a section whose precondition failed.
 */
bool check(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* check() that two values are equal, printing both on failure. */
bool check_eq(const char *what, uint64_t got, uint64_t want);

/* A line of context that is not a check: "# ...". */
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The label put before every check (the run's name); "" for none. */
void set_label(const char *label);

/* Print passed checks too (the default), or only failures. */
void check_set_quiet(bool quiet);

/* Checks so far. */
unsigned int check_passed(void);
unsigned int check_failed(void);

#endif /* TEST_CHECK_H */
