/* open311_service.c: service definitions from category fields, and checks of submitted attributes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "open311_service.h"
#include "text.h"

#define ATTRIBUTE_TEXT_MAX	4000	/* characters of a "text" attribute */
#define ATTRIBUTE_STRING_MAX	500	/* characters of a "string" attribute */

static const char sql_category[] =
    "SELECT c.id FROM report_category c WHERE c.tenant_id = ? AND c.code = ?"
    " AND " OPEN311_SERVICE_SQL;
static const char sql_fields[] =
    "SELECT f.id, f.code, f.datatype, f.required, f.label_pl, f.label_en,"
    " f.help_pl, f.help_en FROM category_field f"
    " WHERE f.tenant_id = ? AND f.category_id = ? ORDER BY f.sort_order, f.id";
static const char sql_values[] =
    "SELECT v.field_id, v.value_key, v.name_pl, v.name_en"
    " FROM category_field_value v JOIN category_field f ON f.id = v.field_id"
    " WHERE f.tenant_id = ? AND f.category_id = ? AND v.tenant_id = f.tenant_id"
    " ORDER BY v.field_id, v.sort_order, v.value_key";

static bool
is_list(const char *datatype)
{
	return strcmp(datatype, "singlevaluelist") == 0 ||
	    strcmp(datatype, "multivaluelist") == 0;
}

/* The values of field_id, from the rows of sql_values. */
static json_t *
field_values(const struct db_result *values, const char *field_id, enum lang l)
{
	json_t	*list = json_array();
	size_t	 i;

	for (i = 0; i < values->rows; i++)
		if (strcmp(db_cell(values, i, 0), field_id) == 0)
			json_array_append_new(list, json_pack("{s:s, s:s}",
			    "key", db_cell(values, i, 1),
			    "name", db_cell(values, i, l == LANG_EN ? 3 : 2)));
	return list;
}

static json_t *
attribute_json(const struct db_result *fields, size_t row,
    const struct db_result *values, enum lang l)
{
	const char	*datatype = db_cell(fields, row, 2);
	const char	*help = db_cell(fields, row, l == LANG_EN ? 7 : 6);
	char		 key[64];

	snprintf(key, sizeof(key), "Open311.Datatype.%s", datatype);
	return json_pack("{s:b, s:s, s:s, s:b, s:s, s:I, s:s, s:o}",
	    "variable", 1, "code", db_cell(fields, row, 1), "datatype", datatype,
	    "required", db_cell_int(fields, row, 3) != 0,
	    "datatype_description", help[0] != '\0' ? help : lang_text(l, key),
	    "order", (json_int_t)row + 1,
	    "description", db_cell(fields, row, l == LANG_EN ? 5 : 4),
	    "values", is_list(datatype) ? field_values(values, db_cell(fields, row, 0), l) :
	    json_array());
}

int
open311_definition_load(struct db *db, unsigned long long tenant_id, const char *code,
    enum lang l, unsigned long long *category_id, json_t **definition)
{
	struct db_result	 res, fields, values;
	json_t			*attributes;
	size_t			 i;

	*definition = NULL;
	if (db_query(db, sql_category, DB_ARGS(DB_I(tenant_id), DB_S(code)), &res) == -1)
		return -1;
	*category_id = res.rows == 1 ? (unsigned long long)db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	if (*category_id == 0)
		return 0;
	if (db_query(db, sql_fields, DB_ARGS(DB_I(tenant_id), DB_I(*category_id)),
	    &fields) == -1)
		return -1;
	if (db_query(db, sql_values, DB_ARGS(DB_I(tenant_id), DB_I(*category_id)),
	    &values) == -1) {
		db_result_free(&fields);
		return -1;
	}
	attributes = json_array();
	for (i = 0; i < fields.rows; i++)
		json_array_append_new(attributes, attribute_json(&fields, i, &values, l));
	db_result_free(&fields);
	db_result_free(&values);
	*definition = json_pack("{s:s, s:o}", "service_code", code, "attributes", attributes);
	return *definition != NULL ? 1 : -1;
}

static const json_t *
attribute_find(const json_t *definition, const char *code)
{
	const json_t	*attribute;
	size_t		 i;

	json_array_foreach(json_object_get(definition, "attributes"), i, attribute)
		if (strcmp(json_string_value(json_object_get(attribute, "code")), code) == 0)
			return attribute;
	return NULL;
}

