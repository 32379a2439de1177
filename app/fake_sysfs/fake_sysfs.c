/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake_sysfs.h"

struct fake_sysfs {
	char root[PATH_MAX];
	char mdev_devices[PATH_MAX];
	char pci_devices[PATH_MAX];
};

static int
mkdir_p(const char *path)
{
	char buf[PATH_MAX];
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int
write_file(const char *path, const char *value)
{
	int fd, ret = 0;
	size_t len = strlen(value);

	/*
	 * Never through a link or into a FIFO a test put there: the fuzz
	 * harness builds trees full of both.
	 */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK,
		  0644);
	if (fd < 0)
		return -errno;
	if (write(fd, value, len) != (ssize_t)len ||
	    write(fd, "\n", 1) != 1)
		ret = -EIO;
	close(fd);
	return ret;
}

static int
write_attr(const char *dir, const char *attr, const char *value)
{
	char path[PATH_MAX];

	if (value == NULL)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	return write_file(path, value);
}

static int
link_at(const char *target, const char *dir, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (symlink(target, path) < 0)
		return -errno;
	return 0;
}

struct fake_sysfs *
fake_sysfs_create(const char *base)
{
	struct fake_sysfs *fs;
	char dir[PATH_MAX];

	if (base == NULL)
		base = getenv("TMPDIR");
	if (base == NULL)
		base = "/tmp";
	fs = calloc(1, sizeof(*fs));
	if (fs == NULL)
		return NULL;
	snprintf(fs->root, sizeof(fs->root), "%s/fake-sysfs.XXXXXX", base);
	if (mkdtemp(fs->root) == NULL) {
		free(fs);
		return NULL;
	}
	snprintf(fs->mdev_devices, sizeof(fs->mdev_devices),
		 "%s/bus/mdev/devices", fs->root);
	snprintf(fs->pci_devices, sizeof(fs->pci_devices),
		 "%s/bus/pci/devices", fs->root);
	snprintf(dir, sizeof(dir), "%s/kernel/iommu_groups", fs->root);
	if (mkdir_p(fs->mdev_devices) < 0 || mkdir_p(fs->pci_devices) < 0 ||
	    mkdir_p(dir) < 0) {
		fake_sysfs_destroy(fs);
		return NULL;
	}
	return fs;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
fake_sysfs_destroy(struct fake_sysfs *fs)
{
	if (fs == NULL)
		return;
	nftw(fs->root, rm_entry, 64, FTW_DEPTH | FTW_PHYS);
	free(fs);
}

const char *
fake_sysfs_root(const struct fake_sysfs *fs)
{
	return fs->root;
}

const char *
fake_sysfs_mdev_devices(const struct fake_sysfs *fs)
{
	return fs->mdev_devices;
}

const char *
fake_sysfs_pci_devices(const struct fake_sysfs *fs)
{
	return fs->pci_devices;
}

int
fake_sysfs_add_type(struct fake_sysfs *fs, const char *parent_path,
		    const char *type_id, const char *device_api,
		    const char *name, const char *description)
{
	char dir[PATH_MAX];
	int ret;

	snprintf(dir, sizeof(dir), "%s/devices/%s/mdev_supported_types/%s",
		 fs->root, parent_path, type_id);
	ret = mkdir_p(dir);
	if (ret == 0)
		ret = write_attr(dir, "device_api", device_api);
	if (ret == 0)
		ret = write_attr(dir, "name", name);
	if (ret == 0)
		ret = write_attr(dir, "description", description);
	if (ret == 0)
		ret = write_attr(dir, "available_instances", "16");
	return ret;
}

int
fake_sysfs_set_numa(struct fake_sysfs *fs, const char *parent_path, int node)
{
	char dir[PATH_MAX], value[16];

	snprintf(dir, sizeof(dir), "%s/devices/%s", fs->root, parent_path);
	snprintf(value, sizeof(value), "%d", node);
	return write_attr(dir, "numa_node", value);
}

/* "../" repeated once per component of @p path, plus @p extra times. */
static void
up_path(char *buf, size_t len, const char *path, int extra)
{
	const char *p;
	int n = extra + 1;

	for (p = path; *p != '\0'; p++)
		if (*p == '/')
			n++;
	buf[0] = '\0';
	while (n-- > 0)
		strncat(buf, "../", len - strlen(buf) - 1);
}

int
fake_sysfs_add_mdev(struct fake_sysfs *fs, const char *parent_path,
		    const char *type_id, const char *dir_name, int group,
		    const char *kdrv)
{
	char dev_dir[PATH_MAX], target[PATH_MAX], up[PATH_MAX];
	char group_dir[PATH_MAX];
	int ret;

	snprintf(dev_dir, sizeof(dev_dir), "%s/devices/%s/%s",
		 fs->root, parent_path, dir_name);
	ret = mkdir_p(dev_dir);
	if (ret < 0)
		return ret;
	snprintf(target, sizeof(target), "../mdev_supported_types/%s", type_id);
	ret = link_at(target, dev_dir, "mdev_type");
	if (ret < 0)
		return ret;

	/* From devices/<parent_path>/<uuid> up to the root. */
	up_path(up, sizeof(up), parent_path, 1);
	if (group >= 0) {
		snprintf(group_dir, sizeof(group_dir), "%s/kernel/iommu_groups/%d",
			 fs->root, group);
		ret = mkdir_p(group_dir);
		if (ret < 0)
			return ret;
		snprintf(target, sizeof(target), "%skernel/iommu_groups/%d",
			 up, group);
		ret = link_at(target, dev_dir, "iommu_group");
		if (ret < 0)
			return ret;
	}
	if (kdrv != NULL) {
		snprintf(target, sizeof(target), "%sbus/mdev/drivers/%s",
			 up, kdrv);
		ret = link_at(target, dev_dir, "driver");
		if (ret < 0)
			return ret;
	}
	snprintf(target, sizeof(target), "../../../devices/%s/%s",
		 parent_path, dir_name);
	return link_at(target, fs->mdev_devices, dir_name);
}

int
fake_sysfs_mdev_unlink(struct fake_sysfs *fs, const char *dir_name,
		       const char *what)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", fs->mdev_devices, dir_name,
		 what);
	if (unlink(path) < 0 && rmdir(path) < 0)
		return -errno;
	return 0;
}

