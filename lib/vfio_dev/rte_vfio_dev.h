/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef RTE_VFIO_DEV_H
#define RTE_VFIO_DEV_H

/**
 * @file
 * VFIO device helpers shared by buses: open a device, describe and map its
 * regions (capability chains, sparse mmap), access any region offset whether
 * the kernel traps it or not, prepare interrupts, reset, PCI config space,
 * and multi-process mapping.
 *
 * The library knows nothing about the bus a device sits on: it takes a sysfs
 * base directory and a device name, as rte_vfio_setup_device() does.
 *
 * Threading: a device handle is not locked; callers serialise calls that
 * change it (map, unmap, IRQ set-up, close). Reads and writes of regions may
 * run concurrently from any thread.
 *
 * Buses and drivers use it (internal API). Applications may read an open
 * device's description (the experimental functions: flags, regions, IRQ
 * indexes, container) of a handle a bus gave them, such as
 * rte_mdev_inspect_open()'s.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_intr_handle;

/** An opaque open VFIO device. */
struct rte_vfio_dev;

/** One mmapable window of a region, relative to the region's start. */
struct rte_vfio_dev_area {
	uint64_t offset;
	uint64_t size;
};

/** Kernel-advertised region type (VFIO_REGION_INFO_CAP_TYPE), if any. */
struct rte_vfio_dev_region_type {
	uint32_t type;
	uint32_t subtype;
};

/** What the kernel says about one region, capability chain included. */
struct rte_vfio_dev_region {
	uint32_t index;
	uint32_t flags;        /**< VFIO_REGION_INFO_FLAG_* */
	uint64_t size;         /**< Bytes; 0: the region does not exist. */
	uint64_t offset;       /**< Offset of the region in the device fd. */
	bool has_sparse;       /**< A sparse-mmap capability was present. */
	bool has_type;         /**< A region-type capability was present. */
	bool msix_mappable;    /**< VFIO_REGION_INFO_CAP_MSIX_MAPPABLE. */
	struct rte_vfio_dev_region_type type;
	/**
	 * The mmapable windows, whole pages inside the region: those of the
	 * sparse areas when has_sparse, else those of the whole region when
	 * it is mmapable, else none. The rest of the region goes through the
	 * device fd, as does a window the kernel then refuses to map.
	 */
	uint32_t nb_areas;
	struct rte_vfio_dev_area *areas;
	/**
	 * Start of the region's mapping when mapped: one reservation of the
	 * region's size whose mmapable windows are backed by the device and
	 * the rest inaccessible. NULL when not mapped.
	 */
	void *addr;
};

/** What the kernel says about one IRQ index. */
struct rte_vfio_dev_irq {
	uint32_t index;
	uint32_t flags;        /**< VFIO_IRQ_INFO_* */
	uint32_t count;        /**< Vectors; 0: the index is not offered. */
};

/**
 * Open a device: get its VFIO fd (today through its group, in EAL's
 * default container: RTE_VFIO_DEV_IOMMU_EAL; the only place that would
 * learn the VFIO cdev path), read the device info and the info of every
 * region and IRQ index. rte_vfio_dev_open_ext() chooses the container.
 *
 * @param sysfs_base
 *   Directory holding the device, e.g. "/sys/bus/mdev/devices".
 * @param name
 *   The device's name in that directory (its VFIO device name).
 * @param device_type
 *   The kind of device the caller expects, one VFIO_DEVICE_FLAGS_* type bit
 *   (_PCI, _PLATFORM, _AMBA, _CCW, _AP), as any bus knows it; the device's
 *   flags must agree (EPROTO), another value is refused (EINVAL). 0: no
 *   check. rte_vfio_dev_api_flag() gives it for a kernel device_api
 *   string.
 * @return
 *   The device, or NULL with rte_errno set.
 */
__rte_internal
struct rte_vfio_dev *rte_vfio_dev_open(const char *sysfs_base,
				       const char *name,
				       uint32_t device_type);

/**
 * Which VFIO container a device is opened in, hence which IOMMU type
 * translates the IOVAs it uses for DMA.
 */
