/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The net_mdev_sim PMD through the ethdev API, for what testpmd's io
 * forwarding does not reach: MAC filter, promiscuous and allmulticast
 * modes, MAC and MTU changes, jumbo frames in chained mbufs, RX interrupts,
 * LSC callbacks, stats reset, device reset. Needs two wired mdev_sim-net
 * ports (0 and 1); runs in the test guest:
 *
 *   test_guest_net_pmd <EAL args with -d bus -d pmd -a A -a B> -- UUID_B
 *
 * Prints "ok - ..." / "FAIL - ..." lines and "N passed, M failed" last.
 */

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_epoll.h>
#include <rte_dev.h>
#include <rte_ethdev.h>
#include <rte_interrupts.h>
#include <rte_mbuf.h>

#include "test_check.h"

#define P0		0
#define P1		1
#define NB_DESC		256
#define JUMBO_LEN	9000
#define SEG_LEN		1800

static struct rte_mempool *pool;
static volatile int lsc_events;
static const char *uuid_b;

static int
port_setup(uint16_t port, bool intr)
{
	struct rte_eth_conf conf = {
		.rxmode = { .offloads = RTE_ETH_RX_OFFLOAD_SCATTER },
		.txmode = { .offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS },
		.intr_conf = { .lsc = intr, .rxq = intr },
	};
	int ret;

	ret = rte_eth_dev_configure(port, 1, 1, &conf);
	if (ret == 0)
		ret = rte_eth_dev_set_mtu(port, JUMBO_LEN);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(port, 0, NB_DESC, 0, NULL, pool);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(port, 0, NB_DESC, 0, NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	return ret;
}

/*
 * Failing trapped writes on demand: while fail_writes is set, pwrite()
 * fails with EIO, as a doorbell write to a device being reset or removed
 * can. The program is linked with -rdynamic, so that the PMD's calls (the
 * doorbell is its only write in a TX burst) come here.
 */
static volatile bool fail_writes;

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off);

static ssize_t
pwrite_real(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (fail_writes) {
		errno = EIO;
		return -1;
	}
	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t, off_t))
			dlsym(RTLD_NEXT, "pwrite64");
	return real(fd, buf, n, off);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return pwrite_real(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	return pwrite_real(fd, buf, n, off);
}

/* A frame of @len bytes to @dst, in segments of at most @seg bytes. */
static struct rte_mbuf *
frame(const struct rte_ether_addr *dst, uint32_t len, uint32_t seg,
      uint8_t seed)
{
	struct rte_mbuf *head = NULL;
	uint32_t off = 0, i;

	while (off < len) {
		uint32_t n = RTE_MIN(seg, len - off);
		struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
		uint8_t *p;

		if (m == NULL)
			goto fail;
		p = (uint8_t *)rte_pktmbuf_append(m, n);
		for (i = 0; i < n; i++)
			p[i] = (uint8_t)(seed + (off + i) * 13);
		if (off == 0) {
			struct rte_ether_hdr *eh = (struct rte_ether_hdr *)p;

			eh->dst_addr = *dst;
			rte_eth_macaddr_get(P1, &eh->src_addr);
			eh->ether_type = rte_cpu_to_be_16(0x88b5);
			head = m;
		} else if (rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			goto fail;
		}
		off += n;
	}
	return head;
fail:
	rte_pktmbuf_free(head);
	return NULL;
}

static bool
send_p1(struct rte_mbuf *m)
{
	if (m == NULL)
		return false;
	if (rte_eth_tx_burst(P1, 0, &m, 1) == 1)
		return true;
	rte_pktmbuf_free(m);
	return false;
}

/* The next frame on port 0 within @ms, or NULL. */
static struct rte_mbuf *
recv_p0(unsigned int ms)
{
	struct rte_mbuf *m;
	unsigned int i;

	for (i = 0; i <= ms; i++) {
		if (rte_eth_rx_burst(P0, 0, &m, 1) == 1)
			return m;
		rte_delay_ms(1);
	}
	return NULL;
}

/* Sends a frame of @len to @dst and tells whether port 0 receives it. */
static bool
delivered(const struct rte_ether_addr *dst, uint32_t len)
{
	struct rte_mbuf *m;

	if (!send_p1(frame(dst, len, len, 1)))
		return false;
	m = recv_p0(50);
	rte_pktmbuf_free(m);
	return m != NULL;
}

