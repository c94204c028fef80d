/* sms_plan.c: groups SMS of one gmina with the same final text into bulk requests and maps each result back to its row. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "log.h"
#include "outbox.h"
#include "sms.h"
#include "sms_gateway.h"

/* The outbox rows of a bulk request, stored before it is sent; see page_sms_callback.c. */
static const char sql_batch_members[] =
    "INSERT IGNORE INTO sms_batch_member (batch_id, outbox_id, created_at)"
    " SELECT ?, o.id, ? FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j"
    " JOIN outbox o ON o.id = j.id";

/* The settings of one gmina, read once per plan. */
struct plan_tenant {
	unsigned long long	 id;
	struct sms_settings	 settings;
};

/* One request: the indexes of its messages and their common final text. */
struct sms_request {
	size_t		*members;
	size_t		 count;
	size_t		 tenant;	/* index into plan->tenants */
	struct buf	 text;
};

struct sms_plan {
	struct db		*db;
	const struct conf	*conf;
	const struct outgoing	*msgs;
	struct send_result	*results;
	size_t			 count;
	struct plan_tenant	*tenants;
	size_t			 ntenants;
	struct sms_request	*requests;
	size_t			 nrequests;
	CURL			*curl;	/* reused, so requests share a connection */
};

static void
log_outcome(const struct outgoing *msg, const struct sms_count *count, size_t recipients,
    const struct send_result *result)
{
	static const char *const names[] = { "sent", "retry", "failed", "skipped" };

	if (result->outcome == SEND_OK)
		log_info("sms outbox %llu: sent as %s in %zu part(s) in a request for %zu"
		    " recipient(s), gateway id %s", msg->outbox_id,
		    count->encoding == SMS_GSM7 ? "GSM-7" : "UCS-2", count->parts, recipients,
		    result->provider_id[0] != '\0' ? result->provider_id : "-");
	else	/* ratusz-dispatch logs every outcome other than sent as a warning */
		log_debug("sms outbox %llu: %s: %s", msg->outbox_id, names[result->outcome],
		    result->error);
}

static void
result_set(struct send_result *result, enum send_outcome outcome, const char *reason)
{
	result->outcome = outcome;
	snprintf(result->error, sizeof(result->error), "%s", reason);
}

/* The index of a gmina's settings in the plan, read on first use; -1 on a database error. */
static long
plan_tenant(struct sms_plan *plan, unsigned long long tenant_id)
{
	struct plan_tenant	*t;
	size_t			 i;

	for (i = 0; i < plan->ntenants; i++)
		if (plan->tenants[i].id == tenant_id)
			return (long)i;
	t = &plan->tenants[plan->ntenants];
	t->id = tenant_id;
	if (sms_settings_load(plan->db, tenant_id, &t->settings) == -1)
		return -1;
	return (long)plan->ntenants++;
}

/* Checks a message before it joins a request; sets *result and returns -1 when it cannot. */
static int
message_check(const struct outgoing *msg, struct send_result *result)
{
	if (msg->to == NULL || msg->to[0] == '\0' || msg->text == NULL || msg->text[0] == '\0')
		result_set(result, SEND_SKIP, "no phone number or no text");
	else if (!sms_phone_valid(msg->to))
		result_set(result, SEND_FAIL,
		    "phone number is not in E.164 form (+ and 8 to 15 digits)");
	else if (msg->idempotency_key == NULL || msg->idempotency_key[0] == '\0')
		result_set(result, SEND_FAIL, "outbox row has no idempotency key");
	else
		return 0;
	return -1;
}

/*
 * True when message i may join request r: same gmina, same final text, room
 * left, and not its number already, because a gateway may send one text to a
 * number once per request.
 */
static int
request_fits(const struct sms_plan *plan, const struct sms_request *r, size_t tenant,
    const struct buf *text, size_t i)
{
	size_t	 j;

	if (r->tenant != tenant || r->count >= SMS_BULK_MAX || r->text.len != text->len ||
	    memcmp(r->text.data, text->data, text->len) != 0)
		return 0;
	for (j = 0; j < r->count; j++)
		if (strcmp(plan->msgs[r->members[j]].to, plan->msgs[i].to) == 0)
			return 0;
	return 1;
}

