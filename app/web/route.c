/* route.c: the route table of the portal; every URL's handler and validators are found here. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pages.h"
#include "route.h"

static const struct field_spec path_terc[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec path_terc_locality[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "locality", FIELD_UINT, true, 0 },
	{ NULL, 0, false, 0 } };
static const struct field_spec path_terc_point[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "point", FIELD_UINT, true, 0 },
	{ NULL, 0, false, 0 } };
static const struct field_spec path_terc_point_year[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "point", FIELD_UINT, true, 0 },
	{ "year", FIELD_YEAR, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec path_point[] = {
	{ "point", FIELD_UINT, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec path_calendar[] = {
	{ "file", FIELD_TEXT, true, 40 }, { NULL, 0, false, 0 } };
static const struct field_spec path_lang[] = {
	{ "code", FIELD_LANG, true, 0 }, { NULL, 0, false, 0 } };

static const struct field_spec query_search[] = {
	{ "q", FIELD_TEXT, false, 100 }, { NULL, 0, false, 0 } };
static const struct field_spec query_addresses[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "q", FIELD_TEXT, false, 100 },
	{ NULL, 0, false, 0 } };
static const struct field_spec query_schedule[] = {
	{ "from", FIELD_DATE, false, 0 }, { "to", FIELD_DATE, false, 0 },
	{ NULL, 0, false, 0 } };
static const struct field_spec query_health[] = {
	{ "sleep", FIELD_UINT, false, 600 }, { NULL, 0, false, 0 } };
static const struct field_spec query_lang[] = {
	{ "next", FIELD_TEXT, false, 300 }, { NULL, 0, false, 0 } };

/* SMSAPI delivery reports: comma-separated lists of up to 100 values. */
static const struct field_spec query_sms_callback[] = {
	{ "sig", FIELD_TEXT, true, 64 }, { "batch", FIELD_TEXT, false, 64 },
	{ "MsgId", FIELD_TEXT, true, 6500 },
	{ "status", FIELD_TEXT, true, 500 }, { "idx", FIELD_TEXT, true, 6500 },
	{ "donedate", FIELD_TEXT, false, 1200 }, { "username", FIELD_TEXT, false, 100 },
	{ "points", FIELD_TEXT, false, 1200 }, { NULL, 0, false, 0 } };

/* The one-click unsubscribe token of a subscription's reminder e-mails. */
static const struct field_spec path_unsubscribe[] = {
	{ "token", FIELD_TOKEN, true, 0 }, { NULL, 0, false, 0 } };

