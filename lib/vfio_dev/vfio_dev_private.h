/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef VFIO_DEV_PRIVATE_H
#define VFIO_DEV_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_log.h>

#include "rte_vfio_dev.h"
#include "vfio_dev_compat.h"

extern int vfio_dev_logtype;
#define RTE_LOGTYPE_VFIO_DEV vfio_dev_logtype

/* One line per message (vfio_dev_compat.h has RTE_LOG_LINE before 24.03). */
#define VFIO_DEV_LOG(level, ...) RTE_LOG_LINE(level, VFIO_DEV, __VA_ARGS__)

struct vfio_dev_notifier;
struct vfio_dev_group;
TAILQ_HEAD(vfio_dev_notifier_list, vfio_dev_notifier);

struct rte_vfio_dev {
	/*
	 * The directory holding the device itself (links resolved); NULL for
	 * a device attached from a bare fd (unit tests).
	 */
	char *sysfs_base;
	char *name;
	int fd;
	/*
	 * IOMMU group, read at open: releasing must not need sysfs, whose
	 * bus link may be gone by then. -1 for an attached fd.
	 */
	int group_num;
	enum rte_vfio_dev_iommu iommu;
	/* VFIO_*_IOMMU of the device's container, -1 when none. */
	int iommu_type;
	/*
	 * The library's containers (type1, type1v2 modes): the container (the
	 * library's in the primary, not owned; a copy from the primary in a
	 * secondary, owned) and the library's record of the group, held by
	 * this device.
	 */
	int container_fd;
	bool container_fd_owned;
	struct vfio_dev_group *group;
	uint32_t flags;
	uint32_t nb_regions;
	uint32_t nb_irqs;
	struct rte_vfio_dev_region *regions;
	struct rte_vfio_dev_irq *irqs;
	/* Indexes whose trigger was set through rte_vfio_dev_irq_enable(). */
	bool *irq_enabled;
	struct vfio_dev_notifier_list notifiers;
	/* What rte_vfio_dev_intr_prepare() created, -1 when nothing. */
	int intr_fd;
	int intr_index;
	/* The primary recorded the mappings for secondary processes. */
	bool map_recorded;
};

/*
 * Where an access of @p len bytes at @p offset goes when the range is
 * already known to lie inside the region: the address in the mapping when
 * one window holds it all, NULL for the device fd. Inline: the register
 * accessors run it on every doorbell.
 */
static inline void *
vfio_dev_window(const struct rte_vfio_dev_region *region, uint64_t offset,
		size_t len)
{
	const struct rte_vfio_dev_area *a;
	uint32_t i;

	if (region->addr == NULL)
		return NULL;
	for (i = 0; i < region->nb_areas; i++) {
		a = &region->areas[i];
		if (offset >= a->offset && offset - a->offset < a->size &&
		    len <= a->size - (offset - a->offset))
			return RTE_PTR_ADD(region->addr, offset);
	}
	return NULL;
}

/* vfio_dev_region.c */
int vfio_dev_region_query(struct rte_vfio_dev *vdev, uint32_t index,
			  struct rte_vfio_dev_region *region);
int vfio_dev_region_map_at(struct rte_vfio_dev *vdev, uint32_t index,
			   void *addr, bool fixed);
size_t vfio_dev_page_size(void);
/*
 * Parse the capability chain of a VFIO_DEVICE_GET_REGION_INFO reply held in
 * @p buf (@p len valid bytes, the struct vfio_region_info first) into
 * @p region, whose areas are allocated with malloc. A chain that points
 * outside the buffer, overlaps the header, loops, or has a truncated
 * capability is rejected with -EINVAL; unknown capabilities are skipped.
 * The unit tests and the fuzzer call it on made-up replies.
 */
int vfio_dev_region_parse(const void *buf, size_t len,
			  struct rte_vfio_dev_region *region);
/* Free what vfio_dev_region_parse() allocated. */
void vfio_dev_region_clear(struct rte_vfio_dev_region *region);

/* vfio_dev_irq.c */
void vfio_dev_irq_close(struct rte_vfio_dev *vdev);

/* vfio_dev_container.c: the library's containers, vdev->iommu set. */
int vfio_dev_container_open(struct rte_vfio_dev *vdev);
void vfio_dev_container_close(struct rte_vfio_dev *vdev);
int vfio_dev_container_query(struct rte_vfio_dev *vdev);
bool vfio_dev_container_holds(int group_num);

/* vfio_dev_eal.c: EAL's default container, the only use of EAL's VFIO. */
int vfio_dev_eal_open(struct rte_vfio_dev *vdev);
void vfio_dev_eal_close(struct rte_vfio_dev *vdev);
int vfio_dev_eal_dma(uint64_t va, uint64_t iova, uint64_t len, bool map);

/*
 * The multi-process action through which a secondary asks the primary
 * which container a device's group is in. Registered when the library
 * loads, so that a primary answers even before (or without) opening a
 * device through the library: a request nobody answers waits 5 s.
 */
#define VFIO_DEV_MP_CONTAINER "vfio_dev_container"

/* vfio_dev_mp.c */
void vfio_dev_mp_forget(struct rte_vfio_dev *vdev);

/*
 * A device backed by any mmapable fd (a memfd in the unit tests) with the
 * given regions; closing it closes @p fd. Only for tests, which link the
 * library's objects: the shared library does not export it. A real device
 * comes from rte_vfio_dev_open().
 */
struct rte_vfio_dev *
rte_vfio_dev_attach_fd(int fd, const char *name, uint32_t flags,
		       uint32_t nb_regions,
		       const struct rte_vfio_dev_region *regions);

#endif /* VFIO_DEV_PRIVATE_H */
