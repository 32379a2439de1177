// SPDX-License-Identifier: GPL-2.0
/*
 * vfio-ap family: the smallest non-PCI mediated device.
 *
 * It has no regions and no interrupts, like the real vfio_ap device whose
 * queues are reached through KVM rather than through the device file. It
 * lets a userspace bus driver check that it recognises and skips (or
 * handles) a device API other than vfio-pci.
 */

#include "mdev_sim.h"

static int ap_init(struct mdev_sim_dev *sdev)
{
	sdev->priv = NULL;
	return 0;
}

static void ap_release(struct mdev_sim_dev *sdev)
{
}

static int ap_reset(struct mdev_sim_dev *sdev)
{
	return 0;
}

const struct mdev_sim_family mdev_sim_ap_family = {
	.parent_name	= "mdev_sim_ap",
	.driver_name	= "mdev_sim_ap",
	.device_api	= VFIO_DEVICE_API_AP_STRING,
	.flags		= VFIO_DEVICE_FLAGS_AP | VFIO_DEVICE_FLAGS_RESET,
	.num_regions	= 0,
	.num_irqs	= 0,
	.init		= ap_init,
	.release	= ap_release,
	.reset		= ap_reset,
};

struct mdev_sim_type mdev_sim_ap_type = {
	.mtype = {
		.sysfs_name	= "ap",
		.pretty_name	= "mdev_sim AP matrix (no queues)",
	},
	.family		= &mdev_sim_ap_family,
	.description	= "vfio-ap device without regions or interrupts",
};
