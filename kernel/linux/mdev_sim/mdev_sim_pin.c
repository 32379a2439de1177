// SPDX-License-Identifier: GPL-2.0
/*
 * Pinned-page cache: zero-copy DMA for every mdev_sim device model.
 *
 * vfio_dma_rw() costs a lookup of the mapping, a reference on the owner's
 * mm and a copy_{from,to}_user() per transfer. A model that would rather
 * work on the pages in place asks for a range with mdev_sim_pin_map(): the
 * range's IOVA pages are pinned with vfio_pin_pages() on first use and
 * stay pinned, indexed by IOVA page, until userspace unmaps them, the
 * device is reset or closed. Pinning needs the VFIO type1 v2 backend; a
 * type1 (v1) container answers EACCES, which is remembered until the next
 * open, so that a model falls back to vfio_dma_rw() without retrying the
 * pin on every operation. The cache is bounded (pin_max_pages): when it is
 * full the caller copies instead of evicting pages another operation may
 * be using.
 *
 * Unmapping. Before type1 unmaps a range with pinned pages it calls
 * .dma_unmap, which must unpin them all before it returns: type1 WARNs
 * and, after a few rounds, BUG()s when pins remain. A model holds
 * pin->use for reading (mdev_sim_pin_begin/end) from its first
 * mdev_sim_pin_map() until it no longer touches the pages; dma_unmap
 * takes it for writing, so it waits for operations in flight and none
 * starts while it unpins. A model may hold it across a batch of
 * operations, which delays an unmap by at most that batch. type1 calls
 * .dma_unmap without its iommu->lock, then takes that lock again and looks
 * for pins once more: a doorbell on another thread could pin the range
 * again in that gap, for ever. So dma_unmap fences the range: it is not
 * pinned again until the device is next opened (operations on it copy).
 * Fences are few, merged, and when they run out pinning stops for the rest
 * of the open.
 *
 * Lookups. Pages leave the cache only with pin->use held for writing, so
 * while a model holds it for reading a cached page stays put: a hit is an
 * RCU-safe xa_load() without pin->lock. Only a miss takes pin->lock, to
 * pin. pin->state is read without the lock too: ACTIVE -> STOPPED happens
 * with pin->use held for writing, open and close when no operation can
 * run, and a reader that misses ACTIVE -> UNAVAILABLE (a failed pin) only
 * uses pages that are pinned; a miss reads the state again under
 * pin->lock.
 *
 * Lock order, outermost first:
 *   sdev->lock -> model locks (e.g. crypto queue pair) -> pin->use
 *     -> pin->lock -> type1 iommu->lock -> owner's mmap_lock
 * dma_unmap enters with type1's device_list_lock held (and iommu->lock
 * released) and takes pin->use, pin->lock, then iommu->lock through
 * vfio_unpin_pages(); nothing below pin->use ever waits for
 * device_list_lock, sdev->lock or a model lock. A model that holds
 * pin->use across a batch may do its copy-path DMA (vfio_dma_rw(), which
 * takes iommu->lock and the owner's mmap_lock) and allocate inside it,
 * but must not take sdev->lock (e.g. to raise an interrupt) nor a model
 * lock while it holds pin->use, because reset drops the cache under
 * sdev->lock; nor take pin->use for reading a second time, since a
 * waiting dma_unmap blocks new readers.
 *
 * (type1 of Linux 6.1 takes device_list_lock while holding iommu->lock to
 * register a device or to notify an unmap, and a .dma_unmap that unpins
 * takes iommu->lock under device_list_lock: a second thread unmapping
 * pinned pages, or opening another device of the container, while a
 * .dma_unmap runs can hang both. Every mdev driver that pins shares this
 * limitation of the backend; here an operation in flight, which may need
 * iommu->lock while dma_unmap waits for it, can be part of the same
 * cycle. Single unmaps racing operations, as tested, are safe.)
 */

