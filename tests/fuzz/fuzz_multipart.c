/* fuzz_multipart.c: libFuzzer target for the multipart/form-data parser, with a write-then-read check. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "multipart.h"
#include "request.h"
#include "text.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARTS	8

static const struct multipart_limits limits = {
	.max_parts = MAX_PARTS, .max_header_bytes = 256, .max_part_bytes = 4096,
};

/* True when s has no control character and is valid UTF-8. */
static int
clean(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return utf8_valid(s, strlen(s));
}

/*
 * Aborts unless each part is what multipart.h promises: a clean non-empty
 * name, a clean filename without '/', content inside the body and within the
 * limit. Then writes the part out again as a browser would.
 */
static void
check_and_write(const struct multipart_part *part, const char *body, size_t len,
    const char *boundary, struct buf *out)
{
	if (part->name[0] == '\0' || !clean(part->name) || strchr(part->name, '"'))
		abort();
	if (!part->is_file && part->filename[0] != '\0')
		abort();
	if (!clean(part->filename) || strchr(part->filename, '/') ||
	    strchr(part->filename, '"'))
		abort();
	if (part->content < body || part->length > limits.max_part_bytes ||
	    (size_t)(part->content - body) > len - part->length)
		abort();
	buf_printf(out, "--%s\r\nContent-Disposition: form-data; name=\"%s\"", boundary,
	    part->name);
	if (part->is_file)
		buf_printf(out, "; filename=\"%s\"", part->filename);
	buf_puts(out, "\r\n\r\n");
	buf_append(out, part->content, part->length);
	buf_puts(out, "\r\n");
}

static const struct field_spec text_specs[] = {
	{ "title", FIELD_TEXT, false, 100 },
	{ "n", FIELD_UINT, false, 0 },
	{ NULL, 0, false, 0 },
};

static const struct file_spec file_specs[] = {
	{ "photo", 2, 64 },
	{ NULL, 0, 0 },
};

/*
 * Runs request_parse_multipart on the same input and aborts unless what a
 * handler reads holds: clean text fields, files inside the body within their
 * spec's limits, and no file at all once upload_problem is set.
 */
static void
check_request(const char *type, const char *body, size_t len)
{
	const struct upload	*u;
	struct request		 r;
	size_t			 i, count;

	request_init(&r);
	if ((r.form_data = malloc(len + 1)) == NULL)
		abort();
	memcpy(r.form_data, body, len);
	r.form_data[len] = '\0';
	r.form_length = len;
	r.form_type = type;
	if (request_parse_multipart(&r, text_specs, file_specs) == 0) {
		for (i = 0; i < r.field_count; i++)
			if (r.fields[i].text == NULL || !clean(r.fields[i].text))
				abort();
		count = request_file_count(&r, "photo");
		if (count > 2 || (r.upload_problem.key[0] != '\0' && count != 0))
			abort();
		for (i = 0; i < count; i++) {
			u = request_file(&r, "photo", i);
			if (u == NULL || u->length > 64 ||
			    (const char *)u->data < r.form_data ||
			    (const char *)u->data + u->length > r.form_data + len)
				abort();
		}
	}
	request_free(&r);
}

/* The input is a Content-Type line, "\n", and the body. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct multipart_part	 parts[MAX_PARTS], again[MAX_PARTS];
	struct problem		 err;
	struct buf		 type, rewritten;
	const char		*nl = memchr(data, '\n', size), *body;
	char			 boundary[MULTIPART_BOUNDARY_MAX + 1];
	size_t			 len;
	long			 count, i;

	if (nl == NULL)
		return 0;
	buf_init(&type);
	buf_append(&type, data, (size_t)(nl - (const char *)data));
	body = nl + 1;
	len = size - (size_t)(body - (const char *)data);
	check_request(buf_cstr(&type), body, len);
	if (multipart_boundary(buf_cstr(&type), boundary) == -1) {
		buf_free(&type);
		return 0;
	}
	if (strlen(boundary) == 0 || strlen(boundary) > MULTIPART_BOUNDARY_MAX)
		abort();
	count = multipart_parse(body, len, boundary, &limits, parts, &err);
	if (count == -1) {
		if (err.key[0] == '\0')
			abort();
		buf_free(&type);
		return 0;
	}
	if (count > MAX_PARTS)
		abort();
	buf_init(&rewritten);
	for (i = 0; i < count; i++)
		check_and_write(&parts[i], body, len, boundary, &rewritten);
	buf_printf(&rewritten, "--%s--\r\n", boundary);
	/* The parts written out again parse to the same parts. */
	if (multipart_parse(rewritten.data, rewritten.len, boundary, &limits, again,
	    &err) != count)
		abort();
	for (i = 0; i < count; i++)
		if (strcmp(parts[i].name, again[i].name) != 0 ||
		    strcmp(parts[i].filename, again[i].filename) != 0 ||
		    parts[i].is_file != again[i].is_file ||
		    parts[i].length != again[i].length ||
		    memcmp(parts[i].content, again[i].content, parts[i].length) != 0)
			abort();
	buf_free(&rewritten);
	buf_free(&type);
	return 0;
}
