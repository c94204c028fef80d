/* fuzz_query.c: libFuzzer target for the query string and form parsers and the language choice. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "text.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct field_spec specs[] = {
	{ "q", FIELD_TEXT, false, 100 },
	{ "gmina", FIELD_TERC, false, 0 },
	{ "locality", FIELD_UINT, false, 0 },
	{ "from", FIELD_DATE, false, 0 },
	{ "year", FIELD_YEAR, false, 0 },
	{ "code", FIELD_LANG, false, 0 },
	{ "token", FIELD_TOKEN, false, 0 },
	{ "password", FIELD_PASSWORD, false, 256 },
	{ NULL, 0, false, 0 },
};

/*
 * Checks what a handler may rely on: every accepted text is valid UTF-8, and
 * without control characters unless it is a password.
 */
static void
check_fields(const struct request *r)
{
	const unsigned char	*p;
	size_t			 i;

	for (i = 0; i < r->field_count; i++) {
		if (r->fields[i].spec == NULL || r->fields[i].text == NULL)
			abort();
		if (!utf8_valid(r->fields[i].text, strlen(r->fields[i].text)))
			abort();
		if (r->fields[i].spec->type == FIELD_PASSWORD)
			continue;
		for (p = (const unsigned char *)r->fields[i].text; *p != '\0'; p++)
			if (*p < 0x20 || *p == 0x7f)
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct request	 r;
	char		*query;

	if ((query = malloc(size + 1)) == NULL)
		return 0;
	memcpy(query, data, size);
	query[size] = '\0';
	request_init(&r);
	r.query = query;
	if (request_parse_query(&r, specs) == 0)
		check_fields(&r);
	(void)request_pick_lang(query, query);

	/* The same bytes as a form body, NUL bytes included. */
	request_reset(&r);
	if ((r.form_data = malloc(size + 1)) == NULL)
		abort();
	memcpy(r.form_data, data, size);
	r.form_data[size] = '\0';
	r.form_length = size;
	r.form_type = "application/x-www-form-urlencoded";
	if (request_parse_form(&r, specs) == 0)
		check_fields(&r);
	request_free(&r);
	free(query);
	return 0;
}
