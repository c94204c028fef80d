/* ctl_schedule_ics.c: reads the iCalendar file of one area (--ics AREA=FILE) into the import's pickups. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_schedule.h"
#include "fraction.h"
#include "ics.h"
#include "text.h"

#define IMPORT_MAX_FILE		(16u * 1024 * 1024)
#define WARNED_ZONES_MAX	16	/* unknown TZIDs warned about once per file */
#define ZONE_NAME_SIZE		80	/* ics_parse cuts an unknown TZID to 64 bytes */

/* The state of reading one calendar file. */
struct ics_reading {
	struct schedule_import	*im;
	const struct import_ics	*ics;
	size_t			 area;
	char			 warned[WARNED_ZONES_MAX][ZONE_NAME_SIZE];
	size_t			 warned_count;
};

/* Warns once per file and TZID that the event's times were taken as Warsaw time. */
static void
warn_unknown_zone(struct ics_reading *r, const struct ics_event *ev)
{
	size_t	 i;

	if (ev->unknown_zone_line == 0)
		return;
	for (i = 0; i < r->warned_count; i++)
		if (strcmp(r->warned[i], ev->unknown_zone) == 0)
			return;
	if (r->warned_count < WARNED_ZONES_MAX)
		snprintf(r->warned[r->warned_count++], ZONE_NAME_SIZE, "%s",
		    ev->unknown_zone);
	import_warning(r->im, r->ics->path, ev->unknown_zone_line,
	    "Import.UnknownZone", ev->unknown_zone);
}

/*
 * Checks the days of a rule without an end (open_ended) against --to: its
 * days after --to are left out, but a rule that stops expanding before --to
 * would lose collections. Returns the last day to take, or -1 after an error.
 */
static long
last_day_taken(struct ics_reading *r, const struct ics_event *ev)
{
	struct schedule_import	*im = r->im;

	if (!ev->open_ended)
		return LONG_MAX;
	if (im->to == -1) {
		import_error(im, r->ics->path, ev->line, "Import.OpenEndedRule", NULL);
		return -1;
	}
	if (ev->expanded_to < im->to) {
		import_error(im, r->ics->path, ev->line, "Import.RuleTooLong", NULL);
		return -1;
	}
	return im->to;
}

/* Adds a pickup of each fraction on each day of the event. */
static void
add_event_pickups(struct ics_reading *r, const struct ics_event *ev,
    const struct fraction_entry *entry)
{
	long	 last = last_day_taken(r, ev);
	size_t	 d, f;

	for (d = 0; last != -1 && d < ev->day_count; d++) {
		/* A rule without an end also has days before --from to leave out. */
		if (ev->days[d] > last || (ev->open_ended && r->im->from != -1 &&
		    ev->days[d] < r->im->from))
			continue;
		for (f = 0; f < entry->count; f++)
			import_add_pickup(r->im, r->ics->path, ev->line, r->area,
			    (size_t)(fraction_by_code(entry->code[f]) - fractions),
			    ev->days[d]);
	}
}

/*
 * Decides what an event is: cancelled (counted), a collection of the fractions
 * its SUMMARY names (even when it also mentions a fee), a fee entry naming no
 * fraction (counted), or an error.
 */
static int
ics_event(const struct ics_event *ev, void *arg)
{
	struct ics_reading	*r = arg;
	struct fraction_entry	 entry;

	warn_unknown_zone(r, ev);
	if (ev->cancelled) {
		r->im->cancelled_events++;
		return 0;
	}
	import_fractions(r->im, ev->summary, &entry);
	if (entry.unknown[0] != '\0')
		import_error(r->im, r->ics->path, ev->line, "Import.UnknownFraction",
		    entry.unknown);
	else if (entry.count > 0)
		add_event_pickups(r, ev, &entry);
	else if (entry.fee)
		r->im->skipped_events++;
	else
		import_error(r->im, r->ics->path, ev->line, "Import.NoSummary", NULL);
	return 0;
}

int
import_read_ics(struct schedule_import *im, const struct import_ics *ics)
{
	struct ics_reading	 r;
	struct problem		 p;
	char			*data;
	size_t			 len, first = im->pickup_count;
	int			 area;

	if ((area = import_known_area(im, ics->area)) == -1) {
		if (!im->areas_incomplete)
			import_error(im, ics->path, 0, "Import.UnknownIcsArea", ics->area);
		return -1;
	}
	if (im->areas[area].has_ics) {
		import_error(im, ics->path, 0, "Import.IcsAreaTwice", ics->area);
		return -1;
	}
	im->areas[area].has_ics = true;
	if ((data = ctl_read_file(im->ctl, ics->path, IMPORT_MAX_FILE, &len)) == NULL) {
		im->error_count++;
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.im = im;
	r.ics = ics;
	r.area = (size_t)area;
	if (ics_parse(data, len, ics_event, &r, &p) == -1)
		import_error(im, ics->path, p.line, p.key, p.value);
	free(data);
	import_check_duplicates(im, first);
	return 0;
}
