/* text.c: UTF-8 validation and length, search folding, plural forms and calendar dates. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "text.h"

/*
 * Returns the length of the well-formed UTF-8 sequence at s[0..avail), or 0
 * when it is malformed. The ranges of the second byte follow Table 3-7 of the
 * Unicode Standard, which excludes overlongs, surrogates and values past U+10FFFF.
 */
static size_t
utf8_sequence_length(const unsigned char *s, size_t avail)
{
	unsigned char	 lead = s[0], low = 0x80, high = 0xBF;
	size_t		 need, i;

	if (lead < 0x80)
		return 1;
	if (lead >= 0xC2 && lead <= 0xDF)
		need = 2;
	else if (lead >= 0xE0 && lead <= 0xEF) {
		need = 3;
		if (lead == 0xE0)
			low = 0xA0;	/* below U+0800 would be overlong */
		else if (lead == 0xED)
			high = 0x9F;	/* U+D800..U+DFFF are surrogates */
	} else if (lead >= 0xF0 && lead <= 0xF4) {
		need = 4;
		if (lead == 0xF0)
			low = 0x90;	/* below U+10000 would be overlong */
		else if (lead == 0xF4)
			high = 0x8F;	/* past U+10FFFF */
	} else
		return 0;	/* continuation byte, C0, C1 or F5..FF */

	if (avail < need)
		return 0;
	if (s[1] < low || s[1] > high)
		return 0;
	for (i = 2; i < need; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return need;
}

bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len) {
		n = utf8_sequence_length(p + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

size_t
utf8_length(const char *s)
{
	size_t	 count = 0;

	/* Every byte that is not a continuation byte starts a code point. */
	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			count++;
	return count;
}

/* Decodes the code point at s, or returns 0 for a malformed sequence. */
static size_t
utf8_decode(const unsigned char *s, size_t avail, unsigned long *cp)
{
	size_t	 n, i;

	if ((n = utf8_sequence_length(s, avail)) == 0)
		return 0;
	if (n == 1) {
		*cp = s[0];
		return 1;
	}
	*cp = s[0] & (0x7F >> n);
	for (i = 1; i < n; i++)
		*cp = (*cp << 6) | (s[i] & 0x3F);
	return n;
}

/*
 * Search forms of U+00C0..U+017F (Latin-1 letters and Latin Extended-A), in
 * code point order: lower case without diacritics, ligatures spelled out.
 * " " marks the two symbols of the block, × and ÷, which separate words.
 */
static const char *const latin_fold[0x180 - 0xC0] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* U+00C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", " ",
	/* U+00D8 */ "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* U+00E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", " ",
	/* U+00F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	/* U+0108 */ "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	/* U+0118 */ "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	/* U+0128 */ "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
	/* U+0138 */ "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n",
	/* U+0148 */ "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	/* U+0158 */ "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	/* U+0168 */ "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	/* U+0178 */ "y", "z", "z", "z", "z", "z", "z", "s",
};

/*
 * Returns the search form of one code point below U+0180: "" to drop it
 * (the soft hyphen), " " for a separator, or NULL when the point is kept as
 * it is (lower-case ASCII letters and digits). An upper-case ASCII letter is
 * lowered into ascii[2], which is returned.
 */
static const char *
fold_latin(unsigned long cp, char *ascii)
{
	if (cp >= 'A' && cp <= 'Z') {
		ascii[0] = (char)(cp - 'A' + 'a');
		ascii[1] = '\0';
		return ascii;
	}
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		return NULL;
	if (cp >= 0xC0)
		return latin_fold[cp - 0xC0];
	switch (cp) {
	case 0xAD:	/* soft hyphen: an invisible break inside a word */
		return "";
	case 0xAA:	/* ª */
		return "a";
	case 0xBA:	/* º */
		return "o";
	case 0xB9:	/* ¹ */
		return "1";
	case 0xB2:	/* ² */
		return "2";
	case 0xB3:	/* ³ */
		return "3";
	default:	/* controls, ASCII and Latin-1 punctuation and symbols */
		return " ";
	}
}

/*
 * Returns the search form of a code point from U+0180 on: "" for combining
 * marks and zero-width characters, " " for punctuation and spaces, NULL to
 * keep the point as it is.
 */
static const char *
fold_other(unsigned long cp)
{
	if (cp >= 0x300 && cp <= 0x36F)
		return "";	/* combining diacritics of decomposed text */
	if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF)
		return "";	/* zero-width spaces and joiners, byte order mark */
	if (cp >= 0x2000 && cp <= 0x206F)
		return " ";	/* General Punctuation: dashes, quotes „”, spaces */
	if (cp >= 0x2E00 && cp <= 0x2E7F)
		return " ";	/* Supplemental Punctuation */
	if (cp >= 0x3000 && cp <= 0x303F)
		return " ";	/* CJK spaces and punctuation */
	return NULL;
}

