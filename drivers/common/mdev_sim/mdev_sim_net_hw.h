/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * Programming interface of the mdev_sim-net device.
 *
 * The datasheet in doc/guides/mdev_sim/net_device.rst explains the
 * behaviour; this header is the single source for the numbers. It has no
 * kernel dependencies so that userspace drivers and tests can include it.
 *
 * Everything is little endian. Trapped BAR0 registers must be accessed with
 * naturally aligned 4-byte reads and writes; reserved offsets read as zero
 * and ignore writes. The status page is plain memory shared with the
 * device: 32-bit indexes and 64-bit counters, naturally aligned.
 */
#ifndef MDEV_SIM_NET_HW_H
#define MDEV_SIM_NET_HW_H

#include <linux/types.h>		/* UAPI: usable from userspace too */

#include "mdev_sim_ids.h"

#define MDEV_SIM_NET_REVISION		0x01

/* Limits */
#define MDEV_SIM_NET_MAX_QUEUES		4	/* RX/TX queue pairs */
#define MDEV_SIM_NET_RING_MIN		32	/* descriptors, power of two */
#define MDEV_SIM_NET_RING_MAX		4096
#define MDEV_SIM_NET_MTU_MIN		68
#define MDEV_SIM_NET_MTU_MAX		9000
#define MDEV_SIM_NET_MTU_DEFAULT	1500
#define MDEV_SIM_NET_HDR_LEN		14	/* Ethernet header */
/* A frame may carry one VLAN tag on top of the MTU; no FCS is stored. */
#define MDEV_SIM_NET_FRAME_OVERHEAD	18
#define MDEV_SIM_NET_FRAME_MAX \
	(MDEV_SIM_NET_MTU_MAX + MDEV_SIM_NET_FRAME_OVERHEAD)

/* BAR layout: BAR0 only, 32-bit memory */
#define MDEV_SIM_NET_BAR0_SIZE		0x2000
#define MDEV_SIM_NET_BAR0_TRAP_SIZE	0x1000	/* trapped register page */
#define MDEV_SIM_NET_STATUS_OFFSET	0x1000	/* mmapable status page */
#define MDEV_SIM_NET_STATUS_SIZE	0x1000

/* Interrupts: MSI-X only (INTx exists but the device never raises it) */
#define MDEV_SIM_NET_MSIX_VECTORS	(1 + MDEV_SIM_NET_MAX_QUEUES)
#define MDEV_SIM_NET_MSIX_BAR		0
#define MDEV_SIM_NET_MSIX_TABLE		0x800
#define MDEV_SIM_NET_MSIX_PBA		0xc00
#define MDEV_SIM_NET_VEC_LSC		0	/* link state change */
#define MDEV_SIM_NET_VEC_RXQ(q)		(1 + (q))	/* RX queue q */

/* ---- BAR0 trapped registers ---- */

#define MDEV_SIM_NET_REG_ID		0x000	/* RO: MDEV_SIM_NET_ID_MAGIC */
#define MDEV_SIM_NET_REG_VERSION	0x004	/* RO: major << 16 | minor */
#define MDEV_SIM_NET_REG_MAX_QUEUES	0x008	/* RO: queue pairs */
#define MDEV_SIM_NET_REG_MAX_FRAME	0x00c	/* RO: MDEV_SIM_NET_FRAME_MAX */
#define MDEV_SIM_NET_REG_CTRL		0x010	/* RW: MDEV_SIM_NET_CTRL_* */
#define MDEV_SIM_NET_REG_STATUS		0x014	/* RO: MDEV_SIM_NET_STATUS_* */
#define MDEV_SIM_NET_REG_MTU		0x018	/* RW: MTU_MIN..MTU_MAX */
#define MDEV_SIM_NET_REG_MAC_LO		0x020	/* RW: MAC bytes 0-3 */
#define MDEV_SIM_NET_REG_MAC_HI		0x024	/* RW: MAC bytes 4-5 in 15:0 */
#define MDEV_SIM_NET_REG_PERM_MAC_LO	0x028	/* RO: factory MAC bytes 0-3 */
#define MDEV_SIM_NET_REG_PERM_MAC_HI	0x02c	/* RO: factory MAC bytes 4-5 */
#define MDEV_SIM_NET_REG_ERROR		0x030	/* RO: last refused write, errno */
/* Self-benchmark of the packet path (see the datasheet) */
#define MDEV_SIM_NET_REG_BENCH_QUEUE	0x040	/* RW: TX queue to replay */
#define MDEV_SIM_NET_REG_BENCH_RUN	0x044	/* WO: rounds; runs synchronously */
#define MDEV_SIM_NET_REG_BENCH_NS_LO	0x048	/* RO: time taken */
#define MDEV_SIM_NET_REG_BENCH_NS_HI	0x04c
#define MDEV_SIM_NET_REG_BENCH_PKTS_LO	0x050	/* RO: packets moved */
#define MDEV_SIM_NET_REG_BENCH_PKTS_HI	0x054
#define MDEV_SIM_NET_REG_BENCH_BYTES_LO	0x058	/* RO: bytes moved */
#define MDEV_SIM_NET_REG_BENCH_BYTES_HI	0x05c

