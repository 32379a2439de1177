/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * A driver with RTE_MDEV_DRV_NEED_VFIO only (registered by this program in
 * --mode needvfio, for the mdev_sim-ap device): the bus opens the device
 * through the library, in the container the devargs ask for, and must be
 * able to release it once the kernel removed the device's
 * /sys/bus/mdev/devices link, which happens as soon as someone writes
 * "remove", before the kernel waits for the device to be closed.
 */

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>

#include "test_guest_vfio.h"

#define WAIT_MS 30000

static struct {
	unsigned int probes;
	unsigned int removes;
	int probe_fd;
	bool probe_open;
} needvfio;

static int
needvfio_probe(struct rte_mdev_driver *drv, struct rte_mdev_device *dev)
{
	RTE_SET_USED(drv);
	needvfio.probes++;
	needvfio.probe_open = dev->vfio != NULL &&
		dev->vfio_fd == rte_vfio_dev_fd(dev->vfio) && dev->vfio_fd >= 0;
	needvfio.probe_fd = dev->vfio_fd;
	return 0;
}

static int
needvfio_remove(struct rte_mdev_device *dev)
{
	needvfio.removes++;
	/* What a driver of the old API did: close the fd itself. */
	rte_mdev_vfio_close(dev);
	return 0;
}

static const struct rte_mdev_id needvfio_ids[] = {
	RTE_MDEV_ID_TYPE(RTE_MDEV_API_AP, "mdev_sim-ap"),
	{ .api = RTE_MDEV_API_UNKNOWN },
};

static struct rte_mdev_driver needvfio_drv = {
	.id_table = needvfio_ids,
	.probe = needvfio_probe,
	.remove = needvfio_remove,
	.drv_flags = RTE_MDEV_DRV_NEED_VFIO,
};

void
needvfio_register(void)
{
	needvfio_drv.driver.name = "mdev_test_needvfio";
	rte_mdev_register(&needvfio_drv);
}

static bool
wait_gone(const char *path, bool gone, unsigned int ms)
{
	struct timespec step = { .tv_sec = 0, .tv_nsec = 50 * 1000 * 1000 };
	unsigned int waited;

	for (waited = 0; waited <= ms; waited += 50) {
		if ((access(path, F_OK) != 0) == gone)
			return true;
		nanosleep(&step, NULL);
	}
	return false;
}

static bool
wait_writer(pid_t pid, unsigned int ms, int *status)
{
	struct timespec step = { .tv_sec = 0, .tv_nsec = 50 * 1000 * 1000 };
	unsigned int waited;

	for (waited = 0; waited <= ms; waited += 50) {
		if (waitpid(pid, status, WNOHANG) == pid)
			return true;
		nanosleep(&step, NULL);
	}
	return false;
}

void
test_needvfio(struct guest_ctx *ctx)
{
	char dir[PATH_MAX], path[PATH_MAX + 8], real[PATH_MAX];
	struct rte_mdev_device *dev;
	bool done = false;
	int status = 0;
	pid_t pid;

	dev = find_mdev(ctx->uuid);
	if (!check(dev != NULL, "the bus lists %s", ctx->uuid))
		return;
	check(dev->driver == &needvfio_drv && needvfio.probes == 1,
	      "probed by mdev_test_needvfio (RTE_MDEV_DRV_NEED_VFIO)");
	check(needvfio.probe_open,
	      "the bus opened the device through the library before probe (fd %d)",
	      needvfio.probe_fd);
	if (!check(dev->vfio != NULL, "dev->vfio is set"))
		return;
	check(rte_vfio_dev_iommu_mode(dev->vfio) == ctx->iommu,
	      "in the %s container, as the devargs ask",
	      rte_vfio_dev_iommu_name(ctx->iommu));
	check(rte_mdev_vfio_open(dev) == 0 && dev->vfio_fd == needvfio.probe_fd,
	      "rte_mdev_vfio_open() on an open device keeps it");

	snprintf(dir, sizeof(dir), "/sys/bus/mdev/devices/%s", ctx->uuid);
	snprintf(path, sizeof(path), "%s/remove", dir);
	if (!check(realpath(dir, real) != NULL, "the device's directory"))
		return;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close_range(STDERR_FILENO + 1, ~0U, 0);
		execl("/bin/sh", "sh", "-c", "echo 1 > \"$0\"", path,
		      (char *)NULL);
		_exit(127);
	}
	if (!check(pid > 0, "remove: writer started"))
		return;
	/* The kernel drops the bus link first, then waits for the device. */
	check(wait_gone(dir, true, WAIT_MS), "remove: the bus link is gone");
	check(access(real, F_OK) == 0,
	      "remove: the device itself stays while DPDK holds it");
	check(rte_dev_remove(&dev->device) == 0,
	      "remove: rte_dev_remove() after the link vanished");
	check_eq("remove: the driver's remove ran", needvfio.removes, 1);
	check(wait_gone(real, true, WAIT_MS),
	      "remove: the device is released, the kernel removed it (%s)", real);
	done = wait_writer(pid, WAIT_MS, &status);
	check(done && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "remove: the sysfs write completed");
	if (!done) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
}
