/* page_account_register.c: /konto/rejestracja, registration with its rate limits. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "page_account.h"
#include "password.h"
#include "render.h"
#include "session.h"

/*
 * Renders the registration form with what was typed, except the passwords,
 * and the message key of a failed check; status is the response's on success.
 */
static void
register_form(struct request *r, struct app *app, const char *error, int status)
{
	HDF	*hdf;

	if ((hdf = account_begin(r, app, "account_register.cs")) == NULL)
		return;
	render_set(hdf, "Email", request_text(r, "email"));
	render_set(hdf, "Error", error);
	if (request_field(r, "terms") != NULL)
		render_set(hdf, "Terms", "1");
	if (request_field(r, "consent_email") != NULL)
		render_set(hdf, "ConsentEmail", "1");
	if (render_page(app->render, r) == 0)
		r->status = status;
}

void
page_account_register(struct request *r, struct app *app)
{
	if (r->account_id != 0) {
		account_redirect(r, "/konto");
		return;
	}
	register_form(r, app, NULL, 200);
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
	if (account_outbox_mail(r, app, "account_confirm", id, NULL, url, NULL) == -1)
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
		    url, NULL);
	}
	snprintf(url, sizeof(url), "%s/konto/haslo", app->conf->base_url);
	return account_outbox_mail(r, app, "account_exists", a->id, NULL, url, NULL);
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

/*
 * Counts a registration of the client address; returns 1 when the address
 * already had RATE_REGISTER_PER_ADDRESS in this window, 0 when it may go on,
 * -1 on error.
 */
static int
register_address_limited(struct request *r, struct app *app)
{
	int	 limited;

	limited = rate_limited(r, app, "register-address", r->client,
	    RATE_REGISTER_PER_ADDRESS);
	if (limited != 0)
		return limited;
	return rate_hit(r, app, "register-address", r->client);
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
		register_form(r, app, error, 400);
		return;
	}
	/*
	 * One client address may start a few registrations per window, whether
	 * their addresses are new or taken, so the limit reveals no account.
	 */
	if ((limited = register_address_limited(r, app)) != 0) {
		if (limited == 1)
			register_form(r, app, "Register.TooMany", 429);
		else
			r->status = 503;
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
