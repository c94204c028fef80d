/* text_test.c: tables of cases for UTF-8 checks, search folding, plurals and dates. */
#include "config.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "text.h"

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

struct utf8_case {
	const char	*bytes;
	size_t		 len;
	bool		 valid;
	const char	*what;
};

#define U8(bytes, valid, what)	{ bytes, sizeof(bytes) - 1, valid, what }

static const struct utf8_case utf8_cases[] = {
	U8("", true, "empty"),
	U8("ul. Lipowa 5", true, "ASCII"),
	U8("Żółta Łąka źdźbło", true, "Polish letters"),
	U8("a\0b", true, "embedded NUL is a valid code point"),
	U8("\xC2\x80", true, "U+0080, smallest 2-byte"),
	U8("\xDF\xBF", true, "U+07FF, largest 2-byte"),
	U8("\xE0\xA0\x80", true, "U+0800, smallest 3-byte"),
	U8("\xED\x9F\xBF", true, "U+D7FF, just below surrogates"),
	U8("\xEE\x80\x80", true, "U+E000, just above surrogates"),
	U8("\xEF\xBF\xBF", true, "U+FFFF"),
	U8("\xF0\x90\x80\x80", true, "U+10000, smallest 4-byte"),
	U8("\xF0\x9F\x98\x80", true, "emoji U+1F600"),
	U8("\xF4\x8F\xBF\xBF", true, "U+10FFFF, largest code point"),
	U8("\x80", false, "lone continuation byte"),
	U8("\xBF", false, "lone continuation byte BF"),
	U8("\xC0\xAF", false, "overlong '/' in 2 bytes"),
	U8("\xC1\xBF", false, "overlong U+007F"),
	U8("\xE0\x80\xAF", false, "overlong '/' in 3 bytes"),
	U8("\xE0\x9F\xBF", false, "overlong U+07FF in 3 bytes"),
	U8("\xF0\x80\x80\xAF", false, "overlong '/' in 4 bytes"),
	U8("\xF0\x8F\xBF\xBF", false, "overlong U+FFFF in 4 bytes"),
	U8("\xED\xA0\x80", false, "high surrogate U+D800"),
	U8("\xED\xBF\xBF", false, "low surrogate U+DFFF"),
	U8("\xED\xA0\xBD\xED\xB8\x80", false, "CESU-8 surrogate pair"),
	U8("\xF4\x90\x80\x80", false, "U+110000, past the maximum"),
	U8("\xF5\x80\x80\x80", false, "lead byte F5"),
	U8("\xFE", false, "byte FE"),
	U8("\xFF", false, "byte FF"),
	U8("\xC5", false, "truncated 2-byte sequence"),
	U8("\xE2\x82", false, "truncated 3-byte sequence"),
	U8("\xF0\x9F\x98", false, "truncated 4-byte sequence"),
	U8("\xC5\x41", false, "lead byte followed by ASCII"),
	U8("\xE2\x82\xC5\xBB", false, "sequence cut by a new lead byte"),
	U8("ok\xC5\xBC" "\xC5", false, "valid text then a truncated tail"),
};

static void
utf8_valid_table(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(utf8_cases); i++) {
		const struct utf8_case *c = &utf8_cases[i];

		if (utf8_valid(c->bytes, c->len) != c->valid)
			fail_msg("utf8_valid: %s: expected %s", c->what,
			    c->valid ? "valid" : "invalid");
	}
}

static void
utf8_valid_respects_length(void **state)
{
	(void)state;
	/* Only the first byte of "ż" is inside the range. */
	assert_false(utf8_valid("\xC5\xBC", 1));
	/* The malformed byte lies past the range. */
	assert_true(utf8_valid("ab\xFF", 2));
}

static void
utf8_length_table(void **state)
{
	static const struct {
		const char	*s;
		size_t		 length;
	} cases[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "Żółta", 5 },
		{ "źdźbło", 6 },
		{ "\xE2\x82\xAC" "5", 2 },		/* €5 */
		{ "\xF0\x9F\x98\x80!", 2 },		/* emoji and '!' */
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		if (utf8_length(cases[i].s) != cases[i].length)
			fail_msg("utf8_length(\"%s\") = %zu, expected %zu",
			    cases[i].s, utf8_length(cases[i].s), cases[i].length);
}

