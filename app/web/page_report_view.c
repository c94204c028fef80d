/* page_report_view.c: one report's page with its place, photos and public history. */
#include "cs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "report_access.h"
#include "report_public_web.h"
#include "report_state.h"
#include "upload_send.h"

static const char sql_report[] =
    "SELECT r.id, r.public_number, r.status, c.name_pl, c.name_en,"
    " pc.name_pl, pc.name_en, r.lat, r.lon, r.address_text, r.description,"
    " r.author_name, r.anonymous,"
    " DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s'),"
    " DATE_FORMAT(r.confirmed_at, '%Y-%m-%d %H:%i:%s'),"
    " DATE_FORMAT(r.deadline_at, '%Y-%m-%d %H:%i:%s'),"
    " COALESCE(r.duplicate_of, 0)"
    " FROM report r JOIN report_category c ON c.id = r.category_id"
    " LEFT JOIN report_category pc ON pc.id = c.parent_id"
    " WHERE r.tenant_id = ? AND r.public_number = ?";
enum { R_ID, R_NUMBER, R_STATUS, R_CAT_PL, R_CAT_EN, R_GROUP_PL, R_GROUP_EN, R_LAT,
	R_LON, R_ADDRESS, R_DESCRIPTION, R_AUTHOR, R_ANONYMOUS, R_CREATED, R_CONFIRMED,
	R_DEADLINE, R_DUPLICATE_OF };

static const char sql_events[] =
    "SELECT DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i:%s'), e.kind,"
    " COALESCE(e.from_status, ''), COALESCE(e.to_status, ''), e.is_public, e.body, "
    REPORT_EVENT_FOR_UNIT_SQL("e", "r")
    " FROM report_event e JOIN report r ON r.id = e.report_id"
    " WHERE e.tenant_id = ? AND e.report_id = ? ORDER BY e.id";

static const char sql_photos[] =
    "SELECT token, width, height FROM report_photo"
    " WHERE tenant_id = ? AND report_id = ? AND hidden = 0 ORDER BY sort_order, id";

/* A photo of the report; hidden ones only for the office. */
static const char sql_photo[] =
    "SELECT hidden FROM report_photo WHERE tenant_id = ? AND report_id = ? AND token = ?";

static const char sql_number[] =
    "SELECT public_number FROM report WHERE tenant_id = ? AND id = ?";

/* Whether the number has the form of a public number: "2026-000123". */
static bool
number_ok(const char *s)
{
	size_t	 n = strspn(s, "0123456789");

	return n == 4 && s[4] == '-' && strspn(s + 5, "0123456789") >= 1 &&
	    s[5 + strspn(s + 5, "0123456789")] == '\0';
}

static void
set_time(HDF *hdf, const char *name, const char *utc, enum lang lang)
{
	struct buf	 text;

	if (utc == NULL)
		return;
	buf_init(&text);
	public_local_time(&text, lang, public_utc(utc));
	render_set(hdf, name, buf_cstr(&text));
	buf_free(&text);
}

static void
set_event(HDF *hdf, size_t n, const struct db_result *ev, size_t i, enum lang lang)
{
	char	 path[64], key[64];

#define EV(field, value) do { \
	snprintf(path, sizeof(path), "Events.%zu." field, n); \
	render_set(hdf, path, value); } while (0)
	snprintf(path, sizeof(path), "Events.%zu.When", n);
	set_time(hdf, path, db_cell(ev, i, 0), lang);
	EV("Kind", db_cell(ev, i, 1));
	snprintf(key, sizeof(key), "Page.PublicReport.Event.%s", db_cell(ev, i, 1));
	EV("KindName", lang_text(lang, key));
	if (db_cell(ev, i, 2)[0] != '\0') {
		snprintf(key, sizeof(key), "Report.Status.%s", db_cell(ev, i, 2));
		EV("From", lang_text(lang, key));
	}
	if (db_cell(ev, i, 3)[0] != '\0') {
		snprintf(key, sizeof(key), "Report.Status.%s", db_cell(ev, i, 3));
		EV("To", lang_text(lang, key));
	}
	EV("Internal", db_cell_int(ev, i, 4) ? "0" : "1");
	EV("Body", db_cell(ev, i, 5));
#undef EV
}

/* The history events the viewer may see (report_event_visible), oldest first. */
static int
set_events(HDF *hdf, struct app *app, unsigned long long tenant_id,
    unsigned long long id, enum report_access access, enum lang lang)
{
	struct db_result	 ev;
	size_t			 i, n = 0;

	if (db_query(app->db, sql_events, DB_ARGS(DB_I(tenant_id), DB_I(id)), &ev) == -1)
		return -1;
	for (i = 0; i < ev.rows; i++) {
		struct report_event_ref e = { .is_public = db_cell_int(&ev, i, 4) != 0,
		    .for_unit = db_cell_int(&ev, i, 6) != 0 };

		if (report_event_visible(access, &e))
			set_event(hdf, n++, &ev, i, lang);
	}
	db_result_free(&ev);
	return 0;
}

