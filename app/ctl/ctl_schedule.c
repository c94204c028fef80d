/* ctl_schedule.c: the import-schedule command: options, the one transaction, and its summary. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "ctl_schedule.h"
#include "fraction.h"
#include "text.h"

static const char sql_lock_tenant[] =
    "SELECT name FROM tenant WHERE id = ? FOR UPDATE";

void
import_error(struct schedule_import *im, const char *file, int line,
    const char *key, const char *value)
{
	struct problem	 p;

	if (im->error_count++ >= IMPORT_MAX_ERRORS)
		return;
	problem_set(&p, line, key, "%s", value != NULL ? value : "");
	ctl_problem(im->ctl, file, &p);
}

void
import_warning(struct schedule_import *im, const char *file, int line,
    const char *key, const char *value)
{
	struct problem	 p;

	problem_set(&p, line, key, "%s", value != NULL ? value : "");
	ctl_problem(im->ctl, file, &p);
}

void *
import_grow(void *array, size_t *count, size_t size)
{
	char	*grown;

	if ((grown = realloc(array, (*count + 1) * size)) == NULL)
		abort();
	memset(grown + *count * size, 0, size);
	(*count)++;
	return grown;
}

/* Stores "--name value" or "--name=value" of argv[*i] in *out. Returns 1 when it matched. */
static int
option_value(struct schedule_import *im, int argc, char **argv, int *i,
    const char *name, const char **out)
{
	size_t	 n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*out = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		ctl_error(im->ctl, "Error.MissingArgument", 0, name);
		return -1;
	}
	*out = argv[++*i];
	return 1;
}

/* Splits "AREA=FILE" of one --ics option at the first '=', which a file name may contain. */
static int
add_ics(struct schedule_import *im, const char *arg)
{
	const char	*eq = strchr(arg, '=');
	char		*area;

	if (eq == NULL || eq == arg || eq[1] == '\0' || im->ics_count == IMPORT_MAX_ICS) {
		ctl_error(im->ctl, "Import.BadIcsOption", 0, arg);
		return -1;
	}
	if ((area = strndup(arg, (size_t)(eq - arg))) == NULL)
		abort();
	im->ics[im->ics_count].area = area;
	im->ics[im->ics_count].path = eq + 1;
	im->ics_count++;
	return 0;
}

static int
parse_day_option(struct schedule_import *im, const char *text, long *out)
{
	if ((*out = import_parse_date(text)) == -1) {
		ctl_error(im->ctl, "Import.BadDateOption", 0, text);
		return -1;
	}
	return 0;
}

/* Parses the option at argv[*i]. Returns 0, or -1 after printing what is wrong. */
static int
parse_option(struct schedule_import *im, int argc, char **argv, int *i)
{
	const char	*v = NULL;
	int		 m;

	if (strcmp(argv[*i], "--dry-run") == 0) {
		im->dry_run = true;
		return 0;
	}
	if (strcmp(argv[*i], "--replace") == 0) {
		im->replace = true;
		return 0;
	}
	if ((m = option_value(im, argc, argv, i, "--gmina", &im->terc)) != 0 ||
	    (m = option_value(im, argc, argv, i, "--areas", &im->areas_path)) != 0 ||
	    (m = option_value(im, argc, argv, i, "--pickups", &im->pickups_path)) != 0 ||
	    (m = option_value(im, argc, argv, i, "--source", &im->source)) != 0)
		return m == 1 ? 0 : -1;
	if ((m = option_value(im, argc, argv, i, "--ics", &v)) != 0)
		return m == 1 ? add_ics(im, v) : -1;
	if ((m = option_value(im, argc, argv, i, "--from", &v)) != 0)
		return m == 1 ? parse_day_option(im, v, &im->from) : -1;
	if ((m = option_value(im, argc, argv, i, "--to", &v)) != 0)
		return m == 1 ? parse_day_option(im, v, &im->to) : -1;
	ctl_error(im->ctl, argv[*i][0] == '-' ? "Error.UnknownOption" :
	    "Error.BadArgument", 0, argv[*i]);
	return -1;
}