enum rte_vfio_dev_iommu {
	/**
	 * EAL's default container, as rte_vfio_setup_device() does: EAL
	 * picks the IOMMU type (type1 v1 where type1 is available) and maps
	 * DPDK memory into it. An mdev vendor driver can only copy guest
	 * memory (vfio_dma_rw()) there: type1 v1 refuses vfio_pin_pages().
	 */
	RTE_VFIO_DEV_IOMMU_EAL = 0,
	/**
	 * A container of the library's, shared by every device opened in
	 * this mode in the process, set to VFIO_TYPE1v2_IOMMU (the type QEMU
	 * uses), which lets mdev vendor drivers pin pages. The library opens
	 * the groups, maps DPDK memory into it page by page and follows
	 * memory hotplug, with no use of EAL's VFIO.
	 */
	RTE_VFIO_DEV_IOMMU_TYPE1V2,
	/**
	 * The same with VFIO_TYPE1_IOMMU (v1), the type EAL's default
	 * container gets, in a container of the library's: for a device that
	 * must not share EAL's container, on a kernel or vendor driver that
	 * wants type1. Unmaps are refused unless they match a mapping made
	 * through the library exactly, as type1v2 refuses them (v1 would
	 * silently unmap the whole mapping a range touches).
	 */
	RTE_VFIO_DEV_IOMMU_TYPE1,
};

/** Options of rte_vfio_dev_open_ext(). Zero-initialise for defaults. */
struct rte_vfio_dev_open_opts {
	/**
	 * Container to open the device in. Only the primary process chooses:
	 * a secondary process opens the device in whatever container the
	 * primary put its IOMMU group, and ignores this field.
	 */
	enum rte_vfio_dev_iommu iommu;
};

/**
 * rte_vfio_dev_open() with options.
 *
 * In the library's modes (RTE_VFIO_DEV_IOMMU_TYPE1, _TYPE1V2) the primary
 * process opens the device's IOMMU group (/dev/vfio/<group>) and attaches
 * it to the library's container of that type; a secondary process gets
 * both fds from the primary over EAL's multi-process channel. A group
 * held elsewhere (EAL's container, another mode's container, another
 * process) cannot join it: EBUSY.
 *
 * @param sysfs_base
 *   As for rte_vfio_dev_open().
 * @param name
 *   As for rte_vfio_dev_open().
 * @param device_type
 *   As for rte_vfio_dev_open().
 * @param opts
 *   Options; NULL: the defaults (RTE_VFIO_DEV_IOMMU_EAL).
 * @return
 *   The device, or NULL with rte_errno set: EINVAL (bad argument or mode),
 *   ENODEV (no IOMMU group, VFIO not usable), ENOTSUP (the kernel offers
 *   no VFIO_TYPE1v2_IOMMU, e.g. a no-IOMMU group), EBUSY (the group is
 *   in use elsewhere), or the error of the failing step.
 */
__rte_internal
struct rte_vfio_dev *
rte_vfio_dev_open_ext(const char *sysfs_base, const char *name,
		      uint32_t device_type,
		      const struct rte_vfio_dev_open_opts *opts);

/**
 * Parse an IOMMU mode name: "eal", "type1v2" or "type1".
 *
 * @return 0, or -EINVAL (unknown or NULL name; @p mode untouched).
 */
__rte_internal
int rte_vfio_dev_iommu_parse(const char *str, enum rte_vfio_dev_iommu *mode);

/** Name of an IOMMU mode ("eal", "type1v2", "type1"); NULL when unknown. */
__rte_experimental
const char *rte_vfio_dev_iommu_name(enum rte_vfio_dev_iommu mode);

/** The container the device was opened in. */
__rte_experimental
enum rte_vfio_dev_iommu rte_vfio_dev_iommu_mode(const struct rte_vfio_dev *vdev);

/**
 * The IOMMU type of the device's container: VFIO_TYPE1_IOMMU,
 * VFIO_TYPE1v2_IOMMU, VFIO_SPAPR_TCE_v2_IOMMU or VFIO_NOIOMMU_IOMMU.
 *
 * @return The type, or a negative errno: -EINVAL (NULL), -ENODEV (a device
 *   without a container, such as the unit tests' devices over a memfd).
 */
__rte_experimental
int rte_vfio_dev_iommu_type(const struct rte_vfio_dev *vdev);

/**
 * Short name of a VFIO IOMMU type: "type1", "type1v2", "spapr-v2",
 * "noiommu"; "unknown" for anything else.
 */
