/* sms_text.c: SMS length in GSM-7 septets or UCS-2 units, transliteration and cutting to N parts. */
#include "config.h"

#include <string.h>

#include "sms_text.h"
#include "text.h"

/*
 * Non-ASCII characters of the basic table of the GSM 7-bit default alphabet.
 * ASCII is handled in sms_gsm7_char: every printable character except ` and
 * the escaped ones is in the basic table, and so are LF and CR.
 */
static const unsigned long gsm7_basic_extra[] = {
	0x00A1, 0x00A3, 0x00A4, 0x00A5, 0x00A7, 0x00BF, 0x00C4, 0x00C5, 0x00C6,
	0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00D8, 0x00DC, 0x00DF, 0x00E0, 0x00E4,
	0x00E5, 0x00E6, 0x00E8, 0x00E9, 0x00EC, 0x00F1, 0x00F2, 0x00F6, 0x00F8,
	0x00F9, 0x00FC, 0x0393, 0x0394, 0x0398, 0x039B, 0x039E, 0x03A0, 0x03A3,
	0x03A6, 0x03A8, 0x03A9,
};

/* Characters of the extension table, sent as ESC and a second septet. */
static bool
gsm7_escaped(unsigned long cp)
{
	return cp == '^' || cp == '{' || cp == '}' || cp == '\\' || cp == '[' ||
	    cp == '~' || cp == ']' || cp == '|' || cp == 0x20AC || cp == '\f';
}

bool
sms_gsm7_char(unsigned long cp)
{
	size_t	 i;

	if (gsm7_escaped(cp))
		return true;
	if (cp == '\n' || cp == '\r')
		return true;
	if (cp < 0x80)
		return cp >= 0x20 && cp < 0x7F && cp != '`';
	for (i = 0; i < sizeof(gsm7_basic_extra) / sizeof(gsm7_basic_extra[0]); i++)
		if (gsm7_basic_extra[i] == cp)
			return true;
	return false;
}

/* Decodes the code point at s[*i] (valid UTF-8 expected) and advances *i past it. */
static unsigned long
utf8_next(const unsigned char *s, size_t *i)
{
	unsigned long	 cp = s[*i];
	size_t		 more = 0, k;

	if (cp >= 0xF0) {
		cp &= 0x07;
		more = 3;
	} else if (cp >= 0xE0) {
		cp &= 0x0F;
		more = 2;
	} else if (cp >= 0xC0) {
		cp &= 0x1F;
		more = 1;
	}
	(*i)++;
	for (k = 0; k < more; k++)
		cp = cp << 6 | (s[(*i)++] & 0x3F);
	return cp;
}

/* Units one character takes: 2 for an escaped GSM-7 character or a UTF-16 surrogate pair. */
static size_t
char_width(unsigned long cp, enum sms_encoding encoding)
{
	if (encoding == SMS_GSM7)
		return gsm7_escaped(cp) ? 2 : 1;
	return cp > 0xFFFF ? 2 : 1;
}

/* Parts in progress: characters are placed in order, never split across two parts. */
struct layout {
	size_t	 capacity;	/* units per part */
	size_t	 parts;
	size_t	 used;		/* units in the last part */
};

static void
layout_add(struct layout *l, size_t width)
{
	if (l->parts == 0 || l->used + width > l->capacity) {
		l->parts++;
		l->used = width;
	} else
		l->used += width;
}

static size_t
single_capacity(enum sms_encoding encoding)
{
	return encoding == SMS_GSM7 ? SMS_GSM7_SINGLE : SMS_UCS2_SINGLE;
}

static size_t
part_capacity(enum sms_encoding encoding)
{
	return encoding == SMS_GSM7 ? SMS_GSM7_PART : SMS_UCS2_PART;
}

/* Counts the parts of a text already known to need more than one. */
static size_t
count_parts(const char *text, size_t len, enum sms_encoding encoding)
{
	const unsigned char	*s = (const unsigned char *)text;
	struct layout		 l = { part_capacity(encoding), 0, 0 };
	size_t			 i = 0;

	while (i < len)
		layout_add(&l, char_width(utf8_next(s, &i), encoding));
	return l.parts;
}

