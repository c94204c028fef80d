"""SMS sending against tests/fakes/sms_gateway.py, and delivery callbacks over HTTP.

Environment (tools/dev test sets it): RATUSZ_URL, RATUSZ_BIN (build directory with
ratuszctl and tests/sms_cli), RATUSZ_CONFIG, RATUSZ_VAR and RATUSZ_DB_SOCKET.
Messages go through tests/sms_cli, which calls sms_send, and through
ratusz-dispatch to a fake SMSAPI gateway on the first free port of
127.0.0.1:8027-8030. Its delivery callbacks go to the test stack's /sms/zwrotka,
whose workers derive the callback key from the stack's secret_file, as the
senders do.
The tests change the SMS settings of a bundled gmina with a schedule and restore
them at the end. The accounts and outbox rows they insert are deleted. The
stack's own dispatcher loop is paused (SIGSTOP) while this module runs.
"""

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
URL = os.environ.get("RATUSZ_URL", "")
BIN = os.environ.get("RATUSZ_BIN", "")
CONFIG = os.environ.get("RATUSZ_CONFIG", "")
VAR = os.environ.get("RATUSZ_VAR", "")
SOCKET = os.environ.get("RATUSZ_DB_SOCKET", "")

# The fake gateway takes the first free port of these, so that two test runs on
# one machine do not share a gateway.
GATEWAY_PORTS = (8027, 8028, 8029, 8030)
GATEWAY = None  # "http://127.0.0.1:PORT" once the gateway listens
TOKEN = "test-token"
PHONE = "+48600100200"
KEY_PREFIX = "test-sms:%d:" % os.getpid()

# The GSM 7-bit default alphabet, written out independently of app/lib/sms_text.c.
GSM7_BASIC = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
              "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENSION = "\f^{}\\[~]|€"
TRANSLITERATION = str.maketrans({
    "ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z",
    "ż": "z", "Ą": "A", "Ć": "C", "Ę": "E", "Ł": "L", "Ń": "N", "Ó": "O", "Ś": "S",
    "Ź": "Z", "Ż": "Z", "„": '"', "”": '"', "“": '"', "«": '"', "»": '"', "‚": "'",
    "‘": "'", "’": "'", "–": "-", "—": "-", "‑": "-", "−": "-", "…": "...",
    "\u00a0": " ", "\u202f": " "})

REMINDER_PL = ("Przypomnienie: jutro, w środę 15 stycznia, odbiór odpadów: zmieszane, "
               "szkło, papier i popiół pod adresem Masłowo 12. Wystaw pojemniki do "
               "godziny 6:00. Zmiany powiadomień: ratusz, zakładka „Moje adresy”.")


