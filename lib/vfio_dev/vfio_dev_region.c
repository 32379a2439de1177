/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Region info: the capability chain, the mmapable windows, mapping. */

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/vfio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <rte_common.h>
#include <eal_export.h>

#include "vfio_dev_private.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

/* Bigger replies are not region info a kernel would send. */
#define VFIO_DEV_REGION_INFO_MAX 65536

size_t
vfio_dev_page_size(void)
{
	static size_t page_size;

	if (page_size == 0)
		page_size = (size_t)sysconf(_SC_PAGESIZE);
	return page_size;
}

void
vfio_dev_region_clear(struct rte_vfio_dev_region *region)
{
	if (region == NULL)
		return;
	free(region->areas);
	region->areas = NULL;
	region->nb_areas = 0;
}

/*
 * Windows are whole pages inside the region: mmap() works on pages, and
 * a vendor driver may refuse a mapping that runs past what it advertised.
 * The page-aligned start of an area is kept, down to its last whole page;
 * an area with a start off a page boundary, no whole page, or reaching
 * outside the region is dropped. What is left goes through the device fd.
 * Returns the window's size, 0 when there is none.
 */
static uint64_t
area_window(const struct rte_vfio_dev_region *region, uint64_t offset,
	    uint64_t size)
{
	const uint64_t page = vfio_dev_page_size();

	if (offset > region->size || size > region->size - offset ||
	    (offset & (page - 1)) != 0)
		return 0;
	return RTE_ALIGN_FLOOR(size, page);
}

static int
parse_sparse(const uint8_t *cap, size_t avail,
	     struct rte_vfio_dev_region *region,
	     struct rte_vfio_dev_area **areas, uint32_t *nb_areas)
{
	struct vfio_region_info_cap_sparse_mmap sparse;
	struct vfio_region_sparse_mmap_area a;
	uint64_t need, size;
	uint32_t i, n = 0;

	if (avail < sizeof(sparse))
		return -EINVAL;
	memcpy(&sparse, cap, sizeof(sparse));
	need = sizeof(sparse) + (uint64_t)sparse.nr_areas * sizeof(a);
	if (need > avail)
		return -EINVAL;
	if (region->has_sparse)
		return -EINVAL; /* two layouts: which one is right? */
	region->has_sparse = true;
	if (sparse.nr_areas == 0)
		return 0;
	*areas = calloc(sparse.nr_areas, sizeof(**areas));
	if (*areas == NULL)
		return -ENOMEM;
	for (i = 0; i < sparse.nr_areas; i++) {
		memcpy(&a, cap + sizeof(sparse) + i * sizeof(a), sizeof(a));
		size = area_window(region, a.offset, a.size);
		if (size != a.size)
			VFIO_DEV_LOG(DEBUG, "region %u: sparse area [%#" PRIx64
				     ", +%#" PRIx64 "): %#" PRIx64
				     " bytes mapped, the rest left to read/write",
				     region->index, (uint64_t)a.offset,
				     (uint64_t)a.size, size);
		if (size == 0)
			continue;
		(*areas)[n].offset = a.offset;
		(*areas)[n].size = size;
		n++;
	}
	*nb_areas = n;
	return 0;
}

static int
parse_type(const uint8_t *cap, size_t avail,
	   struct rte_vfio_dev_region *region)
{
	struct vfio_region_info_cap_type type;

	if (avail < sizeof(type))
		return -EINVAL;
	memcpy(&type, cap, sizeof(type));
	region->has_type = true;
	region->type.type = type.type;
	region->type.subtype = type.subtype;
	return 0;
}

static int
parse_chain(const uint8_t *buf, size_t len, uint32_t first,
	    struct rte_vfio_dev_region *region,
	    struct rte_vfio_dev_area **areas, uint32_t *nb_areas)
{
	const size_t head = sizeof(struct vfio_region_info);
	struct vfio_info_cap_header hdr;
	/* Caps that do not overlap: more steps than this is a loop. */
	size_t steps = 0, max_steps = (len - head) / sizeof(hdr);
	uint32_t off;
	int ret;

