/* csv_test.c: the CSV reader on the real collection area file and on malformed input. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "buf.h"
#include "csv.h"
#include "text.h"

#define PYTHON	"/usr/bin/python3"

/* --- helpers -------------------------------------------------------------- */

/* A copy of one record as the callback received it. */
struct row_copy {
	int	 line;
	size_t	 count;
	char	*field[CSV_MAX_FIELDS];
};

struct rows {
	struct row_copy	*item;
	size_t		 count;
	int		 stop_after;	/* callback returns 5 after this many; 0 never */
};

static int
collect_row(const struct csv_row *row, void *arg)
{
	struct rows	*list = arg;
	struct row_copy	*copy;
	size_t		 i;

	list->item = realloc(list->item, (list->count + 1) * sizeof(*list->item));
	assert_non_null(list->item);
	copy = &list->item[list->count++];
	copy->line = row->line;
	copy->count = row->count;
	for (i = 0; i < row->count; i++)
		copy->field[i] = strdup(row->field[i]);
	if (list->stop_after != 0 && (int)list->count == list->stop_after)
		return 5;
	return 0;
}

static void
free_rows(struct rows *list)
{
	size_t	 i, j;

	for (i = 0; i < list->count; i++)
		for (j = 0; j < list->item[i].count; j++)
			free(list->item[i].field[j]);
	free(list->item);
	memset(list, 0, sizeof(*list));
}

static int
parse_text(const char *text, struct rows *list, struct problem *err)
{
	memset(list, 0, sizeof(*list));
	return csv_parse(text, strlen(text), collect_row, list, err);
}

static char *
read_test_file(const char *name, size_t *len)
{
	const char	*dir = getenv("RATUSZ_TEST_DATA");
	char		 path[4096];
	struct buf	 data;
	char		 chunk[8192];
	size_t		 n;
	FILE		*f;

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	buf_init(&data);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&data, chunk, n);
	fclose(f);
	*len = data.len;
	return buf_steal(&data);
}

static void
assert_fields(const struct row_copy *row, size_t count, ...)
{
	va_list	 ap;
	size_t	 i;

	assert_int_equal(row->count, count);
	va_start(ap, count);
	for (i = 0; i < count; i++)
		assert_string_equal(row->field[i], va_arg(ap, const char *));
	va_end(ap);
}

/* --- the real collection area file ---------------------------------------- */

#define AREAS_FILE	"waste/rejony_street_lists_sroda_slaska_miekinia.csv"

static void
csv_real_area_file(void **state)
{
	struct rows	 list;
	struct problem	 err;
	size_t		 len, i;
	char		*data;

	(void)state;
	data = read_test_file(AREAS_FILE, &len);
	memset(&list, 0, sizeof(list));
	assert_int_equal(csv_parse(data, len, collect_row, &list, &err), 0);
	assert_string_equal(err.key, "");
	assert_int_equal(list.count, 16);
	assert_fields(&list.item[0], 4, "gmina", "location_id", "rejon_or_localities",
	    "details_street_list");
	for (i = 0; i < list.count; i++) {
		assert_int_equal(list.item[i].line, (int)i + 1);
		assert_int_equal(list.item[i].count, 4);
	}
	assert_fields(&list.item[2], 4, "Środa Śląska", "2", "Ogrodnica,  Proszków", "");
	assert_fields(&list.item[15], 4, "Miękinia", "9", "Miękinia", "");
	assert_string_equal(list.item[1].field[2], "Środa Śląska 1");
	assert_true(strncmp(list.item[1].field[3],
	    "DLA NIERUCHOMOŚCI JEDNORODZINNYCH: Cmentarna, Czereśniowa,", 59) == 0);
	assert_int_equal(utf8_length(list.item[1].field[3]), 760);
	free_rows(&list);
	free(data);
}

