/* open311_post.c: POST requests: a new report from an Open311 client with a gmina's API key. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "open311.h"
#include "open311_service.h"
#include "page_account.h"
#include "report.h"
#include "text.h"

static const char sql_key[] =
    "SELECT id, tenant_id, revoked_at IS NULL FROM api_key WHERE key_hash = ?";
static const char sql_key_used[] = "UPDATE api_key SET last_used_at = ? WHERE id = ?";
static const char sql_token[] = "SELECT open311_token FROM report WHERE id = ?";
/*
 * NOTE: media_url is stored as text and never fetched, and an e-mail author gets
 * no confirmation mail, so no notices either (docs/KNOWN_BUGS.md).
 */
static const char sql_extra[] =
    "INSERT INTO report_open311 (report_id, tenant_id, api_key_id, device_id,"
    " account_id, first_name, last_name, phone, media_url)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

/*
 * Checks the api_key field: a key of this gmina that is not revoked. Returns
 * its id, or 0 after sending 403 (or 500). Missing, unknown, revoked and other
 * gminy's keys get the same 403 response, so a client learns nothing about keys.
 */
static unsigned long long
api_key_check(struct request *r, struct app *app, unsigned long long tenant_id)
{
	const char		*key = request_text(r, "api_key");
	struct db_result	 res;
	unsigned long long	 id = 0;
	char			 hash[65], now[20];

	if (key == NULL) {
		open311_error(r, 403, "MissingApiKey", NULL);
		return 0;
	}
	token_sha256_hex(key, strlen(key), hash);
	if (db_query(app->db, sql_key, DB_ARGS(DB_T(hash)), &res) == -1) {
		open311_error(r, 500, "Unavailable", NULL);
		return 0;
	}
	if (res.rows == 1 && (unsigned long long)db_cell_int(&res, 0, 1) == tenant_id &&
	    db_cell_int(&res, 0, 2) == 1)
		id = (unsigned long long)db_cell_int(&res, 0, 0);
	db_result_free(&res);
	if (id == 0) {
		open311_error(r, 403, "BadApiKey", NULL);
		return 0;
	}
	report_datetime(r->now, now);
	db_exec(app->db, sql_key_used, DB_ARGS(DB_T(now), DB_I(id)), NULL, NULL);
	return id;
}

/* Counts this POST against the key's limit; 0, or -1 after sending 429 (or 500). */
static int
api_key_rate(struct request *r, struct app *app, unsigned long long key_id)
{
	char	 value[24];
	int	 limited;

	snprintf(value, sizeof(value), "%llu", key_id);
	limited = rate_limited(r, app, "open311-post", value, OPEN311_POSTS_PER_WINDOW);
	if (limited == 0 && rate_hit(r, app, "open311-post", value) == 0)
		return 0;
	if (limited == 1)
		open311_error(r, 429, "TooManyRequests", NULL);
	else
		open311_error(r, 500, "Unavailable", NULL);
	return -1;
}

struct attribute_pass {
	const json_t	*definition;
	json_t		*values;
	struct open311_attribute_error err;
};

static int
attribute_one(void *arg, const char *name, const char *value)
{
	struct attribute_pass	*pass = arg;

	return open311_attribute_add(pass->definition, pass->values, name, value,
	    &pass->err);
}

/*
 * Reads the attribute[code] fields against the definition into a JSON object
 * text (NULL when none was given). -1 after sending the error.
 */
static int
read_attributes(struct request *r, const json_t *definition, char **json)
{
	struct attribute_pass	 pass = { definition, json_object(), { "", NULL } };
	int			 rc;

	*json = NULL;
	rc = request_form_prefixed(r, "attribute[", attribute_one, &pass);
	if (rc == 0)
		rc = open311_attributes_complete(definition, pass.values, &pass.err);
	if (rc != 0) {
		open311_error(r, 400, pass.err.key != NULL ? pass.err.key : "BadRequest",
		    pass.err.code);
		json_decref(pass.values);
		return -1;
	}
	if (json_object_size(pass.values) > 0)
		*json = json_dumps(pass.values, JSON_COMPACT);
	json_decref(pass.values);
	return 0;
}

static bool
coordinate_parse(const char *s, double *out)
{
	char	*end;

	if (s == NULL || *s == '\0')
		return false;
	*out = strtod(s, &end);
	return *end == '\0' && isfinite(*out);
}

/* Reads lat+long, address_string or address_id into n; -1 after sending the error. */
static int
read_location(struct request *r, struct report_new *n)
{
	const char		*lat = request_text(r, "lat"), *lon = request_text(r, "long");
	const struct field	*point = request_field(r, "address_id");

	if ((lat != NULL) != (lon != NULL)) {
		open311_error(r, 400, "MissingParameter", lat != NULL ? "long" : "lat");
		return -1;
	}
	if (lat != NULL) {
		if (!coordinate_parse(lat, &n->lat) || !coordinate_parse(lon, &n->lon)) {
			open311_error(r, 400, "InvalidParameter",
			    coordinate_parse(lat, &n->lat) ? "long" : "lat");
			return -1;
		}
		n->has_position = true;
	}
	n->point_id = point != NULL ? (unsigned long long)point->number : 0;
	n->address_text = request_text(r, "address_string");
	if (!n->has_position && n->point_id == 0 && n->address_text == NULL) {
		open311_error(r, 400, "NoLocation", NULL);
		return -1;
	}
	return 0;
}

