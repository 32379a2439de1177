/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Statistics: the device keeps 64-bit counters per queue in the status
 * page, so reading them is a memory load in any process that mapped the
 * device, secondaries included. The device cannot clear them; a reset
 * records a baseline in shared memory instead.
 */

#include <stdio.h>
#include <string.h>

#include "mdev_sim_ethdev.h"

static const uint32_t qcounter_off[NET_C_NUM] = {
	[NET_C_RX_PACKETS] = MDEV_SIM_NET_ST_RX_PACKETS,
	[NET_C_RX_BYTES] = MDEV_SIM_NET_ST_RX_BYTES,
	[NET_C_RX_MISSED] = MDEV_SIM_NET_ST_RX_MISSED,
	[NET_C_RX_ERRORS] = MDEV_SIM_NET_ST_RX_ERRORS,
	[NET_C_TX_PACKETS] = MDEV_SIM_NET_ST_TX_PACKETS,
	[NET_C_TX_BYTES] = MDEV_SIM_NET_ST_TX_BYTES,
	[NET_C_TX_ERRORS] = MDEV_SIM_NET_ST_TX_ERRORS,
	[NET_C_TX_DROPPED] = MDEV_SIM_NET_ST_TX_DROPPED,
};

/* Counters not in the basic stats' per-queue arrays, thus xstats. */
#define NET_XSTATS_GLOBAL	1	/* rx_filtered_packets */
#define NET_XSTATS_PER_RXQ	1	/* rx_qN_missed_packets */
#define NET_XSTATS_PER_TXQ	2	/* tx_qN_errors, tx_qN_dropped */

static uint64_t
qcounter(const struct net_adapter *ad, unsigned int q, enum net_qcounter c)
{
	return net_st64(ad, MDEV_SIM_NET_ST_Q(q, qcounter_off[c])) -
	       ad->base[q][c];
}

static uint64_t
filtered(const struct net_adapter *ad)
{
	return net_st64(ad, MDEV_SIM_NET_ST_RX_FILTERED) - ad->base_filtered;
}

int
mdev_sim_net_stats_fill(struct rte_eth_dev *dev, struct rte_eth_stats *stats,
			mdev_sim_net_qstats_t *qs)
{
	const struct net_adapter *ad = net_adapter(dev);
	unsigned int q;

	/* All device queues: a frame can land on queue 0 in place of q. */
	for (q = 0; q < MDEV_SIM_NET_PMD_NQ; q++) {
		uint64_t rx = qcounter(ad, q, NET_C_RX_PACKETS);
		uint64_t rxb = qcounter(ad, q, NET_C_RX_BYTES);
		uint64_t rxe = qcounter(ad, q, NET_C_RX_ERRORS);
		uint64_t tx = qcounter(ad, q, NET_C_TX_PACKETS);
		uint64_t txb = qcounter(ad, q, NET_C_TX_BYTES);

		stats->ipackets += rx;
		stats->ibytes += rxb;
		stats->imissed += qcounter(ad, q, NET_C_RX_MISSED);
		stats->ierrors += rxe;
		stats->opackets += tx;
		stats->obytes += txb;
		stats->oerrors += qcounter(ad, q, NET_C_TX_ERRORS) +
				  qcounter(ad, q, NET_C_TX_DROPPED);
		if (qs != NULL && q < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			qs->q_ipackets[q] = rx;
			qs->q_ibytes[q] = rxb;
			qs->q_errors[q] = rxe;
			qs->q_opackets[q] = tx;
			qs->q_obytes[q] = txb;
		}
	}
	return 0;
}

int
mdev_sim_net_stats_reset(struct rte_eth_dev *dev)
{
	struct net_adapter *ad = net_adapter(dev);
	unsigned int q, c;

	for (q = 0; q < MDEV_SIM_NET_PMD_NQ; q++)
		for (c = 0; c < NET_C_NUM; c++)
			ad->base[q][c] = net_st64(ad,
				MDEV_SIM_NET_ST_Q(q, qcounter_off[c]));
	ad->base_filtered = net_st64(ad, MDEV_SIM_NET_ST_RX_FILTERED);
	return 0;
}

void
mdev_sim_net_stats_clear_base(struct rte_eth_dev *dev)
{
	struct net_adapter *ad = net_adapter(dev);

	memset(ad->base, 0, sizeof(ad->base));
	ad->base_filtered = 0;
}

static unsigned int
xstats_count(const struct rte_eth_dev *dev)
{
	return NET_XSTATS_GLOBAL +
	       NET_XSTATS_PER_RXQ * dev->data->nb_rx_queues +
	       NET_XSTATS_PER_TXQ * dev->data->nb_tx_queues;
}

int
mdev_sim_net_xstats_get_names(struct rte_eth_dev *dev,
			      struct rte_eth_xstat_name *names, unsigned int n)
{
	unsigned int count = xstats_count(dev), i = 0, q;

	if (names == NULL || n < count)
		return count;
	snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE,
		 "rx_filtered_packets");
	for (q = 0; q < dev->data->nb_rx_queues; q++)
		snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE,
			 "rx_q%u_missed_packets", q);
	for (q = 0; q < dev->data->nb_tx_queues; q++) {
		snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE,
			 "tx_q%u_errors", q);
		snprintf(names[i++].name, RTE_ETH_XSTATS_NAME_SIZE,
			 "tx_q%u_link_down_dropped", q);
	}
	return count;
}

int
mdev_sim_net_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
			unsigned int n)
{
	const struct net_adapter *ad = net_adapter(dev);
	unsigned int count = xstats_count(dev), i = 0, q;

	if (xstats == NULL || n < count)
		return count;
	xstats[i].id = i;
	xstats[i++].value = filtered(ad);
	for (q = 0; q < dev->data->nb_rx_queues; q++) {
		xstats[i].id = i;
		xstats[i++].value = qcounter(ad, q, NET_C_RX_MISSED);
	}
	for (q = 0; q < dev->data->nb_tx_queues; q++) {
		xstats[i].id = i;
		xstats[i++].value = qcounter(ad, q, NET_C_TX_ERRORS);
		xstats[i].id = i;
		xstats[i++].value = qcounter(ad, q, NET_C_TX_DROPPED);
	}
	return count;
}
