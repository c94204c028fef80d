/* page_account_confirm.c: /konto/potwierdz/<token>, the links that confirm an account or a new e-mail address. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "page_account.h"
#include "render.h"
#include "session.h"

/*
 * A GET only shows the page with a button; the POST of that button (with the
 * CSRF token) uses the link. Mail scanners that open links therefore change
 * nothing.
 */

static const char sql_find[] = "SELECT account_id, purpose, new_email, password_hash "
    "FROM account_token WHERE token_hash = ? AND used_at IS NULL "
    "AND expires_at > ? AND purpose IN ('confirm', 'email_change')";
static const char sql_find_locked[] = "SELECT account_id, purpose, new_email, "
    "password_hash FROM account_token WHERE token_hash = ? AND used_at IS NULL "
    "AND expires_at > ? AND purpose IN ('confirm', 'email_change') FOR UPDATE";

/*
 * Queues the notice of a changed address to the old one, in its account's
 * language. NOTE: the notice tells a resident whose password no longer works
 * to contact the administrator, but names no address, because the
 * configuration has no contact setting.
 */
static int
notify_old_address(struct request *r, struct app *app, const struct account *a)
{
	char	 url[512];

	snprintf(url, sizeof(url), "%s/konto/logowanie", app->conf->base_url);
	return account_outbox_mail(r, app, "email_changed", a->id, NULL, url, a->email);
}

/*
 * Changes the address, mails a notice to the old one, ends the account's other
 * sessions and uses up its unused reset and e-mail change links, which went
 * to the old address or name another one. Returns the message key, or NULL
 * on a database error.
 */
static const char *
confirm_email_change(struct request *r, struct app *app,
    unsigned long long account_id, const char *new_email)
{
	static const char sql[] = "UPDATE account SET email = ?, email_key = ?, "
	    "confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?";
	static const char links[] = "UPDATE account_token SET used_at = ? "
	    "WHERE account_id = ? AND purpose IN ('reset', 'email_change') "
	    "AND used_at IS NULL";
	struct account	 old;
	char		 key[255], now[20];

	if (new_email == NULL || !account_email_key(new_email, key))
		return "Confirm.Invalid";
	if (account_by_id(app, account_id, &old) != 1)
		return NULL;
	session_datetime(r->now, now);
	if (db_exec(app->db, sql, DB_ARGS(DB_S(new_email), DB_T(key), DB_T(now),
	    DB_I(account_id)), NULL, NULL) == -1)
		return db_errno(app->db) == 1062 ? "Confirm.EmailTaken" : NULL;
	if (notify_old_address(r, app, &old) == -1 ||
	    session_end_others(r, app, account_id) == -1 ||
	    db_exec(app->db, links, DB_ARGS(DB_T(now), DB_I(account_id)), NULL,
	    NULL) == -1 ||
	    account_audit(r, app, account_id, "email_changed", NULL) == -1)
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
	static const char use[] = "UPDATE account_token SET used_at = ? "
	    "WHERE token_hash = ?";
	struct db_result	 res;
	const char		*key = "Confirm.Invalid";
	char			 now[20];
	unsigned long long	 account_id;

	session_datetime(r->now, now);
	if (db_query(app->db, sql_find_locked, DB_ARGS(DB_T(hash), DB_T(now)),
	    &res) == -1)
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

/*
 * Finds the purpose of an unused, unexpired link without using it: 1 with
 * purpose[16] set, 0 when there is none, -1 on a database error.
 */
static int
confirm_purpose(struct request *r, struct app *app, const char *hash,
    char purpose[16])
{
	struct db_result	 res;
	char			 now[20];
	int			 found;

	session_datetime(r->now, now);
	if (db_query(app->db, sql_find, DB_ARGS(DB_T(hash), DB_T(now)), &res) == -1)
		return -1;
	found = res.rows == 1;
	if (found)
		snprintf(purpose, 16, "%s", db_cell(&res, 0, 1));
	db_result_free(&res);
	return found;
}

void
page_account_confirm(struct request *r, struct app *app)
{
	const char	*token = request_text(r, "token");
	char		 hash[65], purpose[16];
	HDF		*hdf;
	int		 found;

	token_sha256_hex(token, strlen(token), hash);
	if ((found = confirm_purpose(r, app, hash, purpose)) == -1) {
		r->status = 503;
		return;
	}
	if (found == 0) {
		account_message(r, app, 404, "Confirm.Invalid", "/", "Home");
		return;
	}
	if ((hdf = account_begin(r, app, "account_confirm.cs")) == NULL)
		return;
	render_set(hdf, "Token", token);
	render_set(hdf, "Purpose", strcmp(purpose, "confirm") == 0 ? "Account" :
	    "Email");
	render_page(app->render, r);
}

void
page_account_confirm_post(struct request *r, struct app *app)
{
	const char	*token = request_text(r, "token"), *key;
	char		 hash[65];

	if (!account_post_allowed(r, app))
		return;
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
