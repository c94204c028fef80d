"""HTTP tests of the public reports of a gmina: the list with its filters and keyset
pages, the map's GeoJSON with clusters and ETags, the report page with its history,
and who may see what (the authorization matrix).

Runs against the stack of tools/dev test (RATUSZ_URL, RATUSZ_CONFIG, RATUSZ_DB_SOCKET).
All data lives in one gmina (Szprotawa, 0810073) that no other test uses.
"""

import json
import os
import re
import unittest
import urllib.parse

from portal_client import parse_html, request
import public_report_data as data

TERC = "0810073"
OTHER_TERC = "2205032"
BASE = "/gmina/%s/zgloszenia" % TERC
NOW = "2026-04-15T10:00:00Z"
W = {}   # the fixture: ids, cookies and numbers, filled by setUpModule


def setUpModule():
    missing = [n for n in ("RATUSZ_URL", "RATUSZ_CONFIG", "RATUSZ_DB_SOCKET")
               if not os.environ.get(n)]
    if missing:
        raise RuntimeError("missing environment: %s (tools/dev test sets it)"
                           % ", ".join(missing))
    t = W["tenant"] = data.tenant_id(TERC)
    other = W["other_tenant"] = data.tenant_id(OTHER_TERC)
    u1 = W["unit"] = data.add_unit(t, "Drogi i mosty " + data.MARKUP)
    u2 = W["other_unit"] = data.add_unit(t, "Zieleń miejska")
    group = W["group"] = data.add_category(t, "roads", "Drogi " + data.MARKUP, "Roads", order=1)
    holes = W["holes"] = data.add_category(t, "holes", "Dziury 🕳️ " + data.MARKUP,
                                           "Potholes " + data.MARKUP, parent=group)
    lights = W["lights"] = data.add_category(t, "lights", "Oświetlenie", "Lights",
                                             parent=group)
    green = W["green"] = data.add_category(t, "green", "Zieleń", "Greenery", order=2)
    private = W["private"] = data.add_category(t, "private", "Sprawy osobiste",
                                               "Personal", public=0, order=3)
    data.sql("INSERT INTO routing_area (tenant_id, name, shape) VALUES (%s, %s, "
             "ST_GeomFromText('POLYGON((15.60 51.50, 15.80 51.50, 15.80 51.60, "
             "15.60 51.60, 15.60 51.50))'))", t, "Rynek " + data.MARKUP)
    W["area"] = int(data.one("SELECT id FROM routing_area WHERE tenant_id = %s", t))

    W["author"], _, W["author_cookie"] = data.add_account("author", data.TEXT)
    W["resident"], _, W["resident_cookie"] = data.add_account("resident")
    op1, _, W["op1_cookie"] = data.add_account("op1")
    data.add_role(op1, "operator", t, u1)
    op2, _, W["op2_cookie"] = data.add_account("op2")
    data.add_role(op2, "operator", t, u2)
    admin, _, W["admin_cookie"] = data.add_account("admin")
    other_unit = data.add_unit(other, "Wydział testowy list publicznych")
    data.add_role(admin, "gmina_admin", other)
    data.add_role(admin, "operator", other, other_unit)

    # 30 potholes in the area, one a day in March 2026 (Warsaw days 1..30).
    for day in range(1, 31):
        data.add_report(t, "2026-%06d" % day, holes, u1,
                        confirmed="2026-03-%02d 10:00:00" % day,
                        lat="51.%06d" % (550000 + day), lon="15.%06d" % (700000 + day))
    # Two lights at the very same second: the id decides their order.
    W["lights_a"] = data.add_report(t, "2026-000101", lights, u1, status="done",
                                    confirmed="2026-04-01 08:00:00")
    W["lights_b"] = data.add_report(t, "2026-000102", lights, u1, status="in_progress",
                                    confirmed="2026-04-01 08:00:00")
    # The showcase: every text field carries markup, letters and emoji.
    W["main"] = data.add_report(
        t, "2026-000200", green, u1, status="in_progress", author=W["author"],
        author_name=data.TEXT, description="Opis: " + data.TEXT + "\nDruga linia",
        lat="51.123456", lon="15.654321", address="ul. " + data.TEXT + " 5",
        confirmed="2026-04-02 09:15:00", deadline="2026-04-10 12:00:00")
    data.add_event(t, W["main"], "2026-04-01 07:00:00", "created")
    data.add_event(t, W["main"], "2026-04-02 09:15:00", "status", "Przyjęte: " + data.TEXT,
                   from_status="new", to_status="verified")
    data.add_event(t, W["main"], "2026-04-03 10:00:00", "note", "Notatka wewnętrzna XYZZY",
                   public=0)
    data.add_event(t, W["main"], "2026-10-25 00:30:00", "status", "Przed zmianą czasu",
                   from_status="verified", to_status="forwarded")
    data.add_event(t, W["main"], "2026-10-25 01:30:00", "status", "Po zmianie czasu",
                   from_status="forwarded", to_status="in_progress")
    data.add_event(t, W["main"], "2026-03-29 00:30:00", "update", "Marzec przed")
    data.add_event(t, W["main"], "2026-03-29 01:30:00", "update", "Marzec po")
    # Reports outsiders must not see.
    W["unconfirmed"] = data.add_report(t, "2026-000300", green, u1, status="new",
                                       author=W["author"], confirmed=None,
                                       description="Niepotwierdzone QQQ")
    W["hidden"] = data.add_report(t, "2026-000301", green, u1, author=W["author"],
                                  hidden=1, description="Ukryte QQQ")
    W["private_report"] = data.add_report(t, "2026-000302", private, u1,
                                          author=W["author"], description="Osobiste QQQ",
                                          lat="51.550001", lon="15.700001")
    W["anonymous"] = data.add_report(t, "2026-000303", green, u2, author=W["author"],
                                     author_name="Jan Anonimowy", anonymous=1,
                                     description="Anonimowe", email=None)
    W["duplicate"] = data.add_report(t, "2026-000304", green, u2, status="duplicate",
                                     duplicate_of=W["main"], confirmed="2026-04-03 10:00:00")
    # The same number in another gmina never shows here.
    other_cat = data.add_category(other, "public-test-other", "Obca kategoria", "Other")
    data.add_report(other, "2026-000200", other_cat, other_unit,
                    description="Z innej gminy ZZZ", lat="51.55", lon="15.70")
    W["photo"], W["photo_body"] = data.add_photo(t, W["main"])
    W["hidden_photo"], _ = data.add_photo(t, W["main"], hidden=1, order=1)
    W["private_photo"], _ = data.add_photo(t, W["private_report"])
    data.bump_version(t)


