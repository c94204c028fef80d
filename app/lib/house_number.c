/* house_number.c: parsing, formatting and comparing sets of house numbers from area rules. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "house_number.h"

#define ITEM_TEXT_MAX	64

/* Parity words as offices write them, longest first so "nieparz" is not read as "parz". */
static const struct {
	const char		*word;
	enum house_parity	 parity;
} parity_words[] = {
	{ "nieparzyste", HOUSE_PARITY_ODD },
	{ "nieparzysta", HOUSE_PARITY_ODD },
	{ "nieparz.", HOUSE_PARITY_ODD },
	{ "nieparz", HOUSE_PARITY_ODD },
	{ "parzyste", HOUSE_PARITY_EVEN },
	{ "parzysta", HOUSE_PARITY_EVEN },
	{ "parz.", HOUSE_PARITY_EVEN },
	{ "parz", HOUSE_PARITY_EVEN },
};

/*
 * Copies one item into out in lower case, trimmed, with the en and em dash
 * (U+2013, U+2014) written as '-'. Returns -1 when the item is too long.
 */
static int
item_normalise(const char *s, size_t len, char *out, size_t size)
{
	size_t	 n = 0;

	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	for (; len > 0; s++, len--) {
		if (len >= 3 && (unsigned char)s[0] == 0xE2 &&
		    (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94)) {
			s += 2, len -= 2;
			out[n++] = '-';
		} else
			out[n++] = (char)tolower((unsigned char)*s);
		if (n + 1 >= size)
			return -1;
	}
	out[n] = '\0';
	return 0;
}

/* Removes a parity word at the start or end of the item text; returns its parity. */
static enum house_parity
item_take_parity(char *text)
{
	size_t	 i, n, len = strlen(text);

	for (i = 0; i < sizeof(parity_words) / sizeof(parity_words[0]); i++) {
		n = strlen(parity_words[i].word);
		if (strncmp(text, parity_words[i].word, n) == 0 &&
		    (text[n] == '\0' || text[n] == ' ')) {
			memmove(text, text + n, len - n + 1);
			return parity_words[i].parity;
		}
		if (len > n && strcmp(text + len - n, parity_words[i].word) == 0 &&
		    text[len - n - 1] == ' ') {
			text[len - n - 1] = '\0';
			return parity_words[i].parity;
		}
	}
	return HOUSE_PARITY_ANY;
}

/* Reads a positive decimal number up to HOUSE_NUMBER_MAX; returns -1 when there is none. */
static int
read_number(const char **p)
{
	int	 n = 0;

	if (!isdigit((unsigned char)**p))
		return -1;
	while (isdigit((unsigned char)**p)) {
		n = n * 10 + (**p - '0');
		if (n > HOUSE_NUMBER_MAX)
			return -1;
		(*p)++;
	}
	return n > 0 ? n : -1;
}

static void
skip_spaces(const char **p)
{
	while (**p == ' ')
		(*p)++;
}

/* Parses the number part of an item: "12", "27a", "1-25" or nothing (parity alone). */
static int
item_parse_core(const char *p, struct house_item *item)
{
	size_t	 n = 0;

	skip_spaces(&p);
	if (*p == '\0') {
		item->low = 1;
		item->high = HOUSE_NUMBER_MAX;
		item->range = true;
		return item->parity == HOUSE_PARITY_ANY ? -1 : 0;
	}
	if ((item->low = read_number(&p)) == -1)
		return -1;
	skip_spaces(&p);
	if (*p == '-') {
		p++;
		skip_spaces(&p);
		if ((item->high = read_number(&p)) == -1 || item->high < item->low)
			return -1;
		item->range = true;
		skip_spaces(&p);
		return *p == '\0' ? 0 : -1;
	}
	item->high = item->low;
	while (isalpha((unsigned char)*p) && n < HOUSE_SUFFIX_MAX)
		item->suffix[n++] = (char)toupper((unsigned char)*p++);
	item->suffix[n] = '\0';
	/* A parity word makes sense only for a range. */
	return *p == '\0' && item->parity == HOUSE_PARITY_ANY ? 0 : -1;
}

