/* fraction.c: canonical fractions with the JSOS colours, and common names in schedules. */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "fraction.h"
#include "text.h"

/*
 * Colours of the first five are mandatory for containers since 1 July 2022
 * (papier blue, metale i tworzywa sztuczne yellow, szkło green, bio brown);
 * black for zmieszane is custom. The others are our choice, picked to stay
 * distinct from those five.
 */
const struct fraction fractions[] = {
	{ "zmieszane", "#1f1f1f", "Zmieszane", "Mixed waste" },
	{ "papier", "#1565c0", "Papier", "Paper" },
	{ "metale_tworzywa", "#f9c80e", "Metale i tworzywa sztuczne", "Metals and plastics" },
	{ "szklo", "#2e7d32", "Szkło", "Glass" },
	{ "szklo_bezbarwne", "#e0e0e0", "Szkło bezbarwne", "Clear glass" },
	{ "bio", "#795548", "Bioodpady", "Biowaste" },
	{ "popiol", "#9e9e9e", "Popiół", "Ash" },
	{ "gabaryty", "#6a1b9a", "Odpady wielkogabarytowe", "Bulky waste" },
	{ "zielone", "#8bc34a", "Odpady zielone", "Garden waste" },
	{ "choinki", "#00695c", "Choinki", "Christmas trees" },
	{ "elektroodpady", "#d84315", "Elektroodpady", "Electronic waste" },
	{ "opony", "#424242", "Opony", "Tyres" },
	{ "budowlane", "#a1887f", "Odpady budowlane", "Construction waste" },
	{ "tekstylia", "#ad1457", "Tekstylia", "Textiles" },
	{ "niebezpieczne", "#c62828", "Odpady niebezpieczne", "Hazardous waste" },
};
const size_t fraction_count = sizeof(fractions) / sizeof(fractions[0]);

/* Folded names seen in published schedules, most specific first. */
static const struct { const char *name, *code; } fraction_names[] = {
	{ "szklo bezbarwne", "szklo_bezbarwne" },
	{ "szklo kolorowe", "szklo" },
	{ "metale i tworzywa sztuczne", "metale_tworzywa" },
	{ "tworzywa sztuczne metale", "metale_tworzywa" },
	{ "tworzywa sztuczne i metale", "metale_tworzywa" },
	{ "tworzywa sztuczne", "metale_tworzywa" },
	{ "plastik", "metale_tworzywa" },
	{ "metale", "metale_tworzywa" },
	{ "tworzywa", "metale_tworzywa" },
	{ "odpady komunalne", "zmieszane" },
	{ "niesegregowane", "zmieszane" },
	{ "zmieszane", "zmieszane" },
	{ "resztkowe", "zmieszane" },
	{ "papier", "papier" },
	{ "makulatura", "papier" },
	{ "szklo", "szklo" },
	{ "bioodpady", "bio" },
	{ "biodegradowalne", "bio" },
	{ "bio", "bio" },
	{ "popiol", "popiol" },
	{ "zuzli", "popiol" },
	{ "wielkogabarytowe", "gabaryty" },
	{ "gabaryty", "gabaryty" },
	{ "gabaryt", "gabaryty" },
	{ "zielone", "zielone" },
	{ "choinki", "choinki" },
	{ "choinka", "choinki" },
	{ "elektroodpady", "elektroodpady" },
	{ "elektrosmieci", "elektroodpady" },
	{ "zuzyty sprzet elektryczny", "elektroodpady" },
	{ "opony", "opony" },
	{ "budowlane", "budowlane" },
	{ "gruz", "budowlane" },
	{ "tekstylia", "tekstylia" },
	{ "odziez", "tekstylia" },
	{ "niebezpieczne", "niebezpieczne" },
};

static const char *const not_collections[] = {
	"termin platnosci", "oplata", "platnosc", "rata",
};

const struct fraction *
fraction_by_code(const char *code)
{
	size_t	 i;

	for (i = 0; i < fraction_count; i++)
		if (strcmp(fractions[i].code, code) == 0)
			return &fractions[i];
	return NULL;
}

/* True when the folded name is the phrase or starts with it followed by a word break. */
static int
starts_with_phrase(const char *folded, const char *phrase)
{
	size_t	 n = strlen(phrase);

	return strncmp(folded, phrase, n) == 0 &&
	    (folded[n] == '\0' || folded[n] == ' ');
}

/* Strips leading words that carry no meaning ("odpady", "odbior", "wywoz"). */
static const char *
skip_filler(const char *s)
{
	static const char *const filler[] = { "odbior ", "wywoz ", "odpady ", "odpadow " };
	size_t	 i;
	int	 again = 1;

	while (again) {
		again = 0;
		for (i = 0; i < sizeof(filler) / sizeof(filler[0]); i++)
			if (strncmp(s, filler[i], strlen(filler[i])) == 0 &&
			    strcmp(s, "odpady komunalne") != 0) {
				s += strlen(filler[i]);
				again = 1;
			}
	}
	return s;
}

const char *
fraction_match(const char *name)
{
	struct buf	 folded;
	const char	*s, *code = NULL;
	size_t		 i;

	buf_init(&folded);
	text_fold(&folded, name);
	for (i = 0; i < fraction_count && code == NULL; i++)
		if (strcmp(buf_cstr(&folded), fractions[i].code) == 0)
			code = fractions[i].code;
	for (i = 0; i < sizeof(fraction_names) / sizeof(fraction_names[0]) &&
	    code == NULL; i++) {
		s = buf_cstr(&folded);
		if (starts_with_phrase(s, fraction_names[i].name) ||
		    starts_with_phrase(skip_filler(s), fraction_names[i].name))
			code = fraction_names[i].code;
	}
	buf_free(&folded);
	return code;
}

int
fraction_is_not_collection(const char *name)
{
	struct buf	 folded;
	size_t		 i;
	int		 found = 0;

	buf_init(&folded);
	text_fold(&folded, name);
	for (i = 0; i < sizeof(not_collections) / sizeof(not_collections[0]); i++)
		if (strstr(buf_cstr(&folded), not_collections[i]) != NULL)
			found = 1;
	buf_free(&folded);
	return found;
}
