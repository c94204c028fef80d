/* report_public_web.c: the gmina, filters, ETags and times shared by the public report pages. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "render.h"
#include "report_public_web.h"
#include "report_state.h"
#include "text.h"
#include "token.h"

const struct field_spec report_public_path[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { NULL, 0, false, 0 } };
const struct field_spec report_number_path[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "number", FIELD_TEXT, true, 20 },
	{ NULL, 0, false, 0 } };
const struct field_spec report_photo_path[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "number", FIELD_TEXT, true, 20 },
	{ "token", FIELD_TOKEN, true, 0 }, { NULL, 0, false, 0 } };
const struct field_spec report_public_query[] = {
	{ "kategoria", FIELD_UINT, false, 0 }, { "status", FIELD_TEXT, false, 15 },
	{ "obszar", FIELD_UINT, false, 0 }, { "od", FIELD_DATE, false, 0 },
	{ "do", FIELD_DATE, false, 0 }, { "po", FIELD_TEXT, false, 40 },
	{ NULL, 0, false, 0 } };
const struct field_spec report_map_json_query[] = {
	{ "kategoria", FIELD_UINT, false, 0 }, { "status", FIELD_TEXT, false, 15 },
	{ "obszar", FIELD_UINT, false, 0 }, { "od", FIELD_DATE, false, 0 },
	{ "do", FIELD_DATE, false, 0 }, { "bbox", FIELD_TEXT, false, 100 },
	{ NULL, 0, false, 0 } };

static const char sql_categories[] =
    "SELECT id, COALESCE(parent_id, 0), name_pl, name_en FROM report_category"
    " WHERE tenant_id = ? AND is_public = 1 AND active = 1"
    " ORDER BY sort_order, name_pl, id";
static const char sql_areas[] =
    "SELECT id, name FROM routing_area WHERE tenant_id = ? ORDER BY name, id";

int
public_gmina(struct request *r, struct app *app, struct gmina *g)
{
	int	 found = schedule_gmina(app->db, request_text(r, "gmina"), g);

	if (found == -1)
		r->status = 503;
	else if (found == 0)
		r->status = 404;
	return found == 1;
}

int
public_filter(struct request *r, struct report_filter *f)
{
	const struct field	*v;
	const char		*status = request_text(r, "status");

	memset(f, 0, sizeof(*f));
	if ((v = request_field(r, "kategoria")) != NULL)
		f->category_id = (unsigned long long)v->number;
	if ((v = request_field(r, "obszar")) != NULL)
		f->area_id = (unsigned long long)v->number;
	if ((v = request_field(r, "od")) != NULL)
		f->from_day = (long)v->number;
	if ((v = request_field(r, "do")) != NULL)
		f->to_day = (long)v->number;
	if (status != NULL) {
		if (!report_public_status_ok(status)) {
			snprintf(r->invalid_field, sizeof(r->invalid_field), "status");
			r->status = 400;
			return -1;
		}
		snprintf(f->status, sizeof(f->status), "%s", status);
	}
	return 0;
}

static void
put_day(struct buf *out, const char *name, long day)
{
	int	 y, m, d;

	days_to_date(day, &y, &m, &d);
	buf_printf(out, "%s%s=%04d-%02d-%02d", out->len > 0 ? "&" : "", name, y, m, d);
}

void
public_filter_query(struct buf *out, const struct report_filter *f)
{
	size_t	 start = out->len;

	if (f->category_id != 0)
		buf_printf(out, "kategoria=%llu", f->category_id);
	if (f->status[0] != '\0')
		buf_printf(out, "%sstatus=%s", out->len > start ? "&" : "", f->status);
	if (f->area_id != 0)
		buf_printf(out, "%sobszar=%llu", out->len > start ? "&" : "", f->area_id);
	if (f->from_day != 0)
		put_day(out, "od", f->from_day);
	if (f->to_day != 0)
		put_day(out, "do", f->to_day);
}

/* Adds one category option; children are indented under their group. */
static void
set_category(HDF *hdf, size_t n, const struct db_result *res, size_t row,
    int depth, enum lang lang, unsigned long long chosen)
{
	char	 path[64];

	snprintf(path, sizeof(path), "Categories.%zu.Id", n);
	render_set(hdf, path, db_cell(res, row, 0));
	snprintf(path, sizeof(path), "Categories.%zu.Name", n);
	render_set(hdf, path, db_cell(res, row, lang == LANG_EN ? 3 : 2));
	snprintf(path, sizeof(path), "Categories.%zu.Depth", n);
	render_set_int(hdf, path, depth);
	snprintf(path, sizeof(path), "Categories.%zu.Selected", n);
	render_set_int(hdf, path, (unsigned long long)db_cell_int(res, row, 0) == chosen);
}

