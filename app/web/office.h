/* office.h: the back office of problem reports under /urzad/TERC/ (office_*.c). */
#ifndef RATUSZ_OFFICE_H
#define RATUSZ_OFFICE_H

#include <stdbool.h>

#include "pages.h"
#include "report.h"
#include "report_access.h"

struct _hdf;

#define OFFICE_PAGE_SIZE	50
#define OFFICE_TEXT_MAX		4000	/* characters of a note, update or reason */
#define OFFICE_EXPORT_MAX	100000	/* rows of one CSV export */
#define OFFICE_EXPORT_BATCH	500	/* rows an export fetches per query */

/* The gmina of the request and the signed-in staff member looking at it. */
struct office {
	unsigned long long tenant_id;
	char		 terc[8];
	char		 gmina_name[101];
	struct viewer	 viewer;
	bool		 gmina_wide;	/* coordinator or gmina admin: sees the whole gmina */
};

/*
 * Loads the gmina of the path and the viewer's roles in it. An anonymous GET
 * is sent to the login page, an anonymous POST gets 403, an account without a
 * role in this gmina gets 403, an unknown gmina 404. Returns false with
 * r->status or the redirect set.
 */
bool	 office_enter(struct request *, struct app *, struct office *);
/* Does what office_enter does without the "Cache-Control: no-store" header. */
bool	 office_enter_cached(struct request *, struct app *, struct office *);

/*
 * Finds the report of the path's number and checks that the viewer is its
 * staff (report_visible). Returns 1 with *ref set, 0 with r->status 404, -1
 * with 503.
 */
int	 office_report_find(struct request *, struct app *, const struct office *,
	    struct report_ref *);

/* Writes the UTC DATETIME of 00:00 Warsaw time on a day counted from 1970-01-01. */
void	 office_day_start(long day, char out[20]);
/* Writes a UTC DATETIME as Warsaw local time "2026-01-15 10:30" (NULL gives ""). */
void	 office_local_time(const char *utc, char out[17]);
/* Appends a UTC DATETIME as its Warsaw date, "15 stycznia 2026". */
void	 office_local_date(struct buf *, enum lang, const char *utc);

/* Sets P.Office.{Terc,Gmina,Wide} and the viewer's role flags for the templates. */
void	 office_set_common(struct _hdf *, const struct office *);

/* The filters of a work list, read from the query string. */
struct office_filter {
	bool		 triage;	/* the triage list: needs_triage or awaiting moderation */
	const char	*status;	/* a status code, "open", or NULL */
	unsigned long long category, unit, assignee;	/* 0: any */
	bool		 unassigned, overdue;
	long		 from_day, to_day;	/* Warsaw days; -1: open */
	const char	*text;		/* part of the number or description, or NULL */
	int		 sort;		/* enum office_sort */
	const char	*after;		/* the keyset cursor of the next page, or NULL */
};

enum office_sort { SORT_NEWEST, SORT_OLDEST, SORT_DEADLINE, SORT_UPDATED, SORT_COUNT };

/* Reads the list's query fields into f. Returns false (400) for an invalid value. */
bool	 office_filter_read(struct request *, const struct office *,
	    struct office_filter *);

/* Columns of office_list_query's rows. */
enum office_col {
	COL_ID, COL_NUMBER, COL_STATUS, COL_CATEGORY_PL, COL_CATEGORY_EN, COL_UNIT,
	COL_ASSIGNEE, COL_CREATED, COL_DEADLINE, COL_OVERDUE, COL_TRIAGE, COL_HIDDEN,
	COL_PUBLIC, COL_ADDRESS, COL_DESCRIPTION, COL_UPDATED, COL_NOTES,
	COL_LAT, COL_LON
};

/*
 * Runs the list query of f for the viewer: at most limit rows after f->after
 * in f->sort order, with the internal notes column only when with_notes.
 * Returns 0 or -1.
 */
int	 office_list_query(struct app *, struct request *, const struct office *,
	    const struct office_filter *, unsigned limit, bool with_notes,
	    struct db_result *);
/* Counts the rows of f (all pages) and the overdue ones among them. 0 or -1. */
int	 office_list_count(struct app *, struct request *, const struct office *,
	    const struct office_filter *, long long *total, long long *overdue);
/* Whether s is a well-formed keyset cursor of the sort order. */
bool	 office_filter_cursor_ok(const char *s, int sort);
/* Writes the keyset cursor that continues after row i of a list result. */
void	 office_list_cursor(const struct db_result *, size_t i, int sort, char out[48]);

/* Routes (office_list.c, office_export.c, office_report.c, office_action.c). */
extern const struct field_spec office_path[];
extern const struct field_spec office_report_path[];
extern const struct field_spec office_photo_path[];
extern const struct field_spec office_list_query_fields[];
extern const struct field_spec office_report_query[];
extern const struct field_spec office_form_move[];
extern const struct field_spec office_form_note[];
extern const struct field_spec office_form_update[];
extern const struct field_spec office_form_reject[];
extern const struct field_spec office_form_edit[];
extern const struct field_spec office_form_merge[];
extern const struct field_spec office_form_assign[];
extern const struct field_spec office_form_transfer[];
extern const struct field_spec office_form_version[];

void	 office_list(struct request *, struct app *);
/* GET /urzad/TERC/: the start page of the office, which is the work list. */
void	 office_home(struct request *, struct app *);
void	 office_triage(struct request *, struct app *);
void	 office_export(struct request *, struct app *);
void	 office_report(struct request *, struct app *);
extern const struct field_spec office_photo_query[];
void	 office_photo(struct request *, struct app *);
void	 office_confirm_post(struct request *, struct app *);
void	 office_reject_post(struct request *, struct app *);
void	 office_move_post(struct request *, struct app *);
void	 office_edit_post(struct request *, struct app *);
void	 office_merge_post(struct request *, struct app *);
void	 office_assign_post(struct request *, struct app *);
void	 office_transfer_post(struct request *, struct app *);
void	 office_note_post(struct request *, struct app *);
void	 office_update_post(struct request *, struct app *);
void	 office_hide_post(struct request *, struct app *);
void	 office_unhide_post(struct request *, struct app *);
void	 office_photo_hide_post(struct request *, struct app *);
void	 office_photo_unhide_post(struct request *, struct app *);

/*
 * Renders the report page of ref for the viewer. error (a key under
 * Page.Office.Error, or NULL) is shown above the forms, and the form fields of
 * the request are shown again so that nothing typed is lost.
 */
/*
 * Sets P.Fields.N.{Label,Value} from a report's extra fields (attributes JSON),
 * labelled and ordered as the category defines them. Returns 0 or -1.
 */
int	 office_set_fields(struct _hdf *, struct app *, enum lang,
	    unsigned long long tenant_id, unsigned long long category_id,
	    const char *attributes);

void	 office_report_render(struct request *, struct app *, const struct office *,
	    const struct report_ref *, const char *error);

#endif
