/* ctl_teryt_places.c: SIMC rows as localities and ULIC rows as streets, including ones a schedule added first. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_teryt.h"
#include "text.h"

#define TIMES2(x)	x ", " x
#define TIMES4(x)	x ", " x ", " x ", " x
#define TIMES5(x)	x ", " x ", " x ", " x ", " x

#define LOCALITY_INSERT	"INSERT INTO locality (tenant_id, simc, parent_simc, kind, name," \
			" name_folded) VALUES "
#define LOCALITY_ROW	"(?, ?, ?, ?, ?, ?)"
#define LOCALITY_UPDATE	" ON DUPLICATE KEY UPDATE parent_simc = VALUES(parent_simc)," \
			" kind = VALUES(kind), name = VALUES(name)," \
			" name_folded = VALUES(name_folded)"
#define STREET_INSERT	"INSERT INTO street (tenant_id, locality_id, ulic, cecha, name_1," \
			" name_2, display_name, name_folded) VALUES "
#define STREET_ROW	"(?, ?, ?, ?, ?, ?, ?, ?)"
#define STREET_UPDATE	" ON DUPLICATE KEY UPDATE cecha = VALUES(cecha)," \
			" name_1 = VALUES(name_1), name_2 = VALUES(name_2)," \
			" display_name = VALUES(display_name), name_folded = VALUES(name_folded)"

static const char sql_localities[] =
    LOCALITY_INSERT TIMES5(TIMES2(LOCALITY_ROW)) LOCALITY_UPDATE;
static const char sql_locality[] = LOCALITY_INSERT LOCALITY_ROW LOCALITY_UPDATE;
static const char sql_streets[] =
    STREET_INSERT TIMES4(TIMES2(STREET_ROW)) STREET_UPDATE;
static const char sql_street[] = STREET_INSERT STREET_ROW STREET_UPDATE;

static const char sql_orphan_localities[] =
    "SELECT id, tenant_id, 0, name_folded FROM locality WHERE simc IS NULL";
static const char sql_orphan_streets[] =
    "SELECT id, tenant_id, locality_id, name_folded FROM street WHERE ulic IS NULL";
static const char sql_simc_ids[] =
    "SELECT simc, id FROM locality WHERE tenant_id = ? AND simc IS NOT NULL";
static const char sql_adopt_locality[] =
    "UPDATE locality SET simc = ?, parent_simc = ?, kind = ?, name = ?, name_folded = ?"
    " WHERE id = ?";
static const char sql_adopt_street[] =
    "UPDATE street SET ulic = ?, cecha = ?, name_1 = ?, name_2 = ?, display_name = ?,"
    " name_folded = ? WHERE id = ?";

void
teryt_init_places(struct teryt_import *t)
{
	batch_init(&t->localities, sql_localities, sql_locality, 6, 10);
	batch_init(&t->streets, sql_streets, sql_street, 8, 8);
}

static char *
copy_string(const char *s)
{
	char	*copy;

	if ((copy = strdup(s)) == NULL)
		abort();
	return copy;
}

int
teryt_load_orphans(struct teryt_import *t, enum teryt_kind kind)
{
	struct teryt_orphan	*o;
	struct db_result	 r;
	size_t			 i;

	t->orphans_loaded = true;
	if (db_query(t->ctl->db, kind == TERYT_SIMC ? sql_orphan_localities :
	    sql_orphan_streets, DB_NO_ARGS, &r) == -1)
		return -1;
	for (i = 0; i < r.rows; i++) {
		t->orphans = realloc(t->orphans, (t->orphan_count + 1) *
		    sizeof(*t->orphans));
		if (t->orphans == NULL)
			abort();
		o = &t->orphans[t->orphan_count++];
		o->id = (unsigned long long)db_cell_int(&r, i, 0);
		o->tenant_id = (unsigned long long)db_cell_int(&r, i, 1);
		o->locality_id = (unsigned long long)db_cell_int(&r, i, 2);
		o->name_folded = copy_string(db_cell(&r, i, 3));
		o->matches = 0;
	}
	db_result_free(&r);
	return 0;
}

/* Returns the orphan of the gmina (and locality, for streets) named by any of the folded names, or -1. */
static long
find_orphan(const struct teryt_import *t, unsigned long long tenant,
    unsigned long long locality, const char *const *names, size_t count)
{
	const struct teryt_orphan	*o;
	size_t				 i, j;

	for (i = 0; i < t->orphan_count; i++) {
		o = &t->orphans[i];
		if (o->tenant_id != tenant || o->locality_id != locality)
			continue;
		for (j = 0; j < count; j++)
			if (strcmp(o->name_folded, names[j]) == 0)
				return (long)i;
	}
	return -1;
}

