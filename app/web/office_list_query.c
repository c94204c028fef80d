/* office_list_query.c: the one query behind the work lists and the CSV export. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "office.h"

/* Reports not finished: still open for work, so they can be overdue. */
#define OPEN_STATUSES	"('new', 'verified', 'forwarded', 'in_progress')"

#define LIST_COLUMNS \
    "SELECT r.id, r.public_number, r.status, c.name_pl, c.name_en, u.name," \
    " COALESCE(NULLIF(a.display_name, ''), a.email), r.created_at, r.deadline_at," \
    " r.deadline_at IS NOT NULL AND r.deadline_at < ? AND r.status IN " OPEN_STATUSES "," \
    " r.needs_triage, r.hidden, " REPORT_PUBLIC_SQL ", r.address_text, r.description," \
    " r.updated_at, IF(?, (SELECT GROUP_CONCAT(n.body ORDER BY n.id SEPARATOR '\\n')" \
    "  FROM report_event n WHERE n.tenant_id = r.tenant_id AND n.report_id = r.id" \
    "  AND n.kind = 'note' AND " REPORT_INTERNAL_EVENT_VISIBLE_SQL("n", "r", "u") "), NULL)," \
    " r.lat, r.lon"

/*
 * The rows the viewer may see (the SQL form of report_visible for staff: the
 * whole gmina for coordinators and admins, the viewer's units for operators,
 * never an e-mail author's report before its confirmation), then each filter.
 */
#define LIST_FROM \
    " FROM report r JOIN report_category c ON c.id = r.category_id" \
    " JOIN unit u ON u.id = r.unit_id LEFT JOIN account a ON a.id = r.assignee_id" \
    " WHERE r.tenant_id = ?" \
    " AND (r.author_id IS NOT NULL OR r.email_confirmed_at IS NOT NULL)" \
    " AND (? OR r.unit_id IN (SELECT o.unit_id FROM account_role o" \
    "  WHERE o.account_id = ? AND o.tenant_id = r.tenant_id AND o.role = 'operator'))" \
    " AND (? = 0 OR r.needs_triage = 1 OR r.status = 'new')" \
    " AND (? IS NULL OR r.status = ?)" \
    " AND (? = 0 OR r.status IN " OPEN_STATUSES ")" \
    " AND (? IS NULL OR r.category_id = ? OR c.parent_id = ?)" \
    " AND (? IS NULL OR r.unit_id = ?)" \
    " AND (? IS NULL OR r.assignee_id = ?) AND (? = 0 OR r.assignee_id IS NULL)" \
    " AND (? = 0 OR (r.deadline_at < ? AND r.status IN " OPEN_STATUSES "))" \
    " AND (? IS NULL OR r.created_at >= ?) AND (? IS NULL OR r.created_at < ?)" \
    /* NOTE: "%text%" cannot use an index, so text search scans the viewer's reports. */ \
    " AND (? IS NULL OR CONVERT(r.public_number USING utf8mb4) LIKE ?" \
    "  OR r.description LIKE ?)"

#define DEADLINE_KEY	"COALESCE(r.deadline_at, '9999-12-31 23:59:59')"

static const char *const sql_list[SORT_COUNT] = {
	[SORT_NEWEST] = LIST_COLUMNS LIST_FROM
	    " AND (? IS NULL OR r.id < ?) ORDER BY r.id DESC LIMIT ?",
	[SORT_OLDEST] = LIST_COLUMNS LIST_FROM
	    " AND (? IS NULL OR r.id > ?) ORDER BY r.id LIMIT ?",
	[SORT_DEADLINE] = LIST_COLUMNS LIST_FROM
	    " AND (? IS NULL OR (" DEADLINE_KEY ", r.id) > (?, ?))"
	    " ORDER BY " DEADLINE_KEY ", r.id LIMIT ?",
	[SORT_UPDATED] = LIST_COLUMNS LIST_FROM
	    " AND (? IS NULL OR (r.updated_at, r.id) < (?, ?))"
	    " ORDER BY r.updated_at DESC, r.id DESC LIMIT ?",
};

static const char sql_count[] =
    "SELECT COUNT(*), COALESCE(SUM(r.deadline_at < ? AND r.status IN " OPEN_STATUSES
    "), 0)" LIST_FROM;

#define MAX_PARAMS	40

/* The statement parameters of a list query, with the texts they point to. */
struct params {
	struct db_param	 p[MAX_PARAMS];
	size_t		 n;
	char		 today[20], from[20], to[20], like[512];
	char		 key[20], status[16];
};

static void
push(struct params *ps, struct db_param p)
{
	if (ps->n < MAX_PARAMS)
		ps->p[ps->n++] = p;
}

/* Appends s to out as a LIKE pattern "%s%" with %, _ and \ escaped. */
static void
like_pattern(char *out, size_t size, const char *s)
{
	size_t	 i = 0;

	out[i++] = '%';
	for (; *s != '\0' && i + 3 < size; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			out[i++] = '\\';
		out[i++] = *s;
	}
	out[i++] = '%';
	out[i] = '\0';
}

