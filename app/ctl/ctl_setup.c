/* ctl_setup.c: ratuszctl gmina-setup, a gmina's units, categories, areas, rules and templates from JSON. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "area_shape.h"
#include "ctl.h"
#include "setup_check.h"

#define SETUP_FILE_MAX	(16 * 1024 * 1024)
#define SETUP_MAX_CATEGORIES 2000

/* One run of the import: where it writes, what it counted, the first problem. */
struct setup {
	struct ctl	*ctl;
	unsigned long long tenant_id;
	struct problem	 err;
	char		 err_member[200];	/* JSON path of a shape the problem is about */
	unsigned	 units, categories, fields, areas, rules, templates;
	const char	*codes[SETUP_MAX_CATEGORIES];	/* category codes seen in the file */
	size_t		 code_count;
};

static const char sql_unit_find[] =
    "SELECT id FROM unit WHERE tenant_id = ? AND name = ?";
static const char sql_unit_add[] =
    "INSERT INTO unit (tenant_id, name, kind, email, is_triage, active)"
    " VALUES (?, ?, ?, ?, ?, 1)";
static const char sql_unit_update[] =
    "UPDATE unit SET kind = ?, email = ?, is_triage = ?, active = 1 WHERE id = ?";
static const char sql_unit_untriage[] =
    "UPDATE unit SET is_triage = 0 WHERE tenant_id = ? AND id <> ?";
static const char sql_boundary[] =
    "UPDATE tenant SET boundary = " AREA_SHAPE_SQL " WHERE id = ?";
static const char sql_area[] =
    "INSERT INTO routing_area (tenant_id, name, shape) VALUES (?, ?, " AREA_SHAPE_SQL ")"
    " ON DUPLICATE KEY UPDATE shape = VALUES(shape)";
static const char sql_area_find[] =
    "SELECT id FROM routing_area WHERE tenant_id = ? AND name = ?";
static const char sql_category[] =
    "INSERT INTO report_category (tenant_id, parent_id, code, name_pl, name_en, help_pl,"
    " help_en, keywords, default_unit_id, deadline_days, is_public, active, sort_order)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON DUPLICATE KEY UPDATE"
    " parent_id = VALUES(parent_id), name_pl = VALUES(name_pl), name_en = VALUES(name_en),"
    " help_pl = VALUES(help_pl), help_en = VALUES(help_en), keywords = VALUES(keywords),"
    " default_unit_id = VALUES(default_unit_id), deadline_days = VALUES(deadline_days),"
    " is_public = VALUES(is_public), active = 1, sort_order = VALUES(sort_order)";
static const char sql_category_find[] =
    "SELECT id FROM report_category WHERE tenant_id = ? AND code = ?";
static const char sql_category_leaf[] =
    "SELECT id FROM report_category c WHERE c.tenant_id = ? AND c.code = ?"
    " AND NOT EXISTS (SELECT 1 FROM report_category k WHERE k.parent_id = c.id"
    " AND k.active = 1)";
static const char sql_field[] =
    "INSERT INTO category_field (tenant_id, category_id, code, datatype, required,"
    " label_pl, label_en, help_pl, help_en, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON DUPLICATE KEY UPDATE datatype = VALUES(datatype), required = VALUES(required),"
    " label_pl = VALUES(label_pl), label_en = VALUES(label_en), help_pl = VALUES(help_pl),"
    " help_en = VALUES(help_en), sort_order = VALUES(sort_order)";
static const char sql_field_find[] =
    "SELECT id FROM category_field WHERE tenant_id = ? AND category_id = ? AND code = ?";
static const char sql_value[] =
    "INSERT INTO category_field_value (tenant_id, field_id, value_key, name_pl, name_en,"
    " sort_order) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
    " name_pl = VALUES(name_pl), name_en = VALUES(name_en), sort_order = VALUES(sort_order)";
