/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * net_mdev_sim: ethdev driver of the mdev_sim-net mediated device. The bus
 * opens and maps the device (RTE_MDEV_DRV_NEED_MAPPING); this file does
 * probe/remove, the device-level ethdev operations and the link state
 * interrupt.
 */

#include <errno.h>
#include <string.h>

#include <rte_bus.h>
#include <rte_interrupts.h>
#include <rte_malloc.h>
#include <rte_vfio_dev.h>
#include <linux/vfio.h>

#include "mdev_sim_ethdev.h"

RTE_LOG_REGISTER_DEFAULT(mdev_sim_net_logtype, NOTICE);

struct net_local mdev_sim_net_local[RTE_MAX_ETHPORTS];

static const struct eth_dev_ops mdev_sim_net_ops;

int
mdev_sim_net_reg_read(const struct rte_eth_dev *dev, uint32_t reg,
		      uint32_t *val)
{
	int ret = rte_vfio_dev_read32(net_vfio(dev->data->port_id),
				      VFIO_PCI_BAR0_REGION_INDEX, reg, val);

	if (ret < 0)
		NET_LOG(ERR, dev, "register %#x read failed: %s", reg,
			strerror(-ret));
	return ret;
}

int
mdev_sim_net_reg_write(const struct rte_eth_dev *dev, uint32_t reg,
		       uint32_t val)
{
	int ret = rte_vfio_dev_write32(net_vfio(dev->data->port_id),
				       VFIO_PCI_BAR0_REGION_INDEX, reg, val);

	if (ret < 0)
		NET_LOG(ERR, dev, "register %#x write failed: %s", reg,
			strerror(-ret));
	return ret;
}

static struct rte_intr_handle *
net_intr_handle(const struct rte_eth_dev *dev)
{
	return RTE_DEV_TO_MDEV(dev->device)->intr_handle;
}

/* ---- link ---- */

static int
net_link_update(struct rte_eth_dev *dev, int wait_to_complete __rte_unused)
{
	struct rte_eth_link link = {
		.link_speed = NET_SPEED,
		.link_duplex = RTE_ETH_LINK_FULL_DUPLEX,
		.link_autoneg = RTE_ETH_LINK_FIXED,
	};

	link.link_status = (net_st32(net_adapter(dev), MDEV_SIM_NET_ST_LINK) &
			    MDEV_SIM_NET_STATUS_LINK_UP) ?
			   RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	if (link.link_status == RTE_ETH_LINK_DOWN)
		link.link_speed = RTE_ETH_SPEED_NUM_NONE;
	return rte_eth_linkstatus_set(dev, &link);
}

/* Vector 0, in EAL's interrupt thread: the cable changed state. */
static void
net_lsc_handler(void *arg)
{
	struct rte_eth_dev *dev = arg;

	if (net_link_update(dev, 0) != 0)
		return;		/* no change */
	NET_LOG(INFO, dev, "link %s",
		dev->data->dev_link.link_status ? "up" : "down");
	rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_INTR_LSC, NULL);
}

/* ---- interrupts ---- */

static int
net_intr_start(struct rte_eth_dev *dev)
{
	struct rte_intr_handle *h = net_intr_handle(dev);
	struct rte_eth_intr_conf *conf = &dev->data->dev_conf.intr_conf;
	uint16_t nb = dev->data->nb_rx_queues, q;
	int ret;

	if (!conf->lsc && !conf->rxq)
		return 0;
	if (h == NULL || rte_intr_type_get(h) != RTE_INTR_HANDLE_VFIO_MSIX) {
		NET_LOG(ERR, dev, "interrupts requested but MSI-X is not set up");
		return -ENOTSUP;
	}
	if (conf->rxq) {
		ret = rte_intr_efd_enable(h, nb);
		if (ret == 0)
			ret = rte_intr_vec_list_alloc(h, "intr_vec", nb);
		for (q = 0; ret == 0 && q < nb; q++)
			ret = rte_intr_vec_list_index_set(h, q,
				RTE_INTR_VEC_RXTX_OFFSET + q);
		if (ret != 0) {
			NET_LOG(ERR, dev, "cannot set up RX interrupts");
			rte_intr_efd_disable(h);
			rte_intr_vec_list_free(h);
			return -ENOTSUP;
		}
	}
	if (rte_intr_enable(h) != 0) {
		NET_LOG(ERR, dev, "cannot enable interrupts");
		if (conf->rxq) {
			rte_intr_efd_disable(h);
			rte_intr_vec_list_free(h);
		}
		return -EIO;
	}
	return 0;
}

