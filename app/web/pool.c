/* pool.c: the ratusz-fcgi master (fork, respawn with backoff, request time limit, reload, stop) and the worker-side pool calls. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "pool.h"
#include "worker.h"

/* A reload runs max(old, new) + 1 workers at once. The rest covers workers still being reaped. */
#define POOL_SLOTS		(2 * POOL_WORKERS_MAX + 1)
/* How often the master checks time limits and pending starts when no signal arrives. */
#define POOL_TICK_MS		200
/* A worker that ends sooner than this after its start counts towards a crash loop. */
#define POOL_STABLE_MS		10000
#define POOL_BACKOFF_FIRST_MS	500
#define POOL_BACKOFF_MAX_MS	30000
/* Time a stopped worker gets beyond request_timeout before SIGKILL. */
#define POOL_STOP_GRACE_MS	5000
/* Stop limit used when request_timeout is 0 (no per-request limit). */
#define POOL_STOP_DEFAULT_MS	30000
/* A reload goes on after this long even if a new worker has not reached pool_accept(). */
#define POOL_READY_WAIT_MS	10000
/* How long new connections may wait while a worker keeps an idle nginx connection. */
#define POOL_BACKLOG_WAIT_MS	20

/*
 * The part of a worker's record that the worker itself writes, in memory shared
 * with the master (an anonymous MAP_SHARED mapping made before the first fork).
 * Each worker writes only its own slot, and the master reads all of them.
 */
struct pool_slot {
	atomic_llong	 busy_since_ms;	/* CLOCK_MONOTONIC ms when the request began, 0 when idle */
	atomic_ulong	 requests;	/* requests served by the current worker */
	atomic_int	 ready;		/* 1 once the worker waited in pool_accept() */
};

/* The master's own record of the worker in the same slot. */
struct pool_worker {
	pid_t		 pid;			/* 0 when the slot is free */
	unsigned	 generation;		/* config generation it was forked with */
	int64_t		 started_ms;
	int64_t		 stop_deadline_ms;	/* SIGKILL after this time, 0 unless asked to stop */
	unsigned	 max_requests;		/* from the config it was forked with */
	unsigned	 request_timeout;	/* seconds from the same config, 0 for no limit */
	int		 killed;		/* SIGKILL sent, waiting to reap */
	int		 ready_overdue;		/* POOL_READY_WAIT_MS passed, logged once */
};

struct pool {
	const struct pool_options *options;
	struct conf		*conf;
	unsigned		 generation;	/* incremented by each reload */
	pid_t			 master_pid;
	struct pool_slot	*slots;		/* shared, POOL_SLOTS entries */
	struct pool_worker	 workers[POOL_SLOTS];
	int64_t			 backoff_ms;	/* current respawn delay, 0 for none */
	int64_t			 next_spawn_ms;	/* no fork before this time */
	int64_t			 last_failure_ms;
	int			 reloading;
	int			 stopping;
};

/* Worker-side state, set in the child right after fork. */
static struct pool_slot		*pool_self;
static volatile sig_atomic_t	 pool_stop_flag;
/* When this worker, holding a kept connection, first saw connections waiting in the backlog, or 0. */
static int64_t			 pool_backlog_since;

static int64_t
pool_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- worker side ---------------------------------------------------------- */

static void
pool_stop_handler(int sig)
{
	(void)sig;
	pool_stop_flag = 1;
}

static void
pool_stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGUSR1);
}

/*
 * Gives the worker clean signal handling: every disposition back to the
 * default, then our stop handler for SIGTERM, SIGINT and SIGUSR1 (installed
 * before FCGX_Init, so libfcgi keeps it), SIGHUP and SIGPIPE ignored, and only
 * the stop signals blocked.
 */
