/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Symmetric sessions: a transform chain becomes the session descriptor the
 * device reads for every request. Everything the device would reject is
 * rejected here already, with a log line saying why.
 */

#include <string.h>

#include <rte_byteorder.h>

#include "mdev_sim_crypto_priv.h"

static const struct {
	enum rte_crypto_auth_algorithm algo;
	uint8_t hw;
	uint8_t digest_max;
} auth_map[] = {
	{ RTE_CRYPTO_AUTH_NULL, MDEV_SIM_CRYPTO_AUTH_NULL, 0 },
	{ RTE_CRYPTO_AUTH_SHA1_HMAC, MDEV_SIM_CRYPTO_AUTH_SHA1_HMAC, 20 },
	{ RTE_CRYPTO_AUTH_SHA224_HMAC, MDEV_SIM_CRYPTO_AUTH_SHA224_HMAC, 28 },
	{ RTE_CRYPTO_AUTH_SHA256_HMAC, MDEV_SIM_CRYPTO_AUTH_SHA256_HMAC, 32 },
	{ RTE_CRYPTO_AUTH_SHA384_HMAC, MDEV_SIM_CRYPTO_AUTH_SHA384_HMAC, 48 },
	{ RTE_CRYPTO_AUTH_SHA512_HMAC, MDEV_SIM_CRYPTO_AUTH_SHA512_HMAC, 64 },
};

/*
 * Tags tell the device that a descriptor is unchanged, so it can skip
 * reading it. Every configuration gets a new one, so a session object that
 * the pool hands out again never runs with its previous keys.
 */
static uint64_t msc_session_tag;

unsigned int
msc_session_size(struct rte_cryptodev *dev __rte_unused)
{
	return sizeof(struct msc_session);
}

static bool
aes_key_len_ok(uint16_t len)
{
	return len == 16 || len == 24 || len == 32;
}

static int
set_cipher(const struct msc_dev *dev, struct msc_session *s,
	   const struct rte_crypto_cipher_xform *x)
{
	struct mdev_sim_crypto_sess *d = &s->desc;
	uint16_t iv_len;

	switch (x->algo) {
	case RTE_CRYPTO_CIPHER_NULL:
		d->cipher_alg = MDEV_SIM_CRYPTO_CIPHER_NULL;
		iv_len = 0;
		break;
	case RTE_CRYPTO_CIPHER_AES_CBC:
		d->cipher_alg = MDEV_SIM_CRYPTO_CIPHER_AES_CBC;
		iv_len = 16;
		break;
	case RTE_CRYPTO_CIPHER_AES_CTR:
		d->cipher_alg = MDEV_SIM_CRYPTO_CIPHER_AES_CTR;
		iv_len = 16;
		break;
	default:
		MSC_LOG(DEBUG, "cipher %s not supported",
			rte_crypto_cipher_algorithm_strings[x->algo]);
		return -ENOTSUP;
	}
	if ((dev->cipher_caps & RTE_BIT32(d->cipher_alg)) == 0) {
		MSC_LOG(DEBUG, "the host kernel lacks cipher %s",
			rte_crypto_cipher_algorithm_strings[x->algo]);
		return -ENOTSUP;
	}
	if (d->cipher_alg == MDEV_SIM_CRYPTO_CIPHER_NULL ?
	    x->key.length != 0 : !aes_key_len_ok(x->key.length)) {
		MSC_LOG(ERR, "cipher key of %u bytes", x->key.length);
		return -EINVAL;
	}
	if (x->iv.length != iv_len) {
		MSC_LOG(ERR, "cipher IV of %u bytes, the algorithm takes %u",
			x->iv.length, iv_len);
		return -EINVAL;
	}
	d->cipher_op = x->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
		       MDEV_SIM_CRYPTO_OP_ENCRYPT : MDEV_SIM_CRYPTO_OP_DECRYPT;
	d->cipher_key_len = x->key.length;
	if (x->key.length != 0)
		memcpy(d->cipher_key, x->key.data, x->key.length);
	s->iv_offset = x->iv.offset;
	s->iv_len = iv_len;
	return 0;
}

static int
set_auth(const struct msc_dev *dev, struct msc_session *s,
	 const struct rte_crypto_auth_xform *x)
{
	struct mdev_sim_crypto_sess *d = &s->desc;
	unsigned int i;

	for (i = 0; i < RTE_DIM(auth_map); i++)
		if (auth_map[i].algo == x->algo)
			break;
	if (i == RTE_DIM(auth_map) ||
	    (dev->auth_caps & RTE_BIT32(auth_map[i].hw)) == 0) {
		MSC_LOG(DEBUG, "auth %s not supported",
			rte_crypto_auth_algorithm_strings[x->algo]);
		return -ENOTSUP;
	}
	if (x->iv.length != 0) {
		MSC_LOG(ERR, "auth IV not supported");
		return -EINVAL;
	}
	if (x->algo == RTE_CRYPTO_AUTH_NULL ?
	    x->key.length != 0 || x->digest_length != 0 :
	    x->key.length == 0 ||
	    x->key.length > MDEV_SIM_CRYPTO_MAX_AUTH_KEY ||
	    x->digest_length == 0 ||
	    x->digest_length > auth_map[i].digest_max) {
		MSC_LOG(ERR, "auth key of %u bytes or digest of %u bytes",
			x->key.length, x->digest_length);
		return -EINVAL;
	}
	d->auth_alg = auth_map[i].hw;
	d->auth_op = x->op == RTE_CRYPTO_AUTH_OP_GENERATE ?
		     MDEV_SIM_CRYPTO_OP_GENERATE : MDEV_SIM_CRYPTO_OP_VERIFY;
	d->auth_key_len = rte_cpu_to_le_16(x->key.length);
	if (x->key.length != 0)
		memcpy(d->auth_key, x->key.data, x->key.length);
	d->digest_len = x->digest_length;
	return 0;
}

