/* request_test.c: query string parsing, field validators, language choice and escaping. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "request.h"

static const struct field_spec specs[] = {
	{ "q", FIELD_TEXT, false, 10 },
	{ "gmina", FIELD_TERC, false, 0 },
	{ "n", FIELD_UINT, false, 1000 },
	{ "day", FIELD_DATE, false, 0 },
	{ "year", FIELD_YEAR, false, 0 },
	{ "lang", FIELD_LANG, false, 0 },
	{ "token", FIELD_TOKEN, false, 0 },
	{ NULL, 0, false, 0 },
};

static const struct field_spec required_specs[] = {
	{ "gmina", FIELD_TERC, true, 0 },
	{ NULL, 0, false, 0 },
};

/* Parses query against specs; returns 0 or -1 and leaves r for inspection. */
static int
parse(struct request *r, const char *query, const struct field_spec *s)
{
	request_reset(r);
	r->query = query;
	return request_parse_query(r, s);
}

static void
query_decodes_percent_and_plus(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	assert_int_equal(parse(&r, "q=%C5%BC%C3%B3%C5%82ta+wola", specs), 0);
	assert_string_equal(request_text(&r, "q"), "żółta wola");
	request_free(&r);
}

static void
query_trims_and_ignores_unknown(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	assert_int_equal(parse(&r, "x=1&q=++abc++&utm_source=x", specs), 0);
	assert_string_equal(request_text(&r, "q"), "abc");
	assert_null(request_text(&r, "x"));
	request_free(&r);
}

static void
query_empty_value_is_absent(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	assert_int_equal(parse(&r, "q=&gmina=", specs), 0);
	assert_null(request_field(&r, "q"));
	assert_null(request_field(&r, "gmina"));
	request_free(&r);
}

static void
query_rejects_bad_values(void **state)
{
	static const char *const bad[] = {
		"q=%zz", "q=%C5", "q=%00abc", "q=%C0%AF", "q=a%0Ab",
		"q=12345678901", "gmina=220503", "gmina=22050321", "gmina=22o5032",
		"n=0", "n=1001", "n=-1", "n=01", "n=1e3", "day=2025-02-29",
		"day=2025-13-01", "day=2025-1-01", "year=1999", "year=2101",
		"lang=de", "token=short", "token=AAAAAAAAAAAAAAAAAAAAA*",
		"q=a&q=b",
	};
	struct request	 r;
	size_t		 i;

	(void)state;
	request_init(&r);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(&r, bad[i], specs) != -1)
			fail_msg("accepted %s", bad[i]);
		assert_true(r.invalid_field[0] != '\0');
	}
	request_free(&r);
}

static void
query_accepts_good_values(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	assert_int_equal(parse(&r, "gmina=2205032&n=1000&day=2024-02-29&year=2025"
	    "&lang=en&token=AAAAAAAAAAAAAAAAAAAA-_&q=%F0%9F%98%80abcdefghi", specs), 0);
	assert_string_equal(request_text(&r, "gmina"), "2205032");
	assert_int_equal(request_field(&r, "n")->number, 1000);
	assert_int_equal(request_field(&r, "day")->number, 19782);
	assert_int_equal(request_field(&r, "year")->number, 2025);
	assert_string_equal(request_text(&r, "lang"), "en");
	request_free(&r);
}

static void
query_text_limit_counts_characters(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	/* Ten Polish letters are twenty bytes but ten characters. */
	assert_int_equal(parse(&r, "q=%C5%BC%C5%BC%C5%BC%C5%BC%C5%BC%C5%BC%C5%BC"
	    "%C5%BC%C5%BC%C5%BC", specs), 0);
	assert_int_equal(parse(&r, "q=%C5%BC%C5%BC%C5%BC%C5%BC%C5%BC%C5%BC%C5%BC"
	    "%C5%BC%C5%BC%C5%BC%C5%BC", specs), -1);
	request_free(&r);
}

static void
query_missing_required_field(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	assert_int_equal(parse(&r, "q=abc", required_specs), -1);
	assert_string_equal(r.invalid_field, "gmina");
	assert_int_equal(parse(&r, "gmina=2205032", required_specs), 0);
	request_free(&r);
}

static void
language_from_cookie_and_header(void **state)
{
	(void)state;
	assert_int_equal(request_pick_lang(NULL, NULL), LANG_PL);
	assert_int_equal(request_pick_lang("lang=en", NULL), LANG_EN);
	assert_int_equal(request_pick_lang("a=1; lang=en", "pl"), LANG_EN);
	assert_int_equal(request_pick_lang("xlang=en", NULL), LANG_PL);
	assert_int_equal(request_pick_lang("lang=english", NULL), LANG_PL);
	assert_int_equal(request_pick_lang(NULL, "en-GB,en;q=0.9"), LANG_EN);
	assert_int_equal(request_pick_lang(NULL, "pl-PL,pl;q=0.9,en;q=0.8"), LANG_PL);
	assert_int_equal(request_pick_lang("lang=pl", "en"), LANG_PL);
}

