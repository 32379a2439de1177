/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * A VFIO container of the library's own, set to VFIO_TYPE1v2_IOMMU and
 * shared by every device opened in RTE_VFIO_DEV_IOMMU_TYPE1V2 mode.
 *
 * Why not EAL's containers: EAL's default container gets the first IOMMU
 * type that works, type1 v1, where the kernel refuses vfio_pin_pages() to
 * mdev vendor drivers. rte_vfio_container_create() gives a second container,
 * but rte_vfio_setup_device() would set type1 v1 on it too (it picks the
 * type for any fresh container), and rte_vfio_container_dma_map() refuses a
 * container whose type EAL did not set itself ("VFIO support not
 * initialized"). So EAL creates the container and keeps the group fds
 * (rte_vfio_container_group_bind(): a secondary process then gets the group
 * from the primary through EAL's channel, whose handler searches every
 * container), and the library does the rest with the VFIO ioctls: attach
 * the group, set the IOMMU type, get the device fd, map DPDK memory and
 * follow memory hotplug.
 *
 * Memory is mapped a page (memseg) at a time, as EAL does: type1v2 refuses
 * to unmap part of a mapping, and hotplug frees pages one by one. Legacy
 * memory, which is never freed, is mapped in contiguous runs instead.
 *
 * Locking: vfio_dev_ctn.lock serialises device open and close and the
 * multi-process handler; memory map changes take EAL's memory hotplug lock
 * (after ours), which keeps the hotplug callback out while the container is
 * set up or destroyed. The callback itself takes no lock of ours.
 */

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
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
#include <rte_vfio.h>
#include <eal_export.h>

#include "vfio_dev_private.h"

#define VFIO_DEV_MEM_EVENT_NAME "vfio_dev_type1v2"

struct vfio_dev_group {
	TAILQ_ENTRY(vfio_dev_group) next;
	int num;
	int fd;               /* EAL's: bound in the primary, asked for in a secondary */
	unsigned int users;   /* open devices of the group */
};

TAILQ_HEAD(vfio_dev_group_list, vfio_dev_group);

static struct {
	pthread_mutex_t lock;
	int fd;               /* the type1v2 container (primary), -1: none */
	unsigned int users;   /* devices in it */
	bool iommu_set;       /* VFIO_SET_IOMMU done, DPDK memory mapped */
	bool mem_event;       /* hotplug callback registered */
	bool mp_action;       /* multi-process handler registered */
	struct vfio_dev_group_list groups;
} vfio_dev_ctn = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.fd = -1,
	.groups = TAILQ_HEAD_INITIALIZER(vfio_dev_ctn.groups),
};

/* Asked by a secondary process: where did the primary put a group? */
struct vfio_dev_ctn_param {
	int32_t group_num;
	int32_t iommu_type;   /* VFIO_TYPE1v2_IOMMU: the library's, 0: not */
};

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
	      void *arg __rte_unused)
{
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
			ret = ctn_map(vfio_dev_ctn.fd, ms->addr_64, ms->iova,
				      ms->len);
			if (ret == -EEXIST)
				ret = 0;
		} else {
			ret = ctn_unmap(vfio_dev_ctn.fd, ms->iova, ms->len);
		}
		if (ret < 0)
			VFIO_DEV_LOG(ERR, "type1v2 container: %s %p (IOVA %#" PRIx64 ", %zu bytes): %s",
				     type == RTE_MEM_EVENT_ALLOC ? "map" : "unmap",
				     ms->addr, ms->iova, ms->len,
				     strerror(-ret));
	}
}

