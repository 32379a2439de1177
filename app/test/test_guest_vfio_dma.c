/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * DMA: the device's copy engine moves data between buffers DPDK allocated
 * (rte_malloc, rte_memzone), addressed by the IOVAs DPDK gives them. That
 * only works when EAL mapped its memory into the VFIO container the bus
 * opened the device in, with hugepages or without (--no-huge).
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/vfio.h>

#include <rte_eal.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "test_guest_vfio.h"

#define DMA_BUF_SIZE MDEV_SIM_TEST_DMA_MAX_LEN
#define DMA_DONE MDEV_SIM_TEST_DMA_STATUS_DONE
#define DMA_FAILED(err) (MDEV_SIM_TEST_DMA_STATUS_DONE | \
	MDEV_SIM_TEST_DMA_STATUS_ERR | \
	(uint32_t)(err) << MDEV_SIM_TEST_DMA_STATUS_ERRNO_SHIFT)
/* No DPDK memory lives in the first pages of the address space. */
#define UNMAPPED_IOVA 0x1000

static uint32_t
dma_copy(const struct rte_vfio_dev *v, uint64_t src, uint64_t dst,
	 uint32_t len, uint32_t ctrl)
{
	reg_write(v, MDEV_SIM_TEST_REG_DMA_SRC_LO, (uint32_t)src);
	reg_write(v, MDEV_SIM_TEST_REG_DMA_SRC_HI, (uint32_t)(src >> 32));
	reg_write(v, MDEV_SIM_TEST_REG_DMA_DST_LO, (uint32_t)dst);
	reg_write(v, MDEV_SIM_TEST_REG_DMA_DST_HI, (uint32_t)(dst >> 32));
	reg_write(v, MDEV_SIM_TEST_REG_DMA_LEN, len);
	reg_write(v, MDEV_SIM_TEST_REG_DMA_CTRL,
		  MDEV_SIM_TEST_DMA_CTRL_GO | ctrl);
	return reg_read(v, MDEV_SIM_TEST_REG_DMA_STATUS);
}

static bool
dma_err_flag(const struct rte_vfio_dev *v)
{
	return (reg_read(v, MDEV_SIM_TEST_REG_STATUS) &
		MDEV_SIM_TEST_STATUS_DMA_ERR) != 0;
}

static void
fill(uint8_t *buf, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 13 + 7 + seed * 101 + (i >> 8));
}

static void
dma_memzone(const struct rte_vfio_dev *v, const uint8_t *src,
	    rte_iova_t src_iova, uint8_t *dst, rte_iova_t dst_iova)
{
	const struct rte_memzone *mz;
	const size_t len = 8192;

	mz = rte_memzone_reserve_aligned("guest_vfio_dma", len, SOCKET_ID_ANY,
					 0, 4096);
	if (!check(mz != NULL && mz->iova != RTE_BAD_IOVA,
		   "DMA: memzone reserved with an IOVA"))
		return;
	memset(mz->addr, 0, len);
	check(dma_copy(v, src_iova, mz->iova, len, 0) == DMA_DONE &&
	      memcmp(mz->addr, src, len) == 0,
	      "DMA: rte_malloc -> memzone, 8 KiB");
	memset(dst, 0, len);
	check(dma_copy(v, mz->iova, dst_iova, len, 0) == DMA_DONE &&
	      memcmp(dst, src, len) == 0,
	      "DMA: memzone -> rte_malloc, 8 KiB");
	rte_memzone_free(mz);
}

static void
dma_completion_irq(struct rte_vfio_dev *v, const uint8_t *src,
		   rte_iova_t src_iova, uint8_t *dst, rte_iova_t dst_iova)
{
	int fds[MDEV_SIM_TEST_MSIX_VECTORS];
	const unsigned int vec = 5;
	unsigned int i;

	for (i = 0; i < RTE_DIM(fds); i++)
		fds[i] = -1;
	fds[vec] = efd_new();
	if (!check(rte_vfio_dev_irq_enable(v, VFIO_PCI_MSIX_IRQ_INDEX, 0,
					   RTE_DIM(fds), fds) == 0,
		   "DMA: MSI-X with only vector 5 connected"))
		goto out;
	reg_write(v, MDEV_SIM_TEST_REG_DMA_IRQ,
		  MDEV_SIM_TEST_IRQ(MDEV_SIM_TEST_IRQ_KIND_MSIX, vec));
	memset(dst, 0, 256);
	check(dma_copy(v, src_iova, dst_iova, 256, MDEV_SIM_TEST_DMA_CTRL_IRQ) ==
	      DMA_DONE && memcmp(dst, src, 256) == 0,
	      "DMA: copy with completion interrupt");
	check_eq("DMA: completion signalled MSI-X vector 5", efd_take(fds[vec]), 1);
	check_eq("DMA: GO self-clears, IRQ stays",
		 reg_read(v, MDEV_SIM_TEST_REG_DMA_CTRL),
		 MDEV_SIM_TEST_DMA_CTRL_IRQ);
	rte_vfio_dev_irq_disable(v, VFIO_PCI_MSIX_IRQ_INDEX);
out:
	reg_write(v, MDEV_SIM_TEST_REG_DMA_CTRL, 0);
	if (fds[vec] >= 0)
		close(fds[vec]);
}

