/* page_account_login.c: /konto/logowanie, /konto/wyloguj and the password reset under /konto/haslo. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "log.h"
#include "page_account.h"
#include "password.h"
#include "render.h"
#include "session.h"

/*
 * Returns the "next" field when it is a path on this site ("/konto/adresy"),
 * else "/konto". A value starting with "//" or "/\" would name another host.
 */
static const char *
login_next(const struct request *r)
{
	const char	*next = request_text(r, "next");

	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strpbrk(next, "\r\n") != NULL)
		return "/konto";
	return next;
}

static void
login_form(struct request *r, struct app *app, const char *error, int status)
{
	HDF	*hdf;

	if ((hdf = account_begin(r, app, "account_login.cs")) == NULL)
		return;
	if (strcmp(login_next(r), "/konto") != 0)
		render_set(hdf, "Next", login_next(r));
	render_set(hdf, "Email", request_text(r, "email"));
	render_set(hdf, "Error", error);
	if (render_page(app->render, r) == 0)
		r->status = status;
}

void
page_account_login(struct request *r, struct app *app)
{
	if (r->account_id != 0) {
		account_redirect(r, login_next(r));
		return;
	}
	login_form(r, app, NULL, 200);
}

/* Writes the value of the "login-pair" bucket: the client address and the e-mail key. */
static void
login_pair(const struct request *r, const char *key, char out[320])
{
	snprintf(out, 320, "%s %s", r->client, key);
}

/*
 * Returns 1 when a login limit of the client address, of the typed e-mail from
 * this client address, or of the typed e-mail from all addresses is reached,
 * else 0, or -1 on error.
 */
static int
login_limited(struct request *r, struct app *app, const char *key)
{
	char	 pair[320];
	int	 by_address, by_pair, by_email;

	login_pair(r, key, pair);
	by_address = rate_limited(r, app, "login-address", r->client,
	    RATE_LOGIN_PER_ADDRESS);
	by_pair = rate_limited(r, app, "login-pair", pair,
	    RATE_LOGIN_PER_EMAIL_ADDRESS);
	by_email = rate_limited(r, app, "login-email", key, RATE_LOGIN_PER_EMAIL);
	if (by_address == -1 || by_pair == -1 || by_email == -1)
		return -1;
	return by_address || by_pair || by_email;
}

/* Counts one failed sign-in in the three login buckets. */
static int
login_failed(struct request *r, struct app *app, const char *key)
{
	char	 pair[320];

	login_pair(r, key, pair);
	if (rate_hit(r, app, "login-address", r->client) == -1 ||
	    rate_hit(r, app, "login-pair", pair) == -1)
		return -1;
	return rate_hit(r, app, "login-email", key);
}

int
login_limits_clear(struct request *r, struct app *app, const char *key)
{
	char	 pair[320];

	login_pair(r, key, pair);
	if (rate_clear(r, app, "login-pair", pair) == -1)
		return -1;
	return rate_clear(r, app, "login-email", key);
}

/*
 * Checks the password against the account of key, or against a dummy hash when
 * there is none, so both take one scrypt computation. Returns the account id,
 * 0 on a mismatch, or -1 on error. Sets *confirmed when the address is confirmed.
 */
static long long
login_verify(struct app *app, const char *key, const char *password,
    bool *confirmed)
{
	struct account	 a;
	int		 found = key[0] != '\0' ? account_by_email(app, key, &a) : 0;
	int		 match;

	if (found == -1)
		return -1;
	match = password_verify(password, found == 1 ? a.password_hash :
	    account_dummy_hash());
	if (found == 0 || match != 1) {
		if (found == 1 && match == -1)
			log_error("account %llu has an unreadable password hash", a.id);
		return 0;
	}
	*confirmed = a.confirmed;
	return (long long)a.id;
}

