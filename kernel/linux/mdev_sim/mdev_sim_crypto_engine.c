// SPDX-License-Identifier: GPL-2.0
/*
 * mdev_sim-crypto engine: checks a session and an operation, keeps keyed
 * transforms of the kernel crypto API per queue pair, and runs an
 * operation on a working buffer. It never touches DMA memory, so the
 * self-benchmark drives exactly the same code as the device.
 *
 * Everything here may sleep: transforms are allocated and run from the
 * process context of the doorbell write (or of the benchmark), never from
 * atomic context.
 */

#include <crypto/aead.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "mdev_sim_crypto.h"

#define AES_BLOCK	16
#define GCM_IV_LEN	12

/* ---- views and buffers ---- */

void msc_view_init(struct msc_view *view, struct mdev_sim_seg *seg,
		   unsigned int max_segs)
{
	view->origin = 0;
	view->len = 0;
	view->nsegs = 0;
	view->max_segs = max_segs;
	view->seg = seg;
}

struct msc_work *msc_work_alloc(void)
{
	struct msc_work *work = kzalloc(sizeof(*work), GFP_KERNEL_ACCOUNT);

	if (!work)
		return NULL;
	msc_view_init(&work->data, work->data_seg, MSC_DATA_SEGS);
	msc_view_init(&work->aad, work->aad_seg, MSC_AAD_SEGS);
	msc_view_init(&work->digest, work->digest_seg, MSC_DIGEST_SEGS);
	/* Entries get pages per operation; see sg_put() and sg_end(). */
	sg_init_table(work->sg, MSC_SG_MAX);
	return work;
}

void msc_work_free(struct msc_work *work)
{
	if (work)
		kfree_sensitive(work);	/* digests */
}

int msc_buf_alloc(struct msc_buf *buf)
{
	unsigned int i;

	buf->nr_pages = DIV_ROUND_UP(MSC_BUF_SIZE, PAGE_SIZE);
	buf->pages = kcalloc(buf->nr_pages, sizeof(*buf->pages),
			     GFP_KERNEL_ACCOUNT);
	if (!buf->pages)
		goto err;
	for (i = 0; i < buf->nr_pages; i++) {
		buf->pages[i] = alloc_page(GFP_KERNEL_ACCOUNT);
		if (!buf->pages[i])
			goto err;
	}
	/* Pages for the views, a mapping for vfio_dma_rw() and the CPU. */
	buf->va = vmap(buf->pages, buf->nr_pages, VM_MAP, PAGE_KERNEL);
	if (!buf->va)
		goto err;
	return 0;

err:
	msc_buf_free(buf);
	return -ENOMEM;
}

void msc_buf_free(struct msc_buf *buf)
{
	unsigned int i;

	if (buf->va)
		vunmap(buf->va);
	if (buf->pages) {
		for (i = 0; i < buf->nr_pages; i++)
			if (buf->pages[i])
				__free_page(buf->pages[i]);
	}
	kfree(buf->pages);
	memset(buf, 0, sizeof(*buf));
}

/*
 * msc_view_from_buf - @view over bytes [@off, @off + @len) of @buf;
 * @origin is the offset the first byte stands for in its operand. The
 * view must have room for the pages the range spans.
 */
void msc_view_from_buf(struct msc_view *view, struct msc_buf *buf,
		       size_t off, u32 len, u32 origin)
{
	size_t end = off + len;

	view->origin = origin;
	view->len = len;
	view->nsegs = 0;
	while (off < end && !WARN_ON_ONCE(view->nsegs == view->max_segs)) {
		struct mdev_sim_seg *seg = &view->seg[view->nsegs++];

		seg->page = buf->pages[off >> PAGE_SHIFT];
		seg->off = offset_in_page(off);
		seg->len = min_t(size_t, PAGE_SIZE - seg->off, end - off);
		off += seg->len;
	}
}

/*
 * msc_op_on_buf - point the views of @op (in @work) at the bounce buffer
 * @buf: the source bytes [@lo, @hi) at MSC_DATA_OFF + their offset, the
 * AAD at MSC_AAD_OFF, @digest_len bytes of digest at MSC_DIGEST_OFF.
 */
