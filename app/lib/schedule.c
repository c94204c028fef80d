/* schedule.c: the read queries behind the resident pages, the JSON API and the calendar feeds. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "house_number.h"
#include "schedule.h"
#include "text.h"

/* A point is listed only while an active schedule period serves it. */
#define POINT_IS_SERVED \
	" EXISTS (SELECT 1 FROM point_area pa JOIN area a ON a.id = pa.area_id" \
	" JOIN schedule_period sp ON sp.id = a.period_id" \
	" WHERE pa.tenant_id = ap.tenant_id AND pa.point_id = ap.id" \
	" AND sp.status = 'active')"

static const char sql_gmina[] =
    "SELECT t.id, t.terc, t.name, t.kind_name, COALESCE(p.name, ''),"
    " LOWER(COALESCE(w.name, '')), t.data_version, t.has_schedule FROM tenant t"
    " LEFT JOIN region p ON p.code = LEFT(t.terc, 4)"
    " LEFT JOIN region w ON w.code = LEFT(t.terc, 2) WHERE t.terc = ?";
static const char sql_point[] =
    "SELECT ap.id, ap.tenant_id, ap.locality_id, t.terc, t.name, ap.label,"
    " ap.token, t.data_version, ap.label_en FROM address_point ap"
    " JOIN tenant t ON t.id = ap.tenant_id WHERE ap.id = ?";
static const char sql_point_token[] =
    "SELECT ap.id, ap.tenant_id, ap.locality_id, t.terc, t.name, ap.label,"
    " ap.token, t.data_version, ap.label_en FROM address_point ap"
    " JOIN tenant t ON t.id = ap.tenant_id WHERE ap.token = ?";
static const char sql_pickups[] =
    "SELECT DISTINCT DATEDIFF(p.day, '1970-01-01'), p.fraction_code,"
    " COALESCE(tf.display_name, f.name_pl), f.name_en, f.color, f.sort_order"
    " FROM point_area pa JOIN area a ON a.id = pa.area_id"
    " JOIN schedule_period sp ON sp.id = a.period_id AND sp.status = 'active'"
    " JOIN pickup p ON p.tenant_id = pa.tenant_id AND p.area_id = pa.area_id"
    "  AND p.fraction_code = pa.fraction_code"
    " JOIN fraction f ON f.code = p.fraction_code"
    " LEFT JOIN tenant_fraction tf ON tf.tenant_id = pa.tenant_id"
    "  AND tf.fraction_code = p.fraction_code"
    " WHERE pa.tenant_id = ? AND pa.point_id = ?"
    " AND p.day BETWEEN DATE_ADD('1970-01-01', INTERVAL ? DAY)"
    " AND DATE_ADD('1970-01-01', INTERVAL ? DAY)"
    " ORDER BY 1, f.sort_order";
static const char sql_span[] =
    "SELECT COALESCE(DATEDIFF(MIN(sp.valid_from), '1970-01-01'), 0),"
    " COALESCE(DATEDIFF(MAX(sp.valid_to), '1970-01-01'), 0),"
    " COALESCE(DATEDIFF(MIN(p.day), '1970-01-01'), 0),"
    " COALESCE(DATEDIFF(MAX(p.day), '1970-01-01'), 0)"
    " FROM point_area pa JOIN area a ON a.id = pa.area_id"
    " JOIN schedule_period sp ON sp.id = a.period_id AND sp.status = 'active'"
    " LEFT JOIN pickup p ON p.tenant_id = pa.tenant_id AND p.area_id = pa.area_id"
    "  AND p.fraction_code = pa.fraction_code"
    " WHERE pa.tenant_id = ? AND pa.point_id = ?";
static const char sql_search_gminy[] =
    "SELECT t.terc, t.name, t.kind_name, COALESCE(p.name, ''),"
    " LOWER(COALESCE(w.name, '')), t.has_schedule FROM tenant t"
    " LEFT JOIN region p ON p.code = LEFT(t.terc, 4)"
    " LEFT JOIN region w ON w.code = LEFT(t.terc, 2)"
    " WHERE INSTR(t.name_folded, ?) = 1 OR INSTR(t.name_folded, CONCAT(' ', ?)) > 0"
    " ORDER BY t.has_schedule DESC, t.name, t.terc LIMIT ?";
