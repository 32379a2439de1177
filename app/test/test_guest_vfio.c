/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Guest test of the VFIO helper library and the mdev bus against the
 * mdev_sim-test device (doc/guides/mdev_sim/test_device.rst): EAL probes the
 * device with the mdev_test_vfio driver (-d), whose RTE_MDEV_DRV_NEED_MAPPING
 * makes the bus open it through the library, map its regions and prepare its
 * interrupts. The checks then drive the device through dev->vfio and
 * dev->intr_handle and compare what it does with the datasheet.
 *
 *   test_guest_vfio [EAL options] -- --drv PLUGIN --uuid UUID [--ap-uuid UUID]
 *       [--mode full|dma] [--huge yes|no] [--remove] [--label NAME]
 *       [--iommu eal|type1v2|type1] [--hotplug]
 *
 * --iommu names the container the bus must have opened the device in
 * (type1v2 when not given); --hotplug adds DMA into memory allocated after
 * probe (dynamic memory only). --mode needvfio registers a
 * RTE_MDEV_DRV_NEED_VFIO driver for the mdev_sim-ap device --uuid names,
 * and removes that device through sysfs.
 *
 * Prints one line per check and a summary; exits 1 when a check failed.
 * Run it in the guest through app/test/test_guest_vfio.sh.
 */

#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>
#include <linux/vfio.h>

#include <rte_bus.h>
#include <rte_eal.h>
#include <rte_errno.h>

#include "app_argv.h"
#include "app_bus.h"
#include "test_guest_vfio.h"

/* A hung kernel call must fail the run, not stall it until vm-run's limit. */
#define WATCHDOG_SECONDS 400

static int
cmp_name(const struct rte_device *dev, const void *name)
{
	return strcmp(dev->name, name);
}

struct rte_mdev_device *
find_mdev(const char *uuid)
{
	struct rte_bus *bus = rte_bus_find_by_name(RTE_BUS_MDEV_NAME);
	struct rte_device *dev;

	if (bus == NULL)
		return NULL;
	dev = app_bus_find_device(bus, NULL, cmp_name, uuid);
	return dev != NULL ? RTE_DEV_TO_MDEV(dev) : NULL;
}

/*
 * Whatever a failed read returns, some check would take it for the value it
 * wants (0xdeadbeef has STATUS.IRQ_ERR set, for one): the failure itself is
 * reported as a failed check.
 */
uint32_t
reg_read(const struct rte_vfio_dev *vfio, uint32_t off)
{
	uint32_t val;
	int ret = rte_vfio_dev_read32(vfio, 0, off, &val);

	if (ret != 0) {
		check(false, "BAR0 read at %#x (%d)", off, ret);
		return 0xdeadbeef;
	}
	return val;
}

static bool
cfg_read(const struct rte_vfio_dev *vfio, void *buf, size_t len, uint64_t off)
{
	int ret = rte_vfio_dev_pci_cfg_read(vfio, buf, len, off);

	if (ret != 0)
		return check(false, "config space read of %zu bytes at %#" PRIx64
			     " (%d)", len, off, ret);
	return true;
}

uint16_t
cfg16(const struct rte_vfio_dev *vfio, uint64_t off)
{
	uint16_t val;

	return cfg_read(vfio, &val, sizeof(val), off) ? val : 0xdead;
}

uint32_t
cfg32(const struct rte_vfio_dev *vfio, uint64_t off)
{
	uint32_t val;

	return cfg_read(vfio, &val, sizeof(val), off) ? val : 0xdeadbeef;
}

void
cfg_write16(const struct rte_vfio_dev *vfio, uint64_t off, uint16_t val)
{
	int ret = rte_vfio_dev_pci_cfg_write(vfio, &val, sizeof(val), off);

	if (ret != 0)
		check(false, "config space write at %#" PRIx64 " (%d)", off, ret);
}

