/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The PCI adapter: a vfio-pci mediated device that no mdev driver takes is
 * offered to the PCI drivers registered with bus/pci whose ID tables match
 * its config space, as bus/pci would offer a PCI function, so that an
 * existing PCI PMD drives it unmodified.
 *
 * The adapter is an mdev driver of its own ("mdev_pci", last on the bus's
 * driver list: mdev drivers come first), which needs the device mapped:
 * the bus opens it, maps its regions and prepares its interrupts as for any
 * such driver. Its probe then builds a PCI device over that ("shadow",
 * laid out as the DPDK built against expects: mdev_pci.h) and hands it to
 * the best matching PCI driver, then the next while they decline. The
 * shadow is what the PCI driver, ethdev and the application see; every EAL
 * call of the bus that can be given it (unplug, DMA, lookups, iteration)
 * goes back to its mediated device (mdev_pci_owner()).
 *
 * One owner per resource: the mediated device owns its VFIO handle, its
 * mappings and its interrupt handle (mdev_vfio.c), which the shadow only
 * points to; the device owns its shadow, which lives until the device is
 * freed, because EAL writes to a device after unplugging it.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/vfio.h>

#include <rte_byteorder.h>
#include <rte_eal.h>
#include <rte_kvargs.h>
#include <rte_vfio_dev.h>

#include "private.h"
#include "mdev_pci.h"

/* The most PCI drivers one device is offered to, best first. */
#define MDEV_PCI_MAX_CANDIDATES 16
/*
 * Shadows get a PCI address no real function has (domains are 16-bit on
 * Linux), for drivers that print or compare it: never one that names a
 * real device in sysfs.
 */
#define MDEV_PCI_DOMAIN_BASE 0xffff0000u

struct mdev_pci_shadow {
	struct rte_pci_device *pci;    /* mdev_pci_layout_alloc() */
	struct rte_pci_driver *drv;    /* the PCI driver that has it, or NULL */
	struct rte_devargs devargs;    /* the device's, without driver= */
	char *drv_str;                 /* devargs.drv_str */
	bool req_seen;                 /* the kernel asked for it once */
};

static int mdev_pci_probe(struct rte_mdev_driver *drv,
			  struct rte_mdev_device *dev);
static int mdev_pci_remove(struct rte_mdev_device *dev);

static struct rte_mdev_driver mdev_pci_proxy = {
	.driver = { .name = "mdev_pci" },
	.probe = mdev_pci_probe,
	.remove = mdev_pci_remove,
	.drv_flags = RTE_MDEV_DRV_NEED_MAPPING,
};

static bool mdev_pci_registered;
static unsigned int mdev_pci_nb_shadows;
static uint32_t mdev_pci_domain_next = MDEV_PCI_DOMAIN_BASE;

bool
mdev_pci_is_proxy(const struct rte_mdev_driver *drv)
{
	return drv == &mdev_pci_proxy;
}

/*
 * At every scan, when every plugin has registered its drivers: the
 * adapter goes (or stays) last on the bus's list, once bus/pci's layout
 * has been found to be the one this build knows.
 */
void
mdev_pci_place(void)
{
	if (mdev_pci_layout_check() != 0)
		return;
	rte_spinlock_lock(&mdev_bus.lock);
	if (mdev_pci_registered)
		mdev_drv_remove(&mdev_pci_proxy);
	mdev_drv_add(&mdev_pci_proxy);
	mdev_pci_registered = true;
	rte_spinlock_unlock(&mdev_bus.lock);
}

/*
 * How well an ID table matches, as bus/pci matches (every field equal or
 * a wildcard): the number of fields the best matching entry names, -1
 * when none matches. Ties go to the driver registered first, as on
 * bus/pci.
 */
