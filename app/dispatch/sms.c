/* sms.c: the SMS channel: a gmina's SMS settings, the SMSAPI.pl request and its outcome. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/crypto.h>

#include "buf.h"
#include "log.h"
#include "sms.h"
#include "sms_callback.h"
#include "sms_text.h"

#define SMS_CONNECT_TIMEOUT	10L	/* seconds */
#define SMS_TOTAL_TIMEOUT	30L
#define SMS_MAX_RESPONSE		(64 * 1024)	/* bytes of a gateway response */
#define SMS_MAX_RETRY_AFTER	86400U		/* seconds */

static const char sql_settings[] =
    "SELECT sms_sender, sms_transliterate, sms_max_parts FROM tenant WHERE id = ?";

/* A gmina's SMS settings; the defaults of the tenant table when there is no gmina. */
struct sms_settings {
	char		 sender[12];
	int		 transliterate;
	unsigned	 max_parts;	/* 0: no cap */
};

/* The gateway's response to one request. */
struct sms_response {
	struct buf	 body;
	unsigned	 retry_after;
	int		 too_large;
};

/*
 * SMSAPI.pl error codes and what they mean for the message.
 * NOTE: the codes follow SMSAPI's published list as remembered; they were checked
 * against tests/fakes/sms_gateway.py only, never against the real gateway.
 */
static const struct {
	long		 code;
	enum send_outcome outcome;
	const char	*reason;
} smsapi_errors[] = {
	{ 11, SEND_FAIL, "message empty or too long" },
	{ 12, SEND_FAIL, "message has more parts than max_parts" },
	{ 13, SEND_FAIL, "invalid or blocked phone number" },
	{ 14, SEND_FAIL, "sender name not registered with the gateway" },
	{ 53, SEND_OK, "idx already used, so the gateway already has this message" },
	{ 101, SEND_FAIL, "authorization rejected; check sms_token" },
	{ 102, SEND_FAIL, "invalid username or password; check sms_token" },
	{ 103, SEND_FAIL, "not enough points on the gateway account" },
	{ 105, SEND_FAIL, "this host's address is not allowed by the gateway" },
	{ 201, SEND_RETRY, "gateway internal error" },
	{ 202, SEND_RETRY, "too many simultaneous requests" },
	{ 203, SEND_RETRY, "too many requests" },
	{ 999, SEND_RETRY, "gateway internal error" },
};

