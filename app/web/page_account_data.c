/* page_account_data.c: the data rights of an account: /konto/dane (JSON export) and /konto/usun (erasure). */
#include "cs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "log.h"
#include "page_account.h"
#include "password.h"
#include "render.h"
#include "report_access.h"
#include "session.h"

/*
 * Export queries: every column is named "type:name", where type i is an integer,
 * s a string (SQL NULL becomes null) and j JSON text stored in the column.
 */
struct export_part {
	const char	*name;
	const char	*sql;
	const char	*columns[20];
};

static const struct export_part export_parts[] = {
	{ "consents", "SELECT channel, given_at, withdrawn_at FROM consent "
	    "WHERE account_id = ? ORDER BY id",
	    { "s:channel", "s:given_at", "s:withdrawn_at" } },
	{ "subscriptions", "SELECT id, tenant_id, point_id, name, by_email, by_sms, "
	    "remind_when, remind_hour, fractions, created_at FROM subscription "
	    "WHERE account_id = ? ORDER BY id",
	    { "i:id", "i:tenant_id", "i:point_id", "s:name", "i:by_email", "i:by_sms",
	    "s:remind_when", "i:remind_hour", "s:fractions", "s:created_at" } },
	{ "roles", "SELECT role, tenant_id, unit_id, created_at FROM account_role "
	    "WHERE account_id = ? ORDER BY id",
	    { "s:role", "i:tenant_id", "i:unit_id", "s:created_at" } },
	{ "sessions", "SELECT created_at, last_seen_at, expires_at FROM session "
	    "WHERE account_id = ? ORDER BY created_at",
	    { "s:created_at", "s:last_seen_at", "s:expires_at" } },
	{ "audit_log", "SELECT created_at, event, detail FROM audit_log "
	    "WHERE account_id = ? ORDER BY id",
	    { "s:created_at", "s:event", "s:detail" } },
	{ "outbox", "SELECT id, channel, kind, tenant_id, payload, status, attempts, "
	    "due_at, sent_at, delivery_status, created_at FROM outbox "
	    "WHERE account_id = ? ORDER BY id",
	    { "i:id", "s:channel", "s:kind", "i:tenant_id", "j:payload", "s:status",
	    "i:attempts", "s:due_at", "s:sent_at", "s:delivery_status",
	    "s:created_at" } },
	/*
	 * The account's own reports; an author sees every field listed here,
	 * photos included, at their path on the report page.
	 */
	{ "reports", "SELECT r.public_number, t.terc, t.name, c.code, c.name_pl, "
	    "r.status, r.description, r.attributes, r.address_text, r.lat, r.lon, "
	    "r.anonymous, r.author_name, r.created_at, r.confirmed_at, r.closed_at, "
	    "(SELECT JSON_ARRAYAGG(JSON_OBJECT('token', p.token, 'path', "
	    "CONCAT('/gmina/', t.terc, '/zgloszenia/', r.public_number, '/zdjecie/', "
	    "p.token)) ORDER BY p.sort_order, p.id) "
	    "FROM report_photo p WHERE p.tenant_id = r.tenant_id AND p.report_id = r.id) "
	    "FROM report r JOIN tenant t ON t.id = r.tenant_id "
	    "JOIN report_category c ON c.id = r.category_id "
	    "WHERE r.author_id = ? ORDER BY r.id",
	    { "s:number", "s:gmina_terc", "s:gmina", "s:category_code", "s:category",
	    "s:status", "s:description", "j:attributes", "s:address", "s:lat", "s:lon",
	    "i:anonymous", "s:author_name", "s:created_at", "s:published_at",
	    "s:closed_at", "j:photos" } },
	/*
	 * Reports the account follows (its own included). Category and status are
	 * shown only while the report is public or the account is its author, the
	 * same rule as report_visible.
	 */
	{ "followed_reports", "SELECT r.public_number, t.terc, t.name, f.is_author, "
	    "f.created_at, IF(" REPORT_PUBLIC_SQL " OR r.author_id = f.account_id, "
	    "c.name_pl, NULL), IF(" REPORT_PUBLIC_SQL " OR r.author_id = f.account_id, "
	    "r.status, NULL) FROM report_follower f "
	    "JOIN report r ON r.tenant_id = f.tenant_id AND r.id = f.report_id "
	    "JOIN tenant t ON t.id = r.tenant_id "
	    "JOIN report_category c ON c.id = r.category_id "
	    "WHERE f.account_id = ? ORDER BY f.id",
	    { "s:number", "s:gmina_terc", "s:gmina", "i:is_author", "s:followed_at",
	    "s:category", "s:status" } },
};

