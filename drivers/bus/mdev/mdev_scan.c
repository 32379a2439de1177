/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Scan of /sys/bus/mdev/devices. It reads sysfs only, through paths relative
 * to one directory fd, and reads each type's attributes once per scan: a
 * Scalable-IOV parent may expose thousands of devices of a handful of types.
 * The tree may be a fake one (SYSFS_MDEV_DEVICES): the scan never blocks,
 * reads nothing outside the tree and logs what it skips, escaped.
 */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_devargs.h>
#include <rte_memory.h>

#include "private.h"

/*
 * A type is identified by its parent and its id, and its attributes are read
 * once per scan, for the first of its devices the scan meets: they may change
 * (or be fixed) between two scans. A type whose devices are listed is kept in
 * mdev_bus.types until cleanup, as devices point to it; a later scan that
 * reads the same attributes gives its new devices that same entry.
 */
struct mdev_type_entry {
	struct rte_mdev_type type;
	char *key;
	char *bus_info; /* rte_device.bus_info of every device of the type */
	bool usable; /* false: attributes malformed, devices skipped */
	bool listed; /* in mdev_bus.types */
	bool adopted; /* a device listed by this scan points to it */
};

struct mdev_parent_entry {
	char *path; /* parent directory as the device link names it */
	int fd;     /* O_PATH fd of that directory, -1 if it cannot be opened */
	int numa_node;
};

struct mdev_scan_ctx {
	const char *sysfs;
	int dirfd;
	struct mdev_parent_entry *parents;
	unsigned int nb_parents;
	int last_parent; /* index of the previous device's parent, or -1 */
	struct mdev_type_entry **types; /* the types read by this scan */
	unsigned int nb_types;
	struct rte_mdev_device **found;
	unsigned int nb_found;
	unsigned int max_found;
	rte_uuid_t *known; /* UUIDs listed before this scan, sorted */
	unsigned int nb_known;
	unsigned int nb_listed; /* devices listed before, stale ones too */
	/* A hot-plug request's scan: check devargs given to devices. */
	bool rescan;
};

/*
 * The bus directory is bus/mdev/devices below the root of the sysfs tree
 * (/sys, or the fake tree that SYSFS_MDEV_DEVICES names).
 */
#define BUS_DIR_DEPTH 3

/*
 * What read_attr() refuses, beside the errors of open(), fstat() and read(),
 * none of which returns these for a sysfs file.
 */
#define ATTR_ENOTREG EMEDIUMTYPE /* not a regular file */
#define ATTR_ETOOLONG EFBIG      /* longer than the buffer */
#define ATTR_ENUL EILSEQ         /* a NUL byte in the value */

/* Room for a name or a path from sysfs, escaped for a log line. */
#define ESC_LEN 1024

/*
 * @p s for a log line. Names come from the directory scanned: a newline or
 * an escape sequence in one would forge or hide log lines. Bytes other than
 * printable ASCII, and '\', are written \xHH; a long string is cut, "...".
 */
static const char *
log_esc(const char *s, char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = *s;
		size_t need = (c >= 0x20 && c < 0x7f && c != '\\') ? 1 : 4;

		/* Leave room for "..." and the NUL. */
		if (i + need + 4 > len) {
			strcpy(&buf[i], "...");
			return buf;
		}
		if (need == 1) {
			buf[i++] = c;
		} else {
			buf[i++] = '\\';
			buf[i++] = 'x';
			buf[i++] = hex[c >> 4];
			buf[i++] = hex[c & 0xf];
		}
	}
	buf[i] = '\0';
	return buf;
}

/* A path built in @p buf; -ENAMETOOLONG rather than a truncated one. */
static int __rte_format_printf(3, 4)
path_fmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/*
 * Read a one-line sysfs attribute relative to dirfd, without the newline.
 * A scan never blocks and reads only what sysfs holds: a regular file, read
 * whole. A FIFO (open() of it would wait for a writer), a device node or a
 * link in a fake tree is refused, as is a value longer than @p len - 1 bytes
 * (cutting it would change its meaning) or one with a NUL byte in it
 * ("vfio-pci\0junk" is not vfio-pci).
 */
