/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * Programming interface of the mdev_sim-test device.
 *
 * The datasheet in doc/guides/mdev_sim/test_device.rst explains the
 * behaviour; this header is the single source for the numbers. It has no
 * kernel dependencies so that userspace tests can include it.
 *
 * All BAR0 registers are 32 bits wide, little endian, and must be accessed
 * with naturally aligned 4-byte reads and writes. Reserved offsets in the
 * register page read as zero and ignore writes.
 */
#ifndef MDEV_SIM_TEST_HW_H
#define MDEV_SIM_TEST_HW_H

#include "mdev_sim_ids.h"

#define MDEV_SIM_TEST_REVISION		0x01

/* BAR layout */
#define MDEV_SIM_TEST_BAR0_SIZE		0x10000		/* 64 KiB, 32-bit memory */
#define MDEV_SIM_TEST_BAR0_TRAP_SIZE	0x1000		/* trapped register page */
#define MDEV_SIM_TEST_BAR0_MMAP_OFFSET	0x1000		/* sparse mmap area */
#define MDEV_SIM_TEST_BAR0_MMAP_SIZE	0xf000
#define MDEV_SIM_TEST_BAR2_SIZE		0x100000	/* 1 MiB, 64-bit, prefetchable */
#define MDEV_SIM_TEST_BAR4_SIZE		0x20		/* 32 bytes, I/O, trapped */

/* Interrupt resources */
#define MDEV_SIM_TEST_MSI_VECTORS	4
#define MDEV_SIM_TEST_MSIX_VECTORS	8
#define MDEV_SIM_TEST_MSIX_BAR		0
#define MDEV_SIM_TEST_MSIX_TABLE	0x800		/* 16 bytes per vector */
#define MDEV_SIM_TEST_MSIX_PBA		0xc00

/* BAR0 register page */
#define MDEV_SIM_TEST_REG_ID		0x000	/* RO: MDEV_SIM_TEST_ID_MAGIC */
#define MDEV_SIM_TEST_REG_VERSION	0x004	/* RO: major << 16 | minor */
#define MDEV_SIM_TEST_REG_SCRATCH	0x008	/* RW: no side effects */
#define MDEV_SIM_TEST_REG_STATUS	0x00c	/* RO: MDEV_SIM_TEST_STATUS_* */
#define MDEV_SIM_TEST_REG_IRQ_COUNT	0x010	/* RO: interrupts delivered */
#define MDEV_SIM_TEST_REG_IRQ_RAISE	0x014	/* WO: raise one interrupt */
#define MDEV_SIM_TEST_REG_DMA_SRC_LO	0x020	/* RW: source IOVA [31:0] */
#define MDEV_SIM_TEST_REG_DMA_SRC_HI	0x024	/* RW: source IOVA [63:32] */
#define MDEV_SIM_TEST_REG_DMA_DST_LO	0x028	/* RW: destination IOVA [31:0] */
#define MDEV_SIM_TEST_REG_DMA_DST_HI	0x02c	/* RW: destination IOVA [63:32] */
#define MDEV_SIM_TEST_REG_DMA_LEN	0x030	/* RW: bytes to copy */
#define MDEV_SIM_TEST_REG_DMA_CTRL	0x034	/* RW: MDEV_SIM_TEST_DMA_CTRL_* */
#define MDEV_SIM_TEST_REG_DMA_STATUS	0x038	/* RO: MDEV_SIM_TEST_DMA_STATUS_* */
#define MDEV_SIM_TEST_REG_DMA_IRQ	0x03c	/* RW: completion IRQ, as IRQ_RAISE */

#define MDEV_SIM_TEST_ID_MAGIC		0x4d49534d	/* bytes "MSIM" */
#define MDEV_SIM_TEST_VERSION		0x00010000	/* 1.0 */

#define MDEV_SIM_TEST_STATUS_READY	0x00000001	/* always set */
#define MDEV_SIM_TEST_STATUS_DMA_ERR	0x00000002	/* last DMA failed */
#define MDEV_SIM_TEST_STATUS_IRQ_ERR	0x00000004	/* last raise not deliverable */
#define MDEV_SIM_TEST_STATUS_INTX	0x00000008	/* INTx latched, not yet sent */

/*
 * IRQ_RAISE and DMA_IRQ encoding: the kind uses the VFIO IRQ index numbers
 * so that a test can pass the index it configured straight through.
 */
#define MDEV_SIM_TEST_IRQ_VECTOR_MASK	0x0000ffff
#define MDEV_SIM_TEST_IRQ_KIND_SHIFT	16
#define MDEV_SIM_TEST_IRQ_KIND_MASK	0x000f0000
#define MDEV_SIM_TEST_IRQ_KIND_INTX	0	/* VFIO_PCI_INTX_IRQ_INDEX */
#define MDEV_SIM_TEST_IRQ_KIND_MSI	1	/* VFIO_PCI_MSI_IRQ_INDEX */
#define MDEV_SIM_TEST_IRQ_KIND_MSIX	2	/* VFIO_PCI_MSIX_IRQ_INDEX */
#define MDEV_SIM_TEST_IRQ_KIND_ERR	3	/* VFIO_PCI_ERR_IRQ_INDEX */
#define MDEV_SIM_TEST_IRQ(kind, vector) \
	((((kind) << MDEV_SIM_TEST_IRQ_KIND_SHIFT) & \
	  MDEV_SIM_TEST_IRQ_KIND_MASK) | \
	 ((vector) & MDEV_SIM_TEST_IRQ_VECTOR_MASK))

#define MDEV_SIM_TEST_DMA_MAX_LEN	0x100000	/* 1 MiB */

#define MDEV_SIM_TEST_DMA_CTRL_GO	0x00000001	/* self-clearing */
#define MDEV_SIM_TEST_DMA_CTRL_IRQ	0x00000002	/* raise DMA_IRQ when done */

#define MDEV_SIM_TEST_DMA_STATUS_DONE	0x00000001
#define MDEV_SIM_TEST_DMA_STATUS_ERR	0x00000002
/* On error, bits 31:16 hold the positive errno of the failure. */
#define MDEV_SIM_TEST_DMA_STATUS_ERRNO_SHIFT	16

#endif /* MDEV_SIM_TEST_HW_H */