static void
push_where(struct params *ps, struct request *r, const struct office *o,
    const struct office_filter *f)
{
	bool	 open = f->status != NULL && strcmp(f->status, "open") == 0;
	bool	 has_text = f->text != NULL && *f->text != '\0';

	push(ps, DB_I(o->tenant_id));
	push(ps, DB_I(o->gmina_wide));
	push(ps, DB_I(r->account_id));
	push(ps, DB_I(f->triage));
	snprintf(ps->status, sizeof(ps->status), "%s", f->status != NULL ? f->status : "");
	push(ps, open || f->status == NULL ? DB_N() : DB_T(ps->status));
	push(ps, DB_T(ps->status));
	push(ps, DB_I(open));
	push(ps, f->category ? DB_I(f->category) : DB_N());
	push(ps, DB_I(f->category));
	push(ps, DB_I(f->category));
	push(ps, f->unit ? DB_I(f->unit) : DB_N());
	push(ps, DB_I(f->unit));
	push(ps, f->assignee ? DB_I(f->assignee) : DB_N());
	push(ps, DB_I(f->assignee));
	push(ps, DB_I(f->unassigned));
	push(ps, DB_I(f->overdue));
	push(ps, DB_T(ps->today));
	if (f->from_day >= 0)
		office_day_start(f->from_day, ps->from);
	push(ps, f->from_day >= 0 ? DB_T(ps->from) : DB_N());
	push(ps, DB_T(ps->from));
	if (f->to_day >= 0)
		office_day_start(f->to_day + 1, ps->to);
	push(ps, f->to_day >= 0 ? DB_T(ps->to) : DB_N());
	push(ps, DB_T(ps->to));
	like_pattern(ps->like, sizeof(ps->like), has_text ? f->text : "");
	push(ps, has_text ? DB_T(ps->like) : DB_N());
	push(ps, DB_T(ps->like));
	push(ps, DB_T(ps->like));
}

/*
 * Reads a cursor: "ID" for the id orders, "YYYYMMDDhhmmss~ID" for the others.
 * Returns false for another form.
 */
static bool
cursor_parse(const char *s, int sort, char key[20], unsigned long long *id)
{
	unsigned	 y, mo, d, h, mi, sec;
	int		 used = 0;

	if (sort == SORT_NEWEST || sort == SORT_OLDEST)
		return sscanf(s, "%llu%n", id, &used) == 1 && s[used] == '\0' && *id > 0;
	if (sscanf(s, "%4u%2u%2u%2u%2u%2u~%llu%n", &y, &mo, &d, &h, &mi, &sec, id,
	    &used) != 7 || s[used] != '\0' || *id == 0 || mo > 12 || d > 31 || h > 23 ||
	    mi > 59 || sec > 59)
		return false;
	snprintf(key, 20, "%04u-%02u-%02u %02u:%02u:%02u", y, mo, d, h, mi, sec);
	return true;
}

bool
office_filter_cursor_ok(const char *s, int sort)
{
	char			 key[20];
	unsigned long long	 id;

	return cursor_parse(s, sort, key, &id);
}

void
office_list_cursor(const struct db_result *res, size_t i, int sort, char out[48])
{
	const char	*key = NULL;
	int		 y = 9999, mo = 12, d = 31, h = 23, mi = 59, sec = 59;

	if (sort == SORT_NEWEST || sort == SORT_OLDEST) {
		snprintf(out, 48, "%s", db_cell(res, i, COL_ID));
		return;
	}
	key = db_cell(res, i, sort == SORT_DEADLINE ? COL_DEADLINE : COL_UPDATED);
	if (key != NULL)
		sscanf(key, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec);
	snprintf(out, 48, "%04d%02d%02d%02d%02d%02d~%s", y, mo, d, h, mi, sec,
	    db_cell(res, i, COL_ID));
}

int
office_list_query(struct app *app, struct request *r, const struct office *o,
    const struct office_filter *f, unsigned limit, bool with_notes, struct db_result *out)
{
	struct params		 ps;
	unsigned long long	 id = 0;
	bool			 has_cursor;

	memset(&ps, 0, sizeof(ps));
	office_day_start(r->today, ps.today);
	push(&ps, DB_T(ps.today));
	push(&ps, DB_I(with_notes));
	push(&ps, DB_I(o->gmina_wide));
	push_where(&ps, r, o, f);
	has_cursor = f->after != NULL && cursor_parse(f->after, f->sort, ps.key, &id);
	push(&ps, has_cursor ? DB_I(1) : DB_N());
	if (f->sort == SORT_DEADLINE || f->sort == SORT_UPDATED)
		push(&ps, DB_T(ps.key));
	push(&ps, DB_I(id));
	push(&ps, DB_I(limit));
	return db_query(app->db, sql_list[f->sort], ps.p, ps.n, out);
}

int
office_list_count(struct app *app, struct request *r, const struct office *o,
    const struct office_filter *f, long long *total, long long *overdue)
{
	struct params		 ps;
	struct db_result	 res;

	memset(&ps, 0, sizeof(ps));
	office_day_start(r->today, ps.today);
	push(&ps, DB_T(ps.today));
	push_where(&ps, r, o, f);
	if (db_query(app->db, sql_count, ps.p, ps.n, &res) == -1)
		return -1;
	*total = db_cell_int(&res, 0, 0);
	*overdue = db_cell_int(&res, 0, 1);
	db_result_free(&res);
	return 0;
}
