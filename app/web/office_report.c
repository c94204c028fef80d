/* office_report.c: the staff page of one report, with its history and every action form. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "office.h"
#include "render.h"
#include "upload_send.h"

const struct field_spec office_photo_query[] = {
	{ "size", FIELD_TEXT, false, 10 }, { NULL, 0, false, 0 } };
const struct field_spec office_report_query[] = {
	{ "template", FIELD_UINT, false, 0 }, { "done", FIELD_TEXT, false, 20 },
	{ NULL, 0, false, 0 } };

static const char sql_report[] =
    "SELECT r.public_number, r.status, c.name_pl, c.name_en, u.name, r.unit_id,"
    " COALESCE(NULLIF(a.display_name, ''), a.email), r.assignee_id, r.needs_triage,"
    " COALESCE(au.email, r.author_email), COALESCE(NULLIF(r.author_name, ''),"
    " au.display_name), r.anonymous, r.source, r.description, r.attributes, r.lat, r.lon,"
    " r.address_text, r.created_at, r.confirmed_at, r.deadline_at, r.closed_at, r.hidden,"
    " d.public_number, r.row_version, " REPORT_PUBLIC_SQL ","
    " r.deadline_at IS NOT NULL AND r.deadline_at < ?"
    "  AND r.status IN ('new', 'verified', 'forwarded', 'in_progress'),"
    " (SELECT COUNT(*) FROM report_follower f WHERE f.tenant_id = r.tenant_id"
    "  AND f.report_id = r.id AND f.confirmed_at IS NOT NULL), r.category_id"
    " FROM report r JOIN report_category c ON c.id = r.category_id"
    " JOIN unit u ON u.id = r.unit_id LEFT JOIN account a ON a.id = r.assignee_id"
    " LEFT JOIN account au ON au.id = r.author_id"
    " LEFT JOIN report d ON d.id = r.duplicate_of"
    " WHERE r.tenant_id = ? AND r.id = ?";
static const char sql_events[] =
    "SELECT e.id, e.created_at, e.kind, e.actor_kind,"
    " COALESCE(NULLIF(ac.display_name, ''), ac.email), e.from_status, e.to_status,"
    " fu.name, tu.name, e.is_public, e.body, e.previous, "
    REPORT_EVENT_FOR_UNIT_SQL("e", "r")
    " FROM report_event e JOIN report r ON r.id = e.report_id"
    " LEFT JOIN account ac ON ac.id = e.actor_id"
    " LEFT JOIN unit fu ON fu.id = e.from_unit_id LEFT JOIN unit tu ON tu.id = e.to_unit_id"
    " WHERE e.tenant_id = ? AND e.report_id = ? ORDER BY e.id";
static const char sql_photos[] =
    "SELECT id, token, width, height, hidden FROM report_photo"
    " WHERE tenant_id = ? AND report_id = ? ORDER BY sort_order, id";
static const char sql_photo_token[] =
    "SELECT token FROM report_photo WHERE tenant_id = ? AND report_id = ? AND id = ?";
static const char sql_unit_operators[] =
    "SELECT a.id, COALESCE(NULLIF(a.display_name, ''), a.email) AS label"
    " FROM account_role o JOIN account a ON a.id = o.account_id"
    " WHERE o.tenant_id = ? AND o.unit_id = ? AND o.role = 'operator' ORDER BY label, a.id";
static const char sql_other_units[] =
    "SELECT id, name FROM unit WHERE tenant_id = ? AND active = 1 AND id <> ? ORDER BY name";
static const char sql_templates[] =
    "SELECT id, title, body FROM response_template WHERE tenant_id = ?"
    " AND (unit_id IS NULL OR unit_id = ?) ORDER BY unit_id IS NULL, sort_order, id";
static const char sql_candidates[] =
    "SELECT public_number, LEFT(description, 80) FROM report"
    " WHERE tenant_id = ? AND category_id = ? AND id <> ?"
    " AND status NOT IN ('new', 'duplicate') AND confirmed_at IS NOT NULL"
    " ORDER BY id DESC LIMIT 20";

/* Report columns copied to P.Report.<name> as they are. */
static const struct { const char *name; int col; } report_cols[] = {
	{ "Number", 0 }, { "Status", 1 }, { "Unit", 4 }, { "UnitId", 5 },
	{ "Assignee", 6 }, { "AssigneeId", 7 }, { "Triage", 8 }, { "AuthorEmail", 9 },
	{ "AuthorName", 10 }, { "Anonymous", 11 }, { "Source", 12 },
	{ "Description", 13 }, { "Lat", 15 }, { "Lon", 16 },
	{ "Address", 17 }, { "Hidden", 22 }, { "DuplicateOf", 23 }, { "Version", 24 },
	{ "Public", 25 }, { "Overdue", 26 }, { "Followers", 27 },
};

