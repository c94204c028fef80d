"""Back-office actions on a report: moderation, the move table, merge, assignment,
transfer, notes, public updates with templates, hiding, concurrent forms, escaping.

Every test makes reports of its own in the test gmina of office_fixtures and checks
the report row, its history (report_event) and the notices queued in the outbox.
"""

import os
import re
import unittest

import office_fixtures as fx

GMINA = None
SCRIPT = '<script>alert("x")</script><b>pogrubione</b>'
POLISH = "Zażółć gęślą jaźń — ŻÓŁW 🚧🕳️"


def setUpModule():
    global GMINA
    missing = [name for name in ("RATUSZ_URL", "RATUSZ_CONFIG", "RATUSZ_DB_SOCKET")
               if not os.environ.get(name)]
    if missing:
        raise RuntimeError("missing environment: %s (tools/dev test sets it)"
                           % ", ".join(missing))
    GMINA = fx.Gmina()


def tearDownModule():
    fx.remove_all()


def options(page, select_name):
    select = page.tree().find("select", name=select_name)
    return [o.attrs.get("value") for o in select.find_all("option")] if select else []


class ActionTestCase(unittest.TestCase):
    def open(self, persona, number):
        """GET the report page as persona; returns (client, page)."""
        c = fx.Client(persona)
        page = c.get(GMINA.path(number))
        self.assertEqual(page.status, 200, page.text[:300])
        return c, page

    def act(self, persona, number, action, form=None, expect=303):
        c, page = self.open(persona, number)
        body = dict(form or {}, version=page.form_version())
        result = c.post(GMINA.path(number, action), body)
        self.assertEqual(result.status, expect, result.main_text()[:400])
        return result


