/* office_action.c: the back office's POST actions on a report, each audited in its history. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "office.h"
#include "session.h"
#include "text.h"

#define VERSION_FIELD	{ "version", FIELD_UINT, true, 0 }
#define END_FIELD	{ NULL, 0, false, 0 }

const struct field_spec office_form_version[] = { VERSION_FIELD, END_FIELD };
const struct field_spec office_form_move[] = { VERSION_FIELD,
	{ "to", FIELD_TEXT, false, 16 }, { "text", FIELD_MULTILINE, false, OFFICE_TEXT_MAX },
	END_FIELD };
const struct field_spec office_form_reject[] = { VERSION_FIELD,
	{ "reject_reason", FIELD_MULTILINE, false, OFFICE_TEXT_MAX }, END_FIELD };
const struct field_spec office_form_note[] = { VERSION_FIELD,
	{ "note", FIELD_MULTILINE, false, OFFICE_TEXT_MAX }, END_FIELD };
const struct field_spec office_form_update[] = { VERSION_FIELD,
	{ "update", FIELD_MULTILINE, false, OFFICE_TEXT_MAX }, END_FIELD };
const struct field_spec office_form_edit[] = { VERSION_FIELD,
	{ "description", FIELD_MULTILINE, false, REPORT_DESCRIPTION_MAX },
	{ "address", FIELD_TEXT, false, 255 }, END_FIELD };
const struct field_spec office_form_merge[] = { VERSION_FIELD,
	{ "original", FIELD_TEXT, false, REPORT_NUMBER_LEN },
	{ "text", FIELD_MULTILINE, false, OFFICE_TEXT_MAX }, END_FIELD };
const struct field_spec office_form_assign[] = { VERSION_FIELD,
	{ "assignee", FIELD_UINT, false, 0 }, END_FIELD };
const struct field_spec office_form_transfer[] = { VERSION_FIELD,
	{ "unit", FIELD_UINT, false, 0 },
	{ "transfer_reason", FIELD_MULTILINE, false, OFFICE_TEXT_MAX }, END_FIELD };

static const char sql_lock[] =
    "SELECT row_version, hidden, COALESCE(assignee_id, 0),"
    " JSON_OBJECT('description', description, 'address_text', address_text)"
    " FROM report WHERE tenant_id = ? AND id = ? FOR UPDATE";
static const char sql_bump[] =
    "UPDATE report SET row_version = row_version + 1, updated_at = ?"
    " WHERE tenant_id = ? AND id = ?";
static const char sql_edit[] =
    "UPDATE report SET description = ?, address_text = ? WHERE tenant_id = ? AND id = ?";
static const char sql_assign[] =
    "UPDATE report SET assignee_id = ? WHERE tenant_id = ? AND id = ?";
static const char sql_transfer[] =
    "UPDATE report SET unit_id = ?, assignee_id = NULL, needs_triage = 0"
    " WHERE tenant_id = ? AND id = ?";
static const char sql_hide[] =
    "UPDATE report SET hidden = ? WHERE tenant_id = ? AND id = ?";
static const char sql_photo_state[] =
    "SELECT hidden FROM report_photo WHERE tenant_id = ? AND report_id = ? AND id = ?"
    " FOR UPDATE";
static const char sql_photo_hide[] =
    "UPDATE report_photo SET hidden = ? WHERE tenant_id = ? AND report_id = ? AND id = ?";
static const char sql_unit_operator[] =
    "SELECT COALESCE(NULLIF(a.display_name, ''), a.email)"
    " FROM account_role o JOIN account a ON a.id = o.account_id"
    " WHERE o.tenant_id = ? AND o.unit_id = ? AND o.role = 'operator' AND a.id = ?"
    " LIMIT 1";
static const char sql_active_unit[] =
    "SELECT id FROM unit WHERE tenant_id = ? AND id = ? AND active = 1";
static const char sql_by_number[] =
    "SELECT id FROM report WHERE tenant_id = ? AND public_number = ?";

/* One action in progress: who acts, on which report, from which form version. */
struct action {
	struct office		 o;
	struct report_ref	 ref;
	unsigned		 version;
	/* from the locked row */
	bool			 hidden;
	unsigned long long	 assignee_id;
	char			*previous;	/* JSON of the editable fields before the change */
};

