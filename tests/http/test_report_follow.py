"""HTTP tests of nearby reports and "me too" (Ja też) on the report form: the JSON
endpoint the map calls, the step shown after the first submit without JavaScript,
following by account (idempotent under 50 parallel requests) and by e-mail link.

Runs against the stack of tools/dev test; see report_fixture.py for the test data.
"""

import concurrent.futures
import unittest

from report_fixture import (FAR, FORM, LAT, LON, NEAR, TERC, Browser, Fixture,
                            confirm_link, created_number, fresh_client, new_email, one,
                            parse_html, path_of, pothole_form, publish, register_confirmed,
                            report_cli, report_row, signed_in_report, sql, submit)

fixture = None
FORM_PAGE = None
author = None
public_number = None
public_id = None


def setUpModule():
    global fixture, author, public_number, public_id, FORM_PAGE
    fixture = Fixture()
    FORM_PAGE = "%s?kategoria=%d" % (FORM, fixture.pothole)
    fresh_client()
    author = register_confirmed(new_email("autor"))
    public_number = signed_in_report(fixture, author,
                                     description="Dziura <b>duża</b> 🕳️ przy szkole")
    public_id = publish(public_number)


def nearby(lat, lon, category=None, **extra):
    query = "kategoria=%d&lat=%s&lon=%s" % (category or fixture.pothole, lat, lon)
    query += "".join("&%s=%s" % item for item in extra.items())
    return Browser().get("/gmina/%s/zgloszenia/w-poblizu?%s" % (TERC, query))


def numbers(result):
    return [item["number"] for item in result_json(result)["reports"]]


def result_json(result):
    import json
    return json.loads(result.text)


class NearbyJsonTest(unittest.TestCase):
    def test_public_report_near_listed(self):
        result = nearby(*NEAR)
        self.assertEqual(result.status, 200)
        self.assertEqual(result.headers["Content-Type"], "application/json; charset=utf-8")
        items = [i for i in result_json(result)["reports"] if i["number"] == public_number]
        self.assertEqual(len(items), 1)
        item = items[0]
        self.assertEqual(item["status"], "verified")
        self.assertEqual(item["status_name"], "Zweryfikowane")
        self.assertEqual(item["description"], "Dziura <b>duża</b> 🕳️ przy szkole")
        self.assertEqual(item["url"], "/gmina/%s/zgloszenia/%s" % (TERC, public_number))
        self.assertTrue(40 <= item["distance_m"] <= 80, item["distance_m"])
        self.assertEqual(set(item), {"number", "status", "status_name", "description",
                                     "address", "url", "distance_m"},
                         "no author, e-mail or internal field")

    def test_far_or_other_category_not_listed(self):
        self.assertNotIn(public_number, numbers(nearby(*FAR)))
        self.assertNotIn(public_number, numbers(nearby(*NEAR, category=fixture.lamp)))

    def test_unconfirmed_and_closed_not_listed(self):
        fresh = signed_in_report(fixture, author, description="Niepotwierdzone")
        self.assertNotIn(fresh, numbers(nearby(LAT, LON)), "not public before moderation")
        closed = signed_in_report(fixture, author, description="Zamknięte")
        closed_id = publish(closed)
        self.assertIn(closed, numbers(nearby(LAT, LON)))
        self.assertEqual(report_cli(closed_id, "done")[0], 0)
        self.assertNotIn(closed, numbers(nearby(LAT, LON)))

    def test_hidden_and_private_not_listed(self):
        hidden = signed_in_report(fixture, author, description="Ukryte")
        hidden_id = publish(hidden)
        sql("UPDATE report SET hidden = 1 WHERE id = %s", hidden_id)
        self.assertNotIn(hidden, numbers(nearby(LAT, LON)))
        private = signed_in_report(fixture, author, category=fixture.private)
        publish(private)
        self.assertNotIn(private, numbers(nearby(LAT, LON, category=fixture.private)))

    def test_same_address_point_listed(self):
        point = one("SELECT id FROM address_point WHERE tenant_id = %s ORDER BY id LIMIT 1",
                    fixture.tenant)
        form = pothole_form(point=point, nearby_seen="1")
        del form["lat"], form["lon"]
        result = submit(author, fixture.pothole, form)
        self.assertEqual(result.status, 303, result.text)
        number = created_number(result)
        publish(number)
        found = Browser().get("/gmina/%s/zgloszenia/w-poblizu?kategoria=%d&punkt=%s"
                              % (TERC, fixture.pothole, point))
        self.assertIn(number, numbers(found))

    def test_bad_query_400(self):
        self.assertEqual(nearby("abc", LON).status, 400)
        self.assertEqual(nearby("95", LON).status, 400)
        no_place = Browser().get("/gmina/%s/zgloszenia/w-poblizu?kategoria=%d"
                                 % (TERC, fixture.pothole))
        self.assertEqual(no_place.status, 400)


