/* admin_units.c: the admin start page and the units of a gmina (departments, outside institutions). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "render.h"
#include "setup_check.h"

static const char sql_counts[] =
    "SELECT (SELECT COUNT(*) FROM unit WHERE tenant_id = ? AND active = 1),"
    " (SELECT COUNT(*) FROM account_role WHERE tenant_id = ?),"
    " (SELECT COUNT(*) FROM report_category WHERE tenant_id = ? AND active = 1),"
    " (SELECT COUNT(*) FROM routing_area WHERE tenant_id = ?),"
    " (SELECT COUNT(*) FROM routing_rule WHERE tenant_id = ?),"
    " (SELECT COUNT(*) FROM response_template WHERE tenant_id = ?)";
static const char sql_units[] =
    "SELECT u.id, u.name, u.kind, COALESCE(u.email, ''), u.is_triage, u.active,"
    " (SELECT COUNT(*) FROM account_role r WHERE r.unit_id = u.id)"
    " FROM unit u WHERE u.tenant_id = ? ORDER BY u.active DESC, u.is_triage DESC, u.name";
static const char sql_unit[] =
    "SELECT id, name, kind, COALESCE(email, ''), is_triage, active FROM unit"
    " WHERE tenant_id = ? AND id = ?";
static const char sql_name_taken[] =
    "SELECT 1 FROM unit WHERE tenant_id = ? AND name = ? AND id <> ?";
static const char sql_add[] =
    "INSERT INTO unit (tenant_id, name, kind, email, is_triage, active)"
    " VALUES (?, ?, ?, ?, 0, 1)";
static const char sql_save[] =
    "UPDATE unit SET name = ?, kind = ?, email = ?, active = ? WHERE tenant_id = ? AND id = ?";

static const char *const unit_columns[] = { "Id", "Name", "Kind", "Email", "Triage",
	"Active", "Operators" };

void
admin_index(struct request *r, struct app *app)
{
	static const char *const names[] = { "Units", "Roles", "Categories", "Areas",
		"Rules", "Templates" };
	struct admin_ctx	 ctx;
	struct db_result	 res;
	HDF			*hdf;
	unsigned long long	 t;

	if (!admin_begin(r, app, &ctx))
		return;
	t = ctx.tenant_id;
	if (db_query(app->db, sql_counts, DB_ARGS(DB_I(t), DB_I(t), DB_I(t), DB_I(t), DB_I(t),
	    DB_I(t)), &res) == -1) {
		r->status = 503;
		return;
	}
	hdf = admin_render_begin(r, app, &ctx, "admin_index.cs", "index", NULL);
	admin_set_rows(hdf, "Counts", &res, names, 6);
	db_result_free(&res);
	render_page(app->render, r);
}

/* Renders the unit list with the add form; error_key set after a rejected add. */
static void
units_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key)
{
	struct db_result	 res;
	HDF			*hdf;
	int			 status = r->status;

	if (db_query(app->db, sql_units, DB_ARGS(DB_I(ctx->tenant_id)), &res) == -1) {
		r->status = 503;
		return;
	}
	r->status = status;
	hdf = admin_render_begin(r, app, ctx, "admin_units.cs", "units", error_key);
	admin_set_rows(hdf, "Units", &res, unit_columns, 7);
	db_result_free(&res);
	if (error_key != NULL)
		admin_keep_form(hdf, r);
	render_page(app->render, r);
}

void
admin_units(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		units_page(r, app, &ctx, NULL);
}

/* Checks the unit form; NULL when valid, else the error key. */
static const char *
unit_form_error(struct request *r, struct app *app, const struct admin_ctx *ctx,
    unsigned long long id)
{
	struct db_result	 res;
	const char		*name = admin_text(r, "name"), *kind = admin_text(r, "kind");
	const char		*email = admin_text(r, "email");
	bool			 taken;

	if (*name == '\0')
		return "UnitName";
	if (strcmp(kind, "department") != 0 && strcmp(kind, "external") != 0)
		return "UnitKind";
	if (*email != '\0' && !setup_email_ok(email))
		return "UnitEmail";
	if (db_query(app->db, sql_name_taken, DB_ARGS(DB_I(ctx->tenant_id), DB_T(name),
	    DB_I(id)), &res) == -1)
		return "Database";
	taken = res.rows > 0;
	db_result_free(&res);
	return taken ? "UnitNameTaken" : NULL;
}

