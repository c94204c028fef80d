/* sms_callback.c: the gateway idx of an outbox row and the signature of its delivery callback URL. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "log.h"
#include "sms_callback.h"
#include "token.h"

/* Label under which the callback key is derived from secret_file. */
static const char key_label[] = "ratusz sms delivery callback";

void
sms_idx(const char *idempotency_key, char out[SMS_IDX_LEN + 1])
{
	token_sha256_hex(idempotency_key, strlen(idempotency_key), out);
}

/* Reads the callback key into key (32 bytes for a derived key); returns its length or -1. */
static int
callback_key(const struct conf *conf, unsigned char *key, size_t size)
{
	unsigned char	 secret[256];
	unsigned int	 n = 0;
	size_t		 len;
	FILE		*f;

	if (conf->sms_callback_secret != NULL && conf->sms_callback_secret[0] != '\0') {
		len = strlen(conf->sms_callback_secret);
		if (len > size)
			len = size;
		memcpy(key, conf->sms_callback_secret, len);
		return (int)len;
	}
	if ((f = fopen(conf->secret_file, "rb")) == NULL) {
		log_error("sms callback key: cannot open secret_file %s: %s",
		    conf->secret_file, strerror(errno));
		return -1;
	}
	len = fread(secret, 1, sizeof(secret), f);
	fclose(f);
	if (len < 16 || size < 32) {
		log_error("sms callback key: secret_file %s contains %zu bytes, at least 16 are needed",
		    conf->secret_file, len);
		return -1;
	}
	HMAC(EVP_sha256(), secret, (int)len, (const unsigned char *)key_label,
	    sizeof(key_label) - 1, key, &n);
	OPENSSL_cleanse(secret, sizeof(secret));
	return (int)n;
}

/* Writes the base64url HMAC-SHA256 of message under the callback key. */
static int
sign(const struct conf *conf, const char *message, char out[SMS_SIGNATURE_LEN + 1])
{
	unsigned char	 key[256], md[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0;
	int		 key_len;

	out[0] = '\0';
	if ((key_len = callback_key(conf, key, sizeof(key))) == -1)
		return -1;
	HMAC(EVP_sha256(), key, key_len, (const unsigned char *)message, strlen(message),
	    md, &n);
	OPENSSL_cleanse(key, sizeof(key));
	token_base64url(md, 32, out);
	return 0;
}

int
sms_callback_signature(const struct conf *conf, const char *idx,
    char out[SMS_SIGNATURE_LEN + 1])
{
	return sign(conf, idx, out);
}

int
sms_callback_signature_ok(const struct conf *conf, const char *idx, const char *sig)
{
	char	 expected[SMS_SIGNATURE_LEN + 1];

	if (sig == NULL || strlen(sig) != SMS_SIGNATURE_LEN)
		return 0;
	if (sms_callback_signature(conf, idx, expected) == -1)
		return 0;
	return CRYPTO_memcmp(expected, sig, SMS_SIGNATURE_LEN) == 0;
}

void
sms_batch_id(const char *idx_list, char out[SMS_BATCH_LEN + 1])
{
	char	 hash[65];

	token_sha256_hex(idx_list, strlen(idx_list), hash);
	memcpy(out, hash, SMS_BATCH_LEN);
	out[SMS_BATCH_LEN] = '\0';
}

int
sms_batch_signature(const struct conf *conf, const char *batch,
    char out[SMS_SIGNATURE_LEN + 1])
{
	char	 message[sizeof("batch:") + SMS_BATCH_LEN];

	if (strlen(batch) != SMS_BATCH_LEN) {
		out[0] = '\0';
		return -1;
	}
	snprintf(message, sizeof(message), "batch:%s", batch);
	return sign(conf, message, out);
}

int
sms_batch_signature_ok(const struct conf *conf, const char *batch, const char *sig)
{
	char	 expected[SMS_SIGNATURE_LEN + 1];
	size_t	 i;

	if (batch == NULL || strlen(batch) != SMS_BATCH_LEN || sig == NULL ||
	    strlen(sig) != SMS_SIGNATURE_LEN)
		return 0;
	for (i = 0; i < SMS_BATCH_LEN; i++)
		if (!((batch[i] >= '0' && batch[i] <= '9') || (batch[i] >= 'a' && batch[i] <= 'f')))
			return 0;
	if (sms_batch_signature(conf, batch, expected) == -1)
		return 0;
	return CRYPTO_memcmp(expected, sig, SMS_SIGNATURE_LEN) == 0;
}