def get(path, cookie=None, headers=None, now=NOW):
    all_headers = dict(headers or {})
    if cookie:
        all_headers["Cookie"] = cookie
    return request(path, now=now, headers=all_headers)


def numbers(page):
    return re.findall(r'/zgloszenia/(2026-\d{6})"', page.text)


class ListTest(unittest.TestCase):
    def test_first_page_newest_first_with_count(self):
        page = get(BASE)
        self.assertEqual(page.status, 200)
        shown = numbers(page)
        self.assertEqual(len(shown), 25)
        # 30 potholes, 2 lights, main, anonymous, duplicate: 35 public reports.
        self.assertIn("35 zgłoszeń", page.text)
        self.assertEqual(shown[:4], ["2026-000304", "2026-000200", "2026-000102",
                                     "2026-000101"])

    def test_keyset_pages_cover_every_report_once(self):
        seen, path = [], BASE
        while path:
            page = get(path)
            self.assertEqual(page.status, 200)
            seen += numbers(page)
            found = re.search(r'href="(/gmina/%s/zgloszenia\?[^"]*po=[^"]+)" rel="next"'
                              % TERC, page.text)
            path = found.group(1).replace("&amp;", "&") if found else None
        self.assertEqual(len(seen), 35)
        self.assertEqual(len(set(seen)), 35)
        self.assertNotIn("2026-000300", seen)

    def test_filter_by_group_category_and_status(self):
        group = get(BASE + "?kategoria=%d" % W["group"])
        self.assertIn("32 zgłoszenia", group.text)
        leaf = get(BASE + "?kategoria=%d&status=done" % W["lights"])
        self.assertEqual(numbers(leaf), ["2026-000101"])
        self.assertIn("1 zgłoszenie", leaf.text)
        self.assertIn("2 zgłoszenia", get(BASE + "?kategoria=%d" % W["lights"]).text)

    def test_filter_keeps_pages(self):
        page = get(BASE + "?kategoria=%d" % W["holes"])
        found = re.search(r'href="([^"]*po=[^"]+)" rel="next"', page.text)
        self.assertIsNotNone(found)
        second = get(found.group(1).replace("&amp;", "&"))
        self.assertEqual(len(numbers(second)), 5)
        self.assertIn("kategoria=%d" % W["holes"], found.group(1))

    def test_date_range_in_warsaw_days_and_plurals(self):
        cases = [("2026-03-01", "2026-03-22", "22 zgłoszenia"),
                 ("2026-03-10", "2026-03-14", "5 zgłoszeń"),
                 ("2026-03-01", "2026-03-12", "12 zgłoszeń")]
        for start, end, text in cases:
            page = get(BASE + "?kategoria=%d&od=%s&do=%s" % (W["holes"], start, end))
            self.assertIn(text, page.text, (start, end))

    def test_unknown_or_foreign_category_matches_nothing(self):
        foreign = data.one("SELECT id FROM report_category WHERE code = 'public-test-other'")
        for category in ("999999", foreign):
            page = get(BASE + "?kategoria=" + category)
            self.assertEqual(page.status, 200)
            self.assertIn("0 zgłoszeń", page.text)
            self.assertEqual(numbers(page), [])

    def test_area_filter(self):
        page = get(BASE + "?obszar=%d" % W["area"])
        self.assertIn("30 zgłoszeń", page.text)
        self.assertNotIn("2026-000200", numbers(page))

    def test_invalid_filters_are_400(self):
        for query in ("status=new", "status=%3Cb%3E", "kategoria=abc", "od=2026-02-30",
                      "po=1-x", "po=-5"):
            self.assertEqual(get(BASE + "?" + query).status, 400, query)

    def test_empty_fields_of_the_form_are_ignored(self):
        page = get(BASE + "?kategoria=&status=&od=&do=")
        self.assertEqual(page.status, 200)
        self.assertIn("35 zgłoszeń", page.text)

    def test_form_keeps_choices_and_escapes_names(self):
        page = get(BASE + "?kategoria=%d&od=2026-03-02" % W["holes"])
        self.assertRegex(page.text, r'<option value="%d" selected>' % W["holes"])
        self.assertIn('value="2026-03-02"', page.text)
        self.assertNotIn(data.MARKUP, page.text)
        self.assertIn("Dziury 🕳️ &lt;script&gt;", page.text)
        self.assertNotIn("Sprawy osobiste", page.text)

    def test_etag_and_304(self):
        first = get(BASE)
        etag = first.header("ETag")
        self.assertTrue(etag)
        self.assertEqual(get(BASE, headers={"If-None-Match": etag}).status, 304)
        self.assertNotEqual(get(BASE + "?status=done").header("ETag"), etag)

    def test_unknown_gmina_is_404(self):
        self.assertEqual(get("/gmina/9999999/zgloszenia").status, 404)