class ModerationTest(ActionTestCase):
    def test_confirm_publishes_with_deadline(self):
        report, number = GMINA.report(description="Do potwierdzenia")
        result = self.act(GMINA.coordinator, number, "potwierdz")
        self.assertEqual(result.header("Location"),
                         GMINA.path(number) + "?done=confirmed")
        row = fx.report_row(report)
        self.assertEqual(row["status"], "verified")
        self.assertEqual(row["confirmed_at"], "2026-03-10 10:00:00")
        # Dziura w jezdni: 7 days from confirmation.
        self.assertEqual(row["deadline_at"], "2026-03-17 10:00:00")
        last = fx.events(report)[-1]
        self.assertEqual((last["kind"], last["from_status"], last["to_status"]),
                         ("status", "new", "verified"))
        self.assertTrue(last["is_public"])
        self.assertEqual(last["actor_id"], GMINA.coordinator)
        page = fx.Client(GMINA.coordinator).get(GMINA.path(number) + "?done=confirmed")
        self.assertIn("Zgłoszenie potwierdzone i opublikowane.", page.main_text())

    def test_confirm_notifies_author(self):
        report, number = GMINA.report(description="Powiadom autora")
        self.act(GMINA.coordinator, number, "potwierdz")
        event = fx.events(report)[-1]["id"]
        follower = int(fx.scalar("SELECT id FROM report_follower WHERE report_id = %s",
                                 report))
        self.assertEqual(fx.notices(report, event), [(follower, report, event)])

    def test_operator_cannot_confirm(self):
        report, number = GMINA.report(description="Operator nie moderuje")
        c, page = self.open(GMINA.op_roads, number)
        self.assertIsNone(page.tree().find("form", cls="confirm"))
        result = c.post(GMINA.path(number, "potwierdz"), {"version": page.form_version()})
        self.assertEqual(result.status, 403)
        self.assertIn("Nie możesz wykonać tej zmiany statusu", result.main_text())
        self.assertEqual(fx.report_row(report)["status"], "new")
        self.assertEqual(len(fx.events(report)), 1)

    def test_edit_keeps_original(self):
        report, number = GMINA.report(description="Oryginał z numerem telefonu 600100200",
                                      address="ul. Stara 1")
        self.act(GMINA.coordinator, number, "edycja",
                 {"description": "Opis bez danych osobowych", "address": "ul. Stara 1A"})
        row = fx.report_row(report)
        self.assertEqual(row["description"], "Opis bez danych osobowych")
        self.assertEqual(row["address_text"], "ul. Stara 1A")
        last = fx.events(report)[-1]
        self.assertEqual(last["kind"], "edited")
        self.assertFalse(last["is_public"])
        self.assertEqual(last["previous"], {
            "description": "Oryginał z numerem telefonu 600100200",
            "address_text": "ul. Stara 1"})
        page = fx.Client(GMINA.coordinator).get(GMINA.path(number))
        previous = page.tree().find("details", cls="previous")
        self.assertIn("Oryginał z numerem telefonu 600100200", previous.text())

    def test_edit_empty_description_keeps_input(self):
        report, number = GMINA.report(description="Nie wolno wyczyścić")
        result = self.act(GMINA.coordinator, number, "edycja",
                          {"description": "", "address": "Adres wpisany 🏠"}, expect=400)
        self.assertIn("Opis nie może być pusty.", result.main_text())
        self.assertEqual(result.tree().find("input", name="address").attrs["value"],
                         "Adres wpisany 🏠")
        self.assertEqual(fx.report_row(report)["description"], "Nie wolno wyczyścić")

    def test_operator_cannot_edit(self):
        report, number = GMINA.report(description="Operator nie poprawia")
        self.act(GMINA.op_roads, number, "edycja", {"description": "Zmiana"}, expect=403)
        self.assertEqual(fx.report_row(report)["description"], "Operator nie poprawia")

    def test_reject_needs_reason(self):
        report, number = GMINA.report(description="Do odrzucenia")
        result = self.act(GMINA.coordinator, number, "odrzuc", {"reject_reason": "  "},
                          expect=400)
        self.assertIn("Podaj powód odrzucenia.", result.main_text())
        self.assertEqual(fx.report_row(report)["status"], "new")
        self.act(GMINA.coordinator, number, "odrzuc",
                 {"reject_reason": "Zgłoszenie dotyczy drogi wojewódzkiej."})
        row = fx.report_row(report)
        self.assertEqual(row["status"], "rejected")
        self.assertIsNone(row["confirmed_at"])
        self.assertIsNotNone(row["closed_at"])
        last = fx.events(report)[-1]
        self.assertEqual(last["body"], "Zgłoszenie dotyczy drogi wojewódzkiej.")
        # Rejected in moderation: never public, so nothing goes to followers.
        self.assertFalse(last["is_public"])
        self.assertEqual(fx.notices(report), [])


