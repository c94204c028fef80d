"""Links to the problem report pages: from the home page, the gmina page, the
account page (one back office link per gmina where the account has a role, and
the admin pages for its admins), and between the office and the admin pages."""

import os
import unittest

import office_fixtures as fx

G = None


def setUpModule():
    global G
    if not os.environ.get("RATUSZ_URL"):
        raise RuntimeError("missing environment: RATUSZ_URL (tools/dev test sets it)")
    G = fx.Gmina()
    G.both = fx.create_account("dwiegminy", "Dorota Dwugminna")
    fx.grant(G.both, "operator", G.tenant, G.roads)
    fx.grant(G.both, "gmina_admin", G.other_tenant)


def tearDownModule():
    fx.remove_all()


def hrefs(result):
    return {a.attrs.get("href") for a in result.tree().find_all("a")}


class LinksTest(unittest.TestCase):
    def get(self, account, path, lang=None):
        headers = {"Accept-Language": lang} if lang else None
        result = fx.Client(account).get(path, headers=headers)
        self.assertEqual(result.status, 200, result.text[:300])
        return result

    def test_gmina_page_links_reports(self):
        for lang, form, listing in (("pl", "Zgłoś problem", "Zgłoszenia mieszkańców"),
                                    ("en", "Report a problem", "Residents' reports")):
            with self.subTest(lang=lang):
                page = self.get(None, "/gmina/%s" % fx.OFFICE_TERC, lang)
                links = page.tree().find("nav", cls="report-links")
                self.assertLessEqual({"/gmina/%s/zgloszenia/nowe" % fx.OFFICE_TERC,
                                      "/gmina/%s/zgloszenia" % fx.OFFICE_TERC},
                                     hrefs(page))
                self.assertIn(form, links.text())
                self.assertIn(listing, links.text())

    def test_home_page_links_reports(self):
        page = self.get(None, "/?q=" + fx.OFFICE_TERC)
        self.assertIn("Aby zgłosić problem", page.main_text())
        self.assertIn("/gmina/%s/zgloszenia/nowe" % fx.OFFICE_TERC, hrefs(page))
        self.assertIn("/gmina/%s/zgloszenia" % fx.OFFICE_TERC, hrefs(page))
        english = self.get(None, "/", "en")
        self.assertIn("To report a problem", english.main_text())

    def test_account_links_each_office(self):
        page = self.get(G.both, "/konto")
        links = hrefs(page)
        self.assertIn("/urzad/%s/zgloszenia" % fx.OFFICE_TERC, links)
        self.assertIn("/urzad/%s/zgloszenia" % fx.OTHER_TERC, links)
        self.assertIn("/urzad/%s/admin" % fx.OTHER_TERC, links)
        self.assertNotIn("/urzad/%s/admin" % fx.OFFICE_TERC, links)
        self.assertIn("Praca w urzędzie", page.main_text())
        self.assertIn("Office work", self.get(G.both, "/konto", "en").main_text())

    def test_resident_account_without_office(self):
        page = self.get(G.resident, "/konto")
        self.assertFalse([h for h in hrefs(page) if h and h.startswith("/urzad/")])

    def test_office_and_admin_link_each_other(self):
        office = self.get(G.admin, "/urzad/%s/zgloszenia" % fx.OFFICE_TERC)
        self.assertIn("/urzad/%s/admin" % fx.OFFICE_TERC, hrefs(office))
        admin = self.get(G.admin, "/urzad/%s/admin" % fx.OFFICE_TERC)
        self.assertIn("/urzad/%s/zgloszenia" % fx.OFFICE_TERC, hrefs(admin))
        operator = self.get(G.op_roads, "/urzad/%s/zgloszenia" % fx.OFFICE_TERC)
        self.assertNotIn("/urzad/%s/admin" % fx.OFFICE_TERC, hrefs(operator))

    def test_office_start_page(self):
        for path in ("/urzad/%s/", "/urzad/%s"):
            result = fx.Client(G.op_roads).get(path % fx.OFFICE_TERC)
            self.assertEqual(result.status, 303)
            self.assertEqual(result.header("Location"),
                             "/urzad/%s/zgloszenia" % fx.OFFICE_TERC)
        self.assertEqual(fx.Client(None).get("/urzad/22x/").status, 404)


if __name__ == "__main__":
    unittest.main()
