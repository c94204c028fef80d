"""Test data of the public report pages, written straight into the test stack's database.

Builds, in one gmina, units, a category tree, an area, accounts with sessions (one per
role of the authorization matrix) and reports in every visibility state. The names
carry markup, Polish letters and emoji so that every page can be checked for escaping.
"""

import hashlib
import os
import secrets
import subprocess

CONFIG = os.environ.get("RATUSZ_CONFIG", "")
SOCKET = os.environ.get("RATUSZ_DB_SOCKET", "")

MARKUP = "<script>alert('x')</script><b>"
TEXT = "Zażółć gęślą jaźń 🚧 " + MARKUP


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
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


def sql(query, *params):
    """Run SQL as the portal's user; params are %s placeholders quoted here."""
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


def one(query, *params):
    rows = sql(query, *params)
    return rows[0][0] if rows else None


def tenant_id(terc):
    return int(one("SELECT id FROM tenant WHERE terc = %s", terc))


def add_unit(tenant, name):
    sql("INSERT INTO unit (tenant_id, name) VALUES (%s, %s)", tenant, name)
    return int(one("SELECT id FROM unit WHERE tenant_id = %s AND name = %s", tenant, name))


def add_category(tenant, code, name_pl, name_en, parent=None, public=1, order=0):
    sql("INSERT INTO report_category (tenant_id, parent_id, code, name_pl, name_en, "
        "is_public, sort_order) VALUES (%s, %s, %s, %s, %s, %s, %s)",
        tenant, parent, code, name_pl, name_en, public, order)
    return int(one("SELECT id FROM report_category WHERE tenant_id = %s AND code = %s",
                   tenant, code))


def add_account(tag, name=""):
    """An account with a live session; returns (account id, Cookie header value)."""
    email = "%s.%s@example.pl" % (tag, secrets.token_hex(4))
    sql("INSERT INTO account (email, email_key, password_hash, display_name, "
        "confirmed_at, created_at) VALUES (%s, %s, 'x', %s, NOW(), NOW())",
        email, email, name)
    account = int(one("SELECT id FROM account WHERE email_key = %s", email))
    token = secrets.token_urlsafe(16)[:22]
    digest = hashlib.sha256(token.encode()).hexdigest()
    sql("INSERT INTO session (token_hash, account_id, csrf_seed, created_at, "
        "last_seen_at, expires_at) VALUES (%s, %s, %s, NOW(), '2099-01-01', '2099-12-31')",
        digest, account, secrets.token_urlsafe(16)[:22])
    return account, email, "sid=" + token


def add_role(account, role, tenant, unit=None):
    sql("INSERT INTO account_role (account_id, role, tenant_id, unit_id, created_at) "
        "VALUES (%s, %s, %s, %s, NOW())", account, role, tenant, unit)


def add_report(tenant, number, category, unit, *, status="verified", author=None,
               author_name="", anonymous=0, description="Opis", lat=None, lon=None,
               address="", confirmed="2026-03-01 10:00:00", hidden=0,
               created="2026-03-01 09:00:00", deadline=None, duplicate_of=None,
               email=None, email_confirmed=None):
    sql("INSERT INTO report (tenant_id, public_number, category_id, status, unit_id, "
        "author_id, author_email, author_name, anonymous, description, lat, lon, "
        "address_text, email_confirmed_at, confirmed_at, hidden, duplicate_of, "
        "deadline_at, created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
        "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        tenant, number, category, status, unit, author, email, author_name, anonymous,
        description, lat, lon, address, email_confirmed, confirmed, hidden,
        duplicate_of, deadline, created, created)
    return int(one("SELECT id FROM report WHERE tenant_id = %s AND public_number = %s",
                   tenant, number))


def add_event(tenant, report, when, kind, body="", public=1, from_status=None,
              to_status=None):
    sql("INSERT INTO report_event (tenant_id, report_id, created_at, actor_kind, kind, "
        "from_status, to_status, is_public, body) VALUES (%s, %s, %s, 'operator', %s, "
        "%s, %s, %s, %s)", tenant, report, when, kind, from_status, to_status, public, body)


def bump_version(tenant):
    sql("UPDATE tenant SET report_version = report_version + 1 WHERE id = %s", tenant)


def add_photo(tenant, report, hidden=0, order=0):
    """A stored photo: a row and its two files in upload_dir; returns (token, bytes)."""
    token = secrets.token_urlsafe(16)[:22]
    directory = os.path.join(read_config()["upload_dir"], token[:2])
    os.makedirs(directory, exist_ok=True)
    body = b"\xff\xd8\xff\xe0 photo " + token.encode() + b"\xff\xd9"
    with open(os.path.join(directory, token + ".jpg"), "wb") as f:
        f.write(body)
    with open(os.path.join(directory, token + ".t.jpg"), "wb") as f:
        f.write(body[:8] + b"thumb")
    sql("INSERT INTO report_photo (tenant_id, report_id, token, width, height, bytes, "
        "hidden, sort_order, created_at) VALUES (%s, %s, %s, 640, 480, %s, %s, %s, NOW())",
        tenant, report, token, len(body), hidden, order)
    return token, body
