"""A report is merged only into a public original: never into a report of a
non-public category, a hidden one or one still awaiting moderation, because the
duplicate's followers would start following it."""

import os
import unittest

import office_fixtures as fx

GMINA = None


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


class MergeTargetTest(unittest.TestCase):
    def merge(self, original_number, number, expect):
        c = fx.Client(GMINA.coordinator)
        page = c.get(GMINA.path(number))
        self.assertEqual(page.status, 200, page.text[:300])
        result = c.post(GMINA.path(number, "scal"),
                        {"original": original_number, "version": page.form_version()})
        self.assertEqual(result.status, expect, result.main_text()[:400])
        return result

    def followers(self, report):
        return int(fx.scalar("SELECT COUNT(*) FROM report_follower WHERE report_id = %s",
                             report))

    def assert_unchanged(self, report, original, followers_before):
        row = fx.report_row(report)
        self.assertEqual(row["status"], "verified")
        self.assertIsNone(row["duplicate_of"])
        self.assertEqual(self.followers(original), followers_before)

    def test_non_public_category_refused(self):
        original, original_number = GMINA.published(
            category=GMINA.private, unit=GMINA.green, description="Sprawa poufna")
        report, number = GMINA.published(author=GMINA.resident, description="Dziura")
        before = self.followers(original)
        self.merge(original_number, number, 403)
        self.assert_unchanged(report, original, before)

    def test_hidden_original_refused(self):
        original, original_number = GMINA.published(description="Ukryte pierwotne")
        fx.sql("UPDATE report SET hidden = 1 WHERE id = %s", original)
        report, number = GMINA.published(author=GMINA.resident, description="Do ukrytego")
        before = self.followers(original)
        self.merge(original_number, number, 403)
        self.assert_unchanged(report, original, before)

    def test_public_original_accepted(self):
        original, original_number = GMINA.published(description="Jawne pierwotne")
        report, number = GMINA.published(author=GMINA.resident, description="Do jawnego")
        self.merge(original_number, number, 303)
        self.assertEqual(fx.report_row(report)["duplicate_of"], str(original))


if __name__ == "__main__":
    unittest.main()
