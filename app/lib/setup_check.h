/* setup_check.h: rules for the names, codes and addresses of a gmina's office setup. */
#ifndef RATUSZ_SETUP_CHECK_H
#define RATUSZ_SETUP_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Column sizes of sql/006_reports.sql, in characters. */
#define SETUP_UNIT_NAME_MAX	200
#define SETUP_CATEGORY_NAME_MAX	120
#define SETUP_HELP_MAX		1000
#define SETUP_KEYWORDS_MAX	255
#define SETUP_FIELD_LABEL_MAX	200
#define SETUP_FIELD_HELP_MAX	500
#define SETUP_VALUE_NAME_MAX	200
#define SETUP_AREA_NAME_MAX	120
#define SETUP_TEMPLATE_TITLE_MAX 120
#define SETUP_TEMPLATE_BODY_MAX	4000
#define SETUP_CODE_MAX		40
#define SETUP_DEADLINE_MAX	365

/* A category, field or list value code: 1..40 of A-Z a-z 0-9 . _ - (Open311 service_code). */
bool	 setup_code_ok(const char *);
/* An e-mail address of a unit: one @, a dot in the domain, no spaces or quotes, 254 bytes. */
bool	 setup_email_ok(const char *);
/*
 * A name or text: valid UTF-8 of 1..max characters (0..max when it may be
 * empty), without control characters; multiline also allows line ends and tabs.
 */
bool	 setup_text_ok(const char *, size_t max, bool may_be_empty, bool multiline);
/* A category_field.datatype value (Open311 attribute datatype). */
bool	 setup_datatype_ok(const char *);
/* Whether the datatype takes a list of values. */
bool	 setup_datatype_is_list(const char *);

#endif
