/* fraction.h: the canonical waste fractions and the names gminy use for them. */
#ifndef RATUSZ_FRACTION_H
#define RATUSZ_FRACTION_H

#include <stdbool.h>
#include <stddef.h>

#define FRACTION_ENTRY_MAX	16	/* at least fraction_count */

struct fraction {
	const char	*code;		/* stable identifier, e.g. "metale_tworzywa" */
	const char	*color;		/* "#RRGGBB" */
	const char	*name_pl;
	const char	*name_en;
};

/* The canonical fractions in display order. */
extern const struct fraction	fractions[];
extern const size_t		fraction_count;

const struct fraction *fraction_by_code(const char *code);

/*
 * Maps a schedule's own name of one fraction ("PLASTIK", "Tworzywa Sztuczne,
 * Metale", "Odpady Komunalne", "Papier i tektura") to a canonical code, or
 * NULL when unknown. The name is matched in its folded form (text_fold):
 * a code, a known name, or a known name followed by more words.
 */
const char *fraction_match(const char *name);

/*
 * True for calendar entries about fees ("TERMIN PŁATNOŚCI", "II rata"): the
 * name contains one of the words opłata, dopłata, płatność, rata (or their
 * plural and genitive forms) as a whole word. The caller decides first
 * whether the entry names a fraction, which then makes it a collection.
 */
int	 fraction_is_not_collection(const char *name);

/* Looks up a gmina's own name of a fraction: returns the code for a folded name, or NULL. */
typedef const char *(*fraction_alias_fn)(const char *folded, void *arg);

/* The fractions one schedule entry names. */
struct fraction_entry {
	const char	*code[FRACTION_ENTRY_MAX];	/* in the order named, each once */
	size_t		 count;
	char		 unknown[128];	/* first part that names no fraction; "" when none */
	bool		 fee;		/* a part that names no fraction is about a fee */
};

/*
 * Finds the fractions that one entry of a schedule names, through the
 * gmina's names (alias, which may be NULL) and then fraction_match:
 * 1. the whole name, when it is exactly a name or a code ("Tworzywa
 *    sztuczne, metale" is one fraction);
 * 2. else each part between the separators , ; / + & | and line ends, and
 *    within a part each run of words after "i" or "oraz" that names a fraction
 *    ("Papier i szkło", "PAPIER/SZKŁO" are two). Words after "i" that name no
 *    fraction belong to the fraction before them ("Papier i tektura").
 * A part that names no fraction is copied to entry->unknown, so the caller can
 * report it even when other parts matched, unless it is about a fee
 * (fraction_is_not_collection), which sets entry->fee instead.
 */
void	 fraction_match_entry(const char *name, fraction_alias_fn alias, void *arg,
		struct fraction_entry *entry);

#endif
