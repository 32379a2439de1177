/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/* Control path: configure, start/stop, queue pairs, stats, close. */

#include <stdio.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_memzone.h>

#include "bus_mdev_driver.h"
#include "rte_vfio_dev.h"
#include "mdev_sim_crypto_priv.h"

uint32_t
msc_reg_read(const struct msc_dev *dev, uint64_t off)
{
	uint32_t val = 0;

	if (rte_vfio_dev_read32(dev->vfio, MDEV_SIM_CRYPTO_BAR, off, &val) != 0)
		MSC_LOG(ERR, "%s: cannot read register %#" PRIx64,
			dev->mdev->name, off);
	return val;
}

int
msc_reg_write(const struct msc_dev *dev, uint64_t off, uint32_t val)
{
	int ret = rte_vfio_dev_write32(dev->vfio, MDEV_SIM_CRYPTO_BAR, off,
				       val);

	if (ret != 0)
		MSC_LOG(ERR, "%s: cannot write register %#" PRIx64 ": %s",
			dev->mdev->name, off, strerror(-ret));
	return ret;
}

static int
qp_reg_write(const struct msc_dev *dev, uint16_t qp, unsigned int reg,
	     uint32_t val)
{
	return msc_reg_write(dev, MDEV_SIM_CRYPTO_QP_REG(qp, reg), val);
}

static int
msc_configure(struct rte_cryptodev *cdev, struct rte_cryptodev_config *conf)
{
	struct msc_dev *dev = cdev->data->dev_private;

	if (conf->nb_queue_pairs > dev->nb_qps) {
		MSC_LOG(ERR, "%u queue pairs asked, the device has %u",
			conf->nb_queue_pairs, dev->nb_qps);
		return -EINVAL;
	}
	if ((conf->ff_disable & RTE_CRYPTODEV_FF_SYMMETRIC_CRYPTO) != 0) {
		MSC_LOG(ERR, "symmetric crypto is all this device does");
		return -ENOTSUP;
	}
	return 0;
}

/* Disabling drops the device's keyed transforms and buffers too. */
static void
qp_hw_stop(const struct msc_dev *dev, struct mdev_sim_crypto_qp *qp)
{
	qp_reg_write(dev, qp->id, MDEV_SIM_CRYPTO_QP_CTRL, 0);
}

static int
qp_hw_start(const struct msc_dev *dev, struct mdev_sim_crypto_qp *qp)
{
	uint32_t st;

	qp->head = 0;
	qp->tail = 0;
	if (qp_reg_write(dev, qp->id, MDEV_SIM_CRYPTO_QP_REQ_LO,
			 (uint32_t)qp->req_iova) != 0 ||
	    qp_reg_write(dev, qp->id, MDEV_SIM_CRYPTO_QP_REQ_HI,
			 (uint32_t)(qp->req_iova >> 32)) != 0 ||
	    qp_reg_write(dev, qp->id, MDEV_SIM_CRYPTO_QP_RESP_LO,
			 (uint32_t)qp->resp_iova) != 0 ||
	    qp_reg_write(dev, qp->id, MDEV_SIM_CRYPTO_QP_RESP_HI,
			 (uint32_t)(qp->resp_iova >> 32)) != 0 ||
	    qp_reg_write(dev, qp->id, MDEV_SIM_CRYPTO_QP_SIZE, qp->size) != 0 ||
	    qp_reg_write(dev, qp->id, MDEV_SIM_CRYPTO_QP_CTRL,
			 MDEV_SIM_CRYPTO_QP_CTRL_ENABLE) != 0)
		return -EIO;
	st = msc_reg_read(dev, MDEV_SIM_CRYPTO_QP_REG(qp->id,
						       MDEV_SIM_CRYPTO_QP_STATUS));
	if ((st & MDEV_SIM_CRYPTO_QP_ST_ENABLED) == 0) {
		MSC_LOG(ERR, "%s: queue pair %u refused to start, status %#x",
			dev->mdev->name, qp->id, st);
		return -EIO;
	}
	return 0;
}

static void
msc_stop(struct rte_cryptodev *cdev)
{
	struct msc_dev *dev = cdev->data->dev_private;
	uint16_t i;

	for (i = 0; i < cdev->data->nb_queue_pairs; i++)
		if (cdev->data->queue_pairs[i] != NULL)
			qp_hw_stop(dev, cdev->data->queue_pairs[i]);
}

static int
msc_start(struct rte_cryptodev *cdev)
{
	struct msc_dev *dev = cdev->data->dev_private;
	uint16_t i;
	int ret;

	for (i = 0; i < cdev->data->nb_queue_pairs; i++) {
		struct mdev_sim_crypto_qp *qp = cdev->data->queue_pairs[i];

		if (qp == NULL) {
			MSC_LOG(ERR, "queue pair %u is not set up", i);
			ret = -EINVAL;
			goto err;
		}
		ret = qp_hw_start(dev, qp);
		if (ret != 0)
			goto err;
	}
	return 0;

err:
	msc_stop(cdev);
	return ret;
}

static void
msc_info_get(struct rte_cryptodev *cdev, struct rte_cryptodev_info *info)
{
	struct msc_dev *dev = cdev->data->dev_private;

	info->driver_id = msc_driver_id;
	info->feature_flags = cdev->feature_flags;
	info->capabilities = dev->caps;
	info->max_nb_queue_pairs = dev->nb_qps;
	info->sym.max_nb_sessions = 0;	/* sessions live in the app's memory */
	info->min_mbuf_headroom_req = 0;
	info->min_mbuf_tailroom_req = 0;
}

