/* sms.h: the SMS channel of ratusz-dispatch, sending through an SMSAPI.pl-compatible HTTP gateway. */
#ifndef RATUSZ_SMS_H
#define RATUSZ_SMS_H

#include <stddef.h>

#include "channel.h"
#include "conf.h"
#include "db.h"

/* Recipients of one text in one request at most; SMSAPI takes many numbers in "to". */
#define SMS_BULK_MAX	100

struct sms_plan;

/*
 * Plans the requests for count messages: reads each gmina's settings (sender
 * name, transliteration of Polish letters, cap on parts) once, prepares each
 * text, and groups the messages of one gmina with the same final text into
 * requests of at most SMS_BULK_MAX distinct numbers. A message that cannot be
 * sent gets its result at once: SEND_SKIP when there is no number or text,
 * SEND_FAIL for a number that is not E.164 or a row without an idempotency
 * key, SEND_RETRY when the settings cannot be read. Free with sms_plan_free.
 */
struct sms_plan *sms_plan_build(struct db *, const struct conf *, const struct outgoing *msgs,
		size_t count, struct send_result *results);
size_t	 sms_plan_requests(const struct sms_plan *);
/* The indexes (into msgs) of the messages of request i; *count gets their number. */
const size_t *sms_plan_members(const struct sms_plan *, size_t i, size_t *count);

/*
 * Sends request i: POSTs to conf->sms_url with each message's idx =
 * sms_idx(idempotency key) and check_idx=1, so the gateway drops a resend of a
 * message it already accepted. A request for one number gets a notify_url
 * signed for its idx; a request for many gets one signed for its batch id,
 * whose outbox rows are stored in sms_batch_member before the request. Sets
 * the result of each member: SEND_OK with the gateway's message id, SEND_RETRY
 * for timeouts, connection errors, HTTP 5xx and 429 (with retry_after) and for
 * a member the response leaves out, SEND_FAIL for a rejected number, token or
 * request. When the gateway reports a used idx for a request of many, each
 * member is sent again alone, so that none is taken as sent unless it was.
 */
void	 sms_plan_send(struct sms_plan *, size_t i);
void	 sms_plan_free(struct sms_plan *);

/*
 * Sends one message (a plan of one); fills *result as above. Returns 0, or -1
 * when the outcome is not SEND_OK.
 */
int	 sms_send(struct db *, const struct conf *, const struct outgoing *,
		struct send_result *);

#endif
