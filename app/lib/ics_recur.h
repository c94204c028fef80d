/* ics_recur.h: the dates of a recurring event: RRULE rules, RDATE and EXDATE, expanded into days. */
#ifndef RATUSZ_ICS_RECUR_H
#define RATUSZ_ICS_RECUR_H

#include <stdbool.h>
#include <stddef.h>

#include "ics_time.h"
#include "problem.h"

#define ICS_MAX_OCCURRENCES	1000	/* days one rule expands to */
#define ICS_MAX_SPAN_DAYS	3653	/* ten years after DTSTART */
#define ICS_MAX_BYDAY		35	/* entries of BYDAY: 5 ordinals of 7 days */
#define ICS_MAX_DATES		1000	/* values of the RDATE or of the EXDATE lines of one event */

enum ics_freq { ICS_FREQ_DAILY, ICS_FREQ_WEEKLY, ICS_FREQ_MONTHLY, ICS_FREQ_YEARLY };

/* One BYDAY entry: "TU" (ordinal 0, every Tuesday), "2TU" or "-1FR". */
struct ics_weekday {
	int	 ordinal;
	int	 weekday;	/* 0 = Monday .. 6 = Sunday */
};

/*
 * A parsed RRULE. The supported parts are FREQ (DAILY, WEEKLY, MONTHLY,
 * YEARLY), INTERVAL, COUNT, UNTIL, WKST, BYDAY (without ordinals in DAILY
 * and WEEKLY, with them in MONTHLY) and BYMONTHDAY in MONTHLY.
 */
struct ics_rule {
	enum ics_freq		 freq;
	int			 interval;	/* 1 when absent */
	int			 count;		/* 0 when absent */
	bool			 has_until;
	struct ics_moment	 until;		/* as written */
	int			 week_start;	/* WKST, 0 = Monday */
	struct ics_weekday	 byday[ICS_MAX_BYDAY];
	size_t			 byday_count;
	int			 bymonthday[62];	/* 1..31 and -31..-1 */
	size_t			 bymonthday_count;
};

/*
 * Parses the value of an RRULE property on line. Returns 0, or -1 with err
 * set: Import.Ics.BadRule for a part that RFC 5545 does not allow, or
 * Import.Ics.UnsupportedRule for a valid part that the expansion lacks
 * (FREQ=HOURLY, BYMONTH, BYSETPOS...). The value of err is the part.
 */
int	 ics_rule_parse(const char *value, int line, struct ics_rule *,
		struct problem *err);

/*
 * Stores in out (ICS_MAX_OCCURRENCES entries) the days of the rule's
 * occurrences from start_day on, on DTSTART's frame and all at its time of
 * day, in order. until_day and until_seconds are UNTIL on that frame (see
 * ics_moment_on_frame). Returns the number of days. *open_ended is set when
 * the rule goes on after the last day stored, because it has no COUNT or
 * UNTIL or because it passes ICS_MAX_OCCURRENCES or ICS_MAX_SPAN_DAYS.
 */
size_t	 ics_rule_expand(const struct ics_rule *, long start_day, int start_seconds,
		long until_day, int until_seconds, long *out, bool *open_ended);

/*
 * The dates of one VEVENT: DTSTART, its RRULE, and the RDATE and EXDATE
 * values already converted to Warsaw days. Reset it for each event; it keeps
 * its arrays between events.
 */
struct ics_recurrence {
	struct ics_moment	 start;
	bool			 has_rule;
	struct ics_rule		 rule;
	long			*added, *excluded;	/* RDATE and EXDATE days */
	size_t			 added_count, excluded_count;
	long			*days;		/* set by ics_recurrence_finish */
	size_t			 day_count;
	bool			 open_ended;	/* see ics_rule_expand */
	long			 expanded_to;	/* Warsaw day of the rule's last day stored */
};

void	 ics_recurrence_reset(struct ics_recurrence *);
void	 ics_recurrence_free(struct ics_recurrence *);

/*
 * Adds the comma-separated DATE or DATE-TIME values of one RDATE line, or
 * of one EXDATE line when exclude is set. value_type and tzid are the VALUE
 * and TZID parameters (NULL when absent). Returns 0, 1 when the TZID names
 * no known zone (the times are then taken as Warsaw wall clock), or -1 with
 * err set for an invalid value, VALUE=PERIOD or more than ICS_MAX_DATES values.
 */
int	 ics_recurrence_add(struct ics_recurrence *, bool exclude, const char *value,
		const char *value_type, size_t value_type_len, const char *tzid,
		size_t tzid_len, int line, struct problem *err);

/*
 * Sets days to the Warsaw days of DTSTART, of the rule's occurrences and of
 * RDATE, without those of EXDATE, in order and each once.
 * NOTE: EXDATE removes every occurrence on its Warsaw day, although RFC 5545
 * matches the exact time: waste calendars mean the day.
 */
void	 ics_recurrence_finish(struct ics_recurrence *);

#endif
