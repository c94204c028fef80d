/* admin_roles.c: the staff of a gmina: gmina administrators, coordinators and unit operators. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "render.h"
#include "session.h"
#include "setup_check.h"

static const char sql_roles[] =
    "SELECT r.id, a.email, a.display_name, r.role, COALESCE(u.name, ''), r.account_id"
    " FROM account_role r JOIN account a ON a.id = r.account_id"
    " LEFT JOIN unit u ON u.id = r.unit_id WHERE r.tenant_id = ?"
    " ORDER BY FIELD(r.role, 'gmina_admin', 'coordinator', 'operator'), u.name, a.email_key";
static const char sql_units[] =
    "SELECT id, name FROM unit WHERE tenant_id = ? AND active = 1 ORDER BY name";
static const char sql_account[] =
    "SELECT id FROM account WHERE email_key = ? AND confirmed_at IS NOT NULL";
static const char sql_unit_ok[] =
    "SELECT 1 FROM unit WHERE tenant_id = ? AND id = ? AND active = 1";
static const char sql_has_role[] =
    "SELECT 1 FROM account_role WHERE account_id = ? AND role = ? AND tenant_id = ?"
    " AND unit_id <=> ?";
static const char sql_grant[] =
    "INSERT INTO account_role (account_id, role, tenant_id, unit_id, created_at)"
    " VALUES (?, ?, ?, ?, ?)";
static const char sql_role[] =
    "SELECT account_id, role, unit_id FROM account_role WHERE tenant_id = ? AND id = ?";
static const char sql_revoke[] = "DELETE FROM account_role WHERE tenant_id = ? AND id = ?";

static void
roles_page(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *error_key)
{
	static const char *const role_names[] = { "Id", "Email", "Name", "Role", "Unit",
		"AccountId" };
	static const char *const unit_names[] = { "Id", "Name" };
	struct db_result	 roles, units;
	HDF			*hdf;
	int			 status = r->status;

	if (db_query(app->db, sql_roles, DB_ARGS(DB_I(ctx->tenant_id)), &roles) == -1)
		goto fail;
	if (db_query(app->db, sql_units, DB_ARGS(DB_I(ctx->tenant_id)), &units) == -1) {
		db_result_free(&roles);
		goto fail;
	}
	r->status = status;
	hdf = admin_render_begin(r, app, ctx, "admin_roles.cs", "roles", error_key);
	admin_set_rows(hdf, "Roles", &roles, role_names, 6);
	admin_set_rows(hdf, "Units", &units, unit_names, 2);
	render_set_int(hdf, "Me", (long long)r->account_id);
	db_result_free(&roles);
	db_result_free(&units);
	if (error_key != NULL)
		admin_keep_form(hdf, r);
	render_page(app->render, r);
	return;
fail:
	r->status = 503;
}

void
admin_roles(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;

	if (admin_begin(r, app, &ctx))
		roles_page(r, app, &ctx, NULL);
}

/* Returns 1 when the query with these parameters finds a row, 0 when not, -1 on error. */
static int
found(struct app *app, const char *sql, const struct db_param *params, size_t count)
{
	struct db_result	 res;
	int			 rows;

	if (db_query(app->db, sql, params, count, &res) == -1)
		return -1;
	rows = res.rows > 0;
	db_result_free(&res);
	return rows;
}

/* Looks up the confirmed account of an e-mail address; its id, 0 when none, -1 on error. */
static long long
account_of(struct app *app, const char *email)
{
	struct db_result	 res;
	char			 key[255];
	size_t			 i;
	long long		 id;

	for (i = 0; email[i] != '\0' && i + 1 < sizeof(key); i++)
		key[i] = email[i] >= 'A' && email[i] <= 'Z' ? (char)(email[i] + 32) : email[i];
	key[i] = '\0';
	if (db_query(app->db, sql_account, DB_ARGS(DB_T(key)), &res) == -1)
		return -1;
	id = res.rows == 1 ? db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	return id;
}

