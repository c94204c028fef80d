"""Back-office work lists and their CSV export: who sees what, filters, counts with
Polish plurals, overdue marking by Warsaw days, keyset pages and the CSV format.

The requests run at 2026-03-10 10:00 UTC (11:00 in Warsaw).
"""

import csv
import io
import os
import re
import unittest
import urllib.parse

import office_fixtures as fx

G = None
R = {}          # name -> (id, number)
BULK = []       # (id, number) of the "Lampa" reports, in creation order


def setUpModule():
    global G
    missing = [name for name in ("RATUSZ_URL", "RATUSZ_CONFIG", "RATUSZ_DB_SOCKET")
               if not os.environ.get(name)]
    if missing:
        raise RuntimeError("missing environment: %s (tools/dev test sets it)"
                           % ", ".join(missing))
    G = fx.Gmina()
    # Deadline 2026-03-09 23:30 Warsaw: the day before "today", so overdue.
    R["overdue"] = G.published(description="Głęboka dziura przy szkole",
                               deadline_at="2026-03-09 22:30:00")
    # Deadline 2026-03-10 00:30 Warsaw (23:30 UTC the day before): due today, not overdue.
    R["due_today"] = G.published(description="Dziura na moście",
                                 deadline_at="2026-03-09 23:30:00")
    R["done_late"] = G.published(status="done", description="Załatana dziura",
                                 deadline_at="2026-03-01 10:00:00")
    R["new_roads"] = G.report(description="Nowa dziura czeka na moderację")
    R["assigned"] = G.published(status="forwarded", assignee=G.op_roads,
                                description="Przydzielona Oldze",
                                created_at="2026-02-15 12:00:00", deadline_at=None)
    R["tree"] = G.published(category=G.trees, unit=G.green, description="Złamana gałąź",
                            deadline_at="2026-04-01 10:00:00")
    R["tree_work"] = G.published(category=G.trees, unit=G.green, status="in_progress",
                                 description="Przycinka żywopłotu",
                                 deadline_at="2026-04-02 10:00:00")
    R["triage_new"] = G.report(unit=G.triage, needs_triage=True,
                               description="Poza granicą gminy")
    R["triage_open"] = G.published(unit=G.triage, needs_triage=True,
                                   description="Na granicy rejonów",
                                   deadline_at="2026-04-03 10:00:00")
    R["private"] = G.published(category=G.private, unit=G.green,
                               description="Sprawa osobista", deadline_at=None)
    R["unconfirmed"] = G.report(author=None, author_email="anonim@example.pl",
                                email_confirmed=False, description="Bez potwierdzenia")
    R["percent"] = G.published(description="Rabat 100% na łatanie",
                               deadline_at="2026-05-01 10:00:00")
    R["formula"] = G.published(description="=HYPERLINK(\"http://zly.example\",\"klik\")",
                               address="+48 600 100 200", deadline_at="2026-05-02 10:00:00")
    R["emoji"] = G.published(description="Wiersz 1: żółć 🚧\nWiersz 2: \"cudzysłów\", przecinek",
                             address="@dom", deadline_at="2026-05-03 10:00:00")
    for i in range(55):
        # Deadlines repeat and some are missing, so the deadline order needs the id too.
        deadline = None if i % 7 == 0 else "2026-06-%02d 10:00:00" % (1 + i % 5)
        BULK.append(G.published(description="Lampa nr %d nie świeci" % i,
                                deadline_at=deadline,
                                created_at="2026-01-%02d 08:00:00" % (1 + i % 28)))
    for word, count in (("Para", 2), ("Piątka", 5), ("Dwadzieścia", 22)):
        for i in range(count):
            G.published(description="%s %d" % (word, i), deadline_at=None)
    # 600 reports in one statement, more than one batch of the CSV export (500).
    G.many = fx.create_category(G.tenant, "wiaty", "Wiaty przystankowe", G.roads)
    fx.sql("INSERT INTO report (tenant_id, public_number, category_id, status, unit_id,"
           " author_id, description, email_confirmed_at, confirmed_at, deadline_at,"
           " created_at, updated_at)"
           " SELECT %s, CONCAT('2025-', LPAD(seq, 6, '0')), %s, 'verified', %s, %s,"
           " CONCAT('Wiata ', seq), '2026-03-01 09:00:00', '2026-03-02 09:00:00',"
           " IF(seq %% 3 = 0, NULL, '2026-03-20 09:00:00' + INTERVAL seq %% 11 DAY),"
           " '2026-03-01 09:00:00', '2026-03-01 09:00:00' + INTERVAL seq %% 13 HOUR"
           " FROM seq_1_to_600", G.tenant, G.many, G.roads, G.author)
    coordinator = fx.Client(G.coordinator)
    page = coordinator.get(G.path(R["formula"][1]))
    coordinator.post(G.path(R["formula"][1], "notatka"),
                     {"note": "-notatka zaczyna się minusem", "version": page.form_version()})


