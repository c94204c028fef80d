/* office_fields.c: the extra category fields of a report, with their labels, for staff. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "office.h"
#include "render.h"

/* Every field of the category, with each value of a list field on its own row. */
static const char sql_fields[] =
    "SELECT f.code, f.label_pl, f.label_en, v.value_key, v.name_pl, v.name_en"
    " FROM category_field f LEFT JOIN category_field_value v"
    "  ON v.tenant_id = f.tenant_id AND v.field_id = f.id"
    " WHERE f.tenant_id = ? AND f.category_id = ?"
    " ORDER BY f.sort_order, f.id, v.sort_order, v.value_key";

/* The name of a list value of field code, or the value itself when unknown. */
static const char *
value_name(const struct db_result *res, const char *code, const char *key, enum lang lang)
{
	size_t	 i;

	for (i = 0; i < res->rows; i++)
		if (strcmp(db_cell(res, i, 0), code) == 0 && db_cell(res, i, 3) != NULL &&
		    strcmp(db_cell(res, i, 3), key) == 0)
			return db_cell(res, i, lang == LANG_EN ? 5 : 4);
	return key;
}

/* Appends a stored value as text: a string, a number, or a list of list values. */
static void
value_text(struct buf *out, const struct db_result *res, const char *code, json_t *value,
    enum lang lang)
{
	size_t	 i;
	json_t	*item;

	if (json_is_string(value)) {
		buf_puts(out, value_name(res, code, json_string_value(value), lang));
	} else if (json_is_array(value)) {
		json_array_foreach(value, i, item) {
			if (i > 0)
				buf_puts(out, ", ");
			if (json_is_string(item))
				buf_puts(out, value_name(res, code, json_string_value(item), lang));
		}
	} else if (json_is_integer(value)) {
		buf_printf(out, "%lld", (long long)json_integer_value(value));
	} else if (json_is_real(value)) {
		buf_printf(out, "%g", json_real_value(value));
	}
}

static void
set_field(HDF *hdf, size_t n, const char *label, const struct buf *value)
{
	char	 path[48];

	snprintf(path, sizeof(path), "Fields.%zu.Label", n);
	render_set(hdf, path, label);
	snprintf(path, sizeof(path), "Fields.%zu.Value", n);
	render_set(hdf, path, buf_cstr(value));
}

int
office_set_fields(HDF *hdf, struct app *app, enum lang lang, unsigned long long tenant_id,
    unsigned long long category_id, const char *attributes)
{
	struct db_result	 res;
	struct buf		 value;
	json_t			*root, *item;
	const char		*code, *previous = "";
	size_t			 i, n = 0;

	if (attributes == NULL || (root = json_loads(attributes, 0, NULL)) == NULL)
		return 0;
	if (db_query(app->db, sql_fields, DB_ARGS(DB_I(tenant_id), DB_I(category_id)),
	    &res) == -1) {
		json_decref(root);
		return -1;
	}
	buf_init(&value);
	/* Fields of the category first, in its order; one row per list value. */
	for (i = 0; i < res.rows; i++) {
		code = db_cell(&res, i, 0);
		if (strcmp(code, previous) == 0)
			continue;
		previous = code;
		if ((item = json_object_get(root, code)) == NULL)
			continue;
		buf_reset(&value);
		value_text(&value, &res, code, item, lang);
		set_field(hdf, n++, db_cell(&res, i, lang == LANG_EN ? 2 : 1), &value);
		json_object_del(root, code);
	}
	/* Values of fields the category no longer has, under their codes. */
	json_object_foreach(root, code, item) {
		buf_reset(&value);
		value_text(&value, &res, code, item, lang);
		set_field(hdf, n++, code, &value);
	}
	buf_free(&value);
	db_result_free(&res);
	json_decref(root);
	return 0;
}