class MoveTableTest(ActionTestCase):
    def test_operator_offered_only_table_moves(self):
        _, number = GMINA.published(status="forwarded", description="Przekazane")
        _, page = self.open(GMINA.op_roads, number)
        self.assertEqual(sorted(options(page, "to")),
                         ["done", "in_progress", "out_of_scope"])
        self.assertIsNone(page.tree().find("form", cls="merge"))

    def test_coordinator_offered_more(self):
        _, number = GMINA.published(status="forwarded", description="Przekazane 2")
        _, page = self.open(GMINA.coordinator, number)
        self.assertEqual(sorted(options(page, "to")),
                         ["done", "in_progress", "out_of_scope", "rejected"])
        self.assertIsNotNone(page.tree().find("form", cls="merge"))

    def test_operator_moves_into_work(self):
        report, number = GMINA.published(status="forwarded", description="Do pracy")
        self.act(GMINA.op_roads, number, "status",
                 {"to": "in_progress", "text": "Ekipa wyjedzie w czwartek."})
        self.assertEqual(fx.report_row(report)["status"], "in_progress")
        last = fx.events(report)[-1]
        self.assertEqual((last["from_status"], last["to_status"], last["actor_id"]),
                         ("forwarded", "in_progress", GMINA.op_roads))
        self.assertEqual(last["body"], "Ekipa wyjedzie w czwartek.")
        self.assertEqual(len(fx.notices(report, last["id"])), 1)

    def test_forged_forbidden_moves_refused(self):
        cases = [
            # (status, persona, forbidden target)
            ("forwarded", GMINA.op_roads, "rejected"),
            ("forwarded", GMINA.op_roads, "verified"),
            ("done", GMINA.op_roads, "in_progress"),
            ("rejected", GMINA.coordinator, "verified"),
            ("in_progress", GMINA.op_roads, "forwarded"),
        ]
        for status, persona, target in cases:
            with self.subTest(status=status, target=target):
                report, number = GMINA.published(status=status, description="Zakazane")
                _, page = self.open(persona, number)
                self.assertNotIn(target, options(page, "to"))
                result = self.act(persona, number, "status",
                                  {"to": target, "text": "Podrobione"}, expect=403)
                self.assertIn("Nie możesz wykonać tej zmiany statusu", result.main_text())
                self.assertEqual(fx.report_row(report)["status"], status)
                self.assertEqual(len(fx.events(report)), 1)

    def test_other_unit_operator_cannot_move(self):
        report, number = GMINA.published(status="forwarded", description="Cudze")
        c = fx.Client(GMINA.op_green)
        result = c.post(GMINA.path(number, "status"), {"to": "done", "version": "1"})
        self.assertEqual(result.status, 404)
        self.assertEqual(fx.report_row(report)["status"], "forwarded")

    def test_admin_reopens_rejected(self):
        report, number = GMINA.published(status="rejected", description="Do wznowienia",
                                         created_at="2026-03-01 09:00:00")
        self.act(GMINA.admin, number, "status", {"to": "verified"})
        row = fx.report_row(report)
        self.assertEqual(row["status"], "verified")
        self.assertIsNone(row["closed_at"])

    def test_duplicate_only_through_merge(self):
        report, number = GMINA.published(description="Nie przez status")
        result = self.act(GMINA.coordinator, number, "status", {"to": "duplicate"},
                          expect=400)
        self.assertIn("użyj formularza scalania", result.main_text())
        self.assertEqual(fx.report_row(report)["status"], "verified")

    def test_unknown_status_rejected(self):
        report, number = GMINA.published(description="Nieznany status")
        self.act(GMINA.coordinator, number, "status", {"to": "archived"}, expect=400)
        self.assertEqual(fx.report_row(report)["status"], "verified")


class MergeTest(ActionTestCase):
    def test_merge_notifies_followers_of_both(self):
        original, original_number = GMINA.published(
            description="Pierwotne", follower_email="obserwator.oryginalu@example.pl")
        duplicate, number = GMINA.published(
            author=GMINA.resident, description="Duplikat",
            follower_email="obserwator.duplikatu@example.pl")
        _, page = self.open(GMINA.coordinator, number)
        candidates = [o.attrs["value"] for o in page.tree().find("datalist").find_all("option")]
        self.assertIn(original_number, candidates)
        self.act(GMINA.coordinator, number, "scal",
                 {"original": original_number, "text": "To samo miejsce."})
        row = fx.report_row(duplicate)
        self.assertEqual(row["status"], "duplicate")
        self.assertEqual(row["duplicate_of"], str(original))
        followers = {r[0] for r in fx.sql(
            "SELECT COALESCE(account_id, email) FROM report_follower WHERE report_id = %s",
            original)}
        self.assertEqual(followers, {str(GMINA.author), str(GMINA.resident),
                                     "obserwator.oryginalu@example.pl",
                                     "obserwator.duplikatu@example.pl"})
        merged = [e for e in fx.events(original) if e["kind"] == "merged"]
        self.assertEqual(len(merged), 1)
        notified = {f for f, _, _ in fx.notices(original, merged[0]["id"])}
        self.assertEqual(len(notified), 4)
        status_event = fx.events(duplicate)[-1]
        self.assertEqual(len(fx.notices(duplicate, status_event["id"])), 2)

    def test_merge_unknown_number(self):
        report, number = GMINA.published(description="Bez oryginału")
        result = self.act(GMINA.coordinator, number, "scal", {"original": "2026-777777"},
                          expect=400)
        self.assertIn("Nie znaleziono zgłoszenia o podanym numerze", result.main_text())
        self.assertEqual(result.tree().find("input", name="original").attrs["value"],
                         "2026-777777")
        self.assertEqual(fx.report_row(report)["status"], "verified")

    def test_merge_into_itself_refused(self):
        report, number = GMINA.published(description="Sam ze sobą")
        self.act(GMINA.coordinator, number, "scal", {"original": number}, expect=400)
        self.assertEqual(fx.report_row(report)["status"], "verified")

    def test_operator_cannot_merge(self):
        _, original_number = GMINA.published(description="Oryginał operatora")
        report, number = GMINA.published(description="Operator nie scala")
        result = self.act(GMINA.op_roads, number, "scal", {"original": original_number},
                          expect=403)
        self.assertIn("Nie możesz wykonać tej zmiany statusu", result.main_text())
        self.assertEqual(fx.report_row(report)["status"], "verified")
        self.assertIsNone(fx.report_row(report)["duplicate_of"])

    def test_merge_into_unpublished_refused(self):
        _, new_number = GMINA.report(description="Jeszcze nowe")
        report, number = GMINA.published(description="Do nowego")
        self.act(GMINA.coordinator, number, "scal", {"original": new_number}, expect=403)
        self.assertEqual(fx.report_row(report)["status"], "verified")