static void
net_intr_stop(struct rte_eth_dev *dev)
{
	struct rte_intr_handle *h = net_intr_handle(dev);
	struct rte_eth_intr_conf *conf = &dev->data->dev_conf.intr_conf;

	if (h == NULL || (!conf->lsc && !conf->rxq))
		return;
	rte_intr_disable(h);
	rte_intr_efd_disable(h);
	rte_intr_vec_list_free(h);
}

/* ---- device operations ---- */

static int
net_configure(struct rte_eth_dev *dev)
{
	struct rte_eth_conf *conf = &dev->data->dev_conf;

	if (conf->rxmode.mq_mode != RTE_ETH_MQ_RX_NONE ||
	    conf->txmode.mq_mode != RTE_ETH_MQ_TX_NONE) {
		NET_LOG(ERR, dev, "no RSS, DCB or VMDq: the device steers by queue index");
		return -ENOTSUP;
	}
	if (conf->intr_conf.rxq &&
	    dev->data->nb_rx_queues + 1 > MDEV_SIM_NET_MSIX_VECTORS) {
		NET_LOG(ERR, dev, "not enough MSI-X vectors for RX interrupts");
		return -EINVAL;
	}
	return 0;
}

static int
net_infos_get(struct rte_eth_dev *dev __rte_unused,
	      struct rte_eth_dev_info *info)
{
	info->max_rx_queues = MDEV_SIM_NET_PMD_NQ;
	info->max_tx_queues = MDEV_SIM_NET_PMD_NQ;
	info->max_mac_addrs = 1;
	info->min_mtu = MDEV_SIM_NET_MTU_MIN;
	info->max_mtu = MDEV_SIM_NET_MTU_MAX;
	info->max_rx_pktlen = MDEV_SIM_NET_FRAME_MAX;
	info->min_rx_bufsize = RTE_ETHER_HDR_LEN;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_SCATTER;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->rx_desc_lim = (struct rte_eth_desc_lim){
		.nb_max = MDEV_SIM_NET_RING_MAX,
		.nb_min = MDEV_SIM_NET_RING_MIN,
		.nb_align = MDEV_SIM_NET_RING_MIN,
	};
	info->tx_desc_lim = info->rx_desc_lim;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G | RTE_ETH_LINK_SPEED_FIXED;
	info->default_rxportconf.ring_size = NET_RING_DEFAULT;
	info->default_txportconf.ring_size = NET_RING_DEFAULT;
	info->default_rxportconf.burst_size = NET_BURST_DEFAULT;
	info->default_txportconf.burst_size = NET_BURST_DEFAULT;
	info->default_rxportconf.nb_queues = 1;
	info->default_txportconf.nb_queues = 1;
	return 0;
}

static uint32_t
net_ctrl(bool promisc, bool allmulti)
{
	return (promisc ? MDEV_SIM_NET_CTRL_PROMISC : 0) |
	       (allmulti ? MDEV_SIM_NET_CTRL_ALLMULTI : 0);
}

static int
net_write_mac(struct rte_eth_dev *dev, const struct rte_ether_addr *mac)
{
	const uint8_t *b = mac->addr_bytes;
	int ret;

	ret = mdev_sim_net_reg_write(dev, MDEV_SIM_NET_REG_MAC_LO,
				     b[0] | b[1] << 8 | b[2] << 16 |
				     (uint32_t)b[3] << 24);
	if (ret == 0)
		ret = mdev_sim_net_reg_write(dev, MDEV_SIM_NET_REG_MAC_HI,
					     b[4] | b[5] << 8);
	return ret;
}

/* Device state that a reset forgets, from what ethdev holds. */
static int
net_program(struct rte_eth_dev *dev)
{
	int ret;

	ret = mdev_sim_net_reg_write(dev, MDEV_SIM_NET_REG_MTU, dev->data->mtu);
	if (ret == 0)
		ret = net_write_mac(dev, &dev->data->mac_addrs[0]);
	if (ret == 0)
		ret = mdev_sim_net_reg_write(dev, MDEV_SIM_NET_REG_CTRL,
			net_ctrl(dev->data->promiscuous,
				 dev->data->all_multicast));
	return ret;
}

static int net_stop(struct rte_eth_dev *dev);

