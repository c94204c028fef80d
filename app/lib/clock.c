/* clock.c: the current time and local days in Europe/Warsaw. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "log.h"
#include "text.h"

void
clock_init(void)
{
	setenv("TZ", "Europe/Warsaw", 1);
	tzset();
}

int
clock_parse(const char *s, time_t *out)
{
	int	 y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, n = 0;
	char	 sign = 0;
	long	 days;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || !date_valid(y, mo, d))
		return -1;
	s += n;
	if (*s == 'T' && sscanf(s, "T%2d:%2d:%2d%n", &h, &mi, &sec, &n) == 3)
		s += n;
	if (*s == 'Z')
		s++;
	else if ((*s == '+' || *s == '-') &&
	    sscanf(s + 1, "%2d:%2d%n", &oh, &om, &n) == 2) {
		sign = *s;
		s += 1 + n;
	}
	if (*s != '\0' || h > 23 || mi > 59 || sec > 60)
		return -1;
	days = date_to_days(y, mo, d);
	*out = (time_t)days * 86400 + h * 3600 + mi * 60 + sec;
	if (sign == '+')
		*out -= oh * 3600 + om * 60;
	else if (sign == '-')
		*out += oh * 3600 + om * 60;
	return 0;
}

time_t
clock_now(void)
{
	static int	 warned;
	const char	*s = getenv("RATUSZ_NOW");
	time_t		 t;

	if (s == NULL || *s == '\0')
		return time(NULL);
	if (clock_parse(s, &t) == 0)
		return t;
	if (!warned++)
		log_warn("RATUSZ_NOW is not an ISO 8601 time, using the system clock");
	return time(NULL);
}

long
clock_local_day(time_t t)
{
	struct tm	 tm;

	localtime_r(&t, &tm);
	return date_to_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