static uint64_t
xstat(uint16_t port, const char *name)
{
	uint64_t id, val = UINT64_MAX;

	if (rte_eth_xstats_get_id_by_name(port, name, &id) == 0)
		rte_eth_xstats_get_by_id(port, &id, &val, 1);
	return val;
}

static void
test_info(void)
{
	struct rte_eth_dev_info info;
	struct rte_ether_addr mac;

	check(rte_eth_dev_count_avail() == 2, "two ports");
	memset(&info, 0, sizeof(info));
	check(rte_eth_dev_info_get(P0, &info) == 0, "device info");
	check(strcmp(info.driver_name, "net_mdev_sim") == 0, "driver %s",
	      info.driver_name);
	check(info.max_rx_queues == 4 && info.max_tx_queues == 4 &&
	      info.max_mtu == 9000 && info.max_rx_pktlen == 9018,
	      "4 queue pairs, MTU up to 9000");
	check(*info.dev_flags & RTE_ETH_DEV_INTR_LSC, "LSC interrupt capable");
	/* SOCKET_ID_ANY when the parent reports no node, not socket 0. */
	check(rte_eth_dev_socket_id(P0) == rte_dev_numa_node(info.device),
	      "socket %d, the device's NUMA node %d",
	      rte_eth_dev_socket_id(P0), rte_dev_numa_node(info.device));
	rte_eth_macaddr_get(P0, &mac);
	check(rte_is_unicast_ether_addr(&mac) &&
	      rte_is_local_admin_ether_addr(&mac), "MAC " RTE_ETHER_ADDR_PRT_FMT,
	      RTE_ETHER_ADDR_BYTES(&mac));
}

/* Configurations the device cannot do fail at setup, before any start. */
static void
test_bad_config(void)
{
	struct rte_eth_conf rss = {
		.rxmode = { .mq_mode = RTE_ETH_MQ_RX_RSS },
	};
	struct rte_eth_conf plain = { 0 };

	check(rte_eth_dev_configure(P0, 1, 1, &rss) < 0,
	      "RSS refused: the device steers by queue index");
	check(rte_eth_dev_configure(P0, 1, 1, &plain) == 0,
	      "configured without offloads");
	/* A multiple of the descriptor alignment, so ethdev lets it through. */
	check(rte_eth_rx_queue_setup(P0, 0, 96, 0, NULL, pool) < 0 &&
	      rte_eth_tx_queue_setup(P0, 0, 96, 0, NULL) < 0,
	      "rings of 96 descriptors refused: not a power of two");
	check(rte_eth_dev_set_mtu(P0, JUMBO_LEN) == 0 &&
	      rte_eth_rx_queue_setup(P0, 0, NB_DESC, 0, NULL, pool) < 0,
	      "MTU %u without RX scatter in %u-byte mbufs refused", JUMBO_LEN,
	      RTE_MBUF_DEFAULT_DATAROOM);
}

static void
test_filter(void)
{
	struct rte_ether_addr mac, other = {{ 0x02, 9, 9, 9, 9, 9 }};
	struct rte_ether_addr mcast = {{ 0x01, 0, 0x5e, 0, 0, 7 }};
	uint64_t filtered = xstat(P0, "rx_filtered_packets");

	rte_eth_macaddr_get(P0, &mac);
	check(rte_eth_promiscuous_get(P0) == 0, "promiscuous off by default");
	check(delivered(&mac, 64), "frame to the port's MAC received");
	check(!delivered(&other, 64) &&
	      xstat(P0, "rx_filtered_packets") == filtered + 1,
	      "frame to another MAC filtered, rx_filtered_packets counts it");
	check(rte_eth_promiscuous_enable(P0) == 0 && delivered(&other, 64),
	      "promiscuous mode receives it");
	rte_eth_promiscuous_disable(P0);
	check(!delivered(&mcast, 64), "multicast filtered");
	check(rte_eth_allmulticast_enable(P0) == 0 && delivered(&mcast, 64),
	      "allmulticast receives multicast");
	rte_eth_allmulticast_disable(P0);
	check(rte_eth_dev_default_mac_addr_set(P0, &other) == 0 &&
	      delivered(&other, 64) && !delivered(&mac, 64),
	      "MAC change: new MAC received, old one filtered");
	rte_eth_dev_default_mac_addr_set(P0, &mac);
}

