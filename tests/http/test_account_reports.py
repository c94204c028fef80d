"""HTTP tests of the problem reports in an account's data rights: the reports and
follows in the /konto/dane download, and what /konto/usun leaves of them.

Runs against the stack of tools/dev test; see report_fixture.py for the test data.
Reports are sent through the form, published with tests/report_cli, and looked at
through the back office pages of a coordinator.
"""

import json
import secrets
import unittest

from report_fixture import (TERC, Browser, Fixture, fresh_client, new_email, one, publish,
                            register_confirmed, report_row, signed_in_report, sql)
from test_accounts import PASSWORD

fixture = None
coordinator = None


def setUpModule():
    global fixture, coordinator
    fixture = Fixture()
    coordinator = fixture.staff("coordinator", fixture.tenant)


def account_of(address):
    return int(one("SELECT id FROM account WHERE email_key = %s", address.lower()))


def office_page(number):
    return coordinator.get("/urzad/%s/zgloszenia/%s" % (TERC, number))


def public_page(number):
    return "/gmina/%s/zgloszenia/%s" % (TERC, number)


def follow(browser, number):
    """Say "me too" on a public report; the form page supplies the CSRF token."""
    browser.get("/gmina/%s/zgloszenia/nowe" % TERC)
    result = browser.post("/gmina/%s/zgloszenia/%s/ja-tez" % (TERC, number), {})
    assert result.status == 200, result.text


class ReportExportTest(unittest.TestCase):
    def setUp(self):
        fresh_client()

    def test_export_lists_reports_and_follows(self):
        address = new_email("eksportzgl")
        author = register_confirmed(address)
        own = signed_in_report(fixture, author, description="Dziura 🕳️ przy <b>szkole</b>",
                               author_name="Roman Drugi")
        own_id = publish(own)
        token = secrets.token_urlsafe(16)[:22]
        sql("INSERT INTO report_photo (tenant_id, report_id, token, width, height, bytes,"
            " created_at) VALUES (%s, %s, %s, 640, 480, 1000, UTC_TIMESTAMP())",
            fixture.tenant, own_id, token)

        neighbour = register_confirmed(new_email("sasiad"))
        public = signed_in_report(fixture, neighbour, description="Latarnia nie świeci",
                                  lat=54.380100, lon=18.289000)
        publish(public)
        hidden = signed_in_report(fixture, neighbour, description="Ukryte zgłoszenie",
                                  lat=54.380700, lon=18.290000)
        hidden_id = publish(hidden)
        fresh_client()
        follow(author, public)
        follow(author, hidden)
        sql("UPDATE report SET hidden = 1 WHERE id = %s", hidden_id)

        result = author.get("/konto/dane")
        self.assertEqual(result.status, 200)
        data = json.loads(result.text)
        self.assertEqual(len(data["reports"]), 1)
        report = data["reports"][0]
        self.assertEqual(report["number"], own)
        self.assertEqual(report["gmina_terc"], TERC)
        self.assertEqual(report["gmina"], "Przodkowo")
        self.assertEqual(report["category"], "Dziura w jezdni")
        self.assertEqual(report["status"], "verified")
        self.assertEqual(report["description"], "Dziura 🕳️ przy <b>szkole</b>")
        self.assertEqual(report["author_name"], "Roman Drugi")
        self.assertEqual(report["photos"], [{
            "token": token,
            "path": "/gmina/%s/zgloszenia/%s/zdjecie/%s" % (TERC, own, token)}])
        self.assertIsNotNone(report["created_at"])
        self.assertIsNotNone(report["published_at"])
        self.assertIn("attributes", report)

        followed = {entry["number"]: entry for entry in data["followed_reports"]}
        self.assertEqual(sorted(followed), sorted([own, public, hidden]))
        self.assertEqual(followed[own]["is_author"], 1)
        self.assertEqual(followed[public]["is_author"], 0)
        self.assertEqual(followed[public]["status"], "verified")
        self.assertEqual(followed[public]["category"], "Dziura w jezdni")
        # A report hidden by moderation is no longer visible to a follower.
        self.assertIsNone(followed[hidden]["status"])
        self.assertIsNone(followed[hidden]["category"])
        self.assertNotIn("Ukryte zgłoszenie", result.text)


