/* admin_fields.c: the extra fields of a category (Open311 attributes) and their list values. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "admin_category.h"
#include "setup_check.h"
#include "text.h"

#define VALUES_MAX	100

/* One parsed line "key | nazwa | name" of the values box, pointing into a copy. */
struct field_value {
	char	*key, *name_pl, *name_en;
};

/* The checked field form. */
struct field_form {
	const char	*code, *datatype;
	char		 values_copy[20000];
	struct field_value values[VALUES_MAX];
	size_t		 value_count;
};

static const char sql_category[] =
    "SELECT 1 FROM report_category WHERE tenant_id = ? AND id = ?";
static const char sql_field[] =
    "SELECT 1 FROM category_field WHERE tenant_id = ? AND category_id = ? AND id = ?";
static const char sql_code_taken[] =
    "SELECT 1 FROM category_field WHERE tenant_id = ? AND category_id = ? AND code = ?"
    " AND id <> ?";
static const char sql_add[] =
    "INSERT INTO category_field (tenant_id, category_id, code, datatype, required, label_pl,"
    " label_en, help_pl, help_en, sort_order) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " COALESCE(MAX(sort_order) + 1, 0) FROM category_field WHERE category_id = ?";
static const char sql_save[] =
    "UPDATE category_field SET code = ?, datatype = ?, required = ?, label_pl = ?,"
    " label_en = ?, help_pl = ?, help_en = ? WHERE tenant_id = ? AND id = ?";
static const char sql_values_clear[] =
    "DELETE FROM category_field_value WHERE tenant_id = ? AND field_id = ?";
static const char sql_value_add[] =
    "INSERT INTO category_field_value (tenant_id, field_id, value_key, name_pl, name_en,"
    " sort_order) VALUES (?, ?, ?, ?, ?, ?)";
static const char sql_delete[] =
    "DELETE FROM category_field WHERE tenant_id = ? AND category_id = ? AND id = ?";

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

static char *
trim(char *s)
{
	char	*end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/* Parses one "key | nazwa | name" line into v; false when it is malformed. */
static bool
parse_value(char *line, struct field_value *v)
{
	char	*bar1 = strchr(line, '|'), *bar2;

	if (bar1 == NULL || (bar2 = strchr(bar1 + 1, '|')) == NULL ||
	    strchr(bar2 + 1, '|') != NULL)
		return false;
	*bar1 = *bar2 = '\0';
	v->key = trim(line);
	v->name_pl = trim(bar1 + 1);
	v->name_en = trim(bar2 + 1);
	return setup_code_ok(v->key) &&
	    setup_text_ok(v->name_pl, SETUP_VALUE_NAME_MAX, false, false) &&
	    setup_text_ok(v->name_en, SETUP_VALUE_NAME_MAX, false, false);
}

/* Parses the values box into f; NULL when valid, else the error key. */
static const char *
parse_values(struct field_form *f, const char *text)
{
	char	*line, *next;
	size_t	 i;

	snprintf(f->values_copy, sizeof(f->values_copy), "%s", text);
	for (line = f->values_copy; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*trim(line) == '\0')
			continue;
		if (f->value_count == VALUES_MAX)
			return "FieldTooManyValues";
		if (!parse_value(line, &f->values[f->value_count]))
			return "FieldValue";
		for (i = 0; i < f->value_count; i++)
			if (strcmp(f->values[i].key, f->values[f->value_count].key) == 0)
				return "FieldValueTwice";
		f->value_count++;
	}
	return NULL;
}

/* Checks the field form of a category; NULL when valid, else the error key. */
static const char *
field_error(struct request *r, struct app *app, const struct admin_ctx *ctx,
    unsigned long long category, unsigned long long id, struct field_form *f)
{
	const char	*error;
	int		 ok;

	f->code = admin_text(r, "f_code");
	f->datatype = admin_text(r, "f_datatype");
	f->value_count = 0;
	if (!setup_code_ok(f->code))
		return "FieldCode";
	if (!setup_datatype_ok(f->datatype))
		return "FieldDatatype";
	if (*admin_text(r, "f_label_pl") == '\0' || *admin_text(r, "f_label_en") == '\0')
		return "FieldLabel";
	if ((error = parse_values(f, admin_text(r, "f_values"))) != NULL)
		return error;
	if (setup_datatype_is_list(f->datatype) != (f->value_count > 0))
		return setup_datatype_is_list(f->datatype) ? "FieldNoValues" : "FieldValuesNotList";
	if ((ok = exists(app, sql_code_taken, DB_ARGS(DB_I(ctx->tenant_id), DB_I(category),
	    DB_T(f->code), DB_I(id)))) != 0)
		return ok == -1 ? "Database" : "FieldCodeTaken";
	return NULL;
}

