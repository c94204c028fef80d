/* page_report_metoo.c: POST /gmina/TERC/zgloszenia/NUMBER/ja-tez, following a report instead of a duplicate. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "log.h"
#include "page_account.h"
#include "render.h"
#include "report.h"
#include "report_access.h"
#include "report_submit.h"
#include "session.h"
#include "token.h"

static const char sql_by_number[] =
    "SELECT id FROM report WHERE tenant_id = ? AND public_number = ?";
static const char sql_follow_account[] =
    "INSERT IGNORE INTO report_follower (tenant_id, report_id, account_id, is_author,"
    " confirmed_at, unsubscribe_token, created_at) VALUES (?, ?, ?, 0, ?, ?, ?)";
static const char sql_follow_email[] =
    "INSERT IGNORE INTO report_follower (tenant_id, report_id, email, email_key,"
    " is_author, unsubscribe_token, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)";
static const char sql_email_follower[] =
    "SELECT id, confirmed_at IS NOT NULL FROM report_follower"
    " WHERE report_id = ? AND email_key = ?";

/* Renders submit_follow.cs: the outcome (Kind) or the e-mail form again with an error. */
static void
show_follow(struct request *r, struct app *app, const struct gmina_ref *g, int status,
    const char *kind, const char *error)
{
	HDF	*hdf;

	if ((hdf = account_begin(r, app, "submit_follow.cs")) == NULL)
		return;
	render_set(hdf, "Gmina.Terc", g->terc);
	render_set(hdf, "Gmina.Name", g->name);
	render_set(hdf, "Number", request_text(r, "number"));
	render_set(hdf, "Kind", kind);
	render_set(hdf, "Error", error);
	render_set(hdf, "Form.Email", request_text(r, "email"));
	render_set_int(hdf, "SignedIn", r->account_id != 0);
	if (render_page(app->render, r) == 0)
		r->status = status;
}

/*
 * Finds the report of the path that the viewer may see and follow: 1, 0 with
 * r->status 404 (NONE for this viewer answers like a missing report), -1.
 */
static int
followed_report(struct request *r, struct app *app, const struct gmina_ref *g,
    struct report_ref *ref)
{
	struct db_result	 res;
	struct viewer		 v;
	int			 found;

	if (db_query(app->db, sql_by_number, DB_ARGS(DB_I(g->id),
	    DB_S(request_text(r, "number"))), &res) == -1)
		return -1;
	found = res.rows == 1 ? report_ref_load(app->db, g->id,
	    (unsigned long long)db_cell_int(&res, 0, 0), ref) : 0;
	db_result_free(&res);
	if (found == 1 && viewer_load(app->db, r->account_id, g->id, &v) == -1)
		return -1;
	if (found == 1 && report_visible(&v, ref) == REPORT_ACCESS_NONE)
		found = 0;
	if (found == 0)
		r->status = 404;
	return found;
}

/* Adds the follower of the signed-in account and, the first time only, its event. */
static int
follow_account(struct request *r, struct app *app, const struct report_ref *ref,
    bool *added)
{
	struct report_event_new	 ev;
	unsigned long long	 affected = 0;
	char			 token[TOKEN_LEN + 1], now[20];

	session_datetime(r->now, now);
	if (token_random(token) == -1 ||
	    db_exec(app->db, sql_follow_account, DB_ARGS(DB_I(ref->tenant_id),
	    DB_I(ref->id), DB_I(r->account_id), DB_T(now), DB_T(token), DB_T(now)),
	    &affected, NULL) == -1)
		return -1;
	*added = affected == 1;
	if (!*added)
		return 0;
	/* The history keeps a count only: no account, no address. */
	memset(&ev, 0, sizeof(ev));
	ev.tenant_id = ref->tenant_id;
	ev.report_id = ref->id;
	ev.actor_kind = REPORT_BY_RESIDENT;
	ev.kind = "followed";
	ev.is_public = false;
	ev.now = r->now;
	return report_event_add(app->db, &ev, NULL);
}

