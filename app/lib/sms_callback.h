/* sms_callback.h: the gateway idx of an outbox row and the signature of its delivery callback URL. */
#ifndef RATUSZ_SMS_CALLBACK_H
#define RATUSZ_SMS_CALLBACK_H

#include "conf.h"

#define SMS_IDX_LEN		64	/* hex SHA-256 */
#define SMS_SIGNATURE_LEN	43	/* base64url HMAC-SHA256 */
#define SMS_BATCH_LEN		32	/* hex characters of a batch id */

/*
 * Writes the idx sent to the gateway for an outbox row: the hex SHA-256 of its
 * idempotency key, which fits SMSAPI's limit of 255 characters and contains only
 * letters and digits. A resent row gets the same idx, so the gateway drops it.
 */
void	 sms_idx(const char *idempotency_key, char out[SMS_IDX_LEN + 1]);

/*
 * Writes HMAC-SHA256(key, idx) in base64url: the "sig" of the notify_url sent
 * with the message whose idx it is. The key is sms_callback_secret, or when that
 * is empty an HMAC of a fixed label under the bytes of secret_file. Returns 0,
 * or -1 after logging when no key can be read.
 */
int	 sms_callback_signature(const struct conf *, const char *idx,
		char out[SMS_SIGNATURE_LEN + 1]);

/* True when sig is the signature of idx; compares in constant time. */
int	 sms_callback_signature_ok(const struct conf *, const char *idx, const char *sig);

/*
 * Writes the batch id of a request for many recipients: the first 32 hex
 * characters of the SHA-256 of its idx values joined by "|", so a request sent
 * again with the same members has the same id.
 */
void	 sms_batch_id(const char *idx_list, char out[SMS_BATCH_LEN + 1]);

/*
 * Writes HMAC-SHA256(key, "batch:" batch id) in base64url: the "sig" of the
 * notify_url of a request for many recipients, with the key of
 * sms_callback_signature. The "batch:" prefix keeps it apart from idx
 * signatures. Returns 0, or -1 after logging when no key can be read.
 */
int	 sms_batch_signature(const struct conf *, const char *batch,
		char out[SMS_SIGNATURE_LEN + 1]);

/* True when batch is 32 lowercase hex characters and sig is its signature; constant time. */
int	 sms_batch_signature_ok(const struct conf *, const char *batch, const char *sig);

#endif