/* Every field of the real file matches Python's csv module. */
static void
csv_real_file_matches_python(void **state)
{
	const char	*dir = getenv("RATUSZ_TEST_DATA");
	struct rows	 list;
	struct problem	 err;
	struct buf	 command, output;
	json_t		*rows, *row;
	json_error_t	 error;
	char		 chunk[8192];
	size_t		 len, n, i, j;
	char		*data;
	FILE		*pipe;

	(void)state;
	data = read_test_file(AREAS_FILE, &len);
	memset(&list, 0, sizeof(list));
	assert_int_equal(csv_parse(data, len, collect_row, &list, &err), 0);

	buf_init(&command);
	buf_init(&output);
	buf_printf(&command, PYTHON " -c 'import csv, json, sys; "
	    "json.dump(list(csv.reader(open(sys.argv[1], newline=\"\", "
	    "encoding=\"utf-8-sig\"))), sys.stdout)' \"$RATUSZ_TEST_DATA\"/%s",
	    AREAS_FILE);
	assert_non_null(dir);
	pipe = popen(buf_cstr(&command), "r");
	assert_non_null(pipe);
	while ((n = fread(chunk, 1, sizeof(chunk), pipe)) > 0)
		buf_append(&output, chunk, n);
	assert_int_equal(pclose(pipe), 0);
	rows = json_loads(buf_cstr(&output), 0, &error);
	assert_non_null(rows);

	assert_int_equal(json_array_size(rows), list.count);
	json_array_foreach(rows, i, row) {
		assert_int_equal(json_array_size(row), list.item[i].count);
		for (j = 0; j < list.item[i].count; j++)
			assert_string_equal(json_string_value(json_array_get(row, j)),
			    list.item[i].field[j]);
	}
	json_decref(rows);
	buf_free(&command);
	buf_free(&output);
	free_rows(&list);
	free(data);
}

/* --- delimiters, quotes and lines ----------------------------------------- */

static void
csv_detects_delimiter(void **state)
{
	struct rows	 list;
	struct problem	 err;

	(void)state;
	assert_int_equal(parse_text("a;b;c\n1,5;2;3\n", &list, &err), 0);
	assert_fields(&list.item[0], 3, "a", "b", "c");
	assert_fields(&list.item[1], 3, "1,5", "2", "3");
	free_rows(&list);

	/* A tie goes to the comma. */
	assert_int_equal(parse_text("a,b;c\n", &list, &err), 0);
	assert_fields(&list.item[0], 2, "a", "b;c");
	free_rows(&list);

	/* Semicolons inside quotes do not count. */
	assert_int_equal(parse_text("\"x;y;z\",b\n", &list, &err), 0);
	assert_fields(&list.item[0], 2, "x;y;z", "b");
	free_rows(&list);

	/* Only the first record decides, after leading blank lines. */
	assert_int_equal(parse_text("\r\n\r\na;b\nc,d,e;f\n", &list, &err), 0);
	assert_int_equal(list.item[0].line, 3);
	assert_fields(&list.item[0], 2, "a", "b");
	assert_fields(&list.item[1], 2, "c,d,e", "f");
	free_rows(&list);
}

static void
csv_handles_quotes(void **state)
{
	struct rows	 list;
	struct problem	 err;

	(void)state;
	assert_int_equal(parse_text("\"a\"\"b\";\"c;d\";\"\";\"\"\"\"\r\n", &list, &err), 0);
	assert_fields(&list.item[0], 4, "a\"b", "c;d", "", "\"");
	free_rows(&list);

	/* A quote inside an unquoted field is kept; spaces are not trimmed. */
	assert_int_equal(parse_text("rura 12\";x\" y ; b \n", &list, &err), 0);
	assert_fields(&list.item[0], 3, "rura 12\"", "x\" y ", " b ");
	free_rows(&list);

	assert_int_equal(parse_text("a;;\n;\n\"\"\n", &list, &err), 0);
	assert_fields(&list.item[0], 3, "a", "", "");
	assert_fields(&list.item[1], 2, "", "");
	assert_fields(&list.item[2], 1, "");
	free_rows(&list);
}