void
admin_unit_add(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	const char		*error, *email;
	unsigned long long	 id;
	char			 detail[40];

	if (!admin_begin(r, app, &ctx))
		return;
	if ((error = unit_form_error(r, app, &ctx, 0)) != NULL) {
		units_page(r, app, &ctx, error);
		return;
	}
	email = admin_text(r, "email");
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_add, DB_ARGS(DB_I(ctx.tenant_id), DB_T(admin_text(r, "name")),
	    DB_T(admin_text(r, "kind")), *email ? DB_T(email) : DB_N()), NULL, &id) == -1) {
		admin_change_fail(r, app);
		return;
	}
	snprintf(detail, sizeof(detail), "unit=%llu", id);
	admin_change_end(r, app, &ctx, "unit_add", detail, "/jednostki");
}

/* Renders the edit form of a unit: values from the database, or the rejected form. */
static void
unit_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key)
{
	static const char *const names[] = { "id", "name", "kind", "email", "triage", "active" };
	struct db_result	 res;
	HDF			*hdf;
	int			 status = r->status;

	if (db_query(app->db, sql_unit, DB_ARGS(DB_I(ctx->tenant_id),
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
	hdf = admin_render_begin(r, app, ctx, "admin_unit.cs", "units", error_key);
	admin_set_rows(hdf, "Unit", &res, names, 6);
	if (error_key != NULL)
		admin_keep_form(hdf, r);
	else {
		render_set(hdf, "Form.name", db_cell(&res, 0, 1));
		render_set(hdf, "Form.kind", db_cell(&res, 0, 2));
		render_set(hdf, "Form.email", db_cell(&res, 0, 3));
		render_set(hdf, "Form.active", db_cell(&res, 0, 5));
	}
	db_result_free(&res);
	render_page(app->render, r);
}

void
admin_unit_edit(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		unit_page(r, app, &ctx, NULL);
}

void
admin_unit_save(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	struct db_result	 res;
	unsigned long long	 id = (unsigned long long)r->path_args[1].number;
	const char		*error, *email;
	bool			 triage, active = admin_checked(r, "active");
	char			 detail[60];

	if (!admin_begin(r, app, &ctx))
		return;
	if (db_query(app->db, sql_unit, DB_ARGS(DB_I(ctx.tenant_id), DB_I(id)), &res) == -1) {
		r->status = 503;
		return;
	}
	if (res.rows != 1) {
		db_result_free(&res);
		r->status = 404;
		return;
	}
	triage = db_cell_int(&res, 0, 4) == 1;
	db_result_free(&res);
	error = unit_form_error(r, app, &ctx, id);
	/*
	 * The triage unit receives what routing cannot place, so it stays active.
	 * NOTE: the triage role moves to another unit only with ratuszctl gmina-setup.
	 */
	if (error == NULL && triage && !active)
		error = "TriageActive";
	if (error != NULL) {
		unit_page(r, app, &ctx, error);
		return;
	}
	email = admin_text(r, "email");
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_save, DB_ARGS(DB_T(admin_text(r, "name")),
	    DB_T(admin_text(r, "kind")), *email ? DB_T(email) : DB_N(), DB_I(active),
	    DB_I(ctx.tenant_id), DB_I(id)), NULL, NULL) == -1) {
		admin_change_fail(r, app);
		return;
	}
	snprintf(detail, sizeof(detail), "unit=%llu active=%d", id, active ? 1 : 0);
	admin_change_end(r, app, &ctx, "unit_save", detail, "/jednostki");
}
