"""ratusz-dispatch against the test stack: outbox rows delivered to a real SMTP catcher.

Environment (tools/dev test sets it): RATUSZ_URL, RATUSZ_BIN, RATUSZ_CONFIG,
RATUSZ_VAR, RATUSZ_DB_SOCKET, RATUSZ_MAIL_DIR (the stack catcher's messages) and
RATUSZ_CATCHER (tools/smtp-catcher, started here for the crash and concurrency
tests with ports of its own).

The rows are written straight into the outbox, as the account and reminder code
writes them, and the dispatcher runs with --once and RATUSZ_NOW set to a day of
the bundled 2025 schedule. The stack's own dispatcher loop runs on the real clock,
so it is paused (SIGSTOP) while this module runs and every row written here is
deleted before it continues.
"""

import email
import email.policy
import hashlib
import os
import re
import secrets
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from portal_client import parse_html

BASE = os.environ.get("RATUSZ_URL", "")
BIN = os.environ.get("RATUSZ_BIN", "")
CONFIG = os.environ.get("RATUSZ_CONFIG", "")
VAR = os.environ.get("RATUSZ_VAR", "")
SOCKET = os.environ.get("RATUSZ_DB_SOCKET", "")
MAIL_DIR = os.environ.get("RATUSZ_MAIL_DIR", "")
CATCHER = os.environ.get("RATUSZ_CATCHER", "")

PRZODKOWO_TERC = "2205032"
# 18:00 in Warsaw on the day before a pickup of glass and mixed waste in Masłowo.
NOW = "2025-06-05T16:00:00Z"
NOW_SQL = "2025-06-05 16:00:00"
PICKUP_DAY = "2025-06-06"
SUBJECT = "Jutro odbiór: zmieszane, szkło – Mama, Masłowo"
# Every idempotency key and e-mail address written here starts with this.
PREFIX = "dispatch-test"
BOUNDED = 120  # seconds any dispatcher run here may take

paused_pid = None


def read_config(path=CONFIG):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    return values


def sql(query):
    """Run SQL with the portal's account and return the rows as lists of strings."""
    config = read_config()
    env = dict(os.environ, MYSQL_PWD=config.get("db_password", ""))
    result = subprocess.run(
        ["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-S", SOCKET,
         "-u", config.get("db_user", "ratusz"), "-N", "-B", "-e", query,
         config.get("db_name", "ratusz")],
        env=env, capture_output=True, text=True, check=False, timeout=BOUNDED)
    if result.returncode != 0:
        raise AssertionError("SQL failed: %s\n%s" % (query, result.stderr))
    return [line.split("\t") for line in result.stdout.splitlines()]


def quote(value):
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


def remove_test_rows():
    sql("DELETE FROM outbox WHERE idempotency_key LIKE '%s%%'"
        " OR account_id IN (SELECT id FROM account WHERE email_key LIKE '%s%%')"
        % (PREFIX, PREFIX))
    sql("DELETE FROM account WHERE email_key LIKE '%s%%'" % PREFIX)


def setUpModule():
    global paused_pid
    missing = [name for name, value in (
        ("RATUSZ_URL", BASE), ("RATUSZ_BIN", BIN), ("RATUSZ_CONFIG", CONFIG),
        ("RATUSZ_VAR", VAR), ("RATUSZ_DB_SOCKET", SOCKET), ("RATUSZ_MAIL_DIR", MAIL_DIR),
        ("RATUSZ_CATCHER", CATCHER)) if not value]
    if missing:
        raise RuntimeError("missing environment: %s (tools/dev test sets them)"
                           % ", ".join(missing))
    paused_pid = stack_dispatcher_pid()
    if paused_pid is not None:
        os.kill(paused_pid, signal.SIGSTOP)
    remove_test_rows()


def tearDownModule():
    remove_test_rows()
    if paused_pid is not None:
        os.kill(paused_pid, signal.SIGCONT)


def stack_dispatcher_pid():
    """The pid of the stack's ratusz-dispatch --loop, or None when it is not running."""
    try:
        with open(os.path.join(VAR, "run", "dispatch.pid"), encoding="ascii") as f:
            pid = int(f.read().strip())
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            if b"ratusz-dispatch" not in f.read():
                return None
    except (OSError, ValueError):
        return None
    return pid


