/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The library's own VFIO containers, one per IOMMU type it offers: type1
 * (VFIO_TYPE1_IOMMU) and type1v2 (VFIO_TYPE1v2_IOMMU), each shared by every
 * device opened in its mode in the process.
 *
 * Why not EAL's containers: EAL's default container gets the first IOMMU
 * type that works, type1 v1, where the kernel refuses vfio_pin_pages() to
 * mdev vendor drivers, and EAL's other containers cannot be given another
 * type. DPDK 26.11 also drops EAL's group API. So the library does it all
 * with the VFIO ioctls and nothing of EAL's VFIO: it opens the container
 * (/dev/vfio/vfio) and the groups (/dev/vfio/<group>), attaches the groups,
 * sets the IOMMU type, gets the device fds, maps DPDK memory, follows
 * memory hotplug, and gives a secondary process the container and group
 * fds over EAL's multi-process channel (a group can be opened only once:
 * a secondary cannot open it again).
 *
 * Memory is mapped a page (memseg) at a time, as EAL does: type1v2 refuses
 * to unmap part of a mapping, and hotplug frees pages one by one. Legacy
 * memory, which is never freed, is mapped in contiguous runs instead.
 *
 * Locking: vfio_dev_ctns.lock serialises device open and close, the
 * application's DMA maps and the multi-process handler; memory map changes
 * take EAL's memory hotplug lock (after ours), which keeps the hotplug
 * callback out while a container is set up or destroyed. The callback
 * itself takes no lock of ours.
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/vfio.h>
#include <sys/ioctl.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_string_fns.h>
#include <eal_export.h>

#include "vfio_dev_private.h"

#define VFIO_DEV_CONTAINER_PATH "/dev/vfio/vfio"

/* A mapping the application made (type1 only, see ctn_user_unmap()). */
struct vfio_dev_user_map {
	TAILQ_ENTRY(vfio_dev_user_map) next;
	uint64_t iova;
	uint64_t len;
};

TAILQ_HEAD(vfio_dev_user_map_list, vfio_dev_user_map);

struct vfio_dev_ctn {
	enum rte_vfio_dev_iommu mode;
	int type;             /* VFIO_*_IOMMU set on it */
	const char *mem_event_name;
	int fd;               /* primary: the container, -1: none yet */
	unsigned int users;   /* devices in it (primary) */
	bool iommu_set;       /* VFIO_SET_IOMMU done, DPDK memory mapped */
	bool mem_event;       /* hotplug callback registered */
	/* This process's own mappings of type1 containers. */
	struct vfio_dev_user_map_list user_maps;
};

struct vfio_dev_group {
	TAILQ_ENTRY(vfio_dev_group) next;
	int num;
	/* Opened here (primary) or received from the primary (secondary). */
	int fd;
	/* The container the group is in (the primary attached it). */
	struct vfio_dev_ctn *ctn;
	unsigned int users;   /* open devices of the group */
};

TAILQ_HEAD(vfio_dev_group_list, vfio_dev_group);

static struct {
	pthread_mutex_t lock;
	struct vfio_dev_ctn ctn[2];
	struct vfio_dev_group_list groups;
	bool mp_action;       /* multi-process handler registered */
} vfio_dev_ctns = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.ctn = {
		{
			.mode = RTE_VFIO_DEV_IOMMU_TYPE1,
			.type = VFIO_TYPE1_IOMMU,
			.mem_event_name = "vfio_dev_type1",
			.fd = -1,
			.user_maps = TAILQ_HEAD_INITIALIZER(vfio_dev_ctns.ctn[0].user_maps),
		},
		{
			.mode = RTE_VFIO_DEV_IOMMU_TYPE1V2,
			.type = VFIO_TYPE1v2_IOMMU,
			.mem_event_name = "vfio_dev_type1v2",
			.fd = -1,
			.user_maps = TAILQ_HEAD_INITIALIZER(vfio_dev_ctns.ctn[1].user_maps),
		},
	},
	.groups = TAILQ_HEAD_INITIALIZER(vfio_dev_ctns.groups),
};

/*
 * Asked by a secondary process: which container is a group in? The answer
 * carries the container's and the group's fds, in that order.
 */
