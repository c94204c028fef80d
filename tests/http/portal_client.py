"""HTTP client and a small HTML tree for the resident portal tests.

RATUSZ_URL names the stack (tools/dev test sets it). Requests go through
http.client so that redirects and error statuses reach the test unchanged.
"""

import html.parser
import http.client
import json
import os
import urllib.parse

BASE_URL = os.environ.get("RATUSZ_URL", "http://127.0.0.1:8181").rstrip("/")

# The day most tests treat as today: a Monday in the Przodkowo calendar's year.
DEFAULT_NOW = "2025-01-20T10:00:00Z"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        return self.headers.get(name)

    def header_list(self, name):
        return self.headers.get_all(name) or []


def request(path, method="GET", now=DEFAULT_NOW, headers=None, body=None):
    """Send one request to the stack, with now (ISO 8601) in X-Ratusz-Now unless it is None."""
    url = urllib.parse.urlsplit(BASE_URL)
    connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
    all_headers = {}
    if now is not None:
        all_headers["X-Ratusz-Now"] = now
    all_headers.update(headers or {})
    try:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        return Response(response.status, response.msg, response.read())
    finally:
        connection.close()


def path_of(url):
    """Return the path and query of an absolute URL the portal returned."""
    parts = urllib.parse.urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def quote(text):
    return urllib.parse.quote(text, safe="")


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []
        self.parts = []

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        """Return the text of the element and its descendants, spaces collapsed."""
        return " ".join("".join(self._pieces()).split())

    def _pieces(self):
        for part in self.parts:
            if isinstance(part, Element):
                yield from part._pieces()
            else:
                yield part

    def find_all(self, tag=None, cls=None, **attrs):
        found = []
        for child in self.children:
            if ((tag is None or child.tag == tag) and (cls is None or cls in child.classes)
                    and all(child.attrs.get(k) == v for k, v in attrs.items())):
                found.append(child)
            found.extend(child.find_all(tag, cls, **attrs))
        return found

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None


class TreeBuilder(html.parser.HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.parts.append(element)
        if tag not in self.VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.parts.append(element)

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.parts.append(data)


def parse_html(text):
    """Return the root Element of an HTML document."""
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
