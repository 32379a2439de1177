/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "test_check.h"

static unsigned int nb_passed;
static unsigned int nb_failed;
static const char *check_label = "";
static bool check_quiet;

void
set_label(const char *label)
{
	check_label = label;
}

void
check_set_quiet(bool quiet)
{
	check_quiet = quiet;
}

unsigned int
check_passed(void)
{
	return nb_passed;
}

unsigned int
check_failed(void)
{
	return nb_failed;
}

bool
check(bool cond, const char *fmt, ...)
{
	va_list ap;

	if (cond)
		nb_passed++;
	else
		nb_failed++;
	if (cond && check_quiet)
		return cond;
	printf("%s - %s%s", cond ? "ok  " : "FAIL", check_label,
	       check_label[0] != '\0' ? ": " : "");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

bool
check_eq(const char *what, uint64_t got, uint64_t want)
{
	if (got == want)
		return check(true, "%s", what);
	return check(false, "%s: got %#" PRIx64 ", want %#" PRIx64, what, got,
		     want);
}

void
note(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}
