// SPDX-License-Identifier: GPL-2.0
/*
 * mdev_sim-crypto: a symmetric crypto accelerator slice shaped like a QAT
 * virtual function. Queue pairs of request and response rings live in the
 * driver's DMA memory; a trapped doorbell register hands requests to the
 * device; response indexes appear in a status page that the driver maps;
 * each queue pair has its own MSI-X vector. The programming interface is
 * in mdev_sim_crypto_hw.h, the operations run on the kernel crypto API
 * (mdev_sim_crypto_engine.c).
 *
 * The device works synchronously inside the doorbell write, in the context
 * of the process that owns the DMA mappings: the write returns once every
 * request up to the new tail has its response. It is bounded by the ring
 * size and stops early for a fatal signal or a reset, leaving the rest for
 * the next doorbell.
 *
 * Data. An in-place request runs zero-copy when it can: the engine works
 * on the driver's own pages, pinned through the device's page cache
 * (mdev_sim_pin.c). Out-of-place requests, requests whose operands
 * overlap, and every request of an open whose container cannot pin (VFIO
 * type1 v1) or whose cache is full go through a per-queue-pair bounce
 * buffer with vfio_dma_rw(). A failed pin always falls back to the copy
 * path, which then reports the range's DMA status.
 *
 * Locking. Queue pair registers do not take the device lock: each queue
 * pair has its own, so queue pairs of a device run in parallel. The
 * device lock (core config space, MSI-X, reset) is taken before a queue
 * pair lock when both are needed (reset), and a doorbell raises its MSI-X
 * vector only after dropping its queue pair lock. Reset bumps each queue
 * pair's epoch under both locks; an interrupt for an older epoch is
 * dropped. Pinned pages are used inside mdev_sim_pin_begin/end, below the
 * queue pair lock, taken once per batch of requests: a page lookup that
 * hits the cache then takes no lock, and an unmap waits for one batch at
 * most. Nothing in a batch takes the device lock.
 */

#include <linux/log2.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include "mdev_sim.h"
#include "mdev_sim_crypto.h"

/* Requests fetched, and responses written back, per DMA transfer. */
#define MSC_BATCH	32

struct msc_qp {
	struct mutex lock;	/* everything below but index, stop, epoch */
	unsigned int index;
	bool stop;		/* a reset waits for the lock: stop early */
	u32 epoch;		/* bumped by reset, under the device lock too */
	u32 cipher_caps;	/* the device's, sampled at reset */
	u32 auth_caps;
	u64 req_base;
	u64 resp_base;
	u32 size;
	u32 ctrl;
	u32 status;
	u32 tail;
	u32 head;
	u32 ops_ok;
	u32 ops_err;
	/* Allocated while enabled. */
	struct mdev_sim_crypto_req *reqs;
	struct mdev_sim_crypto_resp *resps;
	struct msc_buf buf;	/* copy path */
	struct msc_work *work;
	struct msc_cache cache;
	struct mdev_sim_crypto_sess sess;
};

struct mdev_sim_crypto {
	u32 cipher_caps;	/* under the device lock */
	u32 auth_caps;
	struct msc_qp qp[MDEV_SIM_CRYPTO_NUM_QPS];
};

static struct mdev_sim_crypto_qp_status *qp_status_block(struct mdev_sim_pci *pci,
							  struct msc_qp *qp)
{
	u8 *page = mdev_sim_pci_bar_mem(pci, MDEV_SIM_CRYPTO_BAR);

	return (void *)(page + MDEV_SIM_CRYPTO_STATUS_PAGE +
			qp->index * MDEV_SIM_CRYPTO_STATUS_STRIDE);
}

/* Responses are written before the indexes that publish them. */
static void qp_publish(struct mdev_sim_pci *pci, struct msc_qp *qp)
{
	struct mdev_sim_crypto_qp_status *st = qp_status_block(pci, qp);

	WRITE_ONCE(st->ops_ok, cpu_to_le32(qp->ops_ok));
	WRITE_ONCE(st->ops_err, cpu_to_le32(qp->ops_err));
	WRITE_ONCE(st->qp_status, cpu_to_le32(qp->status));
	/* A driver polling the indexes must find the rest already there. */
	smp_wmb();
	WRITE_ONCE(st->req_head, cpu_to_le32(qp->head));
	WRITE_ONCE(st->resp_tail, cpu_to_le32(qp->head));
}

static void qp_free(struct msc_qp *qp)
{
	msc_cache_flush(&qp->cache);
	msc_buf_free(&qp->buf);
	msc_work_free(qp->work);
	qp->work = NULL;
	kfree(qp->reqs);
	kfree(qp->resps);
	qp->reqs = NULL;
	qp->resps = NULL;
	memzero_explicit(&qp->sess, sizeof(qp->sess));
}