def sms_size(text):
    """Return (encoding, units, parts) of a text the way a gateway splits it."""
    gsm7 = all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)
    if gsm7:
        widths = [2 if c in GSM7_EXTENSION else 1 for c in text]
        single, part = 160, 153
    else:
        widths = [len(c.encode("utf-16-le")) // 2 for c in text]
        single, part = 70, 67
    units = sum(widths)
    if units <= single:
        return ("gsm7" if gsm7 else "ucs2"), units, 1
    parts, used = 0, part
    for width in widths:
        if used + width > part:
            parts, used = parts + 1, 0
        used += width
    return ("gsm7" if gsm7 else "ucs2"), units, parts


def read_config():
    values = {}
    with open(CONFIG, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    return values


def sql(query):
    config = read_config()
    env = dict(os.environ, MYSQL_PWD=config.get("db_password", ""))
    result = subprocess.run(
        ["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-S", SOCKET,
         "-u", config.get("db_user", "ratusz"), "-N", "-B", "-e", query,
         config.get("db_name", "ratusz")],
        env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError("SQL failed: %s\n%s" % (query, result.stderr))
    return [line.split("\t") for line in result.stdout.splitlines()]


def gateway_call(path, body=None):
    data = json.dumps(body).encode("utf-8") if body is not None else None
    with urllib.request.urlopen(GATEWAY + path, data=data, timeout=60) as answer:
        return json.loads(answer.read().decode("utf-8"))


def http_get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


paused_pid = None


def setUpModule():
    """Pause the stack's own ratusz-dispatch --loop, which runs on the real clock and
    would otherwise race these tests for the rows they queue."""
    global paused_pid
    paused_pid = stack_dispatcher_pid()
    if paused_pid is not None:
        os.kill(paused_pid, signal.SIGSTOP)


def tearDownModule():
    if paused_pid is not None:
        os.kill(paused_pid, signal.SIGCONT)


def stack_dispatcher_pid():
    """Return the pid of the stack's ratusz-dispatch --loop, or None when it is not running."""
    try:
        with open(os.path.join(VAR, "run", "dispatch.pid"), encoding="ascii") as f:
            pid = int(f.read().strip())
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            if b"ratusz-dispatch" not in f.read():
                return None
    except (OSError, ValueError):
        return None
    return pid


def start_gateway(record):
    """Start tests/fakes/sms_gateway.py on the first free port and set GATEWAY."""
    global GATEWAY
    for port in GATEWAY_PORTS:
        gateway = subprocess.Popen(
            [sys.executable, os.path.join(REPO, "tests", "fakes", "sms_gateway.py"),
             str(port), record, TOKEN],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if gateway.stdout.readline().startswith("sms_gateway listening"):
            GATEWAY = "http://127.0.0.1:%d" % port
            return gateway
        gateway.wait(timeout=10)
        gateway.stdout.close()
    raise RuntimeError("no free port for the fake SMS gateway among %s" % (GATEWAY_PORTS,))


class SmsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        missing = [name for name, value in (("RATUSZ_URL", URL), ("RATUSZ_BIN", BIN),
                                            ("RATUSZ_CONFIG", CONFIG), ("RATUSZ_VAR", VAR),
                                            ("RATUSZ_DB_SOCKET", SOCKET)) if not value]
        if missing:
            raise RuntimeError("missing environment: %s (tools/dev test sets them)"
                               % ", ".join(missing))
        cls.tmp = os.path.join(VAR, "tmp")
        os.makedirs(cls.tmp, exist_ok=True)
        cls.record = os.path.join(cls.tmp, "sms_gateway.jsonl")
        open(cls.record, "w").close()
        cls.gateway = start_gateway(cls.record)
        cls.config = os.path.join(cls.tmp, "sms.conf")
        with open(CONFIG, encoding="utf-8") as f:
            base = f.read()
        with open(cls.config, "w", encoding="utf-8") as f:
            f.write(base + "\nsms_url = %s/sms.do\nsms_token = %s\n" % (GATEWAY, TOKEN))
        # The gmina of the earliest pickup in the bundled schedules.
        tenant = sql("SELECT id, terc, sms_sender, sms_transliterate, sms_max_parts"
                     " FROM tenant WHERE id = (SELECT pa.tenant_id FROM point_area pa"
                     " JOIN pickup p ON p.tenant_id = pa.tenant_id AND p.area_id = pa.area_id"
                     " AND p.fraction_code = pa.fraction_code ORDER BY p.day, pa.point_id"
                     " LIMIT 1)")[0]
        cls.tenant_id, cls.terc = int(tenant[0]), tenant[1]
        cls.saved_settings = tenant[2:]

    @classmethod
    def tearDownClass(cls):
        cls.gateway.terminate()
        cls.gateway.wait(timeout=10)
        cls.gateway.stdout.close()
        sender, transliterate, max_parts = cls.saved_settings
        sql("UPDATE tenant SET sms_sender = '%s', sms_transliterate = %d,"
            " sms_max_parts = %d WHERE id = %d"
            % (sender.replace("'", "''"), int(transliterate), int(max_parts), cls.tenant_id))
        sql("DELETE FROM outbox WHERE idempotency_key LIKE '%s%%'" % KEY_PREFIX)

    def setUp(self):
        gateway_call("/control", {"reset": True})

    def ctl(self, *args):
        env = dict(os.environ, RATUSZ_CONFIG=self.config, RATUSZ_LANG="en")
        result = subprocess.run([os.path.join(BIN, "ratuszctl"), *args], env=env,
                                capture_output=True, text=True, check=False)
        return result.returncode, result.stdout, result.stderr

    def settings(self, *args):
        status, out, err = self.ctl("sms-settings", "--gmina", self.terc, *args)
        self.assertEqual(status, 0, err)

    def send(self, key, text, phone=PHONE, config=None):
        result = subprocess.run(
            [os.path.join(BIN, "tests", "sms_cli"), "send", str(self.tenant_id), phone,
             KEY_PREFIX + key, text],
            env=dict(os.environ, RATUSZ_CONFIG=config or self.config),
            capture_output=True, text=True, check=False, timeout=90)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(phone, result.stderr, "the log names the phone number")
        return json.loads(result.stdout)

    def recorded(self):
        with open(self.record, encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    def last_form(self):
        return self.recorded()[-1]["form"]

    def messages_with_idx(self, key):
        return self.messages_with_idx_of(KEY_PREFIX + key)

    @staticmethod
    def messages_with_idx_of(idempotency_key):
        idx = hashlib.sha256(idempotency_key.encode("ascii")).hexdigest()
        return [m for m in gateway_call("/messages") if m["idx"] == idx]

    def test_counts_match_python_count(self):
        rng = random.Random(20261204)
        alphabet = (list("Aaz09 .,:-") + list(GSM7_EXTENSION) + list("ąćęłńóśźżĄŁŻ")
                    + ["😀", "„", "”", "–", "…", "`", "\n", "é", "Ω", "\u00a0"])
        cases = []
        for _ in range(400):
            size = rng.choice([rng.randint(0, 80), rng.randint(60, 180), rng.randint(130, 480)])
            weights = [rng.random() for _ in alphabet]
            text = "".join(rng.choices(alphabet, weights, k=size))
            cases.append({"text": text, "transliterate": rng.random() < 0.5,
                          "max_parts": rng.choice([0, 0, 1, 2, 3])})
        lines = "".join(json.dumps(c) + "\n" for c in cases)
        result = subprocess.run([os.path.join(BIN, "tests", "sms_cli"), "count"],
                                input=lines, capture_output=True, text=True, check=True)
        answers = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertEqual(len(answers), len(cases))
        for case, answer in zip(cases, answers):
            with self.subTest(text=case["text"][:40], max_parts=case["max_parts"]):
                text = case["text"]
                if case["transliterate"]:
                    text = text.translate(TRANSLITERATION)
                self.assertEqual(answer["text"] == text, sms_size(text)[2] <= case["max_parts"]
                                 or case["max_parts"] == 0)
                encoding, units, parts = sms_size(answer["text"])
                self.assertEqual(answer["encoding"], encoding)
                self.assertEqual(answer["units"], units)
                self.assertEqual(answer["parts"], parts)
                self.assertEqual(answer["characters"], len(answer["text"]))
                if answer["text"] != text:
                    ellipsis = "..." if encoding == "gsm7" else "…"
                    self.assertTrue(answer["text"].endswith(ellipsis), answer["text"])
                    self.assertTrue(text.startswith(answer["text"][:-len(ellipsis)]))
                    self.assertLessEqual(parts, case["max_parts"])

    def test_polish_reminder_sent_as_ucs2(self):
        self.settings("--transliterate", "no", "--max-parts", "4", "--sender", "")
        result = self.send("ucs2", REMINDER_PL)
        self.assertEqual(result["outcome"], "ok", result)
        self.assertTrue(result["provider_id"].startswith("FAKE"), result)
        form = self.last_form()
        self.assertEqual(form["message"], REMINDER_PL)
        self.assertEqual(sms_size(form["message"])[0], "ucs2")
        self.assertEqual(sms_size(form["message"])[2], 4)
        self.assertEqual(form["to"], PHONE[1:])
        self.assertNotIn("from", form)
        self.assertEqual(form["encoding"], "utf-8")
        self.assertEqual(form["max_parts"], "4")

    def test_transliterated_reminder_fits_cap(self):
        self.settings("--transliterate", "yes", "--max-parts", "1", "--sender", "Gmina-Test")
        result = self.send("gsm7", REMINDER_PL)
        self.assertEqual(result["outcome"], "ok", result)
        form = self.last_form()
        encoding, units, parts = sms_size(form["message"])
        self.assertEqual(encoding, "gsm7")
        self.assertEqual(parts, 1)
        self.assertTrue(form["message"].startswith("Przypomnienie: jutro, w srode 15 stycznia"))
        self.assertTrue(form["message"].endswith("..."), form["message"])
        self.assertEqual(form["from"], "Gmina-Test")
        self.assertEqual(form["check_idx"], "1")
        self.assertEqual(form["idx"], hashlib.sha256(
            (KEY_PREFIX + "gsm7").encode("ascii")).hexdigest())
        self.assertTrue(form["notify_url"].startswith(URL + "/sms/zwrotka?sig="))
        self.assertEqual(form["format"], "json")
        self.assertEqual(form["details"], "1")

    def test_server_errors_retried_then_sent(self):
        self.settings("--transliterate", "yes", "--max-parts", "2")
        gateway_call("/control", {"mode": "500"})
        first = self.send("5xx", "Odbior szkla jutro")
        gateway_call("/control", {"mode": "503"})
        second = self.send("5xx", "Odbior szkla jutro")
        third = self.send("5xx", "Odbior szkla jutro")
        self.assertEqual(first["outcome"], "retry", first)
        self.assertIn("HTTP 500", first["error"])
        self.assertEqual(second["outcome"], "retry", second)
        self.assertIn("HTTP 503", second["error"])
        self.assertEqual(third["outcome"], "ok", third)
        self.assertEqual(len(self.messages_with_idx("5xx")), 1)
        self.assertEqual(len({entry["form"]["idx"] for entry in self.recorded()[-3:]}), 1)

    def test_rate_limit_sets_retry_after(self):
        gateway_call("/control", {"mode": "429", "retry_after": 17})
        result = self.send("429", "Odbior szkla jutro")
        self.assertEqual(result["outcome"], "retry", result)
        self.assertEqual(result["retry_after"], 17)
        self.assertEqual(self.send("429", "Odbior szkla jutro")["outcome"], "ok")
        self.assertEqual(len(self.messages_with_idx("429")), 1)

    def test_timeout_retried_not_sent_twice(self):
        gateway_call("/control", {"mode": "timeout", "sleep": 45})
        first = self.send("timeout", "Odbior szkla jutro")
        self.assertEqual(first["outcome"], "retry", first)
        self.assertIn("timed out", first["error"])
        # The gateway accepted the first request, so the resend is refused as a
        # repeated idx and counts as sent.
        second = self.send("timeout", "Odbior szkla jutro")
        self.assertEqual(second["outcome"], "ok", second)
        self.assertIn("error 53", second["error"])
        self.assertEqual(len(self.messages_with_idx("timeout")), 1)

    def test_repeated_idx_not_sent_twice(self):
        first = self.send("repeat", "Odbior szkla jutro")
        second = self.send("repeat", "Odbior szkla jutro")
        self.assertEqual(first["outcome"], "ok", first)
        self.assertEqual(second["outcome"], "ok", second)
        self.assertIn("idx already used", second["error"])
        self.assertEqual(len(self.messages_with_idx("repeat")), 1)

    def test_rejected_number_fails_with_reason(self):
        gateway_call("/control", {"reject_number": "48600999999"})
        result = self.send("rejected", "Odbior szkla jutro", phone="+48600999999")
        self.assertEqual(result["outcome"], "fail", result)
        self.assertIn("SMSAPI error 13", result["error"])
        self.assertIn("phone number", result["error"])
        self.assertNotIn("600999999", result["error"])

    def test_malformed_number_fails_unsent(self):
        count = len(self.recorded())
        result = self.send("malformed", "Odbior szkla jutro", phone="600100200")
        self.assertEqual(result["outcome"], "fail", result)
        self.assertIn("E.164", result["error"])
        self.assertEqual(len(self.recorded()), count)

    def test_wrong_token_fails(self):
        config = os.path.join(self.tmp, "sms-wrong-token.conf")
        with open(self.config, encoding="utf-8") as f:
            text = f.read().replace("sms_token = " + TOKEN, "sms_token = wrong")
        with open(config, "w", encoding="utf-8") as f:
            f.write(text)
        result = self.send("token", "Odbior szkla jutro", config=config)
        self.assertEqual(result["outcome"], "fail", result)
        self.assertIn("sms_token", result["error"])
        self.assertFalse(self.recorded()[-1]["authorized"])

    def insert_outbox(self, key, provider_id):
        sql("INSERT INTO outbox (idempotency_key, channel, kind, tenant_id, payload, status,"
            " due_at, provider_id, created_at, sent_at) VALUES ('%s', 'sms', 'reminder', %d,"
            " '{}', 'sent', NOW(), '%s', NOW(), NOW())"
            % (KEY_PREFIX + key, self.tenant_id, provider_id))

    def delivery_status(self, key):
        return sql("SELECT IFNULL(delivery_status, 'NULL') FROM outbox"
                   " WHERE idempotency_key = '%s'" % (KEY_PREFIX + key))[0][0]

    def test_callback_updates_delivery_status(self):
        result = self.send("callback", "Odbior szkla jutro")
        self.assertEqual(result["outcome"], "ok", result)
        self.insert_outbox("callback", result["provider_id"])
        answer = gateway_call("/notify", {"id": result["provider_id"], "status": 404})
        self.assertEqual(answer, {"status": 200, "body": "OK"})
        self.assertEqual(self.delivery_status("callback"), "delivered")
        # A late "sent" report does not replace the final "delivered".
        answer = gateway_call("/notify", {"id": result["provider_id"], "status": 403})
        self.assertEqual(answer["status"], 200)
        self.assertEqual(self.delivery_status("callback"), "delivered")

    def test_callback_bad_signature_refused(self):
        result = self.send("badsig", "Odbior szkla jutro")
        self.insert_outbox("badsig", result["provider_id"])
        notify_url = self.last_form()["notify_url"]
        query = urllib.parse.urlencode({"MsgId": result["provider_id"], "status": "404",
                                        "idx": self.last_form()["idx"]})
        sig = urllib.parse.parse_qs(urllib.parse.urlsplit(notify_url).query)["sig"][0]
        forged = sig[:-2] + ("AA" if sig[-2:] != "AA" else "BB")
        status, body = http_get(URL + "/sms/zwrotka?sig=%s&%s" % (forged, query))
        self.assertEqual(status, 403, body)
        status, body = http_get(URL + "/sms/zwrotka?%s" % query)
        self.assertEqual(status, 400, body)
        self.assertEqual(self.delivery_status("badsig"), "NULL")

    def test_callback_bound_to_its_message(self):
        first = self.send("bound-a", "Odbior szkla jutro")
        second = self.send("bound-b", "Odbior papieru jutro")
        self.insert_outbox("bound-a", first["provider_id"])
        self.insert_outbox("bound-b", second["provider_id"])
        form_b = self.last_form()
        # The signed URL of message B, replayed with the gateway id of message A.
        query = urllib.parse.urlencode({"MsgId": first["provider_id"], "status": "405",
                                        "idx": form_b["idx"]})
        status, body = http_get(form_b["notify_url"] + "&" + query)
        self.assertEqual(status, 200, body)
        self.assertEqual(self.delivery_status("bound-a"), "NULL")
        self.assertEqual(self.delivery_status("bound-b"), "NULL")

    def test_callback_lists_of_reports(self):
        result = self.send("list", "Odbior szkla jutro")
        self.insert_outbox("list", result["provider_id"])
        form = self.last_form()
        query = urllib.parse.urlencode({
            "MsgId": "%s,UNKNOWN1" % result["provider_id"], "status": "406,404",
            "idx": "%s,%s" % (form["idx"], form["idx"])})
        status, body = http_get(form["notify_url"] + "&" + query)
        self.assertEqual((status, body), (200, "OK"))
        self.assertEqual(self.delivery_status("list"), "failed")
        query = urllib.parse.urlencode({"MsgId": "A,B", "status": "404", "idx": form["idx"]})
        status, body = http_get(form["notify_url"] + "&" + query)
        self.assertEqual(status, 400, body)

    def dispatch(self, now):
        """Run ratusz-dispatch --once at the given UTC time; return its log.

        --no-reminders keeps it from queuing reminders of other tests' subscriptions;
        the rows here are queued by the tests.
        """
        result = subprocess.run(
            [os.path.join(BIN, "ratusz-dispatch"), "--once", "--no-reminders"],
            env=dict(os.environ, RATUSZ_CONFIG=self.config, RATUSZ_NOW=now),
            capture_output=True, text=True, check=False, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(PHONE, result.stderr, "the log names the phone number")
        return result.stderr

    def reminder_setup(self, tag, phone=PHONE):
        """Create an account with a phone, SMS consent and an SMS subscription to a
        point with a pickup; return (account id, subscription id, pickup day)."""
        point, day = sql("SELECT pa.point_id, p.day FROM point_area pa JOIN pickup p"
                         " ON p.tenant_id = pa.tenant_id AND p.area_id = pa.area_id"
                         " AND p.fraction_code = pa.fraction_code"
                         " WHERE pa.tenant_id = %d ORDER BY p.day, pa.point_id LIMIT 1"
                         % self.tenant_id)[0]
        email = "sms-%s-%d@example.invalid" % (tag, os.getpid())
        sql("INSERT INTO account (email, email_key, password_hash, phone, lang,"
            " confirmed_at, created_at) VALUES ('%s', '%s', 'none', '%s', 'pl', NOW(), NOW())"
            % (email, email, phone))
        account = int(sql("SELECT id FROM account WHERE email_key = '%s'" % email)[0][0])
        self.addCleanup(sql, "DELETE FROM account WHERE id = %d" % account)
        sql("INSERT INTO consent (account_id, channel, given_at) VALUES (%d, 'sms', NOW())"
            % account)
        token = hashlib.sha256(email.encode()).hexdigest()[:22]
        sql("INSERT INTO subscription (account_id, tenant_id, point_id, name, by_email, by_sms,"
            " unsubscribe_token, created_at) VALUES (%d, %d, %s, 'Mama, Masłowo', 0, 1, '%s',"
            " NOW())" % (account, self.tenant_id, point, token))
        subscription = int(sql("SELECT id FROM subscription WHERE unsubscribe_token = '%s'"
                               % token)[0][0])
        self.addCleanup(sql, "DELETE FROM outbox WHERE idempotency_key LIKE 'reminder:%d:%%'"
                        % subscription)
        return account, subscription, day

    def queue_reminder(self, account, subscription, day, due):
        key = "reminder:%d:%s:sms" % (subscription, day)
        sql("INSERT INTO outbox (idempotency_key, channel, kind, account_id, tenant_id,"
            " payload, due_at, created_at) VALUES ('%s', 'sms', 'reminder', %d, %d,"
            " '{\"subscription_id\": %d, \"date\": \"%s\"}', '%s', '%s')"
            % (key, account, self.tenant_id, subscription, day, due, due))
        return key

    def outbox_row(self, key):
        return sql("SELECT status, attempts, IFNULL(provider_id, ''), IFNULL(last_error, ''),"
                   " DATE_FORMAT(due_at, '%%Y-%%m-%%dT%%H:%%i:%%sZ'),"
                   " IFNULL(delivery_status, 'NULL') FROM outbox"
                   " WHERE idempotency_key = '%s'" % key)[0]

    def test_dispatcher_retries_then_sends_reminder(self):
        self.settings("--transliterate", "yes", "--max-parts", "2", "--sender", "")
        account, subscription, day = self.reminder_setup("dispatch")
        evening = "%s 16:00:00" % self.day_before(day)
        evening_utc = evening.replace(" ", "T") + "Z"
        key = self.queue_reminder(account, subscription, day, evening)
        count = len(self.recorded())

        gateway_call("/control", {"mode": "503"})
        self.dispatch(evening_utc)
        status, attempts, provider_id, error, due, _ = self.outbox_row(key)
        self.assertEqual((status, attempts, provider_id), ("pending", "1", ""))
        self.assertIn("HTTP 503", error)
        self.assertGreater(due, evening_utc)

        # Not due yet: a second round before the backoff ends sends nothing.
        self.dispatch(evening_utc)
        self.assertEqual(self.outbox_row(key)[0], "pending")

        self.dispatch(due)
        status, attempts, provider_id, error, _, _ = self.outbox_row(key)
        self.assertEqual(status, "sent", error)
        self.assertTrue(provider_id.startswith("FAKE"), provider_id)
        sent = [entry["form"] for entry in self.recorded()[count:] if entry["fault"] is None]
        self.assertEqual(len(sent), 1)
        message = sent[0]["message"]
        self.assertTrue(message.startswith("Jutro, "), message)
        self.assertIn("Adres: Mama, Maslowo.", message)
        self.assertIn(URL + "/konto/adresy", message)
        encoding, _, parts = sms_size(message)
        self.assertEqual(encoding, "gsm7")
        self.assertLessEqual(parts, 2)
        self.assertEqual(sent[0]["idx"], hashlib.sha256(key.encode()).hexdigest())

        answer = gateway_call("/notify", {"id": provider_id, "status": 404})
        self.assertEqual(answer, {"status": 200, "body": "OK"})
        self.assertEqual(self.outbox_row(key)[5], "delivered")

        # A sent row is not sent again.
        self.dispatch(due)
        self.assertEqual(len(self.recorded()), count + 2)

    def test_dispatcher_timeout_not_sent_twice(self):
        account, subscription, day = self.reminder_setup("timeout")
        evening = "%s 16:00:00" % self.day_before(day)
        key = self.queue_reminder(account, subscription, day, evening)
        gateway_call("/control", {"mode": "timeout", "sleep": 45})
        self.dispatch(evening.replace(" ", "T") + "Z")
        status, attempts, _, error, due, _ = self.outbox_row(key)
        self.assertEqual((status, attempts), ("pending", "1"))
        self.assertIn("timed out", error)

        # The gateway kept the message whose response timed out, so the retry is
        # refused as a repeated idx, the row counts as sent, and one SMS exists.
        self.dispatch(due)
        self.assertEqual(self.outbox_row(key)[0], "sent")
        self.assertEqual(len(self.messages_with_idx_of(key)), 1)

    def test_dispatcher_fails_rejected_number(self):
        account, subscription, day = self.reminder_setup("rejected")
        evening = "%s 16:00:00" % self.day_before(day)
        key = self.queue_reminder(account, subscription, day, evening)
        gateway_call("/control", {"reject_number": PHONE[1:]})
        self.dispatch(evening.replace(" ", "T") + "Z")
        status, attempts, provider_id, error, _, _ = self.outbox_row(key)
        self.assertEqual((status, provider_id), ("failed", ""))
        self.assertIn("SMSAPI error 13: invalid or blocked phone number", error)
        self.assertNotIn(PHONE[1:], error)

    def test_dispatcher_honours_retry_after(self):
        account, subscription, day = self.reminder_setup("ratelimit")
        evening = "%s 16:00:00" % self.day_before(day)
        key = self.queue_reminder(account, subscription, day, evening)
        gateway_call("/control", {"mode": "429", "retry_after": 5400})
        self.dispatch(evening.replace(" ", "T") + "Z")
        status, attempts, _, error, due, _ = self.outbox_row(key)
        self.assertEqual((status, attempts), ("pending", "1"))
        self.assertIn("HTTP 429", error)
        # 5400 s asked by the gateway instead of the 120 s backoff of a first retry.
        self.assertEqual(due, "%sT17:30:00Z" % self.day_before(day))
        self.dispatch(due)
        self.assertEqual(self.outbox_row(key)[0], "sent")

    def test_dispatcher_cancels_without_consent(self):
        account, subscription, day = self.reminder_setup("consent")
        sql("UPDATE consent SET withdrawn_at = NOW() WHERE account_id = %d" % account)
        evening = "%s 16:00:00" % self.day_before(day)
        key = self.queue_reminder(account, subscription, day, evening)
        count = len(self.recorded())
        self.dispatch(evening.replace(" ", "T") + "Z")
        status, _, _, error, _, _ = self.outbox_row(key)
        self.assertEqual(status, "cancelled")
        self.assertIn("no consent to SMS", error)
        self.assertEqual(len(self.recorded()), count)

    def bulk_setup(self, tag, count):
        """Queue SMS reminders of one text for count accounts with different phones;
        return (keys in queue order, phones, the evening they are due as RATUSZ_NOW)."""
        keys, phones = [], []
        for n in range(count):
            phone = "+486001003%02d" % n
            account, subscription, day = self.reminder_setup("%s%d" % (tag, n), phone)
            evening = "%s 16:00:00" % self.day_before(day)
            keys.append(self.queue_reminder(account, subscription, day, evening))
            phones.append(phone)
        return keys, phones, evening.replace(" ", "T") + "Z"

    def sent_requests(self, since):
        """The forms of the requests the gateway answered without a fault since entry since."""
        return [entry["form"] for entry in self.recorded()[since:] if entry["fault"] is None]

    def batch_members(self, batch):
        return {row[0] for row in sql(
            "SELECT o.idempotency_key FROM sms_batch_member m JOIN outbox o"
            " ON o.id = m.outbox_id WHERE m.batch_id = '%s'" % batch)}

    def test_bulk_one_request_for_many(self):
        self.settings("--transliterate", "yes", "--max-parts", "2", "--sender", "")
        keys, phones, now = self.bulk_setup("bulk", 5)
        count = len(self.recorded())
        log = self.dispatch(now)
        for phone in phones:
            self.assertNotIn(phone, log, "the log names a phone number")
        forms = self.sent_requests(count)
        self.assertEqual(len(forms), 1, forms)
        form = forms[0]
        self.assertEqual(form["to"].split(","), [phone[1:] for phone in phones])
        idx = [hashlib.sha256(key.encode()).hexdigest() for key in keys]
        self.assertEqual(form["idx"].split("|"), idx)
        self.assertEqual(form["check_idx"], "1")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(form["notify_url"]).query)
        self.assertEqual(len(query["batch"][0]), 32)
        self.assertEqual(len(query["sig"][0]), 43)
        self.assertEqual(self.batch_members(query["batch"][0]), set(keys))
        provider_ids = set()
        for key in keys:
            status, attempts, provider_id, error, _, _ = self.outbox_row(key)
            self.assertEqual((status, attempts), ("sent", "1"), error)
            provider_ids.add(provider_id)
        self.assertEqual(len(provider_ids), 5)
        by_idx = {m["idx"]: m for m in gateway_call("/messages")}
        for key, phone in zip(keys, phones):
            message = by_idx[hashlib.sha256(key.encode()).hexdigest()]
            self.assertEqual(message["number"], phone[1:])
            self.assertEqual(self.outbox_row(key)[2], message["id"])

    def test_bulk_rejected_number_fails_alone(self):
        keys, phones, now = self.bulk_setup("bulkreject", 4)
        gateway_call("/control", {"reject_number": phones[2][1:]})
        count = len(self.recorded())
        self.dispatch(now)
        self.assertEqual(len(self.sent_requests(count)), 1)
        for n, key in enumerate(keys):
            status, attempts, provider_id, error, _, _ = self.outbox_row(key)
            if n == 2:
                self.assertEqual((status, provider_id), ("failed", ""))
                self.assertIn("SMSAPI error 13: invalid or blocked phone number", error)
                self.assertNotIn(phones[2][1:], error)
            else:
                self.assertEqual(status, "sent", error)
                self.assertTrue(provider_id.startswith("FAKE"), provider_id)

    def test_bulk_server_error_retried_whole(self):
        keys, _, now = self.bulk_setup("bulk503", 3)
        gateway_call("/control", {"mode": "503"})
        self.dispatch(now)
        dues = set()
        for key in keys:
            status, attempts, _, error, due, _ = self.outbox_row(key)
            self.assertEqual((status, attempts), ("pending", "1"))
            self.assertIn("HTTP 503", error)
            dues.add(due)
        count = len(self.recorded())
        self.dispatch(dues.pop())
        self.assertEqual(len(self.sent_requests(count)), 1)
        for key in keys:
            self.assertEqual(self.outbox_row(key)[0], "sent")
            self.assertEqual(len(self.messages_with_idx_of(key)), 1)

    def test_bulk_retry_drops_duplicates(self):
        keys, _, now = self.bulk_setup("bulkdup", 3)
        gateway_call("/control", {"mode": "timeout", "sleep": 45})
        self.dispatch(now)
        status, attempts, _, error, due, _ = self.outbox_row(keys[0])
        self.assertEqual((status, attempts), ("pending", "1"))
        self.assertIn("timed out", error)
        self.assertEqual(len(gateway_call("/messages")), 3)

        # The gateway kept the bulk whose answer timed out. The resent bulk is refused
        # for its used idx values, so each row is asked for alone and counts as sent.
        count = len(self.recorded())
        log = self.dispatch(due)
        self.assertIn("sending each alone", log)
        forms = self.sent_requests(count)
        self.assertEqual([len(form["to"].split(",")) for form in forms], [3, 1, 1, 1])
        for key in keys:
            status, _, _, error, _, _ = self.outbox_row(key)
            self.assertEqual(status, "sent", error)
            self.assertEqual(len(self.messages_with_idx_of(key)), 1)
        self.assertEqual(len(gateway_call("/messages")), 3)

    def test_bulk_callbacks_reach_each_row(self):
        keys, _, now = self.bulk_setup("bulkcb", 3)
        self.dispatch(now)
        ids = [self.outbox_row(key)[2] for key in keys]
        answer = gateway_call("/notify", {"ids": ids, "status": 404})
        self.assertEqual(answer, {"status": 200, "body": "OK"})
        for key in keys:
            self.assertEqual(self.outbox_row(key)[5], "delivered")
        # A report on one message of the bulk reaches that row alone.
        answer = gateway_call("/notify", {"id": ids[1], "status": 405})
        self.assertEqual(answer["status"], 200)
        self.assertEqual([self.outbox_row(key)[5] for key in keys],
                         ["delivered", "undelivered", "delivered"])

    def test_bulk_callback_forgery_changes_nothing(self):
        keys, _, now = self.bulk_setup("bulkforge", 2)
        count = len(self.recorded())
        self.dispatch(now)
        form = self.sent_requests(count)[0]
        ids = [self.outbox_row(key)[2] for key in keys]
        idx = form["idx"].split("|")
        url = urllib.parse.urlsplit(form["notify_url"])
        query = urllib.parse.parse_qs(url.query)
        batch, sig = query["batch"][0], query["sig"][0]
        report = urllib.parse.urlencode({"MsgId": ids[0], "status": "406", "idx": idx[0]})
        base = URL + "/sms/zwrotka?"
        forged_sig = sig[:-2] + ("AA" if sig[-2:] != "AA" else "BB")
        other_batch = ("0" if batch[0] != "0" else "1") + batch[1:]
        for name, query_text in (
                ("forged signature", "batch=%s&sig=%s&%s" % (batch, forged_sig, report)),
                ("signature of another batch", "batch=%s&sig=%s&%s" % (other_batch, sig, report)),
                ("batch signature as idx signature", "sig=%s&%s" % (sig, report))):
            with self.subTest(name):
                status, body = http_get(base + query_text)
                self.assertEqual(status, 403, body)
        # A valid batch URL does not reach a row outside the batch.
        single = self.send("outside", "Odbior szkla jutro")
        self.insert_outbox("outside", single["provider_id"])
        outside = urllib.parse.urlencode({
            "MsgId": single["provider_id"], "status": "406",
            "idx": hashlib.sha256((KEY_PREFIX + "outside").encode()).hexdigest()})
        status, body = http_get(form["notify_url"] + "&" + outside)
        self.assertEqual((status, body), (200, "OK"))
        self.assertEqual(self.delivery_status("outside"), "NULL")
        for key in keys:
            self.assertEqual(self.outbox_row(key)[5], "NULL")

    @staticmethod
    def day_before(day):
        return sql("SELECT DATE_SUB('%s', INTERVAL 1 DAY)" % day)[0][0]

    def test_settings_rejects_invalid_values(self):
        for args, message in ((("--sender", "Gmina Żary"), "Invalid sender name"),
                              (("--sender", "ABCDEFGHIJKL"), "Invalid sender name"),
                              (("--transliterate", "maybe"), "Invalid --transliterate"),
                              (("--max-parts", "0"), "Invalid number of parts"),
                              (("--max-parts", "11"), "Invalid number of parts")):
            with self.subTest(args=args):
                status, out, err = self.ctl("sms-settings", "--gmina", self.terc, *args)
                self.assertEqual(status, 2)
                self.assertIn(message, err)

    def test_settings_printed(self):
        self.settings("--sender", "Ratusz", "--transliterate", "no", "--max-parts", "3")
        status, out, err = self.ctl("sms-settings", "--gmina", self.terc)
        self.assertEqual(status, 0, err)
        self.assertIn("Sender: Ratusz", out)
        self.assertIn("Transliteration of Polish letters (ą→a, ł→l): no", out)
        self.assertIn("Maximum parts of one message: 3", out)


if __name__ == "__main__":
    unittest.main()
