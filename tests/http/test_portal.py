"""HTTP tests of the resident portal against the bundled real data.

The stack must have the bundled schedules loaded (tools/load-data) and run its workers
with RATUSZ_TEST_HOOKS=1, so that X-Ratusz-Now sets the time of each request: the
Przodkowo calendar is for 2025 and the Borne Sulinowo one for January to April 2021.
Expected dates come from the data files themselves (schedule_data.py), never from
the portal. RATUSZ_URL names the stack; the calendar folding test also reads
RATUSZ_CONFIG and RATUSZ_DB_SOCKET to add one address point of its own.
"""

import datetime
import os
import re
import secrets
import subprocess
import unittest
import urllib.parse

from icalendar import Calendar

import schedule_data as data
from portal_client import BASE_URL, DEFAULT_NOW, parse_html, path_of, quote, request

WEEKDAYS_PL = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_GENITIVE_PL = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
                      "sierpnia", "września", "października", "listopada", "grudnia")
MONTHS_NOMINATIVE_PL = ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec",
                        "sierpień", "wrzesień", "październik", "listopad", "grudzień")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
DAY_FORMS_PL = ("dzień", "dni", "dni")

TODAY = datetime.date(2025, 1, 20)          # the local day of DEFAULT_NOW
UNKNOWN_TERC = "0299999"
# Labels the import gives to Borne Sulinowo's address points.
LUBOWO_REST = "Łubowo (pozostałe adresy)"
LUBOWO_POLNA = "Łubowo, ul. Polna 18, 20, 21, 27, 33"
LUBOWO_KOSCIUSZKI = "Łubowo, ul. Kościuszki 80"
LISZKOWO_REST = "Liszkowo (pozostałe adresy)"
LISZKOWO_65 = "Liszkowo 65, 66"
NOWE_TOKARY = "Nowe Tokary"


def setUpModule():
    if not os.environ.get("RATUSZ_URL"):
        raise RuntimeError("missing environment: RATUSZ_URL (tools/dev test sets it)")


def plural_form_pl(n):
    """Return the index of the Polish plural form of n: 0 one, 1 few, 2 many."""
    if n == 1:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def relative_pl(days):
    if days == 0:
        return "dziś"
    if days == 1:
        return "jutro"
    return "za %d %s" % (days, DAY_FORMS_PL[plural_form_pl(days)])


def relative_en(days):
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return "in %d days" % days


def long_date_pl(day):
    return "%s, %d %s" % (WEEKDAYS_PL[day.weekday()], day.day, MONTHS_GENITIVE_PL[day.month - 1])


def long_date_en(day):
    return "%s, %d %s" % (WEEKDAYS_EN[day.weekday()], day.day, MONTHS_EN[day.month - 1])


def plain_date_pl(day):
    return "%d %s %d" % (day.day, MONTHS_GENITIVE_PL[day.month - 1], day.year)


def assert_content_line(test, line):
    """Check one physical line of a feed: at most 75 octets and whole UTF-8 characters."""
    test.assertLessEqual(len(line), 75, line)
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as error:
        test.fail("line %r is folded inside a UTF-8 character: %s" % (line, error))


def iso_day(text):
    return datetime.date.fromisoformat(text)


# "Łubowo", "Łubowo (pozostałe adresy)", "Liszkowo 65, 66", "Łubowo, ul. Polna 18, 20".
LABEL_PATTERN = re.compile(r"^(?P<locality>[^,(0-9]+?)(?: \(pozostałe adresy\))?"
                           r"(?:, (?P<street>\w+\. [^0-9]+?))?(?: (?P<numbers>[0-9][0-9A-Za-z, -]*))?$")

_points = {}


def find_point(terc, query, label):
    """Return the API item of the address point labelled label, found by searching query."""
    key = (terc, query, label)
    if key not in _points:
        response = request("/api/v1/addresses?gmina=%s&q=%s" % (terc, quote(query)))
        if response.status != 200:
            raise AssertionError("address search %r in %s returned %d: %s"
                                 % (query, terc, response.status, response.text))
        items = response.json()["items"]
        exact = [item for item in items if item["label"] == label]
        starting = [item for item in items if item["label"].startswith(label)]
        if not exact and not starting:
            raise AssertionError("no address point %r in gmina %s among %r"
                                 % (label, terc, [item["label"] for item in items]))
        _points[key] = (exact or starting)[0]
    return _points[key]


def maslowo():
    return find_point(data.PRZODKOWO_TERC, "maslowo", "Masłowo")


def lubowo():
    """Return the point of Łubowo outside the streets that the hard-to-reach area takes."""
    return find_point(data.BORNE_SULINOWO_TERC, "lubowo", LUBOWO_REST)


def schedule_days(page):
    """Return the day groups of a schedule page: iso, date, relative, classes, fractions."""
    days = []
    listing = page.find("ol", cls="days")
    if listing is None:
        return days
    for item in listing.find_all("li", cls="day"):
        time = item.find("time")
        relative = item.find("span", cls="relative")
        fractions = []
        for fraction in item.find_all("li", cls="fraction"):
            codes = [c[3:] for c in fraction.classes if c.startswith("fr-")]
            fractions.append((codes[0] if codes else None, fraction.text()))
        days.append({
            "iso": time.attrs.get("datetime"),
            "date": time.text(),
            "relative": relative.text() if relative is not None else "",
            "classes": item.classes,
            "fractions": fractions,
        })
    return days


def api_fraction_names(point, now=DEFAULT_NOW, headers=None):
    """Return {code: name} of a point's 2025 or 2021 pickups as the JSON API names them."""
    names = {}
    for first, last in (("2021-01-01", "2021-12-31"), ("2025-01-01", "2025-12-31")):
        response = request("/api/v1/addresses/%d/schedule?from=%s&to=%s"
                           % (point["id"], first, last), now=now, headers=headers)
        for pickup in response.json()["pickups"]:
            names[pickup["fraction"]] = pickup["name"]
    return names


