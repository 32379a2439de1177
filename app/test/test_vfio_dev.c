/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The parts of the VFIO helper library that need no kernel: region info
 * capability chains as the kernel would return them (and as a broken or
 * hostile one might), offset routing, and region reads and writes on a
 * memfd standing in for a device fd, so that the mapped and the pread/pwrite
 * paths really move data and a wrongly routed access faults.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include <CUnit/Basic.h>
#include <rte_common.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#include "rte_vfio_dev.h"
#include "vfio_dev_private.h"
#include "test_unit.h"

#define INFO_LEN sizeof(struct vfio_region_info)
#define HDR_LEN sizeof(struct vfio_info_cap_header)
#define SPARSE_LEN sizeof(struct vfio_region_info_cap_sparse_mmap)
#define AREA_LEN sizeof(struct vfio_region_sparse_mmap_area)
#define TYPE_LEN sizeof(struct vfio_region_info_cap_type)
/*
 * A vendor-specific PCI region type. The UAPI's VFIO_REGION_TYPE_PCI_VENDOR_TYPE
 * is (1 << 31), which overflows int (UBSan): the same bit, unsigned.
 */
#define PCI_VENDOR_REGION_TYPE(vendor) ((UINT32_C(1) << 31) | (vendor))

#define RF_RW (VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE)
#define RF_MMAP (RF_RW | VFIO_REGION_INFO_FLAG_MMAP)
#define RF_CAPS (RF_MMAP | VFIO_REGION_INFO_FLAG_CAPS)

static uint8_t reply[512];
static size_t page;

/* A region info reply: the header, capabilities added by the helpers. */
static void
reply_info(uint32_t index, uint32_t flags, uint32_t cap_offset, uint64_t size,
	   uint64_t offset)
{
	struct vfio_region_info info = {
		.argsz = sizeof(reply),
		.flags = flags,
		.index = index,
		.cap_offset = cap_offset,
		.size = size,
		.offset = offset,
	};

	memset(reply, 0, sizeof(reply));
	memcpy(reply, &info, sizeof(info));
}

static void
reply_hdr(size_t at, uint16_t id, uint16_t version, uint32_t next)
{
	struct vfio_info_cap_header hdr = {
		.id = id, .version = version, .next = next,
	};

	memcpy(reply + at, &hdr, sizeof(hdr));
}

/* A sparse-mmap capability with @p nr areas given as offset, size pairs. */
static size_t
reply_sparse(size_t at, uint32_t next, uint32_t nr, const uint64_t *areas)
{
	struct vfio_region_info_cap_sparse_mmap cap = {
		.header = { .id = VFIO_REGION_INFO_CAP_SPARSE_MMAP,
			    .version = 1, .next = next },
		.nr_areas = nr,
	};
	struct vfio_region_sparse_mmap_area a;
	uint32_t i;

	memcpy(reply + at, &cap, sizeof(cap));
	for (i = 0; i < nr; i++) {
		a.offset = areas[2 * i];
		a.size = areas[2 * i + 1];
		memcpy(reply + at + SPARSE_LEN + i * AREA_LEN, &a, sizeof(a));
	}
	return SPARSE_LEN + nr * AREA_LEN;
}

static size_t
reply_type(size_t at, uint32_t next, uint32_t type, uint32_t subtype)
{
	struct vfio_region_info_cap_type cap = {
		.header = { .id = VFIO_REGION_INFO_CAP_TYPE, .version = 1,
			    .next = next },
		.type = type,
		.subtype = subtype,
	};

	memcpy(reply + at, &cap, sizeof(cap));
	return TYPE_LEN;
}

/* Parsing a reply that must be refused leaves nothing allocated. */
static void
expect_refused(size_t len)
{
	struct rte_vfio_dev_region r;

	memset(&r, 0xa5, sizeof(r));
	CU_ASSERT_EQUAL(vfio_dev_region_parse(reply, len, &r), -EINVAL);
	CU_ASSERT_PTR_NULL(r.areas);
	CU_ASSERT_EQUAL(r.nb_areas, 0);
}

static void
test_parse_plain(void)
{
	struct rte_vfio_dev_region r;

	reply_info(2, RF_MMAP, 0, 0x100000, 2ULL << 40);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, INFO_LEN, &r), 0);
	CU_ASSERT_EQUAL(r.index, 2);
	CU_ASSERT_EQUAL(r.flags, RF_MMAP);
	CU_ASSERT_EQUAL(r.size, 0x100000);
	CU_ASSERT_EQUAL(r.offset, 2ULL << 40);
	CU_ASSERT_FALSE(r.has_sparse);
	CU_ASSERT_FALSE(r.has_type);
	CU_ASSERT_FALSE(r.msix_mappable);
	CU_ASSERT_PTR_NULL(r.addr);
	/* mmapable without sparse areas: one window, the whole region */
	CU_ASSERT_EQUAL_FATAL(r.nb_areas, 1);
	CU_ASSERT_EQUAL(r.areas[0].offset, 0);
	CU_ASSERT_EQUAL(r.areas[0].size, 0x100000);
	vfio_dev_region_clear(&r);
	CU_ASSERT_PTR_NULL(r.areas);

	/* not mmapable: no window; offsets come from the kernel, any value */
	reply_info(4, RF_RW, 0, 0x20, 0x1234000);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, INFO_LEN, &r), 0);
	CU_ASSERT_EQUAL(r.nb_areas, 0);
	CU_ASSERT_PTR_NULL(r.areas);
	CU_ASSERT_EQUAL(r.offset, 0x1234000);

	/* size 0: the region does not exist, whatever its flags */
	reply_info(1, RF_MMAP, 0, 0, 1ULL << 40);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, INFO_LEN, &r), 0);
	CU_ASSERT_EQUAL(r.nb_areas, 0);

	CU_ASSERT_EQUAL(vfio_dev_region_parse(reply, INFO_LEN - 1, &r),
			-EINVAL);
	CU_ASSERT_EQUAL(vfio_dev_region_parse(NULL, INFO_LEN, &r), -EINVAL);
	CU_ASSERT_EQUAL(vfio_dev_region_parse(reply, INFO_LEN, NULL),
			-EINVAL);
}

