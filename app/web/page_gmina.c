/* page_gmina.c: a gmina's page (address search, localities) and one locality's addresses. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "pages.h"
#include "render.h"
#include "schedule.h"

/* Loads the gmina named by the path; sets 404 or 503 and returns 0 when there is none. */
static int
load_gmina(struct request *r, struct app *app, struct gmina *g)
{
	int	 found = schedule_gmina(app->db, request_text(r, "gmina"), g);

	if (found == -1)
		r->status = 503;
	else if (found == 0)
		r->status = 404;
	return found == 1;
}

static void
set_gmina(HDF *hdf, const struct gmina *g)
{
	render_set(hdf, "Gmina.Terc", g->terc);
	render_set(hdf, "Gmina.Name", g->name);
	render_set(hdf, "Gmina.Kind", g->kind_name);
	render_set(hdf, "Gmina.Powiat", g->powiat);
	render_set(hdf, "Gmina.Voivodeship", g->voivodeship);
	render_set_int(hdf, "Gmina.HasSchedule", g->has_schedule);
}

/* Adds address points (id, label in lang) under P.<node>. Column en_column is label_en. */
static void
set_point_rows(HDF *hdf, const char *node, const struct db_result *res,
    size_t en_column, enum lang lang)
{
	char	 path[96];
	size_t	 i;

	for (i = 0; i < res->rows; i++) {
		snprintf(path, sizeof(path), "%s.%zu.Id", node, i);
		render_set(hdf, path, db_cell(res, i, 0));
		snprintf(path, sizeof(path), "%s.%zu.Label", node, i);
		render_set(hdf, path, point_label(db_cell(res, i, 1),
		    db_cell(res, i, en_column), lang));
	}
}

void
page_gmina(struct request *r, struct app *app)
{
	const char		*q = request_text(r, "q");
	struct gmina		 g;
	struct db_result	 localities, found;
	char			 path[96];
	HDF			*hdf;
	size_t			 i;
	int			 approximate = 0;

	if (!load_gmina(r, app, &g))
		return;
	memset(&found, 0, sizeof(found));
	if (schedule_localities(app->db, g.id, &localities) == -1 ||
	    (q != NULL && schedule_search_points(app->db, g.id, q, 100, &found,
	    &approximate) == -1)) {
		db_result_free(&localities);
		r->status = 503;
		return;
	}
	if ((hdf = render_begin(app->render, r, "gmina.cs")) != NULL) {
		set_gmina(hdf, &g);
		render_set(hdf, "Q", q);
		render_set_int(hdf, "Found", (long long)found.rows);
		render_set_int(hdf, "Approximate", approximate);
		set_point_rows(hdf, "Results", &found, 7, r->lang);
		for (i = 0; i < localities.rows; i++) {
			snprintf(path, sizeof(path), "Localities.%zu.Id", i);
			render_set(hdf, path, db_cell(&localities, i, 0));
			snprintf(path, sizeof(path), "Localities.%zu.Name", i);
			render_set(hdf, path, db_cell(&localities, i, 1));
		}
		render_page(app->render, r);
	} else
		r->status = 500;
	db_result_free(&localities);
	db_result_free(&found);
	response_header(r, "Vary", "Accept-Language, Cookie");
}

void
page_locality(struct request *r, struct app *app)
{
	const struct field	*locality = request_field(r, "locality");
	struct gmina		 g;
	struct db_result	 points;
	char			 name[128];
	HDF			*hdf;
	int			 found;

	if (!load_gmina(r, app, &g))
		return;
	found = schedule_locality_name(app->db, g.id,
	    (unsigned long long)locality->number, name, sizeof(name));
	if (found != 1) {
		r->status = found == 0 ? 404 : 503;
		return;
	}
	if (schedule_locality_points(app->db, g.id,
	    (unsigned long long)locality->number, &points) == -1) {
		r->status = 503;
		return;
	}
	if ((hdf = render_begin(app->render, r, "locality.cs")) != NULL) {
		set_gmina(hdf, &g);
		render_set(hdf, "Locality.Name", name);
		set_point_rows(hdf, "Points", &points, 3, r->lang);
		render_page(app->render, r);
	} else
		r->status = 500;
	db_result_free(&points);
	response_header(r, "Vary", "Accept-Language, Cookie");
}
