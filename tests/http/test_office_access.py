"""Authorization of every back-office route (/urzad/TERC/), CSRF and Origin checks.

Each route is requested by every persona: an anonymous visitor, the report's author,
another resident, an operator of the unit handling the report, an operator of another
unit, a coordinator of the gmina and an admin of another gmina. Posts carry a stale
row_version, so a persona that passes every check gets 409 and nothing changes.
"""

import os
import unittest
import urllib.parse

import office_fixtures as fx

GMINA = None
PHOTO = None
REPORT = None
NUMBER = None
ORIGINAL_NUMBER = None


def setUpModule():
    global GMINA, PHOTO, REPORT, NUMBER, ORIGINAL_NUMBER
    missing = [name for name in ("RATUSZ_URL", "RATUSZ_CONFIG", "RATUSZ_DB_SOCKET")
               if not os.environ.get(name)]
    if missing:
        raise RuntimeError("missing environment: %s (tools/dev test sets it)"
                           % ", ".join(missing))
    GMINA = fx.Gmina()
    _, ORIGINAL_NUMBER = GMINA.published(description="Pierwotne zgłoszenie")
    REPORT, NUMBER = GMINA.published(description="Zgłoszenie do macierzy uprawnień")
    fx.sql("INSERT INTO report_photo (tenant_id, report_id, token, width, height, bytes,"
           " created_at) VALUES (%s, %s, 'matrixphotomatrixphoto', 640, 480, 1000,"
           " UTC_TIMESTAMP())", GMINA.tenant, REPORT)
    PHOTO = int(fx.scalar("SELECT id FROM report_photo WHERE report_id = %s", REPORT))
    fx.store_photo("matrixphotomatrixphoto", PHOTO_BYTES, THUMB_BYTES)


def tearDownModule():
    fx.remove_all()


# Stored files need not be valid JPEG: the route sends them as they are.
PHOTO_BYTES = b"\xff\xd8\xff\xe0 photo of the matrix report"
THUMB_BYTES = b"\xff\xd8\xff\xe0 thumbnail"

PERSONAS = ("anonymous", "author", "resident", "unit_operator", "other_operator",
            "coordinator", "other_admin")


def client(persona):
    accounts = {"anonymous": None, "author": GMINA.author, "resident": GMINA.resident,
                "unit_operator": GMINA.op_roads, "other_operator": GMINA.op_green,
                "coordinator": GMINA.coordinator, "other_admin": GMINA.other_admin}
    return fx.Client(accounts[persona])


def post_routes():
    """(action path, form) of every POST route; each form is complete and valid."""
    return [
        ("potwierdz", {}),
        ("odrzuc", {"reject_reason": "Nie dotyczy gminy"}),
        ("status", {"to": "in_progress", "text": ""}),
        ("edycja", {"description": "Poprawiony opis", "address": "ul. Nowa 2"}),
        ("scal", {"original": ORIGINAL_NUMBER}),
        ("przydziel", {"assignee": str(GMINA.op_roads2)}),
        ("przekaz", {"unit": str(GMINA.green), "transfer_reason": "Nie nasza sprawa"}),
        ("notatka", {"note": "Notatka z macierzy"}),
        ("odpowiedz", {"update": "Odpowiedź z macierzy"}),
        ("ukryj", {}),
        ("odkryj", {}),
        ("zdjecia/%d/ukryj" % PHOTO, {}),
        ("zdjecia/%d/odkryj" % PHOTO, {}),
    ]


# POST routes that need a coordinator or admin. The other routes accept the unit's
# operators too, who then reach the version check.
MODERATION_ONLY = {"edycja", "ukryj", "odkryj", "zdjecia/%d/ukryj", "zdjecia/%d/odkryj"}


def expected_post(persona, action):
    if persona in ("anonymous", "author", "resident", "other_admin"):
        return 403
    if persona == "other_operator":
        return 404
    generic = action.replace("/%d/" % PHOTO, "/%d/")
    if persona == "unit_operator" and generic in MODERATION_ONLY:
        return 403
    return 409


