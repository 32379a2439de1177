// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-pci family: an emulated PCI function shared by all PCI device models.
 *
 * This file owns everything a model should not have to care about: the
 * type 0 config header with BAR sizing, the capability list (power
 * management, MSI, MSI-X, advanced features for FLR), the MSI-X table and
 * PBA, BAR backing memory and its mmap, and the VFIO interrupt plumbing.
 * A model (struct mdev_sim_pci_model) only supplies IDs, a BAR layout and
 * handlers for its trapped registers, and raises interrupts by vector.
 */

#include <linux/eventfd.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "mdev_sim.h"

#define MDEV_SIM_CFG_SIZE	PCI_CFG_SPACE_SIZE

/* Placement of the capabilities in config space. */
#define MDEV_SIM_CAP_PM		0x40
#define MDEV_SIM_CAP_MSI	0x48
#define MDEV_SIM_CAP_MSIX	0x60
#define MDEV_SIM_CAP_AF		0x70
#define MDEV_SIM_CAP_MSI_SIZE	0x10	/* 64-bit, no per-vector masking */
#define MDEV_SIM_CAP_AF_SIZE	6

#define MDEV_SIM_CMD_WMASK	(PCI_COMMAND_IO | PCI_COMMAND_MEMORY | \
				 PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | \
				 PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE)
#define MDEV_SIM_STATUS_W1C	(PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT | \
				 PCI_STATUS_REC_TARGET_ABORT | \
				 PCI_STATUS_REC_MASTER_ABORT | \
				 PCI_STATUS_SIG_SYSTEM_ERROR | \
				 PCI_STATUS_DETECTED_PARITY)

enum mdev_sim_irq_mode {
	MDEV_SIM_IRQ_NONE,
	MDEV_SIM_IRQ_INTX,
	MDEV_SIM_IRQ_MSI,
	MDEV_SIM_IRQ_MSIX,
};

struct mdev_sim_pci {
	struct mdev_sim_dev *sdev;
	const struct mdev_sim_pci_model *model;
	void *model_priv;

	u8 cfg[MDEV_SIM_CFG_SIZE];
	u8 wmask[MDEV_SIM_CFG_SIZE];	/* bits userspace may change */
	u8 w1cmask[MDEV_SIM_CFG_SIZE];	/* bits cleared by writing one */

	void *bar_mem[PCI_STD_NUM_BARS];	/* vmalloc_user, whole BAR */

	/* MSI-X table as 32-bit words, 4 per vector, and pending bits */
	u32 *msix_table;
	unsigned long *msix_pba;

	enum mdev_sim_irq_mode irq_mode;
	struct eventfd_ctx *intx_trigger;
	bool intx_masked;	/* VFIO mask, set automatically on delivery */
	bool intx_pending;	/* asserted while masked or disabled */
	struct eventfd_ctx **msi_trigger;
	struct eventfd_ctx **msix_trigger;
	struct eventfd_ctx *err_trigger;
	struct eventfd_ctx *req_trigger;
	u32 irq_count;		/* interrupts the device delivered */
};

static inline struct mdev_sim_pci *to_pci(struct mdev_sim_dev *sdev)
{
	return sdev->priv;
}

void *mdev_sim_pci_priv(struct mdev_sim_pci *pci)
{
	return pci->model_priv;
}

struct device *mdev_sim_pci_to_dev(struct mdev_sim_pci *pci)
{
	return mdev_sim_dev_to_dev(pci->sdev);
}

/* For models that must take the device lock outside a register access. */
struct mdev_sim_dev *mdev_sim_pci_sdev(struct mdev_sim_pci *pci)
{
	return pci->sdev;
}

void *mdev_sim_pci_bar_mem(struct mdev_sim_pci *pci, unsigned int bar)
{
	return bar < PCI_STD_NUM_BARS ? pci->bar_mem[bar] : NULL;
}

u32 mdev_sim_pci_irq_count(struct mdev_sim_pci *pci)
{
	return pci->irq_count;
}

bool mdev_sim_pci_intx_pending(struct mdev_sim_pci *pci)
{
	return pci->intx_pending;
}

/* ---- config space helpers ---- */

static u16 cfg_get16(struct mdev_sim_pci *pci, unsigned int off)
{
	return pci->cfg[off] | (pci->cfg[off + 1] << 8);
}

static void cfg_set16(u8 *space, unsigned int off, u16 val)
{
	space[off] = val & 0xff;
	space[off + 1] = val >> 8;
}

static void cfg_set32(u8 *space, unsigned int off, u32 val)
{
	cfg_set16(space, off, val & 0xffff);
	cfg_set16(space, off + 2, val >> 16);
}

static void cfg_update16(struct mdev_sim_pci *pci, unsigned int off,
			 u16 clear, u16 set)
{
	cfg_set16(pci->cfg, off, (cfg_get16(pci, off) & ~clear) | set);
}

static bool bar_is_upper_half(const struct mdev_sim_pci_model *model,
			      unsigned int bar)
{
	return bar > 0 && (model->bar[bar - 1].flags & MDEV_SIM_BAR_64) &&
	       model->bar[bar - 1].size;
}

static u64 bar_size(const struct mdev_sim_pci_model *model, unsigned int bar)
{
	if (bar >= PCI_STD_NUM_BARS || bar_is_upper_half(model, bar))
		return 0;
	return model->bar[bar].size;
}

/*
 * Only the size-aligned address bits are writable, so writing all ones and
 * reading back yields the size mask, exactly as BAR sizing expects.
 */
static void cfg_init_bar(struct mdev_sim_pci *pci, unsigned int bar)
{
	const struct mdev_sim_pci_bar *b = &pci->model->bar[bar];
	unsigned int off = PCI_BASE_ADDRESS_0 + bar * 4;
	u64 mask = ~(b->size - 1);
	u32 flags;

	if (!b->size)
		return;

	if (b->flags & MDEV_SIM_BAR_IO) {
		cfg_set32(pci->cfg, off, PCI_BASE_ADDRESS_SPACE_IO);
		cfg_set32(pci->wmask, off, (u32)mask & PCI_BASE_ADDRESS_IO_MASK);
		return;
	}

	flags = PCI_BASE_ADDRESS_SPACE_MEMORY;
	if (b->flags & MDEV_SIM_BAR_64)
		flags |= PCI_BASE_ADDRESS_MEM_TYPE_64;
	if (b->flags & MDEV_SIM_BAR_PREFETCH)
		flags |= PCI_BASE_ADDRESS_MEM_PREFETCH;
	cfg_set32(pci->cfg, off, flags);
	cfg_set32(pci->wmask, off, (u32)mask & PCI_BASE_ADDRESS_MEM_MASK);
	if (b->flags & MDEV_SIM_BAR_64)
		cfg_set32(pci->wmask, off + 4, mask >> 32);
}

