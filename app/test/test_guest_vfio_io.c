/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Register and memory access through the library: each value is written
 * one way (library call, mapping, pwrite) and read back another, so that a
 * library routing an offset to the wrong path shows up. Then PCI config
 * space: identity, capabilities, BAR kinds, decode and bus-master enables.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include "test_guest_vfio.h"

#define BAR0 VFIO_PCI_BAR0_REGION_INDEX
#define BAR2 VFIO_PCI_BAR2_REGION_INDEX
#define BAR4 VFIO_PCI_BAR4_REGION_INDEX
#define CFG VFIO_PCI_CONFIG_REGION_INDEX

static uint32_t
raw_read32(const struct rte_vfio_dev *v, uint32_t index, uint64_t off)
{
	uint32_t val;

	return raw_read(v, index, off, &val, sizeof(val)) == 0 ? val : 0xdeadbeef;
}

static uint64_t
raw_read64(const struct rte_vfio_dev *v, uint32_t index, uint64_t off)
{
	uint64_t val;

	return raw_read(v, index, off, &val, sizeof(val)) == 0 ? val :
		0xdeadbeefdeadbeefULL;
}

static uint64_t
pattern64(uint64_t off)
{
	return (off * 0x9e3779b97f4a7c15ULL) ^ 0x0123456789abcdefULL;
}

static void
test_bar0_registers(const struct rte_vfio_dev *v)
{
	uint32_t v32 = 0x9abcdef0;
	uint64_t v64 = 0;
	uint16_t v16;
	int ret;

	check_eq("BAR0 ID register read through the library (trapped)",
		 reg_read(v, MDEV_SIM_TEST_REG_ID), MDEV_SIM_TEST_ID_MAGIC);
	check_eq("BAR0 VERSION register", reg_read(v, MDEV_SIM_TEST_REG_VERSION),
		 MDEV_SIM_TEST_VERSION);
	check(reg_read(v, MDEV_SIM_TEST_REG_STATUS) & MDEV_SIM_TEST_STATUS_READY,
	      "BAR0 STATUS has READY");
	check(reg_write(v, MDEV_SIM_TEST_REG_SCRATCH, 0x12345678) == 0,
	      "BAR0 SCRATCH write through the library");
	check_eq("BAR0 SCRATCH written by the library, read with pread",
		 raw_read32(v, BAR0, MDEV_SIM_TEST_REG_SCRATCH), 0x12345678);
	check(raw_write(v, BAR0, MDEV_SIM_TEST_REG_SCRATCH, &v32, 4) == 0 &&
	      reg_read(v, MDEV_SIM_TEST_REG_SCRATCH) == 0x9abcdef0,
	      "BAR0 SCRATCH written with pwrite, read through the library");
	reg_write(v, MDEV_SIM_TEST_REG_ID, 0);
	check_eq("BAR0 ID is read-only", reg_read(v, MDEV_SIM_TEST_REG_ID),
		 MDEV_SIM_TEST_ID_MAGIC);
	check_eq("BAR0 reserved offset reads 0", reg_read(v, 0x100), 0);
	ret = rte_vfio_dev_read64(v, BAR0, 0, &v64);
	check(ret == 0 && v64 == (MDEV_SIM_TEST_ID_MAGIC |
				  (uint64_t)MDEV_SIM_TEST_VERSION << 32),
	      "BAR0 64-bit read of ID and VERSION (%d, %#" PRIx64 ")", ret, v64);
	check(rte_vfio_dev_read16(v, BAR0, MDEV_SIM_TEST_REG_ID, &v16) < 0,
	      "BAR0 2-byte register read is refused by the device");
	check_eq("BAR0 read at the region's end fails with EINVAL",
		 (uint64_t)rte_vfio_dev_read32(v, BAR0, MDEV_SIM_TEST_BAR0_SIZE,
					       &v32), (uint64_t)-EINVAL);
	check_eq("BAR0 read straddling the region's end fails with EINVAL",
		 (uint64_t)rte_vfio_dev_read32(v, BAR0,
					       MDEV_SIM_TEST_BAR0_SIZE - 2, &v32),
		 (uint64_t)-EINVAL);
	check(rte_vfio_dev_read32(v, 1, 0, &v32) < 0,
	      "read of the empty region 1 fails");
	check(rte_vfio_dev_read32(v, VFIO_PCI_NUM_REGIONS, 0, &v32) < 0,
	      "read of region index 9 fails");
}

