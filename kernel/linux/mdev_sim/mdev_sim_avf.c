// SPDX-License-Identifier: GPL-2.0
/*
 * mdev_sim-avf: an Ethernet function with the programming interface of an
 * Intel Adaptive Virtual Function (AVF, 8086:1889), complete enough for an
 * unmodified AVF driver: the admin queue with the virtchnl messages of a VF
 * granted only L2 (and optionally WB_ON_ITR), up to four queue pairs with
 * legacy 32-byte RX and 16-byte TX descriptors, MAC filters, promiscuous
 * modes, statistics and link events. mdev_sim_avf_hw.h has the numbers and
 * doc/guides/mdev_sim/avf_device.rst the behaviour.
 *
 * The driver writes its registers by pointer into BAR0, which is memory
 * shared with the device, so no register access traps. Instead, a kernel
 * thread per open device polls that page: the admin send queue, the TX
 * tails and the interrupt enables. It sleeps between rounds, briefly while
 * there is work and longer when there is none, so that an idle device
 * costs little CPU in a small guest.
 *
 * Every value in BAR0 and in guest memory is the driver's and may be
 * anything: the thread keeps the authoritative ring indexes itself, treats
 * the shared ones as hints, validates each message and descriptor, and
 * counts what it refuses (sysfs "counters").
 *
 * Locking. Each round of the thread runs under the device lock, which
 * serialises it with open, close, reset and interrupt setup. TX queue q
 * moves frames into RX queue q of the device it is wired to (sysfs "peer",
 * itself when unwired) under that receiver's rx_lock, which guards all the
 * receive side: RX queues, filters, and receive statistics. The thread
 * takes the device lock and then an rx_lock, never the reverse, so two
 * wired devices sending to each other cannot deadlock. The wiring changes
 * under the wiring lock (mdev_sim_wire.c) and senders read it under SRCU,
 * which keeps a receiver alive until detach has synchronised. close stops the thread
 * while holding the device lock, so the thread only ever tries that lock.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/kthread.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/sysfs.h>
#include <linux/types.h>

#include <linux/avf/virtchnl.h>

#include "mdev_sim.h"
#include "mdev_sim_avf_hw.h"

#define AVF_NQ			MDEV_SIM_AVF_MAX_QUEUES
#define AVF_REPLY_MAX		128	/* largest message the device sends */
#define AVF_REPLY_SLOTS		16	/* messages waiting for ARQ room */
#define AVF_TX_BATCH		64	/* TX descriptors fetched per DMA */
#define AVF_TX_BUDGET		256	/* TX descriptors per queue per round */
#define AVF_ASQ_BUDGET		32	/* ASQ descriptors per round */
#define AVF_CAPS_SUPPORTED	(VIRTCHNL_VF_OFFLOAD_L2 | \
				 VIRTCHNL_VF_OFFLOAD_WB_ON_ITR)
#define AVF_STAT48		GENMASK_ULL(47, 0)
#define AVF_STAT32		GENMASK_ULL(31, 0)

/* Polling policy, in microseconds. */
#define AVF_POLL_BUSY_US	20	/* work was done, or just was */
#define AVF_POLL_IDLE_US	2000	/* a TX queue on, but quiet for a while */
#define AVF_POLL_AQ_US		5000	/* only the admin queue on, quiet */
#define AVF_POLL_OFF_US		10000	/* nothing enabled */
#define AVF_POLL_MID_US		200	/* quiet for a short while */
#define AVF_POLL_BUSY_ROUNDS	64	/* quiet rounds before backing off */
#define AVF_POLL_MID_ROUNDS	256

/* The module's virtchnl.h and the shared header describe the same bytes. */
static_assert(sizeof(struct mdev_sim_avf_aq_desc) == MDEV_SIM_AVF_AQ_DESC_SIZE);
static_assert(sizeof(struct mdev_sim_avf_rx_desc) == MDEV_SIM_AVF_RX_DESC_SIZE);
static_assert(sizeof(struct mdev_sim_avf_tx_desc) == MDEV_SIM_AVF_TX_DESC_SIZE);
static_assert(sizeof(struct mdev_sim_avf_vc_pf_event) ==
	      sizeof(struct virtchnl_pf_event));
static_assert(sizeof(struct mdev_sim_avf_vc_vsi_resource) ==
	      sizeof(struct virtchnl_vsi_resource));
static_assert(sizeof(struct mdev_sim_avf_vc_vf_resource) ==
	      offsetof(struct virtchnl_vf_resource, vsi_res));
static_assert(sizeof(struct mdev_sim_avf_vc_queue_pair_info) ==
	      sizeof(struct virtchnl_queue_pair_info));
static_assert(sizeof(struct mdev_sim_avf_vc_eth_stats) == 96);
static_assert(MDEV_SIM_AVF_VC_LINK_SPEED_10GB == VIRTCHNL_LINK_SPEED_10GB);
static_assert(MDEV_SIM_AVF_VC_ERR_NOT_SUPPORTED ==
	      VIRTCHNL_STATUS_ERR_NOT_SUPPORTED);

/* What the device refused, by kind (sysfs "counters"). */
enum avf_cnt {
	AVF_CNT_MSG_INVALID,	/* message length or format */
	AVF_CNT_MSG_UNSUPPORTED,	/* opcode not implemented or granted */
	AVF_CNT_MSG_PARAM,	/* a value in a message */
	AVF_CNT_AQ_REG,		/* admin queue length, base, head or tail */
	AVF_CNT_AQ_DESC,	/* admin send queue descriptor */
	AVF_CNT_ARQ_SHORT,	/* reply larger than the posted buffer */
	AVF_CNT_ARQ_OVERFLOW,	/* replies lost: the ARQ stayed full */
	AVF_CNT_DMA,		/* unmapped or unwritable IOVA */
	AVF_CNT_TAIL,		/* QTX_TAIL/QRX_TAIL beyond the ring */
	AVF_CNT_TX_DESC,	/* TX descriptor type or buffer size */
	AVF_CNT_TX_FRAME,	/* TX frame too short or too long */
	AVF_CNT_TX_LINK_DOWN,	/* TX frame dropped: link down */
	AVF_CNT_RX_NO_QUEUE,	/* frame for a receiver with no queue on */
	AVF_CNT_RX_FILTERED,	/* frame for another MAC address */
	AVF_CNT_RX_TOO_LONG,	/* frame over max_pkt_size or the ring */
	AVF_CNT_NR,
};

static const char *const avf_cnt_names[AVF_CNT_NR] = {
	[AVF_CNT_MSG_INVALID]		= "msg_invalid",
	[AVF_CNT_MSG_UNSUPPORTED]	= "msg_unsupported",
	[AVF_CNT_MSG_PARAM]		= "msg_param",
	[AVF_CNT_AQ_REG]		= "aq_reg",
	[AVF_CNT_AQ_DESC]		= "aq_desc",
	[AVF_CNT_ARQ_SHORT]		= "arq_short",
	[AVF_CNT_ARQ_OVERFLOW]		= "arq_overflow",
	[AVF_CNT_DMA]			= "dma",
	[AVF_CNT_TAIL]			= "tail",
	[AVF_CNT_TX_DESC]		= "tx_desc",
	[AVF_CNT_TX_FRAME]		= "tx_frame",
	[AVF_CNT_TX_LINK_DOWN]		= "tx_link_down",
	[AVF_CNT_RX_NO_QUEUE]		= "rx_no_queue",
	[AVF_CNT_RX_FILTERED]		= "rx_filtered",
	[AVF_CNT_RX_TOO_LONG]		= "rx_too_long",
};

/* One admin queue as the device sees it. */
struct avf_aq {
	bool live;		/* enabled with a usable length and base */
	u32 len;
	u64 base;
	u32 head;		/* authoritative; published to ATQH/ARQH */
	u64 bad_seen;		/* last refused length/base, counted once */
	u32 bad_tail;		/* last refused tail + 1, counted once */
};

struct avf_txq {
	u64 base;
	u32 len;		/* 0: not configured */
	bool enabled;
	u32 head;
	u32 bad_tail;		/* last refused tail + 1 */
};

struct avf_rxq {
	u64 base;
	u32 len;		/* 0: not configured */
	u32 buf_size;
	u32 max_pkt;
	bool enabled;
	u32 head;
	u32 bad_tail;
};

struct avf_reply {
	u32 op;
	s32 status;
	u32 len;
	u8 data[AVF_REPLY_MAX];
};

