/* route.h: the route table that maps a method and path to a page handler and its validators. */
#ifndef RATUSZ_ROUTE_H
#define RATUSZ_ROUTE_H

#include "request.h"

struct app;

typedef void (*handler_fn)(struct request *, struct app *);

/*
 * A route: each "*" segment of the pattern is one path argument, validated by
 * the matching entry of path (in order); query names the accepted query fields
 * and form the fields of a POST body (see request_parse_form).
 */
struct route {
	const char		*method;
	const char		*pattern;
	handler_fn		 handler;
	const struct field_spec	*path;
	const struct field_spec	*query;
	const struct field_spec	*form;
};

/*
 * Finds the route for the request, validates its path arguments, query and
 * (for a POST route with a form table) form body into r, and returns it.
 * Returns NULL with r->status set to 404 (no such path), 405 (path exists,
 * method does not; r->allow lists the path's methods) or 400 (invalid field).
 */
const struct route *route_match(struct request *);

#endif
