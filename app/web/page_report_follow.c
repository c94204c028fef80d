/* page_report_follow.c: open reports near a place, "me too" (Ja też) and the e-mail links for it. */
#include "cs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "log.h"
#include "page_account.h"
#include "render.h"
#include "report.h"
#include "report_access.h"
#include "report_submit.h"
#include "session.h"
#include "text.h"
#include "token.h"

const struct field_spec nearby_query[] = {
	{ "kategoria", FIELD_UINT, true, 0 }, { "lat", FIELD_TEXT, false, 40 },
	{ "lon", FIELD_TEXT, false, 40 }, { "punkt", FIELD_UINT, false, 0 },
	{ NULL, 0, false, 0 } };
/*
 * Open public reports of a category within NEARBY_METRES of a position (the
 * bounding box uses the report_position index) or at the same address point.
 * Parameters: lon, lat, tenant, category, has position, 4 box limits, lon, lat,
 * metres, point id, point id.
 */
static const char sql_nearby[] =
    "SELECT r.public_number, r.status, LEFT(r.description, 200), r.address_text,"
    " IF(r.lat IS NULL OR ? IS NULL, NULL,"
    "  ROUND(ST_Distance_Sphere(POINT(r.lon, r.lat), POINT(?, ?))))"
    " FROM report r JOIN report_category c ON c.id = r.category_id"
    " WHERE r.tenant_id = ? AND r.category_id = ? AND " REPORT_PUBLIC_SQL
    " AND r.status IN ('new', 'verified', 'forwarded', 'in_progress')"
    " AND ((? AND r.lat BETWEEN ? AND ? AND r.lon BETWEEN ? AND ?"
    "   AND ST_Distance_Sphere(POINT(r.lon, r.lat), POINT(?, ?)) <= ?)"
    "  OR (? > 0 AND r.point_id = ?))"
    " ORDER BY 5 IS NULL, 5, r.id DESC LIMIT 10";
static const char sql_confirm_insert[] =
    "INSERT INTO report_confirm (token_hash, tenant_id, report_id, purpose, follower_id,"
    " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_outbox[] =
    "INSERT IGNORE INTO outbox (idempotency_key, channel, kind, tenant_id, payload,"
    " due_at, created_at) VALUES (?, 'email', ?, ?, ?, ?, ?)";

static int
nearby_query_run(struct app *app, const struct gmina_ref *g,
    unsigned long long category_id, const struct place *p, struct db_result *res)
{
	double	 dlat = NEARBY_METRES / 111320.0;
	double	 dlon = dlat / fmax(cos(p->lat * M_PI / 180.0), 0.01);
	char	 lat[24], lon[24], box[4][24];

	snprintf(lat, sizeof(lat), "%.6f", p->lat);
	snprintf(lon, sizeof(lon), "%.6f", p->lon);
	snprintf(box[0], sizeof(box[0]), "%.6f", p->lat - dlat);
	snprintf(box[1], sizeof(box[1]), "%.6f", p->lat + dlat);
	snprintf(box[2], sizeof(box[2]), "%.6f", p->lon - dlon);
	snprintf(box[3], sizeof(box[3]), "%.6f", p->lon + dlon);
	return db_query(app->db, sql_nearby, DB_ARGS(
	    p->has_position ? DB_T(lat) : DB_N(), DB_T(lon), DB_T(lat),
	    DB_I(g->id), DB_I(category_id), DB_I(p->has_position),
	    DB_T(box[0]), DB_T(box[1]), DB_T(box[2]), DB_T(box[3]), DB_T(lon), DB_T(lat),
	    DB_I(NEARBY_METRES), DB_I(p->point_id), DB_I(p->point_id)), res);
}

int
nearby_list(struct app *app, HDF *hdf, const struct gmina_ref *g,
    unsigned long long category_id, const struct place *p)
{
	struct db_result	 res;
	char			 name[64];
	size_t			 i;
	int			 count;

	if (nearby_query_run(app, g, category_id, p, &res) == -1)
		return -1;
	for (i = 0; i < res.rows; i++) {
		snprintf(name, sizeof(name), "Nearby.%zu.Number", i);
		render_set(hdf, name, db_cell(&res, i, 0));
		snprintf(name, sizeof(name), "Nearby.%zu.Status", i);
		render_set(hdf, name, db_cell(&res, i, 1));
		snprintf(name, sizeof(name), "Nearby.%zu.Description", i);
		render_set(hdf, name, db_cell(&res, i, 2));
		snprintf(name, sizeof(name), "Nearby.%zu.Address", i);
		render_set(hdf, name, db_cell(&res, i, 3));
		snprintf(name, sizeof(name), "Nearby.%zu.Distance", i);
		render_set(hdf, name, db_cell(&res, i, 4));
	}
	count = (int)res.rows;
	db_result_free(&res);
	return count;
}

