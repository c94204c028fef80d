/* ics_recur_test.c: RRULE, RDATE and EXDATE expansion against python3-dateutil, time zones, and rejected rules. */
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
#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

/* --- helpers -------------------------------------------------------------- */

/* The one event of a test calendar, copied from the callback. */
struct event_copy {
	int	 calls;
	int	 line;
	char	 days[4000][11];	/* YYYY-MM-DD */
	size_t	 day_count;
	bool	 recurring, open_ended, cancelled;
	char	 unknown_zone[80];
	int	 unknown_zone_line;
};

static int
copy_event(const struct ics_event *ev, void *arg)
{
	struct event_copy	*copy = arg;
	int			 y, m, d;
	size_t			 i;

	copy->calls++;
	copy->line = ev->line;
	assert_true(ev->day_count <= COUNT(copy->days));
	for (i = 0; i < ev->day_count; i++) {
		days_to_date(ev->days[i], &y, &m, &d);
		snprintf(copy->days[i], sizeof(copy->days[i]), "%04d-%02d-%02d", y, m, d);
	}
	copy->day_count = ev->day_count;
	copy->recurring = ev->recurring;
	copy->open_ended = ev->open_ended;
	copy->cancelled = ev->cancelled;
	snprintf(copy->unknown_zone, sizeof(copy->unknown_zone), "%s", ev->unknown_zone);
	copy->unknown_zone_line = ev->unknown_zone_line;
	return 0;
}

/*
 * Parses a calendar with one event whose content lines, after BEGIN:VEVENT on
 * line 2, are "lines" (each ending in CRLF). Returns ics_parse's value.
 */
