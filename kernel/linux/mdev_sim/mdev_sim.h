/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mdev_sim: simulated mediated devices for testing VFIO userspace drivers.
 *
 * Internal interfaces between the module core (mdev_sim_main.c), the device
 * families that implement a VFIO device API (vfio-pci, vfio-ap) and the
 * device models that plug into the vfio-pci family.
 */
#ifndef MDEV_SIM_H
#define MDEV_SIM_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/mdev.h>
#include <linux/mutex.h>
#include <linux/pci_regs.h>
#include <linux/rwsem.h>
#include <linux/srcu.h>
#include <linux/uuid.h>
#include <linux/vfio.h>
#include <linux/xarray.h>

#include "mdev_sim_compat.h"

#define MDEV_SIM_NAME		"mdev_sim"

/* The region index sits in the high bits of the device file offset. */
#define MDEV_SIM_OFFSET_SHIFT	40
#define MDEV_SIM_OFFSET_MASK	((1ULL << MDEV_SIM_OFFSET_SHIFT) - 1)
#define MDEV_SIM_REGION_OFFSET(index)	((u64)(index) << MDEV_SIM_OFFSET_SHIFT)

struct mdev_sim_dev;

/*
 * A family implements one VFIO device API. The core validates every
 * userspace-supplied region index, offset, length and IRQ index/range
 * against the family's counts before calling it, and holds the device lock
 * around every callback except init, release and mmap. mmap runs under the
 * caller's mmap_lock, so it may only use what init set up and release frees.
 */
struct mdev_sim_family {
	const char *parent_name;	/* class device, /sys/class/mdev_bus/ */
	const char *driver_name;	/* mdev bus driver */
	const char *device_api;		/* VFIO_DEVICE_API_*_STRING */
	u32 flags;			/* VFIO_DEVICE_FLAGS_* */
	unsigned int num_regions;
	unsigned int num_irqs;

	int (*init)(struct mdev_sim_dev *sdev);
	void (*release)(struct mdev_sim_dev *sdev);
	void (*open)(struct mdev_sim_dev *sdev);
	void (*close)(struct mdev_sim_dev *sdev);
	int (*reset)(struct mdev_sim_dev *sdev);
	u64 (*region_size)(struct mdev_sim_dev *sdev, unsigned int index);
	int (*region_info)(struct mdev_sim_dev *sdev,
			   struct vfio_region_info *info,
			   struct vfio_info_cap *caps);
	void (*irq_info)(struct mdev_sim_dev *sdev, struct vfio_irq_info *info);
	int (*set_irqs)(struct mdev_sim_dev *sdev,
			const struct vfio_irq_set *hdr, void *data);
	/* @size is 1, 2 or 4 and @off is aligned to it; @buf is little endian */
	int (*access)(struct mdev_sim_dev *sdev, unsigned int index, u64 off,
		      void *buf, unsigned int size, bool write);
	/*
	 * Optional, tried first and without the device lock, for registers a
	 * model serialises itself; returns 1 to have the access go to
	 * @access under the lock.
	 */
	int (*access_nolock)(struct mdev_sim_dev *sdev, unsigned int index,
			     u64 off, void *buf, unsigned int size,
			     bool write);
	int (*mmap)(struct mdev_sim_dev *sdev, unsigned int index, u64 off,
		    struct vm_area_struct *vma);
	void (*request)(struct mdev_sim_dev *sdev, unsigned int count);
};

struct mdev_sim_type {
	struct mdev_type mtype;
	const struct mdev_sim_family *family;
	const void *model;		/* family specific description */
	const char *description;
	unsigned int instances;		/* under mdev_sim_instances_lock */
	/*
	 * Optional: attach runs once the device is registered with VFIO,
	 * detach before it is unregistered (userspace may still hold it).
	 */
	int (*attach)(struct mdev_sim_dev *sdev);
	void (*detach)(struct mdev_sim_dev *sdev);
};

static inline struct mdev_sim_type *to_mdev_sim_type(struct mdev_type *mtype)
{
	return container_of(mtype, struct mdev_sim_type, mtype);
}

/*
 * Zero-copy DMA: guest (userspace) pages pinned through the VFIO type1 v2
 * backend, cached by IOVA page for the whole time the device is open.
 * mdev_sim_pin.c explains the rules and the lock order.
 */
