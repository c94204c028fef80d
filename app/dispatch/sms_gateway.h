/* sms_gateway.h: the SMSAPI.pl request and response, shared by sms.c and sms_plan.c. */
#ifndef RATUSZ_SMS_GATEWAY_H
#define RATUSZ_SMS_GATEWAY_H

#include <stddef.h>

#include <curl/curl.h>

#include "buf.h"
#include "channel.h"
#include "conf.h"
#include "db.h"
#include "sms_callback.h"
#include "sms_text.h"

/* A gmina's SMS settings; the defaults of the tenant table when there is no gmina. */
struct sms_settings {
	char		 sender[12];
	int		 transliterate;
	unsigned	 max_parts;	/* 0: no cap */
};

/* One recipient of a request: the message, its gateway idx and where its outcome goes. */
struct sms_member {
	const struct outgoing	*msg;
	struct send_result	*result;
	char			 idx[SMS_IDX_LEN + 1];
};

/* Reads a gmina's settings; 0, or -1 on a database error. */
int	 sms_settings_load(struct db *, unsigned long long tenant_id, struct sms_settings *);
/* True for "+" and 8 to 15 digits (E.164). */
int	 sms_phone_valid(const char *to);
/* Applies the gmina's transliteration and cap on parts to the text. */
void	 sms_text_prepare(const struct sms_settings *, const char *text, struct buf *out);
/* Appends "&name=value" (or "name=value" first) with the value percent-encoded. */
void	 sms_form_add(struct buf *form, CURL *, const char *name, const char *value);

/*
 * POSTs form to conf->sms_url and sets the result of every member from the
 * response. Returns 1 when the gateway refused the request because an idx of
 * it was used before (error 53) and it had more than one member: the caller
 * does not know which members were sent, so it sends each one again alone,
 * and the results are not set. Returns 0 otherwise.
 */
int	 sms_gateway_post(const struct conf *, CURL *, const struct buf *form,
		struct sms_member *, size_t count);

#endif
