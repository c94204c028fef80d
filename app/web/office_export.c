/* office_export.c: the current work list as CSV (RFC 4180, UTF-8 with a BOM for Excel). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "office.h"

/*
 * Appends one quoted field. A value a spreadsheet would run as a formula
 * (starting with =, +, -, @, a tab or a carriage return) gets a leading
 * apostrophe, so it is shown as text.
 */
static void
csv_field(struct buf *out, const char *value, bool last)
{
	const char	*s = value != NULL ? value : "";

	buf_putc(out, '"');
	if (strchr("=+-@\t\r", *s) != NULL && *s != '\0')
		buf_putc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_puts(out, last ? "\"\r\n" : "\",");
}

static void
csv_header(struct buf *out, enum lang lang)
{
	static const char *const keys[] = { "Number", "Status", "Category", "Unit",
	    "Assignee", "Created", "Deadline", "Overdue", "Public", "Address",
	    "Latitude", "Longitude", "Description", "Notes" };
	char	 key[64];
	size_t	 i, n = sizeof(keys) / sizeof(keys[0]);

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "Page.Office.Csv.%s", keys[i]);
		csv_field(out, lang_text(lang, key), i + 1 == n);
	}
}

static void
csv_row(struct buf *out, enum lang lang, const struct db_result *res, size_t i)
{
	enum report_status	 st;
	char			 created[17], deadline[17];
	const char		*yes = lang_text(lang, "Page.Office.Csv.Yes");
	const char		*no = lang_text(lang, "Page.Office.Csv.No");

	if (report_status_parse(db_cell(res, i, COL_STATUS), &st) == -1)
		st = REPORT_NEW;
	office_local_time(db_cell(res, i, COL_CREATED), created);
	office_local_time(db_cell(res, i, COL_DEADLINE), deadline);
	csv_field(out, db_cell(res, i, COL_NUMBER), false);
	csv_field(out, lang_text(lang, report_status_text_key(st)), false);
	csv_field(out, db_cell(res, i, lang == LANG_EN ? COL_CATEGORY_EN : COL_CATEGORY_PL),
	    false);
	csv_field(out, db_cell(res, i, COL_UNIT), false);
	csv_field(out, db_cell(res, i, COL_ASSIGNEE), false);
	csv_field(out, created, false);
	csv_field(out, deadline, false);
	csv_field(out, db_cell_int(res, i, COL_OVERDUE) ? yes : no, false);
	csv_field(out, db_cell_int(res, i, COL_PUBLIC) ? yes : no, false);
	csv_field(out, db_cell(res, i, COL_ADDRESS), false);
	csv_field(out, db_cell(res, i, COL_LAT), false);
	csv_field(out, db_cell(res, i, COL_LON), false);
	csv_field(out, db_cell(res, i, COL_DESCRIPTION), false);
	/* The internal notes the viewer's access allows (report_event_visible). */
	csv_field(out, db_cell(res, i, COL_NOTES), true);
}

/*
 * Appends every row of f from the first on, in batches of OFFICE_EXPORT_BATCH,
 * so that only one batch of results is held at a time. Returns 0 or -1.
 */
static int
csv_rows(struct request *r, struct app *app, const struct office *o,
    struct office_filter *f)
{
	struct db_result	 rows;
	char			 cursor[48];
	size_t			 i, total = 0;
	bool			 more = true;

	f->after = NULL;
	/* NOTE: an export stops after OFFICE_EXPORT_MAX rows without saying so in the file. */
	while (more && total < OFFICE_EXPORT_MAX) {
		if (office_list_query(app, r, o, f, OFFICE_EXPORT_BATCH, true, &rows) == -1)
			return -1;
		for (i = 0; i < rows.rows; i++)
			csv_row(&r->body, r->lang, &rows, i);
		total += rows.rows;
		more = rows.rows == OFFICE_EXPORT_BATCH;
		if (more) {
			office_list_cursor(&rows, rows.rows - 1, f->sort, cursor);
			f->after = cursor;
		}
		db_result_free(&rows);
	}
	return 0;
}

/* GET /urzad/TERC/zgloszenia.csv: the filtered work list, every page of it. */
void
office_export(struct request *r, struct app *app)
{
	struct office		 o;
	struct office_filter	 f;
	char			 disposition[96];

	if (!office_enter(r, app, &o) || !office_filter_read(r, &o, &f))
		return;
	buf_reset(&r->body);
	buf_puts(&r->body, "\xEF\xBB\xBF");
	csv_header(&r->body, r->lang);
	if (csv_rows(r, app, &o, &f) == -1) {
		buf_reset(&r->body);
		r->status = 503;
		return;
	}
	r->content_type = "text/csv; charset=utf-8; header=present";
	snprintf(disposition, sizeof(disposition),
	    "attachment; filename=\"zgloszenia-%s.csv\"", o.terc);
	response_header(r, "Content-Disposition", disposition);
	/* nginx adds X-Content-Type-Options: nosniff to every response. */
}
