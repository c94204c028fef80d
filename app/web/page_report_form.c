/* page_report_form.c: /gmina/TERC/zgloszenia/nowe, the form on which a resident reports a problem. */
#include "cs.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "page_account.h"
#include "render.h"
#include "report.h"
#include "report_access.h"
#include "report_submit.h"
#include "schedule.h"
#include "session.h"
#include "text.h"
#include "token.h"

const struct field_spec report_form_query[] = {
	{ "grupa", FIELD_UINT, false, 0 }, { "kategoria", FIELD_UINT, false, 0 },
	{ NULL, 0, false, 0 } };

/*
 * Limits here are loose on purpose: a value that is too long is shown again with
 * a sentence beside its field instead of an error page (REPORT_DESCRIPTION_MAX
 * and the others are checked by the handler). The typed fields are
 * FIELD_BY_HANDLER, so control characters or invalid UTF-8 in them also get
 * a sentence beside the field, with the rest of the input kept.
 */
const struct field_spec report_form[] = {
	{ "category", FIELD_UINT | FIELD_BY_HANDLER, false, 0 },
	{ "description", FIELD_MULTILINE | FIELD_BY_HANDLER, false, 16000 },
	{ "lat", FIELD_TEXT | FIELD_BY_HANDLER, false, 40 },
	{ "lon", FIELD_TEXT | FIELD_BY_HANDLER, false, 40 },
	{ "point", FIELD_UINT | FIELD_BY_HANDLER, false, 0 },
	{ "address_q", FIELD_TEXT | FIELD_BY_HANDLER, false, 100 },
	{ "email", FIELD_TEXT | FIELD_BY_HANDLER, false, 1000 },
	{ "author_name", FIELD_TEXT | FIELD_BY_HANDLER, false, 1000 },
	{ "anonymous", FIELD_UINT, false, 1 }, { "action", FIELD_TEXT, false, 20 },
	{ "nearby_seen", FIELD_UINT, false, 1 }, { "form_nonce", FIELD_TEXT, false, 40 },
	{ "outside_ok", FIELD_UINT, false, 1 },
	{ NULL, 0, false, 0 } };

const struct field_spec report_done_path[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "number", FIELD_TEXT, true, 20 },
	{ NULL, 0, false, 0 } };

static const char sql_gmina[] =
    "SELECT id, terc, name FROM tenant WHERE terc = ?";
static const char sql_by_nonce[] =
    "SELECT public_number, author_id FROM report WHERE tenant_id = ? AND form_nonce = ?";
static const char sql_set_nonce[] =
    "UPDATE report SET form_nonce = ? WHERE id = ?";
static const char sql_done[] =
    "SELECT author_id, author_email IS NOT NULL AND email_confirmed_at IS NULL"
    " FROM report WHERE tenant_id = ? AND public_number = ?";
static const char sql_in_gmina[] =
    "SELECT boundary IS NULL OR ST_Contains(boundary,"
    " ST_GeomFromText(CONCAT('POINT(', ?, ' ', ?, ')'))) FROM tenant WHERE id = ?";
static const char sql_point_label[] =
    "SELECT label, label_en FROM address_point WHERE tenant_id = ? AND id = ?";
/* The map's first view: the gmina's boundary, else its reports, else none. */
static const char sql_center[] =
    "SELECT COALESCE(ST_Y(ST_Centroid(t.boundary)), (SELECT AVG(r.lat) FROM report r"
    "  WHERE r.tenant_id = t.id AND r.lat IS NOT NULL)),"
    " COALESCE(ST_X(ST_Centroid(t.boundary)), (SELECT AVG(r.lon) FROM report r"
    "  WHERE r.tenant_id = t.id AND r.lon IS NOT NULL))"
    " FROM tenant t WHERE t.id = ?";

/* The form as typed, for checks and for showing it again. */
struct report_input {
	const char	*description, *lat_text, *lon_text, *address_q, *email, *name;
	const char	*nonce;		/* the form's one-time nonce, or NULL */
	unsigned long long point_id;
	bool		 anonymous;
	bool		 outside_ok;	/* the resident confirmed a position outside the gmina */
	bool		 point_invalid;	/* "point" was not an id */
	struct place	 place;
	char		 point_label[512];
	char		*attributes;	/* JSON of the extra fields, or NULL */
	int		 errors;
};