static int
read_attr(int dirfd, const char *path, char *buf, size_t len)
{
	struct stat st;
	ssize_t n;
	int fd, ret = 0;

	fd = openat(dirfd, path,
		    O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		ret = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = -ATTR_ENOTREG;
		goto out;
	}
	/*
	 * sysfs returns a whole attribute in one read. Asking for one byte
	 * more than fits tells a value that is too long from one that fits.
	 */
	n = read(fd, buf, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n == len)
		ret = -ATTR_ETOOLONG;
	else if (memchr(buf, '\0', n) != NULL)
		ret = -ATTR_ENUL;
	if (ret < 0)
		goto out;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
out:
	close(fd);
	return ret;
}

/* Why read_attr() failed, for a log line; @p buf holds the text if needed. */
static const char *
attr_strerror(int ret, size_t len, char *buf, size_t buf_len)
{
	switch (-ret) {
	case ATTR_ENOTREG:
		return "not a regular file";
	case ATTR_ENUL:
		return "contains a NUL byte";
	case ATTR_ETOOLONG:
		snprintf(buf, buf_len, "longer than %zu bytes", len - 1);
		return buf;
	default:
		return strerror(-ret);
	}
}

/* The target of link @p path; -ENAMETOOLONG rather than a truncated one. */
static int
read_link(int dirfd, const char *path, char *buf, size_t len)
{
	ssize_t n;

	n = readlinkat(dirfd, path, buf, len);
	if (n < 0)
		return -errno;
	if ((size_t)n == len)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	return 0;
}

static const char *
last_component(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash == NULL ? path : slash + 1;
}

static bool
is_dot_entry(const char *name)
{
	return name[0] == '.' && (name[1] == '\0' ||
				  (name[1] == '.' && name[2] == '\0'));
}

/*
 * Depth below the root of the sysfs tree of what the relative link target
 * @p target names, for a link @p depth directories below the root; -1 when
 * the target is absolute or climbs above the root. The kernel's links are
 * relative and stay in /sys: nothing the scan reads may come from outside
 * the tree it was given. The check is on the text of the link, as the
 * directories of sysfs that the links go through are no links.
 */
static int
link_depth(const char *target, int depth)
{
	const char *p = target;

	if (*p == '/')
		return -1;
	while (*p != '\0') {
		const char *end = strchrnul(p, '/');
		size_t len = end - p;

		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return -1;
		} else if (len > 1 || (len == 1 && p[0] != '.')) {
			depth++;
		}
		p = *end == '\0' ? end : end + 1;
	}
	return depth;
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

/* The type of this scan named @p key, NULL if not read yet. */
static struct mdev_type_entry *
type_lookup(const struct mdev_scan_ctx *ctx, const char *key)
{
	unsigned int i;

	for (i = 0; i < ctx->nb_types; i++)
		if (strcmp(ctx->types[i]->key, key) == 0)
			return ctx->types[i];
	return NULL;
}

/* The scan owns its types; devices point to them const, for drivers. */
static struct mdev_type_entry *
type_entry(const struct rte_mdev_type *t)
{
	return container_of((struct rte_mdev_type *)(uintptr_t)t,
			    struct mdev_type_entry, type);
}

/* A listed type with these very attributes, NULL if none. */
static struct mdev_type_entry *
type_find_listed(const char *key, const char *api, const char *name,
		 const char *desc)
{
	struct rte_mdev_type *t;

	TAILQ_FOREACH(t, &mdev_bus.types, next) {
		struct mdev_type_entry *e =
			container_of(t, struct mdev_type_entry, type);

		if (strcmp(e->key, key) == 0 &&
		    strcmp(t->api_name, api) == 0 &&
		    strcmp(t->name, name) == 0 &&
		    strcmp(t->description, desc) == 0)
			return e;
	}
	return NULL;
}

/*
 * Read attribute @p attr of the type of device @p devdir into @p buf, empty
 * when the attribute is absent and not @p required. false, with a log line
 * naming the file, when the type cannot be used.
 */