/* The initial mapping: memsegs, or runs of them when they never go away. */
struct ctn_walk {
	int fd;
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
	ret = ctn_map(w->fd, w->va, w->iova, w->len);
	if (ret < 0 && ret != -EEXIST) {
		VFIO_DEV_LOG(ERR, "type1v2 container: cannot map %#" PRIx64 " (IOVA %#" PRIx64 ", %" PRIu64 " bytes): %s",
			     w->va, w->iova, w->len, strerror(-ret));
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
ctn_mem_setup(void)
{
	struct ctn_walk w = { .fd = vfio_dev_ctn.fd };

	/* No allocation or free can happen until unlocked. */
	rte_mcfg_mem_read_lock();
	if (rte_mem_event_callback_register(VFIO_DEV_MEM_EVENT_NAME,
					    ctn_mem_event, NULL) == 0) {
		vfio_dev_ctn.mem_event = true;
	} else if (rte_errno == ENOTSUP) {
		/* Legacy memory: nothing is ever freed. */
		w.merge = true;
	} else {
		w.ret = -rte_errno;
		rte_mcfg_mem_read_unlock();
		VFIO_DEV_LOG(ERR, "type1v2 container: cannot follow memory hotplug: %s",
			     rte_strerror(-w.ret));
		return w.ret;
	}
	if (rte_memseg_walk_thread_unsafe(ctn_walk_seg, &w) == 0)
		ctn_walk_flush(&w);
	if (w.ret < 0 && vfio_dev_ctn.mem_event) {
		rte_mem_event_callback_unregister(VFIO_DEV_MEM_EVENT_NAME, NULL);
		vfio_dev_ctn.mem_event = false;
	}
	rte_mcfg_mem_read_unlock();
	return w.ret;
}

/* Call with the lock held; the container has no group left. */
static void
ctn_destroy(void)
{
	if (vfio_dev_ctn.fd < 0)
		return;
	rte_mcfg_mem_read_lock();
	if (vfio_dev_ctn.mem_event)
		rte_mem_event_callback_unregister(VFIO_DEV_MEM_EVENT_NAME, NULL);
	vfio_dev_ctn.mem_event = false;
	rte_mcfg_mem_read_unlock();
	/* The kernel drops the mappings with the container. */
	if (rte_vfio_container_destroy(vfio_dev_ctn.fd) != 0)
		VFIO_DEV_LOG(ERR, "type1v2 container: EAL could not destroy it");
	vfio_dev_ctn.fd = -1;
	vfio_dev_ctn.iommu_set = false;
	VFIO_DEV_LOG(DEBUG, "type1v2 container destroyed");
}

/* Call with the lock held. */
static int
ctn_create(void)
{
	int fd, ret;

	if (!rte_vfio_is_enabled("vfio")) {
		VFIO_DEV_LOG(ERR, "type1v2 container: EAL has not enabled VFIO");
		return -ENODEV;
	}
	fd = rte_vfio_container_create();
	if (fd < 0) {
		VFIO_DEV_LOG(ERR, "type1v2 container: EAL cannot create a container");
		return -ENODEV;
	}
	ret = ioctl(fd, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU);
	if (ret <= 0) {
		VFIO_DEV_LOG(ERR, "type1v2 container: the kernel does not offer VFIO_TYPE1v2_IOMMU (is vfio_iommu_type1 loaded?)");
		rte_vfio_container_destroy(fd);
		return -ENOTSUP;
	}
	vfio_dev_ctn.fd = fd;
	vfio_dev_ctn.iommu_set = false;
	return 0;
}

static struct vfio_dev_group *
ctn_group_find(int num)
{
	struct vfio_dev_group *grp;

	TAILQ_FOREACH(grp, &vfio_dev_ctn.groups, next)
		if (grp->num == num)
			return grp;
	return NULL;
}

/* What EAL failed to open a group with: errno when telling, else ENODEV. */
static int
ctn_group_errno(int ret, int err)
{
	if (ret == -ENOENT)
		return -ENODEV;
	switch (err) {
	case EBUSY:
	case EACCES:
	case EPERM:
		return -err;
	default:
		return -ENODEV;
	}
}

/* The group joins the container; the first one sets the IOMMU type. */
static int
ctn_group_attach(struct vfio_dev_group *grp)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
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
	/* A group is opened once: a container here is someone else's. */
	if ((status.flags & VFIO_GROUP_FLAGS_CONTAINER_SET) != 0) {
		VFIO_DEV_LOG(ERR, "VFIO group %d is already in a container",
			     grp->num);
		return -EBUSY;
	}
	if (ioctl(grp->fd, VFIO_GROUP_SET_CONTAINER, &vfio_dev_ctn.fd) < 0) {
		ret = -errno;
		VFIO_DEV_LOG(ERR, "VFIO group %d: cannot join the type1v2 container: %s",
			     grp->num, strerror(errno));
		return ret;
	}
	if (vfio_dev_ctn.iommu_set)
		return 0;
	if (ioctl(vfio_dev_ctn.fd, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU) < 0) {
		VFIO_DEV_LOG(ERR, "VFIO group %d: cannot set VFIO_TYPE1v2_IOMMU: %s (a no-IOMMU group needs the EAL mode)",
			     grp->num, strerror(errno));
		return -ENOTSUP;
	}
	ret = ctn_mem_setup();
	if (ret < 0)
		return ret;
	vfio_dev_ctn.iommu_set = true;
	VFIO_DEV_LOG(INFO, "type1v2 container: IOMMU type set by group %d, DPDK memory mapped",
		     grp->num);
	return 0;
}

/* Call with the lock held. */
static void
ctn_group_put(struct vfio_dev_group *grp)
{
	if (--grp->users > 0)
		return;
	TAILQ_REMOVE(&vfio_dev_ctn.groups, grp, next);
	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		/* Closes the group fd: the kernel detaches the group. */
		if (rte_vfio_container_group_unbind(vfio_dev_ctn.fd,
						    grp->num) != 0)
			VFIO_DEV_LOG(ERR, "VFIO group %d: EAL could not unbind it",
				     grp->num);
	} else {
		rte_vfio_clear_group(grp->fd);
		close(grp->fd);
	}
	free(grp);
}

