/* ics.c: an iCalendar (RFC 5545) reader for waste collection calendars, and the content line writer. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "buf.h"
#include "ics.h"
#include "ics_recur.h"
#include "ics_time.h"
#include "text.h"

#define ICS_MAX_INPUT	(16u * 1024 * 1024)
#define ICS_MAX_DEPTH	8	/* VCALENDAR > VTIMEZONE > STANDARD is 3 in practice */
#define ICS_MAX_NAME	64	/* bytes of a component name */
#define ICS_FOLD_FIRST	75	/* octets on the first line of a folded content line */
#define ICS_FOLD_NEXT	74	/* octets after the leading space of a continuation */

/* Bits of ics_reader.seen: event properties already taken (the first one wins). */
#define ICS_SEEN_DTSTART	0x01
#define ICS_SEEN_SUMMARY	0x02
#define ICS_SEEN_DESCRIPTION	0x04
#define ICS_SEEN_UID		0x08
#define ICS_SEEN_STATUS		0x10
#define ICS_SEEN_RRULE		0x20

/* One unfolded content line split into name, the parameters ics reads, and value. */
struct ics_property {
	const char	*name;
	size_t		 name_len;
	const char	*value_type;	/* VALUE parameter, NULL when absent */
	size_t		 value_type_len;
	const char	*tzid;		/* TZID parameter, NULL when absent */
	size_t		 tzid_len;
	const char	*value;		/* NUL-terminated, still escaped */
};

/* An open component: its name and the line of its BEGIN. */
struct ics_component {
	char	 name[ICS_MAX_NAME + 1];
	int	 line;
};

/*
 * Parser state for one document. "content" contains the current content line
 * after unfolding. An event is collected while event_depth is non-zero, from
 * properties at exactly that depth, so that VALARM properties are skipped.
 */
struct ics_reader {
	const char		*p, *end;
	int			 line;		/* physical line that p is on */
	int			 content_line;	/* line where "content" starts */
	struct buf		 content;
	struct ics_component	 stack[ICS_MAX_DEPTH];
	int			 depth;
	bool			 seen_calendar;
	int			 event_depth;
	unsigned		 seen;
	struct buf		 summary, description, uid;
	struct ics_recurrence	 recurrence;
	char			 unknown_zone[ICS_ZONE_MAX + 1];
	struct ics_event	 event;
	struct problem		*err;
};

/* --- physical and content lines ---------------------------------------- */

/*
 * Checks that a physical line (without its line end) has no control characters
 * other than HTAB, which RFC 5545 excludes from content lines.
 */
static int
ics_check_controls(struct ics_reader *r, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		unsigned char	 c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7F) {
			problem_set(r->err, r->line, "Import.Ics.ControlCharacter",
			    "U+%04X", c);
			return -1;
		}
	}
	return 0;
}

/* Takes the next physical line, without CRLF or LF, and moves past it. */
static int
ics_take_line(struct ics_reader *r, const char **s, size_t *len)
{
	const char	*nl;
	size_t		 n;

	if ((nl = memchr(r->p, '\n', (size_t)(r->end - r->p))) == NULL)
		nl = r->end;
	n = (size_t)(nl - r->p);
	if (n > 0 && r->p[n - 1] == '\r')
		n--;
	*s = r->p;
	*len = n;
	if (ics_check_controls(r, *s, n) != 0)
		return -1;
	r->p = nl < r->end ? nl + 1 : nl;
	r->line++;
	return 0;
}

/*
 * Reads the next content line into r->content, joining the physical lines
 * that continue it (those starting with a space or a tab, which is dropped).
 * Returns 1, 0 at the end of input, or -1 with the problem set.
 */
static int
ics_next_content_line(struct ics_reader *r)
{
	const char	*s;
	size_t		 len;

	buf_reset(&r->content);
	if (r->p == r->end)
		return 0;
	r->content_line = r->line;
	if (ics_take_line(r, &s, &len) != 0)
		return -1;
	buf_append(&r->content, s, len);

	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t')) {
		if (ics_take_line(r, &s, &len) != 0)
			return -1;
		buf_append(&r->content, s + 1, len - 1);
	}

	/* Only now, because a writer may fold inside a UTF-8 sequence (RFC 5545 3.1). */
	if (!utf8_valid(buf_cstr(&r->content), r->content.len)) {
		problem_set(r->err, r->content_line, "Import.Ics.InvalidUtf8", NULL);
		return -1;
	}
	return 1;
}