static bool
query_place(struct request *r, struct place *p)
{
	const char		*lat = request_text(r, "lat"), *lon = request_text(r, "lon");
	const struct field	*point = request_field(r, "punkt");
	char			*end;

	memset(p, 0, sizeof(*p));
	if (point != NULL)
		p->point_id = (unsigned long long)point->number;
	if (lat == NULL && lon == NULL)
		return p->point_id != 0;
	if (lat == NULL || lon == NULL)
		return false;
	p->lat = strtod(lat, &end);
	if (*end != '\0' || !isfinite(p->lat) || fabs(p->lat) > 90.0)
		return false;
	p->lon = strtod(lon, &end);
	if (*end != '\0' || !isfinite(p->lon) || fabs(p->lon) > 180.0)
		return false;
	p->has_position = true;
	return true;
}

static void
json_send(struct request *r, json_t *doc)
{
	char	*text = json_dumps(doc, JSON_COMPACT);

	if (text == NULL) {
		r->status = 500;
		return;
	}
	buf_puts(&r->body, text);
	free(text);
	r->content_type = "application/json; charset=utf-8";
	response_header(r, "Cache-Control", "no-store");
}

/*
 * GET /gmina/TERC/zgloszenia/w-poblizu?kategoria=&lat=&lon=[&punkt=]: the nearby
 * open public reports as JSON, for the form's map. Only public fields are sent.
 */
void
api_report_nearby(struct request *r, struct app *app)
{
	struct gmina_ref	 g;
	struct db_result	 res;
	struct place		 p;
	json_t			*doc, *list, *item;
	char			 url[128], status_key[64];
	size_t			 i;

	if (submit_gmina(r, app, &g) != 1)
		return;
	if (!query_place(r, &p)) {
		r->status = 400;
		return;
	}
	if (nearby_query_run(app, &g, (unsigned long long)request_field(r,
	    "kategoria")->number, &p, &res) == -1) {
		r->status = 503;
		return;
	}
	list = json_array();
	for (i = 0; i < res.rows; i++) {
		snprintf(url, sizeof(url), "/gmina/%s/zgloszenia/%s", g.terc,
		    db_cell(&res, i, 0));
		snprintf(status_key, sizeof(status_key), "Report.Status.%s",
		    db_cell(&res, i, 1));
		item = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
		    "number", db_cell(&res, i, 0), "status", db_cell(&res, i, 1),
		    "status_name", lang_text(r->lang, status_key),
		    "description", db_cell(&res, i, 2), "address", db_cell(&res, i, 3),
		    "url", url);
		if (db_cell(&res, i, 4) != NULL)
			json_object_set_new(item, "distance_m",
			    json_integer(db_cell_int(&res, i, 4)));
		json_array_append_new(list, item);
	}
	db_result_free(&res);
	doc = json_pack("{s:o}", "reports", list);
	json_send(r, doc);
	json_decref(doc);
}

int
confirm_link_send(struct request *r, struct app *app, const struct gmina_ref *g,
    unsigned long long report_id, unsigned long long follower_id, const char *purpose,
    const char *email)
{
	char	 token[TOKEN_LEN + 1], hash[65], now[20], expires[20], key[191], url[512];
	char	*text;
	json_t	*payload;
	int	 rc;

	if (token_random(token) == -1)
		return -1;
	token_sha256_hex(token, strlen(token), hash);
	session_datetime(r->now, now);
	session_datetime(r->now + REPORT_CONFIRM_SECONDS, expires);
	if (db_exec(app->db, sql_confirm_insert, DB_ARGS(DB_T(hash), DB_I(g->id),
	    DB_I(report_id), DB_S(purpose), DB_I(follower_id), DB_T(now), DB_T(expires)),
	    NULL, NULL) == -1)
		return -1;
	snprintf(url, sizeof(url), "%s/gmina/%s/zgloszenia/potwierdz/%s",
	    app->conf->base_url, g->terc, token);
	payload = json_pack("{s:s, s:s, s:I}", "url", url, "to", email, "report_id",
	    (json_int_t)report_id);
	if (payload == NULL || (text = json_dumps(payload, JSON_COMPACT)) == NULL) {
		json_decref(payload);
		return -1;
	}
	json_decref(payload);
	/* The hash's start keeps one row per link; the token itself is never a key. */
	snprintf(key, sizeof(key), "report_confirm:%llu:%.16s", follower_id, hash);
	rc = db_exec(app->db, sql_outbox, DB_ARGS(DB_T(key), DB_S(strcmp(purpose,
	    "report") == 0 ? "report_confirm" : "report_follow_confirm"), DB_I(g->id),
	    DB_S(text), DB_T(now), DB_T(now)), NULL, NULL);
	free(text);
	return rc;
}
