"""ratuszctl against the test stack's MariaDB: TERC, TERYT XML, schedules, aliases, options.

Environment (tools/dev test sets it): RATUSZ_BIN (build directory with ratuszctl),
RATUSZ_CONFIG (its config file), RATUSZ_DB_SOCKET and RATUSZ_URL. Every write goes
to test gminy in voivodeship 99, codes GUS does not use: TERC 9901011 for the
bundled files and 9901022 for the calendars and periods written here. The tests
create them with import-terc and delete them at the end, so the bundled data that
other tests read stays as tools/load-data left it. The schedule files are the
bundled Borne Sulinowo and Przodkowo files, loaded for the test gmina, copies of
them with one line broken, and small files written by the tests.
"""

import datetime
import os
import re
import shutil
import subprocess
import tempfile
import threading
import unittest

from portal_client import request, quote

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("RATUSZ_BIN", "")
CONFIG = os.environ.get("RATUSZ_CONFIG", "")
SOCKET = os.environ.get("RATUSZ_DB_SOCKET", "")

TEST_TERC = "9901011"
CALENDAR_TERC = "9901022"
BORNE_TERC = "3215043"
BORNE = os.path.join(REPO, "data", "schedules", "borne-sulinowo")
PRZODKOWO = os.path.join(REPO, "data", "schedules", "przodkowo")
SPECIAL_AREA = "Rejon I z utrudnionym dojazdem"

TERC_CSV = (
    "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\r\n"
    "99;;;;TESTOWE;województwo;2020-01-01\r\n"
    "99;01;;;testowy;powiat;2020-01-01\r\n"
    "99;01;01;1;Testowo;gmina miejska;2020-01-01\r\n"
)
CALENDAR_TERC_CSV = TERC_CSV.replace("99;01;01;1;Testowo;gmina miejska",
                                     "99;01;02;2;Kalendarzowo;gmina wiejska")

# Tables the imports write. A failed import must leave every one as it was.
TABLES = ("region", "tenant", "locality", "street", "fraction_alias",
          "tenant_fraction", "schedule_period", "area", "area_rule",
          "address_point", "point_area", "pickup")


def setUpModule():
    missing = [name for name, value in (("RATUSZ_BIN", BIN),
                                        ("RATUSZ_CONFIG", CONFIG),
                                        ("RATUSZ_DB_SOCKET", SOCKET)) if not value]
    if missing:
        raise RuntimeError("missing environment: %s (tools/dev test sets them)"
                           % ", ".join(missing))


