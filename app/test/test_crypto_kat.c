/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Known-answer tests of a symmetric cryptodev through the cryptodev API:
 * NIST SP 800-38A (AES-CBC, AES-CTR), the GCM test cases of SP 800-38D,
 * RFC 2202 and RFC 4231 (HMAC-SHA1/2), for every key size the vectors
 * cover; decryption, digest verification and their failures; NULL
 * algorithms; chains checked against the single operations; and invalid
 * requests. Written for crypto_mdev_sim, it runs on any PMD that has the
 * algorithms (crypto_openssl shows the vectors themselves are right):
 *
 *   test_crypto_kat <EAL args> -- [--devtype crypto_mdev_sim]
 *
 * Prints one line per failure and "N passed, M failed" last; exits
 * non-zero when anything failed or no device of the type exists.
 */

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_crypto.h>
#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "test_crypto_kat.h"

#define KAT_MAX_DATA 256
#define KAT_MAX_KEY 256
#define KAT_MAX_DIGEST 64
/* Per-op private area: the IV, then the AAD. */
#define KAT_IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define KAT_AAD_OFF (KAT_IV_OFF + 16)
#define KAT_OP_PRIV 128

static unsigned int passed, failed;
/*
 * crypto_mdev_sim promises more than the cryptodev API does: a failed
 * verification writes no output, and malformed requests are refused.
 */
static bool strict;

#define CHECK(cond, ...) do { \
	if (cond) { \
		passed++; \
	} else { \
		failed++; \
		printf("FAIL %s:%d: ", __func__, __LINE__); \
		printf(__VA_ARGS__); \
		printf("\n"); \
	} \
} while (0)

static struct {
	uint8_t dev_id;
	struct rte_mempool *sess_mp;
	struct rte_mempool *op_mp;
	struct rte_mempool *mbuf_mp;
	uint8_t *ext;           /* DMA-able scratch for detached digests */
	rte_iova_t ext_iova;
} env;

static size_t
unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;

	while (hex[0] != '\0' && hex[1] != '\0' && n < max) {
		unsigned int byte;

		if (sscanf(hex, "%2x", &byte) != 1)
			break;
		out[n++] = byte;
		hex += 2;
	}
	return n;
}

/* A single-segment mbuf holding @len bytes of @data plus @extra spare. */
static struct rte_mbuf *
mbuf_with(const uint8_t *data, size_t len, size_t extra)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(env.mbuf_mp);
	uint8_t *p;

	if (m == NULL)
		return NULL;
	p = (uint8_t *)rte_pktmbuf_append(m, len + extra);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memcpy(p, data, len);
	memset(p + len, 0, extra);
	return m;
}

static void *
session(struct rte_crypto_sym_xform *x)
{
	return rte_cryptodev_sym_session_create(env.dev_id, x, env.sess_mp);
}