class ReportDeletionTest(unittest.TestCase):
    def setUp(self):
        fresh_client()

    def test_deletion_unlinks_reports(self):
        address = new_email("usunzgl")
        author = register_confirmed(address)
        aid = account_of(address)
        own = signed_in_report(fixture, author, description="Zapadnięta studzienka",
                               author_name="Roman Drugi")
        own_id = publish(own)
        neighbour = register_confirmed(new_email("sasiad2"))
        other = signed_in_report(fixture, neighbour, description="Brak pokrywy",
                                 lat=54.381500, lon=18.291000)
        other_id = publish(other)
        fresh_client()
        follow(author, other)
        follower = one("SELECT id FROM report_follower WHERE report_id = %s"
                       " AND account_id = %s", other_id, aid)
        # A pending notice found only through its follower id, and one with the account id.
        sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, tenant_id,"
            " payload, due_at, created_at) VALUES (%s, 'email', 'report_update', NULL, %s,"
            " JSON_OBJECT('report_id', %s, 'event_id', 1, 'follower_id', %s),"
            " '2099-01-01', UTC_TIMESTAMP())", "test:%s" % secrets.token_hex(8),
            fixture.tenant, other_id, follower)
        sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, tenant_id,"
            " payload, due_at, created_at) VALUES (%s, 'email', 'report_update', %s, %s,"
            " JSON_OBJECT('report_id', %s, 'event_id', 1, 'follower_id', %s),"
            " '2099-01-01', UTC_TIMESTAMP())", "test:%s" % secrets.token_hex(8), aid,
            fixture.tenant, other_id, follower)
        before = office_page(own)
        self.assertEqual(before.status, 200)
        self.assertIn("Roman Drugi", before.main_text())
        public_before = Browser().get(public_page(own))
        self.assertEqual(public_before.status, 200)
        self.assertIn("Roman Drugi", public_before.main_text())

        author.get("/konto/usun")
        shown = author.get("/konto/usun")
        self.assertIn("Twoje zgłoszenia problemów zostają w dokumentacji gminy",
                      shown.main_text())
        done = author.post("/konto/usun", {"password": PASSWORD})
        self.assertEqual(done.status, 200, done.text)
        self.assertIn("zostały w dokumentacji gminy jako anonimowe", done.main_text())

        row = report_row(own, "author_id, author_name, author_email, anonymous,"
                              " email_confirmed_at IS NOT NULL, status")
        self.assertEqual(row, ["NULL", "", "NULL", "1", "1", "verified"],
                         "the report stays without personal links")
        self.assertEqual(sql("SELECT COUNT(*) FROM report_follower WHERE account_id = %s",
                             aid), [["0"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM report_follower WHERE id = %s", follower),
                         [["0"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM outbox WHERE kind = 'report_update'"
                             " AND status <> 'sent'"
                             " AND JSON_VALUE(payload, '$.follower_id') = %s", follower),
                         [["0"]], "pending notices of the follows are deleted")
        self.assertEqual(sql("SELECT COUNT(*) FROM report_event WHERE actor_id = %s"
                             " AND actor_kind = 'resident'", aid), [["0"]])

        # The office still sees the report, now without author.
        after = office_page(own)
        self.assertEqual(after.status, 200, "staff visibility of an author-less report")
        self.assertNotIn("Roman Drugi", after.main_text())
        self.assertNotIn(address, after.text)
        listing = coordinator.get("/urzad/%s/zgloszenia" % TERC)
        self.assertEqual(listing.status, 200)
        self.assertIn(own, listing.text)
        # The public still sees it, anonymous.
        public_after = Browser().get(public_page(own))
        self.assertEqual(public_after.status, 200, "public visibility of an author-less report")
        self.assertNotIn("Roman Drugi", public_after.main_text())
        self.assertIn("Zapadnięta studzienka", public_after.main_text())


if __name__ == "__main__":
    unittest.main()