int
submit_gmina(struct request *r, struct app *app, struct gmina_ref *g)
{
	struct db_result	 res;

	memset(g, 0, sizeof(*g));
	if (db_query(app->db, sql_gmina, DB_ARGS(DB_S(request_text(r, "gmina"))),
	    &res) == -1) {
		r->status = 503;
		return -1;
	}
	if (res.rows != 1) {
		db_result_free(&res);
		r->status = 404;
		return 0;
	}
	g->id = (unsigned long long)db_cell_int(&res, 0, 0);
	snprintf(g->terc, sizeof(g->terc), "%s", db_cell(&res, 0, 1));
	snprintf(g->name, sizeof(g->name), "%s", db_cell(&res, 0, 2));
	db_result_free(&res);
	return 1;
}

bool
submit_email_ok(const char *email, char key[255])
{
	return email != NULL && account_email_key(email, key);
}

/* Begins a form page: no-store, the "pre" cookie of anonymous forms, the gmina and the map. */
static HDF *
form_begin(struct request *r, struct app *app, const struct gmina_ref *g,
    const char *template)
{
	struct db_result	 res;
	HDF			*hdf;

	if ((hdf = account_begin(r, app, template)) == NULL)
		return NULL;
	render_set(hdf, "Gmina.Terc", g->terc);
	render_set(hdf, "Gmina.Name", g->name);
	render_set_int(hdf, "SignedIn", r->account_id != 0);
	render_set(hdf, "Map.TileUrl", app->conf->tile_url);
	render_set(hdf, "Map.Attribution", app->conf->tile_attribution);
	if (db_query(app->db, sql_center, DB_ARGS(DB_I(g->id)), &res) == 0) {
		if (res.rows == 1 && db_cell(&res, 0, 0) != NULL) {
			render_set(hdf, "Map.Lat", db_cell(&res, 0, 0));
			render_set(hdf, "Map.Lon", db_cell(&res, 0, 1));
		}
		db_result_free(&res);
	}
	return hdf;
}

/* Shows the tree step: the groups or leaves under grupa, with an optional error. */
static void
show_tree(struct request *r, struct app *app, const struct gmina_ref *g,
    unsigned long long group, int status, const char *error)
{
	HDF	*hdf;
	int	 n;

	if ((hdf = form_begin(r, app, g, "submit_category.cs")) == NULL)
		return;
	if ((n = category_tree(app, hdf, r->lang, g->id, group)) == -1) {
		r->status = 503;
		return;
	}
	if (n == 0 && group != 0 && category_tree(app, hdf, r->lang, g->id, 0) == -1) {
		r->status = 503;
		return;
	}
	render_set(hdf, "Error", error);
	if (render_page(app->render, r) == 0)
		r->status = status;
}

static void
set_category(HDF *hdf, const struct category *c)
{
	render_set_int(hdf, "Category.Id", (long long)c->id);
	render_set(hdf, "Category.Name", c->name);
	render_set(hdf, "Category.Help", c->help);
	render_set_int(hdf, "Category.Public", c->is_public);
}

void
page_report_form(struct request *r, struct app *app)
{
	const struct field	*group = request_field(r, "grupa");
	const struct field	*leaf = request_field(r, "kategoria");
	struct gmina_ref	 g;
	struct category		 c;
	HDF			*hdf;
	char			 nonce[TOKEN_LEN + 1];
	int			 found;

	if (submit_gmina(r, app, &g) != 1)
		return;
	if (leaf == NULL) {
		show_tree(r, app, &g, group ? (unsigned long long)group->number : 0, 200, NULL);
		return;
	}
	if ((found = category_load(app, r->lang, g.id, (unsigned long long)leaf->number,
	    &c)) != 1) {
		if (found == -1)
			r->status = 503;
		else
			show_tree(r, app, &g, 0, 404, "Category");
		return;
	}
	if ((hdf = form_begin(r, app, &g, "submit_form.cs")) != NULL) {
		set_category(hdf, &c);
		category_fields_show(&c, hdf);
		render_set_int(hdf, "Form.Max", REPORT_DESCRIPTION_MAX);
		if (token_random(nonce) == 0)
			render_set(hdf, "Form.Nonce", nonce);
		render_page(app->render, r);
	}
	category_free(&c);
}