static struct rte_crypto_op *
new_op(void *sess, struct rte_mbuf *src, struct rte_mbuf *dst)
{
	struct rte_crypto_op *op;

	op = rte_crypto_op_alloc(env.op_mp, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	if (op == NULL)
		return NULL;
	rte_crypto_op_attach_sym_session(op, sess);
	op->sym->m_src = src;
	op->sym->m_dst = dst;
	return op;
}

/* Runs one op to completion: its status, or -1 if it never came back. */
static int
run_op(struct rte_crypto_op *op)
{
	struct rte_crypto_op *done = NULL;
	uint64_t deadline = rte_get_timer_cycles() + 5 * rte_get_timer_hz();

	op->status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
	if (rte_cryptodev_enqueue_burst(env.dev_id, 0, &op, 1) != 1)
		return -1;
	while (rte_cryptodev_dequeue_burst(env.dev_id, 0, &done, 1) == 0) {
		if (rte_get_timer_cycles() > deadline)
			return -1;
	}
	return done == op ? done->status : -1;
}

static void
put(void *sess, struct rte_crypto_op *op, struct rte_mbuf *a,
	struct rte_mbuf *b)
{
	rte_crypto_op_free(op);
	rte_pktmbuf_free(a);
	rte_pktmbuf_free(b);
	if (sess != NULL)
		rte_cryptodev_sym_session_free(env.dev_id, sess);
}

/* ---- ciphers ---- */

static void
cipher_xform(struct rte_crypto_sym_xform *x, const struct kat_cipher *k,
	     enum rte_crypto_cipher_operation dir, uint8_t *key)
{
	memset(x, 0, sizeof(*x));
	x->type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	x->cipher.algo = k->algo;
	x->cipher.op = dir;
	x->cipher.key.data = key;
	x->cipher.key.length = unhex(k->key, key, 32);
	x->cipher.iv.offset = KAT_IV_OFF;
	x->cipher.iv.length = 16;
}

/*
 * One direction of a cipher vector over the first @len bytes, in place or
 * out of place; bytes past @len must stay as they were.
 */
static void
cipher_case(const struct kat_cipher *k, bool encrypt, bool oop, size_t len)
{
	uint8_t key[32], iv[16], pt[64], ct[64], out[64];
	const uint8_t *in = encrypt ? pt : ct, *want = encrypt ? ct : pt;
	struct rte_crypto_sym_xform x;
	struct rte_mbuf *src, *dst = NULL;
	struct rte_crypto_op *op;
	void *sess;
	int st;

	unhex(k->iv, iv, sizeof(iv));
	unhex(k->plaintext, pt, sizeof(pt));
	unhex(k->ciphertext, ct, sizeof(ct));
	cipher_xform(&x, k, encrypt ? RTE_CRYPTO_CIPHER_OP_ENCRYPT :
		     RTE_CRYPTO_CIPHER_OP_DECRYPT, key);
	sess = session(&x);
	CHECK(sess != NULL, "%s: session: %s", k->name, rte_strerror(rte_errno));
	if (sess == NULL)
		return;
	src = mbuf_with(in, 64, 0);
	if (oop) {
		memset(out, 0xa5, sizeof(out));
		dst = mbuf_with(out, 64, 0);
	}
	op = new_op(sess, src, dst);
	memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, KAT_IV_OFF), iv, 16);
	op->sym->cipher.data.offset = 0;
	op->sym->cipher.data.length = len;

	st = run_op(op);
	memcpy(out, rte_pktmbuf_mtod(oop ? dst : src, uint8_t *), 64);
	CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS, "%s %s%s: status %d", k->name,
	      encrypt ? "encrypt" : "decrypt", oop ? " out of place" : "", st);
	CHECK(memcmp(out, want, len) == 0, "%s %s%s %zu bytes: wrong result",
	      k->name, encrypt ? "encrypt" : "decrypt",
	      oop ? " out of place" : "", len);
	if (!oop && len < 64)
		CHECK(memcmp(out + len, in + len, 64 - len) == 0,
		      "%s: bytes after the region changed", k->name);
	if (oop)
		CHECK(memcmp(rte_pktmbuf_mtod(src, uint8_t *), in, 64) == 0,
		      "%s: out of place changed the source", k->name);
	put(sess, op, src, dst);
}

static void
test_ciphers(void)
{
	unsigned int i;

	for (i = 0; i < kat_nb_ciphers; i++) {
		const struct kat_cipher *k = &kat_ciphers[i];

		cipher_case(k, true, false, 64);
		cipher_case(k, false, false, 64);
		cipher_case(k, true, true, 64);
		cipher_case(k, false, true, 64);
		/* CTR is a stream mode: a partial last block works. */
		if (k->algo == RTE_CRYPTO_CIPHER_AES_CTR)
			cipher_case(k, true, false, 61);
	}
}

/* ---- GCM ---- */

enum gcm_mode { GCM_ENCRYPT, GCM_DECRYPT, GCM_BAD_TAG, GCM_BAD_AAD };