class NearbyStepTest(unittest.TestCase):
    def test_step_shown_then_sent_anyway(self):
        before = one("SELECT COUNT(*) FROM report WHERE tenant_id = %s", fixture.tenant)
        form = pothole_form(description="Druga dziura ąę", lat=NEAR[0], lon=NEAR[1])
        first = submit(author, fixture.pothole, form)
        self.assertEqual(first.status, 200, first.text)
        root = parse_html(first.text)
        section = root.find("section", cls="nearby")
        self.assertIn(public_number, section.text())
        self.assertIn("Dziura <b>duża</b>", section.text(), "markup shown as text")
        self.assertNotIn("<b>duża</b>", first.text)
        button = section.find("button", formaction="/gmina/%s/zgloszenia/%s/ja-tez"
                              % (TERC, public_number))
        self.assertIsNotNone(button)
        self.assertIsNotNone(root.find("input", name="nearby_seen", value="1"))
        self.assertEqual(one("SELECT COUNT(*) FROM report WHERE tenant_id = %s",
                             fixture.tenant), before, "nothing stored yet")
        second = author.post(FORM, dict(form, category=str(fixture.pothole), nearby_seen="1"))
        self.assertEqual(second.status, 303, second.text)

    def test_me_too_button_posts_whole_form(self):
        fresh_client()
        follower = register_confirmed(new_email("przycisk"))
        form = pothole_form(description="Ten sam problem", lat=NEAR[0], lon=NEAR[1])
        first = submit(follower, fixture.pothole, form)
        self.assertEqual(first.status, 200)
        path = "/gmina/%s/zgloszenia/%s/ja-tez" % (TERC, public_number)
        result = follower.post(path, dict(form, category=str(fixture.pothole)))
        self.assertEqual(result.status, 200, result.text)
        self.assertIn("Obserwujesz to zgłoszenie", result.main_text())
        self.assertEqual(one("SELECT COUNT(*) FROM report WHERE description = %s",
                             "Ten sam problem"), "0")


