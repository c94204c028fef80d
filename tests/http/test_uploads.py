"""Photo uploads through nginx: the multipart parser, the photo pipeline and the store.

The test stack's workers run with RATUSZ_TEST_HOOKS=1, which serves POST
/test/upload (a "title" text field and up to five "photo" files of 10 MiB) and
GET /test/upload/TOKEN/photo or /thumb. Images are made with Debian's
python3-pil and read back with it.
"""

import io
import os
import re
import socket
import unittest
import urllib.parse
import uuid

from PIL import Image

from portal_client import BASE_URL, request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GPS_IFD = 0x8825
MIB = 1024 * 1024


def jpeg_with_gps(size=(800, 600), orientation=None):
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"
    exif[GPS_IFD] = {1: "N", 2: (52.0, 13.0, 30.0), 3: "E", 4: (21.0, 0.0, 45.0)}
    if orientation is not None:
        exif[0x0112] = orientation
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def multipart(fields=(), files=(), boundary=None):
    """Return (Content-Type, body) for text fields and (name, filename, bytes) files."""
    boundary = boundary or "----ratusz" + uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields:
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                   .encode())
        body.write(value.encode() + b"\r\n")
    for name, filename, data in files:
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                   f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode())
        body.write(data + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", body.getvalue()


def upload(fields=(), files=()):
    content_type, body = multipart(fields, files)
    return request("/test/upload", method="POST", body=body,
                   headers={"Content-Type": content_type})


def status_for_announced_length(path, length, content_type):
    """Send only the headers of a POST announcing length bytes; return the status nginx sends."""
    url = urllib.parse.urlsplit(BASE_URL)
    with socket.create_connection((url.hostname, url.port), timeout=30) as conn:
        conn.sendall((f"POST {path} HTTP/1.1\r\nHost: {url.hostname}\r\n"
                      f"Content-Type: {content_type}\r\nContent-Length: {length}\r\n"
                      "Connection: close\r\n\r\n").encode())
        reply = b""
        while b"\r\n" not in reply:
            chunk = conn.recv(4096)
            if not chunk:
                break
            reply += chunk
    return int(reply.split(b" ", 2)[1])


class UploadTest(unittest.TestCase):
    def test_gps_jpeg_stored_without_exif(self):
        original = jpeg_with_gps()
        self.assertIn(GPS_IFD, Image.open(io.BytesIO(original)).getexif())
        response = upload([("title", "Dziura w jezdni")], [("photo", "IMG_1.jpg", original)])
        self.assertEqual(response.status, 200, response.text)
        result = response.json()
        self.assertEqual(result["title"], "Dziura w jezdni")
        self.assertEqual(len(result["photos"]), 1)
        photo = result["photos"][0]
        self.assertEqual((photo["width"], photo["height"]), (800, 600))
        stored = request(f"/test/upload/{photo['token']}/photo")
        self.assertEqual(stored.status, 200)
        image = Image.open(io.BytesIO(stored.body))
        self.assertEqual(image.format, "JPEG")
        self.assertEqual(image.size, (800, 600))
        self.assertEqual(len(image.getexif()), 0)
        self.assertNotIn("exif", image.info)
        self.assertNotIn(b"Exif", stored.body)
        self.assertNotIn(b"ExampleCam", stored.body)

    def test_stored_photo_headers(self):
        response = upload(files=[("photo", "a.jpg", jpeg_with_gps())])
        token = response.json()["photos"][0]["token"]
        stored = request(f"/test/upload/{token}/thumb")
        self.assertEqual(stored.status, 200)
        self.assertEqual(stored.header("Content-Type"), "image/jpeg")
        self.assertIn("nosniff", stored.header("X-Content-Type-Options"))
        self.assertEqual(stored.header("Content-Disposition"), "inline")
        self.assertEqual(stored.header("Cache-Control"), "private, no-cache")
        self.assertEqual(Image.open(io.BytesIO(stored.body)).size, (400, 300))
        etag = stored.header("ETag")
        self.assertRegex(etag, r'^"[A-Za-z0-9_-]{22}\.t"$')
        again = request(f"/test/upload/{token}/thumb", headers={"If-None-Match": etag})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")
        public = request(f"/test/upload/{token}/photo?public=1")
        self.assertEqual(public.header("Cache-Control"), "public, max-age=31536000, immutable")

    def test_unknown_token_not_found(self):
        response = request("/test/upload/AAAAAAAAAAAAAAAAAAAAAA/photo")
        self.assertEqual(response.status, 404)
        response = request("/test/upload/AAAAAAAAAAAAAAAAAAAAAA/other")
        self.assertEqual(response.status, 404)

    def test_markup_named_jpg_rejected(self):
        html = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        response = upload(files=[("photo", "a.jpg", html), ("photo", "b.jpg", svg)])
        self.assertEqual(response.status, 200, response.text)
        photos = response.json()["photos"]
        self.assertEqual([p["error"]["key"] for p in photos], ["Photo.NotImage"] * 2)
        self.assertIn("nie jest zdjęciem", photos[0]["error"]["message"])
        self.assertNotIn("token", photos[0])

    def test_orientation_applied(self):
        response = upload(files=[("photo", "r.jpg", jpeg_with_gps((300, 200), 6))])
        photo = response.json()["photos"][0]
        self.assertEqual(photo["orientation"], 6)
        self.assertEqual((photo["width"], photo["height"]), (200, 300))

    def test_file_over_limit_keeps_text(self):
        big = jpeg_with_gps() + b"\0" * (10 * MIB)
        response = upload([("title", "Mój opis")], [("photo", "big.jpg", big)])
        self.assertEqual(response.status, 200, response.text)
        result = response.json()
        self.assertEqual(result["title"], "Mój opis")
        self.assertEqual(result["photos"], [])
        self.assertEqual(result["upload_problem"]["key"], "Upload.FileTooLarge")
        self.assertIn("big.jpg", result["upload_problem"]["message"])

    def test_six_files_rejected(self):
        files = [("photo", f"{n}.jpg", jpeg_with_gps((100, 100))) for n in range(6)]
        result = upload(files=files).json()
        self.assertEqual(result["photos"], [])
        self.assertEqual(result["upload_problem"]["key"], "Upload.TooManyFiles")

    def test_five_large_files_accepted(self):
        # Five files just under 10 MiB each pass nginx and the worker.
        padding = b"\0" * (10 * MIB - 200 * 1024)
        files = [("photo", f"{n}.jpg", jpeg_with_gps((100, 100)) + padding)
                 for n in range(5)]
        response = upload([("title", "pięć")], files)
        self.assertEqual(response.status, 200, response.text[:300])
        self.assertEqual(len(response.json()["photos"]), 5)
        self.assertTrue(all("token" in p for p in response.json()["photos"]))

    def test_malformed_body_gets_polish_reason(self):
        content_type, body = multipart([("title", "x")])
        response = request("/test/upload", method="POST", body=body + b"garbage",
                           headers={"Content-Type": content_type})
        self.assertEqual(response.status, 400)
        self.assertIn("po jego końcu są dodatkowe dane", response.text)

    def test_upload_body_over_limit_rejected_by_nginx(self):
        status = status_for_announced_length("/test/upload", 51 * MIB + 1,
                                             "multipart/form-data; boundary=x")
        self.assertEqual(status, 413)
        page = request("/static/errors/413.html")
        self.assertIn("najwyżej 51 MB", page.text)

    def test_form_body_over_limit_rejected(self):
        status = status_for_announced_length("/konto/logowanie", 64 * 1024 + 1,
                                             "application/x-www-form-urlencoded")
        self.assertEqual(status, 413)
        response = request("/konto/logowanie", method="POST", body=b"email=" + b"a" * 70000,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(response.status, 413)

    def test_multipart_refused_on_form_route(self):
        content_type, body = multipart([("email", "a@example.pl")])
        response = request("/konto/logowanie", method="POST", body=body,
                           headers={"Content-Type": content_type})
        self.assertEqual(response.status, 400)


class UploadLimitsMatchTest(unittest.TestCase):
    """nginx must reject exactly the bodies the workers reject."""

    def header_limit(self, name):
        with open(os.path.join(REPO, "app", "web", "request.h"), encoding="utf-8") as f:
            match = re.search(rf"#define {name}\s+\(([0-9 *]+)\)", f.read())
        self.assertIsNotNone(match, name)
        value = 1
        for factor in match.group(1).split("*"):
            value *= int(factor)
        return value

    def nginx_limits(self, path):
        with open(os.path.join(REPO, path), encoding="utf-8") as f:
            sizes = re.findall(r"client_max_body_size (\d+)([km]);", f.read())
        return sorted(int(n) * (1024 if unit == "k" else MIB) for n, unit in sizes)

    def test_limits_match(self):
        expected = sorted([self.header_limit("REQ_MAX_BODY"),
                           self.header_limit("REQ_MAX_UPLOAD_BODY")])
        for path in ("nginx/ratusz.conf", "nginx/dev.conf.in"):
            with self.subTest(path=path):
                self.assertEqual(self.nginx_limits(path), expected)


if __name__ == "__main__":
    unittest.main()