static const char sql_rules_clear[] = "DELETE FROM routing_rule WHERE tenant_id = ?";
static const char sql_rule[] =
    "INSERT INTO routing_rule (tenant_id, category_id, area_id, unit_id, priority)"
    " VALUES (?, ?, ?, ?, ?)";
static const char sql_template_find[] =
    "SELECT id FROM response_template WHERE tenant_id = ? AND unit_id <=> ? AND title = ?";
static const char sql_template_add[] =
    "INSERT INTO response_template (tenant_id, unit_id, title, body, sort_order)"
    " VALUES (?, ?, ?, ?, ?)";
static const char sql_template_update[] =
    "UPDATE response_template SET body = ?, sort_order = ? WHERE id = ?";

/* Formats the JSON path of a member; a path longer than the buffer is cut. */
static void __attribute__((format(printf, 3, 4)))
path_format(char *out, size_t size, const char *format, ...)
{
	va_list	 ap;

	va_start(ap, format);
	vsnprintf(out, size, format, ap);
	va_end(ap);
}

/* Sets the problem "Setup.<key>" with the JSON path of the offending member. */
static int
fail(struct setup *s, const char *key, const char *path)
{
	char	 full[64];

	snprintf(full, sizeof(full), "Setup.%s", key);
	problem_set(&s->err, 0, full, "%s", path);
	return 1;
}

/* Reads a text member; NULL when absent. Sets the problem when present but not a string. */
static const char *
member_text(json_t *o, const char *name, int *bad)
{
	json_t	*v = json_object_get(o, name);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = 1;
		return NULL;
	}
	return json_string_value(v);
}

/* Checks a text member against setup_text_ok; 0, or 1 with the problem set. */
static int
check_text(struct setup *s, json_t *o, const char *name, const char *path, size_t max,
    bool required, bool multiline, const char **out)
{
	char	 where[200];
	int	 bad = 0;

	*out = member_text(o, name, &bad);
	path_format(where, sizeof(where), "%s.%s", path, name);
	if (bad || (*out == NULL && required))
		return fail(s, bad ? "NotText" : "Missing", where);
	if (*out == NULL)
		*out = "";
	if (!setup_text_ok(*out, max, !required, multiline)) {
		char	 limit[16];

		snprintf(limit, sizeof(limit), "%zu", max);
		path_format(where, sizeof(where), "%s.%s (%s)", path, name, limit);
		return fail(s, "BadText", where);
	}
	return 0;
}

/* Returns the id of a row found by (tenant, text), 0 when none, -1 on error. */
static long long
find_id(struct setup *s, const char *sql, const char *text)
{
	struct db_result	 res;
	long long		 id;

	if (db_query(s->ctl->db, sql, DB_ARGS(DB_I(s->tenant_id), DB_T(text)), &res) == -1)
		return -1;
	id = res.rows == 1 ? db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	return id;
}

/* Resolves a unit name member to its id: 0 when absent, -1 on error, -2 unknown. */
static long long
unit_ref(struct setup *s, json_t *o, const char *name, const char *path)
{
	const char	*unit;
	char		 where[200];
	int		 bad = 0;
	long long	 id;

	if ((unit = member_text(o, name, &bad)) == NULL && !bad)
		return 0;
	path_format(where, sizeof(where), "%s.%s", path, name);
	if (bad) {
		fail(s, "NotText", where);
		return -2;
	}
	if ((id = find_id(s, sql_unit_find, unit)) == 0) {
		path_format(where, sizeof(where), "%s.%s: %s", path, name, unit);
		fail(s, "UnknownUnit", where);
		return -2;
	}
	return id;
}

