/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * libFuzzer harness: the bus's scan of /sys/bus/mdev on trees a vendor
 * driver, an administrator or a race with the kernel could leave. The
 * input is a small program that builds a fake sysfs tree: types with
 * chosen attributes, devices with chosen names, groups and kernel
 * drivers, then raw bytes, FIFOs and symbolic links (relative, absolute,
 * climbing out, trailing slashes) in place of attributes and links, and
 * removals; "scan" steps in between make later scans rescans. After the
 * program the bus scans once more, and every device it lists is checked:
 * a canonical UUID in order, a type with a usable id, found inside the
 * given tree.
 */

#include <limits.h>
#include <stdbool.h>

#include <rte_uuid.h>

#include "fake_sysfs.h"
#include "fuzz_common.h"
#include "private.h"

#define FZ_MAX_OPS 48
#define FZ_MAX_DEVS 12
#define FZ_NAME_MAX 80

static const char * const parents[] = {
	"mdev_sim", "pci0000:00/0000:00:02.0", "css0/0.0.0010",
};

static const char * const type_ids[] = {
	"mdev_sim-net", "i915-GVTg_V5_4", "vfio_ccw-io", "vfio_ap-passthrough",
};

static const char * const apis[] = {
	"vfio-pci", "vfio-ccw", "vfio-ap", "vfio-platform", "vfio-amba",
};

static const char * const type_attrs[] = {
	"device_api", "name", "description", "available_instances",
};

static const char * const dev_links[] = {
	"mdev_type", "iommu_group", "driver",
};

struct fz_tree {
	struct fake_sysfs *fs;
	unsigned int nb_devs;
	char devs[FZ_MAX_DEVS][FZ_NAME_MAX + 1];
	unsigned int dev_parent[FZ_MAX_DEVS];
	char type_ids[2][FZ_NAME_MAX + 1]; /* chosen by the input */
};

static char root_real[PATH_MAX];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_quiet_logs();
	return 0;
}

/*
 * A directory entry name from the input: anything but '/' and NUL (names
 * with control characters, spaces, '%' stay: the scan must log them
 * safely). Not "." or "..", which would leave the tree, nor a name that
 * is a file next to device directories ("numa_node" could have become a
 * link the tree builder would then follow out of the tree).
 */
static void
fz_name(struct fz_input *in, char *buf)
{
	size_t i, n = fz_bytes(in, buf, FZ_NAME_MAX);

	for (i = 0; i < n; i++)
		if (buf[i] == '/' || buf[i] == '\0')
			buf[i] = '_';
	buf[n] = '\0';
	if (n == 0 || strcmp(buf, ".") == 0 || strcmp(buf, "..") == 0 ||
	    strcmp(buf, "numa_node") == 0 ||
	    strcmp(buf, "mdev_supported_types") == 0)
		strcpy(buf, "x");
}

/* A UUID spelled as the kernel would, in upper case, or mangled. */
static void
fz_uuid_name(struct fz_input *in, char *buf)
{
	rte_uuid_t uuid;
	unsigned int i, how = fz_u8(in);

	for (i = 0; i < sizeof(uuid); i++)
		uuid[i] = fz_u8(in);
	rte_uuid_unparse(uuid, buf, RTE_UUID_STRLEN);
	if (how % 4 == 1) {
		for (i = 0; buf[i] != '\0'; i++)
			buf[i] = (char)toupper((unsigned char)buf[i]);
	} else if (how % 4 == 2) {
		buf[how / 4 % (RTE_UUID_STRLEN - 1)] = (char)fz_u8(in);
		if (buf[how / 4 % (RTE_UUID_STRLEN - 1)] == '/' ||
		    buf[how / 4 % (RTE_UUID_STRLEN - 1)] == '\0')
			buf[how / 4 % (RTE_UUID_STRLEN - 1)] = 'g';
	}
}

static const char *
pick_type(struct fz_tree *t, struct fz_input *in)
{
	unsigned int k = fz_u8(in) % (RTE_DIM(type_ids) + 2);

	if (k < RTE_DIM(type_ids))
		return type_ids[k];
	return t->type_ids[k - RTE_DIM(type_ids)];
}

static void
op_add_type(struct fz_tree *t, struct fz_input *in)
{
	const char *parent = parents[fz_u8(in) % RTE_DIM(parents)];
	const char *type = pick_type(t, in);
	char api[FZ_NAME_MAX + 1], name[FZ_NAME_MAX + 1];
	char desc[FZ_NAME_MAX + 1];
	unsigned int k = fz_u8(in);

	if (k % 8 < RTE_DIM(apis))
		strcpy(api, apis[k % 8]);
	else
		fz_bytes(in, api, FZ_NAME_MAX);
	fz_bytes(in, name, FZ_NAME_MAX);
	fz_bytes(in, desc, FZ_NAME_MAX);
	fake_sysfs_add_type(t->fs, parent, type, k & 0x80 ? NULL : api,
			    k & 0x40 ? NULL : name, k & 0x20 ? NULL : desc);
}