/* Sets the typed values again, so nothing is lost on an error. */
static void
show_input(HDF *hdf, const struct report_input *in)
{
	render_set(hdf, "Form.Description", in->description);
	render_set(hdf, "Form.Lat", in->lat_text);
	render_set(hdf, "Form.Lon", in->lon_text);
	render_set(hdf, "Form.AddressQ", in->address_q);
	render_set(hdf, "Form.Email", in->email);
	render_set(hdf, "Form.Name", in->name);
	render_set(hdf, "Form.Nonce", in->nonce);
	render_set_int(hdf, "Form.Anonymous", in->anonymous);
	render_set_int(hdf, "Form.OutsideOk", in->outside_ok);
	if (in->point_id != 0) {
		render_set_int(hdf, "Form.Point", (long long)in->point_id);
		render_set(hdf, "Form.PointLabel", in->point_label);
	}
	render_set_int(hdf, "Form.Max", REPORT_DESCRIPTION_MAX);
	render_set_int(hdf, "Form.Length", in->description ?
	    (long long)utf8_length(in->description) : 0);
}

/*
 * Parses a coordinate in plain decimal degrees ("54.35", "54,35", "-3") within
 * -limit..limit. Exponents, hexadecimal, "inf" and signs other than a leading
 * minus are rejected, although strtod would take them.
 */
static bool
coordinate(const char *s, double limit, double *out)
{
	char	 copy[48], *end;
	size_t	 i = 0, digits = 0, fraction = 0;

	if (strlen(s) >= sizeof(copy))
		return false;
	snprintf(copy, sizeof(copy), "%s", s);
	if (copy[i] == '-')
		i++;
	for (; isdigit((unsigned char)copy[i]); i++)
		digits++;
	if (copy[i] == ',' || copy[i] == '.') {
		copy[i++] = '.';
		for (; isdigit((unsigned char)copy[i]); i++)
			fraction++;
		if (fraction == 0)
			return false;
	}
	if (digits == 0 || digits > 3 || copy[i] != '\0')
		return false;
	*out = strtod(copy, &end);
	return *end == '\0' && fabs(*out) <= limit;
}

/* Whether the field was sent with characters its type does not allow. */
static bool
field_invalid(struct request *r, const char *name)
{
	const struct field	*f = request_field(r, name);

	return f != NULL && f->invalid;
}

static void
input_error(HDF *hdf, struct report_input *in, const char *field, const char *key)
{
	char	 name[64];

	snprintf(name, sizeof(name), "Errors.%s", field);
	render_set(hdf, name, key);
	in->errors++;
}

/*
 * Asks the resident to confirm a position outside the gmina's boundary (when one
 * is known): such a report goes to the triage unit. Returns 0 or -1.
 */
static int
check_in_gmina(struct app *app, const struct gmina_ref *g, HDF *hdf,
    struct report_input *in)
{
	struct db_result	 res;
	char			 lat[32], lon[32];
	bool			 inside;

	snprintf(lat, sizeof(lat), "%.7f", in->place.lat);
	snprintf(lon, sizeof(lon), "%.7f", in->place.lon);
	if (db_query(app->db, sql_in_gmina, DB_ARGS(DB_T(lon), DB_T(lat), DB_I(g->id)),
	    &res) == -1)
		return -1;
	inside = res.rows == 1 && db_cell_int(&res, 0, 0) != 0;
	db_result_free(&res);
	if (!inside) {
		input_error(hdf, in, "Place", "Outside");
		render_set_int(hdf, "OutsideAsk", 1);
	}
	return 0;
}

/* Reads the place: a map position (both coordinates) or an address point of the gmina. */
static int
read_place(struct request *r, struct app *app, const struct gmina_ref *g, HDF *hdf,
    struct report_input *in)
{
	struct db_result	 res;
	bool			 lat_ok, lon_ok, wrong = false;

