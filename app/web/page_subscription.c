/* page_subscription.c: /konto/adresy, the addresses a resident follows and their reminders. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "pages.h"
#include "render.h"
#include "schedule.h"
#include "session.h"
#include "subscription.h"
#include "text.h"

#define NEXT_PICKUP_DAYS	62	/* how far ahead the list looks for the next pickup */
#define LOGIN_PATH		"/konto/logowanie"

const struct field_spec subscription_path[] = {
	{ "subscription", FIELD_UINT, true, 0 }, { NULL, 0, false, 0 } };
const struct field_spec subscription_new_query[] = {
	{ "point", FIELD_UINT, true, 0 }, { NULL, 0, false, 0 } };
/* Forms that carry nothing but the CSRF token, which every form accepts. */
const struct field_spec subscription_empty_form[] = { { NULL, 0, false, 0 } };
/*
 * One checkbox "fraction_<code>" per canonical fraction of app/lib/fraction.c;
 * a code missing here could never be chosen on its own. The form's fields
 * must stay within REQ_MAX_FIELDS.
 */
const struct field_spec subscription_form[] = {
	{ "point", FIELD_UINT, false, 0 },
	{ "name", FIELD_TEXT, false, SUBSCRIPTION_NAME_MAX },
	{ "email", FIELD_UINT, false, 1 },
	{ "sms", FIELD_UINT, false, 1 },
	{ "hour", FIELD_UINT, true, 23 },
	{ "fraction_zmieszane", FIELD_UINT, false, 1 },
	{ "fraction_papier", FIELD_UINT, false, 1 },
	{ "fraction_metale_tworzywa", FIELD_UINT, false, 1 },
	{ "fraction_szklo", FIELD_UINT, false, 1 },
	{ "fraction_szklo_bezbarwne", FIELD_UINT, false, 1 },
	{ "fraction_bio", FIELD_UINT, false, 1 },
	{ "fraction_popiol", FIELD_UINT, false, 1 },
	{ "fraction_gabaryty", FIELD_UINT, false, 1 },
	{ "fraction_zielone", FIELD_UINT, false, 1 },
	{ "fraction_choinki", FIELD_UINT, false, 1 },
	{ "fraction_elektroodpady", FIELD_UINT, false, 1 },
	{ "fraction_opony", FIELD_UINT, false, 1 },
	{ "fraction_budowlane", FIELD_UINT, false, 1 },
	{ "fraction_tekstylia", FIELD_UINT, false, 1 },
	{ "fraction_niebezpieczne", FIELD_UINT, false, 1 },
	{ NULL, 0, false, 0 }
};

/*
 * Sends an anonymous visitor to the login page, which returns to this page
 * (GET), or rejects the POST. Returns false in both cases.
 */
static bool
require_account(struct request *r)
{
	struct buf	 location;

	if (r->account_id != 0)
		return true;
	if (strcmp(r->method, "POST") == 0) {
		r->status = 403;
		return false;
	}
	buf_init(&location);
	buf_puts(&location, LOGIN_PATH "?next=");
	url_escape(&location, r->path);
	if (r->query != NULL && *r->query != '\0') {
		url_escape(&location, "?");
		url_escape(&location, r->query);
	}
	response_header(r, "Cache-Control", "no-store");
	response_redirect(r, 303, buf_cstr(&location));
	buf_free(&location);
	return false;
}

/* Checks the CSRF token and Origin of a POST; false with status 403. */
static bool
require_csrf(struct request *r)
{
	if (session_csrf_ok(r, request_text(r, "csrf")))
		return true;
	r->status = 403;
	return false;
}

/* Loads the subscription of the path if the request may see it; false with 404 or 503. */
static bool
load_visible(struct request *r, struct app *app, struct subscription *s)
{
	int	 found = subscription_load(app->db,
		    (unsigned long long)request_field(r, "subscription")->number, s);

	if (found == -1)
		r->status = 503;
	else if (found == 0 || !subscription_visible(r, s))
		r->status = 404;
	return found == 1 && subscription_visible(r, s);
}

