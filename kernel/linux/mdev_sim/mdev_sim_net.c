// SPDX-License-Identifier: GPL-2.0
/*
 * mdev_sim-net: an Ethernet function with up to four RX/TX queue pairs.
 *
 * Descriptor rings and packet buffers live in memory the driver mapped for
 * DMA. A write to a TX doorbell makes the device move the posted frames,
 * synchronously in the writer's context, into the RX ring of the device it
 * is wired to (sysfs "peer"), or into its own when unwired. Indexes,
 * counters and link state are published in a status page the driver maps,
 * so that receiving needs no system call. The programming interface is in
 * mdev_sim_net_hw.h.
 *
 * Locking. The core holds the device lock around every register access, so
 * a TX doorbell runs under the sender's device lock and then takes the
 * receiver's rx_lock, which protects everything a foreign sender touches.
 * No path takes a device lock while holding an rx_lock, so two wired
 * devices transmitting to each other cannot deadlock. The wiring itself is
 * changed under the wiring lock (mdev_sim_wire.c, ordered before any
 * device lock) and read by senders under SRCU, which keeps a receiver
 * alive until detach has synchronised. Interrupts for a receiver are raised from a work item
 * because raising needs the receiver's device lock.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/ktime.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>

#include "mdev_sim.h"
#include "mdev_sim_net_hw.h"

#define NET_NQ			MDEV_SIM_NET_MAX_QUEUES
#define NET_DESC_BATCH		64	/* descriptors fetched per DMA read */
#define NET_DESC_SZ		sizeof(struct mdev_sim_net_desc)

static_assert(sizeof(struct mdev_sim_net_desc) == MDEV_SIM_NET_DESC_SIZE);

struct net_txq {
	u64 base;
	u32 size;
	bool enabled;
	u32 head;		/* next descriptor to read */
	/* descriptors the last doorbell consumed, replayed by the bench */
	u32 last_start;
	u32 last_end;
};

struct net_rxq {
	u64 base;
	u32 size;
	bool enabled;
	bool irq_armed;
	u32 head;		/* next descriptor to fill */
};

struct mdev_sim_net {
	struct mdev_sim_pci *pci;
	u8 perm_mac[ETH_ALEN];

	struct mdev_sim_wire wire;	/* sysfs peer and link */

	/* Under the device lock. */
	bool link_up;		/* admin up at both ends of the cable */
	bool irq_live;		/* opened and touched since the last reset */
	u32 error;
	struct net_txq txq[NET_NQ];
	u32 bench_queue;
	u64 bench_ns;
	u64 bench_pkts;
	u64 bench_bytes;
	u8 *frame;		/* a TX frame gathered from its buffers */
	struct mdev_sim_net_desc tx_cache[NET_DESC_BATCH];

	/*
	 * The receive side: what a sender reads or changes. Written under
	 * both the device lock and rx_lock, so either lock suffices to read.
	 */
	struct mutex rx_lock;
	u32 ctrl;
	u32 mtu;
	u8 mac[ETH_ALEN];
	struct net_rxq rxq[NET_NQ];
	struct mdev_sim_net_desc rx_cache[NET_DESC_BATCH];

	unsigned long irq_pending;	/* MSI-X vectors to raise */
	struct work_struct irq_work;
};

static void net_link_update(struct mdev_sim_wire *w, bool up);

DEFINE_STATIC_SRCU(net_srcu);
static struct mdev_sim_wire_set net_wires = {
	.devices	= LIST_HEAD_INIT(net_wires.devices),
	.lock		= __MUTEX_INITIALIZER(net_wires.lock),
	.srcu		= &net_srcu,
	.link_update	= net_link_update,
};

/* ---- status page ---- */

static void *net_st(struct mdev_sim_net *n, unsigned int off)
{
	return mdev_sim_pci_bar_mem(n->pci, 0) + MDEV_SIM_NET_STATUS_OFFSET +
	       off;
}

static void net_st_set32(struct mdev_sim_net *n, unsigned int off, u32 val)
{
	WRITE_ONCE(*(__le32 *)net_st(n, off), cpu_to_le32(val));
}

static void net_st_publish(struct mdev_sim_net *n, unsigned int off, u32 val)
{
	/* Orders the descriptor writes before the index that covers them. */
	smp_store_release((__le32 *)net_st(n, off), cpu_to_le32(val));
}

/* The driver can scribble on the page; that only corrupts its own view. */
static void net_st_add64(struct mdev_sim_net *n, unsigned int off, u64 val)
{
	__le64 *c = net_st(n, off);

	if (val)
		WRITE_ONCE(*c, cpu_to_le64(le64_to_cpu(READ_ONCE(*c)) + val));
}

static void net_qst_add64(struct mdev_sim_net *n, unsigned int q,
			  unsigned int off, u64 val)
{
	net_st_add64(n, MDEV_SIM_NET_ST_Q(q, off), val);
}

