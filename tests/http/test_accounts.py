"""HTTP tests of resident accounts: registration, login, sessions, CSRF, password reset,
the account page, data export and deletion, and the ratuszctl role commands.

Runs against the stack of tools/dev test (RATUSZ_URL, RATUSZ_CONFIG, RATUSZ_BIN,
RATUSZ_DB_SOCKET; workers with RATUSZ_TEST_HOOKS=1 so that X-Ratusz-Now sets the time).
One-time links are read from the outbox payload while the message waits there, and
from the delivered e-mail (RATUSZ_MAIL_DIR, the stack's SMTP catcher) once the
dispatcher has sent it and cleared the payload.

Registration, sign-in and password reset are rate limited per client address. Each
test therefore connects from a loopback address of its own (127.0.N.M, see
AccountTestCase), so the limits count only that test's requests.
"""

import datetime
import email
import email.policy
import glob
import hashlib
import http.client
import itertools
import json
import os
import re
import secrets
import subprocess
import time
import unittest
import urllib.parse

from portal_client import BASE_URL, parse_html

CONFIG = os.environ.get("RATUSZ_CONFIG", "")
BIN = os.environ.get("RATUSZ_BIN", "")
SOCKET = os.environ.get("RATUSZ_DB_SOCKET", "")
MAIL_DIR = os.environ.get("RATUSZ_MAIL_DIR", "")
PASSWORD = "zielona łąka nad rzeką"
TEST_TERC = "2205032"   # Przodkowo, loaded by tools/load-data


def setUpModule():
    missing = [name for name in ("RATUSZ_URL", "RATUSZ_CONFIG", "RATUSZ_BIN", "RATUSZ_DB_SOCKET")
               if not os.environ.get(name)]
    if missing:
        raise RuntimeError("missing environment: %s (tools/dev test sets it)" % ", ".join(missing))


