/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * libFuzzer harness: PCI config space as a mediated device's vendor driver
 * presents it (every byte is the driver's to choose): the capability list
 * walk for every capability ID, and the BAR registers. The config region
 * lives in a memfd standing in for the VFIO device fd. The input's first
 * byte sizes the region (a driver may expose less than 256 bytes), the
 * rest is its content.
 */

#include <errno.h>
#include <sys/mman.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include <rte_common.h>

#include "fuzz_common.h"
#include "rte_vfio_dev.h"
#include "vfio_dev_private.h"

#define CFG_OFFSET 0x10000
#define CFG_MAX 256

static int memfd = -1;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_quiet_logs();
	memfd = memfd_create("fuzz_pci_config", MFD_CLOEXEC);
	FZ_CHECK(memfd >= 0);
	return 0;
}

/* Walk every capability of @p id; each step lands on that ID, moving on. */
static void
walk(const struct rte_vfio_dev *vdev, const uint8_t *cfg, size_t cfg_size,
     uint8_t id)
{
	unsigned int steps = 0;
	int off, prev = 0;

	for (off = rte_vfio_dev_pci_cap_find(vdev, id, 0); off > 0;
	     off = rte_vfio_dev_pci_cap_find(vdev, id, (uint8_t)off)) {
		/* a standard capability: past the header, inside the region */
		FZ_CHECK(off >= PCI_STD_HEADER_SIZEOF && off < CFG_MAX);
		FZ_CHECK((size_t)off + 2 <= cfg_size);
		FZ_CHECK(cfg[off] == id);
		FZ_CHECK(off != prev);
		prev = off;
		/* 48 capabilities fill the 192 bytes past the header */
		FZ_CHECK(++steps <= 48);
	}
	/* malformed list, or a read past the region: never another error */
	FZ_CHECK(off == 0 || off == -EINVAL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rte_vfio_dev_region regions[VFIO_PCI_CONFIG_REGION_INDEX + 1];
	uint8_t cfg[CFG_MAX];
	struct fz_input in = { data, size };
	enum rte_vfio_dev_bar_kind kind;
	struct rte_vfio_dev *vdev;
	size_t cfg_size;
	unsigned int bar, id;
	bool pf;
	int fd, ret;

	cfg_size = fz_u8(&in) + 1;
	memset(cfg, 0, sizeof(cfg));
	memcpy(cfg, in.p, RTE_MIN(in.len, cfg_size));
	FZ_CHECK(ftruncate(memfd, 0) == 0);
	FZ_CHECK(ftruncate(memfd, CFG_OFFSET + CFG_MAX) == 0);
	FZ_CHECK(pwrite(memfd, cfg, cfg_size, CFG_OFFSET) == (ssize_t)cfg_size);

	memset(regions, 0, sizeof(regions));
	regions[VFIO_PCI_CONFIG_REGION_INDEX].index =
		VFIO_PCI_CONFIG_REGION_INDEX;
	regions[VFIO_PCI_CONFIG_REGION_INDEX].flags =
		VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
	regions[VFIO_PCI_CONFIG_REGION_INDEX].size = cfg_size;
	regions[VFIO_PCI_CONFIG_REGION_INDEX].offset = CFG_OFFSET;
	fd = dup(memfd);
	FZ_CHECK(fd >= 0);
	vdev = rte_vfio_dev_attach_fd(fd, "fuzz-pci", VFIO_DEVICE_FLAGS_PCI,
				      RTE_DIM(regions), regions);
	FZ_CHECK(vdev != NULL);

	for (id = 0; id <= PCI_CAP_ID_MAX + 1; id++)
		walk(vdev, cfg, cfg_size, (uint8_t)id);
	for (bar = 0; bar <= PCI_STD_NUM_BARS; bar++) {
		ret = rte_vfio_dev_pci_bar_kind(vdev, bar, &kind, &pf);
		if (bar == PCI_STD_NUM_BARS)
			FZ_CHECK(ret < 0);
		if (ret == 0)
			FZ_CHECK(kind <= RTE_VFIO_DEV_BAR_MEM64);
	}
	rte_vfio_dev_close(vdev);
	return 0;
}
