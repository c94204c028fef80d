/* sms.h: the SMS channel of ratusz-dispatch, sending through an SMSAPI.pl-compatible HTTP gateway. */
#ifndef RATUSZ_SMS_H
#define RATUSZ_SMS_H

#include "channel.h"
#include "conf.h"
#include "db.h"

/*
 * Sends msg->text to msg->to (E.164) with the settings of gmina msg->tenant_id:
 * its sender name, transliteration of Polish letters and cap on parts. POSTs
 * to conf->sms_url with idx = sms_idx(idempotency key) and check_idx=1, so the
 * gateway drops a resend of a message it already accepted. Fills *result:
 * SEND_OK with the gateway's message id, SEND_RETRY for timeouts, connection
 * errors, HTTP 5xx and 429 (with retry_after), SEND_FAIL for a rejected number,
 * token or request, SEND_SKIP when there is no number. Returns 0, or -1 when
 * the outcome is not SEND_OK.
 */
int	 sms_send(struct db *, const struct conf *, const struct outgoing *,
		struct send_result *);

#endif