static void
gcm_case(const struct kat_gcm *k, enum gcm_mode mode)
{
	uint8_t key[32], iv[12], pt[64], ct[64], aad[32], tag[16], *d;
	size_t klen = unhex(k->key, key, sizeof(key));
	size_t len = unhex(k->plaintext, pt, sizeof(pt));
	size_t alen = unhex(k->aad, aad, sizeof(aad));
	bool enc = mode == GCM_ENCRYPT;
	struct rte_crypto_sym_xform x;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	uint8_t *opaad;
	void *sess;
	int st;

	unhex(k->iv, iv, sizeof(iv));
	unhex(k->ciphertext, ct, sizeof(ct));
	unhex(k->tag, tag, sizeof(tag));

	memset(&x, 0, sizeof(x));
	x.type = RTE_CRYPTO_SYM_XFORM_AEAD;
	x.aead.algo = RTE_CRYPTO_AEAD_AES_GCM;
	x.aead.op = enc ? RTE_CRYPTO_AEAD_OP_ENCRYPT : RTE_CRYPTO_AEAD_OP_DECRYPT;
	x.aead.key.data = key;
	x.aead.key.length = klen;
	x.aead.iv.offset = KAT_IV_OFF;
	x.aead.iv.length = 12;
	x.aead.digest_length = 16;
	x.aead.aad_length = alen;
	sess = session(&x);
	CHECK(sess != NULL, "%s: session: %s", k->name, rte_strerror(rte_errno));
	if (sess == NULL)
		return;

	/* The tag travels right behind the text, as apps usually place it. */
	m = mbuf_with(enc ? pt : ct, len, 16);
	d = rte_pktmbuf_mtod(m, uint8_t *);
	if (!enc)
		memcpy(d + len, tag, 16);
	if (mode == GCM_BAD_TAG)
		d[len + 15] ^= 0x01;
	op = new_op(sess, m, NULL);
	memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, KAT_IV_OFF), iv, 12);
	opaad = rte_crypto_op_ctod_offset(op, uint8_t *, KAT_AAD_OFF);
	memcpy(opaad, aad, alen);
	if (mode == GCM_BAD_AAD)
		opaad[0] ^= 0x80;
	op->sym->aead.data.offset = 0;
	op->sym->aead.data.length = len;
	op->sym->aead.digest.data = d + len;
	op->sym->aead.digest.phys_addr = rte_pktmbuf_iova_offset(m, len);
	op->sym->aead.aad.data = opaad;
	op->sym->aead.aad.phys_addr = rte_crypto_op_ctophys_offset(op,
								   KAT_AAD_OFF);

	st = run_op(op);
	switch (mode) {
	case GCM_ENCRYPT:
		CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS &&
		      memcmp(d, ct, len) == 0 && memcmp(d + len, tag, 16) == 0,
		      "%s encrypt: status %d or wrong ciphertext/tag", k->name, st);
		break;
	case GCM_DECRYPT:
		CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS &&
		      memcmp(d, pt, len) == 0,
		      "%s decrypt: status %d or wrong plaintext", k->name, st);
		break;
	case GCM_BAD_TAG:
	case GCM_BAD_AAD:
		CHECK(st == RTE_CRYPTO_OP_STATUS_AUTH_FAILED,
		      "%s decrypt with a bad %s: status %d, want auth failed",
		      k->name, mode == GCM_BAD_TAG ? "tag" : "AAD", st);
		if (strict)
			CHECK(memcmp(d, ct, len) == 0,
			      "%s: a failed decrypt released plaintext",
			      k->name);
		break;
	}
	put(sess, op, m, NULL);
}

static void
test_gcm(void)
{
	unsigned int i;

	for (i = 0; i < kat_nb_gcms; i++) {
		gcm_case(&kat_gcms[i], GCM_ENCRYPT);
		gcm_case(&kat_gcms[i], GCM_DECRYPT);
		gcm_case(&kat_gcms[i], GCM_BAD_TAG);
		if (kat_gcms[i].aad[0] != '\0')
			gcm_case(&kat_gcms[i], GCM_BAD_AAD);
	}
}

/* ---- HMAC ---- */

static size_t
hmac_key(const struct kat_hmac *k, uint8_t *key)
{
	if (k->key != NULL)
		return unhex(k->key, key, KAT_MAX_KEY);
	memset(key, k->key_byte, k->key_len);
	return k->key_len;
}

static size_t
hmac_data(const struct kat_hmac *k, uint8_t *data)
{
	if (k->data != NULL) {
		memcpy(data, k->data, k->data_len);
		return k->data_len;
	}
	memset(data, k->data_byte, k->data_len);
	return k->data_len;
}

static void
auth_xform(struct rte_crypto_sym_xform *x, enum rte_crypto_auth_algorithm a,
	   enum rte_crypto_auth_operation dir, uint8_t *key, size_t klen,
	   size_t dlen)
{
	memset(x, 0, sizeof(x[0]));
	x->type = RTE_CRYPTO_SYM_XFORM_AUTH;
	x->auth.algo = a;
	x->auth.op = dir;
	x->auth.key.data = key;
	x->auth.key.length = klen;
	x->auth.digest_length = dlen;
}

enum hmac_mode { HMAC_GENERATE, HMAC_VERIFY, HMAC_BAD };

/*
 * The digest sits in a separate buffer here (the GCM and chain cases put
 * it behind the data), and is @dlen bytes: truncated when shorter.
 */
