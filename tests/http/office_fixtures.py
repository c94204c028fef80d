"""Test data and an HTTP client for the back office tests (test_office*.py).

Two test gminy of voivodeship 99 (which GUS does not use) get units, categories,
accounts with roles, sessions and reports written straight into the test stack's
database (RATUSZ_DB_SOCKET). Sessions are stored like session.c stores them, and the
CSRF token of a session is HMAC-SHA256(secret, csrf_seed) as session.c computes it,
so a test can post as any persona without signing in through the slow password hash.
"""

import hashlib
import hmac
import http.client
import json
import os
import re
import secrets
import subprocess
import urllib.parse

from portal_client import BASE_URL, parse_html

CONFIG = os.environ.get("RATUSZ_CONFIG", "")
SOCKET = os.environ.get("RATUSZ_DB_SOCKET", "")

# A Tuesday in March 2026: Warsaw is at UTC+1, summer time starts on 29 March.
NOW = "2026-03-10T10:00:00Z"
EMAIL_DOMAIN = "@office.test.example"
OFFICE_TERC = "9908011"
OTHER_TERC = "9908021"


def read_config():
    values = {}
    with open(CONFIG, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    return values


def literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


def sql(query, *params):
    """Run SQL as the portal's database user; %s placeholders take quoted literals."""
    text = query % tuple(literal(p) for p in params) if params else query
    config = read_config()
    env = dict(os.environ, MYSQL_PWD=config.get("db_password", ""))
    result = subprocess.run(
        ["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-S", SOCKET,
         "-u", config.get("db_user", "ratusz"), "-N", "-B", "-e", text,
         config.get("db_name", "ratusz")],
        env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError("SQL failed: %s\n%s" % (text[:500], result.stderr))
    return [line.split("\t") for line in result.stdout.splitlines()]


def scalar(query, *params):
    rows = sql(query, *params)
    return rows[0][0] if rows else None


def secret():
    with open(read_config()["secret_file"], "rb") as f:
        return f.read()


def store_photo(token, photo, thumb):
    """Write the two files of a stored photo where upload_store.c keeps them."""
    directory = os.path.join(read_config()["upload_dir"], token[:2])
    os.makedirs(directory, exist_ok=True)
    for suffix, data in ((".jpg", photo), (".t.jpg", thumb)):
        with open(os.path.join(directory, token + suffix), "wb") as f:
            f.write(data)


# --- gminy, units, categories -------------------------------------------------

def remove_all():
    """Delete both test gminy with everything in them, and the test accounts."""
    tenants = [int(r[0]) for r in sql("SELECT id FROM tenant WHERE terc IN (%s, %s)",
                                      OFFICE_TERC, OTHER_TERC)]
    if tenants:
        ids = ", ".join(str(t) for t in tenants)
        sql("DELETE FROM outbox WHERE tenant_id IN (%s)" % ids)
        sql("UPDATE report SET duplicate_of = NULL WHERE tenant_id IN (%s)" % ids)
        for table in ("report_event", "report_photo", "report_follower", "report",
                      "report_counter", "response_template", "routing_rule",
                      "account_role"):
            sql("DELETE FROM %s WHERE tenant_id IN (%s)" % (table, ids))
        sql("UPDATE report_category SET parent_id = NULL WHERE tenant_id IN (%s)" % ids)
        sql("DELETE FROM report_category WHERE tenant_id IN (%s)" % ids)
        sql("DELETE FROM unit WHERE tenant_id IN (%s)" % ids)
        sql("DELETE FROM tenant WHERE id IN (%s)" % ids)
    sql("DELETE FROM account WHERE email_key LIKE %s", "%" + EMAIL_DOMAIN)


def create_gmina(terc, name):
    sql("INSERT INTO tenant (terc, name, name_folded, kind, kind_name)"
        " VALUES (%s, %s, %s, 1, 'gmina miejska')", terc, name, terc)
    return int(scalar("SELECT id FROM tenant WHERE terc = %s", terc))


def create_unit(tenant, name, triage=False, active=True):
    sql("INSERT INTO unit (tenant_id, name, is_triage, active) VALUES (%s, %s, %s, %s)",
        tenant, name, triage, active)
    return int(scalar("SELECT id FROM unit WHERE tenant_id = %s AND name = %s", tenant, name))


def create_category(tenant, code, name, unit, deadline_days=14, public=True, parent=None):
    sql("INSERT INTO report_category (tenant_id, parent_id, code, name_pl, name_en,"
        " default_unit_id, deadline_days, is_public) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        tenant, parent, code, name, name + " (en)", unit, deadline_days, public)
    return int(scalar("SELECT id FROM report_category WHERE tenant_id = %s AND code = %s",
                      tenant, code))


# --- accounts and sessions ----------------------------------------------------

def create_account(name, display_name=""):
    email = name + EMAIL_DOMAIN
    sql("INSERT INTO account (email, email_key, password_hash, display_name, confirmed_at,"
        " created_at) VALUES (%s, %s, 'not-a-hash', %s, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
        email, email, display_name)
    return int(scalar("SELECT id FROM account WHERE email_key = %s", email))


def grant(account, role, tenant, unit=None):
    sql("INSERT INTO account_role (account_id, role, tenant_id, unit_id, created_at)"
        " VALUES (%s, %s, %s, %s, UTC_TIMESTAMP())", account, role, tenant, unit)


class Client:
    """A signed-in (or anonymous) visitor with the CSRF token of its session."""

    def __init__(self, account=None, now=NOW):
        self.now = now
        self.account = account
        self.cookie = None
        self.csrf = ""
        if account is not None:
            sid = secrets.token_urlsafe(16)[:22]
            seed = secrets.token_urlsafe(16)[:22]
            sql("INSERT INTO session (token_hash, account_id, csrf_seed, created_at,"
                " last_seen_at, expires_at) VALUES (%s, %s, %s, UTC_TIMESTAMP(),"
                " UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 DAY)",
                hashlib.sha256(sid.encode()).hexdigest(), account, seed)
            self.cookie = "sid=" + sid
            self.csrf = hmac.new(secret(), seed.encode(), hashlib.sha256).hexdigest()

    def request(self, path, method="GET", form=None, origin=BASE_URL, headers=None):
        url = urllib.parse.urlsplit(BASE_URL)
        connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
        all_headers = {"X-Ratusz-Now": self.now} if self.now else {}
        if self.cookie:
            all_headers["Cookie"] = self.cookie
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
            return Result(response.status, response.msg, response.read())
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def post(self, path, form, with_csrf=True, **kwargs):
        form = dict(form)
        if with_csrf:
            form.setdefault("csrf", self.csrf)
        return self.request(path, method="POST", form=form, **kwargs)


class Result:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name)

    def tree(self):
        return parse_html(self.text)

    def main_text(self):
        main = self.tree().find("main")
        return main.text() if main is not None else ""

    def form_version(self):
        """The row_version the page's action forms carry."""
        match = re.search(r'name="version" value="(\d+)"', self.text)
        return match.group(1) if match else None


# --- reports ------------------------------------------------------------------

_numbers = iter(range(1, 10**6))


def create_report(tenant, category, unit, author=None, status="new", description="Opis",
                  confirmed_at=None, deadline_at=None, created_at="2026-03-01 09:00:00",
                  author_email=None, email_confirmed=True, needs_triage=False,
                  assignee=None, address="ul. Testowa 1", hidden=False, follower_email=None,
                  attributes=None):
    """Insert a report as report_create stores it, with its "created" event and the
    author as a confirmed follower. Returns (id, public number)."""
    number = "2026-%06d" % (900000 + next(_numbers))
    sql("INSERT INTO report (tenant_id, public_number, category_id, status, unit_id,"
        " assignee_id, needs_triage, author_id, author_email, description, address_text,"
        " email_confirmed_at, confirmed_at, deadline_at, hidden, created_at, updated_at,"
        " attributes)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        tenant, number, category, status, unit, assignee, needs_triage, author, author_email,
        description, address, created_at if (author is not None or email_confirmed) else None,
        confirmed_at, deadline_at, hidden, created_at, created_at, attributes)
    report = int(scalar("SELECT id FROM report WHERE tenant_id = %s AND public_number = %s",
                        tenant, number))
    sql("INSERT INTO report_event (tenant_id, report_id, created_at, actor_id, actor_kind,"
        " kind, to_status, to_unit_id, is_public, body) VALUES (%s, %s, %s, %s, 'resident',"
        " 'created', 'new', %s, 1, '')", tenant, report, created_at, author, unit)
    if author is not None:
        add_follower(tenant, report, account=author, is_author=True)
    elif author_email is not None:
        add_follower(tenant, report, email=author_email, is_author=True,
                     confirmed=email_confirmed)
    if follower_email is not None:
        add_follower(tenant, report, email=follower_email)
    return report, number


def add_follower(tenant, report, account=None, email=None, is_author=False, confirmed=True):
    sql("INSERT INTO report_follower (tenant_id, report_id, account_id, email, email_key,"
        " is_author, confirmed_at, unsubscribe_token, created_at) VALUES (%s, %s, %s, %s,"
        " %s, %s, %s, %s, UTC_TIMESTAMP())", tenant, report, account, email,
        email.lower() if email else None, is_author,
        "2026-03-01 09:00:00" if confirmed else None, secrets.token_urlsafe(16)[:22])
    return int(scalar("SELECT MAX(id) FROM report_follower WHERE report_id = %s", report))


def unhex(value):
    return None if value == "NULL" else bytes.fromhex(value).decode("utf-8")


def report_row(report):
    """The columns of a report that actions change, as a dict of strings (None for NULL)."""
    names = ["status", "unit_id", "assignee_id", "hidden", "row_version", "description",
             "address_text", "confirmed_at", "deadline_at", "closed_at", "duplicate_of",
             "needs_triage"]
    row = sql("SELECT %s FROM report WHERE id = %d"
              % (", ".join("HEX(CONCAT(%s))" % n for n in names), report))[0]
    return {n: unhex(v) for n, v in zip(names, row)}


def events(report):
    """The history of a report, oldest first, as dicts."""
    names = ["id", "kind", "is_public", "actor_id", "body", "previous", "from_status",
             "to_status", "from_unit_id", "to_unit_id"]
    rows = sql("SELECT %s FROM report_event WHERE report_id = %d ORDER BY id"
               % (", ".join("HEX(CONCAT(%s))" % n for n in names), report))
    result = []
    for row in rows:
        e = {n: unhex(v) for n, v in zip(names, row)}
        e["id"] = int(e["id"])
        e["is_public"] = e["is_public"] == "1"
        e["actor_id"] = int(e["actor_id"] or 0)
        e["previous"] = json.loads(e["previous"]) if e["previous"] else None
        e["from_unit"] = int(e.pop("from_unit_id") or 0)
        e["to_unit"] = int(e.pop("to_unit_id") or 0)
        result.append(e)
    return result


def notices(report=None, event=None):
    """Outbox rows of kind report_update: (follower_id, report_id, event_id)."""
    where = ["kind = 'report_update'"]
    if report is not None:
        where.append("JSON_VALUE(payload, '$.report_id') = %d" % report)
    if event is not None:
        where.append("JSON_VALUE(payload, '$.event_id') = %d" % event)
    rows = sql("SELECT JSON_VALUE(payload, '$.follower_id'), JSON_VALUE(payload,"
               " '$.report_id'), JSON_VALUE(payload, '$.event_id') FROM outbox WHERE "
               + " AND ".join(where))
    return [tuple(int(v) for v in r) for r in rows]


class Gmina:
    """The fixture of one test module: two gminy, units, categories and personas."""

    def __init__(self):
        remove_all()
        self.tenant = create_gmina(OFFICE_TERC, "Biurowo")
        self.other_tenant = create_gmina(OTHER_TERC, "Sąsiednie")
        self.triage = create_unit(self.tenant, "Zgłoszenia do przydzielenia", triage=True)
        self.roads = create_unit(self.tenant, "Wydział Dróg")
        self.green = create_unit(self.tenant, "Referat Zieleni")
        self.retired = create_unit(self.tenant, "Dawny referat", active=False)
        self.other_unit = create_unit(self.other_tenant, "Drogi sąsiada")
        self.parent = create_category(self.tenant, "drogi", "Drogi", self.roads)
        self.potholes = create_category(self.tenant, "dziury", "Dziura w jezdni", self.roads,
                                        deadline_days=7, parent=self.parent)
        self.trees = create_category(self.tenant, "drzewa", "Drzewa i krzewy", self.green)
        self.private = create_category(self.tenant, "prywatne", "Sprawy osobiste",
                                       self.green, public=False)
        self.author = create_account("autor", "Anna Autorka")
        self.resident = create_account("sasiad", "Jan Sąsiad")
        self.op_roads = create_account("drogowiec", "Olga Drogowa")
        self.op_roads2 = create_account("drogowiec2", "Piotr Drogowy")
        self.op_green = create_account("ogrodnik", "Zenon Zielony")
        self.coordinator = create_account("koordynator", "Kasia Koordynatorka")
        self.admin = create_account("admin", "Adam Administrator")
        self.other_admin = create_account("obcyadmin", "Obcy Administrator")
        grant(self.op_roads, "operator", self.tenant, self.roads)
        grant(self.op_roads2, "operator", self.tenant, self.roads)
        grant(self.op_green, "operator", self.tenant, self.green)
        grant(self.coordinator, "coordinator", self.tenant)
        grant(self.admin, "gmina_admin", self.tenant)
        grant(self.other_admin, "gmina_admin", self.other_tenant)
        grant(self.op_roads, "operator", self.other_tenant, self.other_unit)

    def report(self, **kwargs):
        kwargs.setdefault("category", self.potholes)
        kwargs.setdefault("unit", self.roads)
        kwargs.setdefault("author", self.author)
        category = kwargs.pop("category")
        unit = kwargs.pop("unit")
        return create_report(self.tenant, category, unit, **kwargs)

    def published(self, **kwargs):
        kwargs.setdefault("status", "verified")
        kwargs.setdefault("confirmed_at", "2026-03-02 09:00:00")
        kwargs.setdefault("deadline_at", "2026-03-09 09:00:00")
        return self.report(**kwargs)

    def path(self, number=None, action=None, terc=OFFICE_TERC):
        path = "/urzad/%s/zgloszenia" % terc
        if number is not None:
            path += "/" + number
        if action is not None:
            path += "/" + action
        return path
