/* host_limit.h: a System V semaphore that caps how many processes of one host do a costly step at once. */
#ifndef RATUSZ_HOST_LIMIT_H
#define RATUSZ_HOST_LIMIT_H

#include <stdbool.h>

/* A limit shared by every process that opens it with the same path and project. */
struct host_limit {
	int	 id;	/* the semaphore, or -1 when not open */
};

#define HOST_LIMIT_NONE	{ -1 }

/*
 * Opens (or creates with slots free) the semaphore keyed by ftok(path,
 * project). A slot taken by a process that dies is given back (SEM_UNDO).
 * Returns 0 or -1 with errno set.
 */
int	 host_limit_open(struct host_limit *, const char *path, int project, unsigned slots);
/* Waits for a free slot; returns false when the limit is not open or semop failed. */
bool	 host_limit_take(const struct host_limit *);
/* Gives back a slot that host_limit_take returned true for. */
void	 host_limit_give(const struct host_limit *);
/* The number of free slots, or -1 when the limit is not open. */
int	 host_limit_free(const struct host_limit *);

#endif
