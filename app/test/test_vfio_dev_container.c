/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The VFIO helper library's container modes without a kernel: mode names,
 * argument checks of rte_vfio_dev_open_ext() and of the DMA map calls, and
 * the errors of a device that cannot reach VFIO (no IOMMU group, or no
 * VFIO in the kernel; EAL is not even initialised: the library's own
 * containers do not need it).
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/vfio.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <CUnit/Basic.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>

#include "rte_vfio_dev.h"
#include "vfio_dev_private.h"
#include "test_unit.h"

static size_t page;

static void
test_mode_names(void)
{
	enum rte_vfio_dev_iommu mode;

	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("eal", &mode), 0);
	CU_ASSERT_EQUAL(mode, RTE_VFIO_DEV_IOMMU_EAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("type1v2", &mode), 0);
	CU_ASSERT_EQUAL(mode, RTE_VFIO_DEV_IOMMU_TYPE1V2);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("type1", &mode), 0);
	CU_ASSERT_EQUAL(mode, RTE_VFIO_DEV_IOMMU_TYPE1);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("type1v2", &mode), 0);
	/* Unknown names leave the mode alone. */
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("type2", &mode), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("type1v1", &mode), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("EAL", &mode), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("", &mode), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("type1v2 ", &mode), -EINVAL);
	CU_ASSERT_EQUAL(mode, RTE_VFIO_DEV_IOMMU_TYPE1V2);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse(NULL, &mode), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_parse("eal", NULL), -EINVAL);

	CU_ASSERT_STRING_EQUAL(rte_vfio_dev_iommu_name(RTE_VFIO_DEV_IOMMU_EAL),
			       "eal");
	CU_ASSERT_STRING_EQUAL(rte_vfio_dev_iommu_name(RTE_VFIO_DEV_IOMMU_TYPE1V2),
			       "type1v2");
	CU_ASSERT_STRING_EQUAL(rte_vfio_dev_iommu_name(RTE_VFIO_DEV_IOMMU_TYPE1),
			       "type1");
	CU_ASSERT_PTR_NULL(rte_vfio_dev_iommu_name(RTE_VFIO_DEV_IOMMU_TYPE1 + 1));
	CU_ASSERT_PTR_NULL(rte_vfio_dev_iommu_name((enum rte_vfio_dev_iommu)-1));

	CU_ASSERT_STRING_EQUAL(rte_vfio_dev_iommu_type_name(VFIO_TYPE1_IOMMU),
			       "type1");
	CU_ASSERT_STRING_EQUAL(rte_vfio_dev_iommu_type_name(VFIO_TYPE1v2_IOMMU),
			       "type1v2");
	CU_ASSERT_STRING_EQUAL(rte_vfio_dev_iommu_type_name(VFIO_SPAPR_TCE_v2_IOMMU),
			       "spapr-v2");
	CU_ASSERT_STRING_EQUAL(rte_vfio_dev_iommu_type_name(VFIO_NOIOMMU_IOMMU),
			       "noiommu");
	CU_ASSERT_STRING_EQUAL(rte_vfio_dev_iommu_type_name(0), "unknown");
	CU_ASSERT_STRING_EQUAL(rte_vfio_dev_iommu_type_name(-ENODEV), "unknown");
}

/* A directory with device "dev" whose iommu_group link names group 7. */
static char *
fake_base(bool with_group)
{
	char tmpl[PATH_MAX], path[PATH_MAX + 32];
	char *dir;

	snprintf(tmpl, sizeof(tmpl), "%s/vfio_ctn.XXXXXX", mdev_test_tmpdir());
	dir = mkdtemp(tmpl);
	if (dir == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/dev", dir);
	if (mkdir(path, 0755) != 0)
		return NULL;
	if (with_group) {
		snprintf(path, sizeof(path), "%s/dev/iommu_group", dir);
		if (symlink("../../kernel/iommu_groups/7", path) != 0)
			return NULL;
	}
	return strdup(dir);
}

static void
fake_base_remove(char *dir)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/dev/iommu_group", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/dev", dir);
	rmdir(path);
	rmdir(dir);
	free(dir);
}