int
reg_write(const struct rte_vfio_dev *vfio, uint32_t off, uint32_t val)
{
	return rte_vfio_dev_write32(vfio, 0, off, val);
}

static int
raw_rw(const struct rte_vfio_dev *vfio, uint32_t index, uint64_t off,
       void *buf, size_t len, bool write)
{
	const struct rte_vfio_dev_region *reg = rte_vfio_dev_region(vfio, index);
	ssize_t n;

	if (reg == NULL)
		return -EINVAL;
	if (write)
		n = pwrite(rte_vfio_dev_fd(vfio), buf, len, reg->offset + off);
	else
		n = pread(rte_vfio_dev_fd(vfio), buf, len, reg->offset + off);
	if (n < 0)
		return -errno;
	return n == (ssize_t)len ? 0 : -EIO;
}

int
raw_read(const struct rte_vfio_dev *vfio, uint32_t index, uint64_t off,
	 void *buf, size_t len)
{
	return raw_rw(vfio, index, off, buf, len, false);
}

int
raw_write(const struct rte_vfio_dev *vfio, uint32_t index, uint64_t off,
	  const void *buf, size_t len)
{
	return raw_rw(vfio, index, off, (void *)(uintptr_t)buf, len, true);
}

int
efd_new(void)
{
	return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

uint64_t
efd_take(int fd)
{
	uint64_t v;

	if (fd < 0 || read(fd, &v, sizeof(v)) != sizeof(v))
		return 0;
	return v;
}

bool
wait_counter(const uint32_t *counter, uint32_t want, unsigned int ms)
{
	struct timespec step = { .tv_sec = 0, .tv_nsec = 10 * 1000 * 1000 };
	unsigned int waited;

	for (waited = 0; waited <= ms; waited += 10) {
		if (__atomic_load_n(counter, __ATOMIC_SEQ_CST) >= want)
			return true;
		nanosleep(&step, NULL);
	}
	return __atomic_load_n(counter, __ATOMIC_SEQ_CST) >= want;
}

void
raise_irq(const struct rte_vfio_dev *vfio, uint32_t kind, uint32_t vector)
{
	reg_write(vfio, MDEV_SIM_TEST_REG_IRQ_RAISE,
		  MDEV_SIM_TEST_IRQ(kind, vector));
}

/* --- open: what the bus did at probe */

static struct mdev_test_vfio_state *
driver_state(const char *path)
{
	mdev_test_vfio_state_t get = NULL;
	void *h;

	/* The handle EAL holds keeps the plugin loaded after dlclose(). */
	h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
	if (h == NULL)
		return NULL;
	get = (mdev_test_vfio_state_t)dlsym(h, MDEV_TEST_VFIO_STATE_SYM);
	dlclose(h);
	return get != NULL ? get() : NULL;
}

static void
test_ap_device(struct guest_ctx *ctx)
{
	struct rte_mdev_device *ap = find_mdev(ctx->ap_uuid);
	struct rte_vfio_dev *v;

	if (!check(ap != NULL, "the bus lists the mdev_sim-ap device %s",
		   ctx->ap_uuid))
		return;
	check(strcmp(ap->type->id, "mdev_sim-ap") == 0,
	      "mdev_sim-ap: type id (%s)", ap->type->id);
	check_eq("mdev_sim-ap: device_api is vfio-ap", ap->type->api,
		 RTE_MDEV_API_AP);
	check(rte_mdev_device_admitted(ap), "mdev_sim-ap: admitted");
	check(ap->driver == NULL && !rte_dev_is_probed(&ap->device),
	      "mdev_sim-ap: not probed");
	check(ap->vfio == NULL, "mdev_sim-ap: not opened by the bus");
	check(rte_mdev_device_candidate(ap) == NULL,
	      "mdev_sim-ap: no driver would take it");

	/* The library opens non-PCI devices too, and checks the API. */
	v = rte_vfio_dev_open("/sys/bus/mdev/devices", ctx->ap_uuid,
			      VFIO_DEVICE_FLAGS_PCI);
	check(v == NULL, "mdev_sim-ap: open expecting vfio-pci is refused");
	if (v != NULL)
		rte_vfio_dev_close(v);
	rte_errno = 0;
	v = rte_vfio_dev_open("/sys/bus/mdev/devices", ctx->ap_uuid,
			      VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_AP);
	check(v == NULL && rte_errno == EINVAL,
	      "mdev_sim-ap: open expecting two device types at once: EINVAL (%s)",
	      v == NULL ? rte_strerror(rte_errno) : "opened");
	if (v != NULL)
		rte_vfio_dev_close(v);
	v = rte_vfio_dev_open("/sys/bus/mdev/devices", ctx->ap_uuid,
			      VFIO_DEVICE_FLAGS_AP);
	if (!check(v != NULL, "mdev_sim-ap: opens as vfio-ap (%s)",
		   v == NULL ? rte_strerror(rte_errno) : "ok"))
		return;
	check_eq("mdev_sim-ap: device flags AP | RESET", rte_vfio_dev_flags(v),
		 VFIO_DEVICE_FLAGS_AP | VFIO_DEVICE_FLAGS_RESET);
	check_eq("mdev_sim-ap: no regions", rte_vfio_dev_nb_regions(v), 0);
	check_eq("mdev_sim-ap: no IRQ indexes", rte_vfio_dev_nb_irqs(v), 0);
	check(rte_vfio_dev_region(v, 0) == NULL,
	      "mdev_sim-ap: region 0 has no description");
	check(rte_vfio_dev_map(v) == 0, "mdev_sim-ap: mapping nothing works");
	check(rte_vfio_dev_reset(v) == 0, "mdev_sim-ap: reset");
	rte_vfio_dev_close(v);
}

void
test_probe(struct guest_ctx *ctx)
{
	struct mdev_test_vfio_state *st = ctx->drv_state;
	struct rte_mdev_device *dev;

	check(rte_bus_find_by_name(RTE_BUS_MDEV_NAME) != NULL,
	      "the mdev bus is registered");
	check(st != NULL, "the mdev_test_vfio plugin is loaded");
	dev = find_mdev(ctx->uuid);
	ctx->dev = dev;
	if (!check(dev != NULL, "the bus lists the mdev_sim-test device %s",
		   ctx->uuid))
		return;
	check(strcmp(dev->type->id, "mdev_sim-test") == 0,
	      "type id (%s)", dev->type->id);
	check(dev->driver != NULL &&
	      strcmp(dev->driver->driver.name, "mdev_test_vfio") == 0,
	      "probed by mdev_test_vfio (driver %s)",
	      dev->driver != NULL ? dev->driver->driver.name : "none");
	check(rte_dev_is_probed(&dev->device), "EAL sees the device probed");
	check(dev->pci_id_valid &&
	      dev->pci_id.vendor_id == MDEV_SIM_PCI_VENDOR_ID &&
	      dev->pci_id.device_id == MDEV_SIM_TEST_DEVICE_ID,
	      "the bus read the PCI IDs the driver matches (%04x:%04x)",
	      dev->pci_id.vendor_id, dev->pci_id.device_id);
	if (st != NULL) {
		check_eq("the driver's probe ran once", st->probes, 1);
		check(st->bad_probes == 0,
		      "the driver found regions mapped and interrupts prepared%s%s",
		      st->bad_probes != 0 ? ": " : "", st->bad_reason);
		check(strcmp(st->last_probed, ctx->uuid) == 0,
		      "the driver probed %s", ctx->uuid);
	}
	ctx->vfio = dev->vfio;
	if (!check(dev->vfio != NULL, "dev->vfio is set (NEED_MAPPING)"))
		return;
	check(strcmp(rte_vfio_dev_name(dev->vfio), ctx->uuid) == 0,
	      "the library names the device by its UUID");
	check(rte_vfio_dev_fd(dev->vfio) >= 0, "the device has a VFIO fd");
	if (ctx->ap_uuid != NULL)
		test_ap_device(ctx);
}

void
test_device_info(struct guest_ctx *ctx)
{
	const struct rte_vfio_dev *v = ctx->vfio;
	struct rte_vfio_dev *bad;

	check_eq("device flags PCI | RESET", rte_vfio_dev_flags(v),
		 VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET);
	check_eq("9 region indexes", rte_vfio_dev_nb_regions(v),
		 VFIO_PCI_NUM_REGIONS);
	check_eq("5 IRQ indexes", rte_vfio_dev_nb_irqs(v), VFIO_PCI_NUM_IRQS);
	check(rte_vfio_dev_region(v, VFIO_PCI_NUM_REGIONS) == NULL,
	      "region index 9 has no description");
	check(rte_vfio_dev_irq(v, VFIO_PCI_NUM_IRQS) == NULL,
	      "IRQ index 5 has no description");
	bad = rte_vfio_dev_open("/sys/bus/mdev/devices",
				"00000000-0000-4000-8000-000000000000", 0);
	check(bad == NULL, "opening a device that does not exist fails");
	if (bad != NULL)
		rte_vfio_dev_close(bad);
}

/* --- regions */

struct region_spec {
	uint64_t size;
	uint32_t flags;
	bool sparse;
	uint32_t nb_areas;
	struct rte_vfio_dev_area area;
	bool mapped;
};

#define RW (VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE)

/* The datasheet's region table. */
static const struct region_spec datasheet_regions[VFIO_PCI_NUM_REGIONS] = {
	[VFIO_PCI_BAR0_REGION_INDEX] = {
		.size = MDEV_SIM_TEST_BAR0_SIZE,
		.flags = RW | VFIO_REGION_INFO_FLAG_MMAP |
			VFIO_REGION_INFO_FLAG_CAPS,
		.sparse = true, .nb_areas = 1,
		.area = { MDEV_SIM_TEST_BAR0_MMAP_OFFSET,
			  MDEV_SIM_TEST_BAR0_MMAP_SIZE },
		.mapped = true,
	},
	[VFIO_PCI_BAR2_REGION_INDEX] = {
		.size = MDEV_SIM_TEST_BAR2_SIZE,
		.flags = RW | VFIO_REGION_INFO_FLAG_MMAP,
		.nb_areas = 1, .area = { 0, MDEV_SIM_TEST_BAR2_SIZE },
		.mapped = true,
	},
	[VFIO_PCI_BAR4_REGION_INDEX] = {
		.size = MDEV_SIM_TEST_BAR4_SIZE, .flags = RW,
	},
	[VFIO_PCI_CONFIG_REGION_INDEX] = { .size = 256, .flags = RW },
};

/*
 * The /proc/self/maps line holding addr: its permissions ("rw-s"), end and
 * path. False when no mapping holds it.
 */
static bool
maps_lookup(uintptr_t addr, char perms[5], uintptr_t *end, char *path,
	    size_t path_len)
{
	char line[512];
	bool found = false;
	FILE *f;

	f = fopen("/proc/self/maps", "r");
	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		uintptr_t lo, hi;
		char p[5] = "", name[256] = "";

		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %4s %*s %*s %*s %255[^\n]",
			   &lo, &hi, p, name) < 3)
			continue;
		if (addr < lo || addr >= hi)
			continue;
		found = true;
		memcpy(perms, p, 5);
		*end = hi;
		snprintf(path, path_len, "%s", name);
	}
	fclose(f);
	return found;
}