int
sms_count(const char *text, size_t len, struct sms_count *out)
{
	const unsigned char	*s = (const unsigned char *)text;
	unsigned long		 cp;
	size_t			 i = 0, septets = 0, utf16 = 0;
	bool			 gsm7 = true;

	memset(out, 0, sizeof(*out));
	if (!utf8_valid(text, len))
		return -1;
	while (i < len) {
		cp = utf8_next(s, &i);
		out->characters++;
		if (!sms_gsm7_char(cp))
			gsm7 = false;
		septets += char_width(cp, SMS_GSM7);
		utf16 += char_width(cp, SMS_UCS2);
	}
	out->encoding = gsm7 ? SMS_GSM7 : SMS_UCS2;
	out->units = gsm7 ? septets : utf16;
	if (out->units <= single_capacity(out->encoding))
		out->parts = 1;
	else
		out->parts = count_parts(text, len, out->encoding);
	return 0;
}

/* Replacements for sms_transliterate, as UTF-8: Polish letters, then typography. */
static const struct {
	const char	*from, *to;
} transliterations[] = {
	{ "ą", "a" }, { "ć", "c" }, { "ę", "e" }, { "ł", "l" }, { "ń", "n" },
	{ "ó", "o" }, { "ś", "s" }, { "ź", "z" }, { "ż", "z" },
	{ "Ą", "A" }, { "Ć", "C" }, { "Ę", "E" }, { "Ł", "L" }, { "Ń", "N" },
	{ "Ó", "O" }, { "Ś", "S" }, { "Ź", "Z" }, { "Ż", "Z" },
	{ "„", "\"" }, { "”", "\"" }, { "“", "\"" }, { "«", "\"" }, { "»", "\"" },
	{ "‚", "'" }, { "‘", "'" }, { "’", "'" },
	{ "–", "-" }, { "—", "-" }, { "‑", "-" }, { "−", "-" },
	{ "…", "..." }, { "\xC2\xA0", " " }, { "\xE2\x80\xAF", " " },
};

void
sms_transliterate(struct buf *out, const char *text)
{
	size_t	 i, k, n;

	for (i = 0; text[i] != '\0'; ) {
		for (k = 0; k < sizeof(transliterations) / sizeof(transliterations[0]); k++) {
			n = strlen(transliterations[k].from);
			if (strncmp(text + i, transliterations[k].from, n) == 0)
				break;
		}
		if (k < sizeof(transliterations) / sizeof(transliterations[0])) {
			buf_puts(out, transliterations[k].to);
			i += n;
		} else
			buf_putc(out, text[i++]);
	}
}

/*
 * Returns the length in bytes of the longest prefix of text that fits max_parts
 * parts of the given encoding together with an ellipsis of ellipsis_units
 * one-unit characters.
 */
static size_t
fitting_prefix(const char *text, enum sms_encoding encoding, unsigned max_parts,
    size_t ellipsis_units)
{
	const unsigned char	*s = (const unsigned char *)text;
	struct layout		 l, with_ellipsis;
	size_t			 i = 0, k, best = 0;

	l.capacity = max_parts == 1 ? single_capacity(encoding) : part_capacity(encoding);
	l.parts = 0;
	l.used = 0;
	while (text[i] != '\0') {
		layout_add(&l, char_width(utf8_next(s, &i), encoding));
		if (l.parts > max_parts)
			break;
		with_ellipsis = l;
		for (k = 0; k < ellipsis_units; k++)
			layout_add(&with_ellipsis, 1);
		if (with_ellipsis.parts <= max_parts)
			best = i;
	}
	return best;
}

bool
sms_truncate(struct buf *out, const char *text, unsigned max_parts)
{
	struct sms_count	 count;
	size_t			 keep;

	if (max_parts == 0)
		max_parts = 1;
	if (sms_count(text, strlen(text), &count) == -1 || count.parts <= max_parts) {
		buf_puts(out, text);
		return false;
	}
	/*
	 * The cut is measured in the encoding of the whole text. A prefix that
	 * drops every non-GSM-7 character could hold more as GSM-7, but "…" keeps
	 * it UCS-2, so the result fits the parts as measured.
	 */
	keep = fitting_prefix(text, count.encoding, max_parts,
	    count.encoding == SMS_GSM7 ? 3 : 1);
	while (keep > 0 && (text[keep - 1] == ' ' || text[keep - 1] == '\n'))
		keep--;
	buf_append(out, text, keep);
	buf_puts(out, count.encoding == SMS_GSM7 ? "..." : "…");
	return true;
}
