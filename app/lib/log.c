/* log.c: formats log lines, replacing control characters so a value cannot forge a line. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char	*log_program = "ratusz";
static enum log_level	 log_threshold = LOG_LEVEL_INFO;
static int		 log_journald;
static char		 log_request[40];

void
log_init(const char *program, enum log_level level)
{
	const char	*s;

	log_program = program;
	log_threshold = level;
	if ((s = getenv("RATUSZ_LOG_LEVEL")) != NULL) {
		if (strcmp(s, "debug") == 0)
			log_threshold = LOG_LEVEL_DEBUG;
		else if (strcmp(s, "warn") == 0)
			log_threshold = LOG_LEVEL_WARN;
		else if (strcmp(s, "error") == 0)
			log_threshold = LOG_LEVEL_ERROR;
	}
	/* journald adds its own timestamp and reads the <N> priority prefix. */
	log_journald = getenv("JOURNAL_STREAM") != NULL;
}

void
log_set_request(const char *request_id)
{
	if (request_id == NULL)
		log_request[0] = '\0';
	else
		snprintf(log_request, sizeof(log_request), "%s", request_id);
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *const names[] = { "error", "warn", "info", "debug" };
	static const int priorities[] = { 3, 4, 6, 7 };
	char		 text[2048], stamp[32];
	va_list		 ap;
	time_t		 now;
	struct tm	 tm;
	size_t		 i;

	if (level > log_threshold)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	for (i = 0; text[i] != '\0'; i++)
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
			text[i] = '?';

	if (log_journald) {
		fprintf(stderr, "<%d>%s[%d]: %s%s%s\n", priorities[level],
		    log_program, (int)getpid(), log_request,
		    log_request[0] ? ": " : "", text);
		return;
	}
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%d] %s: %s%s%s\n", stamp, log_program,
	    (int)getpid(), names[level], log_request,
	    log_request[0] ? ": " : "", text);
}
