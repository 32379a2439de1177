/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * Programming interface of the mdev_sim-avf device: the subset of the
 * Intel Ethernet Adaptive Virtual Function (AVF) interface that the model
 * implements, written from the public AVF specification.
 *
 * The datasheet doc/guides/mdev_sim/avf_device.rst explains the behaviour;
 * this header holds the numbers. It has no kernel dependencies so that
 * userspace tests can use it: they must not include the kernel's GPL-only
 * <linux/avf/virtchnl.h>, so the few virtchnl messages a test needs are
 * described here too (the module itself uses the kernel's header, and
 * static assertions there check that both agree).
 *
 * Everything is little endian. BAR0 is plain memory shared with the device
 * (fully mmapable): the driver writes its registers with 32-bit stores and
 * the device polls them.
 */
#ifndef MDEV_SIM_AVF_HW_H
#define MDEV_SIM_AVF_HW_H

#include <linux/types.h>		/* UAPI: usable from userspace too */

#include "mdev_sim_ids.h"

#define MDEV_SIM_AVF_VENDOR_ID		0x8086
#define MDEV_SIM_AVF_DEVICE_ID		0x1889	/* Adaptive Virtual Function */
#define MDEV_SIM_AVF_CLASS		0x020000	/* Ethernet controller */
#define MDEV_SIM_AVF_REVISION		0x01

/* Limits */
#define MDEV_SIM_AVF_MAX_QUEUES		4	/* RX/TX queue pairs */
#define MDEV_SIM_AVF_MSIX_VECTORS	(1 + MDEV_SIM_AVF_MAX_QUEUES)
#define MDEV_SIM_AVF_VSI_ID		1	/* the one VSI */
#define MDEV_SIM_AVF_RING_MIN		32	/* descriptors */
#define MDEV_SIM_AVF_RING_MAX		8160
#define MDEV_SIM_AVF_RING_MULTIPLE	32
#define MDEV_SIM_AVF_RX_BUF_MIN		128	/* databuffer_size, bytes */
#define MDEV_SIM_AVF_RX_BUF_MAX		16256
#define MDEV_SIM_AVF_PKT_MIN		64	/* max_pkt_size bounds */
#define MDEV_SIM_AVF_FRAME_MAX		9728	/* largest frame, no FCS */
#define MDEV_SIM_AVF_TX_BUF_MAX		16383	/* 14-bit buffer size */
#define MDEV_SIM_AVF_MAX_MACS		64	/* unicast+multicast filters */
#define MDEV_SIM_AVF_AQ_LEN_MAX		1023	/* admin queue descriptors */
#define MDEV_SIM_AVF_AQ_BUF_MAX		4096	/* admin queue message bytes */
#define MDEV_SIM_AVF_FCS_LEN		4	/* counted in rx_bytes only */

/* BAR layout: BAR0 registers (64-bit, all mmapable), BAR3 MSI-X */
#define MDEV_SIM_AVF_BAR0_SIZE		0x10000
#define MDEV_SIM_AVF_MSIX_BAR		3
#define MDEV_SIM_AVF_BAR3_SIZE		0x4000
#define MDEV_SIM_AVF_MSIX_TABLE		0x0000
#define MDEV_SIM_AVF_MSIX_PBA		0x2000
#define MDEV_SIM_AVF_VEC_ADMINQ		0	/* admin receive queue */

/* ---- BAR0 registers ---- */

#define MDEV_SIM_AVF_QTX_TAIL(q)	(0x0000 + 4 * (q))	/* driver */
#define MDEV_SIM_AVF_QRX_TAIL(q)	(0x2000 + 4 * (q))	/* driver */
#define MDEV_SIM_AVF_DYN_CTLN1(v)	(0x3800 + 4 * (v))	/* driver, unused */
#define MDEV_SIM_AVF_ICR01		0x4800	/* device */
#define MDEV_SIM_AVF_ICR0_ENA1		0x5000	/* driver */
#define MDEV_SIM_AVF_DYN_CTL01		0x5c00	/* driver */
#define MDEV_SIM_AVF_ARQBAH		0x6000
#define MDEV_SIM_AVF_ATQH		0x6400	/* device (driver zeroes) */
#define MDEV_SIM_AVF_ATQLEN		0x6800
#define MDEV_SIM_AVF_ARQBAL		0x6c00
#define MDEV_SIM_AVF_ARQT		0x7000
#define MDEV_SIM_AVF_ARQH		0x7400	/* device (driver zeroes) */
#define MDEV_SIM_AVF_ATQBAH		0x7800
#define MDEV_SIM_AVF_ATQBAL		0x7c00
#define MDEV_SIM_AVF_ARQLEN		0x8000
#define MDEV_SIM_AVF_ATQT		0x8400
#define MDEV_SIM_AVF_RSTAT		0x8800	/* device */

