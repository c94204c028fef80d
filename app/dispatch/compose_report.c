/* compose_report.c: e-mails of problem reports: notices to followers and confirmation links. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "compose.h"
#include "mail_template.h"
#include "report_access.h"
#include "token.h"

/*
 * The follower with its account, resolved when the notice is sent: one who
 * unsubscribed (row deleted) or whose account is gone gets nothing.
 */
static const char sql_follower[] =
    "SELECT f.account_id, f.email, f.confirmed_at IS NOT NULL, f.unsubscribe_token,"
    " a.email, a.lang, a.confirmed_at IS NOT NULL"
    " FROM report_follower f LEFT JOIN account a ON a.id = f.account_id"
    " WHERE f.id = ? AND f.report_id = ?";
static const char sql_report[] =
    "SELECT r.public_number, r.status, r.tenant_id, t.terc,"
    " IF(? = 'en', c.name_en, c.name_pl), LEFT(r.description, 300), d.public_number"
    " FROM report r JOIN tenant t ON t.id = r.tenant_id"
    " JOIN report_category c ON c.id = r.category_id"
    " LEFT JOIN report d ON d.id = r.duplicate_of WHERE r.id = ?";
/*
 * The event with the status it announces: its own to_status, else the last one
 * set before it. A notice sent later must not show a status set in between.
 */
static const char sql_event[] =
    "SELECT e.kind, COALESCE(e.to_status, (SELECT p.to_status FROM report_event p"
    "  WHERE p.report_id = e.report_id AND p.id < e.id AND p.to_status IS NOT NULL"
    "  ORDER BY p.id DESC LIMIT 1)), e.body, e.is_public FROM report_event e"
    " WHERE e.id = ? AND e.report_id = ?";
/* A confirmation link is sent only while it can still be used. */
static const char sql_link[] =
    "SELECT 1 FROM report_confirm WHERE token_hash = ? AND report_id = ?"
    " AND used_at IS NULL AND expires_at > ?";

/* Values of a report e-mail for its templates. */
struct report_view {
	const char	*number, *category, *description, *status, *body, *intro, *url;
	const char	*unsubscribe_url;
	const char	*original, *original_url;	/* of a duplicate, else NULL */
};

static void
fill_report(struct _hdf *hdf, const void *arg)
{
	const struct report_view	*v = arg;

	mail_template_set(hdf, "Number", v->number);
	mail_template_set(hdf, "Category", v->category);
	mail_template_set(hdf, "Description", v->description);
	mail_template_set(hdf, "Status", v->status);
	mail_template_set(hdf, "Body", v->body);
	mail_template_set(hdf, "Intro", v->intro);
	mail_template_set(hdf, "Url", v->url);
	mail_template_set(hdf, "UnsubscribeUrl", v->unsubscribe_url);
	mail_template_set(hdf, "Original", v->original);
	mail_template_set(hdf, "OriginalUrl", v->original_url);
}

static int
payload_ids(const char *text, json_int_t *report, json_int_t *event, json_int_t *follower)
{
	json_t		*p;
	json_error_t	 err;
	int		 rc;

	if ((p = json_loads(text, JSON_REJECT_DUPLICATES, &err)) == NULL)
		return -1;
	rc = json_unpack(p, "{s:I, s:I, s:I}", "report_id", report, "event_id", event,
	    "follower_id", follower) == 0 && *report > 0 && *event > 0 && *follower > 0 ?
	    0 : -1;
	json_decref(p);
	return rc;
}

/* Finds the follower's address and language now; fills c->to, c->lang, the unsubscribe URL. */
static enum send_outcome
update_recipient(const struct compose_env *env, json_int_t report_id, json_int_t follower,
    struct composed *c, struct send_result *res)
{
	struct db_result	 f;
	enum send_outcome	 rc = SEND_OK;
	bool			 by_account;