static json_t *
export_value(const char *type, const char *cell)
{
	if (cell == NULL)
		return json_null();
	if (type[0] == 'i')
		return json_integer(strtoll(cell, NULL, 10));
	if (type[0] == 'j')
		return json_loads(cell, JSON_REJECT_DUPLICATES, NULL);
	return json_string(cell);
}

/* Returns the rows of one part as a JSON array, or NULL on a database error. */
static json_t *
export_rows(struct app *app, const struct export_part *part,
    unsigned long long id)
{
	struct db_result	 res;
	json_t			*rows, *row, *value;
	size_t			 i, c;

	if (db_query(app->db, part->sql, DB_ARGS(DB_I(id)), &res) == -1)
		return NULL;
	rows = json_array();
	for (i = 0; i < res.rows; i++) {
		row = json_object();
		for (c = 0; c < res.cols && part->columns[c] != NULL; c++) {
			value = export_value(part->columns[c], db_cell(&res, i, c));
			json_object_set_new(row, part->columns[c] + 2,
			    value != NULL ? value : json_null());
		}
		json_array_append_new(rows, row);
	}
	db_result_free(&res);
	return rows;
}

static json_t *
export_account(struct app *app, unsigned long long id)
{
	static const char sql[] = "SELECT id, email, display_name, phone, lang, "
	    "confirmed_at, created_at FROM account WHERE id = ?";
	static const struct export_part part = { "account", sql,
	    { "i:id", "s:email", "s:display_name", "s:phone", "s:lang",
	    "s:confirmed_at", "s:created_at" } };
	json_t	*rows = export_rows(app, &part, id), *account = NULL;

	if (rows != NULL && json_array_size(rows) == 1)
		account = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return account;
}

void
page_account_export(struct request *r, struct app *app)
{
	json_t	*doc, *part;
	char	*text, now[20];
	size_t	 i;

	if (r->account_id == 0) {
		account_redirect(r, "/konto/logowanie");
		return;
	}
	session_datetime(r->now, now);
	doc = json_pack("{s:s, s:s}", "exported_at", now, "time_zone", "UTC");
	if ((part = export_account(app, r->account_id)) == NULL)
		goto fail;
	json_object_set_new(doc, "account", part);
	for (i = 0; i < sizeof(export_parts) / sizeof(export_parts[0]); i++) {
		if ((part = export_rows(app, &export_parts[i], r->account_id)) == NULL)
			goto fail;
		json_object_set_new(doc, export_parts[i].name, part);
	}
	if ((text = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS)) == NULL)
		goto fail;
	json_decref(doc);
	buf_puts(&r->body, text);
	buf_putc(&r->body, '\n');
	free(text);
	r->content_type = "application/json; charset=utf-8";
	response_header(r, "Cache-Control", "no-store");
	response_header(r, "Content-Disposition",
	    "attachment; filename=\"ratusz-konto.json\"");
	return;
fail:
	json_decref(doc);
	r->status = 503;
}

static void
delete_form(struct request *r, struct app *app, const char *error)
{
	HDF	*hdf;

	if ((hdf = account_begin(r, app, "account_delete.cs")) == NULL)
		return;
	render_set(hdf, "Error", error);
	if (render_page(app->render, r) == 0 && error != NULL)
		r->status = 400;
}

void
page_account_delete(struct request *r, struct app *app)
{
	if (r->account_id == 0) {
		account_redirect(r, "/konto/logowanie");
		return;
	}
	delete_form(r, app, NULL);
}

/*
 * Forgets the rate limit windows of the account's e-mail address, whose
 * bucket keys are HMACs of that address. Login windows of the address paired
 * with other client addresses cannot be found and expire after a day.
 */
static int
delete_rate_limits(struct request *r, struct app *app, const char *email)
{
	static const char *const scopes[] = { "reset-email", "register-email" };
	char	 key[255];
	size_t	 i;

	if (!account_email_key(email, key))
		return 0;
	if (login_limits_clear(r, app, key) == -1)
		return -1;
	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
		if (rate_clear(r, app, scopes[i], key) == -1)
			return -1;
	return 0;
}

/*
 * Removes every link between the account and problem reports, inside the
 * caller's transaction. The account's reports stay for the gmina's records
 * without author id, name or e-mail, marked anonymous, and with
 * email_confirmed_at set, because the office sees a report without an author
 * account only once that column is set. History events the account made lose
 * their actor id. The follows of the account and their unsent notices go.
 * NOTE: personal data typed into a description or shown in a photo stays.
 */