/* Adds an unconfirmed e-mail follower (or finds it) and sends its link. */
static int
follow_email(struct request *r, struct app *app, const struct gmina_ref *g,
    const struct report_ref *ref, const char *email, const char *key)
{
	struct db_result	 res;
	char			 token[TOKEN_LEN + 1], now[20];
	int			 rc = 0;

	session_datetime(r->now, now);
	if (token_random(token) == -1 ||
	    db_exec(app->db, sql_follow_email, DB_ARGS(DB_I(ref->tenant_id), DB_I(ref->id),
	    DB_S(email), DB_S(key), DB_T(token), DB_T(now)), NULL, NULL) == -1 ||
	    db_query(app->db, sql_email_follower, DB_ARGS(DB_I(ref->id), DB_S(key)),
	    &res) == -1)
		return -1;
	/* A confirmed address gets no second link; the page reads the same either way. */
	if (res.rows == 1 && db_cell_int(&res, 0, 1) == 0)
		rc = confirm_link_send(r, app, g, ref->id,
		    (unsigned long long)db_cell_int(&res, 0, 0), "follow", email);
	db_result_free(&res);
	if (rc == 0)
		rc = rate_hit(r, app, "report_mail", r->remote_addr);
	return rc;
}

static void
metoo_by_email(struct request *r, struct app *app, const struct gmina_ref *g,
    const struct report_ref *ref)
{
	const char	*email = request_text(r, "email");
	char		 key[255];
	int		 limited;

	if (email == NULL || !submit_email_ok(email, key)) {
		show_follow(r, app, g, 400, "AskEmail", email == NULL ? "NoEmail" :
		    request_field(r, "email")->invalid ? "EmailChars" : "BadEmail");
		return;
	}
	if ((limited = rate_limited(r, app, "report_mail", r->remote_addr,
	    RATE_REPORT_MAIL_PER_ADDRESS)) != 0) {
		if (limited == -1)
			r->status = 503;
		else
			show_follow(r, app, g, 429, "AskEmail", "TooManyFollow");
		return;
	}
	if (db_begin(app->db) == -1 || follow_email(r, app, g, ref, email, key) == -1 ||
	    db_commit(app->db) == -1) {
		db_rollback(app->db);
		r->status = 503;
		return;
	}
	show_follow(r, app, g, 200, "CheckMail", NULL);
}

void
page_report_metoo_post(struct request *r, struct app *app)
{
	struct gmina_ref	 g;
	struct report_ref	 ref;
	bool			 added = false;
	char			 account[24];
	int			 found, limited, by_address;

	if (submit_gmina(r, app, &g) != 1)
		return;
	if ((found = followed_report(r, app, &g, &ref)) != 1) {
		if (found == -1)
			r->status = 503;
		return;
	}
	if (!session_csrf_ok(r, request_text(r, "csrf"))) {
		log_warn("CSRF check failed for POST %s", r->path);
		show_follow(r, app, &g, 403, "AskEmail", "Csrf");
		return;
	}
	if (report_status_finished(ref.status)) {
		show_follow(r, app, &g, 409, "Closed", NULL);
		return;
	}
	if (r->account_id == 0) {
		metoo_by_email(r, app, &g, &ref);
		return;
	}
	snprintf(account, sizeof(account), "%llu", r->account_id);
	/* limited: 1 by the account, 2 by the client address, -1 on error. */
	limited = rate_limited(r, app, "follow_account", account, RATE_FOLLOWS_PER_ACCOUNT);
	if (limited == 0 && (by_address = rate_limited(r, app, "follow_address",
	    r->remote_addr, RATE_FOLLOWS_PER_ADDRESS)) != 0)
		limited = by_address == 1 ? 2 : -1;
	if (limited != 0) {
		if (limited == -1)
			r->status = 503;
		else
			show_follow(r, app, &g, 429, "AskEmail", limited == 1 ?
			    "TooManyFollowAccount" : "TooManyFollowNetwork");
		return;
	}
	if (db_begin(app->db) == -1 || follow_account(r, app, &ref, &added) == -1 ||
	    (added && (rate_hit(r, app, "follow_account", account) == -1 ||
	    rate_hit(r, app, "follow_address", r->remote_addr) == -1)) ||
	    db_commit(app->db) == -1) {
		db_rollback(app->db);
		r->status = 503;
		return;
	}
	show_follow(r, app, &g, 200, added ? "Following" : "AlreadyFollowing", NULL);
}