static void
redirect_to_list(struct request *r)
{
	response_header(r, "Cache-Control", "no-store");
	response_redirect(r, 303, "/konto/adresy");
}

/* Sets <node>.Name, a ", "-joined list of the subscribed fractions' names; "" for all. */
static void
set_fraction_names(HDF *hdf, struct app *app, const char *node, const char *fractions,
    unsigned long long tenant_id, unsigned long long point_id, enum lang lang)
{
	struct db_result	 f;
	struct buf		 names;
	char			 path[96];
	size_t			 i;

	if (*fractions == '\0' ||
	    subscription_point_fractions(app->db, tenant_id, point_id, &f) == -1)
		return;
	buf_init(&names);
	for (i = 0; i < f.rows; i++) {
		if (!subscription_has_fraction(fractions, db_cell(&f, i, 0)))
			continue;
		if (names.len > 0)
			buf_puts(&names, ", ");
		buf_puts(&names, db_cell(&f, i, lang == LANG_PL ? 1 : 2));
	}
	db_result_free(&f);
	snprintf(path, sizeof(path), "%s.Fractions", node);
	render_set(hdf, path, buf_cstr(&names));
	buf_free(&names);
}

/* Sets <node>.Next.{Date,InDays,Fractions.N.{Name,Code}}: a subscription's next pickup. */
static void
set_next_pickup(HDF *hdf, struct request *r, struct app *app, const char *node,
    const struct point *p, const char *fractions)
{
	struct pickup_list	 list;
	struct buf		 date;
	char			 path[128];
	size_t			 i, n = 0;
	long			 day = 0;
	int			 y, m, d;

	if (schedule_pickups(app->db, p, r->today, r->today + NEXT_PICKUP_DAYS, r->lang,
	    &list) == -1)
		return;
	for (i = 0; i < list.count; i++) {
		if (!subscription_has_fraction(fractions, list.items[i].code) ||
		    (day != 0 && list.items[i].day != day))
			continue;
		day = list.items[i].day;
		snprintf(path, sizeof(path), "%s.Next.Fractions.%zu.Name", node, n);
		render_set(hdf, path, list.items[i].name);
		snprintf(path, sizeof(path), "%s.Next.Fractions.%zu.Code", node, n++);
		render_set(hdf, path, list.items[i].code);
	}
	pickup_list_free(&list);
	if (day == 0)
		return;
	buf_init(&date);
	days_to_date(day, &y, &m, &d);
	lang_date_long(&date, r->lang, y, m, d, 0);
	snprintf(path, sizeof(path), "%s.Next.Date", node);
	render_set(hdf, path, buf_cstr(&date));
	snprintf(path, sizeof(path), "%s.Next.InDays", node);
	render_set_int(hdf, path, day - r->today);
	buf_free(&date);
}

/* Sets P.Subscriptions.<i> from row i of subscription_list. */
static void
set_subscription_row(HDF *hdf, struct request *r, struct app *app,
    const struct db_result *rows, size_t i)
{
	struct point	 p;
	char		 node[64], path[96];
	static const char *const names[] = { "Id", "Name", "Label", NULL, "Gmina",
	    "Terc", "PointId", "Email", "Sms", "Evening", "Hour", NULL, NULL };
	size_t		 col;

	snprintf(node, sizeof(node), "Subscriptions.%zu", i);
	for (col = 0; col < sizeof(names) / sizeof(names[0]); col++) {
		if (names[col] == NULL)
			continue;
		snprintf(path, sizeof(path), "%s.%s", node, names[col]);
		render_set(hdf, path, col == 2 ? point_label(db_cell(rows, i, 2),
		    db_cell(rows, i, 3), r->lang) : db_cell(rows, i, col));
	}
	memset(&p, 0, sizeof(p));
	p.id = (unsigned long long)db_cell_int(rows, i, 6);
	p.tenant_id = (unsigned long long)db_cell_int(rows, i, 12);
	set_fraction_names(hdf, app, node, db_cell(rows, i, 11), p.tenant_id, p.id, r->lang);
	set_next_pickup(hdf, r, app, node, &p, db_cell(rows, i, 11));
}

