/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Drives two mdev_sim-avf devices with bare VFIO ioctls, no DPDK, the way
 * an AVF driver does, to check the device model against its datasheet:
 * identity and BARs, the admin queue bring-up and virtchnl messages,
 * ICR01 and the admin interrupt, queues and frames between two wired
 * devices, statistics, link events, bad values of every kind, VF reset,
 * device reset and the polling thread's lifetime. Runs in the test guest
 * as root:
 *
 *   test_guest_avf_model UUID_A UUID_B
 *
 * Prints "ok - ..." / "FAIL - ..." lines and "N passed, M failed" last.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include "mdev_sim_avf_hw.h"
#include "test_check.h"
#include "test_model_vfio.h"

#define DMA_IOVA	0x40000000ULL
#define DMA_SIZE	(16u << 20)
#define UNMAPPED_IOVA	0x7f000000ULL
#define AQ_LEN		32
#define AQ_BUF		4096
#define RING		64
#define BUF_LEN		2048
#define NB_VEC		MDEV_SIM_AVF_MSIX_VECTORS
#define NQ		MDEV_SIM_AVF_MAX_QUEUES
/* iavf's request: every capability it knows */
#define IAVF_CAPS	0xBE0BC7E1u
#define TIMEOUT_MS	3000
#define MAX_PKT		(9000 + 26)	/* iavf: MTU + 26 */

struct dev {
	const char *uuid;
	int group;
	int fd;
	uint64_t cfg;
	volatile uint8_t *bar0;
	int efd[NB_VEC];
	/* admin queue */
	struct mdev_sim_avf_aq_desc *atq, *arq;
	uint64_t atq_iova, arq_iova;
	uint8_t *atq_buf[AQ_LEN], *arq_buf[AQ_LEN];
	uint64_t atq_buf_iova[AQ_LEN], arq_buf_iova[AQ_LEN];
	uint32_t atq_ntu, arq_ntc;
	unsigned int link_events;
	int link_status;	/* of the last LINK_CHANGE event */
	/* queues */
	struct mdev_sim_avf_rx_desc *rx[NQ];
	struct mdev_sim_avf_tx_desc *tx[NQ];
	uint64_t rx_iova[NQ], tx_iova[NQ];
	uint8_t *rx_buf[NQ][RING], *tx_buf[NQ][RING];
	uint64_t rx_buf_iova[NQ][RING], tx_buf_iova[NQ][RING];
	uint32_t rx_next[NQ], tx_next[NQ];
	uint8_t mac[6];
	uint32_t caps;
};

static int container = -1;
static struct model_dma dma;

/* ---- DMA memory: one mapping, handed out by a bump allocator ---- */

static void *
dma_alloc(size_t len, uint64_t *iova)
{
	return model_dma_alloc(&dma, len, 128, iova);
}

/* ---- time ---- */

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
pause_us(unsigned int us)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = us * 1000L };

	nanosleep(&ts, NULL);
}

/* ---- registers: BAR0 is shared memory ---- */

static uint32_t
rd(struct dev *d, uint32_t reg)
{
	return __atomic_load_n((volatile uint32_t *)(d->bar0 + reg),
			       __ATOMIC_ACQUIRE);
}

static void
wr(struct dev *d, uint32_t reg, uint32_t v)
{
	__atomic_store_n((volatile uint32_t *)(d->bar0 + reg), v,
			 __ATOMIC_RELEASE);
}

/* Waits until register @reg (masked) equals @want. */
static bool
wait_reg(struct dev *d, uint32_t reg, uint32_t mask, uint32_t want, int ms)
{
	uint64_t end = now_ms() + ms;

	do {
		if ((rd(d, reg) & mask) == want)
			return true;
		pause_us(200);
	} while (now_ms() < end);
	return (rd(d, reg) & mask) == want;
}

/* ---- sysfs ---- */

/* A line "name value" of the device's counters file; -1 if absent. */
static int64_t
counter(struct dev *d, const char *name)
{
	char path[PATH_MAX], key[64];
	long long val;
	int64_t ret = -1;
	FILE *f;

	snprintf(path, sizeof(path), MODEL_SYSFS_MDEV "/%s/counters", d->uuid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fscanf(f, "%63s %lld", key, &val) == 2)
		if (strcmp(key, name) == 0)
			ret = val;
	fclose(f);
	return ret;
}

/*
 * The model's kernel threads that are alive; *ticks (if not NULL) gets
 * their CPU time, user and system, in clock ticks.
 */
static unsigned int
model_threads(uint64_t *ticks)
{
	char path[PATH_MAX], comm[64], stat[1024];
	unsigned long long ut, st;
	unsigned int n = 0;
	struct dirent *e;
	DIR *dir = opendir("/proc");
	const char *p;
	FILE *f;

	if (ticks != NULL)
		*ticks = 0;
	if (dir == NULL)
		return 0;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (f == NULL)
			continue;
		if (fgets(stat, sizeof(stat), f) == NULL)
			stat[0] = '\0';
		fclose(f);
		/* "pid (comm) state ...": utime and stime are fields 14, 15. */
		if (sscanf(stat, "%*d (%63[^)])", comm) != 1 ||
		    strcmp(comm, "mdev_sim_avf") != 0)
			continue;
		n++;
		p = strrchr(stat, ')');
		if (ticks != NULL && p != NULL &&
		    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
			   &ut, &st) == 2)
			*ticks += ut + st;
	}
	closedir(dir);
	return n;
}

static bool
wait_counter(struct dev *d, const char *name, int64_t want)
{
	uint64_t end = now_ms() + TIMEOUT_MS;

	while (counter(d, name) != want && now_ms() < end)
		pause_us(1000);
	return counter(d, name) == want;
}

static bool
wait_threads(unsigned int want, int ms)
{
	uint64_t end = now_ms() + ms;

	while (model_threads(NULL) != want && now_ms() < end)
		pause_us(10000);
	return model_threads(NULL) == want;
}

/* ---- VFIO ---- */

static void
dev_open_group(struct dev *d)
{
	d->group = model_group_open(d->uuid, container);
	if (dma.va == NULL) {
		if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU) < 0)
			model_die("VFIO_SET_IOMMU");
		model_dma_map(&dma, container, DMA_IOVA, DMA_SIZE);
	}
}

/* Opens the device (the group stays in the container) and maps BAR0. */
static void
dev_fd_open(struct dev *d)
{
	struct vfio_region_info info = {
		.argsz = sizeof(info),
		.index = VFIO_PCI_BAR0_REGION_INDEX,
	};
	uint16_t cmd;
	void *p;

	d->fd = ioctl(d->group, VFIO_GROUP_GET_DEVICE_FD, d->uuid);
	if (d->fd < 0)
		model_die("VFIO_GROUP_GET_DEVICE_FD");
	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, &info) < 0)
		model_die("GET_REGION_INFO BAR0");
	p = mmap(NULL, MDEV_SIM_AVF_BAR0_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED, d->fd, info.offset);
	if (p == MAP_FAILED)
		model_die("mmap BAR0");
	d->bar0 = p;
	info.index = VFIO_PCI_CONFIG_REGION_INDEX;
	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, &info) < 0)
		model_die("GET_REGION_INFO config");
	d->cfg = info.offset;
	if (pread(d->fd, &cmd, 2, d->cfg + PCI_COMMAND) != 2)
		model_die("config read");
	cmd |= PCI_COMMAND_MASTER;
	if (pwrite(d->fd, &cmd, 2, d->cfg + PCI_COMMAND) != 2)
		model_die("config write");
	model_msix_eventfds(d->fd, d->efd, NB_VEC);
}

