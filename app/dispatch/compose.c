/* compose.c: renders the account e-mails (confirm, reset, e-mail change and its notice) and routes each kind. */
#include "cs.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "compose.h"
#include "log.h"
#include "mail_template.h"
#include "token.h"

/* The account e-mails: outbox kind, template base name and subject key. */
static const struct account_kind {
	const char	*kind;
	const char	*purpose;	/* account_token.purpose */
	const char	*subject_key;
} account_kinds[] = {
	{ "account_confirm", "confirm", "Mail.AccountConfirm.Subject" },
	{ "account_reset", "reset", "Mail.AccountReset.Subject" },
	{ "email_change", "email_change", "Mail.EmailChange.Subject" },
	/* Someone registered with an address that has an account, so its owner gets a note. */
	{ "account_exists", "exists", "Mail.AccountExists.Subject" },
	/* The notice of a confirmed change of address, to the old address in the payload. */
	{ "email_changed", "notice", "Mail.EmailChanged.Subject" },
};

/* The new address of an e-mail change, found by the hash of the token that ends the link. */
static const char sql_new_email[] =
    "SELECT new_email FROM account_token WHERE token_hash = ? AND account_id = ?"
    " AND purpose = 'email_change' AND used_at IS NULL AND expires_at > ?";

enum send_outcome
compose_skip(struct send_result *res, enum send_outcome outcome, const char *fmt, ...)
{
	va_list	 ap;

	res->outcome = outcome;
	va_start(ap, fmt);
	vsnprintf(res->error, sizeof(res->error), fmt, ap);
	va_end(ap);
	return outcome;
}

void
composed_free(struct composed *c)
{
	buf_free(&c->to);
	buf_free(&c->subject);
	buf_free(&c->text);
	buf_free(&c->html);
	buf_free(&c->unsubscribe_url);
	memset(c, 0, sizeof(*c));
}

enum lang
compose_lang(const char *code)
{
	return code != NULL && strcmp(code, "en") == 0 ? LANG_EN : LANG_PL;
}

/* Renders <base>.txt.cs and <base>.html.cs with the values set by fill. */
int
compose_bodies(const struct compose_env *env, struct composed *c, const char *base,
    void (*fill)(struct _hdf *, const void *), const void *arg)
{
	static const char *const formats[] = { "txt", "html" };
	struct buf	*bodies[] = { &c->text, &c->html };
	char		 name[64];
	HDF		*hdf;
	size_t		 i;

	for (i = 0; i < 2; i++) {
		snprintf(name, sizeof(name), "%s.%s.cs", base, formats[i]);
		if ((hdf = mail_template_begin(env->templates, name, c->lang)) == NULL)
			return -1;
		fill(hdf, arg);
		if (mail_template_render(env->templates, bodies[i]) == -1)
			return -1;
	}
	return 0;
}

void
compose_fill_url(struct _hdf *hdf, const void *url)
{
	mail_template_set(hdf, "Url", url);
}

/* Looks up the new address of an e-mail change from the token at the end of url. */
static enum send_outcome
email_change_address(const struct compose_env *env, const struct outbox_row *row,
    const char *url, struct composed *c, struct send_result *res)
{
	const char		*token = strrchr(url, '/');
	struct db_result	 found;
	char			 hash[65], now[OUTBOX_DATETIME_SIZE];

	if (token == NULL || token[1] == '\0')
		return compose_skip(res, SEND_FAIL, "payload url has no token");
	token_sha256_hex(token + 1, strlen(token + 1), hash);
	outbox_datetime(env->now, now);
	if (db_query(env->db, sql_new_email, DB_ARGS(outbox_text(hash), DB_I(row->account_id),
	    outbox_text(now)), &found) == -1)
		return compose_skip(res, SEND_RETRY, "database error");
	buf_reset(&c->to);
	if (found.rows == 1 && db_cell(&found, 0, 0) != NULL)
		buf_puts(&c->to, db_cell(&found, 0, 0));
	db_result_free(&found);
	if (c->to.len == 0)
		return compose_skip(res, SEND_SKIP, "e-mail change used or expired");
	return SEND_OK;
}

