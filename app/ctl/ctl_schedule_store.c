/* ctl_schedule_store.c: writes a schedule period with its areas, rules and pickups. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ctl_schedule.h"
#include "fraction.h"
#include "text.h"

static const char sql_add_period[] =
    "INSERT INTO schedule_period (tenant_id, valid_from, valid_to, status, source,"
    " imported_at) VALUES (?, ?, ?, 'active', ?, UTC_TIMESTAMP())";
static const char sql_add_area[] =
    "INSERT INTO area (tenant_id, period_id, name) VALUES (?, ?, ?)";
static const char sql_add_rule[] =
    "INSERT INTO area_rule (tenant_id, area_id, line, locality_id, street_id,"
    " numbers, building, fractions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_add_pickup[] =
    "INSERT INTO pickup (tenant_id, area_id, day, fraction_code, line)"
    " VALUES (?, ?, ?, ?, ?)";

static const char *const building_names[] = { "any", "single", "multi" };

static int
store_period_row(struct schedule_import *im)
{
	char		 from_text[DAY_TEXT_SIZE], to_text[DAY_TEXT_SIZE];
	const char	*from = import_format_day(im->from, from_text);
	const char	*to = import_format_day(im->to, to_text);

	if (db_exec(im->ctl->db, sql_add_period, DB_ARGS(DB_I(im->tenant_id),
	    DB_S(from), DB_S(to), DB_S(im->source)), NULL, &im->period_id) == -1)
		return -1;
	return import_replace_periods(im);
}

static int
store_rule(struct schedule_import *im, const struct import_rule *rule)
{
	unsigned long long	 street = rule->street == NO_STREET ? 0 :
	    im->streets[rule->street].id;

	return db_exec(im->ctl->db, sql_add_rule, DB_ARGS(DB_I(im->tenant_id),
	    DB_I(im->areas[rule->area].id), DB_I(rule->line),
	    DB_I(im->localities[rule->locality].id),
	    street != 0 ? DB_I(street) : DB_N(), DB_S(rule->numbers_text),
	    DB_S(building_names[rule->building]), DB_S(rule->fractions_text)),
	    NULL, NULL);
}

static int
store_pickup(struct schedule_import *im, const struct import_pickup *pickup)
{
	char		 text[DAY_TEXT_SIZE];
	const char	*day = import_format_day(pickup->day, text);

	return db_exec(im->ctl->db, sql_add_pickup, DB_ARGS(DB_I(im->tenant_id),
	    DB_I(im->areas[pickup->area].id), DB_S(day),
	    DB_S(fractions[pickup->fraction].code), DB_I(pickup->line)),
	    NULL, NULL);
}

int
import_store_period(struct schedule_import *im)
{
	size_t	 i;

	if (store_period_row(im) == -1)
		return -1;
	for (i = 0; i < im->area_count; i++)
		if (db_exec(im->ctl->db, sql_add_area, DB_ARGS(DB_I(im->tenant_id),
		    DB_I(im->period_id), DB_S(im->areas[i].name)), NULL,
		    &im->areas[i].id) == -1)
			return -1;
	for (i = 0; i < im->rule_count; i++)
		if (store_rule(im, &im->rules[i]) == -1)
			return -1;
	for (i = 0; i < im->pickup_count; i++)
		if (store_pickup(im, &im->pickups[i]) == -1)
			return -1;
	return 0;
}
