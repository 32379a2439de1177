/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Opening and closing a VFIO device; device, region and IRQ info. */

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/vfio.h>
#include <sys/ioctl.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <eal_export.h>

#include "vfio_dev_private.h"

/*
 * The device's IOMMU group: the number its sysfs iommu_group link ends
 * in. -ENODEV: no group, VFIO does not manage the device.
 */
static int
vfio_dev_group_num(const char *sysfs_base, const char *name)
{
	char path[PATH_MAX], target[PATH_MAX], *end;
	const char *base;
	ssize_t len;
	long num;

	if (snprintf(path, sizeof(path), "%s/%s/iommu_group", sysfs_base,
		     name) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	len = readlink(path, target, sizeof(target) - 1);
	if (len < 0)
		return -ENODEV;
	target[len] = '\0';
	base = strrchr(target, '/');
	base = base != NULL ? base + 1 : target;
	errno = 0;
	num = strtol(base, &end, 10);
	if (errno != 0 || end == base || *end != '\0' || num < 0 ||
	    num > INT_MAX) {
		VFIO_DEV_LOG(ERR, "%s: IOMMU group link %s does not end in a number",
			     name, target);
		return -ENODEV;
	}
	return (int)num;
}

/*
 * The directory that holds the device itself, not a bus's link to it: a
 * bus removes its link (/sys/bus/mdev/devices/<uuid>) before the kernel
 * asks for the device back, and releasing needs the device's iommu_group
 * link, which lasts until the device is released.
 */
static char *
vfio_dev_canonical_base(const char *sysfs_base, const char *name)
{
	char path[PATH_MAX], *real, *slash;

	if (snprintf(path, sizeof(path), "%s/%s", sysfs_base, name) >=
	    (int)sizeof(path))
		return strdup(sysfs_base);
	real = realpath(path, NULL);
	if (real == NULL)
		return strdup(sysfs_base);
	slash = strrchr(real, '/');
	if (slash == NULL || strcmp(slash + 1, name) != 0) {
		free(real);
		return strdup(sysfs_base);
	}
	*slash = '\0';
	return real;
}

/* The release order of each container is its file's. */
static void
vfio_dev_fd_release(struct rte_vfio_dev *vdev)
{
	if (vdev->sysfs_base == NULL) {
		/* Attached from a bare fd (unit tests): no container. */
		if (vdev->fd >= 0)
			close(vdev->fd);
		vdev->fd = -1;
	} else if (vdev->iommu == RTE_VFIO_DEV_IOMMU_EAL) {
		vfio_dev_eal_close(vdev);
	} else {
		vfio_dev_container_close(vdev);
	}
}

static const struct {
	const char *api;
	uint32_t flag;
} vfio_dev_apis[] = {
	{ "vfio-pci", VFIO_DEVICE_FLAGS_PCI },
	{ "vfio-platform", VFIO_DEVICE_FLAGS_PLATFORM },
	{ "vfio-amba", VFIO_DEVICE_FLAGS_AMBA },
	{ "vfio-ccw", VFIO_DEVICE_FLAGS_CCW },
	{ "vfio-ap", VFIO_DEVICE_FLAGS_AP },
	/* Not mediated kinds: for the other buses that use the library. */
	{ "vfio-fsl-mc", VFIO_DEVICE_FLAGS_FSL_MC },
	{ "vfio-cdx", VFIO_DEVICE_FLAGS_CDX },
};

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_api_flag)
uint32_t
rte_vfio_dev_api_flag(const char *device_api)
{
	unsigned int i;

	for (i = 0; device_api != NULL && i < RTE_DIM(vfio_dev_apis); i++)
		if (strcmp(device_api, vfio_dev_apis[i].api) == 0)
			return vfio_dev_apis[i].flag;
	return 0;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_api_name)
const char *
rte_vfio_dev_api_name(uint32_t flag)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(vfio_dev_apis); i++)
		if (flag == vfio_dev_apis[i].flag)
			return vfio_dev_apis[i].api;
	return NULL;
}