static void
op_add_dev(struct fz_tree *t, struct fz_input *in)
{
	unsigned int p = fz_u8(in) % RTE_DIM(parents);
	const char *type = pick_type(t, in);
	unsigned int k = fz_u8(in), group = fz_u8(in);
	char *name;

	if (t->nb_devs == FZ_MAX_DEVS)
		return;
	name = t->devs[t->nb_devs];
	if (k % 4 == 3)
		fz_name(in, name);
	else
		fz_uuid_name(in, name);
	if (fake_sysfs_add_mdev(t->fs, parents[p], type, name,
				group == 255 ? -1 : (int)group % 8,
				k & 0x10 ? NULL : k & 0x20 ? "bogus" :
				"vfio_mdev") < 0)
		return;
	t->dev_parent[t->nb_devs++] = p;
}

/* A path in the tree to spoil: a type attribute, a numa_node, a link. */
static void
pick_path(struct fz_tree *t, struct fz_input *in, char *buf, size_t len)
{
	unsigned int k = fz_u8(in), d;

	switch (k % 4) {
	case 0:
		snprintf(buf, len, "devices/%s/mdev_supported_types/%s/%s",
			 parents[fz_u8(in) % RTE_DIM(parents)],
			 pick_type(t, in),
			 type_attrs[fz_u8(in) % RTE_DIM(type_attrs)]);
		break;
	case 1:
		snprintf(buf, len, "devices/%s/numa_node",
			 parents[fz_u8(in) % RTE_DIM(parents)]);
		break;
	default:
		if (t->nb_devs == 0) {
			snprintf(buf, len, "bus/mdev/devices/x");
			break;
		}
		d = fz_u8(in) % t->nb_devs;
		if (k % 4 == 2)
			snprintf(buf, len, "bus/mdev/devices/%s", t->devs[d]);
		else
			snprintf(buf, len, "devices/%s/%s/%s",
				 parents[t->dev_parent[d]], t->devs[d],
				 dev_links[fz_u8(in) % RTE_DIM(dev_links)]);
		break;
	}
}

static void
op_write(struct fz_tree *t, struct fz_input *in)
{
	char path[PATH_MAX], data[256];
	size_t n;

	pick_path(t, in, path, sizeof(path));
	n = fz_bytes(in, data, sizeof(data) - 1);
	/* long values: the input says how many times to repeat */
	if (n > 0 && (fz_u8(in) & 0x80) != 0) {
		static char big[8192];
		size_t i;

		for (i = 0; i < sizeof(big); i++)
			big[i] = data[i % n];
		fake_sysfs_write_bytes(t->fs, path, big, sizeof(big));
	} else {
		fake_sysfs_write_bytes(t->fs, path, data, n);
	}
}

static void
op_symlink(struct fz_tree *t, struct fz_input *in)
{
	static const char * const targets[] = {
		"/", "/dev/zero", "/proc/self/status", "..", "../", "../../",
		"../../../devices/mdev_sim", "../mdev_supported_types/",
		"../mdev_supported_types/mdev_sim-net/",
		"../mdev_supported_types/.", "../mdev_supported_types/..",
	};
	char path[PATH_MAX], target[FZ_NAME_MAX + 1];
	unsigned int k;

	pick_path(t, in, path, sizeof(path));
	k = fz_u8(in);
	if (k < RTE_DIM(targets) * 16)
		strcpy(target, targets[k % RTE_DIM(targets)]);
	else
		fz_bytes(in, target, FZ_NAME_MAX);
	if (target[0] == '\0')
		strcpy(target, "missing");
	fake_sysfs_symlink(t->fs, path, target);
}

static void
op_fifo(struct fz_tree *t, struct fz_input *in)
{
	char path[PATH_MAX];

	pick_path(t, in, path, sizeof(path));
	fake_sysfs_mkfifo(t->fs, path);
}

/* Through the device's directory: its bus entry may be any link by now. */
static void
op_unlink(struct fz_tree *t, struct fz_input *in)
{
	char path[PATH_MAX];
	unsigned int d;

	if (t->nb_devs == 0)
		return;
	d = fz_u8(in) % t->nb_devs;
	snprintf(path, sizeof(path), "devices/%s/%s/%s",
		 parents[t->dev_parent[d]], t->devs[d],
		 dev_links[fz_u8(in) % RTE_DIM(dev_links)]);
	fake_sysfs_remove(t->fs, path);
}

