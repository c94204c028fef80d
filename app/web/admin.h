/* admin.h: the gmina administration pages under /urzad/TERC/admin/ and their shared checks. */
#ifndef RATUSZ_ADMIN_H
#define RATUSZ_ADMIN_H

#include <stdbool.h>

#include "cs.h"
#include "pages.h"

/* The gmina of an admin request, after admin_begin allowed it. */
struct admin_ctx {
	unsigned long long tenant_id;
	char		 terc[8];
	char		 name[101];
	char		 base[40];	/* "/urzad/TERC/admin" */
};

/*
 * Allows a request only to a gmina administrator of the gmina in the path:
 * an anonymous GET is sent to the login page, an anonymous POST gets 403,
 * another account 403 (a platform administrator too), an unknown gmina 404.
 * A POST must also pass the CSRF check. Returns true when the handler may go on.
 */
bool	 admin_begin(struct request *, struct app *, struct admin_ctx *);

/*
 * Begins the page of template with P.Gmina.{Terc,Name}, P.Admin.Base and
 * P.Admin.Section (for the navigation), and P.Error from the key
 * Page.Admin.Error.<error_key> when error_key is set.
 */
HDF	*admin_render_begin(struct request *, struct app *, const struct admin_ctx *,
	    const char *template, const char *section, const char *error_key);

/* Copies every submitted form field into P.Form.<name>, so a rejected form keeps its input. */
void	 admin_keep_form(HDF *, const struct request *);

/* Sets P.<node>.<i>.<names[j]> from column j of every row (NULL names are skipped). */
void	 admin_set_rows(HDF *, const char *node, const struct db_result *,
	    const char *const *names, size_t count);

/* Writes an audit_log row "admin.<event>" with "tenant=ID" and the ids in detail. */
int	 admin_audit(struct app *, const struct request *, const struct admin_ctx *,
	    const char *event, const char *detail);

/* Starts the transaction of a change; false with status 503. */
bool	 admin_change_begin(struct request *, struct app *);
/*
 * Ends a change begun with admin_change_begin: writes its audit row, commits
 * and redirects (303) to base + suffix. On a failure rolls back with 503.
 */
void	 admin_change_end(struct request *, struct app *, const struct admin_ctx *,
	    const char *event, const char *detail, const char *suffix);
/* Rolls back a change after a failed statement, with status 503. */
void	 admin_change_fail(struct request *, struct app *);

/* Redirects (303) to base + suffix after a POST that changed something. */
void	 admin_redirect(struct request *, const struct admin_ctx *, const char *suffix);

/* The text of a form field, "" when it was not sent. */
const char *admin_text(const struct request *, const char *name);
/* Whether a checkbox field was sent with the value 1. */
bool	 admin_checked(const struct request *, const char *name);
/* Parses an optional integer field within [min, max]; false when sent but invalid. */
bool	 admin_int(const struct request *, const char *name, long min, long max,
	    long *out);

/* The admin pages, one file per section. */
void	 admin_index(struct request *, struct app *);
void	 admin_units(struct request *, struct app *);
void	 admin_unit_add(struct request *, struct app *);
void	 admin_unit_edit(struct request *, struct app *);
void	 admin_unit_save(struct request *, struct app *);
void	 admin_roles(struct request *, struct app *);
void	 admin_role_grant(struct request *, struct app *);
void	 admin_role_revoke(struct request *, struct app *);
void	 admin_categories(struct request *, struct app *);
void	 admin_category_add(struct request *, struct app *);
void	 admin_category_edit(struct request *, struct app *);
void	 admin_category_save(struct request *, struct app *);
void	 admin_field_add(struct request *, struct app *);
void	 admin_field_save(struct request *, struct app *);
void	 admin_field_delete(struct request *, struct app *);
void	 admin_areas(struct request *, struct app *);
void	 admin_area_add(struct request *, struct app *);
void	 admin_area_edit(struct request *, struct app *);
void	 admin_area_save(struct request *, struct app *);
void	 admin_area_delete(struct request *, struct app *);
void	 admin_rules(struct request *, struct app *);
void	 admin_rule_add(struct request *, struct app *);
void	 admin_rule_delete(struct request *, struct app *);
void	 admin_templates(struct request *, struct app *);
void	 admin_template_add(struct request *, struct app *);
void	 admin_template_edit(struct request *, struct app *);
void	 admin_template_save(struct request *, struct app *);
void	 admin_template_delete(struct request *, struct app *);

#endif