static void
result_set(struct send_result *result, enum send_outcome outcome, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
result_set(struct send_result *result, enum send_outcome outcome, const char *fmt, ...)
{
	va_list	 ap;

	result->outcome = outcome;
	va_start(ap, fmt);
	vsnprintf(result->error, sizeof(result->error), fmt, ap);
	va_end(ap);
}

static int
settings_load(struct db *db, unsigned long long tenant_id, struct sms_settings *s)
{
	struct db_result	 r;

	snprintf(s->sender, sizeof(s->sender), "%s", "");
	s->transliterate = 1;
	s->max_parts = 2;
	if (tenant_id == 0)
		return 0;
	if (db_query(db, sql_settings, DB_ARGS(DB_I(tenant_id)), &r) == -1)
		return -1;
	if (r.rows == 1) {
		snprintf(s->sender, sizeof(s->sender), "%s", db_cell(&r, 0, 0));
		s->transliterate = db_cell_int(&r, 0, 1) != 0;
		s->max_parts = (unsigned)db_cell_int(&r, 0, 2);
	}
	db_result_free(&r);
	return 0;
}

/* True for "+" and 8 to 15 digits (E.164); the number itself is never logged. */
static int
phone_valid(const char *to)
{
	size_t	 i;

	if (to == NULL || to[0] != '+')
		return 0;
	for (i = 1; to[i] != '\0'; i++)
		if (to[i] < '0' || to[i] > '9')
			return 0;
	return i - 1 >= 8 && i - 1 <= 15;
}

/* Appends "&name=value" (or "name=value" first) with the value percent-encoded. */
static void
form_add(struct buf *form, CURL *curl, const char *name, const char *value)
{
	char	*escaped;

	if ((escaped = curl_easy_escape(curl, value, 0)) == NULL)
		abort();
	buf_printf(form, "%s%s=%s", form->len > 0 ? "&" : "", name, escaped);
	curl_free(escaped);
}

/* Builds the notify_url of a message: base_url + /sms/zwrotka?sig=HMAC(idx). */
static int
notify_url(const struct conf *conf, const char *idx, struct buf *url)
{
	char	 sig[SMS_SIGNATURE_LEN + 1];

	if (sms_callback_signature(conf, idx, sig) == -1)
		return -1;
	buf_printf(url, "%s/sms/zwrotka?sig=%s", conf->base_url, sig);
	return 0;
}

static int
form_build(struct buf *form, CURL *curl, const struct conf *conf,
    const struct outgoing *msg, const struct sms_settings *s, const char *text)
{
	char		 idx[SMS_IDX_LEN + 1], parts[16];
	struct buf	 url;

	sms_idx(msg->idempotency_key, idx);
	buf_init(&url);
	if (notify_url(conf, idx, &url) == -1) {
		buf_free(&url);
		return -1;
	}
	form_add(form, curl, "to", msg->to + 1);
	form_add(form, curl, "message", text);
	if (s->sender[0] != '\0')
		form_add(form, curl, "from", s->sender);
	form_add(form, curl, "encoding", "utf-8");
	form_add(form, curl, "idx", idx);
	form_add(form, curl, "check_idx", "1");
	form_add(form, curl, "notify_url", buf_cstr(&url));
	if (s->max_parts > 0) {
		snprintf(parts, sizeof(parts), "%u", s->max_parts);
		form_add(form, curl, "max_parts", parts);
	}
	form_add(form, curl, "format", "json");
	form_add(form, curl, "details", "1");
	buf_free(&url);
	return 0;
}

static size_t
response_write(char *data, size_t size, size_t count, void *userdata)
{
	struct sms_response	*response = userdata;

	if (response->body.len + size * count > SMS_MAX_RESPONSE) {
		response->too_large = 1;
		return 0;
	}
	buf_append(&response->body, data, size * count);
	return size * count;
}

/* Reads Retry-After as seconds or as an HTTP date. */
static size_t
response_header_line(char *data, size_t size, size_t count, void *userdata)
{
	struct sms_response	*response = userdata;
	size_t			 len = size * count;
	char			 value[128], *end;
	unsigned long		 seconds;
	time_t			 when;

	if (len < 12 || strncasecmp(data, "Retry-After:", 12) != 0 || len - 12 >= sizeof(value))
		return len;
	memcpy(value, data + 12, len - 12);
	value[len - 12] = '\0';
	value[strcspn(value, "\r\n")] = '\0';
	seconds = strtoul(value, &end, 10);
	if (end != value && (*end == '\0' || *end == ' '))
		response->retry_after = seconds > SMS_MAX_RETRY_AFTER ?
		    SMS_MAX_RETRY_AFTER : (unsigned)seconds;
	else if ((when = curl_getdate(value, NULL)) != -1 && when > time(NULL))
		response->retry_after = when - time(NULL) > SMS_MAX_RETRY_AFTER ?
		    SMS_MAX_RETRY_AFTER : (unsigned)(when - time(NULL));
	return len;
}

static void
classify_error(long code, struct send_result *result)
{
	size_t	 i;

	for (i = 0; i < sizeof(smsapi_errors) / sizeof(smsapi_errors[0]); i++)
		if (smsapi_errors[i].code == code) {
			result_set(result, smsapi_errors[i].outcome, "SMSAPI error %ld: %s",
			    code, smsapi_errors[i].reason);
			return;
		}
	result_set(result, SEND_FAIL, "SMSAPI error %ld", code);
}

/* Reads the error code, which SMSAPI sends as a number (a numeric string is accepted too). */
static int
error_code(json_t *root, long *code)
{
	json_t	*error = json_object_get(root, "error");
	char	*end;

	if (json_is_integer(error)) {
		*code = (long)json_integer_value(error);
		return 0;
	}
	if (json_is_string(error)) {
		*code = strtol(json_string_value(error), &end, 10);
		return *end == '\0' && end != json_string_value(error) ? 0 : -1;
	}
	return -1;
}

/*
 * Reads {count, list: [{id, points, number, status, idx}]} or {error, message}.
 * A response that cannot be read is retried: the gateway may have accepted the
 * message, and check_idx turns the resend into error 53.
 */
static void
response_parse(const struct sms_response *response, struct send_result *result)
{
	json_t		*root, *first, *id;
	json_error_t	 error;
	long		 code;

	root = json_loadb(response->body.data != NULL ? response->body.data : "",
	    response->body.len, JSON_REJECT_DUPLICATES, &error);
	if (!json_is_object(root)) {
		result_set(result, SEND_RETRY, "unreadable gateway response: %s", error.text);
		json_decref(root);
		return;
	}
	if (json_object_get(root, "error") != NULL) {
		if (error_code(root, &code) == 0)
			classify_error(code, result);
		else
			result_set(result, SEND_RETRY, "gateway response has an invalid error code");
		json_decref(root);
		return;
	}
	first = json_array_get(json_object_get(root, "list"), 0);
	id = json_object_get(first, "id");
	if (json_is_string(id) && json_string_length(id) > 0 &&
	    json_string_length(id) < sizeof(result->provider_id)) {
		result->outcome = SEND_OK;
		snprintf(result->provider_id, sizeof(result->provider_id), "%s",
		    json_string_value(id));
	} else
		result_set(result, SEND_RETRY, "gateway response has no message id");
	json_decref(root);
}

/* Turns the transfer and HTTP status into the outcome; reads the body when there is one. */
static void
response_classify(CURLcode rc, long http, const struct sms_response *response,
    struct send_result *result)
{
	if (rc == CURLE_OPERATION_TIMEDOUT)
		result_set(result, SEND_RETRY, "gateway timed out");
	else if (rc == CURLE_WRITE_ERROR && response->too_large)
		result_set(result, SEND_RETRY, "gateway response larger than %d bytes",
		    SMS_MAX_RESPONSE);
	else if (rc != CURLE_OK)
		result_set(result, SEND_RETRY, "gateway connection failed: %s",
		    curl_easy_strerror(rc));
	else if (http == 429) {
		result_set(result, SEND_RETRY, "gateway rate limit (HTTP 429)");
		result->retry_after = response->retry_after;
	} else if (http >= 500)
		result_set(result, SEND_RETRY, "gateway failed with HTTP %ld", http);
	else if (http == 401 || http == 403)
		result_set(result, SEND_FAIL, "gateway rejected the token (HTTP %ld); "
		    "check sms_token", http);
	else if (http >= 200 && http < 300)
		response_parse(response, result);
	else {
		response_parse(response, result);
		if (result->outcome == SEND_OK || result->outcome == SEND_RETRY)
			result_set(result, SEND_FAIL, "gateway rejected the request with HTTP %ld",
			    http);
	}
}

static void
post_form(const struct conf *conf, CURL *curl, const struct buf *form,
    struct send_result *result)
{
	struct curl_slist	*headers = NULL;
	struct sms_response	 response;
	struct buf		 auth;
	CURLcode		 rc;
	long			 http = 0;

	memset(&response, 0, sizeof(response));
	buf_init(&response.body);
	buf_init(&auth);
	buf_printf(&auth, "Authorization: Bearer %s", conf->sms_token);
	headers = curl_slist_append(headers, buf_cstr(&auth));
	curl_easy_setopt(curl, CURLOPT_URL, conf->sms_url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, buf_cstr(form));
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)form->len);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, SMS_CONNECT_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, SMS_TOTAL_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, response_write);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, response_header_line);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http);
	response_classify(rc, http, &response, result);
	curl_slist_free_all(headers);
	OPENSSL_cleanse(auth.data, auth.len);
	buf_free(&auth);
	buf_free(&response.body);
}