struct vfio_dev_ctn_param {
	int32_t group_num;
	int32_t iommu_type;   /* VFIO_TYPE1{,v2}_IOMMU: the library's, 0: not */
};

static struct vfio_dev_ctn *
ctn_of_mode(enum rte_vfio_dev_iommu mode)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(vfio_dev_ctns.ctn); i++)
		if (vfio_dev_ctns.ctn[i].mode == mode)
			return &vfio_dev_ctns.ctn[i];
	return NULL;
}

static struct vfio_dev_ctn *
ctn_of_type(int type)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(vfio_dev_ctns.ctn); i++)
		if (vfio_dev_ctns.ctn[i].type == type)
			return &vfio_dev_ctns.ctn[i];
	return NULL;
}

static int
ctn_map(int fd, uint64_t va, uint64_t iova, uint64_t len)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = va,
		.iova = iova,
		.size = len,
	};

	if (ioctl(fd, VFIO_IOMMU_MAP_DMA, &map) < 0)
		return -errno;
	return 0;
}

static int
ctn_unmap(int fd, uint64_t iova, uint64_t len)
{
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap),
		.iova = iova,
		.size = len,
	};

	if (ioctl(fd, VFIO_IOMMU_UNMAP_DMA, &unmap) < 0)
		return -errno;
	/* The kernel reports what it unmapped: nothing there, or a part. */
	if (unmap.size == 0)
		return -ENOENT;
	if (unmap.size != len)
		return -EIO;
	return 0;
}

/*
 * Hotplug: runs under EAL's memory hotplug write lock, so the container
 * cannot go away meanwhile (it is destroyed under the read lock, after
 * this callback is unregistered).
 */
static void
ctn_mem_event(enum rte_mem_event type, const void *addr, size_t len,
	      void *arg)
{
	const struct vfio_dev_ctn *ctn = arg;
	const struct rte_memseg_list *msl;
	const struct rte_memseg *ms;
	size_t done;
	int ret;

	msl = rte_mem_virt2memseg_list(addr);
	if (msl == NULL || msl->page_sz == 0)
		return;
	for (done = 0; done < len; done += msl->page_sz) {
		ms = rte_mem_virt2memseg(RTE_PTR_ADD(addr, done), msl);
		if (ms == NULL || ms->iova == RTE_BAD_IOVA)
			continue;
		if (type == RTE_MEM_EVENT_ALLOC) {
			ret = ctn_map(ctn->fd, ms->addr_64, ms->iova, ms->len);
			if (ret == -EEXIST)
				ret = 0;
		} else {
			ret = ctn_unmap(ctn->fd, ms->iova, ms->len);
		}
		if (ret < 0)
			VFIO_DEV_LOG(ERR, "%s container: %s %p (IOVA %#" PRIx64 ", %zu bytes): %s",
				     rte_vfio_dev_iommu_name(ctn->mode),
				     type == RTE_MEM_EVENT_ALLOC ? "map" : "unmap",
				     ms->addr, ms->iova, ms->len,
				     strerror(-ret));
	}
}

/* The initial mapping: memsegs, or runs of them when they never go away. */
struct ctn_walk {
	const struct vfio_dev_ctn *ctn;
	bool merge;
	const struct rte_memseg_list *msl;
	uint64_t va;
	uint64_t iova;
	uint64_t len;
	int ret;
};

static int
ctn_walk_flush(struct ctn_walk *w)
{
	int ret;

	if (w->len == 0)
		return 0;
	ret = ctn_map(w->ctn->fd, w->va, w->iova, w->len);
	if (ret < 0 && ret != -EEXIST) {
		VFIO_DEV_LOG(ERR, "%s container: cannot map %#" PRIx64
			     " (IOVA %#" PRIx64 ", %" PRIu64 " bytes): %s",
			     rte_vfio_dev_iommu_name(w->ctn->mode), w->va,
			     w->iova, w->len, strerror(-ret));
		w->ret = ret;
		return -1;
	}
	w->len = 0;
	return 0;
}

