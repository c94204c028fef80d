/*
 * ctl_demo_office.c: ratuszctl demo-office, the office staff of Gmina Przodkowo
 * and a few problem reports in several states, for a development stack.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "ctl.h"
#include "password.h"
#include "report.h"

#define DEMO_TERC	"2205032"
#define DEMO_RESIDENT	"demo@ratusz.localhost"
#define HOUR		3600

/* A staff account: its role in the gmina and, for an operator, its unit. */
struct demo_staff {
	const char	*email;
	const char	*name;
	const char	*role;		/* gmina_admin, coordinator or operator */
	const char	*unit;		/* operator only */
};

static const struct demo_staff demo_staff[] = {
	{ "admin.przodkowo@ratusz.localhost", "Anna Administratorka", "gmina_admin", NULL },
	{ "koordynator.przodkowo@ratusz.localhost", "Krzysztof Koordynator", "coordinator",
	    NULL },
	{ "boi.przodkowo@ratusz.localhost", "Barbara z BOI", "operator",
	    "Biuro Obsługi Interesanta" },
	{ "drogi.przodkowo@ratusz.localhost", "Damian Drogowiec", "operator",
	    "Referat Inwestycji i Drogownictwa" },
	{ "komunalny.przodkowo@ratusz.localhost", "Karolina Komunalna", "operator",
	    "Referat Gospodarki Komunalnej" },
	{ "srodowisko.przodkowo@ratusz.localhost", "Szymon Środowiskowy", "operator",
	    "Referat Ochrony Środowiska" },
	{ "gops.przodkowo@ratusz.localhost", "Grażyna z GOPS", "operator",
	    "Gminny Ośrodek Pomocy Społecznej" },
	{ "zdp.kartuzy@ratusz.localhost", "Zenon z ZDP", "operator",
	    "Zarząd Dróg Powiatowych w Kartuzach" },
};
#define STAFF_COUNT	(sizeof(demo_staff) / sizeof(demo_staff[0]))
#define STAFF_ADMIN	0
#define STAFF_COORD	1

enum step_kind { STEP_MOVE, STEP_NOTE, STEP_UPDATE, STEP_MERGE };

/* A later event of a demo report, by one of demo_staff, hours after it was sent. */
struct demo_step {
	int		 hours;
	size_t		 staff;
	enum step_kind	 kind;
	enum report_status to;
	const char	*text;
};

/*
 * A demo report of the demo resident. Positions are approximate points in and
 * around Przodkowo (WGS 84); merge_into names an earlier report of this table.
 */
struct demo_report {
	const char	*category;
	double		 lat, lon;
	const char	*address;
	const char	*description;
	const char	*attributes;
	bool		 anonymous;
	int		 hours_ago;
	int		 merge_into;		/* index + 1 of the original, 0: none */
	struct demo_step steps[5];
};

