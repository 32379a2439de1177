// SPDX-License-Identifier: GPL-2.0
/*
 * Self-benchmark of the mdev_sim-crypto engine: the same operation, run
 * COUNT times on a SIZE-byte buffer through exactly the code the device
 * uses, minus DMA and rings. It is the denominator of the device's
 * efficiency: what the kernel crypto API alone achieves.
 *
 *   # echo "chain=cipher-auth cipher=aes-cbc cipher-key=16 auth=sha1-hmac \
 *           auth-key=64 digest=20 size=2048 count=20000" \
 *       > /sys/kernel/debug/mdev_sim_crypto/bench
 *   # cat /sys/kernel/debug/mdev_sim_crypto/bench
 *
 * A write runs the benchmark before it returns (a fatal signal cuts it
 * short); a read shows the last result as key=value pairs.
 */

#include <linux/debugfs.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/parser.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "mdev_sim.h"
#include "mdev_sim_crypto.h"

#define BENCH_MAX_COUNT		100000000u
#define BENCH_CMD_MAX		512

struct bench_name {
	const char *name;
	u8 id;
};

static const struct bench_name chains[] = {
	{ "cipher", MDEV_SIM_CRYPTO_CHAIN_CIPHER },
	{ "auth", MDEV_SIM_CRYPTO_CHAIN_AUTH },
	{ "cipher-auth", MDEV_SIM_CRYPTO_CHAIN_CIPHER_AUTH },
	{ "auth-cipher", MDEV_SIM_CRYPTO_CHAIN_AUTH_CIPHER },
	{ "aead", MDEV_SIM_CRYPTO_CHAIN_AEAD },
	{ }
};

static const struct bench_name ciphers[] = {
	{ "null", MDEV_SIM_CRYPTO_CIPHER_NULL },
	{ "aes-cbc", MDEV_SIM_CRYPTO_CIPHER_AES_CBC },
	{ "aes-ctr", MDEV_SIM_CRYPTO_CIPHER_AES_CTR },
	{ "aes-gcm", MDEV_SIM_CRYPTO_CIPHER_AES_GCM },
	{ }
};

static const struct bench_name auths[] = {
	{ "null", MDEV_SIM_CRYPTO_AUTH_NULL },
	{ "sha1-hmac", MDEV_SIM_CRYPTO_AUTH_SHA1_HMAC },
	{ "sha224-hmac", MDEV_SIM_CRYPTO_AUTH_SHA224_HMAC },
	{ "sha256-hmac", MDEV_SIM_CRYPTO_AUTH_SHA256_HMAC },
	{ "sha384-hmac", MDEV_SIM_CRYPTO_AUTH_SHA384_HMAC },
	{ "sha512-hmac", MDEV_SIM_CRYPTO_AUTH_SHA512_HMAC },
	{ }
};

static const struct bench_name ops[] = {
	{ "encrypt", MDEV_SIM_CRYPTO_OP_ENCRYPT },
	{ "decrypt", MDEV_SIM_CRYPTO_OP_DECRYPT },
	{ }
};

struct bench_cfg {
	struct mdev_sim_crypto_sess sess;
	u32 size;
	u32 count;
	u16 aad_len;
};

static DEFINE_MUTEX(bench_lock);
static char bench_result[256] = "no run yet\n";
static struct dentry *bench_dir;

static int lookup(const struct bench_name *tbl, const char *name, u8 *id)
{
	for (; tbl->name; tbl++) {
		if (!strcmp(tbl->name, name)) {
			*id = tbl->id;
			return 0;
		}
	}
	return -EINVAL;
}

enum {
	OPT_CHAIN, OPT_CIPHER, OPT_CIPHER_KEY, OPT_AUTH, OPT_AUTH_KEY,
	OPT_DIGEST, OPT_OP, OPT_SIZE, OPT_COUNT, OPT_AAD, OPT_ERR
};