enum mdev_sim_pin_state {
	MDEV_SIM_PIN_CLOSED,		/* device not open */
	MDEV_SIM_PIN_ACTIVE,		/* pages are pinned on demand */
	MDEV_SIM_PIN_OFF,		/* pin_max_pages=0 when it was opened */
	MDEV_SIM_PIN_UNAVAILABLE,	/* the container cannot pin (type1 v1) */
	MDEV_SIM_PIN_STOPPED,		/* too many unmapped ranges fenced */
};

#define MDEV_SIM_PIN_FENCES	16

struct mdev_sim_pin_fence {
	unsigned long first;		/* IOVA page numbers, inclusive */
	unsigned long last;
};

struct mdev_sim_pin {
	/* Read: an operation is using pinned pages. Write: pages go away. */
	struct rw_semaphore use;
	struct mutex lock;		/* everything below */
	struct xarray pages;		/* IOVA >> PAGE_SHIFT -> struct page */
	unsigned long nr_pinned;
	unsigned long max_pinned;	/* pin_max_pages, sampled at open */
	enum mdev_sim_pin_state state;
	unsigned int nr_fences;
	struct mdev_sim_pin_fence fence[MDEV_SIM_PIN_FENCES];
	/* What the models report per operation, for tests and benchmarks. */
	atomic64_t zero_copy_ops;
	atomic64_t copied_ops;
};

/* A piece of a DMA range inside one pinned page. */
struct mdev_sim_seg {
	struct page *page;
	unsigned int off;
	unsigned int len;
};

struct mdev_sim_dev {
	struct vfio_device vdev;	/* first, as vfio_alloc_device needs */
	struct mdev_sim_type *type;
	struct mutex lock;		/* all emulated state below the core */
	void *priv;			/* family state */
	struct mdev_sim_pin pin;
};

static inline struct device *mdev_sim_dev_to_dev(struct mdev_sim_dev *sdev)
{
	return sdev->vdev.dev;
}

extern const struct mdev_sim_family mdev_sim_pci_family;
extern const struct mdev_sim_family mdev_sim_ap_family;

extern struct mdev_sim_type mdev_sim_test_type;
extern struct mdev_sim_type mdev_sim_ap_type;
extern struct mdev_sim_type mdev_sim_net_type;
extern struct mdev_sim_type mdev_sim_crypto_type;
extern struct mdev_sim_type mdev_sim_avf_type;

/* Pinned-page cache (mdev_sim_pin.c) */
void mdev_sim_pin_init(struct mdev_sim_dev *sdev);
void mdev_sim_pin_destroy(struct mdev_sim_dev *sdev);
void mdev_sim_pin_open(struct mdev_sim_dev *sdev);
void mdev_sim_pin_close(struct mdev_sim_dev *sdev);
void mdev_sim_pin_reset(struct mdev_sim_dev *sdev);
void mdev_sim_pin_dma_unmap(struct mdev_sim_dev *sdev, u64 iova, u64 length);
void mdev_sim_pin_begin(struct mdev_sim_dev *sdev);
void mdev_sim_pin_end(struct mdev_sim_dev *sdev);
int mdev_sim_pin_map(struct mdev_sim_dev *sdev, u64 iova, u64 len,
		     struct mdev_sim_seg *seg, unsigned int max_segs);
void mdev_sim_pin_account(struct mdev_sim_dev *sdev, bool zero_copy);
extern const struct attribute_group mdev_sim_pin_attr_group;

/*
 * Two devices of one model wired like the ends of a cable (sysfs "peer"
 * and "link"), mdev_sim_wire.c. A model has one set for its devices and
 * embeds one end in each device.
 */
struct mdev_sim_wire;

struct mdev_sim_wire_set {
	struct list_head devices;	/* attached ends, under lock */
	struct mutex lock;		/* wiring and admin states */
	struct srcu_struct *srcu;	/* senders read peers under it */
	/* Under lock: the end's link is now @up (it may not have changed). */
	void (*link_update)(struct mdev_sim_wire *w, bool up);
};

struct mdev_sim_wire {
	struct mdev_sim_wire_set *set;
	struct list_head node;
	guid_t uuid;
	bool attached;
	bool admin_up;
	struct mdev_sim_wire __rcu *peer;
};

void mdev_sim_wire_init(struct mdev_sim_wire *w, struct mdev_sim_wire_set *set,
			const guid_t *uuid);
void mdev_sim_wire_attach(struct mdev_sim_wire *w);
void mdev_sim_wire_detach(struct mdev_sim_wire *w);
ssize_t mdev_sim_wire_peer_show(struct mdev_sim_wire *w, char *buf);
int mdev_sim_wire_peer_store(struct mdev_sim_wire *w, const char *buf);
ssize_t mdev_sim_wire_link_show(struct mdev_sim_wire *w, char *buf);
int mdev_sim_wire_link_store(struct mdev_sim_wire *w, const char *buf);

