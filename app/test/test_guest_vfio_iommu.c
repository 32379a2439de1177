/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The VFIO container the bus opened the device in (iommu= devarg: the
 * library's VFIO_TYPE1v2_IOMMU container by default, the library's
 * VFIO_TYPE1_IOMMU one with iommu=type1, EAL's type1 one with iommu=eal),
 * and DMA that depends on the container's mappings: into memory
 * DPDK allocated after the device was opened (memory hotplug, followed by
 * the library or by EAL), and into external memory the application maps
 * with rte_dev_dma_map().
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/vfio.h>

#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "test_guest_vfio.h"

#define DMA_DONE MDEV_SIM_TEST_DMA_STATUS_DONE
#define DMA_ERR (MDEV_SIM_TEST_DMA_STATUS_DONE | MDEV_SIM_TEST_DMA_STATUS_ERR)
#define DMA_ERRNO(st) ((st) >> MDEV_SIM_TEST_DMA_STATUS_ERRNO_SHIFT)
/* More than the heap holds after init: the memzone needs new pages. */
#define HOTPLUG_LEN (24u << 20)
#define EXT_LEN (2u << 20)

static uint32_t
dma_copy(const struct rte_vfio_dev *v, uint64_t src, uint64_t dst,
	 uint32_t len)
{
	reg_write(v, MDEV_SIM_TEST_REG_DMA_SRC_LO, (uint32_t)src);
	reg_write(v, MDEV_SIM_TEST_REG_DMA_SRC_HI, (uint32_t)(src >> 32));
	reg_write(v, MDEV_SIM_TEST_REG_DMA_DST_LO, (uint32_t)dst);
	reg_write(v, MDEV_SIM_TEST_REG_DMA_DST_HI, (uint32_t)(dst >> 32));
	reg_write(v, MDEV_SIM_TEST_REG_DMA_LEN, len);
	reg_write(v, MDEV_SIM_TEST_REG_DMA_CTRL, MDEV_SIM_TEST_DMA_CTRL_GO);
	return reg_read(v, MDEV_SIM_TEST_REG_DMA_STATUS);
}

static void
fill(uint8_t *buf, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 31 + seed * 7 + (i >> 9));
}

static int
iommu_type_of(enum rte_vfio_dev_iommu mode)
{
	/* EAL takes type1 v1, the first type it tries, where type1 exists. */
	return mode == RTE_VFIO_DEV_IOMMU_TYPE1V2 ? VFIO_TYPE1v2_IOMMU :
		VFIO_TYPE1_IOMMU;
}

static const enum rte_vfio_dev_iommu all_modes[] = {
	RTE_VFIO_DEV_IOMMU_EAL, RTE_VFIO_DEV_IOMMU_TYPE1V2,
	RTE_VFIO_DEV_IOMMU_TYPE1,
};

static const char *
mode_name(enum rte_vfio_dev_iommu mode)
{
	const char *name = rte_vfio_dev_iommu_name(mode);

	return name != NULL ? name : "?";
}

/* Checks shared by the primary and the secondary process. */
static void
check_container(const struct rte_vfio_dev *v, enum rte_vfio_dev_iommu want)
{
	int type = rte_vfio_dev_iommu_type(v);

	check(rte_vfio_dev_iommu_mode(v) == want,
	      "IOMMU: the device is in the %s container (library says %s)",
	      mode_name(want), mode_name(rte_vfio_dev_iommu_mode(v)));
	check(type == iommu_type_of(want),
	      "IOMMU: the container's type is %s (library says %s)",
	      rte_vfio_dev_iommu_type_name(iommu_type_of(want)),
	      rte_vfio_dev_iommu_type_name(type));
}

/*
 * A second device in each other mode gets that mode's container; the test
 * device's group is held by its container and cannot join another one.
 */
