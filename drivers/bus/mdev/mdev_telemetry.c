/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Telemetry: /mdev/list and /mdev/info,<uuid> for dpdk-telemetry.py. */

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "private.h"

/*
 * A telemetry reply holds 16 KiB; a page of UUIDs has to fit in it, so
 * long lists are read a page at a time: /mdev/list,<first index>.
 */
#define MDEV_TEL_LIST_PAGE 256

int
mdev_telemetry_list(const char *cmd __rte_unused, const char *params,
	      struct rte_tel_data *d)
{
	const struct rte_mdev_device *dev;
	unsigned long first = 0, i = 0;

	if (params != NULL && params[0] != '\0') {
		char *end;

		/* strtoul() takes "-1" (and " 1") and wraps: digits only. */
		if (!isdigit((unsigned char)params[0]))
			return -EINVAL;
		errno = 0;
		first = strtoul(params, &end, 10);
		if (errno != 0 || *end != '\0')
			return -EINVAL;
	}
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	rte_spinlock_lock(&mdev_bus.lock);
	FOREACH_MDEV_DEVICE(dev) {
		if (i >= first + MDEV_TEL_LIST_PAGE)
			break;
		if (i++ >= first)
			rte_tel_data_add_array_string(d, dev->name);
	}
	rte_spinlock_unlock(&mdev_bus.lock);
	return 0;
}

static void
mdev_tel_info_fill(struct rte_tel_data *d, const struct rte_mdev_device *dev)
{
	const char *name;

	rte_tel_data_add_dict_string(d, "uuid", dev->name);
	rte_tel_data_add_dict_string(d, "parent", dev->parent);
	rte_tel_data_add_dict_string(d, "type", dev->type->id);
	rte_tel_data_add_dict_string(d, "name", dev->type->name);
	rte_tel_data_add_dict_string(d, "description", dev->type->description);
	rte_tel_data_add_dict_string(d, "device_api", dev->type->api_name);
	rte_tel_data_add_dict_int(d, "iommu_group", dev->iommu_group);
	rte_tel_data_add_dict_int(d, "numa_node", dev->device.numa_node);
	rte_tel_data_add_dict_string(d, "kernel_driver", dev->kdrv);
	name = mdev_dev_driver_name(dev);
	rte_tel_data_add_dict_string(d, "driver", name != NULL ? name : "");
	rte_tel_data_add_dict_int(d, "admitted", rte_mdev_device_admitted(dev));
}

int
mdev_telemetry_info(const char *cmd __rte_unused, const char *params,
	      struct rte_tel_data *d)
{
	const struct rte_mdev_device *dev;
	int ret = -ENODEV;

	if (params == NULL || params[0] == '\0')
		return -EINVAL;
	rte_spinlock_lock(&mdev_bus.lock);
	FOREACH_MDEV_DEVICE(dev) {
		if (strcasecmp(dev->name, params) == 0) {
			rte_tel_data_start_dict(d);
			mdev_tel_info_fill(d, dev);
			ret = 0;
			break;
		}
	}
	rte_spinlock_unlock(&mdev_bus.lock);
	return ret;
}

void
mdev_telemetry_register(void)
{
	rte_telemetry_register_cmd("/mdev/list", mdev_telemetry_list,
		"UUIDs of the mediated devices on the bus, 256 from index N. Parameters: int N (optional)");
	rte_telemetry_register_cmd("/mdev/info", mdev_telemetry_info,
		"Details of one mediated device. Parameters: string uuid");
}