/* Replaces the list values of a field; 0 or -1. */
static int
store_values(struct app *app, const struct admin_ctx *ctx, unsigned long long id,
    const struct field_form *f)
{
	size_t	 i;

	if (db_exec(app->db, sql_values_clear, DB_ARGS(DB_I(ctx->tenant_id), DB_I(id)),
	    NULL, NULL) == -1)
		return -1;
	for (i = 0; i < f->value_count; i++)
		if (db_exec(app->db, sql_value_add, DB_ARGS(DB_I(ctx->tenant_id), DB_I(id),
		    DB_T(f->values[i].key), DB_T(f->values[i].name_pl), DB_T(f->values[i].name_en),
		    DB_I(i)), NULL, NULL) == -1)
			return -1;
	return 0;
}

/* Finishes a change of a field: audit row, commit, back to the category page. */
static void
field_done(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *event, unsigned long long category, unsigned long long id)
{
	char	 detail[80], suffix[40];

	snprintf(detail, sizeof(detail), "category=%llu field=%llu", category, id);
	snprintf(suffix, sizeof(suffix), "/kategorie/%llu", category);
	admin_change_end(r, app, ctx, event, detail, suffix);
}

/* Checks the category (and field, when id is set) of the path; false with 404/503. */
static bool
path_ok(struct request *r, struct app *app, const struct admin_ctx *ctx,
    unsigned long long category, unsigned long long id)
{
	int	 ok = id == 0 ?
	    exists(app, sql_category, DB_ARGS(DB_I(ctx->tenant_id), DB_I(category))) :
	    exists(app, sql_field, DB_ARGS(DB_I(ctx->tenant_id), DB_I(category), DB_I(id)));

	if (ok != 1)
		r->status = ok == 0 ? 404 : 503;
	return ok == 1;
}

void
admin_field_add(struct request *r, struct app *app)
{
	static struct field_form f;
	struct admin_ctx	 ctx;
	unsigned long long	 category = (unsigned long long)r->path_args[1].number, id;
	const char		*error;

	if (!admin_begin(r, app, &ctx) || !path_ok(r, app, &ctx, category, 0))
		return;
	if ((error = field_error(r, app, &ctx, category, 0, &f)) != NULL) {
		admin_category_page(r, app, &ctx, error, FIELD_FORM_NEW);
		return;
	}
	if (db_begin(app->db) == -1) {
		r->status = 503;
		return;
	}
	if (db_exec(app->db, sql_add, DB_ARGS(DB_I(ctx.tenant_id), DB_I(category),
	    DB_T(f.code), DB_T(f.datatype), DB_I(admin_checked(r, "f_required")),
	    DB_T(admin_text(r, "f_label_pl")), DB_T(admin_text(r, "f_label_en")),
	    DB_T(admin_text(r, "f_help_pl")), DB_T(admin_text(r, "f_help_en")),
	    DB_I(category)), NULL, &id) == -1 || store_values(app, &ctx, id, &f) == -1) {
		db_rollback(app->db);
		r->status = 503;
		return;
	}
	field_done(r, app, &ctx, "field_add", category, id);
}

void
admin_field_save(struct request *r, struct app *app)
{
	static struct field_form f;
	struct admin_ctx	 ctx;
	unsigned long long	 category = (unsigned long long)r->path_args[1].number;
	unsigned long long	 id = (unsigned long long)r->path_args[2].number;
	const char		*error;

	if (!admin_begin(r, app, &ctx) || !path_ok(r, app, &ctx, category, id))
		return;
	if ((error = field_error(r, app, &ctx, category, id, &f)) != NULL) {
		admin_category_page(r, app, &ctx, error, id);
		return;
	}
	if (db_begin(app->db) == -1) {
		r->status = 503;
		return;
	}
	if (db_exec(app->db, sql_save, DB_ARGS(DB_T(f.code), DB_T(f.datatype),
	    DB_I(admin_checked(r, "f_required")), DB_T(admin_text(r, "f_label_pl")),
	    DB_T(admin_text(r, "f_label_en")), DB_T(admin_text(r, "f_help_pl")),
	    DB_T(admin_text(r, "f_help_en")), DB_I(ctx.tenant_id), DB_I(id)),
	    NULL, NULL) == -1 || store_values(app, &ctx, id, &f) == -1) {
		db_rollback(app->db);
		r->status = 503;
		return;
	}
	field_done(r, app, &ctx, "field_save", category, id);
}

void
admin_field_delete(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	unsigned long long	 category = (unsigned long long)r->path_args[1].number;
	unsigned long long	 id = (unsigned long long)r->path_args[2].number;

	if (!admin_begin(r, app, &ctx) || !path_ok(r, app, &ctx, category, id))
		return;
	/* NOTE: values of this field already stored in reports' attributes stay there. */
	if (db_begin(app->db) == -1 || db_exec(app->db, sql_delete, DB_ARGS(DB_I(ctx.tenant_id),
	    DB_I(category), DB_I(id)), NULL, NULL) == -1) {
		db_rollback(app->db);
		r->status = 503;
		return;
	}
	field_done(r, app, &ctx, "field_delete", category, id);
}
