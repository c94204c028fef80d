/* ctl_schedule_points.c: address points from the rule scopes, and the areas that serve each point. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ctl_schedule.h"
#include "fraction.h"
#include "text.h"
#include "token.h"

static const char sql_find_point[] =
    "SELECT id FROM address_point WHERE tenant_id = ? AND locality_id = ?"
    " AND street_id = ? AND numbers = ? AND building = ?";
static const char sql_relabel_point[] =
    "UPDATE address_point SET label = ?, label_en = ?, label_folded = ?"
    " WHERE id = ?";
static const char sql_add_point[] =
    "INSERT INTO address_point (tenant_id, locality_id, street_id, numbers,"
    " building, label, label_en, label_folded, token, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char sql_add_point_area[] =
    "INSERT IGNORE INTO point_area (tenant_id, point_id, area_id, fraction_code)"
    " VALUES (?, ?, ?, ?)";

static const char *const building_names[] = { "any", "single", "multi" };

static unsigned long long
rule_locality(const struct schedule_import *im, const struct import_rule *rule)
{
	return im->localities[rule->locality].id;
}

static unsigned long long
rule_street(const struct schedule_import *im, const struct import_rule *rule)
{
	return rule->street == NO_STREET ? 0 : im->streets[rule->street].id;
}

/* True when two rules cover the same addresses (their fractions may differ). */
static bool
same_scope(const struct schedule_import *im, const struct import_rule *a,
    const struct import_rule *b)
{
	return rule_locality(im, a) == rule_locality(im, b) &&
	    rule_street(im, a) == rule_street(im, b) &&
	    a->building == b->building &&
	    strcmp(a->numbers_text, b->numbers_text) == 0;
}

static bool
whole_locality(const struct schedule_import *im, const struct import_rule *rule)
{
	return rule_street(im, rule) == 0 && rule->numbers.count == 0 &&
	    rule->building == BUILDING_ANY;
}

void
import_label_base(struct buf *out, const char *locality, const char *street,
    const char *numbers)
{
	buf_puts(out, locality);
	if (street[0] != '\0')
		buf_printf(out, ", %s", street);
	if (numbers[0] != '\0')
		buf_printf(out, " %s", numbers);
}

enum label_suffix
import_label_suffix(enum building building, bool others)
{
	if (building == BUILDING_SINGLE)
		return SUFFIX_SINGLE;
	if (building == BUILDING_MULTI)
		return SUFFIX_MULTI;
	return others ? SUFFIX_OTHERS : SUFFIX_NONE;
}

void
import_label(struct buf *out, enum lang lang, const char *base,
    enum label_suffix suffix)
{
	static const char *const keys[] = {
		[SUFFIX_SINGLE] = "Ctl.Label.Single",
		[SUFFIX_MULTI] = "Ctl.Label.Multi",
		[SUFFIX_OTHERS] = "Ctl.Label.Others",
	};

	if (suffix == SUFFIX_NONE)
		buf_puts(out, base);
	else
		lang_format(out, lang, keys[suffix], 0, base);
}

/*
 * Builds the labels of a point, such as "Łubowo, ul. Polna 18, 20, 21",
 * "Lutynia (zabudowa wielorodzinna)" and "Liszkowo (pozostałe adresy)" with
 * their English twins. The folded label, which address search matches,
 * leaves the suffix out, so "adresy" finds no point.
 * NOTE: points stored before label_en existed keep an empty English label
 * until their gmina's schedule is imported again.
 */
static void
label_point(const struct schedule_import *im, struct import_point *point)
{
	const struct import_rule	*rule = &im->rules[point->rule];
	enum label_suffix		 suffix;
	struct buf			 base, label;

	buf_init(&base);
	buf_init(&label);
	import_label_base(&base, im->localities[rule->locality].name,
	    rule->street != NO_STREET ? im->streets[rule->street].display : "",
	    rule->numbers_text);
	suffix = import_label_suffix(rule->building, point->others);
	import_label(&label, LANG_PL, buf_cstr(&base), suffix);
	point->label = buf_steal(&label);
	import_label(&label, LANG_EN, buf_cstr(&base), suffix);
	point->label_en = buf_steal(&label);
	text_fold(&label, buf_cstr(&base));
	point->label_folded = buf_steal(&label);
	buf_free(&base);
}

void
import_plan_points(struct schedule_import *im)
{
	struct import_point	*point;
	size_t			 i, j;

	for (i = 0; i < im->rule_count; i++) {
		for (j = 0; j < im->point_count; j++)
			if (same_scope(im, &im->rules[im->points[j].rule], &im->rules[i]))
				break;
		if (j < im->point_count)
			continue;
		im->points = import_grow(im->points, &im->point_count,
		    sizeof(*im->points));
		im->points[im->point_count - 1].rule = i;
	}
	for (i = 0; i < im->point_count; i++) {
		point = &im->points[i];
		if (!whole_locality(im, &im->rules[point->rule]))
			continue;
		for (j = 0; j < im->point_count && !point->others; j++)
			point->others = j != i && rule_locality(im,
			    &im->rules[im->points[j].rule]) ==
			    rule_locality(im, &im->rules[point->rule]);
	}
	for (i = 0; i < im->point_count; i++)
		label_point(im, &im->points[i]);
}