struct mdev_sim_avf {
	struct mdev_sim_pci *pci;
	u8 perm_mac[ETH_ALEN];
	atomic64_t cnt[AVF_CNT_NR];

	struct mdev_sim_wire wire;	/* sysfs peer and link */
	/* Written under the wiring lock, read anywhere. */
	bool link_up;
	/* sysfs wb_on_itr: offer WB_ON_ITR from the next open */
	bool offer_wb_on_itr;

	/* Under the device lock. */
	struct task_struct *thread;
	u32 supported_caps;	/* offer_wb_on_itr sampled at open */
	u32 caps;		/* granted by GET_VF_RESOURCES */
	struct virtchnl_version_info vf_ver;
	bool resources_sent;	/* events may be sent */
	bool link_reported;	/* the link state the driver was told */
	bool link_event;	/* a LINK_CHANGE event is due */
	bool irq0_pending;	/* an ARQ message not yet signalled */
	struct avf_aq atq, arq;
	struct avf_reply reply[AVF_REPLY_SLOTS];
	unsigned int reply_first, reply_count;
	struct avf_txq txq[AVF_NQ];
	u8 *msg;		/* an ASQ message buffer */
	u8 *frame;		/* a TX frame gathered from its buffers */
	struct mdev_sim_avf_tx_desc tx_cache[AVF_TX_BATCH];
	struct mdev_sim_avf_tx_desc tx_done[AVF_TX_BATCH];

	/* The receive side: under rx_lock (see the locking rules above). */
	struct mutex rx_lock;
	struct avf_rxq rxq[AVF_NQ];
	u8 macs[MDEV_SIM_AVF_MAX_MACS][ETH_ALEN];
	unsigned int nr_macs;
	u16 promisc;
	/* all under rx_lock: senders update rx_*, the owner tx_* */
	struct mdev_sim_avf_vc_eth_stats stats;
};

static void avf_link_update(struct mdev_sim_wire *w, bool up);

DEFINE_STATIC_SRCU(avf_srcu);
static struct mdev_sim_wire_set avf_wires = {
	.devices	= LIST_HEAD_INIT(avf_wires.devices),
	.lock		= __MUTEX_INITIALIZER(avf_wires.lock),
	.srcu		= &avf_srcu,
	.link_update	= avf_link_update,
};

static void avf_count(struct mdev_sim_avf *a, enum avf_cnt c)
{
	atomic64_inc(&a->cnt[c]);
}

/* ---- BAR0: memory shared with the driver ---- */

static __le32 *avf_reg_ptr(struct mdev_sim_avf *a, u32 off)
{
	return mdev_sim_pci_bar_mem(a->pci, 0) + off;
}

static u32 avf_rd(struct mdev_sim_avf *a, u32 off)
{
	return le32_to_cpu(READ_ONCE(*avf_reg_ptr(a, off)));
}

/* Orders what the value covers (descriptors) after its read. */
static u32 avf_rd_acquire(struct mdev_sim_avf *a, u32 off)
{
	return le32_to_cpu(smp_load_acquire(avf_reg_ptr(a, off)));
}

static void avf_wr(struct mdev_sim_avf *a, u32 off, u32 val)
{
	WRITE_ONCE(*avf_reg_ptr(a, off), cpu_to_le32(val));
}

/* Orders the DMA writes the value publishes before it. */
static void avf_wr_release(struct mdev_sim_avf *a, u32 off, u32 val)
{
	smp_store_release(avf_reg_ptr(a, off), cpu_to_le32(val));
}

static int avf_dma(struct mdev_sim_avf *a, u64 iova, void *buf, size_t len,
		   bool write)
{
	int ret = mdev_sim_pci_dma_rw(a->pci, iova, buf, len, write);

	if (ret)
		avf_count(a, AVF_CNT_DMA);
	return ret;
}

/* ---- admin receive queue: messages to the driver ---- */

static bool avf_reply_room(struct mdev_sim_avf *a, unsigned int n)
{
	return a->reply_count + n <= AVF_REPLY_SLOTS;
}

static void avf_queue_msg(struct mdev_sim_avf *a, u32 op, s32 status,
			  const void *data, u32 len)
{
	struct avf_reply *r;

	if (WARN_ON_ONCE(len > AVF_REPLY_MAX))
		return;
	if (!avf_reply_room(a, 1)) {
		avf_count(a, AVF_CNT_ARQ_OVERFLOW);
		return;
	}
	r = &a->reply[(a->reply_first + a->reply_count) % AVF_REPLY_SLOTS];
	r->op = op;
	r->status = status;
	r->len = len;
	if (len)
		memcpy(r->data, data, len);
	a->reply_count++;
}

static void avf_queue_link_event(struct mdev_sim_avf *a)
{
	struct mdev_sim_avf_vc_pf_event ev = {
		.event = VIRTCHNL_EVENT_LINK_CHANGE,
		.link_speed = VIRTCHNL_LINK_SPEED_10GB,
	};
	bool up = READ_ONCE(a->link_up);

	ev.link_status = up;
	a->link_reported = up;
	a->link_event = false;
	avf_queue_msg(a, VIRTCHNL_OP_EVENT, 0, &ev, sizeof(ev));
}

/*
 * Brings an admin queue's view up to date with its registers. The driver
 * enables a queue (LEN) before it writes the base, so a zero or changing
 * base is a queue being set up, not an error; a changed ring starts over
 * at index 0.
 */
static bool avf_aq_sync(struct mdev_sim_avf *a, struct avf_aq *q, u32 len_reg,
			u32 bal_reg, u32 bah_reg, u32 head_reg)
{
	u32 lenv = avf_rd(a, len_reg);
	u32 len = lenv & MDEV_SIM_AVF_AQLEN_MASK;
	u64 base = (u64)avf_rd(a, bah_reg) << 32 | avf_rd(a, bal_reg);

	if (!(lenv & MDEV_SIM_AVF_AQLEN_ENABLE) || !base) {
		q->live = false;
		return false;
	}
	if (!len || !IS_ALIGNED(base, MDEV_SIM_AVF_AQ_DESC_SIZE) ||
	    base + (u64)len * MDEV_SIM_AVF_AQ_DESC_SIZE - 1 < base) {
		u64 seen = base ^ ((u64)lenv << 1);

		if (seen != q->bad_seen) {
			q->bad_seen = seen;
			avf_count(a, AVF_CNT_AQ_REG);
		}
		q->live = false;
		return false;
	}
	/*
	 * Only the device moves the head register; a driver sets its queue
	 * up again by zeroing it, possibly without dropping ENABLE long
	 * enough for a round to notice, or changing the ring.
	 */
	if (!q->live || q->len != len || q->base != base ||
	    avf_rd(a, head_reg) != q->head) {
		q->live = true;
		q->len = len;
		q->base = base;
		q->head = 0;
		q->bad_tail = 0;
		avf_wr(a, head_reg, 0);
	}
	return true;
}

/* A tail register value, or -1 when it lies outside the ring. */
static int avf_aq_tail(struct mdev_sim_avf *a, struct avf_aq *q, u32 reg)
{
	u32 tail = avf_rd_acquire(a, reg);

	if (tail >= q->len) {
		if (q->bad_tail != tail + 1) {
			q->bad_tail = tail + 1;
			avf_count(a, AVF_CNT_AQ_REG);
		}
		return -1;
	}
	return tail;
}