static void cfg_init_header(struct mdev_sim_pci *pci)
{
	const struct mdev_sim_pci_model *model = pci->model;
	unsigned int bar;

	cfg_set16(pci->cfg, PCI_VENDOR_ID, model->vendor);
	cfg_set16(pci->cfg, PCI_DEVICE_ID, model->device);
	cfg_set16(pci->wmask, PCI_COMMAND, MDEV_SIM_CMD_WMASK);
	cfg_set16(pci->cfg, PCI_STATUS, PCI_STATUS_CAP_LIST);
	cfg_set16(pci->w1cmask, PCI_STATUS, MDEV_SIM_STATUS_W1C);
	pci->cfg[PCI_REVISION_ID] = model->revision;
	pci->cfg[PCI_CLASS_PROG] = model->class_code & 0xff;
	cfg_set16(pci->cfg, PCI_CLASS_DEVICE, model->class_code >> 8);
	pci->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
	pci->wmask[PCI_LATENCY_TIMER] = 0xff;
	pci->cfg[PCI_HEADER_TYPE] = PCI_HEADER_TYPE_NORMAL;

	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++)
		if (bar_size(model, bar))
			cfg_init_bar(pci, bar);

	cfg_set16(pci->cfg, PCI_SUBSYSTEM_VENDOR_ID, model->subsystem_vendor);
	cfg_set16(pci->cfg, PCI_SUBSYSTEM_ID, model->subsystem_device);
	/* PCI_ROM_ADDRESS stays read-only zero: no expansion ROM. */
	pci->wmask[PCI_INTERRUPT_LINE] = 0xff;
	pci->cfg[PCI_INTERRUPT_PIN] = 1;	/* INTA# */
}

/* Appends a capability and links it behind @prev (0: capability pointer). */
static void cfg_add_cap(struct mdev_sim_pci *pci, unsigned int *prev,
			unsigned int off, u8 id)
{
	pci->cfg[off] = id;
	pci->cfg[off + PCI_CAP_LIST_NEXT] = 0;
	pci->cfg[*prev ? *prev + PCI_CAP_LIST_NEXT : PCI_CAPABILITY_LIST] = off;
	*prev = off;
}