class AssignTransferTest(ActionTestCase):
    def test_assign_and_unassign(self):
        report, number = GMINA.published(status="forwarded", description="Przydział")
        _, page = self.open(GMINA.op_roads, number)
        self.assertEqual(options(page, "assignee"),
                         ["", str(GMINA.op_roads), str(GMINA.op_roads2)])
        self.act(GMINA.op_roads, number, "przydziel", {"assignee": str(GMINA.op_roads2)})
        self.assertEqual(fx.report_row(report)["assignee_id"], str(GMINA.op_roads2))
        last = fx.events(report)[-1]
        self.assertEqual((last["kind"], last["is_public"], last["body"]),
                         ("assigned", False, "Piotr Drogowy"))
        self.assertEqual(fx.notices(report, last["id"]), [])
        self.act(GMINA.op_roads, number, "przydziel", {})
        self.assertIsNone(fx.report_row(report)["assignee_id"])
        self.assertEqual(fx.events(report)[-1]["previous"],
                         {"assignee_id": GMINA.op_roads2})

    def test_assign_outside_unit_refused(self):
        report, number = GMINA.published(description="Obcy wykonawca")
        result = self.act(GMINA.coordinator, number, "przydziel",
                          {"assignee": str(GMINA.op_green)}, expect=400)
        self.assertIn("nie pracuje w jednostce", result.main_text())
        self.assertIsNone(fx.report_row(report)["assignee_id"])

    def test_transfer_needs_reason(self):
        report, number = GMINA.published(description="Przekazanie")
        result = self.act(GMINA.op_roads, number, "przekaz",
                          {"unit": str(GMINA.green), "transfer_reason": ""}, expect=400)
        self.assertIn("Podaj powód przekazania.", result.main_text())
        self.assertEqual(fx.report_row(report)["unit_id"], str(GMINA.roads))

    def test_transfer_moves_access(self):
        report, number = GMINA.published(description="Drzewo na jezdni",
                                         assignee=GMINA.op_roads)
        self.act(GMINA.op_roads, number, "przekaz",
                 {"unit": str(GMINA.green), "transfer_reason": "Dotyczy drzewa."})
        row = fx.report_row(report)
        self.assertEqual(row["unit_id"], str(GMINA.green))
        self.assertIsNone(row["assignee_id"])
        last = fx.events(report)[-1]
        self.assertEqual((last["kind"], last["is_public"], last["body"]),
                         ("transferred", False, "Dotyczy drzewa."))
        self.assertEqual((last["from_unit"], last["to_unit"]), (GMINA.roads, GMINA.green))
        self.assertEqual(fx.Client(GMINA.op_roads).get(GMINA.path(number)).status, 404)
        page = fx.Client(GMINA.op_green).get(GMINA.path(number))
        self.assertEqual(page.status, 200)
        self.assertIn("Wydział Dróg → Referat Zieleni", page.main_text())

    def test_transfer_to_inactive_unit_refused(self):
        report, number = GMINA.published(description="Nieczynny referat")
        self.act(GMINA.coordinator, number, "przekaz",
                 {"unit": str(GMINA.retired), "transfer_reason": "x"}, expect=400)
        self.act(GMINA.coordinator, number, "przekaz",
                 {"unit": str(GMINA.other_unit), "transfer_reason": "x"}, expect=400)
        self.assertEqual(fx.report_row(report)["unit_id"], str(GMINA.roads))

    def test_transfer_clears_triage(self):
        report, number = GMINA.report(unit=GMINA.triage, needs_triage=True,
                                      description="Na granicy")
        self.act(GMINA.coordinator, number, "przekaz",
                 {"unit": str(GMINA.roads), "transfer_reason": "Droga gminna."})
        self.assertEqual(fx.report_row(report)["needs_triage"], "0")


