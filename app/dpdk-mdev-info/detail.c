/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * --detail: each admitted device opened through the VFIO helper library,
 * which reads the device, region and IRQ info from the kernel; the outputs
 * print what it found. Names of regions, IRQ indexes and flag bits for them.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/vfio.h>

#include <rte_common.h>
#include <rte_errno.h>

#include "mdev_info.h"

/*
 * The device is opened as the bus opens it for a driver that asks (its
 * container from the devargs, its device_api checked):
 * rte_mdev_inspect_open().
 */
int
mdev_info_detail_open(struct mdev_info_entry *e)
{
	int ret;

	e->detailed = true;
	if (e->info.iommu_group < 0) {
		snprintf(e->vfio_error, sizeof(e->vfio_error),
			 "no IOMMU group (is the device bound to its vendor driver?)");
		return -1;
	}
	ret = rte_mdev_inspect_open(e->dev, &e->vfio);
	if (ret < 0) {
		e->vfio = NULL;
		snprintf(e->vfio_error, sizeof(e->vfio_error),
			 "cannot open through VFIO: %s", rte_strerror(-ret));
		return -1;
	}
	return 0;
}

void
mdev_info_detail_close(struct mdev_info_entry *e)
{
	if (e->vfio != NULL)
		rte_mdev_inspect_close(e->dev);
	e->vfio = NULL;
}

static const char * const pci_region_names[VFIO_PCI_NUM_REGIONS] = {
	[VFIO_PCI_BAR0_REGION_INDEX] = "BAR0",
	[VFIO_PCI_BAR1_REGION_INDEX] = "BAR1",
	[VFIO_PCI_BAR2_REGION_INDEX] = "BAR2",
	[VFIO_PCI_BAR3_REGION_INDEX] = "BAR3",
	[VFIO_PCI_BAR4_REGION_INDEX] = "BAR4",
	[VFIO_PCI_BAR5_REGION_INDEX] = "BAR5",
	[VFIO_PCI_ROM_REGION_INDEX] = "ROM",
	[VFIO_PCI_CONFIG_REGION_INDEX] = "CONFIG",
	[VFIO_PCI_VGA_REGION_INDEX] = "VGA",
};

static const char * const pci_irq_names[VFIO_PCI_NUM_IRQS] = {
	[VFIO_PCI_INTX_IRQ_INDEX] = "INTX",
	[VFIO_PCI_MSI_IRQ_INDEX] = "MSI",
	[VFIO_PCI_MSIX_IRQ_INDEX] = "MSIX",
	[VFIO_PCI_ERR_IRQ_INDEX] = "ERR",
	[VFIO_PCI_REQ_IRQ_INDEX] = "REQ",
};

/* Indexes have fixed meanings only for vfio-pci; others have none here. */
const char *
mdev_info_region_name(const struct rte_vfio_dev *vfio, uint32_t index)
{
	if ((rte_vfio_dev_flags(vfio) & VFIO_DEVICE_FLAGS_PCI) == 0 ||
	    index >= RTE_DIM(pci_region_names))
		return NULL;
	return pci_region_names[index];
}

const char *
mdev_info_irq_name(const struct rte_vfio_dev *vfio, uint32_t index)
{
	if ((rte_vfio_dev_flags(vfio) & VFIO_DEVICE_FLAGS_PCI) == 0 ||
	    index >= RTE_DIM(pci_irq_names))
		return NULL;
	return pci_irq_names[index];
}

const struct mdev_info_flag mdev_info_device_flags[] = {
	{ VFIO_DEVICE_FLAGS_RESET, "RESET" },
	{ VFIO_DEVICE_FLAGS_PCI, "PCI" },
	{ VFIO_DEVICE_FLAGS_PLATFORM, "PLATFORM" },
	{ VFIO_DEVICE_FLAGS_AMBA, "AMBA" },
	{ VFIO_DEVICE_FLAGS_CCW, "CCW" },
	{ VFIO_DEVICE_FLAGS_AP, "AP" },
	{ VFIO_DEVICE_FLAGS_FSL_MC, "FSL_MC" },
	{ VFIO_DEVICE_FLAGS_CAPS, "CAPS" },
	{ 0, NULL },
};

const struct mdev_info_flag mdev_info_region_flags[] = {
	{ VFIO_REGION_INFO_FLAG_READ, "READ" },
	{ VFIO_REGION_INFO_FLAG_WRITE, "WRITE" },
	{ VFIO_REGION_INFO_FLAG_MMAP, "MMAP" },
	{ VFIO_REGION_INFO_FLAG_CAPS, "CAPS" },
	{ 0, NULL },
};

const struct mdev_info_flag mdev_info_irq_flags[] = {
	{ VFIO_IRQ_INFO_EVENTFD, "EVENTFD" },
	{ VFIO_IRQ_INFO_MASKABLE, "MASKABLE" },
	{ VFIO_IRQ_INFO_AUTOMASKED, "AUTOMASKED" },
	{ VFIO_IRQ_INFO_NORESIZE, "NORESIZE" },
	{ 0, NULL },
};

uint32_t
mdev_info_flags_unknown(uint32_t flags, const struct mdev_info_flag *names)
{
	for (; names->name != NULL; names++)
		flags &= ~names->bit;
	return flags;
}

void
mdev_info_flags_text(char *buf, size_t len, uint32_t flags,
		     const struct mdev_info_flag *names)
{
	uint32_t unknown = mdev_info_flags_unknown(flags, names);
	size_t used = 0;

	buf[0] = '\0';
	if (flags == 0) {
		snprintf(buf, len, "-");
		return;
	}
	for (; names->name != NULL; names++) {
		if ((flags & names->bit) == 0)
			continue;
		used += snprintf(buf + used, used < len ? len - used : 0, "%s%s",
				 used > 0 ? "|" : "", names->name);
	}
	/* Bits of a newer kernel stay visible as a number. */
	if (unknown != 0)
		snprintf(buf + used, used < len ? len - used : 0, "%s%#x",
			 used > 0 ? "|" : "", unknown);
}
