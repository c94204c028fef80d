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

/*
 * Folded names seen in published schedules, most specific first, with the
 * genitive forms that follow "odbiór" or "zbiórka" ("Zbiórka gabarytów").
 */
static const struct { const char *name, *code; } fraction_names[] = {
	{ "szklo bezbarwne i kolorowe", "szklo" },
	{ "szklo bezbarwne", "szklo_bezbarwne" },
	{ "szkla bezbarwnego", "szklo_bezbarwne" },
	{ "szklo kolorowe", "szklo" },
	{ "metale i tworzywa sztuczne", "metale_tworzywa" },
	{ "tworzywa sztuczne metale", "metale_tworzywa" },
	{ "tworzywa sztuczne i metale", "metale_tworzywa" },
	{ "tworzywa sztuczne", "metale_tworzywa" },
	{ "tworzyw sztucznych", "metale_tworzywa" },
	{ "plastik", "metale_tworzywa" },
	{ "plastiku", "metale_tworzywa" },
	{ "metale", "metale_tworzywa" },
	{ "metali", "metale_tworzywa" },
	{ "tworzywa", "metale_tworzywa" },
	{ "odpady komunalne", "zmieszane" },
	{ "komunalnych", "zmieszane" },
	{ "niesegregowane", "zmieszane" },
	{ "niesegregowanych", "zmieszane" },
	{ "zmieszane", "zmieszane" },
	{ "zmieszanych", "zmieszane" },
	{ "resztkowe", "zmieszane" },
	{ "papier", "papier" },
	{ "papieru", "papier" },
	{ "makulatura", "papier" },
	{ "makulatury", "papier" },
	{ "szklo", "szklo" },
	{ "szkla", "szklo" },
	{ "bioodpady", "bio" },
	{ "bioodpadow", "bio" },
	{ "biodegradowalne", "bio" },
	{ "biodegradowalnych", "bio" },
	{ "bio", "bio" },
	{ "popiol", "popiol" },
	{ "popiolu", "popiol" },
	{ "zuzli", "popiol" },
	{ "wielkogabarytowe", "gabaryty" },
	{ "wielkogabarytowych", "gabaryty" },
	{ "gabaryty", "gabaryty" },
	{ "gabarytow", "gabaryty" },
	{ "gabaryt", "gabaryty" },
	{ "zielone", "zielone" },
	{ "zielonych", "zielone" },
	{ "choinki", "choinki" },
	{ "choinek", "choinki" },
	{ "choinka", "choinki" },
	{ "elektroodpady", "elektroodpady" },
	{ "elektroodpadow", "elektroodpady" },
	{ "elektrosmieci", "elektroodpady" },
	{ "zuzyty sprzet elektryczny", "elektroodpady" },
	{ "zuzytego sprzetu elektrycznego", "elektroodpady" },
	{ "opony", "opony" },
	{ "opon", "opony" },
	{ "budowlane", "budowlane" },
	{ "budowlanych", "budowlane" },
	{ "gruz", "budowlane" },
	{ "gruzu", "budowlane" },
	{ "tekstylia", "tekstylia" },
	{ "tekstyliow", "tekstylia" },
	{ "odziez", "tekstylia" },
	{ "odziezy", "tekstylia" },
	{ "niebezpieczne", "niebezpieczne" },
	{ "niebezpiecznych", "niebezpieczne" },
};

#define NAME_COUNT	(sizeof(fraction_names) / sizeof(fraction_names[0]))

/* Folded words of fee entries, matched as whole words ("doplata" is its own word). */
static const char *const fee_words[] = {
	"termin platnosci", "platnosc", "platnosci", "oplata", "oplaty",
	"doplata", "doplaty", "rata", "raty",
};

/* Characters that separate the fractions of one entry: "Papier, Szkło", "PAPIER/SZKŁO". */
#define ENTRY_SEPARATORS	",;/+&|\n"

/* The words that join two fractions in one entry: "Papier i szkło". */
static const char *const joining_words[] = { "i", "oraz" };

