/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * PCI identities of the mdev_sim device models.
 *
 * Vendor 0x1234 has no entry in the PCI ID database; it is used here as an
 * experimental, unregistered vendor ID. mediated devices never appear on the
 * host PCI bus, so no host PCI driver can bind to these IDs by accident.
 * Userspace drivers match them through the VFIO config region only.
 *
 * This header has no kernel dependencies so that userspace tests can use it.
 */
#ifndef MDEV_SIM_IDS_H
#define MDEV_SIM_IDS_H

#define MDEV_SIM_PCI_VENDOR_ID		0x1234

/* Device IDs 0x11e0-0x11ef are reserved for mdev_sim models. */
#define MDEV_SIM_TEST_DEVICE_ID		0x11e0
#define MDEV_SIM_NET_DEVICE_ID		0x11e1
#define MDEV_SIM_CRYPTO_DEVICE_ID	0x11e2
/*
 * mdev_sim-avf takes Intel's AVF vendor/device IDs, so that unmodified
 * drivers bind; this subsystem device ID (under the subsystem vendor below)
 * marks it as the simulation.
 */
#define MDEV_SIM_AVF_SUBSYS_DEVICE_ID	0x11e3

#define MDEV_SIM_PCI_SUBSYS_VENDOR_ID	MDEV_SIM_PCI_VENDOR_ID

/* "Unclassified device": no host or guest class driver claims it. */
#define MDEV_SIM_PCI_CLASS_OTHER	0xff0000

#endif /* MDEV_SIM_IDS_H */