/* The kernel and the caller must agree on what kind of device this is. */
static int
vfio_dev_check_type(const struct rte_vfio_dev *vdev, uint32_t want)
{
	uint32_t kinds = 0;
	unsigned int i;

	for (i = 0; i < RTE_DIM(vfio_dev_apis); i++)
		kinds |= vfio_dev_apis[i].flag;
	if (rte_vfio_dev_api_name(want) == NULL) {
		VFIO_DEV_LOG(ERR, "%s: %#x is not one VFIO_DEVICE_FLAGS_* device type",
			     vdev->name, want);
		return -EINVAL;
	}
	if ((vdev->flags & kinds) != want) {
		VFIO_DEV_LOG(ERR, "%s: device flags %#x do not describe a %s device",
			     vdev->name, vdev->flags, rte_vfio_dev_api_name(want));
		return -EPROTO;
	}
	return 0;
}

static int
vfio_dev_irq_query(struct rte_vfio_dev *vdev, uint32_t index)
{
	struct vfio_irq_info info = { .argsz = sizeof(info), .index = index };
	struct rte_vfio_dev_irq *irq = &vdev->irqs[index];

	irq->index = index;
	/* vfio-pci refuses indexes the function lacks (ERR on non-PCIe). */
	if (ioctl(vdev->fd, VFIO_DEVICE_GET_IRQ_INFO, &info) < 0) {
		VFIO_DEV_LOG(DEBUG, "%s: IRQ index %u: %s", vdev->name, index,
			     strerror(errno));
		return 0;
	}
	irq->flags = info.flags;
	irq->count = info.count;
	return 0;
}

/* Read the device, region and IRQ info of an open fd into @p vdev. */
static int
vfio_dev_describe(struct rte_vfio_dev *vdev)
{
	struct vfio_device_info info = { .argsz = sizeof(info) };
	uint32_t i;
	int ret;

	if (ioctl(vdev->fd, VFIO_DEVICE_GET_INFO, &info) < 0) {
		ret = -errno;
		VFIO_DEV_LOG(ERR, "%s: VFIO_DEVICE_GET_INFO: %s", vdev->name,
			     strerror(errno));
		return ret;
	}
	vdev->flags = info.flags;
	vdev->regions = calloc(RTE_MAX(info.num_regions, 1U),
			       sizeof(*vdev->regions));
	vdev->irqs = calloc(RTE_MAX(info.num_irqs, 1U), sizeof(*vdev->irqs));
	vdev->irq_enabled = calloc(RTE_MAX(info.num_irqs, 1U),
				   sizeof(*vdev->irq_enabled));
	if (vdev->regions == NULL || vdev->irqs == NULL ||
	    vdev->irq_enabled == NULL)
		return -ENOMEM;
	vdev->nb_regions = info.num_regions;
	vdev->nb_irqs = info.num_irqs;
	for (i = 0; i < vdev->nb_regions; i++) {
		ret = vfio_dev_region_query(vdev, i, &vdev->regions[i]);
		if (ret < 0)
			return ret;
	}
	for (i = 0; i < vdev->nb_irqs; i++)
		vfio_dev_irq_query(vdev, i);
	return 0;
}

static struct rte_vfio_dev *
vfio_dev_alloc(const char *name)
{
	struct rte_vfio_dev *vdev;

	vdev = calloc(1, sizeof(*vdev));
	if (vdev == NULL)
		return NULL;
	vdev->fd = -1;
	vdev->group_num = -1;
	vdev->iommu_type = -1;
	vdev->container_fd = -1;
	vdev->intr_fd = -1;
	vdev->intr_index = -1;
	TAILQ_INIT(&vdev->notifiers);
	vdev->name = strdup(name);
	if (vdev->name == NULL) {
		free(vdev);
		return NULL;
	}
	return vdev;
}

static void
vfio_dev_free(struct rte_vfio_dev *vdev)
{
	uint32_t i;

	if (vdev->regions != NULL)
		for (i = 0; i < vdev->nb_regions; i++)
			vfio_dev_region_clear(&vdev->regions[i]);
	free(vdev->regions);
	free(vdev->irqs);
	free(vdev->irq_enabled);
	free(vdev->sysfs_base);
	free(vdev->name);
	free(vdev);
}

