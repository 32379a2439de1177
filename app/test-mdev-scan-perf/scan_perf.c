/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * dpdk-test-mdev-scan-perf: how much EAL initialisation costs per device,
 * for the mdev bus scanning mediated devices and for DPDK's own bus/pci
 * scanning PCI devices, measured side by side on fake sysfs trees.
 *
 *   dpdk-test-mdev-scan-perf [--count N]... [--runs R] [--build-dir D]
 *                            [--work-dir W]
 *
 * The parent builds the trees and re-executes itself with --child for every
 * measurement, so that each rte_eal_init() runs in a fresh process exactly
 * as an application's would; EAL cannot be initialised twice in a process.
 * The child reports its timings on a pipe, not on stdout, where EAL logs.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <bus_driver.h>

#include "app_bus.h"
#include "fake_sysfs.h"

#ifndef MDEV_SCAN_PERF_BUILD_DIR
#define MDEV_SCAN_PERF_BUILD_DIR "build"
#endif

#define BUS_PLUGIN_REL "drivers/bus/mdev/librte_bus_mdev.so"
#define CHILD_RESULT_FD 3
#define MAX_COUNTS 32
#define MAX_RUNS 101
#define TARGET_N 4096
#define TARGET_FACTOR 8.0

/*
 * Options every measured EAL gets: no hugepages, no shared files, quiet.
 * Not --in-memory: 22.11 treats --no-huge as legacy memory, which it
 * refuses to combine with --in-memory.
 */
static const char * const eal_common_args[] = {
	"--no-huge", "-m", "64", "--no-shconf", "-l", "0",
	"--log-level=*:error", "--no-telemetry",
};

enum bus_kind {
	BUS_MDEV,
	BUS_PCI,
	BUS_MAX,
};

static const char * const bus_names[BUS_MAX] = { "mdev", "pci" };

/* What one child measured. */
struct sample {
	uint64_t init_ns;     /* rte_eal_init(), wall clock */
	uint64_t init_cpu_ns; /* rte_eal_init(), CPU time of the main thread */
	uint64_t rescan_ns;   /* bus->scan() once more, CPU time */
	unsigned long devices;
};

/* The three timings of a sample, in the order of struct sample. */
enum metric {
	M_INIT,
	M_INIT_CPU,
	M_RESCAN,
	M_MAX,
};

struct config {
	unsigned long counts[MAX_COUNTS];
	unsigned int nb_counts;
	unsigned int runs;
	const char *build_dir;
	const char *work_dir;
	char plugin[PATH_MAX];
	char self[PATH_MAX];
};

/* Medians of one bus at one N, in ms, indexed by enum metric. */
struct result {
	double ms[M_MAX];
};

static uint64_t
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static uint64_t
now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

/* ---- child: one measured EAL initialisation ---- */

static int
count_device(const struct rte_device *dev, const void *data)
{
	RTE_SET_USED(dev);
	(*(unsigned long *)(uintptr_t)data)++;
	return 1; /* no match: find_device goes on to the next device */
}

