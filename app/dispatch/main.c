/* main.c: ratusz-dispatch: queues due reminders and sends the outbox (e-mail, SMS), once or in a loop. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "clock.h"
#include "conf.h"
#include "db.h"
#include "dispatch.h"
#include "lang.h"
#include "log.h"
#include "mail.h"
#include "mail_template.h"
#include "reminders.h"
#include "smtp.h"

#define DEFAULT_BATCH	100
#define MAX_BATCH	1000

static volatile sig_atomic_t stop_requested;

struct options {
	const char	*config;
	unsigned	 loop_seconds;	/* 0: drain once and exit */
	unsigned	 batch;
	int		 no_reminders;	/* drain the outbox without queuing due reminders */
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: ratusz-dispatch [-c CONFIG] [--once] [--loop SECONDS] [--batch N]"
	    " [--no-reminders]\n"
	    "  -c CONFIG        configuration file (default: $RATUSZ_CONFIG or /etc/ratusz/ratusz.conf)\n"
	    "  --once           send every message due now, then exit (the default)\n"
	    "  --loop SECONDS   drain the outbox, wait SECONDS, repeat until SIGTERM\n"
	    "  --batch N        rows leased per transaction, 1 to %d (default %d)\n"
	    "  --no-reminders   only send the outbox; do not queue the reminders that are due\n",
	    MAX_BATCH, DEFAULT_BATCH);
}

static int
parse_count(const char *s, unsigned max, unsigned *out)
{
	char		*end;
	unsigned long	 n;

	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || n == 0 || n > max)
		return -1;
	*out = (unsigned)n;
	return 0;
}

static int
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option long_options[] = {
		{ "once", no_argument, NULL, 'o' },
		{ "loop", required_argument, NULL, 'l' },
		{ "batch", required_argument, NULL, 'b' },
		{ "no-reminders", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int	 ch;

	memset(o, 0, sizeof(*o));
	o->batch = DEFAULT_BATCH;
	while ((ch = getopt_long(argc, argv, "c:h", long_options, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->config = optarg;
			break;
		case 'o':
			o->loop_seconds = 0;
			break;
		case 'l':
			if (parse_count(optarg, 86400, &o->loop_seconds) == -1) {
				fprintf(stderr, "ratusz-dispatch: --loop %s: expected seconds from 1 to 86400\n",
				    optarg);
				return -1;
			}
			break;
		case 'b':
			if (parse_count(optarg, MAX_BATCH, &o->batch) == -1) {
				fprintf(stderr, "ratusz-dispatch: --batch %s: expected a count from 1 to %d\n",
				    optarg, MAX_BATCH);
				return -1;
			}
			break;
		case 'r':
			o->no_reminders = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return -1;
	}
	return 0;
}

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void
signals_setup(void)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/*
 * Queues the reminders that are due (unless no_reminders), then sends everything
 * due, batch by batch, until nothing is due; -1 on a database error.
 */
static int
drain(struct dispatcher *d, int no_reminders)
{
	int	 count;

	if (!no_reminders) {
		if ((count = reminders_generate(d->db, clock_now())) == -1)
			log_error("queuing due reminders failed; sending the outbox anyway");
		else if (count > 0)
			log_info("reminders: %d queued", count);
	}
	while (!stop_requested) {
		if ((count = dispatch_round(d, clock_now())) == -1)
			return -1;
		if (count == 0)
			break;
	}
	if (d->counts.sent + d->counts.retried + d->counts.failed +
	    d->counts.cancelled + d->counts.lost > 0)
		log_info("outbox: %lu sent, %lu to retry, %lu failed, %lu cancelled, %lu leases lost",
		    d->counts.sent, d->counts.retried, d->counts.failed,
		    d->counts.cancelled, d->counts.lost);
	memset(&d->counts, 0, sizeof(d->counts));
	return 0;
}

static void
sleep_seconds(unsigned seconds)
{
	struct timespec	 ts = { (time_t)seconds, 0 };

	/* SIGTERM interrupts the wait (no SA_RESTART), so stopping takes no longer than a send. */
	while (!stop_requested && nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static int
dispatcher_open(struct dispatcher *d, const struct conf *conf, unsigned batch)
{
	char	 host[64];

	memset(d, 0, sizeof(*d));
	d->conf = conf;
	d->batch = batch;
	d->stop = &stop_requested;
	if (gethostname(host, sizeof(host)) == -1)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(d->owner, sizeof(d->owner), "%.40s:%ld", host, (long)getpid());
	mail_url_host(conf->base_url, d->host, sizeof(d->host));
	if ((d->db = db_open(conf)) == NULL)
		return -1;
	if ((d->smtp = smtp_open(conf)) == NULL)
		return -1;
	d->templates = mail_templates_open(conf->template_dir, conf->base_url);
	return 0;
}

static void
dispatcher_close(struct dispatcher *d)
{
	mail_templates_close(d->templates);
	smtp_close(d->smtp);
	if (d->db != NULL)
		db_close(d->db);
}

int
main(int argc, char **argv)
{
	struct options		 o;
	struct conf		 conf;
	struct dispatcher	 d;
	int			 rc = 0;

	memset(&d, 0, sizeof(d));
	log_init("ratusz-dispatch", LOG_LEVEL_INFO);
	if (parse_options(argc, argv, &o) == -1)
		return 2;
	if (conf_load(&conf, o.config) == -1) {
		conf_free(&conf);
		return 1;
	}
	clock_init();
	signals_setup();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (lang_load(conf.template_dir) == -1 ||
	    dispatcher_open(&d, &conf, o.batch) == -1) {
		rc = 1;
		goto done;
	}
	log_info("started as %s (%s, batch %u)", d.owner,
	    o.loop_seconds > 0 ? "loop" : "once", o.batch);
	do {
		if (drain(&d, o.no_reminders) == -1)
			rc = 1;
		if (o.loop_seconds > 0)
			sleep_seconds(o.loop_seconds);
	} while (o.loop_seconds > 0 && !stop_requested);
	log_info("stopped%s", stop_requested ? " by a signal" : "");
done:
	dispatcher_close(&d);
	lang_free();
	curl_global_cleanup();
	conf_free(&conf);
	return rc;
}
