/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * Programming interface of the mdev_sim-crypto device, a symmetric crypto
 * accelerator slice in the style of a QAT virtual function.
 *
 * The datasheet in doc/guides/mdev_sim/crypto_device.rst explains the
 * behaviour; this header is the single source for the numbers and the
 * layout of the structures the device reads and writes in DMA memory. It
 * needs only <linux/types.h>, which exists both in the kernel and in
 * userspace (uapi), so that the PMD and tests can include it.
 *
 * Everything is little endian. Registers are 32 bits wide and accept only
 * naturally aligned 4-byte accesses.
 */
#ifndef MDEV_SIM_CRYPTO_HW_H
#define MDEV_SIM_CRYPTO_HW_H

#include <linux/types.h>

#include "mdev_sim_ids.h"

#define MDEV_SIM_CRYPTO_REVISION	0x01

/* BAR0: the only BAR, 32 KiB of 32-bit memory */
#define MDEV_SIM_CRYPTO_BAR		0
#define MDEV_SIM_CRYPTO_BAR0_SIZE	0x8000
#define MDEV_SIM_CRYPTO_QP_REGS		0x1000	/* trapped per-QP registers */
#define MDEV_SIM_CRYPTO_QP_STRIDE	0x40
#define MDEV_SIM_CRYPTO_MSIX_TABLE	0x2000	/* trapped, 16 bytes a vector */
#define MDEV_SIM_CRYPTO_MSIX_PBA	0x3000
#define MDEV_SIM_CRYPTO_STATUS_PAGE	0x4000	/* the BAR's mmap window */
#define MDEV_SIM_CRYPTO_STATUS_SIZE	0x1000
#define MDEV_SIM_CRYPTO_STATUS_STRIDE	0x40	/* per QP in the status page */

/* Queue pairs; MSI-X vector N belongs to queue pair N. */
#define MDEV_SIM_CRYPTO_NUM_QPS		8
#define MDEV_SIM_CRYPTO_MSIX_VECTORS	MDEV_SIM_CRYPTO_NUM_QPS

/* Global registers (read only) */
#define MDEV_SIM_CRYPTO_REG_ID		0x000	/* MDEV_SIM_CRYPTO_ID_MAGIC */
#define MDEV_SIM_CRYPTO_REG_VERSION	0x004	/* major << 16 | minor */
#define MDEV_SIM_CRYPTO_REG_NUM_QPS	0x008
#define MDEV_SIM_CRYPTO_REG_MAX_RING	0x00c	/* largest RING_SIZE */
#define MDEV_SIM_CRYPTO_REG_MAX_DATA	0x010	/* largest src_len */
#define MDEV_SIM_CRYPTO_REG_MAX_AAD	0x014	/* largest aad_len */
#define MDEV_SIM_CRYPTO_REG_CIPHER_CAPS	0x018	/* BIT(MDEV_SIM_CRYPTO_CIPHER_*) */
#define MDEV_SIM_CRYPTO_REG_AUTH_CAPS	0x01c	/* BIT(MDEV_SIM_CRYPTO_AUTH_*) */
#define MDEV_SIM_CRYPTO_REG_STATUS	0x020	/* MDEV_SIM_CRYPTO_STATUS_* */

#define MDEV_SIM_CRYPTO_ID_MAGIC	0x5243534d	/* bytes "MSCR" */
#define MDEV_SIM_CRYPTO_VERSION		0x00010000	/* 1.0 */
#define MDEV_SIM_CRYPTO_STATUS_READY	0x00000001

#define MDEV_SIM_CRYPTO_MIN_RING	2
#define MDEV_SIM_CRYPTO_MAX_RING	4096
#define MDEV_SIM_CRYPTO_MAX_DATA	65536
#define MDEV_SIM_CRYPTO_MAX_AAD		1024
#define MDEV_SIM_CRYPTO_RING_ALIGN	64	/* both ring bases */

/* Queue pair registers, at MDEV_SIM_CRYPTO_QP_REG(qp, reg) */
#define MDEV_SIM_CRYPTO_QP_REG(qp, reg) \
	(MDEV_SIM_CRYPTO_QP_REGS + (qp) * MDEV_SIM_CRYPTO_QP_STRIDE + (reg))
