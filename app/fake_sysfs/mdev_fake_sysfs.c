/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * mdev-fake-sysfs: make a fake sysfs tree for demos and shell tests.
 *
 *   mdev-fake-sysfs [--example] [--mdevs N] [--pci N] BASE_DIR
 *
 * Prints the tree's root; its mediated devices are in <root>/bus/mdev/devices
 * and its PCI devices in <root>/bus/pci/devices. --mdevs adds N devices of
 * one vfio-pci type, as a Scalable-IOV parent would have.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>

#include "fake_sysfs.h"

static void
usage(const char *prog)
{
	fprintf(stderr, "usage: %s [--example] [--mdevs N] [--pci N] BASE_DIR\n",
		prog);
}

static int
add_siov_mdevs(struct fake_sysfs *fs, unsigned long n)
{
	const char *parent = "pci0000:00/0000:00:04.0";
	char uuid[40];
	unsigned long i;
	int ret;

	ret = fake_sysfs_add_type(fs, parent, "siov-vq", "vfio-pci",
				  "SIOV queue slice", NULL);
	for (i = 0; ret == 0 && i < n; i++) {
		snprintf(uuid, sizeof(uuid),
			 "%08lx-0000-4000-8000-%012lx", i * 2654435761UL % 0xffffffffUL, i);
		ret = fake_sysfs_add_mdev(fs, parent, "siov-vq", uuid,
					  (int)(100 + i), "idxd");
	}
	return ret;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "example", no_argument, NULL, 'e' },
		{ "mdevs", required_argument, NULL, 'm' },
		{ "pci", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long mdevs = 0, pci = 0, i;
	struct fake_sysfs *fs;
	bool example = false;
	int c, ret = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'e':
			example = true;
			break;
		case 'm':
			mdevs = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			pci = strtoul(optarg, NULL, 0);
			break;
		default:
			usage(argv[0]);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(argv[0]);
		return 2;
	}
	fs = fake_sysfs_create(argv[optind]);
	if (fs == NULL) {
		perror("cannot create the tree");
		return 1;
	}
	if (example)
		ret = fake_sysfs_example(fs);
	if (ret >= 0)
		ret = add_siov_mdevs(fs, mdevs);
	for (i = 0; ret >= 0 && i < pci; i++)
		ret = fake_sysfs_add_pci(fs, i);
	if (ret < 0) {
		fprintf(stderr, "cannot fill the tree in %s\n", fake_sysfs_root(fs));
		fake_sysfs_destroy(fs);
		return 1;
	}
	printf("%s\n", fake_sysfs_root(fs));
	free(fs);
	return 0;
}
