/* report_state.h: the states of a problem report and who may move it between them. */
#ifndef RATUSZ_REPORT_STATE_H
#define RATUSZ_REPORT_STATE_H

#include <stdbool.h>

enum report_status {
	REPORT_NEW,		/* Nowe: waiting for moderation, not public */
	REPORT_VERIFIED,	/* Zweryfikowane: confirmed, public */
	REPORT_FORWARDED,	/* Przekazane: handed to the unit that will act */
	REPORT_IN_PROGRESS,	/* W realizacji */
	REPORT_DONE,		/* Zrealizowane */
	REPORT_REJECTED,	/* Odrzucone (closed) */
	REPORT_OUT_OF_SCOPE,	/* Poza kompetencją (closed) */
	REPORT_DUPLICATE,	/* Duplikat: merged into another report (closed) */
	REPORT_STATUS_COUNT
};

/*
 * Who makes a move, as seen for one report. An operator counts only for reports
 * of a unit they belong to. AUTOMATED is an Open311 client or a program: it never
 * publishes, unhides or reopens a report.
 */
enum report_actor {
	ACTOR_OPERATOR = 1 << 0,
	ACTOR_COORDINATOR = 1 << 1,
	ACTOR_GMINA_ADMIN = 1 << 2,
	ACTOR_AUTOMATED = 1 << 3
};

/* The database and URL code of a status ("in_progress"), and its language key. */
const char	*report_status_code(enum report_status);
/* "Report.Status.in_progress": the key of the status name in the language files. */
const char	*report_status_text_key(enum report_status);
/* Parses a status code; 0, or -1 for an unknown code. */
int		 report_status_parse(const char *code, enum report_status *out);
/* Rejected, out of scope and duplicate are closed; done is finished but can be reopened. */
bool		 report_status_closed(enum report_status);
/* Done or closed: Open311 "closed". */
bool		 report_status_finished(enum report_status);

/*
 * Whether actors (a mask of enum report_actor) may move a report from one status
 * to another. Moving to DUPLICATE goes through the merge, which also needs the
 * original report; report_move_allowed only answers for the roles.
 */
bool		 report_move_allowed(enum report_status from, enum report_status to,
		    unsigned actors);

/* Moves that publish the report (new -> anything public) or reopen it. */
bool		 report_move_publishes(enum report_status from, enum report_status to);
bool		 report_move_reopens(enum report_status from, enum report_status to);

#endif
