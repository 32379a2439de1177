/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Drives two mdev_sim-net devices with bare VFIO ioctls, no DPDK, to check
 * the device model against its datasheet: rings, frames of every size,
 * filters, counters, interrupts, wiring, bad input of every kind, and two
 * senders at once. Runs in the test guest as root:
 *
 *   test_guest_net_model UUID_A UUID_B
 *   test_guest_net_model --bench UUID [frame_len [burst [rounds]]]
 *
 * The first form prints "ok - ..." / "FAIL - ..." lines and "N passed,
 * M failed" last; the second prints the model's self-benchmark.
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
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

#include "mdev_sim_net_hw.h"
#include "test_check.h"
#include "test_model_vfio.h"

#define DMA_IOVA	0x40000000ULL
#define DMA_SIZE	(16u << 20)
#define RING		64
#define BUF_LEN		2048
#define NB_VEC		MDEV_SIM_NET_MSIX_VECTORS

struct ring {
	struct mdev_sim_net_desc *d;
	uint64_t iova;
	uint32_t size;
	uint32_t prod;		/* driver's next descriptor to post */
	uint32_t cons;		/* driver's next descriptor to complete */
	uint8_t *buf[MDEV_SIM_NET_RING_MAX];	/* RX: buffer of each slot */
};

struct dev {
	const char *uuid;
	int group;
	int fd;
	uint64_t bar0;
	uint64_t cfg;
	volatile uint8_t *st;
	int efd[NB_VEC];
	struct ring rx[MDEV_SIM_NET_MAX_QUEUES];
	struct ring tx[MDEV_SIM_NET_MAX_QUEUES];
	uint8_t mac[6];
};

static int container = -1;
static struct model_dma dma;

/* ---- DMA memory: one mapping, handed out by a bump allocator ---- */

static void *
dma_alloc(size_t len, uint64_t *iova)
{
	return model_dma_alloc(&dma, len, 64, iova);
}

/* ---- device access ---- */

static uint32_t
rd(struct dev *d, uint32_t reg)
{
	uint32_t v = 0;

	if (pread(d->fd, &v, 4, d->bar0 + reg) != 4)
		model_die("BAR0 read");
	return v;
}

static int
wr(struct dev *d, uint32_t reg, uint32_t v)
{
	return pwrite(d->fd, &v, 4, d->bar0 + reg) == 4 ? 0 : -errno;
}

static uint32_t
qrd(struct dev *d, unsigned int q, uint32_t reg)
{
	return rd(d, MDEV_SIM_NET_QREG(q, reg));
}

static void
qwr(struct dev *d, unsigned int q, uint32_t reg, uint32_t v)
{
	wr(d, MDEV_SIM_NET_QREG(q, reg), v);
}

static uint32_t
st32(struct dev *d, uint32_t off)
{
	return __atomic_load_n((volatile uint32_t *)(d->st + off),
			       __ATOMIC_ACQUIRE);
}

static uint64_t
st64(struct dev *d, uint32_t off)
{
	return __atomic_load_n((volatile uint64_t *)(d->st + off),
			       __ATOMIC_RELAXED);
}

static uint64_t
qst64(struct dev *d, unsigned int q, uint32_t off)
{
	return st64(d, MDEV_SIM_NET_ST_Q(q, off));
}

static void
set_rx_tail(struct dev *d, unsigned int q, uint32_t tail)
{
	__atomic_store_n((volatile uint32_t *)(d->st +
		MDEV_SIM_NET_ST_Q(q, MDEV_SIM_NET_ST_RX_TAIL)), tail,
		__ATOMIC_RELEASE);
}

static void
sysfs_read(const char *uuid, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	buf[0] = '\0';
	snprintf(path, sizeof(path), MODEL_SYSFS_MDEV "/%s/%s", uuid, attr);
	f = fopen(path, "r");
	if (f == NULL)
		return;
	if (fgets(buf, len, f) != NULL)
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

static void
dev_open_group(struct dev *d)
{
	d->group = model_group_open(d->uuid, container);
}

static void
dev_map_status(struct dev *d)
{
	struct vfio_region_info info = {
		.argsz = sizeof(info),
		.index = VFIO_PCI_BAR0_REGION_INDEX,
	};
	void *p;

	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, &info) < 0)
		model_die("GET_REGION_INFO BAR0");
	d->bar0 = info.offset;
	check(info.size == MDEV_SIM_NET_BAR0_SIZE &&
	      (info.flags & VFIO_REGION_INFO_FLAG_MMAP),
	      "%s: BAR0 is %#x bytes and mmapable", d->uuid,
	      MDEV_SIM_NET_BAR0_SIZE);
	p = mmap(NULL, MDEV_SIM_NET_STATUS_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED, d->fd, d->bar0 + MDEV_SIM_NET_STATUS_OFFSET);
	if (p == MAP_FAILED)
		model_die("mmap status page");
	d->st = p;
	p = mmap(NULL, 0x1000, PROT_READ, MAP_SHARED, d->fd, d->bar0);
	check(p == MAP_FAILED, "%s: the register page cannot be mapped",
	      d->uuid);

	info.index = VFIO_PCI_CONFIG_REGION_INDEX;
	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, &info) < 0)
		model_die("GET_REGION_INFO config");
	d->cfg = info.offset;
}

static void
dev_irqs(struct dev *d)
{
	model_msix_eventfds(d->fd, d->efd, NB_VEC);
}

static void
dev_open(struct dev *d, const char *uuid)
{
	uint16_t cmd;

	memset(d, 0, sizeof(*d));
	d->uuid = uuid;
	dev_open_group(d);
	if (container >= 0 &&
	    ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) == 1 &&
	    dma.va == NULL) {
		if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU) < 0)
			model_die("VFIO_SET_IOMMU");
		model_dma_map(&dma, container, DMA_IOVA, DMA_SIZE);
	}
	d->fd = ioctl(d->group, VFIO_GROUP_GET_DEVICE_FD, uuid);
	if (d->fd < 0)
		model_die("VFIO_GROUP_GET_DEVICE_FD");
	dev_map_status(d);

	if (pread(d->fd, &cmd, 2, d->cfg + PCI_COMMAND) != 2)
		model_die("config read");
	cmd |= PCI_COMMAND_MASTER;
	if (pwrite(d->fd, &cmd, 2, d->cfg + PCI_COMMAND) != 2)
		model_die("config write");
	dev_irqs(d);
}