class NotesUpdatesTest(ActionTestCase):
    def test_note_internal_everywhere(self):
        report, number = GMINA.published(description="Notatka", author=GMINA.author,
                                         follower_email="ciekawski@example.pl")
        note = "Wewnętrzne: wykonawca spóźniony " + POLISH
        self.act(GMINA.op_roads, number, "notatka", {"note": note})
        last = fx.events(report)[-1]
        self.assertEqual((last["kind"], last["is_public"], last["body"]),
                         ("note", False, note))
        self.assertEqual(fx.notices(report, last["id"]), [])
        self.assertIn(note, fx.Client(GMINA.op_roads).get(GMINA.path(number)).main_text())
        # The author and other residents have no way into the office page.
        self.assertEqual(fx.Client(GMINA.author).get(GMINA.path(number)).status, 403)
        for path in ("/gmina/%s/zgloszenia/%s" % (fx.OFFICE_TERC, number),
                     "/gmina/%s/zgloszenia" % fx.OFFICE_TERC):
            for persona in (None, GMINA.author):
                with self.subTest(path=path, persona=persona):
                    page = fx.Client(persona).get(path)
                    self.assertNotIn("wykonawca spóźniony", page.text)

    def test_update_public_and_notified(self):
        report, number = GMINA.published(description="Odpowiedź",
                                         follower_email="sasiadka@example.pl")
        text = "Naprawa zaplanowana na przyszły tydzień. " + POLISH
        self.act(GMINA.op_roads, number, "odpowiedz", {"update": text})
        last = fx.events(report)[-1]
        self.assertEqual((last["kind"], last["is_public"], last["body"]),
                         ("update", True, text))
        self.assertEqual(len(fx.notices(report, last["id"])), 2)

    def test_update_of_unpublished_not_sent(self):
        report, number = GMINA.report(description="Jeszcze nowe")
        self.act(GMINA.coordinator, number, "odpowiedz", {"update": "Sprawdzamy."})
        self.assertEqual(fx.notices(report), [])

    def test_template_inserted_for_editing(self):
        fx.sql("INSERT INTO response_template (tenant_id, unit_id, title, body)"
               " VALUES (%s, %s, %s, %s), (%s, NULL, %s, %s), (%s, %s, %s, %s)",
               GMINA.tenant, GMINA.roads, "Ubytek naprawiony", "Ubytek został naprawiony. "
               + SCRIPT, GMINA.tenant, "Dziękujemy", "Dziękujemy za zgłoszenie.",
               GMINA.tenant, GMINA.green, "Zieleń", "Tekst zieleni")
        template = fx.scalar("SELECT id FROM response_template WHERE title ="
                             " 'Ubytek naprawiony' AND tenant_id = %s", GMINA.tenant)
        _, number = GMINA.published(description="Szablon")
        c, page = self.open(GMINA.op_roads, number)
        titles = [o.text() for o in page.tree().find("select", name="template")
                  .find_all("option")]
        self.assertEqual(titles, ["Ubytek naprawiony", "Dziękujemy"])
        page = c.get(GMINA.path(number) + "?template=" + template)
        self.assertEqual(page.status, 200)
        textarea = page.tree().find("textarea", name="update")
        self.assertEqual(textarea.text(), "Ubytek został naprawiony. " + SCRIPT)
        self.assertNotIn("<script>", page.text)
        self.assertIn("&lt;script&gt;", page.text)

    def test_empty_note_refused(self):
        report, number = GMINA.published(description="Pusta notatka")
        result = self.act(GMINA.op_roads, number, "notatka", {"note": "   "}, expect=400)
        self.assertIn("Wpisz treść notatki.", result.main_text())
        self.assertEqual(len(fx.events(report)), 1)

    def test_multiline_note_kept(self):
        report, number = GMINA.published(description="Wiele linii")
        note = "Pierwsza linia\r\nDruga linia\rTrzecia\n\twcięta"
        self.act(GMINA.op_roads, number, "notatka", {"note": note})
        # Line breaks are stored as LF, whatever the browser sent.
        self.assertEqual(fx.events(report)[-1]["body"],
                         "Pierwsza linia\nDruga linia\nTrzecia\n\twcięta")

    def test_long_note_refused(self):
        report, number = GMINA.published(description="Za długo")
        c, page = self.open(GMINA.op_roads, number)
        result = c.post(GMINA.path(number, "notatka"),
                        {"note": "ż" * 4001, "version": page.form_version()})
        self.assertEqual(result.status, 400)
        self.assertEqual(len(fx.events(report)), 1)