class GminaSearchTest(unittest.TestCase):
    def test_home_page_lists_gminy_with_schedule(self):
        response = request("/")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.header("Content-Language"), "pl")
        page = parse_html(response.text)
        self.assertEqual(page.find("html").attrs.get("lang"), "pl")
        section = page.find("section", **{"aria-labelledby": "with-schedule-heading"})
        self.assertIsNotNone(section, "home page has no list of gminy with a schedule")
        links = {a.attrs["href"]: a.text() for a in section.find_all("a")}
        self.assertEqual(links.get("/gmina/" + data.PRZODKOWO_TERC), "Przodkowo")
        self.assertEqual(links.get("/gmina/" + data.BORNE_SULINOWO_TERC), "Borne Sulinowo")

    def test_gmina_search_without_diacritics(self):
        cases = (
            ("przodkowo", data.PRZODKOWO_TERC, "Przodkowo"),
            ("PRZODKOWO", data.PRZODKOWO_TERC, "Przodkowo"),
            ("przod", data.PRZODKOWO_TERC, "Przodkowo"),
            ("borne sul", data.BORNE_SULINOWO_TERC, "Borne Sulinowo"),
            ("sulinowo", data.BORNE_SULINOWO_TERC, "Borne Sulinowo"),
            ("lodz", "1061011", "Łódź"),
            ("zolkiewka", "0606112", "Żółkiewka"),
            ("ŻÓŁKIEWKA", "0606112", "Żółkiewka"),
        )
        for query, terc, name in cases:
            with self.subTest(query=query):
                response = request("/?q=" + quote(query))
                self.assertEqual(response.status, 200)
                results = parse_html(response.text).find("ul", cls="results")
                self.assertIsNotNone(results, "no result list for %r" % query)
                links = {a.attrs["href"]: a.text() for a in results.find_all("a")}
                self.assertEqual(links.get("/gmina/" + terc), name)

    def test_gmina_search_no_match_message(self):
        response = request("/?q=xyzzyq")
        self.assertEqual(response.status, 200)
        empty = parse_html(response.text).find("p", cls="empty")
        self.assertIsNotNone(empty)
        self.assertEqual(empty.text(), "Nie znaleziono gminy pasującej do „xyzzyq”.")


class GminaPageTest(unittest.TestCase):
    def test_gmina_page_lists_localities(self):
        response = request("/gmina/" + data.PRZODKOWO_TERC)
        self.assertEqual(response.status, 200)
        page = parse_html(response.text)
        self.assertEqual(page.find("h1").text(), "Gmina Przodkowo")
        section = page.find("section", **{"aria-labelledby": "localities-heading"})
        names = [a.text() for a in section.find_all("a")]
        for village in data.PRZODKOWO_VILLAGES:
            self.assertIn(village, names)
        for a in section.find_all("a"):
            self.assertRegex(a.attrs["href"], r"^/gmina/%s/miejscowosc/[1-9][0-9]*$"
                             % data.PRZODKOWO_TERC)

    def test_locality_page_links_address(self):
        page = parse_html(request("/gmina/" + data.PRZODKOWO_TERC).text)
        link = [a for a in page.find_all("a") if a.text() == "Masłowo"
                and "/miejscowosc/" in a.attrs["href"]]
        self.assertEqual(len(link), 1)
        response = request(link[0].attrs["href"])
        self.assertEqual(response.status, 200)
        locality = parse_html(response.text)
        self.assertEqual(locality.find("h1").text(), "Masłowo")
        hrefs = [a.attrs["href"] for a in locality.find("ul", cls="results").find_all("a")]
        self.assertIn("/gmina/%s/adres/%d" % (data.PRZODKOWO_TERC, maslowo()["id"]), hrefs)

    def test_address_search_folds_polish_letters(self):
        cases = (
            (data.PRZODKOWO_TERC, "maslowo", "Masłowo"),
            (data.PRZODKOWO_TERC, "MASŁOWO", "Masłowo"),
            (data.PRZODKOWO_TERC, "otalzyno", "Otalżyno"),
            (data.BORNE_SULINOWO_TERC, "lubowo", "Łubowo"),
            (data.BORNE_SULINOWO_TERC, "kosciuszki", "Łubowo, ul. Kościuszki"),
            (data.BORNE_SULINOWO_TERC, "smiadowo", "Śmiadowo"),
        )
        for terc, query, label in cases:
            with self.subTest(query=query):
                response = request("/gmina/%s?q=%s" % (terc, quote(query)))
                self.assertEqual(response.status, 200)
                results = parse_html(response.text).find("ul", cls="results")
                self.assertIsNotNone(results, "no address found for %r" % query)
                labels = [a.text() for a in results.find_all("a")]
                self.assertTrue(any(text.startswith(label) for text in labels),
                                "%r not among %r" % (label, labels))

    def test_address_search_with_house_number(self):
        cases = (
            (data.PRZODKOWO_TERC, "nowe tokary 12", [NOWE_TOKARY]),
            (data.PRZODKOWO_TERC, "Masłowo 7A", ["Masłowo"]),
            (data.BORNE_SULINOWO_TERC, "lubowo polna 18", [LUBOWO_POLNA]),
            (data.BORNE_SULINOWO_TERC, "Łubowo, ul. Polna 33", [LUBOWO_POLNA]),
            (data.BORNE_SULINOWO_TERC, "polna 21", [LUBOWO_POLNA]),
            (data.BORNE_SULINOWO_TERC, "lubowo kosciuszki 80", [LUBOWO_KOSCIUSZKI]),
            (data.BORNE_SULINOWO_TERC, "lubowo 18", [LUBOWO_REST, LUBOWO_POLNA]),
            (data.BORNE_SULINOWO_TERC, "liszkowo 12", [LISZKOWO_REST]),
            (data.BORNE_SULINOWO_TERC, "liszkowo 65", [LISZKOWO_65]),
        )
        for terc, query, labels in cases:
            with self.subTest(query=query):
                body = self.search_addresses(terc, query, labels)
                self.assertIs(body["approximate"], False)

    def test_address_search_falls_back_to_locality(self):
        # Polna 19 and Kościuszki 81 are not listed, so the rest of Łubowo serves them.
        for query in ("lubowo polna 19", "lubowo kosciuszki 81", "Łubowo, ul. Leśna 5"):
            with self.subTest(query=query):
                body = self.search_addresses(data.BORNE_SULINOWO_TERC, query, [LUBOWO_REST])
                self.assertIs(body["approximate"], True)
                page = parse_html(request("/gmina/%s?q=%s" % (data.BORNE_SULINOWO_TERC,
                                                               quote(query))).text)
                hints = [p.text() for p in page.find_all("p", cls="hint")]
                self.assertIn("Tego adresu harmonogram nie wymienia osobno. Obowiązuje "
                              "harmonogram pozostałych adresów miejscowości:", hints)

    def search_addresses(self, terc, query, labels):
        """Check that the API and the gmina page both list labels for query, and return the JSON."""
        response = request("/api/v1/addresses?gmina=%s&q=%s" % (terc, quote(query)))
        self.assertEqual(response.status, 200)
        body = response.json()
        self.assertEqual([item["label"] for item in body["items"]], labels)
        page = parse_html(request("/gmina/%s?q=%s" % (terc, quote(query))).text)
        results = page.find("ul", cls="results")
        listed = [a.text() for a in results.find_all("a")] if results else []
        self.assertEqual(listed, labels)
        return body

    def test_address_search_no_match_message(self):
        response = request("/gmina/%s?q=%s" % (data.PRZODKOWO_TERC, quote("Nibylandia 5")))
        self.assertEqual(response.status, 200)
        empty = parse_html(response.text).find("p", cls="empty")
        self.assertEqual(empty.text(), "Nie znaleziono adresu pasującego do „Nibylandia 5”.")


