/*
 * report_cli.c: moves a problem report for tests/http/test_report_submit.py
 * through report_move, as the back office does, so that the notices of a
 * status change are queued by the real code path.
 *
 *   report_cli move REPORT_ID STATUS [PUBLIC_TEXT]
 *   report_cli merge REPORT_ID ORIGINAL_ID [PUBLIC_TEXT]
 *
 * The actor is a coordinator of the report's gmina. RATUSZ_CONFIG names the
 * configuration. Prints "moved", or the reason and exits with 1.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "db.h"
#include "report.h"

static const char sql_tenant[] = "SELECT tenant_id FROM report WHERE id = ?";

/* Moves report id to status, or with original_id != 0 merges it into that report. */
static int
move(struct db *db, unsigned long long id, const char *status, const char *text,
    unsigned long long original_id)
{
	static const char *const results[] = { "moved", "not found", "forbidden", "stale",
	    "error" };
	struct report_move	 m;
	struct db_result	 res;
	enum report_move_result	 rc;

	memset(&m, 0, sizeof(m));
	if (report_status_parse(status, &m.to) == -1) {
		fprintf(stderr, "report_cli: unknown status %s\n", status);
		return 1;
	}
	if (db_query(db, sql_tenant, DB_ARGS(DB_I(id)), &res) == -1 || res.rows != 1) {
		fprintf(stderr, "report_cli: report %llu not found\n", id);
		return 1;
	}
	m.tenant_id = (unsigned long long)db_cell_int(&res, 0, 0);
	db_result_free(&res);
	m.report_id = id;
	m.actors = ACTOR_COORDINATOR;
	m.actor_kind = REPORT_BY_OPERATOR;
	m.public_text = text;
	m.now = time(NULL);
	if (db_begin(db) == -1)
		return 1;
	rc = original_id != 0 ? report_merge(db, &m, original_id) : report_move(db, &m);
	if (rc != REPORT_MOVED || db_commit(db) == -1) {
		db_rollback(db);
		printf("%s\n", results[rc]);
		return 1;
	}
	printf("moved\n");
	return 0;
}

int
main(int argc, char *argv[])
{
	struct conf	 conf;
	struct db	*db;
	int		 rc;

	if (argc < 4 || (strcmp(argv[1], "move") != 0 && strcmp(argv[1], "merge") != 0)) {
		fprintf(stderr, "usage: report_cli move REPORT_ID STATUS [PUBLIC_TEXT]\n"
		    "       report_cli merge REPORT_ID ORIGINAL_ID [PUBLIC_TEXT]\n");
		return 2;
	}
	if (conf_load(&conf, NULL) == -1 || (db = db_open(&conf)) == NULL)
		return 1;
	if (strcmp(argv[1], "merge") == 0)
		rc = move(db, strtoull(argv[2], NULL, 10), "duplicate", argc > 4 ? argv[4] : NULL,
		    strtoull(argv[3], NULL, 10));
	else
		rc = move(db, strtoull(argv[2], NULL, 10), argv[3], argc > 4 ? argv[4] : NULL, 0);
	db_close(db);
	conf_free(&conf);
	return rc;
}
