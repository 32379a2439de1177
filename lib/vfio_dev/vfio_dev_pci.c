/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* vfio-pci devices: config space, capability list, BARs, command bits. */

#include <errno.h>
#include <stdbool.h>
#include <linux/vfio.h>

#include <rte_bitops.h>
#include <eal_export.h>

#include "vfio_dev_private.h"

/*
 * Config space offsets and bits of the PCI Local Bus specification, named
 * here: DPDK's drivers do not include linux/pci_regs.h, and rte_pci.h has
 * few of them before 23.11.
 */
#define VFIO_DEV_PCI_COMMAND		0x04
#define VFIO_DEV_PCI_COMMAND_MEMORY	0x2
#define VFIO_DEV_PCI_COMMAND_MASTER	0x4
#define VFIO_DEV_PCI_STATUS		0x06
#define VFIO_DEV_PCI_STATUS_CAP_LIST	0x10
#define VFIO_DEV_PCI_BASE_ADDRESS_0	0x10
#define VFIO_DEV_PCI_BAR_SPACE		0x01	/* set: I/O space */
#define VFIO_DEV_PCI_BAR_MEM_TYPE_MASK	0x06
#define VFIO_DEV_PCI_BAR_MEM_TYPE_32	0x00
#define VFIO_DEV_PCI_BAR_MEM_TYPE_64	0x04
#define VFIO_DEV_PCI_BAR_MEM_PREFETCH	0x08
#define VFIO_DEV_PCI_CAPABILITY_LIST	0x34
/* Standard capabilities live after the header, in the first 256 bytes. */
#define VFIO_DEV_PCI_STD_CAP_FIRST	0x40

static int
pci_check(const struct rte_vfio_dev *vdev)
{
	if (vdev == NULL)
		return -EINVAL;
	if ((vdev->flags & VFIO_DEVICE_FLAGS_PCI) == 0 ||
	    vdev->nb_regions <= VFIO_PCI_CONFIG_REGION_INDEX)
		return -ENOTSUP;
	return 0;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_pci_cfg_read)
int
rte_vfio_dev_pci_cfg_read(const struct rte_vfio_dev *vdev, void *buf,
			  size_t len, uint64_t offset)
{
	int ret = pci_check(vdev);

	if (ret < 0)
		return ret;
	return rte_vfio_dev_read(vdev, VFIO_PCI_CONFIG_REGION_INDEX, offset,
				 buf, len);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_pci_cfg_write)
int
rte_vfio_dev_pci_cfg_write(const struct rte_vfio_dev *vdev,
			   const void *buf, size_t len, uint64_t offset)
{
	int ret = pci_check(vdev);

	if (ret < 0)
		return ret;
	return rte_vfio_dev_write(vdev, VFIO_PCI_CONFIG_REGION_INDEX, offset,
				  buf, len);
}

/*
 * Every call walks from the list head, also when it continues after
 * @p from, and refuses a list that comes back to a capability it passed:
 * a list looping back to a capability of the ID asked for would otherwise
 * send a caller walking them all round for ever, since no single call
 * would see the loop.
 */
RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_pci_cap_find)
int
rte_vfio_dev_pci_cap_find(const struct rte_vfio_dev *vdev, uint8_t cap_id,
			  uint8_t from)
{
	bool past_from = from == 0;
	uint64_t seen = 0; /* one bit per dword past the header */
	uint16_t status;
	uint8_t pos, hdr[2];
	int ret;

	ret = pci_check(vdev);
	if (ret == 0)
		ret = rte_vfio_dev_read16(vdev, VFIO_PCI_CONFIG_REGION_INDEX,
					  VFIO_DEV_PCI_STATUS, &status);
	if (ret == 0 && (status & VFIO_DEV_PCI_STATUS_CAP_LIST) == 0)
		return 0;
	if (ret == 0)
		ret = rte_vfio_dev_pci_cfg_read(vdev, &pos, 1,
						VFIO_DEV_PCI_CAPABILITY_LIST);
	if (ret < 0)
		return ret;
	for (pos &= ~3; pos != 0; pos = hdr[1] & ~3) {
		if (pos < VFIO_DEV_PCI_STD_CAP_FIRST ||
		    (seen & RTE_BIT64((pos - VFIO_DEV_PCI_STD_CAP_FIRST) / 4)) != 0) {
			VFIO_DEV_LOG(ERR, "%s: malformed PCI capability list at %#x",
				     rte_vfio_dev_name(vdev), pos);
			return -EINVAL;
		}
		seen |= RTE_BIT64((pos - VFIO_DEV_PCI_STD_CAP_FIRST) / 4);
		ret = rte_vfio_dev_pci_cfg_read(vdev, hdr, sizeof(hdr), pos);
		if (ret < 0)
			return ret;
		if (past_from && hdr[0] == cap_id)
			return pos;
		if (pos == from)
			past_from = true;
	}
	/* @p from is not in the list: not a capability this walk gave. */
	return past_from ? 0 : -EINVAL;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_pci_bar_kind)