void msc_op_on_buf(struct msc_op *op, struct msc_work *work,
		   struct msc_buf *buf, u32 lo, u32 hi,
		   unsigned int digest_len)
{
	msc_view_from_buf(&work->data, buf, MSC_DATA_OFF + lo, hi - lo, lo);
	msc_view_from_buf(&work->aad, buf, MSC_AAD_OFF, op->aad_len, 0);
	msc_view_from_buf(&work->digest, buf, MSC_DIGEST_OFF, digest_len, 0);
	op->data = &work->data;
	op->aad = &work->aad;
	op->digest = &work->digest;
	op->in_place = false;
}

/*
 * Finds byte @off of the operand in the view: the segment, and the offset
 * within it. The caller has checked that the range lies in the view.
 */
static unsigned int view_seek(const struct msc_view *view, u32 off,
			      u32 *seg_off)
{
	unsigned int i = 0;

	off -= view->origin;
	while (off >= view->seg[i].len) {
		off -= view->seg[i].len;
		i++;
	}
	*seg_off = off;
	return i;
}

/*
 * Calls @fn on each piece of bytes [off, off + len) of the operand, mapped
 * for the CPU; stops at the first non-zero return.
 */
static int view_walk(const struct msc_view *view, u32 off, u32 len,
		     int (*fn)(void *arg, u8 *p, unsigned int n), void *arg)
{
	u32 in;
	unsigned int i;
	int ret = 0;

	if (!len)
		return 0;
	for (i = view_seek(view, off, &in); len && !ret; i++, in = 0) {
		const struct mdev_sim_seg *seg = &view->seg[i];
		unsigned int n = min(seg->len - in, len);
		u8 *va = kmap_local_page(seg->page);

		ret = fn(arg, va + seg->off + in, n);
		kunmap_local(va);
		len -= n;
	}
	return ret;
}

struct view_copy {
	u8 *buf;
	bool to_view;
};

static int view_copy_piece(void *arg, u8 *p, unsigned int n)
{
	struct view_copy *c = arg;

	if (c->to_view)
		memcpy(p, c->buf, n);
	else
		memcpy(c->buf, p, n);
	c->buf += n;
	return 0;
}

static void view_read(const struct msc_view *view, u32 off, void *buf,
		      u32 len)
{
	struct view_copy c = { .buf = buf, .to_view = false };

	view_walk(view, off, len, view_copy_piece, &c);
}

static void view_write(const struct msc_view *view, u32 off,
		       const void *buf, u32 len)
{
	struct view_copy c = { .buf = (u8 *)buf, .to_view = true };

	view_walk(view, off, len, view_copy_piece, &c);
}

static void sg_put(struct scatterlist *sg, unsigned int *n, struct page *page,
		   unsigned int len, unsigned int off)
{
	sg_unmark_end(&sg[*n]);
	sg_set_page(&sg[*n], page, len, off);
	(*n)++;
}

/* Appends bytes [off, off + len) of the operand to a scatterlist. */
static void sg_add_view(struct scatterlist *sg, unsigned int *n,
			const struct msc_view *view, u32 off, u32 len)
{
	unsigned int i;
	u32 in;

	if (!len)
		return;
	for (i = view_seek(view, off, &in); len; i++, in = 0) {
		const struct mdev_sim_seg *seg = &view->seg[i];
		unsigned int plen = min(seg->len - in, len);

		sg_put(sg, n, seg->page, plen, seg->off + in);
		len -= plen;
	}
}

static struct scatterlist *sg_end(struct scatterlist *sg, unsigned int n)
{
	sg_mark_end(&sg[n - 1]);
	return sg;
}

/* ---- algorithms ---- */

static const char *const cipher_names[] = {
	[MDEV_SIM_CRYPTO_CIPHER_AES_CBC] = "cbc(aes)",
	[MDEV_SIM_CRYPTO_CIPHER_AES_CTR] = "ctr(aes)",
	[MDEV_SIM_CRYPTO_CIPHER_AES_GCM] = "gcm(aes)",
};

struct msc_hmac {
	const char *name;
	unsigned int digest_size;
};

