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

/*
 * Tags tell the device that a descriptor is unchanged, so it can skip
 * reading it. Every configuration gets a new one, so a session object that
 * the pool hands out again never runs with its previous keys.
 */
static RTE_ATOMIC(uint64_t) msc_session_tag;

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
	const struct msc_cipher_cap *c = msc_cipher_cap(x->algo);
	struct mdev_sim_crypto_sess *d = &s->desc;

	if (c == NULL) {
		/* By number: the name table has no bound to check it against. */
		MSC_LOG(DEBUG, "cipher algorithm %d not supported", x->algo);
		return -ENOTSUP;
	}
	if ((dev->cipher_caps & RTE_BIT32(c->hw)) == 0) {
		MSC_LOG(DEBUG, "the host kernel lacks cipher %s",
			msc_cipher_algo_name(x->algo));
		return -ENOTSUP;
	}
	if (x->op != RTE_CRYPTO_CIPHER_OP_ENCRYPT &&
	    x->op != RTE_CRYPTO_CIPHER_OP_DECRYPT) {
		MSC_LOG(ERR, "cipher operation %d", x->op);
		return -EINVAL;
	}
	if (c->hw == MDEV_SIM_CRYPTO_CIPHER_NULL ?
	    x->key.length != 0 : !aes_key_len_ok(x->key.length)) {
		MSC_LOG(ERR, "cipher key of %u bytes", x->key.length);
		return -EINVAL;
	}
	if (x->iv.length != c->iv) {
		MSC_LOG(ERR, "cipher IV of %u bytes, the algorithm takes %u",
			x->iv.length, c->iv);
		return -EINVAL;
	}
	d->cipher_alg = c->hw;
	d->cipher_op = x->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
		       MDEV_SIM_CRYPTO_OP_ENCRYPT : MDEV_SIM_CRYPTO_OP_DECRYPT;
	d->cipher_key_len = x->key.length;
	if (x->key.length != 0)
		memcpy(d->cipher_key, x->key.data, x->key.length);
	s->iv_offset = x->iv.offset;
	s->iv_len = c->iv;
	return 0;
}

static int
set_auth(const struct msc_dev *dev, struct msc_session *s,
	 const struct rte_crypto_auth_xform *x)
{
	const struct msc_auth_cap *a = msc_auth_cap(x->algo);
	struct mdev_sim_crypto_sess *d = &s->desc;

	if (a == NULL || (dev->auth_caps & RTE_BIT32(a->hw)) == 0) {
		MSC_LOG(DEBUG, "auth algorithm %d not supported", x->algo);
		return -ENOTSUP;
	}
	if (x->op != RTE_CRYPTO_AUTH_OP_GENERATE &&
	    x->op != RTE_CRYPTO_AUTH_OP_VERIFY) {
		MSC_LOG(ERR, "auth operation %d", x->op);
		return -EINVAL;
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
	    x->digest_length > a->digest_max) {
		MSC_LOG(ERR, "auth key of %u bytes or digest of %u bytes",
			x->key.length, x->digest_length);
		return -EINVAL;
	}
	d->auth_alg = a->hw;
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
		MSC_LOG(DEBUG, "AEAD algorithm %d not supported", x->algo);
		return -ENOTSUP;
	}
	if (x->op != RTE_CRYPTO_AEAD_OP_ENCRYPT &&
	    x->op != RTE_CRYPTO_AEAD_OP_DECRYPT) {
		MSC_LOG(ERR, "AEAD operation %d", x->op);
		return -EINVAL;
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
	/* A second transform must be the other one of cipher and auth. */
	if (next != NULL && (next->next != NULL ||
			     (next->type != RTE_CRYPTO_SYM_XFORM_CIPHER &&
			      next->type != RTE_CRYPTO_SYM_XFORM_AUTH) ||
			     next->type == x->type))
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
	s->tag = rte_atomic_fetch_add_explicit(&msc_session_tag, 1,
					       rte_memory_order_relaxed) + 1;
	return 0;
}

void
msc_session_clear(struct rte_cryptodev *dev __rte_unused,
		  struct rte_cryptodev_sym_session *sess)
{
	/* Keys must not outlive the session in the pool. */
	memset(CRYPTODEV_GET_SYM_SESS_PRIV(sess), 0, sizeof(struct msc_session));
}
