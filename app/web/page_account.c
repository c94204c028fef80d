/* page_account.c: the account page /konto and its forms: e-mail, password, settings and consents. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "page_account.h"
#include "password.h"
#include "render.h"
#include "session.h"

/* Messages shown after a form's redirect, named by the "done" query field. */
static const char *const done_keys[] = {
	"EmailSent", "PasswordChanged", "Saved", "ConsentSaved",
};

/* Loads the signed-in account, or redirects to the login page; returns 1 when loaded. */
static int
signed_in(struct request *r, struct app *app, struct account *a)
{
	int	 found;

	if (r->account_id == 0) {
		account_redirect(r, "/konto/logowanie");
		return 0;
	}
	if ((found = account_by_id(app, r->account_id, a)) == -1)
		r->status = 503;
	else if (found == 0)
		account_redirect(r, "/konto/logowanie");
	return found == 1;
}

/*
 * Sets P.Consents.<i>.Channel, .Given, .Withdrawn and .Active for e-mail and SMS
 * from the newest consent row of each channel.
 */
static int
set_consents(HDF *hdf, struct app *app, unsigned long long id)
{
	static const char sql[] = "SELECT channel, given_at, withdrawn_at FROM consent "
	    "WHERE account_id = ? ORDER BY id";
	static const char *const channels[] = { "email", "sms" };
	struct db_result	 res;
	char			 path[64];
	size_t			 c, i, newest;

	if (db_query(app->db, sql, DB_ARGS(DB_I(id)), &res) == -1)
		return -1;
	for (c = 0; c < 2; c++) {
		snprintf(path, sizeof(path), "Consents.%zu.Channel", c);
		render_set(hdf, path, channels[c]);
		for (i = 0, newest = res.rows; i < res.rows; i++)
			if (strcmp(db_cell(&res, i, 0), channels[c]) == 0)
				newest = i;
		if (newest == res.rows)
			continue;
		snprintf(path, sizeof(path), "Consents.%zu.Given", c);
		render_set(hdf, path, db_cell(&res, newest, 1));
		snprintf(path, sizeof(path), "Consents.%zu.Withdrawn", c);
		render_set(hdf, path, db_cell(&res, newest, 2));
		snprintf(path, sizeof(path), "Consents.%zu.Active", c);
		render_set_int(hdf, path, db_cell(&res, newest, 2) == NULL);
	}
	db_result_free(&res);
	return 0;
}

/*
 * Sets P.Offices.<i>.Terc, .Name and .Admin: each gmina where the account has
 * a role, for the links to its back office and, for its admins, its admin pages.
 */
static int
set_offices(HDF *hdf, struct app *app, unsigned long long id)
{
	static const char sql[] = "SELECT t.terc, t.name, MAX(r.role = 'gmina_admin')"
	    " FROM account_role r JOIN tenant t ON t.id = r.tenant_id"
	    " WHERE r.account_id = ? GROUP BY t.id, t.terc, t.name ORDER BY t.name, t.id";
	static const char *const names[] = { "Terc", "Name", "Admin" };
	struct db_result	 res;
	char			 path[64];
	size_t			 i, c;

	if (db_query(app->db, sql, DB_ARGS(DB_I(id)), &res) == -1)
		return -1;
	for (i = 0; i < res.rows; i++)
		for (c = 0; c < 3; c++) {
			snprintf(path, sizeof(path), "Offices.%zu.%s", i, names[c]);
			render_set(hdf, path, db_cell(&res, i, c));
		}
	db_result_free(&res);
	return 0;
}

static void
account_page(struct request *r, struct app *app, const struct account *a,
    const char *error, const char *section)
{
	const char	*done = request_text(r, "done");
	HDF		*hdf;
	size_t		 i;

	if ((hdf = account_begin(r, app, "account.cs")) == NULL)
		return;
	render_set(hdf, "Account.Email", a->email);
	render_set(hdf, "Account.Phone", a->phone);
	render_set(hdf, "Account.Lang", a->lang);
	render_set(hdf, "Error", error);
	render_set(hdf, "ErrorSection", section);
	for (i = 0; done != NULL && i < sizeof(done_keys) / sizeof(done_keys[0]); i++)
		if (strcmp(done, done_keys[i]) == 0)
			render_set(hdf, "Done", done_keys[i]);
	if (set_consents(hdf, app, a->id) == -1 || set_offices(hdf, app, a->id) == -1) {
		r->status = 503;
		return;
	}
	if (render_page(app->render, r) == 0 && error != NULL)
		r->status = 400;
}

void
page_account(struct request *r, struct app *app)
{
	struct account	 a;

	if (signed_in(r, app, &a))
		account_page(r, app, &a, NULL, NULL);
}

/* Checks the current password of a form's field; renders the error when it is wrong. */
static bool
current_password_ok(struct request *r, struct app *app, const struct account *a,
    const char *field, const char *section)
{
	const char	*password = request_text(r, field);

	if (password != NULL && password_verify(password, a->password_hash) == 1)
		return true;
	account_page(r, app, a, "Error.WrongPassword", section);
	return false;
}