static int
mdev_pci_score(const struct rte_pci_id *table, const struct rte_mdev_pci_id *id)
{
	const struct rte_pci_id *e;
	int best = -1, score;

	for (e = table; e != NULL && e->vendor_id != 0; e++) {
		score = 0;
		if (e->vendor_id != RTE_PCI_ANY_ID) {
			if (e->vendor_id != id->vendor_id)
				continue;
			score++;
		}
		if (e->device_id != RTE_PCI_ANY_ID) {
			if (e->device_id != id->device_id)
				continue;
			score++;
		}
		if (e->subsystem_vendor_id != RTE_PCI_ANY_ID) {
			if (e->subsystem_vendor_id != id->subsystem_vendor_id)
				continue;
			score++;
		}
		if (e->subsystem_device_id != RTE_PCI_ANY_ID) {
			if (e->subsystem_device_id != id->subsystem_device_id)
				continue;
			score++;
		}
		if (e->class_id != RTE_CLASS_ANY_ID) {
			if (e->class_id != id->class_id)
				continue;
			score++;
		}
		if (score > best)
			best = score;
	}
	return best;
}

/*
 * Whether @p drv can take a device it matches: the adapter offers mapped
 * regions, so only drivers that let bus/pci map them
 * (RTE_PCI_DRV_NEED_MAPPING); a driver that maps BARs itself does so by
 * PCI address, which a mediated device does not have. Said once per
 * device.
 */
static bool
mdev_pci_usable(const struct rte_pci_driver *drv, struct rte_mdev_device *dev)
{
	struct mdev_device *p = mdev_priv(dev);

	if ((drv->drv_flags & RTE_PCI_DRV_NEED_MAPPING) == 0) {
		if (!p->pci_logged)
			MDEV_LOG(NOTICE, "%s: PCI driver %s matches but maps the device itself by PCI address (no RTE_PCI_DRV_NEED_MAPPING): not offered",
				 dev->name, drv->driver.name);
		return false;
	}
	if ((drv->drv_flags & RTE_PCI_DRV_NEED_IOVA_AS_VA) != 0 &&
	    rte_eal_iova_mode() != RTE_IOVA_VA) {
		if (!p->pci_logged)
			MDEV_LOG(NOTICE, "%s: PCI driver %s needs IOVA as VA mode: not offered",
				 dev->name, drv->driver.name);
		return false;
	}
	return true;
}

/*
 * Whether any PCI driver could take a device: reading a device's IDs
 * opens it through VFIO, not worth it when none could.
 */
static bool
mdev_pci_any_mapping_driver(void)
{
	const struct rte_pci_driver *drv;

	for (drv = mdev_pci_layout_next(NULL); drv != NULL;
	     drv = mdev_pci_layout_next(drv))
		if ((drv->drv_flags & RTE_PCI_DRV_NEED_MAPPING) != 0)
			return true;
	return false;
}

/*
 * The PCI drivers the device is offered to, best match first (at most
 * @p max); 0 when the adapter does not take it.
 */
static unsigned int
mdev_pci_candidates(struct rte_mdev_device *dev, struct rte_pci_driver **out,
		    unsigned int max)
{
	const struct rte_devargs *da = dev->device.devargs;
	char want[RTE_DEV_NAME_MAX_LEN];
	int score[MDEV_PCI_MAX_CANDIDATES];
	struct rte_pci_driver *drv;
	const struct rte_mdev_pci_id *id;
	unsigned int n = 0, i;
	bool named;
	int s;

	if (dev->type->api != RTE_MDEV_API_PCI || !mdev_devargs_pci_adapter(da))
		return 0;
	/* PCI drivers have no class: the class layer selects mdev drivers. */
	if (da != NULL && da->cls != NULL)
		return 0;
	named = mdev_devargs_driver(da, want, sizeof(want)) > 0;
	/* driver= naming an mdev driver leaves the device to it. */
	if (named && mdev_driver_exists(want))
		return 0;
	if (!mdev_pci_any_mapping_driver() || !mdev_vfio_reachable(dev)) {
		MDEV_LOG(DEBUG, "%s: not offered to PCI drivers: none, or VFIO does not offer the device",
			 dev->name);
		return 0;
	}
	id = mdev_vfio_pci_id(dev);
	if (id == NULL)
		return 0;
	for (drv = mdev_pci_layout_next(NULL); drv != NULL;
	     drv = mdev_pci_layout_next(drv)) {
		if (named && !mdev_driver_is(&drv->driver, want))
			continue;
		s = mdev_pci_score(drv->id_table, id);
		if (s < 0 || !mdev_pci_usable(drv, dev))
			continue;
		if (n == max || n == RTE_DIM(score)) {
			MDEV_LOG(WARNING, "%s: more than %u PCI drivers match, %s not offered",
				 dev->name, n, drv->driver.name);
			continue;
		}
		/* Sorted by score; equal scores keep the list's order. */
		for (i = n; i > 0 && score[i - 1] < s; i--) {
			score[i] = score[i - 1];
			out[i] = out[i - 1];
		}
		score[i] = s;
		out[i] = drv;
		n++;
	}
	mdev_priv(dev)->pci_logged = true;
	return n;
}