static void
html_escape_all_specials(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b);
	html_escape(&b, "<a href=\"x\">'&'</a>");
	assert_string_equal(buf_cstr(&b),
	    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	buf_free(&b);
}

static void
url_escape_reserved_and_utf8(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b);
	url_escape(&b, "/a b&c=ż~");
	assert_string_equal(buf_cstr(&b), "%2Fa%20b%26c%3D%C5%BC~");
	buf_free(&b);
}

static const struct field_spec form_specs[] = {
	{ "email", FIELD_TEXT, false, 254 },
	{ "password", FIELD_PASSWORD, false, 16 },
	{ NULL, 0, false, 0 },
};

/* Parses body as a form of type; returns 0 or -1 and leaves r for inspection. */
static int
parse_form(struct request *r, const char *body, const char *type)
{
	request_reset(r);
	r->form_data = strdup(body);
	r->form_length = strlen(body);
	r->form_type = type;
	return request_parse_form(r, form_specs);
}

static void
form_keeps_password_spaces(void **state)
{
	struct request	 req, *r = &req;

	(void)state;
	request_init(r);
	assert_int_equal(parse_form(r, "email=+jan%40example.pl+&password=+tajne+ha%C5%82o+",
	    "application/x-www-form-urlencoded"), 0);
	assert_string_equal(request_text(r, "email"), "jan@example.pl");
	assert_string_equal(request_text(r, "password"), " tajne hało ");
	request_free(r);
}

static void
form_accepts_csrf_without_spec(void **state)
{
	struct request	 req, *r = &req;

	(void)state;
	request_init(r);
	assert_int_equal(parse_form(r, "csrf=00ff&email=a%40b.pl",
	    "application/x-www-form-urlencoded; charset=UTF-8"), 0);
	assert_string_equal(request_text(r, "csrf"), "00ff");
	/* A query never carries the token. */
	request_reset(r);
	r->query = "csrf=00ff";
	assert_int_equal(request_parse_query(r, form_specs), 0);
	assert_null(request_text(r, "csrf"));
	request_free(r);
}

static void
form_rejects_bad_bodies(void **state)
{
	struct request	 req, *r = &req;

	(void)state;
	request_init(r);
	assert_int_equal(parse_form(r, "email=a%40b.pl", "multipart/form-data"), -1);
	assert_string_equal(r->invalid_field, "Content-Type");
	assert_int_equal(parse_form(r, "email=a&email=b",
	    "application/x-www-form-urlencoded"), -1);
	assert_string_equal(r->invalid_field, "email");
	assert_int_equal(parse_form(r, "password=12345678901234567",
	    "application/x-www-form-urlencoded"), -1);
	assert_string_equal(r->invalid_field, "password");
	assert_int_equal(parse_form(r, "password=%FF%FE",
	    "application/x-www-form-urlencoded"), -1);
	/* A NUL byte inside the body ends the text before form_length. */
	request_reset(r);
	r->form_data = malloc(8);
	memcpy(r->form_data, "email=a\0", 8);
	r->form_length = 8;
	r->form_type = "application/x-www-form-urlencoded";
	assert_int_equal(request_parse_form(r, form_specs), -1);
	request_free(r);
}

static void
form_parsed_once(void **state)
{
	struct request	 req, *r = &req;

	(void)state;
	request_init(r);
	assert_int_equal(parse_form(r, "email=a%40b.pl",
	    "application/x-www-form-urlencoded"), 0);
	assert_int_equal(request_parse_form(r, form_specs), 0);
	assert_int_equal(r->field_count, 1);
	request_free(r);
}

static void
client_key_groups_ipv6_by_prefix(void **state)
{
	static const struct {
		const char	*remote_addr;
		const char	*key;
	} cases[] = {
		{ "203.0.113.7", "203.0.113.7" },
		{ "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64" },
		{ "2001:db8:1:2:ffff::1", "2001:db8:1:2::/64" },
		{ "2001:DB8:0:0:1::1", "2001:db8::/64" },
		{ "::1", "::/64" },
		{ "::ffff:198.51.100.9", "198.51.100.9" },
		{ "fe80::1%lo", "fe80::1%lo" },
		{ "not an address", "not an address" },
		{ "", "" },
	};
	char	 key[52];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		request_client_key(cases[i].remote_addr, key);
		assert_string_equal(key, cases[i].key);
	}
	request_client_key(NULL, key);
	assert_string_equal(key, "");
}

