/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The DPDK mdev bus authors
 */

/*
 * Known-answer vectors, transcribed from the publications named below and
 * cross-checked against an independent implementation before use.
 */

#include <rte_common.h>

#include "test_crypto_kat.h"

#define SP800_38A_PT \
	"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" \
	"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
#define SP800_38A_CBC_IV "000102030405060708090a0b0c0d0e0f"
#define SP800_38A_CTR_IV "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"

/* SP 800-38A F.2.1-F.2.6 (CBC) and F.5.1-F.5.6 (CTR), all key sizes. */
const struct kat_cipher kat_ciphers[] = {
	{ "SP 800-38A F.2.1 AES-128-CBC", RTE_CRYPTO_CIPHER_AES_CBC,
		"2b7e151628aed2a6abf7158809cf4f3c",
		SP800_38A_CBC_IV, SP800_38A_PT,
		"7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
		"73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7" },
	{ "SP 800-38A F.2.3 AES-192-CBC", RTE_CRYPTO_CIPHER_AES_CBC,
		"8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
		SP800_38A_CBC_IV, SP800_38A_PT,
		"4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a"
		"571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd" },
	{ "SP 800-38A F.2.5 AES-256-CBC", RTE_CRYPTO_CIPHER_AES_CBC,
		"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
		SP800_38A_CBC_IV, SP800_38A_PT,
		"f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
		"39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b" },
	{ "SP 800-38A F.5.1 AES-128-CTR", RTE_CRYPTO_CIPHER_AES_CTR,
		"2b7e151628aed2a6abf7158809cf4f3c",
		SP800_38A_CTR_IV, SP800_38A_PT,
		"874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
		"5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee" },
	{ "SP 800-38A F.5.3 AES-192-CTR", RTE_CRYPTO_CIPHER_AES_CTR,
		"8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
		SP800_38A_CTR_IV, SP800_38A_PT,
		"1abc932417521ca24f2b0459fe7e6e0b090339ec0aa6faefd5ccc2c6f4ce8e94"
		"1e36b26bd1ebc670d1bd1d665620abf74f78a7f6d29809585a97daec58c6b050" },
	{ "SP 800-38A F.5.5 AES-256-CTR", RTE_CRYPTO_CIPHER_AES_CTR,
		"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
		SP800_38A_CTR_IV, SP800_38A_PT,
		"601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
		"2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6" },
};
const unsigned int kat_nb_ciphers = RTE_DIM(kat_ciphers);

/*
 * GCM specification test cases 2-4, 9, 10, 15 and 16: every key size,
 * with and without AAD.
 */
const struct kat_gcm kat_gcms[] = {
	{ "GCM test case 2 (AES-128)",
		"00000000000000000000000000000000",
		"000000000000000000000000",
		"00000000000000000000000000000000",
		"",
		"0388dace60b6a392f328c2b971b2fe78",
		"ab6e47d42cec13bdf53a67b21257bddf" },
	{ "GCM test case 3 (AES-128)",
		"feffe9928665731c6d6a8f9467308308",
		"cafebabefacedbaddecaf888",
		"d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
		"",
		"42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
		"21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
		"4d5c2af327cd64a62cf35abd2ba6fab4" },
	{ "GCM test case 4 (AES-128)",
		"feffe9928665731c6d6a8f9467308308",
		"cafebabefacedbaddecaf888",
		"d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		"feedfacedeadbeeffeedfacedeadbeefabaddad2",
		"42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
		"21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
		"5bc94fbc3221a5db94fae95ae7121a47" },
	{ "GCM test case 9 (AES-192)",
		"feffe9928665731c6d6a8f9467308308feffe9928665731c",
		"cafebabefacedbaddecaf888",
		"d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
		"",
		"3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
		"7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710acade256",
		"9924a7c8587336bfb118024db8674a14" },
	{ "GCM test case 10 (AES-192)",
		"feffe9928665731c6d6a8f9467308308feffe9928665731c",
		"cafebabefacedbaddecaf888",
		"d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		"feedfacedeadbeeffeedfacedeadbeefabaddad2",
		"3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
		"7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710",
		"2519498e80f1478f37ba55bd6d27618c" },
	{ "GCM test case 15 (AES-256)",
		"feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
		"cafebabefacedbaddecaf888",
		"d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
		"",
		"522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
		"8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
		"b094dac5d93471bdec1a502270e3cc6c" },
	{ "GCM test case 16 (AES-256)",
		"feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
		"cafebabefacedbaddecaf888",
		"d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		"feedfacedeadbeeffeedfacedeadbeefabaddad2",
		"522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
		"8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
		"76fc6ece0f4e1768cddf8853bb2d551b" },
};
const unsigned int kat_nb_gcms = RTE_DIM(kat_gcms);