static int
net_start(struct rte_eth_dev *dev)
{
	uint16_t q;
	int ret;

	ret = net_program(dev);
	for (q = 0; ret == 0 && q < dev->data->nb_rx_queues; q++)
		ret = mdev_sim_net_rx_queue_start(dev, q);
	for (q = 0; ret == 0 && q < dev->data->nb_tx_queues; q++)
		ret = mdev_sim_net_tx_queue_start(dev, q);
	if (ret == 0)
		ret = net_intr_start(dev);
	if (ret != 0) {
		net_stop(dev);
		return ret;
	}
	dev->data->dev_started = 1;
	net_link_update(dev, 0);
	return 0;
}

static int
net_stop(struct rte_eth_dev *dev)
{
	struct rte_eth_link link = { .link_status = RTE_ETH_LINK_DOWN };
	uint16_t q;

	net_intr_stop(dev);
	for (q = 0; q < dev->data->nb_rx_queues; q++)
		if (dev->data->rx_queues[q] != NULL)
			mdev_sim_net_rx_queue_stop(dev, q);
	for (q = 0; q < dev->data->nb_tx_queues; q++)
		if (dev->data->tx_queues[q] != NULL)
			mdev_sim_net_tx_queue_stop(dev, q);
	dev->data->dev_started = 0;
	rte_eth_linkstatus_set(dev, &link);
	return 0;
}

static void
net_queues_release(struct rte_eth_dev *dev)
{
	uint16_t q;

	for (q = 0; q < dev->data->nb_rx_queues; q++)
		mdev_sim_net_rx_queue_release(dev, q);
	for (q = 0; q < dev->data->nb_tx_queues; q++)
		mdev_sim_net_tx_queue_release(dev, q);
}

static int
net_lsc_register(struct rte_eth_dev *dev)
{
	struct net_adapter *ad = net_adapter(dev);
	struct rte_intr_handle *h = net_intr_handle(dev);
	int ret;

	if (h == NULL || rte_intr_type_get(h) != RTE_INTR_HANDLE_VFIO_MSIX)
		return 0;	/* no MSI-X: no LSC, the flag is not set */
	ret = rte_intr_callback_register(h, net_lsc_handler, dev);
	if (ret == 0)
		ad->lsc_registered = true;
	return ret;
}

static void
net_lsc_unregister(struct rte_eth_dev *dev)
{
	struct net_adapter *ad = net_adapter(dev);

	if (!ad->lsc_registered)
		return;
	rte_intr_callback_unregister_sync(net_intr_handle(dev),
					  net_lsc_handler, dev);
	ad->lsc_registered = false;
}

/* Quiesce the device: every queue off, state back to power-on. */
static void
net_hw_reset(struct rte_eth_dev *dev)
{
	int ret = rte_vfio_dev_reset(net_vfio(dev->data->port_id));

	if (ret < 0)
		NET_LOG(WARNING, dev, "device reset failed: %s", strerror(-ret));
	mdev_sim_net_stats_clear_base(dev);
}

static int
net_close(struct rte_eth_dev *dev)
{
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	if (dev->data->dev_started)
		net_stop(dev);
	net_queues_release(dev);
	net_lsc_unregister(dev);
	net_hw_reset(dev);
	rte_vfio_dev_pci_set_bus_master(net_vfio(dev->data->port_id), false);
	mdev_sim_net_local[dev->data->port_id].vfio = NULL;
	return 0;
}

static int net_init(struct rte_eth_dev *dev);

/*
 * ethdev has stopped the port. Start again from power-on; the application
 * reconfigures the port as after probe.
 */
static int
net_reset(struct rte_eth_dev *dev)
{
	net_queues_release(dev);
	net_lsc_unregister(dev);
	return net_init(dev);
}

static int
net_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	uint32_t val = 0;
	int ret;

	ret = mdev_sim_net_reg_write(dev, MDEV_SIM_NET_REG_MTU, mtu);
	if (ret == 0)
		ret = mdev_sim_net_reg_read(dev, MDEV_SIM_NET_REG_MTU, &val);
	if (ret == 0 && val != mtu)
		ret = -EINVAL;
	return ret;
}

static int
net_mac_set(struct rte_eth_dev *dev, struct rte_ether_addr *mac)
{
	return net_write_mac(dev, mac);
}

