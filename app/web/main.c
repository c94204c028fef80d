/* main.c: ratusz-fcgi, the FastCGI master: options, pid file and the listening socket (own or from systemd). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "pool.h"

/* The first descriptor systemd passes with socket activation (sd_listen_fds(3)). */
#define LISTEN_FDS_START	3

static void
usage(void)
{
	fprintf(stderr, "usage: ratusz-fcgi [-f] [-c CONFIG] [-p PIDFILE]\n");
}

static int
parse_pid(const char *s, long *out)
{
	char	*end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno != 0 || end == s || *end != '\0' || *out <= 0 ? -1 : 0;
}

/*
 * Takes the socket systemd passed (LISTEN_PID is this process, LISTEN_FDS at
 * least 1, the socket at fd 3), the same check as sd_listen_fds(3) without
 * linking libsystemd. Returns the fd, -1 when none was passed, -2 on error.
 */
static int
listen_inherited(void)
{
	const char	*pid_text = getenv("LISTEN_PID");
	const char	*fds_text = getenv("LISTEN_FDS");
	long		 pid, fds;
	int		 listening = 0;
	socklen_t	 len = sizeof(listening);
	struct stat	 st;

	if (pid_text == NULL || fds_text == NULL)
		return -1;
	if (parse_pid(pid_text, &pid) == -1 || pid != (long)getpid())
		return -1;
	/* Workers must not take the variables for their own. */
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	if (parse_pid(fds_text, &fds) == -1) {
		log_error("LISTEN_FDS=%s is invalid: expected a count of 1 or more",
		    fds_text);
		return -2;
	}
	if (fds > 1)
		log_warn("systemd passed %ld sockets, using only fd %d", fds,
		    LISTEN_FDS_START);
	if (fstat(LISTEN_FDS_START, &st) == -1 || !S_ISSOCK(st.st_mode) ||
	    getsockopt(LISTEN_FDS_START, SOL_SOCKET, SO_ACCEPTCONN, &listening,
	    &len) == -1 || !listening) {
		log_error("fd %d from systemd is not a listening socket",
		    LISTEN_FDS_START);
		return -2;
	}
	return LISTEN_FDS_START;
}

