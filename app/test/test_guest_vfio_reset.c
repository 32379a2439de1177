/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Reset: right after probe the device is in its power-on state (the bus's
 * open is the first open); that state is recorded, the device is dirtied,
 * and rte_vfio_dev_reset() must bring back exactly the recorded values,
 * while keeping what the datasheet says a function reset keeps (BAR
 * addresses, interrupt set-up).
 */

#include <string.h>
#include <unistd.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include <rte_common.h>

#include "test_guest_vfio.h"

#define NB_REGS ((MDEV_SIM_TEST_REG_DMA_IRQ + 4) / 4)

struct device_state {
	uint32_t regs[NB_REGS];  /* BAR0 0x00-0x3c */
	uint8_t bar4[MDEV_SIM_TEST_BAR4_SIZE];
	uint16_t decode;          /* Command I/O | Memory | Bus Master */
	bool bar2_zero;
	bool bar0_area_zero;
};

static struct device_state power_on;
static bool power_on_valid;

static bool
all_zero(const volatile uint8_t *p, size_t len)
{
	const volatile uint64_t *q = (const volatile uint64_t *)p;
	size_t i;

	for (i = 0; i < len / 8; i++)
		if (q[i] != 0)
			return false;
	return true;
}

static void
read_state(const struct rte_vfio_dev *v, struct device_state *s)
{
	const struct rte_vfio_dev_region *bar0, *bar2;
	unsigned int i;
	int ret;

	/* A failed read reports itself: both snapshots would agree on zeroes. */
	memset(s, 0, sizeof(*s));
	for (i = 0; i < NB_REGS; i++)
		s->regs[i] = reg_read(v, i * 4);
	ret = rte_vfio_dev_read(v, VFIO_PCI_BAR4_REGION_INDEX, 0, s->bar4,
				sizeof(s->bar4));
	if (ret != 0)
		check(false, "BAR4 read for the state snapshot (%d)", ret);
	s->decode = cfg16(v, PCI_COMMAND) & (PCI_COMMAND_IO |
			PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	bar0 = rte_vfio_dev_region(v, VFIO_PCI_BAR0_REGION_INDEX);
	bar2 = rte_vfio_dev_region(v, VFIO_PCI_BAR2_REGION_INDEX);
	s->bar0_area_zero = bar0 != NULL && bar0->addr != NULL &&
		all_zero((uint8_t *)bar0->addr + MDEV_SIM_TEST_BAR0_MMAP_OFFSET,
			 MDEV_SIM_TEST_BAR0_MMAP_SIZE);
	s->bar2_zero = bar2 != NULL && bar2->addr != NULL &&
		all_zero(bar2->addr, MDEV_SIM_TEST_BAR2_SIZE);
}

void
test_power_on_snapshot(struct guest_ctx *ctx)
{
	struct device_state *s = &power_on;

	read_state(ctx->vfio, s);
	power_on_valid =
		check_eq("power-on: ID", s->regs[MDEV_SIM_TEST_REG_ID / 4],
			 MDEV_SIM_TEST_ID_MAGIC);
	check_eq("power-on: STATUS is READY only",
		 s->regs[MDEV_SIM_TEST_REG_STATUS / 4],
		 MDEV_SIM_TEST_STATUS_READY);
	check_eq("power-on: SCRATCH", s->regs[MDEV_SIM_TEST_REG_SCRATCH / 4], 0);
	check_eq("power-on: IRQ_COUNT",
		 s->regs[MDEV_SIM_TEST_REG_IRQ_COUNT / 4], 0);
	check_eq("power-on: DMA_STATUS",
		 s->regs[MDEV_SIM_TEST_REG_DMA_STATUS / 4], 0);
	check(all_zero(s->bar4, sizeof(s->bar4)), "power-on: BAR4 is zero");
	check(s->bar0_area_zero, "power-on: BAR0 sparse area is zero (mapping)");
	check(s->bar2_zero, "power-on: BAR2 is zero (mapping)");
	check((s->decode & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY)) ==
	      (PCI_COMMAND_IO | PCI_COMMAND_MEMORY),
	      "power-on: I/O and memory decoding on");
}

