/* ctl_teryt.c: the import-terc and import-teryt commands, which load the GUS TERYT registers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "ctl_teryt.h"
#include "text.h"

#define TERC_MAX_FILE	(64u * 1024 * 1024)
#define TERC_MAX_ERRORS	50	/* bad rows printed before the rest are only counted */

#define TIMES2(x)	x ", " x
#define TIMES3(x)	x ", " x ", " x
#define TIMES4(x)	x ", " x ", " x ", " x
#define TIMES5(x)	x ", " x ", " x ", " x ", " x

#define REGION_INSERT	"INSERT INTO region (code, name, kind) VALUES "
#define REGION_UPDATE	" ON DUPLICATE KEY UPDATE name = VALUES(name), kind = VALUES(kind)"
#define REGION_ROW	"(?, ?, ?)"
#define GMINA_INSERT	"INSERT INTO tenant (terc, name, name_folded, kind, kind_name) VALUES "
#define GMINA_UPDATE	" ON DUPLICATE KEY UPDATE name = VALUES(name)," \
			" name_folded = VALUES(name_folded), kind = VALUES(kind)," \
			" kind_name = VALUES(kind_name)"
#define GMINA_ROW	"(?, ?, ?, ?, ?)"

static const char sql_regions[] =
    REGION_INSERT TIMES5(TIMES4(REGION_ROW)) REGION_UPDATE;
static const char sql_region[] = REGION_INSERT REGION_ROW REGION_UPDATE;
static const char sql_gminy[] =
    GMINA_INSERT TIMES4(TIMES3(GMINA_ROW)) GMINA_UPDATE;
static const char sql_gmina[] = GMINA_INSERT GMINA_ROW GMINA_UPDATE;
static const char sql_tenants[] = "SELECT terc, id FROM tenant";

static int
compare_codes(const void *a, const void *b)
{
	return strcmp(((const struct code_id *)a)->code,
	    ((const struct code_id *)b)->code);
}

/*
 * The gmina of a SIMC or ULIC row. Rows of the town (RODZ 4) and the rural
 * area (5) of an urban-rural gmina belong to that gmina (RODZ 3). Rows of a
 * Warsaw district (8) or a city's delegatura (9) belong to the city. Its own
 * row is GMI 01 with RODZ 1 (Warszawa 1465011, Kraków 1261011).
 */
int
teryt_owner_terc(const struct teryt_row *row, char out[8])
{
	if (teryt_terc_code(row, out) == -1)
		return -1;
	if (out[6] == '4' || out[6] == '5')
		out[6] = '3';
	else if (out[6] == '8' || out[6] == '9')
		memcpy(out + 4, "011", 3);
	return 0;
}

unsigned long long
teryt_tenant(const struct teryt_import *t, const char *terc)
{
	struct code_id	 key, *found;

	snprintf(key.code, sizeof(key.code), "%s", terc);
	found = bsearch(&key, t->tenants, t->tenant_count, sizeof(*t->tenants),
	    compare_codes);
	return found != NULL ? found->id : 0;
}

static int
load_tenants(struct teryt_import *t)
{
	struct db_result	 r;
	size_t			 i;

	if (db_query(t->ctl->db, sql_tenants, DB_NO_ARGS, &r) == -1)
		return -1;
	if ((t->tenants = calloc(r.rows + 1, sizeof(*t->tenants))) == NULL)
		abort();
	for (i = 0; i < r.rows; i++) {
		snprintf(t->tenants[i].code, sizeof(t->tenants[i].code), "%s",
		    db_cell(&r, i, 0));
		t->tenants[i].id = (unsigned long long)db_cell_int(&r, i, 1);
	}
	t->tenant_count = r.rows;
	db_result_free(&r);
	qsort(t->tenants, t->tenant_count, sizeof(*t->tenants), compare_codes);
	return 0;
}

/* True when a --gmina filter is set and the code (2, 4 or 7 digits) is not on its path. */
static bool
filtered_out(const struct teryt_import *t, const char *code)
{
	return t->only[0] != '\0' && strncmp(t->only, code, strlen(code)) != 0;
}

static int
add_region(struct teryt_import *t, const char *code, const struct teryt_row *row,
    size_t *count)
{
	if (filtered_out(t, code))
		return 0;
	(*count)++;
	return batch_add(t->ctl->db, &t->regions, (const struct db_param[]){
	    DB_S(code), DB_S(row->nazwa), DB_S(row->nazwa_dod) });
}

/*
 * Stores a TERC row of a voivodeship, a powiat or a gmina. Parts of gminy and
 * districts are skipped.
 * NOTE: rows are only added or updated. A gmina that a newer register no
 * longer lists (after a merger) stays in the database.
 */
