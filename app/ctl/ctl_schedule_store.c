/* ctl_schedule_store.c: writes a schedule period with its areas, rules and pickups, replacing overlapping periods. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ctl_schedule.h"
#include "fraction.h"
#include "text.h"

#define SOURCE_MAX	500	/* characters of schedule_period.source */

static const char sql_add_period[] =
    "INSERT INTO schedule_period (tenant_id, valid_from, valid_to, status, source,"
    " imported_at) VALUES (?, ?, ?, 'active', ?, UTC_TIMESTAMP())";
/* The new period is active already, so it is excluded by its id. */
static const char sql_replace_periods[] =
    "UPDATE schedule_period SET status = 'replaced', replaced_by = ?"
    " WHERE tenant_id = ? AND status = 'active' AND id <> ?"
    " AND valid_from <= ? AND valid_to >= ?";
static const char sql_add_area[] =
    "INSERT INTO area (tenant_id, period_id, name) VALUES (?, ?, ?)";
static const char sql_add_rule[] =
    "INSERT INTO area_rule (tenant_id, area_id, line, locality_id, street_id,"
    " numbers, building, fractions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_add_pickup[] =
    "INSERT INTO pickup (tenant_id, area_id, day, fraction_code, line)"
    " VALUES (?, ?, ?, ?, ?)";

static const char *const building_names[] = { "any", "single", "multi" };

#define DAY_TEXT_SIZE	16

/* Writes YYYY-MM-DD; the import accepts years 2000 to 2100 only. */
static const char *
format_day(long days, char out[DAY_TEXT_SIZE])
{
	int	 y, m, d;

	days_to_date(days, &y, &m, &d);
	snprintf(out, DAY_TEXT_SIZE, "%04d-%02d-%02d", y, m, d);
	return out;
}

/* Cuts s to SOURCE_MAX characters, never inside a UTF-8 sequence. */
static void
cut_source(const char *s, struct buf *out)
{
	size_t	 chars = 0, i;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == SOURCE_MAX)
			break;
	}
	buf_append(out, s, i);
}

static int
store_period_row(struct schedule_import *im)
{
	unsigned long long	 replaced;
	char			 from_text[DAY_TEXT_SIZE], to_text[DAY_TEXT_SIZE];
	const char		*from = format_day(im->from, from_text);
	const char		*to = format_day(im->to, to_text);
	struct buf		 source;
	int			 rc;

	buf_init(&source);
	cut_source(im->source, &source);
	rc = db_exec(im->ctl->db, sql_add_period, DB_ARGS(DB_I(im->tenant_id),
	    DB_S(from), DB_S(to), DB_S(buf_cstr(&source))), NULL, &im->period_id);
	buf_free(&source);
	if (rc == -1 || db_exec(im->ctl->db, sql_replace_periods, DB_ARGS(
	    DB_I(im->period_id), DB_I(im->tenant_id), DB_I(im->period_id),
	    DB_S(to), DB_S(from)), &replaced, NULL) == -1)
		return -1;
	im->replaced_periods = (size_t)replaced;
	return 0;
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
	const char	*day = format_day(pickup->day, text);

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