/* Checks the grant form into *account and *unit; NULL when valid, else the error key. */
static const char *
grant_error(struct request *r, struct app *app, const struct admin_ctx *ctx,
    long long *account, long long *unit)
{
	const char	*role = admin_text(r, "role"), *email = admin_text(r, "email");
	const struct field *u = request_field(r, "unit");
	int		 ok;

	*unit = 0;
	if (strcmp(role, "gmina_admin") != 0 && strcmp(role, "coordinator") != 0 &&
	    strcmp(role, "operator") != 0)
		return "RoleKind";
	if (!setup_email_ok(email))
		return "RoleEmail";
	if (strcmp(role, "operator") == 0) {
		if (u == NULL)
			return "RoleUnit";
		*unit = u->number;
		if ((ok = found(app, sql_unit_ok, DB_ARGS(DB_I(ctx->tenant_id),
		    DB_I(*unit)))) != 1)
			return ok == -1 ? "Database" : "RoleUnit";
	}
	/* Only gmina administrators reach this page, so saying "no account" is allowed. */
	if ((*account = account_of(app, email)) <= 0)
		return *account == -1 ? "Database" : "RoleNoAccount";
	if ((ok = found(app, sql_has_role, DB_ARGS(DB_I(*account), DB_T(role),
	    DB_I(ctx->tenant_id), *unit ? DB_I(*unit) : DB_N()))) != 0)
		return ok == -1 ? "Database" : "RoleExists";
	return NULL;
}

void
admin_role_grant(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	const char		*error, *role;
	long long		 account, unit;
	unsigned long long	 id;
	char			 now[20], detail[100];

	if (!admin_begin(r, app, &ctx))
		return;
	if ((error = grant_error(r, app, &ctx, &account, &unit)) != NULL) {
		roles_page(r, app, &ctx, error);
		return;
	}
	role = admin_text(r, "role");
	session_datetime(r->now, now);
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_grant, DB_ARGS(DB_I(account), DB_T(role), DB_I(ctx.tenant_id),
	    unit ? DB_I(unit) : DB_N(), DB_T(now)), NULL, &id) == -1) {
		admin_change_fail(r, app);
		return;
	}
	snprintf(detail, sizeof(detail), "role_id=%llu account=%lld role=%s unit=%lld", id,
	    account, role, unit);
	admin_change_end(r, app, &ctx, "role_grant", detail, "/role");
}

void
admin_role_revoke(struct request *r, struct app *app)
{
	struct admin_ctx	 ctx;
	struct db_result	 res;
	unsigned long long	 id = (unsigned long long)r->path_args[1].number;
	char			 detail[120];
	long long		 account;
	bool			 own_admin;

	if (!admin_begin(r, app, &ctx))
		return;
	if (db_query(app->db, sql_role, DB_ARGS(DB_I(ctx.tenant_id), DB_I(id)), &res) == -1) {
		r->status = 503;
		return;
	}
	if (res.rows != 1) {
		db_result_free(&res);
		r->status = 404;
		return;
	}
	account = db_cell_int(&res, 0, 0);
	own_admin = (unsigned long long)account == r->account_id &&
	    strcmp(db_cell(&res, 0, 1), "gmina_admin") == 0;
	snprintf(detail, sizeof(detail), "role_id=%llu account=%lld role=%s unit=%s", id,
	    account, db_cell(&res, 0, 1), db_cell(&res, 0, 2) ? db_cell(&res, 0, 2) : "0");
	db_result_free(&res);
	/* An administrator cannot lock themselves out; another administrator can. */
	if (own_admin) {
		roles_page(r, app, &ctx, "RoleOwnAdmin");
		return;
	}
	if (!admin_change_begin(r, app))
		return;
	if (db_exec(app->db, sql_revoke, DB_ARGS(DB_I(ctx.tenant_id), DB_I(id)), NULL,
	    NULL) == -1) {
		admin_change_fail(r, app);
		return;
	}
	admin_change_end(r, app, &ctx, "role_revoke", detail, "/role");
}
