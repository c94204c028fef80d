/* admin_areas.c: routing areas (GeoJSON polygons) and routing rules of a gmina. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "area_shape.h"
#include "render.h"
#include "setup_check.h"

static const char sql_areas[] =
    "SELECT a.id, a.name, ST_NumGeometries(a.shape) IS NOT NULL,"
    " (SELECT COUNT(*) FROM routing_rule r WHERE r.area_id = a.id)"
    " FROM routing_area a WHERE a.tenant_id = ? ORDER BY a.name";
static const char sql_area[] =
    "SELECT id, name, ST_AsGeoJSON(shape) FROM routing_area WHERE tenant_id = ? AND id = ?";
static const char sql_name_taken[] =
    "SELECT 1 FROM routing_area WHERE tenant_id = ? AND name = ? AND id <> ?";
static const char sql_add[] =
    "INSERT INTO routing_area (tenant_id, name, shape) VALUES (?, ?, " AREA_SHAPE_SQL ")";
static const char sql_save[] =
    "UPDATE routing_area SET name = ?, shape = " AREA_SHAPE_SQL
    " WHERE tenant_id = ? AND id = ?";
static const char sql_delete[] = "DELETE FROM routing_area WHERE tenant_id = ? AND id = ?";
static const char sql_centre[] =
    "SELECT ST_Y(ST_Centroid(boundary)), ST_X(ST_Centroid(boundary)) FROM tenant"
    " WHERE id = ? AND boundary IS NOT NULL";

static const char sql_rules[] =
    "SELECT r.id, COALESCE(c.name_pl, ''), COALESCE(c.code, ''), COALESCE(a.name, ''),"
    " u.name, r.priority, u.active"
    " FROM routing_rule r JOIN unit u ON u.id = r.unit_id"
    " LEFT JOIN report_category c ON c.id = r.category_id"
    " LEFT JOIN routing_area a ON a.id = r.area_id WHERE r.tenant_id = ?"
    " ORDER BY (r.category_id IS NOT NULL) + 2 * (r.area_id IS NOT NULL) DESC,"
    " r.priority DESC, r.id";
static const char sql_leaves[] =
    "SELECT c.id, c.name_pl, c.code FROM report_category c WHERE c.tenant_id = ?"
    " AND c.active = 1 AND NOT EXISTS (SELECT 1 FROM report_category k"
    " WHERE k.parent_id = c.id AND k.active = 1) ORDER BY c.name_pl";
static const char sql_area_names[] =
    "SELECT id, name FROM routing_area WHERE tenant_id = ? ORDER BY name";
static const char sql_units[] =
    "SELECT id, name FROM unit WHERE tenant_id = ? AND active = 1 ORDER BY name";
static const char sql_leaf_ok[] =
    "SELECT 1 FROM report_category c WHERE c.tenant_id = ? AND c.id = ? AND NOT EXISTS"
    " (SELECT 1 FROM report_category k WHERE k.parent_id = c.id AND k.active = 1)";
static const char sql_area_ok[] = "SELECT 1 FROM routing_area WHERE tenant_id = ? AND id = ?";
static const char sql_unit_ok[] =
    "SELECT 1 FROM unit WHERE tenant_id = ? AND id = ? AND active = 1";
static const char sql_rule_add[] =
    "INSERT INTO routing_rule (tenant_id, category_id, area_id, unit_id, priority)"
    " VALUES (?, ?, ?, ?, ?)";
static const char sql_rule_delete[] =
    "DELETE FROM routing_rule WHERE tenant_id = ? AND id = ?";

static int
exists(struct app *app, const char *sql, const struct db_param *params, size_t count)
{
	struct db_result	 res;
	int			 rows;

	if (db_query(app->db, sql, params, count, &res) == -1)
		return -1;
	rows = res.rows > 0;
	db_result_free(&res);
	return rows;
}

/*
 * Sets P.Map for the drawing map of the area form: the configured tiles and
 * the centre of the gmina's boundary, or of Poland when it has none.
 */