/* Copies one queued message into the next ARQ slot; false when none. */
static bool avf_arq_post(struct mdev_sim_avf *a, const struct avf_reply *r)
{
	struct avf_aq *q = &a->arq;
	struct mdev_sim_avf_aq_desc d;
	u64 slot = q->base + (u64)q->head * MDEV_SIM_AVF_AQ_DESC_SIZE;
	u16 flags = MDEV_SIM_AVF_AQ_FLAG_DD | MDEV_SIM_AVF_AQ_FLAG_CMP;
	u32 room;
	u64 buf;

	if (avf_dma(a, slot, &d, sizeof(d), false))
		return false;
	buf = (u64)le32_to_cpu(d.addr_high) << 32 | le32_to_cpu(d.addr_low);
	room = min_t(u32, le16_to_cpu(d.datalen), MDEV_SIM_AVF_AQ_BUF_MAX);
	if (!(le16_to_cpu(d.flags) & MDEV_SIM_AVF_AQ_FLAG_BUF))
		room = 0;
	if (r->len > room) {
		/* The message is lost; the driver sees the error. */
		avf_count(a, AVF_CNT_ARQ_SHORT);
		flags |= MDEV_SIM_AVF_AQ_FLAG_ERR;
		d.datalen = 0;
	} else {
		if (r->len && avf_dma(a, buf, (void *)r->data, r->len, true))
			flags |= MDEV_SIM_AVF_AQ_FLAG_ERR;
		d.datalen = cpu_to_le16(r->len);
		if (r->len)
			flags |= MDEV_SIM_AVF_AQ_FLAG_BUF;
	}
	d.flags = cpu_to_le16(flags);
	d.opcode = cpu_to_le16(MDEV_SIM_AVF_AQ_OP_SEND_TO_VF);
	d.retval = 0;
	d.cookie_high = cpu_to_le32(r->op);
	d.cookie_low = cpu_to_le32((u32)r->status);
	/* The buffer before the descriptor that hands it over. */
	smp_wmb();
	if (avf_dma(a, slot, &d, sizeof(d), true))
		return false;
	q->head = (q->head + 1) % q->len;
	avf_wr_release(a, MDEV_SIM_AVF_ARQH, q->head);
	a->irq0_pending = true;
	return true;
}

/* Moves queued messages to the ARQ while it has room; true if any moved. */
static bool avf_arq_flush(struct mdev_sim_avf *a)
{
	bool moved = false;
	int tail;

	if (!a->reply_count || !a->arq.live)
		return false;
	tail = avf_aq_tail(a, &a->arq, MDEV_SIM_AVF_ARQT);
	if (tail < 0)
		return false;
	/* Slots [head, tail) are the driver's posted buffers. */
	while (a->reply_count && a->arq.head != (u32)tail) {
		if (!avf_arq_post(a, &a->reply[a->reply_first]))
			break;
		a->reply_first = (a->reply_first + 1) % AVF_REPLY_SLOTS;
		a->reply_count--;
		moved = true;
	}
	return moved;
}

/*
 * ICR01.ADMINQ cannot clear on read in shared memory: it says that the ARQ
 * holds messages the driver has not returned, which is what the driver's
 * alarm asks before it drains the queue.
 */
static void avf_update_irq0(struct mdev_sim_avf *a)
{
	struct avf_aq *q = &a->arq;
	u32 tail = avf_rd(a, MDEV_SIM_AVF_ARQT);
	bool pending = q->live && tail < q->len &&
		       q->head != (tail + 1) % q->len;

	avf_wr(a, MDEV_SIM_AVF_ICR01, pending ? MDEV_SIM_AVF_ICR0_ADMINQ : 0);
	/* A driver that polled the messages away needs no interrupt. */
	if (!pending)
		a->irq0_pending = false;
	if (a->irq0_pending &&
	    (avf_rd(a, MDEV_SIM_AVF_ICR0_ENA1) & MDEV_SIM_AVF_ICR0_ADMINQ) &&
	    (avf_rd(a, MDEV_SIM_AVF_DYN_CTL01) &
	     MDEV_SIM_AVF_DYN_CTL01_INTENA)) {
		a->irq0_pending = false;
		/* Not set up by the driver: lost, as on hardware. */
		mdev_sim_pci_raise_irq(a->pci, VFIO_PCI_MSIX_IRQ_INDEX,
				       MDEV_SIM_AVF_VEC_ADMINQ);
	}
}

/* ---- virtchnl requests ---- */

static bool avf_vsi_ok(struct mdev_sim_avf *a, u16 vsi_id)
{
	if (vsi_id == MDEV_SIM_AVF_VSI_ID)
		return true;
	avf_count(a, AVF_CNT_MSG_PARAM);
	return false;
}

static bool avf_ring_ok(u32 len, u64 base, u32 desc_size)
{
	return len >= MDEV_SIM_AVF_RING_MIN && len <= MDEV_SIM_AVF_RING_MAX &&
	       !(len % MDEV_SIM_AVF_RING_MULTIPLE) && base &&
	       IS_ALIGNED(base, desc_size) &&
	       base + (u64)len * desc_size - 1 > base;
}

static void avf_vc_version(struct mdev_sim_avf *a, const u8 *msg)
{
	const struct virtchnl_version_info *v = (const void *)msg;
	struct virtchnl_version_info mine = {
		.major = VIRTCHNL_VERSION_MAJOR,
		.minor = VIRTCHNL_VERSION_MINOR,
	};

	/* The VF's version decides the format of its later messages. */
	a->vf_ver = *v;
	avf_queue_msg(a, VIRTCHNL_OP_VERSION, 0, &mine, sizeof(mine));
}

static void avf_vc_get_resources(struct mdev_sim_avf *a, const u8 *msg,
				 u16 len)
{
	u8 buf[sizeof(struct mdev_sim_avf_vc_vf_resource) +
	       sizeof(struct mdev_sim_avf_vc_vsi_resource)] = {};
	struct mdev_sim_avf_vc_vf_resource *res = (void *)buf;
	struct mdev_sim_avf_vc_vsi_resource *vsi = (void *)(res + 1);
	u32 requested;

	/* A 1.0 VF asks for nothing and gets the basic offloads. */
	if (len >= sizeof(u32))
		memcpy(&requested, msg, sizeof(u32));
	else
		requested = VIRTCHNL_VF_OFFLOAD_L2;
	a->caps = requested & a->supported_caps;

	res->num_vsis = 1;
	res->num_queue_pairs = AVF_NQ;
	res->max_vectors = MDEV_SIM_AVF_MSIX_VECTORS;
	res->max_mtu = MDEV_SIM_AVF_FRAME_MAX - ETH_HLEN - ETH_FCS_LEN;
	res->vf_cap_flags = a->caps;
	vsi->vsi_id = MDEV_SIM_AVF_VSI_ID;
	vsi->num_queue_pairs = AVF_NQ;
	vsi->vsi_type = VIRTCHNL_VSI_SRIOV;
	ether_addr_copy(vsi->default_mac_addr, a->perm_mac);
	avf_queue_msg(a, VIRTCHNL_OP_GET_VF_RESOURCES, 0, buf, sizeof(buf));

	/* Like a PF, tell the link state once the VF knows its resources. */
	a->resources_sent = true;
	a->link_event = true;
}

/* The first and last descriptor of a ring must be reachable. */
static bool avf_ring_mapped(struct mdev_sim_avf *a, u64 base, u32 len,
			    u32 desc_size)
{
	u8 probe[MDEV_SIM_AVF_RX_DESC_SIZE];

	return !avf_dma(a, base, probe, desc_size, false) &&
	       !avf_dma(a, base + (u64)(len - 1) * desc_size, probe, desc_size,
			false);
}

static s32 avf_vc_config_queues(struct mdev_sim_avf *a, const u8 *msg)
{
	const struct virtchnl_vsi_queue_config_info *qci = (const void *)msg;
	const struct virtchnl_queue_pair_info *qp;
	unsigned int i;

	if (!avf_vsi_ok(a, qci->vsi_id))
		return VIRTCHNL_STATUS_ERR_PARAM;
	if (qci->num_queue_pairs > AVF_NQ)
		goto bad;
	/* All or nothing: check every pair before changing any. */
	for (i = 0; i < qci->num_queue_pairs; i++) {
		qp = &qci->qpair[i];
		if (qp->txq.vsi_id != qci->vsi_id ||
		    qp->rxq.vsi_id != qci->vsi_id ||
		    qp->txq.queue_id >= AVF_NQ ||
		    qp->rxq.queue_id != qp->txq.queue_id ||
		    qp->txq.headwb_enabled)
			goto bad;
		if (a->txq[qp->txq.queue_id].enabled ||
		    a->rxq[qp->rxq.queue_id].enabled)
			goto bad;
		/* A zero ring length leaves that queue unconfigured. */
		if (qp->txq.ring_len &&
		    !avf_ring_ok(qp->txq.ring_len, qp->txq.dma_ring_addr,
				 MDEV_SIM_AVF_TX_DESC_SIZE))
			goto bad;
		if (qp->rxq.ring_len &&
		    (!avf_ring_ok(qp->rxq.ring_len, qp->rxq.dma_ring_addr,
				  MDEV_SIM_AVF_RX_DESC_SIZE) ||
		     qp->rxq.databuffer_size < MDEV_SIM_AVF_RX_BUF_MIN ||
		     qp->rxq.databuffer_size > MDEV_SIM_AVF_RX_BUF_MAX ||
		     qp->rxq.max_pkt_size < MDEV_SIM_AVF_PKT_MIN ||
		     qp->rxq.max_pkt_size > MDEV_SIM_AVF_FRAME_MAX))
			goto bad;
		/* Counted as DMA errors, not as parameters. */
		if ((qp->txq.ring_len &&
		     !avf_ring_mapped(a, qp->txq.dma_ring_addr,
				      qp->txq.ring_len,
				      MDEV_SIM_AVF_TX_DESC_SIZE)) ||
		    (qp->rxq.ring_len &&
		     !avf_ring_mapped(a, qp->rxq.dma_ring_addr,
				      qp->rxq.ring_len,
				      MDEV_SIM_AVF_RX_DESC_SIZE)))
			return VIRTCHNL_STATUS_ERR_PARAM;
	}

	mutex_lock(&a->rx_lock);
	for (i = 0; i < qci->num_queue_pairs; i++) {
		struct avf_txq *tq;
		struct avf_rxq *rq;

		qp = &qci->qpair[i];
		tq = &a->txq[qp->txq.queue_id];
		rq = &a->rxq[qp->rxq.queue_id];
		tq->len = qp->txq.ring_len;
		tq->base = qp->txq.dma_ring_addr;
		rq->len = qp->rxq.ring_len;
		rq->base = qp->rxq.dma_ring_addr;
		rq->buf_size = qp->rxq.databuffer_size;
		rq->max_pkt = qp->rxq.max_pkt_size;
	}
	mutex_unlock(&a->rx_lock);
	return 0;
bad:
	avf_count(a, AVF_CNT_MSG_PARAM);
	return VIRTCHNL_STATUS_ERR_PARAM;
}

