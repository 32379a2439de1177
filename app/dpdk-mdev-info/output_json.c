/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The --json output: {"devices": [...]}, one object per device, keys as
 * doc/guides/tools/mdev_info.rst lists them. Absent values are null rather
 * than missing keys, so consumers need no existence checks. --detail adds
 * "vfio" and "vfio_error" to every device.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mdev_info.h"

/*
 * jansson takes UTF-8 only, and sysfs text is bytes: a value that is not
 * UTF-8 is kept with its non-ASCII bytes replaced by '?'.
 */
static json_t *
text_value(const char *s)
{
	json_t *v;
	char *copy, *p;

	v = json_string(s);
	if (v != NULL)
		return v;
	copy = strdup(s);
	if (copy == NULL)
		return NULL;
	for (p = copy; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	v = json_string(copy);
	free(copy);
	return v;
}

/* Empty or NULL strings become null. */
static json_t *
text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? text_value(s) : json_null();
}

static json_t *
int_or_null(int v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

/* json_object_set_new() takes the value even when it fails. */
static int
set(json_t *obj, const char *key, json_t *value)
{
	if (value == NULL)
		return -1;
	return json_object_set_new(obj, key, value);
}

static json_t *
flag_names(uint32_t flags, const struct mdev_info_flag *names)
{
	json_t *arr = json_array();
	uint32_t unknown = mdev_info_flags_unknown(flags, names);
	char hex[16];

	if (arr == NULL)
		return NULL;
	for (; names->name != NULL; names++)
		if ((flags & names->bit) != 0 &&
		    json_array_append_new(arr, json_string(names->name)) != 0)
			goto fail;
	if (unknown != 0) {
		snprintf(hex, sizeof(hex), "%#x", unknown);
		if (json_array_append_new(arr, json_string(hex)) != 0)
			goto fail;
	}
	return arr;
fail:
	json_decref(arr);
	return NULL;
}

/* The sparse areas; null without a sparse-mmap capability. */
static json_t *
sparse_array(const struct rte_vfio_dev_region *r)
{
	json_t *arr;
	uint32_t i;

	if (!r->has_sparse)
		return json_null();
	arr = json_array();
	for (i = 0; arr != NULL && i < r->nb_areas; i++) {
		json_t *area = json_pack("{s:I, s:I}",
					 "offset", (json_int_t)r->areas[i].offset,
					 "size", (json_int_t)r->areas[i].size);

		if (json_array_append_new(arr, area) != 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *
name_or_null(const char *name)
{
	return name != NULL ? json_string(name) : json_null();
}

static json_t *
region_object(const struct rte_vfio_dev *v, const struct rte_vfio_dev_region *r)
{
	json_t *obj = json_object();
	int ret = 0;

	if (obj == NULL)
		return NULL;
	ret |= set(obj, "index", json_integer(r->index));
	ret |= set(obj, "name", name_or_null(mdev_info_region_name(v, r->index)));
	ret |= set(obj, "size", json_integer((json_int_t)r->size));
	ret |= set(obj, "offset", json_integer((json_int_t)r->offset));
	ret |= set(obj, "flags", json_integer(r->flags));
	ret |= set(obj, "flag_names", flag_names(r->flags,
						 mdev_info_region_flags));
	ret |= set(obj, "sparse", sparse_array(r));
	ret |= set(obj, "type", r->has_type ?
		   json_pack("{s:i, s:i}", "type", (int)r->type.type,
			     "subtype", (int)r->type.subtype) : json_null());
	ret |= set(obj, "msix_mappable", json_boolean(r->msix_mappable));
	if (ret != 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

static json_t *
irq_object(const struct rte_vfio_dev *v, const struct rte_vfio_dev_irq *irq)
{
	return json_pack("{s:i, s:o, s:i, s:i, s:o}",
			 "index", (int)irq->index,
			 "name", name_or_null(mdev_info_irq_name(v, irq->index)),
			 "count", (int)irq->count,
			 "flags", (int)irq->flags,
			 "flag_names", flag_names(irq->flags, mdev_info_irq_flags));
}

/* The "vfio" value: an object when the device is open, else null. */
static json_t *
vfio_object(const struct mdev_info_entry *e)
{
	const struct rte_vfio_dev *v = e->vfio;
	json_t *obj, *regions, *irqs;
	uint32_t i;
	int ret = 0;

	if (v == NULL)
		return json_null();
	obj = json_object();
	regions = json_array();
	irqs = json_array();
	if (obj == NULL || regions == NULL || irqs == NULL)
		goto fail;
	for (i = 0; i < rte_vfio_dev_nb_regions(v); i++) {
		const struct rte_vfio_dev_region *r = rte_vfio_dev_region(v, i);

		if (r != NULL)
			ret |= json_array_append_new(regions,
						     region_object(v, r));
	}
	for (i = 0; i < rte_vfio_dev_nb_irqs(v); i++) {
		const struct rte_vfio_dev_irq *irq = rte_vfio_dev_irq(v, i);

		if (irq != NULL)
			ret |= json_array_append_new(irqs, irq_object(v, irq));
	}
	ret |= set(obj, "flags", json_integer(rte_vfio_dev_flags(v)));
	ret |= set(obj, "flag_names", flag_names(rte_vfio_dev_flags(v),
						 mdev_info_device_flags));
	ret |= set(obj, "iommu_type", json_string(rte_vfio_dev_iommu_type_name(
				rte_vfio_dev_iommu_type(v))));
	ret |= set(obj, "container", json_string(rte_vfio_dev_iommu_name(
				rte_vfio_dev_iommu_mode(v))));
	ret |= json_object_set_new(obj, "regions", regions);
	regions = NULL;
	ret |= json_object_set_new(obj, "irqs", irqs);
	irqs = NULL;
	if (ret != 0)
		goto fail;
	return obj;
fail:
	json_decref(regions);
	json_decref(irqs);
	json_decref(obj);
	return NULL;
}

static json_t *
device_object(const struct mdev_info_entry *e, bool detail)
{
	const struct rte_mdev_info *info = &e->info;
	json_t *obj = json_object();
	int ret = 0;

	if (obj == NULL)
		return NULL;
	ret |= set(obj, "uuid", text_value(info->uuid));
	ret |= set(obj, "parent", text_value(info->parent));
	ret |= set(obj, "type", text_value(info->type_id));
	ret |= set(obj, "type_name", text_value(info->type_name));
	ret |= set(obj, "description", text_value(info->type_description));
	ret |= set(obj, "device_api", text_value(info->device_api));
	ret |= set(obj, "iommu_group", int_or_null(info->iommu_group));
	ret |= set(obj, "numa_node", int_or_null(info->numa_node));
	ret |= set(obj, "kernel_driver", text_or_null(info->kernel_driver));
	ret |= set(obj, "admitted", json_boolean(info->admitted));
	ret |= set(obj, "driver", info->candidate != NULL ?
		   text_or_null(info->candidate) : json_null());
	if (detail) {
		ret |= set(obj, "vfio", vfio_object(e));
		ret |= set(obj, "vfio_error", text_or_null(e->vfio_error));
	}
	if (ret != 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

int
mdev_info_print_json(FILE *f, const struct mdev_info_list *list)
{
	json_t *root, *devices;
	unsigned int i;
	int ret = -1;

	root = json_object();
	devices = json_array();
	if (root == NULL || devices == NULL ||
	    json_object_set(root, "devices", devices) != 0)
		goto out;
	for (i = 0; i < list->count; i++) {
		json_t *obj = device_object(&list->entries[i], list->detail);

		if (obj == NULL || json_array_append_new(devices, obj) != 0)
			goto out;
	}
	if (json_dumpf(root, f, JSON_INDENT(2)) != 0)
		goto out;
	fputc('\n', f);
	ret = ferror(f) ? -1 : 0;
out:
	json_decref(devices);
	json_decref(root);
	return ret;
}
