/* area_shape.c: GeoJSON polygons of routing areas and gmina boundaries, checked before storing. */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "area_shape.h"
#include "db.h"

/*
 * MariaDB 10.11 has no ST_IsValid, so validity is checked part by part: every
 * ring is a simple closed line (ST_IsSimple: it does not cross or touch
 * itself), every polygon has an area, every hole lies inside its shell, and the
 * polygons of a MultiPolygon do not overlap.
 */
static const char sql_ring_simple[] = "SELECT ST_IsSimple(" AREA_SHAPE_SQL ")";
static const char sql_has_area[] = "SELECT ST_Area(" AREA_SHAPE_SQL ") > 0";
static const char sql_inside[] =
    "SELECT ST_Contains(" AREA_SHAPE_SQL ", " AREA_SHAPE_SQL ")";
static const char sql_overlap[] =
    "SELECT ST_Area(ST_Intersection(" AREA_SHAPE_SQL ", " AREA_SHAPE_SQL ")) > 0";

/* Checks one position [longitude, latitude]; 0, or 1 with *err. */
static int
position_check(json_t *pos, struct problem *err)
{
	json_t	*x = json_array_get(pos, 0), *y = json_array_get(pos, 1);
	double	 lon, lat;

	if (!json_is_array(pos) || json_array_size(pos) < 2 || !json_is_number(x) ||
	    !json_is_number(y)) {
		problem_set(err, 0, "Area.BadPosition", "%s", "");
		return 1;
	}
	lon = json_number_value(x);
	lat = json_number_value(y);
	if (!isfinite(lon) || !isfinite(lat) || fabs(lon) > 180.0 || fabs(lat) > 90.0) {
		problem_set(err, 0, "Area.OutOfRange", "%g, %g", lon, lat);
		return 1;
	}
	return 0;
}

static bool
same_position(json_t *a, json_t *b)
{
	return json_number_value(json_array_get(a, 0)) ==
	    json_number_value(json_array_get(b, 0)) &&
	    json_number_value(json_array_get(a, 1)) ==
	    json_number_value(json_array_get(b, 1));
}

