/* report_state.c: the table of allowed status moves of a problem report. */
#include "config.h"

#include <string.h>

#include "report_state.h"

static const char *const status_codes[REPORT_STATUS_COUNT] = {
	"new", "verified", "forwarded", "in_progress", "done",
	"rejected", "out_of_scope", "duplicate"
};

static const char *const status_text_keys[REPORT_STATUS_COUNT] = {
	"Report.Status.new", "Report.Status.verified", "Report.Status.forwarded",
	"Report.Status.in_progress", "Report.Status.done", "Report.Status.rejected",
	"Report.Status.out_of_scope", "Report.Status.duplicate"
};

#define OP	ACTOR_OPERATOR
#define CO	ACTOR_COORDINATOR
#define AD	ACTOR_GMINA_ADMIN
#define AU	ACTOR_AUTOMATED
#define STAFF	(OP | CO | AD)
#define OFFICE	(CO | AD)

/*
 * moves[from][to]: who may make the move. Moderation (leaving NEW) is for
 * coordinators and admins. The unit's operators take a forwarded report into
 * work and finish it; automated sources may only report progress on a report
 * that is already public. Reopening a finished or closed report is for the
 * office, never for an automated source.
 */
static const unsigned moves[REPORT_STATUS_COUNT][REPORT_STATUS_COUNT] = {
	[REPORT_NEW] = {
		[REPORT_VERIFIED] = OFFICE, [REPORT_FORWARDED] = OFFICE,
		[REPORT_REJECTED] = OFFICE, [REPORT_OUT_OF_SCOPE] = OFFICE,
		[REPORT_DUPLICATE] = OFFICE,
	},
	[REPORT_VERIFIED] = {
		[REPORT_FORWARDED] = OFFICE, [REPORT_IN_PROGRESS] = STAFF | AU,
		[REPORT_DONE] = STAFF, [REPORT_REJECTED] = OFFICE,
		[REPORT_OUT_OF_SCOPE] = STAFF, [REPORT_DUPLICATE] = OFFICE,
	},
	[REPORT_FORWARDED] = {
		[REPORT_IN_PROGRESS] = STAFF | AU, [REPORT_DONE] = STAFF | AU,
		[REPORT_OUT_OF_SCOPE] = STAFF, [REPORT_REJECTED] = OFFICE,
		[REPORT_DUPLICATE] = OFFICE,
	},
	[REPORT_IN_PROGRESS] = {
		[REPORT_FORWARDED] = OFFICE, [REPORT_DONE] = STAFF | AU,
		[REPORT_OUT_OF_SCOPE] = STAFF, [REPORT_DUPLICATE] = OFFICE,
	},
	[REPORT_DONE] = {
		[REPORT_IN_PROGRESS] = OFFICE,
	},
	[REPORT_REJECTED] = {
		[REPORT_VERIFIED] = AD,
	},
	[REPORT_OUT_OF_SCOPE] = {
		[REPORT_VERIFIED] = AD,
	},
	[REPORT_DUPLICATE] = {
		[REPORT_VERIFIED] = AD,
	},
};

const char *
report_status_code(enum report_status s)
{
	return (unsigned)s < REPORT_STATUS_COUNT ? status_codes[s] : "new";
}

const char *
report_status_text_key(enum report_status s)
{
	return (unsigned)s < REPORT_STATUS_COUNT ? status_text_keys[s] : status_text_keys[0];
}

int
report_status_parse(const char *code, enum report_status *out)
{
	int	 i;

	for (i = 0; code != NULL && i < REPORT_STATUS_COUNT; i++)
		if (strcmp(code, status_codes[i]) == 0) {
			*out = (enum report_status)i;
			return 0;
		}
	return -1;
}

bool
report_status_closed(enum report_status s)
{
	return s == REPORT_REJECTED || s == REPORT_OUT_OF_SCOPE || s == REPORT_DUPLICATE;
}

bool
report_status_finished(enum report_status s)
{
	return s == REPORT_DONE || report_status_closed(s);
}

bool
report_move_publishes(enum report_status from, enum report_status to)
{
	return from == REPORT_NEW && to != REPORT_REJECTED && to != REPORT_DUPLICATE &&
	    to != REPORT_NEW;
}

bool
report_move_reopens(enum report_status from, enum report_status to)
{
	return report_status_finished(from) && !report_status_finished(to);
}

bool
report_move_allowed(enum report_status from, enum report_status to, unsigned actors)
{
	unsigned	 allowed;

	if ((unsigned)from >= REPORT_STATUS_COUNT || (unsigned)to >= REPORT_STATUS_COUNT)
		return false;
	allowed = moves[from][to];
	/* The table has no such move for them either; this check guards later edits. */
	if (report_move_publishes(from, to) || report_move_reopens(from, to))
		allowed &= ~(unsigned)AU;
	return (allowed & actors) != 0;
}