/* mdev_sim-crypto's self-benchmark in debugfs */
int mdev_sim_crypto_bench_init(void);
void mdev_sim_crypto_bench_exit(void);

/* vfio-pci family: the interface a PCI device model implements */

struct mdev_sim_pci;

#define MDEV_SIM_BAR_IO		BIT(0)
#define MDEV_SIM_BAR_64		BIT(1)
#define MDEV_SIM_BAR_PREFETCH	BIT(2)

struct mdev_sim_pci_bar {
	u64 size;		/* power of two; 0 leaves the BAR unimplemented */
	unsigned int flags;	/* MDEV_SIM_BAR_* */
	/*
	 * One page-aligned window of the BAR may be backed by memory that
	 * userspace can mmap; everything outside it traps to the model.
	 */
	u64 mmap_offset;
	u64 mmap_size;
};

struct mdev_sim_pci_model {
	u16 vendor;
	u16 device;
	u16 subsystem_vendor;
	u16 subsystem_device;
	u8 revision;
	u32 class_code;		/* base class << 16 | subclass << 8 | prog-if */
	struct mdev_sim_pci_bar bar[PCI_STD_NUM_BARS];
	unsigned int msi_vectors;	/* 0 or a power of two up to 32 */
	unsigned int msix_vectors;	/* 0..MDEV_SIM_PCI_MAX_MSIX */
	unsigned int msix_bar;		/* table and PBA share this BAR */
	u32 msix_table_offset;		/* both must lie in trapped space */
	u32 msix_pba_offset;
	size_t priv_size;		/* zeroed model state */

	int (*init)(struct mdev_sim_pci *pci);
	void (*fini)(struct mdev_sim_pci *pci);
	/* back to power-on state; the core has already cleared BAR memory */
	void (*reset)(struct mdev_sim_pci *pci);
	/*
	 * Optional, under the device lock: open runs once userspace opened
	 * the device (after reset), close before the core resets it for the
	 * last time, e.g. to start and stop a model's own thread.
	 */
	void (*open)(struct mdev_sim_pci *pci);
	void (*close)(struct mdev_sim_pci *pci);
	/* trapped BAR space only; @size is 1, 2 or 4 and aligned */
	int (*bar_read)(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
			u32 *val, unsigned int size);
	int (*bar_write)(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
			 u32 val, unsigned int size);
	/*
	 * Optional: trapped BAR accesses run first here, WITHOUT the device
	 * lock, for registers the model protects with its own locks (so that
	 * e.g. queues run in parallel); return 1 to pass the access on to
	 * bar_read/bar_write under the device lock. Such a handler may take
	 * the device lock itself, but only while holding none of its own.
	 */
	int (*bar_access_nolock)(struct mdev_sim_pci *pci, unsigned int bar,
				 u64 off, u32 *val, unsigned int size,
				 bool write);
};

#define MDEV_SIM_PCI_MAX_MSIX	256

void *mdev_sim_pci_priv(struct mdev_sim_pci *pci);
struct device *mdev_sim_pci_to_dev(struct mdev_sim_pci *pci);
struct mdev_sim_dev *mdev_sim_pci_sdev(struct mdev_sim_pci *pci);
void *mdev_sim_pci_bar_mem(struct mdev_sim_pci *pci, unsigned int bar);
int mdev_sim_pci_raise_irq(struct mdev_sim_pci *pci, unsigned int index,
			   unsigned int vector);
u32 mdev_sim_pci_irq_count(struct mdev_sim_pci *pci);
bool mdev_sim_pci_intx_pending(struct mdev_sim_pci *pci);
int mdev_sim_pci_dma_rw(struct mdev_sim_pci *pci, u64 iova, void *buf,
			size_t len, bool write);
int mdev_sim_pci_dma_pin(struct mdev_sim_pci *pci, u64 iova, u64 len,
			 struct mdev_sim_seg *seg, unsigned int max_segs);

/* A 64-bit register written as two 32-bit halves, in either order. */
static inline void mdev_sim_set_lo(u64 *reg, u32 val)
{
	*reg = (*reg & GENMASK_ULL(63, 32)) | val;
}

static inline void mdev_sim_set_hi(u64 *reg, u32 val)
{
	*reg = ((u64)val << 32) | lower_32_bits(*reg);
}

#endif /* MDEV_SIM_H */