static int
setup_unit(struct setup *s, json_t *u, const char *path)
{
	const char		*name, *kind, *email;
	bool			 triage = json_is_true(json_object_get(u, "triage"));
	char			 where[200];
	long long		 id;
	unsigned long long	 new_id;

	if (check_text(s, u, "name", path, SETUP_UNIT_NAME_MAX, true, false, &name) ||
	    check_text(s, u, "kind", path, 20, false, false, &kind) ||
	    check_text(s, u, "email", path, 254, false, false, &email))
		return 1;
	if (*kind == '\0')
		kind = "department";
	path_format(where, sizeof(where), "%s.kind: %s", path, kind);
	if (strcmp(kind, "department") != 0 && strcmp(kind, "external") != 0)
		return fail(s, "BadKind", where);
	path_format(where, sizeof(where), "%s.email: %s", path, email);
	if (*email != '\0' && !setup_email_ok(email))
		return fail(s, "BadEmail", where);
	if ((id = find_id(s, sql_unit_find, name)) == -1)
		return -1;
	if (id > 0) {
		if (db_exec(s->ctl->db, sql_unit_update, DB_ARGS(DB_T(kind),
		    *email ? DB_T(email) : DB_N(), DB_I(triage), DB_I(id)), NULL, NULL) == -1)
			return -1;
		new_id = (unsigned long long)id;
	} else if (db_exec(s->ctl->db, sql_unit_add, DB_ARGS(DB_I(s->tenant_id), DB_T(name),
	    DB_T(kind), *email ? DB_T(email) : DB_N(), DB_I(triage)), NULL, &new_id) == -1)
		return -1;
	/* A gmina has one triage unit: naming another one moves the role. */
	if (triage && db_exec(s->ctl->db, sql_unit_untriage, DB_ARGS(DB_I(s->tenant_id),
	    DB_I(new_id)), NULL, NULL) == -1)
		return -1;
	s->units++;
	return 0;
}

/* Checks a GeoJSON member and puts its compact geometry into out; 0, 1 or -1. */
static int
shape_member(struct setup *s, json_t *shape, const char *path, struct buf *out)
{
	char	*text;
	int	 rc;

	if (shape == NULL)
		return fail(s, "Missing", path);
	if ((text = json_dumps(shape, JSON_COMPACT)) == NULL)
		return -1;
	rc = area_shape_parse(text, out, &s->err);
	free(text);
	if (rc == 0)
		rc = area_shape_check_db(s->ctl->db, buf_cstr(out), &s->err);
	if (rc == 1)
		snprintf(s->err_member, sizeof(s->err_member), "%s", path);
	return rc;
}

static int
setup_boundary(struct setup *s, json_t *shape)
{
	struct buf	 geometry;
	int		 rc;

	buf_init(&geometry);
	if ((rc = shape_member(s, shape, "boundary", &geometry)) == 0)
		rc = db_exec(s->ctl->db, sql_boundary, DB_ARGS(DB_T(buf_cstr(&geometry)),
		    DB_I(s->tenant_id)), NULL, NULL);
	buf_free(&geometry);
	return rc;
}

static int
setup_area(struct setup *s, json_t *a, const char *path)
{
	struct buf	 geometry;
	const char	*name;
	char		 where[200];
	int		 rc;

	if (check_text(s, a, "name", path, SETUP_AREA_NAME_MAX, true, false, &name))
		return 1;
	path_format(where, sizeof(where), "%s.shape", path);
	buf_init(&geometry);
	if ((rc = shape_member(s, json_object_get(a, "shape"), where, &geometry)) == 0)
		rc = db_exec(s->ctl->db, sql_area, DB_ARGS(DB_I(s->tenant_id), DB_T(name),
		    DB_T(buf_cstr(&geometry))), NULL, NULL);
	buf_free(&geometry);
	if (rc == 0)
		s->areas++;
	return rc;
}