class ConcurrencyTest(ActionTestCase):
    def test_second_form_refused_and_text_kept(self):
        report, number = GMINA.published(description="Dwa formularze")
        first, first_page = self.open(GMINA.op_roads, number)
        second, second_page = self.open(GMINA.op_roads2, number)
        version = first_page.form_version()
        self.assertEqual(version, second_page.form_version())
        ok = first.post(GMINA.path(number, "przydziel"),
                        {"assignee": str(GMINA.op_roads), "version": version})
        self.assertEqual(ok.status, 303)
        stale = second.post(GMINA.path(number, "notatka"),
                            {"note": "Moja notatka " + POLISH, "version": version})
        self.assertEqual(stale.status, 409)
        self.assertIn("Ktoś inny zmienił to zgłoszenie", stale.main_text())
        self.assertEqual(stale.tree().find("textarea", name="note").text(),
                         "Moja notatka " + POLISH)
        # The page shows the new state and the new version, so a resend succeeds.
        self.assertEqual(stale.form_version(), str(int(version) + 1))
        self.assertEqual([e["kind"] for e in fx.events(report)], ["created", "assigned"])
        again = second.post(GMINA.path(number, "notatka"),
                            {"note": "Moja notatka", "version": stale.form_version()})
        self.assertEqual(again.status, 303)

    def test_stale_move_refused(self):
        report, number = GMINA.published(status="forwarded", description="Dwa statusy")
        first, page = self.open(GMINA.coordinator, number)
        version = page.form_version()
        self.assertEqual(first.post(GMINA.path(number, "status"),
                                    {"to": "in_progress", "version": version}).status, 303)
        stale = first.post(GMINA.path(number, "status"),
                           {"to": "done", "text": "Gotowe", "version": version})
        self.assertEqual(stale.status, 409)
        self.assertEqual(fx.report_row(report)["status"], "in_progress")
        self.assertEqual(stale.tree().find("textarea", name="text").text(), "Gotowe")