static bool
type_attr(const struct mdev_scan_ctx *ctx, int fd, const char *devdir,
	  const char *entry, const char *id_esc, const char *attr,
	  char *buf, size_t len, bool required)
{
	char path[PATH_MAX], why[64];
	int ret;

	buf[0] = '\0';
	ret = path_fmt(path, sizeof(path), "%s/mdev_type/%s", devdir, attr);
	if (ret == 0)
		ret = read_attr(fd, path, buf, len);
	if (ret == 0 && required && buf[0] == '\0') {
		MDEV_LOG(WARNING, "type %s: empty %s", id_esc, attr);
		return false;
	}
	if (ret == 0 || (ret == -ENOENT && !required))
		return true;
	buf[0] = '\0';
	/* The file as the bus directory reaches it: entry is a UUID. */
	if (ret == -ENOENT)
		MDEV_LOG(WARNING, "type %s: no %s (%s/%s/mdev_type/%s)",
			 id_esc, attr, ctx->sysfs, entry, attr);
	else
		MDEV_LOG(WARNING, "type %s: cannot read %s (%s/%s/mdev_type/%s): %s",
			 id_esc, attr, ctx->sysfs, entry, attr,
			 attr_strerror(ret, len, why, sizeof(why)));
	return false;
}

static struct mdev_type_entry *
type_new(const char *key, const char *id, const char *api, const char *name,
	 const char *desc)
{
	struct mdev_type_entry *e;

	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return NULL;
	e->key = strdup(key);
	e->type.id = strdup(id);
	e->type.api_name = strdup(api);
	e->type.name = strdup(name);
	e->type.description = strdup(desc);
	if (e->key == NULL || e->type.id == NULL || e->type.api_name == NULL ||
	    e->type.name == NULL || e->type.description == NULL)
		goto nomem;
	if (asprintf(&e->bus_info, "type=%s, device_api=%s", id, api) < 0) {
		e->bus_info = NULL;
		goto nomem;
	}
	e->type.api = rte_mdev_api_parse(api);
	return e;
nomem:
	type_free(e);
	return NULL;
}

/*
 * Read the attributes of type @p id of device @p devdir (bus entry
 * @p entry), for this scan. A type the kernel describes badly is kept, for
 * this scan only, as unusable: each of its devices is skipped without
 * reading it again.
 */
static struct mdev_type_entry *
type_load(struct mdev_scan_ctx *ctx, int fd, const char *devdir,
	  const char *entry, const char *key, const char *id)
{
	char api[64], name[256], desc[4096];
	char id_esc[ESC_LEN], api_esc[4 * sizeof(api)];
	struct mdev_type_entry *e, **types;
	bool usable = true;

	log_esc(id, id_esc, sizeof(id_esc));
	/* Not short-circuited: every bad attribute gets its log line. */
	usable &= type_attr(ctx, fd, devdir, entry, id_esc, "device_api",
			    api, sizeof(api), true);
	usable &= type_attr(ctx, fd, devdir, entry, id_esc, "name",
			    name, sizeof(name), false);
	usable &= type_attr(ctx, fd, devdir, entry, id_esc, "description",
			    desc, sizeof(desc), false);

	types = realloc(ctx->types, (ctx->nb_types + 1) * sizeof(*types));
	if (types == NULL)
		return NULL;
	ctx->types = types;

	e = usable ? type_find_listed(key, api, name, desc) : NULL;
	if (e == NULL) {
		e = type_new(key, id, api, name, desc);
		if (e == NULL)
			return NULL;
		e->usable = usable;
		if (usable && e->type.api == RTE_MDEV_API_UNKNOWN)
			MDEV_LOG(INFO, "type %s: unknown device_api \"%s\"",
				 id_esc, log_esc(api, api_esc, sizeof(api_esc)));
	}
	ctx->types[ctx->nb_types++] = e;
	return e;
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
	char buf[32], why[64], esc[ESC_LEN];
	unsigned int i;
	int ret;

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
	ret = p->fd < 0 ? -ENOENT : read_attr(p->fd, "numa_node", buf, sizeof(buf));
	if (ret == 0) {
		char *end;
		long v = strtol(buf, &end, 10);

		if (end != buf && *end == '\0' && v >= 0 && v < RTE_MAX_NUMA_NODES)
			p->numa_node = v;
	} else if (ret != -ENOENT) {
		/* Optional: the devices are listed, with no NUMA node. */
		MDEV_LOG(WARNING, "%s/%s/numa_node: %s, NUMA node unknown",
			 ctx->sysfs, log_esc(parent_path, esc, sizeof(esc)),
			 attr_strerror(ret, sizeof(buf), why, sizeof(why)));
	}
	ctx->nb_parents++;
	return p;
}

