/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef BUS_MDEV_DRIVER_H
#define BUS_MDEV_DRIVER_H

/**
 * @file
 * Driver API of the mdev bus: Linux mediated devices handed to userspace
 * through VFIO, named by UUID in /sys/bus/mdev/devices.
 */

#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>

#include <bus_driver.h>
#include <dev_driver.h>
#include <rte_bitops.h>
#include <rte_compat.h>
#include <rte_uuid.h>

#include "bus_mdev_compat.h"
#include "rte_bus_mdev.h"
#include "rte_vfio_dev.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Kernel device_api of a mediated device (mdev type attribute). */
enum rte_mdev_api {
	RTE_MDEV_API_UNKNOWN = 0, /**< Unrecognised device_api string. */
	RTE_MDEV_API_PCI,         /**< vfio-pci */
	RTE_MDEV_API_PLATFORM,    /**< vfio-platform */
	RTE_MDEV_API_AMBA,        /**< vfio-amba */
	RTE_MDEV_API_CCW,         /**< vfio-ccw */
	RTE_MDEV_API_AP,          /**< vfio-ap */
	RTE_MDEV_API_ANY,         /**< In an ID table: match every device_api. */
};

/** Wildcard for the PCI ID fields of struct rte_mdev_id. */
#define RTE_MDEV_ANY_ID 0xffff

/** PCI identity of a vfio-pci mediated device, read from config space. */
struct rte_mdev_pci_id {
	uint16_t vendor_id;
	uint16_t device_id;
	uint16_t subsystem_vendor_id;
	uint16_t subsystem_device_id;
	uint32_t class_id; /**< Class, subclass, prog-if (24 bits). */
};

/**
 * One entry of a driver's ID table. A device matches an entry when all of
 * its set fields match; the table ends with an entry whose api is
 * RTE_MDEV_API_UNKNOWN.
 */
struct rte_mdev_id {
	enum rte_mdev_api api;  /**< device_api, or RTE_MDEV_API_ANY. */
	const char *type;       /**< mdev type id glob (fnmatch), NULL: any. */
	/** PCI IDs (vfio-pci only), RTE_MDEV_ANY_ID: any. */
	uint16_t vendor_id;
	uint16_t device_id;
	uint16_t subsystem_vendor_id;
	uint16_t subsystem_device_id;
};

/** An ID table entry matching every device of @p api and type glob @p t. */
#define RTE_MDEV_ID_TYPE(a, t) \
	{ .api = (a), .type = (t), .vendor_id = RTE_MDEV_ANY_ID, \
	  .device_id = RTE_MDEV_ANY_ID, \
	  .subsystem_vendor_id = RTE_MDEV_ANY_ID, \
	  .subsystem_device_id = RTE_MDEV_ANY_ID }

/** An ID table entry matching vfio-pci devices by vendor and device ID. */
#define RTE_MDEV_ID_PCI(vend, dev) \
	{ .api = RTE_MDEV_API_PCI, .type = NULL, .vendor_id = (vend), \
	  .device_id = (dev), .subsystem_vendor_id = RTE_MDEV_ANY_ID, \
	  .subsystem_device_id = RTE_MDEV_ANY_ID }

/** Attributes shared by every device of one mdev type of one parent. */
struct rte_mdev_type {
	TAILQ_ENTRY(rte_mdev_type) next;
	char *id;          /**< Type id, the sysfs directory name: "mtty-2". */
	char *name;        /**< The type's "name" attribute, "" if absent. */
	char *description; /**< The type's "description", "" if absent. */
	char *api_name;    /**< device_api as the kernel spells it. */
	enum rte_mdev_api api;
};

struct rte_mdev_driver;
struct rte_vfio_dev;

/** A mediated device found on the bus. */
struct rte_mdev_device {
#if !RTE_MDEV_EAL_BUS_LISTS
	RTE_TAILQ_ENTRY(rte_mdev_device) next; /**< The bus's device list. */
#endif
	struct rte_device device;      /**< Generic device; name is the UUID. */
	rte_uuid_t uuid;
	char name[RTE_UUID_STRLEN];    /**< Canonical lowercase UUID. */
	const struct rte_mdev_type *type;
	char *parent;                  /**< Parent device name. */
	char *kdrv;                    /**< Kernel mdev driver, "" if unbound. */
	int iommu_group;               /**< -1 when the device has none. */
	bool pci_id_valid;             /**< pci_id was read from config space. */
	bool pci_id_tried;             /**< A read was attempted (once only). */
	struct rte_mdev_pci_id pci_id;
	struct rte_mdev_driver *driver; /**< Driver that probed the device. */
	struct rte_intr_handle *intr_handle; /**< VFIO device interrupts. */
	int vfio_fd;                   /**< VFIO device fd, -1 when closed. */
	/**
	 * The device opened through the VFIO helper library, in the container
	 * rte_mdev_device_iommu() names, while a driver with
	 * RTE_MDEV_DRV_NEED_VFIO or RTE_MDEV_DRV_NEED_MAPPING has it (with
	 * RTE_MDEV_DRV_NEED_MAPPING: regions mapped, interrupts prepared in
	 * intr_handle). NULL otherwise.
	 */
	struct rte_vfio_dev *vfio;
	void *drv_private;             /**< Free for the driver's use. */
};