/* Call with the lock held. An open group gains a user. */
static bool
ctn_group_reuse(int num, struct vfio_dev_group **out)
{
	struct vfio_dev_group *grp = ctn_group_find(num);

	if (grp == NULL)
		return false;
	grp->users++;
	*out = grp;
	return true;
}

/* Call with the lock held. */
static int
ctn_group_get_primary(int num, struct vfio_dev_group **out)
{
	struct vfio_dev_group *grp;
	int fd, err, ret;

	if (ctn_group_reuse(num, out))
		return 0;
	grp = calloc(1, sizeof(*grp));
	if (grp == NULL)
		return -ENOMEM;
	errno = 0;
	fd = rte_vfio_container_group_bind(vfio_dev_ctn.fd, num);
	err = errno;
	if (fd < 0) {
		ret = ctn_group_errno(fd, err);
		VFIO_DEV_LOG(ERR, "VFIO group %d: cannot open: %s%s", num,
			     strerror(-ret), ret == -EBUSY ?
			     " (held by EAL's container or another process)" :
			     "");
		free(grp);
		return ret;
	}
	grp->num = num;
	grp->fd = fd;
	grp->users = 1;
	TAILQ_INSERT_TAIL(&vfio_dev_ctn.groups, grp, next);
	ret = ctn_group_attach(grp);
	if (ret < 0) {
		ctn_group_put(grp);
		return ret;
	}
	*out = grp;
	return 0;
}

/*
 * Call with the lock held. The primary set the group up: take its fd from
 * the primary (EAL's channel), do not touch the container.
 */
static int
ctn_group_get_secondary(int num, struct vfio_dev_group **out)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	struct vfio_dev_group *grp;
	int fd, err, ret;

	if (ctn_group_reuse(num, out))
		return 0;
	grp = calloc(1, sizeof(*grp));
	if (grp == NULL)
		return -ENOMEM;
	errno = 0;
	fd = rte_vfio_get_group_fd(num);
	err = errno;
	if (fd < 0) {
		ret = ctn_group_errno(fd, err);
		VFIO_DEV_LOG(ERR, "VFIO group %d: the primary process did not give it: %s",
			     num, strerror(-ret));
		free(grp);
		return ret;
	}
	grp->num = num;
	grp->fd = fd;
	grp->users = 1;
	TAILQ_INSERT_TAIL(&vfio_dev_ctn.groups, grp, next);
	if (ioctl(fd, VFIO_GROUP_GET_STATUS, &status) < 0) {
		ret = -errno;
		VFIO_DEV_LOG(ERR, "VFIO group %d: cannot get status: %s", num,
			     strerror(errno));
		ctn_group_put(grp);
		return ret;
	}
	if ((status.flags & VFIO_GROUP_FLAGS_CONTAINER_SET) == 0) {
		VFIO_DEV_LOG(ERR, "VFIO group %d: the primary process has not set up its container",
			     num);
		ctn_group_put(grp);
		return -ENODEV;
	}
	*out = grp;
	return 0;
}

int
vfio_dev_container_open(struct rte_vfio_dev *vdev)
{
	bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;
	struct vfio_dev_group *grp = NULL;
	int fd, ret;

	pthread_mutex_lock(&vfio_dev_ctn.lock);
	if (primary && vfio_dev_ctn.fd < 0) {
		ret = ctn_create();
		if (ret < 0)
			goto out;
	}
	if (primary)
		ret = ctn_group_get_primary(vdev->group_num, &grp);
	else
		ret = ctn_group_get_secondary(vdev->group_num, &grp);
	if (ret < 0)
		goto out;
	fd = ioctl(grp->fd, VFIO_GROUP_GET_DEVICE_FD, vdev->name);
	if (fd < 0) {
		ret = -errno;
		VFIO_DEV_LOG(ERR, "%s: VFIO_GROUP_GET_DEVICE_FD: %s", vdev->name,
			     strerror(errno));
		ctn_group_put(grp);
		goto out;
	}
	vdev->fd = fd;
	vdev->group = grp;
	vdev->iommu_type = VFIO_TYPE1v2_IOMMU;
	if (primary) {
		vdev->container_fd = vfio_dev_ctn.fd;
		vfio_dev_ctn.users++;
	}
	ret = 0;
out:
	if (primary && vfio_dev_ctn.users == 0)
		ctn_destroy();
	pthread_mutex_unlock(&vfio_dev_ctn.lock);
	return ret;
}

