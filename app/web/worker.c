/* worker.c: one FastCGI worker: accepts requests, routes them and writes the responses. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "cache.h"
#include "clock.h"
#include "lang.h"
#include "log.h"
#include "open311.h"
#include "pages.h"
#include "password.h"
#include "photo.h"
#include "pool.h"
#include "render.h"
#include "route.h"
#include "session.h"
#include "text.h"
#include "worker.h"

static const char *
param(FCGX_Request *fr, const char *name)
{
	return FCGX_GetParam(name, fr->envp);
}

/*
 * Returns the time of this request: the X-Ratusz-Now header when test hooks
 * are on (so one test stack can try many days), else clock_now().
 */
static time_t
request_now(FCGX_Request *fr, const struct app *app)
{
	const char	*header = param(fr, "HTTP_X_RATUSZ_NOW");
	time_t		 t;

	if (app->test_hooks && header != NULL && clock_parse(header, &t) == 0)
		return t;
	return clock_now();
}

/*
 * Reads a POST body of CONTENT_LENGTH bytes into r->form_data. Returns 0, or -1
 * with r->status 413 (longer than route_body_limit) or 400 (shorter than announced).
 */
static int
request_read_body(struct request *r, FCGX_Request *fr)
{
	const char	*length = param(fr, "CONTENT_LENGTH");
	char		*end;
	unsigned long	 n;
	int		 got;

	if (length == NULL || *length == '\0')
		return 0;
	n = strtoul(length, &end, 10);
	if (*end != '\0' || length[0] == '-') {
		r->status = 400;
		return -1;
	}
	/* NOTE: the body is not read, so the text typed into the form is lost. */
	if (n > route_body_limit(r)) {
		r->status = 413;
		if (route_body_limit(r) == REQ_MAX_UPLOAD_BODY)
			problem_set(&r->body_problem, 0, "Upload.BodyTooLarge", "%d",
			    REQ_MAX_UPLOAD_BODY / (1024 * 1024));
		return -1;
	}
	if ((r->form_data = malloc(n + 1)) == NULL)
		abort();
	got = n > 0 ? FCGX_GetStr(r->form_data, (int)n, fr->in) : 0;
	if (got < 0 || (unsigned long)got != n) {
		r->status = 400;
		return -1;
	}
	r->form_data[n] = '\0';
	r->form_length = n;
	r->form_type = param(fr, "CONTENT_TYPE");
	return 0;
}

/* Fills r from the FastCGI parameters; nginx passes the decoded, normalised path. */
static int
request_read(struct request *r, FCGX_Request *fr, const struct app *app)
{
	const char	*uri;
	char		*path, *q;

	r->method = param(fr, "REQUEST_METHOD");
	r->query = param(fr, "QUERY_STRING");
	r->if_none_match = param(fr, "HTTP_IF_NONE_MATCH");
	r->cookie = param(fr, "HTTP_COOKIE");
	r->accept_language = param(fr, "HTTP_ACCEPT_LANGUAGE");
	r->request_id = param(fr, "REQUEST_ID");
	r->remote_addr = param(fr, "REMOTE_ADDR");
	request_client_key(r->remote_addr, r->client);
	r->origin = param(fr, "HTTP_ORIGIN");
	r->referer = param(fr, "HTTP_REFERER");
	if (r->method == NULL)
		r->method = "GET";
	if ((uri = param(fr, "DOCUMENT_URI")) == NULL &&
	    (uri = param(fr, "REQUEST_URI")) == NULL)
		uri = "/";
	if ((path = strdup(uri)) == NULL)
		abort();
	if ((q = strchr(path, '?')) != NULL)
		*q = '\0';
	r->owned[r->owned_count++] = path;
	r->path = path;
	r->lang = request_pick_lang(r->cookie, r->accept_language);
	r->now = request_now(fr, app);
	r->test_hooks = app->test_hooks;
	r->today = clock_local_day(r->now);
	if (!utf8_valid(path, strlen(path)) || path[0] != '/') {
		r->status = 400;
		return -1;
	}
	if (strcmp(r->method, "POST") == 0)
		return request_read_body(r, fr);
	return 0;
}

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Content Too Large";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

