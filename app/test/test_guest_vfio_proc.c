/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Other processes: a DPDK secondary process that must see the primary's
 * device mappings at the same addresses, and an administrator writing
 * "remove" in sysfs while the device is probed, which the kernel turns into
 * a request (REQ) interrupt that must make the bus remove the driver and
 * release the device, so that the removal completes.
 *
 * Children close every inherited descriptor and exec at once: a copy of a
 * VFIO fd, or of a mapping of a device region (which holds the device's
 * file), would keep the device open and block its removal.
 */

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/vfio.h>

#include <rte_eal.h>
#include <rte_malloc.h>

#include "test_guest_vfio.h"

/* EAL init under TCG is slow; these are upper bounds, not expectations. */
#define SECONDARY_WAIT_MS 120000
#define REQ_WAIT_MS 30000
#define REMOVE_WAIT_MS 30000
#define BAR0_SHARED_OFF 0x1ff0

bool
wait_child(pid_t pid, unsigned int ms, int *status)
{
	struct timespec step = { .tv_sec = 0, .tv_nsec = 50 * 1000 * 1000 };
	unsigned int waited;

	for (waited = 0; waited <= ms; waited += 50) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return true;
		if (r < 0 && errno != EINTR)
			return false;
		nanosleep(&step, NULL);
	}
	return false;
}

void
close_inherited(void)
{
	close_range(STDERR_FILENO + 1, ~0U, 0);
}

/* The numbers handed to the secondary, as text; argv points into them. */
struct secondary_nums {
	char bar0[24];
	char bar2[24];
	char value[24];
};

/* The primary's EAL options plus --proc-type, then the secondary's own. */
static char **
secondary_argv(const struct guest_ctx *ctx, char *exe, uint64_t bar0,
	       uint64_t bar2, uint64_t value, struct secondary_nums *nums)
{
	char **argv;
	int i, n = 0;

	snprintf(nums->bar0, sizeof(nums->bar0), "%#" PRIx64, bar0);
	snprintf(nums->bar2, sizeof(nums->bar2), "%#" PRIx64, bar2);
	snprintf(nums->value, sizeof(nums->value), "%#" PRIx64, value);

	argv = calloc(ctx->eal_argc + 20, sizeof(*argv));
	if (argv == NULL)
		return NULL;
	argv[n++] = exe;
	for (i = 1; i < ctx->eal_argc; i++)
		argv[n++] = ctx->eal_argv[i];
	argv[n++] = (char *)"--proc-type=secondary";
	argv[n++] = (char *)"--";
	argv[n++] = (char *)"--mode";
	argv[n++] = (char *)"secondary";
	argv[n++] = (char *)"--label";
	argv[n++] = (char *)"secondary";
	argv[n++] = (char *)"--drv";
	argv[n++] = (char *)(uintptr_t)ctx->drv_path;
	argv[n++] = (char *)"--uuid";
	argv[n++] = (char *)(uintptr_t)ctx->uuid;
	argv[n++] = (char *)"--bar0";
	argv[n++] = nums->bar0;
	argv[n++] = (char *)"--bar2";
	argv[n++] = nums->bar2;
	argv[n++] = (char *)"--value";
	argv[n++] = nums->value;
	argv[n++] = (char *)"--iommu";
	argv[n++] = (char *)(uintptr_t)rte_vfio_dev_iommu_name(ctx->iommu);
	argv[n] = NULL;
	return argv;
}