#include <linux/iommu.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>

#include "mdev_sim.h"

#define PIN_MAX_PAGES_LIMIT	(1UL << 20)	/* 4 GiB of 4 KiB pages */
/*
 * A miss pins the missing pages of the naturally aligned block around it
 * as well: DPDK's mempools put the next buffers right behind this one.
 */
#define PIN_BLOCK		16
/* Pages per vfio_pin_pages() call made here (far below its limit). */
#define PIN_BATCH		32

static unsigned long pin_max_pages = 65536;
module_param(pin_max_pages, ulong, 0644);
MODULE_PARM_DESC(pin_max_pages,
		 "Pages each device may keep pinned for zero-copy DMA, sampled at open (0: always copy; default 65536)");

void mdev_sim_pin_init(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_pin *pin = &sdev->pin;

	init_rwsem(&pin->use);
	mutex_init(&pin->lock);
	xa_init(&pin->pages);
	pin->state = MDEV_SIM_PIN_CLOSED;
	atomic64_set(&pin->zero_copy_ops, 0);
	atomic64_set(&pin->copied_ops, 0);
}

void mdev_sim_pin_destroy(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_pin *pin = &sdev->pin;

	/* close_device unpinned everything; a leftover would be a leak. */
	WARN_ON(pin->nr_pinned || !xa_empty(&pin->pages));
	xa_destroy(&pin->pages);
	mutex_destroy(&pin->lock);
}

/* Unpins one run of cached pages; pin->lock held. */
static void unpin_run(struct mdev_sim_dev *sdev, unsigned long first,
		      unsigned int npage)
{
	if (!npage)
		return;
	vfio_unpin_pages(&sdev->vdev, (dma_addr_t)first << PAGE_SHIFT, npage);
	sdev->pin.nr_pinned -= npage;
}

/* Drops the cached pages in [first, last]; pin->use held for writing. */
static void unpin_range(struct mdev_sim_dev *sdev, unsigned long first,
			unsigned long last)
{
	struct mdev_sim_pin *pin = &sdev->pin;
	unsigned long index, run_first = 0;
	unsigned int run = 0;
	struct page *page;

	lockdep_assert_held(&pin->lock);
	xa_for_each_range(&pin->pages, index, page, first, last) {
		if (run && (index != run_first + run || run == PIN_BATCH)) {
			unpin_run(sdev, run_first, run);
			run = 0;
		}
		if (!run)
			run_first = index;
		run++;
		xa_erase(&pin->pages, index);
	}
	unpin_run(sdev, run_first, run);
}

static void drop_all(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_pin *pin = &sdev->pin;

	down_write(&pin->use);
	mutex_lock(&pin->lock);
	unpin_range(sdev, 0, ULONG_MAX);
	mutex_unlock(&pin->lock);
	up_write(&pin->use);
}

/* A new open: a new container, perhaps of another type, and no fences. */
void mdev_sim_pin_open(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_pin *pin = &sdev->pin;

	drop_all(sdev);
	mutex_lock(&pin->lock);
	pin->max_pinned = min(READ_ONCE(pin_max_pages), PIN_MAX_PAGES_LIMIT);
	WRITE_ONCE(pin->state, pin->max_pinned ? MDEV_SIM_PIN_ACTIVE :
						 MDEV_SIM_PIN_OFF);
	pin->nr_fences = 0;
	atomic64_set(&pin->zero_copy_ops, 0);
	atomic64_set(&pin->copied_ops, 0);
	mutex_unlock(&pin->lock);
}

/*
 * Runs before the VFIO core takes the device out of its container, while
 * vfio_unpin_pages() still works. The counters stay readable until the
 * next open.
 */
void mdev_sim_pin_close(struct mdev_sim_dev *sdev)
{
	struct mdev_sim_pin *pin = &sdev->pin;

	drop_all(sdev);
	mutex_lock(&pin->lock);
	WRITE_ONCE(pin->state, MDEV_SIM_PIN_CLOSED);
	mutex_unlock(&pin->lock);
}