/* Removes a stale socket file. Fails if another process still accepts connections on it. */
static int
listen_unix_clear(const char *path, const struct sockaddr_un *sa)
{
	struct stat	 st;
	int		 fd, rc;

	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		log_error("listen %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISSOCK(st.st_mode)) {
		log_error("listen %s: the file exists and is not a socket, so remove it or change listen",
		    path);
		return -1;
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0)) == -1) {
		log_error("listen %s: socket failed: %s", path, strerror(errno));
		return -1;
	}
	rc = connect(fd, (const struct sockaddr *)sa, sizeof(*sa));
	close(fd);
	if (rc == 0 || errno != ECONNREFUSED) {
		log_error("listen %s: another process accepts connections on this socket, so stop it first",
		    path);
		return -1;
	}
	log_info("listen %s: removing a stale socket file", path);
	if (unlink(path) == -1) {
		log_error("listen %s: cannot remove: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
listen_unix(const char *path)
{
	struct sockaddr_un	 sa;
	mode_t			 mask;
	int			 fd, rc;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		log_error("listen %s: the path is longer than %zu bytes", path,
		    sizeof(sa.sun_path) - 1);
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	if (listen_unix_clear(path, &sa) == -1)
		return -1;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		log_error("listen %s: socket failed: %s", path, strerror(errno));
		return -1;
	}
	/* bind() creates the file with the umask: 0660 lets nginx in through the group only. */
	mask = umask(0117);
	rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(mask);
	if (rc == -1 || listen(fd, SOMAXCONN) == -1) {
		log_error("listen %s: %s failed: %s", path,
		    rc == -1 ? "bind" : "listen", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Splits "host:port" or "[v6]:port" into host and port (both in buf). */
static int
listen_split(const char *spec, char *buf, size_t size, char **host,
    char **port)
{
	char	*colon, *end;

	if ((size_t)snprintf(buf, size, "%s", spec) >= size ||
	    (colon = strrchr(buf, ':')) == NULL || colon == buf ||
	    colon[1] == '\0')
		return -1;
	*colon = '\0';
	*host = buf;
	*port = colon + 1;
	if (buf[0] == '[') {
		if ((end = strchr(buf, ']')) == NULL || end[1] != '\0')
			return -1;
		*end = '\0';
		*host = buf + 1;
	}
	return 0;
}

static int
listen_tcp(const char *spec)
{
	struct addrinfo	 hints, *res, *ai;
	char		 buf[300], *host, *port;
	int		 fd = -1, on = 1, rc;

	if (listen_split(spec, buf, sizeof(buf), &host, &port) == -1) {
		log_error("listen %s: expected a unix socket path, host:port or [address]:port",
		    spec);
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		log_error("listen %s: %s", spec, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol);
		if (fd == -1)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, SOMAXCONN) == 0)
			break;
		log_error("listen %s: %s", spec, strerror(errno));
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

/* Opens the socket named by listen: a path (contains '/' or no ':') or host:port. */
static int
listen_open(const char *spec, const char **created_path)
{
	int	 fd;

	*created_path = NULL;
	if (strchr(spec, '/') != NULL || strchr(spec, ':') == NULL) {
		if ((fd = listen_unix(spec)) != -1)
			*created_path = spec;
		return fd;
	}
	return listen_tcp(spec);
}

static int
pidfile_write(const char *path)
{
	char	 text[32];
	int	 fd, len, rc;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1) {
		log_error("pid file %s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	len = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	rc = write(fd, text, (size_t)len) == len ? 0 : -1;
	if (rc == -1)
		log_error("pid file %s: write failed: %s", path, strerror(errno));
	close(fd);
	return rc;
}

/* Opens or inherits the socket and makes it non-blocking, as pool_accept() expects. */
static int
listen_setup(const struct conf *conf, const char **created_path)
{
	int	 fd, flags;

	*created_path = NULL;
	if ((fd = listen_inherited()) == -2)
		return -1;
	if (fd >= 0)
		log_info("listening on fd %d from systemd", fd);
	else if ((fd = listen_open(conf->listen, created_path)) == -1)
		return -1;
	else
		log_info("listening on %s", conf->listen);

	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
		log_error("cannot make the listening socket non-blocking: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads -c CONFIG, -p PIDFILE and -f. Returns 0, or -1 after printing the usage line. */
static int
parse_options(int argc, char *argv[], struct pool_options *options,
    const char **pidfile)
{
	int	 ch;

	while ((ch = getopt(argc, argv, "c:fp:")) != -1) {
		switch (ch) {
		case 'c':
			options->config_path = optarg;
			break;
		case 'f':	/* foreground is the only mode */
			break;
		case 'p':
			*pidfile = optarg;
			break;
		default:
			usage();
			return -1;
		}
	}
	if (optind != argc) {
		usage();
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct pool_options	 options;
	struct conf		*conf;
	char			*socket_path = NULL;
	const char		*created, *pidfile = NULL;
	int			 rc;

	memset(&options, 0, sizeof(options));
	log_init("ratusz-fcgi", LOG_LEVEL_INFO);
	if (parse_options(argc, argv, &options, &pidfile) == -1)
		return 2;

	if ((conf = calloc(1, sizeof(*conf))) == NULL)
		abort();
	if (conf_load(conf, options.config_path) == -1 ||
	    (options.listen_fd = listen_setup(conf, &created)) == -1) {
		conf_free(conf);
		free(conf);
		return 1;
	}
	/* conf may be replaced by a reload, so the socket path gets its own copy. */
	if (created != NULL && (socket_path = strdup(created)) == NULL)
		abort();
	options.socket_path = socket_path;
	if (pidfile != NULL && pidfile_write(pidfile) == -1) {
		if (socket_path != NULL)
			unlink(socket_path);
		close(options.listen_fd);
		free(socket_path);
		conf_free(conf);
		free(conf);
		return 1;
	}

	rc = pool_run(&options, conf);

	if (pidfile != NULL && unlink(pidfile) == -1 && errno != ENOENT)
		log_error("pid file %s: cannot remove: %s", pidfile,
		    strerror(errno));
	free(socket_path);
	return rc;
}
