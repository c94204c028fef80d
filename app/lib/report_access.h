/* report_access.h: who is looking at a gmina's reports, and the one visibility rule. */
#ifndef RATUSZ_REPORT_ACCESS_H
#define RATUSZ_REPORT_ACCESS_H

#include <stdbool.h>

#include "report_state.h"

struct db;

#define VIEWER_MAX_UNITS	32

/* An account's roles in one gmina (all false for anonymous visitors and residents). */
struct viewer {
	unsigned long long account_id;	/* 0: anonymous */
	unsigned long long tenant_id;	/* the gmina these roles were loaded for */
	bool		 gmina_admin;
	bool		 coordinator;
	unsigned long long units[VIEWER_MAX_UNITS];	/* operator of these units */
	unsigned	 unit_count;
};

/*
 * Loads the roles of account_id (0: anonymous) in the gmina tenant_id. Roles in
 * other gminy, and platform_admin, give nothing here. Returns 0 or -1.
 */
int	 viewer_load(struct db *, unsigned long long account_id,
	    unsigned long long tenant_id, struct viewer *);
bool	 viewer_in_unit(const struct viewer *, unsigned long long unit_id);
/* Any role in the gmina: may open the back office. */
bool	 viewer_is_staff(const struct viewer *);
/* The enum report_actor mask of the viewer for a report handled by unit_id. */
unsigned viewer_actors(const struct viewer *, unsigned long long unit_id);

/* The fields of a report that the visibility rule reads. */
struct report_ref {
	unsigned long long id, tenant_id, unit_id, author_id;
	enum report_status status;
	bool		 confirmed;		/* confirmed_at is set */
	bool		 hidden;
	bool		 category_public;
	bool		 email_confirmed;	/* author has an account or confirmed by link */
	bool		 unit_external;		/* the handling unit is an outside institution */
};

enum report_access {
	REPORT_ACCESS_NONE,	/* 404: the report does not exist for this viewer */
	REPORT_ACCESS_PUBLIC,	/* the public page: public history, no author contact */
	REPORT_ACCESS_AUTHOR,	/* the author: public history and their own report */
	REPORT_ACCESS_STAFF,	/* the office: everything, internal notes included */
	/*
	 * Operators of an outside unit (unit.kind 'external') handling the report:
	 * the office pages without the author's contact (the name only when not
	 * anonymous) and, of the internal events, only those for their unit.
	 */
	REPORT_ACCESS_STAFF_EXTERNAL
};

/*
 * The one visibility rule of a report, used by pages, JSON, Open311, the map,
 * exports, photos and notifications. The office is: coordinators and admins of
 * the report's gmina, and operators of the unit handling it. Others see a
 * report only when it is public: confirmed, not hidden, in a public category.
 * An e-mail author's report stays invisible to the office until confirmed.
 */
enum report_access report_visible(const struct viewer *, const struct report_ref *);

/* Either kind of office access. */
bool	 report_access_is_staff(enum report_access);

/* The fields of a history event that the visibility rule reads. */
struct report_event_ref {
	bool		 is_public;
	/*
	 * The event concerns the unit handling the report: a transfer into it, or
	 * written by one of its operators (REPORT_EVENT_FOR_UNIT_SQL).
	 */
	bool		 for_unit;
};

/* Whether a history event (public or internal) is shown at that access. */
bool	 report_event_visible(enum report_access, const struct report_event_ref *);

/*
 * The SQL form of report_event_ref.for_unit, for event e of report r (both
 * given as aliases in string literals).
 */
#define REPORT_EVENT_FOR_UNIT_SQL(e, r) \
	"(" e ".to_unit_id <=> " r ".unit_id OR EXISTS (SELECT 1 FROM account_role fu_o" \
	" WHERE fu_o.tenant_id = " e ".tenant_id AND fu_o.account_id = " e ".actor_id" \
	" AND fu_o.role = 'operator' AND fu_o.unit_id = " r ".unit_id))"

/*
 * The SQL form of report_event_visible for an internal event e of report r
 * handled by unit u, shown to a viewer who is staff of r (a gmina-wide role,
 * or an operator of u). Takes one parameter: whether the viewer is a
 * coordinator or an admin of the gmina.
 */
#define REPORT_INTERNAL_EVENT_VISIBLE_SQL(e, r, u) \
	"(? OR " u ".kind <> 'external' OR " REPORT_EVENT_FOR_UNIT_SQL(e, r) ")"

/*
 * The SQL condition of a public report, for lists, maps and Open311. It must
 * match the reports for which report_visible returns REPORT_ACCESS_PUBLIC.
 * Expects the report as "r" and its category as "c".
 */
#define REPORT_PUBLIC_SQL \
	"(r.confirmed_at IS NOT NULL AND r.hidden = 0 AND c.is_public = 1)"

/*
 * Loads the report_ref of report id in tenant_id. Returns 1 when found, 0 when
 * not (another gmina's id included), -1 on error.
 */
int	 report_ref_load(struct db *, unsigned long long tenant_id,
	    unsigned long long id, struct report_ref *);

#endif