def read_config():
    values = {}
    with open(CONFIG, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    return values


def sql(query, *params):
    """Run SQL with the portal's account; params are quoted as SQL strings."""
    def literal(value):
        if value is None:
            return "NULL"
        return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"
    text = query % tuple(literal(p) for p in params) if params else query
    config = read_config()
    env = dict(os.environ, MYSQL_PWD=config.get("db_password", ""))
    result = subprocess.run(
        ["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-S", SOCKET,
         "-u", config.get("db_user", "ratusz"), "-N", "-B", "-e", text,
         config.get("db_name", "ratusz")],
        env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError("SQL failed: %s\n%s" % (text, result.stderr))
    return [line.split("\t") for line in result.stdout.splitlines()]


def ctl(*args, stdin=None, lang="pl"):
    env = dict(os.environ, RATUSZ_CONFIG=CONFIG, RATUSZ_LANG=lang)
    result = subprocess.run([os.path.join(BIN, "ratuszctl"), *args], env=env, input=stdin,
                            capture_output=True, text=True, check=False)
    return result.returncode, result.stdout, result.stderr


def new_email(tag):
    return "%s.%s@example.pl" % (tag, secrets.token_hex(4))


_client_numbers = itertools.count()
CLIENT_ADDRESS = "127.0.0.1"


def use_new_client_address():
    """Make new Browsers connect from a loopback address no other test has used."""
    global CLIENT_ADDRESS
    number = next(_client_numbers)
    CLIENT_ADDRESS = "127.0.%d.%d" % (1 + number // 250, 1 + number % 250)
    return CLIENT_ADDRESS


class AccountTestCase(unittest.TestCase):
    """A test whose Browsers connect from a client address of its own."""

    def setUp(self):
        self.client_address = use_new_client_address()


def minutes_later(now, minutes):
    """Return the X-Ratusz-Now value minutes after now."""
    moment = datetime.datetime.strptime(now, "%Y-%m-%dT%H:%M:%SZ")
    return (moment + datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def future_now():
    """A random moment of 2031-2035, so rate-limit windows of different tests never meet."""
    start = datetime.datetime(2031, 1, 1, tzinfo=datetime.timezone.utc)
    moment = start + datetime.timedelta(minutes=15 * secrets.randbelow(4 * 24 * 365 * 4))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Browser:
    """Cookies, the last CSRF token and an Origin, like a browser on the portal.

    It connects from source (a loopback address), by default the current test's.
    """

    def __init__(self, now=None, source=None):
        self.cookies = {}
        self.now = now
        self.csrf = None
        self.source = source or CLIENT_ADDRESS

    def cookie_header(self):
        return "; ".join("%s=%s" % item for item in self.cookies.items())

    def request(self, path, method="GET", form=None, headers=None, origin=BASE_URL):
        url = urllib.parse.urlsplit(BASE_URL)
        connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60,
                                                source_address=(self.source, 0))
        all_headers = {}
        if self.now is not None:
            all_headers["X-Ratusz-Now"] = self.now
        if self.cookies:
            all_headers["Cookie"] = self.cookie_header()
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode("utf-8")
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            if origin is not None:
                all_headers["Origin"] = origin
        all_headers.update(headers or {})

        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            result = Result(response.status, response.msg, response.read())
        finally:
            connection.close()

        for line in result.headers.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in line:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

        match = re.search(r'name="csrf" value="([0-9a-f]{64})"', result.text)
        if match:
            self.csrf = match.group(1)
        return result

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def post(self, path, form, with_csrf=True, **kwargs):
        form = dict(form)
        if with_csrf:
            form.setdefault("csrf", self.csrf or "")
        return self.request(path, method="POST", form=form, **kwargs)


class Result:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def main_text(self):
        main = parse_html(self.text).find("main")
        return main.text() if main is not None else ""


def account_id(address):
    rows = sql("SELECT id FROM account WHERE email_key = %s", address.lower())
    return int(rows[0][0]) if rows else None


def mail_link(address, path_prefix, after_id=0, timeout=30):
    """Return the newest one-time link under path_prefix for address: from the outbox
    payload while the row waits, else from the e-mail the dispatcher delivered."""
    pattern = re.compile(re.escape(BASE_URL + path_prefix) + r"[A-Za-z0-9_-]{22}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = sql("SELECT o.id, o.payload, o.status FROM outbox o JOIN account a "
                   "ON a.id = o.account_id WHERE a.email_key = %s AND o.id > %s "
                   "ORDER BY o.id DESC", address.lower(), after_id)
        for _, payload, _ in rows:
            found = pattern.search(payload)
            if found:
                return found.group(0)
        for text in delivered_mail(address):
            found = pattern.findall(text)
            if found:
                return found[-1]
        time.sleep(0.5)
    raise AssertionError("no link %s for %s in the outbox or the delivered mail"
                         % (path_prefix, address))


def delivered_mail(address):
    """Text parts of the messages the stack's SMTP catcher stored for address, oldest first."""
    if not MAIL_DIR or not os.path.isdir(MAIL_DIR):
        return []
    texts = []
    for name in sorted(glob.glob(os.path.join(MAIL_DIR, "*.eml"))):
        with open(name, "rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        if address.lower() not in str(message.get("To", "")).lower():
            continue
        part = message.get_body(preferencelist=("plain",))
        if part is not None:
            texts.append(part.get_content())
    return texts


def last_outbox_id():
    rows = sql("SELECT COALESCE(MAX(id), 0) FROM outbox")
    return int(rows[0][0])


def register(browser, address, password=PASSWORD, **extra):
    browser.get("/konto/rejestracja")
    form = {"email": address, "password": password, "password2": password, "terms": "1"}
    form.update(extra)
    return browser.post("/konto/rejestracja", form)


def confirm(browser, link):
    """Open a confirmation link and press the page's button, as a resident does.

    Returns the response of the POST, or of the GET when it shows no button.
    """
    path = urllib.parse.urlsplit(link).path
    page = browser.get(path)
    if page.status != 200:
        return page
    return browser.post(path, {})


def register_confirmed(address, password=PASSWORD, now=None):
    """Register and confirm an account; returns a signed-in Browser."""
    browser = Browser(now)
    before = last_outbox_id()
    result = register(browser, address, password, consent_email="1")
    assert result.status == 200, result.text
    link = mail_link(address, "/konto/potwierdz/", before)
    confirmed = confirm(browser, link)
    assert confirmed.status == 200, confirmed.text
    login(browser, address, password)
    return browser


def login(browser, address, password=PASSWORD):
    """Post the login form; a signed-in browser takes its token from the account page."""
    if browser.get("/konto/logowanie").status == 303:
        browser.get("/konto")
    return browser.post("/konto/logowanie", {"email": address, "password": password})


class RegistrationTest(AccountTestCase):
    def test_register_confirm_and_login(self):
        address = new_email("Jan.Nowak")
        browser = Browser()
        before = last_outbox_id()
        result = register(browser, address)
        self.assertEqual(result.status, 200, result.text)
        self.assertIn("Sprawdź swoją skrzynkę", result.main_text())
        rows = sql("SELECT email, email_key, password_hash, confirmed_at FROM account "
                   "WHERE email_key = %s", address.lower())
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][0], address)
        self.assertRegex(rows[0][2], r"^scrypt\$17\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$")
        self.assertEqual(rows[0][3], "NULL")
        kinds = sql("SELECT kind, channel FROM outbox WHERE account_id = %s",
                    account_id(address))
        self.assertIn(["account_confirm", "email"], kinds)

        # Signing in before confirming is refused with a hint.
        refused = login(Browser(), address)
        self.assertEqual(refused.status, 400)
        self.assertIn("potwierdź adres e-mail", refused.main_text())

        link = mail_link(address, "/konto/potwierdz/", before)
        confirmed = confirm(browser, link)
        self.assertEqual(confirmed.status, 200)
        self.assertIn("Adres e-mail potwierdzony", confirmed.main_text())
        again = browser.get(urllib.parse.urlsplit(link).path)
        self.assertEqual(again.status, 404, "a confirmation link works once")
        replayed = browser.post(urllib.parse.urlsplit(link).path, {})
        self.assertEqual(replayed.status, 404, "a used link cannot be posted again")

        signed_in = login(browser, address.upper())
        self.assertEqual(signed_in.status, 303)
        self.assertEqual(signed_in.headers["Location"], "/konto")
        page = browser.get("/konto")
        self.assertEqual(page.status, 200)
        self.assertIn(address, page.main_text())

    def test_confirmation_link_arrives_by_email(self):
        if not os.access(os.path.join(BIN, "ratusz-dispatch"), os.X_OK) or not MAIL_DIR:
            self.skipTest("the stack has no ratusz-dispatch and SMTP catcher")
        address = new_email("Poczta")
        browser = Browser()
        self.assertEqual(register(browser, address).status, 200)
        pattern = re.compile(re.escape(BASE_URL) + r"/konto/potwierdz/[A-Za-z0-9_-]{22}")
        deadline = time.monotonic() + 60
        links = []
        while not links and time.monotonic() < deadline:
            links = [m for text in delivered_mail(address) for m in pattern.findall(text)]
            time.sleep(0.5)
        self.assertEqual(len(links), 1, "one confirmation e-mail with its link")
        payload = sql("SELECT payload FROM outbox WHERE account_id = %s", account_id(address))
        self.assertEqual(payload, [["{}"]], "the sent message's link leaves the database")
        confirmed = confirm(browser, links[0])
        self.assertEqual(confirmed.status, 200)
        self.assertIn("Adres e-mail potwierdzony", confirmed.main_text())

    def test_existing_address_owner_gets_note(self):
        if not os.access(os.path.join(BIN, "ratusz-dispatch"), os.X_OK) or not MAIL_DIR:
            self.skipTest("the stack has no ratusz-dispatch and SMTP catcher")
        address = new_email("Znany")
        register_confirmed(address)
        self.assertEqual(register(Browser(), address).status, 200)
        deadline = time.monotonic() + 60
        notes = []
        while not notes and time.monotonic() < deadline:
            notes = [text for text in delivered_mail(address)
                     if "masz już konto w portalu" in text]
            time.sleep(0.5)
        self.assertEqual(len(notes), 1, "one note to the owner of the address")
        self.assertIn(BASE_URL + "/konto/haslo", notes[0])
        rows = sql("SELECT status, payload FROM outbox WHERE account_id = %s"
                   " AND kind = 'account_exists'", account_id(address))
        self.assertEqual(rows, [["sent", "{}"]])

    def test_earlier_registrant_loses_password(self):
        # Someone registers a resident's address first; the resident registers too
        # and confirms with the newest link: only the resident's password works.
        address = new_email("ofiara")
        before = last_outbox_id()
        self.assertEqual(register(Browser(), address, password="Napastnik-haslo-1").status, 200)
        first = mail_link(address, "/konto/potwierdz/", before)
        middle = last_outbox_id()
        self.assertEqual(register(Browser(), address, password="Mieszkaniec-haslo-2").status, 200)
        newest = mail_link(address, "/konto/potwierdz/", middle)
        self.assertNotEqual(first, newest)
        self.assertEqual(confirm(Browser(), newest).status, 200)
        self.assertEqual(login(Browser(), address, "Napastnik-haslo-1").status, 400)
        self.assertEqual(login(Browser(), address, "Mieszkaniec-haslo-2").status, 303)
        # The earlier link no longer works.
        self.assertEqual(Browser().get(urllib.parse.urlsplit(first).path).status, 404)
        self.assertEqual(confirm(Browser(), first).status, 404)

    def test_account_links_not_logged(self):
        address = new_email("dziennik")
        before = last_outbox_id()
        register(Browser(), address)
        link = mail_link(address, "/konto/potwierdz/", before)
        path = urllib.parse.urlsplit(link).path
        confirm(Browser(), link)
        token = path.rsplit("/", 1)[1]
        with open(os.path.join(os.environ["RATUSZ_VAR"], "log", "nginx-access.log"),
                  encoding="utf-8") as log:
            text = log.read()
        self.assertIn("/konto/potwierdz/-", text)
        self.assertNotIn(token, text)

    def test_register_rejects_invalid_input(self):
        cases = [
            ({"email": "not-an-address"}, "poprawny adres e-mail"),
            ({"password": "krótkie1"}, "co najmniej 10 znaków"),
            ({"password2": "inne hasło niż pierwsze"}, "nie są takie same"),
            ({"terms": ""}, "zaakceptuj regulamin"),
        ]
        for change, message in cases:
            with self.subTest(change=change):
                browser = Browser()
                browser.get("/konto/rejestracja")
                form = {"email": new_email("zle"), "password": PASSWORD,
                        "password2": PASSWORD, "terms": "1"}
                form.update(change)
                if "password" in change and "password2" not in change:
                    form["password2"] = change["password"]
                result = browser.post("/konto/rejestracja", form)
                self.assertEqual(result.status, 400)
                self.assertIn(message, result.main_text())

    def test_password_equal_to_email_rejected(self):
        address = new_email("haslo")
        browser = Browser()
        result = register(browser, address, password=address.upper())
        self.assertEqual(result.status, 400)
        self.assertIn("nie może być takie samo jak adres e-mail", result.main_text())
        self.assertIsNone(account_id(address))

    def test_existing_address_not_revealed(self):
        address = new_email("istnieje")
        register_confirmed(address)
        before = last_outbox_id()
        fresh = register(Browser(), new_email("nowy"))
        taken = register(Browser(), address)
        self.assertEqual(taken.status, fresh.status)
        self.assertEqual(taken.main_text(), fresh.main_text())
        # The owner of the address gets a note instead of a second account.
        rows = sql("SELECT kind FROM outbox WHERE account_id = %s AND id > %s",
                   account_id(address), before)
        self.assertEqual(rows, [["account_exists"]])
        count = sql("SELECT COUNT(*) FROM account WHERE email_key = %s", address.lower())
        self.assertEqual(count, [["1"]])

    def test_consent_recorded_with_time(self):
        address = new_email("zgoda")
        register(Browser(), address, consent_email="1")
        rows = sql("SELECT channel, given_at IS NOT NULL, withdrawn_at FROM consent "
                   "WHERE account_id = %s", account_id(address))
        self.assertEqual(rows, [["email", "1", "NULL"]])
        other = new_email("bezzgody")
        register(Browser(), other)
        self.assertEqual(sql("SELECT COUNT(*) FROM consent WHERE account_id = %s",
                             account_id(other)), [["0"]])


class RegistrationLimitTest(AccountTestCase):
    def test_limited_per_client_address(self):
        now = future_now()
        for number in range(10):
            result = register(Browser(now), new_email("limit%d" % number))
            self.assertEqual(result.status, 200, "registration %d" % number)
        address = new_email("Jedenasta")
        blocked = register(Browser(now), address, consent_email="1")
        self.assertEqual(blocked.status, 429)
        self.assertIn("wysłano w ciągu 15 minut zbyt wiele rejestracji", blocked.main_text())
        self.assertIsNone(account_id(address), "a blocked registration stores nothing")

        # The form keeps what was typed, except the passwords.
        form = parse_html(blocked.text).find("form", action="/konto/rejestracja")
        self.assertEqual(form.find("input", name="email").attrs.get("value"), address)
        self.assertIn("checked", form.find("input", name="terms").attrs)
        self.assertIn("checked", form.find("input", name="consent_email").attrs)
        for name in ("password", "password2"):
            self.assertIsNone(form.find("input", name=name).attrs.get("value"), name)

        # Another client address registers in the same window.
        other = Browser(now, source=use_new_client_address())
        self.assertEqual(register(other, new_email("inny")).status, 200)
        # The next window lets the first address register again.
        later = Browser(minutes_later(now, 15), source=self.client_address)
        self.assertEqual(register(later, address).status, 200)
        self.assertIsNotNone(account_id(address))

    def test_taken_addresses_counted_too(self):
        now = future_now()
        address = new_email("zajety")
        register_confirmed(address)
        for number in range(10):
            result = register(Browser(now), address if number % 2 else new_email("nowy"))
            self.assertEqual(result.status, 200, "registration %d" % number)
        blocked = register(Browser(now), address)
        self.assertEqual(blocked.status, 429, "the limit does not tell taken addresses apart")

    def test_invalid_forms_not_counted(self):
        now = future_now()
        for number in range(12):
            result = register(Browser(now), new_email("bez%d" % number), terms="")
            self.assertEqual(result.status, 400, "form %d" % number)
        self.assertEqual(register(Browser(now), new_email("dobry")).status, 200)


class ConfirmLinkTest(AccountTestCase):
    def test_get_changes_nothing_post_confirms(self):
        address = new_email("skaner")
        before = last_outbox_id()
        self.assertEqual(register(Browser(), address).status, 200)
        path = urllib.parse.urlsplit(mail_link(address, "/konto/potwierdz/", before)).path
        aid = account_id(address)

        # A mail scanner opens the link, without cookies, more than once.
        for method in ("GET", "HEAD", "GET"):
            self.assertEqual(Browser().request(path, method=method).status, 200, method)
        self.assertEqual(sql("SELECT confirmed_at FROM account WHERE id = %s", aid), [["NULL"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM account_token WHERE account_id = %s "
                             "AND used_at IS NOT NULL", aid), [["0"]])
        self.assertEqual(login(Browser(), address).status, 400)

        resident = Browser()
        page = resident.get(path)
        self.assertIn("Potwierdź adres e-mail", page.main_text())
        form = parse_html(page.text).find("form", method="post")
        self.assertIsNotNone(form, "the page has a button that posts the link")
        self.assertEqual(urllib.parse.unquote(form.attrs["action"]), path)

        # Without the page's token, or from another site, the post changes nothing.
        self.assertEqual(Browser().post(path, {}, with_csrf=False).status, 403)
        self.assertEqual(resident.post(path, {}, origin="http://evil.example").status, 403)
        self.assertEqual(sql("SELECT confirmed_at FROM account WHERE id = %s", aid), [["NULL"]])

        done = resident.post(path, {})
        self.assertEqual(done.status, 200)
        self.assertIn("Adres e-mail potwierdzony", done.main_text())
        self.assertEqual(sql("SELECT confirmed_at IS NOT NULL FROM account WHERE id = %s", aid),
                         [["1"]])
        self.assertEqual(login(Browser(), address).status, 303)

    def test_unknown_link_404_on_both_methods(self):
        browser = Browser()
        self.assertEqual(browser.get("/konto/potwierdz/" + "A" * 22).status, 404)
        browser.get("/konto/rejestracja")
        self.assertEqual(browser.post("/konto/potwierdz/" + "A" * 22, {}).status, 404)


class CsrfTest(AccountTestCase):
    def setUp(self):
        super().setUp()
        self.address = new_email("csrf")
        self.browser = register_confirmed(self.address)
        self.browser.get("/konto")

    def assert_rejected(self, result):
        self.assertEqual(result.status, 403)
        self.assertIn("Formularz wygasł", result.main_text())

    def test_missing_token_rejected(self):
        result = self.browser.post("/konto/ustawienia", {"lang": "en"}, with_csrf=False)
        self.assert_rejected(result)
        self.assertEqual(sql("SELECT lang FROM account WHERE email_key = %s",
                             self.address.lower()), [["pl"]])

    def test_wrong_token_rejected(self):
        result = self.browser.post("/konto/ustawienia", {"lang": "en", "csrf": "0" * 64})
        self.assert_rejected(result)

    def test_other_origin_rejected(self):
        result = self.browser.post("/konto/ustawienia", {"lang": "en"},
                                   origin="http://evil.example")
        self.assert_rejected(result)

    def test_referer_without_origin_accepted(self):
        result = self.browser.post("/konto/ustawienia", {"lang": "en"}, origin=None,
                                   headers={"Referer": BASE_URL + "/konto"})
        self.assertEqual(result.status, 303)
        bad = self.browser.post("/konto/ustawienia", {"lang": "pl"}, origin=None,
                                headers={"Referer": "http://evil.example/konto"})
        self.assert_rejected(bad)
        neither = self.browser.post("/konto/ustawienia", {"lang": "pl"}, origin=None)
        self.assert_rejected(neither)

    def test_anonymous_form_needs_pre_cookie(self):
        browser = Browser()
        page = browser.get("/konto/logowanie")
        self.assertIn("pre", browser.cookies)
        self.assertIn("HttpOnly", page.headers["Set-Cookie"])
        browser.cookies.clear()
        result = browser.post("/konto/logowanie", {"email": self.address, "password": PASSWORD})
        self.assert_rejected(result)

    def test_token_of_other_session_rejected(self):
        other = register_confirmed(new_email("inny"))
        other.get("/konto")
        result = self.browser.post("/konto/ustawienia", {"lang": "en", "csrf": other.csrf})
        self.assert_rejected(result)


class SessionTest(AccountTestCase):
    def test_cookie_attributes(self):
        address = new_email("ciastko")
        browser = register_confirmed(address)
        result = login(browser, address)
        cookies = [c for c in result.headers.get_all("Set-Cookie") if c.startswith("sid=")]
        self.assertEqual(len(cookies), 1)
        cookie = cookies[0]
        self.assertRegex(cookie, r"^sid=[A-Za-z0-9_-]{22};")
        for attribute in ("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=2592000"):
            self.assertIn(attribute, cookie)
        # The test stack serves http://, so the cookie cannot be Secure there.
        self.assertNotIn("Secure", cookie)
        self.assertEqual(result.headers["Cache-Control"], "no-store")

    def test_session_stored_hashed(self):
        address = new_email("skrot")
        browser = register_confirmed(address)
        token = browser.cookies["sid"]
        rows = sql("SELECT token_hash FROM session WHERE account_id = %s", account_id(address))
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][0], hashlib.sha256(token.encode()).hexdigest())
        self.assertEqual(sql("SELECT COUNT(*) FROM session WHERE token_hash = %s", token),
                         [["0"]])

    def test_login_rotates_session(self):
        address = new_email("rotacja")
        browser = register_confirmed(address)
        old = browser.cookies["sid"]
        login(browser, address)
        new = browser.cookies["sid"]
        self.assertNotEqual(old, new)
        stale = Browser()
        stale.cookies["sid"] = old
        self.assertEqual(stale.get("/konto").status, 303, "the old session must be gone")
        self.assertEqual(sql("SELECT COUNT(*) FROM session WHERE account_id = %s",
                             account_id(address)), [["1"]])

    def test_logout_ends_session_on_server(self):
        address = new_email("wyloguj")
        browser = register_confirmed(address)
        token = browser.cookies["sid"]
        browser.get("/konto")
        result = browser.post("/konto/wyloguj", {})
        self.assertEqual(result.status, 303)
        self.assertNotIn("sid", browser.cookies)
        replay = Browser()
        replay.cookies["sid"] = token
        page = replay.get("/konto")
        self.assertEqual(page.status, 303)
        self.assertEqual(page.headers["Location"], "/konto/logowanie")
        self.assertEqual(sql("SELECT COUNT(*) FROM session WHERE account_id = %s",
                             account_id(address)), [["0"]])

    def test_logout_needs_post(self):
        browser = register_confirmed(new_email("getwyloguj"))
        refused = browser.get("/konto/wyloguj")
        self.assertEqual(refused.status, 405)
        self.assertEqual(refused.headers["Allow"], "POST")
        self.assertEqual(browser.get("/konto").status, 200)

    def test_allow_lists_path_methods(self):
        cases = [("/konto/wyloguj", "HEAD", "POST"),
                 ("/konto/rejestracja", "PUT", "GET, HEAD, POST"),
                 ("/konto/potwierdz/" + "A" * 22, "DELETE", "GET, HEAD, POST"),
                 ("/konto/dane", "POST", "GET, HEAD"),
                 ("/api/v1/gminy", "POST", "GET, HEAD, OPTIONS")]
        for path, method, allow in cases:
            with self.subTest(path=path, method=method):
                result = Browser().request(path, method=method)
                self.assertEqual(result.status, 405)
                self.assertEqual(result.headers["Allow"], allow)

    def test_session_slides_and_expires(self):
        start = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)
        stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
        address = new_email("wygasa")
        browser = register_confirmed(address, now=stamp(start))
        aid = account_id(address)

        browser.now = stamp(start + datetime.timedelta(minutes=30))
        within_hour = browser.get("/konto")
        self.assertEqual(within_hour.status, 200)
        self.assertFalse([c for c in within_hour.headers.get_all("Set-Cookie") or []
                          if c.startswith("sid=")], "no update within the hour")

        browser.now = stamp(start + datetime.timedelta(days=20))
        later = browser.get("/konto")
        self.assertEqual(later.status, 200)
        self.assertTrue([c for c in later.headers.get_all("Set-Cookie") or []
                         if c.startswith("sid=")], "the cookie is sent again when sliding")
        expires = sql("SELECT expires_at FROM session WHERE account_id = %s", aid)
        self.assertEqual(expires, [["2030-04-20 12:00:00"]])

        browser.now = stamp(start + datetime.timedelta(days=49))
        self.assertEqual(browser.get("/konto").status, 200, "slid to 30 days after day 20")
        browser.now = stamp(start + datetime.timedelta(days=49 + 31))
        self.assertEqual(browser.get("/konto").status, 303, "expired 30 days after last seen")


