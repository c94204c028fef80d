/* open311.c: Open311 discovery, the service list and service definitions of a gmina. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "open311.h"
#include "open311_service.h"

/* The date of the last change of this API's behaviour, for the discovery changeset. */
#define OPEN311_CHANGESET	"2026-12-04T00:00:00+01:00"

void
open311_discovery(struct request *r, struct app *app)
{
	struct buf	 url;
	json_t		*endpoint;

	buf_init(&url);
	buf_printf(&url, "%s%.*s", app->conf->base_url, (int)strlen(OPEN311_PREFIX) - 1,
	    OPEN311_PREFIX);
	endpoint = json_pack("{s:s, s:s, s:s, s:s, s:[s, s]}",
	    "specification", "http://wiki.open311.org/GeoReport_v2",
	    "url", buf_cstr(&url), "changeset", OPEN311_CHANGESET, "type", "production",
	    "formats", "text/xml", "application/json");
	open311_send(r, "discovery", json_pack("{s:s, s:s, s:s, s:[o]}",
	    "changeset", OPEN311_CHANGESET,
	    "contact", lang_text(r->lang, "Open311.Contact"),
	    "key_service", lang_text(r->lang, "Open311.KeyService"),
	    "endpoints", endpoint));
	buf_free(&url);
}

static const char sql_services[] =
    "SELECT c.code, c.name_pl, c.name_en, c.help_pl, c.help_en, c.keywords,"
    " p.name_pl, p.name_en,"
    " EXISTS (SELECT 1 FROM category_field f WHERE f.tenant_id = c.tenant_id"
    "  AND f.category_id = c.id)"
    " FROM report_category c LEFT JOIN report_category p ON p.id = c.parent_id"
    " WHERE c.tenant_id = ? AND " OPEN311_SERVICE_SQL
    " ORDER BY p.sort_order, p.id, c.sort_order, c.id";

static json_t *
service_json(const struct db_result *res, size_t row, enum lang l)
{
	bool	 en = l == LANG_EN;

	return json_pack("{s:s, s:s, s:o, s:b, s:s, s:o, s:o}",
	    "service_code", db_cell(res, row, 0),
	    "service_name", db_cell(res, row, en ? 2 : 1),
	    "description", open311_string_or_null(db_cell(res, row, en ? 4 : 3)),
	    "metadata", db_cell_int(res, row, 8) != 0, "type", "realtime",
	    "keywords", open311_string_or_null(db_cell(res, row, 5)),
	    "group", open311_string_or_null(db_cell(res, row, en ? 7 : 6)));
}

void
open311_services(struct request *r, struct app *app)
{
	struct db_result	 res;
	unsigned long long	 tenant_id;
	json_t			*list;
	size_t			 i;

	if ((tenant_id = open311_jurisdiction(r, app)) == 0)
		return;
	if (db_query(app->db, sql_services, DB_ARGS(DB_I(tenant_id)), &res) == -1) {
		open311_error(r, 500, "Unavailable", NULL);
		return;
	}
	list = json_array();
	for (i = 0; i < res.rows; i++)
		json_array_append_new(list, service_json(&res, i, r->lang));
	db_result_free(&res);
	open311_send(r, "services", list);
}

void
open311_service(struct request *r, struct app *app)
{
	unsigned long long	 tenant_id, category_id;
	json_t			*definition = NULL;
	int			 rc;

	if ((tenant_id = open311_jurisdiction(r, app)) == 0)
		return;
	rc = open311_definition_load(app->db, tenant_id, request_text(r, "code"), r->lang,
	    &category_id, &definition);
	if (rc == -1)
		open311_error(r, 500, "Unavailable", NULL);
	else if (rc == 0)
		open311_error(r, 404, "UnknownService", request_text(r, "code"));
	else
		open311_send(r, "service_definition", definition);
}
