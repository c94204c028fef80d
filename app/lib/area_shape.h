/* area_shape.h: checks GeoJSON polygons of routing areas and gmina boundaries. */
#ifndef RATUSZ_AREA_SHAPE_H
#define RATUSZ_AREA_SHAPE_H

#include "buf.h"
#include "problem.h"

struct db;

/* Largest number of positions in one shape; a gmina boundary needs a few thousand. */
#define AREA_SHAPE_MAX_POINTS	20000

/*
 * Checks a GeoJSON Polygon or MultiPolygon, bare or inside a Feature or a
 * FeatureCollection of one feature: every ring has at least four positions,
 * its first and last positions are equal, longitudes are -180..180 and
 * latitudes -90..90 (GeoJSON order: longitude, latitude). Appends the bare
 * geometry as compact JSON to out. Returns 0, or 1 with *err set (keys
 * "Area.*" under Msg. in the language files).
 */
int	 area_shape_parse(const char *text, struct buf *out, struct problem *err);

/*
 * Asks MariaDB whether the geometry (the output of area_shape_parse) is valid
 * in the sense of OGC ST_IsValid: rings that do not cross or touch themselves,
 * polygons with an area, holes inside their shell, parts of a MultiPolygon
 * that do not overlap. Returns 0 when valid, 1 with *err set when not, -1 on a
 * database error.
 */
int	 area_shape_check_db(struct db *, const char *geometry_json, struct problem *err);

/* The SQL expression that turns the parameter (area_shape_parse output) into a GEOMETRY. */
#define AREA_SHAPE_SQL	"ST_GeomFromGeoJSON(?)"

#endif
