/* page_report_list.c: the public list of a gmina's confirmed reports, newest first. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "render.h"
#include "report_public_web.h"
#include "token.h"

/* Sets P.Count: "5 zgłoszeń", or "ponad 10 000 zgłoszeń" above the cap. */
static void
set_count(HDF *hdf, long n, enum lang lang)
{
	struct buf	 text;

	buf_init(&text);
	if (n > REPORT_COUNT_CAP)
		buf_puts(&text, lang_text(lang, "Page.Reports.MoreThanCap"));
	else
		lang_count(&text, lang, "PublicReport", n);
	render_set(hdf, "Count", buf_cstr(&text));
	render_set_int(hdf, "CountNumber", n);
	buf_free(&text);
}

static void
set_row(HDF *hdf, size_t i, const struct db_result *res, enum lang lang)
{
	struct buf	 when;
	char		 path[64], key[48];

	buf_init(&when);
	public_local_time(&when, lang, public_utc(db_cell(res, i, 3)));
#define ROW(field, value) do { \
	snprintf(path, sizeof(path), "Rows.%zu." field, i); \
	render_set(hdf, path, value); } while (0)
	ROW("Number", db_cell(res, i, 1));
	ROW("Status", db_cell(res, i, 2));
	snprintf(key, sizeof(key), "Report.Status.%s", db_cell(res, i, 2));
	ROW("StatusName", lang_text(lang, key));
	ROW("When", buf_cstr(&when));
	ROW("Category", db_cell(res, i, lang == LANG_EN ? 5 : 4));
	ROW("Address", db_cell(res, i, 6));
	ROW("Description", db_cell(res, i, 7));
#undef ROW
	buf_free(&when);
}

/* Sets the rows of the page and P.Next, the query of the next page, if any. */
static void
set_rows(HDF *hdf, const struct db_result *res, const struct report_filter *f,
    enum lang lang)
{
	struct report_cursor	 next;
	struct buf		 query;
	char			 cursor[48];
	size_t			 i, shown = res->rows;

	if (shown > REPORT_PAGE_SIZE)
		shown = REPORT_PAGE_SIZE;
	for (i = 0; i < shown; i++)
		set_row(hdf, i, res, lang);
	render_set_int(hdf, "Shown", (long long)shown);
	if (res->rows <= REPORT_PAGE_SIZE)
		return;
	next.confirmed = public_utc(db_cell(res, shown - 1, 3));
	next.id = (unsigned long long)db_cell_int(res, shown - 1, 0);
	report_cursor_format(&next, cursor);
	buf_init(&query);
	public_filter_query(&query, f);
	buf_printf(&query, "%spo=%s", query.len > 0 ? "&" : "", cursor);
	render_set(hdf, "Next", buf_cstr(&query));
	buf_free(&query);
}

static int
render_list(struct request *r, struct app *app, const struct gmina *g,
    struct report_filter *f, const struct report_cursor *cur)
{
	struct db_result	 rows;
	struct buf		 query;
	long			 count;
	HDF			*hdf;

	if (report_filter_resolve(app->db, g->id, f) == -1 ||
	    (count = report_public_count(app->db, g->id, f)) == -1 ||
	    report_public_page(app->db, g->id, f, cur, &rows) == -1)
		return -1;
	if ((hdf = render_begin(app->render, r, "public_list.cs")) == NULL) {
		db_result_free(&rows);
		r->status = 500;
		return 0;
	}
	render_set(hdf, "Gmina.Terc", g->terc);
	render_set(hdf, "Gmina.Name", g->name);
	set_count(hdf, count, r->lang);
	set_rows(hdf, &rows, f, r->lang);
	render_set_int(hdf, "Later", cur->confirmed != 0);
	buf_init(&query);
	public_filter_query(&query, f);
	render_set(hdf, "FilterQuery", buf_cstr(&query));
	buf_free(&query);
	db_result_free(&rows);
	if (public_filter_form(hdf, app, g->id, f, r->lang) == -1) {
		hdf_remove_tree(hdf, "P");
		return -1;
	}
	render_page(app->render, r);
	return 0;
}

void
page_report_list(struct request *r, struct app *app)
{
	struct gmina		 g;
	struct report_filter	 f;
	struct report_cursor	 cur = { 0, 0 };
	struct buf		 what;
	const struct buf	*cached;
	const char		*type, *after = request_text(r, "po");
	char			 etag[40], key[64];
	long long		 version;

	if (!public_gmina(r, app, &g) || public_filter(r, &f) == -1)
		return;
	if (after != NULL && report_cursor_parse(after, &cur) == -1) {
		snprintf(r->invalid_field, sizeof(r->invalid_field), "po");
		r->status = 400;
		return;
	}
	if ((version = report_public_version(app->db, g.id)) == -1) {
		r->status = 503;
		return;
	}
	buf_init(&what);
	buf_printf(&what, "list|%llu|%lld|%s|", g.id, version, lang_code(r->lang));
	public_filter_query(&what, &f);
	buf_printf(&what, "|%s", after != NULL ? after : "");
	if (public_etag(r, buf_cstr(&what), etag)) {
		buf_free(&what);
		return;
	}
	buf_free(&what);
	snprintf(key, sizeof(key), "list|%s", etag);
	if ((cached = cache_get(key, &type)) != NULL) {
		buf_append(&r->body, cached->data, cached->len);
		r->content_type = type;
		return;
	}
	if (render_list(r, app, &g, &f, &cur) == -1) {
		r->status = 503;
		return;
	}
	if (r->status == 200 && r->content_type != NULL)
		cache_put(key, &r->body, r->content_type);
}