static int
set_photos(HDF *hdf, struct app *app, unsigned long long tenant_id,
    unsigned long long id)
{
	struct db_result	 ph;
	char			 path[64];
	size_t			 i;

	if (db_query(app->db, sql_photos, DB_ARGS(DB_I(tenant_id), DB_I(id)), &ph) == -1)
		return -1;
	for (i = 0; i < ph.rows; i++) {
		snprintf(path, sizeof(path), "Photos.%zu.Token", i);
		render_set(hdf, path, db_cell(&ph, i, 0));
		snprintf(path, sizeof(path), "Photos.%zu.Width", i);
		render_set(hdf, path, db_cell(&ph, i, 1));
		snprintf(path, sizeof(path), "Photos.%zu.Height", i);
		render_set(hdf, path, db_cell(&ph, i, 2));
	}
	db_result_free(&ph);
	return 0;
}

/* Sets P.DuplicateOf to the original's number when the viewer may see the original. */
static int
set_duplicate_of(HDF *hdf, struct app *app, const struct viewer *v,
    unsigned long long tenant_id, unsigned long long original)
{
	struct report_ref	 ref;
	struct db_result	 res;
	int			 found;

	if (original == 0)
		return 0;
	if ((found = report_ref_load(app->db, tenant_id, original, &ref)) != 1)
		return found;
	if (report_visible(v, &ref) == REPORT_ACCESS_NONE)
		return 0;
	if (db_query(app->db, sql_number, DB_ARGS(DB_I(tenant_id), DB_I(original)),
	    &res) == -1)
		return -1;
	if (res.rows == 1)
		render_set(hdf, "DuplicateOf", db_cell(&res, 0, 0));
	db_result_free(&res);
	return 0;
}

/* Deadline and overdue marking, for reports still open. */
static void
set_deadline(HDF *hdf, const char *deadline, enum report_status status, time_t now,
    enum lang lang)
{
	time_t	 t = public_utc(deadline);

	if (t == 0 || report_status_closed(status) || status == REPORT_DONE)
		return;
	set_time(hdf, "Deadline", deadline, lang);
	render_set_int(hdf, "Overdue", now > t);
}

static void
set_report(HDF *hdf, const struct db_result *res, const struct report_ref *ref,
    enum report_access access, time_t now, enum lang lang)
{
	enum report_status	 status;
	bool			 en = lang == LANG_EN;
	char			 key[48];

	if (report_status_parse(db_cell(res, 0, R_STATUS), &status) == -1)
		status = REPORT_NEW;
	render_set(hdf, "Report.Number", db_cell(res, 0, R_NUMBER));
	render_set(hdf, "Report.Status", db_cell(res, 0, R_STATUS));
	snprintf(key, sizeof(key), "Report.Status.%s", db_cell(res, 0, R_STATUS));
	render_set(hdf, "Report.StatusName", lang_text(lang, key));
	render_set(hdf, "Report.Category", db_cell(res, 0, en ? R_CAT_EN : R_CAT_PL));
	render_set(hdf, "Report.Group", db_cell(res, 0, en ? R_GROUP_EN : R_GROUP_PL));
	render_set(hdf, "Report.Lat", db_cell(res, 0, R_LAT));
	render_set(hdf, "Report.Lon", db_cell(res, 0, R_LON));
	render_set(hdf, "Report.Address", db_cell(res, 0, R_ADDRESS));
	render_set(hdf, "Report.Description", db_cell(res, 0, R_DESCRIPTION));
	if (db_cell_int(res, 0, R_ANONYMOUS) == 0)
		render_set(hdf, "Report.Author", db_cell(res, 0, R_AUTHOR));
	else if (access == REPORT_ACCESS_AUTHOR || access == REPORT_ACCESS_STAFF)
		/*
		 * The author and the gmina's office see the name, marked as hidden
		 * from the public; an outside unit does not.
		 */
		render_set(hdf, "Report.HiddenAuthor", db_cell(res, 0, R_AUTHOR));
	render_set_int(hdf, "Report.Anonymous", db_cell_int(res, 0, R_ANONYMOUS));
	set_time(hdf, "Report.Created", db_cell(res, 0, R_CREATED), lang);
	set_time(hdf, "Report.Confirmed", db_cell(res, 0, R_CONFIRMED), lang);
	/* Public by the rule of report_visible: confirmed, not hidden, public category. */
	render_set_int(hdf, "Report.Public",
	    ref->confirmed && !ref->hidden && ref->category_public);
	render_set_int(hdf, "Report.Closed", report_status_closed(status));
	set_deadline(hdf, db_cell(res, 0, R_DEADLINE), status, now, lang);
	render_set_int(hdf, "Access", (long long)access);
}