#define MDEV_SIM_CRYPTO_QP_REQ_LO	0x00	/* RW: request ring IOVA */
#define MDEV_SIM_CRYPTO_QP_REQ_HI	0x04
#define MDEV_SIM_CRYPTO_QP_RESP_LO	0x08	/* RW: response ring IOVA */
#define MDEV_SIM_CRYPTO_QP_RESP_HI	0x0c
#define MDEV_SIM_CRYPTO_QP_SIZE		0x10	/* RW: entries, power of two */
#define MDEV_SIM_CRYPTO_QP_CTRL		0x14	/* RW: MDEV_SIM_CRYPTO_QP_CTRL_* */
#define MDEV_SIM_CRYPTO_QP_DOORBELL	0x18	/* RW: request ring tail */
#define MDEV_SIM_CRYPTO_QP_STATUS	0x1c	/* RO: MDEV_SIM_CRYPTO_QP_ST_* */
#define MDEV_SIM_CRYPTO_QP_HEAD		0x20	/* RO: requests consumed */

/* Ring address and size registers only take writes while disabled. */
#define MDEV_SIM_CRYPTO_QP_CTRL_ENABLE	0x00000001
#define MDEV_SIM_CRYPTO_QP_CTRL_IRQ	0x00000002	/* MSI-X after a doorbell */

#define MDEV_SIM_CRYPTO_QP_ST_ENABLED	0x00000001
#define MDEV_SIM_CRYPTO_QP_ST_ERROR	0x00000002
#define MDEV_SIM_CRYPTO_QP_ST_CODE_SHIFT	8	/* MDEV_SIM_CRYPTO_QP_ERR_* */
#define MDEV_SIM_CRYPTO_QP_ST_CODE_MASK	0x0000ff00

/* Why a queue pair stopped (it is disabled when it reports an error). */
#define MDEV_SIM_CRYPTO_QP_ERR_NONE	0
#define MDEV_SIM_CRYPTO_QP_ERR_CONFIG	1	/* bad ring address or size */
#define MDEV_SIM_CRYPTO_QP_ERR_DOORBELL	2	/* tail more than a ring ahead */
#define MDEV_SIM_CRYPTO_QP_ERR_RING_DMA	3	/* ring unreadable/unwritable */
#define MDEV_SIM_CRYPTO_QP_ERR_NOMEM	4	/* no memory for the queue pair */

/*
 * Status page, mapped by userspace: one block per queue pair, written only
 * by the device. Indexes and counters are free running 32-bit values.
 */
struct mdev_sim_crypto_qp_status {
	__le32 req_head;	/* requests consumed */
	__le32 resp_tail;	/* responses written */
	__le32 ops_ok;		/* completed with MDEV_SIM_CRYPTO_ST_OK */
	__le32 ops_err;		/* completed with any other status */
	__le32 qp_status;	/* copy of the QP STATUS register */
	__le32 rsvd[11];
};

/* Algorithms; a capability register has BIT(id) set for each one offered. */
#define MDEV_SIM_CRYPTO_CIPHER_NONE	0
#define MDEV_SIM_CRYPTO_CIPHER_NULL	1
#define MDEV_SIM_CRYPTO_CIPHER_AES_CBC	2	/* key 16/24/32, IV 16 */
#define MDEV_SIM_CRYPTO_CIPHER_AES_CTR	3	/* key 16/24/32, IV 16 */
#define MDEV_SIM_CRYPTO_CIPHER_AES_GCM	4	/* AEAD: key 16/24/32, IV 12 */
#define MDEV_SIM_CRYPTO_CIPHER_MAX	4

#define MDEV_SIM_CRYPTO_AUTH_NONE	0
#define MDEV_SIM_CRYPTO_AUTH_NULL	1
#define MDEV_SIM_CRYPTO_AUTH_SHA1_HMAC	2
#define MDEV_SIM_CRYPTO_AUTH_SHA224_HMAC	3
#define MDEV_SIM_CRYPTO_AUTH_SHA256_HMAC	4
#define MDEV_SIM_CRYPTO_AUTH_SHA384_HMAC	5
#define MDEV_SIM_CRYPTO_AUTH_SHA512_HMAC	6
#define MDEV_SIM_CRYPTO_AUTH_MAX	6

