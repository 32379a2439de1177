/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef TEST_GUEST_VFIO_H
#define TEST_GUEST_VFIO_H

/*
 * Shared parts of the guest test program: check reporting, the device under
 * test, small register helpers. Each test_guest_vfio_*.c file covers one
 * area of the VFIO helper library and the bus against mdev_sim-test.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bus_mdev_driver.h"
#include "rte_vfio_dev.h"
#include "mdev_sim_test_hw.h"
#include "mdev_test_vfio_drv.h"
#include "test_check.h"

/* What the checks run against. */
struct guest_ctx {
	const char *uuid;             /* The mdev_sim-test device. */
	const char *ap_uuid;          /* An mdev_sim-ap device, or NULL. */
	const char *drv_path;         /* The mdev_test_vfio plugin (-d). */
	struct rte_mdev_device *dev;  /* NULL when the bus lost it. */
	struct rte_vfio_dev *vfio;    /* dev->vfio */
	struct mdev_test_vfio_state *drv_state;
	/* The process's EAL options, for a secondary process. */
	int eal_argc;
	char **eal_argv;
	/* The container the bus must have opened the device in (--iommu). */
	enum rte_vfio_dev_iommu iommu;
};

/* The device named uuid on the mdev bus, NULL when not listed. */
struct rte_mdev_device *find_mdev(const char *uuid);

/*
 * BAR0 register access through the library. A failed read is reported as a
 * failed check, then reads as 0xdeadbeef.
 */
uint32_t reg_read(const struct rte_vfio_dev *vfio, uint32_t off);
int reg_write(const struct rte_vfio_dev *vfio, uint32_t off, uint32_t val);

/*
 * Config space through the library; a failed access is reported as a failed
 * check (reads then give all of 0xdead / 0xdeadbeef).
 */
uint16_t cfg16(const struct rte_vfio_dev *vfio, uint64_t off);
uint32_t cfg32(const struct rte_vfio_dev *vfio, uint64_t off);
void cfg_write16(const struct rte_vfio_dev *vfio, uint64_t off, uint16_t val);

/* Raw pread/pwrite of the device fd at the region offset the library gives. */
int raw_read(const struct rte_vfio_dev *vfio, uint32_t index, uint64_t off,
	     void *buf, size_t len);
int raw_write(const struct rte_vfio_dev *vfio, uint32_t index, uint64_t off,
	      const void *buf, size_t len);

/* Eventfd helpers: a fresh non-blocking eventfd, its count (0 if none). */
int efd_new(void);
uint64_t efd_take(int fd);

/* Wait until *counter reaches want, up to ms milliseconds. */
bool wait_counter(const uint32_t *counter, uint32_t want, unsigned int ms);

/* Wait for a child up to ms; true when it ended, its status in *status. */
bool wait_child(pid_t pid, unsigned int ms, int *status);

/* In a child: close every fd but stdin/out/err before exec. */
void close_inherited(void);

/*
 * A child writing "1" to the sysfs file @p path (a device's "remove");
 * its exit status tells whether the write succeeded.
 */
pid_t spawn_remove(const char *path);

/* Raise an interrupt through IRQ_RAISE. */
void raise_irq(const struct rte_vfio_dev *vfio, uint32_t kind, uint32_t vector);

/* Sections, each in its own file. */
void test_probe(struct guest_ctx *ctx);
void test_device_info(struct guest_ctx *ctx);
void test_regions(struct guest_ctx *ctx);
void test_power_on_snapshot(struct guest_ctx *ctx);
void test_mmio(struct guest_ctx *ctx);
void test_pci_config(struct guest_ctx *ctx);
void test_irq_info(struct guest_ctx *ctx);
void test_msix_eal(struct guest_ctx *ctx);
void test_msi(struct guest_ctx *ctx);
void test_intx(struct guest_ctx *ctx);
void test_err(struct guest_ctx *ctx);
void test_dma(struct guest_ctx *ctx);
void test_reset(struct guest_ctx *ctx);
void test_secondary(struct guest_ctx *ctx);
void test_remove(struct guest_ctx *ctx);
void test_iommu(struct guest_ctx *ctx);
void test_dma_hotplug(struct guest_ctx *ctx);
void test_dma_extmem(struct guest_ctx *ctx);
void test_secondary_iommu(struct guest_ctx *ctx, struct rte_vfio_dev *v);
void needvfio_register(void);
void test_needvfio(struct guest_ctx *ctx);
pid_t test_stress(struct guest_ctx *ctx, unsigned int rounds);
void test_stress_cleanup(struct guest_ctx *ctx, pid_t writer);

/* The checks of the secondary process itself. */
void test_secondary_side(struct guest_ctx *ctx, uintptr_t bar0, uintptr_t bar2,
			 uint64_t value);

/* Where the secondary writes back, next to the primary's value in BAR2. */
#define GUEST_BAR2_PRIMARY_OFF	0x1230
#define GUEST_BAR2_SECONDARY_OFF 0x1238
#define GUEST_SECONDARY_VALUE	0x5ec0da2e5ec0da2eULL

#endif /* TEST_GUEST_VFIO_H */