/* Finds the point by its scope, keeping its id and token, or adds it with a new token. */
static int
store_point(struct schedule_import *im, struct import_point *point)
{
	const struct import_rule	*rule = &im->rules[point->rule];
	struct db_result		 r;
	char				 token_text[TOKEN_LEN + 1];
	const char			*token = token_text;
	int				 rc;

	if (db_query(im->ctl->db, sql_find_point, DB_ARGS(DB_I(im->tenant_id),
	    DB_I(rule_locality(im, rule)), DB_I(rule_street(im, rule)),
	    DB_S(rule->numbers_text), DB_S(building_names[rule->building])),
	    &r) == -1)
		return -1;
	point->existed = r.rows == 1;
	if (point->existed)
		point->id = (unsigned long long)db_cell_int(&r, 0, 0);
	db_result_free(&r);
	if (point->existed)
		rc = db_exec(im->ctl->db, sql_relabel_point, DB_ARGS(
		    DB_S(point->label), DB_S(point->label_en),
		    DB_S(point->label_folded), DB_I(point->id)), NULL, NULL);
	else if ((rc = token_random(token_text)) == 0)
		rc = db_exec(im->ctl->db, sql_add_point, DB_ARGS(DB_I(im->tenant_id),
		    DB_I(rule_locality(im, rule)), DB_I(rule_street(im, rule)),
		    DB_S(rule->numbers_text), DB_S(building_names[rule->building]),
		    DB_S(point->label), DB_S(point->label_en),
		    DB_S(point->label_folded), DB_S(token)), NULL, &point->id);
	return rc;
}

/* True when every address of the point's scope is also covered by the rule. */
static bool
rule_contains(const struct schedule_import *im, const struct import_rule *rule,
    const struct import_rule *scope)
{
	return rule_locality(im, rule) == rule_locality(im, scope) &&
	    (rule->street == NO_STREET ||
	    rule_street(im, rule) == rule_street(im, scope)) &&
	    house_set_contains_set(&rule->numbers, &scope->numbers) &&
	    (rule->building == BUILDING_ANY || rule->building == scope->building);
}

/* Ranks rules: house numbers beat a street, which beats the locality. A building type breaks ties. */
static int
rule_specificity(const struct import_rule *rule)
{
	int	 level = 1;

	if (rule->numbers.count > 0)
		level = 3;
	else if (rule->street != NO_STREET)
		level = 2;
	return level * 2 + (rule->building != BUILDING_ANY);
}

static bool
rule_serves(const struct schedule_import *im, const struct import_rule *rule,
    size_t fraction)
{
	fraction_mask	 served = im->areas[rule->area].fractions;

	if (rule->fractions != 0)
		served &= rule->fractions;
	return (served & (1u << fraction)) != 0;
}

/* Links the point to the areas of the most specific rules that serve each fraction. */
static int
store_point_areas(struct schedule_import *im, const struct import_point *point)
{
	const struct import_rule	*scope = &im->rules[point->rule], *rule;
	size_t				 f, i;
	int				 best;

	for (f = 0; f < fraction_count; f++) {
		best = 0;
		for (i = 0; i < im->rule_count; i++) {
			rule = &im->rules[i];
			if (rule_serves(im, rule, f) && rule_contains(im, rule, scope) &&
			    rule_specificity(rule) > best)
				best = rule_specificity(rule);
		}
		for (i = 0; best > 0 && i < im->rule_count; i++) {
			rule = &im->rules[i];
			if (rule_specificity(rule) != best || !rule_serves(im, rule, f) ||
			    !rule_contains(im, rule, scope))
				continue;
			if (db_exec(im->ctl->db, sql_add_point_area, DB_ARGS(
			    DB_I(im->tenant_id), DB_I(point->id),
			    DB_I(im->areas[rule->area].id), DB_S(fractions[f].code)),
			    NULL, NULL) == -1)
				return -1;
		}
	}
	return 0;
}

int
import_store_points(struct schedule_import *im)
{
	size_t	 i;

	for (i = 0; i < im->point_count; i++) {
		if (store_point(im, &im->points[i]) == -1)
			return -1;
		if (im->points[i].existed)
			im->kept_points++;
		else
			im->new_points++;
	}
	for (i = 0; i < im->point_count; i++)
		if (store_point_areas(im, &im->points[i]) == -1)
			return -1;
	return 0;
}
