/* admin_categories.c: the category tree of a gmina: names, help texts, default units, deadlines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "admin_category.h"
#include "render.h"
#include "setup_check.h"

#define TREE_MAX_DEPTH	8

static const char sql_tree[] =
    "SELECT c.id, COALESCE(c.parent_id, 0), c.code, c.name_pl, c.name_en, c.active,"
    " c.is_public, COALESCE(u.name, ''), c.deadline_days,"
    " (SELECT COUNT(*) FROM category_field f WHERE f.category_id = c.id)"
    " FROM report_category c LEFT JOIN unit u ON u.id = c.default_unit_id"
    " WHERE c.tenant_id = ? ORDER BY c.sort_order, c.name_pl, c.id";
static const char sql_units[] =
    "SELECT id, name FROM unit WHERE tenant_id = ? AND active = 1 ORDER BY name";
static const char sql_category[] =
    "SELECT id, COALESCE(parent_id, 0), code, name_pl, name_en, help_pl, help_en,"
    " keywords, COALESCE(default_unit_id, 0), deadline_days, is_public, active"
    " FROM report_category WHERE tenant_id = ? AND id = ?";
static const char sql_code_taken[] =
    "SELECT 1 FROM report_category WHERE tenant_id = ? AND code = ? AND id <> ?";
static const char sql_parent_of[] =
    "SELECT COALESCE(parent_id, 0) FROM report_category WHERE tenant_id = ? AND id = ?";
static const char sql_unit_ok[] =
    "SELECT 1 FROM unit WHERE tenant_id = ? AND id = ? AND active = 1";
static const char sql_add[] =
    "INSERT INTO report_category (tenant_id, parent_id, code, name_pl, name_en, help_pl,"
    " help_en, keywords, default_unit_id, deadline_days, is_public, active, sort_order)"
    " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, COALESCE(MAX(sort_order) + 1, 0)"
    " FROM report_category WHERE tenant_id = ?";
static const char sql_save[] =
    "UPDATE report_category SET parent_id = ?, code = ?, name_pl = ?, name_en = ?,"
    " help_pl = ?, help_en = ?, keywords = ?, default_unit_id = ?, deadline_days = ?,"
    " is_public = ?, active = ? WHERE tenant_id = ? AND id = ?";
static const char sql_fields[] =
    "SELECT id, code, datatype, required, label_pl, label_en, help_pl, help_en"
    " FROM category_field WHERE tenant_id = ? AND category_id = ? ORDER BY sort_order, id";
static const char sql_values[] =
    "SELECT value_key, name_pl, name_en FROM category_field_value"
    " WHERE tenant_id = ? AND field_id = ? ORDER BY sort_order, value_key";

/* Sets P.Tree.<n> in depth-first order from the rows of sql_tree, with Depth. */
static void
set_tree(HDF *hdf, const struct db_result *rows, unsigned long long parent, int depth,
    size_t *n)
{
	static const char *const names[] = { "Id", "ParentId", "Code", "NamePl", "NameEn",
		"Active", "Public", "Unit", "Deadline", "Fields" };
	char	 path[96];
	size_t	 i, j;

	if (depth > TREE_MAX_DEPTH)
		return;
	for (i = 0; i < rows->rows; i++) {
		if ((unsigned long long)db_cell_int(rows, i, 1) != parent)
			continue;
		for (j = 0; j < 10; j++) {
			snprintf(path, sizeof(path), "Tree.%zu.%s", *n, names[j]);
			render_set(hdf, path, db_cell(rows, i, j));
		}
		snprintf(path, sizeof(path), "Tree.%zu.Depth", *n);
		render_set_int(hdf, path, depth);
		(*n)++;
		set_tree(hdf, rows, (unsigned long long)db_cell_int(rows, i, 0), depth + 1, n);
	}
}

/* Sets P.Tree (every category, for the list and the parent choice) and P.Units. */
static int
set_choices(HDF *hdf, struct app *app, const struct admin_ctx *ctx)
{
	static const char *const unit_names[] = { "Id", "Name" };
	struct db_result	 tree, units;
	size_t			 n = 0;

	if (db_query(app->db, sql_tree, DB_ARGS(DB_I(ctx->tenant_id)), &tree) == -1)
		return -1;
	if (db_query(app->db, sql_units, DB_ARGS(DB_I(ctx->tenant_id)), &units) == -1) {
		db_result_free(&tree);
		return -1;
	}
	set_tree(hdf, &tree, 0, 0, &n);
	admin_set_rows(hdf, "Units", &units, unit_names, 2);
	db_result_free(&tree);
	db_result_free(&units);
	return 0;
}