static int
ctn_walk_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
	     void *arg)
{
	struct ctn_walk *w = arg;

	/* External memory without a heap is the application's to map. */
	if (msl->external && !msl->heap)
		return 0;
	if (ms->iova == RTE_BAD_IOVA)
		return 0;
	if (w->merge && !msl->external && w->len != 0 && w->msl == msl &&
	    w->va + w->len == ms->addr_64 && w->iova + w->len == ms->iova) {
		w->len += ms->len;
		return 0;
	}
	if (ctn_walk_flush(w) < 0)
		return -1;
	w->msl = msl;
	w->va = ms->addr_64;
	w->iova = ms->iova;
	w->len = ms->len;
	return 0;
}

/* Map DPDK memory and follow hotplug; called once the IOMMU type is set. */
static int
ctn_mem_setup(struct vfio_dev_ctn *ctn)
{
	struct ctn_walk w = { .ctn = ctn };

	/* No allocation or free can happen until unlocked. */
	rte_mcfg_mem_read_lock();
	if (rte_mem_event_callback_register(ctn->mem_event_name,
					    ctn_mem_event, ctn) == 0) {
		ctn->mem_event = true;
	} else if (rte_errno == ENOTSUP) {
		/* Legacy memory: nothing is ever freed. */
		w.merge = true;
	} else {
		w.ret = -rte_errno;
		rte_mcfg_mem_read_unlock();
		VFIO_DEV_LOG(ERR, "%s container: cannot follow memory hotplug: %s",
			     rte_vfio_dev_iommu_name(ctn->mode),
			     rte_strerror(-w.ret));
		return w.ret;
	}
	if (rte_memseg_walk_thread_unsafe(ctn_walk_seg, &w) == 0)
		ctn_walk_flush(&w);
	if (w.ret < 0 && ctn->mem_event) {
		rte_mem_event_callback_unregister(ctn->mem_event_name, ctn);
		ctn->mem_event = false;
	}
	rte_mcfg_mem_read_unlock();
	return w.ret;
}

static void
ctn_user_maps_clear(struct vfio_dev_ctn *ctn)
{
	struct vfio_dev_user_map *m;

	while ((m = TAILQ_FIRST(&ctn->user_maps)) != NULL) {
		TAILQ_REMOVE(&ctn->user_maps, m, next);
		free(m);
	}
}

/* Call with the lock held; the container has no group left. */
static void
ctn_destroy(struct vfio_dev_ctn *ctn)
{
	if (ctn->fd < 0)
		return;
	rte_mcfg_mem_read_lock();
	if (ctn->mem_event)
		rte_mem_event_callback_unregister(ctn->mem_event_name, ctn);
	ctn->mem_event = false;
	rte_mcfg_mem_read_unlock();
	/* The kernel drops the mappings with the container. */
	close(ctn->fd);
	ctn->fd = -1;
	ctn->iommu_set = false;
	ctn_user_maps_clear(ctn);
	VFIO_DEV_LOG(DEBUG, "%s container destroyed",
		     rte_vfio_dev_iommu_name(ctn->mode));
}

/* Call with the lock held. */
static int
ctn_create(struct vfio_dev_ctn *ctn)
{
	const char *name = rte_vfio_dev_iommu_name(ctn->mode);
	int fd, ret;

	fd = open(VFIO_DEV_CONTAINER_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = errno == ENOENT ? -ENODEV : -errno;
		VFIO_DEV_LOG(ERR, "%s container: cannot open %s: %s (is the vfio module loaded?)",
			     name, VFIO_DEV_CONTAINER_PATH, strerror(errno));
		return ret;
	}
	ret = ioctl(fd, VFIO_GET_API_VERSION);
	if (ret != VFIO_API_VERSION) {
		VFIO_DEV_LOG(ERR, "%s container: VFIO API version %d, not %d",
			     name, ret, VFIO_API_VERSION);
		close(fd);
		return -ENOTSUP;
	}
	ret = ioctl(fd, VFIO_CHECK_EXTENSION, ctn->type);
	if (ret <= 0) {
		VFIO_DEV_LOG(ERR, "%s container: the kernel does not offer it (is vfio_iommu_type1 loaded?)",
			     name);
		close(fd);
		return -ENOTSUP;
	}
	ctn->fd = fd;
	ctn->iommu_set = false;
	return 0;
}

static struct vfio_dev_group *
ctn_group_find(int num)
{
	struct vfio_dev_group *grp;

	TAILQ_FOREACH(grp, &vfio_dev_ctns.groups, next)
		if (grp->num == num)
			return grp;
	return NULL;
}