/* ATQLEN/ARQLEN */
#define MDEV_SIM_AVF_AQLEN_MASK		0x3ff
#define MDEV_SIM_AVF_AQLEN_ENABLE	(1u << 31)
/* ATQH/ATQT/ARQH/ARQT */
#define MDEV_SIM_AVF_AQ_IDX_MASK	0x3ff
/* ICR01 and ICR0_ENA1 */
#define MDEV_SIM_AVF_ICR0_ADMINQ	(1u << 30)
/* DYN_CTL01 */
#define MDEV_SIM_AVF_DYN_CTL01_INTENA	(1u << 0)
#define MDEV_SIM_AVF_DYN_CTL01_CLEARPBA	(1u << 1)
/* RSTAT bits 1:0 */
#define MDEV_SIM_AVF_RSTAT_MASK		0x3
#define MDEV_SIM_AVF_RSTAT_INPROGRESS	0
#define MDEV_SIM_AVF_RSTAT_COMPLETED	1
#define MDEV_SIM_AVF_RSTAT_VFACTIVE	2

/* ---- admin queue ---- */

struct mdev_sim_avf_aq_desc {
	__le16 flags;
	__le16 opcode;
	__le16 datalen;
	__le16 retval;
	__le32 cookie_high;	/* virtchnl opcode */
	__le32 cookie_low;	/* virtchnl status */
	__le32 param0;
	__le32 param1;
	__le32 addr_high;	/* message buffer */
	__le32 addr_low;
};

#define MDEV_SIM_AVF_AQ_DESC_SIZE	32

#define MDEV_SIM_AVF_AQ_FLAG_DD		0x0001
#define MDEV_SIM_AVF_AQ_FLAG_CMP	0x0002
#define MDEV_SIM_AVF_AQ_FLAG_ERR	0x0004
#define MDEV_SIM_AVF_AQ_FLAG_LB		0x0200
#define MDEV_SIM_AVF_AQ_FLAG_RD		0x0400
#define MDEV_SIM_AVF_AQ_FLAG_BUF	0x1000
#define MDEV_SIM_AVF_AQ_FLAG_SI		0x2000

#define MDEV_SIM_AVF_AQ_OP_QUEUE_SHUTDOWN	0x0003	/* direct, no buffer */
#define MDEV_SIM_AVF_AQ_OP_SEND_TO_PF		0x0801	/* VF -> PF message */
#define MDEV_SIM_AVF_AQ_OP_SEND_TO_VF		0x0802	/* PF -> VF message */

/* retval of a direct command the device does not implement */
#define MDEV_SIM_AVF_AQ_RC_ENOSYS	17

/* ---- RX: 32-byte descriptor ---- */

struct mdev_sim_avf_rx_desc {
	__le64 qword0;		/* read: packet buffer IOVA; wb: 0 */
	__le64 qword1;		/* read: header buffer IOVA; wb: status */
	__le64 qword2;		/* wb: 0 */
	__le64 qword3;		/* wb: 0 */
};

#define MDEV_SIM_AVF_RX_DESC_SIZE	32
#define MDEV_SIM_AVF_RX_DD		(1ull << 0)
#define MDEV_SIM_AVF_RX_EOF		(1ull << 1)
#define MDEV_SIM_AVF_RX_ERR_RXE		(1ull << 19)
#define MDEV_SIM_AVF_RX_PTYPE_SHIFT	30
#define MDEV_SIM_AVF_RX_PTYPE_L2	1ull	/* plain Ethernet */
#define MDEV_SIM_AVF_RX_LEN_SHIFT	38
#define MDEV_SIM_AVF_RX_LEN_MASK	0x3fffull

/* ---- TX: 16-byte data descriptor ---- */