static void
test_bar0_sparse(const struct rte_vfio_dev *v)
{
	const struct rte_vfio_dev_region *bar0 = rte_vfio_dev_region(v, BAR0);
	volatile uint8_t *m = bar0->addr;
	uint8_t in[100], out[100], across[8];
	static const uint8_t across_want[8] = {
		0, 0, 0, 0, 0xdd, 0xcc, 0xbb, 0xaa };
	uint32_t v32 = 0x11223344;
	uint64_t v64 = 0;
	unsigned int i;

	check(rte_vfio_dev_write32(v, BAR0, 0x2000, 0xa5a5a5a5) == 0 &&
	      raw_read32(v, BAR0, 0x2000) == 0xa5a5a5a5,
	      "BAR0 sparse area: library write (mapped path), pread reads it");
	check_eq("BAR0 sparse area: the mapping holds the library's write",
		 *(volatile uint32_t *)(m + 0x2000), 0xa5a5a5a5);
	check(raw_write(v, BAR0, 0x3000, &v32, 4) == 0 &&
	      *(volatile uint32_t *)(m + 0x3000) == 0x11223344,
	      "BAR0 sparse area: pwrite, the mapping reads it");
	check_eq("BAR0 sparse area: pwrite, library read",
		 reg_read(v, 0x3000), 0x11223344);
	*(volatile uint32_t *)(m + 0xfffc) = 0x55667788;
	check_eq("BAR0 last dword: written through the mapping, pread",
		 raw_read32(v, BAR0, 0xfffc), 0x55667788);
	check(rte_vfio_dev_write64(v, BAR0, 0x1008, pattern64(0x1008)) == 0 &&
	      *(volatile uint64_t *)(m + 0x1008) == pattern64(0x1008) &&
	      raw_read64(v, BAR0, 0x1008) == pattern64(0x1008),
	      "BAR0 sparse area: 64-bit library write, mapping and pread agree");
	check(rte_vfio_dev_read64(v, BAR0, 0x1008, &v64) == 0 &&
	      v64 == pattern64(0x1008), "BAR0 sparse area: 64-bit library read");

	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 31 + 5);
	memset(out, 0, sizeof(out));
	check(rte_vfio_dev_write(v, BAR0, 0x4001, in, sizeof(in)) == 0 &&
	      raw_read(v, BAR0, 0x4001, out, sizeof(out)) == 0 &&
	      memcmp(in, out, sizeof(in)) == 0,
	      "BAR0 sparse area: 100-byte unaligned library write, pread");
	memset(out, 0, sizeof(out));
	check(rte_vfio_dev_read(v, BAR0, 0x4001, out, sizeof(out)) == 0 &&
	      memcmp(in, out, sizeof(in)) == 0,
	      "BAR0 sparse area: 100-byte unaligned library read");

	/* Reserved register 0xffc (reads 0), then memory at 0x1000. */
	v32 = 0xaabbccdd;
	raw_write(v, BAR0, 0x1000, &v32, 4);
	memset(across, 0xff, sizeof(across));
	check(rte_vfio_dev_read(v, BAR0, 0xffc, across, sizeof(across)) == 0 &&
	      memcmp(across, across_want, sizeof(across)) == 0,
	      "BAR0 read across the trapped page's end reaches both sides");
}

