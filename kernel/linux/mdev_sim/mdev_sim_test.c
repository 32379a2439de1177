// SPDX-License-Identifier: GPL-2.0
/*
 * mdev_sim-test: a PCI function with no purpose beyond exercising a VFIO
 * userspace driver: scratch registers, interrupts on demand and a DMA copy
 * engine. The programming interface is in mdev_sim_test_hw.h.
 */

#include <linux/mm.h>
#include <linux/slab.h>

#include "mdev_sim.h"
#include "mdev_sim_test_hw.h"

struct mdev_sim_test {
	u32 scratch;
	u32 status;
	u64 dma_src;
	u64 dma_dst;
	u32 dma_len;
	u32 dma_ctrl;
	u32 dma_status;
	u32 dma_irq;
	u8 io[MDEV_SIM_TEST_BAR4_SIZE];		/* BAR4 scratch bytes */
};

static void test_reset(struct mdev_sim_pci *pci)
{
	struct mdev_sim_test *t = mdev_sim_pci_priv(pci);

	memset(t, 0, sizeof(*t));
	t->status = MDEV_SIM_TEST_STATUS_READY;
}

static void set_status(struct mdev_sim_test *t, u32 bit, bool on)
{
	if (on)
		t->status |= bit;
	else
		t->status &= ~bit;
}

static int test_raise(struct mdev_sim_pci *pci, u32 encoded)
{
	struct mdev_sim_test *t = mdev_sim_pci_priv(pci);
	unsigned int kind = (encoded & MDEV_SIM_TEST_IRQ_KIND_MASK) >>
			    MDEV_SIM_TEST_IRQ_KIND_SHIFT;
	unsigned int vector = encoded & MDEV_SIM_TEST_IRQ_VECTOR_MASK;
	int ret;

	ret = mdev_sim_pci_raise_irq(pci, kind, vector);
	set_status(t, MDEV_SIM_TEST_STATUS_IRQ_ERR, ret);
	return ret;
}

static int test_dma_validate(struct mdev_sim_test *t)
{
	u64 len = t->dma_len;

	if (!len || len > MDEV_SIM_TEST_DMA_MAX_LEN)
		return -EINVAL;
	/* Neither range may wrap around the end of the IOVA space. */
	if (t->dma_src + len - 1 < t->dma_src ||
	    t->dma_dst + len - 1 < t->dma_dst)
		return -EINVAL;
	return 0;
}

/*
 * The copy bounces through a kernel buffer holding the whole source, so
 * overlapping ranges behave like memmove.
 */
static int test_dma_copy(struct mdev_sim_pci *pci, struct mdev_sim_test *t)
{
	void *buf;
	int ret;

	ret = test_dma_validate(t);
	if (ret)
		return ret;

	buf = kvmalloc(t->dma_len, GFP_KERNEL_ACCOUNT);
	if (!buf)
		return -ENOMEM;

	ret = mdev_sim_pci_dma_rw(pci, t->dma_src, buf, t->dma_len, false);
	if (!ret)
		ret = mdev_sim_pci_dma_rw(pci, t->dma_dst, buf, t->dma_len,
					  true);
	kvfree(buf);
	return ret;
}

/* The engine is synchronous: the write that sets GO returns once done. */
static void test_dma_go(struct mdev_sim_pci *pci, struct mdev_sim_test *t)
{
	int ret = test_dma_copy(pci, t);

	t->dma_status = MDEV_SIM_TEST_DMA_STATUS_DONE;
	if (ret)
		t->dma_status |= MDEV_SIM_TEST_DMA_STATUS_ERR |
				 ((u32)-ret << MDEV_SIM_TEST_DMA_STATUS_ERRNO_SHIFT);
	set_status(t, MDEV_SIM_TEST_STATUS_DMA_ERR, ret);

	if (t->dma_ctrl & MDEV_SIM_TEST_DMA_CTRL_IRQ)
		test_raise(pci, t->dma_irq);
}

static u32 test_reg_read(struct mdev_sim_pci *pci, struct mdev_sim_test *t,
			 u64 off)
{
	switch (off) {
	case MDEV_SIM_TEST_REG_ID:
		return MDEV_SIM_TEST_ID_MAGIC;
	case MDEV_SIM_TEST_REG_VERSION:
		return MDEV_SIM_TEST_VERSION;
	case MDEV_SIM_TEST_REG_SCRATCH:
		return t->scratch;
	case MDEV_SIM_TEST_REG_STATUS:
		return t->status | (mdev_sim_pci_intx_pending(pci) ?
				    MDEV_SIM_TEST_STATUS_INTX : 0);
	case MDEV_SIM_TEST_REG_IRQ_COUNT:
		return mdev_sim_pci_irq_count(pci);
	case MDEV_SIM_TEST_REG_DMA_SRC_LO:
		return lower_32_bits(t->dma_src);
	case MDEV_SIM_TEST_REG_DMA_SRC_HI:
		return upper_32_bits(t->dma_src);
	case MDEV_SIM_TEST_REG_DMA_DST_LO:
		return lower_32_bits(t->dma_dst);
	case MDEV_SIM_TEST_REG_DMA_DST_HI:
		return upper_32_bits(t->dma_dst);
	case MDEV_SIM_TEST_REG_DMA_LEN:
		return t->dma_len;
	case MDEV_SIM_TEST_REG_DMA_CTRL:
		return t->dma_ctrl;
	case MDEV_SIM_TEST_REG_DMA_STATUS:
		return t->dma_status;
	case MDEV_SIM_TEST_REG_DMA_IRQ:
		return t->dma_irq;
	}
	return 0;
}

