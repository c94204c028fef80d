/* report_category.c: the gmina's category tree on the report form and the checks of extra fields. */
#include "cs.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render.h"
#include "report_submit.h"
#include "text.h"

/* Children of a group (parent NULL: the top level) and whether each is a group itself. */
static const char sql_children[] =
    "SELECT c.id, IF(? = 'en', c.name_en, c.name_pl), IF(? = 'en', c.help_en, c.help_pl),"
    " EXISTS (SELECT 1 FROM report_category k WHERE k.tenant_id = c.tenant_id"
    "  AND k.parent_id = c.id AND k.active = 1)"
    " FROM report_category c WHERE c.tenant_id = ? AND c.active = 1"
    " AND c.parent_id <=> ? ORDER BY c.sort_order, c.id";
static const char sql_group[] =
    "SELECT IF(? = 'en', name_en, name_pl), COALESCE(parent_id, 0) FROM report_category"
    " WHERE tenant_id = ? AND id = ? AND active = 1";
static const char sql_leaf[] =
    "SELECT c.id, IF(? = 'en', c.name_en, c.name_pl), IF(? = 'en', c.help_en, c.help_pl),"
    " c.is_public FROM report_category c WHERE c.tenant_id = ? AND c.id = ?"
    " AND c.active = 1 AND NOT EXISTS (SELECT 1 FROM report_category k"
    "  WHERE k.tenant_id = c.tenant_id AND k.parent_id = c.id AND k.active = 1)";
/* Every leaf sql_leaf accepts, for the choice on a form whose category is gone. */
static const char sql_leaves[] =
    "SELECT c.id, IF(? = 'en', c.name_en, c.name_pl) FROM report_category c"
    " WHERE c.tenant_id = ? AND c.active = 1 AND NOT EXISTS (SELECT 1"
    "  FROM report_category k WHERE k.tenant_id = c.tenant_id AND k.parent_id = c.id"
    "  AND k.active = 1) ORDER BY c.sort_order, c.id";
static const char sql_fields[] =
    "SELECT id, code, datatype, required, IF(? = 'en', label_en, label_pl),"
    " IF(? = 'en', help_en, help_pl) FROM category_field"
    " WHERE tenant_id = ? AND category_id = ? ORDER BY sort_order, id LIMIT 16";
static const char sql_values[] =
    "SELECT v.field_id, v.value_key, IF(? = 'en', v.name_en, v.name_pl)"
    " FROM category_field_value v JOIN category_field f ON f.id = v.field_id"
    " WHERE f.tenant_id = ? AND f.category_id = ? AND v.tenant_id = f.tenant_id"
    " ORDER BY v.field_id, v.sort_order, v.value_key";

/* Longest value of a string field and of a text field, in characters. */
#define FIELD_STRING_MAX	200
#define FIELD_TEXT_MAX		2000

int
category_tree(struct app *app, HDF *hdf, enum lang lang, unsigned long long tenant_id,
    unsigned long long parent_id)
{
	struct db_result	 res;
	const char		*code = lang_code(lang);
	char			 name[64];
	size_t			 i;

	if (parent_id != 0) {
		if (db_query(app->db, sql_group, DB_ARGS(DB_S(code), DB_I(tenant_id),
		    DB_I(parent_id)), &res) == -1)
			return -1;
		if (res.rows == 0) {
			db_result_free(&res);
			return 0;
		}
		render_set_int(hdf, "Group.Id", (long long)parent_id);
		render_set(hdf, "Group.Name", db_cell(&res, 0, 0));
		render_set_int(hdf, "Group.Parent", db_cell_int(&res, 0, 1));
		db_result_free(&res);
	}
	if (db_query(app->db, sql_children, DB_ARGS(DB_S(code), DB_S(code), DB_I(tenant_id),
	    parent_id ? DB_I(parent_id) : DB_N()), &res) == -1)
		return -1;
	for (i = 0; i < res.rows; i++) {
		snprintf(name, sizeof(name), "Tree.%zu.Id", i);
		render_set(hdf, name, db_cell(&res, i, 0));
		snprintf(name, sizeof(name), "Tree.%zu.Name", i);
		render_set(hdf, name, db_cell(&res, i, 1));
		snprintf(name, sizeof(name), "Tree.%zu.Help", i);
		render_set(hdf, name, db_cell(&res, i, 2));
		snprintf(name, sizeof(name), "Tree.%zu.Group", i);
		render_set(hdf, name, db_cell(&res, i, 3));
	}
	i = res.rows;
	db_result_free(&res);
	return (int)i;
}

