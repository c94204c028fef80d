"""nginx/ratusz.conf, the production site, run by a private nginx on loopback.

The file's system paths and ports are swapped for temporary ones, a self-signed
certificate replaces the real one, and fcgi_peer.py plays the FastCGI workers.
"""

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import unittest

from fcgi_peer import FastCGIPeer

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NGINX = "/usr/sbin/nginx"
HOST = "ratusz.example.pl"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_certificate(directory):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
         "-keyout", key, "-out", cert],
        check=True, capture_output=True)
    return cert, key


def site_config(tmp, http_port, https_port, cert, key):
    """Return nginx/ratusz.conf with every system path and port made local."""
    with open(os.path.join(REPO, "nginx", "ratusz.conf"), encoding="utf-8") as f:
        text = f.read()
    replacements = [
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("ssl_certificate /etc/ssl/certs/ssl-cert-snakeoil.pem;", f"ssl_certificate {cert};"),
        ("ssl_certificate_key /etc/ssl/private/ssl-cert-snakeoil.key;",
         f"ssl_certificate_key {key};"),
        ("/etc/nginx/snippets/ratusz-security-headers.conf",
         os.path.join(REPO, "nginx", "security-headers.conf")),
        ("/usr/share/ratusz/static/", os.path.join(tmp, "static") + "/"),
        ("/run/ratusz/fcgi.sock", os.path.join(tmp, "fcgi.sock")),
        ("/var/cache/nginx/ratusz", os.path.join(tmp, "cache")),
        ("/var/www/letsencrypt", os.path.join(tmp, "acme")),
        # A slow test machine must not see a cached response expire between two requests.
        ("fastcgi_cache_valid 200 301 302 404 5s;", "fastcgi_cache_valid 200 301 302 404 300s;"),
    ]
    for old, new in replacements:
        if old not in text:
            raise AssertionError(f"nginx/ratusz.conf no longer contains {old!r}")
        text = text.replace(old, new)
    return text


def main_config(tmp, site_path):
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "".join(
        f"\t{kind}_temp_path {tmp}/{kind};\n"
        for kind in ("client_body", "fastcgi", "proxy", "uwsgi", "scgi"))
    return (f"{user}worker_processes 1;\ndaemon off;\npid {tmp}/nginx.pid;\n"
            f"error_log {tmp}/error.log warn;\nevents {{ worker_connections 128; }}\n"
            f"http {{\n\tinclude /etc/nginx/mime.types;\n\taccess_log {tmp}/access.log;\n"
            f"{temp_paths}\tinclude {site_path};\n}}\n")


class ProductionSiteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.access(NGINX, os.X_OK):
            raise unittest.SkipTest(f"{NGINX} not installed")
        cls.tmp = tempfile.mkdtemp(prefix="ratusz-nginx-")
        os.makedirs(os.path.join(cls.tmp, "static"))
        with open(os.path.join(cls.tmp, "static", "site.css"), "w", encoding="utf-8") as f:
            f.write("body { color: black; }\n")
        shutil.copytree(os.path.join(REPO, "static", "errors"),
                        os.path.join(cls.tmp, "static", "errors"))
        cls.cert, key = make_certificate(cls.tmp)
        cls.http_port, cls.https_port = free_port(), free_port()
        site = os.path.join(cls.tmp, "ratusz.conf")
        with open(site, "w", encoding="utf-8") as f:
            f.write(site_config(cls.tmp, cls.http_port, cls.https_port, cls.cert, key))
        cls.conf = os.path.join(cls.tmp, "nginx.conf")
        with open(cls.conf, "w", encoding="utf-8") as f:
            f.write(main_config(cls.tmp, site))
        cls.peer = FastCGIPeer(os.path.join(cls.tmp, "fcgi.sock")).start()
        cls.nginx = None
        cls.check = cls.run_nginx("-t")
        if cls.check.returncode == 0:
            cls.start_nginx()

    @classmethod
    def run_nginx(cls, *args):
        return subprocess.run([NGINX, "-p", cls.tmp, "-c", cls.conf,
                               "-e", os.path.join(cls.tmp, "error.log"), *args],
                              capture_output=True, text=True)

    @classmethod
    def start_nginx(cls):
        cls.nginx = subprocess.Popen([NGINX, "-p", cls.tmp, "-c", cls.conf,
                                      "-e", os.path.join(cls.tmp, "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", cls.https_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not open its HTTPS port")

    @classmethod
    def tearDownClass(cls):
        if cls.nginx is not None:
            cls.nginx.terminate()
            cls.nginx.wait(timeout=30)
        cls.peer.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        if self.nginx is None:
            self.fail(f"nginx -t rejected nginx/ratusz.conf:\n{self.check.stderr}")

    def request(self, path, headers=None, method="GET", body=None):
        context = ssl.create_default_context(cafile=self.cert)
        connection = http.client.HTTPSConnection("127.0.0.1", self.https_port,
                                                 context=context, timeout=30)
        try:
            connection.request(method, path, body=body,
                               headers={"Host": HOST, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()

    def test_config_passes_nginx_check(self):
        self.assertEqual(self.check.returncode, 0, self.check.stderr)

    def test_plain_http_redirects_to_https(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
        connection.request("GET", "/gmina/1261011?x=1", headers={"Host": HOST})
        response = connection.getresponse()
        connection.close()
        self.assertEqual(response.status, 301)
        self.assertEqual(response.headers["Location"], f"https://{HOST}/gmina/1261011?x=1")

    def test_security_headers_on_pages(self):
        status, headers, _ = self.request("/headers-page")
        self.assertEqual(status, 200)
        self.assertIn("default-src 'self'", headers["Content-Security-Policy"])
        self.assertIn("frame-ancestors 'none'", headers["Content-Security-Policy"])
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(headers["Referrer-Policy"], "same-origin")
        self.assertIn("camera=()", headers["Permissions-Policy"])
        self.assertIn("max-age=", headers["Strict-Transport-Security"])

    def test_static_files_cached_long(self):
        status, headers, body = self.request("/static/site.css")
        self.assertEqual(status, 200)
        self.assertIn("color: black", body)
        self.assertEqual(headers["Cache-Control"], "max-age=2592000")
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")

    def test_missing_static_file_keeps_headers(self):
        status, headers, _ = self.request("/static/missing.css")
        self.assertEqual(status, 404)
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertIn("default-src 'self'", headers["Content-Security-Policy"])

    def test_anonymous_get_is_micro_cached(self):
        _, first_headers, first = self.request("/cached-page")
        _, second_headers, second = self.request("/cached-page")
        self.assertEqual(first_headers["X-Cache-Status"], "MISS")
        self.assertEqual(second_headers["X-Cache-Status"], "HIT")
        self.assertEqual(first, second)

    def test_response_setting_cookie_not_cached(self):
        _, first_headers, first = self.request("/cookie")
        _, second_headers, second = self.request("/cookie")
        self.assertIn("session=abc", second_headers["Set-Cookie"])
        self.assertNotEqual(first, second)
        self.assertNotEqual(second_headers["X-Cache-Status"], "HIT")

    def test_request_with_cookie_bypasses_cache(self):
        _, _, anonymous = self.request("/personal-page")
        _, headers, personal = self.request("/personal-page", {"Cookie": "session=abc"})
        self.assertEqual(headers["X-Cache-Status"], "BYPASS")
        self.assertNotEqual(anonymous, personal)
        _, headers, again = self.request("/personal-page")
        self.assertEqual(headers["X-Cache-Status"], "HIT")
        self.assertEqual(again, anonymous)

    def test_private_and_no_store_not_cached(self):
        for path in ("/private", "/no-store"):
            with self.subTest(path=path):
                _, _, first = self.request(path)
                _, headers, second = self.request(path)
                self.assertNotEqual(first, second)
                self.assertNotEqual(headers["X-Cache-Status"], "HIT")

    def test_public_response_cached_with_its_header(self):
        self.request("/public")
        _, headers, _ = self.request("/public")
        self.assertEqual(headers["X-Cache-Status"], "HIT")
        self.assertEqual(headers["Cache-Control"], "public, max-age=300")

    def test_post_never_cached(self):
        _, _, first = self.request("/form", method="POST")
        _, _, second = self.request("/form", method="POST")
        self.assertNotEqual(first, second)

    def test_report_form_takes_photo_sized_bodies(self):
        # 1 MiB: over the 64 KiB of every other route, under the 51 MiB of uploads.
        body = b"x" * (1024 * 1024)
        headers = {"Content-Type": "multipart/form-data; boundary=x"}
        status, _, text = self.request("/gmina/1261011/zgloszenia/nowe", headers,
                                       method="POST", body=body)
        self.assertEqual(status, 200)
        self.assertIn("for /gmina/1261011/zgloszenia/nowe", text)
        status, _, text = self.request("/konto/logowanie", headers, method="POST", body=body)
        self.assertEqual(status, 413)
        self.assertIn("wysłane dane są za duże", text)

    def test_report_form_over_limit_gets_photo_page(self):
        # Only the headers are sent: nginx responds from Content-Length alone.
        context = ssl.create_default_context(cafile=self.cert)
        with socket.create_connection(("127.0.0.1", self.https_port), timeout=30) as raw:
            with context.wrap_socket(raw, server_hostname=HOST) as conn:
                conn.sendall((f"POST /gmina/1261011/zgloszenia/nowe HTTP/1.1\r\nHost: {HOST}\r\n"
                              f"Content-Type: multipart/form-data; boundary=x\r\n"
                              f"Content-Length: {51 * 1024 * 1024 + 1}\r\n"
                              "Connection: close\r\n\r\n").encode())
                reply = b""
                while chunk := conn.recv(65536):
                    reply += chunk
        self.assertTrue(reply.startswith(b"HTTP/1.1 413 "), reply[:80])
        self.assertIn("najwyżej 51 MB", reply.decode("utf-8", "replace"))

    def test_health_bypasses_cache(self):
        _, _, first = self.request("/health")
        _, headers, second = self.request("/health")
        self.assertNotEqual(first, second)
        self.assertNotIn("X-Cache-Status", headers)

    def test_api_rate_limit_spares_pages(self):
        # 5 requests a second with a burst of 20: 100 requests sent back to back must
        # meet 429 unless sending them took over 16 seconds.
        statuses = [self.request(f"/api/v1/limit?n={n}")[0] for n in range(100)]
        self.assertIn(429, statuses)
        self.assertEqual(statuses[0], 200)
        status, _, _ = self.request("/pages-after-api-limit")
        self.assertEqual(status, 200)


if __name__ == "__main__":
    unittest.main()
