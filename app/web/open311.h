/* open311.h: the Open311 GeoReport v2 API under /open311/v2/: shared helpers of its handlers. */
#ifndef RATUSZ_OPEN311_H
#define RATUSZ_OPEN311_H

#include <jansson.h>

#include "pages.h"

#define OPEN311_PREFIX		"/open311/v2/"
/* GET requests: the widest start_date..end_date range, and the page_size cap. */
#define OPEN311_MAX_RANGE_DAYS	90
#define OPEN311_MAX_RESULTS	1000
/* POST requests accepted per API key in one rate-limit window (15 minutes). */
#define OPEN311_POSTS_PER_WINDOW	30

/*
 * Sends value (a JSON array or object, reference taken) in the request's
 * format. In XML the root element is root; an array's items, and the members
 * of nested arrays, are named by open311_item_name. Members named "lat" and
 * "long" hold fixed-decimal numbers as strings and are written as numbers.
 */
void	 open311_send(struct request *, const char *root, json_t *value);
/*
 * Sends the spec's error list with one error: the HTTP status as its code and
 * the text of Msg.Open311.<key> with {value}.
 */
void	 open311_error(struct request *, int status, const char *key, const char *value);
/* Sends the error of a failed route match (404, 405, 400 with the field) or r->status. */
void	 open311_route_error(struct request *);

/*
 * Strips the ".json" or ".xml" suffix of an Open311 path and sets r->format.
 * Other paths are left as they are. Returns 0, or -1 for an Open311 path
 * without a known suffix (a 404 in XML, the default format).
 */
int	 open311_path_format(struct request *);

/*
 * Finds the gmina named by the jurisdiction_id field (its TERC code). Returns
 * the tenant id, or 0 after sending the error (400 missing, 404 unknown, 500).
 */
unsigned long long open311_jurisdiction(struct request *, struct app *);

/*
 * Formats a MariaDB DATETIME in UTC as ISO 8601 in Warsaw time with its offset
 * ("2026-10-25T02:30:00+01:00") into out. Returns out, or NULL when db is NULL or unreadable.
 */
const char *open311_datetime(const char *db, char out[32]);
/* A JSON string of s, or JSON null when s is NULL or empty. */
json_t	*open311_string_or_null(const char *s);

#endif