static const char sql_gminy_with_schedule[] =
    "SELECT t.terc, t.name, t.kind_name, COALESCE(p.name, ''),"
    " LOWER(COALESCE(w.name, '')) FROM tenant t"
    " LEFT JOIN region p ON p.code = LEFT(t.terc, 4)"
    " LEFT JOIN region w ON w.code = LEFT(t.terc, 2)"
    " WHERE t.has_schedule = 1 ORDER BY t.name";
/*
 * Words are matched with INSTR, not LIKE, so that "%", "_" and a backslash typed
 * by a resident are plain characters. An empty word matches every label.
 */
static const char sql_search_points[] =
    "SELECT ap.id, ap.label, ap.token, ap.locality_id, ap.numbers, ap.street_id,"
    " ap.building, ap.label_en FROM address_point ap WHERE ap.tenant_id = ?"
    " AND INSTR(ap.label_folded, ?) > 0"
    " AND INSTR(ap.label_folded, ?) > 0"
    " AND INSTR(ap.label_folded, ?) > 0"
    " AND INSTR(ap.label_folded, ?) > 0 AND" POINT_IS_SERVED
    " ORDER BY ap.label LIMIT 500";
/* Whole-locality points whose label has any of the words; "#" never occurs in folded text. */
static const char sql_search_locality_points[] =
    "SELECT ap.id, ap.label, ap.token, ap.locality_id, ap.numbers, ap.street_id,"
    " ap.building, ap.label_en FROM address_point ap WHERE ap.tenant_id = ?"
    " AND ap.street_id = 0"
    " AND ap.numbers = '' AND (INSTR(ap.label_folded, ?) > 0"
    " OR INSTR(ap.label_folded, ?) > 0"
    " OR INSTR(ap.label_folded, ?) > 0"
    " OR INSTR(ap.label_folded, ?) > 0) AND" POINT_IS_SERVED
    " ORDER BY ap.label LIMIT ?";
/* The whole-locality point for any building type of one locality. */
static const char sql_rest_of_locality[] =
    "SELECT ap.id, ap.label, ap.token, ap.locality_id, ap.numbers, ap.street_id,"
    " ap.building, ap.label_en FROM address_point ap WHERE ap.tenant_id = ?"
    " AND ap.locality_id = ? AND ap.street_id = 0 AND ap.numbers = ''"
    " AND ap.building = 'any' AND" POINT_IS_SERVED;
static const char sql_localities[] =
    "SELECT l.id, l.name, COUNT(*) FROM address_point ap"
    " JOIN locality l ON l.id = ap.locality_id"
    " WHERE ap.tenant_id = ? AND" POINT_IS_SERVED
    " GROUP BY l.id, l.name ORDER BY l.name";
static const char sql_locality_points[] =
    "SELECT ap.id, ap.label, ap.token, ap.label_en FROM address_point ap"
    " WHERE ap.tenant_id = ? AND ap.locality_id = ? AND" POINT_IS_SERVED
    " ORDER BY ap.street_id <> 0, ap.label";
static const char sql_locality_name[] =
    "SELECT name FROM locality WHERE tenant_id = ? AND id = ?";

static void
copy_cell(char *out, size_t size, const struct db_result *r, size_t row, size_t col)
{
	const char	*s = db_cell(r, row, col);

	snprintf(out, size, "%s", s != NULL ? s : "");
}

int
schedule_gmina(struct db *db, const char *terc, struct gmina *g)
{
	struct db_result	 r;
	int			 found;

	memset(g, 0, sizeof(*g));
	if (db_query(db, sql_gmina, DB_ARGS(DB_S(terc)), &r) == -1)
		return -1;
	if ((found = r.rows == 1)) {
		g->id = (unsigned long long)db_cell_int(&r, 0, 0);
		copy_cell(g->terc, sizeof(g->terc), &r, 0, 1);
		copy_cell(g->name, sizeof(g->name), &r, 0, 2);
		copy_cell(g->kind_name, sizeof(g->kind_name), &r, 0, 3);
		copy_cell(g->powiat, sizeof(g->powiat), &r, 0, 4);
		copy_cell(g->voivodeship, sizeof(g->voivodeship), &r, 0, 5);
		g->data_version = (unsigned)db_cell_int(&r, 0, 6);
		g->has_schedule = (int)db_cell_int(&r, 0, 7);
	}
	db_result_free(&r);
	return found;
}

