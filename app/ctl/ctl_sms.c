/* ctl_sms.c: the sms-settings command: a gmina's SMS sender name, transliteration and cap on parts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

#define SMS_SENDER_MAX		11	/* characters of an alphanumeric sender name */
#define SMS_MAX_PARTS_LIMIT	10

static const char sql_get[] =
    "SELECT sms_sender, sms_transliterate, sms_max_parts FROM tenant WHERE id = ?";
static const char sql_set[] =
    "UPDATE tenant SET sms_sender = COALESCE(?, sms_sender),"
    " sms_transliterate = COALESCE(?, sms_transliterate),"
    " sms_max_parts = COALESCE(?, sms_max_parts) WHERE id = ?";

/* Options of one sms-settings call; NULL or -1 where the option was not given. */
struct sms_options {
	const char	*terc;
	const char	*sender;
	int		 transliterate;
	long		 max_parts;
};

/* An empty name (the gateway account's default sender) or 1 to 11 of A-Z a-z 0-9 space . -. */
static int
sender_valid(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == ' ' || s[i] == '.' || s[i] == '-'))
			return 0;
	return i <= SMS_SENDER_MAX;
}

static int
option_value(const struct ctl *ctl, struct sms_options *o, const char *name,
    const char *value)
{
	char	*end;

	if (strcmp(name, "--gmina") == 0)
		o->terc = value;
	else if (strcmp(name, "--sender") == 0) {
		if (!sender_valid(value)) {
			ctl_error(ctl, "Sms.BadSender", 0, value);
			return -1;
		}
		o->sender = value;
	} else if (strcmp(name, "--transliterate") == 0) {
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
			ctl_error(ctl, "Sms.BadTransliterate", 0, value);
			return -1;
		}
		o->transliterate = strcmp(value, "yes") == 0;
	} else if (strcmp(name, "--max-parts") == 0) {
		o->max_parts = strtol(value, &end, 10);
		if (end == value || *end != '\0' || o->max_parts < 1 ||
		    o->max_parts > SMS_MAX_PARTS_LIMIT) {
			ctl_error(ctl, "Sms.BadMaxParts", 0, value);
			return -1;
		}
	} else {
		ctl_error(ctl, "Error.BadArgument", 0, name);
		return -1;
	}
	return 0;
}

/* Reads "--name value" and "--name=value" options. */
static int
parse_options(const struct ctl *ctl, int argc, char **argv, struct sms_options *o)
{
	char	 name[32];
	char	*eq;
	int	 i;

	memset(o, 0, sizeof(*o));
	o->transliterate = -1;
	o->max_parts = -1;
	for (i = 1; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) != NULL && (size_t)(eq - argv[i]) < sizeof(name)) {
			snprintf(name, sizeof(name), "%.*s", (int)(eq - argv[i]), argv[i]);
			if (option_value(ctl, o, name, eq + 1) == -1)
				return -1;
		} else if (i + 1 < argc && strncmp(argv[i], "--", 2) == 0) {
			if (option_value(ctl, o, argv[i], argv[i + 1]) == -1)
				return -1;
			i++;
		} else {
			ctl_error(ctl, "Error.BadArgument", 0, argv[i]);
			return -1;
		}
	}
	if (o->terc == NULL) {
		ctl_error(ctl, "Error.MissingArgument", 0, "--gmina");
		return -1;
	}
	return 0;
}

static int
print_settings(struct ctl *ctl, unsigned long long tenant)
{
	struct db_result	 r;
	char			 parts[16];

	if (db_query(ctl->db, sql_get, DB_ARGS(DB_I(tenant)), &r) == -1 || r.rows != 1) {
		ctl_error(ctl, "Sms.Failed", 0, NULL);
		return 1;
	}
	if (db_cell(&r, 0, 0)[0] != '\0')
		ctl_info(ctl, "Sms.Sender", 0, db_cell(&r, 0, 0));
	else
		ctl_info(ctl, "Sms.Sender", 0, lang_text(ctl->lang, "Ctl.Sms.DefaultSender"));
	ctl_info(ctl, "Sms.Transliterate", 0, lang_text(ctl->lang,
	    db_cell_int(&r, 0, 1) ? "Ctl.Sms.Yes" : "Ctl.Sms.No"));
	snprintf(parts, sizeof(parts), "%lld", db_cell_int(&r, 0, 2));
	ctl_info(ctl, "Sms.MaxParts", 0, parts);
	db_result_free(&r);
	return 0;
}

int
ctl_sms_settings(struct ctl *ctl, int argc, char **argv)
{
	struct sms_options	 o;
	unsigned long long	 tenant;
	int			 changes;

	if (parse_options(ctl, argc, argv, &o) == -1)
		return 2;
	if ((tenant = ctl_tenant_id(ctl, o.terc)) == 0)
		return 1;
	changes = o.sender != NULL || o.transliterate != -1 || o.max_parts != -1;
	if (changes) {
		if (db_exec(ctl->db, sql_set, DB_ARGS(DB_S(o.sender),
		    o.transliterate == -1 ? DB_N() : DB_I(o.transliterate),
		    o.max_parts == -1 ? DB_N() : DB_I(o.max_parts), DB_I(tenant)),
		    NULL, NULL) == -1) {
			ctl_error(ctl, "Sms.Failed", 0, NULL);
			return 1;
		}
		ctl_info(ctl, "Sms.Saved", 0, o.terc);
	}
	return print_settings(ctl, tenant);
}
