/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Queues and the data path. Receiving only reads the status page and the
 * ring and writes RX_TAIL, all memory: no system call. Transmitting fills
 * descriptors and ends each burst with one doorbell write, the only system
 * call per burst; the device moves the frames before the write returns.
 */

#include <errno.h>
#include <string.h>

#include <rte_interrupts.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_vfio_dev.h>
#include <linux/vfio.h>

#include "mdev_sim_ethdev.h"

#define NET_DESC_SZ	sizeof(struct mdev_sim_net_desc)

/* A queue's index in the status page, read and written atomically. */
static volatile uint32_t __rte_atomic *
st_q32(struct net_adapter *ad, uint16_t q, uint32_t off)
{
	return (volatile uint32_t __rte_atomic *)
		net_st(ad, MDEV_SIM_NET_ST_Q(q, off));
}

static bool
ring_size_ok(uint16_t nb_desc)
{
	return rte_is_power_of_2(nb_desc) &&
	       nb_desc >= MDEV_SIM_NET_RING_MIN &&
	       nb_desc <= MDEV_SIM_NET_RING_MAX;
}

/* Programs a ring's IOVA and size, then enables it. */
static int
queue_enable(struct rte_eth_dev *dev, uint16_t q, bool rx, uint64_t iova,
	     uint32_t size)
{
	uint32_t base = rx ? MDEV_SIM_NET_RXQ_BASE_LO : MDEV_SIM_NET_TXQ_BASE_LO;
	uint32_t ctrl = rx ? MDEV_SIM_NET_RXQ_CTRL : MDEV_SIM_NET_TXQ_CTRL;
	uint32_t val = 0;
	int ret;

	ret = mdev_sim_net_reg_write(dev, MDEV_SIM_NET_QREG(q, base),
				     (uint32_t)iova);
	if (ret == 0)
		ret = mdev_sim_net_reg_write(dev, MDEV_SIM_NET_QREG(q, base + 4),
					     iova >> 32);
	if (ret == 0)
		ret = mdev_sim_net_reg_write(dev, MDEV_SIM_NET_QREG(q, base + 8),
					     size);
	if (ret == 0)
		ret = mdev_sim_net_reg_write(dev, MDEV_SIM_NET_QREG(q, ctrl),
					     MDEV_SIM_NET_QCTRL_ENABLE);
	if (ret == 0)
		ret = mdev_sim_net_reg_read(dev, MDEV_SIM_NET_QREG(q, ctrl), &val);
	if (ret == 0 && !(val & MDEV_SIM_NET_QCTRL_ENABLE)) {
		mdev_sim_net_reg_read(dev, MDEV_SIM_NET_REG_ERROR, &val);
		NET_LOG(ERR, dev, "device refused %s queue %u (error %#x)",
			rx ? "RX" : "TX", q, val);
		ret = -EIO;
	}
	return ret;
}

static int
queue_disable(struct rte_eth_dev *dev, uint16_t q, bool rx)
{
	return mdev_sim_net_reg_write(dev, MDEV_SIM_NET_QREG(q,
			rx ? MDEV_SIM_NET_RXQ_CTRL : MDEV_SIM_NET_TXQ_CTRL), 0);
}

/* ---- RX ---- */

static void
rxq_post(struct mdev_sim_net_rxq *rxq, uint32_t slot, struct rte_mbuf *m)
{
	struct mdev_sim_net_desc *d = &rxq->ring[slot];

	rxq->sw_ring[slot] = m;
	d->addr = rte_cpu_to_le_64(rte_mbuf_data_iova_default(m));
	d->buf_len = rte_cpu_to_le_16(rxq->buf_len);
	d->len = 0;
	d->flags = 0;
}

static void
rxq_free_mbufs(struct mdev_sim_net_rxq *rxq)
{
	uint32_t i;

	for (i = 0; i < rxq->size; i++) {
		if (rxq->sw_ring[i] != NULL)
			rte_pktmbuf_free_seg(rxq->sw_ring[i]);
		rxq->sw_ring[i] = NULL;
	}
}