static bool
irq_fired(struct dev *d, unsigned int vec, int timeout_ms)
{
	return model_irq_fired(d->efd[vec], timeout_ms);
}

static void
irq_drain(struct dev *d)
{
	unsigned int v;

	for (v = 0; v < NB_VEC; v++)
		irq_fired(d, v, 0);
}

/* ---- rings ---- */

static void
ring_alloc(struct ring *r, uint32_t size)
{
	memset(r, 0, sizeof(*r));
	r->size = size;
	r->d = dma_alloc(size * sizeof(*r->d), &r->iova);
	memset(r->d, 0, size * sizeof(*r->d));
}

static uint64_t
va_iova(const void *va)
{
	return DMA_IOVA + ((const uint8_t *)va - dma.va);
}

static void
rx_post(struct dev *d, unsigned int q, unsigned int n)
{
	struct ring *r = &d->rx[q];
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct mdev_sim_net_desc *desc = &r->d[r->prod & (r->size - 1)];
		uint8_t **buf = &r->buf[r->prod & (r->size - 1)];
		uint64_t iova;

		if (*buf == NULL)
			*buf = dma_alloc(BUF_LEN, &iova);
		desc->addr = va_iova(*buf);
		desc->buf_len = BUF_LEN;
		desc->len = 0;
		desc->flags = 0;
		r->prod++;
	}
	set_rx_tail(d, q, r->prod);
}

static int
queue_setup(struct dev *d, unsigned int q, uint32_t size)
{
	ring_alloc(&d->rx[q], size);
	ring_alloc(&d->tx[q], size);
	qwr(d, q, MDEV_SIM_NET_RXQ_BASE_LO, (uint32_t)d->rx[q].iova);
	qwr(d, q, MDEV_SIM_NET_RXQ_BASE_HI, d->rx[q].iova >> 32);
	qwr(d, q, MDEV_SIM_NET_RXQ_SIZE, size);
	qwr(d, q, MDEV_SIM_NET_RXQ_CTRL, MDEV_SIM_NET_QCTRL_ENABLE);
	qwr(d, q, MDEV_SIM_NET_TXQ_BASE_LO, (uint32_t)d->tx[q].iova);
	qwr(d, q, MDEV_SIM_NET_TXQ_BASE_HI, d->tx[q].iova >> 32);
	qwr(d, q, MDEV_SIM_NET_TXQ_SIZE, size);
	qwr(d, q, MDEV_SIM_NET_TXQ_CTRL, MDEV_SIM_NET_QCTRL_ENABLE);
	if (!(qrd(d, q, MDEV_SIM_NET_RXQ_CTRL) & MDEV_SIM_NET_QCTRL_ENABLE) ||
	    !(qrd(d, q, MDEV_SIM_NET_TXQ_CTRL) & MDEV_SIM_NET_QCTRL_ENABLE))
		return -1;
	rx_post(d, q, size - 1);
	return 0;
}

/* Frame with destination @dst, source @src and a recognisable payload. */
static uint8_t *
frame_make(const uint8_t *dst, const uint8_t *src, uint32_t len, uint8_t seed)
{
	uint64_t iova;
	uint8_t *f = dma_alloc(len, &iova);
	uint32_t i;

	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = 0x88;
	f[13] = 0xb5;	/* local experimental ethertype */
	for (i = 14; i < len; i++)
		f[i] = (uint8_t)(seed + i * 7);
	return f;
}

/* Posts one TX descriptor per segment, EOP on the last unless @no_eop. */
static void
tx_post(struct dev *d, unsigned int q, const uint8_t *frame, uint32_t len,
	uint32_t seg, bool no_eop)
{
	struct ring *r = &d->tx[q];
	uint32_t off;

	for (off = 0; off < len; off += seg) {
		struct mdev_sim_net_desc *desc = &r->d[r->prod & (r->size - 1)];
		uint32_t chunk = len - off < seg ? len - off : seg;

		desc->addr = va_iova(frame + off);
		desc->len = chunk;
		desc->flags = off + chunk == len && !no_eop ?
			      MDEV_SIM_NET_DESC_EOP : 0;
		r->prod++;
	}
}

static void
tx_raw(struct dev *d, unsigned int q, uint64_t addr, uint16_t len,
       uint16_t flags)
{
	struct ring *r = &d->tx[q];
	struct mdev_sim_net_desc *desc = &r->d[r->prod & (r->size - 1)];

	desc->addr = addr;
	desc->len = len;
	desc->flags = flags;
	r->prod++;
}

static void
tx_kick(struct dev *d, unsigned int q)
{
	qwr(d, q, MDEV_SIM_NET_TXQ_TAIL, d->tx[q].prod);
}

/*
 * Takes the next received frame off RX queue q into @out, reposting its
 * buffers. Returns its length, -1 when none is pending, -2 for an errored
 * frame.
 */
static int
rx_take(struct dev *d, unsigned int q, uint8_t *out, size_t max)
{
	struct ring *r = &d->rx[q];
	uint32_t prod = st32(d, MDEV_SIM_NET_ST_Q(q, MDEV_SIM_NET_ST_RX_PROD));
	size_t len = 0;
	bool err = false;
	unsigned int nb = 0;

	if (r->cons == prod)
		return -1;
	for (;;) {
		uint32_t slot = r->cons & (r->size - 1);
		struct mdev_sim_net_desc *desc = &r->d[slot];

		if (r->cons == prod)
			return -3;	/* frame without EOP: device bug */
		if (len + desc->len <= max)
			memcpy(out + len, r->buf[slot], desc->len);
		len += desc->len;
		err |= desc->flags & MDEV_SIM_NET_DESC_ERR;
		r->cons++;
		nb++;
		if (desc->flags & MDEV_SIM_NET_DESC_EOP)
			break;
	}
	rx_post(d, q, nb);
	return err ? -2 : (int)len;
}