bool
mdev_pci_takes(struct rte_mdev_device *dev)
{
	struct rte_pci_driver *c[MDEV_PCI_MAX_CANDIDATES];

	return mdev_pci_candidates(dev, c, RTE_DIM(c)) > 0;
}

/* The name of the PCI driver the device would be offered to first. */
const char *
mdev_pci_candidate_name(struct rte_mdev_device *dev)
{
	struct rte_pci_driver *c[MDEV_PCI_MAX_CANDIDATES];

	return mdev_pci_candidates(dev, c, RTE_DIM(c)) > 0 ?
		c[0]->driver.name : NULL;
}

/* The name of the driver that has the device, the PCI driver's for ours. */
const char *
mdev_dev_driver_name(const struct rte_mdev_device *dev)
{
	const struct mdev_pci_shadow *s = mdev_priv_const(dev)->pci;

	if (dev->driver == NULL)
		return NULL;
	if (!mdev_pci_is_proxy(dev->driver))
		return dev->driver->driver.name;
	return s != NULL && s->drv != NULL ? s->drv->driver.name : NULL;
}

static void
mdev_pci_shadow_free(struct mdev_pci_shadow *s)
{
	if (s == NULL)
		return;
	mdev_pci_layout_free(s->pci);
	free(s->drv_str);
	free(s);
	mdev_pci_nb_shadows--;
}

/* Telemetry reads a listed device's shadow under the bus lock. */
static void
mdev_pci_set_shadow(struct rte_mdev_device *dev, struct mdev_pci_shadow *s)
{
	struct mdev_device *p = mdev_priv(dev);
	struct mdev_pci_shadow *old;

	rte_spinlock_lock(&mdev_bus.lock);
	old = p->pci;
	p->pci = s;
	rte_spinlock_unlock(&mdev_bus.lock);
	mdev_pci_shadow_free(old);
}

void
mdev_pci_free(struct rte_mdev_device *dev)
{
	mdev_pci_set_shadow(dev, NULL);
}

/*
 * The device's devargs for the PCI driver: the driver layer without the
 * bus's driver= (a PCI driver checks its keys and would refuse it), never
 * a NULL string (drivers parse it whenever there are devargs).
 */
static int
mdev_pci_devargs(struct mdev_pci_shadow *s, const struct rte_devargs *da)
{
	const char *src = da->drv_str != NULL ? da->drv_str : "";
	struct rte_kvargs *kv = NULL;
	size_t len = strlen(src) + 1, pos = 0;
	unsigned int i;
	char *str;

	str = calloc(1, len);
	if (str == NULL)
		return -ENOMEM;
	if (src[0] != '\0') {
		kv = rte_kvargs_parse(src, NULL);
		if (kv == NULL) {
			MDEV_LOG(ERR, "%s: invalid driver arguments \"%s\"",
				 da->name, src);
			free(str);
			return -EINVAL;
		}
	}
	for (i = 0; kv != NULL && i < kv->count; i++) {
		const struct rte_kvargs_pair *pair = &kv->pairs[i];

		if (strcmp(pair->key, RTE_DEVARGS_KEY_DRIVER) == 0)
			continue;
		/* No longer than the source, which had every pair. */
		pos += snprintf(str + pos, len - pos, "%s%s%s%s",
				pos > 0 ? "," : "", pair->key,
				pair->value != NULL ? "=" : "",
				pair->value != NULL ? pair->value : "");
		if (pos >= len) {
			rte_kvargs_free(kv);
			free(str);
			return -EINVAL;
		}
	}
	rte_kvargs_free(kv);
	s->devargs = *da;
	memset(&s->devargs.next, 0, sizeof(s->devargs.next));
	s->devargs.drv_str = str;
	s->drv_str = str;
	s->pci->device.devargs = &s->devargs;
	return 0;
}