static s32 avf_vc_irq_map(struct mdev_sim_avf *a, const u8 *msg)
{
	const struct virtchnl_irq_map_info *im = (const void *)msg;
	unsigned int i;

	if (im->num_vectors > MDEV_SIM_AVF_MSIX_VECTORS)
		goto bad;
	for (i = 0; i < im->num_vectors; i++) {
		const struct virtchnl_vector_map *m = &im->vecmap[i];

		if (m->vsi_id != MDEV_SIM_AVF_VSI_ID ||
		    m->vector_id >= MDEV_SIM_AVF_MSIX_VECTORS ||
		    m->rxq_map & ~GENMASK(AVF_NQ - 1, 0) ||
		    m->txq_map & ~GENMASK(AVF_NQ - 1, 0) ||
		    m->rxitr_idx > 3 || m->txitr_idx > 3)
			goto bad;
	}
	/* RX interrupts are not modelled: the map is only checked. */
	return 0;
bad:
	avf_count(a, AVF_CNT_MSG_PARAM);
	return VIRTCHNL_STATUS_ERR_PARAM;
}

static s32 avf_vc_queues(struct mdev_sim_avf *a, const u8 *msg, bool enable)
{
	const struct virtchnl_queue_select *qs = (const void *)msg;
	unsigned long rx = qs->rx_queues, tx = qs->tx_queues;
	unsigned int q;

	if (!avf_vsi_ok(a, qs->vsi_id))
		return VIRTCHNL_STATUS_ERR_PARAM;
	if ((!rx && !tx) || rx & ~GENMASK(AVF_NQ - 1, 0) ||
	    tx & ~GENMASK(AVF_NQ - 1, 0))
		goto bad;
	if (enable) {
		for_each_set_bit(q, &rx, AVF_NQ)
			if (!a->rxq[q].len)
				goto bad;
		for_each_set_bit(q, &tx, AVF_NQ)
			if (!a->txq[q].len)
				goto bad;
	}

	/*
	 * Under rx_lock: once the reply is out, no sender writes into the
	 * buffers of a queue it disabled.
	 */
	/* A queue already in the state asked for keeps its place. */
	mutex_lock(&a->rx_lock);
	for_each_set_bit(q, &rx, AVF_NQ) {
		if (a->rxq[q].enabled == enable)
			continue;
		a->rxq[q].enabled = enable;
		a->rxq[q].head = 0;
		a->rxq[q].bad_tail = 0;
	}
	mutex_unlock(&a->rx_lock);
	for_each_set_bit(q, &tx, AVF_NQ) {
		if (a->txq[q].enabled == enable)
			continue;
		a->txq[q].enabled = enable;
		a->txq[q].head = 0;
		a->txq[q].bad_tail = 0;
	}
	/* As a PF does: the link state after each enable. */
	if (enable)
		a->link_event = true;
	return 0;
bad:
	avf_count(a, AVF_CNT_MSG_PARAM);
	return VIRTCHNL_STATUS_ERR_PARAM;
}

static int avf_mac_find(const struct mdev_sim_avf *a, const u8 *mac)
{
	unsigned int i;

	for (i = 0; i < a->nr_macs; i++)
		if (ether_addr_equal(a->macs[i], mac))
			return i;
	return -1;
}

static s32 avf_vc_eth_addr(struct mdev_sim_avf *a, const u8 *msg, bool add)
{
	const struct virtchnl_ether_addr_list *al = (const void *)msg;
	unsigned int i, new = 0;
	s32 ret = 0;

	if (!avf_vsi_ok(a, al->vsi_id))
		return VIRTCHNL_STATUS_ERR_PARAM;
	for (i = 0; i < al->num_elements; i++)
		if (is_zero_ether_addr(al->list[i].addr))
			goto bad;

	mutex_lock(&a->rx_lock);
	if (add) {
		/* Room for all the new ones, or none is added. */
		for (i = 0; i < al->num_elements; i++) {
			const u8 *mac = al->list[i].addr;

			if (!is_broadcast_ether_addr(mac) &&
			    avf_mac_find(a, mac) < 0)
				new++;
		}
		if (a->nr_macs + new > MDEV_SIM_AVF_MAX_MACS) {
			ret = VIRTCHNL_STATUS_ERR_NO_MEMORY;
		} else {
			for (i = 0; i < al->num_elements; i++) {
				const u8 *mac = al->list[i].addr;

				if (!is_broadcast_ether_addr(mac) &&
				    avf_mac_find(a, mac) < 0)
					ether_addr_copy(a->macs[a->nr_macs++],
							mac);
			}
		}
	} else {
		for (i = 0; i < al->num_elements; i++) {
			int at = avf_mac_find(a, al->list[i].addr);

			if (at < 0)
				continue;
			a->nr_macs--;
			ether_addr_copy(a->macs[at], a->macs[a->nr_macs]);
		}
	}
	mutex_unlock(&a->rx_lock);
	if (ret)
		avf_count(a, AVF_CNT_MSG_PARAM);
	return ret;
bad:
	avf_count(a, AVF_CNT_MSG_PARAM);
	return VIRTCHNL_STATUS_ERR_PARAM;
}