static void
pool_child_signals(void)
{
	struct sigaction	 sa;
	sigset_t		 stop;
	int			 sig;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			(void)sigaction(sig, &sa, NULL);

	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);

	sa.sa_handler = pool_stop_handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);

	pool_stop_signals(&stop);
	sigprocmask(SIG_SETMASK, &stop, NULL);
}

static void __attribute__((noreturn))
pool_child_run(struct pool *p, size_t slot)
{
	int	 rc;

	pool_self = &p->slots[slot];
	pool_child_signals();

	/* A worker whose master died finishes its request and exits. */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 || getppid() != p->master_pid)
		pool_stop_flag = 1;

	rc = worker_main(p->options->listen_fd, p->conf);
	exit(rc & 0xff);
}

/* Waits with the stop signals unblocked. Returns the ppoll() result, but 0 after a signal. */
static int
pool_poll(struct pollfd *pfd, nfds_t count, int timeout_ms,
    const sigset_t *mask)
{
	struct timespec	 ts;
	int		 rc;

	ts.tv_sec = timeout_ms / 1000;
	ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
	rc = ppoll(pfd, count, timeout_ms < 0 ? NULL : &ts, mask);
	if (rc == -1 && errno == EINTR)
		return 0;
	if (rc == -1)
		log_error("worker: waiting for a connection failed: %s",
		    strerror(errno));
	return rc;
}

/* Returns 1 once the listening socket has a connection, 0 after a signal, -1 on failure. */
static int
pool_wait_listen(FCGX_Request *req, const sigset_t *mask)
{
	struct pollfd	 pfd = { .fd = req->listen_sock, .events = POLLIN };

	pool_backlog_since = 0;
	return pool_poll(&pfd, 1, -1, mask);
}

/*
 * Waits while libfcgi keeps a connection from nginx open (fastcgi_keep_conn).
 * A worker serves one connection, so while nginx keeps reusing that one, new
 * connections in the backlog could wait without limit. Once they have waited
 * POOL_BACKLOG_WAIT_MS and the kept connection is idle, the worker closes it.
 * Returns 1 to call FCGX_Accept_r(), 0 to wait again, -1 on failure.
 */
static int
pool_wait_kept(FCGX_Request *req, const sigset_t *mask)
{
	struct pollfd	 pfd[2] = {
		{ .fd = req->ipcFd, .events = POLLIN },
		{ .fd = req->listen_sock, .events = POLLIN },
	};
	int64_t		 now;
	int		 rc;

	if ((rc = pool_poll(pfd, 2, -1, mask)) <= 0)
		return rc;
	if (pfd[1].revents == 0)
		pool_backlog_since = 0;
	if (pfd[0].revents != 0)
		return 1;

	now = pool_now_ms();
	if (pool_backlog_since == 0)
		pool_backlog_since = now;
	if (now - pool_backlog_since < POOL_BACKLOG_WAIT_MS) {
		/* Give an idle worker the time to take the new connection. */
		return pool_poll(pfd, 1,
		    (int)(POOL_BACKLOG_WAIT_MS - (now - pool_backlog_since)), mask);
	}
	/*
	 * NOTE: nginx may be sending a request on the kept connection right now,
	 * and the same holds when a worker exits. nginx resends a GET then, but
	 * fails a POST with 502.
	 */
	FCGX_Free(req, 1);
	pool_backlog_since = 0;
	return 1;
}

int
pool_accept(FCGX_Request *req)
{
	sigset_t	 waitmask;
	int		 rc;

	FCGX_Finish_r(req);
	if (pool_self != NULL)
		atomic_store(&pool_self->ready, 1);
	sigprocmask(SIG_BLOCK, NULL, &waitmask);
	sigdelset(&waitmask, SIGTERM);
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGUSR1);

	while (!pool_stop_flag) {
		/* ipcFd and listen_sock are public fields of FCGX_Request in libfcgi 2.4. */
		if (req->ipcFd >= 0)
			rc = pool_wait_kept(req, &waitmask);
		else
			rc = pool_wait_listen(req, &waitmask);
		if (rc == -1)
			return -1;
		if (rc == 0)
			continue;

		rc = FCGX_Accept_r(req);
		if (rc == 0)
			return 0;
		/* Another worker took the connection, or the client left. */
		if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR ||
		    rc == -ECONNABORTED)
			continue;
		log_error("worker: FCGX_Accept_r failed: %s",
		    rc < 0 && rc > -4096 ? strerror(-rc) : "unknown error");
		return -1;
	}
	return -1;
}