/*
 * A new shadow over the mapped device, as bus/pci would prepare a PCI
 * device for a driver with RTE_PCI_DRV_NEED_MAPPING.
 */
static struct mdev_pci_shadow *
mdev_pci_shadow_new(struct rte_mdev_device *dev)
{
	const struct rte_vfio_dev_region *r;
	struct rte_pci_device *pci;
	struct mdev_pci_shadow *s;
	unsigned int i;

	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	mdev_pci_nb_shadows++;
	s->pci = mdev_pci_layout_alloc();
	if (s->pci == NULL) {
		mdev_pci_shadow_free(s);
		return NULL;
	}
	pci = s->pci;
	pci->device.name = dev->name;
	pci->device.bus = &mdev_bus.bus;
	pci->device.numa_node = dev->device.numa_node;
	pci->device.bus_info = dev->device.bus_info;
	if (dev->device.devargs != NULL &&
	    mdev_pci_devargs(s, dev->device.devargs) < 0) {
		mdev_pci_shadow_free(s);
		return NULL;
	}
	pci->addr.domain = mdev_pci_domain_next++;
	if (mdev_pci_domain_next == 0)
		mdev_pci_domain_next = MDEV_PCI_DOMAIN_BASE;
	rte_pci_device_name(&pci->addr, pci->name, sizeof(pci->name));
	pci->id.vendor_id = dev->pci_id.vendor_id;
	pci->id.device_id = dev->pci_id.device_id;
	pci->id.subsystem_vendor_id = dev->pci_id.subsystem_vendor_id;
	pci->id.subsystem_device_id = dev->pci_id.subsystem_device_id;
	pci->id.class_id = dev->pci_id.class_id;
	for (i = 0; i <= VFIO_PCI_VGA_REGION_INDEX; i++) {
		r = rte_vfio_dev_region(dev->vfio, i);
		if (r == NULL || r->size == 0)
			continue;
		mdev_pci_layout_set_region(pci, i, r->size, r->offset);
		if (i < PCI_MAX_RESOURCE) {
			pci->mem_resource[i].len = r->size;
			pci->mem_resource[i].addr = r->addr;
		}
	}
	pci->intr_handle = dev->intr_handle;
	pci->kdrv = RTE_PCI_KDRV_VFIO;
	return s;
}

/*
 * bus/pci's config space access must reach this device's, or a driver
 * would read another: the IDs through it must be those the bus read.
 */
static int
mdev_pci_check_config(struct rte_mdev_device *dev, struct rte_pci_device *pci)
{
	uint16_t ids[2] = { 0, 0 };

	if (rte_pci_read_config(pci, ids, sizeof(ids), 0) != sizeof(ids) ||
	    rte_le_to_cpu_16(ids[0]) != dev->pci_id.vendor_id ||
	    rte_le_to_cpu_16(ids[1]) != dev->pci_id.device_id) {
		MDEV_LOG(ERR, "%s: bus/pci cannot read its config space (IDs %04x:%04x, expected %04x:%04x): not offered to PCI drivers",
			 dev->name, rte_le_to_cpu_16(ids[0]),
			 rte_le_to_cpu_16(ids[1]), dev->pci_id.vendor_id,
			 dev->pci_id.device_id);
		return -EPROTO;
	}
	return 0;
}