static int qp_alloc(struct msc_qp *qp)
{
	qp->reqs = kcalloc(MSC_BATCH, sizeof(*qp->reqs), GFP_KERNEL_ACCOUNT);
	qp->resps = kcalloc(MSC_BATCH, sizeof(*qp->resps), GFP_KERNEL_ACCOUNT);
	qp->work = msc_work_alloc();
	if (!qp->reqs || !qp->resps || !qp->work || msc_buf_alloc(&qp->buf)) {
		qp_free(qp);
		return -ENOMEM;
	}
	return 0;
}

static void qp_disable(struct msc_qp *qp)
{
	qp->ctrl &= ~MDEV_SIM_CRYPTO_QP_CTRL_ENABLE;
	qp->status &= ~MDEV_SIM_CRYPTO_QP_ST_ENABLED;
	qp_free(qp);
}

/* A queue pair that faults stops, as a hardware ring would. */
static void qp_fail(struct mdev_sim_pci *pci, struct msc_qp *qp, u32 code)
{
	qp_disable(qp);
	qp->status = MDEV_SIM_CRYPTO_QP_ST_ERROR |
		     (code << MDEV_SIM_CRYPTO_QP_ST_CODE_SHIFT);
	qp_publish(pci, qp);
	dev_dbg(mdev_sim_pci_to_dev(pci), "queue pair %u stopped: error %u\n",
		qp->index, code);
}

static bool ring_ok(u64 base, u32 size, unsigned int entry)
{
	u64 bytes = (u64)size * entry;

	return IS_ALIGNED(base, MDEV_SIM_CRYPTO_RING_ALIGN) &&
	       base + bytes - 1 >= base;
}

static void qp_enable(struct mdev_sim_pci *pci, struct msc_qp *qp)
{
	if (qp->size < MDEV_SIM_CRYPTO_MIN_RING ||
	    qp->size > MDEV_SIM_CRYPTO_MAX_RING || !is_power_of_2(qp->size) ||
	    !ring_ok(qp->req_base, qp->size, MDEV_SIM_CRYPTO_REQ_SIZE) ||
	    !ring_ok(qp->resp_base, qp->size, MDEV_SIM_CRYPTO_RESP_SIZE)) {
		qp_fail(pci, qp, MDEV_SIM_CRYPTO_QP_ERR_CONFIG);
		return;
	}
	if (qp_alloc(qp)) {
		qp_fail(pci, qp, MDEV_SIM_CRYPTO_QP_ERR_NOMEM);
		return;
	}
	qp->head = 0;
	qp->tail = 0;
	qp->ops_ok = 0;
	qp->ops_err = 0;
	qp->ctrl |= MDEV_SIM_CRYPTO_QP_CTRL_ENABLE;
	qp->status = MDEV_SIM_CRYPTO_QP_ST_ENABLED;
	qp_publish(pci, qp);
}

/* ---- one request ---- */

static bool req_fields_ok(const struct mdev_sim_crypto_req *req,
			  struct msc_result *res)
{
	bool oop = req->flags & MDEV_SIM_CRYPTO_REQ_OOP;

	if ((req->flags & ~MDEV_SIM_CRYPTO_REQ_FLAGS) || req->rsvd0 ||
	    memchr_inv(req->rsvd1, 0, sizeof(req->rsvd1))) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_FLAGS);
		return false;
	}
	if (req->iv_len > MDEV_SIM_CRYPTO_MAX_IV) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_IV_LEN);
		return false;
	}
	if (!oop && req->dst_len) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_DST_LEN);
		return false;
	}
	return true;
}

static void op_from_req(const struct mdev_sim_crypto_req *req,
			struct msc_op *op)
{
	op->src_len = le32_to_cpu(req->src_len);
	op->cipher_off = le32_to_cpu(req->cipher_off);
	op->cipher_len = le32_to_cpu(req->cipher_len);
	op->auth_off = le32_to_cpu(req->auth_off);
	op->auth_len = le32_to_cpu(req->auth_len);
	op->aad_len = le16_to_cpu(req->aad_len);
	op->iv_len = req->iv_len;
	op->iv = req->iv;
	op->digest_in_data = false;
	op->digest_off = 0;
}

/* The part of the source that the operation reads: [*lo, *hi). */
static void op_span(const struct mdev_sim_crypto_sess *s,
		    const struct msc_op *op, u32 *lo, u32 *hi)
{
	u32 c_end = op->cipher_off + op->cipher_len;
	u32 a_end = op->auth_off + op->auth_len;

	if (!msc_has_auth(s->chain)) {
		*lo = op->cipher_off;
		*hi = c_end;
	} else if (!msc_has_cipher(s->chain)) {
		*lo = op->auth_off;
		*hi = a_end;
	} else {
		*lo = min(op->cipher_off, op->auth_off);
		*hi = max(c_end, a_end);
	}
}

/*
 * Whether the digest (or GCM tag) travels through digest_iova: read in to
 * be verified (@verify), or written out once generated.
 */
