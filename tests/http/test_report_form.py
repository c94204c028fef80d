"""HTTP tests of the problem report form at /gmina/TERC/zgloszenia/nowe: the category
tree, extra fields by datatype and their server-side checks, errors beside their fields
with the input kept, the address search without JavaScript, reports of signed-in
residents, and reports confirmed by an e-mail link.

Runs against the stack of tools/dev test; see report_fixture.py for the test data.
Requests use the real clock, so the stack's dispatcher delivers the mail they queue.
"""

import hashlib
import json
import re
import time
import unittest

from test_accounts import future_now, read_config
from report_fixture import (FORM, LAT, LON, OTHER_TERC, TERC, Browser, Fixture,
                            confirm_link, created_number, messages, new_email, one,
                            parse_html, path_of, pothole_form, register_confirmed,
                            report_row, sql, submit, fresh_client,
                            wait_for_outbox)

fixture = None
resident = None
resident_address = None
# A second account, so that neither reaches the limit of reports per account.
second_resident = None

EMOJI_TEXT = "Zażółć gęślą jaźń 🚧🕳️ — dziura\nna dwóch liniach"


def setUpModule():
    global fixture, resident, resident_address, second_resident
    fixture = Fixture()
    fresh_client()
    resident_address = new_email("Mieszkaniec")
    resident = register_confirmed(resident_address)
    second_resident = register_confirmed(new_email("Mieszkanka"))


