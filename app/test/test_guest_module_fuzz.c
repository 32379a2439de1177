/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Fuzzes the mdev_sim module from userspace, as a buggy or hostile guest
 * driver would drive it, in the test guest. For each mdev type the module
 * offers, in turn: create a device through sysfs, open it through VFIO
 * (a type1v2 or a type1 container, by turns: the pinning and the copy
 * paths), map a DMA buffer, then run a fixed number of random operations:
 * config space and region reads and writes at any offset and size (most
 * in BAR0's register page, with values that are often IOVAs inside and
 * outside the buffer: ring bases, doorbells), random ring contents,
 * VFIO_DEVICE_SET_IRQS with random indexes, ranges, flags and eventfds
 * (some closed, some not eventfds), region and IRQ info queries with
 * random arguments, resets, and DMA unmaps and maps of parts of the
 * buffer; for mdev_sim-avf, whose registers are polled memory, also
 * admin queue messages, nearly valid or not. Last, the device is removed through sysfs, half the time while
 * it is still open and being driven.
 *
 * It checks nothing itself but that it finishes: the guest suite then
 * fails on any oops, BUG, WARNING or hung task in the kernel log, a new
 * taint, a device left over, or a module that no longer unloads.
 *
 * usage: test_guest_module_fuzz OPS SEED
 */

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include "mdev_sim_avf_hw.h"
#include "mdev_sim_ids.h"
#include "mdev_sim_net_hw.h"

#define DMA_IOVA	0x100000ULL
#define DMA_LEN		(1024 * 1024)
#define NB_REGIONS	9
#define NB_EFDS		8
/* The whole run, every type: a hang fails the suite instead of stalling. */
#define WATCHDOG_SECONDS 600

static uint64_t rng;

/* xorshift64*: the same sequence for the same seed on every run. */
static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t
rnd_below(uint64_t n)
{
	return n == 0 ? 0 : rnd() % n;
}

/* The result of an operation that may fail by design. */
static inline void
ignore(ssize_t ret)
{
	(void)ret;
}

static void
die(const char *what)
{
	fprintf(stderr, "module_fuzz: %s: %s\n", what, strerror(errno));
	exit(2);
}

struct target {
	const char *type_dir;
	char uuid[40];
	int container, group, fd;
	bool v2;
	uint16_t device_id;
	struct vfio_region_info regions[NB_REGIONS];
	uint32_t nb_irqs;
	int efd[NB_EFDS];
	uint8_t *dma;
	bool mapped;
};

static bool
sysfs_write(const char *path, const char *value)
{
	FILE *f = fopen(path, "w");
	bool ok;

	if (f == NULL)
		return false;
	ok = fputs(value, f) >= 0;
	return fclose(f) == 0 && ok;
}