/* What a session does, in processing order. */
#define MDEV_SIM_CRYPTO_CHAIN_CIPHER	1
#define MDEV_SIM_CRYPTO_CHAIN_AUTH	2
#define MDEV_SIM_CRYPTO_CHAIN_CIPHER_AUTH	3	/* cipher, then hash output */
#define MDEV_SIM_CRYPTO_CHAIN_AUTH_CIPHER	4	/* hash input, then cipher */
#define MDEV_SIM_CRYPTO_CHAIN_AEAD	5

#define MDEV_SIM_CRYPTO_OP_ENCRYPT	1
#define MDEV_SIM_CRYPTO_OP_DECRYPT	2
#define MDEV_SIM_CRYPTO_OP_GENERATE	1
#define MDEV_SIM_CRYPTO_OP_VERIFY	2

#define MDEV_SIM_CRYPTO_MAX_CIPHER_KEY	32
#define MDEV_SIM_CRYPTO_MAX_AUTH_KEY	256	/* longer than a block: hashed */
#define MDEV_SIM_CRYPTO_MAX_DIGEST	64
#define MDEV_SIM_CRYPTO_MAX_IV		16

/*
 * Session descriptor, the "content descriptor" a request points to. The
 * device reads all of it for every request, so it must lie entirely in
 * mapped memory. Key bytes beyond the key lengths are ignored.
 */
struct mdev_sim_crypto_sess {
	__u8 chain;		/* MDEV_SIM_CRYPTO_CHAIN_* */
	__u8 cipher_alg;	/* MDEV_SIM_CRYPTO_CIPHER_* */
	__u8 cipher_op;		/* MDEV_SIM_CRYPTO_OP_ENCRYPT/DECRYPT */
	__u8 cipher_key_len;
	__u8 auth_alg;		/* MDEV_SIM_CRYPTO_AUTH_* */
	__u8 auth_op;		/* MDEV_SIM_CRYPTO_OP_GENERATE/VERIFY */
	__le16 auth_key_len;
	__u8 digest_len;	/* HMAC: 1..full size; GCM: 4, 8, 12..16 */
	__u8 rsvd[23];		/* must be zero */
	__u8 cipher_key[MDEV_SIM_CRYPTO_MAX_CIPHER_KEY];
	__u8 auth_key[MDEV_SIM_CRYPTO_MAX_AUTH_KEY];
};

#define MDEV_SIM_CRYPTO_SESS_SIZE	320

/* Request flags */
#define MDEV_SIM_CRYPTO_REQ_OOP		0x01	/* write results to dst, not src */
#define MDEV_SIM_CRYPTO_REQ_FLAGS	MDEV_SIM_CRYPTO_REQ_OOP

/*
 * Request ring entry. The cipher (or AEAD) region and the auth region are
 * byte ranges of the source buffer; results land at the same offsets of
 * the destination buffer (out of place) or of the source (in place). In
 * place only the cipher region is written back; out of place the span
 * both regions cover. A digest goes to digest_iova, except that a digest
 * lying inside the cipher region of the buffer it belongs to is encrypted
 * with the data (auth-then-cipher, generate) or taken from the decrypted
 * data (cipher-then-auth, verify).
 *
 * sess_tag lets the device keep a session's keyed transforms without
 * reading the descriptor again: a non-zero tag, together with sess_iova,
 * promises that the descriptor's content is the one seen with that pair
 * before. A driver must use a new tag whenever it rewrites a descriptor.
 */
