/* ctl_api_key.c: the api-key command: Open311 API keys of a gmina (create, list, revoke). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "ctl.h"
#include "token.h"

#define API_KEY_NAME_MAX	120	/* characters, as api_key.name */

static const char sql_insert[] =
    "INSERT INTO api_key (tenant_id, name, key_hash, created_at) VALUES (?, ?, ?, ?)";
static const char sql_list[] =
    "SELECT id, name, created_at, COALESCE(last_used_at, '-'), revoked_at"
    " FROM api_key WHERE tenant_id = ? ORDER BY id";
static const char sql_revoke[] =
    "UPDATE api_key SET revoked_at = COALESCE(revoked_at, ?) WHERE tenant_id = ? AND id = ?";

/* Options of one api-key call; NULL where not given. */
struct key_options {
	const char	*terc, *name, *id;
};

static int
parse_options(const struct ctl *ctl, int argc, char **argv, struct key_options *o)
{
	int	 i;

	memset(o, 0, sizeof(*o));
	for (i = 2; i < argc; i += 2) {
		if (i + 1 >= argc) {
			ctl_error(ctl, "Error.BadArgument", 0, argv[i]);
			return -1;
		}
		if (strcmp(argv[i], "--gmina") == 0)
			o->terc = argv[i + 1];
		else if (strcmp(argv[i], "--name") == 0)
			o->name = argv[i + 1];
		else if (strcmp(argv[i], "--id") == 0)
			o->id = argv[i + 1];
		else {
			ctl_error(ctl, "Error.BadArgument", 0, argv[i]);
			return -1;
		}
	}
	if (o->terc == NULL) {
		ctl_error(ctl, "Error.MissingArgument", 0, "--gmina");
		return -1;
	}
	return 0;
}

static void
now_text(char out[20])
{
	time_t		 t = clock_now();
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static int
key_create(struct ctl *ctl, unsigned long long tenant, const char *name)
{
	unsigned long long	 id = 0;
	char			 key[TOKEN_LEN + 1], hash[65], now[20], number[24];

	if (name == NULL || name[0] == '\0' || strlen(name) > API_KEY_NAME_MAX) {
		ctl_error(ctl, name == NULL ? "Error.MissingArgument" : "ApiKey.BadName", 0,
		    name == NULL ? "--name" : name);
		return 1;
	}
	if (token_random(key) == -1)
		return 1;
	token_sha256_hex(key, strlen(key), hash);
	now_text(now);
	if (db_exec(ctl->db, sql_insert, DB_ARGS(DB_I(tenant), DB_S(name), DB_T(hash),
	    DB_T(now)), NULL, &id) == -1) {
		ctl_error(ctl, "ApiKey.Failed", 0, NULL);
		return 1;
	}
	snprintf(number, sizeof(number), "%llu", id);
	ctl_info_with(ctl, "ApiKey.Created", (const char *const[]){ "id", number,
	    "value", name, NULL });
	/* The key itself goes alone on the last line, for scripts; only its hash is kept. */
	printf("%s\n", key);
	return 0;
}

static int
key_list(struct ctl *ctl, unsigned long long tenant)
{
	struct db_result	 res;
	const char		*revoked;
	size_t			 i;

	if (db_query(ctl->db, sql_list, DB_ARGS(DB_I(tenant)), &res) == -1) {
		ctl_error(ctl, "ApiKey.Failed", 0, NULL);
		return 1;
	}
	for (i = 0; i < res.rows; i++) {
		revoked = db_cell(&res, i, 4);
		printf("%s\t%s\t%s\t%s\t%s\n", db_cell(&res, i, 0), db_cell(&res, i, 1),
		    db_cell(&res, i, 2), db_cell(&res, i, 3), revoked != NULL ?
		    lang_text(ctl->lang, "Ctl.ApiKey.Revoked") :
		    lang_text(ctl->lang, "Ctl.ApiKey.Active"));
	}
	if (res.rows == 0)
		ctl_info(ctl, "ApiKey.None", 0, NULL);
	db_result_free(&res);
	return 0;
}

static int
key_revoke(struct ctl *ctl, unsigned long long tenant, const char *id)
{
	unsigned long long	 affected = 0;
	char			*end;
	unsigned long long	 n;
	char			 now[20];

	if (id == NULL) {
		ctl_error(ctl, "Error.MissingArgument", 0, "--id");
		return 1;
	}
	n = strtoull(id, &end, 10);
	if (*id < '1' || *id > '9' || *end != '\0') {
		ctl_error(ctl, "ApiKey.NotFound", 0, id);
		return 1;
	}
	now_text(now);
	if (db_exec(ctl->db, sql_revoke, DB_ARGS(DB_T(now), DB_I(tenant), DB_I(n)),
	    &affected, NULL) == -1) {
		ctl_error(ctl, "ApiKey.Failed", 0, NULL);
		return 1;
	}
	/* A second revoke matches the row but changes nothing: still a success. */
	if (affected == 0) {
		struct db_result res;
		static const char sql_exists[] =
		    "SELECT 1 FROM api_key WHERE tenant_id = ? AND id = ?";

		if (db_query(ctl->db, sql_exists, DB_ARGS(DB_I(tenant), DB_I(n)), &res) == -1)
			return 1;
		affected = res.rows;
		db_result_free(&res);
	}
	if (affected == 0) {
		ctl_error(ctl, "ApiKey.NotFound", 0, id);
		return 1;
	}
	ctl_info(ctl, "ApiKey.RevokedOne", 0, id);
	return 0;
}

int
ctl_api_key(struct ctl *ctl, int argc, char **argv)
{
	struct key_options	 o;
	unsigned long long	 tenant;
	const char		*action = argc > 1 ? argv[1] : "";

	if (strcmp(action, "create") != 0 && strcmp(action, "list") != 0 &&
	    strcmp(action, "revoke") != 0) {
		ctl_error(ctl, "ApiKey.Usage", 0, action);
		return 2;
	}
	if (parse_options(ctl, argc, argv, &o) == -1)
		return 2;
	if ((tenant = ctl_tenant_id(ctl, o.terc)) == 0)
		return 1;
	if (strcmp(action, "create") == 0)
		return key_create(ctl, tenant, o.name);
	if (strcmp(action, "list") == 0)
		return key_list(ctl, tenant);
	return key_revoke(ctl, tenant, o.id);
}