#define JOINING_COUNT	(sizeof(joining_words) / sizeof(joining_words[0]))

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
static bool
starts_with_phrase(const char *folded, const char *phrase)
{
	size_t	 n = strlen(phrase);

	return strncmp(folded, phrase, n) == 0 &&
	    (folded[n] == '\0' || folded[n] == ' ');
}

/* True when the folded text contains the phrase as whole words. */
static bool
has_phrase(const char *folded, const char *phrase)
{
	const char	*s;

	for (s = folded; *s != '\0'; s++)
		if ((s == folded || s[-1] == ' ') && starts_with_phrase(s, phrase))
			return true;
	return false;
}

/* Strips leading words that carry no meaning ("odbior", "wywoz", "zbiorka", "odpady"). */
static const char *
skip_filler(const char *s)
{
	static const char *const filler[] = {
		"odbior ", "wywoz ", "zbiorka ", "odpady ", "odpadow ",
	};
	size_t	 i;
	bool	 again = true;

	while (again) {
		again = false;
		for (i = 0; i < sizeof(filler) / sizeof(filler[0]); i++)
			if (strncmp(s, filler[i], strlen(filler[i])) == 0 &&
			    strcmp(s, "odpady komunalne") != 0) {
				s += strlen(filler[i]);
				again = true;
			}
	}
	return s;
}

/* Returns the code whose folded form is the folded text ("metale tworzywa"), or NULL. */
static const char *
code_of_folded(const char *folded)
{
	struct buf	 code;
	const char	*found = NULL;
	size_t		 i;

	buf_init(&code);
	for (i = 0; i < fraction_count && found == NULL; i++) {
		buf_reset(&code);
		text_fold(&code, fractions[i].code);
		if (strcmp(buf_cstr(&code), folded) == 0)
			found = fractions[i].code;
	}
	buf_free(&code);
	return found;
}

/*
 * Returns the code a folded name means: a code, a known name exactly, or with
 * prefix_ok also a known name followed by more words ("papier i tektura").
 * Filler words in front are skipped in both cases.
 */
static const char *
match_folded(const char *folded, bool prefix_ok)
{
	const char	*s = skip_filler(folded), *code;
	size_t		 i;

	if ((code = code_of_folded(folded)) != NULL)
		return code;
	for (i = 0; i < NAME_COUNT; i++)
		if (strcmp(folded, fraction_names[i].name) == 0 ||
		    strcmp(s, fraction_names[i].name) == 0)
			return fraction_names[i].code;
	for (i = 0; prefix_ok && i < NAME_COUNT; i++)
		if (starts_with_phrase(folded, fraction_names[i].name) ||
		    starts_with_phrase(s, fraction_names[i].name))
			return fraction_names[i].code;
	return NULL;
}

const char *
fraction_match(const char *name)
{
	struct buf	 folded;
	const char	*code;

	buf_init(&folded);
	text_fold(&folded, name);
	code = match_folded(buf_cstr(&folded), true);
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
	for (i = 0; i < sizeof(fee_words) / sizeof(fee_words[0]); i++)
		if (has_phrase(buf_cstr(&folded), fee_words[i]))
			found = 1;
	buf_free(&folded);
	return found;
}

/* State of matching one entry: the lookup of the gmina's names and the result. */
struct entry_match {
	fraction_alias_fn	 alias;
	void			*arg;
	struct fraction_entry	*entry;
	bool			 piece_failed;
};

static const char *
match_name(const struct entry_match *m, const char *folded, bool prefix_ok)
{
	const char	*code = NULL;

	if (m->alias != NULL)
		code = m->alias(folded, m->arg);
	return code != NULL ? code : match_folded(folded, prefix_ok);
}

static void
add_code(struct fraction_entry *entry, const char *code)
{
	size_t	 i;

	for (i = 0; i < entry->count; i++)
		if (strcmp(entry->code[i], code) == 0)
			return;
	if (entry->count < FRACTION_ENTRY_MAX)
		entry->code[entry->count++] = code;
}