void
pool_request_begin(void)
{
	int64_t	 now = pool_now_ms();

	if (pool_self != NULL)
		atomic_store(&pool_self->busy_since_ms, now > 0 ? now : 1);
}

void
pool_request_end(void)
{
	if (pool_self == NULL)
		return;
	atomic_fetch_add(&pool_self->requests, 1);
	atomic_store(&pool_self->busy_since_ms, 0);
}

int
pool_stop_requested(void)
{
	sigset_t	 pending;

	if (pool_stop_flag)
		return 1;
	if (sigpending(&pending) == -1)
		return 0;
	return sigismember(&pending, SIGTERM) == 1 ||
	    sigismember(&pending, SIGINT) == 1 ||
	    sigismember(&pending, SIGUSR1) == 1;
}

/* ---- master: starting and reaping workers ---------------------------------- */

static int
pool_spawn(struct pool *p, int64_t now)
{
	struct pool_worker	*w;
	size_t			 i;
	pid_t			 pid;

	for (i = 0; i < POOL_SLOTS; i++)
		if (p->workers[i].pid == 0)
			break;
	if (i == POOL_SLOTS) {
		log_error("no free worker slot: all %d are in use, so no worker was started",
		    POOL_SLOTS);
		return -1;
	}
	atomic_store(&p->slots[i].busy_since_ms, 0);
	atomic_store(&p->slots[i].requests, 0);
	atomic_store(&p->slots[i].ready, 0);

	if ((pid = fork()) == -1) {
		log_error("fork failed: %s, retrying in %d ms", strerror(errno),
		    POOL_BACKOFF_FIRST_MS);
		p->next_spawn_ms = now + POOL_BACKOFF_FIRST_MS;
		return -1;
	}
	if (pid == 0)
		pool_child_run(p, i);

	w = &p->workers[i];
	memset(w, 0, sizeof(*w));
	w->pid = pid;
	w->generation = p->generation;
	w->started_ms = now;
	w->max_requests = p->conf->max_requests;
	w->request_timeout = p->conf->request_timeout;
	log_info("worker %d started (slot %zu, generation %u)", (int)pid, i,
	    p->generation);
	return 0;
}

/*
 * Doubles the respawn delay after a worker ended within POOL_STABLE_MS of its
 * start, once per delay, so workers failing together count as one failure.
 */
static void
pool_note_failure(struct pool *p, const struct pool_worker *w, int64_t now)
{
	int64_t	 lived = now - w->started_ms;

	p->last_failure_ms = now;
	if (lived >= POOL_STABLE_MS) {
		p->backoff_ms = 0;
		return;
	}
	if (now < p->next_spawn_ms)
		return;
	if (p->backoff_ms == 0)
		p->backoff_ms = POOL_BACKOFF_FIRST_MS;
	else
		p->backoff_ms *= 2;
	if (p->backoff_ms > POOL_BACKOFF_MAX_MS)
		p->backoff_ms = POOL_BACKOFF_MAX_MS;
	p->next_spawn_ms = now + p->backoff_ms;
	log_warn("worker %d ended %lld ms after its start; next worker starts in %lld ms",
	    (int)w->pid, (long long)lived, (long long)p->backoff_ms);
}

