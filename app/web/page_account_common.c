/* page_account_common.c: account lookups, one-time links, outbox mail, rate limits and audit rows. */
#include "cs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "log.h"
#include "page_account.h"
#include "password.h"
#include "render.h"
#include "session.h"

bool
account_email_key(const char *email, char key[255])
{
	const char	*at = strchr(email, '@'), *dot, *p;
	size_t		 len = strlen(email), i;

	if (len == 0 || len > 254 || at == NULL || at == email ||
	    at - email > 64 || strchr(at + 1, '@') != NULL)
		return false;
	for (p = email; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("<>()[],;:\\\"", *p) != NULL)
			return false;
	/* The domain: labels of letters, digits and hyphens, with at least one dot. */
	if ((dot = strrchr(at + 1, '.')) == NULL || dot == at + 1 || dot[1] == '\0' ||
	    strstr(at + 1, "..") != NULL || at[1] == '-' || email[len - 1] == '-')
		return false;
	for (p = at + 1; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			return false;
	for (i = 0; i <= len; i++)
		key[i] = (email[i] >= 'A' && email[i] <= 'Z') ? (char)(email[i] + 32) :
		    email[i];
	return true;
}

bool
account_phone_e164(const char *input, char out[17])
{
	char		 digits[32];
	size_t		 n = 0;
	const char	*p = input;
	bool		 plus = false;

	while (*p == ' ')
		p++;
	if (*p == '+') {
		plus = true;
		p++;
	}
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n == sizeof(digits) - 1)
				return false;
			digits[n++] = *p;
		} else if (strchr(" -.()/", *p) == NULL)
			return false;
	}
	digits[n] = '\0';
	/* "0048..." is the international prefix dialled in Poland. */
	if (!plus && n == 13 && strncmp(digits, "0048", 4) == 0) {
		memmove(digits, digits + 2, n - 1);
		n -= 2;
		plus = true;
	}
	if (!plus && n == 9 && digits[0] != '0') {
		snprintf(out, 17, "+48%s", digits);
		return true;
	}
	if (!plus && n == 11 && strncmp(digits, "48", 2) == 0 && digits[2] != '0')
		plus = true;
	/* E.164: a country code that does not start with 0, at most 15 digits. */
	if (!plus || n < 8 || n > 15 || digits[0] == '0')
		return false;
	if (strncmp(digits, "48", 2) == 0 && (n != 11 || digits[2] == '0'))
		return false;
	snprintf(out, 17, "+%s", digits);
	return true;
}

static int
account_load(struct app *app, const char *sql, struct db_param param,
    struct account *a)
{
	struct db_result	 res;
	int			 found;

	memset(a, 0, sizeof(*a));
	if (db_query(app->db, sql, &param, 1, &res) == -1)
		return -1;
	found = res.rows == 1;
	if (found) {
		a->id = (unsigned long long)db_cell_int(&res, 0, 0);
		snprintf(a->email, sizeof(a->email), "%s", db_cell(&res, 0, 1));
		snprintf(a->password_hash, sizeof(a->password_hash), "%s",
		    db_cell(&res, 0, 2));
		snprintf(a->phone, sizeof(a->phone), "%s",
		    db_cell(&res, 0, 3) != NULL ? db_cell(&res, 0, 3) : "");
		snprintf(a->lang, sizeof(a->lang), "%s", db_cell(&res, 0, 4));
		a->confirmed = db_cell(&res, 0, 5) != NULL;
	}
	db_result_free(&res);
	return found;
}

int
account_by_id(struct app *app, unsigned long long id, struct account *a)
{
	static const char sql[] = "SELECT id, email, password_hash, phone, lang, "
	    "confirmed_at FROM account WHERE id = ?";

	return account_load(app, sql, DB_I(id), a);
}

int
account_by_email(struct app *app, const char *email_key, struct account *a)
{
	static const char sql[] = "SELECT id, email, password_hash, phone, lang, "
	    "confirmed_at FROM account WHERE email_key = ?";

	return account_load(app, sql, DB_T(email_key), a);
}

int
account_token_create(struct request *r, struct app *app,
    unsigned long long account_id, const char *purpose, const char *new_email,
    long seconds, const char *path, char url[512])
{
	static const char sql[] = "INSERT INTO account_token (token_hash, account_id, "
	    "purpose, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)";
	char	 token[TOKEN_LEN + 1], hash[65], now[20], expires[20];

	if (token_random(token) == -1)
		return -1;
	token_sha256_hex(token, strlen(token), hash);
	session_datetime(r->now, now);
	session_datetime(r->now + seconds, expires);
	if (db_exec(app->db, sql, DB_ARGS(DB_T(hash), DB_I(account_id), DB_S(purpose),
	    DB_S(new_email), DB_T(now), DB_T(expires)), NULL, NULL) == -1)
		return -1;
	snprintf(url, 512, "%s%s%s", app->conf->base_url, path, token);
	return 0;
}

int
account_outbox_mail(struct request *r, struct app *app, const char *kind,
    unsigned long long account_id, const char *unique, const char *url,
    const char *to)
{
	static const char sql[] = "INSERT IGNORE INTO outbox (idempotency_key, channel, "
	    "kind, account_id, payload, due_at, created_at) "
	    "VALUES (?, 'email', ?, ?, ?, ?, ?)";
	json_t	*payload = to != NULL ? json_pack("{s:s, s:s}", "url", url, "to", to) :
		    json_pack("{s:s}", "url", url);
	char	*text, key[191], now[20], random_part[TOKEN_LEN + 1];
	int	 rc;

	if (unique == NULL) {
		if (token_random(random_part) == -1)
			return -1;
		unique = random_part;
	}

	if (payload == NULL || (text = json_dumps(payload, JSON_COMPACT)) == NULL) {
		json_decref(payload);
		return -1;
	}
	json_decref(payload);
	snprintf(key, sizeof(key), "%s:%llu:%s", kind, account_id, unique);
	session_datetime(r->now, now);
	rc = db_exec(app->db, sql, DB_ARGS(DB_T(key), DB_S(kind), DB_I(account_id),
	    DB_S(text), DB_T(now), DB_T(now)), NULL, NULL);
	free(text);
	return rc;
}