static bool
value_listed(const json_t *attribute, const char *value)
{
	const json_t	*item;
	size_t		 i;

	json_array_foreach(json_object_get(attribute, "values"), i, item)
		if (strcmp(json_string_value(json_object_get(item, "key")), value) == 0)
			return true;
	return false;
}

static bool
string_listed(const json_t *list, const char *value)
{
	const json_t	*item;
	size_t		 i;

	json_array_foreach(list, i, item)
		if (strcmp(json_string_value(item), value) == 0)
			return true;
	return false;
}

/* A decimal number: -?digits(.digits)?, at most 30 characters. */
static bool
number_valid(const char *s)
{
	size_t	 i = s[0] == '-', digits = 0;
	bool	 point = false;

	if (strlen(s) > 30)
		return false;
	for (; s[i] != '\0'; i++) {
		if (s[i] == '.' && digits > 0 && !point && s[i + 1] != '\0')
			point = true;
		else if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else
			return false;
	}
	return digits > 0;
}

static bool
text_valid(const char *s, size_t max, bool multiline)
{
	const unsigned char	*p;

	if (!utf8_valid(s, strlen(s)) || utf8_length(s) > max)
		return false;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\r' ||
		    *p == '\t'))) || *p == 0x7f)
			return false;
	return true;
}

/* Checks one value against the attribute's datatype. */
static bool
value_valid(const json_t *attribute, const char *datatype, const char *value)
{
	time_t	 t;

	if (strcmp(datatype, "number") == 0)
		return number_valid(value);
	if (strcmp(datatype, "datetime") == 0)
		return clock_parse(value, &t) == 0;
	if (strcmp(datatype, "text") == 0)
		return text_valid(value, ATTRIBUTE_TEXT_MAX, true);
	if (is_list(datatype))
		return value_listed(attribute, value);
	return text_valid(value, ATTRIBUTE_STRING_MAX, false);
}

/* Splits "attribute[code]" or "attribute[code][]" into code; false when malformed. */
static bool
attribute_code(const char *name, char *code, size_t size, bool *brackets)
{
	const char	*open = name + strlen("attribute["), *close = strchr(open, ']');
	size_t		 len = close != NULL ? (size_t)(close - open) : 0;

	if (close == NULL || len == 0 || len >= size)
		return false;
	memcpy(code, open, len);
	code[len] = '\0';
	*brackets = strcmp(close, "][]") == 0;
	return *brackets || strcmp(close, "]") == 0;
}

static int
attribute_fail(struct open311_attribute_error *err, const char *code, const char *key)
{
	snprintf(err->code, sizeof(err->code), "%s", code);
	err->key = key;
	return -1;
}

int
open311_attribute_add(const json_t *definition, json_t *values, const char *name,
    const char *value, struct open311_attribute_error *err)
{
	const json_t	*attribute;
	const char	*datatype;
	json_t		*list;
	char		 code[48];
	bool		 brackets;

	if (!attribute_code(name, code, sizeof(code), &brackets))
		return attribute_fail(err, "?", "InvalidAttributeName");
	if ((attribute = attribute_find(definition, code)) == NULL)
		return attribute_fail(err, code, "UnknownAttribute");
	if (value[0] == '\0')
		return 0;	/* an empty field counts as not given */
	datatype = json_string_value(json_object_get(attribute, "datatype"));
	if (!value_valid(attribute, datatype, value))
		return attribute_fail(err, code, "InvalidAttribute");
	if (strcmp(datatype, "multivaluelist") != 0) {
		if (brackets || json_object_get(values, code) != NULL)
			return attribute_fail(err, code, "RepeatedAttribute");
		json_object_set_new(values, code, json_string(value));
		return 0;
	}
	if ((list = json_object_get(values, code)) == NULL) {
		list = json_array();
		json_object_set_new(values, code, list);
	}
	if (string_listed(list, value))
		return attribute_fail(err, code, "RepeatedAttribute");
	json_array_append_new(list, json_string(value));
	return 0;
}

int
open311_attributes_complete(const json_t *definition, const json_t *values,
    struct open311_attribute_error *err)
{
	const json_t	*attribute;
	const char	*code;
	size_t		 i;

	json_array_foreach(json_object_get(definition, "attributes"), i, attribute) {
		code = json_string_value(json_object_get(attribute, "code"));
		if (json_is_true(json_object_get(attribute, "required")) &&
		    json_object_get(values, code) == NULL)
			return attribute_fail(err, code, "MissingAttribute");
	}
	return 0;
}