static u32 net_st_rx_tail(struct mdev_sim_net *n, unsigned int q)
{
	__le32 *p = net_st(n, MDEV_SIM_NET_ST_Q(q, MDEV_SIM_NET_ST_RX_TAIL));

	/* Pairs with the driver's release store after writing descriptors. */
	return le32_to_cpu(smp_load_acquire(p));
}

static int net_dma(struct mdev_sim_net *n, u64 iova, void *buf, size_t len,
		   bool write)
{
	return mdev_sim_pci_dma_rw(n->pci, iova, buf, len, write);
}

/* ---- interrupts ---- */

static void net_irq_work(struct work_struct *work)
{
	struct mdev_sim_net *n = container_of(work, struct mdev_sim_net,
					      irq_work);
	struct mdev_sim_dev *sdev = mdev_sim_pci_sdev(n->pci);
	unsigned int v;

	mutex_lock(&sdev->lock);
	for (v = 0; v < MDEV_SIM_NET_MSIX_VECTORS; v++)
		if (test_and_clear_bit(v, &n->irq_pending) && n->irq_live)
			mdev_sim_pci_raise_irq(n->pci, VFIO_PCI_MSIX_IRQ_INDEX,
					       v);
	mutex_unlock(&sdev->lock);
}

/* Callable without the device lock; the work item takes it. */
static void net_irq_defer(struct mdev_sim_net *n, unsigned int vector)
{
	set_bit(vector, &n->irq_pending);
	schedule_work(&n->irq_work);
}

/* ---- receive: a frame into one of a receiver's RX queues ---- */

struct net_rx {
	struct mdev_sim_net *r;		/* receiver, rx_lock held */
	struct net_rxq *rq;		/* NULL: no queue enabled */
	unsigned int q;
	bool commit;			/* false: bench, leave no trace */
	u32 head;			/* next descriptor to fill */
	u32 tail;			/* posted by the driver */
	u32 cache_start;		/* rx_cache holds [start, start + cnt) */
	unsigned int cache_cnt;
	unsigned int dirty;		/* rx_cache[0, dirty) to write back */
	u64 pkts, bytes, missed, errors, filtered;
};

static void net_rx_begin(struct net_rx *rx, struct mdev_sim_net *r,
			 unsigned int q, bool commit)
{
	memset(rx, 0, sizeof(*rx));
	rx->r = r;
	rx->commit = commit;
	/* TX queue q feeds RX queue q, or queue 0 when q is not running. */
	rx->q = r->rxq[q].enabled ? q : 0;
	if (!r->rxq[rx->q].enabled)
		return;
	rx->rq = &r->rxq[rx->q];
	rx->head = rx->rq->head;
	rx->tail = net_st_rx_tail(r, rx->q);
	/* A tail beyond the ring is a driver bug: treat it as no buffers. */
	if (rx->tail - rx->head > rx->rq->size) {
		rx->tail = rx->head;
		rx->errors++;
	}
}

static int net_rx_writeback(struct net_rx *rx)
{
	struct net_rxq *rq = rx->rq;
	u32 slot = rx->cache_start & (rq->size - 1);
	int ret = 0;

	if (rx->dirty)
		ret = net_dma(rx->r, rq->base + slot * NET_DESC_SZ,
			      rx->r->rx_cache, rx->dirty * NET_DESC_SZ, true);
	rx->dirty = 0;
	return ret;
}

/* The descriptor at @idx, fetched in batches; NULL when none is posted. */
static struct mdev_sim_net_desc *net_rx_desc(struct net_rx *rx, u32 idx)
{
	struct net_rxq *rq = rx->rq;
	u32 slot = idx & (rq->size - 1);
	unsigned int cnt;

	if (idx - rx->cache_start < rx->cache_cnt)
		return &rx->r->rx_cache[idx - rx->cache_start];

	if (net_rx_writeback(rx))
		rx->errors++;
	rx->cache_cnt = 0;
	cnt = min3((u32)NET_DESC_BATCH, rx->tail - idx, rq->size - slot);
	if (!cnt)
		return NULL;
	if (net_dma(rx->r, rq->base + slot * NET_DESC_SZ, rx->r->rx_cache,
		    cnt * NET_DESC_SZ, false)) {
		/* An unreadable ring holds no usable buffer. */
		rx->errors++;
		rx->tail = idx;
		return NULL;
	}
	rx->cache_start = idx;
	rx->cache_cnt = cnt;
	return rx->r->rx_cache;
}

static void net_rx_mark(struct net_rx *rx, struct mdev_sim_net_desc *d,
			u16 len, u16 flags)
{
	d->len = cpu_to_le16(len);
	d->flags = cpu_to_le16(flags);
	d->reserved = 0;
	rx->dirty = max_t(unsigned int, rx->dirty,
			  d - rx->r->rx_cache + 1);
}