/* Checks the session, the CSRF token and the viewer's access; false with r->status. */
static bool
action_begin(struct request *r, struct app *app, struct action *a)
{
	memset(a, 0, sizeof(*a));
	if (!office_enter(r, app, &a->o))
		return false;
	if (office_report_find(r, app, &a->o, &a->ref) != 1)
		return false;
	if (!session_csrf_ok(r, request_text(r, "csrf"))) {
		/* A stale form: show the page again with what was typed and a new token. */
		r->status = 403;
		office_report_render(r, app, &a->o, &a->ref, "Csrf");
		return false;
	}
	a->version = (unsigned)request_field(r, "version")->number;
	return true;
}

/* Shows the report again with an error, keeping what was typed. */
static void
action_error(struct request *r, struct app *app, struct action *a, int status,
    const char *error)
{
	free(a->previous);
	a->previous = NULL;
	r->status = status;
	/* The page shows the report as it is now, with its current version. */
	if (report_ref_load(app->db, a->o.tenant_id, a->ref.id, &a->ref) != 1) {
		r->status = 503;
		return;
	}
	office_report_render(r, app, &a->o, &a->ref, error);
}

static void
action_done(struct request *r, struct app *app, struct action *a, const char *done)
{
	char	 location[160];

	free(a->previous);
	a->previous = NULL;
	if (db_commit(app->db) == -1) {
		r->status = 503;
		return;
	}
	snprintf(location, sizeof(location), "/urzad/%s/zgloszenia/%s?done=%s", a->o.terc,
	    r->path_args[1].text, done);
	response_redirect(r, 303, location);
}

static void
action_failed(struct request *r, struct app *app, struct action *a)
{
	free(a->previous);
	a->previous = NULL;
	db_rollback(app->db);
	buf_reset(&r->body);
	r->status = 503;
}

/*
 * Starts the transaction, locks the report and checks the form's version.
 * Returns 1 to go on, 0 after sending the stale-form page, -1 on a database error.
 */
static int
action_lock(struct request *r, struct app *app, struct action *a)
{
	struct db_result	 res;
	unsigned		 current;

	if (db_begin(app->db) == -1)
		return -1;
	if (db_query(app->db, sql_lock, DB_ARGS(DB_I(a->o.tenant_id), DB_I(a->ref.id)),
	    &res) == -1) {
		db_rollback(app->db);
		return -1;
	}
	if (res.rows != 1) {
		db_result_free(&res);
		db_rollback(app->db);
		return -1;
	}
	current = (unsigned)db_cell_int(&res, 0, 0);
	a->hidden = db_cell_int(&res, 0, 1) != 0;
	a->assignee_id = (unsigned long long)db_cell_int(&res, 0, 2);
	a->previous = strdup(db_cell(&res, 0, 3));
	db_result_free(&res);
	if (a->previous == NULL)
		abort();
	if (current != a->version) {
		db_rollback(app->db);
		action_error(r, app, a, 409, "Stale");
		return 0;
	}
	return 1;
}