static int
setup_value(struct setup *s, unsigned long long field_id, json_t *v, const char *path,
    int order)
{
	const char	*key, *name_pl, *name_en;
	char		 where[200];

	if (check_text(s, v, "key", path, SETUP_CODE_MAX, true, false, &key) ||
	    check_text(s, v, "name_pl", path, SETUP_VALUE_NAME_MAX, true, false, &name_pl) ||
	    check_text(s, v, "name_en", path, SETUP_VALUE_NAME_MAX, true, false, &name_en))
		return 1;
	path_format(where, sizeof(where), "%s.key: %s", path, key);
	if (!setup_code_ok(key))
		return fail(s, "BadCode", where);
	return db_exec(s->ctl->db, sql_value, DB_ARGS(DB_I(s->tenant_id), DB_I(field_id),
	    DB_T(key), DB_T(name_pl), DB_T(name_en), DB_I(order)), NULL, NULL);
}

/* The text members of a field, in the order of the INSERT. */
struct field_texts {
	const char	*code, *datatype, *label_pl, *label_en, *help_pl, *help_en;
};

static int
field_texts(struct setup *s, json_t *f, const char *path, struct field_texts *t)
{
	char	 where[200];

	if (check_text(s, f, "code", path, SETUP_CODE_MAX, true, false, &t->code) ||
	    check_text(s, f, "datatype", path, 20, true, false, &t->datatype) ||
	    check_text(s, f, "label_pl", path, SETUP_FIELD_LABEL_MAX, true, false, &t->label_pl) ||
	    check_text(s, f, "label_en", path, SETUP_FIELD_LABEL_MAX, true, false, &t->label_en) ||
	    check_text(s, f, "help_pl", path, SETUP_FIELD_HELP_MAX, false, true, &t->help_pl) ||
	    check_text(s, f, "help_en", path, SETUP_FIELD_HELP_MAX, false, true, &t->help_en))
		return 1;
	path_format(where, sizeof(where), "%s.code: %s", path, t->code);
	if (!setup_code_ok(t->code))
		return fail(s, "BadCode", where);
	path_format(where, sizeof(where), "%s.datatype: %s", path, t->datatype);
	if (!setup_datatype_ok(t->datatype))
		return fail(s, "BadDatatype", where);
	return 0;
}

static int
setup_field(struct setup *s, unsigned long long category_id, json_t *f, const char *path,
    int order)
{
	struct field_texts	 t;
	json_t			*values = json_object_get(f, "values");
	char			 where[200];
	long long		 id;
	size_t			 i;
	int			 rc;

	if ((rc = field_texts(s, f, path, &t)) != 0)
		return rc;
	path_format(where, sizeof(where), "%s.values", path);
	if (setup_datatype_is_list(t.datatype) != (json_array_size(values) > 0))
		return fail(s, setup_datatype_is_list(t.datatype) ? "NoValues" :
		    "ValuesNotList", where);
	if (db_exec(s->ctl->db, sql_field, DB_ARGS(DB_I(s->tenant_id), DB_I(category_id),
	    DB_T(t.code), DB_T(t.datatype), DB_I(json_is_true(json_object_get(f, "required"))),
	    DB_T(t.label_pl), DB_T(t.label_en), DB_T(t.help_pl), DB_T(t.help_en),
	    DB_I(order)), NULL, NULL) == -1)
		return -1;
	{
		struct db_result	 res;

		if (db_query(s->ctl->db, sql_field_find, DB_ARGS(DB_I(s->tenant_id),
		    DB_I(category_id), DB_T(t.code)), &res) == -1)
			return -1;
		id = res.rows == 1 ? db_cell_int(&res, 0, 0) : 0;
		db_result_free(&res);
	}
	for (i = 0; i < json_array_size(values); i++) {
		path_format(where, sizeof(where), "%s.values[%zu]", path, i);
		if ((rc = setup_value(s, (unsigned long long)id, json_array_get(values, i),
		    where, (int)i)) != 0)
			return rc;
	}
	s->fields++;
	return 0;
}

/* The text members of a category. */
struct category_texts {
	const char	*code, *name_pl, *name_en, *help_pl, *help_en, *keywords;
};

