/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_APP_ARGV_H
#define MDEV_APP_ARGV_H

/*
 * For the programs that read their own options before rte_eal_init()
 * (a driver to register first, a usage to print without EAL): where
 * EAL's options end.
 */

#include <string.h>

/* The index of the "--" that ends the EAL options, or argc. */
static inline int
app_argv_separator(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			return i;
	return argc;
}

#endif /* MDEV_APP_ARGV_H */
