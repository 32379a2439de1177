/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * libFuzzer harness: the parameters of the bus's telemetry commands,
 * /mdev/list,<first index> and /mdev/info,<uuid>, as a telemetry client
 * sends them, over the devices of a fixed fake sysfs tree. Each reply is
 * checked against what the parameter means.
 */

#include <ctype.h>
#include <errno.h>
#include <limits.h>

#include <rte_telemetry.h>

#include "fuzz_bus.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return fz_bus_example();
}

/* What /mdev/list should take: nothing, or a decimal index that fits. */
static bool
list_param_ok(const char *p, unsigned long long *first)
{
	unsigned long long v = 0;

	*first = 0;
	if (*p == '\0')
		return true;
	for (; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			return false;
		if (v > (ULONG_MAX - (unsigned int)(*p - '0')) / 10)
			return false;
		v = v * 10 + (unsigned int)(*p - '0');
	}
	*first = v;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *params = fz_string(data, size);
	const struct rte_mdev_device *dev;
	unsigned long long first;
	struct rte_tel_data *d;
	bool known = false;
	int ret;

	d = rte_tel_data_alloc();
	FZ_CHECK(d != NULL);
	ret = mdev_telemetry_list("/mdev/list", params, d);
	FZ_CHECK(ret == (list_param_ok(params, &first) ? 0 : -EINVAL));
	rte_tel_data_free(d);

	d = rte_tel_data_alloc();
	FZ_CHECK(d != NULL);
	ret = mdev_telemetry_info("/mdev/info", params, d);
	FOREACH_MDEV_DEVICE(dev)
		if (strcasecmp(dev->name, params) == 0)
			known = true;
	if (params[0] == '\0')
		FZ_CHECK(ret == -EINVAL);
	else
		FZ_CHECK(ret == (known ? 0 : -ENODEV));
	rte_tel_data_free(d);
	free(params);
	return 0;
}