	if (in->point_invalid) {
		input_error(hdf, in, "Place", "Address");
		return 0;
	}
	if (in->lat_text != NULL || in->lon_text != NULL) {
		lat_ok = in->lat_text != NULL && !field_invalid(r, "lat") &&
		    coordinate(in->lat_text, 90.0, &in->place.lat);
		lon_ok = in->lon_text != NULL && !field_invalid(r, "lon") &&
		    coordinate(in->lon_text, 180.0, &in->place.lon);
		wrong = !lat_ok || !lon_ok;
		in->place.has_position = !wrong;
	}
	if (in->point_id != 0) {
		if (db_query(app->db, sql_point_label, DB_ARGS(DB_I(g->id),
		    DB_I(in->point_id)), &res) == -1)
			return -1;
		if (res.rows == 1) {
			snprintf(in->point_label, sizeof(in->point_label), "%s",
			    point_label(db_cell(&res, 0, 0), db_cell(&res, 0, 1), r->lang));
			in->place.point_id = in->point_id;
		} else {
			in->point_id = 0;
			db_result_free(&res);
			input_error(hdf, in, "Place", "Address");
			return 0;
		}
		db_result_free(&res);
	}
	if (wrong)
		input_error(hdf, in, "Place", "Position");
	else if (!in->place.has_position && in->place.point_id == 0)
		input_error(hdf, in, "Place", "NoPlace");
	else if (in->place.has_position && !in->outside_ok)
		return check_in_gmina(app, g, hdf, in);
	return 0;
}

/* Checks every field; the errors go to P.Errors and P.Fields. Returns 0 or -1. */
static int
read_input(struct request *r, struct app *app, const struct gmina_ref *g,
    const struct category *c, HDF *hdf, struct report_input *in)
{
	size_t	 length = in->description ? utf8_length(in->description) : 0;
	char	 key[255];
	int	 wrong;

	if (field_invalid(r, "description"))
		input_error(hdf, in, "Description", "DescriptionChars");
	else if (length == 0)
		input_error(hdf, in, "Description", "NoDescription");
	else if (length > REPORT_DESCRIPTION_MAX)
		input_error(hdf, in, "Description", "LongDescription");
	if (field_invalid(r, "author_name"))
		input_error(hdf, in, "Name", "NameChars");
	else if (in->name != NULL && utf8_length(in->name) > REPORT_NAME_MAX)
		input_error(hdf, in, "Name", "LongName");
	if (r->account_id == 0 && field_invalid(r, "email"))
		input_error(hdf, in, "Email", "EmailChars");
	else if (r->account_id == 0 && in->email == NULL)
		input_error(hdf, in, "Email", "NoEmail");
	else if (r->account_id == 0 && !submit_email_ok(in->email, key))
		input_error(hdf, in, "Email", "BadEmail");
	if (read_place(r, app, g, hdf, in) == -1)
		return -1;
	if ((wrong = category_fields_read(r, c, hdf, &in->attributes)) == -1)
		input_error(hdf, in, "Form", "FieldChars");
	else
		in->errors += wrong;
	return 0;
}

/*
 * Checks the limits of reports per account and per client address, and of
 * reports by e-mail per client address. Sets the form error; returns 0 (also
 * when limited, counted in in->errors) or -1.
 */
static int
check_rate(struct request *r, struct app *app, HDF *hdf, struct report_input *in)
{
	char	 account[24];
	int	 limited;

	snprintf(account, sizeof(account), "%llu", r->account_id);
	if (r->account_id != 0) {
		if ((limited = rate_limited(r, app, "report_account", account,
		    RATE_REPORTS_PER_ACCOUNT)) != 0) {
			if (limited == 1)
				input_error(hdf, in, "Form", "TooManyAccount");
			return limited == 1 ? 0 : -1;
		}
	}
	if ((limited = rate_limited(r, app, "report_address", r->remote_addr,
	    RATE_REPORTS_PER_ADDRESS)) != 0) {
		if (limited == 1)
			input_error(hdf, in, "Form", "TooManyNetwork");
		return limited == 1 ? 0 : -1;
	}
	if (r->account_id == 0 && (limited = rate_limited(r, app, "report_mail",
	    r->remote_addr, RATE_REPORT_MAIL_PER_ADDRESS)) != 0) {
		if (limited == 1)
			input_error(hdf, in, "Email", "TooMany");
		return limited == 1 ? 0 : -1;
	}
	return 0;
}

