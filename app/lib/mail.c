/* mail.c: MIME messages for SMTP: encoded-word headers, quoted-printable bodies, multipart. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mail.h"
#include "token.h"

/* RFC 5322 recommends lines of at most 78 characters; encoded-words are at most 75. */
#define MAIL_LINE_MAX		76
#define MAIL_WORD_MAX		75
#define QP_LINE_MAX		76

static const char base64_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
base64_append(struct buf *out, const unsigned char *in, size_t len)
{
	size_t		 i;
	unsigned	 v;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		buf_putc(out, base64_chars[v >> 18 & 63]);
		buf_putc(out, base64_chars[v >> 12 & 63]);
		buf_putc(out, base64_chars[v >> 6 & 63]);
		buf_putc(out, base64_chars[v & 63]);
	}
	if (len - i == 1) {
		v = (unsigned)in[i] << 16;
		buf_putc(out, base64_chars[v >> 18 & 63]);
		buf_putc(out, base64_chars[v >> 12 & 63]);
		buf_puts(out, "==");
	} else if (len - i == 2) {
		v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
		buf_putc(out, base64_chars[v >> 18 & 63]);
		buf_putc(out, base64_chars[v >> 12 & 63]);
		buf_putc(out, base64_chars[v >> 6 & 63]);
		buf_putc(out, '=');
	}
}

/* Bytes of the UTF-8 character that starts with c (1 for a stray byte). */
static size_t
utf8_char_size(unsigned char c)
{
	if (c >= 0xf0 && c < 0xf8)
		return 4;
	if (c >= 0xe0)
		return c < 0xf0 ? 3 : 1;
	if (c >= 0xc0)
		return 2;
	return 1;
}

static bool
header_plain(const char *name, const char *value)
{
	const unsigned char	*p;

	if (strstr(value, "=?") != NULL ||
	    strlen(name) + 2 + strlen(value) > MAIL_LINE_MAX)
		return false;
	for (p = (const unsigned char *)value; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			return false;
	return true;
}

/*
 * Appends value as "=?UTF-8?B?...?=" words of whole characters, each at most
 * MAIL_WORD_MAX characters, folded with CRLF SP so no line passes MAIL_LINE_MAX.
 * used is the length of the line before the first word. Control characters
 * (CR and LF included) become spaces.
 */
static void
encoded_words(struct buf *out, const char *value, size_t used)
{
	unsigned char	 chunk[64];
	size_t		 len = strlen(value), at = 0, n, size, room, max;

	while (at < len || at == 0) {
		room = used + 12 < MAIL_LINE_MAX ? MAIL_LINE_MAX - used - 12 : 0;
		if (room > MAIL_WORD_MAX - 12)
			room = MAIL_WORD_MAX - 12;
		max = room / 4 * 3;
		if (max < 4)
			max = 4;
		for (n = 0; at + n < len; n += size) {
			size = utf8_char_size((unsigned char)value[at + n]);
			if (at + n + size > len)
				size = len - at - n;
			if (n + size > max)
				break;
			memcpy(chunk + n, value + at + n, size);
		}
		for (size = 0; size < n; size++)
			if (chunk[size] < 0x20 || chunk[size] == 0x7f)
				chunk[size] = ' ';
		if (at > 0)
			buf_puts(out, "\r\n ");
		buf_puts(out, "=?UTF-8?B?");
		base64_append(out, chunk, n);
		buf_puts(out, "?=");
		at += n;
		used = 1;
		if (len == 0)
			break;
	}
}

void
mail_header(struct buf *out, const char *name, const char *value)
{
	buf_printf(out, "%s: ", name);
	if (header_plain(name, value))
		buf_puts(out, value);
	else
		encoded_words(out, value, strlen(name) + 2);
	buf_puts(out, "\r\n");
}

/* Appends one quoted-printable token, with a soft line break first when the line is full. */
static void
qp_token(struct buf *out, const char *token, size_t *line)
{
	size_t	 len = strlen(token);

	if (*line + len > QP_LINE_MAX - 1) {
		buf_puts(out, "=\r\n");
		*line = 0;
	}
	buf_puts(out, token);
	*line += len;
}

void
mail_quoted_printable(struct buf *out, const char *text)
{
	const unsigned char	*p = (const unsigned char *)text;
	char			 token[4];
	size_t			 line = 0;
	bool			 line_end;

	for (; *p != '\0'; p++) {
		if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
			if (*p == '\r')
				p++;
			buf_puts(out, "\r\n");
			line = 0;
			continue;
		}
		line_end = p[1] == '\0' || p[1] == '\n' ||
		    (p[1] == '\r' && p[2] == '\n');
		if ((*p == ' ' || *p == '\t') && !line_end) {
			token[0] = (char)*p;
			token[1] = '\0';
		} else if (*p > ' ' && *p < 0x7f && *p != '=') {
			token[0] = (char)*p;
			token[1] = '\0';
		} else
			snprintf(token, sizeof(token), "=%02X", *p);
		qp_token(out, token, &line);
	}
	if (line > 0)
		buf_puts(out, "\r\n");
}

void
mail_date(struct buf *out, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm	 tm;
	long		 offset;

	localtime_r(&t, &tm);
	offset = tm.tm_gmtoff / 60;
	buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, offset < 0 ? '-' : '+',
	    (offset < 0 ? -offset : offset) / 60,
	    (offset < 0 ? -offset : offset) % 60);
}

