/* subscription_test.c: the fraction list of a subscription and the form's fraction checkboxes. */
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
#include "pages.h"
#include "subscription.h"

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

struct has_case {
	const char	*fractions;
	const char	*code;
	bool		 expected;
};

static const struct has_case has_cases[] = {
	{ "", "papier", true },			/* empty means every fraction */
	{ "papier", "papier", true },
	{ "bio,papier", "papier", true },
	{ "papier,bio", "papier", true },
	{ "zmieszane,papier,bio", "papier", true },
	{ "bio", "papier", false },
	{ "szklo_bezbarwne", "szklo", false },	/* a prefix of another code */
	{ "szklo", "szklo_bezbarwne", false },
	{ "metale_tworzywa,szklo_bezbarwne", "szklo", false },
	{ "metale_tworzywa,szklo", "szklo", true },
};

static void
has_fraction_table(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(has_cases); i++) {
		if (subscription_has_fraction(has_cases[i].fractions, has_cases[i].code) ==
		    has_cases[i].expected)
			continue;
		fail_msg("subscription_has_fraction(\"%s\", \"%s\") is not %s",
		    has_cases[i].fractions, has_cases[i].code,
		    has_cases[i].expected ? "true" : "false");
	}
}

/* Every canonical fraction has its checkbox in the form's validator table. */
static void
form_lists_every_fraction(void **state)
{
	const struct field_spec	*spec;
	char			 name[64];
	size_t			 i;
	bool			 found;

	(void)state;
	for (i = 0; i < fraction_count; i++) {
		snprintf(name, sizeof(name), "fraction_%s", fractions[i].code);
		found = false;
		for (spec = subscription_form; spec->name != NULL; spec++)
			if (strcmp(spec->name, name) == 0)
				found = true;
		if (!found)
			fail_msg("subscription_form has no field %s", name);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(has_fraction_table),
		cmocka_unit_test(form_lists_every_fraction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
