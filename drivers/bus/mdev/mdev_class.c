/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Device classes that mdev drivers provide but DPDK does not register.
 * EAL rejects a devargs class layer (.../class=crypto) it cannot find, and
 * in 22.11 only ethdev registers its class.
 */

#include <errno.h>
#include <string.h>

#include <rte_class.h>
#include <rte_errno.h>

#include "private.h"

/*
 * A class device is the mdev device itself, when a driver of that class
 * has probed it: enough for EAL to select devices by class.
 */
static void *
mdev_class_dev_iterate(const struct rte_class *cls, const void *start,
		       const char *str, const struct rte_dev_iterator *it)
{
	const struct rte_mdev_device *dev;

	if (str != NULL && str[0] != '\0') {
		MDEV_LOG(ERR, "class %s takes no filter, got \"%s\"",
			 cls->name, str);
		rte_errno = EINVAL;
		return NULL;
	}
	if (start != NULL || it->device == NULL ||
	    it->device->bus != &mdev_bus.bus)
		return NULL;
	dev = RTE_DEV_TO_MDEV_CONST(it->device);
	if (dev->driver == NULL || dev->driver->class_name == NULL ||
	    strcmp(dev->driver->class_name, cls->name) != 0)
		return NULL;
	return (void *)(uintptr_t)it->device;
}

static struct rte_class mdev_crypto_class;

static void *
mdev_crypto_dev_iterate(const void *start, const char *str,
			const struct rte_dev_iterator *it)
{
	return mdev_class_dev_iterate(&mdev_crypto_class, start, str, it);
}

static struct rte_class mdev_crypto_class = {
	.name = "crypto",
	.dev_iterate = mdev_crypto_dev_iterate,
};

void
mdev_class_register(void)
{
	if (rte_class_find_by_name(mdev_crypto_class.name) == NULL)
		rte_class_register(&mdev_crypto_class);
}