class HidingTest(ActionTestCase):
    def test_hide_and_unhide_report(self):
        report, number = GMINA.published(description="Do ukrycia")
        version_before = int(fx.scalar("SELECT report_version FROM tenant WHERE id = %s",
                                       GMINA.tenant))
        self.act(GMINA.coordinator, number, "ukryj")
        self.assertEqual(fx.report_row(report)["hidden"], "1")
        self.assertGreater(int(fx.scalar("SELECT report_version FROM tenant WHERE id = %s",
                                         GMINA.tenant)), version_before)
        self.act(GMINA.coordinator, number, "ukryj", expect=409)
        self.act(GMINA.coordinator, number, "odkryj")
        self.assertEqual(fx.report_row(report)["hidden"], "0")
        self.assertEqual([e["kind"] for e in fx.events(report)][-2:], ["hidden", "unhidden"])
        self.assertFalse(any(e["is_public"] for e in fx.events(report)[-2:]))

    def test_operator_cannot_hide(self):
        report, number = GMINA.published(description="Operator nie ukrywa")
        self.act(GMINA.op_roads, number, "ukryj", expect=403)
        self.assertEqual(fx.report_row(report)["hidden"], "0")

    def test_hide_and_unhide_photo(self):
        report, number = GMINA.published(description="Zdjęcie")
        fx.sql("INSERT INTO report_photo (tenant_id, report_id, token, width, height,"
               " bytes, created_at) VALUES (%s, %s, 'hidephotohidephotohide', 800, 600, 1,"
               " UTC_TIMESTAMP())", GMINA.tenant, report)
        photo = fx.scalar("SELECT id FROM report_photo WHERE report_id = %s", report)
        self.act(GMINA.coordinator, number, "zdjecia/%s/ukryj" % photo)
        self.assertEqual(fx.scalar("SELECT hidden FROM report_photo WHERE id = %s", photo),
                         "1")
        page = fx.Client(GMINA.coordinator).get(GMINA.path(number))
        item = page.tree().find("li", cls="photo")
        self.assertIn("ukryte", item.text())
        self.act(GMINA.coordinator, number, "zdjecia/%s/ukryj" % photo, expect=409)
        self.act(GMINA.coordinator, number, "zdjecia/%s/odkryj" % photo)
        self.assertEqual(fx.scalar("SELECT hidden FROM report_photo WHERE id = %s", photo),
                         "0")
        kinds = [(e["kind"], e["body"]) for e in fx.events(report)][-2:]
        self.assertEqual(kinds, [("photo_hidden", photo), ("photo_unhidden", photo)])

    def test_photo_of_another_report_404(self):
        other, _ = GMINA.published(description="Cudze zdjęcie")
        fx.sql("INSERT INTO report_photo (tenant_id, report_id, token, width, height,"
               " bytes, created_at) VALUES (%s, %s, 'otherphotootherphotoot', 8, 6, 1,"
               " UTC_TIMESTAMP())", GMINA.tenant, other)
        photo = fx.scalar("SELECT id FROM report_photo WHERE report_id = %s", other)
        report, number = GMINA.published(description="Bez zdjęć")
        self.act(GMINA.coordinator, number, "zdjecia/%s/ukryj" % photo, expect=404)
        self.assertEqual(fx.scalar("SELECT hidden FROM report_photo WHERE id = %s", photo),
                         "0")


