/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_TEST_VFIO_DRV_H
#define MDEV_TEST_VFIO_DRV_H

/*
 * What the mdev_test_vfio driver saw, for the guest test program that loads
 * it with -d. The program finds it with dlopen(RTLD_NOLOAD) + dlsym, since
 * EAL loads plugins with local symbol scope.
 */

#include <stdint.h>

#include <rte_uuid.h>

/* Name of the accessor, for dlsym(). */
#define MDEV_TEST_VFIO_STATE_SYM "mdev_test_vfio_state"

/*
 * Counters are updated from EAL's interrupt thread too (removal on a
 * kernel request): read them with __atomic_load_n().
 */
struct mdev_test_vfio_state {
	uint32_t probes;      /* Probes that found everything prepared. */
	uint32_t bad_probes;  /* Probes refused: the bus left something undone. */
	uint32_t removes;
	char last_probed[RTE_UUID_STRLEN];
	char last_removed[RTE_UUID_STRLEN];
	/* Why the last bad probe was refused. */
	char bad_reason[128];
};

typedef struct mdev_test_vfio_state *(*mdev_test_vfio_state_t)(void);

#endif /* MDEV_TEST_VFIO_DRV_H */