static int
set_aead(const struct msc_dev *dev, struct msc_session *s,
	 const struct rte_crypto_aead_xform *x)
{
	struct mdev_sim_crypto_sess *d = &s->desc;

	if (x->algo != RTE_CRYPTO_AEAD_AES_GCM ||
	    (dev->cipher_caps & RTE_BIT32(MDEV_SIM_CRYPTO_CIPHER_AES_GCM)) == 0) {
		MSC_LOG(DEBUG, "AEAD %s not supported",
			rte_crypto_aead_algorithm_strings[x->algo]);
		return -ENOTSUP;
	}
	if (!aes_key_len_ok(x->key.length) || x->iv.length != 12 ||
	    x->aad_length > dev->max_aad ||
	    (x->digest_length != 4 && x->digest_length != 8 &&
	     (x->digest_length < 12 || x->digest_length > 16))) {
		MSC_LOG(ERR, "GCM key %u, IV %u, AAD %u or tag %u bytes",
			x->key.length, x->iv.length, x->aad_length,
			x->digest_length);
		return -EINVAL;
	}
	d->chain = MDEV_SIM_CRYPTO_CHAIN_AEAD;
	d->cipher_alg = MDEV_SIM_CRYPTO_CIPHER_AES_GCM;
	d->cipher_op = x->op == RTE_CRYPTO_AEAD_OP_ENCRYPT ?
		       MDEV_SIM_CRYPTO_OP_ENCRYPT : MDEV_SIM_CRYPTO_OP_DECRYPT;
	d->cipher_key_len = x->key.length;
	memcpy(d->cipher_key, x->key.data, x->key.length);
	d->digest_len = x->digest_length;
	s->iv_offset = x->iv.offset;
	s->iv_len = x->iv.length;
	s->aad_len = x->aad_length;
	return 0;
}

/* The chain's shape: one cipher, one auth, either order, or one AEAD. */
static int
set_chain(const struct msc_dev *dev, struct msc_session *s,
	  const struct rte_crypto_sym_xform *x)
{
	const struct rte_crypto_sym_xform *next = x->next;
	int ret;

	if (x->type == RTE_CRYPTO_SYM_XFORM_AEAD) {
		if (next != NULL)
			return -ENOTSUP;
		return set_aead(dev, s, &x->aead);
	}
	if (next != NULL && (next->next != NULL || next->type == x->type ||
			     next->type == RTE_CRYPTO_SYM_XFORM_AEAD))
		return -ENOTSUP;

	if (x->type == RTE_CRYPTO_SYM_XFORM_CIPHER) {
		s->desc.chain = next == NULL ? MDEV_SIM_CRYPTO_CHAIN_CIPHER :
			MDEV_SIM_CRYPTO_CHAIN_CIPHER_AUTH;
		ret = set_cipher(dev, s, &x->cipher);
		if (ret == 0 && next != NULL)
			ret = set_auth(dev, s, &next->auth);
		return ret;
	}
	if (x->type == RTE_CRYPTO_SYM_XFORM_AUTH) {
		s->desc.chain = next == NULL ? MDEV_SIM_CRYPTO_CHAIN_AUTH :
			MDEV_SIM_CRYPTO_CHAIN_AUTH_CIPHER;
		ret = set_auth(dev, s, &x->auth);
		if (ret == 0 && next != NULL)
			ret = set_cipher(dev, s, &next->cipher);
		return ret;
	}
	return -ENOTSUP;
}

int
msc_session_configure(struct rte_cryptodev *cdev,
		      struct rte_crypto_sym_xform *xform,
		      struct rte_cryptodev_sym_session *sess)
{
	struct msc_session *s = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	int ret;

	if (xform == NULL)
		return -EINVAL;
	memset(s, 0, sizeof(*s));
	ret = set_chain(cdev->data->dev_private, s, xform);
	if (ret != 0) {
		memset(s, 0, sizeof(*s));
		return ret;
	}
	s->tag = __atomic_add_fetch(&msc_session_tag, 1, __ATOMIC_RELAXED);
	return 0;
}

void
msc_session_clear(struct rte_cryptodev *dev __rte_unused,
		  struct rte_cryptodev_sym_session *sess)
{
	/* Keys must not outlive the session in the pool. */
	memset(CRYPTODEV_GET_SYM_SESS_PRIV(sess), 0, sizeof(struct msc_session));
}