static bool digest_at_iova(const struct mdev_sim_crypto_sess *s,
			   const struct msc_op *op, bool verify)
{
	if (s->chain == MDEV_SIM_CRYPTO_CHAIN_AEAD)
		return s->cipher_op == (verify ? MDEV_SIM_CRYPTO_OP_DECRYPT :
						 MDEV_SIM_CRYPTO_OP_ENCRYPT);
	return msc_has_auth(s->chain) && s->digest_len && !op->digest_in_data &&
	       s->auth_op == (verify ? MDEV_SIM_CRYPTO_OP_VERIFY :
				       MDEV_SIM_CRYPTO_OP_GENERATE);
}

/*
 * DPDK's "digest encrypted" chains: a digest generated before the cipher
 * step, or verified after it, that sits inside the cipher region of its
 * buffer is part of the data.
 */
static void find_digest_in_data(const struct mdev_sim_crypto_sess *s,
				const struct mdev_sim_crypto_req *req,
				struct msc_op *op)
{
	bool oop = req->flags & MDEV_SIM_CRYPTO_REQ_OOP;
	u64 digest = le64_to_cpu(req->digest_iova);
	u64 base, off;

	if (s->chain == MDEV_SIM_CRYPTO_CHAIN_AUTH_CIPHER &&
	    s->auth_op == MDEV_SIM_CRYPTO_OP_GENERATE)
		base = le64_to_cpu(oop ? req->dst_iova : req->src_iova);
	else if (s->chain == MDEV_SIM_CRYPTO_CHAIN_CIPHER_AUTH &&
		 s->auth_op == MDEV_SIM_CRYPTO_OP_VERIFY)
		base = le64_to_cpu(req->src_iova);
	else
		return;
	if (!s->digest_len || digest < base)
		return;
	off = digest - base;
	if (off >= op->cipher_off &&
	    off + s->digest_len <= (u64)op->cipher_off + op->cipher_len) {
		op->digest_in_data = true;
		op->digest_off = off;
	}
}

static bool dma(struct mdev_sim_pci *pci, u64 iova, void *buf, size_t len,
		bool write, u8 error, struct msc_result *res)
{
	if (!len || !mdev_sim_pci_dma_rw(pci, iova, buf, len, write))
		return true;
	msc_set_result(res, MDEV_SIM_CRYPTO_ST_DMA_ERROR, error);
	return false;
}

/*
 * Copy path. A digest right behind the data, where DPDK apps usually put
 * it, comes in with the same transfer as the data.
 */
static bool fetch_inputs(struct mdev_sim_pci *pci, struct msc_qp *qp,
			 const struct mdev_sim_crypto_sess *s,
			 const struct mdev_sim_crypto_req *req,
			 const struct msc_op *op, u32 lo, u32 hi,
			 struct msc_result *res)
{
	u8 *data = qp->buf.va + MSC_DATA_OFF;
	u8 *dig = qp->buf.va + MSC_DIGEST_OFF;
	u64 src = le64_to_cpu(req->src_iova);
	u64 digest = le64_to_cpu(req->digest_iova);
	bool want_digest = digest_at_iova(s, op, true);
	bool merged = want_digest && hi > lo && digest == src + hi;

	if (!dma(pci, src + lo, data + lo,
		 hi - lo + (merged ? s->digest_len : 0), false,
		 MDEV_SIM_CRYPTO_ERR_SRC_DMA, res))
		return false;
	if (merged)
		memcpy(dig, data + hi, s->digest_len);
	else if (want_digest &&
		 !dma(pci, digest, dig, s->digest_len, false,
		      MDEV_SIM_CRYPTO_ERR_DIGEST_DMA, res))
		return false;
	return dma(pci, le64_to_cpu(req->aad_iova), qp->buf.va + MSC_AAD_OFF,
		   op->aad_len, false, MDEV_SIM_CRYPTO_ERR_AAD_DMA, res);
}

/*
 * In place only the cipher region changes; out of place the whole span the
 * operation read goes to the destination, so that authenticated headers
 * travel with the data. A digest right behind what is written goes out in
 * the same transfer.
 */
static bool store_outputs(struct mdev_sim_pci *pci, struct msc_qp *qp,
			  const struct mdev_sim_crypto_sess *s,
			  const struct mdev_sim_crypto_req *req,
			  const struct msc_op *op, u32 lo, u32 hi,
			  struct msc_result *res)
{
	u8 *data = qp->buf.va + MSC_DATA_OFF;
	u8 *dig = qp->buf.va + MSC_DIGEST_OFF;
	u64 digest = le64_to_cpu(req->digest_iova);
	bool want_digest = digest_at_iova(s, op, false);
	u32 wlo = 0, whi = 0;
	u64 base;
	bool merged;