int
rte_vfio_dev_pci_bar_kind(const struct rte_vfio_dev *vdev, unsigned int bar,
			  enum rte_vfio_dev_bar_kind *kind,
			  bool *prefetchable)
{
	const struct rte_vfio_dev_region *region;
	uint32_t reg;
	int ret;

	if (kind == NULL || bar > VFIO_PCI_BAR5_REGION_INDEX)
		return -EINVAL;
	ret = pci_check(vdev);
	if (ret < 0)
		return ret;
	*kind = RTE_VFIO_DEV_BAR_NONE;
	if (prefetchable != NULL)
		*prefetchable = false;
	/* VFIO gives absent BARs, and upper halves of 64-bit ones, size 0. */
	region = rte_vfio_dev_region(vdev, VFIO_PCI_BAR0_REGION_INDEX + bar);
	if (region == NULL || region->size == 0)
		return 0;
	ret = rte_vfio_dev_read32(vdev, VFIO_PCI_CONFIG_REGION_INDEX,
				  VFIO_DEV_PCI_BASE_ADDRESS_0 + 4 * bar, &reg);
	if (ret < 0)
		return ret;
	if ((reg & VFIO_DEV_PCI_BAR_SPACE) != 0) {
		*kind = RTE_VFIO_DEV_BAR_IO;
		return 0;
	}
	switch (reg & VFIO_DEV_PCI_BAR_MEM_TYPE_MASK) {
	case VFIO_DEV_PCI_BAR_MEM_TYPE_64:
		/* BAR5 has no upper half to pair with. */
		if (bar == VFIO_PCI_BAR5_REGION_INDEX)
			return -EINVAL;
		*kind = RTE_VFIO_DEV_BAR_MEM64;
		break;
	case VFIO_DEV_PCI_BAR_MEM_TYPE_32:
		*kind = RTE_VFIO_DEV_BAR_MEM32;
		break;
	default:
		/* Reserved encoding (below 1 MiB is obsolete). */
		*kind = RTE_VFIO_DEV_BAR_MEM32;
		break;
	}
	if (prefetchable != NULL)
		*prefetchable = (reg & VFIO_DEV_PCI_BAR_MEM_PREFETCH) != 0;
	return 0;
}

static int
pci_command_set(const struct rte_vfio_dev *vdev, uint16_t bit, bool enable)
{
	uint16_t cmd, want;
	int ret;

	ret = pci_check(vdev);
	if (ret < 0)
		return ret;
	ret = rte_vfio_dev_read16(vdev, VFIO_PCI_CONFIG_REGION_INDEX,
				  VFIO_DEV_PCI_COMMAND, &cmd);
	if (ret < 0)
		return ret;
	want = enable ? (cmd | bit) : (cmd & ~bit);
	if (want == cmd)
		return 0;
	return rte_vfio_dev_write16(vdev, VFIO_PCI_CONFIG_REGION_INDEX,
				    VFIO_DEV_PCI_COMMAND, want);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_pci_set_memory)
int
rte_vfio_dev_pci_set_memory(const struct rte_vfio_dev *vdev, bool enable)
{
	return pci_command_set(vdev, VFIO_DEV_PCI_COMMAND_MEMORY, enable);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_pci_set_bus_master)
int
rte_vfio_dev_pci_set_bus_master(const struct rte_vfio_dev *vdev,
				bool enable)
{
	return pci_command_set(vdev, VFIO_DEV_PCI_COMMAND_MASTER, enable);
}
