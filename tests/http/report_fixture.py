"""Test data of the report form tests: units, a category tree with extra fields, accounts
with roles, and helpers that send the form and read the stack's mail.

Every name and code made here carries a random tag, so the tests can run again against
the same stack. Reports are created through the form itself; status moves go through
tests/report_cli, which calls report_move as the back office does.
"""

import email
import email.policy
import glob
import os
import re
import secrets
import subprocess
import time
import urllib.parse

from portal_client import BASE_URL, parse_html
import test_accounts
from test_accounts import Browser, new_email, register_confirmed, sql

BIN = os.environ.get("RATUSZ_BIN", "")
CONFIG = os.environ.get("RATUSZ_CONFIG", "")
MAIL_DIR = os.environ.get("RATUSZ_MAIL_DIR", "")
TERC = "2205032"          # Przodkowo, loaded by tools/load-data
OTHER_TERC = "3215043"    # Borne Sulinowo
# A place in Przodkowo; NEAR is about 60 m north-east of it, FAR about 2 km away.
LAT, LON = 54.379500, 18.288000
NEAR = (54.379900, 18.288600)
FAR = (54.397500, 18.288000)
FORM = "/gmina/%s/zgloszenia/nowe" % TERC


def one(query, *params):
    rows = sql(query, *params)
    return rows[0][0] if rows else None


def tenant_id(terc):
    return int(one("SELECT id FROM tenant WHERE terc = %s", terc))


class Fixture:
    """Units, categories and accounts of one test module."""

    def __init__(self):
        self.tag = secrets.token_hex(3)
        self.tenant = tenant_id(TERC)
        self.other_tenant = tenant_id(OTHER_TERC)
        self.roads = self.unit(self.tenant, "Drogi %s" % self.tag)
        self.lights = self.unit(self.tenant, "Oświetlenie %s" % self.tag)
        self.other_unit = self.unit(self.other_tenant, "Drogi %s" % self.tag)
        self.group = self.category(None, "grp", "Drogi i chodniki %s" % self.tag,
                                   "Roads %s" % self.tag, "", self.roads)
        self.pothole = self.category(self.group, "pothole", "Dziura w jezdni",
                                     "Pothole", "Podaj, jak głęboka jest dziura.",
                                     self.roads)
        self.lamp = self.category(None, "lamp", "Zepsuta latarnia %s" % self.tag,
                                  "Broken lamp", "", self.lights)
        self.private = self.category(None, "private", "Sprawa poufna %s" % self.tag,
                                     "Private matter", "", self.roads, public=0)
        self.foreign = self.category(None, "foreign", "Obca kategoria", "Foreign", "",
                                     self.other_unit, tenant=self.other_tenant)
        self.add_pothole_fields()

    def unit(self, tenant, name):
        sql("INSERT INTO unit (tenant_id, name) VALUES (%s, %s)", tenant, name)
        return int(one("SELECT id FROM unit WHERE tenant_id = %s AND name = %s", tenant, name))

    def category(self, parent, code, name_pl, name_en, help_pl, unit, public=1, tenant=None):
        tenant = tenant or self.tenant
        code = "%s_%s" % (code, self.tag)
        sql("INSERT INTO report_category (tenant_id, parent_id, code, name_pl, name_en,"
            " help_pl, help_en, default_unit_id, is_public) VALUES"
            " (%s, %s, %s, %s, %s, %s, %s, %s, %s)", tenant, parent, code, name_pl, name_en,
            help_pl, help_pl and "Say how deep the hole is.", unit, public)
        return int(one("SELECT id FROM report_category WHERE tenant_id = %s AND code = %s",
                       tenant, code))

    def field(self, code, datatype, required, label, values=()):
        sql("INSERT INTO category_field (tenant_id, category_id, code, datatype, required,"
            " label_pl, label_en, sort_order) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            self.tenant, self.pothole, code, datatype, required, label, label + " (en)",
            len(values) + 1)
        field_id = one("SELECT id FROM category_field WHERE category_id = %s AND code = %s",
                       self.pothole, code)
        for order, (key, name) in enumerate(values):
            sql("INSERT INTO category_field_value (tenant_id, field_id, value_key, name_pl,"
                " name_en, sort_order) VALUES (%s, %s, %s, %s, %s, %s)",
                self.tenant, field_id, key, name, name + " (en)", order)

    def add_pothole_fields(self):
        self.field("depth", "number", 1, "Głębokość w cm")
        self.field("seen", "datetime", 0, "Kiedy zauważono")
        self.field("lane", "singlevaluelist", 1, "Pas ruchu",
                   [("left", "Lewy"), ("right", "Prawy")])
        self.field("hazards", "multivaluelist", 0, "Zagrożenia",
                   [("water", "Woda"), ("ice", "Lód"), ("night", "Brak światła")])
        self.field("plate", "string", 0, "Numer słupka")
        self.field("notes", "text", 0, "Uwagi")

    def staff(self, role, tenant, unit=None):
        """A signed-in Browser of a new account with one role."""
        fresh_client()
        address = new_email("staff")
        browser = register_confirmed(address)
        account = one("SELECT id FROM account WHERE email_key = %s", address.lower())
        sql("INSERT INTO account_role (account_id, role, tenant_id, unit_id, created_at)"
            " VALUES (%s, %s, %s, %s, UTC_TIMESTAMP())", account, role, tenant, unit)
        return browser


