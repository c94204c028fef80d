#!/usr/bin/python3
"""Print the Warsaw days of recurring events as python3-dateutil expands them, as JSON.

ics_test runs this with Debian's /usr/bin/python3 to check the C expansion of
RRULE, RDATE and EXDATE against dateutil's rrulestr in its RFC-compatible mode,
in which DTSTART is always an occurrence. Input on stdin: a JSON list of events,
each a list of content lines (DTSTART, RRULE, RDATE, EXDATE). Output: a JSON list
with, for each event, the YYYY-MM-DD days in Europe/Warsaw of its occurrences,
in order and each once, up to the C reader's limits (1000 days, and ten years
after DTSTART).
"""

import datetime
import json
import sys
import zoneinfo

from dateutil import parser, rrule, tz

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
MAX_OCCURRENCES = 1000
MAX_SPAN_DAYS = 3653


def warsaw_day(moment):
    """Return the Warsaw calendar day of a naive (local) or aware datetime."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(WARSAW)
    return moment.date()


def line_values(line):
    """Parse the DATE or DATE-TIME values of DTSTART or RDATE, with their TZID.

    rrulestr of dateutil 2.8.2 rejects RDATE with VALUE=DATE or TZID, so RDATE
    values are added to its set from here.
    """
    name, value = line.split(":", 1)
    params = dict(param.split("=", 1) for param in name.split(";")[1:])
    zone = tz.gettz(params["TZID"].strip('"')) if "TZID" in params else None
    values = []
    for text in value.split(","):
        moment = parser.parse(text)
        if zone is not None:
            moment = moment.replace(tzinfo=zone)
        values.append(moment)
    return values


def expand(lines):
    rule_lines = [line for line in lines if not line.startswith("RDATE")]
    rules = rrule.rrulestr("\n".join(rule_lines), forceset=True, compatible=True)
    for line in lines:
        if line.startswith("RDATE"):
            for moment in line_values(line):
                rules.rdate(moment)
    start = next(warsaw_day(value) for line in lines if line.startswith("DTSTART")
                 for value in line_values(line))
    limit = start + datetime.timedelta(days=MAX_SPAN_DAYS)

    days = []
    for moment in rules:
        day = warsaw_day(moment)
        if day > limit or len(days) == MAX_OCCURRENCES:
            break
        if not days or days[-1] != day.isoformat():
            days.append(day.isoformat())
    return days


def main():
    events = json.load(sys.stdin)
    json.dump([expand(lines) for lines in events], sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
