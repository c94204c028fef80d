/* mail.h: builds MIME e-mail messages (RFC 5322, RFC 2045-2047) ready for SMTP. */
#ifndef RATUSZ_MAIL_H
#define RATUSZ_MAIL_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

/* One message; every string is UTF-8 and owned by the caller. */
struct mail_message {
	const char	*from;		/* "ratusz <noreply@localhost>" or a bare address */
	const char	*to;		/* a bare address, "jan@example.pl" */
	const char	*subject;
	const char	*text;		/* the text/plain part; "\n" or "\r\n" line ends */
	const char	*html;		/* the text/html part, or NULL for text only */
	const char	*unsubscribe_url;	/* adds List-Unsubscribe (RFC 8058), or NULL */
	const char	*message_id;	/* "<id@host>", or NULL for a random one on host */
	const char	*host;		/* right side of a random Message-ID */
	time_t		 date;
};

/*
 * Appends the whole message (headers, CRLF line ends, quoted-printable bodies)
 * to out. Returns 0, or -1 when an address is not a plain ASCII address or the
 * random generator fails; out is then left as it was.
 */
int	 mail_build(struct buf *out, const struct mail_message *);

/* Appends "Name: value" folded as RFC 2047 encoded-words when value needs them, and CRLF. */
void	 mail_header(struct buf *out, const char *name, const char *value);
/* Appends text quoted-printable with CRLF line ends and lines of at most 76 characters. */
void	 mail_quoted_printable(struct buf *out, const char *text);
/* Appends t as an RFC 5322 date in the process time zone: "Fri, 04 Dec 2026 21:49:03 +0100". */
void	 mail_date(struct buf *out, time_t t);
/* Copies the address of "Name <addr>" (or addr itself) into out; -1 when it is not valid. */
int	 mail_address(const char *mailbox, char *out, size_t size);
/* Copies the host of an http(s) URL into out; "localhost" when the URL has none. */
void	 mail_url_host(const char *url, char *out, size_t size);

#endif