static void
dma_errors(const struct rte_vfio_dev *v, rte_iova_t src_iova,
	   rte_iova_t dst_iova)
{
	uint32_t st;

	rte_vfio_dev_pci_set_bus_master(v, false);
	st = dma_copy(v, src_iova, dst_iova, 64, 0);
	check_eq("DMA: refused with EIO while bus master is off", st,
		 DMA_FAILED(EIO));
	check(dma_err_flag(v), "DMA: STATUS.DMA_ERR after a failure");
	rte_vfio_dev_pci_set_bus_master(v, true);
	check_eq("DMA: length 0 fails with EINVAL",
		 dma_copy(v, src_iova, dst_iova, 0, 0), DMA_FAILED(EINVAL));
	check_eq("DMA: length above 1 MiB fails with EINVAL",
		 dma_copy(v, src_iova, dst_iova, MDEV_SIM_TEST_DMA_MAX_LEN + 1, 0),
		 DMA_FAILED(EINVAL));
	check_eq("DMA: an IOVA DPDK did not map fails with EINVAL",
		 dma_copy(v, UNMAPPED_IOVA, dst_iova, 64, 0), DMA_FAILED(EINVAL));
	check_eq("DMA: an unmapped destination fails with EINVAL",
		 dma_copy(v, src_iova, UNMAPPED_IOVA, 64, 0), DMA_FAILED(EINVAL));
	check(dma_copy(v, src_iova, dst_iova, 64, 0) == DMA_DONE &&
	      !dma_err_flag(v), "DMA: a good copy clears STATUS.DMA_ERR");
}

void
test_dma(struct guest_ctx *ctx)
{
	struct rte_vfio_dev *v = ctx->vfio;
	rte_iova_t src_iova, dst_iova;
	uint8_t *src, *dst;

	note("DMA with %s, IOVA as %s", rte_eal_has_hugepages() ?
	     "hugepages" : "--no-huge memory",
	     rte_eal_iova_mode() == RTE_IOVA_VA ? "VA" : "PA");
	check(rte_vfio_dev_pci_set_bus_master(v, true) == 0,
	      "DMA: bus master on");
	src = rte_malloc("guest_vfio_src", DMA_BUF_SIZE, 4096);
	dst = rte_zmalloc("guest_vfio_dst", DMA_BUF_SIZE, 4096);
	if (!check(src != NULL && dst != NULL, "DMA: two 1 MiB rte_malloc buffers"))
		goto out;
	src_iova = rte_malloc_virt2iova(src);
	dst_iova = rte_malloc_virt2iova(dst);
	if (!check(src_iova != RTE_BAD_IOVA && dst_iova != RTE_BAD_IOVA,
		   "DMA: the buffers have IOVAs"))
		goto out;
	fill(src, DMA_BUF_SIZE, 1);

	check_eq("DMA: 64 KiB copy completes", dma_copy(v, src_iova, dst_iova,
							0x10000, 0), DMA_DONE);
	check(memcmp(dst, src, 0x10000) == 0, "DMA: 64 KiB copied intact");
	check(!dma_err_flag(v), "DMA: STATUS.DMA_ERR clear");
	memset(dst, 0xee, DMA_BUF_SIZE);
	check(dma_copy(v, src_iova + 123, dst_iova + 1000, 5000, 0) == DMA_DONE &&
	      memcmp(dst + 1000, src + 123, 5000) == 0 && dst[999] == 0xee &&
	      dst[6000] == 0xee,
	      "DMA: 5000 bytes between unaligned IOVAs, neighbours untouched");
	memset(dst, 0, DMA_BUF_SIZE);
	check(dma_copy(v, src_iova, dst_iova, DMA_BUF_SIZE, 0) == DMA_DONE &&
	      memcmp(dst, src, DMA_BUF_SIZE) == 0,
	      "DMA: 1 MiB (the maximum) copied intact");
	dma_memzone(v, src, src_iova, dst, dst_iova);
	dma_completion_irq(v, src, src_iova, dst, dst_iova);
	dma_errors(v, src_iova, dst_iova);
out:
	rte_free(src);
	rte_free(dst);
}