static int
category_texts(struct setup *s, json_t *c, const char *path, struct category_texts *t)
{
	char	 where[200];
	size_t	 i;

	if (check_text(s, c, "code", path, SETUP_CODE_MAX, true, false, &t->code) ||
	    check_text(s, c, "name_pl", path, SETUP_CATEGORY_NAME_MAX, true, false, &t->name_pl) ||
	    check_text(s, c, "name_en", path, SETUP_CATEGORY_NAME_MAX, true, false, &t->name_en) ||
	    check_text(s, c, "help_pl", path, SETUP_HELP_MAX, false, true, &t->help_pl) ||
	    check_text(s, c, "help_en", path, SETUP_HELP_MAX, false, true, &t->help_en) ||
	    check_text(s, c, "keywords", path, SETUP_KEYWORDS_MAX, false, false, &t->keywords))
		return 1;
	path_format(where, sizeof(where), "%s.code: %s", path, t->code);
	if (!setup_code_ok(t->code))
		return fail(s, "BadCode", where);
	/* A code twice in one file would let a category become its own ancestor. */
	for (i = 0; i < s->code_count; i++)
		if (strcmp(s->codes[i], t->code) == 0)
			return fail(s, "DuplicateCode", where);
	if (s->code_count == SETUP_MAX_CATEGORIES)
		return fail(s, "TooMany", path);
	s->codes[s->code_count++] = t->code;
	return 0;
}

static int setup_categories(struct setup *, json_t *, unsigned long long, const char *);

static int
setup_category(struct setup *s, json_t *c, unsigned long long parent_id, const char *path,
    int order)
{
	struct category_texts	 t;
	json_t			*deadline = json_object_get(c, "deadline_days");
	json_t			*is_public = json_object_get(c, "public");
	json_t			*fields = json_object_get(c, "fields");
	char			 where[200];
	long long		 unit, id, days = 14;
	size_t			 i;
	int			 rc;

	if ((rc = category_texts(s, c, path, &t)) != 0)
		return rc;
	if ((unit = unit_ref(s, c, "default_unit", path)) < 0)
		return unit == -1 ? -1 : 1;
	path_format(where, sizeof(where), "%s.deadline_days", path);
	if (deadline != NULL && (!json_is_integer(deadline) ||
	    json_integer_value(deadline) < 1 || json_integer_value(deadline) > SETUP_DEADLINE_MAX))
		return fail(s, "BadDeadline", where);
	if (deadline != NULL)
		days = json_integer_value(deadline);
	if (db_exec(s->ctl->db, sql_category, DB_ARGS(DB_I(s->tenant_id),
	    parent_id ? DB_I(parent_id) : DB_N(), DB_T(t.code), DB_T(t.name_pl),
	    DB_T(t.name_en), DB_T(t.help_pl), DB_T(t.help_en), DB_T(t.keywords),
	    unit ? DB_I(unit) : DB_N(), DB_I(days),
	    DB_I(is_public == NULL || json_is_true(is_public)), DB_I(order)), NULL, NULL) == -1)
		return -1;
	if ((id = find_id(s, sql_category_find, t.code)) <= 0)
		return -1;
	s->categories++;
	for (i = 0; i < json_array_size(fields); i++) {
		path_format(where, sizeof(where), "%s.fields[%zu]", path, i);
		if ((rc = setup_field(s, (unsigned long long)id, json_array_get(fields, i),
		    where, (int)i)) != 0)
			return rc;
	}
	path_format(where, sizeof(where), "%s.children", path);
	return setup_categories(s, json_object_get(c, "children"), (unsigned long long)id,
	    where);
}

static int
setup_categories(struct setup *s, json_t *list, unsigned long long parent_id,
    const char *path)
{
	char	 where[200];
	size_t	 i;
	int	 rc;

	for (i = 0; i < json_array_size(list); i++) {
		path_format(where, sizeof(where), "%s[%zu]", path, i);
		if ((rc = setup_category(s, json_array_get(list, i), parent_id, where,
		    (int)i)) != 0)
			return rc;
	}
	return 0;
}

