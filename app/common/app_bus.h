/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_APP_BUS_H
#define MDEV_APP_BUS_H

/*
 * The bus operations the tools and tests call, or (a test's stand-in bus)
 * define, whose prototypes DPDK 26.07 changed (they take the bus): one
 * place for the difference.
 */

#include <bus_driver.h>
#include <rte_version.h>

/* The parameters of a bus's probe, and the first of its find_device. */
#if RTE_VERSION >= RTE_VERSION_NUM(26, 7, 0, 0)
#define APP_BUS_PROBE_PARAMS struct rte_bus *bus __rte_unused
#define APP_BUS_FIND_PARAM0 const struct rte_bus *bus __rte_unused,
#else
#define APP_BUS_PROBE_PARAMS void
#define APP_BUS_FIND_PARAM0
#endif

static inline struct rte_device *
app_bus_find_device(const struct rte_bus *bus, const struct rte_device *start,
		    rte_dev_cmp_t cmp, const void *data)
{
#if RTE_VERSION >= RTE_VERSION_NUM(26, 7, 0, 0)
	return bus->find_device(bus, start, cmp, data);
#else
	return bus->find_device(start, cmp, data);
#endif
}

/* 0 when the bus has no cleanup. */
static inline int
app_bus_cleanup(struct rte_bus *bus)
{
	if (bus->cleanup == NULL)
		return 0;
#if RTE_VERSION >= RTE_VERSION_NUM(26, 7, 0, 0)
	return bus->cleanup(bus);
#else
	return bus->cleanup();
#endif
}

#endif /* MDEV_APP_BUS_H */