static void
test_bar2(const struct rte_vfio_dev *v)
{
	static const uint64_t offs[] = { 0, 0x1000, 0x7fff8, 0xffff8 };
	const struct rte_vfio_dev_region *bar2 = rte_vfio_dev_region(v, BAR2);
	volatile uint8_t *m = bar2->addr;
	bool raw_ok = true, lib_ok = true;
	uint64_t v64 = pattern64(0x40000);
	uint8_t v8 = 0;
	uint32_t v32;
	unsigned int i;

	for (i = 0; i < RTE_DIM(offs); i++)
		*(volatile uint64_t *)(m + offs[i]) = pattern64(offs[i]);
	for (i = 0; i < RTE_DIM(offs); i++) {
		uint64_t got = 0;

		raw_ok &= raw_read64(v, BAR2, offs[i]) == pattern64(offs[i]);
		lib_ok &= rte_vfio_dev_read64(v, BAR2, offs[i], &got) == 0 &&
			got == pattern64(offs[i]);
	}
	check(raw_ok, "BAR2: written through the mapping, pread reads it");
	check(lib_ok, "BAR2: written through the mapping, library reads it");
	check(raw_write(v, BAR2, 0x40000, &v64, 8) == 0 &&
	      *(volatile uint64_t *)(m + 0x40000) == pattern64(0x40000),
	      "BAR2: pwrite, the mapping reads it");
	check(rte_vfio_dev_write64(v, BAR2, 0x80000, pattern64(0x80000)) == 0 &&
	      raw_read64(v, BAR2, 0x80000) == pattern64(0x80000),
	      "BAR2: 64-bit library write, pread reads it");
	check(rte_vfio_dev_write32(v, BAR2, 0x80010, 0xc001d00d) == 0 &&
	      rte_vfio_dev_write16(v, BAR2, 0x80014, 0xbeef) == 0 &&
	      raw_read32(v, BAR2, 0x80010) == 0xc001d00d &&
	      (raw_read32(v, BAR2, 0x80014) & 0xffff) == 0xbeef,
	      "BAR2: 32- and 16-bit library writes");
	check(rte_vfio_dev_write8(v, BAR2, MDEV_SIM_TEST_BAR2_SIZE - 1, 0x5a) == 0 &&
	      rte_vfio_dev_read8(v, BAR2, MDEV_SIM_TEST_BAR2_SIZE - 1, &v8) == 0 &&
	      v8 == 0x5a, "BAR2: last byte");
	check_eq("BAR2: read at the end fails with EINVAL",
		 (uint64_t)rte_vfio_dev_read8(v, BAR2, MDEV_SIM_TEST_BAR2_SIZE,
					      &v8), (uint64_t)-EINVAL);
	check_eq("BAR2: read straddling the end fails with EINVAL",
		 (uint64_t)rte_vfio_dev_read32(v, BAR2,
					       MDEV_SIM_TEST_BAR2_SIZE - 2, &v32),
		 (uint64_t)-EINVAL);
}

