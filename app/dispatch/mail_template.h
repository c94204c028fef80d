/* mail_template.h: the ClearSilver templates of e-mails (templates/mail/), parsed once each. */
#ifndef RATUSZ_MAIL_TEMPLATE_H
#define RATUSZ_MAIL_TEMPLATE_H

#include "buf.h"
#include "lang.h"

struct mail_templates;
struct _hdf;

struct mail_templates *mail_templates_open(const char *template_dir, const char *base_url);
void	 mail_templates_close(struct mail_templates *);

/*
 * Returns the data tree of templates/mail/<name> ("reminder.txt.cs") in lang, with
 * the language texts under L. and Site.BaseUrl set; callers set their values under
 * "M." and then call mail_template_render. Names ending in .html.cs escape
 * variables for HTML, the others (plain text) do not. NULL after logging.
 */
struct _hdf *mail_template_begin(struct mail_templates *, const char *name, enum lang);
/* Renders the template begun last onto out and clears M.; 0, or -1 after logging. */
int	 mail_template_render(struct mail_templates *, struct buf *out);

/* Sets M.<name> to value (NULL is skipped). */
void	 mail_template_set(struct _hdf *, const char *name, const char *value);

#endif
