/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_SIM_NET_COMPAT_H
#define MDEV_SIM_NET_COMPAT_H

/*
 * The ethdev driver API differences between the DPDK releases the PMD
 * builds against (22.11 to 25.11), in one place. The code uses the names
 * below and never tests RTE_VERSION itself.
 */

#include <rte_common.h>
#include <rte_version.h>

#include <ethdev_driver.h>

/*
 * dev_supported_ptypes_get: 24.03 added the element count; before, the
 * table ended at RTE_PTYPE_UNKNOWN. Tables keep the terminator either way.
 */
#if RTE_VERSION_NUM(24, 3, 0, 0) <= RTE_VERSION
#define MDEV_SIM_NET_PTYPES_ARGS \
	struct rte_eth_dev *dev __rte_unused, size_t *no_of_elements
#define MDEV_SIM_NET_PTYPES_COUNT(n) (*no_of_elements = (n))
#else
#define MDEV_SIM_NET_PTYPES_ARGS struct rte_eth_dev *dev __rte_unused
#define MDEV_SIM_NET_PTYPES_COUNT(n) RTE_SET_USED(n)
#endif

/*
 * stats_get: 25.11 moved the per-queue counters out of rte_eth_stats into
 * a struct of their own, which ethdev may pass as NULL. Before, they are
 * fields of rte_eth_stats with the same names.
 */
#if RTE_VERSION_NUM(25, 11, 0, 0) <= RTE_VERSION
typedef struct eth_queue_stats mdev_sim_net_qstats_t;
#define MDEV_SIM_NET_STATS_GET_ARGS \
	struct rte_eth_dev *dev, struct rte_eth_stats *stats, \
	struct eth_queue_stats *qstats
#define MDEV_SIM_NET_QSTATS qstats
#else
typedef struct rte_eth_stats mdev_sim_net_qstats_t;
#define MDEV_SIM_NET_STATS_GET_ARGS \
	struct rte_eth_dev *dev, struct rte_eth_stats *stats
#define MDEV_SIM_NET_QSTATS stats
#endif

#endif /* MDEV_SIM_NET_COMPAT_H */
