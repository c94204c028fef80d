/* api_v1.c: the JSON API (/api/v1/) for the web app and integrators: gminy, addresses, schedules. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "pages.h"
#include "schedule.h"
#include "text.h"

#define API_MAX_RANGE_DAYS	400
#define API_DEFAULT_DAYS	31

/* Sends a JSON body; takes the reference of value. */
static void
api_send(struct request *r, json_t *value)
{
	char	*text = json_dumps(value, JSON_COMPACT);

	json_decref(value);
	r->content_type = "application/json; charset=utf-8";
	response_header(r, "Access-Control-Allow-Origin", "*");
	response_header(r, "Vary", "Accept-Language, Cookie");
	buf_reset(&r->body);
	if (text != NULL) {
		buf_puts(&r->body, text);
		buf_putc(&r->body, '\n');
		free(text);
	}
}

/* Sends {"error": {"code", "message"}} with the message from Msg.Api.<key>. */
static void
api_error(struct request *r, int status, const char *code, const char *key,
    const char *value)
{
	struct buf	 message;

	buf_init(&message);
	lang_format(&message, r->lang, key, 0, value);
	r->status = status;
	api_send(r, json_pack("{s:{s:s, s:s}}", "error", "code", code,
	    "message", buf_cstr(&message)));
	buf_free(&message);
}

static void
api_invalid(struct request *r, const char *field)
{
	api_error(r, 400, "invalid_parameter", "Msg.Api.InvalidParameter", field);
}

/* Returns base_url + path + suffix as a new string the caller frees. */
static char *
absolute_url(struct app *app, const char *path, const char *suffix)
{
	struct buf	 url;

	buf_init(&url);
	buf_puts(&url, app->conf->base_url);
	buf_puts(&url, path);
	buf_puts(&url, suffix);
	return buf_steal(&url);
}

static json_t *
gmina_json(struct app *app, const char *terc, const char *name, const char *kind,
    const char *powiat, const char *voivodeship, int has_schedule)
{
	char	*url = absolute_url(app, "/gmina/", terc);
	json_t	*o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s}", "teryt", terc,
		    "name", name, "kind", kind, "powiat", powiat,
		    "voivodeship", voivodeship, "has_schedule", has_schedule,
		    "url", url);

	free(url);
	return o;
}

void
api_gminy(struct request *r, struct app *app)
{
	const char		*q = request_text(r, "q");
	struct db_result	 res;
	json_t			*items = json_array();
	size_t			 i;

	if (q == NULL) {
		json_decref(items);
		api_error(r, 400, "missing_parameter", "Msg.Api.MissingParameter", "q");
		return;
	}
	if (schedule_search_gminy(app->db, q, 20, &res) == -1) {
		json_decref(items);
		api_error(r, 503, "unavailable", "Msg.Api.Unavailable", NULL);
		return;
	}
	for (i = 0; i < res.rows; i++)
		json_array_append_new(items, gmina_json(app, db_cell(&res, i, 0),
		    db_cell(&res, i, 1), db_cell(&res, i, 2), db_cell(&res, i, 3),
		    db_cell(&res, i, 4), db_cell_int(&res, i, 5) != 0));
	db_result_free(&res);
	response_header(r, "Cache-Control", "public, max-age=300");
	api_send(r, json_pack("{s:o}", "items", items));
}

static json_t *
point_json(struct app *app, const char *terc, unsigned long long id,
    const char *label, const char *token)
{
	char	 path[64], *schedule, *calendar, *json_url;
	json_t	*o;

	snprintf(path, sizeof(path), "/gmina/%s/adres/%llu", terc, id);
	schedule = absolute_url(app, path, "");
	snprintf(path, sizeof(path), "/kalendarz/%s.ics", token);
	calendar = absolute_url(app, path, "");
	snprintf(path, sizeof(path), "/api/v1/addresses/%llu/schedule", id);
	json_url = absolute_url(app, path, "");
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)id,
		    "label", label, "gmina", terc, "schedule_url", schedule,
		    "calendar_url", calendar, "schedule_json_url", json_url);

	free(schedule);
	free(calendar);
	free(json_url);
	return o;
}