static int
forget_reports(struct app *app, unsigned long long id)
{
	static const char touch[] = "UPDATE tenant SET report_version = "
	    "report_version + 1 WHERE id IN (SELECT tenant_id FROM report "
	    "WHERE author_id = ?)";
	static const char own_events[] = "UPDATE report_event e JOIN report r "
	    "ON r.tenant_id = e.tenant_id AND r.id = e.report_id "
	    "SET e.actor_id = NULL WHERE r.author_id = ? AND e.actor_id = ? "
	    "AND e.actor_kind = 'resident'";
	static const char followed_events[] = "UPDATE report_event e "
	    "JOIN report_follower f ON f.tenant_id = e.tenant_id "
	    "AND f.report_id = e.report_id SET e.actor_id = NULL "
	    "WHERE f.account_id = ? AND e.actor_id = ? AND e.actor_kind = 'resident'";
	static const char notices[] = "DELETE FROM outbox WHERE kind = 'report_update' "
	    "AND status <> 'sent' AND JSON_VALUE(payload, '$.follower_id') IN "
	    "(SELECT id FROM report_follower WHERE account_id = ?)";
	static const char follows[] = "DELETE FROM report_follower WHERE account_id = ?";
	static const char reports[] = "UPDATE report SET author_id = NULL, "
	    "author_name = '', author_email = NULL, anonymous = 1, "
	    "email_confirmed_at = COALESCE(email_confirmed_at, created_at), "
	    "row_version = row_version + 1 WHERE author_id = ?";

	if (db_exec(app->db, touch, DB_ARGS(DB_I(id)), NULL, NULL) == -1 ||
	    db_exec(app->db, own_events, DB_ARGS(DB_I(id), DB_I(id)), NULL, NULL) == -1 ||
	    db_exec(app->db, followed_events, DB_ARGS(DB_I(id), DB_I(id)), NULL,
	    NULL) == -1 ||
	    db_exec(app->db, notices, DB_ARGS(DB_I(id)), NULL, NULL) == -1 ||
	    db_exec(app->db, follows, DB_ARGS(DB_I(id)), NULL, NULL) == -1)
		return -1;
	return db_exec(app->db, reports, DB_ARGS(DB_I(id)), NULL, NULL);
}

/*
 * Deletes the account in one transaction: the links to its problem reports
 * (forget_reports), its outbox rows that are not sent
 * yet, its audit_log rows, then the account row, whose foreign keys cascade
 * to sessions, tokens, roles, consents and subscriptions. Sent outbox rows
 * stay for the delivery counts of each gmina, without the account id,
 * payload, provider id, or an idempotency key that contains the account or
 * subscription id. One audit_log row "account_deleted" without an account id
 * records that an account was deleted.
 */
static int
delete_account(struct request *r, struct app *app, const struct account *a)
{
	static const char pending[] = "DELETE FROM outbox WHERE account_id = ? "
	    "AND status <> 'sent'";
	static const char sent[] = "UPDATE outbox SET account_id = NULL, "
	    "payload = '{}', provider_id = NULL, last_error = NULL, "
	    "idempotency_key = CONCAT('deleted:', id) WHERE account_id = ?";
	static const char audit[] = "DELETE FROM audit_log WHERE account_id = ?";
	static const char account[] = "DELETE FROM account WHERE id = ?";

	if (db_begin(app->db) == -1)
		return -1;
	if (forget_reports(app, a->id) == -1 ||
	    db_exec(app->db, pending, DB_ARGS(DB_I(a->id)), NULL, NULL) == -1 ||
	    db_exec(app->db, sent, DB_ARGS(DB_I(a->id)), NULL, NULL) == -1 ||
	    db_exec(app->db, audit, DB_ARGS(DB_I(a->id)), NULL, NULL) == -1 ||
	    db_exec(app->db, account, DB_ARGS(DB_I(a->id)), NULL, NULL) == -1 ||
	    delete_rate_limits(r, app, a->email) == -1 ||
	    account_audit(r, app, 0, "account_deleted", NULL) == -1 ||
	    db_commit(app->db) == -1) {
		db_rollback(app->db);
		return -1;
	}
	return 0;
}

void
page_account_delete_post(struct request *r, struct app *app)
{
	const char	*password = request_text(r, "password");
	struct account	 a;
	int		 found;

	if (!account_post_allowed(r, app))
		return;
	if (r->account_id == 0) {
		account_redirect(r, "/konto/logowanie");
		return;
	}
	if ((found = account_by_id(app, r->account_id, &a)) != 1) {
		r->status = found == 0 ? 404 : 503;
		return;
	}
	if (password == NULL || password_verify(password, a.password_hash) != 1) {
		delete_form(r, app, "Error.WrongPassword");
		return;
	}
	if (delete_account(r, app, &a) == -1) {
		r->status = 503;
		return;
	}
	/* The line has no account id, so the log does not name the deleted account. */
	log_info("an account was deleted");
	session_end(r, app);
	account_message(r, app, 200, "Delete.Done", "/", "Home");
}