/* True for an addr-spec of printable ASCII atoms: one "@", no spaces or specials. */
static bool
address_valid(const char *s, size_t len)
{
	const char	*at = memchr(s, '@', len);
	size_t		 i;

	if (len == 0 || len > 254 || at == NULL || at == s || at == s + len - 1 ||
	    memchr(at + 1, '@', len - (size_t)(at + 1 - s)) != NULL)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f || strchr("<>()[]\\,;:\"", s[i]) != NULL)
			return false;
	return true;
}

int
mail_address(const char *mailbox, char *out, size_t size)
{
	const char	*open = strrchr(mailbox, '<'), *close;
	size_t		 len;

	if (open != NULL) {
		if ((close = strchr(open, '>')) == NULL || close[1] != '\0')
			return -1;
		mailbox = open + 1;
		len = (size_t)(close - mailbox);
	} else
		len = strlen(mailbox);
	if (!address_valid(mailbox, len) || len >= size)
		return -1;
	memcpy(out, mailbox, len);
	out[len] = '\0';
	return 0;
}

void
mail_url_host(const char *url, char *out, size_t size)
{
	const char	*start = strstr(url, "://"), *end, *at;
	size_t		 len;

	snprintf(out, size, "localhost");
	if (start == NULL)
		return;
	start += 3;
	end = start + strcspn(start, "/?#");
	if ((at = memchr(start, '@', (size_t)(end - start))) != NULL)
		start = at + 1;
	if (*start == '[')
		len = strcspn(start, "]") + 1;
	else
		len = strcspn(start, ":/?#");
	if (len > (size_t)(end - start))
		len = (size_t)(end - start);
	if (len > 0 && len < size) {
		memcpy(out, start, len);
		out[len] = '\0';
	}
}

/* Appends "From: name <addr>" with an encoded display name when it is not plain ASCII. */
static void
mailbox_header(struct buf *out, const char *name, const char *mailbox,
    const char *address)
{
	const char	*open = strrchr(mailbox, '<');
	char		 display[256];
	size_t		 len;

	if (open == NULL) {
		buf_printf(out, "%s: %s\r\n", name, address);
		return;
	}
	len = (size_t)(open - mailbox);
	while (len > 0 && mailbox[len - 1] == ' ')
		len--;
	if (len >= sizeof(display))
		len = sizeof(display) - 1;
	memcpy(display, mailbox, len);
	display[len] = '\0';
	buf_printf(out, "%s: ", name);
	if (len == 0)
		buf_puts(out, address);
	else if (header_plain(name, display) && strpbrk(display, "()<>[]:;@\\,.\"") == NULL)
		buf_printf(out, "%s <%s>", display, address);
	else {
		encoded_words(out, display, strlen(name) + 2);
		buf_printf(out, "\r\n <%s>", address);
	}
	buf_puts(out, "\r\n");
}

/* True for a URL that fits inside <...> of a header: printable ASCII without spaces or ">". */
static bool
url_plain(const char *url)
{
	for (; *url != '\0'; url++)
		if (*url <= ' ' || *url >= 0x7f || *url == '>')
			return false;
	return true;
}

static void
body_part(struct buf *out, const char *boundary, const char *type, const char *text)
{
	buf_printf(out, "--%s\r\n", boundary);
	buf_printf(out, "Content-Type: %s; charset=UTF-8\r\n", type);
	buf_puts(out, "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	mail_quoted_printable(out, text);
}

int
mail_build(struct buf *out, const struct mail_message *m)
{
	char	 from[256], to[256], random[TOKEN_LEN + 1], id[TOKEN_LEN + 1];
	char	 boundary[TOKEN_LEN + 3];

	if (mail_address(m->from, from, sizeof(from)) == -1 ||
	    mail_address(m->to, to, sizeof(to)) == -1 || strchr(m->to, '<') != NULL ||
	    (m->unsubscribe_url != NULL && !url_plain(m->unsubscribe_url)) ||
	    token_random(random) == -1 || token_random(id) == -1)
		return -1;
	snprintf(boundary, sizeof(boundary), "=_%s", random);
	buf_puts(out, "Date: ");
	mail_date(out, m->date);
	buf_puts(out, "\r\n");
	mailbox_header(out, "From", m->from, from);
	buf_printf(out, "To: %s\r\n", to);
	if (m->message_id != NULL)
		buf_printf(out, "Message-ID: %s\r\n", m->message_id);
	else
		buf_printf(out, "Message-ID: <%s@%s>\r\n", id,
		    m->host != NULL ? m->host : "localhost");
	mail_header(out, "Subject", m->subject);
	buf_puts(out, "MIME-Version: 1.0\r\n");
	if (m->unsubscribe_url != NULL) {
		buf_printf(out, "List-Unsubscribe: <%s>\r\n", m->unsubscribe_url);
		buf_puts(out, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	}
	if (m->html == NULL) {
		buf_puts(out, "Content-Type: text/plain; charset=UTF-8\r\n");
		buf_puts(out, "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
		mail_quoted_printable(out, m->text);
		return 0;
	}
	buf_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n",
	    boundary);
	body_part(out, boundary, "text/plain", m->text);
	body_part(out, boundary, "text/html", m->html);
	buf_printf(out, "--%s--\r\n", boundary);
	return 0;
}
