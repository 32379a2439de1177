/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Region reads and writes: loads and stores where a window is mapped, the
 * device fd where the kernel traps the access.
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/vfio.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_io.h>
#include <eal_export.h>

#include "vfio_dev_private.h"

/* The widest access of at most 8 bytes that @p addr and @p left allow. */
static inline size_t
access_width(uintptr_t addr, size_t left)
{
	if (left >= 8 && (addr & 7) == 0)
		return 8;
	if (left >= 4 && (addr & 3) == 0)
		return 4;
	if (left >= 2 && (addr & 1) == 0)
		return 2;
	return 1;
}

/*
 * Device memory wants accesses of the size the caller asked for: an
 * aligned 1/2/4/8-byte access is one load, a byte range is a series of
 * naturally aligned loads, never a memcpy that may use vector registers.
 */
static inline void
mmio_read(void *dst, const volatile void *src, size_t len)
{
	uint8_t *out = dst;
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;
	uint8_t v8;
	size_t w;

	while (len > 0) {
		w = access_width((uintptr_t)src, len);
		switch (w) {
		case 8:
			v64 = rte_read64(src);
			memcpy(out, &v64, 8);
			break;
		case 4:
			v32 = rte_read32(src);
			memcpy(out, &v32, 4);
			break;
		case 2:
			v16 = rte_read16(src);
			memcpy(out, &v16, 2);
			break;
		default:
			v8 = rte_read8(src);
			*out = v8;
			break;
		}
		out += w;
		src = RTE_PTR_ADD(src, w);
		len -= w;
	}
}

static inline void
mmio_write(volatile void *dst, const void *src, size_t len)
{
	const uint8_t *in = src;
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;
	size_t w;

	while (len > 0) {
		w = access_width((uintptr_t)dst, len);
		switch (w) {
		case 8:
			memcpy(&v64, in, 8);
			rte_write64(v64, dst);
			break;
		case 4:
			memcpy(&v32, in, 4);
			rte_write32(v32, dst);
			break;
		case 2:
			memcpy(&v16, in, 2);
			rte_write16(v16, dst);
			break;
		default:
			rte_write8(*in, dst);
			break;
		}
		in += w;
		dst = RTE_PTR_ADD(dst, w);
		len -= w;
	}
}

static inline int
access_check(const struct rte_vfio_dev *vdev, uint32_t index,
	     uint64_t offset, const void *buf, size_t len, uint32_t need,
	     const struct rte_vfio_dev_region **region)
{
	const struct rte_vfio_dev_region *r;

	if (vdev == NULL || index >= vdev->nb_regions ||
	    (buf == NULL && len > 0))
		return -EINVAL;
	r = &vdev->regions[index];
	if (r->size == 0 || offset > r->size || len > r->size - offset)
		return -EINVAL;
	if ((r->flags & need) != need)
		return -EACCES;
	*region = r;
	return 0;
}

/* What the kernel traps: the system call, kept out of the inline path. */
static __rte_noinline int
fd_read(const struct rte_vfio_dev *vdev,
	const struct rte_vfio_dev_region *region, uint64_t offset,
	uint8_t *out, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = pread(vdev->fd, out, len, region->offset + offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		out += n;
		offset += n;
		len -= n;
	}
	return 0;
}

static __rte_noinline int
fd_write(const struct rte_vfio_dev *vdev,
	 const struct rte_vfio_dev_region *region, uint64_t offset,
	 const uint8_t *in, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = pwrite(vdev->fd, in, len, region->offset + offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		in += n;
		offset += n;
		len -= n;
	}
	return 0;
}

/*
 * The bodies of rte_vfio_dev_read/write, inlined into the register
 * accessors as well: a doorbell is then one call, not a second one through
 * the PLT, and its constant length folds the width loop to one access.
 */