int
account_audit(struct request *r, struct app *app, unsigned long long account_id,
    const char *event, const char *detail)
{
	static const char sql[] = "INSERT INTO audit_log (created_at, account_id, "
	    "event, detail) VALUES (?, ?, ?, ?)";
	char	 now[20];

	session_datetime(r->now, now);
	return db_exec(app->db, sql, DB_ARGS(DB_T(now),
	    account_id != 0 ? DB_I(account_id) : DB_N(), DB_S(event),
	    DB_S(detail != NULL ? detail : "")), NULL, NULL);
}

/* Computes the bucket key and the start of the current window. */
static int
rate_bucket(struct request *r, struct app *app, const char *scope,
    const char *value, char bucket[65], char window[20])
{
	struct buf	 data;
	int		 rc;

	buf_init(&data);
	buf_printf(&data, "rate %s %s", scope, value != NULL ? value : "");
	rc = session_hmac_hex(app, buf_cstr(&data), bucket);
	buf_free(&data);
	session_datetime(r->now - r->now % RATE_WINDOW_SECONDS, window);
	return rc;
}

int
rate_limited(struct request *r, struct app *app, const char *scope,
    const char *value, unsigned max)
{
	static const char sql[] = "SELECT hits FROM rate_limit "
	    "WHERE bucket = ? AND window_start = ?";
	struct db_result	 res;
	char			 bucket[65], window[20];
	int			 limited;

	if (rate_bucket(r, app, scope, value, bucket, window) == -1)
		return -1;
	if (db_query(app->db, sql, DB_ARGS(DB_T(bucket), DB_T(window)), &res) == -1)
		return -1;
	limited = res.rows == 1 && db_cell_int(&res, 0, 0) >= (long long)max;
	db_result_free(&res);
	return limited;
}

int
rate_hit(struct request *r, struct app *app, const char *scope, const char *value)
{
	static const char sql[] = "INSERT INTO rate_limit (bucket, window_start, hits) "
	    "VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE hits = hits + 1";
	static const char purge[] = "DELETE FROM rate_limit WHERE window_start < ? "
	    "LIMIT 1000";
	unsigned long long	 affected = 0;
	char			 bucket[65], window[20], old[20];

	if (rate_bucket(r, app, scope, value, bucket, window) == -1)
		return -1;
	if (db_exec(app->db, sql, DB_ARGS(DB_T(bucket), DB_T(window)), &affected,
	    NULL) == -1)
		return -1;
	/* A new window's first hit also drops windows older than a day. */
	if (affected == 1) {
		session_datetime(r->now - 86400, old);
		db_exec(app->db, purge, DB_ARGS(DB_T(old)), NULL, NULL);
	}
	return 0;
}

int
rate_clear(struct request *r, struct app *app, const char *scope, const char *value)
{
	static const char sql[] = "DELETE FROM rate_limit WHERE bucket = ?";
	char	 bucket[65], window[20];

	if (rate_bucket(r, app, scope, value, bucket, window) == -1)
		return -1;
	return db_exec(app->db, sql, DB_ARGS(DB_T(bucket)), NULL, NULL);
}

struct _hdf *
account_begin(struct request *r, struct app *app, const char *template)
{
	HDF	*hdf;

	response_header(r, "Cache-Control", "no-store");
	session_send_pre(r, app);
	if ((hdf = render_begin(app->render, r, template)) == NULL)
		r->status = 500;
	return hdf;
}

void
account_message(struct request *r, struct app *app, int status, const char *key,
    const char *link, const char *link_key)
{
	HDF	*hdf;

	if ((hdf = account_begin(r, app, "account_message.cs")) == NULL)
		return;
	r->status = status;
	render_set(hdf, "Key", key);
	render_set(hdf, "Link", link);
	render_set(hdf, "LinkKey", link_key);
	if (render_page(app->render, r) == 0)
		r->status = status;
}

bool
account_post_allowed(struct request *r, struct app *app)
{
	if (session_csrf_ok(r, request_text(r, "csrf")))
		return true;
	log_warn("CSRF check failed for POST %s", r->path);
	account_message(r, app, 403, "Csrf", "/konto", "Csrf.Back");
	return false;
}

void
account_redirect(struct request *r, const char *path)
{
	response_header(r, "Cache-Control", "no-store");
	response_redirect(r, 303, path);
}

const char *
account_password_error(const char *password, const char *again, const char *email)
{
	if (password == NULL || again == NULL || strcmp(password, again) != 0)
		return "Error.PasswordMismatch";
	switch (password_check(password, email)) {
	case PASSWORD_OK: return NULL;
	case PASSWORD_TOO_SHORT: return "Error.PasswordTooShort";
	case PASSWORD_TOO_LONG: return "Error.PasswordTooLong";
	case PASSWORD_IS_EMAIL: return "Error.PasswordIsEmail";
	case PASSWORD_INVALID: break;
	}
	return "Error.PasswordInvalid";
}

const char *
account_dummy_hash(void)
{
	static char	 hash[PASSWORD_HASH_MAX];
	char		 random_password[TOKEN_LEN + 1];

	if (hash[0] == '\0' && (token_random(random_password) == -1 ||
	    password_hash(random_password, hash) == -1))
		hash[0] = '\0';
	return hash;
}
