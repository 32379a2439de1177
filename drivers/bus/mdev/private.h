/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_PRIVATE_H
#define MDEV_PRIVATE_H

#include <stdbool.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_log.h>
#include <rte_spinlock.h>

#include "bus_mdev_driver.h"
#include "rte_vfio_dev.h"

extern int mdev_bus_logtype;
#define RTE_LOGTYPE_MDEV_BUS mdev_bus_logtype

/*
 * One line per message (bus_mdev_compat.h has RTE_LOG_LINE before 24.03).
 * Before the log type is registered (the bus's constructor), it is 0:
 * EAL's.
 */
#define MDEV_LOG(level, ...) RTE_LOG_LINE(level, MDEV_BUS, __VA_ARGS__)

/** Where the kernel lists mediated devices; SYSFS_MDEV_DEVICES overrides. */
#define MDEV_SYSFS_DEVICES "/sys/bus/mdev/devices"

RTE_TAILQ_HEAD(mdev_device_list, rte_mdev_device);
RTE_TAILQ_HEAD(mdev_driver_list, rte_mdev_driver);
TAILQ_HEAD(mdev_type_list, rte_mdev_type);

struct mdev_bus {
	struct rte_bus bus;
#if !RTE_MDEV_EAL_BUS_LISTS
	/* 26.07 has these in bus (mdev_eal.h reaches either). */
	struct mdev_device_list devices; /* sorted by UUID */
	struct mdev_driver_list drivers;
#endif
	struct mdev_type_list types;     /* scan cache, freed at cleanup */
	/* Guards list changes against readers in the telemetry thread. */
	rte_spinlock_t lock;
	bool probe_disabled;
	/*
	 * The kernel wants the device of this name back: what the bus does
	 * about it. Called in EAL's interrupt thread, by the removal alarm,
	 * which a release of the device waits for.
	 */
	void (*request)(const char *name);
};

extern struct mdev_bus mdev_bus;

#include "mdev_eal.h"

/*
 * Where a device's VFIO handle is (mdev_vfio.c owns it and is the only
 * file that changes it).
 */
enum mdev_vfio_state {
	MDEV_VFIO_CLOSED,   /* no handle */
	MDEV_VFIO_MATCHING, /* open while its PCI IDs are read, closed after */
	MDEV_VFIO_OPEN,     /* held for the driver: NEED_VFIO, rte_mdev_vfio_open() */
	MDEV_VFIO_MAPPED,   /* NEED_MAPPING: mapped, interrupts, REQ notifier */
};

/* The bus's own state of a device; the scan allocates these. */
struct mdev_device {
	struct rte_mdev_device dev;
	enum mdev_vfio_state vfio_state;
	/*
	 * The UUID the pending removal alarm carries, NULL when none. The
	 * alarm owns the string (it may outlive the device); changed under
	 * the bus lock.
	 */
	char *req_alarm;
	/*
	 * Taken from its driver since the scan listed it (hot-unplug, the
	 * kernel's request): the kernel may have removed it, or made another
	 * device of that UUID. The next scan reads its entry again, or drops
	 * it when the entry is gone, unless a driver took it meanwhile.
	 */
	bool reread;
	/* The PCI adapter's device (mdev_pci.c), NULL when none. */
	struct mdev_pci_shadow *pci;
	bool pci_logged; /* why PCI drivers were not offered it: said */
};

static inline struct mdev_device *
mdev_priv(struct rte_mdev_device *dev)
{
	return container_of(dev, struct mdev_device, dev);
}

static inline const struct mdev_device *
mdev_priv_const(const struct rte_mdev_device *dev)
{
	return container_of(dev, const struct mdev_device, dev);
}

/*
 * The files call one way, each only those listed before it:
 *   mdev_bus.c       the bus's state: sysfs root, lists, device_api names
 *   mdev_params.c    devargs
 *   mdev_scan.c      sysfs to devices
 *   mdev_vfio.c      a device's VFIO lifecycle
 *   mdev_pci.c       the PCI adapter: PCI drivers on vfio-pci devices
 *                    (mdev_pci_v*.c, one per DPDK family, below them all
 *                    with mdev_eal.h; the device owns its adapter state,
 *                    which mdev_scan.c's mdev_free_device() frees)
 *   mdev_match.c     drivers to devices
 *   mdev_common.c, mdev_class.c, mdev_info.c, mdev_telemetry.c: what
 *                    the bus does
 *   mdev_eal.c       struct rte_bus: EAL's calls of this DPDK release
 * mdev_eal.h, below them all, reaches the device and driver lists where
 * this DPDK release keeps them. The kernel's request for a device travels
 * up from mdev_vfio.c as an event, through the handler that mdev_bus
 * carries in its request member.
 */

