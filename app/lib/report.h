/* report.h: creating, routing and moving problem reports, with their history and notices. */
#ifndef RATUSZ_REPORT_H
#define RATUSZ_REPORT_H

#include <stdbool.h>
#include <time.h>

#include "problem.h"
#include "report_state.h"

struct db;

#define REPORT_DESCRIPTION_MAX	4000	/* characters, as Open311 allows */
#define REPORT_NUMBER_LEN	20

/* The kind of actor recorded in the history (report_event.actor_kind). */
enum report_actor_kind { REPORT_BY_RESIDENT, REPORT_BY_OPERATOR, REPORT_BY_SYSTEM,
	REPORT_BY_API };

/* A new report as a form or an Open311 client gives it. */
struct report_new {
	unsigned long long tenant_id;
	unsigned long long category_id;
	unsigned long long author_id;	/* 0: no account (author_email is then required) */
	const char	*author_email;	/* NULL with an account */
	const char	*author_name;	/* may be NULL */
	bool		 anonymous;	/* hide the author's name from the public */
	const char	*description;
	const char	*attributes_json;	/* validated extra field values, or NULL */
	bool		 has_position;
	double		 lat, lon;
	unsigned long long point_id;	/* 0: none */
	const char	*address_text;	/* may be NULL */
	bool		 from_api;	/* Open311 (source, actor kind) */
	unsigned long long api_key_id;
	time_t		 now;
};

struct report_created {
	unsigned long long id;
	char		 number[REPORT_NUMBER_LEN + 1];
	unsigned long long unit_id;
	bool		 needs_triage;
};

/*
 * Checks and stores a new report in status NEW, with its "created" event and
 * the author as its first follower, routed to a unit. Call inside a
 * transaction (db_begin), so that photos and notices of the same request are
 * stored with it or not at all. The report of an author without account stays
 * hidden from the office until the author confirms it by e-mail, and the
 * caller sends that link.
 * Returns 0; 1 with *err set when the input is wrong (a category of another
 * gmina, an empty or too long description, a position out of range); -1 on a
 * database error.
 */
int	 report_create(struct db *, const struct report_new *, struct report_created *,
	    struct problem *err);

/*
 * Picks the unit for a report of category_id at a position (has_position false:
 * by category only). The most specific routing rule wins: category and area,
 * then area, then category, then the category's default unit. A position
 * outside the gmina's boundary or within ROUTING_EDGE_METRES of an area's edge,
 * or a category without any unit, goes to the gmina's triage unit with
 * *needs_triage set.
 * Returns 0 or -1.
 */
#define ROUTING_EDGE_METRES	25.0
int	 report_route(struct db *, unsigned long long tenant_id,
	    unsigned long long category_id, bool has_position, double lat, double lon,
	    unsigned long long *unit_id, bool *needs_triage);

/* The gmina's triage unit, created ("Zgłoszenia do przydzielenia") when missing. */
int	 report_triage_unit(struct db *, unsigned long long tenant_id,
	    unsigned long long *unit_id);

/*
 * Takes the next public number of the gmina in the year of now (Warsaw time),
 * "2026-000123". Returns 0 or -1.
 */
int	 report_next_number(struct db *, unsigned long long tenant_id, time_t now,
	    char out[REPORT_NUMBER_LEN + 1]);

/* A status move by a person or an automated source. */
struct report_move {
	unsigned long long tenant_id, report_id;
	unsigned	 expected_version;	/* the row_version the form was made from; 0: any */
	enum report_status to;
	unsigned	 actors;		/* enum report_actor mask (viewer_actors) */
	enum report_actor_kind actor_kind;
	unsigned long long actor_id;		/* 0 for system and API */
	const char	*public_text;		/* shown to residents and sent to followers */
	time_t		 now;
};

enum report_move_result {
	REPORT_MOVED,
	REPORT_MOVE_NOT_FOUND,
	REPORT_MOVE_FORBIDDEN,		/* the table does not allow it for these actors */
	REPORT_MOVE_STALE,		/* changed by someone else since the form was shown */
	REPORT_MOVE_ERROR
};

/*
 * Moves a report to another status inside the caller's transaction. Checks the
 * table of report_state.h and sets confirmed_at and the category's deadline
 * when the move publishes, closed_at when it closes. Writes the "status" event,
 * and queues a notice to every follower when the report is public.
 * Moving to DUPLICATE is refused here: use report_merge.
 */
enum report_move_result report_move(struct db *, const struct report_move *);

/*
 * Closes report dup as a duplicate of original, which must be a public report
 * of the same gmina and not a duplicate itself (otherwise
 * REPORT_MOVE_FORBIDDEN). Followers of dup follow the original too, and both
 * get a notice. Inside the caller's transaction. Same results as report_move.
 */
enum report_move_result report_merge(struct db *, const struct report_move *,
	    unsigned long long original_id);

/*
 * Writes a history event. is_public events of public reports are also queued
 * to the followers (report_notify_followers). Returns the event id via *id (may
 * be NULL). 0 or -1.
 */
struct report_event_new {
	unsigned long long tenant_id, report_id;
	enum report_actor_kind actor_kind;
	unsigned long long actor_id;
	const char	*kind;		/* a report_event.kind value */
	const char	*from_status, *to_status;	/* may be NULL */
	unsigned long long from_unit_id, to_unit_id;	/* 0: NULL */
	bool		 is_public;
	const char	*body;		/* may be NULL */
	const char	*previous_json;	/* may be NULL */
	time_t		 now;
};
int	 report_event_add(struct db *, const struct report_event_new *,
	    unsigned long long *id);

/*
 * Queues one e-mail ("report_update") per confirmed follower of a public report
 * for event_id, idempotent per (event, follower). The dispatcher resolves the
 * follower when it sends, so one who stopped following gets nothing.
 * Returns 0 or -1.
 */
int	 report_notify_followers(struct db *, unsigned long long tenant_id,
	    unsigned long long report_id, unsigned long long event_id, time_t now);

/* Bumps the gmina's report_version, which public lists and maps use in ETags. */
int	 report_touch_tenant(struct db *, unsigned long long tenant_id);

/* Formats t as a MariaDB DATETIME in UTC into out[20]. */
void	 report_datetime(time_t t, char out[20]);

#endif
