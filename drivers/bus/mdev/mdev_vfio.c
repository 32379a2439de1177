/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * A device's VFIO lifecycle, all through the VFIO helper library, in the
 * container the device's devargs ask for (iommu=, type1v2 by default).
 * This file is the one owner of a device's handle (dev->vfio, vfio_fd,
 * intr_handle; the state in struct mdev_device):
 *
 *   CLOSED --read PCI IDs--> MATCHING --read--> CLOSED
 *   CLOSED --acquire--> OPEN (NEED_VFIO) or MAPPED (NEED_MAPPING)
 *   any --release--> CLOSED
 *
 * Two entry points change it, mdev_vfio_acquire() at probe and
 * mdev_vfio_release() at remove (and when the driver's probe fails),
 * and release goes in one order: the REQ notifier off (no new removal
 * request), the pending removal alarm cancelled or waited for, the
 * driver's remove, interrupts released, regions unmapped, the device
 * closed. The kernel's request to have the device back becomes an alarm
 * that carries the device's UUID, not a pointer: the device may be gone
 * by the time it runs. The library releases the device through its real
 * sysfs directory, which outlives the bus's link during removal.
 */

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/vfio.h>

#include <rte_alarm.h>
#include <rte_byteorder.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_interrupts.h>
#include <rte_string_fns.h>
#include <rte_vfio_dev.h>
#include <eal_export.h>

#include "private.h"

/*
 * Where a PCI function's IDs sit in its config space (PCI Local Bus
 * specification; DPDK's drivers do not include linux/pci_regs.h).
 */
#define MDEV_PCI_VENDOR_ID		0x00	/* then the device ID */
#define MDEV_PCI_CLASS_REVISION		0x08	/* revision, then class */
#define MDEV_PCI_SUBSYSTEM_VENDOR_ID	0x2c	/* then the subsystem ID */

/* VFIO reaches a device through its IOMMU group, which the scan read. */
static int
mdev_vfio_check_group(const struct rte_mdev_device *dev)
{
	if (dev->iommu_group >= 0)
		return 0;
	MDEV_LOG(ERR, "%s: no IOMMU group, is the device bound to its vendor driver?",
		 dev->name);
	return -ENODEV;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_mdev_device_iommu)
enum rte_vfio_dev_iommu
rte_mdev_device_iommu(const struct rte_mdev_device *dev)
{
	return mdev_devargs_iommu(dev != NULL ? dev->device.devargs : NULL);
}

/* The library checks the device flags against the type's device_api. */
static uint32_t
mdev_vfio_device_type(const struct rte_mdev_device *dev)
{
	return dev->type->api != RTE_MDEV_API_UNKNOWN ?
		rte_vfio_dev_api_flag(dev->type->api_name) : 0;
}

/* Open dev->vfio unless open already (for matching, or by the driver). */
static int
mdev_vfio_open_handle(struct rte_mdev_device *dev,
		      enum mdev_vfio_state state)
{
	struct rte_vfio_dev_open_opts opts = { 0 };
	int ret;

	if (dev->vfio != NULL) {
		if (mdev_priv(dev)->vfio_state < state)
			mdev_priv(dev)->vfio_state = state;
		return 0;
	}
	ret = mdev_vfio_check_group(dev);
	if (ret < 0)
		return ret;
	opts.iommu = rte_mdev_device_iommu(dev);
	dev->vfio = rte_vfio_dev_open_ext(mdev_sysfs_path(), dev->name,
					  mdev_vfio_device_type(dev), &opts);
	if (dev->vfio == NULL) {
		ret = -rte_errno;
		MDEV_LOG(ERR, "%s: cannot open through VFIO (%s container): %s",
			 dev->name, rte_vfio_dev_iommu_name(opts.iommu),
			 rte_strerror(rte_errno));
		return ret;
	}
	dev->vfio_fd = rte_vfio_dev_fd(dev->vfio);
	mdev_priv(dev)->vfio_state = state;
	MDEV_LOG(DEBUG, "%s: open, %s container, IOMMU %s", dev->name,
		 rte_vfio_dev_iommu_name(rte_vfio_dev_iommu_mode(dev->vfio)),
		 rte_vfio_dev_iommu_type_name(rte_vfio_dev_iommu_type(dev->vfio)));
	return 0;
}

static void
mdev_vfio_close_handle(struct rte_mdev_device *dev)
{
	if (dev->vfio != NULL)
		rte_vfio_dev_close(dev->vfio);
	dev->vfio = NULL;
	dev->vfio_fd = -1;
	mdev_priv(dev)->vfio_state = MDEV_VFIO_CLOSED;
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_mdev_vfio_open)
int
rte_mdev_vfio_open(struct rte_mdev_device *dev)
{
	if (dev == NULL)
		return -EINVAL;
	return mdev_vfio_open_handle(dev, MDEV_VFIO_OPEN);
}

RTE_EXPORT_INTERNAL_SYMBOL(rte_mdev_vfio_close)
void
rte_mdev_vfio_close(struct rte_mdev_device *dev)
{
	if (dev == NULL)
		return;
	/* The bus owns a mapped device until the driver is removed. */
	if (mdev_priv(dev)->vfio_state == MDEV_VFIO_MAPPED)
		return;
	mdev_vfio_close_handle(dev);
}

/*
 * Opened for the read and closed again, unless the device was open
 * already: matching has no end that every path reaches (from DPDK 26.07,
 * EAL stops at the first match, or at none, without telling the bus), so
 * it leaves no handle behind. The driver that takes the device opens it
 * once more.
 */
int
mdev_vfio_read_pci_id(struct rte_mdev_device *dev)
{
	struct rte_vfio_dev *vfio;
	uint16_t ids[2], subsys[2];
	uint32_t class_rev;
	bool opened;
	int ret;

	if (dev->type->api != RTE_MDEV_API_PCI)
		return -ENOTSUP;
	opened = dev->vfio == NULL;
	ret = mdev_vfio_open_handle(dev, MDEV_VFIO_MATCHING);
	if (ret < 0)
		return ret;
	vfio = dev->vfio;
	ret = rte_vfio_dev_pci_cfg_read(vfio, ids, sizeof(ids),
					MDEV_PCI_VENDOR_ID);
	if (ret == 0)
		ret = rte_vfio_dev_pci_cfg_read(vfio, &class_rev,
						sizeof(class_rev),
						MDEV_PCI_CLASS_REVISION);
	if (ret == 0)
		ret = rte_vfio_dev_pci_cfg_read(vfio, subsys, sizeof(subsys),
						MDEV_PCI_SUBSYSTEM_VENDOR_ID);
	if (ret < 0) {
		MDEV_LOG(ERR, "%s: cannot read PCI config space: %s",
			 dev->name, strerror(-ret));
	} else {
		dev->pci_id.vendor_id = rte_le_to_cpu_16(ids[0]);
		dev->pci_id.device_id = rte_le_to_cpu_16(ids[1]);
		dev->pci_id.class_id = rte_le_to_cpu_32(class_rev) >> 8;
		dev->pci_id.subsystem_vendor_id = rte_le_to_cpu_16(subsys[0]);
		dev->pci_id.subsystem_device_id = rte_le_to_cpu_16(subsys[1]);
	}
	if (opened)
		mdev_vfio_close_handle(dev);
	return ret;
}

/*
 * Whether the device's VFIO group node exists: the PCI adapter tries every
 * vfio-pci device no mdev driver took, and says nothing of one that VFIO
 * does not offer (no group, no vfio module, a test's sysfs tree).
 */
bool
mdev_vfio_reachable(const struct rte_mdev_device *dev)
{
	char path[32];

	if (dev->iommu_group < 0)
		return false;
	snprintf(path, sizeof(path), "/dev/vfio/%d", dev->iommu_group);
	return access(path, F_OK) == 0;
}

const struct rte_mdev_pci_id *
mdev_vfio_pci_id(struct rte_mdev_device *dev)
{
	if (dev->type->api != RTE_MDEV_API_PCI)
		return NULL;
	if (!dev->pci_id_valid && !dev->pci_id_tried) {
		dev->pci_id_tried = true;
		if (mdev_vfio_read_pci_id(dev) == 0)
			dev->pci_id_valid = true;
	}
	return dev->pci_id_valid ? &dev->pci_id : NULL;
}

/*
 * The kernel wants the device back (its mdev is being removed): the bus
 * decides what to do (mdev_bus.request). While that runs, a release
 * elsewhere waits for this alarm, which is still recorded: the device
 * stays. @p arg is the UUID the notifier gave the alarm; this function
 * frees it.
 */
static void
mdev_vfio_req_alarm(void *arg)
{
	char *name = arg;
	struct rte_mdev_device *dev;

	MDEV_LOG(NOTICE, "%s: the kernel requests the device", name);
	if (mdev_bus.request != NULL)
		mdev_bus.request(name);

	rte_spinlock_lock(&mdev_bus.lock);
	dev = mdev_find_by_name(name);
	if (dev != NULL && mdev_priv(dev)->req_alarm == name)
		mdev_priv(dev)->req_alarm = NULL;
	rte_spinlock_unlock(&mdev_bus.lock);
	free(name);
}

/*
 * In the interrupt thread. One alarm at a time: the kernel repeats its
 * request until the device is released.
 */
static void
mdev_vfio_req_notify(struct rte_vfio_dev *vfio, void *arg)
{
	struct mdev_device *p = mdev_priv(arg);
	char *name;

	RTE_SET_USED(vfio);
	rte_spinlock_lock(&mdev_bus.lock);
	if (p->req_alarm != NULL)
		goto out;
	name = strdup(p->dev.name);
	if (name == NULL) {
		MDEV_LOG(ERR, "%s: cannot schedule removal: out of memory",
			 p->dev.name);
		goto out;
	}
	if (rte_eal_alarm_set(1, mdev_vfio_req_alarm, name) != 0) {
		MDEV_LOG(ERR, "%s: cannot schedule removal: %s", p->dev.name,
			 rte_strerror(rte_errno));
		free(name);
		goto out;
	}
	p->req_alarm = name;
out:
	rte_spinlock_unlock(&mdev_bus.lock);
}

/*
 * No removal alarm pending or running once this returns, unless the
 * caller is that alarm. Only a cancelled alarm's name is freed here; one
 * that runs frees its own and, when done, takes itself off the device:
 * until then, a release in another thread waits here for it.
 */
static void
mdev_vfio_req_cancel(struct mdev_device *p)
{
	char *name;

	rte_spinlock_lock(&mdev_bus.lock);
	name = p->req_alarm;
	rte_spinlock_unlock(&mdev_bus.lock);
	if (name == NULL)
		return;
	/* Waits for a running alarm, unless the caller is that alarm. */
	if (rte_eal_alarm_cancel(mdev_vfio_req_alarm, name) <= 0)
		return;
	rte_spinlock_lock(&mdev_bus.lock);
	if (p->req_alarm == name)
		p->req_alarm = NULL;
	rte_spinlock_unlock(&mdev_bus.lock);
	free(name);
}

static int
mdev_vfio_intr_setup(struct rte_mdev_device *dev)
{
	int ret;

	if (rte_intr_dev_fd_set(dev->intr_handle, dev->vfio_fd) != 0)
		return -rte_errno;
	/* The primary owns the device's interrupts, as with bus/pci. */
	if (rte_eal_process_type() != RTE_PROC_PRIMARY ||
	    dev->type->api != RTE_MDEV_API_PCI)
		return 0;
	ret = rte_vfio_dev_intr_prepare(dev->vfio, dev->intr_handle);
	if (ret < 0 && ret != -ENOTSUP) {
		MDEV_LOG(ERR, "%s: cannot prepare interrupts: %s", dev->name,
			 strerror(-ret));
		return ret;
	}
	ret = rte_vfio_dev_notifier_enable(dev->vfio, VFIO_PCI_REQ_IRQ_INDEX,
					   mdev_vfio_req_notify, dev);
	if (ret == -ENOTSUP) {
		MDEV_LOG(DEBUG, "%s: no request notifier", dev->name);
		return 0;
	}
	if (ret < 0)
		MDEV_LOG(ERR, "%s: cannot enable the request notifier: %s",
			 dev->name, strerror(-ret));
	return ret;
}

static int
mdev_vfio_map(struct rte_mdev_device *dev)
{
	int ret;

	/* Reuses a handle open already (rte_mdev_vfio_open()). */
	ret = mdev_vfio_open_handle(dev, MDEV_VFIO_MAPPED);
	if (ret < 0)
		return ret;
	ret = rte_vfio_dev_map(dev->vfio);
	if (ret < 0) {
		MDEV_LOG(ERR, "%s: cannot map regions: %s", dev->name,
			 strerror(-ret));
		return ret;
	}
	return mdev_vfio_intr_setup(dev);
}

int
mdev_vfio_acquire(struct rte_mdev_device *dev,
		  const struct rte_mdev_driver *drv)
{
	int ret = 0;

	dev->intr_handle = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (dev->intr_handle == NULL)
		return -ENOMEM;
	if ((drv->drv_flags & RTE_MDEV_DRV_NEED_MAPPING) != 0) {
		ret = mdev_vfio_map(dev);
	} else if ((drv->drv_flags & RTE_MDEV_DRV_NEED_VFIO) != 0) {
		ret = mdev_vfio_open_handle(dev, MDEV_VFIO_OPEN);
		if (ret == 0 &&
		    rte_intr_dev_fd_set(dev->intr_handle, dev->vfio_fd) != 0)
			ret = -rte_errno;
	} else {
		/* A driver without VFIO: no handle stays open. */
		mdev_vfio_close_handle(dev);
	}
	if (ret < 0)
		mdev_vfio_release(dev, false);
	return ret;
}

void
mdev_vfio_release(struct rte_mdev_device *dev, bool driver_remove)
{
	struct mdev_device *p = mdev_priv(dev);
	rte_mdev_remove_t *remove = NULL;
	int ret;

	if (dev->vfio != NULL)
		rte_vfio_dev_notifier_disable(dev->vfio, VFIO_PCI_REQ_IRQ_INDEX);
	mdev_vfio_req_cancel(p);
	/*
	 * Only now: a removal alarm that was running may have removed the
	 * driver meanwhile, and remove runs once.
	 */
	if (driver_remove && dev->driver != NULL)
		remove = dev->driver->remove;
	if (remove != NULL) {
		ret = remove(dev);
		/* The contract: remove succeeds. The device goes anyway. */
		if (ret < 0)
			MDEV_LOG(ERR, "%s: driver %s failed to remove it (%s), released all the same",
				 dev->name, dev->driver->driver.name,
				 strerror(-ret));
	}
	if (dev->vfio != NULL)
		rte_vfio_dev_intr_release(dev->vfio, dev->intr_handle);
	rte_intr_instance_free(dev->intr_handle);
	dev->intr_handle = NULL;
	if (dev->vfio != NULL)
		rte_vfio_dev_unmap(dev->vfio);
	mdev_vfio_close_handle(dev);
}