static void
hmac_case(const struct kat_hmac *k, enum hmac_mode mode, size_t dlen)
{
	uint8_t key[KAT_MAX_KEY], data[KAT_MAX_DATA], want[KAT_MAX_DIGEST];
	size_t klen = hmac_key(k, key), len = hmac_data(k, data);
	struct rte_crypto_sym_xform x;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	void *sess;
	int st;

	unhex(k->digest, want, sizeof(want));
	auth_xform(&x, k->algo, mode == HMAC_GENERATE ?
		   RTE_CRYPTO_AUTH_OP_GENERATE : RTE_CRYPTO_AUTH_OP_VERIFY,
		   key, klen, dlen);
	sess = session(&x);
	CHECK(sess != NULL, "%s: session (key %zu, digest %zu): %s", k->name,
	      klen, dlen, rte_strerror(rte_errno));
	if (sess == NULL)
		return;

	m = mbuf_with(data, len, 0);
	op = new_op(sess, m, NULL);
	op->sym->auth.data.offset = 0;
	op->sym->auth.data.length = len;
	op->sym->auth.digest.data = env.ext;
	op->sym->auth.digest.phys_addr = env.ext_iova;
	memset(env.ext, 0, KAT_MAX_DIGEST);
	if (mode != HMAC_GENERATE)
		memcpy(env.ext, want, dlen);
	if (mode == HMAC_BAD)
		env.ext[dlen - 1] ^= 0x01;

	st = run_op(op);
	switch (mode) {
	case HMAC_GENERATE:
		CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS &&
		      memcmp(env.ext, want, dlen) == 0,
		      "%s generate (%zu bytes): status %d or wrong digest",
		      k->name, dlen, st);
		break;
	case HMAC_VERIFY:
		CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS,
		      "%s verify: status %d", k->name, st);
		break;
	case HMAC_BAD:
		CHECK(st == RTE_CRYPTO_OP_STATUS_AUTH_FAILED,
		      "%s verify of a wrong digest: status %d, want auth failed",
		      k->name, st);
		break;
	}
	put(sess, op, m, NULL);
}

static void
test_hmac(void)
{
	unsigned int i;

	for (i = 0; i < kat_nb_hmacs; i++) {
		const struct kat_hmac *k = &kat_hmacs[i];
		size_t dlen = strlen(k->digest) / 2;

		hmac_case(k, HMAC_GENERATE, dlen);
		hmac_case(k, HMAC_VERIFY, dlen);
		hmac_case(k, HMAC_BAD, dlen);
	}
	/* RFC 2202 test case 5 also gives HMAC-SHA-1-96. */
	hmac_case(&kat_hmacs[4], HMAC_GENERATE, 12);
	hmac_case(&kat_hmacs[4], HMAC_VERIFY, 12);
}

/* ---- NULL algorithms ---- */

static void
test_null(void)
{
	static const uint8_t text[40] = "NULL cipher and NULL auth leave this.";
	struct rte_crypto_sym_xform x[2];
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	void *sess;
	int st;

	memset(x, 0, sizeof(x));
	x[0].type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	x[0].cipher.algo = RTE_CRYPTO_CIPHER_NULL;
	x[0].cipher.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	x[0].next = &x[1];
	x[1].type = RTE_CRYPTO_SYM_XFORM_AUTH;
	x[1].auth.algo = RTE_CRYPTO_AUTH_NULL;
	x[1].auth.op = RTE_CRYPTO_AUTH_OP_GENERATE;
	sess = session(x);
	if (sess == NULL && !strict && rte_errno == ENOTSUP) {
		printf("skipped (not counted): %s has no NULL algorithms\n",
		       rte_cryptodev_name_get(env.dev_id));
		return;
	}
	CHECK(sess != NULL, "NULL/NULL session: %s", rte_strerror(rte_errno));
	if (sess == NULL)
		return;
	m = mbuf_with(text, sizeof(text), 0);
	op = new_op(sess, m, NULL);
	op->sym->cipher.data.length = sizeof(text);
	op->sym->auth.data.length = sizeof(text);
	st = run_op(op);
	CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS &&
	      memcmp(rte_pktmbuf_mtod(m, uint8_t *), text, sizeof(text)) == 0,
	      "NULL cipher + NULL auth: status %d or data changed", st);
	put(sess, op, m, NULL);
}

/* ---- chains, checked against single operations ---- */

/* HMAC of @len bytes of @data through an auth-only session. */
static int
single_hmac(enum rte_crypto_auth_algorithm a, uint8_t *key, size_t klen,
	    const uint8_t *data, size_t len, size_t dlen, uint8_t *out)
{
	struct rte_crypto_sym_xform x;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	void *sess;
	int st;

	auth_xform(&x, a, RTE_CRYPTO_AUTH_OP_GENERATE, key, klen, dlen);
	sess = session(&x);
	if (sess == NULL)
		return -1;
	m = mbuf_with(data, len, dlen);
	op = new_op(sess, m, NULL);
	op->sym->auth.data.length = len;
	op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *, len);
	op->sym->auth.digest.phys_addr = rte_pktmbuf_iova_offset(m, len);
	st = run_op(op);
	memcpy(out, rte_pktmbuf_mtod_offset(m, uint8_t *, len), dlen);
	put(sess, op, m, NULL);
	return st == RTE_CRYPTO_OP_STATUS_SUCCESS ? 0 : -1;
}