class SchedulePageTest(unittest.TestCase):
    def schedule_page(self, point, now=DEFAULT_NOW, headers=None):
        response = request(path_of(point["schedule_url"]), now=now, headers=headers)
        self.assertEqual(response.status, 200, response.text)
        return parse_html(response.text)

    def test_next_pickups_match_calendar(self):
        days = schedule_days(self.schedule_page(maslowo()))
        self.assertTrue(days, "the schedule page lists no pickup")
        last = iso_day(days[-1]["iso"])
        self.assertGreaterEqual(last, TODAY + datetime.timedelta(days=28),
                                "the page shows less than four weeks ahead")
        expected = data.by_day(data.between(data.przodkowo_pickups(), TODAY, last))
        shown = {iso_day(day["iso"]): {code for code, _ in day["fractions"]} for day in days}
        self.assertEqual(shown, expected)
        self.assertEqual([day["iso"] for day in days], sorted(day["iso"] for day in days))

    def test_first_pickup_is_tuesday_21_january(self):
        first = schedule_days(self.schedule_page(maslowo()))[0]
        self.assertEqual(first["iso"], "2025-01-21")
        self.assertEqual(first["date"], "wtorek, 21 stycznia")
        self.assertEqual(first["relative"], "jutro")
        self.assertEqual([code for code, _ in first["fractions"]], ["papier"])

    def test_dates_and_relative_labels_in_polish(self):
        for day in schedule_days(self.schedule_page(maslowo())):
            date = iso_day(day["iso"])
            with self.subTest(day=day["iso"]):
                self.assertEqual(day["date"], long_date_pl(date))
                self.assertEqual(day["relative"], relative_pl((date - TODAY).days))

    def test_today_label_and_class(self):
        days = schedule_days(self.schedule_page(maslowo(), now="2025-01-21T06:00:00Z"))
        self.assertEqual(days[0]["iso"], "2025-01-21")
        self.assertEqual(days[0]["relative"], "dziś")
        self.assertIn("today", days[0]["classes"])
        self.assertEqual(days[1]["relative"], "za 7 dni")
        self.assertNotIn("today", days[1]["classes"])

    def test_relative_label_plural_forms(self):
        # From 2 March the Przodkowo pickups fall 2, 5, 12, 22 ... days ahead.
        now = datetime.date(2025, 3, 9)
        days = schedule_days(self.schedule_page(maslowo(), now="2025-03-09T12:00:00Z"))
        self.assertTrue(days)
        for day in days:
            offset = (iso_day(day["iso"]) - now).days
            with self.subTest(offset=offset):
                self.assertEqual(day["relative"], relative_pl(offset))
        self.assertIn("za 2 dni", [day["relative"] for day in days])
        self.assertIn("za 5 dni", [day["relative"] for day in days])

    def test_fee_due_dates_are_not_pickups(self):
        # 15 March 2025 is a fee due date ("TERMIN PŁATNOŚCI") without a collection.
        fee_only = data.przodkowo_fee_days() - {day for day, _ in data.przodkowo_pickups()}
        self.assertIn(datetime.date(2025, 3, 15), fee_only)
        days = schedule_days(self.schedule_page(maslowo(), now="2025-03-14T10:00:00Z"))
        shown = [day["iso"] for day in days]
        self.assertEqual(shown[0], "2025-03-14")
        self.assertNotIn("2025-03-15", shown)
        page_text = self.schedule_page(maslowo(), now="2025-03-14T10:00:00Z").find("main").text()
        self.assertNotIn("PŁATNOŚCI", page_text.upper())

    def test_fraction_names_and_css_classes(self):
        names = api_fraction_names(maslowo())
        own = {code: summary for summary, code in data.PRZODKOWO_FRACTIONS.items()}
        for code, name in names.items():
            with self.subTest(code=code):
                self.assertTrue(name == data.FRACTION_NAMES_PL[code]
                                or name.casefold() == own[code].casefold(),
                                "unexpected Polish name %r for %s" % (name, code))
        stylesheet = request("/static/css/ratusz.css").text
        for day in schedule_days(self.schedule_page(maslowo())):
            for code, name in day["fractions"]:
                with self.subTest(day=day["iso"], code=code):
                    self.assertIn(code, names)
                    self.assertEqual(name, names[code])
                    self.assertRegex(stylesheet, r"\.fr-%s \.swatch\s*\{" % re.escape(code))

    def test_ended_schedule_message(self):
        point = lubowo()
        api = request(path_of(point["schedule_json_url"])).json()
        self.assertEqual(api["valid_to"][:4], "2021")
        valid_to = iso_day(api["valid_to"])
        last_pickup = max(day for day, _ in data.borne_sulinowo_pickups("Łubowo"))
        self.assertGreaterEqual(valid_to, last_pickup)
        page = self.schedule_page(point)
        self.assertEqual(schedule_days(page), [])
        section = page.find("section", **{"aria-labelledby": "next-heading"})
        message = section.find("p", cls="empty").text()
        self.assertTrue(message.startswith("Harmonogram dla tego adresu obowiązywał do %s."
                                           % plain_date_pl(valid_to)), message)
        hrefs = [a.attrs["href"] for a in section.find_all("a")]
        self.assertIn("/gmina/%s/adres/%d/rok/2021" % (data.BORNE_SULINOWO_TERC, point["id"]),
                      hrefs)

    def test_schedule_not_started_message(self):
        api = request(path_of(maslowo()["schedule_json_url"])).json()
        valid_from = iso_day(api["valid_from"])
        page = self.schedule_page(maslowo(), now="2024-06-01T10:00:00Z")
        self.assertEqual(schedule_days(page), [])
        section = page.find("section", **{"aria-labelledby": "next-heading"})
        self.assertEqual(section.find("p", cls="empty").text(),
                         "Harmonogram dla tego adresu zaczyna obowiązywać %s."
                         % plain_date_pl(valid_from))
        self.assertLessEqual(valid_from, min(day for day, _ in data.przodkowo_pickups()))

    def test_calendar_link_on_page(self):
        page = self.schedule_page(maslowo())
        field = page.find("input", id="calendar-url")
        self.assertEqual(field.attrs.get("value"), maslowo()["calendar_url"])
        webcal = [a.attrs["href"] for a in page.find_all("a", cls="button")]
        self.assertEqual(webcal, ["webcal://" + maslowo()["calendar_url"].split("://", 1)[1]])