class MapJsonTest(unittest.TestCase):
    def test_points_are_geojson_with_fixed_decimals(self):
        page = get(BASE + "/mapa.json?bbox=15.6,51.1,15.7,51.2")
        self.assertEqual(page.status, 200)
        self.assertTrue(page.header("Content-Type").startswith("application/geo+json"))
        self.assertIn('"coordinates":[15.654321,51.123456]', page.text)
        doc = page.json()
        self.assertEqual(doc["type"], "FeatureCollection")
        self.assertFalse(doc["clustered"])
        [feature] = doc["features"]
        self.assertEqual(feature["geometry"]["type"], "Point")
        self.assertEqual(feature["properties"]["number"], "2026-000200")
        self.assertEqual(feature["properties"]["category"], "Zieleń")
        self.assertEqual(feature["properties"]["url"], BASE + "/2026-000200")

    def test_names_with_markup_round_trip(self):
        doc = get(BASE + "/mapa.json?bbox=15.7,51.55,15.71,51.56").json()
        names = {f["properties"]["category"] for f in doc["features"]}
        self.assertEqual(names, {"Dziury 🕳️ " + data.MARKUP})
        english = get(BASE + "/mapa.json?bbox=15.7,51.55,15.71,51.56",
                      headers={"Accept-Language": "en"}).json()
        self.assertEqual({f["properties"]["category"] for f in english["features"]},
                         {"Potholes " + data.MARKUP})
        raw = get(BASE + "/mapa.json?bbox=15.7,51.55,15.71,51.56").text
        self.assertNotIn("<script>", raw)

    def test_non_public_reports_never_on_the_map(self):
        doc = get(BASE + "/mapa.json").json()
        total = sum(f["properties"].get("count", 1) for f in doc["features"])
        self.assertEqual(total, 31)   # 30 potholes and the showcase have positions
        self.assertNotIn("2026-000302", json.dumps(doc))

    def test_filters_apply_to_the_map(self):
        doc = get(BASE + "/mapa.json?status=in_progress").json()
        self.assertEqual([f["properties"]["number"] for f in doc["features"]],
                         ["2026-000200"])

    def test_etag_304_and_new_version(self):
        path = BASE + "/mapa.json?bbox=15.6,51.1,15.7,51.2"
        etag = get(path).header("ETag")
        self.assertEqual(get(path, headers={"If-None-Match": etag}).status, 304)
        data.bump_version(W["tenant"])
        fresh = get(path, headers={"If-None-Match": etag})
        self.assertEqual(fresh.status, 200)
        self.assertNotEqual(fresh.header("ETag"), etag)

    def test_bad_bbox_is_400(self):
        for box in ("1,2,3", "15,51,14,52", "a,b,c,d", "0,0,200,10", "1,2,3,4,5"):
            self.assertEqual(get(BASE + "/mapa.json?bbox=" + urllib.parse.quote(box)).status,
                             400, box)