	if (req->flags & MDEV_SIM_CRYPTO_REQ_OOP) {
		base = le64_to_cpu(req->dst_iova);
		wlo = lo;
		whi = hi;
	} else {
		base = le64_to_cpu(req->src_iova);
		if (msc_has_cipher(s->chain) &&
		    s->cipher_alg != MDEV_SIM_CRYPTO_CIPHER_NULL) {
			wlo = op->cipher_off;
			whi = op->cipher_off + op->cipher_len;
		} else if (op->digest_in_data &&
			   s->auth_op == MDEV_SIM_CRYPTO_OP_GENERATE) {
			/* NULL cipher: the digest is all that changed. */
			wlo = op->digest_off;
			whi = op->digest_off + s->digest_len;
		}
	}
	merged = want_digest && whi > wlo && digest == base + whi;
	if (merged)
		memcpy(data + whi, dig, s->digest_len);

	if (!dma(pci, base + wlo, data + wlo,
		 whi - wlo + (merged ? s->digest_len : 0), true,
		 req->flags & MDEV_SIM_CRYPTO_REQ_OOP ?
		 MDEV_SIM_CRYPTO_ERR_DST_DMA : MDEV_SIM_CRYPTO_ERR_SRC_DMA, res))
		return false;
	if (want_digest && !merged &&
	    !dma(pci, digest, dig, s->digest_len, true,
		 MDEV_SIM_CRYPTO_ERR_DIGEST_DMA, res))
		return false;
	return true;
}

static void run_copy(struct mdev_sim_pci *pci, struct msc_qp *qp,
		     struct msc_ctx *ctx, const struct mdev_sim_crypto_req *req,
		     struct msc_op *op, u32 lo, u32 hi, struct msc_result *res)
{
	const struct mdev_sim_crypto_sess *s = &ctx->sess;

	msc_op_on_buf(op, qp->work, &qp->buf, lo, hi, s->digest_len);
	if (!fetch_inputs(pci, qp, s, req, op, lo, hi, res))
		return;
	msc_run(ctx, qp->work, op, res);
	if (res->status == MDEV_SIM_CRYPTO_ST_OK)
		store_outputs(pci, qp, s, req, op, lo, hi, res);
}

/* ---- zero-copy ---- */

/* Whether two IOVA ranges share a byte; empty ranges never do. */
static bool iova_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return alen && blen && a <= b + (blen - 1) && b <= a + (alen - 1);
}

static bool pin_view(struct mdev_sim_pci *pci, struct msc_view *view,
		     u64 iova, u32 len, u32 origin)
{
	int n = 0;

	if (len) {
		n = mdev_sim_pci_dma_pin(pci, iova, len, view->seg,
					 view->max_segs);
		if (n < 0)
			return false;
	}
	view->origin = origin;
	view->len = len;
	view->nsegs = n;
	return true;
}

/*
 * Runs an in-place request on the driver's pages; the caller holds
 * mdev_sim_pin_begin(). Returns false, having touched nothing, when it
 * cannot: the caller copies instead. Operands
 * that overlap take the copy path, whose order of reads and writes is the
 * datasheet's.
 */
static bool run_zero_copy(struct mdev_sim_pci *pci, struct msc_qp *qp,
			  struct msc_ctx *ctx,
			  const struct mdev_sim_crypto_req *req,
			  struct msc_op *op, u32 lo, u32 hi,
			  struct msc_result *res)
{
	const struct mdev_sim_crypto_sess *s = &ctx->sess;
	struct msc_work *w = qp->work;
	u64 src = le64_to_cpu(req->src_iova) + lo;
	u64 aad = le64_to_cpu(req->aad_iova);
	u64 dig = le64_to_cpu(req->digest_iova);
	u32 dlen = digest_at_iova(s, op, true) || digest_at_iova(s, op, false) ?
		   s->digest_len : 0;

	/* Nothing to move (e.g. an empty region): nothing to pin either. */
	if ((req->flags & MDEV_SIM_CRYPTO_REQ_OOP) ||
	    (hi == lo && !op->aad_len && !dlen) ||
	    iova_overlap(src, hi - lo, aad, op->aad_len) ||
	    iova_overlap(src, hi - lo, dig, dlen) ||
	    iova_overlap(aad, op->aad_len, dig, dlen))
		return false;

	if (!pin_view(pci, &w->data, src, hi - lo, lo) ||
	    !pin_view(pci, &w->aad, aad, op->aad_len, 0) ||
	    !pin_view(pci, &w->digest, dig, dlen, 0))
		return false;
	op->data = &w->data;
	op->aad = &w->aad;
	op->digest = &w->digest;
	op->in_place = true;
	msc_run(ctx, w, op, res);
	return true;
}

static bool caps_ok(struct msc_qp *qp, const struct mdev_sim_crypto_sess *s,
		    struct msc_result *res)
{
	if ((msc_has_cipher(s->chain) && !(qp->cipher_caps & BIT(s->cipher_alg))) ||
	    (msc_has_auth(s->chain) && !(qp->auth_caps & BIT(s->auth_alg)))) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_UNSUPPORTED,
			       MDEV_SIM_CRYPTO_ERR_TFM);
		return false;
	}
	return true;
}