/* Bumps the version and writes the event of a change the caller has made. */
static int
action_record(struct request *r, struct app *app, struct action *a, const char *kind,
    bool is_public, const char *body, const char *previous, unsigned long long to_unit)
{
	struct report_event_new	 ev;
	char			 now[20];

	report_datetime(r->now, now);
	memset(&ev, 0, sizeof(ev));
	ev.tenant_id = a->o.tenant_id;
	ev.report_id = a->ref.id;
	ev.actor_kind = REPORT_BY_OPERATOR;
	ev.actor_id = r->account_id;
	ev.kind = kind;
	ev.is_public = is_public;
	ev.body = body;
	ev.previous_json = previous;
	ev.now = r->now;
	if (to_unit != 0) {
		ev.from_unit_id = a->ref.unit_id;
		ev.to_unit_id = to_unit;
	}
	if (db_exec(app->db, sql_bump, DB_ARGS(DB_T(now), DB_I(a->o.tenant_id),
	    DB_I(a->ref.id)), NULL, NULL) == -1 ||
	    report_event_add(app->db, &ev, NULL) == -1)
		return -1;
	return 0;
}

/* A required text field: NULL when it is missing or blank. */
static const char *
required_text(struct request *r, const char *name)
{
	const char	*s = request_text(r, name);

	return s != NULL && *s != '\0' ? s : NULL;
}

/* Maps the result of report_move or report_merge to a page. */
static void
move_finish(struct request *r, struct app *app, struct action *a,
    enum report_move_result rc, const char *done)
{
	switch (rc) {
	case REPORT_MOVED:
		action_done(r, app, a, done);
		return;
	case REPORT_MOVE_STALE:
		db_rollback(app->db);
		action_error(r, app, a, 409, "Stale");
		return;
	case REPORT_MOVE_FORBIDDEN:
		db_rollback(app->db);
		action_error(r, app, a, 403, "MoveForbidden");
		return;
	case REPORT_MOVE_NOT_FOUND:
		db_rollback(app->db);
		action_error(r, app, a, 400, "OriginalNotFound");
		return;
	case REPORT_MOVE_ERROR:
		action_failed(r, app, a);
		return;
	}
}

/* Runs a status move of the viewer inside a transaction. */
static void
move(struct request *r, struct app *app, struct action *a, enum report_status to,
    const char *text, unsigned long long original_id, const char *done)
{
	struct report_move	 m;
	enum report_move_result	 rc;

	memset(&m, 0, sizeof(m));
	m.tenant_id = a->o.tenant_id;
	m.report_id = a->ref.id;
	m.expected_version = a->version;
	m.to = to;
	m.actors = viewer_actors(&a->o.viewer, a->ref.unit_id);
	m.actor_kind = REPORT_BY_OPERATOR;
	m.actor_id = r->account_id;
	m.public_text = text;
	m.now = r->now;
	if (db_begin(app->db) == -1) {
		r->status = 503;
		return;
	}
	rc = to == REPORT_DUPLICATE ? report_merge(app->db, &m, original_id) :
	    report_move(app->db, &m);
	move_finish(r, app, a, rc, done);
}

/* POST .../potwierdz: moderation accepts the report and publishes it. */
void
office_confirm_post(struct request *r, struct app *app)
{
	struct action	 a;

	if (!action_begin(r, app, &a))
		return;
	if (a.ref.status != REPORT_NEW) {
		action_error(r, app, &a, 409, "NotNew");
		return;
	}
	move(r, app, &a, REPORT_VERIFIED, NULL, 0, "confirmed");
}

/* POST .../odrzuc: rejects the report with the reason it requires. */
void
office_reject_post(struct request *r, struct app *app)
{
	const char	*reason = required_text(r, "reject_reason");
	struct action	 a;

	if (!action_begin(r, app, &a))
		return;
	if (reason == NULL) {
		action_error(r, app, &a, 400, "NoRejectReason");
		return;
	}
	move(r, app, &a, REPORT_REJECTED, reason, 0, "rejected");
}

/* POST .../status: makes a move that the table allows the viewer, checked again here. */
void
office_move_post(struct request *r, struct app *app)
{
	const char		*to = request_text(r, "to");
	enum report_status	 status;
	struct action		 a;

	if (!action_begin(r, app, &a))
		return;
	if (to == NULL || report_status_parse(to, &status) == -1) {
		action_error(r, app, &a, 400, "NoStatus");
		return;
	}
	if (status == REPORT_DUPLICATE) {
		action_error(r, app, &a, 400, "UseMerge");
		return;
	}
	if (status == REPORT_REJECTED && required_text(r, "text") == NULL) {
		action_error(r, app, &a, 400, "NoRejectReason");
		return;
	}
	move(r, app, &a, status, required_text(r, "text"), 0, "moved");
}