static const struct msc_hmac hmac_algs[] = {
	[MDEV_SIM_CRYPTO_AUTH_SHA1_HMAC] = { "hmac(sha1)", 20 },
	[MDEV_SIM_CRYPTO_AUTH_SHA224_HMAC] = { "hmac(sha224)", 28 },
	[MDEV_SIM_CRYPTO_AUTH_SHA256_HMAC] = { "hmac(sha256)", 32 },
	[MDEV_SIM_CRYPTO_AUTH_SHA384_HMAC] = { "hmac(sha384)", 48 },
	[MDEV_SIM_CRYPTO_AUTH_SHA512_HMAC] = { "hmac(sha512)", 64 },
};

static bool is_aes(u8 alg)
{
	return alg == MDEV_SIM_CRYPTO_CIPHER_AES_CBC ||
	       alg == MDEV_SIM_CRYPTO_CIPHER_AES_CTR ||
	       alg == MDEV_SIM_CRYPTO_CIPHER_AES_GCM;
}

static bool is_hmac(u8 alg)
{
	return alg >= MDEV_SIM_CRYPTO_AUTH_SHA1_HMAC &&
	       alg <= MDEV_SIM_CRYPTO_AUTH_SHA512_HMAC;
}

unsigned int msc_cipher_iv_len(u8 alg)
{
	switch (alg) {
	case MDEV_SIM_CRYPTO_CIPHER_AES_CBC:
	case MDEV_SIM_CRYPTO_CIPHER_AES_CTR:
		return AES_BLOCK;
	case MDEV_SIM_CRYPTO_CIPHER_AES_GCM:
		return GCM_IV_LEN;
	}
	return 0;
}

/* The tag sizes the kernel's gcm template accepts. */
static bool gcm_tag_len_ok(unsigned int len)
{
	return len == 4 || len == 8 || (len >= 12 && len <= 16);
}

void msc_caps(u32 *cipher_caps, u32 *auth_caps)
{
	unsigned int alg;

	*cipher_caps = BIT(MDEV_SIM_CRYPTO_CIPHER_NULL);
	*auth_caps = BIT(MDEV_SIM_CRYPTO_AUTH_NULL);

	if (crypto_has_skcipher(cipher_names[MDEV_SIM_CRYPTO_CIPHER_AES_CBC],
				0, 0))
		*cipher_caps |= BIT(MDEV_SIM_CRYPTO_CIPHER_AES_CBC);
	if (crypto_has_skcipher(cipher_names[MDEV_SIM_CRYPTO_CIPHER_AES_CTR],
				0, 0))
		*cipher_caps |= BIT(MDEV_SIM_CRYPTO_CIPHER_AES_CTR);
	if (crypto_has_alg(cipher_names[MDEV_SIM_CRYPTO_CIPHER_AES_GCM],
			   CRYPTO_ALG_TYPE_AEAD, CRYPTO_ALG_TYPE_MASK))
		*cipher_caps |= BIT(MDEV_SIM_CRYPTO_CIPHER_AES_GCM);

	for (alg = MDEV_SIM_CRYPTO_AUTH_SHA1_HMAC;
	     alg <= MDEV_SIM_CRYPTO_AUTH_SHA512_HMAC; alg++)
		if (crypto_has_shash(hmac_algs[alg].name, 0, 0))
			*auth_caps |= BIT(alg);
}

/* ---- checks ---- */

static bool rsvd_zero(const u8 *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

static bool check_cipher(const struct mdev_sim_crypto_sess *s,
			 struct msc_result *res)
{
	bool aead = s->chain == MDEV_SIM_CRYPTO_CHAIN_AEAD;

	if (!msc_has_cipher(s->chain)) {
		if (s->cipher_alg != MDEV_SIM_CRYPTO_CIPHER_NONE)
			msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
				       MDEV_SIM_CRYPTO_ERR_CIPHER_ALG);
		else if (s->cipher_op)
			msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
				       MDEV_SIM_CRYPTO_ERR_CIPHER_OP);
		else if (s->cipher_key_len)
			msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
				       MDEV_SIM_CRYPTO_ERR_CIPHER_KEY);
		else
			return true;
		return false;
	}

	if (aead != (s->cipher_alg == MDEV_SIM_CRYPTO_CIPHER_AES_GCM) ||
	    s->cipher_alg == MDEV_SIM_CRYPTO_CIPHER_NONE ||
	    s->cipher_alg > MDEV_SIM_CRYPTO_CIPHER_MAX) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_CIPHER_ALG);
		return false;
	}
	if (s->cipher_op != MDEV_SIM_CRYPTO_OP_ENCRYPT &&
	    s->cipher_op != MDEV_SIM_CRYPTO_OP_DECRYPT) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_CIPHER_OP);
		return false;
	}
	if (is_aes(s->cipher_alg) ? s->cipher_key_len != 16 &&
				    s->cipher_key_len != 24 &&
				    s->cipher_key_len != 32 :
				    s->cipher_key_len != 0) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_CIPHER_KEY);
		return false;
	}
	return true;
}