struct mdev_sim_crypto_req {
	__le64 opaque;		/* returned in the response */
	__le64 sess_iova;	/* struct mdev_sim_crypto_sess */
	__le64 src_iova;
	__le64 dst_iova;	/* with MDEV_SIM_CRYPTO_REQ_OOP only */
	__le64 digest_iova;	/* digest (or GCM tag) to write or verify */
	__le64 aad_iova;	/* GCM additional authenticated data */
	__le32 src_len;		/* 0..MAX_DATA */
	__le32 dst_len;		/* >= end of the cipher region, OOP only */
	__le32 cipher_off;
	__le32 cipher_len;	/* AES-CBC: multiple of 16 */
	__le32 auth_off;
	__le32 auth_len;
	__le16 aad_len;		/* 0..MAX_AAD, GCM only */
	__u8 iv_len;		/* must match the algorithm: 16, 12 or 0 */
	__u8 flags;		/* MDEV_SIM_CRYPTO_REQ_* */
	__le32 rsvd0;		/* must be zero */
	__u8 iv[MDEV_SIM_CRYPTO_MAX_IV];	/* GCM: first 12 bytes */
	__le64 sess_tag;	/* 0, or names the descriptor's content */
	__u8 rsvd1[24];		/* must be zero */
};

#define MDEV_SIM_CRYPTO_REQ_SIZE	128

/* Response ring entry: response N answers request N, in order. */
struct mdev_sim_crypto_resp {
	__le64 opaque;
	__u8 status;		/* MDEV_SIM_CRYPTO_ST_* */
	__u8 error;		/* MDEV_SIM_CRYPTO_ERR_*: which check failed */
	__le16 rsvd0;
	__le32 rsvd1;
};

#define MDEV_SIM_CRYPTO_RESP_SIZE	16

#define MDEV_SIM_CRYPTO_ST_OK		0
#define MDEV_SIM_CRYPTO_ST_AUTH_FAILED	1	/* digest or tag mismatch */
#define MDEV_SIM_CRYPTO_ST_INVALID	2	/* a request or session field */
#define MDEV_SIM_CRYPTO_ST_DMA_ERROR	3	/* an IOVA is not mapped */
#define MDEV_SIM_CRYPTO_ST_UNSUPPORTED	4	/* algorithm unavailable */
#define MDEV_SIM_CRYPTO_ST_NOMEM	5	/* transient: retry later */

#define MDEV_SIM_CRYPTO_ERR_NONE	0
#define MDEV_SIM_CRYPTO_ERR_FLAGS	1	/* unknown flag or reserved bits */
#define MDEV_SIM_CRYPTO_ERR_SESS_DMA	2
#define MDEV_SIM_CRYPTO_ERR_CHAIN	3
#define MDEV_SIM_CRYPTO_ERR_CIPHER_ALG	4
#define MDEV_SIM_CRYPTO_ERR_CIPHER_OP	5
#define MDEV_SIM_CRYPTO_ERR_CIPHER_KEY	6
#define MDEV_SIM_CRYPTO_ERR_AUTH_ALG	7
#define MDEV_SIM_CRYPTO_ERR_AUTH_OP	8
#define MDEV_SIM_CRYPTO_ERR_AUTH_KEY	9
#define MDEV_SIM_CRYPTO_ERR_DIGEST_LEN	10
#define MDEV_SIM_CRYPTO_ERR_SRC_LEN	11
#define MDEV_SIM_CRYPTO_ERR_DST_LEN	12
#define MDEV_SIM_CRYPTO_ERR_CIPHER_RANGE	13
#define MDEV_SIM_CRYPTO_ERR_CIPHER_ALIGN	14	/* CBC length not blocks */
#define MDEV_SIM_CRYPTO_ERR_AUTH_RANGE	15
#define MDEV_SIM_CRYPTO_ERR_IV_LEN	16
#define MDEV_SIM_CRYPTO_ERR_AAD_LEN	17
#define MDEV_SIM_CRYPTO_ERR_SRC_DMA	18
#define MDEV_SIM_CRYPTO_ERR_DST_DMA	19
#define MDEV_SIM_CRYPTO_ERR_DIGEST_DMA	20
#define MDEV_SIM_CRYPTO_ERR_AAD_DMA	21
#define MDEV_SIM_CRYPTO_ERR_TFM		22	/* the kernel lacks the algorithm */
#define MDEV_SIM_CRYPTO_ERR_NOMEM	23
#define MDEV_SIM_CRYPTO_ERR_ENGINE	24	/* the crypto API failed */

#endif /* MDEV_SIM_CRYPTO_HW_H */
