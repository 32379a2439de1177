/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Device names and devargs: bus=mdev,uuid=<uuid>/class=.../driver=... */

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_devargs.h>
#include <rte_errno.h>
#include <rte_kvargs.h>
#include <rte_string_fns.h>

#include <rte_vfio_dev.h>

#include "private.h"

enum mdev_param {
	MDEV_PARAM_BUS,
	MDEV_PARAM_UUID,
	MDEV_PARAM_TYPE,
	MDEV_PARAM_PARENT,
	MDEV_PARAM_DEVICE_API,
	MDEV_PARAM_IOMMU,
};

static const char * const mdev_params_keys[] = {
	[MDEV_PARAM_BUS] = RTE_DEVARGS_KEY_BUS,
	[MDEV_PARAM_UUID] = "uuid",
	[MDEV_PARAM_TYPE] = "type",
	[MDEV_PARAM_PARENT] = "parent",
	[MDEV_PARAM_DEVICE_API] = "device_api",
	[MDEV_PARAM_IOMMU] = "iommu",
	NULL,
};

/* Canonical (lowercase) spelling of a UUID, or -EINVAL. */
static int
canonical_uuid(const char *str, char *out, size_t len)
{
	rte_uuid_t uuid;

	if (rte_uuid_parse(str, uuid) != 0)
		return -EINVAL;
	rte_uuid_unparse(uuid, out, len);
	return 0;
}

/*
 * Legacy names (-a <uuid>, -a mdev:<uuid>). bus/vmbus also takes any UUID,
 * and EAL gives a bare name to the first bus that accepts it; accepting only
 * UUIDs that exist as mdevs keeps Hyper-V device names for vmbus.
 */