class YearViewTest(unittest.TestCase):
    def year_page(self, point, year):
        response = request("/gmina/%s/adres/%d/rok/%d" % (point["gmina"], point["id"], year))
        self.assertEqual(response.status, 200, response.text)
        return parse_html(response.text).find("div", cls="year")

    def month_days(self, month):
        days = {}
        for row in month.find_all("tr"):
            day = iso_day(row.find("time").attrs["datetime"])
            days[day] = {c[3:] for li in row.find_all("li", cls="fraction")
                         for c in li.classes if c.startswith("fr-")}
        return days

    def test_month_headings_in_nominative(self):
        year = self.year_page(maslowo(), 2025)
        self.assertIsNotNone(year, "the year view has no pickups")
        headings = [h2.text() for h2 in year.find_all("h2")]
        self.assertEqual(headings, ["%s 2025" % month for month in MONTHS_NOMINATIVE_PL])

    def test_year_pickups_equal_calendar(self):
        year = self.year_page(maslowo(), 2025)
        expected = data.przodkowo_pickups()
        self.assertEqual(len(year.find_all("li", cls="fraction")), len(expected))
        for number, month in enumerate(year.find_all("section", cls="month"), start=1):
            with self.subTest(month=number):
                self.assertEqual(self.month_days(month),
                                 data.by_day(p for p in expected if p[0].month == number))
                for row in month.find_all("tr"):
                    day = iso_day(row.find("time").attrs["datetime"])
                    self.assertEqual(row.find("time").text(), long_date_pl(day))

    def test_borne_sulinowo_years_equal_data(self):
        polna = find_point(data.BORNE_SULINOWO_TERC, "lubowo polna", LUBOWO_POLNA)
        cases = (
            (lubowo(), 2021, data.borne_sulinowo_pickups("Łubowo")),
            (polna, 2020, data.borne_sulinowo_pickups("Łubowo", "ul. Polna",
                                                      "18, 20, 21, 27, 33")),
        )
        for point, number, expected in cases:
            with self.subTest(label=point["label"], year=number):
                self.assertTrue(expected)
                self.assertTrue(all(day.year == number for day, _ in expected))
                year = self.year_page(point, number)
                self.assertIsNotNone(year, "the year view has no pickups")
                self.assertEqual(len(year.find_all("li", cls="fraction")), len(expected))
                shown = {}
                for month in year.find_all("section", cls="month"):
                    shown.update(self.month_days(month))
                self.assertEqual(shown, data.by_day(expected))

    def test_year_without_pickups(self):
        response = request("/gmina/%s/adres/%d/rok/2023" % (data.PRZODKOWO_TERC, maslowo()["id"]))
        self.assertEqual(response.status, 200)
        page = parse_html(response.text)
        self.assertIsNone(page.find("div", cls="year"))
        self.assertEqual(page.find("p", cls="empty").text(), "Brak terminów odbioru w tym roku.")


class LanguageTest(unittest.TestCase):
    def test_switch_sets_cookie_and_returns(self):
        target = "/gmina/%s/adres/%d" % (data.PRZODKOWO_TERC, maslowo()["id"])
        response = request("/jezyk/en?next=" + quote(target))
        self.assertEqual(response.status, 303)
        self.assertEqual(response.header("Location"), target)
        cookie = response.header("Set-Cookie")
        self.assertTrue(cookie.startswith("lang=en;"), cookie)
        self.assertIn("Path=/", cookie)
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)

    def test_switch_keeps_redirect_local(self):
        for target in ("//example.com/x", "https://example.com/", "/\\example.com", "gmina"):
            with self.subTest(next=target):
                response = request("/jezyk/en?next=" + quote(target))
                self.assertEqual(response.status, 303)
                self.assertEqual(response.header("Location"), "/")

    def test_unknown_language_not_found(self):
        self.assertEqual(request("/jezyk/de?next=/").status, 404)

    def test_schedule_in_english_by_cookie(self):
        response = request(path_of(maslowo()["schedule_url"]), headers={"Cookie": "lang=en"})
        self.assertEqual(response.status, 200)
        self.assertEqual(response.header("Content-Language"), "en")
        page = parse_html(response.text)
        self.assertEqual(page.find("html").attrs.get("lang"), "en")
        self.assertEqual(page.find("h2", id="next-heading").text(), "Next collections")
        days = schedule_days(page)
        self.assertEqual(days[0]["date"], "Tuesday, 21 January")
        self.assertEqual(days[0]["relative"], "tomorrow")
        for day in days:
            date = iso_day(day["iso"])
            with self.subTest(day=day["iso"]):
                self.assertEqual(day["date"], long_date_en(date))
                self.assertEqual(day["relative"], relative_en((date - TODAY).days))
                for code, name in day["fractions"]:
                    self.assertEqual(name, data.FRACTION_NAMES_EN[code])

    def test_accept_language_picks_english(self):
        cases = (
            ({"Accept-Language": "en"}, "en"),
            ({"Accept-Language": "en-GB,en;q=0.9,pl;q=0.5"}, "en"),
            ({"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.8"}, "pl"),
            ({"Accept-Language": "en", "Cookie": "lang=pl"}, "pl"),
            ({}, "pl"),
        )
        for headers, lang in cases:
            with self.subTest(headers=headers):
                response = request("/gmina/" + data.PRZODKOWO_TERC, headers=headers)
                self.assertEqual(response.status, 200)
                self.assertEqual(response.header("Content-Language"), lang)
                page = parse_html(response.text)
                self.assertEqual(page.find("html").attrs.get("lang"), lang)
                heading = page.find("h2", id="localities-heading").text()
                self.assertEqual(heading, "Localities" if lang == "en" else "Miejscowości")


