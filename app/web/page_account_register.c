/* page_account_register.c: /konto/rejestracja (registration) and /konto/potwierdz/<token> (e-mail links). */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "page_account.h"
#include "password.h"
#include "render.h"
#include "session.h"

/* Renders the registration form, with the message key of a failed check. */
static void
register_form(struct request *r, struct app *app, const char *error)
{
	HDF	*hdf;

	if ((hdf = account_begin(r, app, "account_register.cs")) == NULL)
		return;
	render_set(hdf, "Email", request_text(r, "email"));
	render_set(hdf, "Error", error);
	if (request_field(r, "consent_email") != NULL)
		render_set(hdf, "ConsentEmail", "1");
	if (render_page(app->render, r) == 0 && error != NULL)
		r->status = 400;
}

void
page_account_register(struct request *r, struct app *app)
{
	if (r->account_id != 0) {
		account_redirect(r, "/konto");
		return;
	}
	register_form(r, app, NULL);
}

/* Creates the account with its consent, confirmation link and mail; in a transaction. */
static int
register_new(struct request *r, struct app *app, const char *email,
    const char *key, const char *hash)
{
	static const char ins[] = "INSERT INTO account (email, email_key, "
	    "password_hash, lang, created_at) VALUES (?, ?, ?, ?, ?)";
	static const char consent[] = "INSERT INTO consent (account_id, channel, "
	    "given_at) VALUES (?, 'email', ?)";
	unsigned long long	 id = 0;
	char			 now[20], url[512];

	session_datetime(r->now, now);
	if (db_exec(app->db, ins, DB_ARGS(DB_S(email), DB_S(key), DB_S(hash),
	    DB_S(lang_code(r->lang)), DB_T(now)), NULL, &id) == -1)
		return -1;
	if (request_field(r, "consent_email") != NULL &&
	    db_exec(app->db, consent, DB_ARGS(DB_I(id), DB_T(now)), NULL, NULL) == -1)
		return -1;
	if (account_token_create(r, app, id, "confirm", NULL, ACCOUNT_CONFIRM_SECONDS,
	    "/konto/potwierdz/", url) == -1)
		return -1;
	if (account_outbox_mail(r, app, "account_confirm", id, NULL, url) == -1)
		return -1;
	return account_audit(r, app, id, "account_registered", "terms accepted");
}

/*
 * Sends the owner of an existing address a mail: a new confirmation link when
 * the account is not confirmed yet, else a note that the account exists.
 */
static int
register_existing(struct request *r, struct app *app, const struct account *a,
    const char *hash)
{
	static const char bind[] = "UPDATE account_token SET password_hash = ? "
	    "WHERE token_hash = ?";
	char	 url[512], token_hash[65];
	const char *token;

	if (!a->confirmed) {
		if (account_token_create(r, app, a->id, "confirm", NULL,
		    ACCOUNT_CONFIRM_SECONDS, "/konto/potwierdz/", url) == -1)
			return -1;
		/* This link sets this registration's password, replacing any earlier registrant's. */
		token = strrchr(url, '/') + 1;
		token_sha256_hex(token, strlen(token), token_hash);
		if (db_exec(app->db, bind, DB_ARGS(DB_S(hash), DB_T(token_hash)), NULL,
		    NULL) == -1)
			return -1;
		return account_outbox_mail(r, app, "account_confirm", a->id, NULL,
		    url);
	}
	snprintf(url, sizeof(url), "%s/konto/haslo", app->conf->base_url);
	return account_outbox_mail(r, app, "account_exists", a->id, NULL, url);
}

static const char *
register_check(struct request *r, char key[255])
{
	const char	*email = request_text(r, "email");

	if (email == NULL || !account_email_key(email, key))
		return "Error.EmailInvalid";
	if (request_field(r, "terms") == NULL)
		return "Error.TermsRequired";
	return account_password_error(request_text(r, "password"),
	    request_text(r, "password2"), email);
}

/* Stores the account or mails the owner of the address; 0, or -1 after a rollback. */
static int
register_store(struct request *r, struct app *app, const char *key,
    const char *hash)
{
	struct account	 existing;
	int		 found, rc;

	if (db_begin(app->db) == -1)
		return -1;
	found = account_by_email(app, key, &existing);
	if (found == 1)
		rc = register_existing(r, app, &existing, hash);
	else if (found == 0)
		rc = register_new(r, app, request_text(r, "email"), key, hash);
	else
		rc = -1;
	/* A registration that raced with another one for the same address rolls back. */
	if (rc == -1 || db_commit(app->db) == -1) {
		db_rollback(app->db);
		return -1;
	}
	return 0;
}