static void
test_bar4(const struct rte_vfio_dev *v)
{
	uint8_t want[MDEV_SIM_TEST_BAR4_SIZE], got[MDEV_SIM_TEST_BAR4_SIZE];
	bool writes_ok = true;
	uint16_t v16 = 0;
	uint32_t v32 = 0;
	uint64_t v64 = 0;
	uint8_t v8;
	unsigned int i;

	for (i = 0; i < sizeof(want); i++) {
		want[i] = (uint8_t)(i * 7 + 1);
		writes_ok &= rte_vfio_dev_write8(v, BAR4, i, want[i]) == 0;
	}
	check(writes_ok, "BAR4 (I/O, trapped): 32 byte writes");
	memset(got, 0, sizeof(got));
	check(rte_vfio_dev_read(v, BAR4, 0, got, sizeof(got)) == 0 &&
	      memcmp(got, want, sizeof(got)) == 0,
	      "BAR4: the 32 bytes read back through the library in one call");
	memset(got, 0, sizeof(got));
	check(raw_read(v, BAR4, 0, got, sizeof(got)) == 0 &&
	      memcmp(got, want, sizeof(got)) == 0,
	      "BAR4: the 32 bytes read back with pread");
	check(rte_vfio_dev_write16(v, BAR4, 2, 0xbeef) == 0 &&
	      rte_vfio_dev_write32(v, BAR4, 4, 0xfeedface) == 0 &&
	      rte_vfio_dev_write64(v, BAR4, 8, 0x0102030405060708ULL) == 0,
	      "BAR4: 16-, 32- and 64-bit writes");
	check(rte_vfio_dev_read16(v, BAR4, 2, &v16) == 0 && v16 == 0xbeef &&
	      rte_vfio_dev_read32(v, BAR4, 4, &v32) == 0 && v32 == 0xfeedface &&
	      rte_vfio_dev_read64(v, BAR4, 8, &v64) == 0 &&
	      v64 == 0x0102030405060708ULL,
	      "BAR4: 16-, 32- and 64-bit reads");
	check(raw_read64(v, BAR4, 8) == 0x0102030405060708ULL,
	      "BAR4: 64-bit library write, pread reads it");
	check(rte_vfio_dev_read(v, BAR4, 1, got, 3) == 0 && got[0] == want[1] &&
	      got[1] == 0xef && got[2] == 0xbe,
	      "BAR4: 3-byte read at an odd offset");
	check_eq("BAR4: read straddling the 32-byte end fails with EINVAL",
		 (uint64_t)rte_vfio_dev_read32(v, BAR4, 30, &v32),
		 (uint64_t)-EINVAL);
	check_eq("BAR4: read at the end fails with EINVAL",
		 (uint64_t)rte_vfio_dev_read8(v, BAR4, MDEV_SIM_TEST_BAR4_SIZE,
					      &v8), (uint64_t)-EINVAL);
}

void
test_mmio(struct guest_ctx *ctx)
{
	const struct rte_vfio_dev *v = ctx->vfio;
	const struct rte_vfio_dev_region *bar0 = rte_vfio_dev_region(v, BAR0);
	const struct rte_vfio_dev_region *bar2 = rte_vfio_dev_region(v, BAR2);
	uint16_t vendor = 0;
	int ret;

	test_bar0_registers(v);
	if (check(bar0 != NULL && bar0->addr != NULL,
		  "BAR0 mapped: sparse-area checks run"))
		test_bar0_sparse(v);
	if (check(bar2 != NULL && bar2->addr != NULL,
		  "BAR2 mapped: mapping checks run"))
		test_bar2(v);
	test_bar4(v);
	ret = rte_vfio_dev_read16(v, CFG, PCI_VENDOR_ID, &vendor);
	check(ret == 0 && vendor == MDEV_SIM_PCI_VENDOR_ID,
	      "config region through the generic read (%d, vendor %#x)", ret,
	      vendor);
}

/* --- PCI config space */

static void
test_identity(const struct rte_vfio_dev *v)
{
	uint8_t cfg[256];

	if (!check(rte_vfio_dev_pci_cfg_read(v, cfg, sizeof(cfg), 0) == 0,
		   "config space: 256-byte read"))
		return;
	check((cfg[0] | cfg[1] << 8) == MDEV_SIM_PCI_VENDOR_ID &&
	      (cfg[2] | cfg[3] << 8) == MDEV_SIM_TEST_DEVICE_ID,
	      "config space: vendor and device ID");
	check((cfg[PCI_SUBSYSTEM_VENDOR_ID] | cfg[PCI_SUBSYSTEM_VENDOR_ID + 1] << 8) ==
	      MDEV_SIM_PCI_SUBSYS_VENDOR_ID &&
	      (cfg[PCI_SUBSYSTEM_ID] | cfg[PCI_SUBSYSTEM_ID + 1] << 8) ==
	      MDEV_SIM_TEST_DEVICE_ID, "config space: subsystem IDs");
	check(cfg[PCI_REVISION_ID] == MDEV_SIM_TEST_REVISION &&
	      (cfg[PCI_CLASS_PROG] | cfg[PCI_CLASS_DEVICE] << 8 |
	       cfg[PCI_CLASS_DEVICE + 1] << 16) == MDEV_SIM_PCI_CLASS_OTHER,
	      "config space: revision and class");
	check(cfg[PCI_HEADER_TYPE] == 0 && cfg[PCI_INTERRUPT_PIN] == 1 &&
	      (cfg[PCI_STATUS] & PCI_STATUS_CAP_LIST) != 0,
	      "config space: header type 0, INTA#, capability list");
	check(rte_vfio_dev_pci_cfg_read(v, cfg, 4, 254) != 0,
	      "config space: read past the end fails");
	cfg_write16(v, PCI_VENDOR_ID, 0xffff);
	check_eq("config space: vendor ID is read-only", cfg16(v, PCI_VENDOR_ID),
		 MDEV_SIM_PCI_VENDOR_ID);
}