class ClusterTest(unittest.TestCase):
    """More than 500 reports in a box come back as counted grid cells."""

    @classmethod
    def setUpClass(cls):
        t = W["tenant"]
        data.sql("INSERT INTO report (tenant_id, public_number, category_id, status, "
                 "unit_id, description, lat, lon, confirmed_at, created_at, updated_at) "
                 "SELECT %s, CONCAT('2025-', LPAD(seq, 6, '0')), %s, 'verified', %s, "
                 "'Seria', 50.0 + (seq MOD 30) / 1000, 16.0 + (seq DIV 30) / 1000, "
                 "'2025-06-01 10:00:00', '2025-06-01 10:00:00', '2025-06-01 10:00:00' "
                 "FROM seq_1_to_600", t, W["lights"], W["unit"])
        data.bump_version(t)

    @classmethod
    def tearDownClass(cls):
        data.sql("DELETE FROM report WHERE tenant_id = %s AND public_number LIKE '2025-%%'"
                 % W["tenant"])
        data.bump_version(W["tenant"])

    def test_clusters_count_every_report(self):
        doc = get(BASE + "/mapa.json?bbox=15.9,49.9,16.1,50.1").json()
        self.assertTrue(doc["clustered"])
        self.assertEqual(sum(f["properties"]["count"] for f in doc["features"]), 600)
        for f in doc["features"]:
            lon, lat = f["geometry"]["coordinates"]
            self.assertTrue(15.9 <= lon <= 16.1 and 49.9 <= lat <= 50.1, (lon, lat))

    def test_small_box_gets_points(self):
        doc = get(BASE + "/mapa.json?bbox=16.0,50.0,16.0025,50.0025").json()
        self.assertFalse(doc["clustered"])
        # Three latitudes by three longitudes, less the corner seq = 0 would fill.
        self.assertEqual(len(doc["features"]), 8)
        self.assertTrue(all("number" in f["properties"] for f in doc["features"]))