/* The keyed transforms for the request's session, reading it if needed. */
static struct msc_ctx *req_ctx(struct mdev_sim_pci *pci, struct msc_qp *qp,
			       const struct mdev_sim_crypto_req *req,
			       struct msc_result *res)
{
	u64 iova = le64_to_cpu(req->sess_iova);
	u64 tag = le64_to_cpu(req->sess_tag);
	struct msc_ctx *ctx;

	ctx = msc_cache_find_tag(&qp->cache, iova, tag);
	if (ctx)
		return ctx;
	if (!dma(pci, iova, &qp->sess, sizeof(qp->sess), false,
		 MDEV_SIM_CRYPTO_ERR_SESS_DMA, res))
		return NULL;
	if (!msc_sess_check(&qp->sess, res) || !caps_ok(qp, &qp->sess, res))
		return NULL;
	ctx = msc_cache_get(&qp->cache, &qp->sess, res);
	if (ctx) {
		ctx->sess_iova = iova;
		ctx->sess_tag = tag;
	}
	return ctx;
}

/*
 * No buffer may wrap around the end of the IOVA space: where bus
 * addresses end, a real device's transfer fails.
 */
static bool spans_ok(const struct mdev_sim_crypto_sess *s,
		     const struct mdev_sim_crypto_req *req,
		     const struct msc_op *op, u32 hi, struct msc_result *res)
{
	u64 src = le64_to_cpu(req->src_iova);
	u64 dst = le64_to_cpu(req->dst_iova);
	u64 aad = le64_to_cpu(req->aad_iova);
	u64 dig = le64_to_cpu(req->digest_iova);

	if (hi && src + (hi - 1) < src) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_DMA_ERROR,
			       MDEV_SIM_CRYPTO_ERR_SRC_DMA);
		return false;
	}
	if ((req->flags & MDEV_SIM_CRYPTO_REQ_OOP) && hi &&
	    dst + (hi - 1) < dst) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_DMA_ERROR,
			       MDEV_SIM_CRYPTO_ERR_DST_DMA);
		return false;
	}
	if (op->aad_len && aad + (op->aad_len - 1) < aad) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_DMA_ERROR,
			       MDEV_SIM_CRYPTO_ERR_AAD_DMA);
		return false;
	}
	if (s->digest_len && dig + (s->digest_len - 1) < dig &&
	    (digest_at_iova(s, op, true) || digest_at_iova(s, op, false))) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_DMA_ERROR,
			       MDEV_SIM_CRYPTO_ERR_DIGEST_DMA);
		return false;
	}
	return true;
}

static void process_req(struct mdev_sim_pci *pci, struct msc_qp *qp,
			const struct mdev_sim_crypto_req *req,
			struct msc_result *res)
{
	const struct mdev_sim_crypto_sess *s;
	struct msc_ctx *ctx;
	struct msc_op op;
	u32 lo, hi;

	if (!req_fields_ok(req, res))
		return;
	ctx = req_ctx(pci, qp, req, res);
	if (!ctx)
		return;
	s = &ctx->sess;

	op_from_req(req, &op);
	if (!msc_op_check(s, &op, res))
		return;
	op_span(s, &op, &lo, &hi);
	if ((req->flags & MDEV_SIM_CRYPTO_REQ_OOP) &&
	    le32_to_cpu(req->dst_len) < hi) {
		msc_set_result(res, MDEV_SIM_CRYPTO_ST_INVALID,
			       MDEV_SIM_CRYPTO_ERR_DST_LEN);
		return;
	}
	find_digest_in_data(s, req, &op);
	if (!spans_ok(s, req, &op, hi, res))
		return;

	if (run_zero_copy(pci, qp, ctx, req, &op, lo, hi, res)) {
		mdev_sim_pin_account(mdev_sim_pci_sdev(pci), true);
		return;
	}
	mdev_sim_pin_account(mdev_sim_pci_sdev(pci), false);
	run_copy(pci, qp, ctx, req, &op, lo, hi, res);
}

/* ---- rings ---- */

static void complete_req(struct mdev_sim_pci *pci, struct msc_qp *qp,
			 const struct mdev_sim_crypto_req *req,
			 struct mdev_sim_crypto_resp *resp)
{
	struct msc_result res = {
		.status = MDEV_SIM_CRYPTO_ST_OK,
		.error = MDEV_SIM_CRYPTO_ERR_NONE,
	};

	process_req(pci, qp, req, &res);
	memset(resp, 0, sizeof(*resp));
	resp->opaque = req->opaque;
	resp->status = res.status;
	resp->error = res.error;
	if (res.status == MDEV_SIM_CRYPTO_ST_OK)
		qp->ops_ok++;
	else
		qp->ops_err++;
}