class ErrorPageTest(unittest.TestCase):
    def assert_error_page(self, response, status, title):
        self.assertEqual(response.status, status, response.text[:200])
        self.assertTrue(response.header("Content-Type").startswith("text/html"))
        self.assertEqual(response.header("Content-Language"), "pl")
        page = parse_html(response.text)
        self.assertEqual(page.find("html").attrs.get("lang"), "pl")
        self.assertEqual(page.find("h1").text(), title)

    def test_not_found_pages(self):
        paths = (
            "/nie-ma-takiej-strony",
            "/gmina/" + UNKNOWN_TERC,
            "/gmina/22o5032",
            "/gmina/%s/adres/999999999" % data.PRZODKOWO_TERC,
            "/gmina/%s/adres/0" % data.PRZODKOWO_TERC,
            "/gmina/%s/miejscowosc/999999999" % data.PRZODKOWO_TERC,
            "/gmina/%s/adres/%d/rok/1999" % (data.PRZODKOWO_TERC, maslowo()["id"]),
        )
        for path in paths:
            with self.subTest(path=path):
                self.assert_error_page(request(path), 404, "Nie znaleziono strony")

    def test_address_of_other_gmina_not_found(self):
        path = "/gmina/%s/adres/%d" % (data.BORNE_SULINOWO_TERC, maslowo()["id"])
        self.assert_error_page(request(path), 404, "Nie znaleziono strony")

    def test_bad_request_pages(self):
        queries = (
            "/?q=" + "a" * 101,
            "/?q=%01",
            "/?q=%ff",
            "/?q=%zz",
            "/?q=a&q=b",
        )
        for path in queries:
            with self.subTest(path=path):
                response = request(path)
                self.assert_error_page(response, 400, "Nieprawidłowe zapytanie")
                self.assertIn("Sprawdź pole", parse_html(response.text).find("main").text())

    def test_method_not_allowed_page(self):
        for method in ("POST", "PUT", "DELETE"):
            with self.subTest(method=method):
                response = request("/gmina/" + data.PRZODKOWO_TERC, method=method, body=b"")
                self.assert_error_page(response, 405, "Niedozwolona metoda")
                self.assertEqual(response.header("Allow"), "GET, HEAD")

    def test_head_has_no_body(self):
        response = request("/gmina/" + data.PRZODKOWO_TERC, method="HEAD")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.body, b"")


class EscapingTest(unittest.TestCase):
    HOSTILE = "<script>alert(\"x\")</script>' onmouseover='y"

    def assert_escaped(self, text):
        self.assertNotIn("<script>alert", text)
        self.assertNotIn("' onmouseover='", text)
        self.assertNotIn('"x")', text)

    def test_gmina_search_query_escaped(self):
        response = request("/?q=" + quote(self.HOSTILE))
        self.assertEqual(response.status, 200)
        self.assert_escaped(response.text)
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", response.text)
        page = parse_html(response.text)
        self.assertEqual(page.find("input", id="q").attrs.get("value"), self.HOSTILE)
        self.assertEqual(page.find("p", cls="empty").text(),
                         "Nie znaleziono gminy pasującej do „%s”." % self.HOSTILE)

    def test_address_search_query_escaped(self):
        response = request("/gmina/%s?q=%s" % (data.PRZODKOWO_TERC, quote(self.HOSTILE)))
        self.assertEqual(response.status, 200)
        self.assert_escaped(response.text)
        page = parse_html(response.text)
        self.assertEqual(page.find("input", id="q").attrs.get("value"), self.HOSTILE)

    def test_error_page_path_escaped(self):
        path = '/"><script>alert(1)</script>'
        response = request(quote(path).replace("%2F", "/"))
        self.assertEqual(response.status, 404)
        self.assertNotIn("<script>alert(1)", response.text)
        switch = parse_html(response.text).find("a", hreflang="en")
        self.assertIsNotNone(switch, "the error page has no language link")
        query = urllib.parse.urlsplit(switch.attrs["href"]).query
        self.assertEqual(urllib.parse.parse_qs(query)["next"], [path])

    def test_api_query_not_reflected_raw(self):
        response = request("/api/v1/gminy?q=" + quote(self.HOSTILE))
        self.assertEqual(response.status, 200)
        self.assertTrue(response.header("Content-Type").startswith("application/json"))
        self.assertEqual(response.json()["items"], [])


