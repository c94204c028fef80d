/* request.c: query string parsing, the field validators, and response helpers. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"
#include "request.h"
#include "text.h"
#include "token.h"

void
request_init(struct request *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->headers);
	buf_init(&r->body);
	r->status = 200;
}

void
request_reset(struct request *r)
{
	struct buf	 headers = r->headers, body = r->body;
	size_t		 i;

	for (i = 0; i < r->owned_count; i++)
		free(r->owned[i]);
	free(r->form_data);
	free(r->multipart_parts);
	buf_reset(&headers);
	buf_reset(&body);
	memset(r, 0, sizeof(*r));
	r->headers = headers;
	r->body = body;
	r->status = 200;
}

void
request_free(struct request *r)
{
	request_reset(r);
	buf_free(&r->headers);
	buf_free(&r->body);
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes a form-encoded value of n bytes into a new buffer of *len bytes and a
 * NUL, which may contain NUL bytes and invalid UTF-8; NULL when a "%" escape is
 * malformed.
 */
static char *
form_decode_bytes(const char *s, size_t n, size_t *len)
{
	char	*out, *o;
	size_t	 i;
	int	 hi, lo;

	if ((out = malloc(n + 1)) == NULL)
		abort();
	for (i = 0, o = out; i < n; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] != '%')
			*o++ = s[i];
		else if (i + 2 < n && (hi = hex_value(s[i + 1])) >= 0 &&
		    (lo = hex_value(s[i + 2])) >= 0) {
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else {
			free(out);
			return NULL;
		}
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

/* Decodes a form-encoded value of n bytes into a new string; NULL when malformed. */
static char *
form_decode(const char *s, size_t n)
{
	char	*out;
	size_t	 len;

	if ((out = form_decode_bytes(s, n, &len)) == NULL)
		return NULL;
	if (len != strlen(out) || !utf8_valid(out, len)) {
		free(out);
		return NULL;
	}
	return out;
}

/* The length of the UTF-8 sequence that lead starts, or 0 when it starts none. */
static size_t
utf8_sequence_length(unsigned char lead)
{
	if (lead >= 0xc2 && lead <= 0xdf)
		return 2;
	if (lead >= 0xe0 && lead <= 0xef)
		return 3;
	if (lead >= 0xf0 && lead <= 0xf4)
		return 4;
	return 0;
}

/* Whether the valid sequence at p (k bytes) is a C1 control or a bidi control. */
static bool
unwanted_code_point(const unsigned char *p, size_t k)
{
	unsigned	 cp;

	if (k == 2) {
		cp = (unsigned)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		return cp >= 0x80 && cp <= 0x9f;
	}
	if (k != 3)
		return false;
	cp = (unsigned)(p[0] & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Copies the len bytes of a field checked by its handler into a new string
 * with the replacements that FIELD_BY_HANDLER describes.
 */
static char *
handler_text(const char *bytes, size_t len, bool multiline, bool *bad)
{
	static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */
	const unsigned char	*p = (const unsigned char *)bytes;
	char			*out, *o;
	size_t			 i = 0, k;

	if ((out = malloc(len * 3 + 1)) == NULL)
		abort();
	o = out;
	while (i < len) {
		if (p[i] == '\t' || p[i] == 0x0b || p[i] == 0x0c) {
			*o++ = p[i] == '\t' && multiline ? '\t' : ' ';
			i++;
		} else if (multiline && (p[i] == '\n' || p[i] == '\r')) {
			*o++ = (char)p[i++];
		} else if (p[i] >= 0x20 && p[i] < 0x7f) {
			*o++ = (char)p[i++];
		} else if (p[i] >= 0x80 && (k = utf8_sequence_length(p[i])) != 0 &&
		    i + k <= len && utf8_valid((const char *)p + i, k) &&
		    !unwanted_code_point(p + i, k)) {
			memcpy(o, p + i, k);
			o += k;
			i += k;
		} else {
			/* A control character, a C1 or bidi control, or a broken sequence. */
			k = p[i] >= 0x80 ? utf8_sequence_length(p[i]) : 0;
			i += k != 0 && i + k <= len && utf8_valid((const char *)p + i, k) ?
			    k : 1;
			memcpy(o, replacement, 3);
			o += 3;
			*bad = true;
		}
	}
	*o = '\0';
	return out;
}

static char *
request_keep(struct request *r, char *s)
{
	if (r->owned_count == sizeof(r->owned) / sizeof(r->owned[0])) {
		free(s);
		return NULL;
	}
	r->owned[r->owned_count++] = s;
	return s;
}

/* Trims ASCII spaces in place; returns the start. */
static char *
trim_spaces(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Trims line breaks and spaces around a multi-line text in place; returns the start. */
static char *
trim_lines(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

static int
parse_unsigned(const char *s, unsigned long long max, long long *out)
{
	unsigned long long	 v;
	char			*end;

	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] != '\0'))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0 || v > max)
		return -1;
	*out = (long long)v;
	return 0;
}

static int
all_chars(const char *s, size_t len, const char *set)
{
	size_t	 i;

	if (strlen(s) != len)
		return 0;
	for (i = 0; i < len; i++)
		if (strchr(set, s[i]) == NULL || s[i] == '\0')
			return 0;
	return 1;
}

static int
validate_text(const char *s, unsigned max)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return -1;
	return utf8_length(s) <= (max ? max : 200) ? 0 : -1;
}

