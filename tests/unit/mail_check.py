"""Parse a message built by mail.c with Python's email package (policy default).

Usage: mail_check.py FILE SUBJECT TEXT HTML UNSUBSCRIBE_URL. Exits 0 when the
headers decode to the expected values and the parts are text/plain then
text/html with the expected contents; prints what differs otherwise.
"""

import email
import email.policy
import sys


def main():
    path, subject, text, html, unsubscribe = sys.argv[1:6]
    with open(path, "rb") as f:
        raw = f.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    problems = []
    if message.defects:
        problems.append("message defects: %r" % message.defects)
    if str(message["Subject"]) != subject:
        problems.append("Subject %r, expected %r" % (str(message["Subject"]), subject))
    if message["MIME-Version"] != "1.0":
        problems.append("MIME-Version %r" % message["MIME-Version"])
    if message["List-Unsubscribe"] != "<%s>" % unsubscribe:
        problems.append("List-Unsubscribe %r" % message["List-Unsubscribe"])
    if message["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click":
        problems.append("List-Unsubscribe-Post %r" % message["List-Unsubscribe-Post"])
    if message["Date"].datetime is None:
        problems.append("Date %r does not parse" % message["Date"])
    if message.get_content_type() != "multipart/alternative":
        problems.append("Content-Type %r" % message.get_content_type())
    parts = list(message.iter_parts())
    types = [part.get_content_type() for part in parts]
    if types != ["text/plain", "text/html"]:
        problems.append("parts %r, expected text/plain then text/html" % types)
    else:
        for part, expected in zip(parts, (text, html)):
            got = part.get_content().replace("\r\n", "\n").rstrip("\n")
            if got != expected.rstrip("\n"):
                problems.append("%s body %r, expected %r"
                                % (part.get_content_type(), got, expected))
            if part.defects:
                problems.append("part defects: %r" % part.defects)
    for line in raw.split(b"\r\n"):
        if len(line) > 78:
            problems.append("line longer than 78 characters: %r" % line)
    if b"\n" in raw.replace(b"\r\n", b""):
        problems.append("bare LF in the message")
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


main()
