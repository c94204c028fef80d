/* page_schedule.c: an address point's next pickups, and its printable year view. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "pages.h"
#include "render.h"
#include "schedule.h"
#include "text.h"

#define UPCOMING_DAYS	62	/* how far ahead the schedule page looks */

/*
 * Copies the page from the worker's cache when it was rendered for
 * the same point, data version, day and language. Returns 1 when it did.
 */
static int
answer_from_cache(struct request *r, const char *key)
{
	const struct buf	*body;
	const char		*type;

	if ((body = cache_get(key, &type)) == NULL)
		return 0;
	buf_append(&r->body, body->data, body->len);
	r->content_type = type;
	response_header(r, "Vary", "Accept-Language, Cookie");
	return 1;
}

/* Keeps a successfully rendered page for answer_from_cache. */
static void
store_in_cache(struct request *r, const char *key)
{
	if (r->status == 200 && r->content_type != NULL)
		cache_put(key, &r->body, r->content_type);
}

/* Loads the point of the path; it must belong to the gmina of the path. */
static int
load_point(struct request *r, struct app *app, struct point *p)
{
	int	 found = schedule_point(app->db,
		    (unsigned long long)request_field(r, "point")->number, p);

	if (found == -1)
		r->status = 503;
	else if (found == 0 || strcmp(p->terc, request_text(r, "gmina")) != 0) {
		r->status = 404;
		return 0;
	}
	return found == 1;
}

static void
set_point(HDF *hdf, struct app *app, const struct point *p, enum lang lang)
{
	struct buf	 url;

	buf_init(&url);
	render_set_int(hdf, "Point.Id", (long long)p->id);
	render_set(hdf, "Point.Label", point_label(p->label, p->label_en, lang));
	render_set(hdf, "Gmina.Terc", p->terc);
	render_set(hdf, "Gmina.Name", p->gmina_name);
	buf_printf(&url, "%s/kalendarz/%s.ics", app->conf->base_url, p->token);
	render_set(hdf, "Point.CalendarUrl", buf_cstr(&url));
	/* webcal:// makes calendar programs offer a subscription instead of a download. */
	if (strncmp(buf_cstr(&url), "https://", 8) == 0 ||
	    strncmp(buf_cstr(&url), "http://", 7) == 0) {
		const char *rest = strstr(buf_cstr(&url), "://") + 3;
		struct buf webcal;

		buf_init(&webcal);
		buf_printf(&webcal, "webcal://%s", rest);
		render_set(hdf, "Point.WebcalUrl", buf_cstr(&webcal));
		buf_free(&webcal);
	}
	buf_free(&url);
}

static void
set_date(HDF *hdf, const char *node, long day, enum lang lang, int with_year)
{
	struct buf	 text;
	char		 path[96], iso[16];
	int		 y, m, d;

	days_to_date(day, &y, &m, &d);
	buf_init(&text);
	lang_date_long(&text, lang, y, m, d, with_year);
	snprintf(path, sizeof(path), "%s.Date", node);
	render_set(hdf, path, buf_cstr(&text));
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	snprintf(path, sizeof(path), "%s.Iso", node);
	render_set(hdf, path, iso);
	snprintf(path, sizeof(path), "%s.Day", node);
	render_set_int(hdf, path, d);
	buf_free(&text);
}

/* Sets <node>.Relative: "dziś", "jutro" or "za 5 dni"; nothing for past days. */
static void
set_relative(HDF *hdf, const char *node, long in_days, enum lang lang)
{
	struct buf	 count, text;
	char		 path[128];

	if (in_days < 0)
		return;
	buf_init(&count);
	buf_init(&text);
	if (in_days == 0)
		buf_puts(&text, lang_text(lang, "Page.Today"));
	else if (in_days == 1)
		buf_puts(&text, lang_text(lang, "Page.Tomorrow"));
	else {
		lang_count(&count, lang, "Day", in_days);
		lang_format(&text, lang, "Page.InDays", 0, buf_cstr(&count));
	}
	snprintf(path, sizeof(path), "%s.Relative", node);
	render_set(hdf, path, buf_cstr(&text));
	buf_free(&count);
	buf_free(&text);
}

/*
 * Groups pickups by day under P.<node>.N: Date, Iso, Day, InDays (days from
 * today), Relative and Fractions.M.{Code,Name,Color}. Items are sorted by day.
 */
static void
set_day_groups(HDF *hdf, const char *node, const struct pickup *items, size_t count,
    enum lang lang, long today, int with_year)
{
	char	 group[64], path[128];
	size_t	 i, g = 0, f = 0;

	for (i = 0; i < count; i++) {
		if (i > 0 && items[i].day != items[i - 1].day) {
			g++;
			f = 0;
		}
		snprintf(group, sizeof(group), "%s.%zu", node, g);
		if (f == 0) {
			set_date(hdf, group, items[i].day, lang, with_year);
			snprintf(path, sizeof(path), "%s.InDays", group);
			render_set_int(hdf, path, items[i].day - today);
			set_relative(hdf, group, items[i].day - today, lang);
		}
		snprintf(path, sizeof(path), "%s.Fractions.%zu.Code", group, f);
		render_set(hdf, path, items[i].code);
		snprintf(path, sizeof(path), "%s.Fractions.%zu.Name", group, f);
		render_set(hdf, path, items[i].name);
		snprintf(path, sizeof(path), "%s.Fractions.%zu.Color", group, f);
		render_set(hdf, path, items[i].color);
		f++;
	}
}