class ExtraFieldsTest(ActionTestCase):
    def test_fields_shown_with_labels(self):
        category = fx.create_category(GMINA.tenant, "znaki", "Znaki drogowe", GMINA.roads)
        for code, kind, label, order in (("pas", "singlevaluelist", "Pas ruchu", 2),
                                         ("wysokosc", "number", "Wysokość (cm)", 1),
                                         ("uwagi", "multivaluelist", "Zagrożenia", 3)):
            fx.sql("INSERT INTO category_field (tenant_id, category_id, code, datatype,"
                   " label_pl, label_en, sort_order) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                   GMINA.tenant, category, code, kind, label, label + " (en)", order)
        for code, key, name in (("pas", "prawy", "Prawy pas"), ("pas", "lewy", "Lewy pas"),
                                ("uwagi", "rower", "Rowerzyści"),
                                ("uwagi", "auto", "Samochody")):
            field = fx.scalar("SELECT id FROM category_field WHERE category_id = %s"
                              " AND code = %s", category, code)
            fx.sql("INSERT INTO category_field_value (tenant_id, field_id, value_key, name_pl,"
                   " name_en) VALUES (%s, %s, %s, %s, %s)", GMINA.tenant, field, key, name,
                   name + " (en)")
        attributes = ('{"uwagi": ["rower", "auto"], "pas": "prawy", "wysokosc": "120",'
                      ' "dawne": "<b>usunięte pole</b> 🚧"}')
        _, number = GMINA.report(category=category, description="Znak", attributes=attributes)
        page = fx.Client(GMINA.coordinator).get(GMINA.path(number))
        labels = [e.text() for e in page.tree().find_all("dt", cls="field")]
        values = [e.text() for e in page.tree().find_all("dd", cls="field")]
        self.assertEqual(list(zip(labels, values)), [
            ("Wysokość (cm)", "120"), ("Pas ruchu", "Prawy pas"),
            ("Zagrożenia", "Rowerzyści, Samochody"), ("dawne", "<b>usunięte pole</b> 🚧")])
        self.assertNotIn("<b>usunięte", page.text)


class LocalTimeTest(ActionTestCase):
    def test_history_times_across_spring_switch(self):
        # 29 March 2026: Warsaw moves from UTC+1 to UTC+2 at 01:00 UTC.
        report, number = GMINA.published(description="Zmiana czasu")
        for now, note in (("2026-03-29T00:30:00Z", "przed zmianą"),
                          ("2026-03-29T01:30:00Z", "po zmianie")):
            c = fx.Client(GMINA.op_roads, now=now)
            page = c.get(GMINA.path(number))
            result = c.post(GMINA.path(number, "notatka"),
                            {"note": note, "version": page.form_version()})
            self.assertEqual(result.status, 303)
        page = fx.Client(GMINA.op_roads).get(GMINA.path(number))
        times = {e.find("p", cls="body").text(): e.find("span", cls="time").text()
                 for e in page.tree().find_all("li", cls="event-note")}
        self.assertEqual(times, {"przed zmianą": "29 marca 2026, 01:30",
                                 "po zmianie": "29 marca 2026, 03:30"})


class EscapingTest(ActionTestCase):
    def test_markup_shown_as_text(self):
        report, number = GMINA.report(description="Opis " + SCRIPT,
                                      address="ul. <i>Kursywa</i>")
        self.act(GMINA.coordinator, number, "notatka", {"note": "Notatka " + SCRIPT})
        self.act(GMINA.coordinator, number, "odrzuc", {"reject_reason": "Powód " + SCRIPT})
        page = fx.Client(GMINA.coordinator).get(GMINA.path(number))
        self.assertNotIn("<script>", page.text)
        self.assertNotIn("<b>pogrubione", page.text)
        self.assertNotIn("<i>Kursywa", page.text)
        bodies = [p.text() for p in page.tree().find_all("p", cls="body")]
        self.assertIn("Notatka " + SCRIPT, bodies)
        self.assertIn("Powód " + SCRIPT, bodies)
        self.assertIn("Opis " + SCRIPT, page.tree().find("p", cls="description").text())
        listing = fx.Client(GMINA.coordinator).get(GMINA.path() + "?q=" + number)
        self.assertNotIn("<script>", listing.text)
        self.assertIn("&lt;script&gt;", listing.text)

    def test_polish_and_emoji_round_trip(self):
        report, number = GMINA.published(description=POLISH)
        self.act(GMINA.op_roads, number, "odpowiedz", {"update": POLISH})
        self.assertEqual(fx.events(report)[-1]["body"], POLISH)
        page = fx.Client(GMINA.op_roads).get(GMINA.path(number))
        self.assertIn(POLISH, page.tree().find("p", cls="description").text())
        self.assertIn(POLISH, [p.text() for p in page.tree().find_all("p", cls="body")])


if __name__ == "__main__":
    unittest.main()
