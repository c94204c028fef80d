/* outbox.c: the outbox queue: leases with SKIP LOCKED, then sent, retry, failed or cancelled. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "log.h"
#include "outbox.h"

/* Tries of the lease transaction when MariaDB reports a deadlock or lock wait timeout. */
#define LEASE_ATTEMPTS	3

/*
 * Expired leases first, then pending rows, in two queries. One query with
 * "pending OR leased" cannot read the (status, due_at, id) index in order, so
 * MariaDB 10.11 sorted every due row for each batch: 176 ms a batch at 85,000
 * due rows in tests/bench/dispatch. Each query below reads one status in index
 * order, and SKIP LOCKED passes over rows another dispatcher is leasing.
 */
static const char sql_lease_expired[] =
    "SELECT id, idempotency_key, channel, kind, account_id, tenant_id, payload, attempts"
    " FROM outbox"
    " WHERE status = 'leased' AND leased_until < ? AND channel IN (?, ?)"
    " ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED";

static const char sql_lease_pending[] =
    "SELECT id, idempotency_key, channel, kind, account_id, tenant_id, payload, attempts"
    " FROM outbox"
    " WHERE status = 'pending' AND due_at <= ? AND channel IN (?, ?)"
    " ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED";

/* Marks the selected rows, listed as a JSON array of ids, in one statement. */
static const char sql_lease_update[] =
    "UPDATE outbox o JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j"
    " ON o.id = j.id SET o.status = 'leased', o.lease_owner = ?, o.leased_until = ?";