static void
mac_read(struct dev *d)
{
	uint32_t lo = rd(d, MDEV_SIM_NET_REG_MAC_LO);
	uint32_t hi = rd(d, MDEV_SIM_NET_REG_MAC_HI);

	d->mac[0] = lo;
	d->mac[1] = lo >> 8;
	d->mac[2] = lo >> 16;
	d->mac[3] = lo >> 24;
	d->mac[4] = hi;
	d->mac[5] = hi >> 8;
}

static uint32_t
tx_cons(struct dev *d, unsigned int q)
{
	return st32(d, MDEV_SIM_NET_ST_Q(q, MDEV_SIM_NET_ST_TX_CONS));
}

static uint32_t
err_reg(uint32_t reg, int err)
{
	return reg << 16 | (uint32_t)err;
}

/* ---- tests ---- */

static void
test_identity(struct dev *a)
{
	uint16_t ids[2];
	uint32_t perm_lo, perm_hi;

	if (pread(a->fd, ids, 4, a->cfg) != 4)
		model_die("config read");
	check(ids[0] == MDEV_SIM_PCI_VENDOR_ID &&
	      ids[1] == MDEV_SIM_NET_DEVICE_ID, "PCI IDs %04x:%04x", ids[0],
	      ids[1]);
	check(rd(a, MDEV_SIM_NET_REG_ID) == MDEV_SIM_NET_ID_MAGIC, "ID magic");
	check(rd(a, MDEV_SIM_NET_REG_VERSION) == MDEV_SIM_NET_VERSION,
	      "version");
	check(rd(a, MDEV_SIM_NET_REG_MAX_QUEUES) == MDEV_SIM_NET_MAX_QUEUES,
	      "4 queue pairs");
	check(rd(a, MDEV_SIM_NET_REG_MAX_FRAME) == MDEV_SIM_NET_FRAME_MAX,
	      "max frame %u", MDEV_SIM_NET_FRAME_MAX);
	check(rd(a, MDEV_SIM_NET_REG_MTU) == MDEV_SIM_NET_MTU_DEFAULT,
	      "MTU 1500 after open");
	perm_lo = rd(a, MDEV_SIM_NET_REG_PERM_MAC_LO);
	perm_hi = rd(a, MDEV_SIM_NET_REG_PERM_MAC_HI);
	check(perm_lo == rd(a, MDEV_SIM_NET_REG_MAC_LO) &&
	      perm_hi == rd(a, MDEV_SIM_NET_REG_MAC_HI) &&
	      (perm_lo & 0xff) == 0x02, "MAC is the permanent, local unicast");
	check(rd(a, MDEV_SIM_NET_REG_STATUS) & MDEV_SIM_NET_STATUS_LINK_UP,
	      "link up when unwired");
	check(st32(a, MDEV_SIM_NET_ST_LINK) == MDEV_SIM_NET_STATUS_LINK_UP,
	      "status page shows link up");
	check(wr(a, MDEV_SIM_NET_REG_ID + 1, 0) < 0,
	      "unaligned register write fails");
}

static void
test_queue_config(struct dev *a)
{
	uint64_t iova;
	void *ring = dma_alloc(4096, &iova);

	(void)ring;
	qwr(a, 3, MDEV_SIM_NET_RXQ_BASE_LO, (uint32_t)iova);
	qwr(a, 3, MDEV_SIM_NET_RXQ_BASE_HI, 0);
	qwr(a, 3, MDEV_SIM_NET_RXQ_SIZE, 33);
	qwr(a, 3, MDEV_SIM_NET_RXQ_CTRL, MDEV_SIM_NET_QCTRL_ENABLE);
	check(!(qrd(a, 3, MDEV_SIM_NET_RXQ_CTRL) & MDEV_SIM_NET_QCTRL_ENABLE) &&
	      rd(a, MDEV_SIM_NET_REG_ERROR) ==
	      err_reg(MDEV_SIM_NET_QREG(3, MDEV_SIM_NET_RXQ_CTRL), EINVAL),
	      "ring of 33 descriptors refused");
	qwr(a, 3, MDEV_SIM_NET_RXQ_SIZE, 8192);
	qwr(a, 3, MDEV_SIM_NET_RXQ_CTRL, MDEV_SIM_NET_QCTRL_ENABLE);
	check(!(qrd(a, 3, MDEV_SIM_NET_RXQ_CTRL) & MDEV_SIM_NET_QCTRL_ENABLE),
	      "ring of 8192 descriptors refused");
	qwr(a, 3, MDEV_SIM_NET_TXQ_BASE_LO, (uint32_t)iova + 4);
	qwr(a, 3, MDEV_SIM_NET_TXQ_SIZE, 64);
	qwr(a, 3, MDEV_SIM_NET_TXQ_CTRL, MDEV_SIM_NET_QCTRL_ENABLE);
	check(!(qrd(a, 3, MDEV_SIM_NET_TXQ_CTRL) & MDEV_SIM_NET_QCTRL_ENABLE),
	      "misaligned ring refused");
	qwr(a, 3, MDEV_SIM_NET_TXQ_BASE_LO, 0xffffff00);
	qwr(a, 3, MDEV_SIM_NET_TXQ_BASE_HI, 0xffffffff);
	qwr(a, 3, MDEV_SIM_NET_TXQ_CTRL, MDEV_SIM_NET_QCTRL_ENABLE);
	check(!(qrd(a, 3, MDEV_SIM_NET_TXQ_CTRL) & MDEV_SIM_NET_QCTRL_ENABLE),
	      "ring wrapping past 2^64 refused");
	qwr(a, 3, MDEV_SIM_NET_TXQ_TAIL, 1);
	check(rd(a, MDEV_SIM_NET_REG_ERROR) ==
	      err_reg(MDEV_SIM_NET_QREG(3, MDEV_SIM_NET_TXQ_TAIL), EINVAL),
	      "doorbell of a disabled queue refused");
	check(wr(a, MDEV_SIM_NET_REG_MTU, 9001) == 0 &&
	      rd(a, MDEV_SIM_NET_REG_MTU) == 1500, "MTU 9001 refused");
	check(wr(a, MDEV_SIM_NET_REG_MTU, 67) == 0 &&
	      rd(a, MDEV_SIM_NET_REG_MTU) == 1500, "MTU 67 refused");

	check(queue_setup(a, 0, RING) == 0, "queue 0 enabled with %u descriptors",
	      RING);
	qwr(a, 0, MDEV_SIM_NET_RXQ_SIZE, 128);
	check(qrd(a, 0, MDEV_SIM_NET_RXQ_SIZE) == RING &&
	      rd(a, MDEV_SIM_NET_REG_ERROR) ==
	      err_reg(MDEV_SIM_NET_QREG(0, MDEV_SIM_NET_RXQ_SIZE), EBUSY),
	      "resizing an enabled ring refused");
}