static void
test_parse_sparse(void)
{
	const uint64_t areas[] = { 0x1000, 0x3000, 0x8000, 0x8000 };
	struct rte_vfio_dev_region r;
	size_t len;

	reply_info(0, RF_CAPS, INFO_LEN, 0x10000, 0);
	len = INFO_LEN + reply_sparse(INFO_LEN, 0, 2, areas);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, len, &r), 0);
	CU_ASSERT_TRUE(r.has_sparse);
	CU_ASSERT_EQUAL_FATAL(r.nb_areas, 2);
	CU_ASSERT_EQUAL(r.areas[0].offset, 0x1000);
	CU_ASSERT_EQUAL(r.areas[0].size, 0x3000);
	CU_ASSERT_EQUAL(r.areas[1].offset, 0x8000);
	CU_ASSERT_EQUAL(r.areas[1].size, 0x8000);
	vfio_dev_region_clear(&r);

	/* sparse areas only count when the kernel says the region mmaps */
	reply_info(0, RF_RW | VFIO_REGION_INFO_FLAG_CAPS, INFO_LEN, 0x10000, 0);
	len = INFO_LEN + reply_sparse(INFO_LEN, 0, 2, areas);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, len, &r), 0);
	CU_ASSERT_TRUE(r.has_sparse);
	CU_ASSERT_EQUAL(r.nb_areas, 0);
	CU_ASSERT_PTR_NULL(r.areas);
}

static void
test_parse_sparse_zero_areas(void)
{
	struct rte_vfio_dev_region r;
	size_t len;

	/* every page trapped: not one window, not the whole region */
	reply_info(0, RF_CAPS, INFO_LEN, 0x10000, 0);
	len = INFO_LEN + reply_sparse(INFO_LEN, 0, 0, NULL);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, len, &r), 0);
	CU_ASSERT_TRUE(r.has_sparse);
	CU_ASSERT_EQUAL(r.nb_areas, 0);
	CU_ASSERT_PTR_NULL(r.areas);
}

static void
test_parse_sparse_unmappable_areas(void)
{
	uint64_t areas[] = {
		0x0, 0x1000,                   /* kept */
		page / 2, 0x100,               /* not page aligned */
		0x2000, 0,                     /* empty */
		0xf000, 0x2000,                /* runs past the end */
		UINT64_MAX - 0xfff, 0x2000,    /* offset + size wraps */
		0x20000, 0x1000,               /* outside */
		0x4000, page + page / 2,       /* kept: its whole page only */
		0x6000, page / 2,              /* no whole page */
		0xe000, 0x2000,                /* kept: ends at the end */
	};
	struct rte_vfio_dev_region r;
	size_t len;

	reply_info(0, RF_CAPS, INFO_LEN, 0x10000, 0);
	len = INFO_LEN + reply_sparse(INFO_LEN, 0, RTE_DIM(areas) / 2, areas);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, len, &r), 0);
	CU_ASSERT_EQUAL_FATAL(r.nb_areas, 3);
	CU_ASSERT_EQUAL(r.areas[0].offset, 0);
	CU_ASSERT_EQUAL(r.areas[1].offset, 0x4000);
	CU_ASSERT_EQUAL(r.areas[1].size, page);
	CU_ASSERT_EQUAL(r.areas[2].offset, 0xe000);
	CU_ASSERT_EQUAL(r.areas[2].size, 0x2000);
	/* the tail of a window is reached through the device fd */
	r.addr = (void *)(uintptr_t)0x10000000;
	CU_ASSERT_PTR_NOT_NULL(rte_vfio_dev_region_ptr(&r, 0x4000, page));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x4000 + page, 4));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x4000 + page - 2, 4));
	vfio_dev_region_clear(&r);

	/* an mmapable region without sparse areas: its whole pages */
	reply_info(0, RF_MMAP, 0, 0x10000 + page / 2, 0);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, INFO_LEN, &r), 0);
	CU_ASSERT_EQUAL_FATAL(r.nb_areas, 1);
	CU_ASSERT_EQUAL(r.areas[0].offset, 0);
	CU_ASSERT_EQUAL(r.areas[0].size, 0x10000);
	vfio_dev_region_clear(&r);
	reply_info(4, RF_MMAP, 0, 0x20, 0);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, INFO_LEN, &r), 0);
	CU_ASSERT_EQUAL(r.nb_areas, 0);
	CU_ASSERT_PTR_NULL(r.areas);
}

