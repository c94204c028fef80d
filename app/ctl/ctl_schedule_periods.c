/* ctl_schedule_periods.c: which active schedule periods an import replaces, and when it must not. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_schedule.h"
#include "text.h"

static const char sql_overlapping[] =
    "SELECT id, valid_from, valid_to FROM schedule_period"
    " WHERE tenant_id = ? AND status = 'active' AND valid_from <= ? AND valid_to >= ?"
    " ORDER BY valid_from, id";
static const char sql_period_areas[] =
    "SELECT name FROM area WHERE tenant_id = ? AND period_id = ? ORDER BY name";
static const char sql_replace[] =
    "UPDATE schedule_period SET status = 'replaced', replaced_by = ?"
    " WHERE tenant_id = ? AND id = ? AND status = 'active'";

/* Writes YYYY-MM-DD; the import accepts years 2000 to 2100 only. */
const char *
import_format_day(long days, char out[DAY_TEXT_SIZE])
{
	int	 y, m, d;

	days_to_date(days, &y, &m, &d);
	snprintf(out, DAY_TEXT_SIZE, "%04d-%02d-%02d", y, m, d);
	return out;
}

/* Appends "2025-01-01 – 2025-03-31". */
static void
format_span(struct buf *out, long from, long to)
{
	char	 a[DAY_TEXT_SIZE], b[DAY_TEXT_SIZE];

	buf_printf(out, "%s – %s", import_format_day(from, a),
	    import_format_day(to, b));
}

/*
 * True when the import has an area of this name.
 * NOTE: areas are matched by name only, so an area renamed in the new files
 * counts as missing and needs --replace.
 */
static bool
import_has_area(const struct schedule_import *im, const char *name)
{
	struct buf	 folded;
	size_t		 i;
	bool		 found = false;

	buf_init(&folded);
	text_fold(&folded, name);
	for (i = 0; i < im->area_count && !found; i++)
		found = strcmp(im->areas[i].name_folded, buf_cstr(&folded)) == 0;
	buf_free(&folded);
	return found;
}

/* Lists the areas of a period that the import lacks: "„Rejon 1”, „Rejon 2”". */
static int
lost_areas(struct schedule_import *im, unsigned long long period, struct buf *out)
{
	struct db_result	 r;
	size_t			 i;

	if (db_query(im->ctl->db, sql_period_areas, DB_ARGS(DB_I(im->tenant_id),
	    DB_I(period)), &r) == -1)
		return -1;
	for (i = 0; i < r.rows; i++)
		if (!import_has_area(im, db_cell(&r, i, 0)))
			buf_printf(out, "%s„%s”", out->len > 0 ? ", " : "",
			    db_cell(&r, i, 0));
	db_result_free(&r);
	return 0;
}

/* Lists the days of from..to outside the import's span: "2025-01-01 – 2025-02-28". */
static void
lost_days(const struct schedule_import *im, long from, long to, struct buf *out)
{
	if (from < im->from)
		format_span(out, from, (to < im->from ? to : im->from - 1));
	if (to > im->to) {
		if (out->len > 0)
			buf_puts(out, ", ");
		format_span(out, from > im->to ? from : im->to + 1, to);
	}
}

/* Reports a period the import would replace only in part. */
static void
report_conflict(struct schedule_import *im, long from, long to,
    const struct buf *areas, const struct buf *days)
{
	struct buf	 period, span;

	buf_init(&period);
	buf_init(&span);
	format_span(&period, from, to);
	format_span(&span, im->from, im->to);
	if (im->error_count++ < IMPORT_MAX_ERRORS) {
		ctl_error_with(im->ctl, "Import.PeriodConflict", (const char *const[]){
		    "period", buf_cstr(&period), "span", buf_cstr(&span), NULL });
		if (areas->len > 0)
			ctl_error(im->ctl, "Import.PeriodLostAreas", 0, buf_cstr(areas));
		if (days->len > 0)
			ctl_error(im->ctl, "Import.PeriodLostDays", 0, buf_cstr(days));
	}
	buf_free(&period);
	buf_free(&span);
}

/* Checks one overlapping period; adds it to the replaced ones unless it conflicts. */
static int
check_period_row(struct schedule_import *im, unsigned long long id, long from,
    long to, bool *conflict)
{
	struct import_replaced	*replaced;
	struct buf		 areas, days;
	int			 rc;

	buf_init(&areas);
	buf_init(&days);
	if ((rc = lost_areas(im, id, &areas)) == 0)
		lost_days(im, from, to, &days);
	if (rc == 0 && !im->replace && areas.len + days.len > 0) {
		report_conflict(im, from, to, &areas, &days);
		*conflict = true;
	} else if (rc == 0) {
		im->replaced = import_grow(im->replaced, &im->replaced_count,
		    sizeof(*im->replaced));
		replaced = &im->replaced[im->replaced_count - 1];
		replaced->id = id;
		replaced->from = from;
		replaced->to = to;
	}
	buf_free(&areas);
	buf_free(&days);
	return rc;
}

int
import_check_periods(struct schedule_import *im)
{
	struct db_result	 r;
	char			 from[DAY_TEXT_SIZE], to[DAY_TEXT_SIZE];
	long			 row_from, row_to;
	size_t			 i;
	bool			 conflict = false;
	int			 rc = 0;

	if (db_query(im->ctl->db, sql_overlapping, DB_ARGS(DB_I(im->tenant_id),
	    DB_S(import_format_day(im->to, to)),
	    DB_S(import_format_day(im->from, from))), &r) == -1)
		return -1;
	for (i = 0; i < r.rows && rc == 0; i++) {
		row_from = import_parse_date(db_cell(&r, i, 1));
		row_to = import_parse_date(db_cell(&r, i, 2));
		rc = check_period_row(im, (unsigned long long)db_cell_int(&r, i, 0),
		    row_from, row_to, &conflict);
	}
	db_result_free(&r);
	if (conflict && im->error_count <= IMPORT_MAX_ERRORS)
		ctl_error(im->ctl, "Import.PeriodHint", 0, NULL);
	return rc;
}

int
import_replace_periods(struct schedule_import *im)
{
	size_t	 i;

	for (i = 0; i < im->replaced_count; i++)
		if (db_exec(im->ctl->db, sql_replace, DB_ARGS(DB_I(im->period_id),
		    DB_I(im->tenant_id), DB_I(im->replaced[i].id)), NULL, NULL) == -1)
			return -1;
	return 0;
}