void
page_account_email_post(struct request *r, struct app *app)
{
	const char	*email = request_text(r, "new_email");
	struct account	 a, other;
	char		 key[255], url[512];
	int		 taken;

	if (!account_post_allowed(r, app) || !signed_in(r, app, &a))
		return;
	if (email == NULL || !account_email_key(email, key)) {
		account_page(r, app, &a, "Error.EmailInvalid", "Email");
		return;
	}
	if (!current_password_ok(r, app, &a, "password", "Email"))
		return;
	if (db_begin(app->db) == -1 || (taken = account_by_email(app, key, &other)) == -1)
		goto fail;
	if (taken == 1 && other.id == a.id) {
		db_rollback(app->db);
		account_page(r, app, &a, "Error.SameEmail", "Email");
		return;
	}
	/* An address of another account gets no mail, and the response is the same. */
	if (taken == 0 && (account_token_create(r, app, a.id, "email_change", email,
	    ACCOUNT_EMAIL_CHANGE_SECONDS, "/konto/potwierdz/", url) == -1 ||
	    account_outbox_mail(r, app, "email_change", a.id, NULL, url, NULL) == -1))
		goto fail;
	if (db_commit(app->db) == -1)
		goto fail;
	account_redirect(r, "/konto?done=EmailSent");
	return;
fail:
	db_rollback(app->db);
	r->status = 503;
}

void
page_account_password_post(struct request *r, struct app *app)
{
	static const char sql[] = "UPDATE account SET password_hash = ? WHERE id = ?";
	struct account	 a;
	const char	*error;
	char		 hash[PASSWORD_HASH_MAX];

	if (!account_post_allowed(r, app) || !signed_in(r, app, &a))
		return;
	if (!current_password_ok(r, app, &a, "current", "Password"))
		return;
	if ((error = account_password_error(request_text(r, "password"),
	    request_text(r, "password2"), a.email)) != NULL) {
		account_page(r, app, &a, error, "Password");
		return;
	}
	/* Other sessions end; this browser gets a new one. */
	if (password_hash(request_text(r, "password"), hash) == -1 ||
	    db_exec(app->db, sql, DB_ARGS(DB_T(hash), DB_I(a.id)), NULL, NULL) == -1 ||
	    session_end_all(app, a.id) == -1 ||
	    session_start(r, app, a.id) == -1 ||
	    account_audit(r, app, a.id, "password_changed", NULL) == -1) {
		r->status = 503;
		return;
	}
	account_redirect(r, "/konto?done=PasswordChanged");
}

void
page_account_settings_post(struct request *r, struct app *app)
{
	static const char sql[] = "UPDATE account SET lang = ?, phone = ? WHERE id = ?";
	static const char withdraw[] = "UPDATE consent SET withdrawn_at = ? "
	    "WHERE account_id = ? AND channel = 'sms' AND withdrawn_at IS NULL";
	const char	*lang = request_text(r, "lang"), *phone = request_text(r, "phone");
	struct account	 a;
	char		 e164[17], now[20];

	if (!account_post_allowed(r, app) || !signed_in(r, app, &a))
		return;
	if (phone != NULL && !account_phone_e164(phone, e164)) {
		account_page(r, app, &a, "Error.PhoneInvalid", "Settings");
		return;
	}
	session_datetime(r->now, now);
	if (db_exec(app->db, sql, DB_ARGS(DB_S(lang != NULL ? lang : a.lang),
	    phone != NULL ? DB_T(e164) : DB_N(), DB_I(a.id)), NULL, NULL) == -1 ||
	    (phone == NULL && db_exec(app->db, withdraw, DB_ARGS(DB_T(now),
	    DB_I(a.id)), NULL, NULL) == -1)) {
		r->status = 503;
		return;
	}
	account_redirect(r, "/konto?done=Saved");
}

/* Gives (a new row) or withdraws (withdrawn_at) the consent to one channel. */
static int
consent_change(struct request *r, struct app *app, unsigned long long id,
    const char *channel, bool give)
{
	static const char active[] = "SELECT id FROM consent WHERE account_id = ? "
	    "AND channel = ? AND withdrawn_at IS NULL";
	static const char add[] = "INSERT INTO consent (account_id, channel, given_at) "
	    "VALUES (?, ?, ?)";
	static const char withdraw[] = "UPDATE consent SET withdrawn_at = ? "
	    "WHERE account_id = ? AND channel = ? AND withdrawn_at IS NULL";
	struct db_result	 res;
	char			 now[20];
	size_t			 rows;

	session_datetime(r->now, now);
	if (!give)
		return db_exec(app->db, withdraw, DB_ARGS(DB_T(now), DB_I(id),
		    DB_S(channel)), NULL, NULL);
	if (db_query(app->db, active, DB_ARGS(DB_I(id), DB_S(channel)), &res) == -1)
		return -1;
	rows = res.rows;
	db_result_free(&res);
	if (rows > 0)
		return 0;
	return db_exec(app->db, add, DB_ARGS(DB_I(id), DB_S(channel), DB_T(now)),
	    NULL, NULL);
}

void
page_account_consent_post(struct request *r, struct app *app)
{
	const char	*channel = request_text(r, "channel");
	const char	*action = request_text(r, "action");
	struct account	 a;
	bool		 give;

	if (!account_post_allowed(r, app) || !signed_in(r, app, &a))
		return;
	if (channel == NULL || action == NULL ||
	    (strcmp(channel, "email") != 0 && strcmp(channel, "sms") != 0) ||
	    (strcmp(action, "give") != 0 && strcmp(action, "withdraw") != 0)) {
		r->status = 400;
		return;
	}
	give = strcmp(action, "give") == 0;
	if (give && strcmp(channel, "sms") == 0 && a.phone[0] == '\0') {
		account_page(r, app, &a, "Error.PhoneRequired", "Consent");
		return;
	}
	if (consent_change(r, app, a.id, channel, give) == -1 ||
	    account_audit(r, app, a.id, give ? "consent_given" : "consent_withdrawn",
	    channel) == -1) {
		r->status = 503;
		return;
	}
	account_redirect(r, "/konto?done=ConsentSaved");
}