/* Form fields shown again after an error, so that nothing typed is lost. */
static const char *const form_fields[] = { "note", "update", "reason", "text",
	"description", "address", "original", "transfer_reason", "reject_reason" };

static void
set_date(HDF *hdf, const char *name, enum lang lang, const char *utc, bool with_time)
{
	struct buf	 date;
	char		 local[17];

	if (utc == NULL)
		return;
	buf_init(&date);
	office_local_date(&date, lang, utc);
	if (with_time) {
		office_local_time(utc, local);
		buf_printf(&date, ", %s", local + 11);
	}
	render_set(hdf, name, buf_cstr(&date));
	buf_free(&date);
}

/*
 * Whether report column col is shown at that access: an outside unit learns
 * nothing of the author but the name the public sees (none when anonymous).
 */
static bool
report_col_shown(const struct db_result *res, int col, enum report_access access)
{
	if (access == REPORT_ACCESS_STAFF)
		return true;
	if (col == 9)		/* the author's e-mail */
		return false;
	return col != 10 || db_cell_int(res, 0, 11) == 0;
}

/* Sets P.Report and returns the report's category through category_id. */
static int
set_report(HDF *hdf, struct request *r, struct app *app, const struct report_ref *ref,
    enum report_access access, unsigned long long *category_id)
{
	struct db_result	 res;
	char			 today[20], path[48];
	size_t			 i;

	office_day_start(r->today, today);
	if (db_query(app->db, sql_report, DB_ARGS(DB_T(today), DB_I(ref->tenant_id),
	    DB_I(ref->id)), &res) == -1)
		return -1;
	if (res.rows != 1) {
		db_result_free(&res);
		return -1;
	}
	for (i = 0; i < sizeof(report_cols) / sizeof(report_cols[0]); i++) {
		snprintf(path, sizeof(path), "Report.%s", report_cols[i].name);
		if (report_col_shown(&res, report_cols[i].col, access))
			render_set(hdf, path, db_cell(&res, 0, (size_t)report_cols[i].col));
	}
	render_set(hdf, "Report.StatusName", lang_text(r->lang,
	    report_status_text_key(ref->status)));
	render_set(hdf, "Report.Category", db_cell(&res, 0, r->lang == LANG_EN ? 3 : 2));
	set_date(hdf, "Report.Created", r->lang, db_cell(&res, 0, 18), true);
	set_date(hdf, "Report.Confirmed", r->lang, db_cell(&res, 0, 19), true);
	set_date(hdf, "Report.Deadline", r->lang, db_cell(&res, 0, 20), false);
	set_date(hdf, "Report.Closed", r->lang, db_cell(&res, 0, 21), true);
	*category_id = (unsigned long long)db_cell_int(&res, 0, 28);
	if (office_set_fields(hdf, app, r->lang, ref->tenant_id, *category_id,
	    db_cell(&res, 0, 14)) == -1) {
		db_result_free(&res);
		return -1;
	}
	db_result_free(&res);
	return 0;
}

static void
set_status_name(HDF *hdf, const char *name, enum lang lang, const char *code)
{
	enum report_status	 st;

	if (code != NULL && report_status_parse(code, &st) == 0)
		render_set(hdf, name, lang_text(lang, report_status_text_key(st)));
}

/* Sets Events.<i>.Previous{Description,Address} from an edit's "previous" JSON. */
static void
set_previous(HDF *hdf, size_t i, const char *json)
{
	json_t		*root;
	char		 path[64];

	if (json == NULL || (root = json_loads(json, 0, NULL)) == NULL)
		return;
	snprintf(path, sizeof(path), "Events.%zu.PreviousDescription", i);
	render_set(hdf, path, json_string_value(json_object_get(root, "description")));
	snprintf(path, sizeof(path), "Events.%zu.PreviousAddress", i);
	render_set(hdf, path, json_string_value(json_object_get(root, "address_text")));
	json_decref(root);
}

/* Sets P.Events: the history the access allows, internal events included, with actors. */
static int
set_events(HDF *hdf, struct request *r, struct app *app, const struct report_ref *ref,
    enum report_access access)
{
	static const char *const names[] = { "Id", NULL, "Kind", "ActorKind", "Actor",
	    NULL, NULL, "FromUnit", "ToUnit", "Public", "Body" };
	struct db_result	 res;
	char			 path[64], key[64];
	size_t			 i, c, row, n = 0;

