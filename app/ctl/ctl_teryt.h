/* ctl_teryt.h: the state of one TERYT register import, shared by ctl_teryt.c and ctl_teryt_places.c. */
#ifndef RATUSZ_CTL_TERYT_H
#define RATUSZ_CTL_TERYT_H

#include <stdbool.h>
#include <stddef.h>

#include "ctl.h"
#include "ctl_batch.h"
#include "teryt.h"

/* A TERC or SIMC code (7 digits) and the id of its row. */
struct code_id {
	char			 code[8];
	unsigned long long	 id;
};

/* A locality or street added by a schedule import before the register named it. */
struct teryt_orphan {
	unsigned long long	 id, tenant_id, locality_id;
	char			*name_folded;
	size_t			 matches;	/* register rows with the same name */
};

/* The values of a held-back register row, in this order. */
enum deferred_field {
	DEFERRED_CODE,		/* SIMC or SYM_UL */
	DEFERRED_PARENT,	/* SYMPOD; "" for a street */
	DEFERRED_KIND,		/* RM or CECHA */
	DEFERRED_NAME_1,	/* NAZWA_1; "" for a locality */
	DEFERRED_NAME_2,	/* NAZWA_2; "" for a locality */
	DEFERRED_DISPLAY,	/* the locality's NAZWA or the street's display name */
	DEFERRED_FOLDED,
	DEFERRED_FIELDS
};

/* A register row held back because it may be the registered form of an orphan. */
struct teryt_deferred {
	size_t			 orphan;
	unsigned long long	 tenant_id, locality_id;	/* locality 0: a SIMC row */
	char			*field[DEFERRED_FIELDS];
};

struct teryt_import {
	struct ctl		*ctl;
	const char		*path;
	char			 only[8];	/* --gmina TERC, or "" for every gmina */
	struct code_id	*tenants;	/* sorted by terc */
	size_t			 tenant_count;
	struct batch		 regions, gminy, localities, streets;
	unsigned		 kinds_seen;	/* bits 1 << enum teryt_kind */

	/* SIMC codes of the localities of one gmina, for ULIC rows */
	unsigned long long	 cached_tenant;
	struct code_id	*simc_ids;
	size_t			 simc_count;

	bool			 orphans_loaded;
	struct teryt_orphan	*orphans;
	size_t			 orphan_count;
	struct teryt_deferred	*deferred;
	size_t			 deferred_count;

	size_t			 voivodeships, powiats, gmina_count;
	size_t			 locality_count, street_count, adopted;
	size_t			 other_gmina, unknown_gmina, unknown_locality;
	size_t			 bad_rows;	/* TERC rows that failed their checks */
};

/* The gmina a SIMC or ULIC row belongs to: parts of urban-rural gminy and city districts map to the whole. */
int	 teryt_owner_terc(const struct teryt_row *, char out[8]);
unsigned long long teryt_tenant(const struct teryt_import *, const char *terc);

void	 teryt_init_places(struct teryt_import *);
int	 teryt_load_orphans(struct teryt_import *, enum teryt_kind);
int	 teryt_simc_row(struct teryt_import *, const struct teryt_row *,
		unsigned long long tenant_id);
int	 teryt_ulic_row(struct teryt_import *, const struct teryt_row *,
		unsigned long long tenant_id);
/* Sends the rows still collected and settles the held-back rows. */
int	 teryt_finish_places(struct teryt_import *);
void	 teryt_free_places(struct teryt_import *);

#endif