/* Device reset: the device forgets its pages, the open keeps its state. */
void mdev_sim_pin_reset(struct mdev_sim_dev *sdev)
{
	drop_all(sdev);
}

static void fence_add(struct mdev_sim_pin *pin, unsigned long first,
		      unsigned long last)
{
	struct mdev_sim_pin_fence *f;
	unsigned int i;

	for (i = 0; i < pin->nr_fences; i++) {
		f = &pin->fence[i];
		/* overlapping or adjacent: widen (no overflow at the ends) */
		if (first <= f->last + (f->last != ULONG_MAX) &&
		    f->first <= last + (last != ULONG_MAX)) {
			f->first = min(f->first, first);
			f->last = max(f->last, last);
			return;
		}
	}
	if (pin->nr_fences == MDEV_SIM_PIN_FENCES) {
		if (pin->state == MDEV_SIM_PIN_ACTIVE)
			WRITE_ONCE(pin->state, MDEV_SIM_PIN_STOPPED);
		return;
	}
	f = &pin->fence[pin->nr_fences++];
	f->first = first;
	f->last = last;
}

static bool fenced(struct mdev_sim_pin *pin, unsigned long first,
		   unsigned long last)
{
	unsigned int i;

	for (i = 0; i < pin->nr_fences; i++)
		if (first <= pin->fence[i].last && pin->fence[i].first <= last)
			return true;
	return false;
}

/**
 * mdev_sim_pin_dma_unmap - vfio_device_ops.dma_unmap
 * @sdev: the device
 * @iova: first byte userspace is unmapping
 * @length: bytes
 *
 * Unpins every cached page of the range before returning, after waiting
 * for the operations that use pinned pages, and fences the range.
 */
void mdev_sim_pin_dma_unmap(struct mdev_sim_dev *sdev, u64 iova, u64 length)
{
	struct mdev_sim_pin *pin = &sdev->pin;
	unsigned long first, last;

	if (!length)
		return;
	first = iova >> PAGE_SHIFT;
	last = (iova + length - 1 < iova ? U64_MAX : iova + length - 1) >>
	       PAGE_SHIFT;

	down_write(&pin->use);
	mutex_lock(&pin->lock);
	fence_add(pin, first, last);
	unpin_range(sdev, first, last);
	mutex_unlock(&pin->lock);
	up_write(&pin->use);
}

void mdev_sim_pin_begin(struct mdev_sim_dev *sdev)
{
	down_read(&sdev->pin.use);
}

void mdev_sim_pin_end(struct mdev_sim_dev *sdev)
{
	up_read(&sdev->pin.use);
}

static bool cached(struct mdev_sim_pin *pin, unsigned long pfn)
{
	return xa_load(&pin->pages, pfn) != NULL;
}

/*
 * Pins IOVA pages [first, first + npage) and caches them; all of them must
 * be missing from the cache. pin->lock held.
 */
static int pin_pages(struct mdev_sim_dev *sdev, unsigned long first,
		     unsigned int npage)
{
	struct mdev_sim_pin *pin = &sdev->pin;
	struct page *pages[PIN_BATCH];
	unsigned int i;
	int ret;

	ret = vfio_pin_pages(&sdev->vdev, (dma_addr_t)first << PAGE_SHIFT,
			     npage, IOMMU_READ | IOMMU_WRITE, pages);
	if (ret == -EACCES || ret == -ENOTTY) {
		/* The container's backend cannot pin: do not ask again. */
		WRITE_ONCE(pin->state, MDEV_SIM_PIN_UNAVAILABLE);
		return ret;
	}
	if (ret < 0)
		return ret;
	if (WARN_ON_ONCE(ret != npage)) {
		if (ret > 0)
			vfio_unpin_pages(&sdev->vdev,
					 (dma_addr_t)first << PAGE_SHIFT, ret);
		return -EFAULT;
	}
	pin->nr_pinned += npage;

	for (i = 0; i < npage; i++) {
		ret = xa_insert(&pin->pages, first + i, pages[i], GFP_KERNEL);
		if (ret) {
			/* Keep what is cached, give back the rest. */
			unpin_run(sdev, first + i, npage - i);
			return ret;
		}
	}
	return 0;
}

