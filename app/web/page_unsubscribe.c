/* page_unsubscribe.c: one-click unsubscribe from a subscription's reminder e-mails (RFC 8058). */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "page_account.h"
#include "pages.h"
#include "render.h"
#include "schedule.h"

/*
 * These pages need no session and check no CSRF token on purpose: mail providers
 * send the one-click POST (RFC 8058) without cookies, and the random token in the
 * URL, known only to the mailbox that received it, is what authorises it. The
 * POST body ("List-Unsubscribe=One-Click", urlencoded or multipart) is not read,
 * because the token alone decides.
 */

static const char sql_find[] =
    "SELECT s.id, s.name, s.by_email, s.point_id, s.account_id FROM subscription s"
    " WHERE s.unsubscribe_token = ?";

static const char sql_stop_email[] =
    "UPDATE subscription SET by_email = 0 WHERE id = ? AND by_email = 1";

/* Pending e-mail reminders of the subscription: "reminder:<id>:<date>:email". */
static const char sql_cancel_pending[] =
    "UPDATE outbox SET status = 'cancelled', last_error = 'unsubscribed'"
    " WHERE idempotency_key LIKE CONCAT('reminder:', ?, ':%:email')"
    " AND status = 'pending'";

struct unsubscribe {
	long long	 id;
	unsigned long long account_id;
	int		 by_email;
	char		 name[101];
	struct point	 point;
};

/* Loads the subscription of the token; sets 404 or 503 and returns 0 when there is none. */
static int
load_subscription(struct request *r, struct app *app, struct unsubscribe *u)
{
	struct db_result	 res;
	int			 found;

	if (db_query(app->db, sql_find, DB_ARGS(DB_S(request_text(r, "token"))),
	    &res) == -1) {
		r->status = 503;
		return 0;
	}
	if (res.rows == 0) {
		db_result_free(&res);
		r->status = 404;
		return 0;
	}
	u->id = db_cell_int(&res, 0, 0);
	snprintf(u->name, sizeof(u->name), "%s", db_cell(&res, 0, 1));
	u->by_email = (int)db_cell_int(&res, 0, 2);
	u->account_id = (unsigned long long)db_cell_int(&res, 0, 4);
	found = schedule_point(app->db, (unsigned long long)db_cell_int(&res, 0, 3),
	    &u->point);
	db_result_free(&res);
	if (found != 1) {
		r->status = found == 0 ? 404 : 503;
		return 0;
	}
	return 1;
}

static void
render_unsubscribe(struct request *r, struct app *app, const struct unsubscribe *u,
    int done)
{
	HDF	*hdf;

	if ((hdf = render_begin(app->render, r, "unsubscribe.cs")) == NULL) {
		r->status = 500;
		return;
	}
	render_set(hdf, "Token", request_text(r, "token"));
	render_set(hdf, "Name", u->name);
	render_set(hdf, "Address", point_label(u->point.label, u->point.label_en, r->lang));
	render_set(hdf, "Gmina", u->point.gmina_name);
	render_set_int(hdf, "Active", u->by_email);
	render_set_int(hdf, "Done", done);
	render_page(app->render, r);
	response_header(r, "Cache-Control", "no-store");
	response_header(r, "Referrer-Policy", "no-referrer");
}

void
page_unsubscribe(struct request *r, struct app *app)
{
	struct unsubscribe	 u;

	if (!load_subscription(r, app, &u))
		return;
	r->status = 200;
	render_unsubscribe(r, app, &u, 0);
}

/*
 * Turns the reminder e-mails off, cancels those not yet sent and adds an
 * audit_log row (ids only) when they were on; repeating it changes nothing.
 */
void
page_unsubscribe_post(struct request *r, struct app *app)
{
	struct unsubscribe	 u;
	unsigned long long	 changed = 0;
	char			 detail[48];

	if (!load_subscription(r, app, &u))
		return;
	snprintf(detail, sizeof(detail), "subscription %lld", u.id);
	if (db_begin(app->db) == -1 ||
	    db_exec(app->db, sql_stop_email, DB_ARGS(DB_I(u.id)), &changed,
	    NULL) == -1 ||
	    db_exec(app->db, sql_cancel_pending, DB_ARGS(DB_I(u.id)), NULL, NULL) == -1 ||
	    (changed == 1 && account_audit(r, app, u.account_id,
	    "reminder_email_unsubscribed", detail) == -1) ||
	    db_commit(app->db) == -1) {
		db_rollback(app->db);
		r->status = 503;
		return;
	}
	u.by_email = 0;
	r->status = 200;
	render_unsubscribe(r, app, &u, 1);
}