#define MDEV_SIM_NET_BENCH_MAX_ROUNDS	(1U << 24)
#define MDEV_SIM_NET_BENCH_MAX_NS	10000000000ULL	/* a run stops after 10 s */

/* Per-queue registers: block of MDEV_SIM_NET_QREG_STRIDE bytes per queue */
#define MDEV_SIM_NET_QREG_BASE		0x100
#define MDEV_SIM_NET_QREG_STRIDE	0x40
#define MDEV_SIM_NET_QREG(q, reg) \
	(MDEV_SIM_NET_QREG_BASE + (q) * MDEV_SIM_NET_QREG_STRIDE + (reg))
#define MDEV_SIM_NET_RXQ_BASE_LO	0x00	/* RW: ring IOVA [31:0] */
#define MDEV_SIM_NET_RXQ_BASE_HI	0x04	/* RW: ring IOVA [63:32] */
#define MDEV_SIM_NET_RXQ_SIZE		0x08	/* RW: descriptors */
#define MDEV_SIM_NET_RXQ_CTRL		0x0c	/* RW: MDEV_SIM_NET_QCTRL_* */
#define MDEV_SIM_NET_TXQ_BASE_LO	0x10
#define MDEV_SIM_NET_TXQ_BASE_HI	0x14
#define MDEV_SIM_NET_TXQ_SIZE		0x18
#define MDEV_SIM_NET_TXQ_CTRL		0x1c	/* RW: ENABLE only */
#define MDEV_SIM_NET_TXQ_TAIL		0x20	/* WO: TX doorbell */
#define MDEV_SIM_NET_RXQ_IRQ_ARM	0x24	/* WO: arm, value = next to read */
#define MDEV_SIM_NET_RXQ_IRQ_DISARM	0x28	/* WO: any value */

#define MDEV_SIM_NET_ID_MAGIC		0x544e534d	/* bytes "MSNT" */
#define MDEV_SIM_NET_VERSION		0x00010000	/* 1.0 */

#define MDEV_SIM_NET_CTRL_PROMISC	0x00000001	/* accept every frame */
#define MDEV_SIM_NET_CTRL_ALLMULTI	0x00000002	/* accept all multicast */

#define MDEV_SIM_NET_STATUS_LINK_UP	0x00000001

/* Queue control; writing a queue's base or size while enabled is refused */
#define MDEV_SIM_NET_QCTRL_ENABLE	0x00000001

/* ---- status page (BAR0 + MDEV_SIM_NET_STATUS_OFFSET) ---- */

#define MDEV_SIM_NET_ST_LINK		0x000	/* dev: MDEV_SIM_NET_STATUS_* */
#define MDEV_SIM_NET_ST_LSC_COUNT	0x004	/* dev: link changes seen */
#define MDEV_SIM_NET_ST_RX_FILTERED	0x008	/* dev, u64: frames not for us */

#define MDEV_SIM_NET_ST_Q_BASE		0x100
#define MDEV_SIM_NET_ST_Q_STRIDE	0x100
#define MDEV_SIM_NET_ST_Q(q, off) \
	(MDEV_SIM_NET_ST_Q_BASE + (q) * MDEV_SIM_NET_ST_Q_STRIDE + (off))
/* Written by the device */
#define MDEV_SIM_NET_ST_RX_PROD		0x00	/* RX descriptors completed */
#define MDEV_SIM_NET_ST_TX_CONS		0x04	/* TX descriptors consumed */
/* Written by the driver: a doorbell the device samples, never traps */
#define MDEV_SIM_NET_ST_RX_TAIL		0x40	/* RX descriptors posted */
/* Counters (u64, written by the device) */
#define MDEV_SIM_NET_ST_RX_PACKETS	0x80
#define MDEV_SIM_NET_ST_RX_BYTES	0x88
#define MDEV_SIM_NET_ST_RX_MISSED	0x90	/* no buffer, queue off */
#define MDEV_SIM_NET_ST_RX_ERRORS	0x98	/* oversize, bad descriptor */
#define MDEV_SIM_NET_ST_TX_PACKETS	0xa0
#define MDEV_SIM_NET_ST_TX_BYTES	0xa8
#define MDEV_SIM_NET_ST_TX_ERRORS	0xb0	/* bad descriptor or frame */
#define MDEV_SIM_NET_ST_TX_DROPPED	0xb8	/* link down */

/* ---- descriptors (16 bytes, in rings the driver mapped for DMA) ---- */

struct mdev_sim_net_desc {
	__le64 addr;		/* buffer IOVA */
	__le16 buf_len;		/* RX: buffer size, set by the driver */
	__le16 len;		/* TX: bytes; RX: bytes stored by the device */
	__le16 flags;		/* MDEV_SIM_NET_DESC_* */
	__le16 reserved;
};

#define MDEV_SIM_NET_DESC_SIZE		16
#define MDEV_SIM_NET_DESC_EOP		0x0001	/* last buffer of a frame */
#define MDEV_SIM_NET_DESC_ERR		0x0002	/* RX: frame lost, drop it */

#endif /* MDEV_SIM_NET_HW_H */