static int
terc_row(struct teryt_import *t, const struct teryt_row *row)
{
	struct buf	 folded;
	char		 code[8];
	const char	*terc = code;
	int		 rc;

	if (row->pow[0] == '\0')
		return add_region(t, row->woj, row, &t->voivodeships);
	if (row->gmi[0] == '\0') {
		snprintf(code, sizeof(code), "%s%s", row->woj, row->pow);
		return add_region(t, code, row, &t->powiats);
	}
	if (strchr("123", row->rodz[0]) == NULL || teryt_terc_code(row, code) == -1 ||
	    filtered_out(t, code))
		return 0;
	t->gmina_count++;
	buf_init(&folded);
	text_fold(&folded, row->nazwa);
	rc = batch_add(t->ctl->db, &t->gminy, (const struct db_param[]){
	    DB_S(terc), DB_S(row->nazwa), DB_S(buf_cstr(&folded)),
	    DB_I(row->rodz[0] - '0'), DB_S(row->nazwa_dod) });
	buf_free(&folded);
	return rc;
}

/* Register rows return 0, or 1 when the database failed (-1 is the reader's own error). */
static int
register_row(const struct teryt_row *row, void *arg)
{
	struct teryt_import	*t = arg;
	unsigned long long	 tenant;
	char			 owner[8];

	t->kinds_seen |= 1u << row->kind;
	if (t->bad_rows > 0)
		return 0;	/* nothing will be committed, so nothing is sent */
	if (row->kind == TERYT_TERC)
		return terc_row(t, row) == -1 ? 1 : 0;
	if (teryt_owner_terc(row, owner) == -1 || filtered_out(t, owner)) {
		t->other_gmina++;
		return 0;
	}
	if ((tenant = teryt_tenant(t, owner)) == 0) {
		t->unknown_gmina++;
		return 0;
	}
	if (!t->orphans_loaded && teryt_load_orphans(t, row->kind) == -1)
		return 1;
	if (row->kind == TERYT_SIMC)
		return teryt_simc_row(t, row, tenant) == -1 ? 1 : 0;
	return teryt_ulic_row(t, row, tenant) == -1 ? 1 : 0;
}

static void
teryt_init(struct teryt_import *t, struct ctl *ctl, const char *path)
{
	memset(t, 0, sizeof(*t));
	t->ctl = ctl;
	t->path = path;
	batch_init(&t->regions, sql_regions, sql_region, 3, 20);
	batch_init(&t->gminy, sql_gminy, sql_gmina, 5, 12);
	teryt_init_places(t);
}

static void
teryt_free(struct teryt_import *t)
{
	batch_free(&t->regions);
	batch_free(&t->gminy);
	teryt_free_places(t);
	free(t->tenants);
}

static void
append_count(struct buf *b, const struct ctl *ctl, const char *key, size_t n)
{
	if (b->len > 0)
		buf_puts(b, ", ");
	lang_count(b, ctl->lang, key, (long)n);
}

static void
print_skipped(const struct ctl *ctl, const char *key, size_t n)
{
	char	 text[32];

	if (n == 0)
		return;
	snprintf(text, sizeof(text), "%zu", n);
	ctl_info(ctl, key, 0, text);
}

/* Prints the counts of the registers the file contained (all of them for an empty file). */
static void
print_counts(const struct teryt_import *t)
{
	unsigned	 kinds = t->kinds_seen != 0 ? t->kinds_seen : ~0u;
	bool		 terc = kinds & (1u << TERYT_TERC);
	bool		 simc = kinds & (1u << TERYT_SIMC);
	bool		 ulic = kinds & (1u << TERYT_ULIC);
	struct buf	 b;

	buf_init(&b);
	if (terc) {
		append_count(&b, t->ctl, "Import.Gmina", t->gmina_count);
		append_count(&b, t->ctl, "Import.Powiat", t->powiats);
		append_count(&b, t->ctl, "Import.Voivodeship", t->voivodeships);
	}
	if (simc)
		append_count(&b, t->ctl, "Import.Locality", t->locality_count);
	if (ulic)
		append_count(&b, t->ctl, "Import.Street", t->street_count);
	ctl_info(t->ctl, "Import.Loaded", 0, buf_cstr(&b));
	buf_free(&b);
	print_skipped(t->ctl, "Import.Adopted", t->adopted);
	print_skipped(t->ctl, "Import.OtherGmina", t->other_gmina);
	print_skipped(t->ctl, "Import.UnknownGminaRows", t->unknown_gmina);
	print_skipped(t->ctl, "Import.UnknownLocalityRows", t->unknown_locality);
}

