/* report_public.h: the public list and map of a gmina's reports, with their filters. */
#ifndef RATUSZ_REPORT_PUBLIC_H
#define RATUSZ_REPORT_PUBLIC_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"
#include "db.h"
#include "lang.h"

#define REPORT_PAGE_SIZE	25	/* rows of one page of the public list */
#define REPORT_COUNT_CAP	10000	/* larger counts read "more than 10,000" */
#define REPORT_MAP_POINTS	500	/* a map box with more reports gets clusters */
#define REPORT_MAP_CELLS	16	/* cluster cells along the wider side of a box */

#define REPORT_FILTER_CATEGORIES	32	/* ids a category filter expands to */

/* A box of the map in degrees (WGS 84). */
struct report_bbox {
	double		 min_lon, min_lat, max_lon, max_lat;
};

/* Filters of the public list and map. A zero value matches any report. */
struct report_filter {
	unsigned long long category_id;	/* a category, or a group with its subcategories */
	char		 status[16];	/* a report.status code, or "" */
	unsigned long long area_id;	/* a routing_area of the gmina */
	long		 from_day, to_day;	/* Warsaw days since 1970 (inclusive), 0: open */
	/* Set by report_filter_resolve from category_id and area_id. */
	unsigned long long category_ids[REPORT_FILTER_CATEGORIES];
	size_t		 category_count;
	struct report_bbox area_box;
};

/* Keyset cursor: the last row of a page, after which the next page starts. */
struct report_cursor {
	time_t		 confirmed;	/* 0: the first page */
	unsigned long long id;
};

/* Whether a status code may be asked for on public pages (every public status). */
bool	 report_public_status_ok(const char *code);

/*
 * Looks up what the filter's category (with its subcategories) and area stand
 * for; call it once before the queries below. 0 or -1.
 */
int	 report_filter_resolve(struct db *, unsigned long long tenant_id,
	    struct report_filter *);

/*
 * "1767225600-42" <-> cursor. Parsing accepts only that form; returns 0 or -1.
 */
int	 report_cursor_parse(const char *, struct report_cursor *);
void	 report_cursor_format(const struct report_cursor *, char out[48]);

/* "14.0,54.1,14.2,54.3" (lon,lat,lon,lat) -> box inside -180..180, -90..90; 0 or -1. */
int	 report_bbox_parse(const char *, struct report_bbox *);

/*
 * One page of public reports after cursor, newest confirmed first. Columns:
 * 0 id, 1 public_number, 2 status, 3 confirmed_at (unix time), 4 category
 * name_pl, 5 name_en, 6 address_text, 7 description (first 200 characters),
 * 8 lat, 9 lon. Fetches REPORT_PAGE_SIZE + 1 rows so the caller sees whether
 * a next page exists. 0 or -1.
 */
int	 report_public_page(struct db *, unsigned long long tenant_id,
	    const struct report_filter *, const struct report_cursor *,
	    struct db_result *);

/* Counts the public reports of the filter, up to REPORT_COUNT_CAP + 1; -1 on error. */
long	 report_public_count(struct db *, unsigned long long tenant_id,
	    const struct report_filter *);

/*
 * Appends the GeoJSON FeatureCollection of the public reports in box: each
 * report as a Point feature when there are at most REPORT_MAP_POINTS, else
 * one feature per grid cell with its count. Coordinates are [lon, lat] with
 * six decimals. Names are in lang. 0 or -1.
 */
int	 report_public_geojson(struct db *, unsigned long long tenant_id,
	    const struct report_filter *, const struct report_bbox *, enum lang,
	    const char *base_path, struct buf *out);

/* The gmina's report_version (for ETags and caches); -1 on error, 0 if none. */
long long report_public_version(struct db *, unsigned long long tenant_id);

/* Appends s as a JSON string literal (quotes included). */
void	 json_put_string(struct buf *, const char *s);

#endif