static const struct demo_report demo_reports[] = {
	{ "drogi-dziura", 54.363, 18.2495, "droga powiatowa Przodkowo – Kartuzy",
	    "Głęboka dziura w jezdni przy przystanku autobusowym, samochody omijają ją "
	    "zjeżdżając na przeciwny pas.", "{\"size\":\"medium\"}", false, 12 * 24, 0, {
		{ 20, STAFF_COORD, STEP_MOVE, REPORT_VERIFIED, "Zgłoszenie zweryfikowane." },
		{ 22, STAFF_COORD, STEP_MOVE, REPORT_FORWARDED,
		    "Przekazano do Zarządu Dróg Powiatowych w Kartuzach, zarządcy tej drogi." },
		{ 26, STAFF_COORD, STEP_NOTE, 0, "ZDP potwierdził telefonicznie przyjęcie." },
		{ 5 * 24, 7, STEP_MOVE, REPORT_IN_PROGRESS,
		    "Naprawa została ujęta w planie robót na przyszły tydzień." },
	} },
	{ "oswietlenie-lampa", 54.3800, 18.2850, "Przodkowo, ul. Kartuska przy kościele",
	    "Od tygodnia nie świeci latarnia przed kościołem, wieczorem jest zupełnie "
	    "ciemno na przejściu.", "{\"lamp_number\":\"P-117\"}", false, 20 * 24, 0, {
		{ 3, STAFF_COORD, STEP_MOVE, REPORT_VERIFIED, NULL },
		{ 4, STAFF_COORD, STEP_MOVE, REPORT_FORWARDED, NULL },
		{ 30, 4, STEP_MOVE, REPORT_IN_PROGRESS, NULL },
		{ 4 * 24, 4, STEP_MOVE, REPORT_DONE, "Wymieniono źródło światła w latarni." },
	} },
	{ "odpady-wysypisko", 54.405, 18.320, "las przy drodze do Hopowa",
	    "Worki ze śmieciami i stare opony wyrzucone w lesie tuż przy drodze.",
	    "{\"amount\":\"trailer\"}", true, 3 * 24, 0, {
		{ 18, STAFF_COORD, STEP_MOVE, REPORT_VERIFIED,
		    "Dziękujemy, zgłoszenie jest widoczne na mapie." },
	} },
	{ "odpady-nieodebrane", 54.372, 18.300, "Przodkowo, ul. Polna",
	    "Pojemnik na papier nie został odebrany we wtorek, chociaż stał przy drodze od rana.",
	    "{\"fraction\":\"paper\"}", false, 20, 0, { { 0 } } },
	{ "porzadek-zniszczenia", 54.334, 18.197, "Kartuzy, przystanek przy dworcu",
	    "Zniszczona wiata przystankowa, rozbita szyba leży na chodniku.",
	    NULL, false, 6 * 24, 0, {
		{ 2, STAFF_COORD, STEP_NOTE, 0,
		    "Punkt leży poza gminą; zgłoszenie trafiło do przydzielenia." },
		{ 3, STAFF_COORD, STEP_MOVE, REPORT_OUT_OF_SCOPE, NULL },
		{ 3, STAFF_COORD, STEP_NOTE, 0,
		    "Przekazano e-mailem do Urzędu Miejskiego w Kartuzach." },
	} },
	{ "porzadek-zniszczenia", 54.3790, 18.2880, "Przodkowo, ul. Szkolna",
	    "Sąsiad za głośno słucha muzyki wieczorami.", NULL, false, 9 * 24, 0, {
		{ 5, STAFF_COORD, STEP_MOVE, REPORT_REJECTED,
		    "Zakłócanie ciszy nocnej zgłasza się policji, nie urzędowi gminy." },
	} },
	{ "socjalne", 54.3950, 18.2600, "Hopowo",
	    "Starsza pani mieszkająca sama od kilku dni nie wychodzi z domu, nie odbiera "
	    "telefonu.", NULL, false, 30, 0, {
		{ 2, STAFF_COORD, STEP_MOVE, REPORT_VERIFIED, NULL },
		{ 3, 6, STEP_NOTE, 0, "Pracownik socjalny odwiedzi panią jeszcze dziś." },
	} },
	{ "drogi-dziura", 54.3632, 18.2502, "droga do Kartuz",
	    "Dziura na drodze do Kartuz, bardzo niebezpieczna po zmroku.",
	    "{\"size\":\"large\"}", false, 11 * 24, 1, {
		{ 2, STAFF_COORD, STEP_MERGE, REPORT_DUPLICATE,
		    "To miejsce zostało już zgłoszone; połączyliśmy oba zgłoszenia." },
	} },
};
#define REPORT_COUNT	(sizeof(demo_reports) / sizeof(demo_reports[0]))

static const char sql_upsert_account[] =
    "INSERT INTO account (email, email_key, password_hash, display_name, lang,"
    " confirmed_at, created_at) VALUES (?, ?, ?, ?, 'pl', UTC_TIMESTAMP(),"
    " UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash),"
    " confirmed_at = COALESCE(confirmed_at, VALUES(confirmed_at))";
static const char sql_account_id[] = "SELECT id FROM account WHERE email_key = ?";
static const char sql_role[] =
    "INSERT INTO account_role (account_id, role, tenant_id, unit_id, created_at)"
    " SELECT ?, ?, ?, ?, UTC_TIMESTAMP() FROM DUAL WHERE NOT EXISTS"
    " (SELECT 1 FROM account_role WHERE account_id = ? AND role = ? AND tenant_id = ?"
    " AND unit_id <=> ?)";
static const char sql_unit[] = "SELECT id FROM unit WHERE tenant_id = ? AND name = ?";
static const char sql_category[] =
    "SELECT id FROM report_category WHERE tenant_id = ? AND code = ?";
