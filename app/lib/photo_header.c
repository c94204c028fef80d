/* photo_header.c: image type, pixel dimensions and EXIF block from JPEG, PNG and WebP headers. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "photo.h"
#include "photo_header.h"

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[1] << 8 | p[0];
}

static unsigned long
le24(const unsigned char *p)
{
	return (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

static unsigned long
le32(const unsigned char *p)
{
	return (unsigned long)p[3] << 24 | le24(p);
}

enum photo_type
photo_detect(const unsigned char *data, size_t len)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
		return PHOTO_JPEG;
	if (len >= 8 && memcmp(data, png, 8) == 0)
		return PHOTO_PNG;
	if (len >= 16 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
		return PHOTO_WEBP;
	return PHOTO_UNKNOWN;
}

/* True for the start-of-frame markers SOF0-SOF15 (not DHT C4, JPG C8 or DAC CC). */
static bool
is_sof(unsigned marker)
{
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 &&
	    marker != 0xcc;
}

/*
 * Counts the start-of-scan markers (FF DA) from p on. Entropy-coded data
 * escapes every FF byte, so each one found is a marker, unless it sits inside
 * a later application segment: the count is an upper bound.
 */
static unsigned
jpeg_count_scans(const unsigned char *data, size_t len, size_t p)
{
	const unsigned char	*ff;
	unsigned		 scans = 0;

	while (p + 1 < len && (ff = memchr(data + p, 0xff, len - p - 1)) != NULL) {
		p = (size_t)(ff - data) + 1;
		if (data[p] == 0xda)
			scans++;
	}
	return scans;
}

/*
 * Walks the JPEG segments up to the first SOFn, which gives the frame size,
 * and notes the first APP1 segment that starts with "Exif\0\0".
 */
static int
jpeg_header(const unsigned char *data, size_t len, struct photo_header *h)
{
	size_t		 p = 2, seglen;
	unsigned	 marker;

	for (;;) {
		if (p >= len || data[p] != 0xff)
			return -1;
		while (p < len && data[p] == 0xff)
			p++;
		if (p >= len)
			return -1;
		marker = data[p++];
		if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
			continue;
		/* A second SOI, EOI or start of scan before any frame header. */
		if (marker == 0x00 || marker == 0xd8 || marker == 0xd9 || marker == 0xda)
			return -1;
		if (len - p < 2 || (seglen = be16(data + p)) < 2 || len - p < seglen)
			return -1;
		if (is_sof(marker)) {
			if (seglen < 8)
				return -1;
			h->height = be16(data + p + 3);
			h->width = be16(data + p + 5);
			h->scans = jpeg_count_scans(data, len, p + seglen);
			return 0;
		}
		if (marker == 0xe1 && h->exif == NULL && seglen >= 8 &&
		    memcmp(data + p + 2, "Exif\0\0", 6) == 0) {
			h->exif = data + p + 2;
			h->exif_length = seglen - 2;
		}
		p += seglen;
	}
}

/* Reads IHDR and notes an eXIf chunk before the first IDAT. */
static int
png_header(const unsigned char *data, size_t len, struct photo_header *h)
{
	size_t		 p = 8;
	unsigned long	 chunk;

	if (len < 33 || be32(data + 8) != 13 || memcmp(data + 12, "IHDR", 4) != 0)
		return -1;
	h->width = (unsigned)be32(data + 16);
	h->height = (unsigned)be32(data + 20);
	while (len - p >= 12) {
		chunk = be32(data + p);
		if (chunk > len - p - 12)
			break;
		if (memcmp(data + p + 4, "IDAT", 4) == 0)
			break;
		if (memcmp(data + p + 4, "eXIf", 4) == 0 && h->exif == NULL) {
			h->exif = data + p + 8;
			h->exif_length = chunk;
			h->exif_raw_tiff = true;
		}
		p += 12 + chunk;
	}
	return 0;
}

/* Notes the EXIF chunk of an extended WebP file, whose chunks follow VP8X. */
static void
webp_find_exif(const unsigned char *data, size_t len, size_t p, struct photo_header *h)
{
	unsigned long	 chunk;

	while (p <= len && len - p >= 8) {
		chunk = le32(data + p + 4);
		if (chunk > len - p - 8)
			return;
		if (memcmp(data + p, "EXIF", 4) == 0) {
			h->exif = data + p + 8;
			h->exif_length = chunk;
			h->exif_raw_tiff = true;
			return;
		}
		/* Chunks are padded to an even size. */
		if (chunk + (chunk & 1) > len - p - 8)
			return;
		p += 8 + chunk + (chunk & 1);
	}
}

/* Reads the size from the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended). */
static int
webp_header(const unsigned char *data, size_t len, struct photo_header *h)
{
	const unsigned char	*c = data + 20;
	unsigned long		 chunk, bits;

	if (len < 20)
		return -1;
	chunk = le32(data + 16);
	if (chunk > len - 20)
		return -1;
	if (memcmp(data + 12, "VP8 ", 4) == 0) {
		if (chunk < 10 || c[3] != 0x9d || c[4] != 0x01 || c[5] != 0x2a)
			return -1;
		h->width = le16(c + 6) & 0x3fff;
		h->height = le16(c + 8) & 0x3fff;
		return 0;
	}
	if (memcmp(data + 12, "VP8L", 4) == 0) {
		if (chunk < 5 || c[0] != 0x2f)
			return -1;
		bits = le32(c + 1);
		h->width = (unsigned)(bits & 0x3fff) + 1;
		h->height = (unsigned)((bits >> 14) & 0x3fff) + 1;
		return 0;
	}
	if (memcmp(data + 12, "VP8X", 4) == 0) {
		if (chunk < 10)
			return -1;
		h->animated = (c[0] & 0x02) != 0;
		h->width = (unsigned)le24(c + 4) + 1;
		h->height = (unsigned)le24(c + 7) + 1;
		webp_find_exif(data, len, 20 + chunk + (chunk & 1), h);
		return 0;
	}
	return -1;
}

int
photo_header_read(const unsigned char *data, size_t len, struct photo_header *h)
{
	int	 rc = -1;

	memset(h, 0, sizeof(*h));
	h->type = photo_detect(data, len);
	switch (h->type) {
	case PHOTO_JPEG:
		rc = jpeg_header(data, len, h);
		break;
	case PHOTO_PNG:
		rc = png_header(data, len, h);
		break;
	case PHOTO_WEBP:
		rc = webp_header(data, len, h);
		break;
	case PHOTO_UNKNOWN:
		break;
	}
	if (rc == 0 && (h->width == 0 || h->height == 0))
		rc = -1;
	return rc;
}

int
photo_dimensions(const unsigned char *data, size_t len, enum photo_type type,
    unsigned *width, unsigned *height)
{
	struct photo_header	 h;

	if (photo_header_read(data, len, &h) == -1 || h.type != type)
		return -1;
	*width = h.width;
	*height = h.height;
	return 0;
}
