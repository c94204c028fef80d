/* office_list.c: the work lists of the back office (/urzad/TERC/zgloszenia and triage). */
#include "cs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "office.h"
#include "render.h"
#include "text.h"

#define LIST_DESCRIPTION_CHARS	140

const struct field_spec office_list_query_fields[] = {
	{ "status", FIELD_TEXT, false, 16 }, { "category", FIELD_UINT, false, 0 },
	{ "unit", FIELD_UINT, false, 0 }, { "assignee", FIELD_TEXT, false, 10 },
	{ "overdue", FIELD_UINT, false, 1 }, { "from", FIELD_DATE, false, 0 },
	{ "to", FIELD_DATE, false, 0 }, { "q", FIELD_TEXT, false, 100 },
	{ "sort", FIELD_TEXT, false, 10 }, { "after", FIELD_TEXT, false, 47 },
	{ NULL, 0, false, 0 } };

static const char *const sort_codes[SORT_COUNT] = {
	"newest", "oldest", "deadline", "updated" };

static const char sql_categories[] =
    "SELECT id, name_pl, name_en, parent_id IS NOT NULL FROM report_category"
    " WHERE tenant_id = ? ORDER BY COALESCE(parent_id, id), parent_id IS NOT NULL,"
    " sort_order, name_pl";
static const char sql_units[] =
    "SELECT id, name FROM unit WHERE tenant_id = ? ORDER BY name";
static const char sql_operators[] =
    "SELECT a.id, MIN(COALESCE(NULLIF(a.display_name, ''), a.email)) AS label"
    " FROM account_role o JOIN account a ON a.id = o.account_id"
    " WHERE o.tenant_id = ? AND o.role = 'operator'"
    " AND (? OR o.unit_id IN (SELECT v.unit_id FROM account_role v"
    "  WHERE v.account_id = ? AND v.tenant_id = o.tenant_id AND v.role = 'operator'))"
    " GROUP BY a.id ORDER BY label, a.id";

/* Marks field name of the request invalid (400). */
static bool
invalid(struct request *r, const char *name)
{
	snprintf(r->invalid_field, sizeof(r->invalid_field), "%s", name);
	r->status = 400;
	return false;
}

static bool
read_assignee(struct request *r, struct office_filter *f)
{
	const char	*s = request_text(r, "assignee");
	char		*end;

	if (s == NULL || *s == '\0')
		return true;
	if (strcmp(s, "me") == 0)
		f->assignee = r->account_id;
	else if (strcmp(s, "none") == 0)
		f->unassigned = true;
	else {
		f->assignee = strtoull(s, &end, 10);
		if (*end != '\0' || f->assignee == 0)
			return invalid(r, "assignee");
	}
	return true;
}

bool
office_filter_read(struct request *r, const struct office *o, struct office_filter *f)
{
	const struct field	*field;
	const char		*s;
	enum report_status	 st;
	int			 i;

	(void)o;
	memset(f, 0, sizeof(*f));
	f->from_day = f->to_day = -1;
	if ((s = request_text(r, "status")) != NULL && *s != '\0') {
		if (strcmp(s, "open") != 0 && report_status_parse(s, &st) == -1)
			return invalid(r, "status");
		f->status = s;
	}
	if ((field = request_field(r, "category")) != NULL)
		f->category = (unsigned long long)field->number;
	if ((field = request_field(r, "unit")) != NULL)
		f->unit = (unsigned long long)field->number;
	if (!read_assignee(r, f))
		return false;
	f->overdue = request_field(r, "overdue") != NULL;
	if ((field = request_field(r, "from")) != NULL)
		f->from_day = (long)field->number;
	if ((field = request_field(r, "to")) != NULL)
		f->to_day = (long)field->number;
	f->text = request_text(r, "q");
	if ((s = request_text(r, "sort")) != NULL && *s != '\0') {
		for (i = 0; i < SORT_COUNT && strcmp(s, sort_codes[i]) != 0; i++)
			;
		if (i == SORT_COUNT)
			return invalid(r, "sort");
		f->sort = i;
	}
	if ((s = request_text(r, "after")) != NULL && *s != '\0') {
		if (!office_filter_cursor_ok(s, f->sort))
			return invalid(r, "after");
		f->after = s;
	}
	return true;
}

/* Appends "&name=value" (url-escaped) to q when value is set. */
static void
query_add(struct buf *q, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	buf_printf(q, "%s%s=", q->len > 0 ? "&" : "", name);
	url_escape(q, value);
}

