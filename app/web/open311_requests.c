/* open311_requests.c: Open311 GET requests, one request and token lookups: public reports only. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "open311.h"
#include "report.h"
#include "report_access.h"
#include "report_state.h"

/*
 * The columns of one request. updated_datetime is the last public event, so
 * internal notes and assignments do not show through; status_notes is the
 * text of the last public status change or update.
 */
#define REQUEST_SELECT \
	"SELECT r.public_number, r.status, c.code, c.name_pl, c.name_en, r.description," \
	" u.name, r.created_at," \
	" (SELECT MAX(e.created_at) FROM report_event e WHERE e.tenant_id = r.tenant_id" \
	"  AND e.report_id = r.id AND e.is_public = 1)," \
	" r.deadline_at, r.address_text, r.point_id, r.lat, r.lon," \
	" (SELECT e.body FROM report_event e WHERE e.tenant_id = r.tenant_id" \
	"  AND e.report_id = r.id AND e.is_public = 1" \
	"  AND e.kind IN ('status', 'update', 'merged') AND e.body <> ''" \
	"  ORDER BY e.id DESC LIMIT 1)," \
	" (SELECT p.token FROM report_photo p WHERE p.tenant_id = r.tenant_id" \
	"  AND p.report_id = r.id AND p.hidden = 0 ORDER BY p.sort_order, p.id LIMIT 1)," \
	" r.id" \
	" FROM report r JOIN report_category c ON c.id = r.category_id" \
	" JOIN unit u ON u.id = r.unit_id" \
	" WHERE r.tenant_id = ? AND " REPORT_PUBLIC_SQL

enum { COL_NUMBER, COL_STATUS, COL_CODE, COL_NAME_PL, COL_NAME_EN, COL_DESCRIPTION,
	COL_UNIT, COL_CREATED, COL_UPDATED, COL_DEADLINE, COL_ADDRESS, COL_POINT,
	COL_LAT, COL_LON, COL_NOTES, COL_PHOTO, COL_ID };

static const char sql_one[] = REQUEST_SELECT " AND r.public_number = ?";
/*
 * The list filters; each is off when its parameter is NULL. A list of ids
 * overrides the other filters, as the GeoReport v2 specification requires. The closed statuses
 * are those of report_status_finished.
 */
static const char sql_list[] = REQUEST_SELECT
    " AND (? IS NULL OR FIND_IN_SET(r.public_number, ?) > 0)"
    " AND (? IS NOT NULL OR (r.created_at >= ? AND r.created_at <= ?))"
    " AND (? IS NOT NULL OR ? IS NULL OR c.code = ?)"
    " AND (? IS NOT NULL OR ? IS NULL OR"
    "  (r.status IN ('done', 'rejected', 'out_of_scope', 'duplicate')) = ?)"
    " ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?";
static const char sql_notes[] =
    "SELECT e.created_at, e.kind, e.to_status, e.body FROM report_event e"
    " WHERE e.tenant_id = ? AND e.report_id = ? AND e.is_public = 1 ORDER BY e.id";
static const char sql_token[] =
    "SELECT r.public_number, " REPORT_PUBLIC_SQL " FROM report r"
    " JOIN report_category c ON c.id = r.category_id"
    " WHERE r.tenant_id = ? AND r.open311_token = ?";

static json_t *
datetime_or_null(const char *db)
{
	char	 text[32];

	return open311_string_or_null(open311_datetime(db, text));
}

/* A DECIMAL(9,6) as stored, which is already fixed to 6 decimals. */
static json_t *
coordinate(const char *db)
{
	return db != NULL ? json_string(db) : json_null();
}

static json_t *
request_notes(struct app *app, unsigned long long tenant_id, const char *report_id)
{
	struct db_result	 res;
	enum report_status	 status;
	json_t			*notes = json_array();
	const char		*to;
	char			 when[32];
	size_t			 i;

	if (db_query(app->db, sql_notes, DB_ARGS(DB_I(tenant_id), DB_S(report_id)),
	    &res) == -1)
		return notes;
	for (i = 0; i < res.rows; i++) {
		to = db_cell(&res, i, 2);
		json_array_append_new(notes, json_pack("{s:o, s:s, s:o, s:o}",
		    "datetime", open311_string_or_null(open311_datetime(db_cell(&res, i, 0),
		    when)),
		    "type", db_cell(&res, i, 1),
		    "status", to != NULL && report_status_parse(to, &status) == 0 ?
		    json_string(report_status_finished(status) ? "closed" : "open") :
		    json_null(),
		    "description", open311_string_or_null(db_cell(&res, i, 3))));
	}
	db_result_free(&res);
	return notes;
}

