/* ctl_schedule_files.c: reads the AREAS and PICKUPS CSV files of a schedule import. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "ctl_schedule.h"
#include "fraction.h"
#include "text.h"

#define IMPORT_MAX_FILE		(16u * 1024 * 1024)
#define FIELD_MAX		512	/* bytes of one trimmed field */

enum column {
	COL_AREA, COL_LOCALITY, COL_STREET, COL_NUMBERS, COL_BUILDING,
	COL_FRACTIONS, COL_SIMC, COL_ULIC, COL_FRACTION, COL_DATE, COL_COUNT
};

/* Header names in folded form. An area column may be called rejon, sektor, trasa or grupa. */
static const struct {
	const char	*name;
	enum column	 column;
} column_names[] = {
	{ "rejon", COL_AREA }, { "sektor", COL_AREA }, { "trasa", COL_AREA },
	{ "grupa", COL_AREA }, { "miejscowosc", COL_LOCALITY },
	{ "ulica", COL_STREET }, { "numery", COL_NUMBERS },
	{ "zabudowa", COL_BUILDING }, { "frakcje", COL_FRACTIONS },
	{ "simc", COL_SIMC }, { "ulic", COL_ULIC }, { "frakcja", COL_FRACTION },
	{ "data", COL_DATE },
};

/* The state of reading one CSV file, such as which field contains which column. */
struct csv_file {
	struct schedule_import	*im;
	const char		*path;
	unsigned		 allowed, required;	/* bits of enum column */
	const char		*unknown_column;	/* message key naming the allowed columns */
	int			 field_of[COL_COUNT];	/* -1 when absent */
	size_t			 field_count;
	bool			 header_done, header_ok;
	bool			 broken;	/* rows after an error were not read */
	size_t			 rows;
	char			 value[COL_COUNT][FIELD_MAX];
	int			(*row_fn)(struct csv_file *, int line);
};

/* Looks a folded name up among the gmina's own names of fractions. */
static const char *
gmina_alias(const char *folded, void *arg)
{
	const struct schedule_import	*im = arg;
	size_t				 i;

	for (i = 0; i < im->alias_count; i++)
		if (strcmp(im->aliases[i].name_folded, folded) == 0)
			return im->aliases[i].code;
	return NULL;
}

void
import_fractions(const struct schedule_import *im, const char *name,
    struct fraction_entry *entry)
{
	fraction_match_entry(name, gmina_alias, (void *)im, entry);
}

/* Returns the index of a fraction code in fractions[]. */
static size_t
fraction_index(const char *code)
{
	return (size_t)(fraction_by_code(code) - fractions);
}

/* Reads min to max digits and returns their value, or -1 when there are fewer or more. */
static int
read_digits(const char **p, int min, int max)
{
	int	 n = 0, count = 0;

	while (isdigit((unsigned char)**p) && count < max) {
		n = n * 10 + (**p - '0');
		(*p)++;
		count++;
	}
	return count >= min && !isdigit((unsigned char)**p) ? n : -1;
}

long
import_parse_date(const char *text)
{
	const char	*p = text;
	int		 y, m, d;

	if (strchr(text, '.') != NULL) {
		if ((d = read_digits(&p, 1, 2)) == -1 || *p++ != '.' ||
		    (m = read_digits(&p, 1, 2)) == -1 || *p++ != '.' ||
		    (y = read_digits(&p, 4, 4)) == -1)
			return -1;
	} else if ((y = read_digits(&p, 4, 4)) == -1 || *p++ != '-' ||
	    (m = read_digits(&p, 2, 2)) == -1 || *p++ != '-' ||
	    (d = read_digits(&p, 2, 2)) == -1)
		return -1;
	if (*p != '\0' || y < 2000 || y > 2100 || !date_valid(y, m, d))
		return -1;
	return date_to_days(y, m, d);
}

/*
 * True when a header field has a tab: a file saved with tabs between its
 * columns, which the CSV reader takes as one column.
 */
static bool
tab_separated(struct csv_file *f, const struct csv_row *row)
{
	size_t	 i;

	for (i = 0; i < row->count; i++)
		if (strchr(row->field[i], '\t') != NULL) {
			import_error(f->im, f->path, row->line, "Import.TabSeparated",
			    NULL);
			return true;
		}
	return false;
}

