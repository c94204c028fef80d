/* report_move.c: status moves and merges of problem reports, with history and notices. */
#include "config.h"

#include <string.h>

#include "db.h"
#include "report.h"
#include "report_access.h"

static const char sql_lock[] =
    "SELECT r.status, r.row_version, r.unit_id, r.confirmed_at IS NOT NULL,"
    " c.deadline_days, " REPORT_PUBLIC_SQL " FROM report r JOIN report_category c ON c.id = r.category_id"
    " WHERE r.tenant_id = ? AND r.id = ? FOR UPDATE";
/* Parameters: status, confirm (0/1), now for confirmed_at, now for the deadline, */
/* deadline days, closing (0/1), now for closed_at, now for updated_at, tenant, id. */
static const char sql_update[] =
    "UPDATE report SET status = ?,"
    " confirmed_at = IF(? AND confirmed_at IS NULL, ?, confirmed_at),"
    " deadline_at = IF(deadline_at IS NULL AND status <> 'new', ? + INTERVAL ? DAY,"
    "  deadline_at),"
    " closed_at = IF(?, ?, NULL), updated_at = ?, row_version = row_version + 1"
    " WHERE tenant_id = ? AND id = ?";
static const char sql_merge_followers[] =
    "INSERT IGNORE INTO report_follower (tenant_id, report_id, account_id, email,"
    " email_key, is_author, confirmed_at, unsubscribe_token, created_at)"
    " SELECT f.tenant_id, ?, f.account_id, f.email, f.email_key, 0, f.confirmed_at,"
    " SUBSTRING(SHA2(CONCAT(f.unsubscribe_token, ':', ?), 256), 1, 22), f.created_at"
    " FROM report_follower f WHERE f.tenant_id = ? AND f.report_id = ?";
static const char sql_set_duplicate[] =
    "UPDATE report SET duplicate_of = ? WHERE tenant_id = ? AND id = ?";

struct locked {
	enum report_status status;
	unsigned	 version;
	unsigned long long unit_id;
	bool		 confirmed;
	long long	 deadline_days;
	bool		 public;	/* report_visible gives everyone REPORT_ACCESS_PUBLIC */
};

/* Locks the report row; 1 found, 0 not, -1 error. */
static int
report_lock(struct db *db, unsigned long long tenant_id, unsigned long long id,
    struct locked *l)
{
	struct db_result	 res;
	int			 found;

	if (db_query(db, sql_lock, DB_ARGS(DB_I(tenant_id), DB_I(id)), &res) == -1)
		return -1;
	found = res.rows == 1;
	if (found) {
		if (report_status_parse(db_cell(&res, 0, 0), &l->status) == -1)
			l->status = REPORT_NEW;
		l->version = (unsigned)db_cell_int(&res, 0, 1);
		l->unit_id = (unsigned long long)db_cell_int(&res, 0, 2);
		l->confirmed = db_cell_int(&res, 0, 3) != 0;
		l->deadline_days = db_cell_int(&res, 0, 4);
		l->public = db_cell_int(&res, 0, 5) != 0;
	}
	db_result_free(&res);
	return found;
}

/* Checks the move against the row; REPORT_MOVED when it may go ahead. */
static enum report_move_result
move_check(struct db *db, const struct report_move *m, struct locked *l)
{
	int	 found = report_lock(db, m->tenant_id, m->report_id, l);

	if (found == -1)
		return REPORT_MOVE_ERROR;
	if (found == 0)
		return REPORT_MOVE_NOT_FOUND;
	if (m->expected_version != 0 && m->expected_version != l->version)
		return REPORT_MOVE_STALE;
	if (l->status == m->to ||
	    !report_move_allowed(l->status, m->to, m->actors))
		return REPORT_MOVE_FORBIDDEN;
	return REPORT_MOVED;
}