static int
child_main(int argc, char **argv)
{
	const char *bus_name = argv[2];
	struct sample s = { 0 };
	struct rte_bus *bus;
	uint64_t t0, c0;
	char line[128];
	int len, ret;

	/* EAL sees our program name followed by the EAL arguments. */
	argv[2] = argv[0];
	/*
	 * The scan runs in this thread; its CPU time ignores what other
	 * processes on the machine do to the wall clock.
	 */
	c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	t0 = now_ns();
	ret = rte_eal_init(argc - 2, argv + 2);
	s.init_ns = now_ns() - t0;
	s.init_cpu_ns = clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
	if (ret < 0) {
		fprintf(stderr, "child: rte_eal_init failed: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	bus = rte_bus_find_by_name(bus_name);
	if (bus == NULL) {
		fprintf(stderr, "child: bus %s is not registered\n", bus_name);
		rte_eal_cleanup();
		return 1;
	}
	app_bus_find_device(bus, NULL, count_device, &s.devices);

	/*
	 * A scan that reads every device from sysfs again, without EAL's
	 * fixed costs. bus/pci's rescan does (it reads a device, then finds
	 * it listed); the mdev bus's rescan reads only entries it does not
	 * list, so its list is emptied first (its cleanup, not timed; bus/pci's
	 * cleanup of 22.11 leaves freed devices listed). Nothing sleeps in
	 * it: CPU time is its duration without the preemptions a loaded
	 * machine adds.
	 */
	if (strcmp(bus_name, "mdev") == 0)
		app_bus_cleanup(bus);
	c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	ret = bus->scan();
	s.rescan_ns = clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
	if (ret != 0)
		fprintf(stderr, "child: rescan of %s failed: %d\n",
			bus_name, ret);
	rte_eal_cleanup();

	len = snprintf(line, sizeof(line),
		       "%" PRIu64 " %" PRIu64 " %" PRIu64 " %lu\n",
		       s.init_ns, s.init_cpu_ns, s.rescan_ns, s.devices);
	if (write(CHILD_RESULT_FD, line, len) != len)
		return 1;
	return ret != 0;
}

/* ---- parent ---- */

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [--count N]... [--runs R] [--build-dir D] [--work-dir W]\n"
		"  --count N      devices per tree; repeat for several (default 0 256 1024 4096)\n"
		"  --runs R       measurements per point, the median is reported (default 5)\n"
		"  --build-dir D  build tree holding " BUS_PLUGIN_REL "\n"
		"                 (default " MDEV_SCAN_PERF_BUILD_DIR ")\n"
		"  --work-dir W   where the fake sysfs trees go (default: current directory)\n",
		prog);
}

static int
cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 != 0 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * EAL refuses "-d" for a library below a world-writable directory such as
 * /tmp; say so plainly instead of letting every child fail.
 */
static int
check_plugin_path(const char *plugin)
{
	char dir[PATH_MAX];
	struct stat st;
	char *slash;

	if (stat(plugin, &st) < 0) {
		fprintf(stderr, "mdev bus plugin %s: %s (build it with ninja, or give --build-dir)\n",
			plugin, strerror(errno));
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s", plugin);
	while ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (stat(dir, &st) == 0 && (st.st_mode & S_IWOTH) != 0) {
			fprintf(stderr, "mdev bus plugin %s is below world-writable %s: EAL refuses to load it with -d; use a build tree elsewhere\n",
				plugin, dir);
			return -1;
		}
	}
	return 0;
}

static int
parse_args(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "runs", required_argument, NULL, 'r' },
		{ "build-dir", required_argument, NULL, 'b' },
		{ "work-dir", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char buf[PATH_MAX], *end;
	unsigned long v;
	unsigned int i, j;
	bool have_zero = false;
	ssize_t n;
	int c;

	cfg->runs = 5;
	cfg->build_dir = MDEV_SCAN_PERF_BUILD_DIR;
	cfg->work_dir = ".";
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			errno = 0;
			v = strtoul(optarg, &end, 0);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    v > 1000000 || cfg->nb_counts == MAX_COUNTS - 1) {
				fprintf(stderr, "bad --count %s\n", optarg);
				return -1;
			}
			cfg->counts[cfg->nb_counts++] = v;
			break;
		case 'r':
			v = strtoul(optarg, &end, 0);
			if (end == optarg || *end != '\0' || v == 0 || v > MAX_RUNS - 1) {
				fprintf(stderr, "bad --runs %s\n", optarg);
				return -1;
			}
			cfg->runs = v;
			break;
		case 'b':
			cfg->build_dir = optarg;
			break;
		case 'w':
			cfg->work_dir = optarg;
			break;
		default:
			usage(argv[0]);
			return -1;
		}
	}
	if (optind != argc) {
		usage(argv[0]);
		return -1;
	}
	if (cfg->nb_counts == 0) {
		static const unsigned long defaults[] = { 0, 256, 1024, 4096 };

		memcpy(cfg->counts, defaults, sizeof(defaults));
		cfg->nb_counts = RTE_DIM(defaults);
	}
	/* Per-device costs are differences from an empty tree. */
	for (i = 0; i < cfg->nb_counts; i++)
		have_zero |= cfg->counts[i] == 0;
	if (!have_zero)
		cfg->counts[cfg->nb_counts++] = 0;
	qsort(cfg->counts, cfg->nb_counts, sizeof(cfg->counts[0]), cmp_ulong);
	for (i = 1, j = 1; i < cfg->nb_counts; i++)
		if (cfg->counts[i] != cfg->counts[j - 1])
			cfg->counts[j++] = cfg->counts[i];
	cfg->nb_counts = j;

	snprintf(buf, sizeof(buf), "%s/" BUS_PLUGIN_REL, cfg->build_dir);
	if (realpath(buf, cfg->plugin) == NULL) {
		fprintf(stderr, "mdev bus plugin %s: %s (build it with ninja, or give --build-dir)\n",
			buf, strerror(errno));
		return -1;
	}
	if (check_plugin_path(cfg->plugin) < 0)
		return -1;

	n = readlink("/proc/self/exe", cfg->self, sizeof(cfg->self) - 1);
	if (n < 0) {
		fprintf(stderr, "cannot find own executable: %s\n",
			strerror(errno));
		return -1;
	}
	cfg->self[n] = '\0';
	return 0;
}

