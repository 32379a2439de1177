/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The remove contract under races. Each round creates a fresh
 * mdev_sim-test device through sysfs and hot-plugs it (rte_dev_probe) to
 * the test driver, which has it mapped, with interrupts and the kernel's
 * request notifier (NEED_MAPPING). Then its removal is raced from two
 * sides: a child writes the device's sysfs "remove" (the kernel's request
 * becomes the bus's removal alarm, in EAL's interrupt thread) while this
 * thread calls rte_dev_remove() at once, after a delay that changes every
 * round, after the request's removal, or not at all. Every round must end
 * with the sysfs write done (a release the kernel waits for that never
 * comes would hang it), the device gone from sysfs, no longer probed, no
 * file descriptor left open and the type's instance back. The last device
 * is left probed with its removal under way for rte_eal_cleanup() to race.
 */

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_eal.h>

#include "test_guest_vfio.h"

#define STRESS_TYPE_DIR \
	"/sys/class/mdev_bus/mdev_sim_pci/mdev_supported_types/mdev_sim-test"
#define STRESS_WAIT_MS 30000

/* A per-round check: silent when it holds, one FAIL line when not. */
#define expect(cond, ...) ((cond) || check(false, __VA_ARGS__))
#define expect_void(cond, ...) ((void)expect(cond, __VA_ARGS__))

static char last_uuid[RTE_UUID_STRLEN];

/*
 * The descriptors a round could leave open: all but EAL's huge page files,
 * whose number follows the heap (a page is closed when the heap gives it
 * back, which can be in any round), and EAL's interrupt thread's epoll
 * descriptor, which that thread closes and creates anew each time its
 * list of sources changes (as the bus's release does, in any round): a
 * count taken in between is one short.
 */
static unsigned int
open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	char link[64], target[PATH_MAX];
	struct dirent *e;
	unsigned int n = 0;
	ssize_t len;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d))
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%s", e->d_name);
		len = readlink(link, target, sizeof(target) - 1);
		if (len < 0)
			continue;
		target[len] = '\0';
		if (strncmp(target, "/dev/hugepages/", 15) == 0 ||
		    strncmp(target, "/memfd:", 7) == 0 ||
		    strcmp(target, "anon_inode:[eventpoll]") == 0)
			continue;
		n++;
	}
	closedir(d);
	return n;
}