static const match_table_t bench_opts = {
	{ OPT_CHAIN, "chain=%s" },
	{ OPT_CIPHER, "cipher=%s" },
	{ OPT_CIPHER_KEY, "cipher-key=%u" },
	{ OPT_AUTH, "auth=%s" },
	{ OPT_AUTH_KEY, "auth-key=%u" },
	{ OPT_DIGEST, "digest=%u" },
	{ OPT_OP, "op=%s" },
	{ OPT_SIZE, "size=%u" },
	{ OPT_COUNT, "count=%u" },
	{ OPT_AAD, "aad=%u" },
	{ OPT_ERR, NULL }
};

static int opt_name(substring_t *arg, const struct bench_name *tbl, u8 *id)
{
	char name[16];

	if (match_strlcpy(name, arg, sizeof(name)) >= sizeof(name))
		return -EINVAL;
	return lookup(tbl, name, id);
}

static int opt_u8(substring_t *arg, u8 *val)
{
	unsigned int v;

	if (match_uint(arg, &v) || v > U8_MAX)
		return -EINVAL;
	*val = v;
	return 0;
}

static int parse_opt(struct bench_cfg *cfg, char *p)
{
	struct mdev_sim_crypto_sess *s = &cfg->sess;
	substring_t args[MAX_OPT_ARGS];
	unsigned int v;

	switch (match_token(p, bench_opts, args)) {
	case OPT_CHAIN:
		return opt_name(&args[0], chains, &s->chain);
	case OPT_CIPHER:
		return opt_name(&args[0], ciphers, &s->cipher_alg);
	case OPT_CIPHER_KEY:
		return opt_u8(&args[0], &s->cipher_key_len);
	case OPT_AUTH:
		return opt_name(&args[0], auths, &s->auth_alg);
	case OPT_AUTH_KEY:
		if (match_uint(&args[0], &v) || v > U16_MAX)
			return -EINVAL;
		s->auth_key_len = cpu_to_le16(v);
		return 0;
	case OPT_DIGEST:
		return opt_u8(&args[0], &s->digest_len);
	case OPT_OP:
		return opt_name(&args[0], ops, &s->cipher_op);
	case OPT_SIZE:
		return match_uint(&args[0], &cfg->size);
	case OPT_COUNT:
		return match_uint(&args[0], &cfg->count);
	case OPT_AAD:
		if (match_uint(&args[0], &v) || v > U16_MAX)
			return -EINVAL;
		cfg->aad_len = v;
		return 0;
	}
	return -EINVAL;
}

/* Fills in what the command left out and derives the session's ops. */
static int parse_cmd(struct bench_cfg *cfg, char *cmd)
{
	struct mdev_sim_crypto_sess *s = &cfg->sess;
	char *p;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	s->cipher_op = MDEV_SIM_CRYPTO_OP_ENCRYPT;
	cfg->size = 1024;
	cfg->count = 10000;

	while ((p = strsep(&cmd, " \t\n")) != NULL) {
		if (!*p)
			continue;
		ret = parse_opt(cfg, p);
		if (ret)
			return ret;
	}
	if (!msc_has_cipher(s->chain))
		s->cipher_op = 0;
	/* Generating measures the same hashing work as verifying. */
	if (msc_has_auth(s->chain))
		s->auth_op = MDEV_SIM_CRYPTO_OP_GENERATE;
	if (!cfg->count || cfg->count > BENCH_MAX_COUNT)
		return -EINVAL;
	get_random_bytes(s->cipher_key, sizeof(s->cipher_key));
	get_random_bytes(s->auth_key, sizeof(s->auth_key));
	return 0;
}

static void bench_op(const struct bench_cfg *cfg, struct msc_op *op,
		     const u8 *iv)
{
	const struct mdev_sim_crypto_sess *s = &cfg->sess;

	memset(op, 0, sizeof(*op));
	op->src_len = cfg->size;
	if (msc_has_cipher(s->chain))
		op->cipher_len = cfg->size;
	if (msc_has_auth(s->chain))
		op->auth_len = cfg->size;
	op->aad_len = cfg->aad_len;
	op->iv_len = msc_cipher_iv_len(s->cipher_alg);
	op->iv = iv;
}