/* The query string of the current filters, without the page cursor. */
static void
filter_query(struct request *r, struct buf *q)
{
	static const char *const names[] = { "status", "category", "unit", "assignee",
	    "overdue", "from", "to", "q", "sort" };
	size_t	 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		query_add(q, names[i], request_text(r, names[i]));
}

/* Sets P.Statuses.N.{Code,Name} for the status filter. */
static void
set_status_options(HDF *hdf, enum lang lang)
{
	char	 path[48];
	int	 i;

	for (i = 0; i < REPORT_STATUS_COUNT; i++) {
		snprintf(path, sizeof(path), "Statuses.%d.Code", i);
		render_set(hdf, path, report_status_code((enum report_status)i));
		snprintf(path, sizeof(path), "Statuses.%d.Name", i);
		render_set(hdf, path, lang_text(lang, report_status_text_key((enum report_status)i)));
	}
}

/* Sets P.<node>.N.{Id,Name[,Child]} from the rows of sql (first parameter: tenant). */
static int
set_options(HDF *hdf, struct app *app, struct request *r, const struct office *o,
    const char *node)
{
	struct db_result	 res;
	char			 path[64];
	size_t			 i, n = 0;
	bool			 categories = strcmp(node, "Categories") == 0;
	bool			 units = strcmp(node, "Units") == 0;
	int			 rc;

	if (categories)
		rc = db_query(app->db, sql_categories, DB_ARGS(DB_I(o->tenant_id)), &res);
	else if (units)
		rc = db_query(app->db, sql_units, DB_ARGS(DB_I(o->tenant_id)), &res);
	else
		rc = db_query(app->db, sql_operators, DB_ARGS(DB_I(o->tenant_id),
		    DB_I(o->gmina_wide), DB_I(r->account_id)), &res);
	if (rc == -1)
		return -1;
	for (i = 0; i < res.rows; i++) {
		if (units && !o->gmina_wide && !viewer_in_unit(&o->viewer,
		    (unsigned long long)db_cell_int(&res, i, 0)))
			continue;
		snprintf(path, sizeof(path), "%s.%zu.Id", node, n);
		render_set(hdf, path, db_cell(&res, i, 0));
		snprintf(path, sizeof(path), "%s.%zu.Name", node, n);
		render_set(hdf, path, db_cell(&res, i, categories && r->lang == LANG_EN ? 2 : 1));
		if (categories) {
			snprintf(path, sizeof(path), "%s.%zu.Child", node, n);
			render_set(hdf, path, db_cell(&res, i, 3));
		}
		n++;
	}
	db_result_free(&res);
	return 0;
}

