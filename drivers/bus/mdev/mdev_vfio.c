/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* The bus's own use of VFIO: opening a device and reading its PCI IDs. */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/vfio.h>
#include <sys/ioctl.h>

#include <rte_byteorder.h>
#include <rte_vfio.h>

#include "private.h"

int
rte_mdev_vfio_open(struct rte_mdev_device *dev)
{
	struct vfio_device_info info = { .argsz = sizeof(info) };
	int fd;

	if (dev->vfio_fd >= 0)
		return 0;
	if (dev->iommu_group < 0) {
		MDEV_LOG(ERR, "%s: no IOMMU group, is the device bound to its vendor driver?",
			 dev->name);
		return -ENODEV;
	}
	if (rte_vfio_setup_device(mdev_sysfs_path(), dev->name, &fd, &info) != 0) {
		MDEV_LOG(ERR, "%s: cannot open through VFIO", dev->name);
		return -ENODEV;
	}
	dev->vfio_fd = fd;
	return 0;
}

void
rte_mdev_vfio_close(struct rte_mdev_device *dev)
{
	if (dev->vfio_fd < 0)
		return;
	rte_vfio_release_device(mdev_sysfs_path(), dev->name, dev->vfio_fd);
	dev->vfio_fd = -1;
}

static int
config_read(int fd, uint64_t base, void *buf, size_t len, off_t off)
{
	ssize_t n = pread(fd, buf, len, base + off);

	return n == (ssize_t)len ? 0 : -EIO;
}

int
mdev_vfio_read_pci_id(struct rte_mdev_device *dev)
{
	struct vfio_region_info reg = {
		.argsz = sizeof(reg),
		.index = VFIO_PCI_CONFIG_REGION_INDEX,
	};
	bool opened_here = dev->vfio_fd < 0;
	uint16_t ids[2], subsys[2];
	uint32_t class_rev;
	int ret;

	ret = rte_mdev_vfio_open(dev);
	if (ret < 0)
		return ret;
	if (ioctl(dev->vfio_fd, VFIO_DEVICE_GET_REGION_INFO, &reg) < 0) {
		ret = -errno;
		MDEV_LOG(ERR, "%s: no PCI config region: %s", dev->name,
			 strerror(errno));
		goto out;
	}
	ret = config_read(dev->vfio_fd, reg.offset, ids, sizeof(ids), 0x00);
	if (ret == 0)
		ret = config_read(dev->vfio_fd, reg.offset, &class_rev,
				  sizeof(class_rev), 0x08);
	if (ret == 0)
		ret = config_read(dev->vfio_fd, reg.offset, subsys,
				  sizeof(subsys), 0x2c);
	if (ret < 0) {
		MDEV_LOG(ERR, "%s: cannot read PCI config space", dev->name);
		goto out;
	}
	dev->pci_id.vendor_id = rte_le_to_cpu_16(ids[0]);
	dev->pci_id.device_id = rte_le_to_cpu_16(ids[1]);
	dev->pci_id.class_id = rte_le_to_cpu_32(class_rev) >> 8;
	dev->pci_id.subsystem_vendor_id = rte_le_to_cpu_16(subsys[0]);
	dev->pci_id.subsystem_device_id = rte_le_to_cpu_16(subsys[1]);
out:
	if (opened_here)
		rte_mdev_vfio_close(dev);
	return ret;
}