struct mdev_sim_avf_tx_desc {
	__le64 addr;		/* buffer IOVA */
	__le64 cmd;		/* DTYPE, CMD, OFFSET, BUF_SZ, L2TAG1 */
};

#define MDEV_SIM_AVF_TX_DESC_SIZE	16
#define MDEV_SIM_AVF_TX_DTYPE_MASK	0xfull
#define MDEV_SIM_AVF_TX_DTYPE_DATA	0x0ull
#define MDEV_SIM_AVF_TX_DTYPE_CONTEXT	0x1ull	/* consumed as a no-op */
#define MDEV_SIM_AVF_TX_DTYPE_DONE	0xfull	/* the device's write-back */
#define MDEV_SIM_AVF_TX_CMD_SHIFT	4
#define MDEV_SIM_AVF_TX_CMD_EOP		(0x1ull << MDEV_SIM_AVF_TX_CMD_SHIFT)
#define MDEV_SIM_AVF_TX_CMD_RS		(0x2ull << MDEV_SIM_AVF_TX_CMD_SHIFT)
#define MDEV_SIM_AVF_TX_BUF_SHIFT	34
#define MDEV_SIM_AVF_TX_BUF_MASK	0x3fffull

/* ---- virtchnl: the messages the device understands ---- */

#define MDEV_SIM_AVF_VC_VERSION_MAJOR	1
#define MDEV_SIM_AVF_VC_VERSION_MINOR	1

enum mdev_sim_avf_vc_op {
	MDEV_SIM_AVF_VC_OP_VERSION		= 1,
	MDEV_SIM_AVF_VC_OP_RESET_VF		= 2,
	MDEV_SIM_AVF_VC_OP_GET_VF_RESOURCES	= 3,
	MDEV_SIM_AVF_VC_OP_CONFIG_VSI_QUEUES	= 6,
	MDEV_SIM_AVF_VC_OP_CONFIG_IRQ_MAP	= 7,
	MDEV_SIM_AVF_VC_OP_ENABLE_QUEUES	= 8,
	MDEV_SIM_AVF_VC_OP_DISABLE_QUEUES	= 9,
	MDEV_SIM_AVF_VC_OP_ADD_ETH_ADDR		= 10,
	MDEV_SIM_AVF_VC_OP_DEL_ETH_ADDR		= 11,
	MDEV_SIM_AVF_VC_OP_CONFIG_PROMISC	= 14,
	MDEV_SIM_AVF_VC_OP_GET_STATS		= 15,
	MDEV_SIM_AVF_VC_OP_EVENT		= 17,
};

/* status codes (cookie_low of a reply) */
#define MDEV_SIM_AVF_VC_SUCCESS			0
#define MDEV_SIM_AVF_VC_ERR_PARAM		(-5)
#define MDEV_SIM_AVF_VC_ERR_NO_MEMORY		(-18)
#define MDEV_SIM_AVF_VC_ERR_OPCODE_MISMATCH	(-38)
#define MDEV_SIM_AVF_VC_ERR_NOT_SUPPORTED	(-64)

/* capability flags the device may grant */
#define MDEV_SIM_AVF_VC_CAP_L2			(1u << 0)
#define MDEV_SIM_AVF_VC_CAP_WB_ON_ITR		(1u << 5)

#define MDEV_SIM_AVF_VC_VSI_SRIOV		6

#define MDEV_SIM_AVF_VC_PROMISC_UNICAST		0x1
#define MDEV_SIM_AVF_VC_PROMISC_MULTICAST	0x2

#define MDEV_SIM_AVF_VC_EVENT_LINK_CHANGE	1
#define MDEV_SIM_AVF_VC_LINK_SPEED_10GB		0x8	/* legacy format */

/*
 * The messages with a list were first defined with a one-element array in
 * the header part, and their length still counts that element on top of
 * the list: a VF sends, and the device accepts, exactly these lengths.
 */
#define MDEV_SIM_AVF_VC_CONFIG_QUEUES_LEN(n) \
	(sizeof(struct mdev_sim_avf_vc_vsi_queue_config) + \
	 ((n) + 1) * sizeof(struct mdev_sim_avf_vc_queue_pair_info))
