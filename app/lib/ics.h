/* ics.h: reading waste collection calendars (RFC 5545) and writing iCalendar output. */
#ifndef RATUSZ_ICS_H
#define RATUSZ_ICS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "problem.h"

/*
 * One VEVENT as the schedule importer needs it. The date is the local
 * (Europe/Warsaw) calendar day of DTSTART: DATE values as they are, UTC
 * date-times converted to Warsaw time, TZID=Europe/Warsaw and floating
 * date-times taken as local. Text values are unescaped and unfolded.
 */
struct ics_event {
	int		 line;		/* line of BEGIN:VEVENT */
	const char	*summary;	/* "" when absent */
	const char	*description;	/* "" when absent */
	const char	*uid;		/* "" when absent */
	int		 year, month, day;
	bool		 timed;		/* DTSTART had a time part */
};

/* Called for each VEVENT; a non-zero return stops parsing and is returned by ics_parse. */
typedef int (*ics_event_fn)(const struct ics_event *, void *arg);

/*
 * Parses an iCalendar document held in memory. Returns 0 on success, -1 on a
 * malformed document (with *err filled: line and a message key under Import.Ics),
 * or the callback's non-zero value. Accepts CRLF or LF, a UTF-8 BOM, missing
 * DTSTAMP and VALUE=DATE or date-time DTSTART; rejects invalid UTF-8, unbalanced
 * BEGIN/END, a VEVENT without DTSTART, impossible dates and input over 16 MiB.
 */
int	 ics_parse(const char *data, size_t len, ics_event_fn, void *arg,
		struct problem *err);

/* Appends one content line, folded at 75 octets on UTF-8 boundaries, with CRLF. */
void	 ics_put_line(struct buf *out, const char *line);
/* Appends "NAME:" + value escaped as TEXT (\\ \; \, \n) as one folded content line. */
void	 ics_put_text(struct buf *out, const char *name, const char *value);

#endif
