/* upload_send.c: the response that carries a stored photo (see upload_send.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "upload_send.h"

/* Sets the status for a failed lookup or read of a stored file (errno from upload_store). */
static void
fail(struct request *r, int error)
{
	buf_reset(&r->body);
	if (error == ENOENT || error == EINVAL || error == ENAMETOOLONG) {
		r->status = 404;
		return;
	}
	log_error("reading a stored photo failed: %s", strerror(error));
	r->status = 500;
}

void
upload_send(struct request *r, const char *dir, const char *token,
    enum upload_variant v, bool is_public)
{
	char		 etag[TOKEN_LEN + 8], path[4096];
	struct stat	 st;

	buf_reset(&r->body);
	if (upload_store_path(dir, token, v, path, sizeof(path)) == -1 ||
	    stat(path, &st) == -1) {
		fail(r, errno);
		return;
	}
	snprintf(etag, sizeof(etag), "\"%s.%c\"", token, v == UPLOAD_THUMB ? 't' : 'p');
	r->content_type = "image/jpeg";
	/* X-Content-Type-Options: nosniff comes from nginx, on every response. */
	response_header(r, "Content-Disposition", "inline");
	response_header(r, "ETag", etag);
	response_header(r, "Cache-Control", is_public ?
	    "public, max-age=31536000, immutable" : "private, no-cache");
	if (etag_matches(r->if_none_match, etag)) {
		r->status = 304;
		return;
	}
	if (upload_store_read(dir, token, v, &r->body) == -1)
		fail(r, errno);
}
