/* report_public.c: queries of the public list and map of reports, and their GeoJSON. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "report_access.h"
#include "report_public.h"
#include "report_state.h"
#include "text.h"

/*
 * Every filter in one statement, so that each query is prepared once: a filter
 * left at its zero value compares a parameter with itself, which the optimizer
 * removes before it picks an index. The category filter is a list of ids (a
 * group and its subcategories, found by report_filter_resolve) and the area
 * filter starts with the area's bounding box, so that both can use an index.
 */
#define Q8	"?,?,?,?,?,?,?,?"
#define FILTER_SQL \
	" FROM report r JOIN report_category c ON c.id = r.category_id" \
	" WHERE r.tenant_id = ? AND " REPORT_PUBLIC_SQL \
	" AND (? = '' OR r.status = ?)" \
	" AND (? = 0 OR r.category_id IN (" Q8 "," Q8 "," Q8 "," Q8 "))" \
	" AND r.confirmed_at >= ? AND r.confirmed_at < ?" \
	" AND (? = 0 OR (r.lat BETWEEN ? AND ? AND r.lon BETWEEN ? AND ?" \
	" AND ST_Contains((SELECT a.shape FROM routing_area a" \
	" WHERE a.id = ? AND a.tenant_id = ?), POINT(r.lon, r.lat))))"
#define FILTER_PARAMS	(13 + REPORT_FILTER_CATEGORIES)
/* db.c binds at most 64 parameters: the map's points take FILTER_PARAMS + 6. */
_Static_assert(FILTER_PARAMS + 6 <= 64 && REPORT_FILTER_CATEGORIES == 32,
    "the placeholders of FILTER_SQL and sql_grid");

static const char sql_page[] =
    "SELECT r.id, r.public_number, r.status,"
    " DATE_FORMAT(r.confirmed_at, '%Y-%m-%d %H:%i:%s'), c.name_pl, c.name_en,"
    " r.address_text, LEFT(r.description, 200), r.lat, r.lon"
    FILTER_SQL
    " AND (r.confirmed_at < ? OR (r.confirmed_at = ? AND r.id < ?))"
    " ORDER BY r.confirmed_at DESC, r.id DESC LIMIT 26";

static const char sql_count[] =
    "SELECT COUNT(*) FROM (SELECT 1" FILTER_SQL " LIMIT 10001) t";

static const char sql_points[] =
    "SELECT r.public_number, r.lat, r.lon, r.status, c.name_pl, c.name_en"
    FILTER_SQL
    " AND r.lat BETWEEN ? AND ? AND r.lon BETWEEN ? AND ?"
    " LIMIT 501";

static const char sql_cells[] =
    "SELECT COUNT(*), AVG(r.lat), AVG(r.lon)"
    FILTER_SQL
    " AND r.lat BETWEEN ? AND ? AND r.lon BETWEEN ? AND ?"
    " GROUP BY FLOOR(r.lat / ?), FLOOR(r.lon / ?) ORDER BY NULL";

/*
 * The same cells summed from report_map_cell (sql/011_public.sql), for filters
 * the grid carries: category and status. A box's edge cells are counted whole.
 */
static const char sql_grid[] =
    "SELECT SUM(m.reports), SUM(m.sum_lat) / SUM(m.reports),"
    " SUM(m.sum_lon) / SUM(m.reports)"
    " FROM report_map_cell m JOIN report_category c ON c.id = m.category_id"
    " WHERE m.tenant_id = ? AND m.level = ? AND m.reports > 0 AND c.is_public = 1"
    " AND (? = '' OR m.status = ?)"
    " AND (? = 0 OR m.category_id IN (" Q8 "," Q8 "," Q8 "," Q8 "))"
    " AND m.cell_y BETWEEN ? AND ? AND m.cell_x BETWEEN ? AND ?"
    " GROUP BY FLOOR(m.cell_y / ?), FLOOR(m.cell_x / ?)"
    " HAVING SUM(m.reports) > 0 ORDER BY NULL";