class ClusterGridTest(unittest.TestCase):
    """The grid counts of report_map_cell follow every change of a report."""

    BOX = "bbox=16.9,48.9,17.1,49.1"

    @classmethod
    def setUpClass(cls):
        t = W["tenant"]
        data.sql("INSERT INTO report (tenant_id, public_number, category_id, status, "
                 "unit_id, description, lat, lon, confirmed_at, created_at, updated_at) "
                 "SELECT %s, CONCAT('2024-', LPAD(seq, 6, '0')), %s, 'verified', %s, "
                 "'Siatka', 49.0 + (seq MOD 25) / 1000, 17.0 + (seq DIV 25) / 1000, "
                 "'2024-06-01 10:00:00', '2024-06-01 10:00:00', '2024-06-01 10:00:00' "
                 "FROM seq_1_to_700", t, W["green"], W["unit"])

    @classmethod
    def tearDownClass(cls):
        data.sql("DELETE FROM report WHERE tenant_id = %s AND public_number LIKE '2024-%%'"
                 % W["tenant"])
        data.bump_version(W["tenant"])

    def total(self, query="", clustered=True):
        doc = get(BASE + "/mapa.json?" + self.BOX + query).json()
        self.assertEqual(doc["clustered"], clustered, query)
        return sum(f["properties"].get("count", 1) for f in doc["features"])

    def change(self, assignment, first, last):
        data.sql("UPDATE report SET %s WHERE tenant_id = %d AND public_number BETWEEN "
                 "'2024-%06d' AND '2024-%06d'" % (assignment, W["tenant"], first, last))
        data.bump_version(W["tenant"])

    def test_grid_follows_changes(self):
        self.assertEqual(self.total(), 700)
        self.change("hidden = 1", 1, 10)
        self.assertEqual(self.total(), 690)
        self.change("hidden = 0", 1, 4)
        self.assertEqual(self.total(), 694)
        self.change("confirmed_at = NULL", 11, 12)
        self.change("lat = 10.0", 13, 15)
        self.change("lat = NULL, lon = NULL", 16, 16)
        self.assertEqual(self.total(), 688)
        self.change("status = 'done'", 100, 699)
        self.assertEqual(self.total("&status=done"), 600)
        self.assertEqual(self.total("&status=verified", clustered=False), 88)
        self.change("category_id = %d" % W["lights"], 100, 699)
        self.assertEqual(self.total("&kategoria=%d" % W["group"]), 600)
        data.sql("DELETE FROM report WHERE tenant_id = %d AND public_number = '2024-000700'"
                 % W["tenant"])
        data.bump_version(W["tenant"])
        # The date filter counts the rows themselves: both ways must agree.
        self.assertEqual(self.total(), 687)
        self.assertEqual(self.total("&od=2024-01-01"), 687)

    def test_non_public_category_leaves_the_map(self):
        both = "%d, %d" % (W["green"], W["lights"])
        data.sql("UPDATE report_category SET is_public = 0 WHERE id IN (%s)" % both)
        data.bump_version(W["tenant"])
        try:
            doc = get(BASE + "/mapa.json?" + self.BOX).json()
            self.assertEqual(doc["features"], [])
        finally:
            data.sql("UPDATE report_category SET is_public = 1 WHERE id IN (%s)" % both)
            data.bump_version(W["tenant"])


