/* host_limit.c: a System V semaphore that caps how many processes of one host do a costly step at once. */
#include "config.h"

#include <errno.h>
#include <sys/ipc.h>
#include <sys/sem.h>

#include "host_limit.h"

int
host_limit_open(struct host_limit *l, const char *path, int project, unsigned slots)
{
	key_t	 key;
	int	 id;

	l->id = -1;
	if ((key = ftok(path, project)) == -1)
		return -1;
	/* The creator sets the value; a process that finds it at 0 waits until then. */
	if ((id = semget(key, 1, IPC_CREAT | IPC_EXCL | 0600)) != -1) {
		if (semctl(id, 0, SETVAL, (int)slots) == -1)
			return -1;
	} else if (errno != EEXIST || (id = semget(key, 1, 0600)) == -1)
		return -1;
	l->id = id;
	return 0;
}

bool
host_limit_take(const struct host_limit *l)
{
	struct sembuf	 op = { 0, -1, SEM_UNDO };

	if (l->id == -1)
		return false;
	while (semop(l->id, &op, 1) == -1)
		if (errno != EINTR)
			return false;
	return true;
}

void
host_limit_give(const struct host_limit *l)
{
	struct sembuf	 op = { 0, 1, SEM_UNDO };

	while (semop(l->id, &op, 1) == -1 && errno == EINTR)
		continue;
}

int
host_limit_free(const struct host_limit *l)
{
	return l->id == -1 ? -1 : semctl(l->id, 0, GETVAL);
}