static bool
same(const uint8_t *a, const uint8_t *b, size_t len)
{
	return memcmp(a, b, len) == 0;
}

static void
test_loopback(struct dev *a)
{
	static uint8_t got[MDEV_SIM_NET_FRAME_MAX + 64];
	uint8_t *f;
	int len;

	f = frame_make(a->mac, a->mac, 64, 1);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(tx_cons(a, 0) == a->tx[0].prod, "TX_CONS follows the doorbell");
	len = rx_take(a, 0, got, sizeof(got));
	check(len == 64 && same(got, f, 64), "64-byte frame looped back intact");
	check(qst64(a, 0, MDEV_SIM_NET_ST_TX_PACKETS) == 1 &&
	      qst64(a, 0, MDEV_SIM_NET_ST_TX_BYTES) == 64 &&
	      qst64(a, 0, MDEV_SIM_NET_ST_RX_PACKETS) == 1 &&
	      qst64(a, 0, MDEV_SIM_NET_ST_RX_BYTES) == 64, "counters count it");

	/* 1514 bytes in 3 TX descriptors into one 2048-byte buffer */
	f = frame_make(a->mac, a->mac, 1514, 2);
	tx_post(a, 0, f, 1514, 600, false);
	tx_kick(a, 0);
	len = rx_take(a, 0, got, sizeof(got));
	check(len == 1514 && same(got, f, 1514),
	      "1514-byte frame gathered from 3 descriptors");

	/* 9018 bytes: refused at MTU 1500, fine at MTU 9000 */
	f = frame_make(a->mac, a->mac, MDEV_SIM_NET_FRAME_MAX, 3);
	tx_post(a, 0, f, MDEV_SIM_NET_FRAME_MAX, 4000, false);
	tx_kick(a, 0);
	check(qst64(a, 0, MDEV_SIM_NET_ST_TX_ERRORS) == 1 &&
	      rx_take(a, 0, got, sizeof(got)) == -1 &&
	      tx_cons(a, 0) == a->tx[0].prod,
	      "jumbo frame above the MTU is a TX error, descriptors returned");
	wr(a, MDEV_SIM_NET_REG_MTU, 9000);
	check(rd(a, MDEV_SIM_NET_REG_MTU) == 9000, "MTU 9000 accepted");
	tx_post(a, 0, f, MDEV_SIM_NET_FRAME_MAX, 4000, false);
	tx_kick(a, 0);
	len = rx_take(a, 0, got, sizeof(got));
	check(len == MDEV_SIM_NET_FRAME_MAX &&
	      same(got, f, MDEV_SIM_NET_FRAME_MAX),
	      "9018-byte frame: 3 TX descriptors, 5 RX buffers, intact");

	/* A frame whose EOP is not posted yet waits for it. */
	f = frame_make(a->mac, a->mac, 200, 4);
	tx_post(a, 0, f, 100, 100, true);
	tx_kick(a, 0);
	check(tx_cons(a, 0) == a->tx[0].prod - 1 &&
	      rx_take(a, 0, got, sizeof(got)) == -1,
	      "frame without EOP stays on the ring");
	tx_raw(a, 0, va_iova(f + 100), 100, MDEV_SIM_NET_DESC_EOP);
	tx_kick(a, 0);
	len = rx_take(a, 0, got, sizeof(got));
	check(len == 200 && same(got, f, 200) && tx_cons(a, 0) == a->tx[0].prod,
	      "frame completed by a later doorbell");
}

static void
test_filter(struct dev *a)
{
	static const uint8_t other[6] = { 0x02, 9, 9, 9, 9, 9 };
	static const uint8_t mcast[6] = { 0x01, 0, 0x5e, 0, 0, 1 };
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t got[128];
	uint8_t *f;

	f = frame_make(other, a->mac, 64, 5);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == -1 &&
	      st64(a, MDEV_SIM_NET_ST_RX_FILTERED) == 1,
	      "frame for another MAC filtered");
	wr(a, MDEV_SIM_NET_REG_CTRL, MDEV_SIM_NET_CTRL_PROMISC);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == 64,
	      "promiscuous mode accepts it");
	wr(a, MDEV_SIM_NET_REG_CTRL, 0);

	f = frame_make(mcast, a->mac, 64, 6);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == -1, "multicast filtered");
	wr(a, MDEV_SIM_NET_REG_CTRL, MDEV_SIM_NET_CTRL_ALLMULTI);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == 64,
	      "allmulticast accepts multicast");
	wr(a, MDEV_SIM_NET_REG_CTRL, 0);

	f = frame_make(bcast, a->mac, 64, 7);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == 64, "broadcast accepted");

	wr(a, MDEV_SIM_NET_REG_MAC_LO, 0x0a0b0c02);
	wr(a, MDEV_SIM_NET_REG_MAC_HI, 0x0e0d);
	f = frame_make(a->mac, a->mac, 64, 8);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == -1,
	      "old MAC filtered after a MAC change");
	mac_read(a);
	f = frame_make(a->mac, a->mac, 64, 9);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(a->mac[5] == 0x0e && rx_take(a, 0, got, sizeof(got)) == 64,
	      "new MAC accepted");
}