void
page_account_register_post(struct request *r, struct app *app)
{
	const char	*error;
	char		 key[255], hash[PASSWORD_HASH_MAX];
	int		 limited;

	if (!account_post_allowed(r, app))
		return;
	if ((error = register_check(r, key)) != NULL) {
		register_form(r, app, error);
		return;
	}
	/* Hashing first makes an existing address take as long as a new one. */
	if (password_hash(request_text(r, "password"), hash) == -1) {
		r->status = 500;
		return;
	}
	/* Too many registrations of one address send no more mail, with the same response. */
	limited = rate_limited(r, app, "register-email", key, RATE_REGISTER_PER_EMAIL);
	if (limited == -1 || rate_hit(r, app, "register-email", key) == -1 ||
	    (limited == 0 && register_store(r, app, key, hash) == -1)) {
		r->status = 503;
		return;
	}
	account_message(r, app, 200, "Register.Sent", NULL, NULL);
}

/* Confirms a new e-mail address; returns the message key, or NULL on a database error. */
static const char *
confirm_email_change(struct request *r, struct app *app,
    unsigned long long account_id, const char *new_email)
{
	static const char sql[] = "UPDATE account SET email = ?, email_key = ?, "
	    "confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?";
	char	 key[255], now[20];

	if (new_email == NULL || !account_email_key(new_email, key))
		return "Confirm.Invalid";
	session_datetime(r->now, now);
	if (db_exec(app->db, sql, DB_ARGS(DB_S(new_email), DB_T(key), DB_T(now),
	    DB_I(account_id)), NULL, NULL) == -1)
		return db_errno(app->db) == 1062 ? "Confirm.EmailTaken" : NULL;
	if (account_audit(r, app, account_id, "email_changed", NULL) == -1)
		return NULL;
	return "Confirm.EmailChanged";
}

/*
 * Confirms the account. A link issued by a repeated registration carries that
 * registration's password, which replaces the stored one. The other unused
 * confirmation links and any sessions of the account end.
 */
static const char *
confirm_account(struct request *r, struct app *app, unsigned long long account_id,
    const char *password_hash)
{
	static const char sql[] = "UPDATE account SET confirmed_at = ?, "
	    "password_hash = COALESCE(?, password_hash) "
	    "WHERE id = ? AND confirmed_at IS NULL";
	static const char others[] = "UPDATE account_token SET used_at = ? "
	    "WHERE account_id = ? AND purpose = 'confirm' AND used_at IS NULL";
	static const char sessions[] = "DELETE FROM session WHERE account_id = ?";
	char	 now[20];

	session_datetime(r->now, now);
	if (db_exec(app->db, sql, DB_ARGS(DB_T(now), DB_S(password_hash),
	    DB_I(account_id)), NULL, NULL) == -1 ||
	    db_exec(app->db, others, DB_ARGS(DB_T(now), DB_I(account_id)), NULL,
	    NULL) == -1 ||
	    (password_hash != NULL && db_exec(app->db, sessions,
	    DB_ARGS(DB_I(account_id)), NULL, NULL) == -1) ||
	    account_audit(r, app, account_id, "account_confirmed", NULL) == -1)
		return NULL;
	return "Confirm.Done";
}

/* Uses the token in a transaction; returns the message key, or NULL on a database error. */
static const char *
confirm_token(struct request *r, struct app *app, const char *hash)
{
	static const char find[] = "SELECT account_id, purpose, new_email, password_hash "
	    "FROM account_token WHERE token_hash = ? AND used_at IS NULL "
	    "AND expires_at > ? AND purpose IN ('confirm', 'email_change') FOR UPDATE";
	static const char use[] = "UPDATE account_token SET used_at = ? "
	    "WHERE token_hash = ?";
	struct db_result	 res;
	const char		*key = "Confirm.Invalid";
	char			 now[20];
	unsigned long long	 account_id;

	session_datetime(r->now, now);
	if (db_query(app->db, find, DB_ARGS(DB_T(hash), DB_T(now)), &res) == -1)
		return NULL;
	if (res.rows == 1) {
		account_id = (unsigned long long)db_cell_int(&res, 0, 0);
		if (strcmp(db_cell(&res, 0, 1), "confirm") == 0)
			key = confirm_account(r, app, account_id, db_cell(&res, 0, 3));
		else
			key = confirm_email_change(r, app, account_id,
			    db_cell(&res, 0, 2));
		if (key != NULL && db_exec(app->db, use, DB_ARGS(DB_T(now),
		    DB_T(hash)), NULL, NULL) == -1)
			key = NULL;
	}
	db_result_free(&res);
	return key;
}

void
page_account_confirm(struct request *r, struct app *app)
{
	const char	*token = request_text(r, "token"), *key;
	char		 hash[65];

	token_sha256_hex(token, strlen(token), hash);
	if (db_begin(app->db) == -1) {
		r->status = 503;
		return;
	}
	if ((key = confirm_token(r, app, hash)) == NULL ||
	    db_commit(app->db) == -1) {
		db_rollback(app->db);
		r->status = 503;
		return;
	}
	if (strcmp(key, "Confirm.Invalid") == 0 || strcmp(key, "Confirm.EmailTaken") == 0)
		account_message(r, app, 404, key, "/", "Home");
	else
		account_message(r, app, 200, key, r->account_id != 0 ? "/konto" :
		    "/konto/logowanie", r->account_id != 0 ? "Title" : "Login.Title");
}
