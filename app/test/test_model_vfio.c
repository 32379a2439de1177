/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "test_model_vfio.h"

void
model_die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what,
		strerror(errno));
	exit(2);
}

int
model_group_open(const char *uuid, int container)
{
	char path[PATH_MAX], link[PATH_MAX];
	struct vfio_group_status status = { .argsz = sizeof(status) };
	ssize_t n;
	int group;

	snprintf(path, sizeof(path), MODEL_SYSFS_MDEV "/%s/iommu_group", uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		model_die(path);
	link[n] = '\0';
	snprintf(path, sizeof(path), "/dev/vfio/%s", basename(link));
	group = open(path, O_RDWR);
	if (group < 0)
		model_die(path);
	if (ioctl(group, VFIO_GROUP_GET_STATUS, &status) < 0 ||
	    !(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		model_die("group not viable");
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) < 0)
		model_die("VFIO_GROUP_SET_CONTAINER");
	return group;
}

void
model_msix_eventfds(int fd, int *efd, unsigned int n)
{
	size_t len = sizeof(struct vfio_irq_set) + n * sizeof(int);
	struct vfio_irq_set *set = calloc(1, len);
	unsigned int v;

	if (set == NULL)
		model_die("calloc");
	for (v = 0; v < n; v++) {
		efd[v] = eventfd(0, EFD_NONBLOCK);
		if (efd[v] < 0)
			model_die("eventfd");
	}
	set->argsz = len;
	set->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	set->index = VFIO_PCI_MSIX_IRQ_INDEX;
	set->start = 0;
	set->count = n;
	memcpy(set->data, efd, n * sizeof(int));
	if (ioctl(fd, VFIO_DEVICE_SET_IRQS, set) < 0)
		model_die("SET_IRQS MSI-X");
	free(set);
}

void
model_dma_map(struct model_dma *m, int container, uint64_t iova, size_t size)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.iova = iova,
		.size = size,
	};
	void *va;

	/* With huge pages a device's copies cost what they cost for DPDK. */
	va = mmap(NULL, size, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_HUGETLB,
		  -1, 0);
	if (va == MAP_FAILED)
		va = mmap(NULL, size, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (va == MAP_FAILED)
		model_die("mmap DMA memory");
	map.vaddr = (uintptr_t)va;
	if (ioctl(container, VFIO_IOMMU_MAP_DMA, &map) < 0)
		model_die("VFIO_IOMMU_MAP_DMA");
	m->va = va;
	m->iova = iova;
	m->size = size;
	m->used = 0;
}

void *
model_dma_alloc(struct model_dma *m, size_t len, size_t align, uint64_t *iova)
{
	size_t off = (m->used + align - 1) & ~(align - 1);

	if (off > m->size || len > m->size - off) {
		errno = ENOMEM;
		model_die("DMA memory used up");
	}
	m->used = off + len;
	*iova = m->iova + off;
	memset(m->va + off, 0, len);
	return m->va + off;
}

bool
model_irq_fired(int efd, int timeout_ms)
{
	struct pollfd p = { .fd = efd, .events = POLLIN };
	uint64_t cnt;

	if (poll(&p, 1, timeout_ms) != 1)
		return false;
	return read(efd, &cnt, sizeof(cnt)) == sizeof(cnt);
}

int
model_sysfs_write(const char *uuid, const char *attr, const char *val)
{
	char path[PATH_MAX];
	int fd, ret = 0;

	snprintf(path, sizeof(path), MODEL_SYSFS_MDEV "/%s/%s", uuid, attr);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}