static bool net_rx_accept(const struct mdev_sim_net *r, const u8 *frame)
{
	if (r->ctrl & MDEV_SIM_NET_CTRL_PROMISC)
		return true;
	if (is_broadcast_ether_addr(frame))
		return true;
	if (is_multicast_ether_addr(frame))
		return r->ctrl & MDEV_SIM_NET_CTRL_ALLMULTI;
	return ether_addr_equal(frame, r->mac);
}

/*
 * Scatters a frame over posted buffers. Without enough buffers it is
 * missed and the buffers stay posted; a buffer the device cannot use (zero
 * size, unwritable IOVA) ends the frame with ERR, so the driver gets every
 * buffer back and the ring keeps moving.
 */
static void net_rx_frame(struct net_rx *rx, const u8 *frame, u32 len)
{
	struct mdev_sim_net *r = rx->r;
	u32 idx = rx->head, off = 0;

	if (!rx->rq) {
		rx->missed++;
		return;
	}
	if (!net_rx_accept(r, frame)) {
		rx->filtered++;
		return;
	}
	if (len > r->mtu + MDEV_SIM_NET_FRAME_OVERHEAD) {
		rx->errors++;
		return;
	}

	while (off < len) {
		struct mdev_sim_net_desc *d = net_rx_desc(rx, idx);
		u32 chunk;

		if (!d) {
			rx->missed++;
			return;
		}
		chunk = min_t(u32, le16_to_cpu(d->buf_len), len - off);
		idx++;
		if (!chunk || net_dma(r, le64_to_cpu(d->addr), (void *)frame + off,
				      chunk, true)) {
			net_rx_mark(rx, d, 0,
				    MDEV_SIM_NET_DESC_EOP | MDEV_SIM_NET_DESC_ERR);
			rx->errors++;
			rx->head = idx;
			return;
		}
		off += chunk;
		net_rx_mark(rx, d, chunk,
			    off == len ? MDEV_SIM_NET_DESC_EOP : 0);
	}
	rx->head = idx;
	rx->pkts++;
	rx->bytes += len;
}

static void net_rx_end(struct net_rx *rx)
{
	struct mdev_sim_net *r = rx->r;
	unsigned int q = rx->q;

	if (rx->rq && net_rx_writeback(rx))
		rx->errors++;
	if (!rx->commit)
		return;

	if (rx->rq && rx->head != rx->rq->head) {
		rx->rq->head = rx->head;
		net_st_publish(r, MDEV_SIM_NET_ST_Q(q, MDEV_SIM_NET_ST_RX_PROD),
			       rx->head);
		if (rx->rq->irq_armed) {
			rx->rq->irq_armed = false;
			net_irq_defer(r, MDEV_SIM_NET_VEC_RXQ(q));
		}
	}
	net_qst_add64(r, q, MDEV_SIM_NET_ST_RX_PACKETS, rx->pkts);
	net_qst_add64(r, q, MDEV_SIM_NET_ST_RX_BYTES, rx->bytes);
	net_qst_add64(r, q, MDEV_SIM_NET_ST_RX_MISSED, rx->missed);
	net_qst_add64(r, q, MDEV_SIM_NET_ST_RX_ERRORS, rx->errors);
	net_st_add64(r, MDEV_SIM_NET_ST_RX_FILTERED, rx->filtered);
}

/* ---- transmit ---- */

struct net_tx {
	struct mdev_sim_net *n;
	struct net_txq *tq;
	u32 cache_start;		/* tx_cache holds [start, start + cnt) */
	unsigned int cache_cnt;
	u64 pkts, bytes, errors, dropped, delivered, delivered_bytes;
};

static const struct mdev_sim_net_desc *net_tx_desc(struct net_tx *tx, u32 idx,
						   u32 end)
{
	struct net_txq *tq = tx->tq;
	u32 slot = idx & (tq->size - 1);
	unsigned int cnt;

	if (idx - tx->cache_start < tx->cache_cnt)
		return &tx->n->tx_cache[idx - tx->cache_start];

	cnt = min3((u32)NET_DESC_BATCH, end - idx, tq->size - slot);
	tx->cache_cnt = 0;
	if (net_dma(tx->n, tq->base + slot * NET_DESC_SZ, tx->n->tx_cache,
		    cnt * NET_DESC_SZ, false))
		return NULL;
	tx->cache_start = idx;
	tx->cache_cnt = cnt;
	return tx->n->tx_cache;
}

/*
 * Moves the complete frames among descriptors [start, end) of TX queue q
 * and returns the index after the last one. A frame whose EOP has not been
 * posted yet stays on the ring for the next doorbell.
 */