/* Sends the notice of a changed address to the old address, the payload's "to". */
static enum send_outcome
notice_address(json_t *payload, struct composed *c, struct send_result *res)
{
	const char	*to = json_string_value(json_object_get(payload, "to"));

	if (to == NULL || to[0] == '\0' || strpbrk(to, "\r\n") != NULL)
		return compose_skip(res, SEND_FAIL, "payload has no recipient");
	buf_reset(&c->to);
	buf_puts(&c->to, to);
	return SEND_OK;
}

static enum send_outcome
compose_account(const struct compose_env *env, const struct outbox_row *row,
    const struct account_kind *k, struct composed *c, struct send_result *res)
{
	json_t			*payload;
	json_error_t		 jerr;
	const char		*url;
	enum send_outcome	 rc = SEND_OK;
	long			 at;

	if (row->account_id == 0)
		return compose_skip(res, SEND_SKIP, "no account");
	if (env->prefetch->failed)
		return compose_skip(res, SEND_RETRY, "database error");
	if ((at = prefetch_account(env->prefetch, row->account_id)) == -1)
		return compose_skip(res, SEND_SKIP, "account deleted");
	buf_puts(&c->to, db_cell(&env->prefetch->accounts, (size_t)at, 1));
	c->lang = compose_lang(db_cell(&env->prefetch->accounts, (size_t)at, 2));

	payload = json_loads(row->payload, JSON_REJECT_DUPLICATES, &jerr);
	url = json_string_value(json_object_get(payload, "url"));
	if (url == NULL || strncmp(url, "http", 4) != 0)
		rc = compose_skip(res, SEND_FAIL, "payload has no url");
	else if (strcmp(k->purpose, "email_change") == 0)
		rc = email_change_address(env, row, url, c, res);
	else if (strcmp(k->purpose, "notice") == 0)
		rc = notice_address(payload, c, res);
	if (rc == SEND_OK) {
		buf_puts(&c->subject, lang_text(c->lang, k->subject_key));
		if (compose_bodies(env, c, row->kind, compose_fill_url, url) == -1)
			rc = compose_skip(res, SEND_FAIL, "template %s failed", row->kind);
	}
	json_decref(payload);
	return rc;
}

enum send_outcome
compose(const struct compose_env *env, const struct outbox_row *row,
    struct composed *c, struct send_result *res)
{
	enum send_outcome	 rc = SEND_FAIL;
	size_t			 i;

	memset(c, 0, sizeof(*c));
	memset(res, 0, sizeof(*res));
	if (strcmp(row->channel, "sms") == 0) {
		if (strcmp(row->kind, "reminder") != 0)
			return compose_skip(res, SEND_FAIL, "kind %s has no SMS form", row->kind);
		rc = compose_sms_reminder(env, row, c, res);
	} else if (strcmp(row->channel, "email") != 0)
		return compose_skip(res, SEND_FAIL, "channel %s is not e-mail or SMS", row->channel);
	else if (strcmp(row->kind, "reminder") == 0)
		rc = compose_reminder(env, row, c, res);
	else if (strcmp(row->kind, "report_update") == 0)
		rc = compose_report_update(env, row, c, res);
	else if (strcmp(row->kind, "report_confirm") == 0 ||
	    strcmp(row->kind, "report_follow_confirm") == 0)
		rc = compose_report_confirm(env, row, c, res);
	else {
		for (i = 0; i < sizeof(account_kinds) / sizeof(account_kinds[0]); i++)
			if (strcmp(row->kind, account_kinds[i].kind) == 0)
				break;
		if (i == sizeof(account_kinds) / sizeof(account_kinds[0]))
			return compose_skip(res, SEND_FAIL, "unknown kind %s", row->kind);
		rc = compose_account(env, row, &account_kinds[i], c, res);
	}
	if (rc != SEND_OK)
		return rc;
	c->out.outbox_id = row->id;
	c->out.idempotency_key = row->idempotency_key;
	c->out.to = buf_cstr(&c->to);
	c->out.subject = buf_cstr(&c->subject);
	c->out.text = buf_cstr(&c->text);
	c->out.html = c->html.len > 0 ? buf_cstr(&c->html) : NULL;
	c->out.unsubscribe_url = c->unsubscribe_url.len > 0 ?
	    buf_cstr(&c->unsubscribe_url) : NULL;
	c->out.tenant_id = row->tenant_id;
	return SEND_OK;
}
