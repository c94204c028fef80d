/* page_account.h: helpers shared by the account pages (page_account_*.c) under /konto/. */
#ifndef RATUSZ_PAGE_ACCOUNT_H
#define RATUSZ_PAGE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "pages.h"
#include "token.h"

struct _hdf;

/* Lifetimes of the one-time links sent by e-mail, in seconds. */
#define ACCOUNT_CONFIRM_SECONDS		(7 * 86400L)
#define ACCOUNT_EMAIL_CHANGE_SECONDS	(86400L)
#define ACCOUNT_RESET_SECONDS		(3600L)

/* Rate limits: attempts in one window of RATE_WINDOW_SECONDS (15 minutes). */
#define RATE_WINDOW_SECONDS		900
/*
 * Failed sign-ins: per typed e-mail address from one client address, per client
 * address, and per e-mail address from all client addresses together. The last
 * limit is ten times the first, so failures from one or a few client addresses
 * cannot lock the owner out of an account.
 */
#define RATE_LOGIN_PER_EMAIL_ADDRESS	5
#define RATE_LOGIN_PER_ADDRESS		20
/* NOTE: 10 or more client addresses can still fill this limit and lock the owner out. */
#define RATE_LOGIN_PER_EMAIL		50
#define RATE_RESET_PER_EMAIL		3
#define RATE_RESET_PER_ADDRESS		10
#define RATE_REGISTER_PER_EMAIL		3
#define RATE_REGISTER_PER_ADDRESS	10

/* An account row as the pages use it. */
struct account {
	unsigned long long id;
	char		 email[255];
	char		 password_hash[256];
	char		 phone[17];
	char		 lang[3];
	bool		 confirmed;
};

/*
 * Checks the syntax of an e-mail address (at most 254 bytes, a local part and
 * a domain with a dot, printable ASCII) and writes its lower-cased lookup key
 * into key[255]. Returns true when valid.
 */
bool	 account_email_key(const char *email, char key[255]);

/*
 * Normalises a phone number to E.164: a Polish number of 9 digits ("600 100 200",
 * "+48 600-100-200", "0048600100200") becomes "+48600100200"; another country's
 * number must start with "+". Spaces, dashes, dots and brackets are ignored.
 * Returns true and writes out[17] when valid.
 */
bool	 account_phone_e164(const char *input, char out[17]);

/* Loads an account by id or by e-mail key; 1 found, 0 not found, -1 database error. */
int	 account_by_id(struct app *, unsigned long long id, struct account *);
int	 account_by_email(struct app *, const char *email_key, struct account *);

/*
 * Creates a one-time link token of purpose (confirm, reset, email_change),
 * stores its SHA-256 and writes base_url + path + token into url[512].
 * new_email is stored for email_change. Returns 0 or -1.
 */
int	 account_token_create(struct request *, struct app *, unsigned long long account_id,
		const char *purpose, const char *new_email, long seconds, const char *path,
		char url[512]);

/*
 * Queues an e-mail of kind for the account in the outbox (INSERT IGNORE on the
 * idempotency key "kind:account:unique", unique random when NULL), payload
 * {"url": url}, or {"url": url, "to": to} for a mail to another address than
 * the account's at send time. Call it inside the transaction of its cause.
 * Returns 0 or -1.
 */
int	 account_outbox_mail(struct request *, struct app *, const char *kind,
		unsigned long long account_id, const char *unique, const char *url,
		const char *to);

/* Adds an audit_log row: ids and event names only, never personal data. */
int	 account_audit(struct request *, struct app *, unsigned long long account_id,
		const char *event, const char *detail);

/*
 * Rate limits keyed by HMAC(secret, scope + value), so the table contains no
 * address or e-mail. rate_limited returns 1 when the current window already
 * has max hits, 0 when not, -1 on error; rate_hit counts one more hit.
 */
int	 rate_limited(struct request *, struct app *, const char *scope,
		const char *value, unsigned max);
int	 rate_hit(struct request *, struct app *, const char *scope, const char *value);
/* Forgets every window of a limit, after the resident proved who they are. */
int	 rate_clear(struct request *, struct app *, const char *scope,
		const char *value);
/* Lifts the login limits of e-mail key: from all addresses and from this client address. */
int	 login_limits_clear(struct request *, struct app *, const char *key);

/*
 * Checks a POST's CSRF token and Origin; on failure sets 403 and renders the
 * Polish page explaining that the form expired. Returns true when the post may go on.
 */
bool	 account_post_allowed(struct request *, struct app *);

/* Sends "Location: path" with 303 (no-store); for redirects after a POST or to the login page. */
void	 account_redirect(struct request *, const char *path);

/*
 * Begins an account template: sets no-store, the CSRF token and the "pre" cookie
 * of anonymous forms. Returns the tree, or NULL with r->status 500.
 */
struct _hdf *account_begin(struct request *, struct app *, const char *template);

/*
 * Renders account_message.cs: the heading and text of Page.Account.<key>.Title
 * and .Text, with status and an optional link (path and Page.Account key).
 */
void	 account_message(struct request *, struct app *, int status, const char *key,
		const char *link, const char *link_key);

/* Returns the message key of a password rule failure ("Error.PasswordTooShort"), or NULL. */
const char *account_password_error(const char *password, const char *again,
		const char *email);

/* Returns a valid scrypt hash of a random password, computed once, for equal login times. */
const char *account_dummy_hash(void);

#endif