static void
set_map(HDF *hdf, struct app *app, const struct admin_ctx *ctx)
{
	struct db_result	 res;
	bool			 centred;

	if (app->conf->tile_url == NULL || app->conf->tile_url[0] == '\0')
		return;
	render_set(hdf, "Map.TileUrl", app->conf->tile_url);
	render_set(hdf, "Map.Attribution", app->conf->tile_attribution);
	memset(&res, 0, sizeof(res));
	centred = db_query(app->db, sql_centre, DB_ARGS(DB_I(ctx->tenant_id)), &res) == 0 &&
	    res.rows == 1 && db_cell(&res, 0, 0) != NULL;
	render_set(hdf, "Map.Lat", centred ? db_cell(&res, 0, 0) : "52.1");
	render_set(hdf, "Map.Lon", centred ? db_cell(&res, 0, 1) : "19.4");
	render_set(hdf, "Map.Zoom", centred ? "12" : "6");
	db_result_free(&res);
}

/* Runs a query of the gmina's rows into P.<node>; 0 or -1. */
static int
set_list(HDF *hdf, struct app *app, const struct admin_ctx *ctx, const char *sql,
    const char *node, const char *const *names, size_t count)
{
	struct db_result	 res;

	if (db_query(app->db, sql, DB_ARGS(DB_I(ctx->tenant_id)), &res) == -1)
		return -1;
	admin_set_rows(hdf, node, &res, names, count);
	db_result_free(&res);
	return 0;
}

static void
areas_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key, const struct problem *p)
{
	static const char *const names[] = { "Id", "Name", NULL, "Rules" };
	HDF		*hdf = admin_render_begin(r, app, ctx, "admin_areas.cs", "areas", error_key);
	struct buf	 detail;

	set_map(hdf, app, ctx);
	if (set_list(hdf, app, ctx, sql_areas, "Areas", names, 4) == -1) {
		r->status = 503;
		return;
	}
	if (p != NULL) {
		buf_init(&detail);
		lang_problem(&detail, r->lang, p);
		render_set(hdf, "ErrorDetail", buf_cstr(&detail));
		buf_free(&detail);
	}
	if (error_key != NULL)
		admin_keep_form(hdf, r);
	render_page(app->render, r);
}

void
admin_areas(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		areas_page(r, app, &ctx, NULL, NULL);
}

/*
 * Checks the area form, with the shape through area_shape_parse and the
 * database's geometry checks, into geometry. NULL when valid, else the error
 * key; a shape problem is in *p.
 */
/* NOTE: the map draws one new polygon; holes, parts and edits of corners are pasted. */
static const char *
area_error(struct request *r, struct app *app, const struct admin_ctx *ctx,
    unsigned long long id, struct buf *geometry, struct problem *p)
{
	const char	*name = admin_text(r, "name");
	int		 ok;

	if (*name == '\0')
		return "AreaName";
	if ((ok = exists(app, sql_name_taken, DB_ARGS(DB_I(ctx->tenant_id), DB_T(name),
	    DB_I(id)))) != 0)
		return ok == -1 ? "Database" : "AreaNameTaken";
	if (*admin_text(r, "shape") == '\0')
		return "AreaShapeMissing";
	if (area_shape_parse(admin_text(r, "shape"), geometry, p) != 0)
		return "AreaShape";
	if ((ok = area_shape_check_db(app->db, buf_cstr(geometry), p)) != 0)
		return ok == -1 ? "Database" : "AreaShape";
	return NULL;
}