static u32 net_tx_run(struct mdev_sim_net *n, unsigned int q, u32 start,
		      u32 end, bool commit, struct net_tx *tx)
{
	u32 max = n->mtu + MDEV_SIM_NET_FRAME_OVERHEAD;
	u32 idx, head = start, flen = 0;
	struct mdev_sim_wire *peer;
	struct mdev_sim_net *r;
	struct net_rx rx;
	bool bad = false;
	int srcu;

	memset(tx, 0, sizeof(*tx));
	tx->n = n;
	tx->tq = &n->txq[q];

	srcu = srcu_read_lock(&net_srcu);
	peer = srcu_dereference(n->wire.peer, &net_srcu);
	r = peer ? container_of(peer, struct mdev_sim_net, wire) : n;
	mutex_lock(&r->rx_lock);
	net_rx_begin(&rx, r, q, commit);

	for (idx = start; idx != end; idx++) {
		const struct mdev_sim_net_desc *d = net_tx_desc(tx, idx, end);
		u32 len;

		if (!d) {
			/* The ring is unreadable: nothing more can move. */
			tx->errors++;
			break;
		}
		len = le16_to_cpu(d->len);
		if (!bad) {
			if (!len || len > max - flen ||
			    net_dma(n, le64_to_cpu(d->addr), n->frame + flen,
				    len, false))
				bad = true;
			else
				flen += len;
		}
		if (!(le16_to_cpu(d->flags) & MDEV_SIM_NET_DESC_EOP))
			continue;

		if (bad || flen < MDEV_SIM_NET_HDR_LEN) {
			tx->errors++;
		} else if (!n->link_up) {
			tx->dropped++;
		} else {
			u64 before = rx.pkts;

			net_rx_frame(&rx, n->frame, flen);
			tx->pkts++;
			tx->bytes += flen;
			if (rx.pkts != before) {
				tx->delivered++;
				tx->delivered_bytes += flen;
			}
		}
		head = idx + 1;
		flen = 0;
		bad = false;
	}

	net_rx_end(&rx);
	mutex_unlock(&r->rx_lock);
	srcu_read_unlock(&net_srcu, srcu);
	return head;
}

/* ---- registers ---- */

static void net_refuse(struct mdev_sim_net *n, u64 off, int err)
{
	n->error = (u32)off << 16 | (u32)err;
}

static void net_tx_doorbell(struct mdev_sim_net *n, unsigned int q, u64 off,
			    u32 tail)
{
	struct net_txq *tq = &n->txq[q];
	struct net_tx tx;
	u32 head;

	if (!tq->enabled || tail - tq->head > tq->size) {
		net_refuse(n, off, EINVAL);
		return;
	}
	head = net_tx_run(n, q, tq->head, tail, true, &tx);
	tq->last_start = tq->head;
	tq->last_end = head;
	tq->head = head;
	net_qst_add64(n, q, MDEV_SIM_NET_ST_TX_PACKETS, tx.pkts);
	net_qst_add64(n, q, MDEV_SIM_NET_ST_TX_BYTES, tx.bytes);
	net_qst_add64(n, q, MDEV_SIM_NET_ST_TX_ERRORS, tx.errors);
	net_qst_add64(n, q, MDEV_SIM_NET_ST_TX_DROPPED, tx.dropped);
	net_st_publish(n, MDEV_SIM_NET_ST_Q(q, MDEV_SIM_NET_ST_TX_CONS), head);
}

/*
 * Replays the frames of the queue's last doorbell through the very same
 * path, without moving an index, a counter or raising an interrupt: the
 * rate this model can move frames at, with no userspace in the loop.
 */
static void net_bench(struct mdev_sim_net *n, u64 off, u32 rounds)
{
	struct net_txq *tq;
	struct net_tx tx;
	u64 t0;
	u32 i;

	n->bench_ns = 0;
	n->bench_pkts = 0;
	n->bench_bytes = 0;
	if (n->bench_queue >= NET_NQ || !rounds ||
	    rounds > MDEV_SIM_NET_BENCH_MAX_ROUNDS) {
		net_refuse(n, off, EINVAL);
		return;
	}
	tq = &n->txq[n->bench_queue];
	if (!tq->enabled || tq->last_start == tq->last_end) {
		net_refuse(n, off, ENODATA);
		return;
	}

	t0 = ktime_get_ns();
	for (i = 0; i < rounds; i++) {
		net_tx_run(n, n->bench_queue, tq->last_start, tq->last_end,
			   false, &tx);
		n->bench_pkts += tx.delivered;
		n->bench_bytes += tx.delivered_bytes;
		/* The device lock is held: keep the run bounded. */
		if (fatal_signal_pending(current) ||
		    ktime_get_ns() - t0 > MDEV_SIM_NET_BENCH_MAX_NS)
			break;
		cond_resched();
	}
	n->bench_ns = ktime_get_ns() - t0;
}