#define GRID_PARAMS	(11 + REPORT_FILTER_CATEGORIES)

static const char sql_subcategories[] =
    "SELECT k.id FROM report_category k"
    " LEFT JOIN report_category kp ON kp.id = k.parent_id"
    " WHERE k.tenant_id = ? AND (k.id = ? OR k.parent_id = ? OR kp.parent_id = ?)"
    " ORDER BY k.id LIMIT 33";

static const char sql_area_box[] =
    "SELECT ST_X(ST_PointN(ST_ExteriorRing(e), 1)), ST_Y(ST_PointN(ST_ExteriorRing(e), 1)),"
    " ST_X(ST_PointN(ST_ExteriorRing(e), 3)), ST_Y(ST_PointN(ST_ExteriorRing(e), 3))"
    " FROM (SELECT ST_Envelope(shape) AS e FROM routing_area"
    " WHERE tenant_id = ? AND id = ?) a";

/* Cells per degree of the levels of report_map_cell. */
static const int grid_scale[] = { 1024, 256, 64, 16 };
#define GRID_LEVELS	(int)(sizeof(grid_scale) / sizeof(grid_scale[0]))

static const char sql_version[] = "SELECT report_version FROM tenant WHERE id = ?";

_Static_assert(REPORT_PAGE_SIZE == 25 && REPORT_COUNT_CAP == 10000 &&
    REPORT_MAP_POINTS == 500, "the LIMITs of the statements above");