/* Walks the tree below parent (0: roots) in display order, three levels deep. */
static size_t
set_categories(HDF *hdf, size_t n, const struct db_result *res, long long parent,
    int depth, enum lang lang, unsigned long long chosen)
{
	size_t	 i;

	for (i = 0; i < res->rows && depth < 3; i++) {
		if (db_cell_int(res, i, 1) != parent)
			continue;
		set_category(hdf, n++, res, i, depth, lang, chosen);
		n = set_categories(hdf, n, res, db_cell_int(res, i, 0), depth + 1, lang,
		    chosen);
	}
	return n;
}

static void
set_statuses(HDF *hdf, const char *chosen, enum lang lang)
{
	char	 path[64];
	int	 s, n = 0;

	for (s = REPORT_VERIFIED; s < REPORT_STATUS_COUNT; s++, n++) {
		snprintf(path, sizeof(path), "Statuses.%d.Code", n);
		render_set(hdf, path, report_status_code(s));
		snprintf(path, sizeof(path), "Statuses.%d.Name", n);
		render_set(hdf, path, lang_text(lang, report_status_text_key(s)));
		snprintf(path, sizeof(path), "Statuses.%d.Selected", n);
		render_set_int(hdf, path, strcmp(chosen, report_status_code(s)) == 0);
	}
}

static void
set_date_field(HDF *hdf, const char *name, long day)
{
	char	 iso[16];
	int	 y, m, d;

	if (day == 0)
		return;
	days_to_date(day, &y, &m, &d);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	render_set(hdf, name, iso);
}

int
public_filter_form(HDF *hdf, struct app *app, unsigned long long tenant_id,
    const struct report_filter *f, enum lang lang)
{
	struct db_result	 cats, areas;
	char			 path[64];
	size_t			 i;

	if (db_query(app->db, sql_categories, DB_ARGS(DB_I(tenant_id)), &cats) == -1)
		return -1;
	if (db_query(app->db, sql_areas, DB_ARGS(DB_I(tenant_id)), &areas) == -1) {
		db_result_free(&cats);
		return -1;
	}
	set_categories(hdf, 0, &cats, 0, 0, lang, f->category_id);
	set_statuses(hdf, f->status, lang);
	for (i = 0; i < areas.rows; i++) {
		snprintf(path, sizeof(path), "Areas.%zu.Id", i);
		render_set(hdf, path, db_cell(&areas, i, 0));
		snprintf(path, sizeof(path), "Areas.%zu.Name", i);
		render_set(hdf, path, db_cell(&areas, i, 1));
		snprintf(path, sizeof(path), "Areas.%zu.Selected", i);
		render_set_int(hdf, path,
		    (unsigned long long)db_cell_int(&areas, i, 0) == f->area_id);
	}
	set_date_field(hdf, "Filter.From", f->from_day);
	set_date_field(hdf, "Filter.To", f->to_day);
	render_set_int(hdf, "Filter.Active", f->category_id != 0 || f->status[0] != '\0' ||
	    f->area_id != 0 || f->from_day != 0 || f->to_day != 0);
	db_result_free(&cats);
	db_result_free(&areas);
	return 0;
}

/* True when If-None-Match lists etag, or is "*". */
static bool
etag_listed(const char *header, const char *etag)
{
	const char	*p;
	size_t		 n = strlen(etag);

	if (header == NULL)
		return false;
	if (strcmp(header, "*") == 0)
		return true;
	for (p = strstr(header, etag); p != NULL; p = strstr(p + 1, etag))
		if (p[n] == '\0' || p[n] == ',' || p[n] == ' ')
			return true;
	return false;
}

bool
public_etag(struct request *r, const char *what, char etag[40])
{
	char	 hash[65];

	token_sha256_hex(what, strlen(what), hash);
	snprintf(etag, 40, "\"%.32s\"", hash);
	response_header(r, "ETag", etag);
	response_header(r, "Cache-Control", "no-cache");
	response_header(r, "Vary", "Accept-Language, Cookie");
	if (etag_listed(r->if_none_match, etag)) {
		r->status = 304;
		return true;
	}
	return false;
}

void
public_local_time(struct buf *out, enum lang lang, time_t t)
{
	struct tm	 tm;

	localtime_r(&t, &tm);
	lang_date(out, lang, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	buf_printf(out, ", %d:%02d", tm.tm_hour, tm.tm_min);
}

time_t
public_utc(const char *s)
{
	struct tm	 tm;
	char		 tail;

	if (s == NULL)
		return 0;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &tail) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}
