/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_INFO_H
#define MDEV_INFO_H

#include <stdbool.h>
#include <stdio.h>

#include "bus_mdev_driver.h"

/* What the tool reports about one mediated device. */
struct mdev_info_entry {
	const struct rte_mdev_device *dev;
	bool admitted;
	/* Driver probing would bind; NULL when none or not admitted. */
	const struct rte_mdev_driver *driver;
};

struct mdev_info_list {
	struct mdev_info_entry *entries;
	unsigned int count;
};

/*
 * EAL arguments: argv[0], the defaults the user did not override, then the
 * user's EAL arguments (argv[1] .. argv[argc - 1], without the "--").
 * Returns the new argc, or -1 when out of memory. Free *eal_argv with free().
 */
int mdev_info_eal_args(int argc, char **argv, char ***eal_argv);

/* Print the EAL defaults, for the usage text. */
void mdev_info_eal_defaults_usage(FILE *f);

/* Outputs; 0 on success, -1 when writing failed. */
int mdev_info_print_table(FILE *f, const struct mdev_info_list *list);
int mdev_info_print_json(FILE *f, const struct mdev_info_list *list);

#endif /* MDEV_INFO_H */
