/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * LD_PRELOAD shim that makes EAL report another release, to check that the
 * bus refuses to register into a DPDK it was not built for.
 */

const char *rte_version(void);

const char *
rte_version(void)
{
	return "DPDK 99.02.0";
}