/* POST .../scal: closes the report as a duplicate of the original (by its number). */
void
office_merge_post(struct request *r, struct app *app)
{
	const char		*number = required_text(r, "original");
	struct db_result	 res;
	unsigned long long	 original = 0;
	struct action		 a;

	if (!action_begin(r, app, &a))
		return;
	if (number == NULL) {
		action_error(r, app, &a, 400, "NoOriginal");
		return;
	}
	if (db_query(app->db, sql_by_number, DB_ARGS(DB_I(a.o.tenant_id), DB_T(number)),
	    &res) == -1) {
		r->status = 503;
		return;
	}
	if (res.rows == 1)
		original = (unsigned long long)db_cell_int(&res, 0, 0);
	db_result_free(&res);
	if (original == 0) {
		action_error(r, app, &a, 400, "OriginalNotFound");
		return;
	}
	if (original == a.ref.id) {
		action_error(r, app, &a, 400, "MergeSelf");
		return;
	}
	move(r, app, &a, REPORT_DUPLICATE, required_text(r, "text"), original, "merged");
}

/* POST .../edycja: moderation corrects the text, and the original stays in the history. */
void
office_edit_post(struct request *r, struct app *app)
{
	const char	*description = required_text(r, "description");
	const char	*address = request_text(r, "address");
	struct action	 a;
	int		 rc;

	if (!action_begin(r, app, &a))
		return;
	if (!a.o.gmina_wide) {
		action_error(r, app, &a, 403, "ModerationOnly");
		return;
	}
	if (description == NULL) {
		action_error(r, app, &a, 400, "NoDescription");
		return;
	}
	if ((rc = action_lock(r, app, &a)) != 1) {
		if (rc == -1)
			action_failed(r, app, &a);
		return;
	}
	if (db_exec(app->db, sql_edit, DB_ARGS(DB_T(description),
	    DB_T(address != NULL ? address : ""), DB_I(a.o.tenant_id), DB_I(a.ref.id)),
	    NULL, NULL) == -1 ||
	    action_record(r, app, &a, "edited", false, NULL, a.previous, 0) == -1 ||
	    report_touch_tenant(app->db, a.o.tenant_id) == -1) {
		action_failed(r, app, &a);
		return;
	}
	action_done(r, app, &a, "edited");
}

/* Looks up the label of an operator of the report's unit: 1 found, 0 not, -1 error. */
static int
unit_operator(struct app *app, const struct action *a, unsigned long long account,
    char *label, size_t size)
{
	struct db_result	 res;
	int			 found;

	if (db_query(app->db, sql_unit_operator, DB_ARGS(DB_I(a->o.tenant_id),
	    DB_I(a->ref.unit_id), DB_I(account)), &res) == -1)
		return -1;
	found = res.rows == 1;
	if (found)
		snprintf(label, size, "%s", db_cell(&res, 0, 0));
	db_result_free(&res);
	return found;
}