static bool net_ring_valid(u64 base, u32 size)
{
	return is_power_of_2(size) && size >= MDEV_SIM_NET_RING_MIN &&
	       size <= MDEV_SIM_NET_RING_MAX &&
	       IS_ALIGNED(base, MDEV_SIM_NET_DESC_SIZE) &&
	       base + (u64)size * NET_DESC_SZ - 1 > base;
}

static void net_rxq_ctrl(struct mdev_sim_net *n, unsigned int q, u64 off,
			 u32 val)
{
	struct net_rxq *rq = &n->rxq[q];
	bool enable = val & MDEV_SIM_NET_QCTRL_ENABLE;

	if (enable == rq->enabled)
		return;
	if (enable && !net_ring_valid(rq->base, rq->size)) {
		net_refuse(n, off, EINVAL);
		return;
	}
	rq->enabled = enable;
	rq->irq_armed = false;
	rq->head = 0;
	net_st_set32(n, MDEV_SIM_NET_ST_Q(q, MDEV_SIM_NET_ST_RX_PROD), 0);
}

/*
 * Arms the one-shot interrupt of an RX queue. @cons is the driver's next
 * descriptor to look at: if the device has completed beyond it, the
 * interrupt fires at once, so no frame slips in between poll and sleep.
 */
static void net_rxq_arm(struct mdev_sim_net *n, unsigned int q, u64 off,
			u32 cons)
{
	struct net_rxq *rq = &n->rxq[q];

	if (!rq->enabled) {
		net_refuse(n, off, EINVAL);
		return;
	}
	if (rq->head != cons) {
		rq->irq_armed = false;
		net_irq_defer(n, MDEV_SIM_NET_VEC_RXQ(q));
	} else {
		rq->irq_armed = true;
	}
}

static void net_rxq_write(struct mdev_sim_net *n, unsigned int q, u64 off,
			  unsigned int reg, u32 val)
{
	struct net_rxq *rq = &n->rxq[q];

	mutex_lock(&n->rx_lock);
	switch (reg) {
	case MDEV_SIM_NET_RXQ_BASE_LO:
	case MDEV_SIM_NET_RXQ_BASE_HI:
	case MDEV_SIM_NET_RXQ_SIZE:
		if (rq->enabled)
			net_refuse(n, off, EBUSY);
		else if (reg == MDEV_SIM_NET_RXQ_BASE_LO)
			mdev_sim_set_lo(&rq->base, val);
		else if (reg == MDEV_SIM_NET_RXQ_BASE_HI)
			mdev_sim_set_hi(&rq->base, val);
		else
			rq->size = val;
		break;
	case MDEV_SIM_NET_RXQ_CTRL:
		net_rxq_ctrl(n, q, off, val);
		break;
	case MDEV_SIM_NET_RXQ_IRQ_ARM:
		net_rxq_arm(n, q, off, val);
		break;
	case MDEV_SIM_NET_RXQ_IRQ_DISARM:
		rq->irq_armed = false;
		break;
	}
	mutex_unlock(&n->rx_lock);
}

static void net_txq_write(struct mdev_sim_net *n, unsigned int q, u64 off,
			  unsigned int reg, u32 val)
{
	struct net_txq *tq = &n->txq[q];

	switch (reg) {
	case MDEV_SIM_NET_TXQ_BASE_LO:
	case MDEV_SIM_NET_TXQ_BASE_HI:
	case MDEV_SIM_NET_TXQ_SIZE:
		if (tq->enabled)
			net_refuse(n, off, EBUSY);
		else if (reg == MDEV_SIM_NET_TXQ_BASE_LO)
			mdev_sim_set_lo(&tq->base, val);
		else if (reg == MDEV_SIM_NET_TXQ_BASE_HI)
			mdev_sim_set_hi(&tq->base, val);
		else
			tq->size = val;
		break;
	case MDEV_SIM_NET_TXQ_CTRL:
		if (!!(val & MDEV_SIM_NET_QCTRL_ENABLE) == tq->enabled)
			break;
		if (!tq->enabled && !net_ring_valid(tq->base, tq->size)) {
			net_refuse(n, off, EINVAL);
			break;
		}
		tq->enabled = !tq->enabled;
		tq->head = 0;
		tq->last_start = 0;
		tq->last_end = 0;
		net_st_set32(n, MDEV_SIM_NET_ST_Q(q, MDEV_SIM_NET_ST_TX_CONS), 0);
		break;
	case MDEV_SIM_NET_TXQ_TAIL:
		net_tx_doorbell(n, q, off, val);
		break;
	}
}

static void net_mac_write(struct mdev_sim_net *n, bool hi, u32 val)
{
	if (hi) {
		n->mac[4] = val;
		n->mac[5] = val >> 8;
	} else {
		n->mac[0] = val;
		n->mac[1] = val >> 8;
		n->mac[2] = val >> 16;
		n->mac[3] = val >> 24;
	}
}

