/* upload_send.h: sends a stored photo as an HTTP response. */
#ifndef RATUSZ_UPLOAD_SEND_H
#define RATUSZ_UPLOAD_SEND_H

#include <stdbool.h>

#include "request.h"
#include "upload_store.h"

/*
 * Sends the stored file of token from dir as image/jpeg, inline, with a
 * strong ETag (a token's files never change; nginx adds nosniff), answering a matching If-None-Match with 304. The caller must have
 * decided that the requester may see the object the photo belongs to: this
 * function checks nothing. is_public says that anyone may see it, which allows
 * shared caches to keep it for a year ("public, max-age=31536000, immutable");
 * otherwise the response is "private, no-cache", so every reuse is revalidated
 * and passes the caller's visibility check again. Sets r->status 404 when the
 * token is malformed or has no file, or 500 when the file cannot be read, and
 * leaves the body empty for page_error.
 */
void	 upload_send(struct request *, const char *dir, const char *token,
		enum upload_variant, bool is_public);

#endif