/* Logs why a worker ended. Returns 1 when the exit was planned (recycle, stop, time limit). */
static int
pool_log_exit(struct pool *p, const struct pool_worker *w, size_t slot,
    int status)
{
	unsigned long	 served = atomic_load(&p->slots[slot].requests);
	int		 pid = (int)w->pid;

	if (w->killed) {
		log_info("worker %d ended: killed with SIGKILL (served %lu requests)",
		    pid, served);
		return 1;
	}
	if (w->stop_deadline_ms != 0) {
		log_info("worker %d ended: stopped as requested (served %lu requests, status %d)",
		    pid, served, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return 1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    w->max_requests > 0 && served >= w->max_requests) {
		log_info("worker %d ended: recycled after serving %lu requests (max_requests %u)",
		    pid, served, w->max_requests);
		return 1;
	}
	if (WIFSIGNALED(status))
		log_error("worker %d ended: killed by signal %d (%s) after serving %lu requests",
		    pid, WTERMSIG(status), strsignal(WTERMSIG(status)), served);
	else
		log_error("worker %d ended: exit status %d after serving %lu requests",
		    pid, WEXITSTATUS(status), served);
	return 0;
}

static void
pool_reap(struct pool *p)
{
	struct pool_worker	*w;
	int64_t			 now;
	size_t			 i;
	pid_t			 pid;
	int			 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < POOL_SLOTS; i++)
			if (p->workers[i].pid == pid)
				break;
		if (i == POOL_SLOTS)
			continue;
		w = &p->workers[i];
		now = pool_now_ms();
		if (!pool_log_exit(p, w, i, status) && !p->stopping)
			pool_note_failure(p, w, now);
		w->pid = 0;
	}
	if (pid == -1 && errno != ECHILD)
		log_error("waitpid failed: %s", strerror(errno));
}

/* ---- master: time limits ---------------------------------------------------- */

static void
pool_kill(struct pool_worker *w)
{
	if (kill(w->pid, SIGKILL) == -1 && errno != ESRCH)
		log_error("worker %d: SIGKILL failed: %s", (int)w->pid,
		    strerror(errno));
	w->killed = 1;
}

static void
pool_enforce_limits(struct pool *p, int64_t now)
{
	struct pool_worker	*w;
	int64_t			 limit, since;
	size_t			 i;

	for (i = 0; i < POOL_SLOTS; i++) {
		w = &p->workers[i];
		if (w->pid == 0 || w->killed)
			continue;
		limit = (int64_t)w->request_timeout * 1000;
		since = atomic_load(&p->slots[i].busy_since_ms);
		/* The second load skips a worker that has just moved on to its next request. */
		if (limit > 0 && since != 0 && now - since > limit &&
		    atomic_load(&p->slots[i].busy_since_ms) == since) {
			log_warn("worker %d: request timed out after %lld ms (request_timeout %u s), killing the worker with SIGKILL",
			    (int)w->pid, (long long)(now - since),
			    w->request_timeout);
			pool_kill(w);
		} else if (w->stop_deadline_ms != 0 && now > w->stop_deadline_ms) {
			log_warn("worker %d did not stop in time, killing it with SIGKILL",
			    (int)w->pid);
			pool_kill(w);
		}
	}
}

/* ---- master: pool size, reload and stop -------------------------------------- */

/* Asks a worker to finish its current request and exit. */
static void
pool_stop_worker(struct pool_worker *w, int64_t now)
{
	int64_t	 grace = POOL_STOP_DEFAULT_MS;

	if (w->request_timeout > 0)
		grace = (int64_t)w->request_timeout * 1000;
	if (kill(w->pid, SIGTERM) == -1 && errno != ESRCH)
		log_error("worker %d: SIGTERM failed: %s", (int)w->pid,
		    strerror(errno));
	w->stop_deadline_ms = now + grace + POOL_STOP_GRACE_MS;
}

struct pool_census {
	unsigned	 current;	/* this generation, running */
	unsigned	 starting;	/* of those, not yet in pool_accept() */
	unsigned	 old;		/* earlier generation, running */
	unsigned	 stopping;	/* asked to stop or killed, not reaped */
	struct pool_worker *oldest;	/* earliest started of the old ones */
};

