/* house_number_test.c: tables of house number sets as gminy write them in collection area rules. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "house_number.h"

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

struct parse_case {
	const char	*text;
	const char	*canonical;	/* NULL: the text is rejected */
	const char	*bad;		/* the item named in the error */
};

static const struct parse_case parse_cases[] = {
	{ "", "", NULL },
	{ "   ", "", NULL },
	{ "1-25", "1-25", NULL },
	{ "1 - 25", "1-25", NULL },
	{ "1\xE2\x80\x93" "25", "1-25", NULL },		/* en dash */
	{ "nieparzyste", "nieparzyste", NULL },
	{ "Parzyste", "parzyste", NULL },
	{ "2-40 parzyste", "2-40 parzyste", NULL },
	{ "parzyste 2-40", "2-40 parzyste", NULL },
	{ "1-25 nieparz.", "1-25 nieparzyste", NULL },
	{ "18, 20, 21, 27A", "18, 20, 21, 27A", NULL },
	{ "18,20,21,27a", "18, 20, 21, 27A", NULL },
	{ "65,66", "65, 66", NULL },
	{ "1-9999", "1-9999", NULL },
	{ "0", NULL, "0" },
	{ "25-1", NULL, "25-1" },
	{ "1-x", NULL, "1-x" },
	{ "12 parzyste", NULL, "12 parzyste" },
	{ "18, , 20", NULL, "" },
	{ "18,", NULL, "" },
	{ "10000", NULL, "10000" },
	{ "1-10000", NULL, "1-10000" },
	{ "27ABCD", NULL, "27ABCD" },
	{ "Polna 5", NULL, "Polna 5" },
	{ "5/3", NULL, "5/3" },
};

static void
test_parse_table(void **state)
{
	struct house_set	 set;
	struct buf		 out;
	char			 bad[64];
	size_t			 i;
	int			 rc;

	(void)state;
	for (i = 0; i < COUNT(parse_cases); i++) {
		const struct parse_case	*c = &parse_cases[i];

		bad[0] = '\0';
		rc = house_set_parse(c->text, &set, bad, sizeof(bad));
		if (c->canonical == NULL) {
			if (rc != -1)
				fail_msg("\"%s\" was accepted, expected an error", c->text);
			assert_string_equal(bad, c->bad);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\" was rejected at \"%s\"", c->text, bad);
		buf_init(&out);
		house_set_format(&out, &set);
		assert_string_equal(buf_cstr(&out), c->canonical);
		buf_free(&out);
	}
}

struct contains_case {
	const char	*set;
	const char	*number;
	bool		 contained;
};

static const struct contains_case contains_cases[] = {
	{ "", "7", true },
	{ "1-25", "1", true },
	{ "1-25", "25", true },
	{ "1-25", "26", false },
	{ "1-25", "13A", true },
	{ "1-25", "12/3", true },
	{ "nieparzyste", "17", true },
	{ "nieparzyste", "18", false },
	{ "2-40 parzyste", "40", true },
	{ "2-40 parzyste", "39", false },
	{ "2-40 parzyste", "42", false },
	{ "18, 20, 27A", "27a", true },
	{ "18, 20, 27A", "27", false },
	{ "18, 20, 27A", "27B", false },
	{ "27", "27A", false },
	{ "18, 20", "abc", false },
	{ "18, 20", "", false },
};

static void
test_contains_table(void **state)
{
	struct house_set	 set;
	char			 bad[64];
	size_t			 i;

	(void)state;
	for (i = 0; i < COUNT(contains_cases); i++) {
		const struct contains_case	*c = &contains_cases[i];

		assert_int_equal(house_set_parse(c->set, &set, bad, sizeof(bad)), 0);
		if (house_set_contains(&set, c->number) != c->contained)
			fail_msg("\"%s\" in \"%s\": expected %s", c->number, c->set,
			    c->contained ? "true" : "false");
	}
}

struct subset_case {
	const char	*outer, *inner;
	bool		 contained;
};

static const struct subset_case subset_cases[] = {
	{ "", "", true },
	{ "", "1-25", true },
	{ "1-25", "", false },
	{ "1-25", "3-7", true },
	{ "1-25", "20-30", false },
	{ "nieparzyste", "1-25 nieparzyste", true },
	{ "nieparzyste", "1-25", false },
	{ "nieparzyste", "parzyste", false },
	{ "1-25 nieparzyste, 2-24 parzyste", "1-24", true },
	{ "18, 20, 21, 27, 33", "18, 20, 21", true },
	{ "18, 20, 21", "18, 20, 21, 27, 33", false },
	{ "1-40", "18, 27A", true },
	{ "18, 20", "18-20", false },
	{ "18, 19, 20", "18-20", true },
	{ "parzyste", "18-20 parzyste", true },
};

static void
test_contains_set_table(void **state)
{
	struct house_set	 outer, inner;
	char			 bad[64];
	size_t			 i;

	(void)state;
	for (i = 0; i < COUNT(subset_cases); i++) {
		const struct subset_case	*c = &subset_cases[i];

		assert_int_equal(house_set_parse(c->outer, &outer, bad, sizeof(bad)), 0);
		assert_int_equal(house_set_parse(c->inner, &inner, bad, sizeof(bad)), 0);
		if (house_set_contains_set(&outer, &inner) != c->contained)
			fail_msg("\"%s\" within \"%s\": expected %s", c->inner, c->outer,
			    c->contained ? "true" : "false");
	}
}

static void
test_parse_limits_items(void **state)
{
	struct house_set	 set;
	struct buf		 text;
	char			 bad[64];
	int			 i;

	(void)state;
	buf_init(&text);
	for (i = 1; i <= HOUSE_SET_MAX; i++)
		buf_printf(&text, "%s%d", i > 1 ? "," : "", i);
	assert_int_equal(house_set_parse(buf_cstr(&text), &set, bad, sizeof(bad)), 0);
	assert_int_equal(set.count, HOUSE_SET_MAX);
	buf_puts(&text, ",999");
	assert_int_equal(house_set_parse(buf_cstr(&text), &set, bad, sizeof(bad)), -1);
	assert_string_equal(bad, "999");
	buf_free(&text);
}

static void
test_parse_cuts_bad_item(void **state)
{
	struct house_set	 set;
	char			 bad[6];

	(void)state;
	/* "Żółta 5" cut to 5 bytes would split "ó"; the copy stops before it. */
	assert_int_equal(house_set_parse("Żółta 5", &set, bad, sizeof(bad)), -1);
	assert_string_equal(bad, "Żó");
	assert_int_equal(house_set_parse("Żż", &set, bad, 4), -1);
	assert_string_equal(bad, "Ż");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_contains_table),
		cmocka_unit_test(test_contains_set_table),
		cmocka_unit_test(test_parse_limits_items),
		cmocka_unit_test(test_parse_cuts_bad_item),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