static void
dev_fd_close(struct dev *d)
{
	unsigned int v;

	/* The mapping holds the device open. */
	munmap((void *)d->bar0, MDEV_SIM_AVF_BAR0_SIZE);
	d->bar0 = NULL;
	for (v = 0; v < NB_VEC; v++)
		close(d->efd[v]);
	close(d->fd);
	d->fd = -1;
}

static void
dev_open(struct dev *d, const char *uuid)
{
	memset(d, 0, sizeof(*d));
	d->uuid = uuid;
	dev_open_group(d);
	dev_fd_open(d);
}

static bool
irq_fired(struct dev *d, unsigned int vec, int timeout_ms)
{
	return model_irq_fired(d->efd[vec], timeout_ms);
}

/* ---- admin queue, set up and used as iavf does ---- */

static void
arq_arm(struct dev *d, unsigned int i, uint16_t size)
{
	struct mdev_sim_avf_aq_desc *desc = &d->arq[i];

	memset(desc, 0, sizeof(*desc));
	desc->flags = MDEV_SIM_AVF_AQ_FLAG_BUF | MDEV_SIM_AVF_AQ_FLAG_LB;
	desc->datalen = size;
	desc->addr_high = d->arq_buf_iova[i] >> 32;
	desc->addr_low = (uint32_t)d->arq_buf_iova[i];
}

/* Returns whether the base read back as written. */
static bool
aq_init(struct dev *d)
{
	unsigned int i;
	bool ok;

	if (d->atq == NULL) {
		d->atq = dma_alloc(AQ_LEN * sizeof(*d->atq), &d->atq_iova);
		d->arq = dma_alloc(AQ_LEN * sizeof(*d->arq), &d->arq_iova);
		for (i = 0; i < AQ_LEN; i++) {
			d->atq_buf[i] = dma_alloc(AQ_BUF, &d->atq_buf_iova[i]);
			d->arq_buf[i] = dma_alloc(AQ_BUF, &d->arq_buf_iova[i]);
		}
	}
	memset(d->atq, 0, AQ_LEN * sizeof(*d->atq));
	for (i = 0; i < AQ_LEN; i++)
		arq_arm(d, i, AQ_BUF);
	d->atq_ntu = 0;
	d->arq_ntc = 0;

	/* iavf's order: length with ENABLE before the base. */
	wr(d, MDEV_SIM_AVF_ATQH, 0);
	wr(d, MDEV_SIM_AVF_ATQT, 0);
	wr(d, MDEV_SIM_AVF_ATQLEN, AQ_LEN | MDEV_SIM_AVF_AQLEN_ENABLE);
	wr(d, MDEV_SIM_AVF_ATQBAL, (uint32_t)d->atq_iova);
	wr(d, MDEV_SIM_AVF_ATQBAH, d->atq_iova >> 32);
	ok = rd(d, MDEV_SIM_AVF_ATQBAL) == (uint32_t)d->atq_iova;
	wr(d, MDEV_SIM_AVF_ARQH, 0);
	wr(d, MDEV_SIM_AVF_ARQT, 0);
	wr(d, MDEV_SIM_AVF_ARQLEN, AQ_LEN | MDEV_SIM_AVF_AQLEN_ENABLE);
	wr(d, MDEV_SIM_AVF_ARQBAL, (uint32_t)d->arq_iova);
	wr(d, MDEV_SIM_AVF_ARQBAH, d->arq_iova >> 32);
	ok = ok && rd(d, MDEV_SIM_AVF_ARQBAL) == (uint32_t)d->arq_iova;
	wr(d, MDEV_SIM_AVF_ARQT, AQ_LEN - 1);
	return ok;
}

/* Queues one descriptor on the ASQ; returns its index. */
static unsigned int
aq_post(struct dev *d, uint16_t opcode, uint32_t v_op, const void *msg,
	uint16_t len)
{
	unsigned int i = d->atq_ntu;
	struct mdev_sim_avf_aq_desc *desc = &d->atq[i];

	memset(desc, 0, sizeof(*desc));
	desc->opcode = opcode;
	desc->flags = MDEV_SIM_AVF_AQ_FLAG_SI;
	desc->cookie_high = v_op;
	if (len) {
		memcpy(d->atq_buf[i], msg, len < AQ_BUF ? len : AQ_BUF);
		desc->flags |= MDEV_SIM_AVF_AQ_FLAG_BUF |
			       MDEV_SIM_AVF_AQ_FLAG_RD;
		desc->datalen = len;
		desc->addr_high = d->atq_buf_iova[i] >> 32;
		desc->addr_low = (uint32_t)d->atq_buf_iova[i];
	}
	d->atq_ntu = (i + 1) % AQ_LEN;
	return i;
}

static void
aq_kick(struct dev *d)
{
	wr(d, MDEV_SIM_AVF_ATQT, d->atq_ntu);
}

static void
vc_send(struct dev *d, uint32_t op, const void *msg, uint16_t len)
{
	aq_post(d, MDEV_SIM_AVF_AQ_OP_SEND_TO_PF, op, msg, len);
	aq_kick(d);
}

/* The next ARQ message, without returning its slot yet. */
static bool
arq_wait(struct dev *d, int ms)
{
	return wait_reg(d, MDEV_SIM_AVF_ARQH, MDEV_SIM_AVF_AQ_IDX_MASK,
			(d->arq_ntc + 1) % AQ_LEN, ms) ||
	       (rd(d, MDEV_SIM_AVF_ARQH) & MDEV_SIM_AVF_AQ_IDX_MASK) !=
	       d->arq_ntc;
}

/* Takes the next ARQ message and returns its slot, as iavf does. */
static bool
arq_take(struct dev *d, struct mdev_sim_avf_aq_desc *out, void *buf,
	 size_t max, int ms)
{
	unsigned int i = d->arq_ntc;

	if ((rd(d, MDEV_SIM_AVF_ARQH) & MDEV_SIM_AVF_AQ_IDX_MASK) == i &&
	    !arq_wait(d, ms))
		return false;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	*out = d->arq[i];
	if (buf != NULL)
		memcpy(buf, d->arq_buf[i],
		       out->datalen < max ? out->datalen : max);
	arq_arm(d, i, AQ_BUF);
	wr(d, MDEV_SIM_AVF_ARQT, i);
	d->arq_ntc = (i + 1) % AQ_LEN;
	return true;
}

static void
note_event(struct dev *d, const void *buf)
{
	struct mdev_sim_avf_vc_pf_event ev;

	memcpy(&ev, buf, sizeof(ev));
	if (ev.event == MDEV_SIM_AVF_VC_EVENT_LINK_CHANGE) {
		d->link_events++;
		d->link_status = ev.link_status;
	}
}

/*
 * The reply to @op: events before it are recorded. Returns the status,
 * or INT32_MIN when no reply came.
 */
static int32_t
vc_reply(struct dev *d, uint32_t op, void *reply, size_t max, uint16_t *rlen)
{
	struct mdev_sim_avf_aq_desc desc;
	uint8_t buf[AQ_BUF];

	while (arq_take(d, &desc, buf, sizeof(buf), TIMEOUT_MS)) {
		if (desc.cookie_high == MDEV_SIM_AVF_VC_OP_EVENT) {
			note_event(d, buf);
			continue;
		}
		if (desc.opcode != MDEV_SIM_AVF_AQ_OP_SEND_TO_VF ||
		    desc.cookie_high != op) {
			note("unexpected ARQ message opcode %#x op %u",
			     desc.opcode, desc.cookie_high);
			continue;
		}
		if (reply != NULL)
			memcpy(reply, buf, desc.datalen < max ? desc.datalen : max);
		if (rlen != NULL)
			*rlen = desc.datalen;
		return (int32_t)desc.cookie_low;
	}
	return INT32_MIN;
}