/* AES-CBC of @len bytes in place through a cipher-only session. */
static int
single_cbc(uint8_t *key, size_t klen, const uint8_t *iv, uint8_t *data,
	   size_t len, bool encrypt)
{
	struct rte_crypto_sym_xform x;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	void *sess;
	int st;

	memset(&x, 0, sizeof(x));
	x.type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	x.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	x.cipher.op = encrypt ? RTE_CRYPTO_CIPHER_OP_ENCRYPT :
		      RTE_CRYPTO_CIPHER_OP_DECRYPT;
	x.cipher.key.data = key;
	x.cipher.key.length = klen;
	x.cipher.iv.offset = KAT_IV_OFF;
	x.cipher.iv.length = 16;
	sess = session(&x);
	if (sess == NULL)
		return -1;
	m = mbuf_with(data, len, 0);
	op = new_op(sess, m, NULL);
	memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, KAT_IV_OFF), iv, 16);
	op->sym->cipher.data.length = len;
	st = run_op(op);
	memcpy(data, rte_pktmbuf_mtod(m, uint8_t *), len);
	put(sess, op, m, NULL);
	return st == RTE_CRYPTO_OP_STATUS_SUCCESS ? 0 : -1;
}

struct chain_spec {
	const char *name;
	bool cipher_first;
	enum rte_crypto_cipher_operation cop;
	enum rte_crypto_auth_operation aop;
	size_t auth_len;        /* bytes hashed */
	size_t cipher_len;      /* bytes ciphered, may cover the digest */
};

/*
 * Runs a CBC-128 + HMAC-SHA1 chain on @data (digest right behind
 * auth_len bytes); returns the status and leaves the result in @data.
 */
static int
chain_run(const struct chain_spec *c, uint8_t *data, size_t total)
{
	const struct kat_cipher *k = &kat_ciphers[0];
	uint8_t ckey[32], akey[20], iv[16];
	struct rte_crypto_sym_xform x[2], *cx, *ax;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	void *sess;
	int st;

	memset(akey, 0x0b, sizeof(akey));
	unhex(k->iv, iv, sizeof(iv));
	cx = c->cipher_first ? &x[0] : &x[1];
	ax = c->cipher_first ? &x[1] : &x[0];
	cipher_xform(cx, k, c->cop, ckey);
	auth_xform(ax, RTE_CRYPTO_AUTH_SHA1_HMAC, c->aop, akey, 20, 20);
	x[0].next = &x[1];
	sess = session(x);
	if (sess == NULL)
		return -1;
	m = mbuf_with(data, total, 0);
	op = new_op(sess, m, NULL);
	memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, KAT_IV_OFF), iv, 16);
	op->sym->cipher.data.length = c->cipher_len;
	op->sym->auth.data.length = c->auth_len;
	op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *,
							    c->auth_len);
	op->sym->auth.digest.phys_addr = rte_pktmbuf_iova_offset(m,
								 c->auth_len);
	st = run_op(op);
	memcpy(data, rte_pktmbuf_mtod(m, uint8_t *), total);
	put(sess, op, m, NULL);
	return st;
}

