/* ctl_demo.c: ratuszctl demo-seed, a confirmed demo resident who follows two bundled addresses. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "ctl.h"
#include "password.h"
#include "token.h"

#define DEMO_EMAIL	"demo@ratusz.localhost"
#define DEMO_PASSWORD_LEN CTL_DEMO_PASSWORD_LEN

/* A followed address of the demo resident: gmina, point label and reminder settings. */
struct demo_subscription {
	const char	*terc;
	const char	*label;
	const char	*name;
	const char	*remind_when;
	int		 remind_hour;
};

static const struct demo_subscription demo_subscriptions[] = {
	{ "2205032", "Masłowo", "Mama, Masłowo", "evening", 19 },
	{ "3215043", "Łubowo, ul. Polna 18, 20, 21, 27, 33", "Działka, Łubowo", "morning", 6 },
};

static const char sql_upsert_account[] =
    "INSERT INTO account (email, email_key, password_hash, display_name, lang,"
    " confirmed_at, created_at) VALUES (?, ?, ?, 'Demo', 'pl', UTC_TIMESTAMP(),"
    " UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash),"
    " confirmed_at = COALESCE(confirmed_at, VALUES(confirmed_at))";
static const char sql_account_id[] =
    "SELECT id FROM account WHERE email_key = ?";
static const char sql_email_consent[] =
    "INSERT INTO consent (account_id, channel, given_at)"
    " SELECT ?, 'email', UTC_TIMESTAMP() FROM DUAL WHERE NOT EXISTS"
    " (SELECT 1 FROM consent WHERE account_id = ? AND channel = 'email'"
    " AND withdrawn_at IS NULL)";
static const char sql_point[] =
    "SELECT ap.id, ap.tenant_id FROM address_point ap JOIN tenant t ON t.id = ap.tenant_id"
    " WHERE t.terc = ? AND ap.label = ?";
static const char sql_subscribe[] =
    "INSERT INTO subscription (account_id, tenant_id, point_id, name, by_email, by_sms,"
    " remind_when, remind_hour, fractions, unsubscribe_token, created_at)"
    " SELECT ?, ?, ?, ?, 1, 0, ?, ?, '', ?, UTC_TIMESTAMP() FROM DUAL WHERE NOT EXISTS"
    " (SELECT 1 FROM subscription WHERE account_id = ? AND point_id = ?)";

/*
 * Derives a demo password from the installation's HMAC secret and a label, so
 * every run prints the same password without storing it, and no two
 * installations share it.
 */
int
ctl_demo_password(const struct ctl *ctl, const char *label,
    char out[CTL_DEMO_PASSWORD_LEN + 1])
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 mac_len = 0;
	char		*secret, encoded[64];
	size_t		 len;

	if ((secret = ctl_read_file(ctl, ctl->conf.secret_file, 4096, &len)) == NULL)
		return -1;
	HMAC(EVP_sha256(), secret, (int)len, (const unsigned char *)label, strlen(label),
	    mac, &mac_len);
	OPENSSL_cleanse(secret, len);
	free(secret);
	token_base64url(mac, mac_len, encoded);
	memcpy(out, encoded, DEMO_PASSWORD_LEN);
	out[DEMO_PASSWORD_LEN] = '\0';
	return 0;
}

/* Creates or updates the confirmed demo account with its e-mail consent; its id or 0. */
static unsigned long long
demo_account(struct ctl *ctl, const char *password)
{
	struct db_result	 r;
	unsigned long long	 id = 0;
	char			 hash[PASSWORD_HASH_MAX];
	const char		*hash_text = hash;

	if (password_hash(password, hash) == -1) {
		ctl_error(ctl, "Demo.HashFailed", 0, NULL);
		return 0;
	}
	if (db_exec(ctl->db, sql_upsert_account, DB_ARGS(DB_S(DEMO_EMAIL), DB_S(DEMO_EMAIL),
	    DB_S(hash_text)), NULL, NULL) == -1)
		return 0;
	if (db_query(ctl->db, sql_account_id, DB_ARGS(DB_S(DEMO_EMAIL)), &r) == -1)
		return 0;
	if (r.rows == 1)
		id = (unsigned long long)db_cell_int(&r, 0, 0);
	db_result_free(&r);
	if (id != 0 && db_exec(ctl->db, sql_email_consent, DB_ARGS(DB_I(id), DB_I(id)),
	    NULL, NULL) == -1)
		return 0;
	return id;
}

/* Follows one demo address unless the account already follows it; 0 or -1. */
static int
demo_subscribe(struct ctl *ctl, unsigned long long account_id,
    const struct demo_subscription *s)
{
	struct db_result	 r;
	unsigned long long	 point_id, tenant_id;
	char			 token[TOKEN_LEN + 1];
	const char		*token_text = token;

	if (db_query(ctl->db, sql_point, DB_ARGS(DB_S(s->terc), DB_S(s->label)), &r) == -1)
		return -1;
	if (r.rows != 1) {
		db_result_free(&r);
		ctl_error(ctl, "Demo.PointNotFound", 0, s->label);
		return -1;
	}
	point_id = (unsigned long long)db_cell_int(&r, 0, 0);
	tenant_id = (unsigned long long)db_cell_int(&r, 0, 1);
	db_result_free(&r);
	if (token_random(token) == -1)
		return -1;
	return db_exec(ctl->db, sql_subscribe, DB_ARGS(DB_I(account_id), DB_I(tenant_id),
	    DB_I(point_id), DB_S(s->name), DB_S(s->remind_when), DB_I(s->remind_hour),
	    DB_S(token_text), DB_I(account_id), DB_I(point_id)), NULL, NULL);
}

/* Seeds the demo resident in one transaction and prints the login and password. */
int
ctl_demo_seed(struct ctl *ctl, int argc, char **argv)
{
	unsigned long long	 account_id;
	char			 password[DEMO_PASSWORD_LEN + 1], login[128];
	size_t			 i;

	if (argc != 1) {
		ctl_error(ctl, "Error.BadArgument", 0, argv[1]);
		return 2;
	}
	if (ctl_demo_password(ctl, "ratusz demo resident password", password) == -1 ||
	    db_begin(ctl->db) == -1)
		return 1;
	if ((account_id = demo_account(ctl, password)) == 0)
		goto fail;
	for (i = 0; i < sizeof(demo_subscriptions) / sizeof(demo_subscriptions[0]); i++)
		if (demo_subscribe(ctl, account_id, &demo_subscriptions[i]) == -1)
			goto fail;
	if (db_commit(ctl->db) == -1)
		goto fail;
	snprintf(login, sizeof(login), "%s / %s", DEMO_EMAIL, password);
	ctl_info(ctl, "Demo.Login", 0, login);
	return 0;
fail:
	db_rollback(ctl->db);
	ctl_error(ctl, "Demo.Failed", 0, NULL);
	return 1;
}
