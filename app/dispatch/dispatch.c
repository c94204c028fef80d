/* dispatch.c: sends the rows of a leased batch outside any transaction and records the outcomes in chunks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compose.h"
#include "dispatch.h"
#include "log.h"
#include "mail.h"
#include "outbox.h"
#include "prefetch.h"
#include "sms.h"
#include "smtp.h"
#include "token.h"

/* Seconds of a lease kept free for one send: the SMTP time limit of smtp.c is 60 s. */
#define LEASE_MARGIN	90
/*
 * Outcomes recorded in one transaction. NOTE: a dispatcher killed between a
 * send and its record leaves up to this many sent rows to be sent again.
 */
#define FINISH_CHUNK	32

/*
 * The Message-ID is derived from the idempotency key, so a message sent again
 * after a crash (at least once delivery) carries the same Message-ID, which
 * mailbox providers that de-duplicate use to drop the second copy.
 */
static void
message_id(const struct dispatcher *d, const char *key, char *out, size_t size)
{
	char	 hash[65];

	token_sha256_hex(key, strlen(key), hash);
	snprintf(out, size, "<%.32s@%.64s>", hash, d->host);
}

static void
send_email(struct dispatcher *d, const struct composed *c, time_t now,
    struct send_result *res)
{
	struct mail_message	 m;
	struct buf		 message;
	char			 id[sizeof(res->provider_id)];

	message_id(d, c->out.idempotency_key, id, sizeof(id));
	memset(&m, 0, sizeof(m));
	m.from = d->conf->mail_from;
	m.to = c->out.to;
	m.subject = c->out.subject;
	m.text = c->out.text;
	m.html = c->out.html;
	m.unsubscribe_url = c->out.unsubscribe_url;
	m.message_id = id;
	m.date = now;
	buf_init(&message);
	if (mail_build(&message, &m) == -1) {
		memset(res, 0, sizeof(*res));
		res->outcome = SEND_FAIL;
		snprintf(res->error, sizeof(res->error), "invalid e-mail address");
	} else {
		smtp_send(d->smtp, c->out.to, message.data, message.len, res);
		if (res->outcome == SEND_OK)
			snprintf(res->provider_id, sizeof(res->provider_id), "%s", id);
	}
	buf_free(&message);
}

static void
count_outcome(struct dispatcher *d, const struct outbox_row *row,
    const struct send_result *res, int changed)
{
	if (changed == 0) {
		d->counts.lost++;
		log_warn("outbox %llu: lease lost to another dispatcher; outcome not recorded",
		    row->id);
		return;
	}
	switch (res->outcome) {
	case SEND_OK:
		d->counts.sent++;
		log_debug("outbox %llu (%s) sent", row->id, row->kind);
		break;
	case SEND_RETRY:
		d->counts.retried++;
		log_warn("outbox %llu (%s) attempt %u failed, will retry: %s", row->id,
		    row->kind, row->attempts + 1, res->error);
		break;
	case SEND_FAIL:
		d->counts.failed++;
		log_warn("outbox %llu (%s) failed: %s", row->id, row->kind, res->error);
		break;
	case SEND_SKIP:
		d->counts.cancelled++;
		log_info("outbox %llu (%s) cancelled: %s", row->id, row->kind, res->error);
		break;
	}
}

/* One leased batch on its way: outcomes waiting to be recorded, and composed SMS. */
struct round {
	struct dispatcher	*d;
	struct outbox_row	*rows;
	size_t			 count;
	time_t			 now;
	struct timespec		 start;
	struct prefetch		 prefetch;
	struct outbox_outcome	*queue;		/* outcomes not yet recorded */
	size_t			 queued;
	struct composed		*sms;		/* SMS ready to send, grouped at the end */
	size_t			*sms_rows;	/* the row index of each */
	size_t			 nsms;
	int			 failed;	/* recording outcomes failed */
};

/*
 * True when the rest of the batch must go back to the queue: SIGTERM came, or
 * the lease could run out while a row is sent, so that no other dispatcher
 * takes over a row still being sent.
 */
static int
round_expired(const struct round *r)
{
	struct timespec	 at;

	clock_gettime(CLOCK_MONOTONIC, &at);
	return *r->d->stop || at.tv_sec - r->start.tv_sec > OUTBOX_LEASE_SECONDS - LEASE_MARGIN;
}