/* --- splitting a content line ------------------------------------------- */

/* Length of the name (iana-token or x-name: letters, digits, '-') at s. */
static size_t
ics_name_length(const char *s)
{
	size_t	 n = 0;

	while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z') ||
	    (s[n] >= '0' && s[n] <= '9') || s[n] == '-')
		n++;
	return n;
}

static bool
ics_name_is(const char *name, size_t len, const char *expected)
{
	return strlen(expected) == len && strncasecmp(name, expected, len) == 0;
}

/*
 * Moves *s past one parameter value: a quoted string, which may contain ';',
 * ':' and ',', or unquoted text. Returns false on an unterminated quote.
 */
static bool
ics_skip_param_value(const char **s, const char **value, size_t *len)
{
	const char	*p = *s, *close;

	if (*p == '"') {
		if ((close = strchr(p + 1, '"')) == NULL)
			return false;
		*value = p + 1;
		*len = (size_t)(close - p - 1);
		*s = close + 1;
		return true;
	}
	*value = p;
	*len = strcspn(p, "\";:,");
	*s = p + *len;
	return true;
}

/* Parses ";NAME=value,value..." parameters up to the ':' before the value. */
static bool
ics_split_params(const char **s, struct ics_property *prop)
{
	const char	*name, *value;
	size_t		 name_len, value_len;
	bool		 first;

	while (**s == ';') {
		name = ++*s;
		if ((name_len = ics_name_length(name)) == 0 || name[name_len] != '=')
			return false;
		*s = name + name_len + 1;
		for (first = true;; first = false) {
			if (!ics_skip_param_value(s, &value, &value_len))
				return false;
			if (first && ics_name_is(name, name_len, "VALUE")) {
				prop->value_type = value;
				prop->value_type_len = value_len;
			}
			if (first && ics_name_is(name, name_len, "TZID")) {
				prop->tzid = value;
				prop->tzid_len = value_len;
			}
			if (**s != ',')
				break;
			(*s)++;
		}
	}
	return **s == ':';
}

/* Splits r->content into a property; a line that is not NAME[;params]:value fails. */
static int
ics_split(struct ics_reader *r, struct ics_property *prop)
{
	const char	*s = buf_cstr(&r->content);

	memset(prop, 0, sizeof(*prop));
	prop->name = s;
	prop->name_len = ics_name_length(s);
	s += prop->name_len;
	if (prop->name_len == 0 || !ics_split_params(&s, prop)) {
		problem_set(r->err, r->content_line, "Import.Ics.BadLine", "%s",
		    buf_cstr(&r->content));
		return -1;
	}
	prop->value = s + 1;
	return 0;
}

/* --- values ------------------------------------------------------------- */

/* Appends a TEXT value with \\ \; \, \n and \N undone; other backslashes stay. */
static void
ics_unescape(struct buf *out, const char *s)
{
	buf_reset(out);
	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			buf_putc(out, *s);
			continue;
		}
		if (s[1] == '\\' || s[1] == ';' || s[1] == ',')
			buf_putc(out, s[1]);
		else if (s[1] == 'n' || s[1] == 'N')
			buf_putc(out, '\n');
		else {
			buf_putc(out, '\\');
			continue;
		}
		s++;
	}
}

/* Keeps the first TZID of the event that names no known zone, for a warning. */
static void
ics_note_unknown_zone(struct ics_reader *r, const struct ics_property *prop)
{
	size_t	 len = prop->tzid_len < ICS_ZONE_MAX ? prop->tzid_len : ICS_ZONE_MAX;

	if (r->event.unknown_zone_line != 0)
		return;
	while (len > 0 && ((unsigned char)prop->tzid[len] & 0xC0) == 0x80)
		len--;
	memcpy(r->unknown_zone, prop->tzid, len);
	r->unknown_zone[len] = '\0';
	r->event.unknown_zone_line = r->content_line;
}