/* Prints the problem of a bad TERC row; the reader goes on to report the others. */
static int
bad_terc_row(const struct problem *p, void *arg)
{
	struct teryt_import	*t = arg;

	if (t->bad_rows++ < TERC_MAX_ERRORS)
		ctl_problem(t->ctl, t->path, p);
	return 0;
}

/* Prints how many bad rows made the import fail. */
static void
print_bad_rows(const struct teryt_import *t)
{
	struct buf	 b;
	char		 more[32];

	if (t->bad_rows > TERC_MAX_ERRORS) {
		snprintf(more, sizeof(more), "%zu", t->bad_rows - TERC_MAX_ERRORS);
		ctl_error(t->ctl, "Import.MoreErrors", 0, more);
	}
	buf_init(&b);
	lang_count(&b, t->ctl->lang, "Import.Error", (long)t->bad_rows);
	ctl_error(t->ctl, "Import.RegisterRejected", 0, buf_cstr(&b));
	buf_free(&b);
}

/* Ends the transaction after the reader returned rc; returns the exit status. */
static int
finish(struct teryt_import *t, int rc, const struct problem *p)
{
	if (rc == 0 && t->bad_rows > 0) {
		db_rollback(t->ctl->db);
		print_bad_rows(t);
		return 1;
	}
	if (rc == 0 && (batch_flush(t->ctl->db, &t->regions) == -1 ||
	    batch_flush(t->ctl->db, &t->gminy) == -1 ||
	    teryt_finish_places(t) == -1))
		rc = 1;
	if (rc == -1)
		ctl_problem(t->ctl, t->path, p);
	else if (rc == 0 && db_commit(t->ctl->db) == -1)
		rc = 1;
	if (rc != 0) {
		db_rollback(t->ctl->db);
		ctl_error(t->ctl, rc == -1 ? "Import.NothingLoaded" : "Import.Failed",
		    0, NULL);
	}
	return rc == 0 ? 0 : 1;
}

int
ctl_import_terc(struct ctl *ctl, int argc, char **argv)
{
	struct teryt_import	 t;
	struct problem		 p;
	char			*data;
	size_t			 len;
	int			 rc;

	if (argc < 2) {
		ctl_error(ctl, "Error.MissingArgument", 0, "PLIK.csv");
		return 2;
	}
	if (argc > 2 || argv[1][0] == '-') {
		ctl_error(ctl, argv[argc - 1][0] == '-' ? "Error.UnknownOption" :
		    "Error.BadArgument", 0, argv[argc - 1]);
		return 2;
	}
	if ((data = ctl_read_file(ctl, argv[1], TERC_MAX_FILE, &len)) == NULL)
		return 1;
	teryt_init(&t, ctl, argv[1]);
	if (db_begin(ctl->db) == -1)
		rc = 1;
	else {
		rc = teryt_read_terc_csv_rows(data, len, register_row, bad_terc_row,
		    &t, &p);
		rc = finish(&t, rc, &p);
	}
	if (rc == 0)
		print_counts(&t);
	teryt_free(&t);
	free(data);
	return rc;
}

static int
parse_teryt_args(struct ctl *ctl, int argc, char **argv, struct teryt_import *t)
{
	int	 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--gmina") == 0 && i + 1 < argc)
			snprintf(t->only, sizeof(t->only), "%s", argv[++i]);
		else if (strncmp(argv[i], "--gmina=", 8) == 0)
			snprintf(t->only, sizeof(t->only), "%s", argv[i] + 8);
		else if (argv[i][0] == '-' || t->path != NULL) {
			ctl_error(ctl, argv[i][0] == '-' ? "Error.UnknownOption" :
			    "Error.BadArgument", 0, argv[i]);
			return -1;
		} else
			t->path = argv[i];
	}
	if (t->path == NULL) {
		ctl_error(ctl, "Error.MissingArgument", 0, "PLIK.xml");
		return -1;
	}
	return 0;
}

int
ctl_import_teryt(struct ctl *ctl, int argc, char **argv)
{
	struct teryt_import	 t;
	struct problem		 p;
	int			 rc;

	teryt_init(&t, ctl, NULL);
	if (parse_teryt_args(ctl, argc, argv, &t) == -1) {
		teryt_free(&t);
		return 2;
	}
	if (!ctl_readable_file(ctl, t.path)) {
		teryt_free(&t);
		return 1;
	}
	if (db_begin(ctl->db) == -1)
		rc = 1;
	else if ((t.only[0] != '\0' && ctl_tenant_id(ctl, t.only) == 0) ||
	    load_tenants(&t) == -1) {
		db_rollback(ctl->db);
		rc = 1;
	} else {
		rc = teryt_read_xml_file(t.path, register_row, &t, &p);
		rc = finish(&t, rc, &p);
	}
	if (rc == 0)
		print_counts(&t);
	teryt_free(&t);
	return rc;
}
