/* fraction.h: the canonical waste fractions and the names gminy use for them. */
#ifndef RATUSZ_FRACTION_H
#define RATUSZ_FRACTION_H

#include <stddef.h>

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
 * Maps a schedule's own name of a fraction ("PLASTIK", "Tworzywa Sztuczne,
 * Metale", "Odpady Komunalne") to a canonical code, or NULL when unknown.
 * The name is matched in its folded form (text_fold).
 */
const char *fraction_match(const char *name);

/* True for calendar entries that are not collections at all ("TERMIN PŁATNOŚCI"). */
int	 fraction_is_not_collection(const char *name);

#endif