static void cfg_init_caps(struct mdev_sim_pci *pci)
{
	const struct mdev_sim_pci_model *model = pci->model;
	unsigned int prev = 0;
	unsigned int off;

	off = MDEV_SIM_CAP_PM;
	cfg_add_cap(pci, &prev, off, PCI_CAP_ID_PM);
	cfg_set16(pci->cfg, off + PCI_PM_PMC, 3);	/* PM spec 1.2 */
	/* D3hot to D0 keeps state, so the power state is only a register. */
	cfg_set16(pci->cfg, off + PCI_PM_CTRL, PCI_PM_CTRL_NO_SOFT_RESET);
	cfg_set16(pci->wmask, off + PCI_PM_CTRL, PCI_PM_CTRL_STATE_MASK);

	if (model->msi_vectors) {
		off = MDEV_SIM_CAP_MSI;
		cfg_add_cap(pci, &prev, off, PCI_CAP_ID_MSI);
		cfg_set16(pci->cfg, off + PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT |
			  (ilog2(model->msi_vectors) << 1));
		cfg_set16(pci->wmask, off + PCI_MSI_FLAGS,
			  PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE);
		cfg_set32(pci->wmask, off + PCI_MSI_ADDRESS_LO, 0xfffffffc);
		cfg_set32(pci->wmask, off + PCI_MSI_ADDRESS_HI, 0xffffffff);
		cfg_set16(pci->wmask, off + PCI_MSI_DATA_64, 0xffff);
	}

	if (model->msix_vectors) {
		off = MDEV_SIM_CAP_MSIX;
		cfg_add_cap(pci, &prev, off, PCI_CAP_ID_MSIX);
		cfg_set16(pci->cfg, off + PCI_MSIX_FLAGS,
			  model->msix_vectors - 1);
		cfg_set16(pci->wmask, off + PCI_MSIX_FLAGS,
			  PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
		cfg_set32(pci->cfg, off + PCI_MSIX_TABLE,
			  model->msix_table_offset | model->msix_bar);
		cfg_set32(pci->cfg, off + PCI_MSIX_PBA,
			  model->msix_pba_offset | model->msix_bar);
	}

	off = MDEV_SIM_CAP_AF;
	cfg_add_cap(pci, &prev, off, PCI_CAP_ID_AF);
	pci->cfg[off + PCI_AF_LENGTH] = MDEV_SIM_CAP_AF_SIZE;
	pci->cfg[off + PCI_AF_CAP] = PCI_AF_CAP_TP | PCI_AF_CAP_FLR;
	pci->wmask[off + PCI_AF_CTRL] = PCI_AF_CTRL_FLR;
}

static void cfg_init(struct mdev_sim_pci *pci)
{
	memset(pci->cfg, 0, sizeof(pci->cfg));
	memset(pci->wmask, 0, sizeof(pci->wmask));
	memset(pci->w1cmask, 0, sizeof(pci->w1cmask));
	cfg_init_header(pci);
	cfg_init_caps(pci);
}

static bool cfg_cmd(struct mdev_sim_pci *pci, u16 bit)
{
	return cfg_get16(pci, PCI_COMMAND) & bit;
}

/*
 * For paths without the device lock: I/O, memory and bus master enable
 * all sit in the command register's low byte, which one read gets whole.
 */
static bool cfg_cmd_nolock(struct mdev_sim_pci *pci, u8 bit)
{
	return READ_ONCE(pci->cfg[PCI_COMMAND]) & bit;
}

/* ---- interrupts ---- */

static void irq_signal(struct mdev_sim_pci *pci, struct eventfd_ctx *ctx)
{
	mdev_sim_eventfd_signal(ctx);
	pci->irq_count++;
}

static void intx_set_pending(struct mdev_sim_pci *pci, bool pending)
{
	pci->intx_pending = pending;
	cfg_update16(pci, PCI_STATUS, PCI_STATUS_INTERRUPT,
		     pending ? PCI_STATUS_INTERRUPT : 0);
}

/*
 * Like vfio-pci, INTx masks itself on delivery so that a level-triggered
 * line does not storm userspace; userspace unmasks once it has serviced it.
 */
static void intx_deliver(struct mdev_sim_pci *pci)
{
	if (pci->irq_mode != MDEV_SIM_IRQ_INTX || !pci->intx_trigger)
		return;
	if (pci->intx_masked || cfg_cmd(pci, PCI_COMMAND_INTX_DISABLE)) {
		intx_set_pending(pci, true);
		return;
	}
	intx_set_pending(pci, false);
	pci->intx_masked = true;
	irq_signal(pci, pci->intx_trigger);
}

static void intx_retry_pending(struct mdev_sim_pci *pci)
{
	if (pci->intx_pending)
		intx_deliver(pci);
}

static u32 *msix_entry(struct mdev_sim_pci *pci, unsigned int vector)
{
	return &pci->msix_table[vector * PCI_MSIX_ENTRY_SIZE / 4];
}

static bool msix_masked(struct mdev_sim_pci *pci, unsigned int vector)
{
	u16 flags = cfg_get16(pci, MDEV_SIM_CAP_MSIX + PCI_MSIX_FLAGS);

	return (flags & PCI_MSIX_FLAGS_MASKALL) ||
	       (msix_entry(pci, vector)[PCI_MSIX_ENTRY_VECTOR_CTRL / 4] &
		PCI_MSIX_ENTRY_CTRL_MASKBIT);
}

static void msix_deliver(struct mdev_sim_pci *pci, unsigned int vector)
{
	if (msix_masked(pci, vector)) {
		set_bit(vector, pci->msix_pba);
		return;
	}
	clear_bit(vector, pci->msix_pba);
	irq_signal(pci, pci->msix_trigger[vector]);
}

/* Sends what was held back by a mask once the mask goes away. */
static void msix_retry_pending(struct mdev_sim_pci *pci)
{
	unsigned int nvec = pci->model->msix_vectors;
	unsigned int v;

	if (pci->irq_mode != MDEV_SIM_IRQ_MSIX)
		return;
	for_each_set_bit(v, pci->msix_pba, nvec)
		if (pci->msix_trigger[v] && !msix_masked(pci, v))
			msix_deliver(pci, v);
}

/**
 * mdev_sim_pci_raise_irq - raise an interrupt from the device model
 * @pci: the function
 * @index: VFIO_PCI_{INTX,MSI,MSIX,ERR}_IRQ_INDEX
 * @vector: vector within @index
 *
 * Return: 0 when delivered, or held pending by a mask; -EINVAL for a vector
 * the function does not have; -ENODEV when userspace has not enabled that
 * interrupt, the state in which real hardware's message would be lost.
 */
int mdev_sim_pci_raise_irq(struct mdev_sim_pci *pci, unsigned int index,
			   unsigned int vector)
{
	const struct mdev_sim_pci_model *model = pci->model;

	switch (index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		if (vector)
			return -EINVAL;
		if (pci->irq_mode != MDEV_SIM_IRQ_INTX || !pci->intx_trigger)
			return -ENODEV;
		intx_deliver(pci);
		return 0;
	case VFIO_PCI_MSI_IRQ_INDEX:
		if (vector >= model->msi_vectors)
			return -EINVAL;
		if (pci->irq_mode != MDEV_SIM_IRQ_MSI ||
		    !pci->msi_trigger[vector])
			return -ENODEV;
		irq_signal(pci, pci->msi_trigger[vector]);
		return 0;
	case VFIO_PCI_MSIX_IRQ_INDEX:
		if (vector >= model->msix_vectors)
			return -EINVAL;
		if (pci->irq_mode != MDEV_SIM_IRQ_MSIX ||
		    !pci->msix_trigger[vector])
			return -ENODEV;
		msix_deliver(pci, vector);
		return 0;
	case VFIO_PCI_ERR_IRQ_INDEX:
		if (vector)
			return -EINVAL;
		if (!pci->err_trigger)
			return -ENODEV;
		irq_signal(pci, pci->err_trigger);
		return 0;
	}
	return -EINVAL;
}

static void put_trigger(struct eventfd_ctx **ctx)
{
	if (*ctx)
		eventfd_ctx_put(*ctx);
	*ctx = NULL;
}

/* The enable bits mirror what the host kernel would have programmed. */
static void irq_sync_cfg(struct mdev_sim_pci *pci)
{
	if (pci->model->msi_vectors)
		cfg_update16(pci, MDEV_SIM_CAP_MSI + PCI_MSI_FLAGS,
			     PCI_MSI_FLAGS_ENABLE,
			     pci->irq_mode == MDEV_SIM_IRQ_MSI ?
			     PCI_MSI_FLAGS_ENABLE : 0);
	if (pci->model->msix_vectors)
		cfg_update16(pci, MDEV_SIM_CAP_MSIX + PCI_MSIX_FLAGS,
			     PCI_MSIX_FLAGS_ENABLE,
			     pci->irq_mode == MDEV_SIM_IRQ_MSIX ?
			     PCI_MSIX_FLAGS_ENABLE : 0);
}

static void irq_disable(struct mdev_sim_pci *pci)
{
	unsigned int i;

	put_trigger(&pci->intx_trigger);
	pci->intx_masked = false;
	intx_set_pending(pci, false);
	for (i = 0; i < pci->model->msi_vectors; i++)
		put_trigger(&pci->msi_trigger[i]);
	for (i = 0; i < pci->model->msix_vectors; i++)
		put_trigger(&pci->msix_trigger[i]);
	if (pci->msix_pba)
		bitmap_zero(pci->msix_pba, pci->model->msix_vectors);
	pci->irq_mode = MDEV_SIM_IRQ_NONE;
	irq_sync_cfg(pci);
}

static void irq_disable_all(struct mdev_sim_pci *pci)
{
	irq_disable(pci);
	put_trigger(&pci->err_trigger);
	put_trigger(&pci->req_trigger);
}

/* Resolves an eventfd number from SET_IRQS; -1 means "no eventfd". */
static int get_trigger(s32 fd, struct eventfd_ctx **ctx)
{
	*ctx = NULL;
	if (fd == -1)
		return 0;
	if (fd < 0)
		return -EINVAL;
	*ctx = eventfd_ctx_fdget(fd);
	if (IS_ERR(*ctx)) {
		int ret = PTR_ERR(*ctx);

		*ctx = NULL;
		return ret;
	}
	return 0;
}

/* Loopback: DATA_NONE signals every vector, DATA_BOOL the ones set. */
static bool loopback_selected(const struct vfio_irq_set *hdr, const u8 *data,
			      unsigned int i)
{
	if (hdr->flags & VFIO_IRQ_SET_DATA_BOOL)
		return data[i];
	return true;
}

static int set_intx_mask(struct mdev_sim_pci *pci,
			 const struct vfio_irq_set *hdr, const u8 *data,
			 bool mask)
{
	if (pci->irq_mode != MDEV_SIM_IRQ_INTX || hdr->count != 1)
		return -EINVAL;
	if (hdr->flags & VFIO_IRQ_SET_DATA_EVENTFD)
		return -ENOTTY;		/* no irqfd-style (un)masking */
	if (!loopback_selected(hdr, data, 0))
		return 0;

	pci->intx_masked = mask;
	if (!mask)
		intx_retry_pending(pci);
	return 0;
}

static int set_intx_trigger(struct mdev_sim_pci *pci,
			    const struct vfio_irq_set *hdr, void *data)
{
	struct eventfd_ctx *ctx;
	int ret;

	if (pci->irq_mode == MDEV_SIM_IRQ_INTX && !hdr->count &&
	    (hdr->flags & VFIO_IRQ_SET_DATA_NONE)) {
		irq_disable(pci);
		return 0;
	}
	if (pci->irq_mode != MDEV_SIM_IRQ_NONE &&
	    pci->irq_mode != MDEV_SIM_IRQ_INTX)
		return -EINVAL;
	if (hdr->count != 1)
		return -EINVAL;

	if (hdr->flags & VFIO_IRQ_SET_DATA_EVENTFD) {
		ret = get_trigger(*(s32 *)data, &ctx);
		if (ret)
			return ret;
		if (!ctx) {
			irq_disable(pci);
			return 0;
		}
		put_trigger(&pci->intx_trigger);
		pci->intx_trigger = ctx;
		pci->irq_mode = MDEV_SIM_IRQ_INTX;
		irq_sync_cfg(pci);
		return 0;
	}

	if (pci->irq_mode != MDEV_SIM_IRQ_INTX)
		return -EINVAL;
	if (loopback_selected(hdr, data, 0))
		mdev_sim_eventfd_signal(pci->intx_trigger);
	return 0;
}

/*
 * New eventfds are all resolved before any is installed, so a bad fd in the
 * middle of a block leaves the previous configuration untouched.
 */
static int set_vector_block(struct eventfd_ctx **triggers,
			    const struct vfio_irq_set *hdr, const s32 *fds)
{
	struct eventfd_ctx **ctx;
	unsigned int i;
	int ret = 0;

	ctx = kcalloc(hdr->count, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;

	for (i = 0; i < hdr->count && !ret; i++)
		ret = get_trigger(fds[i], &ctx[i]);

	for (i = 0; i < hdr->count; i++) {
		if (ret) {
			put_trigger(&ctx[i]);
			continue;
		}
		put_trigger(&triggers[hdr->start + i]);
		triggers[hdr->start + i] = ctx[i];
	}
	kfree(ctx);
	return ret;
}

/* The host kernel unmasks a vector when it installs its handler. */
static void msix_unmask_installed(struct mdev_sim_pci *pci,
				  const struct vfio_irq_set *hdr)
{
	unsigned int i;

	for (i = hdr->start; i < hdr->start + hdr->count; i++)
		if (pci->msix_trigger[i])
			msix_entry(pci, i)[PCI_MSIX_ENTRY_VECTOR_CTRL / 4] &=
				~PCI_MSIX_ENTRY_CTRL_MASKBIT;
}

static int set_msi_trigger(struct mdev_sim_pci *pci,
			   const struct vfio_irq_set *hdr, void *data)
{
	bool msix = hdr->index == VFIO_PCI_MSIX_IRQ_INDEX;
	enum mdev_sim_irq_mode mode = msix ? MDEV_SIM_IRQ_MSIX :
					     MDEV_SIM_IRQ_MSI;
	struct eventfd_ctx **triggers = msix ? pci->msix_trigger :
					       pci->msi_trigger;
	unsigned int i;
	int ret;

	if (pci->irq_mode == mode && !hdr->count &&
	    (hdr->flags & VFIO_IRQ_SET_DATA_NONE)) {
		irq_disable(pci);
		return 0;
	}
	if (pci->irq_mode != MDEV_SIM_IRQ_NONE && pci->irq_mode != mode)
		return -EINVAL;
	if (!hdr->count)
		return -EINVAL;

	if (hdr->flags & VFIO_IRQ_SET_DATA_EVENTFD) {
		ret = set_vector_block(triggers, hdr, data);
		if (ret)
			return ret;
		pci->irq_mode = mode;
		irq_sync_cfg(pci);
		if (msix) {
			msix_unmask_installed(pci, hdr);
			msix_retry_pending(pci);
		}
		return 0;
	}

	if (pci->irq_mode != mode)
		return -EINVAL;
	for (i = 0; i < hdr->count; i++)
		if (triggers[hdr->start + i] &&
		    loopback_selected(hdr, data, i))
			mdev_sim_eventfd_signal(triggers[hdr->start + i]);
	return 0;
}

/* ERR and REQ: a single eventfd, with the vfio-pci loopback semantics. */
static int set_single_trigger(struct eventfd_ctx **trigger,
			      const struct vfio_irq_set *hdr, void *data)
{
	struct eventfd_ctx *ctx;
	int ret;

	if (hdr->flags & VFIO_IRQ_SET_DATA_NONE) {
		if (!hdr->count)
			put_trigger(trigger);
		else if (*trigger)
			mdev_sim_eventfd_signal(*trigger);
		return 0;
	}
	if (!hdr->count)
		return -EINVAL;

	if (hdr->flags & VFIO_IRQ_SET_DATA_BOOL) {
		if (*(u8 *)data && *trigger)
			mdev_sim_eventfd_signal(*trigger);
		return 0;
	}

	ret = get_trigger(*(s32 *)data, &ctx);
	if (ret)
		return ret;
	put_trigger(trigger);
	*trigger = ctx;
	return 0;
}

static int pci_set_irqs(struct mdev_sim_dev *sdev,
			const struct vfio_irq_set *hdr, void *data)
{
	struct mdev_sim_pci *pci = to_pci(sdev);
	u32 action = hdr->flags & VFIO_IRQ_SET_ACTION_TYPE_MASK;

	/* Exactly one data type and one action, as the API requires. */
	if (hweight32(hdr->flags & VFIO_IRQ_SET_DATA_TYPE_MASK) != 1 ||
	    hweight32(action) != 1)
		return -EINVAL;

	switch (hdr->index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		if (action == VFIO_IRQ_SET_ACTION_MASK)
			return set_intx_mask(pci, hdr, data, true);
		if (action == VFIO_IRQ_SET_ACTION_UNMASK)
			return set_intx_mask(pci, hdr, data, false);
		return set_intx_trigger(pci, hdr, data);
	case VFIO_PCI_MSI_IRQ_INDEX:
	case VFIO_PCI_MSIX_IRQ_INDEX:
		if (action != VFIO_IRQ_SET_ACTION_TRIGGER)
			return -ENOTTY;
		return set_msi_trigger(pci, hdr, data);
	case VFIO_PCI_ERR_IRQ_INDEX:
		if (action != VFIO_IRQ_SET_ACTION_TRIGGER)
			return -ENOTTY;
		return set_single_trigger(&pci->err_trigger, hdr, data);
	case VFIO_PCI_REQ_IRQ_INDEX:
		if (action != VFIO_IRQ_SET_ACTION_TRIGGER)
			return -ENOTTY;
		return set_single_trigger(&pci->req_trigger, hdr, data);
	}
	return -EINVAL;
}

static void pci_irq_info(struct mdev_sim_dev *sdev, struct vfio_irq_info *info)
{
	const struct mdev_sim_pci_model *model = to_pci(sdev)->model;

	switch (info->index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		info->count = 1;
		info->flags = VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_MASKABLE |
			      VFIO_IRQ_INFO_AUTOMASKED;
		break;
	case VFIO_PCI_MSI_IRQ_INDEX:
		info->count = model->msi_vectors;
		info->flags = VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE;
		break;
	case VFIO_PCI_MSIX_IRQ_INDEX:
		info->count = model->msix_vectors;
		info->flags = VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE;
		break;
	case VFIO_PCI_ERR_IRQ_INDEX:
	case VFIO_PCI_REQ_IRQ_INDEX:
		info->count = 1;
		info->flags = VFIO_IRQ_INFO_EVENTFD;
		break;
	}
}

static void pci_request(struct mdev_sim_dev *sdev, unsigned int count)
{
	struct mdev_sim_pci *pci = to_pci(sdev);

	if (pci->req_trigger) {
		if (!count)
			dev_notice(mdev_sim_dev_to_dev(sdev),
				   "asking userspace to release the device\n");
		mdev_sim_eventfd_signal(pci->req_trigger);
	} else if (!count) {
		dev_notice(mdev_sim_dev_to_dev(sdev),
			   "no REQ eventfd; removal waits for the device to be closed\n");
	}
}

/* ---- reset ---- */

static void bar_mem_clear(struct mdev_sim_pci *pci)
{
	unsigned int bar;

	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++)
		if (pci->bar_mem[bar])
			memset(pci->bar_mem[bar], 0, pci->model->bar[bar].size);
}

static void msix_table_init(struct mdev_sim_pci *pci)
{
	unsigned int v;

	for (v = 0; v < pci->model->msix_vectors; v++) {
		u32 *entry = msix_entry(pci, v);

		memset(entry, 0, PCI_MSIX_ENTRY_SIZE);
		entry[PCI_MSIX_ENTRY_VECTOR_CTRL / 4] =
			PCI_MSIX_ENTRY_CTRL_MASKBIT;
	}
	if (pci->msix_pba)
		bitmap_zero(pci->msix_pba, pci->model->msix_vectors);
}

/*
 * While userspace owns the function, memory and I/O decoding are on, as
 * vfio-pci leaves them after enabling the device; bus mastering is the
 * driver's to turn on.
 */
static void cfg_enable_decoding(struct mdev_sim_pci *pci)
{
	cfg_update16(pci, PCI_COMMAND, 0,
		     PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
}

/* Everything back to power-on, including interrupts: used on open/close. */
static void pci_power_on(struct mdev_sim_pci *pci)
{
	irq_disable_all(pci);
	cfg_init(pci);
	msix_table_init(pci);
	bar_mem_clear(pci);
	pci->irq_count = 0;
	if (pci->model->reset)
		pci->model->reset(pci);
}

/*
 * Function level reset. The device forgets its internal state, but the
 * config state that the host's vfio-pci saves and restores around a reset
 * (BAR addresses, interrupt line, MSI/MSI-X setup and table) and the VFIO
 * interrupt eventfds survive, so a driver can reset a running device.
 */
static void pci_function_reset(struct mdev_sim_pci *pci)
{
	u8 saved[MDEV_SIM_CFG_SIZE];

	memcpy(saved, pci->cfg, sizeof(saved));
	cfg_init(pci);
	memcpy(&pci->cfg[PCI_BASE_ADDRESS_0], &saved[PCI_BASE_ADDRESS_0],
	       PCI_BASE_ADDRESS_5 + 4 - PCI_BASE_ADDRESS_0);
	pci->cfg[PCI_INTERRUPT_LINE] = saved[PCI_INTERRUPT_LINE];
	memcpy(&pci->cfg[MDEV_SIM_CAP_MSI], &saved[MDEV_SIM_CAP_MSI],
	       MDEV_SIM_CAP_MSI_SIZE);
	memcpy(&pci->cfg[MDEV_SIM_CAP_MSIX], &saved[MDEV_SIM_CAP_MSIX],
	       PCI_CAP_MSIX_SIZEOF);
	cfg_enable_decoding(pci);

	pci->intx_masked = false;
	intx_set_pending(pci, false);
	if (pci->msix_pba)
		bitmap_zero(pci->msix_pba, pci->model->msix_vectors);
	bar_mem_clear(pci);
	pci->irq_count = 0;
	if (pci->model->reset)
		pci->model->reset(pci);
	/* The model no longer uses any page: a reset device forgets them. */
	mdev_sim_pin_reset(pci->sdev);
}

static int pci_reset(struct mdev_sim_dev *sdev)
{
	pci_function_reset(to_pci(sdev));
	return 0;
}

static void pci_open(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_pci *pci = to_pci(sdev);

	pci_power_on(pci);
	cfg_enable_decoding(pci);
	if (pci->model->open)
		pci->model->open(pci);
}

static void pci_close(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_pci *pci = to_pci(sdev);

	if (pci->model->close)
		pci->model->close(pci);
	pci_power_on(pci);
}

/* ---- config space access ---- */

static void cfg_write_pm(struct mdev_sim_pci *pci, u16 old_ctrl)
{
	unsigned int off = MDEV_SIM_CAP_PM + PCI_PM_CTRL;
	u16 state = cfg_get16(pci, off) & PCI_PM_CTRL_STATE_MASK;

	/* D1 and D2 are not advertised in PMC; such writes are ignored. */
	if (state == 1 || state == 2)
		cfg_update16(pci, off, PCI_PM_CTRL_STATE_MASK,
			     old_ctrl & PCI_PM_CTRL_STATE_MASK);
}

static bool overlaps(unsigned int off, unsigned int size, unsigned int reg,
		     unsigned int reg_size)
{
	return off < reg + reg_size && reg < off + size;
}

/* Side effects of a config write, evaluated after the bits have landed. */
static void cfg_write_effects(struct mdev_sim_pci *pci, unsigned int off,
			      unsigned int size, u16 old_pm)
{
	unsigned int af_ctrl = MDEV_SIM_CAP_AF + PCI_AF_CTRL;

	if (overlaps(off, size, af_ctrl, 1) &&
	    (pci->cfg[af_ctrl] & PCI_AF_CTRL_FLR)) {
		pci_function_reset(pci);
		return;
	}
	if (overlaps(off, size, MDEV_SIM_CAP_PM + PCI_PM_CTRL, 2))
		cfg_write_pm(pci, old_pm);
	if (overlaps(off, size, PCI_COMMAND, 2))
		intx_retry_pending(pci);
	if (pci->model->msix_vectors &&
	    overlaps(off, size, MDEV_SIM_CAP_MSIX + PCI_MSIX_FLAGS, 2))
		msix_retry_pending(pci);
}

static void cfg_write(struct mdev_sim_pci *pci, unsigned int off,
		      const u8 *buf, unsigned int size)
{
	u16 old_pm = cfg_get16(pci, MDEV_SIM_CAP_PM + PCI_PM_CTRL);
	unsigned int i;

	for (i = 0; i < size; i++) {
		unsigned int b = off + i;
		u8 val = buf[i];

		pci->cfg[b] = (pci->cfg[b] & ~pci->wmask[b]) |
			      (val & pci->wmask[b]);
		pci->cfg[b] &= ~(val & pci->w1cmask[b]);
	}
	cfg_write_effects(pci, off, size, old_pm);
}

/* ---- BAR access ---- */

static bool bar_decoding(struct mdev_sim_pci *pci, unsigned int bar)
{
	if (pci->model->bar[bar].flags & MDEV_SIM_BAR_IO)
		return cfg_cmd(pci, PCI_COMMAND_IO);
	return cfg_cmd(pci, PCI_COMMAND_MEMORY);
}

static bool in_mmap_window(const struct mdev_sim_pci_bar *b, u64 off)
{
	return b->mmap_size && off >= b->mmap_offset &&
	       off - b->mmap_offset < b->mmap_size;
}

static unsigned int msix_table_size(const struct mdev_sim_pci_model *model)
{
	return model->msix_vectors * PCI_MSIX_ENTRY_SIZE;
}

static unsigned int msix_pba_size(const struct mdev_sim_pci_model *model)
{
	return BITS_TO_LONGS(model->msix_vectors) * sizeof(unsigned long);
}

static int msix_table_access(struct mdev_sim_pci *pci, u64 off, u32 *val,
			     bool write)
{
	unsigned int word = off / 4;
	unsigned int vector = word / (PCI_MSIX_ENTRY_SIZE / 4);

	if (!write) {
		*val = pci->msix_table[word];
		return 0;
	}
	if (off % PCI_MSIX_ENTRY_SIZE == PCI_MSIX_ENTRY_VECTOR_CTRL)
		*val &= PCI_MSIX_ENTRY_CTRL_MASKBIT;
	pci->msix_table[word] = *val;
	if (test_bit(vector, pci->msix_pba))
		msix_retry_pending(pci);
	return 0;
}

/* The PBA is read-only; 32-bit words of the little-endian bit array. */
static int msix_pba_access(struct mdev_sim_pci *pci, u64 off, u32 *val,
			   bool write)
{
	unsigned int first = off * BITS_PER_BYTE;
	unsigned int nvec = pci->model->msix_vectors;
	unsigned int i;

	if (write)
		return 0;
	*val = 0;
	for (i = 0; i < 32 && first + i < nvec; i++)
		if (test_bit(first + i, pci->msix_pba))
			*val |= BIT(i);
	return 0;
}

/* Returns 1 when the access does not hit the MSI-X structures. */
static int msix_access(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
		       u32 *val, unsigned int size, bool write)
{
	const struct mdev_sim_pci_model *model = pci->model;

	if (!model->msix_vectors || bar != model->msix_bar)
		return 1;

	if (off >= model->msix_table_offset &&
	    off - model->msix_table_offset < msix_table_size(model)) {
		if (size != 4)
			return -EINVAL;
		return msix_table_access(pci, off - model->msix_table_offset,
					 val, write);
	}
	if (off >= model->msix_pba_offset &&
	    off - model->msix_pba_offset < msix_pba_size(model)) {
		if (size != 4)
			return -EINVAL;
		return msix_pba_access(pci, off - model->msix_pba_offset, val,
				       write);
	}
	return 1;
}

static int bar_access(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
		      void *buf, unsigned int size, bool write)
{
	const struct mdev_sim_pci_bar *b = &pci->model->bar[bar];
	u32 val = 0;
	int ret;

	/* vfio-pci fails BAR access with -EIO while decoding is off, too. */
	if (!bar_decoding(pci, bar))
		return -EIO;

	if (in_mmap_window(b, off)) {
		if (write)
			memcpy(pci->bar_mem[bar] + off, buf, size);
		else
			memcpy(buf, pci->bar_mem[bar] + off, size);
		return 0;
	}

	if (write)
		memcpy(&val, buf, size);
	le32_to_cpus(&val);

	ret = msix_access(pci, bar, off, &val, size, write);
	if (ret > 0) {
		if (write)
			ret = pci->model->bar_write ?
			      pci->model->bar_write(pci, bar, off, val, size) :
			      0;
		else
			ret = pci->model->bar_read ?
			      pci->model->bar_read(pci, bar, off, &val, size) :
			      0;
	}
	if (ret)
		return ret;

	if (!write) {
		cpu_to_le32s(&val);
		memcpy(buf, &val, size);
	}
	return 0;
}

static int pci_access(struct mdev_sim_dev *sdev, unsigned int index, u64 off,
		      void *buf, unsigned int size, bool write)
{
	struct mdev_sim_pci *pci = to_pci(sdev);

	if (index == VFIO_PCI_CONFIG_REGION_INDEX) {
		if (write)
			cfg_write(pci, off, buf, size);
		else
			memcpy(buf, &pci->cfg[off], size);
		return 0;
	}
	if (index < PCI_STD_NUM_BARS)
		return bar_access(pci, index, off, buf, size, write);
	return -EINVAL;
}

/*
 * The model's own lock-free registers: trapped BAR space outside MSI-X,
 * with decoding on (read without the lock: racing a command register
 * write, either order is one userspace could have produced).
 */
static int pci_access_nolock(struct mdev_sim_dev *sdev, unsigned int index,
			     u64 off, void *buf, unsigned int size, bool write)
{
	struct mdev_sim_pci *pci = to_pci(sdev);
	const struct mdev_sim_pci_model *model = pci->model;
	u32 val = 0;
	int ret;

	if (!model->bar_access_nolock || index >= PCI_STD_NUM_BARS ||
	    in_mmap_window(&model->bar[index], off) ||
	    (model->msix_vectors && index == model->msix_bar &&
	     ((off >= model->msix_table_offset &&
	       off - model->msix_table_offset < msix_table_size(model)) ||
	      (off >= model->msix_pba_offset &&
	       off - model->msix_pba_offset < msix_pba_size(model)))))
		return 1;
	if (!cfg_cmd_nolock(pci, model->bar[index].flags & MDEV_SIM_BAR_IO ?
				 PCI_COMMAND_IO : PCI_COMMAND_MEMORY))
		return 1;	/* the locked path fails it with -EIO */

	if (write)
		memcpy(&val, buf, size);
	le32_to_cpus(&val);
	ret = model->bar_access_nolock(pci, index, off, &val, size, write);
	if (ret)
		return ret;
	if (!write) {
		cpu_to_le32s(&val);
		memcpy(buf, &val, size);
	}
	return 0;
}

/* ---- regions ---- */

static u64 pci_region_size(struct mdev_sim_dev *sdev, unsigned int index)
{
	const struct mdev_sim_pci_model *model = to_pci(sdev)->model;

	if (index == VFIO_PCI_CONFIG_REGION_INDEX)
		return MDEV_SIM_CFG_SIZE;
	return bar_size(model, index);
}

static int add_sparse_cap(const struct mdev_sim_pci_bar *b,
			  struct vfio_info_cap *caps)
{
	struct vfio_region_info_cap_sparse_mmap *sparse;
	size_t size = struct_size(sparse, areas, 1);
	int ret;

	sparse = kzalloc(size, GFP_KERNEL);
	if (!sparse)
		return -ENOMEM;

	sparse->header.id = VFIO_REGION_INFO_CAP_SPARSE_MMAP;
	sparse->header.version = 1;
	sparse->nr_areas = 1;
	sparse->areas[0].offset = b->mmap_offset;
	sparse->areas[0].size = b->mmap_size;
	ret = vfio_info_add_capability(caps, &sparse->header, size);
	kfree(sparse);
	return ret;
}

static int pci_region_info(struct mdev_sim_dev *sdev,
			   struct vfio_region_info *info,
			   struct vfio_info_cap *caps)
{
	const struct mdev_sim_pci_model *model = to_pci(sdev)->model;
	const struct mdev_sim_pci_bar *b;

	info->size = pci_region_size(sdev, info->index);
	if (!info->size)
		return 0;

	info->flags = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
	if (info->index >= PCI_STD_NUM_BARS)
		return 0;

	b = &model->bar[info->index];
	if (!b->mmap_size)
		return 0;

	info->flags |= VFIO_REGION_INFO_FLAG_MMAP;
	if (b->mmap_offset == 0 && b->mmap_size == b->size)
		return 0;
	return add_sparse_cap(b, caps);
}

static int pci_mmap(struct mdev_sim_dev *sdev, unsigned int index, u64 off,
		    struct vm_area_struct *vma)
{
	struct mdev_sim_pci *pci = to_pci(sdev);
	const struct mdev_sim_pci_bar *b;
	u64 len = vma->vm_end - vma->vm_start;

	if (index >= PCI_STD_NUM_BARS || !bar_size(pci->model, index))
		return -EINVAL;

	b = &pci->model->bar[index];
	if (!b->mmap_size || off < b->mmap_offset ||
	    len > b->mmap_size || off - b->mmap_offset > b->mmap_size - len)
		return -EINVAL;

	return remap_vmalloc_range(vma, pci->bar_mem[index],
				   off >> PAGE_SHIFT);
}

/* ---- lifetime ---- */

static void pci_free(struct mdev_sim_pci *pci)
{
	unsigned int bar;

	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++)
		vfree(pci->bar_mem[bar]);
	kfree(pci->msix_pba);
	kfree(pci->msix_table);
	kfree(pci->msix_trigger);
	kfree(pci->msi_trigger);
	kfree(pci->model_priv);
	kfree(pci);
}

static int pci_alloc_bars(struct mdev_sim_pci *pci)
{
	const struct mdev_sim_pci_model *model = pci->model;
	unsigned int bar;

	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
		if (!bar_size(model, bar) || !model->bar[bar].mmap_size)
			continue;
		/* vmalloc_user: zeroed and suitable for remap_vmalloc_range */
		pci->bar_mem[bar] = vmalloc_user(model->bar[bar].size);
		if (!pci->bar_mem[bar])
			return -ENOMEM;
	}
	return 0;
}