def tearDownModule():
    fx.remove_all()


def numbers(page):
    return [row.attrs["data-number"] for row in page.tree().find_all("tr", cls="report")]


def list_page(persona, query="", path=None):
    result = fx.Client(persona).get((path or G.path()) + ("?" + query if query else ""))
    assert result.status == 200, (result.status, result.text[:300])
    return result


def all_pages(persona, query):
    """Follow the "next page" links; returns the numbers of every page, in order."""
    pages = []
    result = list_page(persona, query)
    while True:
        pages.append(numbers(result))
        link = result.tree().find("a", cls="next")
        if link is None:
            return pages
        result = fx.Client(persona).get(link.attrs["href"].replace("&amp;", "&"))
        assert result.status == 200, result.text[:300]


class VisibilityTest(unittest.TestCase):
    def test_coordinator_sees_whole_gmina(self):
        seen = {n for page in all_pages(G.coordinator, "") for n in page}
        for name, (_, number) in R.items():
            with self.subTest(report=name):
                if name == "unconfirmed":
                    self.assertNotIn(number, seen)
                else:
                    self.assertIn(number, seen)

    def test_operator_sees_own_units(self):
        seen = {n for page in all_pages(G.op_roads, "") for n in page}
        roads = {"overdue", "due_today", "done_late", "new_roads", "assigned", "percent",
                 "formula", "emoji"}
        for name, (_, number) in R.items():
            with self.subTest(report=name):
                self.assertEqual(number in seen, name in roads)

    def test_operator_unit_filter_cannot_widen(self):
        page = list_page(G.op_roads, "unit=%d" % G.green)
        self.assertEqual(numbers(page), [])
        units = [o.attrs.get("value") for o in page.tree().find("select", name="unit")
                 .find_all("option")]
        self.assertEqual(units, ["", str(G.roads)])

    def test_triage_list(self):
        page = list_page(G.coordinator, path="/urzad/%s/weryfikacja" % fx.OFFICE_TERC)
        self.assertEqual(set(numbers(page)), {R[n][1] for n in
                                              ("new_roads", "triage_new", "triage_open")})
        self.assertIn("do przydzielenia", page.main_text())


