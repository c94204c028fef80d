"""Edge cases of the resident side found by first users: search, links, API and logs."""

import json
import os
import re
import unittest

from portal_client import parse_html, path_of, quote, request

BORNE = "3215043"
PRZODKOWO = "2205032"


def address_labels(gmina, query):
    response = request("/api/v1/addresses?gmina=%s&q=%s" % (gmina, quote(query)))
    if response.status != 200:
        raise AssertionError("status %d for %r" % (response.status, query))
    data = response.json()
    return [item["label"] for item in data["items"]], data["approximate"]


def first_address(gmina, query):
    response = request("/api/v1/addresses?gmina=%s&q=%s" % (gmina, quote(query)))
    return response.json()["items"][0]


class AddressSearchEdgesTest(unittest.TestCase):
    def test_flat_number_is_ignored(self):
        expected = ["Łubowo, ul. Polna 18, 20, 21, 27, 33"]
        for query in ("lubowo polna 18 m. 2", "lubowo polna 18 m 2", "polna 18 lok. 3"):
            with self.subTest(query=query):
                labels, approximate = address_labels(BORNE, query)
                self.assertEqual(labels, expected)
                self.assertFalse(approximate)

    def test_unlisted_street_offers_locality(self):
        labels, approximate = address_labels(BORNE, "lubowo lesna 5")
        self.assertEqual(labels, ["Łubowo (pozostałe adresy)"])
        self.assertTrue(approximate)

    def test_unlisted_street_note_on_page(self):
        page = request("/gmina/%s?q=%s" % (BORNE, quote("lubowo lesna 5")))
        self.assertEqual(page.status, 200)
        self.assertIn("Tego adresu harmonogram nie wymienia osobno", page.text)

    def test_punctuation_finds_no_gmina(self):
        response = request("/api/v1/gminy?q=%s" % quote("!!!"))
        self.assertEqual(response.status, 200)
        self.assertEqual(response.json()["items"], [])
        page = parse_html(request("/?q=%s" % quote("!!!")).text)
        results = page.find("section", **{"aria-labelledby": "results-heading"})
        self.assertIsNotNone(results)
        self.assertEqual(results.find_all("li"), [])


class ApiEdgesTest(unittest.TestCase):
    def test_missing_gmina_is_missing_parameter(self):
        response = request("/api/v1/addresses?q=polna")
        self.assertEqual(response.status, 400)
        error = response.json()["error"]
        self.assertEqual(error["code"], "missing_parameter")
        self.assertIn("gmina", error["message"])

    def test_malformed_gmina_is_invalid_parameter(self):
        response = request("/api/v1/addresses?gmina=12")
        self.assertEqual(response.status, 400)
        self.assertEqual(response.json()["error"]["code"], "invalid_parameter")

    def test_cors_preflight(self):
        response = request("/api/v1/addresses", method="OPTIONS",
                           headers={"Origin": "https://example.org",
                                    "Access-Control-Request-Headers": "if-none-match"})
        self.assertEqual(response.status, 204)
        self.assertEqual(response.header("Access-Control-Allow-Origin"), "*")
        self.assertIn("If-None-Match", response.header("Access-Control-Allow-Headers"))
        self.assertEqual(response.body, b"")


class CalendarTokenTest(unittest.TestCase):
    def test_token_is_case_sensitive(self):
        url = first_address(PRZODKOWO, "maslowo")["calendar_url"]
        path = path_of(url)
        self.assertEqual(request(path).status, 200)
        token = path.rsplit("/", 1)[1][:-len(".ics")]
        swapped = token.swapcase()
        self.assertNotEqual(swapped, token)
        self.assertEqual(request("/kalendarz/%s.ics" % swapped).status, 404)


class YearLinksTest(unittest.TestCase):
    def test_links_follow_pickup_years(self):
        # This point has pickups only in November 2020, inside a Nov 2020 - Apr 2021 period.
        item = first_address(BORNE, "lubowo polna 18")
        page = parse_html(request(path_of(item["schedule_url"])).text)
        years = sorted({re.search(r"/rok/(\d{4})$", a.attrs["href"]).group(1)
                        for a in page.find_all("a") if "/rok/" in a.attrs.get("href", "")})
        self.assertEqual(years, ["2020"])


class LanguageRedirectTest(unittest.TestCase):
    def test_location_is_ascii(self):
        response = request("/jezyk/en?next=%s" % quote("/gmina/2205032?q=żółta"), now=None)
        self.assertEqual(response.status, 303)
        location = response.header("Location")
        self.assertEqual(location, "/gmina/2205032?q=%C5%BC%C3%B3%C5%82ta")

    def test_language_link_keeps_query(self):
        page = parse_html(request("/gmina/%s?q=%s" % (PRZODKOWO, quote("maslowo"))).text)
        link = page.find("a", hreflang="en")
        self.assertIsNotNone(link)
        self.assertIn("next=%2Fgmina%2F2205032%3Fq%3Dmaslowo", link.attrs["href"])


class AccessLogTest(unittest.TestCase):
    def test_log_has_no_token_or_query(self):
        log_path = os.path.join(os.environ["RATUSZ_VAR"], "log", "nginx-access.log")
        url = first_address(PRZODKOWO, "maslowo")["calendar_url"]
        token = path_of(url).rsplit("/", 1)[1]
        self.assertEqual(request(path_of(url)).status, 200)
        self.assertEqual(request("/gmina/%s?q=secretstreet" % PRZODKOWO).status, 200)
        with open(log_path, encoding="utf-8") as log:
            text = log.read()
        self.assertIn("/kalendarz/-", text)
        self.assertNotIn(token, text)
        self.assertNotIn("secretstreet", text)


if __name__ == "__main__":
    unittest.main()