static int
parse_event(const char *lines, struct event_copy *copy, struct problem *err)
{
	struct buf	 text;
	int		 rc;

	memset(copy, 0, sizeof(*copy));
	buf_init(&text);
	buf_printf(&text, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n%sSUMMARY:Papier\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n", lines);
	rc = ics_parse(text.data, text.len, copy_event, copy, err);
	buf_free(&text);
	return rc;
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

/* Runs tests/unit/rrule_dump.py on a JSON list of events and returns its output. */
static json_t *
python_expand(json_t *events)
{
	const char	*dir = getenv("RATUSZ_TEST_DATA");
	struct buf	 command, output;
	char		 path[4096], chunk[8192];
	json_error_t	 error;
	json_t		*result;
	size_t		 n;
	FILE		*pipe;
	int		 fd;

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/ics_recur_test.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	assert_int_equal(json_dump_file(events, path, 0), 0);

	buf_init(&command);
	buf_init(&output);
	buf_puts(&command, PYTHON " ");
	put_shell_quoted(&command, dir);
	buf_puts(&command, "/../unit/rrule_dump.py < ");
	put_shell_quoted(&command, path);
	pipe = popen(buf_cstr(&command), "r");
	assert_non_null(pipe);
	while ((n = fread(chunk, 1, sizeof(chunk), pipe)) > 0)
		buf_append(&output, chunk, n);
	assert_int_equal(pclose(pipe), 0);
	unlink(path);

	result = json_loads(buf_cstr(&output), 0, &error);
	if (result == NULL)
		fail_msg("rrule_dump.py printed invalid JSON: %s", error.text);
	buf_free(&command);
	buf_free(&output);
	return result;
}

/* --- expansion against python3-dateutil ---------------------------------- */

struct rule_case {
	const char	*lines;		/* content lines, each ending in \r\n */
	bool		 open_ended;
};

static const struct rule_case rule_cases[] = {
	/* Every other Monday, as most village schedules run. */
	{ "DTSTART;VALUE=DATE:20250106\r\n"
	  "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20251231\r\n", false },
	/* Timed events in UTC, as the Przodkowo calendar writes them. */
	{ "DTSTART:20250105T050000Z\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n", false },
	/* The week start decides which weeks count with INTERVAL and BYDAY. */
	{ "DTSTART;VALUE=DATE:20250102\r\n"
	  "RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH;WKST=SU;COUNT=20\r\n", false },
	{ "DTSTART;VALUE=DATE:20250103\r\n"
	  "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,WE;WKST=SU;UNTIL=20250601\r\n", false },
	{ "DTSTART;VALUE=DATE:20250103\r\n"
	  "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,WE;WKST=MO;UNTIL=20250601\r\n", false },
	{ "DTSTART;VALUE=DATE:20250101\r\n"
	  "RRULE:FREQ=DAILY;INTERVAL=10;UNTIL=20251231\r\n", false },
	{ "DTSTART;VALUE=DATE:20250101\r\n"
	  "RRULE:FREQ=DAILY;BYDAY=MO,WE,FR;COUNT=30\r\n", false },
	/* The second Tuesday, the last Friday, the first and third Monday. */
	{ "DTSTART;VALUE=DATE:20250114\r\n"
	  "RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20251231\r\n", false },
	{ "DTSTART;VALUE=DATE:20250131\r\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=12\r\n", false },
	{ "DTSTART;VALUE=DATE:20250106\r\n"
	  "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO,+3MO;COUNT=12\r\n", false },
	{ "DTSTART;VALUE=DATE:20250106\r\nRRULE:FREQ=MONTHLY;BYDAY=MO;COUNT=15\r\n", false },
	{ "DTSTART;VALUE=DATE:20250106\r\nRRULE:FREQ=MONTHLY;BYDAY=-2MO;COUNT=6\r\n", false },
	/* Only months with five Mondays have a fifth one. */
	{ "DTSTART;VALUE=DATE:20250331\r\nRRULE:FREQ=MONTHLY;BYDAY=5MO;COUNT=4\r\n", false },
	{ "DTSTART;VALUE=DATE:20250115\r\n"
	  "RRULE:FREQ=MONTHLY;BYMONTHDAY=15,-1;COUNT=24\r\n", false },
	{ "DTSTART;VALUE=DATE:20250101\r\n"
	  "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,2,3;BYDAY=MO,TU;COUNT=10\r\n", false },
	/* The 31st skips the shorter months. */
	{ "DTSTART;VALUE=DATE:20250131\r\nRRULE:FREQ=MONTHLY;COUNT=10\r\n", false },
	{ "DTSTART;VALUE=DATE:20240229\r\nRRULE:FREQ=YEARLY;COUNT=3\r\n", false },
	{ "DTSTART;VALUE=DATE:20250315\r\n"
	  "RRULE:FREQ=YEARLY;INTERVAL=2;UNTIL=20330315\r\n", false },
	/* Warsaw wall clock across the switch to summer time. */
	{ "DTSTART;TZID=Europe/Warsaw:20250301T233000\r\n"
	  "RRULE:FREQ=WEEKLY;COUNT=8\r\n", false },
	/* 22:30 UTC is the same day in winter and the next one in summer. */
	{ "DTSTART:20250301T223000Z\r\nRRULE:FREQ=WEEKLY;COUNT=8\r\n", false },
	{ "DTSTART:20251004T223000Z\r\nRRULE:FREQ=DAILY;INTERVAL=7;COUNT=6\r\n", false },
	/* New York changes its clocks on 9 March, Warsaw on 30 March. */
	{ "DTSTART;TZID=America/New_York:20250301T183000\r\n"
	  "RRULE:FREQ=WEEKLY;COUNT=6\r\n", false },
	{ "DTSTART;TZID=Asia/Tokyo:20250106T070000\r\n"
	  "RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6\r\n", false },
	/* UNTIL in UTC for a Warsaw DTSTART includes the last day. */
	{ "DTSTART;TZID=Europe/Warsaw:20250105T070000\r\n"
	  "RRULE:FREQ=WEEKLY;UNTIL=20250302T060000Z\r\n", false },
	{ "DTSTART:20250105T050000Z\r\nRRULE:FREQ=WEEKLY;UNTIL=20250302T050000Z\r\n", false },
	{ "DTSTART:20250105T050000Z\r\nRRULE:FREQ=WEEKLY;UNTIL=20250302T045959Z\r\n", false },
	/* EXDATE and RDATE: several values a line, several lines. */
	{ "DTSTART;VALUE=DATE:20250106\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n"
	  "EXDATE;VALUE=DATE:20250113,20250127\r\nEXDATE;VALUE=DATE:20250210\r\n"
	  "RDATE;VALUE=DATE:20250115,20250301\r\nRDATE;VALUE=DATE:20250102\r\n", false },
	{ "DTSTART:20250105T050000Z\r\nRRULE:FREQ=WEEKLY;UNTIL=20250401T000000Z\r\n"
	  "EXDATE:20250112T050000Z,20250126T050000Z\r\nRDATE:20250110T050000Z\r\n", false },
	{ "DTSTART;TZID=Europe/Warsaw:20250106T070000\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\n"
	  "EXDATE;TZID=Europe/Warsaw:20250113T070000\r\n"
	  "RDATE;TZID=Europe/Warsaw:20250320T070000\r\n", false },
	/* RDATE without RRULE, and an EXDATE that removes DTSTART. */
	{ "DTSTART;VALUE=DATE:20250106\r\n"
	  "RDATE;VALUE=DATE:20250203,20250303,20250407\r\n", false },
	{ "DTSTART;VALUE=DATE:20250106\r\nRRULE:FREQ=DAILY;INTERVAL=3;COUNT=5\r\n"
	  "EXDATE;VALUE=DATE:20250106\r\n", false },
	/* A DTSTART that the rule does not produce is still the first day. */
	{ "DTSTART;VALUE=DATE:20250101\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3\r\n", false },
	/* Lower case names, as some writers produce. */
	{ "DTSTART;VALUE=DATE:20250106\r\nRRULE:freq=weekly;byday=mo,fr;count=6\r\n", false },
	/* No end: ten years of Mondays, or the first 1000 days. */
	{ "DTSTART;VALUE=DATE:20250106\r\nRRULE:FREQ=WEEKLY\r\n", true },
	{ "DTSTART;VALUE=DATE:20250101\r\nRRULE:FREQ=DAILY\r\n", true },
	{ "DTSTART;VALUE=DATE:20250101\r\nRRULE:FREQ=DAILY;COUNT=5000\r\n", true },
	{ "DTSTART;VALUE=DATE:20250101\r\nRRULE:FREQ=MONTHLY;UNTIL=20991231\r\n", true },
};

/* Splits a case's lines into a JSON list of strings without CRLF. */
static json_t *
case_lines(const char *lines)
{
	json_t		*list = json_array();
	const char	*end;

	for (; *lines != '\0'; lines = end + 2) {
		end = strstr(lines, "\r\n");
		assert_non_null(end);
		json_array_append_new(list, json_stringn(lines, (size_t)(end - lines)));
	}
	return list;
}

static void
expansion_matches_dateutil(void **state)
{
	static struct event_copy	 copy;
	struct problem			 err;
	json_t				*events = json_array(), *expected, *days;
	size_t				 i, j;

	(void)state;
	for (i = 0; i < COUNT(rule_cases); i++)
		json_array_append_new(events, case_lines(rule_cases[i].lines));
	expected = python_expand(events);
	assert_int_equal(json_array_size(expected), COUNT(rule_cases));

	for (i = 0; i < COUNT(rule_cases); i++) {
		if (parse_event(rule_cases[i].lines, &copy, &err) != 0)
			fail_msg("case %zu: rejected with %s (%s)", i, err.key, err.value);
		days = json_array_get(expected, i);
		if (copy.day_count != json_array_size(days))
			fail_msg("case %zu: %zu days, dateutil has %zu", i,
			    copy.day_count, json_array_size(days));
		for (j = 0; j < copy.day_count; j++)
			if (strcmp(copy.days[j], json_string_value(
			    json_array_get(days, j))) != 0)
				fail_msg("case %zu: day %zu is %s, dateutil has %s", i, j,
				    copy.days[j], json_string_value(json_array_get(days, j)));
		if (copy.open_ended != rule_cases[i].open_ended)
			fail_msg("case %zu: open_ended %d", i, copy.open_ended);
		assert_true(copy.recurring);
	}
	json_decref(events);
	json_decref(expected);
}

/* --- choices dateutil does not share --------------------------------------- */

static void
exdate_removes_whole_day(void **state)
{
	static struct event_copy	 copy;
	struct problem			 err;

	(void)state;
	/* The collection is at 05:00 UTC; an EXDATE of the day removes it. */
	assert_int_equal(parse_event("DTSTART:20250105T050000Z\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;VALUE=DATE:20250112\r\n",
	    &copy, &err), 0);
	assert_int_equal(copy.day_count, 2);
	assert_string_equal(copy.days[0], "2025-01-05");
	assert_string_equal(copy.days[1], "2025-01-19");
}

static void
until_date_includes_its_day(void **state)
{
	static struct event_copy	 copy;
	struct problem			 err;

	(void)state;
	assert_int_equal(parse_event("DTSTART:20250105T050000Z\r\n"
	    "RRULE:FREQ=WEEKLY;UNTIL=20250119\r\n", &copy, &err), 0);
	assert_int_equal(copy.day_count, 3);
	assert_string_equal(copy.days[2], "2025-01-19");
	assert_false(copy.open_ended);
}

static void
single_event_has_one_day(void **state)
{
	static struct event_copy	 copy;
	struct problem			 err;

	(void)state;
	assert_int_equal(parse_event("DTSTART:20250523T050000Z\r\n", &copy, &err), 0);
	assert_int_equal(copy.day_count, 1);
	assert_string_equal(copy.days[0], "2025-05-23");
	assert_false(copy.recurring);
	assert_false(copy.open_ended);
}

static void
status_cancelled_is_reported(void **state)
{
	static struct event_copy	 copy;
	struct problem			 err;

	(void)state;
	assert_int_equal(parse_event("DTSTART:20250105\r\nSTATUS:CANCELLED\r\n",
	    &copy, &err), 0);
	assert_true(copy.cancelled);
	assert_int_equal(parse_event("DTSTART:20250105\r\nstatus:cancelled\r\n",
	    &copy, &err), 0);
	assert_true(copy.cancelled);
	assert_int_equal(parse_event("DTSTART:20250105\r\nSTATUS:CONFIRMED\r\n",
	    &copy, &err), 0);
	assert_false(copy.cancelled);
}

static void
unknown_zone_is_reported(void **state)
{
	static struct event_copy	 copy;
	struct problem			 err;

	(void)state;
	/* The time is taken as Warsaw time, and the first unknown TZID is named. */
	assert_int_equal(parse_event("DTSTART;TZID=Mars/Olympus:20250105T233000\r\n"
	    "RDATE;TZID=\"W. Europe Standard Time\":20250107T233000\r\n",
	    &copy, &err), 0);
	assert_int_equal(copy.day_count, 2);
	assert_string_equal(copy.days[0], "2025-01-05");
	assert_string_equal(copy.days[1], "2025-01-07");
	assert_string_equal(copy.unknown_zone, "Mars/Olympus");
	assert_int_equal(copy.unknown_zone_line, 3);

	assert_int_equal(parse_event("DTSTART;TZID=../../etc/passwd:20250105T120000\r\n",
	    &copy, &err), 0);
	assert_string_equal(copy.unknown_zone, "../../etc/passwd");
	assert_int_equal(parse_event("DTSTART;TZID=Europe:20250105T120000\r\n",
	    &copy, &err), 0);
	assert_string_equal(copy.unknown_zone, "Europe");

	assert_int_equal(parse_event("DTSTART;TZID=Europe/Warsaw:20250105T120000\r\n",
	    &copy, &err), 0);
	assert_string_equal(copy.unknown_zone, "");
	assert_int_equal(copy.unknown_zone_line, 0);
}

static void
zone_conversion_restores_tz(void **state)
{
	static struct event_copy	 copy;
	struct problem			 err;

	(void)state;
	setenv("TZ", "Asia/Kolkata", 1);
	tzset();
	/* 20:00 in New York in January is 02:00 the next day in Warsaw. */
	assert_int_equal(parse_event("DTSTART;TZID=America/New_York:20250105T200000\r\n",
	    &copy, &err), 0);
	assert_string_equal(copy.days[0], "2025-01-06");
	assert_string_equal(getenv("TZ"), "Asia/Kolkata");
	unsetenv("TZ");
	tzset();
	assert_int_equal(parse_event("DTSTART;TZID=America/New_York:20250105T200000\r\n",
	    &copy, &err), 0);
	assert_null(getenv("TZ"));
}

/* --- rejected rules -------------------------------------------------------- */

struct rejected_case {
	const char	*lines;
	int		 line;
	const char	*key;
	const char	*value;
};

static const struct rejected_case rejected_cases[] = {
	{ "DTSTART:20250105\r\nRRULE:FREQ=HOURLY;COUNT=3\r\n", 4,
	  "Import.Ics.UnsupportedRule", "FREQ=HOURLY" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=MO\r\n", 4,
	  "Import.Ics.UnsupportedRule", "BYMONTH=1" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1\r\n", 4,
	  "Import.Ics.UnsupportedRule", "BYSETPOS=-1" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=YEARLY;BYDAY=20MO\r\n", 4,
	  "Import.Ics.UnsupportedRule", "BYDAY" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=DAILY;BYMONTHDAY=1\r\n", 4,
	  "Import.Ics.UnsupportedRule", "BYMONTHDAY" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=MONTHLY;BYDAY=2MO;BYMONTHDAY=1\r\n", 4,
	  "Import.Ics.UnsupportedRule", "BYDAY" },
	{ "DTSTART:20250105\r\nRRULE:COUNT=3\r\n", 4, "Import.Ics.BadRule", "FREQ" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=WEEKLY;COUNT=3;UNTIL=20250301\r\n", 4,
	  "Import.Ics.BadRule", "COUNT+UNTIL" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=WEEKLY;BYDAY=XX\r\n", 4,
	  "Import.Ics.BadRule", "BYDAY=XX" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=WEEKLY;BYDAY=2MO\r\n", 4,
	  "Import.Ics.BadRule", "BYDAY" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=WEEKLY;INTERVAL=0\r\n", 4,
	  "Import.Ics.BadRule", "INTERVAL=0" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=WEEKLY;COUNT=2;COUNT=3\r\n", 4,
	  "Import.Ics.BadRule", "COUNT=3" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=WEEKLY;UNTIL=2025-03-01\r\n", 4,
	  "Import.Ics.BadRule", "UNTIL=2025-03-01" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=FORTNIGHTLY\r\n", 4,
	  "Import.Ics.BadRule", "FREQ=FORTNIGHTLY" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=WEEKLY;X-NAME=1\r\n", 4,
	  "Import.Ics.BadRule", "X-NAME=1" },
	{ "DTSTART:20250105\r\nRRULE:FREQ=WEEKLY\r\nRRULE:FREQ=DAILY\r\n", 5,
	  "Import.Ics.SecondRule", "FREQ=DAILY" },
	{ "DTSTART:20250105\r\nEXRULE:FREQ=WEEKLY\r\n", 4,
	  "Import.Ics.Unsupported", "EXRULE" },
	{ "DTSTART:20250105\r\nRECURRENCE-ID;VALUE=DATE:20250112\r\n", 4,
	  "Import.Ics.Unsupported", "RECURRENCE-ID" },
	{ "DTSTART:20250105\r\nRDATE;VALUE=PERIOD:20250112T050000Z/PT1H\r\n", 4,
	  "Import.Ics.Unsupported", "RDATE;VALUE=PERIOD" },
	{ "DTSTART:20250105\r\nRDATE;VALUE=DATE:20250112,2025011\r\n", 4,
	  "Import.Ics.BadDate", "2025011" },
	{ "DTSTART:20250105\r\nEXDATE:20250230\r\n", 4,
	  "Import.Ics.BadDate", "20250230" },
};

static void
rules_rejected_with_line_and_part(void **state)
{
	static struct event_copy	 copy;
	struct problem			 err;
	size_t				 i;

	(void)state;
	for (i = 0; i < COUNT(rejected_cases); i++) {
		if (parse_event(rejected_cases[i].lines, &copy, &err) != -1)
			fail_msg("case %zu was accepted", i);
		if (strcmp(err.key, rejected_cases[i].key) != 0 ||
		    strcmp(err.value, rejected_cases[i].value) != 0 ||
		    err.line != rejected_cases[i].line)
			fail_msg("case %zu: line %d %s \"%s\", expected line %d %s \"%s\"",
			    i, err.line, err.key, err.value, rejected_cases[i].line,
			    rejected_cases[i].key, rejected_cases[i].value);
		assert_int_equal(copy.calls, 0);
	}
}

static void
too_many_dates_rejected(void **state)
{
	static struct event_copy	 copy;
	struct problem			 err;
	struct buf			 lines;
	long				 day;
	int				 y, m, d, i;

	(void)state;
	buf_init(&lines);
	buf_puts(&lines, "DTSTART;VALUE=DATE:20250101\r\nRDATE;VALUE=DATE:");
	for (i = 0, day = date_to_days(2025, 1, 2); i < 1000; i++, day++) {
		days_to_date(day, &y, &m, &d);
		buf_printf(&lines, "%s%04d%02d%02d", i > 0 ? "," : "", y, m, d);
	}
	buf_puts(&lines, "\r\n");
	assert_int_equal(parse_event(buf_cstr(&lines), &copy, &err), 0);
	assert_int_equal(copy.day_count, 1001);

	buf_puts(&lines, "RDATE;VALUE=DATE:20300101\r\n");
	assert_int_equal(parse_event(buf_cstr(&lines), &copy, &err), -1);
	assert_string_equal(err.key, "Import.Ics.TooManyDates");
	assert_int_equal(err.line, 5);
	buf_free(&lines);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expansion_matches_dateutil),
		cmocka_unit_test(exdate_removes_whole_day),
		cmocka_unit_test(until_date_includes_its_day),
		cmocka_unit_test(single_event_has_one_day),
		cmocka_unit_test(status_cancelled_is_reported),
		cmocka_unit_test(unknown_zone_is_reported),
		cmocka_unit_test(zone_conversion_restores_tz),
		cmocka_unit_test(rules_rejected_with_line_and_part),
		cmocka_unit_test(too_many_dates_rejected),
	};

	return cmocka_run_group_tests_name("ics_recur", tests, NULL, NULL);
}
