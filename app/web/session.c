/* session.c: login sessions stored as SHA-256 of the cookie token, and HMAC-based CSRF tokens. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "log.h"
#include "pages.h"
#include "session.h"
#include "token.h"

#define SECRET_MIN	32
#define SECRET_MAX	1024
#define SLIDE_SECONDS	3600

/* The HMAC key from conf->secret_file, read once per process. */
static unsigned char	 secret[SECRET_MAX];
static size_t		 secret_len;
/* scheme://host[:port] of conf->base_url, for the Origin check. */
static char		 base_origin[256];

/* Reads the secret once; a missing or short file is logged once per process. */
static int
secret_load(const struct app *app)
{
	static bool	 reported;
	FILE		*f;

	if (secret_len > 0)
		return 0;
	if ((f = fopen(app->conf->secret_file, "rb")) == NULL) {
		if (!reported)
			log_error("secret file %s: cannot open: %s; forms are "
			    "rejected until it exists", app->conf->secret_file,
			    strerror(errno));
		reported = true;
		return -1;
	}
	secret_len = fread(secret, 1, sizeof(secret), f);
	fclose(f);
	if (secret_len < SECRET_MIN) {
		if (!reported)
			log_error("secret file %s: has %zu bytes, needs at least %d; "
			    "fill it with head -c 32 /dev/urandom",
			    app->conf->secret_file, secret_len, SECRET_MIN);
		reported = true;
		secret_len = 0;
		return -1;
	}
	return 0;
}

/* Copies the origin of url (everything before the first "/" after "://"). */
static void
origin_of(const char *url, char *out, size_t size)
{
	const char	*scheme = strstr(url, "://"), *slash;
	size_t		 n = strlen(url);

	if (scheme != NULL && (slash = strchr(scheme + 3, '/')) != NULL)
		n = (size_t)(slash - url);
	snprintf(out, size, "%.*s", (int)n, url);
}

int
session_hmac_hex(const struct app *app, const char *data, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0, i;

	out[0] = '\0';
	if (secret_load(app) == -1)
		return -1;
	if (HMAC(EVP_sha256(), secret, (int)secret_len,
	    (const unsigned char *)data, strlen(data), md, &n) == NULL)
		return -1;
	for (i = 0; i < n && i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * i] = '\0';
	return 0;
}

void
session_datetime(time_t t, char out[20])
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/*
 * Finds "name=" in a Cookie header and copies its value when it is a token of
 * TOKEN_LEN base64url characters. Returns 1 when found.
 */
static int
cookie_token(const char *cookie, const char *name, char out[TOKEN_LEN + 1])
{
	size_t		 n = strlen(name), len;
	const char	*p = cookie;

	while (p != NULL && (p = strstr(p, name)) != NULL) {
		if ((p == cookie || p[-1] == ' ' || p[-1] == ';') && p[n] == '=') {
			p += n + 1;
			len = strcspn(p, "; ");
			if (len != TOKEN_LEN ||
			    strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
			    "qrstuvwxyz0123456789-_") < TOKEN_LEN)
				return 0;
			memcpy(out, p, TOKEN_LEN);
			out[TOKEN_LEN] = '\0';
			return 1;
		}
		p += n;
	}
	return 0;
}

static void
set_cookie(struct request *r, const struct app *app, const char *name,
    const char *value, long max_age)
{
	char	 line[256], age[48] = "";

	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	snprintf(line, sizeof(line), "%s=%s; Path=/%s; HttpOnly; SameSite=Lax%s",
	    name, value, age,
	    strncmp(app->conf->base_url, "https:", 6) == 0 ? "; Secure" : "");
	response_header(r, "Set-Cookie", line);
}

/* Seconds a session lasts after its last request: shorter for staff. */
static long
session_lifetime(bool staff)
{
	return staff ? SESSION_STAFF_IDLE_SECONDS : SESSION_DAYS * 86400L;
}

