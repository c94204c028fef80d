"""Open311 GeoReport v2 under /open311/v2/: services, reports sent with API keys,
public report lists, spec errors, and the formats checked against real samples.

Every JSON response is validated with the GeoReport v2 JSON Schemas, and every XML
response is parsed and its element tree compared with real servers' responses
(tests/data/open311/). The tests create their own categories, keys and reports in
Gmina Przodkowo (loaded by tools/load-data) and confirm reports through the database,
as the office would.
"""

import datetime
import hashlib
import json
import os
import re
import secrets
import subprocess
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import jsonschema

from portal_client import request

CONFIG = os.environ.get("RATUSZ_CONFIG", "")
BIN = os.environ.get("RATUSZ_BIN", "")
SOCKET = os.environ.get("RATUSZ_DB_SOCKET", "")
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "open311")
TERC = "2205032"            # Gmina Przodkowo
OTHER_TERC = "3215043"      # Gmina Borne Sulinowo, another gmina of the TERC register
NOW = "2026-11-20T10:00:00Z"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


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


def sql(query, *params, raw=False):
    """Run SQL with the portal's account; params are quoted as SQL strings. With raw,
    cells come unescaped (a JSON text keeps its backslashes)."""
    def literal(value):
        if value is None:
            return "NULL"
        return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"
    text = query % tuple(literal(p) for p in params) if params else query
    config = read_config()
    env = dict(os.environ, MYSQL_PWD=config.get("db_password", ""))
    result = subprocess.run(
        ["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-S", SOCKET,
         "-u", config.get("db_user", "ratusz"), "-N", "-B", *(["-r"] if raw else []),
         "-e", text,
         config.get("db_name", "ratusz")],
        env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError("SQL failed: %s\n%s" % (text, result.stderr))
    return [line.split("\t") for line in result.stdout.splitlines()]


def ctl(*args):
    env = dict(os.environ, RATUSZ_CONFIG=CONFIG, RATUSZ_LANG="en")
    result = subprocess.run([os.path.join(BIN, "ratuszctl"), *args], env=env,
                            capture_output=True, text=True, check=False)
    return result.returncode, result.stdout, result.stderr


def tenant_id(terc):
    return int(sql("SELECT id FROM tenant WHERE terc = %s", terc)[0][0])


def new_key(terc=TERC, name=None):
    """Create an API key with ratuszctl; return (id, key)."""
    status, out, err = ctl("api-key", "create", "--gmina", terc,
                           "--name", name or "test " + secrets.token_hex(3))
    if status != 0:
        raise AssertionError("api-key create failed: %s" % err)
    key = out.strip().splitlines()[-1]
    key_id = sql("SELECT id FROM api_key WHERE key_hash = %s",
                 hashlib.sha256(key.encode()).hexdigest())[0][0]
    return key_id, key


# --- the schemas and samples -----------------------------------------------------------

def load_json(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


SCHEMAS = {name: load_json("schema/" + name) for name in
           ("request.json", "requests.json", "service.json", "services.json",
            "service-definition.json")}


def schema_errors(document, schema_name):
    """Validate with Debian's python3-jsonschema (4.10), resolving "$ref": "request.json"
    among the copied schemas. Its format checker has no "date-time" without extra
    packages, so the tests match datetimes with DATETIME themselves."""
    resolver = jsonschema.RefResolver(base_uri="", referrer=SCHEMAS[schema_name],
                                      store=dict(SCHEMAS))
    validator = jsonschema.Draft7Validator(
        SCHEMAS[schema_name], resolver=resolver,
        format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(document)]


def strict_json(text):
    """Parse JSON refusing NaN/Infinity and duplicate keys, which jansson never writes."""
    def no_constant(name):
        raise ValueError("JSON constant %s" % name)

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate key in %s" % keys)
        return dict(pairs)
    return json.loads(text, parse_constant=no_constant, object_pairs_hook=no_duplicates)


def xml_paths(element, prefix=""):
    """Return the set of element paths ("a/b/c") of an XML tree: its shape."""
    path = prefix + element.tag
    paths = {path}
    for child in element:
        paths |= xml_paths(child, path + "/")
    return paths


def sample_paths(name):
    return xml_paths(ET.parse(os.path.join(DATA, name)).getroot())


# --- calling the API -----------------------------------------------------------------

class Answer:
    def __init__(self, response, fmt):
        self.status = response.status
        self.response = response
        self.format = fmt
        self.text = response.body.decode("utf-8")
        if fmt == "json":
            self.data = strict_json(self.text)
            self.root = None
        else:
            self.root = ET.fromstring(response.body)
            self.data = None

    def header(self, name):
        return self.response.header(name)


def get(path, fmt="json", now=NOW, headers=None, **query):
    query.setdefault("jurisdiction_id", TERC)
    query = {k: v for k, v in query.items() if v is not None}
    url = "/open311/v2/%s.%s" % (path, fmt)
    if query:
        url += "?" + urllib.parse.urlencode(query)
    return Answer(request(url, now=now, headers=headers), fmt)


def post(form, fmt="json", now=NOW, headers=None):
    form = dict(form)
    form.setdefault("jurisdiction_id", TERC)
    form = {k: v for k, v in form.items() if v is not None}
    body = urllib.parse.urlencode(form, doseq=True).encode("utf-8")
    return Answer(request("/open311/v2/requests.%s" % fmt, method="POST", now=now,
                          headers=dict(FORM, **(headers or {})), body=body), fmt)


class Catalog:
    """Categories of one test class in Przodkowo: a group with a public leaf that has
    extra fields, a plain public leaf, a non-public leaf and an inactive leaf."""

    def __init__(self):
        self.tag = secrets.token_hex(3)
        self.tenant = tenant_id(TERC)
        self.unit_name = "Wydział Dróg %s" % self.tag
        sql("INSERT INTO unit (tenant_id, name) VALUES (%s, %s)", self.tenant, self.unit_name)
        self.unit = sql("SELECT id FROM unit WHERE tenant_id = %s AND name = %s",
                        self.tenant, self.unit_name)[0][0]
        self.group = self.category("grp" + self.tag, "Drogi %s" % self.tag, None)
        self.roads = self.category("road" + self.tag, "Dziura w jezdni", self.group,
                                   help_pl="Opisz, gdzie jest ubytek.",
                                   keywords="dziura, asfalt", name_en="Pothole")
        self.plain = self.category("lamp" + self.tag, "Latarnia", self.group)
        self.private = self.category("priv" + self.tag, "Sprawa osobista", self.group,
                                     is_public=0)
        self.inactive = self.category("old" + self.tag, "Stara kategoria", self.group,
                                      active=0)
        self.fields()

    def category(self, code, name, parent, help_pl="", keywords="", name_en=None,
                 is_public=1, active=1):
        sql("INSERT INTO report_category (tenant_id, parent_id, code, name_pl, name_en,"
            " help_pl, help_en, keywords, default_unit_id, deadline_days, is_public, active)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, 7, %s, %s)",
            self.tenant, parent and parent[0], code, name, name_en or name, help_pl,
            help_pl and "Say where the hole is.", keywords, self.unit, is_public, active)
        return (sql("SELECT id FROM report_category WHERE tenant_id = %s AND code = %s",
                    self.tenant, code)[0][0], code, name)

    def field(self, code, datatype, required, label, order, values=()):
        sql("INSERT INTO category_field (tenant_id, category_id, code, datatype, required,"
            " label_pl, label_en, help_pl, help_en, sort_order)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, '', '', %s)",
            self.tenant, self.roads[0], code, datatype, required, label, label, order)
        field_id = sql("SELECT id FROM category_field WHERE category_id = %s AND code = %s",
                       self.roads[0], code)[0][0]
        for i, (key, name) in enumerate(values):
            sql("INSERT INTO category_field_value (tenant_id, field_id, value_key, name_pl,"
                " name_en, sort_order) VALUES (%s, %s, %s, %s, %s, %s)",
                self.tenant, field_id, key, name, name, i)

    def fields(self):
        self.field("size", "singlevaluelist", 1, "Wielkość ubytku", 1,
                   [("small", "Mały"), ("big", "Duży")])
        self.field("lanes", "multivaluelist", 0, "Pasy ruchu", 2,
                   [("left", "Lewy"), ("right", "Prawy")])
        self.field("depth", "number", 0, "Głębokość w cm", 3)
        self.field("seen", "datetime", 0, "Kiedy zauważono", 4)
        self.field("remarks", "text", 0, "Uwagi", 5)
        self.field("plate", "string", 0, "Numer słupka", 6)


def report_form(key, catalog, **extra):
    form = {"api_key": key, "service_code": catalog.roads[1], "lat": "54.350000",
            "long": "18.280000", "description": "Głęboka dziura przy przystanku.",
            "attribute[size]": "big"}
    form.update(extra)
    return form


def report_row(token):
    rows = sql("SELECT id, public_number, status, confirmed_at IS NULL, source, api_key_id,"
               " anonymous, email_confirmed_at IS NOT NULL FROM report"
               " WHERE open311_token = %s", token)
    return rows[0] if rows else None


def confirm(token, when="2026-11-19 09:00:00", status="verified"):
    """Publish a report as moderation would: confirmed, with a deadline."""
    sql("UPDATE report SET status = %s, confirmed_at = %s,"
        " deadline_at = DATE_ADD(%s, INTERVAL 7 DAY) WHERE open311_token = %s",
        status, when, when, token)
    return report_row(token)[1]


def add_event(report_number, when, body, is_public=1, kind="update", to_status=None):
    sql("INSERT INTO report_event (tenant_id, report_id, created_at, actor_kind, kind,"
        " to_status, is_public, body) SELECT tenant_id, id, %s, 'operator', %s, %s, %s, %s"
        " FROM report WHERE public_number = %s AND tenant_id = %s",
        when, kind, to_status, is_public, body, report_number, tenant_id(TERC))


class Open311TestCase(unittest.TestCase):
    catalog = None

    @classmethod
    def setUpClass(cls):
        cls.catalog = Catalog()
        cls.key_id, cls.key = new_key()

    def setUp(self):
        # A key per test keeps each under the per-key limit of POSTs in one window.
        self.key_id, self.key = new_key()

    def create(self, now=NOW, key=None, **extra):
        """Send a report and return its token."""
        answer = post(report_form(key or self.key, self.catalog, **extra), now=now)
        self.assertEqual(answer.status, 200, answer.text)
        self.assertEqual(list(answer.data[0].keys()), ["token"])
        return answer.data[0]["token"]

    def published(self, now=NOW, when="2026-11-19 09:00:00", **extra):
        token = self.create(now=now, **extra)
        return token, confirm(token, when)

    def assert_json_error(self, answer, status):
        self.assertEqual(answer.status, status, answer.text)
        self.assertIsInstance(answer.data, list)
        self.assertEqual(len(answer.data), 1)
        self.assertEqual(set(answer.data[0]), {"code", "description"})
        self.assertEqual(answer.data[0]["code"], status)
        self.assertTrue(answer.data[0]["description"])

    def assert_xml_error(self, answer, status):
        self.assertEqual(answer.status, status, answer.text)
        self.assertEqual(xml_paths(answer.root),
                         {"errors", "errors/error", "errors/error/code",
                          "errors/error/description"})
        self.assertEqual(answer.root.findtext("error/code"), str(status))

    def assert_requests_valid(self, answer):
        self.assertEqual(answer.status, 200, answer.text)
        self.assertEqual(schema_errors(answer.data, "requests.json"), [])
        for item in answer.data:
            for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
                if item.get(name) is not None:
                    self.assertRegex(item[name], DATETIME)


# --- discovery, services and definitions ---------------------------------------------

class DiscoveryTest(Open311TestCase):
    def test_discovery_json(self):
        answer = get("discovery", jurisdiction_id=None)
        self.assertEqual(answer.status, 200)
        endpoint = answer.data["endpoints"][0]
        self.assertEqual(endpoint["specification"], "http://wiki.open311.org/GeoReport_v2")
        self.assertTrue(endpoint["url"].endswith("/open311/v2"))
        self.assertEqual(endpoint["formats"], ["text/xml", "application/json"])
        self.assertRegex(answer.data["changeset"], DATETIME)

    def test_discovery_xml(self):
        answer = get("discovery", "xml", jurisdiction_id=None)
        self.assertEqual(answer.status, 200)
        self.assertEqual([f.text for f in answer.root.findall("endpoints/endpoint/formats/format")],
                         ["text/xml", "application/json"])
        self.assertIn("discovery/endpoints/endpoint/specification", xml_paths(answer.root))


class ServicesTest(Open311TestCase):
    def test_services_json_schema_and_content(self):
        answer = get("services")
        self.assertEqual(answer.status, 200)
        self.assertEqual(schema_errors(answer.data, "services.json"), [])
        services = {s["service_code"]: s for s in answer.data}
        road = services[self.catalog.roads[1]]
        self.assertEqual(road["service_name"], "Dziura w jezdni")
        self.assertEqual(road["description"], "Opisz, gdzie jest ubytek.")
        self.assertIs(road["metadata"], True)
        self.assertEqual(road["type"], "realtime")
        self.assertEqual(road["keywords"], "dziura, asfalt")
        self.assertEqual(road["group"], self.catalog.group[2])
        self.assertIs(services[self.catalog.plain[1]]["metadata"], False)

    def test_services_keys_match_real_city(self):
        bloomington = load_json("bloomington_in_services.json")
        for service in get("services").data:
            self.assertEqual(set(service), set(bloomington[0]))

    def test_only_public_active_leaves(self):
        codes = {s["service_code"] for s in get("services").data}
        self.assertIn(self.catalog.roads[1], codes)
        self.assertIn(self.catalog.plain[1], codes)
        self.assertNotIn(self.catalog.private[1], codes)
        self.assertNotIn(self.catalog.inactive[1], codes)
        self.assertNotIn(self.catalog.group[1], codes)

    def test_services_xml_shape(self):
        answer = get("services", "xml")
        self.assertEqual(answer.status, 200)
        expected = {"services", "services/service"} | {
            "services/service/" + key for key in load_json("bloomington_in_services.json")[0]}
        self.assertEqual(xml_paths(answer.root), expected)
        codes = [s.findtext("service_code") for s in answer.root]
        self.assertIn(self.catalog.roads[1], codes)
        self.assertNotIn(self.catalog.private[1], codes)

    def test_services_english(self):
        answer = get("services", headers={"Accept-Language": "en"})
        road = [s for s in answer.data if s["service_code"] == self.catalog.roads[1]][0]
        self.assertEqual(road["service_name"], "Pothole")
        self.assertEqual(road["description"], "Say where the hole is.")

    def test_other_gmina_lists_none_of_these(self):
        answer = get("services", jurisdiction_id=OTHER_TERC)
        self.assertEqual(answer.status, 200)
        codes = {s["service_code"] for s in answer.data}
        self.assertNotIn(self.catalog.roads[1], codes)


class DefinitionTest(Open311TestCase):
    def test_definition_json(self):
        answer = get("services/" + self.catalog.roads[1])
        self.assertEqual(answer.status, 200, answer.text)
        self.assertEqual(schema_errors(answer.data, "service-definition.json"), [])
        self.assertEqual(answer.data["service_code"], self.catalog.roads[1])
        attributes = answer.data["attributes"]
        self.assertEqual([a["code"] for a in attributes],
                         ["size", "lanes", "depth", "seen", "remarks", "plate"])
        self.assertEqual([a["order"] for a in attributes], [1, 2, 3, 4, 5, 6])
        size = attributes[0]
        self.assertEqual(size["datatype"], "singlevaluelist")
        self.assertIs(size["required"], True)
        self.assertIs(size["variable"], True)
        self.assertEqual(size["description"], "Wielkość ubytku")
        self.assertEqual(size["values"], [{"key": "small", "name": "Mały"},
                                          {"key": "big", "name": "Duży"}])
        self.assertTrue(size["datatype_description"])
        self.assertIs(attributes[2]["required"], False)
        self.assertEqual(attributes[2]["values"], [])

    def test_definition_xml_shape_matches_merton(self):
        answer = get("services/" + self.catalog.roads[1], "xml")
        self.assertEqual(answer.status, 200)
        merton = sample_paths("merton_service_definition.xml")
        # "automated" is a FixMyStreet extension; values carry key and name per the spec.
        expected = {p for p in merton if not p.endswith("/automated")} | {
            "service_definition/attributes/attribute/datatype_description",
            "service_definition/attributes/attribute/values/value",
            "service_definition/attributes/attribute/values/value/key",
            "service_definition/attributes/attribute/values/value/name"}
        self.assertEqual(xml_paths(answer.root), expected)
        first = answer.root.find("attributes/attribute")
        self.assertEqual(first.findtext("required"), "true")
        self.assertEqual(first.findtext("order"), "1")

    def test_definition_without_fields(self):
        answer = get("services/" + self.catalog.plain[1])
        self.assertEqual(answer.status, 200)
        self.assertEqual(answer.data["attributes"], [])

    def test_hidden_categories_not_found(self):
        for code in (self.catalog.private[1], self.catalog.inactive[1],
                     self.catalog.group[1], "nosuch" + self.catalog.tag):
            with self.subTest(code=code):
                self.assert_json_error(get("services/" + code), 404)
                self.assert_xml_error(get("services/" + code, "xml"), 404)

    def test_definition_of_other_gmina_not_found(self):
        self.assert_json_error(get("services/" + self.catalog.roads[1],
                                   jurisdiction_id=OTHER_TERC), 404)


# --- errors ----------------------------------------------------------------------------

class ErrorTest(Open311TestCase):
    def test_unknown_jurisdiction(self):
        self.assert_json_error(get("services", jurisdiction_id="9999999"), 404)
        self.assert_xml_error(get("services", "xml", jurisdiction_id="9999999"), 404)

    def test_missing_jurisdiction(self):
        self.assert_json_error(get("services", jurisdiction_id=None), 400)

    def test_malformed_jurisdiction(self):
        self.assert_json_error(get("services", jurisdiction_id="22050"), 400)

    def test_unknown_resource(self):
        self.assert_json_error(get("complaints"), 404)
        self.assert_xml_error(get("complaints", "xml"), 404)

    def test_path_without_format(self):
        response = request("/open311/v2/services?jurisdiction_id=" + TERC, now=NOW)
        self.assertEqual(response.status, 404)
        self.assertEqual(ET.fromstring(response.body).tag, "errors")

    def test_unknown_format(self):
        response = request("/open311/v2/services.csv?jurisdiction_id=" + TERC, now=NOW)
        self.assertEqual(response.status, 404)

    def test_wrong_method(self):
        response = request("/open311/v2/services.json", method="DELETE", now=NOW)
        self.assertEqual(response.status, 405)
        self.assertEqual(strict_json(response.body)[0]["code"], 405)

    def test_error_in_english(self):
        answer = get("services", jurisdiction_id="9999999", headers={"Accept-Language": "en"})
        self.assertIn("TERC", answer.data[0]["description"])
        self.assertIn("No gmina", answer.data[0]["description"])

    def test_error_in_polish_by_default(self):
        answer = get("services", jurisdiction_id="9999999")
        self.assertIn("Nie ma gminy", answer.data[0]["description"])

    def test_cors_on_get(self):
        answer = get("services")
        self.assertEqual(answer.header("Access-Control-Allow-Origin"), "*")
        response = request("/open311/v2/requests.json", method="OPTIONS", now=NOW,
                           headers={"Origin": "https://example.org",
                                    "Access-Control-Request-Method": "GET"})
        self.assertEqual(response.status, 204)
        self.assertEqual(response.header("Access-Control-Allow-Origin"), "*")
        self.assertIn("GET", response.header("Access-Control-Allow-Methods"))

    def test_content_types(self):
        self.assertTrue(get("services").header("Content-Type").startswith("application/json"))
        self.assertTrue(get("services", "xml").header("Content-Type").startswith("text/xml"))


# --- POST requests ---------------------------------------------------------------------

class PostAuthorizationTest(Open311TestCase):
    def test_no_key(self):
        form = report_form(None, self.catalog)
        self.assert_json_error(post(form), 403)
        self.assert_xml_error(post(form, "xml"), 403)

    def test_bad_key(self):
        self.assert_json_error(post(report_form("x" * 22, self.catalog)), 403)

    def test_key_of_another_gmina(self):
        _, other = new_key(OTHER_TERC)
        self.assert_json_error(post(report_form(other, self.catalog)), 403)
        # The same key works in its own gmina's jurisdiction, where the code is unknown.
        answer = post(report_form(other, self.catalog, jurisdiction_id=OTHER_TERC))
        self.assert_json_error(answer, 400)

    def test_revoked_key(self):
        key_id, key = new_key()
        self.create(key=key)
        status, out, _ = ctl("api-key", "revoke", "--gmina", TERC, "--id", key_id)
        self.assertEqual(status, 0)
        self.assert_json_error(post(report_form(key, self.catalog)), 403)

    def test_no_report_stored_when_refused(self):
        before = sql("SELECT COUNT(*) FROM report")[0][0]
        post(report_form("bad", self.catalog))
        post(report_form(None, self.catalog))
        self.assertEqual(sql("SELECT COUNT(*) FROM report")[0][0], before)

    def test_get_ignores_keys(self):
        """A key grants no extra visibility: GET answers are the same with any key."""
        token = self.create()
        number = report_row(token)[1]
        for key in (None, self.key, "bad"):
            with self.subTest(key=key):
                self.assert_json_error(get("requests/" + number, api_key=key), 404)

    def test_get_calls_same_for_every_key(self):
        """Every GET call answers the same with no key, a valid, an unknown, another
        gmina's and a revoked key: keys grant no visibility."""
        token, number = self.published()
        pending = self.create()
        revoked_id, revoked = new_key()
        ctl("api-key", "revoke", "--gmina", TERC, "--id", revoked_id)
        other = new_key(OTHER_TERC)[1]
        calls = [("discovery", {"jurisdiction_id": None}), ("services", {}),
                 ("services/" + self.catalog.roads[1], {}),
                 ("services/" + self.catalog.private[1], {}),
                 ("requests", {"service_code": self.catalog.roads[1]}),
                 ("requests/" + number, {}), ("requests/" + report_row(pending)[1], {}),
                 ("tokens/" + token, {}), ("tokens/" + pending, {})]
        for path, query in calls:
            for fmt in ("json", "xml"):
                baseline = get(path, fmt, **query)
                for key in (self.key, "x" * 22, other, revoked):
                    with self.subTest(path=path, fmt=fmt, key=key):
                        answer = get(path, fmt, api_key=key, **query)
                        self.assertEqual(answer.status, baseline.status)
                        self.assertEqual(answer.text, baseline.text)

    def test_rate_limit_per_key(self):
        key_id, key = new_key()
        for _ in range(30):
            self.assertEqual(post({"api_key": key}, now="2026-11-20T11:00:00Z").status, 400)
        self.assert_json_error(post(report_form(key, self.catalog),
                                    now="2026-11-20T11:00:00Z"), 429)
        # Another key is not affected, and the next window starts afresh.
        self.create(now="2026-11-20T11:00:00Z")
        self.create(key=key, now="2026-11-20T11:16:00Z")


class PostTest(Open311TestCase):
    def test_created_new_and_unpublished(self):
        token = self.create(email="jan@example.pl", first_name="Jan", last_name="Kowalski",
                            phone="+48 600 100 200", device_id="dev-1", account_id="acc-7",
                            media_url="https://example.org/photo.jpg")
        row = report_row(token)
        self.assertEqual(row[2], "new")
        self.assertEqual(row[3], "1")      # confirmed_at is NULL: not public
        self.assertEqual(row[4], "open311")
        self.assertEqual(row[5], self.key_id)
        self.assertEqual(row[6], "1")      # anonymous to the public
        extra = sql("SELECT device_id, account_id, first_name, last_name, phone, media_url"
                    " FROM report_open311 WHERE report_id = %s", row[0])[0]
        self.assertEqual(extra, ["dev-1", "acc-7", "Jan", "Kowalski", "+48 600 100 200",
                                 "https://example.org/photo.jpg"])
        self.assertEqual(sql("SELECT author_email, author_name FROM report WHERE id = %s",
                             row[0])[0], ["jan@example.pl", "Jan Kowalski"])
        self.assertEqual(sql("SELECT kind, actor_kind FROM report_event WHERE report_id = %s",
                             row[0]), [["created", "api"]])

    def test_post_xml_shape_matches_merton(self):
        answer = post(report_form(self.key, self.catalog), "xml")
        self.assertEqual(answer.status, 200, answer.text)
        self.assertEqual(xml_paths(answer.root), sample_paths("merton_post_request_token.xml"))
        self.assertTrue(report_row(answer.root.findtext("request/token")))

    def test_attributes_stored(self):
        token = self.create(**{"attribute[lanes][]": ["left", "right"], "attribute[depth]": "12.5",
                               "attribute[seen]": "2026-11-19T08:00:00+01:00",
                               "attribute[remarks]": "wiersz 1\nwiersz 2",
                               "attribute[plate]": "A-12"})
        stored = json.loads(sql("SELECT attributes FROM report WHERE open311_token = %s",
                                token, raw=True)[0][0])
        self.assertEqual(stored, {"size": "big", "lanes": ["left", "right"], "depth": "12.5",
                                  "seen": "2026-11-19T08:00:00+01:00",
                                  "remarks": "wiersz 1\nwiersz 2", "plate": "A-12"})

    def test_attribute_errors(self):
        cases = [
            {"attribute[size]": None},                       # required missing
            {"attribute[size]": "huge"},                     # not a listed key
            {"attribute[colour]": "red"},                    # unknown attribute
            {"attribute[depth]": "deep"},                    # not a number
            {"attribute[depth]": "1e5"},
            {"attribute[seen]": "wczoraj"},                  # not a datetime
            {"attribute[lanes][]": ["left", "left"]},        # repeated value
            {"attribute[lanes][]": ["middle"]},
            {"attribute[size][]": ["big"]},                  # a list for a single value
            {"attribute[]": "x"},
            {"attribute[plate]": "x" * 501},
        ]
        for extra in cases:
            with self.subTest(extra=extra):
                self.assert_json_error(post(report_form(self.key, self.catalog, **extra)), 400)

    def test_location_choices(self):
        self.create(lat=None, long=None, address_string="Przodkowo, ul. Kartuska 21")
        point = sql("SELECT p.id FROM address_point p JOIN tenant t ON t.id = p.tenant_id"
                    " WHERE t.terc = %s LIMIT 1", TERC)
        if point:
            self.create(lat=None, long=None, address_id=point[0][0])

    def test_location_errors(self):
        cases = [{"lat": None, "long": None}, {"long": None}, {"lat": None},
                 {"lat": "north"}, {"lat": "91.0"}, {"long": "inf"}, {"lat": "nan"},
                 {"lat": None, "long": None, "address_id": "999999999"}]
        for extra in cases:
            with self.subTest(extra=extra):
                self.assert_json_error(post(report_form(self.key, self.catalog, **extra)), 400)

    def test_field_errors(self):
        cases = [{"service_code": None}, {"service_code": self.catalog.private[1]},
                 {"service_code": self.catalog.inactive[1]},
                 {"service_code": self.catalog.group[1]},
                 {"email": "not-an-address"}, {"description": None},
                 {"description": "x" * 4001}, {"jurisdiction_id": None},
                 {"address_id": "0"}]
        for extra in cases:
            with self.subTest(extra=extra):
                answer = post(report_form(self.key, self.catalog, **extra))
                self.assert_json_error(answer, 400)

    def test_description_limit(self):
        token = self.create(description="ż" * 4000)
        self.assertEqual(sql("SELECT CHAR_LENGTH(description) FROM report"
                             " WHERE open311_token = %s", token)[0][0], "4000")

    def test_unknown_jurisdiction_post(self):
        self.assert_json_error(post(report_form(self.key, self.catalog,
                                                jurisdiction_id="9999999")), 404)

    def test_no_csrf_or_cookie_needed_but_form_type_is(self):
        body = urllib.parse.urlencode(report_form(self.key, self.catalog) |
                                      {"jurisdiction_id": TERC}).encode()
        response = request("/open311/v2/requests.json", method="POST", now=NOW,
                           headers={"Content-Type": "application/json"}, body=body)
        self.assertEqual(response.status, 400)


# --- tokens and GET requests -----------------------------------------------------------

class VisibilityTest(Open311TestCase):
    def test_unconfirmed_invisible_until_confirmed(self):
        token = self.create()
        number = report_row(token)[1]
        self.assert_json_error(get("requests/" + number), 404)
        self.assert_xml_error(get("requests/" + number, "xml"), 404)
        listed = get("requests", service_code=self.catalog.roads[1])
        self.assertNotIn(number, [r["service_request_id"] for r in listed.data])
        self.assertNotIn(number, [r["service_request_id"] for r in
                                  get("requests", service_request_id=number).data])
        pending = get("tokens/" + token)
        self.assertEqual(pending.status, 200)
        self.assertEqual(pending.data, [{"token": token}])

        confirm(token)
        found = get("tokens/" + token)
        self.assertEqual(found.data, [{"service_request_id": number, "token": token}])
        self.assertEqual(get("requests/" + number).data[0]["service_request_id"], number)
        listed = get("requests", service_code=self.catalog.roads[1])
        self.assertIn(number, [r["service_request_id"] for r in listed.data])

    def test_token_xml_shape_matches_merton(self):
        token, number = self.published()
        answer = get("tokens/" + token, "xml")
        self.assertEqual(answer.status, 200)
        self.assertEqual(xml_paths(answer.root),
                         sample_paths("merton_token_lookup.xml") |
                         {"service_requests/request/token"})
        self.assertEqual(answer.root.findtext("request/service_request_id"), number)

    def test_unknown_token(self):
        self.assert_json_error(get("tokens/" + "A" * 22), 404)
        self.assert_json_error(get("tokens/short"), 404)

    def test_token_of_other_gmina(self):
        token = self.published()[0]
        self.assert_json_error(get("tokens/" + token, jurisdiction_id=OTHER_TERC), 404)

    def test_request_of_other_gmina(self):
        number = self.published()[1]
        self.assert_json_error(get("requests/" + number, jurisdiction_id=OTHER_TERC), 404)

    def test_non_public_category_invisible(self):
        token, number = self.published()
        sql("UPDATE report SET category_id = %s WHERE open311_token = %s",
            self.catalog.private[0], token)
        self.assert_json_error(get("requests/" + number), 404)
        self.assertEqual(get("tokens/" + token).data, [{"token": token}])
        self.assertEqual(get("requests", service_code=self.catalog.private[1]).data, [])
        self.assertEqual(get("requests", service_request_id=number).data, [])

    def test_hidden_report_invisible(self):
        token, number = self.published()
        sql("UPDATE report SET hidden = 1 WHERE open311_token = %s", token)
        self.assert_json_error(get("requests/" + number), 404)
        self.assertEqual(get("requests", service_request_id=number).data, [])
        self.assertEqual(get("tokens/" + token).data, [{"token": token}])


class RequestFieldsTest(Open311TestCase):
    def test_fields_of_public_report(self):
        token, number = self.published(address_string="ul. Kartuska 21",
                                       lat="54.3", long="18.12345678")
        add_event(number, "2026-11-19 10:00:00", "Przekazano do wydziału.", kind="status",
                  to_status="forwarded")
        add_event(number, "2026-11-19 11:00:00", "Notatka wewnętrzna: kontakt z wykonawcą.",
                  is_public=0, kind="note")
        answer = get("requests/" + number)
        self.assert_requests_valid(answer)
        item = answer.data[0]
        self.assertEqual(item["status"], "open")
        self.assertEqual(item["status_notes"], "Przekazano do wydziału.")
        self.assertEqual(item["service_code"], self.catalog.roads[1])
        self.assertEqual(item["service_name"], "Dziura w jezdni")
        self.assertEqual(item["agency_responsible"], self.catalog.unit_name)
        self.assertEqual(item["address"], "ul. Kartuska 21")
        self.assertEqual(item["requested_datetime"], "2026-11-20T11:00:00+01:00")
        self.assertEqual(item["updated_datetime"], "2026-11-20T11:00:00+01:00")
        self.assertEqual(item["expected_datetime"], "2026-11-26T10:00:00+01:00")
        self.assertNotIn("media_url", item)
        self.assertNotIn("Notatka", answer.text)
        # Coordinates are numbers written with six fixed decimals.
        self.assertIn('"lat":54.300000', answer.text)
        self.assertIn('"long":18.123457', answer.text)
        self.assertEqual(item["lat"], 54.3)

    def test_media_url_first_visible_photo(self):
        token, number = self.published()
        report_id = report_row(token)[0]
        hidden, first, second = (secrets.token_urlsafe(16)[:22] for _ in range(3))
        for photo, order, is_hidden in ((hidden, 0, 1), (first, 1, 0), (second, 2, 0)):
            sql("INSERT INTO report_photo (tenant_id, report_id, token, width, height, bytes,"
                " hidden, sort_order, created_at) VALUES (%s, %s, %s, 800, 600, 1000, %s, %s,"
                " '2026-11-20 10:00:00')", tenant_id(TERC), report_id, photo, is_hidden, order)
        answer = get("requests/" + number)
        self.assert_requests_valid(answer)
        expected = "%s/gmina/%s/zgloszenia/%s/zdjecie/%s" % (
            read_config()["base_url"].rstrip("/"), TERC, number, first)
        self.assertEqual(answer.data[0]["media_url"], expected)
        xml = get("requests/" + number, "xml")
        self.assertEqual(xml.root.findtext("request/media_url"), expected)
        sql("UPDATE report_photo SET hidden = 1 WHERE report_id = %s", report_id)
        self.assertNotIn("media_url", get("requests/" + number).data[0])

    def test_closed_statuses(self):
        for status, expected in (("done", "closed"), ("rejected", "closed"),
                                 ("out_of_scope", "closed"), ("in_progress", "open"),
                                 ("forwarded", "open")):
            with self.subTest(status=status):
                token = self.create()
                number = confirm(token, status=status)
                self.assertEqual(get("requests/" + number).data[0]["status"], expected)

    def test_extensions_notes(self):
        token, number = self.published()
        add_event(number, "2026-11-19 12:00:00", "Ekipa na miejscu.", kind="status",
                  to_status="in_progress")
        add_event(number, "2026-11-19 12:30:00", "Wewnętrzne: koszt 300 zł.",
                  is_public=0, kind="note")
        plain = get("requests/" + number)
        self.assertNotIn("notes", plain.data[0])
        answer = get("requests/" + number, extensions="true")
        self.assert_requests_valid(answer)
        notes = answer.data[0]["notes"]
        self.assertEqual([n["type"] for n in notes], ["created", "status"])
        self.assertEqual(notes[1]["description"], "Ekipa na miejscu.")
        self.assertEqual(notes[1]["status"], "open")
        self.assertEqual(notes[1]["datetime"], "2026-11-19T13:00:00+01:00")
        self.assertNotIn("koszt", answer.text)
        xml = get("requests/" + number, "xml", extensions="true")
        self.assertEqual(len(xml.root.findall("request/notes/note")), 2)
        self.assert_json_error(get("requests/" + number, extensions="yes"), 400)

    def test_xml_request_shape(self):
        token, number = self.published()
        answer = get("requests/" + number, "xml")
        self.assertEqual(answer.status, 200)
        fields = ["service_request_id", "status", "status_notes", "service_name",
                  "service_code", "description", "agency_responsible", "service_notice",
                  "requested_datetime", "updated_datetime", "expected_datetime", "address",
                  "address_id", "zipcode", "lat", "long"]
        self.assertEqual(xml_paths(answer.root),
                         {"service_requests", "service_requests/request"} |
                         {"service_requests/request/" + f for f in fields})
        self.assertEqual(answer.root.findtext("request/lat"), "54.350000")

    def test_markup_and_emoji_round_trip(self):
        text = ("<script>alert('x')</script> & \"cudzysłów\" <b>pogrubienie</b>\n"
                "zażółć gęślą jaźń 🚧🕳️ ]]> &amp;")
        token, number = self.published(description=text)
        self.assertEqual(get("requests/" + number).data[0]["description"], text)
        xml = get("requests/" + number, "xml")
        self.assertEqual(xml.root.findtext("request/description"), text)
        self.assertNotIn("<script>", xml.text)

    def test_dst_switch_offsets(self):
        # Summer time ends on 2026-10-25 at 01:00 UTC: 02:30 happens twice in Warsaw.
        token, number = self.published(now="2026-10-24T12:00:00Z", when="2026-10-24 12:00:00")
        add_event(number, "2026-10-25 00:30:00", "Przed zmianą czasu.", kind="status",
                  to_status="forwarded")
        before = get("requests/" + number, now="2026-10-26T12:00:00Z", extensions="true")
        self.assertEqual(before.data[0]["requested_datetime"], "2026-10-24T14:00:00+02:00")
        self.assertEqual(before.data[0]["updated_datetime"], "2026-10-25T02:30:00+02:00")
        add_event(number, "2026-10-25 01:30:00", "Po zmianie czasu.", kind="status",
                  to_status="in_progress")
        after = get("requests/" + number, now="2026-10-26T12:00:00Z", extensions="true")
        self.assertEqual(after.data[0]["updated_datetime"], "2026-10-25T02:30:00+01:00")
        self.assertEqual([n["datetime"] for n in after.data[0]["notes"][1:]],
                         ["2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"])
        self.assertEqual(after.data[0]["status_notes"], "Po zmianie czasu.")


class RequestListTest(Open311TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.numbers = []
        for day in ("2026-11-15 09:00:00", "2026-11-16 09:00:00", "2026-11-17 09:00:00"):
            form = report_form(cls.key, cls.catalog, service_code=cls.catalog.plain[1])
            del form["attribute[size]"]
            answer = post(form)
            token = answer.data[0]["token"]
            sql("UPDATE report SET created_at = %s WHERE open311_token = %s", day, token)
            cls.numbers.append(confirm(token, day))
        sql("UPDATE report SET status = 'done' WHERE public_number = %s AND tenant_id = %s",
            cls.numbers[0], tenant_id(TERC))

    def listed(self, **query):
        answer = get("requests", service_code=self.catalog.plain[1], **query)
        self.assert_requests_valid(answer)
        return [r["service_request_id"] for r in answer.data]

    def test_newest_first(self):
        self.assertEqual(self.listed(), list(reversed(self.numbers)))

    def test_pages(self):
        self.assertEqual(self.listed(page_size=2), [self.numbers[2], self.numbers[1]])
        self.assertEqual(self.listed(page_size=2, page=2), [self.numbers[0]])
        self.assertEqual(self.listed(page_size=2, page=3), [])
        self.assertEqual(self.listed(page_size=1, page=3), [self.numbers[0]])
        self.assertEqual(self.listed(page_size=1000), list(reversed(self.numbers)))
        self.assertEqual(self.listed(page=1), list(reversed(self.numbers)))
        xml = get("requests", "xml", service_code=self.catalog.plain[1], page_size=2, page=3)
        self.assertEqual(xml.status, 200)
        self.assertEqual(xml.root.tag, "service_requests")
        self.assertEqual(len(xml.root), 0)

    def test_page_errors(self):
        for query in ({"page_size": "0"}, {"page_size": "1001"}, {"page_size": "-1"},
                      {"page": "0"}, {"page": "x"}, {"page": "1000001"}, {"page_size": ""}):
            with self.subTest(query=query):
                answer = get("requests", service_code=self.catalog.plain[1], **query)
                if query.get("page_size") == "":
                    self.assertEqual(answer.status, 200)   # an empty field is not given
                else:
                    self.assert_json_error(answer, 400)

    def test_status_filter(self):
        self.assertEqual(self.listed(status="closed"), [self.numbers[0]])
        self.assertEqual(self.listed(status="open"), [self.numbers[2], self.numbers[1]])
        self.assertEqual(self.listed(status="open,closed"), list(reversed(self.numbers)))
        self.assert_json_error(get("requests", status="done"), 400)

    def test_date_filters(self):
        self.assertEqual(self.listed(start_date="2026-11-16T00:00:00+01:00"),
                         [self.numbers[2], self.numbers[1]])
        self.assertEqual(self.listed(end_date="2026-11-16T00:00:00Z"), [self.numbers[0]])
        self.assertEqual(self.listed(start_date="2026-11-16T00:00:00Z",
                                     end_date="2026-11-17T00:00:00Z"), [self.numbers[1]])
        # The default window is the 90 days before now.
        self.assertEqual(self.listed(), list(reversed(self.numbers)))
        self.assertEqual(get("requests", now="2027-03-01T00:00:00Z",
                             service_code=self.catalog.plain[1]).data, [])

    def test_date_range_limit(self):
        ok = get("requests", start_date="2026-08-22T09:00:00Z", end_date="2026-11-20T09:00:00Z")
        self.assertEqual(ok.status, 200)
        self.assert_json_error(get("requests", start_date="2026-08-22T08:59:59Z",
                                   end_date="2026-11-20T09:00:00Z"), 400)
        self.assert_xml_error(get("requests", "xml", start_date="2026-01-01T00:00:00Z",
                                  end_date="2026-11-20T00:00:00Z"), 400)
        self.assert_json_error(get("requests", start_date="2026-11-20T00:00:00Z",
                                   end_date="2026-11-19T00:00:00Z"), 400)
        self.assert_json_error(get("requests", start_date="yesterday"), 400)

    def test_id_list(self):
        answer = get("requests", service_request_id=",".join(self.numbers[:2]))
        self.assertEqual(sorted(r["service_request_id"] for r in answer.data),
                         sorted(self.numbers[:2]))
        # A list of ids overrides the other filters.
        answer = get("requests", service_request_id=self.numbers[0], status="open")
        self.assertEqual([r["service_request_id"] for r in answer.data], [self.numbers[0]])
        self.assert_json_error(get("requests", service_request_id="1; DROP"), 400)

    def test_unknown_request(self):
        self.assert_json_error(get("requests/2026-999999"), 404)
        self.assert_xml_error(get("requests/2026-999999", "xml"), 404)

    def test_list_xml_well_formed(self):
        answer = get("requests", "xml", service_code=self.catalog.plain[1])
        self.assertEqual(answer.status, 200)
        self.assertEqual([r.findtext("service_request_id") for r in answer.root],
                         list(reversed(self.numbers)))


class ApiKeyCommandTest(unittest.TestCase):
    def test_create_list_revoke(self):
        name = "Aplikacja miejska %s" % secrets.token_hex(3)
        key_id, key = new_key(name=name)
        self.assertRegex(key, r"^[A-Za-z0-9_-]{22}$")
        stored = sql("SELECT key_hash, name FROM api_key WHERE id = %s", key_id)[0]
        self.assertEqual(stored, [hashlib.sha256(key.encode()).hexdigest(), name])
        status, out, _ = ctl("api-key", "list", "--gmina", TERC)
        self.assertEqual(status, 0)
        line = [l for l in out.splitlines() if l.startswith(key_id + "\t")][0]
        self.assertIn(name, line)
        self.assertTrue(line.endswith("active"))
        self.assertNotIn(key, out)
        status, out, _ = ctl("api-key", "revoke", "--gmina", TERC, "--id", key_id)
        self.assertEqual(status, 0)
        status, out, _ = ctl("api-key", "list", "--gmina", TERC)
        line = [l for l in out.splitlines() if l.startswith(key_id + "\t")][0]
        self.assertTrue(line.endswith("revoked"))

    def test_revoke_key_of_other_gmina(self):
        key_id, _ = new_key(OTHER_TERC)
        status, _, err = ctl("api-key", "revoke", "--gmina", TERC, "--id", key_id)
        self.assertEqual(status, 1)
        self.assertIn(key_id, err)
        self.assertEqual(sql("SELECT revoked_at IS NULL FROM api_key WHERE id = %s",
                             key_id)[0][0], "1")

    def test_bad_arguments(self):
        self.assertEqual(ctl("api-key", "create", "--gmina", TERC)[0], 1)
        self.assertEqual(ctl("api-key", "rotate", "--gmina", TERC)[0], 2)
        self.assertEqual(ctl("api-key", "list")[0], 2)
        self.assertEqual(ctl("api-key", "create", "--gmina", "9999999", "--name", "x")[0], 1)


if __name__ == "__main__":
    unittest.main()