/*
 * Open /dev/vfio/<num>. The kernel lets one file have a group at a time:
 * EBUSY when EAL (or another process) has it.
 */
static int
ctn_group_open(int num)
{
	char path[64];
	int fd, err;

	snprintf(path, sizeof(path), "/dev/vfio/%d", num);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	err = errno;
	if (err == ENOENT) {
		snprintf(path, sizeof(path), "/dev/vfio/noiommu-%d", num);
		if (access(path, F_OK) == 0) {
			VFIO_DEV_LOG(ERR, "VFIO group %d is a no-IOMMU group: only the eal mode can use it",
				     num);
			return -ENOTSUP;
		}
		VFIO_DEV_LOG(ERR, "VFIO group %d: no /dev/vfio/%d", num, num);
		return -ENODEV;
	}
	VFIO_DEV_LOG(ERR, "VFIO group %d: cannot open: %s%s", num,
		     strerror(err), err == EBUSY ?
		     " (held by EAL's container or another process)" : "");
	return -err;
}

/* The group joins the container; the first one sets the IOMMU type. */
static int
ctn_group_attach(struct vfio_dev_group *grp, struct vfio_dev_ctn *ctn)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	const char *name = rte_vfio_dev_iommu_name(ctn->mode);
	int ret;

	if (ioctl(grp->fd, VFIO_GROUP_GET_STATUS, &status) < 0) {
		ret = -errno;
		VFIO_DEV_LOG(ERR, "VFIO group %d: cannot get status: %s",
			     grp->num, strerror(errno));
		return ret;
	}
	if ((status.flags & VFIO_GROUP_FLAGS_VIABLE) == 0) {
		VFIO_DEV_LOG(ERR, "VFIO group %d is not viable: not every device of the group is bound to VFIO",
			     grp->num);
		return -EPERM;
	}
	if (ioctl(grp->fd, VFIO_GROUP_SET_CONTAINER, &ctn->fd) < 0) {
		ret = -errno;
		VFIO_DEV_LOG(ERR, "VFIO group %d: cannot join the %s container: %s",
			     grp->num, name, strerror(errno));
		return ret;
	}
	grp->ctn = ctn;
	if (ctn->iommu_set)
		return 0;
	if (ioctl(ctn->fd, VFIO_SET_IOMMU, ctn->type) < 0) {
		VFIO_DEV_LOG(ERR, "VFIO group %d: cannot set the %s IOMMU type: %s",
			     grp->num, name, strerror(errno));
		return -ENOTSUP;
	}
	ret = ctn_mem_setup(ctn);
	if (ret < 0)
		return ret;
	ctn->iommu_set = true;
	VFIO_DEV_LOG(INFO, "%s container: IOMMU type set by group %d, DPDK memory mapped",
		     name, grp->num);
	return 0;
}

/*
 * Call with the lock held. The kernel takes the group out of its container
 * when the last fd of the group's file closes: here in the primary, after
 * the secondaries' copies too.
 */
static void
ctn_group_put(struct vfio_dev_group *grp)
{
	if (--grp->users > 0)
		return;
	TAILQ_REMOVE(&vfio_dev_ctns.groups, grp, next);
	close(grp->fd);
	free(grp);
}

/* Call with the lock held. */
static bool
ctn_in_use(const struct vfio_dev_ctn *ctn)
{
	const struct vfio_dev_group *grp;

	TAILQ_FOREACH(grp, &vfio_dev_ctns.groups, next)
		if (grp->ctn == ctn)
			return true;
	return false;
}

static struct vfio_dev_group *
ctn_group_new(int num, int fd, struct vfio_dev_ctn *ctn)
{
	struct vfio_dev_group *grp = calloc(1, sizeof(*grp));

	if (grp == NULL)
		return NULL;
	grp->num = num;
	grp->fd = fd;
	grp->ctn = ctn;
	grp->users = 1;
	TAILQ_INSERT_TAIL(&vfio_dev_ctns.groups, grp, next);
	return grp;
}