static void
categories_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key)
{
	HDF	*hdf = admin_render_begin(r, app, ctx, "admin_categories.cs", "categories",
		    error_key);

	if (set_choices(hdf, app, ctx) == -1) {
		r->status = 503;
		return;
	}
	if (error_key != NULL)
		admin_keep_form(hdf, r);
	else
		render_set(hdf, "Form.deadline_days", "14");
	render_page(app->render, r);
}

void
admin_categories(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		categories_page(r, app, &ctx, NULL);
}

/* 1 when the query finds a row, 0 when not, -1 on error. */
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
 * Checks that parent exists in the gmina and is neither id nor one of its
 * descendants, so the tree stays a tree. NULL when fine, else the error key.
 */
static const char *
parent_error(struct app *app, const struct admin_ctx *ctx, unsigned long long id,
    unsigned long long parent)
{
	struct db_result	 res;
	unsigned long long	 at = parent;
	int			 steps;

	for (steps = 0; at != 0; steps++) {
		if (at == id || steps > TREE_MAX_DEPTH)
			return "CategoryParentLoop";
		if (db_query(app->db, sql_parent_of, DB_ARGS(DB_I(ctx->tenant_id), DB_I(at)),
		    &res) == -1)
			return "Database";
		if (res.rows != 1) {
			db_result_free(&res);
			return "CategoryParent";
		}
		at = (unsigned long long)db_cell_int(&res, 0, 0);
		db_result_free(&res);
	}
	return NULL;
}

/* Checks the category form; NULL when valid, else the error key. */
static const char *
category_error(struct request *r, struct app *app, const struct admin_ctx *ctx,
    unsigned long long id, struct category_form *f)
{
	const struct field	*parent = request_field(r, "parent");
	const struct field	*unit = request_field(r, "default_unit");
	int			 ok;

	memset(f, 0, sizeof(*f));
	f->code = admin_text(r, "code");
	f->name_pl = admin_text(r, "name_pl");
	f->name_en = admin_text(r, "name_en");
	f->parent = parent != NULL ? (unsigned long long)parent->number : 0;
	f->unit = unit != NULL ? (unsigned long long)unit->number : 0;
	f->deadline = 14;
	if (!setup_code_ok(f->code))
		return "CategoryCode";
	if (*f->name_pl == '\0' || *f->name_en == '\0')
		return "CategoryName";
	if (!admin_int(r, "deadline_days", 1, SETUP_DEADLINE_MAX, &f->deadline))
		return "CategoryDeadline";
	if ((ok = exists(app, sql_code_taken, DB_ARGS(DB_I(ctx->tenant_id), DB_T(f->code),
	    DB_I(id)))) != 0)
		return ok == -1 ? "Database" : "CategoryCodeTaken";
	if (f->unit != 0 && (ok = exists(app, sql_unit_ok, DB_ARGS(DB_I(ctx->tenant_id),
	    DB_I(f->unit)))) != 1)
		return ok == -1 ? "Database" : "CategoryUnit";
	return parent_error(app, ctx, id, f->parent);
}

void
admin_category_add(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	struct category_form	 f;
	const char		*error;
	unsigned long long	 id;
	char			 detail[40], suffix[40];

	if (!admin_begin(r, app, &ctx))
		return;
	if ((error = category_error(r, app, &ctx, 0, &f)) != NULL) {
		categories_page(r, app, &ctx, error);
		return;
	}
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_add, DB_ARGS(DB_I(ctx.tenant_id),
	    f.parent ? DB_I(f.parent) : DB_N(), DB_T(f.code), DB_T(f.name_pl), DB_T(f.name_en),
	    DB_T(admin_text(r, "help_pl")), DB_T(admin_text(r, "help_en")),
	    DB_T(admin_text(r, "keywords")), f.unit ? DB_I(f.unit) : DB_N(), DB_I(f.deadline),
	    DB_I(admin_checked(r, "public")), DB_I(ctx.tenant_id)), NULL, &id) == -1) {
		admin_change_fail(r, app);
		return;
	}
	snprintf(detail, sizeof(detail), "category=%llu", id);
	snprintf(suffix, sizeof(suffix), "/kategorie/%llu", id);
	admin_change_end(r, app, &ctx, "category_add", detail, suffix);
}