class StaffSessionTest(AccountTestCase):
    def stamp(self, moment):
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def sid_cookies(self, result):
        return [c for c in result.headers.get_all("Set-Cookie") or [] if c.startswith("sid=")]

    def test_staff_session_ends_after_idle_hours(self):
        start = datetime.datetime(2030, 5, 4, 8, 0, tzinfo=datetime.timezone.utc)
        address = new_email("urzednik")
        register_confirmed(address, now=self.stamp(start))
        status, _, err = ctl("grant", "--email", address, "--role", "coordinator",
                             "--gmina", TEST_TERC)
        self.assertEqual(status, 0, err)
        browser = Browser(self.stamp(start))
        signed_in = login(browser, address)
        self.assertEqual(signed_in.status, 303)
        self.assertIn("Max-Age=43200", self.sid_cookies(signed_in)[0])
        # The session of the registration began before the role was granted.
        self.assertIn(["2030-05-04 20:00:00"],
                      sql("SELECT expires_at FROM session WHERE account_id = %s",
                          account_id(address)))

        browser.now = self.stamp(start + datetime.timedelta(minutes=10))
        slid = browser.get("/konto")
        self.assertEqual(slid.status, 200)
        self.assertTrue(self.sid_cookies(slid), "a staff session slides after 5 minutes")
        browser.now = self.stamp(start + datetime.timedelta(hours=11, minutes=50))
        self.assertEqual(browser.get("/konto").status, 200, "11:40 idle is within 12 hours")
        browser.now = self.stamp(start + datetime.timedelta(hours=23, minutes=51))
        self.assertEqual(browser.get("/konto").status, 303, "12:01 idle ends the session")

    def test_role_granted_during_session_shortens_it(self):
        start = datetime.datetime(2030, 6, 1, 8, 0, tzinfo=datetime.timezone.utc)
        address = new_email("awans")
        browser = register_confirmed(address, now=self.stamp(start))
        status, _, err = ctl("grant", "--email", address, "--role", "gmina_admin",
                             "--gmina", TEST_TERC)
        self.assertEqual(status, 0, err)
        browser.now = self.stamp(start + datetime.timedelta(hours=13))
        self.assertEqual(browser.get("/konto").status, 303,
                         "a 30-day session ends after 12 idle hours once the account has a role")

    def test_resident_session_outlives_staff_limit(self):
        start = datetime.datetime(2030, 7, 1, 8, 0, tzinfo=datetime.timezone.utc)
        address = new_email("mieszkaniec")
        browser = register_confirmed(address, now=self.stamp(start))
        browser.now = self.stamp(start + datetime.timedelta(minutes=10))
        self.assertFalse(self.sid_cookies(browser.get("/konto")),
                         "a resident's session slides at most hourly")
        browser.now = self.stamp(start + datetime.timedelta(days=2))
        self.assertEqual(browser.get("/konto").status, 200, "residents keep 30 days")


