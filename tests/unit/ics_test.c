/* ics_test.c: the iCalendar reader on real and malformed calendars, and the folding writer. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "buf.h"
#include "ics.h"
#include "text.h"

#define PYTHON	"/usr/bin/python3"

/* --- helpers -------------------------------------------------------------- */

/* A copy of one event as the callback received it. */
struct event_copy {
	int	 line;
	char	*summary, *description, *uid;
	int	 year, month, day;
	bool	 timed;
};

struct events {
	struct event_copy	*item;
	size_t			 count;
	int			 stop_after;	/* callback returns 7 after this many; 0 never */
};

static int
collect_event(const struct ics_event *ev, void *arg)
{
	struct events		*list = arg;
	struct event_copy	*copy;

	list->item = realloc(list->item, (list->count + 1) * sizeof(*list->item));
	assert_non_null(list->item);
	copy = &list->item[list->count++];
	copy->line = ev->line;
	copy->summary = strdup(ev->summary);
	copy->description = strdup(ev->description);
	copy->uid = strdup(ev->uid);
	copy->year = ev->year;
	copy->month = ev->month;
	copy->day = ev->day;
	copy->timed = ev->timed;
	if (list->stop_after != 0 && (int)list->count == list->stop_after)
		return 7;
	return 0;
}

static void
free_events(struct events *list)
{
	size_t	 i;

	for (i = 0; i < list->count; i++) {
		free(list->item[i].summary);
		free(list->item[i].description);
		free(list->item[i].uid);
	}
	free(list->item);
	memset(list, 0, sizeof(*list));
}

/* Parses a NUL-terminated calendar into list; returns ics_parse's value. */
static int
parse_text(const char *text, struct events *list, struct problem *err)
{
	memset(list, 0, sizeof(*list));
	return ics_parse(text, strlen(text), collect_event, list, err);
}

/* Reads a file under RATUSZ_TEST_DATA into a malloc'd buffer. */
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

/* Appends s to out inside single quotes, safe for /bin/sh. */
static void
put_shell_quoted(struct buf *out, const char *s)
{
	buf_putc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			buf_puts(out, "'\\''");
		else
			buf_putc(out, *s);
	}
	buf_putc(out, '\'');
}

/* Runs tests/unit/ics_dump.py on a file and returns its parsed JSON output. */
static json_t *
python_dump(const char *ics_path)
{
	const char	*dir = getenv("RATUSZ_TEST_DATA");
	struct buf	 command, output;
	char		 chunk[8192];
	json_error_t	 error;
	json_t		*result;
	size_t		 n;
	FILE		*pipe;

	assert_non_null(dir);
	buf_init(&command);
	buf_init(&output);
	buf_puts(&command, PYTHON " ");
	put_shell_quoted(&command, dir);
	buf_puts(&command, "/../unit/ics_dump.py ");
	put_shell_quoted(&command, ics_path);

	pipe = popen(buf_cstr(&command), "r");
	assert_non_null(pipe);
	while ((n = fread(chunk, 1, sizeof(chunk), pipe)) > 0)
		buf_append(&output, chunk, n);
	assert_int_equal(pclose(pipe), 0);

	result = json_loads(buf_cstr(&output), 0, &error);
	if (result == NULL)
		fail_msg("ics_dump.py printed invalid JSON: %s", error.text);
	buf_free(&command);
	buf_free(&output);
	return result;
}