/*
 * Devices listed before a scan: a rescan reads only new entries, and a
 * listed device stays until it is unplugged, whatever its entry became.
 */
static const struct rte_mdev_device *listed[FZ_MAX_DEVS + 1];
static unsigned int nb_listed;

static bool
was_listed(const struct rte_mdev_device *dev)
{
	unsigned int i;

	for (i = 0; i < nb_listed; i++)
		if (listed[i] == dev)
			return true;
	return false;
}

static void
scan(void)
{
	const struct rte_mdev_device *dev;

	nb_listed = 0;
	FOREACH_MDEV_DEVICE(dev) {
		FZ_CHECK(nb_listed < RTE_DIM(listed));
		listed[nb_listed++] = dev;
	}
	FZ_CHECK(mdev_bus.bus.scan() == 0);
}

/* What every scan must give, whatever the tree. */
static void
check_devices(void)
{
	const struct rte_mdev_device *dev, *prev = NULL;
	char canon[RTE_UUID_STRLEN], path[PATH_MAX], real[PATH_MAX];
	rte_uuid_t uuid;

	FOREACH_MDEV_DEVICE(dev) {
		FZ_CHECK(rte_uuid_parse(dev->name, uuid) == 0);
		rte_uuid_unparse(uuid, canon, sizeof(canon));
		FZ_CHECK(strcmp(canon, dev->name) == 0);
		FZ_CHECK(rte_uuid_compare(uuid, dev->uuid) == 0);
		FZ_CHECK(strcmp(dev->device.name, dev->name) == 0);
		if (prev != NULL)
			FZ_CHECK(strcmp(prev->name, dev->name) < 0);
		prev = dev;
		FZ_CHECK(dev->type != NULL && dev->type->id != NULL);
		FZ_CHECK(dev->type->id[0] != '\0');
		FZ_CHECK(strchr(dev->type->id, '/') == NULL);
		FZ_CHECK(strcmp(dev->type->id, ".") != 0 &&
			 strcmp(dev->type->id, "..") != 0);
		FZ_CHECK(dev->type->api_name != NULL &&
			 dev->type->name != NULL &&
			 dev->type->description != NULL);
		FZ_CHECK(rte_mdev_api_parse(dev->type->api_name) ==
			 dev->type->api);
		FZ_CHECK(dev->parent != NULL && dev->kdrv != NULL);
		FZ_CHECK(dev->iommu_group >= -1);
		FZ_CHECK(dev->driver == NULL && dev->vfio == NULL);
		if (was_listed(dev))
			continue;
		/* a new device's directory is inside the tree */
		snprintf(path, sizeof(path), "%s/%s", mdev_sysfs_path(),
			 dev->name);
		FZ_CHECK(realpath(path, real) != NULL);
		if (strncmp(real, root_real, strlen(root_real)) != 0)
			fprintf(stderr, "%s is %s, outside %s\n", path, real,
				root_real);
		FZ_CHECK(strncmp(real, root_real, strlen(root_real)) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_input in = { data, size };
	struct fz_tree t;
	unsigned int ops = 0;

	memset(&t, 0, sizeof(t));
	t.fs = fake_sysfs_create(fz_tmpdir());
	FZ_CHECK(t.fs != NULL);
	FZ_CHECK(realpath(fake_sysfs_root(t.fs), root_real) != NULL);
	setenv("SYSFS_MDEV_DEVICES", fake_sysfs_mdev_devices(t.fs), 1);
	fz_name(&in, t.type_ids[0]);
	fz_name(&in, t.type_ids[1]);

	while (in.len > 0 && ops++ < FZ_MAX_OPS) {
		switch (fz_u8(&in) % 8) {
		case 0:
		case 1:
			op_add_type(&t, &in);
			break;
		case 2:
		case 3:
			op_add_dev(&t, &in);
			break;
		case 4:
			op_write(&t, &in);
			break;
		case 5:
			op_symlink(&t, &in);
			break;
		case 6:
			if (fz_u8(&in) & 1)
				op_fifo(&t, &in);
			else
				op_unlink(&t, &in);
			break;
		case 7:
			/* a hotplug request's rescan sees the tree so far */
			scan();
			check_devices();
			break;
		}
	}
	scan();
	check_devices();
	FZ_CHECK(mdev_cleanup(false) == 0);
	FZ_CHECK(mdev_dev_first() == NULL);
	fake_sysfs_destroy(t.fs);
	return 0;
}