class LoginTest(AccountTestCase):
    def test_no_enumeration_on_login(self):
        address = new_email("enum")
        register_confirmed(address)
        now = future_now()
        wrong = login(Browser(now), address, "to nie jest hasło")
        unknown = login(Browser(now), new_email("brak"), "to nie jest hasło")
        self.assertEqual(wrong.status, 400)
        self.assertEqual(unknown.status, wrong.status)
        self.assertEqual(wrong.main_text(), unknown.main_text())
        self.assertIn("Nieprawidłowy adres e-mail lub hasło", wrong.main_text())

    def test_login_returns_to_next_page(self):
        address = new_email("dalej")
        register_confirmed(address)
        cases = [("/konto/adresy/nowy?point=5", "/konto/adresy/nowy?point=5"),
                 ("//evil.example/konto", "/konto"), ("https://evil.example/", "/konto"),
                 ("/\\evil.example", "/konto")]
        for next_path, expected in cases:
            with self.subTest(next=next_path):
                browser = Browser()
                browser.get("/konto/logowanie?next=" + urllib.parse.quote(next_path, safe=""))
                result = browser.post("/konto/logowanie", {"email": address,
                                                           "password": PASSWORD,
                                                           "next": next_path})
                self.assertEqual(result.status, 303)
                self.assertEqual(result.headers["Location"], expected)

    def test_login_rate_limited_per_email(self):
        address = new_email("limit")
        register_confirmed(address)
        now = future_now()
        for attempt in range(5):
            result = login(Browser(now), address, "zle haslo %d!" % attempt)
            self.assertEqual(result.status, 400, "attempt %d" % attempt)
        blocked = login(Browser(now), address, PASSWORD)
        self.assertEqual(blocked.status, 429, "the right password is blocked too")
        self.assertIn("Zbyt wiele nieudanych prób logowania", blocked.main_text())
        # An unknown address is limited the same way, so the limit reveals nothing.
        unknown = new_email("limitbrak")
        for attempt in range(5):
            login(Browser(now), unknown, "zle haslo %d!" % attempt)
        self.assertEqual(login(Browser(now), unknown, PASSWORD).status, 429)
        # The next window lets the owner in again.
        later = (datetime.datetime.strptime(now, "%Y-%m-%dT%H:%M:%SZ")
                 + datetime.timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.assertEqual(login(Browser(later), address, PASSWORD).status, 303)
        buckets = sql("SELECT bucket FROM rate_limit")
        for (bucket,) in buckets:
            self.assertNotIn("@", bucket)

    def test_reset_lifts_login_lockout(self):
        address = new_email("odblokuj")
        register_confirmed(address)
        now = future_now()
        for attempt in range(5):
            login(Browser(now), address, "zle haslo %d!" % attempt)
        self.assertEqual(login(Browser(now), address, PASSWORD).status, 429)
        anonymous = Browser(now)
        anonymous.get("/konto/haslo")
        before = last_outbox_id()
        self.assertEqual(anonymous.post("/konto/haslo", {"email": address}).status, 200)
        path = urllib.parse.urlsplit(mail_link(address, "/konto/haslo/", before)).path
        anonymous.get(path)
        new_password = "hasło po blokadzie"
        done = anonymous.post(path, {"password": new_password, "password2": new_password})
        self.assertEqual(done.status, 200, done.text)
        self.assertEqual(login(Browser(now), address, new_password).status, 303)

    def test_failures_elsewhere_do_not_lock_owner(self):
        address = new_email("obca")
        register_confirmed(address)
        now = future_now()
        attacker = use_new_client_address()
        for attempt in range(6):
            result = login(Browser(now, source=attacker), address, "zle haslo %d!" % attempt)
            self.assertEqual(result.status, 400 if attempt < 5 else 429, "attempt %d" % attempt)
        self.assertEqual(login(Browser(now, source=attacker), address).status, 429,
                         "the attacker's address is blocked for this e-mail address")
        owner = use_new_client_address()
        self.assertEqual(login(Browser(now, source=owner), address).status, 303,
                         "the owner signs in from another address")

    def test_login_limited_per_email_across_addresses(self):
        address = new_email("rozproszona")
        register_confirmed(address)
        now = future_now()
        for source in range(10):
            attacker = use_new_client_address()
            for attempt in range(5):
                result = login(Browser(now, source=attacker), address, "zle %d haslo!" % attempt)
                self.assertEqual(result.status, 400, "address %d attempt %d" % (source, attempt))
        owner = use_new_client_address()
        blocked = login(Browser(now, source=owner), address)
        self.assertEqual(blocked.status, 429, "50 failures from all addresses lock the e-mail")
        self.assertIn("Zbyt wiele nieudanych prób logowania", blocked.main_text())
        # An address without an account gets the same answer, so nothing is revealed.
        unknown = new_email("rozproszonabrak")
        for source in range(10):
            attacker = use_new_client_address()
            for attempt in range(5):
                login(Browser(now, source=attacker), unknown, "zle %d haslo!" % attempt)
        other = login(Browser(now, source=use_new_client_address()), unknown)
        self.assertEqual(other.status, 429)
        self.assertEqual(other.main_text(), blocked.main_text())

    def test_login_rate_limited_per_address(self):
        now = future_now()
        for attempt in range(20):
            login(Browser(now), new_email("adres%d" % attempt), "zle haslo 12345")
        blocked = login(Browser(now), new_email("adres-ostatni"), "zle haslo 12345")
        self.assertEqual(blocked.status, 429)


class ResetTest(AccountTestCase):
    def test_reset_flow_ends_sessions(self):
        address = new_email("reset")
        browser = register_confirmed(address)
        other_device = Browser()
        login(other_device, address)
        self.assertEqual(other_device.get("/konto").status, 200)

        anonymous = Browser(future_now())
        anonymous.get("/konto/haslo")
        before = last_outbox_id()
        sent = anonymous.post("/konto/haslo", {"email": address})
        self.assertEqual(sent.status, 200)
        self.assertIn("Jeśli istnieje konto z tym adresem", sent.main_text())
        link = mail_link(address, "/konto/haslo/", before)
        path = urllib.parse.urlsplit(link).path

        form_page = anonymous.get(path)
        self.assertEqual(form_page.status, 200)
        short = anonymous.post(path, {"password": "krótkie", "password2": "krótkie"})
        self.assertEqual(short.status, 400)
        new_password = "nowe hasło do ratusza"
        done = anonymous.post(path, {"password": new_password, "password2": new_password})
        self.assertEqual(done.status, 200, done.text)
        self.assertIn("Hasło zostało zmienione", done.main_text())

        self.assertEqual(browser.get("/konto").status, 303, "sessions end after a reset")
        self.assertEqual(other_device.get("/konto").status, 303)
        self.assertEqual(anonymous.get(path).status, 404, "a reset link works once")
        self.assertEqual(login(Browser(), address, PASSWORD).status, 400)
        self.assertEqual(login(Browser(), address, new_password).status, 303)

    def test_reset_answer_same_without_account(self):
        address = new_email("resetjest")
        register_confirmed(address)
        now = future_now()
        existing = Browser(now)
        existing.get("/konto/haslo")
        known = existing.post("/konto/haslo", {"email": address})
        missing = Browser(now)
        missing.get("/konto/haslo")
        unknown = missing.post("/konto/haslo", {"email": new_email("resetbrak")})
        self.assertEqual(known.status, 200)
        self.assertEqual(unknown.status, known.status)
        self.assertEqual(unknown.main_text(), known.main_text())

    def test_reset_rate_limited(self):
        address = new_email("resetlimit")
        register_confirmed(address)
        now = future_now()
        before = last_outbox_id()
        for _ in range(3):
            browser = Browser(now)
            browser.get("/konto/haslo")
            self.assertEqual(browser.post("/konto/haslo", {"email": address}).status, 200)
        browser = Browser(now)
        browser.get("/konto/haslo")
        blocked = browser.post("/konto/haslo", {"email": address})
        self.assertEqual(blocked.status, 429)
        self.assertIn("Zbyt wiele próśb o nowe hasło", blocked.main_text())
        rows = sql("SELECT COUNT(*) FROM outbox WHERE account_id = %s AND id > %s "
                   "AND kind = 'account_reset'", account_id(address), before)
        self.assertEqual(rows, [["3"]])

    def test_unknown_reset_token_404(self):
        self.assertEqual(Browser().get("/konto/haslo/" + "A" * 22).status, 404)
        self.assertEqual(Browser().get("/konto/haslo/too-short").status, 404)


class AccountPageTest(AccountTestCase):
    def setUp(self):
        super().setUp()
        self.address = new_email("strona")
        self.browser = register_confirmed(self.address)
        self.browser.get("/konto")
        self.id = account_id(self.address)

    def test_anonymous_redirected_to_login(self):
        result = Browser().get("/konto")
        self.assertEqual(result.status, 303)
        self.assertEqual(result.headers["Location"], "/konto/logowanie")

    def test_phone_normalised_to_e164(self):
        cases = [("600 100 200", "+48600100200"), ("+48 600-100-200", "+48600100200"),
                 ("0048600100200", "+48600100200"), ("(600) 100 200", "+48600100200"),
                 ("+420 601 123 456", "+420601123456")]
        for typed, stored in cases:
            with self.subTest(phone=typed):
                result = self.browser.post("/konto/ustawienia", {"lang": "pl", "phone": typed})
                self.assertEqual(result.status, 303)
                self.assertEqual(sql("SELECT phone FROM account WHERE id = %s", self.id),
                                 [[stored]])
        for typed in ("12345", "060010020", "+48 600 100 20", "600 100 200 ext 5", "+0123456789"):
            with self.subTest(phone=typed):
                self.browser.get("/konto")
                result = self.browser.post("/konto/ustawienia", {"lang": "pl", "phone": typed})
                self.assertEqual(result.status, 400)
                self.assertIn("Nieprawidłowy numer telefonu", result.main_text())

    def test_consents_given_and_withdrawn(self):
        refused = self.browser.post("/konto/zgody", {"channel": "sms", "action": "give"})
        self.assertEqual(refused.status, 400)
        self.assertIn("najpierw podaj numer telefonu", refused.main_text())
        self.browser.get("/konto")
        self.browser.post("/konto/ustawienia", {"lang": "pl", "phone": "600100200"})
        self.browser.get("/konto")
        self.assertEqual(self.browser.post("/konto/zgody",
                                           {"channel": "sms", "action": "give"}).status, 303)
        page = self.browser.get("/konto")
        sms = parse_html(page.text).find("li", id="consent-sms")
        self.assertIn("zgoda wyrażona", sms.text())
        self.browser.post("/konto/zgody", {"channel": "email", "action": "withdraw"})
        rows = sql("SELECT channel, withdrawn_at IS NULL FROM consent WHERE account_id = %s "
                   "ORDER BY id", self.id)
        self.assertEqual(rows, [["email", "0"], ["sms", "1"]])
        page = self.browser.get("/konto")
        self.assertIn("zgoda wycofana", parse_html(page.text).find("li", id="consent-email").text())
        # Removing the phone number withdraws the SMS consent.
        self.browser.post("/konto/ustawienia", {"lang": "pl", "phone": ""})
        self.assertEqual(sql("SELECT phone, (SELECT COUNT(*) FROM consent WHERE account_id = %s "
                             "AND channel = 'sms' AND withdrawn_at IS NULL) FROM account "
                             "WHERE id = %s", self.id, self.id), [["NULL", "0"]])

    def test_language_saved(self):
        self.browser.post("/konto/ustawienia", {"lang": "en"})
        self.assertEqual(sql("SELECT lang FROM account WHERE id = %s", self.id), [["en"]])

    def test_change_password_needs_current(self):
        wrong = self.browser.post("/konto/zmien-haslo", {
            "current": "nie to hasło", "password": "całkiem nowe hasło",
            "password2": "całkiem nowe hasło"})
        self.assertEqual(wrong.status, 400)
        self.assertIn("Obecne hasło jest nieprawidłowe", wrong.main_text())
        other_device = Browser()
        login(other_device, self.address)
        self.browser.get("/konto")
        changed = self.browser.post("/konto/zmien-haslo", {
            "current": PASSWORD, "password": "całkiem nowe hasło",
            "password2": "całkiem nowe hasło"})
        self.assertEqual(changed.status, 303)
        self.assertEqual(self.browser.get("/konto").status, 200, "this browser stays in")
        self.assertEqual(other_device.get("/konto").status, 303, "other sessions end")
        self.assertEqual(login(Browser(), self.address, "całkiem nowe hasło").status, 303)

    def test_change_email_with_confirmation(self):
        new_address = new_email("nowyadres")
        before = last_outbox_id()
        result = self.browser.post("/konto/email", {"new_email": new_address,
                                                    "password": PASSWORD})
        self.assertEqual(result.status, 303)
        self.assertEqual(sql("SELECT email FROM account WHERE id = %s", self.id),
                         [[self.address]], "the address changes only when confirmed")
        rows = sql("SELECT kind FROM outbox WHERE account_id = %s AND id > %s", self.id, before)
        self.assertEqual(rows, [["email_change"]])
        link = self.new_address_link(new_address, before)
        shown = self.browser.get(urllib.parse.urlsplit(link).path)
        self.assertEqual(shown.status, 200)
        self.assertIn("Potwierdź nowy adres e-mail", shown.main_text())
        self.assertEqual(sql("SELECT email FROM account WHERE id = %s", self.id),
                         [[self.address]], "opening the link changes nothing")
        confirmed = self.browser.post(urllib.parse.urlsplit(link).path, {})
        self.assertEqual(confirmed.status, 200)
        self.assertIn("Adres e-mail zmieniony", confirmed.main_text())
        self.assertEqual(sql("SELECT email, email_key FROM account WHERE id = %s", self.id),
                         [[new_address, new_address.lower()]])
        self.assertEqual(login(Browser(), new_address).status, 303)

    def request_email_change(self, new_address):
        """Post the e-mail change form; returns the confirmation link sent to new_address."""
        self.browser.get("/konto")
        before = last_outbox_id()
        result = self.browser.post("/konto/email", {"new_email": new_address,
                                                    "password": PASSWORD})
        self.assertEqual(result.status, 303)
        return self.new_address_link(new_address, before), before

    def delivered_notice(self, old_address, marker):
        """The text of the change notice delivered to old_address, or None without a dispatcher."""
        if not os.access(os.path.join(BIN, "ratusz-dispatch"), os.X_OK) or not MAIL_DIR:
            return None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            notices = [text for text in delivered_mail(old_address) if marker in text]
            if notices:
                self.assertEqual(len(notices), 1, "one notice to the old address")
                return notices[0]
            time.sleep(0.5)
        raise AssertionError("no change notice delivered to " + old_address)

    def test_email_change_notifies_old_address(self):
        other_device = Browser()
        login(other_device, self.address)
        new_address = new_email("zmiana")
        link, before = self.request_email_change(new_address)
        self.assertEqual(other_device.get("/konto").status, 200,
                         "sessions stay until the change is confirmed")

        self.assertEqual(confirm(self.browser, link).status, 200)
        self.assertEqual(self.browser.get("/konto").status, 200, "the confirming session stays")
        self.assertEqual(other_device.get("/konto").status, 303, "other sessions end")
        rows = sql("SELECT kind, JSON_VALUE(payload, '$.to') FROM outbox "
                   "WHERE account_id = %s AND id > %s ORDER BY id", self.id, before)
        self.assertEqual([row[0] for row in rows], ["email_change", "email_changed"])
        self.assertIn(rows[1][1], (self.address, "NULL"), "sent to the old address")

        notice = self.delivered_notice(self.address, "został zmieniony na inny")
        if notice is None:
            self.skipTest("the stack has no ratusz-dispatch and SMTP catcher")
        self.assertIn("Jeśli to nie Ty, ktoś zna Twoje hasło", notice)
        self.assertIn("skontaktuj się z administratorem portalu", notice)
        self.assertNotIn(new_address, notice)
        links = re.findall(r"https?://\S+", notice)
        self.assertEqual(sorted(set(links)), sorted({BASE_URL + "/konto/logowanie", BASE_URL}),
                         "no link that could undo the change")
        self.assertEqual(sql("SELECT payload FROM outbox WHERE account_id = %s "
                             "AND kind = 'email_changed'", self.id), [["{}"]],
                         "the old address leaves the outbox once sent")

    def test_email_change_notice_in_english(self):
        self.browser.post("/konto/ustawienia", {"lang": "en"})
        new_address = new_email("english")
        link, _ = self.request_email_change(new_address)
        # Confirmed in a browser without a session, so every session of the account ends.
        self.assertEqual(confirm(Browser(), link).status, 200)
        self.assertEqual(self.browser.get("/konto").status, 303)
        self.assertEqual(login(Browser(), new_address).status, 303)

        notice = self.delivered_notice(self.address, "has been changed to another one")
        if notice is None:
            self.skipTest("the stack has no ratusz-dispatch and SMTP catcher")
        self.assertIn("If it was not you, someone knows your password", notice)
        self.assertNotIn("zmieniony", notice)

    def test_email_change_ends_pending_links(self):
        first, _ = self.request_email_change(new_email("pierwszy"))
        second_address = new_email("drugi")
        second, _ = self.request_email_change(second_address)
        self.assertEqual(confirm(self.browser, second).status, 200)
        self.assertEqual(confirm(self.browser, first).status, 404,
                         "a link to another new address ends with the change")
        self.assertEqual(sql("SELECT email FROM account WHERE id = %s", self.id),
                         [[second_address]])

    def new_address_link(self, new_address, before):
        pattern = re.compile(re.escape(BASE_URL) + r"/konto/potwierdz/[A-Za-z0-9_-]{22}")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            rows = sql("SELECT payload FROM outbox WHERE account_id = %s AND id > %s "
                       "AND kind = 'email_change'", self.id, before)
            for (payload,) in rows:
                if pattern.search(payload):
                    return pattern.search(payload).group(0)
            for text in delivered_mail(new_address):
                if pattern.search(text):
                    return pattern.findall(text)[-1]
            time.sleep(0.5)
        raise AssertionError("no confirmation link for " + new_address)

    def test_change_to_taken_email_sends_nothing(self):
        taken = new_email("zajety")
        register_confirmed(taken)
        self.browser.get("/konto")
        before = last_outbox_id()
        result = self.browser.post("/konto/email", {"new_email": taken, "password": PASSWORD})
        self.assertEqual(result.status, 303)
        self.assertEqual(sql("SELECT COUNT(*) FROM outbox WHERE account_id = %s AND id > %s",
                             self.id, before), [["0"]])


class DataRightsTest(AccountTestCase):
    def test_export_holds_account_data(self):
        address = new_email("eksport")
        browser = register_confirmed(address)
        browser.get("/konto")
        browser.post("/konto/ustawienia", {"lang": "pl", "phone": "600 100 200"})
        result = browser.get("/konto/dane")
        self.assertEqual(result.status, 200)
        self.assertTrue(result.headers["Content-Type"].startswith("application/json"))
        self.assertIn("attachment", result.headers["Content-Disposition"])
        self.assertEqual(result.headers["Cache-Control"], "no-store")
        data = json.loads(result.text)
        self.assertEqual(data["account"]["email"], address)
        self.assertEqual(data["account"]["phone"], "+48600100200")
        self.assertEqual(data["account"]["id"], account_id(address))
        self.assertNotIn("password_hash", data["account"])
        self.assertEqual([c["channel"] for c in data["consents"]], ["email"])
        self.assertIn("account_confirm", [m["kind"] for m in data["outbox"]])
        self.assertEqual(len(data["sessions"]), 1)
        events = [entry["event"] for entry in data["audit_log"]]
        self.assertEqual(events[:3], ["account_registered", "account_confirmed", "login"])
        for key in ("subscriptions", "roles"):
            self.assertEqual(data[key], [])
        self.assertEqual(Browser().get("/konto/dane").status, 303)

    def test_delete_removes_everything(self):
        address = new_email("usun")
        browser = register_confirmed(address)
        aid = account_id(address)
        point = sql("SELECT p.id, p.tenant_id FROM address_point p JOIN tenant t "
                    "ON t.id = p.tenant_id WHERE t.terc = %s LIMIT 1", TEST_TERC)
        self.assertTrue(point, "the test stack has no Przodkowo address point")
        sql("INSERT INTO subscription (account_id, tenant_id, point_id, name, "
            "unsubscribe_token, created_at) VALUES (%s, %s, %s, 'Dom', %s, UTC_TIMESTAMP())",
            aid, point[0][1], point[0][0], secrets.token_urlsafe(16)[:22])
        sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, tenant_id, "
            "payload, due_at, created_at) VALUES (%s, 'email', 'reminder', %s, %s, "
            "'{}', '2099-01-01', UTC_TIMESTAMP())", "test:%s" % secrets.token_hex(8),
            aid, point[0][1])
        sent_key = "reminder:%s:2025-01-21:sms" % aid
        sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, tenant_id, "
            "payload, status, provider_id, due_at, sent_at, created_at) VALUES (%s, 'sms', "
            "'reminder', %s, %s, '{\"subscription_id\": 1}', 'sent', 'gateway-17', "
            "'2025-01-20', '2025-01-20', '2025-01-20')", sent_key, aid, point[0][1])
        sent_id = sql("SELECT id FROM outbox WHERE idempotency_key = %s", sent_key)[0][0]
        self.assertTrue(sql("SELECT COUNT(*) FROM audit_log WHERE account_id = %s", aid)[0][0]
                        != "0", "the account has audit rows before its deletion")
        last_audit = sql("SELECT COALESCE(MAX(id), 0) FROM audit_log")[0][0]

        browser.get("/konto/usun")
        wrong = browser.post("/konto/usun", {"password": "nie to hasło"})
        self.assertEqual(wrong.status, 400)
        self.assertEqual(account_id(address), aid)
        browser.get("/konto/usun")
        done = browser.post("/konto/usun", {"password": PASSWORD})
        self.assertEqual(done.status, 200)
        self.assertIn("Konto zostało usunięte", done.main_text())
        self.assertIn("Został też zapis bez danych osobowych", done.main_text())

        self.assertIsNone(account_id(address))
        for table in ("session", "consent", "subscription", "account_token", "account_role"):
            self.assertEqual(sql("SELECT COUNT(*) FROM %s WHERE account_id = %s" % (table, aid)),
                             [["0"]], table)
        self.assertEqual(sql("SELECT COUNT(*) FROM outbox WHERE account_id = %s AND "
                             "status <> 'sent'", aid), [["0"]])
        # The account's audit rows go; one row without an account id records the deletion.
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE account_id = %s", aid),
                         [["0"]])
        audit = sql("SELECT account_id, event, detail FROM audit_log WHERE id > %s", last_audit)
        self.assertIn(["NULL", "account_deleted", ""], audit)
        self.assertEqual([row for row in audit if row[1] == "account_deleted"],
                         [["NULL", "account_deleted", ""]])
        # The sent message stays for the counts, with nothing that leads to the account.
        sent = sql("SELECT idempotency_key, account_id, payload, provider_id, tenant_id "
                   "FROM outbox WHERE id = %s", sent_id)
        self.assertEqual(sent, [["deleted:%s" % sent_id, "NULL", "{}", "NULL",
                                 str(point[0][1])]])
        self.assertEqual(browser.get("/konto").status, 303)
        self.assertEqual(login(Browser(), address).status, 400)


