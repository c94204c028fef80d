"""Write the input images of photo_test.c into a directory (Debian's python3-pil).

Usage: photo_fixtures.py OUTDIR

The upright picture is 96x64 pixels in four colour quadrants: red top left,
green top right, blue bottom left, yellow bottom right. Each orient_N.jpg
stores that picture turned so that EXIF orientation N shows it upright again.
"""
import io
import struct
import sys
import zlib

from PIL import Image, ImageDraw

ORIENTATION = 0x0112
GPS_IFD = 0x8825
# PIL's transpose that turns a stored image upright for each orientation
# (as PIL.ImageOps.exif_transpose does); the stored image needs its inverse.
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
INVERSE = {
    Image.Transpose.ROTATE_270: Image.Transpose.ROTATE_90,
    Image.Transpose.ROTATE_90: Image.Transpose.ROTATE_270,
}


def upright(size=(96, 64), mode="RGB"):
    width, height = size
    image = Image.new(mode, size)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 2 - 1, height // 2 - 1), fill=(255, 0, 0))
    draw.rectangle((width // 2, 0, width - 1, height // 2 - 1), fill=(0, 255, 0))
    draw.rectangle((0, height // 2, width // 2 - 1, height - 1), fill=(0, 0, 255))
    draw.rectangle((width // 2, height // 2, width - 1, height - 1), fill=(255, 255, 0))
    return image


def stored_for(orientation, image):
    if orientation == 1:
        return image
    method = UPRIGHT[orientation]
    return image.transpose(INVERSE.get(method, method))


def write_orientations(outdir):
    for orientation in range(1, 9):
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        stored_for(orientation, upright()).save(
            f"{outdir}/orient_{orientation}.jpg", quality=95, exif=exif.tobytes())
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    stored_for(6, upright()).save(f"{outdir}/orient_6.webp", lossless=True,
                                  exif=exif.tobytes())
    exif = Image.Exif()
    exif[ORIENTATION] = 3
    stored_for(3, upright()).save(f"{outdir}/orient_3.png", exif=exif.tobytes())


def write_gps(outdir):
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"   # Make
    exif[0x0110] = "Model 1"      # Model
    exif[0x0132] = "2026:05:01 12:00:00"
    exif[GPS_IFD] = {1: "N", 2: (52.0, 13.0, 30.0), 3: "E", 4: (21.0, 0.0, 45.0)}
    path = f"{outdir}/gps.jpg"
    upright((640, 480)).save(path, quality=90, exif=exif.tobytes(),
                             comment=b"secret comment")
    # The fixture must really carry GPS data, or the test could not fail.
    gps = Image.open(path).getexif().get_ifd(GPS_IFD)
    assert gps.get(1) == "N" and gps.get(2), gps


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def write_bomb(outdir, side=20000):
    """A valid 1-bit PNG of side x side white pixels that compresses to some 50 KB."""
    row = b"\0" + b"\xff" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    with open(f"{outdir}/bomb.png", "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)))
        out.write(png_chunk(b"IDAT", data))
        out.write(png_chunk(b"IEND", b""))


def write_misc(outdir):
    with open(f"{outdir}/page.jpg", "wb") as out:
        out.write(b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n")
    with open(f"{outdir}/drawing.jpg", "wb") as out:
        out.write(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
                  b'width="100" height="100"><script>alert(1)</script></svg>\n')
    upright().save(f"{outdir}/still.gif")
    upright((10, 10)).save(f"{outdir}/tiny.png")
    upright((64, 257)).save(f"{outdir}/tall.png")
    upright((4000, 3000)).save(f"{outdir}/large.jpg", quality=80)
    upright().convert("P", palette=Image.Palette.ADAPTIVE, colors=8).save(
        f"{outdir}/palette.png")
    upright().convert("CMYK").save(f"{outdir}/cmyk.jpg", quality=95)
    upright().save(f"{outdir}/lossy.webp", quality=90)
    transparent = upright(mode="RGBA")
    transparent.putpixel((0, 0), (0, 0, 0, 0))
    ImageDraw.Draw(transparent).rectangle((0, 0, 15, 15), fill=(0, 0, 0, 0))
    transparent.save(f"{outdir}/transparent.png")
    frames = [upright(), upright().transpose(Image.Transpose.ROTATE_180)]
    frames[0].save(f"{outdir}/animated.webp", save_all=True, append_images=frames[1:],
                   duration=100, loop=0)
    buffer = io.BytesIO()
    upright().save(buffer, format="JPEG")
    # libjpeg stops at the end-of-image marker, so only the scan count tells these apart.
    for name, scans in (("scans_400.jpg", 400), ("scans_600.jpg", 600)):
        with open(f"{outdir}/{name}", "wb") as out:
            out.write(buffer.getvalue() + b"\xff\xda" * scans)
    upright().save(f"{outdir}/progressive.jpg", quality=90, progressive=True)
    # Cut inside the header segments, before the frame header.
    with open(f"{outdir}/cut.jpg", "wb") as out:
        out.write(buffer.getvalue()[:40])


def main():
    outdir = sys.argv[1]
    write_orientations(outdir)
    write_gps(outdir)
    write_bomb(outdir)
    write_misc(outdir)


if __name__ == "__main__":
    main()