static void
test_capabilities(const struct rte_vfio_dev *v)
{
	int msix, msi;
	uint16_t ctl;

	check_eq("capability walk: PM at 0x40",
		 rte_vfio_dev_pci_cap_find(v, PCI_CAP_ID_PM, 0), 0x40);
	msi = rte_vfio_dev_pci_cap_find(v, PCI_CAP_ID_MSI, 0);
	check_eq("capability walk: MSI at 0x48", msi, 0x48);
	msix = rte_vfio_dev_pci_cap_find(v, PCI_CAP_ID_MSIX, 0);
	check_eq("capability walk: MSI-X at 0x60", msix, 0x60);
	check_eq("capability walk: Advanced Features at 0x70",
		 rte_vfio_dev_pci_cap_find(v, PCI_CAP_ID_AF, 0), 0x70);
	check_eq("capability walk: no PCI Express capability",
		 rte_vfio_dev_pci_cap_find(v, PCI_CAP_ID_EXP, 0), 0);
	check_eq("capability walk: no second PM capability",
		 rte_vfio_dev_pci_cap_find(v, PCI_CAP_ID_PM, 0x40), 0);
	check_eq("capability walk: MSI-X found after MSI",
		 rte_vfio_dev_pci_cap_find(v, PCI_CAP_ID_MSIX, 0x48), 0x60);
	if (msix == 0x60) {
		ctl = cfg16(v, msix + PCI_MSIX_FLAGS);
		check_eq("MSI-X: table size 8",
			 (ctl & PCI_MSIX_FLAGS_QSIZE) + 1,
			 MDEV_SIM_TEST_MSIX_VECTORS);
		check_eq("MSI-X: table in BAR0 at 0x800",
			 cfg32(v, msix + PCI_MSIX_TABLE),
			 MDEV_SIM_TEST_MSIX_TABLE | MDEV_SIM_TEST_MSIX_BAR);
		check_eq("MSI-X: PBA in BAR0 at 0xc00",
			 cfg32(v, msix + PCI_MSIX_PBA),
			 MDEV_SIM_TEST_MSIX_PBA | MDEV_SIM_TEST_MSIX_BAR);
	}
	if (msi == 0x48) {
		ctl = cfg16(v, msi + PCI_MSI_FLAGS);
		check((ctl & PCI_MSI_FLAGS_64BIT) != 0 &&
		      (ctl & PCI_MSI_FLAGS_QMASK) >> 1 == 2,
		      "MSI: 64-bit, 4 vectors capable (%#x)", ctl);
	}
}