def run_dispatcher(now=NOW, config=CONFIG, *extra):
    """Run ratusz-dispatch --once and return its stderr; fails the test on a non-zero exit.

    --no-reminders keeps the dispatcher from queuing reminders of other tests'
    subscriptions at this RATUSZ_NOW; the rows here are written by the tests.
    """
    env = dict(os.environ, RATUSZ_CONFIG=config, RATUSZ_NOW=now)
    result = subprocess.run([os.path.join(BIN, "ratusz-dispatch"), "-c", config, "--once",
                             "--no-reminders", *extra], env=env, capture_output=True, text=True,
                            timeout=BOUNDED, check=False)
    if result.returncode != 0:
        raise AssertionError("ratusz-dispatch exited with %d:\n%s"
                             % (result.returncode, result.stderr))
    return result.stderr


def create_account(label, lang="pl", consent=True, confirmed=True):
    """Insert an account with an e-mail consent; returns (id, address)."""
    address = "%s-%s-%s@example.pl" % (PREFIX, label, secrets.token_hex(4))
    sql("INSERT INTO account (email, email_key, password_hash, lang, confirmed_at, created_at)"
        " VALUES (%s, %s, 'x', %s, %s, NOW())"
        % (quote(address), quote(address), quote(lang), "NOW()" if confirmed else "NULL"))
    account = int(sql("SELECT id FROM account WHERE email_key = %s" % quote(address))[0][0])
    if consent:
        sql("INSERT INTO consent (account_id, channel, given_at) VALUES (%d, 'email', NOW())"
            % account)
    return account, address


def create_subscription(account, name="Mama, Masłowo", fractions=""):
    """Follow the Masłowo point of Przodkowo; returns (id, unsubscribe token)."""
    token = secrets.token_urlsafe(16)[:22]
    sql("INSERT INTO subscription (account_id, tenant_id, point_id, name, fractions,"
        " unsubscribe_token, created_at)"
        " SELECT %d, p.tenant_id, p.id, %s, %s, %s, NOW() FROM address_point p"
        " JOIN tenant t ON t.id = p.tenant_id AND t.terc = '%s'"
        " JOIN locality l ON l.id = p.locality_id AND l.name = 'Masłowo'"
        " ORDER BY p.id LIMIT 1"
        % (account, quote(name), quote(fractions), quote(token), PRZODKOWO_TERC))
    rows = sql("SELECT id FROM subscription WHERE unsubscribe_token = %s" % quote(token))
    if not rows:
        raise AssertionError("no address point of Masłowo in Przodkowo: is the bundled data loaded?")
    return int(rows[0][0]), token


def add_reminder(account, subscription, day=PICKUP_DAY, due=NOW_SQL):
    key = "reminder:%d:%s:email" % (subscription, day)
    sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, tenant_id, payload,"
        " due_at, created_at) SELECT %s, 'email', 'reminder', %d, tenant_id,"
        " JSON_OBJECT('subscription_id', CAST(%d AS INT), 'date', %s), %s, NOW()"
        " FROM subscription WHERE id = %d"
        % (quote(key), account, subscription, quote(day), quote(due), subscription))
    return outbox_id(key)


def add_account_mail(account, key, kind="account_confirm", due=NOW_SQL):
    url = "%s/konto/potwierdz/%s" % (BASE, secrets.token_urlsafe(16))
    sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, payload, due_at,"
        " created_at) VALUES (%s, 'email', %s, %d, JSON_OBJECT('url', %s), %s, NOW())"
        % (quote(key), quote(kind), account, quote(url), quote(due)))
    return outbox_id(key), url


def outbox_id(key):
    return int(sql("SELECT id FROM outbox WHERE idempotency_key = %s" % quote(key))[0][0])


def outbox_row(row_id):
    """status, attempts, due_at, provider_id, last_error, payload of one row."""
    columns = ("status", "attempts", "due_at", "provider_id", "last_error", "payload")
    rows = sql("SELECT %s FROM outbox WHERE id = %d" % (", ".join(columns), row_id))
    return dict(zip(columns, rows[0]))


