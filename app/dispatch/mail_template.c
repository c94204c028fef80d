/* mail_template.c: one parsed ClearSilver template per (mail template, language). */
#include "cs.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs_view.h"
#include "log.h"
#include "mail_template.h"

#define MAIL_MAX_VIEWS	32

struct mail_view {
	char		 name[64];
	enum lang	 lang;
	struct cs_view	 cs;
};

struct mail_templates {
	char		 dir[512];
	char		 base_url[256];
	size_t		 count;
	struct mail_view views[MAIL_MAX_VIEWS];
	struct mail_view *current;
};

struct mail_templates *
mail_templates_open(const char *template_dir, const char *base_url)
{
	struct mail_templates	*mt;

	if ((mt = calloc(1, sizeof(*mt))) == NULL)
		abort();
	snprintf(mt->dir, sizeof(mt->dir), "%s", template_dir);
	snprintf(mt->base_url, sizeof(mt->base_url), "%s", base_url);
	return mt;
}

void
mail_templates_close(struct mail_templates *mt)
{
	size_t	 i;

	if (mt == NULL)
		return;
	for (i = 0; i < mt->count; i++) {
		cs_view_close(&mt->views[i].cs);
	}
	free(mt);
}

static bool
name_is_html(const char *name)
{
	size_t	 len = strlen(name);

	return len > 8 && strcmp(name + len - 8, ".html.cs") == 0;
}

/* Parses a mail template once: HTML parts escape their variables, text parts do not. */
static struct mail_view *
view_create(struct mail_templates *mt, const char *name, enum lang lang)
{
	struct mail_view	*v;
	char			 loadpath[600];

	if (mt->count == MAIL_MAX_VIEWS) {
		log_error("mail templates: more than %d views", MAIL_MAX_VIEWS);
		return NULL;
	}
	v = &mt->views[mt->count];
	snprintf(v->name, sizeof(v->name), "%s", name);
	v->lang = lang;
	snprintf(loadpath, sizeof(loadpath), "%s/mail", mt->dir);
	if (cs_view_open(&v->cs, loadpath, name, name_is_html(name) ? "html" : "none",
	    lang, mt->base_url) == -1)
		return NULL;
	mt->count++;
	return v;
}

HDF *
mail_template_begin(struct mail_templates *mt, const char *name, enum lang lang)
{
	size_t	 i;

	mt->current = NULL;
	for (i = 0; i < mt->count && mt->current == NULL; i++)
		if (mt->views[i].lang == lang && strcmp(mt->views[i].name, name) == 0)
			mt->current = &mt->views[i];
	if (mt->current == NULL)
		mt->current = view_create(mt, name, lang);
	if (mt->current == NULL)
		return NULL;
	hdf_remove_tree(mt->current->cs.hdf, "M");
	return mt->current->cs.hdf;
}

static NEOERR *
append_output(void *ctx, char *s)
{
	buf_puts(ctx, s);
	return STATUS_OK;
}

int
mail_template_render(struct mail_templates *mt, struct buf *out)
{
	NEOERR	*err;

	if (mt->current == NULL)
		return -1;
	err = cs_render(mt->current->cs.parse, out, append_output);
	hdf_remove_tree(mt->current->cs.hdf, "M");
	if (err != STATUS_OK) {
		cs_log_error(mt->current->name, err);
		mt->current = NULL;
		return -1;
	}
	mt->current = NULL;
	return 0;
}

void
mail_template_set(HDF *hdf, const char *name, const char *value)
{
	char	 path[256];
	NEOERR	*err;

	if (hdf == NULL || value == NULL)
		return;
	snprintf(path, sizeof(path), "M.%s", name);
	if ((err = hdf_set_value(hdf, path, value)) != STATUS_OK)
		cs_log_error(path, err);
}