/* Counts a stored report against the limits of check_rate; 0 or -1. */
static int
count_rate(struct request *r, struct app *app)
{
	char	 account[24];

	snprintf(account, sizeof(account), "%llu", r->account_id);
	if (r->account_id != 0 && rate_hit(r, app, "report_account", account) == -1)
		return -1;
	if (rate_hit(r, app, "report_address", r->remote_addr) == -1)
		return -1;
	if (r->account_id == 0 && rate_hit(r, app, "report_mail", r->remote_addr) == -1)
		return -1;
	return 0;
}

/* Sets P.AddressResults for the address search without JavaScript. */
static int
address_search(struct request *r, struct app *app, const struct gmina_ref *g, HDF *hdf,
    const char *q)
{
	struct db_result	 res;
	char			 name[64];
	size_t			 i;
	int			 approximate = 0;

	if (q == NULL || q[0] == '\0') {
		render_set(hdf, "Errors.Place", "NoQuery");
		return 0;
	}
	if (field_invalid(r, "address_q")) {
		render_set(hdf, "Errors.Place", "QueryChars");
		return 0;
	}
	if (schedule_search_points(app->db, g->id, q, 20, &res, &approximate) == -1)
		return -1;
	for (i = 0; i < res.rows; i++) {
		snprintf(name, sizeof(name), "AddressResults.%zu.Id", i);
		render_set(hdf, name, db_cell(&res, i, 0));
		snprintf(name, sizeof(name), "AddressResults.%zu.Label", i);
		render_set(hdf, name, point_label(db_cell(&res, i, 1), db_cell(&res, i, 7),
		    r->lang));
	}
	render_set_int(hdf, "AddressSearched", 1);
	if (res.rows == 0)
		render_set(hdf, "Errors.Place", "NoAddress");
	db_result_free(&res);
	return 0;
}

/* Stores the report with its photos and notices in one transaction; 0, 1 (wrong input, *err), -1. */
static int
store_report(struct request *r, struct app *app, const struct gmina_ref *g,
    const struct category *c, const struct report_input *in,
    const struct report_photos *photos, struct report_created *out, struct problem *err)
{
	static const char sql_author[] = "SELECT id FROM report_follower"
	    " WHERE report_id = ? AND is_author = 1";
	struct report_new	 n;
	struct db_result	 res;
	int			 rc;

	memset(&n, 0, sizeof(n));
	n.tenant_id = g->id;
	n.category_id = c->id;
	n.author_id = r->account_id;
	n.author_email = r->account_id == 0 ? in->email : NULL;
	n.author_name = in->name;
	n.anonymous = in->anonymous;
	n.description = in->description;
	n.attributes_json = in->attributes;
	n.has_position = in->place.has_position;
	n.lat = in->place.lat;
	n.lon = in->place.lon;
	n.point_id = in->place.point_id;
	n.address_text = in->point_id != 0 ? in->point_label : NULL;
	n.now = r->now;
	if (db_begin(app->db) == -1)
		return -1;
	if ((rc = report_create(app->db, &n, out, err)) != 0) {
		db_rollback(app->db);
		return rc;
	}
	/*
	 * NOTE: two POSTs of one form at the same moment both pass sent_before; the
	 * second then fails on the unique key and gets 503 instead of the redirect.
	 */
	if (in->nonce != NULL && db_exec(app->db, sql_set_nonce,
	    DB_ARGS(DB_S(in->nonce), DB_I(out->id)), NULL, NULL) == -1)
		goto fail;
	if (report_photos_insert(r, app, g->id, out->id, photos) == -1)
		goto fail;
	if (r->account_id == 0) {
		if (db_query(app->db, sql_author, DB_ARGS(DB_I(out->id)), &res) == -1)
			goto fail;
		rc = res.rows == 1 ? confirm_link_send(r, app, g, out->id,
		    (unsigned long long)db_cell_int(&res, 0, 0), "report", in->email) : -1;
		db_result_free(&res);
		if (rc == -1)
			goto fail;
	}
	if (count_rate(r, app) == -1)
		goto fail;
	if (db_commit(app->db) == -1)
		goto fail;
	return 0;
fail:
	db_rollback(app->db);
	return -1;
}

