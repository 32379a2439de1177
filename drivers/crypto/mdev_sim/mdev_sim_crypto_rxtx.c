/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Fast path. Enqueue writes one request per operation into the request
 * ring and rings the doorbell once per burst; dequeue reads the response
 * index from the mapped status page and hands operations back in order.
 * Only the doorbell traps into the kernel.
 */

#include <string.h>

#include <rte_byteorder.h>
#include <rte_crypto.h>
#include <rte_mbuf.h>

#include "rte_vfio_dev.h"
#include "mdev_sim_crypto_priv.h"

static inline bool
single_seg(const struct rte_mbuf *m)
{
	return m != NULL && m->next == NULL;
}

/*
 * Describes one operation to the device. The device checks every field
 * again; this catches what only the PMD can see (chained mbufs, missing
 * session) so that such an operation is never enqueued. Each field of the
 * ring slot is stored once: the slot is DMA memory the device reads next.
 */
static int
build_req(struct mdev_sim_crypto_req *req, struct rte_crypto_op *op)
{
	struct rte_crypto_sym_op *sym = op->sym;
	const struct msc_session *s;
	struct rte_mbuf *src = sym->m_src;
	struct rte_mbuf *dst = sym->m_dst;
	uint32_t cipher_off = 0, cipher_len = 0, auth_off = 0, auth_len = 0;
	uint64_t digest = 0, aad = 0;
	uint16_t aad_len = 0;
	bool oop;

	if (unlikely(op->type != RTE_CRYPTO_OP_TYPE_SYMMETRIC ||
		     op->sess_type != RTE_CRYPTO_OP_WITH_SESSION ||
		     sym->session == NULL || !single_seg(src) ||
		     (dst != NULL && dst != src && !single_seg(dst))))
		return -EINVAL;
	s = CRYPTODEV_GET_SYM_SESS_PRIV(sym->session);
	if (unlikely(s->desc.chain == 0))
		return -EINVAL;
	oop = dst != NULL && dst != src;

	switch (s->desc.chain) {
	case MDEV_SIM_CRYPTO_CHAIN_AEAD:
		cipher_off = sym->aead.data.offset;
		cipher_len = sym->aead.data.length;
		digest = sym->aead.digest.phys_addr;
		aad_len = s->aad_len;
		aad = sym->aead.aad.phys_addr;
		break;
	case MDEV_SIM_CRYPTO_CHAIN_CIPHER:
		cipher_off = sym->cipher.data.offset;
		cipher_len = sym->cipher.data.length;
		break;
	case MDEV_SIM_CRYPTO_CHAIN_AUTH:
		auth_off = sym->auth.data.offset;
		auth_len = sym->auth.data.length;
		digest = sym->auth.digest.phys_addr;
		break;
	default:
		cipher_off = sym->cipher.data.offset;
		cipher_len = sym->cipher.data.length;
		auth_off = sym->auth.data.offset;
		auth_len = sym->auth.data.length;
		digest = sym->auth.digest.phys_addr;
		break;
	}

	req->opaque = 0;
	req->sess_iova = rte_cpu_to_le_64(
			CRYPTODEV_GET_SYM_SESS_PRIV_IOVA(sym->session));
	req->src_iova = rte_cpu_to_le_64(rte_pktmbuf_iova(src));
	req->dst_iova = rte_cpu_to_le_64(oop ? rte_pktmbuf_iova(dst) : 0);
	req->digest_iova = rte_cpu_to_le_64(digest);
	req->aad_iova = rte_cpu_to_le_64(aad);
	req->src_len = rte_cpu_to_le_32(rte_pktmbuf_data_len(src));
	req->dst_len = rte_cpu_to_le_32(oop ? rte_pktmbuf_data_len(dst) : 0);
	req->cipher_off = rte_cpu_to_le_32(cipher_off);
	req->cipher_len = rte_cpu_to_le_32(cipher_len);
	req->auth_off = rte_cpu_to_le_32(auth_off);
	req->auth_len = rte_cpu_to_le_32(auth_len);
	req->aad_len = rte_cpu_to_le_16(aad_len);
	req->iv_len = s->iv_len;
	req->flags = oop ? MDEV_SIM_CRYPTO_REQ_OOP : 0;
	req->rsvd0 = 0;
	memcpy(req->iv, rte_crypto_op_ctod_offset(op, uint8_t *, s->iv_offset),
	       s->iv_len);
	memset(req->iv + s->iv_len, 0, sizeof(req->iv) - s->iv_len);
	req->sess_tag = rte_cpu_to_le_64(s->tag);
	memset(req->rsvd1, 0, sizeof(req->rsvd1));
	return 0;
}

