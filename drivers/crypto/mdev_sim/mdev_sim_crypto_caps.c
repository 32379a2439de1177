/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * The capability list is built from what the device reports in its
 * capability registers, so it names exactly the algorithms the host kernel
 * can run for it, with the key, digest, IV and AAD sizes the device
 * accepts.
 */

#include <rte_malloc.h>

#include "mdev_sim_crypto_priv.h"

static const struct msc_cipher_cap cipher_caps[] = {
	{ MDEV_SIM_CRYPTO_CIPHER_NULL, RTE_CRYPTO_CIPHER_NULL, 1, 0, 0, 0, 0 },
	{ MDEV_SIM_CRYPTO_CIPHER_AES_CBC, RTE_CRYPTO_CIPHER_AES_CBC,
	  16, 16, 32, 8, 16 },
	{ MDEV_SIM_CRYPTO_CIPHER_AES_CTR, RTE_CRYPTO_CIPHER_AES_CTR,
	  16, 16, 32, 8, 16 },
};

static const struct msc_auth_cap auth_caps[] = {
	{ MDEV_SIM_CRYPTO_AUTH_NULL, RTE_CRYPTO_AUTH_NULL, 1, 0 },
	{ MDEV_SIM_CRYPTO_AUTH_SHA1_HMAC, RTE_CRYPTO_AUTH_SHA1_HMAC, 64, 20 },
	{ MDEV_SIM_CRYPTO_AUTH_SHA224_HMAC, RTE_CRYPTO_AUTH_SHA224_HMAC, 64, 28 },
	{ MDEV_SIM_CRYPTO_AUTH_SHA256_HMAC, RTE_CRYPTO_AUTH_SHA256_HMAC, 64, 32 },
	{ MDEV_SIM_CRYPTO_AUTH_SHA384_HMAC, RTE_CRYPTO_AUTH_SHA384_HMAC,
	  128, 48 },
	{ MDEV_SIM_CRYPTO_AUTH_SHA512_HMAC, RTE_CRYPTO_AUTH_SHA512_HMAC,
	  128, 64 },
};

const struct msc_cipher_cap *
msc_cipher_cap(enum rte_crypto_cipher_algorithm algo)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(cipher_caps); i++)
		if (cipher_caps[i].algo == algo)
			return &cipher_caps[i];
	return NULL;
}

const struct msc_auth_cap *
msc_auth_cap(enum rte_crypto_auth_algorithm algo)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(auth_caps); i++)
		if (auth_caps[i].algo == algo)
			return &auth_caps[i];
	return NULL;
}

static void
add_cipher(struct rte_cryptodev_capabilities *cap,
	   const struct msc_cipher_cap *c)
{
	cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	cap->sym.cipher.algo = c->algo;
	cap->sym.cipher.block_size = c->block;
	cap->sym.cipher.key_size.min = c->key_min;
	cap->sym.cipher.key_size.max = c->key_max;
	cap->sym.cipher.key_size.increment = c->key_inc;
	cap->sym.cipher.iv_size.min = c->iv;
	cap->sym.cipher.iv_size.max = c->iv;
}

/* HMAC keys of any length up to the device's limit; truncated digests. */
static void
add_auth(struct rte_cryptodev_capabilities *cap, const struct msc_auth_cap *a)
{
	bool hmac = a->algo != RTE_CRYPTO_AUTH_NULL;

	cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_AUTH;
	cap->sym.auth.algo = a->algo;
	cap->sym.auth.block_size = a->block;
	cap->sym.auth.key_size.min = hmac ? 1 : 0;
	cap->sym.auth.key_size.max = hmac ? MDEV_SIM_CRYPTO_MAX_AUTH_KEY : 0;
	cap->sym.auth.key_size.increment = hmac ? 1 : 0;
	cap->sym.auth.digest_size.min = hmac ? 1 : 0;
	cap->sym.auth.digest_size.max = a->digest_max;
	cap->sym.auth.digest_size.increment = hmac ? 1 : 0;
}

static void
add_gcm(struct rte_cryptodev_capabilities *cap, uint32_t max_aad)
{
	cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_AEAD;
	cap->sym.aead.algo = RTE_CRYPTO_AEAD_AES_GCM;
	cap->sym.aead.block_size = 16;
	cap->sym.aead.key_size.min = 16;
	cap->sym.aead.key_size.max = 32;
	cap->sym.aead.key_size.increment = 8;
	/* The device also takes 13-15; the list can only say 4, 8, 12, 16. */
	cap->sym.aead.digest_size.min = 4;
	cap->sym.aead.digest_size.max = 16;
	cap->sym.aead.digest_size.increment = 4;
	cap->sym.aead.aad_size.min = 0;
	cap->sym.aead.aad_size.max = RTE_MIN(max_aad, (uint32_t)UINT16_MAX);
	cap->sym.aead.aad_size.increment = 1;
	cap->sym.aead.iv_size.min = 12;
	cap->sym.aead.iv_size.max = 12;
}

struct rte_cryptodev_capabilities *
msc_caps_build(uint32_t cipher_hw, uint32_t auth_hw, uint32_t max_aad)
{
	struct rte_cryptodev_capabilities *caps;
	unsigned int i, n = 0;

	/* Every cipher and auth, GCM, and the end of the list. */
	caps = rte_zmalloc("mdev_sim_crypto_caps",
			   (RTE_DIM(cipher_caps) + RTE_DIM(auth_caps) + 2) *
			   sizeof(*caps), 0);
	if (caps == NULL)
		return NULL;

	for (i = 0; i < RTE_DIM(cipher_caps); i++)
		if (cipher_hw & RTE_BIT32(cipher_caps[i].hw))
			add_cipher(&caps[n++], &cipher_caps[i]);
	for (i = 0; i < RTE_DIM(auth_caps); i++)
		if (auth_hw & RTE_BIT32(auth_caps[i].hw))
			add_auth(&caps[n++], &auth_caps[i]);
	if (cipher_hw & RTE_BIT32(MDEV_SIM_CRYPTO_CIPHER_AES_GCM))
		add_gcm(&caps[n++], max_aad);

	/* The zeroed entry after the last is the end of the list. */
	caps[n].op = RTE_CRYPTO_OP_TYPE_UNDEFINED;
	return caps;
}
