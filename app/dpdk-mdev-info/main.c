/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * dpdk-mdev-info: list the mediated devices the mdev bus finds, with what
 * the allow/block lists and the registered drivers would make of each.
 *
 *   dpdk-mdev-info [EAL options] -- [--json] [--detail] [--help]
 *
 * It probes nothing, so it is safe to run next to an application that owns
 * some of the devices: it reports what probing *would* do. Only --detail
 * opens devices (through the VFIO helper library), to show what VFIO says
 * about their regions and interrupts.
 */

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_bus.h>
#include <rte_eal.h>
#include <rte_errno.h>

#include "app_argv.h"
#include "mdev_info.h"

#define EXIT_USAGE 2
/* Listed, but --detail could not open some admitted device. */
#define EXIT_DETAIL 3

static const char *prgname = "dpdk-mdev-info";

static void
usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [EAL options] -- [--json] [--detail] [--help]\n"
		"\n"
		"List the mediated devices of the mdev bus: what the allow/block\n"
		"lists (-a, -b) admit and which driver, including those of -d\n"
		"plugins, would take each device. Nothing is probed.\n"
		"\n"
		"Options after --:\n"
		"  --json      print a JSON object instead of a table\n"
		"  --detail    open each admitted device through VFIO and show its\n"
		"              device flags, regions and IRQ indexes (exit status 3\n"
		"              when a device cannot be opened)\n"
		"  -h, --help  print this help and exit\n"
		"\n"
		"EAL options added by default:\n", prgname);
	mdev_info_eal_defaults_usage(f);
}

/* EAL calls it after its own usage text (EAL's -h, bad EAL options). */
static void
eal_usage_hook(const char *name)
{
	prgname = name;
	usage(stdout);
}

struct app_opts {
	bool json;
	bool detail;
	bool help;
};

/* Options after "--": 0, or EXIT_USAGE after a message. */
static int
parse_app_args(int argc, char **argv, struct app_opts *opts)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "detail", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	/* 0 makes glibc's getopt start afresh; EAL parses with it after us. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'D':
			opts->detail = true;
			break;
		case 'h':
			opts->help = true;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument \"%s\"\n", prgname,
			argv[optind]);
		usage(stderr);
		return EXIT_USAGE;
	}
	optind = 0;
	return 0;
}

/*
 * Walk the bus with EAL's device iterator, as any application would.
 * Returns the number of devices --detail could not open, or -1 when out of
 * memory or the iterator refused.
 */
static int
collect(struct mdev_info_list *list)
{
	struct rte_dev_iterator it;
	int not_opened = 0;
	struct rte_device *d;
	unsigned int max = 0;

	/* 22.11 returns -rte_errno even on success: clear leftovers. */
	rte_errno = 0;
	if (rte_dev_iterator_init(&it, "bus=" RTE_BUS_MDEV_NAME) != 0)
		return -1;
	for (d = rte_dev_iterator_next(&it); d != NULL;
	     d = rte_dev_iterator_next(&it)) {
		struct mdev_info_entry *e;

		if (list->count == max) {
			unsigned int n = max == 0 ? 32 : 2 * max;

			e = realloc(list->entries, n * sizeof(*e));
			if (e == NULL) {
				rte_errno = ENOMEM;
				return -1;
			}
			list->entries = e;
			max = n;
		}
		e = &list->entries[list->count++];
		memset(e, 0, sizeof(*e));
		e->dev = d;
		if (rte_mdev_info_get(d, &e->info) != 0) {
			list->count--;
			continue;
		}
		/* A refused device is the user's to keep away from. */
		if (list->detail && e->info.admitted &&
		    mdev_info_detail_open(e) != 0) {
			fprintf(stderr, "%s: %s: %s\n", prgname, e->info.uuid,
				e->vfio_error);
			not_opened++;
		}
	}
	return not_opened;
}

static void
release(struct mdev_info_list *list)
{
	unsigned int i;

	for (i = 0; i < list->count; i++)
		mdev_info_detail_close(&list->entries[i]);
	free(list->entries);
}

int
main(int argc, char **argv)
{
	struct mdev_info_list list = { .entries = NULL, .count = 0 };
	struct app_opts opts = { .json = false, .detail = false, .help = false };
	char **eal_argv = NULL;
	struct rte_bus *bus;
	int sep, eal_argc, ret, not_opened, status = EXIT_FAILURE;

	if (argc > 0 && argv[0] != NULL)
		prgname = argv[0];
	sep = app_argv_separator(argc, argv);
	if (sep < argc) {
		/* Hand getopt argv[0] + the options after "--". */
		char *saved = argv[sep];

		argv[sep] = argv[0];
		ret = parse_app_args(argc - sep, argv + sep, &opts);
		argv[sep] = saved;
		if (ret != 0)
			return ret;
	}
	if (opts.help) {
		usage(stdout);
		return EXIT_SUCCESS;
	}

	eal_argc = mdev_info_eal_args(sep, argv, &eal_argv);
	if (eal_argc < 0) {
		fprintf(stderr, "%s: out of memory\n", prgname);
		return EXIT_FAILURE;
	}
	rte_set_application_usage_hook(eal_usage_hook);
	rte_mdev_bus_probe_disable();
	ret = rte_eal_init(eal_argc, eal_argv);
	if (ret < 0) {
		fprintf(stderr, "%s: cannot initialise EAL: %s\n", prgname,
			rte_strerror(rte_errno));
		free(eal_argv);
		return EXIT_FAILURE;
	}
	/* getopt moves arguments that are not options after the options. */
	if (ret + 1 < eal_argc) {
		fprintf(stderr, "%s: unexpected argument \"%s\" (options of %s go after --)\n",
			prgname, eal_argv[ret + 1], prgname);
		status = EXIT_USAGE;
		goto out;
	}

	bus = rte_bus_find_by_name(RTE_BUS_MDEV_NAME);
	if (bus == NULL) {
		/* The bus says why in its constructor (DPDK version check). */
		fprintf(stderr, "%s: the %s bus is not registered\n", prgname,
			RTE_BUS_MDEV_NAME);
		goto out;
	}
	list.detail = opts.detail;
	not_opened = collect(&list);
	if (not_opened < 0) {
		fprintf(stderr, "%s: cannot list the devices: %s\n", prgname,
			rte_strerror(rte_errno != 0 ? rte_errno : ENOMEM));
		goto out;
	}
	ret = opts.json ? mdev_info_print_json(stdout, &list) :
		mdev_info_print_table(stdout, &list);
	if (ret == 0)
		ret = fflush(stdout);
	if (ret != 0) {
		fprintf(stderr, "%s: cannot write the listing\n", prgname);
		goto out;
	}
	status = not_opened > 0 ? EXIT_DETAIL : EXIT_SUCCESS;
out:
	release(&list);
	rte_eal_cleanup();
	free(eal_argv);
	return status;
}