static inline int
region_read(const struct rte_vfio_dev *vdev, uint32_t index,
	    uint64_t offset, void *buf, size_t len)
{
	const struct rte_vfio_dev_region *region;
	void *p;
	int ret;

	ret = access_check(vdev, index, offset, buf, len,
			   VFIO_REGION_INFO_FLAG_READ, &region);
	if (unlikely(ret < 0) || len == 0)
		return ret;
	p = vfio_dev_window(region, offset, len);
	if (p == NULL)
		return fd_read(vdev, region, offset, buf, len);
	mmio_read(buf, p, len);
	return 0;
}

static inline int
region_write(const struct rte_vfio_dev *vdev, uint32_t index,
	     uint64_t offset, const void *buf, size_t len)
{
	const struct rte_vfio_dev_region *region;
	void *p;
	int ret;

	ret = access_check(vdev, index, offset, buf, len,
			   VFIO_REGION_INFO_FLAG_WRITE, &region);
	if (unlikely(ret < 0) || len == 0)
		return ret;
	p = vfio_dev_window(region, offset, len);
	if (p == NULL)
		return fd_write(vdev, region, offset, buf, len);
	mmio_write(p, buf, len);
	return 0;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_read)
int
rte_vfio_dev_read(const struct rte_vfio_dev *vdev, uint32_t index,
		  uint64_t offset, void *buf, size_t len)
{
	return region_read(vdev, index, offset, buf, len);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_write)
int
rte_vfio_dev_write(const struct rte_vfio_dev *vdev, uint32_t index,
		   uint64_t offset, const void *buf, size_t len)
{
	return region_write(vdev, index, offset, buf, len);
}

/*
 * The value is read in place: region_read() refuses a NULL @p val and
 * leaves it untouched on a refused access.
 */
RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_read8)
int
rte_vfio_dev_read8(const struct rte_vfio_dev *vdev, uint32_t index,
		   uint64_t offset, uint8_t *val)
{
	return region_read(vdev, index, offset, val, sizeof(*val));
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_read16)
int
rte_vfio_dev_read16(const struct rte_vfio_dev *vdev, uint32_t index,
		    uint64_t offset, uint16_t *val)
{
	int ret = region_read(vdev, index, offset, val, sizeof(*val));

	if (ret == 0)
		*val = rte_le_to_cpu_16(*val);
	return ret;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_read32)
int
rte_vfio_dev_read32(const struct rte_vfio_dev *vdev, uint32_t index,
		    uint64_t offset, uint32_t *val)
{
	int ret = region_read(vdev, index, offset, val, sizeof(*val));

	if (ret == 0)
		*val = rte_le_to_cpu_32(*val);
	return ret;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_read64)
int
rte_vfio_dev_read64(const struct rte_vfio_dev *vdev, uint32_t index,
		    uint64_t offset, uint64_t *val)
{
	int ret = region_read(vdev, index, offset, val, sizeof(*val));

	if (ret == 0)
		*val = rte_le_to_cpu_64(*val);
	return ret;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_write8)
int
rte_vfio_dev_write8(const struct rte_vfio_dev *vdev, uint32_t index,
		    uint64_t offset, uint8_t val)
{
	return region_write(vdev, index, offset, &val, sizeof(val));
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_write16)
int
rte_vfio_dev_write16(const struct rte_vfio_dev *vdev, uint32_t index,
		     uint64_t offset, uint16_t val)
{
	val = rte_cpu_to_le_16(val);
	return region_write(vdev, index, offset, &val, sizeof(val));
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_write32)
int
rte_vfio_dev_write32(const struct rte_vfio_dev *vdev, uint32_t index,
		     uint64_t offset, uint32_t val)
{
	val = rte_cpu_to_le_32(val);
	return region_write(vdev, index, offset, &val, sizeof(val));
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_write64)
int
rte_vfio_dev_write64(const struct rte_vfio_dev *vdev, uint32_t index,
		     uint64_t offset, uint64_t val)
{
	val = rte_cpu_to_le_64(val);
	return region_write(vdev, index, offset, &val, sizeof(val));
}