/* The public address of the first photo that moderation has not hidden. */
static json_t *
photo_url(struct request *r, struct app *app, const char *number, const char *token)
{
	struct buf	 url;
	json_t		*value;

	buf_init(&url);
	buf_printf(&url, "%s/gmina/%s/zgloszenia/%s/zdjecie/%s", app->conf->base_url,
	    request_text(r, "jurisdiction_id"), number, token);
	value = json_string(buf_cstr(&url));
	buf_free(&url);
	return value;
}

static json_t *
request_json(struct request *r, struct app *app, unsigned long long tenant_id,
    const struct db_result *res, size_t row, bool extensions)
{
	enum report_status	 status = REPORT_NEW;
	const char		*photo = db_cell(res, row, COL_PHOTO);
	char			 requested[32];
	json_t			*o;

	report_status_parse(db_cell(res, row, COL_STATUS), &status);
	o = json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:n, s:s, s:o, s:o, s:o,"
	    " s:o, s:n, s:o, s:o}",
	    "service_request_id", db_cell(res, row, COL_NUMBER),
	    "status", report_status_finished(status) ? "closed" : "open",
	    "status_notes", open311_string_or_null(db_cell(res, row, COL_NOTES)),
	    "service_name", db_cell(res, row, r->lang == LANG_EN ? COL_NAME_EN : COL_NAME_PL),
	    "service_code", db_cell(res, row, COL_CODE),
	    "description", db_cell(res, row, COL_DESCRIPTION),
	    "agency_responsible", db_cell(res, row, COL_UNIT),
	    "service_notice",
	    "requested_datetime", open311_datetime(db_cell(res, row, COL_CREATED), requested),
	    "updated_datetime", datetime_or_null(db_cell(res, row, COL_UPDATED)),
	    "expected_datetime", datetime_or_null(db_cell(res, row, COL_DEADLINE)),
	    "address", open311_string_or_null(db_cell(res, row, COL_ADDRESS)),
	    "address_id", open311_string_or_null(db_cell(res, row, COL_POINT)),
	    "zipcode",
	    "lat", coordinate(db_cell(res, row, COL_LAT)),
	    "long", coordinate(db_cell(res, row, COL_LON)));
	if (o == NULL)
		return NULL;
	if (photo != NULL)
		json_object_set_new(o, "media_url", photo_url(r, app, db_cell(res, row,
		    COL_NUMBER), photo));
	if (extensions)
		json_object_set_new(o, "notes",
		    request_notes(app, tenant_id, db_cell(res, row, COL_ID)));
	return o;
}

/* Sends the rows of res as a request list. */
static void
requests_send(struct request *r, struct app *app, unsigned long long tenant_id,
    const struct db_result *res, bool extensions)
{
	json_t	*list = json_array(), *item;
	size_t	 i;

	for (i = 0; i < res->rows; i++) {
		if ((item = request_json(r, app, tenant_id, res, i, extensions)) == NULL) {
			json_decref(list);
			open311_error(r, 500, "Unavailable", NULL);
			return;
		}
		json_array_append_new(list, item);
	}
	response_header(r, "Cache-Control", "no-cache");
	open311_send(r, "service_requests", list);
}

/* Reads extensions=true|false; -1 after sending the error. */
static int
extensions_flag(struct request *r, bool *on)
{
	const char	*value = request_text(r, "extensions");

	*on = value != NULL && strcmp(value, "true") == 0;
	if (value != NULL && !*on && strcmp(value, "false") != 0) {
		open311_error(r, 400, "InvalidParameter", "extensions");
		return -1;
	}
	return 0;
}

/* The search filters of GET requests, as statement parameters. */
struct request_filter {
	const char	*ids;		/* comma-separated service_request_id list, or NULL */
	char		 start[20], end[20];	/* UTC DATETIME bounds of requested_datetime */
	const char	*code;
	int		 closed;	/* -1 any, 0 open, 1 closed */
	long long	 limit, offset;
};

static int
parse_time(struct request *r, const char *name, time_t *out, bool *given)
{
	const char	*value = request_text(r, name);

	*given = value != NULL;
	if (value != NULL && clock_parse(value, out) == -1) {
		open311_error(r, 400, "InvalidParameter", name);
		return -1;
	}
	return 0;
}

/*
 * Reads start_date and end_date: by default the last 90 days before now; one
 * alone spans 90 days from or to it. A wider range, or an end before the
 * start, is invalid. -1 after sending the error.
 */
static int
filter_dates(struct request *r, struct request_filter *f)
{
	const time_t	 span = (time_t)OPEN311_MAX_RANGE_DAYS * 86400;
	time_t		 start = 0, end = 0;
	bool		 has_start, has_end;

	if (parse_time(r, "start_date", &start, &has_start) == -1 ||
	    parse_time(r, "end_date", &end, &has_end) == -1)
		return -1;
	if (!has_end)
		end = has_start ? start + span : r->now;
	if (!has_start)
		start = end - span;
	if (end < start) {
		open311_error(r, 400, "DatesReversed", NULL);
		return -1;
	}
	if (end - start > span) {
		open311_error(r, 400, "DateRangeTooWide", "90");
		return -1;
	}
	report_datetime(start, f->start);
	report_datetime(end, f->end);
	return 0;
}