static s32 avf_vc_promisc(struct mdev_sim_avf *a, const u8 *msg)
{
	const struct virtchnl_promisc_info *pi = (const void *)msg;

	if (!avf_vsi_ok(a, pi->vsi_id))
		return VIRTCHNL_STATUS_ERR_PARAM;
	if (pi->flags & ~(FLAG_VF_UNICAST_PROMISC | FLAG_VF_MULTICAST_PROMISC)) {
		avf_count(a, AVF_CNT_MSG_PARAM);
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	mutex_lock(&a->rx_lock);
	a->promisc = pi->flags;
	mutex_unlock(&a->rx_lock);
	return 0;
}

static void avf_vc_get_stats(struct mdev_sim_avf *a, const u8 *msg)
{
	const struct virtchnl_queue_select *qs = (const void *)msg;
	struct mdev_sim_avf_vc_eth_stats s;

	if (!avf_vsi_ok(a, qs->vsi_id)) {
		avf_queue_msg(a, VIRTCHNL_OP_GET_STATS,
			      VIRTCHNL_STATUS_ERR_PARAM, NULL, 0);
		return;
	}
	mutex_lock(&a->rx_lock);
	s = a->stats;
	mutex_unlock(&a->rx_lock);
	/* The widths of the hardware's counters. */
	s.rx_bytes &= AVF_STAT48;
	s.rx_unicast &= AVF_STAT48;
	s.rx_multicast &= AVF_STAT48;
	s.rx_broadcast &= AVF_STAT48;
	s.rx_discards &= AVF_STAT32;
	s.tx_bytes &= AVF_STAT48;
	s.tx_unicast &= AVF_STAT48;
	s.tx_multicast &= AVF_STAT48;
	s.tx_broadcast &= AVF_STAT48;
	s.tx_discards &= AVF_STAT32;
	s.tx_errors &= AVF_STAT32;
	avf_queue_msg(a, VIRTCHNL_OP_GET_STATS, 0, &s, sizeof(s));
}

static bool avf_op_known(u32 op)
{
	switch (op) {
	case VIRTCHNL_OP_VERSION:
	case VIRTCHNL_OP_RESET_VF:
	case VIRTCHNL_OP_GET_VF_RESOURCES:
	case VIRTCHNL_OP_CONFIG_VSI_QUEUES:
	case VIRTCHNL_OP_CONFIG_IRQ_MAP:
	case VIRTCHNL_OP_ENABLE_QUEUES:
	case VIRTCHNL_OP_DISABLE_QUEUES:
	case VIRTCHNL_OP_ADD_ETH_ADDR:
	case VIRTCHNL_OP_DEL_ETH_ADDR:
	case VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE:
	case VIRTCHNL_OP_GET_STATS:
		return true;
	}
	return false;
}

/* One virtchnl request; returns true when it was RESET_VF. */
static bool avf_vc_msg(struct mdev_sim_avf *a, u32 op, u8 *msg, u16 len)
{
	s32 ret;

	if (!avf_op_known(op)) {
		avf_count(a, AVF_CNT_MSG_UNSUPPORTED);
		avf_queue_msg(a, op, VIRTCHNL_STATUS_ERR_NOT_SUPPORTED, NULL, 0);
		return false;
	}
	/* The kernel's own rules for each message's length and counts. */
	ret = virtchnl_vc_validate_vf_msg(&a->vf_ver, op, msg, len);
	if (ret) {
		avf_count(a, AVF_CNT_MSG_INVALID);
		if (op != VIRTCHNL_OP_RESET_VF)
			avf_queue_msg(a, op, ret, NULL, 0);
		return false;
	}

	switch (op) {
	case VIRTCHNL_OP_VERSION:
		avf_vc_version(a, msg);
		return false;
	case VIRTCHNL_OP_RESET_VF:
		return true;
	case VIRTCHNL_OP_GET_VF_RESOURCES:
		avf_vc_get_resources(a, msg, len);
		return false;
	case VIRTCHNL_OP_GET_STATS:
		avf_vc_get_stats(a, msg);
		return false;
	case VIRTCHNL_OP_CONFIG_VSI_QUEUES:
		ret = avf_vc_config_queues(a, msg);
		break;
	case VIRTCHNL_OP_CONFIG_IRQ_MAP:
		ret = avf_vc_irq_map(a, msg);
		break;
	case VIRTCHNL_OP_ENABLE_QUEUES:
	case VIRTCHNL_OP_DISABLE_QUEUES:
		ret = avf_vc_queues(a, msg, op == VIRTCHNL_OP_ENABLE_QUEUES);
		break;
	case VIRTCHNL_OP_ADD_ETH_ADDR:
	case VIRTCHNL_OP_DEL_ETH_ADDR:
		ret = avf_vc_eth_addr(a, msg, op == VIRTCHNL_OP_ADD_ETH_ADDR);
		break;
	case VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE:
		ret = avf_vc_promisc(a, msg);
		break;
	}
	avf_queue_msg(a, op, ret, NULL, 0);
	return false;
}

/* ---- admin send queue ---- */

/*
 * Executes one ASQ descriptor and writes it back. Returns true when it
 * asked for a VF reset.
 */
static bool avf_asq_desc(struct mdev_sim_avf *a, struct mdev_sim_avf_aq_desc *d,
			 bool execute)
{
	u16 flags = le16_to_cpu(d->flags);
	u16 len = le16_to_cpu(d->datalen);
	u32 op = le32_to_cpu(d->cookie_high);
	bool reset = false;

	d->retval = 0;
	switch (le16_to_cpu(d->opcode)) {
	case MDEV_SIM_AVF_AQ_OP_QUEUE_SHUTDOWN:
		/* The driver is going away; nothing to undo here. */
		break;
	case MDEV_SIM_AVF_AQ_OP_SEND_TO_PF:
		if (!execute)
			break;
		if (len > MDEV_SIM_AVF_AQ_BUF_MAX ||
		    (len && !(flags & MDEV_SIM_AVF_AQ_FLAG_BUF))) {
			avf_count(a, AVF_CNT_AQ_DESC);
			avf_queue_msg(a, op, VIRTCHNL_STATUS_ERR_PARAM, NULL, 0);
			break;
		}
		if (len && avf_dma(a, (u64)le32_to_cpu(d->addr_high) << 32 |
				   le32_to_cpu(d->addr_low), a->msg, len, false)) {
			avf_queue_msg(a, op, VIRTCHNL_STATUS_ERR_PARAM, NULL, 0);
			break;
		}
		reset = avf_vc_msg(a, op, a->msg, len);
		break;
	default:
		avf_count(a, AVF_CNT_AQ_DESC);
		flags |= MDEV_SIM_AVF_AQ_FLAG_ERR;
		d->retval = cpu_to_le16(MDEV_SIM_AVF_AQ_RC_ENOSYS);
		break;
	}
	d->flags = cpu_to_le16(flags | MDEV_SIM_AVF_AQ_FLAG_DD |
			       MDEV_SIM_AVF_AQ_FLAG_CMP);
	return reset;
}

/*
 * Consumes ASQ descriptors [head, ATQT) while there is room for their
 * replies. Returns true if it did anything; *reset tells a RESET_VF.
 * After a RESET_VF the descriptors already queued are completed without
 * being executed, so that a synchronous command behind it (the driver's
 * queue shutdown at close) does not wait for its timeout.
 */
static bool avf_asq_run(struct mdev_sim_avf *a, bool *reset)
{
	struct avf_aq *q = &a->atq;
	struct mdev_sim_avf_aq_desc d;
	unsigned int n = 0;
	bool busy = false;
	int tail;

	*reset = false;
	if (!q->live)
		return false;
	tail = avf_aq_tail(a, q, MDEV_SIM_AVF_ATQT);
	if (tail < 0)
		return false;
	while (q->head != (u32)tail && n++ < AVF_ASQ_BUDGET) {
		u64 slot = q->base + (u64)q->head * MDEV_SIM_AVF_AQ_DESC_SIZE;

		/* A request and one event may each need a reply slot. */
		if (!*reset && !avf_reply_room(a, 2))
			break;
		if (avf_dma(a, slot, &d, sizeof(d), false))
			break;
		if (avf_asq_desc(a, &d, !*reset))
			*reset = true;
		if (avf_dma(a, slot, &d, sizeof(d), true))
			break;
		q->head = (q->head + 1) % q->len;
		avf_wr_release(a, MDEV_SIM_AVF_ATQH, q->head);
		busy = true;
		/* After a reset request, finish what is queued right now. */
		if (*reset)
			tail = avf_aq_tail(a, q, MDEV_SIM_AVF_ATQT);
		if (tail < 0)
			break;
	}
	return busy;
}

/* ---- data path ---- */

enum avf_deliver {
	AVF_SENT,		/* gone from the sender: received or dropped */
	AVF_FULL,		/* the receiver has no buffers: retry later */
};

static bool avf_rx_accept(const struct mdev_sim_avf *r, const u8 *dst)
{
	if (is_broadcast_ether_addr(dst))
		return true;
	if (is_multicast_ether_addr(dst) &&
	    (r->promisc & FLAG_VF_MULTICAST_PROMISC))
		return true;
	if (r->promisc & FLAG_VF_UNICAST_PROMISC)
		return true;
	return avf_mac_find(r, dst) >= 0;
}

static void avf_rx_count(struct mdev_sim_avf *r, const u8 *dst, u32 len,
			 bool discard)
{
	struct mdev_sim_avf_vc_eth_stats *s = &r->stats;

	/* A discarded frame is counted in its class too, as on hardware. */
	if (is_broadcast_ether_addr(dst))
		s->rx_broadcast++;
	else if (is_multicast_ether_addr(dst))
		s->rx_multicast++;
	else
		s->rx_unicast++;
	if (discard)
		s->rx_discards++;
	else
		s->rx_bytes += len + MDEV_SIM_AVF_FCS_LEN;
}

/*
 * Writes one RX descriptor back: everything with DD clear, then the byte
 * that holds DD. The driver trusts the length once it sees DD, and a copy
 * to userspace is not one 8-byte store (it may go byte by byte, DD's byte
 * first): qword1 written whole could show DD before the length.
 */
static int avf_rx_writeback(struct mdev_sim_avf *r, u64 slot, u64 qword1)
{
	struct mdev_sim_avf_rx_desc wb = {};
	u8 dd_byte = qword1 & 0xff;

	wb.qword1 = cpu_to_le64(qword1 & ~(u64)MDEV_SIM_AVF_RX_DD);
	if (avf_dma(r, slot, &wb, sizeof(wb), true))
		return -EIO;
	smp_wmb();
	return avf_dma(r, slot + offsetof(struct mdev_sim_avf_rx_desc, qword1),
		       &dd_byte, sizeof(dd_byte), true);
}

/* Scatters a frame over a receiver's RX queue; rx_lock held. */
static enum avf_deliver avf_rx_frame(struct mdev_sim_avf *r, unsigned int q,
				     const u8 *frame, u32 len)
{
	struct avf_rxq *rq;
	u32 tail, avail, need, off = 0;

	/* TX queue q feeds RX queue q, or queue 0 when q is not running. */
	rq = r->rxq[q].enabled ? &r->rxq[q] :
	     r->rxq[0].enabled ? &r->rxq[0] : NULL;
	if (!rq) {
		avf_count(r, AVF_CNT_RX_NO_QUEUE);
		avf_rx_count(r, frame, len, true);
		return AVF_SENT;
	}
	if (!avf_rx_accept(r, frame)) {
		avf_count(r, AVF_CNT_RX_FILTERED);
		return AVF_SENT;
	}
	need = DIV_ROUND_UP(len, rq->buf_size);
	/* One slot always stays empty: the ring could never hold it. */
	if (len > rq->max_pkt || need > rq->len - 1) {
		avf_count(r, AVF_CNT_RX_TOO_LONG);
		avf_rx_count(r, frame, len, true);
		return AVF_SENT;
	}
	tail = avf_rd_acquire(r, MDEV_SIM_AVF_QRX_TAIL(rq - r->rxq));
	if (tail >= rq->len) {
		if (rq->bad_tail != tail + 1) {
			rq->bad_tail = tail + 1;
			avf_count(r, AVF_CNT_TAIL);
		}
		return AVF_FULL;
	}
	/* Descriptors [head, tail) are posted; the driver keeps one back. */
	avail = (tail + rq->len - rq->head) % rq->len;
	if (avail < need)
		return AVF_FULL;

	while (off < len) {
		u64 slot = rq->base + (u64)rq->head * MDEV_SIM_AVF_RX_DESC_SIZE;
		u32 chunk = min(len - off, rq->buf_size);
		bool last = off + chunk == len;
		u64 qw1 = MDEV_SIM_AVF_RX_DD |
			  MDEV_SIM_AVF_RX_PTYPE_L2 << MDEV_SIM_AVF_RX_PTYPE_SHIFT;
		__le64 addr;

		if (avf_dma(r, slot, &addr, sizeof(addr), false)) {
			/* An unreadable ring: the frame cannot land. */
			avf_rx_count(r, frame, len, true);
			return AVF_SENT;
		}
		rq->head = (rq->head + 1) % rq->len;
		if (avf_dma(r, le64_to_cpu(addr), (void *)frame + off, chunk,
			    true)) {
			/* Hand the buffer back with an error, ending the frame. */
			avf_rx_writeback(r, slot, qw1 | MDEV_SIM_AVF_RX_EOF |
					 MDEV_SIM_AVF_RX_ERR_RXE);
			avf_rx_count(r, frame, len, true);
			return AVF_SENT;
		}
		qw1 |= (u64)chunk << MDEV_SIM_AVF_RX_LEN_SHIFT;
		if (last)
			qw1 |= MDEV_SIM_AVF_RX_EOF;
		if (avf_rx_writeback(r, slot, qw1)) {
			avf_rx_count(r, frame, len, true);
			return AVF_SENT;
		}
		off += chunk;
	}
	avf_rx_count(r, frame, len, false);
	return AVF_SENT;
}

static enum avf_deliver avf_deliver(struct mdev_sim_avf *a, unsigned int q,
				    const u8 *frame, u32 len)
{
	enum avf_deliver ret;
	struct mdev_sim_wire *peer;
	struct mdev_sim_avf *r;
	int srcu;

	if (!READ_ONCE(a->link_up)) {
		avf_count(a, AVF_CNT_TX_LINK_DOWN);
		mutex_lock(&a->rx_lock);
		a->stats.tx_discards++;
		mutex_unlock(&a->rx_lock);
		return AVF_SENT;
	}
	srcu = srcu_read_lock(&avf_srcu);
	peer = srcu_dereference(a->wire.peer, &avf_srcu);
	r = peer ? container_of(peer, struct mdev_sim_avf, wire) : a;
	mutex_lock(&r->rx_lock);
	ret = avf_rx_frame(r, q, frame, len);
	mutex_unlock(&r->rx_lock);
	srcu_read_unlock(&avf_srcu, srcu);

	if (ret == AVF_SENT) {
		mutex_lock(&a->rx_lock);
		if (is_broadcast_ether_addr(frame))
			a->stats.tx_broadcast++;
		else if (is_multicast_ether_addr(frame))
			a->stats.tx_multicast++;
		else
			a->stats.tx_unicast++;
		a->stats.tx_bytes += len;
		mutex_unlock(&a->rx_lock);
	}
	return ret;
}

/* Marks TX descriptors [from, to) done, in runs that do not wrap. */
static void avf_tx_complete(struct mdev_sim_avf *a, struct avf_txq *tq,
			    u32 from, u32 to)
{
	while (from != to) {
		u32 end = to > from ? to : tq->len;
		u32 n = min_t(u32, end - from, AVF_TX_BATCH);

		/* The driver reads only DTYPE; the buffer address is spent. */
		avf_dma(a, tq->base + (u64)from * MDEV_SIM_AVF_TX_DESC_SIZE,
			a->tx_done, n * MDEV_SIM_AVF_TX_DESC_SIZE, true);
		from = (from + n) % tq->len;
	}
}

static void avf_tx_error(struct mdev_sim_avf *a, enum avf_cnt c)
{
	avf_count(a, c);
	mutex_lock(&a->rx_lock);
	a->stats.tx_errors++;
	mutex_unlock(&a->rx_lock);
}

/* Sends the complete frames posted on TX queue q; true if any moved. */
static bool avf_tx_queue(struct mdev_sim_avf *a, unsigned int q)
{
	struct avf_txq *tq = &a->txq[q];
	u32 tail, idx, start, cache_at = 0, cache_n = 0, flen = 0, n = 0;
	bool bad = false;

	if (!tq->enabled)
		return false;
	tail = avf_rd_acquire(a, MDEV_SIM_AVF_QTX_TAIL(q));
	if (tail >= tq->len) {
		if (tq->bad_tail != tail + 1) {
			tq->bad_tail = tail + 1;
			avf_count(a, AVF_CNT_TAIL);
		}
		return false;
	}
	start = tq->head;
	for (idx = tq->head; idx != tail; idx = (idx + 1) % tq->len, n++) {
		const struct mdev_sim_avf_tx_desc *d;
		u64 cmd, dtype, size;

		/*
		 * The budget ends a round between frames only: a frame
		 * restarted every round would never move. A frame is at
		 * most the ring, so a round stays bounded.
		 */
		if (idx == start && n >= AVF_TX_BUDGET)
			break;

		if (idx - cache_at >= cache_n || idx < cache_at) {
			u32 end = tail > idx ? tail : tq->len;

			cache_n = min_t(u32, end - idx, AVF_TX_BATCH);
			cache_at = idx;
			if (avf_dma(a, tq->base +
				    (u64)idx * MDEV_SIM_AVF_TX_DESC_SIZE,
				    a->tx_cache,
				    cache_n * MDEV_SIM_AVF_TX_DESC_SIZE, false)) {
				/* An unreadable ring: nothing more can move. */
				cache_n = 0;
				break;
			}
		}
		d = &a->tx_cache[idx - cache_at];
		cmd = le64_to_cpu(d->cmd);
		dtype = cmd & MDEV_SIM_AVF_TX_DTYPE_MASK;
		if (dtype == MDEV_SIM_AVF_TX_DTYPE_CONTEXT)
			continue;	/* no offloads: nothing to set up */
		if (dtype != MDEV_SIM_AVF_TX_DTYPE_DATA) {
			/* Not a frame's descriptor: end what was gathered. */
			avf_tx_error(a, AVF_CNT_TX_DESC);
			start = (idx + 1) % tq->len;
			flen = 0;
			bad = false;
			continue;
		}
		size = (cmd >> MDEV_SIM_AVF_TX_BUF_SHIFT) &
		       MDEV_SIM_AVF_TX_BUF_MASK;
		if (!bad) {
			if (!size) {
				avf_count(a, AVF_CNT_TX_DESC);
				bad = true;
			} else if (flen + size > MDEV_SIM_AVF_FRAME_MAX) {
				avf_count(a, AVF_CNT_TX_FRAME);
				bad = true;
			} else if (avf_dma(a, le64_to_cpu(d->addr),
					   a->frame + flen, size, false)) {
				bad = true;
			} else {
				flen += size;
			}
		}
		if (!(cmd & MDEV_SIM_AVF_TX_CMD_EOP))
			continue;

		if (bad) {
			mutex_lock(&a->rx_lock);
			a->stats.tx_errors++;
			mutex_unlock(&a->rx_lock);
		} else if (flen < ETH_HLEN) {
			avf_tx_error(a, AVF_CNT_TX_FRAME);
		} else if (avf_deliver(a, q, a->frame, flen) == AVF_FULL) {
			/* Back-pressure: the frame waits for RX buffers. */
			break;
		}
		start = (idx + 1) % tq->len;
		flen = 0;
		bad = false;
	}
	/* A frame whose EOP is not posted yet stays for the next round. */
	if (start == tq->head)
		return false;
	avf_tx_complete(a, tq, tq->head, start);
	tq->head = start;
	return true;
}

/* ---- reset ---- */

/* Everything the driver configured, back to power-on; device lock held. */
static void avf_clear(struct mdev_sim_avf *a)
{
	mutex_lock(&a->rx_lock);
	memset(a->rxq, 0, sizeof(a->rxq));
	a->nr_macs = 0;
	/* The VF's own address is filtered in, as a PF sets it up. */
	ether_addr_copy(a->macs[a->nr_macs++], a->perm_mac);
	a->promisc = 0;
	memset(&a->stats, 0, sizeof(a->stats));
	mutex_unlock(&a->rx_lock);

	memset(a->txq, 0, sizeof(a->txq));
	memset(&a->atq, 0, sizeof(a->atq));
	memset(&a->arq, 0, sizeof(a->arq));
	a->reply_first = 0;
	a->reply_count = 0;
	a->caps = 0;
	a->vf_ver.major = VIRTCHNL_VERSION_MAJOR;
	a->vf_ver.minor = VIRTCHNL_VERSION_MINOR;
	a->resources_sent = false;
	a->link_event = false;
	a->irq0_pending = false;
}

/*
 * The registers a VF reset clears. Keeping the head and tail registers
 * lets a driver waiting for a command queued behind RESET_VF see it
 * complete; the driver zeroes them when it sets the queues up again.
 */
static void avf_clear_regs(struct mdev_sim_avf *a, bool indexes)
{
	static const u32 regs[] = {
		MDEV_SIM_AVF_ATQLEN, MDEV_SIM_AVF_ATQBAL, MDEV_SIM_AVF_ATQBAH,
		MDEV_SIM_AVF_ARQLEN, MDEV_SIM_AVF_ARQBAL, MDEV_SIM_AVF_ARQBAH,
		MDEV_SIM_AVF_ICR01, MDEV_SIM_AVF_ICR0_ENA1,
		MDEV_SIM_AVF_DYN_CTL01,
	};
	static const u32 index_regs[] = {
		MDEV_SIM_AVF_ATQH, MDEV_SIM_AVF_ATQT,
		MDEV_SIM_AVF_ARQH, MDEV_SIM_AVF_ARQT,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(regs); i++)
		avf_wr(a, regs[i], 0);
	if (!indexes)
		return;
	for (i = 0; i < ARRAY_SIZE(index_regs); i++)
		avf_wr(a, index_regs[i], 0);
	for (i = 0; i < AVF_NQ; i++) {
		avf_wr(a, MDEV_SIM_AVF_QTX_TAIL(i), 0);
		avf_wr(a, MDEV_SIM_AVF_QRX_TAIL(i), 0);
	}
}

/*
 * VIRTCHNL_OP_RESET_VF: the VF's state goes, including its admin queue
 * registers (a driver that polls ARQLEN sees the reset start); RSTAT shows
 * the reset only for the moment it takes.
 */
static void avf_vf_reset(struct mdev_sim_avf *a)
{
	avf_wr(a, MDEV_SIM_AVF_RSTAT, MDEV_SIM_AVF_RSTAT_INPROGRESS);
	avf_clear(a);
	avf_clear_regs(a, false);
	avf_wr_release(a, MDEV_SIM_AVF_RSTAT, MDEV_SIM_AVF_RSTAT_VFACTIVE);
}

/* ---- the polling thread ---- */

/* One round under the device lock; true when it did something. */
static bool avf_round(struct mdev_sim_avf *a)
{
	bool busy = false, reset;
	unsigned int q;

	/* Device owned; a driver's stray write does not stick. */
	if (avf_rd(a, MDEV_SIM_AVF_RSTAT) != MDEV_SIM_AVF_RSTAT_VFACTIVE)
		avf_wr(a, MDEV_SIM_AVF_RSTAT, MDEV_SIM_AVF_RSTAT_VFACTIVE);

	avf_aq_sync(a, &a->atq, MDEV_SIM_AVF_ATQLEN, MDEV_SIM_AVF_ATQBAL,
		    MDEV_SIM_AVF_ATQBAH, MDEV_SIM_AVF_ATQH);
	avf_aq_sync(a, &a->arq, MDEV_SIM_AVF_ARQLEN, MDEV_SIM_AVF_ARQBAL,
		    MDEV_SIM_AVF_ARQBAH, MDEV_SIM_AVF_ARQH);

	busy |= avf_asq_run(a, &reset);
	if (reset) {
		avf_vf_reset(a);
		return true;
	}
	if (a->resources_sent && READ_ONCE(a->link_up) != a->link_reported)
		a->link_event = true;
	if (a->link_event && a->arq.live && avf_reply_room(a, 1))
		avf_queue_link_event(a);
	busy |= avf_arq_flush(a);
	avf_update_irq0(a);

	for (q = 0; q < AVF_NQ; q++)
		busy |= avf_tx_queue(a, q);
	return busy;
}

/* How long the thread may sleep when nothing happens for a while. */
static unsigned int avf_idle_us(struct mdev_sim_avf *a)
{
	unsigned int q;

	for (q = 0; q < AVF_NQ; q++)
		if (a->txq[q].enabled)
			return AVF_POLL_IDLE_US;
	/* Drivers poll their admin commands for seconds: 5 ms is quick. */
	if (a->atq.live || a->arq.live)
		return AVF_POLL_AQ_US;
	return AVF_POLL_OFF_US;
}

/* Idle, not uninterruptible: the thread does not count as load. */
static void avf_sleep(unsigned int us)
{
	usleep_range_state(us, us + us / 4, TASK_IDLE);
}

static int avf_thread(void *arg)
{
	struct mdev_sim_avf *a = arg;
	struct mdev_sim_dev *sdev = mdev_sim_pci_sdev(a->pci);
	unsigned int quiet = 0;

	while (!kthread_should_stop()) {
		unsigned int us, idle_us;
		bool busy;

		/* close stops this thread while holding the lock. */
		if (!mutex_trylock(&sdev->lock)) {
			avf_sleep(AVF_POLL_BUSY_US);
			continue;
		}
		busy = avf_round(a);
		idle_us = avf_idle_us(a);
		mutex_unlock(&sdev->lock);

		quiet = busy ? 0 : quiet + 1;
		if (idle_us == AVF_POLL_OFF_US)
			us = AVF_POLL_OFF_US;
		else if (quiet < AVF_POLL_BUSY_ROUNDS)
			us = AVF_POLL_BUSY_US;
		else if (quiet < AVF_POLL_MID_ROUNDS)
			us = AVF_POLL_MID_US;
		else
			us = idle_us;
		avf_sleep(us);
	}
	return 0;
}

static void avf_open(struct mdev_sim_pci *pci)
{
	struct mdev_sim_avf *a = mdev_sim_pci_priv(pci);
	struct task_struct *t;

	a->supported_caps = VIRTCHNL_VF_OFFLOAD_L2;
	if (READ_ONCE(a->offer_wb_on_itr))
		a->supported_caps |= VIRTCHNL_VF_OFFLOAD_WB_ON_ITR;
	t = kthread_run(avf_thread, a, "mdev_sim_avf");
	if (IS_ERR(t)) {
		dev_warn(mdev_sim_pci_to_dev(pci),
			 "cannot start the device thread: %pe\n", t);
		return;
	}
	a->thread = t;
}

static void avf_close(struct mdev_sim_pci *pci)
{
	struct mdev_sim_avf *a = mdev_sim_pci_priv(pci);

	if (a->thread)
		kthread_stop(a->thread);
	a->thread = NULL;
}

/* Power-on and function reset: the core has cleared BAR0 already. */
static void avf_reset(struct mdev_sim_pci *pci)
{
	struct mdev_sim_avf *a = mdev_sim_pci_priv(pci);

	avf_clear(a);
	/* A sender may have stored a stale value since the core cleared. */
	avf_clear_regs(a, true);
	/* 24.11+ drivers read 0 here as a reset in progress. */
	avf_wr_release(a, MDEV_SIM_AVF_RSTAT, MDEV_SIM_AVF_RSTAT_VFACTIVE);
}

/* ---- link, wiring and sysfs ---- */

/* Under the wiring lock; the thread reports changes as events. */
static void avf_link_update(struct mdev_sim_wire *w, bool up)
{
	WRITE_ONCE(container_of(w, struct mdev_sim_avf, wire)->link_up, up);
}

static struct mdev_sim_avf *dev_to_avf(struct device *dev)
{
	struct mdev_sim_dev *sdev = dev_get_drvdata(dev);

	return mdev_sim_pci_priv(sdev->priv);
}

static ssize_t peer_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return mdev_sim_wire_peer_show(&dev_to_avf(dev)->wire, buf);
}

