/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Interrupts: every IRQ index the device offers fires through its eventfd.
 * MSI-X goes through the EAL handle the bus prepared, as a driver would use
 * it (rte_intr_efd_enable, rte_intr_enable, a callback on vector 0); MSI,
 * INTx and ERR through the library's calls. The device raises interrupts
 * synchronously in the IRQ_RAISE write, so an eventfd is already signalled
 * when the write returns; callbacks run in EAL's interrupt thread and are
 * waited for.
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include <rte_common.h>
#include <rte_interrupts.h>

#include "test_guest_vfio.h"

#define CALLBACK_WAIT_MS 10000

static bool
irq_err(const struct rte_vfio_dev *v)
{
	return (reg_read(v, MDEV_SIM_TEST_REG_STATUS) &
		MDEV_SIM_TEST_STATUS_IRQ_ERR) != 0;
}

void
test_irq_info(struct guest_ctx *ctx)
{
	static const struct {
		uint32_t count;
		uint32_t flags;
	} want[VFIO_PCI_NUM_IRQS] = {
		[VFIO_PCI_INTX_IRQ_INDEX] = { 1, VFIO_IRQ_INFO_EVENTFD |
			VFIO_IRQ_INFO_MASKABLE | VFIO_IRQ_INFO_AUTOMASKED },
		[VFIO_PCI_MSI_IRQ_INDEX] = { MDEV_SIM_TEST_MSI_VECTORS,
			VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE },
		[VFIO_PCI_MSIX_IRQ_INDEX] = { MDEV_SIM_TEST_MSIX_VECTORS,
			VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE },
		[VFIO_PCI_ERR_IRQ_INDEX] = { 1, VFIO_IRQ_INFO_EVENTFD },
		[VFIO_PCI_REQ_IRQ_INDEX] = { 1, VFIO_IRQ_INFO_EVENTFD },
	};
	uint32_t i;

	for (i = 0; i < VFIO_PCI_NUM_IRQS; i++) {
		const struct rte_vfio_dev_irq *irq = rte_vfio_dev_irq(ctx->vfio, i);

		if (!check(irq != NULL, "IRQ index %u: described", i))
			continue;
		check(irq->index == i && irq->count == want[i].count &&
		      irq->flags == want[i].flags,
		      "IRQ index %u: count %u flags %#x (got %u %#x)", i,
		      want[i].count, want[i].flags, irq->count, irq->flags);
	}
}

/* --- MSI-X through the EAL interrupt handle */

static uint32_t vector0_calls;

static void
vector0_callback(void *arg __rte_unused)
{
	__atomic_fetch_add(&vector0_calls, 1, __ATOMIC_SEQ_CST);
}

/* The eventfd of MSI-X vector n under EAL's layout (0: the handle's fd). */
static int
vector_fd(const struct rte_intr_handle *h, unsigned int n)
{
	return n == 0 ? rte_intr_fd_get(h) : rte_intr_efds_index_get(h, n - 1);
}

/* Raise each vector; each must reach its own eventfd and no other. */
static void
raise_each_vector(const struct rte_vfio_dev *v, struct rte_intr_handle *h)
{
	unsigned int n, other;
	bool only_own = true;

	for (n = 0; n < MDEV_SIM_TEST_MSIX_VECTORS; n++) {
		uint32_t calls = __atomic_load_n(&vector0_calls, __ATOMIC_SEQ_CST);

		raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSIX, n);
		if (n == 0)
			check(wait_counter(&vector0_calls, calls + 1,
					   CALLBACK_WAIT_MS),
			      "MSI-X vector 0 runs the EAL callback");
		else
			check_eq("MSI-X vector signals its eventfd "
				 "(rte_intr_efds_index_get)",
				 efd_take(vector_fd(h, n)), 1);
		for (other = 1; other < MDEV_SIM_TEST_MSIX_VECTORS; other++)
			if (other != n && efd_take(vector_fd(h, other)) != 0)
				only_own = false;
	}
	check(only_own, "MSI-X: each vector signalled only its own eventfd");
}

/* Vector 3 masked in the MSI-X table (trapped BAR0 writes): PBA, then delivery. */
static void
mask_vector3(const struct rte_vfio_dev *v, struct rte_intr_handle *h)
{
	const uint32_t ctrl = MDEV_SIM_TEST_MSIX_TABLE + 3 * 16 +
		PCI_MSIX_ENTRY_VECTOR_CTRL;

	check_eq("MSI-X table: vector 3 unmasked once its eventfd is set",
		 reg_read(v, ctrl), 0);
	reg_write(v, ctrl, PCI_MSIX_ENTRY_CTRL_MASKBIT);
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSIX, 3);
	check_eq("MSI-X: a masked vector is not signalled",
		 efd_take(vector_fd(h, 3)), 0);
	check_eq("MSI-X: its PBA bit is set", reg_read(v, MDEV_SIM_TEST_MSIX_PBA),
		 1u << 3);
	reg_write(v, ctrl, 0);
	check_eq("MSI-X: unmasking delivers the pending vector",
		 efd_take(vector_fd(h, 3)), 1);
	check_eq("MSI-X: PBA clear after delivery",
		 reg_read(v, MDEV_SIM_TEST_MSIX_PBA), 0);
}

