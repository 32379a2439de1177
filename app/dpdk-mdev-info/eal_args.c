/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * EAL defaults of dpdk-mdev-info. Listing devices needs no packet memory,
 * no PCI scan and no shared state, so a plain run must work as a user on a
 * host without hugepages and must not disturb a DPDK application that runs
 * at the same time. Each default gives way to any user option that sets
 * the same thing or conflicts with it.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mdev_info.h"

struct eal_default {
	const char *arg;
	/* Long options (without "--") that cancel this default. */
	const char * const *overrides;
};

/*
 * Hugepage options make no sense with --no-huge, and a secondary process
 * has to map the primary's memory as the primary does.
 */
static const char * const no_huge_overrides[] = {
	"no-huge", "in-memory", "socket-mem", "socket-limit", "huge-dir",
	"huge-unlink", "huge-worker-stack", "match-allocations",
	"proc-type", NULL
};

/* A secondary process needs the primary's shared configuration. */
static const char * const no_shconf_overrides[] = {
	"no-shconf", "in-memory", "proc-type", NULL
};

static const char * const no_pci_overrides[] = { "no-pci", NULL };

/*
 * A run lasts milliseconds: a telemetry socket is of no use, and a user
 * whose runtime directory cannot be made would get it in /tmp (22.11).
 */
static const char * const no_telemetry_overrides[] = {
	"no-telemetry", "telemetry", NULL
};

static const char * const log_level_overrides[] = { "log-level", NULL };

/*
 * --in-memory is not among them: in DPDK 22.11 --no-huge implies legacy
 * memory, which --in-memory refuses. --no-shconf is what it would add here.
 * Warnings stay visible: the bus warns about devices it skips.
 */
static const struct eal_default eal_defaults[] = {
	{ "--no-huge", no_huge_overrides },
	{ "--no-shconf", no_shconf_overrides },
	{ "--no-pci", no_pci_overrides },
	{ "--no-telemetry", no_telemetry_overrides },
	{ "--log-level=warning", log_level_overrides },
};

#define NB_EAL_DEFAULTS (sizeof(eal_defaults) / sizeof(eal_defaults[0]))

/* Whether @p arg is the long option @p name, as "--name" or "--name=...". */
static bool
is_option(const char *arg, const char *name)
{
	size_t len = strlen(name);

	if (strncmp(arg, "--", 2) != 0 || strncmp(arg + 2, name, len) != 0)
		return false;
	return arg[2 + len] == '\0' || arg[2 + len] == '=';
}

static bool
overridden(const struct eal_default *d, int argc, char **argv)
{
	const char * const *name;
	int i;

	for (i = 1; i < argc; i++)
		for (name = d->overrides; *name != NULL; name++)
			if (is_option(argv[i], *name))
				return true;
	return false;
}

int
mdev_info_eal_args(int argc, char **argv, char ***eal_argv)
{
	char **out;
	unsigned int d;
	int i, n = 0;

	out = calloc(argc + NB_EAL_DEFAULTS + 1, sizeof(*out));
	if (out == NULL)
		return -1;
	out[n++] = argv[0];
	/* EAL only reads its arguments: the strings may stay constant. */
	for (d = 0; d < NB_EAL_DEFAULTS; d++)
		if (!overridden(&eal_defaults[d], argc, argv))
			out[n++] = (char *)(uintptr_t)eal_defaults[d].arg;
	for (i = 1; i < argc; i++)
		out[n++] = argv[i];
	out[n] = NULL;
	*eal_argv = out;
	return n;
}

void
mdev_info_eal_defaults_usage(FILE *f)
{
	const char * const *name;
	unsigned int d;
	int col;

	for (d = 0; d < NB_EAL_DEFAULTS; d++) {
		fprintf(f, "  %s\n", eal_defaults[d].arg);
		col = fprintf(f, "      unless given:");
		for (name = eal_defaults[d].overrides; *name != NULL; name++) {
			if (col + (int)strlen(*name) + 3 > 78)
				col = fprintf(f, "\n       ") - 1;
			col += fprintf(f, " --%s", *name);
		}
		fprintf(f, "\n");
	}
}