static void
response_write(struct request *r, FCGX_Request *fr)
{
	struct buf	 head;
	int		 with_body = strcmp(r->method, "HEAD") != 0 &&
			    r->status != 304 && r->status != 204;

	buf_init(&head);
	buf_printf(&head, "Status: %d %s\r\n", r->status, status_text(r->status));
	if (r->status != 304 && r->content_type != NULL)
		buf_printf(&head, "Content-Type: %s\r\n", r->content_type);
	buf_printf(&head, "Content-Language: %s\r\n", lang_code(r->lang));
	buf_append(&head, r->headers.data, r->headers.len);
	if (with_body)
		buf_printf(&head, "Content-Length: %zu\r\n", r->body.len);
	buf_puts(&head, "\r\n");
	FCGX_PutStr(head.data, (int)head.len, fr->out);
	if (with_body && r->body.len > 0)
		FCGX_PutStr(r->body.data, (int)r->body.len, fr->out);
	buf_free(&head);
}

static void
request_handle(struct request *r, FCGX_Request *fr, struct app *app)
{
	const struct route	*rt;

	if (request_read(r, fr, app) == -1) {
		page_error(r, app);
	} else if (session_load(r, app) == -1) {
		r->status = 503;
		page_error(r, app);
	} else if (open311_path_format(r) == -1) {
		r->status = 404;
		page_error(r, app);
	} else if (strcmp(r->method, "OPTIONS") == 0 &&
	    (strncmp(r->path, "/api/", 5) == 0 || strncmp(r->path, "/open311/", 9) == 0)) {
		/* CORS preflight: lets other sites send If-None-Match and Accept-Language. */
		r->status = 204;
		response_header(r, "Access-Control-Allow-Origin", "*");
		response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
		response_header(r, "Access-Control-Allow-Headers",
		    "If-None-Match, Accept-Language");
		response_header(r, "Access-Control-Max-Age", "86400");
	} else if ((rt = route_match(r)) == NULL) {
		page_error(r, app);
	} else {
		rt->handler(r, app);
		if (r->status >= 400 && r->body.len == 0)
			page_error(r, app);
	}
	if (r->status == 405 && r->allow[0] != '\0')
		response_header(r, "Allow", r->allow);
	response_write(r, fr);
}

static int
worker_setup(struct app *app, const struct conf *conf)
{
	memset(app, 0, sizeof(*app));
	app->conf = conf;
	app->test_hooks = getenv("RATUSZ_TEST_HOOKS") != NULL &&
	    strcmp(getenv("RATUSZ_TEST_HOOKS"), "1") == 0;
	clock_init();
	if (lang_load(conf->template_dir) == -1)
		return -1;
	if ((app->db = db_open(conf)) == NULL)
		return -1;
	/* Keyed by a directory that outlives test stacks, so reruns reuse one semaphore. */
	if (password_limit_init(conf->template_dir, PASSWORD_CONCURRENT) == -1)
		log_warn("password hashing runs without a concurrency limit: "
		    "semaphore for %s: %s", conf->template_dir, strerror(errno));
	if (photo_limit_init(conf->template_dir, PHOTO_CONCURRENT) == -1)
		log_warn("photo decoding runs without a concurrency limit: "
		    "semaphore for %s: %s", conf->template_dir, strerror(errno));
	app->render = render_open(conf->template_dir, conf->base_url);
	return 0;
}

int
worker_main(int listen_fd, const struct conf *conf)
{
	struct app	 app;
	struct request	 r;
	FCGX_Request	 fr;
	unsigned	 served = 0;

	if (worker_setup(&app, conf) == -1) {
		log_error("worker %d could not start, exiting", (int)getpid());
		sleep(1);
		return 1;
	}
	FCGX_Init();
	FCGX_InitRequest(&fr, listen_fd, 0);
	request_init(&r);
	while (conf->max_requests == 0 || served < conf->max_requests) {
		if (pool_accept(&fr) == -1)
			break;
		pool_request_begin();
		log_set_request(param(&fr, "REQUEST_ID"));
		request_handle(&r, &fr, &app);
		FCGX_Finish_r(&fr);
		log_set_request(NULL);
		request_reset(&r);
		pool_request_end();
		served++;
	}
	request_free(&r);
	cache_clear();
	render_close(app.render);
	db_close(app.db);
	lang_free();
	return 0;
}