class FilterTest(unittest.TestCase):
    def assert_list(self, query, expected, persona=None):
        page = list_page(persona or G.coordinator, query)
        self.assertEqual(set(numbers(page)), {R[n][1] for n in expected}, query)
        return page

    def test_status(self):
        self.assert_list("status=in_progress", ["tree_work"])
        self.assert_list("status=new", ["new_roads", "triage_new"])

    def test_open_statuses(self):
        page = list_page(G.coordinator, "status=open&q=dziur")
        self.assertEqual(set(numbers(page)), {R[n][1] for n in
                                              ("overdue", "due_today", "new_roads")})

    def test_parent_category_includes_children(self):
        page = list_page(G.coordinator, "category=%d&q=dziur" % G.parent)
        self.assertEqual(len(numbers(page)), 4)
        self.assert_list("category=%d" % G.trees, ["tree", "tree_work"])

    def test_unit(self):
        self.assert_list("unit=%d" % G.green, ["tree", "tree_work", "private"])

    def test_assignee(self):
        self.assert_list("assignee=me", ["assigned"], persona=G.op_roads)
        self.assert_list("assignee=%d" % G.op_roads, ["assigned"])
        page = list_page(G.coordinator, "assignee=none&unit=%d" % G.green)
        self.assertEqual(len(numbers(page)), 3)

    def test_overdue_by_warsaw_day(self):
        page = self.assert_list("overdue=1", ["overdue"])
        self.assertIn("1 zgłoszenie", page.main_text())
        row = page.tree().find("tr", cls="report")
        self.assertIn("overdue", row.classes)
        self.assertIn("po terminie", row.text())
        full = list_page(G.coordinator, "q=dziur")
        rows = {r.attrs["data-number"]: r for r in full.tree().find_all("tr", cls="report")}
        self.assertNotIn("overdue", rows[R["due_today"][1]].classes)
        self.assertNotIn("overdue", rows[R["done_late"][1]].classes)
        self.assertIn("9 marca 2026", rows[R["overdue"][1]].text())
        self.assertIn("10 marca 2026", rows[R["due_today"][1]].text())

    def test_overdue_one_day_later(self):
        # At 23:30 UTC on 10 March it is already 11 March in Warsaw.
        c = fx.Client(G.coordinator, now="2026-03-10T23:30:00Z")
        page = c.get(G.path() + "?overdue=1&q=dziur")
        self.assertEqual(set(numbers(page)), {R["overdue"][1], R["due_today"][1]})
        c = fx.Client(G.coordinator, now="2026-03-10T22:59:00Z")
        page = c.get(G.path() + "?overdue=1&q=dziur")
        self.assertEqual(set(numbers(page)), {R["overdue"][1]})

    def test_date_range(self):
        self.assert_list("from=2026-02-15&to=2026-02-15", ["assigned"])
        page = list_page(G.coordinator, "from=2026-01-01&to=2026-01-31")
        self.assertIn("55 zgłoszeń", page.main_text())

    def test_text_number_and_description(self):
        self.assert_list("q=" + R["tree"][1], ["tree"])
        self.assert_list("q=" + urllib.parse.quote("ZŁAMANA GAŁĄŹ"), ["tree"])
        self.assert_list("q=" + urllib.parse.quote("%"), ["percent"])
        self.assert_list("q=" + urllib.parse.quote("Lampa_nr"), [])

    def test_plural_counts(self):
        for query, text in (("q=Para", "2 zgłoszenia"), ("q=Pi%C4%85tka", "5 zgłoszeń"),
                            ("q=Dwadzie%C5%9Bcia", "22 zgłoszenia"),
                            ("q=" + R["tree"][1], "1 zgłoszenie"),
                            ("q=brak-takiego", "0 zgłoszeń")):
            with self.subTest(query=query):
                page = list_page(G.coordinator, query)
                self.assertEqual(page.tree().find("span", cls="count").text(), text)

    def test_overdue_count(self):
        page = list_page(G.coordinator, "q=dziur")
        self.assertEqual(page.tree().find("span", cls="overdue-count").text(),
                         "w tym 1 po terminie")

    def test_filters_kept_in_form(self):
        page = list_page(G.coordinator, "q=" + urllib.parse.quote('"><b>x') +
                         "&status=open&overdue=1")
        self.assertEqual(page.tree().find("input", name="q").attrs["value"], '"><b>x')
        self.assertNotIn("<b>x", page.text)
        self.assertIn("checked", page.tree().find("input", name="overdue").attrs)

    def test_invalid_filters_400(self):
        for query in ("status=archived", "sort=random", "after=abc", "from=2026-02-30",
                      "assignee=someone", "category=-1", "sort=deadline&after=5"):
            with self.subTest(query=query):
                result = fx.Client(G.coordinator).get(G.path() + "?" + query)
                self.assertEqual(result.status, 400)


class PaginationTest(unittest.TestCase):
    def bulk_numbers(self):
        return [number for _, number in BULK]

    def test_newest_pages(self):
        pages = all_pages(G.coordinator, "q=Lampa")
        self.assertEqual([len(p) for p in pages], [50, 5])
        self.assertEqual([n for p in pages for n in p], list(reversed(self.bulk_numbers())))

    def test_oldest_pages(self):
        pages = all_pages(G.coordinator, "q=Lampa&sort=oldest")
        self.assertEqual([n for p in pages for n in p], self.bulk_numbers())

    def test_deadline_pages(self):
        pages = all_pages(G.coordinator, "q=Lampa&sort=deadline")
        rows = fx.sql("SELECT public_number FROM report WHERE tenant_id = %s AND description"
                      " LIKE 'Lampa%%' ORDER BY deadline_at IS NULL, deadline_at, id",
                      G.tenant)
        self.assertEqual([n for p in pages for n in p], [r[0] for r in rows])
        self.assertEqual([len(p) for p in pages], [50, 5])

    def test_updated_pages_stable_when_equal(self):
        pages = all_pages(G.coordinator, "q=Lampa&sort=updated")
        flat = [n for p in pages for n in p]
        self.assertEqual(len(flat), 55)
        self.assertEqual(set(flat), set(self.bulk_numbers()))

    def test_count_covers_all_pages(self):
        page = list_page(G.coordinator, "q=Lampa")
        self.assertEqual(page.tree().find("span", cls="count").text(), "55 zgłoszeń")
        self.assertIsNone(page.tree().find("a", cls="first"))
        second = fx.Client(G.coordinator).get(
            page.tree().find("a", cls="next").attrs["href"])
        self.assertIsNotNone(second.tree().find("a", cls="first"))
        self.assertEqual(second.tree().find("span", cls="count").text(), "55 zgłoszeń")


def remove_report(report):
    for table in ("report_follower", "report_event"):
        fx.sql("DELETE FROM " + table + " WHERE report_id = %s", report)
    fx.sql("DELETE FROM report WHERE id = %s", report)