static void
test_parse_type_msix_chain(void)
{
	const uint64_t areas[] = { 0x2000, 0x2000 };
	struct rte_vfio_dev_region r;
	size_t t_at, s_at, m_at;

	/* type -> msix mappable -> sparse, not in offset order */
	s_at = 200;
	t_at = INFO_LEN;
	m_at = 120;
	reply_info(0, RF_CAPS, t_at, 0x4000, 0x5000);
	reply_type(t_at, m_at, PCI_VENDOR_REGION_TYPE(0x8086), 7);
	reply_hdr(m_at, VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, s_at);
	reply_sparse(s_at, 0, 1, areas);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, sizeof(reply),
							&r), 0);
	CU_ASSERT_TRUE(r.has_type);
	CU_ASSERT_EQUAL(r.type.type, PCI_VENDOR_REGION_TYPE(0x8086));
	CU_ASSERT_EQUAL(r.type.subtype, 7);
	CU_ASSERT_TRUE(r.msix_mappable);
	CU_ASSERT_TRUE(r.has_sparse);
	CU_ASSERT_EQUAL_FATAL(r.nb_areas, 1);
	CU_ASSERT_EQUAL(r.areas[0].offset, 0x2000);
	vfio_dev_region_clear(&r);

	/* the type alone: no sparse cap, so the whole region is one window */
	reply_info(9, RF_CAPS, INFO_LEN, 0x4000, 0x5000);
	reply_type(INFO_LEN, 0, 3, 1);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply,
						INFO_LEN + TYPE_LEN, &r), 0);
	CU_ASSERT_TRUE(r.has_type);
	CU_ASSERT_FALSE(r.has_sparse);
	CU_ASSERT_FALSE(r.msix_mappable);
	CU_ASSERT_EQUAL(r.type.type, 3);
	CU_ASSERT_EQUAL_FATAL(r.nb_areas, 1);
	CU_ASSERT_EQUAL(r.areas[0].size, 0x4000);
	vfio_dev_region_clear(&r);
}

static void
test_parse_unknown_skipped(void)
{
	const uint64_t areas[] = { 0x1000, 0x1000 };
	struct rte_vfio_dev_region r;
	size_t at = INFO_LEN;

	/* unknown id, then a known id with an unknown version, then sparse */
	reply_info(0, RF_CAPS, at, 0x4000, 0);
	reply_hdr(at, 0x7777, 1, at + 24);
	reply_hdr(at + 24, VFIO_REGION_INFO_CAP_TYPE, 9, at + 48);
	reply_sparse(at + 48, 0, 1, areas);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, sizeof(reply),
							&r), 0);
	CU_ASSERT_FALSE(r.has_type);
	CU_ASSERT_TRUE(r.has_sparse);
	CU_ASSERT_EQUAL_FATAL(r.nb_areas, 1);
	CU_ASSERT_EQUAL(r.areas[0].offset, 0x1000);
	vfio_dev_region_clear(&r);
}

static void
test_parse_caps_not_returned(void)
{
	struct rte_vfio_dev_region r;

	/* argsz was too short: flag set, cap_offset 0, nothing to walk */
	reply_info(0, RF_CAPS, 0, 0x4000, 0);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, INFO_LEN, &r), 0);
	CU_ASSERT_FALSE(r.has_sparse);
	CU_ASSERT_EQUAL(r.nb_areas, 1);
	vfio_dev_region_clear(&r);

	/* without the flag, a cap_offset is not followed */
	reply_info(0, RF_MMAP, INFO_LEN, 0x4000, 0);
	reply_sparse(INFO_LEN, 0, 0, NULL);
	CU_ASSERT_EQUAL_FATAL(vfio_dev_region_parse(reply, sizeof(reply),
							&r), 0);
	CU_ASSERT_FALSE(r.has_sparse);
	CU_ASSERT_EQUAL(r.nb_areas, 1);
	vfio_dev_region_clear(&r);
}

static void
test_parse_truncated(void)
{
	const uint64_t areas[] = { 0x1000, 0x1000, 0x3000, 0x1000 };
	size_t len;

	/* the second area is cut off */
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	len = INFO_LEN + reply_sparse(INFO_LEN, 0, 2, areas);
	expect_refused(len - 1);
	expect_refused(len - AREA_LEN);
	/* nr_areas so large that its byte count would wrap a 32-bit size */
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	reply_sparse(INFO_LEN, 0, 0, NULL);
	{
		uint32_t nr = UINT32_MAX;

		memcpy(reply + INFO_LEN + HDR_LEN, &nr, sizeof(nr));
	}
	expect_refused(sizeof(reply));
	/* the sparse header itself is cut off */
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	reply_sparse(INFO_LEN, 0, 0, NULL);
	expect_refused(INFO_LEN + SPARSE_LEN - 1);
	/* a type capability with only its header */
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	reply_type(INFO_LEN, 0, 1, 1);
	expect_refused(INFO_LEN + TYPE_LEN - 1);
	/* a capability header cut off */
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	reply_hdr(INFO_LEN, VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, 0);
	expect_refused(INFO_LEN + HDR_LEN - 1);
}

static void
test_parse_outside(void)
{
	/* the first capability beyond the reply */
	reply_info(0, RF_CAPS, sizeof(reply), 0x4000, 0);
	expect_refused(sizeof(reply));
	reply_info(0, RF_CAPS, UINT32_MAX, 0x4000, 0);
	expect_refused(sizeof(reply));
	/* a next pointer beyond it, or whose header would straddle the end */
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	reply_hdr(INFO_LEN, VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, 4096);
	expect_refused(sizeof(reply));
	reply_hdr(INFO_LEN, VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1,
		  sizeof(reply) - HDR_LEN + 1);
	expect_refused(sizeof(reply));
	reply_hdr(INFO_LEN, VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, UINT32_MAX);
	expect_refused(sizeof(reply));
}

static void
test_parse_into_header(void)
{
	/* capabilities never overlap struct vfio_region_info */
	reply_info(0, RF_CAPS, 8, 0x4000, 0);
	expect_refused(sizeof(reply));
	reply_info(0, RF_CAPS, INFO_LEN - 1, 0x4000, 0);
	expect_refused(sizeof(reply));
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	reply_hdr(INFO_LEN, 0x7777, 1, 16);
	expect_refused(sizeof(reply));
}

