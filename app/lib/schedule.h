/* schedule.h: read queries for gminy, address points and their pickups (pages, API, feeds). */
#ifndef RATUSZ_SCHEDULE_H
#define RATUSZ_SCHEDULE_H

#include <stddef.h>

#include "db.h"
#include "lang.h"

struct gmina {
	unsigned long long id;
	char		 terc[8];
	char		 name[128];
	char		 kind_name[64];
	char		 powiat[128];
	char		 voivodeship[128];
	unsigned	 data_version;
	int		 has_schedule;
};

struct point {
	unsigned long long id, tenant_id, locality_id;
	char		 terc[8];
	char		 gmina_name[128];
	char		 label[512];
	char		 label_en[512];	/* "" until an import fills it */
	char		 token[32];
	unsigned	 data_version;
};

struct pickup {
	long		 day;		/* days since 1970 */
	char		 code[33];
	char		 name[101];	/* the gmina's name in Polish, the standard one in English */
	char		 color[8];
};

struct pickup_list {
	struct pickup	*items;
	size_t		 count;
	long		 first_day, last_day;	/* span of the active schedule periods, 0 when none */
	long		 first_pickup, last_pickup;	/* the point's first and last pickup in them */
};

/* A row of a search or listing: gminy or address points. */
struct listing {
	struct db_result rows;
};

/* Each returns 1 when found, 0 when not, -1 on a database error. */
int	 schedule_gmina(struct db *, const char *terc, struct gmina *);
int	 schedule_point(struct db *, unsigned long long id, struct point *);
int	 schedule_point_by_token(struct db *, const char *token, struct point *);

/* Pickups of a point from day..to (inclusive), and the span of its active periods. */
int	 schedule_pickups(struct db *, const struct point *, long from, long to,
		enum lang, struct pickup_list *);
void	 pickup_list_free(struct pickup_list *);

/*
 * Gminy whose folded name has a word starting with the folded q; columns
 * terc, name, kind_name, powiat, voivodeship, has_schedule. At most limit rows.
 */
int	 schedule_search_gminy(struct db *, const char *q, size_t limit, struct db_result *);
/* Gminy with a schedule: terc, name, kind_name, powiat, voivodeship. */
int	 schedule_gminy_with_schedule(struct db *, struct db_result *);
/*
 * Address points of a gmina matching q (words in any order, without
 * diacritics; a house number keeps only the points that contain it or cover
 * the rest of the street); columns id, label, token, locality_id, numbers,
 * street_id, building, label_en. At most limit rows. When nothing matches, it returns
 * the whole-locality points of localities named in q and sets *approximate.
 */
int	 schedule_search_points(struct db *, unsigned long long tenant_id,
		const char *q, size_t limit, struct db_result *, int *approximate);
/* Localities with points: id, name, point count. */
int	 schedule_localities(struct db *, unsigned long long tenant_id, struct db_result *);
/* Points of one locality: id, label, token, label_en. */
int	 schedule_locality_points(struct db *, unsigned long long tenant_id,
		unsigned long long locality_id, struct db_result *);
/* Name of a locality of the gmina, into out; 1 found, 0 not, -1 error. */
int	 schedule_locality_name(struct db *, unsigned long long tenant_id,
		unsigned long long locality_id, char *out, size_t size);

/* Returns the label to show in lang: label_en in English when it is filled. */
const char *point_label(const char *label, const char *label_en, enum lang);

/*
 * True when the house number (e.g. "7", "27A") is within a point's numbers
 * ("", "1-25", "2-40 parzyste", "nieparzyste", "18, 20, 21").
 */
int	 numbers_contain(const char *numbers, const char *number);

#endif
