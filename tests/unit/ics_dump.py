#!/usr/bin/python3
"""Print the events of an iCalendar file as python3-icalendar reads them, as JSON.

ics_test runs this with Debian's /usr/bin/python3 to check the C reader and
writer against an independent parser. Output: {"name": X-WR-CALNAME or null,
"errors": [...], "events": [{"uid", "summary", "description", "date",
"timed"}]}, where "date" is the Europe/Warsaw day of DTSTART as YYYY-MM-DD.
"""

import datetime
import json
import sys
import zoneinfo

import icalendar

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def warsaw_day(start):
    """Return (YYYY-MM-DD, timed) for a DTSTART value, UTC converted to Warsaw."""
    if not isinstance(start, datetime.datetime):
        return start.isoformat(), False
    if start.tzinfo is not None:
        start = start.astimezone(WARSAW)
    return start.date().isoformat(), True


def dump(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())

    errors = []
    events = []
    for component in calendar.walk():
        errors.extend(str(e) for e in component.errors)
        if component.name != "VEVENT":
            continue
        date, timed = warsaw_day(component.decoded("DTSTART"))
        events.append({
            "uid": str(component.get("UID", "")),
            "summary": str(component.get("SUMMARY", "")),
            "description": str(component.get("DESCRIPTION", "")),
            "date": date,
            "timed": timed,
        })

    name = calendar.get("X-WR-CALNAME")
    return {
        "name": None if name is None else str(name),
        "errors": errors,
        "events": events,
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: ics_dump.py FILE.ics")
    json.dump(dump(sys.argv[1]), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