/* Copies at most max characters of valid UTF-8 s, with "…" when cut. */
static void
set_truncated(HDF *hdf, const char *name, const char *s, size_t max)
{
	struct buf	 out;
	size_t		 i = 0, chars = 0;

	buf_init(&out);
	while (s[i] != '\0' && chars < max) {
		i++;
		while ((s[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	buf_append(&out, s, i);
	if (s[i] != '\0')
		buf_puts(&out, "…");
	render_set(hdf, name, buf_cstr(&out));
	buf_free(&out);
}

static void
set_row(HDF *hdf, struct request *r, const struct db_result *res, size_t i)
{
	enum report_status	 st;
	struct buf		 date;
	char			 node[32], path[64];
	static const struct { const char *name; int col; } cols[] = {
		{ "Number", COL_NUMBER }, { "Status", COL_STATUS }, { "Unit", COL_UNIT },
		{ "Assignee", COL_ASSIGNEE }, { "Overdue", COL_OVERDUE },
		{ "Triage", COL_TRIAGE }, { "Hidden", COL_HIDDEN }, { "Public", COL_PUBLIC },
		{ "Address", COL_ADDRESS } };
	size_t			 c;

	snprintf(node, sizeof(node), "Rows.%zu", i);
	for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
		snprintf(path, sizeof(path), "%s.%s", node, cols[c].name);
		render_set(hdf, path, db_cell(res, i, (size_t)cols[c].col));
	}
	snprintf(path, sizeof(path), "%s.Category", node);
	render_set(hdf, path, db_cell(res, i, r->lang == LANG_EN ? COL_CATEGORY_EN :
	    COL_CATEGORY_PL));
	if (report_status_parse(db_cell(res, i, COL_STATUS), &st) == 0) {
		snprintf(path, sizeof(path), "%s.StatusName", node);
		render_set(hdf, path, lang_text(r->lang, report_status_text_key(st)));
	}
	snprintf(path, sizeof(path), "%s.Description", node);
	set_truncated(hdf, path, db_cell(res, i, COL_DESCRIPTION), LIST_DESCRIPTION_CHARS);
	buf_init(&date);
	office_local_date(&date, r->lang, db_cell(res, i, COL_CREATED));
	snprintf(path, sizeof(path), "%s.Created", node);
	render_set(hdf, path, buf_cstr(&date));
	buf_reset(&date);
	office_local_date(&date, r->lang, db_cell(res, i, COL_DEADLINE));
	snprintf(path, sizeof(path), "%s.Deadline", node);
	render_set(hdf, path, buf_cstr(&date));
	buf_free(&date);
}

/* Sets P.Count (with its plural) and P.OverdueCount. */
static int
set_counts(HDF *hdf, struct app *app, struct request *r, const struct office *o,
    const struct office_filter *f)
{
	struct buf	 text;
	long long	 total, overdue;

	if (office_list_count(app, r, o, f, &total, &overdue) == -1)
		return -1;
	buf_init(&text);
	lang_count(&text, r->lang, "Office.Report", (long)total);
	render_set(hdf, "CountText", buf_cstr(&text));
	buf_reset(&text);
	lang_count(&text, r->lang, "Office.Overdue", (long)overdue);
	render_set(hdf, "OverdueText", buf_cstr(&text));
	buf_free(&text);
	render_set_int(hdf, "Count", total);
	render_set_int(hdf, "OverdueCount", overdue);
	return 0;
}

static void
set_filter_values(HDF *hdf, struct request *r)
{
	static const char *const names[] = { "status", "category", "unit", "assignee",
	    "overdue", "from", "to", "q", "sort" };
	char	 path[48];
	size_t	 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "Filter.%s", names[i]);
		render_set(hdf, path, request_text(r, names[i]));
	}
}

static void
list_page(struct request *r, struct app *app, bool triage)
{
	struct office		 o;
	struct office_filter	 f;
	struct db_result	 rows;
	struct buf		 query;
	char			 cursor[48];
	HDF			*hdf;
	size_t			 i, shown;

	if (!office_enter(r, app, &o))
		return;
	if (triage && !o.gmina_wide) {
		r->status = 403;
		return;
	}
	if (!office_filter_read(r, &o, &f))
		return;
	f.triage = triage;
	if (office_list_query(app, r, &o, &f, OFFICE_PAGE_SIZE + 1, false, &rows) == -1) {
		r->status = 503;
		return;
	}
	hdf = render_begin(app->render, r, "office_list.cs");
	office_set_common(hdf, &o);
	render_set_int(hdf, "Triage", triage);
	shown = rows.rows > OFFICE_PAGE_SIZE ? OFFICE_PAGE_SIZE : rows.rows;
	for (i = 0; i < shown; i++)
		set_row(hdf, r, &rows, i);
	buf_init(&query);
	filter_query(r, &query);
	render_set(hdf, "FilterQuery", buf_cstr(&query));
	if (rows.rows > OFFICE_PAGE_SIZE) {
		office_list_cursor(&rows, shown - 1, f.sort, cursor);
		query_add(&query, "after", cursor);
		render_set(hdf, "NextQuery", buf_cstr(&query));
	}
	render_set_int(hdf, "Paged", f.after != NULL);
	buf_free(&query);
	db_result_free(&rows);
	set_filter_values(hdf, r);
	set_status_options(hdf, r->lang);
	if (set_counts(hdf, app, r, &o, &f) == -1 ||
	    set_options(hdf, app, r, &o, "Categories") == -1 ||
	    set_options(hdf, app, r, &o, "Units") == -1 ||
	    set_options(hdf, app, r, &o, "Operators") == -1) {
		render_page(app->render, r);	/* drops the half-filled tree */
		buf_reset(&r->body);
		r->status = 503;
		return;
	}
	render_page(app->render, r);
}

/* GET /urzad/TERC/zgloszenia: the reports the viewer handles, filtered. */
void
office_list(struct request *r, struct app *app)
{
	list_page(r, app, false);
}

/* GET /urzad/TERC/weryfikacja: reports awaiting moderation or routed to triage. */
void
office_triage(struct request *r, struct app *app)
{
	list_page(r, app, true);
}

void
office_home(struct request *r, struct app *app)
{
	char	 location[64];

	(void)app;
	snprintf(location, sizeof(location), "/urzad/%s/zgloszenia", r->path_args[0].text);
	response_redirect(r, 303, location);
}
