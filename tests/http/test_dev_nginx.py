"""The nginx in front of the test stack (nginx/dev.conf.in): headers and static files."""

import os
import unittest
import urllib.error
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BASE_URL = os.environ.get("RATUSZ_URL", "http://127.0.0.1:8181")


def fetch(path):
    """Return (status, headers, body) of a GET, also for error statuses."""
    try:
        with urllib.request.urlopen(BASE_URL + path, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def first_static_file():
    for directory, _, names in sorted(os.walk(os.path.join(REPO, "static"))):
        for name in sorted(names):
            return os.path.relpath(os.path.join(directory, name), os.path.join(REPO, "static"))
    return None


class DevNginxTest(unittest.TestCase):
    def test_health_through_nginx(self):
        status, headers, _ = fetch("/health")
        self.assertEqual(status, 200)
        self.assertIn("default-src 'self'", headers["Content-Security-Policy"])
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(headers["X-Frame-Options"], "DENY")

    def test_missing_static_file_keeps_headers(self):
        status, headers, _ = fetch("/static/no-such-file.css")
        self.assertEqual(status, 404)
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertIn("frame-ancestors 'none'", headers["Content-Security-Policy"])

    def test_static_file_served_from_repository(self):
        name = first_static_file()
        if name is None:
            self.skipTest("static/ contains no file yet")
        with open(os.path.join(REPO, "static", name), "rb") as f:
            expected = f.read()
        status, headers, body = fetch("/static/" + name)
        self.assertEqual(status, 200)
        self.assertEqual(body, expected)
        self.assertEqual(headers["Cache-Control"], "max-age=2592000")

    def test_static_path_traversal_rejected(self):
        status, _, body = fetch("/static/../configure.ac")
        self.assertNotEqual(status, 200)
        self.assertNotIn(b"AC_INIT", body)


if __name__ == "__main__":
    unittest.main()
