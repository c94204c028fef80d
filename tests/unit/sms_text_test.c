/* sms_text_test.c: tables of SMS lengths, transliterations and cuts to a number of parts. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "sms_text.h"

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

/* Appends n copies of a UTF-8 character or string. */
static void
repeat(struct buf *b, const char *s, size_t n)
{
	while (n-- > 0)
		buf_puts(b, s);
}

struct count_case {
	const char	*unit;		/* repeated ... */
	size_t		 times;		/* ... this many times */
	const char	*tail;		/* then this appended once */
	enum sms_encoding encoding;
	size_t		 units, parts;
};

static const struct count_case count_cases[] = {
	{ "A", 0, "", SMS_GSM7, 0, 1 },
	{ "A", 160, "", SMS_GSM7, 160, 1 },
	{ "A", 161, "", SMS_GSM7, 161, 2 },
	{ "A", 306, "", SMS_GSM7, 306, 2 },
	{ "A", 307, "", SMS_GSM7, 307, 3 },
	{ "€", 80, "", SMS_GSM7, 160, 1 },
	{ "€", 81, "", SMS_GSM7, 162, 2 },
	/* 76 "€" fill 152 of 153 septets: the 77th starts the next part. */
	{ "€", 153, "", SMS_GSM7, 306, 3 },
	{ "A", 158, "[", SMS_GSM7, 160, 1 },
	{ "A", 159, "[", SMS_GSM7, 161, 2 },
	{ "{}\\^~|[]", 1, "", SMS_GSM7, 16, 1 },
	{ "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./", 1, "", SMS_GSM7, 47, 1 },
	{ "¡ÄÖÑÜ§¿äöñüà", 1, "", SMS_GSM7, 12, 1 },
	{ "ą", 70, "", SMS_UCS2, 70, 1 },
	{ "ą", 71, "", SMS_UCS2, 71, 2 },
	{ "ą", 134, "", SMS_UCS2, 134, 2 },
	{ "ą", 135, "", SMS_UCS2, 135, 3 },
	{ "A", 160, "ó", SMS_UCS2, 161, 3 },
	{ "A", 69, "ż", SMS_UCS2, 70, 1 },
	{ "A", 10, "`", SMS_UCS2, 11, 1 },
	{ "A", 10, "\t", SMS_UCS2, 11, 1 },
	/* An emoji is a surrogate pair: two UTF-16 units. */
	{ "😀", 35, "", SMS_UCS2, 70, 1 },
	{ "😀", 36, "", SMS_UCS2, 72, 2 },
	/* 33 emoji fill 66 of 67 units, so the 34th opens the second part. */
	{ "😀", 67, "", SMS_UCS2, 134, 3 },
	{ "€", 10, "ą", SMS_UCS2, 11, 1 },
};

static void
count_table(void **state)
{
	struct sms_count	 c;
	struct buf		 text;
	size_t			 i;

	(void)state;
	for (i = 0; i < COUNT(count_cases); i++) {
		buf_init(&text);
		repeat(&text, count_cases[i].unit, count_cases[i].times);
		buf_puts(&text, count_cases[i].tail);
		assert_int_equal(sms_count(buf_cstr(&text), text.len, &c), 0);
		if (c.encoding != count_cases[i].encoding || c.units != count_cases[i].units ||
		    c.parts != count_cases[i].parts)
			fail_msg("case %zu (%zu x \"%s\" + \"%s\"): got %s %zu units %zu parts, "
			    "expected %s %zu units %zu parts", i, count_cases[i].times,
			    count_cases[i].unit, count_cases[i].tail,
			    c.encoding == SMS_GSM7 ? "GSM-7" : "UCS-2", c.units, c.parts,
			    count_cases[i].encoding == SMS_GSM7 ? "GSM-7" : "UCS-2",
			    count_cases[i].units, count_cases[i].parts);
		buf_free(&text);
	}
}

static void
count_characters(void **state)
{
	struct sms_count	 c;
	const char		*text = "Żółć 😀 €";

	(void)state;
	assert_int_equal(sms_count(text, strlen(text), &c), 0);
	assert_int_equal(c.characters, 8);
	assert_int_equal(c.units, 9);
}

static void
count_invalid_utf8(void **state)
{
	struct sms_count	 c;

	(void)state;
	assert_int_equal(sms_count("a\xC5", 2, &c), -1);
	assert_int_equal(sms_count("\xED\xA0\x80", 3, &c), -1);
}

