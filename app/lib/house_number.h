/* house_number.h: sets of house numbers in collection area rules ("1-25", "2-40 parzyste", "18, 27A"). */
#ifndef RATUSZ_HOUSE_NUMBER_H
#define RATUSZ_HOUSE_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define HOUSE_NUMBER_MAX	9999	/* upper end of "nieparzyste" and "parzyste" */
#define HOUSE_SET_MAX		64	/* items in one set */
#define HOUSE_SUFFIX_MAX	3	/* letters after the number, as in "27A" */

enum house_parity { HOUSE_PARITY_ANY, HOUSE_PARITY_ODD, HOUSE_PARITY_EVEN };

/*
 * One item of a set: a single number (low == high, with an optional letter
 * suffix in upper case) or a range low..high, optionally only the odd or
 * even numbers in it. A range also covers the numbers with a suffix inside
 * it, so "13A" is in "1-25". A single number without a suffix does not, so
 * "27" does not cover "27A".
 */
struct house_item {
	int			 low, high;
	enum house_parity	 parity;
	bool			 range;
	char			 suffix[HOUSE_SUFFIX_MAX + 1];
};

struct house_set {
	size_t			 count;		/* 0: every number */
	struct house_item	 item[HOUSE_SET_MAX];
};

/*
 * Parses a comma-separated list of items: "12", "27A", "1-25" (also with an
 * en dash), "parzyste", "nieparzyste", "2-40 parzyste" or "nieparzyste 1-25".
 * An empty or blank text is the empty set, which stands for every number.
 * Returns 0, or -1 with the offending item copied into bad (bad_size bytes).
 */
int	 house_set_parse(const char *text, struct house_set *out, char *bad,
		size_t bad_size);

/* Appends the canonical text of a set: items joined by ", ", as in "2-40 parzyste, 27A". */
void	 house_set_format(struct buf *out, const struct house_set *);

/* True when the house number ("17", "27a", "12/3") belongs to the set. */
bool	 house_set_contains(const struct house_set *, const char *number);

/*
 * True when every number of inner also belongs to outer. The empty outer set
 * contains everything; the empty inner set is contained only in an empty outer.
 */
bool	 house_set_contains_set(const struct house_set *outer,
		const struct house_set *inner);

#endif