void
test_secondary(struct guest_ctx *ctx)
{
	const struct rte_vfio_dev_region *bar0, *bar2;
	uint64_t value = 0xc0de0000cafe0000ULL ^ (uint64_t)getpid();
	volatile uint8_t *m0, *m2;
	char exe[PATH_MAX], **argv;
	struct secondary_nums nums;
	ssize_t len;
	int status = 0;
	bool ended;
	pid_t pid;

	bar0 = rte_vfio_dev_region(ctx->vfio, VFIO_PCI_BAR0_REGION_INDEX);
	bar2 = rte_vfio_dev_region(ctx->vfio, VFIO_PCI_BAR2_REGION_INDEX);
	if (!check(bar0->addr != NULL && bar2->addr != NULL,
		   "secondary: the primary has BAR0 and BAR2 mapped"))
		return;
	m0 = bar0->addr;
	m2 = bar2->addr;
	*(volatile uint64_t *)(m2 + GUEST_BAR2_PRIMARY_OFF) = value;
	*(volatile uint64_t *)(m2 + GUEST_BAR2_SECONDARY_OFF) = 0;
	*(volatile uint32_t *)(m0 + BAR0_SHARED_OFF) = (uint32_t)~value;

	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (!check(len > 0, "secondary: own executable found"))
		return;
	exe[len] = '\0';
	argv = secondary_argv(ctx, exe, (uintptr_t)m0, (uintptr_t)m2, value,
			      &nums);
	if (!check(argv != NULL, "secondary: arguments built"))
		return;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close_inherited();
		execv(exe, argv);
		_exit(127);
	}
	if (!check(pid > 0, "secondary: fork"))
		goto out;
	ended = wait_child(pid, SECONDARY_WAIT_MS, &status);
	check(ended && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "secondary: ran its checks and exited 0 (%s, status %#x)",
	      ended ? "ended" : "still running", status);
	if (!ended) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	check_eq("secondary: its write through its mapping reached the primary's",
		 *(volatile uint64_t *)(m2 + GUEST_BAR2_SECONDARY_OFF),
		 GUEST_SECONDARY_VALUE);
	check_eq("secondary: the primary's device still answers after it left",
		 reg_read(ctx->vfio, MDEV_SIM_TEST_REG_ID), MDEV_SIM_TEST_ID_MAGIC);
out:
	free(argv);
}

/* Runs in the secondary process. */
void
test_secondary_side(struct guest_ctx *ctx, uintptr_t bar0_addr,
		    uintptr_t bar2_addr, uint64_t value)
{
	const struct rte_vfio_dev_region *bar0, *bar2;
	struct rte_mdev_device *dev;
	uint64_t v64 = 0;

	check(rte_eal_process_type() == RTE_PROC_SECONDARY,
	      "runs as a secondary process");
	dev = find_mdev(ctx->uuid);
	if (!check(dev != NULL, "the bus lists %s", ctx->uuid))
		return;
	check(dev->driver != NULL &&
	      strcmp(dev->driver->driver.name, "mdev_test_vfio") == 0,
	      "probed by mdev_test_vfio in the secondary");
	if (ctx->drv_state != NULL)
		check(ctx->drv_state->probes == 1 && ctx->drv_state->bad_probes == 0,
		      "the driver found the device prepared%s%s",
		      ctx->drv_state->bad_probes != 0 ? ": " : "",
		      ctx->drv_state->bad_reason);
	if (!check(dev->vfio != NULL, "dev->vfio is set in the secondary"))
		return;
	bar0 = rte_vfio_dev_region(dev->vfio, VFIO_PCI_BAR0_REGION_INDEX);
	bar2 = rte_vfio_dev_region(dev->vfio, VFIO_PCI_BAR2_REGION_INDEX);
	check((uintptr_t)bar0->addr == bar0_addr,
	      "BAR0 mapped at the primary's address (%p, primary %#" PRIxPTR ")",
	      bar0->addr, bar0_addr);
	if (check((uintptr_t)bar2->addr == bar2_addr,
		  "BAR2 mapped at the primary's address (%p, primary %#" PRIxPTR ")",
		  bar2->addr, bar2_addr))
		check_eq("reads the primary's BAR2 value through the mapping",
			 *(volatile uint64_t *)((uint8_t *)bar2->addr +
						GUEST_BAR2_PRIMARY_OFF), value);
	check(rte_vfio_dev_read64(dev->vfio, VFIO_PCI_BAR2_REGION_INDEX,
				  GUEST_BAR2_PRIMARY_OFF, &v64) == 0 &&
	      v64 == value, "reads the primary's BAR2 value through the library");
	check_eq("reads the primary's BAR0 sparse-area value",
		 reg_read(dev->vfio, BAR0_SHARED_OFF), (uint32_t)~value);
	check_eq("reads the trapped ID register",
		 reg_read(dev->vfio, MDEV_SIM_TEST_REG_ID), MDEV_SIM_TEST_ID_MAGIC);
	check(rte_vfio_dev_write64(dev->vfio, VFIO_PCI_BAR2_REGION_INDEX,
				   GUEST_BAR2_SECONDARY_OFF,
				   GUEST_SECONDARY_VALUE) == 0,
	      "writes its own value to BAR2");
	test_secondary_iommu(ctx, dev->vfio);
}