class RolesCommandTest(AccountTestCase):
    def test_create_admin_with_password_from_stdin(self):
        address = new_email("admin")
        status, out, err = ctl("create-admin", "--email", address, stdin="hasło administratora\n")
        self.assertEqual(status, 0, err)
        self.assertIn("Utworzono konto administratora platformy", out)
        self.assertNotIn("hasło administratora", out)
        self.assertEqual(login(Browser(), address, "hasło administratora").status, 303)
        status, out, _ = ctl("roles", "--email", address)
        self.assertEqual(out.strip(), "platform_admin")

    def test_create_admin_prints_generated_password(self):
        address = new_email("admingen")
        status, out, err = ctl("create-admin", "--email", address, stdin="")
        self.assertEqual(status, 0, err)
        match = re.search(r"Wygenerowane hasło.*: (\S+)$", out, re.M)
        self.assertIsNotNone(match, out)
        self.assertEqual(login(Browser(), address, match.group(1)).status, 303)

    def test_grant_and_revoke_roles(self):
        address = new_email("operator")
        register_confirmed(address)
        unit = "Referat Gospodarki Odpadami %s" % secrets.token_hex(2)
        status, out, err = ctl("grant", "--email", address, "--role", "gmina_admin",
                               "--gmina", TEST_TERC)
        self.assertEqual(status, 0, err)
        status, out, err = ctl("grant", "--email", address, "--role", "operator",
                               "--gmina", TEST_TERC, "--unit", unit)
        self.assertEqual(status, 0, err)
        self.assertIn("Utworzono jednostkę", out)
        status, out, _ = ctl("grant", "--email", address, "--role", "operator",
                             "--gmina", TEST_TERC, "--unit", unit)
        self.assertIn("Konto ma już tę rolę", out)
        status, out, _ = ctl("roles", "--email", address)
        self.assertEqual(out.splitlines(), ["gmina_admin\t%s\tPrzodkowo" % TEST_TERC,
                                            "operator\t%s\tPrzodkowo\t%s" % (TEST_TERC, unit)])
        status, out, _ = ctl("revoke", "--email", address, "--role", "operator",
                             "--gmina", TEST_TERC, "--unit", unit)
        self.assertIn("Odebrano rolę", out)
        status, out, _ = ctl("roles", "--email", address)
        self.assertEqual(out.splitlines(), ["gmina_admin\t%s\tPrzodkowo" % TEST_TERC])

    def test_role_errors_in_both_languages(self):
        address = new_email("bledy")
        register_confirmed(address)
        cases = [
            (("--role", "king"), "Nieznana rola", "Unknown role"),
            (("--role", "operator", "--gmina", TEST_TERC), "wymaga opcji --unit",
             "needs the --unit"),
            (("--role", "gmina_admin"), "wymaga opcji --gmina", "needs the --gmina"),
            (("--role", "platform_admin", "--gmina", TEST_TERC), "całą platformę",
             "whole platform"),
        ]
        for args, polish, english in cases:
            with self.subTest(args=args):
                status, _, err = ctl("grant", "--email", address, *args)
                self.assertEqual(status, 2)
                self.assertIn(polish, err)
                status, _, err = ctl("grant", "--email", address, *args, lang="en")
                self.assertIn(english, err)
        status, _, err = ctl("grant", "--email", new_email("nikt"), "--role", "gmina_admin",
                             "--gmina", TEST_TERC)
        self.assertEqual(status, 1)
        self.assertIn("Nie znaleziono konta", err)


if __name__ == "__main__":
    unittest.main()