static const char sql_seeded[] =
    "SELECT id FROM report WHERE tenant_id = ? AND description = ?"
    " AND author_id = (SELECT id FROM account WHERE email_key = '" DEMO_RESIDENT "')";

/* The id of the row a query with (tenant, text) finds; 0 when none, -1 on error. */
static long long
lookup(struct ctl *ctl, const char *sql, unsigned long long a, const char *text)
{
	struct db_result	 res;
	long long		 id;

	if (db_query(ctl->db, sql, DB_ARGS(DB_I(a), DB_T(text)), &res) == -1)
		return -1;
	id = res.rows > 0 ? db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	return id;
}

static long long
account_by_email(struct ctl *ctl, const char *email)
{
	struct db_result	 res;
	long long		 id;

	if (db_query(ctl->db, sql_account_id, DB_ARGS(DB_T(email)), &res) == -1)
		return -1;
	id = res.rows == 1 ? db_cell_int(&res, 0, 0) : 0;
	db_result_free(&res);
	return id;
}

/* Creates or updates one staff account with its role; its id, or -1 after an error. */
static long long
staff_seed(struct ctl *ctl, unsigned long long tenant, const struct demo_staff *st,
    char password[CTL_DEMO_PASSWORD_LEN + 1])
{
	char		 label[200], hash[PASSWORD_HASH_MAX];
	const char	*hash_text = hash;
	long long	 id, unit = 0;

	snprintf(label, sizeof(label), "ratusz demo staff password %s", st->email);
	if (ctl_demo_password(ctl, label, password) == -1)
		return -1;
	if (password_hash(password, hash) == -1) {
		ctl_error(ctl, "Demo.HashFailed", 0, NULL);
		return -1;
	}
	if (st->unit != NULL && (unit = lookup(ctl, sql_unit, tenant, st->unit)) <= 0) {
		if (unit == 0)
			ctl_error(ctl, "DemoOffice.NoSetup", 0, st->unit);
		return -1;
	}
	if (db_exec(ctl->db, sql_upsert_account, DB_ARGS(DB_T(st->email), DB_T(st->email),
	    DB_T(hash_text), DB_T(st->name)), NULL, NULL) == -1 ||
	    (id = account_by_email(ctl, st->email)) <= 0)
		return -1;
	if (db_exec(ctl->db, sql_role, DB_ARGS(DB_I(id), DB_T(st->role), DB_I(tenant),
	    unit ? DB_I(unit) : DB_N(), DB_I(id), DB_T(st->role), DB_I(tenant),
	    unit ? DB_I(unit) : DB_N()), NULL, NULL) == -1)
		return -1;
	return id;
}

/* The actor mask of a demo staff member for a report move. */
static unsigned
staff_actors(size_t staff)
{
	if (staff == STAFF_ADMIN)
		return ACTOR_GMINA_ADMIN;
	return staff == STAFF_COORD ? ACTOR_COORDINATOR : ACTOR_OPERATOR;
}

static int
step_apply(struct ctl *ctl, unsigned long long tenant, unsigned long long report_id,
    const struct demo_step *st, const long long *staff_ids, time_t at,
    unsigned long long original_id)
{
	struct report_move	 m;
	struct report_event_new	 ev;

	if (st->kind == STEP_NOTE || st->kind == STEP_UPDATE) {
		memset(&ev, 0, sizeof(ev));
		ev.tenant_id = tenant;
		ev.report_id = report_id;
		ev.actor_kind = REPORT_BY_OPERATOR;
		ev.actor_id = (unsigned long long)staff_ids[st->staff];
		ev.kind = st->kind == STEP_NOTE ? "note" : "update";
		ev.is_public = st->kind == STEP_UPDATE;
		ev.body = st->text;
		ev.now = at;
		return report_event_add(ctl->db, &ev, NULL);
	}
	memset(&m, 0, sizeof(m));
	m.tenant_id = tenant;
	m.report_id = report_id;
	m.to = st->to;
	m.actors = staff_actors(st->staff);
	m.actor_kind = REPORT_BY_OPERATOR;
	m.actor_id = (unsigned long long)staff_ids[st->staff];
	m.public_text = st->text;
	m.now = at;
	if (st->kind == STEP_MERGE)
		return report_merge(ctl->db, &m, original_id) == REPORT_MOVED ? 0 : -1;
	return report_move(ctl->db, &m) == REPORT_MOVED ? 0 : -1;
}