static int32_t
vc_call(struct dev *d, uint32_t op, const void *msg, uint16_t len,
	void *reply, size_t max, uint16_t *rlen)
{
	vc_send(d, op, msg, len);
	return vc_reply(d, op, reply, max, rlen);
}

/* Reads the pending events (link) until @n have arrived. */
static bool
wait_link_events(struct dev *d, unsigned int n)
{
	struct mdev_sim_avf_aq_desc desc;
	uint8_t buf[AQ_BUF];

	while (d->link_events < n) {
		if (!arq_take(d, &desc, buf, sizeof(buf), TIMEOUT_MS))
			return false;
		if (desc.cookie_high == MDEV_SIM_AVF_VC_OP_EVENT)
			note_event(d, buf);
	}
	return true;
}

static int32_t
vc_get_stats(struct dev *d, struct mdev_sim_avf_vc_eth_stats *s)
{
	struct mdev_sim_avf_vc_queue_select qs = {
		.vsi_id = MDEV_SIM_AVF_VSI_ID,
	};

	memset(s, 0, sizeof(*s));
	return vc_call(d, MDEV_SIM_AVF_VC_OP_GET_STATS, &qs, sizeof(qs), s,
		       sizeof(*s), NULL);
}

/* VERSION and GET_VF_RESOURCES, as iavf's init. */
static bool
vf_init(struct dev *d, uint32_t request)
{
	struct mdev_sim_avf_vc_version ver = { 1, 1 }, got = { 0, 0 };
	uint8_t buf[256];
	struct mdev_sim_avf_vc_vf_resource res;
	struct mdev_sim_avf_vc_vsi_resource vsi;
	uint16_t rlen = 0;

	if (vc_call(d, MDEV_SIM_AVF_VC_OP_VERSION, &ver, sizeof(ver), &got,
		    sizeof(got), NULL) != 0 || got.major != 1 || got.minor != 1)
		return false;
	if (vc_call(d, MDEV_SIM_AVF_VC_OP_GET_VF_RESOURCES, &request,
		    sizeof(request), buf, sizeof(buf), &rlen) != 0 ||
	    rlen < sizeof(res) + sizeof(vsi))
		return false;
	memcpy(&res, buf, sizeof(res));
	memcpy(&vsi, buf + sizeof(res), sizeof(vsi));
	memcpy(d->mac, vsi.default_mac_addr, 6);
	d->caps = res.vf_cap_flags;
	return true;
}

/* ---- queues ---- */

static int32_t
vc_config_queues(struct dev *d, unsigned int nq, uint32_t ring_len,
		 uint32_t buf_size)
{
	uint8_t msg[MDEV_SIM_AVF_VC_CONFIG_QUEUES_LEN(NQ)] = { 0 };
	struct mdev_sim_avf_vc_vsi_queue_config *hdr = (void *)msg;
	struct mdev_sim_avf_vc_queue_pair_info *qp = (void *)(hdr + 1);
	unsigned int q;

	hdr->vsi_id = MDEV_SIM_AVF_VSI_ID;
	hdr->num_queue_pairs = nq;
	for (q = 0; q < nq; q++) {
		qp[q].txq.vsi_id = MDEV_SIM_AVF_VSI_ID;
		qp[q].txq.queue_id = q;
		qp[q].txq.ring_len = ring_len;
		qp[q].txq.dma_ring_addr = d->tx_iova[q];
		qp[q].rxq.vsi_id = MDEV_SIM_AVF_VSI_ID;
		qp[q].rxq.queue_id = q;
		qp[q].rxq.ring_len = ring_len;
		qp[q].rxq.dma_ring_addr = d->rx_iova[q];
		qp[q].rxq.databuffer_size = buf_size;
		qp[q].rxq.max_pkt_size = MAX_PKT;
	}
	return vc_call(d, MDEV_SIM_AVF_VC_OP_CONFIG_VSI_QUEUES, msg,
		       MDEV_SIM_AVF_VC_CONFIG_QUEUES_LEN(nq), NULL, 0, NULL);
}

static int32_t
vc_queues(struct dev *d, bool enable, uint32_t rx, uint32_t tx)
{
	struct mdev_sim_avf_vc_queue_select qs = {
		.vsi_id = MDEV_SIM_AVF_VSI_ID,
		.rx_queues = rx,
		.tx_queues = tx,
	};

	return vc_call(d, enable ? MDEV_SIM_AVF_VC_OP_ENABLE_QUEUES :
		       MDEV_SIM_AVF_VC_OP_DISABLE_QUEUES, &qs, sizeof(qs),
		       NULL, 0, NULL);
}

static int32_t
vc_irq_map(struct dev *d, uint16_t vector, uint16_t rxq_map)
{
	uint8_t msg[MDEV_SIM_AVF_VC_IRQ_MAP_LEN(1)] = { 0 };
	struct mdev_sim_avf_vc_vector_map map = {
		.vsi_id = MDEV_SIM_AVF_VSI_ID,
		.vector_id = vector,
		.rxq_map = rxq_map,
	};
	uint16_t one = 1;

	memcpy(msg, &one, sizeof(one));
	memcpy(msg + MDEV_SIM_AVF_VC_IRQ_MAP_HDR, &map, sizeof(map));
	return vc_call(d, MDEV_SIM_AVF_VC_OP_CONFIG_IRQ_MAP, msg, sizeof(msg),
		       NULL, 0, NULL);
}

/* ADD_ETH_ADDR/DEL_ETH_ADDR of @n copies of @mac, the last byte + i. */
static int32_t
vc_eth_addr(struct dev *d, bool add, const uint8_t *mac, unsigned int n)
{
	static uint8_t msg[MDEV_SIM_AVF_VC_ETH_ADDR_LEN(100)];
	struct mdev_sim_avf_vc_ether_addr_list hdr = {
		.vsi_id = MDEV_SIM_AVF_VSI_ID,
		.num_elements = n,
	};
	struct mdev_sim_avf_vc_ether_addr ea = { .type = 1 };
	unsigned int i;

	memset(msg, 0, sizeof(msg));
	memcpy(msg, &hdr, sizeof(hdr));
	for (i = 0; i < n && i < 100; i++) {
		memcpy(ea.addr, mac, 6);
		ea.addr[5] += i;
		memcpy(msg + sizeof(hdr) + i * sizeof(ea), &ea, sizeof(ea));
	}
	return vc_call(d, add ? MDEV_SIM_AVF_VC_OP_ADD_ETH_ADDR :
		       MDEV_SIM_AVF_VC_OP_DEL_ETH_ADDR, msg,
		       MDEV_SIM_AVF_VC_ETH_ADDR_LEN(n), NULL, 0, NULL);
}

static int32_t
vc_promisc(struct dev *d, uint16_t flags)
{
	struct mdev_sim_avf_vc_promisc p = {
		.vsi_id = MDEV_SIM_AVF_VSI_ID,
		.flags = flags,
	};

	return vc_call(d, MDEV_SIM_AVF_VC_OP_CONFIG_PROMISC, &p, sizeof(p),
		       NULL, 0, NULL);
}

static void
rings_alloc(struct dev *d)
{
	unsigned int q, i;

	for (q = 0; q < NQ; q++) {
		d->rx[q] = dma_alloc(RING * sizeof(*d->rx[q]), &d->rx_iova[q]);
		d->tx[q] = dma_alloc(RING * sizeof(*d->tx[q]), &d->tx_iova[q]);
		for (i = 0; i < RING; i++) {
			d->rx_buf[q][i] = dma_alloc(BUF_LEN,
						    &d->rx_buf_iova[q][i]);
			d->tx_buf[q][i] = dma_alloc(BUF_LEN,
						    &d->tx_buf_iova[q][i]);
		}
	}
}