/* Maps the header row to columns and reports every unknown, repeated or missing column. */
static void
read_header(struct csv_file *f, const struct csv_row *row)
{
	struct buf	 folded;
	size_t		 i, j;
	int		 found;

	if (tab_separated(f, row))
		return;
	buf_init(&folded);
	f->field_count = row->count;
	for (i = 0; i < row->count; i++) {
		buf_reset(&folded);
		text_fold(&folded, row->field[i]);
		found = -1;
		for (j = 0; j < sizeof(column_names) / sizeof(column_names[0]); j++)
			if (strcmp(buf_cstr(&folded), column_names[j].name) == 0 &&
			    (f->allowed & (1u << column_names[j].column)))
				found = (int)column_names[j].column;
		if (found == -1)
			import_error(f->im, f->path, row->line, f->unknown_column,
			    row->field[i]);
		else if (f->field_of[found] != -1)
			import_error(f->im, f->path, row->line,
			    "Import.DuplicateColumn", row->field[i]);
		else
			f->field_of[found] = (int)i;
	}
	buf_free(&folded);
	for (j = 0; j < COL_COUNT; j++)
		if ((f->required & (1u << j)) && f->field_of[j] == -1)
			import_error(f->im, f->path, row->line, "Import.MissingColumn",
			    j == COL_AREA ? "rejon" : j == COL_LOCALITY ?
			    "miejscowość" : j == COL_FRACTION ? "frakcja" : "data");
}

/* Copies s without the spaces around it into out, which has FIELD_MAX bytes and may be s. */
static int
copy_trimmed(const char *s, char *out)
{
	size_t	 len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= FIELD_MAX)
		return -1;
	memmove(out, s, len);
	out[len] = '\0';
	return 0;
}

/* Reports the first control character (a tab, a line end) in a field of the row. */
static int
check_controls(struct csv_file *f, const struct csv_row *row)
{
	const unsigned char	*s;
	size_t			 i;
	char			 code[16];

	for (i = 0; i < row->count; i++)
		for (s = (const unsigned char *)row->field[i]; *s != '\0'; s++)
			if (*s < 0x20 || *s == 0x7F) {
				snprintf(code, sizeof(code), "U+%04X", *s);
				import_error(f->im, f->path, row->line,
				    "Import.ControlCharacter", code);
				return -1;
			}
	return 0;
}

/* Fills f->value from a data row. Fields past the header's count are allowed only when empty. */
static int
read_values(struct csv_file *f, const struct csv_row *row)
{
	char	 count[32];
	size_t	 i;
	int	 col;

	if (check_controls(f, row) == -1)
		return -1;

	for (i = f->field_count; i < row->count; i++)
		if (row->field[i][strspn(row->field[i], " \t")] != '\0')
			break;
	if (row->count < f->field_count || i < row->count) {
		snprintf(count, sizeof(count), "%zu", f->field_count);
		import_error(f->im, f->path, row->line, "Import.FieldCount", count);
		return -1;
	}
	for (col = 0; col < COL_COUNT; col++) {
		f->value[col][0] = '\0';
		if (f->field_of[col] != -1 &&
		    copy_trimmed(row->field[f->field_of[col]], f->value[col]) == -1) {
			import_error(f->im, f->path, row->line, "Import.FieldTooLong",
			    NULL);
			return -1;
		}
	}
	return 0;
}

static int
csv_file_row(const struct csv_row *row, void *arg)
{
	struct csv_file	*f = arg;

	size_t		 errors = f->im->error_count;

	if (!f->header_done) {
		f->header_done = true;
		read_header(f, row);
		f->header_ok = f->im->error_count == errors;
		return 0;
	}
	/* Rows read through a broken header would only repeat its errors. */
	f->rows++;
	if (f->header_ok && read_values(f, row) == 0)
		f->row_fn(f, row->line);
	return 0;
}

