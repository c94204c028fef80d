"""The gmina admin pages under /urzad/TERC/admin/: who may use them, what they store.

Gmina A (Stężyca, 2205062) gets units, a category, an area, a rule and a template
from `ratuszctl gmina-setup`; accounts are made with `ratuszctl create-admin` and
`grant`. The matrix sends every admin route as anonymous, resident, operator and
coordinator of A, administrator of another gmina (Chmielno, 2205012), platform
administrator and administrator of A. Runs against the stack of tools/dev test.
"""

import json
import os
import re
import tempfile
import unittest

import test_accounts as accounts
from test_accounts import Browser, ctl, sql

TERC = "2205062"
OTHER_TERC = "2205012"
PASSWORD = "hasło do stron administracji"

SETUP = {
    "units": [
        {"name": "Przydział Stężyca", "triage": True},
        {"name": "Referat Dróg Stężyca", "email": "drogi@stezyca.example"},
    ],
    "areas": [{"name": "Obszar testowy", "shape": {"type": "Polygon", "coordinates": [[
        [18.10, 54.20], [18.12, 54.20], [18.12, 54.22], [18.10, 54.22], [18.10, 54.20]]]}}],
    "categories": [{"code": "a-grupa", "name_pl": "Grupa", "name_en": "Group", "children": [
        {"code": "a-dziura", "name_pl": "Dziura", "name_en": "Pothole",
         "default_unit": "Referat Dróg Stężyca",
         "fields": [{"code": "size", "datatype": "singlevaluelist", "required": True,
                     "label_pl": "Wielkość", "label_en": "Size",
                     "values": [{"key": "s", "name_pl": "mała", "name_en": "small"}]}]}]}],
    "rules": [{"category": "a-dziura", "area": "Obszar testowy",
               "unit": "Referat Dróg Stężyca"}],
    "templates": [{"title": "Przyjęto", "body": "Dziękujemy."}],
}
OTHER_SETUP = {"units": [{"name": "Jednostka Chmielno"}]}

BOWTIE = json.dumps({"type": "Polygon", "coordinates": [[
    [18.10, 54.20], [18.12, 54.22], [18.12, 54.20], [18.10, 54.22], [18.10, 54.20]]]})
SQUARE = json.dumps({"type": "Feature", "properties": {}, "geometry": {
    "type": "Polygon", "coordinates": [[[18.13, 54.20], [18.14, 54.20], [18.14, 54.21],
                                        [18.13, 54.21], [18.13, 54.20]]]}})


def load_setup(terc, document):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False,
                                     encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False)
        name = f.name
    try:
        status, out, err = ctl("gmina-setup", "--gmina", terc, name)
    finally:
        os.unlink(name)
    if status != 0:
        raise AssertionError("gmina-setup failed: %s %s" % (out, err))


def one(query, *params):
    rows = sql(query, *params)
    return rows[0][0] if rows else None


def tenant(terc):
    return one("SELECT id FROM tenant WHERE terc = %s", terc)


def unit_id(name):
    return one("SELECT id FROM unit WHERE tenant_id = %s AND name = %s", tenant(TERC), name)


def make_account(tag, *roles):
    """Create a confirmed account with the given grant arguments; returns its address."""
    address = accounts.new_email(tag)
    status, _, err = ctl("create-admin", "--email", address, stdin=PASSWORD + "\n")
    if status != 0:
        raise AssertionError(err)
    ctl("revoke", "--email", address, "--role", "platform_admin")
    for args in roles:
        status, _, err = ctl("grant", "--email", address, *args)
        if status != 0:
            raise AssertionError(err)
    return address


def signed_in(address):
    browser = Browser()
    result = accounts.login(browser, address, PASSWORD)
    if result.status != 303:
        raise AssertionError("login of %s failed: %s" % (address, result.status))
    browser.get("/konto")
    return browser


def base(terc=TERC):
    return "/urzad/%s/admin" % terc