int
mdev_sim_net_rx_queue_start(struct rte_eth_dev *dev, uint16_t qid)
{
	struct mdev_sim_net_rxq *rxq = dev->data->rx_queues[qid];
	uint32_t i;
	int ret;

	if (rxq->started)
		return 0;
	if (rte_pktmbuf_alloc_bulk(rxq->mp, rxq->sw_ring, rxq->size) != 0) {
		NET_LOG(ERR, dev, "no mbufs to fill RX queue %u", qid);
		return -ENOMEM;
	}
	for (i = 0; i < rxq->size; i++)
		rxq_post(rxq, i, rxq->sw_ring[i]);
	rxq->cons = 0;
	ret = queue_enable(dev, qid, true, rxq->ring_iova, rxq->size);
	if (ret != 0) {
		rxq_free_mbufs(rxq);
		return ret;
	}
	/* The whole ring is posted: the device may fill every slot. */
	rte_atomic_store_explicit(rxq->st_tail, rte_cpu_to_le_32(rxq->size),
				  rte_memory_order_release);
	rxq->started = true;
	dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return 0;
}

int
mdev_sim_net_rx_queue_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	struct mdev_sim_net_rxq *rxq = dev->data->rx_queues[qid];

	if (rxq == NULL || !rxq->started)
		return 0;
	/* Once the write returns no sender touches the ring any more. */
	queue_disable(dev, qid, true);
	rxq_free_mbufs(rxq);
	rxq->started = false;
	dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static void
rxq_free(struct mdev_sim_net_rxq *rxq)
{
	if (rxq == NULL)
		return;
	rte_memzone_free(rxq->mz);
	rte_free(rxq->sw_ring);
	rte_free(rxq);
}

void
mdev_sim_net_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	mdev_sim_net_rx_queue_stop(dev, qid);
	rxq_free(dev->data->rx_queues[qid]);
	dev->data->rx_queues[qid] = NULL;
}

int
mdev_sim_net_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
			    uint16_t nb_desc, unsigned int socket,
			    const struct rte_eth_rxconf *conf,
			    struct rte_mempool *mp)
{
	uint32_t room = rte_pktmbuf_data_room_size(mp) - RTE_PKTMBUF_HEADROOM;
	uint64_t offloads = conf->offloads | dev->data->dev_conf.rxmode.offloads;
	uint32_t frame = dev->data->mtu + MDEV_SIM_NET_FRAME_OVERHEAD;
	struct mdev_sim_net_rxq *rxq;

	if (!ring_size_ok(nb_desc)) {
		NET_LOG(ERR, dev, "RX ring of %u descriptors: need a power of two in [%u, %u]",
			nb_desc, MDEV_SIM_NET_RING_MIN, MDEV_SIM_NET_RING_MAX);
		return -EINVAL;
	}
	if (room < RTE_ETHER_HDR_LEN || room > 0xffff) {
		NET_LOG(ERR, dev, "mbuf data room %u unusable", room);
		return -EINVAL;
	}
	if (!(offloads & RTE_ETH_RX_OFFLOAD_SCATTER) && frame > room) {
		NET_LOG(ERR, dev, "frames of %u bytes need scatter or %u-byte mbufs",
			frame, frame);
		return -EINVAL;
	}
	mdev_sim_net_rx_queue_release(dev, qid);

	rxq = rte_zmalloc_socket("mdev_sim_rxq", sizeof(*rxq),
				 RTE_CACHE_LINE_SIZE, socket);
	if (rxq == NULL)
		return -ENOMEM;
	rxq->sw_ring = rte_zmalloc_socket("mdev_sim_rx_sw",
					  nb_desc * sizeof(*rxq->sw_ring),
					  RTE_CACHE_LINE_SIZE, socket);
	rxq->mz = rte_eth_dma_zone_reserve(dev, "rx_ring", qid,
					   nb_desc * NET_DESC_SZ,
					   RTE_CACHE_LINE_SIZE, socket);
	if (rxq->sw_ring == NULL || rxq->mz == NULL) {
		rxq_free(rxq);
		return -ENOMEM;
	}
	rxq->ring = rxq->mz->addr;
	rxq->ring_iova = rxq->mz->iova;
	rxq->size = nb_desc;
	rxq->mask = nb_desc - 1;
	rxq->mp = mp;
	rxq->buf_len = room;
	rxq->port_id = dev->data->port_id;
	rxq->queue_id = qid;
	rxq->st_prod = st_q32(net_adapter(dev), qid, MDEV_SIM_NET_ST_RX_PROD);
	rxq->st_tail = st_q32(net_adapter(dev), qid, MDEV_SIM_NET_ST_RX_TAIL);
	dev->data->rx_queues[qid] = rxq;
	return 0;
}