static void
test_parse_loops(void)
{
	/* a capability pointing at itself */
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	reply_hdr(INFO_LEN, VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, INFO_LEN);
	expect_refused(sizeof(reply));
	/* two pointing at each other, after a good one */
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	reply_type(INFO_LEN, 64, 1, 1);
	reply_hdr(64, 0x7777, 1, 96);
	reply_hdr(96, VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, 64);
	expect_refused(sizeof(reply));
	/* the same, with the smallest reply that holds both */
	expect_refused(96 + HDR_LEN);
	/* a repeated sparse capability: two layouts, neither trusted */
	reply_info(0, RF_CAPS, INFO_LEN, 0x4000, 0);
	reply_sparse(INFO_LEN, 64, 0, NULL);
	reply_sparse(64, 0, 0, NULL);
	expect_refused(sizeof(reply));
}

/* A region for routing tests; only pointer arithmetic, no memory. */
static void
routing_region(struct rte_vfio_dev_region *r, struct rte_vfio_dev_area *a)
{
	memset(r, 0, sizeof(*r));
	r->flags = RF_MMAP;
	r->size = 0x5000;
	a[0].offset = 0x1000;
	a[0].size = 0x1000;
	a[1].offset = 0x2000;
	a[1].size = 0x1000;
	a[2].offset = 0x4000;
	a[2].size = 0x1000;
	r->nb_areas = 3;
	r->areas = a;
	r->addr = (void *)(uintptr_t)0x7f0000000000ULL;
}

static void
test_region_ptr(void)
{
	struct rte_vfio_dev_area a[3];
	struct rte_vfio_dev_region r;
	uintptr_t base;

	routing_region(&r, a);
	base = (uintptr_t)r.addr;
	/* inside a window, at both its ends */
	CU_ASSERT_EQUAL((uintptr_t)rte_vfio_dev_region_ptr(&r, 0x1000, 4),
			base + 0x1000);
	CU_ASSERT_EQUAL((uintptr_t)rte_vfio_dev_region_ptr(&r, 0x1ffc, 4),
			base + 0x1ffc);
	CU_ASSERT_EQUAL((uintptr_t)rte_vfio_dev_region_ptr(&r, 0x4000, 0x1000),
			base + 0x4000);
	CU_ASSERT_EQUAL((uintptr_t)rte_vfio_dev_region_ptr(&r, 0x4fff, 1),
			base + 0x4fff);
	/* outside every window: trapped */
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0, 4));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0xffc, 4));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x3000, 8));
	/* straddling into a trapped part, or across two windows */
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0xffe, 4));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x2ffc, 8));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x1ffc, 8));
	/* leaving the region, or wrapping offset + len */
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x4ffc, 8));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x5000, 1));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, UINT64_MAX - 1, 4));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x1000, SIZE_MAX));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x1000, 0));
	/* a window whose end wraps is never matched */
	a[2].offset = 0x4000;
	a[2].size = UINT64_MAX;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, UINT64_MAX - 8, 4));
	/* not mapped: everything through the fd */
	routing_region(&r, a);
	r.addr = NULL;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(&r, 0x1000, 4));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(NULL, 0x1000, 4));
}

/*
 * A memfd stands in for the device fd: region 0 is odd-sized with a
 * trapped first page and one window, region 1 is trapped only, region 2
 * cannot be read. A store into the trapped page of the mapping would fault
 * (PROT_NONE), so a wrongly routed access cannot pass silently.
 */
#define FAKE_R0_OFF 0x10000
#define FAKE_R0_SIZE 0x2345
#define FAKE_R1_OFF 0x20000
#define FAKE_R1_SIZE 0x100
#define FAKE_R2_OFF 0x30000
#define FAKE_FILE_SIZE 0x40000

static int fake_fd = -1;