/*
 * Reads DTSTART: YYYYMMDD (a DATE), or YYYYMMDDTHHMMSS with an optional Z,
 * in the zone its TZID names (see ics_moment_set_zone).
 */
static int
ics_read_start(struct ics_reader *r, const struct ics_property *prop)
{
	struct ics_moment	*start = &r->recurrence.start;

	if (ics_moment_parse(prop->value, strlen(prop->value), prop->value_type,
	    prop->value_type_len, start) == -1) {
		problem_set(r->err, r->content_line, "Import.Ics.BadDate", "%s",
		    prop->value);
		return -1;
	}
	if (prop->tzid != NULL &&
	    !ics_moment_set_zone(start, prop->tzid, prop->tzid_len))
		ics_note_unknown_zone(r, prop);
	return 0;
}

static int
ics_read_rule(struct ics_reader *r, const struct ics_property *prop)
{
	if (r->recurrence.has_rule) {
		problem_set(r->err, r->content_line, "Import.Ics.SecondRule", "%s",
		    prop->value);
		return -1;
	}
	r->recurrence.has_rule = true;
	return ics_rule_parse(prop->value, r->content_line, &r->recurrence.rule,
	    r->err);
}

static int
ics_read_dates(struct ics_reader *r, const struct ics_property *prop, bool exclude)
{
	int	 rc;

	rc = ics_recurrence_add(&r->recurrence, exclude, prop->value,
	    prop->value_type, prop->value_type_len, prop->tzid, prop->tzid_len,
	    r->content_line, r->err);
	if (rc == 1)
		ics_note_unknown_zone(r, prop);
	return rc == -1 ? -1 : 0;
}

/* --- components --------------------------------------------------------- */

static void
ics_start_event(struct ics_reader *r)
{
	r->event_depth = r->depth;
	r->seen = 0;
	memset(&r->event, 0, sizeof(r->event));
	r->event.line = r->content_line;
	ics_recurrence_reset(&r->recurrence);
	r->unknown_zone[0] = '\0';
	buf_reset(&r->summary);
	buf_reset(&r->description);
	buf_reset(&r->uid);
}

/* Hands a complete event to the callback; returns its value. */
static int
ics_finish_event(struct ics_reader *r, ics_event_fn fn, void *arg)
{
	r->event_depth = 0;
	if (!(r->seen & ICS_SEEN_DTSTART)) {
		problem_set(r->err, r->event.line, "Import.Ics.NoDtstart", "%s",
		    buf_cstr(&r->summary));
		return -1;
	}
	ics_recurrence_finish(&r->recurrence);
	days_to_date(ics_moment_warsaw_day(&r->recurrence.start), &r->event.year,
	    &r->event.month, &r->event.day);
	r->event.timed = r->recurrence.start.frame != ICS_FRAME_DATE;
	r->event.days = r->recurrence.days;
	r->event.day_count = r->recurrence.day_count;
	r->event.recurring = r->recurrence.has_rule || r->recurrence.added_count > 0;
	r->event.open_ended = r->recurrence.open_ended;
	r->event.expanded_to = r->recurrence.expanded_to;
	r->event.unknown_zone = r->unknown_zone;
	r->event.summary = buf_cstr(&r->summary);
	r->event.description = buf_cstr(&r->description);
	r->event.uid = buf_cstr(&r->uid);
	return fn(&r->event, arg);
}

/* Pushes a component; only VCALENDAR may stand outside every other one. */
static int
ics_begin(struct ics_reader *r, const char *name)
{
	size_t	 len = strlen(name);

	if (r->depth == 0 && strcasecmp(name, "VCALENDAR") != 0) {
		problem_set(r->err, r->content_line, "Import.Ics.NotCalendar",
		    "BEGIN:%s", name);
		return -1;
	}
	if (len == 0 || len > ICS_MAX_NAME || ics_name_length(name) != len) {
		problem_set(r->err, r->content_line, "Import.Ics.BadLine",
		    "BEGIN:%s", name);
		return -1;
	}
	if (r->depth == ICS_MAX_DEPTH) {
		problem_set(r->err, r->content_line, "Import.Ics.TooDeep", "%d",
		    ICS_MAX_DEPTH);
		return -1;
	}
	memcpy(r->stack[r->depth].name, name, len + 1);
	r->stack[r->depth].line = r->content_line;
	r->depth++;
	r->seen_calendar = true;
	if (r->depth == 2 && r->event_depth == 0 && strcasecmp(name, "VEVENT") == 0)
		ics_start_event(r);
	return 0;
}

