/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef FAKE_SYSFS_H
#define FAKE_SYSFS_H

#include <stddef.h>

/*
 * Fake sysfs trees for tests and benchmarks, laid out as the kernel lays
 * out /sys: real directories for devices under <root>/devices, symlinks
 * from <root>/bus/<bus>/devices, relative links for mdev_type, iommu_group
 * and driver. Point SYSFS_MDEV_DEVICES (or SYSFS_PCI_DEVICES) at
 * fake_sysfs_mdev_devices() (fake_sysfs_pci_devices()).
 */

struct fake_sysfs;

/* Make a tree under a new temporary directory below @p base (NULL: TMPDIR). */
struct fake_sysfs *fake_sysfs_create(const char *base);
/* Remove the tree and free @p fs. */
void fake_sysfs_destroy(struct fake_sysfs *fs);

const char *fake_sysfs_root(const struct fake_sysfs *fs);
const char *fake_sysfs_mdev_devices(const struct fake_sysfs *fs);
const char *fake_sysfs_pci_devices(const struct fake_sysfs *fs);

/*
 * A parent device @p parent (under devices/<parent_path>/) offering type
 * <drv>-<type_name>. Attributes that are NULL are not created.
 */
int fake_sysfs_add_type(struct fake_sysfs *fs, const char *parent_path,
			const char *type_id, const char *device_api,
			const char *name, const char *description);

/* The parent's numa_node attribute. */
int fake_sysfs_set_numa(struct fake_sysfs *fs, const char *parent_path,
			int node);

/*
 * A mediated device @p dir_name (normally its UUID) of an existing type,
 * in IOMMU group @p group (<0: no iommu_group link), bound to kernel
 * driver @p kdrv (NULL: unbound).
 */
int fake_sysfs_add_mdev(struct fake_sysfs *fs, const char *parent_path,
			const char *type_id, const char *dir_name, int group,
			const char *kdrv);

/* Remove entry @p what (a link or an empty directory) of device @p dir_name. */
int fake_sysfs_mdev_unlink(struct fake_sysfs *fs, const char *dir_name,
			   const char *what);

/* A PCI device 0000:bb:dd.f as bus/pci's scan reads it, unbound. */
int fake_sysfs_add_pci(struct fake_sysfs *fs, unsigned int index);

/*
 * A realistic tree: mdev_sim (vfio-pci), mdev_sim_ap (vfio-ap), i915
 * GVT-g, vfio-ccw, vfio-platform and vfio-amba parents, each with types of
 * one device_api as Linux 6.1 requires, one type with an unknown
 * device_api, one to three devices each. Returns the number of mediated
 * devices, <0 on error.
 */
int fake_sysfs_example(struct fake_sysfs *fs);

/* Write @p value into the file <root>/@p rel_path, creating it. */
int fake_sysfs_write(struct fake_sysfs *fs, const char *rel_path,
		     const char *value);

/*
 * Malformed trees, for the scan's tests. Each replaces what is at
 * <root>/@p rel_path (a file, a link or an empty directory), creating the
 * directories above it.
 */
/* Exactly @p len bytes of @p data, no newline added: NUL bytes, long values. */
int fake_sysfs_write_bytes(struct fake_sysfs *fs, const char *rel_path,
			   const void *data, size_t len);
/* A FIFO, which blocks a reader that opens it without O_NONBLOCK. */
int fake_sysfs_mkfifo(struct fake_sysfs *fs, const char *rel_path);
/* A symbolic link to @p target, taken as is (relative or absolute). */
int fake_sysfs_symlink(struct fake_sysfs *fs, const char *rel_path,
		       const char *target);
/* Nothing: the entry is removed. */
int fake_sysfs_remove(struct fake_sysfs *fs, const char *rel_path);

#endif /* FAKE_SYSFS_H */