void
admin_area_add(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	struct problem		 p;
	struct buf		 geometry;
	const char		*error;
	unsigned long long	 id;
	char			 detail[40];

	if (!admin_begin(r, app, &ctx))
		return;
	memset(&p, 0, sizeof(p));
	buf_init(&geometry);
	if ((error = area_error(r, app, &ctx, 0, &geometry, &p)) != NULL) {
		areas_page(r, app, &ctx, error, p.key[0] ? &p : NULL);
		buf_free(&geometry);
		return;
	}
	if (!admin_change_begin(r, app)) {
		buf_free(&geometry);
		return;
	}
	if (db_exec(app->db, sql_add, DB_ARGS(DB_I(ctx.tenant_id), DB_T(admin_text(r, "name")),
	    DB_T(buf_cstr(&geometry))), NULL, &id) == -1) {
		buf_free(&geometry);
		admin_change_fail(r, app);
		return;
	}
	buf_free(&geometry);
	snprintf(detail, sizeof(detail), "area=%llu", id);
	admin_change_end(r, app, &ctx, "area_add", detail, "/obszary");
}

static void
area_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key, const struct problem *p)
{
	static const char *const names[] = { "Id", "Name", "Shape" };
	struct db_result	 res;
	struct buf		 detail;
	HDF			*hdf;
	int			 status = r->status;

	if (db_query(app->db, sql_area, DB_ARGS(DB_I(ctx->tenant_id),
	    DB_I(r->path_args[1].number)), &res) == -1) {
		r->status = 503;
		return;
	}
	if (res.rows != 1) {
		db_result_free(&res);
		r->status = 404;
		return;
	}
	r->status = status;
	hdf = admin_render_begin(r, app, ctx, "admin_area.cs", "areas", error_key);
	set_map(hdf, app, ctx);
	admin_set_rows(hdf, "Area", &res, names, 3);
	if (error_key == NULL) {
		render_set(hdf, "Form.name", db_cell(&res, 0, 1));
		render_set(hdf, "Form.shape", db_cell(&res, 0, 2));
	} else
		admin_keep_form(hdf, r);
	db_result_free(&res);
	if (p != NULL) {
		buf_init(&detail);
		lang_problem(&detail, r->lang, p);
		render_set(hdf, "ErrorDetail", buf_cstr(&detail));
		buf_free(&detail);
	}
	render_page(app->render, r);
}

void
admin_area_edit(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		area_page(r, app, &ctx, NULL, NULL);
}

void
admin_area_save(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	struct problem		 p;
	struct buf		 geometry;
	unsigned long long	 id = (unsigned long long)r->path_args[1].number;
	const char		*error;
	char			 detail[40];
	int			 ok;

	if (!admin_begin(r, app, &ctx))
		return;
	if ((ok = exists(app, sql_area_ok, DB_ARGS(DB_I(ctx.tenant_id), DB_I(id)))) != 1) {
		r->status = ok == 0 ? 404 : 503;
		return;
	}
	memset(&p, 0, sizeof(p));
	buf_init(&geometry);
	if ((error = area_error(r, app, &ctx, id, &geometry, &p)) != NULL) {
		area_page(r, app, &ctx, error, p.key[0] ? &p : NULL);
		buf_free(&geometry);
		return;
	}
	if (!admin_change_begin(r, app)) {
		buf_free(&geometry);
		return;
	}
	ok = db_exec(app->db, sql_save, DB_ARGS(DB_T(admin_text(r, "name")),
	    DB_T(buf_cstr(&geometry)), DB_I(ctx.tenant_id), DB_I(id)), NULL, NULL);
	buf_free(&geometry);
	if (ok == -1) {
		admin_change_fail(r, app);
		return;
	}
	snprintf(detail, sizeof(detail), "area=%llu", id);
	admin_change_end(r, app, &ctx, "area_save", detail, "/obszary");
}

void
admin_area_delete(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	unsigned long long	 id = (unsigned long long)r->path_args[1].number, removed = 0;
	char			 detail[40];

	if (!admin_begin(r, app, &ctx))
		return;
	/* The area's rules go with it (ON DELETE CASCADE). */
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_delete, DB_ARGS(DB_I(ctx.tenant_id), DB_I(id)), &removed,
	    NULL) == -1) {
		admin_change_fail(r, app);
		return;
	}
	if (removed == 0) {
		db_rollback(app->db);
		r->status = 404;
		return;
	}
	snprintf(detail, sizeof(detail), "area=%llu", id);
	admin_change_end(r, app, &ctx, "area_delete", detail, "/obszary");
}

