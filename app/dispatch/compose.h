/* compose.h: turns an outbox row into a message at send time: recipient, consent, texts. */
#ifndef RATUSZ_COMPOSE_H
#define RATUSZ_COMPOSE_H

#include <time.h>

#include "buf.h"
#include "channel.h"
#include "conf.h"
#include "db.h"
#include "lang.h"
#include "outbox.h"
#include "prefetch.h"

struct mail_templates;
struct _hdf;

/* The state a composer reads, owned by the dispatcher. */
struct compose_env {
	struct db		*db;
	const struct conf	*conf;
	struct mail_templates	*templates;
	time_t			 now;
	const struct prefetch	*prefetch;	/* the recipients and pickups of the batch */
};

/* A rendered message; out points into the buffers. Free with composed_free. */
struct composed {
	struct outgoing	 out;
	enum lang	 lang;
	struct buf	 to, subject, text, html, unsubscribe_url;
};

/*
 * Looks up the recipient in env->prefetch and renders the row's kind in the
 * recipient's language. Returns SEND_OK when c is ready to send, SEND_SKIP when there is
 * nothing to send (no account, no consent, unsubscribed, no pickup that day),
 * SEND_RETRY on a database error, SEND_FAIL for a payload or template error;
 * res->error gets the reason.
 */
enum send_outcome compose(const struct compose_env *, const struct outbox_row *,
		struct composed *c, struct send_result *res);
void	 composed_free(struct composed *);

/* Shared by compose.c and compose_reminder.c. */
enum send_outcome compose_reminder(const struct compose_env *, const struct outbox_row *,
		struct composed *, struct send_result *);
/* The SMS text of a reminder (compose_sms.c); c->to gets the account's phone number. */
enum send_outcome compose_sms_reminder(const struct compose_env *, const struct outbox_row *,
		struct composed *, struct send_result *);
/* Reminder helpers of compose_reminder.c, shared with compose_sms.c. */
struct pickup_list;
int	 reminder_payload(const char *text, long long *subscription, long *day);
void	 filter_pickups(struct pickup_list *, const char *fractions);
void	 fraction_names(struct buf *, const struct pickup_list *);
/* Sets res to outcome with a formatted reason and returns outcome. */
enum send_outcome compose_skip(struct send_result *, enum send_outcome, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));
/* Returns the language of an account's lang column ("pl" when unknown). */
enum lang compose_lang(const char *code);
/*
 * Problem report e-mails (compose_report.c): a notice to a follower of a public
 * report, resolved at send time, and the links that confirm a report or a
 * follow made by e-mail.
 */
enum send_outcome compose_report_update(const struct compose_env *, const struct outbox_row *,
		struct composed *, struct send_result *);
enum send_outcome compose_report_confirm(const struct compose_env *, const struct outbox_row *,
		struct composed *, struct send_result *);
/* A compose_bodies fill that sets M.Url to the string arg. */
void	 compose_fill_url(struct _hdf *, const void *url);
/* Renders templates/mail/<base>.txt.cs and .html.cs into c->text and c->html. */
int	 compose_bodies(const struct compose_env *, struct composed *, const char *base,
		void (*fill)(struct _hdf *, const void *), const void *arg);

#endif
