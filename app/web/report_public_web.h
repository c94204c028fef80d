/* report_public_web.h: what the public report pages (list, map, report page) share. */
#ifndef RATUSZ_REPORT_PUBLIC_WEB_H
#define RATUSZ_REPORT_PUBLIC_WEB_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"
#include "pages.h"
#include "report_public.h"
#include "schedule.h"

struct _hdf;

/* Query fields of the list, the map and its JSON (route.c). */
extern const struct field_spec report_public_query[];
extern const struct field_spec report_map_json_query[];
extern const struct field_spec report_public_path[];
extern const struct field_spec report_number_path[];
extern const struct field_spec report_photo_path[];

/* Loads the gmina of the path; sets 404 or 503 and returns 0 when there is none. */
int	 public_gmina(struct request *, struct app *, struct gmina *);
/* Reads the filter fields into f; sets 400 and returns -1 for an unknown status. */
int	 public_filter(struct request *, struct report_filter *);
/* Appends the filter as a query string ("kategoria=3&status=done"), "" when empty. */
void	 public_filter_query(struct buf *, const struct report_filter *);
/* Sets P.Filter.* (chosen values) and the options of the filter form. */
int	 public_filter_form(struct _hdf *, struct app *, unsigned long long tenant_id,
	    const struct report_filter *, enum lang);
/*
 * Sends the ETag of what (hashed with the gmina's report_version) and answers
 * 304 when If-None-Match has it. Returns true when the 304 is set.
 */
bool	 public_etag(struct request *, const char *what, char etag[40]);
/* "15 sierpnia 2026, 14:05" in Warsaw time. */
void	 public_local_time(struct buf *, enum lang, time_t);
/* Parses a "YYYY-MM-DD HH:MM:SS" UTC value; 0 for NULL or a malformed one. */
time_t	 public_utc(const char *);

#endif