void
mdev_free_device(struct rte_mdev_device *dev)
{
	if (dev == NULL)
		return;
	mdev_pci_free(dev);
	free(dev->parent);
	free(dev->kdrv);
	free(mdev_priv(dev));
}

static int
iommu_group_number(int dirfd, const char *devdir)
{
	char path[PATH_MAX];
	char link[PATH_MAX];
	const char *num;
	char *end;
	long v;

	if (path_fmt(path, sizeof(path), "%s/iommu_group", devdir) < 0 ||
	    read_link(dirfd, path, link, sizeof(link)) < 0)
		return -1;
	num = last_component(link);
	v = strtol(num, &end, 10);
	if (end == num || *end != '\0' || v < 0 || v > INT_MAX)
		return -1;
	return v;
}

/*
 * Why the device that bus entry @p entry links to (@p target) cannot be
 * read, after reading its mdev_type link failed with @p ret.
 */
static void
log_unreachable(const struct mdev_scan_ctx *ctx, const char *entry,
		const char *target, int ret)
{
	char esc[ESC_LEN];

	log_esc(target, esc, sizeof(esc));
	if (ret == -ENAMETOOLONG) {
		MDEV_LOG(WARNING, "skipping %s: link target too long (%s)",
			 entry, esc);
		return;
	}
	if (faccessat(ctx->dirfd, entry, F_OK, 0) == 0) {
		if (ret == -EINVAL)
			MDEV_LOG(WARNING, "skipping %s: mdev_type is not a symbolic link",
				 entry);
		else
			MDEV_LOG(WARNING, "skipping %s: no mdev_type (%s)",
				 entry, strerror(-ret));
		return;
	}
	ret = errno;
	if (ret == ENOENT) {
		/* The link in bus/mdev/devices outlives its device briefly. */
		if (faccessat(ctx->dirfd, entry, F_OK, AT_SYMLINK_NOFOLLOW) != 0)
			MDEV_LOG(WARNING, "skipping %s: device vanished during scan",
				 entry);
		else
			MDEV_LOG(WARNING, "skipping %s: dangling link to %s",
				 entry, esc);
	} else if (ret == ENAMETOOLONG) {
		MDEV_LOG(WARNING, "skipping %s: link target too long (%s)",
			 entry, esc);
	} else {
		MDEV_LOG(WARNING, "skipping %s: link to %s: %s",
			 entry, esc, strerror(ret));
	}
}

/*
 * Build a device from its sysfs entry. Returns NULL, with a log line, when
 * the entry is malformed or went away while we read it. @p entry is a UUID,
 * safe to log as it is; link targets are not.
 */
