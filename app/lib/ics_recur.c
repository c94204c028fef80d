/* ics_recur.c: parses RRULE values (RFC 5545 3.3.10) and expands an event's rule, RDATE and EXDATE into days. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ics_recur.h"
#include "text.h"

#define RULE_PART_MAX	128	/* bytes of one NAME=VALUE part kept for messages */

static const char *const weekday_codes[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/*
 * Parts of RFC 5545 that the expansion does not implement.
 * NOTE: a rule with one of them is rejected, so such a calendar cannot be
 * imported until its dates are rewritten with RDATE and EXDATE.
 */
static const char *const unsupported_parts[] = {
	"BYSECOND", "BYMINUTE", "BYHOUR", "BYWEEKNO", "BYYEARDAY", "BYMONTH",
	"BYSETPOS",
};

/* Bits of the parts seen, so that a repeated part is an error. */
enum rule_part {
	PART_FREQ = 1 << 0, PART_INTERVAL = 1 << 1, PART_COUNT = 1 << 2,
	PART_UNTIL = 1 << 3, PART_WKST = 1 << 4, PART_BYDAY = 1 << 5,
	PART_BYMONTHDAY = 1 << 6,
};

/* One NAME=VALUE part being read. */
struct rule_part_text {
	const char	*name, *value;
	size_t		 name_len, value_len;
	char		 whole[RULE_PART_MAX];	/* for messages */
};

static bool
text_is(const char *s, size_t len, const char *expected)
{
	return strlen(expected) == len && strncasecmp(s, expected, len) == 0;
}

/* Reads a whole decimal number of s[0..len) between min and max; -1 when it is not one. */
static long
read_number(const char *s, size_t len, long min, long max)
{
	long	 n = 0;
	size_t	 i;

	if (len == 0 || len > 6)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	return n >= min && n <= max ? n : -1;
}

static int
read_weekday(const char *s, size_t len)
{
	int	 i;

	for (i = 0; i < 7; i++)
		if (text_is(s, len, weekday_codes[i]))
			return i;
	return -1;
}

/* Reads a signed number such as "-1", "+2" or "15" at most max in magnitude; 0 when invalid. */
static int
read_signed(const char *s, size_t len, int max)
{
	int	 sign = 1;
	long	 n;

	if (len > 0 && (*s == '+' || *s == '-')) {
		sign = *s == '-' ? -1 : 1;
		s++, len--;
	}
	n = read_number(s, len, 1, max);
	return n == -1 ? 0 : sign * (int)n;
}

/* Reads BYDAY: a list of weekdays, each with an optional ordinal ("2TU", "-1FR"). */
static int
read_byday(struct ics_rule *rule, const char *s, size_t len)
{
	const char	*end = s + len, *comma;
	size_t		 item, day_len;
	struct ics_weekday *w;

	for (; s <= end; s = comma + 1) {
		if ((comma = memchr(s, ',', (size_t)(end - s))) == NULL)
			comma = end;
		item = (size_t)(comma - s);
		if (item < 2 || rule->byday_count == ICS_MAX_BYDAY)
			return -1;
		day_len = 2;
		w = &rule->byday[rule->byday_count++];
		if ((w->weekday = read_weekday(s + item - day_len, day_len)) == -1)
			return -1;
		w->ordinal = 0;
		if (item > day_len &&
		    (w->ordinal = read_signed(s, item - day_len, 53)) == 0)
			return -1;
	}
	return 0;
}

static int
read_bymonthday(struct ics_rule *rule, const char *s, size_t len)
{
	const char	*end = s + len, *comma;
	int		 day;

	for (; s <= end; s = comma + 1) {
		if ((comma = memchr(s, ',', (size_t)(end - s))) == NULL)
			comma = end;
		if (rule->bymonthday_count == sizeof(rule->bymonthday) /
		    sizeof(rule->bymonthday[0]))
			return -1;
		if ((day = read_signed(s, (size_t)(comma - s), 31)) == 0)
			return -1;
		rule->bymonthday[rule->bymonthday_count++] = day;
	}
	return 0;
}

static int
read_freq(struct ics_rule *rule, const struct rule_part_text *part, bool *unsupported)
{
	static const char *const names[] = { "DAILY", "WEEKLY", "MONTHLY", "YEARLY" };
	static const char *const finer[] = { "SECONDLY", "MINUTELY", "HOURLY" };
	size_t	 i;

	for (i = 0; i < 4; i++)
		if (text_is(part->value, part->value_len, names[i])) {
			rule->freq = (enum ics_freq)i;
			return 0;
		}
	for (i = 0; i < 3; i++)
		if (text_is(part->value, part->value_len, finer[i]))
			*unsupported = true;
	return -1;
}

static const struct {
	const char	*name;
	enum rule_part	 bit;
} part_names[] = {
	{ "FREQ", PART_FREQ }, { "INTERVAL", PART_INTERVAL }, { "COUNT", PART_COUNT },
	{ "UNTIL", PART_UNTIL }, { "WKST", PART_WKST }, { "BYDAY", PART_BYDAY },
	{ "BYMONTHDAY", PART_BYMONTHDAY },
};

/* Reads the value of a part whose name is known. Returns 0 or -1. */
static int
read_value(struct ics_rule *rule, const struct rule_part_text *p,
    enum rule_part bit, bool *unsupported)
{
	long	 number;

	switch (bit) {
	case PART_FREQ:
		return read_freq(rule, p, unsupported);
	case PART_INTERVAL:
		if ((number = read_number(p->value, p->value_len, 1, 9999)) == -1)
			return -1;
		rule->interval = (int)number;
		return 0;
	case PART_COUNT:
		if ((number = read_number(p->value, p->value_len, 1, 999999)) == -1)
			return -1;
		rule->count = (int)number;
		return 0;
	case PART_UNTIL:
		rule->has_until = true;
		return ics_moment_parse(p->value, p->value_len, NULL, 0, &rule->until);
	case PART_WKST:
		rule->week_start = read_weekday(p->value, p->value_len);
		return rule->week_start == -1 ? -1 : 0;
	case PART_BYDAY:
		return read_byday(rule, p->value, p->value_len);
	case PART_BYMONTHDAY:
		return read_bymonthday(rule, p->value, p->value_len);
	}
	return -1;
}

/* Reads one part into the rule. Returns 0, or -1 with *unsupported telling the reason. */
static int
read_part(struct ics_rule *rule, const struct rule_part_text *p, unsigned *seen,
    bool *unsupported)
{
	size_t	 i;

	for (i = 0; i < sizeof(unsupported_parts) / sizeof(unsupported_parts[0]); i++)
		if (text_is(p->name, p->name_len, unsupported_parts[i])) {
			*unsupported = true;
			return -1;
		}
	for (i = 0; i < sizeof(part_names) / sizeof(part_names[0]); i++)
		if (text_is(p->name, p->name_len, part_names[i].name))
			break;
	if (i == sizeof(part_names) / sizeof(part_names[0]) ||
	    (*seen & part_names[i].bit) != 0)
		return -1;
	*seen |= part_names[i].bit;
	return read_value(rule, p, part_names[i].bit, unsupported);
}

/* Checks the parts against each other and the frequency; sets *part to the one at fault. */
static int
check_rule(const struct ics_rule *rule, unsigned seen, const char **part,
    bool *unsupported)
{
	size_t	 i;
	bool	 ordinals = false;

	for (i = 0; i < rule->byday_count; i++)
		ordinals |= rule->byday[i].ordinal != 0;
	*unsupported = false;
	if (!(seen & PART_FREQ))
		return *part = "FREQ", -1;
	if ((seen & PART_COUNT) && (seen & PART_UNTIL))
		return *part = "COUNT+UNTIL", -1;
	if ((seen & PART_BYMONTHDAY) && rule->freq == ICS_FREQ_WEEKLY)
		return *part = "BYMONTHDAY", -1;
	if (ordinals && rule->freq != ICS_FREQ_MONTHLY &&
	    rule->freq != ICS_FREQ_YEARLY)
		return *part = "BYDAY", -1;
	*unsupported = true;
	if ((seen & PART_BYMONTHDAY) && rule->freq != ICS_FREQ_MONTHLY)
		return *part = "BYMONTHDAY", -1;
	if ((seen & PART_BYDAY) && rule->freq == ICS_FREQ_YEARLY)
		return *part = "BYDAY", -1;
	if (ordinals && (seen & PART_BYMONTHDAY))
		return *part = "BYDAY", -1;
	return 0;
}

static void
split_part(const char *s, size_t len, struct rule_part_text *part)
{
	const char	*eq = memchr(s, '=', len);
	size_t		 shown = len < RULE_PART_MAX - 1 ? len : RULE_PART_MAX - 1;

	memcpy(part->whole, s, shown);
	part->whole[shown] = '\0';
	part->name = s;
	part->name_len = eq != NULL ? (size_t)(eq - s) : len;
	part->value = eq != NULL ? eq + 1 : s + len;
	part->value_len = eq != NULL ? len - part->name_len - 1 : 0;
}

int
ics_rule_parse(const char *value, int line, struct ics_rule *rule,
    struct problem *err)
{
	struct rule_part_text	 part;
	const char		*s = value, *end, *fault;
	unsigned		 seen = 0;
	bool			 unsupported = false;

	memset(rule, 0, sizeof(*rule));
	rule->interval = 1;
	for (; *s != '\0'; s = *end != '\0' ? end + 1 : end) {
		end = s + strcspn(s, ";");
		split_part(s, (size_t)(end - s), &part);
		if (read_part(rule, &part, &seen, &unsupported) == -1) {
			problem_set(err, line, unsupported ? "Import.Ics.UnsupportedRule" :
			    "Import.Ics.BadRule", "%s", part.whole);
			return -1;
		}
	}
	if (check_rule(rule, seen, &fault, &unsupported) == -1) {
		problem_set(err, line, unsupported ? "Import.Ics.UnsupportedRule" :
		    "Import.Ics.BadRule", "%s", fault);
		return -1;
	}
	return 0;
}

/* --- expansion ------------------------------------------------------------ */

static int
days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && date_valid(year, 2, 29))
		return 29;
	return days[month - 1];
}