/* Replacement mbufs are taken from the pool this many at a time. */
#define RX_REFILL_CHUNK 32

/*
 * No mbuf to replace one of a frame's buffers: the frame is dropped and
 * its remaining slots keep their buffers, so that the ring stays fully
 * posted. The device publishes whole frames only, so the frame's end is
 * before @prod.
 */
static void
rx_drop_frame(struct mdev_sim_net_rxq *rxq, uint32_t prod,
	      struct rte_mbuf *partial)
{
	rte_pktmbuf_free(partial);
	while (rxq->cons != prod) {
		uint32_t slot = rxq->cons & rxq->mask;
		uint16_t flags = rte_le_to_cpu_16(rxq->ring[slot].flags);

		rxq_post(rxq, slot, rxq->sw_ring[slot]);
		rxq->cons++;
		if (flags & MDEV_SIM_NET_DESC_EOP)
			break;
	}
}

uint16_t
mdev_sim_net_rx_burst(void *queue, struct rte_mbuf **pkts, uint16_t nb)
{
	struct mdev_sim_net_rxq *rxq = queue;
	struct rte_mbuf *fresh[RX_REFILL_CHUNK];
	unsigned int nb_fresh = 0, next_fresh = 0;
	struct rte_mbuf *first = NULL, *last = NULL;
	uint32_t prod, start;
	uint16_t nb_rx = 0;
	bool err = false;

	prod = rte_le_to_cpu_32(rte_atomic_load_explicit(rxq->st_prod,
						rte_memory_order_acquire));
	/*
	 * The device never completes more than the ring holds; anything else
	 * (the page cleared by a reset under a running queue) would make the
	 * loop lap the ring.
	 */
	if (unlikely(prod - rxq->cons > rxq->size))
		return 0;
	start = rxq->cons;

	/* Whole frames only: the device publishes nothing less. */
	while (rxq->cons != prod && (nb_rx < nb || first != NULL)) {
		uint32_t slot = rxq->cons & rxq->mask;
		const struct mdev_sim_net_desc *d = &rxq->ring[slot];
		struct rte_mbuf *m = rxq->sw_ring[slot];
		uint16_t flags = rte_le_to_cpu_16(d->flags);

		if (next_fresh == nb_fresh) {
			nb_fresh = RTE_MIN(prod - rxq->cons,
					   (uint32_t)RX_REFILL_CHUNK);
			next_fresh = 0;
			if (rte_pktmbuf_alloc_bulk(rxq->mp, fresh,
						   nb_fresh) != 0) {
				struct rte_eth_dev_data *data =
					rte_eth_devices[rxq->port_id].data;

				data->rx_mbuf_alloc_failed += nb_fresh;
				nb_fresh = 0;
				if (first != NULL)
					rx_drop_frame(rxq, prod, first);
				break;
			}
		}

		m->data_off = RTE_PKTMBUF_HEADROOM;
		m->data_len = rte_le_to_cpu_16(d->len);
		m->next = NULL;
		if (first == NULL) {
			first = m;
			m->pkt_len = m->data_len;
			m->nb_segs = 1;
			m->port = rxq->port_id;
			m->ol_flags = 0;
			m->packet_type = RTE_PTYPE_L2_ETHER;
		} else {
			last->next = m;
			first->pkt_len += m->data_len;
			first->nb_segs++;
		}
		last = m;
		err |= flags & MDEV_SIM_NET_DESC_ERR;
		rxq_post(rxq, slot, fresh[next_fresh++]);
		rxq->cons++;

		if (!(flags & MDEV_SIM_NET_DESC_EOP))
			continue;
		/* The device counted the error; the frame is incomplete. */
		if (err)
			rte_pktmbuf_free(first);
		else
			pkts[nb_rx++] = first;
		first = NULL;
		err = false;
	}
	if (next_fresh != nb_fresh)
		rte_pktmbuf_free_bulk(&fresh[next_fresh], nb_fresh - next_fresh);
	/* Every slot taken was refilled: the ring stays fully posted. */
	if (rxq->cons != start)
		rte_atomic_store_explicit(rxq->st_tail,
				 rte_cpu_to_le_32(rxq->cons + rxq->size),
				 rte_memory_order_release);
	return nb_rx;
}

