/* page_report_confirm.c: the e-mail links of reports: confirming a report or a follow, and unsubscribing. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "log.h"
#include "page_account.h"
#include "render.h"
#include "report.h"
#include "report_submit.h"
#include "session.h"
#include "token.h"

/*
 * A confirmation link's GET only shows a button; its POST (with the CSRF token)
 * uses the link, so mail scanners that open links confirm nothing.
 */
static const char sql_link[] =
    "SELECT k.report_id, k.purpose, k.follower_id, r.public_number"
    " FROM report_confirm k JOIN report r ON r.id = k.report_id"
    " WHERE k.token_hash = ? AND k.tenant_id = ? AND k.used_at IS NULL"
    " AND k.expires_at > ?";
static const char sql_link_locked[] =
    "SELECT k.report_id, k.purpose, k.follower_id, r.public_number"
    " FROM report_confirm k JOIN report r ON r.id = k.report_id"
    " WHERE k.token_hash = ? AND k.tenant_id = ? AND k.used_at IS NULL"
    " AND k.expires_at > ? FOR UPDATE";
static const char sql_use_link[] =
    "UPDATE report_confirm SET used_at = ? WHERE token_hash = ?";
static const char sql_confirm_report[] =
    "UPDATE report SET email_confirmed_at = ?, updated_at = ?,"
    " row_version = row_version + 1 WHERE id = ? AND email_confirmed_at IS NULL";
static const char sql_confirm_follower[] =
    "UPDATE report_follower SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL";

/* The unsubscribe link of the report e-mails: the follower of the token. */
static const char sql_follower[] =
    "SELECT f.id, r.public_number, t.terc, t.name FROM report_follower f"
    " JOIN report r ON r.id = f.report_id JOIN tenant t ON t.id = f.tenant_id"
    " WHERE f.unsubscribe_token = ?";
static const char sql_unfollow[] = "DELETE FROM report_follower WHERE id = ?";
/* Notices still waiting for that follower: "report:<event>:<follower>:email". */
static const char sql_cancel_pending[] =
    "UPDATE outbox SET status = 'cancelled', last_error = 'unsubscribed'"
    " WHERE idempotency_key LIKE CONCAT('report:%:', ?, ':email')"
    " AND kind = 'report_update' AND status = 'pending'";

struct link {
	unsigned long long report_id, follower_id;
	char		 purpose[8];
	char		 number[24];
};

static int
link_find(struct request *r, struct app *app, const struct gmina_ref *g, const char *sql,
    const char *hash, struct link *l)
{
	struct db_result	 res;
	char			 now[20];
	int			 found;

	session_datetime(r->now, now);
	if (db_query(app->db, sql, DB_ARGS(DB_T(hash), DB_I(g->id), DB_T(now)), &res) == -1)
		return -1;
	found = res.rows == 1;
	if (found) {
		l->report_id = (unsigned long long)db_cell_int(&res, 0, 0);
		snprintf(l->purpose, sizeof(l->purpose), "%s", db_cell(&res, 0, 1));
		l->follower_id = (unsigned long long)db_cell_int(&res, 0, 2);
		snprintf(l->number, sizeof(l->number), "%s", db_cell(&res, 0, 3));
	}
	db_result_free(&res);
	return found;
}

static void
show_link(struct request *r, struct app *app, const struct gmina_ref *g, int status,
    const char *kind, const struct link *l)
{
	HDF	*hdf;

	if ((hdf = account_begin(r, app, "submit_confirm.cs")) == NULL)
		return;
	render_set(hdf, "Gmina.Terc", g->terc);
	render_set(hdf, "Gmina.Name", g->name);
	render_set(hdf, "Token", request_text(r, "token"));
	render_set(hdf, "Kind", kind);
	if (l != NULL) {
		render_set(hdf, "Purpose", l->purpose);
		render_set(hdf, "Number", l->number);
	}
	if (render_page(app->render, r) == 0)
		r->status = status;
}

void
page_report_confirm(struct request *r, struct app *app)
{
	const char		*token = request_text(r, "token");
	struct gmina_ref	 g;
	struct link		 l;
	char			 hash[65];
	int			 found;

	if (submit_gmina(r, app, &g) != 1)
		return;
	token_sha256_hex(token, strlen(token), hash);
	if ((found = link_find(r, app, &g, sql_link, hash, &l)) == -1) {
		r->status = 503;
		return;
	}
	response_header(r, "Referrer-Policy", "no-referrer");
	show_link(r, app, &g, found ? 200 : 404, found ? "Ask" : "Invalid",
	    found ? &l : NULL);
}

/*
 * Uses the link: confirms the report (the office sees it now) or the follower.
 * NOTE: reports whose link is never used, and expired links, are never deleted.
 */