class ApiTest(unittest.TestCase):
    def test_gminy_items(self):
        response = request("/api/v1/gminy?q=" + quote("borne sul"))
        self.assertEqual(response.status, 200)
        self.assertEqual(response.header("Content-Type"), "application/json; charset=utf-8")
        items = response.json()["items"]
        match = [item for item in items if item["teryt"] == data.BORNE_SULINOWO_TERC]
        self.assertEqual(len(match), 1, items)
        self.assertEqual(match[0]["name"], "Borne Sulinowo")
        self.assertIs(match[0]["has_schedule"], True)
        self.assertEqual(path_of(match[0]["url"]), "/gmina/" + data.BORNE_SULINOWO_TERC)
        for item in items:
            self.assertRegex(item["teryt"], r"^[0-9]{7}$")
            self.assertTrue(item["name"])

    def test_addresses_items(self):
        response = request("/api/v1/addresses?gmina=%s&q=maslowo" % data.PRZODKOWO_TERC)
        self.assertEqual(response.status, 200)
        body = response.json()
        self.assertEqual(body["gmina"]["teryt"], data.PRZODKOWO_TERC)
        self.assertEqual(body["gmina"]["name"], "Przodkowo")
        item = [i for i in body["items"] if i["label"] == "Masłowo"]
        self.assertEqual(len(item), 1, body["items"])
        item = item[0]
        self.assertIsInstance(item["id"], int)
        self.assertEqual(path_of(item["schedule_url"]),
                         "/gmina/%s/adres/%d" % (data.PRZODKOWO_TERC, item["id"]))
        self.assertRegex(path_of(item["calendar_url"]), r"^/kalendarz/[A-Za-z0-9_-]{22}\.ics$")
        self.assertTrue(item["schedule_url"].startswith(BASE_URL))
        self.assertTrue(item["calendar_url"].startswith(BASE_URL))

    def test_addresses_of_whole_gmina(self):
        response = request("/api/v1/addresses?gmina=" + data.PRZODKOWO_TERC)
        self.assertEqual(response.status, 200)
        labels = {item["label"] for item in response.json()["items"]}
        for village in data.PRZODKOWO_VILLAGES:
            self.assertIn(village, labels)

    def test_single_address(self):
        point = maslowo()
        response = request("/api/v1/addresses/%d" % point["id"])
        self.assertEqual(response.status, 200)
        body = response.json()
        self.assertEqual(body["label"], "Masłowo")
        self.assertEqual(body["calendar_url"], point["calendar_url"])

    def test_schedule_json_matches_calendar(self):
        point = maslowo()
        response = request("/api/v1/addresses/%d/schedule?from=2025-01-20&to=2025-03-31"
                           % point["id"])
        self.assertEqual(response.status, 200)
        body = response.json()
        self.assertEqual(body["from"], "2025-01-20")
        self.assertEqual(body["to"], "2025-03-31")
        pickups = [(iso_day(p["date"]), p["fraction"]) for p in body["pickups"]]
        expected = data.between(data.przodkowo_pickups(), datetime.date(2025, 1, 20),
                                datetime.date(2025, 3, 31))
        self.assertEqual(sorted(pickups), expected)
        self.assertEqual([p[0] for p in pickups], sorted(p[0] for p in pickups))
        for pickup in body["pickups"]:
            self.assertRegex(pickup["color"], r"^#[0-9a-f]{6}$")

    def test_every_borne_sulinowo_address_matches_data(self):
        response = request("/api/v1/addresses?gmina=" + data.BORNE_SULINOWO_TERC)
        items = response.json()["items"]
        self.assertGreaterEqual(len(items), 30)
        for item in items:
            with self.subTest(label=item["label"]):
                match = LABEL_PATTERN.match(item["label"])
                self.assertIsNotNone(match, "unexpected label form")
                expected = data.borne_sulinowo_pickups(match["locality"], match["street"] or "",
                                                       match["numbers"] or "")
                body = request("/api/v1/addresses/%d/schedule?from=2020-11-01&to=2021-04-30"
                               % item["id"]).json()
                shown = {(iso_day(p["date"]), p["fraction"]) for p in body["pickups"]}
                self.assertEqual(shown, expected)

    def test_schedule_json_default_range_starts_today(self):
        body = request(path_of(maslowo()["schedule_json_url"])).json()
        self.assertEqual(body["from"], "2025-01-20")
        self.assertGreater(iso_day(body["to"]), TODAY)

    def test_schedule_json_in_english(self):
        body = request("/api/v1/addresses/%d/schedule?from=2025-01-01&to=2025-12-31"
                       % maslowo()["id"], headers={"Accept-Language": "en"}).json()
        for pickup in body["pickups"]:
            self.assertEqual(pickup["name"], data.FRACTION_NAMES_EN[pickup["fraction"]])

    def assert_api_error(self, response, status, code, message):
        self.assertEqual(response.status, status, response.text)
        self.assertEqual(response.header("Content-Type"), "application/json; charset=utf-8")
        error = response.json()["error"]
        self.assertEqual(error["code"], code)
        self.assertEqual(error["message"], message)

    def test_unknown_gmina_error(self):
        self.assert_api_error(request("/api/v1/addresses?gmina=%s&q=x" % UNKNOWN_TERC), 404,
                              "unknown_gmina",
                              "Nie znaleziono gminy o kodzie TERYT %s." % UNKNOWN_TERC)

    def test_unknown_address_error(self):
        self.assert_api_error(request("/api/v1/addresses/999999999/schedule"), 404,
                              "unknown_address", "Nie znaleziono adresu o numerze 999999999.")

    def test_invalid_parameter_errors(self):
        cases = (
            ("/api/v1/addresses?gmina=22050", "gmina"),
            ("/api/v1/addresses?gmina=abcdefg", "gmina"),
            ("/api/v1/addresses?gmina=%s&q=%%01" % data.PRZODKOWO_TERC, "q"),
            ("/api/v1/addresses/%d/schedule?from=2025-02-30" % maslowo()["id"], "from"),
            ("/api/v1/addresses/%d/schedule?to=20250101" % maslowo()["id"], "to"),
        )
        for path, field in cases:
            with self.subTest(path=path):
                self.assert_api_error(request(path), 400, "invalid_parameter",
                                      "Nieprawidłowa wartość parametru „%s”." % field)

    def test_range_over_400_days_error(self):
        point = maslowo()["id"]
        message = ("Nieprawidłowy zakres dat: „to” musi być nie wcześniej niż „from”, "
                   "a zakres nie dłuższy niż 400 dni.")
        for query in ("from=2025-01-01&to=2026-02-06", "from=2025-03-01&to=2025-02-28"):
            with self.subTest(query=query):
                self.assert_api_error(request("/api/v1/addresses/%d/schedule?%s"
                                              % (point, query)), 400, "invalid_range", message)
        ok = request("/api/v1/addresses/%d/schedule?from=2025-01-01&to=2026-02-05" % point)
        self.assertEqual(ok.status, 200)

    def test_unknown_api_path_is_json(self):
        self.assert_api_error(request("/api/v1/nothing"), 404, "not_found",
                              "Nie ma takiego zasobu API.")
        self.assert_api_error(request("/api/v1/gminy?q=x", method="POST", body=b""), 405,
                              "method_not_allowed",
                              "Ta metoda HTTP nie jest obsługiwana pod tym adresem.")


