/* prefetch.h: the recipients, consents, address points and pickups of a leased batch, in a few set-based queries. */
#ifndef RATUSZ_PREFETCH_H
#define RATUSZ_PREFETCH_H

#include <stddef.h>
#include <time.h>

#include "db.h"
#include "lang.h"
#include "outbox.h"
#include "schedule.h"

/*
 * What the composers of one batch read, loaded once for all its rows, as
 * db_query returns it (NULL cells for SQL NULL). The lookups below search it.
 */
struct prefetch {
	int		 failed;	/* a query failed: rows that need its data are retried */
	struct db_result subscriptions;	/* see sql_subscriptions in prefetch.c */
	struct db_result accounts;	/* id, email, lang */
	struct db_result points;	/* id, tenant_id, locality_id, terc, gmina, label, token, version, label_en */
	struct db_result pickups;	/* point_id, day, code, name_pl, name_en, color */
};

/* Columns of prefetch.subscriptions. */
enum prefetch_subscription_col {
	SUB_ID, SUB_ACCOUNT, SUB_POINT, SUB_NAME, SUB_BY_EMAIL, SUB_BY_SMS, SUB_FRACTIONS,
	SUB_UNSUBSCRIBE, SUB_EMAIL, SUB_PHONE, SUB_LANG, SUB_CONFIRMED, SUB_EMAIL_CONSENT,
	SUB_SMS_CONSENT,
};

/*
 * Loads the data of every row: the subscriptions of reminders with their
 * accounts and latest e-mail and SMS consents, the address points and the
 * pickups of each (point, day), and the accounts of account e-mails. Sets
 * p->failed after a database error, so the rows are retried later.
 */
void	 prefetch_load(struct db *, const struct outbox_row *, size_t count, struct prefetch *p);
void	 prefetch_free(struct prefetch *);

/* The row of a subscription in p->subscriptions, or -1 when it does not exist. */
long	 prefetch_subscription(const struct prefetch *, unsigned long long id);
/* The row of an account in p->accounts, or -1 when it does not exist. */
long	 prefetch_account(const struct prefetch *, unsigned long long id);
/* Fills *pt with a point; returns 1, or 0 when it does not exist. */
int	 prefetch_point(const struct prefetch *, unsigned long long id, struct point *pt);
/* Fills *list with the pickups of a point on one day, names in lang; free with pickup_list_free. */
void	 prefetch_pickups(const struct prefetch *, unsigned long long point, long day,
		enum lang, struct pickup_list *list);

#endif
