/* pool.h: the ratusz-fcgi master (a fixed pool of forked workers) and the calls a worker makes into it. */
#ifndef RATUSZ_POOL_H
#define RATUSZ_POOL_H

#include <fcgiapp.h>

#include "conf.h"

/* The maximum number of workers, the same limit conf_load() checks. */
#define POOL_WORKERS_MAX	256

struct pool_options {
	int		 listen_fd;	/* listening FastCGI socket, non-blocking */
	const char	*socket_path;	/* unix socket this process created and removes at stop, or NULL */
	const char	*config_path;	/* passed to conf_load() at start and again on SIGHUP, may be NULL */
};

/*
 * Runs the master until SIGTERM or SIGINT: forks conf->workers workers, each
 * running worker_main(), respawns them, enforces request_timeout and replaces
 * them one at a time on SIGHUP. Takes ownership of conf, which a reload may
 * replace and which is freed on return. Returns the process exit status.
 */
int	 pool_run(const struct pool_options *, struct conf *conf);

/*
 * Worker side. A worker's request loop is:
 *
 *	FCGX_Init();
 *	FCGX_InitRequest(&req, listen_fd, 0);
 *	while (served < conf->max_requests && pool_accept(&req) == 0) {
 *		pool_request_begin();
 *		... handle the request ...
 *		FCGX_Finish_r(&req);
 *		pool_request_end();
 *		served++;
 *	}
 *
 * In a worker SIGTERM, SIGINT and SIGUSR1 mean "finish the current request and
 * stop". They stay blocked except while pool_accept() waits, so a stop never
 * interrupts the reads and writes of a request with EINTR. The listening socket
 * is non-blocking: call FCGX_Accept_r() only through pool_accept().
 */

/*
 * Finishes the previous request, waits for the next connection (or the next
 * request on a connection that libfcgi keeps open) and accepts it into req.
 * Returns 0 with a request, or -1 after a stop request or a logged accept
 * failure. The worker then returns from worker_main().
 */
int	 pool_accept(FCGX_Request *req);
/* Marks this worker busy, which starts its request_timeout clock in the master. */
void	 pool_request_begin(void);
/* Marks this worker idle and counts the request as served. */
void	 pool_request_end(void);
/* Returns 1 once a stop was requested (a long handler may end early), else 0. */
int	 pool_stop_requested(void);

#endif