#define MDEV_SIM_AVF_VC_IRQ_MAP_LEN(n) \
	(MDEV_SIM_AVF_VC_IRQ_MAP_HDR + \
	 ((n) + 1) * sizeof(struct mdev_sim_avf_vc_vector_map))
#define MDEV_SIM_AVF_VC_ETH_ADDR_LEN(n) \
	(sizeof(struct mdev_sim_avf_vc_ether_addr_list) + \
	 ((n) + 1) * sizeof(struct mdev_sim_avf_vc_ether_addr))

struct mdev_sim_avf_vc_version {
	__u32 major;
	__u32 minor;
};

struct mdev_sim_avf_vc_vsi_resource {
	__u16 vsi_id;
	__u16 num_queue_pairs;
	__u32 vsi_type;
	__u16 qset_handle;
	__u8 default_mac_addr[6];
};

/* GET_VF_RESOURCES reply: this header and num_vsis VSI resources. */
struct mdev_sim_avf_vc_vf_resource {
	__u16 num_vsis;
	__u16 num_queue_pairs;
	__u16 max_vectors;
	__u16 max_mtu;
	__u32 vf_cap_flags;
	__u32 rss_key_size;
	__u32 rss_lut_size;
};

struct mdev_sim_avf_vc_txq_info {
	__u16 vsi_id;
	__u16 queue_id;
	__u16 ring_len;
	__u16 headwb_enabled;
	__u64 dma_ring_addr;
	__u64 dma_headwb_addr;
};

struct mdev_sim_avf_vc_rxq_info {
	__u16 vsi_id;
	__u16 queue_id;
	__u32 ring_len;
	__u16 hdr_size;
	__u16 splithdr_enabled;
	__u32 databuffer_size;
	__u32 max_pkt_size;
	__u32 pad1;
	__u64 dma_ring_addr;
	__u32 rx_split_pos;
	__u32 pad2;
};

struct mdev_sim_avf_vc_queue_pair_info {
	struct mdev_sim_avf_vc_txq_info txq;
	struct mdev_sim_avf_vc_rxq_info rxq;
};

/* CONFIG_VSI_QUEUES: this header and num_queue_pairs pairs. */
struct mdev_sim_avf_vc_vsi_queue_config {
	__u16 vsi_id;
	__u16 num_queue_pairs;
	__u32 pad;
};

struct mdev_sim_avf_vc_vector_map {
	__u16 vsi_id;
	__u16 vector_id;
	__u16 rxq_map;
	__u16 txq_map;
	__u16 rxitr_idx;
	__u16 txitr_idx;
};

/* CONFIG_IRQ_MAP: a __u16 num_vectors, then the vector maps. */
#define MDEV_SIM_AVF_VC_IRQ_MAP_HDR	2

/* ENABLE_QUEUES, DISABLE_QUEUES, GET_STATS */
struct mdev_sim_avf_vc_queue_select {
	__u16 vsi_id;
	__u16 pad;
	__u32 rx_queues;
	__u32 tx_queues;
};

struct mdev_sim_avf_vc_ether_addr {
	__u8 addr[6];
	__u8 type;
	__u8 pad;
};

/* ADD_ETH_ADDR, DEL_ETH_ADDR: this header and num_elements addresses. */
struct mdev_sim_avf_vc_ether_addr_list {
	__u16 vsi_id;
	__u16 num_elements;
};

struct mdev_sim_avf_vc_promisc {
	__u16 vsi_id;
	__u16 flags;
};

/* GET_STATS reply; byte and packet counters wrap at 48 bits. */
struct mdev_sim_avf_vc_eth_stats {
	__u64 rx_bytes;		/* with 4 bytes of FCS per frame */
	__u64 rx_unicast;
	__u64 rx_multicast;
	__u64 rx_broadcast;
	__u64 rx_discards;	/* included in the three above */
	__u64 rx_unknown_protocol;
	__u64 tx_bytes;		/* without FCS */
	__u64 tx_unicast;
	__u64 tx_multicast;
	__u64 tx_broadcast;
	__u64 tx_discards;
	__u64 tx_errors;
};

/* VIRTCHNL_OP_EVENT message, legacy link format */
struct mdev_sim_avf_vc_pf_event {
	__u32 event;
	__u32 link_speed;
	__u8 link_status;
	__u8 pad[3];
	__s32 severity;
};

#endif /* MDEV_SIM_AVF_HW_H */