static enum report_move_result
move_apply(struct db *db, const struct report_move *m, const struct locked *l)
{
	struct report_event_new	 ev;
	char			 now[20];
	bool			 publish = report_move_publishes(l->status, m->to);
	bool			 closing = report_status_finished(m->to);

	report_datetime(m->now, now);
	if (db_exec(db, sql_update, DB_ARGS(DB_T(report_status_code(m->to)),
	    DB_I(publish), DB_T(now), DB_T(now), DB_I(l->deadline_days), DB_I(closing),
	    DB_T(now), DB_T(now), DB_I(m->tenant_id), DB_I(m->report_id)),
	    NULL, NULL) == -1)
		return REPORT_MOVE_ERROR;
	memset(&ev, 0, sizeof(ev));
	ev.tenant_id = m->tenant_id;
	ev.report_id = m->report_id;
	ev.actor_kind = m->actor_kind;
	ev.actor_id = m->actor_id;
	ev.kind = "status";
	ev.from_status = report_status_code(l->status);
	ev.to_status = report_status_code(m->to);
	/* Leaving moderation without publishing (rejected) stays internal. */
	ev.is_public = l->confirmed || publish;
	ev.body = m->public_text;
	ev.now = m->now;
	if (report_event_add(db, &ev, NULL) == -1 ||
	    report_touch_tenant(db, m->tenant_id) == -1)
		return REPORT_MOVE_ERROR;
	return REPORT_MOVED;
}

enum report_move_result
report_move(struct db *db, const struct report_move *m)
{
	struct locked		 l;
	enum report_move_result	 rc;

	if (m->to == REPORT_DUPLICATE)
		return REPORT_MOVE_FORBIDDEN;
	if ((rc = move_check(db, m, &l)) != REPORT_MOVED)
		return rc;
	return move_apply(db, m, &l);
}

enum report_move_result
report_merge(struct db *db, const struct report_move *m, unsigned long long original_id)
{
	struct report_move	 note = *m;
	struct report_event_new	 ev;
	struct locked		 l, orig;
	enum report_move_result	 rc;
	int			 found;

	if (m->to != REPORT_DUPLICATE || original_id == m->report_id)
		return REPORT_MOVE_FORBIDDEN;
	/* Lock in id order, so two merges of the same pair cannot deadlock. */
	if (original_id < m->report_id &&
	    (found = report_lock(db, m->tenant_id, original_id, &orig)) != 1)
		return found == 0 ? REPORT_MOVE_NOT_FOUND : REPORT_MOVE_ERROR;
	if ((rc = move_check(db, m, &l)) != REPORT_MOVED)
		return rc;
	if (original_id > m->report_id &&
	    (found = report_lock(db, m->tenant_id, original_id, &orig)) != 1)
		return found == 0 ? REPORT_MOVE_NOT_FOUND : REPORT_MOVE_ERROR;
	/*
	 * The followers of the duplicate will follow the original, so it must be a
	 * report they may see: public, which also rules out new and hidden ones.
	 */
	if (orig.status == REPORT_DUPLICATE || !orig.public)
		return REPORT_MOVE_FORBIDDEN;
	if (db_exec(db, sql_merge_followers, DB_ARGS(DB_I(original_id),
	    DB_I(original_id), DB_I(m->tenant_id), DB_I(m->report_id)), NULL, NULL) == -1 ||
	    db_exec(db, sql_set_duplicate, DB_ARGS(DB_I(original_id), DB_I(m->tenant_id),
	    DB_I(m->report_id)), NULL, NULL) == -1)
		return REPORT_MOVE_ERROR;
	if ((rc = move_apply(db, &note, &l)) != REPORT_MOVED)
		return rc;
	memset(&ev, 0, sizeof(ev));
	ev.tenant_id = m->tenant_id;
	ev.report_id = original_id;
	ev.actor_kind = m->actor_kind;
	ev.actor_id = m->actor_id;
	ev.kind = "merged";
	ev.is_public = true;
	ev.body = m->public_text;
	ev.now = m->now;
	return report_event_add(db, &ev, NULL) == -1 ? REPORT_MOVE_ERROR : REPORT_MOVED;
}
