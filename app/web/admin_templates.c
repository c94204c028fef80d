/* admin_templates.c: response templates that operators insert into public updates. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "render.h"

static const char sql_templates[] =
    "SELECT t.id, t.title, t.body, COALESCE(u.name, ''), COALESCE(t.unit_id, 0)"
    " FROM response_template t LEFT JOIN unit u ON u.id = t.unit_id"
    " WHERE t.tenant_id = ? ORDER BY u.name IS NOT NULL, u.name, t.sort_order, t.id";
static const char sql_template[] =
    "SELECT id, title, body, COALESCE(unit_id, 0) FROM response_template"
    " WHERE tenant_id = ? AND id = ?";
static const char sql_units[] =
    "SELECT id, name FROM unit WHERE tenant_id = ? AND active = 1 ORDER BY name";
static const char sql_unit_ok[] = "SELECT 1 FROM unit WHERE tenant_id = ? AND id = ?";
static const char sql_add[] =
    "INSERT INTO response_template (tenant_id, unit_id, title, body, sort_order)"
    " SELECT ?, ?, ?, ?, COALESCE(MAX(sort_order) + 1, 0) FROM response_template"
    " WHERE tenant_id = ?";
static const char sql_save[] =
    "UPDATE response_template SET unit_id = ?, title = ?, body = ?"
    " WHERE tenant_id = ? AND id = ?";
static const char sql_delete[] =
    "DELETE FROM response_template WHERE tenant_id = ? AND id = ?";

static int
set_units(HDF *hdf, struct app *app, const struct admin_ctx *ctx)
{
	static const char *const names[] = { "Id", "Name" };
	struct db_result	 res;

	if (db_query(app->db, sql_units, DB_ARGS(DB_I(ctx->tenant_id)), &res) == -1)
		return -1;
	admin_set_rows(hdf, "Units", &res, names, 2);
	db_result_free(&res);
	return 0;
}

static void
templates_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key)
{
	static const char *const names[] = { "Id", "Title", "Body", "Unit", "UnitId" };
	struct db_result	 res;
	HDF			*hdf;
	int			 status = r->status;

	if (db_query(app->db, sql_templates, DB_ARGS(DB_I(ctx->tenant_id)), &res) == -1) {
		r->status = 503;
		return;
	}
	r->status = status;
	hdf = admin_render_begin(r, app, ctx, "admin_templates.cs", "templates", error_key);
	admin_set_rows(hdf, "Templates", &res, names, 5);
	db_result_free(&res);
	if (set_units(hdf, app, ctx) == -1) {
		r->status = 503;
		return;
	}
	if (error_key != NULL)
		admin_keep_form(hdf, r);
	render_page(app->render, r);
}

void
admin_templates(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		templates_page(r, app, &ctx, NULL);
}

/* Checks the template form into *unit; NULL when valid, else the error key. */
static const char *
template_error(struct request *r, struct app *app, const struct admin_ctx *ctx,
    unsigned long long *unit)
{
	const struct field	*u = request_field(r, "unit");
	struct db_result	 res;
	bool			 found;

	*unit = u != NULL ? (unsigned long long)u->number : 0;
	if (*admin_text(r, "title") == '\0')
		return "TemplateTitle";
	if (*admin_text(r, "body") == '\0')
		return "TemplateBody";
	if (*unit == 0)
		return NULL;
	if (db_query(app->db, sql_unit_ok, DB_ARGS(DB_I(ctx->tenant_id), DB_I(*unit)),
	    &res) == -1)
		return "Database";
	found = res.rows == 1;
	db_result_free(&res);
	return found ? NULL : "TemplateUnit";
}

void
admin_template_add(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	unsigned long long	 unit, id;
	const char		*error;
	char			 detail[60];

	if (!admin_begin(r, app, &ctx))
		return;
	if ((error = template_error(r, app, &ctx, &unit)) != NULL) {
		templates_page(r, app, &ctx, error);
		return;
	}
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_add, DB_ARGS(DB_I(ctx.tenant_id), unit ? DB_I(unit) : DB_N(),
	    DB_T(admin_text(r, "title")), DB_T(admin_text(r, "body")), DB_I(ctx.tenant_id)),
	    NULL, &id) == -1) {
		admin_change_fail(r, app);
		return;
	}
	snprintf(detail, sizeof(detail), "template=%llu unit=%llu", id, unit);
	admin_change_end(r, app, &ctx, "template_add", detail, "/szablony");
}

static void
template_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key)
{
	static const char *const names[] = { "Id", "Title", "Body", "UnitId" };
	struct db_result	 res;
	HDF			*hdf;
	int			 status = r->status;

	if (db_query(app->db, sql_template, DB_ARGS(DB_I(ctx->tenant_id),
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
	hdf = admin_render_begin(r, app, ctx, "admin_template.cs", "templates", error_key);
	admin_set_rows(hdf, "Template", &res, names, 4);
	if (error_key == NULL) {
		render_set(hdf, "Form.title", db_cell(&res, 0, 1));
		render_set(hdf, "Form.body", db_cell(&res, 0, 2));
		render_set(hdf, "Form.unit", db_cell(&res, 0, 3));
	} else
		admin_keep_form(hdf, r);
	db_result_free(&res);
	if (set_units(hdf, app, ctx) == -1) {
		r->status = 503;
		return;
	}
	render_page(app->render, r);
}

void
admin_template_edit(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		template_page(r, app, &ctx, NULL);
}

void
admin_template_save(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	struct db_result	 res;
	unsigned long long	 id = (unsigned long long)r->path_args[1].number, unit;
	const char		*error;
	char			 detail[60];
	bool			 found;

	if (!admin_begin(r, app, &ctx))
		return;
	if (db_query(app->db, sql_template, DB_ARGS(DB_I(ctx.tenant_id), DB_I(id)),
	    &res) == -1) {
		r->status = 503;
		return;
	}
	found = res.rows == 1;
	db_result_free(&res);
	if (!found) {
		r->status = 404;
		return;
	}
	if ((error = template_error(r, app, &ctx, &unit)) != NULL) {
		template_page(r, app, &ctx, error);
		return;
	}
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_save, DB_ARGS(unit ? DB_I(unit) : DB_N(),
	    DB_T(admin_text(r, "title")), DB_T(admin_text(r, "body")), DB_I(ctx.tenant_id),
	    DB_I(id)), NULL, NULL) == -1) {
		admin_change_fail(r, app);
		return;
	}
	snprintf(detail, sizeof(detail), "template=%llu unit=%llu", id, unit);
	admin_change_end(r, app, &ctx, "template_save", detail, "/szablony");
}

void
admin_template_delete(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	unsigned long long	 id = (unsigned long long)r->path_args[1].number, removed = 0;
	char			 detail[40];

	if (!admin_begin(r, app, &ctx))
		return;
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
	snprintf(detail, sizeof(detail), "template=%llu", id);
	admin_change_end(r, app, &ctx, "template_delete", detail, "/szablony");
}
