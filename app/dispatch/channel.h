/* channel.h: the interface between ratusz-dispatch and each delivery channel (e-mail, SMS). */
#ifndef RATUSZ_CHANNEL_H
#define RATUSZ_CHANNEL_H

#include <stddef.h>

/* The result of one send, which decides the outbox row's next status. */
enum send_outcome {
	SEND_OK,	/* accepted by the provider: mark sent */
	SEND_RETRY,	/* temporary failure (5xx, 429, timeout): retry with backoff */
	SEND_FAIL,	/* permanent failure (invalid number, rejected): mark failed */
	SEND_SKIP,	/* nothing to send (no consent, no contact data): mark cancelled */
};

struct send_result {
	enum send_outcome outcome;
	char		 provider_id[128];	/* the provider's message id, when it gives one */
	char		 error[256];		/* reason, without personal data */
	unsigned	 retry_after;		/* seconds the provider asked to wait (429), or 0 */
};

/* A message ready for one recipient, rendered from an outbox row's kind and payload. */
struct outgoing {
	unsigned long long outbox_id;
	const char	*idempotency_key;	/* passed to providers that drop duplicates */
	const char	*to;			/* e-mail address or E.164 phone number */
	const char	*subject;		/* e-mail only */
	const char	*text;			/* plain text (the SMS text) */
	const char	*html;			/* e-mail only; may be NULL */
	const char	*unsubscribe_url;	/* e-mail only; one-click (RFC 8058), or NULL */
	unsigned long long tenant_id;		/* for per-gmina SMS settings; 0 when none */
};

#endif
