/* text.h: UTF-8 checks, diacritic folding for search, Polish plural forms and dates. */
#ifndef RATUSZ_TEXT_H
#define RATUSZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* True when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
bool	 utf8_valid(const char *s, size_t len);
/* Number of characters (code points) in a valid UTF-8 string. */
size_t	 utf8_length(const char *s);

/*
 * Appends the search form of a UTF-8 string to out: lower case, Polish and other
 * Latin diacritics removed (Ż→z, Ł→l, ó→o, ß→ss), runs of spaces, punctuation
 * and dashes collapsed to one space, trimmed. "ul. Żółta" folds to "ul zolta".
 * Digits and letters are kept; other characters become a space.
 */
void	 text_fold(struct buf *out, const char *s);

/*
 * Polish plural form index for n: 0 (1 zgłoszenie), 1 (2 zgłoszenia), 2 (5 zgłoszeń).
 * Both plural functions use the absolute value of n, as CLDR plural rules do.
 */
int	 plural_pl(long n);
/* English plural form index for n: 0 for 1, 1 otherwise (forms beyond 1 map to 1). */
int	 plural_en(long n);

/* Day of week, 0 = Monday .. 6 = Sunday, of a proleptic Gregorian date. */
int	 date_weekday(int year, int month, int day);
/* True when year-month-day is a real calendar date. */
bool	 date_valid(int year, int month, int day);
/*
 * Days since 1970-01-01 (negative before it) and back, for date arithmetic without
 * time zones. days_to_date expects days whose year fits in an int.
 */
long	 date_to_days(int year, int month, int day);
void	 days_to_date(long days, int *year, int *month, int *day);

#endif
