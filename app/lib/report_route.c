/* report_route.c: which unit of the gmina handles a new report, by category and place. */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "db.h"
#include "report.h"

/*
 * Positions are compared in degrees (X = longitude). A circle of
 * ROUTING_EDGE_METRES around the point, in degrees of longitude at its
 * latitude, is at least that wide in every direction: a point whose circle
 * crosses an edge is near it.
 */
#define POINT_SQL	"ST_GeomFromText(CONCAT('POINT(', ?, ' ', ?, ')'))"
#define CIRCLE_SQL	"ST_Buffer(" POINT_SQL ", ?)"

static const char sql_boundary[] =
    "SELECT boundary IS NULL, ST_Intersects(boundary, " CIRCLE_SQL "),"
    " ST_Contains(boundary, " CIRCLE_SQL ") FROM tenant WHERE id = ?";

/* The best rule; the last column is 1 when the point is near the edge of the rule's area. */
static const char sql_rule_at[] =
    "SELECT rr.unit_id, a.id IS NOT NULL AND NOT ST_Contains(a.shape, " CIRCLE_SQL ")"
    " FROM routing_rule rr JOIN unit u ON u.id = rr.unit_id AND u.active = 1"
    " LEFT JOIN routing_area a ON a.id = rr.area_id AND a.tenant_id = rr.tenant_id"
    " WHERE rr.tenant_id = ? AND (rr.category_id IS NULL OR rr.category_id = ?)"
    " AND (rr.area_id IS NULL OR ST_Intersects(a.shape, " CIRCLE_SQL "))"
    " ORDER BY (rr.category_id IS NOT NULL) + 2 * (rr.area_id IS NOT NULL) DESC,"
    " rr.priority DESC, rr.id LIMIT 1";
static const char sql_rule[] =
    "SELECT rr.unit_id, 0 FROM routing_rule rr"
    " JOIN unit u ON u.id = rr.unit_id AND u.active = 1"
    " WHERE rr.tenant_id = ? AND rr.category_id = ? AND rr.area_id IS NULL"
    " ORDER BY rr.priority DESC, rr.id LIMIT 1";
static const char sql_default[] =
    "SELECT c.default_unit_id, 0 FROM report_category c"
    " JOIN unit u ON u.id = c.default_unit_id AND u.active = 1"
    " WHERE c.tenant_id = ? AND c.id = ?";
static const char sql_triage[] =
    "SELECT id FROM unit WHERE tenant_id = ? AND is_triage = 1 ORDER BY id LIMIT 1";
static const char sql_triage_add[] =
    "INSERT INTO unit (tenant_id, name, is_triage) VALUES (?, ?, 1)";

/* The text parameters of a point and its circle. */
struct place {
	char	 lon[24], lat[24], radius[24];
};

static void
place_init(struct place *p, double lat, double lon)
{
	double	 metres_per_degree = 111320.0 * cos(lat * M_PI / 180.0);

	if (metres_per_degree < 1000.0)
		metres_per_degree = 1000.0;
	snprintf(p->lon, sizeof(p->lon), "%.7f", lon);
	snprintf(p->lat, sizeof(p->lat), "%.7f", lat);
	snprintf(p->radius, sizeof(p->radius), "%.9f",
	    ROUTING_EDGE_METRES / metres_per_degree);
}

int
report_triage_unit(struct db *db, unsigned long long tenant_id,
    unsigned long long *unit_id)
{
	struct db_result	 res;

	if (db_query(db, sql_triage, DB_ARGS(DB_I(tenant_id)), &res) == -1)
		return -1;
	if (res.rows == 1) {
		*unit_id = (unsigned long long)db_cell_int(&res, 0, 0);
		db_result_free(&res);
		return 0;
	}
	db_result_free(&res);
	return db_exec(db, sql_triage_add, DB_ARGS(DB_I(tenant_id),
	    DB_T("Zgłoszenia do przydzielenia")), NULL, unit_id);
}

/* 1 when the point is inside the gmina and away from its boundary (or none is known). */
static int
inside_gmina(struct db *db, unsigned long long tenant_id, const struct place *p)
{
	struct db_result	 res;
	int			 inside;

	if (db_query(db, sql_boundary, DB_ARGS(DB_T(p->lon), DB_T(p->lat), DB_T(p->radius),
	    DB_T(p->lon), DB_T(p->lat), DB_T(p->radius), DB_I(tenant_id)), &res) == -1)
		return -1;
	inside = res.rows == 1 && (db_cell_int(&res, 0, 0) != 0 ||
	    db_cell_int(&res, 0, 2) != 0);
	db_result_free(&res);
	return inside;
}

/* Reads "unit, near edge" from a rule query; 1 found, 0 none, -1 error. */
static int
first_unit(struct db *db, const char *sql, const struct db_param *params, size_t count,
    unsigned long long *unit_id, bool *near_edge)
{
	struct db_result	 res;
	int			 found;

	if (db_query(db, sql, params, count, &res) == -1)
		return -1;
	found = res.rows == 1 && db_cell(&res, 0, 0) != NULL;
	if (found) {
		*unit_id = (unsigned long long)db_cell_int(&res, 0, 0);
		*near_edge = db_cell_int(&res, 0, 1) != 0;
	}
	db_result_free(&res);
	return found;
}

int
report_route(struct db *db, unsigned long long tenant_id, unsigned long long category_id,
    bool has_position, double lat, double lon, unsigned long long *unit_id,
    bool *needs_triage)
{
	struct place	 p;
	bool		 near_edge = false;
	int		 found = 0;

	*needs_triage = false;
	if (has_position) {
		place_init(&p, lat, lon);
		if ((found = inside_gmina(db, tenant_id, &p)) == -1)
			return -1;
		if (found == 0)
			goto triage;
		found = first_unit(db, sql_rule_at, DB_ARGS(DB_T(p.lon), DB_T(p.lat),
		    DB_T(p.radius), DB_I(tenant_id), DB_I(category_id), DB_T(p.lon),
		    DB_T(p.lat), DB_T(p.radius)), unit_id, &near_edge);
	} else
		found = first_unit(db, sql_rule, DB_ARGS(DB_I(tenant_id), DB_I(category_id)),
		    unit_id, &near_edge);
	if (found == 0)
		found = first_unit(db, sql_default, DB_ARGS(DB_I(tenant_id),
		    DB_I(category_id)), unit_id, &near_edge);
	if (found == -1)
		return -1;
	if (found == 1 && !near_edge)
		return 0;
triage:
	*needs_triage = true;
	return report_triage_unit(db, tenant_id, unit_id);
}