/* Records the queued outcomes in one transaction and counts them. */
static void
round_flush(struct round *r)
{
	size_t	 i;

	if (r->queued == 0 || r->failed)
		return;
	if (outbox_finish_many(r->d->db, r->d->owner, r->queue, r->queued, r->now) == -1) {
		log_error("outbox: recording %zu outcomes failed; their rows stay leased and"
		    " are sent again when the lease ends", r->queued);
		r->failed = 1;
		return;
	}
	for (i = 0; i < r->queued; i++)
		count_outcome(r->d, r->queue[i].row, &r->queue[i].result, r->queue[i].recorded);
	r->queued = 0;
}

static void
round_record(struct round *r, size_t i, const struct send_result *res)
{
	r->queue[r->queued].row = &r->rows[i];
	r->queue[r->queued].result = *res;
	r->queued++;
	if (r->queued >= FINISH_CHUNK)
		round_flush(r);
}

/* Composes row i and sends it when it is an e-mail; an SMS waits for its request. */
static void
round_row(struct round *r, size_t i)
{
	struct compose_env	 env = { r->d->db, r->d->conf, r->d->templates, r->now,
				    &r->prefetch };
	struct composed		*c = &r->sms[r->nsms];
	struct send_result	 res;

	if (compose(&env, &r->rows[i], c, &res) == SEND_OK) {
		if (strcmp(r->rows[i].channel, "sms") == 0) {
			r->sms_rows[r->nsms++] = i;
			return;
		}
		send_email(r->d, c, r->now, &res);
	}
	composed_free(c);
	round_record(r, i, &res);
}

/* Sends the composed SMS in bulk requests; rows of requests not sent go back to the queue. */
static void
round_sms(struct round *r)
{
	struct outgoing		*msgs;
	struct send_result	*results;
	struct sms_plan		*plan;
	const size_t		*members;
	size_t			 i, j, n;
	char			*in_request;

	if (r->nsms == 0)
		return;
	if ((msgs = calloc(r->nsms, sizeof(*msgs))) == NULL ||
	    (results = calloc(r->nsms, sizeof(*results))) == NULL ||
	    (in_request = calloc(r->nsms, 1)) == NULL)
		abort();
	for (i = 0; i < r->nsms; i++)
		msgs[i] = r->sms[i].out;
	plan = sms_plan_build(r->d->db, r->d->conf, msgs, r->nsms, results);
	for (i = 0; i < sms_plan_requests(plan); i++) {
		members = sms_plan_members(plan, i, &n);
		for (j = 0; j < n; j++)
			in_request[members[j]] = 1;
		if (round_expired(r)) {
			for (j = 0; j < n; j++)
				outbox_release(r->d->db, r->d->owner, &r->rows[r->sms_rows[members[j]]], 1);
			continue;
		}
		sms_plan_send(plan, i);
		for (j = 0; j < n; j++)
			round_record(r, r->sms_rows[members[j]], &results[members[j]]);
	}
	for (i = 0; i < r->nsms; i++)
		if (!in_request[i])
			round_record(r, r->sms_rows[i], &results[i]);
	sms_plan_free(plan);
	free(in_request);
	free(results);
	free(msgs);
}

int
dispatch_round(struct dispatcher *d, time_t now)
{
	struct outbox_row	*rows = NULL;
	struct round		 r;
	int			 count;
	size_t			 i;

	/* An empty lease still hands over its (empty) array. */
	if ((count = outbox_lease(d->db, d->owner, now, d->batch, &rows)) <= 0) {
		if (count == 0 && rows != NULL)
			outbox_rows_free(rows, 0);
		return count;
	}
	memset(&r, 0, sizeof(r));
	r.d = d;
	r.rows = rows;
	r.count = (size_t)count;
	r.now = now;
	clock_gettime(CLOCK_MONOTONIC, &r.start);
	if ((r.queue = calloc(r.count, sizeof(*r.queue))) == NULL ||
	    (r.sms = calloc(r.count, sizeof(*r.sms))) == NULL ||
	    (r.sms_rows = calloc(r.count, sizeof(*r.sms_rows))) == NULL)
		abort();
	prefetch_load(d->db, rows, r.count, &r.prefetch);
	for (i = 0; i < r.count && !r.failed; i++) {
		if (round_expired(&r)) {
			outbox_release(d->db, d->owner, &rows[i], r.count - i);
			break;
		}
		round_row(&r, i);
	}
	if (!r.failed)
		round_sms(&r);
	round_flush(&r);
	for (i = 0; i < r.nsms; i++)
		composed_free(&r.sms[i]);
	prefetch_free(&r.prefetch);
	free(r.queue);
	free(r.sms);
	free(r.sms_rows);
	outbox_rows_free(rows, r.count);
	return r.failed ? -1 : count;
}
