/* admin_common.c: who may use the gmina administration pages, and helpers they share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "render.h"
#include "report_access.h"
#include "session.h"

static const char sql_tenant[] = "SELECT id, terc, name FROM tenant WHERE terc = ?";
static const char sql_audit[] =
    "INSERT INTO audit_log (created_at, account_id, event, detail) VALUES (?, ?, ?, ?)";

static void
redirect_to_login(struct request *r)
{
	struct buf	 location;

	buf_init(&location);
	buf_puts(&location, "/konto/logowanie?next=");
	url_escape(&location, r->path);
	response_header(r, "Cache-Control", "no-store");
	response_redirect(r, 303, buf_cstr(&location));
	buf_free(&location);
}

/* Loads the gmina of the path into ctx; 1 found, 0 not, -1 error. */
static int
load_gmina(struct app *app, const char *terc, struct admin_ctx *ctx)
{
	struct db_result	 res;
	int			 found;

	if (db_query(app->db, sql_tenant, DB_ARGS(DB_T(terc)), &res) == -1)
		return -1;
	found = res.rows == 1;
	if (found) {
		ctx->tenant_id = (unsigned long long)db_cell_int(&res, 0, 0);
		snprintf(ctx->terc, sizeof(ctx->terc), "%s", db_cell(&res, 0, 1));
		snprintf(ctx->name, sizeof(ctx->name), "%s", db_cell(&res, 0, 2));
		snprintf(ctx->base, sizeof(ctx->base), "/urzad/%s/admin", ctx->terc);
	}
	db_result_free(&res);
	return found;
}

bool
admin_begin(struct request *r, struct app *app, struct admin_ctx *ctx)
{
	struct viewer	 v;
	bool		 post = strcmp(r->method, "POST") == 0;
	int		 found;

	memset(ctx, 0, sizeof(*ctx));
	if (r->account_id == 0) {
		if (post)
			r->status = 403;
		else
			redirect_to_login(r);
		return false;
	}
	if (post && !session_csrf_ok(r, request_text(r, "csrf"))) {
		r->status = 403;
		return false;
	}
	if ((found = load_gmina(app, r->path_args[0].text, ctx)) != 1) {
		r->status = found == 0 ? 404 : 503;
		return false;
	}
	if (viewer_load(app->db, r->account_id, ctx->tenant_id, &v) == -1) {
		r->status = 503;
		return false;
	}
	if (!v.gmina_admin) {
		r->status = 403;
		return false;
	}
	response_header(r, "Cache-Control", "no-store");
	return true;
}

HDF *
admin_render_begin(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *template, const char *section, const char *error_key)
{
	HDF	*hdf = render_begin(app->render, r, template);
	char	 key[96];

	render_set(hdf, "Gmina.Terc", ctx->terc);
	render_set(hdf, "Gmina.Name", ctx->name);
	render_set(hdf, "Admin.Base", ctx->base);
	render_set(hdf, "Admin.Section", section);
	if (error_key != NULL) {
		snprintf(key, sizeof(key), "Page.Admin.Error.%s", error_key);
		render_set(hdf, "Error", lang_text(r->lang, key));
		r->status = 400;
	}
	return hdf;
}

void
admin_keep_form(HDF *hdf, const struct request *r)
{
	char	 path[96];
	size_t	 i;

	for (i = 0; i < r->field_count; i++) {
		if (strcmp(r->fields[i].spec->name, "csrf") == 0)
			continue;
		snprintf(path, sizeof(path), "Form.%s", r->fields[i].spec->name);
		render_set(hdf, path, r->fields[i].text);
	}
}

void
admin_set_rows(HDF *hdf, const char *node, const struct db_result *rows,
    const char *const *names, size_t count)
{
	char	 path[128];
	size_t	 i, j;

	for (i = 0; i < rows->rows; i++)
		for (j = 0; j < count && j < rows->cols; j++) {
			if (names[j] == NULL)
				continue;
			snprintf(path, sizeof(path), "%s.%zu.%s", node, i, names[j]);
			render_set(hdf, path, db_cell(rows, i, j));
		}
}

int
admin_audit(struct app *app, const struct request *r, const struct admin_ctx *ctx,
    const char *event, const char *detail)
{
	char	 now[20], name[64], text[255];

	session_datetime(r->now, now);
	snprintf(name, sizeof(name), "admin.%s", event);
	snprintf(text, sizeof(text), "tenant=%llu%s%s", ctx->tenant_id,
	    detail != NULL ? " " : "", detail != NULL ? detail : "");
	return db_exec(app->db, sql_audit, DB_ARGS(DB_T(now), DB_I(r->account_id),
	    DB_T(name), DB_T(text)), NULL, NULL);
}

bool
admin_change_begin(struct request *r, struct app *app)
{
	if (db_begin(app->db) == 0)
		return true;
	r->status = 503;
	return false;
}

void
admin_change_end(struct request *r, struct app *app, const struct admin_ctx *ctx,
    const char *event, const char *detail, const char *suffix)
{
	if (admin_audit(app, r, ctx, event, detail) == -1 || db_commit(app->db) == -1) {
		admin_change_fail(r, app);
		return;
	}
	admin_redirect(r, ctx, suffix);
}

void
admin_change_fail(struct request *r, struct app *app)
{
	db_rollback(app->db);
	r->status = 503;
}

void
admin_redirect(struct request *r, const struct admin_ctx *ctx, const char *suffix)
{
	char	 location[200];

	snprintf(location, sizeof(location), "%s%s", ctx->base, suffix);
	response_redirect(r, 303, location);
}

const char *
admin_text(const struct request *r, const char *name)
{
	const char	*s = request_text(r, name);

	return s != NULL ? s : "";
}

bool
admin_checked(const struct request *r, const char *name)
{
	const struct field	*f = request_field(r, name);

	return f != NULL && f->number == 1;
}

bool
admin_int(const struct request *r, const char *name, long min, long max, long *out)
{
	const char	*s = request_text(r, name);
	char		*end;
	long		 v;

	if (s == NULL)
		return true;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}