/* Auth fields of a session without an auth step must all be zero. */
static bool check_no_auth(const struct mdev_sim_crypto_sess *s,
			  struct msc_result *res)
{
	bool aead = s->chain == MDEV_SIM_CRYPTO_CHAIN_AEAD;

	if (s->auth_alg != MDEV_SIM_CRYPTO_AUTH_NONE)
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_AUTH_ALG);
	else if (s->auth_op)
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_AUTH_OP);
	else if (le16_to_cpu(s->auth_key_len))
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_AUTH_KEY);
	else if (aead ? !gcm_tag_len_ok(s->digest_len) : s->digest_len != 0)
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_DIGEST_LEN);
	else
		return true;
	return false;
}

static bool check_auth(const struct mdev_sim_crypto_sess *s,
		       struct msc_result *res)
{
	unsigned int key_len = le16_to_cpu(s->auth_key_len);

	if (!msc_has_auth(s->chain))
		return check_no_auth(s, res);

	if (s->auth_alg == MDEV_SIM_CRYPTO_AUTH_NONE ||
	    s->auth_alg > MDEV_SIM_CRYPTO_AUTH_MAX) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_AUTH_ALG);
		return false;
	}
	if (s->auth_op != MDEV_SIM_CRYPTO_OP_GENERATE &&
	    s->auth_op != MDEV_SIM_CRYPTO_OP_VERIFY) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_AUTH_OP);
		return false;
	}
	if (is_hmac(s->auth_alg) ?
	    !key_len || key_len > MDEV_SIM_CRYPTO_MAX_AUTH_KEY : key_len) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_AUTH_KEY);
		return false;
	}
	if (is_hmac(s->auth_alg) ?
	    !s->digest_len ||
	    s->digest_len > hmac_algs[s->auth_alg].digest_size :
	    s->digest_len) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_DIGEST_LEN);
		return false;
	}
	return true;
}

/**
 * msc_sess_check - validate a session descriptor read from the device
 * @sess: the descriptor; on success, key bytes beyond the key lengths are
 *        cleared so that equal sessions compare equal
 * @res: set to the reason on failure
 */
bool msc_sess_check(struct mdev_sim_crypto_sess *sess, struct msc_result *res)
{
	unsigned int auth_key_len;

	if (!rsvd_zero(sess->rsvd, sizeof(sess->rsvd))) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_FLAGS);
		return false;
	}
	if (sess->chain < MDEV_SIM_CRYPTO_CHAIN_CIPHER ||
	    sess->chain > MDEV_SIM_CRYPTO_CHAIN_AEAD) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_CHAIN);
		return false;
	}
	if (!check_cipher(sess, res) || !check_auth(sess, res))
		return false;

	auth_key_len = le16_to_cpu(sess->auth_key_len);
	memset(sess->cipher_key + sess->cipher_key_len, 0,
	       sizeof(sess->cipher_key) - sess->cipher_key_len);
	memset(sess->auth_key + auth_key_len, 0,
	       sizeof(sess->auth_key) - auth_key_len);
	return true;
}

/* [off, off + len) inside [0, limit), computed without overflow. */
static bool range_ok(u32 off, u32 len, u32 limit)
{
	return (u64)off + len <= limit;
}