/* Account forms; every form also takes the "csrf" field (see request_parse_form). */
static const struct field_spec path_account_token[] = {
	{ "token", FIELD_TOKEN, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec query_account[] = {
	{ "done", FIELD_TEXT, false, 32 }, { NULL, 0, false, 0 } };
static const struct field_spec form_register[] = {
	{ "email", FIELD_TEXT, false, 254 }, { "password", FIELD_PASSWORD, false, 256 },
	{ "password2", FIELD_PASSWORD, false, 256 }, { "terms", FIELD_UINT, false, 1 },
	{ "consent_email", FIELD_UINT, false, 1 }, { NULL, 0, false, 0 } };
static const struct field_spec query_login[] = {
	{ "next", FIELD_TEXT, false, 300 }, { NULL, 0, false, 0 } };
static const struct field_spec form_login[] = {
	{ "email", FIELD_TEXT, false, 254 }, { "password", FIELD_PASSWORD, false, 256 },
	{ "next", FIELD_TEXT, false, 300 }, { NULL, 0, false, 0 } };
static const struct field_spec form_csrf_only[] = { { NULL, 0, false, 0 } };
static const struct field_spec form_email[] = {
	{ "email", FIELD_TEXT, false, 254 }, { NULL, 0, false, 0 } };
static const struct field_spec form_new_password[] = {
	{ "password", FIELD_PASSWORD, false, 256 },
	{ "password2", FIELD_PASSWORD, false, 256 }, { NULL, 0, false, 0 } };
static const struct field_spec form_change_email[] = {
	{ "new_email", FIELD_TEXT, false, 254 },
	{ "password", FIELD_PASSWORD, false, 256 }, { NULL, 0, false, 0 } };
static const struct field_spec form_change_password[] = {
	{ "current", FIELD_PASSWORD, false, 256 },
	{ "password", FIELD_PASSWORD, false, 256 },
	{ "password2", FIELD_PASSWORD, false, 256 }, { NULL, 0, false, 0 } };
static const struct field_spec form_settings[] = {
	{ "lang", FIELD_LANG, false, 0 }, { "phone", FIELD_TEXT, false, 32 },
	{ NULL, 0, false, 0 } };
static const struct field_spec form_consent[] = {
	{ "channel", FIELD_TEXT, true, 5 }, { "action", FIELD_TEXT, true, 8 },
	{ NULL, 0, false, 0 } };
static const struct field_spec form_password_only[] = {
	{ "password", FIELD_PASSWORD, false, 256 }, { NULL, 0, false, 0 } };

static const struct route routes[] = {
	{ "GET", "/", page_home, NULL, query_search, NULL },
	{ "GET", "/health", page_health, NULL, query_health, NULL },
	{ "GET", "/jezyk/*", page_lang, path_lang, query_lang, NULL },
	{ "GET", "/gmina/*", page_gmina, path_terc, query_search, NULL },
	{ "GET", "/gmina/*/miejscowosc/*", page_locality, path_terc_locality, NULL, NULL },
	{ "GET", "/gmina/*/adres/*", page_schedule, path_terc_point, NULL, NULL },
	{ "GET", "/gmina/*/adres/*/rok/*", page_year, path_terc_point_year, NULL, NULL },
	{ "GET", "/kalendarz/*", page_calendar, path_calendar, NULL, NULL },
	{ "GET", "/api/v1/gminy", api_gminy, NULL, query_search, NULL },
	{ "GET", "/api/v1/addresses", api_addresses, NULL, query_addresses, NULL },
	{ "GET", "/api/v1/addresses/*", api_address, path_point, NULL, NULL },
	{ "GET", "/api/v1/addresses/*/schedule", api_schedule, path_point, query_schedule, NULL },
	{ "GET", "/u/*", page_unsubscribe, path_unsubscribe, NULL, NULL },
	{ "POST", "/u/*", page_unsubscribe_post, path_unsubscribe, NULL, NULL },
	{ .method = "GET", .pattern = "/sms/zwrotka", .handler = page_sms_callback,
	    .query = query_sms_callback },
	{ "GET", "/konto", page_account, NULL, query_account, NULL },
	{ "GET", "/konto/rejestracja", page_account_register, NULL, NULL, NULL },
	{ "POST", "/konto/rejestracja", page_account_register_post, NULL, NULL, form_register },
	{ "GET", "/konto/potwierdz/*", page_account_confirm, path_account_token, NULL, NULL },
	{ "POST", "/konto/potwierdz/*", page_account_confirm_post, path_account_token, NULL, form_csrf_only },
	{ "GET", "/konto/logowanie", page_account_login, NULL, query_login, NULL },
	{ "POST", "/konto/logowanie", page_account_login_post, NULL, NULL, form_login },
	{ "POST", "/konto/wyloguj", page_account_logout, NULL, NULL, form_csrf_only },
	{ "GET", "/konto/haslo", page_account_reset_request, NULL, NULL, NULL },
	{ "POST", "/konto/haslo", page_account_reset_request_post, NULL, NULL, form_email },
	{ "GET", "/konto/haslo/*", page_account_reset, path_account_token, NULL, NULL },
	{ "POST", "/konto/haslo/*", page_account_reset_post, path_account_token, NULL, form_new_password },
	{ "POST", "/konto/email", page_account_email_post, NULL, NULL, form_change_email },
	{ "POST", "/konto/zmien-haslo", page_account_password_post, NULL, NULL, form_change_password },
	{ "POST", "/konto/ustawienia", page_account_settings_post, NULL, NULL, form_settings },
	{ "POST", "/konto/zgody", page_account_consent_post, NULL, NULL, form_consent },
	{ "GET", "/konto/dane", page_account_export, NULL, NULL, NULL },
	{ "GET", "/konto/usun", page_account_delete, NULL, NULL, NULL },
	{ "POST", "/konto/usun", page_account_delete_post, NULL, NULL, form_password_only },
	/* Followed addresses; "nowy" comes before "*", which must be a number. */
	{ .method = "GET", .pattern = "/konto/adresy", .handler = page_subscriptions },
	{ .method = "GET", .pattern = "/konto/adresy/nowy", .handler = page_subscription_new,
	    .query = subscription_new_query },
	{ .method = "POST", .pattern = "/konto/adresy/nowy",
	    .handler = subscription_create_post, .form = subscription_form },
	{ .method = "GET", .pattern = "/konto/adresy/*", .handler = page_subscription_edit,
	    .path = subscription_path },
	{ .method = "POST", .pattern = "/konto/adresy/*", .handler = subscription_update_post,
	    .path = subscription_path, .form = subscription_form },
	{ .method = "POST", .pattern = "/konto/adresy/*/usun",
	    .handler = subscription_delete_post, .path = subscription_path,
	    .form = subscription_empty_form },
	{ .method = "POST", .pattern = "/konto/adresy/*/email",
	    .handler = subscription_email_post, .path = subscription_path,
	    .form = subscription_empty_form },
};

/* Compares pattern and path segment by segment; collects "*" segments into args. */
static int
pattern_match(const char *pattern, const char *path, const char **args,
    size_t *lens, size_t *count)
{
	const char	*pe, *se;

	*count = 0;
	for (;;) {
		if (*pattern != '/' || *path != '/')
			return 0;
		pattern++, path++;
		pe = strchr(pattern, '/');
		se = strchr(path, '/');
		if (pe == NULL)
			pe = pattern + strlen(pattern);
		if (se == NULL)
			se = path + strlen(path);
		if (pe - pattern == 1 && *pattern == '*') {
			if (se == path || *count == REQ_MAX_PATH_ARGS)
				return 0;
			args[*count] = path;
			lens[(*count)++] = (size_t)(se - path);
		} else if (pe - pattern != se - path ||
		    strncmp(pattern, path, (size_t)(pe - pattern)) != 0)
			return 0;
		pattern = pe;
		path = se;
		if (*pattern == '\0' && *path == '\0')
			return 1;
	}
}

static int
validate_path_args(struct request *r, const struct route *rt, const char **args,
    const size_t *lens, size_t count)
{
	char	*value;
	size_t	 i;

	for (i = 0; i < count; i++) {
		if ((value = strndup(args[i], lens[i])) == NULL)
			return -1;
		r->owned[r->owned_count++] = value;
		if (request_validate(r, &rt->path[i], value, &r->path_args[i]) == -1)
			return -1;
		r->path_arg_count++;
	}
	return 0;
}

/* Adds a route's method to r->allow once; a GET route also allows HEAD. */
static void
allow_add(struct request *r, const char *method)
{
	size_t	 len = strlen(r->allow);

	if (strstr(r->allow, method) != NULL)
		return;
	snprintf(r->allow + len, sizeof(r->allow) - len, "%s%s%s",
	    len > 0 ? ", " : "", method,
	    strcmp(method, "GET") == 0 ? ", HEAD" : "");
}

const struct route *
route_match(struct request *r)
{
	const char	*args[REQ_MAX_PATH_ARGS];
	size_t		 lens[REQ_MAX_PATH_ARGS], count, i;
	int		 path_found = 0, get = strcmp(r->method, "GET") == 0 ||
			    strcmp(r->method, "HEAD") == 0;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!pattern_match(routes[i].pattern, r->path, args, lens, &count))
			continue;
		path_found = 1;
		if (strcmp(routes[i].method, r->method) != 0 &&
		    !(get && strcmp(routes[i].method, "GET") == 0)) {
			allow_add(r, routes[i].method);
			continue;
		}
		/* A malformed path segment names no page, so it is a 404, not a 400. */
		if (validate_path_args(r, &routes[i], args, lens, count) == -1) {
			r->invalid_field[0] = '\0';
			r->status = 404;
			return NULL;
		}
		if (request_parse_query(r, routes[i].query) == -1 ||
		    (routes[i].form != NULL && strcmp(r->method, "POST") == 0 &&
		    request_parse_form(r, routes[i].form) == -1)) {
			r->status = 400;
			return NULL;
		}
		return &routes[i];
	}
	/* worker.c handles OPTIONS under /api/ itself (CORS preflight). */
	if (path_found && strncmp(r->path, "/api/", 5) == 0)
		allow_add(r, "OPTIONS");
	r->status = path_found ? 405 : 404;
	return NULL;
}