def read_config():
    """Return the key = value pairs of the config file, as conf.c reads them."""
    values = {}
    with open(CONFIG, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def sql(query):
    """Run SQL with the portal's account and return the rows as lists of strings."""
    config = read_config()
    env = dict(os.environ, MYSQL_PWD=config.get("db_password", ""))
    result = subprocess.run(
        ["mariadb", "--no-defaults", "--default-character-set=utf8mb4",
         "-S", SOCKET, "-u", config.get("db_user", "ratusz"),
         "-N", "-B", "-e", query, config.get("db_name", "ratusz")],
        env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError("SQL failed: %s\n%s" % (query, result.stderr))
    return [line.split("\t") for line in result.stdout.splitlines()]


def ctl(*args, lang="pl"):
    """Run ratuszctl and return (exit status, stdout, stderr)."""
    env = dict(os.environ, RATUSZ_CONFIG=CONFIG, RATUSZ_LANG=lang)
    result = subprocess.run([os.path.join(BIN, "ratuszctl"), *args], env=env,
                            capture_output=True, text=True, check=False)
    return result.returncode, result.stdout, result.stderr


def snapshot():
    """Row counts and checksums of every table the imports write."""
    counts = {table: sql("SELECT COUNT(*) FROM %s" % table)[0][0] for table in TABLES}
    checksums = {row[0]: row[1] for row in sql("CHECKSUM TABLE " + ", ".join(TABLES))}
    return counts, checksums


def tenant_id(terc=TEST_TERC):
    rows = sql("SELECT id FROM tenant WHERE terc = '%s'" % terc)
    return int(rows[0][0]) if rows else None


def remove_schedules(tenant):
    """Delete every row a schedule import wrote for the gmina."""
    for table in ("point_area", "pickup", "area_rule", "area", "schedule_period",
                  "address_point", "street", "locality", "fraction_alias",
                  "tenant_fraction"):
        sql("DELETE FROM %s WHERE tenant_id = %d" % (table, tenant))


def remove_test_gmina(terc=TEST_TERC):
    tenant = tenant_id(terc)
    if tenant is not None:
        remove_schedules(tenant)
        sql("DELETE FROM tenant WHERE id = %d" % tenant)
    sql("DELETE FROM tenant WHERE terc LIKE '99%' AND has_schedule = 0")
    if not sql("SELECT id FROM tenant WHERE terc LIKE '99%'"):
        sql("DELETE FROM region WHERE code IN ('99', '9901')")


def read_lines(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read().splitlines(keepends=True)


class ImportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="ratusz-import-")
        remove_test_gmina()
        cls.terc_csv = cls.write_file("terc_test.csv", TERC_CSV)
        status, out, err = ctl("import-terc", cls.terc_csv)
        if status != 0:
            raise AssertionError("import-terc of the test gmina failed: " + err)
        cls.terc_output = out
        cls.tenant = tenant_id()
        status, out, err = cls.import_borne()
        if status != 0:
            raise AssertionError("import of the Borne Sulinowo files failed: " + err)
        cls.borne_output = out

    @classmethod
    def tearDownClass(cls):
        remove_test_gmina()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def write_file(cls, name, text):
        path = os.path.join(cls.tmp, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    @classmethod
    def import_borne(cls, *extra, areas=None, pickups=None, lang="pl"):
        return ctl("import-schedule", "--gmina", TEST_TERC,
                   "--areas", areas or os.path.join(BORNE, "areas.csv"),
                   "--pickups", pickups or os.path.join(BORNE, "pickups.csv"),
                   *extra, lang=lang)

    def copy_with_line(self, source, name, line, text):
        """Copy a bundled file as name with its 1-based line replaced by text."""
        lines = read_lines(source)
        lines[line - 1] = text + "\n"
        return self.write_file(name, "".join(lines))

    def assert_rejected(self, result, file_name, line, message):
        """Check a failed import: its status, and the message naming file and line."""
        status, out, err = result
        self.assertNotEqual(status, 0, "import succeeded: " + out)
        pattern = r"%s: Wiersz %d: %s" % (re.escape(file_name), line, re.escape(message))
        self.assertRegex(err, re.compile(pattern))

    def assert_unchanged(self, before):
        self.assertEqual(snapshot(), before)

    def point_areas(self, label):
        """Map each fraction of the point to the sorted names of its active areas."""
        rows = sql(
            "SELECT pa.fraction_code, a.name FROM address_point ap"
            " JOIN point_area pa ON pa.point_id = ap.id"
            " JOIN area a ON a.id = pa.area_id"
            " JOIN schedule_period sp ON sp.id = a.period_id AND sp.status = 'active'"
            " WHERE ap.tenant_id = %d AND ap.label = '%s'" % (self.tenant, label))
        areas = {}
        for fraction, area in rows:
            areas.setdefault(fraction, []).append(area)
        return {fraction: sorted(names) for fraction, names in areas.items()}

    def point_days(self, label, fraction):
        rows = sql(
            "SELECT DISTINCT p.day FROM address_point ap"
            " JOIN point_area pa ON pa.point_id = ap.id"
            " JOIN area a ON a.id = pa.area_id"
            " JOIN schedule_period sp ON sp.id = a.period_id AND sp.status = 'active'"
            " JOIN pickup p ON p.area_id = pa.area_id AND p.fraction_code = pa.fraction_code"
            " WHERE ap.tenant_id = %d AND ap.label = '%s' AND pa.fraction_code = '%s'"
            " ORDER BY p.day" % (self.tenant, label, fraction))
        return [row[0] for row in rows]

    # --- TERC and TERYT registers ---------------------------------------

    def test_terc_counts_in_polish(self):
        self.assertIn("Wczytano 1 gminę, 1 powiat, 1 województwo.", self.terc_output)

    def test_terc_counts_in_english(self):
        status, out, _ = ctl("import-terc", self.terc_csv, lang="en")
        self.assertEqual(status, 0)
        self.assertIn("Loaded 1 gmina, 1 powiat, 1 voivodeship.", out)

    def test_terc_malformed_row_rolls_back(self):
        # 12 more gminy fill one multi-row INSERT, so the renamed test gmina is
        # sent to the database before the malformed last row is read.
        more = "".join("99;01;%02d;2;Testowo %d;gmina wiejska;2020-01-01\r\n" % (n, n)
                       for n in range(2, 14))
        path = self.write_file("terc_bad.csv", TERC_CSV.replace("Testowo;", "Zmienione;")
                               + more + "99;0X;;;zły;powiat;2020-01-01\r\n")
        before = snapshot()
        status, _, err = ctl("import-terc", path)
        self.assertNotEqual(status, 0)
        self.assertRegex(err, re.compile(r"terc_bad\.csv: Wiersz 17: .*POW=0X"))
        self.assert_unchanged(before)
        self.assertEqual(sql("SELECT terc, name FROM tenant WHERE terc LIKE '99%'"),
                         [[TEST_TERC, "Testowo"]])

    def test_teryt_truncated_xml_rolls_back(self):
        path = self.write_file("simc_cut.xml", simc_xml([
            ("01", "Nowa Osada", "9900002")])[:-40])
        before = snapshot()
        status, _, err = ctl("import-teryt", "--gmina", TEST_TERC, path)
        self.assertNotEqual(status, 0)
        self.assertRegex(err, re.compile(r"simc_cut\.xml: Wiersz \d+: "))
        self.assert_unchanged(before)

    def test_teryt_links_schedule_places(self):
        tokens = sql("SELECT id, token FROM address_point WHERE tenant_id = %d"
                     " ORDER BY id" % self.tenant)
        lubowo = sql("SELECT id FROM locality WHERE tenant_id = %d AND name = 'Łubowo'"
                     % self.tenant)
        simc = self.write_file("simc.xml", simc_xml([
            ("01", "Łubowo", "9900001"), ("01", "Nowa Osada", "9900002")],
            other_gmina=("2205032", "Kamionka", "9900003")))
        status, out, err = ctl("import-teryt", "--gmina", TEST_TERC, simc)
        self.assertEqual(status, 0, err)
        self.assertIn("Wczytano 2 miejscowości.", out)
        self.assertIn("(--gmina): 1.", out)
        self.assertIn("przez import harmonogramu: 1.", out)
        self.assertEqual(sql("SELECT id FROM locality WHERE tenant_id = %d"
                             " AND simc = '9900001'" % self.tenant), lubowo)
        self.assertEqual(sql("SELECT COUNT(*) FROM locality WHERE simc = '9900003'"),
                         [["0"]])

        ulic = self.write_file("ulic.xml", ulic_xml([
            ("9900001", "99001", "ul.", "Polna", ""),
            ("9900001", "99002", "ul.", "Lipowa", "Pod"),
            ("9900009", "99003", "ul.", "Leśna", "")]))
        status, out, err = ctl("import-teryt", "--gmina", TEST_TERC, ulic)
        self.assertEqual(status, 0, err)
        self.assertIn("Wczytano 2 ulice.", out)
        self.assertIn("wczytaj rejestr SIMC): 1.", out)
        self.assertEqual(sql("SELECT display_name, ulic FROM street WHERE tenant_id = %d"
                             " AND locality_id = %s ORDER BY display_name"
                             % (self.tenant, lubowo[0][0])),
                         [["ul. Kościuszki", "NULL"], ["ul. Pod Lipowa", "99002"],
                          ["ul. Polna", "99001"]])
        self.assertEqual(sql("SELECT id, token FROM address_point WHERE tenant_id = %d"
                             " ORDER BY id" % self.tenant), tokens)

    # --- schedule errors: each one leaves every table unchanged -----------

    def test_schedule_unknown_gmina(self):
        before = snapshot()
        status, _, err = ctl("import-schedule", "--gmina", "9909099",
                             "--areas", os.path.join(BORNE, "areas.csv"),
                             "--pickups", os.path.join(BORNE, "pickups.csv"))
        self.assertNotEqual(status, 0)
        self.assertIn("Nie znaleziono gminy o kodzie TERC 9909099", err)
        self.assert_unchanged(before)

    def test_schedule_malformed_row(self):
        lines = read_lines(os.path.join(BORNE, "areas.csv"))
        areas = self.copy_with_line(os.path.join(BORNE, "areas.csv"), "rejony.csv", 3,
                                    lines[2].rstrip("\n") + ";nadmiar")
        before = snapshot()
        self.assert_rejected(self.import_borne(areas=areas), "rejony.csv", 3,
                             "nieprawidłowa liczba pól")
        self.assert_unchanged(before)

    def test_schedule_unterminated_quote(self):
        pickups = self.copy_with_line(os.path.join(BORNE, "pickups.csv"),
                                      "terminy.csv", 20,
                                      '"Odpady komunalne II;Odpady Komunalne;2021-01-11')
        before = snapshot()
        self.assert_rejected(self.import_borne(pickups=pickups), "terminy.csv", 20,
                             "cudzysłów otwarty w tym wierszu nie został zamknięty")
        self.assert_unchanged(before)

    def test_schedule_unknown_fraction(self):
        pickups = self.copy_with_line(
            os.path.join(BORNE, "pickups.csv"), "terminy.csv", 14,
            "Tworzywa sztuczne + Papier + Szkło I;PLASTYK;2021-02-23")
        before = snapshot()
        result = self.import_borne(pickups=pickups)
        self.assertIn("terminy.csv: Wiersz 14: nieznana frakcja „PLASTYK”. Dodaj ją"
                      " poleceniem ratuszctl fraction-alias albo popraw plik.", result[2])
        self.assert_rejected(result, "terminy.csv", 14, "nieznana frakcja")
        self.assertIn("Nie wczytano harmonogramu: 1 błąd. Baza danych pozostała bez zmian.",
                      result[2])
        self.assert_unchanged(before)

    def test_schedule_unknown_fraction_english(self):
        pickups = self.copy_with_line(
            os.path.join(BORNE, "pickups.csv"), "terminy.csv", 14,
            "Tworzywa sztuczne + Papier + Szkło I;PLASTYK;2021-02-23")
        before = snapshot()
        status, _, err = self.import_borne(pickups=pickups, lang="en")
        self.assertNotEqual(status, 0)
        self.assertIn('terminy.csv: Line 14: unknown fraction "PLASTYK". Add it with'
                      " ratuszctl fraction-alias or correct the file.", err)
        self.assertIn("The schedule was not loaded: 1 error. The database is unchanged.",
                      err)
        self.assert_unchanged(before)

    def test_schedule_bad_date(self):
        pickups = self.copy_with_line(os.path.join(BORNE, "pickups.csv"),
                                      "terminy.csv", 5,
                                      "Odpady komunalne I;Odpady Komunalne;2021-02-30")
        before = snapshot()
        self.assert_rejected(self.import_borne(pickups=pickups), "terminy.csv", 5,
                             "nieprawidłowa data „2021-02-30”")
        self.assert_unchanged(before)

    def test_schedule_unknown_area(self):
        pickups = self.copy_with_line(os.path.join(BORNE, "pickups.csv"),
                                      "terminy.csv", 7,
                                      "Odpady komunalne III;Odpady Komunalne;2021-02-15")
        before = snapshot()
        self.assert_rejected(self.import_borne(pickups=pickups), "terminy.csv", 7,
                             "rejonu „Odpady komunalne III” nie ma w pliku rejonów")
        self.assert_unchanged(before)

    def test_schedule_broken_ics(self):
        lines = read_lines(os.path.join(PRZODKOWO, "przodkowo_2025_maslowo_plain.ics"))
        end = next(i for i, line in enumerate(lines) if line.startswith("END:VEVENT"))
        del lines[end]
        ics = self.write_file("kalendarz.ics", "".join(lines))
        before = snapshot()
        status, _, err = ctl("import-schedule", "--gmina", TEST_TERC,
                             "--areas", os.path.join(PRZODKOWO, "areas.csv"),
                             "--ics", "Masłowo=" + ics)
        self.assertNotEqual(status, 0)
        self.assertRegex(err, re.compile(r"kalendarz\.ics: Wiersz \d+: "))
        self.assert_unchanged(before)

    def test_schedule_reports_every_error(self):
        lines = read_lines(os.path.join(BORNE, "pickups.csv"))
        lines[4] = "Odpady komunalne I;Odpady Komunalne;2021-02-30\n"
        lines[6] = "Odpady komunalne III;Odpady Komunalne;2021-02-15\n"
        lines[13] = "Tworzywa sztuczne + Papier + Szkło I;PLASTYK;2021-02-23\n"
        pickups = self.write_file("terminy.csv", "".join(lines))
        before = snapshot()
        result = self.import_borne(pickups=pickups)
        self.assert_rejected(result, "terminy.csv", 5, "nieprawidłowa data")
        self.assert_rejected(result, "terminy.csv", 7, "rejonu „Odpady komunalne III”")
        self.assert_rejected(result, "terminy.csv", 14, "nieznana frakcja")
        self.assertIn("Nie wczytano harmonogramu: 3 błędy.", result[2])
        self.assert_unchanged(before)

    def test_schedule_dry_run_writes_nothing(self):
        before = snapshot()
        status, out, err = self.import_borne("--dry-run")
        self.assertEqual(status, 0, err)
        self.assertIn("jest poprawny; nic nie zapisano (--dry-run)", out)
        self.assertIn("Zawartość: 5 rejonów, 56 reguł, 56 odbiorów.", out)
        self.assert_unchanged(before)

    # --- schedule semantics -------------------------------------------------

    def test_schedule_summary(self):
        out = self.borne_output
        self.assertIn("Wczytano harmonogram gminy Testowo (9901011).", out)
        self.assertIn("Okres: 2020-11-01 – 2021-04-30.", out)
        self.assertIn("Zawartość: 5 rejonów, 56 reguł, 56 odbiorów.", out)
        self.assertIn("Nowe punkty adresowe (z nowym adresem kalendarza): 32.", out)

    def test_reimport_keeps_tokens_replaces_period(self):
        tokens = sql("SELECT id, token, label FROM address_point WHERE tenant_id = %d"
                     " ORDER BY id" % self.tenant)
        old = sql("SELECT id FROM schedule_period WHERE tenant_id = %d"
                  " AND status = 'active' AND valid_from = '2020-11-01'" % self.tenant)
        version = sql("SELECT data_version FROM tenant WHERE id = %d" % self.tenant)
        status, out, err = self.import_borne()
        self.assertEqual(status, 0, err)
        self.assertIn("Nowe punkty adresowe (z nowym adresem kalendarza): 0.", out)
        self.assertIn("(adres kalendarza bez zmian): 32.", out)
        self.assertIn("Zastąpione wcześniejsze okresy harmonogramu: 1"
                      " (2020-11-01 – 2021-04-30).", out)
        self.assertEqual(sql("SELECT id, token, label FROM address_point"
                             " WHERE tenant_id = %d ORDER BY id" % self.tenant), tokens)
        new = sql("SELECT id FROM schedule_period WHERE tenant_id = %d"
                  " AND status = 'active' AND valid_from = '2020-11-01'" % self.tenant)
        self.assertEqual(len(new), 1)
        self.assertEqual(sql("SELECT status, replaced_by FROM schedule_period"
                             " WHERE id = %s" % old[0][0]), [["replaced", new[0][0]]])
        self.assertGreater(int(sql("SELECT data_version FROM tenant WHERE id = %d"
                                   % self.tenant)[0][0]), int(version[0][0]))

    def test_polna_numbers_get_special_area(self):
        label = "Łubowo, ul. Polna 18, 20, 21, 27, 33"
        self.assertEqual(self.point_areas(label), {
            fraction: [SPECIAL_AREA]
            for fraction in ("zmieszane", "metale_tworzywa", "papier", "szklo")})
        self.assertEqual(self.point_days(label, "zmieszane"),
                         ["2020-11-04", "2020-11-18"])

    def test_other_lubowo_addresses_get_route_one(self):
        label = "Łubowo (pozostałe adresy)"
        self.assertEqual(self.point_areas(label), {
            "zmieszane": ["Odpady komunalne I"],
            "metale_tworzywa": ["Tworzywa sztuczne + Papier + Szkło I"],
            "papier": ["Tworzywa sztuczne + Papier + Szkło I"],
            "szklo": ["Tworzywa sztuczne + Papier + Szkło I"]})
        self.assertEqual(self.point_days(label, "zmieszane"), [
            "2021-01-04", "2021-01-18", "2021-02-01", "2021-02-15", "2021-03-01",
            "2021-03-15", "2021-03-29", "2021-04-12", "2021-04-26"])
        self.assertEqual(self.point_days(label, "papier"),
                         ["2021-01-26", "2021-02-23", "2021-03-23", "2021-04-20"])

    def test_klomino_gets_only_mixed_waste(self):
        self.assertEqual(self.point_areas("Kłomino"), {"zmieszane": [SPECIAL_AREA]})

    def test_liszkowo_numbers_without_street(self):
        self.assertEqual(self.point_areas("Liszkowo 65, 66")["papier"], [SPECIAL_AREA])
        self.assertEqual(self.point_areas("Liszkowo (pozostałe adresy)")["papier"],
                         ["Tworzywa sztuczne + Papier + Szkło I"])

    def test_ics_import_skips_fee_dates(self):
        status, out, err = ctl("import-schedule", "--gmina", TEST_TERC,
                               "--areas", os.path.join(PRZODKOWO, "areas.csv"),
                               "--ics", "Masłowo=" + os.path.join(
                                   PRZODKOWO, "przodkowo_2025_maslowo_plain.ics"))
        self.assertEqual(status, 0, err)
        self.assertIn("Zawartość: 1 rejon, 6 reguł, 82 odbiory.", out)
        self.assertIn("(np. terminy płatności): 4.", out)
        self.assertEqual(sql("SELECT COUNT(*) FROM schedule_period WHERE tenant_id = %d"
                             " AND status = 'active'" % self.tenant), [["2"]])
        # 23 May 2025 05:00 UTC is a collection on 23 May in Warsaw.
        self.assertIn("2025-05-23", self.point_days("Otalżyno", "zmieszane"))

    def test_schedule_pickup_outside_period(self):
        before = snapshot()
        result = self.import_borne("--from", "2021-01-01", "--to", "2021-04-30")
        self.assert_rejected(result, "pickups.csv", 52,
                             "odbiór 2020-11-04 wypada poza okresem podanym w --from i --to")
        self.assert_rejected(result, "pickups.csv", 57,
                             "odbiór 2020-11-04 wypada poza okresem podanym w --from i --to")
        self.assertIn("Nie wczytano harmonogramu: 6 błędów.", result[2])
        self.assert_unchanged(before)

    def test_street_and_building_rules(self):
        # The areas of Wilkszyn and Lutynia (gmina Miękinia) as that gmina defines
        # them: a street list that overrides the whole village, and separate areas
        # for multi-family buildings. The dates are made up, one per area.
        areas = self.write_file("miekinia.csv", (
            "rejon,miejscowosc,ulica,numery,zabudowa,frakcje\n"
            "Rejon 1,Lutynia,,,wielorodzinna,\n"
            "Rejon 2,Wilkszyn,,,wielorodzinne,\n"
            "Rejon 5,Lutynia,,,,\n"
            "Rejon 7,Wilkszyn,,,,\n"
            "Rejon 8,Wilkszyn,Grabowa,,,\n"
            "Rejon 8,Wilkszyn,św. Jadwigi,,,\n"
            "Rejon 8,Wilkszyn,Wiśniowe Wzgórze,\"1-25 nieparzyste, 2-24\",,papier\n"))
        pickups = self.write_file("miekinia_terminy.csv", "".join(
            "%s,%s,%s\n" % row for row in (
                ("rejon", "frakcja", "data"),
                ("Rejon 1", "zmieszane", "2030-03-01"),
                ("Rejon 2", "zmieszane", "2030-03-02"),
                ("Rejon 5", "zmieszane", "2030-03-05"),
                ("Rejon 5", "papier", "2030-03-15"),
                ("Rejon 7", "zmieszane", "2030-03-07"),
                ("Rejon 7", "papier", "2030-03-17"),
                ("Rejon 8", "zmieszane", "2030-03-08"),
                ("Rejon 8", "papier", "2030-03-18"))))
        status, out, err = ctl("import-schedule", "--gmina", TEST_TERC,
                               "--areas", areas, "--pickups", pickups)
        self.assertEqual(status, 0, err)
        self.assertIn("Zawartość: 5 rejonów, 7 reguł, 8 odbiorów.", out)
        self.assertEqual(self.point_areas("Wilkszyn, Grabowa"), {
            "zmieszane": ["Rejon 8"], "papier": ["Rejon 8"]})
        self.assertEqual(self.point_areas("Wilkszyn, Wiśniowe Wzgórze 1-25 nieparzyste, 2-24"),
                         {"zmieszane": ["Rejon 7"], "papier": ["Rejon 8"]})
        self.assertEqual(self.point_areas("Wilkszyn (pozostałe adresy)"), {
            "zmieszane": ["Rejon 7"], "papier": ["Rejon 7"]})
        self.assertEqual(self.point_areas("Wilkszyn (zabudowa wielorodzinna)"), {
            "zmieszane": ["Rejon 2"], "papier": ["Rejon 7"]})
        self.assertEqual(self.point_areas("Lutynia (zabudowa wielorodzinna)"), {
            "zmieszane": ["Rejon 1"], "papier": ["Rejon 5"]})
        self.assertEqual(self.point_areas("Lutynia (pozostałe adresy)"), {
            "zmieszane": ["Rejon 5"], "papier": ["Rejon 5"]})

    def test_fraction_alias_adds_name(self):
        self.addCleanup(sql, "DELETE FROM fraction_alias WHERE tenant_id = %d"
                        % self.tenant)
        version = int(sql("SELECT data_version FROM tenant WHERE id = %d"
                          % self.tenant)[0][0])
        status, out, err = ctl("fraction-alias", "--gmina", TEST_TERC, "PLASTYK",
                               "metale_tworzywa")
        self.assertEqual(status, 0, err)
        self.assertIn("„PLASTYK” → metale_tworzywa", out)
        self.assertEqual(sql("SELECT name_folded, fraction_code FROM fraction_alias"
                             " WHERE tenant_id = %d" % self.tenant),
                         [["plastyk", "metale_tworzywa"]])
        self.assertEqual(int(sql("SELECT data_version FROM tenant WHERE id = %d"
                                 % self.tenant)[0][0]), version + 1)
        pickups = self.copy_with_line(
            os.path.join(BORNE, "pickups.csv"), "terminy.csv", 14,
            "Tworzywa sztuczne + Papier + Szkło I;PLASTYK;2021-02-23")
        status, _, err = self.import_borne("--dry-run", pickups=pickups)
        self.assertEqual(status, 0, err)

    def test_fraction_alias_unknown_code(self):
        before = snapshot()
        status, _, err = ctl("fraction-alias", "--gmina", TEST_TERC, "PLASTYK", "plastik")
        self.assertNotEqual(status, 0)
        self.assertIn("Nieznany kod frakcji „plastik”.", err)
        self.assertIn("metale_tworzywa", err)
        self.assert_unchanged(before)


    # --- limits and malformed fields of the areas file ------------------------

    def test_schedule_names_over_column_limits(self):
        areas_path = os.path.join(BORNE, "areas.csv")
        lines = read_lines(areas_path)
        lines[2] = "Odpady komunalne I;%s;;;;\n" % ("Ł" * 101)
        lines[3] = "Odpady komunalne I;Łubowo;ul. %s;;;\n" % ("Ż" * 101)
        lines[4] = "%s;Łubowo;;;;\n" % ("R" * 101)
        areas = self.write_file("rejony.csv", "".join(lines))
        before = snapshot()
        result = self.import_borne(areas=areas)
        self.assert_rejected(result, "rejony.csv", 3,
                             "nazwa miejscowości jest za długa (najwyżej 100 znaków)")
        self.assert_rejected(result, "rejony.csv", 4, "nazwa ulicy jest za długa")
        self.assert_rejected(result, "rejony.csv", 5,
                             "nazwa rejonu jest za długa (najwyżej 100 znaków)")
        self.assertIn("Nie wczytano harmonogramu: 3 błędy.", result[2])
        self.assert_unchanged(before)

    def test_schedule_names_at_column_limits(self):
        # 100 characters are 200 bytes of "Ł"; the limits count characters.
        lines = read_lines(os.path.join(BORNE, "areas.csv"))
        lines.append("Odpady komunalne I;%s;ul. %s;;;\n" % ("Ł" * 100, "Ż" * 100))
        areas = self.write_file("rejony.csv", "".join(lines))
        status, out, err = self.import_borne("--dry-run", areas=areas)
        self.assertEqual(status, 0, err)
        self.assertIn("57 reguł", out)

    def test_schedule_numbers_over_label_limit(self):
        # 64 numbers in 383 bytes; the canonical form adds a space after each comma.
        numbers = ",".join("%dA" % n for n in range(1001, 1065))
        lines = read_lines(os.path.join(BORNE, "areas.csv"))
        lines.append('Odpady komunalne I;Łubowo;ul. Polna;"%s";;\n' % numbers)
        areas = self.write_file("rejony.csv", "".join(lines))
        before = snapshot()
        self.assert_rejected(self.import_borne(areas=areas), "rejony.csv", len(lines),
                             "lista numerów jest za długa (najwyżej 255 znaków)")
        self.assert_unchanged(before)

    def test_schedule_control_characters(self):
        lines = read_lines(os.path.join(BORNE, "areas.csv"))
        lines[2] = 'Odpady komunalne I;"Łubowo\tGórne";;;;\n'
        lines[5] = 'Odpady komunalne I;"Kłomino\nDolne";;;;\n'
        areas = self.write_file("rejony.csv", "".join(lines))
        before = snapshot()
        result = self.import_borne(areas=areas)
        self.assert_rejected(result, "rejony.csv", 3,
                             "pole zawiera znak sterujący U+0009")
        self.assert_rejected(result, "rejony.csv", 6,
                             "pole zawiera znak sterujący U+000A")
        self.assert_unchanged(before)

    def test_schedule_tab_separated_hint(self):
        text = "".join(read_lines(os.path.join(BORNE, "areas.csv"))).replace(";", "\t")
        areas = self.write_file("rejony.tsv", text)
        before = snapshot()
        self.assert_rejected(self.import_borne(areas=areas), "rejony.tsv", 1,
                             "nagłówek zawiera znaki tabulacji, więc plik jest chyba"
                             " rozdzielany tabulatorami")
        self.assert_unchanged(before)

    def test_pickups_row_with_several_fractions(self):
        lines = read_lines(os.path.join(BORNE, "pickups.csv"))
        lines.append("Tworzywa sztuczne + Papier + Szkło I;Papier i szkło;2021-04-27\n")
        pickups = self.write_file("terminy.csv", "".join(lines))
        status, out, err = self.import_borne("--dry-run", pickups=pickups)
        self.assertEqual(status, 0, err)
        self.assertIn("Zawartość: 5 rejonów, 56 reguł, 58 odbiorów.", out)

    def test_pickups_unknown_part_of_fractions(self):
        pickups = self.copy_with_line(
            os.path.join(BORNE, "pickups.csv"), "terminy.csv", 14,
            "Tworzywa sztuczne + Papier + Szkło I;Papier, PLASTYK;2021-02-23")
        before = snapshot()
        self.assert_rejected(self.import_borne(pickups=pickups), "terminy.csv", 14,
                             "nieznana frakcja „PLASTYK”")
        self.assert_unchanged(before)

    def test_schedule_source_stored(self):
        status, _, err = self.import_borne("--source", "Gmina Testowo, " + "ż" * 485)
        self.assertEqual(status, 0, err)
        self.assertEqual(sql("SELECT CHAR_LENGTH(source) FROM schedule_period"
                             " WHERE tenant_id = %d AND status = 'active'"
                             " AND valid_from = '2020-11-01'" % self.tenant), [["500"]])

    # --- TERC rows ------------------------------------------------------------

    def test_terc_reports_every_bad_row(self):
        path = self.write_file("terc_bad.csv", TERC_CSV
                               + "99;01;02;2;Druga;gmina wiejska;2020-01-01\r\n"
                               + "99;0X;;;zły;powiat;2020-01-01\r\n"
                               + "99;01;03;7x;Trzecia;gmina;2020-01-01\r\n"
                               + "99;01;04;2;Czwarta;gmina wiejska\r\n"
                               + "99;01;05;2;Piąta;gmina wiejska;2020-13-01\r\n")
        before = snapshot()
        status, out, err = ctl("import-terc", path)
        self.assertEqual(status, 1, out)
        self.assertIn("terc_bad.csv: Wiersz 6: nieprawidłowa wartość POW=0X", err)
        self.assertIn("terc_bad.csv: Wiersz 7: nieprawidłowa wartość RODZ=7x", err)
        self.assertIn("terc_bad.csv: Wiersz 8: wiersz ma 6 pól", err)
        self.assertIn("terc_bad.csv: Wiersz 9: nieprawidłowa wartość STAN_NA=2020-13-01", err)
        self.assertIn("Nie wczytano rejestru: 4 błędy. Baza danych pozostała bez zmian.", err)
        self.assert_unchanged(before)

    def test_terc_prints_first_50_bad_rows(self):
        bad = "".join("99;01;%02d;x;Zła %d;gmina;2020-01-01\r\n" % (n, n)
                      for n in range(10, 70))
        path = self.write_file("terc_bad.csv", TERC_CSV + bad)
        before = snapshot()
        status, _, err = ctl("import-terc", path)
        self.assertEqual(status, 1)
        self.assertEqual(len(re.findall(r"terc_bad\.csv: Wiersz \d+: ", err)), 50)
        self.assertIn("Wiersz 54: ", err)
        self.assertNotIn("Wiersz 55: ", err)
        self.assertIn("Nie pokazano dalszych błędów: 10.", err)
        self.assertIn("Nie wczytano rejestru: 60 błędów.", err)
        self.assert_unchanged(before)

    # --- address labels -------------------------------------------------------

    def test_labels_fold_without_suffix(self):
        rows = sql("SELECT label, label_en, label_folded FROM address_point"
                   " WHERE tenant_id = %d AND label LIKE 'Łubowo%%'"
                   " AND street_id = 0" % self.tenant)
        self.assertIn(["Łubowo (pozostałe adresy)", "Łubowo (other addresses)", "lubowo"],
                      rows)
        self.assertEqual(sql("SELECT COUNT(*) FROM address_point WHERE tenant_id = %d"
                             " AND (label_folded LIKE '%%adresy%%'"
                             " OR label_folded LIKE '%%pozostale%%')" % self.tenant),
                         [["0"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM address_point WHERE tenant_id = %d"
                             " AND label_en = ''" % self.tenant), [["0"]])
        polna = sql("SELECT label_en, label_folded FROM address_point"
                    " WHERE tenant_id = %d AND label = 'Łubowo, ul. Polna 18, 20, 21, 27, 33'"
                    % self.tenant)
        self.assertEqual(polna, [["Łubowo, ul. Polna 18, 20, 21, 27, 33",
                                  "lubowo ul polna 18 20 21 27 33"]])

    def test_portal_search_skips_label_suffixes(self):
        # The bundled Borne Sulinowo schedule, loaded by tools/load-data.
        for query in ("adresy", "pozostałe"):
            with self.subTest(query=query):
                response = request("/api/v1/addresses?gmina=%s&q=%s"
                                   % (BORNE_TERC, quote(query)))
                self.assertEqual(response.status, 200)
                self.assertEqual(response.json()["items"], [])
        response = request("/api/v1/addresses?gmina=%s&q=%s" % (BORNE_TERC, quote("łubowo")),
                           headers={"Accept-Language": "en"})
        labels = [item["label"] for item in response.json()["items"]]
        self.assertIn("Łubowo (other addresses)", labels)


def calendar(*events):
    """An iCalendar file with events, each a list of content lines between BEGIN and END."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ratusz//test_import//PL"]
    for event in events:
        lines += ["BEGIN:VEVENT"] + list(event) + ["END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(line + "\r\n" for line in lines)


def second_tuesdays(year):
    """The second Tuesday of each month of year, as YYYY-MM-DD."""
    days = []
    for month in range(1, 13):
        first = datetime.date(year, month, 1)
        days.append((first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7))
                    .isoformat())
    return days


class CalendarImportTest(unittest.TestCase):
    """Calendars, periods and labels, written to the second test gmina.

    Each test starts from a gmina without schedules, and the dates lie in 2040
    to 2043, so no test depends on another.
    """

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="ratusz-calendar-")
        remove_test_gmina(CALENDAR_TERC)
        path = os.path.join(cls.tmp, "terc.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(CALENDAR_TERC_CSV)
        status, _, err = ctl("import-terc", path)
        if status != 0:
            raise AssertionError("import-terc of the calendar gmina failed: " + err)
        cls.tenant = tenant_id(CALENDAR_TERC)

    @classmethod
    def tearDownClass(cls):
        remove_test_gmina(CALENDAR_TERC)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        remove_schedules(self.tenant)

    def write_file(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    def import_areas(self, areas, *options, lang="pl"):
        """Import one calendar per area: areas maps an area name to its events."""
        rows = "".join("%s;Nowa Wieś;;;;\n" % name for name in areas)
        args = ["--areas", self.write_file("rejony.csv",
                                           "rejon;miejscowość;ulica;numery;zabudowa;frakcje\n"
                                           + rows)]
        for number, (name, events) in enumerate(areas.items()):
            args += ["--ics", "%s=%s" % (name, self.write_file(
                "kalendarz%d.ics" % number, calendar(*events)))]
        return ctl("import-schedule", "--gmina", CALENDAR_TERC, *args, *options, lang=lang)

    def import_pickups(self, rows, *options, lang="pl"):
        """Import one pickups file: rows of (area, fraction, day) in areas of Nowa Wieś."""
        names = sorted({row[0] for row in rows})
        areas = self.write_file("rejony.csv", "rejon;miejscowość\n" + "".join(
            "%s;Nowa Wieś\n" % name for name in names))
        pickups = self.write_file("terminy.csv", "rejon;frakcja;data\n" + "".join(
            "%s;%s;%s\n" % row for row in rows))
        return ctl("import-schedule", "--gmina", CALENDAR_TERC, "--areas", areas,
                   "--pickups", pickups, *options, lang=lang)

    def periods(self):
        return sql("SELECT valid_from, valid_to, status FROM schedule_period"
                   " WHERE tenant_id = %d ORDER BY id" % self.tenant)

    def pickups(self):
        """Map each fraction to the sorted days of its pickups in active periods."""
        rows = sql("SELECT p.fraction_code, p.day FROM pickup p"
                   " JOIN area a ON a.id = p.area_id"
                   " JOIN schedule_period sp ON sp.id = a.period_id AND sp.status = 'active'"
                   " WHERE p.tenant_id = %d ORDER BY p.day" % self.tenant)
        days = {}
        for fraction, day in rows:
            days.setdefault(fraction, []).append(day)
        return days

    def assert_ok(self, result):
        status, out, err = result
        self.assertEqual(status, 0, err)
        return out, err

    # --- replacing periods ----------------------------------------------------

    def test_second_area_calendar_rejected(self):
        area_a = {"Rejon A": [["DTSTART;VALUE=DATE:20400105", "SUMMARY:Papier"],
                              ["DTSTART;VALUE=DATE:20401220", "SUMMARY:Papier"]]}
        area_b = {"Rejon B": [["DTSTART;VALUE=DATE:20400110", "SUMMARY:Szkło"]]}
        self.assert_ok(self.import_areas(area_a))
        before = snapshot()
        status, out, err = self.import_areas(area_b)
        self.assertEqual(status, 1, out)
        self.assertIn("Aktywny okres harmonogramu 2040-01-01 – 2040-12-31 nakłada się"
                      " na importowany okres 2040-01-01 – 2040-01-31, ale import nie"
                      " obejmuje go w całości", err)
        self.assertIn("Rejony tego okresu, których nie ma w imporcie: „Rejon A”.", err)
        self.assertIn("Dni tego okresu poza importowanym okresem: 2040-02-01 – 2040-12-31.",
                      err)
        self.assertIn("albo dodaj opcję --replace", err)
        self.assertIn("Nie wczytano harmonogramu: 1 błąd. Baza danych pozostała bez zmian.",
                      err)
        self.assertEqual(snapshot(), before)

        out, _ = self.assert_ok(self.import_areas(area_b, "--replace"))
        self.assertIn("Zastąpione wcześniejsze okresy harmonogramu: 1"
                      " (2040-01-01 – 2040-12-31).", out)
        self.assertEqual(self.periods(), [["2040-01-01", "2040-12-31", "replaced"],
                                          ["2040-01-01", "2040-01-31", "active"]])

    def test_all_areas_and_span_replace(self):
        both = {"Rejon A": [["DTSTART;VALUE=DATE:20400105", "SUMMARY:Papier"]],
                "Rejon B": [["DTSTART;VALUE=DATE:20400110", "SUMMARY:Szkło"]]}
        self.assert_ok(self.import_areas(both))
        # Area names match without case and diacritics, as in the areas file.
        renamed = {"rejon a": both["Rejon A"], "REJON B": both["Rejon B"],
                   "Rejon C": [["DTSTART;VALUE=DATE:20400301", "SUMMARY:Bio"]]}
        out, _ = self.assert_ok(self.import_areas(renamed))
        self.assertIn("Zastąpione wcześniejsze okresy harmonogramu: 1"
                      " (2040-01-01 – 2040-01-31).", out)
        self.assertEqual(self.periods(), [["2040-01-01", "2040-01-31", "replaced"],
                                          ["2040-01-01", "2040-03-31", "active"]])

    def test_one_month_rejected_naming_days(self):
        year = [("Rejon A", "papier", "2041-%02d-10" % month) for month in range(1, 13)]
        self.assert_ok(self.import_pickups(year))
        before = snapshot()
        march = [("Rejon A", "papier", "2041-03-10")]
        for options in ((), ("--dry-run",)):
            with self.subTest(options=options):
                status, _, err = self.import_pickups(march, *options)
                self.assertEqual(status, 1)
                self.assertIn("Dni tego okresu poza importowanym okresem:"
                              " 2041-01-01 – 2041-02-28, 2041-04-01 – 2041-12-31.", err)
                self.assertNotIn("Rejony tego okresu", err)
                self.assertEqual(snapshot(), before)
        status, _, err = self.import_pickups(march, lang="en")
        self.assertEqual(status, 1)
        self.assertIn("The active schedule period 2041-01-01 – 2041-12-31 overlaps the"
                      " imported period 2041-03-01 – 2041-03-31", err)
        self.assertIn("Days of that period outside the imported period:"
                      " 2041-01-01 – 2041-02-28, 2041-04-01 – 2041-12-31.", err)
        self.assertIn("or add the --replace option", err)

    def test_wider_span_replaces_two_periods(self):
        self.assert_ok(self.import_pickups([("Rejon A", "papier", "2042-01-10")]))
        self.assert_ok(self.import_pickups([("Rejon A", "papier", "2042-02-10")]))
        out, _ = self.assert_ok(self.import_pickups(
            [("Rejon A", "papier", "2042-01-10"), ("Rejon A", "szkło", "2042-02-11")]))
        self.assertIn("Zastąpione wcześniejsze okresy harmonogramu: 2"
                      " (2042-01-01 – 2042-01-31, 2042-02-01 – 2042-02-28).", out)
        self.assertEqual(self.pickups(), {"papier": ["2042-01-10"], "szklo": ["2042-02-11"]})

    def test_next_period_keeps_earlier_one(self):
        self.assert_ok(self.import_pickups([("Rejon A", "papier", "2043-01-10")]))
        out, _ = self.assert_ok(self.import_pickups([("Rejon B", "papier", "2043-02-10")]))
        self.assertIn("Zastąpione wcześniejsze okresy harmonogramu: 0.", out)
        self.assertEqual([row[2] for row in self.periods()], ["active", "active"])

    # --- calendars ------------------------------------------------------------

    def test_recurring_events_become_pickups(self):
        events = [
            ["UID:1", "DTSTART;VALUE=DATE:20400102", "SUMMARY:Zmieszane",
             "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=5",
             "EXDATE;VALUE=DATE:20400130", "RDATE;VALUE=DATE:20400131,20400301"],
            ["UID:2", "DTSTART;VALUE=DATE:20400110", "SUMMARY:Papier i szkło",
             "RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20401231"],
            ["UID:3", "DTSTART;VALUE=DATE:20400301", "SUMMARY:Bio", "STATUS:CANCELLED"],
            ["UID:4", "DTSTART;VALUE=DATE:20400315", "SUMMARY:TERMIN PŁATNOŚCI"],
            ["UID:5", "DTSTART;VALUE=DATE:20400316",
             "SUMMARY:Zbiórka gabarytów - zgłoszenia i opłata w urzędzie"],
            ["UID:6", "DTSTART:20400317T050000Z", "SUMMARY:Tworzywa sztuczne\\, metale"],
        ]
        out, _ = self.assert_ok(self.import_areas({"Rejon A": events}))
        self.assertIn("Zawartość: 1 rejon, 1 reguła, 32 odbiory.", out)
        self.assertIn("(np. terminy płatności): 1.", out)
        self.assertIn("odwołane (STATUS:CANCELLED): 1.", out)
        self.assertEqual(self.pickups(), {
            "zmieszane": ["2040-01-02", "2040-01-16", "2040-01-31", "2040-02-13",
                          "2040-02-27", "2040-03-01"],
            "papier": second_tuesdays(2040),
            "szklo": second_tuesdays(2040),
            "gabaryty": ["2040-03-16"],
            "metale_tworzywa": ["2040-03-17"]})

    def test_rule_part_not_supported(self):
        before = snapshot()
        status, _, err = self.import_areas({"Rejon A": [
            ["DTSTART;VALUE=DATE:20400102", "SUMMARY:Papier",
             "RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1"]]})
        self.assertEqual(status, 1)
        self.assertIn("kalendarz0.ics: Wiersz 7: reguła powtarzania (RRULE) zawiera"
                      " „BYSETPOS=-1”, czego import nie obsługuje.", err)
        self.assertEqual(snapshot(), before)

    def test_event_without_summary(self):
        status, _, err = self.import_areas({"Rejon A": [
            ["DTSTART;VALUE=DATE:20400102", "SUMMARY:Papier"],
            ["DTSTART;VALUE=DATE:20400109"],
            ["DTSTART;VALUE=DATE:20400116", "SUMMARY: "]]})
        self.assertEqual(status, 1)
        self.assertIn("kalendarz0.ics: Wiersz 8: brak nazwy frakcji (SUMMARY).", err)
        self.assertIn("kalendarz0.ics: Wiersz 11: brak nazwy frakcji (SUMMARY).", err)

    def test_open_ended_rule_needs_to(self):
        weekly = {"Rejon A": [["DTSTART;VALUE=DATE:20400102", "SUMMARY:Papier",
                               "RRULE:FREQ=WEEKLY"]]}
        status, _, err = self.import_areas(weekly)
        self.assertEqual(status, 1)
        self.assertIn("kalendarz0.ics: Wiersz 4: reguła powtarzania (RRULE) nie ma końca", err)
        out, _ = self.assert_ok(self.import_areas(weekly, "--from", "2040-01-01",
                                                  "--to", "2040-03-31"))
        self.assertIn("Okres: 2040-01-01 – 2040-03-31.", out)
        self.assertEqual(len(self.pickups()["papier"]), 13)
        self.assertEqual(self.pickups()["papier"][-1], "2040-03-26")
        # Ten years of Mondays end before 2051.
        status, _, err = self.import_areas(weekly, "--from", "2040-01-01",
                                           "--to", "2051-01-31", "--dry-run")
        self.assertEqual(status, 1)
        self.assertIn("daje ponad 1000 terminów albo sięga ponad 10 lat", err)

    def test_time_zones_of_events(self):
        out, err = self.assert_ok(self.import_areas({"Rejon A": [
            ["DTSTART;TZID=America/New_York:20400105T200000", "SUMMARY:Papier"],
            ["DTSTART;TZID=Europe/Warsaw:20400105T233000", "SUMMARY:Szkło"],
            ["DTSTART;TZID=Mars/Olympus:20400106T233000", "SUMMARY:Bio"],
            ["DTSTART;TZID=Mars/Olympus:20400107T233000", "SUMMARY:Bio"]]}))
        self.assertIn("kalendarz0.ics: Wiersz 13: nieznana strefa czasowa „Mars/Olympus”",
                      err)
        self.assertEqual(err.count("nieznana strefa czasowa"), 1)
        self.assertNotIn("America/New_York", err)
        # 20:00 in New York is 02:00 the next day in Warsaw.
        self.assertEqual(self.pickups(), {"papier": ["2040-01-06"], "szklo": ["2040-01-05"],
                                          "bio": ["2040-01-06", "2040-01-07"]})

    def test_building_labels_in_both_languages(self):
        areas = self.write_file("lutynia.csv", "rejon,miejscowosc,zabudowa\n"
                                "Rejon 1,Lutynia,wielorodzinna\n"
                                "Rejon 2,Lutynia,jednorodzinna\n")
        pickups = self.write_file("lutynia_terminy.csv", "rejon,frakcja,data\n"
                                  "Rejon 1,zmieszane,2031-03-01\n"
                                  "Rejon 2,zmieszane,2031-03-02\n")
        status, _, err = ctl("import-schedule", "--gmina", CALENDAR_TERC,
                             "--areas", areas, "--pickups", pickups)
        self.assertEqual(status, 0, err)
        self.assertEqual(sql("SELECT label, label_en, label_folded FROM address_point"
                             " WHERE tenant_id = %d AND label LIKE 'Lutynia%%'"
                             " ORDER BY label" % self.tenant),
                         [["Lutynia (zabudowa jednorodzinna)",
                           "Lutynia (single-family buildings)", "lutynia"],
                          ["Lutynia (zabudowa wielorodzinna)",
                           "Lutynia (multi-family buildings)", "lutynia"]])


class CommandLineTest(unittest.TestCase):
    """ratuszctl's help, options and file checks; imports run with --dry-run only."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="ratusz-ctl-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def import_borne(self, *options, areas=None):
        return ctl("import-schedule", "--gmina", BORNE_TERC, "--dry-run",
                   "--areas", areas or os.path.join(BORNE, "areas.csv"),
                   "--pickups", os.path.join(BORNE, "pickups.csv"), *options)

    def test_help_in_polish(self):
        for args in (["--help"], ["-h"], ["help"], ["-c", CONFIG, "--help"]):
            with self.subTest(args=args):
                status, out, err = ctl(*args)
                self.assertEqual(status, 0, err)
                self.assertTrue(out.startswith("Użycie: ratuszctl"), out)
                self.assertIn("import-schedule", out)
                self.assertIn("[--dry-run] [--replace]", out)
                self.assertEqual(err, "")

    def test_help_in_english(self):
        status, out, _ = ctl("--help", lang="en")
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("Usage: ratuszctl"), out)
        self.assertIn("--replace replaces overlapping periods", out)

    def test_help_of_one_command(self):
        for args in (["help", "import-schedule"], ["import-schedule", "--help"],
                     ["import-schedule", "-h"]):
            with self.subTest(args=args):
                status, out, _ = ctl(*args)
                self.assertEqual(status, 0)
                self.assertTrue(out.startswith("ratuszctl import-schedule: wczytuje"
                                               " harmonogram"), out)
                self.assertIn("--dry-run tylko sprawdza pliki", out)

    def test_unknown_options_in_polish(self):
        cases = ((["-x"], "Nieznana opcja „-x”."),
                 (["--bogus"], "Nieznana opcja „--bogus”."),
                 (["-c"], "Brak wymaganego argumentu -c."),
                 (["frobnicate"], "Nieznane polecenie „frobnicate”."),
                 (["help", "frobnicate"], "Nieznane polecenie „frobnicate”."),
                 (["import-schedule", "--bogus"], "Nieznana opcja „--bogus”."),
                 (["import-terc", "--bogus"], "Nieznana opcja „--bogus”."),
                 (["import-teryt", "-q", "x.xml"], "Nieznana opcja „-q”."))
        for args, message in cases:
            with self.subTest(args=args):
                status, out, err = ctl(*args)
                self.assertEqual(status, 2, out)
                self.assertIn("ratuszctl: " + message, err)
                self.assertNotIn("invalid option", err)
                self.assertNotIn("unrecognized option", err)

    def test_file_too_large_named(self):
        path = os.path.join(self.tmp, "ogromny.csv")
        with open(path, "wb") as f:
            f.truncate(17 * 1024 * 1024)
        status, _, err = self.import_borne(areas=path)
        self.assertEqual(status, 1)
        self.assertIn("Plik „%s” jest za duży (limit: 16 MiB)." % path, err)

    def test_directory_is_not_a_file(self):
        cases = (("import-terc", self.tmp),
                 ("import-teryt", self.tmp),
                 ("import-schedule", "--gmina", BORNE_TERC, "--dry-run", "--areas",
                  self.tmp, "--pickups", os.path.join(BORNE, "pickups.csv")))
        for args in cases:
            with self.subTest(command=args[0]):
                status, _, err = ctl(*args)
                self.assertEqual(status, 1)
                self.assertIn("„%s” nie jest zwykłym plikiem" % self.tmp, err)

    def test_areas_from_a_pipe(self):
        fifo = os.path.join(self.tmp, "rejony.fifo")
        os.mkfifo(fifo)
        self.addCleanup(os.unlink, fifo)
        with open(os.path.join(BORNE, "areas.csv"), "rb") as f:
            data = f.read()

        def write_areas():
            with open(fifo, "wb") as pipe:
                pipe.write(data)

        writer = threading.Thread(target=write_areas)
        writer.start()
        status, out, err = self.import_borne(areas=fifo)
        writer.join()
        self.assertEqual(status, 0, err)
        self.assertIn("Zawartość: 5 rejonów, 56 reguł, 56 odbiorów.", out)

    def test_source_checked(self):
        status, _, err = self.import_borne("--source", "ż" * 501)
        self.assertEqual(status, 2)
        self.assertIn("Opis źródła (--source) może mieć najwyżej 500 znaków.", err)
        status, out, err = self.import_borne("--source", "ż" * 500)
        self.assertEqual(status, 0, err)
        for source in (b"Gmina \xff\xfe", b"Gmina\nBorne"):
            with self.subTest(source=source):
                status, _, err = self.import_borne("--source", source)
                self.assertEqual(status, 2)
                self.assertIn("Opis źródła (--source) musi być tekstem UTF-8 bez znaków"
                              " sterujących", err)

    def test_gmina_part_names_whole_gmina(self):
        cases = (("3215044", "Kod TERC 3215044 oznacza miasto albo obszar wiejski gminy"
                  " miejsko-wiejskiej. Podaj kod całej gminy: 3215043."),
                 ("3215045", "Podaj kod całej gminy: 3215043."),
                 ("1465028", "Podaj kod całego miasta: 1465011."),
                 ("9909099", "Nie znaleziono gminy o kodzie TERC 9909099."))
        for terc, message in cases:
            with self.subTest(terc=terc):
                status, _, err = ctl("import-schedule", "--gmina", terc, "--dry-run",
                                     "--areas", os.path.join(BORNE, "areas.csv"),
                                     "--pickups", os.path.join(BORNE, "pickups.csv"))
                self.assertEqual(status, 1)
                self.assertIn(message, err)

def simc_xml(rows, other_gmina=None):
    """A SIMC register in the GUS XML form with rows (RM, NAZWA, SYM) of the test gmina."""
    def row(terc, kind, name, sym):
        return ("<row><WOJ>%s</WOJ><POW>%s</POW><GMI>%s</GMI><RODZ_GMI>%s</RODZ_GMI>"
                "<RM>%s</RM><MZ>1</MZ><NAZWA>%s</NAZWA><SYM>%s</SYM><SYMPOD>%s</SYMPOD>"
                "<STAN_NA>2025-01-01</STAN_NA></row>\n"
                % (terc[0:2], terc[2:4], terc[4:6], terc[6], kind, name, sym, sym))
    body = "".join(row(TEST_TERC, *r) for r in rows)
    if other_gmina is not None:
        body += row(other_gmina[0], "01", other_gmina[1], other_gmina[2])
    return ('<?xml version="1.0" encoding="utf-8"?>\n<SIMC>\n'
            '<catalog name="SIMC" type="ALL" date="2025-01-01">\n%s</catalog>\n</SIMC>\n'
            % body)


def ulic_xml(rows):
    """A ULIC register in the GUS XML form with rows (SYM, SYM_UL, CECHA, NAZWA_1, NAZWA_2)."""
    body = "".join(
        "<row><WOJ>99</WOJ><POW>01</POW><GMI>01</GMI><RODZ_GMI>1</RODZ_GMI>"
        "<SYM>%s</SYM><SYM_UL>%s</SYM_UL><CECHA>%s</CECHA><NAZWA_1>%s</NAZWA_1>"
        "<NAZWA_2>%s</NAZWA_2><STAN_NA>2025-01-01</STAN_NA></row>\n" % r for r in rows)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<ULIC>\n'
            '<catalog name="ULIC" type="ALL" date="2025-01-01">\n%s</catalog>\n</ULIC>\n'
            % body)


if __name__ == "__main__":
    unittest.main()
