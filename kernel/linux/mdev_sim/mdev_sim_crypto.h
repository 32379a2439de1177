/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mdev_sim-crypto internals: the engine that runs one operation through the
 * kernel crypto API (mdev_sim_crypto_engine.c), shared by the device model
 * (mdev_sim_crypto.c) and the self-benchmark (mdev_sim_crypto_bench.c).
 */
#ifndef MDEV_SIM_CRYPTO_H
#define MDEV_SIM_CRYPTO_H

#include <linux/scatterlist.h>
#include <linux/types.h>

#include "mdev_sim_crypto_hw.h"

/*
 * Working buffer of an operation. The source bytes sit at MSC_DATA_OFF +
 * their offset in the source buffer; GCM's AAD is put right in front of
 * the cipher region and its tag right behind it, so that one scatterlist
 * covers AAD, text and tag as the AEAD API wants.
 */
#define MSC_DATA_OFF	MDEV_SIM_CRYPTO_MAX_AAD
#define MSC_BUF_SIZE	(MSC_DATA_OFF + MDEV_SIM_CRYPTO_MAX_DATA + \
			 MDEV_SIM_CRYPTO_MAX_DIGEST)

struct msc_buf {
	struct page **pages;
	unsigned int nr_pages;
	u8 *va;			/* vmap of the pages, for CPU access */
	struct scatterlist *sg;	/* nr_pages + 1 entries */
};

int msc_buf_alloc(struct msc_buf *buf);
void msc_buf_free(struct msc_buf *buf);

/* A session turned into ready, keyed transforms. */
struct msc_ctx {
	struct mdev_sim_crypto_sess sess;	/* normalised, see msc_sess_check */
	unsigned int cmp_len;			/* bytes of sess that identify it */
	struct crypto_skcipher *skcipher;
	struct skcipher_request *skreq;
	struct crypto_aead *aead;
	struct aead_request *areq;
	struct crypto_shash *shash;
	unsigned int iv_len;
	u64 sess_iova;				/* where it was last read from */
	u64 sess_tag;				/* with which tag, 0: none */
	u64 last_use;
	bool valid;
};

/* Per queue pair: a few sessions stay keyed between requests. */
#define MSC_CACHE_SIZE	8

struct msc_cache {
	struct msc_ctx ctx[MSC_CACHE_SIZE];
	struct msc_ctx *mru;
	u64 clock;
};

/* Status and error code of an operation, as the response reports them. */
struct msc_result {
	u8 status;	/* MDEV_SIM_CRYPTO_ST_* */
	u8 error;	/* MDEV_SIM_CRYPTO_ERR_* */
};

static inline void msc_set_result(struct msc_result *res, u8 status, u8 error)
{
	res->status = status;
	res->error = error;
}

/* One operation on a working buffer; regions are offsets into the data. */
struct msc_op {
	u32 src_len;
	u32 cipher_off;
	u32 cipher_len;
	u32 auth_off;
	u32 auth_len;
	u16 aad_len;
	u8 iv_len;
	const u8 *iv;
	u8 *digest;	/* MDEV_SIM_CRYPTO_MAX_DIGEST bytes: in for verify */
	/* The digest also lives in the data, inside the cipher region. */
	bool digest_in_data;
	u32 digest_off;
};

bool msc_sess_check(struct mdev_sim_crypto_sess *sess,
		    struct msc_result *res);
bool msc_op_check(const struct mdev_sim_crypto_sess *sess,
		  const struct msc_op *op, struct msc_result *res);
struct msc_ctx *msc_cache_get(struct msc_cache *cache,
			      const struct mdev_sim_crypto_sess *sess,
			      struct msc_result *res);
struct msc_ctx *msc_cache_find_tag(struct msc_cache *cache, u64 iova,
				   u64 tag);
void msc_cache_flush(struct msc_cache *cache);
int msc_ctx_init(struct msc_ctx *ctx, const struct mdev_sim_crypto_sess *sess,
		 struct msc_result *res);
void msc_ctx_fini(struct msc_ctx *ctx);
void msc_run(struct msc_ctx *ctx, struct msc_buf *buf,
	     const struct msc_op *op, struct msc_result *res);

static inline bool msc_has_cipher(u8 chain)
{
	return chain != MDEV_SIM_CRYPTO_CHAIN_AUTH;
}

static inline bool msc_has_auth(u8 chain)
{
	return chain != MDEV_SIM_CRYPTO_CHAIN_CIPHER &&
	       chain != MDEV_SIM_CRYPTO_CHAIN_AEAD;
}

void msc_caps(u32 *cipher_caps, u32 *auth_caps);
unsigned int msc_cipher_iv_len(u8 cipher_alg);

#endif /* MDEV_SIM_CRYPTO_H */