/*
 * Fills the cache for a missing page @pfn that the caller needs together
 * with the pages up to @need_last. Pins the run of missing pages around
 * it within its aligned block (read-ahead), or, should that fail (e.g. the
 * block reaches past the mapping), just the needed run.
 */
static int pin_miss(struct mdev_sim_dev *sdev, unsigned long pfn,
		    unsigned long need_last)
{
	struct mdev_sim_pin *pin = &sdev->pin;
	unsigned long block = pfn & ~(unsigned long)(PIN_BLOCK - 1);
	unsigned long lo = pfn, hi = pfn, need_hi = pfn;
	unsigned long room = pin->max_pinned - pin->nr_pinned;
	int ret;

	if (pin->nr_pinned >= pin->max_pinned)
		return -ENOSPC;
	while (need_hi < need_last && need_hi - pfn + 1 < PIN_BATCH &&
	       !cached(pin, need_hi + 1))
		need_hi++;
	if (need_hi - pfn + 1 > room)
		return -ENOSPC;
	if (fenced(pin, pfn, need_hi))
		return -EBUSY;

	hi = need_hi;
	while (lo > block && hi - lo + 1 < PIN_BATCH && !cached(pin, lo - 1))
		lo--;
	while (hi < block + PIN_BLOCK - 1 && hi + 1 != 0 &&
	       hi - lo + 1 < PIN_BATCH && !cached(pin, hi + 1))
		hi++;
	if ((lo != pfn || hi != need_hi) && hi - lo + 1 <= room &&
	    !fenced(pin, lo, hi)) {
		ret = pin_pages(sdev, lo, hi - lo + 1);
		if (!ret || pin->state != MDEV_SIM_PIN_ACTIVE)
			return ret;
	}
	return pin_pages(sdev, pfn, need_hi - pfn + 1);
}

/*
 * The slow path of a lookup: @pfn was not cached a moment ago. Another
 * operation may have pinned it since; if not, pins it (see pin_miss()).
 */
static int map_miss(struct mdev_sim_dev *sdev, unsigned long pfn,
		    unsigned long need_last, struct page **page)
{
	struct mdev_sim_pin *pin = &sdev->pin;
	int ret = 0;

	mutex_lock(&pin->lock);
	if (pin->state != MDEV_SIM_PIN_ACTIVE) {
		ret = -EACCES;
		goto out;
	}
	*page = xa_load(&pin->pages, pfn);
	if (*page)
		goto out;
	ret = pin_miss(sdev, pfn, need_last);
	if (ret)
		goto out;
	*page = xa_load(&pin->pages, pfn);
	if (WARN_ON_ONCE(!*page))
		ret = -EFAULT;
out:
	mutex_unlock(&pin->lock);
	return ret;
}

/**
 * mdev_sim_pin_map - the pinned pages under an IOVA range
 * @sdev: the device; the caller holds mdev_sim_pin_begin()
 * @iova: first byte
 * @len: bytes, at least 1
 * @seg: filled with one segment per page, in order
 * @max_segs: room in @seg
 *
 * The pages stay pinned and in place until mdev_sim_pin_end(). The caller
 * still has to check that the device may master the bus.
 *
 * Return: the number of segments, or -EINVAL (empty range or one that
 * wraps), -E2BIG (more pages than @max_segs), -EACCES (no pinning in this
 * open: copy instead), -ENOSPC (cache full), -EBUSY (range being
 * unmapped), or vfio_pin_pages()'s error, -EINVAL for an IOVA that is not
 * mapped. On any error the caller can fall back to vfio_dma_rw(), which
 * reports the range's real state.
 */