static void
test_chains(void)
{
	const struct kat_cipher *k = &kat_ciphers[0];
	uint8_t ckey[32], akey[20], iv[16], pt[64], ct[64];
	uint8_t buf[96], want[96], md[20];
	size_t klen = unhex(k->key, ckey, sizeof(ckey));
	int st;
	static const struct chain_spec etm = {
		"encrypt-then-MAC", true, RTE_CRYPTO_CIPHER_OP_ENCRYPT,
		RTE_CRYPTO_AUTH_OP_GENERATE, 64, 64 };
	static const struct chain_spec vtd = {
		"verify-then-decrypt", false, RTE_CRYPTO_CIPHER_OP_DECRYPT,
		RTE_CRYPTO_AUTH_OP_VERIFY, 64, 64 };
	static const struct chain_spec mte = {
		"MAC-then-encrypt (digest encrypted)", false,
		RTE_CRYPTO_CIPHER_OP_ENCRYPT, RTE_CRYPTO_AUTH_OP_GENERATE,
		76, 96 };
	static const struct chain_spec dtv = {
		"decrypt-then-verify (digest encrypted)", true,
		RTE_CRYPTO_CIPHER_OP_DECRYPT, RTE_CRYPTO_AUTH_OP_VERIFY,
		76, 96 };

	memset(akey, 0x0b, sizeof(akey));
	unhex(k->iv, iv, sizeof(iv));
	unhex(k->plaintext, pt, sizeof(pt));
	unhex(k->ciphertext, ct, sizeof(ct));

	/* Encrypt-then-MAC: the SP 800-38A ciphertext and its HMAC. */
	CHECK(single_hmac(RTE_CRYPTO_AUTH_SHA1_HMAC, akey, 20, ct, 64, 20,
			  md) == 0, "HMAC of the ciphertext");
	memcpy(buf, pt, 64);
	memset(buf + 64, 0, 20);
	st = chain_run(&etm, buf, 84);
	CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS && memcmp(buf, ct, 64) == 0 &&
	      memcmp(buf + 64, md, 20) == 0,
	      "%s: status %d or wrong result", etm.name, st);

	memcpy(buf, ct, 64);
	memcpy(buf + 64, md, 20);
	st = chain_run(&vtd, buf, 84);
	CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS && memcmp(buf, pt, 64) == 0,
	      "%s: status %d or wrong plaintext", vtd.name, st);
	memcpy(buf, ct, 64);
	memcpy(buf + 64, md, 20);
	buf[70] ^= 0x10;
	st = chain_run(&vtd, buf, 84);
	CHECK(st == RTE_CRYPTO_OP_STATUS_AUTH_FAILED,
	      "%s with a wrong digest: status %d, want auth failed", vtd.name,
	      st);
	if (strict)
		CHECK(memcmp(buf, ct, 64) == 0,
		      "%s: failed verification still decrypted", vtd.name);

	/* MAC-then-encrypt with the digest inside the encrypted region. */
	memset(want, 0, sizeof(want));
	memcpy(want, pt, 64);
	memcpy(want + 64, pt, 12);
	CHECK(single_hmac(RTE_CRYPTO_AUTH_SHA1_HMAC, akey, 20, want, 76, 20,
			  want + 76) == 0, "HMAC of the plaintext");
	CHECK(single_cbc(ckey, klen, iv, want, 96, true) == 0,
	      "CBC of plaintext and digest");
	memset(buf, 0, sizeof(buf));
	memcpy(buf, pt, 64);
	memcpy(buf + 64, pt, 12);
	st = chain_run(&mte, buf, 96);
	CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS && memcmp(buf, want, 96) == 0,
	      "%s: status %d or wrong result", mte.name, st);
	st = chain_run(&dtv, buf, 96);
	CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS && memcmp(buf, pt, 64) == 0,
	      "%s: status %d or wrong plaintext", dtv.name, st);
	memcpy(buf, want, 96);
	buf[90] ^= 0x01;
	st = chain_run(&dtv, buf, 96);
	CHECK(st == RTE_CRYPTO_OP_STATUS_AUTH_FAILED,
	      "%s with a corrupted digest: status %d, want auth failed",
	      dtv.name, st);
}

/* ---- invalid requests ---- */

static void
test_invalid(void)
{
	uint8_t key[32] = { 0 }, data[64] = { 0 };
	struct rte_crypto_sym_xform x;
	struct rte_crypto_op *op;
	struct rte_mbuf *m, *m2;
	void *sess;

	memset(&x, 0, sizeof(x));
	x.type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	x.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	x.cipher.key.data = key;
	x.cipher.key.length = 20;
	x.cipher.iv.offset = KAT_IV_OFF;
	x.cipher.iv.length = 16;
	sess = session(&x);
	CHECK(sess == NULL, "AES key of 20 bytes accepted");
	if (sess != NULL)
		rte_cryptodev_sym_session_free(env.dev_id, sess);

	auth_xform(&x, RTE_CRYPTO_AUTH_SHA1_HMAC, RTE_CRYPTO_AUTH_OP_GENERATE,
		   key, 20, 21);
	sess = session(&x);
	CHECK(sess == NULL, "HMAC-SHA1 digest of 21 bytes accepted");
	if (sess != NULL)
		rte_cryptodev_sym_session_free(env.dev_id, sess);

	/* Values outside the enums: refused, not looked up in a table. */
	auth_xform(&x, (enum rte_crypto_auth_algorithm)0x7fffffff,
		   RTE_CRYPTO_AUTH_OP_GENERATE, key, 20, 20);
	sess = session(&x);
	CHECK(sess == NULL, "auth algorithm 0x7fffffff accepted");
	if (sess != NULL)
		rte_cryptodev_sym_session_free(env.dev_id, sess);
	auth_xform(&x, RTE_CRYPTO_AUTH_SHA1_HMAC,
		   (enum rte_crypto_auth_operation)7, key, 20, 20);
	sess = session(&x);
	CHECK(sess == NULL, "auth operation 7 accepted");
	if (sess != NULL)
		rte_cryptodev_sym_session_free(env.dev_id, sess);

	memset(&x, 0, sizeof(x));
	x.cipher.key.length = 16;
	x.type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	x.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	x.cipher.key.data = key;
	x.cipher.iv.offset = KAT_IV_OFF;
	x.cipher.iv.length = 16;
	x.cipher.op = (enum rte_crypto_cipher_operation)7;
	sess = session(&x);
	CHECK(sess == NULL, "cipher operation 7 accepted");
	if (sess != NULL)
		rte_cryptodev_sym_session_free(env.dev_id, sess);
	x.cipher.algo = (enum rte_crypto_cipher_algorithm)0x7fffffff;
	x.cipher.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	sess = session(&x);
	CHECK(sess == NULL, "cipher algorithm 0x7fffffff accepted");
	if (sess != NULL)
		rte_cryptodev_sym_session_free(env.dev_id, sess);
	x.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;

	sess = session(&x);
	CHECK(sess != NULL, "AES-128-CBC session: %s", rte_strerror(rte_errno));
	if (sess == NULL)
		return;

	/* Not a whole number of blocks: the device refuses it. */
	m = mbuf_with(data, 64, 0);
	op = new_op(sess, m, NULL);
	op->sym->cipher.data.length = 60;
	CHECK(run_op(op) == RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "CBC over 60 bytes: want invalid args");
	op->sym->cipher.data.offset = 32;
	op->sym->cipher.data.length = 48;
	CHECK(run_op(op) == RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "cipher region past the buffer: want invalid args");
	rte_crypto_op_free(op);

	/* Chained mbufs are not supported: never enqueued. */
	m2 = mbuf_with(data, 16, 0);
	if (rte_pktmbuf_chain(m, m2) != 0)
		rte_pktmbuf_free(m2);
	op = new_op(sess, m, NULL);
	op->sym->cipher.data.length = 64;
	CHECK(rte_cryptodev_enqueue_burst(env.dev_id, 0, &op, 1) == 0 &&
	      op->status == RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "chained mbuf: want not enqueued, invalid args");
	put(sess, op, m, NULL);
}