/* Creates one demo report with its history unless it exists; its id, or -1. */
static long long
report_seed(struct ctl *ctl, unsigned long long tenant, long long resident,
    const struct demo_report *d, const long long *staff_ids,
    const unsigned long long *report_ids)
{
	struct report_new	 n;
	struct report_created	 out;
	struct problem		 err;
	long long		 found, category;
	time_t			 sent = clock_now() - (time_t)d->hours_ago * HOUR;
	size_t			 i;
	int			 rc;

	if ((found = lookup(ctl, sql_seeded, tenant, d->description)) != 0)
		return found;
	if ((category = lookup(ctl, sql_category, tenant, d->category)) <= 0) {
		if (category == 0)
			ctl_error(ctl, "DemoOffice.NoSetup", 0, d->category);
		return -1;
	}
	memset(&n, 0, sizeof(n));
	n.tenant_id = tenant;
	n.category_id = (unsigned long long)category;
	n.author_id = (unsigned long long)resident;
	n.anonymous = d->anonymous;
	n.description = d->description;
	n.attributes_json = d->attributes;
	n.has_position = true;
	n.lat = d->lat;
	n.lon = d->lon;
	n.address_text = d->address;
	n.now = sent;
	if ((rc = report_create(ctl->db, &n, &out, &err)) != 0) {
		if (rc == 1)
			ctl_problem(ctl, NULL, &err);
		return -1;
	}
	for (i = 0; i < 5 && d->steps[i].hours > 0; i++)
		if (step_apply(ctl, tenant, out.id, &d->steps[i], staff_ids,
		    sent + (time_t)d->steps[i].hours * HOUR,
		    d->merge_into ? report_ids[d->merge_into - 1] : 0) == -1) {
			ctl_error(ctl, "DemoOffice.StepFailed", (int)i + 1, out.number);
			return -1;
		}
	return (long long)out.id;
}

static void
print_logins(struct ctl *ctl, char passwords[][CTL_DEMO_PASSWORD_LEN + 1])
{
	char	 login[200], role[80];
	size_t	 i;

	for (i = 0; i < STAFF_COUNT; i++) {
		snprintf(login, sizeof(login), "%s / %s", demo_staff[i].email, passwords[i]);
		snprintf(role, sizeof(role), "Ctl.DemoOffice.Role.%s", demo_staff[i].role);
		ctl_info_with(ctl, demo_staff[i].unit != NULL ? "DemoOffice.OperatorLogin" :
		    "DemoOffice.Login", (const char *const[]){ "role", lang_text(ctl->lang, role),
		    "unit", demo_staff[i].unit, "value", login, NULL });
	}
}

int
ctl_demo_office(struct ctl *ctl, int argc, char **argv)
{
	char			 passwords[STAFF_COUNT][CTL_DEMO_PASSWORD_LEN + 1];
	long long		 staff_ids[STAFF_COUNT], resident, id;
	unsigned long long	 tenant, report_ids[REPORT_COUNT];
	size_t			 i;

	if (argc != 1) {
		ctl_error(ctl, "Error.BadArgument", 0, argv[1]);
		return 2;
	}
	if ((tenant = ctl_tenant_id(ctl, DEMO_TERC)) == 0 || db_begin(ctl->db) == -1)
		return 1;
	for (i = 0; i < STAFF_COUNT; i++)
		if ((staff_ids[i] = staff_seed(ctl, tenant, &demo_staff[i], passwords[i])) == -1)
			goto fail;
	if ((resident = account_by_email(ctl, DEMO_RESIDENT)) <= 0) {
		if (resident == 0)
			ctl_error(ctl, "DemoOffice.NoResident", 0, DEMO_RESIDENT);
		goto fail;
	}
	for (i = 0; i < REPORT_COUNT; i++) {
		if ((id = report_seed(ctl, tenant, resident, &demo_reports[i], staff_ids,
		    report_ids)) == -1)
			goto fail;
		report_ids[i] = (unsigned long long)id;
	}
	if (db_commit(ctl->db) == -1)
		goto fail;
	print_logins(ctl, passwords);
	return 0;
fail:
	db_rollback(ctl->db);
	ctl_error(ctl, "DemoOffice.Failed", 0, NULL);
	return 1;
}