class AdminTestCase(unittest.TestCase):
    """Shared gminy and accounts; each class signs in from client addresses of its own."""

    @classmethod
    def setUpClass(cls):
        accounts.use_new_client_address()
        load_setup(TERC, SETUP)
        load_setup(OTHER_TERC, OTHER_SETUP)
        road = "Referat Dróg Stężyca"
        cls.admin = make_account("admin", ("--role", "gmina_admin", "--gmina", TERC))
        cls.browser = signed_in(cls.admin)
        cls.road_unit = unit_id(road)
        cls.triage_unit = unit_id("Przydział Stężyca")
        cls.category = one("SELECT id FROM report_category WHERE tenant_id = %s AND "
                           "code = 'a-dziura'", tenant(TERC))
        cls.group = one("SELECT id FROM report_category WHERE tenant_id = %s AND "
                        "code = 'a-grupa'", tenant(TERC))
        cls.field = one("SELECT id FROM category_field WHERE category_id = %s", cls.category)
        cls.area = one("SELECT id FROM routing_area WHERE tenant_id = %s", tenant(TERC))
        cls.rule = one("SELECT id FROM routing_rule WHERE tenant_id = %s", tenant(TERC))
        cls.template = one("SELECT id FROM response_template WHERE tenant_id = %s",
                           tenant(TERC))

    def page(self, path):
        result = self.browser.get(base() + path)
        self.assertEqual(result.status, 200, result.text[:500])
        return result

    def post(self, path, form):
        self.browser.get(base())
        return self.browser.post(base() + path, form)

    def assert_rejected(self, result, message):
        self.assertEqual(result.status, 400, result.text[:300])
        self.assertIn(message, result.main_text())

    def last_audit(self, event):
        rows = sql("SELECT detail FROM audit_log WHERE event = %s AND account_id = "
                   "(SELECT id FROM account WHERE email_key = %s) ORDER BY id DESC LIMIT 1",
                   "admin." + event, self.admin.lower())
        self.assertTrue(rows, "no audit row admin.%s" % event)
        return rows[0][0]


