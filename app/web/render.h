/* render.h: ClearSilver pages, parsed once per worker and language, rendered per request. */
#ifndef RATUSZ_RENDER_H
#define RATUSZ_RENDER_H

#include "lang.h"
#include "request.h"

struct render;
struct _hdf;

/* Prepares an empty set of views for template_dir; templates are parsed on first use. */
struct render	*render_open(const char *template_dir, const char *base_url);
void		 render_close(struct render *);

/*
 * Returns the data tree for one page of template (e.g. "schedule.cs") in the
 * request's language. Handlers set their values under "P." only (with
 * hdf_set_value, never a format built from input), then call render_page.
 */
struct _hdf	*render_begin(struct render *, struct request *, const char *template);
/*
 * Renders the page begun last into r->body as text/html, then removes the
 * request's values from the tree. On a template error it logs the traceback
 * and sets r->status to 500; returns 0 or -1.
 */
int		 render_page(struct render *, struct request *);

/* Sets P.<name> to value (NULL is skipped) and P.<name> to a decimal number. */
void	 render_set(struct _hdf *, const char *name, const char *value);
void	 render_set_int(struct _hdf *, const char *name, long long value);

#endif
