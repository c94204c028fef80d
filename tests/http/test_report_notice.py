"""ratusz-dispatch and the e-mails of problem reports: a status change reaches the author
and every follower exactly once, in the account's language (Polish for e-mail
followers), with a one-click unsubscribe that removes that follower; the follower
and the report's visibility are checked when the notice is sent.

Status moves go through tests/report_cli (report_move). The stack's dispatcher loop
is paused (SIGSTOP) while this module runs, and ratusz-dispatch --once is run here
on the real clock, so each test decides when mail goes out. Messages are read from
the stack's SMTP catcher with Python's email package.
"""

import os
import signal
import subprocess
import unittest
import urllib.parse

from portal_client import BASE_URL, request
from report_fixture import (FORM, TERC, Browser, Fixture, confirm_link, fresh_client,
                            messages, new_email, one, path_of, publish, register_confirmed,
                            report_cli, signed_in_report, sql)

BIN = os.environ.get("RATUSZ_BIN", "")
CONFIG = os.environ.get("RATUSZ_CONFIG", "")
VAR = os.environ.get("RATUSZ_VAR", "")
PUBLIC_TEXT = "Ekipa wyjedzie jutro <script>alert(1)</script> 🚧 źdźbło"
DESCRIPTION = "Dziura <img src=x onerror=alert(2)> przy źródełku 🕳️"

fixture = None
paused_pid = None


def stack_dispatcher_pid():
    try:
        with open(os.path.join(VAR, "run", "dispatch.pid"), encoding="ascii") as f:
            pid = int(f.read().strip())
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            if b"ratusz-dispatch" not in f.read():
                return None
    except (OSError, ValueError):
        return None
    return pid


def setUpModule():
    global fixture, paused_pid
    fixture = Fixture()
    paused_pid = stack_dispatcher_pid()
    if paused_pid is not None:
        os.kill(paused_pid, signal.SIGSTOP)


def tearDownModule():
    if paused_pid is not None:
        os.kill(paused_pid, signal.SIGCONT)