static void
defer_row(struct teryt_import *t, long orphan, unsigned long long tenant_id,
    unsigned long long locality_id, const char *const field[DEFERRED_FIELDS])
{
	struct teryt_deferred	*d;
	size_t			 i;

	t->deferred = realloc(t->deferred, (t->deferred_count + 1) *
	    sizeof(*t->deferred));
	if (t->deferred == NULL)
		abort();
	d = &t->deferred[t->deferred_count++];
	d->orphan = (size_t)orphan;
	d->tenant_id = tenant_id;
	d->locality_id = locality_id;
	for (i = 0; i < DEFERRED_FIELDS; i++)
		d->field[i] = copy_string(field[i]);
	t->orphans[orphan].matches++;
}

int
teryt_simc_row(struct teryt_import *t, const struct teryt_row *row,
    unsigned long long tenant_id)
{
	struct buf		 folded;
	const char		*name;
	long			 orphan;
	int			 rc = 0;

	buf_init(&folded);
	text_fold(&folded, row->nazwa);
	name = buf_cstr(&folded);
	if ((orphan = find_orphan(t, tenant_id, 0, &name, 1)) != -1)
		defer_row(t, orphan, tenant_id, 0, (const char *const[]){ row->sym,
		    row->sympod, row->rm, "", "", row->nazwa, name });
	else {
		t->locality_count++;
		rc = batch_add(t->ctl->db, &t->localities, (const struct db_param[]){
		    DB_I(tenant_id), DB_S(row->sym), DB_S(row->sympod),
		    DB_S(row->rm), DB_S(row->nazwa), DB_S(name) });
	}
	buf_free(&folded);
	return rc;
}

static int
compare_simc(const void *a, const void *b)
{
	return strcmp(((const struct code_id *)a)->code,
	    ((const struct code_id *)b)->code);
}

/* Returns the id of the gmina's locality with this SIMC code, or 0; caches one gmina at a time. */
static unsigned long long
locality_id(struct teryt_import *t, unsigned long long tenant_id, const char *simc,
    int *failed)
{
	struct code_id	 key, *found;
	struct db_result	 r;
	size_t			 i;

	if (t->cached_tenant != tenant_id) {
		if (db_query(t->ctl->db, sql_simc_ids, DB_ARGS(DB_I(tenant_id)), &r) == -1) {
			*failed = 1;
			return 0;
		}
		free(t->simc_ids);
		if ((t->simc_ids = calloc(r.rows + 1, sizeof(*t->simc_ids))) == NULL)
			abort();
		for (i = 0; i < r.rows; i++) {
			snprintf(t->simc_ids[i].code, sizeof(t->simc_ids[i].code), "%s",
			    db_cell(&r, i, 0));
			t->simc_ids[i].id = (unsigned long long)db_cell_int(&r, i, 1);
		}
		t->simc_count = r.rows;
		t->cached_tenant = tenant_id;
		db_result_free(&r);
		qsort(t->simc_ids, t->simc_count, sizeof(*t->simc_ids), compare_simc);
	}
	snprintf(key.code, sizeof(key.code), "%s", simc);
	found = bsearch(&key, t->simc_ids, t->simc_count, sizeof(*t->simc_ids),
	    compare_simc);
	return found != NULL ? found->id : 0;
}

/* Appends the words that are not empty, separated by one space: CECHA NAZWA_2 NAZWA_1. */
static void
join_words(struct buf *out, const char *const *words, size_t count)
{
	size_t	 i;

	buf_append(out, "", 0);
	for (i = 0; i < count; i++)
		if (words[i][0] != '\0')
			buf_printf(out, "%s%s", out->len > 0 ? " " : "", words[i]);
}

int
teryt_ulic_row(struct teryt_import *t, const struct teryt_row *row,
    unsigned long long tenant_id)
{
	const char *const	 words[] = { row->cecha, row->nazwa_2, row->nazwa_1 };
	struct buf		 display, folded[3];
	const char		*names[3];
	unsigned long long	 locality;
	long			 orphan;
	int			 failed = 0, rc = 0, i;

	if ((locality = locality_id(t, tenant_id, row->sym, &failed)) == 0) {
		t->unknown_locality += !failed;
		return failed ? -1 : 0;
	}
	buf_init(&display);
	join_words(&display, words, 3);
	for (i = 0; i < 3; i++)
		buf_init(&folded[i]);
	text_fold(&folded[0], buf_cstr(&display));
	text_fold(&folded[1], row->nazwa_2);
	buf_printf(&folded[1], " %s", row->nazwa_1);
	text_fold(&folded[2], row->nazwa_1);
	for (i = 0; i < 3; i++)
		names[i] = buf_cstr(&folded[i]);
	if ((orphan = find_orphan(t, tenant_id, locality, names, 3)) != -1)
		defer_row(t, orphan, tenant_id, locality, (const char *const[]){
		    row->sym_ul, "", row->cecha, row->nazwa_1, row->nazwa_2,
		    buf_cstr(&display), names[0] });
	else {
		t->street_count++;
		rc = batch_add(t->ctl->db, &t->streets, (const struct db_param[]){
		    DB_I(tenant_id), DB_I(locality), DB_S(row->sym_ul),
		    DB_S(row->cecha), DB_S(row->nazwa_1), DB_S(row->nazwa_2),
		    DB_S(buf_cstr(&display)), DB_S(names[0]) });
	}
	buf_free(&display);
	for (i = 0; i < 3; i++)
		buf_free(&folded[i]);
	return rc;
}