static int
point_from_result(struct db_result *r, struct point *p)
{
	int	 found;

	memset(p, 0, sizeof(*p));
	if ((found = r->rows == 1)) {
		p->id = (unsigned long long)db_cell_int(r, 0, 0);
		p->tenant_id = (unsigned long long)db_cell_int(r, 0, 1);
		p->locality_id = (unsigned long long)db_cell_int(r, 0, 2);
		copy_cell(p->terc, sizeof(p->terc), r, 0, 3);
		copy_cell(p->gmina_name, sizeof(p->gmina_name), r, 0, 4);
		copy_cell(p->label, sizeof(p->label), r, 0, 5);
		copy_cell(p->token, sizeof(p->token), r, 0, 6);
		p->data_version = (unsigned)db_cell_int(r, 0, 7);
		copy_cell(p->label_en, sizeof(p->label_en), r, 0, 8);
	}
	db_result_free(r);
	return found;
}

int
schedule_point(struct db *db, unsigned long long id, struct point *p)
{
	struct db_result	 r;

	if (db_query(db, sql_point, DB_ARGS(DB_I(id)), &r) == -1)
		return -1;
	return point_from_result(&r, p);
}

int
schedule_point_by_token(struct db *db, const char *token, struct point *p)
{
	struct db_result	 r;

	if (db_query(db, sql_point_token, DB_ARGS(DB_S(token)), &r) == -1)
		return -1;
	return point_from_result(&r, p);
}

int
schedule_pickups(struct db *db, const struct point *p, long from, long to,
    enum lang lang, struct pickup_list *out)
{
	struct db_result	 r, span;
	struct pickup		*k;
	size_t			 i;

	memset(out, 0, sizeof(*out));
	if (db_query(db, sql_span, DB_ARGS(DB_I(p->tenant_id), DB_I(p->id)), &span) == -1)
		return -1;
	out->first_day = (long)db_cell_int(&span, 0, 0);
	out->last_day = (long)db_cell_int(&span, 0, 1);
	out->first_pickup = (long)db_cell_int(&span, 0, 2);
	out->last_pickup = (long)db_cell_int(&span, 0, 3);
	db_result_free(&span);
	if (db_query(db, sql_pickups, DB_ARGS(DB_I(p->tenant_id), DB_I(p->id),
	    DB_I(from), DB_I(to)), &r) == -1)
		return -1;
	if (r.rows > 0 && (out->items = calloc(r.rows, sizeof(*k))) == NULL)
		abort();
	for (i = 0; i < r.rows; i++) {
		k = &out->items[i];
		k->day = (long)db_cell_int(&r, i, 0);
		copy_cell(k->code, sizeof(k->code), &r, i, 1);
		copy_cell(k->name, sizeof(k->name), &r, i, lang == LANG_PL ? 2 : 3);
		copy_cell(k->color, sizeof(k->color), &r, i, 4);
	}
	out->count = r.rows;
	db_result_free(&r);
	return 0;
}

void
pickup_list_free(struct pickup_list *l)
{
	free(l->items);
	memset(l, 0, sizeof(*l));
}

int
schedule_search_gminy(struct db *db, const char *q, size_t limit, struct db_result *out)
{
	struct buf	 folded;
	int		 rc;

	buf_init(&folded);
	text_fold(&folded, q);
	/* Punctuation alone ("!!!") folds to nothing and matches no gmina. */
	if (folded.len == 0) {
		memset(out, 0, sizeof(*out));
		buf_free(&folded);
		return 0;
	}
	rc = db_query(db, sql_search_gminy, DB_ARGS(DB_S(buf_cstr(&folded)),
	    DB_S(buf_cstr(&folded)), DB_I(limit)), out);
	buf_free(&folded);
	return rc;
}

int
schedule_gminy_with_schedule(struct db *db, struct db_result *out)
{
	return db_query(db, sql_gminy_with_schedule, DB_NO_ARGS, out);
}

/* True for a house number token: digits, then at most two letters or "/n". */
static int
is_house_number(const char *w)
{
	size_t	 i = 0;

	while (isdigit((unsigned char)w[i]))
		i++;
	return i > 0 && strlen(w + i) <= 3;
}