static u32 mac_lo(const u8 *mac)
{
	return mac[0] | mac[1] << 8 | mac[2] << 16 | (u32)mac[3] << 24;
}

static u32 mac_hi(const u8 *mac)
{
	return mac[4] | mac[5] << 8;
}

static void net_reg_write(struct mdev_sim_net *n, u64 off, u32 val)
{
	unsigned int q, reg;

	switch (off) {
	case MDEV_SIM_NET_REG_CTRL:
		mutex_lock(&n->rx_lock);
		n->ctrl = val & (MDEV_SIM_NET_CTRL_PROMISC |
				 MDEV_SIM_NET_CTRL_ALLMULTI);
		mutex_unlock(&n->rx_lock);
		return;
	case MDEV_SIM_NET_REG_MTU:
		if (val < MDEV_SIM_NET_MTU_MIN || val > MDEV_SIM_NET_MTU_MAX) {
			net_refuse(n, off, EINVAL);
			return;
		}
		mutex_lock(&n->rx_lock);
		n->mtu = val;
		mutex_unlock(&n->rx_lock);
		return;
	case MDEV_SIM_NET_REG_MAC_LO:
	case MDEV_SIM_NET_REG_MAC_HI:
		mutex_lock(&n->rx_lock);
		net_mac_write(n, off == MDEV_SIM_NET_REG_MAC_HI, val);
		mutex_unlock(&n->rx_lock);
		return;
	case MDEV_SIM_NET_REG_BENCH_QUEUE:
		n->bench_queue = val;
		return;
	case MDEV_SIM_NET_REG_BENCH_RUN:
		net_bench(n, off, val);
		return;
	}

	if (off < MDEV_SIM_NET_QREG_BASE ||
	    off >= MDEV_SIM_NET_QREG(NET_NQ, 0))
		return;
	q = (off - MDEV_SIM_NET_QREG_BASE) / MDEV_SIM_NET_QREG_STRIDE;
	reg = (off - MDEV_SIM_NET_QREG_BASE) % MDEV_SIM_NET_QREG_STRIDE;
	switch (reg) {
	case MDEV_SIM_NET_RXQ_BASE_LO:
	case MDEV_SIM_NET_RXQ_BASE_HI:
	case MDEV_SIM_NET_RXQ_SIZE:
	case MDEV_SIM_NET_RXQ_CTRL:
	case MDEV_SIM_NET_RXQ_IRQ_ARM:
	case MDEV_SIM_NET_RXQ_IRQ_DISARM:
		net_rxq_write(n, q, off, reg, val);
		break;
	default:
		net_txq_write(n, q, off, reg, val);
		break;
	}
}

static u32 net_qreg_read(struct mdev_sim_net *n, unsigned int q,
			 unsigned int reg)
{
	const struct net_rxq *rq = &n->rxq[q];
	const struct net_txq *tq = &n->txq[q];

	switch (reg) {
	case MDEV_SIM_NET_RXQ_BASE_LO:
		return lower_32_bits(rq->base);
	case MDEV_SIM_NET_RXQ_BASE_HI:
		return upper_32_bits(rq->base);
	case MDEV_SIM_NET_RXQ_SIZE:
		return rq->size;
	case MDEV_SIM_NET_RXQ_CTRL:
		return rq->enabled ? MDEV_SIM_NET_QCTRL_ENABLE : 0;
	case MDEV_SIM_NET_TXQ_BASE_LO:
		return lower_32_bits(tq->base);
	case MDEV_SIM_NET_TXQ_BASE_HI:
		return upper_32_bits(tq->base);
	case MDEV_SIM_NET_TXQ_SIZE:
		return tq->size;
	case MDEV_SIM_NET_TXQ_CTRL:
		return tq->enabled ? MDEV_SIM_NET_QCTRL_ENABLE : 0;
	}
	return 0;
}