/* Checks one linear ring; counts its positions into *points. 0, or 1 with *err. */
static int
ring_check(json_t *ring, size_t *points, struct problem *err)
{
	size_t	 i, n = json_array_size(ring);

	if (!json_is_array(ring) || n < 4) {
		problem_set(err, 0, "Area.RingTooShort", "%zu", n);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (position_check(json_array_get(ring, i), err) != 0)
			return 1;
	if (!same_position(json_array_get(ring, 0), json_array_get(ring, n - 1))) {
		problem_set(err, 0, "Area.RingNotClosed", "%s", "");
		return 1;
	}
	*points += n;
	if (*points > AREA_SHAPE_MAX_POINTS) {
		problem_set(err, 0, "Area.TooManyPoints", "%d", AREA_SHAPE_MAX_POINTS);
		return 1;
	}
	return 0;
}

/* Checks the rings of one polygon (an array of rings, the shell first). */
static int
polygon_check(json_t *rings, size_t *points, struct problem *err)
{
	size_t	 i;

	if (!json_is_array(rings) || json_array_size(rings) == 0) {
		problem_set(err, 0, "Area.NoRings", "%s", "");
		return 1;
	}
	for (i = 0; i < json_array_size(rings); i++)
		if (ring_check(json_array_get(rings, i), points, err) != 0)
			return 1;
	return 0;
}

/* Finds the geometry in a bare geometry, a Feature or a one-feature FeatureCollection. */
static json_t *
geometry_of(json_t *root)
{
	const char	*type = json_string_value(json_object_get(root, "type"));
	json_t		*features;

	if (type == NULL)
		return NULL;
	if (strcmp(type, "Feature") == 0)
		return json_object_get(root, "geometry");
	if (strcmp(type, "FeatureCollection") == 0) {
		features = json_object_get(root, "features");
		if (json_array_size(features) != 1)
			return NULL;
		return json_object_get(json_array_get(features, 0), "geometry");
	}
	return root;
}

static int
geometry_check(json_t *geometry, struct problem *err)
{
	const char	*type = json_string_value(json_object_get(geometry, "type"));
	json_t		*coords = json_object_get(geometry, "coordinates");
	size_t		 i, points = 0;

	if (type != NULL && strcmp(type, "Polygon") == 0)
		return polygon_check(coords, &points, err);
	if (type == NULL || strcmp(type, "MultiPolygon") != 0) {
		problem_set(err, 0, "Area.NotPolygon", "%.60s", type ? type : "");
		return 1;
	}
	if (!json_is_array(coords) || json_array_size(coords) == 0) {
		problem_set(err, 0, "Area.NoRings", "%s", "");
		return 1;
	}
	for (i = 0; i < json_array_size(coords); i++)
		if (polygon_check(json_array_get(coords, i), &points, err) != 0)
			return 1;
	return 0;
}

int
area_shape_parse(const char *text, struct buf *out, struct problem *err)
{
	json_error_t	 jerr;
	json_t		*root, *geometry, *clean;
	char		*dumped;
	int		 rc = 1;

	if ((root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		problem_set(err, jerr.line, "Area.BadJson", "%.120s", jerr.text);
		return 1;
	}
	if ((geometry = geometry_of(root)) == NULL || !json_is_object(geometry)) {
		problem_set(err, 0, "Area.NotPolygon", "%s", "");
		goto out;
	}
	if (geometry_check(geometry, err) != 0)
		goto out;
	/* Only type and coordinates go on: MariaDB rejects unknown members such as "bbox". */
	clean = json_pack("{s:O, s:O}", "type", json_object_get(geometry, "type"),
	    "coordinates", json_object_get(geometry, "coordinates"));
	if (clean == NULL || (dumped = json_dumps(clean, JSON_COMPACT)) == NULL) {
		json_decref(clean);
		problem_set(err, 0, "Area.BadJson", "%s", "");
		goto out;
	}
	buf_puts(out, dumped);
	free(dumped);
	json_decref(clean);
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* Runs a one-value query on one or two GeoJSON texts; 1 true, 0 false or rejected, -1 error. */
static int
ask(struct db *db, const char *sql, const char *a, const char *b)
{
	struct db_result	 res;
	int			 rc, yes;

	rc = b == NULL ? db_query(db, sql, DB_ARGS(DB_T(a)), &res) :
	    db_query(db, sql, DB_ARGS(DB_T(a), DB_T(b)), &res);
	if (rc == -1)
		/* MariaDB rejects some shapes outright (errors 4000..4999): not valid. */
		return db_errno(db) >= 4000 && db_errno(db) < 5000 ? 0 : -1;
	yes = res.rows == 1 && db_cell(&res, 0, 0) != NULL && db_cell_int(&res, 0, 0) == 1;
	db_result_free(&res);
	return yes;
}

/* Dumps {"type": type, "coordinates": coords} as compact JSON; NULL on failure. */
static char *
geometry_text(const char *type, json_t *coords)
{
	json_t	*g = json_pack("{s:s, s:O}", "type", type, "coordinates", coords);
	char	*text = g != NULL ? json_dumps(g, JSON_COMPACT) : NULL;

	json_decref(g);
	return text;
}

/*
 * Checks one polygon (its rings); 1 valid, 0 not, -1 error.
 * NOTE: two holes of one polygon that overlap each other are not detected.
 */
static int
polygon_valid(struct db *db, json_t *rings)
{
	json_t	*shell = json_pack("[O]", json_array_get(rings, 0)), *hole;
	char	*shell_text = geometry_text("Polygon", shell), *text;
	size_t	 i;
	int	 ok = shell_text != NULL ? 1 : -1;

	for (i = 0; ok == 1 && i < json_array_size(rings); i++) {
		if ((text = geometry_text("LineString", json_array_get(rings, i))) == NULL) {
			ok = -1;
			break;
		}
		ok = ask(db, sql_ring_simple, text, NULL);
		free(text);
		if (ok != 1 || i == 0)
			continue;
		hole = json_pack("[O]", json_array_get(rings, i));
		if ((text = geometry_text("Polygon", hole)) == NULL)
			ok = -1;
		else
			ok = ask(db, sql_inside, shell_text, text);
		free(text);
		json_decref(hole);
	}
	if (ok == 1)
		ok = ask(db, sql_has_area, shell_text, NULL);
	free(shell_text);
	json_decref(shell);
	return ok;
}

/* Checks that no two polygons of a MultiPolygon overlap; 1, 0 or -1. */
static int
parts_disjoint(struct db *db, json_t *polygons)
{
	char	*a, *b;
	size_t	 i, j;
	int	 overlap = 0;

	for (i = 0; overlap == 0 && i < json_array_size(polygons); i++)
		for (j = i + 1; overlap == 0 && j < json_array_size(polygons); j++) {
			a = geometry_text("Polygon", json_array_get(polygons, i));
			b = geometry_text("Polygon", json_array_get(polygons, j));
			overlap = a != NULL && b != NULL ? ask(db, sql_overlap, a, b) : -1;
			free(a);
			free(b);
		}
	return overlap == -1 ? -1 : !overlap;
}

int
area_shape_check_db(struct db *db, const char *geometry_json, struct problem *err)
{
	json_t		*g = json_loads(geometry_json, 0, NULL), *coords;
	const char	*type = json_string_value(json_object_get(g, "type"));
	size_t		 i;
	int		 ok;

	if (g == NULL || type == NULL) {
		json_decref(g);
		return -1;
	}
	coords = json_object_get(g, "coordinates");
	if (strcmp(type, "Polygon") == 0)
		ok = polygon_valid(db, coords);
	else {
		ok = 1;
		for (i = 0; ok == 1 && i < json_array_size(coords); i++)
			ok = polygon_valid(db, json_array_get(coords, i));
		if (ok == 1)
			ok = parts_disjoint(db, coords);
	}
	json_decref(g);
	if (ok == 0)
		problem_set(err, 0, "Area.Invalid", "%s", "");
	if (ok == 1)
		return 0;
	return ok == 0 ? 1 : -1;
}
