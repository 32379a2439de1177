/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The --json output: {"devices": [...]}, one object per device, keys as
 * doc/guides/tools/mdev_info.rst lists them. Absent values are null rather
 * than missing keys, so consumers need no existence checks.
 */

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
device_object(const struct mdev_info_entry *e)
{
	const struct rte_mdev_device *dev = e->dev;
	const struct rte_mdev_type *type = dev->type;
	json_t *obj = json_object();
	int ret = 0;

	if (obj == NULL)
		return NULL;
	ret |= set(obj, "uuid", text_value(dev->name));
	ret |= set(obj, "parent", text_value(dev->parent));
	ret |= set(obj, "type", text_value(type->id));
	ret |= set(obj, "type_name", text_value(type->name));
	ret |= set(obj, "description", text_value(type->description));
	ret |= set(obj, "device_api", text_value(type->api_name));
	ret |= set(obj, "iommu_group", int_or_null(dev->iommu_group));
	ret |= set(obj, "numa_node", int_or_null(dev->device.numa_node));
	ret |= set(obj, "kernel_driver", text_or_null(dev->kdrv));
	ret |= set(obj, "admitted", json_boolean(e->admitted));
	ret |= set(obj, "driver", e->driver != NULL ?
		   text_or_null(e->driver->driver.name) : json_null());
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
		json_t *obj = device_object(&list->entries[i]);

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