/*
 * A Scalable-IOV parent, as a NIC or accelerator with thousands of queue
 * slices shows up: one parent, a few types, one IOMMU group per device.
 */
static int
build_mdev_tree(struct fake_sysfs *fs, unsigned long n)
{
	static const char * const types[] = {
		"siov_sim-q1", "siov_sim-q2", "siov_sim-q4", "siov_sim-q8",
	};
	const char *parent = "pci0000:00/0000:6a:01.0";
	char uuid[40];
	uint64_t x;
	unsigned long i;
	int ret = 0;

	for (i = 0; ret == 0 && i < RTE_DIM(types); i++)
		ret = fake_sysfs_add_type(fs, parent, types[i], "vfio-pci",
					  types[i] + strlen("siov_sim-"),
					  "queue slice");
	if (ret == 0)
		ret = fake_sysfs_set_numa(fs, parent, 0);
	for (i = 0; ret == 0 && i < n; i++) {
		/* splitmix64: random-looking, but the same tree every run. */
		x = (i + 1) * 0x9e3779b97f4a7c15ULL;
		x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
		x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
		x ^= x >> 31;
		snprintf(uuid, sizeof(uuid), "%08x-%04x-4%03x-8%03x-%012" PRIx64,
			 (unsigned int)(x >> 32), (unsigned int)(x >> 16) & 0xffff,
			 (unsigned int)x & 0xfff, (unsigned int)(i >> 12) & 0xfff,
			 (uint64_t)i);
		ret = fake_sysfs_add_mdev(fs, parent, types[i % RTE_DIM(types)],
					  uuid, (int)i, "siov_sim");
	}
	return ret;
}

static int
write_value(const char *dir, const char *name, const char *attr,
	    const char *value)
{
	char path[PATH_MAX];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, attr);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) != (ssize_t)strlen(value))
		ret = -EIO;
	close(fd);
	return ret;
}

/*
 * Two changes make the PCI tree measure the scan and not a PMD:
 * - bus/pci of 22.11 drops a device without a "driver" link, so every
 *   device is bound to a kernel driver DPDK does not manage, as on a host
 *   whose devices stay with the kernel;
 * - the virtio-net ID fake_sysfs_add_pci() gives is claimed by net/virtio,
 *   whose probe of such a device fails loudly; virtio-fs is claimed by no
 *   PMD, so the probe only matches ID tables, the same for every device.
 */