/* Redirects (303) to the thank-you page of a stored report, so a reload sends nothing again. */
static void
redirect_done(struct request *r, const struct gmina_ref *g, const char *number)
{
	char	 location[128];

	snprintf(location, sizeof(location), "/gmina/%s/zgloszenia/wyslane/%s", g->terc,
	    number);
	response_redirect(r, 303, location);
}

/*
 * Finds the report an earlier POST of the same form created. Returns 1 and
 * redirects to its page, 0 when there is none, -1 on a database error.
 */
static int
sent_before(struct request *r, struct app *app, const struct gmina_ref *g,
    const struct report_input *in)
{
	struct db_result	 res;
	int			 found;

	if (in->nonce == NULL)
		return 0;
	if (db_query(app->db, sql_by_nonce, DB_ARGS(DB_I(g->id), DB_S(in->nonce)),
	    &res) == -1)
		return -1;
	found = res.rows == 1 && (unsigned long long)db_cell_int(&res, 0, 1) ==
	    r->account_id;
	if (found)
		redirect_done(r, g, db_cell(&res, 0, 0));
	db_result_free(&res);
	return found;
}

/*
 * The thank-you page after a report was sent: its number and what happens next.
 * Shown to the signed-in author, or to anyone while an e-mail report waits for
 * its confirmation (the number alone reveals nothing); else 404.
 */
void
page_report_done(struct request *r, struct app *app)
{
	const char		*number = request_text(r, "number");
	struct gmina_ref	 g;
	struct db_result	 res;
	const char		*kind = NULL;
	HDF			*hdf;

	if (submit_gmina(r, app, &g) != 1)
		return;
	if (db_query(app->db, sql_done, DB_ARGS(DB_I(g.id), DB_S(number)), &res) == -1) {
		r->status = 503;
		return;
	}
	if (res.rows == 1 && r->account_id != 0 &&
	    (unsigned long long)db_cell_int(&res, 0, 0) == r->account_id)
		kind = "Sent";
	else if (res.rows == 1 && db_cell_int(&res, 0, 1) == 1)
		kind = "CheckMail";
	db_result_free(&res);
	if (kind == NULL) {
		r->status = 404;
		return;
	}
	if ((hdf = render_begin(app->render, r, "submit_done.cs")) == NULL) {
		r->status = 500;
		return;
	}
	response_header(r, "Cache-Control", "no-store");
	render_set(hdf, "Gmina.Terc", g.terc);
	render_set(hdf, "Gmina.Name", g.name);
	render_set(hdf, "Number", number);
	render_set(hdf, "Kind", kind);
	render_page(app->render, r);
}

