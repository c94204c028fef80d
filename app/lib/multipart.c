/* multipart.c: splits a multipart/form-data body into its parts, strictly (see multipart.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"
#include "text.h"

/* RFC 2046 bchars without the space, which is allowed only inside and not at the end. */
static bool
is_bchar(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || strchr("'()+_,-./:=?", c) != NULL;
}

/* RFC 9110 tchar: header field and parameter names, and unquoted values. */
static bool
is_tchar(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static const char *
skip_ows(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/*
 * Reads one parameter "; name=value" of a header value at *s (up to end).
 * The name and the value (unquoted) are returned as pointer and length.
 * Returns 1 for a parameter, 0 at the end, -1 when malformed.
 */
static int
next_param(const char **s, const char *end, const char **name, size_t *name_len,
    const char **value, size_t *value_len)
{
	const char	*p = skip_ows(*s, end);

	if (p == end)
		return 0;
	if (*p != ';')
		return -1;
	p = skip_ows(p + 1, end);
	for (*name = p; p < end && is_tchar(*p); p++)
		;
	if ((*name_len = (size_t)(p - *name)) == 0 || p == end || *p != '=')
		return -1;
	p++;
	if (p < end && *p == '"') {
		*value = ++p;
		while (p < end && *p != '"')
			p++;
		if (p == end)
			return -1;
		*value_len = (size_t)(p - *value);
		p++;
	} else {
		for (*value = p; p < end && is_tchar(*p); p++)
			;
		if ((*value_len = (size_t)(p - *value)) == 0)
			return -1;
	}
	*s = p;
	return 1;
}

static bool
name_is(const char *name, size_t len, const char *expected)
{
	return len == strlen(expected) && strncasecmp(name, expected, len) == 0;
}

int
multipart_boundary(const char *type, char out[MULTIPART_BOUNDARY_MAX + 1])
{
	static const char form[] = "multipart/form-data";
	const char	*p, *end, *name, *value;
	size_t		 name_len, value_len, i;
	int		 rc, found = 0;

	if (type == NULL || strncasecmp(type, form, sizeof(form) - 1) != 0)
		return -1;
	p = type + sizeof(form) - 1;
	end = p + strlen(p);
	while ((rc = next_param(&p, end, &name, &name_len, &value, &value_len)) == 1) {
		if (!name_is(name, name_len, "boundary"))
			continue;
		if (found++ || value_len == 0 || value_len > MULTIPART_BOUNDARY_MAX ||
		    value[value_len - 1] == ' ')
			return -1;
		for (i = 0; i < value_len; i++)
			if (!is_bchar(value[i]) && value[i] != ' ')
				return -1;
		memcpy(out, value, value_len);
		out[value_len] = '\0';
	}
	return rc == 0 && found == 1 ? 0 : -1;
}

/* Copies a parameter value into out (size bytes with the NUL); -1 when it does not fit. */
static int
copy_value(char *out, size_t size, const char *value, size_t len)
{
	if (len >= size || memchr(value, '\0', len) != NULL)
		return -1;
	memcpy(out, value, len);
	out[len] = '\0';
	return 0;
}

/* True when s is valid UTF-8 without control characters (and without '/' if no_slash). */
static bool
clean_text(const char *s, bool no_slash)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || (no_slash && *p == '/'))
			return false;
	return utf8_valid(s, strlen(s));
}

/* Reads the value of a Content-Disposition header into part. Returns 0 or -1 with err set. */
static int
parse_disposition(const char *p, const char *end, struct multipart_part *part,
    struct problem *err)
{
	const char	*name, *value;
	size_t		 name_len, value_len;
	bool		 have_name = false;
	int		 rc;

	if (end - p < 9 || strncasecmp(p, "form-data", 9) != 0)
		goto bad;
	p += 9;
	while ((rc = next_param(&p, end, &name, &name_len, &value, &value_len)) == 1) {
		if (name_is(name, name_len, "name")) {
			if (have_name || value_len == 0)
				goto bad;
			have_name = true;
			if (copy_value(part->name, sizeof(part->name), value, value_len) == -1 ||
			    !clean_text(part->name, false)) {
				problem_set(err, 0, "Multipart.BadName", NULL);
				return -1;
			}
		} else if (name_is(name, name_len, "filename")) {
			if (part->is_file)
				goto bad;
			part->is_file = true;
			if (copy_value(part->filename, sizeof(part->filename), value,
			    value_len) == -1 || !clean_text(part->filename, true)) {
				problem_set(err, 0, "Multipart.BadFilename", "%s", part->name);
				return -1;
			}
		}
	}
	if (rc == 0 && have_name)
		return 0;
bad:
	problem_set(err, 0, "Multipart.BadDisposition", "%s", part->name);
	return -1;
}

/* Checks a Content-Transfer-Encoding value; RFC 7578 allows none that changes the bytes. */
static int
check_encoding(const char *p, const char *end, struct problem *err)
{
	size_t	 n = (size_t)(end - p);

	if (name_is(p, n, "7bit") || name_is(p, n, "8bit") || name_is(p, n, "binary"))
		return 0;
	problem_set(err, 0, "Multipart.BadEncoding", "%s", "");
	return -1;
}