void
test_msix_eal(struct guest_ctx *ctx)
{
	const struct rte_vfio_dev *v = ctx->vfio;
	struct rte_intr_handle *h = ctx->dev->intr_handle;
	const uint32_t nb_efd = MDEV_SIM_TEST_MSIX_VECTORS - 1;
	uint32_t count0;
	int ret;

	if (!check(h != NULL, "the bus prepared dev->intr_handle"))
		return;
	if (!check(rte_intr_type_get(h) == RTE_INTR_HANDLE_VFIO_MSIX,
		   "the interrupt handle uses MSI-X (type %d)",
		   rte_intr_type_get(h)))
		return;
	check(rte_intr_fd_get(h) >= 0, "the handle has vector 0's eventfd");
	check(rte_intr_dev_fd_get(h) == rte_vfio_dev_fd(v),
	      "the handle's device fd is the library's");

	ret = rte_intr_callback_register(h, vector0_callback, NULL);
	check(ret == 0, "rte_intr_callback_register on the handle (%d)", ret);
	ret = rte_intr_efd_enable(h, nb_efd);
	check(ret == 0 && rte_intr_nb_efd_get(h) == (int)nb_efd &&
	      rte_intr_max_intr_get(h) == MDEV_SIM_TEST_MSIX_VECTORS,
	      "rte_intr_efd_enable for vectors 1-7 (%d)", ret);
	ret = rte_intr_enable(h);
	if (!check(ret == 0, "rte_intr_enable (%d)", ret))
		goto out;
	check(cfg16(v, 0x60 + PCI_MSIX_FLAGS) & PCI_MSIX_FLAGS_ENABLE,
	      "MSI-X Enable mirrored in config space");

	count0 = reg_read(v, MDEV_SIM_TEST_REG_IRQ_COUNT);
	raise_each_vector(v, h);
	check_eq("IRQ_COUNT counted the 8 vectors",
		 reg_read(v, MDEV_SIM_TEST_REG_IRQ_COUNT), count0 + 8);
	check(!irq_err(v), "STATUS.IRQ_ERR clear after deliverable interrupts");
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSIX, MDEV_SIM_TEST_MSIX_VECTORS);
	check(irq_err(v), "MSI-X vector 8 does not exist: STATUS.IRQ_ERR");
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSI, 0);
	check(irq_err(v), "MSI while MSI-X is active: STATUS.IRQ_ERR");
	mask_vector3(v, h);

	ret = rte_intr_disable(h);
	check(ret == 0, "rte_intr_disable (%d)", ret);
	check((cfg16(v, 0x60 + PCI_MSIX_FLAGS) & PCI_MSIX_FLAGS_ENABLE) == 0,
	      "MSI-X Enable cleared in config space");
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSIX, 1);
	check(irq_err(v) && efd_take(vector_fd(h, 1)) == 0,
	      "no MSI-X delivery after rte_intr_disable");
out:
	rte_intr_efd_disable(h);
	while (rte_intr_callback_unregister(h, vector0_callback, NULL) == -EAGAIN)
		usleep(1000);
}

/* --- MSI, INTx and ERR through the library */

static void
close_all(int *fds, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

void
test_msi(struct guest_ctx *ctx)
{
	struct rte_vfio_dev *v = ctx->vfio;
	int fds[MDEV_SIM_TEST_MSI_VECTORS], one;
	unsigned int n, other;
	bool each = true;

	for (n = 0; n < RTE_DIM(fds); n++)
		fds[n] = efd_new();
	if (!check(rte_vfio_dev_irq_enable(v, VFIO_PCI_MSI_IRQ_INDEX, 0,
					   RTE_DIM(fds), fds) == 0,
		   "MSI: enable 4 vectors with eventfds"))
		goto out;
	check(cfg16(v, 0x48 + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE,
	      "MSI Enable mirrored in config space");
	for (n = 0; n < RTE_DIM(fds); n++) {
		raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSI, n);
		each &= efd_take(fds[n]) == 1;
		for (other = 0; other < RTE_DIM(fds); other++)
			each &= other == n || efd_take(fds[other]) == 0;
	}
	check(each, "MSI: each of the 4 vectors signals its own eventfd");
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSI, MDEV_SIM_TEST_MSI_VECTORS);
	check(irq_err(v), "MSI vector 4 does not exist: STATUS.IRQ_ERR");
	one = efd_new();
	check(rte_vfio_dev_irq_enable(v, VFIO_PCI_MSIX_IRQ_INDEX, 0, 1, &one) < 0,
	      "MSI-X cannot be enabled while MSI is");
	if (one >= 0)
		close(one);
	check(rte_vfio_dev_irq_unmask(v, VFIO_PCI_MSI_IRQ_INDEX, 0) < 0,
	      "MSI has no unmask");
	check(rte_vfio_dev_irq_disable(v, VFIO_PCI_MSI_IRQ_INDEX) == 0,
	      "MSI: disable");
	check((cfg16(v, 0x48 + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE) == 0,
	      "MSI Enable cleared in config space");
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSI, 0);
	check(irq_err(v) && efd_take(fds[0]) == 0, "MSI: nothing after disable");
out:
	close_all(fds, RTE_DIM(fds));
}

