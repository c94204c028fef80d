/* main.c: ratuszctl, the administration command: migrations, gminy and data imports. */
#include "config.h"

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
	{ "sms-settings", ctl_sms_settings, "Ctl.Help.SmsSettings" },
	{ "create-admin", ctl_create_admin, "Ctl.Account.Help.CreateAdmin" },
	{ "grant", ctl_grant, "Ctl.Account.Help.Grant" },
	{ "revoke", ctl_revoke, "Ctl.Account.Help.Revoke" },
	{ "roles", ctl_roles, "Ctl.Account.Help.Roles" },
};

void
ctl_error(const struct ctl *ctl, const char *key, int line, const char *value)
{
	struct buf	 b;
	char		 path[128];

	buf_init(&b);
	snprintf(path, sizeof(path), "Ctl.%s", key);
	lang_format(&b, ctl->lang, path, line, value);
	fprintf(stderr, "ratuszctl: %s\n", buf_cstr(&b));
	buf_free(&b);
}

void
ctl_info(const struct ctl *ctl, const char *key, int line, const char *value)
{
	struct buf	 b;
	char		 path[128];

	buf_init(&b);
	snprintf(path, sizeof(path), "Ctl.%s", key);
	lang_format(&b, ctl->lang, path, line, value);
	printf("%s\n", buf_cstr(&b));
	buf_free(&b);
}

void
ctl_problem(const struct ctl *ctl, const char *file, const struct problem *p)
{
	struct buf	 b;

	buf_init(&b);
	lang_problem(&b, ctl->lang, p);
	fprintf(stderr, "ratuszctl: %s: %s\n", file, buf_cstr(&b));
	buf_free(&b);
}

char *
ctl_read_file(const struct ctl *ctl, const char *path, size_t max, size_t *len)
{
	FILE		*f;
	struct stat	 st;
	char		*data;
	char		 limit[32];

	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &st) == -1) {
		ctl_error(ctl, "Error.CannotOpen", 0, path);
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	if ((size_t)st.st_size > max) {
		snprintf(limit, sizeof(limit), "%zu", max / (1024 * 1024));
		ctl_error(ctl, "Error.TooLarge", 0, limit);
		fclose(f);
		return NULL;
	}
	if ((data = malloc((size_t)st.st_size + 1)) == NULL)
		abort();
	*len = fread(data, 1, (size_t)st.st_size, f);
	data[*len] = '\0';
	fclose(f);
	return data;
}

unsigned long long
ctl_tenant_id(const struct ctl *ctl, const char *terc)
{
	static const char sql[] = "SELECT id FROM tenant WHERE terc = ?";
	struct db_result	 r;
	unsigned long long	 id = 0;
	size_t			 i;

	for (i = 0; terc[i] != '\0'; i++)
		if (terc[i] < '0' || terc[i] > '9')
			break;
	if (i != 7 || terc[i] != '\0') {
		ctl_error(ctl, "Error.BadTerc", 0, terc);
		return 0;
	}
	if (db_query(ctl->db, sql, DB_ARGS(DB_S(terc)), &r) == -1)
		return 0;
	if (r.rows == 1)
		id = (unsigned long long)db_cell_int(&r, 0, 0);
	else
		ctl_error(ctl, "Error.UnknownGmina", 0, terc);
	db_result_free(&r);
	return id;
}

static enum lang
ctl_language(void)
{
	const char	*s = getenv("RATUSZ_LANG");

	if (s == NULL)
		s = getenv("LANG");
	return s != NULL && strncmp(s, "en", 2) == 0 ? LANG_EN : LANG_PL;
}

static void
usage(const struct ctl *ctl)
{
	size_t	 i;

	fprintf(stderr, "%s\n", lang_text(ctl->lang, "Ctl.Help.Usage"));
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  %-16s %s\n", commands[i].name,
		    lang_text(ctl->lang, commands[i].help_key));
}

int
main(int argc, char *argv[])
{
	struct ctl	 ctl;
	const char	*config = NULL;
	size_t		 i;
	int		 ch, rc = 2;

	memset(&ctl, 0, sizeof(ctl));
	log_init("ratuszctl", LOG_LEVEL_WARN);
	ctl.lang = ctl_language();
	while ((ch = getopt(argc, argv, "+c:")) != -1) {
		if (ch != 'c')
			return 2;
		config = optarg;
	}
	argc -= optind;
	argv += optind;
	if (conf_load(&ctl.conf, config) == -1)
		return 1;
	if (lang_load(ctl.conf.template_dir) == -1)
		return 1;
	for (i = 0; argc > 0 && i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			break;
	if (argc == 0 || i == sizeof(commands) / sizeof(commands[0])) {
		usage(&ctl);
		goto out;
	}
	if ((ctl.db = db_open(&ctl.conf)) == NULL) {
		ctl_error(&ctl, "Error.Database", 0, ctl.conf.db_name);
		rc = 1;
		goto out;
	}
	rc = commands[i].run(&ctl, argc, argv);
	db_close(ctl.db);
out:
	lang_free();
	conf_free(&ctl.conf);
	xmlCleanupParser();
	return rc;
}