uint16_t
msc_enqueue_burst(void *qp_, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct mdev_sim_crypto_qp *qp = qp_;
	uint32_t mask = qp->size - 1;
	uint32_t room = qp->size - (qp->tail - qp->head);
	uint16_t n;

	if (nb_ops > room)
		nb_ops = room;
	for (n = 0; n < nb_ops; n++) {
		uint32_t slot = (qp->tail + n) & mask;

		if (unlikely(build_req(&qp->req[slot], ops[n]) != 0)) {
			ops[n]->status = RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
			qp->stats.enqueue_err_count++;
			break;
		}
		qp->ops[slot] = ops[n];
	}
	if (n == 0)
		return 0;

	qp->tail += n;
	/* The trapped write orders the ring stores before the device reads. */
	if (unlikely(rte_vfio_dev_write32(qp->vfio, MDEV_SIM_CRYPTO_BAR,
					  qp->doorbell, qp->tail) != 0)) {
		/* The device never saw them: take them back. */
		qp->tail -= n;
		qp->stats.enqueue_err_count += n;
		return 0;
	}
	qp->stats.enqueued_count += n;
	return n;
}

static inline uint8_t
op_status(uint8_t hw)
{
	switch (hw) {
	case MDEV_SIM_CRYPTO_ST_OK:
		return RTE_CRYPTO_OP_STATUS_SUCCESS;
	case MDEV_SIM_CRYPTO_ST_AUTH_FAILED:
		return RTE_CRYPTO_OP_STATUS_AUTH_FAILED;
	case MDEV_SIM_CRYPTO_ST_INVALID:
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	}
	return RTE_CRYPTO_OP_STATUS_ERROR;
}

/*
 * A queue pair the device stopped (ring fault) will never answer what is
 * still in flight: hand those operations back as failed.
 */
static uint16_t
fail_stopped(struct mdev_sim_crypto_qp *qp, struct rte_crypto_op **ops,
	     uint16_t nb_ops)
{
	uint32_t st = rte_le_to_cpu_32(qp->status->qp_status);
	uint16_t n;

	if ((st & MDEV_SIM_CRYPTO_QP_ST_ERROR) == 0)
		return 0;
	for (n = 0; n < nb_ops && qp->head != qp->tail; n++) {
		ops[n] = qp->ops[qp->head & (qp->size - 1)];
		ops[n]->status = RTE_CRYPTO_OP_STATUS_ERROR;
		qp->head++;
	}
	qp->stats.dequeued_count += n;
	qp->stats.dequeue_err_count += n;
	/* Once per drain, not once per poll. */
	if (qp->head == qp->tail)
		MSC_LOG(ERR, "qp %u stopped by the device (status %#x): in-flight operations failed",
			qp->id, st);
	return n;
}

uint16_t
msc_dequeue_burst(void *qp_, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct mdev_sim_crypto_qp *qp = qp_;
	uint32_t mask = qp->size - 1;
	uint32_t done, avail;
	uint16_t n;

	done = rte_le_to_cpu_32(qp->status->resp_tail);
	avail = done - qp->head;
	if (avail == 0)
		return qp->head == qp->tail ? 0 :
		       fail_stopped(qp, ops, nb_ops);
	/* A device that reports more than was enqueued is not believed. */
	if (unlikely(avail > qp->tail - qp->head))
		avail = qp->tail - qp->head;
	/* Responses were written before the index that announced them. */
	rte_atomic_thread_fence(rte_memory_order_acquire);
	if (nb_ops > avail)
		nb_ops = avail;

	for (n = 0; n < nb_ops; n++) {
		uint32_t slot = (qp->head + n) & mask;
		const struct mdev_sim_crypto_resp *resp = &qp->resp[slot];
		struct rte_crypto_op *op = qp->ops[slot];

		op->status = op_status(resp->status);
		if (unlikely(op->status != RTE_CRYPTO_OP_STATUS_SUCCESS)) {
			qp->stats.dequeue_err_count++;
			MSC_LOG(DEBUG, "qp %u: op failed, device status %u error %u",
				qp->id, resp->status, resp->error);
		}
		ops[n] = op;
	}
	qp->head += n;
	qp->stats.dequeued_count += n;
	return n;
}