static void
target_open(struct target *t)
{
	char path[PATH_MAX], link[PATH_MAX];
	struct vfio_group_status status = { .argsz = sizeof(status) };
	struct vfio_device_info info = { .argsz = sizeof(info) };
	ssize_t n;
	uint32_t i;

	snprintf(path, sizeof(path), "%s/create", t->type_dir);
	if (!sysfs_write(path, t->uuid))
		die(path);
	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/iommu_group",
		 t->uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		die(path);
	link[n] = '\0';
	snprintf(path, sizeof(path), "/dev/vfio/%s", basename(link));
	t->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	t->group = open(path, O_RDWR | O_CLOEXEC);
	if (t->container < 0 || t->group < 0)
		die("open container/group");
	if (ioctl(t->group, VFIO_GROUP_GET_STATUS, &status) < 0 ||
	    ioctl(t->group, VFIO_GROUP_SET_CONTAINER, &t->container) < 0 ||
	    ioctl(t->container, VFIO_SET_IOMMU,
		  t->v2 ? VFIO_TYPE1v2_IOMMU : VFIO_TYPE1_IOMMU) < 0)
		die("container set-up");
	t->fd = ioctl(t->group, VFIO_GROUP_GET_DEVICE_FD, t->uuid);
	if (t->fd < 0 || ioctl(t->fd, VFIO_DEVICE_GET_INFO, &info) < 0)
		die("device fd");
	for (i = 0; i < NB_REGIONS && i < info.num_regions; i++) {
		t->regions[i].argsz = sizeof(t->regions[i]);
		t->regions[i].index = i;
		if (ioctl(t->fd, VFIO_DEVICE_GET_REGION_INFO, &t->regions[i]) < 0)
			t->regions[i].size = 0;
	}
	t->nb_irqs = info.num_irqs;
	if ((info.flags & VFIO_DEVICE_FLAGS_PCI) != 0 &&
	    t->regions[VFIO_PCI_CONFIG_REGION_INDEX].size >= 4)
		if (pread(t->fd, &t->device_id, 2,
			  t->regions[VFIO_PCI_CONFIG_REGION_INDEX].offset +
			  PCI_DEVICE_ID) != 2)
			die("config read");
	for (i = 0; i < NB_EFDS; i++)
		t->efd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	t->dma = mmap(NULL, DMA_LEN, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (t->dma == MAP_FAILED)
		die("DMA buffer");
}

/* Map or unmap a random page range of the buffer (or all of it). */
static void
op_dma(struct target *t, bool all)
{
	uint64_t pages = DMA_LEN / 4096, first = all ? 0 : rnd_below(pages);
	uint64_t n = all ? pages : 1 + rnd_below(pages - first);
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)t->dma + first * 4096,
		.iova = DMA_IOVA + first * 4096,
		.size = n * 4096,
	};
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap),
		.iova = map.iova,
		.size = map.size,
	};

	if (all || rnd() & 1) {
		ioctl(t->container, VFIO_IOMMU_MAP_DMA, &map);
		t->mapped = true;
	} else {
		ioctl(t->container, VFIO_IOMMU_UNMAP_DMA, &unmap);
	}
}

/* Values that mean something to a device: IOVAs, sizes, indexes, junk. */
static uint64_t
rnd_value(void)
{
	switch (rnd_below(6)) {
	case 0:
		return DMA_IOVA + rnd_below(DMA_LEN);
	case 1:
		return DMA_IOVA + DMA_LEN - rnd_below(64);
	case 2:
		return rnd_below(4097);
	case 3:
		return 1ULL << rnd_below(64);
	case 4:
		return ~0ULL - rnd_below(16);
	default:
		return rnd();
	}
}

static void
op_region(struct target *t, bool write)
{
	static const size_t lens[] = { 1, 2, 4, 8, 3, 16, 64 };
	uint32_t index = rnd_below(8) < 6 ? 0 : rnd_below(NB_REGIONS);
	const struct vfio_region_info *r = &t->regions[index];
	uint8_t buf[64];
	uint64_t off, v;
	/* Mostly 4 and 8 bytes, the registers' sizes. */
	size_t len = lens[rnd_below(4) != 0 ? 2 + rnd_below(2) :
			  rnd_below(sizeof(lens) / sizeof(lens[0]))];

	/* BAR0's register page mostly, any offset sometimes. */
	if (index == 0 && rnd_below(4) != 0)
		off = rnd_below(0x1000) & ~3ULL;
	else if (r->size > 0 && rnd_below(8) != 0)
		off = rnd_below(r->size);
	else
		off = rnd();
	/* The net self-benchmark runs synchronously for up to 10 s. */
	if (t->device_id == MDEV_SIM_NET_DEVICE_ID && index == 0 &&
	    off == MDEV_SIM_NET_REG_BENCH_RUN)
		return;
	/* Most of these fail (offsets outside, wrong sizes): as they should. */
	if (!write) {
		ignore(pread(t->fd, buf, len, r->offset + off));
		return;
	}
	v = rnd_value();
	memcpy(buf, &v, sizeof(v));
	v = rnd_value();
	memcpy(buf + 8, &v, sizeof(v));
	ignore(pwrite(t->fd, buf, len, r->offset + off));
}

static void
op_config(struct target *t)
{
	const struct vfio_region_info *r =
		&t->regions[VFIO_PCI_CONFIG_REGION_INDEX];
	uint32_t v = (uint32_t)rnd_value();
	uint64_t off = rnd_below(r->size + 8);
	size_t len = 1U << rnd_below(3);

	if (rnd() & 1)
		ignore(pwrite(t->fd, &v, len, r->offset + off));
	else
		ignore(pread(t->fd, &v, len, r->offset + off));
}

