/*
 * minimal_fcgi.c: the reference FastCGI program of tests/bench/run. It forks a fixed
 * number of libfcgi workers that send the same 3-byte text body for every request.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

#define MAX_WORKERS	256

static volatile sig_atomic_t stop_requested;

static void
request_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void
serve(int listen_fd)
{
	static const char response[] = "Status: 200 OK\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Length: 3\r\n\r\nok\n";
	FCGX_Request	 request;

	FCGX_InitRequest(&request, listen_fd, 0);
	while (FCGX_Accept_r(&request) == 0) {
		FCGX_PutStr(response, (int)sizeof(response) - 1, request.out);
		FCGX_Finish_r(&request);
	}
}

static int
parse_workers(const char *text)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(text, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1 || n > MAX_WORKERS)
		return -1;
	return (int)n;
}

/* Waits for SIGTERM or SIGINT, then stops the workers and reaps them. */
static void
supervise(const pid_t *workers, int count)
{
	struct sigaction	 sa;
	int			 i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = request_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	while (!stop_requested)
		pause();
	for (i = 0; i < count; i++)
		kill(workers[i], SIGTERM);
	for (i = 0; i < count; i++)
		waitpid(workers[i], NULL, 0);
}

int
main(int argc, char *argv[])
{
	pid_t	 workers[MAX_WORKERS];
	int	 count, listen_fd, i;

	if (argc != 3 || (count = parse_workers(argv[2])) == -1) {
		fprintf(stderr, "usage: minimal_fcgi SOCKET_PATH WORKERS (1 to %d)\n",
		    MAX_WORKERS);
		return 2;
	}
	FCGX_Init();
	unlink(argv[1]);
	if ((listen_fd = FCGX_OpenSocket(argv[1], 128)) == -1) {
		fprintf(stderr, "minimal_fcgi: failed to listen on %s: %s\n", argv[1],
		    strerror(errno));
		return 1;
	}
	/* FCGX_OpenSocket applies the umask. nginx runs as this user, so 0600 is enough. */
	chmod(argv[1], 0600);
	for (i = 0; i < count; i++) {
		if ((workers[i] = fork()) == -1) {
			fprintf(stderr, "minimal_fcgi: fork failed: %s\n", strerror(errno));
			while (i-- > 0)
				kill(workers[i], SIGTERM);
			return 1;
		}
		if (workers[i] == 0) {
			serve(listen_fd);
			_exit(0);
		}
	}
	supervise(workers, count);
	unlink(argv[1]);
	return 0;
}
