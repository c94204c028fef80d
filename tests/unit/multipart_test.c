/* multipart_test.c: the multipart/form-data parser and its use by request_parse_multipart. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "multipart.h"
#include "request.h"

#define B	"----b0undary"
#define CT	"multipart/form-data; boundary=" B

static const struct multipart_limits limits = {
	.max_parts = 4, .max_header_bytes = 200, .max_part_bytes = 100,
};

/* Parses a NUL-terminated body with boundary B. */
static long
parse(const char *body, struct multipart_part *parts, struct problem *err)
{
	memset(err, 0, sizeof(*err));
	return multipart_parse(body, strlen(body), B, &limits, parts, err);
}

static void
boundary_from_content_type(void **state)
{
	char	 b[MULTIPART_BOUNDARY_MAX + 1];

	(void)state;
	assert_int_equal(multipart_boundary(CT, b), 0);
	assert_string_equal(b, B);
	assert_int_equal(multipart_boundary("Multipart/Form-Data;boundary=\"a b:c\"", b), 0);
	assert_string_equal(b, "a b:c");
	assert_int_equal(multipart_boundary(
	    "multipart/form-data; charset=utf-8; boundary=x", b), 0);
	assert_string_equal(b, "x");
}

static void
boundary_invalid_rejected(void **state)
{
	char	 b[MULTIPART_BOUNDARY_MAX + 1], longest[128], type[160];

	(void)state;
	assert_int_equal(multipart_boundary(NULL, b), -1);
	assert_int_equal(multipart_boundary("application/x-www-form-urlencoded", b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data", b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=", b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"\"", b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"a \"", b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"a\"b", b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=a; boundary=b",
	    b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"a\x01\"", b), -1);
	assert_int_equal(multipart_boundary("multipart/mixed; boundary=a", b), -1);
	assert_int_equal(multipart_boundary("multipart/form-datax; boundary=a", b), -1);
	memset(longest, 'a', 70);
	longest[70] = '\0';
	snprintf(type, sizeof(type), "multipart/form-data; boundary=%s", longest);
	assert_int_equal(multipart_boundary(type, b), 0);
	snprintf(type, sizeof(type), "multipart/form-data; boundary=%sa", longest);
	assert_int_equal(multipart_boundary(type, b), -1);
}

static void
parts_text_and_file(void **state)
{
	struct multipart_part	 parts[4];
	struct problem		 err;
	const char		*body =
	    "--" B "\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n"
	    "\r\n"
	    "Dziura w drodze\r\n"
	    "--" B "\r\n"
	    "content-disposition: form-data; name=\"photo\"; filename=\"a\\b \xc5\xbc.jpg\"\r\n"
	    "Content-Type: image/jpeg\r\n"
	    "\r\n"
	    "\xff\xd8\xff\r\n\r\n--not-it\r\n"
	    "--" B "\r\n"
	    "Content-Disposition: form-data; name=empty\r\n"
	    "\r\n"
	    "\r\n"
	    "--" B "--\r\n";

	(void)state;
	assert_int_equal(parse(body, parts, &err), 3);
	assert_string_equal(parts[0].name, "title");
	assert_false(parts[0].is_file);
	assert_int_equal(parts[0].length, 15);
	assert_memory_equal(parts[0].content, "Dziura w drodze", 15);
	assert_string_equal(parts[1].name, "photo");
	assert_true(parts[1].is_file);
	/* A backslash is an ordinary character, as browsers send it. */
	assert_string_equal(parts[1].filename, "a\\b \xc5\xbc.jpg");
	assert_int_equal(parts[1].length, 15);
	assert_memory_equal(parts[1].content, "\xff\xd8\xff\r\n\r\n--not-it", 15);
	assert_string_equal(parts[2].name, "empty");
	assert_int_equal(parts[2].length, 0);
}

static void
nul_bytes_in_content_kept(void **state)
{
	struct multipart_part	 parts[4];
	struct problem		 err;
	static const char	 body[] =
	    "--" B "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n"
	    "a\0b\r\n--" B "--";

	(void)state;
	assert_int_equal(multipart_parse(body, sizeof(body) - 1, B, &limits, parts, &err), 1);
	assert_int_equal(parts[0].length, 3);
	assert_memory_equal(parts[0].content, "a\0b", 3);
}

static void
no_parts_accepted(void **state)
{
	struct multipart_part	 parts[4];
	struct problem		 err;

	(void)state;
	assert_int_equal(parse("--" B "--", parts, &err), 0);
	assert_int_equal(parse("--" B "--\r\n", parts, &err), 0);
}

