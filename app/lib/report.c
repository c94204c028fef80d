/* report.c: storing new problem reports, their public numbers, history and notices. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "report.h"
#include "report_access.h"
#include "text.h"
#include "token.h"

static const char sql_category[] =
    "SELECT c.id FROM report_category c WHERE c.tenant_id = ? AND c.id = ?"
    " AND c.active = 1"
    " AND NOT EXISTS (SELECT 1 FROM report_category k WHERE k.tenant_id = c.tenant_id"
    "  AND k.parent_id = c.id AND k.active = 1)";
static const char sql_point[] =
    "SELECT id FROM address_point WHERE tenant_id = ? AND id = ?";
static const char sql_insert[] =
    "INSERT INTO report (tenant_id, public_number, category_id, status, unit_id,"
    " needs_triage, author_id, author_email, author_name, anonymous, source,"
    " api_key_id, open311_token, description, attributes, lat, lon, point_id,"
    " address_text, email_confirmed_at, created_at, updated_at)"
    " VALUES (?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_follow_author[] =
    "INSERT INTO report_follower (tenant_id, report_id, account_id, email, email_key,"
    " is_author, confirmed_at, unsubscribe_token, created_at)"
    " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)";
static const char sql_counter[] =
    "INSERT INTO report_counter (tenant_id, year, next_number) VALUES (?, ?, 2)"
    " ON DUPLICATE KEY UPDATE next_number = LAST_INSERT_ID(next_number) + 1";
static const char sql_counter_read[] = "SELECT LAST_INSERT_ID()";
static const char sql_event[] =
    "INSERT INTO report_event (tenant_id, report_id, created_at, actor_id, actor_kind,"
    " kind, from_status, to_status, from_unit_id, to_unit_id, is_public, body, previous)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_notify[] =
    "INSERT IGNORE INTO outbox (idempotency_key, channel, kind, account_id, tenant_id,"
    " payload, status, due_at, created_at)"
    " SELECT CONCAT('report:', ?, ':', f.id, ':email'), 'email', 'report_update',"
    " f.account_id, f.tenant_id,"
    " JSON_OBJECT('report_id', f.report_id, 'event_id', ?, 'follower_id', f.id),"
    " 'pending', ?, ?"
    " FROM report_follower f JOIN report r ON r.id = f.report_id"
    " JOIN report_category c ON c.id = r.category_id"
    " WHERE f.tenant_id = ? AND f.report_id = ? AND f.confirmed_at IS NOT NULL"
    " AND " REPORT_PUBLIC_SQL;
static const char sql_touch[] =
    "UPDATE tenant SET report_version = report_version + 1 WHERE id = ?";

static const char *const actor_kinds[] = { "resident", "operator", "system", "api" };

void
report_datetime(time_t t, char out[20])
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

int
report_next_number(struct db *db, unsigned long long tenant_id, time_t now,
    char out[REPORT_NUMBER_LEN + 1])
{
	struct db_result	 res;
	struct tm		 tm;
	unsigned long long	 affected = 0, number;

	localtime_r(&now, &tm);
	if (db_exec(db, sql_counter, DB_ARGS(DB_I(tenant_id), DB_I(tm.tm_year + 1900)),
	    &affected, NULL) == -1)
		return -1;
	if (affected == 1)
		number = 1;	/* the first report of the year inserted the counter */
	else {
		if (db_query(db, sql_counter_read, DB_NO_ARGS, &res) == -1)
			return -1;
		number = (unsigned long long)db_cell_int(&res, 0, 0);
		db_result_free(&res);
	}
	snprintf(out, REPORT_NUMBER_LEN + 1, "%d-%06llu", tm.tm_year + 1900, number);
	return 0;
}

static int
exists(struct db *db, const char *sql, unsigned long long tenant_id,
    unsigned long long id)
{
	struct db_result	 res;
	int			 found;

	if (db_query(db, sql, DB_ARGS(DB_I(tenant_id), DB_I(id)), &res) == -1)
		return -1;
	found = res.rows == 1;
	db_result_free(&res);
	return found;
}

/* Checks what report_create is given; 0, 1 with *err, or -1. */
static int
report_check(struct db *db, const struct report_new *n, struct problem *err)
{
	size_t	 len = n->description != NULL ? utf8_length(n->description) : 0;
	int	 found;

	if ((found = exists(db, sql_category, n->tenant_id, n->category_id)) != 1) {
		problem_set(err, 0, "Report.BadCategory", "%llu", n->category_id);
		return found == -1 ? -1 : 1;
	}
	if (len == 0 || len > REPORT_DESCRIPTION_MAX) {
		problem_set(err, 0, len == 0 ? "Report.NoDescription" :
		    "Report.LongDescription", "%zu", len);
		return 1;
	}
	if (n->has_position && (!isfinite(n->lat) || !isfinite(n->lon) ||
	    fabs(n->lat) > 90.0 || fabs(n->lon) > 180.0)) {
		problem_set(err, 0, "Report.BadPosition", "%.6f,%.6f", n->lat, n->lon);
		return 1;
	}
	if (!n->has_position && n->point_id == 0 &&
	    (n->address_text == NULL || n->address_text[0] == '\0')) {
		problem_set(err, 0, "Report.NoLocation", "%s", "");
		return 1;
	}
	if (n->point_id != 0 &&
	    (found = exists(db, sql_point, n->tenant_id, n->point_id)) != 1) {
		problem_set(err, 0, "Report.BadAddress", "%llu", n->point_id);
		return found == -1 ? -1 : 1;
	}
	if (n->author_id == 0 && (n->author_email == NULL || n->author_email[0] == '\0') &&
	    !n->from_api) {
		problem_set(err, 0, "Report.NoEmail", "%s", "");
		return 1;
	}
	return 0;
}

