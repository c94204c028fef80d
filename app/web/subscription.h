/* subscription.h: residents' followed addresses: loading, visibility and changes. */
#ifndef RATUSZ_SUBSCRIPTION_H
#define RATUSZ_SUBSCRIPTION_H

#include <stdbool.h>

#include "db.h"
#include "lang.h"
#include "request.h"

/* Reminder hours residents may pick, in Europe/Warsaw time. */
#define SUBSCRIPTION_EVENING_FIRST	16	/* evening before the pickup: 16:00-22:00 */
#define SUBSCRIPTION_EVENING_LAST	22
#define SUBSCRIPTION_MORNING_FIRST	5	/* morning of the pickup day: 5:00-9:00 */
#define SUBSCRIPTION_MORNING_LAST	9
#define SUBSCRIPTION_NAME_MAX		100	/* characters */
#define SUBSCRIPTION_FRACTIONS_MAX	500	/* bytes of the comma-separated codes */

struct subscription {
	unsigned long long id, account_id, tenant_id, point_id;
	char		 name[4 * SUBSCRIPTION_NAME_MAX + 1];
	bool		 by_email, by_sms;
	bool		 evening;		/* remind_when: 'evening' or 'morning' */
	unsigned	 remind_hour;
	char		 fractions[SUBSCRIPTION_FRACTIONS_MAX + 1];	/* "" means all */
};

/* The resident's contact data that decides which channels the form offers. */
struct subscription_contact {
	bool		 has_phone;
	bool		 sms_consent;
};

/*
 * Decides who may see and change a subscription: its own account only. Pages
 * respond with 404 to anyone else, operators and admins included.
 */
bool	 subscription_visible(const struct request *, const struct subscription *);

/* Loads a subscription by id; 1 found, 0 not found, -1 on a database error. */
int	 subscription_load(struct db *, unsigned long long id, struct subscription *);
/* The account's subscriptions with point, gmina and settings; see the query for columns. */
int	 subscription_list(struct db *, unsigned long long account_id, struct db_result *);
/* Inserts s (its id is set on success) with a new unsubscribe token; 0 or -1. */
int	 subscription_create(struct db *, struct subscription *);
/*
 * Finds the account's subscription of a point (the unique key account_id,
 * point_id). Returns 1 and sets *id when found, 0 when not, -1 on error.
 */
int	 subscription_find(struct db *, unsigned long long account_id,
		unsigned long long point_id, unsigned long long *id);
/* Saves name, channels, reminder time and fractions of s; 0 or -1. */
int	 subscription_update(struct db *, const struct subscription *);
int	 subscription_delete(struct db *, const struct subscription *);
/* Turns the e-mail channel back on after a one-click unsubscribe; 0 or -1. */
int	 subscription_enable_email(struct db *, const struct subscription *);

/*
 * The fractions collected at a point in its active schedule periods, in display
 * order: code, the gmina's Polish name, the English name. 0 or -1.
 */
int	 subscription_point_fractions(struct db *, unsigned long long tenant_id,
		unsigned long long point_id, struct db_result *);
int	 subscription_contact(struct db *, unsigned long long account_id,
		struct subscription_contact *);

/* True when the comma-separated list (empty: every fraction) includes code. */
bool	 subscription_has_fraction(const char *fractions, const char *code);

#endif