/* Each body must fail with the key given. */
static const struct {
	const char	*body;
	const char	*key;
} bad_bodies[] = {
	{ "", "Multipart.BadStart" },
	{ "preamble\r\n--" B "--", "Multipart.BadStart" },
	{ "--" B, "Multipart.BadDelimiter" },
	{ "--" B " \r\n", "Multipart.BadDelimiter" },
	{ "--" B "X\r\n", "Multipart.BadDelimiter" },
	{ "--" B "--\r\nepilogue", "Multipart.TrailingData" },
	{ "--" B "--\n", "Multipart.TrailingData" },
	{ "--" B "--\r\n\r\n", "Multipart.TrailingData" },
	{ "--" B "\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadDelimiter" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\n\nx\r\n--" B "--",
	  "Multipart.BadHeader" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\nx", "Multipart.Truncated" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--" B,
	  "Multipart.BadDelimiter" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--" B "x--",
	  "Multipart.BadDelimiter" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\n", "Multipart.BadHeader" },
	{ "--" B "\r\n\r\nx\r\n--" B "--", "Multipart.BadDisposition" },
	{ "--" B "\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadDisposition" },
	{ "--" B "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadDisposition" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadDisposition" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadDisposition" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadDisposition" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\n"
	  "Content-Disposition: form-data; name=a\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadDisposition" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"a\x01\"\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadName" },
	{ "--" B "\r\nContent-Disposition: form-data; name=\"\xc5\"\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadName" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a; filename=\"../x\"\r\n\r\n"
	  "x\r\n--" B "--", "Multipart.BadFilename" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a; filename=x; filename=y\r\n\r\n"
	  "x\r\n--" B "--", "Multipart.BadDisposition" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\n folded\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadHeader" },
	{ "--" B "\r\nNo colon\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--" B "--",
	  "Multipart.BadHeader" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\n"
	  "Content-Transfer-Encoding: base64\r\n\r\neA==\r\n--" B "--",
	  "Multipart.BadEncoding" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\nX-Long: "
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "\r\n\r\nx\r\n--" B "--", "Multipart.HeaderTooLong" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "\r\n--" B "--", "Multipart.PartTooLarge" },
	{ "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n"
	  "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n"
	  "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n"
	  "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n"
	  "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n"
	  "--" B "--", "Multipart.TooManyParts" },
};

static void
malformed_bodies_rejected(void **state)
{
	struct multipart_part	 parts[4];
	struct problem		 err;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(bad_bodies) / sizeof(bad_bodies[0]); i++) {
		print_message("body %zu\n", i);
		assert_int_equal(parse(bad_bodies[i].body, parts, &err), -1);
		assert_string_equal(err.key, bad_bodies[i].key);
	}
}

/* --- request_parse_multipart ---------------------------------------------- */

static const struct field_spec text_specs[] = {
	{ "title", FIELD_TEXT, true, 20 },
	{ "n", FIELD_UINT, false, 10 },
	{ NULL, 0, false, 0 },
};

static const struct file_spec file_specs[] = {
	{ "photo", 2, 8 },
	{ NULL, 0, 0 },
};

/* Parses body as a multipart request; r must be initialised. */
static int
parse_request(struct request *r, const char *body)
{
	request_reset(r);
	r->form_length = strlen(body);
	r->form_data = strdup(body);
	r->form_type = CT;
	return request_parse_multipart(r, text_specs, file_specs);
}

#define TEXT_PART(name, value) \
	"--" B "\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n" value "\r\n"
#define FILE_PART(name, filename, value) \
	"--" B "\r\nContent-Disposition: form-data; name=\"" name "\"; filename=\"" \
	filename "\"\r\nContent-Type: text/html\r\n\r\n" value "\r\n"
#define END	"--" B "--\r\n"

static void
request_text_and_files(void **state)
{
	struct request		 r;
	const struct upload	*u;

	(void)state;
	request_init(&r);
	assert_int_equal(parse_request(&r, TEXT_PART("title", "  Dziura ") TEXT_PART("n", "7")
	    TEXT_PART("unknown", "x") FILE_PART("photo", "a.jpg", "12345678") FILE_PART("photo", "", "")
	    FILE_PART("photo", "b.jpg", "") FILE_PART("other", "c.jpg", "zzz") END), 0);
	assert_string_equal(request_text(&r, "title"), "Dziura");
	assert_int_equal(request_field(&r, "n")->number, 7);
	assert_null(request_field(&r, "unknown"));
	assert_int_equal(r.upload_problem.key[0], '\0');
	assert_int_equal(request_file_count(&r, "photo"), 2);
	assert_int_equal(request_file_count(&r, "other"), 0);
	u = request_file(&r, "photo", 0);
	assert_non_null(u);
	assert_string_equal(u->filename, "a.jpg");
	assert_int_equal(u->length, 8);
	assert_memory_equal(u->data, "12345678", 8);
	u = request_file(&r, "photo", 1);
	assert_non_null(u);
	assert_string_equal(u->filename, "b.jpg");
	assert_int_equal(u->length, 0);
	assert_null(request_file(&r, "photo", 2));
	request_free(&r);
}

static void
request_text_validated(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	assert_int_equal(parse_request(&r, TEXT_PART("title", "a\tb") END), -1);
	assert_string_equal(r.invalid_field, "title");
	assert_int_equal(parse_request(&r, TEXT_PART("title", "a") TEXT_PART("title", "b") END), -1);
	assert_string_equal(r.invalid_field, "title");
	assert_int_equal(parse_request(&r, TEXT_PART("n", "11") TEXT_PART("title", "a") END), -1);
	assert_string_equal(r.invalid_field, "n");
	assert_int_equal(parse_request(&r, TEXT_PART("n", "1") END), -1);
	assert_string_equal(r.invalid_field, "title");
	assert_true(r.field_missing);
	assert_int_equal(parse_request(&r, TEXT_PART("title", "\xc5") END), -1);
	assert_string_equal(r.invalid_field, "title");
	/* A text field sent as a file part is malformed. */
	assert_int_equal(parse_request(&r, FILE_PART("title", "t.txt", "x") END), -1);
	assert_string_equal(r.invalid_field, "title");
	request_free(&r);
}

static void
request_nul_in_text_rejected(void **state)
{
	static const char	 body[] = TEXT_PART("title", "a\0b") END;
	struct request		 r;

	(void)state;
	request_init(&r);
	r.form_length = sizeof(body) - 1;
	r.form_data = malloc(sizeof(body));
	memcpy(r.form_data, body, sizeof(body));
	r.form_type = CT;
	assert_int_equal(request_parse_multipart(&r, text_specs, file_specs), -1);
	assert_string_equal(r.invalid_field, "title");
	request_free(&r);
}

static void
request_file_limits_reported(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	assert_int_equal(parse_request(&r, TEXT_PART("title", "a") FILE_PART("photo", "big.jpg",
	    "123456789") END), 0);
	assert_string_equal(r.upload_problem.key, "Upload.FileTooLarge");
	assert_string_equal(r.upload_problem.value, "big.jpg");
	assert_string_equal(request_text(&r, "title"), "a");
	/* Fail closed: no file is handed out once a limit was broken. */
	assert_int_equal(request_file_count(&r, "photo"), 0);
	assert_null(request_file(&r, "photo", 0));

	assert_int_equal(parse_request(&r, TEXT_PART("title", "a") FILE_PART("photo", "1", "1")
	    FILE_PART("photo", "2", "2") FILE_PART("photo", "3", "3") END), 0);
	assert_string_equal(r.upload_problem.key, "Upload.TooManyFiles");
	assert_string_equal(r.upload_problem.value, "2");
	assert_int_equal(request_file_count(&r, "photo"), 0);
	request_free(&r);
}

static void
request_malformed_body_reported(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	assert_int_equal(parse_request(&r, TEXT_PART("title", "a") "--" B "--\r\ntrailing"), -1);
	assert_string_equal(r.body_problem.key, "Multipart.TrailingData");
	request_reset(&r);
	r.form_data = strdup(TEXT_PART("title", "a") END);
	r.form_length = strlen(r.form_data);
	r.form_type = "multipart/form-data";
	assert_int_equal(request_parse_multipart(&r, text_specs, file_specs), -1);
	assert_string_equal(r.body_problem.key, "Multipart.BadType");
	request_free(&r);
}

static void
request_urlencoded_still_accepted(void **state)
{
	struct request	 r;

	(void)state;
	request_init(&r);
	r.form_data = strdup("title=abc&n=2");
	r.form_length = strlen(r.form_data);
	r.form_type = "application/x-www-form-urlencoded";
	assert_int_equal(request_parse_multipart(&r, text_specs, file_specs), 0);
	assert_string_equal(request_text(&r, "title"), "abc");
	assert_int_equal(request_file_count(&r, "photo"), 0);
	request_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boundary_from_content_type),
		cmocka_unit_test(boundary_invalid_rejected),
		cmocka_unit_test(parts_text_and_file),
		cmocka_unit_test(nul_bytes_in_content_kept),
		cmocka_unit_test(no_parts_accepted),
		cmocka_unit_test(malformed_bodies_rejected),
		cmocka_unit_test(request_text_and_files),
		cmocka_unit_test(request_text_validated),
		cmocka_unit_test(request_nul_in_text_rejected),
		cmocka_unit_test(request_file_limits_reported),
		cmocka_unit_test(request_malformed_body_reported),
		cmocka_unit_test(request_urlencoded_still_accepted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