static void
test_bad_tx(struct dev *a)
{
	uint64_t errs = qst64(a, 0, MDEV_SIM_NET_ST_TX_ERRORS);
	uint8_t got[128];
	uint8_t *f = frame_make(a->mac, a->mac, 64, 10);
	uint32_t prod;

	tx_raw(a, 0, va_iova(f), 0, MDEV_SIM_NET_DESC_EOP);
	tx_raw(a, 0, 0x1000, 64, MDEV_SIM_NET_DESC_EOP);	/* unmapped */
	tx_raw(a, 0, va_iova(f), 13, MDEV_SIM_NET_DESC_EOP);	/* runt */
	tx_raw(a, 0, ~0ULL - 8, 64, MDEV_SIM_NET_DESC_EOP);	/* wraps */
	tx_raw(a, 0, va_iova(f), 64, MDEV_SIM_NET_DESC_EOP);	/* good */
	tx_kick(a, 0);
	check(qst64(a, 0, MDEV_SIM_NET_ST_TX_ERRORS) == errs + 4 &&
	      tx_cons(a, 0) == a->tx[0].prod,
	      "zero-length, unmapped, runt, wrapping: 4 TX errors, all returned");
	check(rx_take(a, 0, got, sizeof(got)) == 64 &&
	      rx_take(a, 0, got, sizeof(got)) == -1,
	      "only the good frame arrives");

	prod = a->tx[0].prod;
	qwr(a, 0, MDEV_SIM_NET_TXQ_TAIL, prod + RING + 1);
	check(rd(a, MDEV_SIM_NET_REG_ERROR) ==
	      err_reg(MDEV_SIM_NET_QREG(0, MDEV_SIM_NET_TXQ_TAIL), EINVAL) &&
	      tx_cons(a, 0) == prod, "doorbell beyond the ring refused");
	qwr(a, 0, MDEV_SIM_NET_TXQ_TAIL, prod - 1);
	check(tx_cons(a, 0) == prod, "doorbell behind the head refused");
}

static void
test_bad_rx(struct dev *a)
{
	struct ring *r = &a->rx[0];
	uint64_t missed = qst64(a, 0, MDEV_SIM_NET_ST_RX_MISSED);
	uint64_t errs = qst64(a, 0, MDEV_SIM_NET_ST_RX_ERRORS);
	uint8_t *f = frame_make(a->mac, a->mac, 64, 11);
	uint8_t got[128];
	uint32_t slot;

	/* No buffer posted: the frame is missed. */
	set_rx_tail(a, 0, r->cons);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(qst64(a, 0, MDEV_SIM_NET_ST_RX_MISSED) == missed + 1 &&
	      rx_take(a, 0, got, sizeof(got)) == -1, "no RX buffer: missed");

	/* A tail beyond the ring is an error and posts nothing. */
	set_rx_tail(a, 0, r->cons + 10 * RING);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(qst64(a, 0, MDEV_SIM_NET_ST_RX_ERRORS) == errs + 1 &&
	      rx_take(a, 0, got, sizeof(got)) == -1,
	      "RX_TAIL beyond the ring: error, nothing written");
	set_rx_tail(a, 0, r->prod);

	/* An unwritable buffer ends the frame with ERR and comes back. */
	slot = r->cons & (r->size - 1);
	r->d[slot].addr = 0x2000;
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == -2 &&
	      qst64(a, 0, MDEV_SIM_NET_ST_RX_ERRORS) == errs + 2,
	      "unmapped RX buffer: descriptor returned with ERR");
	slot = r->cons & (r->size - 1);
	r->d[slot].buf_len = 0;
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == -2,
	      "zero-sized RX buffer: descriptor returned with ERR");
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == 64, "ring keeps moving");
}

static void
test_rx_irq(struct dev *a)
{
	uint8_t *f = frame_make(a->mac, a->mac, 64, 12);
	uint8_t got[128];

	irq_drain(a);
	qwr(a, 0, MDEV_SIM_NET_RXQ_IRQ_ARM, a->rx[0].cons);
	check(!irq_fired(a, MDEV_SIM_NET_VEC_RXQ(0), 100),
	      "armed RX queue quiet while idle");
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(irq_fired(a, MDEV_SIM_NET_VEC_RXQ(0), 2000),
	      "frame raises the RX queue's vector");
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(!irq_fired(a, MDEV_SIM_NET_VEC_RXQ(0), 100),
	      "one-shot: no second interrupt until re-armed");
	qwr(a, 0, MDEV_SIM_NET_RXQ_IRQ_ARM, a->rx[0].cons);
	check(irq_fired(a, MDEV_SIM_NET_VEC_RXQ(0), 2000),
	      "arming behind the producer fires at once");
	rx_take(a, 0, got, sizeof(got));
	rx_take(a, 0, got, sizeof(got));
	qwr(a, 0, MDEV_SIM_NET_RXQ_IRQ_ARM, a->rx[0].cons);
	qwr(a, 0, MDEV_SIM_NET_RXQ_IRQ_DISARM, 0);
	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(!irq_fired(a, MDEV_SIM_NET_VEC_RXQ(0), 100), "disarm works");
	rx_take(a, 0, got, sizeof(got));
}