/* A plausible e-mail address: one "@" with text on both sides and no spaces. */
static bool
email_plausible(const char *s)
{
	const char	*at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' && strchr(at + 1, '@') == NULL &&
	    strchr(s, ' ') == NULL && strchr(at, '.') != NULL;
}

static void
author_name(struct request *r, char *out, size_t size)
{
	const char	*first = request_text(r, "first_name");
	const char	*last = request_text(r, "last_name");

	snprintf(out, size, "%s%s%s", first != NULL ? first : "",
	    first != NULL && last != NULL ? " " : "", last != NULL ? last : "");
}

static const char *
text_or_empty(struct request *r, const char *name)
{
	const char	*s = request_text(r, name);

	return s != NULL ? s : "";
}

/* Stores the report with what the client sent beside it; 0, 1 with *err, -1. */
static int
store_report(struct request *r, struct app *app, const struct report_new *n,
    char token[TOKEN_LEN + 1], struct problem *err)
{
	struct report_created	 created;
	struct db_result	 res;
	int			 rc;

	if (db_begin(app->db) == -1)
		return -1;
	if ((rc = report_create(app->db, n, &created, err)) != 0)
		goto fail;
	rc = -1;
	if (db_query(app->db, sql_token, DB_ARGS(DB_I(created.id)), &res) == -1)
		goto fail;
	snprintf(token, TOKEN_LEN + 1, "%s", res.rows == 1 && db_cell(&res, 0, 0) != NULL ?
	    db_cell(&res, 0, 0) : "");
	db_result_free(&res);
	if (token[0] == '\0' || db_exec(app->db, sql_extra, DB_ARGS(DB_I(created.id),
	    DB_I(n->tenant_id), DB_I(n->api_key_id), DB_T(text_or_empty(r, "device_id")),
	    DB_T(text_or_empty(r, "account_id")), DB_T(text_or_empty(r, "first_name")),
	    DB_T(text_or_empty(r, "last_name")), DB_T(text_or_empty(r, "phone")),
	    DB_T(text_or_empty(r, "media_url"))), NULL, NULL) == -1 ||
	    db_commit(app->db) == -1)
		goto fail;
	return 0;
fail:
	db_rollback(app->db);
	return rc;
}

static void
send_problem(struct request *r, const struct problem *p)
{
	struct buf	 message;

	buf_init(&message);
	lang_problem(&message, r->lang, p);
	r->status = 400;
	open311_send(r, "errors", json_pack("[{s:i, s:s}]", "code", 400,
	    "description", buf_cstr(&message)));
	buf_free(&message);
}

/* Fills n from the form; -1 after sending the error. */
static int
read_report(struct request *r, struct report_new *n, const json_t *definition,
    char **attributes)
{
	const char	*email = request_text(r, "email");

	if (email != NULL && !email_plausible(email)) {
		open311_error(r, 400, "InvalidParameter", "email");
		return -1;
	}
	if (read_location(r, n) == -1 || read_attributes(r, definition, attributes) == -1)
		return -1;
	n->author_email = email;
	/* Open311 clients publish no author: the public sees these reports anonymously. */
	n->anonymous = true;
	n->description = text_or_empty(r, "description");
	n->from_api = true;
	n->now = r->now;
	return 0;
}

void
open311_request_post(struct request *r, struct app *app)
{
	struct report_new	 n;
	struct problem		 err;
	json_t			*definition = NULL;
	char			*attributes = NULL, name[110], token[TOKEN_LEN + 1];
	int			 rc;

	memset(&n, 0, sizeof(n));
	if ((n.tenant_id = open311_jurisdiction(r, app)) == 0 ||
	    (n.api_key_id = api_key_check(r, app, n.tenant_id)) == 0 ||
	    api_key_rate(r, app, n.api_key_id) == -1)
		return;
	if (request_text(r, "service_code") == NULL) {
		open311_error(r, 400, "MissingParameter", "service_code");
		return;
	}
	rc = open311_definition_load(app->db, n.tenant_id, request_text(r, "service_code"),
	    r->lang, &n.category_id, &definition);
	if (rc != 1) {
		open311_error(r, rc == 0 ? 400 : 500, rc == 0 ? "UnknownService" :
		    "Unavailable", request_text(r, "service_code"));
		return;
	}
	if (read_report(r, &n, definition, &attributes) == 0) {
		author_name(r, name, sizeof(name));
		n.author_name = name;
		n.attributes_json = attributes;
		rc = store_report(r, app, &n, token, &err);
		if (rc == 1)
			send_problem(r, &err);
		else if (rc == -1)
			open311_error(r, 500, "Unavailable", NULL);
		else
			open311_send(r, "service_requests", json_pack("[{s:s}]", "token", token));
	}
	free(attributes);
	json_decref(definition);
}
