/* report_photos.c: the photos of a new report: checked, re-encoded and stored with the report. */
#include "cs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "log.h"
#include "photo.h"
#include "render.h"
#include "report_submit.h"
#include "session.h"
#include "upload_store.h"

const struct file_spec report_form_files[] = {
	{ "photo", REPORT_PHOTOS_MAX, REQ_MAX_PHOTO_BYTES }, { NULL, 0, 0 } };

static const char sql_photo[] =
    "INSERT INTO report_photo (tenant_id, report_id, token, width, height, bytes,"
    " sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

bool
report_photos_attached(const struct request *r)
{
	return r->upload_problem.key[0] != '\0' || request_file_count(r, "photo") > 0;
}

/* Sets P.Errors.PhotoText to the sentence of a problem, with the file's name first. */
static void
photo_error(struct request *r, HDF *hdf, const char *filename, const struct problem *p)
{
	struct buf	 text;

	buf_init(&text);
	if (filename != NULL)
		buf_printf(&text, "%s: ", filename);
	lang_problem(&text, r->lang, p);
	render_set(hdf, "Errors.Photos", "Photo");
	render_set(hdf, "Errors.PhotoText", buf_cstr(&text));
	buf_free(&text);
}

/*
 * Sets the error of a photo limit broken while reading the body. A file over
 * the size limit is named with the limit in MB (the generic sentence has none).
 */
static void
upload_error(struct request *r, HDF *hdf)
{
	struct problem	 p;

	if (strcmp(r->upload_problem.key, "Upload.FileTooLarge") != 0) {
		photo_error(r, hdf, NULL, &r->upload_problem);
		return;
	}
	problem_set(&p, 0, "Photo.FileTooLarge", "%d", REQ_MAX_PHOTO_BYTES / (1024 * 1024));
	photo_error(r, hdf, r->upload_problem.value, &p);
}

bool
report_photos_check(struct request *r, HDF *hdf)
{
	const struct upload	*u;
	struct problem		 p;
	size_t			 i, n = request_file_count(r, "photo");

	if (r->upload_problem.key[0] != '\0') {
		upload_error(r, hdf);
		return false;
	}
	for (i = 0; i < n && i < REPORT_PHOTOS_MAX; i++) {
		u = request_file(r, "photo", i);
		if (photo_detect(u->data, u->length) == PHOTO_UNKNOWN) {
			problem_set(&p, 0, "Photo.NotImage", NULL);
			photo_error(r, hdf, u->filename, &p);
			return false;
		}
	}
	return true;
}

int
report_photos_prepare(struct request *r, struct app *app, HDF *hdf,
    struct report_photos *out)
{
	const struct upload	*u;
	struct photo		 photo;
	struct problem		 err;
	size_t			 i, n = request_file_count(r, "photo");

	memset(out, 0, sizeof(*out));
	if (r->upload_problem.key[0] != '\0') {
		upload_error(r, hdf);
		return 1;
	}
	for (i = 0; i < n && i < REPORT_PHOTOS_MAX; i++) {
		u = request_file(r, "photo", i);
		if (photo_process(u->data, u->length, &photo_default_limits, &photo,
		    &err) == -1) {
			photo_error(r, hdf, u->filename, &err);
			report_photos_discard(app, out);
			return 1;
		}
		if (upload_store_save(app->conf->upload_dir, &photo,
		    out->items[out->count].token) == -1) {
			log_error("storing a report photo in %s failed: %s",
			    app->conf->upload_dir, strerror(errno));
			photo_free(&photo);
			report_photos_discard(app, out);
			return -1;
		}
		out->items[out->count].width = photo.width;
		out->items[out->count].height = photo.height;
		out->items[out->count].bytes = photo.jpeg_length;
		out->count++;
		photo_free(&photo);
	}
	return 0;
}

int
report_photos_insert(struct request *r, struct app *app, unsigned long long tenant_id,
    unsigned long long report_id, const struct report_photos *p)
{
	char	 now[20];
	size_t	 i;

	session_datetime(r->now, now);
	for (i = 0; i < p->count; i++)
		if (db_exec(app->db, sql_photo, DB_ARGS(DB_I(tenant_id), DB_I(report_id),
		    DB_T(p->items[i].token), DB_I(p->items[i].width),
		    DB_I(p->items[i].height), DB_I(p->items[i].bytes), DB_I(i), DB_T(now)),
		    NULL, NULL) == -1)
			return -1;
	return 0;
}

void
report_photos_discard(struct app *app, struct report_photos *p)
{
	size_t	 i;

	for (i = 0; i < p->count; i++)
		if (upload_store_delete(app->conf->upload_dir, p->items[i].token) == -1)
			log_error("deleting an unused report photo failed: %s", strerror(errno));
	p->count = 0;
}
