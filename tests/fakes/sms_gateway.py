#!/usr/bin/python3
"""A local stand-in for the SMSAPI.pl HTTP API (POST /sms.do) for the SMS tests.

Usage: sms_gateway.py PORT RECORD_FILE TOKEN

Listens on 127.0.0.1:PORT only. Every POST /sms.do is appended to RECORD_FILE as
one JSON line with the form fields and whether the Bearer token matched. The token
itself is not written. Responses have SMSAPI's form: {count, list: [...]} or
{error, message}.

One request may name many numbers of one text, as SMSAPI's sms.do takes them: "to"
lists the numbers separated by ",", and "idx" their idx values separated by "|" in
the same order. The answer lists one entry per accepted number with its own id,
number and idx. Numbers set with reject_number are left out of the list and named
in "invalid_numbers"; when no number is left, the answer is error 13 with that list.
With check_idx=1, a request with any idx used before gets error 53 and nothing of
it is sent; whether SMSAPI sends the other numbers of such a request is not known,
so this fake takes the stricter reading.

Control, as JSON posted to /control:
  {"mode": "ok" | "500" | "503" | "429" | "timeout", "times": N,
   "retry_after": SECONDS, "sleep": SECONDS}
      the next N requests (default 1) fail that way, then "ok" again; "timeout"
      accepts the message, then sleeps before answering, like a gateway whose
      answer is lost;
  {"reject_number": "48600100200"}  answers error 13 for that number;
  {"reset": true}                   forgets messages, idx values and faults.
GET /messages lists the accepted messages: {id, idx, number, notify_url, message}.
POST /notify with {"id": MESSAGE_ID, "status": CODE} calls the message's
notify_url back with GET MsgId, status, idx, donedate, username and points, and
returns {"status": HTTP_STATUS, "body": TEXT}. With {"ids": [ID, ...], "status":
CODE} it reports on several messages of one notify_url in one call, each of
MsgId, status, idx, donedate and points then listing one value per message
separated by ",". Only loopback URLs are called.
"""

import itertools
import json
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


class Gateway:
    """State shared by the request threads."""

    def __init__(self, record_file, token):
        self.record_file = record_file
        self.token = token
        self.lock = threading.Lock()
        self.ids = itertools.count(1)
        self.reset()

    def reset(self):
        self.used_idx = set()
        self.messages = {}
        self.faults = []
        self.rejected = set()

    def record(self, entry):
        with self.lock, open(self.record_file, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def next_fault(self):
        with self.lock:
            return self.faults.pop(0) if self.faults else None

    def accept(self, form):
        """Return the SMSAPI response to a send request, storing accepted messages."""
        numbers = form.get("to", "").split(",")
        idx_values = form.get("idx", "").split("|") if form.get("idx") else []
        with self.lock:
            invalid = [{"number": n, "submitted_number": n, "message": "Invalid phone number"}
                       for n in numbers if n in self.rejected]
            if len(invalid) == len(numbers):
                return {"error": 13, "message": "No correct phone numbers",
                        "invalid_numbers": invalid}
            if form.get("check_idx") == "1" and any(i in self.used_idx for i in idx_values):
                return {"error": 53, "message": "Not unique idx parameter, message with "
                        "the same idx has been already sent and check_idx=1"}
            self.used_idx.update(idx_values)
            listed = []
            for position, number in enumerate(numbers):
                if number in self.rejected:
                    continue
                message_id = "FAKE%08d" % next(self.ids)
                idx = idx_values[position] if position < len(idx_values) else None
                self.messages[message_id] = {"idx": idx, "number": number,
                                             "notify_url": form.get("notify_url"),
                                             "message": form.get("message")}
                listed.append({"id": message_id, "points": 0.16, "number": number,
                               "date_sent": int(time.time()), "submitted_number": number,
                               "status": "QUEUE", "error": None, "idx": idx})
            answer = {"count": len(listed), "list": listed}
            if invalid:
                answer["invalid_numbers"] = invalid
            return answer

    def notify(self, message_ids, status):
        """Call the notify_url of messages as SMSAPI does; return (status, body)."""
        with self.lock:
            messages = [self.messages.get(message_id) for message_id in message_ids]
        if not messages or None in messages or not messages[0]["notify_url"]:
            return 404, "no such message or no notify_url"
        if any(m["notify_url"] != messages[0]["notify_url"] for m in messages):
            return 400, "the messages have different notify_url values"
        url = urllib.parse.urlsplit(messages[0]["notify_url"])
        if url.hostname not in LOOPBACK_HOSTS:
            return 400, "notify_url is not a loopback address"
        count = len(messages)
        query = urllib.parse.urlencode({
            "MsgId": ",".join(message_ids), "status": ",".join([str(status)] * count),
            "idx": ",".join(m["idx"] or "" for m in messages),
            "donedate": ",".join([str(int(time.time()))] * count), "username": "test",
            "points": ",".join(["0.16"] * count)})
        target = messages[0]["notify_url"] + ("&" if url.query else "?") + query
        try:
            with urllib.request.urlopen(target, timeout=10) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")


class Handler(BaseHTTPRequestHandler):
    gateway = None

    def log_message(self, format, *args):
        pass

    def send_json(self, status, body, headers=()):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode("utf-8")

    def do_GET(self):
        if self.path == "/messages":
            with self.gateway.lock:
                listed = [dict(message, id=message_id)
                          for message_id, message in self.gateway.messages.items()]
            self.send_json(200, listed)
        else:
            self.send_json(404, {"error": "not found"})

    def do_POST(self):
        body = self.read_body()
        if self.path == "/control":
            self.control(json.loads(body))
        elif self.path == "/notify":
            request = json.loads(body)
            ids = request["ids"] if "ids" in request else [request["id"]]
            status, text = self.gateway.notify(ids, request["status"])
            self.send_json(200, {"status": status, "body": text})
        elif self.path == "/sms.do":
            self.send_sms(body)
        else:
            self.send_json(404, {"error": "not found"})

    def control(self, request):
        gateway = self.gateway
        with gateway.lock:
            if request.get("reset"):
                gateway.reset()
            if "reject_number" in request:
                gateway.rejected.add(request["reject_number"])
            if "mode" in request and request["mode"] != "ok":
                gateway.faults.extend([request] * int(request.get("times", 1)))
        self.send_json(200, {"ok": True})

    def send_sms(self, body):
        form = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
        authorized = self.headers.get("Authorization") == "Bearer " + self.gateway.token
        fault = self.gateway.next_fault() if authorized else None
        self.gateway.record({"time": time.time(), "authorized": authorized,
                             "fault": fault["mode"] if fault else None, "form": form})
        if not authorized:
            self.send_json(401, {"error": 101, "message": "Authorization failed"})
        elif fault is None:
            self.send_json(200, self.gateway.accept(form))
        elif fault["mode"] == "timeout":
            self.gateway.accept(form)
            time.sleep(float(fault.get("sleep", 40)))
            try:
                self.send_json(200, {"error": 201, "message": "answer sent too late"})
            except OSError:
                pass  # the client gave up waiting, as intended
        elif fault["mode"] == "429":
            self.send_json(429, {"error": 203, "message": "Too many requests"},
                           [("Retry-After", str(fault.get("retry_after", 7)))])
        else:
            self.send_json(int(fault["mode"]), {"error": 999, "message": "Internal error"})


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: sms_gateway.py PORT RECORD_FILE TOKEN")
    Handler.gateway = Gateway(sys.argv[2], sys.argv[3])
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    print("sms_gateway listening on 127.0.0.1:%s" % sys.argv[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