void
page_account_login_post(struct request *r, struct app *app)
{
	const char	*email = request_text(r, "email");
	const char	*password = request_text(r, "password");
	char		 key[255] = "";
	bool		 confirmed = false;
	long long	 id;
	int		 limited;

	if (!account_post_allowed(r, app))
		return;
	if (email == NULL || !account_email_key(email, key))
		key[0] = '\0';
	if ((limited = login_limited(r, app, key)) != 0) {
		if (limited == 1)
			login_form(r, app, "Login.TooMany", 429);
		else
			r->status = 503;
		return;
	}
	id = login_verify(app, key, password != NULL ? password : "", &confirmed);
	if (id == -1) {
		r->status = 503;
		return;
	}
	if (id == 0) {
		if (login_failed(r, app, key) == -1)
			r->status = 503;
		else
			login_form(r, app, "Login.Failed", 400);
		return;
	}
	if (!confirmed) {
		login_form(r, app, "Login.NotConfirmed", 400);
		return;
	}
	if (session_start(r, app, (unsigned long long)id) == -1 ||
	    account_audit(r, app, (unsigned long long)id, "login", NULL) == -1) {
		r->status = 503;
		return;
	}
	account_redirect(r, login_next(r));
}

void
page_account_logout(struct request *r, struct app *app)
{
	if (!account_post_allowed(r, app))
		return;
	if (session_end(r, app) == -1) {
		r->status = 503;
		return;
	}
	account_redirect(r, "/");
}

static void
reset_request_form(struct request *r, struct app *app, const char *error,
    int status)
{
	HDF	*hdf;

	if ((hdf = account_begin(r, app, "account_reset_request.cs")) == NULL)
		return;
	render_set(hdf, "Email", request_text(r, "email"));
	render_set(hdf, "Error", error);
	if (render_page(app->render, r) == 0)
		r->status = status;
}

void
page_account_reset_request(struct request *r, struct app *app)
{
	reset_request_form(r, app, NULL, 200);
}

/* Queues a reset link when the account exists; the caller responds the same either way. */
static int
reset_send(struct request *r, struct app *app, const char *key)
{
	struct account	 a;
	char		 url[512];
	int		 found;

	if (db_begin(app->db) == -1)
		return -1;
	found = account_by_email(app, key, &a);
	if (found == 1 && (account_token_create(r, app, a.id, "reset", NULL,
	    ACCOUNT_RESET_SECONDS, "/konto/haslo/", url) == -1 ||
	    account_outbox_mail(r, app, "account_reset", a.id, NULL, url, NULL) == -1))
		found = -1;
	if (found == -1 || db_commit(app->db) == -1) {
		db_rollback(app->db);
		return -1;
	}
	return 0;
}

void
page_account_reset_request_post(struct request *r, struct app *app)
{
	const char	*email = request_text(r, "email");
	char		 key[255];
	int		 by_address, by_email;

	if (!account_post_allowed(r, app))
		return;
	if (email == NULL || !account_email_key(email, key)) {
		reset_request_form(r, app, "Error.EmailInvalid", 400);
		return;
	}
	by_address = rate_limited(r, app, "reset-address", r->client,
	    RATE_RESET_PER_ADDRESS);
	by_email = rate_limited(r, app, "reset-email", key, RATE_RESET_PER_EMAIL);
	if (by_address == 1 || by_email == 1) {
		reset_request_form(r, app, "Reset.TooMany", 429);
		return;
	}
	if (by_address == -1 || by_email == -1 ||
	    rate_hit(r, app, "reset-address", r->client) == -1 ||
	    rate_hit(r, app, "reset-email", key) == -1 ||
	    reset_send(r, app, key) == -1) {
		r->status = 503;
		return;
	}
	account_message(r, app, 200, "Reset.Sent", NULL, NULL);
}

/* Finds the account of an unused, unexpired reset token; 1, 0 or -1 like account_by_id. */
static int
reset_account(struct request *r, struct app *app, const char *hash, bool lock,
    struct account *a)
{
	static const char find[] = "SELECT account_id FROM account_token "
	    "WHERE token_hash = ? AND purpose = 'reset' AND used_at IS NULL "
	    "AND expires_at > ?";
	static const char find_locked[] = "SELECT account_id FROM account_token "
	    "WHERE token_hash = ? AND purpose = 'reset' AND used_at IS NULL "
	    "AND expires_at > ? FOR UPDATE";
	struct db_result	 res;
	char			 now[20];
	unsigned long long	 id;

