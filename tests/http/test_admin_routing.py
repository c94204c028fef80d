"""Routing of new reports and `ratuszctl gmina-setup`, checked in the database.

A gmina of its own (Sulęczyno, 2205072) gets units, a square boundary, a square
routing area and rules from a setup file; `ratuszctl report-create` then stores
reports through report_create, and each test reads the unit and needs_triage
that routing gave them. Runs against the stack of tools/dev test.
"""

import json
import math
import os
import tempfile
import unittest

import test_accounts as accounts

TERC = "2205072"

# Boundary: longitude 17.80..17.90, latitude 54.20..54.30. Area A inside it.
BOUNDARY = [[17.80, 54.20], [17.90, 54.20], [17.90, 54.30], [17.80, 54.30], [17.80, 54.20]]
AREA_A = [[17.83, 54.23], [17.87, 54.23], [17.87, 54.27], [17.83, 54.27], [17.83, 54.23]]
LAT = 54.25
# Ten metres of longitude at LAT, well inside the 25 m edge margin of report_route.
TEN_METRES = 10.0 / (111320.0 * math.cos(math.radians(LAT)))

UNITS = {
    "triage": "Przydział testowy",
    "default": "Jednostka domyślna",
    "category": "Jednostka kategorii",
    "area": "Jednostka obszaru",
    "both": "Jednostka kategorii i obszaru",
    "low": "Jednostka niskiego priorytetu",
}


def polygon(ring):
    return {"type": "Polygon", "coordinates": [ring]}


def setup_document():
    return {
        "units": [{"name": UNITS["triage"], "triage": True}] + [
            {"name": name, "kind": "external" if key == "area" else "department"}
            for key, name in UNITS.items() if key != "triage"],
        "boundary": polygon(BOUNDARY),
        "areas": [{"name": "Obszar A", "shape": polygon(AREA_A)}],
        "categories": [{
            "code": "t-group", "name_pl": "Grupa", "name_en": "Group",
            "children": [
                {"code": "t-c1", "name_pl": "Kategoria 1", "name_en": "Category 1",
                 "default_unit": UNITS["default"]},
                {"code": "t-c2", "name_pl": "Kategoria 2", "name_en": "Category 2",
                 "default_unit": UNITS["default"]},
                {"code": "t-c3", "name_pl": "Kategoria 3", "name_en": "Category 3"},
            ]}],
        "rules": [
            {"category": "t-c1", "area": "Obszar A", "unit": UNITS["both"]},
            {"area": "Obszar A", "unit": UNITS["area"], "priority": 100},
            {"category": "t-c1", "unit": UNITS["low"], "priority": 1},
            {"category": "t-c1", "unit": UNITS["category"], "priority": 5},
        ],
    }


def run_setup(document, lang="pl"):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False,
                                     encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False)
        name = f.name
    try:
        return accounts.ctl("gmina-setup", "--gmina", TERC, name, lang=lang)
    finally:
        os.unlink(name)


def create(category, lat=None, lon=None, address=None):
    """Store a report through ratuszctl report-create; returns (unit name, needs_triage)."""
    args = ["report-create", "--gmina", TERC, "--category", category,
            "--email", "mieszkaniec@example.pl", "--description", "Opis testowy"]
    if lat is not None:
        args += ["--lat", "%.7f" % lat, "--lon", "%.7f" % lon]
    else:
        args += ["--address", address]
    status, out, err = accounts.ctl(*args)
    if status != 0:
        raise AssertionError("report-create failed: %s" % err)
    number, unit, triage = out.strip().split("\t")
    rows = accounts.sql("SELECT u.name, r.needs_triage FROM report r JOIN unit u ON "
                        "u.id = r.unit_id JOIN tenant t ON t.id = r.tenant_id "
                        "WHERE t.terc = %s AND r.public_number = %s", TERC, number)
    return rows[0][0], rows[0][1] == "1", unit, triage


def counts():
    tenant = "(SELECT id FROM tenant WHERE terc = '%s')" % TERC
    return {table: accounts.sql("SELECT COUNT(*) FROM %s WHERE tenant_id = %s"
                                % (table, tenant))[0][0]
            for table in ("unit", "report_category", "routing_area", "routing_rule",
                          "category_field", "response_template")}


class RoutingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        status, out, err = run_setup(setup_document())
        if status != 0:
            raise AssertionError("gmina-setup failed: %s %s" % (out, err))

    def assert_routed(self, category, unit_key, triage, **where):
        unit, needs_triage, printed_unit, printed_triage = create(category, **where)
        self.assertEqual(unit, UNITS[unit_key])
        self.assertEqual(needs_triage, triage)
        self.assertEqual(printed_unit, unit)
        self.assertEqual(printed_triage, "1" if triage else "0")

    def test_category_and_area_beat_area(self):
        self.assert_routed("t-c1", "both", False, lat=LAT, lon=17.85)

    def test_area_beats_default_unit(self):
        self.assert_routed("t-c2", "area", False, lat=LAT, lon=17.85)

    def test_category_rule_outside_area(self):
        self.assert_routed("t-c1", "category", False, lat=LAT, lon=17.82)

    def test_default_unit_without_rule(self):
        self.assert_routed("t-c2", "default", False, lat=LAT, lon=17.82)

    def test_no_rule_no_default_triage(self):
        self.assert_routed("t-c3", "triage", True, lat=LAT, lon=17.82)

    def test_near_area_edge_triage(self):
        self.assert_routed("t-c1", "triage", True, lat=LAT, lon=17.83 + TEN_METRES)

    def test_near_area_edge_outside_triage(self):
        self.assert_routed("t-c2", "triage", True, lat=LAT, lon=17.83 - TEN_METRES)

    def test_near_boundary_triage(self):
        self.assert_routed("t-c2", "triage", True, lat=LAT, lon=17.80 + TEN_METRES)

    def test_outside_gmina_triage(self):
        self.assert_routed("t-c1", "triage", True, lat=LAT, lon=17.95)

    def test_far_outside_gmina_triage(self):
        self.assert_routed("t-c1", "triage", True, lat=-33.9, lon=151.2)

    def test_address_only_uses_category_rule(self):
        self.assert_routed("t-c1", "category", False, address="Sulęczyno, ul. Kościerska 1")

    def test_address_only_uses_default(self):
        self.assert_routed("t-c2", "default", False, address="Sulęczyno, ul. Kościerska 1")

    def test_office_report_seen_not_mailed(self):
        status, out, err = accounts.ctl("report-create", "--gmina", TERC, "--category", "t-c2",
                                        "--email", "telefon@example.pl", "--description",
                                        "Zgłoszenie telefoniczne", "--address", "Sulęczyno")
        self.assertEqual(status, 0, err)
        number = out.split("\t")[0]
        rows = accounts.sql("SELECT r.email_confirmed_at IS NOT NULL, f.confirmed_at IS NULL "
                            "FROM report r JOIN tenant t ON t.id = r.tenant_id "
                            "JOIN report_follower f ON f.report_id = r.id "
                            "WHERE t.terc = %s AND r.public_number = %s", TERC, number)
        self.assertEqual(rows, [["1", "1"]])

    def test_group_category_rejected(self):
        status, _, err = accounts.ctl("report-create", "--gmina", TERC, "--category",
                                      "t-group", "--email", "a@example.pl",
                                      "--description", "x", "--lat", "54.25",
                                      "--lon", "17.85")
        self.assertEqual(status, 2)
        self.assertIn("Wybierz kategorię", err)

    def test_setup_twice_changes_nothing(self):
        before = counts()
        status, out, _ = run_setup(setup_document())
        self.assertEqual(status, 0)
        self.assertIn("reguły 4", out)
        self.assertEqual(counts(), before)
        triage = accounts.sql("SELECT COUNT(*) FROM unit u JOIN tenant t ON "
                              "t.id = u.tenant_id WHERE t.terc = %s AND u.is_triage = 1",
                              TERC)
        self.assertEqual(triage, [["1"]])