/*
 * Checks a multi-line text and turns its CR LF and lone CR line breaks into LF
 * in place, so that the count and the stored text match what the user sees.
 */
static int
validate_multiline(char *s, unsigned max)
{
	unsigned char	*p, *o;

	for (p = o = (unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\r') {
			*o++ = '\n';
			if (p[1] == '\n')
				p++;
			continue;
		}
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return -1;
		*o++ = *p;
	}
	*o = '\0';
	return utf8_length(s) <= (max ? max : 200) ? 0 : -1;
}

static int
validate_password(const char *s, unsigned max)
{
	size_t	 len = strlen(s);

	return len <= max && utf8_valid(s, len) ? 0 : -1;
}

static int
validate_date(const char *s, long long *out)
{
	int	 y, m, d;

	if (!all_chars(s, 10, "0123456789-") || s[4] != '-' || s[7] != '-')
		return -1;
	y = (int)strtol(s, NULL, 10);
	m = (int)strtol(s + 5, NULL, 10);
	d = (int)strtol(s + 8, NULL, 10);
	if (!date_valid(y, m, d) || y < 1900 || y > 2200)
		return -1;
	*out = date_to_days(y, m, d);
	return 0;
}

int
request_validate(struct request *r, const struct field_spec *spec,
    const char *value, struct field *out)
{
	static const char digits[] = "0123456789";
	static const char b64url[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	long long	 n = 0;
	int		 ok = -1;

	switch (spec->type & FIELD_TYPE_MASK) {
	case FIELD_TEXT:
		ok = validate_text(value, spec->max);
		break;
	case FIELD_UINT:
		ok = parse_unsigned(value, spec->max ? spec->max : UINT32_MAX, &n);
		break;
	case FIELD_TERC:
		ok = all_chars(value, 7, digits) ? 0 : -1;
		break;
	case FIELD_TOKEN:
		ok = all_chars(value, TOKEN_LEN, b64url) ? 0 : -1;
		break;
	case FIELD_DATE:
		ok = validate_date(value, &n);
		break;
	case FIELD_YEAR:
		ok = parse_unsigned(value, 2100, &n) == 0 && n >= 2000 ? 0 : -1;
		break;
	case FIELD_LANG:
		ok = strcmp(value, "pl") == 0 || strcmp(value, "en") == 0 ? 0 : -1;
		break;
	case FIELD_PASSWORD:
		ok = validate_password(value, spec->max ? spec->max : 256);
		break;
	case FIELD_MULTILINE:
		ok = validate_multiline((char *)value, spec->max);
		break;
	}
	if (ok == -1) {
		snprintf(r->invalid_field, sizeof(r->invalid_field), "%s", spec->name);
		return -1;
	}
	out->spec = spec;
	out->text = value;
	out->number = n;
	return 0;
}

static const struct field_spec *
find_spec(const struct field_spec *specs, const char *name, size_t n)
{
	for (; specs != NULL && specs->name != NULL; specs++)
		if (strlen(specs->name) == n && strncmp(specs->name, name, n) == 0)
			return specs;
	return NULL;
}

/* The CSRF token every form accepts: 64 hex digits (HMAC-SHA256). */
static const struct field_spec csrf_spec[] = {
	{ "csrf", FIELD_TEXT, false, 64 }, { NULL, 0, false, 0 } };

/*
 * Validates the decoded value (malloc'ed, or NULL when it could not be
 * decoded) of a field that spec names, and keeps it as a field of r.
 */
static int
accept_value(struct request *r, const struct field_spec *spec, char *value, bool bad)
{
	struct field	*f;

	if (request_field(r, spec->name) != NULL || r->field_count == REQ_MAX_FIELDS) {
		free(value);
		goto invalid;
	}
	if (value == NULL || request_keep(r, value) == NULL)
		goto invalid;
	/* A password keeps its spaces: they are part of the secret. */
	if (spec->type != FIELD_PASSWORD)
		value = trim_spaces(value);
	if ((spec->type & FIELD_TYPE_MASK) == FIELD_MULTILINE)
		value = trim_lines(value);
	if (*value == '\0' && !bad)
		return 0;
	f = &r->fields[r->field_count++];
	if (!bad && request_validate(r, spec, value, f) == 0)
		return 0;
	if (!(spec->type & FIELD_BY_HANDLER)) {
		if (bad)
			goto invalid;
		return -1;
	}
	r->invalid_field[0] = '\0';
	f->spec = spec;
	f->text = value;
	f->number = 0;
	f->invalid = true;
	return 0;
invalid:
	snprintf(r->invalid_field, sizeof(r->invalid_field), "%s", spec->name);
	return -1;
}

/* Validates one "key=value" pair of a query string or form body. */
static int
parse_pair(struct request *r, const struct field_spec *specs, const char *pair,
    size_t len)
{
	const char		*eq = memchr(pair, '=', len);
	const struct field_spec	*spec;
	char			*value;
	size_t			 klen = eq != NULL ? (size_t)(eq - pair) : len;

	bool			 bad = false;
	size_t			 bytes;

	if ((spec = find_spec(specs, pair, klen)) == NULL)
		return 0;
	if ((spec->type & FIELD_BY_HANDLER) && eq != NULL &&
	    (value = form_decode_bytes(eq + 1, len - klen - 1, &bytes)) != NULL) {
		char	*raw = value;

		value = handler_text(raw, bytes, (spec->type & FIELD_TYPE_MASK) == FIELD_MULTILINE, &bad);
		free(raw);
	} else
		value = eq != NULL ? form_decode(eq + 1, len - klen - 1) : strdup("");
	return accept_value(r, spec, value, bad);
}

/* Checks that every required field of specs is present; -1 with invalid_field set. */
static int
check_required(struct request *r, const struct field_spec *specs)
{
	for (; specs != NULL && specs->name != NULL; specs++)
		if (specs->required && request_field(r, specs->name) == NULL) {
			snprintf(r->invalid_field, sizeof(r->invalid_field), "%s",
			    specs->name);
			r->field_missing = true;
			return -1;
		}
	return 0;
}

/*
 * Validates the "&"-separated pairs of s against specs (and the CSRF field when
 * with_csrf), then checks that every required field is present.
 */
static int
parse_pairs(struct request *r, const struct field_spec *specs, const char *s,
    bool with_csrf)
{
	const char	*amp, *eq;
	size_t		 len;
	int		 rc;

	while (*s != '\0') {
		amp = strchr(s, '&');
		len = amp != NULL ? (size_t)(amp - s) : strlen(s);
		eq = memchr(s, '=', len);
		if (with_csrf && find_spec(csrf_spec, s,
		    eq != NULL ? (size_t)(eq - s) : len) != NULL)
			rc = parse_pair(r, csrf_spec, s, len);
		else
			rc = len > 0 ? parse_pair(r, specs, s, len) : 0;
		if (rc == -1)
			return -1;
		s += len + (amp != NULL);
	}
	return check_required(r, specs);
}

int
request_parse_query(struct request *r, const struct field_spec *specs)
{
	const char	*s = r->query != NULL ? r->query : "";

	if (strlen(s) > 4096) {
		snprintf(r->invalid_field, sizeof(r->invalid_field), "?");
		return -1;
	}
	return parse_pairs(r, specs, s, false);
}

/* True when the Content-Type is application/x-www-form-urlencoded, parameters allowed. */
static bool
form_type_ok(const char *type)
{
	static const char urlencoded[] = "application/x-www-form-urlencoded";
	size_t		 n = sizeof(urlencoded) - 1;

	return type != NULL && strncasecmp(type, urlencoded, n) == 0 &&
	    (type[n] == '\0' || type[n] == ';' || type[n] == ' ');
}

int
request_parse_form(struct request *r, const struct field_spec *specs)
{
	const char	*body = r->form_data != NULL ? r->form_data : "";

	if (r->form_parsed)
		return 0;
	r->form_parsed = true;
	if (r->form_length > 0 && !form_type_ok(r->form_type)) {
		snprintf(r->invalid_field, sizeof(r->invalid_field), "Content-Type");
		return -1;
	}
	if (strlen(body) != r->form_length) {
		snprintf(r->invalid_field, sizeof(r->invalid_field), "?");
		return -1;
	}
	return parse_pairs(r, specs, body, true);
}

/* Limits of the multipart parser; file_spec limits are checked after it. */
static const struct multipart_limits multipart_limits = {
	.max_parts = 2 * REQ_MAX_FIELDS,
	.max_header_bytes = 2048,
	.max_part_bytes = REQ_MAX_UPLOAD_BODY,
};

static const struct file_spec *
find_file_spec(const struct file_spec *files, const char *name)
{
	for (; files != NULL && files->name != NULL; files++)
		if (strcmp(files->name, name) == 0)
			return files;
	return NULL;
}

/* Sets body_problem and invalid_field (the part's name, or "?") and returns -1. */
static int
multipart_invalid(struct request *r, const struct problem *p)
{
	r->body_problem = *p;
	snprintf(r->invalid_field, sizeof(r->invalid_field), "%.*s",
	    MULTIPART_NAME_MAX, p->value[0] != '\0' ? p->value : "?");
	return -1;
}

/* Validates a text part like a form value; a part with a NUL byte is invalid. */
static int	 accept_part_value(struct request *, const struct field_spec *,
		    const struct multipart_part *);

static int
accept_text_part(struct request *r, const struct field_spec *specs,
    const struct multipart_part *part)
{
	const struct field_spec	*spec;

	if ((spec = find_spec(csrf_spec, part->name, strlen(part->name))) == NULL &&
	    (spec = find_spec(specs, part->name, strlen(part->name))) == NULL)
		return 0;
	return accept_part_value(r, spec, part);
}

/* Validates the value of a text part against spec. */
static int
accept_part_value(struct request *r, const struct field_spec *spec,
    const struct multipart_part *part)
{
	char	*value = NULL;
	bool	 bad = false;

	if ((spec->type & FIELD_BY_HANDLER))
		return accept_value(r, spec, handler_text(part->content, part->length,
		    (spec->type & FIELD_TYPE_MASK) == FIELD_MULTILINE, &bad), bad);
	if (memchr(part->content, '\0', part->length) == NULL &&
	    utf8_valid(part->content, part->length) &&
	    (value = strndup(part->content, part->length)) == NULL)
		abort();
	return accept_value(r, spec, value, false);
}

/* Keeps a file part, or records the file_spec limit it breaks in upload_problem. */
static int
accept_file_part(struct request *r, const struct field_spec *specs,
    const struct file_spec *files, const struct multipart_part *part)
{
	const struct file_spec	*spec;
	struct upload		*u;

	if ((spec = find_file_spec(files, part->name)) == NULL) {
		/* A text field sent as a file is malformed; other names are ignored. */
		if (find_spec(specs, part->name, strlen(part->name)) == NULL)
			return 0;
		snprintf(r->invalid_field, sizeof(r->invalid_field), "%.*s",
		    MULTIPART_NAME_MAX, part->name);
		return -1;
	}
	if (part->filename[0] == '\0' && part->length == 0)
		return 0;
	if (r->upload_problem.key[0] != '\0')
		return 0;
	if (request_file_count(r, spec->name) == spec->max_count ||
	    r->upload_count == REQ_MAX_FILES) {
		problem_set(&r->upload_problem, 0, "Upload.TooManyFiles", "%u",
		    spec->max_count);
		return 0;
	}
	if (part->length > spec->max_bytes) {
		problem_set(&r->upload_problem, 0, "Upload.FileTooLarge", "%s",
		    part->filename);
		return 0;
	}
	u = &r->uploads[r->upload_count++];
	u->spec = spec;
	u->filename = part->filename;
	u->data = (const unsigned char *)part->content;
	u->length = part->length;
	return 0;
}

int
request_parse_multipart(struct request *r, const struct field_spec *specs,
    const struct file_spec *files)
{
	struct multipart_part	 parts[2 * REQ_MAX_FIELDS];
	struct problem		 err;
	char			 boundary[MULTIPART_BOUNDARY_MAX + 1];
	long			 count, i;

	if (r->form_parsed)
		return 0;
	if (r->form_length == 0 || form_type_ok(r->form_type))
		return request_parse_form(r, specs);
	r->form_parsed = true;
	if (multipart_boundary(r->form_type, boundary) == -1) {
		problem_set(&err, 0, "Multipart.BadType", NULL);
		return multipart_invalid(r, &err);
	}
	count = multipart_parse(r->form_data, r->form_length, boundary,
	    &multipart_limits, parts, &err);
	if (count == -1)
		return multipart_invalid(r, &err);
	/* The filenames live in parts, which this function's frame holds. */
	if ((r->multipart_parts = malloc(sizeof(parts))) == NULL)
		abort();
	memcpy(r->multipart_parts, parts, sizeof(parts));
	r->multipart_count = (size_t)count;
	for (i = 0; i < count; i++)
		if ((r->multipart_parts[i].is_file ?
		    accept_file_part(r, specs, files, &r->multipart_parts[i]) :
		    accept_text_part(r, specs, &r->multipart_parts[i])) == -1)
			return -1;
	return check_required(r, specs);
}

size_t
request_file_count(const struct request *r, const char *name)
{
	size_t	 i, n = 0;

	if (r->upload_problem.key[0] != '\0')
		return 0;
	for (i = 0; i < r->upload_count; i++)
		if (strcmp(r->uploads[i].spec->name, name) == 0)
			n++;
	return n;
}

const struct upload *
request_file(const struct request *r, const char *name, size_t i)
{
	size_t	 k;

	if (r->upload_problem.key[0] != '\0')
		return NULL;
	for (k = 0; k < r->upload_count; k++)
		if (strcmp(r->uploads[k].spec->name, name) == 0 && i-- == 0)
			return &r->uploads[k];
	return NULL;
}

int
request_parse_more(struct request *r, const struct field_spec *specs)
{
	const struct field_spec	*spec;
	const char		*body = r->form_data != NULL ? r->form_data : "";
	size_t			 i;

	if (r->form_parsed && r->multipart_parts != NULL) {
		for (i = 0; i < r->multipart_count; i++) {
			if (r->multipart_parts[i].is_file || (spec = find_spec(specs,
			    r->multipart_parts[i].name,
			    strlen(r->multipart_parts[i].name))) == NULL)
				continue;
			if (accept_part_value(r, spec, &r->multipart_parts[i]) == -1)
				return -1;
		}
		return 0;
	}
	if (!r->form_parsed || strlen(body) != r->form_length) {
		snprintf(r->invalid_field, sizeof(r->invalid_field), "?");
		return -1;
	}
	return parse_pairs(r, specs, body, false);
}

int
request_form_prefixed(struct request *r, const char *prefix,
    int (*fn)(void *, const char *, const char *), void *arg)
{
	const char	*s = r->form_data != NULL ? r->form_data : "", *amp, *eq;
	char		*name, *value;
	size_t		 len, klen;
	int		 rc = 0;

	while (rc == 0 && *s != '\0') {
		amp = strchr(s, '&');
		len = amp != NULL ? (size_t)(amp - s) : strlen(s);
		eq = memchr(s, '=', len);
		klen = eq != NULL ? (size_t)(eq - s) : len;
		name = form_decode(s, klen);
		value = eq != NULL ? form_decode(eq + 1, len - klen - 1) : strdup("");
		if (name == NULL || value == NULL)
			rc = -1;
		else if (strncmp(name, prefix, strlen(prefix)) == 0)
			rc = fn(arg, name, trim_spaces(value));
		free(name);
		free(value);
		s += len + (amp != NULL);
	}
	return rc;
}

const struct field *
request_field(const struct request *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->field_count; i++)
		if (r->fields[i].spec != NULL &&
		    strcmp(r->fields[i].spec->name, name) == 0)
			return &r->fields[i];
	for (i = 0; i < r->path_arg_count; i++)
		if (strcmp(r->path_args[i].spec->name, name) == 0)
			return &r->path_args[i];
	return NULL;
}

