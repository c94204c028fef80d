/* render.c: keeps one parsed ClearSilver template per (template, language) in each worker. */
#include "cs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs_view.h"
#include "log.h"
#include "render.h"

#define RENDER_MAX_VIEWS	32

struct view {
	char		 name[64];
	enum lang	 lang;
	struct cs_view	 cs;
};

struct render {
	char		 dir[512];
	char		 base_url[256];
	size_t		 count;
	struct view	 views[RENDER_MAX_VIEWS];
	struct view	*current;
};

struct render *
render_open(const char *template_dir, const char *base_url)
{
	struct render	*rd;

	if ((rd = calloc(1, sizeof(*rd))) == NULL)
		abort();
	snprintf(rd->dir, sizeof(rd->dir), "%s", template_dir);
	snprintf(rd->base_url, sizeof(rd->base_url), "%s", base_url);
	return rd;
}

void
render_close(struct render *rd)
{
	size_t	 i;

	if (rd == NULL)
		return;
	for (i = 0; i < rd->count; i++) {
		cs_view_close(&rd->views[i].cs);
	}
	free(rd);
}

/* Parses a page template once, with every variable HTML-escaped. */
static struct view *
view_create(struct render *rd, const char *name, enum lang lang)
{
	struct view	*v;

	if (rd->count == RENDER_MAX_VIEWS)
		return NULL;
	v = &rd->views[rd->count];
	snprintf(v->name, sizeof(v->name), "%s", name);
	v->lang = lang;
	if (cs_view_open(&v->cs, rd->dir, name, "html", lang, rd->base_url) == -1)
		return NULL;
	rd->count++;
	return v;
}

HDF *
render_begin(struct render *rd, struct request *r, const char *template)
{
	size_t	 i;

	rd->current = NULL;
	for (i = 0; i < rd->count && rd->current == NULL; i++)
		if (rd->views[i].lang == r->lang &&
		    strcmp(rd->views[i].name, template) == 0)
			rd->current = &rd->views[i];
	if (rd->current == NULL)
		rd->current = view_create(rd, template, r->lang);
	if (rd->current == NULL)
		return NULL;
	hdf_remove_tree(rd->current->cs.hdf, "P");
	/* Forms carry the token as <input type="hidden" name="csrf" value="<?cs var:P.Csrf ?>">. */
	if (r->csrf_token[0] != '\0')
		render_set(rd->current->cs.hdf, "Csrf", r->csrf_token);
	render_set(rd->current->cs.hdf, "Path", r->path);
	render_set(rd->current->cs.hdf, "Query", r->query);
	return rd->current->cs.hdf;
}

static NEOERR *
append_output(void *ctx, char *s)
{
	buf_puts(ctx, s);
	return STATUS_OK;
}

int
render_page(struct render *rd, struct request *r)
{
	NEOERR	*err;

	if (rd->current == NULL) {
		r->status = 500;
		return -1;
	}
	buf_reset(&r->body);
	err = cs_render(rd->current->cs.parse, &r->body, append_output);
	hdf_remove_tree(rd->current->cs.hdf, "P");
	rd->current = NULL;
	if (err != STATUS_OK) {
		cs_log_error("rendering failed", err);
		buf_reset(&r->body);
		r->status = 500;
		return -1;
	}
	r->content_type = "text/html; charset=utf-8";
	return 0;
}

void
render_set(HDF *hdf, const char *name, const char *value)
{
	char	 path[256];
	NEOERR	*err;

	if (hdf == NULL || value == NULL)
		return;
	snprintf(path, sizeof(path), "P.%s", name);
	if ((err = hdf_set_value(hdf, path, value)) != STATUS_OK)
		cs_log_error(path, err);
}

void
render_set_int(HDF *hdf, const char *name, long long value)
{
	char	 text[32];

	snprintf(text, sizeof(text), "%lld", value);
	render_set(hdf, name, text);
}