static struct rte_vfio_dev *
fake_dev(uint32_t flags)
{
	struct rte_vfio_dev_area a0 = { .offset = 0x1000, .size = 0x1345 };
	struct rte_vfio_dev_region regions[3] = {
		{ .index = 0, .flags = RF_CAPS, .size = FAKE_R0_SIZE,
		  .offset = FAKE_R0_OFF, .has_sparse = true, .nb_areas = 1,
		  .areas = &a0 },
		{ .index = 1, .flags = RF_RW, .size = FAKE_R1_SIZE,
		  .offset = FAKE_R1_OFF },
		{ .index = 2, .flags = VFIO_REGION_INFO_FLAG_WRITE,
		  .size = 0x10, .offset = FAKE_R2_OFF },
	};
	struct rte_vfio_dev *vdev;
	int fd;

	fd = memfd_create("vfio_dev_test", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (ftruncate(fd, FAKE_FILE_SIZE) != 0) {
		close(fd);
		return NULL;
	}
	vdev = rte_vfio_dev_attach_fd(fd, "fake", flags, RTE_DIM(regions),
				      regions);
	if (vdev == NULL)
		close(fd);
	else
		fake_fd = fd;
	return vdev;
}

static uint32_t
file_read32(uint64_t pos)
{
	uint32_t v = 0xdeadbeef;

	CU_ASSERT_EQUAL(pread(fake_fd, &v, sizeof(v), pos), (ssize_t)sizeof(v));
	return v;
}

static void
file_write32(uint64_t pos, uint32_t v)
{
	CU_ASSERT_EQUAL(pwrite(fake_fd, &v, sizeof(v), pos), (ssize_t)sizeof(v));
}

static void
test_access_routing(void)
{
	struct rte_vfio_dev *vdev = fake_dev(0);
	const struct rte_vfio_dev_region *r0;
	volatile uint32_t *win;
	uint8_t buf[0x40], want[0x40];
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;
	uint8_t v8;
	unsigned int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(vdev);
	CU_ASSERT_EQUAL_FATAL(rte_vfio_dev_region_map(vdev, 0, NULL), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_region_map(vdev, 0, NULL), -EBUSY);
	/* no window: nothing mapped, and that is not an error */
	CU_ASSERT_EQUAL(rte_vfio_dev_region_map(vdev, 1, NULL), 0);
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region(vdev, 1)->addr);
	CU_ASSERT_EQUAL(rte_vfio_dev_region_map(vdev, 3, NULL), -EINVAL);
	r0 = rte_vfio_dev_region(vdev, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r0->addr);
	win = RTE_PTR_ADD(r0->addr, 0x1000);

	/* mapped window: the store reaches the file at the region offset */
	CU_ASSERT_EQUAL(rte_vfio_dev_write32(vdev, 0, 0x1004, 0x11223344), 0);
	CU_ASSERT_EQUAL(file_read32(FAKE_R0_OFF + 0x1004), 0x11223344);
	file_write32(FAKE_R0_OFF + 0x1100, 0xcafef00d);
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 0, 0x1100, &v32), 0);
	CU_ASSERT_EQUAL(v32, 0xcafef00d);
	CU_ASSERT_EQUAL(win[0x100 / 4], 0xcafef00d);
	/* trapped page: pwrite/pread at the region offset, not the mapping */
	CU_ASSERT_EQUAL(rte_vfio_dev_write32(vdev, 0, 0x10, 0x55667788), 0);
	CU_ASSERT_EQUAL(file_read32(FAKE_R0_OFF + 0x10), 0x55667788);
	file_write32(FAKE_R0_OFF + 0x20, 0x99aabbcc);
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 0, 0x20, &v32), 0);
	CU_ASSERT_EQUAL(v32, 0x99aabbcc);
	/* every width, little endian */
	CU_ASSERT_EQUAL(rte_vfio_dev_write64(vdev, 0, 0x1008,
					     0x0102030405060708ULL), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_read64(vdev, 0, 0x1008, &v64), 0);
	CU_ASSERT_EQUAL(v64, 0x0102030405060708ULL);
	CU_ASSERT_EQUAL(file_read32(FAKE_R0_OFF + 0x1008), 0x05060708);
	CU_ASSERT_EQUAL(rte_vfio_dev_read16(vdev, 0, 0x100a, &v16), 0);
	CU_ASSERT_EQUAL(v16, 0x0506);
	CU_ASSERT_EQUAL(rte_vfio_dev_read8(vdev, 0, 0x100f, &v8), 0);
	CU_ASSERT_EQUAL(v8, 0x01);
	CU_ASSERT_EQUAL(rte_vfio_dev_write16(vdev, 0, 0x30, 0xbeef), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_write8(vdev, 0, 0x32, 0x7f), 0);
	CU_ASSERT_EQUAL(file_read32(FAKE_R0_OFF + 0x30) & 0xffffff, 0x7fbeef);
	/* a byte range straddling trapped and mapped goes through the fd */
	for (i = 0; i < sizeof(want); i++)
		want[i] = i * 5 + 3;
	CU_ASSERT_EQUAL(rte_vfio_dev_write(vdev, 0, 0x1000 - 0x20, want,
					   sizeof(want)), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_read(vdev, 0, 0x1000 - 0x20, buf,
					  sizeof(buf)), 0);
	CU_ASSERT_EQUAL(memcmp(buf, want, sizeof(buf)), 0);
	CU_ASSERT_EQUAL(memcmp((const void *)(uintptr_t)win, want + 0x20, 0x20), 0);
	/* unaligned byte ranges inside the window */
	CU_ASSERT_EQUAL(rte_vfio_dev_write(vdev, 0, 0x1201, want, 13), 0);
	memset(buf, 0, sizeof(buf));
	CU_ASSERT_EQUAL(pread(fake_fd, buf, 13, FAKE_R0_OFF + 0x1201), 13);
	CU_ASSERT_EQUAL(memcmp(buf, want, 13), 0);
	memset(buf, 0, sizeof(buf));
	CU_ASSERT_EQUAL(rte_vfio_dev_read(vdev, 0, 0x1201, buf, 13), 0);
	CU_ASSERT_EQUAL(memcmp(buf, want, 13), 0);
	/* odd-sized region: the last bytes, and not one more */
	CU_ASSERT_EQUAL(rte_vfio_dev_write32(vdev, 0, FAKE_R0_SIZE - 4,
					     0xa1b2c3d4), 0);
	CU_ASSERT_EQUAL(file_read32(FAKE_R0_OFF + FAKE_R0_SIZE - 4),
			0xa1b2c3d4);
	CU_ASSERT_EQUAL(rte_vfio_dev_read8(vdev, 0, FAKE_R0_SIZE - 1, &v8), 0);
	CU_ASSERT_EQUAL(v8, 0xa1);
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 0, FAKE_R0_SIZE - 3, &v32),
			-EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_read8(vdev, 0, FAKE_R0_SIZE, &v8),
			-EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 0, UINT64_MAX - 1, &v32),
			-EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_read(vdev, 0, 4, buf, SIZE_MAX), -EINVAL);
	/* trapped-only region */
	CU_ASSERT_EQUAL(rte_vfio_dev_write32(vdev, 1, 0xfc, 0x0badf00d), 0);
	CU_ASSERT_EQUAL(file_read32(FAKE_R1_OFF + 0xfc), 0x0badf00d);
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 1, 0x100, &v32), -EINVAL);
	/* permissions, bad indexes and arguments */
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 2, 0, &v32), -EACCES);
	CU_ASSERT_EQUAL(rte_vfio_dev_write32(vdev, 2, 0, 1), 0);
	CU_ASSERT_EQUAL(file_read32(FAKE_R2_OFF), 1);
	CU_ASSERT_EQUAL(rte_vfio_dev_read8(vdev, 2, 0, &v8), -EACCES);
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 3, 0, &v32), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_write32(vdev, 3, 0, 1), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(NULL, 0, 0, &v32), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_write64(NULL, 0, 0, 1), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_read(vdev, 0, 0, NULL, 4), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_write(vdev, 0, 0, NULL, 4), -EINVAL);
	/* accessors refuse a NULL result, mapped window or trapped page */
	CU_ASSERT_EQUAL(rte_vfio_dev_read8(vdev, 0, 0x1000, NULL), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_read16(vdev, 0, 0x1000, NULL), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 0, 0x1000, NULL), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_read64(vdev, 0, 0x10, NULL), -EINVAL);
	/* a refused access leaves the result alone */
	v32 = 0x5a5a5a5a;
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 0, FAKE_R0_SIZE, &v32),
			-EINVAL);
	CU_ASSERT_EQUAL(v32, 0x5a5a5a5a);
	v64 = 0x5a5a5a5a5a5a5a5aULL;
	CU_ASSERT_EQUAL(rte_vfio_dev_read64(vdev, 2, 0, &v64), -EACCES);
	CU_ASSERT_EQUAL(v64, 0x5a5a5a5a5a5a5a5aULL);
	CU_ASSERT_EQUAL(rte_vfio_dev_read(vdev, 0, 0, buf, 0), 0);
	/* unmapped: the same offsets now go through the fd */
	rte_vfio_dev_region_unmap(vdev, 0);
	CU_ASSERT_PTR_NULL(r0->addr);
	file_write32(FAKE_R0_OFF + 0x1100, 0x600df00d);
	CU_ASSERT_EQUAL(rte_vfio_dev_read32(vdev, 0, 0x1100, &v32), 0);
	CU_ASSERT_EQUAL(v32, 0x600df00d);
	rte_vfio_dev_region_unmap(vdev, 0);
	rte_vfio_dev_close(vdev);
	/* closing the device closed the fd it was attached to */
	CU_ASSERT_EQUAL(fcntl(fake_fd, F_GETFD), -1);
	fake_fd = -1;
}

