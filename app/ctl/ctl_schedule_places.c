/* ctl_schedule_places.c: matches the localities and streets of a schedule to the gmina's rows, adding missing ones. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctl_schedule.h"
#include "text.h"

static const char sql_locality_by_simc[] =
    "SELECT id, name FROM locality WHERE tenant_id = ? AND simc = ?";
static const char sql_locality_by_name[] =
    "SELECT id, name, simc IS NULL OR simc = parent_simc FROM locality"
    " WHERE tenant_id = ? AND name_folded = ?";
static const char sql_street_by_ulic[] =
    "SELECT id, display_name FROM street"
    " WHERE tenant_id = ? AND locality_id = ? AND ulic = ?";
static const char sql_streets_of_locality[] =
    "SELECT id, display_name, name_1, name_2 FROM street"
    " WHERE tenant_id = ? AND locality_id = ?";
static const char sql_add_locality[] =
    "INSERT INTO locality (tenant_id, simc, name, name_folded) VALUES (?, ?, ?, ?)";
static const char sql_add_street[] =
    "INSERT INTO street (tenant_id, locality_id, ulic, cecha, name_1, display_name,"
    " name_folded) VALUES (?, ?, ?, ?, ?, ?, ?)";

/* The street kinds of the ULIC register (CECHA), as they start a written street name. */
static const char *const street_kinds[] = {
	"ul.", "al.", "pl.", "os.", "bulw.", "wyb.", "skwer", "rondo", "park",
	"rynek", "szosa", "droga", "ogród", "wyspa",
};

static void
replace_string(char **s, const char *value)
{
	free(*s);
	if ((*s = strdup(value)) == NULL)
		abort();
}

/*
 * Picks the locality among rows with the same folded name: the only one, or
 * else the only independent one (not a part of another locality). Returns the
 * row, -1 when there is none and -2 when the name is ambiguous.
 */
static long
pick_locality(const struct db_result *r)
{
	long	 found = -1;
	size_t	 i, independent = 0;

	if (r->rows == 1)
		return 0;
	for (i = 0; i < r->rows; i++)
		if (db_cell_int(r, i, 2) == 1) {
			found = (long)i;
			independent++;
		}
	if (r->rows == 0)
		return -1;
	return independent == 1 ? found : -2;
}

static int
resolve_locality(struct schedule_import *im, struct import_locality *loc)
{
	struct db_result	 r;
	long			 row;

	if (loc->simc != NULL) {
		if (db_query(im->ctl->db, sql_locality_by_simc,
		    DB_ARGS(DB_I(im->tenant_id), DB_S(loc->simc)), &r) == -1)
			return -1;
		row = r.rows == 1 ? 0 : -1;
	} else {
		if (db_query(im->ctl->db, sql_locality_by_name,
		    DB_ARGS(DB_I(im->tenant_id), DB_S(loc->name_folded)), &r) == -1)
			return -1;
		row = pick_locality(&r);
	}
	if (row == -2)
		import_error(im, im->areas_path, loc->line, "Import.AmbiguousLocality",
		    loc->name);
	else if (row >= 0) {
		loc->id = (unsigned long long)db_cell_int(&r, (size_t)row, 0);
		replace_string(&loc->name, db_cell(&r, (size_t)row, 1));
	}
	db_result_free(&r);
	return 0;
}

/*
 * How well a stored street matches a written name: 3 for its display name
 * ("ul. Gabriela Narutowicza"), 2 without the street kind ("Gabriela
 * Narutowicza"), 1 for NAZWA_1 alone ("Narutowicza"), 0 for no match.
 */
static int
street_match(const struct db_result *r, size_t row, const char *folded)
{
	struct buf	 joined, b;
	int		 level = 0;

	buf_init(&joined);
	buf_init(&b);
	buf_printf(&joined, "%s %s", db_cell(r, row, 3), db_cell(r, row, 2));
	text_fold(&b, db_cell(r, row, 1));
	if (strcmp(buf_cstr(&b), folded) == 0)
		level = 3;
	buf_reset(&b);
	text_fold(&b, buf_cstr(&joined));
	if (level == 0 && strcmp(buf_cstr(&b), folded) == 0)
		level = 2;
	buf_reset(&b);
	text_fold(&b, db_cell(r, row, 2));
	if (level == 0 && strcmp(buf_cstr(&b), folded) == 0)
		level = 1;
	buf_free(&b);
	buf_free(&joined);
	return level;
}

