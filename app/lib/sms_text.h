/* sms_text.h: SMS length in GSM-7 septets or UCS-2 units, transliteration and cutting to N parts. */
#ifndef RATUSZ_SMS_TEXT_H
#define RATUSZ_SMS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Capacity of a single message and of each part of a concatenated one. */
#define SMS_GSM7_SINGLE	160	/* septets */
#define SMS_GSM7_PART	153
#define SMS_UCS2_SINGLE	70	/* UTF-16 code units */
#define SMS_UCS2_PART	67

enum sms_encoding { SMS_GSM7, SMS_UCS2 };

/* The size of a text as a gateway sends it. */
struct sms_count {
	enum sms_encoding encoding;	/* UCS-2 as soon as one character is outside GSM-7 */
	size_t		 characters;	/* code points */
	size_t		 units;		/* septets (escaped characters count 2) or UTF-16 units */
	size_t		 parts;		/* messages needed; 1 for the empty text */
};

/*
 * Counts a UTF-8 text. Parts are filled in order and a part never ends inside an
 * escape pair or a surrogate pair, so 153 "€" (306 septets) need three parts of
 * 153 septets, not two.
 * Returns 0, or -1 when text is not valid UTF-8.
 */
int	 sms_count(const char *text, size_t len, struct sms_count *out);

/* True when the code point is in the GSM-7 basic or extension table. */
bool	 sms_gsm7_char(unsigned long cp);

/*
 * Appends text with Polish letters replaced by Latin ones (ą→a, Ł→L) and
 * typographic characters by GSM-7 ones („”→", –→-, …→...). Other characters are
 * copied unchanged. Expects valid UTF-8.
 */
void	 sms_transliterate(struct buf *out, const char *text);

/*
 * Appends text cut on a character boundary so that it fits max_parts parts, with
 * "…" (UCS-2) or "..." (GSM-7) at the end when it was cut. Returns true when the
 * text was cut. Expects valid UTF-8 and max_parts >= 1.
 */
bool	 sms_truncate(struct buf *out, const char *text, unsigned max_parts);

#endif