static int
weekday_of(long day)
{
	/* 1970-01-01 was a Thursday (3). */
	return (int)(((day % 7) + 7 + 3) % 7);
}

static bool
byday_has(const struct ics_rule *rule, int weekday)
{
	size_t	 i;

	for (i = 0; i < rule->byday_count; i++)
		if (rule->byday[i].weekday == weekday)
			return true;
	return false;
}

/*
 * The candidate days of one period (a day, a week, a month or a year), in
 * order. A month has at most 31, so 62 entries hold any BYDAY and BYMONTHDAY.
 */
struct period {
	long	 first;		/* first day of the period */
	long	 day[62];
	size_t	 count;
};

static int
compare_days(const void *a, const void *b)
{
	long	 x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

static void
add_day(struct period *p, long day)
{
	size_t	 i;

	for (i = 0; i < p->count; i++)
		if (p->day[i] == day)
			return;
	if (p->count < sizeof(p->day) / sizeof(p->day[0]))
		p->day[p->count++] = day;
}

static void
weekly_days(const struct ics_rule *rule, long start_day, struct period *p)
{
	int	 d;

	if (rule->byday_count == 0) {
		add_day(p, p->first + (weekday_of(start_day) - rule->week_start + 7) % 7);
		return;
	}
	for (d = 0; d < 7; d++)
		if (byday_has(rule, weekday_of(p->first + d)))
			add_day(p, p->first + d);
}

/* Adds the days of one BYDAY entry in the month that starts on first. */
static void
monthly_weekday(const struct ics_weekday *w, long first, int length, struct period *p)
{
	long	 day = first + (w->weekday - weekday_of(first) + 7) % 7;
	long	 last = first + length - 1;

	if (w->ordinal == 0) {
		for (; day <= last; day += 7)
			add_day(p, day);
		return;
	}
	if (w->ordinal < 0)
		day = last - (weekday_of(last) - w->weekday + 7) % 7 +
		    7 * (w->ordinal + 1);
	else
		day += 7 * (w->ordinal - 1);
	if (day >= first && day <= last)
		add_day(p, day);
}

static void
monthly_days(const struct ics_rule *rule, int year, int month, int start_dom,
    struct period *p)
{
	int	 length = days_in_month(year, month), d;
	size_t	 i;

	if (rule->bymonthday_count > 0) {
		for (i = 0; i < rule->bymonthday_count; i++) {
			d = rule->bymonthday[i];
			d = d > 0 ? d : length + d + 1;
			if (d >= 1 && d <= length && (rule->byday_count == 0 ||
			    byday_has(rule, weekday_of(p->first + d - 1))))
				add_day(p, p->first + d - 1);
		}
	} else if (rule->byday_count > 0) {
		for (i = 0; i < rule->byday_count; i++)
			monthly_weekday(&rule->byday[i], p->first, length, p);
	} else if (start_dom <= length)
		add_day(p, p->first + start_dom - 1);
	qsort(p->day, p->count, sizeof(p->day[0]), compare_days);
}

/* Fills the k-th period of the rule (k = 0 contains start_day). */
static void
fill_period(const struct ics_rule *rule, long start_day, long k, struct period *p)
{
	int	 y, m, d;
	long	 months;

	p->count = 0;
	days_to_date(start_day, &y, &m, &d);
	switch (rule->freq) {
	case ICS_FREQ_DAILY:
		p->first = start_day + k * rule->interval;
		if (rule->byday_count == 0 || byday_has(rule, weekday_of(p->first)))
			add_day(p, p->first);
		break;
	case ICS_FREQ_WEEKLY:
		p->first = start_day - (weekday_of(start_day) - rule->week_start + 7) % 7 +
		    7 * k * rule->interval;
		weekly_days(rule, start_day, p);
		qsort(p->day, p->count, sizeof(p->day[0]), compare_days);
		break;
	case ICS_FREQ_MONTHLY:
		months = (long)(m - 1) + k * rule->interval;
		p->first = date_to_days(y + (int)(months / 12), (int)(months % 12) + 1, 1);
		monthly_days(rule, y + (int)(months / 12), (int)(months % 12) + 1, d, p);
		break;
	case ICS_FREQ_YEARLY:
		y += (int)(k * rule->interval);
		p->first = date_to_days(y, 1, 1);
		if (date_valid(y, m, d))
			add_day(p, date_to_days(y, m, d));
		break;
	}
}

size_t
ics_rule_expand(const struct ics_rule *rule, long start_day, int start_seconds,
    long until_day, int until_seconds, long *out, bool *open_ended)
{
	struct period	 p;
	long		 k, limit = start_day + ICS_MAX_SPAN_DAYS;
	size_t		 n = 0, i;

	*open_ended = false;
	for (k = 0;; k++) {
		fill_period(rule, start_day, k, &p);
		if (p.first > limit)
			break;
		for (i = 0; i < p.count; i++) {
			if (p.day[i] < start_day)
				continue;
			if (rule->has_until && (p.day[i] > until_day ||
			    (p.day[i] == until_day && start_seconds > until_seconds)))
				return n;
			if (p.day[i] > limit || n == ICS_MAX_OCCURRENCES) {
				*open_ended = true;
				return n;
			}
			out[n++] = p.day[i];
			if (rule->count != 0 && n == (size_t)rule->count)
				return n;
		}
	}
	*open_ended = true;
	return n;
}

/* --- the recurrence set of one event ------------------------------------ */

void
ics_recurrence_reset(struct ics_recurrence *r)
{
	memset(&r->start, 0, sizeof(r->start));
	r->has_rule = false;
	r->added_count = r->excluded_count = r->day_count = 0;
	r->open_ended = false;
}

void
ics_recurrence_free(struct ics_recurrence *r)
{
	free(r->added);
	free(r->excluded);
	free(r->days);
	memset(r, 0, sizeof(*r));
}

static long *
allocate_days(long *days, size_t count)
{
	if (days == NULL && (days = calloc(count, sizeof(*days))) == NULL)
		abort();
	return days;
}

/* Parses one value of RDATE or EXDATE into its Warsaw day. Returns 0, 1 for an unknown zone, -1. */
static int
read_date_value(const char *s, size_t len, const char *value_type,
    size_t value_type_len, const char *tzid, size_t tzid_len, long *day)
{
	struct ics_moment	 m;
	int			 rc = 0;

	if (ics_moment_parse(s, len, value_type, value_type_len, &m) == -1)
		return -1;
	if (tzid != NULL && !ics_moment_set_zone(&m, tzid, tzid_len))
		rc = 1;
	*day = ics_moment_warsaw_day(&m);
	return rc;
}

int
ics_recurrence_add(struct ics_recurrence *r, bool exclude, const char *value,
    const char *value_type, size_t value_type_len, const char *tzid,
    size_t tzid_len, int line, struct problem *err)
{
	long		**list = exclude ? &r->excluded : &r->added;
	size_t		 *count = exclude ? &r->excluded_count : &r->added_count;
	const char	 *s = value, *end;
	int		  rc = 0, value_rc;

	if (value_type != NULL && value_type_len == 6 &&
	    strncasecmp(value_type, "PERIOD", 6) == 0) {
		problem_set(err, line, "Import.Ics.Unsupported", "RDATE;VALUE=PERIOD");
		return -1;
	}
	*list = allocate_days(*list, ICS_MAX_DATES);
	for (; *s != '\0'; s = *end != '\0' ? end + 1 : end) {
		end = s + strcspn(s, ",");
		if (*count == ICS_MAX_DATES) {
			problem_set(err, line, "Import.Ics.TooManyDates", "%d",
			    ICS_MAX_DATES);
			return -1;
		}
		value_rc = read_date_value(s, (size_t)(end - s), value_type,
		    value_type_len, tzid, tzid_len, &(*list)[*count]);
		if (value_rc == -1) {
			problem_set(err, line, "Import.Ics.BadDate", "%.*s",
			    (int)(end - s), s);
			return -1;
		}
		rc |= value_rc;
		(*count)++;
	}
	return rc;
}

static bool
is_excluded(const struct ics_recurrence *r, long day)
{
	size_t	 i;

	for (i = 0; i < r->excluded_count; i++)
		if (r->excluded[i] == day)
			return true;
	return false;
}

void
ics_recurrence_finish(struct ics_recurrence *r)
{
	long	 until_day = 0;
	int	 until_seconds = 0;
	size_t	 n = 0, i, kept = 0;

	r->days = allocate_days(r->days, 1 + ICS_MAX_OCCURRENCES + ICS_MAX_DATES);
	r->days[n++] = r->start.day;
	if (r->has_rule) {
		if (r->rule.has_until)
			ics_moment_on_frame(&r->rule.until, &r->start, &until_day,
			    &until_seconds);
		n += ics_rule_expand(&r->rule, r->start.day, r->start.seconds,
		    until_day, until_seconds, r->days + n, &r->open_ended);
	}
	ics_days_to_warsaw(&r->start, r->days, n);
	r->expanded_to = r->days[n - 1];
	for (i = 0; i < r->added_count; i++)
		r->days[n++] = r->added[i];
	qsort(r->days, n, sizeof(r->days[0]), compare_days);
	for (i = 0; i < n; i++) {
		if ((kept > 0 && r->days[kept - 1] == r->days[i]) ||
		    is_excluded(r, r->days[i]))
			continue;
		r->days[kept++] = r->days[i];
	}
	r->day_count = kept;
}