static void
test_other_container(struct guest_ctx *ctx, enum rte_vfio_dev_iommu other)
{
	struct rte_vfio_dev_open_opts opts = { .iommu = other };
	struct rte_vfio_dev *v;

	rte_errno = 0;
	v = rte_vfio_dev_open_ext("/sys/bus/mdev/devices", ctx->uuid,
				  VFIO_DEVICE_FLAGS_PCI, &opts);
	check(v == NULL && rte_errno == EBUSY,
	      "IOMMU: the test device cannot be opened in the %s container too (%s)",
	      mode_name(other), v == NULL ? rte_strerror(rte_errno) : "opened");
	if (v != NULL)
		rte_vfio_dev_close(v);
	if (ctx->ap_uuid == NULL)
		return;
	v = rte_vfio_dev_open_ext("/sys/bus/mdev/devices", ctx->ap_uuid,
				  VFIO_DEVICE_FLAGS_AP, &opts);
	if (!check(v != NULL, "IOMMU: the ap device opens in the %s container (%s)",
		   mode_name(other), v == NULL ? rte_strerror(rte_errno) : "ok"))
		return;
	check(rte_vfio_dev_iommu_mode(v) == other &&
	      rte_vfio_dev_iommu_type(v) == iommu_type_of(other),
	      "IOMMU: ap device in the %s container, type %s", mode_name(other),
	      rte_vfio_dev_iommu_type_name(rte_vfio_dev_iommu_type(v)));
	rte_vfio_dev_close(v);
	check_eq("IOMMU: the test device still answers",
		 reg_read(ctx->vfio, MDEV_SIM_TEST_REG_ID), MDEV_SIM_TEST_ID_MAGIC);
}

void
test_iommu(struct guest_ctx *ctx)
{
	unsigned int i;

	note("IOMMU: expecting the %s container", mode_name(ctx->iommu));
	check(rte_mdev_device_iommu(ctx->dev) == ctx->iommu,
	      "IOMMU: the bus's choice for the devargs is %s",
	      mode_name(ctx->iommu));
	check_container(ctx->vfio, ctx->iommu);
	for (i = 0; i < RTE_DIM(all_modes); i++)
		if (all_modes[i] != ctx->iommu)
			test_other_container(ctx, all_modes[i]);
}

static int
count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
	  void *arg)
{
	unsigned int *n = arg;

	RTE_SET_USED(ms);
	if (!msl->external)
		(*n)++;
	return 0;
}

static unsigned int
nb_pages(void)
{
	unsigned int n = 0;

	rte_memseg_walk(count_seg, &n);
	return n;
}

/*
 * Memory hotplug: a memzone larger than the free heap takes new pages after
 * the device was opened; the device must reach them, and no longer reach
 * them once they are freed.
 */
void
test_dma_hotplug(struct guest_ctx *ctx)
{
	const struct rte_vfio_dev *v = ctx->vfio;
	const struct rte_memzone *mz;
	unsigned int before, during, after;
	rte_iova_t src_iova, last_iova;
	uint8_t *src, *z;
	uint32_t st;

	src = rte_malloc("guest_vfio_hp_src", 8192, 4096);
	if (!check(src != NULL, "hotplug: source buffer"))
		return;
	src_iova = rte_malloc_virt2iova(src);
	fill(src, 8192, 3);
	before = nb_pages();
	mz = rte_memzone_reserve_aligned("guest_vfio_hotplug", HOTPLUG_LEN,
					 SOCKET_ID_ANY, 0, 4096);
	if (!check(mz != NULL && mz->iova != RTE_BAD_IOVA,
		   "hotplug: 24 MiB memzone reserved"))
		goto out;
	during = nb_pages();
	check(during > before, "hotplug: the memzone took new pages (%u -> %u)",
	      before, during);
	z = mz->addr;
	memset(z, 0, 8192);
	memset(z + HOTPLUG_LEN - 8192, 0, 8192);
	check(dma_copy(v, src_iova, mz->iova, 8192) == DMA_DONE &&
	      memcmp(z, src, 8192) == 0,
	      "hotplug: DMA into the start of the new memzone");
	last_iova = mz->iova + HOTPLUG_LEN - 8192;
	check(dma_copy(v, src_iova, last_iova, 8192) == DMA_DONE &&
	      memcmp(z + HOTPLUG_LEN - 8192, src, 8192) == 0,
	      "hotplug: DMA into the end of the new memzone");
	memset(src, 0, 8192);
	check(dma_copy(v, last_iova, src_iova, 8192) == DMA_DONE &&
	      memcmp(src, z + HOTPLUG_LEN - 8192, 8192) == 0,
	      "hotplug: DMA out of the new memzone");
	rte_memzone_free(mz);
	after = nb_pages();
	if (after >= during) {
		note("hotplug: freeing the memzone returned no page (%u -> %u)",
		     during, after);
		goto out;
	}
	st = dma_copy(v, src_iova, last_iova, 64);
	check((st & DMA_ERR) == DMA_ERR,
	      "hotplug: pages freed (%u -> %u) are unmapped: DMA fails (status %#x, errno %u)",
	      during, after, st, DMA_ERRNO(st));
out:
	rte_free(src);
}

/*
 * External memory DPDK does not map: rte_extmem_register() makes it known,
 * rte_dev_dma_map() puts it in the device's container.
 */
