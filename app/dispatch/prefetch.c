/* prefetch.c: loads what the rows of a batch need in four queries instead of four per row. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "compose.h"
#include "log.h"
#include "prefetch.h"

/*
 * Each query joins a JSON array of ids (or [point, day] pairs) passed as one
 * parameter, so one prepared statement serves a batch of any size and MariaDB
 * looks every id up by its primary key.
 */
static const char sql_subscriptions[] =
    "SELECT s.id, s.account_id, s.point_id, s.name, s.by_email, s.by_sms, s.fractions,"
    " s.unsubscribe_token, a.email, a.phone, a.lang, a.confirmed_at IS NOT NULL,"
    " (SELECT c.withdrawn_at IS NULL FROM consent c"
    "  WHERE c.account_id = a.id AND c.channel = 'email'"
    "  ORDER BY c.given_at DESC, c.id DESC LIMIT 1),"
    " (SELECT c.withdrawn_at IS NULL FROM consent c"
    "  WHERE c.account_id = a.id AND c.channel = 'sms'"
    "  ORDER BY c.given_at DESC, c.id DESC LIMIT 1)"
    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) j"
    " JOIN subscription s ON s.id = j.id JOIN account a ON a.id = s.account_id";

static const char sql_accounts[] =
    "SELECT a.id, a.email, a.lang"
    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) j"
    " JOIN account a ON a.id = j.id";

static const char sql_points[] =
    "SELECT ap.id, ap.tenant_id, ap.locality_id, t.terc, t.name, ap.label,"
    " ap.token, t.data_version, ap.label_en"
    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) j"
    " JOIN address_point ap ON ap.id = j.id JOIN tenant t ON t.id = ap.tenant_id";

/* The same pickups as schedule_pickups for one day, for many (point, day) pairs. */
static const char sql_pickups[] =
    "SELECT DISTINCT j.point_id, j.day, p.fraction_code,"
    " COALESCE(tf.display_name, f.name_pl), f.name_en, f.color, f.sort_order"
    " FROM JSON_TABLE(?, '$[*]' COLUMNS (point_id INT UNSIGNED PATH '$[0]',"
    "  day INT PATH '$[1]')) j"
    " JOIN address_point ap ON ap.id = j.point_id"
    " JOIN point_area pa ON pa.tenant_id = ap.tenant_id AND pa.point_id = ap.id"
    " JOIN area a ON a.id = pa.area_id"
    " JOIN schedule_period sp ON sp.id = a.period_id AND sp.status = 'active'"
    " JOIN pickup p ON p.tenant_id = pa.tenant_id AND p.area_id = pa.area_id"
    "  AND p.fraction_code = pa.fraction_code"
    "  AND p.day = DATE_ADD('1970-01-01', INTERVAL j.day DAY)"
    " JOIN fraction f ON f.code = p.fraction_code"
    " LEFT JOIN tenant_fraction tf ON tf.tenant_id = pa.tenant_id"
    "  AND tf.fraction_code = p.fraction_code"
    " ORDER BY j.point_id, j.day, f.sort_order";

/* Distinct ids (or pairs) collected for one query. */
struct id_set {
	unsigned long long	*a, *b;	/* b is used by pairs only */
	size_t			 count;
};

static void
id_set_add(struct id_set *set, unsigned long long a, unsigned long long b)
{
	size_t	 i;

	for (i = 0; i < set->count; i++)
		if (set->a[i] == a && set->b[i] == b)
			return;
	set->a[set->count] = a;
	set->b[set->count] = b;
	set->count++;
}

static void
id_set_init(struct id_set *set, size_t capacity)
{
	set->count = 0;
	if ((set->a = calloc(capacity + 1, sizeof(*set->a))) == NULL ||
	    (set->b = calloc(capacity + 1, sizeof(*set->b))) == NULL)
		abort();
}

static void
id_set_free(struct id_set *set)
{
	free(set->a);
	free(set->b);
}

/* Runs sql with the set as a JSON array of ids, or of [a, b] pairs. An empty set runs nothing. */
static void
query_set(struct db *db, const char *sql, const struct id_set *set, int pairs,
    struct db_result *out, struct prefetch *p)
{
	json_t	*list = json_array();
	char	*text;
	size_t	 i;

	memset(out, 0, sizeof(*out));
	if (set->count == 0 || p->failed) {
		json_decref(list);
		return;
	}
	for (i = 0; i < set->count; i++)
		json_array_append_new(list, pairs ?
		    json_pack("[I, I]", (json_int_t)set->a[i], (json_int_t)set->b[i]) :
		    json_integer((json_int_t)set->a[i]));
	if ((text = json_dumps(list, JSON_COMPACT)) == NULL)
		abort();
	json_decref(list);
	if (db_query(db, sql, DB_ARGS(DB_T(text)), out) == -1) {
		memset(out, 0, sizeof(*out));
		p->failed = 1;
	}
	free(text);
}

/* The subscriptions of the reminder rows and the accounts of the others. */
static void
collect_rows(const struct outbox_row *rows, size_t count, struct id_set *subscriptions,
    struct id_set *accounts)
{
	long long	 subscription;
	long		 day;
	size_t		 i;