/* Formats the UTC time t as a MariaDB DATETIME. */
static void
utc_datetime(time_t t, char out[20])
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* The UTC time of midnight starting Warsaw day (the process runs in Warsaw time). */
static time_t
warsaw_midnight(long day)
{
	struct tm	 tm;
	int		 y, m, d;

	days_to_date(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* Appends the category flag and REPORT_FILTER_CATEGORIES ids (padded) at p. */
static struct db_param *
category_params(struct db_param *p, const struct report_filter *f)
{
	size_t	 i;

	*p++ = DB_I(f->category_id != 0);
	for (i = 0; i < REPORT_FILTER_CATEGORIES; i++)
		*p++ = DB_I(f->category_count == 0 ? 0 :
		    f->category_ids[i < f->category_count ? i : 0]);
	return p;
}

/* The filter's parameters in FILTER_SQL order; from, to and box hold their text. */
static void
filter_params(struct db_param *p, unsigned long long tenant_id,
    const struct report_filter *f, char from[20], char to[20], char box[4][32])
{
	utc_datetime(f->from_day > 0 ? warsaw_midnight(f->from_day) : 0, from);
	if (f->to_day > 0)
		utc_datetime(warsaw_midnight(f->to_day + 1), to);
	else
		snprintf(to, 20, "9999-12-31 00:00:00");
	snprintf(box[0], 32, "%.7f", f->area_box.min_lat);
	snprintf(box[1], 32, "%.7f", f->area_box.max_lat);
	snprintf(box[2], 32, "%.7f", f->area_box.min_lon);
	snprintf(box[3], 32, "%.7f", f->area_box.max_lon);
	*p++ = DB_I(tenant_id);
	*p++ = DB_T(f->status);
	*p++ = DB_T(f->status);
	p = category_params(p, f);
	*p++ = DB_T(from);
	*p++ = DB_T(to);
	*p++ = DB_I(f->area_id != 0);
	*p++ = DB_T(box[0]);
	*p++ = DB_T(box[1]);
	*p++ = DB_T(box[2]);
	*p++ = DB_T(box[3]);
	*p++ = DB_I(f->area_id);
	*p = DB_I(tenant_id);
}

/* Fills the ids of the category filter: the category and its subcategories. */
static int
resolve_categories(struct db *db, unsigned long long tenant_id, struct report_filter *f)
{
	struct db_result	 res;
	long long		 cat = (long long)f->category_id;
	size_t			 i;

	if (db_query(db, sql_subcategories, DB_ARGS(DB_I(tenant_id), DB_I(cat),
	    DB_I(cat), DB_I(cat)), &res) == -1)
		return -1;
	/* NOTE: a group of more than REPORT_FILTER_CATEGORIES categories is cut there. */
	for (i = 0; i < res.rows && i < REPORT_FILTER_CATEGORIES; i++)
		f->category_ids[i] = (unsigned long long)db_cell_int(&res, i, 0);
	f->category_count = i;
	db_result_free(&res);
	return 0;
}

/* Fills the bounding box of the area filter; an unknown area matches nothing. */
static int
resolve_area(struct db *db, unsigned long long tenant_id, struct report_filter *f)
{
	struct db_result	 res;

	if (db_query(db, sql_area_box, DB_ARGS(DB_I(tenant_id), DB_I(f->area_id)), &res) == -1)
		return -1;
	if (res.rows == 1 && db_cell(&res, 0, 0) != NULL) {
		f->area_box.min_lon = strtod(db_cell(&res, 0, 0), NULL);
		f->area_box.min_lat = strtod(db_cell(&res, 0, 1), NULL);
		f->area_box.max_lon = strtod(db_cell(&res, 0, 2), NULL);
		f->area_box.max_lat = strtod(db_cell(&res, 0, 3), NULL);
	}
	db_result_free(&res);
	return 0;
}

int
report_filter_resolve(struct db *db, unsigned long long tenant_id, struct report_filter *f)
{
	f->category_count = 0;
	memset(&f->area_box, 0, sizeof(f->area_box));
	if (f->category_id != 0 && resolve_categories(db, tenant_id, f) == -1)
		return -1;
	if (f->area_id != 0 && resolve_area(db, tenant_id, f) == -1)
		return -1;
	return 0;
}

bool
report_public_status_ok(const char *code)
{
	enum report_status	 s;

	return report_status_parse(code, &s) == 0 && s != REPORT_NEW;
}

int
report_cursor_parse(const char *s, struct report_cursor *c)
{
	char			*end;
	unsigned long long	 t, id;

	if (s == NULL || *s < '1' || *s > '9')
		return -1;
	errno = 0;
	t = strtoull(s, &end, 10);
	if (errno != 0 || *end != '-' || t > 253402300799ULL || end[1] < '1' ||
	    end[1] > '9')
		return -1;
	id = strtoull(end + 1, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	c->confirmed = (time_t)t;
	c->id = id;
	return 0;
}

void
report_cursor_format(const struct report_cursor *c, char out[48])
{
	snprintf(out, 48, "%lld-%llu", (long long)c->confirmed, c->id);
}

/* Reads one decimal number of a bbox into *v; returns the rest or NULL. */
static const char *
bbox_number(const char *s, double *v, char stop)
{
	char	*end;
	size_t	 n = strspn(s, "-.0123456789");

	if (n == 0 || n > 20 || s[n] != stop)
		return NULL;
	errno = 0;
	*v = strtod(s, &end);
	if (errno != 0 || end != s + n || !isfinite(*v))
		return NULL;
	return stop == '\0' ? s + n : s + n + 1;
}

int
report_bbox_parse(const char *s, struct report_bbox *b)
{
	if (s == NULL ||
	    (s = bbox_number(s, &b->min_lon, ',')) == NULL ||
	    (s = bbox_number(s, &b->min_lat, ',')) == NULL ||
	    (s = bbox_number(s, &b->max_lon, ',')) == NULL ||
	    bbox_number(s, &b->max_lat, '\0') == NULL)
		return -1;
	if (b->min_lon < -180 || b->max_lon > 180 || b->min_lat < -90 ||
	    b->max_lat > 90 || b->min_lon > b->max_lon || b->min_lat > b->max_lat)
		return -1;
	return 0;
}

int
report_public_page(struct db *db, unsigned long long tenant_id,
    const struct report_filter *f, const struct report_cursor *cur,
    struct db_result *out)
{
	struct db_param	 p[FILTER_PARAMS + 3];
	char		 from[20], to[20], after[20], box[4][32];

	filter_params(p, tenant_id, f, from, to, box);
	if (cur->confirmed > 0)
		utc_datetime(cur->confirmed, after);
	else
		snprintf(after, sizeof(after), "9999-12-31 00:00:00");
	p[FILTER_PARAMS] = DB_T(after);
	p[FILTER_PARAMS + 1] = DB_T(after);
	p[FILTER_PARAMS + 2] = DB_I(cur->confirmed > 0 ? cur->id : 0);
	return db_query(db, sql_page, p, FILTER_PARAMS + 3, out);
}

long
report_public_count(struct db *db, unsigned long long tenant_id,
    const struct report_filter *f)
{
	struct db_param		 p[FILTER_PARAMS];
	struct db_result	 res;
	char			 from[20], to[20], box[4][32];
	long			 n;

	filter_params(p, tenant_id, f, from, to, box);
	if (db_query(db, sql_count, p, FILTER_PARAMS, &res) == -1)
		return -1;
	n = res.rows == 1 ? (long)db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	return n;
}

long long
report_public_version(struct db *db, unsigned long long tenant_id)
{
	struct db_result	 res;
	long long		 v;

	if (db_query(db, sql_version, DB_ARGS(DB_I(tenant_id)), &res) == -1)
		return -1;
	v = res.rows == 1 ? db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	return v;
}

void
json_put_string(struct buf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)(s != NULL ? s : "");

	buf_putc(out, '"');
	for (; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(out, "\\%c", *p);
		else if (*p < 0x20)
			buf_printf(out, "\\u%04x", *p);
		else if (*p == '<' || *p == '>' || *p == '&')
			/* Safe to embed in HTML as well. */
			buf_printf(out, "\\u%04x", *p);
		else
			buf_putc(out, (char)*p);
	}
	buf_putc(out, '"');
}

/* Appends a Point geometry with [lon, lat] at six decimals. */
static void
put_point(struct buf *out, const char *lat, const char *lon)
{
	buf_printf(out, "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}",
	    strtod(lon, NULL), strtod(lat, NULL));
}

static void
put_report_features(struct buf *out, const struct db_result *res, enum lang lang,
    const char *base_path)
{
	char	 key[48];
	size_t	 i;

	for (i = 0; i < res->rows; i++) {
		buf_puts(out, i > 0 ? ",{\"type\":\"Feature\"," : "{\"type\":\"Feature\",");
		put_point(out, db_cell(res, i, 1), db_cell(res, i, 2));
		buf_puts(out, ",\"properties\":{\"number\":");
		json_put_string(out, db_cell(res, i, 0));
		buf_puts(out, ",\"url\":");
		buf_printf(out, "\"%s/%s\"", base_path, db_cell(res, i, 0));
		buf_puts(out, ",\"status\":");
		json_put_string(out, db_cell(res, i, 3));
		snprintf(key, sizeof(key), "Report.Status.%s", db_cell(res, i, 3));
		buf_puts(out, ",\"status_name\":");
		json_put_string(out, lang_text(lang, key));
		buf_puts(out, ",\"category\":");
		json_put_string(out, db_cell(res, i, lang == LANG_EN ? 5 : 4));
		buf_puts(out, "}}");
	}
}

static void
put_cell_features(struct buf *out, const struct db_result *res)
{
	size_t	 i;

	for (i = 0; i < res->rows; i++) {
		buf_puts(out, i > 0 ? ",{\"type\":\"Feature\"," : "{\"type\":\"Feature\",");
		put_point(out, db_cell(res, i, 1), db_cell(res, i, 2));
		buf_printf(out, ",\"properties\":{\"cluster\":true,\"count\":%lld}}",
		    db_cell_int(res, i, 0));
	}
}

/*
 * The cell size in degrees: the power of two that splits the wider side of
 * the box into about REPORT_MAP_CELLS cells, so that boxes of one zoom level
 * share their cells.
 */
static double
cell_size(const struct report_bbox *b)
{
	double	 side = fmax(b->max_lon - b->min_lon, b->max_lat - b->min_lat);

	if (side <= 0)
		side = 1e-6;
	return exp2(ceil(log2(side / REPORT_MAP_CELLS)));
}

/*
 * Sums the clusters of box from report_map_cell, from the coarsest level whose
 * cells fit in a cluster cell. Cluster cells smaller than the finest grid cell
 * become grid cells.
 */
static int
grid_cells(struct db *db, unsigned long long tenant_id, const struct report_filter *f,
    const struct report_bbox *b, double cell, struct db_result *res)
{
	struct db_param	 p[GRID_PARAMS], *q = p;
	int		 level = 0;
	double		 scale;
	long long	 group;

	while (level + 1 < GRID_LEVELS && cell >= 1.0 / grid_scale[level + 1])
		level++;
	scale = grid_scale[level];
	if ((group = (long long)(cell * scale)) < 1)
		group = 1;
	*q++ = DB_I(tenant_id);
	*q++ = DB_I(level);
	*q++ = DB_T(f->status);
	*q++ = DB_T(f->status);
	q = category_params(q, f);
	*q++ = DB_I((long long)floor(b->min_lat * scale));
	*q++ = DB_I((long long)floor(b->max_lat * scale));
	*q++ = DB_I((long long)floor(b->min_lon * scale));
	*q++ = DB_I((long long)floor(b->max_lon * scale));
	*q++ = DB_I(group);
	*q = DB_I(group);
	return db_query(db, sql_grid, p, GRID_PARAMS, res);
}

int
report_public_geojson(struct db *db, unsigned long long tenant_id,
    const struct report_filter *f, const struct report_bbox *b, enum lang lang,
    const char *base_path, struct buf *out)
{
	struct db_param		 p[FILTER_PARAMS + 6];
	struct db_result	 res;
	char			 from[20], to[20], area[4][32], box[4][32], size[32];
	double			 cell = cell_size(b);
	bool			 clustered;
	int			 i;

	filter_params(p, tenant_id, f, from, to, area);
	snprintf(box[0], 32, "%.7f", b->min_lat);
	snprintf(box[1], 32, "%.7f", b->max_lat);
	snprintf(box[2], 32, "%.7f", b->min_lon);
	snprintf(box[3], 32, "%.7f", b->max_lon);
	for (i = 0; i < 4; i++)
		p[FILTER_PARAMS + i] = DB_T(box[i]);
	if (db_query(db, sql_points, p, FILTER_PARAMS + 4, &res) == -1)
		return -1;
	clustered = res.rows > REPORT_MAP_POINTS;
	if (clustered) {
		db_result_free(&res);
		snprintf(size, sizeof(size), "%.9f", cell);
		for (i = 4; i < 6; i++)
			p[FILTER_PARAMS + i] = DB_T(size);
		/* NOTE: the grid has no dates or areas, so those filters scan the reports. */
		if (f->from_day == 0 && f->to_day == 0 && f->area_id == 0) {
			if (grid_cells(db, tenant_id, f, b, cell, &res) == -1)
				return -1;
		} else if (db_query(db, sql_cells, p, FILTER_PARAMS + 6, &res) == -1)
			return -1;
	}
	buf_printf(out, "{\"type\":\"FeatureCollection\",\"clustered\":%s,\"features\":[",
	    clustered ? "true" : "false");
	if (clustered)
		put_cell_features(out, &res);
	else
		put_report_features(out, &res, lang, base_path);
	buf_puts(out, "]}\n");
	db_result_free(&res);
	return 0;
}