int
mdev_sim_net_rx_intr_enable(struct rte_eth_dev *dev, uint16_t qid)
{
	struct mdev_sim_net_rxq *rxq = dev->data->rx_queues[qid];

	/* The device fires at once if it completed beyond cons. */
	return mdev_sim_net_reg_write(dev,
		MDEV_SIM_NET_QREG(qid, MDEV_SIM_NET_RXQ_IRQ_ARM), rxq->cons);
}

int
mdev_sim_net_rx_intr_disable(struct rte_eth_dev *dev, uint16_t qid)
{
	return mdev_sim_net_reg_write(dev,
		MDEV_SIM_NET_QREG(qid, MDEV_SIM_NET_RXQ_IRQ_DISARM), 0);
}

void
mdev_sim_net_rxq_info(struct rte_eth_dev *dev, uint16_t qid,
		      struct rte_eth_rxq_info *info)
{
	struct mdev_sim_net_rxq *rxq = dev->data->rx_queues[qid];

	info->mp = rxq->mp;
	info->nb_desc = rxq->size;
	info->rx_buf_size = rxq->buf_len;
	info->scattered_rx = 1;
	info->queue_state = dev->data->rx_queue_state[qid];
}

/* ---- TX ---- */

static void
txq_reclaim(struct mdev_sim_net_txq *txq)
{
	uint32_t cons = rte_le_to_cpu_32(rte_atomic_load_explicit(txq->st_cons,
						rte_memory_order_acquire));

	/* Beyond what was posted (a reset page): empty slots, free nothing. */
	if (unlikely(cons - txq->clean > txq->prod - txq->clean))
		return;
	while (txq->clean != cons) {
		uint32_t slot = txq->clean & txq->mask;

		rte_pktmbuf_free_seg(txq->sw_ring[slot]);
		txq->sw_ring[slot] = NULL;
		txq->clean++;
	}
}

static void
txq_free_mbufs(struct mdev_sim_net_txq *txq)
{
	uint32_t i;

	for (i = 0; i < txq->size; i++) {
		if (txq->sw_ring[i] != NULL)
			rte_pktmbuf_free_seg(txq->sw_ring[i]);
		txq->sw_ring[i] = NULL;
	}
}

int
mdev_sim_net_tx_queue_start(struct rte_eth_dev *dev, uint16_t qid)
{
	struct mdev_sim_net_txq *txq = dev->data->tx_queues[qid];
	int ret;

	if (txq->started)
		return 0;
	txq->prod = 0;
	txq->clean = 0;
	ret = queue_enable(dev, qid, false, txq->ring_iova, txq->size);
	if (ret != 0)
		return ret;
	txq->started = true;
	dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return 0;
}

int
mdev_sim_net_tx_queue_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	struct mdev_sim_net_txq *txq = dev->data->tx_queues[qid];

	if (txq == NULL || !txq->started)
		return 0;
	queue_disable(dev, qid, false);
	txq_free_mbufs(txq);
	txq->started = false;
	dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static void
txq_free(struct mdev_sim_net_txq *txq)
{
	if (txq == NULL)
		return;
	rte_memzone_free(txq->mz);
	rte_free(txq->sw_ring);
	rte_free(txq);
}

void
mdev_sim_net_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	mdev_sim_net_tx_queue_stop(dev, qid);
	txq_free(dev->data->tx_queues[qid]);
	dev->data->tx_queues[qid] = NULL;
}