static void
test_bars(const struct rte_vfio_dev *v)
{
	static const struct {
		enum rte_vfio_dev_bar_kind kind;
		bool prefetchable;
		uint32_t sized;  /* all ones written, read back */
	} want[6] = {
		{ RTE_VFIO_DEV_BAR_MEM32, false, 0xffff0000 },
		{ RTE_VFIO_DEV_BAR_NONE, false, 0 },
		{ RTE_VFIO_DEV_BAR_MEM64, true, 0xfff0000c },
		{ RTE_VFIO_DEV_BAR_NONE, false, 0xffffffff },
		{ RTE_VFIO_DEV_BAR_IO, false, 0xffffffe1 },
		{ RTE_VFIO_DEV_BAR_NONE, false, 0 },
	};
	enum rte_vfio_dev_bar_kind kind;
	unsigned int bar;
	bool pf;
	int ret;

	for (bar = 0; bar < RTE_DIM(want); bar++) {
		uint64_t off = PCI_BASE_ADDRESS_0 + 4 * bar;
		uint32_t saved = cfg32(v, off), ones = 0xffffffff;

		kind = RTE_VFIO_DEV_BAR_NONE;
		pf = !want[bar].prefetchable;
		ret = rte_vfio_dev_pci_bar_kind(v, bar, &kind, &pf);
		check(ret == 0 && kind == want[bar].kind &&
		      (want[bar].kind == RTE_VFIO_DEV_BAR_NONE ||
		       pf == want[bar].prefetchable),
		      "BAR%u kind %d%s (got %d%s)", bar, want[bar].kind,
		      want[bar].prefetchable ? " prefetchable" : "", kind,
		      pf ? " prefetchable" : "");
		rte_vfio_dev_pci_cfg_write(v, &ones, 4, off);
		check(cfg32(v, off) == want[bar].sized,
		      "BAR%u sizing reads back %#x", bar, want[bar].sized);
		rte_vfio_dev_pci_cfg_write(v, &saved, 4, off);
	}
	check(rte_vfio_dev_pci_bar_kind(v, 6, &kind, NULL) != 0,
	      "BAR6 does not exist");
}

static void
test_enables(const struct rte_vfio_dev *v)
{
	uint16_t cmd = cfg16(v, PCI_COMMAND);
	uint32_t v32;
	uint8_t v8;

	check((cmd & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY)) ==
	      (PCI_COMMAND_IO | PCI_COMMAND_MEMORY),
	      "Command: I/O and memory decoding on while open (%#x)", cmd);
	check(rte_vfio_dev_pci_set_memory(v, false) == 0 &&
	      (cfg16(v, PCI_COMMAND) & PCI_COMMAND_MEMORY) == 0,
	      "memory decoding off");
	check_eq("BAR0 register read fails with EIO without memory decoding",
		 (uint64_t)rte_vfio_dev_read32(v, BAR0, MDEV_SIM_TEST_REG_ID,
					       &v32), (uint64_t)-EIO);
	check(rte_vfio_dev_read8(v, BAR4, 0, &v8) == 0,
	      "BAR4 (I/O) still works without memory decoding");
	check(rte_vfio_dev_pci_set_memory(v, true) == 0 &&
	      (cfg16(v, PCI_COMMAND) & PCI_COMMAND_MEMORY) != 0 &&
	      reg_read(v, MDEV_SIM_TEST_REG_ID) == MDEV_SIM_TEST_ID_MAGIC,
	      "memory decoding on again: BAR0 registers readable");
	cfg_write16(v, PCI_COMMAND, cfg16(v, PCI_COMMAND) & ~PCI_COMMAND_IO);
	check_eq("BAR4 read fails with EIO without I/O decoding",
		 (uint64_t)rte_vfio_dev_read8(v, BAR4, 0, &v8), (uint64_t)-EIO);
	cfg_write16(v, PCI_COMMAND, cfg16(v, PCI_COMMAND) | PCI_COMMAND_IO);
	check(rte_vfio_dev_read8(v, BAR4, 0, &v8) == 0,
	      "BAR4 works with I/O decoding on again");
	check(rte_vfio_dev_pci_set_bus_master(v, true) == 0 &&
	      (cfg16(v, PCI_COMMAND) & PCI_COMMAND_MASTER) != 0,
	      "bus master on");
	check(rte_vfio_dev_pci_set_bus_master(v, false) == 0 &&
	      (cfg16(v, PCI_COMMAND) & PCI_COMMAND_MASTER) == 0,
	      "bus master off");
	check((cfg16(v, PCI_COMMAND) & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY)) ==
	      (PCI_COMMAND_IO | PCI_COMMAND_MEMORY),
	      "bus master changes leave decoding alone");
}

void
test_pci_config(struct guest_ctx *ctx)
{
	test_identity(ctx->vfio);
	test_capabilities(ctx->vfio);
	test_bars(ctx->vfio);
	test_enables(ctx->vfio);
}