static int
setup_rule(struct setup *s, json_t *r, const char *path)
{
	const char	*category, *area;
	json_t		*priority = json_object_get(r, "priority");
	char		 where[200];
	long long	 unit, category_id = 0, area_id = 0;

	if (check_text(s, r, "category", path, SETUP_CODE_MAX, false, false, &category) ||
	    check_text(s, r, "area", path, SETUP_AREA_NAME_MAX, false, false, &area))
		return 1;
	if ((unit = unit_ref(s, r, "unit", path)) < 0)
		return unit == -1 ? -1 : 1;
	if (unit == 0)
		return fail(s, "Missing", path);
	path_format(where, sizeof(where), "%s.category: %s", path, category);
	if (*category && (category_id = find_id(s, sql_category_leaf, category)) <= 0)
		return category_id == -1 ? -1 : fail(s, "UnknownCategory", where);
	path_format(where, sizeof(where), "%s.area: %s", path, area);
	if (*area && (area_id = find_id(s, sql_area_find, area)) <= 0)
		return area_id == -1 ? -1 : fail(s, "UnknownArea", where);
	path_format(where, sizeof(where), "%s.priority", path);
	if (priority != NULL && (!json_is_integer(priority) ||
	    json_integer_value(priority) < -1000 || json_integer_value(priority) > 1000))
		return fail(s, "BadPriority", where);
	if (db_exec(s->ctl->db, sql_rule, DB_ARGS(DB_I(s->tenant_id),
	    category_id ? DB_I(category_id) : DB_N(), area_id ? DB_I(area_id) : DB_N(),
	    DB_I(unit), DB_I(priority ? json_integer_value(priority) : 0)), NULL, NULL) == -1)
		return -1;
	s->rules++;
	return 0;
}

static int
setup_template(struct setup *s, json_t *t, const char *path, int order)
{
	struct db_result	 res;
	const char		*title, *body;
	long long		 unit, id;

	if (check_text(s, t, "title", path, SETUP_TEMPLATE_TITLE_MAX, true, false, &title) ||
	    check_text(s, t, "body", path, SETUP_TEMPLATE_BODY_MAX, true, true, &body))
		return 1;
	if ((unit = unit_ref(s, t, "unit", path)) < 0)
		return unit == -1 ? -1 : 1;
	if (db_query(s->ctl->db, sql_template_find, DB_ARGS(DB_I(s->tenant_id),
	    unit ? DB_I(unit) : DB_N(), DB_T(title)), &res) == -1)
		return -1;
	id = res.rows > 0 ? db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	if (id > 0 ? db_exec(s->ctl->db, sql_template_update, DB_ARGS(DB_T(body), DB_I(order),
	    DB_I(id)), NULL, NULL) : db_exec(s->ctl->db, sql_template_add,
	    DB_ARGS(DB_I(s->tenant_id), unit ? DB_I(unit) : DB_N(), DB_T(title), DB_T(body),
	    DB_I(order)), NULL, NULL))
		return -1;
	s->templates++;
	return 0;
}

/* Runs fn on every element of the array member name; 0, 1 or -1. */
static int
each(struct setup *s, json_t *root, const char *name,
    int (*fn)(struct setup *, json_t *, const char *))
{
	json_t	*list = json_object_get(root, name);
	char	 where[64];
	size_t	 i;
	int	 rc;

	if (list != NULL && !json_is_array(list))
		return fail(s, "NotList", name);
	for (i = 0; i < json_array_size(list); i++) {
		path_format(where, sizeof(where), "%s[%zu]", name, i);
		if ((rc = fn(s, json_array_get(list, i), where)) != 0)
			return rc;
	}
	return 0;
}

static int
setup_templates(struct setup *s, json_t *list)
{
	char	 where[64];
	size_t	 i;
	int	 rc;

	for (i = 0; i < json_array_size(list); i++) {
		path_format(where, sizeof(where), "templates[%zu]", i);
		if ((rc = setup_template(s, json_array_get(list, i), where, (int)i)) != 0)
			return rc;
	}
	return 0;
}