/**
 * Driver probe.
 *
 * @param drv
 *   The driver the bus matched to the device.
 * @param dev
 *   The device, prepared as the driver's flags ask (RTE_MDEV_DRV_*).
 * @return
 *   0 when the driver took the device, a negative errno on error, > 0 when
 *   it declines (the bus then tries the next matching driver).
 */
typedef int (rte_mdev_probe_t)(struct rte_mdev_driver *drv,
			       struct rte_mdev_device *dev);

/**
 * Driver remove. It must succeed, whatever state the device is in (an
 * ethdev port started, a cryptodev with queue pairs set up): stop, close
 * and free what the driver made. The bus releases the device after it
 * whatever it returns (a negative errno is logged as the driver's fault).
 *
 * @param dev
 *   The device the driver took.
 * @return
 *   0; a negative errno only reports a fault.
 */
typedef int (rte_mdev_remove_t)(struct rte_mdev_device *dev);

/**
 * The driver's own rte_dev_dma_map() (without one, the bus maps into the
 * device's VFIO container).
 *
 * @param dev
 *   The device.
 * @param addr
 *   Start of the virtual range.
 * @param iova
 *   The IOVA the device sees it at.
 * @param len
 *   Length in bytes.
 * @return
 *   0 on success, -1 with rte_errno set on error.
 */
typedef int (rte_mdev_dma_map_t)(struct rte_mdev_device *dev, void *addr,
				 uint64_t iova, size_t len);
/** Undoes rte_mdev_dma_map_t; same parameters and return. */
typedef int (rte_mdev_dma_unmap_t)(struct rte_mdev_device *dev, void *addr,
				   uint64_t iova, size_t len);

/** The bus opens the VFIO device before probe and closes it after remove. */
#define RTE_MDEV_DRV_NEED_VFIO          RTE_BIT32(0)
/** The driver only works with IOVA as VA. */
#define RTE_MDEV_DRV_NEED_IOVA_AS_VA    RTE_BIT32(1)
/*
 * RTE_BIT32(2) was RTE_MDEV_DRV_INTR_LSC, which the bus never read: link
 * state is the PMD's own business (it sets RTE_ETH_DEV_INTR_LSC).
 */
/**
 * The driver reports the device's removal to the application itself (an
 * ethdev raises RTE_ETH_EVENT_INTR_RMV on the RTE_DEV_EVENT_REMOVE the bus
 * sends), and the application detaches the device. When the kernel asks
 * for the device back, the bus then only sends the event; without this
 * flag it also removes the driver and closes the device.
 */
#define RTE_MDEV_DRV_INTR_RMV           RTE_BIT32(3)
/**
 * Before probe the bus opens the device with the VFIO helper library
 * (dev->vfio), maps every mmapable region, prepares dev->intr_handle as
 * bus/pci does and arms the kernel's request notifier, whose firing removes
 * the driver and releases the device; all undone after remove. Implies
 * RTE_MDEV_DRV_NEED_VFIO.
 */
#define RTE_MDEV_DRV_NEED_MAPPING       RTE_BIT32(4)

/** A driver of mediated devices. */
struct rte_mdev_driver {
#if !RTE_MDEV_EAL_BUS_LISTS
	RTE_TAILQ_ENTRY(rte_mdev_driver) next; /**< The bus's driver list. */
#endif
	struct rte_driver driver;
	/**
	 * Device class the driver provides ("eth", "crypto", ...), matched
	 * against the class layer of devargs (bus=mdev,uuid=U/class=crypto).
	 */
	const char *class_name;
	const struct rte_mdev_id *id_table;
	rte_mdev_probe_t *probe;
	rte_mdev_remove_t *remove;
	rte_mdev_dma_map_t *dma_map;
	rte_mdev_dma_unmap_t *dma_unmap;
	uint32_t drv_flags; /**< RTE_MDEV_DRV_* */
};