/* Call with the lock held: the primary's group, in @p ctn. */
static int
ctn_group_get(struct vfio_dev_ctn *ctn, int num, struct vfio_dev_group **out)
{
	struct vfio_dev_group *grp = ctn_group_find(num);
	int fd, ret;

	if (grp != NULL) {
		if (grp->ctn != ctn) {
			VFIO_DEV_LOG(ERR, "VFIO group %d is in the %s container, not the %s one",
				     num, rte_vfio_dev_iommu_name(grp->ctn->mode),
				     rte_vfio_dev_iommu_name(ctn->mode));
			return -EBUSY;
		}
		grp->users++;
		*out = grp;
		return 0;
	}
	fd = ctn_group_open(num);
	if (fd < 0)
		return fd;
	grp = ctn_group_new(num, fd, NULL);
	if (grp == NULL) {
		close(fd);
		return -ENOMEM;
	}
	ret = ctn_group_attach(grp, ctn);
	if (ret < 0) {
		ctn_group_put(grp);
		return ret;
	}
	*out = grp;
	return 0;
}

/*
 * The device fd, from its group in the container of vdev->iommu: in the
 * primary, set up here; in a secondary, the group the primary's answer
 * gave (vfio_dev_container_query()).
 */
int
vfio_dev_container_open(struct rte_vfio_dev *vdev)
{
	bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;
	struct vfio_dev_ctn *ctn = ctn_of_mode(vdev->iommu);
	struct vfio_dev_group *grp = vdev->group;
	int fd, ret = 0;

	if (ctn == NULL)
		return -EINVAL;
	pthread_mutex_lock(&vfio_dev_ctns.lock);
	if (primary) {
		if (ctn->fd < 0)
			ret = ctn_create(ctn);
		if (ret == 0)
			ret = ctn_group_get(ctn, vdev->group_num, &grp);
		if (ret < 0)
			goto out;
	} else if (grp == NULL) {
		ret = -ENODEV;
		goto out;
	}
	fd = ioctl(grp->fd, VFIO_GROUP_GET_DEVICE_FD, vdev->name);
	if (fd < 0) {
		ret = -errno;
		VFIO_DEV_LOG(ERR, "%s: VFIO_GROUP_GET_DEVICE_FD: %s", vdev->name,
			     strerror(errno));
		/* A secondary's group goes with the device, at close. */
		if (primary)
			ctn_group_put(grp);
		goto out;
	}
	vdev->fd = fd;
	vdev->iommu_type = ctn->type;
	if (primary) {
		vdev->group = grp;
		vdev->container_fd = ctn->fd;
		ctn->users++;
	}
out:
	if (primary && ctn->users == 0)
		ctn_destroy(ctn);
	pthread_mutex_unlock(&vfio_dev_ctns.lock);
	return ret;
}

/*
 * The release order: the device fd (it holds a reference on the group),
 * the group (out of the container with its last device), the container
 * (with its last group; the kernel drops its mappings).
 */
void
vfio_dev_container_close(struct rte_vfio_dev *vdev)
{
	struct vfio_dev_ctn *ctn = ctn_of_mode(vdev->iommu);
	bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;

	if (vdev->fd >= 0)
		close(vdev->fd);
	vdev->fd = -1;
	pthread_mutex_lock(&vfio_dev_ctns.lock);
	if (vdev->group != NULL) {
		ctn_group_put(vdev->group);
		vdev->group = NULL;
		if (primary && ctn != NULL && --ctn->users == 0)
			ctn_destroy(ctn);
		else if (!primary && ctn != NULL && !ctn_in_use(ctn))
			ctn_user_maps_clear(ctn);
	}
	pthread_mutex_unlock(&vfio_dev_ctns.lock);
	if (vdev->container_fd_owned)
		close(vdev->container_fd);
	vdev->container_fd = -1;
	vdev->container_fd_owned = false;
}

/*
 * The primary answers with the container's and the group's fds when the
 * group is in one of the library's containers; under the lock, the fds
 * stay open until sent.
 */
