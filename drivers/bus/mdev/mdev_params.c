/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Device names and devargs: bus=mdev,uuid=<uuid>/class=.../driver=... */

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_class.h>
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
	MDEV_PARAM_PCI_ADAPTER,
};

static const char * const mdev_params_keys[] = {
	[MDEV_PARAM_BUS] = RTE_DEVARGS_KEY_BUS,
	[MDEV_PARAM_UUID] = "uuid",
	[MDEV_PARAM_TYPE] = "type",
	[MDEV_PARAM_PARENT] = "parent",
	[MDEV_PARAM_DEVICE_API] = "device_api",
	[MDEV_PARAM_IOMMU] = "iommu",
	[MDEV_PARAM_PCI_ADAPTER] = "pci_adapter",
	NULL,
};

/*
 * Where bus/vmbus finds Hyper-V devices (it has no override;
 * SYSFS_VMBUS_DEVICES is for the bus's tests).
 */
#define MDEV_SYSFS_VMBUS_DEVICES "/sys/bus/vmbus/devices"

/*
 * rte_kvargs_parse() with a list of valid keys refuses an unknown key
 * without naming it, and takes a key given twice or without a value
 * silently (rte_kvargs_get() returns the first, or NULL). Parse with no
 * list and check each pair, naming what is wrong.
 */
static struct rte_kvargs *
mdev_kvargs_parse(const char *str)
{
	const struct rte_kvargs_pair *p, *q;
	struct rte_kvargs *kvargs;
	unsigned int i, j;

	kvargs = rte_kvargs_parse(str, NULL);
	if (kvargs == NULL) {
		MDEV_LOG(ERR, "invalid mdev devargs \"%s\"", str);
		return NULL;
	}
	for (i = 0; i < kvargs->count; i++) {
		p = &kvargs->pairs[i];
		for (j = 0; mdev_params_keys[j] != NULL; j++)
			if (strcmp(p->key, mdev_params_keys[j]) == 0)
				break;
		if (mdev_params_keys[j] == NULL) {
			MDEV_LOG(ERR, "invalid mdev devargs \"%s\": unknown key \"%s\", known keys are uuid, type, parent, device_api, iommu, pci_adapter",
				 str, p->key);
			goto fail;
		}
		if (p->value == NULL) {
			MDEV_LOG(ERR, "invalid mdev devargs \"%s\": %s has no value",
				 str, p->key);
			goto fail;
		}
		for (j = 0; j < i; j++) {
			q = &kvargs->pairs[j];
			if (strcmp(p->key, q->key) == 0) {
				MDEV_LOG(ERR, "invalid mdev devargs \"%s\": %s given twice (\"%s\" and \"%s\")",
					 str, p->key, q->value, p->value);
				goto fail;
			}
		}
	}
	return kvargs;
fail:
	rte_kvargs_free(kvargs);
	return NULL;
}

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

/* Whether directory @p dir has an entry named @p name. */
static bool
dir_has(const char *dir, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
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

	if (canonical_uuid(name, canon, sizeof(canon)) != 0)
		return -1;
	if (!dir_has(mdev_sysfs_path(), canon))
		return -1;
	if (addr != NULL)
		strlcpy(addr, canon, RTE_UUID_STRLEN);
	return 0;
}

/*
 * The VFIO container a device is opened in: iommu=type1v2 (the default,
 * which lets vendor drivers pin pages), iommu=type1 (the library's type1
 * container) or iommu=eal (EAL's container).
 */
static int
mdev_iommu_parse(const struct rte_kvargs *kvargs, const char *str,
		 enum rte_vfio_dev_iommu *mode)
{
	enum rte_vfio_dev_iommu m = RTE_VFIO_DEV_IOMMU_TYPE1V2;
	const char *v;