/* POST .../przydziel: assigns the report to an operator of its unit (none: unassigns). */
void
office_assign_post(struct request *r, struct app *app)
{
	const struct field	*assignee = request_field(r, "assignee");
	unsigned long long	 account = assignee != NULL ? (unsigned long long)assignee->number : 0;
	char			 label[256] = "", previous[64];
	struct action		 a;
	int			 rc;

	if (!action_begin(r, app, &a))
		return;
	if (account != 0 && (rc = unit_operator(app, &a, account, label, sizeof(label))) != 1) {
		if (rc == -1)
			r->status = 503;
		else
			action_error(r, app, &a, 400, "NotUnitOperator");
		return;
	}
	if ((rc = action_lock(r, app, &a)) != 1) {
		if (rc == -1)
			action_failed(r, app, &a);
		return;
	}
	if (a.assignee_id != 0)
		snprintf(previous, sizeof(previous), "{\"assignee_id\": %llu}", a.assignee_id);
	else
		snprintf(previous, sizeof(previous), "{\"assignee_id\": null}");
	if (db_exec(app->db, sql_assign, DB_ARGS(account ? DB_I(account) : DB_N(),
	    DB_I(a.o.tenant_id), DB_I(a.ref.id)), NULL, NULL) == -1 ||
	    action_record(r, app, &a, "assigned", false, label, previous, 0) == -1) {
		action_failed(r, app, &a);
		return;
	}
	action_done(r, app, &a, "assigned");
}

/* POST .../przekaz: hands the report to another unit with an internal reason. */
void
office_transfer_post(struct request *r, struct app *app)
{
	const struct field	*unit = request_field(r, "unit");
	const char		*reason = required_text(r, "transfer_reason");
	struct db_result	 res;
	struct action		 a;
	int			 rc;
	bool			 active;

	if (!action_begin(r, app, &a))
		return;
	if (unit == NULL || (unsigned long long)unit->number == a.ref.unit_id) {
		action_error(r, app, &a, 400, "NoUnit");
		return;
	}
	if (reason == NULL) {
		action_error(r, app, &a, 400, "NoTransferReason");
		return;
	}
	if (db_query(app->db, sql_active_unit, DB_ARGS(DB_I(a.o.tenant_id),
	    DB_I(unit->number)), &res) == -1) {
		r->status = 503;
		return;
	}
	active = res.rows == 1;
	db_result_free(&res);
	if (!active) {
		action_error(r, app, &a, 400, "NoUnit");
		return;
	}
	if ((rc = action_lock(r, app, &a)) != 1) {
		if (rc == -1)
			action_failed(r, app, &a);
		return;
	}
	if (db_exec(app->db, sql_transfer, DB_ARGS(DB_I(unit->number), DB_I(a.o.tenant_id),
	    DB_I(a.ref.id)), NULL, NULL) == -1 ||
	    action_record(r, app, &a, "transferred", false, reason, NULL,
	    (unsigned long long)unit->number) == -1 ||
	    report_touch_tenant(app->db, a.o.tenant_id) == -1) {
		action_failed(r, app, &a);
		return;
	}
	action_done(r, app, &a, "transferred");
}

/* Writes a note (internal) or an update (public, queued to the followers). */
static void
text_event(struct request *r, struct app *app, const char *field, bool is_public)
{
	const char	*body = required_text(r, field);
	struct action	 a;
	int		 rc;

	if (!action_begin(r, app, &a))
		return;
	if (body == NULL) {
		action_error(r, app, &a, 400, is_public ? "NoUpdate" : "NoNote");
		return;
	}
	if ((rc = action_lock(r, app, &a)) != 1) {
		if (rc == -1)
			action_failed(r, app, &a);
		return;
	}
	if (action_record(r, app, &a, is_public ? "update" : "note", is_public, body, NULL,
	    0) == -1 ||
	    (is_public && report_touch_tenant(app->db, a.o.tenant_id) == -1)) {
		action_failed(r, app, &a);
		return;
	}
	action_done(r, app, &a, is_public ? "updated" : "noted");
}

/* POST .../notatka: an internal note that residents never see. */
void
office_note_post(struct request *r, struct app *app)
{
	text_event(r, app, "note", false);
}

/* POST .../odpowiedz: a public update, sent to the followers of a public report. */
void
office_update_post(struct request *r, struct app *app)
{
	text_event(r, app, "update", true);
}

