/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * libFuzzer harness: a VFIO_DEVICE_GET_REGION_INFO reply as a kernel (or
 * a vendor driver filling the capability chain) could send it: the
 * header, the capability chain, sparse-mmap areas. The input is the reply;
 * its first two bytes (when there are more) choose an access that is then
 * routed through the parsed windows of a mapping at a made-up address.
 */

#include <inttypes.h>
#include <linux/vfio.h>

#include <rte_common.h>

#include "fuzz_common.h"
#include "rte_vfio_dev.h"
#include "vfio_dev_private.h"

/* Never dereferenced: only the windows' arithmetic is under test. */
#define FZ_BASE ((uintptr_t)1 << 44)

static size_t page;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_quiet_logs();
	page = (size_t)sysconf(_SC_PAGESIZE);
	return 0;
}

static void
check_windows(const struct rte_vfio_dev_region *r)
{
	const struct rte_vfio_dev_area *a;
	uint32_t i;

	FZ_CHECK((r->nb_areas == 0) == (r->areas == NULL));
	for (i = 0; i < r->nb_areas; i++) {
		a = &r->areas[i];
		/* whole pages, inside the region */
		FZ_CHECK(a->size != 0);
		FZ_CHECK(a->offset % page == 0 && a->size % page == 0);
		FZ_CHECK(a->offset <= r->size && a->size <= r->size - a->offset);
	}
	if (r->nb_areas > 0)
		FZ_CHECK((r->flags & VFIO_REGION_INFO_FLAG_MMAP) != 0);
}

/* A pointer comes back only for a range that one window holds whole. */
static void
check_access(struct rte_vfio_dev_region *r, uint64_t offset, size_t len)
{
	const struct rte_vfio_dev_area *a;
	bool inside = false;
	uint32_t i;
	void *p;

	/* A mapping cannot wrap the address space: no region that big maps. */
	if (r->size > UINTPTR_MAX - FZ_BASE)
		goto unmapped;
	r->addr = (void *)FZ_BASE;
	p = rte_vfio_dev_region_ptr(r, offset, len);
	for (i = 0; i < r->nb_areas && len > 0; i++) {
		a = &r->areas[i];
		if (offset >= a->offset && offset - a->offset < a->size &&
		    len <= a->size - (offset - a->offset))
			inside = true;
	}
	if ((p != NULL) != inside)
		fprintf(stderr, "region size %#" PRIx64 ", access %#" PRIx64 "+%#zx: %p, expected %s\n",
			r->size, offset, len, p, inside ? "a pointer" : "NULL");
	FZ_CHECK((p != NULL) == inside);
	if (p != NULL)
		FZ_CHECK((uintptr_t)p == FZ_BASE + offset);
unmapped:
	r->addr = NULL;
	FZ_CHECK(rte_vfio_dev_region_ptr(r, offset, len) == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rte_vfio_dev_region r;
	struct vfio_region_info info;
	uint8_t *buf;
	int ret;

	/* A copy of exactly the given size, so that ASan sees overreads. */
	buf = malloc(size > 0 ? size : 1);
	FZ_CHECK(buf != NULL);
	memcpy(buf, data, size);
	memset(&r, 0xa5, sizeof(r));
	ret = vfio_dev_region_parse(buf, size, &r);
	if (size < sizeof(info)) {
		FZ_CHECK(ret == -EINVAL);
		free(buf);
		return 0;
	}
	FZ_CHECK(ret == 0 || ret == -EINVAL || ret == -ENOMEM);
	if (ret != 0) {
		/* refused: nothing left allocated */
		FZ_CHECK(r.areas == NULL && r.nb_areas == 0);
		free(buf);
		return 0;
	}
	memcpy(&info, buf, sizeof(info));
	FZ_CHECK(r.size == info.size && r.offset == info.offset &&
		 r.flags == info.flags && r.index == info.index);
	FZ_CHECK(r.addr == NULL);
	check_windows(&r);
	/* accesses at window edges and one chosen by the input's tail */
	if (r.nb_areas > 0) {
		check_access(&r, r.areas[0].offset, 4);
		check_access(&r, r.areas[0].offset + r.areas[0].size - 4, 8);
	}
	if (size >= sizeof(info) + 12) {
		struct fz_input in = { buf + size - 12, 12 };
		uint64_t off = fz_u64(&in);

		check_access(&r, off, fz_u32(&in));
	}
	vfio_dev_region_clear(&r);
	FZ_CHECK(r.areas == NULL && r.nb_areas == 0);
	free(buf);
	return 0;
}