static int
item_parse(const char *s, size_t len, struct house_item *item)
{
	char	 text[ITEM_TEXT_MAX];

	memset(item, 0, sizeof(*item));
	if (item_normalise(s, len, text, sizeof(text)) == -1 || text[0] == '\0')
		return -1;
	item->parity = item_take_parity(text);
	return item_parse_core(text, item);
}

/* Copies the item s[0..len), trimmed and cut to fit, into bad for the error message. */
static void
copy_bad_item(const char *s, size_t len, char *bad, size_t bad_size)
{
	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= bad_size)
		len = bad_size - 1;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;	/* do not cut a multi-byte character */
	memcpy(bad, s, len);
	bad[len] = '\0';
}

int
house_set_parse(const char *text, struct house_set *out, char *bad,
    size_t bad_size)
{
	const char	*p = text, *comma;
	size_t		 len;

	memset(out, 0, sizeof(*out));
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0')
		return 0;
	for (;; p = comma + 1) {
		comma = strchr(p, ',');
		len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		if (out->count == HOUSE_SET_MAX ||
		    item_parse(p, len, &out->item[out->count]) == -1) {
			copy_bad_item(p, len, bad, bad_size);
			return -1;
		}
		out->count++;
		if (comma == NULL)
			break;
	}
	return 0;
}

static void
item_format(struct buf *out, const struct house_item *item)
{
	const char	*parity = item->parity == HOUSE_PARITY_ODD ? "nieparzyste" :
	    item->parity == HOUSE_PARITY_EVEN ? "parzyste" : NULL;

	if (!item->range)
		buf_printf(out, "%d%s", item->low, item->suffix);
	else if (parity != NULL && item->low == 1 && item->high == HOUSE_NUMBER_MAX)
		buf_puts(out, parity);
	else {
		buf_printf(out, "%d-%d", item->low, item->high);
		if (parity != NULL)
			buf_printf(out, " %s", parity);
	}
}

void
house_set_format(struct buf *out, const struct house_set *set)
{
	size_t	 i;

	buf_append(out, "", 0);
	for (i = 0; i < set->count; i++) {
		if (i > 0)
			buf_puts(out, ", ");
		item_format(out, &set->item[i]);
	}
}

static bool
parity_matches(enum house_parity parity, int n)
{
	return parity == HOUSE_PARITY_ANY ||
	    (parity == HOUSE_PARITY_ODD) == (n % 2 == 1);
}

static bool
item_contains(const struct house_item *item, int n, const char *suffix)
{
	if (!item->range)
		return n == item->low && strcasecmp(suffix, item->suffix) == 0;
	return n >= item->low && n <= item->high && parity_matches(item->parity, n);
}

static bool
set_contains_number(const struct house_set *set, int n, const char *suffix)
{
	size_t	 i;

	if (set->count == 0)
		return true;
	for (i = 0; i < set->count; i++)
		if (item_contains(&set->item[i], n, suffix))
			return true;
	return false;
}

bool
house_set_contains(const struct house_set *set, const char *number)
{
	const char	*p = number;
	char		 suffix[HOUSE_SUFFIX_MAX + 1];
	size_t		 n = 0;
	int		 value;

	skip_spaces(&p);
	if ((value = read_number(&p)) == -1)
		return false;
	skip_spaces(&p);
	while (isalpha((unsigned char)*p) && n < HOUSE_SUFFIX_MAX)
		suffix[n++] = (char)toupper((unsigned char)*p++);
	suffix[n] = '\0';
	return set_contains_number(set, value, suffix);
}

/*
 * A range of inner is contained when each number in it is. Its numbers with
 * a suffix ("13A") are not checked one by one, because a set cannot list them
 * all. They are taken to follow their number.
 */
bool
house_set_contains_set(const struct house_set *outer,
    const struct house_set *inner)
{
	const struct house_item	*item;
	size_t			 i;
	int			 n;

	if (outer->count == 0)
		return true;
	if (inner->count == 0)
		return false;
	for (i = 0; i < inner->count; i++) {
		item = &inner->item[i];
		if (!item->range) {
			if (!set_contains_number(outer, item->low, item->suffix))
				return false;
			continue;
		}
		for (n = item->low; n <= item->high; n++)
			if (parity_matches(item->parity, n) &&
			    !set_contains_number(outer, n, ""))
				return false;
	}
	return true;
}