/* ---- errors only the device can see ---- */

/*
 * An IOVA no DPDK memory has: above the 47-bit user address space (IOVA as
 * VA) and far above the guest's RAM (IOVA as PA).
 */
#define KAT_UNMAPPED_IOVA (UINT64_C(1) << 47)

/*
 * Brackets one case in the output, so that the guest suite can match the
 * PMD's debug log of the device's status and error code to it.
 */
static void
marker(const char *name, const char *edge)
{
	printf("# %s %s\n", name, edge);
	fflush(stdout);
}

/*
 * Requests the PMD passes on and the device refuses: they must reach the
 * device (enqueued, no enqueue error) and come back failed.
 */
static void
test_device_errors(void)
{
	uint8_t key[16] = { 0 }, data[112];
	struct rte_cryptodev_stats before, after;
	struct rte_crypto_sym_xform x;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	rte_iova_t iova;
	void *sess;
	int st;

	memset(data, 0x5a, sizeof(data));
	memset(&x, 0, sizeof(x));
	x.type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	x.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	x.cipher.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	x.cipher.key.data = key;
	x.cipher.key.length = 16;
	x.cipher.iv.offset = KAT_IV_OFF;
	x.cipher.iv.length = 16;
	sess = session(&x);
	CHECK(sess != NULL, "AES-128-CBC session: %s", rte_strerror(rte_errno));
	if (sess == NULL)
		return;
	m = mbuf_with(data, sizeof(data), 0);
	op = new_op(sess, m, NULL);

	/* AES-CBC over 100 bytes, not whole blocks: the device's check. */
	op->sym->cipher.data.length = 100;
	rte_cryptodev_stats_get(env.dev_id, &before);
	marker("cbc-100", "begin");
	st = run_op(op);
	marker("cbc-100", "end");
	rte_cryptodev_stats_get(env.dev_id, &after);
	CHECK(st == RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "CBC over 100 bytes: status %d, want invalid args", st);
	CHECK(after.enqueued_count == before.enqueued_count + 1 &&
	      after.enqueue_err_count == before.enqueue_err_count &&
	      after.dequeue_err_count == before.dequeue_err_count + 1,
	      "CBC over 100 bytes: not refused by the device (enqueued %" PRIu64
	      ", enqueue errors %" PRIu64 ", failed %" PRIu64 ")",
	      after.enqueued_count - before.enqueued_count,
	      after.enqueue_err_count - before.enqueue_err_count,
	      after.dequeue_err_count - before.dequeue_err_count);
	CHECK(memcmp(rte_pktmbuf_mtod(m, uint8_t *), data, sizeof(data)) == 0,
	      "CBC over 100 bytes: refused, yet the data changed");

	/* A source the device cannot reach: a DMA error, nothing written. */
	iova = m->buf_iova;
	m->buf_iova = KAT_UNMAPPED_IOVA;
	op->sym->cipher.data.length = 96;
	marker("unmapped-src", "begin");
	st = run_op(op);
	marker("unmapped-src", "end");
	m->buf_iova = iova;
	CHECK(st == RTE_CRYPTO_OP_STATUS_ERROR,
	      "source at an unmapped IOVA: status %d, want error", st);

	/* The same request on mapped memory works: nothing was left stuck. */
	st = run_op(op);
	CHECK(st == RTE_CRYPTO_OP_STATUS_SUCCESS &&
	      memcmp(rte_pktmbuf_mtod(m, uint8_t *), data, 96) != 0 &&
	      memcmp(rte_pktmbuf_mtod(m, uint8_t *) + 96, data + 96, 16) == 0,
	      "CBC over 96 bytes after the errors: status %d or wrong extent",
	      st);
	put(sess, op, m, NULL);
}