void
category_free(struct category *c)
{
	db_result_free(&c->head);
	db_result_free(&c->field_rows);
	db_result_free(&c->values);
	memset(c, 0, sizeof(*c));
}

/* Points each field at its rows of c->values, which are ordered by field id. */
static void
category_link_values(struct category *c)
{
	size_t	 i, row;

	for (i = 0; i < c->field_count; i++) {
		c->fields[i].first_value = 0;
		c->fields[i].value_count = 0;
		for (row = 0; row < c->values.rows; row++) {
			if ((unsigned long long)db_cell_int(&c->values, row, 0) !=
			    c->fields[i].id)
				continue;
			if (c->fields[i].value_count == 0)
				c->fields[i].first_value = row;
			c->fields[i].value_count++;
		}
	}
}

int
category_load(struct app *app, enum lang lang, unsigned long long tenant_id,
    unsigned long long id, struct category *c)
{
	const char	*code = lang_code(lang);
	size_t		 i;

	memset(c, 0, sizeof(*c));
	if (db_query(app->db, sql_leaf, DB_ARGS(DB_S(code), DB_S(code), DB_I(tenant_id),
	    DB_I(id)), &c->head) == -1)
		return -1;
	if (c->head.rows != 1) {
		category_free(c);
		return 0;
	}
	c->id = id;
	c->name = db_cell(&c->head, 0, 1);
	c->help = db_cell(&c->head, 0, 2);
	c->is_public = db_cell_int(&c->head, 0, 3) != 0;
	if (db_query(app->db, sql_fields, DB_ARGS(DB_S(code), DB_S(code), DB_I(tenant_id),
	    DB_I(id)), &c->field_rows) == -1 ||
	    db_query(app->db, sql_values, DB_ARGS(DB_S(code), DB_I(tenant_id), DB_I(id)),
	    &c->values) == -1) {
		category_free(c);
		return -1;
	}
	for (i = 0; i < c->field_rows.rows && i < CATEGORY_FIELDS_MAX; i++) {
		c->fields[i].id = (unsigned long long)db_cell_int(&c->field_rows, i, 0);
		c->fields[i].code = db_cell(&c->field_rows, i, 1);
		c->fields[i].datatype = db_cell(&c->field_rows, i, 2);
		c->fields[i].required = db_cell_int(&c->field_rows, i, 3) != 0;
		c->fields[i].label = db_cell(&c->field_rows, i, 4);
		c->fields[i].help = db_cell(&c->field_rows, i, 5);
	}
	c->field_count = i;
	category_link_values(c);
	return 1;
}

static bool
is_list(const struct category_field *f)
{
	return strcmp(f->datatype, "singlevaluelist") == 0 ||
	    strcmp(f->datatype, "multivaluelist") == 0;
}

/* Sets P.Fields.<i> and its values for the template. */
static void
field_show(const struct category *c, size_t i, HDF *hdf)
{
	const struct category_field	*f = &c->fields[i];
	char				 name[64];
	size_t				 v;

	snprintf(name, sizeof(name), "Fields.%zu.Code", i);
	render_set(hdf, name, f->code);
	snprintf(name, sizeof(name), "Fields.%zu.Type", i);
	render_set(hdf, name, f->datatype);
	snprintf(name, sizeof(name), "Fields.%zu.Label", i);
	render_set(hdf, name, f->label);
	snprintf(name, sizeof(name), "Fields.%zu.Help", i);
	render_set(hdf, name, f->help);
	snprintf(name, sizeof(name), "Fields.%zu.Required", i);
	render_set_int(hdf, name, f->required);
	for (v = 0; v < f->value_count; v++) {
		snprintf(name, sizeof(name), "Fields.%zu.Values.%zu.Key", i, v);
		render_set(hdf, name, db_cell(&c->values, f->first_value + v, 1));
		snprintf(name, sizeof(name), "Fields.%zu.Values.%zu.Name", i, v);
		render_set(hdf, name, db_cell(&c->values, f->first_value + v, 2));
	}
}

