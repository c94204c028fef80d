"""What operators of an outside unit (unit.kind 'external') see of a report.

The gmina's office sees the author's contact and every internal event. An outside
unit handling the report sees no e-mail, the author's name only when the report is
not anonymous, and of the internal events only the transfer into its unit and the
notes of its own operators: on the office page, in the CSV export and on the
public report page.
"""

import csv
import io
import os
import unittest

import office_fixtures as fx

G = None
AUTHOR_EMAIL = "autor.zewn@example.pl"
GMINA_NOTE = "Notatka gminy: sąsiad jest radnym"
TRANSFER_REASON = "Droga powiatowa, proszę o naprawę"
UNIT_NOTE = "Notatka jednostki: ekipa w czwartek"


def setUpModule():
    global G
    if not os.environ.get("RATUSZ_URL"):
        raise RuntimeError("missing environment: RATUSZ_URL (tools/dev test sets it)")
    G = fx.Gmina()
    G.outside = fx.create_unit(G.tenant, "Zarząd Dróg Powiatowych")
    fx.sql("UPDATE unit SET kind = 'external' WHERE id = %s", G.outside)
    G.op_outside = fx.create_account("zdp", "Zbigniew Powiatowy")
    fx.grant(G.op_outside, "operator", G.tenant, G.outside)


def tearDownModule():
    fx.remove_all()


class OutsideUnitTest(unittest.TestCase):
    def transferred(self, anonymous, unit_kind="external"):
        """A report with a gmina note, transferred to the outside unit with a reason,
        then noted by that unit's operator. Returns the report's number."""
        fx.sql("UPDATE unit SET kind = %s WHERE id = %s", unit_kind, G.outside)
        self.addCleanup(fx.sql, "UPDATE unit SET kind = 'external' WHERE id = %s",
                        G.outside)
        report, number = G.published(author=None, author_email=AUTHOR_EMAIL,
                                     description="Zapadnięta studzienka")
        fx.sql("UPDATE report SET author_name = 'Ewa Zgłaszająca', anonymous = %s"
               " WHERE id = %s", anonymous, report)
        self.post(G.coordinator, number, "notatka", {"note": GMINA_NOTE})
        self.post(G.coordinator, number, "przekaz",
                  {"unit": G.outside, "transfer_reason": TRANSFER_REASON})
        self.post(G.op_outside, number, "notatka", {"note": UNIT_NOTE})
        return number

    def post(self, account, number, action, form):
        c = fx.Client(account)
        page = c.get(G.path(number))
        self.assertEqual(page.status, 200, page.text[:300])
        result = c.post(G.path(number, action), dict(form, version=page.form_version()))
        self.assertEqual(result.status, 303, result.main_text()[:400])

    def page(self, account, number):
        result = fx.Client(account).get(G.path(number))
        self.assertEqual(result.status, 200)
        return result.main_text()

    def csv_notes(self, account, number):
        result = fx.Client(account).get("/urzad/%s/zgloszenia.csv?q=%s"
                                        % (fx.OFFICE_TERC, number))
        self.assertEqual(result.status, 200)
        rows = list(csv.reader(io.StringIO(result.body.decode("utf-8-sig"), newline="")))
        self.assertEqual(rows[1][0], number)
        return rows[1][-1]

    def public_page(self, account, number):
        result = fx.Client(account).get("/gmina/%s/zgloszenia/%s"
                                        % (fx.OFFICE_TERC, number))
        self.assertEqual(result.status, 200)
        return result.main_text()

    def test_outside_unit_sees_less(self):
        number = self.transferred(anonymous=True)
        text = self.page(G.op_outside, number)
        self.assertNotIn(AUTHOR_EMAIL, text)
        self.assertNotIn("Ewa Zgłaszająca", text)
        self.assertNotIn(GMINA_NOTE, text)
        self.assertIn(TRANSFER_REASON, text)
        self.assertIn(UNIT_NOTE, text)
        notes = self.csv_notes(G.op_outside, number)
        self.assertEqual(notes, UNIT_NOTE)
        public = self.public_page(G.op_outside, number)
        self.assertNotIn(GMINA_NOTE, public)
        self.assertNotIn("Ewa Zgłaszająca", public)

    def test_outside_unit_sees_public_name(self):
        number = self.transferred(anonymous=False)
        text = self.page(G.op_outside, number)
        self.assertIn("Ewa Zgłaszająca", text)
        self.assertNotIn(AUTHOR_EMAIL, text)

    def test_gmina_office_sees_everything(self):
        number = self.transferred(anonymous=True)
        for account in (G.coordinator, G.admin):
            text = self.page(account, number)
            for expected in (AUTHOR_EMAIL, "Ewa Zgłaszająca", GMINA_NOTE,
                             TRANSFER_REASON, UNIT_NOTE):
                self.assertIn(expected, text)
            self.assertEqual(self.csv_notes(account, number),
                             GMINA_NOTE + "\n" + UNIT_NOTE)

    def test_department_operator_sees_everything(self):
        number = self.transferred(anonymous=True, unit_kind="department")
        text = self.page(G.op_outside, number)
        for expected in (AUTHOR_EMAIL, "Ewa Zgłaszająca", GMINA_NOTE, TRANSFER_REASON):
            self.assertIn(expected, text)
        self.assertEqual(self.csv_notes(G.op_outside, number),
                         GMINA_NOTE + "\n" + UNIT_NOTE)
        self.assertIn(GMINA_NOTE, self.public_page(G.op_outside, number))


if __name__ == "__main__":
    unittest.main()
