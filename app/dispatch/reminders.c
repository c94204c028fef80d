/* reminders.c: one set-based INSERT ... SELECT per batch of subscriptions writes due reminders. */
#include "config.h"

#include "clock.h"
#include "log.h"
#include "reminders.h"

/* Subscriptions per statement: bounds the locks and the undo log of one INSERT. */
#define REMINDERS_BATCH		10000
/* Attempts of one batch that lost a deadlock to another dispatcher. */
#define REMINDERS_ATTEMPTS	3
#define ER_LOCK_WAIT_TIMEOUT	1205
#define ER_LOCK_DEADLOCK	1213

static const char sql_max_subscription[] =
    "SELECT COALESCE(MAX(id), 0) FROM subscription";

/*
 * The due reminders as rows r (subscription and pickup day) times c (channel).
 * Parameters: today and tomorrow (Warsaw days since 1970), the batch's
 * subscription id range, then today, the Warsaw hour of now, tomorrow and that
 * hour again. The derived table "due" contains the pickups of today and
 * tomorrow at the subscribed points only, so the cost grows with the
 * subscriptions of points that have a pickup, not with every point of the
 * country. A pickup today is due for every evening subscription, whose moment
 * was yesterday, and for morning ones whose hour has come. A pickup tomorrow is
 * due for evening subscriptions whose hour has come today. Pickups of past days
 * are never selected, so a run after the pickup day inserts nothing.
 */
#define DUE_REMINDERS \
    " FROM (SELECT DISTINCT s.id, s.account_id, s.tenant_id, s.by_email, s.by_sms, due.day" \
    "  FROM (SELECT DISTINCT pa.tenant_id, pa.point_id, p.day, p.fraction_code" \
    "   FROM (SELECT DISTINCT tenant_id, point_id FROM subscription) followed" \
    "   JOIN point_area pa ON pa.tenant_id = followed.tenant_id" \
    "    AND pa.point_id = followed.point_id" \
    "   JOIN area a ON a.id = pa.area_id" \
    "   JOIN schedule_period sp ON sp.id = a.period_id AND sp.status = 'active'" \
    "   JOIN pickup p ON p.tenant_id = pa.tenant_id AND p.area_id = pa.area_id" \
    "    AND p.fraction_code = pa.fraction_code" \
    "    AND p.day IN (DATE_ADD('1970-01-01', INTERVAL ? DAY)," \
    "     DATE_ADD('1970-01-01', INTERVAL ? DAY))) due" \
    "  JOIN subscription s ON s.tenant_id = due.tenant_id AND s.point_id = due.point_id" \
    "  JOIN account ac ON ac.id = s.account_id AND ac.confirmed_at IS NOT NULL" \
    "  WHERE s.id > ? AND s.id <= ? AND (s.by_email = 1 OR s.by_sms = 1)" \
    "  AND (s.fractions = '' OR FIND_IN_SET(due.fraction_code, s.fractions) > 0)" \
    "  AND ((DATEDIFF(due.day, '1970-01-01') = ?" \
    "    AND (s.remind_when = 'evening' OR s.remind_hour <= ?))" \
    "   OR (DATEDIFF(due.day, '1970-01-01') = ?" \
    "    AND s.remind_when = 'evening' AND s.remind_hour <= ?))) r" \
    " JOIN (SELECT 'email' AS channel UNION ALL SELECT 'sms') c" \
    "  ON (c.channel = 'email' AND r.by_email = 1) OR (c.channel = 'sms' AND r.by_sms = 1)"

/*
 * Finds whether a batch has a due reminder that is not queued yet. Most rounds
 * have none, and this read is cheaper than an INSERT IGNORE that rejects every
 * queued reminder again. The check cannot be part of the INSERT: a NOT EXISTS
 * on outbox there made concurrent rounds fail with error 1467.
 */
static const char sql_any_new[] =
    "SELECT 1" DUE_REMINDERS
    " WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.idempotency_key ="
    "  CONCAT('reminder:', r.id, ':', r.day, ':', c.channel)) LIMIT 1";
/* The first two parameters are now (Unix time), for due_at and created_at. */
static const char sql_insert_due[] =
    "INSERT IGNORE INTO outbox (idempotency_key, channel, kind, account_id,"
    " tenant_id, payload, status, due_at, created_at)"
    " SELECT CONCAT('reminder:', r.id, ':', r.day, ':', c.channel), c.channel,"
    " 'reminder', r.account_id, r.tenant_id,"
    " JSON_OBJECT('subscription_id', r.id, 'date', DATE_FORMAT(r.day, '%Y-%m-%d')),"
    " 'pending', FROM_UNIXTIME(?), FROM_UNIXTIME(?)" DUE_REMINDERS
    " ORDER BY r.id, r.day, c.channel";

/* Returns 1 when the batch has a reminder to queue, 0 when not, -1 on an error. */
static int
batch_has_new(struct db *db, long today, int hour, unsigned long long first,
    unsigned long long last)
{
	struct db_result	 r;
	int			 found;

	if (db_query(db, sql_any_new, DB_ARGS(DB_I(today), DB_I(today + 1), DB_I(first),
	    DB_I(last), DB_I(today), DB_I(hour), DB_I(today + 1), DB_I(hour)), &r) == -1)
		return -1;
	found = r.rows > 0;
	db_result_free(&r);
	return found;
}

/* Inserts the due reminders of subscriptions first < id <= last; rows inserted or -1. */
static long long
insert_batch(struct db *db, time_t now, long today, int hour,
    unsigned long long first, unsigned long long last)
{
	unsigned long long	 inserted = 0;
	int			 attempt, found;

	if ((found = batch_has_new(db, today, hour, first, last)) != 1)
		return found;
	for (attempt = 1; attempt <= REMINDERS_ATTEMPTS; attempt++) {
		if (db_exec(db, sql_insert_due, DB_ARGS(DB_I(now), DB_I(now),
		    DB_I(today), DB_I(today + 1), DB_I(first), DB_I(last),
		    DB_I(today), DB_I(hour), DB_I(today + 1), DB_I(hour)),
		    &inserted, NULL) == 0)
			return (long long)inserted;
		if (db_errno(db) != ER_LOCK_DEADLOCK && db_errno(db) != ER_LOCK_WAIT_TIMEOUT)
			break;
		log_warn("reminders of subscriptions %llu to %llu: lock conflict,"
		    " attempt %d of %d", first + 1, last, attempt, REMINDERS_ATTEMPTS);
	}
	return -1;
}

int
reminders_generate(struct db *db, time_t now)
{
	struct db_result	 r;
	struct tm		 local;
	unsigned long long	 max_id, first;
	long long		 n, total = 0;
	long			 today = clock_local_day(now);

	/*
	 * Reminder hours are whole Warsaw hours, so "the moment has come" is
	 * remind_hour <= the current Warsaw hour, which localtime_r gets right on
	 * the DST switch days (18:00 is 16:00 UTC in summer, 17:00 in winter).
	 */
	localtime_r(&now, &local);
	if (db_query(db, sql_max_subscription, DB_NO_ARGS, &r) == -1)
		return -1;
	max_id = (unsigned long long)db_cell_int(&r, 0, 0);
	db_result_free(&r);

	for (first = 0; first < max_id; first += REMINDERS_BATCH) {
		n = insert_batch(db, now, today, local.tm_hour, first, first + REMINDERS_BATCH);
		if (n == -1)
			return -1;
		total += n;
	}
	return (int)total;
}