	if (db_query(app->db, sql_events, DB_ARGS(DB_I(ref->tenant_id), DB_I(ref->id)),
	    &res) == -1)
		return -1;
	for (row = 0; row < res.rows; row++) {
		struct report_event_ref e = { .is_public = db_cell_int(&res, row, 9) != 0,
		    .for_unit = db_cell_int(&res, row, 12) != 0 };

		if (!report_event_visible(access, &e))
			continue;
		i = n++;
		for (c = 0; c < sizeof(names) / sizeof(names[0]); c++) {
			if (names[c] == NULL)
				continue;
			snprintf(path, sizeof(path), "Events.%zu.%s", i, names[c]);
			render_set(hdf, path, db_cell(&res, row, c));
		}
		snprintf(path, sizeof(path), "Events.%zu.Time", i);
		set_date(hdf, path, r->lang, db_cell(&res, row, 1), true);
		snprintf(key, sizeof(key), "Page.Office.Event.%s", db_cell(&res, row, 2));
		snprintf(path, sizeof(path), "Events.%zu.KindName", i);
		render_set(hdf, path, lang_text(r->lang, key));
		snprintf(path, sizeof(path), "Events.%zu.FromStatus", i);
		set_status_name(hdf, path, r->lang, db_cell(&res, row, 5));
		snprintf(path, sizeof(path), "Events.%zu.ToStatus", i);
		set_status_name(hdf, path, r->lang, db_cell(&res, row, 6));
		/* The text before an edit may hold what moderation removed. */
		if (access == REPORT_ACCESS_STAFF)
			set_previous(hdf, i, db_cell(&res, row, 11));
	}
	db_result_free(&res);
	return 0;
}

/* Sets P.<node>.N.<names...> from every row of a two-parameter query. */
static int
set_rows(HDF *hdf, struct app *app, const char *sql, unsigned long long a,
    unsigned long long b, const char *node, const char *const *names, size_t count)
{
	struct db_result	 res;
	char			 path[64];
	size_t			 i, c;

	if (db_query(app->db, sql, DB_ARGS(DB_I(a), DB_I(b)), &res) == -1)
		return -1;
	for (i = 0; i < res.rows; i++)
		for (c = 0; c < count && c < res.cols; c++) {
			snprintf(path, sizeof(path), "%s.%zu.%s", node, i, names[c]);
			render_set(hdf, path, db_cell(&res, i, c));
		}
	db_result_free(&res);
	return 0;
}

/* Sets P.Moves: the status moves the table allows this viewer, duplicate aside. */
static void
set_moves(HDF *hdf, enum lang lang, const struct office *o, const struct report_ref *ref)
{
	unsigned	 actors = viewer_actors(&o->viewer, ref->unit_id);
	char		 path[48];
	int		 to, n = 0;

	for (to = 0; to < REPORT_STATUS_COUNT; to++) {
		if (to == (int)ref->status || to == REPORT_DUPLICATE ||
		    !report_move_allowed(ref->status, (enum report_status)to, actors))
			continue;
		snprintf(path, sizeof(path), "Moves.%d.Code", n);
		render_set(hdf, path, report_status_code((enum report_status)to));
		snprintf(path, sizeof(path), "Moves.%d.Name", n++);
		render_set(hdf, path, lang_text(lang, report_status_text_key((enum report_status)to)));
	}
	render_set_int(hdf, "CanMerge", report_move_allowed(ref->status, REPORT_DUPLICATE,
	    actors));
	render_set_int(hdf, "CanConfirm", ref->status == REPORT_NEW &&
	    report_move_allowed(REPORT_NEW, REPORT_VERIFIED, actors));
	render_set_int(hdf, "CanReject", report_move_allowed(ref->status, REPORT_REJECTED,
	    actors));
	render_set_int(hdf, "CanModerate", o->gmina_wide);
}

/* Sets P.Form.<field> from the posted form, or the chosen template's text. */
static void
set_form(HDF *hdf, struct request *r, struct app *app, const struct report_ref *ref)
{
	const struct field	*template = request_field(r, "template");
	struct db_result	 res;
	char			 path[48];
	size_t			 i;

	for (i = 0; i < sizeof(form_fields) / sizeof(form_fields[0]); i++) {
		snprintf(path, sizeof(path), "Form.%s", form_fields[i]);
		render_set(hdf, path, request_text(r, form_fields[i]));
	}
	if (template == NULL || strcmp(r->method, "GET") != 0 ||
	    db_query(app->db, sql_templates, DB_ARGS(DB_I(ref->tenant_id),
	    DB_I(ref->unit_id)), &res) == -1)
		return;
	for (i = 0; i < res.rows; i++)
		if (db_cell_int(&res, i, 0) == template->number)
			render_set(hdf, "Form.update", db_cell(&res, i, 2));
	db_result_free(&res);
}

