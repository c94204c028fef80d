/* request.h: one HTTP request as handlers see it: validated fields only, and the response. */
#ifndef RATUSZ_REQUEST_H
#define RATUSZ_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "lang.h"

#define REQ_MAX_FIELDS		40	/* the subscription form has one per fraction */
#define REQ_MAX_PATH_ARGS	4
/* Largest form body the worker reads; a longer one is rejected with 413. */
#define REQ_MAX_BODY		(64 * 1024)

/* The form a field must have. Each type has one validator in request.c. */
enum field_type {
	FIELD_TEXT,	/* valid UTF-8 without control characters, at most max characters */
	FIELD_UINT,	/* decimal 1..max (max 0 means UINT32_MAX) */
	FIELD_TERC,	/* 7 digits */
	FIELD_TOKEN,	/* TOKEN_LEN base64url characters */
	FIELD_DATE,	/* YYYY-MM-DD, a real date */
	FIELD_YEAR,	/* 2000..2100 */
	FIELD_LANG,	/* "pl" or "en" */
	FIELD_PASSWORD,	/* valid UTF-8 kept as typed (not trimmed), at most max bytes */
};

/* One entry of a route's validator table. */
struct field_spec {
	const char	*name;
	enum field_type	 type;
	bool		 required;
	unsigned	 max;	/* characters for text, largest value for numbers */
};

/* A validated field; handlers read only these. */
struct field {
	const struct field_spec	*spec;
	const char		*text;	/* validated value, trimmed; NULL when absent */
	long long		 number;	/* for numeric types and dates (days since 1970) */
};

struct request {
	/* from the server */
	const char	*method;
	const char	*path;		/* decoded, without the query string */
	const char	*query;		/* raw query string */
	const char	*if_none_match;
	const char	*cookie;
	const char	*accept_language;
	const char	*request_id;
	enum lang	 lang;
	time_t		 now;		/* the request's time (X-Ratusz-Now with test hooks) */
	long		 today;		/* days since 1970 in Europe/Warsaw */
	/* the signed-in account (0 when anonymous) and its CSRF token, from session.c */
	unsigned long long account_id;
	char		 csrf_token[65];
	char		 session_hash[65];	/* SHA-256 hex of the "sid" cookie, or "" */
	char		 pre_new[23];		/* a "pre" cookie value still to be sent, or "" */
	const char	*remote_addr;
	char		 client[52];	/* remote_addr as rate limits count it, see request_client_key */
	const char	*origin;
	const char	*referer;
	/* a POST body of form_length bytes (NUL-terminated), and its Content-Type */
	const char	*form_type;
	char		*form_data;
	size_t		 form_length;
	bool		 form_parsed;
	/* validated input */
	struct field	 path_args[REQ_MAX_PATH_ARGS];
	size_t		 path_arg_count;
	struct field	 fields[REQ_MAX_FIELDS];
	size_t		 field_count;
	/* the failed field, for the 400 page, and whether it was missing or malformed */
	char		 invalid_field[64];
	bool		 field_missing;
	/* the response */
	int		 status;
	char		 allow[32];	/* the Allow header of a 405: "GET, HEAD", "POST" */
	const char	*content_type;
	struct buf	 headers;	/* extra "Name: value\r\n" lines */
	struct buf	 body;
	/* decoded copies of input values, freed by request_reset */
	char		*owned[2 * REQ_MAX_FIELDS + REQ_MAX_PATH_ARGS + 2];
	size_t		 owned_count;
};

void	 request_init(struct request *);
void	 request_reset(struct request *);
void	 request_free(struct request *);

/*
 * Parses the query string into fields, checking each against the specs
 * (count entries, terminated by a NULL name for convenience). Unknown keys
 * are ignored; a repeated key, a malformed or missing required value fails.
 * Returns 0, or -1 with invalid_field set.
 */
int	 request_parse_query(struct request *, const struct field_spec *specs);
/*
 * Parses an application/x-www-form-urlencoded body (form_data) like the query
 * string. Every form also accepts "csrf" (the token session_csrf_ok checks)
 * without listing it. A second call returns 0 without parsing again. Returns 0,
 * or -1 with invalid_field set (a body of another Content-Type is invalid).
 */
int	 request_parse_form(struct request *, const struct field_spec *specs);
/* Validates one value against a spec into *out; 0 or -1. Used for path segments too. */
int	 request_validate(struct request *, const struct field_spec *, const char *value,
		struct field *out);
/* Returns the validated field of that name, or NULL when it was absent. */
const struct field *request_field(const struct request *, const char *name);
const char *request_text(const struct request *, const char *name);
/* Picks the language: the "lang" cookie, then Accept-Language, then Polish. */
enum lang request_pick_lang(const char *cookie, const char *accept_language);

/*
 * Writes the key under which rate limits count a client address into out[52].
 * An IPv6 address becomes its /64 prefix ("2001:db8:1:2::/64"), because one
 * subscriber usually gets a whole /64. An IPv4-mapped IPv6 address becomes
 * the IPv4 address. Any other value is copied (cut to fit), NULL becomes "".
 */
void	 request_client_key(const char *remote_addr, char out[52]);

/* Response helpers. */
void	 response_header(struct request *, const char *name, const char *value);
void	 response_redirect(struct request *, int status, const char *location);
/* Appends s with &, <, >, ", ' escaped for HTML text and attributes. */
void	 html_escape(struct buf *, const char *s);
/* Appends s percent-encoded for a URL query value. */
void	 url_escape(struct buf *, const char *s);

#endif