static void
test_open_args(void)
{
	struct rte_vfio_dev_open_opts opts = { .iommu = RTE_VFIO_DEV_IOMMU_TYPE1V2 };
	struct rte_vfio_dev_open_opts bad = {
		.iommu = (enum rte_vfio_dev_iommu)(RTE_VFIO_DEV_IOMMU_TYPE1 + 1),
	};
	char *base = fake_base(true);

	CU_ASSERT_PTR_NOT_NULL_FATAL(base);
	/* An unknown mode is refused before anything is looked at. */
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(base, "dev", 0, &bad));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	bad.iommu = (enum rte_vfio_dev_iommu)-1;
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(base, "dev", 0, &bad));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(NULL, "dev", 0, &opts));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(base, NULL, 0, &opts));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(base, "", 0, &opts));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(base, "../dev", 0, &opts));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	fake_base_remove(base);
}

/* Without an iommu_group link VFIO does not manage the device: ENODEV. */
static void
test_open_no_group(void)
{
	struct rte_vfio_dev_open_opts opts = { .iommu = RTE_VFIO_DEV_IOMMU_TYPE1V2 };
	char *base = fake_base(false);

	CU_ASSERT_PTR_NOT_NULL_FATAL(base);
	mdev_test_log_start();
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(base, "dev", 0, &opts));
	CU_ASSERT_EQUAL(rte_errno, ENODEV);
	CU_ASSERT_TRUE(mdev_test_log_has("dev: no IOMMU group", NULL));
	/* The same with the default options. */
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(base, "dev", 0, NULL));
	CU_ASSERT_EQUAL(rte_errno, ENODEV);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(base, "nodev", 0, &opts));
	CU_ASSERT_EQUAL(rte_errno, ENODEV);
	fake_base_remove(base);
}

/*
 * A group the kernel does not have (7 in a made-up tree), in each of the
 * library's containers: refused with a message that says why, and nothing
 * is left behind (a second attempt fails the same way). Where the machine
 * has no VFIO at all, the container is what cannot be opened.
 */
static void
test_open_own_no_group(void)
{
	static const enum rte_vfio_dev_iommu modes[] = {
		RTE_VFIO_DEV_IOMMU_TYPE1V2, RTE_VFIO_DEV_IOMMU_TYPE1,
	};
	bool vfio = access("/dev/vfio/vfio", F_OK) == 0;
	struct rte_vfio_dev_open_opts opts;
	char *base = fake_base(true);
	unsigned int m, i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(base);
	CU_ASSERT_FATAL(access("/dev/vfio/7", F_OK) != 0);
	for (m = 0; m < RTE_DIM(modes); m++) {
		opts.iommu = modes[m];
		for (i = 0; i < 2; i++) {
			mdev_test_log_start();
			rte_errno = 0;
			CU_ASSERT_PTR_NULL(rte_vfio_dev_open_ext(base, "dev",
					VFIO_DEVICE_FLAGS_PCI, &opts));
			CU_ASSERT_EQUAL(rte_errno, ENODEV);
			/* CUnit's assertions are blocks: braces. */
			if (vfio) {
				CU_ASSERT_TRUE(mdev_test_log_has("VFIO group 7: no /dev/vfio/7",
								 NULL));
			} else {
				CU_ASSERT_TRUE(mdev_test_log_has(
					rte_vfio_dev_iommu_name(modes[m]),
					"container: cannot open /dev/vfio/vfio"));
			}
			CU_ASSERT_TRUE(mdev_test_log_has("dev: cannot open through VFIO",
							 NULL));
		}
	}
	fake_base_remove(base);
}