static void test_reg_write(struct mdev_sim_pci *pci, struct mdev_sim_test *t,
			   u64 off, u32 val)
{
	switch (off) {
	case MDEV_SIM_TEST_REG_SCRATCH:
		t->scratch = val;
		break;
	case MDEV_SIM_TEST_REG_IRQ_RAISE:
		test_raise(pci, val);
		break;
	case MDEV_SIM_TEST_REG_DMA_SRC_LO:
		mdev_sim_set_lo(&t->dma_src, val);
		break;
	case MDEV_SIM_TEST_REG_DMA_SRC_HI:
		mdev_sim_set_hi(&t->dma_src, val);
		break;
	case MDEV_SIM_TEST_REG_DMA_DST_LO:
		mdev_sim_set_lo(&t->dma_dst, val);
		break;
	case MDEV_SIM_TEST_REG_DMA_DST_HI:
		mdev_sim_set_hi(&t->dma_dst, val);
		break;
	case MDEV_SIM_TEST_REG_DMA_LEN:
		t->dma_len = val;
		break;
	case MDEV_SIM_TEST_REG_DMA_CTRL:
		t->dma_ctrl = val & MDEV_SIM_TEST_DMA_CTRL_IRQ;
		if (val & MDEV_SIM_TEST_DMA_CTRL_GO)
			test_dma_go(pci, t);
		break;
	case MDEV_SIM_TEST_REG_DMA_IRQ:
		t->dma_irq = val & (MDEV_SIM_TEST_IRQ_KIND_MASK |
				    MDEV_SIM_TEST_IRQ_VECTOR_MASK);
		break;
	}
}

/* BAR4 is plain byte-addressable storage, so any access size is fine. */
static int test_io_access(struct mdev_sim_test *t, u64 off, u32 *val,
			  unsigned int size, bool write)
{
	if (write)
		memcpy(&t->io[off], val, size);
	else
		memcpy(val, &t->io[off], size);
	return 0;
}

static int test_bar_read(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
			 u32 *val, unsigned int size)
{
	struct mdev_sim_test *t = mdev_sim_pci_priv(pci);

	if (bar == 4)
		return test_io_access(t, off, val, size, false);
	if (bar != 0 || size != 4)
		return -EINVAL;
	*val = test_reg_read(pci, t, off);
	return 0;
}

static int test_bar_write(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
			  u32 val, unsigned int size)
{
	struct mdev_sim_test *t = mdev_sim_pci_priv(pci);

	if (bar == 4)
		return test_io_access(t, off, &val, size, true);
	if (bar != 0 || size != 4)
		return -EINVAL;
	test_reg_write(pci, t, off, val);
	return 0;
}

static const struct mdev_sim_pci_model mdev_sim_test_model = {
	.vendor			= MDEV_SIM_PCI_VENDOR_ID,
	.device			= MDEV_SIM_TEST_DEVICE_ID,
	.subsystem_vendor	= MDEV_SIM_PCI_SUBSYS_VENDOR_ID,
	.subsystem_device	= MDEV_SIM_TEST_DEVICE_ID,
	.revision		= MDEV_SIM_TEST_REVISION,
	.class_code		= MDEV_SIM_PCI_CLASS_OTHER,
	.bar = {
		[0] = {
			.size		= MDEV_SIM_TEST_BAR0_SIZE,
			.mmap_offset	= MDEV_SIM_TEST_BAR0_MMAP_OFFSET,
			.mmap_size	= MDEV_SIM_TEST_BAR0_MMAP_SIZE,
		},
		[2] = {
			.size		= MDEV_SIM_TEST_BAR2_SIZE,
			.flags		= MDEV_SIM_BAR_64 | MDEV_SIM_BAR_PREFETCH,
			.mmap_offset	= 0,
			.mmap_size	= MDEV_SIM_TEST_BAR2_SIZE,
		},
		[4] = {
			.size		= MDEV_SIM_TEST_BAR4_SIZE,
			.flags		= MDEV_SIM_BAR_IO,
		},
	},
	.msi_vectors		= MDEV_SIM_TEST_MSI_VECTORS,
	.msix_vectors		= MDEV_SIM_TEST_MSIX_VECTORS,
	.msix_bar		= MDEV_SIM_TEST_MSIX_BAR,
	.msix_table_offset	= MDEV_SIM_TEST_MSIX_TABLE,
	.msix_pba_offset	= MDEV_SIM_TEST_MSIX_PBA,
	.priv_size		= sizeof(struct mdev_sim_test),
	.reset			= test_reset,
	.bar_read		= test_bar_read,
	.bar_write		= test_bar_write,
};

struct mdev_sim_type mdev_sim_test_type = {
	.mtype = {
		.sysfs_name	= "test",
		.pretty_name	= "mdev_sim test device",
	},
	.family		= &mdev_sim_pci_family,
	.model		= &mdev_sim_test_model,
	.description	= "PCI test function: registers, INTx/MSI/MSI-X, DMA copy engine",
};
