/* ics_time.c: iCalendar DATE and DATE-TIME values, their time zones, and their day in Warsaw. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ics_time.h"
#include "text.h"

#define ZONE_DIR	"/usr/share/zoneinfo/"
#define DAY_SECONDS	86400LL

/* Reads n decimal digits at s; -1 when one of them is not a digit. */
static int
read_digits(const char *s, int n)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static bool
value_type_is(const char *type, size_t len, const char *expected)
{
	return strlen(expected) == len && strncasecmp(type, expected, len) == 0;
}

int
ics_moment_parse(const char *s, size_t len, const char *value_type,
    size_t value_type_len, struct ics_moment *m)
{
	bool	 utc = len == 16 && s[15] == 'Z';
	bool	 timed = len == 15 || utc;
	int	 year, month, day, hour = 0, minute = 0, second = 0;

	memset(m, 0, sizeof(*m));
	if (len != 8 && !timed)
		return -1;
	if (value_type != NULL && !value_type_is(value_type, value_type_len,
	    timed ? "DATE-TIME" : "DATE"))
		return -1;
	year = read_digits(s, 4);
	month = read_digits(s + 4, 2);
	day = read_digits(s + 6, 2);
	if (year < 0 || !date_valid(year, month, day))
		return -1;
	if (timed) {
		hour = read_digits(s + 9, 2);
		minute = read_digits(s + 11, 2);
		second = read_digits(s + 13, 2);
		/* A second of 60 is a leap second, which RFC 5545 allows. */
		if (s[8] != 'T' || hour < 0 || hour > 23 || minute < 0 ||
		    minute > 59 || second < 0 || second > 60)
			return -1;
	}
	if (!timed)
		m->frame = ICS_FRAME_DATE;
	else if (utc)
		m->frame = ICS_FRAME_UTC;
	else
		m->frame = ICS_FRAME_LOCAL;
	m->day = date_to_days(year, month, day);
	m->seconds = hour * 3600 + minute * 60 + second;
	return 0;
}

/*
 * True when tzid names a compiled zone file under /usr/share/zoneinfo. Only
 * letters, digits and _ + - / are allowed, and no part may start with a dot,
 * so the name cannot leave that directory.
 */
static bool
zone_file_exists(const char *tzid)
{
	char		 path[sizeof(ZONE_DIR) + ICS_ZONE_MAX], magic[4];
	struct stat	 st;
	const char	*p;
	int		 fd;
	bool		 found;

	if (tzid[0] == '\0' || tzid[0] == '/')
		return false;
	for (p = tzid; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("_+-/", *p) != NULL) ||
		    (*p == '/' && (p[1] == '/' || p[1] == '\0')))
			return false;
	snprintf(path, sizeof(path), "%s%s", ZONE_DIR, tzid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return false;
	found = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    read(fd, magic, sizeof(magic)) == (ssize_t)sizeof(magic) &&
	    memcmp(magic, "TZif", 4) == 0;
	close(fd);
	return found;
}

bool
ics_moment_set_zone(struct ics_moment *m, const char *tzid, size_t len)
{
	if (m->frame != ICS_FRAME_LOCAL)
		return true;	/* a DATE or a UTC time ignores TZID */
	if (len == strlen("Europe/Warsaw") && strncmp(tzid, "Europe/Warsaw", len) == 0)
		return true;
	if (len > ICS_ZONE_MAX)
		return false;
	memcpy(m->zone, tzid, len);
	m->zone[len] = '\0';
	/* NOTE: a zone that only the file's VTIMEZONE defines, or a Windows
	 * zone name, is not converted; the caller warns about it. */
	if (!zone_file_exists(m->zone)) {
		m->zone[0] = '\0';
		return false;
	}
	m->frame = ICS_FRAME_ZONE;
	return true;
}

/* --- Europe/Warsaw by rule ------------------------------------------------ */

/* Day number of the last Sunday of a 31-day month. */
static long
last_sunday(int year, int month)
{
	return date_to_days(year, month, 31) - (date_weekday(year, month, 31) + 1) % 7;
}

/*
 * True when the UTC instant t (seconds since 1970) is in Polish summer time
 * (UTC+2), from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 * last Sunday of October, the EU rule; UTC+1 otherwise. The rule is computed
 * here, so the result depends on neither TZ nor tzdata.
 * NOTE: until 1995 Polish summer time ended on the last Sunday of September,
 * but those years are converted with the EU rule as well.
 */
static bool
warsaw_summer(long long t)
{
	int	 year, month, day;

	days_to_date((long)(t / DAY_SECONDS - (t % DAY_SECONDS < 0)), &year, &month, &day);
	return t >= (long long)last_sunday(year, 3) * DAY_SECONDS + 3600 &&
	    t < (long long)last_sunday(year, 10) * DAY_SECONDS + 3600;
}