def batch_text(value):
    """Undo the escaping of the mariadb client's batch output (\\n, \\t, \\\\)."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "0": "\0"}.get(m.group(1),
                                                                          m.group(1)), value)


def field_error(page, name):
    node = parse_html(page.text).find(id=name + "-error")
    return node.text() if node is not None else None


def input_value(page, name):
    node = parse_html(page.text).find(name=name)
    if node is None:
        return None
    if node.tag == "textarea":
        return "".join(p for p in node.parts if isinstance(p, str))
    return node.attrs.get("value")


class CategoryTreeTest(unittest.TestCase):
    def test_groups_then_leaf_with_help(self):
        page = Browser().get(FORM)
        self.assertEqual(page.status, 200)
        tree = parse_html(page.text).find("ul", cls="category-tree")
        links = {a.text(): a.attrs["href"] for a in tree.find_all("a")}
        group_name = "Drogi i chodniki %s" % fixture.tag
        self.assertEqual(links[group_name], "%s?grupa=%d" % (FORM, fixture.group))
        self.assertNotIn("Dziura w jezdni", links, "leaves of a group wait for the group")

        group = Browser().get(links[group_name])
        self.assertEqual(group.status, 200)
        leaves = parse_html(group.text).find("ul", cls="category-tree")
        self.assertIn("Dziura w jezdni", leaves.text())
        self.assertIn("Podaj, jak głęboka jest dziura.", leaves.text())
        self.assertIsNotNone(leaves.find("a", href="%s?kategoria=%d" % (FORM, fixture.pothole)))

    def test_form_renders_fields_by_datatype(self):
        page = Browser().get("%s?kategoria=%d" % (FORM, fixture.pothole))
        self.assertEqual(page.status, 200)
        root = parse_html(page.text)
        self.assertIn("Podaj, jak głęboka jest dziura.", root.find(cls="category-help").text())
        self.assertEqual(root.find(name="f_depth").attrs.get("inputmode"), "decimal")
        self.assertEqual(root.find(name="f_seen").attrs.get("type"), "datetime-local")
        lane = root.find("select", name="f_lane")
        self.assertEqual([o.attrs.get("value") for o in lane.find_all("option")],
                         ["", "left", "right"])
        self.assertIsNotNone(root.find("input", name="f_hazards.water", type="checkbox"))
        self.assertIsNotNone(root.find("textarea", name="f_notes"))
        self.assertEqual(root.find(name="f_plate").attrs.get("maxlength"), "200")
        # The map comes with a tile URL in the configuration; the fields work either way.
        tiles = read_config().get("tile_url", "")
        if tiles:
            area = root.find(id="report-map")
            self.assertEqual(area.attrs["data-tiles"], tiles)
            self.assertEqual(area.attrs["data-attribution"],
                             read_config().get("tile_attribution", ""))
            self.assertIsNotNone(root.find("script", src="/static/vendor/leaflet/leaflet.js"))
        else:
            self.assertIsNone(root.find(id="report-map"))
            self.assertIsNone(root.find("script", src="/static/vendor/leaflet/leaflet.js"))
        self.assertIsNotNone(root.find("input", name="lat"))
        self.assertIsNotNone(root.find("input", name="address_q"))
        self.assertIsNotNone(root.find("input", name="email"))

    def test_leaflet_served_locally(self):
        for path in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/leaflet.css",
                     "/static/js/report_form.js"):
            with self.subTest(path=path):
                self.assertEqual(Browser().get(path).status, 200)

    def test_english_labels(self):
        page = Browser().get("%s?kategoria=%d" % (FORM, fixture.pothole),
                             headers={"Accept-Language": "en"})
        self.assertIn("Report a problem", page.text)
        self.assertIn("Głębokość w cm (en)", page.text)

    def test_group_is_not_a_category(self):
        page = Browser().get("%s?kategoria=%d" % (FORM, fixture.group))
        self.assertEqual(page.status, 404)
        self.assertIn("Wybierz kategorię zgłoszenia", page.main_text())

    def test_category_of_other_gmina_rejected(self):
        self.assertEqual(Browser().get("%s?kategoria=%d" % (FORM, fixture.foreign)).status, 404)
        result = submit(Browser(), fixture.foreign, pothole_form(email="a@example.pl"))
        self.assertEqual(result.status, 400)

    def test_unknown_gmina_404(self):
        self.assertEqual(Browser().get("/gmina/9999999/zgloszenia/nowe").status, 404)


class ValidationTest(unittest.TestCase):
    def setUp(self):
        fresh_client()

    def test_empty_form_errors_beside_fields(self):
        result = submit(Browser(), fixture.pothole, {"action": "send"})
        self.assertEqual(result.status, 400)
        self.assertIn("Opisz problem", field_error(result, "description"))
        self.assertIn("Podaj miejsce problemu", field_error(result, "place"))
        self.assertIn("Podaj adres e-mail", field_error(result, "email"))
        self.assertEqual(field_error(result, "f_depth"), "To pole jest wymagane.")
        self.assertEqual(field_error(result, "f_lane"), "Wybierz jedną z podanych wartości.")
        self.assertIsNone(field_error(result, "f_seen"), "an optional field may stay empty")
        self.assertIn("Formularz zawiera błędy", parse_html(result.text).find(id="form-error").text())

    def test_typed_values_kept_on_error(self):
        form = pothole_form(description=EMOJI_TEXT, f_depth="dwanaście", f_seen="2026-02-30T10:00",
                            f_lane="middle", f_plate="Słupek <b>7</b>",
                            f_notes="Uwaga: <script>alert(1)</script>\nDruga linia",
                            **{"f_hazards.ice": "1"}, author_name="Józef Żółć 😀",
                            anonymous="1", email="zly-adres")
        result = submit(Browser(), fixture.pothole, form)
        self.assertEqual(result.status, 400)
        self.assertEqual(field_error(result, "f_depth"), "Wpisz liczbę, na przykład 12 albo 3,5.")
        self.assertIn("Podaj datę i godzinę", field_error(result, "f_seen"))
        self.assertEqual(field_error(result, "f_lane"), "Wybierz jedną z podanych wartości.")
        self.assertIn("To nie jest poprawny adres e-mail", field_error(result, "email"))
        self.assertEqual(input_value(result, "description"), EMOJI_TEXT)
        self.assertEqual(input_value(result, "f_depth"), "dwanaście")
        self.assertEqual(input_value(result, "f_seen"), "2026-02-30T10:00")
        self.assertEqual(input_value(result, "f_plate"), "Słupek <b>7</b>")
        self.assertEqual(input_value(result, "f_notes"),
                         "Uwaga: <script>alert(1)</script>\nDruga linia")
        self.assertEqual(input_value(result, "author_name"), "Józef Żółć 😀")
        self.assertEqual(input_value(result, "email"), "zly-adres")
        self.assertEqual(input_value(result, "lat"), "%.6f" % LAT)
        root = parse_html(result.text)
        self.assertIn("checked", root.find(name="f_hazards.ice").attrs)
        self.assertNotIn("checked", root.find(name="f_hazards.water").attrs)
        self.assertIn("checked", root.find(name="anonymous").attrs)
        # Markup typed into any field comes back as text, never as elements.
        self.assertNotIn("<script>alert(1)</script>", result.text)
        self.assertNotIn("<b>7</b>", result.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", result.text)

    def test_description_counted_in_characters(self):
        browser = Browser()
        too_long = submit(browser, fixture.pothole,
                          pothole_form(description="ą" * 4001, email="a@example.pl"))
        self.assertEqual(too_long.status, 400)
        self.assertIn("najwyżej 4000 znaków", field_error(too_long, "description"))
        self.assertEqual(input_value(too_long, "description"), "ą" * 4001)
        emoji = "🕳" * 4000
        signed = submit(resident, fixture.pothole, pothole_form(description=emoji,
                                                                nearby_seen="1"))
        self.assertEqual(signed.status, 303, signed.text)
        number = created_number(signed)
        stored = one("SELECT description FROM report WHERE public_number = %s AND"
                     " tenant_id = %s", number, fixture.tenant)
        self.assertEqual(stored, emoji)

    def test_position_checked(self):
        for lat, lon in (("91", "18.2"), ("54.3", "abc"), ("54.3", "")):
            with self.subTest(lat=lat, lon=lon):
                result = submit(Browser(), fixture.pothole,
                                pothole_form(lat=0, lon=0, email="a@example.pl") |
                                {"lat": lat, "lon": lon})
                self.assertEqual(result.status, 400)
                self.assertIn("Podaj obie współrzędne", field_error(result, "place"))
                self.assertEqual(input_value(result, "lat"), lat)

    def test_comma_coordinates_accepted(self):
        form = pothole_form(nearby_seen="1") | {"lat": "54,3795", "lon": "18,2880"}
        result = submit(resident, fixture.pothole, form)
        self.assertEqual(result.status, 303, result.text)
        row = report_row(created_number(result), "lat, lon")
        self.assertEqual(row, ["54.379500", "18.288000"])

    def test_csrf_failure_keeps_input(self):
        browser = Browser()
        browser.get("%s?kategoria=%d" % (FORM, fixture.pothole))
        form = pothole_form(description="Bez tokenu ąę", email="a@example.pl")
        form["category"] = str(fixture.pothole)
        missing = browser.post(FORM, form, with_csrf=False)
        self.assertEqual(missing.status, 403)
        self.assertIn("Formularz wygasł", parse_html(missing.text).find(id="form-error").text())
        self.assertEqual(input_value(missing, "description"), "Bez tokenu ąę")
        other_origin = browser.post(FORM, form, origin="http://evil.example")
        self.assertEqual(other_origin.status, 403)
        count = one("SELECT COUNT(*) FROM report WHERE description = %s", "Bez tokenu ąę")
        self.assertEqual(count, "0")

    def test_control_characters_in_field_rejected(self):
        result = submit(Browser(), fixture.pothole,
                        pothole_form(email="a@example.pl", f_plate="A\x01B"))
        self.assertEqual(result.status, 400)
        self.assertIn("niedozwolone znaki", parse_html(result.text).find(id="form-error").text())


class AddressSearchTest(unittest.TestCase):
    def test_search_without_javascript_then_submit(self):
        form = pothole_form(description="Dziura przy adresie ąę")
        form.pop("lat")
        form.pop("lon")
        form.update(action="search", address_q="Masłowo")
        result = submit(resident, fixture.pothole, form)
        self.assertEqual(result.status, 200, result.text)
        self.assertEqual(input_value(result, "description"), "Dziura przy adresie ąę")
        options = parse_html(result.text).find(cls="address-results").find_all("input")
        self.assertGreater(len(options), 0)
        point = options[0].attrs["value"]
        form.update(action="send", point=point, nearby_seen="1")
        form.pop("address_q")
        sent = resident.post(FORM, dict(form, category=str(fixture.pothole)))
        self.assertEqual(sent.status, 303, sent.text)
        row = report_row(created_number(sent), "point_id, address_text, lat")
        self.assertEqual(row[0], point)
        label = one("SELECT label FROM address_point WHERE id = %s", point)
        self.assertEqual(row[1], label)
        self.assertEqual(row[2], "NULL")

    def test_no_match_explained(self):
        form = pothole_form(action="search", address_q="Nieistniejąca 999 Zzz")
        result = submit(resident, fixture.pothole, form)
        self.assertEqual(result.status, 200)
        self.assertIn("Nie znaleźliśmy takiego adresu", field_error(result, "place"))

    def test_point_of_other_gmina_rejected(self):
        foreign = one("SELECT p.id FROM address_point p JOIN tenant t ON t.id = p.tenant_id"
                      " WHERE t.terc = %s LIMIT 1", OTHER_TERC)
        form = pothole_form(point=foreign)
        form.pop("lat")
        form.pop("lon")
        result = submit(resident, fixture.pothole, form)
        self.assertEqual(result.status, 400)
        self.assertIn("nie należy do tej gminy", field_error(result, "place"))


class SignedInReportTest(unittest.TestCase):
    def test_report_goes_to_office_at_once(self):
        form = pothole_form(description=EMOJI_TEXT, f_seen="2026-03-29T02:30",
                            f_plate="Słupek 7", f_notes="Linia 1\r\nLinia 2",
                            author_name="Józef Żółć", anonymous="1", nearby_seen="1",
                            **{"f_hazards.water": "1", "f_hazards.night": "1"})
        result = submit(resident, fixture.pothole, form)
        self.assertEqual(result.status, 303, result.text)
        self.assertIn("zgłoszenie przyjęte", resident.get(result.headers["Location"]).main_text())
        number = created_number(result)
        self.assertRegex(number, r"^\d{4}-\d{6}$")
        row = report_row(number, "id, author_id, author_email, email_confirmed_at IS NOT NULL,"
                         " status, unit_id, anonymous, author_name, description, attributes,"
                         " source")
        account = one("SELECT id FROM account WHERE email_key = %s", resident_address.lower())
        self.assertEqual(row[1], account)
        self.assertEqual(row[2], "NULL")
        self.assertEqual(row[3], "1", "a signed-in author needs no e-mail confirmation")
        self.assertEqual(row[4], "new")
        self.assertEqual(int(row[5]), fixture.roads, "routed to the category's unit")
        self.assertEqual(row[6], "1")
        self.assertEqual(row[7], "Józef Żółć")
        self.assertEqual(batch_text(row[8]), EMOJI_TEXT)
        self.assertEqual(json.loads(batch_text(row[9])), {
            "depth": "12", "lane": "left", "seen": "2026-03-29T02:30:00",
            "hazards": ["water", "night"], "plate": "Słupek 7",
            "notes": "Linia 1\nLinia 2"})
        self.assertEqual(row[10], "web")
        followers = sql("SELECT account_id, is_author, confirmed_at IS NOT NULL FROM"
                        " report_follower WHERE report_id = %s", row[0])
        self.assertEqual(followers, [[account, "1", "1"]])
        events = sql("SELECT kind FROM report_event WHERE report_id = %s", row[0])
        self.assertEqual(events, [["created"]])

    def test_decimal_comma_number_normalised(self):
        result = submit(resident, fixture.pothole,
                        pothole_form(f_depth="3,5", nearby_seen="1"))
        self.assertEqual(result.status, 303, result.text)
        attributes = json.loads(report_row(created_number(result), "attributes")[0])
        self.assertEqual(attributes["depth"], "3.5")


class EmailAuthorTest(unittest.TestCase):
    def setUp(self):
        fresh_client()

    def test_report_waits_for_link(self):
        address = new_email("autor")
        browser = Browser()
        result = submit(browser, fixture.pothole,
                        pothole_form(email=address, nearby_seen="1",
                                     description="Zgłoszenie e-mailem 🚲"))
        self.assertEqual(result.status, 303, result.text)
        self.assertIn("Sprawdź swoją skrzynkę", browser.get(result.headers["Location"]).main_text())
        number = created_number(result)
        row = report_row(number, "id, author_id, author_email, email_confirmed_at")
        self.assertEqual(row[1:], ["NULL", address, "NULL"])
        link_rows = sql("SELECT token_hash, purpose, expires_at > UTC_TIMESTAMP() FROM"
                        " report_confirm WHERE report_id = %s", row[0])
        self.assertEqual(len(link_rows), 1)
        self.assertEqual(link_rows[0][1:], ["report", "1"])

        link = confirm_link(address)
        token = link.rsplit("/", 1)[1]
        self.assertEqual(link_rows[0][0], hashlib.sha256(token.encode()).hexdigest(),
                         "only the SHA-256 of the token is stored")
        self.assertNotIn(token, json.dumps(sql("SELECT * FROM report_confirm")))
        mail = [m for m in messages(address) if token in
                m.get_body(preferencelist=("plain",)).get_content()][0]
        self.assertEqual(str(mail["Subject"]), "Potwierdź swoje zgłoszenie w portalu mieszkańca")
        follower = one("SELECT id FROM report_follower WHERE report_id = %s", row[0])
        self.assertEqual(wait_for_outbox("report_confirm", "report_confirm:%s:%%" % follower),
                         ["sent"])
        payload = one("SELECT payload FROM outbox WHERE idempotency_key LIKE %s",
                      "report_confirm:%s:%%" % follower)
        self.assertEqual(payload, "{}", "the sent link and address leave the outbox")

        # Opening the link changes nothing; its button confirms, once.
        reader = Browser()
        page = reader.get(path_of(link))
        self.assertEqual(page.status, 200)
        self.assertIn(number, page.main_text())
        self.assertEqual(report_row(number, "email_confirmed_at")[0], "NULL")
        done = reader.post(path_of(link), {})
        self.assertEqual(done.status, 200, done.text)
        self.assertIn("trafiło do urzędu", done.main_text())
        self.assertNotEqual(report_row(number, "email_confirmed_at")[0], "NULL")
        follower = sql("SELECT confirmed_at IS NOT NULL, email FROM report_follower"
                       " WHERE report_id = %s", row[0])
        self.assertEqual(follower, [["1", address]])
        events = sql("SELECT kind, is_public FROM report_event WHERE report_id = %s"
                     " ORDER BY id", row[0])
        self.assertEqual(events, [["created", "1"], ["email_confirmed", "0"]])
        self.assertEqual(reader.post(path_of(link), {}).status, 404)
        self.assertEqual(reader.get(path_of(link)).status, 404)

    def test_link_of_other_gmina_path_404(self):
        address = new_email("inna.gmina")
        result = submit(Browser(), fixture.pothole,
                        pothole_form(email=address, nearby_seen="1"))
        self.assertEqual(result.status, 303)
        token = confirm_link(address).rsplit("/", 1)[1]
        page = Browser().get("/gmina/%s/zgloszenia/potwierdz/%s" % (OTHER_TERC, token))
        self.assertEqual(page.status, 404)

    def test_link_expires(self):
        address = new_email("wygasly")
        result = submit(Browser(), fixture.pothole,
                        pothole_form(email=address, nearby_seen="1"))
        self.assertEqual(result.status, 303)
        link = confirm_link(address)
        late = Browser(now="2036-01-01T10:00:00Z")
        self.assertEqual(late.get(path_of(link)).status, 404)
        self.assertIn("Link nieaktualny", late.get(path_of(link)).main_text())

    def test_confirm_needs_csrf(self):
        address = new_email("csrf.link")
        submit(Browser(), fixture.pothole, pothole_form(email=address, nearby_seen="1"))
        link = confirm_link(address)
        reader = Browser()
        reader.get(path_of(link))
        refused = reader.post(path_of(link), {}, with_csrf=False)
        self.assertEqual(refused.status, 403)
        number = one("SELECT r.public_number FROM report r WHERE r.author_email = %s", address)
        self.assertEqual(report_row(number, "email_confirmed_at")[0], "NULL")

    def test_mail_submissions_rate_limited(self):
        # A moment of its own, so that the 15-minute window holds only these posts.
        browser = Browser(now=future_now())
        statuses = []
        for i in range(11):
            result = submit(browser, fixture.pothole,
                            pothole_form(email=new_email("limit"), nearby_seen="1"))
            statuses.append(result.status)
        self.assertEqual(statuses[:10], [303] * 10)
        self.assertEqual(statuses[10], 400)
        self.assertIn("zbyt wiele zgłoszeń", field_error(result, "email"))
        self.assertIn("adresu IP", field_error(result, "email"))


def form_nonce(browser, category):
    page = browser.get("%s?kategoria=%d" % (FORM, category))
    return parse_html(page.text).find("input", name="form_nonce").attrs["value"]


class RepeatedSubmitTest(unittest.TestCase):
    def test_double_post_creates_one_report(self):
        nonce = form_nonce(second_resident, fixture.pothole)
        form = dict(pothole_form(description="Dwa kliknięcia " + nonce, nearby_seen="1"),
                    category=str(fixture.pothole), form_nonce=nonce)
        first = second_resident.post(FORM, form)
        second = second_resident.post(FORM, form)
        self.assertEqual(first.status, 303, first.text)
        self.assertEqual(second.status, 303, second.text)
        self.assertEqual(second.headers["Location"], first.headers["Location"])
        count = one("SELECT COUNT(*) FROM report WHERE tenant_id = %s AND description = %s",
                    fixture.tenant, form["description"])
        self.assertEqual(count, "1")

    def test_thank_you_page_shows_number(self):
        result = submit(second_resident, fixture.pothole, pothole_form(nearby_seen="1"))
        self.assertEqual(result.status, 303, result.text)
        page = second_resident.get(result.headers["Location"])
        self.assertEqual(page.status, 200)
        number = parse_html(page.text).find(cls="report-number").text()
        self.assertEqual(number, created_number(result))
        self.assertEqual(Browser().get(result.headers["Location"]).status, 404,
                         "another visitor does not see a signed-in author's page")

    def test_mail_report_thank_you_page(self):
        result = submit(Browser(), fixture.pothole,
                        pothole_form(email=new_email("podziekowanie"), nearby_seen="1"))
        self.assertEqual(result.status, 303, result.text)
        page = Browser().get(result.headers["Location"])
        self.assertEqual(page.status, 200)
        self.assertIn("Sprawdź swoją skrzynkę", page.main_text())


class AddressWildcardTest(unittest.TestCase):
    def test_wildcards_match_nothing_in_form(self):
        for query in ("%", "_", "\\", "%%"):
            with self.subTest(query=query):
                form = pothole_form(action="search", address_q=query)
                result = submit(second_resident, fixture.pothole, form)
                self.assertEqual(result.status, 200)
                results = parse_html(result.text).find(cls="address-results")
                self.assertEqual(results.find_all("input") if results else [], [])
                self.assertIn("Nie znaleźliśmy takiego adresu", field_error(result, "place"))

    def test_wildcards_match_nothing_in_api(self):
        for query in ("%25", "_", "%5C"):
            with self.subTest(query=query):
                result = Browser().get("/api/v1/addresses?gmina=%s&q=%s" % (TERC, query))
                self.assertEqual(result.status, 200)
                self.assertEqual(json.loads(result.text)["items"], [])


class InputCharactersTest(unittest.TestCase):
    """Control characters, invalid UTF-8 and bidi controls get a sentence beside their
    field, and the rest of the input comes back as typed."""

    def post_raw(self, browser, **fields):
        form = pothole_form(author_name="Jan Kowalski", nearby_seen="1")
        form.update(fields)
        return submit(browser, fixture.pothole, form)

    def test_spacing_controls_normalised(self):
        text = "Dziura\x0bprzy\x0csklepie\tnr 5 " + fixture.tag
        result = self.post_raw(second_resident, description=text)
        self.assertEqual(result.status, 303, result.text)
        stored = report_row(created_number(result), "description")[0]
        self.assertEqual(batch_text(stored), "Dziura przy sklepie\tnr 5 " + fixture.tag)

    def test_control_characters_rejected(self):
        for name, text in (("NUL", "Dziura\x00tu"), ("unit separator", "Dziura\x1ftu"),
                           ("escape", "Dziura\x1b[31m")):
            with self.subTest(name=name):
                result = self.post_raw(second_resident, description=text)
                self.assertEqual(result.status, 400, result.text)
                self.assertIn("znaki, których nie przyjmujemy",
                              field_error(result, "description"))
                self.assertIn("Dziura", input_value(result, "description"))
                self.assertIn("\ufffd", input_value(result, "description"))
                self.assertEqual(input_value(result, "author_name"), "Jan Kowalski")

    def test_invalid_utf8_rejected(self):
        result = self.post_raw(second_resident, description=b"Dziura \xff\xfe tu")
        self.assertEqual(result.status, 400, result.text)
        self.assertIn("niepoprawnie zakodowane", field_error(result, "description"))
        self.assertEqual(input_value(result, "description"), "Dziura \ufffd\ufffd tu")
        self.assertEqual(input_value(result, "author_name"), "Jan Kowalski")

    def test_bidi_controls_rejected(self):
        result = self.post_raw(second_resident, description="Dziura \u202egnp.exe",
                               author_name="Jan \u2066Kowalski")
        self.assertEqual(result.status, 400, result.text)
        self.assertIn("kierunku tekstu", field_error(result, "description"))
        self.assertIn("kierunek tekstu", field_error(result, "name"))
        self.assertNotIn("\u202e", result.text)
        self.assertNotIn("\u2066", result.text)

    def test_line_break_in_email_rejected(self):
        result = self.post_raw(Browser(), email="a@example.pl\r\nBcc: b@example.pl",
                               description="Opis zostaje ąę")
        self.assertEqual(result.status, 400, result.text)
        self.assertIn("znaki sterujące", field_error(result, "email"))
        self.assertEqual(input_value(result, "description"), "Opis zostaje ąę")

    def test_bad_point_keeps_input(self):
        form = pothole_form(point="-1", description="Z punktem ąę", nearby_seen="1")
        del form["lat"], form["lon"]
        result = submit(second_resident, fixture.pothole, form)
        self.assertEqual(result.status, 400, result.text)
        self.assertIn("Wybrany adres", field_error(result, "place"))
        self.assertEqual(input_value(result, "description"), "Z punktem ąę")

    def test_bad_search_query_keeps_input(self):
        result = self.post_raw(second_resident, action="search", address_q="Kartuska\x00",
                               description="Szukam ąę")
        self.assertEqual(result.status, 200, result.text)
        self.assertIn("niedozwolone znaki", field_error(result, "place"))
        self.assertEqual(input_value(result, "description"), "Szukam ąę")


class CoordinateTest(unittest.TestCase):
    def test_only_decimal_degrees_accepted(self):
        for lat, lon in (("0x36", "18.288"), ("54.3795", "1e1"), ("54.3795", "inf"),
                         ("+54.3795", "18.288"), ("54.", "18.288"), (" 54,3795,1", "18")):
            with self.subTest(lat=lat, lon=lon):
                result = submit(second_resident, fixture.pothole,
                                pothole_form(nearby_seen="1") | {"lat": lat, "lon": lon})
                self.assertEqual(result.status, 400, result.text)
                self.assertIn("Podaj obie współrzędne", field_error(result, "place"))

    def test_negative_and_integer_degrees_accepted(self):
        form = pothole_form(nearby_seen="1") | {"lat": "54", "lon": "18,3"}
        result = submit(second_resident, fixture.pothole, form)
        self.assertEqual(result.status, 303, result.text)


class OutsideBoundaryTest(unittest.TestCase):
    def setUp(self):
        sql("UPDATE tenant SET boundary = ST_GeomFromText("
            "'POLYGON((18.1 54.2, 18.5 54.2, 18.5 54.6, 18.1 54.6, 18.1 54.2))')"
            " WHERE id = %s", fixture.tenant)

    def tearDown(self):
        sql("UPDATE tenant SET boundary = NULL WHERE id = %s", fixture.tenant)

    def test_point_outside_asks_then_sends(self):
        form = pothole_form(lat=52.2297, lon=21.0122, nearby_seen="1",
                            description="Poza gminą " + fixture.tag)
        asked = submit(second_resident, fixture.pothole, form)
        self.assertEqual(asked.status, 400, asked.text)
        self.assertIn("poza granicą gminy", field_error(asked, "place"))
        self.assertIsNotNone(parse_html(asked.text).find("input", name="outside_ok"))
        self.assertEqual(input_value(asked, "description"), form["description"])
        sent = second_resident.post(FORM, dict(form, category=str(fixture.pothole), outside_ok="1"))
        self.assertEqual(sent.status, 303, sent.text)
        self.assertEqual(report_row(created_number(sent), "needs_triage")[0], "1")

    def test_point_inside_sent_at_once(self):
        result = submit(second_resident, fixture.pothole, pothole_form(nearby_seen="1"))
        self.assertEqual(result.status, 303, result.text)


class CategoryGoneTest(unittest.TestCase):
    def test_switched_off_category_keeps_input(self):
        gone = fixture.category(None, "gone", "Wyłączona %s" % fixture.tag, "Gone", "",
                                fixture.roads)
        form = pothole_form(description="Opis do zachowania ąę", author_name="Ola")
        second_resident.get("%s?kategoria=%d" % (FORM, gone))
        sql("UPDATE report_category SET active = 0 WHERE id = %s", gone)
        result = second_resident.post(FORM, dict(form, category=str(gone)))
        self.assertEqual(result.status, 400, result.text)
        self.assertIn("nie jest już dostępna", field_error(result, "category"))
        self.assertEqual(input_value(result, "description"), "Opis do zachowania ąę")
        self.assertEqual(input_value(result, "author_name"), "Ola")
        self.assertEqual(input_value(result, "lat"), form["lat"])
        options = parse_html(result.text).find("select", name="category").find_all("option")
        values = [o.attrs.get("value") for o in options]
        self.assertIn(str(fixture.pothole), values)
        self.assertNotIn(str(gone), values)
        self.assertNotIn(str(fixture.group), values, "a group is not a choice")

    def test_group_id_keeps_input(self):
        form = pothole_form(description="Grupa zamiast kategorii ąę")
        second_resident.get("%s?kategoria=%d" % (FORM, fixture.pothole))
        result = second_resident.post(FORM, dict(form, category=str(fixture.group)))
        self.assertEqual(result.status, 400, result.text)
        self.assertIn("nie jest już dostępna", field_error(result, "category"))
        self.assertEqual(input_value(result, "description"), "Grupa zamiast kategorii ąę")

    def test_chosen_category_then_sent(self):
        form = pothole_form(description="Druga próba " + fixture.tag, nearby_seen="1")
        second_resident.get("%s?kategoria=%d" % (FORM, fixture.pothole))
        first = second_resident.post(FORM, dict(form, category="-5"))
        self.assertEqual(first.status, 400, first.text)
        sent = second_resident.post(FORM, dict(form, category=str(fixture.pothole)))
        self.assertEqual(sent.status, 303, sent.text)


class WordingTest(unittest.TestCase):
    def test_signed_in_hint_gender_neutral(self):
        page = second_resident.get("%s?kategoria=%d" % (FORM, fixture.pothole))
        self.assertNotIn("zalogowany", page.text)
        self.assertIn("ze swojego konta", page.main_text())

    def test_no_place_error_without_map(self):
        form = pothole_form(nearby_seen="1")
        del form["lat"], form["lon"]
        result = submit(second_resident, fixture.pothole, form)
        self.assertEqual(result.status, 400)
        self.assertIn("Jeśli widzisz mapę", field_error(result, "place"))

    def test_extra_field_length_speaks_of_value(self):
        result = submit(second_resident, fixture.pothole,
                        pothole_form(nearby_seen="1", f_plate="x" * 201))
        self.assertEqual(result.status, 400)
        self.assertIn("Wartość tego pola", result.main_text())
        self.assertNotIn("Ta odpowiedź", result.main_text())


class AccountRateLimitTest(unittest.TestCase):
    def send_series(self):
        """Send 31 reports from a new account and client address on the real clock.
        Returns the statuses and the last result, or None when the 15-minute window
        changed during the series."""
        fresh_client()
        browser = register_confirmed(new_email("seryjny"))
        window = int(time.time() // 900)
        statuses = []
        for i in range(31):
            result = submit(browser, fixture.pothole,
                            pothole_form(description="Seria %d %s" % (i, fixture.tag),
                                         nearby_seen="1"))
            statuses.append(result.status)
        if int(time.time() // 900) != window:
            return None
        return statuses, result

    def test_reports_per_account_limited(self):
        series = self.send_series() or self.send_series()
        self.assertIsNotNone(series, "two series crossed a window boundary")
        statuses, result = series
        self.assertEqual(statuses[:30], [303] * 30)
        self.assertEqual(statuses[30], 400)
        self.assertIn("Z Twojego konta", result.main_text())
        self.assertEqual(input_value(result, "description"), "Seria 30 %s" % fixture.tag)


if __name__ == "__main__":
    unittest.main()