__rte_experimental
const char *rte_vfio_dev_iommu_type_name(int type);

/**
 * Map @p len bytes at @p va for DMA at @p iova in the device's container:
 * memory DPDK does not map by itself, such as external memory registered
 * with rte_extmem_register(). The container is shared with every device
 * opened in the same mode: the mapping serves them all, and lasts until
 * unmapped or until the container goes away with its last device.
 *
 * In RTE_VFIO_DEV_IOMMU_EAL mode this is
 * rte_vfio_container_dma_map(RTE_VFIO_DEFAULT_CONTAINER_FD, ...).
 *
 * @return 0 or a negative errno: -EINVAL (NULL device, zero length,
 *   address, IOVA or length not page aligned, range wrapping around),
 *   -ENODEV (no container), -EEXIST (IOVA range already mapped), or what
 *   the kernel or EAL refused with.
 */
__rte_internal
int rte_vfio_dev_dma_map(struct rte_vfio_dev *vdev, uint64_t va,
			 uint64_t iova, uint64_t len);

/**
 * Undo rte_vfio_dev_dma_map(). The library's containers only unmap whole
 * mappings: a range that splits one is refused (-EINVAL).
 */
__rte_internal
int rte_vfio_dev_dma_unmap(struct rte_vfio_dev *vdev, uint64_t va,
			   uint64_t iova, uint64_t len);

/**
 * rte_vfio_dev_dma_map() without a device: into the container of @p mode
 * in the primary process, for a bus whose device is not open yet (EAL's
 * container always exists; the library's exist while a device is open in
 * them, -ENODEV otherwise).
 *
 * @param mode
 *   The container.
 * @param va
 *   Start of the memory, page aligned.
 * @param iova
 *   Where the device sees it, page aligned.
 * @param len
 *   Length, page aligned, not zero.
 * @return
 *   As for rte_vfio_dev_dma_map().
 */
__rte_internal
int rte_vfio_dev_container_dma_map(enum rte_vfio_dev_iommu mode, uint64_t va,
				   uint64_t iova, uint64_t len);

/**
 * Undo rte_vfio_dev_container_dma_map().
 *
 * @param mode
 *   The container.
 * @param va
 *   As mapped.
 * @param iova
 *   As mapped.
 * @param len
 *   As mapped.
 * @return
 *   As for rte_vfio_dev_dma_unmap().
 */
__rte_internal
int rte_vfio_dev_container_dma_unmap(enum rte_vfio_dev_iommu mode,
				     uint64_t va, uint64_t iova, uint64_t len);

/** Unmap every region, disable every IRQ set up here, release the device. */
__rte_internal
void rte_vfio_dev_close(struct rte_vfio_dev *vdev);

/** The VFIO device fd. */
__rte_internal
int rte_vfio_dev_fd(const struct rte_vfio_dev *vdev);

/** The name the device was opened with. */
__rte_internal
const char *rte_vfio_dev_name(const struct rte_vfio_dev *vdev);

/** VFIO_DEVICE_FLAGS_* of the device. */
__rte_experimental
uint32_t rte_vfio_dev_flags(const struct rte_vfio_dev *vdev);

/** Number of region indexes the device reports. */
__rte_experimental
uint32_t rte_vfio_dev_nb_regions(const struct rte_vfio_dev *vdev);

/** Number of IRQ indexes the device reports. */
__rte_experimental
uint32_t rte_vfio_dev_nb_irqs(const struct rte_vfio_dev *vdev);

/** A region's description, NULL when index is out of range. */
__rte_experimental
const struct rte_vfio_dev_region *
rte_vfio_dev_region(const struct rte_vfio_dev *vdev, uint32_t index);

/** An IRQ index's description, NULL when index is out of range. */
__rte_experimental
const struct rte_vfio_dev_irq *
rte_vfio_dev_irq(const struct rte_vfio_dev *vdev, uint32_t index);

/**
 * Map a region: a reservation of the region's size (at @p addr when not
 * NULL, which must then be free) with every mmapable window mapped in place.
 * A region with no mmapable window is left unmapped and 0 returned: its
 * offsets are still reachable with rte_vfio_dev_read/write.
 *
 * @return 0 or a negative errno.
 */