/* One mapped window: the device's pages, shared, readable and writable. */
static void
check_window(const char *what, uintptr_t lo, uintptr_t hi)
{
	char perms[5], path[256];
	uintptr_t end;

	if (!check(maps_lookup(lo, perms, &end, path, sizeof(path)),
		   "%s: mapped", what))
		return;
	check(strcmp(perms, "rw-s") == 0 && strstr(path, "vfio") != NULL,
	      "%s: a shared mapping of the VFIO device (%s %s)", what, perms,
	      path);
	check(end >= hi, "%s: the mapping covers the whole window", what);
}

static void
check_region(const struct rte_vfio_dev *v, uint32_t i)
{
	const struct region_spec *want = &datasheet_regions[i];
	const struct rte_vfio_dev_region *r = rte_vfio_dev_region(v, i);
	char what[64];

	if (!check(r != NULL, "region %u: described", i))
		return;
	snprintf(what, sizeof(what), "region %u: index", i);
	check_eq(what, r->index, i);
	snprintf(what, sizeof(what), "region %u: size", i);
	check_eq(what, r->size, want->size);
	if (want->size == 0)
		return;
	snprintf(what, sizeof(what), "region %u: flags", i);
	check_eq(what, r->flags, want->flags);
	/* The datasheet places regions at index << 40; the kernel says so. */
	snprintf(what, sizeof(what), "region %u: offset from the kernel", i);
	check_eq(what, r->offset, (uint64_t)i << 40);
	check(r->has_sparse == want->sparse, "region %u: sparse capability %s",
	      i, want->sparse ? "present" : "absent");
	check(!r->has_type && !r->msix_mappable,
	      "region %u: no type or MSI-X-mappable capability", i);
	snprintf(what, sizeof(what), "region %u: mmapable windows", i);
	if (!check_eq(what, r->nb_areas, want->nb_areas))
		return;
	if (want->nb_areas > 0)
		check(r->areas[0].offset == want->area.offset &&
		      r->areas[0].size == want->area.size,
		      "region %u: window [%#" PRIx64 ", +%#" PRIx64 ")", i,
		      r->areas[0].offset, r->areas[0].size);
	check((r->addr != NULL) == want->mapped, "region %u: %s by the bus", i,
	      want->mapped ? "mapped" : "not mapped");
}

