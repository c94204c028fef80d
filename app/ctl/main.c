/* main.c: ratuszctl, the administration command: migrations, gminy and data imports. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "ctl.h"
#include "log.h"

static const struct {
	const char	*name;
	int		(*run)(struct ctl *, int, char **);
	const char	*help_key;
} commands[] = {
	{ "migrate", ctl_migrate, "Ctl.Help.Migrate" },
	{ "import-terc", ctl_import_terc, "Ctl.Help.ImportTerc" },
	{ "import-teryt", ctl_import_teryt, "Ctl.Help.ImportTeryt" },
	{ "import-schedule", ctl_import_schedule, "Ctl.Help.ImportSchedule" },
	{ "fraction-alias", ctl_fraction_alias, "Ctl.Help.FractionAlias" },
	{ "generate-reminders", ctl_generate_reminders, "Ctl.Help.GenerateReminders" },
	{ "demo-seed", ctl_demo_seed, "Ctl.Help.DemoSeed" },
	{ "demo-office", ctl_demo_office, "Ctl.Help.DemoOffice" },
	{ "gmina-setup", ctl_gmina_setup, "Ctl.Help.GminaSetup" },
	{ "report-create", ctl_report_create, "Ctl.Help.ReportCreate" },
	{ "sms-settings", ctl_sms_settings, "Ctl.Help.SmsSettings" },
	{ "create-admin", ctl_create_admin, "Ctl.Account.Help.CreateAdmin" },
	{ "grant", ctl_grant, "Ctl.Account.Help.Grant" },
	{ "revoke", ctl_revoke, "Ctl.Account.Help.Revoke" },
	{ "roles", ctl_roles, "Ctl.Account.Help.Roles" },
	{ "api-key", ctl_api_key, "Ctl.ApiKey.Help" },
};

#define COMMAND_COUNT	(sizeof(commands) / sizeof(commands[0]))

/* Appends the text of Ctl.<key> with every {name} of the pairs replaced by its value. */
static void
format_message(struct buf *out, const struct ctl *ctl, const char *key,
    const char *const *pairs)
{
	const char	*s, *close;
	char		 path[128];
	size_t		 i, len;

	snprintf(path, sizeof(path), "Ctl.%s", key);
	for (s = lang_text(ctl->lang, path); *s != '\0'; s++) {
		close = *s == '{' ? strchr(s, '}') : NULL;
		for (i = 0; close != NULL && pairs[i] != NULL; i += 2) {
			len = strlen(pairs[i]);
			if ((size_t)(close - s - 1) == len &&
			    strncmp(s + 1, pairs[i], len) == 0)
				break;
		}
		if (close == NULL || pairs[i] == NULL) {
			buf_putc(out, *s);
			continue;
		}
		buf_puts(out, pairs[i + 1] != NULL ? pairs[i + 1] : "");
		s = close;
	}
}

void
ctl_error_with(const struct ctl *ctl, const char *key, const char *const *pairs)
{
	struct buf	 b;

	buf_init(&b);
	format_message(&b, ctl, key, pairs);
	fprintf(stderr, "ratuszctl: %s\n", buf_cstr(&b));
	buf_free(&b);
}

void
ctl_info_with(const struct ctl *ctl, const char *key, const char *const *pairs)
{
	struct buf	 b;

	buf_init(&b);
	format_message(&b, ctl, key, pairs);
	printf("%s\n", buf_cstr(&b));
	buf_free(&b);
}

void
ctl_error(const struct ctl *ctl, const char *key, int line, const char *value)
{
	char	 number[16];

	snprintf(number, sizeof(number), "%d", line);
	ctl_error_with(ctl, key, (const char *const[]){ "line", number,
	    "value", value, NULL });
}

void
ctl_info(const struct ctl *ctl, const char *key, int line, const char *value)
{
	char	 number[16];

	snprintf(number, sizeof(number), "%d", line);
	ctl_info_with(ctl, key, (const char *const[]){ "line", number,
	    "value", value, NULL });
}

void
ctl_problem(const struct ctl *ctl, const char *file, const struct problem *p)
{
	struct buf	 b;

	buf_init(&b);
	lang_problem(&b, ctl->lang, p);
	if (file != NULL)
		fprintf(stderr, "ratuszctl: %s: %s\n", file, buf_cstr(&b));
	else
		fprintf(stderr, "ratuszctl: %s\n", buf_cstr(&b));
	buf_free(&b);
}

