/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * crypto_mdev_sim: cryptodev PMD for the mdev_sim-crypto mediated device.
 * The mdev bus opens the device and maps its status page before probe
 * (RTE_MDEV_DRV_NEED_MAPPING); probe checks the device's identity, reads
 * what it offers and creates one symmetric cryptodev.
 */

#include <string.h>

#include <rte_malloc.h>
#include <rte_string_fns.h>

#include "bus_mdev_driver.h"
#include "rte_vfio_dev.h"
#include "mdev_sim_crypto_priv.h"

RTE_LOG_REGISTER_DEFAULT(msc_logtype, NOTICE);

uint8_t msc_driver_id;

static int
msc_map_status(struct msc_dev *dev)
{
	const struct rte_vfio_dev_region *bar;

	bar = rte_vfio_dev_region(dev->vfio, MDEV_SIM_CRYPTO_BAR);
	if (bar != NULL && bar->size >= MDEV_SIM_CRYPTO_BAR0_SIZE)
		dev->status_page = rte_vfio_dev_region_ptr(bar,
				MDEV_SIM_CRYPTO_STATUS_PAGE,
				MDEV_SIM_CRYPTO_STATUS_SIZE);
	if (dev->status_page == NULL) {
		MSC_LOG(ERR, "%s: the status page of BAR0 is not mapped",
			dev->mdev->name);
		return -ENODEV;
	}
	return 0;
}

/* Identity and limits; a device that disagrees with the header is refused. */
static int
msc_read_device(struct msc_dev *dev)
{
	uint32_t id = msc_reg_read(dev, MDEV_SIM_CRYPTO_REG_ID);
	uint32_t ver = msc_reg_read(dev, MDEV_SIM_CRYPTO_REG_VERSION);

	if (id != MDEV_SIM_CRYPTO_ID_MAGIC ||
	    (ver >> 16) != (MDEV_SIM_CRYPTO_VERSION >> 16)) {
		MSC_LOG(ERR, "%s: not an mdev_sim-crypto 1.x device (id %#x, version %#x)",
			dev->mdev->name, id, ver);
		return -ENODEV;
	}
	dev->nb_qps = msc_reg_read(dev, MDEV_SIM_CRYPTO_REG_NUM_QPS);
	dev->max_ring = msc_reg_read(dev, MDEV_SIM_CRYPTO_REG_MAX_RING);
	dev->max_data = msc_reg_read(dev, MDEV_SIM_CRYPTO_REG_MAX_DATA);
	dev->max_aad = msc_reg_read(dev, MDEV_SIM_CRYPTO_REG_MAX_AAD);
	dev->cipher_caps = msc_reg_read(dev, MDEV_SIM_CRYPTO_REG_CIPHER_CAPS);
	dev->auth_caps = msc_reg_read(dev, MDEV_SIM_CRYPTO_REG_AUTH_CAPS);
	if (dev->nb_qps == 0 || dev->nb_qps > MDEV_SIM_CRYPTO_NUM_QPS ||
	    dev->max_ring < MDEV_SIM_CRYPTO_MIN_RING) {
		MSC_LOG(ERR, "%s: device reports %u queue pairs of up to %u entries",
			dev->mdev->name, dev->nb_qps, dev->max_ring);
		return -ENODEV;
	}
	return 0;
}

static int
msc_probe(struct rte_mdev_driver *drv __rte_unused,
	  struct rte_mdev_device *mdev)
{
	struct rte_cryptodev_pmd_init_params params = {
		.private_data_size = sizeof(struct msc_dev),
		/* The parent's node (sysfs numa_node), or SOCKET_ID_ANY. */
		.socket_id = mdev->device.numa_node,
		.max_nb_queue_pairs = MDEV_SIM_CRYPTO_NUM_QPS,
	};
	struct rte_cryptodev *cdev;
	struct msc_dev *dev;
	int ret;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		MSC_LOG(ERR, "%s: secondary processes are not supported",
			mdev->name);
		return -ENOTSUP;
	}
	if (mdev->vfio == NULL) {
		MSC_LOG(ERR, "%s: the bus did not open the device", mdev->name);
		return -ENODEV;
	}

	strlcpy(params.name, mdev->name, sizeof(params.name));
	cdev = rte_cryptodev_pmd_create(mdev->name, &mdev->device, &params);
	if (cdev == NULL)
		return -ENODEV;
	dev = cdev->data->dev_private;
	dev->mdev = mdev;
	dev->vfio = mdev->vfio;

	ret = msc_map_status(dev);
	if (ret == 0)
		ret = msc_read_device(dev);
	if (ret == 0 && rte_vfio_dev_pci_set_bus_master(dev->vfio, true) != 0)
		ret = -EIO;
	if (ret != 0)
		goto err;
	dev->caps = msc_caps_build(dev->cipher_caps, dev->auth_caps,
				   dev->max_aad);
	if (dev->caps == NULL) {
		ret = -ENOMEM;
		goto err;
	}

	cdev->driver_id = msc_driver_id;
	cdev->dev_ops = &msc_ops;
	cdev->enqueue_burst = msc_enqueue_burst;
	cdev->dequeue_burst = msc_dequeue_burst;
	cdev->feature_flags = RTE_CRYPTODEV_FF_SYMMETRIC_CRYPTO |
			      RTE_CRYPTODEV_FF_SYM_OPERATION_CHAINING |
			      RTE_CRYPTODEV_FF_HW_ACCELERATED |
			      RTE_CRYPTODEV_FF_OOP_LB_IN_LB_OUT |
			      RTE_CRYPTODEV_FF_DIGEST_ENCRYPTED;
	mdev->drv_private = cdev;
	rte_cryptodev_pmd_probing_finish(cdev);
	MSC_LOG(INFO, "%s: cryptodev %u, %u queue pairs, ciphers %#x, auths %#x",
		mdev->name, cdev->data->dev_id, dev->nb_qps, dev->cipher_caps,
		dev->auth_caps);
	return 0;

err:
	rte_cryptodev_pmd_destroy(cdev);
	return ret;
}

static int
msc_remove(struct rte_mdev_device *mdev)
{
	struct rte_cryptodev *cdev = mdev->drv_private;
	struct msc_dev *dev;

	if (cdev == NULL)
		return 0;
	dev = cdev->data->dev_private;
	if (cdev->data->dev_started)
		rte_cryptodev_stop(cdev->data->dev_id);
	rte_free(dev->caps);
	dev->caps = NULL;
	mdev->drv_private = NULL;
	/* Closes the queue pairs, which turns them off in the device. */
	return rte_cryptodev_pmd_destroy(cdev);
}

static const struct rte_mdev_id msc_ids[] = {
	RTE_MDEV_ID_PCI(MDEV_SIM_PCI_VENDOR_ID, MDEV_SIM_CRYPTO_DEVICE_ID),
	{ .api = RTE_MDEV_API_UNKNOWN },
};

static struct rte_mdev_driver msc_mdev_driver = {
	.class_name = "crypto",
	.id_table = msc_ids,
	.probe = msc_probe,
	.remove = msc_remove,
	.drv_flags = RTE_MDEV_DRV_NEED_MAPPING,
};

static struct cryptodev_driver msc_crypto_drv;

RTE_PMD_REGISTER_MDEV(crypto_mdev_sim, msc_mdev_driver);
RTE_PMD_REGISTER_CRYPTO_DRIVER(msc_crypto_drv, msc_mdev_driver.driver,
			       msc_driver_id);