static void
test_map_at_address(void)
{
	struct rte_vfio_dev *a = fake_dev(0), *b;
	const struct rte_vfio_dev_region *ra, *rb;
	void *addr;
	int fd_a;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	fd_a = fake_fd;
	b = fake_dev(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	/* rte_vfio_dev_map() without EAL: maps, records nowhere */
	CU_ASSERT_EQUAL_FATAL(rte_vfio_dev_map(a), 0);
	ra = rte_vfio_dev_region(a, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ra->addr);
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region(a, 1)->addr);
	/* an address in use is refused, not replaced */
	CU_ASSERT_TRUE(rte_vfio_dev_region_map(b, 0, ra->addr) < 0);
	rb = rte_vfio_dev_region(b, 0);
	CU_ASSERT_PTR_NULL(rb->addr);
	CU_ASSERT_EQUAL(rte_vfio_dev_write32(a, 0, 0x1000, 0x12345678), 0);
	/* a free address is used as given, as a secondary process does */
	addr = ra->addr;
	rte_vfio_dev_unmap(a);
	CU_ASSERT_PTR_NULL(ra->addr);
	CU_ASSERT_EQUAL_FATAL(rte_vfio_dev_region_map(b, 0, addr), 0);
	CU_ASSERT_PTR_EQUAL(rb->addr, addr);
	rte_vfio_dev_close(b);
	rte_vfio_dev_close(a);
	CU_ASSERT_EQUAL(fcntl(fd_a, F_GETFD), -1);
	fake_fd = -1;
}

/*
 * A window the kernel advertises but then refuses to map (here: a shared
 * writable mapping of a file opened read-only) is read through the device
 * fd instead of failing the whole mapping.
 */
static void
test_map_refused_window(void)
{
	struct rte_vfio_dev_area a[2] = {
		{ .offset = 0, .size = 0x1000 },
		{ .offset = 0x2000, .size = 0x1000 },
	};
	struct rte_vfio_dev_region region = {
		.index = 0, .flags = RF_MMAP, .size = 0x3000,
		.offset = FAKE_R0_OFF, .has_sparse = true, .nb_areas = 2,
		.areas = a,
	};
	const struct rte_vfio_dev_region *r;
	struct rte_vfio_dev *vdev;
	char path[64];
	uint32_t v = 0;
	int fd, ro;

	fd = memfd_create("vfio_dev_refused", MFD_CLOEXEC);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL_FATAL(ftruncate(fd, FAKE_FILE_SIZE), 0);
	v = 0x5a5a1234;
	CU_ASSERT_EQUAL(pwrite(fd, &v, sizeof(v), FAKE_R0_OFF + 0x2010), 4);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ro = open(path, O_RDONLY | O_CLOEXEC);
	close(fd);
	CU_ASSERT_FATAL(ro >= 0);
	vdev = rte_vfio_dev_attach_fd(ro, "fake-ro", 0, 1, &region);
	CU_ASSERT_PTR_NOT_NULL_FATAL(vdev);
	CU_ASSERT_EQUAL_FATAL(rte_vfio_dev_region_map(vdev, 0, NULL), 0);
	r = rte_vfio_dev_region(vdev, 0);
	CU_ASSERT_PTR_NOT_NULL(r->addr);
	/* both windows refused: no window left, reads still work */
	CU_ASSERT_EQUAL(r->nb_areas, 0);
	CU_ASSERT_PTR_NULL(rte_vfio_dev_region_ptr(r, 0x2010, 4));
	v = 0;
	CU_ASSERT_EQUAL(rte_vfio_dev_read(vdev, 0, 0x2010, &v, sizeof(v)), 0);
	CU_ASSERT_EQUAL(v, 0x5a5a1234);
	rte_vfio_dev_close(vdev);
}

