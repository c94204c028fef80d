/* dispatch.c: sends each leased outbox row outside any transaction and records the outcome. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "compose.h"
#include "dispatch.h"
#include "log.h"
#include "mail.h"
#include "outbox.h"
#include "sms.h"
#include "smtp.h"
#include "token.h"

/* Seconds of a lease kept free for one send: the SMTP time limit of smtp.c is 60 s. */
#define LEASE_MARGIN	90

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

/* Renders and sends one row, then records the outcome; -1 on a database error. */
static int
dispatch_row(struct dispatcher *d, const struct outbox_row *row, time_t now)
{
	struct compose_env	 env = { d->db, d->conf, d->templates, now };
	struct composed		 c;
	struct send_result	 res;
	int			 changed;

	if (compose(&env, row, &c, &res) == SEND_OK) {
		if (strcmp(row->channel, "sms") == 0)
			sms_send(d->db, d->conf, &c.out, &res);
		else
			send_email(d, &c, now, &res);
	}
	composed_free(&c);
	if ((changed = outbox_finish(d->db, d->owner, row, &res, now)) == -1)
		return -1;
	count_outcome(d, row, &res, changed);
	return 0;
}

int
dispatch_round(struct dispatcher *d, time_t now)
{
	struct outbox_row	*rows = NULL;
	struct timespec		 start, at;
	int			 count, i, rc = 0;

	/* An empty lease still hands over its (empty) array. */
	if ((count = outbox_lease(d->db, d->owner, now, d->batch, &rows)) <= 0) {
		if (count == 0 && rows != NULL)
			outbox_rows_free(rows, 0);
		return count;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (i = 0; i < count && rc == 0; i++) {
		/*
		 * Rows whose lease could run out while they are sent go back to the
		 * queue, so that no other dispatcher takes over a row still being sent.
		 */
		clock_gettime(CLOCK_MONOTONIC, &at);
		if (*d->stop || at.tv_sec - start.tv_sec > OUTBOX_LEASE_SECONDS - LEASE_MARGIN) {
			outbox_release(d->db, d->owner, &rows[i], (size_t)(count - i));
			break;
		}
		rc = dispatch_row(d, &rows[i], now);
	}
	outbox_rows_free(rows, (size_t)count);
	return rc == -1 ? -1 : count;
}
