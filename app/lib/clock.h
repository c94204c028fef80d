/* clock.h: the current time, which tests may set with RATUSZ_NOW, and Warsaw calendar days. */
#ifndef RATUSZ_CLOCK_H
#define RATUSZ_CLOCK_H

#include <time.h>

/*
 * Returns RATUSZ_NOW when set (ISO 8601: "2025-01-20", "2025-01-20T10:00:00Z" or
 * with an offset "+01:00"), else the system time. An unreadable RATUSZ_NOW is
 * logged once and ignored.
 */
time_t	 clock_now(void);
/* Parses the ISO 8601 forms clock_now accepts into *out; 0, or -1 for another form. */
int	 clock_parse(const char *s, time_t *out);
/* Sets the process time zone to Europe/Warsaw; call once at program start. */
void	 clock_init(void);
/* The Warsaw calendar day of t as days since 1970-01-01. */
long	 clock_local_day(time_t t);

#endif