static void
report_too_large(const struct ctl *ctl, const char *path, size_t max)
{
	char	 limit[32];

	snprintf(limit, sizeof(limit), "%zu", max / (1024 * 1024));
	ctl_error_with(ctl, "Error.TooLarge", (const char *const[]){
	    "value", path, "limit", limit, NULL });
}

/*
 * Reads from fd until the end of input into data, which grows as needed.
 * Returns 0, 1 when there is more than max bytes, or -1 when read failed.
 */
static int
read_all(int fd, size_t max, struct buf *data)
{
	char	 chunk[65536];
	ssize_t	 n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 ? 0 : -1;
		if (data->len + (size_t)n > max)
			return 1;
		buf_append(data, chunk, (size_t)n);
	}
}

bool
ctl_readable_file(const struct ctl *ctl, const char *path)
{
	struct stat	 st;

	if (stat(path, &st) == -1) {
		ctl_error(ctl, "Error.CannotOpen", 0, path);
		return false;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		ctl_error(ctl, "Error.NotRegularFile", 0, path);
		return false;
	}
	return true;
}

/*
 * Regular files and pipes (a FIFO, or a shell's <(...)) are read to their
 * end. A directory, a terminal or another device is rejected before reading.
 */
char *
ctl_read_file(const struct ctl *ctl, const char *path, size_t max, size_t *len)
{
	struct stat	 st;
	struct buf	 data;
	int		 fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 || fstat(fd, &st) == -1) {
		ctl_error(ctl, "Error.CannotOpen", 0, path);
		if (fd != -1)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		ctl_error(ctl, "Error.NotRegularFile", 0, path);
		close(fd);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		report_too_large(ctl, path, max);
		close(fd);
		return NULL;
	}
	buf_init(&data);
	buf_append(&data, "", 0);
	rc = read_all(fd, max, &data);
	close(fd);
	if (rc != 0) {
		if (rc == 1)
			report_too_large(ctl, path, max);
		else
			ctl_error(ctl, "Error.CannotRead", 0, path);
		buf_free(&data);
		return NULL;
	}
	*len = data.len;
	return buf_steal(&data);
}

static const char sql_tenant_by_terc[] = "SELECT id FROM tenant WHERE terc = ?";

/* Returns the tenant id of a TERC code, 0 when there is none, or -1 when the query failed. */
static long long
find_tenant(const struct ctl *ctl, const char *terc)
{
	struct db_result	 r;
	long long		 id = 0;

	if (db_query(ctl->db, sql_tenant_by_terc, DB_ARGS(DB_S(terc)), &r) == -1)
		return -1;
	if (r.rows == 1)
		id = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return id;
}

/*
 * Prints which code to use for the TERC of a part of a loaded gmina. The town
 * or rural area of an urban-rural gmina (RODZ 4, 5) belongs to the gmina with
 * RODZ 3. A Warsaw district or a city's delegatura (8, 9) belongs to the city,
 * whose code ends in GMI 01 and RODZ 1. Returns false for other codes.
 */
static bool
report_gmina_part(const struct ctl *ctl, const char *terc)
{
	char		 whole[8];
	const char	*key;

	memcpy(whole, terc, sizeof(whole));
	if (terc[6] == '4' || terc[6] == '5') {
		whole[6] = '3';
		key = "Error.GminaPart";
	} else if (terc[6] == '8' || terc[6] == '9') {
		memcpy(whole + 4, "011", 3);
		key = "Error.CityPart";
	} else
		return false;
	if (find_tenant(ctl, whole) <= 0)
		return false;
	ctl_error_with(ctl, key, (const char *const[]){ "value", terc,
	    "gmina", whole, NULL });
	return true;
}

unsigned long long
ctl_tenant_id(const struct ctl *ctl, const char *terc)
{
	long long	 id;
	size_t		 i;

	for (i = 0; terc[i] != '\0'; i++)
		if (terc[i] < '0' || terc[i] > '9')
			break;
	if (i != 7 || terc[i] != '\0') {
		ctl_error(ctl, "Error.BadTerc", 0, terc);
		return 0;
	}
	if ((id = find_tenant(ctl, terc)) == -1)
		return 0;
	if (id == 0 && !report_gmina_part(ctl, terc))
		ctl_error(ctl, "Error.UnknownGmina", 0, terc);
	return (unsigned long long)id;
}