void
test_regions(struct guest_ctx *ctx)
{
	const struct rte_vfio_dev *v = ctx->vfio;
	const struct rte_vfio_dev_region *bar0, *bar2, *bar4;
	char perms[5] = "", path[256];
	uintptr_t base, end;
	uint32_t i;

	for (i = 0; i < VFIO_PCI_NUM_REGIONS; i++)
		check_region(v, i);

	bar0 = rte_vfio_dev_region(v, VFIO_PCI_BAR0_REGION_INDEX);
	bar2 = rte_vfio_dev_region(v, VFIO_PCI_BAR2_REGION_INDEX);
	bar4 = rte_vfio_dev_region(v, VFIO_PCI_BAR4_REGION_INDEX);
	if (bar0 == NULL || bar0->addr == NULL || bar2 == NULL ||
	    bar2->addr == NULL || bar4 == NULL)
		return;

	/* BAR0 is one reservation: trapped page inaccessible, area mapped. */
	base = (uintptr_t)bar0->addr;
	check(maps_lookup(base, perms, &end, path, sizeof(path)) &&
	      perms[0] == '-' && perms[1] == '-' &&
	      end <= base + MDEV_SIM_TEST_BAR0_MMAP_OFFSET,
	      "BAR0: the trapped page is reserved but inaccessible (%s)", perms);
	check_window("BAR0 sparse area", base + MDEV_SIM_TEST_BAR0_MMAP_OFFSET,
		     base + MDEV_SIM_TEST_BAR0_SIZE);
	check_window("BAR2", (uintptr_t)bar2->addr,
		     (uintptr_t)bar2->addr + MDEV_SIM_TEST_BAR2_SIZE);

	/* Offset routing: mapped window or the device fd. */
	check(rte_vfio_dev_region_ptr(bar0, 0, 4) == NULL,
	      "routing: BAR0 register page goes through the fd");
	check(rte_vfio_dev_region_ptr(bar0, 0x1000, 4) ==
	      (char *)bar0->addr + 0x1000,
	      "routing: BAR0 0x1000 is in the mapping");
	check(rte_vfio_dev_region_ptr(bar0, 0xfffc, 4) ==
	      (char *)bar0->addr + 0xfffc,
	      "routing: BAR0 last dword is in the mapping");
	check(rte_vfio_dev_region_ptr(bar0, 0xffc, 8) == NULL,
	      "routing: a range across the trapped page's end goes through the fd");
	check(rte_vfio_dev_region_ptr(bar0, 0xfffc, 8) == NULL,
	      "routing: a range leaving BAR0 is not mapped");
	check(rte_vfio_dev_region_ptr(bar2, 0, 8) == bar2->addr,
	      "routing: BAR2 start is in the mapping");
	check(rte_vfio_dev_region_ptr(bar4, 0, 1) == NULL,
	      "routing: BAR4 (I/O) goes through the fd");
}