static int
net_promisc_enable(struct rte_eth_dev *dev)
{
	return mdev_sim_net_reg_write(dev, MDEV_SIM_NET_REG_CTRL,
		net_ctrl(true, dev->data->all_multicast));
}

static int
net_promisc_disable(struct rte_eth_dev *dev)
{
	return mdev_sim_net_reg_write(dev, MDEV_SIM_NET_REG_CTRL,
		net_ctrl(false, dev->data->all_multicast));
}

static int
net_allmulti_enable(struct rte_eth_dev *dev)
{
	return mdev_sim_net_reg_write(dev, MDEV_SIM_NET_REG_CTRL,
		net_ctrl(dev->data->promiscuous, true));
}

static int
net_allmulti_disable(struct rte_eth_dev *dev)
{
	return mdev_sim_net_reg_write(dev, MDEV_SIM_NET_REG_CTRL,
		net_ctrl(dev->data->promiscuous, false));
}

static int
net_stats_get(MDEV_SIM_NET_STATS_GET_ARGS)
{
	return mdev_sim_net_stats_fill(dev, stats, MDEV_SIM_NET_QSTATS);
}

static const uint32_t *
net_ptypes(MDEV_SIM_NET_PTYPES_ARGS)
{
	static const uint32_t ptypes[] = {
		RTE_PTYPE_L2_ETHER,
		RTE_PTYPE_UNKNOWN,
	};

	MDEV_SIM_NET_PTYPES_COUNT(RTE_DIM(ptypes) - 1);
	return ptypes;
}

static const struct eth_dev_ops mdev_sim_net_ops = {
	.dev_configure		= net_configure,
	.dev_start		= net_start,
	.dev_stop		= net_stop,
	.dev_close		= net_close,
	.dev_reset		= net_reset,
	.dev_infos_get		= net_infos_get,
	.dev_supported_ptypes_get = net_ptypes,
	.link_update		= net_link_update,
	.promiscuous_enable	= net_promisc_enable,
	.promiscuous_disable	= net_promisc_disable,
	.allmulticast_enable	= net_allmulti_enable,
	.allmulticast_disable	= net_allmulti_disable,
	.mac_addr_set		= net_mac_set,
	.mtu_set		= net_mtu_set,
	.stats_get		= net_stats_get,
	.stats_reset		= mdev_sim_net_stats_reset,
	.xstats_get		= mdev_sim_net_xstats_get,
	.xstats_get_names	= mdev_sim_net_xstats_get_names,
	.xstats_reset		= mdev_sim_net_stats_reset,
	.rx_queue_setup		= mdev_sim_net_rx_queue_setup,
	.tx_queue_setup		= mdev_sim_net_tx_queue_setup,
	.rx_queue_release	= mdev_sim_net_rx_queue_release,
	.tx_queue_release	= mdev_sim_net_tx_queue_release,
	.rx_queue_start		= mdev_sim_net_rx_queue_start,
	.rx_queue_stop		= mdev_sim_net_rx_queue_stop,
	.tx_queue_start		= mdev_sim_net_tx_queue_start,
	.tx_queue_stop		= mdev_sim_net_tx_queue_stop,
	.rx_queue_intr_enable	= mdev_sim_net_rx_intr_enable,
	.rx_queue_intr_disable	= mdev_sim_net_rx_intr_disable,
	.rxq_info_get		= mdev_sim_net_rxq_info,
	.txq_info_get		= mdev_sim_net_txq_info,
};

/* ---- probe and remove ---- */

static int
net_check_device(struct rte_eth_dev *dev)
{
	uint32_t id = 0, ver = 0;

	if (mdev_sim_net_reg_read(dev, MDEV_SIM_NET_REG_ID, &id) != 0 ||
	    mdev_sim_net_reg_read(dev, MDEV_SIM_NET_REG_VERSION, &ver) != 0)
		return -EIO;
	if (id != MDEV_SIM_NET_ID_MAGIC || (ver >> 16) !=
	    (MDEV_SIM_NET_VERSION >> 16)) {
		NET_LOG(ERR, dev, "not an mdev_sim-net 1.x (id %#x version %#x)",
			id, ver);
		return -ENODEV;
	}
	return 0;
}

