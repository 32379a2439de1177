/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

/*
 * Shared by the libFuzzer harnesses: reading structured values out of the
 * fuzzer's bytes, and the checks that turn a wrong result into a crash
 * libFuzzer reports (a harness's only way to fail).
 */

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_log.h>

/* What libFuzzer calls; each harness defines both. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes not consumed yet; reading past the end gives zeroes. */
struct fz_input {
	const uint8_t *p;
	size_t len;
};

static inline uint8_t
fz_u8(struct fz_input *in)
{
	if (in->len == 0)
		return 0;
	in->len--;
	return *in->p++;
}

static inline uint32_t
fz_u32(struct fz_input *in)
{
	uint32_t v = 0;
	unsigned int i;

	for (i = 0; i < 4; i++)
		v |= (uint32_t)fz_u8(in) << (8 * i);
	return v;
}

static inline uint64_t
fz_u64(struct fz_input *in)
{
	return fz_u32(in) | (uint64_t)fz_u32(in) << 32;
}

/*
 * A length-prefixed byte string, at most @p max bytes (and what is left),
 * copied into @p buf and NUL-terminated (@p buf holds max + 1). Returns
 * its length; the string may hold NUL bytes of its own.
 */
static inline size_t
fz_bytes(struct fz_input *in, char *buf, size_t max)
{
	size_t n = fz_u8(in);

	if (n > max)
		n = max;
	if (n > in->len)
		n = in->len;
	memcpy(buf, in->p, n);
	buf[n] = '\0';
	in->p += n;
	in->len -= n;
	return n;
}

/* The whole input as a NUL-terminated string (NULs inside end it early). */
static inline char *
fz_string(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

/* A finding: libFuzzer saves the input that led here. */
#define FZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", \
			__FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/*
 * The code under test logs every bad input it refuses: millions of lines.
 * FUZZ_VERBOSE=1 keeps them, to see why an input is refused.
 */
static inline void
fz_quiet_logs(void)
{
	const char *v = getenv("FUZZ_VERBOSE");

	if (v == NULL || strcmp(v, "1") != 0)
		rte_log_set_global_level(RTE_LOG_EMERG);
}

/*
 * Where the harnesses make their sysfs trees: a tmpfs when there is one
 * (the scan harness makes one per input), FUZZ_TMPDIR to choose.
 */
static inline const char *
fz_tmpdir(void)
{
	const char *dir = getenv("FUZZ_TMPDIR");

	if (dir != NULL)
		return dir;
	if (access("/dev/shm", W_OK) == 0)
		return "/dev/shm";
	return NULL;
}

#endif /* FUZZ_COMMON_H */
