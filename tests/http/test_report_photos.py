"""HTTP tests of photos on the problem report form: up to five photos in the same
multipart POST, re-encoded without metadata (EXIF orientation applied) and stored
with the report in one transaction; a rejected photo or a form shown again asks for
the photos again with a sentence beside the field, keeping the typed text.

Runs against the stack of tools/dev test; see report_fixture.py for the test data.
"""

import glob
import http.client
import io
import os
import re
import unittest
import urllib.parse
import uuid

from PIL import Image

from portal_client import BASE_URL, parse_html
from report_fixture import (FORM, LAT, LON, Fixture, created_number, fresh_client,
                            new_email, one, register_confirmed, sql)
from test_accounts import Result, read_config

fixture = None
resident = None
DESCRIPTION = "Śmieci przy drodze 🗑️ <b>pilne</b>"


def setUpModule():
    global fixture, resident
    fixture = Fixture()
    fresh_client()
    resident = register_confirmed(new_email("zdjecia"))


def jpeg(size=(800, 600), orientation=None, gps=True):
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"
    if gps:
        exif[0x8825] = {1: "N", 2: (54.0, 22.0, 30.0), 3: "E", 4: (18.0, 17.0, 16.0)}
    if orientation is not None:
        exif[0x0112] = orientation
    out = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def multipart(fields, files):
    boundary = "----raport" + uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields:
        body.write(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n'
                    % (boundary, name)).encode())
        body.write(value.encode("utf-8") + b"\r\n")
    for filename, data in files:
        body.write(('--%s\r\nContent-Disposition: form-data; name="photo"; filename="%s"\r\n'
                    'Content-Type: image/jpeg\r\n\r\n' % (boundary, filename)).encode("utf-8"))
        body.write(data + b"\r\n")
    body.write(("--%s--\r\n" % boundary).encode())
    return "multipart/form-data; boundary=%s" % boundary, body.getvalue()


def post_form(browser, fields, files):
    """Post the report form as multipart/form-data with the browser's session."""
    browser.get("%s?kategoria=%d" % (FORM, fixture.lamp))
    fields = [("csrf", browser.csrf), ("category", str(fixture.lamp))] + list(fields)
    content_type, body = multipart(fields, files)
    url = urllib.parse.urlsplit(BASE_URL)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60,
                                            source_address=(browser.source, 0))
    try:
        connection.request("POST", FORM, body=body, headers={
            "Content-Type": content_type, "Cookie": browser.cookie_header(),
            "Origin": BASE_URL})
        response = connection.getresponse()
        return Result(response.status, response.msg, response.read())
    finally:
        connection.close()


def base_fields(**extra):
    fields = {"description": DESCRIPTION, "lat": "%.6f" % LAT, "lon": "%.6f" % LON,
              "nearby_seen": "1", "action": "send"}
    fields.update(extra)
    return [(k, v) for k, v in fields.items() if v is not None]


def stored_files():
    directory = read_config().get("upload_dir", "")
    return set(glob.glob(os.path.join(directory, "*", "*.jpg")))


def photo_error(result):
    node = parse_html(result.text).find(id="photo-error")
    return node.text() if node is not None else None


class PhotoTest(unittest.TestCase):
    def test_photos_stored_without_metadata(self):
        before = stored_files()
        result = post_form(resident, base_fields(),
                           [("dziura.jpg", jpeg(orientation=6)), ("druga.jpg", jpeg((640, 480)))])
        self.assertEqual(result.status, 303, result.text)
        number = created_number(result)
        report_id = one("SELECT id FROM report WHERE public_number = %s AND tenant_id = %s",
                        number, fixture.tenant)
        self.assertEqual(one("SELECT description FROM report WHERE id = %s", report_id),
                         DESCRIPTION)
        rows = sql("SELECT token, width, height, sort_order FROM report_photo"
                   " WHERE report_id = %s ORDER BY sort_order", report_id)
        self.assertEqual([row[1:] for row in rows], [["600", "800", "0"], ["640", "480", "1"]],
                         "the EXIF orientation is applied to the first photo")
        directory = read_config()["upload_dir"]
        for token, *_ in rows:
            path = os.path.join(directory, token[:2], token + ".jpg")
            with self.subTest(token=token):
                self.assertIn(path, stored_files() - before)
                with Image.open(path) as image:
                    self.assertEqual(dict(image.getexif()), {}, "no EXIF, no GPS")
                with open(path, "rb") as f:
                    self.assertNotIn(b"ExampleCam", f.read())

    def test_not_an_image_rejected_text_kept(self):
        before = stored_files()
        count = one("SELECT COUNT(*) FROM report WHERE description = %s", DESCRIPTION)
        result = post_form(resident, base_fields(),
                           [("dobre.jpg", jpeg()), ("notatka.jpg", b"to nie jest zdjecie")])
        self.assertEqual(result.status, 400)
        self.assertIn("notatka.jpg", photo_error(result))
        self.assertIn("nie jest zdjęciem", photo_error(result))
        description = parse_html(result.text).find("textarea", name="description")
        self.assertEqual("".join(p for p in description.parts if isinstance(p, str)),
                         DESCRIPTION)
        self.assertEqual(one("SELECT COUNT(*) FROM report WHERE description = %s",
                             DESCRIPTION), count)
        self.assertEqual(stored_files(), before, "the good photo was not kept either")

    def test_six_photos_rejected(self):
        result = post_form(resident, base_fields(),
                           [("p%d.jpg" % i, jpeg((100, 100))) for i in range(6)])
        self.assertEqual(result.status, 400)
        self.assertIn("najwyżej 5", photo_error(result))

    def test_form_error_asks_for_photos_again(self):
        result = post_form(resident, base_fields(description=None), [("a.jpg", jpeg())])
        self.assertEqual(result.status, 400)
        self.assertIn("Opisz problem", parse_html(result.text).find(id="description-error").text())
        self.assertIn("Dodaj je ponownie", photo_error(result))

    def test_too_large_names_limit(self):
        result = post_form(resident, base_fields(), [("duze.jpg", b"\xff" * (10 * 1024 * 1024 + 1))])
        self.assertEqual(result.status, 400)
        self.assertIn("duze.jpg", photo_error(result))
        self.assertIn("najwyżej 10 MB", photo_error(result))

    def test_html_as_jpeg_named_beside_other_errors(self):
        page = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
        result = post_form(resident, base_fields(description=None), [("zdjecie.jpg", page)])
        self.assertEqual(result.status, 400)
        self.assertIn("Opisz problem", parse_html(result.text).find(id="description-error").text())
        self.assertIn("zdjecie.jpg", photo_error(result))
        self.assertIn("nie jest zdjęciem", photo_error(result))

    def test_form_is_multipart_with_photo_field(self):
        page = resident.get("%s?kategoria=%d" % (FORM, fixture.lamp))
        root = parse_html(page.text)
        self.assertEqual(root.find("form", id="report-form").attrs["enctype"],
                         "multipart/form-data")
        field = root.find("input", name="photo")
        self.assertEqual(field.attrs["type"], "file")
        self.assertIn("multiple", field.attrs)
        self.assertEqual(field.attrs["accept"], "image/jpeg,image/png,image/webp")


if __name__ == "__main__":
    unittest.main()