const char *
request_text(const struct request *r, const char *name)
{
	const struct field	*f = request_field(r, name);

	return f != NULL ? f->text : NULL;
}

/* Finds "lang=xx" in a Cookie header. */
static int
cookie_lang(const char *cookie, enum lang *out)
{
	const char	*p = cookie;

	while (p != NULL && (p = strstr(p, "lang=")) != NULL) {
		if (p == cookie || p[-1] == ' ' || p[-1] == ';') {
			if (strncmp(p + 5, "en", 2) == 0 &&
			    (p[7] == '\0' || p[7] == ';')) {
				*out = LANG_EN;
				return 1;
			}
			if (strncmp(p + 5, "pl", 2) == 0 &&
			    (p[7] == '\0' || p[7] == ';')) {
				*out = LANG_PL;
				return 1;
			}
		}
		p += 5;
	}
	return 0;
}

enum lang
request_pick_lang(const char *cookie, const char *accept_language)
{
	enum lang	 l;
	const char	*pl, *en;

	if (cookie != NULL && cookie_lang(cookie, &l))
		return l;
	if (accept_language == NULL)
		return LANG_PL;
	/* The first of the two languages named wins; quality values are not weighed. */
	pl = strstr(accept_language, "pl");
	en = strstr(accept_language, "en");
	if (en != NULL && (pl == NULL || en < pl))
		return LANG_EN;
	return LANG_PL;
}

