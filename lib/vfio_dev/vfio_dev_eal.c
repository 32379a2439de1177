/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The one file that calls EAL's VFIO (rte_vfio.h): RTE_VFIO_DEV_IOMMU_EAL
 * mode, where a device joins EAL's default container, shared with bus/pci's
 * devices, and DMA maps go through EAL, which keeps that container's
 * mappings. The library's own containers (vfio_dev_container.c) need
 * nothing of EAL's VFIO: they open groups, set the IOMMU type and pass fds
 * to secondary processes themselves. DPDK's deprecation notice makes
 * rte_vfio_* internal in 26.11 and drops the group API; this mode only uses
 * rte_vfio_setup_device(), _release_device(), _get_container_fd() and the
 * default container's DMA calls.
 */

#include <errno.h>
#include <unistd.h>
#include <linux/vfio.h>
#include <sys/ioctl.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_vfio.h>

#include "vfio_dev_private.h"

/* The type EAL gave its default container: the first it tries that works. */
static int
vfio_dev_eal_type(void)
{
	static const int types[] = {
		VFIO_TYPE1_IOMMU, VFIO_SPAPR_TCE_v2_IOMMU, VFIO_NOIOMMU_IOMMU,
	};
	int fd = rte_vfio_get_container_fd();
	unsigned int i;

	if (fd < 0)
		return -ENODEV;
	/* With a type set, the container asks that type's driver. */
	for (i = 0; i < RTE_DIM(types); i++)
		if (ioctl(fd, VFIO_CHECK_EXTENSION, types[i]) == 1)
			return types[i];
	return -ENODEV;
}

int
vfio_dev_eal_open(struct rte_vfio_dev *vdev)
{
	struct vfio_device_info info = { .argsz = sizeof(info) };
	int fd = -1;
	int ret;

	errno = 0;
	ret = rte_vfio_setup_device(vdev->sysfs_base, vdev->name, &fd, &info);
	if (ret < 0) {
		/*
		 * EAL only logs why; errno still holds what the group's open
		 * said when that was the step that failed.
		 */
		switch (errno) {
		case EBUSY:
		case EACCES:
		case EPERM:
		case ENOENT:
			return -errno;
		default:
			return -ENODEV;
		}
	}
	/* 1: the device has no IOMMU group, VFIO does not manage it. */
	if (ret > 0)
		return -ENODEV;
	vdev->fd = fd;
	vdev->iommu_type = vfio_dev_eal_type();
	return 0;
}

void
vfio_dev_eal_close(struct rte_vfio_dev *vdev)
{
	if (vdev->fd < 0)
		return;
	/* EAL closes the device fd and, with its last device, the group. */
	if (rte_vfio_release_device(vdev->sysfs_base, vdev->name,
				    vdev->fd) != 0)
		VFIO_DEV_LOG(ERR, "%s: VFIO release failed", vdev->name);
	vdev->fd = -1;
}

int
vfio_dev_eal_dma(uint64_t va, uint64_t iova, uint64_t len, bool map)
{
	int ret;

	rte_errno = 0;
	errno = 0;
	if (map)
		ret = rte_vfio_container_dma_map(RTE_VFIO_DEFAULT_CONTAINER_FD,
						 va, iova, len);
	else
		ret = rte_vfio_container_dma_unmap(RTE_VFIO_DEFAULT_CONTAINER_FD,
						   va, iova, len);
	if (ret == 0)
		return 0;
	/* EAL sets rte_errno for its own refusals, errno is the kernel's. */
	if (rte_errno != 0)
		return -rte_errno;
	return errno != 0 ? -errno : -EIO;
}
