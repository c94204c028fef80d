/* ctl_fraction_alias.c: the fraction-alias command and the gmina's own fraction names used by imports. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "ctl_schedule.h"
#include "fraction.h"
#include "text.h"

static const char sql_aliases[] =
    "SELECT name_folded, fraction_code FROM fraction_alias WHERE tenant_id = ?";
static const char sql_save_alias[] =
    "INSERT INTO fraction_alias (tenant_id, name_folded, fraction_code)"
    " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE fraction_code = VALUES(fraction_code)";
static const char sql_bump_version[] =
    "UPDATE tenant SET data_version = data_version + 1 WHERE id = ?";

int
import_load_aliases(struct schedule_import *im)
{
	const struct fraction	*f;
	struct import_alias	*alias;
	struct db_result	 r;
	size_t			 i;

	if (db_query(im->ctl->db, sql_aliases, DB_ARGS(DB_I(im->tenant_id)), &r) == -1)
		return -1;
	for (i = 0; i < r.rows; i++) {
		if ((f = fraction_by_code(db_cell(&r, i, 1))) == NULL)
			continue;	/* a code this build does not know */
		im->aliases = import_grow(im->aliases, &im->alias_count,
		    sizeof(*im->aliases));
		alias = &im->aliases[im->alias_count - 1];
		if ((alias->name_folded = strdup(db_cell(&r, i, 0))) == NULL)
			abort();
		alias->code = f->code;
	}
	db_result_free(&r);
	return 0;
}

/* Prints the canonical codes, for an operator who typed an unknown one. */
static void
print_codes(const struct ctl *ctl)
{
	struct buf	 list;
	size_t		 i;

	buf_init(&list);
	for (i = 0; i < fraction_count; i++)
		buf_printf(&list, "%s%s", i > 0 ? ", " : "", fractions[i].code);
	ctl_error(ctl, "Import.FractionCodes", 0, buf_cstr(&list));
	buf_free(&list);
}

/* Reads --gmina TERC NAME CODE in any order of the option and the two words. */
static int
parse_alias_args(const struct ctl *ctl, int argc, char **argv, const char **terc,
    const char **name, const char **code)
{
	int	 i, words = 0;

	*terc = *name = *code = NULL;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--gmina") == 0 && i + 1 < argc)
			*terc = argv[++i];
		else if (strncmp(argv[i], "--gmina=", 8) == 0)
			*terc = argv[i] + 8;
		else if (argv[i][0] == '-' || words == 2) {
			ctl_error(ctl, argv[i][0] == '-' ? "Error.UnknownOption" :
			    "Error.BadArgument", 0, argv[i]);
			return -1;
		} else if (words++ == 0)
			*name = argv[i];
		else
			*code = argv[i];
	}
	if (*terc == NULL) {
		ctl_error(ctl, "Error.MissingArgument", 0, "--gmina");
		return -1;
	}
	if (*name == NULL || *code == NULL) {
		ctl_error(ctl, "Error.MissingArgument", 0, *name == NULL ? "NAZWA" : "KOD");
		return -1;
	}
	return 0;
}

static int
save_alias(struct ctl *ctl, unsigned long long tenant, const char *folded,
    const char *code)
{
	if (db_exec(ctl->db, sql_save_alias, DB_ARGS(DB_I(tenant), DB_S(folded),
	    DB_S(code)), NULL, NULL) == -1 ||
	    db_exec(ctl->db, sql_bump_version, DB_ARGS(DB_I(tenant)), NULL, NULL) == -1 ||
	    db_commit(ctl->db) == -1) {
		db_rollback(ctl->db);
		ctl_error(ctl, "Import.Failed", 0, NULL);
		return 1;
	}
	return 0;
}

int
ctl_fraction_alias(struct ctl *ctl, int argc, char **argv)
{
	const char		*terc, *name, *code;
	unsigned long long	 tenant;
	struct buf		 folded, shown;
	int			 rc = 1;

	if (parse_alias_args(ctl, argc, argv, &terc, &name, &code) == -1)
		return 2;
	if (fraction_by_code(code) == NULL) {
		ctl_error(ctl, "Import.UnknownFractionCode", 0, code);
		print_codes(ctl);
		return 1;
	}
	buf_init(&folded);
	text_fold(&folded, name);
	if (folded.len == 0 || folded.len > 100)
		ctl_error(ctl, "Import.BadAliasName", 0, name);
	else if (db_begin(ctl->db) == -1)
		ctl_error(ctl, "Import.Failed", 0, NULL);
	else if ((tenant = ctl_tenant_id(ctl, terc)) == 0)
		db_rollback(ctl->db);
	else if ((rc = save_alias(ctl, tenant, buf_cstr(&folded), code)) == 0) {
		buf_init(&shown);
		buf_printf(&shown, "„%s” → %s", name, code);
		ctl_info(ctl, "Import.AliasSaved", 0, buf_cstr(&shown));
		buf_free(&shown);
	}
	buf_free(&folded);
	return rc;
}