static void
test_jumbo(void)
{
	struct rte_ether_addr mac;
	struct rte_mbuf *sent, *got;
	uint8_t a[JUMBO_LEN], b[JUMBO_LEN];
	struct rte_eth_stats st;

	rte_eth_macaddr_get(P0, &mac);
	sent = frame(&mac, JUMBO_LEN, SEG_LEN, 7);
	check(sent != NULL && sent->nb_segs == JUMBO_LEN / SEG_LEN,
	      "jumbo frame in %u chained mbufs", JUMBO_LEN / SEG_LEN);
	if (sent == NULL)
		return;
	check(rte_pktmbuf_read(sent, 0, JUMBO_LEN, a) == a,
	      "chained frame copied for comparison");
	check(send_p1(sent), "sent");
	got = recv_p0(100);
	check(got != NULL && got->pkt_len == JUMBO_LEN && got->nb_segs > 1 &&
	      memcmp(a, rte_pktmbuf_read(got, 0, JUMBO_LEN, b),
		     JUMBO_LEN) == 0,
	      "received intact in %u segments", got ? got->nb_segs : 0);
	rte_pktmbuf_free(got);

	rte_eth_stats_get(P0, &st);
	check(rte_eth_dev_set_mtu(P0, 1500) == 0 && !delivered(&mac, 2000),
	      "MTU 1500: a 2000-byte frame is not received");
	check(rte_eth_stats_get(P0, &st) == 0 && st.ierrors == 1,
	      "and counts as an RX error");
	rte_eth_dev_set_mtu(P0, JUMBO_LEN);
}

static void
test_rx_intr(void)
{
	struct rte_epoll_event ev;
	struct rte_ether_addr mac;
	struct rte_mbuf *m;
	int n;

	rte_eth_macaddr_get(P0, &mac);
	check(rte_eth_dev_rx_intr_ctl_q(P0, 0, RTE_EPOLL_PER_THREAD,
					RTE_INTR_EVENT_ADD, NULL) == 0,
	      "RX queue 0 interrupt added to the thread's epoll");
	check(rte_eth_dev_rx_intr_enable(P0, 0) == 0, "RX interrupt enabled");
	n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, &ev, 1, 200);
	check(n == 0, "no interrupt while idle");
	send_p1(frame(&mac, 64, 64, 3));
	n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, &ev, 1, 3000);
	check(n == 1, "a frame wakes the waiting thread");
	m = recv_p0(10);
	check(m != NULL, "and is there to receive");
	rte_pktmbuf_free(m);
	rte_eth_dev_rx_intr_enable(P0, 0);
	rte_eth_dev_rx_intr_disable(P0, 0);
	send_p1(frame(&mac, 64, 64, 4));
	n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, &ev, 1, 300);
	check(n == 0, "no interrupt once disabled");
	rte_pktmbuf_free(recv_p0(10));
	rte_eth_dev_rx_intr_ctl_q(P0, 0, RTE_EPOLL_PER_THREAD,
				  RTE_INTR_EVENT_DEL, NULL);
}

static int
lsc_cb(uint16_t port, enum rte_eth_event_type type, void *arg, void *ret)
{
	RTE_SET_USED(arg);
	RTE_SET_USED(ret);
	if (port == P0 && type == RTE_ETH_EVENT_INTR_LSC)
		lsc_events++;
	return 0;
}

static bool
set_link(const char *state)
{
	char path[256];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/link", uuid_b);
	f = fopen(path, "w");
	if (f == NULL)
		return false;
	ret = fputs(state, f);
	return fclose(f) == 0 && ret >= 0;
}

static bool
wait_lsc(int want)
{
	int i;

	for (i = 0; i < 300 && lsc_events < want; i++)
		rte_delay_ms(10);
	return lsc_events >= want;
}