void
test_dma_extmem(struct guest_ctx *ctx)
{
	const struct rte_vfio_dev *v = ctx->vfio;
	struct rte_device *dev = &ctx->dev->device;
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	uint8_t *src = NULL, *ext;
	rte_iova_t src_iova;
	uint64_t iova;
	uint32_t st;
	int ret;

	ext = mmap(NULL, EXT_LEN, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!check(ext != MAP_FAILED, "extmem: 2 MiB of anonymous memory"))
		return;
	memset(ext, 0, EXT_LEN);
	ret = rte_extmem_register(ext, EXT_LEN, NULL, 0, pg);
	if (!check(ret == 0, "extmem: registered (%s)",
		   ret == 0 ? "ok" : rte_strerror(rte_errno)))
		goto unmap;
	/* With IOVA as VA, the VA is free as IOVA: DPDK uses its own VAs. */
	iova = rte_eal_iova_mode() == RTE_IOVA_VA ? (uintptr_t)ext : 1ULL << 40;
	src = rte_malloc("guest_vfio_ext_src", 8192, 4096);
	if (!check(src != NULL, "extmem: source buffer"))
		goto unregister;
	src_iova = rte_malloc_virt2iova(src);
	fill(src, 8192, 5);
	st = dma_copy(v, src_iova, iova, 64);
	check((st & DMA_ERR) == DMA_ERR,
	      "extmem: before rte_dev_dma_map, DMA into it fails (status %#x)",
	      st);
	ret = rte_dev_dma_map(dev, ext, iova, EXT_LEN);
	if (!check(ret == 0, "extmem: rte_dev_dma_map (%s)",
		   ret == 0 ? "ok" : rte_strerror(rte_errno)))
		goto unregister;
	check(dma_copy(v, src_iova, iova + pg, 8192) == DMA_DONE &&
	      memcmp(ext + pg, src, 8192) == 0,
	      "extmem: DMA into the mapped external memory");
	memset(src, 0, 8192);
	check(dma_copy(v, iova + pg, src_iova, 8192) == DMA_DONE &&
	      memcmp(src, ext + pg, 8192) == 0,
	      "extmem: DMA out of the mapped external memory");
	check(rte_dev_dma_unmap(dev, ext, iova, EXT_LEN / 2) != 0,
	      "extmem: unmapping half of the mapping is refused");
	ret = rte_dev_dma_unmap(dev, ext, iova, EXT_LEN);
	check(ret == 0, "extmem: rte_dev_dma_unmap (%s)",
	      ret == 0 ? "ok" : rte_strerror(rte_errno));
	st = dma_copy(v, src_iova, iova + pg, 64);
	check((st & DMA_ERR) == DMA_ERR,
	      "extmem: after rte_dev_dma_unmap, DMA into it fails (status %#x)",
	      st);
unregister:
	rte_free(src);
	rte_extmem_unregister(ext, EXT_LEN);
unmap:
	munmap(ext, EXT_LEN);
}

/*
 * In the secondary process: the library asked the primary where the device
 * is; memory the secondary maps itself into that container is reachable
 * by DMA it starts (the kernel copies through the mapping process's memory).
 */
void
test_secondary_iommu(struct guest_ctx *ctx, struct rte_vfio_dev *v)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	uint64_t iova;
	uint8_t *ext;
	int ret;

	check_container(v, ctx->iommu);
	ext = mmap(NULL, EXT_LEN, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!check(ext != MAP_FAILED, "secondary DMA: anonymous memory"))
		return;
	fill(ext, pg, 9);
	memset(ext + pg, 0, pg);
	iova = rte_eal_iova_mode() == RTE_IOVA_VA ? (uintptr_t)ext : 1ULL << 40;
	ret = rte_vfio_dev_dma_map(v, (uintptr_t)ext, iova, EXT_LEN);
	/* The primary's reset test left bus mastering off. */
	check(rte_vfio_dev_pci_set_bus_master(v, true) == 0,
	      "secondary DMA: bus master on");
	if (check(ret == 0, "secondary DMA: mapped into the device's container (%d)",
		  ret)) {
		uint32_t st = dma_copy(v, iova, iova + pg, pg);

		check(st == DMA_DONE && memcmp(ext, ext + pg, pg) == 0,
		      "secondary DMA: a copy inside the secondary's memory (status %#x, errno %u)",
		      st, DMA_ERRNO(st));
		check(rte_vfio_dev_dma_unmap(v, (uintptr_t)ext, iova,
					     EXT_LEN) == 0,
		      "secondary DMA: unmapped");
	}
	munmap(ext, EXT_LEN);
}
