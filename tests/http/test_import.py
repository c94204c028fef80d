"""ratuszctl imports against the test stack's MariaDB: TERC, TERYT XML, schedules, aliases.

Environment (tools/dev test sets it): RATUSZ_BIN (build directory with ratuszctl),
RATUSZ_CONFIG (its config file) and RATUSZ_DB_SOCKET. Every write goes to a test
gmina, TERC 9901011 in voivodeship 99, a code GUS does not use. The tests create it
with import-terc and delete it at the end, so the bundled data that other tests read
stays as tools/load-data left it. The schedule files are the bundled Borne Sulinowo
and Przodkowo files, loaded for the test gmina, and copies of them with one line
broken.
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("RATUSZ_BIN", "")
CONFIG = os.environ.get("RATUSZ_CONFIG", "")
SOCKET = os.environ.get("RATUSZ_DB_SOCKET", "")

TEST_TERC = "9901011"
BORNE = os.path.join(REPO, "data", "schedules", "borne-sulinowo")
PRZODKOWO = os.path.join(REPO, "data", "schedules", "przodkowo")
SPECIAL_AREA = "Rejon I z utrudnionym dojazdem"

TERC_CSV = (
    "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\r\n"
    "99;;;;TESTOWE;województwo;2020-01-01\r\n"
    "99;01;;;testowy;powiat;2020-01-01\r\n"
    "99;01;01;1;Testowo;gmina miejska;2020-01-01\r\n"
)

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


def tenant_id():
    rows = sql("SELECT id FROM tenant WHERE terc = '%s'" % TEST_TERC)
    return int(rows[0][0]) if rows else None


def remove_test_gmina():
    tenant = tenant_id()
    if tenant is not None:
        for table in ("point_area", "pickup", "area_rule", "area", "schedule_period",
                      "address_point", "street", "locality", "fraction_alias",
                      "tenant_fraction"):
            sql("DELETE FROM %s WHERE tenant_id = %d" % (table, tenant))
        sql("DELETE FROM tenant WHERE id = %d" % tenant)
    sql("DELETE FROM tenant WHERE terc LIKE '99%' AND has_schedule = 0")
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
        pattern = r"%s: wiersz %d: %s" % (re.escape(file_name), line, re.escape(message))
        self.assertRegex(err, re.compile(pattern, re.IGNORECASE))

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
        self.assertRegex(err, re.compile(r"terc_bad\.csv: wiersz 17: .*POW=0X", re.I))
        self.assert_unchanged(before)
        self.assertEqual(sql("SELECT terc, name FROM tenant WHERE terc LIKE '99%'"),
                         [[TEST_TERC, "Testowo"]])

    def test_teryt_truncated_xml_rolls_back(self):
        path = self.write_file("simc_cut.xml", simc_xml([
            ("01", "Nowa Osada", "9900002")])[:-40])
        before = snapshot()
        status, _, err = ctl("import-teryt", "--gmina", TEST_TERC, path)
        self.assertNotEqual(status, 0)
        self.assertRegex(err, re.compile(r"simc_cut\.xml: wiersz \d+: ", re.I))
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
        self.assertIn("terminy.csv: wiersz 14: nieznana frakcja „PLASTYK”. Dodaj ją"
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
        self.assertIn('terminy.csv: line 14: unknown fraction "PLASTYK". Add it with'
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
        self.assertRegex(err, re.compile(r"kalendarz\.ics: wiersz \d+: ", re.I))
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
        self.assertIn("Zastąpione wcześniejsze okresy harmonogramu: 1.", out)
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