/* GET /konto/adresy: the resident's followed addresses. */
void
page_subscriptions(struct request *r, struct app *app)
{
	struct db_result	 rows;
	HDF			*hdf;
	size_t			 i;

	if (!require_account(r))
		return;
	if (subscription_list(app->db, r->account_id, &rows) == -1) {
		r->status = 503;
		return;
	}
	response_header(r, "Cache-Control", "no-store");
	hdf = render_begin(app->render, r, "subscription_list.cs");
	for (i = 0; i < rows.rows; i++)
		set_subscription_row(hdf, r, app, &rows, i);
	render_set_int(hdf, "Count", (long long)rows.rows);
	db_result_free(&rows);
	render_page(app->render, r);
}

/* Form contents: the point, the values, the channels on offer and an error. */
struct form_state {
	struct point			 point;
	struct subscription		 s;
	struct subscription_contact	 contact;
	const char			*error;		/* key under Page.Subscription.Error */
	unsigned long long		 existing_id;	/* the subscription of the same point */
};

/* Copies at most SUBSCRIPTION_NAME_MAX characters of a valid UTF-8 label into out. */
static void
copy_name(char *out, size_t size, const char *label)
{
	size_t	 chars = 0, i = 0;

	while (label[i] != '\0' && chars < SUBSCRIPTION_NAME_MAX && i + 4 < size) {
		i++;
		while ((label[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	memcpy(out, label, i);
	out[i] = '\0';
}

/* Sets P.Fractions.N.{Code,Name,Checked}: the fractions of the form's point. */
static void
set_form_fractions(HDF *hdf, struct app *app, const struct form_state *st, enum lang lang)
{
	struct db_result	 f;
	char			 path[64];
	size_t			 i;

	if (subscription_point_fractions(app->db, st->point.tenant_id, st->point.id, &f) == -1)
		return;
	for (i = 0; i < f.rows; i++) {
		snprintf(path, sizeof(path), "Fractions.%zu.Code", i);
		render_set(hdf, path, db_cell(&f, i, 0));
		snprintf(path, sizeof(path), "Fractions.%zu.Name", i);
		render_set(hdf, path, db_cell(&f, i, lang == LANG_PL ? 1 : 2));
		snprintf(path, sizeof(path), "Fractions.%zu.Checked", i);
		render_set_int(hdf, path, subscription_has_fraction(st->s.fractions,
		    db_cell(&f, i, 0)));
	}
	db_result_free(&f);
}

static void
render_form(struct request *r, struct app *app, const struct form_state *st)
{
	HDF	*hdf;
	char	 path[96], key[96];

	response_header(r, "Cache-Control", "no-store");
	hdf = render_begin(app->render, r, "subscription_form.cs");
	if (st->s.id != 0) {
		snprintf(path, sizeof(path), "/konto/adresy/%llu", st->s.id);
		render_set_int(hdf, "Form.Id", (long long)st->s.id);
	} else
		snprintf(path, sizeof(path), "/konto/adresy/nowy");
	render_set(hdf, "Form.Action", path);
	render_set_int(hdf, "Point.Id", (long long)st->point.id);
	render_set(hdf, "Point.Label", point_label(st->point.label, st->point.label_en,
	    r->lang));
	render_set(hdf, "Gmina.Terc", st->point.terc);
	render_set(hdf, "Gmina.Name", st->point.gmina_name);
	render_set(hdf, "Form.Name", st->s.name);
	render_set_int(hdf, "Form.Email", st->s.by_email);
	render_set_int(hdf, "Form.Sms", st->s.by_sms);
	render_set_int(hdf, "Form.Hour", st->s.remind_hour);
	render_set_int(hdf, "Form.SmsAvailable", st->contact.has_phone &&
	    st->contact.sms_consent);
	render_set_int(hdf, "Form.HasPhone", st->contact.has_phone);
	if (st->error != NULL) {
		snprintf(key, sizeof(key), "Page.Subscription.Error.%s", st->error);
		render_set(hdf, "Error", lang_text(r->lang, key));
	}
	if (st->existing_id != 0)
		render_set_int(hdf, "Form.ExistingId", (long long)st->existing_id);
	set_form_fractions(hdf, app, st, r->lang);
	render_page(app->render, r);
}

/* Loads the point and the resident's channels into st; false with 404 or 503. */
static bool
load_form_point(struct request *r, struct app *app, unsigned long long point_id,
    struct form_state *st)
{
	int	 found = schedule_point(app->db, point_id, &st->point);

	if (found == 1 && subscription_contact(app->db, r->account_id, &st->contact) == 0)
		return true;
	r->status = found == 0 ? 404 : 503;
	return false;
}

/* Sets st->s.fractions from the checked boxes: "" when every fraction is checked. */
static bool
read_fractions(struct request *r, struct app *app, struct form_state *st)
{
	struct db_result	 f;
	struct buf		 codes;
	char			 name[64];
	size_t			 i, checked = 0;

	if (subscription_point_fractions(app->db, st->point.tenant_id, st->point.id, &f) == -1)
		return false;
	buf_init(&codes);
	for (i = 0; i < f.rows; i++) {
		snprintf(name, sizeof(name), "fraction_%s", db_cell(&f, i, 0));
		if (request_field(r, name) == NULL)
			continue;
		if (checked++ > 0)
			buf_putc(&codes, ',');
		buf_puts(&codes, db_cell(&f, i, 0));
	}
	snprintf(st->s.fractions, sizeof(st->s.fractions), "%s",
	    checked == f.rows ? "" : buf_cstr(&codes));
	if (checked == 0)
		st->error = "NoFraction";
	db_result_free(&f);
	buf_free(&codes);
	return true;
}

/*
 * Reads the posted form into st->s. Returns false on a database error; a
 * value the resident must correct sets st->error instead.
 */
static bool
read_form(struct request *r, struct app *app, struct form_state *st)
{
	const char	*name = request_text(r, "name");
	long long	 hour = request_field(r, "hour")->number;

	copy_name(st->s.name, sizeof(st->s.name), name != NULL ? name :
	    point_label(st->point.label, st->point.label_en, r->lang));
	st->s.by_email = request_field(r, "email") != NULL;
	st->s.by_sms = request_field(r, "sms") != NULL;
	st->s.remind_hour = (unsigned)hour;
	st->s.evening = hour >= SUBSCRIPTION_EVENING_FIRST && hour <= SUBSCRIPTION_EVENING_LAST;
	if (!read_fractions(r, app, st))
		return false;
	if (!st->s.evening && (hour < SUBSCRIPTION_MORNING_FIRST ||
	    hour > SUBSCRIPTION_MORNING_LAST))
		st->error = "Hour";
	if (st->s.by_sms && !(st->contact.has_phone && st->contact.sms_consent))
		st->error = "SmsUnavailable";
	return true;
}

/* GET /konto/adresy/nowy?point=ID: the form to follow an address. */
void
page_subscription_new(struct request *r, struct app *app)
{
	struct form_state	 st;

	if (!require_account(r))
		return;
	memset(&st, 0, sizeof(st));
	if (!load_form_point(r, app,
	    (unsigned long long)request_field(r, "point")->number, &st))
		return;
	copy_name(st.s.name, sizeof(st.s.name),
	    point_label(st.point.label, st.point.label_en, r->lang));
	st.s.by_email = true;
	st.s.evening = true;
	st.s.remind_hour = 18;
	render_form(r, app, &st);
}

/*
 * Inserts the subscription unless the account already follows the point; then
 * renders the form again with status 409 and a link to the existing one. The
 * unique key (account_id, point_id) catches two posts that both pass the check.
 * Returns true when inserted.
 */
static bool
create_once(struct request *r, struct app *app, struct form_state *st)
{
	int	 found;

	found = subscription_find(app->db, st->s.account_id, st->s.point_id,
	    &st->existing_id);
	if (found == 0 && subscription_create(app->db, &st->s) == 0)
		return true;
	if (found == 0 && db_errno(app->db) == 1062)
		found = subscription_find(app->db, st->s.account_id, st->s.point_id,
		    &st->existing_id);
	if (found != 1) {
		r->status = 503;
		return false;
	}
	st->error = "Duplicate";
	r->status = 409;
	render_form(r, app, st);
	return false;
}

/* POST /konto/adresy/nowy: follows the address. */
void
subscription_create_post(struct request *r, struct app *app)
{
	const struct field	*point = request_field(r, "point");
	struct form_state	 st;

	if (!require_account(r) || !require_csrf(r))
		return;
	memset(&st, 0, sizeof(st));
	if (point == NULL) {
		r->status = 400;
		snprintf(r->invalid_field, sizeof(r->invalid_field), "point");
		r->field_missing = true;
		return;
	}
	if (!load_form_point(r, app, (unsigned long long)point->number, &st))
		return;
	st.s.account_id = r->account_id;
	st.s.tenant_id = st.point.tenant_id;
	st.s.point_id = st.point.id;
	if (!read_form(r, app, &st)) {
		r->status = 503;
		return;
	}
	if (st.error != NULL) {
		r->status = 400;
		render_form(r, app, &st);
		return;
	}
	if (!create_once(r, app, &st))
		return;
	redirect_to_list(r);
}

/* GET /konto/adresy/ID: the form to change a followed address. */
void
page_subscription_edit(struct request *r, struct app *app)
{
	struct form_state	 st;

	if (!require_account(r))
		return;
	memset(&st, 0, sizeof(st));
	if (!load_visible(r, app, &st.s) || !load_form_point(r, app, st.s.point_id, &st))
		return;
	render_form(r, app, &st);
}

/* POST /konto/adresy/ID: saves the changed form. */
void
subscription_update_post(struct request *r, struct app *app)
{
	struct form_state	 st;

	if (!require_account(r) || !require_csrf(r))
		return;
	memset(&st, 0, sizeof(st));
	if (!load_visible(r, app, &st.s) || !load_form_point(r, app, st.s.point_id, &st))
		return;
	if (!read_form(r, app, &st)) {
		r->status = 503;
		return;
	}
	if (st.error != NULL) {
		r->status = 400;
		render_form(r, app, &st);
		return;
	}
	if (subscription_update(app->db, &st.s) == -1) {
		r->status = 503;
		return;
	}
	redirect_to_list(r);
}

/* POST /konto/adresy/ID/usun: stops following the address. */
void
subscription_delete_post(struct request *r, struct app *app)
{
	struct subscription	 s;

	if (!require_account(r) || !require_csrf(r) || !load_visible(r, app, &s))
		return;
	if (subscription_delete(app->db, &s) == -1) {
		r->status = 503;
		return;
	}
	redirect_to_list(r);
}

/* POST /konto/adresy/ID/email: turns e-mail reminders back on after an unsubscribe. */
void
subscription_email_post(struct request *r, struct app *app)
{
	struct subscription	 s;

	if (!require_account(r) || !require_csrf(r) || !load_visible(r, app, &s))
		return;
	if (subscription_enable_email(app->db, &s) == -1) {
		r->status = 503;
		return;
	}
	redirect_to_list(r);
}