/* Adds message i with its final text to a fitting request, or to a new one. */
static void
plan_add(struct sms_plan *plan, size_t tenant, const struct buf *text, size_t i)
{
	struct sms_request	*r;
	size_t			 k;

	for (k = 0; k < plan->nrequests; k++)
		if (request_fits(plan, &plan->requests[k], tenant, text, i))
			break;
	r = &plan->requests[k];
	if (k == plan->nrequests) {
		plan->nrequests++;
		r->tenant = tenant;
		buf_init(&r->text);
		buf_append(&r->text, text->data, text->len);
		if ((r->members = calloc(SMS_BULK_MAX, sizeof(*r->members))) == NULL)
			abort();
	}
	r->members[r->count++] = i;
}

struct sms_plan *
sms_plan_build(struct db *db, const struct conf *conf, const struct outgoing *msgs,
    size_t count, struct send_result *results)
{
	struct sms_plan		*plan;
	struct sms_count	 none;
	struct buf		 text;
	size_t			 i;
	long			 tenant;

	if ((plan = calloc(1, sizeof(*plan))) == NULL ||
	    (plan->tenants = calloc(count + 1, sizeof(*plan->tenants))) == NULL ||
	    (plan->requests = calloc(count + 1, sizeof(*plan->requests))) == NULL)
		abort();
	plan->db = db;
	plan->conf = conf;
	plan->msgs = msgs;
	plan->results = results;
	plan->count = count;
	memset(&none, 0, sizeof(none));
	for (i = 0; i < count; i++) {
		memset(&results[i], 0, sizeof(results[i]));
		if (message_check(&msgs[i], &results[i]) == -1) {
			log_outcome(&msgs[i], &none, 0, &results[i]);
			continue;
		}
		if ((tenant = plan_tenant(plan, msgs[i].tenant_id)) == -1) {
			result_set(&results[i], SEND_RETRY, "reading the gmina's SMS settings failed");
			log_outcome(&msgs[i], &none, 0, &results[i]);
			continue;
		}
		buf_init(&text);
		sms_text_prepare(&plan->tenants[tenant].settings, msgs[i].text, &text);
		plan_add(plan, (size_t)tenant, &text, i);
		buf_free(&text);
	}
	return plan;
}

size_t
sms_plan_requests(const struct sms_plan *plan)
{
	return plan->nrequests;
}

const size_t *
sms_plan_members(const struct sms_plan *plan, size_t i, size_t *count)
{
	*count = plan->requests[i].count;
	return plan->requests[i].members;
}

/* Stores the outbox rows of a bulk request under its batch id; -1 on a database error. */
static int
store_batch(struct sms_plan *plan, const char *batch, const struct sms_member *members,
    size_t count)
{
	char		 now[OUTBOX_DATETIME_SIZE];
	json_t		*ids = json_array();
	char		*text;
	size_t		 i;
	int		 rc;

	for (i = 0; i < count; i++)
		if (members[i].msg->outbox_id != 0)
			json_array_append_new(ids, json_integer(
			    (json_int_t)members[i].msg->outbox_id));
	if ((text = json_dumps(ids, JSON_COMPACT)) == NULL)
		abort();
	json_decref(ids);
	outbox_datetime(time(NULL), now);
	rc = db_exec(plan->db, sql_batch_members, DB_ARGS(DB_T(batch), DB_T(now), DB_T(text)),
	    NULL, NULL);
	free(text);
	return rc;
}

/*
 * Adds notify_url: signed for the idx of a single message, or for the batch id
 * of many after their rows are stored. Returns -1 with a reason in *reason.
 */
static int
form_notify_url(struct sms_plan *plan, struct buf *form, const struct buf *idx_list,
    const struct sms_member *members, size_t count, const char **reason)
{
	char		 sig[SMS_SIGNATURE_LEN + 1], batch[SMS_BATCH_LEN + 1];
	struct buf	 url;

	buf_init(&url);
	if (count == 1) {
		if (sms_callback_signature(plan->conf, members[0].idx, sig) == -1)
			goto no_key;
		buf_printf(&url, "%s/sms/zwrotka?sig=%s", plan->conf->base_url, sig);
	} else {
		sms_batch_id(buf_cstr(idx_list), batch);
		if (sms_batch_signature(plan->conf, batch, sig) == -1)
			goto no_key;
		if (store_batch(plan, batch, members, count) == -1) {
			*reason = "storing the rows of a bulk request failed";
			buf_free(&url);
			return -1;
		}
		buf_printf(&url, "%s/sms/zwrotka?batch=%s&sig=%s", plan->conf->base_url,
		    batch, sig);
	}
	sms_form_add(form, plan->curl, "notify_url", buf_cstr(&url));
	buf_free(&url);
	return 0;
no_key:
	*reason = "no key for the delivery callback signature";
	buf_free(&url);
	return -1;
}