class CalendarFeedTest(unittest.TestCase):
    def feed(self, point=None, now=DEFAULT_NOW, headers=None):
        point = point or maslowo()
        response = request(path_of(point["calendar_url"]), now=now, headers=headers)
        self.assertEqual(response.status, 200, response.text[:300])
        return response

    def events(self, body):
        return list(Calendar.from_ical(body).walk("VEVENT"))

    def test_feed_events_equal_calendar(self):
        response = self.feed()
        self.assertEqual(response.header("Content-Type"), "text/calendar; charset=utf-8")
        names = {name: code for code, name in api_fraction_names(maslowo()).items()}
        shown = []
        for event in self.events(response.body):
            self.assertIn(str(event["SUMMARY"]), names, "SUMMARY is not a fraction name")
            shown.append((event.decoded("DTSTART"), names[str(event["SUMMARY"])]))
        self.assertEqual(len(shown), len(set(shown)), "a fraction appears twice on one day")
        self.assertEqual(set(shown), data.przodkowo_pickups())

    def test_feed_event_properties(self):
        for event in self.events(self.feed().body):
            start = event.decoded("DTSTART")
            with self.subTest(uid=str(event["UID"])):
                self.assertIs(type(start), datetime.date)
                self.assertEqual(event["DTSTART"].params.get("VALUE"), "DATE")
                self.assertNotIn("TZID", event["DTSTART"].params)
                if "DTEND" in event:
                    self.assertEqual(event.decoded("DTEND"), start + datetime.timedelta(days=1))
                stamp = event.decoded("DTSTAMP")
                self.assertIsInstance(stamp, datetime.datetime)
                self.assertEqual(stamp.utcoffset(), datetime.timedelta(0))
                self.assertNotIn("PŁATNOŚCI", str(event["SUMMARY"]).upper())

    def test_feed_calendar_properties(self):
        calendar = Calendar.from_ical(self.feed().body)
        self.assertEqual(str(calendar["VERSION"]), "2.0")
        self.assertTrue(str(calendar["PRODID"]))
        self.assertIn("Masłowo", str(calendar["X-WR-CALNAME"]))

    def test_uid_stable_and_unique(self):
        first = {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"]))
                 for e in self.events(self.feed().body)}
        second_events = self.events(self.feed().body)
        second = {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"]))
                  for e in second_events}
        self.assertEqual(len(first), len(second_events), "UIDs repeat within the feed")
        self.assertEqual(first, second)
        next_day = {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"]))
                    for e in self.events(self.feed(now="2025-01-21T10:00:00Z").body)}
        for uid in set(first) & set(next_day):
            self.assertEqual(first[uid], next_day[uid])
        self.assertGreater(len(set(first) & set(next_day)), 70)
        other = {str(e["UID"]) for e in self.events(self.feed(find_point(
            data.PRZODKOWO_TERC, "warzenko", "Warzenko")).body)}
        self.assertFalse(set(first) & other, "two addresses share event UIDs")

    def test_raw_lines_crlf_and_folded(self):
        self.assert_raw_lines(self.feed().body)
        self.assert_raw_lines(self.feed(headers={"Accept-Language": "en"}).body)

    def assert_raw_lines(self, body):
        self.assertTrue(body.startswith(b"BEGIN:VCALENDAR\r\n"))
        self.assertTrue(body.endswith(b"END:VCALENDAR\r\n"))
        self.assertNotIn(b"\n", body.replace(b"\r\n", b""), "a bare LF outside CRLF")
        self.assertNotIn(b"\r", body.replace(b"\r\n", b""), "a bare CR outside CRLF")
        for number, line in enumerate(body.split(b"\r\n")[:-1], start=1):
            with self.subTest(line=number):
                assert_content_line(self, line)

    def test_window_twelve_months_ahead(self):
        for now in ("2024-02-01T10:00:00Z", "2025-06-15T10:00:00Z", "2025-12-31T22:30:00Z"):
            with self.subTest(now=now):
                today = (datetime.datetime.fromisoformat(now.replace("Z", "+00:00"))
                         .astimezone(data.WARSAW).date())
                names = {n: c for c, n in api_fraction_names(maslowo(), now=now).items()}
                shown = {(e.decoded("DTSTART"), names[str(e["SUMMARY"])])
                         for e in self.events(self.feed(now=now).body)}
                ahead = set(data.between(data.przodkowo_pickups(), today,
                                         today + datetime.timedelta(days=365)))
                self.assertLessEqual(ahead, shown, "a pickup within twelve months is missing")
                for day, _ in shown:
                    self.assertLessEqual(day, today + datetime.timedelta(days=366))
                    self.assertGreaterEqual(day, today - datetime.timedelta(days=31))

    def test_etag_gives_not_modified(self):
        response = self.feed()
        etag = response.header("ETag")
        self.assertRegex(etag or "", r'^"[^"]+"$')
        path = path_of(maslowo()["calendar_url"])
        for header in (etag, "W/" + etag, '"other", ' + etag):
            with self.subTest(if_none_match=header):
                cached = request(path, headers={"If-None-Match": header})
                self.assertEqual(cached.status, 304)
                self.assertEqual(cached.body, b"")
                self.assertEqual(cached.header("ETag"), etag)
        later = request(path, now="2025-01-20T21:00:00Z", headers={"If-None-Match": etag})
        self.assertEqual(later.status, 304, "the ETag changed within one local day")
        other = request(path, headers={"If-None-Match": '"something-else"'})
        self.assertEqual(other.status, 200)

    def test_etag_changes_with_day(self):
        path = path_of(maslowo()["calendar_url"])
        etag = self.feed().header("ETag")
        next_day = request(path, now="2025-01-20T23:30:00Z", headers={"If-None-Match": etag})
        self.assertEqual(next_day.status, 200, "the ETag stayed after the local day changed")
        self.assertNotEqual(next_day.header("ETag"), etag)
        self.assertTrue(next_day.body.startswith(b"BEGIN:VCALENDAR"))

    def test_unknown_or_malformed_token_not_found(self):
        token = path_of(maslowo()["calendar_url"])[len("/kalendarz/"):-len(".ics")]
        unknown = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
        paths = (
            "/kalendarz/%s.ics" % unknown,
            "/kalendarz/%s.ics" % secrets.token_urlsafe(16)[:22],
            "/kalendarz/%s" % token,
            "/kalendarz/%s.txt" % token,
            "/kalendarz/%s.ics" % token[:-1],
            "/kalendarz/%s!.ics" % token[:-1],
            "/kalendarz/%sA.ics" % token,
            "/kalendarz/abc.ics",
            "/kalendarz/",
        )
        for path in paths:
            with self.subTest(path=path):
                response = request(path)
                self.assertEqual(response.status, 404)
                self.assertNotIn(b"BEGIN:VCALENDAR", response.body)