static void
dirty(const struct rte_vfio_dev *v)
{
	const struct rte_vfio_dev_region *bar0, *bar2;
	uint8_t ones[MDEV_SIM_TEST_BAR4_SIZE];

	reg_write(v, MDEV_SIM_TEST_REG_SCRATCH, 0x77);
	reg_write(v, MDEV_SIM_TEST_REG_DMA_SRC_LO, 0x1000);
	reg_write(v, MDEV_SIM_TEST_REG_DMA_LEN, 0x40);
	reg_write(v, MDEV_SIM_TEST_REG_DMA_IRQ, 0x20001);
	memset(ones, 0xff, sizeof(ones));
	rte_vfio_dev_write(v, VFIO_PCI_BAR4_REGION_INDEX, 0, ones, sizeof(ones));
	bar0 = rte_vfio_dev_region(v, VFIO_PCI_BAR0_REGION_INDEX);
	bar2 = rte_vfio_dev_region(v, VFIO_PCI_BAR2_REGION_INDEX);
	if (bar0->addr != NULL)
		memset((uint8_t *)bar0->addr + MDEV_SIM_TEST_BAR0_MMAP_OFFSET,
		       0x3c, MDEV_SIM_TEST_BAR0_MMAP_SIZE);
	if (bar2->addr != NULL)
		memset(bar2->addr, 0xc3, MDEV_SIM_TEST_BAR2_SIZE);
	rte_vfio_dev_pci_set_bus_master(v, true);
}

static void
compare_with_power_on(const struct device_state *s)
{
	unsigned int i, bad = NB_REGS;

	for (i = 0; i < NB_REGS && bad == NB_REGS; i++)
		if (s->regs[i] != power_on.regs[i])
			bad = i;
	check(bad == NB_REGS,
	      "reset: BAR0 registers 0x00-0x3c back to power-on values%s",
	      bad == NB_REGS ? "" : " (first difference below)");
	if (bad != NB_REGS)
		note("register %#x: %#x after reset, %#x at power-on", bad * 4,
		     s->regs[bad], power_on.regs[bad]);
	check(memcmp(s->bar4, power_on.bar4, sizeof(s->bar4)) == 0,
	      "reset: BAR4 back to power-on contents");
	check(s->bar0_area_zero, "reset: BAR0 sparse area zeroed, seen through the existing mapping");
	check(s->bar2_zero, "reset: BAR2 zeroed, seen through the existing mapping");
	check((s->decode & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
			    PCI_COMMAND_MASTER)) ==
	      (PCI_COMMAND_IO | PCI_COMMAND_MEMORY),
	      "reset: Command has I/O and memory on, bus master off (%#x)",
	      s->decode);
}

void
test_reset(struct guest_ctx *ctx)
{
	struct rte_vfio_dev *v = ctx->vfio;
	int fds[MDEV_SIM_TEST_MSIX_VECTORS];
	const uint32_t bar0_addr = 0xfebc0000;
	struct device_state after;
	uint32_t cfg = 0;
	uint8_t flr = 1;
	unsigned int i;

	if (!check(power_on_valid, "reset: a power-on snapshot exists"))
		return;
	for (i = 0; i < RTE_DIM(fds); i++)
		fds[i] = efd_new();
	check(rte_vfio_dev_irq_enable(v, VFIO_PCI_MSIX_IRQ_INDEX, 0,
				      RTE_DIM(fds), fds) == 0,
	      "reset: MSI-X set up before the reset");
	rte_vfio_dev_pci_cfg_write(v, &bar0_addr, 4, PCI_BASE_ADDRESS_0);
	dirty(v);
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSIX, 0);
	efd_take(fds[0]);

	check(rte_vfio_dev_reset(v) == 0, "reset: rte_vfio_dev_reset");
	read_state(v, &after);
	compare_with_power_on(&after);
	rte_vfio_dev_pci_cfg_read(v, &cfg, 4, PCI_BASE_ADDRESS_0);
	check_eq("reset: BAR0 address kept, as vfio-pci keeps it", cfg, bar0_addr);
	raise_irq(v, MDEV_SIM_TEST_IRQ_KIND_MSIX, 2);
	check_eq("reset: MSI-X set-up kept, vector 2 still delivered",
		 efd_take(fds[2]), 1);

	/* Function Level Reset through the Advanced Features capability. */
	reg_write(v, MDEV_SIM_TEST_REG_SCRATCH, 0x88);
	rte_vfio_dev_pci_cfg_write(v, &flr, 1, 0x74);
	check_eq("FLR (AF capability) clears SCRATCH",
		 reg_read(v, MDEV_SIM_TEST_REG_SCRATCH), 0);
	flr = 0xff;
	rte_vfio_dev_pci_cfg_read(v, &flr, 1, 0x74);
	check_eq("FLR: Initiate FLR reads 0", flr & 1, 0);

	rte_vfio_dev_irq_disable(v, VFIO_PCI_MSIX_IRQ_INDEX);
	for (i = 0; i < RTE_DIM(fds); i++)
		if (fds[i] >= 0)
			close(fds[i]);
}