static bool check_op_cipher(const struct mdev_sim_crypto_sess *s,
			    const struct msc_op *op, struct msc_result *res)
{
	if (!msc_has_cipher(s->chain)) {
		if (op->cipher_off || op->cipher_len)
			msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
				       MDEV_SIM_CRYPTO_ERR_CIPHER_RANGE);
		else if (op->iv_len)
			msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
				       MDEV_SIM_CRYPTO_ERR_IV_LEN);
		else
			return true;
		return false;
	}
	if (!range_ok(op->cipher_off, op->cipher_len, op->src_len))
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_CIPHER_RANGE);
	else if (s->cipher_alg == MDEV_SIM_CRYPTO_CIPHER_AES_CBC &&
		 op->cipher_len % AES_BLOCK)
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_CIPHER_ALIGN);
	else if (op->iv_len != msc_cipher_iv_len(s->cipher_alg))
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_IV_LEN);
	else
		return true;
	return false;
}

/*
 * msc_op_check - validate an operation against its (checked) session
 */
bool msc_op_check(const struct mdev_sim_crypto_sess *s,
		  const struct msc_op *op, struct msc_result *res)
{
	bool aead = s->chain == MDEV_SIM_CRYPTO_CHAIN_AEAD;

	if (op->src_len > MDEV_SIM_CRYPTO_MAX_DATA) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_SRC_LEN);
		return false;
	}
	if (!check_op_cipher(s, op, res))
		return false;
	if (msc_has_auth(s->chain) ?
	    !range_ok(op->auth_off, op->auth_len, op->src_len) :
	    op->auth_off || op->auth_len) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_AUTH_RANGE);
		return false;
	}
	if (aead ? op->aad_len > MDEV_SIM_CRYPTO_MAX_AAD : op->aad_len) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_AAD_LEN);
		return false;
	}
	return true;
}

/* ---- keyed transforms ---- */

void msc_ctx_fini(struct msc_ctx *ctx)
{
	skcipher_request_free(ctx->skreq);
	if (ctx->skcipher)
		crypto_free_skcipher(ctx->skcipher);
	aead_request_free(ctx->areq);
	if (ctx->aead)
		crypto_free_aead(ctx->aead);
	if (ctx->shash)
		crypto_free_shash(ctx->shash);
	/* The session holds keys: leave none behind. */
	memzero_explicit(ctx, sizeof(*ctx));
}

/* -ENOENT: the kernel has no such algorithm; anything else is transient. */
static void alloc_failed(struct msc_result *res, long err)
{
	if (err == -ENOENT)
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_UNSUPPORTED,
			       MDEV_SIM_CRYPTO_ERR_TFM);
	else
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_NOMEM,
			       MDEV_SIM_CRYPTO_ERR_NOMEM);
}

static int ctx_init_skcipher(struct msc_ctx *ctx, struct msc_result *res)
{
	const struct mdev_sim_crypto_sess *s = &ctx->sess;
	struct crypto_skcipher *tfm;

	tfm = crypto_alloc_skcipher(cipher_names[s->cipher_alg], 0, 0);
	if (IS_ERR(tfm)) {
		alloc_failed(res, PTR_ERR(tfm));
		return PTR_ERR(tfm);
	}
	ctx->skcipher = tfm;
	if (crypto_skcipher_setkey(tfm, s->cipher_key, s->cipher_key_len)) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_CIPHER_KEY);
		return -EINVAL;
	}
	ctx->skreq = skcipher_request_alloc(tfm, GFP_KERNEL);
	if (!ctx->skreq) {
		alloc_failed(res, -ENOMEM);
		return -ENOMEM;
	}
	return 0;
}

static int ctx_init_aead(struct msc_ctx *ctx, struct msc_result *res)
{
	const struct mdev_sim_crypto_sess *s = &ctx->sess;
	struct crypto_aead *tfm;

	tfm = crypto_alloc_aead(cipher_names[s->cipher_alg], 0, 0);
	if (IS_ERR(tfm)) {
		alloc_failed(res, PTR_ERR(tfm));
		return PTR_ERR(tfm);
	}
	ctx->aead = tfm;
	if (crypto_aead_setkey(tfm, s->cipher_key, s->cipher_key_len)) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_CIPHER_KEY);
		return -EINVAL;
	}
	if (crypto_aead_setauthsize(tfm, s->digest_len)) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_DIGEST_LEN);
		return -EINVAL;
	}
	ctx->areq = aead_request_alloc(tfm, GFP_KERNEL);
	if (!ctx->areq) {
		alloc_failed(res, -ENOMEM);
		return -ENOMEM;
	}
	return 0;
}