static u32 net_reg_read(struct mdev_sim_net *n, u64 off)
{
	switch (off) {
	case MDEV_SIM_NET_REG_ID:
		return MDEV_SIM_NET_ID_MAGIC;
	case MDEV_SIM_NET_REG_VERSION:
		return MDEV_SIM_NET_VERSION;
	case MDEV_SIM_NET_REG_MAX_QUEUES:
		return NET_NQ;
	case MDEV_SIM_NET_REG_MAX_FRAME:
		return MDEV_SIM_NET_FRAME_MAX;
	case MDEV_SIM_NET_REG_CTRL:
		return n->ctrl;
	case MDEV_SIM_NET_REG_STATUS:
		return n->link_up ? MDEV_SIM_NET_STATUS_LINK_UP : 0;
	case MDEV_SIM_NET_REG_MTU:
		return n->mtu;
	case MDEV_SIM_NET_REG_MAC_LO:
		return mac_lo(n->mac);
	case MDEV_SIM_NET_REG_MAC_HI:
		return mac_hi(n->mac);
	case MDEV_SIM_NET_REG_PERM_MAC_LO:
		return mac_lo(n->perm_mac);
	case MDEV_SIM_NET_REG_PERM_MAC_HI:
		return mac_hi(n->perm_mac);
	case MDEV_SIM_NET_REG_ERROR:
		return n->error;
	case MDEV_SIM_NET_REG_BENCH_QUEUE:
		return n->bench_queue;
	case MDEV_SIM_NET_REG_BENCH_NS_LO:
		return lower_32_bits(n->bench_ns);
	case MDEV_SIM_NET_REG_BENCH_NS_HI:
		return upper_32_bits(n->bench_ns);
	case MDEV_SIM_NET_REG_BENCH_PKTS_LO:
		return lower_32_bits(n->bench_pkts);
	case MDEV_SIM_NET_REG_BENCH_PKTS_HI:
		return upper_32_bits(n->bench_pkts);
	case MDEV_SIM_NET_REG_BENCH_BYTES_LO:
		return lower_32_bits(n->bench_bytes);
	case MDEV_SIM_NET_REG_BENCH_BYTES_HI:
		return upper_32_bits(n->bench_bytes);
	}
	if (off >= MDEV_SIM_NET_QREG_BASE && off < MDEV_SIM_NET_QREG(NET_NQ, 0))
		return net_qreg_read(n,
			(off - MDEV_SIM_NET_QREG_BASE) / MDEV_SIM_NET_QREG_STRIDE,
			(off - MDEV_SIM_NET_QREG_BASE) % MDEV_SIM_NET_QREG_STRIDE);
	return 0;
}

static int net_bar_read(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
			u32 *val, unsigned int size)
{
	if (bar != 0 || size != 4)
		return -EINVAL;
	*val = net_reg_read(mdev_sim_pci_priv(pci), off);
	return 0;
}

static int net_bar_write(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
			 u32 val, unsigned int size)
{
	struct mdev_sim_net *n = mdev_sim_pci_priv(pci);

	if (bar != 0 || size != 4)
		return -EINVAL;
	n->irq_live = true;
	net_reg_write(n, off, val);
	return 0;
}

/* ---- link and wiring ---- */

/* Under the wiring lock (mdev_sim_wire.c), ordered before the device's. */
static void net_link_update(struct mdev_sim_wire *w, bool up)
{
	struct mdev_sim_net *n = container_of(w, struct mdev_sim_net, wire);
	struct mdev_sim_dev *sdev = mdev_sim_pci_sdev(n->pci);
	__le32 *lsc;

	mutex_lock(&sdev->lock);
	if (up != n->link_up) {
		n->link_up = up;
		net_st_set32(n, MDEV_SIM_NET_ST_LINK,
			     up ? MDEV_SIM_NET_STATUS_LINK_UP : 0);
		lsc = net_st(n, MDEV_SIM_NET_ST_LSC_COUNT);
		WRITE_ONCE(*lsc, cpu_to_le32(le32_to_cpu(READ_ONCE(*lsc)) + 1));
		/* Closed, or MSI-X not set up: the change is just lost. */
		mdev_sim_pci_raise_irq(n->pci, VFIO_PCI_MSIX_IRQ_INDEX,
				       MDEV_SIM_NET_VEC_LSC);
	}
	mutex_unlock(&sdev->lock);
}

static struct mdev_sim_net *dev_to_net(struct device *dev)
{
	struct mdev_sim_dev *sdev = dev_get_drvdata(dev);

	return mdev_sim_pci_priv(sdev->priv);
}

static ssize_t peer_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return mdev_sim_wire_peer_show(&dev_to_net(dev)->wire, buf);
}

static ssize_t peer_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	int ret = mdev_sim_wire_peer_store(&dev_to_net(dev)->wire, buf);

	return ret ? ret : count;
}
static DEVICE_ATTR_RW(peer);

static ssize_t link_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return mdev_sim_wire_link_show(&dev_to_net(dev)->wire, buf);
}

static ssize_t link_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	int ret = mdev_sim_wire_link_store(&dev_to_net(dev)->wire, buf);

	return ret ? ret : count;
}
static DEVICE_ATTR_RW(link);

static struct attribute *net_attrs[] = {
	&dev_attr_peer.attr,
	&dev_attr_link.attr,
	NULL,
};

static const struct attribute_group net_attr_group = {
	.attrs = net_attrs,
};

static const struct attribute_group *net_attr_groups[] = {
	&net_attr_group,
	NULL,
};

static struct mdev_sim_net *sdev_to_net(struct mdev_sim_dev *sdev)
{
	return mdev_sim_pci_priv(sdev->priv);
}

