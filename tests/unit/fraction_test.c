/* fraction_test.c: fraction names of schedule entries, several fractions in one entry, and fee entries. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fraction.h"

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

struct entry_case {
	const char	*name;
	const char	*codes;		/* codes found, joined by ' ' */
	const char	*unknown;	/* the part reported as unknown */
	bool		 fee;
};

static const struct entry_case entry_cases[] = {
	{ "Papier", "papier", "" },
	{ "PAPIER", "papier", "" },
	{ "Papier, Szkło", "papier szklo", "" },
	{ "Papier i szkło", "papier szklo", "" },
	{ "PAPIER/SZKŁO", "papier szklo", "" },
	{ "Papier + szkło + BIO", "papier szklo bio", "" },
	{ "Papier oraz szkło", "papier szklo", "" },
	{ "Tworzywa sztuczne, metale", "metale_tworzywa", "" },
	{ "Tworzywa Sztuczne, Metale", "metale_tworzywa", "" },
	{ "Metale i tworzywa sztuczne", "metale_tworzywa", "" },
	{ "Tworzywa sztuczne, metale, papier", "metale_tworzywa papier", "" },
	{ "Papier, metale i tworzywa sztuczne", "papier metale_tworzywa", "" },
	{ "Papier i tektura", "papier", "" },
	{ "Papier i tektura i szkło", "papier szklo", "" },
	{ "Szkło bezbarwne i kolorowe", "szklo", "" },
	{ "Szkło bezbarwne", "szklo_bezbarwne", "" },
	{ "Papier; papier", "papier", "" },
	{ "Odpady komunalne", "zmieszane", "" },
	{ "Odpady zmieszane (niesegregowane)", "zmieszane", "" },
	{ "Odbiór papieru", "papier", "" },
	{ "Zbiórka gabarytów", "gabaryty", "" },
	{ "Zbiórka gabarytów - zgłoszenia i opłata w urzędzie", "gabaryty", "" },
	{ "metale_tworzywa", "metale_tworzywa", "" },
	{ "szklo_bezbarwne", "szklo_bezbarwne", "" },
	{ "Bioodpady i odpady zielone", "bio zielone", "" },
	{ "Papier, PLASTYK", "papier", "PLASTYK" },
	{ "PLASTYK", "", "PLASTYK" },
	{ " PLASTYK / szkło", "szklo", "PLASTYK" },
	{ "TERMIN PŁATNOŚCI", "", "", true },
	{ "Odpady wielkogabarytowe, opłata w urzędzie", "gabaryty", "", true },
	{ "Opłata, PLASTYK", "", "PLASTYK", true },
	{ "Karta", "", "Karta" },
	{ "", "", "" },
	{ ", /", "", "" },
};

/* The gmina of the test calls "PLASTYK" what others call metale i tworzywa sztuczne. */
static const char *
test_alias(const char *folded, void *arg)
{
	(void)arg;
	return strcmp(folded, "plastyk") == 0 ? "metale_tworzywa" : NULL;
}

static void
join_codes(const struct fraction_entry *entry, char *out, size_t size)
{
	size_t	 i, used = 0;

	out[0] = '\0';
	for (i = 0; i < entry->count; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
		    i > 0 ? " " : "", entry->code[i]);
}

static void
entry_table_matches(void **state)
{
	struct fraction_entry	 entry;
	char			 codes[256];
	size_t			 i;

	(void)state;
	for (i = 0; i < COUNT(entry_cases); i++) {
		fraction_match_entry(entry_cases[i].name, NULL, NULL, &entry);
		join_codes(&entry, codes, sizeof(codes));
		if (strcmp(codes, entry_cases[i].codes) != 0)
			fail_msg("\"%s\": codes \"%s\", expected \"%s\"",
			    entry_cases[i].name, codes, entry_cases[i].codes);
		if (strcmp(entry.unknown, entry_cases[i].unknown) != 0)
			fail_msg("\"%s\": unknown \"%s\", expected \"%s\"",
			    entry_cases[i].name, entry.unknown, entry_cases[i].unknown);
		if (entry.fee != entry_cases[i].fee)
			fail_msg("\"%s\": fee %d", entry_cases[i].name, entry.fee);
	}
}

static void
entry_uses_gmina_names(void **state)
{
	struct fraction_entry	 entry;
	char			 codes[256];

	(void)state;
	fraction_match_entry("Papier, PLASTYK", test_alias, NULL, &entry);
	join_codes(&entry, codes, sizeof(codes));
	assert_string_equal(codes, "papier metale_tworzywa");
	assert_string_equal(entry.unknown, "");

	fraction_match_entry("plastyk i szkło", test_alias, NULL, &entry);
	join_codes(&entry, codes, sizeof(codes));
	assert_string_equal(codes, "metale_tworzywa szklo");
}

static void
entry_cuts_long_unknown_part(void **state)
{
	struct fraction_entry	 entry;
	char			 name[300];

	(void)state;
	/* 127 bytes of "x" and then "ż": the copy must not end inside "ż". */
	memset(name, 'x', 127);
	memcpy(name + 127, "\xC5\xBC", 3);
	fraction_match_entry(name, NULL, NULL, &entry);
	assert_int_equal(entry.count, 0);
	assert_int_equal(strlen(entry.unknown), 127);
}

static void
match_single_names(void **state)
{
	(void)state;
	assert_string_equal(fraction_match("Tworzywa Sztuczne, Metale"), "metale_tworzywa");
	assert_string_equal(fraction_match("Odpady Komunalne"), "zmieszane");
	assert_string_equal(fraction_match("PLASTIK"), "metale_tworzywa");
	assert_string_equal(fraction_match("popiół"), "popiol");
	assert_null(fraction_match("PLASTYK"));
	assert_null(fraction_match("dopłata"));
}

struct fee_case {
	const char	*name;
	int		 fee;
};

static const struct fee_case fee_cases[] = {
	{ "TERMIN PŁATNOŚCI", 1 },
	{ "Termin płatności za II kwartał", 1 },
	{ "Opłata za odpady", 1 },
	{ "opłaty", 1 },
	{ "II rata", 1 },
	{ "Rata 3", 1 },
	{ "Płatność", 1 },
	{ "Dopłata", 1 },
	{ "Zbiórka gabarytów - zgłoszenia i opłata w urzędzie", 1 },
	{ "Karta", 0 },
	{ "Separata", 0 },
	{ "Piraty", 0 },
	{ "Wypłata", 0 },
	{ "Papier", 0 },
	{ "", 0 },
};

static void
fee_words_match_whole_words(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(fee_cases); i++)
		if (fraction_is_not_collection(fee_cases[i].name) != fee_cases[i].fee)
			fail_msg("\"%s\": fee %d, expected %d", fee_cases[i].name,
			    !fee_cases[i].fee, fee_cases[i].fee);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entry_table_matches),
		cmocka_unit_test(entry_uses_gmina_names),
		cmocka_unit_test(entry_cuts_long_unknown_part),
		cmocka_unit_test(match_single_names),
		cmocka_unit_test(fee_words_match_whole_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