static int
adjust_pci_devices(struct fake_sysfs *fs)
{
	const char *devices = fake_sysfs_pci_devices(fs);
	char path[PATH_MAX];
	struct dirent *e;
	DIR *dir;
	int ret = 0;

	dir = opendir(devices);
	if (dir == NULL)
		return -errno;
	while (ret == 0 && (e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		ret = write_value(devices, e->d_name, "device", "0x105a\n");
		if (ret == 0)
			ret = write_value(devices, e->d_name, "class",
					  "0x018000\n");
		if (ret < 0)
			break;
		/* Through the bus link, into devices/pci0000:00/<name>/. */
		snprintf(path, sizeof(path), "%s/%s/driver", devices, e->d_name);
		if (symlink("../../../bus/pci/drivers/virtio-pci", path) < 0)
			ret = -errno;
	}
	closedir(dir);
	return ret;
}

static int
build_pci_tree(struct fake_sysfs *fs, unsigned long n)
{
	unsigned long i;
	int ret = 0;

	for (i = 0; ret == 0 && i < n; i++)
		ret = fake_sysfs_add_pci(fs, i);
	return ret == 0 ? adjust_pci_devices(fs) : ret;
}

/* Run one child measuring @p kind on the tree @p fs. */
static int
run_child(const struct config *cfg, enum bus_kind kind,
	  const struct fake_sysfs *fs, struct sample *s)
{
	const char *argv[8 + RTE_DIM(eal_common_args)];
	unsigned int argc = 0, i;
	char buf[256];
	size_t len = 0;
	ssize_t n;
	int pipefd[2], status;
	pid_t pid;

	argv[argc++] = cfg->self;
	argv[argc++] = "--child";
	argv[argc++] = bus_names[kind];
	for (i = 0; i < RTE_DIM(eal_common_args); i++)
		argv[argc++] = eal_common_args[i];
	if (kind == BUS_MDEV) {
		argv[argc++] = "-d";
		argv[argc++] = cfg->plugin;
		argv[argc++] = "--no-pci";
	}
	argv[argc] = NULL;

	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		fprintf(stderr, "pipe: %s\n", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "fork: %s\n", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		/* Each child sees one bus's tree and nothing of the other. */
		unsetenv("SYSFS_MDEV_DEVICES");
		unsetenv("SYSFS_PCI_DEVICES");
		if (kind == BUS_MDEV)
			setenv("SYSFS_MDEV_DEVICES",
			       fake_sysfs_mdev_devices(fs), 1);
		else
			setenv("SYSFS_PCI_DEVICES",
			       fake_sysfs_pci_devices(fs), 1);
		/* dup2() onto itself would keep O_CLOEXEC: clear it. */
		if (pipefd[1] == CHILD_RESULT_FD ?
		    fcntl(pipefd[1], F_SETFD, 0) < 0 :
		    dup2(pipefd[1], CHILD_RESULT_FD) < 0)
			_exit(127);
		execv(cfg->self, (char * const *)(uintptr_t)argv);
		_exit(127);
	}
	close(pipefd[1]);
	while (len < sizeof(buf) - 1 &&
	       (n = read(pipefd[0], buf + len, sizeof(buf) - 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		len += n;
	}
	buf[len] = '\0';
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) < 0 ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "%s child failed (status 0x%x)\n",
			bus_names[kind], status);
		return -1;
	}
	if (sscanf(buf, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %lu",
		   &s->init_ns, &s->init_cpu_ns, &s->rescan_ns,
		   &s->devices) != 4) {
		fprintf(stderr, "%s child reported nothing\n", bus_names[kind]);
		return -1;
	}
	return 0;
}

static double
sample_ms(const struct sample *s, enum metric m)
{
	switch (m) {
	case M_INIT:
		return s->init_ns / 1e6;
	case M_INIT_CPU:
		return s->init_cpu_ns / 1e6;
	default:
		return s->rescan_ns / 1e6;
	}
}

/*
 * Every run goes over all N and both buses before the next run starts, so
 * that drift (other load, cache state) hits every point alike instead of
 * biasing one N; the N=0 baseline is subtracted from each.
 */