/* Pops the component that END names, which must be the innermost open one. */
static int
ics_end(struct ics_reader *r, const char *name, ics_event_fn fn, void *arg)
{
	if (r->depth == 0 || strcasecmp(r->stack[r->depth - 1].name, name) != 0) {
		problem_set(r->err, r->content_line, "Import.Ics.Unbalanced",
		    "END:%s", name);
		return -1;
	}
	r->depth--;
	if (r->event_depth != 0 && r->depth < r->event_depth)
		return ics_finish_event(r, fn, arg);
	return 0;
}

/* Properties of an event that the reader rejects rather than misread. */
static const char *const ics_unsupported[] = { "EXRULE", "RECURRENCE-ID" };

/*
 * Reads DTSTART, STATUS, SUMMARY, DESCRIPTION or UID, of which the first one
 * counts. Returns 1 for any other property.
 */
static int
ics_single_property(struct ics_reader *r, const struct ics_property *prop)
{
	const char	*n = prop->name;
	size_t		 len = prop->name_len;
	struct buf	*text = NULL;
	unsigned	 bit = 0;

	if (ics_name_is(n, len, "DTSTART"))
		bit = ICS_SEEN_DTSTART;
	else if (ics_name_is(n, len, "STATUS"))
		bit = ICS_SEEN_STATUS;
	else if (ics_name_is(n, len, "SUMMARY"))
		bit = ICS_SEEN_SUMMARY, text = &r->summary;
	else if (ics_name_is(n, len, "DESCRIPTION"))
		bit = ICS_SEEN_DESCRIPTION, text = &r->description;
	else if (ics_name_is(n, len, "UID"))
		bit = ICS_SEEN_UID, text = &r->uid;
	if (bit == 0)
		return 1;
	if (r->seen & bit)
		return 0;

	r->seen |= bit;
	if (text != NULL) {
		ics_unescape(text, prop->value);
		return 0;
	}
	if (bit == ICS_SEEN_STATUS) {
		r->event.cancelled = strcasecmp(prop->value, "CANCELLED") == 0;
		return 0;
	}
	return ics_read_start(r, prop);
}

/*
 * Takes DTSTART, RRULE, RDATE, EXDATE, STATUS, SUMMARY, DESCRIPTION and UID
 * of the event, and rejects EXRULE and RECURRENCE-ID; others are skipped.
 */
static int
ics_event_property(struct ics_reader *r, const struct ics_property *prop)
{
	const char	*n = prop->name;
	size_t		 len = prop->name_len, i;
	int		 rc;

	if ((rc = ics_single_property(r, prop)) != 1)
		return rc;
	if (ics_name_is(n, len, "RRULE"))
		return ics_read_rule(r, prop);
	if (ics_name_is(n, len, "RDATE"))
		return ics_read_dates(r, prop, false);
	if (ics_name_is(n, len, "EXDATE"))
		return ics_read_dates(r, prop, true);
	for (i = 0; i < sizeof(ics_unsupported) / sizeof(ics_unsupported[0]); i++)
		if (ics_name_is(n, len, ics_unsupported[i])) {
			problem_set(r->err, r->content_line, "Import.Ics.Unsupported",
			    "%s", ics_unsupported[i]);
			return -1;
		}
	return 0;
}