static int
ctn_mp_primary(const struct rte_mp_msg *msg, const void *peer)
{
	const struct vfio_dev_ctn_param *req =
		(const struct vfio_dev_ctn_param *)msg->param;
	struct vfio_dev_ctn_param *rep;
	struct vfio_dev_group *grp;
	struct rte_mp_msg reply;
	int ret;

	if (msg->len_param != sizeof(*req)) {
		VFIO_DEV_LOG(ERR, "invalid container request from a secondary process");
		return -1;
	}
	memset(&reply, 0, sizeof(reply));
	rep = (struct vfio_dev_ctn_param *)reply.param;
	strlcpy(reply.name, VFIO_DEV_MP_CONTAINER, sizeof(reply.name));
	reply.len_param = sizeof(*rep);
	rep->group_num = req->group_num;
	pthread_mutex_lock(&vfio_dev_ctns.lock);
	grp = ctn_group_find(req->group_num);
	if (grp != NULL && grp->ctn != NULL && grp->ctn->fd >= 0) {
		rep->iommu_type = grp->ctn->type;
		reply.num_fds = 2;
		reply.fds[0] = grp->ctn->fd;
		reply.fds[1] = grp->fd;
	}
	ret = rte_mp_reply(&reply, peer);
	pthread_mutex_unlock(&vfio_dev_ctns.lock);
	return ret;
}

/*
 * EAL would give a device of a group in one of the library's containers
 * EAL's own group fd, which it cannot have: the group is open here.
 */
bool
vfio_dev_container_holds(int group_num)
{
	bool held;

	pthread_mutex_lock(&vfio_dev_ctns.lock);
	held = ctn_group_find(group_num) != NULL;
	pthread_mutex_unlock(&vfio_dev_ctns.lock);
	return held;
}

static void
vfio_dev_container_mp_register(void)
{
	pthread_mutex_lock(&vfio_dev_ctns.lock);
	if (!vfio_dev_ctns.mp_action) {
		if (rte_mp_action_register(VFIO_DEV_MP_CONTAINER,
					   ctn_mp_primary) == 0 ||
		    rte_errno == EEXIST)
			vfio_dev_ctns.mp_action = true;
		else if (rte_errno != ENOTSUP)
			VFIO_DEV_LOG(WARNING, "cannot answer secondary processes: %s",
				     rte_strerror(rte_errno));
	}
	pthread_mutex_unlock(&vfio_dev_ctns.lock);
}

RTE_INIT(vfio_dev_container_mp_init)
{
	vfio_dev_container_mp_register();
}

/*
 * Call with the lock held. A secondary's group: the fd the primary sent,
 * unless this process has the group already (another of its devices).
 * Takes @p fd in any case.
 */
static int
ctn_group_adopt(struct vfio_dev_ctn *ctn, int num, int fd,
		struct vfio_dev_group **out)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	struct vfio_dev_group *grp = ctn_group_find(num);

	if (grp != NULL) {
		close(fd);
		grp->users++;
		*out = grp;
		return 0;
	}
	if (ioctl(fd, VFIO_GROUP_GET_STATUS, &status) < 0 ||
	    (status.flags & VFIO_GROUP_FLAGS_CONTAINER_SET) == 0) {
		VFIO_DEV_LOG(ERR, "VFIO group %d: the primary process's group fd is in no container",
			     num);
		close(fd);
		return -ENODEV;
	}
	grp = ctn_group_new(num, fd, ctn);
	if (grp == NULL) {
		close(fd);
		return -ENOMEM;
	}
	*out = grp;
	return 0;
}

/*
 * A secondary process: the primary decided the container, and has the
 * group open (a group is opened once). No answer (a primary without this
 * library, or no multi-process channel) means EAL's.
 */