/*
 * The device fd, in the container of the requested (or primary's) mode:
 * the library's own (vfio_dev_container.c) or EAL's (vfio_dev_eal.c). A
 * VFIO cdev (<dev>/vfio-dev/vfioN bound to an iommufd) would be a third.
 */
static int
vfio_dev_fd_acquire(struct rte_vfio_dev *vdev, enum rte_vfio_dev_iommu mode)
{
	int ret;

	ret = vfio_dev_group_num(vdev->sysfs_base, vdev->name);
	if (ret < 0) {
		VFIO_DEV_LOG(ERR, "%s: no IOMMU group, VFIO does not manage it",
			     vdev->name);
		return ret;
	}
	vdev->group_num = ret;
	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		vdev->iommu = mode;
	} else {
		ret = vfio_dev_container_query(vdev);
		if (ret < 0)
			return ret;
		if (vdev->iommu != mode)
			VFIO_DEV_LOG(INFO, "%s: the primary process opened it in %s mode",
				     vdev->name,
				     rte_vfio_dev_iommu_name(vdev->iommu));
	}
	if (vdev->iommu != RTE_VFIO_DEV_IOMMU_EAL)
		return vfio_dev_container_open(vdev);
	if (vfio_dev_container_holds(vdev->group_num)) {
		VFIO_DEV_LOG(ERR, "%s: VFIO group %d is in a container of the library's, not EAL's",
			     vdev->name, vdev->group_num);
		return -EBUSY;
	}
	return vfio_dev_eal_open(vdev);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_open)
struct rte_vfio_dev *
rte_vfio_dev_open(const char *sysfs_base, const char *name,
		  uint32_t device_type)
{
	return rte_vfio_dev_open_ext(sysfs_base, name, device_type, NULL);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_open_ext)