/* --- main */

enum run_mode {
	MODE_FULL,
	MODE_DMA,
	MODE_SECONDARY,
	MODE_NEED_VFIO,
	MODE_STRESS,
};

struct app_opts {
	enum run_mode mode;
	int huge;  /* -1: no expectation, else 0/1 */
	bool remove;
	const char *label;
	uintptr_t bar0, bar2;
	uint64_t value;
	bool hotplug;
	unsigned int rounds;
};

static void
usage(const char *prg)
{
	fprintf(stderr,
		"usage: %s [EAL options] -- --drv PLUGIN --uuid UUID [--ap-uuid UUID]\n"
		"          [--mode full|dma|needvfio|stress] [--huge yes|no] [--remove]\n"
		"          [--label NAME] [--iommu eal|type1v2|type1] [--hotplug]\n"
		"          [--rounds N]\n",
		prg);
}

static int
parse_opts(int argc, char **argv, struct guest_ctx *ctx, struct app_opts *o)
{
	static const struct option longopts[] = {
		{ "drv", required_argument, NULL, 'd' },
		{ "uuid", required_argument, NULL, 'u' },
		{ "ap-uuid", required_argument, NULL, 'a' },
		{ "mode", required_argument, NULL, 'm' },
		{ "huge", required_argument, NULL, 'H' },
		{ "remove", no_argument, NULL, 'r' },
		{ "label", required_argument, NULL, 'l' },
		{ "bar0", required_argument, NULL, '0' },
		{ "bar2", required_argument, NULL, '2' },
		{ "value", required_argument, NULL, 'v' },
		{ "iommu", required_argument, NULL, 'i' },
		{ "hotplug", no_argument, NULL, 'P' },
		{ "rounds", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': ctx->drv_path = optarg; break;
		case 'u': ctx->uuid = optarg; break;
		case 'a': ctx->ap_uuid = optarg; break;
		case 'r': o->remove = true; break;
		case 'l': o->label = optarg; break;
		case '0': o->bar0 = strtoull(optarg, NULL, 0); break;
		case '2': o->bar2 = strtoull(optarg, NULL, 0); break;
		case 'v': o->value = strtoull(optarg, NULL, 0); break;
		case 'P': o->hotplug = true; break;
		case 'R': o->rounds = strtoul(optarg, NULL, 10); break;
		case 'i':
			if (rte_vfio_dev_iommu_parse(optarg, &ctx->iommu) != 0)
				return -1;
			break;
		case 'H':
			if (strcmp(optarg, "yes") != 0 && strcmp(optarg, "no") != 0)
				return -1;
			o->huge = strcmp(optarg, "yes") == 0;
			break;
		case 'm':
			if (strcmp(optarg, "full") == 0)
				o->mode = MODE_FULL;
			else if (strcmp(optarg, "dma") == 0)
				o->mode = MODE_DMA;
			else if (strcmp(optarg, "secondary") == 0)
				o->mode = MODE_SECONDARY;
			else if (strcmp(optarg, "needvfio") == 0)
				o->mode = MODE_NEED_VFIO;
			else if (strcmp(optarg, "stress") == 0)
				o->mode = MODE_STRESS;
			else
				return -1;
			break;
		default:
			return -1;
		}
	}
	optind = 0;
	if (ctx->drv_path == NULL || ctx->uuid == NULL)
		return -1;
	return 0;
}