static int ctx_init_hmac(struct msc_ctx *ctx, struct msc_result *res)
{
	const struct mdev_sim_crypto_sess *s = &ctx->sess;
	struct crypto_shash *tfm;

	tfm = crypto_alloc_shash(hmac_algs[s->auth_alg].name, 0, 0);
	if (IS_ERR(tfm)) {
		alloc_failed(res, PTR_ERR(tfm));
		return PTR_ERR(tfm);
	}
	ctx->shash = tfm;
	if (crypto_shash_setkey(tfm, s->auth_key,
				le16_to_cpu(s->auth_key_len))) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_AUTH_KEY);
		return -EINVAL;
	}
	return 0;
}

/*
 * msc_ctx_init - allocate and key the transforms of a checked session
 *
 * On failure @ctx is left empty and @res says why.
 */
int msc_ctx_init(struct msc_ctx *ctx, const struct mdev_sim_crypto_sess *sess,
		 struct msc_result *res)
{
	int ret = 0;

	memset(ctx, 0, sizeof(*ctx));
	ctx->sess = *sess;
	ctx->cmp_len = offsetof(struct mdev_sim_crypto_sess, auth_key) +
		       le16_to_cpu(sess->auth_key_len);
	ctx->iv_len = msc_cipher_iv_len(sess->cipher_alg);

	if (sess->cipher_alg == MDEV_SIM_CRYPTO_CIPHER_AES_GCM)
		ret = ctx_init_aead(ctx, res);
	else if (is_aes(sess->cipher_alg))
		ret = ctx_init_skcipher(ctx, res);
	if (!ret && is_hmac(sess->auth_alg))
		ret = ctx_init_hmac(ctx, res);
	if (ret) {
		msc_ctx_fini(ctx);
		return ret;
	}
	ctx->valid = true;
	return 0;
}

static bool ctx_matches(const struct msc_ctx *ctx,
			const struct mdev_sim_crypto_sess *sess)
{
	return ctx->valid && ctx->sess.auth_key_len == sess->auth_key_len &&
	       !memcmp(&ctx->sess, sess, ctx->cmp_len);
}

/*
 * msc_cache_get - keyed transforms for a checked session
 *
 * Looks the session up by content (algorithms, directions and keys), so a
 * session rewritten in place by the driver can never run with stale keys.
 * A miss replaces the least recently used entry.
 */
struct msc_ctx *msc_cache_get(struct msc_cache *cache,
			      const struct mdev_sim_crypto_sess *sess,
			      struct msc_result *res)
{
	struct msc_ctx *victim = NULL;
	unsigned int i;

	cache->clock++;
	if (cache->mru && ctx_matches(cache->mru, sess)) {
		cache->mru->last_use = cache->clock;
		return cache->mru;
	}
	for (i = 0; i < MSC_CACHE_SIZE; i++) {
		struct msc_ctx *ctx = &cache->ctx[i];

		if (ctx_matches(ctx, sess)) {
			ctx->last_use = cache->clock;
			cache->mru = ctx;
			return ctx;
		}
		if (!victim || !ctx->valid ||
		    (victim->valid && ctx->last_use < victim->last_use))
			victim = ctx;
	}

	cache->mru = NULL;
	msc_ctx_fini(victim);
	if (msc_ctx_init(victim, sess, res))
		return NULL;
	victim->last_use = cache->clock;
	cache->mru = victim;
	return victim;
}

/*
 * msc_cache_find_tag - the transforms last used for descriptor @iova with
 * @tag, or NULL; the tag is the driver's promise that the content is the
 * same, so nothing is read or compared.
 */
struct msc_ctx *msc_cache_find_tag(struct msc_cache *cache, u64 iova, u64 tag)
{
	struct msc_ctx *ctx = cache->mru;
	unsigned int i;