static int
set_choices(HDF *hdf, struct app *app, const struct report_ref *ref,
    unsigned long long category_id)
{
	static const char *const pair[] = { "Id", "Name" };
	static const char *const templates[] = { "Id", "Title", "Body" };
	static const char *const photos[] = { "Id", "Token", "Width", "Height", "Hidden" };
	struct db_result	 res;
	size_t			 i;
	char			 path[48];

	if (set_rows(hdf, app, sql_unit_operators, ref->tenant_id, ref->unit_id,
	    "Operators", pair, 2) == -1 ||
	    set_rows(hdf, app, sql_other_units, ref->tenant_id, ref->unit_id, "Units",
	    pair, 2) == -1 ||
	    set_rows(hdf, app, sql_templates, ref->tenant_id, ref->unit_id, "Templates",
	    templates, 3) == -1 ||
	    set_rows(hdf, app, sql_photos, ref->tenant_id, ref->id, "Photos", photos,
	    5) == -1)
		return -1;
	if (db_query(app->db, sql_candidates, DB_ARGS(DB_I(ref->tenant_id),
	    DB_I(category_id), DB_I(ref->id)), &res) == -1)
		return -1;
	for (i = 0; i < res.rows; i++) {
		snprintf(path, sizeof(path), "Candidates.%zu.Number", i);
		render_set(hdf, path, db_cell(&res, i, 0));
		snprintf(path, sizeof(path), "Candidates.%zu.Description", i);
		render_set(hdf, path, db_cell(&res, i, 1));
	}
	db_result_free(&res);
	return 0;
}

void
office_report_render(struct request *r, struct app *app, const struct office *o,
    const struct report_ref *ref, const char *error)
{
	unsigned long long	 category_id = 0;
	enum report_access	 access;
	const char		*done = request_text(r, "done");
	char			 key[64];
	HDF			*hdf;

	hdf = render_begin(app->render, r, "office_report.cs");
	office_set_common(hdf, o);
	if (error != NULL) {
		snprintf(key, sizeof(key), "Page.Office.Error.%s", error);
		render_set(hdf, "Error", lang_text(r->lang, key));
	}
	if (done != NULL && strcmp(r->method, "GET") == 0) {
		snprintf(key, sizeof(key), "Page.Office.Done.%s", done);
		if (lang_text(r->lang, key) != key)
			render_set(hdf, "Done", lang_text(r->lang, key));
	}
	access = report_visible(&o->viewer, ref);
	set_moves(hdf, r->lang, o, ref);
	set_form(hdf, r, app, ref);
	if (set_report(hdf, r, app, ref, access, &category_id) == -1 ||
	    set_events(hdf, r, app, ref, access) == -1 ||
	    set_choices(hdf, app, ref, category_id) == -1) {
		render_page(app->render, r);	/* drops the half-filled tree */
		buf_reset(&r->body);
		r->status = 503;
		return;
	}
	render_page(app->render, r);
}

/* GET /urzad/TERC/zgloszenia/NUMBER: the staff page of the report. */
void
office_report(struct request *r, struct app *app)
{
	struct office		 o;
	struct report_ref	 ref;

	if (!office_enter(r, app, &o) || office_report_find(r, app, &o, &ref) != 1)
		return;
	office_report_render(r, app, &o, &ref, NULL);
}

/*
 * GET /urzad/TERC/zgloszenia/NUMBER/zdjecia/ID[?size=thumb]: a photo of the
 * report for its staff, hidden photos included.
 */
void
office_photo(struct request *r, struct app *app)
{
	const char		*size = request_text(r, "size");
	struct office		 o;
	struct report_ref	 ref;
	struct db_result	 res;
	char			 token[TOKEN_LEN + 1] = "";

	if (!office_enter_cached(r, app, &o) || office_report_find(r, app, &o, &ref) != 1)
		return;
	if (size != NULL && strcmp(size, "thumb") != 0) {
		r->status = 404;
		return;
	}
	if (db_query(app->db, sql_photo_token, DB_ARGS(DB_I(o.tenant_id), DB_I(ref.id),
	    DB_I(r->path_args[2].number)), &res) == -1) {
		r->status = 503;
		return;
	}
	if (res.rows == 1)
		snprintf(token, sizeof(token), "%s", db_cell(&res, 0, 0));
	db_result_free(&res);
	if (token[0] == '\0') {
		r->status = 404;
		return;
	}
	/* Not public: every reuse is revalidated, so it passes the staff check again. */
	upload_send(r, app->conf->upload_dir, token, size != NULL ? UPLOAD_THUMB :
	    UPLOAD_PHOTO, false);
}