void
vfio_dev_container_close(struct rte_vfio_dev *vdev)
{
	bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;

	if (vdev->group != NULL) {
		/* The device first: it holds a reference on the group. */
		if (vdev->fd >= 0)
			close(vdev->fd);
		vdev->fd = -1;
		pthread_mutex_lock(&vfio_dev_ctn.lock);
		ctn_group_put(vdev->group);
		vdev->group = NULL;
		if (primary && --vfio_dev_ctn.users == 0)
			ctn_destroy();
		pthread_mutex_unlock(&vfio_dev_ctn.lock);
	}
	if (vdev->container_fd_owned)
		close(vdev->container_fd);
	vdev->container_fd = -1;
	vdev->container_fd_owned = false;
}

/*
 * The primary answers with the container's fd when the group is in it, so
 * that a secondary process can map memory too; under the lock, the fd
 * stays open until sent.
 */
static int
ctn_mp_primary(const struct rte_mp_msg *msg, const void *peer)
{
	const struct vfio_dev_ctn_param *req =
		(const struct vfio_dev_ctn_param *)msg->param;
	struct vfio_dev_ctn_param *rep;
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
	pthread_mutex_lock(&vfio_dev_ctn.lock);
	if (vfio_dev_ctn.fd >= 0 && ctn_group_find(req->group_num) != NULL) {
		rep->iommu_type = VFIO_TYPE1v2_IOMMU;
		reply.num_fds = 1;
		reply.fds[0] = vfio_dev_ctn.fd;
	}
	ret = rte_mp_reply(&reply, peer);
	pthread_mutex_unlock(&vfio_dev_ctn.lock);
	return ret;
}

/*
 * EAL would give a device of a group in the library's container the
 * container's group fd (rte_vfio_setup_device() finds the group there): a
 * device said to be in EAL's container would not be.
 */
bool
vfio_dev_container_holds(int group_num)
{
	bool held;

	pthread_mutex_lock(&vfio_dev_ctn.lock);
	held = ctn_group_find(group_num) != NULL;
	pthread_mutex_unlock(&vfio_dev_ctn.lock);
	return held;
}

static void
vfio_dev_container_mp_register(void)
{
	pthread_mutex_lock(&vfio_dev_ctn.lock);
	if (!vfio_dev_ctn.mp_action) {
		if (rte_mp_action_register(VFIO_DEV_MP_CONTAINER,
					   ctn_mp_primary) == 0 ||
		    rte_errno == EEXIST)
			vfio_dev_ctn.mp_action = true;
		else if (rte_errno != ENOTSUP)
			VFIO_DEV_LOG(WARNING, "cannot answer secondary processes: %s",
				     rte_strerror(rte_errno));
	}
	pthread_mutex_unlock(&vfio_dev_ctn.lock);
}

RTE_INIT(vfio_dev_container_mp_init)
{
	vfio_dev_container_mp_register();
}

/*
 * A secondary process: the primary decided the container. No answer (a
 * primary without this library, or no multi-process channel) means EAL's.
 */
int
vfio_dev_container_query(struct rte_vfio_dev *vdev)
{
	struct timespec ts = { .tv_sec = 5 };
	struct rte_mp_reply mp_reply = { 0 };
	const struct vfio_dev_ctn_param *rep;
	struct vfio_dev_ctn_param *req;
	struct rte_mp_msg msg;
	const struct rte_mp_msg *r;
	int i;

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
	if (r->len_param == sizeof(*rep) &&
	    rep->group_num == vdev->group_num &&
	    rep->iommu_type == VFIO_TYPE1v2_IOMMU && r->num_fds == 1) {
		vdev->iommu = RTE_VFIO_DEV_IOMMU_TYPE1V2;
		vdev->container_fd = r->fds[0];
		vdev->container_fd_owned = true;
	} else {
		for (i = 0; i < r->num_fds; i++)
			close(r->fds[i]);
	}
	free(mp_reply.msgs);
	return 0;
}