static int pci_alloc_irqs(struct mdev_sim_pci *pci)
{
	const struct mdev_sim_pci_model *model = pci->model;

	pci->msi_trigger = kcalloc(max(model->msi_vectors, 1U),
				   sizeof(*pci->msi_trigger), GFP_KERNEL);
	pci->msix_trigger = kcalloc(max(model->msix_vectors, 1U),
				    sizeof(*pci->msix_trigger), GFP_KERNEL);
	if (!pci->msi_trigger || !pci->msix_trigger)
		return -ENOMEM;

	if (!model->msix_vectors)
		return 0;
	pci->msix_table = kzalloc(msix_table_size(model), GFP_KERNEL);
	pci->msix_pba = bitmap_zalloc(model->msix_vectors, GFP_KERNEL);
	if (!pci->msix_table || !pci->msix_pba)
		return -ENOMEM;
	return 0;
}

/* Catches an inconsistent model at probe time instead of at runtime. */
static bool model_valid(const struct mdev_sim_pci_model *model)
{
	const struct mdev_sim_pci_bar *mb = &model->bar[model->msix_bar];
	unsigned int bar;

	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
		const struct mdev_sim_pci_bar *b = &model->bar[bar];

		if (!bar_size(model, bar))
			continue;
		if (!is_power_of_2(b->size) ||
		    ((b->flags & MDEV_SIM_BAR_64) && bar == PCI_STD_NUM_BARS - 1))
			return false;
		if (b->mmap_size && (!PAGE_ALIGNED(b->mmap_offset) ||
				     !PAGE_ALIGNED(b->mmap_size) ||
				     b->mmap_offset + b->mmap_size > b->size))
			return false;
	}
	if (model->msi_vectors &&
	    (!is_power_of_2(model->msi_vectors) || model->msi_vectors > 32))
		return false;
	if (!model->msix_vectors)
		return true;
	return model->msix_vectors <= MDEV_SIM_PCI_MAX_MSIX &&
	       model->msix_bar < PCI_STD_NUM_BARS &&
	       bar_size(model, model->msix_bar) &&
	       model->msix_table_offset + msix_table_size(model) <= mb->size &&
	       model->msix_pba_offset + msix_pba_size(model) <= mb->size &&
	       !in_mmap_window(mb, model->msix_table_offset) &&
	       !in_mmap_window(mb, model->msix_pba_offset);
}

