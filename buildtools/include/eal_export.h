/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_EAL_EXPORT_H
#define MDEV_EAL_EXPORT_H

/*
 * The symbol export markers of DPDK 25.07 and later, for the build out of
 * DPDK's tree: DPDK keeps its eal_export.h private (never installed), and
 * releases before 25.07 have none. They mean nothing to the compiler:
 * buildtools/gen-version-map reads them from the sources and writes the
 * linker's version script, as DPDK's build does inside its tree, where its
 * own header is found instead of this one.
 */

#define RTE_EXPORT_SYMBOL(symbol)
#define RTE_EXPORT_INTERNAL_SYMBOL(symbol)
#define RTE_EXPORT_EXPERIMENTAL_SYMBOL(symbol, ver)

#endif /* MDEV_EAL_EXPORT_H */