/* Random ring contents: a few descriptors' worth anywhere in the buffer. */
static void
op_ring_fill(struct target *t)
{
	uint64_t off = rnd_below(DMA_LEN - 256) & ~7ULL;
	unsigned int i;

	for (i = 0; i < 32; i++) {
		uint64_t v = rnd_value();

		memcpy(t->dma + off + 8 * i, &v, 8);
	}
}

static void
op_irqs(struct target *t)
{
	uint8_t buf[sizeof(struct vfio_irq_set) + NB_EFDS * sizeof(int32_t)];
	struct vfio_irq_set *set = (struct vfio_irq_set *)buf;
	static const uint32_t data[] = {
		VFIO_IRQ_SET_DATA_NONE, VFIO_IRQ_SET_DATA_BOOL,
		VFIO_IRQ_SET_DATA_EVENTFD,
	};
	static const uint32_t action[] = {
		VFIO_IRQ_SET_ACTION_MASK, VFIO_IRQ_SET_ACTION_UNMASK,
		VFIO_IRQ_SET_ACTION_TRIGGER,
	};
	uint32_t i, n;
	int32_t fds[NB_EFDS];

	set->argsz = sizeof(buf);
	set->index = rnd_below(t->nb_irqs + 2);
	set->start = rnd_below(4) == 0 ? (uint32_t)rnd() : rnd_below(10);
	n = rnd_below(4) == 0 ? (uint32_t)rnd() : rnd_below(NB_EFDS + 1);
	set->count = n;
	set->flags = data[rnd_below(3)] | action[rnd_below(3)];
	if (rnd_below(16) == 0)
		set->flags = (uint32_t)rnd();
	for (i = 0; i < NB_EFDS; i++) {
		switch (rnd_below(5)) {
		case 0:
			fds[i] = -1;
			break;
		case 1:
			fds[i] = (int32_t)rnd_below(1024); /* any fd, or none */
			break;
		default:
			fds[i] = t->efd[rnd_below(NB_EFDS)];
			break;
		}
		if ((set->flags & VFIO_IRQ_SET_DATA_BOOL) != 0)
			buf[sizeof(*set) + i] = rnd() & 1;
	}
	if ((set->flags & VFIO_IRQ_SET_DATA_EVENTFD) != 0)
		memcpy(set->data, fds, sizeof(fds));
	if (rnd_below(8) == 0)
		set->argsz = rnd_below(sizeof(buf) + 1);
	ioctl(t->fd, VFIO_DEVICE_SET_IRQS, set);
}

static void
op_info(struct target *t)
{
	uint8_t buf[512];
	struct vfio_region_info *r = (struct vfio_region_info *)buf;
	struct vfio_irq_info irq = { .argsz = sizeof(irq) };

	memset(buf, 0, sizeof(buf));
	r->argsz = rnd_below(sizeof(buf) + 1);
	r->index = rnd_below(4) == 0 ? (uint32_t)rnd() : rnd_below(NB_REGIONS + 2);
	ioctl(t->fd, VFIO_DEVICE_GET_REGION_INFO, r);
	irq.index = rnd_below(t->nb_irqs + 2);
	if (rnd_below(8) == 0)
		irq.argsz = rnd_below(sizeof(irq));
	ioctl(t->fd, VFIO_DEVICE_GET_IRQ_INFO, &irq);
}

/*
 * mdev_sim-avf polls its registers (BAR0 memory) from a thread: an admin
 * queue in the buffer carrying random and almost valid virtchnl messages,
 * and random queue tails, reach much more of it than register writes.
 */
#define AVF_ATQ		0x0		/* offsets in the DMA buffer */
#define AVF_ARQ		0x400
#define AVF_MSG		0x1000		/* one 512-byte buffer per slot */
#define AVF_ARQ_BUF	0x5000
#define AVF_RINGS	0x10000		/* rings anywhere from here */
#define AVF_AQ_LEN	32