static int run_bench(struct bench_cfg *cfg)
{
	struct msc_result res = { 0 };
	u8 iv[MDEV_SIM_CRYPTO_MAX_IV];
	struct msc_buf buf = { 0 };
	struct msc_work *work;
	struct msc_ctx *ctx;
	struct msc_op op;
	u64 start, ns;
	u32 done;
	int ret;

	if (!msc_sess_check(&cfg->sess, &res))
		return -EINVAL;
	get_random_bytes(iv, sizeof(iv));
	bench_op(cfg, &op, iv);
	if (!msc_op_check(&cfg->sess, &op, &res))
		return -EINVAL;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ret = msc_ctx_init(ctx, &cfg->sess, &res);
	if (ret)
		goto out_ctx;
	work = msc_work_alloc();
	if (!work) {
		ret = -ENOMEM;
		goto out_fini;
	}
	ret = msc_buf_alloc(&buf);
	if (ret)
		goto out_work;
	get_random_bytes(buf.va, MSC_BUF_SIZE);
	/* The views the device's copy path builds; zero-copy has the same. */
	msc_op_on_buf(&op, work, &buf, 0, cfg->size, cfg->sess.digest_len);

	start = ktime_get_ns();
	for (done = 0; done < cfg->count; done++) {
		msc_run(ctx, work, &op, &res);
		if (res.status != MDEV_SIM_CRYPTO_ST_OK) {
			ret = -EIO;
			break;
		}
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		cond_resched();
	}
	ns = ktime_get_ns() - start;

	if (!ret)
		snprintf(bench_result, sizeof(bench_result),
			 "ops=%u size=%u ns=%llu ops_per_sec=%llu bytes_per_sec=%llu\n",
			 done, cfg->size, ns,
			 div64_u64((u64)done * NSEC_PER_SEC, max_t(u64, ns, 1)),
			 div64_u64((u64)done * cfg->size * NSEC_PER_SEC,
				   max_t(u64, ns, 1)));

	msc_buf_free(&buf);
out_work:
	msc_work_free(work);
out_fini:
	msc_ctx_fini(ctx);
out_ctx:
	kfree(ctx);
	return ret;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	struct bench_cfg *cfg;
	char *cmd;
	int ret;

	if (len >= BENCH_CMD_MAX)
		return -EINVAL;
	cmd = memdup_user_nul(ubuf, len);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg) {
		kfree(cmd);
		return -ENOMEM;
	}

	ret = parse_cmd(cfg, cmd);
	if (!ret) {
		mutex_lock(&bench_lock);
		ret = run_bench(cfg);
		mutex_unlock(&bench_lock);
	}
	memzero_explicit(cfg, sizeof(*cfg));
	kfree(cfg);
	kfree(cmd);
	return ret ? ret : len;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	char result[sizeof(bench_result)];

	mutex_lock(&bench_lock);
	memcpy(result, bench_result, sizeof(result));
	mutex_unlock(&bench_lock);
	return simple_read_from_buffer(ubuf, len, ppos, result,
				       strnlen(result, sizeof(result)));
}

static const struct file_operations bench_fops = {
	.owner	= THIS_MODULE,
	.write	= bench_write,
	.read	= bench_read,
	.llseek	= default_llseek,
};

int mdev_sim_crypto_bench_init(void)
{
	bench_dir = debugfs_create_dir(MDEV_SIM_NAME "_crypto", NULL);
	debugfs_create_file("bench", 0600, bench_dir, NULL, &bench_fops);
	return 0;
}

void mdev_sim_crypto_bench_exit(void)
{
	debugfs_remove_recursive(bench_dir);
}