	if (!tag)
		return NULL;
	if (!ctx || !ctx->valid || ctx->sess_iova != iova ||
	    ctx->sess_tag != tag) {
		for (i = 0, ctx = NULL; i < MSC_CACHE_SIZE; i++) {
			struct msc_ctx *c = &cache->ctx[i];

			if (c->valid && c->sess_iova == iova &&
			    c->sess_tag == tag) {
				ctx = c;
				break;
			}
		}
		if (!ctx)
			return NULL;
	}
	ctx->last_use = ++cache->clock;
	cache->mru = ctx;
	return ctx;
}

void msc_cache_flush(struct msc_cache *cache)
{
	unsigned int i;

	for (i = 0; i < MSC_CACHE_SIZE; i++)
		msc_ctx_fini(&cache->ctx[i]);
	cache->mru = NULL;
	cache->clock = 0;
}

/* ---- running an operation ---- */

static int run_cipher(struct msc_ctx *ctx, struct msc_work *work,
		      const struct msc_op *op, bool encrypt)
{
	struct skcipher_request *req = ctx->skreq;
	u8 iv[MDEV_SIM_CRYPTO_MAX_IV];
	DECLARE_CRYPTO_WAIT(wait);
	unsigned int n = 0;
	int ret;

	if (!ctx->skcipher || !op->cipher_len)
		return 0;	/* NULL cipher, or nothing to do */

	/* The API updates the IV in place; the request's copy stays intact. */
	memcpy(iv, op->iv, ctx->iv_len);
	sg_add_view(work->sg, &n, op->data, op->cipher_off, op->cipher_len);
	sg_end(work->sg, n);
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				      CRYPTO_TFM_REQ_MAY_BACKLOG,
				      crypto_req_done, &wait);
	skcipher_request_set_crypt(req, work->sg, work->sg, op->cipher_len, iv);
	if (encrypt)
		ret = crypto_wait_req(crypto_skcipher_encrypt(req), &wait);
	else
		ret = crypto_wait_req(crypto_skcipher_decrypt(req), &wait);
	return ret;
}

static int hash_piece(void *arg, u8 *p, unsigned int n)
{
	return crypto_shash_update(arg, p, n);
}

static void run_auth(struct msc_ctx *ctx, struct msc_work *work,
		     const struct msc_op *op, struct msc_result *res)
{
	unsigned int len = ctx->sess.digest_len;
	int ret;

	if (!ctx->shash)
		return;		/* NULL auth */

	{
		SHASH_DESC_ON_STACK(desc, ctx->shash);

		desc->tfm = ctx->shash;
		ret = crypto_shash_init(desc);
		if (!ret)
			ret = view_walk(op->data, op->auth_off, op->auth_len,
					hash_piece, desc);
		if (!ret)
			ret = crypto_shash_final(desc, work->md);
		shash_desc_zero(desc);
	}
	if (ret) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_ENGINE);
		return;
	}
	if (ctx->sess.auth_op == MDEV_SIM_CRYPTO_OP_GENERATE) {
		/* Inside the data: encrypted by the cipher step that follows. */
		if (op->digest_in_data)
			view_write(op->data, op->digest_off, work->md, len);
		else
			view_write(op->digest, 0, work->md, len);
		return;
	}
	/* Verifying a digest that was encrypted with the data. */
	if (op->digest_in_data)
		view_read(op->data, op->digest_off, work->expect, len);
	if (crypto_memneq(work->md, work->expect, len))
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_AUTH_FAILED,
			       MDEV_SIM_CRYPTO_ERR_NONE);
}

/* AAD, text and tag in one scatterlist, as the AEAD API wants them. */
static struct scatterlist *aead_sg(struct msc_work *work,
				   const struct msc_op *op,
				   unsigned int tag_len, bool real_tag)
{
	unsigned int n = 0;

	sg_add_view(work->sg, &n, op->aad, 0, op->aad_len);
	sg_add_view(work->sg, &n, op->data, op->cipher_off, op->cipher_len);
	if (real_tag)
		sg_add_view(work->sg, &n, op->digest, 0, tag_len);
	else
		sg_put(work->sg, &n, virt_to_page(work->tag), tag_len,
		       offset_in_page(work->tag));
	return sg_end(work->sg, n);
}