/* Builds the form of one request; -1 with a reason in *reason. */
static int
form_build(struct sms_plan *plan, struct buf *form, const struct sms_settings *s,
    const char *text, const struct sms_member *members, size_t count, const char **reason)
{
	struct buf	 to, idx;
	char		 parts[16];
	size_t		 i;
	int		 rc;

	buf_init(&to);
	buf_init(&idx);
	for (i = 0; i < count; i++) {
		buf_printf(&to, "%s%s", i > 0 ? "," : "", members[i].msg->to + 1);
		buf_printf(&idx, "%s%s", i > 0 ? "|" : "", members[i].idx);
	}
	sms_form_add(form, plan->curl, "to", buf_cstr(&to));
	sms_form_add(form, plan->curl, "message", text);
	if (s->sender[0] != '\0')
		sms_form_add(form, plan->curl, "from", s->sender);
	sms_form_add(form, plan->curl, "encoding", "utf-8");
	/* SMSAPI takes the idx values of many numbers separated by "|", in their order. */
	sms_form_add(form, plan->curl, "idx", buf_cstr(&idx));
	sms_form_add(form, plan->curl, "check_idx", "1");
	rc = form_notify_url(plan, form, &idx, members, count, reason);
	if (s->max_parts > 0) {
		snprintf(parts, sizeof(parts), "%u", s->max_parts);
		sms_form_add(form, plan->curl, "max_parts", parts);
	}
	sms_form_add(form, plan->curl, "format", "json");
	sms_form_add(form, plan->curl, "details", "1");
	buf_free(&to);
	buf_free(&idx);
	return rc;
}

/* Sends the messages at indexes as one request; sends each alone after an ambiguous error 53. */
static void
post_request(struct sms_plan *plan, const struct sms_request *r, const size_t *indexes,
    size_t count)
{
	const struct sms_settings *s = &plan->tenants[r->tenant].settings;
	struct sms_member	 members[SMS_BULK_MAX];
	struct sms_count	 size;
	struct buf		 form;
	const char		*reason = NULL;
	size_t			 i;

	for (i = 0; i < count; i++) {
		members[i].msg = &plan->msgs[indexes[i]];
		members[i].result = &plan->results[indexes[i]];
		sms_idx(members[i].msg->idempotency_key, members[i].idx);
	}
	buf_init(&form);
	if (plan->curl == NULL && (plan->curl = curl_easy_init()) == NULL)
		reason = "libcurl could not start a transfer";
	else if (form_build(plan, &form, s, buf_cstr(&r->text), members, count, &reason) == 0 &&
	    sms_gateway_post(plan->conf, plan->curl, &form, members, count) == 1) {
		log_info("sms: the gateway reports a used idx in a request for %zu recipients;"
		    " sending each alone", count);
		for (i = 0; i < count; i++)
			post_request(plan, r, &indexes[i], 1);
		buf_free(&form);
		return;
	}
	buf_free(&form);
	sms_count(buf_cstr(&r->text), r->text.len, &size);
	for (i = 0; i < count; i++) {
		if (reason != NULL)
			result_set(members[i].result, SEND_RETRY, reason);
		log_outcome(members[i].msg, &size, count, members[i].result);
	}
}

void
sms_plan_send(struct sms_plan *plan, size_t i)
{
	post_request(plan, &plan->requests[i], plan->requests[i].members,
	    plan->requests[i].count);
}

void
sms_plan_free(struct sms_plan *plan)
{
	size_t	 i;

	if (plan == NULL)
		return;
	for (i = 0; i < plan->nrequests; i++) {
		free(plan->requests[i].members);
		buf_free(&plan->requests[i].text);
	}
	if (plan->curl != NULL)
		curl_easy_cleanup(plan->curl);
	free(plan->requests);
	free(plan->tenants);
	free(plan);
}

int
sms_send(struct db *db, const struct conf *conf, const struct outgoing *msg,
    struct send_result *result)
{
	struct sms_plan	*plan;

	plan = sms_plan_build(db, conf, msg, 1, result);
	if (sms_plan_requests(plan) == 1)
		sms_plan_send(plan, 0);
	sms_plan_free(plan);
	return result->outcome == SEND_OK ? 0 : -1;
}