/* Posts RX buffers [0, n) in read format and hands them over. */
static void
rx_post(struct dev *d, unsigned int q, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < RING; i++) {
		d->rx[q][i].qword0 = d->rx_buf_iova[q][i];
		d->rx[q][i].qword1 = d->rx_buf_iova[q][i];
		d->rx[q][i].qword2 = 0;
		d->rx[q][i].qword3 = 0;
	}
	d->rx_next[q] = 0;
	wr(d, MDEV_SIM_AVF_QRX_TAIL(q), n);
}

/* TX ring reset as iavf does: every descriptor marked done. */
static void
tx_reset(struct dev *d, unsigned int q)
{
	unsigned int i;

	for (i = 0; i < RING; i++) {
		d->tx[q][i].addr = 0;
		d->tx[q][i].cmd = MDEV_SIM_AVF_TX_DTYPE_DONE;
	}
	d->tx_next[q] = 0;
	wr(d, MDEV_SIM_AVF_QTX_TAIL(q), 0);
}

static int32_t
queues_up(struct dev *d, unsigned int nq)
{
	unsigned int q;
	int32_t ret;

	for (q = 0; q < nq; q++) {
		tx_reset(d, q);
		rx_post(d, q, RING - 1);
	}
	ret = vc_config_queues(d, nq, RING, BUF_LEN);
	/* As iavf with WB_ON_ITR: the RX queues on vector 1. */
	if (ret == 0)
		ret = vc_irq_map(d, 1, (1u << nq) - 1);
	if (ret == 0)
		ret = vc_eth_addr(d, true, d->mac, 1);
	for (q = 0; q < nq && ret == 0; q++) {
		ret = vc_queues(d, true, 0, 1u << q);
		if (ret == 0)
			ret = vc_queues(d, true, 1u << q, 0);
	}
	return ret;
}

static void
frame_make(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint32_t len,
	   uint8_t seed)
{
	uint32_t i;

	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = 0x88;
	f[13] = 0xb5;		/* local experimental EtherType */
	for (i = 14; i < len; i++)
		f[i] = (uint8_t)(seed + i);
}

/* Queues one frame in buffers of at most @seg bytes; returns last index. */
static unsigned int
tx_post(struct dev *d, unsigned int q, const uint8_t *frame, uint32_t len,
	uint32_t seg, uint64_t bad_addr)
{
	unsigned int i = d->tx_next[q];
	uint32_t off = 0;

	while (off < len) {
		uint32_t n = len - off < seg ? len - off : seg;
		bool last = off + n == len;

		memcpy(d->tx_buf[q][i], frame + off, n);
		d->tx[q][i].addr = bad_addr ? bad_addr : d->tx_buf_iova[q][i];
		d->tx[q][i].cmd = MDEV_SIM_AVF_TX_DTYPE_DATA |
			(last ? MDEV_SIM_AVF_TX_CMD_EOP |
				MDEV_SIM_AVF_TX_CMD_RS : 0) |
			((uint64_t)n << MDEV_SIM_AVF_TX_BUF_SHIFT);
		off += n;
		if (!last)
			i = (i + 1) % RING;
	}
	d->tx_next[q] = (i + 1) % RING;
	return i;
}

static void
tx_kick(struct dev *d, unsigned int q)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	wr(d, MDEV_SIM_AVF_QTX_TAIL(q), d->tx_next[q]);
}

static bool
tx_done(struct dev *d, unsigned int q, unsigned int idx, int ms)
{
	uint64_t end = now_ms() + ms;

	do {
		if ((__atomic_load_n(&d->tx[q][idx].cmd, __ATOMIC_ACQUIRE) &
		     MDEV_SIM_AVF_TX_DTYPE_MASK) == MDEV_SIM_AVF_TX_DTYPE_DONE)
			return true;
		pause_us(200);
	} while (now_ms() < end);
	return false;
}

static uint64_t
rx_qword1(struct dev *d, unsigned int q, unsigned int i)
{
	return __atomic_load_n(&d->rx[q][i].qword1, __ATOMIC_ACQUIRE);
}

/*
 * The next received frame on queue q, gathered from its descriptors:
 * returns its length, 0 when none came in @ms, or -1 for a descriptor
 * with an error.
 */
static int
rx_take(struct dev *d, unsigned int q, uint8_t *out, size_t max, int ms,
	unsigned int *ndesc)
{
	uint64_t end = now_ms() + ms;
	unsigned int i = d->rx_next[q], n = 0;
	size_t len = 0;

	for (;;) {
		uint64_t qw1 = rx_qword1(d, q, i);
		uint32_t blen;

		if (!(qw1 & MDEV_SIM_AVF_RX_DD)) {
			if (now_ms() >= end)
				return n ? -1 : 0;
			pause_us(200);
			continue;
		}
		if (qw1 & MDEV_SIM_AVF_RX_ERR_RXE)
			return -1;
		if (((qw1 >> MDEV_SIM_AVF_RX_PTYPE_SHIFT) & 0xff) !=
		    MDEV_SIM_AVF_RX_PTYPE_L2 || d->rx[q][i].qword0 != 0)
			return -1;
		blen = (qw1 >> MDEV_SIM_AVF_RX_LEN_SHIFT) &
		       MDEV_SIM_AVF_RX_LEN_MASK;
		if (len + blen <= max)
			memcpy(out + len, d->rx_buf[q][i], blen);
		len += blen;
		n++;
		i = (i + 1) % RING;
		if (qw1 & MDEV_SIM_AVF_RX_EOF)
			break;
	}
	d->rx_next[q] = i;
	if (ndesc != NULL)
		*ndesc = n;
	return (int)len;
}

/* ---- tests ---- */

static uint16_t
cfg16(struct dev *d, unsigned int off)
{
	uint16_t v = 0;

	if (pread(d->fd, &v, 2, d->cfg + off) != 2)
		model_die("config read");
	return v;
}

static uint32_t
cfg32(struct dev *d, unsigned int off)
{
	uint32_t v = 0;

	if (pread(d->fd, &v, 4, d->cfg + off) != 4)
		model_die("config read");
	return v;
}