int
fake_sysfs_add_pci(struct fake_sysfs *fs, unsigned int index)
{
	static const char resource[] =
		"0x00000000fe000000 0x00000000fe003fff 0x0000000000040200\n"
		"0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
		"0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
		"0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
		"0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
		"0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
		"0x0000000000000000 0x0000000000000000 0x0000000000000000";
	char name[32], dev_dir[PATH_MAX], target[PATH_MAX];
	int ret;

	/* Spread over buses as a large SR-IOV host would. */
	snprintf(name, sizeof(name), "0000:%02x:%02x.%x",
		 (index >> 8) & 0xff, (index >> 3) & 0x1f, index & 0x7);
	snprintf(dev_dir, sizeof(dev_dir), "%s/devices/pci0000:00/%s",
		 fs->root, name);
	ret = mkdir_p(dev_dir);
	if (ret == 0)
		ret = write_attr(dev_dir, "vendor", "0x1af4");
	if (ret == 0)
		ret = write_attr(dev_dir, "device", "0x1041");
	if (ret == 0)
		ret = write_attr(dev_dir, "subsystem_vendor", "0x1af4");
	if (ret == 0)
		ret = write_attr(dev_dir, "subsystem_device", "0x1100");
	if (ret == 0)
		ret = write_attr(dev_dir, "class", "0x020000");
	if (ret == 0)
		ret = write_attr(dev_dir, "numa_node", "-1");
	if (ret == 0)
		ret = write_attr(dev_dir, "resource", resource);
	if (ret < 0)
		return ret;
	snprintf(target, sizeof(target), "../../../devices/pci0000:00/%s", name);
	return link_at(target, fs->pci_devices, name);
}

/* Creates the directory that will hold @p path. */
static int
mkdir_parent(const char *path)
{
	char dir[PATH_MAX];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL)
		return 0;
	*slash = '\0';
	return mkdir_p(dir);
}

int
fake_sysfs_write(struct fake_sysfs *fs, const char *rel_path,
		 const char *value)
{
	char path[PATH_MAX];
	int ret;

	snprintf(path, sizeof(path), "%s/%s", fs->root, rel_path);
	ret = mkdir_parent(path);
	if (ret < 0)
		return ret;
	return write_file(path, value);
}

/* <root>/@p rel_path in @p path, its directory created, nothing left at it. */
static int
replace_path(struct fake_sysfs *fs, const char *rel_path, char *path,
	     size_t len)
{
	int ret;

	if (snprintf(path, len, "%s/%s", fs->root, rel_path) >= (int)len)
		return -ENAMETOOLONG;
	ret = mkdir_parent(path);
	if (ret < 0)
		return ret;
	if (unlink(path) < 0 && errno != ENOENT &&
	    (errno != EISDIR || rmdir(path) < 0))
		return -errno;
	return 0;
}