/*
 * Parses one header line [line, eol) into part. Headers other than
 * Content-Disposition and Content-Transfer-Encoding are ignored.
 */
static int
parse_header(const char *line, const char *eol, struct multipart_part *part,
    bool *have_disposition, struct problem *err)
{
	const char	*p = line, *value, *value_end;

	while (p < eol && is_tchar(*p))
		p++;
	if (p == line || p == eol || *p != ':' || memchr(line, '\0', (size_t)(eol - line))) {
		problem_set(err, 0, "Multipart.BadHeader", "%s", part->name);
		return -1;
	}
	value = skip_ows(p + 1, eol);
	value_end = eol;
	while (value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t'))
		value_end--;
	if (name_is(line, (size_t)(p - line), "Content-Disposition")) {
		if (*have_disposition) {
			problem_set(err, 0, "Multipart.BadDisposition", "%s", part->name);
			return -1;
		}
		*have_disposition = true;
		return parse_disposition(value, value_end, part, err);
	}
	if (name_is(line, (size_t)(p - line), "Content-Transfer-Encoding"))
		return check_encoding(value, value_end, err);
	return 0;
}

/*
 * Parses the header block that starts at s (up to end) into part. Returns the
 * start of the content after the blank line, or NULL with err set.
 */
static const char *
parse_headers(const char *s, const char *end, const struct multipart_limits *limits,
    struct multipart_part *part, struct problem *err)
{
	const char	*start = s, *eol;
	size_t		 room, n;
	bool		 have_disposition = false;

	for (;;) {
		/* Look for the CR no further than the limit allows. */
		room = limits->max_header_bytes - (size_t)(s - start);
		n = (size_t)(end - s) < room ? (size_t)(end - s) : room;
		eol = memchr(s, '\r', n);
		if (eol == NULL) {
			problem_set(err, 0, n == room && n < (size_t)(end - s) ?
			    "Multipart.HeaderTooLong" : "Multipart.BadHeader", "%s", part->name);
			return NULL;
		}
		if ((size_t)(eol + 2 - start) > limits->max_header_bytes) {
			problem_set(err, 0, "Multipart.HeaderTooLong", "%s", part->name);
			return NULL;
		}
		if (end - eol < 2 || eol[1] != '\n' || memchr(s, '\n', (size_t)(eol - s)) != NULL) {
			problem_set(err, 0, "Multipart.BadHeader", "%s", part->name);
			return NULL;
		}
		if (eol == s)
			break;
		if ((*s == ' ' || *s == '\t') ||
		    parse_header(s, eol, part, &have_disposition, err) == -1) {
			if (err != NULL && err->key[0] == '\0')
				problem_set(err, 0, "Multipart.BadHeader", "%s", part->name);
			return NULL;
		}
		s = eol + 2;
	}
	if (!have_disposition) {
		problem_set(err, 0, "Multipart.BadDisposition", "%s", part->name);
		return NULL;
	}
	return s + 2;
}

long
multipart_parse(const char *body, size_t len, const char *boundary,
    const struct multipart_limits *limits, struct multipart_part *parts,
    struct problem *err)
{
	const char	*end = body + len, *p, *content, *found;
	char		 delimiter[MULTIPART_BOUNDARY_MAX + 5];
	size_t		 dlen, count = 0;

	if (err != NULL)
		err->key[0] = '\0';
	dlen = (size_t)snprintf(delimiter, sizeof(delimiter), "\r\n--%s", boundary);
	if (boundary[0] == '\0' || dlen >= sizeof(delimiter))
		goto bad_start;
	/* The first delimiter has no CRLF before it. */
	if (len < dlen - 2 || memcmp(body, delimiter + 2, dlen - 2) != 0)
		goto bad_start;
	p = body + dlen - 2;
	for (;;) {
		if (end - p >= 2 && memcmp(p, "--", 2) == 0) {
			p += 2;
			if (p == end || (end - p == 2 && memcmp(p, "\r\n", 2) == 0))
				return (long)count;
			problem_set(err, 0, "Multipart.TrailingData", NULL);
			return -1;
		}
		if (end - p < 2 || memcmp(p, "\r\n", 2) != 0) {
			problem_set(err, 0, "Multipart.BadDelimiter", NULL);
			return -1;
		}
		p += 2;
		if (count == limits->max_parts) {
			problem_set(err, 0, "Multipart.TooManyParts", "%zu", limits->max_parts);
			return -1;
		}
		memset(&parts[count], 0, sizeof(parts[count]));
		if ((content = parse_headers(p, end, limits, &parts[count], err)) == NULL)
			return -1;
		found = memmem(content, (size_t)(end - content), delimiter, dlen);
		if (found == NULL) {
			problem_set(err, 0, "Multipart.Truncated", "%s", parts[count].name);
			return -1;
		}
		if ((size_t)(found - content) > limits->max_part_bytes) {
			problem_set(err, 0, "Multipart.PartTooLarge", "%s", parts[count].name);
			return -1;
		}
		parts[count].content = content;
		parts[count].length = (size_t)(found - content);
		count++;
		p = found + dlen;
	}
bad_start:
	problem_set(err, 0, "Multipart.BadStart", NULL);
	return -1;
}