/* RFC 2202 section 3 and RFC 4231 section 4, test cases 1-7. */
const struct kat_hmac kat_hmacs[] = {
	{ "RFC 2202 HMAC-SHA-1 test case 1", RTE_CRYPTO_AUTH_SHA1_HMAC,
		NULL, 20, 0x0b,
		"Hi There", 8, 0,
		"b617318655057264e28bc0b6fb378c8ef146be00" },
	{ "RFC 2202 HMAC-SHA-1 test case 2", RTE_CRYPTO_AUTH_SHA1_HMAC,
		"4a656665", 4, 0,
		"what do ya want for nothing?", 28, 0,
		"effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
	{ "RFC 2202 HMAC-SHA-1 test case 3", RTE_CRYPTO_AUTH_SHA1_HMAC,
		NULL, 20, 0xaa,
		NULL, 50, 0xdd,
		"125d7342b9ac11cd91a39af48aa17b4f63f175d3" },
	{ "RFC 2202 HMAC-SHA-1 test case 4", RTE_CRYPTO_AUTH_SHA1_HMAC,
		"0102030405060708090a0b0c0d0e0f10111213141516171819", 25, 0,
		NULL, 50, 0xcd,
		"4c9007f4026250c6bc8414f9bf50c86c2d7235da" },
	{ "RFC 2202 HMAC-SHA-1 test case 5", RTE_CRYPTO_AUTH_SHA1_HMAC,
		NULL, 20, 0x0c,
		"Test With Truncation", 20, 0,
		"4c1a03424b55e07fe7f27be1d58bb9324a9a5a04" },
	{ "RFC 2202 HMAC-SHA-1 test case 6", RTE_CRYPTO_AUTH_SHA1_HMAC,
		NULL, 80, 0xaa,
		"Test Using Larger Than Block-Size Key - Hash Key First", 54, 0,
		"aa4ae5e15272d00e95705637ce8a3b55ed402112" },
	{ "RFC 2202 HMAC-SHA-1 test case 7", RTE_CRYPTO_AUTH_SHA1_HMAC,
		NULL, 80, 0xaa,
		"Test Using Larger Than Block-Size Key and Larger Than On"
		"e Block-Size Data",
		73, 0,
		"e8e99d0f45237d786d6bbaa7965c7808bbff1a91" },
	{ "RFC 4231 HMAC-SHA-224 test case 1", RTE_CRYPTO_AUTH_SHA224_HMAC,
		NULL, 20, 0x0b,
		"Hi There", 8, 0,
		"896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22" },
	{ "RFC 4231 HMAC-SHA-224 test case 2", RTE_CRYPTO_AUTH_SHA224_HMAC,
		"4a656665", 4, 0,
		"what do ya want for nothing?", 28, 0,
		"a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44" },
	{ "RFC 4231 HMAC-SHA-224 test case 3", RTE_CRYPTO_AUTH_SHA224_HMAC,
		NULL, 20, 0xaa,
		NULL, 50, 0xdd,
		"7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea" },
	{ "RFC 4231 HMAC-SHA-224 test case 4", RTE_CRYPTO_AUTH_SHA224_HMAC,
		"0102030405060708090a0b0c0d0e0f10111213141516171819", 25, 0,
		NULL, 50, 0xcd,
		"6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a" },
	{ "RFC 4231 HMAC-SHA-224 test case 5", RTE_CRYPTO_AUTH_SHA224_HMAC,
		NULL, 20, 0x0c,
		"Test With Truncation", 20, 0,
		"0e2aea68a90c8d37c988bcdb9fca6fa8" },
	{ "RFC 4231 HMAC-SHA-224 test case 6", RTE_CRYPTO_AUTH_SHA224_HMAC,
		NULL, 131, 0xaa,
		"Test Using Larger Than Block-Size Key - Hash Key First", 54, 0,
		"95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e" },
	{ "RFC 4231 HMAC-SHA-224 test case 7", RTE_CRYPTO_AUTH_SHA224_HMAC,
		NULL, 131, 0xaa,
		"This is a test using a larger than block-size key and a "
		"larger than block-size data. The key needs to be hashed "
		"before being used by the HMAC algorithm.",
		152, 0,
		"3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1" },
	{ "RFC 4231 HMAC-SHA-256 test case 1", RTE_CRYPTO_AUTH_SHA256_HMAC,
		NULL, 20, 0x0b,
		"Hi There", 8, 0,
		"b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
	{ "RFC 4231 HMAC-SHA-256 test case 2", RTE_CRYPTO_AUTH_SHA256_HMAC,
		"4a656665", 4, 0,
		"what do ya want for nothing?", 28, 0,
		"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
	{ "RFC 4231 HMAC-SHA-256 test case 3", RTE_CRYPTO_AUTH_SHA256_HMAC,
		NULL, 20, 0xaa,
		NULL, 50, 0xdd,
		"773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
	{ "RFC 4231 HMAC-SHA-256 test case 4", RTE_CRYPTO_AUTH_SHA256_HMAC,
		"0102030405060708090a0b0c0d0e0f10111213141516171819", 25, 0,
		NULL, 50, 0xcd,
		"82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
	{ "RFC 4231 HMAC-SHA-256 test case 5", RTE_CRYPTO_AUTH_SHA256_HMAC,
		NULL, 20, 0x0c,
		"Test With Truncation", 20, 0,
		"a3b6167473100ee06e0c796c2955552b" },
	{ "RFC 4231 HMAC-SHA-256 test case 6", RTE_CRYPTO_AUTH_SHA256_HMAC,
		NULL, 131, 0xaa,
		"Test Using Larger Than Block-Size Key - Hash Key First", 54, 0,
		"60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
	{ "RFC 4231 HMAC-SHA-256 test case 7", RTE_CRYPTO_AUTH_SHA256_HMAC,
		NULL, 131, 0xaa,
		"This is a test using a larger than block-size key and a "
		"larger than block-size data. The key needs to be hashed "
		"before being used by the HMAC algorithm.",
		152, 0,
		"9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
	{ "RFC 4231 HMAC-SHA-384 test case 1", RTE_CRYPTO_AUTH_SHA384_HMAC,
		NULL, 20, 0x0b,
		"Hi There", 8, 0,
		"afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
		"faea9ea9076ede7f4af152e8b2fa9cb6" },
	{ "RFC 4231 HMAC-SHA-384 test case 2", RTE_CRYPTO_AUTH_SHA384_HMAC,
		"4a656665", 4, 0,
		"what do ya want for nothing?", 28, 0,
		"af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
		"8e2240ca5e69e2c78b3239ecfab21649" },
	{ "RFC 4231 HMAC-SHA-384 test case 3", RTE_CRYPTO_AUTH_SHA384_HMAC,
		NULL, 20, 0xaa,
		NULL, 50, 0xdd,
		"88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
		"2a5ab39dc13814b94e3ab6e101a34f27" },
	{ "RFC 4231 HMAC-SHA-384 test case 4", RTE_CRYPTO_AUTH_SHA384_HMAC,
		"0102030405060708090a0b0c0d0e0f10111213141516171819", 25, 0,
		NULL, 50, 0xcd,
		"3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
		"6801dd23c4a7d679ccf8a386c674cffb" },
	{ "RFC 4231 HMAC-SHA-384 test case 5", RTE_CRYPTO_AUTH_SHA384_HMAC,
		NULL, 20, 0x0c,
		"Test With Truncation", 20, 0,
		"3abf34c3503b2a23a46efc619baef897" },
	{ "RFC 4231 HMAC-SHA-384 test case 6", RTE_CRYPTO_AUTH_SHA384_HMAC,
		NULL, 131, 0xaa,
		"Test Using Larger Than Block-Size Key - Hash Key First", 54, 0,
		"4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
		"0c2ef6ab4030fe8296248df163f44952" },
	{ "RFC 4231 HMAC-SHA-384 test case 7", RTE_CRYPTO_AUTH_SHA384_HMAC,
		NULL, 131, 0xaa,
		"This is a test using a larger than block-size key and a "
		"larger than block-size data. The key needs to be hashed "
		"before being used by the HMAC algorithm.",
		152, 0,
		"6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
		"a678cc31e799176d3860e6110c46523e" },
	{ "RFC 4231 HMAC-SHA-512 test case 1", RTE_CRYPTO_AUTH_SHA512_HMAC,
		NULL, 20, 0x0b,
		"Hi There", 8, 0,
		"87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
		"daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854" },
	{ "RFC 4231 HMAC-SHA-512 test case 2", RTE_CRYPTO_AUTH_SHA512_HMAC,
		"4a656665", 4, 0,
		"what do ya want for nothing?", 28, 0,
		"164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
		"9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737" },
	{ "RFC 4231 HMAC-SHA-512 test case 3", RTE_CRYPTO_AUTH_SHA512_HMAC,
		NULL, 20, 0xaa,
		NULL, 50, 0xdd,
		"fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
		"bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb" },
	{ "RFC 4231 HMAC-SHA-512 test case 4", RTE_CRYPTO_AUTH_SHA512_HMAC,
		"0102030405060708090a0b0c0d0e0f10111213141516171819", 25, 0,
		NULL, 50, 0xcd,
		"b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
		"a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd" },
	{ "RFC 4231 HMAC-SHA-512 test case 5", RTE_CRYPTO_AUTH_SHA512_HMAC,
		NULL, 20, 0x0c,
		"Test With Truncation", 20, 0,
		"415fad6271580a531d4179bc891d87a6" },
	{ "RFC 4231 HMAC-SHA-512 test case 6", RTE_CRYPTO_AUTH_SHA512_HMAC,
		NULL, 131, 0xaa,
		"Test Using Larger Than Block-Size Key - Hash Key First", 54, 0,
		"80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
		"6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598" },
	{ "RFC 4231 HMAC-SHA-512 test case 7", RTE_CRYPTO_AUTH_SHA512_HMAC,
		NULL, 131, 0xaa,
		"This is a test using a larger than block-size key and a "
		"larger than block-size data. The key needs to be hashed "
		"before being used by the HMAC algorithm.",
		152, 0,
		"e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
		"b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58" },
};
const unsigned int kat_nb_hmacs = RTE_DIM(kat_hmacs);