static int
measure(const struct config *cfg, struct fake_sysfs *fs[][BUS_MAX],
	struct result res[][BUS_MAX])
{
	double (*ms)[BUS_MAX][M_MAX][MAX_RUNS];
	struct sample s;
	unsigned int r, i, k, m;

	ms = calloc(cfg->nb_counts, sizeof(*ms));
	if (ms == NULL)
		return -1;
	for (r = 0; r <= cfg->runs; r++) {
		printf(r == 0 ? "warm-up run" : " %u", r);
		fflush(stdout);
		for (i = 0; i < cfg->nb_counts; i++) {
			for (k = 0; k < BUS_MAX; k++) {
				if (run_child(cfg, k, fs[i][k], &s) < 0)
					goto fail;
				if (s.devices != cfg->counts[i]) {
					fprintf(stderr, "\nbus %s saw %lu devices in a tree of %lu: the benchmark would measure the wrong thing\n",
						bus_names[k], s.devices,
						cfg->counts[i]);
					goto fail;
				}
				/* Run 0 warms the caches and is not counted. */
				if (r == 0)
					continue;
				for (m = 0; m < M_MAX; m++)
					ms[i][k][m][r - 1] = sample_ms(&s, m);
			}
		}
	}
	printf("\n");
	for (i = 0; i < cfg->nb_counts; i++)
		for (k = 0; k < BUS_MAX; k++)
			for (m = 0; m < M_MAX; m++)
				res[i][k].ms[m] = median(ms[i][k][m], cfg->runs);
	free(ms);
	return 0;
fail:
	free(ms);
	return -1;
}

/* Per-device cost of metric @p m at counts[i], in µs: (t(N) - t(0)) / N. */
static double
per_device_us(const struct config *cfg, struct result res[][BUS_MAX],
	      unsigned int i, enum bus_kind k, enum metric m)
{
	unsigned long n = cfg->counts[i];

	/* counts[0] is 0: the options parser makes sure of it. */
	return n == 0 ? 0 : (res[i][k].ms[m] - res[0][k].ms[m]) * 1000.0 / n;
}

static double
ratio(double pci, double mdev)
{
	return mdev > 0 ? pci / mdev : 0;
}

static void
print_table(const struct config *cfg, struct result res[][BUS_MAX],
	    enum metric m, const char *what)
{
	char mdev_col[32], pci_col[32];
	unsigned int i;

	snprintf(mdev_col, sizeof(mdev_col), "mdev %s", what);
	snprintf(pci_col, sizeof(pci_col), "pci %s", what);
	/* printf pads bytes: one more for the two bytes of "µ". */
	printf("%8s %13s %13s %16s %15s %15s\n", "N", mdev_col, pci_col,
	       "mdev µs/device", "pci µs/device", "ratio pci/mdev");
	for (i = 0; i < cfg->nb_counts; i++) {
		double md = per_device_us(cfg, res, i, BUS_MDEV, m);
		double pd = per_device_us(cfg, res, i, BUS_PCI, m);

		printf("%8lu %13.2f %13.2f ", cfg->counts[i],
		       res[i][BUS_MDEV].ms[m], res[i][BUS_PCI].ms[m]);
		if (cfg->counts[i] == 0)
			printf("%15s %14s %15s\n", "-", "-", "-");
		else
			printf("%15.2f %14.2f %15.2f\n", md, pd,
			       ratio(pd, md));
	}
}