static ssize_t peer_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	int ret = mdev_sim_wire_peer_store(&dev_to_avf(dev)->wire, buf);

	return ret ? ret : count;
}
static DEVICE_ATTR_RW(peer);

static ssize_t link_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return mdev_sim_wire_link_show(&dev_to_avf(dev)->wire, buf);
}

static ssize_t link_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	int ret = mdev_sim_wire_link_store(&dev_to_avf(dev)->wire, buf);

	return ret ? ret : count;
}
static DEVICE_ATTR_RW(link);

static ssize_t wb_on_itr_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  READ_ONCE(dev_to_avf(dev)->offer_wb_on_itr));
}

static ssize_t wb_on_itr_store(struct device *dev,
			       struct device_attribute *attr, const char *buf,
			       size_t count)
{
	bool val;
	int ret = kstrtobool(buf, &val);

	if (ret)
		return ret;
	WRITE_ONCE(dev_to_avf(dev)->offer_wb_on_itr, val);
	return count;
}
static DEVICE_ATTR_RW(wb_on_itr);

static ssize_t counters_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct mdev_sim_avf *a = dev_to_avf(dev);
	ssize_t len = 0;
	unsigned int i;

	for (i = 0; i < AVF_CNT_NR; i++)
		len += sysfs_emit_at(buf, len, "%s %lld\n", avf_cnt_names[i],
				     atomic64_read(&a->cnt[i]));
	return len;
}
static DEVICE_ATTR_RO(counters);