/* Returns 1 while a worker of the current generation has not reached pool_accept() yet. */
static int
pool_is_starting(struct pool *p, size_t slot, int64_t now)
{
	struct pool_worker	*w = &p->workers[slot];

	if (atomic_load(&p->slots[slot].ready) || w->ready_overdue)
		return 0;
	if (now - w->started_ms < POOL_READY_WAIT_MS)
		return 1;
	log_warn("worker %d is still not accepting requests %d s after its start",
	    (int)w->pid, POOL_READY_WAIT_MS / 1000);
	w->ready_overdue = 1;
	return 0;
}

static void
pool_count(struct pool *p, int64_t now, struct pool_census *c)
{
	struct pool_worker	*w;
	size_t			 i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < POOL_SLOTS; i++) {
		w = &p->workers[i];
		if (w->pid == 0)
			continue;
		if (w->stop_deadline_ms != 0 || w->killed) {
			c->stopping++;
		} else if (w->generation != p->generation) {
			c->old++;
			if (c->oldest == NULL ||
			    w->started_ms < c->oldest->started_ms)
				c->oldest = w;
		} else {
			c->current++;
			if (pool_is_starting(p, i, now))
				c->starting++;
		}
	}
}

/*
 * Keeps conf->workers workers running. During a reload it replaces the old
 * workers one at a time: it starts a new one and waits until it accepts
 * requests, then stops one old one and waits until it exited. So the pool
 * never serves with fewer workers than configured.
 */
static void
pool_maintain(struct pool *p, int64_t now)
{
	struct pool_census	 c;
	unsigned		 target = p->conf->workers;

	if (p->stopping)
		return;
	pool_count(p, now, &c);
	if (c.old == 0) {
		if (p->reloading && c.starting == 0 && c.stopping == 0) {
			log_info("reload finished: %u workers of generation %u running",
			    c.current, p->generation);
			p->reloading = 0;
		}
		while (c.current < target && now >= p->next_spawn_ms &&
		    pool_spawn(p, now) == 0)
			c.current++;
		return;
	}
	if (c.starting > 0 || c.stopping > 0)
		return;
	if (c.current + c.old > target)
		pool_stop_worker(c.oldest, now);
	else if (now >= p->next_spawn_ms)
		pool_spawn(p, now);
}

static void
pool_reload(struct pool *p)
{
	struct conf	*next;
	const char	*path = p->options->config_path;

	if ((next = calloc(1, sizeof(*next))) == NULL)
		abort();
	log_info("reload: reading %s", path != NULL ? path : "the default config");
	if (conf_load(next, path) == -1) {
		log_error("reload failed: the config is invalid, so the workers keep the previous one");
		conf_free(next);
		free(next);
		return;
	}
	if (strcmp(next->listen, p->conf->listen) != 0)
		log_warn("reload: listen changed from %s to %s, which takes effect only at restart",
		    p->conf->listen, next->listen);
	conf_free(p->conf);
	free(p->conf);
	p->conf = next;
	p->generation++;
	p->reloading = 1;
	p->backoff_ms = 0;
	p->next_spawn_ms = 0;
	log_info("reload: replacing workers one at a time (workers %u, max_requests %u, request_timeout %u s)",
	    next->workers, next->max_requests, next->request_timeout);
}

static void
pool_close_listener(struct pool *p)
{
	const char	*path = p->options->socket_path;

	if (path != NULL && unlink(path) == -1 && errno != ENOENT)
		log_error("cannot remove socket %s: %s", path, strerror(errno));
	close(p->options->listen_fd);
}