/* Splits folded q into up to four words to match and at most one house number. */
static void
split_query(char *folded, char *words[4], char **number)
{
	/* Words that introduce a flat number, which no rule names ("18 m. 2", "lok. 3"). */
	static const char *const flat_words[] = { "m", "lok", "lokal", "mieszk",
	    "mieszkanie", "apt" };
	char	*w, *save = NULL;
	size_t	 n = 0, i;
	bool	 flat;

	words[0] = words[1] = words[2] = words[3] = "";
	*number = NULL;
	for (w = strtok_r(folded, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		for (i = 0, flat = false; i < sizeof(flat_words) / sizeof(flat_words[0]); i++)
			flat = flat || strcmp(w, flat_words[i]) == 0;
		if (*number == NULL && is_house_number(w) && n > 0)
			*number = w;
		else if (*number != NULL && (flat || is_house_number(w)))
			continue;
		else if (strlen(w) > 1 && n < 4)
			words[n++] = w;
	}
}

static bool
has_numbers(const struct db_result *r, size_t row)
{
	const char	*numbers = db_cell(r, row, 4);

	return numbers != NULL && *numbers != '\0';
}

/* True when rows a and b have the same locality, street and building type. */
static bool
same_place(const struct db_result *r, size_t a, size_t b)
{
	static const size_t	 columns[] = { 3, 5, 6 };
	const char		*x, *y;
	size_t			 i;

	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		x = db_cell(r, a, columns[i]);
		y = db_cell(r, b, columns[i]);
		if (strcmp(x != NULL ? x : "", y != NULL ? y : "") != 0)
			return false;
	}
	return true;
}

/*
 * True when row i covers its whole street and a matching row of the same place
 * lists the house number. The import gives such numbers their own point, so row i
 * is the rest of the street ("Liszkowo (pozostałe adresy)") and excludes them.
 */
static bool
is_rest_of_match(const struct db_result *r, const bool *match, size_t i)
{
	size_t	 j;

	if (has_numbers(r, i))
		return false;
	for (j = 0; j < r->rows; j++)
		if (j != i && match[j] && has_numbers(r, j) && same_place(r, i, j))
			return true;
	return false;
}

/*
 * Keeps the rows whose numbers contain number, or that cover the whole street
 * when no other point of that street lists the number.
 */
static void
filter_by_number(struct db_result *r, const char *number, size_t limit)
{
	bool	*match, *keep;
	size_t	 i, kept = 0, c;

	if (r->rows == 0)
		return;
	if ((match = calloc(r->rows, sizeof(*match))) == NULL ||
	    (keep = calloc(r->rows, sizeof(*keep))) == NULL)
		abort();
	for (i = 0; i < r->rows; i++)
		match[i] = numbers_contain(has_numbers(r, i) ? db_cell(r, i, 4) : "", number);
	/* Decided before any row moves, because is_rest_of_match reads other rows. */
	for (i = 0; i < r->rows; i++)
		keep[i] = match[i] && (*number == '\0' || !is_rest_of_match(r, match, i));
	for (i = 0; i < r->rows; i++) {
		if (kept < limit && keep[i]) {
			if (kept != i)
				for (c = 0; c < r->cols; c++) {
					free(r->cells[kept * r->cols + c]);
					r->cells[kept * r->cols + c] = r->cells[i * r->cols + c];
					r->cells[i * r->cols + c] = NULL;
				}
			kept++;
		}
	}
	for (i = kept * r->cols; i < r->rows * r->cols; i++) {
		free(r->cells[i]);
		r->cells[i] = NULL;
	}
	r->rows = kept;
	free(match);
	free(keep);
}

/*
 * Falls back to the whole-locality points of localities named in the query,
 * for an address the rules do not list separately ("Łubowo, ul. Leśna 5").
 */
static int
search_locality_points(struct db *db, unsigned long long tenant_id, char *words[4],
    size_t limit, struct db_result *out)
{
	const char	*w[4];
	size_t		 i;

	for (i = 0; i < 4; i++)
		w[i] = words[i][0] != '\0' ? words[i] : "#";
	return db_query(db, sql_search_locality_points, DB_ARGS(DB_I(tenant_id),
	    DB_S(w[0]), DB_S(w[1]), DB_S(w[2]), DB_S(w[3]), DB_I(limit)), out);
}