	v = rte_kvargs_get(kvargs, mdev_params_keys[MDEV_PARAM_IOMMU]);
	if (v != NULL && rte_vfio_dev_iommu_parse(v, &m) != 0) {
		MDEV_LOG(ERR, "invalid iommu \"%s\" in \"%s\": type1v2, type1 or eal",
			 v, str);
		return -EINVAL;
	}
	if (mode != NULL)
		*mode = m;
	return 0;
}

/*
 * pci_adapter=0 keeps the device from PCI drivers (mdev_pci.c), 1 (the
 * default) offers it to them when no mdev driver takes it.
 */
static int
mdev_pci_adapter_parse(const struct rte_kvargs *kvargs, const char *str,
		       bool *on)
{
	const char *v;

	v = rte_kvargs_get(kvargs, mdev_params_keys[MDEV_PARAM_PCI_ADAPTER]);
	if (v == NULL) {
		*on = true;
		return 0;
	}
	if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
		MDEV_LOG(ERR, "invalid pci_adapter \"%s\" in \"%s\": 0 or 1",
			 v, str);
		return -EINVAL;
	}
	*on = v[0] == '1';
	return 0;
}

bool
mdev_devargs_pci_adapter(const struct rte_devargs *da)
{
	struct rte_kvargs *kvargs;
	bool on = true;

	if (da == NULL || da->bus_str == NULL)
		return on;
	kvargs = rte_kvargs_parse(da->bus_str, mdev_params_keys);
	/* Checked at parse time; a failure here keeps the default. */
	if (kvargs != NULL && mdev_pci_adapter_parse(kvargs, da->bus_str, &on) < 0)
		on = true;
	rte_kvargs_free(kvargs);
	return on;
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
	bool pci_adapter;
	const char *uuid;
	int ret = 0;

	if (da == NULL || da->bus_str == NULL)
		return 0;

	kvargs = mdev_kvargs_parse(da->bus_str);
	if (kvargs == NULL) {
		ret = -EINVAL;
		goto out;
	}
	if (mdev_iommu_parse(kvargs, da->bus_str, NULL) < 0 ||
	    mdev_pci_adapter_parse(kvargs, da->bus_str, &pci_adapter) < 0) {
		ret = -EINVAL;
		goto out;
	}
	uuid = rte_kvargs_get(kvargs, mdev_params_keys[MDEV_PARAM_UUID]);
	if (uuid == NULL) {
		/*
		 * rte_dev_iterator_init() parses its filters here too, and
		 * "bus=mdev,type=..." is a valid one: devargs without uuid=
		 * are reported at the first scan (mdev_devargs_check()).
		 */
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
		kvargs = mdev_kvargs_parse(str);
		if (kvargs == NULL) {
			rte_errno = EINVAL;
			return NULL;
		}
	}
	dev = mdev_find_device(start, mdev_dev_match, kvargs);
	rte_kvargs_free(kvargs);
	return dev;
}

/*
 * Warn when devargs name a driver that no mdev driver is (nor has as
 * alias): the device would stay unprobed with no word why.
 */
void
mdev_devargs_check_driver(const struct rte_devargs *da)
{
	char name[RTE_DEV_NAME_MAX_LEN];

	if (da == NULL || da->policy != RTE_DEV_ALLOWED)
		return;
	if (mdev_devargs_driver(da, name, sizeof(name)) > 0 &&
	    !mdev_driver_exists(name) && !mdev_pci_driver_exists(name))
		MDEV_LOG(WARNING, "%s: no mdev or PCI driver is named \"%s\", the device will not be probed",
			 da->name, name);
}

/* What the class and driver layers of devargs choose, for messages. */
static void
devargs_selection(const struct rte_devargs *da, char *buf, size_t len)
{
	char drv[RTE_DEV_NAME_MAX_LEN];
	bool has_drv;

	has_drv = mdev_devargs_driver(da, drv, sizeof(drv)) > 0;
	if (da->cls != NULL && has_drv)
		snprintf(buf, len, "class=%s/driver=%s", da->cls->name, drv);
	else if (da->cls != NULL)
		snprintf(buf, len, "class=%s", da->cls->name);
	else if (has_drv)
		snprintf(buf, len, "driver=%s", drv);
	else
		snprintf(buf, len, "no class or driver");
}

