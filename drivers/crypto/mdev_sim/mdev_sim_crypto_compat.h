/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_SIM_CRYPTO_COMPAT_H
#define MDEV_SIM_CRYPTO_COMPAT_H

/*
 * The cryptodev API differences between the DPDK releases the PMD builds
 * against (22.11 to 25.11), in one place.
 */

#include <rte_crypto_sym.h>
#include <rte_cryptodev.h>
#include <rte_version.h>

/* 23.03 replaced the exported name array with a lookup function. */
static inline const char *
msc_cipher_algo_name(enum rte_crypto_cipher_algorithm algo)
{
#if RTE_VERSION_NUM(23, 3, 0, 0) <= RTE_VERSION
	return rte_cryptodev_get_cipher_algo_string(algo);
#else
	return rte_crypto_cipher_algorithm_strings[algo];
#endif
}

#endif /* MDEV_SIM_CRYPTO_COMPAT_H */