/* Moves the rows of src to the end of dst (same columns); src is left empty. */
static void
append_rows(struct db_result *dst, struct db_result *src)
{
	size_t	 n = dst->rows * dst->cols, m = src->rows * src->cols;

	if (m == 0 || (dst->rows > 0 && dst->cols != src->cols))
		return;
	if ((dst->cells = realloc(dst->cells, (n + m) * sizeof(char *))) == NULL)
		abort();
	memcpy(dst->cells + n, src->cells, m * sizeof(char *));
	dst->rows += src->rows;
	dst->cols = src->cols;
	free(src->cells);
	memset(src, 0, sizeof(*src));
}

/*
 * When every match is for one building type only ("zabudowa wielorodzinna"),
 * adds the whole-locality point that serves the other buildings of that place.
 */
static int
add_other_buildings(struct db *db, unsigned long long tenant_id, struct db_result *out)
{
	struct db_result	 rest;
	size_t			 i;

	for (i = 0; i < out->rows; i++)
		if (strcmp(db_cell(out, i, 6) ? db_cell(out, i, 6) : "any", "any") == 0)
			return 0;
	if (out->rows == 0 || db_query(db, sql_rest_of_locality, DB_ARGS(DB_I(tenant_id),
	    DB_I(db_cell_int(out, 0, 3))), &rest) == -1)
		return out->rows == 0 ? 0 : -1;
	append_rows(out, &rest);
	db_result_free(&rest);
	return 0;
}

int
schedule_search_points(struct db *db, unsigned long long tenant_id, const char *q,
    size_t limit, struct db_result *out, int *approximate)
{
	struct buf	 folded;
	char		*words[4], *number;
	int		 rc;

	*approximate = 0;
	buf_init(&folded);
	text_fold(&folded, q != NULL ? q : "");
	buf_putc(&folded, '\0');
	split_query(folded.data, words, &number);
	if (words[0][0] == '\0' && q != NULL && q[strspn(q, " \t")] != '\0') {
		/* Only signs or one-letter words ("%", "_", "a"): none of them narrows the list. */
		buf_free(&folded);
		memset(out, 0, sizeof(*out));
		out->cols = 8;
		return 0;
	}
	rc = db_query(db, sql_search_points, DB_ARGS(DB_I(tenant_id), DB_S(words[0]),
	    DB_S(words[1]), DB_S(words[2]), DB_S(words[3])), out);
	if (rc == 0)
		filter_by_number(out, number != NULL ? number : "", limit);
	if (rc == 0 && out->rows < limit)
		rc = add_other_buildings(db, tenant_id, out);
	if (rc == 0 && out->rows == 0 && words[0][0] != '\0') {
		db_result_free(out);
		rc = search_locality_points(db, tenant_id, words, limit, out);
		*approximate = rc == 0 && out->rows > 0;
	}
	buf_free(&folded);
	return rc;
}

const char *
point_label(const char *label, const char *label_en, enum lang lang)
{
	if (lang == LANG_EN && label_en != NULL && *label_en != '\0')
		return label_en;
	return label != NULL ? label : "";
}

int
schedule_localities(struct db *db, unsigned long long tenant_id, struct db_result *out)
{
	return db_query(db, sql_localities, DB_ARGS(DB_I(tenant_id)), out);
}

int
schedule_locality_points(struct db *db, unsigned long long tenant_id,
    unsigned long long locality_id, struct db_result *out)
{
	return db_query(db, sql_locality_points,
	    DB_ARGS(DB_I(tenant_id), DB_I(locality_id)), out);
}

int
schedule_locality_name(struct db *db, unsigned long long tenant_id,
    unsigned long long locality_id, char *out, size_t size)
{
	struct db_result	 r;
	int			 found;

	if (db_query(db, sql_locality_name, DB_ARGS(DB_I(tenant_id),
	    DB_I(locality_id)), &r) == -1)
		return -1;
	if ((found = r.rows == 1))
		copy_cell(out, size, &r, 0, 0);
	db_result_free(&r);
	return found;
}

int
numbers_contain(const char *numbers, const char *number)
{
	struct house_set	 set;
	char			 bad[64];

	if (*numbers == '\0' || *number == '\0')
		return 1;
	if (house_set_parse(numbers, &set, bad, sizeof(bad)) == -1)
		return 0;
	return house_set_contains(&set, number);
}
