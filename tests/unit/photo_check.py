"""Check that a JPEG written by photo_process carries no metadata (Debian's python3-pil).

Usage: photo_check.py FILE WIDTH HEIGHT

Exits 0 when FILE is a baseline JPEG of WIDTH x HEIGHT pixels without EXIF,
XMP, ICC profile or comment, and prints the reason and exits 1 otherwise.
"""
import sys

from PIL import Image


def segments(data):
    """Yield the marker of each JPEG segment before the first scan."""
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        yield marker
        if marker == 0xDA:
            return
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")


def main():
    path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    image = Image.open(path)
    problems = []
    if image.format != "JPEG":
        problems.append(f"format {image.format}")
    if image.size != (width, height):
        problems.append(f"size {image.size}")
    if len(image.getexif()) != 0:
        problems.append(f"EXIF tags {dict(image.getexif())}")
    for key in ("exif", "xmp", "icc_profile", "comment", "progressive", "progression"):
        if key in image.info:
            problems.append(f"info {key}")
    with open(path, "rb") as f:
        data = f.read()
    markers = set(segments(data))
    # APP0 (JFIF) is the only application segment allowed; COM (0xFE) is a comment.
    extra = sorted(m for m in markers if (0xE1 <= m <= 0xEF) or m == 0xFE)
    if extra:
        problems.append("segments " + ", ".join(f"{m:#04x}" for m in extra))
    if b"Exif" in data or b"GPS" in data or b"secret comment" in data:
        problems.append("metadata bytes found")
    image.load()
    if problems:
        print("; ".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