/* The device's memory belongs on the node its parent reports. */
static void
test_device_node(void)
{
	struct rte_cryptodev_info info;
	int node;

	rte_cryptodev_info_get(env.dev_id, &info);
	node = info.device != NULL ? rte_dev_numa_node(info.device) : -2;
	printf("cryptodev %u: socket %d, device NUMA node %d\n", env.dev_id,
	       rte_cryptodev_socket_id(env.dev_id), node);
	CHECK(rte_cryptodev_socket_id(env.dev_id) == node,
	      "socket %d, not the device's NUMA node %d",
	      rte_cryptodev_socket_id(env.dev_id), node);
}

/* ---- set-up ---- */

static int
find_device(const char *devtype)
{
	uint8_t ids[RTE_CRYPTO_MAX_DEVS];

	if (rte_cryptodev_devices_get(devtype, ids, RTE_DIM(ids)) == 0) {
		printf("no cryptodev of type %s\n", devtype);
		return -1;
	}
	env.dev_id = ids[0];
	return 0;
}

static int
setup(void)
{
	struct rte_cryptodev_config conf = {
		.socket_id = SOCKET_ID_ANY,
		.nb_queue_pairs = 1,
	};
	struct rte_cryptodev_qp_conf qp = { .nb_descriptors = 64 };
	unsigned int sess_size;

	sess_size = rte_cryptodev_sym_get_private_session_size(env.dev_id);
	env.sess_mp = rte_cryptodev_sym_session_pool_create("kat_sess", 64,
			sess_size, 0, 0, SOCKET_ID_ANY);
	env.op_mp = rte_crypto_op_pool_create("kat_op",
			RTE_CRYPTO_OP_TYPE_SYMMETRIC, 64, 0, KAT_OP_PRIV,
			SOCKET_ID_ANY);
	env.mbuf_mp = rte_pktmbuf_pool_create("kat_mbuf", 64, 0, 0,
			RTE_PKTMBUF_HEADROOM + 2 * KAT_MAX_DATA, SOCKET_ID_ANY);
	env.ext = rte_zmalloc("kat_digest", KAT_MAX_DIGEST, 64);
	if (env.sess_mp == NULL || env.op_mp == NULL || env.mbuf_mp == NULL ||
	    env.ext == NULL) {
		printf("cannot allocate pools: %s\n", rte_strerror(rte_errno));
		return -1;
	}
	env.ext_iova = rte_malloc_virt2iova(env.ext);
	qp.mp_session = env.sess_mp;
	if (rte_cryptodev_configure(env.dev_id, &conf) != 0 ||
	    rte_cryptodev_queue_pair_setup(env.dev_id, 0, &qp,
					   SOCKET_ID_ANY) != 0 ||
	    rte_cryptodev_start(env.dev_id) != 0) {
		printf("cannot start cryptodev %u\n", env.dev_id);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "devtype", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *devtype = "crypto_mdev_sim";
	struct rte_cryptodev_stats stats;
	int ret, c;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		printf("EAL init failed: %s\n", rte_strerror(rte_errno));
		return 2;
	}
	argc -= ret;
	argv += ret;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd') {
			printf("usage: test_crypto_kat <EAL args> -- [--devtype NAME]\n");
			return 2;
		}
		devtype = optarg;
	}
	strict = strcmp(devtype, "crypto_mdev_sim") == 0;
	if (find_device(devtype) != 0 || setup() != 0)
		return 2;

	test_ciphers();
	test_gcm();
	test_hmac();
	test_null();
	test_chains();
	if (strict) {
		test_device_node();
		test_invalid();
		test_device_errors();
	}

	if (rte_cryptodev_stats_get(env.dev_id, &stats) == 0)
		printf("%s: enqueued %" PRIu64 ", dequeued %" PRIu64
		       ", enqueue errors %" PRIu64 ", failed ops %" PRIu64 "\n",
		       devtype, stats.enqueued_count, stats.dequeued_count,
		       stats.enqueue_err_count, stats.dequeue_err_count);
	rte_cryptodev_stop(env.dev_id);
	printf("%u passed, %u failed\n", passed, failed);
	rte_eal_cleanup();
	return failed != 0 || passed == 0;
}