static enum lang
ctl_language(void)
{
	const char	*s = getenv("RATUSZ_LANG");

	if (s == NULL)
		s = getenv("LANG");
	return s != NULL && strncmp(s, "en", 2) == 0 ? LANG_EN : LANG_PL;
}

static size_t
command_index(const char *name)
{
	size_t	 i;

	for (i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(name, commands[i].name) == 0)
			break;
	return i;
}

static void
usage(const struct ctl *ctl, FILE *out)
{
	size_t	 i;

	fprintf(out, "%s\n", lang_text(ctl->lang, "Ctl.Help.Usage"));
	for (i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-16s %s\n", commands[i].name,
		    lang_text(ctl->lang, commands[i].help_key));
	fprintf(out, "%s\n", lang_text(ctl->lang, "Ctl.Help.More"));
}

/* The options before the command, kept until the language files are loaded. */
struct main_options {
	const char	*config;
	bool		 help;
	const char	*bad;		/* an unknown option, or one without its value */
	bool		 missing_value;
	char		 bad_short[3];
};

static void
parse_main_options(int argc, char *argv[], struct main_options *o)
{
	static const struct option long_options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int	 ch;

	/* getopt's own messages are English, so it stays silent and ours follow. */
	opterr = 0;
	while (o->bad == NULL &&
	    (ch = getopt_long(argc, argv, "+:c:h", long_options, NULL)) != -1) {
		if (ch == 'c')
			o->config = optarg;
		else if (ch == 'h')
			o->help = true;
		else {
			o->missing_value = ch == ':';
			o->bad = argv[optind - 1];
			if (optopt != 0 && strncmp(o->bad, "--", 2) != 0) {
				snprintf(o->bad_short, sizeof(o->bad_short), "-%c",
				    optopt);
				o->bad = o->bad_short;
			}
		}
	}
}

/*
 * Handles everything that needs no database: help and command line errors.
 * Returns the exit status, or -1 when the command in argv[0] should run.
 */
static int
answer_without_database(const struct ctl *ctl, const struct main_options *o,
    int argc, char *argv[])
{
	size_t	 i;

	if (o->bad != NULL) {
		ctl_error(ctl, o->missing_value ? "Error.MissingArgument" :
		    "Error.UnknownOption", 0, o->bad);
		usage(ctl, stderr);
		return 2;
	}
	if (o->help || (argc > 0 && strcmp(argv[0], "help") == 0 && argc == 1)) {
		usage(ctl, stdout);
		return 0;
	}
	if (argc == 0) {
		usage(ctl, stderr);
		return 2;
	}
	if (strcmp(argv[0], "help") == 0 || (argc == 2 &&
	    (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))) {
		i = command_index(strcmp(argv[0], "help") == 0 ? argv[1] : argv[0]);
		if (i == COMMAND_COUNT) {
			ctl_error(ctl, "Error.UnknownCommand", 0, argv[1]);
			usage(ctl, stderr);
			return 2;
		}
		printf("ratuszctl %s: %s\n", commands[i].name,
		    lang_text(ctl->lang, commands[i].help_key));
		return 0;
	}
	if (command_index(argv[0]) == COMMAND_COUNT) {
		ctl_error(ctl, "Error.UnknownCommand", 0, argv[0]);
		usage(ctl, stderr);
		return 2;
	}
	return -1;
}

int
main(int argc, char *argv[])
{
	struct ctl		 ctl;
	struct main_options	 options;
	int			 rc = 1;

	memset(&ctl, 0, sizeof(ctl));
	memset(&options, 0, sizeof(options));
	log_init("ratuszctl", LOG_LEVEL_WARN);
	ctl.lang = ctl_language();
	parse_main_options(argc, argv, &options);
	argc -= optind;
	argv += optind;
	if (conf_load(&ctl.conf, options.config) == -1)
		return 1;
	if (lang_load(ctl.conf.template_dir) == -1)
		goto out;
	if ((rc = answer_without_database(&ctl, &options, argc, argv)) != -1)
		goto out;
	if ((ctl.db = db_open(&ctl.conf)) == NULL) {
		ctl_error(&ctl, "Error.Database", 0, ctl.conf.db_name);
		rc = 1;
		goto out;
	}
	rc = commands[command_index(argv[0])].run(&ctl, argc, argv);
	db_close(ctl.db);
out:
	lang_free();
	conf_free(&ctl.conf);
	xmlCleanupParser();
	return rc;
}