/* Returns false when the queue pair faulted. */
static bool qp_run_batch(struct mdev_sim_pci *pci, struct msc_qp *qp,
			 u32 slot, unsigned int n)
{
	struct mdev_sim_dev *sdev = mdev_sim_pci_sdev(pci);
	unsigned int i;

	if (mdev_sim_pci_dma_rw(pci, qp->req_base +
				(u64)slot * MDEV_SIM_CRYPTO_REQ_SIZE,
				qp->reqs, n * MDEV_SIM_CRYPTO_REQ_SIZE, false)) {
		qp_fail(pci, qp, MDEV_SIM_CRYPTO_QP_ERR_RING_DMA);
		return false;
	}
	mdev_sim_pin_begin(sdev);
	for (i = 0; i < n; i++)
		complete_req(pci, qp, &qp->reqs[i], &qp->resps[i]);
	mdev_sim_pin_end(sdev);
	if (mdev_sim_pci_dma_rw(pci, qp->resp_base +
				(u64)slot * MDEV_SIM_CRYPTO_RESP_SIZE,
				qp->resps, n * MDEV_SIM_CRYPTO_RESP_SIZE, true)) {
		qp_fail(pci, qp, MDEV_SIM_CRYPTO_QP_ERR_RING_DMA);
		return false;
	}
	qp->head += n;
	qp_publish(pci, qp);
	return true;
}

/* Returns whether the queue pair's interrupt is due. */
static bool qp_doorbell(struct mdev_sim_pci *pci, struct msc_qp *qp, u32 tail)
{
	u32 start = qp->head;

	if (!(qp->ctrl & MDEV_SIM_CRYPTO_QP_CTRL_ENABLE))
		return false;
	if (tail - qp->head > qp->size) {
		qp_fail(pci, qp, MDEV_SIM_CRYPTO_QP_ERR_DOORBELL);
		return false;
	}
	qp->tail = tail;

	while (qp->head != qp->tail) {
		u32 slot = qp->head & (qp->size - 1);
		unsigned int n = min3(qp->tail - qp->head, (u32)MSC_BATCH,
				      qp->size - slot);

		if (!qp_run_batch(pci, qp, slot, n))
			return false;
		if (fatal_signal_pending(current) || READ_ONCE(qp->stop))
			break;
		cond_resched();
	}

	return qp->head != start && (qp->ctrl & MDEV_SIM_CRYPTO_QP_CTRL_IRQ);
}

/* ---- registers ---- */

static void qp_write_ctrl(struct mdev_sim_pci *pci, struct msc_qp *qp,
			  u32 val)
{
	bool was_on = qp->ctrl & MDEV_SIM_CRYPTO_QP_CTRL_ENABLE;
	bool on = val & MDEV_SIM_CRYPTO_QP_CTRL_ENABLE;

	qp->ctrl = (qp->ctrl & MDEV_SIM_CRYPTO_QP_CTRL_ENABLE) |
		   (val & MDEV_SIM_CRYPTO_QP_CTRL_IRQ);
	if (on && !was_on) {
		qp_enable(pci, qp);
	} else if (!on && was_on) {
		qp_disable(qp);
		qp_publish(pci, qp);
	}
}

/* Queue pair lock held; returns whether the interrupt is due. */
static bool qp_reg_write(struct mdev_sim_pci *pci, struct msc_qp *qp,
			 unsigned int reg, u32 val)
{
	bool enabled = qp->ctrl & MDEV_SIM_CRYPTO_QP_CTRL_ENABLE;

	switch (reg) {
	case MDEV_SIM_CRYPTO_QP_REQ_LO:
		if (!enabled)
			mdev_sim_set_lo(&qp->req_base, val);
		break;
	case MDEV_SIM_CRYPTO_QP_REQ_HI:
		if (!enabled)
			mdev_sim_set_hi(&qp->req_base, val);
		break;
	case MDEV_SIM_CRYPTO_QP_RESP_LO:
		if (!enabled)
			mdev_sim_set_lo(&qp->resp_base, val);
		break;
	case MDEV_SIM_CRYPTO_QP_RESP_HI:
		if (!enabled)
			mdev_sim_set_hi(&qp->resp_base, val);
		break;
	case MDEV_SIM_CRYPTO_QP_SIZE:
		if (!enabled)
			qp->size = val;
		break;
	case MDEV_SIM_CRYPTO_QP_CTRL:
		qp_write_ctrl(pci, qp, val);
		break;
	case MDEV_SIM_CRYPTO_QP_DOORBELL:
		return qp_doorbell(pci, qp, val);
	}
	return false;
}

static u32 qp_reg_read(struct msc_qp *qp, unsigned int reg)
{
	switch (reg) {
	case MDEV_SIM_CRYPTO_QP_REQ_LO:
		return lower_32_bits(qp->req_base);
	case MDEV_SIM_CRYPTO_QP_REQ_HI:
		return upper_32_bits(qp->req_base);
	case MDEV_SIM_CRYPTO_QP_RESP_LO:
		return lower_32_bits(qp->resp_base);
	case MDEV_SIM_CRYPTO_QP_RESP_HI:
		return upper_32_bits(qp->resp_base);
	case MDEV_SIM_CRYPTO_QP_SIZE:
		return qp->size;
	case MDEV_SIM_CRYPTO_QP_CTRL:
		return qp->ctrl;
	case MDEV_SIM_CRYPTO_QP_DOORBELL:
		return qp->tail;
	case MDEV_SIM_CRYPTO_QP_STATUS:
		return qp->status;
	case MDEV_SIM_CRYPTO_QP_HEAD:
		return qp->head;
	}
	return 0;
}

