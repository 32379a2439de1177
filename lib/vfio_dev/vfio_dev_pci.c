/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* vfio-pci devices: config space, capability list, BARs, command bits. */

#include <errno.h>
#include <stdbool.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include <rte_bitops.h>
#include <eal_export.h>

#include "vfio_dev_private.h"

/* Standard capabilities live after the header, in the first 256 bytes. */
#define PCI_STD_CAP_FIRST 0x40

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
					  PCI_STATUS, &status);
	if (ret == 0 && (status & PCI_STATUS_CAP_LIST) == 0)
		return 0;
	if (ret == 0)
		ret = rte_vfio_dev_pci_cfg_read(vdev, &pos, 1,
						PCI_CAPABILITY_LIST);
	if (ret < 0)
		return ret;
	for (pos &= ~3; pos != 0; pos = hdr[1] & ~3) {
		if (pos < PCI_STD_CAP_FIRST ||
		    (seen & RTE_BIT64((pos - PCI_STD_CAP_FIRST) / 4)) != 0) {
			VFIO_DEV_LOG(ERR, "%s: malformed PCI capability list at %#x",
				     rte_vfio_dev_name(vdev), pos);
			return -EINVAL;
		}
		seen |= RTE_BIT64((pos - PCI_STD_CAP_FIRST) / 4);
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
				  PCI_BASE_ADDRESS_0 + 4 * bar, &reg);
	if (ret < 0)
		return ret;
	if ((reg & PCI_BASE_ADDRESS_SPACE) == PCI_BASE_ADDRESS_SPACE_IO) {
		*kind = RTE_VFIO_DEV_BAR_IO;
		return 0;
	}
	switch (reg & PCI_BASE_ADDRESS_MEM_TYPE_MASK) {
	case PCI_BASE_ADDRESS_MEM_TYPE_64:
		/* BAR5 has no upper half to pair with. */
		if (bar == VFIO_PCI_BAR5_REGION_INDEX)
			return -EINVAL;
		*kind = RTE_VFIO_DEV_BAR_MEM64;
		break;
	case PCI_BASE_ADDRESS_MEM_TYPE_32:
		*kind = RTE_VFIO_DEV_BAR_MEM32;
		break;
	default:
		/* Reserved encoding (below 1 MiB is obsolete). */
		*kind = RTE_VFIO_DEV_BAR_MEM32;
		break;
	}
	if (prefetchable != NULL)
		*prefetchable = (reg & PCI_BASE_ADDRESS_MEM_PREFETCH) != 0;
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
				  PCI_COMMAND, &cmd);
	if (ret < 0)
		return ret;
	want = enable ? (cmd | bit) : (cmd & ~bit);
	if (want == cmd)
		return 0;
	return rte_vfio_dev_write16(vdev, VFIO_PCI_CONFIG_REGION_INDEX,
				    PCI_COMMAND, want);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_pci_set_memory)
int
rte_vfio_dev_pci_set_memory(const struct rte_vfio_dev *vdev, bool enable)
{
	return pci_command_set(vdev, PCI_COMMAND_MEMORY, enable);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_pci_set_bus_master)
int
rte_vfio_dev_pci_set_bus_master(const struct rte_vfio_dev *vdev,
				bool enable)
{
	return pci_command_set(vdev, PCI_COMMAND_MASTER, enable);
}