/* Applies the whole document in the order its references need. */
static int
setup_apply(struct setup *s, json_t *root)
{
	int	 rc;

	if (!json_is_object(root))
		return fail(s, "NotObject", "/");
	if ((rc = each(s, root, "units", setup_unit)) != 0)
		return rc;
	if (json_object_get(root, "boundary") != NULL &&
	    (rc = setup_boundary(s, json_object_get(root, "boundary"))) != 0)
		return rc;
	if ((rc = each(s, root, "areas", setup_area)) != 0)
		return rc;
	if ((rc = setup_categories(s, json_object_get(root, "categories"), 0,
	    "categories")) != 0)
		return rc;
	/* The rules of the file replace the gmina's rules, so a second run adds none. */
	if (json_object_get(root, "rules") != NULL && db_exec(s->ctl->db, sql_rules_clear,
	    DB_ARGS(DB_I(s->tenant_id)), NULL, NULL) == -1)
		return -1;
	if ((rc = each(s, root, "rules", setup_rule)) != 0)
		return rc;
	return setup_templates(s, json_object_get(root, "templates"));
}

static void
print_counts(const struct setup *s)
{
	char	 n[6][16];

	snprintf(n[0], 16, "%u", s->units);
	snprintf(n[1], 16, "%u", s->categories);
	snprintf(n[2], 16, "%u", s->fields);
	snprintf(n[3], 16, "%u", s->areas);
	snprintf(n[4], 16, "%u", s->rules);
	snprintf(n[5], 16, "%u", s->templates);
	ctl_info_with(s->ctl, "Setup.Done", (const char *const[]){ "units", n[0],
	    "categories", n[1], "fields", n[2], "areas", n[3], "rules", n[4],
	    "templates", n[5], NULL });
}

int
ctl_gmina_setup(struct ctl *ctl, int argc, char **argv)
{
	static const struct option options[] = {
		{ "gmina", required_argument, NULL, 'g' }, { NULL, 0, NULL, 0 } };
	struct setup	*s;
	json_error_t	 jerr;
	json_t		*root;
	const char	*gmina = NULL, *path;
	char		*text;
	size_t		 len;
	int		 ch, rc = 1;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (ch != 'g') {
			ctl_error(ctl, "Error.BadArgument", 0, argv[optind - 1]);
			return 2;
		}
		gmina = optarg;
	}
	if (gmina == NULL || optind != argc - 1) {
		ctl_error(ctl, "Error.MissingArgument", 0, gmina == NULL ? "--gmina" : "FILE");
		return 2;
	}
	path = argv[optind];
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return 1;
	s->ctl = ctl;
	if ((s->tenant_id = ctl_tenant_id(ctl, gmina)) == 0 ||
	    (text = ctl_read_file(ctl, path, SETUP_FILE_MAX, &len)) == NULL) {
		free(s);
		return 1;
	}
	root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (root == NULL) {
		problem_set(&s->err, jerr.line, "Setup.BadJson", "%.200s", jerr.text);
		ctl_problem(ctl, path, &s->err);
		free(s);
		return 2;
	}
	if (db_begin(ctl->db) == -1)
		rc = -1;
	else {
		rc = setup_apply(s, root);
		if (rc == 0 && db_commit(ctl->db) == -1)
			rc = -1;
		if (rc != 0)
			db_rollback(ctl->db);
	}
	if (rc == 0)
		print_counts(s);
	else if (rc == 1 && s->err_member[0] != '\0') {
		char	 where[1200];

		snprintf(where, sizeof(where), "%s (%s)", path, s->err_member);
		ctl_problem(ctl, where, &s->err);
	} else if (rc == 1)
		ctl_problem(ctl, path, &s->err);
	else
		ctl_error(ctl, "Setup.Failed", 0, NULL);
	json_decref(root);
	free(s);
	return rc == 0 ? 0 : rc == 1 ? 2 : 1;
}