EXPECTED_GET = {
    # route: statuses for the personas in PERSONAS order
    "list": (303, 403, 403, 200, 200, 200, 403),
    "csv": (303, 403, 403, 200, 200, 200, 403),
    "triage": (303, 403, 403, 403, 403, 200, 403),
    "report": (303, 403, 403, 200, 404, 200, 403),
    "photo": (303, 403, 403, 200, 404, 200, 403),
}


def get_path(route):
    return {"list": GMINA.path(), "csv": "/urzad/%s/zgloszenia.csv" % fx.OFFICE_TERC,
            "triage": "/urzad/%s/weryfikacja" % fx.OFFICE_TERC,
            "report": GMINA.path(NUMBER),
            "photo": GMINA.path(NUMBER, "zdjecia/%d" % PHOTO)}[route]


class GetMatrixTest(unittest.TestCase):
    def test_every_get_route_for_every_persona(self):
        for route, statuses in EXPECTED_GET.items():
            for persona, status in zip(PERSONAS, statuses):
                with self.subTest(route=route, persona=persona):
                    result = client(persona).get(get_path(route))
                    self.assertEqual(result.status, status, result.text[:300])

    def test_anonymous_sent_to_login_and_back(self):
        result = client("anonymous").get(GMINA.path() + "?status=open")
        location = result.header("Location")
        parts = urllib.parse.urlsplit(location)
        self.assertEqual(parts.path, "/konto/logowanie")
        self.assertEqual(urllib.parse.parse_qs(parts.query)["next"],
                         ["%s?status=open" % GMINA.path()])

    def test_other_unit_list_lacks_report(self):
        result = client("other_operator").get(GMINA.path())
        self.assertEqual(result.status, 200)
        self.assertNotIn(NUMBER, result.text)
        self.assertIn(NUMBER, client("unit_operator").get(GMINA.path()).text)

    def test_other_unit_csv_lacks_report(self):
        result = client("other_operator").get(get_path("csv"))
        self.assertEqual(result.status, 200)
        self.assertNotIn(NUMBER, result.text)

    def test_operator_of_two_gminy_sees_only_this_one(self):
        # op_roads is also an operator in the other gmina: its list there is its own.
        category = fx.create_category(GMINA.other_tenant, "sasiednie", "Sąsiednie drogi",
                                      GMINA.other_unit)
        other = fx.create_report(GMINA.other_tenant, category, GMINA.other_unit,
                                 author=GMINA.resident, description="Sąsiednia sprawa")
        result = client("unit_operator").get(GMINA.path(terc=fx.OTHER_TERC))
        self.assertEqual(result.status, 200)
        self.assertIn(other[1], result.text)
        self.assertNotIn(NUMBER, result.text)
        # The number of a report of the other gmina names nothing here.
        wrong = client("coordinator").get(GMINA.path(other[1]))
        self.assertEqual(wrong.status, 404)

    def test_unknown_gmina_and_number_404(self):
        self.assertEqual(client("coordinator").get("/urzad/9908999/zgloszenia").status, 404)
        self.assertEqual(client("coordinator").get(GMINA.path("2026-999999")).status, 404)
        self.assertEqual(client("coordinator").get(GMINA.path("nie-numer")).status, 404)

    def test_unconfirmed_email_report_hidden_from_office(self):
        _, number = GMINA.report(author=None, author_email="bez.konta@example.pl",
                                 email_confirmed=False, description="Niepotwierdzone")
        self.assertEqual(client("coordinator").get(GMINA.path(number)).status, 404)
        self.assertNotIn(number, client("coordinator").get(GMINA.path()).text)

    def test_photo_sent_to_staff(self):
        c = client("coordinator")
        photo = c.get(GMINA.path(NUMBER, "zdjecia/%d" % PHOTO))
        self.assertEqual(photo.body, PHOTO_BYTES)
        self.assertEqual(photo.header("Content-Type"), "image/jpeg")
        self.assertEqual(photo.header("Cache-Control"), "private, no-cache")
        self.assertEqual(photo.headers.get_all("X-Content-Type-Options"), ["nosniff"])
        thumb = c.get(GMINA.path(NUMBER, "zdjecia/%d?size=thumb" % PHOTO))
        self.assertEqual(thumb.body, THUMB_BYTES)
        self.assertEqual(c.get(GMINA.path(NUMBER, "zdjecia/%d?size=big" % PHOTO)).status,
                         404)
        self.assertEqual(c.get(GMINA.path(NUMBER, "zdjecia/%d" % (PHOTO + 1000))).status,
                         404)
        # A photo is reached only through its own report's number.
        self.assertEqual(c.get(GMINA.path(ORIGINAL_NUMBER, "zdjecia/%d" % PHOTO)).status,
                         404)

    def test_pages_not_cached(self):
        result = client("coordinator").get(GMINA.path(NUMBER))
        self.assertEqual(result.header("Cache-Control"), "no-store")