/*
 * EAL keeps every -a/-b, even two for one device (under one spelling or
 * two); the device gets the first (mdev_devargs_lookup()). Warn when the
 * later one would choose another driver.
 */
static void
check_duplicate(const struct rte_devargs *da)
{
	char first_sel[2 * RTE_DEV_NAME_MAX_LEN], sel[2 * RTE_DEV_NAME_MAX_LEN];
	const struct rte_devargs *first = mdev_devargs_lookup(da->name);
	char canon[RTE_UUID_STRLEN];

	if (first == NULL || first == da)
		return;
	devargs_selection(first, first_sel, sizeof(first_sel));
	devargs_selection(da, sel, sizeof(sel));
	if (strcmp(first_sel, sel) == 0)
		return;
	if (canonical_uuid(da->name, canon, sizeof(canon)) != 0)
		strlcpy(canon, da->name, sizeof(canon));
	MDEV_LOG(WARNING, "%s: given twice, as \"%s\" and \"%s\": the first is used",
		 canon, first_sel, sel);
}

/*
 * A legacy name that is a UUID but no mdev's goes to the next bus that
 * takes UUIDs (bus/vmbus): a typo, or an mdev when vmbus registered
 * first. True when @p da is one: an allowed bare UUID on another bus that
 * is not a Hyper-V device.
 */
static bool
check_foreign_uuid(const struct rte_devargs *da)
{
	const char *vmbus = getenv("SYSFS_VMBUS_DEVICES");
	char canon[RTE_UUID_STRLEN];

	if (da->bus == NULL || da->type != RTE_DEVTYPE_ALLOWED ||
	    da->bus_str != NULL || da->cls_str != NULL ||
	    canonical_uuid(da->name, canon, sizeof(canon)) != 0)
		return false;
	if (dir_has(vmbus != NULL ? vmbus : MDEV_SYSFS_VMBUS_DEVICES, canon)) {
		MDEV_LOG(DEBUG, "%s is a Hyper-V device", da->name);
		return false;
	}
	if (dir_has(mdev_sysfs_path(), canon))
		MDEV_LOG(WARNING, "allowed device \"%s\" went to bus %s, which registered before mdev: use bus=mdev,uuid=%s",
			 da->name, da->bus->name, canon);
	else
		MDEV_LOG(WARNING, "allowed device \"%s\" went to bus %s, not mdev: no mediated device has that UUID",
			 da->name, da->bus->name);
	return true;
}

/*
 * Mistakes in the devargs that parsing cannot see: it parses one string
 * at a time, some before every driver is loaded, and rte_dev_iterator_init()
 * passes filters through it. Run when every -a/-b is parsed and every
 * plugin loaded, before the scan's results are used.
 */
void
mdev_devargs_check(void)
{
	unsigned int foreign = 0;
	struct rte_devargs *da;

	RTE_EAL_DEVARGS_FOREACH(NULL, da) {
		if (da->bus != &mdev_bus.bus) {
			if (check_foreign_uuid(da))
				foreign++;
			continue;
		}
		if (da->name[0] == '\0') {
			MDEV_LOG(WARNING, "\"%s\" names no device (no uuid=): it selects nothing",
				 da->bus_str != NULL ? da->bus_str : "");
			continue;
		}
		mdev_devargs_check_driver(da);
		check_duplicate(da);
	}
	/*
	 * EAL chooses the scan mode per bus: an allow list that went to
	 * another bus would leave this one probing every device.
	 */
	if (foreign > 0 &&
	    mdev_bus.bus.conf.scan_mode != RTE_BUS_SCAN_ALLOWLIST) {
		MDEV_LOG(WARNING, "no mediated device is allowed: none will be probed");
		mdev_bus.bus.conf.scan_mode = RTE_BUS_SCAN_ALLOWLIST;
	}
}
