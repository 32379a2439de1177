/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef TEST_CRYPTO_KAT_H
#define TEST_CRYPTO_KAT_H

#include <rte_crypto_sym.h>

/* Published known-answer vectors; byte strings are hex. */

/* NIST SP 800-38A, appendix F: CBC (F.2) and CTR (F.5). */
struct kat_cipher {
	const char *name;
	enum rte_crypto_cipher_algorithm algo;
	const char *key;
	const char *iv;
	const char *plaintext;
	const char *ciphertext;
};

/* The GCM specification's test cases, as used by NIST SP 800-38D. */
struct kat_gcm {
	const char *name;
	const char *key;
	const char *iv;
	const char *plaintext;
	const char *aad;
	const char *ciphertext;
	const char *tag;
};

/* RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA2) test cases. */
struct kat_hmac {
	const char *name;
	enum rte_crypto_auth_algorithm algo;
	const char *key;        /* hex, or NULL: key_byte repeated key_len */
	unsigned int key_len;
	unsigned char key_byte;
	const char *data;       /* text, or NULL: data_byte repeated data_len */
	unsigned int data_len;
	unsigned char data_byte;
	const char *digest;     /* possibly truncated, as the RFC gives it */
};

extern const struct kat_cipher kat_ciphers[];
extern const unsigned int kat_nb_ciphers;
extern const struct kat_gcm kat_gcms[];
extern const unsigned int kat_nb_gcms;
extern const struct kat_hmac kat_hmacs[];
extern const unsigned int kat_nb_hmacs;

#endif /* TEST_CRYPTO_KAT_H */