/* Appends text, preceded by one space when a separator came before it. */
static void
fold_emit(struct buf *out, size_t start, bool *gap, const char *text, size_t len)
{
	if (*gap && out->len > start)
		buf_putc(out, ' ');
	*gap = false;
	buf_append(out, text, len);
}

/*
 * NOTE: letters past Latin Extended-A (Greek, Cyrillic, Latin Extended-B
 * and later) are kept unchanged, without lower-casing, because that needs
 * the Unicode case tables.
 */
void
text_fold(struct buf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 avail = strlen(s), start = out->len, n;
	unsigned long		 cp;
	const char		*form;
	char			 lower[2];
	bool			 gap = false;

	buf_append(out, "", 0);	/* so that an empty result is still a string */
	while (avail > 0) {
		if ((n = utf8_decode(p, avail, &cp)) == 0) {
			gap = true;	/* a malformed byte separates words */
			p++, avail--;
			continue;
		}
		form = cp < 0x180 ? fold_latin(cp, lower) : fold_other(cp);
		if (form == NULL)
			fold_emit(out, start, &gap, (const char *)p, n);
		else if (strcmp(form, " ") == 0)
			gap = true;
		else if (form[0] != '\0')
			fold_emit(out, start, &gap, form, strlen(form));
		p += n;
		avail -= n;
	}
}

int
plural_pl(long n)
{
	unsigned long	 m = n < 0 ? -(unsigned long)n : (unsigned long)n;

	if (m == 1)
		return 0;
	if (m % 10 >= 2 && m % 10 <= 4 && !(m % 100 >= 12 && m % 100 <= 14))
		return 1;
	return 2;
}

int
plural_en(long n)
{
	return n == 1 || n == -1 ? 0 : 1;
}

/*
 * Calendar arithmetic on the proleptic Gregorian calendar with astronomical
 * years (year 0 is 1 BC) follows Howard Hinnant's days_from_civil and
 * civil_from_days. Each year is shifted to start in March, so the leap day
 * ends it. Eras of 400 years, 146097 days each, then repeat exactly.
 */
long
date_to_days(int year, int month, int day)
{
	long	 y = (long)year - (month <= 2);
	long	 era = (y >= 0 ? y : y - 399) / 400;
	long	 yoe = y - era * 400;	/* year of era, 0..399 */
	long	 doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	long	 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;	/* 719468 days from 0000-03-01 to 1970-01-01 */
}

void
days_to_date(long days, int *year, int *month, int *day)
{
	long	 z = days + 719468;
	long	 era = (z >= 0 ? z : z - 146096) / 146097;
	long	 doe = z - era * 146097;	/* day of era, 0..146096 */
	long	 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long	 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long	 mp = (5 * doy + 2) / 153;	/* month counted from March, 0..11 */

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(yoe + era * 400 + (*month <= 2));
}

int
date_weekday(int year, int month, int day)
{
	long	 days = date_to_days(year, month, day);

	/* 1970-01-01 was a Thursday, 3 when Monday is 0. */
	return (int)(((days % 7) + 7 + 3) % 7);
}

static bool
is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool
date_valid(int year, int month, int day)
{
	static const int	 month_days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			 last;

	if (month < 1 || month > 12 || day < 1)
		return false;
	last = month_days[month - 1];
	if (month == 2 && is_leap_year(year))
		last = 29;
	return day <= last;
}
