/* ctl_migrate.c: applies the numbered sql/NNN_name.sql files in order and records each one. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "fraction.h"

#define MIGRATION_MAX_SIZE	(4 * 1024 * 1024)

static const char sql_create[] =
    "CREATE TABLE IF NOT EXISTS schema_migration ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(200) NOT NULL,"
    " applied_at DATETIME NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
static const char sql_applied[] =
    "SELECT name FROM schema_migration WHERE version = ?";
static const char sql_record[] =
    "INSERT INTO schema_migration (version, name, applied_at)"
    " VALUES (?, ?, UTC_TIMESTAMP())";
static const char sql_fraction[] =
    "INSERT INTO fraction (code, sort_order, color, name_pl, name_en)"
    " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE sort_order = VALUES(sort_order),"
    " color = VALUES(color), name_pl = VALUES(name_pl), name_en = VALUES(name_en)";

/* Returns the version of "NNN_name.sql", or -1 when the name has another form. */
static long
migration_version(const char *name)
{
	size_t	 n = strlen(name), i;

	if (n < 9 || strcmp(name + n - 4, ".sql") != 0)
		return -1;
	for (i = 0; i < 3; i++)
		if (name[i] < '0' || name[i] > '9')
			return -1;
	if (name[3] != '_')
		return -1;
	return strtol(name, NULL, 10);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
apply_one(struct ctl *ctl, const char *dir, const char *name)
{
	struct db_result	 r;
	char			 path[1024], *sql;
	size_t			 len;
	long			 version = migration_version(name);
	int			 rc;

	if (db_query(ctl->db, sql_applied, DB_ARGS(DB_I(version)), &r) == -1)
		return -1;
	rc = r.rows > 0 ? 1 + (strcmp(db_cell(&r, 0, 0), name) != 0) : 0;
	db_result_free(&r);
	if (rc == 2) {
		/* Another file had this number, so this one would be skipped for good. */
		ctl_error(ctl, "Migrate.Renamed", 0, name);
		return -1;
	}
	if (rc == 1)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((sql = ctl_read_file(ctl, path, MIGRATION_MAX_SIZE, &len)) == NULL)
		return -1;
	rc = db_exec_script(ctl->db, sql);
	free(sql);
	if (rc == -1 || db_exec(ctl->db, sql_record,
	    DB_ARGS(DB_I(version), DB_S(name)), NULL, NULL) == -1) {
		ctl_error(ctl, "Migrate.Failed", 0, name);
		return -1;
	}
	ctl_info(ctl, "Migrate.Applied", 0, name);
	return 1;
}

static int
load_fractions(struct ctl *ctl)
{
	size_t	 i;

	for (i = 0; i < fraction_count; i++)
		if (db_exec(ctl->db, sql_fraction, DB_ARGS(DB_S(fractions[i].code),
		    DB_I(i), DB_S(fractions[i].color), DB_S(fractions[i].name_pl),
		    DB_S(fractions[i].name_en)), NULL, NULL) == -1)
			return -1;
	return 0;
}

int
ctl_migrate(struct ctl *ctl, int argc, char **argv)
{
	char		 dir[1024], *names[1000];
	const char	*env = getenv("RATUSZ_SQL_DIR");
	struct dirent	*e;
	DIR		*d;
	size_t		 n = 0, i;
	int		 rc = 0, applied = 0, st;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s", env != NULL ? env : ctl->conf.template_dir);
	if (env == NULL)
		snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/../sql");
	if ((d = opendir(dir)) == NULL) {
		ctl_error(ctl, "Error.CannotOpen", 0, dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL && n < 1000)
		if (migration_version(e->d_name) >= 0)
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), compare_names);
	for (i = 1; i < n && rc == 0; i++)
		if (migration_version(names[i]) == migration_version(names[i - 1])) {
			ctl_error(ctl, "Migrate.DuplicateNumber", 0, names[i]);
			rc = 1;
		}
	if (rc == 0 && db_exec_script(ctl->db, sql_create) == -1)
		rc = 1;
	for (i = 0; i < n; i++) {
		if (rc == 0 && (st = apply_one(ctl, dir, names[i])) == -1)
			rc = 1;
		else if (rc == 0)
			applied += st;
		free(names[i]);
	}
	if (rc == 0 && load_fractions(ctl) == -1)
		rc = 1;
	if (rc == 0 && applied == 0)
		ctl_info(ctl, "Migrate.UpToDate", 0, NULL);
	return rc;
}
