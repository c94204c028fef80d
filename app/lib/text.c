/* text.c: UTF-8 validation and length, search folding, plural forms and calendar dates. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

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