/* Picks the best matching street of the locality; -2 when two match equally well. */
static long
pick_street(const struct db_result *r, const char *folded)
{
	long	 found = -1;
	int	 best = 0, level, ties = 0;
	size_t	 i;

	for (i = 0; i < r->rows; i++) {
		if ((level = street_match(r, i, folded)) == 0 || level < best)
			continue;
		ties = level == best ? ties + 1 : 1;
		best = level;
		found = (long)i;
	}
	return ties > 1 ? -2 : found;
}

static int
resolve_street(struct schedule_import *im, struct import_street *st)
{
	const struct import_locality	*loc = &im->localities[st->locality];
	struct db_result		 r;
	long				 row;

	if (loc->id == 0)
		return 0;
	if (st->ulic != NULL) {
		if (db_query(im->ctl->db, sql_street_by_ulic, DB_ARGS(
		    DB_I(im->tenant_id), DB_I(loc->id), DB_S(st->ulic)), &r) == -1)
			return -1;
		row = r.rows == 1 ? 0 : -1;
	} else {
		if (db_query(im->ctl->db, sql_streets_of_locality, DB_ARGS(
		    DB_I(im->tenant_id), DB_I(loc->id)), &r) == -1)
			return -1;
		row = pick_street(&r, st->name_folded);
	}
	if (row == -2)
		import_error(im, im->areas_path, st->line, "Import.AmbiguousStreet",
		    st->display);
	else if (row >= 0) {
		st->id = (unsigned long long)db_cell_int(&r, (size_t)row, 0);
		replace_string(&st->display, db_cell(&r, (size_t)row, 1));
	}
	db_result_free(&r);
	return 0;
}

int
import_resolve_places(struct schedule_import *im)
{
	size_t	 i;

	for (i = 0; i < im->locality_count; i++)
		if (resolve_locality(im, &im->localities[i]) == -1)
			return -1;
	for (i = 0; i < im->street_count; i++)
		if (resolve_street(im, &im->streets[i]) == -1)
			return -1;
	return 0;
}

void
import_split_street(const char *display, const char **kind, const char **name)
{
	size_t	 i, n;

	*kind = "";
	*name = display;
	for (i = 0; i < sizeof(street_kinds) / sizeof(street_kinds[0]); i++) {
		n = strlen(street_kinds[i]);
		if (strncasecmp(display, street_kinds[i], n) == 0 &&
		    display[n] == ' ' && display[n + 1] != '\0') {
			*kind = street_kinds[i];
			*name = display + n + 1;
			while (**name == ' ')
				(*name)++;
			return;
		}
	}
}

/* Returns the id of a street added earlier in this import under the same name, or 0. */
static unsigned long long
added_street(const struct schedule_import *im, size_t upto,
    const struct import_street *st)
{
	size_t	 i;

	for (i = 0; i < upto; i++)
		if (im->streets[i].id != 0 && im->streets[i].ulic == NULL &&
		    st->ulic == NULL &&
		    im->localities[im->streets[i].locality].id ==
		    im->localities[st->locality].id &&
		    strcmp(im->streets[i].name_folded, st->name_folded) == 0)
			return im->streets[i].id;
	return 0;
}

static int
add_street(struct schedule_import *im, size_t index)
{
	struct import_street	*st = &im->streets[index];
	const char		*kind, *name;

	if ((st->id = added_street(im, index, st)) != 0)
		return 0;
	import_split_street(st->display, &kind, &name);
	if (db_exec(im->ctl->db, sql_add_street, DB_ARGS(DB_I(im->tenant_id),
	    DB_I(im->localities[st->locality].id), DB_S(st->ulic), DB_S(kind),
	    DB_S(name), DB_S(st->display), DB_S(st->name_folded)),
	    NULL, &st->id) == -1)
		return -1;
	im->new_streets++;
	return 0;
}

int
import_store_places(struct schedule_import *im)
{
	struct import_locality	*loc;
	size_t			 i;

	for (i = 0; i < im->locality_count; i++) {
		loc = &im->localities[i];
		if (loc->id != 0)
			continue;
		if (db_exec(im->ctl->db, sql_add_locality, DB_ARGS(
		    DB_I(im->tenant_id), DB_S(loc->simc), DB_S(loc->name),
		    DB_S(loc->name_folded)), NULL, &loc->id) == -1)
			return -1;
		im->new_localities++;
	}
	for (i = 0; i < im->street_count; i++)
		if (im->streets[i].id == 0 && add_street(im, i) == -1)
			return -1;
	return 0;
}