def dispatch():
    """Send every due outbox row once, twice in a row: a second run must send nothing new."""
    for _ in range(2):
        result = subprocess.run([os.path.join(BIN, "ratusz-dispatch"), "-c", CONFIG, "--once",
                                 "--no-reminders"], env=dict(os.environ, RATUSZ_CONFIG=CONFIG),
                                capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise AssertionError("ratusz-dispatch failed:\n%s" % result.stderr)


def notices(address, number):
    return [m for m in messages(address) if number in str(m["Subject"])]


def account_id(address):
    return one("SELECT id FROM account WHERE email_key = %s", address.lower())


def follow(browser, number):
    browser.get("%s?kategoria=%d" % (FORM, fixture.pothole))
    return browser.post("/gmina/%s/zgloszenia/%s/ja-tez" % (TERC, number), {})


def one_click(url):
    """POST the List-Unsubscribe URL as a mail provider does: no cookies, no token."""
    return request(path_of(url), method="POST", now=None,
                   headers={"Content-Type": "application/x-www-form-urlencoded"},
                   body=b"List-Unsubscribe=One-Click")


def new_resident(tag, lang="pl"):
    fresh_client()
    address = new_email(tag)
    browser = register_confirmed(address)
    if lang != "pl":
        sql("UPDATE account SET lang = %s WHERE email_key = %s", lang, address.lower())
    return browser, address


class StatusNoticeTest(unittest.TestCase):
    def test_each_follower_once_then_unsubscribed_none(self):
        author, author_address = new_resident("autor")
        number = signed_in_report(fixture, author, description=DESCRIPTION)
        report_id = publish(number)
        english, english_address = new_resident("english", lang="en")
        leaving, leaving_address = new_resident("odchodzi")
        self.assertEqual(follow(english, number).status, 200)
        self.assertEqual(follow(leaving, number).status, 200)
        mail_follower = new_email("poczta")
        anonymous = Browser()
        anonymous.get("%s?kategoria=%d" % (FORM, fixture.pothole))
        anonymous.post("/gmina/%s/zgloszenia/%s/ja-tez" % (TERC, number),
                       {"email": mail_follower})
        dispatch()
        link = confirm_link(mail_follower, timeout=5)
        reader = Browser()
        reader.get(path_of(link))
        self.assertEqual(reader.post(path_of(link), {}).status, 200)

        status, out, err = report_cli(report_id, "in_progress", PUBLIC_TEXT)
        self.assertEqual(status, 0, (out, err))
        dispatch()
        everyone = (author_address, english_address, leaving_address, mail_follower)
        for address in everyone:
            with self.subTest(address=address):
                self.assertEqual(len([m for m in notices(address, number)
                                      if "W realizacji" in body(m) or "In progress" in body(m)]),
                                 1, "one notice of the move to in_progress")

        polish = notices(author_address, number)[-1]
        self.assertEqual(str(polish["Subject"]), "Zgłoszenie %s: zmiana statusu" % number)
        text = body(polish)
        self.assertIn("Status: W realizacji", text)
        self.assertIn(PUBLIC_TEXT, text, "the plain text part carries the text as typed")
        self.assertIn(DESCRIPTION, text, "the description typed into the form")
        html = polish.get_body(preferencelist=("html",)).get_content()
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; 🚧 źdźbło", html)
        self.assertNotIn("<img src=x", html)
        self.assertIn("Dziura &lt;img src=x onerror=alert(2)&gt; przy źródełku 🕳️", html)
        self.assertIn("%s/gmina/%s/zgloszenia/%s" % (BASE_URL, TERC, number), text)
        self.assertEqual(str(polish["List-Unsubscribe-Post"]), "List-Unsubscribe=One-Click")

        english_mail = notices(english_address, number)[-1]
        self.assertEqual(str(english_mail["Subject"]), "Report %s: status changed" % number)
        self.assertIn("Status: In progress", body(english_mail))
        mailed = notices(mail_follower, number)[-1]
        self.assertEqual(str(mailed["Subject"]), "Zgłoszenie %s: zmiana statusu" % number,
                         "e-mail followers get Polish")

        # Each follower has an unsubscribe link of its own; one click removes that one.
        urls = {a: unsubscribe_url(notices(a, number)[-1]) for a in everyone}
        self.assertEqual(len(set(urls.values())), 4)
        removed = one_click(urls[leaving_address])
        self.assertEqual(removed.status, 200)
        self.assertEqual(one("SELECT COUNT(*) FROM report_follower WHERE report_id = %s"
                             " AND account_id = %s", report_id, account_id(leaving_address)),
                         "0")

        self.assertEqual(report_cli(report_id, "done", "Naprawione.")[0], 0)
        dispatch()
        for address in (author_address, english_address, mail_follower):
            with self.subTest(address=address):
                self.assertEqual(len([m for m in notices(address, number)
                                      if "Zrealizowane" in body(m) or "Done" in body(m)]), 1)
        self.assertEqual(len(notices(author_address, number)), 3,
                         "published, in progress and done, once each")
        self.assertEqual(len(notices(leaving_address, number)), 1,
                         "nothing after unsubscribing")

    def test_confirm_and_merge_in_one_round(self):
        author, author_address = new_resident("scalony")
        original_number = signed_in_report(fixture, author, description="Pierwsze")
        publish(original_number)
        number = signed_in_report(fixture, author, description="Drugie to samo")
        report_id = int(one("SELECT id FROM report WHERE public_number = %s AND"
                            " tenant_id = %s", number, fixture.tenant))
        original_id = one("SELECT id FROM report WHERE public_number = %s AND"
                          " tenant_id = %s", original_number, fixture.tenant)
        self.assertEqual(report_cli(report_id, "verified")[0], 0)
        merge = subprocess.run([os.path.join(BIN, "tests", "report_cli"), "merge",
                                str(report_id), str(original_id)],
                               env=dict(os.environ, RATUSZ_CONFIG=CONFIG),
                               capture_output=True, text=True, timeout=60, check=False)
        self.assertEqual(merge.returncode, 0, (merge.stdout, merge.stderr))
        dispatch()
        texts = [body(m) for m in notices(author_address, number)]
        self.assertEqual(len(texts), 2, texts)
        self.assertEqual(len([t for t in texts if "Status: Zweryfikowane" in t]), 1, texts)
        merged = [t for t in texts if "Status: Duplikat" in t]
        self.assertEqual(len(merged), 1, texts)
        self.assertIn("zgłoszeniu %s: %s/gmina/%s/zgloszenia/%s"
                      % (original_number, BASE_URL, TERC, original_number), merged[0])

    def test_follower_removed_before_send_cancelled(self):
        author, _ = new_resident("autor2")
        number = signed_in_report(fixture, author)
        report_id = publish(number)
        gone, gone_address = new_resident("usuniety")
        self.assertEqual(follow(gone, number).status, 200)
        dispatch()
        self.assertEqual(report_cli(report_id, "in_progress", "Start")[0], 0)
        follower = one("SELECT id FROM report_follower WHERE report_id = %s AND account_id = %s",
                       report_id, account_id(gone_address))
        sql("DELETE FROM report_follower WHERE id = %s", follower)
        dispatch()
        rows = sql("SELECT status, last_error FROM outbox WHERE kind = 'report_update'"
                   " AND idempotency_key LIKE %s", "report:%%:%s:email" % follower)
        self.assertEqual(rows, [["cancelled", "follower %s removed" % follower]])
        self.assertEqual(notices(gone_address, number), [])

    def test_report_no_longer_public_cancelled(self):
        author, author_address = new_resident("autor3")
        number = signed_in_report(fixture, author)
        report_id = publish(number)
        dispatch()
        before = len(notices(author_address, number))
        self.assertEqual(report_cli(report_id, "in_progress", "Start")[0], 0)
        sql("UPDATE report SET hidden = 1 WHERE id = %s", report_id)
        dispatch()
        rows = sql("SELECT o.status FROM outbox o JOIN report_event e ON o.idempotency_key ="
                   " CONCAT('report:', e.id, ':', (SELECT f.id FROM report_follower f WHERE"
                   " f.report_id = e.report_id AND f.is_author = 1), ':email')"
                   " WHERE e.report_id = %s AND e.to_status = 'in_progress'", report_id)
        self.assertEqual(rows, [["cancelled"]])
        self.assertEqual(len(notices(author_address, number)), before)

    def test_unconfirmed_mail_follower_gets_nothing(self):
        author, _ = new_resident("autor4")
        number = signed_in_report(fixture, author)
        report_id = publish(number)
        pending = new_email("niepotwierdzony")
        browser = Browser()
        browser.get("%s?kategoria=%d" % (FORM, fixture.pothole))
        browser.post("/gmina/%s/zgloszenia/%s/ja-tez" % (TERC, number), {"email": pending})
        self.assertEqual(report_cli(report_id, "in_progress")[0], 0)
        dispatch()
        self.assertEqual(notices(pending, number), [])


class UnsubscribePageTest(unittest.TestCase):
    def test_get_asks_post_removes(self):
        author, _ = new_resident("autor5")
        number = signed_in_report(fixture, author)
        token = one("SELECT f.unsubscribe_token FROM report_follower f JOIN report r ON"
                    " r.id = f.report_id WHERE r.public_number = %s AND r.tenant_id = %s",
                    number, fixture.tenant)
        path = "/zgloszenia/wypisz/%s" % token
        page = request(path, now=None)
        self.assertEqual(page.status, 200)
        self.assertIn(number, page.text)
        self.assertEqual(page.header("Referrer-Policy"), "no-referrer")
        self.assertEqual(one("SELECT COUNT(*) FROM report_follower WHERE unsubscribe_token = %s",
                             token), "1", "a GET changes nothing")
        done = request(path, method="POST", now=None,
                       headers={"Content-Type": "application/x-www-form-urlencoded"},
                       body=b"List-Unsubscribe=One-Click")
        self.assertEqual(done.status, 200)
        self.assertIn("Nie będziesz już dostawać powiadomień", done.text)
        self.assertEqual(request(path, now=None).status, 404)

    def test_unknown_token_404(self):
        self.assertEqual(request("/zgloszenia/wypisz/%s" % ("A" * 22), now=None).status, 404)
        self.assertEqual(request("/zgloszenia/wypisz/krotki", now=None).status, 404)


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def unsubscribe_url(message):
    value = str(message["List-Unsubscribe"]).strip()
    assert value.startswith("<") and value.endswith(">"), value
    url = value[1:-1]
    assert url.startswith(BASE_URL + "/zgloszenia/wypisz/"), url
    assert urllib.parse.urlsplit(url).path in body(message) or url in body(message)
    return url


if __name__ == "__main__":
    unittest.main()