static int
summary(const char *label)
{
	printf("# %s: %u passed, %u failed\n", label, check_passed(),
	       check_failed());
	fflush(stdout);
	return check_failed() == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

static void
run_primary(struct guest_ctx *ctx, const struct app_opts *o)
{
	test_probe(ctx);
	if (ctx->vfio == NULL)
		return;
	test_power_on_snapshot(ctx);
	test_iommu(ctx);
	if (o->mode == MODE_FULL) {
		test_device_info(ctx);
		test_regions(ctx);
		test_mmio(ctx);
		test_pci_config(ctx);
		test_irq_info(ctx);
		test_msix_eal(ctx);
		test_msi(ctx);
		test_intx(ctx);
		test_err(ctx);
	}
	test_dma(ctx);
	test_dma_extmem(ctx);
	if (o->hotplug)
		test_dma_hotplug(ctx);
	if (o->mode == MODE_FULL) {
		test_reset(ctx);
		test_secondary(ctx);
	}
	if (o->remove)
		test_remove(ctx);
}

int
main(int argc, char **argv)
{
	struct guest_ctx ctx = { .iommu = RTE_VFIO_DEV_IOMMU_TYPE1V2 };
	struct app_opts o = { .mode = MODE_FULL, .huge = -1, .label = "",
			      .rounds = 200 };
	pid_t writer = -1;
	int sep, ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(WATCHDOG_SECONDS);
	sep = app_argv_separator(argc, argv);
	if (sep < argc) {
		char *arg0 = argv[sep];

		argv[sep] = argv[0];
		ret = parse_opts(argc - sep, argv + sep, &ctx, &o);
		argv[sep] = arg0;
	} else {
		ret = -1;
	}
	if (ret != 0) {
		usage(argv[0]);
		return 2;
	}
	set_label(o.label);
	/* rte_eal_init() rewrites argv; a secondary needs the originals. */
	ctx.eal_argc = sep;
	ctx.eal_argv = calloc(sep + 1, sizeof(*ctx.eal_argv));
	if (ctx.eal_argv == NULL)
		return EXIT_FAILURE;
	memcpy(ctx.eal_argv, argv, sep * sizeof(*argv));

	if (o.mode == MODE_NEED_VFIO)
		needvfio_register();
	ret = rte_eal_init(sep, argv);
	if (!check(ret >= 0, "EAL initialises (%s)",
		   ret >= 0 ? "ok" : rte_strerror(rte_errno)))
		return summary(argv[0]);
	if (o.huge >= 0)
		check(rte_eal_has_hugepages() == o.huge,
		      "EAL runs %s hugepages", o.huge ? "with" : "without");
	ctx.drv_state = driver_state(ctx.drv_path);

	if (o.mode == MODE_SECONDARY)
		test_secondary_side(&ctx, o.bar0, o.bar2, o.value);
	else if (o.mode == MODE_NEED_VFIO)
		test_needvfio(&ctx);
	else if (o.mode == MODE_STRESS)
		writer = test_stress(&ctx, o.rounds);
	else
		run_primary(&ctx, &o);
	ret = rte_eal_cleanup();
	check(ret == 0, "EAL cleans up (%d)", ret);
	if (o.mode == MODE_STRESS)
		test_stress_cleanup(&ctx, writer);
	free(ctx.eal_argv);
	return summary(o.label[0] != '\0' ? o.label : "test_guest_vfio");
}