int
vfio_dev_container_query(struct rte_vfio_dev *vdev)
{
	struct timespec ts = { .tv_sec = 5 };
	struct rte_mp_reply mp_reply = { 0 };
	const struct vfio_dev_ctn_param *rep;
	struct vfio_dev_ctn_param *req;
	struct vfio_dev_ctn *ctn = NULL;
	struct rte_mp_msg msg;
	const struct rte_mp_msg *r;
	int i, ret = 0;

	memset(&msg, 0, sizeof(msg));
	strlcpy(msg.name, VFIO_DEV_MP_CONTAINER, sizeof(msg.name));
	msg.len_param = sizeof(*req);
	req = (struct vfio_dev_ctn_param *)msg.param;
	req->group_num = vdev->group_num;
	vdev->iommu = RTE_VFIO_DEV_IOMMU_EAL;
	if (rte_mp_request_sync(&msg, &mp_reply, &ts) != 0 ||
	    mp_reply.nb_received != 1) {
		VFIO_DEV_LOG(DEBUG, "%s: no answer from the primary about its container, assuming EAL's",
			     vdev->name);
		free(mp_reply.msgs);
		return 0;
	}
	r = &mp_reply.msgs[0];
	rep = (const struct vfio_dev_ctn_param *)r->param;
	if (r->len_param == sizeof(*rep) && rep->group_num == vdev->group_num)
		ctn = ctn_of_type(rep->iommu_type);
	if (ctn != NULL && r->num_fds == 2) {
		pthread_mutex_lock(&vfio_dev_ctns.lock);
		ret = ctn_group_adopt(ctn, vdev->group_num, r->fds[1],
				      &vdev->group);
		pthread_mutex_unlock(&vfio_dev_ctns.lock);
		if (ret == 0) {
			vdev->iommu = ctn->mode;
			vdev->container_fd = r->fds[0];
			vdev->container_fd_owned = true;
		} else {
			close(r->fds[0]);
		}
	} else {
		for (i = 0; i < r->num_fds; i++)
			close(r->fds[i]);
	}
	free(mp_reply.msgs);
	return ret;
}

static bool
dma_range_ok(uint64_t va, uint64_t iova, uint64_t len)
{
	uint64_t pg = vfio_dev_page_size();

	return len != 0 && va + len >= va && iova + len >= iova &&
		(va | iova | len) % pg == 0;
}

static int
dma_check(const struct rte_vfio_dev *vdev, uint64_t va, uint64_t iova,
	  uint64_t len)
{
	if (vdev == NULL || !dma_range_ok(va, iova, len))
		return -EINVAL;
	if (vdev->iommu_type < 0)
		return -ENODEV;
	return 0;
}

/*
 * Call with the lock held. Type1 (v1) unmaps every mapping a range
 * touches, whole, and says so only in the size it reports: a half unmap
 * would silently take the other half too. So in a type1 container the
 * library remembers what the application mapped and refuses an unmap that
 * is not exactly one of those, as type1v2 does by itself (-EINVAL).
 */
static int
ctn_user_map(struct vfio_dev_ctn *ctn, int fd, uint64_t va, uint64_t iova,
	     uint64_t len)
{
	struct vfio_dev_user_map *m = NULL;
	int ret;

	if (ctn->type == VFIO_TYPE1_IOMMU) {
		m = malloc(sizeof(*m));
		if (m == NULL)
			return -ENOMEM;
	}
	ret = ctn_map(fd, va, iova, len);
	if (m == NULL)
		return ret;
	if (ret < 0) {
		free(m);
		return ret;
	}
	m->iova = iova;
	m->len = len;
	TAILQ_INSERT_TAIL(&ctn->user_maps, m, next);
	return 0;
}

static int
ctn_user_unmap(struct vfio_dev_ctn *ctn, int fd, uint64_t iova, uint64_t len)
{
	struct vfio_dev_user_map *m;

	if (ctn->type != VFIO_TYPE1_IOMMU)
		return ctn_unmap(fd, iova, len);
	TAILQ_FOREACH(m, &ctn->user_maps, next)
		if (m->iova == iova && m->len == len)
			break;
	if (m == NULL)
		return -EINVAL;
	TAILQ_REMOVE(&ctn->user_maps, m, next);
	free(m);
	return ctn_unmap(fd, iova, len);
}

/* In the container of the device's mode, through its fd in this process. */
static int
ctn_dma(enum rte_vfio_dev_iommu mode, int fd, uint64_t va, uint64_t iova,
	uint64_t len, bool map)
{
	struct vfio_dev_ctn *ctn = ctn_of_mode(mode);
	int ret;

	if (mode == RTE_VFIO_DEV_IOMMU_EAL)
		return vfio_dev_eal_dma(va, iova, len, map);
	if (ctn == NULL)
		return -EINVAL;
	pthread_mutex_lock(&vfio_dev_ctns.lock);
	if (fd < 0)
		fd = ctn->fd;
	if (fd < 0)
		ret = -ENODEV;
	else if (map)
		ret = ctn_user_map(ctn, fd, va, iova, len);
	else
		ret = ctn_user_unmap(ctn, fd, iova, len);
	pthread_mutex_unlock(&vfio_dev_ctns.lock);
	if (ret < 0)
		VFIO_DEV_LOG(ERR, "%s container: DMA %s %#" PRIx64
			     " at IOVA %#" PRIx64 " (%" PRIu64 " bytes): %s",
			     rte_vfio_dev_iommu_name(mode),
			     map ? "map" : "unmap", va, iova, len,
			     strerror(-ret));
	return ret;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_dma_map)