/* Lower-cases an ASCII e-mail address for its lookup key. */
static void
email_key(const char *email, char *out, size_t size)
{
	size_t	 i;

	for (i = 0; email[i] != '\0' && i + 1 < size; i++)
		out[i] = (email[i] >= 'A' && email[i] <= 'Z') ? email[i] + 32 : email[i];
	out[i] = '\0';
}

static int
report_follow_author(struct db *db, const struct report_new *n, unsigned long long id,
    const char *now)
{
	char	 token[TOKEN_LEN + 1], key[255];
	bool	 by_email = n->author_id == 0;

	if (by_email && (n->author_email == NULL || n->author_email[0] == '\0'))
		return 0;	/* an Open311 client without an e-mail: nobody to notify */
	if (token_random(token) == -1)
		return -1;
	if (by_email)
		email_key(n->author_email, key, sizeof(key));
	return db_exec(db, sql_follow_author, DB_ARGS(DB_I(n->tenant_id), DB_I(id),
	    by_email ? DB_N() : DB_I(n->author_id), DB_S(by_email ? n->author_email : NULL),
	    by_email ? DB_T(key) : DB_N(), by_email ? DB_N() : DB_T(now), DB_T(token),
	    DB_T(now)), NULL, NULL);
}

static int
report_insert(struct db *db, const struct report_new *n, struct report_created *out,
    const char *now)
{
	char	 token[TOKEN_LEN + 1], lat[16], lon[16];
	bool	 confirmed = n->author_id != 0 || n->from_api;

	if (n->from_api && token_random(token) == -1)
		return -1;
	snprintf(lat, sizeof(lat), "%.6f", n->lat);
	snprintf(lon, sizeof(lon), "%.6f", n->lon);
	return db_exec(db, sql_insert, DB_ARGS(DB_I(n->tenant_id), DB_T(out->number),
	    DB_I(n->category_id), DB_I(out->unit_id), DB_I(out->needs_triage),
	    n->author_id ? DB_I(n->author_id) : DB_N(),
	    DB_S(n->author_id ? NULL : n->author_email),
	    DB_T(n->author_name ? n->author_name : ""), DB_I(n->anonymous),
	    DB_T(n->from_api ? "open311" : "web"),
	    n->api_key_id ? DB_I(n->api_key_id) : DB_N(),
	    n->from_api ? DB_T(token) : DB_N(), DB_T(n->description),
	    DB_S(n->attributes_json),
	    n->has_position ? DB_T(lat) : DB_N(), n->has_position ? DB_T(lon) : DB_N(),
	    n->point_id ? DB_I(n->point_id) : DB_N(),
	    DB_T(n->address_text ? n->address_text : ""),
	    confirmed ? DB_T(now) : DB_N(), DB_T(now), DB_T(now)), NULL, &out->id);
}

int
report_create(struct db *db, const struct report_new *n, struct report_created *out,
    struct problem *err)
{
	struct report_event_new	 ev;
	char			 now[20];
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = report_check(db, n, err)) != 0)
		return rc;
	report_datetime(n->now, now);
	if (report_route(db, n->tenant_id, n->category_id, n->has_position, n->lat, n->lon,
	    &out->unit_id, &out->needs_triage) == -1 ||
	    report_next_number(db, n->tenant_id, n->now, out->number) == -1 ||
	    report_insert(db, n, out, now) == -1 ||
	    report_follow_author(db, n, out->id, now) == -1)
		return -1;
	memset(&ev, 0, sizeof(ev));
	ev.tenant_id = n->tenant_id;
	ev.report_id = out->id;
	ev.actor_kind = n->from_api ? REPORT_BY_API : REPORT_BY_RESIDENT;
	ev.actor_id = n->author_id;
	ev.kind = "created";
	ev.to_status = "new";
	ev.to_unit_id = out->unit_id;
	ev.is_public = true;
	ev.now = n->now;
	return report_event_add(db, &ev, NULL);
}

int
report_event_add(struct db *db, const struct report_event_new *e, unsigned long long *id)
{
	char			 now[20];
	unsigned long long	 event_id = 0;

	report_datetime(e->now, now);
	if (db_exec(db, sql_event, DB_ARGS(DB_I(e->tenant_id), DB_I(e->report_id),
	    DB_T(now), e->actor_id ? DB_I(e->actor_id) : DB_N(),
	    DB_T(actor_kinds[e->actor_kind]), DB_T(e->kind), DB_S(e->from_status),
	    DB_S(e->to_status), e->from_unit_id ? DB_I(e->from_unit_id) : DB_N(),
	    e->to_unit_id ? DB_I(e->to_unit_id) : DB_N(), DB_I(e->is_public),
	    DB_T(e->body ? e->body : ""), DB_S(e->previous_json)), NULL, &event_id) == -1)
		return -1;
	if (id != NULL)
		*id = event_id;
	if (e->is_public && strcmp(e->kind, "created") != 0 &&
	    report_notify_followers(db, e->tenant_id, e->report_id, event_id, e->now) == -1)
		return -1;
	return 0;
}

int
report_notify_followers(struct db *db, unsigned long long tenant_id,
    unsigned long long report_id, unsigned long long event_id, time_t t)
{
	char	 now[20];

	report_datetime(t, now);
	return db_exec(db, sql_notify, DB_ARGS(DB_I(event_id), DB_I(event_id), DB_T(now),
	    DB_T(now), DB_I(tenant_id), DB_I(report_id)), NULL, NULL);
}

int
report_touch_tenant(struct db *db, unsigned long long tenant_id)
{
	return db_exec(db, sql_touch, DB_ARGS(DB_I(tenant_id)), NULL, NULL);
}