static void
csv_counts_lines_in_quotes(void **state)
{
	struct rows	 list;
	struct problem	 err;
	const char	*text =
	    "h1;h2\r\n"			/* 1 */
	    "\"multi\r\nline\";x\r\n"	/* 2-3 */
	    "\r\n"			/* 4 */
	    "y;\"a\nb\nc\"\n"		/* 5-7 */
	    "\n"			/* 8 */
	    "z;w";			/* 9, no line end */

	(void)state;
	assert_int_equal(parse_text(text, &list, &err), 0);
	assert_int_equal(list.count, 4);
	assert_int_equal(list.item[0].line, 1);
	assert_int_equal(list.item[1].line, 2);
	assert_int_equal(list.item[2].line, 5);
	assert_int_equal(list.item[3].line, 9);
	assert_fields(&list.item[1], 2, "multi\r\nline", "x");
	assert_fields(&list.item[2], 2, "y", "a\nb\nc");
	assert_fields(&list.item[3], 2, "z", "w");
	free_rows(&list);
}

static void
csv_accepts_bom_and_line_ends(void **state)
{
	struct rows	 list;
	struct problem	 err;

	(void)state;
	assert_int_equal(parse_text("\xEF\xBB\xBFname;x\r\n1;2\r", &list, &err), 0);
	assert_int_equal(list.count, 2);
	assert_fields(&list.item[0], 2, "name", "x");
	assert_fields(&list.item[1], 2, "1", "2");
	free_rows(&list);

	assert_int_equal(parse_text("\"a\";\"b\"\r", &list, &err), 0);
	assert_fields(&list.item[0], 2, "a", "b");
	free_rows(&list);

	/* A CR that does not end a line is data. */
	assert_int_equal(parse_text("a\rb;c\n", &list, &err), 0);
	assert_fields(&list.item[0], 2, "a\rb", "c");
	free_rows(&list);

	assert_int_equal(parse_text("", &list, &err), 0);
	assert_int_equal(list.count, 0);
	assert_int_equal(parse_text("\xEF\xBB\xBF\r\n\n\r", &list, &err), 0);
	assert_int_equal(list.count, 0);
}

static void
csv_allows_max_fields(void **state)
{
	struct rows	 list;
	struct problem	 err;
	struct buf	 text;
	int		 i;

	(void)state;
	buf_init(&text);
	buf_puts(&text, "a\n");
	for (i = 1; i < CSV_MAX_FIELDS; i++)
		buf_putc(&text, ',');
	buf_putc(&text, '\n');
	assert_int_equal(parse_text(buf_cstr(&text), &list, &err), 0);
	assert_int_equal(list.item[1].count, CSV_MAX_FIELDS);
	free_rows(&list);

	buf_puts(&text, "\"x\ny\"");
	for (i = 0; i < CSV_MAX_FIELDS; i++)
		buf_puts(&text, ",\"\"");
	assert_int_equal(parse_text(buf_cstr(&text), &list, &err), -1);
	assert_string_equal(err.key, "Import.Csv.TooManyFields");
	assert_int_equal(err.line, 3);
	assert_string_equal(err.value, "32");
	free_rows(&list);
	buf_free(&text);
}

static void
csv_callback_stops_parsing(void **state)
{
	struct rows	 list = { .stop_after = 2 };
	struct problem	 err;
	const char	*text = "a\nb\nc\n";

	(void)state;
	assert_int_equal(csv_parse(text, strlen(text), collect_row, &list, &err), 5);
	assert_int_equal(list.count, 2);
	free_rows(&list);
}

/* --- malformed input ------------------------------------------------------ */

struct error_case {
	const char	*text;
	const char	*key;
	int		 line;
	const char	*value;		/* NULL: not checked */
};