static int
link_use(struct request *r, struct app *app, const struct gmina_ref *g,
    const struct link *l, const char *hash)
{
	struct report_event_new	 ev;
	unsigned long long	 changed = 0;
	char			 now[20];
	bool			 report = strcmp(l->purpose, "report") == 0;

	session_datetime(r->now, now);
	if (db_exec(app->db, sql_use_link, DB_ARGS(DB_T(now), DB_T(hash)), NULL, NULL) == -1 ||
	    db_exec(app->db, sql_confirm_follower, DB_ARGS(DB_T(now), DB_I(l->follower_id)),
	    &changed, NULL) == -1)
		return -1;
	if (report && db_exec(app->db, sql_confirm_report, DB_ARGS(DB_T(now), DB_T(now),
	    DB_I(l->report_id)), &changed, NULL) == -1)
		return -1;
	if (changed == 0)
		return 0;
	memset(&ev, 0, sizeof(ev));
	ev.tenant_id = g->id;
	ev.report_id = l->report_id;
	ev.actor_kind = REPORT_BY_RESIDENT;
	ev.kind = report ? "email_confirmed" : "followed";
	ev.is_public = false;
	ev.now = r->now;
	return report_event_add(app->db, &ev, NULL);
}

void
page_report_confirm_post(struct request *r, struct app *app)
{
	const char		*token = request_text(r, "token");
	struct gmina_ref	 g;
	struct link		 l;
	char			 hash[65];
	int			 found;

	if (submit_gmina(r, app, &g) != 1)
		return;
	if (!session_csrf_ok(r, request_text(r, "csrf"))) {
		log_warn("CSRF check failed for POST of a report confirmation link");
		show_link(r, app, &g, 403, "Csrf", NULL);
		return;
	}
	token_sha256_hex(token, strlen(token), hash);
	if (db_begin(app->db) == -1 ||
	    (found = link_find(r, app, &g, sql_link_locked, hash, &l)) == -1 ||
	    (found == 1 && link_use(r, app, &g, &l, hash) == -1) ||
	    db_commit(app->db) == -1) {
		db_rollback(app->db);
		r->status = 503;
		return;
	}
	response_header(r, "Referrer-Policy", "no-referrer");
	show_link(r, app, &g, found ? 200 : 404, found ? "Done" : "Invalid",
	    found ? &l : NULL);
}

/*
 * The unsubscribe pages need no session and no CSRF token, like /u/: mail
 * providers send the one-click POST (RFC 8058) without cookies, and the random
 * token in the URL authorises it.
 */
static void
show_unsubscribe(struct request *r, struct app *app, int status, const char *kind,
    const struct db_result *res)
{
	HDF	*hdf;

	if ((hdf = render_begin(app->render, r, "submit_unsubscribe.cs")) == NULL) {
		r->status = 500;
		return;
	}
	render_set(hdf, "Token", request_text(r, "token"));
	render_set(hdf, "Kind", kind);
	if (res != NULL) {
		render_set(hdf, "Number", db_cell(res, 0, 1));
		render_set(hdf, "Gmina.Terc", db_cell(res, 0, 2));
		render_set(hdf, "Gmina.Name", db_cell(res, 0, 3));
	}
	if (render_page(app->render, r) == 0)
		r->status = status;
	response_header(r, "Cache-Control", "no-store");
	response_header(r, "Referrer-Policy", "no-referrer");
}

void
page_report_unsubscribe(struct request *r, struct app *app)
{
	struct db_result	 res;

	if (db_query(app->db, sql_follower, DB_ARGS(DB_S(request_text(r, "token"))),
	    &res) == -1) {
		r->status = 503;
		return;
	}
	show_unsubscribe(r, app, res.rows == 1 ? 200 : 404, res.rows == 1 ? "Ask" : "Invalid",
	    res.rows == 1 ? &res : NULL);
	db_result_free(&res);
}

/* Removes the follower of the token and cancels its notices not yet sent. */
void
page_report_unsubscribe_post(struct request *r, struct app *app)
{
	struct db_result	 res;
	long long		 follower;

	if (db_begin(app->db) == -1 ||
	    db_query(app->db, sql_follower, DB_ARGS(DB_S(request_text(r, "token"))),
	    &res) == -1) {
		db_rollback(app->db);
		r->status = 503;
		return;
	}
	if (res.rows != 1) {
		db_rollback(app->db);
		show_unsubscribe(r, app, 404, "Invalid", NULL);
		db_result_free(&res);
		return;
	}
	follower = db_cell_int(&res, 0, 0);
	if (db_exec(app->db, sql_unfollow, DB_ARGS(DB_I(follower)), NULL, NULL) == -1 ||
	    db_exec(app->db, sql_cancel_pending, DB_ARGS(DB_I(follower)), NULL, NULL) == -1 ||
	    db_commit(app->db) == -1) {
		db_rollback(app->db);
		db_result_free(&res);
		r->status = 503;
		return;
	}
	show_unsubscribe(r, app, 200, "Done", &res);
	db_result_free(&res);
}
