/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_INFO_H
#define MDEV_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_dev.h>

#include "rte_bus_mdev.h"
#include "rte_vfio_dev.h"

/*
 * What the tool reports about one mediated device, through the bus's
 * application API only (rte_bus_mdev.h, experimental): the tool is built
 * without ALLOW_INTERNAL_API.
 */
struct mdev_info_entry {
	struct rte_device *dev; /* opened by --detail */
	struct rte_mdev_info info;
	/* --detail: an attempt was made to open the device. */
	bool detailed;
	/* The open device, NULL when not detailed or opening failed. */
	const struct rte_vfio_dev *vfio;
	/* Why opening failed, "" otherwise. */
	char vfio_error[160];
};

struct mdev_info_list {
	struct mdev_info_entry *entries;
	unsigned int count;
	bool detail; /* --detail given */
};

/* A named bit of a VFIO flags word; tables end with a NULL name. */
struct mdev_info_flag {
	uint32_t bit;
	const char *name;
};

extern const struct mdev_info_flag mdev_info_device_flags[];
extern const struct mdev_info_flag mdev_info_region_flags[];
extern const struct mdev_info_flag mdev_info_irq_flags[];

/*
 * --detail: open the device of an admitted entry through the VFIO helper
 * library; -1 with e->vfio_error set when that fails. Close with
 * mdev_info_detail_close().
 */
int mdev_info_detail_open(struct mdev_info_entry *e);
void mdev_info_detail_close(struct mdev_info_entry *e);

/* Names of vfio-pci region and IRQ indexes; NULL for other devices. */
const char *mdev_info_region_name(const struct rte_vfio_dev *vfio,
				  uint32_t index);
const char *mdev_info_irq_name(const struct rte_vfio_dev *vfio, uint32_t index);

/* "READ|WRITE|0x100" ("-" for 0); unknown bits as one hex number. */
void mdev_info_flags_text(char *buf, size_t len, uint32_t flags,
			  const struct mdev_info_flag *names);
/* The bits of flags that names does not know. */
uint32_t mdev_info_flags_unknown(uint32_t flags,
				 const struct mdev_info_flag *names);

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