class CsvTest(unittest.TestCase):
    def export(self, persona, query=""):
        result = fx.Client(persona).get("/urzad/%s/zgloszenia.csv%s"
                                        % (fx.OFFICE_TERC, "?" + query if query else ""))
        self.assertEqual(result.status, 200, result.text[:300])
        return result

    def rows(self, result):
        self.assertTrue(result.body.startswith(b"\xef\xbb\xbf"))
        text = result.body.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))

    def test_headers_and_format(self):
        result = self.export(G.coordinator, "q=dziur")
        self.assertTrue(result.header("Content-Type").startswith("text/csv; charset=utf-8"))
        self.assertEqual(result.header("Content-Disposition"),
                         'attachment; filename="zgloszenia-%s.csv"' % fx.OFFICE_TERC)
        self.assertIn(b"\r\n", result.body)
        rows = self.rows(result)
        self.assertEqual(rows[0], ["Numer", "Status", "Kategoria", "Jednostka",
                                   "Osoba prowadząca", "Zgłoszone", "Termin", "Po terminie",
                                   "Publiczne", "Miejsce", "Szerokość geograficzna",
                                   "Długość geograficzna", "Opis", "Notatki wewnętrzne"])
        self.assertEqual(result.headers.get_all("X-Content-Type-Options"), ["nosniff"])
        by_number = {r[0]: r for r in rows[1:]}
        self.assertEqual(set(by_number), {R[n][1] for n in
                                          ("overdue", "due_today", "done_late", "new_roads")})
        overdue = by_number[R["overdue"][1]]
        self.assertEqual(overdue[1], "Zweryfikowane")
        self.assertEqual(overdue[6], "2026-03-09 23:30")
        self.assertEqual(overdue[7], "tak")
        self.assertEqual(by_number[R["due_today"][1]][7], "nie")
        self.assertEqual(by_number[R["new_roads"][1]][8], "nie")

    def test_same_rows_as_list(self):
        pages = all_pages(G.coordinator, "status=verified")
        rows = self.rows(self.export(G.coordinator, "status=verified"))
        self.assertEqual([r[0] for r in rows[1:]], [n for p in pages for n in p])

    def test_export_crosses_batches(self):
        for sort, order in (("newest", "id DESC"), ("oldest", "id"),
                            ("deadline", "deadline_at IS NULL, deadline_at, id"),
                            ("updated", "updated_at DESC, id DESC")):
            with self.subTest(sort=sort):
                rows = self.rows(self.export(G.coordinator, "category=%d&sort=%s"
                                             % (G.many, sort)))
                expected = fx.sql("SELECT public_number FROM report WHERE category_id = %s"
                                  " ORDER BY " + order, G.many)
                self.assertEqual([r[0] for r in rows[1:]], [e[0] for e in expected])

    def test_operator_export_limited(self):
        rows = self.rows(self.export(G.op_green))
        self.assertEqual({r[0] for r in rows[1:]},
                         {R[n][1] for n in ("tree", "tree_work", "private")})

    def test_formula_cells_neutralised(self):
        rows = self.rows(self.export(G.coordinator, "q=" + R["formula"][1]))
        row = rows[1]
        self.assertEqual(row[12], "'=HYPERLINK(\"http://zly.example\",\"klik\")")
        self.assertEqual(row[9], "'+48 600 100 200")
        self.assertEqual(row[13], "'-notatka zaczyna się minusem")
        emoji = self.rows(self.export(G.coordinator, "q=" + R["emoji"][1]))[1]
        self.assertEqual(emoji[9], "'@dom")
        for value in [c for r in rows for c in r]:
            self.assertFalse(value[:1] in ("=", "+", "-", "@"), value)

    def test_polish_emoji_quotes_newlines(self):
        row = self.rows(self.export(G.coordinator, "q=" + R["emoji"][1]))[1]
        self.assertEqual(row[12], "Wiersz 1: żółć 🚧\nWiersz 2: \"cudzysłów\", przecinek")

    def test_coordinates_only_report(self):
        report, number = G.published(address="", description="Tylko współrzędne")
        self.addCleanup(remove_report, report)
        fx.sql("UPDATE report SET lat = 54.3521, lon = 18.2934 WHERE id = %s", report)
        row = self.rows(self.export(G.coordinator, "q=" + number))[1]
        self.assertEqual(row[0], number)
        self.assertEqual(row[9:12], ["", "54.352100", "18.293400"])
        page = fx.Client(G.coordinator).get(G.path(number))
        place = page.tree().find("dd", cls="place").text()
        self.assertEqual(place, "(54.352100, 18.293400)")

    def test_anonymous_export_redirected(self):
        result = fx.Client(None).get("/urzad/%s/zgloszenia.csv" % fx.OFFICE_TERC)
        self.assertEqual(result.status, 303)


if __name__ == "__main__":
    unittest.main()