void
category_fields_show(const struct category *c, HDF *hdf)
{
	size_t	 i;

	for (i = 0; i < c->field_count; i++)
		field_show(c, i, hdf);
}

/* The request's form names of the fields: "f_CODE", and "f_CODE.KEY" per list value. */
struct field_names {
	struct field_spec specs[2 * CATEGORY_FIELDS_MAX + 64 + 1];
	char		 names[2 * CATEGORY_FIELDS_MAX + 64][96];
	size_t		 count;
};

static void
names_add(struct field_names *n, const char *code, const char *key, enum field_type type,
    unsigned max)
{
	if (n->count == sizeof(n->names) / sizeof(n->names[0]))
		return;
	if (key != NULL)
		snprintf(n->names[n->count], sizeof(n->names[0]), "f_%s.%s", code, key);
	else
		snprintf(n->names[n->count], sizeof(n->names[0]), "f_%s", code);
	n->specs[n->count] = (struct field_spec){ n->names[n->count], type, false, max };
	n->count++;
}

static void
names_build(const struct category *c, struct field_names *n)
{
	const struct category_field	*f;
	size_t				 i, v;

	memset(n, 0, sizeof(*n));
	for (i = 0; i < c->field_count; i++) {
		f = &c->fields[i];
		if (strcmp(f->datatype, "multivaluelist") == 0) {
			for (v = 0; v < f->value_count; v++)
				names_add(n, f->code, db_cell(&c->values, f->first_value + v, 1),
				    FIELD_TEXT, 40);
		} else
			names_add(n, f->code, NULL, strcmp(f->datatype, "text") == 0 ?
			    FIELD_MULTILINE : FIELD_TEXT, 4 * FIELD_TEXT_MAX);
	}
	n->specs[n->count].name = NULL;
}

/* A decimal number, with a dot or a comma; normalised into out. */
static bool
number_ok(const char *s, char out[64])
{
	char	*end;
	double	 d;
	size_t	 i;

	if (strlen(s) >= 40)
		return false;
	snprintf(out, 64, "%s", s);
	for (i = 0; out[i] != '\0'; i++) {
		if (out[i] == ',')
			out[i] = '.';
		else if (!isdigit((unsigned char)out[i]) && out[i] != '.' && out[i] != '-')
			return false;
	}
	d = strtod(out, &end);
	return end != out && *end == '\0' && isfinite(d);
}

/* "YYYY-MM-DDTHH:MM" (a datetime-local input), optionally with ":SS", T or a space. */
static bool
datetime_ok(const char *s, char out[64])
{
	static const char form[] = "dddd-dd-ddTdd:dd:dd";
	size_t		 len = strlen(s), i;
	int		 y, mo, d, h, mi, sec = 0;

	if (len != 16 && len != 19)
		return false;
	for (i = 0; i < len; i++) {
		if (form[i] == 'd' ? !isdigit((unsigned char)s[i]) :
		    form[i] == 'T' ? s[i] != 'T' && s[i] != ' ' : s[i] != form[i])
			return false;
	}
	y = atoi(s);
	mo = atoi(s + 5);
	d = atoi(s + 8);
	h = atoi(s + 11);
	mi = atoi(s + 14);
	if (len == 19)
		sec = atoi(s + 17);
	if (!date_valid(y, mo, d) || y < 1900 || y > 2200 || h > 23 || mi > 59 || sec > 59)
		return false;
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, sec);
	return true;
}

/* Sets the error of field i: a key under Page.Report.FieldError. */
static void
field_error(HDF *hdf, size_t i, const char *key)
{
	char	 name[64];

	snprintf(name, sizeof(name), "Fields.%zu.Error", i);
	render_set(hdf, name, key);
}

static void
field_value(HDF *hdf, size_t i, const char *value)
{
	char	 name[64];

	snprintf(name, sizeof(name), "Fields.%zu.Value", i);
	render_set(hdf, name, value);
}