void
api_addresses(struct request *r, struct app *app)
{
	const char		*q = request_text(r, "q");
	struct gmina		 g;
	struct db_result	 res;
	json_t			*items;
	size_t			 i;
	int			 approximate;
	int			 found = schedule_gmina(app->db, request_text(r, "gmina"), &g);

	if (found != 1) {
		if (found == 0)
			api_error(r, 404, "unknown_gmina", "Msg.Api.UnknownGmina",
			    request_text(r, "gmina"));
		else
			api_error(r, 503, "unavailable", "Msg.Api.Unavailable", NULL);
		return;
	}
	if (schedule_search_points(app->db, g.id, q != NULL ? q : "", 50, &res,
	    &approximate) == -1) {
		api_error(r, 503, "unavailable", "Msg.Api.Unavailable", NULL);
		return;
	}
	items = json_array();
	for (i = 0; i < res.rows; i++)
		json_array_append_new(items, point_json(app, g.terc,
		    (unsigned long long)db_cell_int(&res, i, 0),
		    point_label(db_cell(&res, i, 1), db_cell(&res, i, 7), r->lang),
		    db_cell(&res, i, 2)));
	db_result_free(&res);
	response_header(r, "Cache-Control", "public, max-age=60");
	api_send(r, json_pack("{s:{s:s, s:s, s:b}, s:b, s:o}", "gmina", "teryt", g.terc,
	    "name", g.name, "has_schedule", g.has_schedule, "approximate", approximate,
	    "items", items));
}

static int
load_point(struct request *r, struct app *app, struct point *p)
{
	int	 found = schedule_point(app->db,
		    (unsigned long long)request_field(r, "point")->number, p);

	if (found == 0)
		api_error(r, 404, "unknown_address", "Msg.Api.UnknownAddress",
		    request_text(r, "point"));
	else if (found == -1)
		api_error(r, 503, "unavailable", "Msg.Api.Unavailable", NULL);
	return found == 1;
}

void
api_address(struct request *r, struct app *app)
{
	struct point	 p;

	if (!load_point(r, app, &p))
		return;
	api_send(r, point_json(app, p.terc, p.id,
	    point_label(p.label, p.label_en, r->lang), p.token));
}

static json_t *
date_json(long day)
{
	char	 iso[16];
	int	 y, m, d;

	if (day == 0)
		return json_null();
	days_to_date(day, &y, &m, &d);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	return json_string(iso);
}

void
api_schedule(struct request *r, struct app *app)
{
	const struct field	*from = request_field(r, "from"), *to = request_field(r, "to");
	long			 first = from ? (long)from->number : r->today;
	long			 last = to ? (long)to->number : first + API_DEFAULT_DAYS;
	struct point		 p;
	struct pickup_list	 list;
	json_t			*pickups;
	size_t			 i;

	if (last < first || last - first > API_MAX_RANGE_DAYS) {
		api_error(r, 400, "invalid_range", "Msg.Api.InvalidRange", NULL);
		return;
	}
	if (!load_point(r, app, &p))
		return;
	if (schedule_pickups(app->db, &p, first, last, r->lang, &list) == -1) {
		api_error(r, 503, "unavailable", "Msg.Api.Unavailable", NULL);
		return;
	}
	pickups = json_array();
	for (i = 0; i < list.count; i++)
		json_array_append_new(pickups, json_pack("{s:o, s:s, s:s, s:s}",
		    "date", date_json(list.items[i].day), "fraction", list.items[i].code,
		    "name", list.items[i].name, "color", list.items[i].color));
	api_send(r, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
	    "address", point_json(app, p.terc, p.id,
	    point_label(p.label, p.label_en, r->lang), p.token),
	    "from", date_json(first), "to", date_json(last),
	    "valid_from", date_json(list.first_day), "valid_to", date_json(list.last_day),
	    "pickups", pickups));
	pickup_list_free(&list);
}

void
api_route_error(struct request *r)
{
	switch (r->status) {
	case 400:
		if (r->field_missing)
			api_error(r, 400, "missing_parameter", "Msg.Api.MissingParameter",
			    r->invalid_field);
		else
			api_invalid(r, r->invalid_field);
		break;
	case 404:
		api_error(r, 404, "not_found", "Msg.Api.NotFound", NULL);
		break;
	case 405:
		api_error(r, 405, "method_not_allowed", "Msg.Api.MethodNotAllowed", NULL);
		break;
	default:
		api_error(r, r->status, "unavailable", "Msg.Api.Unavailable", NULL);
	}
}
