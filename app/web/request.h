/* request.h: one HTTP request as handlers see it: validated fields only, and the response. */
#ifndef RATUSZ_REQUEST_H
#define RATUSZ_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "lang.h"
#include "multipart.h"
#include "problem.h"

#define REQ_MAX_FIELDS		40	/* the subscription form has one per fraction */
#define REQ_MAX_PATH_ARGS	4
/*
 * Largest body the worker reads for a route without file fields, and for a
 * route with them; a longer one is rejected with 413. nginx rejects larger
 * bodies first with the same limits: client_max_body_size 64k for the server,
 * 51m in the locations of upload routes (nginx/ratusz.conf, nginx/dev.conf.in).
 * 51 MiB fits five photos of REQ_MAX_PHOTO_BYTES and the text of the form.
 */
#define REQ_MAX_BODY		(64 * 1024)
#define REQ_MAX_UPLOAD_BODY	(51 * 1024 * 1024)
#define REQ_MAX_PHOTO_BYTES	(10 * 1024 * 1024)
#define REQ_MAX_FILES		10	/* file parts kept from one request */

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
	FIELD_MULTILINE,	/* FIELD_TEXT that may also contain line breaks and tabs */
};
#define FIELD_TYPE_MASK	0xff
/*
 * Or'ed into a type: the handler shows a wrong value beside its field instead
 * of the request failing with 400, so the field is kept with invalid set. Its
 * text has vertical tabs and form feeds (and tabs outside FIELD_MULTILINE)
 * turned into spaces. Other control characters, NUL, invalid UTF-8 and the
 * bidirectional embedding, override and isolate controls (U+202A-U+202E,
 * U+2066-U+2069) are replaced by U+FFFD, which also sets invalid.
 */
#define FIELD_BY_HANDLER	0x100

/* The response format an API path names by its suffix (Open311: ".json", ".xml"). */
enum api_format { API_FORMAT_NONE, API_FORMAT_JSON, API_FORMAT_XML };

/* One entry of a route's validator table. */
struct field_spec {
	const char	*name;
	int		 type;	/* an enum field_type, maybe with FIELD_BY_HANDLER */
	bool		 required;
	unsigned	 max;	/* characters for text, largest value for numbers */
};

/*
 * A file field of a multipart/form-data route: at most max_count files of at
 * most max_bytes each. The route's table ends with a NULL name.
 */
struct file_spec {
	const char	*name;
	unsigned	 max_count;
	size_t		 max_bytes;
};

/* A received file: its bytes point into the request body, untouched. */
struct upload {
	const struct file_spec	*spec;
	const char		*filename;	/* as the client sent it: valid UTF-8, no '/' */
	const unsigned char	*data;
	size_t			 length;
};

/* A validated field; handlers read only these. */
struct field {
	const struct field_spec	*spec;
	const char		*text;	/* validated value, trimmed; NULL when absent */
	long long		 number;	/* for numeric types and dates (days since 1970) */
	bool			 invalid;	/* only with FIELD_BY_HANDLER */
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
	bool		 test_hooks;	/* RATUSZ_TEST_HOOKS=1: test-only routes are served */
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
	enum api_format	 format;	/* set by open311_path_format for /open311/ paths */
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
	/* files of a multipart body, and the first file that broke a file_spec limit */
	struct upload	 uploads[REQ_MAX_FILES];
	size_t		 upload_count;
	struct multipart_part *multipart_parts;	/* the parts, which hold the filenames */
	size_t		 multipart_count;
	struct problem	 upload_problem;	/* key "" when every file was within limits */
	/* the failed field, for the 400 page, and whether it was missing or malformed */
	char		 invalid_field[64];
	bool		 field_missing;
	/* why a body was rejected (key under Msg., "" when no reason beyond the field) */
	struct problem	 body_problem;
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
/*
 * Parses a multipart/form-data body (form_data, form_length bytes): its text
 * parts go through the same validators as an urlencoded form (csrf included),
 * and its file parts are matched against files. A file input left empty (no
 * filename and no bytes) counts as absent; a file part whose name no entry of
 * files has is ignored, like an unknown text field. An urlencoded body is
 * passed to request_parse_form instead, so such a route takes text-only posts.
 * Returns 0, or -1 with invalid_field and body_problem set when the body is
 * malformed (see multipart_parse). A file over its spec's max_bytes, or more
 * files than max_count, does not fail the request: upload_problem is set
 * instead, and request_file_count then returns 0 for every name, so that the
 * handler can show the form again with the typed text and the reason.
 */
int	 request_parse_multipart(struct request *, const struct field_spec *specs,
		const struct file_spec *files);
/*
 * Returns the number of files received for the file field name, 0 when none
 * or when upload_problem is set; request_file returns the i-th (from 0), or
 * NULL past the end.
 */
size_t	 request_file_count(const struct request *, const char *name);
const struct upload *request_file(const struct request *, const char *name, size_t i);
/*
 * Parses the POST body (urlencoded, or the text parts of a multipart body)
 * again for the fields of specs only, whose names are known only after the
 * route's form was read (a category's extra fields). Fields of other names,
 * "csrf" included, are skipped; a field of specs that is already present
 * fails. Returns 0, or -1 with invalid_field set.
 */
int	 request_parse_more(struct request *, const struct field_spec *specs);
/*
 * Calls fn for every pair of the form body whose decoded name starts with
 * prefix (e.g. "attribute["), with the decoded name and value, in body order.
 * These are fields whose names a static spec cannot list; fn validates them.
 * Returns 0, the first non-zero value fn returned, or -1 for a malformed pair.
 */
int	 request_form_prefixed(struct request *, const char *prefix,
		int (*fn)(void *, const char *name, const char *value), void *arg);
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
/* True when an If-None-Match header lists the ETag (weak or strong) or is "*". */
int	 etag_matches(const char *header, const char *etag);
void	 response_header(struct request *, const char *name, const char *value);
void	 response_redirect(struct request *, int status, const char *location);
/* Appends s with &, <, >, ", ' escaped for HTML text and attributes. */
void	 html_escape(struct buf *, const char *s);
/* Appends s percent-encoded for a URL query value. */
void	 url_escape(struct buf *, const char *s);

#endif