static int
net_read_perm_mac(struct rte_eth_dev *dev, struct rte_ether_addr *mac)
{
	uint32_t lo = 0, hi = 0;
	int ret;

	ret = mdev_sim_net_reg_read(dev, MDEV_SIM_NET_REG_PERM_MAC_LO, &lo);
	if (ret == 0)
		ret = mdev_sim_net_reg_read(dev, MDEV_SIM_NET_REG_PERM_MAC_HI,
					    &hi);
	mac->addr_bytes[0] = lo;
	mac->addr_bytes[1] = lo >> 8;
	mac->addr_bytes[2] = lo >> 16;
	mac->addr_bytes[3] = lo >> 24;
	mac->addr_bytes[4] = hi;
	mac->addr_bytes[5] = hi >> 8;
	return ret;
}

/* Power-on to ready: used by probe and by reset. */
static int
net_init(struct rte_eth_dev *dev)
{
	struct rte_vfio_dev *vfio = net_vfio(dev->data->port_id);
	struct rte_intr_handle *h = net_intr_handle(dev);
	int ret;

	net_hw_reset(dev);
	ret = net_check_device(dev);
	if (ret == 0)
		ret = rte_vfio_dev_pci_set_bus_master(vfio, true);
	if (ret == 0)
		ret = net_read_perm_mac(dev, &dev->data->mac_addrs[0]);
	if (ret == 0)
		ret = net_lsc_register(dev);
	if (ret != 0)
		return ret;
	dev->data->dev_flags |= RTE_ETH_DEV_INTR_RMV;
	if (h != NULL && rte_intr_type_get(h) == RTE_INTR_HANDLE_VFIO_MSIX)
		dev->data->dev_flags |= RTE_ETH_DEV_INTR_LSC;
	else
		dev->data->dev_flags &= ~RTE_ETH_DEV_INTR_LSC;
	net_link_update(dev, 0);
	return 0;
}

static uint8_t *
net_status_page(struct rte_mdev_device *mdev)
{
	const struct rte_vfio_dev_region *bar0;

	if (mdev->vfio == NULL)
		return NULL;
	bar0 = rte_vfio_dev_region(mdev->vfio, VFIO_PCI_BAR0_REGION_INDEX);
	if (bar0 == NULL || bar0->addr == NULL ||
	    bar0->size != MDEV_SIM_NET_BAR0_SIZE ||
	    rte_vfio_dev_region_ptr(bar0, MDEV_SIM_NET_STATUS_OFFSET,
				    MDEV_SIM_NET_STATUS_SIZE) == NULL)
		return NULL;
	return (uint8_t *)bar0->addr + MDEV_SIM_NET_STATUS_OFFSET;
}

static void
net_set_burst(struct rte_eth_dev *dev)
{
	dev->rx_pkt_burst = mdev_sim_net_rx_burst;
	dev->tx_pkt_burst = mdev_sim_net_tx_burst;
}

static int
net_probe_secondary(struct rte_mdev_device *mdev)
{
	struct rte_eth_dev *dev;

	dev = rte_eth_dev_attach_secondary(mdev->name);
	if (dev == NULL)
		return -ENODEV;
	/* Pointers into the status page are valid: same address here. */
	if (net_status_page(mdev) != net_adapter(dev)->st) {
		NET_LOG_NAME(ERR, mdev->name,
			     "status page not at the primary's address");
		rte_eth_dev_release_port(dev);
		return -EIO;
	}
	mdev_sim_net_local[dev->data->port_id].vfio = mdev->vfio;
	dev->device = &mdev->device;
	dev->dev_ops = &mdev_sim_net_ops;
	net_set_burst(dev);
	rte_eth_dev_probing_finish(dev);
	return 0;
}

static int
net_probe(struct rte_mdev_driver *drv __rte_unused,
	  struct rte_mdev_device *mdev)
{
	struct rte_eth_dev *dev;
	struct net_adapter *ad;
	uint8_t *st;
	int ret;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return net_probe_secondary(mdev);

	st = net_status_page(mdev);
	if (st == NULL) {
		NET_LOG_NAME(ERR, mdev->name, "BAR0 status page not mapped");
		return -ENODEV;
	}
	dev = rte_eth_dev_allocate(mdev->name);
	if (dev == NULL)
		return -ENOMEM;
	dev->data->dev_private = rte_zmalloc_socket(mdev->name, sizeof(*ad),
						    RTE_CACHE_LINE_SIZE,
						    mdev->device.numa_node);
	dev->data->mac_addrs = rte_zmalloc(NULL, sizeof(struct rte_ether_addr),
					   0);
	if (dev->data->dev_private == NULL || dev->data->mac_addrs == NULL) {
		ret = -ENOMEM;
		goto fail;
	}
	ad = net_adapter(dev);
	ad->st = st;
	mdev_sim_net_local[dev->data->port_id].vfio = mdev->vfio;
	dev->device = &mdev->device;
	/* What rte_eth_dev_socket_id() reports: the parent's node. */
	dev->data->numa_node = mdev->device.numa_node;
	/* ethdev's RX interrupt API finds the queue vectors here. */
	dev->intr_handle = mdev->intr_handle;
	dev->dev_ops = &mdev_sim_net_ops;
	dev->data->dev_flags |= RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;
	net_set_burst(dev);