static void
mdev_pci_set_driver(struct mdev_pci_shadow *s, struct rte_pci_driver *drv)
{
	/* Telemetry reads the driver from its own thread. */
	rte_spinlock_lock(&mdev_bus.lock);
	s->drv = drv;
	rte_spinlock_unlock(&mdev_bus.lock);
	mdev_pci_layout_set_driver(s->pci, drv);
}

/* Which PCI drivers match, in the order they are offered the device. */
static void
mdev_pci_log_candidates(const struct rte_mdev_device *dev,
			struct rte_pci_driver * const *c, unsigned int n)
{
	char list[256];
	size_t pos = 0;
	unsigned int i;
	int len;

	list[0] = '\0';
	for (i = 0; i < n; i++) {
		len = snprintf(list + pos, sizeof(list) - pos, "%s%s",
			       i > 0 ? ", " : "", c[i]->driver.name);
		if (len < 0 || (size_t)len >= sizeof(list) - pos)
			break;
		pos += len;
	}
	MDEV_LOG(INFO, "%s: PCI drivers that match, best first: %s",
		 dev->name, list);
}

/*
 * The device is mapped (RTE_MDEV_DRV_NEED_MAPPING). 0 when a PCI driver
 * took it, >0 when every one declined, <0 on error.
 */
static int
mdev_pci_probe(struct rte_mdev_driver *drv, struct rte_mdev_device *dev)
{
	struct rte_pci_driver *c[MDEV_PCI_MAX_CANDIDATES];
	struct mdev_pci_shadow *s;
	unsigned int n, i;
	int ret;

	RTE_SET_USED(drv);
	n = mdev_pci_candidates(dev, c, RTE_DIM(c));
	if (n == 0)
		return 1;
	mdev_pci_log_candidates(dev, c, n);
	/* The previous shadow is no longer EAL's once the device is here. */
	mdev_pci_free(dev);
	s = mdev_pci_shadow_new(dev);
	if (s == NULL)
		return -ENOMEM;
	mdev_pci_set_shadow(dev, s);
	ret = mdev_pci_check_config(dev, s->pci);
	if (ret < 0)
		return ret;
	/*
	 * As bus/pci: reset, then bus mastering on (a reset clears it; a PCI
	 * driver expects it set by the bus).
	 */
	ret = rte_vfio_dev_reset(dev->vfio);
	if (ret < 0 && ret != -ENOTSUP)
		MDEV_LOG(WARNING, "%s: reset failed: %s", dev->name,
			 strerror(-ret));
	ret = rte_vfio_dev_pci_set_bus_master(dev->vfio, true);
	if (ret < 0) {
		MDEV_LOG(ERR, "%s: cannot enable bus mastering: %s",
			 dev->name, strerror(-ret));
		return ret;
	}
	ret = 1;
	for (i = 0; i < n; i++) {
		MDEV_LOG(INFO, "%s: probe with PCI driver %s", dev->name,
			 c[i]->driver.name);
		s->req_seen = false;
		mdev_pci_set_driver(s, c[i]);
		ret = c[i]->probe(c[i], s->pci);
		if (ret == 0)
			return 0;
		mdev_pci_set_driver(s, NULL);
		if (ret < 0) {
			MDEV_LOG(ERR, "%s: PCI driver %s failed to probe it: %s",
				 dev->name, c[i]->driver.name, strerror(-ret));
			break;
		}
		/* Declined: the next driver, as bus/pci does. */
	}
	rte_vfio_dev_pci_set_bus_master(dev->vfio, false);
	return ret;
}

/* Before the bus releases interrupts and mappings (mdev_vfio_release()). */
static int
mdev_pci_remove(struct rte_mdev_device *dev)
{
	struct mdev_pci_shadow *s = mdev_priv(dev)->pci;
	struct rte_pci_driver *drv;
	int ret = 0;

	if (s == NULL || s->drv == NULL)
		return 0;
	drv = s->drv;
	if (drv->remove != NULL)
		ret = drv->remove(s->pci);
	mdev_pci_set_driver(s, NULL);
	/* The handle is the bus's, freed after this. */
	s->pci->intr_handle = NULL;
	if (dev->vfio != NULL)
		rte_vfio_dev_pci_set_bus_master(dev->vfio, false);
	return ret;
}