/* Converts a UTC instant to Warsaw wall-clock seconds since 1970. */
static long long
utc_to_warsaw(long long t)
{
	return t + (warsaw_summer(t) ? 7200 : 3600);
}

/*
 * Converts Warsaw wall-clock seconds to a UTC instant. A time in the hour
 * skipped in spring is taken as winter time, a repeated autumn time as summer.
 */
static long long
warsaw_to_utc(long long local)
{
	return warsaw_summer(local - 7200) ? local - 7200 : local - 3600;
}

static long
day_of(long long t)
{
	return (long)(t / DAY_SECONDS - (t % DAY_SECONDS < 0));
}

/* --- other zones through their zone file ------------------------------- */

/*
 * TZ names the zone file while localtime_r and mktime run, and is restored
 * after: ratuszctl is single-threaded, and nothing else reads TZ meanwhile.
 */
struct zone_switch {
	char	*saved;		/* the previous TZ, NULL when it was unset */
};

static void
zone_enter(struct zone_switch *z, const char *zone)
{
	const char	*old = getenv("TZ");
	char		 value[sizeof(ZONE_DIR) + ICS_ZONE_MAX + 1];

	z->saved = NULL;
	if (old != NULL && (z->saved = strdup(old)) == NULL)
		abort();
	snprintf(value, sizeof(value), ":%s%s", ZONE_DIR, zone);
	setenv("TZ", value, 1);
	tzset();
}

static void
zone_leave(struct zone_switch *z)
{
	if (z->saved != NULL)
		setenv("TZ", z->saved, 1);
	else
		unsetenv("TZ");
	free(z->saved);
	tzset();
}

/* Converts wall-clock seconds of the zone in effect to a UTC instant. */
static long long
zone_to_utc(long long local)
{
	struct tm	 tm;
	int		 year, month, day;
	long		 seconds = (long)(local - (long long)day_of(local) * DAY_SECONDS);

	memset(&tm, 0, sizeof(tm));
	days_to_date(day_of(local), &year, &month, &day);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = (int)(seconds / 3600);
	tm.tm_min = (int)(seconds / 60 % 60);
	tm.tm_sec = (int)(seconds % 60);
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

/* Converts a UTC instant to wall-clock seconds of the zone in effect. */
static long long
utc_to_zone(long long t)
{
	time_t		 time = (time_t)t;
	struct tm	 tm;

	if (localtime_r(&time, &tm) == NULL)
		return t;
	return (long long)date_to_days(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday) * DAY_SECONDS + tm.tm_hour * 3600 + tm.tm_min * 60 +
	    tm.tm_sec;
}

/* --- conversions -------------------------------------------------------- */

void
ics_days_to_warsaw(const struct ics_moment *start, long *days, size_t n)
{
	struct zone_switch	 z;
	size_t			 i;

	if (start->frame == ICS_FRAME_UTC)
		for (i = 0; i < n; i++)
			days[i] = day_of(utc_to_warsaw((long long)days[i] *
			    DAY_SECONDS + start->seconds));
	if (start->frame != ICS_FRAME_ZONE)
		return;
	zone_enter(&z, start->zone);
	for (i = 0; i < n; i++)
		days[i] = day_of(utc_to_warsaw(zone_to_utc((long long)days[i] *
		    DAY_SECONDS + start->seconds)));
	zone_leave(&z);
}

long
ics_moment_warsaw_day(const struct ics_moment *m)
{
	long	 day = m->day;

	ics_days_to_warsaw(m, &day, 1);
	return day;
}

/* Converts a UTC instant to wall-clock seconds on the frame of start. */
static long long
utc_on_frame(long long t, const struct ics_moment *start)
{
	struct zone_switch	 z;
	long long		 local;

	if (start->frame == ICS_FRAME_UTC)
		return t;
	if (start->frame != ICS_FRAME_ZONE)
		return utc_to_warsaw(t);
	zone_enter(&z, start->zone);
	local = utc_to_zone(t);
	zone_leave(&z);
	return local;
}

void
ics_moment_on_frame(const struct ics_moment *until, const struct ics_moment *start,
    long *day, int *seconds)
{
	long long	 t = (long long)until->day * DAY_SECONDS + until->seconds;

	if (until->frame == ICS_FRAME_DATE) {
		*day = until->day;
		*seconds = DAY_SECONDS - 1;
		return;
	}
	/* A floating UNTIL is Warsaw wall clock, like a floating DTSTART. */
	if (start->frame == ICS_FRAME_UTC && until->frame != ICS_FRAME_UTC)
		t = warsaw_to_utc(t);
	else if (start->frame != ICS_FRAME_UTC && until->frame == ICS_FRAME_UTC)
		t = utc_on_frame(t, start);
	*day = day_of(t);
	*seconds = (int)(t - (long long)*day * DAY_SECONDS);
	if (start->frame == ICS_FRAME_DATE)
		*seconds = DAY_SECONDS - 1;
}