/* Returns 1 when the account has any role, 0 when not, -1 on error. */
static int
account_is_staff(struct app *app, unsigned long long account_id)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM account_role "
	    "WHERE account_id = ?)";
	struct db_result	 res;
	int			 staff;

	if (db_query(app->db, sql, DB_ARGS(DB_I(account_id)), &res) == -1)
		return -1;
	staff = res.rows == 1 && db_cell_int(&res, 0, 0) == 1;
	db_result_free(&res);
	return staff;
}

/* Moves the expiry of the session to a lifetime after now and sends the cookie again. */
static void
session_slide(struct request *r, struct app *app, const char *sid, bool staff)
{
	static const char sql[] = "UPDATE session SET last_seen_at = ?, "
	    "expires_at = ? WHERE token_hash = ?";
	char	 now[20], expires[20];

	session_datetime(r->now, now);
	session_datetime(r->now + session_lifetime(staff), expires);
	if (db_exec(app->db, sql, DB_ARGS(DB_T(now), DB_T(expires),
	    DB_T(r->session_hash)), NULL, NULL) == 0)
		set_cookie(r, app, "sid", sid, session_lifetime(staff));
}

/*
 * Loads the session of the sid cookie; returns 1 when it is valid, 0 when not,
 * -1 on error. The idle limit of staff is checked here and not only through
 * expires_at, because a role granted during a session does not shorten it.
 */
static int
session_find(struct request *r, struct app *app, const char *sid)
{
	static const char sql[] = "SELECT s.account_id, s.csrf_seed, "
	    "s.last_seen_at < ?, s.last_seen_at < ?, s.last_seen_at < ?, "
	    "EXISTS (SELECT 1 FROM account_role ar WHERE ar.account_id = s.account_id) "
	    "FROM session s WHERE s.token_hash = ? AND s.expires_at > ?";
	struct db_result	 res;
	char			 now[20], stale[20], staff_stale[20], staff_idle[20];
	bool			 staff;
	int			 found;

	token_sha256_hex(sid, strlen(sid), r->session_hash);
	session_datetime(r->now, now);
	session_datetime(r->now - SLIDE_SECONDS, stale);
	session_datetime(r->now - SESSION_STAFF_SLIDE_SECONDS, staff_stale);
	session_datetime(r->now - SESSION_STAFF_IDLE_SECONDS, staff_idle);
	if (db_query(app->db, sql, DB_ARGS(DB_T(stale), DB_T(staff_stale),
	    DB_T(staff_idle), DB_T(r->session_hash), DB_T(now)), &res) == -1)
		return -1;
	found = res.rows == 1;
	staff = found && db_cell_int(&res, 0, 5) == 1;
	if (staff && db_cell_int(&res, 0, 4) == 1)
		found = 0;
	if (found) {
		r->account_id = (unsigned long long)db_cell_int(&res, 0, 0);
		/* Without the secret no form can be checked, so the visitor stays anonymous. */
		if (session_hmac_hex(app, db_cell(&res, 0, 1), r->csrf_token) == -1)
			found = 0;
		else if (db_cell_int(&res, 0, staff ? 3 : 2) == 1)
			session_slide(r, app, sid, staff);
	}
	db_result_free(&res);
	return found;
}

int
session_load(struct request *r, struct app *app)
{
	char	 sid[TOKEN_LEN + 1], pre[TOKEN_LEN + 1], data[TOKEN_LEN + 8];
	int	 found = 0;

	r->account_id = 0;
	r->csrf_token[0] = r->session_hash[0] = r->pre_new[0] = '\0';
	if (base_origin[0] == '\0')
		origin_of(app->conf->base_url, base_origin, sizeof(base_origin));
	if (r->cookie != NULL && cookie_token(r->cookie, "sid", sid))
		found = session_find(r, app, sid);
	if (found == -1)
		return -1;
	if (found == 1)
		return 0;
	r->account_id = 0;
	r->session_hash[0] = '\0';
	/* An anonymous form's token is bound to the random "pre" cookie instead. */
	if (r->cookie == NULL || !cookie_token(r->cookie, "pre", pre)) {
		if (token_random(pre) == -1)
			return -1;
		memcpy(r->pre_new, pre, sizeof(pre));
	}
	snprintf(data, sizeof(data), "pre %s", pre);
	/* A missing secret leaves csrf_token empty: pages work, every form post fails. */
	session_hmac_hex(app, data, r->csrf_token);
	return 0;
}