	for (off = first; off != 0; off = hdr.next) {
		if (off < head || off > len || len - off < sizeof(hdr)) {
			VFIO_DEV_LOG(ERR, "region %u: capability at %u outside [%zu, %zu)",
				     region->index, off, head, len);
			return -EINVAL;
		}
		if (++steps > max_steps) {
			VFIO_DEV_LOG(ERR, "region %u: capability chain loops",
				     region->index);
			return -EINVAL;
		}
		memcpy(&hdr, buf + off, sizeof(hdr));
		ret = 0;
		switch (hdr.id) {
		case VFIO_REGION_INFO_CAP_SPARSE_MMAP:
			if (hdr.version == 1)
				ret = parse_sparse(buf + off, len - off, region,
						   areas, nb_areas);
			break;
		case VFIO_REGION_INFO_CAP_TYPE:
			if (hdr.version == 1)
				ret = parse_type(buf + off, len - off, region);
			break;
		case VFIO_REGION_INFO_CAP_MSIX_MAPPABLE:
			region->msix_mappable = true;
			break;
		default:
			VFIO_DEV_LOG(DEBUG, "region %u: capability %u v%u skipped",
				     region->index, hdr.id, hdr.version);
			break;
		}
		if (ret == -EINVAL)
			VFIO_DEV_LOG(ERR, "region %u: capability %u at %u truncated or repeated",
				     region->index, hdr.id, off);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int
vfio_dev_region_parse(const void *buf, size_t len,
			  struct rte_vfio_dev_region *region)
{
	struct vfio_region_info info;
	struct rte_vfio_dev_area *areas = NULL;
	uint32_t nb_areas = 0;
	int ret;

	if (buf == NULL || region == NULL || len < sizeof(info))
		return -EINVAL;
	memcpy(&info, buf, sizeof(info));
	memset(region, 0, sizeof(*region));
	region->index = info.index;
	region->flags = info.flags;
	region->size = info.size;
	region->offset = info.offset;
	/* cap_offset 0 with the flag: the reply was too short to hold them. */
	if ((info.flags & VFIO_REGION_INFO_FLAG_CAPS) != 0 &&
	    info.cap_offset != 0) {
		ret = parse_chain(buf, len, info.cap_offset, region, &areas,
				  &nb_areas);
		if (ret < 0) {
			free(areas);
			memset(region, 0, sizeof(*region));
			return ret;
		}
	}
	if (region->size == 0 || (info.flags & VFIO_REGION_INFO_FLAG_MMAP) == 0) {
		free(areas);
		return 0;
	}
	if (!region->has_sparse && area_window(region, 0, region->size) > 0) {
		areas = malloc(sizeof(*areas));
		if (areas == NULL)
			return -ENOMEM;
		areas->offset = 0;
		areas->size = area_window(region, 0, region->size);
		nb_areas = 1;
	}
	if (nb_areas == 0) {
		free(areas);
		areas = NULL;
	}
	region->areas = areas;
	region->nb_areas = nb_areas;
	return 0;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_region_ptr)
void *
rte_vfio_dev_region_ptr(const struct rte_vfio_dev_region *region,
			uint64_t offset, size_t len)
{
	if (region == NULL || len == 0 || offset > region->size ||
	    len > region->size - offset)
		return NULL;
	return vfio_dev_window(region, offset, len);
}

/* Ask the kernel, growing the buffer until the capability chain fits. */
int
vfio_dev_region_query(struct rte_vfio_dev *vdev, uint32_t index,
		      struct rte_vfio_dev_region *region)
{
	struct vfio_region_info *info = NULL, *tmp;
	size_t argsz = sizeof(*info);
	unsigned int tries;
	int ret;

	for (tries = 0; tries < 4; tries++) {
		tmp = realloc(info, argsz);
		if (tmp == NULL) {
			free(info);
			return -ENOMEM;
		}
		info = tmp;
		memset(info, 0, argsz);
		info->argsz = argsz;
		info->index = index;
		if (ioctl(vdev->fd, VFIO_DEVICE_GET_REGION_INFO, info) < 0) {
			/* vfio-pci refuses regions it lacks (VGA). */
			VFIO_DEV_LOG(DEBUG, "%s: region %u: %s", vdev->name,
				     index, strerror(errno));
			free(info);
			memset(region, 0, sizeof(*region));
			region->index = index;
			return 0;
		}
		if (info->argsz <= argsz)
			break;
		if (info->argsz > VFIO_DEV_REGION_INFO_MAX) {
			VFIO_DEV_LOG(ERR, "%s: region %u: info of %u bytes",
				     vdev->name, index, info->argsz);
			free(info);
			return -E2BIG;
		}
		argsz = info->argsz;
	}
	if (tries == 4) {
		free(info);
		return -EAGAIN;
	}
	ret = vfio_dev_region_parse(info, argsz, region);
	free(info);
	if (ret < 0)
		VFIO_DEV_LOG(ERR, "%s: region %u: bad capability chain",
			     vdev->name, index);
	/* The kernel answers about what it was asked. */
	region->index = index;
	return ret;
}

static size_t
region_map_len(const struct rte_vfio_dev_region *region)
{
	return RTE_ALIGN_CEIL(region->size, (uint64_t)vfio_dev_page_size());
}

/*
 * With @p fixed, the reservation must land at @p addr; otherwise @p addr
 * is a hint only.
 */
int
vfio_dev_region_map_at(struct rte_vfio_dev *vdev, uint32_t index,
		       void *addr, bool fixed)
{
	struct rte_vfio_dev_region *region;
	const struct rte_vfio_dev_area *a;
	int mflags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	int prot = 0;
	size_t len, alen;
	void *base, *p;
	uint32_t i;
	int ret;

	if (vdev == NULL || index >= vdev->nb_regions)
		return -EINVAL;
	region = &vdev->regions[index];
	if (region->addr != NULL)
		return -EBUSY;
	if (region->nb_areas == 0)
		return 0;
	if (region->size > SIZE_MAX - vfio_dev_page_size())
		return -E2BIG;
	len = region_map_len(region);
	if (addr != NULL && fixed)
		mflags |= MAP_FIXED_NOREPLACE;
	base = mmap(addr, len, PROT_NONE, mflags, -1, 0);
	if (base == MAP_FAILED) {
		ret = -errno;
		VFIO_DEV_LOG(ERR, "%s: region %u: cannot reserve %zu bytes at %p: %s",
			     vdev->name, index, len, addr, strerror(errno));
		return ret;
	}
	/* A kernel older than MAP_FIXED_NOREPLACE took it as a hint. */
	if (addr != NULL && fixed && base != addr) {
		munmap(base, len);
		VFIO_DEV_LOG(ERR, "%s: region %u: address %p is in use",
			     vdev->name, index, addr);
		return -EADDRINUSE;
	}
	if ((region->flags & VFIO_REGION_INFO_FLAG_READ) != 0)
		prot |= PROT_READ;
	if ((region->flags & VFIO_REGION_INFO_FLAG_WRITE) != 0)
		prot |= PROT_WRITE;
	for (i = 0; i < region->nb_areas; ) {
		a = &region->areas[i];
		alen = RTE_ALIGN_CEIL(a->size, (uint64_t)vfio_dev_page_size());
		p = mmap(RTE_PTR_ADD(base, a->offset), alen, prot,
			 MAP_SHARED | MAP_FIXED, vdev->fd,
			 region->offset + a->offset);
		if (p != MAP_FAILED) {
			i++;
			continue;
		}
		/*
		 * The kernel advertised a window its driver then refuses:
		 * the range works through the device fd all the same.
		 * A failed MAP_FIXED may have dropped the reservation
		 * there; take it back so that nothing else lands inside.
		 */
		VFIO_DEV_LOG(WARNING, "%s: region %u: cannot map [%#" PRIx64 ", +%#" PRIx64 "), read and written through the device: %s",
			     vdev->name, index, a->offset, a->size,
			     strerror(errno));
		p = mmap(RTE_PTR_ADD(base, a->offset), alen, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			 MAP_FIXED, -1, 0);
		if (p == MAP_FAILED) {
			ret = -errno;
			munmap(base, len);
			return ret;
		}
		region->nb_areas--;
		memmove(&region->areas[i], &region->areas[i + 1],
			(region->nb_areas - i) * sizeof(*a));
	}
	/*
	 * A mapping holds the device file open: a child forked without exec
	 * (one that writes the device's sysfs "remove", say) would keep the
	 * device from being released for as long as it lives.
	 */
	if (madvise(base, len, MADV_DONTFORK) != 0)
		VFIO_DEV_LOG(WARNING, "%s: region %u: MADV_DONTFORK: %s",
			     vdev->name, index, strerror(errno));
	region->addr = base;
	VFIO_DEV_LOG(DEBUG, "%s: region %u mapped at %p, %u window(s)",
		     vdev->name, index, base, region->nb_areas);
	return 0;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_region_map)
int
rte_vfio_dev_region_map(struct rte_vfio_dev *vdev, uint32_t index,
			void *addr)
{
	return vfio_dev_region_map_at(vdev, index, addr, addr != NULL);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_region_unmap)
void
rte_vfio_dev_region_unmap(struct rte_vfio_dev *vdev, uint32_t index)
{
	struct rte_vfio_dev_region *region;

	if (vdev == NULL || index >= vdev->nb_regions)
		return;
	region = &vdev->regions[index];
	if (region->addr == NULL)
		return;
	munmap(region->addr, region_map_len(region));
	region->addr = NULL;
}