	if (db_query(env->db, sql_follower, DB_ARGS(DB_I(follower), DB_I(report_id)),
	    &f) == -1)
		return compose_skip(res, SEND_RETRY, "database error");
	by_account = f.rows == 1 && db_cell(&f, 0, 0) != NULL;
	if (f.rows == 0)
		rc = compose_skip(res, SEND_SKIP, "follower %lld removed", (long long)follower);
	else if (db_cell_int(&f, 0, 2) == 0)
		rc = compose_skip(res, SEND_SKIP, "follower not confirmed");
	else if (by_account && (db_cell(&f, 0, 4) == NULL || db_cell_int(&f, 0, 6) == 0))
		rc = compose_skip(res, SEND_SKIP, "account deleted or not confirmed");
	else if (!by_account && db_cell(&f, 0, 1) == NULL)
		rc = compose_skip(res, SEND_SKIP, "follower has no address");
	if (rc == SEND_OK) {
		buf_puts(&c->to, db_cell(&f, 0, by_account ? 4 : 1));
		/* E-mail followers have no language setting; they get Polish. */
		c->lang = by_account ? compose_lang(db_cell(&f, 0, 5)) : LANG_PL;
		buf_printf(&c->unsubscribe_url, "%s/zgloszenia/wypisz/%s",
		    env->conf->base_url, db_cell(&f, 0, 3));
	}
	db_result_free(&f);
	return rc;
}

/* Whether the report is still public: the visibility rule, for an anonymous viewer. */
static enum send_outcome
update_public(const struct compose_env *env, unsigned long long tenant_id,
    json_int_t report_id, struct send_result *res)
{
	struct viewer		 nobody;
	struct report_ref	 ref;
	int			 found;

	if ((found = report_ref_load(env->db, tenant_id, (unsigned long long)report_id,
	    &ref)) == -1)
		return compose_skip(res, SEND_RETRY, "database error");
	memset(&nobody, 0, sizeof(nobody));
	nobody.tenant_id = tenant_id;
	if (found == 0 || report_visible(&nobody, &ref) != REPORT_ACCESS_PUBLIC)
		return compose_skip(res, SEND_SKIP, "report %lld not public",
		    (long long)report_id);
	return SEND_OK;
}

static enum send_outcome
update_render(const struct compose_env *env, const struct db_result *report,
    const struct db_result *event, struct composed *c, struct send_result *res)
{
	struct report_view	 v;
	struct buf		 url, original_url, status_key;
	const char		*kind = db_cell(event, 0, 0);
	const char		*status = db_cell(event, 0, 1);
	bool			 status_change = strcmp(kind, "status") == 0;

	buf_init(&url);
	buf_init(&original_url);
	buf_init(&status_key);
	buf_printf(&url, "%s/gmina/%s/zgloszenia/%s", env->conf->base_url,
	    db_cell(report, 0, 3), db_cell(report, 0, 0));
	buf_printf(&status_key, "Report.Status.%s", status != NULL ? status :
	    db_cell(report, 0, 1));
	lang_format(&c->subject, c->lang, status_change ? "Mail.Report.Update.Subject" :
	    "Mail.Report.Update.SubjectNote", 0, db_cell(report, 0, 0));
	memset(&v, 0, sizeof(v));
	v.number = db_cell(report, 0, 0);
	v.category = db_cell(report, 0, 4);
	/* The start of the public description, so the follower knows which report it is. */
	v.description = db_cell(report, 0, 5);
	v.status = lang_text(c->lang, buf_cstr(&status_key));
	v.body = db_cell(event, 0, 2);
	v.intro = lang_text(c->lang, status_change ? "Mail.Report.Update.Intro" :
	    strcmp(kind, "merged") == 0 ? "Mail.Report.Update.Merged" :
	    "Mail.Report.Update.IntroNote");
	v.url = buf_cstr(&url);
	v.unsubscribe_url = buf_cstr(&c->unsubscribe_url);
	if (status != NULL && strcmp(status, "duplicate") == 0 &&
	    db_cell(report, 0, 6) != NULL) {
		buf_printf(&original_url, "%s/gmina/%s/zgloszenia/%s", env->conf->base_url,
		    db_cell(report, 0, 3), db_cell(report, 0, 6));
		v.original = db_cell(report, 0, 6);
		v.original_url = buf_cstr(&original_url);
	}
	if (compose_bodies(env, c, "report_update", fill_report, &v) == -1)
		compose_skip(res, SEND_FAIL, "template report_update failed");
	buf_free(&url);
	buf_free(&original_url);
	buf_free(&status_key);
	return res->outcome == SEND_FAIL ? SEND_FAIL : SEND_OK;
}