static void
test_identity(struct dev *a)
{
	struct vfio_region_info info = { .argsz = sizeof(info) };
	unsigned int pos, msix = 0, guard = 0;
	uint32_t table;

	check_eq("vendor ID 8086", cfg16(a, PCI_VENDOR_ID),
		 MDEV_SIM_AVF_VENDOR_ID);
	check_eq("device ID 1889", cfg16(a, PCI_DEVICE_ID),
		 MDEV_SIM_AVF_DEVICE_ID);
	check_eq("class Ethernet", cfg32(a, PCI_CLASS_REVISION) >> 8,
		 MDEV_SIM_AVF_CLASS);
	check_eq("subsystem vendor (simulated)",
		 cfg16(a, PCI_SUBSYSTEM_VENDOR_ID),
		 MDEV_SIM_PCI_SUBSYS_VENDOR_ID);
	check_eq("subsystem device (simulated)", cfg16(a, PCI_SUBSYSTEM_ID),
		 MDEV_SIM_AVF_SUBSYS_DEVICE_ID);
	check_eq("BAR0 is 64-bit memory",
		 cfg32(a, PCI_BASE_ADDRESS_0) & PCI_BASE_ADDRESS_MEM_TYPE_MASK,
		 PCI_BASE_ADDRESS_MEM_TYPE_64);

	info.index = VFIO_PCI_BAR0_REGION_INDEX;
	if (ioctl(a->fd, VFIO_DEVICE_GET_REGION_INFO, &info) < 0)
		model_die("GET_REGION_INFO");
	check(info.size == MDEV_SIM_AVF_BAR0_SIZE &&
	      (info.flags & VFIO_REGION_INFO_FLAG_MMAP),
	      "BAR0 is %#x bytes and mmapable (size %#llx flags %#x)",
	      MDEV_SIM_AVF_BAR0_SIZE, (unsigned long long)info.size,
	      info.flags);
	info.index = VFIO_PCI_BAR3_REGION_INDEX;
	if (ioctl(a->fd, VFIO_DEVICE_GET_REGION_INFO, &info) < 0)
		model_die("GET_REGION_INFO");
	check_eq("BAR3 (MSI-X) size", info.size, MDEV_SIM_AVF_BAR3_SIZE);

	for (pos = cfg16(a, PCI_CAPABILITY_LIST) & 0xff; pos && guard++ < 48;
	     pos = cfg16(a, pos + 1) & 0xff)
		if ((cfg16(a, pos) & 0xff) == PCI_CAP_ID_MSIX)
			msix = pos;
	check(msix != 0, "MSI-X capability present");
	if (msix) {
		check_eq("MSI-X vectors", (cfg16(a, msix + PCI_MSIX_FLAGS) &
					   PCI_MSIX_FLAGS_QSIZE) + 1, NB_VEC);
		table = cfg32(a, msix + PCI_MSIX_TABLE);
		check_eq("MSI-X table in BAR3",
			 table & PCI_MSIX_TABLE_BIR, MDEV_SIM_AVF_MSIX_BAR);
	}
	check_eq("RSTAT is VFACTIVE after open",
		 rd(a, MDEV_SIM_AVF_RSTAT) & MDEV_SIM_AVF_RSTAT_MASK,
		 MDEV_SIM_AVF_RSTAT_VFACTIVE);
}

static void
test_adminq(struct dev *a, const char *uuid)
{
	struct mdev_sim_avf_vc_version ver = { 1, 1 }, got = { 0, 0 };
	struct mdev_sim_avf_vc_vf_resource res;
	struct mdev_sim_avf_vc_vsi_resource vsi;
	struct mdev_sim_avf_vc_eth_stats st;
	uint32_t caps = IAVF_CAPS;
	uint8_t buf[256];
	uint16_t rlen = 0;
	unsigned int i, hex[16];
	int64_t before;

	check(aq_init(a), "admin queue bases read back");
	check_eq("VERSION replies success",
		 (uint32_t)vc_call(a, MDEV_SIM_AVF_VC_OP_VERSION, &ver,
				   sizeof(ver), &got, sizeof(got), NULL), 0);
	check(got.major == 1 && got.minor == 1, "VERSION is 1.1 (got %u.%u)",
	      got.major, got.minor);
	check_eq("ATQH follows the consumed descriptors",
		 rd(a, MDEV_SIM_AVF_ATQH), a->atq_ntu);
	check(a->atq[0].flags & MDEV_SIM_AVF_AQ_FLAG_DD,
	      "ASQ descriptor written back with DD");

	check_eq("GET_VF_RESOURCES replies success",
		 (uint32_t)vc_call(a, MDEV_SIM_AVF_VC_OP_GET_VF_RESOURCES,
				   &caps, sizeof(caps), buf, sizeof(buf),
				   &rlen), 0);
	check_eq("GET_VF_RESOURCES length", rlen, sizeof(res) + sizeof(vsi));
	memcpy(&res, buf, sizeof(res));
	memcpy(&vsi, buf + sizeof(res), sizeof(vsi));
	check_eq("caps granted: L2 | WB_ON_ITR", res.vf_cap_flags,
		 MDEV_SIM_AVF_VC_CAP_L2 | MDEV_SIM_AVF_VC_CAP_WB_ON_ITR);
	check_eq("one VSI", res.num_vsis, 1);
	check_eq("num_queue_pairs", res.num_queue_pairs, NQ);
	check_eq("max_vectors", res.max_vectors, NB_VEC);
	check_eq("VSI type SRIOV", vsi.vsi_type, MDEV_SIM_AVF_VC_VSI_SRIOV);
	check_eq("VSI id", vsi.vsi_id, MDEV_SIM_AVF_VSI_ID);
	check_eq("VSI queue pairs", vsi.num_queue_pairs, NQ);
	/* 02 and the UUID's last five bytes */
	for (i = 0; i < 16; i++)
		hex[i] = 0;
	sscanf(uuid + 24, "%2x%2x%2x%2x%2x%2x", &hex[0], &hex[1], &hex[2],
	       &hex[3], &hex[4], &hex[5]);
	check(vsi.default_mac_addr[0] == 0x02 &&
	      vsi.default_mac_addr[1] == hex[1] &&
	      vsi.default_mac_addr[5] == hex[5],
	      "MAC derived from the UUID (%02x:%02x:..:%02x)",
	      vsi.default_mac_addr[0], vsi.default_mac_addr[1],
	      vsi.default_mac_addr[5]);
	memcpy(a->mac, vsi.default_mac_addr, 6);
	check(wait_link_events(a, 1) && a->link_status == 1,
	      "LINK_CHANGE (up) after GET_VF_RESOURCES");

	before = counter(a, "msg_unsupported");
	check_eq("unknown op (CONFIG_RSS_LUT) -> NOT_SUPPORTED",
		 (uint32_t)vc_call(a, 24, buf, 8, NULL, 0, NULL),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_NOT_SUPPORTED);
	check_eq("msg_unsupported counted", counter(a, "msg_unsupported"),
		 before + 1);

	check_eq("GET_STATS replies success", (uint32_t)vc_get_stats(a, &st),
		 0);
	check(st.rx_bytes == 0 && st.tx_unicast == 0, "fresh stats are zero");

	before = counter(a, "msg_invalid");
	check(vc_call(a, MDEV_SIM_AVF_VC_OP_VERSION, &ver, 4, NULL, 0,
		      NULL) < 0, "VERSION with a short message is refused");
	check_eq("msg_invalid counted", counter(a, "msg_invalid"), before + 1);
}