/* mdev_bus.c */
const char *mdev_sysfs_path(void);
/* Called with the bus lock held. */
struct rte_mdev_device *mdev_find_by_name(const char *name);
struct rte_device *mdev_find_device(const struct rte_device *start,
				    rte_dev_cmp_t cmp, const void *data);
bool mdev_driver_is(const struct rte_driver *drv, const char *name);
bool mdev_driver_has_name(const struct rte_mdev_driver *drv,
			  const char *name);
bool mdev_driver_exists(const char *name);
bool mdev_pci_driver_exists(const char *name);

/* mdev_params.c */
int mdev_parse(const char *name, void *addr);
int mdev_devargs_parse(struct rte_devargs *da);
void *mdev_dev_iterate(const void *start, const char *str,
		       const struct rte_dev_iterator *it);
struct rte_devargs *mdev_devargs_lookup(const char *name);
enum rte_vfio_dev_iommu mdev_devargs_iommu(const struct rte_devargs *da);
/* Whether PCI drivers may take the device (pci_adapter=, default 1). */
bool mdev_devargs_pci_adapter(const struct rte_devargs *da);
int mdev_devargs_driver(const struct rte_devargs *da, char *name, size_t len);
void mdev_devargs_check(void);
void mdev_devargs_check_driver(const struct rte_devargs *da);

/* mdev_scan.c */
/*
 * @p rescan: a hot-plug request's scan, which checks the devargs it gives
 * to devices (the first scan's caller checks them all beforehand).
 */
int mdev_scan(bool rescan);
void mdev_free_device(struct rte_mdev_device *dev);
void mdev_free_types(void);

/* mdev_vfio.c: the device's VFIO lifecycle */
int mdev_vfio_read_pci_id(struct rte_mdev_device *dev);
bool mdev_vfio_reachable(const struct rte_mdev_device *dev);
/* The device's PCI IDs, read once when first needed; NULL: none. */
const struct rte_mdev_pci_id *mdev_vfio_pci_id(struct rte_mdev_device *dev);
int mdev_vfio_acquire(struct rte_mdev_device *dev,
		      const struct rte_mdev_driver *drv);
void mdev_vfio_release(struct rte_mdev_device *dev, bool driver_remove);

/* mdev_pci.c */
struct rte_mdev_device;
bool mdev_pci_is_proxy(const struct rte_mdev_driver *drv);
void mdev_pci_place(void);
bool mdev_pci_takes(struct rte_mdev_device *dev);
const char *mdev_pci_candidate_name(struct rte_mdev_device *dev);
const char *mdev_dev_driver_name(const struct rte_mdev_device *dev);
void mdev_pci_free(struct rte_mdev_device *dev);
struct rte_mdev_device *mdev_pci_owner(const struct rte_device *d);
/* The mediated device of an rte_device that is either it or its shadow. */
struct rte_mdev_device *mdev_dev_from_rte(const struct rte_device *d);
/* The device's shadow while a PCI driver has it, else NULL. */
struct rte_device *mdev_pci_device(struct rte_mdev_device *dev);
struct rte_device *mdev_pci_find_device(const struct rte_device *start,
					rte_dev_cmp_t cmp, const void *data);
int mdev_pci_dma(struct rte_mdev_device *dev, void *addr, uint64_t iova,
		 size_t len, bool map);
bool mdev_pci_request(struct rte_mdev_device *dev);

/* mdev_match.c */
bool mdev_driver_match(const struct rte_mdev_driver *drv,
		       struct rte_mdev_device *dev);
bool mdev_driver_selected(const struct rte_mdev_driver *drv,
			  const struct rte_mdev_device *dev);
/* Whether the devargs select @p drv and it matches (may read PCI IDs). */
bool mdev_takes(const struct rte_mdev_driver *drv,
		struct rte_mdev_device *dev);

/* mdev_class.c */
void mdev_class_register(void);

/* mdev_common.c: what the bus does, for mdev_eal.c */
int mdev_bus_scan(void);
/* 0 when @p drv took @p dev, >0 when it declined, <0 on error. */
int mdev_probe_with(struct rte_mdev_driver *drv, struct rte_mdev_device *dev);
void mdev_unplug_device(struct rte_mdev_device *dev);
void mdev_request(const char *name);
int mdev_dma_map(struct rte_device *device, void *addr, uint64_t iova,
		 size_t len);
int mdev_dma_unmap(struct rte_device *device, void *addr, uint64_t iova,
		   size_t len);
enum rte_iova_mode mdev_get_iommu_class(void);
int mdev_cleanup(bool devargs_too);

/* mdev_telemetry.c; the handlers are here for the fuzz harness. */
struct rte_tel_data;
void mdev_telemetry_register(void);
int mdev_telemetry_list(const char *cmd, const char *params,
			struct rte_tel_data *d);
int mdev_telemetry_info(const char *cmd, const char *params,
			struct rte_tel_data *d);

#endif /* MDEV_PRIVATE_H */
