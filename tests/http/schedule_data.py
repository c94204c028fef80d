"""Expected pickups read from the bundled schedule files, independently of the importer.

Each reader returns a set of (datetime.date, fraction code) pairs, the local days on
which a fraction is collected. The HTTP tests compare the portal's pages, API and
feeds with these sets, so a wrong import or a wrong date shows up as a difference.
"""

import csv
import datetime
import os
import zoneinfo

from icalendar import Calendar

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")

PRZODKOWO_TERC = "2205032"
BORNE_SULINOWO_TERC = "3215043"

# The six villages of the Przodkowo calendar's collection area, as the gmina lists them.
PRZODKOWO_VILLAGES = ("Masłowo", "Nowe Tokary", "Otalżyno", "Tokarskie Pnie", "Tokary",
                      "Warzenko")

# Fraction names used by the Przodkowo calendar, and the canonical fraction of each.
PRZODKOWO_FRACTIONS = {
    "ZMIESZANE": "zmieszane",
    "PAPIER": "papier",
    "PLASTIK": "metale_tworzywa",
    "SZKŁO": "szklo",
    "BIO": "bio",
    "POPIÓŁ": "popiol",
}
# Events of the calendar that are not collections (fee due dates).
PRZODKOWO_NOT_PICKUPS = ("TERMIN PŁATNOŚCI",)

# Fraction names of the Borne Sulinowo pickups file, as the gmina's company publishes them.
BORNE_SULINOWO_FRACTIONS = {
    "Odpady Komunalne": "zmieszane",
    "Tworzywa Sztuczne, Metale": "metale_tworzywa",
    "Papier": "papier",
    "Szkło": "szklo",
}

# Canonical fraction names in English, which no gmina overrides.
FRACTION_NAMES_EN = {
    "zmieszane": "Mixed waste",
    "papier": "Paper",
    "metale_tworzywa": "Metals and plastics",
    "szklo": "Glass",
    "bio": "Biowaste",
    "popiol": "Ash",
}
# Canonical fraction names in Polish, shown unless a gmina sets its own.
FRACTION_NAMES_PL = {
    "zmieszane": "Zmieszane",
    "papier": "Papier",
    "metale_tworzywa": "Metale i tworzywa sztuczne",
    "szklo": "Szkło",
    "bio": "Bioodpady",
    "popiol": "Popiół",
}


PRZODKOWO_CALENDAR = os.path.join(REPO, "data", "schedules", "przodkowo",
                                  "przodkowo_2025_maslowo_plain.ics")
BORNE_SULINOWO_DIR = os.path.join(REPO, "data", "schedules", "borne-sulinowo")


def read_przodkowo_events(path=None):
    """Return (local day, SUMMARY) of every VEVENT of the Przodkowo calendar."""
    with open(path or PRZODKOWO_CALENDAR, "rb") as f:
        calendar = Calendar.from_ical(f.read())
    events = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        if isinstance(start, datetime.datetime):
            day = start.astimezone(WARSAW).date()
        else:
            day = start
        events.append((day, str(event["SUMMARY"]).strip()))
    return events


def przodkowo_pickups(path=None):
    """Return the set of (day, code) collections of the Przodkowo calendar.

    Raises ValueError on a SUMMARY that is neither a known fraction nor a fee date,
    so a changed data file fails loudly instead of being half compared.
    """
    pickups = set()
    for day, summary in read_przodkowo_events(path):
        if summary in PRZODKOWO_NOT_PICKUPS:
            continue
        if summary not in PRZODKOWO_FRACTIONS:
            raise ValueError("unexpected SUMMARY %r in the Przodkowo calendar" % summary)
        pickups.add((day, PRZODKOWO_FRACTIONS[summary]))
    return pickups


def przodkowo_fee_days(path=None):
    """Return the local days of the "TERMIN PŁATNOŚCI" events."""
    return {day for day, summary in read_przodkowo_events(path)
            if summary in PRZODKOWO_NOT_PICKUPS}


def read_csv(name):
    """Return the rows of a Borne Sulinowo CSV file as dicts keyed by the header."""
    with open(os.path.join(BORNE_SULINOWO_DIR, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def borne_sulinowo_pickups(locality, street="", numbers=""):
    """Return the set of (day, code) collections of one address point of Borne Sulinowo.

    The point is named as in the areas file: a locality, optionally a street and house
    numbers. A rule with a fractions column limits its area to those fractions, whose
    names it compares without regard to case, as the importer does.
    """
    areas = {}
    for rule in read_csv("areas.csv"):
        if (rule["miejscowość"], rule["ulica"], rule["numery"]) != (locality, street, numbers):
            continue
        fractions = {name.strip().casefold() for name in rule["frakcje"].split(",")
                     if name.strip()}
        areas.setdefault(rule["rejon"], set()).update(fractions or {None})
    if not areas:
        raise ValueError("no rule of %r %r %r in the Borne Sulinowo areas file"
                         % (locality, street, numbers))
    pickups = set()
    for row in read_csv("pickups.csv"):
        allowed = areas.get(row["rejon"], set())
        if None in allowed or row["frakcja"].casefold() in allowed:
            pickups.add((datetime.date.fromisoformat(row["data"]),
                         BORNE_SULINOWO_FRACTIONS[row["frakcja"]]))
    return pickups


def between(pickups, first, last):
    """Return the pickups from first to last, both included, sorted by day and code."""
    return sorted(p for p in pickups if first <= p[0] <= last)


def by_day(pickups):
    """Return {day: set of codes}."""
    days = {}
    for day, code in pickups:
        days.setdefault(day, set()).add(code)
    return days
