/* fuzz_ics.c: libFuzzer target for the iCalendar reader, with a write-then-read check of the writer. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ics.h"
#include "problem.h"
#include "text.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Aborts unless the event is complete, on a real calendar day and with its
 * occurrences in order, then appends it to the calendar in arg as the writer
 * would publish it.
 */
static int
check_and_write_event(const struct ics_event *ev, void *arg)
{
	struct buf	*calendar = arg;
	char		 start[64];
	size_t		 i;

	if (ev->line < 1 || ev->summary == NULL || ev->description == NULL ||
	    ev->uid == NULL)
		abort();
	if (!date_valid(ev->year, ev->month, ev->day))
		abort();
	/* The occurrences are in order, each once, and at most 1 + 1000 + 1000. */
	if (ev->day_count > 2001 || (ev->day_count > 0 && ev->days == NULL))
		abort();
	for (i = 1; i < ev->day_count; i++)
		if (ev->days[i] <= ev->days[i - 1])
			abort();
	if (!utf8_valid(ev->summary, strlen(ev->summary)) ||
	    !utf8_valid(ev->description, strlen(ev->description)) ||
	    !utf8_valid(ev->uid, strlen(ev->uid)))
		abort();

	snprintf(start, sizeof(start), "DTSTART;VALUE=DATE:%04d%02d%02d",
	    ev->year, ev->month, ev->day);
	ics_put_line(calendar, "BEGIN:VEVENT");
	ics_put_text(calendar, "UID", ev->uid);
	ics_put_line(calendar, start);
	ics_put_text(calendar, "SUMMARY", ev->summary);
	ics_put_text(calendar, "DESCRIPTION", ev->description);
	ics_put_line(calendar, "END:VEVENT");
	return 0;
}

/*
 * Parses data and writes its events out as a new calendar. Returns
 * ics_parse's value; aborts when the result and the problem disagree.
 */
static int
parse_and_rewrite(const char *data, size_t size, struct buf *calendar)
{
	struct problem	 err;
	int		 rc;

	ics_put_line(calendar, "BEGIN:VCALENDAR");
	rc = ics_parse(data, size, check_and_write_event, calendar, &err);
	ics_put_line(calendar, "END:VCALENDAR");
	if (rc == -1 && err.key[0] == '\0')
		abort();
	if (rc == 0 && err.key[0] != '\0')
		abort();
	return rc;
}

/* Remembers the summary of the one event of a written calendar. */
static int
keep_summary(const struct ics_event *ev, void *arg)
{
	struct buf	*summary = arg;

	buf_reset(summary);
	buf_puts(summary, ev->summary);
	return 0;
}

/* The text ics_put_text should preserve: LF for CR, LF and CRLF, no other controls. */
static void
expected_text(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char	 c = (unsigned char)*s;

		if (c == '\r' && s[1] == '\n')
			continue;
		if (c == '\r' || c == '\n')
			buf_putc(out, '\n');
		else if (c >= 0x20 && c != 0x7F)
			buf_putc(out, *s);
		else if (c == '\t')
			buf_putc(out, *s);
	}
}

/* Writes the input as a SUMMARY and aborts unless the reader returns the same text. */
static void
check_round_trip(const char *value)
{
	struct buf	 calendar, summary, expected;
	struct problem	 err;

	buf_init(&calendar);
	buf_init(&summary);
	buf_init(&expected);
	ics_put_line(&calendar, "BEGIN:VCALENDAR");
	ics_put_line(&calendar, "BEGIN:VEVENT");
	ics_put_line(&calendar, "DTSTART;VALUE=DATE:20250101");
	ics_put_text(&calendar, "SUMMARY", value);
	ics_put_line(&calendar, "END:VEVENT");
	ics_put_line(&calendar, "END:VCALENDAR");

	if (ics_parse(calendar.data, calendar.len, keep_summary, &summary, &err) != 0)
		abort();
	expected_text(&expected, value);
	if (strcmp(buf_cstr(&summary), buf_cstr(&expected)) != 0)
		abort();

	buf_free(&calendar);
	buf_free(&summary);
	buf_free(&expected);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 first, second;
	char		*text;

	/* A calendar that parsed is written out; that output must parse and
	 * write out to the same bytes again. */
	buf_init(&first);
	buf_init(&second);
	if (parse_and_rewrite((const char *)data, size, &first) == 0) {
		if (parse_and_rewrite(first.data, first.len, &second) != 0)
			abort();
		if (first.len != second.len ||
		    memcmp(first.data, second.data, first.len) != 0)
			abort();
	}
	buf_free(&first);
	buf_free(&second);

	/* The input up to its first NUL, as a C string for the writer. */
	if ((text = malloc(size + 1)) == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	if (utf8_valid(text, strlen(text)))
		check_round_trip(text);
	free(text);
	return 0;
}
