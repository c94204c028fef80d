/* report_access.c: roles of a viewer in a gmina and the visibility rule of reports. */
#include "config.h"

#include <string.h>

#include "db.h"
#include "report_access.h"

static const char sql_roles[] =
    "SELECT role, unit_id FROM account_role"
    " WHERE account_id = ? AND tenant_id = ? ORDER BY id";

static const char sql_ref[] =
    "SELECT r.id, r.tenant_id, r.unit_id, COALESCE(r.author_id, 0), r.status,"
    " r.confirmed_at IS NOT NULL, r.hidden, c.is_public,"
    " r.author_id IS NOT NULL OR r.email_confirmed_at IS NOT NULL, u.kind = 'external'"
    " FROM report r JOIN report_category c ON c.id = r.category_id"
    " JOIN unit u ON u.id = r.unit_id"
    " WHERE r.tenant_id = ? AND r.id = ?";

static void
viewer_add_role(struct viewer *v, const char *role, long long unit_id)
{
	if (strcmp(role, "gmina_admin") == 0)
		v->gmina_admin = true;
	else if (strcmp(role, "coordinator") == 0)
		v->coordinator = true;
	else if (strcmp(role, "operator") == 0 && unit_id > 0 &&
	    v->unit_count < VIEWER_MAX_UNITS)
		v->units[v->unit_count++] = (unsigned long long)unit_id;
}

int
viewer_load(struct db *db, unsigned long long account_id, unsigned long long tenant_id,
    struct viewer *v)
{
	struct db_result	 res;
	size_t			 i;

	memset(v, 0, sizeof(*v));
	v->account_id = account_id;
	v->tenant_id = tenant_id;
	if (account_id == 0)
		return 0;
	if (db_query(db, sql_roles, DB_ARGS(DB_I(account_id), DB_I(tenant_id)), &res) == -1)
		return -1;
	for (i = 0; i < res.rows; i++)
		viewer_add_role(v, db_cell(&res, i, 0), db_cell_int(&res, i, 1));
	db_result_free(&res);
	return 0;
}

bool
viewer_in_unit(const struct viewer *v, unsigned long long unit_id)
{
	unsigned	 i;

	for (i = 0; i < v->unit_count; i++)
		if (v->units[i] == unit_id)
			return true;
	return false;
}

bool
viewer_is_staff(const struct viewer *v)
{
	return v->gmina_admin || v->coordinator || v->unit_count > 0;
}

unsigned
viewer_actors(const struct viewer *v, unsigned long long unit_id)
{
	unsigned	 actors = 0;

	if (v->gmina_admin)
		actors |= ACTOR_GMINA_ADMIN;
	if (v->coordinator)
		actors |= ACTOR_COORDINATOR;
	if (viewer_in_unit(v, unit_id))
		actors |= ACTOR_OPERATOR;
	return actors;
}

static bool
report_is_public(const struct report_ref *r)
{
	return r->confirmed && !r->hidden && r->category_public;
}

enum report_access
report_visible(const struct viewer *v, const struct report_ref *r)
{
	bool	 same_gmina = v->tenant_id == r->tenant_id;

	if (same_gmina && r->email_confirmed && (v->gmina_admin || v->coordinator))
		return REPORT_ACCESS_STAFF;
	if (same_gmina && r->email_confirmed && viewer_in_unit(v, r->unit_id))
		return r->unit_external ? REPORT_ACCESS_STAFF_EXTERNAL : REPORT_ACCESS_STAFF;
	if (v->account_id != 0 && r->author_id == v->account_id)
		return REPORT_ACCESS_AUTHOR;
	if (report_is_public(r))
		return REPORT_ACCESS_PUBLIC;
	return REPORT_ACCESS_NONE;
}

bool
report_access_is_staff(enum report_access access)
{
	return access == REPORT_ACCESS_STAFF || access == REPORT_ACCESS_STAFF_EXTERNAL;
}

bool
report_event_visible(enum report_access access, const struct report_event_ref *e)
{
	if (access == REPORT_ACCESS_NONE)
		return false;
	if (e->is_public || access == REPORT_ACCESS_STAFF)
		return true;
	return access == REPORT_ACCESS_STAFF_EXTERNAL && e->for_unit;
}

int
report_ref_load(struct db *db, unsigned long long tenant_id, unsigned long long id,
    struct report_ref *out)
{
	struct db_result	 res;
	int			 found;

	memset(out, 0, sizeof(*out));
	if (db_query(db, sql_ref, DB_ARGS(DB_I(tenant_id), DB_I(id)), &res) == -1)
		return -1;
	found = res.rows == 1;
	if (found) {
		out->id = (unsigned long long)db_cell_int(&res, 0, 0);
		out->tenant_id = (unsigned long long)db_cell_int(&res, 0, 1);
		out->unit_id = (unsigned long long)db_cell_int(&res, 0, 2);
		out->author_id = (unsigned long long)db_cell_int(&res, 0, 3);
		if (report_status_parse(db_cell(&res, 0, 4), &out->status) == -1)
			out->status = REPORT_NEW;
		out->confirmed = db_cell_int(&res, 0, 5) != 0;
		out->hidden = db_cell_int(&res, 0, 6) != 0;
		out->category_public = db_cell_int(&res, 0, 7) != 0;
		out->email_confirmed = db_cell_int(&res, 0, 8) != 0;
		out->unit_external = db_cell_int(&res, 0, 9) != 0;
	}
	db_result_free(&res);
	return found;
}