static int aead_crypt(struct msc_ctx *ctx, struct msc_work *work,
		      const struct msc_op *op, bool enc, bool real_tag)
{
	unsigned int tag_len = ctx->sess.digest_len;
	struct aead_request *req = ctx->areq;
	u8 iv[MDEV_SIM_CRYPTO_MAX_IV];
	DECLARE_CRYPTO_WAIT(wait);
	struct scatterlist *sg;

	memcpy(iv, op->iv, ctx->iv_len);
	sg = aead_sg(work, op, tag_len, real_tag);
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, op->aad_len);
	aead_request_set_crypt(req, sg, sg,
			       op->cipher_len + (enc ? 0 : tag_len), iv);
	return crypto_wait_req(enc ? crypto_aead_encrypt(req) :
				     crypto_aead_decrypt(req), &wait);
}

static void run_aead(struct msc_ctx *ctx, struct msc_work *work,
		     const struct msc_op *op, struct msc_result *res)
{
	bool enc = ctx->sess.cipher_op == MDEV_SIM_CRYPTO_OP_ENCRYPT;
	int ret;

	ret = aead_crypt(ctx, work, op, enc, true);
	if (ret == -EBADMSG) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_AUTH_FAILED,
			       MDEV_SIM_CRYPTO_ERR_NONE);
		/*
		 * The API decrypts before it checks the tag. Encrypting the
		 * plaintext again, with the same IV, gives the ciphertext
		 * back (GCM is a counter mode); its tag goes to scratch.
		 */
		if (op->in_place && op->cipher_len &&
		    aead_crypt(ctx, work, op, true, false))
			msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
				       MDEV_SIM_CRYPTO_ERR_ENGINE);
	} else if (ret) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_ENGINE);
	}
}

static void cipher_step(struct msc_ctx *ctx, struct msc_work *work,
			const struct msc_op *op, struct msc_result *res)
{
	if (run_cipher(ctx, work, op,
		       ctx->sess.cipher_op == MDEV_SIM_CRYPTO_OP_ENCRYPT))
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_ENGINE);
}

/*
 * msc_run - run a checked operation on the views of @op
 *
 * A generated digest or tag goes to op->digest (or into the data), which
 * holds the expected one when verifying. @res must come in as success; a
 * failed step skips the steps after it, and a failed verification leaves
 * the views as they came in.
 */
void msc_run(struct msc_ctx *ctx, struct msc_work *work,
	     const struct msc_op *op, struct msc_result *res)
{
	/*
	 * The expected digest is taken before anything is written, as the
	 * copy path reads it before it runs.
	 */
	if (ctx->shash && ctx->sess.auth_op == MDEV_SIM_CRYPTO_OP_VERIFY &&
	    !op->digest_in_data)
		view_read(op->digest, 0, work->expect, ctx->sess.digest_len);

	switch (ctx->sess.chain) {
	case MDEV_SIM_CRYPTO_CHAIN_CIPHER:
		cipher_step(ctx, work, op, res);
		break;
	case MDEV_SIM_CRYPTO_CHAIN_AUTH:
		run_auth(ctx, work, op, res);
		break;
	case MDEV_SIM_CRYPTO_CHAIN_CIPHER_AUTH:
		cipher_step(ctx, work, op, res);
		if (res->status != MDEV_SIM_CRYPTO_ST_OK)
			break;
		run_auth(ctx, work, op, res);
		/* Decrypted, then the digest did not match: undo. */
		if (res->status == MDEV_SIM_CRYPTO_ST_AUTH_FAILED &&
		    op->in_place &&
		    run_cipher(ctx, work, op, ctx->sess.cipher_op !=
					      MDEV_SIM_CRYPTO_OP_ENCRYPT))
			msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
				       MDEV_SIM_CRYPTO_ERR_ENGINE);
		break;
	case MDEV_SIM_CRYPTO_CHAIN_AUTH_CIPHER:
		run_auth(ctx, work, op, res);
		if (res->status != MDEV_SIM_CRYPTO_ST_OK)
			break;
		cipher_step(ctx, work, op, res);
		break;
	case MDEV_SIM_CRYPTO_CHAIN_AEAD:
		run_aead(ctx, work, op, res);
		break;
	}
	memzero_explicit(work->md, sizeof(work->md));
}