class ReportPageTest(unittest.TestCase):
    def page(self, number="2026-000200", cookie=None, **kw):
        return get(BASE + "/" + number, cookie=cookie, **kw)

    def test_public_page_shows_facts_as_text(self):
        page = self.page()
        self.assertEqual(page.status, 200)
        doc = parse_html(page.text)
        self.assertEqual(doc.find(id="report-description").text(),
                         " ".join(("Opis: " + data.TEXT + "\nDruga linia").split()))
        self.assertEqual(doc.find(id="report-author").text(), " ".join(data.TEXT.split()))
        self.assertIn(data.TEXT.split(" 🚧")[0], doc.find(id="report-address").text())
        self.assertNotIn(data.MARKUP, page.text)
        self.assertNotIn("@example.pl", page.text)
        self.assertIn("W realizacji", doc.find(id="report-status").text())
        self.assertIn('data-lat="51.123456"', page.text)

    def test_history_is_public_only_with_warsaw_times(self):
        doc = parse_html(self.page().text)
        history = doc.find(id="report-history").text()
        self.assertNotIn("XYZZY", history)
        self.assertIn("1 kwietnia 2026, 9:00", history)
        self.assertIn("2 kwietnia 2026, 11:15", history)
        self.assertNotIn("&lt;script", history)
        self.assertIn("Przyjęte: Zażółć gęślą jaźń 🚧 <script>", history)

    def test_status_changes_at_the_dst_switch(self):
        items = [li.text() for li in parse_html(self.page().text)
                 .find(id="report-history").find_all("li")]
        before = [i for i in items if "Przed zmianą czasu" in i][0]
        after = [i for i in items if "Po zmianie czasu" in i][0]
        # 00:30 UTC is 02:30 CEST; 01:30 UTC is 02:30 CET, an hour later.
        self.assertIn("25 października 2026, 2:30", before)
        self.assertIn("25 października 2026, 2:30", after)
        spring_before = [i for i in items if "Marzec przed" in i][0]
        spring_after = [i for i in items if "Marzec po" in i][0]
        self.assertIn("29 marca 2026, 1:30", spring_before)
        self.assertIn("29 marca 2026, 3:30", spring_after)

    def test_deadline_and_overdue(self):
        before = parse_html(self.page(now="2026-04-05T10:00:00Z").text)
        self.assertEqual(before.find(id="report-deadline").text(), "10 kwietnia 2026, 14:00")
        after = parse_html(self.page(now="2026-04-11T10:00:00Z").text)
        self.assertIn("(po terminie)", after.find(id="report-deadline").text())

    def test_duplicate_links_to_original(self):
        doc = parse_html(self.page("2026-000304").text)
        self.assertEqual(doc.find(id="duplicate-of").attrs["href"], BASE + "/2026-000200")

    def test_anonymous_author_hidden_from_public(self):
        page = self.page("2026-000303")
        self.assertNotIn("Jan Anonimowy", page.text)
        self.assertIn("ukryty na prośbę", page.text)
        own = self.page("2026-000303", cookie=W["author_cookie"])
        self.assertIn("Jan Anonimowy", own.text)

    def test_me_too_form(self):
        doc = parse_html(self.page().text)
        form = doc.find("form", cls="follow")
        self.assertEqual(form.attrs["action"], BASE + "/2026-000200/ja-tez")
        self.assertEqual(form.attrs["method"], "post")
        self.assertIsNotNone(form.find("input", name="csrf"))
        self.assertIsNotNone(form.find("input", name="email"))
        signed_in = parse_html(self.page(cookie=W["resident_cookie"]).text)
        self.assertIsNone(signed_in.find("form", cls="follow").find("input", name="email"))
        # A closed report takes no followers.
        self.assertNotIn("/ja-tez", self.page("2026-000304").text)

    def test_english_page(self):
        page = self.page(headers={"Accept-Language": "en"})
        self.assertIn("In progress", page.text)
        self.assertIn("2 April 2026", page.text)

    def test_malformed_numbers_are_404(self):
        for number in ("2026-", "abc", "2026-00020x", "20260-000200", "mapa.jso"):
            self.assertEqual(self.page(number).status, 404, number)


class AuthorizationMatrixTest(unittest.TestCase):
    """Every route of the public pages for every kind of visitor."""

    VIEWERS = ("anonymous", "author", "resident", "op_unit", "op_other_unit",
               "admin_other_gmina")

    def cookie(self, viewer):
        return {"anonymous": None, "author": W["author_cookie"],
                "resident": W["resident_cookie"], "op_unit": W["op1_cookie"],
                "op_other_unit": W["op2_cookie"],
                "admin_other_gmina": W["admin_cookie"]}[viewer]

    def test_report_pages(self):
        # number -> viewers who get 200; everyone else gets 404.
        expected = {
            "2026-000200": set(self.VIEWERS),
            "2026-000300": {"author", "op_unit"},
            "2026-000301": {"author", "op_unit"},
            "2026-000302": {"author", "op_unit"},
        }
        for number, allowed in expected.items():
            for viewer in self.VIEWERS:
                with self.subTest(number=number, viewer=viewer):
                    page = get(BASE + "/" + number, cookie=self.cookie(viewer))
                    self.assertEqual(page.status, 200 if viewer in allowed else 404)
                    if page.status == 404:
                        self.assertNotIn("QQQ", page.text)

    def test_non_public_notice_for_author_and_office(self):
        for number in ("2026-000300", "2026-000301", "2026-000302"):
            for viewer in ("author", "op_unit"):
                with self.subTest(number=number, viewer=viewer):
                    page = get(BASE + "/" + number, cookie=self.cookie(viewer))
                    self.assertIn("To zgłoszenie nie jest publiczne", page.text)
                    self.assertNotIn("/ja-tez", page.text)
        public = get(BASE + "/2026-000200", cookie=W["author_cookie"])
        self.assertNotIn("To zgłoszenie nie jest publiczne", public.text)

    def test_internal_notes_only_for_the_office(self):
        for viewer in self.VIEWERS:
            with self.subTest(viewer=viewer):
                page = get(BASE + "/2026-000200", cookie=self.cookie(viewer))
                self.assertEqual("XYZZY" in page.text, viewer == "op_unit")

    def test_lists_and_map_are_public_only_for_everyone(self):
        for viewer in self.VIEWERS:
            for path in (BASE, BASE + "/mapa", BASE + "/mapa.json"):
                with self.subTest(viewer=viewer, path=path):
                    page = get(path, cookie=self.cookie(viewer))
                    self.assertEqual(page.status, 200)
                    self.assertNotIn("QQQ", page.text)
                    self.assertNotIn("2026-000300", page.text)
                    self.assertNotIn("2026-000302", page.text)
                    self.assertNotIn("ZZZ", page.text)

    def test_post_is_not_allowed(self):
        for path in (BASE, BASE + "/mapa.json", BASE + "/2026-000200"):
            self.assertEqual(request(path, method="POST", body=b"").status, 405, path)