void
test_intx(struct guest_ctx *ctx)
{
	struct rte_vfio_dev *v = ctx->vfio;
	int fd = efd_new();

	if (!check(rte_vfio_dev_irq_enable(v, VFIO_PCI_INTX_IRQ_INDEX, 0, 1,
					   &fd) == 0, "INTx: enable"))
		goto out;
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_INTX, 0);
	check_eq("INTx: signalled", efd_take(fd), 1);
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_INTX, 0);
	check_eq("INTx: automasked, the second one waits", efd_take(fd), 0);
	check(reg_read(v, MDEV_SIM_TEST_REG_STATUS) & MDEV_SIM_TEST_STATUS_INTX,
	      "INTx: latched in STATUS.INTX");
	check(cfg16(v, PCI_STATUS) & PCI_STATUS_INTERRUPT,
	      "INTx: Interrupt Status in config space");
	check(rte_vfio_dev_irq_unmask(v, VFIO_PCI_INTX_IRQ_INDEX, 0) == 0,
	      "INTx: unmask");
	check_eq("INTx: unmask delivers the latched interrupt", efd_take(fd), 1);
	check((reg_read(v, MDEV_SIM_TEST_REG_STATUS) &
	       MDEV_SIM_TEST_STATUS_INTX) == 0, "INTx: latch cleared");
	/* Delivery automasked it again; unmask, then mask on purpose. */
	rte_vfio_dev_irq_unmask(v, VFIO_PCI_INTX_IRQ_INDEX, 0);
	check_eq("INTx: nothing pending after a plain unmask", efd_take(fd), 0);
	check(rte_vfio_dev_irq_mask(v, VFIO_PCI_INTX_IRQ_INDEX, 0) == 0,
	      "INTx: mask");
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_INTX, 0);
	check_eq("INTx: masked, not signalled", efd_take(fd), 0);
	rte_vfio_dev_irq_unmask(v, VFIO_PCI_INTX_IRQ_INDEX, 0);
	check_eq("INTx: delivered on unmask", efd_take(fd), 1);
	check(rte_vfio_dev_irq_mask(v, VFIO_PCI_MSIX_IRQ_INDEX, 0) < 0,
	      "MSI-X has no mask action");
	check(rte_vfio_dev_irq_disable(v, VFIO_PCI_INTX_IRQ_INDEX) == 0,
	      "INTx: disable");
	rte_vfio_dev_irq_unmask(v, VFIO_PCI_INTX_IRQ_INDEX, 0);
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_INTX, 0);
	check(efd_take(fd) == 0 && irq_err(v), "INTx: nothing after disable");
out:
	if (fd >= 0)
		close(fd);
}

struct notify_record {
	uint32_t calls;
	struct rte_vfio_dev *vdev;
};

static void
err_notify(struct rte_vfio_dev *vdev, void *arg)
{
	struct notify_record *rec = arg;

	rec->vdev = vdev;
	__atomic_fetch_add(&rec->calls, 1, __ATOMIC_SEQ_CST);
}

void
test_err(struct guest_ctx *ctx)
{
	static struct notify_record rec;
	struct rte_vfio_dev *v = ctx->vfio;
	int fd = efd_new();
	int ret;

	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_ERR, 0);
	check(irq_err(v), "ERR without an eventfd: STATUS.IRQ_ERR");
	ret = rte_vfio_dev_notifier_enable(v, VFIO_PCI_ERR_IRQ_INDEX,
					   err_notify, &rec);
	if (check(ret == 0, "ERR: notifier enabled (%d)", ret)) {
		raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_ERR, 0);
		check(wait_counter(&rec.calls, 1, CALLBACK_WAIT_MS) &&
		      rec.vdev == v,
		      "ERR: the notifier runs in EAL's interrupt thread");
		check(!irq_err(v), "ERR: deliverable");
		rte_vfio_dev_notifier_disable(v, VFIO_PCI_ERR_IRQ_INDEX);
		raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_ERR, 0);
		usleep(200 * 1000);
		check(irq_err(v) &&
		      __atomic_load_n(&rec.calls, __ATOMIC_SEQ_CST) == 1,
		      "ERR: nothing after the notifier is disabled");
	}
	check(rte_vfio_dev_notifier_enable(v, VFIO_PCI_NUM_IRQS, err_notify,
					   &rec) < 0,
	      "notifier on an IRQ index the device lacks is refused");

	if (!check(rte_vfio_dev_irq_enable(v, VFIO_PCI_ERR_IRQ_INDEX, 0, 1,
					   &fd) == 0, "ERR: plain eventfd"))
		goto out;
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_ERR, 0);
	check_eq("ERR: eventfd signalled", efd_take(fd), 1);
	check(rte_vfio_dev_irq_disable(v, VFIO_PCI_ERR_IRQ_INDEX) == 0,
	      "ERR: disable");
out:
	if (fd >= 0)
		close(fd);
}