static void
test_icr_irq(struct dev *a)
{
	struct mdev_sim_avf_vc_eth_stats st;
	struct mdev_sim_avf_aq_desc desc;
	struct mdev_sim_avf_vc_queue_select qs = {
		.vsi_id = MDEV_SIM_AVF_VSI_ID,
	};

	/* ICR01.ADMINQ: a message the driver has not returned. */
	check(wait_reg(a, MDEV_SIM_AVF_ICR01, MDEV_SIM_AVF_ICR0_ADMINQ, 0,
		       TIMEOUT_MS), "ICR01.ADMINQ clear with the ARQ drained");
	vc_send(a, MDEV_SIM_AVF_VC_OP_GET_STATS, &qs, sizeof(qs));
	check(arq_wait(a, TIMEOUT_MS), "GET_STATS reply posted");
	check(wait_reg(a, MDEV_SIM_AVF_ICR01, MDEV_SIM_AVF_ICR0_ADMINQ,
		       MDEV_SIM_AVF_ICR0_ADMINQ, TIMEOUT_MS),
	      "ICR01.ADMINQ set while the reply is not returned");
	check(arq_take(a, &desc, NULL, 0, TIMEOUT_MS), "reply taken");
	check(wait_reg(a, MDEV_SIM_AVF_ICR01, MDEV_SIM_AVF_ICR0_ADMINQ, 0,
		       TIMEOUT_MS),
	      "ICR01.ADMINQ clears once the slot is returned");

	/* Vector 0 with ICR0_ENA1.ADMINQ and DYN_CTL01.INTENA. */
	irq_fired(a, 0, 0);
	wr(a, MDEV_SIM_AVF_ICR0_ENA1, MDEV_SIM_AVF_ICR0_ADMINQ);
	wr(a, MDEV_SIM_AVF_DYN_CTL01, MDEV_SIM_AVF_DYN_CTL01_INTENA |
	   MDEV_SIM_AVF_DYN_CTL01_CLEARPBA | (3 << 3));
	vc_send(a, MDEV_SIM_AVF_VC_OP_GET_STATS, &qs, sizeof(qs));
	check(irq_fired(a, 0, TIMEOUT_MS), "MSI-X vector 0 fires on an ARQ message");
	check_eq("GET_STATS reply after the interrupt",
		 (uint32_t)vc_reply(a, MDEV_SIM_AVF_VC_OP_GET_STATS, &st,
				    sizeof(st), NULL), 0);

	/* Disabled as iavf's handler does: held, then sent on enable. */
	wr(a, MDEV_SIM_AVF_DYN_CTL01, 3 << 3);
	vc_send(a, MDEV_SIM_AVF_VC_OP_GET_STATS, &qs, sizeof(qs));
	check(arq_wait(a, TIMEOUT_MS), "reply posted with INTENA clear");
	check(!irq_fired(a, 0, 0), "no interrupt while INTENA is clear");
	wr(a, MDEV_SIM_AVF_DYN_CTL01, MDEV_SIM_AVF_DYN_CTL01_INTENA | (3 << 3));
	check(irq_fired(a, 0, TIMEOUT_MS),
	      "the held interrupt fires once INTENA is set again");
	vc_reply(a, MDEV_SIM_AVF_VC_OP_GET_STATS, &st, sizeof(st), NULL);
	wr(a, MDEV_SIM_AVF_ICR0_ENA1, 0);
	wr(a, MDEV_SIM_AVF_DYN_CTL01, 0);
}

/* iavf sets its admin queue up again on the same rings, no reset. */
static void
test_aq_reinit(struct dev *a)
{
	struct mdev_sim_avf_vc_version ver = { 1, 1 }, got = { 0, 0 };
	unsigned int i;
	bool ok = true;

	check(a->atq_ntu != 0, "ASQ index moved before the re-init (%u)",
	      a->atq_ntu);
	check(aq_init(a), "admin queue set up again, same rings");
	for (i = 0; i < 3 && ok; i++)
		ok = vc_call(a, MDEV_SIM_AVF_VC_OP_VERSION, &ver, sizeof(ver),
			     &got, sizeof(got), NULL) == 0 && got.minor == 1;
	check(ok, "VERSION works after the re-init (call %u)", i);
	check_eq("ATQH follows from 0 again", rd(a, MDEV_SIM_AVF_ATQH), 3);
}

static bool
same(const uint8_t *x, const uint8_t *y, size_t len)
{
	return memcmp(x, y, len) == 0;
}

static void
test_datapath(struct dev *a, struct dev *b)
{
	static uint8_t f[10000], g[10000];
	static const uint8_t other[6] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
	struct mdev_sim_avf_vc_eth_stats sa, sb;
	unsigned int i, last = 0, ndesc = 0, events;
	uint64_t bytes = 0;
	bool ok = true;
	int len;

	check_eq("wire A to B", model_sysfs_write(a->uuid, "peer", b->uuid), 0);
	check(aq_init(b) && vf_init(b, IAVF_CAPS), "B: admin queue and init");
	rings_alloc(a);
	rings_alloc(b);
	events = a->link_events;
	check_eq("A: four queue pairs configured and enabled",
		 (uint32_t)queues_up(a, NQ), 0);
	check(wait_link_events(a, events + 1),
	      "A: LINK_CHANGE after ENABLE_QUEUES");
	check_eq("B: four queue pairs configured and enabled",
		 (uint32_t)queues_up(b, NQ), 0);

	/* Eight frames A queue 0 -> B queue 0, to B's own MAC. */
	for (i = 0; i < 8; i++) {
		frame_make(f, b->mac, a->mac, 60 + i * 100, i);
		last = tx_post(a, 0, f, 60 + i * 100, BUF_LEN, 0);
		bytes += 60 + i * 100;
	}
	tx_kick(a, 0);
	check(tx_done(a, 0, last, TIMEOUT_MS), "TX descriptors written back DONE");
	for (i = 0; i < 8 && ok; i++) {
		frame_make(f, b->mac, a->mac, 60 + i * 100, i);
		len = rx_take(b, 0, g, sizeof(g), TIMEOUT_MS, &ndesc);
		ok = len == (int)(60 + i * 100) && same(f, g, len) && ndesc == 1;
	}
	check(ok, "B queue 0 received the 8 frames intact (frame %u, len %d)",
	      i, len);

	/* Enabling a running queue again changes nothing. */
	check_eq("A: ENABLE_QUEUES again on running TX queue 0",
		 (uint32_t)vc_queues(a, true, 0, 1), 0);
	check_eq("B: ENABLE_QUEUES again on running RX queue 0",
		 (uint32_t)vc_queues(b, true, 1, 0), 0);

	/* A frame over two buffers, sent in three. */
	frame_make(f, b->mac, a->mac, 3000, 7);
	last = tx_post(a, 0, f, 3000, 1000, 0);
	tx_kick(a, 0);
	len = rx_take(b, 0, g, sizeof(g), TIMEOUT_MS, &ndesc);
	check(len == 3000 && ndesc == 2 && same(f, g, 3000),
	      "3000-byte frame from 3 TX buffers lands in 2 RX buffers (len %d, %u descriptors)",
	      len, ndesc);
	bytes += 3000;

	/* Queue 2 feeds queue 2. */
	frame_make(f, b->mac, a->mac, 200, 3);
	tx_post(a, 2, f, 200, BUF_LEN, 0);
	tx_kick(a, 2);
	len = rx_take(b, 2, g, sizeof(g), TIMEOUT_MS, NULL);
	check(len == 200 && same(f, g, 200), "A queue 2 -> B queue 2");
	bytes += 200;

	check_eq("A GET_STATS", (uint32_t)vc_get_stats(a, &sa), 0);
	check_eq("B GET_STATS", (uint32_t)vc_get_stats(b, &sb), 0);
	check_eq("A tx_unicast", sa.tx_unicast, 10);
	check_eq("A tx_bytes (no FCS)", sa.tx_bytes, bytes);
	check_eq("B rx_unicast", sb.rx_unicast, 10);
	check_eq("B rx_bytes (with FCS)", sb.rx_bytes, bytes + 4 * 10);
	check_eq("B rx_discards", sb.rx_discards, 0);

	/* Filtering: another unicast MAC, then promiscuous. */
	frame_make(f, other, a->mac, 100, 1);
	last = tx_post(a, 1, f, 100, BUF_LEN, 0);
	tx_kick(a, 1);
	check(tx_done(a, 1, last, TIMEOUT_MS), "frame for another MAC sent");
	check_eq("B rx_filtered counted", counter(b, "rx_filtered"), 1);
	check_eq("not received", (uint32_t)rx_take(b, 1, g, sizeof(g), 0, NULL), 0);
	check_eq("B ADD_ETH_ADDR of that MAC",
		 (uint32_t)vc_eth_addr(b, true, other, 1), 0);
	tx_post(a, 1, f, 100, BUF_LEN, 0);
	tx_kick(a, 1);
	len = rx_take(b, 1, g, sizeof(g), TIMEOUT_MS, NULL);
	check(len == 100 && same(f, g, 100), "B receives it with the filter");
	check_eq("B DEL_ETH_ADDR of that MAC",
		 (uint32_t)vc_eth_addr(b, false, other, 1), 0);
	last = tx_post(a, 1, f, 100, BUF_LEN, 0);
	tx_kick(a, 1);
	check(wait_counter(b, "rx_filtered", 2), "filtered again once deleted");
	check_eq("B unicast promiscuous on", (uint32_t)vc_promisc(b,
		 MDEV_SIM_AVF_VC_PROMISC_UNICAST), 0);
	tx_post(a, 1, f, 100, BUF_LEN, 0);
	tx_kick(a, 1);
	len = rx_take(b, 1, g, sizeof(g), TIMEOUT_MS, NULL);
	check(len == 100 && same(f, g, 100), "promiscuous B receives it");

	/* Back-pressure: 6 frames, 3 free buffers on B queue 3. */
	b->rx_next[3] = 0;
	rx_post(b, 3, 3);
	for (i = 0; i < 6; i++) {
		frame_make(f, b->mac, a->mac, 64, 10 + i);
		last = tx_post(a, 3, f, 64, BUF_LEN, 0);
	}
	tx_kick(a, 3);
	for (i = 0; i < 3; i++)
		len = rx_take(b, 3, g, sizeof(g), TIMEOUT_MS, NULL);
	check_eq("3 frames delivered into 3 buffers", (uint32_t)len, 64);
	check(!tx_done(a, 3, last, 50), "the others wait on A's ring");
	/* Return the buffers: iavf's tail is one behind its next slot. */
	for (i = 0; i < 3; i++) {
		b->rx[3][i].qword0 = b->rx_buf_iova[3][i];
		b->rx[3][i].qword1 = b->rx_buf_iova[3][i];
	}
	wr(b, MDEV_SIM_AVF_QRX_TAIL(3), 2);
	check(tx_done(a, 3, last, TIMEOUT_MS), "the rest go once buffers return");
	ok = true;
	for (i = 3; i < 6 && ok; i++)
		ok = rx_take(b, 3, g, sizeof(g), TIMEOUT_MS, NULL) == 64;
	check(ok, "no frame lost to back-pressure");
	check(vc_get_stats(b, &sb) == 0 && sb.rx_discards == 0,
	      "B rx_discards still 0");

	/* Over max_pkt_size: discarded by the receiver, counted. */
	frame_make(f, b->mac, a->mac, MAX_PKT + 100, 9);
	last = tx_post(a, 0, f, MAX_PKT + 100, BUF_LEN, 0);
	tx_kick(a, 0);
	check(tx_done(a, 0, last, TIMEOUT_MS), "frame over max_pkt_size sent");
	check(wait_counter(b, "rx_too_long", 1), "B rx_too_long counted");
	check(vc_get_stats(b, &sb) == 0 && sb.rx_discards == 1,
	      "B rx_discards 1");
	check_eq("not received", (uint32_t)rx_take(b, 0, g, sizeof(g), 0, NULL), 0);
}

