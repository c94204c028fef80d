/* page_report_map.c: the public map of a gmina's reports and the GeoJSON it loads. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "render.h"
#include "report_public_web.h"

/* The whole world: a map request without a box gets the gmina's clusters. */
static const struct report_bbox world = { -180, -90, 180, 90 };

void
page_report_map(struct request *r, struct app *app)
{
	struct gmina		 g;
	struct report_filter	 f;
	struct buf		 query;
	HDF			*hdf;

	if (!public_gmina(r, app, &g) || public_filter(r, &f) == -1)
		return;
	if ((hdf = render_begin(app->render, r, "public_map.cs")) == NULL) {
		r->status = 500;
		return;
	}
	render_set(hdf, "Gmina.Terc", g.terc);
	render_set(hdf, "Gmina.Name", g.name);
	render_set(hdf, "TileUrl", app->conf->tile_url);
	render_set(hdf, "TileAttribution", app->conf->tile_attribution);
	buf_init(&query);
	public_filter_query(&query, &f);
	render_set(hdf, "FilterQuery", buf_cstr(&query));
	buf_free(&query);
	if (public_filter_form(hdf, app, g.id, &f, r->lang) == -1) {
		hdf_remove_tree(hdf, "P");
		r->status = 503;
		return;
	}
	render_page(app->render, r);
	response_header(r, "Vary", "Accept-Language, Cookie");
}

void
api_report_map(struct request *r, struct app *app)
{
	struct gmina		 g;
	struct report_filter	 f;
	struct report_bbox	 box = world;
	struct buf		 what;
	const struct buf	*cached;
	const char		*type, *bbox = request_text(r, "bbox");
	char			 etag[40], key[64], base[48];
	long long		 version;

	if (!public_gmina(r, app, &g) || public_filter(r, &f) == -1)
		return;
	if (bbox != NULL && report_bbox_parse(bbox, &box) == -1) {
		snprintf(r->invalid_field, sizeof(r->invalid_field), "bbox");
		r->status = 400;
		return;
	}
	if ((version = report_public_version(app->db, g.id)) == -1) {
		r->status = 503;
		return;
	}
	buf_init(&what);
	buf_printf(&what, "map|%llu|%lld|%s|%.7f,%.7f,%.7f,%.7f|", g.id, version,
	    lang_code(r->lang), box.min_lon, box.min_lat, box.max_lon, box.max_lat);
	public_filter_query(&what, &f);
	if (public_etag(r, buf_cstr(&what), etag)) {
		buf_free(&what);
		return;
	}
	buf_free(&what);
	snprintf(key, sizeof(key), "map|%s", etag);
	if ((cached = cache_get(key, &type)) != NULL) {
		buf_append(&r->body, cached->data, cached->len);
		r->content_type = type;
		return;
	}
	snprintf(base, sizeof(base), "/gmina/%s/zgloszenia", g.terc);
	if (report_filter_resolve(app->db, g.id, &f) == -1 ||
	    report_public_geojson(app->db, g.id, &f, &box, r->lang, base, &r->body) == -1) {
		buf_reset(&r->body);
		r->status = 503;
		return;
	}
	r->content_type = "application/geo+json; charset=utf-8";
	cache_put(key, &r->body, r->content_type);
}