	ret = net_init(dev);
	if (ret != 0)
		goto fail;
	NET_LOG(INFO, dev, "port %u, MAC " RTE_ETHER_ADDR_PRT_FMT,
		dev->data->port_id,
		RTE_ETHER_ADDR_BYTES(&dev->data->mac_addrs[0]));
	rte_eth_dev_probing_finish(dev);
	return 0;

fail:
	if (dev->data->dev_private != NULL)
		net_lsc_unregister(dev);
	mdev_sim_net_local[dev->data->port_id].vfio = NULL;
	/* Frees dev_private and mac_addrs. */
	rte_eth_dev_release_port(dev);
	return ret;
}

/*
 * Remove succeeds in every state, as the bus requires: a started port is
 * stopped, then closed. An application is told of a removal the kernel
 * asked for beforehand (net_dev_event()) and detaches the port; removal
 * at rte_eal_cleanup() or rte_dev_remove() comes from the application.
 */
static int
net_remove(struct rte_mdev_device *mdev)
{
	struct rte_eth_dev *dev = rte_eth_dev_allocated(mdev->name);
	int ret;

	/* Closed already (port close): the port is gone. */
	if (dev == NULL)
		return 0;
	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		mdev_sim_net_local[dev->data->port_id].vfio = NULL;
		return rte_eth_dev_release_port(dev);
	}
	if (dev->data->dev_started) {
		NET_LOG(NOTICE, dev, "removed while started: stopping it");
		ret = rte_eth_dev_stop(dev->data->port_id);
		if (ret != 0)
			NET_LOG(ERR, dev, "stop: %s", rte_strerror(-ret));
	}
	return rte_eth_dev_close(dev->data->port_id);
}

/*
 * The bus passes on the kernel's request to have a device back as
 * RTE_DEV_EVENT_REMOVE; the port's application hears of it as ethdev's
 * removal event, stops using the port and detaches it (testpmd does).
 * In the interrupt thread, for every device: only ports of this driver
 * are concerned.
 */
static void
net_dev_event(const char *name, enum rte_dev_event_type type, void *arg)
{
	struct rte_eth_dev *dev;

	RTE_SET_USED(arg);
	if (type != RTE_DEV_EVENT_REMOVE ||
	    rte_eal_process_type() != RTE_PROC_PRIMARY)
		return;
	dev = rte_eth_dev_allocated(name);
	if (dev == NULL || dev->dev_ops != &mdev_sim_net_ops)
		return;
	NET_LOG(NOTICE, dev, "the device is being removed: device removal event");
	rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_INTR_RMV, NULL);
}

RTE_INIT(net_dev_event_register)
{
	/* Never unregistered: a callback may not unregister another. */
	if (rte_dev_event_callback_register(NULL, net_dev_event, NULL) != 0)
		NET_LOG_NAME(ERR, "net_mdev_sim", "no device removal events");
}

static const struct rte_mdev_id net_ids[] = {
	{ .api = RTE_MDEV_API_PCI, .type = "mdev_sim-net",
	  .vendor_id = MDEV_SIM_PCI_VENDOR_ID,
	  .device_id = MDEV_SIM_NET_DEVICE_ID,
	  .subsystem_vendor_id = RTE_MDEV_ANY_ID,
	  .subsystem_device_id = RTE_MDEV_ANY_ID },
	{ .api = RTE_MDEV_API_UNKNOWN },
};

static struct rte_mdev_driver mdev_sim_net_driver = {
	.class_name = "eth",
	.id_table = net_ids,
	.probe = net_probe,
	.remove = net_remove,
	.drv_flags = RTE_MDEV_DRV_NEED_MAPPING | RTE_MDEV_DRV_INTR_RMV,
};

RTE_PMD_REGISTER_MDEV(net_mdev_sim, mdev_sim_net_driver);
