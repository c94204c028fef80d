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
 * date-times converted to Warsaw time, date-times with TZID=Europe/Warsaw or
 * without a zone taken as Warsaw wall-clock time, and date-times with another
 * TZID converted through its zone file in /usr/share/zoneinfo (a TZID that
 * names none is taken as Warsaw time and reported in unknown_zone). Text
 * values are unescaped and unfolded; the strings and days stay valid only
 * during the callback.
 */
struct ics_event {
	int		 line;		/* line of BEGIN:VEVENT */
	const char	*summary;	/* "" when absent */
	const char	*description;	/* "" when absent */
	const char	*uid;		/* "" when absent */
	int		 year, month, day;
	bool		 timed;		/* DTSTART had a time part */
	bool		 cancelled;	/* STATUS:CANCELLED */
	/*
	 * The Warsaw days of every occurrence, ascending and each once: DTSTART,
	 * the RRULE's occurrences, RDATE, less EXDATE (see ics_recurrence_finish).
	 * Just DTSTART's day for an event that does not recur; may be empty.
	 */
	const long	*days;		/* days since 1970-01-01 */
	size_t		 day_count;
	bool		 recurring;	/* it has RRULE or RDATE */
	/*
	 * The RRULE goes on past days: it has no COUNT or UNTIL, or more than
	 * 1000 occurrences, or occurrences more than ten years after DTSTART.
	 */
	bool		 open_ended;
	long		 expanded_to;	/* when open_ended, the rule's last day in days */
	const char	*unknown_zone;	/* first TZID that names no zone, "" when none */
	int		 unknown_zone_line;	/* its line, 0 when none */
};

/* Called for each VEVENT; a non-zero return stops parsing and is returned by ics_parse. */
typedef int (*ics_event_fn)(const struct ics_event *, void *arg);

/*
 * Parses an iCalendar document held in memory. Returns 0 on success, -1 on a
 * malformed document (with *err filled: line and a message key under Import.Ics),
 * or the callback's non-zero value. Accepts CRLF or LF, a UTF-8 BOM, blank lines,
 * missing DTSTAMP and VALUE=DATE or date-time DTSTART; rejects invalid UTF-8,
 * control characters other than tab, lines that are not NAME[;PARAM=...]:VALUE,
 * unbalanced BEGIN/END, nesting deeper than 8 components, a VEVENT without
 * DTSTART, impossible dates and input over 16 MiB. It also rejects what it
 * would otherwise misread: an RRULE part the expansion does not support (see
 * ics_rule_parse), a second RRULE, RDATE;VALUE=PERIOD, EXRULE, RECURRENCE-ID
 * and more than 1000 RDATE or EXDATE values in one event. Of other repeated
 * properties in one VEVENT the first counts. Only VEVENTs directly inside
 * VCALENDAR are reported; their VALARMs and other components are skipped.
 */
int	 ics_parse(const char *data, size_t len, ics_event_fn, void *arg,
		struct problem *err);

/*
 * Appends one content line with CRLF, folded with CRLF + space so that no line
 * exceeds 75 octets and no UTF-8 sequence is split. A CR or LF in line, which
 * would start another content line, is written as a space.
 */
void	 ics_put_line(struct buf *out, const char *line);
/*
 * Appends "NAME:" + value escaped as TEXT (\\ \; \, and \n for LF, CR or
 * CRLF) as one folded content line; other control characters except tab are
 * dropped because TEXT cannot contain them.
 */
void	 ics_put_text(struct buf *out, const char *name, const char *value);

#endif