/* Sets P.Fields.<i> with the field's values as "key | name | name" lines in Values. */
static int
set_fields(HDF *hdf, struct app *app, const struct admin_ctx *ctx, unsigned long long id)
{
	static const char *const names[] = { "Id", "Code", "Datatype", "Required", "LabelPl",
		"LabelEn", "HelpPl", "HelpEn" };
	struct db_result	 fields, values;
	struct buf		 lines;
	char			 path[64];
	size_t			 i, j;

	if (db_query(app->db, sql_fields, DB_ARGS(DB_I(ctx->tenant_id), DB_I(id)),
	    &fields) == -1)
		return -1;
	admin_set_rows(hdf, "Fields", &fields, names, 8);
	for (i = 0; i < fields.rows; i++) {
		if (db_query(app->db, sql_values, DB_ARGS(DB_I(ctx->tenant_id),
		    DB_I(db_cell_int(&fields, i, 0))), &values) == -1) {
			db_result_free(&fields);
			return -1;
		}
		buf_init(&lines);
		for (j = 0; j < values.rows; j++)
			buf_printf(&lines, "%s | %s | %s\n", db_cell(&values, j, 0),
			    db_cell(&values, j, 1), db_cell(&values, j, 2));
		snprintf(path, sizeof(path), "Fields.%zu.Values", i);
		render_set(hdf, path, buf_cstr(&lines));
		buf_free(&lines);
		db_result_free(&values);
	}
	db_result_free(&fields);
	return 0;
}

void
admin_category_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key, unsigned long long field_form)
{
	static const char *const form_names[] = { "id", "parent", "code", "name_pl",
		"name_en", "help_pl", "help_en", "keywords", "default_unit", "deadline_days",
		"public", "active" };
	struct db_result	 res;
	unsigned long long	 id = (unsigned long long)r->path_args[1].number;
	HDF			*hdf;
	char			 path[40];
	size_t			 j;
	int			 status = r->status;

	if (db_query(app->db, sql_category, DB_ARGS(DB_I(ctx->tenant_id), DB_I(id)),
	    &res) == -1) {
		r->status = 503;
		return;
	}
	if (res.rows != 1) {
		db_result_free(&res);
		r->status = 404;
		return;
	}
	r->status = status;
	hdf = admin_render_begin(r, app, ctx, "admin_category.cs", "categories", error_key);
	admin_set_rows(hdf, "Category", &res, form_names, 12);
	/* The category form shows the stored values unless this very form was rejected. */
	for (j = 0; j < 12 && !(error_key != NULL && field_form == 0); j++) {
		snprintf(path, sizeof(path), "Form.%s", form_names[j]);
		render_set(hdf, path, db_cell(&res, 0, j));
	}
	db_result_free(&res);
	if (error_key != NULL)
		admin_keep_form(hdf, r);
	render_set_int(hdf, "FieldForm", (long long)field_form);
	if (set_choices(hdf, app, ctx) == -1 || set_fields(hdf, app, ctx, id) == -1) {
		r->status = 503;
		return;
	}
	render_page(app->render, r);
}

void
admin_category_edit(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		admin_category_page(r, app, &ctx, NULL, 0);
}

void
admin_category_save(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	struct category_form	 f;
	unsigned long long	 id = (unsigned long long)r->path_args[1].number;
	unsigned long long	 changed = 0;
	const char		*error;
	char			 detail[60], suffix[40];
	int			 ok;

	if (!admin_begin(r, app, &ctx))
		return;
	if ((ok = exists(app, sql_category, DB_ARGS(DB_I(ctx.tenant_id), DB_I(id)))) != 1) {
		r->status = ok == 0 ? 404 : 503;
		return;
	}
	if ((error = category_error(r, app, &ctx, id, &f)) != NULL) {
		admin_category_page(r, app, &ctx, error, 0);
		return;
	}
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_save, DB_ARGS(f.parent ? DB_I(f.parent) : DB_N(),
	    DB_T(f.code), DB_T(f.name_pl), DB_T(f.name_en), DB_T(admin_text(r, "help_pl")),
	    DB_T(admin_text(r, "help_en")), DB_T(admin_text(r, "keywords")),
	    f.unit ? DB_I(f.unit) : DB_N(), DB_I(f.deadline), DB_I(admin_checked(r, "public")),
	    DB_I(admin_checked(r, "active")), DB_I(ctx.tenant_id), DB_I(id)),
	    &changed, NULL) == -1) {
		admin_change_fail(r, app);
		return;
	}
	snprintf(detail, sizeof(detail), "category=%llu parent=%llu", id, f.parent);
	snprintf(suffix, sizeof(suffix), "/kategorie/%llu", id);
	admin_change_end(r, app, &ctx, "category_save", detail, suffix);
}