int mdev_sim_pin_map(struct mdev_sim_dev *sdev, u64 iova, u64 len,
		     struct mdev_sim_seg *seg, unsigned int max_segs)
{
	struct mdev_sim_pin *pin = &sdev->pin;
	unsigned long first, last, pfn;
	unsigned int n = 0;
	u64 left = len;
	int ret;

	lockdep_assert_held_read(&pin->use);
	if (!len || iova + len - 1 < iova)
		return -EINVAL;
	first = iova >> PAGE_SHIFT;
	last = (iova + len - 1) >> PAGE_SHIFT;
	if (last - first >= max_segs)
		return -E2BIG;
	if (READ_ONCE(pin->state) != MDEV_SIM_PIN_ACTIVE)
		return -EACCES;

	for (pfn = first; pfn <= last; pfn++) {
		struct page *page = xa_load(&pin->pages, pfn);
		unsigned int off = pfn == first ? offset_in_page(iova) : 0;

		if (!page) {
			ret = map_miss(sdev, pfn, last, &page);
			if (ret)
				return ret;
		}
		seg[n].page = page;
		seg[n].off = off;
		seg[n].len = min_t(u64, PAGE_SIZE - off, left);
		left -= seg[n].len;
		n++;
	}
	return n;
}

void mdev_sim_pin_account(struct mdev_sim_dev *sdev, bool zero_copy)
{
	atomic64_inc(zero_copy ? &sdev->pin.zero_copy_ops :
				 &sdev->pin.copied_ops);
}

/* ---- sysfs: <mdev device>/dma/ ---- */

static struct mdev_sim_pin *dev_to_pin(struct device *dev)
{
	struct mdev_sim_dev *sdev = dev_get_drvdata(dev);

	return &sdev->pin;
}

static ssize_t pinned_pages_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct mdev_sim_pin *pin = dev_to_pin(dev);
	unsigned long n;

	mutex_lock(&pin->lock);
	n = pin->nr_pinned;
	mutex_unlock(&pin->lock);
	return sysfs_emit(buf, "%lu\n", n);
}
static DEVICE_ATTR_RO(pinned_pages);

static ssize_t zero_copy_ops_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lld\n",
			  (long long)atomic64_read(&dev_to_pin(dev)->zero_copy_ops));
}
static DEVICE_ATTR_RO(zero_copy_ops);

static ssize_t copied_ops_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lld\n",
			  (long long)atomic64_read(&dev_to_pin(dev)->copied_ops));
}
static DEVICE_ATTR_RO(copied_ops);

static ssize_t pin_state_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	static const char *const names[] = {
		[MDEV_SIM_PIN_CLOSED] = "closed",
		[MDEV_SIM_PIN_ACTIVE] = "active",
		[MDEV_SIM_PIN_OFF] = "off",
		[MDEV_SIM_PIN_UNAVAILABLE] = "unavailable",
		[MDEV_SIM_PIN_STOPPED] = "stopped",
	};
	struct mdev_sim_pin *pin = dev_to_pin(dev);
	enum mdev_sim_pin_state state;

	mutex_lock(&pin->lock);
	state = pin->state;
	mutex_unlock(&pin->lock);
	return sysfs_emit(buf, "%s\n", names[state]);
}
static DEVICE_ATTR_RO(pin_state);

static struct attribute *mdev_sim_pin_attrs[] = {
	&dev_attr_pinned_pages.attr,
	&dev_attr_zero_copy_ops.attr,
	&dev_attr_copied_ops.attr,
	&dev_attr_pin_state.attr,
	NULL,
};

const struct attribute_group mdev_sim_pin_attr_group = {
	.name	= "dma",
	.attrs	= mdev_sim_pin_attrs,
};