/* Applies the gmina's transliteration and cap on parts to the text. */
static void
text_prepare(const struct sms_settings *s, const char *text, struct buf *out)
{
	struct buf	 plain;

	buf_init(&plain);
	if (s->transliterate)
		sms_transliterate(&plain, text);
	else
		buf_puts(&plain, text);
	if (s->max_parts > 0)
		sms_truncate(out, buf_cstr(&plain), s->max_parts);
	else
		buf_puts(out, buf_cstr(&plain));
	buf_free(&plain);
}

static void
log_outcome(const struct outgoing *msg, const struct sms_count *count,
    const struct send_result *result)
{
	static const char *const names[] = { "sent", "retry", "failed", "skipped" };

	if (result->outcome == SEND_OK)
		log_info("sms outbox %llu: sent as %s in %zu part(s), gateway id %s",
		    msg->outbox_id, count->encoding == SMS_GSM7 ? "GSM-7" : "UCS-2",
		    count->parts, result->provider_id[0] != '\0' ? result->provider_id : "-");
	else	/* ratusz-dispatch logs every outcome other than sent as a warning */
		log_debug("sms outbox %llu: %s: %s", msg->outbox_id,
		    names[result->outcome], result->error);
}

int
sms_send(struct db *db, const struct conf *conf, const struct outgoing *msg,
    struct send_result *result)
{
	struct sms_settings	 settings;
	struct sms_count	 count;
	struct buf		 text, form;
	CURL			*curl;

	memset(result, 0, sizeof(*result));
	memset(&count, 0, sizeof(count));
	if (msg->to == NULL || msg->to[0] == '\0' || msg->text == NULL || msg->text[0] == '\0')
		result_set(result, SEND_SKIP, "no phone number or no text");
	else if (!phone_valid(msg->to))
		result_set(result, SEND_FAIL, "phone number is not in E.164 form (+ and 8 to 15 digits)");
	else if (msg->idempotency_key == NULL || msg->idempotency_key[0] == '\0')
		result_set(result, SEND_FAIL, "outbox row has no idempotency key");
	else if (settings_load(db, msg->tenant_id, &settings) == -1)
		result_set(result, SEND_RETRY, "reading the gmina's SMS settings failed");
	if (result->error[0] != '\0') {
		log_outcome(msg, &count, result);
		return -1;
	}

	buf_init(&text);
	buf_init(&form);
	text_prepare(&settings, msg->text, &text);
	sms_count(buf_cstr(&text), text.len, &count);
	if ((curl = curl_easy_init()) == NULL)
		result_set(result, SEND_RETRY, "libcurl could not start a transfer");
	else if (form_build(&form, curl, conf, msg, &settings, buf_cstr(&text)) == -1)
		result_set(result, SEND_RETRY, "no key for the delivery callback signature");
	else
		post_form(conf, curl, &form, result);
	curl_easy_cleanup(curl);
	buf_free(&text);
	buf_free(&form);
	log_outcome(msg, &count, result);
	return result->outcome == SEND_OK ? 0 : -1;
}