/*
 * Returns the space before the next joining word in the folded text s
 * (" i ", " oraz "), and its length in *len; NULL when there is none.
 */
static const char *
next_joining_word(const char *s, size_t *len)
{
	const char	*p;
	size_t		 i, n;

	for (p = strchr(s, ' '); p != NULL; p = strchr(p + 1, ' '))
		for (i = 0; i < JOINING_COUNT; i++) {
			n = strlen(joining_words[i]);
			if (strncmp(p + 1, joining_words[i], n) == 0 && p[1 + n] == ' ') {
				*len = n;
				return p;
			}
		}
	return NULL;
}

/* Matches the words s[0..len); words that name no fraction fail their piece. */
static void
match_group(struct entry_match *m, const char *s, size_t len, bool prefix_ok)
{
	struct buf	 group;
	const char	*code;

	buf_init(&group);
	buf_append(&group, s, len);
	if ((code = match_name(m, buf_cstr(&group), prefix_ok)) != NULL)
		add_code(m->entry, code);
	else
		m->piece_failed = true;
	buf_free(&group);
}

/* True when the words from s up to the next joining word name a fraction. */
static bool
names_fraction(const struct entry_match *m, const char *s)
{
	struct buf	 words;
	const char	*end;
	size_t		 len;
	bool		 found;

	if ((end = next_joining_word(s, &len)) == NULL)
		end = s + strlen(s);
	buf_init(&words);
	buf_append(&words, s, (size_t)(end - s));
	found = match_name(m, buf_cstr(&words), true) != NULL;
	buf_free(&words);
	return found;
}

/*
 * Matches the folded text between two separators. A joining word starts a
 * new fraction when the words after it name one ("papier i szklo");
 * otherwise those words describe the fraction before ("papier i tektura").
 */
static void
match_piece(struct entry_match *m, const char *folded)
{
	const char	*group = folded, *joining, *next;
	size_t		 len;

	if (match_name(m, folded, false) != NULL) {
		match_group(m, folded, strlen(folded), false);
		return;
	}
	for (next = folded; (joining = next_joining_word(next, &len)) != NULL;) {
		next = joining + len + 2;
		if (names_fraction(m, next)) {
			match_group(m, group, (size_t)(joining - group), true);
			group = next;
		}
	}
	match_group(m, group, strlen(group), true);
}

/* Copies the piece s[0..len) without surrounding spaces as the unknown part. */
static void
set_unknown(struct fraction_entry *entry, const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	/* Cut on a UTF-8 boundary. */
	if (len >= sizeof(entry->unknown)) {
		len = sizeof(entry->unknown) - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(entry->unknown, s, len);
	entry->unknown[len] = '\0';
}

void
fraction_match_entry(const char *name, fraction_alias_fn alias, void *arg,
    struct fraction_entry *entry)
{
	struct entry_match	 m = { alias, arg, entry, false };
	struct buf		 folded, piece;
	const char		*p, *code;
	size_t			 len;

	memset(entry, 0, sizeof(*entry));
	buf_init(&folded);
	buf_init(&piece);
	text_fold(&folded, name);
	if ((code = match_name(&m, buf_cstr(&folded), false)) != NULL)
		add_code(entry, code);
	for (p = name; code == NULL && *p != '\0'; p += len + (p[len] != '\0')) {
		len = strcspn(p, ENTRY_SEPARATORS);
		buf_reset(&piece);
		buf_append(&piece, p, len);
		buf_reset(&folded);
		text_fold(&folded, buf_cstr(&piece));
		if (folded.len == 0)
			continue;
		m.piece_failed = false;
		match_piece(&m, buf_cstr(&folded));
		if (m.piece_failed && fraction_is_not_collection(buf_cstr(&piece)))
			entry->fee = true;
		else if (m.piece_failed && entry->unknown[0] == '\0')
			set_unknown(entry, p, len);
	}
	buf_free(&folded);
	buf_free(&piece);
}