/* Loads the report of the path and the viewer's access; 404 when it is NONE. */
static int
load_report(struct request *r, struct app *app, const struct gmina *g,
    struct viewer *v, struct db_result *res, struct report_ref *ref,
    enum report_access *access)
{
	const char		*number = request_text(r, "number");
	int			 found;

	if (!number_ok(number)) {
		r->status = 404;
		return 0;
	}
	if (db_query(app->db, sql_report, DB_ARGS(DB_I(g->id), DB_S(number)), res) == -1)
		goto unavailable;
	if (res->rows != 1)
		goto not_found;
	found = report_ref_load(app->db, g->id,
	    (unsigned long long)db_cell_int(res, 0, R_ID), ref);
	if (found == -1 || viewer_load(app->db, r->account_id, g->id, v) == -1)
		goto unavailable;
	if (found == 0 || (*access = report_visible(v, ref)) == REPORT_ACCESS_NONE)
		goto not_found;
	return 1;
not_found:
	db_result_free(res);
	r->status = 404;
	return 0;
unavailable:
	db_result_free(res);
	r->status = 503;
	return 0;
}

void
page_report_view(struct request *r, struct app *app)
{
	struct gmina		 g;
	struct viewer		 v;
	struct report_ref	 ref;
	struct db_result	 res;
	enum report_access	 access = REPORT_ACCESS_NONE;
	unsigned long long	 id;
	HDF			*hdf;

	if (!public_gmina(r, app, &g) || !load_report(r, app, &g, &v, &res, &ref, &access))
		return;
	id = (unsigned long long)db_cell_int(&res, 0, R_ID);
	/* Each viewer may see another page: never cached by the browser or a proxy. */
	response_header(r, "Cache-Control", "private, no-store");
	response_header(r, "Vary", "Accept-Language, Cookie");
	if ((hdf = render_begin(app->render, r, "public_report.cs")) == NULL) {
		db_result_free(&res);
		r->status = 500;
		return;
	}
	render_set(hdf, "Gmina.Terc", g.terc);
	render_set(hdf, "Gmina.Name", g.name);
	render_set(hdf, "TileUrl", app->conf->tile_url);
	render_set(hdf, "TileAttribution", app->conf->tile_attribution);
	set_report(hdf, &res, &ref, access, r->now, r->lang);
	render_set_int(hdf, "SignedIn", r->account_id != 0);
	if (set_events(hdf, app, g.id, id, access, r->lang) == -1 ||
	    set_photos(hdf, app, g.id, id) == -1 ||
	    set_duplicate_of(hdf, app, &v, g.id,
	    (unsigned long long)db_cell_int(&res, 0, R_DUPLICATE_OF)) == -1) {
		hdf_remove_tree(hdf, "P");
		db_result_free(&res);
		r->status = 503;
		return;
	}
	db_result_free(&res);
	render_page(app->render, r);
}

/* Sends one photo (or its thumbnail) of a report the viewer may see. */
static void
send_photo(struct request *r, struct app *app, enum upload_variant variant)
{
	struct gmina		 g;
	struct viewer		 v;
	struct report_ref	 ref;
	struct db_result	 res, ph;
	enum report_access	 access = REPORT_ACCESS_NONE;
	const char		*token = request_text(r, "token");
	int			 rc;

	if (!public_gmina(r, app, &g) || !load_report(r, app, &g, &v, &res, &ref, &access))
		return;
	rc = db_query(app->db, sql_photo, DB_ARGS(DB_I(g.id), DB_I(ref.id), DB_S(token)), &ph);
	db_result_free(&res);
	if (rc == -1) {
		r->status = 503;
		return;
	}
	if (ph.rows != 1 || (db_cell_int(&ph, 0, 0) != 0 && !report_access_is_staff(access)))
		r->status = 404;
	else
		/*
		 * Never "public": moderation may hide the photo or the report later,
		 * and a shared cache would keep serving it for a year.
		 */
		upload_send(r, app->conf->upload_dir, token, variant, false);
	db_result_free(&ph);
	response_header(r, "Vary", "Cookie");
}

void
page_report_photo(struct request *r, struct app *app)
{
	send_photo(r, app, UPLOAD_PHOTO);
}

void
page_report_thumbnail(struct request *r, struct app *app)
{
	send_photo(r, app, UPLOAD_THUMB);
}
