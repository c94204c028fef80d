/*
 * page_test_upload.c: an upload form endpoint and a photo viewer that exist only
 * with RATUSZ_TEST_HOOKS=1, so that HTTP tests can drive the multipart parser,
 * the photo pipeline and the upload store through nginx.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lang.h"
#include "log.h"
#include "pages.h"
#include "photo.h"
#include "upload_send.h"
#include "upload_store.h"

static json_t *
problem_json(const struct request *r, const struct problem *p)
{
	struct buf	 text;
	json_t		*o;

	buf_init(&text);
	lang_problem(&text, r->lang, p);
	o = json_pack("{s:s, s:s}", "key", p->key, "message", buf_cstr(&text));
	buf_free(&text);
	return o;
}

/* Processes and stores one uploaded file; returns its JSON description. */
static json_t *
store_one(struct request *r, struct app *app, const struct upload *u)
{
	struct photo	 photo;
	struct problem	 err;
	char		 token[TOKEN_LEN + 1];
	json_t		*o;

	if (photo_process(u->data, u->length, &photo_default_limits, &photo, &err) == -1)
		return json_pack("{s:s, s:o}", "filename", u->filename, "error",
		    problem_json(r, &err));
	if (upload_store_save(app->conf->upload_dir, &photo, token) == -1) {
		log_error("storing an uploaded photo in %s failed: %s",
		    app->conf->upload_dir, strerror(errno));
		photo_free(&photo);
		r->status = 500;
		return json_pack("{s:s, s:s}", "filename", u->filename, "error", "store");
	}
	o = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:I, s:I}",
	    "filename", u->filename, "token", token,
	    "width", (int)photo.width, "height", (int)photo.height,
	    "thumb_width", (int)photo.thumb_width, "thumb_height", (int)photo.thumb_height,
	    "orientation", (int)photo.orientation,
	    "bytes", (json_int_t)photo.jpeg_length, "thumb_bytes", (json_int_t)photo.thumb_length);
	photo_free(&photo);
	return o;
}

void
page_test_upload_post(struct request *r, struct app *app)
{
	json_t	*photos = json_array(), *out;
	char	*text;
	size_t	 i, n = request_file_count(r, "photo");

	for (i = 0; i < n; i++)
		json_array_append_new(photos, store_one(r, app, request_file(r, "photo", i)));
	out = json_pack("{s:s?, s:o}", "title", request_text(r, "title"), "photos", photos);
	if (r->upload_problem.key[0] != '\0')
		json_object_set_new(out, "upload_problem", problem_json(r, &r->upload_problem));
	text = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	r->content_type = "application/json";
	buf_puts(&r->body, text != NULL ? text : "{}");
	free(text);
}

void
page_test_upload_photo(struct request *r, struct app *app)
{
	const char		*variant = request_text(r, "variant");
	const struct field	*public = request_field(r, "public");

	if (strcmp(variant, "photo") != 0 && strcmp(variant, "thumb") != 0) {
		r->status = 404;
		return;
	}
	upload_send(r, app->conf->upload_dir, request_text(r, "token"),
	    strcmp(variant, "thumb") == 0 ? UPLOAD_THUMB : UPLOAD_PHOTO, public != NULL);
}