void
session_send_pre(struct request *r, const struct app *app)
{
	if (r->pre_new[0] != '\0') {
		set_cookie(r, app, "pre", r->pre_new, -1);
		r->pre_new[0] = '\0';
	}
}

/* True when the Referer is base_origin itself or a path under it. */
static bool
referer_ok(const char *referer)
{
	size_t	 n = strlen(base_origin);

	return strncmp(referer, base_origin, n) == 0 &&
	    (referer[n] == '\0' || referer[n] == '/');
}

bool
session_csrf_ok(const struct request *r, const char *token)
{
	if (token == NULL || strlen(token) != 64 || strlen(r->csrf_token) != 64 ||
	    base_origin[0] == '\0')
		return false;
	if (CRYPTO_memcmp(token, r->csrf_token, 64) != 0)
		return false;
	if (r->origin != NULL)
		return strcmp(r->origin, base_origin) == 0;
	return r->referer != NULL && referer_ok(r->referer);
}

int
session_start(struct request *r, struct app *app, unsigned long long account_id)
{
	static const char del[] = "DELETE FROM session WHERE token_hash = ?";
	static const char purge[] = "DELETE FROM session WHERE expires_at < ? LIMIT 100";
	static const char ins[] = "INSERT INTO session (token_hash, account_id, "
	    "csrf_seed, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)";
	char	 sid[TOKEN_LEN + 1], seed[TOKEN_LEN + 1], hash[65], now[20], expires[20];

	int	 staff;

	if (token_random(sid) == -1 || token_random(seed) == -1 ||
	    (staff = account_is_staff(app, account_id)) == -1)
		return -1;
	session_datetime(r->now, now);
	session_datetime(r->now + session_lifetime(staff), expires);
	if (r->session_hash[0] != '\0' &&
	    db_exec(app->db, del, DB_ARGS(DB_T(r->session_hash)), NULL, NULL) == -1)
		return -1;
	if (db_exec(app->db, purge, DB_ARGS(DB_T(now)), NULL, NULL) == -1)
		return -1;
	token_sha256_hex(sid, strlen(sid), hash);
	if (db_exec(app->db, ins, DB_ARGS(DB_T(hash), DB_I(account_id), DB_T(seed),
	    DB_T(now), DB_T(now), DB_T(expires)), NULL, NULL) == -1)
		return -1;
	if (session_hmac_hex(app, seed, r->csrf_token) == -1)
		return -1;
	memcpy(r->session_hash, hash, sizeof(hash));
	r->account_id = account_id;
	set_cookie(r, app, "sid", sid, session_lifetime(staff));
	return 0;
}

int
session_end(struct request *r, struct app *app)
{
	static const char sql[] = "DELETE FROM session WHERE token_hash = ?";

	if (r->session_hash[0] != '\0' &&
	    db_exec(app->db, sql, DB_ARGS(DB_T(r->session_hash)), NULL, NULL) == -1)
		return -1;
	r->session_hash[0] = '\0';
	r->account_id = 0;
	set_cookie(r, app, "sid", "", 0);
	return 0;
}

int
session_end_all(struct app *app, unsigned long long account_id)
{
	static const char sql[] = "DELETE FROM session WHERE account_id = ?";

	return db_exec(app->db, sql, DB_ARGS(DB_I(account_id)), NULL, NULL);
}

int
session_end_others(struct request *r, struct app *app, unsigned long long account_id)
{
	static const char sql[] = "DELETE FROM session WHERE account_id = ? "
	    "AND token_hash <> ?";

	return db_exec(app->db, sql, DB_ARGS(DB_I(account_id),
	    DB_T(r->session_hash)), NULL, NULL);
}
