/* route.h: the route table that maps a method and path to a page handler and its validators. */
#ifndef RATUSZ_ROUTE_H
#define RATUSZ_ROUTE_H

#include "request.h"

struct app;

typedef void (*handler_fn)(struct request *, struct app *);

/*
 * A route: each "*" segment of the pattern is one path argument, validated by
 * the matching entry of path (in order); query names the accepted query fields
 * and form the fields of a POST body (see request_parse_form). A POST route
 * with files takes multipart/form-data bodies of up to REQ_MAX_UPLOAD_BODY
 * bytes (see request_parse_multipart); nginx must let such bodies through, so
 * its path needs a location with client_max_body_size 51m in nginx/ratusz.conf
 * and nginx/dev.conf.in. A test_only route exists only with RATUSZ_TEST_HOOKS=1.
 */
struct route {
	const char		*method;
	const char		*pattern;
	handler_fn		 handler;
	const struct field_spec	*path;
	const struct field_spec	*query;
	const struct field_spec	*form;
	const struct file_spec	*files;
	bool			 test_only;
};

/*
 * Finds the route for the request, validates its path arguments, query and
 * (for a POST route with a form table) form body into r, and returns it.
 * Returns NULL with r->status set to 404 (no such path), 405 (path exists,
 * method does not; r->allow lists the path's methods) or 400 (invalid field).
 */
const struct route *route_match(struct request *);

/*
 * Returns the largest body the worker reads for this method and path:
 * REQ_MAX_UPLOAD_BODY for a route with files, else REQ_MAX_BODY.
 */
size_t	 route_body_limit(const struct request *);

#endif