class PhotoTest(unittest.TestCase):
    def path(self, token, number="2026-000200", thumbnail=False):
        return "%s/%s/zdjecie/%s%s" % (BASE, number, token, "/miniatura" if thumbnail else "")

    def test_public_photo_and_thumbnail(self):
        photo = get(self.path(W["photo"]))
        self.assertEqual(photo.status, 200)
        self.assertEqual(photo.body, W["photo_body"])
        self.assertEqual(photo.header("Content-Type"), "image/jpeg")
        self.assertEqual(photo.header("X-Content-Type-Options"), "nosniff")
        self.assertIn("private", photo.header("Cache-Control"))
        thumb = get(self.path(W["photo"], thumbnail=True))
        self.assertEqual(thumb.status, 200)
        self.assertTrue(thumb.body.endswith(b"thumb"))
        again = get(self.path(W["photo"]), headers={"If-None-Match": photo.header("ETag")})
        self.assertEqual(again.status, 304)

    def test_page_shows_visible_photos_only(self):
        page = get(BASE + "/2026-000200").text
        self.assertIn(self.path(W["photo"], thumbnail=True), page)
        self.assertNotIn(W["hidden_photo"], page)

    def test_photo_visibility_matrix(self):
        cases = [(W["photo"], "2026-000200", {"anonymous", "author", "resident", "op_unit",
                                              "op_other_unit", "admin_other_gmina"}),
                 (W["hidden_photo"], "2026-000200", {"op_unit"}),
                 (W["private_photo"], "2026-000302", {"author", "op_unit"})]
        matrix = AuthorizationMatrixTest()
        for token, number, allowed in cases:
            for viewer in AuthorizationMatrixTest.VIEWERS:
                with self.subTest(token=token, viewer=viewer):
                    page = get(self.path(token, number), cookie=matrix.cookie(viewer))
                    self.assertEqual(page.status, 200 if viewer in allowed else 404)

    def test_photo_of_another_report_is_404(self):
        self.assertEqual(get(self.path(W["photo"], "2026-000001")).status, 404)
        self.assertEqual(get(self.path("A" * 22)).status, 404)
        self.assertEqual(get(self.path("short")).status, 404)


class MapPageTest(unittest.TestCase):
    def test_map_page_works_without_script(self):
        page = get(BASE + "/mapa?status=done")
        self.assertEqual(page.status, 200)
        doc = parse_html(page.text)
        self.assertEqual(doc.find(id="public-map").attrs["data-source"],
                         BASE + "/mapa.json?status=done")
        self.assertIn("<noscript>", page.text)
        self.assertIn('href="%s?status=done"' % BASE, page.text)
        self.assertIn('src="/static/vendor/leaflet/leaflet.js"', page.text)
        self.assertIn('src="/static/js/report_map.js"', page.text)

    def test_leaflet_is_served_locally(self):
        self.assertEqual(get("/static/vendor/leaflet/leaflet.js").status, 200)
        self.assertEqual(get("/static/js/report_map.js").status, 200)


if __name__ == "__main__":
    unittest.main()