static struct attribute *avf_attrs[] = {
	&dev_attr_peer.attr,
	&dev_attr_link.attr,
	&dev_attr_wb_on_itr.attr,
	&dev_attr_counters.attr,
	NULL,
};

static const struct attribute_group avf_attr_group = {
	.attrs = avf_attrs,
};

static const struct attribute_group *avf_attr_groups[] = {
	&avf_attr_group,
	NULL,
};

static struct mdev_sim_avf *sdev_to_avf(struct mdev_sim_dev *sdev)
{
	return mdev_sim_pci_priv(sdev->priv);
}

static int avf_attach(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_avf *a = sdev_to_avf(sdev);
	int ret;

	mdev_sim_wire_attach(&a->wire);
	ret = device_add_groups(mdev_sim_dev_to_dev(sdev), avf_attr_groups);
	if (ret)
		mdev_sim_wire_detach(&a->wire);
	return ret;
}

/* While userspace keeps the device open, it loops back to itself. */
static void avf_detach(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_avf *a = sdev_to_avf(sdev);

	device_remove_groups(mdev_sim_dev_to_dev(sdev), avf_attr_groups);
	mdev_sim_wire_detach(&a->wire);
}

/* ---- lifetime ---- */

static int avf_init(struct mdev_sim_pci *pci)
{
	struct mdev_sim_avf *a = mdev_sim_pci_priv(pci);
	struct mdev_device *mdev = to_mdev_device(mdev_sim_pci_to_dev(pci));
	unsigned int i;

	a->msg = kmalloc(MDEV_SIM_AVF_AQ_BUF_MAX, GFP_KERNEL_ACCOUNT);
	a->frame = kmalloc(MDEV_SIM_AVF_FRAME_MAX, GFP_KERNEL_ACCOUNT);
	if (!a->msg || !a->frame) {
		kfree(a->msg);
		kfree(a->frame);
		return -ENOMEM;
	}
	a->pci = pci;
	mdev_sim_wire_init(&a->wire, &avf_wires, &mdev->uuid);
	/* Locally administered unicast, stable for a given UUID. */
	a->perm_mac[0] = 0x02;
	memcpy(&a->perm_mac[1], &mdev->uuid.b[11], ETH_ALEN - 1);
	for (i = 0; i < AVF_TX_BATCH; i++)
		a->tx_done[i].cmd = cpu_to_le64(MDEV_SIM_AVF_TX_DTYPE_DONE);
	mutex_init(&a->rx_lock);
	a->link_up = true;
	a->offer_wb_on_itr = true;
	return 0;
}

