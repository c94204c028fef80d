/* page_home.c: the home page (gmina search), error pages, language switch and health check. */
#include "cs.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "open311.h"
#include "pages.h"
#include "render.h"
#include "schedule.h"

void
page_error(struct request *r, struct app *app)
{
	HDF		*hdf;
	struct buf	 reason;
	char		 key[64];

	if (r->status < 400)
		r->status = 500;
	response_header(r, "Cache-Control", "no-store");
	if (strncmp(r->path != NULL ? r->path : "", "/api/", 5) == 0) {
		api_route_error(r);
		return;
	}
	if (strncmp(r->path != NULL ? r->path : "", "/open311/", 9) == 0) {
		open311_route_error(r);
		return;
	}
	buf_reset(&r->body);
	snprintf(key, sizeof(key), "%d", r->status);
	hdf = render_begin(app->render, r, "error.cs");
	render_set(hdf, "Status", key);
	render_set(hdf, "Field", r->invalid_field[0] ? r->invalid_field : NULL);
	if (r->body_problem.key[0] != '\0') {
		buf_init(&reason);
		lang_problem(&reason, r->lang, &r->body_problem);
		render_set(hdf, "Reason", buf_cstr(&reason));
		buf_free(&reason);
	}
	if (hdf == NULL || render_page(app->render, r) == -1) {
		/* The template itself failed: a plain Polish message still reaches the user. */
		r->content_type = "text/plain; charset=utf-8";
		buf_reset(&r->body);
		buf_puts(&r->body, "Wystąpił błąd serwera. Spróbuj ponownie za chwilę.\n");
	}
}

void
page_health(struct request *r, struct app *app)
{
	const struct field	*sleep_for = request_field(r, "sleep");
	struct db_result	 res;

	if (sleep_for != NULL && app->test_hooks)
		sleep((unsigned)sleep_for->number);
	r->content_type = "application/json";
	response_header(r, "Cache-Control", "no-store");
	if (db_query(app->db, "SELECT 1", DB_NO_ARGS, &res) == -1) {
		r->status = 503;
		buf_printf(&r->body, "{\"status\":\"database unavailable\",\"pid\":%d}\n",
		    (int)getpid());
		return;
	}
	db_result_free(&res);
	buf_printf(&r->body, "{\"status\":\"ok\",\"pid\":%d}\n", (int)getpid());
}

/* Sets the language cookie and returns to a local page ("next" must be a path). */
void
page_lang(struct request *r, struct app *app)
{
	const char	*code = request_text(r, "code"), *next = request_text(r, "next");
	char		 cookie[128];

	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strpbrk(next, "\r\n") != NULL)
		next = "/";
	snprintf(cookie, sizeof(cookie),
	    "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly%s", code,
	    strncmp(app->conf->base_url, "https:", 6) == 0 ? "; Secure" : "");
	response_header(r, "Set-Cookie", cookie);
	response_header(r, "Cache-Control", "no-store");
	response_redirect(r, 303, next);
}

/* Adds rows of gminy (terc, name, kind, powiat, voivodeship) under P.<node>. */
static void
set_gmina_rows(HDF *hdf, const char *node, const struct db_result *res)
{
	char	 path[96];
	size_t	 i;

	for (i = 0; i < res->rows; i++) {
		snprintf(path, sizeof(path), "%s.%zu.Terc", node, i);
		render_set(hdf, path, db_cell(res, i, 0));
		snprintf(path, sizeof(path), "%s.%zu.Name", node, i);
		render_set(hdf, path, db_cell(res, i, 1));
		snprintf(path, sizeof(path), "%s.%zu.Kind", node, i);
		render_set(hdf, path, db_cell(res, i, 2));
		snprintf(path, sizeof(path), "%s.%zu.Powiat", node, i);
		render_set(hdf, path, db_cell(res, i, 3));
		snprintf(path, sizeof(path), "%s.%zu.Voivodeship", node, i);
		render_set(hdf, path, db_cell(res, i, 4));
		if (res->cols > 5) {
			snprintf(path, sizeof(path), "%s.%zu.HasSchedule", node, i);
			render_set(hdf, path, db_cell(res, i, 5));
		}
	}
}

void
page_home(struct request *r, struct app *app)
{
	const char		*q = request_text(r, "q");
	struct db_result	 found, with_schedule;
	HDF			*hdf;

	memset(&found, 0, sizeof(found));
	if (schedule_gminy_with_schedule(app->db, &with_schedule) == -1 ||
	    (q != NULL && schedule_search_gminy(app->db, q, 50, &found) == -1)) {
		db_result_free(&with_schedule);
		r->status = 503;
		return;
	}
	if ((hdf = render_begin(app->render, r, "home.cs")) != NULL) {
		render_set(hdf, "Q", q);
		render_set_int(hdf, "Found", (long long)found.rows);
		set_gmina_rows(hdf, "Results", &found);
		set_gmina_rows(hdf, "WithSchedule", &with_schedule);
		render_page(app->render, r);
	} else
		r->status = 500;
	db_result_free(&found);
	db_result_free(&with_schedule);
	response_header(r, "Vary", "Accept-Language, Cookie");
}