def fresh_client():
    """Make new Browsers connect from a random loopback address, so that rate limits of
    earlier runs against the same stack (on the real clock) do not count."""
    test_accounts.CLIENT_ADDRESS = "127.%d.%d.%d" % (
        100 + secrets.randbelow(150), secrets.randbelow(256), 1 + secrets.randbelow(250))
    return test_accounts.CLIENT_ADDRESS


def pothole_form(description="Głęboka dziura przed sklepem", lat=LAT, lon=LON, **extra):
    form = {"description": description, "lat": "%.6f" % lat, "lon": "%.6f" % lon,
            "f_depth": "12", "f_lane": "left", "action": "send"}
    form.update(extra)
    return form


def submit(browser, category, form, gmina=TERC):
    """Open the form of category (for the CSRF token) and post it."""
    path = "/gmina/%s/zgloszenia/nowe" % gmina
    browser.get("%s?kategoria=%s" % (path, category))
    data = dict(form)
    data.setdefault("category", str(category))
    return browser.post(path, data)


def created_number(result):
    """The number of the report a form POST created, from its redirect (303)."""
    location = result.headers.get("Location") or ""
    match = re.fullmatch(r"/gmina/\d{7}/zgloszenia/wyslane/(\d{4}-\d+)", location)
    return match.group(1) if match else None


def report_row(number, columns="id, author_id, author_email, email_confirmed_at, status"):
    rows = sql("SELECT " + columns + " FROM report WHERE public_number = %s"
               " AND tenant_id = %s", number, tenant_id(TERC))
    return rows[0] if rows else None


def report_cli(report_id, status, text=None):
    args = [os.path.join(BIN, "tests", "report_cli"), "move", str(report_id), status]
    if text is not None:
        args.append(text)
    env = dict(os.environ, RATUSZ_CONFIG=CONFIG)
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False,
                            timeout=60)
    return result.returncode, result.stdout.strip(), result.stderr


def publish(number):
    report_id = report_row(number)[0]
    status, out, err = report_cli(report_id, "verified")
    assert status == 0, (out, err)
    return int(report_id)


def signed_in_report(fixture, browser, category=None, **form):
    result = submit(browser, category or fixture.pothole,
                    pothole_form(nearby_seen="1", **form))
    assert result.status == 303, result.text
    return created_number(result)


def messages(address):
    """The messages the stack's SMTP catcher stored for address (email.message objects)."""
    found = []
    for name in sorted(glob.glob(os.path.join(MAIL_DIR, "*.eml"))):
        with open(name, "rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        if address.lower() in str(message.get("To", "")).lower():
            found.append(message)
    return found


def wait_for_outbox(kind_like, key_like, timeout=60):
    """Wait until no matching outbox row is pending or leased; returns the rows' statuses."""
    deadline = time.monotonic() + timeout
    while True:
        rows = sql("SELECT status FROM outbox WHERE kind LIKE %s AND idempotency_key LIKE %s",
                   kind_like, key_like)
        statuses = [row[0] for row in rows]
        if all(s in ("sent", "failed", "cancelled") for s in statuses) or \
                time.monotonic() > deadline:
            return statuses
        time.sleep(0.5)


def confirm_link(address, timeout=60):
    """The newest report confirmation link mailed to address."""
    pattern = re.compile(re.escape(BASE_URL) + r"/gmina/\d{7}/zgloszenia/potwierdz/[A-Za-z0-9_-]{22}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in reversed(messages(address)):
            found = pattern.findall(message.get_body(preferencelist=("plain",)).get_content())
            if found:
                return found[-1]
        time.sleep(0.5)
    raise AssertionError("no confirmation link mailed to %s" % address)


def path_of(link):
    return urllib.parse.urlsplit(link).path


__all__ = ["Browser", "Fixture", "FORM", "TERC", "OTHER_TERC", "LAT", "LON", "NEAR", "FAR",
           "one", "sql", "new_email", "register_confirmed", "pothole_form", "submit",
           "created_number", "report_row", "report_cli", "publish", "signed_in_report",
           "messages", "wait_for_outbox", "confirm_link", "path_of", "parse_html",
           "fresh_client"]