static struct rte_vfio_dev *
attached_dev(int *fdp)
{
	struct rte_vfio_dev *vdev;
	int fd;

	*fdp = -1;
	fd = memfd_create("vfio_ctn_test", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	vdev = rte_vfio_dev_attach_fd(fd, "fake", VFIO_DEVICE_FLAGS_PCI, 0,
				      NULL);
	if (vdev == NULL)
		close(fd);
	*fdp = fd;
	return vdev;
}

/* Bad ranges are refused before the container is looked at. */
static void
test_dma_args(void)
{
	const uint64_t va = 64 * page, iova = 1ULL << 32;
	struct rte_vfio_dev *v;
	int fd;

	v = attached_dev(&fd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_map(NULL, va, iova, page), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_unmap(NULL, va, iova, page), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_map(v, va, iova, 0), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_map(v, va + 1, iova, page), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_map(v, va, iova + 8, page), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_map(v, va, iova, page + 1), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_map(v, va, iova, page / 2), -EINVAL);
	/* Ranges that wrap around the address space. */
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_map(v, UINT64_MAX - page + 1, iova,
					     2 * page), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_map(v, va, UINT64_MAX - page + 1,
					     2 * page), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_unmap(v, va, iova, 0), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_unmap(v, va + 1, iova, page), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_unmap(v, va, iova, page - 1), -EINVAL);
	/* A good range, but a device from a bare fd has no container. */
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_map(v, va, iova, page), -ENODEV);
	CU_ASSERT_EQUAL(rte_vfio_dev_dma_unmap(v, va, iova, page), -ENODEV);
	rte_vfio_dev_close(v);

	/* By mode: the same checks, then no container of the library's. */
	CU_ASSERT_EQUAL(rte_vfio_dev_container_dma_map(RTE_VFIO_DEV_IOMMU_TYPE1,
						       va + 1, iova, page),
			-EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_container_dma_unmap(RTE_VFIO_DEV_IOMMU_TYPE1V2,
							 va, iova, 0),
			-EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_container_dma_map(
				(enum rte_vfio_dev_iommu)(RTE_VFIO_DEV_IOMMU_TYPE1 + 1),
				va, iova, page), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_container_dma_map(RTE_VFIO_DEV_IOMMU_TYPE1,
						       va, iova, page), -ENODEV);
	CU_ASSERT_EQUAL(rte_vfio_dev_container_dma_unmap(RTE_VFIO_DEV_IOMMU_TYPE1V2,
							 va, iova, page),
			-ENODEV);
}

static void
test_getters(void)
{
	struct rte_vfio_dev *v;
	int fd;

	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_type(NULL), -EINVAL);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_mode(NULL), RTE_VFIO_DEV_IOMMU_EAL);
	v = attached_dev(&fd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_type(v), -ENODEV);
	CU_ASSERT_EQUAL(rte_vfio_dev_iommu_mode(v), RTE_VFIO_DEV_IOMMU_EAL);
	rte_vfio_dev_close(v);
	/* Closing closed the fd the device was attached to. */
	CU_ASSERT_EQUAL(fcntl(fd, F_GETFD), -1);
}

static int
mp_dummy(const struct rte_mp_msg *msg, const void *peer)
{
	RTE_SET_USED(msg);
	RTE_SET_USED(peer);
	return 0;
}

/*
 * The primary answers a secondary's container request from the moment the
 * library loads, before any device is opened: a request no action answers
 * waits the whole 5 s timeout.
 */
static void
test_mp_action_at_load(void)
{
	CU_ASSERT_EQUAL(rte_mp_action_register(VFIO_DEV_MP_CONTAINER,
					       mp_dummy), -1);
	CU_ASSERT_EQUAL(rte_errno, EEXIST);
}

int
main(void)
{
	static const struct mdev_test_case tests[] = {
		{ "IOMMU mode and type names", test_mode_names },
		{ "open_ext argument checks", test_open_args },
		{ "open_ext without an IOMMU group", test_open_no_group },
		{ "open_ext in the library's containers, no such group", test_open_own_no_group },
		{ "dma_map/unmap argument checks", test_dma_args },
		{ "IOMMU getters of a device without container", test_getters },
		{ "container requests answered from load", test_mp_action_at_load },
	};

	page = (size_t)sysconf(_SC_PAGESIZE);
	return mdev_test_run("vfio_dev_container", tests, RTE_DIM(tests), NULL);
}
