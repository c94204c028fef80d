/* ctl_schedule.h: the in-memory form of one schedule import, shared by the ctl_schedule*.c files. */
#ifndef RATUSZ_CTL_SCHEDULE_H
#define RATUSZ_CTL_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "ctl.h"
#include "fraction.h"
#include "house_number.h"

#define IMPORT_MAX_ERRORS	50	/* errors printed before the rest are only counted */
#define IMPORT_MAX_ICS		64	/* --ics options */

/* Column limits of sql/001_foundation.sql, in characters. */
#define AREA_NAME_MAX		100	/* area.name */
#define LOCALITY_NAME_MAX	100	/* locality.name */
#define STREET_NAME_MAX		100	/* street.name_1: the name without its kind */
#define STREET_DISPLAY_MAX	220	/* street.display_name */
#define NUMBERS_MAX		255	/* area_rule.numbers, address_point.numbers */
#define LABEL_MAX		400	/* address_point.label and label_en */
#define SOURCE_MAX		500	/* schedule_period.source */

/* A bit per entry of fractions[] (fraction.h). */
typedef unsigned int fraction_mask;

enum building { BUILDING_ANY, BUILDING_SINGLE, BUILDING_MULTI };

struct import_alias {
	char		*name_folded;
	const char	*code;		/* points into fractions[] */
};

struct import_area {
	char		*name;
	char		*name_folded;
	int		 line;		/* first line of AREAS that names it */
	fraction_mask	 fractions;	/* fractions with at least one pickup */
	size_t		 pickups;
	bool		 has_ics;
	unsigned long long id;		/* set when stored */
};

struct import_locality {
	int		 line;		/* first line of AREAS that names it */
	char		*name;		/* as written, or as stored when found */
	char		*name_folded;
	char		*simc;		/* NULL when unknown */
	unsigned long long id;		/* 0 until found in or added to the database */
};

struct import_street {
	int		 line;		/* first line of AREAS that names it */
	size_t		 locality;	/* index into localities */
	char		*display;	/* "ul. Polna": as written, or as stored when found */
	char		*name_folded;
	char		*ulic;		/* NULL when unknown */
	unsigned long long id;
};

#define NO_STREET	((size_t)-1)

/* One row of AREAS: the area covers these addresses, optionally for some fractions only. */
struct import_rule {
	int		 line;
	size_t		 area;
	size_t		 locality;
	size_t		 street;	/* NO_STREET for the whole locality */
	struct house_set numbers;	/* empty: every number */
	char		*numbers_text;	/* canonical form of numbers */
	enum building	 building;
	fraction_mask	 fractions;	/* 0: every fraction of the area */
	char		*fractions_text;	/* codes joined by ',' for area_rule.fractions */
};

struct import_pickup {
	size_t		 order;		/* position in reading order, for messages */
	const char	*file;		/* PICKUPS or the ICS file it came from */
	int		 line;
	size_t		 area;
	size_t		 fraction;	/* index into fractions[] */
	long		 day;		/* days since 1970-01-01 */
};

/*
 * An address point: one distinct rule scope. The rule index names the rule
 * that created it, whose locality, street, numbers and building it shares.
 */
struct import_point {
	size_t		 rule;
	char		*label;		/* Polish: "Łubowo (pozostałe adresy)" */
	char		*label_en;	/* English: "Łubowo (other addresses)" */
	char		*label_folded;	/* folded, without the suffix: "lubowo" */
	bool		 others;	/* whole locality that also has street points */
	unsigned long long id;
	bool		 existed;
};

struct import_ics {
	const char	*area;
	const char	*path;
};

/* An active period of the gmina that the import overlaps and replaces. */
struct import_replaced {
	unsigned long long id;
	long		 from, to;	/* days */
};

/* Options of import-schedule and everything read from its files. */
struct schedule_import {
	struct ctl		*ctl;
	const char		*terc;
	unsigned long long	 tenant_id;
	const char		*areas_path, *pickups_path, *source;
	struct import_ics	 ics[IMPORT_MAX_ICS];
	size_t			 ics_count;
	long			 from, to;	/* days; -1 when not given */
	bool			 dry_run;
	bool			 replace;	/* --replace: replace overlapping periods anyway */

