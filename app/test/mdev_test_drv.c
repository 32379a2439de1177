/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Test-only mdev drivers, loaded into Debian's unmodified DPDK apps with -d.
 * They touch no hardware: each logs what it probes and removes, one line a
 * device, so that tests can tell which driver the bus chose for which
 * device. The eth one also makes a null port, so testpmd shows and drives
 * mdev devices as ports.
 *
 *   mdev_test_eth     class eth,    any vfio-pci device
 *   mdev_test_crypto  class crypto, any vfio-pci device
 *   mdev_test_pciid   class eth,    vfio-pci devices of a type named
 *                     *virtio* with PCI IDs 1af4:1041 (needs config
 *                     space: exercises the bus's lazy VFIO opening)
 */

#include <string.h>

#include <ethdev_driver.h>
#include <rte_ether.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "bus_mdev_driver.h"

RTE_LOG_REGISTER(mdev_test_logtype, pmd.mdev_test, NOTICE);

#define TEST_LOG(fmt, ...) \
	rte_log(RTE_LOG_NOTICE, mdev_test_logtype, "mdev_test: " fmt "\n", \
		##__VA_ARGS__)

static const char *
devargs_string(const struct rte_mdev_device *dev)
{
	const struct rte_devargs *da = dev->device.devargs;

	return da != NULL && da->drv_str != NULL ? da->drv_str : "";
}

static void
log_probe(const struct rte_mdev_driver *drv, const struct rte_mdev_device *dev)
{
	TEST_LOG("probe %s driver=%s type=%s args=\"%s\"", dev->name,
		 drv->driver.name, dev->type->id, devargs_string(dev));
}

static void
log_remove(const struct rte_mdev_device *dev)
{
	TEST_LOG("remove %s driver=%s", dev->name, dev->driver->driver.name);
}

static uint16_t
null_rx(void *q __rte_unused, struct rte_mbuf **bufs __rte_unused,
	uint16_t n __rte_unused)
{
	return 0;
}

static uint16_t
null_tx(void *q __rte_unused, struct rte_mbuf **bufs, uint16_t n)
{
	rte_pktmbuf_free_bulk(bufs, n);
	return n;
}

static int
null_configure(struct rte_eth_dev *eth __rte_unused)
{
	return 0;
}

static int
null_infos_get(struct rte_eth_dev *eth __rte_unused,
	       struct rte_eth_dev_info *info)
{
	info->max_mac_addrs = 1;
	info->max_rx_pktlen = RTE_ETHER_MAX_LEN;
	info->max_rx_queues = 1;
	info->max_tx_queues = 1;
	return 0;
}

static int
null_start(struct rte_eth_dev *eth)
{
	eth->data->dev_link.link_status = RTE_ETH_LINK_UP;
	eth->data->dev_started = 1;
	return 0;
}

static int
null_stop(struct rte_eth_dev *eth)
{
	eth->data->dev_link.link_status = RTE_ETH_LINK_DOWN;
	eth->data->dev_started = 0;
	return 0;
}

static int
null_close(struct rte_eth_dev *eth __rte_unused)
{
	return 0;
}

static int
null_link_update(struct rte_eth_dev *eth __rte_unused,
		 int wait __rte_unused)
{
	return 0;
}

/* Queues hold no state: any non-NULL token satisfies ethdev. */
static int
null_rxq_setup(struct rte_eth_dev *eth, uint16_t qid,
	       uint16_t nb_desc __rte_unused, unsigned int socket __rte_unused,
	       const struct rte_eth_rxconf *conf __rte_unused,
	       struct rte_mempool *mp __rte_unused)
{
	eth->data->rx_queues[qid] = eth;
	return 0;
}

static int
null_txq_setup(struct rte_eth_dev *eth, uint16_t qid,
	       uint16_t nb_desc __rte_unused, unsigned int socket __rte_unused,
	       const struct rte_eth_txconf *conf __rte_unused)
{
	eth->data->tx_queues[qid] = eth;
	return 0;
}

static void
null_queue_release(struct rte_eth_dev *eth __rte_unused,
		   uint16_t qid __rte_unused)
{
}

static const struct eth_dev_ops null_ops = {
	.dev_configure = null_configure,
	.dev_infos_get = null_infos_get,
	.dev_start = null_start,
	.dev_stop = null_stop,
	.dev_close = null_close,
	.link_update = null_link_update,
	.rx_queue_setup = null_rxq_setup,
	.tx_queue_setup = null_txq_setup,
	.rx_queue_release = null_queue_release,
	.tx_queue_release = null_queue_release,
};

static int
eth_probe(struct rte_mdev_driver *drv, struct rte_mdev_device *dev)
{
	struct rte_eth_dev *eth;

	log_probe(drv, dev);
	eth = rte_eth_dev_allocate(dev->name);
	if (eth == NULL)
		return -ENOMEM;
	eth->data->mac_addrs = rte_zmalloc(NULL, RTE_ETHER_ADDR_LEN, 0);
	if (eth->data->mac_addrs == NULL) {
		rte_eth_dev_release_port(eth);
		return -ENOMEM;
	}
	/* A locally administered MAC from the UUID, stable across runs. */
	memcpy(eth->data->mac_addrs->addr_bytes, &dev->uuid[10], 6);
	eth->data->mac_addrs->addr_bytes[0] = 0x02;
	eth->device = &dev->device;
	eth->dev_ops = &null_ops;
	eth->rx_pkt_burst = null_rx;
	eth->tx_pkt_burst = null_tx;
	eth->data->dev_flags |= RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;
	rte_eth_dev_probing_finish(eth);
	return 0;
}

static int
eth_remove(struct rte_mdev_device *dev)
{
	struct rte_eth_dev *eth = rte_eth_dev_allocated(dev->name);

	log_remove(dev);
	if (eth == NULL)
		return 0;
	/* Close releases the port (and, from 23.11, its data). */
	return rte_eth_dev_close(eth->data->port_id);
}

static int
crypto_probe(struct rte_mdev_driver *drv, struct rte_mdev_device *dev)
{
	log_probe(drv, dev);
	return 0;
}

static int
crypto_remove(struct rte_mdev_device *dev)
{
	log_remove(dev);
	return 0;
}

static const struct rte_mdev_id any_pci_ids[] = {
	RTE_MDEV_ID_TYPE(RTE_MDEV_API_PCI, NULL),
	{ .api = RTE_MDEV_API_UNKNOWN },
};

static const struct rte_mdev_id virtio_net_ids[] = {
	{ .api = RTE_MDEV_API_PCI, .type = "*virtio*",
	  .vendor_id = 0x1af4, .device_id = 0x1041,
	  .subsystem_vendor_id = RTE_MDEV_ANY_ID,
	  .subsystem_device_id = RTE_MDEV_ANY_ID },
	{ .api = RTE_MDEV_API_UNKNOWN },
};

static struct rte_mdev_driver mdev_test_pciid = {
	.class_name = "eth",
	.id_table = virtio_net_ids,
	.probe = crypto_probe,
	.remove = crypto_remove,
};

static struct rte_mdev_driver mdev_test_eth = {
	.class_name = "eth",
	.id_table = any_pci_ids,
	.probe = eth_probe,
	.remove = eth_remove,
};

static struct rte_mdev_driver mdev_test_crypto = {
	.class_name = "crypto",
	.id_table = any_pci_ids,
	.probe = crypto_probe,
	.remove = crypto_remove,
};

/* Registration order is matching order: the ID-table driver goes first. */
RTE_PMD_REGISTER_MDEV(mdev_test_pciid, mdev_test_pciid);
RTE_PMD_REGISTER_MDEV(mdev_test_eth, mdev_test_eth);
RTE_PMD_REGISTER_MDEV(mdev_test_crypto, mdev_test_crypto);
RTE_PMD_REGISTER_MDEV_ALIAS(mdev_test_crypto, mdev_test_cipher);