static void
avf_wr(struct target *t, uint32_t reg, uint32_t v)
{
	ignore(pwrite(t->fd, &v, 4, t->regions[0].offset + reg));
}

static uint32_t
avf_rd(struct target *t, uint32_t reg)
{
	uint32_t v = 0;

	ignore(pread(t->fd, &v, 4, t->regions[0].offset + reg));
	return v;
}

static void
avf_aq_setup(struct target *t)
{
	struct mdev_sim_avf_aq_desc *arq = (void *)(t->dma + AVF_ARQ);
	uint16_t cmd = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	unsigned int i;

	ignore(pwrite(t->fd, &cmd, 2,
		      t->regions[VFIO_PCI_CONFIG_REGION_INDEX].offset +
		      PCI_COMMAND));
	for (i = 0; i < AVF_AQ_LEN; i++) {
		memset(&arq[i], 0, sizeof(arq[i]));
		arq[i].flags = MDEV_SIM_AVF_AQ_FLAG_BUF;
		arq[i].datalen = rnd_below(8) ? 512 : rnd_below(600);
		arq[i].addr_low = DMA_IOVA + AVF_ARQ_BUF + i * 512;
	}
	avf_wr(t, MDEV_SIM_AVF_ATQH, 0);
	avf_wr(t, MDEV_SIM_AVF_ATQT, 0);
	avf_wr(t, MDEV_SIM_AVF_ATQLEN, rnd_below(8) ? AVF_AQ_LEN |
	       MDEV_SIM_AVF_AQLEN_ENABLE : (uint32_t)rnd_value());
	avf_wr(t, MDEV_SIM_AVF_ATQBAL, DMA_IOVA + AVF_ATQ);
	avf_wr(t, MDEV_SIM_AVF_ATQBAH, 0);
	avf_wr(t, MDEV_SIM_AVF_ARQH, 0);
	avf_wr(t, MDEV_SIM_AVF_ARQT, 0);
	avf_wr(t, MDEV_SIM_AVF_ARQLEN, AVF_AQ_LEN | MDEV_SIM_AVF_AQLEN_ENABLE);
	avf_wr(t, MDEV_SIM_AVF_ARQBAL, DMA_IOVA + AVF_ARQ);
	avf_wr(t, MDEV_SIM_AVF_ARQBAH, 0);
	avf_wr(t, MDEV_SIM_AVF_ARQT, AVF_AQ_LEN - 1);
	avf_wr(t, MDEV_SIM_AVF_ICR0_ENA1, MDEV_SIM_AVF_ICR0_ADMINQ);
	avf_wr(t, MDEV_SIM_AVF_DYN_CTL01, MDEV_SIM_AVF_DYN_CTL01_INTENA);
}