static void avf_fini(struct mdev_sim_pci *pci)
{
	struct mdev_sim_avf *a = mdev_sim_pci_priv(pci);

	/* Closed (the thread is gone) and detached. */
	mutex_destroy(&a->rx_lock);
	kfree(a->msg);
	kfree(a->frame);
}

static int avf_bar_read(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
			u32 *val, unsigned int size)
{
	/* Only BAR3 outside the MSI-X structures traps: reserved. */
	*val = 0;
	return 0;
}

static int avf_bar_write(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
			 u32 val, unsigned int size)
{
	return 0;
}

static const struct mdev_sim_pci_model mdev_sim_avf_model = {
	.vendor			= MDEV_SIM_AVF_VENDOR_ID,
	.device			= MDEV_SIM_AVF_DEVICE_ID,
	.subsystem_vendor	= MDEV_SIM_PCI_SUBSYS_VENDOR_ID,
	.subsystem_device	= MDEV_SIM_AVF_SUBSYS_DEVICE_ID,
	.revision		= MDEV_SIM_AVF_REVISION,
	.class_code		= MDEV_SIM_AVF_CLASS,
	.bar = {
		[0] = {
			.size		= MDEV_SIM_AVF_BAR0_SIZE,
			.flags		= MDEV_SIM_BAR_64,
			.mmap_offset	= 0,
			.mmap_size	= MDEV_SIM_AVF_BAR0_SIZE,
		},
		[MDEV_SIM_AVF_MSIX_BAR] = {
			.size		= MDEV_SIM_AVF_BAR3_SIZE,
			.flags		= MDEV_SIM_BAR_64,
		},
	},
	.msix_vectors		= MDEV_SIM_AVF_MSIX_VECTORS,
	.msix_bar		= MDEV_SIM_AVF_MSIX_BAR,
	.msix_table_offset	= MDEV_SIM_AVF_MSIX_TABLE,
	.msix_pba_offset	= MDEV_SIM_AVF_MSIX_PBA,
	.priv_size		= sizeof(struct mdev_sim_avf),
	.init			= avf_init,
	.fini			= avf_fini,
	.reset			= avf_reset,
	.open			= avf_open,
	.close			= avf_close,
	.bar_read		= avf_bar_read,
	.bar_write		= avf_bar_write,
};

struct mdev_sim_type mdev_sim_avf_type = {
	.mtype = {
		.sysfs_name	= "avf",
		.pretty_name	= "mdev_sim Adaptive Virtual Function",
	},
	.family		= &mdev_sim_pci_family,
	.model		= &mdev_sim_avf_model,
	.description	= "Intel AVF (8086:1889) model: 4 queue pairs, wired to a peer through sysfs",
	.attach		= avf_attach,
	.detach		= avf_detach,
};