class CalendarFoldingTest(unittest.TestCase):
    """Folds the feed of an address point with a long Polish label, added for this test."""

    LABEL = ("Zażółć gęślą jaźń; Łódź, ul. Źdźbła–Żółtej 12/3 – " * 4).strip()

    @classmethod
    def setUpClass(cls):
        cls.token = secrets.token_urlsafe(16)[:22]
        cls.mariadb("""
            INSERT INTO locality (tenant_id, name, name_folded)
              SELECT id, 'Test fold', 'test fold' FROM tenant WHERE terc = '%s';
            INSERT INTO address_point (tenant_id, locality_id, label, label_folded, token,
                                       created_at)
              SELECT l.tenant_id, l.id, '%s', 'test fold', '%s', NOW()
              FROM locality l WHERE l.name = 'Test fold';
        """ % (data.PRZODKOWO_TERC, cls.LABEL.replace("'", "''"), cls.token))

    @classmethod
    def tearDownClass(cls):
        cls.mariadb("""
            DELETE FROM address_point WHERE token = '%s';
            DELETE FROM locality WHERE name = 'Test fold'
              AND NOT EXISTS (SELECT 1 FROM address_point ap WHERE ap.locality_id = locality.id);
        """ % cls.token)

    @staticmethod
    def mariadb(sql):
        """Run SQL in the stack's database with the account of its configuration file."""
        if not os.environ.get("RATUSZ_CONFIG"):
            raise RuntimeError("missing environment: RATUSZ_CONFIG (tools/dev test sets it)")
        config = {}
        with open(os.environ["RATUSZ_CONFIG"], encoding="utf-8") as f:
            for line in f:
                if "=" in line and not line.lstrip().startswith("#"):
                    key, value = line.split("=", 1)
                    config[key.strip()] = value.strip()
        subprocess.run(["mariadb", "--no-defaults", "--default-character-set=utf8mb4",
                        "--socket=" + os.environ.get("RATUSZ_DB_SOCKET", config["db_socket"]),
                        "--user=" + config["db_user"], config["db_name"]],
                       input=sql.encode("utf-8"), check=True,
                       env=dict(os.environ, MYSQL_PWD=config["db_password"]))

    def test_long_label_folds_on_characters(self):
        for lang, prefix in (("pl", "Odbiór odpadów: "), ("en", "Waste collection: ")):
            with self.subTest(lang=lang):
                response = request("/kalendarz/%s.ics" % self.token,
                                   headers={"Accept-Language": lang})
                self.assertEqual(response.status, 200)
                lines = response.body.split(b"\r\n")[:-1]
                self.assertTrue(any(line.startswith(b" ") for line in lines), "nothing folded")
                for line in lines:
                    assert_content_line(self, line)
                calendar = Calendar.from_ical(response.body)
                self.assertEqual(str(calendar["X-WR-CALNAME"]), prefix + self.LABEL)


class LocalDayTest(unittest.TestCase):
    """Today is the Europe/Warsaw day, also on the nights the clocks change."""

    CASES = (
        ("2025-03-29T22:59:00Z", "2025-03-29"),    # 23:59 CET
        ("2025-03-29T23:00:00Z", "2025-03-30"),    # 00:00 CET, the spring-forward day
        ("2025-03-29T23:30:00Z", "2025-03-30"),
        ("2025-03-30T01:30:00Z", "2025-03-30"),    # 03:30 CEST, after the switch
        ("2025-03-30T21:59:00Z", "2025-03-30"),    # 23:59 CEST
        ("2025-03-30T22:00:00Z", "2025-03-31"),
        ("2025-10-25T21:59:00Z", "2025-10-25"),    # 23:59 CEST
        ("2025-10-25T22:00:00Z", "2025-10-26"),    # 00:00 CEST, the fall-back day
        ("2025-10-26T00:30:00Z", "2025-10-26"),    # 02:30 CEST, first pass
        ("2025-10-26T01:30:00Z", "2025-10-26"),    # 02:30 CET, second pass
        ("2025-10-26T22:59:00Z", "2025-10-26"),    # 23:59 CET
        ("2025-10-26T23:00:00Z", "2025-10-27"),
        ("2025-01-20T10:00:00+01:00", "2025-01-20"),
        ("2025-01-20T23:30:00-01:00", "2025-01-21"),
    )

    def test_api_today_is_warsaw_day(self):
        path = path_of(maslowo()["schedule_json_url"])
        for now, day in self.CASES:
            with self.subTest(now=now):
                utc = datetime.datetime.fromisoformat(now.replace("Z", "+00:00"))
                self.assertEqual(utc.astimezone(data.WARSAW).date().isoformat(), day)
                self.assertEqual(request(path, now=now).json()["from"], day)

    def test_relative_labels_around_clock_change(self):
        pickups = data.przodkowo_pickups()
        for now, day in self.CASES[:12]:
            with self.subTest(now=now):
                today = iso_day(day)
                first = min(d for d, _ in pickups if d >= today)
                days = schedule_days(parse_html(
                    request(path_of(maslowo()["schedule_url"]), now=now).text))
                self.assertEqual(days[0]["iso"], first.isoformat())
                self.assertEqual(days[0]["relative"], relative_pl((first - today).days))


if __name__ == "__main__":
    unittest.main()