/* Sets P.<name> to a date without the weekday: "31 grudnia 2025". */
static void
set_plain_date(HDF *hdf, const char *name, long day, enum lang lang)
{
	struct buf	 text;
	int		 y, m, d;

	buf_init(&text);
	days_to_date(day, &y, &m, &d);
	lang_date(&text, lang, y, m, d);
	render_set(hdf, name, buf_cstr(&text));
	buf_free(&text);
}

static void
set_span(HDF *hdf, const struct pickup_list *list, enum lang lang)
{
	int	 y, m, d;

	if (list->last_day == 0)
		return;
	set_plain_date(hdf, "ValidFrom", list->first_day, lang);
	set_plain_date(hdf, "ValidTo", list->last_day, lang);
	if (list->last_pickup == 0)
		return;
	/* Year views are offered for the years that hold this point's pickups. */
	days_to_date(list->first_pickup, &y, &m, &d);
	render_set_int(hdf, "FirstYear", y);
	days_to_date(list->last_pickup, &y, &m, &d);
	render_set_int(hdf, "LastYear", y);
}

void
page_schedule(struct request *r, struct app *app)
{
	struct point		 p;
	struct pickup_list	 list;
	HDF			*hdf;
	char			 key[96];
	int			 y, m, d;

	if (!load_point(r, app, &p))
		return;
	snprintf(key, sizeof(key), "schedule|%llu|%u|%ld|%s", p.id, p.data_version,
	    r->today, lang_code(r->lang));
	if (answer_from_cache(r, key))
		return;
	if (schedule_pickups(app->db, &p, r->today, r->today + UPCOMING_DAYS,
	    r->lang, &list) == -1) {
		r->status = 503;
		return;
	}
	if ((hdf = render_begin(app->render, r, "schedule.cs")) != NULL) {
		set_point(hdf, app, &p, r->lang);
		set_span(hdf, &list, r->lang);
		days_to_date(r->today, &y, &m, &d);
		render_set_int(hdf, "ThisYear", y);
		render_set_int(hdf, "Ended", list.last_day != 0 && list.last_day < r->today);
		render_set_int(hdf, "NotStarted", list.first_day > r->today + UPCOMING_DAYS);
		set_day_groups(hdf, "Days", list.items, list.count, r->lang, r->today, 0);
		render_page(app->render, r);
		store_in_cache(r, key);
	} else
		r->status = 500;
	pickup_list_free(&list);
	response_header(r, "Vary", "Accept-Language, Cookie");
}

/* Splits the year's pickups into months under P.Months.M (1..12). */
static void
set_months(HDF *hdf, const struct pickup_list *list, enum lang lang, int year, long today)
{
	struct buf	 heading;
	char		 node[64];
	size_t		 start = 0, end;
	int		 month, y, m, d;

	buf_init(&heading);
	for (month = 1; month <= 12; month++) {
		for (end = start; end < list->count; end++) {
			days_to_date(list->items[end].day, &y, &m, &d);
			if (m != month)
				break;
		}
		snprintf(node, sizeof(node), "Months.%d.Heading", month);
		buf_reset(&heading);
		lang_month_heading(&heading, lang, year, month);
		render_set(hdf, node, buf_cstr(&heading));
		snprintf(node, sizeof(node), "Months.%d.Days", month);
		set_day_groups(hdf, node, list->items + start, end - start, lang, today, 0);
		start = end;
	}
	buf_free(&heading);
}

/* Lists each fraction of the year once under P.Legend, in display order of first use. */
static void
set_legend(HDF *hdf, const struct pickup_list *list)
{
	char	 path[64];
	size_t	 i, j, n = 0;

	for (i = 0; i < list->count; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(list->items[j].code, list->items[i].code) == 0)
				break;
		if (j < i)
			continue;
		snprintf(path, sizeof(path), "Legend.%zu.Name", n);
		render_set(hdf, path, list->items[i].name);
		snprintf(path, sizeof(path), "Legend.%zu.Color", n);
		render_set(hdf, path, list->items[i].color);
		snprintf(path, sizeof(path), "Legend.%zu.Code", n++);
		render_set(hdf, path, list->items[i].code);
	}
}

void
page_year(struct request *r, struct app *app)
{
	struct point		 p;
	struct pickup_list	 list;
	HDF			*hdf;
	char			 key[96];
	int			 year = (int)request_field(r, "year")->number;

	if (!load_point(r, app, &p))
		return;
	snprintf(key, sizeof(key), "year|%llu|%u|%d|%ld|%s", p.id, p.data_version,
	    year, r->today, lang_code(r->lang));
	if (answer_from_cache(r, key))
		return;
	if (schedule_pickups(app->db, &p, date_to_days(year, 1, 1),
	    date_to_days(year, 12, 31), r->lang, &list) == -1) {
		r->status = 503;
		return;
	}
	if ((hdf = render_begin(app->render, r, "year.cs")) != NULL) {
		set_point(hdf, app, &p, r->lang);
		set_span(hdf, &list, r->lang);
		render_set_int(hdf, "Year", year);
		render_set_int(hdf, "PrevYear", year - 1);
		render_set_int(hdf, "NextYear", year + 1);
		render_set_int(hdf, "Count", (long long)list.count);
		set_months(hdf, &list, r->lang, year, r->today);
		set_legend(hdf, &list);
		render_page(app->render, r);
		store_in_cache(r, key);
	} else
		r->status = 500;
	pickup_list_free(&list);
	response_header(r, "Vary", "Accept-Language, Cookie");
}