/*
 * A mapping holds the device file open: a child forked without exec (a
 * helper writing the device's sysfs "remove") must not inherit it, or the
 * kernel waits for that very child to release the device.
 */
static void
test_map_not_inherited(void)
{
	struct rte_vfio_dev *vdev = fake_dev(0);
	void *addr;
	int status = -1;
	pid_t pid;

	CU_ASSERT_PTR_NOT_NULL_FATAL(vdev);
	CU_ASSERT_EQUAL_FATAL(rte_vfio_dev_region_map(vdev, 0, NULL), 0);
	addr = rte_vfio_dev_region(vdev, 0)->addr;
	CU_ASSERT_PTR_NOT_NULL_FATAL(addr);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* The range is free in the child: nothing was inherited. */
		void *p = mmap(addr, page, PROT_READ,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			       -1, 0);

		_exit(p == addr ? 0 : 1);
	}
	CU_ASSERT_TRUE_FATAL(pid > 0);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* The parent's mapping is untouched. */
	CU_ASSERT_EQUAL(rte_vfio_dev_write32(vdev, 0, 0x1000, 0xfeedface), 0);
	CU_ASSERT_EQUAL(file_read32(FAKE_R0_OFF + 0x1000), 0xfeedface);
	rte_vfio_dev_close(vdev);
	fake_fd = -1;
}

/*
 * A vfio-pci fake: config space (region 7) in the memfd at 0x20000, a
 * 32-bit BAR0, a 64-bit prefetchable BAR2 (BAR3 its upper half), an I/O
 * BAR4. Capabilities PM at 0x40 -> MSI at 0x50 -> MSI-X at 0x60.
 */
static struct rte_vfio_dev *
fake_pci_dev(void)
{
	struct rte_vfio_dev_region regions[VFIO_PCI_NUM_REGIONS];
	struct rte_vfio_dev *vdev;
	uint8_t cfg[256] = { 0 };
	uint32_t bar;
	int fd;

	memset(regions, 0, sizeof(regions));
	regions[0].size = 0x1000;
	regions[2].size = 0x4000;
	regions[4].size = 0x20;
	regions[7].size = sizeof(cfg);
	regions[7].flags = RF_RW;
	regions[7].offset = 0x20000;
	cfg[PCI_STATUS] = PCI_STATUS_CAP_LIST;
	cfg[PCI_CAPABILITY_LIST] = 0x40;
	cfg[0x40] = PCI_CAP_ID_PM;
	cfg[0x41] = 0x50;
	cfg[0x50] = PCI_CAP_ID_MSI;
	cfg[0x51] = 0x60;
	cfg[0x60] = PCI_CAP_ID_MSIX;
	cfg[0x61] = 0;
	cfg[PCI_COMMAND] = PCI_COMMAND_IO;
	bar = 0xfebc0000 | PCI_BASE_ADDRESS_MEM_TYPE_32;
	memcpy(&cfg[PCI_BASE_ADDRESS_0], &bar, 4);
	bar = 0xfff00000 | PCI_BASE_ADDRESS_MEM_TYPE_64 |
		PCI_BASE_ADDRESS_MEM_PREFETCH;
	memcpy(&cfg[PCI_BASE_ADDRESS_2], &bar, 4);
	bar = 0xc001;
	memcpy(&cfg[PCI_BASE_ADDRESS_4], &bar, 4);
	fd = memfd_create("vfio_dev_pci", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (ftruncate(fd, 0x40000) != 0 ||
	    pwrite(fd, cfg, sizeof(cfg), 0x20000) != sizeof(cfg)) {
		close(fd);
		return NULL;
	}
	vdev = rte_vfio_dev_attach_fd(fd, "fake-pci", VFIO_DEVICE_FLAGS_PCI,
				      RTE_DIM(regions), regions);
	if (vdev == NULL)
		close(fd);
	else
		fake_fd = fd;
	return vdev;
}

static void
cfg_poke(uint8_t off, uint8_t val)
{
	CU_ASSERT_EQUAL(pwrite(fake_fd, &val, 1, 0x20000 + off), 1);
}

static void
test_pci_helpers(void)
{
	struct rte_vfio_dev *vdev = fake_pci_dev();
	enum rte_vfio_dev_bar_kind kind;
	bool pf;
	uint16_t cmd;

	CU_ASSERT_PTR_NOT_NULL_FATAL(vdev);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_PM, 0), 0x40);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_MSIX, 0),
			0x60);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_MSI, 0x40),
			0x50);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_PM, 0x40), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_EXP, 0), 0);
	/* a list looping back, or pointing into the header, is refused */
	cfg_poke(0x61, 0x40);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_EXP, 0),
			-EINVAL);
	cfg_poke(0x61, 0x60);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_EXP, 0),
			-EINVAL);
	cfg_poke(0x61, 0x10);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_EXP, 0),
			-EINVAL);
	/*
	 * Walking every PM capability of a list that loops back to one: the
	 * walk ends with an error, never goes round for ever.
	 */
	cfg_poke(0x61, 0x40);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_PM, 0), 0x40);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_PM, 0x40),
			-EINVAL);
	cfg_poke(0x61, 0);
	/* continuing after an offset that is no capability */
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_MSI, 0x44),
			-EINVAL);
	cfg_poke(PCI_STATUS, 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_PM, 0), 0);
	cfg_poke(PCI_STATUS, PCI_STATUS_CAP_LIST);

	CU_ASSERT_EQUAL(rte_vfio_dev_pci_bar_kind(vdev, 0, &kind, &pf), 0);
	CU_ASSERT_EQUAL(kind, RTE_VFIO_DEV_BAR_MEM32);
	CU_ASSERT_FALSE(pf);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_bar_kind(vdev, 1, &kind, &pf), 0);
	CU_ASSERT_EQUAL(kind, RTE_VFIO_DEV_BAR_NONE);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_bar_kind(vdev, 2, &kind, &pf), 0);
	CU_ASSERT_EQUAL(kind, RTE_VFIO_DEV_BAR_MEM64);
	CU_ASSERT_TRUE(pf);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_bar_kind(vdev, 3, &kind, NULL), 0);
	CU_ASSERT_EQUAL(kind, RTE_VFIO_DEV_BAR_NONE);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_bar_kind(vdev, 4, &kind, NULL), 0);
	CU_ASSERT_EQUAL(kind, RTE_VFIO_DEV_BAR_IO);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_bar_kind(vdev, 6, &kind, NULL),
			-EINVAL);

	CU_ASSERT_EQUAL(rte_vfio_dev_pci_set_memory(vdev, true), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_set_bus_master(vdev, true), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cfg_read(vdev, &cmd, 2, PCI_COMMAND), 0);
	CU_ASSERT_EQUAL(cmd, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
			PCI_COMMAND_MASTER);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_set_memory(vdev, false), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cfg_read(vdev, &cmd, 2, PCI_COMMAND), 0);
	CU_ASSERT_EQUAL(cmd, PCI_COMMAND_IO | PCI_COMMAND_MASTER);
	rte_vfio_dev_close(vdev);
	fake_fd = -1;

	/* not a PCI device: the PCI helpers refuse */
	vdev = fake_dev(VFIO_DEVICE_FLAGS_PLATFORM);
	CU_ASSERT_PTR_NOT_NULL_FATAL(vdev);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cfg_read(vdev, &cmd, 2, 0), -ENOTSUP);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_cap_find(vdev, PCI_CAP_ID_PM, 0),
			-ENOTSUP);
	CU_ASSERT_EQUAL(rte_vfio_dev_pci_set_memory(vdev, true), -ENOTSUP);
	rte_vfio_dev_close(vdev);
	fake_fd = -1;
}

