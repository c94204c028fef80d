/* open311_out.c: Open311 responses in JSON or XML, spec errors, formats and jurisdictions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "log.h"
#include "open311.h"

/* The element name of one item of an array named container. */
static const char *
open311_item_name(const char *container)
{
	static const char *const names[][2] = {
		{ "services", "service" }, { "service_requests", "request" },
		{ "attributes", "attribute" }, { "values", "value" },
		{ "notes", "note" }, { "errors", "error" },
		{ "endpoints", "endpoint" }, { "formats", "format" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], container) == 0)
			return names[i][1];
	return "item";
}

/* A fixed-decimal number kept as text: -?digits.digits */
static bool
decimal_text(const char *s)
{
	size_t	 i = s[0] == '-', digits = 0, point = 0;

	for (; s[i] != '\0'; i++) {
		if (s[i] == '.' && digits > 0 && point == 0)
			point = i;
		else if (s[i] < '0' || s[i] > '9')
			return false;
		else
			digits++;
	}
	return point > 0 && s[point + 1] != '\0';
}

static bool
raw_number(const char *key, json_t *value)
{
	return key != NULL && json_is_string(value) &&
	    (strcmp(key, "lat") == 0 || strcmp(key, "long") == 0) &&
	    decimal_text(json_string_value(value));
}

static void
json_put_scalar(struct buf *b, json_t *value)
{
	char	*text = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT);

	if (text == NULL)
		abort();
	buf_puts(b, text);
	free(text);
}

/* Writes value like json_dumps(JSON_COMPACT), but with lat/long as fixed decimals. */
static void
json_write(struct buf *b, const char *key, json_t *value)
{
	const char	*member;
	json_t		*item, *name;
	size_t		 i;
	bool		 first = true;

	switch (json_typeof(value)) {
	case JSON_OBJECT:
		buf_putc(b, '{');
		json_object_foreach(value, member, item) {
			if (!first)
				buf_putc(b, ',');
			first = false;
			name = json_string(member);
			json_put_scalar(b, name);
			json_decref(name);
			buf_putc(b, ':');
			json_write(b, member, item);
		}
		buf_putc(b, '}');
		break;
	case JSON_ARRAY:
		buf_putc(b, '[');
		json_array_foreach(value, i, item) {
			if (i > 0)
				buf_putc(b, ',');
			json_write(b, NULL, item);
		}
		buf_putc(b, ']');
		break;
	default:
		if (raw_number(key, value))
			buf_puts(b, json_string_value(value));
		else
			json_put_scalar(b, value);
	}
}

/* Copies s without the control characters XML 1.0 does not allow. */
static char *
xml_text(const char *s)
{
	char	*out = strdup(s), *o = out;

	if (out == NULL)
		abort();
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n' || *s == '\r')
			*o++ = *s;
	*o = '\0';
	return out;
}

static void
xml_write(xmlTextWriterPtr w, const char *name, json_t *value)
{
	const char	*member;
	json_t		*item;
	size_t		 i;
	char		*text;

	xmlTextWriterStartElement(w, BAD_CAST name);
	switch (json_typeof(value)) {
	case JSON_OBJECT:
		json_object_foreach(value, member, item)
			xml_write(w, member, item);
		break;
	case JSON_ARRAY:
		json_array_foreach(value, i, item)
			xml_write(w, open311_item_name(name), item);
		break;
	case JSON_STRING:
		text = xml_text(json_string_value(value));
		xmlTextWriterWriteString(w, BAD_CAST text);
		free(text);
		break;
	case JSON_INTEGER:
		xmlTextWriterWriteFormatString(w, "%lld", (long long)json_integer_value(value));
		break;
	case JSON_REAL:
		xmlTextWriterWriteFormatString(w, "%.6f", json_real_value(value));
		break;
	case JSON_TRUE:
		xmlTextWriterWriteString(w, BAD_CAST "true");
		break;
	case JSON_FALSE:
		xmlTextWriterWriteString(w, BAD_CAST "false");
		break;
	case JSON_NULL:
		break;
	}
	xmlTextWriterEndElement(w);
}