static int pci_init(struct mdev_sim_dev *sdev)
{
	const struct mdev_sim_pci_model *model = sdev->type->model;
	struct mdev_sim_pci *pci;
	int ret;

	if (WARN_ON(!model_valid(model)))
		return -EINVAL;

	pci = kzalloc(sizeof(*pci), GFP_KERNEL);
	if (!pci)
		return -ENOMEM;
	pci->sdev = sdev;
	pci->model = model;

	ret = -ENOMEM;
	if (model->priv_size) {
		pci->model_priv = kzalloc(model->priv_size, GFP_KERNEL);
		if (!pci->model_priv)
			goto err_free;
	}
	ret = pci_alloc_bars(pci);
	if (!ret)
		ret = pci_alloc_irqs(pci);
	if (ret)
		goto err_free;

	if (model->init) {
		ret = model->init(pci);
		if (ret)
			goto err_free;
	}

	sdev->priv = pci;
	pci_power_on(pci);
	return 0;

err_free:
	pci_free(pci);
	return ret;
}

static void pci_release(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_pci *pci = to_pci(sdev);

	/* close_device already dropped the eventfds; this is belt and braces */
	irq_disable_all(pci);
	if (pci->model->fini)
		pci->model->fini(pci);
	pci_free(pci);
}

/* ---- DMA on behalf of the model ---- */

