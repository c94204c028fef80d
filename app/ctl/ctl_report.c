/* ctl_report.c: ratuszctl report-create, a problem report entered by the office, routed like any other. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "ctl.h"
#include "report.h"

struct report_args {
	const char	*gmina, *category, *lat, *lon, *email, *description, *address;
};

static const char sql_category[] =
    "SELECT id FROM report_category WHERE tenant_id = ? AND code = ?";
static const char sql_unit_name[] = "SELECT name FROM unit WHERE id = ?";
/*
 * The office took the report itself, so the office sees it at once. The
 * author's e-mail follower stays unconfirmed: nothing is mailed to an address
 * until its owner confirms it.
 */
static const char sql_office_seen[] =
    "UPDATE report SET email_confirmed_at = created_at WHERE id = ?";

static int
parse_args(int argc, char **argv, struct report_args *a)
{
	static const struct option options[] = {
		{ "gmina", required_argument, NULL, 'g' },
		{ "category", required_argument, NULL, 'c' },
		{ "lat", required_argument, NULL, 'y' },
		{ "lon", required_argument, NULL, 'x' },
		{ "email", required_argument, NULL, 'e' },
		{ "description", required_argument, NULL, 'd' },
		{ "address", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	int	 ch;

	memset(a, 0, sizeof(*a));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (ch) {
		case 'g': a->gmina = optarg; break;
		case 'c': a->category = optarg; break;
		case 'y': a->lat = optarg; break;
		case 'x': a->lon = optarg; break;
		case 'e': a->email = optarg; break;
		case 'd': a->description = optarg; break;
		case 'a': a->address = optarg; break;
		default: return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

/* Parses a decimal degree; 0, or -1 when it is not a whole number text. */
static int
parse_degree(const char *s, double *out)
{
	char	*end;

	*out = strtod(s, &end);
	return end != s && *end == '\0' ? 0 : -1;
}

/* Prints "NUMBER<TAB>UNIT<TAB>NEEDS_TRIAGE" of the new report. */
static void
print_created(struct ctl *ctl, const struct report_created *c)
{
	struct db_result	 res;

	if (db_query(ctl->db, sql_unit_name, DB_ARGS(DB_I(c->unit_id)), &res) == -1)
		return;
	printf("%s\t%s\t%d\n", c->number, res.rows == 1 ? db_cell(&res, 0, 0) : "",
	    c->needs_triage ? 1 : 0);
	db_result_free(&res);
}

int
ctl_report_create(struct ctl *ctl, int argc, char **argv)
{
	struct report_args	 a;
	struct report_new	 n;
	struct report_created	 out;
	struct problem		 err;
	struct db_result	 res;
	int			 rc;

	if (parse_args(argc, argv, &a) == -1 || a.gmina == NULL || a.category == NULL ||
	    a.email == NULL || a.description == NULL || (a.lat == NULL) != (a.lon == NULL)) {
		ctl_error(ctl, "Error.MissingArgument", 0,
		    "--gmina, --category, --email, --description, --lat --lon | --address");
		return 2;
	}
	memset(&n, 0, sizeof(n));
	if ((n.tenant_id = ctl_tenant_id(ctl, a.gmina)) == 0)
		return 1;
	if (a.lat != NULL && (parse_degree(a.lat, &n.lat) == -1 ||
	    parse_degree(a.lon, &n.lon) == -1)) {
		ctl_error(ctl, "Error.BadArgument", 0, a.lat);
		return 2;
	}
	if (db_query(ctl->db, sql_category, DB_ARGS(DB_I(n.tenant_id), DB_T(a.category)),
	    &res) == -1)
		return 1;
	n.category_id = res.rows == 1 ? (unsigned long long)db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	n.author_email = a.email;
	n.description = a.description;
	n.address_text = a.address;
	n.has_position = a.lat != NULL;
	n.now = clock_now();
	if (db_begin(ctl->db) == -1)
		return 1;
	if ((rc = report_create(ctl->db, &n, &out, &err)) != 0 ||
	    db_exec(ctl->db, sql_office_seen, DB_ARGS(DB_I(out.id)), NULL, NULL) == -1 ||
	    db_commit(ctl->db) == -1) {
		db_rollback(ctl->db);
		if (rc == 1)
			ctl_problem(ctl, NULL, &err);
		else
			ctl_error(ctl, "ReportCreate.Failed", 0, NULL);
		return rc == 1 ? 2 : 1;
	}
	print_created(ctl, &out);
	return 0;
}
