/* admin_category.h: what the category page and its extra fields share. */
#ifndef RATUSZ_ADMIN_CATEGORY_H
#define RATUSZ_ADMIN_CATEGORY_H

#include "admin.h"

/* The checked values of a category form. */
struct category_form {
	const char	*code, *name_pl, *name_en;
	unsigned long long parent, unit;	/* 0: top level, no default unit */
	long		 deadline;
};

/* The field_form of admin_category_page after a rejected new field form. */
#define FIELD_FORM_NEW	((unsigned long long)-1)

/*
 * Renders the page of the category in the path with its extra fields. After a
 * rejected form, error_key is set and field_form names that form: 0 the
 * category form, FIELD_FORM_NEW the new field form, else the field's id. The
 * field forms' inputs are named f_* so they never clash with the category's.
 */
void	 admin_category_page(struct request *, struct app *, const struct admin_ctx *,
	    const char *error_key, unsigned long long field_form);

#endif