static void
rules_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key)
{
	static const char *const rule_names[] = { "Id", "Category", "Code", "Area", "Unit",
		"Priority", "UnitActive" };
	static const char *const id_name[] = { "Id", "Name", "Code" };
	HDF	*hdf = admin_render_begin(r, app, ctx, "admin_rules.cs", "rules", error_key);

	if (set_list(hdf, app, ctx, sql_rules, "Rules", rule_names, 7) == -1 ||
	    set_list(hdf, app, ctx, sql_leaves, "Categories", id_name, 3) == -1 ||
	    set_list(hdf, app, ctx, sql_area_names, "Areas", id_name, 2) == -1 ||
	    set_list(hdf, app, ctx, sql_units, "Units", id_name, 2) == -1) {
		r->status = 503;
		return;
	}
	if (error_key != NULL)
		admin_keep_form(hdf, r);
	render_page(app->render, r);
}

void
admin_rules(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		rules_page(r, app, &ctx, NULL);
}

/* Checks the rule form; NULL when valid, else the error key. */
static const char *
rule_error(struct request *r, struct app *app, const struct admin_ctx *ctx, long *priority)
{
	const struct field	*category = request_field(r, "category");
	const struct field	*area = request_field(r, "area");
	const struct field	*unit = request_field(r, "unit");
	int			 ok;

	*priority = 0;
	if (unit == NULL)
		return "RuleUnit";
	if (!admin_int(r, "priority", -1000, 1000, priority))
		return "RulePriority";
	if (category != NULL && (ok = exists(app, sql_leaf_ok, DB_ARGS(DB_I(ctx->tenant_id),
	    DB_I(category->number)))) != 1)
		return ok == -1 ? "Database" : "RuleCategory";
	if (area != NULL && (ok = exists(app, sql_area_ok, DB_ARGS(DB_I(ctx->tenant_id),
	    DB_I(area->number)))) != 1)
		return ok == -1 ? "Database" : "RuleArea";
	if ((ok = exists(app, sql_unit_ok, DB_ARGS(DB_I(ctx->tenant_id),
	    DB_I(unit->number)))) != 1)
		return ok == -1 ? "Database" : "RuleUnit";
	return NULL;
}

void
admin_rule_add(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	const struct field	*category, *area;
	const char		*error;
	unsigned long long	 id;
	long			 priority;
	char			 detail[120];

	if (!admin_begin(r, app, &ctx))
		return;
	if ((error = rule_error(r, app, &ctx, &priority)) != NULL) {
		rules_page(r, app, &ctx, error);
		return;
	}
	category = request_field(r, "category");
	area = request_field(r, "area");
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_rule_add, DB_ARGS(DB_I(ctx.tenant_id),
	    category ? DB_I(category->number) : DB_N(), area ? DB_I(area->number) : DB_N(),
	    DB_I(request_field(r, "unit")->number), DB_I(priority)), NULL, &id) == -1) {
		admin_change_fail(r, app);
		return;
	}
	snprintf(detail, sizeof(detail), "rule=%llu category=%lld area=%lld unit=%lld", id,
	    category ? category->number : 0, area ? area->number : 0,
	    request_field(r, "unit")->number);
	admin_change_end(r, app, &ctx, "rule_add", detail, "/reguly");
}

void
admin_rule_delete(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	unsigned long long	 id = (unsigned long long)r->path_args[1].number, removed = 0;
	char			 detail[40];

	if (!admin_begin(r, app, &ctx))
		return;
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_rule_delete, DB_ARGS(DB_I(ctx.tenant_id), DB_I(id)), &removed,
	    NULL) == -1) {
		admin_change_fail(r, app);
		return;
	}
	if (removed == 0) {
		db_rollback(app->db);
		r->status = 404;
		return;
	}
	snprintf(detail, sizeof(detail), "rule=%llu", id);
	admin_change_end(r, app, &ctx, "rule_delete", detail, "/reguly");
}