static void
open311_send_xml(struct request *r, const char *root, json_t *value)
{
	xmlBufferPtr	 xb = xmlBufferCreate();
	xmlTextWriterPtr w = xb != NULL ? xmlNewTextWriterMemory(xb, 0) : NULL;

	if (w == NULL)
		abort();
	xmlTextWriterStartDocument(w, NULL, "utf-8", NULL);
	xml_write(w, root, value);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	r->content_type = "text/xml; charset=utf-8";
	buf_append(&r->body, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
}

void
open311_send(struct request *r, const char *root, json_t *value)
{
	buf_reset(&r->body);
	if (value == NULL)
		abort();
	if (r->format == API_FORMAT_JSON) {
		r->content_type = "application/json; charset=utf-8";
		json_write(&r->body, NULL, value);
		buf_putc(&r->body, '\n');
	} else
		open311_send_xml(r, root, value);
	json_decref(value);
	response_header(r, "Access-Control-Allow-Origin", "*");
	response_header(r, "Vary", "Accept-Language");
}

void
open311_error(struct request *r, int status, const char *key, const char *value)
{
	struct buf	 message;
	char		 path[96];

	buf_init(&message);
	snprintf(path, sizeof(path), "Msg.Open311.%s", key);
	lang_format(&message, r->lang, path, 0, value);
	r->status = status;
	response_header(r, "Cache-Control", "no-store");
	open311_send(r, "errors", json_pack("[{s:i, s:s}]", "code", status,
	    "description", buf_cstr(&message)));
	buf_free(&message);
}

void
open311_route_error(struct request *r)
{
	switch (r->status) {
	case 400:
		if (r->invalid_field[0] == '\0')
			open311_error(r, 400, "BadRequest", NULL);
		else
			open311_error(r, 400, r->field_missing ? "MissingParameter" :
			    "InvalidParameter", r->invalid_field);
		break;
	case 404:
		open311_error(r, 404, "NotFound", NULL);
		break;
	case 405:
		open311_error(r, 405, "MethodNotAllowed", NULL);
		break;
	case 413:
		open311_error(r, 413, "TooLarge", NULL);
		break;
	default:
		open311_error(r, r->status < 500 ? r->status : 500, "Unavailable", NULL);
	}
}

int
open311_path_format(struct request *r)
{
	static const struct { const char *suffix; enum api_format format; } suffixes[] = {
		{ ".json", API_FORMAT_JSON }, { ".xml", API_FORMAT_XML } };
	size_t	 len = strlen(r->path), n, i;
	char	*path;

	if (strncmp(r->path, "/open311/", 9) != 0)
		return 0;
	r->format = API_FORMAT_XML;	/* errors of a path without a suffix */
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		n = strlen(suffixes[i].suffix);
		if (len <= n || strcmp(r->path + len - n, suffixes[i].suffix) != 0)
			continue;
		if ((path = strndup(r->path, len - n)) == NULL)
			abort();
		r->owned[r->owned_count++] = path;
		r->path = path;
		r->format = suffixes[i].format;
		return 0;
	}
	return -1;
}

unsigned long long
open311_jurisdiction(struct request *r, struct app *app)
{
	static const char sql[] = "SELECT id FROM tenant WHERE terc = ?";
	const char		*terc = request_text(r, "jurisdiction_id");
	struct db_result	 res;
	unsigned long long	 id = 0;

	if (terc == NULL) {
		open311_error(r, 400, "MissingParameter", "jurisdiction_id");
		return 0;
	}
	if (db_query(app->db, sql, DB_ARGS(DB_S(terc)), &res) == -1) {
		open311_error(r, 500, "Unavailable", NULL);
		return 0;
	}
	if (res.rows == 1)
		id = (unsigned long long)db_cell_int(&res, 0, 0);
	db_result_free(&res);
	if (id == 0)
		open311_error(r, 404, "UnknownJurisdiction", terc);
	return id;
}

const char *
open311_datetime(const char *db, char out[32])
{
	struct tm	 tm;
	time_t		 t;
	int		 minutes;
	char		*end;

	if (db == NULL)
		return NULL;
	memset(&tm, 0, sizeof(tm));
	end = strptime(db, "%Y-%m-%d %H:%M:%S", &tm);
	if (end == NULL || *end != '\0')
		return NULL;
	t = timegm(&tm);
	localtime_r(&t, &tm);
	/* Warsaw is +01:00 or +02:00; the bound keeps any zone's offset in two digits. */
	minutes = (int)(labs(tm.tm_gmtoff) / 60 % (24 * 60));
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + 19, 13, "%c%02d:%02d", tm.tm_gmtoff < 0 ? '-' : '+',
	    minutes / 60 % 24, minutes % 60);
	return out;
}

json_t *
open311_string_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}
