/* cs_view.h: one parsed ClearSilver template with its data tree, shared by pages and mail. */
#ifndef RATUSZ_CS_VIEW_H
#define RATUSZ_CS_VIEW_H

#include "cs.h"
#include "lang.h"

struct cs_view {
	HDF	*hdf;
	CSPARSE	*parse;
};

/*
 * Builds the data tree (escape mode, load path, language texts under "L",
 * Site.BaseUrl), registers url_escape() and the other string functions, and
 * parses loadpath/name. Returns 0, or -1 after logging the traceback.
 */
int	 cs_view_open(struct cs_view *, const char *loadpath, const char *name,
		const char *escape_mode, enum lang, const char *base_url);
void	 cs_view_close(struct cs_view *);
/* Logs what failed with the ClearSilver traceback, and frees the error. */
void	 cs_log_error(const char *what, NEOERR *err);

#endif