	session_datetime(r->now, now);
	if (db_query(app->db, lock ? find_locked : find, DB_ARGS(DB_T(hash),
	    DB_T(now)), &res) == -1)
		return -1;
	id = res.rows == 1 ? (unsigned long long)db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	return id != 0 ? account_by_id(app, id, a) : 0;
}

static void
reset_form(struct request *r, struct app *app, const char *error)
{
	HDF	*hdf;

	if ((hdf = account_begin(r, app, "account_reset.cs")) == NULL)
		return;
	render_set(hdf, "Token", request_text(r, "token"));
	render_set(hdf, "Error", error);
	if (render_page(app->render, r) == 0 && error != NULL)
		r->status = 400;
}

void
page_account_reset(struct request *r, struct app *app)
{
	const char	*token = request_text(r, "token");
	struct account	 a;
	char		 hash[65];
	int		 found;

	token_sha256_hex(token, strlen(token), hash);
	if ((found = reset_account(r, app, hash, false, &a)) == -1)
		r->status = 503;
	else if (found == 0)
		account_message(r, app, 404, "Confirm.Invalid", "/konto/haslo",
		    "Reset.Title");
	else
		reset_form(r, app, NULL);
}

/* Stores the new password, uses up every reset link and ends every session. */
static int
reset_store(struct request *r, struct app *app, unsigned long long id,
    const char *password_hash_text)
{
	static const char set[] = "UPDATE account SET password_hash = ?, "
	    "confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?";
	static const char use[] = "UPDATE account_token SET used_at = ? "
	    "WHERE account_id = ? AND purpose = 'reset' AND used_at IS NULL";
	char	 now[20];

	session_datetime(r->now, now);
	if (db_exec(app->db, set, DB_ARGS(DB_S(password_hash_text), DB_T(now),
	    DB_I(id)), NULL, NULL) == -1 ||
	    db_exec(app->db, use, DB_ARGS(DB_T(now), DB_I(id)), NULL, NULL) == -1 ||
	    session_end_all(app, id) == -1)
		return -1;
	return account_audit(r, app, id, "password_reset", NULL);
}

void
page_account_reset_post(struct request *r, struct app *app)
{
	const char	*token = request_text(r, "token"), *error;
	struct account	 a;
	char		 hash[65], new_hash[PASSWORD_HASH_MAX], key[255];
	int		 found;

	if (!account_post_allowed(r, app))
		return;
	token_sha256_hex(token, strlen(token), hash);
	if ((found = reset_account(r, app, hash, false, &a)) != 1) {
		if (found == 0)
			account_message(r, app, 404, "Confirm.Invalid",
			    "/konto/haslo", "Reset.Title");
		else
			r->status = 503;
		return;
	}
	if ((error = account_password_error(request_text(r, "password"),
	    request_text(r, "password2"), a.email)) != NULL) {
		reset_form(r, app, error);
		return;
	}
	if (password_hash(request_text(r, "password"), new_hash) == -1 ||
	    db_begin(app->db) == -1) {
		r->status = 503;
		return;
	}
	/* The token is checked again under a row lock, so two posts use it once. */
	/* A new password also lifts the login lockout of the address, as the lockout message promises. */
	if ((found = reset_account(r, app, hash, true, &a)) != 1 ||
	    reset_store(r, app, a.id, new_hash) == -1 ||
	    !account_email_key(a.email, key) ||
	    login_limits_clear(r, app, key) == -1 || db_commit(app->db) == -1) {
		db_rollback(app->db);
		if (found == 0)
			account_message(r, app, 404, "Confirm.Invalid",
			    "/konto/haslo", "Reset.Title");
		else
			r->status = 503;
		return;
	}
	/* This browser's session, if any, ended with the others. */
	session_end(r, app);
	account_message(r, app, 200, "Reset.Done", "/konto/logowanie", "Login.Title");
}