enum send_outcome
compose_report_update(const struct compose_env *env, const struct outbox_row *row,
    struct composed *c, struct send_result *res)
{
	struct db_result	 report, event;
	json_int_t		 report_id, event_id, follower;
	enum send_outcome	 rc;

	if (payload_ids(row->payload, &report_id, &event_id, &follower) == -1)
		return compose_skip(res, SEND_FAIL, "invalid report_update payload");
	if ((rc = update_recipient(env, report_id, follower, c, res)) != SEND_OK)
		return rc;
	if (db_query(env->db, sql_report, DB_ARGS(DB_T(lang_code(c->lang)),
	    DB_I(report_id)), &report) == -1)
		return compose_skip(res, SEND_RETRY, "database error");
	if (report.rows == 0) {
		db_result_free(&report);
		return compose_skip(res, SEND_SKIP, "report deleted");
	}
	rc = update_public(env, (unsigned long long)db_cell_int(&report, 0, 2), report_id, res);
	if (rc == SEND_OK && db_query(env->db, sql_event, DB_ARGS(DB_I(event_id),
	    DB_I(report_id)), &event) == -1)
		rc = compose_skip(res, SEND_RETRY, "database error");
	else if (rc == SEND_OK) {
		if (event.rows == 0 || db_cell_int(&event, 0, 3) == 0)
			rc = compose_skip(res, SEND_SKIP, "event not public");
		else
			rc = update_render(env, &report, &event, c, res);
		db_result_free(&event);
	}
	db_result_free(&report);
	return rc;
}

/* Checks that the link at the end of url is unused and unexpired. */
static enum send_outcome
confirm_link_valid(const struct compose_env *env, const char *url, json_int_t report_id,
    struct send_result *res)
{
	const char		*token = strrchr(url, '/');
	struct db_result	 found;
	char			 hash[65], now[OUTBOX_DATETIME_SIZE];
	bool			 valid;

	if (token == NULL || strlen(token + 1) != TOKEN_LEN)
		return compose_skip(res, SEND_FAIL, "payload url has no token");
	token_sha256_hex(token + 1, TOKEN_LEN, hash);
	outbox_datetime(env->now, now);
	if (db_query(env->db, sql_link, DB_ARGS(DB_T(hash), DB_I(report_id), DB_T(now)),
	    &found) == -1)
		return compose_skip(res, SEND_RETRY, "database error");
	valid = found.rows == 1;
	db_result_free(&found);
	return valid ? SEND_OK : compose_skip(res, SEND_SKIP, "link used or expired");
}

/* The link that confirms a report (report_confirm) or a follow (report_follow_confirm). */
enum send_outcome
compose_report_confirm(const struct compose_env *env, const struct outbox_row *row,
    struct composed *c, struct send_result *res)
{
	bool		 follow = strcmp(row->kind, "report_follow_confirm") == 0;
	const char	*url, *to;
	json_int_t	 report_id;
	json_error_t	 err;
	json_t		*p;
	enum send_outcome rc;

	if ((p = json_loads(row->payload, JSON_REJECT_DUPLICATES, &err)) == NULL ||
	    json_unpack(p, "{s:s, s:s, s:I}", "url", &url, "to", &to, "report_id",
	    &report_id) != 0 || strncmp(url, "http", 4) != 0 || to[0] == '\0' ||
	    strpbrk(to, "\r\n") != NULL) {
		json_decref(p);
		return compose_skip(res, SEND_FAIL, "invalid %s payload", row->kind);
	}
	if ((rc = confirm_link_valid(env, url, report_id, res)) == SEND_OK) {
		/* The address has no account, so no language setting: Polish. */
		c->lang = LANG_PL;
		buf_puts(&c->to, to);
		buf_puts(&c->subject, lang_text(c->lang, follow ?
		    "Mail.Report.FollowConfirm.Subject" : "Mail.Report.Confirm.Subject"));
		if (compose_bodies(env, c, row->kind, compose_fill_url, url) == -1)
			rc = compose_skip(res, SEND_FAIL, "template %s failed", row->kind);
	}
	json_decref(p);
	return rc;
}