/* Hides or shows the report itself (moderation only). */
static void
set_hidden(struct request *r, struct app *app, bool hidden)
{
	struct action	 a;
	int		 rc;

	if (!action_begin(r, app, &a))
		return;
	if (!a.o.gmina_wide) {
		action_error(r, app, &a, 403, "ModerationOnly");
		return;
	}
	if ((rc = action_lock(r, app, &a)) != 1) {
		if (rc == -1)
			action_failed(r, app, &a);
		return;
	}
	if (a.hidden == hidden) {
		db_rollback(app->db);
		action_error(r, app, &a, 409, hidden ? "AlreadyHidden" : "NotHidden");
		return;
	}
	if (db_exec(app->db, sql_hide, DB_ARGS(DB_I(hidden), DB_I(a.o.tenant_id),
	    DB_I(a.ref.id)), NULL, NULL) == -1 ||
	    action_record(r, app, &a, hidden ? "hidden" : "unhidden", false, NULL, NULL,
	    0) == -1 ||
	    report_touch_tenant(app->db, a.o.tenant_id) == -1) {
		action_failed(r, app, &a);
		return;
	}
	action_done(r, app, &a, hidden ? "hidden" : "unhidden");
}

void
office_hide_post(struct request *r, struct app *app)
{
	set_hidden(r, app, true);
}

void
office_unhide_post(struct request *r, struct app *app)
{
	set_hidden(r, app, false);
}

/* The photo's hidden flag, locked: 0 or 1, 2 when the report has no such photo, -1. */
static int
photo_state(struct app *app, const struct action *a, unsigned long long photo)
{
	struct db_result	 res;
	int			 state = 2;

	if (db_query(app->db, sql_photo_state, DB_ARGS(DB_I(a->o.tenant_id),
	    DB_I(a->ref.id), DB_I(photo)), &res) == -1)
		return -1;
	if (res.rows == 1)
		state = db_cell_int(&res, 0, 0) != 0;
	db_result_free(&res);
	return state;
}

/* Hides or shows one photo of the report (moderation only). */
static void
set_photo_hidden(struct request *r, struct app *app, bool hidden)
{
	unsigned long long	 photo = (unsigned long long)r->path_args[2].number;
	char			 body[32];
	struct action		 a;
	int			 rc;

	if (!action_begin(r, app, &a))
		return;
	if (!a.o.gmina_wide) {
		action_error(r, app, &a, 403, "ModerationOnly");
		return;
	}
	if ((rc = action_lock(r, app, &a)) != 1) {
		if (rc == -1)
			action_failed(r, app, &a);
		return;
	}
	if ((rc = photo_state(app, &a, photo)) != (hidden ? 0 : 1)) {
		if (rc == -1) {
			action_failed(r, app, &a);
			return;
		}
		db_rollback(app->db);
		if (rc == 2)
			action_error(r, app, &a, 404, "NoPhoto");
		else if (hidden)
			action_error(r, app, &a, 409, "PhotoAlreadyHidden");
		else
			action_error(r, app, &a, 409, "PhotoNotHidden");
		return;
	}
	if (db_exec(app->db, sql_photo_hide, DB_ARGS(DB_I(hidden), DB_I(a.o.tenant_id),
	    DB_I(a.ref.id), DB_I(photo)), NULL, NULL) == -1) {
		action_failed(r, app, &a);
		return;
	}
	snprintf(body, sizeof(body), "%llu", photo);
	if (action_record(r, app, &a, hidden ? "photo_hidden" : "photo_unhidden", false,
	    body, NULL, 0) == -1 ||
	    report_touch_tenant(app->db, a.o.tenant_id) == -1) {
		action_failed(r, app, &a);
		return;
	}
	action_done(r, app, &a, hidden ? "photo_hidden" : "photo_unhidden");
}

void
office_photo_hide_post(struct request *r, struct app *app)
{
	set_photo_hidden(r, app, true);
}

void
office_photo_unhide_post(struct request *r, struct app *app)
{
	set_photo_hidden(r, app, false);
}
