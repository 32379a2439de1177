/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Scan of /sys/bus/mdev/devices. It reads sysfs only, through paths relative
 * to one directory fd, and reads each type's attributes once: a Scalable-IOV
 * parent may expose thousands of devices of a handful of types.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_devargs.h>
#include <rte_memory.h>

#include "private.h"

/* A type is identified by its parent and its id, cached under that key. */
struct mdev_type_entry {
	struct rte_mdev_type type;
	char *key;
	char *bus_info; /* rte_device.bus_info of every device of the type */
	bool usable; /* false: attributes malformed, devices skipped */
};

struct mdev_parent_entry {
	char *path; /* parent directory as the device link names it */
	int fd;     /* O_PATH fd of that directory, -1 if it cannot be opened */
	int numa_node;
};

struct mdev_scan_ctx {
	int dirfd;
	struct mdev_parent_entry *parents;
	unsigned int nb_parents;
	int last_parent; /* index of the previous device's parent, or -1 */
	struct rte_mdev_device **found;
	unsigned int nb_found;
	unsigned int max_found;
};

/* Read a one-line sysfs attribute relative to dirfd, without the newline. */
static int
read_attr(int dirfd, const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n < 0)
		return n;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

static int
read_link(int dirfd, const char *path, char *buf, size_t len)
{
	ssize_t n;

	n = readlinkat(dirfd, path, buf, len - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

static const char *
last_component(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash == NULL ? path : slash + 1;
}

static struct mdev_type_entry *
type_lookup(const char *key)
{
	struct rte_mdev_type *t;

	TAILQ_FOREACH(t, &mdev_bus.types, next) {
		struct mdev_type_entry *e =
			container_of(t, struct mdev_type_entry, type);

		if (strcmp(e->key, key) == 0)
			return e;
	}
	return NULL;
}

static void
type_free(struct mdev_type_entry *e)
{
	free(e->type.id);
	free(e->type.name);
	free(e->type.description);
	free(e->type.api_name);
	free(e->bus_info);
	free(e->key);
	free(e);
}

/*
 * Read the attributes of the type that device @p uuid links to. A type the
 * kernel describes badly is cached as unusable so that each of its devices
 * is skipped without reading it again.
 */
static struct mdev_type_entry *
type_load(int dirfd, const char *uuid, const char *key, const char *id)
{
	char path[PATH_MAX];
	char api[64], name[256], desc[1024];
	struct mdev_type_entry *e;
	int ret;

	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return NULL;
	e->key = strdup(key);
	e->type.id = strdup(id);
	if (e->key == NULL || e->type.id == NULL)
		goto nomem;

	snprintf(path, sizeof(path), "%s/mdev_type/device_api", uuid);
	ret = read_attr(dirfd, path, api, sizeof(api));
	if (ret < 0) {
		MDEV_LOG(WARNING, "type %s: cannot read device_api: %s",
			 id, strerror(-ret));
		api[0] = '\0';
	} else if (api[0] == '\0') {
		MDEV_LOG(WARNING, "type %s: empty device_api", id);
	}
	e->usable = api[0] != '\0';

	snprintf(path, sizeof(path), "%s/mdev_type/name", uuid);
	ret = read_attr(dirfd, path, name, sizeof(name));
	if (ret == -ENOENT) {
		name[0] = '\0';
	} else if (ret < 0) {
		MDEV_LOG(WARNING, "type %s: cannot read name: %s",
			 id, strerror(-ret));
		name[0] = '\0';
		e->usable = false;
	}

	snprintf(path, sizeof(path), "%s/mdev_type/description", uuid);
	ret = read_attr(dirfd, path, desc, sizeof(desc));
	if (ret == -ENOENT) {
		desc[0] = '\0';
	} else if (ret < 0) {
		MDEV_LOG(WARNING, "type %s: cannot read description: %s",
			 id, strerror(-ret));
		desc[0] = '\0';
		e->usable = false;
	}

	e->type.api_name = strdup(api);
	e->type.name = strdup(name);
	e->type.description = strdup(desc);
	if (e->type.api_name == NULL || e->type.name == NULL ||
	    e->type.description == NULL)
		goto nomem;
	if (asprintf(&e->bus_info, "type=%s, device_api=%s", id, api) < 0) {
		e->bus_info = NULL;
		goto nomem;
	}
	e->type.api = rte_mdev_api_parse(api);
	if (e->usable && e->type.api == RTE_MDEV_API_UNKNOWN)
		MDEV_LOG(INFO, "type %s: unknown device_api \"%s\"", id, api);

	TAILQ_INSERT_TAIL(&mdev_bus.types, &e->type, next);
	return e;
nomem:
	type_free(e);
	return NULL;
}

/*
 * The parent of a device, opened once. Attributes of the parent's devices
 * are then read relative to it: following the bus's device link again for
 * each of them costs a full path walk (the link's "../" and every
 * component of the target) per attribute, which is most of the scan time
 * with thousands of devices.
 */
static struct mdev_parent_entry *
parent_get(struct mdev_scan_ctx *ctx, const char *parent_path)
{
	struct mdev_parent_entry *p;
	char buf[32];
	unsigned int i;

	for (i = 0; i < ctx->nb_parents; i++)
		if (strcmp(ctx->parents[i].path, parent_path) == 0)
			return &ctx->parents[i];

	p = realloc(ctx->parents, (ctx->nb_parents + 1) * sizeof(*p));
	if (p == NULL)
		return NULL;
	ctx->parents = p;
	p = &p[ctx->nb_parents];
	p->path = strdup(parent_path);
	if (p->path == NULL)
		return NULL;
	/* The link is relative to the bus directory, as the kernel made it. */
	p->fd = openat(ctx->dirfd, parent_path,
		       O_PATH | O_DIRECTORY | O_CLOEXEC);
	p->numa_node = SOCKET_ID_ANY;
	if (p->fd >= 0 && read_attr(p->fd, "numa_node", buf, sizeof(buf)) == 0) {
		char *end;
		long v = strtol(buf, &end, 10);

		if (end != buf && *end == '\0' && v >= 0 && v < RTE_MAX_NUMA_NODES)
			p->numa_node = v;
	}
	ctx->nb_parents++;
	return p;
}

void
mdev_free_device(struct rte_mdev_device *dev)
{
	if (dev == NULL)
		return;
	free(dev->parent);
	free(dev->kdrv);
	free(dev);
}

static int
iommu_group_number(int dirfd, const char *uuid)
{
	char path[PATH_MAX];
	char link[PATH_MAX];
	const char *num;
	char *end;
	long v;

	snprintf(path, sizeof(path), "%s/iommu_group", uuid);
	if (read_link(dirfd, path, link, sizeof(link)) < 0)
		return -1;
	num = last_component(link);
	v = strtol(num, &end, 10);
	if (end == num || *end != '\0' || v < 0 || v > INT_MAX)
		return -1;
	return v;
}

/*
 * Build a device from its sysfs entry. Returns NULL, with a log line, when
 * the entry is malformed or went away while we read it.
 */
static struct rte_mdev_device *
device_load(struct mdev_scan_ctx *ctx, const char *entry,
	    const rte_uuid_t uuid)
{
	char devlink[PATH_MAX], typelink[PATH_MAX];
	char path[PATH_MAX], key[2 * PATH_MAX + 2], drvlink[PATH_MAX];
	struct mdev_type_entry *type;
	struct rte_mdev_device *dev;
	struct mdev_parent_entry *parent;
	const char *devdir;
	char *slash;
	int fd, ret;

	/*
	 * Devices come in large groups under one parent: try the previous
	 * device's parent first. The kernel names a device's directory as
	 * its bus link and refuses a UUID used under another parent, so a
	 * hit there is this device, found without resolving the bus link.
	 */
	if (ctx->last_parent >= 0 && ctx->parents[ctx->last_parent].fd >= 0) {
		parent = &ctx->parents[ctx->last_parent];
		snprintf(path, sizeof(path), "%s/mdev_type", entry);
		if (read_link(parent->fd, path, typelink, sizeof(typelink)) == 0) {
			fd = parent->fd;
			devdir = entry;
			goto have_type;
		}
	}

	ret = read_link(ctx->dirfd, entry, devlink, sizeof(devlink));
	if (ret < 0) {
		MDEV_LOG(WARNING, "skipping %s: %s", entry,
			 ret == -ENOENT ? "device vanished during scan" :
			 strerror(-ret));
		return NULL;
	}
	/* The device link ends in <parent>/<uuid>; keep the parent part. */
	slash = strrchr(devlink, '/');
	if (slash == NULL || slash == devlink) {
		MDEV_LOG(WARNING, "skipping %s: no parent in link %s",
			 entry, devlink);
		return NULL;
	}
	*slash = '\0';
	devdir = slash + 1;
	parent = parent_get(ctx, devlink);
	if (parent == NULL) {
		MDEV_LOG(ERR, "skipping %s: out of memory", entry);
		return NULL;
	}
	/* Without the parent's fd, walk through the bus link as before. */
	fd = parent->fd >= 0 ? parent->fd : ctx->dirfd;
	if (parent->fd < 0)
		devdir = entry;

	snprintf(path, sizeof(path), "%s/mdev_type", devdir);
	ret = read_link(fd, path, typelink, sizeof(typelink));
	if (ret < 0) {
		/* The link in bus/mdev/devices outlives its device briefly. */
		if (faccessat(ctx->dirfd, entry, F_OK, 0) != 0)
			MDEV_LOG(WARNING, "skipping %s: device vanished during scan",
				 entry);
		else
			MDEV_LOG(WARNING, "skipping %s: no mdev_type (%s)",
				 entry, strerror(-ret));
		return NULL;
	}
	ctx->last_parent = parent - ctx->parents;

have_type:
	snprintf(key, sizeof(key), "%s/%s", parent->path, typelink);

	type = type_lookup(key);
	if (type == NULL) {
		type = type_load(fd, devdir, key,
				 last_component(typelink));
		if (type == NULL) {
			MDEV_LOG(ERR, "skipping %s: out of memory", entry);
			return NULL;
		}
	}
	if (!type->usable) {
		MDEV_LOG(WARNING, "skipping %s: type %s is malformed",
			 entry, type->type.id);
		return NULL;
	}

	dev = calloc(1, sizeof(*dev));
	if (dev == NULL) {
		MDEV_LOG(ERR, "skipping %s: out of memory", entry);
		return NULL;
	}
	rte_uuid_copy(dev->uuid, uuid);
	rte_uuid_unparse(uuid, dev->name, sizeof(dev->name));
	dev->type = &type->type;
	dev->vfio_fd = -1;
	dev->iommu_group = iommu_group_number(fd, devdir);

	snprintf(path, sizeof(path), "%s/driver", devdir);
	if (read_link(fd, path, drvlink, sizeof(drvlink)) < 0)
		drvlink[0] = '\0';
	dev->kdrv = strdup(last_component(drvlink));
	dev->parent = strdup(last_component(parent->path));
	if (dev->kdrv == NULL || dev->parent == NULL) {
		mdev_free_device(dev);
		MDEV_LOG(ERR, "skipping %s: out of memory", entry);
		return NULL;
	}

	dev->device.name = dev->name;
	dev->device.bus_info = type->bus_info;
	dev->device.bus = &mdev_bus.bus;
	dev->device.numa_node = parent->numa_node;
	return dev;
}

static int
device_cmp(const void *a, const void *b)
{
	const struct rte_mdev_device *da = *(const struct rte_mdev_device * const *)a;
	const struct rte_mdev_device *db = *(const struct rte_mdev_device * const *)b;

	return memcmp(da->uuid, db->uuid, sizeof(rte_uuid_t));
}

static int
found_add(struct mdev_scan_ctx *ctx, struct rte_mdev_device *dev)
{
	if (ctx->nb_found == ctx->max_found) {
		unsigned int max = ctx->max_found == 0 ? 64 : 2 * ctx->max_found;
		struct rte_mdev_device **f;

		f = realloc(ctx->found, max * sizeof(*f));
		if (f == NULL)
			return -ENOMEM;
		ctx->found = f;
		ctx->max_found = max;
	}
	ctx->found[ctx->nb_found++] = dev;
	return 0;
}

/*
 * Merge the sorted new devices into the sorted device list. A device that
 * is already listed keeps its entry, which a driver may hold: rescans
 * happen on every hotplug request.
 */
static unsigned int
merge_found(struct mdev_scan_ctx *ctx)
{
	struct rte_mdev_device *cur = TAILQ_FIRST(&mdev_bus.devices);
	const struct rte_mdev_device *prev = NULL;
	unsigned int i, added = 0;

	for (i = 0; i < ctx->nb_found; i++) {
		struct rte_mdev_device *dev = ctx->found[i];
		int cmp = 1;

		/* Two sysfs names can spell one UUID (their case differs). */
		if (prev != NULL && rte_uuid_compare(prev->uuid, dev->uuid) == 0) {
			MDEV_LOG(WARNING, "skipping second entry for %s",
				 dev->name);
			continue;
		}
		prev = dev;
		while (cur != NULL &&
		       (cmp = memcmp(cur->uuid, dev->uuid, sizeof(rte_uuid_t))) < 0)
			cur = TAILQ_NEXT(cur, next);
		if (cur != NULL && cmp == 0) {
			/* A hotplug request inserts devargs, then rescans. */
			if (!rte_dev_is_probed(&cur->device))
				cur->device.devargs = mdev_devargs_lookup(cur->name);
			continue;
		}
		if (cur == NULL)
			TAILQ_INSERT_TAIL(&mdev_bus.devices, dev, next);
		else
			TAILQ_INSERT_BEFORE(cur, dev, next);
		dev->device.devargs = mdev_devargs_lookup(dev->name);
		ctx->found[i] = NULL; /* now owned by the list */
		added++;
	}
	return added;
}

static bool
is_dot_entry(const char *name)
{
	return name[0] == '.' && (name[1] == '\0' ||
				  (name[1] == '.' && name[2] == '\0'));
}

int
mdev_scan(void)
{
	struct mdev_scan_ctx ctx = { .dirfd = -1, .last_parent = -1 };
	const char *sysfs = mdev_sysfs_path();
	struct dirent *e;
	unsigned int i, added;
	DIR *dir;

	dir = opendir(sysfs);
	if (dir == NULL) {
		/* No mdev module loaded: an empty bus, not an error. */
		MDEV_LOG(DEBUG, "%s: %s, no mediated devices", sysfs,
			 strerror(errno));
		return 0;
	}
	ctx.dirfd = dirfd(dir);

	while ((e = readdir(dir)) != NULL) {
		struct rte_mdev_device *dev;
		rte_uuid_t uuid;

		if (is_dot_entry(e->d_name))
			continue;
		if (rte_uuid_parse(e->d_name, uuid) != 0) {
			MDEV_LOG(WARNING, "skipping %s/%s: name is not a UUID",
				 sysfs, e->d_name);
			continue;
		}
		dev = device_load(&ctx, e->d_name, uuid);
		if (dev == NULL)
			continue;
		if (found_add(&ctx, dev) < 0) {
			MDEV_LOG(ERR, "out of memory, scan stopped at %s",
				 e->d_name);
			mdev_free_device(dev);
			break;
		}
	}
	closedir(dir);

	qsort(ctx.found, ctx.nb_found, sizeof(*ctx.found), device_cmp);
	rte_spinlock_lock(&mdev_bus.lock);
	added = merge_found(&ctx);
	rte_spinlock_unlock(&mdev_bus.lock);
	MDEV_LOG(DEBUG, "scan of %s: %u new devices", sysfs, added);

	/* Entries still in found[] were already listed or duplicates. */
	for (i = 0; i < ctx.nb_found; i++)
		mdev_free_device(ctx.found[i]);
	for (i = 0; i < ctx.nb_parents; i++) {
		if (ctx.parents[i].fd >= 0)
			close(ctx.parents[i].fd);
		free(ctx.parents[i].path);
	}
	free(ctx.parents);
	free(ctx.found);
	return 0;
}

/* Types are shared by devices; free them only when no device is left. */
void
mdev_free_types(void)
{
	struct rte_mdev_type *t;

	while ((t = TAILQ_FIRST(&mdev_bus.types)) != NULL) {
		TAILQ_REMOVE(&mdev_bus.types, t, next);
		type_free(container_of(t, struct mdev_type_entry, type));
	}
}