/* Reads status=open|closed (a comma-separated pair means either). */
static int
filter_status(struct request *r, struct request_filter *f)
{
	const char	*value = request_text(r, "status");

	f->closed = -1;
	if (value == NULL || strcmp(value, "open,closed") == 0 ||
	    strcmp(value, "closed,open") == 0)
		return 0;
	if (strcmp(value, "open") == 0 || strcmp(value, "closed") == 0) {
		f->closed = strcmp(value, "closed") == 0;
		return 0;
	}
	open311_error(r, 400, "InvalidParameter", "status");
	return -1;
}

/* A comma-separated list of public numbers ("2026-000123"), at most 1000 of them. */
static int
filter_ids(struct request *r, struct request_filter *f)
{
	const char	*s = request_text(r, "service_request_id");
	size_t		 count = 1;

	f->ids = s;
	if (s == NULL)
		return 0;
	for (; *s != '\0'; s++)
		if (*s == ',')
			count++;
		else if (!((*s >= '0' && *s <= '9') || *s == '-'))
			break;
	if (*s != '\0' || count > OPEN311_MAX_RESULTS) {
		open311_error(r, 400, "InvalidParameter", "service_request_id");
		return -1;
	}
	return 0;
}

void
open311_requests(struct request *r, struct app *app)
{
	struct request_filter	 f;
	struct db_result	 res;
	const struct field	*page = request_field(r, "page");
	const struct field	*size = request_field(r, "page_size");
	unsigned long long	 tenant_id;
	bool			 extensions;

	if ((tenant_id = open311_jurisdiction(r, app)) == 0)
		return;
	memset(&f, 0, sizeof(f));
	if (filter_ids(r, &f) == -1 || filter_dates(r, &f) == -1 ||
	    filter_status(r, &f) == -1 || extensions_flag(r, &extensions) == -1)
		return;
	f.code = request_text(r, "service_code");
	f.limit = size != NULL ? size->number : OPEN311_MAX_RESULTS;
	f.offset = page != NULL ? (page->number - 1) * f.limit : 0;
	if (db_query(app->db, sql_list, DB_ARGS(DB_I(tenant_id), DB_S(f.ids), DB_S(f.ids),
	    DB_S(f.ids), DB_T(f.start), DB_T(f.end), DB_S(f.ids), DB_S(f.code),
	    DB_S(f.code), DB_S(f.ids), f.closed < 0 ? DB_N() : DB_I(f.closed),
	    DB_I(f.closed), DB_I(f.limit), DB_I(f.offset)), &res) == -1) {
		open311_error(r, 500, "Unavailable", NULL);
		return;
	}
	requests_send(r, app, tenant_id, &res, extensions);
	db_result_free(&res);
}

void
open311_request(struct request *r, struct app *app)
{
	struct db_result	 res;
	unsigned long long	 tenant_id;
	bool			 extensions;

	if ((tenant_id = open311_jurisdiction(r, app)) == 0 ||
	    extensions_flag(r, &extensions) == -1)
		return;
	if (db_query(app->db, sql_one, DB_ARGS(DB_I(tenant_id), DB_S(request_text(r, "id"))),
	    &res) == -1) {
		open311_error(r, 500, "Unavailable", NULL);
		return;
	}
	if (res.rows == 0)
		open311_error(r, 404, "UnknownRequest", request_text(r, "id"));
	else
		requests_send(r, app, tenant_id, &res, extensions);
	db_result_free(&res);
}

void
open311_token(struct request *r, struct app *app)
{
	struct db_result	 res;
	unsigned long long	 tenant_id;
	const char		*token = request_text(r, "token");

	if ((tenant_id = open311_jurisdiction(r, app)) == 0)
		return;
	if (db_query(app->db, sql_token, DB_ARGS(DB_I(tenant_id), DB_S(token)), &res) == -1) {
		open311_error(r, 500, "Unavailable", NULL);
		return;
	}
	if (res.rows == 0)
		open311_error(r, 404, "UnknownToken", NULL);
	else if (db_cell_int(&res, 0, 1) == 0)
		/* Not public (yet): the number stays hidden until moderation confirms it. */
		open311_send(r, "service_requests", json_pack("[{s:s}]", "token", token));
	else
		open311_send(r, "service_requests", json_pack("[{s:s, s:s}]",
		    "service_request_id", db_cell(&res, 0, 0), "token", token));
	db_result_free(&res);
	response_header(r, "Cache-Control", "no-cache");
}
