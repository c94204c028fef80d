/* page_sms_callback.c: GET /sms/zwrotka, the SMS gateway's delivery reports. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "pages.h"
#include "sms_callback.h"

#define CALLBACK_MAX_ENTRIES	100	/* reports in one request */

/*
 * Sets the delivery status of the message with this gateway id whose idx the
 * signature covers. A final status (delivered, undelivered, ...) is never
 * replaced by an intermediate one that arrives late.
 */
static const char sql_update[] =
    "UPDATE outbox SET delivery_status = ?"
    " WHERE provider_id = ? AND channel = 'sms' AND SHA2(idempotency_key, 256) = ?"
    " AND (? = 1 OR delivery_status IS NULL OR delivery_status NOT IN"
    " ('delivered', 'undelivered', 'failed', 'rejected', 'expired', 'stopped'))";

/*
 * The same for a message of a bulk request, whose signature covers the batch
 * id: the row must also belong to that batch.
 */
static const char sql_update_batch[] =
    "UPDATE outbox o JOIN sms_batch_member m ON m.outbox_id = o.id AND m.batch_id = ?"
    " SET o.delivery_status = ?"
    " WHERE o.provider_id = ? AND o.channel = 'sms' AND SHA2(o.idempotency_key, 256) = ?"
    " AND (? = 1 OR o.delivery_status IS NULL OR o.delivery_status NOT IN"
    " ('delivered', 'undelivered', 'failed', 'rejected', 'expired', 'stopped'))";

/*
 * SMSAPI.pl delivery report codes.
 * NOTE: taken from SMSAPI's published list as remembered and checked only against
 * tests/fakes/sms_gateway.py; an unlisted code is stored as "unknown".
 */
static const struct {
	long		 code;
	const char	*name;
	int		 final;
} report_codes[] = {
	{ 401, "not_found", 1 }, { 402, "expired", 1 }, { 403, "sent", 0 },
	{ 404, "delivered", 1 }, { 405, "undelivered", 1 }, { 406, "failed", 1 },
	{ 407, "rejected", 1 }, { 408, "unknown", 0 }, { 409, "queued", 0 },
	{ 410, "accepted", 0 }, { 411, "renewal", 0 }, { 412, "stopped", 1 },
};

static const char *
report_name(const char *code, int *final)
{
	char	*end;
	long	 n;
	size_t	 i;

	*final = 0;
	n = strtol(code, &end, 10);
	if (end == code || *end != '\0')
		return NULL;
	for (i = 0; i < sizeof(report_codes) / sizeof(report_codes[0]); i++)
		if (report_codes[i].code == n) {
			*final = report_codes[i].final;
			return report_codes[i].name;
		}
	return "unknown";
}

/* Splits a copy of s at commas into at most max parts; returns the count, or -1 when there are more. */
static int
split_commas(char *s, char **parts, int max)
{
	int	 n = 0;
	char	*p;

	for (p = s; ; p++) {
		if (n == max)
			return -1;
		parts[n++] = p;
		if ((p = strchr(p, ',')) == NULL)
			return n;
		*p = '\0';
	}
}

static void
answer_text(struct request *r, int status, const char *text)
{
	r->status = status;
	r->content_type = "text/plain; charset=utf-8";
	buf_reset(&r->body);
	buf_puts(&r->body, text);
}

/* Stores every report, of one batch when batch is not NULL; returns -1 when the database failed. */
static int
store_reports(struct app *app, const char *batch, char **ids, char **codes, char **idx,
    int count)
{
	const char	*name;
	int		 i, final, rc;

	for (i = 0; i < count; i++) {
		if ((name = report_name(codes[i], &final)) == NULL)
			continue;
		if (batch != NULL)
			rc = db_exec(app->db, sql_update_batch, DB_ARGS(DB_S(batch), DB_S(name),
			    DB_S(ids[i]), DB_S(idx[i]), DB_I(final)), NULL, NULL);
		else
			rc = db_exec(app->db, sql_update, DB_ARGS(DB_S(name), DB_S(ids[i]),
			    DB_S(idx[i]), DB_I(final)), NULL, NULL);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/*
 * True when the URL's signature is valid: for the batch id of a bulk request
 * when the URL has one, else for the idx of every report.
 */
static int
signature_ok(struct request *r, struct app *app, const char *batch, char **idx, int count)
{
	int	 i;

	if (batch != NULL)
		return sms_batch_signature_ok(app->conf, batch, request_text(r, "sig"));
	for (i = 0; i < count; i++)
		if (!sms_callback_signature_ok(app->conf, idx[i], request_text(r, "sig")))
			return 0;
	return 1;
}

void
page_sms_callback(struct request *r, struct app *app)
{
	char	*ids_copy = strdup(request_text(r, "MsgId"));
	char	*codes_copy = strdup(request_text(r, "status"));
	char	*idx_copy = strdup(request_text(r, "idx"));
	char	*ids[CALLBACK_MAX_ENTRIES], *codes[CALLBACK_MAX_ENTRIES];
	char	*idx[CALLBACK_MAX_ENTRIES];
	const char *batch = request_text(r, "batch");
	int	 count;

	if (batch == NULL || batch[0] == '\0')
		batch = NULL;
	if (ids_copy == NULL || codes_copy == NULL || idx_copy == NULL)
		abort();
	count = split_commas(ids_copy, ids, CALLBACK_MAX_ENTRIES);
	if (count == -1 || split_commas(codes_copy, codes, count) != count ||
	    split_commas(idx_copy, idx, count) != count) {
		answer_text(r, 400, "MsgId, status and idx must list the same number of values\n");
		goto out;
	}
	if (!signature_ok(r, app, batch, idx, count)) {
		log_warn("sms callback: invalid signature for %d report(s)%s", count,
		    batch != NULL ? " of a bulk request" : "");
		answer_text(r, 403, "invalid signature\n");
		goto out;
	}
	if (store_reports(app, batch, ids, codes, idx, count) == -1)
		answer_text(r, 503, "database unavailable, try again later\n");
	else
		answer_text(r, 200, "OK");
out:
	free(ids_copy);
	free(codes_copy);
	free(idx_copy);
}
