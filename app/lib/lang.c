/* lang.c: loads the language files and formats messages, counts and dates from them. */
#include "cs.h"

#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "log.h"
#include "text.h"

static HDF	*lang_trees[LANG_COUNT];
static const char *const lang_codes[LANG_COUNT] = { "pl", "en" };

/* Reads one language file into tree; logs and returns -1 on error. */
static int
lang_read(HDF *tree, const char *path)
{
	NEOERR	*err;
	STRING	 trace;

	if ((err = hdf_read_file(tree, path)) == STATUS_OK)
		return 0;
	string_init(&trace);
	nerr_error_string(err, &trace);
	log_error("language file %s: %s", path, trace.buf);
	string_clear(&trace);
	nerr_ignore(&err);
	return -1;
}

/*
 * Loads lang/<code>.hdf, then every .hdf file in lang/<code>/ in name order, so each
 * service keeps its texts in a file of its own.
 */
static int
lang_load_one(HDF *tree, const char *template_dir, const char *code)
{
	char	 path[1024];
	glob_t	 g;
	size_t	 i;
	int	 rc = 0;

	snprintf(path, sizeof(path), "%s/lang/%s.hdf", template_dir, code);
	if (lang_read(tree, path) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/lang/%s/*.hdf", template_dir, code);
	if (glob(path, 0, NULL, &g) != 0)
		return 0;
	for (i = 0; i < g.gl_pathc && rc == 0; i++)
		rc = lang_read(tree, g.gl_pathv[i]);
	globfree(&g);
	return rc;
}

int
lang_load(const char *template_dir)
{
	NEOERR	*err;
	int	 i;

	for (i = 0; i < LANG_COUNT; i++) {
		if ((err = hdf_init(&lang_trees[i])) != STATUS_OK) {
			nerr_ignore(&err);
			return -1;
		}
		if (lang_load_one(lang_trees[i], template_dir, lang_codes[i]) == -1)
			return -1;
	}
	return 0;
}

void
lang_free(void)
{
	int	 i;

	for (i = 0; i < LANG_COUNT; i++)
		if (lang_trees[i] != NULL)
			hdf_destroy(&lang_trees[i]);
}

struct _hdf *
lang_tree(enum lang l)
{
	return lang_trees[l];
}

const char *
lang_code(enum lang l)
{
	return lang_codes[l];
}

const char *
lang_text(enum lang l, const char *key)
{
	const char	*s = NULL;

	if (lang_trees[l] != NULL)
		s = hdf_get_value(lang_trees[l], key, NULL);
	if (s == NULL && l != LANG_PL && lang_trees[LANG_PL] != NULL)
		s = hdf_get_value(lang_trees[LANG_PL], key, NULL);
	return s != NULL ? s : key;
}

void
lang_format(struct buf *out, enum lang l, const char *key, int line,
    const char *value)
{
	const char	*s = lang_text(l, key);

	while (*s != '\0') {
		if (strncmp(s, "{line}", 6) == 0) {
			buf_printf(out, "%d", line);
			s += 6;
		} else if (strncmp(s, "{value}", 7) == 0) {
			buf_puts(out, value != NULL ? value : "");
			s += 7;
		} else
			buf_putc(out, *s++);
	}
}

void
lang_problem(struct buf *out, enum lang l, const struct problem *p)
{
	char	 key[80];

	snprintf(key, sizeof(key), "Msg.%s", p->key);
	lang_format(out, l, key, p->line, p->value);
}

void
lang_count(struct buf *out, enum lang l, const char *key, long n)
{
	char	 path[128];
	int	 form = l == LANG_PL ? plural_pl(n) : plural_en(n);

	snprintf(path, sizeof(path), "Plural.%s.%d", key, form);
	buf_printf(out, "%ld %s", n, lang_text(l, path));
}

void
lang_date_long(struct buf *out, enum lang l, int y, int m, int d, int with_year)
{
	char	 wd[32], mon[32];

	snprintf(wd, sizeof(wd), "Weekday.%d", date_weekday(y, m, d));
	snprintf(mon, sizeof(mon), "Month.Genitive.%d", m);
	buf_printf(out, "%s, %d %s", lang_text(l, wd), d, lang_text(l, mon));
	if (with_year)
		buf_printf(out, " %d", y);
}

void
lang_date(struct buf *out, enum lang l, int y, int m, int d)
{
	char	 mon[32];

	snprintf(mon, sizeof(mon), "Month.Genitive.%d", m);
	buf_printf(out, "%d %s %d", d, lang_text(l, mon), y);
}

void
lang_month_heading(struct buf *out, enum lang l, int y, int m)
{
	char	 mon[32];

	snprintf(mon, sizeof(mon), "Month.Nominative.%d", m);
	buf_printf(out, "%s %d", lang_text(l, mon), y);
}