int
mdev_sim_net_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
			    uint16_t nb_desc, unsigned int socket,
			    const struct rte_eth_txconf *conf __rte_unused)
{
	struct mdev_sim_net_txq *txq;

	if (!ring_size_ok(nb_desc)) {
		NET_LOG(ERR, dev, "TX ring of %u descriptors: need a power of two in [%u, %u]",
			nb_desc, MDEV_SIM_NET_RING_MIN, MDEV_SIM_NET_RING_MAX);
		return -EINVAL;
	}
	mdev_sim_net_tx_queue_release(dev, qid);

	txq = rte_zmalloc_socket("mdev_sim_txq", sizeof(*txq),
				 RTE_CACHE_LINE_SIZE, socket);
	if (txq == NULL)
		return -ENOMEM;
	txq->sw_ring = rte_zmalloc_socket("mdev_sim_tx_sw",
					  nb_desc * sizeof(*txq->sw_ring),
					  RTE_CACHE_LINE_SIZE, socket);
	txq->mz = rte_eth_dma_zone_reserve(dev, "tx_ring", qid,
					   nb_desc * NET_DESC_SZ,
					   RTE_CACHE_LINE_SIZE, socket);
	if (txq->sw_ring == NULL || txq->mz == NULL) {
		txq_free(txq);
		return -ENOMEM;
	}
	txq->ring = txq->mz->addr;
	txq->ring_iova = txq->mz->iova;
	txq->size = nb_desc;
	txq->mask = nb_desc - 1;
	txq->port_id = dev->data->port_id;
	txq->queue_id = qid;
	txq->doorbell = MDEV_SIM_NET_QREG(qid, MDEV_SIM_NET_TXQ_TAIL);
	txq->st_cons = st_q32(net_adapter(dev), qid, MDEV_SIM_NET_ST_TX_CONS);
	dev->data->tx_queues[qid] = txq;
	return 0;
}

uint16_t
mdev_sim_net_tx_burst(void *queue, struct rte_mbuf **pkts, uint16_t nb)
{
	struct mdev_sim_net_txq *txq = queue;
	uint32_t room, prod0 = txq->prod;
	uint16_t nb_tx;

	/*
	 * The device consumes only during a doorbell and the last burst
	 * reclaimed right after its own: clean is current, no reclaim here.
	 */
	room = txq->size - (txq->prod - txq->clean);
	for (nb_tx = 0; nb_tx < nb; nb_tx++) {
		struct rte_mbuf *m = pkts[nb_tx];

		if (m->nb_segs > room)
			break;
		room -= m->nb_segs;
		for (; m != NULL; m = m->next) {
			uint32_t slot = txq->prod & txq->mask;
			struct mdev_sim_net_desc *d = &txq->ring[slot];

			d->addr = rte_cpu_to_le_64(rte_mbuf_data_iova(m));
			d->len = rte_cpu_to_le_16(m->data_len);
			d->flags = rte_cpu_to_le_16(m->next == NULL ?
						    MDEV_SIM_NET_DESC_EOP : 0);
			txq->sw_ring[slot] = m;
			txq->prod++;
		}
	}
	if (nb_tx == 0)
		return 0;
	/* Descriptors must be in memory before the device looks. */
	rte_io_wmb();
	if (unlikely(rte_vfio_dev_write32(net_vfio(txq->port_id),
					  VFIO_PCI_BAR0_REGION_INDEX,
					  txq->doorbell, txq->prod) != 0)) {
		/*
		 * The device never saw them (a trapped write that fails does
		 * not reach it): take them back, the caller keeps the mbufs.
		 */
		for (; txq->prod != prod0; txq->prod--)
			txq->sw_ring[(txq->prod - 1) & txq->mask] = NULL;
		return 0;
	}
	/* The device is done when the write returns: free at once. */
	txq_reclaim(txq);
	return nb_tx;
}

void
mdev_sim_net_txq_info(struct rte_eth_dev *dev, uint16_t qid,
		      struct rte_eth_txq_info *info)
{
	struct mdev_sim_net_txq *txq = dev->data->tx_queues[qid];

	info->nb_desc = txq->size;
	info->queue_state = dev->data->tx_queue_state[qid];
}