static const struct error_case error_cases[] = {
	{ "a;b\nx;\"abc\ndef\n", "Import.Csv.UnterminatedQuote", 2, NULL },
	{ "\"", "Import.Csv.UnterminatedQuote", 1, NULL },
	{ "a\n\"x\"\"\n", "Import.Csv.UnterminatedQuote", 2, NULL },
	{ "a;b\n\"abc\"def;x\n", "Import.Csv.TextAfterQuote", 2, "def;x" },
	{ "a;b\n\"ab\nc\" d\r\n", "Import.Csv.TextAfterQuote", 3, " d" },
	{ "a,b\n\"x\"\r\r\n", "Import.Csv.TextAfterQuote", 2, NULL },
	{ "a;b\nc;d\n\xC5;x\n", "Import.Csv.InvalidUtf8", 3, NULL },
	{ "a;b\n\xC0\xAF\n", "Import.Csv.InvalidUtf8", 2, NULL },
	{ "a;b\n\xED\xA0\x80\n", "Import.Csv.InvalidUtf8", 2, NULL },
	{ "a;b\n\xEF\xBB\xBF\xFF\n", "Import.Csv.InvalidUtf8", 2, NULL },
};

static void
csv_rejects_malformed(void **state)
{
	struct rows	 list;
	struct problem	 err;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
		const struct error_case	*c = &error_cases[i];

		if (parse_text(c->text, &list, &err) != -1)
			fail_msg("case %zu was accepted: %s", i, c->text);
		if (strcmp(err.key, c->key) != 0 || err.line != c->line)
			fail_msg("case %zu: got %s at line %d, expected %s at line %d",
			    i, err.key, err.line, c->key, c->line);
		if (c->value != NULL && strcmp(err.value, c->value) != 0)
			fail_msg("case %zu: value \"%s\", expected \"%s\"", i,
			    err.value, c->value);
		free_rows(&list);
	}
}

/* The text shown after a closing quote is cut to 40 bytes on a character boundary. */
static void
csv_cuts_snippet_on_character(void **state)
{
	struct rows	 list;
	struct problem	 err;
	struct buf	 text;
	int		 i;

	(void)state;
	buf_init(&text);
	buf_puts(&text, "\"a\"x");
	for (i = 0; i < 50; i++)
		buf_puts(&text, "ż");
	assert_int_equal(parse_text(buf_cstr(&text), &list, &err), -1);
	assert_string_equal(err.key, "Import.Csv.TextAfterQuote");
	assert_int_equal(strlen(err.value), 39);
	assert_true(utf8_valid(err.value, strlen(err.value)));
	assert_true(strncmp(err.value, "xżż", 5) == 0);
	free_rows(&list);
	buf_free(&text);
}

static void
csv_rejects_nul_byte(void **state)
{
	static const char	 text[] = "a;b\nc\0d;e\n";
	struct rows		 list = { 0 };
	struct problem		 err;

	(void)state;
	assert_int_equal(csv_parse(text, sizeof(text) - 1, collect_row, &list, &err), -1);
	assert_string_equal(err.key, "Import.Csv.NulCharacter");
	assert_int_equal(err.line, 2);
	assert_int_equal(list.count, 0);
}

static void
csv_rejects_input_over_16_mib(void **state)
{
	size_t		 len = 16u * 1024 * 1024 + 1;
	struct rows	 list = { 0 };
	struct problem	 err;
	char		*data = malloc(len);

	(void)state;
	assert_non_null(data);
	memset(data, 'a', len);
	assert_int_equal(csv_parse(data, len, collect_row, &list, &err), -1);
	assert_string_equal(err.key, "Import.Csv.TooLarge");
	assert_string_equal(err.value, "16777217");
	assert_int_equal(list.count, 0);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_real_area_file),
		cmocka_unit_test(csv_real_file_matches_python),
		cmocka_unit_test(csv_detects_delimiter),
		cmocka_unit_test(csv_handles_quotes),
		cmocka_unit_test(csv_counts_lines_in_quotes),
		cmocka_unit_test(csv_accepts_bom_and_line_ends),
		cmocka_unit_test(csv_allows_max_fields),
		cmocka_unit_test(csv_callback_stops_parsing),
		cmocka_unit_test(csv_rejects_malformed),
		cmocka_unit_test(csv_cuts_snippet_on_character),
		cmocka_unit_test(csv_rejects_nul_byte),
		cmocka_unit_test(csv_rejects_input_over_16_mib),
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
