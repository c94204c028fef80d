"""Authorization matrix of the report form's routes: the form and its POST, the nearby
JSON, "me too" and the e-mail links, for an anonymous visitor, the author, another
resident, an operator of the unit handling the report, an operator of another unit
and an admin of another gmina. A report a viewer may not see answers 404, as if it
did not exist.

Runs against the stack of tools/dev test; see report_fixture.py for the test data.
"""

import json
import secrets
import unittest

from report_fixture import (FORM, OTHER_TERC, TERC, Browser, Fixture, created_number,
                            fresh_client, new_email, pothole_form, publish,
                            register_confirmed, signed_in_report, submit)

fixture = None
actors = {}
private_number = None     # new, waiting for moderation: the author and the office only
public_number = None      # confirmed by moderation: everyone
unconfirmed_number = None  # an e-mail author's report before its link was used

ACTORS = ("anonymous", "author", "resident", "operator", "other_operator", "other_admin")


def setUpModule():
    global fixture, private_number, public_number, unconfirmed_number
    fixture = Fixture()
    fresh_client()
    actors["anonymous"] = Browser()
    actors["author"] = register_confirmed(new_email("autor"))
    fresh_client()
    actors["resident"] = register_confirmed(new_email("sasiad"))
    actors["operator"] = fixture.staff("operator", fixture.tenant, fixture.roads)
    actors["other_operator"] = fixture.staff("operator", fixture.tenant, fixture.lights)
    actors["other_admin"] = fixture.staff("gmina_admin", fixture.other_tenant)
    private_number = signed_in_report(fixture, actors["author"], description="Prywatne")
    public_number = signed_in_report(fixture, actors["author"], description="Publiczne")
    publish(public_number)
    result = submit(Browser(), fixture.pothole,
                    pothole_form(email=new_email("mailowy"), nearby_seen="1"))
    assert result.status == 303, result.text
    unconfirmed_number = created_number(result)


def form_page(browser):
    return browser.get("%s?kategoria=%d" % (FORM, fixture.pothole))


def metoo(browser, number):
    form_page(browser)
    return browser.post("/gmina/%s/zgloszenia/%s/ja-tez" % (TERC, number), {})


class AccessMatrixTest(unittest.TestCase):
    def test_form_pages_open_to_all(self):
        for name in ACTORS:
            with self.subTest(actor=name):
                browser = actors[name]
                self.assertEqual(browser.get(FORM).status, 200)
                self.assertEqual(form_page(browser).status, 200)
                foreign = browser.get("%s?kategoria=%d" % (FORM, fixture.foreign))
                self.assertEqual(foreign.status, 404, "another gmina's category")

    def test_form_post(self):
        expected = {"anonymous": 400, "author": 303, "resident": 303, "operator": 303,
                    "other_operator": 303, "other_admin": 303}
        for name in ACTORS:
            with self.subTest(actor=name):
                result = submit(actors[name], fixture.lamp,
                                pothole_form(nearby_seen="1", description="Od " + name))
                self.assertEqual(result.status, expected[name], result.main_text())

    def test_form_post_to_other_gmina_with_its_category(self):
        for name in ACTORS:
            with self.subTest(actor=name):
                result = submit(actors[name], fixture.pothole,
                                pothole_form(nearby_seen="1", email="a@example.pl"),
                                gmina=OTHER_TERC)
                self.assertEqual(result.status, 400, "a category of another gmina")

    def test_nearby_json_lists_public_only(self):
        for name in ACTORS:
            with self.subTest(actor=name):
                result = actors[name].get(
                    "/gmina/%s/zgloszenia/w-poblizu?kategoria=%d&lat=54.3795&lon=18.288"
                    % (TERC, fixture.pothole))
                self.assertEqual(result.status, 200)
                listed = [i["number"] for i in json.loads(result.text)["reports"]]
                self.assertIn(public_number, listed)
                self.assertNotIn(private_number, listed)
                self.assertNotIn(unconfirmed_number, listed)

    def test_metoo_private_report(self):
        expected = {"anonymous": 404, "author": 200, "resident": 404, "operator": 200,
                    "other_operator": 404, "other_admin": 404}
        for name in ACTORS:
            with self.subTest(actor=name):
                self.assertEqual(metoo(actors[name], private_number).status, expected[name])

    def test_metoo_public_report(self):
        # Anonymous visitors are asked for an e-mail address first (400 without one).
        expected = {"anonymous": 400, "author": 200, "resident": 200, "operator": 200,
                    "other_operator": 200, "other_admin": 200}
        for name in ACTORS:
            with self.subTest(actor=name):
                self.assertEqual(metoo(actors[name], public_number).status, expected[name])

    def test_metoo_report_waiting_for_email_link(self):
        # The office does not see an e-mail author's report before the link is used.
        for name in ACTORS:
            with self.subTest(actor=name):
                self.assertEqual(metoo(actors[name], unconfirmed_number).status, 404)

    def test_links_need_their_token(self):
        token = secrets.token_urlsafe(16)[:22]
        for name in ACTORS:
            with self.subTest(actor=name):
                browser = actors[name]
                confirm = "/gmina/%s/zgloszenia/potwierdz/%s" % (TERC, token)
                self.assertEqual(browser.get(confirm).status, 404)
                self.assertEqual(browser.post(confirm, {}).status, 404)
                unsubscribe = "/zgloszenia/wypisz/%s" % token
                self.assertEqual(browser.get(unsubscribe).status, 404)
                self.assertEqual(browser.post(unsubscribe, {}).status, 404)


if __name__ == "__main__":
    unittest.main()
