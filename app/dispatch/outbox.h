/* outbox.h: leases outbox rows to one dispatcher and records what became of each. */
#ifndef RATUSZ_OUTBOX_H
#define RATUSZ_OUTBOX_H

#include <stddef.h>
#include <time.h>

#include "channel.h"
#include "db.h"

/* A lease lasts this long; a dispatcher that dies leaves its rows to others after it. */
#define OUTBOX_LEASE_SECONDS	300
/* A row that failed this many times is marked failed. */
#define OUTBOX_MAX_ATTEMPTS	8
/* The maximum wait between two attempts, in seconds. */
#define OUTBOX_MAX_BACKOFF	(6 * 3600)

/* A leased row; strings are owned by the row and freed by outbox_rows_free. */
struct outbox_row {
	unsigned long long id;
	char		*idempotency_key;
	char		*channel;	/* "email", "sms" */
	char		*kind;		/* "reminder", "account_confirm", ... */
	unsigned long long account_id;	/* 0 when NULL */
	unsigned long long tenant_id;	/* 0 when NULL */
	char		*payload;	/* JSON text */
	unsigned	 attempts;	/* failed attempts before this one */
};

/*
 * Leases at most limit rows that are due at now (pending ones, and leased ones
 * whose lease expired) for owner, in one transaction with FOR UPDATE SKIP LOCKED
 * so concurrent dispatchers get different rows. Only e-mail rows are taken.
 * Returns the number of rows in *rows, or -1 after logging.
 */
int	 outbox_lease(struct db *, const char *owner, time_t now, size_t limit,
		struct outbox_row **rows);
void	 outbox_rows_free(struct outbox_row *, size_t count);

/* Seconds to wait after a failed attempt: 2^attempts minutes up to 6 h, at least retry_after. */
unsigned outbox_backoff(unsigned attempts, unsigned retry_after);

/* The outcome of one leased row, waiting to be recorded. */
struct outbox_outcome {
	const struct outbox_row	*row;
	struct send_result	 result;
	int			 recorded;	/* set by outbox_finish_many: the row changed */
};

/* The outcome to record: a retry after the last allowed attempt becomes a failure. */
enum send_outcome outbox_final_outcome(const struct outbox_row *, const struct send_result *);

/*
 * Records the outcomes of many sends in one transaction: sent (with the
 * provider's id, and one-time links in the payload replaced by {}), retry later
 * with backoff, failed or cancelled. Only rows still leased by owner change,
 * and their items get recorded = 1; a row whose lease went to another
 * dispatcher keeps recorded = 0. Returns 0, or -1 on a database error, after
 * which nothing changed.
 */
int	 outbox_finish_many(struct db *, const char *owner, struct outbox_outcome *,
		size_t count, time_t now);

/* Gives rows still leased by owner back to the queue as pending, unchanged otherwise. */
void	 outbox_release(struct db *, const char *owner, const struct outbox_row *,
		size_t count);

/* Formats t as a UTC "YYYY-MM-DD HH:MM:SS" for DATETIME columns. */
#define OUTBOX_DATETIME_SIZE	80
void	 outbox_datetime(time_t t, char out[OUTBOX_DATETIME_SIZE]);

/* A text parameter from an array (DB_S tests its pointer, which an array never needs). */
static inline struct db_param
outbox_text(const char *s)
{
	return DB_S(s);
}

#endif