/* One table of device_api names, shared with the bus. */
static void
test_api_names(void)
{
	static const char * const names[] = {
		"vfio-pci", "vfio-platform", "vfio-amba", "vfio-ccw", "vfio-ap",
		"vfio-fsl-mc", "vfio-cdx",
	};
	uint32_t seen = 0, flag;
	unsigned int i;

	for (i = 0; i < RTE_DIM(names); i++) {
		flag = rte_vfio_dev_api_flag(names[i]);
		CU_ASSERT(flag != 0 && (flag & (flag - 1)) == 0);
		CU_ASSERT((seen & flag) == 0);
		seen |= flag;
		CU_ASSERT_STRING_EQUAL(rte_vfio_dev_api_name(flag), names[i]);
	}
	CU_ASSERT_EQUAL(rte_vfio_dev_api_flag("vfio-pci "), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_api_flag("VFIO-PCI"), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_api_flag(""), 0);
	CU_ASSERT_EQUAL(rte_vfio_dev_api_flag(NULL), 0);
	CU_ASSERT_PTR_NULL(rte_vfio_dev_api_name(0));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_api_name(VFIO_DEVICE_FLAGS_RESET));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_api_name(VFIO_DEVICE_FLAGS_CAPS));
	CU_ASSERT_EQUAL(rte_vfio_dev_api_flag("vfio-cdx"), 1u << 8);
	/* Two kinds at once is not one device type. */
	CU_ASSERT_PTR_NULL(rte_vfio_dev_api_name(VFIO_DEVICE_FLAGS_PCI |
						 VFIO_DEVICE_FLAGS_AP));
}

int
main(void)
{
	static const struct mdev_test_case tests[] = {
		{ "region_parse plain", test_parse_plain },
		{ "region_parse sparse", test_parse_sparse },
		{ "region_parse sparse zero areas", test_parse_sparse_zero_areas },
		{ "region_parse unmappable areas", test_parse_sparse_unmappable_areas },
		{ "region_parse type and msix chain", test_parse_type_msix_chain },
		{ "region_parse unknown skipped", test_parse_unknown_skipped },
		{ "region_parse caps not returned", test_parse_caps_not_returned },
		{ "region_parse truncated", test_parse_truncated },
		{ "region_parse outside buffer", test_parse_outside },
		{ "region_parse into header", test_parse_into_header },
		{ "region_parse loops", test_parse_loops },
		{ "region_ptr routing", test_region_ptr },
		{ "read/write routing on a memfd", test_access_routing },
		{ "map at an address", test_map_at_address },
		{ "mappings not inherited by fork", test_map_not_inherited },
		{ "refused window read through the fd", test_map_refused_window },
		{ "pci helpers on a memfd", test_pci_helpers },
		{ "device_api names", test_api_names },
	};

	page = (size_t)sysconf(_SC_PAGESIZE);
	return mdev_test_run("vfio_dev", tests, RTE_DIM(tests), NULL);
}
