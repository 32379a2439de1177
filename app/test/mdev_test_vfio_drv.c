/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Test-only driver of the mdev_sim-test device, loaded with -d into the
 * guest test program. It asks the bus for RTE_MDEV_DRV_NEED_MAPPING and, at
 * probe, refuses the device unless the bus really did its part: the device
 * open through the VFIO helper library, every mmapable region mapped, the
 * interrupt handle prepared on the device's fd. It drives no hardware: the
 * test program does that through dev->vfio and dev->intr_handle, and reads
 * what the driver saw through mdev_test_vfio_state().
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_interrupts.h>
#include <rte_log.h>

#include "bus_mdev_driver.h"
#include "rte_vfio_dev.h"
#include "mdev_sim_ids.h"
#include "mdev_test_vfio_drv.h"

RTE_LOG_REGISTER(mdev_test_vfio_logtype, pmd.mdev_test_vfio, NOTICE);

#define VFIO_DRV_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, mdev_test_vfio_logtype, \
		"mdev_test_vfio: " fmt "\n", ##__VA_ARGS__)

static struct mdev_test_vfio_state state;

struct mdev_test_vfio_state *mdev_test_vfio_state(void);

struct mdev_test_vfio_state *
mdev_test_vfio_state(void)
{
	return &state;
}

/* NULL when the bus prepared everything, else what it missed. */
static const char *
missing_preparation(const struct rte_mdev_device *dev)
{
	const struct rte_vfio_dev_region *reg;
	enum rte_intr_handle_type type;
	uint32_t i;

	if (dev->vfio == NULL)
		return "dev->vfio is NULL";
	for (i = 0; i < rte_vfio_dev_nb_regions(dev->vfio); i++) {
		reg = rte_vfio_dev_region(dev->vfio, i);
		if (reg == NULL)
			return "a region index below nb_regions has no description";
		if (reg->size > 0 && reg->nb_areas > 0 && reg->addr == NULL)
			return "an mmapable region is not mapped";
	}
	if (dev->intr_handle == NULL)
		return "dev->intr_handle is NULL";
	if (rte_intr_dev_fd_get(dev->intr_handle) != rte_vfio_dev_fd(dev->vfio))
		return "the interrupt handle is not on the device's VFIO fd";
	/* Only the primary owns the device's interrupts, as on bus/pci. */
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return NULL;
	type = rte_intr_type_get(dev->intr_handle);
	if (type != RTE_INTR_HANDLE_VFIO_MSIX &&
	    type != RTE_INTR_HANDLE_VFIO_MSI &&
	    type != RTE_INTR_HANDLE_VFIO_LEGACY)
		return "the interrupt handle has no VFIO interrupt type";
	if (rte_intr_fd_get(dev->intr_handle) < 0)
		return "the interrupt handle has no eventfd";
	return NULL;
}

static int
vfio_test_probe(struct rte_mdev_driver *drv, struct rte_mdev_device *dev)
{
	const char *why = missing_preparation(dev);

	if (why != NULL) {
		VFIO_DRV_LOG(ERR, "refusing %s: %s", dev->name, why);
		snprintf(state.bad_reason, sizeof(state.bad_reason), "%s", why);
		__atomic_fetch_add(&state.bad_probes, 1, __ATOMIC_SEQ_CST);
		return -EINVAL;
	}
	VFIO_DRV_LOG(NOTICE, "probe %s driver=%s regions=%u irqs=%u", dev->name,
		     drv->driver.name, rte_vfio_dev_nb_regions(dev->vfio),
		     rte_vfio_dev_nb_irqs(dev->vfio));
	snprintf(state.last_probed, sizeof(state.last_probed), "%s", dev->name);
	__atomic_fetch_add(&state.probes, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static int
vfio_test_remove(struct rte_mdev_device *dev)
{
	VFIO_DRV_LOG(NOTICE, "remove %s", dev->name);
	snprintf(state.last_removed, sizeof(state.last_removed), "%s",
		 dev->name);
	__atomic_fetch_add(&state.removes, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* The PCI IDs make the bus read config space before probe, lazily. */
static const struct rte_mdev_id mdev_sim_test_ids[] = {
	RTE_MDEV_ID_PCI(MDEV_SIM_PCI_VENDOR_ID, MDEV_SIM_TEST_DEVICE_ID),
	{ .api = RTE_MDEV_API_UNKNOWN },
};

static struct rte_mdev_driver mdev_test_vfio = {
	.id_table = mdev_sim_test_ids,
	.probe = vfio_test_probe,
	.remove = vfio_test_remove,
	.drv_flags = RTE_MDEV_DRV_NEED_MAPPING,
};

RTE_PMD_REGISTER_MDEV(mdev_test_vfio, mdev_test_vfio);