static void
test_wiring(struct dev *a, struct dev *b)
{
	char buf[64];
	uint8_t got[128];
	uint8_t *f;

	check(model_sysfs_write(a->uuid, "peer", "not-a-uuid") == -EINVAL,
	      "peer: garbage refused");
	check(model_sysfs_write(a->uuid, "peer",
			  "00000000-0000-0000-0000-000000000000") == -ENODEV,
	      "peer: unknown UUID refused");
	check(model_sysfs_write(a->uuid, "peer", a->uuid) == -EINVAL,
	      "peer: own UUID refused");
	check(model_sysfs_write(a->uuid, "link", "sideways") == -EINVAL,
	      "link: garbage refused");

	check(queue_setup(b, 0, RING) == 0, "B queue 0 enabled");
	mac_read(b);
	irq_drain(a);
	irq_drain(b);
	check(model_sysfs_write(a->uuid, "peer", b->uuid) == 0, "wire A to B");
	sysfs_read(b->uuid, "peer", buf, sizeof(buf));
	check(strcmp(buf, a->uuid) == 0, "B's peer reads A");

	f = frame_make(b->mac, a->mac, 100, 13);
	tx_post(a, 0, f, 100, 100, false);
	tx_kick(a, 0);
	check(rx_take(b, 0, got, sizeof(got)) == 100 && same(got, f, 100) &&
	      rx_take(a, 0, got, sizeof(got)) == -1, "A's frame arrives at B");
	f = frame_make(a->mac, b->mac, 80, 14);
	tx_post(b, 0, f, 80, 80, false);
	tx_kick(b, 0);
	check(rx_take(a, 0, got, sizeof(got)) == 80 && same(got, f, 80),
	      "B's frame arrives at A");

	check(model_sysfs_write(b->uuid, "link", "down") == 0, "link down on B");
	check(st32(a, MDEV_SIM_NET_ST_LINK) == 0 &&
	      st32(b, MDEV_SIM_NET_ST_LINK) == 0 &&
	      !(rd(a, MDEV_SIM_NET_REG_STATUS) & MDEV_SIM_NET_STATUS_LINK_UP),
	      "both ends of the cable go down");
	check(irq_fired(a, MDEV_SIM_NET_VEC_LSC, 1000) &&
	      irq_fired(b, MDEV_SIM_NET_VEC_LSC, 1000), "LSC on both ends");
	tx_post(a, 0, f, 80, 80, false);
	tx_kick(a, 0);
	check(qst64(a, 0, MDEV_SIM_NET_ST_TX_DROPPED) == 1 &&
	      rx_take(b, 0, got, sizeof(got)) == -1, "link down: TX dropped");
	check(model_sysfs_write(b->uuid, "link", "up") == 0 &&
	      st32(a, MDEV_SIM_NET_ST_LINK) == MDEV_SIM_NET_STATUS_LINK_UP &&
	      irq_fired(a, MDEV_SIM_NET_VEC_LSC, 1000) &&
	      st32(a, MDEV_SIM_NET_ST_LSC_COUNT) == 2,
	      "link up again: LSC, two changes counted");
	sysfs_read(b->uuid, "link", buf, sizeof(buf));
	check(strcmp(buf, "up") == 0, "link reads up");
}

static void
test_multiqueue(struct dev *a, struct dev *b)
{
	uint8_t got[128];
	uint8_t *f = frame_make(b->mac, a->mac, 70, 15);

	check(queue_setup(a, 1, 32) == 0, "A queue 1 enabled");
	tx_post(a, 1, f, 70, 70, false);
	tx_kick(a, 1);
	check(rx_take(b, 0, got, sizeof(got)) == 70,
	      "TX queue 1 lands on RX queue 0 while the peer's 1 is off");
	check(queue_setup(b, 1, 32) == 0, "B queue 1 enabled");
	tx_post(a, 1, f, 70, 70, false);
	tx_kick(a, 1);
	check(rx_take(b, 1, got, sizeof(got)) == 70 &&
	      rx_take(b, 0, got, sizeof(got)) == -1,
	      "TX queue 1 lands on RX queue 1");
	check(qst64(a, 1, MDEV_SIM_NET_ST_TX_PACKETS) == 2 &&
	      qst64(b, 1, MDEV_SIM_NET_ST_RX_PACKETS) == 1,
	      "per-queue counters");
}

