/* sms.c: the SMS channel: a gmina's SMS settings, the SMSAPI.pl request and the outcome of each recipient. */
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
#include "sms_gateway.h"

#define SMS_CONNECT_TIMEOUT	10L	/* seconds */
#define SMS_TOTAL_TIMEOUT	30L
#define SMS_MAX_RESPONSE		(64 * 1024)	/* bytes of a gateway response */
#define SMS_MAX_RETRY_AFTER	86400U		/* seconds */

static const char sql_settings[] =
    "SELECT sms_sender, sms_transliterate, sms_max_parts FROM tenant WHERE id = ?";

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

int
sms_settings_load(struct db *db, unsigned long long tenant_id, struct sms_settings *s)
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

/* The number itself is never logged. */
int
sms_phone_valid(const char *to)
{
	size_t	 i;

	if (to == NULL || to[0] != '+')
		return 0;
	for (i = 1; to[i] != '\0'; i++)
		if (to[i] < '0' || to[i] > '9')
			return 0;
	return i - 1 >= 8 && i - 1 <= 15;
}

void
sms_form_add(struct buf *form, CURL *curl, const char *name, const char *value)
{
	char	*escaped;

	if ((escaped = curl_easy_escape(curl, value, 0)) == NULL)
		abort();
	buf_printf(form, "%s%s=%s", form->len > 0 ? "&" : "", name, escaped);
	curl_free(escaped);
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

/* Reads an error code, which SMSAPI sends as a number (a numeric string is accepted too). */
static int
error_code(json_t *error, long *code)
{
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

/* Sets the result of every member to the same outcome and reason. */
static void
members_set(struct sms_member *members, size_t count, const struct send_result *common)
{
	size_t	 i;

	for (i = 0; i < count; i++)
		*members[i].result = *common;
}

/* Finds the member a list entry or invalid number refers to, by idx, else by number; -1 when none. */
static long
member_of(json_t *entry, struct sms_member *members, size_t count)
{
	const char	*idx = json_string_value(json_object_get(entry, "idx"));
	const char	*number = json_string_value(json_object_get(entry, "submitted_number"));
	size_t		 i;

	if (number == NULL)
		number = json_string_value(json_object_get(entry, "number"));
	for (i = 0; idx != NULL && i < count; i++)
		if (strcmp(members[i].idx, idx) == 0)
			return (long)i;
	for (i = 0; number != NULL && i < count; i++)
		if (strcmp(members[i].msg->to + 1, number) == 0)
			return (long)i;
	return -1;
}

/* Sets a member's result from its entry of "list": sent with an id, or its own error. */
static void
entry_result(json_t *entry, struct send_result *result)
{
	json_t	*id = json_object_get(entry, "id"), *error = json_object_get(entry, "error");
	long	 code;

	if (error != NULL && !json_is_null(error)) {
		if (error_code(error, &code) == 0)
			classify_error(code, result);
		else
			result_set(result, SEND_RETRY, "gateway response has an invalid error code");
	} else if (json_is_string(id) && json_string_length(id) > 0 &&
	    json_string_length(id) < sizeof(result->provider_id)) {
		memset(result, 0, sizeof(*result));
		result->outcome = SEND_OK;
		snprintf(result->provider_id, sizeof(result->provider_id), "%s",
		    json_string_value(id));
	} else
		result_set(result, SEND_RETRY, "gateway response has no message id");
}

/*
 * Maps {count, list: [{id, number, idx, error}], invalid_numbers: [{number}]}
 * to the members. A member the response does not mention is retried: the
 * gateway may have sent it, and check_idx turns the resend into error 53. A
 * one-member request takes the first entry of the list as its result.
 * NOTE: invalid_numbers beside a list follows SMSAPI's error 13 answer; this
 * form of a partly accepted bulk request was checked against the fake only.
 */
static void
list_parse(json_t *root, struct sms_member *members, size_t count)
{
	json_t		*list = json_object_get(root, "list"), *entry;
	json_t		*invalid = json_object_get(root, "invalid_numbers");
	size_t		 i;
	long		 at;

	for (i = 0; i < count; i++)
		result_set(members[i].result, SEND_RETRY,
		    "gateway response has no result for this recipient");
	json_array_foreach(list, i, entry) {
		if ((at = member_of(entry, members, count)) == -1 && count == 1 && i == 0)
			at = 0;
		if (at != -1)
			entry_result(entry, members[at].result);
	}
	json_array_foreach(invalid, i, entry)
		if ((at = member_of(entry, members, count)) != -1)
			classify_error(13, members[at].result);
}

/* True when the member's number is among the invalid_numbers of a response. */
static int
listed_invalid(json_t *invalid, struct sms_member *member)
{
	json_t	*entry;
	size_t	 i;

	json_array_foreach(invalid, i, entry)
		if (member_of(entry, member, 1) == 0)
			return 1;
	return 0;
}

/*
 * Sets every member's result from an {error, message} response. Error 13 of
 * a request for many numbers lists the rejected ones in invalid_numbers, and
 * the others are retried, because the gateway sent none of them.
 */
static void
error_parse(json_t *root, long code, struct sms_member *members, size_t count)
{
	json_t	*invalid = json_object_get(root, "invalid_numbers");
	size_t	 i;

	for (i = 0; i < count; i++) {
		if (code == 13 && count > 1 && json_is_array(invalid) &&
		    !listed_invalid(invalid, &members[i]))
			result_set(members[i].result, SEND_RETRY, "gateway rejected the request "
			    "because of other recipients' numbers");
		else
			classify_error(code, members[i].result);
	}
}

/*
 * Reads the response into the members' results; returns 1 for error 53 of a
 * request with more than one member (see sms_gateway_post). A response that
 * cannot be read is retried: the gateway may have accepted the message, and
 * check_idx turns the resend into error 53.
 */
static int
response_parse(const struct sms_response *response, struct sms_member *members,
    size_t count)
{
	struct send_result	 common;
	json_t			*root;
	json_error_t		 error;
	long			 code;
	int			 split = 0;

	memset(&common, 0, sizeof(common));
	root = json_loadb(response->body.data != NULL ? response->body.data : "",
	    response->body.len, JSON_REJECT_DUPLICATES, &error);
	if (!json_is_object(root)) {
		result_set(&common, SEND_RETRY, "unreadable gateway response: %s", error.text);
		members_set(members, count, &common);
	} else if (json_object_get(root, "error") == NULL)
		list_parse(root, members, count);
	else if (error_code(json_object_get(root, "error"), &code) == -1) {
		result_set(&common, SEND_RETRY, "gateway response has an invalid error code");
		members_set(members, count, &common);
	} else if (code == 53 && count > 1)
		split = 1;
	else
		error_parse(root, code, members, count);
	json_decref(root);
	return split;
}

/*
 * Turns the transfer and HTTP status into the members' outcomes; reads the
 * body when there is one. Returns 1 when the request must be split.
 */
static int
response_classify(CURLcode rc, long http, const struct sms_response *response,
    struct sms_member *members, size_t count)
{
	struct send_result	 common;
	size_t			 i;
	int			 split;

	memset(&common, 0, sizeof(common));
	if (rc == CURLE_OPERATION_TIMEDOUT)
		result_set(&common, SEND_RETRY, "gateway timed out");
	else if (rc == CURLE_WRITE_ERROR && response->too_large)
		result_set(&common, SEND_RETRY, "gateway response larger than %d bytes",
		    SMS_MAX_RESPONSE);
	else if (rc != CURLE_OK)
		result_set(&common, SEND_RETRY, "gateway connection failed: %s",
		    curl_easy_strerror(rc));
	else if (http == 429) {
		result_set(&common, SEND_RETRY, "gateway rate limit (HTTP 429)");
		common.retry_after = response->retry_after;
	} else if (http >= 500)
		result_set(&common, SEND_RETRY, "gateway failed with HTTP %ld", http);
	else if (http == 401 || http == 403)
		result_set(&common, SEND_FAIL, "gateway rejected the token (HTTP %ld); "
		    "check sms_token", http);
	else if (http >= 200 && http < 300)
		return response_parse(response, members, count);
	else {
		/* Another 4xx: the body gives the reason, and nothing of the request was sent. */
		if ((split = response_parse(response, members, count)) == 1)
			return split;
		for (i = 0; i < count; i++)
			if (members[i].result->outcome == SEND_OK ||
			    members[i].result->outcome == SEND_RETRY)
				result_set(members[i].result, SEND_FAIL,
				    "gateway rejected the request with HTTP %ld", http);
		return 0;
	}
	members_set(members, count, &common);
	return 0;
}

int
sms_gateway_post(const struct conf *conf, CURL *curl, const struct buf *form,
    struct sms_member *members, size_t count)
{
	struct curl_slist	*headers = NULL;
	struct sms_response	 response;
	struct buf		 auth;
	CURLcode		 rc;
	long			 http = 0;
	int			 split;

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
	split = response_classify(rc, http, &response, members, count);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(headers);
	OPENSSL_cleanse(auth.data, auth.len);
	buf_free(&auth);
	buf_free(&response.body);
	return split;
}

void
sms_text_prepare(const struct sms_settings *s, const char *text, struct buf *out)
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