#define RTE_DEV_TO_MDEV(ptr) \
	container_of(ptr, struct rte_mdev_device, device)
#define RTE_DEV_TO_MDEV_CONST(ptr) \
	container_of(ptr, const struct rte_mdev_device, device)

/**
 * Register a driver; use RTE_PMD_REGISTER_MDEV instead.
 *
 * @param driver
 *   The driver, static: the bus keeps it in its list.
 */
__rte_internal
void rte_mdev_register(struct rte_mdev_driver *driver);

/**
 * Unregister a driver.
 *
 * @param driver
 *   A driver given to rte_mdev_register().
 */
__rte_internal
void rte_mdev_unregister(struct rte_mdev_driver *driver);

/**
 * Register an mdev driver at load time and name it for pmdinfo; with
 * RTE_PMD_REGISTER_MDEV_ALIAS, under a second name too.
 */
#define RTE_PMD_REGISTER_MDEV(nm, mdev_drv) \
static const char *mdevinit_ ## nm ## _alias; \
RTE_INIT(mdevinitfn_ ##nm) \
{ \
	(mdev_drv).driver.name = RTE_STR(nm); \
	if (mdevinit_ ## nm ## _alias != NULL) \
		(mdev_drv).driver.alias = mdevinit_ ## nm ## _alias; \
	rte_mdev_register(&(mdev_drv)); \
} \
RTE_MDEV_PMD_EXPORT_NAME(nm)

/**
 * A second name of the driver registered as @p nm, which driver= in
 * devargs takes as well, as bus/vdev and bus/platform drivers have.
 */
#define RTE_PMD_REGISTER_MDEV_ALIAS(nm, alias) \
static const char *mdevinit_ ## nm ## _alias = RTE_STR(alias)

/**
 * Canonical name of a device_api value.
 *
 * @param api
 *   A device_api value.
 * @return
 *   "vfio-pci", "vfio-platform", ..., "any" or "unknown"; never NULL.
 */
__rte_internal
const char *rte_mdev_api_name(enum rte_mdev_api api);

/**
 * Parse a kernel device_api string.
 *
 * @param str
 *   The string, as the kernel's device_api attribute has it.
 * @return
 *   Its value; RTE_MDEV_API_UNKNOWN for any other string.
 */
__rte_internal
enum rte_mdev_api rte_mdev_api_parse(const char *str);

/**
 * Whether the allow/block lists (and, from DPDK 26.07, -A) admit the
 * device: the bus probes only admitted devices.
 *
 * @param dev
 *   A device of the bus.
 * @return
 *   true when admitted.
 */
__rte_internal
bool rte_mdev_device_admitted(const struct rte_mdev_device *dev);

/**
 * The driver that probing would bind to the device, given the registered
 * drivers and the device's devargs (class and driver layers). May read PCI
 * IDs from config space through VFIO when an ID table asks for them.
 *
 * @param dev
 *   A device of the bus.
 * @return
 *   The driver, NULL when no driver matches.
 */
__rte_internal
struct rte_mdev_driver *rte_mdev_device_candidate(struct rte_mdev_device *dev);

/**
 * Open the device through the VFIO helper library (dev->vfio, its fd in
 * dev->vfio_fd), in the container rte_mdev_device_iommu() names; nothing
 * to do when already open.
 *
 * @param dev
 *   A device of the bus.
 * @return
 *   0 on success, a negative errno on error (-EINVAL for NULL).
 */
__rte_internal
int rte_mdev_vfio_open(struct rte_mdev_device *dev);

/**
 * Close what rte_mdev_vfio_open() opened, if open. Works after the kernel
 * removed the device's /sys/bus/mdev/devices link (hot-unplug). A device
 * mapped for an RTE_MDEV_DRV_NEED_MAPPING driver stays open until the
 * driver is removed.
 *
 * @param dev
 *   A device of the bus, or NULL (nothing done).
 */
__rte_internal
void rte_mdev_vfio_close(struct rte_mdev_device *dev);

/**
 * The VFIO container the bus opens the device in: the iommu= key of the
 * bus layer of its devargs (bus=mdev,uuid=U,iommu=eal),
 * RTE_VFIO_DEV_IOMMU_TYPE1V2 by default.
 *
 * @param dev
 *   A device of the bus, or NULL (the default).
 * @return
 *   The container mode.
 */
__rte_internal
enum rte_vfio_dev_iommu rte_mdev_device_iommu(const struct rte_mdev_device *dev);

#ifdef __cplusplus
}
#endif

#endif /* BUS_MDEV_DRIVER_H */