class AuthorizationMatrixTest(AdminTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        road = "Referat Dróg Stężyca"
        cls.others = {
            "resident": make_account("mieszkaniec"),
            "operator": make_account("operator", ("--role", "operator", "--gmina", TERC,
                                                  "--unit", road)),
            "coordinator": make_account("koordynator", ("--role", "coordinator",
                                                        "--gmina", TERC)),
            "other_admin": make_account("inny", ("--role", "gmina_admin", "--gmina",
                                                 OTHER_TERC)),
        }
        platform = accounts.new_email("platforma")
        ctl("create-admin", "--email", platform, stdin=PASSWORD + "\n")
        cls.others["platform_admin"] = platform

    def routes(self):
        c, f = self.category, self.field
        get = ["", "/jednostki", "/jednostki/%s" % self.road_unit, "/role", "/kategorie",
               "/kategorie/%s" % c, "/obszary", "/obszary/%s" % self.area, "/reguly",
               "/szablony", "/szablony/%s" % self.template]
        post = [("/jednostki", {"name": "Nowa", "kind": "department"}),
                ("/jednostki/%s" % self.road_unit, {"name": "Zmieniona", "kind": "external",
                                                     "active": "1"}),
                ("/role", {"email": self.admin, "role": "coordinator"}),
                ("/role/%s/usun" % one("SELECT id FROM account_role WHERE tenant_id = %s "
                                        "LIMIT 1", tenant(TERC)), {}),
                ("/kategorie", {"code": "a-nowa", "name_pl": "N", "name_en": "N"}),
                ("/kategorie/%s" % c, {"code": "a-dziura", "name_pl": "X", "name_en": "X"}),
                ("/kategorie/%s/pola" % c, {"f_code": "x", "f_datatype": "string",
                                            "f_label_pl": "X", "f_label_en": "X"}),
                ("/kategorie/%s/pola/%s" % (c, f), {"f_code": "x", "f_datatype": "string",
                                                    "f_label_pl": "X", "f_label_en": "X"}),
                ("/kategorie/%s/pola/%s/usun" % (c, f), {}),
                ("/obszary", {"name": "Nowy", "shape": SQUARE}),
                ("/obszary/%s" % self.area, {"name": "Zmieniony", "shape": SQUARE}),
                ("/obszary/%s/usun" % self.area, {}),
                ("/reguly", {"unit": str(self.road_unit)}),
                ("/reguly/%s/usun" % self.rule, {}),
                ("/szablony", {"title": "T", "body": "B"}),
                ("/szablony/%s" % self.template, {"title": "T", "body": "B"}),
                ("/szablony/%s/usun" % self.template, {})]
        return get, post

    def snapshot(self):
        t = tenant(TERC)
        return [sql("CHECKSUM TABLE unit, account_role, report_category, category_field, "
                    "routing_area, routing_rule, response_template"),
                one("SELECT COUNT(*) FROM audit_log WHERE event LIKE 'admin.%%'"), t]

    def test_anonymous_get_goes_to_login(self):
        get, post = self.routes()
        for path in get:
            with self.subTest(path=path):
                result = Browser().get(base() + path)
                self.assertEqual(result.status, 303)
                self.assertIn("/konto/logowanie?next=", result.headers["Location"])

    def test_anonymous_post_forbidden(self):
        _, post = self.routes()
        before = self.snapshot()
        for path, form in post:
            with self.subTest(path=path):
                browser = Browser()
                browser.get("/")
                self.assertEqual(browser.post(base() + path, form).status, 403)
        self.assertEqual(self.snapshot(), before)

    def test_other_roles_forbidden(self):
        get, post = self.routes()
        before = self.snapshot()
        for role, address in self.others.items():
            browser = signed_in(address)
            for path in get:
                with self.subTest(role=role, path=path):
                    self.assertEqual(browser.get(base() + path).status, 403)
            for path, form in post:
                with self.subTest(role=role, path=path, method="POST"):
                    browser.get("/konto")
                    self.assertEqual(browser.post(base() + path, form).status, 403)
        self.assertEqual(self.snapshot(), before)

    def test_admin_of_gmina_allowed(self):
        get, _ = self.routes()
        for path in get:
            with self.subTest(path=path):
                self.page(path)

    def test_other_admin_sees_own_gmina_only(self):
        browser = signed_in(self.others["other_admin"])
        self.assertEqual(browser.get(base(OTHER_TERC)).status, 200)
        other_unit = one("SELECT id FROM unit WHERE tenant_id = %s", tenant(OTHER_TERC))
        self.assertEqual(self.browser.get(base() + "/jednostki/%s" % other_unit).status, 404)
        self.assertEqual(self.browser.get(base(OTHER_TERC)).status, 403)

    def test_unknown_gmina_not_found(self):
        self.assertEqual(self.browser.get(base("9999999")).status, 404)

    def test_post_without_csrf_forbidden(self):
        before = self.snapshot()
        self.browser.get(base())
        result = self.browser.post(base() + "/jednostki", {"name": "Bez tokenu",
                                                            "kind": "department"},
                                   with_csrf=False)
        self.assertEqual(result.status, 403)
        result = self.browser.post(base() + "/jednostki", {"name": "Obcy origin",
                                                            "kind": "department"},
                                   origin="http://evil.example")
        self.assertEqual(result.status, 403)
        self.assertEqual(self.snapshot(), before)


class UnitPagesTest(AdminTestCase):
    def test_add_unit_audited_without_names(self):
        result = self.post("/jednostki", {"name": "Referat Nowy", "kind": "external",
                                          "email": "nowy@stezyca.example"})
        self.assertEqual(result.status, 303)
        new_id = unit_id("Referat Nowy")
        self.assertEqual(sql("SELECT kind, email, active FROM unit WHERE id = %s", new_id),
                         [["external", "nowy@stezyca.example", "1"]])
        detail = self.last_audit("unit_add")
        self.assertEqual(detail, "tenant=%s unit=%s" % (tenant(TERC), new_id))

    def test_bad_email_keeps_form(self):
        result = self.post("/jednostki", {"name": "Referat Błędny", "kind": "department",
                                          "email": "to nie adres"})
        self.assert_rejected(result, "Adres e-mail jednostki jest niepoprawny")
        self.assertIn('value="Referat Błędny"', result.text)
        self.assertIn('value="to nie adres"', result.text)
        self.assertIsNone(unit_id("Referat Błędny"))

    def test_duplicate_name_rejected(self):
        result = self.post("/jednostki", {"name": "Referat Dróg Stężyca",
                                          "kind": "department"})
        self.assert_rejected(result, "Jednostka o tej nazwie już istnieje")

    def test_triage_unit_stays_active(self):
        result = self.post("/jednostki/%s" % self.triage_unit,
                           {"name": "Przydział Stężyca", "kind": "department"})
        self.assert_rejected(result, "nie można wyłączyć")
        self.assertEqual(one("SELECT active FROM unit WHERE id = %s", self.triage_unit), "1")

    def test_rename_and_deactivate(self):
        self.post("/jednostki", {"name": "Referat Do Zmiany", "kind": "department"})
        target = unit_id("Referat Do Zmiany")
        result = self.post("/jednostki/%s" % target, {"name": "Referat Po Zmianie",
                                                       "kind": "external"})
        self.assertEqual(result.status, 303)
        self.assertEqual(sql("SELECT name, kind, active FROM unit WHERE id = %s", target),
                         [["Referat Po Zmianie", "external", "0"]])
        self.assertIn("active=0", self.last_audit("unit_save"))

    def test_markup_and_emoji_shown_as_text(self):
        name = "<script>alert('x')</script> Referat 🚧 Zażółć"
        result = self.post("/jednostki", {"name": name, "kind": "department"})
        self.assertEqual(result.status, 303)
        page = self.page("/jednostki").text
        self.assertNotIn("<script>alert", page)
        self.assertIn("&lt;script&gt;alert(", page)
        self.assertIn("Referat 🚧 Zażółć", page)
        self.assertEqual(unit_id(name) is not None, True)


class RolePagesTest(AdminTestCase):
    def test_grant_and_revoke_coordinator(self):
        address = make_account("nowy")
        result = self.post("/role", {"email": address.upper(), "role": "coordinator"})
        self.assertEqual(result.status, 303)
        rows = sql("SELECT r.id FROM account_role r JOIN account a ON a.id = r.account_id "
                   "WHERE a.email_key = %s AND r.role = 'coordinator' AND r.tenant_id = %s",
                   address.lower(), tenant(TERC))
        self.assertEqual(len(rows), 1)
        self.assertIn("role=coordinator", self.last_audit("role_grant"))
        self.assertNotIn(address.lower(), self.last_audit("role_grant"))
        self.assertIn(address, self.page("/role").text)
        result = self.post("/role/%s/usun" % rows[0][0], {})
        self.assertEqual(result.status, 303)
        self.assertEqual(one("SELECT COUNT(*) FROM account_role WHERE id = %s", rows[0][0]), "0")

    def test_operator_needs_unit(self):
        address = make_account("bezjednostki")
        result = self.post("/role", {"email": address, "role": "operator"})
        self.assert_rejected(result, "wybierz aktywną jednostkę")
        result = self.post("/role", {"email": address, "role": "operator",
                                     "unit": str(self.road_unit)})
        self.assertEqual(result.status, 303)

    def test_unknown_account_rejected(self):
        address = accounts.new_email("nieistnieje")
        result = self.post("/role", {"email": address, "role": "gmina_admin"})
        self.assert_rejected(result, "Nie ma potwierdzonego konta")
        self.assertIn('value="%s"' % address, result.text)

    def test_own_admin_role_kept(self):
        own = one("SELECT r.id FROM account_role r JOIN account a ON a.id = r.account_id "
                  "WHERE a.email_key = %s AND r.role = 'gmina_admin'", self.admin.lower())
        result = self.post("/role/%s/usun" % own, {})
        self.assert_rejected(result, "Nie możesz odebrać sobie roli")
        self.assertEqual(self.browser.get(base()).status, 200)

    def test_role_of_other_gmina_not_found(self):
        other = make_account("obcy", ("--role", "coordinator", "--gmina", OTHER_TERC))
        role = one("SELECT r.id FROM account_role r JOIN account a ON a.id = r.account_id "
                   "WHERE a.email_key = %s", other.lower())
        self.assertEqual(self.post("/role/%s/usun" % role, {}).status, 404)
        self.assertEqual(one("SELECT COUNT(*) FROM account_role WHERE id = %s", role), "1")


class CategoryPagesTest(AdminTestCase):
    def test_add_category_under_group_with_help(self):
        result = self.post("/kategorie", {
            "code": "a-lampa", "name_pl": "Lampa 💡", "name_en": "Lamp", "parent":
            str(self.group), "help_pl": "Pierwszy wiersz\nDrugi wiersz", "help_en": "Help",
            "default_unit": str(self.road_unit), "deadline_days": "5", "public": "1"})
        self.assertEqual(result.status, 303)
        rows = sql("SELECT parent_id, name_pl, help_pl, default_unit_id, deadline_days, "
                   "is_public FROM report_category WHERE tenant_id = %s AND code = 'a-lampa'",
                   tenant(TERC))
        self.assertEqual(rows, [[self.group, "Lampa 💡", "Pierwszy wiersz\\nDrugi wiersz",
                                 str(self.road_unit), "5", "1"]])

    def test_non_public_and_deactivated(self):
        self.post("/kategorie", {"code": "a-socjalne", "name_pl": "Socjalne",
                                 "name_en": "Social"})
        cid = one("SELECT id FROM report_category WHERE code = 'a-socjalne' AND "
                  "tenant_id = %s", tenant(TERC))
        self.assertEqual(one("SELECT is_public FROM report_category WHERE id = %s", cid), "0")
        result = self.post("/kategorie/%s" % cid, {"code": "a-socjalne", "name_pl": "Socjalne",
                                                   "name_en": "Social", "deadline_days": "3"})
        self.assertEqual(result.status, 303)
        self.assertEqual(sql("SELECT active, deadline_days FROM report_category WHERE id = %s",
                             cid), [["0", "3"]])

    def test_move_under_own_child_rejected(self):
        result = self.post("/kategorie/%s" % self.group, {
            "code": "a-grupa", "name_pl": "Grupa", "name_en": "Group",
            "parent": str(self.category), "active": "1"})
        self.assert_rejected(result, "nie można przenieść do niej samej")
        self.assertEqual(one("SELECT parent_id FROM report_category WHERE id = %s",
                             self.group), "NULL")

    def test_bad_code_and_deadline_keep_form(self):
        result = self.post("/kategorie", {"code": "zły kod", "name_pl": "Ąę", "name_en": "A"})
        self.assert_rejected(result, "Kod kategorii może mieć od 1 do 40 znaków")
        self.assertIn('value="zły kod"', result.text)
        result = self.post("/kategorie", {"code": "a-termin", "name_pl": "T", "name_en": "T",
                                          "deadline_days": "0"})
        self.assert_rejected(result, "od 1 do 365")
        self.assertIn('value="a-termin"', result.text)

    def test_code_of_other_category_rejected(self):
        result = self.post("/kategorie", {"code": "a-dziura", "name_pl": "D", "name_en": "D"})
        self.assert_rejected(result, "Kategoria o tym kodzie już istnieje")

    def test_list_field_with_values(self):
        result = self.post("/kategorie/%s/pola" % self.category, {
            "f_code": "material", "f_datatype": "multivaluelist", "f_required": "1",
            "f_label_pl": "Nawierzchnia", "f_label_en": "Surface",
            "f_values": "asfalt | asfalt | asphalt\n\nkostka | kostka 🧱 | paving\n"})
        self.assertEqual(result.status, 303)
        field = one("SELECT id FROM category_field WHERE category_id = %s AND code = "
                    "'material'", self.category)
        self.assertEqual(sql("SELECT value_key, name_pl FROM category_field_value WHERE "
                             "field_id = %s ORDER BY sort_order", field),
                         [["asfalt", "asfalt"], ["kostka", "kostka 🧱"]])
        self.assertIn("field=%s" % field, self.last_audit("field_add"))

    def test_bad_values_keep_form(self):
        result = self.post("/kategorie/%s/pola" % self.category, {
            "f_code": "zle", "f_datatype": "singlevaluelist", "f_label_pl": "Złe",
            "f_label_en": "Bad", "f_values": "tylko klucz"})
        self.assert_rejected(result, "klucz | nazwa po polsku | nazwa po angielsku")
        self.assertIn("tylko klucz</textarea>", result.text)
        result = self.post("/kategorie/%s/pola" % self.category, {
            "f_code": "zle", "f_datatype": "string", "f_label_pl": "Złe",
            "f_label_en": "Bad", "f_values": "a | b | c"})
        self.assert_rejected(result, "Wartości do wyboru mają tylko pola wyboru")
        result = self.post("/kategorie/%s/pola" % self.category, {
            "f_code": "zle", "f_datatype": "colour", "f_label_pl": "Złe", "f_label_en": "Bad"})
        self.assert_rejected(result, "Wybierz typ pola")

    def test_field_save_and_delete(self):
        self.post("/kategorie/%s/pola" % self.category, {
            "f_code": "numer", "f_datatype": "string", "f_label_pl": "Numer",
            "f_label_en": "Number"})
        field = one("SELECT id FROM category_field WHERE category_id = %s AND code = 'numer'",
                    self.category)
        result = self.post("/kategorie/%s/pola/%s" % (self.category, field), {
            "f_code": "numer", "f_datatype": "number", "f_label_pl": "Numer słupa",
            "f_label_en": "Post number", "f_help_pl": "Na słupie"})
        self.assertEqual(result.status, 303)
        self.assertEqual(sql("SELECT datatype, label_pl, help_pl FROM category_field "
                             "WHERE id = %s", field), [["number", "Numer słupa", "Na słupie"]])
        result = self.post("/kategorie/%s/pola/%s/usun" % (self.category, field), {})
        self.assertEqual(result.status, 303)
        self.assertEqual(one("SELECT COUNT(*) FROM category_field WHERE id = %s", field), "0")

    def test_field_of_other_category_not_found(self):
        result = self.post("/kategorie/%s/pola/%s/usun" % (self.group, self.field), {})
        self.assertEqual(result.status, 404)


class AreaRulePagesTest(AdminTestCase):
    def test_add_area_from_feature(self):
        result = self.post("/obszary", {"name": "Kwadrat", "shape": SQUARE})
        self.assertEqual(result.status, 303)
        area = one("SELECT id FROM routing_area WHERE tenant_id = %s AND name = 'Kwadrat'",
                   tenant(TERC))
        self.assertEqual(one("SELECT ST_AsText(shape) FROM routing_area WHERE id = %s", area),
                         "POLYGON((18.13 54.2,18.14 54.2,18.14 54.21,18.13 54.21,18.13 54.2))")
        self.assertEqual(self.last_audit("area_add"), "tenant=%s area=%s" % (tenant(TERC), area))
        self.assertIn("18.13", self.page("/obszary/%s" % area).text)

    def test_crossing_edges_keep_pasted_text(self):
        result = self.post("/obszary", {"name": "Motylek", "shape": BOWTIE})
        self.assert_rejected(result, "krawędzie się przecinają")
        self.assertIn("[18.12,54.22]", result.text.replace(" ", ""))
        self.assertIn('value="Motylek"', result.text)

    def test_shape_errors(self):
        cases = [
            ('{"type": "Polygon", "coordinates": [[[18.1, 54.2], [18.2, 54.2], '
             '[18.2, 54.3], [18.1, 54.3]]]}', "nie jest zamknięty"),
            ('{"type": "Polygon", "coordinates": [[[18.1, 54.2], [18.2, 54.2], '
             '[18.1, 54.2]]]}', "co najmniej 4"),
            ('{"type": "Polygon", "coordinates": [[[18.1, 54.2], [18.2, 94.2], '
             '[18.2, 54.3], [18.1, 54.2]]]}', "poza zakresem"),
            ('{"type": "Point", "coordinates": [18.1, 54.2]}', "musi być wielokątem"),
            ('{"type": "Polygon", "coordinates": [[[18.1, 54.2], ', "nie jest poprawnym"),
            ('', "Wklej kształt obszaru"),
        ]
        for shape, message in cases:
            with self.subTest(message=message):
                self.assert_rejected(self.post("/obszary", {"name": "Zły", "shape": shape}),
                                    message)

    def test_edit_area_keeps_rules(self):
        result = self.post("/obszary/%s" % self.area, {"name": "Obszar testowy",
                                                        "shape": SQUARE})
        self.assertEqual(result.status, 303)
        self.assertEqual(one("SELECT COUNT(*) FROM routing_rule WHERE area_id = %s",
                             self.area), "1")

    def test_rule_add_and_delete(self):
        result = self.post("/reguly", {"category": str(self.category),
                                       "unit": str(self.road_unit), "priority": "-5"})
        self.assertEqual(result.status, 303)
        rule = one("SELECT id FROM routing_rule WHERE tenant_id = %s AND priority = -5",
                   tenant(TERC))
        self.assertIn("rule=%s category=%s area=0" % (rule, self.category),
                      self.last_audit("rule_add"))
        self.assertEqual(self.post("/reguly/%s/usun" % rule, {}).status, 303)
        self.assertEqual(one("SELECT COUNT(*) FROM routing_rule WHERE id = %s", rule), "0")

    def test_rule_errors_keep_form(self):
        result = self.post("/reguly", {"unit": str(self.road_unit), "priority": "dużo"})
        self.assert_rejected(result, "Priorytet musi być liczbą")
        self.assertIn('value="dużo"', result.text)
        result = self.post("/reguly", {"category": str(self.group),
                                       "unit": str(self.road_unit)})
        self.assert_rejected(result, "kategorię bez podkategorii")
        result = self.post("/reguly", {})
        self.assert_rejected(result, "Wybierz aktywną jednostkę")

    def test_rule_unit_of_other_gmina_rejected(self):
        other = one("SELECT id FROM unit WHERE tenant_id = %s", tenant(OTHER_TERC))
        self.assert_rejected(self.post("/reguly", {"unit": other}), "Wybierz aktywną jednostkę")


class TemplatePagesTest(AdminTestCase):
    def test_template_round_trip(self):
        body = "Dzień dobry,\nnaprawa zaplanowana 🛠️.\n<b>bez HTML</b>"
        result = self.post("/szablony", {"title": "Naprawa", "body": body,
                                         "unit": str(self.road_unit)})
        self.assertEqual(result.status, 303)
        template = one("SELECT id FROM response_template WHERE tenant_id = %s AND "
                       "title = 'Naprawa'", tenant(TERC))
        self.assertEqual(one("SELECT body FROM response_template WHERE id = %s", template),
                         body.replace("\n", "\\n"))
        page = self.page("/szablony").text
        self.assertIn("&lt;b&gt;bez HTML&lt;/b&gt;", page)
        self.assertNotIn("<b>bez HTML", page)
        result = self.post("/szablony/%s" % template, {"title": "Naprawa 2", "body": "Krótko"})
        self.assertEqual(result.status, 303)
        self.assertEqual(sql("SELECT title, body, unit_id FROM response_template WHERE id = %s",
                             template), [["Naprawa 2", "Krótko", "NULL"]])
        self.assertEqual(self.post("/szablony/%s/usun" % template, {}).status, 303)
        self.assertIn("template=%s" % template, self.last_audit("template_delete"))

    def test_empty_body_keeps_title(self):
        result = self.post("/szablony", {"title": "Bez treści", "body": "  "})
        self.assert_rejected(result, "Wpisz treść szablonu")
        self.assertIn('value="Bez treści"', result.text)


if __name__ == "__main__":
    unittest.main()