static void
test_lsc(void)
{
	struct rte_eth_link link;

	rte_eth_dev_callback_register(P0, RTE_ETH_EVENT_INTR_LSC, lsc_cb, NULL);
	check(set_link("down") && wait_lsc(1), "LSC callback on link down");
	check(rte_eth_link_get_nowait(P0, &link) == 0 &&
	      link.link_status == RTE_ETH_LINK_DOWN, "link reads down");
	check(set_link("up") && wait_lsc(2), "LSC callback on link up");
	check(rte_eth_link_get_nowait(P0, &link) == 0 &&
	      link.link_status == RTE_ETH_LINK_UP &&
	      link.link_speed == RTE_ETH_SPEED_NUM_10G, "link reads up, 10G");
	rte_eth_dev_callback_unregister(P0, RTE_ETH_EVENT_INTR_LSC, lsc_cb,
					NULL);
}

static void
test_stats(void)
{
	struct rte_eth_stats st;
	struct rte_ether_addr mac;

	rte_eth_macaddr_get(P0, &mac);
	rte_eth_stats_reset(P0);
	rte_eth_stats_get(P0, &st);
	check(st.ipackets == 0 && st.ierrors == 0, "stats reset");
	delivered(&mac, 100);
	delivered(&mac, 100);
	rte_eth_stats_get(P0, &st);
	/* Per-queue counters through xstats: 25.11 took them out of stats. */
	check(st.ipackets == 2 && st.ibytes == 200 &&
	      xstat(P0, "rx_q0_packets") == 2,
	      "two frames counted after the reset");
	check(xstat(P0, "rx_q0_missed_packets") == 0 &&
	      xstat(P0, "tx_q0_link_down_dropped") == 0, "xstats by name");
}

static void
test_reset(void)
{
	struct rte_ether_addr mac;

	check(rte_eth_dev_reset(P0) == 0, "rte_eth_dev_reset");
	check(port_setup(P0, false) == 0, "port reconfigured after reset");
	rte_eth_macaddr_get(P0, &mac);
	check(delivered(&mac, 64), "traffic after reset");
}

/*
 * RX with an empty pool: seven jumbo frames of five descriptors each, and
 * mbufs for the first 32 replacements only, so that the seventh frame's
 * buffers run out half way through it. Six frames come in, the seventh is
 * dropped whole, and the ring still works once mbufs are back.
 */
static void
test_rx_nombuf(void)
{
	enum { NB_FRAMES = 7, SEGS = JUMBO_LEN / SEG_LEN, SPARE = 32 };
	static struct rte_mbuf *held[4096];
	struct rte_mbuf *tx[NB_FRAMES], *rx[32];
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	unsigned int nb_held = 0, i;
	uint16_t nb_rx;
	uint64_t nombuf;
	bool intact = true;

	rte_eth_macaddr_get(P0, &mac);
	for (i = 0; i < NB_FRAMES; i++)
		tx[i] = frame(&mac, JUMBO_LEN, SEG_LEN, (uint8_t)(20 + i));
	for (i = 0; i < NB_FRAMES; i++)
		if (tx[i] == NULL || tx[i]->nb_segs != SEGS)
			intact = false;
	check(intact, "%u frames of %u segments built", NB_FRAMES, SEGS);
	if (!intact)
		return;
	/*
	 * Sent first: the transmit also hands earlier frames' mbufs back to
	 * the pool, and the model delivers before the burst returns.
	 */
	check(rte_eth_tx_burst(P1, 0, tx, NB_FRAMES) == NB_FRAMES,
	      "%u jumbo frames sent", NB_FRAMES);
	while (nb_held < RTE_DIM(held) &&
	       (held[nb_held] = rte_pktmbuf_alloc(pool)) != NULL)
		nb_held++;
	check(nb_held >= SPARE, "pool drained (%u mbufs held)", nb_held);
	if (nb_held < SPARE)
		return;
	rte_pktmbuf_free_bulk(&held[nb_held - SPARE], SPARE);
	nb_held -= SPARE;
	rte_eth_stats_get(P0, &st);
	nombuf = st.rx_nombuf;

	nb_rx = 0;
	for (i = 0; i < 100 && nb_rx < NB_FRAMES; i++) {
		nb_rx += rte_eth_rx_burst(P0, 0, &rx[nb_rx],
					  RTE_DIM(rx) - nb_rx);
		rte_delay_ms(1);
	}
	for (i = 0; i < nb_rx; i++)
		if (rx[i]->pkt_len != JUMBO_LEN || rx[i]->nb_segs != SEGS)
			intact = false;
	check(nb_rx == NB_FRAMES - 1 && intact,
	      "without mbufs: %u whole frames of %u received", nb_rx,
	      NB_FRAMES);
	rte_eth_stats_get(P0, &st);
	check(st.rx_nombuf > nombuf, "rx_nombuf counts the failed refill");

	rte_pktmbuf_free_bulk(rx, nb_rx);
	rte_pktmbuf_free_bulk(held, nb_held);
	check(recv_p0(20) == NULL,
	      "the frame that ran out of mbufs was dropped whole");
	send_p1(frame(&mac, JUMBO_LEN, SEG_LEN, 9));
	rx[0] = recv_p0(100);
	check(rx[0] != NULL && rx[0]->pkt_len == JUMBO_LEN &&
	      delivered(&mac, 64),
	      "mbufs back: jumbo and small frames received again");
	rte_pktmbuf_free(rx[0]);
}