class PostMatrixTest(unittest.TestCase):
    def test_every_post_route_for_every_persona(self):
        before_row = fx.report_row(REPORT)
        before_events = fx.events(REPORT)
        for action, form in post_routes():
            for persona in PERSONAS:
                with self.subTest(action=action, persona=persona):
                    c = client(persona)
                    body = dict(form, version="999999")
                    result = c.post(GMINA.path(NUMBER, action), body)
                    self.assertEqual(result.status, expected_post(persona, action),
                                     result.main_text()[:300])
        self.assertEqual(fx.report_row(REPORT), before_row)
        self.assertEqual(fx.events(REPORT), before_events)
        self.assertEqual(fx.scalar("SELECT hidden FROM report_photo WHERE id = %s", PHOTO),
                         "0")

    def test_stale_answer_is_polish_sentence(self):
        result = client("coordinator").post(GMINA.path(NUMBER, "notatka"),
                                            {"note": "x", "version": "999999"})
        self.assertEqual(result.status, 409)
        self.assertIn("Ktoś inny zmienił to zgłoszenie", result.main_text())

    def test_get_of_action_is_405(self):
        result = client("coordinator").get(GMINA.path(NUMBER, "notatka"))
        self.assertEqual(result.status, 405)
        self.assertEqual(result.header("Allow"), "POST")

    def test_missing_version_is_400(self):
        result = client("coordinator").post(GMINA.path(NUMBER, "notatka"), {"note": "x"})
        self.assertEqual(result.status, 400)


class CsrfTest(unittest.TestCase):
    def setUp(self):
        self.report, self.number = GMINA.published(description="CSRF")
        self.version = fx.report_row(self.report)["row_version"]

    def note(self, **kwargs):
        form = {"note": "Notatka CSRF", "version": self.version}
        return client("coordinator").post(GMINA.path(self.number, "notatka"), form,
                                          **kwargs)

    def test_missing_token_rejected(self):
        self.assertEqual(self.note(with_csrf=False).status, 403)

    def test_wrong_token_rejected(self):
        c = client("coordinator")
        result = c.post(GMINA.path(self.number, "notatka"),
                        {"note": "x", "version": self.version, "csrf": "0" * 64})
        self.assertEqual(result.status, 403)

    def test_stale_token_keeps_text(self):
        c = client("coordinator")
        before = fx.events(self.report)
        typed = "Długa notatka: żółć 🚧 <b>bez utraty</b>"
        result = c.post(GMINA.path(self.number, "notatka"),
                        {"note": typed, "version": self.version, "csrf": "0" * 64})
        self.assertEqual(result.status, 403)
        self.assertIn("Formularz wygasł", result.main_text())
        self.assertIn("Twoje dane są poniżej", result.main_text())
        self.assertEqual(result.tree().find("textarea", id="note").text(), typed)
        self.assertIn('name="csrf" value="%s"' % c.csrf, result.text)
        self.assertEqual(fx.events(self.report), before)

    def test_foreign_origin_rejected(self):
        self.assertEqual(self.note(origin="http://evil.example").status, 403)

    def test_no_origin_no_referer_rejected(self):
        self.assertEqual(self.note(origin=None).status, 403)

    def test_token_of_another_session_rejected(self):
        other = client("coordinator")
        result = client("coordinator").post(GMINA.path(self.number, "notatka"),
                                            {"note": "x", "version": self.version,
                                             "csrf": other.csrf})
        self.assertEqual(result.status, 403)

    def test_valid_post_accepted(self):
        result = self.note()
        self.assertEqual(result.status, 303)
        self.assertEqual([e["kind"] for e in fx.events(self.report)][-1], "note")


if __name__ == "__main__":
    unittest.main()