static const struct {
	const char	*in, *out;
} transliteration_cases[] = {
	{ "zażółć gęślą jaźń", "zazolc gesla jazn" },
	{ "ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "ZAZOLC GESLA JAZN" },
	{ "„Odbiór” – jutro…", "\"Odbior\" - jutro..." },
	{ "‚tak’ “nie” «może» —", "'tak' \"nie\" \"moze\" -" },
	{ "10\xC2\xA0kg", "10 kg" },
	{ "Zürich € [x]", "Zürich € [x]" },
	{ "😀 ą", "😀 a" },
	{ "", "" },
};

static void
transliterate_table(void **state)
{
	struct buf		 out;
	struct sms_count	 c;
	size_t			 i;

	(void)state;
	for (i = 0; i < COUNT(transliteration_cases); i++) {
		buf_init(&out);
		sms_transliterate(&out, transliteration_cases[i].in);
		assert_string_equal(buf_cstr(&out), transliteration_cases[i].out);
		buf_free(&out);
	}
	/* A Polish reminder becomes GSM-7 once transliterated. */
	buf_init(&out);
	sms_transliterate(&out, "Jutro, środa 15 stycznia: odbiór szkła i popiołu.");
	assert_int_equal(sms_count(buf_cstr(&out), out.len, &c), 0);
	assert_int_equal(c.encoding, SMS_GSM7);
	buf_free(&out);
}

struct truncate_case {
	const char	*unit;
	size_t		 times;
	unsigned	 max_parts;
	bool		 cut;
	size_t		 kept;		/* copies of unit kept before the ellipsis */
	const char	*ellipsis;
};

static const struct truncate_case truncate_cases[] = {
	{ "A", 160, 1, false, 160, "" },
	{ "A", 161, 1, true, 157, "..." },
	{ "A", 306, 2, false, 306, "" },
	{ "A", 400, 2, true, 303, "..." },
	{ "ą", 71, 1, true, 69, "…" },
	{ "ą", 200, 2, true, 133, "…" },
	/* Each part fits 76 "€", and 75 in the last one leave room for "...". */
	{ "€", 200, 2, true, 151, "..." },
	/* Each part fits 33 emoji, and the ellipsis takes the free unit of the last one. */
	{ "😀", 100, 2, true, 66, "…" },
	{ "😀", 36, 1, true, 34, "…" },
};

static void
truncate_table(void **state)
{
	struct buf		 text, out, expected;
	struct sms_count	 c;
	size_t			 i;
	bool			 cut;

	(void)state;
	for (i = 0; i < COUNT(truncate_cases); i++) {
		buf_init(&text);
		buf_init(&out);
		buf_init(&expected);
		repeat(&text, truncate_cases[i].unit, truncate_cases[i].times);
		cut = sms_truncate(&out, buf_cstr(&text), truncate_cases[i].max_parts);
		repeat(&expected, truncate_cases[i].unit, truncate_cases[i].kept);
		buf_puts(&expected, truncate_cases[i].ellipsis);
		if (cut != truncate_cases[i].cut || strcmp(buf_cstr(&out), buf_cstr(&expected)) != 0)
			fail_msg("case %zu (%zu x \"%s\" in %u parts): cut %d, %zu bytes; "
			    "expected cut %d, %zu bytes", i, truncate_cases[i].times,
			    truncate_cases[i].unit, truncate_cases[i].max_parts, cut, out.len,
			    truncate_cases[i].cut, expected.len);
		assert_int_equal(sms_count(buf_cstr(&out), out.len, &c), 0);
		assert_true(c.parts <= truncate_cases[i].max_parts);
		buf_free(&text);
		buf_free(&out);
		buf_free(&expected);
	}
}

static void
truncate_trims_space(void **state)
{
	struct buf	 text, out;

	(void)state;
	buf_init(&text);
	buf_init(&out);
	repeat(&text, "A", 156);
	buf_puts(&text, " BBBBBBBB");
	assert_true(sms_truncate(&out, buf_cstr(&text), 1));
	assert_int_equal(out.len, 159);
	assert_string_equal(buf_cstr(&out) + 156, "...");
	buf_free(&text);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(count_table),
		cmocka_unit_test(count_characters),
		cmocka_unit_test(count_invalid_utf8),
		cmocka_unit_test(transliterate_table),
		cmocka_unit_test(truncate_table),
		cmocka_unit_test(truncate_trims_space),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