static const struct {
	const char	*in, *out;
} fold_cases[] = {
	{ "ul. Żółta", "ul zolta" },
	{ "ŁĄKA", "laka" },
	{ "Nowa Wieś-Kolonia", "nowa wies kolonia" },
	{ "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ", "acelnoszz acelnoszz" },
	{ "Straße", "strasse" },
	{ "Œuvre Æsir Þór", "oeuvre aesir thor" },
	{ "Čáp Ďábel Řeka Šúľ Ůžasný", "cap dabel reka sul uzasny" },
	{ "Ölçü Ğüneş İzmir", "olcu gunes izmir" },
	{ "Ñandú Ÿvon", "nandu yvon" },
	{ "al. Jana Pawła II 12/3", "al jana pawla ii 12 3" },
	{ "  --Ąę--  ", "ae" },
	{ "Kolonia – Wieś — Osada", "kolonia wies osada" },
	{ "„Zielona”  \"Dolina\"", "zielona dolina" },
	{ "a\tb\r\nc", "a b c" },
	{ "2×3÷4", "2 3 4" },
	{ "m² º", "m2 o" },
	{ "Wie\xC2\xAD" "ś", "wies" },				/* soft hyphen */
	{ "Z\xCC\x87o\xCC\x81\xC5\x82ta", "zolta" },		/* decomposed Żół */
	{ "a\xE2\x80\x8B" "b", "ab" },				/* zero-width space */
	{ "a\xC2\xA0" "b", "a b" },				/* no-break space */
	{ "a\xFF" "b\xC5", "a b" },				/* malformed bytes */
	{ "Київ", "Київ" },
	{ "", "" },
	{ " .,;- ", "" },
};

static void
text_fold_table(void **state)
{
	struct buf	 out;
	size_t		 i;

	(void)state;
	buf_init(&out);
	for (i = 0; i < COUNT(fold_cases); i++) {
		buf_reset(&out);
		text_fold(&out, fold_cases[i].in);
		if (strcmp(buf_cstr(&out), fold_cases[i].out) != 0)
			fail_msg("text_fold(\"%s\") = \"%s\", expected \"%s\"",
			    fold_cases[i].in, buf_cstr(&out), fold_cases[i].out);
	}
	buf_free(&out);
}

static void
text_fold_appends_to_buffer(void **state)
{
	struct buf	 out;

	(void)state;
	buf_init(&out);
	buf_puts(&out, "key:");
	text_fold(&out, " Łąka ");
	assert_string_equal(buf_cstr(&out), "key:laka");

	buf_reset(&out);
	text_fold(&out, " -- ");
	assert_non_null(out.data);
	assert_string_equal(buf_cstr(&out), "");
	buf_free(&out);
}

static void
text_fold_output_is_valid(void **state)
{
	struct buf	 out;
	size_t		 i;

	(void)state;
	buf_init(&out);
	for (i = 0; i < COUNT(fold_cases); i++) {
		buf_reset(&out);
		text_fold(&out, fold_cases[i].in);
		assert_true(utf8_valid(out.data, out.len));
	}
	buf_free(&out);
}