/* Reads the checked values of a multi-value list into a JSON array. */
static int
read_multi(struct request *r, const struct category *c, size_t i, HDF *hdf, json_t *out)
{
	const struct category_field	*f = &c->fields[i];
	json_t				*list = json_array();
	const char			*key;
	char				 form_name[96], name[64];
	size_t				 v;

	for (v = 0; v < f->value_count; v++) {
		key = db_cell(&c->values, f->first_value + v, 1);
		snprintf(form_name, sizeof(form_name), "f_%s.%s", f->code, key);
		if (request_text(r, form_name) == NULL)
			continue;
		json_array_append_new(list, json_string(key));
		snprintf(name, sizeof(name), "Fields.%zu.Values.%zu.Checked", i, v);
		render_set(hdf, name, "1");
	}
	if (json_array_size(list) == 0) {
		json_decref(list);
		if (f->required) {
			field_error(hdf, i, "Required");
			return 1;
		}
		return 0;
	}
	json_object_set_new(out, f->code, list);
	return 0;
}

/* Checks one single-valued field; 0 or 1 (wrong). */
static int
read_single(struct request *r, const struct category *c, size_t i, HDF *hdf, json_t *out)
{
	const struct category_field	*f = &c->fields[i];
	const char			*value;
	char				 form_name[96], normal[64];
	size_t				 v;

	snprintf(form_name, sizeof(form_name), "f_%s", f->code);
	value = request_text(r, form_name);
	field_value(hdf, i, value);
	if (value == NULL || value[0] == '\0') {
		if (!f->required)
			return 0;
		field_error(hdf, i, is_list(f) ? "Choose" : "Required");
		return 1;
	}
	if (strcmp(f->datatype, "number") == 0) {
		if (!number_ok(value, normal)) {
			field_error(hdf, i, "Number");
			return 1;
		}
		json_object_set_new(out, f->code, json_string(normal));
	} else if (strcmp(f->datatype, "datetime") == 0) {
		if (!datetime_ok(value, normal)) {
			field_error(hdf, i, "Datetime");
			return 1;
		}
		json_object_set_new(out, f->code, json_string(normal));
	} else if (strcmp(f->datatype, "singlevaluelist") == 0) {
		for (v = 0; v < f->value_count; v++)
			if (strcmp(value, db_cell(&c->values, f->first_value + v, 1)) == 0)
				break;
		if (v == f->value_count) {
			field_error(hdf, i, "Choose");
			return 1;
		}
		json_object_set_new(out, f->code, json_string(value));
	} else {
		if (utf8_length(value) > (strcmp(f->datatype, "text") == 0 ?
		    FIELD_TEXT_MAX : FIELD_STRING_MAX)) {
			field_error(hdf, i, strcmp(f->datatype, "text") == 0 ?
			    "LongText" : "LongString");
			return 1;
		}
		json_object_set_new(out, f->code, json_string(value));
	}
	return 0;
}

int
category_fields_read(struct request *r, const struct category *c, HDF *hdf, char **json)
{
	/*
	 * The request's fields point at these names until the next request, so
	 * they live in the worker (one request at a time), not on the stack.
	 */
	static struct field_names names_store;
	struct field_names	*names = &names_store;
	json_t			*out;
	size_t			 i;
	int			 wrong = 0;

	*json = NULL;
	category_fields_show(c, hdf);
	if (c->field_count == 0)
		return 0;
	names_build(c, names);
	if (request_parse_more(r, names->specs) == -1)
		return -1;
	out = json_object();
	for (i = 0; i < c->field_count; i++)
		wrong += strcmp(c->fields[i].datatype, "multivaluelist") == 0 ?
		    read_multi(r, c, i, hdf, out) : read_single(r, c, i, hdf, out);
	if (wrong == 0 && json_object_size(out) > 0)
		*json = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	return wrong;
}

int
category_leaves(struct app *app, HDF *hdf, enum lang lang, unsigned long long tenant_id)
{
	struct db_result	 res;
	char			 name[64];
	size_t			 i;

	if (db_query(app->db, sql_leaves, DB_ARGS(DB_S(lang_code(lang)), DB_I(tenant_id)),
	    &res) == -1)
		return -1;
	for (i = 0; i < res.rows; i++) {
		snprintf(name, sizeof(name), "Leaves.%zu.Id", i);
		render_set(hdf, name, db_cell(&res, i, 0));
		snprintf(name, sizeof(name), "Leaves.%zu.Name", i);
		render_set(hdf, name, db_cell(&res, i, 1));
	}
	db_result_free(&res);
	return 0;
}