/*
 * Checks the source stored with the period: valid UTF-8 without control
 * characters, at most SOURCE_MAX characters. By default it is a file path,
 * which need not be either.
 */
static int
check_source(struct schedule_import *im, bool given)
{
	const char	*s;
	char		 limit[16];

	for (s = im->source; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			break;
	if (*s != '\0' || !utf8_valid(im->source, strlen(im->source))) {
		ctl_error(im->ctl, given ? "Import.BadSource" : "Import.BadSourcePath",
		    0, NULL);
		return -1;
	}
	if (utf8_length(im->source) > SOURCE_MAX) {
		snprintf(limit, sizeof(limit), "%d", SOURCE_MAX);
		ctl_error_with(im->ctl, given ? "Import.SourceTooLong" :
		    "Import.SourcePathTooLong", (const char *const[]){
		    "limit", limit, NULL });
		return -1;
	}
	return 0;
}

static int
parse_options(struct schedule_import *im, int argc, char **argv)
{
	int	 i;
	bool	 source_given;

	for (i = 1; i < argc; i++)
		if (parse_option(im, argc, argv, &i) == -1)
			return -1;
	if (im->terc == NULL || im->areas_path == NULL) {
		ctl_error(im->ctl, "Error.MissingArgument", 0,
		    im->terc == NULL ? "--gmina" : "--areas");
		return -1;
	}
	if ((im->pickups_path == NULL) == (im->ics_count == 0)) {
		ctl_error(im->ctl, "Import.PickupsOrIcs", 0, NULL);
		return -1;
	}
	if (im->from != -1 && im->to != -1 && im->from > im->to) {
		ctl_error(im->ctl, "Import.FromAfterTo", 0, NULL);
		return -1;
	}
	source_given = im->source != NULL;
	if (!source_given)
		im->source = im->pickups_path != NULL ? im->pickups_path :
		    im->ics[0].path;
	return check_source(im, source_given);
}

/* Every area needs pickups, and a rule can only narrow to fractions its area collects. */
static void
check_consistency(struct schedule_import *im)
{
	const struct import_rule	*rule;
	const struct import_area	*area;
	size_t				 i;

	for (i = 0; i < im->area_count; i++)
		if (im->areas[i].pickups == 0)
			import_error(im, im->areas_path, im->areas[i].line,
			    "Import.AreaWithoutPickups", im->areas[i].name);
	for (i = 0; i < im->rule_count; i++) {
		rule = &im->rules[i];
		area = &im->areas[rule->area];
		if (area->pickups > 0 && (rule->fractions & ~area->fractions) != 0)
			import_error(im, im->areas_path, rule->line,
			    "Import.FractionNotInArea", area->name);
	}
}

/* Sets from and to from the pickups unless given, and checks every pickup is inside. */
static void
check_period(struct schedule_import *im)
{
	const struct import_pickup	*p;
	long				 first = -1, last = -1;
	char				 day[16];
	int				 y, m, d;
	size_t				 i;

	for (i = 0; i < im->pickup_count; i++) {
		if (first == -1 || im->pickups[i].day < first)
			first = im->pickups[i].day;
		if (last == -1 || im->pickups[i].day > last)
			last = im->pickups[i].day;
	}
	if (first == -1)
		return;
	if (im->from == -1) {
		days_to_date(first, &y, &m, &d);
		im->from = date_to_days(y, m, 1);
	}
	if (im->to == -1) {
		days_to_date(last, &y, &m, &d);
		im->to = date_to_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	}
	for (i = 0; i < im->pickup_count; i++) {
		p = &im->pickups[i];
		if (p->day >= im->from && p->day <= im->to)
			continue;
		days_to_date(p->day, &y, &m, &d);
		snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
		import_error(im, p->file, p->line, "Import.PickupOutsidePeriod", day);
	}
}

/* Reads and checks every input file. Returns the number of errors found. */
static size_t
read_inputs(struct schedule_import *im)
{
	size_t	 i;

	if (import_load_aliases(im) == -1)
		return ++im->error_count;
	import_read_areas(im);
	if (im->pickups_path != NULL)
		import_read_pickups(im);
	for (i = 0; i < im->ics_count; i++)
		import_read_ics(im, &im->ics[i]);
	if (im->error_count == 0)
		check_consistency(im);
	if (im->error_count == 0)
		check_period(im);
	if (im->error_count == 0 && import_check_periods(im) == -1)
		im->error_count++;
	if (im->error_count == 0 && import_resolve_places(im) == -1)
		im->error_count++;
	return im->error_count;
}

/* Writes everything read. Returns -1 when a statement failed. */
static int
store_all(struct schedule_import *im)
{
	static const char sql_bump[] =
	    "UPDATE tenant SET data_version = data_version + 1, has_schedule = 1"
	    " WHERE id = ?";

	if (import_store_places(im) == -1)
		return -1;
	/* Points are distinguished by locality and street ids, which are known only now. */
	import_plan_points(im);
	if (import_store_period(im) == -1 || import_store_points(im) == -1)
		return -1;
	return db_exec(im->ctl->db, sql_bump, DB_ARGS(DB_I(im->tenant_id)),
	    NULL, NULL);
}

static void
print_period(const struct schedule_import *im)
{
	char	 text[64];
	int	 y1, m1, d1, y2, m2, d2;

	days_to_date(im->from, &y1, &m1, &d1);
	days_to_date(im->to, &y2, &m2, &d2);
	snprintf(text, sizeof(text), "%04d-%02d-%02d – %04d-%02d-%02d",
	    y1, m1, d1, y2, m2, d2);
	ctl_info(im->ctl, "Import.Period", 0, text);
}

static void
print_number(const struct schedule_import *im, const char *key, size_t n)
{
	char	 text[32];

	snprintf(text, sizeof(text), "%zu", n);
	ctl_info(im->ctl, key, 0, text);
}

/* Prints "Zastąpione wcześniejsze okresy harmonogramu: 1 (2020-11-01 – 2021-04-30)." */
static void
print_replaced(const struct schedule_import *im)
{
	char		 from[DAY_TEXT_SIZE], to[DAY_TEXT_SIZE];
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_printf(&b, "%zu", im->replaced_count);
	for (i = 0; i < im->replaced_count; i++)
		buf_printf(&b, "%s%s – %s", i == 0 ? " (" : ", ",
		    import_format_day(im->replaced[i].from, from),
		    import_format_day(im->replaced[i].to, to));
	if (im->replaced_count > 0)
		buf_putc(&b, ')');
	ctl_info(im->ctl, "Import.Replaced", 0, buf_cstr(&b));
	buf_free(&b);
}

static void
print_summary(const struct schedule_import *im, const char *gmina)
{
	enum lang	 lang = im->ctl->lang;
	struct buf	 b;

	ctl_info(im->ctl, im->dry_run ? "Import.ScheduleChecked" :
	    "Import.ScheduleDone", 0, gmina);
	print_period(im);
	buf_init(&b);
	lang_count(&b, lang, "Import.Area", (long)im->area_count);
	buf_puts(&b, ", ");
	lang_count(&b, lang, "Import.Rule", (long)im->rule_count);
	buf_puts(&b, ", ");
	lang_count(&b, lang, "Import.Pickup", (long)im->pickup_count);
	ctl_info(im->ctl, "Import.Contents", 0, buf_cstr(&b));
	if (im->new_localities + im->new_streets > 0) {
		buf_reset(&b);
		if (im->new_localities > 0)
			lang_count(&b, lang, "Import.Locality", (long)im->new_localities);
		if (im->new_localities > 0 && im->new_streets > 0)
			buf_puts(&b, ", ");
		if (im->new_streets > 0)
			lang_count(&b, lang, "Import.Street", (long)im->new_streets);
		ctl_info(im->ctl, "Import.NewPlaces", 0, buf_cstr(&b));
	}
	buf_free(&b);
	print_number(im, "Import.PointsNew", im->new_points);
	print_number(im, "Import.PointsKept", im->kept_points);
	print_replaced(im);
	if (im->ics_count > 0) {
		print_number(im, "Import.Skipped", im->skipped_events);
		print_number(im, "Import.Cancelled", im->cancelled_events);
	}
}

static void
print_rejected(const struct schedule_import *im)
{
	struct buf	 b;

	if (im->error_count > IMPORT_MAX_ERRORS)
		print_number(im, "Import.MoreErrors",
		    im->error_count - IMPORT_MAX_ERRORS);
	buf_init(&b);
	lang_count(&b, im->ctl->lang, "Import.Error", (long)im->error_count);
	ctl_error(im->ctl, "Import.Rejected", 0, buf_cstr(&b));
	buf_free(&b);
}

/* Locks the gmina's row so that two imports of one gmina run one after the other. */
static int
lock_tenant(struct schedule_import *im, struct buf *gmina)
{
	struct db_result	 r;

	if (db_query(im->ctl->db, sql_lock_tenant, DB_ARGS(DB_I(im->tenant_id)),
	    &r) == -1)
		return -1;
	buf_printf(gmina, "%s (%s)", r.rows == 1 ? db_cell(&r, 0, 0) : "?",
	    im->terc);
	db_result_free(&r);
	return 0;
}

static void
import_free(struct schedule_import *im)
{
	size_t	 i;

	for (i = 0; i < im->ics_count; i++)
		free((char *)im->ics[i].area);
	for (i = 0; i < im->alias_count; i++)
		free(im->aliases[i].name_folded);
	for (i = 0; i < im->area_count; i++) {
		free(im->areas[i].name);
		free(im->areas[i].name_folded);
	}
	for (i = 0; i < im->locality_count; i++) {
		free(im->localities[i].name);
		free(im->localities[i].name_folded);
		free(im->localities[i].simc);
	}
	for (i = 0; i < im->street_count; i++) {
		free(im->streets[i].display);
		free(im->streets[i].name_folded);
		free(im->streets[i].ulic);
	}
	for (i = 0; i < im->rule_count; i++) {
		free(im->rules[i].numbers_text);
		free(im->rules[i].fractions_text);
	}
	for (i = 0; i < im->point_count; i++) {
		free(im->points[i].label);
		free(im->points[i].label_en);
		free(im->points[i].label_folded);
	}
	free(im->replaced);
	free(im->aliases);
	free(im->areas);
	free(im->localities);
	free(im->streets);
	free(im->rules);
	free(im->pickups);
	free(im->points);
}

/* Runs the import inside the open transaction; commits unless it fails or is a dry run. */
static int
import_run(struct schedule_import *im)
{
	struct buf	 gmina;
	int		 rc = 1;

	buf_init(&gmina);
	if ((im->tenant_id = ctl_tenant_id(im->ctl, im->terc)) == 0 ||
	    lock_tenant(im, &gmina) == -1)
		db_rollback(im->ctl->db);
	else if (read_inputs(im) > 0) {
		db_rollback(im->ctl->db);
		print_rejected(im);
	} else if (store_all(im) == -1) {
		db_rollback(im->ctl->db);
		ctl_error(im->ctl, "Import.Failed", 0, NULL);
	} else if (im->dry_run) {
		db_rollback(im->ctl->db);
		print_summary(im, buf_cstr(&gmina));
		rc = 0;
	} else if (db_commit(im->ctl->db) == -1)
		ctl_error(im->ctl, "Import.Failed", 0, NULL);
	else {
		print_summary(im, buf_cstr(&gmina));
		rc = 0;
	}
	buf_free(&gmina);
	return rc;
}

int
ctl_import_schedule(struct ctl *ctl, int argc, char **argv)
{
	struct schedule_import	 im;
	int			 rc = 2;

	memset(&im, 0, sizeof(im));
	im.ctl = ctl;
	im.from = im.to = -1;
	if (parse_options(&im, argc, argv) == 0)
		rc = db_begin(ctl->db) == -1 ? 1 : import_run(&im);
	import_free(&im);
	return rc;
}