class MeTooTest(unittest.TestCase):
    def setUp(self):
        fresh_client()

    def metoo_path(self, number=None):
        return "/gmina/%s/zgloszenia/%s/ja-tez" % (TERC, number or public_number)

    def followed_events(self, report_id=None):
        return int(one("SELECT COUNT(*) FROM report_event WHERE report_id = %s"
                       " AND kind = 'followed'", report_id or public_id))

    def test_signed_in_follows_once(self):
        address = new_email("jatez")
        browser = register_confirmed(address)
        account = one("SELECT id FROM account WHERE email_key = %s", address.lower())
        events = self.followed_events()
        browser.get(FORM_PAGE)
        first = browser.post(self.metoo_path(), {})
        self.assertEqual(first.status, 200)
        self.assertIn("Obserwujesz to zgłoszenie", first.main_text())
        again = browser.post(self.metoo_path(), {})
        self.assertEqual(again.status, 200)
        self.assertIn("Już obserwujesz", again.main_text())
        rows = sql("SELECT confirmed_at IS NOT NULL, is_author FROM report_follower"
                   " WHERE report_id = %s AND account_id = %s", public_id, account)
        self.assertEqual(rows, [["1", "0"]])
        self.assertEqual(self.followed_events(), events + 1)
        event = sql("SELECT actor_id, is_public, body FROM report_event WHERE report_id = %s"
                    " AND kind = 'followed' ORDER BY id DESC LIMIT 1", public_id)
        self.assertEqual(event, [["NULL", "0", ""]], "a count only, no personal data")

    def test_fifty_parallel_requests_one_follow(self):
        address = new_email("rownolegle")
        browser = register_confirmed(address)
        account = one("SELECT id FROM account WHERE email_key = %s", address.lower())
        browser.get(FORM_PAGE)
        events = self.followed_events()

        def post(_):
            return browser.post(self.metoo_path(), {}).status

        with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
            statuses = list(pool.map(post, range(50)))
        self.assertEqual(statuses.count(200), 50, statuses)
        rows = sql("SELECT COUNT(*) FROM report_follower WHERE report_id = %s"
                   " AND account_id = %s", public_id, account)
        self.assertEqual(rows, [["1"]])
        self.assertEqual(self.followed_events(), events + 1)

    def test_by_email_after_confirmation(self):
        address = new_email("obserwator")
        browser = Browser()
        browser.get(FORM_PAGE)
        asked = browser.post(self.metoo_path(), {})
        self.assertEqual(asked.status, 400)
        self.assertIn("Podaj adres e-mail", asked.main_text())
        bad = browser.post(self.metoo_path(), {"email": "nie-adres"})
        self.assertEqual(bad.status, 400)
        self.assertEqual(parse_html(bad.text).find(name="email").attrs["value"], "nie-adres")
        events = self.followed_events()
        sent = browser.post(self.metoo_path(), {"email": address})
        self.assertEqual(sent.status, 200)
        self.assertIn("Sprawdź swoją skrzynkę", sent.main_text())
        rows = sql("SELECT confirmed_at FROM report_follower WHERE report_id = %s"
                   " AND email_key = %s", public_id, address.lower())
        self.assertEqual(rows, [["NULL"]])
        self.assertEqual(self.followed_events(), events)
        link = confirm_link(address)
        reader = Browser()
        page = reader.get(path_of(link))
        self.assertIn("powiadomienia o postępach", page.main_text())
        done = reader.post(path_of(link), {})
        self.assertEqual(done.status, 200)
        self.assertIn("Obserwujesz zgłoszenie", done.main_text())
        rows = sql("SELECT confirmed_at IS NOT NULL FROM report_follower WHERE report_id = %s"
                   " AND email_key = %s", public_id, address.lower())
        self.assertEqual(rows, [["1"]])
        self.assertEqual(self.followed_events(), events + 1)
        # A confirmed address gets no second link, and the page reads the same.
        before = int(one("SELECT COUNT(*) FROM report_confirm WHERE report_id = %s", public_id))
        repeat = browser.post(self.metoo_path(), {"email": address.upper()})
        self.assertIn("Sprawdź swoją skrzynkę", repeat.main_text())
        self.assertEqual(int(one("SELECT COUNT(*) FROM report_confirm WHERE report_id = %s",
                                 public_id)), before)

    def test_office_counts_confirmed_followers(self):
        number = signed_in_report(fixture, author, description="Licznik obserwujących")
        publish(number)
        office = fixture.staff("coordinator", fixture.tenant)
        office_page = "/urzad/%s/zgloszenia/%s" % (TERC, number)

        def shown_count():
            page = office.get(office_page)
            self.assertEqual(page.status, 200, page.text)
            return parse_html(page.text).find("dd", cls="followers").text().strip()

        self.assertEqual(shown_count(), "1", "the author")
        address = new_email("niepotwierdzony")
        browser = Browser()
        browser.get(FORM_PAGE)
        sent = browser.post(self.metoo_path(number), {"email": address})
        self.assertEqual(sent.status, 200)
        self.assertEqual(shown_count(), "1", "an unconfirmed address is not counted")
        reader = Browser()
        link = confirm_link(address)
        reader.get(path_of(link))
        self.assertEqual(reader.post(path_of(link), {}).status, 200)
        self.assertEqual(shown_count(), "2")

    def test_closed_report_not_followed(self):
        number = signed_in_report(fixture, author, description="Do zamknięcia")
        report_id = publish(number)
        self.assertEqual(report_cli(report_id, "done")[0], 0)
        browser = register_confirmed(new_email("zamkniete"))
        browser.get(FORM_PAGE)
        result = browser.post(self.metoo_path(number), {})
        self.assertEqual(result.status, 409)
        self.assertIn("jest już zamknięte", result.main_text())

    def test_unknown_number_404(self):
        browser = Browser()
        browser.get(FORM_PAGE)
        self.assertEqual(browser.post(self.metoo_path("2026-999999"), {}).status, 404)
        self.assertEqual(browser.post(self.metoo_path("nie-numer"), {}).status, 404)

    def test_needs_csrf(self):
        browser = register_confirmed(new_email("csrf.jatez"))
        result = browser.post(self.metoo_path(), {}, with_csrf=False)
        self.assertEqual(result.status, 403)


if __name__ == "__main__":
    unittest.main()