__rte_internal
int rte_vfio_dev_region_map(struct rte_vfio_dev *vdev, uint32_t index,
			    void *addr);

/** Undo rte_vfio_dev_region_map(); harmless when not mapped. */
__rte_internal
void rte_vfio_dev_region_unmap(struct rte_vfio_dev *vdev, uint32_t index);

/**
 * Map every mmapable region. In the primary process the addresses are
 * recorded in shared memory under the device's name; in a secondary process
 * the regions are mapped at the primary's addresses, so pointers into them
 * are valid in both.
 *
 * @return 0 or a negative errno (nothing left mapped on error).
 */
__rte_internal
int rte_vfio_dev_map(struct rte_vfio_dev *vdev);

/** Unmap every region; in the primary, forget the recorded addresses. */
__rte_internal
void rte_vfio_dev_unmap(struct rte_vfio_dev *vdev);

/**
 * Read @p len bytes at @p offset of a region: a load from the mapping when
 * the range lies in a mapped window, a pread of the device fd otherwise.
 * Accesses of 1, 2, 4 and 8 bytes at aligned offsets are single accesses.
 *
 * @return 0 or a negative errno (-EINVAL: outside the region).
 */
__rte_internal
int rte_vfio_dev_read(const struct rte_vfio_dev *vdev, uint32_t index,
		      uint64_t offset, void *buf, size_t len);

/** Write, routed as rte_vfio_dev_read(). */
__rte_internal
int rte_vfio_dev_write(const struct rte_vfio_dev *vdev, uint32_t index,
		       uint64_t offset, const void *buf, size_t len);

/** Little-endian register accessors on top of rte_vfio_dev_read/write. */
__rte_internal
int rte_vfio_dev_read8(const struct rte_vfio_dev *vdev, uint32_t index,
		       uint64_t offset, uint8_t *val);
__rte_internal
int rte_vfio_dev_read16(const struct rte_vfio_dev *vdev, uint32_t index,
			uint64_t offset, uint16_t *val);
__rte_internal
int rte_vfio_dev_read32(const struct rte_vfio_dev *vdev, uint32_t index,
			uint64_t offset, uint32_t *val);
__rte_internal
int rte_vfio_dev_read64(const struct rte_vfio_dev *vdev, uint32_t index,
			uint64_t offset, uint64_t *val);
__rte_internal
int rte_vfio_dev_write8(const struct rte_vfio_dev *vdev, uint32_t index,
			uint64_t offset, uint8_t val);
__rte_internal
int rte_vfio_dev_write16(const struct rte_vfio_dev *vdev, uint32_t index,
			 uint64_t offset, uint16_t val);
__rte_internal
int rte_vfio_dev_write32(const struct rte_vfio_dev *vdev, uint32_t index,
			 uint64_t offset, uint32_t val);
__rte_internal
int rte_vfio_dev_write64(const struct rte_vfio_dev *vdev, uint32_t index,
			 uint64_t offset, uint64_t val);

/**
 * Trigger eventfds for vectors [start, start + count) of an IRQ index
 * (VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER); an fd of -1
 * leaves that vector unsignalled.
 */
__rte_internal
int rte_vfio_dev_irq_enable(struct rte_vfio_dev *vdev, uint32_t index,
			    uint32_t start, uint32_t count, const int *efds);

/** Disable every vector of an IRQ index. */
__rte_internal
int rte_vfio_dev_irq_disable(struct rte_vfio_dev *vdev, uint32_t index);

/** Unmask (or mask) one vector of a maskable index (INTx). */
__rte_internal
int rte_vfio_dev_irq_unmask(struct rte_vfio_dev *vdev, uint32_t index,
			    uint32_t vector);
__rte_internal
int rte_vfio_dev_irq_mask(struct rte_vfio_dev *vdev, uint32_t index,
			  uint32_t vector);

/**
 * Prepare an EAL interrupt handle for a vfio-pci device the way bus/pci
 * does, so that drivers use rte_intr_enable(), rte_intr_efd_enable() and
 * rte_intr_callback_register() unchanged: picks MSI-X, else MSI, else INTx,
 * creates the eventfd of vector 0 and sets the handle's type, fd and dev_fd.
 * Nothing is enabled in the kernel until rte_intr_enable().
 */