struct sender {
	struct dev *d;
	const uint8_t *f;
	pthread_barrier_t *start;
	unsigned long frames;
	unsigned long received;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/*
 * Bursts of 16 frames for a second, both threads at once, so that the two
 * devices' doorbells really overlap; each thread drains its own ring.
 */
static void *
sender_main(void *arg)
{
	struct sender *s = arg;
	uint8_t got[128];
	double end;
	int j;

	pthread_barrier_wait(s->start);
	end = now() + 1.0;
	while (now() < end) {
		for (j = 0; j < 16; j++)
			tx_post(s->d, 0, s->f, 60, 60, false);
		tx_kick(s->d, 0);
		s->frames += 16;
		while (rx_take(s->d, 0, got, sizeof(got)) > 0)
			s->received++;
	}
	return NULL;
}

static void
test_concurrent(struct dev *a, struct dev *b)
{
	pthread_barrier_t start;
	struct sender sa = { .d = a, .f = frame_make(b->mac, a->mac, 60, 16),
			     .start = &start };
	struct sender sb = { .d = b, .f = frame_make(a->mac, b->mac, 60, 17),
			     .start = &start };
	uint64_t a_tx = qst64(a, 0, MDEV_SIM_NET_ST_TX_PACKETS);
	uint64_t a_rx = qst64(a, 0, MDEV_SIM_NET_ST_RX_PACKETS);
	uint64_t a_missed = qst64(a, 0, MDEV_SIM_NET_ST_RX_MISSED);
	uint64_t b_rx = qst64(b, 0, MDEV_SIM_NET_ST_RX_PACKETS);
	uint64_t b_missed = qst64(b, 0, MDEV_SIM_NET_ST_RX_MISSED);
	uint8_t got[128];
	pthread_t ta, tb;

	pthread_barrier_init(&start, NULL, 2);
	pthread_create(&ta, NULL, sender_main, &sa);
	pthread_create(&tb, NULL, sender_main, &sb);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	pthread_barrier_destroy(&start);
	while (rx_take(a, 0, got, sizeof(got)) > 0)
		sa.received++;
	while (rx_take(b, 0, got, sizeof(got)) > 0)
		sb.received++;
	check(sa.frames > 0 && sb.frames > 0 &&
	      qst64(a, 0, MDEV_SIM_NET_ST_TX_PACKETS) - a_tx == sa.frames,
	      "two senders at once for 1 s, no deadlock: A sent %lu, B sent %lu",
	      sa.frames, sb.frames);
	check(qst64(b, 0, MDEV_SIM_NET_ST_RX_PACKETS) - b_rx +
	      qst64(b, 0, MDEV_SIM_NET_ST_RX_MISSED) - b_missed == sa.frames &&
	      qst64(b, 0, MDEV_SIM_NET_ST_RX_PACKETS) - b_rx == sb.received,
	      "B received %lu of A's frames, missed the rest", sb.received);
	check(qst64(a, 0, MDEV_SIM_NET_ST_RX_PACKETS) - a_rx +
	      qst64(a, 0, MDEV_SIM_NET_ST_RX_MISSED) - a_missed == sb.frames &&
	      qst64(a, 0, MDEV_SIM_NET_ST_RX_PACKETS) - a_rx == sa.received,
	      "A received %lu of B's frames, missed the rest", sa.received);
}

static void
test_reset(struct dev *a, struct dev *b)
{
	char buf[64];

	check(ioctl(a->fd, VFIO_DEVICE_RESET) == 0, "VFIO_DEVICE_RESET");
	check(!(qrd(a, 0, MDEV_SIM_NET_RXQ_CTRL) & MDEV_SIM_NET_QCTRL_ENABLE) &&
	      rd(a, MDEV_SIM_NET_REG_MTU) == 1500 &&
	      rd(a, MDEV_SIM_NET_REG_MAC_LO) ==
	      rd(a, MDEV_SIM_NET_REG_PERM_MAC_LO) &&
	      qst64(a, 0, MDEV_SIM_NET_ST_TX_PACKETS) == 0,
	      "reset: queues off, MTU, MAC and counters back");
	check(st32(a, MDEV_SIM_NET_ST_LINK) == MDEV_SIM_NET_STATUS_LINK_UP,
	      "reset: link still up");
	sysfs_read(a->uuid, "peer", buf, sizeof(buf));
	check(strcmp(buf, b->uuid) == 0, "reset keeps the wiring");
	check(model_sysfs_write(a->uuid, "peer", "\n") == 0, "unwire");
	sysfs_read(b->uuid, "peer", buf, sizeof(buf));
	check(buf[0] == '\0', "unwiring one end unwires both");
}

static void
test_bench(struct dev *a)
{
	wr(a, MDEV_SIM_NET_REG_BENCH_QUEUE, 0);
	wr(a, MDEV_SIM_NET_REG_BENCH_RUN, 10);
	check(rd(a, MDEV_SIM_NET_REG_ERROR) ==
	      err_reg(MDEV_SIM_NET_REG_BENCH_RUN, ENODATA),
	      "bench without a doorbell to replay refused");
	wr(a, MDEV_SIM_NET_REG_BENCH_QUEUE, MDEV_SIM_NET_MAX_QUEUES);
	wr(a, MDEV_SIM_NET_REG_BENCH_RUN, 10);
	check(rd(a, MDEV_SIM_NET_REG_ERROR) ==
	      err_reg(MDEV_SIM_NET_REG_BENCH_RUN, EINVAL),
	      "bench of a queue the device does not have refused");
	/* ENODATA in between, so that each EINVAL below is a new one. */
	wr(a, MDEV_SIM_NET_REG_BENCH_QUEUE, 0);
	wr(a, MDEV_SIM_NET_REG_BENCH_RUN, 10);
	wr(a, MDEV_SIM_NET_REG_BENCH_RUN, MDEV_SIM_NET_BENCH_MAX_ROUNDS + 1);
	check(rd(a, MDEV_SIM_NET_REG_ERROR) ==
	      err_reg(MDEV_SIM_NET_REG_BENCH_RUN, EINVAL) &&
	      rd(a, MDEV_SIM_NET_REG_BENCH_NS_LO) == 0,
	      "bench of more than %u rounds refused",
	      MDEV_SIM_NET_BENCH_MAX_ROUNDS);
	wr(a, MDEV_SIM_NET_REG_BENCH_RUN, 10);
	wr(a, MDEV_SIM_NET_REG_BENCH_RUN, 0);
	check(rd(a, MDEV_SIM_NET_REG_ERROR) ==
	      err_reg(MDEV_SIM_NET_REG_BENCH_RUN, EINVAL),
	      "bench of zero rounds refused");
}

/*
 * Rings the device cannot read: validated at enable for size and alignment
 * only, an IOVA nobody mapped must cost an error count, not the kernel.
 * Uses queue 3, off again afterwards.
 */
static void
test_bad_rings(struct dev *a)
{
	uint64_t tx_err = qst64(a, 3, MDEV_SIM_NET_ST_TX_ERRORS);
	uint64_t rx_err = qst64(a, 3, MDEV_SIM_NET_ST_RX_ERRORS);
	uint64_t rx_missed = qst64(a, 3, MDEV_SIM_NET_ST_RX_MISSED);
	uint8_t *f = frame_make(a->mac, a->mac, 64, 18);
	uint8_t got[128];

	qwr(a, 3, MDEV_SIM_NET_TXQ_BASE_LO, 0x1000);
	qwr(a, 3, MDEV_SIM_NET_TXQ_BASE_HI, 0);
	qwr(a, 3, MDEV_SIM_NET_TXQ_SIZE, 32);
	qwr(a, 3, MDEV_SIM_NET_TXQ_CTRL, MDEV_SIM_NET_QCTRL_ENABLE);
	check(qrd(a, 3, MDEV_SIM_NET_TXQ_CTRL) & MDEV_SIM_NET_QCTRL_ENABLE,
	      "TX ring at an unmapped IOVA can be enabled");
	qwr(a, 3, MDEV_SIM_NET_TXQ_TAIL, 4);
	check(qst64(a, 3, MDEV_SIM_NET_ST_TX_ERRORS) == tx_err + 1 &&
	      tx_cons(a, 3) == 0,
	      "its doorbell counts a TX error and consumes nothing");
	qwr(a, 3, MDEV_SIM_NET_TXQ_CTRL, 0);

	/* A readable TX ring feeding an RX ring nobody mapped. */
	ring_alloc(&a->tx[3], 32);
	qwr(a, 3, MDEV_SIM_NET_TXQ_BASE_LO, (uint32_t)a->tx[3].iova);
	qwr(a, 3, MDEV_SIM_NET_TXQ_BASE_HI, a->tx[3].iova >> 32);
	qwr(a, 3, MDEV_SIM_NET_TXQ_CTRL, MDEV_SIM_NET_QCTRL_ENABLE);
	qwr(a, 3, MDEV_SIM_NET_RXQ_BASE_LO, 0x1000);
	qwr(a, 3, MDEV_SIM_NET_RXQ_BASE_HI, 0);
	qwr(a, 3, MDEV_SIM_NET_RXQ_SIZE, 32);
	qwr(a, 3, MDEV_SIM_NET_RXQ_CTRL, MDEV_SIM_NET_QCTRL_ENABLE);
	set_rx_tail(a, 3, 8);
	tx_post(a, 3, f, 64, 64, false);
	tx_kick(a, 3);
	check((qrd(a, 3, MDEV_SIM_NET_RXQ_CTRL) & MDEV_SIM_NET_QCTRL_ENABLE) &&
	      tx_cons(a, 3) == a->tx[3].prod &&
	      qst64(a, 3, MDEV_SIM_NET_ST_RX_ERRORS) == rx_err + 1 &&
	      qst64(a, 3, MDEV_SIM_NET_ST_RX_MISSED) == rx_missed + 1 &&
	      st32(a, MDEV_SIM_NET_ST_Q(3, MDEV_SIM_NET_ST_RX_PROD)) == 0 &&
	      rx_take(a, 0, got, sizeof(got)) == -1,
	      "RX ring at an unmapped IOVA: frame missed, an RX error, nothing completed");
	qwr(a, 3, MDEV_SIM_NET_RXQ_CTRL, 0);
	qwr(a, 3, MDEV_SIM_NET_TXQ_CTRL, 0);
	set_rx_tail(a, 3, 0);

	tx_post(a, 0, f, 64, 64, false);
	tx_kick(a, 0);
	check(rx_take(a, 0, got, sizeof(got)) == 64,
	      "queue 0 unaffected");
}

/* ---- self-benchmark ---- */

static int
bench(const char *uuid, uint32_t len, uint32_t burst, uint32_t rounds)
{
	struct dev a;
	uint64_t ns, pkts, bytes;
	uint8_t *f;
	uint32_t i;

	/* The first doorbell and every replay each need burst * bufs. */
	if (len < 14 || len > MDEV_SIM_NET_FRAME_MAX || !burst || !rounds ||
	    2 * burst * ((len + BUF_LEN - 1) / BUF_LEN) >=
	    MDEV_SIM_NET_RING_MAX) {
		fprintf(stderr, "bad bench parameters\n");
		return 2;
	}
	dev_open(&a, uuid);
	mac_read(&a);
	if (queue_setup(&a, 0, MDEV_SIM_NET_RING_MAX) != 0)
		model_die("queue setup");
	wr(&a, MDEV_SIM_NET_REG_MTU, MDEV_SIM_NET_MTU_MAX);
	f = frame_make(a.mac, a.mac, len, 0);
	for (i = 0; i < burst; i++)
		tx_post(&a, 0, f, len, len > BUF_LEN ? BUF_LEN : len, false);
	tx_kick(&a, 0);
	wr(&a, MDEV_SIM_NET_REG_BENCH_QUEUE, 0);
	wr(&a, MDEV_SIM_NET_REG_BENCH_RUN, rounds);
	ns = rd(&a, MDEV_SIM_NET_REG_BENCH_NS_LO) |
	     (uint64_t)rd(&a, MDEV_SIM_NET_REG_BENCH_NS_HI) << 32;
	pkts = rd(&a, MDEV_SIM_NET_REG_BENCH_PKTS_LO) |
	       (uint64_t)rd(&a, MDEV_SIM_NET_REG_BENCH_PKTS_HI) << 32;
	bytes = rd(&a, MDEV_SIM_NET_REG_BENCH_BYTES_LO) |
		(uint64_t)rd(&a, MDEV_SIM_NET_REG_BENCH_BYTES_HI) << 32;
	if (ns == 0 || pkts != (uint64_t)burst * rounds) {
		fprintf(stderr, "bench failed: error %#x, %" PRIu64
			" of %" PRIu64 " frames\n",
			rd(&a, MDEV_SIM_NET_REG_ERROR), pkts,
			(uint64_t)burst * rounds);
		return 1;
	}
	printf("frame_len=%u burst=%u rounds=%u frames=%" PRIu64
	       " ns=%" PRIu64 "\n", len, burst, rounds, pkts, ns);
	printf("model_pps=%.0f model_Bps=%.0f ns_per_frame=%.1f\n",
	       pkts * 1e9 / ns, bytes * 1e9 / ns, (double)ns / pkts);
	return 0;
}

int
main(int argc, char **argv)
{
	struct dev a, b;

	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		model_die("/dev/vfio/vfio");

	/* The benchmark reports failed checks only. */
	if (argc >= 3 && strcmp(argv[1], "--bench") == 0) {
		check_set_quiet(true);
		return bench(argv[2], argc > 3 ? atoi(argv[3]) : 64,
			     argc > 4 ? atoi(argv[4]) : 32,
			     argc > 5 ? atoi(argv[5]) : 100000);
	}
	if (argc != 3) {
		fprintf(stderr, "usage: %s UUID_A UUID_B\n"
			"       %s --bench UUID [frame_len [burst [rounds]]]\n",
			argv[0], argv[0]);
		return 2;
	}

	dev_open(&a, argv[1]);
	dev_open(&b, argv[2]);
	mac_read(&a);
	test_identity(&a);
	test_bench(&a);
	test_queue_config(&a);
	test_loopback(&a);
	test_filter(&a);
	test_bad_tx(&a);
	test_bad_rx(&a);
	test_bad_rings(&a);
	test_rx_irq(&a);
	test_wiring(&a, &b);
	test_multiqueue(&a, &b);
	test_concurrent(&a, &b);
	test_reset(&a, &b);

	printf("%u passed, %u failed\n", check_passed(), check_failed());
	return check_failed() ? 1 : 0;
}