/* Acts on one content line: BEGIN, END, an event property, or nothing. */
static int
ics_handle(struct ics_reader *r, const struct ics_property *prop,
    ics_event_fn fn, void *arg)
{
	if (ics_name_is(prop->name, prop->name_len, "BEGIN"))
		return ics_begin(r, prop->value);
	if (ics_name_is(prop->name, prop->name_len, "END"))
		return ics_end(r, prop->value, fn, arg);
	if (r->depth == 0) {
		problem_set(r->err, r->content_line, "Import.Ics.NotCalendar",
		    "%s", buf_cstr(&r->content));
		return -1;
	}
	if (r->event_depth != 0 && r->depth == r->event_depth)
		return ics_event_property(r, prop);
	return 0;
}

/* Reads every content line; returns 0, -1 or the callback's non-zero value. */
static int
ics_read(struct ics_reader *r, ics_event_fn fn, void *arg)
{
	struct ics_property	 prop;
	int			 rc;

	while ((rc = ics_next_content_line(r)) > 0) {
		if (r->content.len == 0)
			continue;	/* blank lines occur in real files */
		if (ics_split(r, &prop) != 0)
			return -1;
		if ((rc = ics_handle(r, &prop, fn, arg)) != 0)
			return rc;
	}
	if (rc < 0)
		return -1;
	if (r->depth > 0) {
		problem_set(r->err, r->stack[r->depth - 1].line,
		    "Import.Ics.Unbalanced", "BEGIN:%s", r->stack[r->depth - 1].name);
		return -1;
	}
	if (!r->seen_calendar) {
		problem_set(r->err, 0, "Import.Ics.Empty", NULL);
		return -1;
	}
	return 0;
}

int
ics_parse(const char *data, size_t len, ics_event_fn fn, void *arg,
    struct problem *err)
{
	struct ics_reader	 r;
	int			 rc;

	problem_set(err, 0, "", NULL);
	if (len > ICS_MAX_INPUT) {
		problem_set(err, 0, "Import.Ics.TooLarge", "%zu", len);
		return -1;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}

	memset(&r, 0, sizeof(r));
	r.p = data;
	r.end = data + len;
	r.line = 1;
	r.err = err;
	buf_init(&r.content);
	buf_init(&r.summary);
	buf_init(&r.description);
	buf_init(&r.uid);

	rc = ics_read(&r, fn, arg);

	buf_free(&r.content);
	buf_free(&r.summary);
	buf_free(&r.description);
	buf_free(&r.uid);
	ics_recurrence_free(&r.recurrence);
	return rc;
}

/* --- writer ------------------------------------------------------------- */

/* Appends s[0..len) with CR and LF, which would end the content line, as spaces. */
static void
ics_append_single_line(struct buf *out, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		buf_putc(out, s[i] == '\r' || s[i] == '\n' ? ' ' : s[i]);
}

void
ics_put_line(struct buf *out, const char *line)
{
	size_t	 left = strlen(line), room = ICS_FOLD_FIRST, n;

	while (left > room) {
		/* Back off to the start of a UTF-8 sequence; give up on a run
		 * of continuation bytes, which only invalid UTF-8 has. */
		n = room;
		while (n > 0 && ((unsigned char)line[n] & 0xC0) == 0x80)
			n--;
		if (n == 0)
			n = room;
		ics_append_single_line(out, line, n);
		buf_append(out, "\r\n ", 3);
		line += n;
		left -= n;
		room = ICS_FOLD_NEXT;
	}
	ics_append_single_line(out, line, left);
	buf_append(out, "\r\n", 2);
}

void
ics_put_text(struct buf *out, const char *name, const char *value)
{
	struct buf	 line;
	const char	*s;

	buf_init(&line);
	buf_puts(&line, name);
	buf_putc(&line, ':');
	for (s = value; *s != '\0'; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			buf_putc(&line, '\\');
			buf_putc(&line, *s);
		} else if (*s == '\n' || *s == '\r') {
			buf_puts(&line, "\\n");
			if (s[0] == '\r' && s[1] == '\n')
				s++;
		} else if (((unsigned char)*s >= 0x20 && *s != 0x7F) || *s == '\t')
			buf_putc(&line, *s);
		/* other control characters are not allowed in TEXT and are dropped */
	}
	ics_put_line(out, buf_cstr(&line));
	buf_free(&line);
}