static struct rte_mdev_device *
device_load(struct mdev_scan_ctx *ctx, const char *entry,
	    const rte_uuid_t uuid)
{
	char devlink[PATH_MAX], typelink[PATH_MAX];
	char path[PATH_MAX], key[2 * PATH_MAX + 2], drvlink[PATH_MAX];
	char esc[ESC_LEN];
	struct mdev_type_entry *type;
	struct rte_mdev_device *dev;
	struct mdev_device *priv;
	struct mdev_parent_entry *parent;
	const char *devdir, *id;
	char *slash;
	int fd, ret, depth;

	/*
	 * The bus entry is read for every device, so that whether one is
	 * listed does not depend on the entries before it. readlink() does
	 * not walk the target: this costs one lookup in the bus directory.
	 */
	ret = read_link(ctx->dirfd, entry, devlink, sizeof(devlink));
	if (ret < 0) {
		MDEV_LOG(WARNING, "skipping %s: %s", entry,
			 ret == -ENOENT ? "device vanished during scan" :
			 ret == -EINVAL ? "not a symbolic link" :
			 ret == -ENAMETOOLONG ? "link target too long" :
			 strerror(-ret));
		return NULL;
	}
	depth = link_depth(devlink, BUS_DIR_DEPTH);
	if (depth < 0) {
		MDEV_LOG(WARNING, "skipping %s: link to %s leaves the sysfs tree",
			 entry, log_esc(devlink, esc, sizeof(esc)));
		return NULL;
	}
	/* The device link ends in <parent>/<uuid>; keep the parent part. */
	slash = strrchr(devlink, '/');
	devdir = slash == NULL ? devlink : slash + 1;
	if (devdir[0] == '\0' || is_dot_entry(devdir)) {
		/* "<dev>/" would make "/mdev_type" of the host's root. */
		MDEV_LOG(WARNING, "skipping %s: no device name in link to %s",
			 entry, log_esc(devlink, esc, sizeof(esc)));
		return NULL;
	}
	if (slash == NULL || slash == devlink) {
		MDEV_LOG(WARNING, "skipping %s: no parent in link to %s",
			 entry, log_esc(devlink, esc, sizeof(esc)));
		return NULL;
	}
	/*
	 * Devices come in large groups under one parent: try the previous
	 * device's parent first.
	 */
	*slash = '\0';
	if (ctx->last_parent >= 0 &&
	    strcmp(ctx->parents[ctx->last_parent].path, devlink) == 0) {
		parent = &ctx->parents[ctx->last_parent];
	} else {
		parent = parent_get(ctx, devlink);
		if (parent == NULL) {
			MDEV_LOG(ERR, "skipping %s: out of memory", entry);
			return NULL;
		}
		ctx->last_parent = parent - ctx->parents;
	}
	*slash = '/';
	/* Without the parent's fd, walk through the bus link as before. */
	fd = parent->fd >= 0 ? parent->fd : ctx->dirfd;
	if (parent->fd < 0)
		devdir = entry;

	ret = path_fmt(path, sizeof(path), "%s/mdev_type", devdir);
	if (ret == 0)
		ret = read_link(fd, path, typelink, sizeof(typelink));
	if (ret < 0) {
		log_unreachable(ctx, entry, devlink, ret);
		return NULL;
	}
	if (link_depth(typelink, depth) < 0) {
		MDEV_LOG(WARNING, "skipping %s: mdev_type link to %s leaves the sysfs tree",
			 entry, log_esc(typelink, esc, sizeof(esc)));
		return NULL;
	}
	id = last_component(typelink);
	if (id[0] == '\0' || is_dot_entry(id)) {
		/* A driver without a type filter would take it. */
		MDEV_LOG(WARNING, "skipping %s: %s type name in mdev_type link to %s",
			 entry, id[0] == '\0' ? "empty" : "invalid",
			 log_esc(typelink, esc, sizeof(esc)));
		return NULL;
	}

	snprintf(key, sizeof(key), "%s/%s", parent->path, typelink);
	type = type_lookup(ctx, key);
	if (type == NULL) {
		type = type_load(ctx, fd, devdir, entry, key, id);
		if (type == NULL) {
			MDEV_LOG(ERR, "skipping %s: out of memory", entry);
			return NULL;
		}
	}
	if (!type->usable) {
		MDEV_LOG(WARNING, "skipping %s: type %s is malformed",
			 entry, log_esc(type->type.id, esc, sizeof(esc)));
		return NULL;
	}

	priv = calloc(1, sizeof(*priv));
	dev = priv != NULL ? &priv->dev : NULL;
	if (dev == NULL) {
		MDEV_LOG(ERR, "skipping %s: out of memory", entry);
		return NULL;
	}
	rte_uuid_copy(dev->uuid, uuid);
	rte_uuid_unparse(uuid, dev->name, sizeof(dev->name));
	dev->type = &type->type;
	dev->vfio_fd = -1;
	dev->iommu_group = iommu_group_number(fd, devdir);

	if (path_fmt(path, sizeof(path), "%s/driver", devdir) < 0 ||
	    read_link(fd, path, drvlink, sizeof(drvlink)) < 0)
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

/* Devargs given to a device; those of a hot-plug request are checked. */
static void
devargs_give(const struct mdev_scan_ctx *ctx, struct rte_mdev_device *dev)
{
	struct rte_devargs *da = mdev_devargs_lookup(dev->name);

	if (ctx->rescan && da != NULL && da != dev->device.devargs)
		mdev_devargs_check_driver(da);
	dev->device.devargs = da;
}

/* Listed, but read again: taken from its driver since it was listed. */
static bool
device_stale(const struct rte_mdev_device *dev)
{
	return mdev_priv_const(dev)->reread &&
		!rte_dev_is_probed(&dev->device);
}

/*
 * Merge the sorted new devices into the sorted device list. A device that
 * is already listed keeps its entry, which a driver may hold: rescans
 * happen on every hotplug request. Only a stale one (device_stale()) is
 * replaced by what its entry says now; it goes to found[] to be freed.
 */
static unsigned int
merge_found(struct mdev_scan_ctx *ctx)
{
	struct rte_mdev_device *cur = mdev_dev_first();
	const struct rte_mdev_device *prev = NULL;
	unsigned int i, added = 0;

	for (i = 0; i < ctx->nb_found; i++) {
		struct rte_mdev_device *dev = ctx->found[i];
		int cmp = 1;

		/*
		 * Entry names are canonical, so no two spell one UUID: kept
		 * so that the list can never hold a UUID twice.
		 */
		if (prev != NULL && rte_uuid_compare(prev->uuid, dev->uuid) == 0) {
			MDEV_LOG(WARNING, "skipping second entry for %s",
				 dev->name);
			continue;
		}
		prev = dev;
		while (cur != NULL &&
		       (cmp = memcmp(cur->uuid, dev->uuid, sizeof(rte_uuid_t))) < 0)
			cur = mdev_dev_next(cur);
		/* Listed meanwhile (the known list is read at scan start). */
		if (cur != NULL && cmp == 0 && !device_stale(cur))
			continue;
		mdev_dev_insert(cur, dev);
		devargs_give(ctx, dev);
		type_entry(dev->type)->adopted = true;
		ctx->found[i] = NULL; /* now owned by the list */
		if (cur != NULL && cmp == 0) {
			mdev_dev_unlink(cur);
			ctx->found[i] = cur;
			cur = dev;
			continue;
		}
		added++;
	}
	return added;
}

/*
 * After the merge: keep the types of this scan that listed devices point
 * to, free the others (malformed ones, or read for devices already listed).
 * Called with the bus lock held.
 */
static void
types_keep(struct mdev_scan_ctx *ctx)
{
	unsigned int i, n = 0;

	for (i = 0; i < ctx->nb_types; i++) {
		struct mdev_type_entry *e = ctx->types[i];

		if (e->listed)
			continue;
		if (e->adopted) {
			TAILQ_INSERT_TAIL(&mdev_bus.types, &e->type, next);
			e->listed = true;
			continue;
		}
		ctx->types[n++] = e; /* freed after the lock */
	}
	ctx->nb_types = n;
}

/*
 * For a name rte_uuid_parse() took (hex digits and dashes in their
 * places, either case): whether it is spelt as the kernel and
 * rte_uuid_unparse() spell it, in lowercase.
 */
static bool
uuid_lowercase(const char *name)
{
	for (; *name != '\0'; name++)
		if (isupper((unsigned char)*name))
			return false;
	return true;
}

static int
uuid_cmp(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(rte_uuid_t));
}

