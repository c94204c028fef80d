/* ics_time.h: iCalendar DATE and DATE-TIME values, their time zones, and their day in Warsaw. */
#ifndef RATUSZ_ICS_TIME_H
#define RATUSZ_ICS_TIME_H

#include <stdbool.h>
#include <stddef.h>

#define ICS_ZONE_MAX	64	/* bytes of a TZID that is looked up in /usr/share/zoneinfo */

/* The calendar a value's day and time are counted on. */
enum ics_frame {
	ICS_FRAME_DATE,		/* a DATE: a day without a time */
	ICS_FRAME_UTC,		/* a DATE-TIME ending in Z */
	ICS_FRAME_LOCAL,	/* Warsaw wall clock: no zone, TZID=Europe/Warsaw, or an unknown TZID */
	ICS_FRAME_ZONE,		/* wall clock of another zone of /usr/share/zoneinfo */
};

/* One DATE or DATE-TIME value. */
struct ics_moment {
	enum ics_frame	 frame;
	long		 day;		/* days since 1970-01-01 on the frame's calendar */
	int		 seconds;	/* since midnight; 0 for a DATE */
	char		 zone[ICS_ZONE_MAX + 1];	/* the TZID of ICS_FRAME_ZONE, else "" */
};

/*
 * Parses YYYYMMDD (a DATE) or YYYYMMDDTHHMMSS with an optional Z from the
 * first len bytes of s. value_type is the VALUE parameter (NULL when absent),
 * which must agree with the form. A DATE-TIME without Z is Warsaw wall clock
 * until ics_moment_set_zone gives it a zone. Returns 0, or -1 when invalid.
 */
int	 ics_moment_parse(const char *s, size_t len, const char *value_type,
		size_t value_type_len, struct ics_moment *);

/*
 * Applies a TZID parameter to a DATE-TIME without Z. Europe/Warsaw keeps the
 * Warsaw wall clock; another name of a zone file under /usr/share/zoneinfo
 * is converted through that file. Returns false when the name is not such a
 * file, and the time then stays Warsaw wall clock.
 */
bool	 ics_moment_set_zone(struct ics_moment *, const char *tzid, size_t len);

/* Returns the Europe/Warsaw calendar day of the moment. */
long	 ics_moment_warsaw_day(const struct ics_moment *);

/*
 * Converts days on the frame of start, each at start's time of day, to their
 * Europe/Warsaw calendar days, in place.
 */
void	 ics_days_to_warsaw(const struct ics_moment *start, long *days, size_t n);

/*
 * Expresses an UNTIL value (a DATE, a UTC or a floating DATE-TIME) on the
 * frame of start, so that an occurrence (day, seconds) on that frame is
 * included when it is not later. A DATE includes its whole day.
 */
void	 ics_moment_on_frame(const struct ics_moment *until,
		const struct ics_moment *start, long *day, int *seconds);

#endif