struct rte_vfio_dev *
rte_vfio_dev_open_ext(const char *sysfs_base, const char *name,
		      uint32_t device_type,
		      const struct rte_vfio_dev_open_opts *opts)
{
	enum rte_vfio_dev_iommu mode = RTE_VFIO_DEV_IOMMU_EAL;
	struct rte_vfio_dev *vdev;
	int ret;

	if (opts != NULL)
		mode = opts->iommu;
	if (sysfs_base == NULL || name == NULL || name[0] == '\0' ||
	    strchr(name, '/') != NULL ||
	    rte_vfio_dev_iommu_name(mode) == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	vdev = vfio_dev_alloc(name);
	if (vdev == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	vdev->sysfs_base = vfio_dev_canonical_base(sysfs_base, name);
	if (vdev->sysfs_base == NULL) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = vfio_dev_fd_acquire(vdev, mode);
	if (ret < 0) {
		VFIO_DEV_LOG(ERR, "%s: cannot open through VFIO: %s", name,
			     strerror(-ret));
		goto fail;
	}
	ret = vfio_dev_describe(vdev);
	if (ret < 0)
		goto fail;
	if (device_type != 0) {
		ret = vfio_dev_check_type(vdev, device_type);
		if (ret < 0)
			goto fail;
	}
	VFIO_DEV_LOG(DEBUG, "%s: open, fd %d, group %d, %s container (%s), flags %#x, %u regions, %u IRQ indexes",
		     name, vdev->fd, vdev->group_num,
		     rte_vfio_dev_iommu_name(vdev->iommu),
		     rte_vfio_dev_iommu_type_name(vdev->iommu_type),
		     vdev->flags, vdev->nb_regions, vdev->nb_irqs);
	return vdev;
fail:
	vfio_dev_fd_release(vdev);
	vfio_dev_free(vdev);
	rte_errno = -ret;
	return NULL;
}

struct rte_vfio_dev *
rte_vfio_dev_attach_fd(int fd, const char *name, uint32_t flags,
		       uint32_t nb_regions,
		       const struct rte_vfio_dev_region *regions)
{
	struct rte_vfio_dev *vdev;
	uint32_t i;

	if (fd < 0 || name == NULL || (nb_regions > 0 && regions == NULL)) {
		rte_errno = EINVAL;
		return NULL;
	}
	vdev = vfio_dev_alloc(name);
	if (vdev == NULL)
		goto nomem;
	vdev->flags = flags;
	vdev->regions = calloc(RTE_MAX(nb_regions, 1U), sizeof(*vdev->regions));
	vdev->irqs = calloc(1, sizeof(*vdev->irqs));
	vdev->irq_enabled = calloc(1, sizeof(*vdev->irq_enabled));
	if (vdev->regions == NULL || vdev->irqs == NULL ||
	    vdev->irq_enabled == NULL)
		goto nomem;
	for (i = 0; i < nb_regions; i++) {
		struct rte_vfio_dev_region *r = &vdev->regions[i];

		*r = regions[i];
		r->addr = NULL;
		r->areas = NULL;
		vdev->nb_regions = i + 1;
		if (r->nb_areas == 0)
			continue;
		r->areas = malloc(r->nb_areas * sizeof(*r->areas));
		if (r->areas == NULL)
			goto nomem;
		memcpy(r->areas, regions[i].areas,
		       r->nb_areas * sizeof(*r->areas));
	}
	vdev->fd = fd;
	return vdev;
nomem:
	if (vdev != NULL)
		vfio_dev_free(vdev);
	rte_errno = ENOMEM;
	return NULL;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_close)
void
rte_vfio_dev_close(struct rte_vfio_dev *vdev)
{
	if (vdev == NULL)
		return;
	vfio_dev_irq_close(vdev);
	rte_vfio_dev_unmap(vdev);
	vfio_dev_fd_release(vdev);
	VFIO_DEV_LOG(DEBUG, "%s: closed", vdev->name);
	vfio_dev_free(vdev);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_fd)
int
rte_vfio_dev_fd(const struct rte_vfio_dev *vdev)
{
	return vdev != NULL ? vdev->fd : -1;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_name)
const char *
rte_vfio_dev_name(const struct rte_vfio_dev *vdev)
{
	return vdev != NULL ? vdev->name : NULL;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_vfio_dev_flags, 26.11)
uint32_t
rte_vfio_dev_flags(const struct rte_vfio_dev *vdev)
{
	return vdev != NULL ? vdev->flags : 0;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_vfio_dev_nb_regions, 26.11)
uint32_t
rte_vfio_dev_nb_regions(const struct rte_vfio_dev *vdev)
{
	return vdev != NULL ? vdev->nb_regions : 0;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_vfio_dev_nb_irqs, 26.11)
uint32_t
rte_vfio_dev_nb_irqs(const struct rte_vfio_dev *vdev)
{
	return vdev != NULL ? vdev->nb_irqs : 0;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_vfio_dev_region, 26.11)
const struct rte_vfio_dev_region *
rte_vfio_dev_region(const struct rte_vfio_dev *vdev, uint32_t index)
{
	if (vdev == NULL || index >= vdev->nb_regions)
		return NULL;
	return &vdev->regions[index];
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_vfio_dev_irq, 26.11)
const struct rte_vfio_dev_irq *
rte_vfio_dev_irq(const struct rte_vfio_dev *vdev, uint32_t index)
{
	if (vdev == NULL || index >= vdev->nb_irqs)
		return NULL;
	return &vdev->irqs[index];
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_reset)
int
rte_vfio_dev_reset(struct rte_vfio_dev *vdev)
{
	if (vdev == NULL)
		return -EINVAL;
	if ((vdev->flags & VFIO_DEVICE_FLAGS_RESET) == 0)
		return -ENOTSUP;
	if (ioctl(vdev->fd, VFIO_DEVICE_RESET) < 0) {
		int ret = -errno;

		VFIO_DEV_LOG(ERR, "%s: reset: %s", vdev->name, strerror(errno));
		return ret;
	}
	return 0;
}

RTE_LOG_REGISTER_DEFAULT(vfio_dev_logtype, NOTICE);
