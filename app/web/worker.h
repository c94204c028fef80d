/* worker.h: the request loop of one FastCGI worker process. */
#ifndef RATUSZ_WORKER_H
#define RATUSZ_WORKER_H

#include "conf.h"

/*
 * Runs in a freshly forked worker: connects to MariaDB, parses the templates,
 * then accepts requests on listen_fd until conf->max_requests are served or
 * the master asks it to stop (SIGUSR1 or SIGTERM). Around each request it calls
 * pool_request_begin() and pool_request_end() from pool.h. Returns the exit status.
 */
int	 worker_main(int listen_fd, const struct conf *conf);

#endif