/*
 * The UUIDs already listed. A rescan (every hotplug request does one) reads
 * only the entries it does not know: listed devices keep their entry
 * whatever sysfs says now, and reading thousands to attach one would be
 * the cost of a hotplug. The list is kept sorted.
 */
static int
known_load(struct mdev_scan_ctx *ctx)
{
	const struct rte_mdev_device *dev;
	unsigned int n = 0;

	rte_spinlock_lock(&mdev_bus.lock);
	FOREACH_MDEV_DEVICE(dev)
		n++;
	ctx->nb_listed = n;
	if (n > 0)
		ctx->known = malloc(n * sizeof(*ctx->known));
	if (ctx->known != NULL)
		FOREACH_MDEV_DEVICE(dev)
			if (!device_stale(dev))
				rte_uuid_copy(ctx->known[ctx->nb_known++],
					      dev->uuid);
	rte_spinlock_unlock(&mdev_bus.lock);
	return n > 0 && ctx->known == NULL ? -ENOMEM : 0;
}

static bool
known_has(const struct mdev_scan_ctx *ctx, const rte_uuid_t uuid)
{
	return ctx->nb_known > 0 &&
	       bsearch(uuid, ctx->known, ctx->nb_known, sizeof(*ctx->known),
		       uuid_cmp) != NULL;
}

/* A hotplug request inserts devargs, then rescans: give them to the device. */
static void
known_refresh_devargs(const struct mdev_scan_ctx *ctx)
{
	struct rte_mdev_device *dev;

	FOREACH_MDEV_DEVICE(dev)
		if (!rte_dev_is_probed(&dev->device))
			devargs_give(ctx, dev);
}