int
fake_sysfs_write_bytes(struct fake_sysfs *fs, const char *rel_path,
		       const void *data, size_t len)
{
	char path[PATH_MAX];
	int fd, ret;

	ret = replace_path(fs, rel_path, path, sizeof(path));
	if (ret < 0)
		return ret;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return -errno;
	if (write(fd, data, len) != (ssize_t)len)
		ret = -EIO;
	close(fd);
	return ret;
}

int
fake_sysfs_mkfifo(struct fake_sysfs *fs, const char *rel_path)
{
	char path[PATH_MAX];
	int ret;

	ret = replace_path(fs, rel_path, path, sizeof(path));
	if (ret < 0)
		return ret;
	return mkfifo(path, 0644) < 0 ? -errno : 0;
}

int
fake_sysfs_symlink(struct fake_sysfs *fs, const char *rel_path,
		   const char *target)
{
	char path[PATH_MAX];
	int ret;

	ret = replace_path(fs, rel_path, path, sizeof(path));
	if (ret < 0)
		return ret;
	return symlink(target, path) < 0 ? -errno : 0;
}

int
fake_sysfs_remove(struct fake_sysfs *fs, const char *rel_path)
{
	char path[PATH_MAX];

	return replace_path(fs, rel_path, path, sizeof(path));
}

struct example_type {
	const char *parent;
	const char *type;
	const char *api;
	const char *name;
	const char *description;
	const char *kdrv;
	const char *uuids[3];
};

static const struct example_type example_types[] = {
	{ "virtual/mdev_sim/mdev_sim", "mdev_sim-test", "vfio-pci",
	  "mdev_sim test device", "BAR0 registers, BAR2 memory, MSI-X",
	  "mdev_sim",
	  { "0b3c4a9e-8d51-4c39-9f1e-2a6c5d7e8f01",
	    "5e1f0c2a-3b4d-4e6f-8a9b-0c1d2e3f4a02", NULL } },
	/*
	 * Linux 6.1 ties device_api to a parent's one mdev driver: a vfio-ap
	 * type has a parent and driver of its own, as kernel/linux/mdev_sim
	 * registers them.
	 */
	{ "virtual/mdev_sim/mdev_sim_ap", "mdev_sim-ap", "vfio-ap",
	  "mdev_sim AP queue", NULL, "mdev_sim_ap",
	  { "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c03", NULL } },
	{ "pci0000:00/0000:00:02.0", "i915-GVTg_V5_4", "vfio-pci",
	  "GVTg_V5_4", "low_gm_size: 128MB\nhigh_gm_size: 512MB\n"
	  "fence: 4\nresolution: 1920x1200\nweight: 4", "vfio_mdev",
	  { "c0ffee00-1234-4abc-9def-00000000a004",
	    "c0ffee00-1234-4abc-9def-00000000a005",
	    "c0ffee00-1234-4abc-9def-00000000a006" } },
	{ "css0/0.0.0013", "vfio_ccw-io", "vfio-ccw", "I/O subchannel", NULL,
	  "vfio_ccw_mdev",
	  { "7e270a25-e163-4922-af60-757fc8ed48c6", NULL } },
	{ "platform/fff51000.ethernet", "vfio_platform-eth", "vfio-platform",
	  "platform NIC slice", NULL, NULL,
	  { "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b07", NULL } },
	{ "amba/10009000.uart", "vfio_amba-uart", "vfio-amba",
	  "PL011 UART", NULL, NULL,
	  { "2e3d4c5b-6a7f-4e8d-9cab-1a2b3c4d5e08", NULL } },
	{ "virtual/futuredev/futuredev", "futuredev-x1", "vfio-cxl",
	  "device_api from a newer kernel", NULL, NULL,
	  { "3f4e5d6c-7b8a-4f9e-8dbc-2b3c4d5e6f09", NULL } },
};

int
fake_sysfs_example(struct fake_sysfs *fs)
{
	unsigned int i, j;
	int ret, group = 0, count = 0;

	for (i = 0; i < sizeof(example_types) / sizeof(example_types[0]); i++) {
		const struct example_type *t = &example_types[i];

		ret = fake_sysfs_add_type(fs, t->parent, t->type, t->api,
					  t->name, t->description);
		if (ret < 0)
			return ret;
		for (j = 0; j < 3 && t->uuids[j] != NULL; j++) {
			ret = fake_sysfs_add_mdev(fs, t->parent, t->type,
						  t->uuids[j], group++, t->kdrv);
			if (ret < 0)
				return ret;
			count++;
		}
	}
	ret = fake_sysfs_set_numa(fs, "pci0000:00/0000:00:02.0", 0);
	return ret < 0 ? ret : count;
}