static u32 global_reg_read(struct mdev_sim_crypto *dev, u64 off)
{
	switch (off) {
	case MDEV_SIM_CRYPTO_REG_ID:
		return MDEV_SIM_CRYPTO_ID_MAGIC;
	case MDEV_SIM_CRYPTO_REG_VERSION:
		return MDEV_SIM_CRYPTO_VERSION;
	case MDEV_SIM_CRYPTO_REG_NUM_QPS:
		return MDEV_SIM_CRYPTO_NUM_QPS;
	case MDEV_SIM_CRYPTO_REG_MAX_RING:
		return MDEV_SIM_CRYPTO_MAX_RING;
	case MDEV_SIM_CRYPTO_REG_MAX_DATA:
		return MDEV_SIM_CRYPTO_MAX_DATA;
	case MDEV_SIM_CRYPTO_REG_MAX_AAD:
		return MDEV_SIM_CRYPTO_MAX_AAD;
	case MDEV_SIM_CRYPTO_REG_CIPHER_CAPS:
		return dev->cipher_caps;
	case MDEV_SIM_CRYPTO_REG_AUTH_CAPS:
		return dev->auth_caps;
	case MDEV_SIM_CRYPTO_REG_STATUS:
		return MDEV_SIM_CRYPTO_STATUS_READY;
	}
	return 0;
}

/* The queue pair whose register block holds @off, or NULL. */
static struct msc_qp *qp_at(struct mdev_sim_crypto *dev, u64 off,
			    unsigned int *reg)
{
	u64 rel;

	if (off < MDEV_SIM_CRYPTO_QP_REGS)
		return NULL;
	rel = off - MDEV_SIM_CRYPTO_QP_REGS;
	if (rel >= MDEV_SIM_CRYPTO_NUM_QPS * MDEV_SIM_CRYPTO_QP_STRIDE)
		return NULL;
	*reg = rel % MDEV_SIM_CRYPTO_QP_STRIDE;
	return &dev->qp[rel / MDEV_SIM_CRYPTO_QP_STRIDE];
}

/*
 * A queue pair register, under the queue pair's lock. The MSI-X vector is
 * raised after the lock is dropped, under the device lock (unless the
 * caller holds it already), and only if no reset came in between.
 */
static int qp_access(struct mdev_sim_pci *pci, struct msc_qp *qp,
		     unsigned int reg, u32 *val, bool write, bool dev_locked)
{
	struct mdev_sim_dev *sdev = mdev_sim_pci_sdev(pci);
	bool irq = false;
	u32 epoch;

	mutex_lock(&qp->lock);
	if (write)
		irq = qp_reg_write(pci, qp, reg, *val);
	else
		*val = qp_reg_read(qp, reg);
	epoch = qp->epoch;
	mutex_unlock(&qp->lock);

	if (!irq)
		return 0;
	if (!dev_locked)
		mutex_lock(&sdev->lock);
	if (READ_ONCE(qp->epoch) == epoch)
		mdev_sim_pci_raise_irq(pci, VFIO_PCI_MSIX_IRQ_INDEX, qp->index);
	if (!dev_locked)
		mutex_unlock(&sdev->lock);
	return 0;
}

/* Queue pair registers, without the device lock. */
static int crypto_bar_access_nolock(struct mdev_sim_pci *pci, unsigned int bar,
				    u64 off, u32 *val, unsigned int size,
				    bool write)
{
	struct mdev_sim_crypto *dev = mdev_sim_pci_priv(pci);
	struct msc_qp *qp;
	unsigned int reg;

	if (bar != MDEV_SIM_CRYPTO_BAR)
		return 1;
	qp = qp_at(dev, off, &reg);
	if (!qp)
		return 1;
	if (size != 4)
		return -EINVAL;
	return qp_access(pci, qp, reg, val, write, false);
}

/*
 * Under the device lock: the global registers, and the queue pair ones
 * should decoding have come on since the lock-free path looked.
 */
static int crypto_bar_read(struct mdev_sim_pci *pci, unsigned int bar, u64 off,
			   u32 *val, unsigned int size)
{
	struct mdev_sim_crypto *dev = mdev_sim_pci_priv(pci);
	struct msc_qp *qp;
	unsigned int reg;

	if (bar != MDEV_SIM_CRYPTO_BAR || size != 4)
		return -EINVAL;
	qp = qp_at(dev, off, &reg);
	if (qp)
		return qp_access(pci, qp, reg, val, false, true);
	*val = global_reg_read(dev, off);
	return 0;
}

