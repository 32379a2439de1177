/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

#ifndef MDEV_SIM_CRYPTO_PRIV_H
#define MDEV_SIM_CRYPTO_PRIV_H

#include <stdint.h>

#include <cryptodev_pmd.h>
#include <rte_log.h>

/* RTE_LOG_LINE_PREFIX and rte_atomic_* on DPDK releases without them. */
#include "bus_mdev_compat.h"
#include "mdev_sim_crypto_compat.h"
#include "mdev_sim_crypto_hw.h"

extern int msc_logtype;
#define RTE_LOGTYPE_CRYPTO_MDEV_SIM msc_logtype
#define MSC_LOG(level, ...) \
	RTE_LOG_LINE_PREFIX(level, CRYPTO_MDEV_SIM, "%s(): ", __func__, \
			    __VA_ARGS__)

extern uint8_t msc_driver_id;

struct rte_mdev_device;
struct rte_vfio_dev;

/* Per device, in the cryptodev's private data. */
struct msc_dev {
	struct rte_mdev_device *mdev;
	struct rte_vfio_dev *vfio;
	volatile uint8_t *status_page;     /* the BAR's mapped window */
	uint32_t nb_qps;                   /* queue pairs the device has */
	uint32_t max_ring;
	uint32_t max_data;
	uint32_t max_aad;
	uint32_t cipher_caps;              /* BIT(MDEV_SIM_CRYPTO_CIPHER_*) */
	uint32_t auth_caps;                /* BIT(MDEV_SIM_CRYPTO_AUTH_*) */
	struct rte_cryptodev_capabilities *caps;
};

/* A queue pair: request and response rings in one IOVA-contiguous zone. */
struct mdev_sim_crypto_qp {
	uint16_t id;
	uint32_t size;                     /* entries, a power of two */
	uint32_t tail;                     /* requests enqueued */
	uint32_t head;                     /* responses dequeued */
	struct mdev_sim_crypto_req *req;
	struct mdev_sim_crypto_resp *resp;
	rte_iova_t req_iova;
	rte_iova_t resp_iova;
	struct rte_crypto_op **ops;        /* in flight, by ring slot */
	const volatile struct mdev_sim_crypto_qp_status *status;
	const struct rte_vfio_dev *vfio;
	uint64_t doorbell;                 /* register offset in BAR0 */
	const struct rte_memzone *mz;
	struct rte_cryptodev_stats stats;
};

/*
 * Session private data. The device reads the descriptor at the session's
 * IOVA, so it comes first and the object must be IOVA-contiguous, which
 * session mempools are.
 */
struct msc_session {
	struct mdev_sim_crypto_sess desc;
	uint64_t tag;                      /* new for every configuration */
	uint16_t iv_offset;                /* in the crypto op */
	uint8_t iv_len;
	uint16_t aad_len;
};

_Static_assert(offsetof(struct msc_session, desc) == 0,
	       "the device reads the descriptor at the session's IOVA");
_Static_assert(sizeof(struct mdev_sim_crypto_sess) == MDEV_SIM_CRYPTO_SESS_SIZE,
	       "session descriptor layout");
_Static_assert(sizeof(struct mdev_sim_crypto_req) == MDEV_SIM_CRYPTO_REQ_SIZE,
	       "request layout");
_Static_assert(sizeof(struct mdev_sim_crypto_resp) == MDEV_SIM_CRYPTO_RESP_SIZE,
	       "response layout");

extern struct rte_cryptodev_ops msc_ops;

/* mdev_sim_crypto_caps.c: the algorithms the PMD knows, by device id. */
struct msc_cipher_cap {
	unsigned int hw;                   /* MDEV_SIM_CRYPTO_CIPHER_* */
	enum rte_crypto_cipher_algorithm algo;
	uint16_t block;
	uint16_t key_min, key_max, key_inc;
	uint16_t iv;
};

struct msc_auth_cap {
	unsigned int hw;                   /* MDEV_SIM_CRYPTO_AUTH_* */
	enum rte_crypto_auth_algorithm algo;
	uint16_t block;
	uint16_t digest_max;
};

/* NULL when the PMD does not know the algorithm. */
const struct msc_cipher_cap *msc_cipher_cap(enum rte_crypto_cipher_algorithm algo);
const struct msc_auth_cap *msc_auth_cap(enum rte_crypto_auth_algorithm algo);
struct rte_cryptodev_capabilities *msc_caps_build(uint32_t cipher_caps,
						  uint32_t auth_caps,
						  uint32_t max_aad);

/* mdev_sim_crypto_session.c */
unsigned int msc_session_size(struct rte_cryptodev *dev);
int msc_session_configure(struct rte_cryptodev *dev,
			  struct rte_crypto_sym_xform *xform,
			  struct rte_cryptodev_sym_session *sess);
void msc_session_clear(struct rte_cryptodev *dev,
		       struct rte_cryptodev_sym_session *sess);

/* mdev_sim_crypto_rxtx.c */
uint16_t msc_enqueue_burst(void *qp, struct rte_crypto_op **ops,
			   uint16_t nb_ops);
uint16_t msc_dequeue_burst(void *qp, struct rte_crypto_op **ops,
			   uint16_t nb_ops);

/* Device registers, through the VFIO helper library. */
uint32_t msc_reg_read(const struct msc_dev *dev, uint64_t off);
int msc_reg_write(const struct msc_dev *dev, uint64_t off, uint32_t val);

#endif /* MDEV_SIM_CRYPTO_PRIV_H */