/*
 * Stale devices the merge did not replace: their entry is gone (or no
 * longer reads as a device). Unlinked into @p gone (room for every
 * listed device), to be freed after the lock; none when it is NULL.
 */
static unsigned int
stale_unlink(struct rte_mdev_device **gone)
{
	struct rte_mdev_device *dev, *next;
	unsigned int n = 0;

	if (gone == NULL)
		return 0;
	for (dev = mdev_dev_first(); dev != NULL; dev = next) {
		next = mdev_dev_next(dev);
		if (device_stale(dev)) {
			mdev_dev_unlink(dev);
			gone[n++] = dev;
		}
	}
	return n;
}

int
mdev_scan(bool rescan)
{
	struct mdev_scan_ctx ctx = { .dirfd = -1, .last_parent = -1,
				     .rescan = rescan };
	struct rte_mdev_device **gone;
	unsigned int nb_gone;
	const char *sysfs = mdev_sysfs_path();
	char esc[ESC_LEN];
	struct dirent *e;
	unsigned int i, added;
	DIR *dir;

	ctx.sysfs = sysfs;
	dir = opendir(sysfs);
	if (dir == NULL) {
		/*
		 * No mdev module loaded: an empty bus, not an error, and a
		 * line that only asks for it shows. A directory named by
		 * SYSFS_MDEV_DEVICES is expected to be there.
		 */
		if (errno == ENOENT && strcmp(sysfs, MDEV_SYSFS_DEVICES) == 0)
			MDEV_LOG(INFO, "%s does not exist (mdev module not loaded), no mediated devices",
				 sysfs);
		else if (errno == ENOENT)
			MDEV_LOG(NOTICE, "%s (SYSFS_MDEV_DEVICES) does not exist, no mediated devices",
				 sysfs);
		else
			MDEV_LOG(WARNING, "cannot open %s: %s, no mediated devices",
				 sysfs, strerror(errno));
		return 0;
	}
	ctx.dirfd = dirfd(dir);
	if (known_load(&ctx) < 0)
		MDEV_LOG(WARNING, "out of memory: listed devices are read again");

	while ((e = readdir(dir)) != NULL) {
		struct rte_mdev_device *dev;
		rte_uuid_t uuid;

		if (is_dot_entry(e->d_name))
			continue;
		/*
		 * The kernel names devices by their UUID in lowercase; the
		 * bus finds a device again by its canonical name, so any
		 * other spelling (rte_uuid_parse() also takes upper case)
		 * would name another, missing entry.
		 */
		if (rte_uuid_parse(e->d_name, uuid) != 0 ||
		    !uuid_lowercase(e->d_name)) {
			MDEV_LOG(WARNING, "skipping %s/%s: name is not a UUID in lowercase",
				 sysfs, log_esc(e->d_name, esc, sizeof(esc)));
			continue;
		}
		if (known_has(&ctx, uuid))
			continue;
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

	/* found is NULL when no entry made a device. */
	if (ctx.nb_found > 1)
		qsort(ctx.found, ctx.nb_found, sizeof(*ctx.found), device_cmp);
	/* Stale devices were listed before; none are dropped without room. */
	gone = calloc(ctx.nb_listed + 1, sizeof(*gone));
	rte_spinlock_lock(&mdev_bus.lock);
	added = merge_found(&ctx);
	nb_gone = stale_unlink(gone);
	known_refresh_devargs(&ctx);
	types_keep(&ctx);
	rte_spinlock_unlock(&mdev_bus.lock);
	MDEV_LOG(DEBUG, "scan of %s: %u new devices, %u gone", sysfs, added,
		 nb_gone);

	/* Entries still in found[] were already listed, duplicates or stale. */
	for (i = 0; i < ctx.nb_found; i++)
		mdev_free_device(ctx.found[i]);
	for (i = 0; i < nb_gone; i++)
		mdev_free_device(gone[i]);
	free(gone);
	for (i = 0; i < ctx.nb_types; i++)
		type_free(ctx.types[i]);
	free(ctx.types);
	for (i = 0; i < ctx.nb_parents; i++) {
		if (ctx.parents[i].fd >= 0)
			close(ctx.parents[i].fd);
		free(ctx.parents[i].path);
	}
	free(ctx.parents);
	free(ctx.found);
	free(ctx.known);
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