	struct import_alias	*aliases;
	size_t			 alias_count;
	struct import_area	*areas;
	size_t			 area_count;
	struct import_locality	*localities;
	size_t			 locality_count;
	struct import_street	*streets;
	size_t			 street_count;
	struct import_rule	*rules;
	size_t			 rule_count;
	struct import_pickup	*pickups;
	size_t			 pickup_count;
	struct import_point	*points;
	size_t			 point_count;

	bool			 areas_incomplete;	/* AREAS could not be read to its end */
	size_t			 skipped_events;	/* ICS entries that are not collections */
	size_t			 cancelled_events;	/* ICS entries with STATUS:CANCELLED */
	size_t			 error_count;
	struct import_replaced	*replaced;
	size_t			 replaced_count;
	size_t			 new_localities, new_streets;
	size_t			 new_points, kept_points;
	unsigned long long	 period_id;
};

/*
 * Reports a problem in file (NULL when it concerns no file) at line. Only the
 * first IMPORT_MAX_ERRORS problems are printed.
 */
void	 import_error(struct schedule_import *, const char *file, int line,
		const char *key, const char *value);
/* Prints a warning about file at line; it does not stop the import. */
void	 import_warning(struct schedule_import *, const char *file, int line,
		const char *key, const char *value);
/* Grows an array by one zeroed element and returns it. */
void	*import_grow(void *array, size_t *count, size_t size);

/* ctl_schedule_files.c: reads the AREAS and PICKUPS files into the import. */
int	 import_read_areas(struct schedule_import *);
int	 import_read_pickups(struct schedule_import *);
/*
 * Finds the fractions an entry names through the gmina's aliases, then
 * fraction_match_entry: "Papier i szkło" names two.
 */
void	 import_fractions(const struct schedule_import *, const char *name,
		struct fraction_entry *);
/* Parses YYYY-MM-DD or DD.MM.YYYY into days since 1970-01-01. Returns -1 when invalid. */
long	 import_parse_date(const char *text);
/* Returns the index of an area that AREAS defines, or -1. */
int	 import_known_area(const struct schedule_import *, const char *name);
/* Adds one collection of a fraction (index into fractions[]) in an area on a day. */
void	 import_add_pickup(struct schedule_import *, const char *file, int line,
		size_t area, size_t fraction, long day);
/* Reports a second pickup of one fraction in one area on one day among pickups[from..]. */
void	 import_check_duplicates(struct schedule_import *, size_t from);

/* ctl_schedule_ics.c: reads one --ics calendar into the pickups of its area. */
int	 import_read_ics(struct schedule_import *, const struct import_ics *);

/* ctl_schedule_places.c: finds the localities and streets the rules name. */
/* Splits "ul. Polna" into the street kind "ul." and the name "Polna"; kind "" when none. */
void	 import_split_street(const char *display, const char **kind, const char **name);
int	 import_load_aliases(struct schedule_import *);
int	 import_resolve_places(struct schedule_import *);
int	 import_store_places(struct schedule_import *);

/* ctl_schedule_points.c: address points and the areas that serve them. */
enum label_suffix { SUFFIX_NONE, SUFFIX_SINGLE, SUFFIX_MULTI, SUFFIX_OTHERS };
/* Appends "Łubowo, ul. Polna 18, 20": the locality, the street and the numbers. */
void	 import_label_base(struct buf *, const char *locality, const char *street,
		const char *numbers);
/* Appends a label: the base with the suffix of Ctl.Label in the language files. */
void	 import_label(struct buf *, enum lang, const char *base, enum label_suffix);
/* Returns the suffix of a point: its building type, else "other addresses" when others. */
enum label_suffix import_label_suffix(enum building, bool others);
void	 import_plan_points(struct schedule_import *);
int	 import_store_points(struct schedule_import *);

/* ctl_schedule_periods.c: the active periods the import replaces. */
/*
 * Finds the gmina's active periods that overlap from..to. A period is
 * replaced when the import has all its areas (by name) and its whole span, or
 * with --replace. Any other overlapping period is reported as an error.
 */
int	 import_check_periods(struct schedule_import *);
/* Marks the periods found by import_check_periods as replaced by the new one. */
int	 import_replace_periods(struct schedule_import *);
/* Formats days as YYYY-MM-DD into out, which has DAY_TEXT_SIZE bytes. */
#define DAY_TEXT_SIZE	16
const char *import_format_day(long days, char out[DAY_TEXT_SIZE]);

/* ctl_schedule_store.c: the period, its areas, rules and pickups. */
int	 import_store_period(struct schedule_import *);

#endif