void
outbox_datetime(time_t t, char out[OUTBOX_DATETIME_SIZE])
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	snprintf(out, OUTBOX_DATETIME_SIZE, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static char *
copy_cell(const struct db_result *res, size_t row, size_t col)
{
	const char	*s = db_cell(res, row, col);
	char		*copy = strdup(s != NULL ? s : "");

	if (copy == NULL)
		abort();
	return copy;
}

static void
rows_from_result(const struct db_result *res, struct outbox_row *rows)
{
	size_t	 i;

	for (i = 0; i < res->rows; i++) {
		rows[i].id = (unsigned long long)db_cell_int(res, i, 0);
		rows[i].idempotency_key = copy_cell(res, i, 1);
		rows[i].channel = copy_cell(res, i, 2);
		rows[i].kind = copy_cell(res, i, 3);
		rows[i].account_id = (unsigned long long)db_cell_int(res, i, 4);
		rows[i].tenant_id = (unsigned long long)db_cell_int(res, i, 5);
		rows[i].payload = copy_cell(res, i, 6);
		rows[i].attempts = (unsigned)db_cell_int(res, i, 7);
	}
}

/* Marks the selected rows leased. */
static int
mark_leased(struct db *db, const char *owner, const char *until,
    const struct outbox_row *rows, size_t count)
{
	json_t	*ids = json_array();
	char	*text;
	size_t	 i;
	int	 rc;

	if (count == 0) {
		json_decref(ids);
		return 0;
	}
	for (i = 0; i < count; i++)
		json_array_append_new(ids, json_integer((json_int_t)rows[i].id));
	if ((text = json_dumps(ids, JSON_COMPACT)) == NULL)
		abort();
	json_decref(ids);
	rc = db_exec(db, sql_lease_update, DB_ARGS(DB_T(text), DB_S(owner), outbox_text(until)),
	    NULL, NULL);
	free(text);
	return rc;
}

/* Runs one lease query for at most limit rows and appends them to rows[*count]. */
static int
lease_query(struct db *db, const char *sql, const char *when,
    const char *const channels[2], size_t limit, struct outbox_row *rows, size_t *count)
{
	struct db_result	 res;

	if (limit == 0)
		return 0;
	if (db_query(db, sql, DB_ARGS(outbox_text(when), DB_S(channels[0]),
	    DB_S(channels[1]), DB_I(limit)), &res) == -1)
		return -1;
	rows_from_result(&res, rows + *count);
	*count += res.rows;
	db_result_free(&res);
	return 0;
}

/* One attempt at the lease transaction. */
static int
lease_transaction(struct db *db, const char *owner, time_t now, size_t limit,
    struct outbox_row **out)
{
	static const char *const channels[] = { "email", "sms" };
	struct outbox_row	*rows;
	char			 now_text[OUTBOX_DATETIME_SIZE], until[OUTBOX_DATETIME_SIZE];
	size_t			 count = 0;

	*out = NULL;
	outbox_datetime(now, now_text);
	outbox_datetime(now + OUTBOX_LEASE_SECONDS, until);
	if ((rows = calloc(limit > 0 ? limit : 1, sizeof(*rows))) == NULL)
		abort();
	/*
	 * READ COMMITTED takes no gap locks, so two dispatchers leasing at once
	 * rarely deadlock on the queue index; a deadlock that still happens is retried.
	 */
	if (db_exec_script(db, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED") == -1 ||
	    db_begin(db) == -1) {
		free(rows);
		return -1;
	}
	if (lease_query(db, sql_lease_expired, now_text, channels, limit, rows,
	    &count) == -1 ||
	    lease_query(db, sql_lease_pending, now_text, channels, limit - count, rows,
	    &count) == -1 ||
	    mark_leased(db, owner, until, rows, count) == -1 || db_commit(db) == -1) {
		db_rollback(db);
		outbox_rows_free(rows, count);
		return -1;
	}
	*out = rows;
	return (int)count;
}

int
outbox_lease(struct db *db, const char *owner, time_t now, size_t limit,
    struct outbox_row **out)
{
	int	 attempt, count = -1;

	for (attempt = 1; attempt <= LEASE_ATTEMPTS; attempt++) {
		if ((count = lease_transaction(db, owner, now, limit, out)) != -1)
			break;
		/* 1213: deadlock, 1205: lock wait timeout; both roll the transaction back. */
		if (db_errno(db) != 1213 && db_errno(db) != 1205)
			break;
		log_warn("outbox lease: lock conflict (MariaDB error %u), attempt %d of %d",
		    db_errno(db), attempt, LEASE_ATTEMPTS);
	}
	return count;
}

void
outbox_rows_free(struct outbox_row *rows, size_t count)
{
	size_t	 i;

	if (rows == NULL)
		return;
	for (i = 0; i < count; i++) {
		free(rows[i].idempotency_key);
		free(rows[i].channel);
		free(rows[i].kind);
		free(rows[i].payload);
	}
	free(rows);
}

unsigned
outbox_backoff(unsigned attempts, unsigned retry_after)
{
	unsigned	 seconds = OUTBOX_MAX_BACKOFF;

	if (attempts < 9)
		seconds = 60U << attempts;
	if (seconds > OUTBOX_MAX_BACKOFF)
		seconds = OUTBOX_MAX_BACKOFF;
	if (retry_after > seconds)
		seconds = retry_after < 86400 ? retry_after : 86400;
	return seconds;
}

/*
 * Records many outcomes in one statement. The rows come as a JSON array of
 * {id, status, provider_id, due_at, error}, and a key left out reads as NULL.
 * The account mails carry a one-time link, or the old address of a change,
 * in their payload, and once sent it is replaced by {} so neither stays in
 * the database. Each assignment reads only the JSON values and columns that
 * no assignment changes, because MariaDB does not promise an order for the
 * assignments of a multi-table UPDATE.
 */
static const char sql_finish[] =
    "UPDATE outbox o JOIN JSON_TABLE(?, '$[*]' COLUMNS ("
    " id BIGINT UNSIGNED PATH '$.id', new_status VARCHAR(16) PATH '$.status',"
    " new_provider_id VARCHAR(128) PATH '$.provider_id', new_due_at DATETIME PATH '$.due_at',"
    " new_error VARCHAR(500) PATH '$.error')) r ON r.id = o.id"
    " SET o.status = r.new_status,"
    " o.attempts = o.attempts + (r.new_status <> 'cancelled'),"
    " o.sent_at = IF(r.new_status = 'sent', ?, o.sent_at),"
    " o.provider_id = IF(r.new_status = 'sent', r.new_provider_id, o.provider_id),"
    " o.due_at = IF(r.new_status = 'pending', r.new_due_at, o.due_at),"
    " o.last_error = IF(r.new_status = 'sent', NULL, r.new_error),"
    " o.leased_until = NULL,"
    " o.lease_owner = IF(r.new_status = 'pending', NULL, o.lease_owner),"
    " o.payload = IF(r.new_status = 'sent' AND o.kind IN ('account_confirm',"
    " 'account_reset', 'email_change', 'account_exists', 'email_changed', 'report_confirm',"
    " 'report_follow_confirm'), '{}', o.payload)"
    " WHERE o.lease_owner = ? AND o.status = 'leased'";

/* The rows of a JSON id list that owner still leases, locked until the commit. */
static const char sql_owned[] =
    "SELECT o.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j"
    " JOIN outbox o ON o.id = j.id WHERE o.lease_owner = ? AND o.status = 'leased'"
    " FOR UPDATE";

/* Sets key of object to text, or to a marker when text is not UTF-8. */
static void
json_set_text(json_t *object, const char *key, const char *text)
{
	json_t	*value = json_string(text);

	if (value == NULL)
		value = json_string("(text that is not UTF-8)");
	json_object_set_new(object, key, value);
}

/* The JSON object of one outcome for sql_finish. */
static json_t *
outcome_json(const struct outbox_outcome *o, time_t now)
{
	const struct send_result *res = &o->result;
	char		 when[OUTBOX_DATETIME_SIZE];
	json_t		*item = json_object();

	json_object_set_new(item, "id", json_integer((json_int_t)o->row->id));
	switch (outbox_final_outcome(o->row, res)) {
	case SEND_OK:
		json_set_text(item, "status", "sent");
		if (res->provider_id[0] != '\0')
			json_set_text(item, "provider_id", res->provider_id);
		break;
	case SEND_RETRY:
		json_set_text(item, "status", "pending");
		outbox_datetime(now + outbox_backoff(o->row->attempts + 1, res->retry_after), when);
		json_set_text(item, "due_at", when);
		json_set_text(item, "error", res->error);
		break;
	case SEND_FAIL:
		json_set_text(item, "status", "failed");
		json_set_text(item, "error", res->error);
		break;
	default:
		json_set_text(item, "status", "cancelled");
		json_set_text(item, "error", res->error);
		break;
	}
	return item;
}

enum send_outcome
outbox_final_outcome(const struct outbox_row *row, const struct send_result *res)
{
	if (res->outcome == SEND_RETRY && row->attempts + 1 >= OUTBOX_MAX_ATTEMPTS)
		return SEND_FAIL;
	return res->outcome;
}

/* Sets recorded for each outcome whose row owner still leases, and locks those rows. */
static int
mark_owned(struct db *db, const char *owner, struct outbox_outcome *items, size_t count)
{
	struct db_result	 owned;
	json_t			*ids = json_array();
	char			*text;
	size_t			 i, j;
	int			 rc;

	for (i = 0; i < count; i++) {
		items[i].recorded = 0;
		json_array_append_new(ids, json_integer((json_int_t)items[i].row->id));
	}
	if ((text = json_dumps(ids, JSON_COMPACT)) == NULL)
		abort();
	json_decref(ids);
	rc = db_query(db, sql_owned, DB_ARGS(DB_T(text), DB_S(owner)), &owned);
	free(text);
	if (rc == -1)
		return -1;
	for (j = 0; j < owned.rows; j++)
		for (i = 0; i < count; i++)
			if (items[i].row->id == (unsigned long long)db_cell_int(&owned, j, 0))
				items[i].recorded = 1;
	db_result_free(&owned);
	return 0;
}

int
outbox_finish_many(struct db *db, const char *owner, struct outbox_outcome *items,
    size_t count, time_t now)
{
	char		 when[OUTBOX_DATETIME_SIZE];
	json_t		*list;
	char		*text;
	size_t		 i;
	int		 rc;

	if (count == 0)
		return 0;
	list = json_array();
	for (i = 0; i < count; i++)
		json_array_append_new(list, outcome_json(&items[i], now));
	if ((text = json_dumps(list, JSON_COMPACT)) == NULL)
		abort();
	json_decref(list);
	outbox_datetime(now, when);
	rc = -1;
	if (db_begin(db) == 0) {
		if (mark_owned(db, owner, items, count) == 0 &&
		    db_exec(db, sql_finish, DB_ARGS(DB_T(text), DB_T(when), DB_S(owner)),
		    NULL, NULL) == 0 && db_commit(db) == 0)
			rc = 0;
		else
			db_rollback(db);
	}
	free(text);
	return rc;
}

static const char sql_release[] =
    "UPDATE outbox SET status = 'pending', lease_owner = NULL, leased_until = NULL"
    " WHERE id = ? AND lease_owner = ? AND status = 'leased'";

void
outbox_release(struct db *db, const char *owner, const struct outbox_row *rows,
    size_t count)
{
	size_t	 i;

	for (i = 0; i < count; i++)
		db_exec(db, sql_release, DB_ARGS(DB_I(rows[i].id), DB_S(owner)), NULL, NULL);
}
