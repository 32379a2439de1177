/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Mapping every region, the same in every process: the primary records
 * where it mapped a device's regions in an EAL tailq (shared memory), a
 * secondary maps at those addresses, so pointers into BARs that drivers
 * keep in shared structures are valid in both.
 */

#include <errno.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_string_fns.h>
#include <rte_tailq.h>
#include <eal_export.h>

#include "vfio_dev_private.h"

#define VFIO_DEV_MP_NAME_LEN 128

struct vfio_dev_map_rec {
	char name[VFIO_DEV_MP_NAME_LEN];
	uint32_t nb_regions;
	struct {
		void *addr;
		uint64_t size;
	} regions[];
};

TAILQ_HEAD(vfio_dev_map_list, rte_tailq_entry);

static struct rte_tailq_elem vfio_dev_map_tailq = {
	.name = "VFIO_DEV_MAP_LIST",
};
static bool vfio_dev_map_tailq_ok;

/* Like EAL_REGISTER_TAILQ, but a failure disables sharing, not the app. */
RTE_INIT(vfio_dev_mp_init)
{
	if (rte_eal_tailq_register(&vfio_dev_map_tailq) == 0)
		vfio_dev_map_tailq_ok = true;
	else
		VFIO_DEV_LOG(WARNING, "no tailq for region addresses: secondary processes cannot map devices");
}

static struct vfio_dev_map_list *
map_list(void)
{
	if (!vfio_dev_map_tailq_ok || vfio_dev_map_tailq.head == NULL)
		return NULL;
	return RTE_TAILQ_CAST(vfio_dev_map_tailq.head, vfio_dev_map_list);
}

/* Call with the tailq lock held. */
static struct rte_tailq_entry *
map_find(struct vfio_dev_map_list *list, const char *name)
{
	struct rte_tailq_entry *entry;
	const struct vfio_dev_map_rec *rec;

	TAILQ_FOREACH(entry, list, next) {
		rec = entry->data;
		if (strcmp(rec->name, name) == 0)
			return entry;
	}
	return NULL;
}

static int
find_max_end_va(const struct rte_memseg_list *msl, void *arg)
{
	void **max = arg;
	void *end = RTE_PTR_ADD(msl->base_va, msl->len);

	if (*max < end)
		*max = end;
	return 0;
}

/*
 * Where the primary puts regions: above DPDK's memory, as bus/pci does,
 * where a secondary process (which maps that memory at the same place) is
 * most likely to find the range free too.
 */
static void *
map_hint(size_t len)
{
	static void *next;
	void *hint;

	if (next == NULL)
		rte_memseg_list_walk(find_max_end_va, &next);
	if (next == NULL)
		return NULL;
	hint = RTE_PTR_ALIGN_CEIL(next, vfio_dev_page_size());
	next = RTE_PTR_ADD(hint, len);
	return hint;
}

static void
unmap_all(struct rte_vfio_dev *vdev)
{
	uint32_t i;

	for (i = 0; i < vdev->nb_regions; i++)
		rte_vfio_dev_region_unmap(vdev, i);
}

static int
map_record(struct rte_vfio_dev *vdev)
{
	struct vfio_dev_map_list *list = map_list();
	struct vfio_dev_map_rec *rec;
	struct rte_tailq_entry *entry, *old;
	uint32_t i;

	if (list == NULL)
		return 0;
	if (strlen(vdev->name) >= VFIO_DEV_MP_NAME_LEN)
		return -ENAMETOOLONG;
	rec = rte_zmalloc("vfio_dev_map", sizeof(*rec) +
			  vdev->nb_regions * sizeof(rec->regions[0]), 0);
	entry = rte_zmalloc("vfio_dev_map_entry", sizeof(*entry), 0);
	if (rec == NULL || entry == NULL) {
		rte_free(rec);
		rte_free(entry);
		return -ENOMEM;
	}
	strlcpy(rec->name, vdev->name, sizeof(rec->name));
	rec->nb_regions = vdev->nb_regions;
	for (i = 0; i < vdev->nb_regions; i++) {
		rec->regions[i].addr = vdev->regions[i].addr;
		rec->regions[i].size = vdev->regions[i].size;
	}
	entry->data = rec;
	rte_mcfg_tailq_write_lock();
	/* A record left by a device handle never unmapped is stale. */
	old = map_find(list, vdev->name);
	if (old != NULL)
		TAILQ_REMOVE(list, old, next);
	TAILQ_INSERT_TAIL(list, entry, next);
	rte_mcfg_tailq_write_unlock();
	if (old != NULL) {
		rte_free(old->data);
		rte_free(old);
	}
	vdev->map_recorded = true;
	return 0;
}