int
rte_vfio_dev_dma_map(struct rte_vfio_dev *vdev, uint64_t va, uint64_t iova,
		     uint64_t len)
{
	int ret = dma_check(vdev, va, iova, len);

	if (ret < 0)
		return ret;
	return ctn_dma(vdev->iommu, vdev->container_fd, va, iova, len, true);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_dma_unmap)
int
rte_vfio_dev_dma_unmap(struct rte_vfio_dev *vdev, uint64_t va, uint64_t iova,
		       uint64_t len)
{
	int ret = dma_check(vdev, va, iova, len);

	if (ret < 0)
		return ret;
	return ctn_dma(vdev->iommu, vdev->container_fd, va, iova, len, false);
}

static int
ctn_dma_by_mode(enum rte_vfio_dev_iommu mode, uint64_t va, uint64_t iova,
		uint64_t len, bool map)
{
	if (!dma_range_ok(va, iova, len) ||
	    rte_vfio_dev_iommu_name(mode) == NULL)
		return -EINVAL;
	return ctn_dma(mode, -1, va, iova, len, map);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_container_dma_map)
int
rte_vfio_dev_container_dma_map(enum rte_vfio_dev_iommu mode, uint64_t va,
			       uint64_t iova, uint64_t len)
{
	return ctn_dma_by_mode(mode, va, iova, len, true);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_container_dma_unmap)
int
rte_vfio_dev_container_dma_unmap(enum rte_vfio_dev_iommu mode, uint64_t va,
				 uint64_t iova, uint64_t len)
{
	return ctn_dma_by_mode(mode, va, iova, len, false);
}

static const char * const vfio_dev_iommu_names[] = {
	[RTE_VFIO_DEV_IOMMU_EAL] = "eal",
	[RTE_VFIO_DEV_IOMMU_TYPE1V2] = "type1v2",
	[RTE_VFIO_DEV_IOMMU_TYPE1] = "type1",
};

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_iommu_parse)
int
rte_vfio_dev_iommu_parse(const char *str, enum rte_vfio_dev_iommu *mode)
{
	unsigned int i;

	if (str == NULL || mode == NULL)
		return -EINVAL;
	for (i = 0; i < RTE_DIM(vfio_dev_iommu_names); i++) {
		if (strcmp(str, vfio_dev_iommu_names[i]) == 0) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_vfio_dev_iommu_name, 26.11)
const char *
rte_vfio_dev_iommu_name(enum rte_vfio_dev_iommu mode)
{
	if ((unsigned int)mode >= RTE_DIM(vfio_dev_iommu_names))
		return NULL;
	return vfio_dev_iommu_names[mode];
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_vfio_dev_iommu_mode, 26.11)
enum rte_vfio_dev_iommu
rte_vfio_dev_iommu_mode(const struct rte_vfio_dev *vdev)
{
	return vdev != NULL ? vdev->iommu : RTE_VFIO_DEV_IOMMU_EAL;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_vfio_dev_iommu_type, 26.11)
int
rte_vfio_dev_iommu_type(const struct rte_vfio_dev *vdev)
{
	if (vdev == NULL)
		return -EINVAL;
	return vdev->iommu_type >= 0 ? vdev->iommu_type : -ENODEV;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_vfio_dev_iommu_type_name, 26.11)
const char *
rte_vfio_dev_iommu_type_name(int type)
{
	switch (type) {
	case VFIO_TYPE1_IOMMU:
		return "type1";
	case VFIO_TYPE1v2_IOMMU:
		return "type1v2";
	case VFIO_SPAPR_TCE_v2_IOMMU:
		return "spapr-v2";
	case VFIO_NOIOMMU_IOMMU:
		return "noiommu";
	default:
		return "unknown";
	}
}