static long
available_instances(void)
{
	FILE *f = fopen(STRESS_TYPE_DIR "/available_instances", "r");
	long n = -1;

	if (f != NULL) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

static bool
create_device(const char *uuid)
{
	FILE *f = fopen(STRESS_TYPE_DIR "/create", "w");
	bool ok;

	if (f == NULL)
		return false;
	ok = fprintf(f, "%s\n", uuid) > 0;
	return fclose(f) == 0 && ok;
}

/* A fresh device, probed by the test driver; the writer's path in @p path. */
static bool
plug(const char *uuid, char *path, size_t len)
{
	char devargs[64];
	struct rte_mdev_device *dev;
	int ret;

	if (!expect(create_device(uuid), "stress: create %s", uuid))
		return false;
	snprintf(devargs, sizeof(devargs), "bus=mdev,uuid=%s", uuid);
	ret = rte_dev_probe(devargs);
	dev = find_mdev(uuid);
	if (!expect(ret == 0 && dev != NULL && rte_dev_is_probed(&dev->device),
		    "stress: %s hot-plugged and probed (%d)", uuid, ret))
		return false;
	snprintf(path, len, "/sys/bus/mdev/devices/%s/remove", uuid);
	return true;
}

/*
 * How this round's rte_dev_remove() meets the kernel's request: at once,
 * after a delay of up to 3 ms (changing every round), after the request
 * took the device from its driver, or not at all.
 */
enum race {
	RACE_AT_ONCE,
	RACE_DELAYED,
	RACE_AFTER_REQ,
	RACE_REQ_ONLY,
	RACE_KINDS,
};

/*
 * Once the sysfs write returns, the kernel has the device back, but the
 * bus may still be finishing the release that gave it back (in EAL's
 * interrupt thread, for a removal the kernel's request started): the
 * driver is cleared last, after every descriptor is closed.
 */
static bool
wait_unprobed(const char *uuid, unsigned int ms)
{
	struct timespec step = { .tv_sec = 0, .tv_nsec = 10 * 1000 * 1000 };
	struct rte_mdev_device *dev;
	unsigned int waited;

	for (waited = 0; waited <= ms; waited += 10) {
		dev = find_mdev(uuid);
		if (dev == NULL || !rte_dev_is_probed(&dev->device))
			return true;
		nanosleep(&step, NULL);
	}
	return false;
}

static bool
round_run(struct guest_ctx *ctx, unsigned int round, const char *uuid)
{
	struct mdev_test_vfio_state *st = ctx->drv_state;
	enum race race = round % RACE_KINDS;
	struct rte_mdev_device *dev;
	char path[128], dir[96];
	uint32_t removes0;
	int status = 0;
	bool done;
	pid_t pid;

	if (!plug(uuid, path, sizeof(path)))
		return false;
	removes0 = __atomic_load_n(&st->removes, __ATOMIC_SEQ_CST);
	pid = spawn_remove(path);
	if (!expect(pid > 0, "stress: writer started"))
		return false;
	switch (race) {
	case RACE_DELAYED:
		rte_delay_us_block((round * 397) % 3000);
		/* fall through */
	case RACE_AT_ONCE:
		dev = find_mdev(uuid);
		if (dev != NULL && rte_dev_is_probed(&dev->device))
			rte_dev_remove(&dev->device);
		break;
	case RACE_AFTER_REQ:
		/* The driver's remove ran; the bus may still be releasing. */
		expect_void(wait_counter(&st->removes, removes0 + 1,
					 STRESS_WAIT_MS),
			    "stress round %u: the request removed the driver",
			    round);
		dev = find_mdev(uuid);
		if (dev != NULL && rte_dev_is_probed(&dev->device))
			rte_dev_remove(&dev->device);
		break;
	default:
		break;
	}
	done = wait_child(pid, STRESS_WAIT_MS, &status);
	if (!expect(done && WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "stress round %u (race %d): the sysfs remove completes",
		    round, race)) {
		if (!done)
			kill(pid, SIGKILL);
		return false;
	}
	snprintf(dir, sizeof(dir), "/sys/bus/mdev/devices/%s", uuid);
	return expect(access(dir, F_OK) != 0,
		      "stress round %u: %s gone from sysfs", round, uuid) &&
		expect(wait_unprobed(uuid, STRESS_WAIT_MS),
		       "stress round %u: %s no longer probed", round, uuid) &&
		expect(__atomic_load_n(&st->removes, __ATOMIC_SEQ_CST) ==
		       removes0 + 1, "stress round %u: removed once (%u)",
		       round, __atomic_load_n(&st->removes, __ATOMIC_SEQ_CST) -
		       removes0);
}

static void
stress_uuid(char *buf, size_t len, unsigned int n)
{
	snprintf(buf, len, "5a0f0000-0000-4000-8000-%012x", n);
}

pid_t
test_stress(struct guest_ctx *ctx, unsigned int rounds)
{
	unsigned int round, fds0, fds, failed = 0;
	char uuid[RTE_UUID_STRLEN], path[128];
	long avail0;
	pid_t pid;

	if (!check(ctx->drv_state != NULL, "stress: the test driver's state"))
		return -1;
	avail0 = available_instances();
	fds0 = open_fds();
	if (!check(avail0 > 0, "stress: the type offers instances (%ld)",
		   avail0))
		return -1;
	for (round = 0; round < rounds; round++) {
		stress_uuid(uuid, sizeof(uuid), round);
		if (!round_run(ctx, round, uuid))
			failed++;
		fds = open_fds();
		if (!expect(fds == fds0, "stress round %u: open fds %u, %u before",
			    round, fds, fds0))
			failed++;
		if (failed > 0)
			break;
	}
	check(failed == 0 && round == rounds,
	      "stress: %u rounds of sysfs remove raced with rte_dev_remove(), each completed, gone, unprobed, removed once, no fd left (%u done)",
	      rounds, round);
	check_eq("stress: the type's instances are back", available_instances(),
		 avail0);

	/* The last one: its removal is under way when EAL cleans up. */
	stress_uuid(uuid, sizeof(uuid), rounds);
	if (!plug(uuid, path, sizeof(path)))
		return -1;
	strcpy(last_uuid, uuid);
	ctx->uuid = last_uuid;
	pid = spawn_remove(path);
	check(pid > 0, "stress: last writer started");
	return pid;
}

/* After rte_eal_cleanup(): the last removal completed. */
void
test_stress_cleanup(struct guest_ctx *ctx, pid_t writer)
{
	char dir[96];
	int status = 0;
	bool done;

	if (writer <= 0)
		return;
	done = wait_child(writer, STRESS_WAIT_MS, &status);
	check(done && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "stress: a removal under way at rte_eal_cleanup() completes");
	if (!done)
		kill(writer, SIGKILL);
	snprintf(dir, sizeof(dir), "/sys/bus/mdev/devices/%s", ctx->uuid);
	check(access(dir, F_OK) != 0, "stress: the last device is gone from sysfs");
}
