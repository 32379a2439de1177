/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef TEST_MODEL_VFIO_H
#define TEST_MODEL_VFIO_H

/*
 * Bare VFIO for the guest programs that check an mdev_sim device model
 * without DPDK: a mediated device's group in a container, MSI-X eventfds,
 * its sysfs attributes.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MODEL_SYSFS_MDEV	"/sys/bus/mdev/devices"

/* Report a failed set-up step with errno and exit with status 2. */
void model_die(const char *what) __attribute__((noreturn));

/*
 * Open the VFIO group of mediated device @uuid, check it is viable and
 * put it in @container; returns the group's fd (dies on failure).
 */
int model_group_open(const char *uuid, int container);

/*
 * One non-blocking eventfd per MSI-X vector 0..@n-1 of device @fd, in
 * @efd, installed as the vectors' triggers (dies on failure).
 */
void model_msix_eventfds(int fd, int *efd, unsigned int n);

/* One DMA mapping of a container, handed out by a bump allocator. */
struct model_dma {
	uint8_t *va;
	uint64_t iova;
	size_t size;
	size_t used;
};

/*
 * Map @size bytes at @iova for reading and writing, in huge pages when
 * there are some (as DPDK uses), otherwise in small ones (dies on failure).
 */
void model_dma_map(struct model_dma *m, int container, uint64_t iova,
		   size_t size);

/* @len zeroed bytes aligned to @align (a power of two); dies when full. */
void *model_dma_alloc(struct model_dma *m, size_t len, size_t align,
		      uint64_t *iova);

/* Whether eventfd @efd fired within @timeout_ms; consumes it. */
bool model_irq_fired(int efd, int timeout_ms);

/* Write @val to attribute @attr of mediated device @uuid: 0 or -errno. */
int model_sysfs_write(const char *uuid, const char *attr, const char *val);

#endif /* TEST_MODEL_VFIO_H */