static void
plural_pl_table(void **state)
{
	static const struct {
		long	 n;
		int	 form;
	} cases[] = {
		{ 0, 2 }, { 1, 0 }, { 2, 1 }, { 4, 1 }, { 5, 2 }, { 11, 2 },
		{ 12, 2 }, { 14, 2 }, { 21, 2 }, { 22, 1 }, { 24, 1 },
		{ 25, 2 }, { 104, 1 }, { 112, 2 }, { 1001, 2 }, { 1002, 1 },
		{ 13, 2 }, { 111, 2 }, { 113, 2 }, { 122, 1 }, { 1000000, 2 },
		{ -1, 0 }, { -2, 1 }, { -12, 2 }, { LONG_MIN, 2 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		if (plural_pl(cases[i].n) != cases[i].form)
			fail_msg("plural_pl(%ld) = %d, expected %d", cases[i].n,
			    plural_pl(cases[i].n), cases[i].form);
}

static void
plural_en_table(void **state)
{
	static const struct {
		long	 n;
		int	 form;
	} cases[] = {
		{ 0, 1 }, { 1, 0 }, { 2, 1 }, { 11, 1 }, { 21, 1 },
		{ 101, 1 }, { -1, 0 }, { LONG_MAX, 1 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		if (plural_en(cases[i].n) != cases[i].form)
			fail_msg("plural_en(%ld) = %d, expected %d", cases[i].n,
			    plural_en(cases[i].n), cases[i].form);
}

/* Day numbers and weekdays computed independently with Python's datetime. */
static const struct {
	int	 year, month, day;
	long	 days;
	int	 weekday;
} date_cases[] = {
	{ 1970, 1, 1, 0, 3 },
	{ 1969, 12, 31, -1, 2 },
	{ 2000, 3, 1, 11017, 2 },
	{ 1900, 1, 1, -25567, 0 },
	{ 2024, 2, 29, 19782, 3 },
	{ 2026, 3, 29, 20541, 6 },
	{ 2026, 8, 15, 20680, 5 },
	{ 2026, 10, 25, 20751, 6 },
	{ 1582, 10, 15, -141427, 4 },
	{ 1600, 1, 1, -135140, 5 },
	{ 1, 1, 1, -719162, 0 },
	{ 9999, 12, 31, 2932896, 4 },
	/* Years 0 and below: 400 Gregorian years are 146097 days, whole weeks. */
	{ 0, 3, 1, -719468, 2 },
	{ 0, 1, 1, -719528, 5 },
	{ -400, 1, 1, -135140 - 5 * 146097L, 5 },
};

static void
date_to_days_table(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(date_cases); i++) {
		long	 days = date_to_days(date_cases[i].year,
		    date_cases[i].month, date_cases[i].day);

		if (days != date_cases[i].days)
			fail_msg("date_to_days(%d-%02d-%02d) = %ld, expected %ld",
			    date_cases[i].year, date_cases[i].month,
			    date_cases[i].day, days, date_cases[i].days);
	}
}

static void
days_to_date_table(void **state)
{
	size_t	 i;
	int	 y, m, d;

	(void)state;
	for (i = 0; i < COUNT(date_cases); i++) {
		days_to_date(date_cases[i].days, &y, &m, &d);
		if (y != date_cases[i].year || m != date_cases[i].month ||
		    d != date_cases[i].day)
			fail_msg("days_to_date(%ld) = %d-%02d-%02d, expected "
			    "%d-%02d-%02d", date_cases[i].days, y, m, d,
			    date_cases[i].year, date_cases[i].month,
			    date_cases[i].day);
	}
}

static void
date_weekday_table(void **state)
{
	size_t	 i;
	int	 weekday;

	(void)state;
	for (i = 0; i < COUNT(date_cases); i++) {
		weekday = date_weekday(date_cases[i].year, date_cases[i].month,
		    date_cases[i].day);
		if (weekday != date_cases[i].weekday)
			fail_msg("date_weekday(%d-%02d-%02d) = %d, expected %d",
			    date_cases[i].year, date_cases[i].month,
			    date_cases[i].day, weekday, date_cases[i].weekday);
	}
}

/* Every day from -3000-01-01 to 3000-12-31 follows the previous one by one calendar step. */
static void
days_to_date_walks_calendar(void **state)
{
	long	 first = date_to_days(-3000, 1, 1), last = date_to_days(3000, 12, 31);
	long	 days;
	int	 y = -3000, m = 1, d = 1, ny, nm, nd;

	(void)state;
	for (days = first; days <= last; days++) {
		days_to_date(days, &ny, &nm, &nd);
		if (ny != y || nm != m || nd != d)
			fail_msg("day %ld: got %d-%02d-%02d, expected %d-%02d-%02d",
			    days, ny, nm, nd, y, m, d);
		assert_int_equal(date_to_days(y, m, d), days);
		assert_int_equal(date_weekday(y, m, d),
		    (int)(((days % 7) + 10) % 7));

		/* Step to the next calendar day by date_valid alone. */
		if (date_valid(y, m, d + 1))
			d++;
		else if (date_valid(y, m + 1, 1))
			m++, d = 1;
		else
			y++, m = 1, d = 1;
	}
}

static void
date_valid_table(void **state)
{
	static const struct {
		int	 year, month, day;
		bool	 valid;
	} cases[] = {
		{ 2026, 1, 31, true }, { 2026, 4, 30, true },
		{ 2026, 4, 31, false }, { 2026, 2, 28, true },
		{ 2026, 2, 29, false }, { 2024, 2, 29, true },
		{ 2000, 2, 29, true }, { 1900, 2, 29, false },
		{ 1700, 2, 29, false }, { 1600, 2, 29, true },
		{ 0, 2, 29, true }, { -4, 2, 29, true }, { -100, 2, 29, false },
		{ 2026, 0, 1, false }, { 2026, 13, 1, false },
		{ 2026, 1, 0, false }, { 2026, 1, -1, false },
		{ 2026, 12, 31, true }, { 2026, 12, 32, false },
		{ 2026, INT_MIN, 1, false }, { 2026, 1, INT_MAX, false },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		if (date_valid(cases[i].year, cases[i].month, cases[i].day) !=
		    cases[i].valid)
			fail_msg("date_valid(%d, %d, %d): expected %s",
			    cases[i].year, cases[i].month, cases[i].day,
			    cases[i].valid ? "true" : "false");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_valid_table),
		cmocka_unit_test(utf8_valid_respects_length),
		cmocka_unit_test(utf8_length_table),
		cmocka_unit_test(text_fold_table),
		cmocka_unit_test(text_fold_appends_to_buffer),
		cmocka_unit_test(text_fold_output_is_valid),
		cmocka_unit_test(plural_pl_table),
		cmocka_unit_test(plural_en_table),
		cmocka_unit_test(date_to_days_table),
		cmocka_unit_test(days_to_date_table),
		cmocka_unit_test(date_weekday_table),
		cmocka_unit_test(days_to_date_walks_calendar),
		cmocka_unit_test(date_valid_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