class SetupErrorTest(unittest.TestCase):
    """Each bad file is rejected with a Polish message naming the member, and rolls back."""

    def assert_rejected(self, document, message, lang="pl"):
        before = counts()
        status, out, err = run_setup(document, lang=lang)
        self.assertEqual(status, 2, out + err)
        self.assertIn(message, err)
        self.assertEqual(counts(), before)

    def with_area(self, ring):
        return {"units": [{"name": "Jednostka błędów"}],
                "areas": [{"name": "Zły obszar", "shape": polygon(ring)}]}

    def test_crossing_edges_rejected(self):
        bowtie = [[17.81, 54.21], [17.83, 54.23], [17.83, 54.21], [17.81, 54.23],
                  [17.81, 54.21]]
        self.assert_rejected(self.with_area(bowtie), "krawędzie się przecinają")
        _, _, err = run_setup(self.with_area(bowtie))
        self.assertIn("(areas[0].shape)", err)

    def test_open_ring_rejected(self):
        ring = [[17.81, 54.21], [17.83, 54.21], [17.83, 54.23], [17.81, 54.23]]
        self.assert_rejected(self.with_area(ring + [[17.815, 54.22]]), "nie jest zamknięty")

    def test_short_ring_rejected(self):
        self.assert_rejected(self.with_area([[17.81, 54.21], [17.83, 54.21],
                                             [17.81, 54.21]]), "ma 3 punktów")

    def test_latitude_out_of_range(self):
        ring = [[17.81, 54.21], [17.83, 54.21], [17.83, 95.0], [17.81, 54.21]]
        self.assert_rejected(self.with_area(ring), "poza zakresem")

    def test_hole_outside_shell_rejected(self):
        shell = [[17.81, 54.21], [17.83, 54.21], [17.83, 54.23], [17.81, 54.23],
                 [17.81, 54.21]]
        hole = [[17.84, 54.21], [17.85, 54.21], [17.85, 54.22], [17.84, 54.21]]
        document = self.with_area(shell)
        document["areas"][0]["shape"]["coordinates"].append(hole)
        self.assert_rejected(document, "otwór leży poza obrysem")

    def test_overlapping_parts_rejected(self):
        a = [[17.81, 54.21], [17.83, 54.21], [17.83, 54.23], [17.81, 54.23], [17.81, 54.21]]
        b = [[17.82, 54.22], [17.84, 54.22], [17.84, 54.24], [17.82, 54.24], [17.82, 54.22]]
        document = {"areas": [{"name": "Zły obszar", "shape": {
            "type": "MultiPolygon", "coordinates": [[a], [b]]}}]}
        self.assert_rejected(document, "Wielokąt jest niepoprawny")

    def test_point_is_not_an_area(self):
        document = {"areas": [{"name": "Punkt", "shape": {
            "type": "Point", "coordinates": [17.8, 54.2]}}]}
        self.assert_rejected(document, "musi być wielokątem")

    def test_unknown_unit_named_with_path(self):
        document = {"units": [{"name": "Jednostka błędów"}],
                    "rules": [{"unit": "Nie ma takiej"}]}
        self.assert_rejected(document, "rules[0].unit: Nie ma takiej")

    def test_bad_datatype_named_with_path(self):
        document = {"categories": [{"code": "t-bad", "name_pl": "Zła", "name_en": "Bad",
                                    "fields": [{"code": "f", "datatype": "colour",
                                                "label_pl": "P", "label_en": "F"}]}]}
        self.assert_rejected(document, "categories[0].fields[0].datatype: colour")

    def test_list_without_values_rejected(self):
        document = {"categories": [{"code": "t-bad", "name_pl": "Zła", "name_en": "Bad",
                                    "fields": [{"code": "f", "datatype": "singlevaluelist",
                                                "label_pl": "P", "label_en": "F"}]}]}
        self.assert_rejected(document, "co najmniej jedną wartość")

    def test_code_twice_rejected(self):
        leaf = {"code": "t-twice", "name_pl": "A", "name_en": "A"}
        document = {"categories": [dict(leaf, children=[dict(leaf)])]}
        self.assert_rejected(document, "więcej niż raz")

    def test_control_character_rejected(self):
        document = {"units": [{"name": "Zła\u0007jednostka"}]}
        self.assert_rejected(document, "units[0].name")

    def test_english_message(self):
        document = {"units": [{"name": "Jednostka", "kind": "ministry"}]}
        self.assert_rejected(document, "Unknown unit kind in units[0].kind: ministry",
                             lang="en")

    def test_broken_json(self):
        before = counts()
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write('{"units": [')
            name = f.name
        try:
            status, _, err = accounts.ctl("gmina-setup", "--gmina", TERC, name)
        finally:
            os.unlink(name)
        self.assertEqual(status, 2)
        self.assertIn("nie jest poprawnym JSON-em", err)
        self.assertEqual(counts(), before)


class SetupTextTest(unittest.TestCase):
    def test_emoji_and_markup_stored_as_given(self):
        name = "Referat <script>alert(1)</script> 🚧 Zażółć"
        status, _, err = run_setup({"units": [{"name": name, "email": "a@b.example"}]})
        self.assertEqual(status, 0, err)
        rows = accounts.sql("SELECT u.email FROM unit u JOIN tenant t ON t.id = u.tenant_id "
                            "WHERE t.terc = %s AND u.name = %s", TERC, name)
        self.assertEqual(rows, [["a@b.example"]])


if __name__ == "__main__":
    unittest.main()