static void
print_results(const struct config *cfg, struct result res[][BUS_MAX])
{
	unsigned int i, t = 0;
	double md, pd;

	printf("\nEAL init (wall clock), median of %u runs; per-device cost = (t(N) - t(0)) / N\n",
	       cfg->runs);
	print_table(cfg, res, M_INIT, "init ms");
	printf("\nEAL init, CPU time of the main thread (insensitive to other load)\n");
	print_table(cfg, res, M_INIT_CPU, "cpu ms");
	printf("\nScan alone: CPU time of a bus->scan() after init that reads every device again\n");
	print_table(cfg, res, M_RESCAN, "scan ms");

	/* The target is set at N=4096, else judged at the largest N. */
	for (i = 1; i < cfg->nb_counts; i++) {
		t = i;
		if (cfg->counts[i] >= TARGET_N)
			break;
	}
	printf("\n");
	if (t == 0) {
		printf("target (mdev per-device cost <= 1/%.0f of bus/pci): not evaluated, no N > 0\n",
		       TARGET_FACTOR);
		return;
	}
	md = per_device_us(cfg, res, t, BUS_MDEV, M_INIT);
	pd = per_device_us(cfg, res, t, BUS_PCI, M_INIT);
	/* A cost <= 0 means the noise is larger than what N devices add. */
	printf("target (mdev per-device cost <= 1/%.0f of bus/pci): %s (N=%lu: mdev %.2f µs/device, bus/pci %.2f µs/device, pci/mdev %.2f)\n",
	       TARGET_FACTOR,
	       md <= 0 || pd <= 0 ? "inconclusive, more devices or runs needed" :
	       md * TARGET_FACTOR <= pd ? "met" : "not met",
	       cfg->counts[t], md, pd, ratio(pd, md));
	printf("  same at N=%lu by main-thread CPU time: pci/mdev %.2f; by scan alone: pci/mdev %.2f\n",
	       cfg->counts[t],
	       ratio(per_device_us(cfg, res, t, BUS_PCI, M_INIT_CPU),
		     per_device_us(cfg, res, t, BUS_MDEV, M_INIT_CPU)),
	       ratio(per_device_us(cfg, res, t, BUS_PCI, M_RESCAN),
		     per_device_us(cfg, res, t, BUS_MDEV, M_RESCAN)));
}

static int
parent_main(int argc, char **argv)
{
	static struct fake_sysfs *fs[MAX_COUNTS][BUS_MAX];
	static struct result res[MAX_COUNTS][BUS_MAX];
	char scratch[PATH_MAX];
	struct config cfg;
	unsigned int i, k;
	int ret = 1;

	memset(&cfg, 0, sizeof(cfg));
	if (parse_args(&cfg, argc, argv) < 0)
		return 1;
	snprintf(scratch, sizeof(scratch), "%s/mdev-scan-perf.XXXXXX",
		 cfg.work_dir);
	if (mkdtemp(scratch) == NULL) {
		fprintf(stderr, "cannot make a scratch directory in %s: %s\n",
			cfg.work_dir, strerror(errno));
		return 1;
	}

	printf("mdev bus: %s\nscratch: %s\nEAL:", cfg.plugin, scratch);
	for (i = 0; i < RTE_DIM(eal_common_args); i++)
		printf(" %s", eal_common_args[i]);
	printf("\nbuilding trees:");
	fflush(stdout);

	for (i = 0; i < cfg.nb_counts; i++) {
		unsigned long n = cfg.counts[i];

		printf(" %lu", n);
		fflush(stdout);
		fs[i][BUS_MDEV] = fake_sysfs_create(scratch);
		fs[i][BUS_PCI] = fake_sysfs_create(scratch);
		if (fs[i][BUS_MDEV] == NULL || fs[i][BUS_PCI] == NULL ||
		    build_mdev_tree(fs[i][BUS_MDEV], n) < 0 ||
		    build_pci_tree(fs[i][BUS_PCI], n) < 0) {
			fprintf(stderr, "\ncannot build fake sysfs trees of %lu devices in %s\n",
				n, scratch);
			goto out;
		}
	}
	printf("\n");
	if (measure(&cfg, fs, res) < 0)
		goto out;
	print_results(&cfg, res);
	ret = 0;
out:
	for (i = 0; i < cfg.nb_counts; i++)
		for (k = 0; k < BUS_MAX; k++)
			fake_sysfs_destroy(fs[i][k]);
	rmdir(scratch);
	return ret;
}

int
main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "--child") == 0)
		return child_main(argc, argv);
	return parent_main(argc, argv);
}