static int net_attach(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_net *n = sdev_to_net(sdev);
	int ret;

	mdev_sim_wire_attach(&n->wire);
	ret = device_add_groups(mdev_sim_dev_to_dev(sdev), net_attr_groups);
	if (ret)
		mdev_sim_wire_detach(&n->wire);
	return ret;
}

/* While userspace keeps the device open, it loops back to itself. */
static void net_detach(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_net *n = sdev_to_net(sdev);

	device_remove_groups(mdev_sim_dev_to_dev(sdev), net_attr_groups);
	mdev_sim_wire_detach(&n->wire);
}

/* ---- lifetime ---- */

static void net_reset(struct mdev_sim_pci *pci)
{
	struct mdev_sim_net *n = mdev_sim_pci_priv(pci);

	mutex_lock(&n->rx_lock);
	memset(n->rxq, 0, sizeof(n->rxq));
	n->ctrl = 0;
	n->mtu = MDEV_SIM_NET_MTU_DEFAULT;
	ether_addr_copy(n->mac, n->perm_mac);
	/* A sender may have written here since the core cleared the BAR. */
	memset(net_st(n, 0), 0, MDEV_SIM_NET_STATUS_SIZE);
	net_st_set32(n, MDEV_SIM_NET_ST_LINK,
		     n->link_up ? MDEV_SIM_NET_STATUS_LINK_UP : 0);
	/* Interrupts queued by senders belong to the life before. */
	n->irq_pending = 0;
	mutex_unlock(&n->rx_lock);

	memset(n->txq, 0, sizeof(n->txq));
	n->error = 0;
	n->bench_queue = 0;
	n->bench_ns = 0;
	n->bench_pkts = 0;
	n->bench_bytes = 0;
	n->irq_live = false;
}

static int net_init(struct mdev_sim_pci *pci)
{
	struct mdev_sim_net *n = mdev_sim_pci_priv(pci);
	struct mdev_device *mdev = to_mdev_device(mdev_sim_pci_to_dev(pci));

	n->frame = kmalloc(MDEV_SIM_NET_FRAME_MAX, GFP_KERNEL_ACCOUNT);
	if (!n->frame)
		return -ENOMEM;
	n->pci = pci;
	mdev_sim_wire_init(&n->wire, &net_wires, &mdev->uuid);
	/* Locally administered unicast, stable for a given UUID. */
	n->perm_mac[0] = 0x02;
	memcpy(&n->perm_mac[1], &mdev->uuid.b[11], ETH_ALEN - 1);
	mutex_init(&n->rx_lock);
	INIT_WORK(&n->irq_work, net_irq_work);
	n->link_up = true;
	return 0;
}

static void net_fini(struct mdev_sim_pci *pci)
{
	struct mdev_sim_net *n = mdev_sim_pci_priv(pci);

	/* Detached and closed: nothing can queue the work any more. */
	cancel_work_sync(&n->irq_work);
	mutex_destroy(&n->rx_lock);
	kfree(n->frame);
}

static const struct mdev_sim_pci_model mdev_sim_net_model = {
	.vendor			= MDEV_SIM_PCI_VENDOR_ID,
	.device			= MDEV_SIM_NET_DEVICE_ID,
	.subsystem_vendor	= MDEV_SIM_PCI_SUBSYS_VENDOR_ID,
	.subsystem_device	= MDEV_SIM_NET_DEVICE_ID,
	.revision		= MDEV_SIM_NET_REVISION,
	.class_code		= MDEV_SIM_PCI_CLASS_OTHER,
	.bar = {
		[0] = {
			.size		= MDEV_SIM_NET_BAR0_SIZE,
			.mmap_offset	= MDEV_SIM_NET_STATUS_OFFSET,
			.mmap_size	= MDEV_SIM_NET_STATUS_SIZE,
		},
	},
	.msix_vectors		= MDEV_SIM_NET_MSIX_VECTORS,
	.msix_bar		= MDEV_SIM_NET_MSIX_BAR,
	.msix_table_offset	= MDEV_SIM_NET_MSIX_TABLE,
	.msix_pba_offset	= MDEV_SIM_NET_MSIX_PBA,
	.priv_size		= sizeof(struct mdev_sim_net),
	.init			= net_init,
	.fini			= net_fini,
	.reset			= net_reset,
	.bar_read		= net_bar_read,
	.bar_write		= net_bar_write,
};

struct mdev_sim_type mdev_sim_net_type = {
	.mtype = {
		.sysfs_name	= "net",
		.pretty_name	= "mdev_sim network function",
	},
	.family		= &mdev_sim_pci_family,
	.model		= &mdev_sim_net_model,
	.description	= "Ethernet function: 4 queue pairs, wired to a peer through sysfs",
	.attach		= net_attach,
	.detach		= net_detach,
};
