/* page_calendar.c: the iCalendar feed of an address point at its unguessable URL. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "clock.h"
#include "ics.h"
#include "pages.h"
#include "schedule.h"
#include "text.h"
#include "token.h"

#define FEED_DAYS_BEFORE	31	/* past pickups kept so a client does not drop them at once */
#define FEED_DAYS_AHEAD		366

/* Reads "TOKEN.ics" from the path; NULL when it has another form. */
static const char *
calendar_token(struct request *r, char token[TOKEN_LEN + 1])
{
	static const struct field_spec token_spec = { "token", FIELD_TOKEN, true, 0 };
	const char	*file = request_text(r, "file");
	struct field	 f;

	if (strlen(file) != TOKEN_LEN + 4 || strcmp(file + TOKEN_LEN, ".ics") != 0)
		return NULL;
	memcpy(token, file, TOKEN_LEN);
	token[TOKEN_LEN] = '\0';
	return request_validate(r, &token_spec, token, &f) == 0 ? token : NULL;
}

/*
 * The ETag changes when the gmina's data changes, when the day (and so the
 * window) moves, or with the language.
 */
static void
calendar_etag(const struct point *p, const struct request *r, char etag[40])
{
	char	 key[128], hash[65];

	snprintf(key, sizeof(key), "%s|%u|%ld|%s", p->token, p->data_version,
	    r->today, lang_code(r->lang));
	token_sha256_hex(key, strlen(key), hash);
	snprintf(etag, 40, "\"%.32s\"", hash);
}

static void
put_event(struct buf *out, const struct pickup *k, const char *uid_base,
    const char *stamp, const char *host)
{
	char	 line[320];
	int	 y, m, d, y2, m2, d2;

	days_to_date(k->day, &y, &m, &d);
	days_to_date(k->day + 1, &y2, &m2, &d2);
	ics_put_line(out, "BEGIN:VEVENT");
	snprintf(line, sizeof(line), "UID:%04d%02d%02d-%s-%s@%s", y, m, d, k->code,
	    uid_base, host);
	ics_put_line(out, line);
	snprintf(line, sizeof(line), "DTSTAMP:%s", stamp);
	ics_put_line(out, line);
	snprintf(line, sizeof(line), "DTSTART;VALUE=DATE:%04d%02d%02d", y, m, d);
	ics_put_line(out, line);
	snprintf(line, sizeof(line), "DTEND;VALUE=DATE:%04d%02d%02d", y2, m2, d2);
	ics_put_line(out, line);
	ics_put_text(out, "SUMMARY", k->name);
	ics_put_line(out, "TRANSP:TRANSPARENT");
	ics_put_line(out, "END:VEVENT");
}

/* Host part of the base URL, for UIDs ("ratusz.example.pl"). */
static void
base_host(const char *base_url, char *out, size_t size)
{
	const char	*s = strstr(base_url, "://");
	size_t		 n;

	s = s != NULL ? s + 3 : base_url;
	n = strcspn(s, "/:");
	snprintf(out, size, "%.*s", (int)n, s);
}

static void
put_calendar(struct buf *out, struct app *app, const struct request *r,
    const struct point *p, const struct pickup_list *list)
{
	struct buf	 name;
	char		 uid_base[65], stamp[20], host[128];
	time_t		 now = clock_now();
	struct tm	 tm;
	size_t		 i;

	/* A digest of the token names the point in UIDs without revealing the feed URL. */
	token_sha256_hex(p->token, strlen(p->token), uid_base);
	uid_base[20] = '\0';
	now -= now % 86400;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	base_host(app->conf->base_url, host, sizeof(host));
	buf_init(&name);
	buf_printf(&name, "%s: %s", lang_text(r->lang, "Calendar.Name"),
	    point_label(p->label, p->label_en, r->lang));

	ics_put_line(out, "BEGIN:VCALENDAR");
	ics_put_line(out, "VERSION:2.0");
	ics_put_line(out, "PRODID:-//ratusz//NONSGML harmonogram odbioru odpadow//PL");
	ics_put_line(out, "CALSCALE:GREGORIAN");
	ics_put_line(out, "METHOD:PUBLISH");
	ics_put_text(out, "NAME", buf_cstr(&name));
	ics_put_text(out, "X-WR-CALNAME", buf_cstr(&name));
	ics_put_line(out, "REFRESH-INTERVAL;VALUE=DURATION:P1D");
	ics_put_line(out, "X-PUBLISHED-TTL:P1D");
	for (i = 0; i < list->count; i++)
		put_event(out, &list->items[i], uid_base, stamp, host);
	ics_put_line(out, "END:VCALENDAR");
	buf_free(&name);
}

void
page_calendar(struct request *r, struct app *app)
{
	char			 token[TOKEN_LEN + 1], etag[40], key[64];
	const struct buf	*cached;
	const char		*type;
	struct point		 p;
	struct pickup_list	 list;
	int			 found;

	if (calendar_token(r, token) == NULL) {
		r->status = 404;
		return;
	}
	if ((found = schedule_point_by_token(app->db, token, &p)) != 1) {
		r->status = found == 0 ? 404 : 503;
		return;
	}
	calendar_etag(&p, r, etag);
	response_header(r, "ETag", etag);
	response_header(r, "Cache-Control", "private, max-age=3600");
	response_header(r, "Vary", "Accept-Language, Cookie");
	if (etag_matches(r->if_none_match, etag)) {
		r->status = 304;
		return;
	}
	snprintf(key, sizeof(key), "calendar|%s", etag);
	if ((cached = cache_get(key, &type)) != NULL) {
		buf_append(&r->body, cached->data, cached->len);
		r->content_type = type;
		response_header(r, "Content-Disposition", "inline; filename=\"odpady.ics\"");
		return;
	}
	if (schedule_pickups(app->db, &p, r->today - FEED_DAYS_BEFORE,
	    r->today + FEED_DAYS_AHEAD, r->lang, &list) == -1) {
		r->status = 503;
		return;
	}
	put_calendar(&r->body, app, r, &p, &list);
	pickup_list_free(&list);
	r->content_type = "text/calendar; charset=utf-8";
	response_header(r, "Content-Disposition", "inline; filename=\"odpady.ics\"");
	cache_put(key, &r->body, r->content_type);
}