int
mdev_parse(const char *name, void *addr)
{
	char canon[RTE_UUID_STRLEN];
	char path[PATH_MAX];

	if (canonical_uuid(name, canon, sizeof(canon)) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", mdev_sysfs_path(), canon);
	if (access(path, F_OK) != 0)
		return -1;
	if (addr != NULL)
		strlcpy(addr, canon, RTE_UUID_STRLEN);
	return 0;
}

/*
 * The VFIO container a device is opened in: iommu=type1v2 (the default,
 * which lets vendor drivers pin pages) or iommu=eal (EAL's container).
 */
static int
mdev_iommu_parse(const struct rte_kvargs *kvargs, const char *str,
		 enum rte_vfio_dev_iommu *mode)
{
	enum rte_vfio_dev_iommu m = RTE_VFIO_DEV_IOMMU_TYPE1V2;
	const char *v;

	v = rte_kvargs_get(kvargs, mdev_params_keys[MDEV_PARAM_IOMMU]);
	if (v != NULL && rte_vfio_dev_iommu_parse(v, &m) != 0) {
		MDEV_LOG(ERR, "invalid iommu \"%s\" in \"%s\": eal or type1v2",
			 v, str);
		return -EINVAL;
	}
	if (mode != NULL)
		*mode = m;
	return 0;
}

enum rte_vfio_dev_iommu
mdev_devargs_iommu(const struct rte_devargs *da)
{
	enum rte_vfio_dev_iommu mode = RTE_VFIO_DEV_IOMMU_TYPE1V2;
	struct rte_kvargs *kvargs;

	/* Legacy syntax has no bus layer: the default. */
	if (da == NULL || da->bus_str == NULL)
		return mode;
	kvargs = rte_kvargs_parse(da->bus_str, mdev_params_keys);
	/* Checked at parse time; a failure here keeps the default. */
	if (kvargs != NULL)
		mdev_iommu_parse(kvargs, da->bus_str, &mode);
	rte_kvargs_free(kvargs);
	return mode;
}

int
mdev_devargs_parse(struct rte_devargs *da)
{
	struct rte_kvargs *kvargs;
	const char *uuid;
	int ret = 0;

	if (da == NULL || da->bus_str == NULL)
		return 0;

	kvargs = rte_kvargs_parse(da->bus_str, mdev_params_keys);
	if (kvargs == NULL) {
		MDEV_LOG(ERR, "invalid mdev devargs \"%s\": known keys are uuid, type, parent, device_api, iommu",
			 da->bus_str);
		ret = -EINVAL;
		goto out;
	}
	if (mdev_iommu_parse(kvargs, da->bus_str, NULL) < 0) {
		ret = -EINVAL;
		goto out;
	}
	uuid = rte_kvargs_get(kvargs, mdev_params_keys[MDEV_PARAM_UUID]);
	if (uuid == NULL) {
		MDEV_LOG(DEBUG, "no uuid= in \"%s\"", da->bus_str);
		goto out;
	}
	if (canonical_uuid(uuid, da->name, sizeof(da->name)) != 0) {
		MDEV_LOG(ERR, "invalid mdev UUID \"%s\" in \"%s\"",
			 uuid, da->bus_str);
		ret = -EINVAL;
	}
out:
	rte_kvargs_free(kvargs);
	if (ret != 0)
		rte_errno = -ret;
	return ret;
}

/* Legacy devargs may spell a UUID in uppercase; match it any case. */
struct rte_devargs *
mdev_devargs_lookup(const char *name)
{
	struct rte_devargs *da;

	RTE_EAL_DEVARGS_FOREACH(RTE_BUS_MDEV_NAME, da) {
		if (strcasecmp(da->name, name) == 0)
			return da;
	}
	return NULL;
}

/*
 * The driver=<name> of a device's devargs, if any: new syntax puts it in the
 * driver layer, legacy syntax among the arguments. 1 when found, 0 when not,
 * <0 when the string does not parse.
 */
int
mdev_devargs_driver(const struct rte_devargs *da, char *name, size_t len)
{
	struct rte_kvargs *kvargs;
	const char *drv;
	int ret = 0;

	if (da == NULL || da->drv_str == NULL || da->drv_str[0] == '\0')
		return 0;
	kvargs = rte_kvargs_parse(da->drv_str, NULL);
	if (kvargs == NULL) {
		MDEV_LOG(ERR, "%s: cannot parse driver arguments \"%s\"",
			 da->name, da->drv_str);
		return -EINVAL;
	}
	drv = rte_kvargs_get(kvargs, RTE_DEVARGS_KEY_DRIVER);
	if (drv != NULL) {
		strlcpy(name, drv, len);
		ret = 1;
	}
	rte_kvargs_free(kvargs);
	return ret;
}

static int
mdev_dev_match(const struct rte_device *dev, const void *_kvlist)
{
	const struct rte_mdev_device *mdev = RTE_DEV_TO_MDEV_CONST(dev);
	const struct rte_kvargs *kvlist = _kvlist;
	const char *v;
	char canon[RTE_UUID_STRLEN];

	if (kvlist == NULL)
		return 0;
	v = rte_kvargs_get(kvlist, mdev_params_keys[MDEV_PARAM_UUID]);
	if (v != NULL && (canonical_uuid(v, canon, sizeof(canon)) != 0 ||
			  strcmp(canon, mdev->name) != 0))
		return -1;
	v = rte_kvargs_get(kvlist, mdev_params_keys[MDEV_PARAM_TYPE]);
	if (v != NULL && fnmatch(v, mdev->type->id, 0) != 0)
		return -1;
	v = rte_kvargs_get(kvlist, mdev_params_keys[MDEV_PARAM_PARENT]);
	if (v != NULL && strcmp(v, mdev->parent) != 0)
		return -1;
	v = rte_kvargs_get(kvlist, mdev_params_keys[MDEV_PARAM_DEVICE_API]);
	if (v != NULL && strcmp(v, mdev->type->api_name) != 0)
		return -1;
	return 0;
}

void *
mdev_dev_iterate(const void *start, const char *str,
		 const struct rte_dev_iterator *it __rte_unused)
{
	struct rte_kvargs *kvargs = NULL;
	struct rte_device *dev;

	if (str != NULL) {
		kvargs = rte_kvargs_parse(str, mdev_params_keys);
		if (kvargs == NULL) {
			MDEV_LOG(ERR, "cannot parse mdev filter \"%s\"", str);
			rte_errno = EINVAL;
			return NULL;
		}
	}
	dev = mdev_bus.bus.find_device(start, mdev_dev_match, kvargs);
	rte_kvargs_free(kvargs);
	return dev;
}