/* True when If-None-Match lists the ETag (weak or strong) or is "*". */
int
etag_matches(const char *header, const char *etag)
{
	const char	*p;
	size_t		 n = strlen(etag);

	if (header == NULL)
		return 0;
	if (strcmp(header, "*") == 0)
		return 1;
	for (p = strstr(header, etag); p != NULL; p = strstr(p + 1, etag))
		if (p[n] == '\0' || p[n] == ',' || p[n] == ' ')
			return 1;
	return 0;
}

void
response_header(struct request *r, const char *name, const char *value)
{
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

void
response_redirect(struct request *r, int status, const char *location)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	struct buf		 encoded;

	/* A header carries ASCII only, so other bytes and spaces are percent-encoded. */
	buf_init(&encoded);
	for (p = (const unsigned char *)location; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f)
			buf_printf(&encoded, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
		else
			buf_putc(&encoded, (char)*p);
	r->status = status;
	response_header(r, "Location", buf_cstr(&encoded));
	buf_free(&encoded);
}

void
html_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *s);
		}
}

void
url_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_.~", *p) != NULL)
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
}

void
request_client_key(const char *remote_addr, char out[52])
{
	struct in6_addr	 address;
	char		 text[INET6_ADDRSTRLEN];

	snprintf(out, 52, "%s", remote_addr != NULL ? remote_addr : "");
	if (remote_addr == NULL || strchr(remote_addr, ':') == NULL ||
	    inet_pton(AF_INET6, remote_addr, &address) != 1)
		return;
	if (IN6_IS_ADDR_V4MAPPED(&address)) {
		if (inet_ntop(AF_INET, &address.s6_addr[12], text, sizeof(text)) != NULL)
			snprintf(out, 52, "%s", text);
		return;
	}
	memset(&address.s6_addr[8], 0, 8);
	if (inet_ntop(AF_INET6, &address, text, sizeof(text)) != NULL)
		snprintf(out, 52, "%s/64", text);
}