static int crypto_bar_write(struct mdev_sim_pci *pci, unsigned int bar,
			    u64 off, u32 val, unsigned int size)
{
	struct mdev_sim_crypto *dev = mdev_sim_pci_priv(pci);
	struct msc_qp *qp;
	unsigned int reg;

	if (bar != MDEV_SIM_CRYPTO_BAR || size != 4)
		return -EINVAL;
	qp = qp_at(dev, off, &reg);
	if (qp)
		return qp_access(pci, qp, reg, &val, true, true);
	return 0;
}

/* ---- lifetime ---- */

static int crypto_init(struct mdev_sim_pci *pci)
{
	struct mdev_sim_crypto *dev = mdev_sim_pci_priv(pci);
	unsigned int i;

	for (i = 0; i < MDEV_SIM_CRYPTO_NUM_QPS; i++) {
		mutex_init(&dev->qp[i].lock);
		dev->qp[i].index = i;
	}
	return 0;
}

/* Back to power-on state; the queue pair lock is held. */
static void qp_reset(struct mdev_sim_crypto *dev, struct msc_qp *qp)
{
	qp_free(qp);
	qp->req_base = 0;
	qp->resp_base = 0;
	qp->size = 0;
	qp->ctrl = 0;
	qp->status = 0;
	qp->tail = 0;
	qp->head = 0;
	qp->ops_ok = 0;
	qp->ops_err = 0;
	qp->cipher_caps = dev->cipher_caps;
	qp->auth_caps = dev->auth_caps;
}

/*
 * Power-on state; also how open, close and FLR drop keys and rings. Runs
 * under the device lock; a doorbell in progress is asked to stop and
 * waited for.
 */
static void crypto_reset(struct mdev_sim_pci *pci)
{
	struct mdev_sim_crypto *dev = mdev_sim_pci_priv(pci);
	unsigned int i;

	/* What the kernel offers right now: modules may come and go. */
	msc_caps(&dev->cipher_caps, &dev->auth_caps);
	for (i = 0; i < MDEV_SIM_CRYPTO_NUM_QPS; i++) {
		struct msc_qp *qp = &dev->qp[i];

		WRITE_ONCE(qp->stop, true);
		mutex_lock(&qp->lock);
		qp_reset(dev, qp);
		WRITE_ONCE(qp->epoch, qp->epoch + 1);
		/* A doorbell may have written it after the core cleared it. */
		qp_publish(pci, qp);
		WRITE_ONCE(qp->stop, false);
		mutex_unlock(&qp->lock);
	}
}

static void crypto_fini(struct mdev_sim_pci *pci)
{
	struct mdev_sim_crypto *dev = mdev_sim_pci_priv(pci);
	unsigned int i;

	for (i = 0; i < MDEV_SIM_CRYPTO_NUM_QPS; i++) {
		qp_free(&dev->qp[i]);
		mutex_destroy(&dev->qp[i].lock);
	}
}

static const struct mdev_sim_pci_model mdev_sim_crypto_model = {
	.vendor			= MDEV_SIM_PCI_VENDOR_ID,
	.device			= MDEV_SIM_CRYPTO_DEVICE_ID,
	.subsystem_vendor	= MDEV_SIM_PCI_SUBSYS_VENDOR_ID,
	.subsystem_device	= MDEV_SIM_CRYPTO_DEVICE_ID,
	.revision		= MDEV_SIM_CRYPTO_REVISION,
	.class_code		= MDEV_SIM_PCI_CLASS_OTHER,
	.bar = {
		[MDEV_SIM_CRYPTO_BAR] = {
			.size		= MDEV_SIM_CRYPTO_BAR0_SIZE,
			.mmap_offset	= MDEV_SIM_CRYPTO_STATUS_PAGE,
			.mmap_size	= MDEV_SIM_CRYPTO_STATUS_SIZE,
		},
	},
	.msix_vectors		= MDEV_SIM_CRYPTO_MSIX_VECTORS,
	.msix_bar		= MDEV_SIM_CRYPTO_BAR,
	.msix_table_offset	= MDEV_SIM_CRYPTO_MSIX_TABLE,
	.msix_pba_offset	= MDEV_SIM_CRYPTO_MSIX_PBA,
	.priv_size		= sizeof(struct mdev_sim_crypto),
	.init			= crypto_init,
	.fini			= crypto_fini,
	.reset			= crypto_reset,
	.bar_read		= crypto_bar_read,
	.bar_write		= crypto_bar_write,
	.bar_access_nolock	= crypto_bar_access_nolock,
};

struct mdev_sim_type mdev_sim_crypto_type = {
	.mtype = {
		.sysfs_name	= "crypto",
		.pretty_name	= "mdev_sim crypto accelerator",
	},
	.family		= &mdev_sim_pci_family,
	.model		= &mdev_sim_crypto_model,
	.description	= "Symmetric crypto queue pairs: AES-CBC/CTR/GCM, HMAC-SHA1/2, chains",
};