/* --- removal by the administrator */

/*
 * A child forked without exec must not inherit the device's mappings: they
 * would hold the device open past the parent's release.
 */
static void
test_fork_mappings(const void *bar2)
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		char line[256];
		FILE *f = fopen("/proc/self/maps", "r");
		int found = 0;

		while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
			uintptr_t lo, hi;

			if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR, &lo, &hi) == 2 &&
			    (uintptr_t)bar2 >= lo && (uintptr_t)bar2 < hi)
				found = 1;
		}
		_exit(f == NULL ? 2 : found);
	}
	check(pid > 0 && wait_child(pid, REMOVE_WAIT_MS, &status) &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "remove: a forked child does not inherit the BAR2 mapping");
}

pid_t
spawn_remove(const char *path)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close_inherited();
		execl("/bin/sh", "sh", "-c", "echo 1 > \"$0\"", path,
		      (char *)NULL);
		_exit(127);
	}
	return pid;
}

void
test_remove(struct guest_ctx *ctx)
{
	struct mdev_test_vfio_state *st = ctx->drv_state;
	char path[PATH_MAX], dir[PATH_MAX], real[PATH_MAX];
	const struct rte_vfio_dev_region *bar2;
	struct rte_mdev_device *dev;
	uint32_t removes0;
	bool removed, done;
	int status = 0;
	void *p;
	pid_t pid;

	if (!check(st != NULL && ctx->dev != NULL,
		   "remove: the device is probed before"))
		return;
	bar2 = rte_vfio_dev_region(ctx->vfio, VFIO_PCI_BAR2_REGION_INDEX);
	if (bar2 != NULL && bar2->addr != NULL)
		test_fork_mappings(bar2->addr);
	removes0 = __atomic_load_n(&st->removes, __ATOMIC_SEQ_CST);
	snprintf(dir, sizeof(dir), "/sys/bus/mdev/devices/%s", ctx->uuid);
	snprintf(path, sizeof(path), "%s/remove", dir);
	/* The bus link goes first; the device itself only once released. */
	if (!check(realpath(dir, real) != NULL, "remove: the device's directory"))
		return;
	pid = spawn_remove(path);
	if (!check(pid > 0, "remove: writer started"))
		return;

	removed = wait_counter(&st->removes, removes0 + 1, REQ_WAIT_MS);
	check(removed, "remove: the kernel's request (REQ) made the bus remove the driver");
	check(strcmp(st->last_removed, ctx->uuid) == 0,
	      "remove: the driver removed %s", ctx->uuid);
	done = wait_child(pid, REMOVE_WAIT_MS, &status);
	check(done && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "remove: the sysfs write completes once the bus released the device");
	check(access(dir, F_OK) != 0 && access(real, F_OK) != 0,
	      "remove: the device is gone from sysfs (%s)", real);
	dev = find_mdev(ctx->uuid);
	check(dev == NULL || !rte_dev_is_probed(&dev->device),
	      "remove: the bus no longer has it probed");
	ctx->dev = NULL;
	ctx->vfio = NULL;
	p = rte_malloc(NULL, 4096, 0);
	check(p != NULL, "remove: the process keeps running (rte_malloc works)");
	rte_free(p);
	if (!done) {
		/* Release the device ourselves so that the writer can end. */
		if (dev != NULL && rte_dev_is_probed(&dev->device))
			rte_dev_remove(&dev->device);
		if (!wait_child(pid, REMOVE_WAIT_MS, &status))
			note("remove: the writer is still blocked after an explicit release");
	}
}