def messages(directory=MAIL_DIR):
    """Raw bytes of every stored message of a catcher directory, by file name."""
    found = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".eml"):
            with open(os.path.join(directory, name), "rb") as f:
                found[name] = f.read()
    return found


def message_ids(directory):
    """Message-ID of every stored message, with repeats."""
    ids = []
    for raw in messages(directory).values():
        match = re.search(rb"^Message-ID: (\S+)\r$", raw, re.MULTILINE)
        ids.append(match.group(1).decode("ascii") if match else None)
    return ids


def messages_to(address):
    """Stored messages of the stack catcher whose envelope recipient is address."""
    header = ("\r\nX-Catcher-Rcpt-To: %s\r\n" % address).encode("ascii")
    return [raw for raw in messages().values() if header in b"\r\n" + raw]


def find_message(message_id):
    for raw in messages().values():
        if ("\r\nMessage-ID: %s\r\n" % message_id).encode("ascii") in raw:
            return raw
    raise AssertionError("no message with Message-ID %s in %s" % (message_id, MAIL_DIR))


class Catcher:
    """A private tools/smtp-catcher on free ports, optionally slow, with a config using it."""

    def __init__(self, delay=0.0):
        self.tmp = tempfile.TemporaryDirectory(prefix="dispatch-catcher-")
        self.dir = os.path.join(self.tmp.name, "mail")
        ports = os.path.join(self.tmp.name, "ports")
        self.process = subprocess.Popen(
            ["/usr/bin/python3", CATCHER, "--dir", self.dir, "--smtp-port", "0",
             "--http-port", "0", "--delay", str(delay), "--port-file", ports],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not os.path.exists(ports):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise AssertionError("smtp-catcher did not start")
            time.sleep(0.05)
        with open(ports, encoding="ascii") as f:
            self.smtp_port = int(f.read().split()[0])
        self.config = os.path.join(self.tmp.name, "ratusz.conf")
        with open(CONFIG, encoding="utf-8") as src, open(self.config, "w", encoding="utf-8") as dst:
            for line in src:
                if not line.startswith("smtp_url"):
                    dst.write(line)
            dst.write("smtp_url = smtp://127.0.0.1:%d\n" % self.smtp_port)

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.tmp.cleanup()


class DeliveryTest(unittest.TestCase):
    def test_reminder_delivered_as_mime(self):
        account, address = create_account("reminder")
        subscription, token = create_subscription(account)
        row_id = add_reminder(account, subscription)

        run_dispatcher()

        row = outbox_row(row_id)
        self.assertEqual(row["status"], "sent", row)
        self.assertEqual(row["attempts"], "1")
        raw = find_message(row["provider_id"])
        for line in raw.split(b"\r\n"):
            self.assertLessEqual(len(line), 78, line)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        self.assertEqual(message.defects, [])
        self.assertIn("=?UTF-8?B?", raw.split(b"\r\n\r\n")[0].decode("ascii"))
        self.assertEqual(str(message["Subject"]), SUBJECT)
        self.assertEqual(message["To"], address)
        self.assertEqual(message["X-Catcher-Rcpt-To"], address)
        self.assertEqual(message["MIME-Version"], "1.0")
        self.assertEqual(message["Date"].datetime.isoformat(), "2025-06-05T18:00:00+02:00")
        self.assertEqual(message["List-Unsubscribe"], "<%s/u/%s>" % (BASE, token))
        self.assertEqual(message["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        self.assertEqual(message.get_content_type(), "multipart/alternative")
        parts = list(message.iter_parts())
        self.assertEqual([p.get_content_type() for p in parts], ["text/plain", "text/html"])
        for part in parts:
            self.assertEqual(part["Content-Transfer-Encoding"], "quoted-printable")
        text = parts[0].get_content().replace("\r\n", "\n")
        self.assertIn("jutro, piątek, 6 czerwca", text)
        self.assertIn("- Zmieszane\n- Szkło\n", text)
        self.assertIn("%s/gmina/%s/adres/" % (BASE, PRZODKOWO_TERC), text)
        self.assertIn("%s/u/%s" % (BASE, token), text)
        html_part = parts[1].get_content()
        self.assertIn("<li", html_part)
        self.assertIn("Szkło</li>", html_part)

    def test_followed_fractions_only(self):
        account, _ = create_account("fractions")
        subscription, _ = create_subscription(account, name="Działka", fractions="szklo")
        row_id = add_reminder(account, subscription)

        run_dispatcher()

        row = outbox_row(row_id)
        self.assertEqual(row["status"], "sent", row)
        message = email.message_from_bytes(find_message(row["provider_id"]),
                                           policy=email.policy.default)
        self.assertEqual(str(message["Subject"]), "Jutro odbiór: szkło – Działka")

    def test_account_mail_in_english_clears_link(self):
        account, address = create_account("english", lang="en")
        row_id, url = add_account_mail(account, "%s:confirm:%d" % (PREFIX, account))

        run_dispatcher()

        row = outbox_row(row_id)
        self.assertEqual(row["status"], "sent", row)
        self.assertEqual(row["payload"], "{}")
        message = email.message_from_bytes(find_message(row["provider_id"]),
                                           policy=email.policy.default)
        self.assertEqual(str(message["Subject"]),
                         "Confirm your e-mail address on the resident portal")
        self.assertEqual(message["To"], address)
        self.assertIsNone(message["List-Unsubscribe"])
        self.assertIn(url, message.get_body(("plain",)).get_content())

    def test_change_notice_sent_to_old_address(self):
        for lang, subject, text in (
                ("pl", "Zmieniono adres e-mail Twojego konta w portalu mieszkańca",
                 "Jeśli to nie Ty, ktoś zna Twoje hasło"),
                ("en", "The e-mail address of your resident portal account was changed",
                 "If it was not you, someone knows your password")):
            with self.subTest(lang=lang):
                account, new_address = create_account("notice-" + lang, lang=lang)
                old_address = "%s-old-%s@example.pl" % (PREFIX, secrets.token_hex(4))
                key = "%s:notice:%d" % (PREFIX, account)
                login_url = BASE + "/konto/logowanie"
                sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, payload,"
                    " due_at, created_at) VALUES (%s, 'email', 'email_changed', %d,"
                    " JSON_OBJECT('url', %s, 'to', %s), %s, NOW())"
                    % (quote(key), account, quote(login_url), quote(old_address),
                       quote(NOW_SQL)))
                row_id = outbox_id(key)

                run_dispatcher()

                row = outbox_row(row_id)
                self.assertEqual(row["status"], "sent", row)
                self.assertEqual(row["payload"], "{}", "the old address leaves the outbox")
                self.assertEqual(messages_to(new_address), [])
                delivered = messages_to(old_address)
                self.assertEqual(len(delivered), 1)
                message = email.message_from_bytes(delivered[0], policy=email.policy.default)
                self.assertEqual(str(message["Subject"]), subject)
                body = message.get_body(("plain",)).get_content()
                self.assertIn(text, body)
                self.assertIn(login_url, body)
                self.assertNotIn(new_address, body)
                self.assertNotIn("/konto/potwierdz/", body)

    def test_email_change_sent_to_new_address(self):
        account, old_address = create_account("change")
        new_address = "%s-new-%s@example.pl" % (PREFIX, secrets.token_hex(4))
        token = secrets.token_urlsafe(16)[:22]
        sql("INSERT INTO account_token (token_hash, account_id, purpose, new_email,"
            " created_at, expires_at) VALUES (%s, %d, 'email_change', %s, NOW(),"
            " '2025-06-06 16:00:00')"
            % (quote(hashlib.sha256(token.encode("ascii")).hexdigest()), account,
               quote(new_address)))
        key = "%s:change:%d" % (PREFIX, account)
        url = "%s/konto/potwierdz/%s" % (BASE, token)
        sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, payload, due_at,"
            " created_at) VALUES (%s, 'email', 'email_change', %d, JSON_OBJECT('url', %s),"
            " %s, NOW())" % (quote(key), account, quote(url), quote(NOW_SQL)))
        row_id = outbox_id(key)

        run_dispatcher()

        row = outbox_row(row_id)
        self.assertEqual(row["status"], "sent", row)
        self.assertEqual(messages_to(old_address), [])
        delivered = messages_to(new_address)
        self.assertEqual(len(delivered), 1)
        message = email.message_from_bytes(delivered[0], policy=email.policy.default)
        self.assertEqual(str(message["Subject"]),
                         "Potwierdź nowy adres e-mail w portalu mieszkańca")
        self.assertIn(url, message.get_body(("plain",)).get_content())

        # Once the link is used, a copy still queued is not sent.
        sql("UPDATE account_token SET used_at = NOW() WHERE account_id = %d" % account)
        key = "%s:change-again:%d" % (PREFIX, account)
        sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, payload, due_at,"
            " created_at) VALUES (%s, 'email', 'email_change', %d, JSON_OBJECT('url', %s),"
            " %s, NOW())" % (quote(key), account, quote(url), quote(NOW_SQL)))
        run_dispatcher()
        row = outbox_row(outbox_id(key))
        self.assertEqual(row["status"], "cancelled", row)
        self.assertEqual(row["last_error"], "e-mail change used or expired")

    def test_no_consent_cancelled(self):
        account, address = create_account("withdrawn")
        sql("UPDATE consent SET withdrawn_at = NOW() WHERE account_id = %d" % account)
        subscription, _ = create_subscription(account)
        row_id = add_reminder(account, subscription)

        run_dispatcher()

        row = outbox_row(row_id)
        self.assertEqual(row["status"], "cancelled", row)
        self.assertEqual(row["last_error"], "no consent to e-mail")
        self.assertEqual(messages_to(address), [])

    def test_past_pickup_cancelled(self):
        account, _ = create_account("late")
        subscription, _ = create_subscription(account)
        row_id = add_reminder(account, subscription)

        run_dispatcher(now="2025-06-07T08:00:00Z")

        row = outbox_row(row_id)
        self.assertEqual(row["status"], "cancelled", row)
        self.assertEqual(row["last_error"], "the pickup day has passed")


