/* ctl_account.c: ratuszctl create-admin, grant, revoke and roles: accounts with platform, gmina and unit roles. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "clock.h"
#include "ctl.h"
#include "password.h"
#include "token.h"

/* Options of grant and revoke. */
struct role_args {
	const char	*email;
	const char	*role;
	const char	*gmina;
	const char	*unit;
};

static void
now_text(char out[20])
{
	time_t		 t = clock_now();
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Lower-cases an e-mail address into key[255]; returns 0, or -1 after printing an error. */
static int
email_key(const struct ctl *ctl, const char *email, char key[255])
{
	size_t	 i, len = strlen(email);
	const char *at = strchr(email, '@');

	if (len == 0 || len > 254 || at == NULL || at == email || at[1] == '\0' ||
	    strchr(at + 1, '.') == NULL || strpbrk(email, " \t<>\"") != NULL) {
		ctl_error(ctl, "Account.BadEmail", 0, email);
		return -1;
	}
	for (i = 0; i <= len; i++)
		key[i] = email[i] >= 'A' && email[i] <= 'Z' ? (char)(email[i] + 32) :
		    email[i];
	return 0;
}

/* Returns the account id of an e-mail address, 0 after printing that there is none, -1 on error. */
static long long
account_id(const struct ctl *ctl, const char *email)
{
	static const char sql[] = "SELECT id FROM account WHERE email_key = ?";
	struct db_result	 res;
	char			 key[255];
	long long		 id;

	if (email_key(ctl, email, key) == -1)
		return -1;
	if (db_query(ctl->db, sql, DB_ARGS(DB_T(key)), &res) == -1)
		return -1;
	id = res.rows == 1 ? db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	if (id == 0)
		ctl_error(ctl, "Account.UnknownAccount", 0, email);
	return id;
}

/*
 * Reads the password from stdin when it is not a terminal (one line, without
 * the line end), else generates one. Sets *generated to 1 for a generated one.
 */
static int
read_password(char *out, size_t size, int *generated)
{
	char	 random_part[TOKEN_LEN + 1];
	size_t	 len;

	*generated = 0;
	if (!isatty(STDIN_FILENO) && fgets(out, (int)size, stdin) != NULL) {
		len = strcspn(out, "\r\n");
		out[len] = '\0';
		if (len > 0)
			return 0;
	}
	if (token_random(random_part) == -1)
		return -1;
	snprintf(out, size, "%s", random_part);
	*generated = 1;
	return 0;
}

static int
parse_role_args(int argc, char **argv, struct role_args *a)
{
	static const struct option options[] = {
		{ "email", required_argument, NULL, 'e' },
		{ "role", required_argument, NULL, 'r' },
		{ "gmina", required_argument, NULL, 'g' },
		{ "unit", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	int	 ch;

	memset(a, 0, sizeof(*a));
	/* 0 makes glibc's getopt start over after main's own option parsing. */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (ch) {
		case 'e': a->email = optarg; break;
		case 'r': a->role = optarg; break;
		case 'g': a->gmina = optarg; break;
		case 'u': a->unit = optarg; break;
		default: return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

/* Returns the id of the account with this e-mail key, 0 when there is none, -1 on error. */
static long long
existing_id(struct ctl *ctl, const char *key)
{
	static const char sql[] = "SELECT id FROM account WHERE email_key = ? FOR UPDATE";
	struct db_result	 res;
	long long		 id;

	if (db_query(ctl->db, sql, DB_ARGS(DB_T(key)), &res) == -1)
		return -1;
	id = res.rows == 1 ? db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	return id;
}

/* Inserts the account with the given password, confirmed; returns its id or -1. */
static long long
admin_insert(struct ctl *ctl, const char *email, const char *key,
    const char *hash)
{
	static const char sql[] = "INSERT INTO account (email, email_key, "
	    "password_hash, confirmed_at, created_at) VALUES (?, ?, ?, ?, ?)";
	unsigned long long	 id = 0;
	char			 now[20];

	now_text(now);
	if (db_exec(ctl->db, sql, DB_ARGS(DB_S(email), DB_T(key), DB_T(hash),
	    DB_T(now), DB_T(now)), NULL, &id) == -1)
		return -1;
	return (long long)id;
}

/* Adds the role unless the account has it; returns 1 when added, 0 when present, -1 on error. */
static int
role_add(struct ctl *ctl, long long id, const char *role,
    unsigned long long tenant, unsigned long long unit)
{
	static const char find[] = "SELECT id FROM account_role WHERE account_id = ? "
	    "AND role = ? AND tenant_id <=> ? AND unit_id <=> ?";
	static const char add[] = "INSERT INTO account_role (account_id, role, "
	    "tenant_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?)";
	struct db_result	 res;
	struct db_param		 t = tenant ? DB_I(tenant) : DB_N();
	struct db_param		 u = unit ? DB_I(unit) : DB_N();
	char			 now[20];
	size_t			 rows;

	if (db_query(ctl->db, find, DB_ARGS(DB_I(id), DB_S(role), t, u), &res) == -1)
		return -1;
	rows = res.rows;
	db_result_free(&res);
	if (rows > 0)
		return 0;
	now_text(now);
	if (db_exec(ctl->db, add, DB_ARGS(DB_I(id), DB_S(role), t, u, DB_T(now)),
	    NULL, NULL) == -1)
		return -1;
	return 1;
}

int
ctl_create_admin(struct ctl *ctl, int argc, char **argv)
{
	struct role_args	 a;
	char			 key[255], password[PASSWORD_MAX_BYTES + 2];
	char			 hash[PASSWORD_HASH_MAX];
	long long		 id;
	int			 generated, rc = 1;

	if (parse_role_args(argc, argv, &a) == -1 || a.email == NULL || a.role != NULL ||
	    a.gmina != NULL || a.unit != NULL) {
		ctl_error(ctl, "Error.MissingArgument", 0, "--email");
		return 2;
	}
	if (email_key(ctl, a.email, key) == -1)
		return 2;
	if (read_password(password, sizeof(password), &generated) == -1)
		return 1;
	if (password_check(password, a.email) != PASSWORD_OK) {
		ctl_error(ctl, "Account.BadPassword", 0, NULL);
		return 2;
	}
	if (password_hash(password, hash) == -1) {
		ctl_error(ctl, "Account.HashFailed", 0, NULL);
		return 1;
	}
	if (db_begin(ctl->db) == -1)
		return 1;
	/* An existing account keeps its password and only gets the role. */
	if ((id = existing_id(ctl, key)) == 0)
		id = admin_insert(ctl, a.email, key, hash);
	else
		generated = -1;
	if (id == -1 || role_add(ctl, id, "platform_admin", 0, 0) == -1 ||
	    db_commit(ctl->db) == -1) {
		db_rollback(ctl->db);
		ctl_error(ctl, "Account.Failed", 0, NULL);
		goto out;
	}
	if (generated == -1)
		ctl_info(ctl, "Account.AdminExisting", 0, a.email);
	else
		ctl_info(ctl, "Account.AdminCreated", 0, a.email);
	if (generated == 1)
		ctl_info(ctl, "Account.GeneratedPassword", 0, password);
	rc = 0;
out:
	OPENSSL_cleanse(password, sizeof(password));
	return rc;
}

/* Finds the unit of a gmina by name, creating it when create is set; returns its id, 0 or -1. */
static long long
unit_id(struct ctl *ctl, unsigned long long tenant, const char *name, int create)
{
	static const char find[] = "SELECT id FROM unit WHERE tenant_id = ? AND name = ?";
	static const char add[] = "INSERT INTO unit (tenant_id, name) VALUES (?, ?)";
	struct db_result	 res;
	unsigned long long	 id = 0;

	if (db_query(ctl->db, find, DB_ARGS(DB_I(tenant), DB_S(name)), &res) == -1)
		return -1;
	if (res.rows == 1)
		id = (unsigned long long)db_cell_int(&res, 0, 0);
	db_result_free(&res);
	if (id != 0 || !create)
		return (long long)id;
	if (db_exec(ctl->db, add, DB_ARGS(DB_I(tenant), DB_S(name)), NULL, &id) == -1)
		return -1;
	ctl_info(ctl, "Account.UnitCreated", 0, name);
	return (long long)id;
}

/* Checks the options of a role; returns 0, or 2 after printing what is wrong. */
static int
check_role_args(const struct ctl *ctl, const struct role_args *a)
{
	if (a->email == NULL || a->role == NULL) {
		ctl_error(ctl, "Error.MissingArgument", 0,
		    a->email == NULL ? "--email" : "--role");
		return 2;
	}
	if (strcmp(a->role, "platform_admin") == 0) {
		if (a->gmina != NULL || a->unit != NULL) {
			ctl_error(ctl, "Account.PlatformWide", 0, NULL);
			return 2;
		}
		return 0;
	}
	if (strcmp(a->role, "gmina_admin") != 0 && strcmp(a->role, "coordinator") != 0 &&
	    strcmp(a->role, "operator") != 0) {
		ctl_error(ctl, "Account.BadRole", 0, a->role);
		return 2;
	}
	if (a->gmina == NULL) {
		ctl_error(ctl, "Account.NeedsGmina", 0, a->role);
		return 2;
	}
	if ((strcmp(a->role, "operator") == 0) != (a->unit != NULL)) {
		ctl_error(ctl, a->unit == NULL ? "Account.NeedsUnit" :
		    "Account.UnitOnlyForOperator", 0, NULL);
		return 2;
	}
	return 0;
}

/* Describes a role for messages: "operator 2205032 / Referat Gospodarki Odpadami". */
static void
describe_role(const struct role_args *a, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s%s%s", a->role, a->gmina ? " " : "",
	    a->gmina ? a->gmina : "", a->unit ? " / " : "", a->unit ? a->unit : "");
}

int
ctl_grant(struct ctl *ctl, int argc, char **argv)
{
	struct role_args	 a;
	unsigned long long	 tenant = 0;
	long long		 id, unit = 0;
	char			 what[400];
	int			 rc, added;

	if (parse_role_args(argc, argv, &a) == -1) {
		ctl_error(ctl, "Error.BadArgument", 0, argv[optind < argc ? optind : 0]);
		return 2;
	}
	if ((rc = check_role_args(ctl, &a)) != 0)
		return rc;
	if ((id = account_id(ctl, a.email)) <= 0)
		return 1;
	if (a.gmina != NULL && (tenant = ctl_tenant_id(ctl, a.gmina)) == 0)
		return 1;
	if (db_begin(ctl->db) == -1)
		return 1;
	if ((a.unit != NULL && (unit = unit_id(ctl, tenant, a.unit, 1)) == -1) ||
	    (added = role_add(ctl, id, a.role, tenant, (unsigned long long)unit)) == -1 ||
	    db_commit(ctl->db) == -1) {
		db_rollback(ctl->db);
		ctl_error(ctl, "Account.Failed", 0, NULL);
		return 1;
	}
	describe_role(&a, what, sizeof(what));
	ctl_info(ctl, added ? "Account.Granted" : "Account.AlreadyGranted", 0, what);
	return 0;
}

int
ctl_revoke(struct ctl *ctl, int argc, char **argv)
{
	static const char sql[] = "DELETE FROM account_role WHERE account_id = ? "
	    "AND role = ? AND tenant_id <=> ? AND unit_id <=> ?";
	struct role_args	 a;
	unsigned long long	 tenant = 0, removed = 0;
	long long		 id, unit = 0;
	char			 what[400];
	int			 rc;

	if (parse_role_args(argc, argv, &a) == -1) {
		ctl_error(ctl, "Error.BadArgument", 0, argv[optind < argc ? optind : 0]);
		return 2;
	}
	if ((rc = check_role_args(ctl, &a)) != 0)
		return rc;
	if ((id = account_id(ctl, a.email)) <= 0)
		return 1;
	if (a.gmina != NULL && (tenant = ctl_tenant_id(ctl, a.gmina)) == 0)
		return 1;
	if (a.unit != NULL && (unit = unit_id(ctl, tenant, a.unit, 0)) == -1)
		return 1;
	describe_role(&a, what, sizeof(what));
	if ((a.unit == NULL || unit > 0) && db_exec(ctl->db, sql, DB_ARGS(DB_I(id),
	    DB_S(a.role), tenant ? DB_I(tenant) : DB_N(), unit ? DB_I(unit) : DB_N()),
	    &removed, NULL) == -1)
		return 1;
	ctl_info(ctl, removed > 0 ? "Account.Revoked" : "Account.NotGranted", 0, what);
	return 0;
}

int
ctl_roles(struct ctl *ctl, int argc, char **argv)
{
	static const char sql[] = "SELECT r.role, t.terc, t.name, u.name "
	    "FROM account_role r LEFT JOIN tenant t ON t.id = r.tenant_id "
	    "LEFT JOIN unit u ON u.id = r.unit_id WHERE r.account_id = ? "
	    "ORDER BY r.role, t.terc, u.name";
	struct role_args	 a;
	struct db_result	 res;
	long long		 id;
	size_t			 i;

	if (parse_role_args(argc, argv, &a) == -1 || a.email == NULL) {
		ctl_error(ctl, "Error.MissingArgument", 0, "--email");
		return 2;
	}
	if ((id = account_id(ctl, a.email)) <= 0)
		return 1;
	if (db_query(ctl->db, sql, DB_ARGS(DB_I(id)), &res) == -1)
		return 1;
	if (res.rows == 0)
		ctl_info(ctl, "Account.NoRoles", 0, a.email);
	for (i = 0; i < res.rows; i++)
		printf("%s%s%s%s%s%s%s\n", db_cell(&res, i, 0),
		    db_cell(&res, i, 1) ? "\t" : "",
		    db_cell(&res, i, 1) ? db_cell(&res, i, 1) : "",
		    db_cell(&res, i, 2) ? "\t" : "",
		    db_cell(&res, i, 2) ? db_cell(&res, i, 2) : "",
		    db_cell(&res, i, 3) ? "\t" : "",
		    db_cell(&res, i, 3) ? db_cell(&res, i, 3) : "");
	db_result_free(&res);
	return 0;
}