/* The type EAL gave its default container: the first it tries that works. */
int
vfio_dev_container_eal_type(void)
{
	static const int types[] = {
		VFIO_TYPE1_IOMMU, VFIO_SPAPR_TCE_v2_IOMMU, VFIO_NOIOMMU_IOMMU,
	};
	int fd = rte_vfio_get_container_fd();
	unsigned int i;

	if (fd < 0)
		return -ENODEV;
	/* With a type set, the container asks that type's driver. */
	for (i = 0; i < RTE_DIM(types); i++)
		if (ioctl(fd, VFIO_CHECK_EXTENSION, types[i]) == 1)
			return types[i];
	return -ENODEV;
}

static int
dma_check(const struct rte_vfio_dev *vdev, uint64_t va, uint64_t iova,
	  uint64_t len)
{
	uint64_t pg = vfio_dev_page_size();

	if (vdev == NULL || len == 0 || va + len < va || iova + len < iova ||
	    (va | iova | len) % pg != 0)
		return -EINVAL;
	if (vdev->iommu_type < 0)
		return -ENODEV;
	return 0;
}

static int
dma_eal(uint64_t va, uint64_t iova, uint64_t len, bool map)
{
	int ret;

	rte_errno = 0;
	errno = 0;
	if (map)
		ret = rte_vfio_container_dma_map(RTE_VFIO_DEFAULT_CONTAINER_FD,
						 va, iova, len);
	else
		ret = rte_vfio_container_dma_unmap(RTE_VFIO_DEFAULT_CONTAINER_FD,
						   va, iova, len);
	if (ret == 0)
		return 0;
	/* EAL sets rte_errno for its own refusals, errno is the kernel's. */
	if (rte_errno != 0)
		return -rte_errno;
	return errno != 0 ? -errno : -EIO;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_dma_map)
int
rte_vfio_dev_dma_map(struct rte_vfio_dev *vdev, uint64_t va, uint64_t iova,
		     uint64_t len)
{
	int ret = dma_check(vdev, va, iova, len);

	if (ret < 0)
		return ret;
	if (vdev->iommu == RTE_VFIO_DEV_IOMMU_EAL)
		return dma_eal(va, iova, len, true);
	ret = ctn_map(vdev->container_fd, va, iova, len);
	if (ret < 0)
		VFIO_DEV_LOG(ERR, "%s: DMA map %#" PRIx64 " at IOVA %#" PRIx64 " (%" PRIu64 " bytes): %s",
			     vdev->name, va, iova, len, strerror(-ret));
	return ret;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_dma_unmap)
int
rte_vfio_dev_dma_unmap(struct rte_vfio_dev *vdev, uint64_t va, uint64_t iova,
		       uint64_t len)
{
	int ret = dma_check(vdev, va, iova, len);

	if (ret < 0)
		return ret;
	if (vdev->iommu == RTE_VFIO_DEV_IOMMU_EAL)
		return dma_eal(va, iova, len, false);
	ret = ctn_unmap(vdev->container_fd, iova, len);
	if (ret < 0)
		VFIO_DEV_LOG(ERR, "%s: DMA unmap IOVA %#" PRIx64 " (%" PRIu64 " bytes): %s",
			     vdev->name, iova, len, strerror(-ret));
	return ret;
}

static const char * const vfio_dev_iommu_names[] = {
	[RTE_VFIO_DEV_IOMMU_EAL] = "eal",
	[RTE_VFIO_DEV_IOMMU_TYPE1V2] = "type1v2",
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

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_iommu_name)
const char *
rte_vfio_dev_iommu_name(enum rte_vfio_dev_iommu mode)
{
	if ((unsigned int)mode >= RTE_DIM(vfio_dev_iommu_names))
		return NULL;
	return vfio_dev_iommu_names[mode];
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_iommu_mode)
enum rte_vfio_dev_iommu
rte_vfio_dev_iommu_mode(const struct rte_vfio_dev *vdev)
{
	return vdev != NULL ? vdev->iommu : RTE_VFIO_DEV_IOMMU_EAL;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_iommu_type)
int
rte_vfio_dev_iommu_type(const struct rte_vfio_dev *vdev)
{
	if (vdev == NULL)
		return -EINVAL;
	return vdev->iommu_type >= 0 ? vdev->iommu_type : -ENODEV;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_vfio_dev_iommu_type_name)
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
