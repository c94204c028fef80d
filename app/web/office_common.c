/* office_common.c: who may enter the back office of a gmina, and shared helpers. */
#include "cs.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "office.h"
#include "render.h"
#include "text.h"

#define LOGIN_PATH	"/konto/logowanie"

const struct field_spec office_path[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { NULL, 0, false, 0 } };
const struct field_spec office_report_path[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "number", FIELD_TEXT, true, REPORT_NUMBER_LEN },
	{ NULL, 0, false, 0 } };
const struct field_spec office_photo_path[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "number", FIELD_TEXT, true, REPORT_NUMBER_LEN },
	{ "photo", FIELD_UINT, true, 0 }, { NULL, 0, false, 0 } };

static const char sql_tenant[] = "SELECT id, name FROM tenant WHERE terc = ?";
static const char sql_report_id[] =
    "SELECT id FROM report WHERE tenant_id = ? AND public_number = ?";

/* Sends an anonymous GET to the login page, which comes back here afterwards. */
static void
redirect_to_login(struct request *r)
{
	struct buf	 location;

	buf_init(&location);
	buf_puts(&location, LOGIN_PATH "?next=");
	url_escape(&location, r->path);
	if (r->query != NULL && *r->query != '\0') {
		url_escape(&location, "?");
		url_escape(&location, r->query);
	}
	response_header(r, "Cache-Control", "no-store");
	response_redirect(r, 303, buf_cstr(&location));
	buf_free(&location);
}

bool
office_enter(struct request *r, struct app *app, struct office *o)
{
	if (!office_enter_cached(r, app, o))
		return false;
	/* Staff pages show who did what to whom: never store them in shared caches. */
	response_header(r, "Cache-Control", "no-store");
	return true;
}

bool
office_enter_cached(struct request *r, struct app *app, struct office *o)
{
	struct db_result	 res;
	const char		*terc = r->path_args[0].text;

	memset(o, 0, sizeof(*o));
	if (db_query(app->db, sql_tenant, DB_ARGS(DB_T(terc)), &res) == -1) {
		r->status = 503;
		return false;
	}
	if (res.rows == 1) {
		o->tenant_id = (unsigned long long)db_cell_int(&res, 0, 0);
		snprintf(o->gmina_name, sizeof(o->gmina_name), "%s", db_cell(&res, 0, 1));
		snprintf(o->terc, sizeof(o->terc), "%s", terc);
	}
	db_result_free(&res);
	if (o->tenant_id == 0) {
		r->status = 404;
		return false;
	}
	if (r->account_id == 0) {
		if (strcmp(r->method, "POST") == 0)
			r->status = 403;
		else
			redirect_to_login(r);
		return false;
	}
	if (viewer_load(app->db, r->account_id, o->tenant_id, &o->viewer) == -1) {
		r->status = 503;
		return false;
	}
	if (!viewer_is_staff(&o->viewer)) {
		r->status = 403;
		return false;
	}
	o->gmina_wide = o->viewer.gmina_admin || o->viewer.coordinator;
	return true;
}

int
office_report_find(struct request *r, struct app *app, const struct office *o,
    struct report_ref *ref)
{
	struct db_result	 res;
	unsigned long long	 id = 0;
	int			 found;

	if (db_query(app->db, sql_report_id, DB_ARGS(DB_I(o->tenant_id),
	    DB_T(r->path_args[1].text)), &res) == -1) {
		r->status = 503;
		return -1;
	}
	if (res.rows == 1)
		id = (unsigned long long)db_cell_int(&res, 0, 0);
	db_result_free(&res);
	if (id == 0) {
		r->status = 404;
		return 0;
	}
	if ((found = report_ref_load(app->db, o->tenant_id, id, ref)) == -1) {
		r->status = 503;
		return -1;
	}
	/* An operator of another unit learns nothing, not even that the number exists. */
	if (found == 0 || !report_access_is_staff(report_visible(&o->viewer, ref))) {
		r->status = 404;
		return 0;
	}
	return 1;
}

void
office_day_start(long day, char out[20])
{
	struct tm	 tm;
	time_t		 t;
	int		 y, m, d;

	days_to_date(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	t = mktime(&tm);	/* the process runs in Europe/Warsaw (clock_init) */
	report_datetime(t, out);
}

/* Parses a UTC DATETIME. Returns false for NULL or another form. */
static bool
parse_utc(const char *utc, time_t *out)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	if (utc == NULL || sscanf(utc, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return true;
}

void
office_local_time(const char *utc, char out[17])
{
	struct tm	 tm;
	time_t		 t;

	out[0] = '\0';
	if (!parse_utc(utc, &t))
		return;
	localtime_r(&t, &tm);
	strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
}

void
office_local_date(struct buf *out, enum lang lang, const char *utc)
{
	struct tm	 tm;
	time_t		 t;

	if (!parse_utc(utc, &t))
		return;
	localtime_r(&t, &tm);
	lang_date(out, lang, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void
office_set_common(HDF *hdf, const struct office *o)
{
	render_set(hdf, "Office.Terc", o->terc);
	render_set(hdf, "Office.Gmina", o->gmina_name);
	render_set_int(hdf, "Office.Wide", o->gmina_wide);
	render_set_int(hdf, "Office.Admin", o->viewer.gmina_admin);
	render_set_int(hdf, "Office.Coordinator", o->viewer.coordinator);
}
