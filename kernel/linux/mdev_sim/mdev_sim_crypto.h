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

#include "mdev_sim.h"
#include "mdev_sim_crypto_hw.h"

/*
 * The engine works on views: the bytes of an operand (the source data,
 * GCM's AAD, a digest or tag) as a list of pieces of pages. The device
 * builds them over the driver's pinned pages (zero-copy) or over its
 * bounce buffer (copy path), the self-benchmark over a kernel buffer; the
 * engine code is the same for all three.
 */
struct msc_view {
	u32 origin;		/* offset of the first byte in its buffer */
	u32 len;
	unsigned int nsegs;
	unsigned int max_segs;
	struct mdev_sim_seg *seg;
};

/* A range of MAX_DATA bytes spans this many pages at most, AAD and digest 2. */
#define MSC_DATA_SEGS	(MDEV_SIM_CRYPTO_MAX_DATA / PAGE_SIZE + 1)
#define MSC_AAD_SEGS	(MDEV_SIM_CRYPTO_MAX_AAD / PAGE_SIZE + 2)
#define MSC_DIGEST_SEGS	2
#define MSC_SG_MAX	(MSC_DATA_SEGS + MSC_AAD_SEGS + MSC_DIGEST_SEGS)

/* The engine's scratch space: one per queue pair, or per benchmark run. */
struct msc_work {
	struct msc_view data;
	struct msc_view aad;
	struct msc_view digest;
	struct mdev_sim_seg data_seg[MSC_DATA_SEGS];
	struct mdev_sim_seg aad_seg[MSC_AAD_SEGS];
	struct mdev_sim_seg digest_seg[MSC_DIGEST_SEGS];
	struct scatterlist sg[MSC_SG_MAX];
	u8 md[MDEV_SIM_CRYPTO_MAX_DIGEST];	/* computed digest */
	u8 expect[MDEV_SIM_CRYPTO_MAX_DIGEST];	/* digest to verify */
	u8 tag[MDEV_SIM_CRYPTO_MAX_DIGEST];	/* throw-away GCM tag */
};

struct msc_work *msc_work_alloc(void);
void msc_work_free(struct msc_work *work);

/*
 * Bounce buffer of the copy path (and of the self-benchmark). The AAD sits
 * at its start, the source bytes at MSC_DATA_OFF + their offset in the
 * source buffer, followed by room for a digest that travels in the same
 * transfer, and a separate digest area.
 */
#define MSC_AAD_OFF	0
#define MSC_DATA_OFF	MDEV_SIM_CRYPTO_MAX_AAD
#define MSC_DIGEST_OFF	(MSC_DATA_OFF + MDEV_SIM_CRYPTO_MAX_DATA + \
			 MDEV_SIM_CRYPTO_MAX_DIGEST)
#define MSC_BUF_SIZE	(MSC_DIGEST_OFF + MDEV_SIM_CRYPTO_MAX_DIGEST)

struct msc_buf {
	struct page **pages;
	unsigned int nr_pages;
	u8 *va;			/* vmap of the pages, for CPU access */
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

/*
 * One operation. Regions are offsets into the source buffer; the caller
 * points the views at the operands before msc_run().
 */
struct msc_op {
	u32 src_len;
	u32 cipher_off;
	u32 cipher_len;
	u32 auth_off;
	u32 auth_len;
	u16 aad_len;
	u8 iv_len;
	const u8 *iv;
	/* The digest also lives in the data, inside the cipher region. */
	bool digest_in_data;
	u32 digest_off;
	/*
	 * The source bytes the operation touches (data->origin is the offset
	 * of the first), aad_len bytes of AAD, and digest_len bytes where a
	 * digest or tag is read to verify or written once generated (unused
	 * with digest_in_data).
	 */
	struct msc_view *data;
	struct msc_view *aad;
	struct msc_view *digest;
	/*
	 * The views are the driver's own memory, changed in place as the
	 * engine goes: a failed verification after the cipher step must
	 * restore what it decrypted.
	 */
	bool in_place;
};

void msc_view_init(struct msc_view *view, struct mdev_sim_seg *seg,
		   unsigned int max_segs);
void msc_view_from_buf(struct msc_view *view, struct msc_buf *buf,
		       size_t off, u32 len, u32 origin);
void msc_op_on_buf(struct msc_op *op, struct msc_work *work,
		   struct msc_buf *buf, u32 lo, u32 hi,
		   unsigned int digest_len);

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
void msc_run(struct msc_ctx *ctx, struct msc_work *work,
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