/**
 * mdev_sim_pci_dma_rw - access IOVA space the way a bus master would
 * @pci: the function
 * @iova: I/O virtual address mapped by userspace with VFIO_IOMMU_MAP_DMA
 * @buf: kernel buffer
 * @len: bytes
 * @write: true to write @buf to @iova
 *
 * Return: 0, -EIO when bus mastering is disabled, or the error of the
 * IOMMU backend (-EINVAL for an unmapped IOVA, -EPERM for a read-only one).
 */
int mdev_sim_pci_dma_rw(struct mdev_sim_pci *pci, u64 iova, void *buf,
			size_t len, bool write)
{
	if (!cfg_cmd_nolock(pci, PCI_COMMAND_MASTER))
		return -EIO;
	if (!len || iova + len - 1 < iova)
		return -EINVAL;
	return vfio_dma_rw(&pci->sdev->vdev, iova, buf, len, write);
}

/**
 * mdev_sim_pci_dma_pin - zero-copy DMA: the pinned pages under a range
 * @pci: the function
 * @iova: first byte
 * @len: bytes
 * @seg: one segment per page, filled in
 * @max_segs: room in @seg
 *
 * Call between mdev_sim_pin_begin() and mdev_sim_pin_end() of the
 * function's device; the pages stay valid until the end.
 *
 * Return: the number of segments, -EIO when bus mastering is disabled, or
 * an error of mdev_sim_pin_map(). On error, mdev_sim_pci_dma_rw() is the
 * fallback and gives the range's real DMA status.
 */
int mdev_sim_pci_dma_pin(struct mdev_sim_pci *pci, u64 iova, u64 len,
			 struct mdev_sim_seg *seg, unsigned int max_segs)
{
	if (!cfg_cmd_nolock(pci, PCI_COMMAND_MASTER))
		return -EIO;
	return mdev_sim_pin_map(pci->sdev, iova, len, seg, max_segs);
}

const struct mdev_sim_family mdev_sim_pci_family = {
	.parent_name	= "mdev_sim_pci",
	.driver_name	= "mdev_sim_pci",
	.device_api	= VFIO_DEVICE_API_PCI_STRING,
	.flags		= VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET,
	.num_regions	= VFIO_PCI_NUM_REGIONS,
	.num_irqs	= VFIO_PCI_NUM_IRQS,
	.init		= pci_init,
	.release	= pci_release,
	.open		= pci_open,
	.close		= pci_close,
	.reset		= pci_reset,
	.region_size	= pci_region_size,
	.region_info	= pci_region_info,
	.irq_info	= pci_irq_info,
	.set_irqs	= pci_set_irqs,
	.access		= pci_access,
	.access_nolock	= pci_access_nolock,
	.mmap		= pci_mmap,
	.request	= pci_request,
};
