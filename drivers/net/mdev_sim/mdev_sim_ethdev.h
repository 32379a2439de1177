/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_SIM_ETHDEV_H
#define MDEV_SIM_ETHDEV_H

/*
 * Private interfaces of the net_mdev_sim PMD, the driver of the mdev_sim-net
 * mediated device (kernel/linux/mdev_sim, doc/guides/nics/mdev_sim.rst).
 */

#include <stdbool.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_log.h>
#include <rte_memzone.h>

#include "bus_mdev_driver.h"
#include "mdev_sim_net_compat.h"
#include "mdev_sim_net_hw.h"

extern int mdev_sim_net_logtype;

/* Messages about a device, named by its UUID. */
#define RTE_LOGTYPE_NET_MDEV_SIM mdev_sim_net_logtype
#define NET_LOG_NAME(level, name, ...) \
	RTE_LOG_LINE_PREFIX(level, NET_MDEV_SIM, "%s: ", (name), __VA_ARGS__)
#define NET_LOG(level, dev, ...) \
	NET_LOG_NAME(level, (dev)->data->name, __VA_ARGS__)

#define MDEV_SIM_NET_PMD_NQ	MDEV_SIM_NET_MAX_QUEUES
#define NET_RING_DEFAULT	512
#define NET_BURST_DEFAULT	32
#define NET_SPEED		RTE_ETH_SPEED_NUM_10G

/* Device counters the driver reports, per queue, in status page order. */
enum net_qcounter {
	NET_C_RX_PACKETS,
	NET_C_RX_BYTES,
	NET_C_RX_MISSED,
	NET_C_RX_ERRORS,
	NET_C_TX_PACKETS,
	NET_C_TX_BYTES,
	NET_C_TX_ERRORS,
	NET_C_TX_DROPPED,
	NET_C_NUM,
};

struct mdev_sim_net_rxq {
	struct mdev_sim_net_desc *ring;
	struct rte_mbuf **sw_ring;		/* mbuf posted in each slot */
	volatile uint32_t __rte_atomic *st_prod;	/* device: frames completed */
	volatile uint32_t __rte_atomic *st_tail;	/* driver: buffers posted */
	struct rte_mempool *mp;
	const struct rte_memzone *mz;
	uint64_t ring_iova;
	uint32_t size;
	uint32_t mask;
	uint32_t cons;				/* next descriptor to read */
	uint16_t buf_len;
	uint16_t port_id;
	uint16_t queue_id;
	bool started;
};

struct mdev_sim_net_txq {
	struct mdev_sim_net_desc *ring;
	struct rte_mbuf **sw_ring;		/* segment in each slot */
	volatile uint32_t __rte_atomic *st_cons;	/* device: descriptors consumed */
	const struct rte_memzone *mz;
	uint64_t ring_iova;
	uint32_t size;
	uint32_t mask;
	uint32_t prod;				/* next descriptor to fill */
	uint32_t clean;				/* next descriptor to free */
	uint32_t doorbell;			/* BAR0 offset of TXQ_TAIL */
	uint16_t port_id;
	uint16_t queue_id;
	bool started;
};

/* Shared between processes (dev_private). */
struct net_adapter {
	/* The status page, at the same address in every process. */
	uint8_t *st;
	bool lsc_registered;
	/* counters at the last reset */
	uint64_t base[MDEV_SIM_NET_PMD_NQ][NET_C_NUM];
	uint64_t base_filtered;
};

/*
 * Per process: the VFIO device handle differs between processes (its fd),
 * so the TX doorbell looks it up here by port.
 */
struct net_local {
	struct rte_vfio_dev *vfio;
};

extern struct net_local mdev_sim_net_local[RTE_MAX_ETHPORTS];

static inline struct net_adapter *
net_adapter(const struct rte_eth_dev *dev)
{
	return dev->data->dev_private;
}

static inline struct rte_vfio_dev *
net_vfio(uint16_t port_id)
{
	return mdev_sim_net_local[port_id].vfio;
}

static inline volatile void *
net_st(const struct net_adapter *ad, uint32_t off)
{
	return ad->st + off;
}

static inline uint32_t
net_st32(const struct net_adapter *ad, uint32_t off)
{
	volatile uint32_t __rte_atomic *p =
		(volatile uint32_t __rte_atomic *)net_st(ad, off);

	return rte_le_to_cpu_32(rte_atomic_load_explicit(p,
						rte_memory_order_acquire));
}

static inline uint64_t
net_st64(const struct net_adapter *ad, uint32_t off)
{
	volatile uint64_t __rte_atomic *p =
		(volatile uint64_t __rte_atomic *)net_st(ad, off);

	return rte_le_to_cpu_64(rte_atomic_load_explicit(p,
						rte_memory_order_relaxed));
}

/* Trapped registers: one system call each, never on the data path. */
int mdev_sim_net_reg_read(const struct rte_eth_dev *dev, uint32_t reg,
			  uint32_t *val);
int mdev_sim_net_reg_write(const struct rte_eth_dev *dev, uint32_t reg,
			   uint32_t val);

/* mdev_sim_rxtx.c */
int mdev_sim_net_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
				uint16_t nb_desc, unsigned int socket,
				const struct rte_eth_rxconf *conf,
				struct rte_mempool *mp);
int mdev_sim_net_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
				uint16_t nb_desc, unsigned int socket,
				const struct rte_eth_txconf *conf);
void mdev_sim_net_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
void mdev_sim_net_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
int mdev_sim_net_rx_queue_start(struct rte_eth_dev *dev, uint16_t qid);
int mdev_sim_net_rx_queue_stop(struct rte_eth_dev *dev, uint16_t qid);
int mdev_sim_net_tx_queue_start(struct rte_eth_dev *dev, uint16_t qid);
int mdev_sim_net_tx_queue_stop(struct rte_eth_dev *dev, uint16_t qid);
int mdev_sim_net_rx_intr_enable(struct rte_eth_dev *dev, uint16_t qid);
int mdev_sim_net_rx_intr_disable(struct rte_eth_dev *dev, uint16_t qid);
void mdev_sim_net_rxq_info(struct rte_eth_dev *dev, uint16_t qid,
			   struct rte_eth_rxq_info *info);
void mdev_sim_net_txq_info(struct rte_eth_dev *dev, uint16_t qid,
			   struct rte_eth_txq_info *info);
uint16_t mdev_sim_net_rx_burst(void *rxq, struct rte_mbuf **pkts,
			       uint16_t nb);
uint16_t mdev_sim_net_tx_burst(void *txq, struct rte_mbuf **pkts,
			       uint16_t nb);

/* mdev_sim_stats.c */
/* stats_get: the per-queue counters go to @p qs, which may be NULL. */
int mdev_sim_net_stats_fill(struct rte_eth_dev *dev,
			    struct rte_eth_stats *stats,
			    mdev_sim_net_qstats_t *qs);
int mdev_sim_net_stats_reset(struct rte_eth_dev *dev);
int mdev_sim_net_xstats_get(struct rte_eth_dev *dev,
			    struct rte_eth_xstat *xstats, unsigned int n);
int mdev_sim_net_xstats_get_names(struct rte_eth_dev *dev,
				  struct rte_eth_xstat_name *names,
				  unsigned int n);
/* Forget the reset baseline: the device's counters restarted from zero. */
void mdev_sim_net_stats_clear_base(struct rte_eth_dev *dev);

#endif /* MDEV_SIM_ETHDEV_H */