void
vfio_dev_mp_forget(struct rte_vfio_dev *vdev)
{
	struct vfio_dev_map_list *list = map_list();
	struct rte_tailq_entry *entry = NULL;

	if (!vdev->map_recorded || list == NULL)
		return;
	rte_mcfg_tailq_write_lock();
	entry = map_find(list, vdev->name);
	if (entry != NULL)
		TAILQ_REMOVE(list, entry, next);
	rte_mcfg_tailq_write_unlock();
	if (entry != NULL) {
		rte_free(entry->data);
		rte_free(entry);
	}
	vdev->map_recorded = false;
}

static int
map_primary(struct rte_vfio_dev *vdev)
{
	const struct rte_vfio_dev_region *r;
	uint32_t i;
	int ret;

	for (i = 0; i < vdev->nb_regions; i++) {
		r = &vdev->regions[i];
		if (r->nb_areas == 0 || r->addr != NULL)
			continue;
		ret = vfio_dev_region_map_at(vdev, i,
			map_hint(RTE_ALIGN_CEIL(r->size,
				 (uint64_t)vfio_dev_page_size())), false);
		if (ret < 0)
			return ret;
	}
	return map_record(vdev);
}

static int
map_secondary(struct rte_vfio_dev *vdev)
{
	struct vfio_dev_map_list *list = map_list();
	const struct vfio_dev_map_rec *rec;
	struct rte_tailq_entry *entry;
	void **addrs;
	uint32_t i;
	int ret = 0;

	if (list == NULL)
		return -ENOTSUP;
	addrs = calloc(RTE_MAX(vdev->nb_regions, 1U), sizeof(*addrs));
	if (addrs == NULL)
		return -ENOMEM;
	/* Copy out under the lock: the primary may drop the record. */
	rte_mcfg_tailq_read_lock();
	entry = map_find(list, vdev->name);
	if (entry == NULL) {
		ret = -ENOENT;
	} else {
		rec = entry->data;
		if (rec->nb_regions != vdev->nb_regions)
			ret = -EPROTO;
		for (i = 0; ret == 0 && i < vdev->nb_regions; i++) {
			if (rec->regions[i].size != vdev->regions[i].size)
				ret = -EPROTO;
			addrs[i] = rec->regions[i].addr;
		}
	}
	rte_mcfg_tailq_read_unlock();
	if (ret == -ENOENT)
		VFIO_DEV_LOG(ERR, "%s: the primary process has not mapped it",
			     vdev->name);
	else if (ret < 0)
		VFIO_DEV_LOG(ERR, "%s: regions differ from the primary's",
			     vdev->name);
	for (i = 0; ret == 0 && i < vdev->nb_regions; i++) {
		if (addrs[i] == NULL || vdev->regions[i].addr != NULL)
			continue;
		ret = vfio_dev_region_map_at(vdev, i, addrs[i], true);
	}
	free(addrs);
	return ret;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_map)
int
rte_vfio_dev_map(struct rte_vfio_dev *vdev)
{
	int ret;

	if (vdev == NULL)
		return -EINVAL;
	if (rte_eal_process_type() == RTE_PROC_SECONDARY)
		ret = map_secondary(vdev);
	else
		ret = map_primary(vdev);
	if (ret < 0)
		unmap_all(vdev);
	return ret;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_unmap)
void
rte_vfio_dev_unmap(struct rte_vfio_dev *vdev)
{
	if (vdev == NULL)
		return;
	vfio_dev_mp_forget(vdev);
	unmap_all(vdev);
}