static void
msc_stats_get(struct rte_cryptodev *cdev, struct rte_cryptodev_stats *stats)
{
	uint16_t i;

	for (i = 0; i < cdev->data->nb_queue_pairs; i++) {
		const struct mdev_sim_crypto_qp *qp =
			cdev->data->queue_pairs[i];

		if (qp == NULL)
			continue;
		stats->enqueued_count += qp->stats.enqueued_count;
		stats->dequeued_count += qp->stats.dequeued_count;
		stats->enqueue_err_count += qp->stats.enqueue_err_count;
		stats->dequeue_err_count += qp->stats.dequeue_err_count;
	}
}

static void
msc_stats_reset(struct rte_cryptodev *cdev)
{
	uint16_t i;

	for (i = 0; i < cdev->data->nb_queue_pairs; i++) {
		struct mdev_sim_crypto_qp *qp = cdev->data->queue_pairs[i];

		if (qp != NULL)
			memset(&qp->stats, 0, sizeof(qp->stats));
	}
}

static int
msc_qp_release(struct rte_cryptodev *cdev, uint16_t qp_id)
{
	struct msc_dev *dev = cdev->data->dev_private;
	struct mdev_sim_crypto_qp *qp = cdev->data->queue_pairs[qp_id];

	if (qp == NULL)
		return 0;
	qp_hw_stop(dev, qp);
	rte_memzone_free(qp->mz);
	rte_free(qp->ops);
	rte_free(qp);
	cdev->data->queue_pairs[qp_id] = NULL;
	return 0;
}

static int
qp_rings_alloc(struct rte_cryptodev *cdev, struct mdev_sim_crypto_qp *qp,
	       int socket)
{
	char name[RTE_MEMZONE_NAMESIZE];
	size_t req_bytes = (size_t)qp->size * sizeof(*qp->req);
	size_t bytes = req_bytes + (size_t)qp->size * sizeof(*qp->resp);

	snprintf(name, sizeof(name), "msc_%u_qp%u", cdev->data->dev_id, qp->id);
	qp->mz = rte_memzone_reserve_aligned(name, bytes, socket,
					     RTE_MEMZONE_IOVA_CONTIG,
					     RTE_CACHE_LINE_SIZE);
	if (qp->mz == NULL)
		return -ENOMEM;
	qp->req = qp->mz->addr;
	qp->resp = RTE_PTR_ADD(qp->mz->addr, req_bytes);
	qp->req_iova = qp->mz->iova;
	qp->resp_iova = qp->mz->iova + req_bytes;
	return 0;
}

static int
msc_qp_setup(struct rte_cryptodev *cdev, uint16_t qp_id,
	     const struct rte_cryptodev_qp_conf *conf, int socket)
{
	struct msc_dev *dev = cdev->data->dev_private;
	uint32_t size = rte_align32pow2(conf->nb_descriptors);
	struct mdev_sim_crypto_qp *qp;

	if (qp_id >= dev->nb_qps || conf->nb_descriptors == 0 ||
	    size < MDEV_SIM_CRYPTO_MIN_RING || size > dev->max_ring) {
		MSC_LOG(ERR, "queue pair %u with %u descriptors: the device has %u queue pairs of %u to %u",
			qp_id, conf->nb_descriptors, dev->nb_qps,
			MDEV_SIM_CRYPTO_MIN_RING, dev->max_ring);
		return -EINVAL;
	}
	msc_qp_release(cdev, qp_id);

	qp = rte_zmalloc_socket("mdev_sim_crypto_qp", sizeof(*qp),
				RTE_CACHE_LINE_SIZE, socket);
	if (qp == NULL)
		return -ENOMEM;
	qp->id = qp_id;
	qp->size = size;
	qp->vfio = dev->vfio;
	qp->doorbell = MDEV_SIM_CRYPTO_QP_REG(qp_id, MDEV_SIM_CRYPTO_QP_DOORBELL);
	qp->status = (const volatile void *)(dev->status_page +
			qp_id * MDEV_SIM_CRYPTO_STATUS_STRIDE);
	qp->ops = rte_zmalloc_socket("msc_qp_ops", size * sizeof(*qp->ops),
				     RTE_CACHE_LINE_SIZE, socket);
	if (qp->ops == NULL || qp_rings_alloc(cdev, qp, socket) != 0) {
		rte_free(qp->ops);
		rte_free(qp);
		return -ENOMEM;
	}
	cdev->data->queue_pairs[qp_id] = qp;
	return 0;
}

static int
msc_close(struct rte_cryptodev *cdev)
{
	uint16_t i;

	for (i = 0; i < cdev->data->nb_queue_pairs; i++)
		msc_qp_release(cdev, i);
	return 0;
}

struct rte_cryptodev_ops msc_ops = {
	.dev_configure = msc_configure,
	.dev_start = msc_start,
	.dev_stop = msc_stop,
	.dev_close = msc_close,
	.dev_infos_get = msc_info_get,
	.stats_get = msc_stats_get,
	.stats_reset = msc_stats_reset,
	.queue_pair_setup = msc_qp_setup,
	.queue_pair_release = msc_qp_release,
	.sym_session_get_size = msc_session_size,
	.sym_session_configure = msc_session_configure,
	.sym_session_clear = msc_session_clear,
};