/* Reads one CSV file through f->row_fn and reports every problem found. */
static int
read_csv_file(struct csv_file *f)
{
	struct problem	 p;
	char		*data;
	size_t		 len, errors = f->im->error_count;
	int		 col;

	for (col = 0; col < COL_COUNT; col++)
		f->field_of[col] = -1;
	if ((data = ctl_read_file(f->im->ctl, f->path, IMPORT_MAX_FILE, &len)) == NULL) {
		f->im->error_count++;
		f->broken = true;
		return -1;
	}
	if (csv_parse(data, len, csv_file_row, f, &p) == -1) {
		import_error(f->im, f->path, p.line, p.key, p.value);
		f->broken = true;
	} else if (f->rows == 0)
		import_error(f->im, f->path, 0, "Import.NoRows", NULL);
	free(data);
	return f->im->error_count > errors ? -1 : 0;
}

static char *
fold_copy(const char *s)
{
	struct buf	 b;

	buf_init(&b);
	text_fold(&b, s);
	return buf_steal(&b);
}

static char *
copy_string(const char *s)
{
	char	*copy;

	if ((copy = strdup(s)) == NULL)
		abort();
	return copy;
}

static bool
all_digits(const char *s, size_t count)
{
	size_t	 i;

	for (i = 0; i < count; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return s[count] == '\0';
}

/* Returns the index of the area with this name, adding it at its first line. */
static size_t
find_area(struct schedule_import *im, const char *name, int line)
{
	struct import_area	*area;
	char			*folded = fold_copy(name);
	size_t			 i;

	for (i = 0; i < im->area_count; i++)
		if (strcmp(im->areas[i].name_folded, folded) == 0) {
			free(folded);
			return i;
		}
	im->areas = import_grow(im->areas, &im->area_count, sizeof(*im->areas));
	area = &im->areas[im->area_count - 1];
	area->name = copy_string(name);
	area->name_folded = folded;
	area->line = line;
	return im->area_count - 1;
}

/* A locality is one entry per SIMC code when given, else per folded name. */
static size_t
find_locality(struct schedule_import *im, const char *name, const char *simc,
    int line)
{
	struct import_locality	*loc;
	char			*folded = fold_copy(name);
	size_t			 i;

	for (i = 0; i < im->locality_count; i++) {
		loc = &im->localities[i];
		if (simc[0] != '\0' ? loc->simc != NULL && strcmp(loc->simc, simc) == 0 :
		    loc->simc == NULL && strcmp(loc->name_folded, folded) == 0) {
			free(folded);
			return i;
		}
	}
	im->localities = import_grow(im->localities, &im->locality_count,
	    sizeof(*im->localities));
	loc = &im->localities[im->locality_count - 1];
	loc->line = line;
	loc->name = copy_string(name);
	loc->name_folded = folded;
	loc->simc = simc[0] != '\0' ? copy_string(simc) : NULL;
	return im->locality_count - 1;
}

/* A street is one entry per locality and ULIC code when given, else per folded name. */
static size_t
find_street(struct schedule_import *im, size_t locality, const char *display,
    const char *ulic, int line)
{
	struct import_street	*st;
	char			*folded = fold_copy(display);
	size_t			 i;

	for (i = 0; i < im->street_count; i++) {
		st = &im->streets[i];
		if (st->locality == locality && (ulic[0] != '\0' ?
		    st->ulic != NULL && strcmp(st->ulic, ulic) == 0 :
		    st->ulic == NULL && strcmp(st->name_folded, folded) == 0)) {
			free(folded);
			return i;
		}
	}
	im->streets = import_grow(im->streets, &im->street_count,
	    sizeof(*im->streets));
	st = &im->streets[im->street_count - 1];
	st->line = line;
	st->locality = locality;
	st->display = copy_string(display);
	st->name_folded = folded;
	st->ulic = ulic[0] != '\0' ? copy_string(ulic) : NULL;
	return im->street_count - 1;
}

static int
parse_building(const char *text, enum building *out)
{
	struct buf	 folded;
	const char	*s;
	int		 rc = 0;

	buf_init(&folded);
	text_fold(&folded, text);
	s = buf_cstr(&folded);
	if (*s == '\0')
		*out = BUILDING_ANY;
	else if (strncmp(s, "jednorodzin", 11) == 0)
		*out = BUILDING_SINGLE;
	else if (strncmp(s, "wielorodzin", 11) == 0)
		*out = BUILDING_MULTI;
	else
		rc = -1;
	buf_free(&folded);
	return rc;
}

/*
 * Reports a part of a CSV field that names no fraction. Unlike in a calendar,
 * a part about a fee is an unknown fraction too, because the file contains
 * collections only.
 */
static int
unknown_fraction(struct csv_file *f, int line, const char *field,
    const struct fraction_entry *entry)
{
	if (entry->unknown[0] == '\0' && !entry->fee)
		return 0;
	import_error(f->im, f->path, line, "Import.UnknownFraction",
	    entry->unknown[0] != '\0' ? entry->unknown : field);
	return -1;
}

/* Parses "papier, szkło" into a mask and the codes joined by ',', and reports an unknown name. */
static int
parse_fractions(struct csv_file *f, int line, struct import_rule *rule)
{
	struct fraction_entry	 entry;
	struct buf		 codes;
	size_t			 i;

	import_fractions(f->im, f->value[COL_FRACTIONS], &entry);
	if (unknown_fraction(f, line, f->value[COL_FRACTIONS], &entry) == -1)
		return -1;
	for (i = 0; i < entry.count; i++)
		rule->fractions |= 1u << fraction_index(entry.code[i]);
	buf_init(&codes);
	buf_append(&codes, "", 0);
	for (i = 0; i < fraction_count; i++)
		if (rule->fractions & (1u << i))
			buf_printf(&codes, "%s%s", codes.len > 0 ? "," : "",
			    fractions[i].code);
	rule->fractions_text = buf_steal(&codes);
	return 0;
}

/* Checks the SIMC and ULIC codes of a rule row and finds its locality and street. */
static int
rule_place(struct csv_file *f, int line, struct import_rule *rule)
{
	const char	*simc = f->value[COL_SIMC], *ulic = f->value[COL_ULIC];
	const char	*street = f->value[COL_STREET];

	if (simc[0] != '\0' && !all_digits(simc, 7)) {
		import_error(f->im, f->path, line, "Import.BadSimc", simc);
		return -1;
	}
	if (ulic[0] != '\0' && !all_digits(ulic, 5)) {
		import_error(f->im, f->path, line, "Import.BadUlic", ulic);
		return -1;
	}
	if (ulic[0] != '\0' && street[0] == '\0') {
		import_error(f->im, f->path, line, "Import.UlicWithoutStreet", ulic);
		return -1;
	}
	rule->locality = find_locality(f->im, f->value[COL_LOCALITY], simc, line);
	rule->street = street[0] != '\0' ?
	    find_street(f->im, rule->locality, street, ulic, line) : NO_STREET;
	return 0;
}

static bool
same_rule(const struct import_rule *a, const struct import_rule *b)
{
	return a->area == b->area && a->locality == b->locality &&
	    a->street == b->street && a->building == b->building &&
	    a->fractions == b->fractions &&
	    strcmp(a->numbers_text, b->numbers_text) == 0;
}

static bool
too_long(const char *s, size_t max)
{
	return utf8_length(s) > max;
}

/* Checks the names of a row against the columns that store them, before the database does. */
static int
check_name_lengths(struct csv_file *f, int line)
{
	const char	*street = f->value[COL_STREET], *kind, *name;
	int		 rc = 0;

	if (too_long(f->value[COL_AREA], AREA_NAME_MAX)) {
		import_error(f->im, f->path, line, "Import.AreaTooLong",
		    f->value[COL_AREA]);
		rc = -1;
	}
	if (too_long(f->value[COL_LOCALITY], LOCALITY_NAME_MAX)) {
		import_error(f->im, f->path, line, "Import.LocalityTooLong",
		    f->value[COL_LOCALITY]);
		rc = -1;
	}
	import_split_street(street, &kind, &name);
	if (too_long(street, STREET_DISPLAY_MAX) || too_long(name, STREET_NAME_MAX)) {
		import_error(f->im, f->path, line, "Import.StreetTooLong", street);
		rc = -1;
	}
	return rc;
}

/* Checks that both labels of the rule's address point fit address_point.label. */
static int
check_label_length(struct csv_file *f, int line, const struct import_rule *rule)
{
	struct buf	 base, label;
	enum lang	 lang;
	int		 rc = 0;

	buf_init(&base);
	buf_init(&label);
	import_label_base(&base, f->value[COL_LOCALITY], f->value[COL_STREET],
	    rule->numbers_text);
	for (lang = LANG_PL; lang <= LANG_EN && rc == 0; lang++) {
		buf_reset(&label);
		/* A whole locality may get "other addresses", the longest suffix. */
		import_label(&label, lang, buf_cstr(&base), import_label_suffix(
		    rule->building, rule->street == NO_STREET &&
		    rule->numbers.count == 0));
		if (too_long(buf_cstr(&label), LABEL_MAX)) {
			import_error(f->im, f->path, line, "Import.LabelTooLong",
			    buf_cstr(&label));
			rc = -1;
		}
	}
	buf_free(&base);
	buf_free(&label);
	return rc;
}

/* One row of AREAS becomes one rule. */
static int
area_row(struct csv_file *f, int line)
{
	struct schedule_import	*im = f->im;
	struct import_rule	 rule;
	struct buf		 numbers;
	char			 bad[FIELD_MAX], first[16];
	size_t			 i;
	int			 rc = 0;

	memset(&rule, 0, sizeof(rule));
	rule.line = line;
	if (f->value[COL_AREA][0] == '\0' || f->value[COL_LOCALITY][0] == '\0') {
		import_error(im, f->path, line, "Import.EmptyField",
		    f->value[COL_AREA][0] == '\0' ? "rejon" : "miejscowość");
		return -1;
	}
	if (check_name_lengths(f, line) == -1)
		return -1;
	rule.area = find_area(im, f->value[COL_AREA], line);
	if (rule_place(f, line, &rule) == -1)
		rc = -1;
	if (house_set_parse(f->value[COL_NUMBERS], &rule.numbers, bad,
	    sizeof(bad)) == -1) {
		import_error(im, f->path, line, "Import.BadNumbers", bad);
		rc = -1;
	}
	if (parse_building(f->value[COL_BUILDING], &rule.building) == -1) {
		import_error(im, f->path, line, "Import.BadBuilding",
		    f->value[COL_BUILDING]);
		rc = -1;
	}
	if (parse_fractions(f, line, &rule) == -1)
		rc = -1;
	buf_init(&numbers);
	house_set_format(&numbers, &rule.numbers);
	rule.numbers_text = buf_steal(&numbers);
	if (rc == 0 && too_long(rule.numbers_text, NUMBERS_MAX)) {
		import_error(im, f->path, line, "Import.NumbersTooLong",
		    rule.numbers_text);
		rc = -1;
	}
	if (rc == 0 && check_label_length(f, line, &rule) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < im->rule_count; i++)
		if (same_rule(&im->rules[i], &rule)) {
			snprintf(first, sizeof(first), "%d", im->rules[i].line);
			import_error(im, f->path, line, "Import.DuplicateRow", first);
			rc = -1;
		}
	if (rc == -1) {
		free(rule.numbers_text);
		free(rule.fractions_text);
		return -1;
	}
	im->rules = import_grow(im->rules, &im->rule_count, sizeof(*im->rules));
	im->rules[im->rule_count - 1] = rule;
	return 0;
}

int
import_known_area(const struct schedule_import *im, const char *name)
{
	char	*folded = fold_copy(name);
	size_t	 i;
	int	 found = -1;

	for (i = 0; i < im->area_count && found == -1; i++)
		if (strcmp(im->areas[i].name_folded, folded) == 0)
			found = (int)i;
	free(folded);
	return found;
}

void
import_add_pickup(struct schedule_import *im, const char *file, int line,
    size_t area, size_t fraction, long day)
{
	struct import_pickup	*p;

	im->pickups = import_grow(im->pickups, &im->pickup_count,
	    sizeof(*im->pickups));
	p = &im->pickups[im->pickup_count - 1];
	p->order = im->pickup_count - 1;
	p->file = file;
	p->line = line;
	p->area = area;
	p->fraction = fraction;
	p->day = day;
	im->areas[area].pickups++;
	im->areas[area].fractions |= 1u << fraction;
}

static int
parse_pickup_fractions(struct csv_file *f, int line, struct fraction_entry *entry)
{
	import_fractions(f->im, f->value[COL_FRACTION], entry);
	if (unknown_fraction(f, line, f->value[COL_FRACTION], entry) == -1)
		return -1;
	if (entry->count == 0) {
		import_error(f->im, f->path, line, "Import.EmptyField", "frakcja");
		return -1;
	}
	return 0;
}

/*
 * One row of PICKUPS: a collection in one area on one day, of each fraction
 * the frakcja column names ("Papier i szkło" is two).
 */
static int
pickup_row(struct csv_file *f, int line)
{
	struct schedule_import	*im = f->im;
	struct fraction_entry	 entry;
	int			 area, rc = 0;
	size_t			 i;
	long			 day;

	if (f->value[COL_AREA][0] == '\0') {
		import_error(im, f->path, line, "Import.EmptyField", "rejon");
		return -1;
	}
	if ((area = import_known_area(im, f->value[COL_AREA])) == -1) {
		if (!im->areas_incomplete)
			import_error(im, f->path, line, "Import.UnknownArea",
			    f->value[COL_AREA]);
		rc = -1;
	}
	if (parse_pickup_fractions(f, line, &entry) == -1)
		rc = -1;
	if ((day = import_parse_date(f->value[COL_DATE])) == -1) {
		import_error(im, f->path, line, "Import.BadDate", f->value[COL_DATE]);
		rc = -1;
	}
	for (i = 0; rc == 0 && i < entry.count; i++)
		import_add_pickup(im, f->path, line, (size_t)area,
		    fraction_index(entry.code[i]), day);
	return rc;
}

int
import_read_areas(struct schedule_import *im)
{
	struct csv_file	 f;
	int		 rc;

	memset(&f, 0, sizeof(f));
	f.im = im;
	f.path = im->areas_path;
	f.allowed = 1u << COL_AREA | 1u << COL_LOCALITY | 1u << COL_STREET |
	    1u << COL_NUMBERS | 1u << COL_BUILDING | 1u << COL_FRACTIONS |
	    1u << COL_SIMC | 1u << COL_ULIC;
	f.required = 1u << COL_AREA | 1u << COL_LOCALITY;
	f.unknown_column = "Import.UnknownAreasColumn";
	f.row_fn = area_row;
	rc = read_csv_file(&f);
	/* Unknown areas in the other files would then only be noise. */
	im->areas_incomplete = f.broken || !f.header_ok;
	return rc;
}

static int
compare_reading_order(const void *a, const void *b)
{
	const struct import_pickup	*x = a, *y = b;

	return x->order < y->order ? -1 : x->order > y->order;
}

static int
compare_pickups(const void *a, const void *b)
{
	const struct import_pickup	*x = a, *y = b;

	if (x->area != y->area)
		return x->area < y->area ? -1 : 1;
	if (x->fraction != y->fraction)
		return x->fraction < y->fraction ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->line - y->line;
}

/* Finds a second pickup of one fraction in one area on one day by sorting. */
void
import_check_duplicates(struct schedule_import *im, size_t from)
{
	struct import_pickup	*p = im->pickups + from;
	size_t			 n = im->pickup_count - from, i;
	char			 first[16];

	qsort(p, n, sizeof(*p), compare_pickups);
	for (i = 1; i < n; i++)
		if (p[i].area == p[i - 1].area && p[i].fraction == p[i - 1].fraction &&
		    p[i].day == p[i - 1].day) {
			snprintf(first, sizeof(first), "%d", p[i - 1].line);
			import_error(im, p[i].file, p[i].line, "Import.DuplicatePickup",
			    first);
		}
	/* Later checks report pickups in the order of the file again. */
	qsort(p, n, sizeof(*p), compare_reading_order);
}

int
import_read_pickups(struct schedule_import *im)
{
	struct csv_file	 f;
	int		 rc;

	memset(&f, 0, sizeof(f));
	f.im = im;
	f.path = im->pickups_path;
	f.allowed = 1u << COL_AREA | 1u << COL_FRACTION | 1u << COL_DATE;
	f.required = f.allowed;
	f.unknown_column = "Import.UnknownPickupsColumn";
	f.row_fn = pickup_row;
	rc = read_csv_file(&f);
	import_check_duplicates(im, 0);
	return rc;
}