/* Writes data to a new temporary file; the caller unlinks path. */
static void
write_temp_file(char *path, size_t size, const char *data, size_t len)
{
	int	 fd;

	snprintf(path, size, "%s/ics_test.XXXXXX", getenv("TMPDIR") ?
	    getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

/* Formats an event's day as YYYY-MM-DD for comparisons with Python. */
static void
format_day(char *out, size_t size, const struct event_copy *ev)
{
	snprintf(out, size, "%04d-%02d-%02d", ev->year, ev->month, ev->day);
}

static void
assert_day(const struct event_copy *ev, int year, int month, int day)
{
	assert_int_equal(ev->year, year);
	assert_int_equal(ev->month, month);
	assert_int_equal(ev->day, day);
}

/* --- the real calendar of Gmina Przodkowo ---------------------------------- */

static void
ics_real_przodkowo_file(void **state)
{
	struct events	 list = { 0 };
	struct problem	 err;
	size_t		 len, i, payments = 0;
	char		*data;

	(void)state;
	data = read_test_file("waste/przodkowo_2025_maslowo_plain.ics", &len);
	assert_int_equal(ics_parse(data, len, collect_event, &list, &err), 0);
	assert_string_equal(err.key, "");
	assert_int_equal(list.count, 86);

	/* The first event, on lines 4-10 of the file. */
	assert_int_equal(list.item[0].line, 4);
	assert_string_equal(list.item[0].summary, "ZMIESZANE");
	assert_string_equal(list.item[0].description, " wywóz odpadów: ZMIESZANE");
	assert_string_equal(list.item[0].uid,
	    "8147b96a-179c-4432-8517-fc5488fc1a16@8147.org");
	assert_day(&list.item[0], 2025, 5, 23);
	assert_true(list.item[0].timed);

	for (i = 0; i < list.count; i++) {
		assert_true(list.item[i].timed);
		assert_int_equal(list.item[i].year, 2025);
		if (strcmp(list.item[i].summary, "TERMIN PŁATNOŚCI") == 0)
			payments++;
	}
	assert_int_equal(payments, 4);
	free_events(&list);
	free(data);
}

/* Every event of the real file matches what python3-icalendar and zoneinfo read. */
static void
ics_real_file_matches_python(void **state)
{
	struct events	 list = { 0 };
	struct problem	 err;
	json_t		*dump, *events, *event;
	char		 path[4096], day[16];
	size_t		 len, i;
	char		*data;

	(void)state;
	data = read_test_file("waste/przodkowo_2025_maslowo_plain.ics", &len);
	assert_int_equal(ics_parse(data, len, collect_event, &list, &err), 0);
	write_temp_file(path, sizeof(path), data, len);
	dump = python_dump(path);
	unlink(path);

	events = json_object_get(dump, "events");
	assert_int_equal(json_array_size(events), list.count);
	json_array_foreach(events, i, event) {
		format_day(day, sizeof(day), &list.item[i]);
		assert_string_equal(json_string_value(json_object_get(event, "uid")),
		    list.item[i].uid);
		assert_string_equal(json_string_value(json_object_get(event, "summary")),
		    list.item[i].summary);
		assert_string_equal(json_string_value(json_object_get(event,
		    "description")), list.item[i].description);
		assert_string_equal(json_string_value(json_object_get(event, "date")),
		    day);
		assert_int_equal(json_is_true(json_object_get(event, "timed")),
		    list.item[i].timed);
	}
	json_decref(dump);
	free_events(&list);
	free(data);
}

/* --- dates and time zones ------------------------------------------------- */

struct date_case {
	const char	*dtstart;	/* the whole DTSTART content line */
	int		 year, month, day;
	bool		 timed;
};

static const struct date_case date_cases[] = {
	{ "DTSTART;VALUE=DATE:20250101", 2025, 1, 1, false },
	{ "DTSTART:20250101", 2025, 1, 1, false },
	{ "dtstart;value=date:20241231", 2024, 12, 31, false },
	{ "DTSTART;VALUE=DATE-TIME:20250523T050000Z", 2025, 5, 23, true },
	/* Winter: UTC+1. */
	{ "DTSTART:20250115T225959Z", 2025, 1, 15, true },
	{ "DTSTART:20250115T230000Z", 2025, 1, 16, true },
	{ "DTSTART:20251231T230000Z", 2026, 1, 1, true },
	{ "DTSTART:20240228T230000Z", 2024, 2, 29, true },
	{ "DTSTART:20250228T230000Z", 2025, 3, 1, true },
	/* Summer time starts 2025-03-30 at 01:00 UTC. */
	{ "DTSTART:20250329T230000Z", 2025, 3, 30, true },
	{ "DTSTART:20250330T005959Z", 2025, 3, 30, true },
	{ "DTSTART:20250330T215959Z", 2025, 3, 30, true },
	{ "DTSTART:20250330T220000Z", 2025, 3, 31, true },
	/* Summer: UTC+2. */
	{ "DTSTART:20250714T215959Z", 2025, 7, 14, true },
	{ "DTSTART:20250714T220000Z", 2025, 7, 15, true },
	/* Summer time ends 2025-10-26 at 01:00 UTC. */
	{ "DTSTART:20251025T220000Z", 2025, 10, 26, true },
	{ "DTSTART:20251026T005959Z", 2025, 10, 26, true },
	{ "DTSTART:20251026T225959Z", 2025, 10, 26, true },
	{ "DTSTART:20251026T230000Z", 2025, 10, 27, true },
	/* 2026: the last Sundays are 29 March and 25 October. */
	{ "DTSTART:20260328T230000Z", 2026, 3, 29, true },
	{ "DTSTART:20260329T220000Z", 2026, 3, 30, true },
	{ "DTSTART:20261025T225959Z", 2026, 10, 25, true },
	{ "DTSTART:20261025T230000Z", 2026, 10, 26, true },
	/* A leap second. */
	{ "DTSTART:20161231T235960Z", 2017, 1, 1, true },
	/* Floating and TZID times are local wall-clock times. */
	{ "DTSTART:20251231T233000", 2025, 12, 31, true },
	{ "DTSTART;TZID=Europe/Warsaw:20250330T023000", 2025, 3, 30, true },
	{ "DTSTART;TZID=\"Europe/Warsaw\":20250101T000000", 2025, 1, 1, true },
	{ "DTSTART;TZID=Europe/Warsaw:20251231T235959Z", 2026, 1, 1, true },
};

static void
ics_dtstart_forms(void **state)
{
	struct events	 list;
	struct problem	 err;
	struct buf	 text;
	size_t		 i;

	(void)state;
	buf_init(&text);
	for (i = 0; i < sizeof(date_cases) / sizeof(date_cases[0]); i++) {
		buf_reset(&text);
		buf_printf(&text, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n%s\r\n"
		    "END:VEVENT\r\nEND:VCALENDAR\r\n", date_cases[i].dtstart);
		if (parse_text(buf_cstr(&text), &list, &err) != 0)
			fail_msg("%s: rejected with %s", date_cases[i].dtstart, err.key);
		assert_int_equal(list.count, 1);
		if (list.item[0].year != date_cases[i].year ||
		    list.item[0].month != date_cases[i].month ||
		    list.item[0].day != date_cases[i].day)
			fail_msg("%s: got %04d-%02d-%02d, expected %04d-%02d-%02d",
			    date_cases[i].dtstart, list.item[0].year,
			    list.item[0].month, list.item[0].day, date_cases[i].year,
			    date_cases[i].month, date_cases[i].day);
		assert_int_equal(list.item[0].timed, date_cases[i].timed);
		free_events(&list);
	}
	buf_free(&text);
}

/*
 * Compares the UTC to Warsaw conversion with the system's tzdata through
 * localtime_r: hourly over 24-31 March and October of 1996-2037, when the
 * clocks change, and every 7 hours through 2024-2026.
 */
static void
ics_utc_matches_tzdata(void **state)
{
	struct events	 list;
	struct problem	 err;
	struct buf	 text;
	struct tm	 tm;
	time_t		 t, start = 820454400;	/* 1996-01-01 00:00 UTC */
	time_t		 stop = 2145916800;	/* 2038-01-01 00:00 UTC */
	size_t		 i, n = 0;
	time_t		*instants = NULL;

	(void)state;
	setenv("TZ", "Europe/Warsaw", 1);
	tzset();
	t = 1752537600;			/* 2025-07-15 00:00 UTC */
	assert_non_null(localtime_r(&t, &tm));
	assert_int_equal(tm.tm_gmtoff, 7200);

	for (t = start; t < stop; t += 3600) {
		gmtime_r(&t, &tm);
		if (!((tm.tm_mon == 2 || tm.tm_mon == 9) && tm.tm_mday >= 24) &&
		    !(tm.tm_year >= 124 && tm.tm_year <= 126 && t % (7 * 3600) == 0))
			continue;
		instants = realloc(instants, (n + 1) * sizeof(*instants));
		assert_non_null(instants);
		instants[n++] = t;
	}

	buf_init(&text);
	buf_puts(&text, "BEGIN:VCALENDAR\r\n");
	for (i = 0; i < n; i++) {
		gmtime_r(&instants[i], &tm);
		buf_printf(&text, "BEGIN:VEVENT\r\nDTSTART:%04d%02d%02dT%02d%02d%02dZ\r\n"
		    "END:VEVENT\r\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    tm.tm_hour, tm.tm_min, tm.tm_sec);
	}
	buf_puts(&text, "END:VCALENDAR\r\n");
	assert_int_equal(parse_text(buf_cstr(&text), &list, &err), 0);
	assert_int_equal(list.count, n);

	for (i = 0; i < n; i++) {
		localtime_r(&instants[i], &tm);
		if (list.item[i].year != tm.tm_year + 1900 ||
		    list.item[i].month != tm.tm_mon + 1 ||
		    list.item[i].day != tm.tm_mday)
			fail_msg("UTC %lld: got %04d-%02d-%02d, tzdata says %04d-%02d-%02d",
			    (long long)instants[i], list.item[i].year,
			    list.item[i].month, list.item[i].day, tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday);
	}
	free_events(&list);
	free(instants);
	buf_free(&text);
	unsetenv("TZ");
	tzset();
}

/* --- content lines -------------------------------------------------------- */

static void
ics_unfolds_continuation_lines(void **state)
{
	struct events	 list;
	struct problem	 err;
	const char	*text =
	    "BEGIN:VCALENDAR\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:2025\r\n"
	    " 0101\r\n"
	    "SUMMARY:Odpady \r\n"
	    "\twielkogaba\n"
	    " rytowe\r\n"
	    "DESCRIPTION:Sz\xC5\r\n"
	    " \x82o\r\n"	/* "Szło" folded inside the two bytes of "ł" */
	    "UID:a\r\n"
	    " \r\n"
	    " b\r\n"
	    "END:VEVENT\r\n"
	    "END:VCALENDAR";

	(void)state;
	assert_int_equal(parse_text(text, &list, &err), 0);
	assert_int_equal(list.count, 1);
	assert_day(&list.item[0], 2025, 1, 1);
	assert_string_equal(list.item[0].summary, "Odpady wielkogabarytowe");
	assert_string_equal(list.item[0].description, "Szło");
	assert_string_equal(list.item[0].uid, "ab");
	free_events(&list);
}

static void
ics_unescapes_text(void **state)
{
	struct events	 list;
	struct problem	 err;
	const char	*text =
	    "BEGIN:VCALENDAR\n"
	    "BEGIN:VEVENT\n"
	    "DTSTART:20250101\n"
	    "SUMMARY:Papier\\, tektura\\; karton\n"
	    "DESCRIPTION:a\\\\b\\nc\\Nd\\:e\\\n"
	    "END:VEVENT\n"
	    "END:VCALENDAR\n";

	(void)state;
	assert_int_equal(parse_text(text, &list, &err), 0);
	assert_int_equal(list.count, 1);
	assert_string_equal(list.item[0].summary, "Papier, tektura; karton");
	/* \: is not a TEXT escape and a final backslash escapes nothing: both stay. */
	assert_string_equal(list.item[0].description, "a\\b\nc\nd\\:e\\");
	free_events(&list);
}

static void
ics_reads_parameters(void **state)
{
	struct events	 list;
	struct problem	 err;
	const char	*text =
	    "BEGIN:VCALENDAR\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;X-NOTE=\"a;b:c,d\";VALUE=DATE:20250601\r\n"
	    "SUMMARY;LANGUAGE=pl:Szkło\r\n"
	    "DESCRIPTION;ALTREP=\"cid:part1.0001@example.org\";LANGUAGE=pl:Opis\r\n"
	    "UID;X-A=1,\"2:3\",4:uid-1\r\n"
	    "END:VEVENT\r\n"
	    "END:VCALENDAR\r\n";

	(void)state;
	assert_int_equal(parse_text(text, &list, &err), 0);
	assert_int_equal(list.count, 1);
	assert_day(&list.item[0], 2025, 6, 1);
	assert_false(list.item[0].timed);
	assert_string_equal(list.item[0].summary, "Szkło");
	assert_string_equal(list.item[0].description, "Opis");
	assert_string_equal(list.item[0].uid, "uid-1");
	free_events(&list);
}

static void
ics_names_ignore_case(void **state)
{
	struct events	 list;
	struct problem	 err;
	const char	*text =
	    "begin:vcalendar\r\n"
	    "Begin:VEvent\r\n"
	    "dtStart;Value=Date:20250102\r\n"
	    "summary:bio\r\n"
	    "end:vevent\r\n"
	    "END:VCALENDAR\r\n";

	(void)state;
	assert_int_equal(parse_text(text, &list, &err), 0);
	assert_int_equal(list.count, 1);
	assert_day(&list.item[0], 2025, 1, 2);
	assert_string_equal(list.item[0].summary, "bio");
	free_events(&list);
}

static void
ics_skips_nested_components(void **state)
{
	struct events	 list;
	struct problem	 err;
	const char	*text =
	    "\xEF\xBB\xBF"
	    "BEGIN:VCALENDAR\r\n"
	    "VERSION:2.0\r\n"
	    "\r\n"
	    "BEGIN:VTIMEZONE\r\n"
	    "TZID:Europe/Warsaw\r\n"
	    "BEGIN:DAYLIGHT\r\n"
	    "DTSTART:19700329T020000\r\n"
	    "TZOFFSETTO:+0200\r\n"
	    "END:DAYLIGHT\r\n"
	    "BEGIN:STANDARD\r\n"
	    "DTSTART:19701025T030000\r\n"
	    "TZOFFSETTO:+0100\r\n"
	    "END:STANDARD\r\n"
	    "END:VTIMEZONE\r\n"
	    "BEGIN:VTODO\r\n"
	    "SUMMARY:not an event\r\n"
	    "END:VTODO\r\n"
	    "BEGIN:VEVENT\r\n"
	    "SUMMARY:Popiół\r\n"
	    "BEGIN:VALARM\r\n"
	    "ACTION:DISPLAY\r\n"
	    "DESCRIPTION:Reminder\r\n"
	    "TRIGGER:-PT12H\r\n"
	    "END:VALARM\r\n"
	    "DESCRIPTION:Wywóz popiołu\r\n"
	    "DTSTART;TZID=Europe/Warsaw:20251119T060000\r\n"
	    "END:VEVENT\r\n"
	    "END:VCALENDAR\r\n"
	    "\r\n";

	(void)state;
	assert_int_equal(parse_text(text, &list, &err), 0);
	assert_int_equal(list.count, 1);
	assert_int_equal(list.item[0].line, 18);
	assert_string_equal(list.item[0].summary, "Popiół");
	assert_string_equal(list.item[0].description, "Wywóz popiołu");
	assert_day(&list.item[0], 2025, 11, 19);
	free_events(&list);
}

static void
ics_first_repeated_property_counts(void **state)
{
	struct events	 list;
	struct problem	 err;
	const char	*text =
	    "BEGIN:VCALENDAR\r\n"
	    "BEGIN:VEVENT\r\n"
	    "SUMMARY:first\r\n"
	    "DTSTART:20250301\r\n"
	    "SUMMARY:second\r\n"
	    "DTSTART:20250302\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20250303\r\n"
	    "END:VEVENT\r\n"
	    "END:VCALENDAR\r\n"
	    "BEGIN:VCALENDAR\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20250304\r\n"
	    "END:VEVENT\r\n"
	    "END:VCALENDAR\r\n";

	(void)state;
	assert_int_equal(parse_text(text, &list, &err), 0);
	assert_int_equal(list.count, 3);
	assert_string_equal(list.item[0].summary, "first");
	assert_day(&list.item[0], 2025, 3, 1);
	/* Fields of one event do not leak into the next. */
	assert_string_equal(list.item[1].summary, "");
	assert_string_equal(list.item[1].uid, "");
	assert_day(&list.item[1], 2025, 3, 3);
	assert_day(&list.item[2], 2025, 3, 4);
	free_events(&list);
}

static void
ics_callback_stops_parsing(void **state)
{
	struct events	 list = { .stop_after = 1 };
	struct problem	 err;
	const char	*text =
	    "BEGIN:VCALENDAR\r\n"
	    "BEGIN:VEVENT\r\nDTSTART:20250301\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nDTSTART:20250302\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n";

	(void)state;
	assert_int_equal(ics_parse(text, strlen(text), collect_event, &list, &err), 7);
	assert_int_equal(list.count, 1);
	free_events(&list);
}

/* --- malformed calendars -------------------------------------------------- */

struct error_case {
	const char	*text;
	const char	*key;
	int		 line;
	const char	*value;		/* NULL: not checked */
};

#define CAL(body)	"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" body "END:VEVENT\r\nEND:VCALENDAR\r\n"

static const struct error_case error_cases[] = {
	{ "", "Import.Ics.Empty", 0, NULL },
	{ "\r\n\n", "Import.Ics.Empty", 0, NULL },
	{ "BEGIN:VCARD\r\nEND:VCARD\r\n", "Import.Ics.NotCalendar", 1, "BEGIN:VCARD" },
	{ "Subject: hello\r\n", "Import.Ics.NotCalendar", 1, "Subject: hello" },
	{ "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nX-A:b\r\n", "Import.Ics.NotCalendar", 3,
	    "X-A:b" },
	{ "BEGIN:VCALENDAR\r\nSUMMARY\r\nEND:VCALENDAR\r\n", "Import.Ics.BadLine", 2,
	    "SUMMARY" },
	{ "BEGIN:VCALENDAR\r\n:value\r\nEND:VCALENDAR\r\n", "Import.Ics.BadLine", 2, NULL },
	{ "BEGIN:VCALENDAR\r\nX;P:v\r\nEND:VCALENDAR\r\n", "Import.Ics.BadLine", 2, NULL },
	{ "BEGIN:VCALENDAR\r\nX;P=\"v:w\r\nEND:VCALENDAR\r\n", "Import.Ics.BadLine", 2,
	    NULL },
	{ "BEGIN:VCALENDAR\r\nX;P=\"v\"w:x\r\nEND:VCALENDAR\r\n", "Import.Ics.BadLine", 2,
	    NULL },
	{ " BEGIN:VCALENDAR\r\n", "Import.Ics.BadLine", 1, NULL },
	{ "BEGIN:VCALENDAR\r\nBEGIN:V EVENT\r\nEND:VCALENDAR\r\n", "Import.Ics.BadLine",
	    2, "BEGIN:V EVENT" },
	{ CAL("DTSTART:20250230\r\n"), "Import.Ics.BadDate", 3, "20250230" },
	{ CAL("DTSTART:20251301\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:20250100\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:2025011\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:\r\n"), "Import.Ics.BadDate", 3, "" },
	{ CAL("DTSTART:2025-01-01\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:20250101T050000z\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:20250101 050000\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:20250101T240000Z\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:20250101T236000Z\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:20250101T235961Z\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:20250101T05000Z\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART:+0250101\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART;VALUE=DATE:20250101T050000Z\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART;VALUE=DATE-TIME:20250101\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("DTSTART;VALUE=PERIOD:20250101T050000Z/PT1H\r\n"), "Import.Ics.BadDate", 3,
	    NULL },
	{ CAL("DTSTART:20250101,20250102\r\n"), "Import.Ics.BadDate", 3, NULL },
	{ CAL("SUMMARY:Bio\r\n"), "Import.Ics.NoDtstart", 2, "Bio" },
	{ "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nBEGIN:VALARM\r\nDTSTART:20250101\r\n"
	    "END:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "Import.Ics.NoDtstart", 2,
	    NULL },
	{ "BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "Import.Ics.Unbalanced",
	    2, "END:VEVENT" },
	{ "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101\r\nEND:VCALENDAR\r\n",
	    "Import.Ics.Unbalanced", 4, "END:VCALENDAR" },
	{ "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101\r\nEND:VEVENT\r\n",
	    "Import.Ics.Unbalanced", 1, "BEGIN:VCALENDAR" },
	{ "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101\r\n",
	    "Import.Ics.Unbalanced", 2, "BEGIN:VEVENT" },
	{ "END:VCALENDAR\r\n", "Import.Ics.Unbalanced", 1, "END:VCALENDAR" },
	{ "BEGIN:VCALENDAR\r\nBEGIN:A\r\nBEGIN:B\r\nBEGIN:C\r\nBEGIN:D\r\nBEGIN:E\r\n"
	    "BEGIN:F\r\nBEGIN:G\r\nBEGIN:H\r\n", "Import.Ics.TooDeep", 9, "8" },
	{ CAL("SUMMARY:Sz\xC5\x82o \xC5\r\n"), "Import.Ics.InvalidUtf8", 3, NULL },
	{ CAL("SUMMARY:\xC0\xAF\r\n"), "Import.Ics.InvalidUtf8", 3, NULL },
	{ CAL("SUMMARY:\xED\xA0\x80\r\n"), "Import.Ics.InvalidUtf8", 3, NULL },
	{ CAL("SUMMARY:\xF4\x90\x80\x80\r\n"), "Import.Ics.InvalidUtf8", 3, NULL },
	{ CAL("SUMMARY:a\r\n b\xC5\r\n"), "Import.Ics.InvalidUtf8", 3, NULL },
	{ CAL("SUMMARY:a\x01" "b\r\n"), "Import.Ics.ControlCharacter", 3, "U+0001" },
	{ CAL("SUMMARY:a\rb\r\n"), "Import.Ics.ControlCharacter", 3, "U+000D" },
	{ CAL("SUMMARY:a\x7F\r\n"), "Import.Ics.ControlCharacter", 3, "U+007F" },
};

static void
ics_rejects_malformed(void **state)
{
	struct events	 list;
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
		free_events(&list);
	}
}

/* A NUL byte is a control character; strlen-based helpers cannot pass one. */
static void
ics_rejects_nul_byte(void **state)
{
	static const char	 text[] = "BEGIN:VCALENDAR\r\nX-A:a\0b\r\nEND:VCALENDAR\r\n";
	struct events		 list = { 0 };
	struct problem		 err;

	(void)state;
	assert_int_equal(ics_parse(text, sizeof(text) - 1, collect_event, &list, &err), -1);
	assert_string_equal(err.key, "Import.Ics.ControlCharacter");
	assert_int_equal(err.line, 2);
	assert_string_equal(err.value, "U+0000");
}

static void
ics_rejects_input_over_16_mib(void **state)
{
	size_t		 len = 16u * 1024 * 1024 + 1;
	struct events	 list = { 0 };
	struct problem	 err;
	char		*data = malloc(len);

	(void)state;
	assert_non_null(data);
	memset(data, 'A', len);
	assert_int_equal(ics_parse(data, len, collect_event, &list, &err), -1);
	assert_string_equal(err.key, "Import.Ics.TooLarge");
	assert_string_equal(err.value, "16777217");
	assert_int_equal(list.count, 0);
	free(data);
}

/* --- writer --------------------------------------------------------------- */

static void
ics_put_line_short_and_exact(void **state)
{
	struct buf	 out;
	char		 line[200];

	(void)state;
	buf_init(&out);
	ics_put_line(&out, "VERSION:2.0");
	assert_string_equal(buf_cstr(&out), "VERSION:2.0\r\n");

	buf_reset(&out);
	memset(line, 'a', 75);
	line[75] = '\0';
	ics_put_line(&out, line);
	assert_int_equal(out.len, 77);
	assert_memory_equal(out.data + 75, "\r\n", 2);

	buf_reset(&out);
	memset(line, 'a', 150);
	line[150] = '\0';
	ics_put_line(&out, line);
	/* 75 + CRLF, space + 74 + CRLF, space + 1 + CRLF */
	assert_int_equal(out.len, 75 + 2 + 1 + 74 + 2 + 1 + 1 + 2);
	assert_memory_equal(out.data + 75, "\r\n a", 4);
	assert_memory_equal(out.data + 75 + 2 + 1 + 74, "\r\n a\r\n", 6);
	buf_free(&out);
}

static void
ics_put_line_keeps_one_line(void **state)
{
	struct buf	 out;

	(void)state;
	buf_init(&out);
	ics_put_line(&out, "SUMMARY:a\r\nDTSTART:20250101\nb");
	assert_string_equal(buf_cstr(&out), "SUMMARY:a  DTSTART:20250101 b\r\n");
	buf_free(&out);
}

/* Length in bytes of the UTF-8 sequence that starts with byte c. */
static size_t
sequence_length(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	return 2;
}

/*
 * Checks one folded content line: each physical line ends in CRLF, has at
 * most 75 octets (a space and 74 after the first), is valid UTF-8 alone, is
 * cut only when the next character would not fit, and unfolds to original.
 */
static void
check_folded(const char *folded, size_t len, const char *original)
{
	struct buf	 unfolded;
	const char	*p = folded, *end = folded + len, *crlf;
	size_t		 n, limit = 75;

	buf_init(&unfolded);
	while (p < end) {
		crlf = strstr(p, "\r\n");
		assert_non_null(crlf);
		n = (size_t)(crlf - p);
		if (p != folded) {
			assert_int_equal(p[0], ' ');
			p++;
			n--;
		}
		assert_true(n <= limit);
		assert_true(utf8_valid(p, n));
		buf_append(&unfolded, p, n);
		p = crlf + 2;
		if (p < end)
			assert_true(n + sequence_length((unsigned char)p[1]) > limit);
		limit = 74;
	}
	assert_string_equal(buf_cstr(&unfolded), original);
	buf_free(&unfolded);
}

static void
ics_put_line_folds_utf8(void **state)
{
	static const char	*samples[] = {
		"ą", "Ż", "ó", "€", "😀", "🗑️", "ąę😀ść€",
	};
	struct buf		 line, out;
	size_t			 s, prefix, i;

	(void)state;
	buf_init(&line);
	buf_init(&out);
	for (s = 0; s < sizeof(samples) / sizeof(samples[0]); s++) {
		for (prefix = 0; prefix <= 80; prefix++) {
			buf_reset(&line);
			buf_reset(&out);
			for (i = 0; i < prefix; i++)
				buf_putc(&line, 'x');
			for (i = 0; i < 60; i++)
				buf_puts(&line, samples[s]);
			ics_put_line(&out, buf_cstr(&line));
			check_folded(buf_cstr(&out), out.len, buf_cstr(&line));
		}
	}
	buf_free(&line);
	buf_free(&out);
}

/* A run of continuation bytes has no character boundary, so it is cut at 75 octets. */
static void
ics_put_line_cuts_invalid_utf8(void **state)
{
	struct buf	 out;
	char		 line[161];

	(void)state;
	buf_init(&out);
	memset(line, 0x80, 160);
	line[160] = '\0';
	ics_put_line(&out, line);
	assert_int_equal(out.len, 75 + 2 + 1 + 74 + 2 + 1 + 11 + 2);
	assert_memory_equal(out.data + 75, "\r\n ", 3);
	assert_memory_equal(out.data + 75 + 2 + 1 + 74, "\r\n ", 3);
	buf_free(&out);
}

static void
ics_put_text_escapes(void **state)
{
	struct buf	 out;

	(void)state;
	buf_init(&out);
	ics_put_text(&out, "SUMMARY", "a\\b;c,d\ne\r\nf\rg\x01h\ti\x7Fj");
	assert_string_equal(buf_cstr(&out),
	    "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ngh\tij\r\n");

	buf_reset(&out);
	ics_put_text(&out, "DESCRIPTION", "");
	assert_string_equal(buf_cstr(&out), "DESCRIPTION:\r\n");
	buf_free(&out);
}

/* Text written by ics_put_text reads back unchanged through ics_parse. */
static void
ics_writer_reader_round_trip(void **state)
{
	static const char	*values[] = {
		"Zbiórka odpadów wielkogabarytowych; ul. Żółta 5, Łódź",
		"C:\\Temp\\x, \"cytat\" i średnik;\nnowa linia\ni jeszcze jedna",
		"😀🗑️ ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ €",
	};
	struct events		 list;
	struct problem		 err;
	struct buf		 out, value;
	size_t			 v, prefix;

	(void)state;
	buf_init(&out);
	buf_init(&value);
	for (v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
		for (prefix = 0; prefix <= 80; prefix += 3) {
			buf_reset(&out);
			buf_reset(&value);
			for (size_t i = 0; i < prefix; i++)
				buf_putc(&value, 'x');
			buf_puts(&value, values[v]);
			buf_puts(&value, values[v]);
			ics_put_line(&out, "BEGIN:VCALENDAR");
			ics_put_line(&out, "BEGIN:VEVENT");
			ics_put_line(&out, "DTSTART;VALUE=DATE:20250601");
			ics_put_text(&out, "SUMMARY", buf_cstr(&value));
			ics_put_text(&out, "DESCRIPTION", buf_cstr(&value));
			ics_put_line(&out, "END:VEVENT");
			ics_put_line(&out, "END:VCALENDAR");
			assert_int_equal(parse_text(buf_cstr(&out), &list, &err), 0);
			assert_int_equal(list.count, 1);
			assert_string_equal(list.item[0].summary, buf_cstr(&value));
			assert_string_equal(list.item[0].description, buf_cstr(&value));
			free_events(&list);
		}
	}
	buf_free(&out);
	buf_free(&value);
}

/*
 * Writes a calendar whose Polish letters and emoji fall on every fold
 * position and checks that python3-icalendar reads every value back intact.
 * python3-icalendar 4.0.3 decodes "\\n" (an escaped backslash before n) as a
 * backslash and a newline, so no value here has a backslash before n or N.
 */
static void
ics_python_reads_written_calendar(void **state)
{
	static const char	*texts[] = {
		"Szkło; papier, tektura",
		"Popiół 😀 ąę€ść 🗑️ Żółć",
		"Linia 1\nLinia 2, C:\\Temp\\x; koniec",
	};
	struct buf		 out, value;
	char			 path[4096], uid[64];
	json_t			*dump, *events, *event;
	size_t			 t, prefix, count = 0, i;

	(void)state;
	buf_init(&out);
	buf_init(&value);
	ics_put_line(&out, "BEGIN:VCALENDAR");
	ics_put_line(&out, "VERSION:2.0");
	ics_put_line(&out, "PRODID:-//ratusz//ics_test//PL");
	ics_put_text(&out, "X-WR-CALNAME", "Harmonogram odbioru odpadów: Masłowo, Żółtowo");
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		for (prefix = 0; prefix <= 80; prefix++) {
			buf_reset(&value);
			for (i = 0; i < prefix; i++)
				buf_putc(&value, 'x');
			buf_puts(&value, texts[t]);
			buf_puts(&value, texts[t]);
			buf_puts(&value, texts[t]);
			snprintf(uid, sizeof(uid), "%zu-%zu@ratusz.test", t, prefix);
			ics_put_line(&out, "BEGIN:VEVENT");
			ics_put_text(&out, "UID", uid);
			ics_put_line(&out, "DTSTAMP:20250101T000000Z");
			ics_put_line(&out, "DTSTART;VALUE=DATE:20250601");
			ics_put_text(&out, "SUMMARY", buf_cstr(&value));
			ics_put_text(&out, "DESCRIPTION", buf_cstr(&value));
			ics_put_line(&out, "END:VEVENT");
			count++;
		}
	}
	ics_put_line(&out, "END:VCALENDAR");

	write_temp_file(path, sizeof(path), out.data, out.len);
	dump = python_dump(path);
	unlink(path);

	assert_int_equal(json_array_size(json_object_get(dump, "errors")), 0);
	assert_string_equal(json_string_value(json_object_get(dump, "name")),
	    "Harmonogram odbioru odpadów: Masłowo, Żółtowo");
	events = json_object_get(dump, "events");
	assert_int_equal(json_array_size(events), count);
	json_array_foreach(events, i, event) {
		t = i / 81;
		prefix = i % 81;
		buf_reset(&value);
		for (size_t k = 0; k < prefix; k++)
			buf_putc(&value, 'x');
		buf_puts(&value, texts[t]);
		buf_puts(&value, texts[t]);
		buf_puts(&value, texts[t]);
		assert_string_equal(json_string_value(json_object_get(event, "summary")),
		    buf_cstr(&value));
		assert_string_equal(json_string_value(json_object_get(event,
		    "description")), buf_cstr(&value));
		assert_string_equal(json_string_value(json_object_get(event, "date")),
		    "2025-06-01");
		assert_false(json_is_true(json_object_get(event, "timed")));
	}
	json_decref(dump);
	buf_free(&out);
	buf_free(&value);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ics_real_przodkowo_file),
		cmocka_unit_test(ics_real_file_matches_python),
		cmocka_unit_test(ics_dtstart_forms),
		cmocka_unit_test(ics_utc_matches_tzdata),
		cmocka_unit_test(ics_unfolds_continuation_lines),
		cmocka_unit_test(ics_unescapes_text),
		cmocka_unit_test(ics_reads_parameters),
		cmocka_unit_test(ics_names_ignore_case),
		cmocka_unit_test(ics_skips_nested_components),
		cmocka_unit_test(ics_first_repeated_property_counts),
		cmocka_unit_test(ics_callback_stops_parsing),
		cmocka_unit_test(ics_rejects_malformed),
		cmocka_unit_test(ics_rejects_nul_byte),
		cmocka_unit_test(ics_rejects_input_over_16_mib),
		cmocka_unit_test(ics_put_line_short_and_exact),
		cmocka_unit_test(ics_put_line_keeps_one_line),
		cmocka_unit_test(ics_put_line_folds_utf8),
		cmocka_unit_test(ics_put_line_cuts_invalid_utf8),
		cmocka_unit_test(ics_put_text_escapes),
		cmocka_unit_test(ics_writer_reader_round_trip),
		cmocka_unit_test(ics_python_reads_written_calendar),
	};

	return cmocka_run_group_tests_name("ics", tests, NULL, NULL);
}