static const struct field_spec multiline_specs[] = {
	{ "description", FIELD_MULTILINE, false, 6 },
	{ NULL, 0, false, 0 },
};

static void
multiline_keeps_breaks_counts_characters(void **state)
{
	struct request	 req, *r = &req;

	(void)state;
	request_init(r);
	r->form_data = strdup("description=%0D%0A%C4%85b%0D%0Ac%0Dd%0A");
	r->form_length = strlen(r->form_data);
	r->form_type = "application/x-www-form-urlencoded";
	assert_int_equal(request_parse_form(r, multiline_specs), 0);
	/* CR LF and a lone CR become LF; breaks around the text are trimmed. */
	assert_string_equal(request_text(r, "description"), "\xc4\x85" "b\nc\nd");
	request_reset(r);
	r->form_data = strdup("description=a%09b%01");
	r->form_length = strlen(r->form_data);
	r->form_type = "application/x-www-form-urlencoded";
	assert_int_equal(request_parse_form(r, multiline_specs), -1);
	assert_string_equal(r->invalid_field, "description");
	request_reset(r);
	r->form_data = strdup("description=abc%0Adef");
	r->form_length = strlen(r->form_data);
	r->form_type = "application/x-www-form-urlencoded";
	assert_int_equal(request_parse_form(r, multiline_specs), -1);
	request_free(r);
}

static const struct field_spec more_specs[] = {
	{ "f_depth", FIELD_TEXT, false, 40 },
	{ "f_lane.left", FIELD_TEXT, false, 40 },
	{ NULL, 0, false, 0 },
};

static void
more_fields_read_after_form(void **state)
{
	struct request	 req, *r = &req;

	(void)state;
	request_init(r);
	assert_int_equal(request_parse_more(r, more_specs), -1);
	assert_int_equal(parse_form(r, "csrf=00&email=a%40b.pl&f_depth=12&f_lane.left=1",
	    "application/x-www-form-urlencoded"), 0);
	assert_null(request_text(r, "f_depth"));
	assert_int_equal(request_parse_more(r, more_specs), 0);
	assert_string_equal(request_text(r, "f_depth"), "12");
	assert_string_equal(request_text(r, "f_lane.left"), "1");
	assert_string_equal(request_text(r, "email"), "a@b.pl");
	/* The same fields cannot be read twice. */
	assert_int_equal(request_parse_more(r, more_specs), -1);
	request_free(r);
}

/* Collects "name=value;" of the prefixed pairs a form body has. */
static int
collect_pair(void *arg, const char *name, const char *value)
{
	struct buf	*b = arg;

	buf_printf(b, "%s=%s;", name, value);
	return strcmp(value, "stop") == 0 ? 7 : 0;
}

static void
form_prefixed_pairs_decoded(void **state)
{
	struct request	 req, *r = &req;
	struct buf	 b;

	(void)state;
	request_init(r);
	buf_init(&b);
	r->form_data = strdup("attribute%5Bsize%5D=big&x=1&attribute[lanes][]=a+b"
	    "&attribute%5Bz%5D=stop&attribute[after]=1");
	r->form_length = strlen(r->form_data);
	assert_int_equal(request_form_prefixed(r, "attribute[", collect_pair, &b), 7);
	assert_string_equal(buf_cstr(&b),
	    "attribute[size]=big;attribute[lanes][]=a b;attribute[z]=stop;");
	request_reset(r);
	r->form_data = strdup("attribute[a]=%ZZ");
	r->form_length = strlen(r->form_data);
	assert_int_equal(request_form_prefixed(r, "attribute[", collect_pair, &b), -1);
	buf_free(&b);
	request_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_prefixed_pairs_decoded),
		cmocka_unit_test(query_decodes_percent_and_plus),
		cmocka_unit_test(query_trims_and_ignores_unknown),
		cmocka_unit_test(query_empty_value_is_absent),
		cmocka_unit_test(query_rejects_bad_values),
		cmocka_unit_test(query_accepts_good_values),
		cmocka_unit_test(query_text_limit_counts_characters),
		cmocka_unit_test(query_missing_required_field),
		cmocka_unit_test(language_from_cookie_and_header),
		cmocka_unit_test(html_escape_all_specials),
		cmocka_unit_test(url_escape_reserved_and_utf8),
		cmocka_unit_test(form_keeps_password_spaces),
		cmocka_unit_test(form_accepts_csrf_without_spec),
		cmocka_unit_test(form_rejects_bad_bodies),
		cmocka_unit_test(form_parsed_once),
		cmocka_unit_test(client_key_groups_ipv6_by_prefix),
		cmocka_unit_test(multiline_keeps_breaks_counts_characters),
		cmocka_unit_test(more_fields_read_after_form),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
