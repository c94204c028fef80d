/* smtp.h: the e-mail channel: sends built messages over SMTP with libcurl. */
#ifndef RATUSZ_SMTP_H
#define RATUSZ_SMTP_H

#include <stddef.h>

#include "channel.h"
#include "conf.h"

struct smtp;

/* Prepares one libcurl handle for smtp_url (kept open across messages); NULL after logging. */
struct smtp	*smtp_open(const struct conf *);
void		 smtp_close(struct smtp *);

/*
 * Sends one message (CRLF lines, as mail_build writes it) from the address of
 * mail_from to the bare address to. Fills res: SEND_OK, SEND_RETRY on a 4xx
 * reply, a timeout or a connection failure, SEND_FAIL on a 5xx reply.
 */
void		 smtp_send(struct smtp *, const char *to, const char *message,
		    size_t len, struct send_result *res);

#endif