static void
test_link(struct dev *a, struct dev *b)
{
	struct mdev_sim_avf_vc_eth_stats st;
	unsigned int ea, eb;

	/* Messages are in order: events before these replies are read. */
	vc_get_stats(a, &st);
	vc_get_stats(b, &st);
	ea = a->link_events;
	eb = b->link_events;

	check_eq("link down on B", model_sysfs_write(b->uuid, "link", "down"), 0);
	check(wait_link_events(b, eb + 1) && b->link_status == 0,
	      "B: LINK_CHANGE down");
	check(wait_link_events(a, ea + 1) && a->link_status == 0,
	      "A (the other end): LINK_CHANGE down");
	check_eq("link up on B", model_sysfs_write(b->uuid, "link", "up"), 0);
	check(wait_link_events(b, eb + 2) && b->link_status == 1,
	      "B: LINK_CHANGE up");
	check(wait_link_events(a, ea + 2) && a->link_status == 1,
	      "A: LINK_CHANGE up");
}

static void
test_bad_values(struct dev *a)
{
	struct mdev_sim_avf_vc_queue_select qs = {
		.vsi_id = MDEV_SIM_AVF_VSI_ID,
	};
	struct mdev_sim_avf_vc_eth_stats st;
	struct mdev_sim_avf_aq_desc desc;
	static const uint8_t many[6] = { 0x02, 0x10, 0x20, 0x30, 0x40, 0 };
	static uint8_t f[128];
	uint64_t saved;
	int64_t before, dma;
	unsigned int last;

	check_eq("DISABLE_QUEUES all", (uint32_t)vc_queues(a, false, 0xf, 0xf), 0);

	before = counter(a, "msg_param");
	check_eq("ring length 33 refused",
		 (uint32_t)vc_config_queues(a, 1, 33, BUF_LEN),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_PARAM);
	check_eq("RX buffer size 64 refused",
		 (uint32_t)vc_config_queues(a, 1, RING, 64),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_PARAM);
	check_eq("ENABLE_QUEUES queue 5 refused",
		 (uint32_t)vc_queues(a, true, 1u << 5, 0),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_PARAM);
	qs.vsi_id = 7;
	check_eq("GET_STATS for VSI 7 refused",
		 (uint32_t)vc_call(a, MDEV_SIM_AVF_VC_OP_GET_STATS, &qs,
				   sizeof(qs), NULL, 0, NULL),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_PARAM);
	check_eq("IRQ map to vector 9 refused", (uint32_t)vc_irq_map(a, 9, 1),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_PARAM);
	check_eq("70 more MAC addresses refused (64 at most)",
		 (uint32_t)vc_eth_addr(a, true, many, 70),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_NO_MEMORY);
	check_eq("msg_param counted 6", counter(a, "msg_param"), before + 6);

	/* A ring in unmapped memory. */
	dma = counter(a, "dma");
	saved = a->rx_iova[0];
	a->rx_iova[0] = UNMAPPED_IOVA;
	check_eq("unmapped RX ring refused",
		 (uint32_t)vc_config_queues(a, 1, RING, BUF_LEN),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_PARAM);
	a->rx_iova[0] = saved;
	check(counter(a, "dma") > dma, "dma counted");

	/* An ASQ message longer than the admin queue allows. */
	before = counter(a, "aq_desc");
	aq_post(a, MDEV_SIM_AVF_AQ_OP_SEND_TO_PF, MDEV_SIM_AVF_VC_OP_GET_STATS,
		&qs, sizeof(qs));
	a->atq[(a->atq_ntu + AQ_LEN - 1) % AQ_LEN].datalen = 5000;
	aq_kick(a);
	check_eq("datalen 5000 gives an error reply",
		 (uint32_t)vc_reply(a, MDEV_SIM_AVF_VC_OP_GET_STATS, NULL, 0,
				    NULL), (uint32_t)MDEV_SIM_AVF_VC_ERR_PARAM);
	check_eq("aq_desc counted", counter(a, "aq_desc"), before + 1);

	/* A reply larger than the posted ARQ buffer. */
	before = counter(a, "arq_short");
	arq_arm(a, a->arq_ntc, 8);
	qs.vsi_id = MDEV_SIM_AVF_VSI_ID;
	vc_send(a, MDEV_SIM_AVF_VC_OP_GET_STATS, &qs, sizeof(qs));
	check(arq_take(a, &desc, NULL, 0, TIMEOUT_MS) &&
	      (desc.flags & MDEV_SIM_AVF_AQ_FLAG_ERR),
	      "96-byte reply into an 8-byte ARQ buffer comes back with ERR");
	check_eq("arq_short counted", counter(a, "arq_short"), before + 1);

	/* A TX buffer in unmapped memory: dropped, counted, ring moves. */
	check_eq("queue 0 again", (uint32_t)queues_up(a, 1), 0);
	dma = counter(a, "dma");
	last = tx_post(a, 0, f, 64, BUF_LEN, UNMAPPED_IOVA);
	tx_kick(a, 0);
	check(tx_done(a, 0, last, TIMEOUT_MS),
	      "TX descriptor with an unmapped buffer completes");
	check(counter(a, "dma") > dma, "its DMA error counted");
	check(vc_get_stats(a, &st) == 0 && st.tx_errors == 1,
	      "tx_errors 1 (got %" PRIu64 ")", (uint64_t)st.tx_errors);

	/* A TX tail beyond the ring. */
	before = counter(a, "tail");
	wr(a, MDEV_SIM_AVF_QTX_TAIL(0), 5000);
	check(wait_counter(a, "tail", before + 1), "tail 5000 counted");
	wr(a, MDEV_SIM_AVF_QTX_TAIL(0), a->tx_next[0]);

	/* ATQT beyond the ring: no descriptor runs, counted. */
	before = counter(a, "aq_reg");
	wr(a, MDEV_SIM_AVF_ATQT, 100);
	check(wait_counter(a, "aq_reg", before + 1), "ATQT 100 counted");
	aq_kick(a);
	check_eq("admin queue works again",
		 (uint32_t)vc_get_stats(a, &st), 0);
	check_eq("RSTAT still VFACTIVE",
		 rd(a, MDEV_SIM_AVF_RSTAT), MDEV_SIM_AVF_RSTAT_VFACTIVE);
}

