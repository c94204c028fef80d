/* subscription.c: SQL of residents' subscriptions and the one visibility rule for them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "subscription.h"
#include "token.h"

static const char sql_load[] =
    "SELECT id, account_id, tenant_id, point_id, name, by_email, by_sms,"
    " remind_when = 'evening', remind_hour, fractions FROM subscription WHERE id = ?";
static const char sql_list[] =
    "SELECT s.id, s.name, ap.label, ap.label_en, t.name, t.terc, s.point_id,"
    " s.by_email, s.by_sms, s.remind_when = 'evening', s.remind_hour, s.fractions,"
    " s.tenant_id FROM subscription s"
    " JOIN address_point ap ON ap.id = s.point_id AND ap.tenant_id = s.tenant_id"
    " JOIN tenant t ON t.id = s.tenant_id"
    " WHERE s.account_id = ? ORDER BY s.created_at, s.id";
static const char sql_create[] =
    "INSERT INTO subscription (account_id, tenant_id, point_id, name, by_email, by_sms,"
    " remind_when, remind_hour, fractions, unsubscribe_token, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char sql_find[] =
    "SELECT id FROM subscription WHERE account_id = ? AND point_id = ?";
static const char sql_update[] =
    "UPDATE subscription SET name = ?, by_email = ?, by_sms = ?, remind_when = ?,"
    " remind_hour = ?, fractions = ? WHERE id = ? AND account_id = ?";
static const char sql_delete[] =
    "DELETE FROM subscription WHERE id = ? AND account_id = ?";
static const char sql_enable_email[] =
    "UPDATE subscription SET by_email = 1 WHERE id = ? AND account_id = ?";
static const char sql_point_fractions[] =
    "SELECT DISTINCT pa.fraction_code, COALESCE(tf.display_name, f.name_pl), f.name_en,"
    " f.sort_order FROM point_area pa JOIN area a ON a.id = pa.area_id"
    " JOIN schedule_period sp ON sp.id = a.period_id AND sp.status = 'active'"
    " JOIN fraction f ON f.code = pa.fraction_code"
    " LEFT JOIN tenant_fraction tf ON tf.tenant_id = pa.tenant_id"
    "  AND tf.fraction_code = pa.fraction_code"
    " WHERE pa.tenant_id = ? AND pa.point_id = ? ORDER BY f.sort_order";
static const char sql_contact[] =
    "SELECT a.phone IS NOT NULL AND a.phone <> '',"
    " EXISTS (SELECT 1 FROM consent c WHERE c.account_id = a.id AND c.channel = 'sms'"
    "  AND c.withdrawn_at IS NULL)"
    " FROM account a WHERE a.id = ?";

bool
subscription_visible(const struct request *r, const struct subscription *s)
{
	return r->account_id != 0 && s->account_id == r->account_id;
}

static void
copy_text(char *out, size_t size, const char *value)
{
	snprintf(out, size, "%s", value != NULL ? value : "");
}

int
subscription_load(struct db *db, unsigned long long id, struct subscription *s)
{
	struct db_result	 r;

	memset(s, 0, sizeof(*s));
	if (db_query(db, sql_load, DB_ARGS(DB_I(id)), &r) == -1)
		return -1;
	if (r.rows != 1) {
		db_result_free(&r);
		return 0;
	}
	s->id = (unsigned long long)db_cell_int(&r, 0, 0);
	s->account_id = (unsigned long long)db_cell_int(&r, 0, 1);
	s->tenant_id = (unsigned long long)db_cell_int(&r, 0, 2);
	s->point_id = (unsigned long long)db_cell_int(&r, 0, 3);
	copy_text(s->name, sizeof(s->name), db_cell(&r, 0, 4));
	s->by_email = db_cell_int(&r, 0, 5) != 0;
	s->by_sms = db_cell_int(&r, 0, 6) != 0;
	s->evening = db_cell_int(&r, 0, 7) != 0;
	s->remind_hour = (unsigned)db_cell_int(&r, 0, 8);
	copy_text(s->fractions, sizeof(s->fractions), db_cell(&r, 0, 9));
	db_result_free(&r);
	return 1;
}

int
subscription_list(struct db *db, unsigned long long account_id, struct db_result *out)
{
	return db_query(db, sql_list, DB_ARGS(DB_I(account_id)), out);
}

int
subscription_create(struct db *db, struct subscription *s)
{
	char			 token[TOKEN_LEN + 1];
	const char		*token_text = token;
	unsigned long long	 id = 0;

	if (token_random(token) == -1)
		return -1;
	if (db_exec(db, sql_create, DB_ARGS(DB_I(s->account_id), DB_I(s->tenant_id),
	    DB_I(s->point_id), DB_S(s->name), DB_I(s->by_email), DB_I(s->by_sms),
	    DB_S(s->evening ? "evening" : "morning"), DB_I(s->remind_hour),
	    DB_S(s->fractions), DB_S(token_text)), NULL, &id) == -1)
		return -1;
	s->id = id;
	return 0;
}

int
subscription_find(struct db *db, unsigned long long account_id,
    unsigned long long point_id, unsigned long long *id)
{
	struct db_result	 r;

	*id = 0;
	if (db_query(db, sql_find, DB_ARGS(DB_I(account_id), DB_I(point_id)), &r) == -1)
		return -1;
	if (r.rows == 1)
		*id = (unsigned long long)db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return *id != 0;
}

int
subscription_update(struct db *db, const struct subscription *s)
{
	return db_exec(db, sql_update, DB_ARGS(DB_S(s->name), DB_I(s->by_email),
	    DB_I(s->by_sms), DB_S(s->evening ? "evening" : "morning"),
	    DB_I(s->remind_hour), DB_S(s->fractions), DB_I(s->id), DB_I(s->account_id)),
	    NULL, NULL);
}

int
subscription_delete(struct db *db, const struct subscription *s)
{
	return db_exec(db, sql_delete, DB_ARGS(DB_I(s->id), DB_I(s->account_id)),
	    NULL, NULL);
}

int
subscription_enable_email(struct db *db, const struct subscription *s)
{
	return db_exec(db, sql_enable_email, DB_ARGS(DB_I(s->id), DB_I(s->account_id)),
	    NULL, NULL);
}

int
subscription_point_fractions(struct db *db, unsigned long long tenant_id,
    unsigned long long point_id, struct db_result *out)
{
	return db_query(db, sql_point_fractions, DB_ARGS(DB_I(tenant_id), DB_I(point_id)),
	    out);
}

int
subscription_contact(struct db *db, unsigned long long account_id,
    struct subscription_contact *c)
{
	struct db_result	 r;

	memset(c, 0, sizeof(*c));
	if (db_query(db, sql_contact, DB_ARGS(DB_I(account_id)), &r) == -1)
		return -1;
	if (r.rows == 1) {
		c->has_phone = db_cell_int(&r, 0, 0) != 0;
		c->sms_consent = db_cell_int(&r, 0, 1) != 0;
	}
	db_result_free(&r);
	return 0;
}

bool
subscription_has_fraction(const char *fractions, const char *code)
{
	size_t		 n = strlen(code);
	const char	*p = fractions;

	if (*fractions == '\0')
		return true;
	while ((p = strstr(p, code)) != NULL) {
		if ((p == fractions || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}
