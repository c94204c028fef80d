/* lang.h: the language files (templates/lang/pl.hdf, en.hdf), messages and Polish dates. */
#ifndef RATUSZ_LANG_H
#define RATUSZ_LANG_H

#include "buf.h"
#include "problem.h"

enum lang { LANG_PL, LANG_EN };
#define LANG_COUNT 2

struct _hdf;

/* Loads pl.hdf and en.hdf from template_dir/lang; -1 after logging on failure. */
int	 lang_load(const char *template_dir);
void	 lang_free(void);
/* Returns the loaded tree of a language (owned by this module), for templates. */
struct _hdf *lang_tree(enum lang);
const char *lang_code(enum lang);
/* Returns the text at key ("Msg.Import.Ics.BadDate"), or the key itself when missing. */
const char *lang_text(enum lang, const char *key);
/* Appends the text at key with {line} and {value} replaced. */
void	 lang_format(struct buf *, enum lang, const char *key, int line,
		const char *value);
/* Appends the message of a problem (its key is looked up under Msg.). */
void	 lang_problem(struct buf *, enum lang, const struct problem *);
/* Appends the count and the right plural form of Plural.<key>.{0,1,2}: "5 odbiorów". */
void	 lang_count(struct buf *, enum lang, const char *key, long n);

/* "wtorek, 21 stycznia" (with_year adds " 2025"). */
void	 lang_date_long(struct buf *, enum lang, int y, int m, int d, int with_year);
/* "21 stycznia 2025". */
void	 lang_date(struct buf *, enum lang, int y, int m, int d);
/* "styczeń 2025" for headings. */
void	 lang_month_heading(struct buf *, enum lang, int y, int m);

#endif