/* The mediated device whose shadow @p d is; NULL when it is no shadow. */
struct rte_mdev_device *
mdev_pci_owner(const struct rte_device *d)
{
	struct rte_mdev_device *dev;
	const struct mdev_pci_shadow *s;

	if (mdev_pci_nb_shadows == 0 || d == NULL)
		return NULL;
	FOREACH_MDEV_DEVICE(dev) {
		s = mdev_priv(dev)->pci;
		if (s != NULL && &s->pci->device == d)
			return dev;
	}
	return NULL;
}

struct rte_mdev_device *
mdev_dev_from_rte(const struct rte_device *d)
{
	struct rte_mdev_device *owner = mdev_pci_owner(d);

	return owner != NULL ? owner :
		RTE_DEV_TO_MDEV((struct rte_device *)(uintptr_t)d);
}

struct rte_device *
mdev_pci_device(struct rte_mdev_device *dev)
{
	struct mdev_pci_shadow *s = mdev_priv(dev)->pci;

	return s != NULL && s->drv != NULL ? &s->pci->device : NULL;
}

/*
 * The lookups of EAL: the device, then its shadow (a name finds the
 * device, which EAL's hot-plug wants; a pointer finds either).
 */
struct rte_device *
mdev_pci_find_device(const struct rte_device *start, rte_dev_cmp_t cmp,
		     const void *data)
{
	struct rte_mdev_device *dev, *owner;
	struct rte_device *shadow;

	if (start == NULL) {
		dev = mdev_dev_first();
	} else {
		owner = mdev_pci_owner(start);
		if (owner != NULL) {
			dev = mdev_dev_next(owner);
		} else {
			dev = RTE_DEV_TO_MDEV((struct rte_device *)(uintptr_t)start);
			shadow = mdev_pci_device(dev);
			if (shadow != NULL && cmp(shadow, data) == 0)
				return shadow;
			dev = mdev_dev_next(dev);
		}
	}
	for (; dev != NULL; dev = mdev_dev_next(dev)) {
		if (cmp(&dev->device, data) == 0)
			return &dev->device;
		shadow = mdev_pci_device(dev);
		if (shadow != NULL && cmp(shadow, data) == 0)
			return shadow;
	}
	return NULL;
}

/*
 * rte_dev_dma_map() of a device a PCI driver has: the driver's own DMA
 * hook when it has one. -ENOTSUP: the bus maps as for any device.
 */
int
mdev_pci_dma(struct rte_mdev_device *dev, void *addr, uint64_t iova,
	     size_t len, bool map)
{
	struct mdev_pci_shadow *s = mdev_priv(dev)->pci;

	if (s == NULL || s->drv == NULL)
		return -ENOTSUP;
	if (map && s->drv->dma_map != NULL)
		return s->drv->dma_map(s->pci, addr, iova, len);
	if (!map && s->drv->dma_unmap != NULL)
		return s->drv->dma_unmap(s->pci, addr, iova, len);
	return -ENOTSUP;
}

/*
 * The kernel wants the device back. A PCI driver cannot report that (it
 * learns removals from bus/pci), so the application, told through EAL's
 * device event, gets until the kernel's next request (Linux repeats it
 * every 10 seconds) to detach the device; then the bus takes it back.
 * True when the bus should take it now.
 */
bool
mdev_pci_request(struct rte_mdev_device *dev)
{
	struct mdev_pci_shadow *s = mdev_priv(dev)->pci;

	if (s == NULL || s->drv == NULL)
		return true;
	if (s->req_seen)
		return true;
	s->req_seen = true;
	MDEV_LOG(NOTICE, "%s: PCI driver %s does not report removals: the application has until the kernel's next request to detach the device",
		 dev->name, s->drv->driver.name);
	return false;
}
