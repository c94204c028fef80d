/* dispatch.h: one dispatcher round: lease due outbox rows, render, send, record the outcome. */
#ifndef RATUSZ_DISPATCH_H
#define RATUSZ_DISPATCH_H

#include <signal.h>
#include <stddef.h>
#include <time.h>

#include "conf.h"
#include "db.h"

struct mail_templates;
struct smtp;

/* Counts of outcomes, for the log. */
struct dispatch_counts {
	unsigned long	 sent, retried, failed, cancelled, lost;
};

struct dispatcher {
	struct db		*db;
	const struct conf	*conf;
	struct mail_templates	*templates;
	struct smtp		*smtp;
	char			 owner[64];	/* lease_owner: "host:pid" */
	char			 host[128];	/* right side of Message-IDs */
	size_t			 batch;
	volatile sig_atomic_t	*stop;		/* set by SIGTERM: finish the current message */
	struct dispatch_counts	 counts;
};

/*
 * Leases one batch due at now and handles each row. Returns the number of rows
 * leased (0 when nothing is due), or -1 after logging a database error. When
 * *stop is set, the rows not yet sent are given back to the queue.
 */
int	 dispatch_round(struct dispatcher *, time_t now);

#endif