static void
test_reset_vf(struct dev *a)
{
	struct mdev_sim_avf_vc_eth_stats st;
	unsigned int sd;
	uint64_t t0;

	/*
	 * As iavf 24.11+ closes: RESET_VF, then the queue shutdown, here
	 * both queued before the device looks.
	 */
	aq_post(a, MDEV_SIM_AVF_AQ_OP_SEND_TO_PF, MDEV_SIM_AVF_VC_OP_RESET_VF,
		NULL, 0);
	sd = aq_post(a, MDEV_SIM_AVF_AQ_OP_QUEUE_SHUTDOWN, 0, NULL, 0);
	a->atq[sd].param0 = 1;
	t0 = now_ms();
	aq_kick(a);
	check(wait_reg(a, MDEV_SIM_AVF_ATQH, MDEV_SIM_AVF_AQ_IDX_MASK,
		       a->atq_ntu, 250),
	      "queue shutdown behind RESET_VF completes within 250 ms (%" PRIu64 " ms)",
	      now_ms() - t0);
	check((a->atq[sd].flags & MDEV_SIM_AVF_AQ_FLAG_DD) &&
	      a->atq[sd].retval == 0, "queue shutdown written back DD, retval 0");
	check(wait_reg(a, MDEV_SIM_AVF_ARQLEN, MDEV_SIM_AVF_AQLEN_ENABLE, 0,
		       TIMEOUT_MS), "RESET_VF clears ARQLEN.ENABLE");
	/* The device clears ARQLEN before it sets VFACTIVE again. */
	check(wait_reg(a, MDEV_SIM_AVF_RSTAT, MDEV_SIM_AVF_RSTAT_MASK,
		       MDEV_SIM_AVF_RSTAT_VFACTIVE, TIMEOUT_MS),
	      "RSTAT VFACTIVE after RESET_VF (0x%x)",
	      rd(a, MDEV_SIM_AVF_RSTAT));
	check(aq_init(a) && vf_init(a, IAVF_CAPS),
	      "admin queue and init again after RESET_VF");
	check_eq("queues forgotten: ENABLE_QUEUES refused",
		 (uint32_t)vc_queues(a, true, 1, 0),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_PARAM);
	check(vc_get_stats(a, &st) == 0 && st.tx_unicast == 0 &&
	      st.tx_errors == 0, "stats cleared by RESET_VF");
}

static void
test_device_reset(struct dev *a)
{
	struct mdev_sim_avf_vc_eth_stats st;
	uint16_t cmd;

	check_eq("queue 0 up", (uint32_t)queues_up(a, 1), 0);
	check(ioctl(a->fd, VFIO_DEVICE_RESET) == 0, "VFIO_DEVICE_RESET");
	check_eq("RSTAT VFACTIVE right after the reset",
		 rd(a, MDEV_SIM_AVF_RSTAT), MDEV_SIM_AVF_RSTAT_VFACTIVE);
	/* A function reset clears bus mastering; the driver sets it again. */
	cmd = cfg16(a, PCI_COMMAND);
	check(!(cmd & PCI_COMMAND_MASTER), "bus mastering off after the reset");
	cmd |= PCI_COMMAND_MASTER;
	if (pwrite(a->fd, &cmd, 2, a->cfg + PCI_COMMAND) != 2)
		model_die("config write");
	check_eq("ATQLEN cleared", rd(a, MDEV_SIM_AVF_ATQLEN), 0);
	check(aq_init(a) && vf_init(a, IAVF_CAPS),
	      "admin queue and init after the device reset");
	check_eq("queues stopped and forgotten",
		 (uint32_t)vc_queues(a, true, 1, 0),
		 (uint32_t)MDEV_SIM_AVF_VC_ERR_PARAM);
	check(vc_get_stats(a, &st) == 0 && st.tx_unicast == 0,
	      "stats cleared by the device reset");
}

static void
test_wb_on_itr(struct dev *a)
{
	check_eq("wb_on_itr=0", model_sysfs_write(a->uuid, "wb_on_itr", "0"), 0);
	dev_fd_close(a);
	dev_fd_open(a);
	check(aq_init(a) && vf_init(a, IAVF_CAPS), "init after reopen");
	check_eq("WB_ON_ITR withheld: caps L2 only", a->caps,
		 MDEV_SIM_AVF_VC_CAP_L2);
	check_eq("wb_on_itr=1", model_sysfs_write(a->uuid, "wb_on_itr", "1"), 0);
}

int
main(int argc, char **argv)
{
	struct dev a, b;

	if (argc != 3) {
		fprintf(stderr, "usage: %s UUID_A UUID_B\n", argv[0]);
		return 2;
	}
	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		model_die("/dev/vfio/vfio");

	dev_open(&a, argv[1]);
	check(wait_threads(1, TIMEOUT_MS), "one model thread with A open");
	dev_open(&b, argv[2]);
	check(wait_threads(2, TIMEOUT_MS), "two model threads with both open");

	test_identity(&a);
	test_adminq(&a, argv[1]);
	test_icr_irq(&a);
	test_aq_reinit(&a);
	test_datapath(&a, &b);
	test_link(&a, &b);
	test_bad_values(&a);
	test_reset_vf(&a);
	test_device_reset(&a);
	test_wb_on_itr(&a);

	/* A measurement for the datasheet, not a check. */
	{
		long hz = sysconf(_SC_CLK_TCK);
		uint64_t t0, t1;

		model_threads(&t0);
		sleep(1);
		model_threads(&t1);
		note("two open devices, admin queues up, idle: model threads used %.0f ms of CPU in 1 s",
		     (double)(t1 - t0) * 1000 / (hz > 0 ? hz : 100));
	}

	dev_fd_close(&b);
	check(wait_threads(1, TIMEOUT_MS), "closing B stops its thread");
	dev_fd_close(&a);
	check(wait_threads(0, TIMEOUT_MS), "closing A stops its thread");
	check_eq("unwire", model_sysfs_write(a.uuid, "peer", "\n"), 0);

	printf("%u passed, %u failed\n", check_passed(), check_failed());
	return check_failed() ? 1 : 0;
}