/* A message that is often nearly right: returns its length. */
static uint16_t
avf_msg(uint8_t *m, uint32_t op)
{
	uint16_t *w = (uint16_t *)m;
	unsigned int i, n = 1 + rnd_below(5);

	for (i = 0; i < 512 / 8; i++) {
		uint64_t v = rnd_below(2) ? rnd_below(64) : rnd_value();

		memcpy(m + 8 * i, &v, 8);
	}
	switch (op) {
	case MDEV_SIM_AVF_VC_OP_VERSION:
		w[0] = 1;
		w[1] = 0;
		w[2] = rnd_below(3);
		w[3] = 0;
		return 8;
	case MDEV_SIM_AVF_VC_OP_CONFIG_VSI_QUEUES: {
		struct mdev_sim_avf_vc_vsi_queue_config *h = (void *)m;
		struct mdev_sim_avf_vc_queue_pair_info *qp = (void *)(h + 1);

		h->vsi_id = rnd_below(8) ? MDEV_SIM_AVF_VSI_ID : rnd();
		h->num_queue_pairs = n;
		for (i = 0; i < n && i < 5; i++) {
			qp[i].txq.vsi_id = qp[i].rxq.vsi_id = h->vsi_id;
			qp[i].txq.queue_id = qp[i].rxq.queue_id = rnd_below(5);
			qp[i].txq.headwb_enabled = rnd_below(16) == 0;
			qp[i].txq.ring_len = 32 * rnd_below(5);
			qp[i].rxq.ring_len = 32 * rnd_below(5);
			qp[i].txq.dma_ring_addr = DMA_IOVA + AVF_RINGS +
				(rnd_below(DMA_LEN - AVF_RINGS) & ~127ULL);
			qp[i].rxq.dma_ring_addr = DMA_IOVA + AVF_RINGS +
				(rnd_below(DMA_LEN - AVF_RINGS) & ~127ULL);
			qp[i].rxq.databuffer_size = rnd_below(4) ? 2048 :
						    rnd_below(20000);
			qp[i].rxq.max_pkt_size = rnd_below(4) ? 1526 :
						 rnd_below(12000);
		}
		return MDEV_SIM_AVF_VC_CONFIG_QUEUES_LEN(n);
	}
	case MDEV_SIM_AVF_VC_OP_CONFIG_IRQ_MAP:
		w[0] = n;
		return MDEV_SIM_AVF_VC_IRQ_MAP_LEN(n);
	case MDEV_SIM_AVF_VC_OP_ADD_ETH_ADDR:
	case MDEV_SIM_AVF_VC_OP_DEL_ETH_ADDR:
		w[0] = MDEV_SIM_AVF_VSI_ID;
		w[1] = n * 20;
		return MDEV_SIM_AVF_VC_ETH_ADDR_LEN(n * 20);
	case MDEV_SIM_AVF_VC_OP_ENABLE_QUEUES:
	case MDEV_SIM_AVF_VC_OP_DISABLE_QUEUES:
	case MDEV_SIM_AVF_VC_OP_GET_STATS:
		w[0] = MDEV_SIM_AVF_VSI_ID;
		return sizeof(struct mdev_sim_avf_vc_queue_select);
	case MDEV_SIM_AVF_VC_OP_CONFIG_PROMISC:
		w[0] = MDEV_SIM_AVF_VSI_ID;
		return sizeof(struct mdev_sim_avf_vc_promisc);
	case MDEV_SIM_AVF_VC_OP_GET_VF_RESOURCES:
		return 4;
	}
	return rnd_below(600);
}

static void
op_avf(struct target *t)
{
	struct mdev_sim_avf_aq_desc *atq = (void *)(t->dma + AVF_ATQ);
	uint32_t tail, i, n = 1 + rnd_below(4);

	if (rnd_below(16) == 0 ||
	    !(avf_rd(t, MDEV_SIM_AVF_ATQLEN) & MDEV_SIM_AVF_AQLEN_ENABLE))
		avf_aq_setup(t);
	tail = avf_rd(t, MDEV_SIM_AVF_ATQT) % AVF_AQ_LEN;
	for (i = 0; i < n; i++, tail = (tail + 1) % AVF_AQ_LEN) {
		struct mdev_sim_avf_aq_desc *d = &atq[tail];
		uint32_t op = rnd_below(8) ? 1 + rnd_below(16) : rnd_below(80);
		uint16_t len = avf_msg(t->dma + AVF_MSG + tail * 512, op);

		memset(d, 0, sizeof(*d));
		d->opcode = rnd_below(16) ? MDEV_SIM_AVF_AQ_OP_SEND_TO_PF :
			    rnd_below(2) ? MDEV_SIM_AVF_AQ_OP_QUEUE_SHUTDOWN :
			    (uint16_t)rnd();
		d->flags = MDEV_SIM_AVF_AQ_FLAG_SI | MDEV_SIM_AVF_AQ_FLAG_BUF;
		d->cookie_high = op;
		/* Mostly the right length, sometimes off or huge. */
		d->datalen = rnd_below(8) ? len : rnd_below(2) ?
			     (uint16_t)(len + 1) : (uint16_t)rnd_below(8192);
		d->addr_low = rnd_below(16) ?
			      (uint32_t)(DMA_IOVA + AVF_MSG + tail * 512) :
			      (uint32_t)rnd_value();
	}
	avf_wr(t, MDEV_SIM_AVF_ATQT, rnd_below(32) ? tail : rnd_below(2048));
	/* The device polls: give its thread a moment to take them. */
	for (i = 0; i < 100 && avf_rd(t, MDEV_SIM_AVF_ATQH) != tail; i++)
		nanosleep(&(struct timespec){ .tv_nsec = 200000 }, NULL);
	if (rnd() & 1)
		avf_wr(t, MDEV_SIM_AVF_ARQT,
		       (avf_rd(t, MDEV_SIM_AVF_ARQH) + AVF_AQ_LEN - 1) %
		       AVF_AQ_LEN);
	if (rnd_below(2))
		avf_wr(t, MDEV_SIM_AVF_QTX_TAIL(rnd_below(4)), rnd_below(160));
	if (rnd_below(2))
		avf_wr(t, MDEV_SIM_AVF_QRX_TAIL(rnd_below(4)), rnd_below(160));
}