	for (i = 0; i < count; i++) {
		if (strcmp(rows[i].kind, "reminder") != 0) {
			if (rows[i].account_id != 0)
				id_set_add(accounts, rows[i].account_id, 0);
		} else if (reminder_payload(rows[i].payload, &subscription, &day) == 0)
			id_set_add(subscriptions, (unsigned long long)subscription, 0);
	}
}

/* The (point, day) pairs of the reminder rows whose subscription was found. */
static void
collect_points(const struct outbox_row *rows, size_t count, const struct prefetch *p,
    struct id_set *points, struct id_set *days)
{
	unsigned long long	 point;
	long long		 subscription;
	long			 day, at;
	size_t			 i;

	for (i = 0; i < count; i++) {
		if (strcmp(rows[i].kind, "reminder") != 0 ||
		    reminder_payload(rows[i].payload, &subscription, &day) == -1 ||
		    (at = prefetch_subscription(p, (unsigned long long)subscription)) == -1)
			continue;
		point = (unsigned long long)db_cell_int(&p->subscriptions, (size_t)at, SUB_POINT);
		id_set_add(points, point, 0);
		id_set_add(days, point, (unsigned long long)day);
	}
}

void
prefetch_load(struct db *db, const struct outbox_row *rows, size_t count, struct prefetch *p)
{
	struct id_set	 subscriptions, accounts, points, days;

	memset(p, 0, sizeof(*p));
	id_set_init(&subscriptions, count);
	id_set_init(&accounts, count);
	id_set_init(&points, count);
	id_set_init(&days, count);
	collect_rows(rows, count, &subscriptions, &accounts);
	query_set(db, sql_subscriptions, &subscriptions, 0, &p->subscriptions, p);
	query_set(db, sql_accounts, &accounts, 0, &p->accounts, p);
	collect_points(rows, count, p, &points, &days);
	query_set(db, sql_points, &points, 0, &p->points, p);
	query_set(db, sql_pickups, &days, 1, &p->pickups, p);
	if (p->failed)
		log_error("outbox: loading the recipients of a batch failed, so its rows will be retried");
	id_set_free(&subscriptions);
	id_set_free(&accounts);
	id_set_free(&points);
	id_set_free(&days);
}

void
prefetch_free(struct prefetch *p)
{
	db_result_free(&p->subscriptions);
	db_result_free(&p->accounts);
	db_result_free(&p->points);
	db_result_free(&p->pickups);
	memset(p, 0, sizeof(*p));
}

static long
find_id(const struct db_result *r, unsigned long long id)
{
	size_t	 i;

	for (i = 0; i < r->rows; i++)
		if ((unsigned long long)db_cell_int(r, i, 0) == id)
			return (long)i;
	return -1;
}

long
prefetch_subscription(const struct prefetch *p, unsigned long long id)
{
	return find_id(&p->subscriptions, id);
}

long
prefetch_account(const struct prefetch *p, unsigned long long id)
{
	return find_id(&p->accounts, id);
}

static void
copy_text(char *out, size_t size, const struct db_result *r, size_t row, size_t col)
{
	const char	*s = db_cell(r, row, col);

	snprintf(out, size, "%s", s != NULL ? s : "");
}

int
prefetch_point(const struct prefetch *p, unsigned long long id, struct point *pt)
{
	const struct db_result	*r = &p->points;
	long			 at;

	memset(pt, 0, sizeof(*pt));
	if ((at = find_id(r, id)) == -1)
		return 0;
	pt->id = id;
	pt->tenant_id = (unsigned long long)db_cell_int(r, (size_t)at, 1);
	pt->locality_id = (unsigned long long)db_cell_int(r, (size_t)at, 2);
	copy_text(pt->terc, sizeof(pt->terc), r, (size_t)at, 3);
	copy_text(pt->gmina_name, sizeof(pt->gmina_name), r, (size_t)at, 4);
	copy_text(pt->label, sizeof(pt->label), r, (size_t)at, 5);
	copy_text(pt->token, sizeof(pt->token), r, (size_t)at, 6);
	pt->data_version = (unsigned)db_cell_int(r, (size_t)at, 7);
	copy_text(pt->label_en, sizeof(pt->label_en), r, (size_t)at, 8);
	return 1;
}

void
prefetch_pickups(const struct prefetch *p, unsigned long long point, long day, enum lang lang,
    struct pickup_list *list)
{
	const struct db_result	*r = &p->pickups;
	struct pickup		*k;
	size_t			 i;

	memset(list, 0, sizeof(*list));
	for (i = 0; i < r->rows; i++) {
		if ((unsigned long long)db_cell_int(r, i, 0) != point ||
		    (long)db_cell_int(r, i, 1) != day)
			continue;
		if (list->items == NULL && (list->items = calloc(r->rows, sizeof(*k))) == NULL)
			abort();
		k = &list->items[list->count++];
		k->day = day;
		copy_text(k->code, sizeof(k->code), r, i, 2);
		copy_text(k->name, sizeof(k->name), r, i, lang == LANG_PL ? 3 : 4);
		copy_text(k->color, sizeof(k->color), r, i, 5);
	}
}