static void
pool_begin_stop(struct pool *p, int sig, int64_t now)
{
	size_t		 i;
	unsigned	 running = 0;

	if (p->stopping) {
		log_info("received %s again while waiting for workers to finish",
		    strsignal(sig));
		return;
	}
	p->stopping = 1;
	pool_close_listener(p);
	for (i = 0; i < POOL_SLOTS; i++) {
		if (p->workers[i].pid == 0)
			continue;
		running++;
		if (p->workers[i].stop_deadline_ms == 0 && !p->workers[i].killed)
			pool_stop_worker(&p->workers[i], now);
	}
	log_info("stopping on %s: waiting for %u workers to finish their requests",
	    strsignal(sig), running);
}

static int
pool_has_workers(const struct pool *p)
{
	size_t	 i;

	for (i = 0; i < POOL_SLOTS; i++)
		if (p->workers[i].pid != 0)
			return 1;
	return 0;
}

/* Resets the respawn delay once a worker started after the last failure has run long enough. */
static void
pool_check_backoff(struct pool *p, int64_t now)
{
	size_t	 i;

	if (p->backoff_ms == 0)
		return;
	for (i = 0; i < POOL_SLOTS; i++) {
		if (p->workers[i].pid != 0 &&
		    p->workers[i].started_ms > p->last_failure_ms &&
		    now - p->workers[i].started_ms >= POOL_STABLE_MS) {
			log_info("worker %d has run for %d s, so the respawn delay is reset",
			    (int)p->workers[i].pid, POOL_STABLE_MS / 1000);
			p->backoff_ms = 0;
			return;
		}
	}
}

/* ---- master: main loop ------------------------------------------------------ */

static void
pool_handle_signal(struct pool *p, int sig, int64_t now)
{
	switch (sig) {
	case SIGHUP:
		if (!p->stopping)
			pool_reload(p);
		break;
	case SIGTERM:
	case SIGINT:
		pool_begin_stop(p, sig, now);
		break;
	default:	/* SIGCHLD: reaped below */
		break;
	}
}

static void
pool_master_signals(sigset_t *set)
{
	struct sigaction	 sa;

	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigprocmask(SIG_BLOCK, set, NULL);

	/* The master writes to no socket; a stray SIGUSR1 is meant for workers. */
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
}

static void
pool_loop(struct pool *p, const sigset_t *set)
{
	struct timespec	 tick = { 0, POOL_TICK_MS * 1000000L };
	int64_t		 now;
	int		 sig;

	for (;;) {
		sig = sigtimedwait(set, NULL, &tick);
		if (sig == -1 && errno != EAGAIN && errno != EINTR)
			log_error("sigtimedwait failed: %s", strerror(errno));
		now = pool_now_ms();
		if (sig > 0)
			pool_handle_signal(p, sig, now);
		pool_reap(p);
		if (p->stopping && !pool_has_workers(p))
			return;
		pool_enforce_limits(p, now);
		pool_check_backoff(p, now);
		pool_maintain(p, now);
	}
}

int
pool_run(const struct pool_options *options, struct conf *conf)
{
	struct pool	*p;
	sigset_t	 set;
	size_t		 size = POOL_SLOTS * sizeof(struct pool_slot);

	if ((p = calloc(1, sizeof(*p))) == NULL)
		abort();
	p->options = options;
	p->conf = conf;
	p->master_pid = getpid();
	p->slots = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p->slots == MAP_FAILED) {
		log_error("cannot map the worker table (%zu bytes): %s", size,
		    strerror(errno));
		pool_close_listener(p);
		conf_free(conf);
		free(conf);
		free(p);
		return 1;
	}
	pool_master_signals(&set);
	log_info("started: %u workers, max_requests %u, request_timeout %u s",
	    conf->workers, conf->max_requests, conf->request_timeout);

	pool_maintain(p, pool_now_ms());
	pool_loop(p, &set);

	log_info("stopped: all workers ended");
	munmap(p->slots, size);
	conf_free(p->conf);
	free(p->conf);
	free(p);
	return 0;
}