/*
 * A TX burst whose doorbell write fails sends nothing: it returns 0, the
 * mbufs stay the caller's, and the ring is as before, so that the same
 * frames go out once writes work again.
 */
static void
test_tx_doorbell_fails(void)
{
	struct rte_mbuf *tx[4], *rx;
	struct rte_ether_addr mac;
	unsigned int i, got = 0;
	uint16_t n;

	rte_eth_macaddr_get(P0, &mac);
	for (i = 0; i < RTE_DIM(tx); i++)
		tx[i] = frame(&mac, 64, 64, (uint8_t)(40 + i));
	fail_writes = true;
	n = rte_eth_tx_burst(P1, 0, tx, RTE_DIM(tx));
	fail_writes = false;
	check(n == 0, "failed doorbell: nothing reported sent (%u)", n);
	for (i = 0; i < RTE_DIM(tx); i++)
		if (rte_mbuf_refcnt_read(tx[i]) != 1)
			n++;
	check(n == 0, "failed doorbell: the mbufs are still the caller's");
	check(recv_p0(20) == NULL, "failed doorbell: no frame arrived");
	n = rte_eth_tx_burst(P1, 0, tx, RTE_DIM(tx));
	check(n == RTE_DIM(tx), "the same frames sent again (%u)", n);
	while ((rx = recv_p0(100)) != NULL) {
		got++;
		rte_pktmbuf_free(rx);
	}
	check(got == RTE_DIM(tx), "each arrives once (%u)", got);
	if (n < RTE_DIM(tx))
		rte_pktmbuf_free_bulk(&tx[n], RTE_DIM(tx) - n);
}

/*
 * The remove contract: removing a started port's device succeeds, and the
 * port is stopped and closed with it.
 */
static void
test_remove_started(void)
{
	struct rte_eth_dev_info info;
	struct rte_device *dev;

	check(rte_eth_dev_info_get(P1, &info) == 0 && info.device != NULL,
	      "port 1's device");
	dev = info.device;
	check(rte_dev_remove(dev) == 0,
	      "rte_dev_remove() of a started port succeeds");
	check(!rte_eth_dev_is_valid_port(P1), "the port is gone with it");
}

int
main(int argc, char **argv)
{
	int ret = rte_eal_init(argc, argv);

	if (ret < 0 || argc - ret != 2) {
		fprintf(stderr, "usage: %s EAL_ARGS -- UUID_B\n", argv[0]);
		return 2;
	}
	uuid_b = argv[ret + 1];
	pool = rte_pktmbuf_pool_create("net_pmd_test", 4096, 64, 0,
				       RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	if (pool == NULL)
		return 2;

	test_info();
	test_bad_config();
	check(port_setup(P0, true) == 0 && port_setup(P1, false) == 0,
	      "both ports configured and started (port 0 with interrupts)");
	test_filter();
	test_jumbo();
	test_rx_intr();
	test_lsc();
	test_stats();
	test_reset();
	test_rx_nombuf();
	test_tx_doorbell_fails();

	test_remove_started();

	/* Port 0 is left started: EAL's cleanup removes it all the same. */
	check(rte_eal_cleanup() == 0, "EAL cleans up with port 0 started");
	printf("%u passed, %u failed\n", check_passed(), check_failed());
	return check_failed() ? 1 : 0;
}
