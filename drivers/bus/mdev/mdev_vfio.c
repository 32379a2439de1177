/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The bus's use of VFIO, all through the VFIO helper library, in the
 * container the device's devargs ask for (iommu=, type1v2 by default): the
 * device fd for RTE_MDEV_DRV_NEED_VFIO drivers, and for
 * RTE_MDEV_DRV_NEED_MAPPING ones regions mapped, interrupts prepared, and
 * the kernel's request to have the device back turned into a hot-unplug.
 * The handle opened to read PCI IDs for matching is kept for the driver
 * that takes the device. The library releases the device through its real
 * sysfs directory, which outlives the bus's link during removal.
 */

#include <errno.h>
#include <string.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include <rte_alarm.h>
#include <rte_byteorder.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_interrupts.h>
#include <rte_string_fns.h>
#include <rte_vfio.h>
#include <rte_vfio_dev.h>

#include "private.h"

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

enum rte_vfio_dev_iommu
rte_mdev_device_iommu(const struct rte_mdev_device *dev)
{
	return mdev_devargs_iommu(dev != NULL ? dev->device.devargs : NULL);
}

/* The library checks the device flags against a device_api it knows. */
static const char *
mdev_vfio_api(const struct rte_mdev_device *dev)
{
	return dev->type->api != RTE_MDEV_API_UNKNOWN ?
		dev->type->api_name : NULL;
}

/* Open dev->vfio unless open already (for matching, or by the driver). */
static int
mdev_vfio_open_handle(struct rte_mdev_device *dev)
{
	struct rte_vfio_dev_open_opts opts = { 0 };
	int ret;

	if (dev->vfio != NULL)
		return 0;
	ret = mdev_vfio_check_group(dev);
	if (ret < 0)
		return ret;
	opts.iommu = rte_mdev_device_iommu(dev);
	dev->vfio = rte_vfio_dev_open_ext(mdev_sysfs_path(), dev->name,
					  mdev_vfio_api(dev), &opts);
	if (dev->vfio == NULL) {
		ret = -rte_errno;
		MDEV_LOG(ERR, "%s: cannot open through VFIO (%s container): %s",
			 dev->name, rte_vfio_dev_iommu_name(opts.iommu),
			 rte_strerror(rte_errno));
		return ret;
	}
	dev->vfio_fd = rte_vfio_dev_fd(dev->vfio);
	MDEV_LOG(DEBUG, "%s: open, %s container, IOMMU %s", dev->name,
		 rte_vfio_dev_iommu_name(rte_vfio_dev_iommu_mode(dev->vfio)),
		 rte_vfio_dev_iommu_type_name(rte_vfio_dev_iommu_type(dev->vfio)));
	return 0;
}

void
mdev_vfio_close_handle(struct rte_mdev_device *dev)
{
	if (dev->vfio == NULL)
		return;
	rte_vfio_dev_close(dev->vfio);
	dev->vfio = NULL;
	dev->vfio_fd = -1;
}

int
rte_mdev_vfio_open(struct rte_mdev_device *dev)
{
	if (dev == NULL)
		return -EINVAL;
	return mdev_vfio_open_handle(dev);
}

void
rte_mdev_vfio_close(struct rte_mdev_device *dev)
{
	if (dev == NULL)
		return;
	/* The bus owns a mapped device until the driver is removed. */
	if (dev->driver != NULL &&
	    (dev->driver->drv_flags & RTE_MDEV_DRV_NEED_MAPPING) != 0)
		return;
	mdev_vfio_close_handle(dev);
}

/*
 * The handle stays open in dev->vfio for the driver that takes the device;
 * probe closes it when none does.
 */
int
mdev_vfio_read_pci_id(struct rte_mdev_device *dev)
{
	struct rte_vfio_dev *vfio;
	uint16_t ids[2], subsys[2];
	uint32_t class_rev;
	int ret;

	if (dev->type->api != RTE_MDEV_API_PCI)
		return -ENOTSUP;
	ret = mdev_vfio_open_handle(dev);
	if (ret < 0)
		return ret;
	vfio = dev->vfio;
	ret = rte_vfio_dev_pci_cfg_read(vfio, ids, sizeof(ids), PCI_VENDOR_ID);
	if (ret == 0)
		ret = rte_vfio_dev_pci_cfg_read(vfio, &class_rev,
						sizeof(class_rev),
						PCI_CLASS_REVISION);
	if (ret == 0)
		ret = rte_vfio_dev_pci_cfg_read(vfio, subsys, sizeof(subsys),
						PCI_SUBSYSTEM_VENDOR_ID);
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
	return ret;
}

/*
 * The kernel wants the device back (its mdev is being removed): tell the
 * application, then take the device from its driver and close it, so
 * that the removal, which waits for the last fd, completes.
 */
static void
mdev_vfio_req_alarm(void *arg)
{
	struct rte_mdev_device *dev = arg;
	char name[RTE_UUID_STRLEN];

	strlcpy(name, dev->name, sizeof(name));
	MDEV_LOG(NOTICE, "%s: the kernel requests the device, removing it",
		 name);
	rte_dev_event_callback_process(name, RTE_DEV_EVENT_REMOVE);
	/* An application callback may have detached and freed it already. */
	dev = mdev_find_by_name(name);
	if (dev == NULL || dev->driver == NULL)
		return;
	if (mdev_remove_driver(dev) != 0)
		MDEV_LOG(ERR, "%s: driver refused removal", name);
}

/*
 * Called in the interrupt thread from inside the notifier, whose disabling
 * (part of the release) must wait until it returns: release from an alarm.
 */
static void
mdev_vfio_req_notify(struct rte_vfio_dev *vfio, void *arg)
{
	struct rte_mdev_device *dev = arg;

	RTE_SET_USED(vfio);
	if (rte_eal_alarm_set(1, mdev_vfio_req_alarm, dev) != 0)
		MDEV_LOG(ERR, "%s: cannot schedule removal: %s", dev->name,
			 rte_strerror(rte_errno));
}

void
mdev_vfio_req_cancel(struct rte_mdev_device *dev)
{
	/* Waits for a running removal, unless it is the caller. */
	rte_eal_alarm_cancel(mdev_vfio_req_alarm, dev);
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

int
mdev_vfio_map(struct rte_mdev_device *dev)
{
	int ret;

	/* Reuses the handle opened for matching. */
	ret = mdev_vfio_open_handle(dev);
	if (ret < 0)
		return ret;
	ret = rte_vfio_dev_map(dev->vfio);
	if (ret < 0) {
		MDEV_LOG(ERR, "%s: cannot map regions: %s", dev->name,
			 strerror(-ret));
		goto fail;
	}
	ret = mdev_vfio_intr_setup(dev);
	if (ret < 0)
		goto fail;
	return 0;
fail:
	mdev_vfio_unmap(dev);
	return ret;
}

/* Undo mdev_vfio_map() and close the device. */
void
mdev_vfio_unmap(struct rte_mdev_device *dev)
{
	if (dev->vfio == NULL)
		return;
	rte_vfio_dev_notifier_disable(dev->vfio, VFIO_PCI_REQ_IRQ_INDEX);
	rte_vfio_dev_intr_release(dev->vfio, dev->intr_handle);
	if (dev->intr_handle != NULL)
		rte_intr_dev_fd_set(dev->intr_handle, -1);
	mdev_vfio_close_handle(dev);
}