static void
target_run(struct target *t, unsigned int ops)
{
	unsigned int i;

	for (i = 0; i < ops; i++) {
		switch (rnd_below(32)) {
		case 0 ... 11:
			op_region(t, true);
			break;
		case 12 ... 17:
			op_region(t, false);
			break;
		case 18 ... 21:
			if (t->regions[VFIO_PCI_CONFIG_REGION_INDEX].size > 0)
				op_config(t);
			break;
		case 22 ... 24:
			if (t->device_id == MDEV_SIM_AVF_DEVICE_ID)
				op_avf(t);
			else
				op_ring_fill(t);
			break;
		case 25 ... 27:
			op_irqs(t);
			break;
		case 28 ... 29:
			op_info(t);
			break;
		case 30:
			ioctl(t->fd, VFIO_DEVICE_RESET);
			break;
		default:
			op_dma(t, false);
			break;
		}
	}
}

static void
target_close(struct target *t)
{
	unsigned int i;

	close(t->fd);
	for (i = 0; i < NB_EFDS; i++)
		close(t->efd[i]);
	close(t->group);
	close(t->container);
	munmap(t->dma, DMA_LEN);
}

/* Remove the device; while it is open and driven, half the time. */
static void
target_remove(struct target *t, unsigned int ops)
{
	char path[PATH_MAX];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/remove",
		 t->uuid);
	if (rnd() & 1) {
		target_close(t);
		if (!sysfs_write(path, "1"))
			die(path);
		return;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		/*
		 * The copies of the device's fds the child inherited would
		 * keep the device the removal waits for.
		 */
		close_range(STDERR_FILENO + 1, ~0U, 0);
		_exit(sysfs_write(path, "1") ? 0 : 1);
	}
	if (pid < 0)
		die("fork");
	/* The kernel requests the device back meanwhile (REQ). */
	target_run(t, ops / 16);
	target_close(t);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "module_fuzz: %s: removal failed\n", t->uuid);
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	glob_t types;
	unsigned int ops, round;
	size_t k;

	if (argc != 3) {
		fprintf(stderr, "usage: %s OPS SEED\n", argv[0]);
		return 2;
	}
	ops = strtoul(argv[1], NULL, 0);
	rng = strtoull(argv[2], NULL, 0) | 1;
	alarm(WATCHDOG_SECONDS);
	if (glob("/sys/class/mdev_bus/*/mdev_supported_types/*", 0, NULL,
		 &types) != 0) {
		fprintf(stderr, "module_fuzz: no mdev types\n");
		return 2;
	}
	/* Each type twice: once in a type1v2 container, once in a type1. */
	for (round = 0; round < 2; round++) {
		for (k = 0; k < types.gl_pathc; k++) {
			struct target t = {
				.type_dir = types.gl_pathv[k],
				.v2 = round == 0,
			};

			snprintf(t.uuid, sizeof(t.uuid),
				 "f0220000-0000-4000-8000-%012zx",
				 round * 256 + k);
			printf("module_fuzz: %s (%s), %s container, %u operations\n",
			       basename(types.gl_pathv[k]), t.uuid,
			       t.v2 ? "type1v2" : "type1", ops);
			fflush(stdout);
			target_open(&t);
			op_dma(&t, true);
			target_run(&t, ops);
			target_remove(&t, ops);
		}
	}
	printf("module_fuzz: %zu types, %u operations each, seed %s: done\n",
	       types.gl_pathc, ops, argv[2]);
	globfree(&types);
	return 0;
}
