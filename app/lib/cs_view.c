/* cs_view.c: creates and frees one parsed ClearSilver template with its data tree. */
#include "cs.h"

#include <stdio.h>

#include "cs_view.h"
#include "log.h"

void
cs_log_error(const char *what, NEOERR *err)
{
	STRING	 trace;

	string_init(&trace);
	nerr_error_traceback(err, &trace);
	log_error("%s: %s", what, trace.buf != NULL ? trace.buf : "?");
	string_clear(&trace);
	nerr_ignore(&err);
}

int
cs_view_open(struct cs_view *v, const char *loadpath, const char *name,
    const char *escape_mode, enum lang lang, const char *base_url)
{
	char	 path[1024];
	NEOERR	*err;

	v->hdf = NULL;
	v->parse = NULL;
	snprintf(path, sizeof(path), "%s/%s", loadpath, name);
	/* The escape mode must be set before cs_init, which reads it. */
	err = hdf_init(&v->hdf);
	if (err == STATUS_OK)
		err = hdf_set_value(v->hdf, "Config.VarEscapeMode", escape_mode);
	if (err == STATUS_OK)
		err = hdf_set_value(v->hdf, "hdf.loadpaths.0", loadpath);
	if (err == STATUS_OK)
		err = hdf_copy(v->hdf, "L", lang_tree(lang));
	if (err == STATUS_OK)
		err = hdf_set_value(v->hdf, "Site.BaseUrl", base_url);
	if (err == STATUS_OK)
		err = cs_init(&v->parse, v->hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(v->parse);
	if (err == STATUS_OK)
		err = cs_parse_file(v->parse, path);
	if (err != STATUS_OK) {
		cs_log_error(path, err);
		cs_view_close(v);
		return -1;
	}
	return 0;
}

void
cs_view_close(struct cs_view *v)
{
	if (v->parse != NULL)
		cs_destroy(&v->parse);
	if (v->hdf != NULL)
		hdf_destroy(&v->hdf);
}