__rte_internal
int rte_vfio_dev_intr_prepare(struct rte_vfio_dev *vdev,
			      struct rte_intr_handle *handle);

/** Close the eventfd rte_vfio_dev_intr_prepare() created. */
__rte_internal
void rte_vfio_dev_intr_release(struct rte_vfio_dev *vdev,
			       struct rte_intr_handle *handle);

/** Called in EAL's interrupt thread when a notifier IRQ fires. */
typedef void (*rte_vfio_dev_notify_t)(struct rte_vfio_dev *vdev, void *arg);

/**
 * Have a single-vector IRQ index (VFIO_PCI_REQ_IRQ_INDEX,
 * VFIO_PCI_ERR_IRQ_INDEX) call @p cb from EAL's interrupt thread.
 * -ENOTSUP when the device does not offer the index.
 */
__rte_internal
int rte_vfio_dev_notifier_enable(struct rte_vfio_dev *vdev, uint32_t index,
				 rte_vfio_dev_notify_t cb, void *arg);

/**
 * Stop a notifier. Safe to call from its own callback; the eventfd is then
 * released once the callback has returned.
 */
__rte_internal
void rte_vfio_dev_notifier_disable(struct rte_vfio_dev *vdev, uint32_t index);

/** VFIO_DEVICE_RESET; -ENOTSUP when the device has no reset. */
__rte_internal
int rte_vfio_dev_reset(struct rte_vfio_dev *vdev);

/* vfio-pci devices */

/** Read/write PCI config space (little endian, as on the wire). */
__rte_internal
int rte_vfio_dev_pci_cfg_read(const struct rte_vfio_dev *vdev, void *buf,
			      size_t len, uint64_t offset);
__rte_internal
int rte_vfio_dev_pci_cfg_write(const struct rte_vfio_dev *vdev,
			       const void *buf, size_t len, uint64_t offset);

/**
 * Offset of the first standard capability with ID @p cap_id after the one
 * at @p from (0: from the list head). 0 when absent, a negative errno on a
 * read error, a malformed (looping, out of range) list, or a @p from that
 * is not a capability in the list. Walking all capabilities of one ID ends
 * on a looping list too.
 */
__rte_internal
int rte_vfio_dev_pci_cap_find(const struct rte_vfio_dev *vdev, uint8_t cap_id,
			      uint8_t from);

/** How a BAR decodes, from its config-space register. */
enum rte_vfio_dev_bar_kind {
	RTE_VFIO_DEV_BAR_NONE = 0, /**< Not implemented, or upper half of 64-bit. */
	RTE_VFIO_DEV_BAR_IO,
	RTE_VFIO_DEV_BAR_MEM32,
	RTE_VFIO_DEV_BAR_MEM64,
};

/** Kind of BAR @p bar (0-5); @p prefetchable may be NULL. */
__rte_internal
int rte_vfio_dev_pci_bar_kind(const struct rte_vfio_dev *vdev,
			      unsigned int bar,
			      enum rte_vfio_dev_bar_kind *kind,
			      bool *prefetchable);

/** Set or clear PCI_COMMAND_MEMORY / PCI_COMMAND_MASTER. */
__rte_internal
int rte_vfio_dev_pci_set_memory(const struct rte_vfio_dev *vdev, bool enable);
__rte_internal
int rte_vfio_dev_pci_set_bus_master(const struct rte_vfio_dev *vdev,
				    bool enable);

/**
 * The VFIO_DEVICE_FLAGS_* bit of a kernel device_api string ("vfio-pci",
 * "vfio-platform", "vfio-amba", "vfio-ccw", "vfio-ap"); 0 when unknown.
 */
__rte_internal
uint32_t rte_vfio_dev_api_flag(const char *device_api);

/** The device_api string of a VFIO_DEVICE_FLAGS_* bit; NULL when unknown. */
__rte_internal
const char *rte_vfio_dev_api_name(uint32_t flag);

/**
 * Where an access of @p len bytes at @p offset of a mapped region goes: the
 * address inside the mapping when the whole range lies in one mmapable
 * window, NULL when it must go through the device fd (also when the region
 * is not mapped or the range leaves the region).
 */
__rte_internal
void *rte_vfio_dev_region_ptr(const struct rte_vfio_dev_region *region,
			      uint64_t offset, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* RTE_VFIO_DEV_H */