/* Inserts a held-back row as an ordinary register row. */
static int
insert_deferred(struct teryt_import *t, const struct teryt_deferred *d)
{
	char *const	*f = d->field;

	if (d->locality_id == 0) {
		t->locality_count++;
		return db_exec(t->ctl->db, sql_locality, DB_ARGS(DB_I(d->tenant_id),
		    DB_S(f[DEFERRED_CODE]), DB_S(f[DEFERRED_PARENT]),
		    DB_S(f[DEFERRED_KIND]), DB_S(f[DEFERRED_DISPLAY]),
		    DB_S(f[DEFERRED_FOLDED])), NULL, NULL);
	}
	t->street_count++;
	return db_exec(t->ctl->db, sql_street, DB_ARGS(DB_I(d->tenant_id),
	    DB_I(d->locality_id), DB_S(f[DEFERRED_CODE]), DB_S(f[DEFERRED_KIND]),
	    DB_S(f[DEFERRED_NAME_1]), DB_S(f[DEFERRED_NAME_2]),
	    DB_S(f[DEFERRED_DISPLAY]), DB_S(f[DEFERRED_FOLDED])), NULL, NULL);
}

/*
 * Gives the orphan the register's code and names, so its address points
 * and rules stay as they are. A duplicate key (1062) means the register row
 * is in the database already; the orphan then stays as it is.
 */
static int
adopt_deferred(struct teryt_import *t, const struct teryt_deferred *d)
{
	unsigned long long	 id = t->orphans[d->orphan].id;
	char *const		*f = d->field;
	int			 rc;

	if (d->locality_id == 0)
		rc = db_exec(t->ctl->db, sql_adopt_locality, DB_ARGS(
		    DB_S(f[DEFERRED_CODE]), DB_S(f[DEFERRED_PARENT]),
		    DB_S(f[DEFERRED_KIND]), DB_S(f[DEFERRED_DISPLAY]),
		    DB_S(f[DEFERRED_FOLDED]), DB_I(id)), NULL, NULL);
	else
		rc = db_exec(t->ctl->db, sql_adopt_street, DB_ARGS(
		    DB_S(f[DEFERRED_CODE]), DB_S(f[DEFERRED_KIND]),
		    DB_S(f[DEFERRED_NAME_1]), DB_S(f[DEFERRED_NAME_2]),
		    DB_S(f[DEFERRED_DISPLAY]), DB_S(f[DEFERRED_FOLDED]), DB_I(id)),
		    NULL, NULL);
	if (rc == -1 && db_errno(t->ctl->db) == 1062)
		return insert_deferred(t, d);
	if (rc == 0) {
		t->adopted++;
		if (d->locality_id == 0)
			t->locality_count++;
		else
			t->street_count++;
	}
	return rc;
}

int
teryt_finish_places(struct teryt_import *t)
{
	const struct teryt_deferred	*d;
	size_t				 i;

	if (batch_flush(t->ctl->db, &t->localities) == -1 ||
	    batch_flush(t->ctl->db, &t->streets) == -1)
		return -1;
	/*
	 * NOTE: an orphan whose name several register rows share stays unlinked,
	 * and those rows are added beside it, so a search lists the name twice.
	 */
	for (i = 0; i < t->deferred_count; i++) {
		d = &t->deferred[i];
		if ((t->orphans[d->orphan].matches == 1 ? adopt_deferred(t, d) :
		    insert_deferred(t, d)) == -1)
			return -1;
	}
	return 0;
}

void
teryt_free_places(struct teryt_import *t)
{
	size_t	 i, j;

	batch_free(&t->localities);
	batch_free(&t->streets);
	for (i = 0; i < t->orphan_count; i++)
		free(t->orphans[i].name_folded);
	for (i = 0; i < t->deferred_count; i++)
		for (j = 0; j < DEFERRED_FIELDS; j++)
			free(t->deferred[i].field[j]);
	free(t->orphans);
	free(t->deferred);
	free(t->simc_ids);
}