/* Whether s has the form of a token_random nonce. */
static bool
nonce_ok(const char *s)
{
	size_t	 i;

	if (s == NULL || strlen(s) != TOKEN_LEN)
		return false;
	for (i = 0; i < TOKEN_LEN; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

static void
read_typed(struct request *r, struct report_input *in)
{
	const struct field	*point = request_field(r, "point");

	memset(in, 0, sizeof(*in));
	in->description = request_text(r, "description");
	in->lat_text = request_text(r, "lat");
	in->lon_text = request_text(r, "lon");
	in->address_q = request_text(r, "address_q");
	in->email = request_text(r, "email");
	in->name = request_text(r, "author_name");
	in->anonymous = request_field(r, "anonymous") != NULL;
	in->outside_ok = request_field(r, "outside_ok") != NULL;
	in->nonce = nonce_ok(request_text(r, "form_nonce")) ?
	    request_text(r, "form_nonce") : NULL;
	in->point_id = point != NULL ? (unsigned long long)point->number : 0;
	in->point_invalid = point != NULL && point->invalid;
}

/*
 * Checks the input, then shows the nearby step or stores the report. Returns 1
 * when the report is stored (now or by an earlier POST of the same form) and the
 * redirect to its page is set; 0 when the form is to be
 * shown again with r->status (200 for the address search and the nearby step).
 */
static int
submit(struct request *r, struct app *app, const struct gmina_ref *g,
    const struct category *c, HDF *hdf, struct report_input *in)
{
	const char		*action = request_text(r, "action");
	struct report_created	 created;
	struct report_photos	 photos;
	struct problem		 err;
	int			 rc;

	if (action != NULL && strcmp(action, "search") == 0) {
		category_fields_read(r, c, hdf, &in->attributes);
		if (address_search(r, app, g, hdf, in->address_q) == -1)
			r->status = 503;
		return 0;
	}
	if (read_input(r, app, g, c, hdf, in) == -1) {
		r->status = 503;
		return 0;
	}
	if (in->errors == 0 && check_rate(r, app, hdf, in) == -1) {
		r->status = 503;
		return 0;
	}
	if (in->errors > 0) {
		report_photos_check(r, hdf);
		r->status = 400;
		return 0;
	}
	if ((rc = sent_before(r, app, g, in)) != 0) {
		if (rc == -1)
			r->status = 503;
		return rc;
	}
	if (request_field(r, "nearby_seen") == NULL) {
		if ((rc = nearby_list(app, hdf, g, c->id, &in->place)) == -1) {
			r->status = 503;
			return 0;
		}
		if (rc > 0) {
			render_set_int(hdf, "NearbyStep", 1);
			return 0;
		}
	}
	if ((rc = report_photos_prepare(r, app, hdf, &photos)) != 0) {
		r->status = rc == 1 ? 400 : 503;
		return 0;
	}
	if ((rc = store_report(r, app, g, c, in, &photos, &created, &err)) != 0)
		report_photos_discard(app, &photos);
	if (rc == -1) {
		r->status = 503;
		return 0;
	}
	if (rc == 1) {
		log_warn("report form: report_create rejected %s", err.key);
		input_error(hdf, in, "Form", "Rejected");
		r->status = 400;
		return 0;
	}
	redirect_done(r, g, created.number);
	return 1;
}

/*
 * Shows the form again when its category is missing, switched off meanwhile or
 * not a leaf: every typed value is kept and a list of the gmina's categories
 * replaces the fixed one.
 * NOTE: the values of the old category's extra fields are not shown again.
 */
static void
show_category_pick(struct request *r, struct app *app, const struct gmina_ref *g,
    bool posted)
{
	struct report_input	 in;
	HDF			*hdf;

	if ((hdf = form_begin(r, app, g, "submit_form.cs")) == NULL)
		return;
	if (category_leaves(app, hdf, r->lang, g->id) == -1) {
		r->status = 503;
		return;
	}
	read_typed(r, &in);
	show_input(hdf, &in);
	render_set_int(hdf, "CategoryPick", 1);
	render_set(hdf, "Errors.Category", posted ? "CategoryGone" : "Category");
	if (render_page(app->render, r) == 0)
		r->status = 400;
}

void
page_report_form_post(struct request *r, struct app *app)
{
	const struct field	*cat = request_field(r, "category");
	struct report_input	 in;
	struct gmina_ref	 g;
	struct category		 c;
	HDF			*hdf;
	int			 found, status;

	if (submit_gmina(r, app, &g) != 1)
		return;
	if (cat == NULL || cat->invalid || (found = category_load(app, r->lang, g.id,
	    (unsigned long long)cat->number, &c)) == 0) {
		show_category_pick(r, app, &g, cat != NULL);
		return;
	}
	if (found == -1) {
		r->status = 503;
		return;
	}
	if ((hdf = form_begin(r, app, &g, "submit_form.cs")) == NULL) {
		category_free(&c);
		return;
	}
	read_typed(r, &in);
	set_category(hdf, &c);
	if (!session_csrf_ok(r, request_text(r, "csrf"))) {
		log_warn("CSRF check failed for POST %s", r->path);
		category_fields_read(r, &c, hdf, &in.attributes);
		input_error(hdf, &in, "Form", "Csrf");
		r->status = 403;
	} else if (submit(r, app, &g, &c, hdf, &in) == 1)
		goto done;
	if (r->status != 503) {
		show_input(hdf, &in);
		/* The files of a shown form are not kept: the resident adds them again. */
		render_set_int(hdf, "PhotosAgain", report_photos_attached(r));
		status = r->status;
		if (render_page(app->render, r) == 0)
			r->status = status;
	}
done:
	free(in.attributes);
	category_free(&c);
}