def http(method, path, body=None, headers=None):
    """Send a request without cookies; returns (status, body text)."""
    request = urllib.request.Request(BASE + path, data=body, method=method,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


class UnsubscribeTest(unittest.TestCase):
    def test_one_click_post_stops_mail(self):
        account, address = create_account("unsubscribe")
        subscription, token = create_subscription(account)
        pending = add_reminder(account, subscription)

        status, page = http("GET", "/u/" + token)
        self.assertEqual(status, 200)
        self.assertIn("Wypisz mnie z przypomnień e-mailem", page)
        self.assertIn("Mama, Masłowo", page)
        self.assertEqual(sql("SELECT by_email FROM subscription WHERE id = %d"
                             % subscription), [["1"]])

        # As a mail provider sends it (RFC 8058): no cookie, no CSRF token.
        for _ in range(2):
            status, page = http("POST", "/u/" + token, b"List-Unsubscribe=One-Click",
                                {"Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(status, 200)
            self.assertIn("Gotowe", page)
        self.assertEqual(sql("SELECT by_email FROM subscription WHERE id = %d"
                             % subscription), [["0"]])
        row = outbox_row(pending)
        self.assertEqual(row["status"], "cancelled")
        self.assertEqual(row["last_error"], "unsubscribed")
        # One audit row with ids only; the repeated POST changed nothing, so it adds none.
        audit = sql("SELECT event, detail FROM audit_log WHERE account_id = %d" % account)
        self.assertEqual(audit, [["reminder_email_unsubscribed",
                                  "subscription %d" % subscription]])

        # A reminder queued before the click but leased after it is cancelled at send time.
        later = add_reminder(account, subscription, day="2025-06-07", due=NOW_SQL)
        run_dispatcher()
        self.assertEqual(outbox_row(later)["status"], "cancelled")
        self.assertEqual(outbox_row(later)["last_error"], "e-mail reminders turned off")
        self.assertEqual(messages_to(address), [])

        status, page = http("GET", "/u/" + token)
        self.assertEqual(status, 200)
        self.assertIn("już wyłączone", page)

    def test_page_button_writes_audit_row(self):
        account, _ = create_account("unsubscribe-page")
        subscription, token = create_subscription(account)
        status, page = http("GET", "/u/" + token)
        self.assertEqual(status, 200)
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE account_id = %d" % account),
                         [["0"]], "showing the page writes nothing")
        form = parse_html(page).find("form", method="post")
        fields = urllib.parse.urlencode({field.attrs["name"]: field.attrs.get("value", "")
                                         for field in form.find_all("input")})
        status, page = http("POST", form.attrs["action"], fields.encode("ascii"),
                            {"Content-Type": "application/x-www-form-urlencoded",
                             "Origin": BASE})
        self.assertEqual(status, 200)
        audit = sql("SELECT event, detail FROM audit_log WHERE account_id = %d" % account)
        self.assertEqual(audit, [["reminder_email_unsubscribed",
                                  "subscription %d" % subscription]])

    def test_unknown_token_not_found(self):
        status, _ = http("GET", "/u/" + "A" * 21 + "B")
        self.assertEqual(status, 404)
        status, _ = http("POST", "/u/" + "A" * 21 + "B", b"List-Unsubscribe=One-Click",
                         {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 404)
        status, _ = http("GET", "/u/short")
        self.assertEqual(status, 404)


class CatcherPageTest(unittest.TestCase):
    def test_mail_readable_in_browser(self):
        account, address = create_account("page")
        subscription, _ = create_subscription(account, name="Dom <b>")
        row_id = add_reminder(account, subscription)
        run_dispatcher()
        self.assertEqual(outbox_row(row_id)["status"], "sent")
        with open(os.path.join(VAR, "run", "smtp-catcher.ports"), encoding="ascii") as f:
            http_port = int(f.read().split()[1])
        base = "http://127.0.0.1:%d" % http_port

        with urllib.request.urlopen(base + "/", timeout=30) as response:
            listing = response.read().decode("utf-8")
        self.assertIn("Jutro odbiór: zmieszane, szkło – Dom &lt;b&gt;", listing)
        self.assertIn(address, listing)
        name = re.search(r'href="/m/([^"]+)">Jutro odbiór: zmieszane, szkło – Dom &lt;b&gt;',
                         listing).group(1)
        with urllib.request.urlopen(base + "/m/" + name, timeout=30) as response:
            self.assertIn("default-src 'none'", response.headers["Content-Security-Policy"])
            page = response.read().decode("utf-8")
        self.assertIn("- Szkło", page)
        self.assertIn("<iframe sandbox srcdoc=", page)
        self.assertNotIn("Dom <b>", page)


class FailureTest(unittest.TestCase):
    def test_tempfail_retried_with_backoff(self):
        account, _ = create_account("tempfail")
        row_id, _ = add_account_mail(account, "%s:tempfail:%d" % (PREFIX, account))

        run_dispatcher()
        row = outbox_row(row_id)
        self.assertEqual(row["status"], "pending", row)
        self.assertEqual(row["attempts"], "1")
        self.assertEqual(row["due_at"], "2025-06-05 16:02:00")
        self.assertIn("451", row["last_error"])

        # Not due yet: a run one minute later leaves the row alone.
        run_dispatcher(now="2025-06-05T16:01:00Z")
        self.assertEqual(outbox_row(row_id)["attempts"], "1")

        run_dispatcher(now="2025-06-05T16:02:00Z")
        row = outbox_row(row_id)
        self.assertEqual(row["attempts"], "2")
        self.assertEqual(row["due_at"], "2025-06-05 16:06:00")

        # The eighth failed attempt is the last one.
        sql("UPDATE outbox SET attempts = 7 WHERE id = %d" % row_id)
        run_dispatcher(now="2025-06-05T16:06:00Z")
        row = outbox_row(row_id)
        self.assertEqual(row["status"], "failed", row)
        self.assertEqual(row["attempts"], "8")

    def test_reject_fails_with_reason(self):
        account, _ = create_account("reject")
        row_id, _ = add_account_mail(account, "%s:reject:%d" % (PREFIX, account))

        run_dispatcher()

        row = outbox_row(row_id)
        self.assertEqual(row["status"], "failed", row)
        self.assertEqual(row["attempts"], "1")
        self.assertIn("550", row["last_error"])

    def test_smtp_server_down_retried(self):
        account, _ = create_account("down")
        row_id, _ = add_account_mail(account, "%s:down:%d" % (PREFIX, account))
        catcher = Catcher()
        config = catcher.config
        try:
            catcher.process.terminate()
            catcher.process.wait(timeout=30)
            run_dispatcher(NOW, config)
        finally:
            catcher.close()
        row = outbox_row(row_id)
        self.assertEqual(row["status"], "pending", row)
        self.assertEqual(row["attempts"], "1")
        self.assertTrue(row["last_error"].startswith("SMTP"), row)


class ConcurrencyTest(unittest.TestCase):
    def add_batch(self, label, count):
        account, _ = create_account(label)
        sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, payload, due_at,"
            " created_at) SELECT CONCAT('%s:%s:', seq), 'email', 'account_confirm', %d,"
            " JSON_OBJECT('url', CONCAT('%s/konto/potwierdz/', seq)), '%s', NOW()"
            " FROM seq_1_to_%d" % (PREFIX, label, account, BASE, NOW_SQL, count))
        return "%s:%s:%%" % (PREFIX, label)

    def statuses(self, pattern):
        return dict(sql("SELECT status, COUNT(*) FROM outbox WHERE idempotency_key LIKE %s"
                        " GROUP BY status" % quote(pattern)))

    def test_kill_during_batch_loses_nothing(self):
        pattern = self.add_batch("kill", 40)
        catcher = Catcher(delay=0.05)
        try:
            env = dict(os.environ, RATUSZ_CONFIG=catcher.config, RATUSZ_NOW=NOW)
            first = subprocess.Popen([os.path.join(BIN, "ratusz-dispatch"), "--once",
                                      "--no-reminders", "--batch", "40"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + BOUNDED
            while len(message_ids(catcher.dir)) < 5:
                self.assertLess(time.monotonic(), deadline, "no message arrived")
                self.assertIsNone(first.poll(), "the dispatcher ended before it was killed")
                time.sleep(0.02)
            first.kill()
            first.wait(timeout=30)
            counts = self.statuses(pattern)
            self.assertGreater(int(counts.get("leased", 0)), 0, counts)

            # Before the lease expires nobody takes the rows; after it, another run does.
            run_dispatcher("2025-06-05T16:04:00Z", catcher.config)
            self.assertGreater(int(self.statuses(pattern).get("leased", 0)), 0)
            run_dispatcher("2025-06-05T16:06:00Z", catcher.config)

            self.assertEqual(self.statuses(pattern), {"sent": "40"})
            expected = {row[0] for row in sql(
                "SELECT provider_id FROM outbox WHERE idempotency_key LIKE %s" % quote(pattern))}
            delivered = set(message_ids(catcher.dir))
            self.assertEqual(len(expected), 40)
            self.assertEqual(expected - delivered, set())
        finally:
            catcher.close()

    def test_two_dispatchers_never_double(self):
        pattern = self.add_batch("pair", 500)
        catcher = Catcher()
        try:
            env = dict(os.environ, RATUSZ_CONFIG=catcher.config, RATUSZ_NOW=NOW)
            runs = [subprocess.Popen([os.path.join(BIN, "ratusz-dispatch"), "--once",
                                      "--no-reminders", "--batch", "20"], env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True) for _ in range(2)]
            sent = 0
            for run in runs:
                _, err = run.communicate(timeout=BOUNDED)
                self.assertEqual(run.returncode, 0, err)
                self.assertNotIn("lease lost", err)
                match = re.search(r"outbox: ([0-9]+) sent", err)
                sent += int(match.group(1)) if match else 0
            self.assertEqual(sent, 500)
            self.assertEqual(self.statuses(pattern), {"sent": "500"})
            ids = message_ids(catcher.dir)
            self.assertEqual(len(ids), 500)
            self.assertEqual(len(set(ids)), 500)
        finally:
            catcher.close()


if __name__ == "__main__":
    unittest.main()
