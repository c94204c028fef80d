/* photo.c: decodes, orients, scales and re-encodes an uploaded photo (libgd, libexif). */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gd.h>
#include <libexif/exif-data.h>

#include "host_limit.h"
#include "photo.h"
#include "photo_header.h"

#define PHOTO_MAX_SCANS	500

const struct photo_limits photo_default_limits = {
	.max_pixels = 40000000UL,
	.max_side = 12000,
	.min_side = 64,
	.max_edge = 2048,
	.thumb_edge = 400,
	.quality = 85,
};

/* libgd reports decoder errors through this; the caller gets Photo.Corrupt instead. */
static void
gd_silent(int priority, const char *format, va_list ap)
{
	(void)priority;
	(void)format;
	(void)ap;
}

/* Reads the EXIF Orientation tag (1-8) of the header's EXIF block; 1 when absent or invalid. */
static unsigned
exif_orientation(const struct photo_header *h)
{
	static const unsigned char prefix[6] = { 'E', 'x', 'i', 'f', 0, 0 };
	unsigned char	*copy = NULL;
	const unsigned char *block = h->exif;
	size_t		 len = h->exif_length;
	ExifData	*ed;
	ExifEntry	*entry;
	unsigned	 orientation = 1;

	if (block == NULL || len > UINT_MAX - sizeof(prefix))
		return 1;
	/* libexif reads a block that starts with "Exif\0\0"; PNG and WebP store bare TIFF data. */
	if (h->exif_raw_tiff && (len < 6 || memcmp(block, prefix, 6) != 0)) {
		if ((copy = malloc(len + sizeof(prefix))) == NULL)
			return 1;
		memcpy(copy, prefix, sizeof(prefix));
		memcpy(copy + sizeof(prefix), block, len);
		block = copy;
		len += sizeof(prefix);
	}
	if ((ed = exif_data_new()) != NULL) {
		/* Read the tags as stored: no mandatory tags added, no values fixed. */
		exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
		exif_data_load_data(ed, block, (unsigned)len);
		entry = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
		if (entry != NULL && entry->format == EXIF_FORMAT_SHORT &&
		    entry->components >= 1 && entry->size >= 2)
			orientation = exif_get_short(entry->data, exif_data_get_byte_order(ed));
		exif_data_unref(ed);
	}
	free(copy);
	return orientation >= 1 && orientation <= 8 ? orientation : 1;
}

static gdImagePtr
decode(const unsigned char *data, size_t len, enum photo_type type)
{
	void	*bytes = (void *)(uintptr_t)data;	/* libgd only reads it */

	switch (type) {
	case PHOTO_JPEG:
		/* NOTE: libjpeg fills the rows of a truncated scan with grey, and they are kept. */
		return gdImageCreateFromJpegPtrEx((int)len, bytes, 1);
	case PHOTO_PNG:
		return gdImageCreateFromPngPtr((int)len, bytes);
	case PHOTO_WEBP:
		return gdImageCreateFromWebpPtr((int)len, bytes);
	case PHOTO_UNKNOWN:
		break;
	}
	return NULL;
}

/* Computes the size that fits width x height into a longer edge of edge pixels. */
static void
fit(unsigned width, unsigned height, unsigned edge, unsigned *w, unsigned *h)
{
	unsigned long	 longer = width > height ? width : height;

	*w = width;
	*h = height;
	if (longer <= edge)
		return;
	*w = (unsigned)(((unsigned long)width * edge + longer / 2) / longer);
	*h = (unsigned)(((unsigned long)height * edge + longer / 2) / longer);
	if (*w == 0)
		*w = 1;
	if (*h == 0)
		*h = 1;
}

/* Returns src scaled to w x h (alpha kept), or NULL when libgd cannot allocate. */
static gdImagePtr
scale(gdImagePtr src, unsigned w, unsigned h)
{
	gdImagePtr	 dst;

	if ((dst = gdImageCreateTrueColor((int)w, (int)h)) == NULL)
		return NULL;
	gdImageAlphaBlending(dst, 0);
	gdImageSaveAlpha(dst, 1);
	gdImageCopyResampled(dst, src, 0, 0, 0, 0, (int)w, (int)h, gdImageSX(src),
	    gdImageSY(src));
	return dst;
}

/* Lays a libgd true-colour pixel (alpha 0 opaque to 127 transparent) on white. */
static int
on_white(int c)
{
	int	 a = gdTrueColorGetAlpha(c), r, g, b;

	if (a == 0)
		return c;
	r = (gdTrueColorGetRed(c) * (127 - a) + 255 * a + 63) / 127;
	g = (gdTrueColorGetGreen(c) * (127 - a) + 255 * a + 63) / 127;
	b = (gdTrueColorGetBlue(c) * (127 - a) + 255 * a + 63) / 127;
	return gdTrueColor(r, g, b);
}

/*
 * Returns a new opaque image that shows src upright for EXIF orientation o:
 * 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed, 6 turned 90° clockwise,
 * 7 transversed, 8 turned 90° anticlockwise. Output pixel (x, y) takes the
 * source pixel that the orientation maps there.
 */
static gdImagePtr
orient(gdImagePtr src, unsigned o)
{
	int		 w = gdImageSX(src), h = gdImageSY(src), ow, oh, x, y, sx, sy;
	gdImagePtr	 dst;

	ow = o >= 5 ? h : w;
	oh = o >= 5 ? w : h;
	if ((dst = gdImageCreateTrueColor(ow, oh)) == NULL)
		return NULL;
	for (y = 0; y < oh; y++)
		for (x = 0; x < ow; x++) {
			switch (o) {
			case 2: sx = w - 1 - x; sy = y; break;
			case 3: sx = w - 1 - x; sy = h - 1 - y; break;
			case 4: sx = x; sy = h - 1 - y; break;
			case 5: sx = y; sy = x; break;
			case 6: sx = y; sy = h - 1 - x; break;
			case 7: sx = w - 1 - y; sy = h - 1 - x; break;
			case 8: sx = w - 1 - y; sy = x; break;
			default: sx = x; sy = y; break;
			}
			dst->tpixels[y][x] = on_white(src->tpixels[sy][sx]);
		}
	return dst;
}

/*
 * Removes the comment (COM) and application segments other than APP0 (JFIF)
 * that come before the first scan of a JPEG, in place; libgd writes a COM
 * segment that names itself and the quality. Returns the new length.
 */
static size_t
strip_segments(unsigned char *jpeg, size_t len)
{
	size_t		 in = 2, out = 2, seglen;
	unsigned	 marker;

	while (len - in >= 4 && jpeg[in] == 0xff) {
		marker = jpeg[in + 1];
		if (marker == 0xda)
			break;
		seglen = 2 + ((size_t)jpeg[in + 2] << 8 | jpeg[in + 3]);
		if (seglen > len - in)
			break;
		if (marker != 0xfe && !(marker >= 0xe1 && marker <= 0xef)) {
			memmove(jpeg + out, jpeg + in, seglen);
			out += seglen;
		}
		in += seglen;
	}
	memmove(jpeg + out, jpeg + in, len - in);
	return out + len - in;
}

/* Encodes im as a baseline JPEG into a malloc'ed buffer; -1 on failure. */
static int
encode(gdImagePtr im, int quality, unsigned char **out, size_t *len)
{
	void	*jpeg;
	int	 size = 0;

	gdImageInterlace(im, 0);
	if ((jpeg = gdImageJpegPtr(im, &size, quality)) == NULL || size <= 0) {
		gdFree(jpeg);
		return -1;
	}
	if ((*out = malloc((size_t)size)) == NULL) {
		gdFree(jpeg);
		return -1;
	}
	memcpy(*out, jpeg, (size_t)size);
	*len = strip_segments(*out, (size_t)size);
	gdFree(jpeg);
	return 0;
}

/* Checks the header's dimensions against limits; 0, or -1 with err set. */
static int
check_header(const struct photo_header *h, const struct photo_limits *limits,
    struct problem *err)
{
	unsigned	 shorter = h->width < h->height ? h->width : h->height;

	if (h->animated) {
		problem_set(err, 0, "Photo.Animated", NULL);
		return -1;
	}
	/*
	 * libjpeg decodes a progressive JPEG scan by scan over the whole image, so
	 * the time grows with the scan count. libjpeg's own progressive script
	 * writes 10 scans for a colour image, so 500 leaves ample room.
	 */
	if (h->scans > PHOTO_MAX_SCANS) {
		problem_set(err, 0, "Photo.Corrupt", NULL);
		return -1;
	}
	if (h->width > limits->max_side || h->height > limits->max_side ||
	    (unsigned long long)h->width * h->height > limits->max_pixels) {
		problem_set(err, 0, "Photo.TooLarge", "%u×%u", h->width, h->height);
		return -1;
	}
	if (shorter < limits->min_side) {
		problem_set(err, 0, "Photo.TooSmall", "%u×%u", h->width, h->height);
		return -1;
	}
	return 0;
}

/* Scales, orients and encodes the decoded image into out; frees im. */
static int
convert(gdImagePtr im, const struct photo_limits *limits, struct photo *out)
{
	gdImagePtr	 scaled = im, upright, thumb;
	unsigned	 w, h;
	int		 rc = -1;

	if (!gdImageTrueColor(im) && !gdImagePaletteToTrueColor(im))
		goto done;
	fit((unsigned)gdImageSX(im), (unsigned)gdImageSY(im), limits->max_edge, &w, &h);
	if ((w != (unsigned)gdImageSX(im) || h != (unsigned)gdImageSY(im)) &&
	    (scaled = scale(im, w, h)) == NULL)
		goto done;
	if (scaled != im) {
		gdImageDestroy(im);
		im = scaled;
	}
	if ((upright = orient(im, out->orientation)) == NULL)
		goto done;
	out->width = (unsigned)gdImageSX(upright);
	out->height = (unsigned)gdImageSY(upright);
	fit(out->width, out->height, limits->thumb_edge, &out->thumb_width,
	    &out->thumb_height);
	if ((thumb = scale(upright, out->thumb_width, out->thumb_height)) != NULL) {
		rc = encode(upright, limits->quality, &out->jpeg, &out->jpeg_length) == 0 &&
		    encode(thumb, limits->quality, &out->thumb, &out->thumb_length) == 0 ?
		    0 : -1;
		gdImageDestroy(thumb);
	}
	gdImageDestroy(upright);
done:
	gdImageDestroy(im);
	return rc;
}

/* The limit of photo_limit_init; not open (no limit) until then. */
static struct host_limit photo_limit = HOST_LIMIT_NONE;

int
photo_limit_init(const char *path, unsigned slots)
{
	return host_limit_open(&photo_limit, path, 'f', slots);
}

int
photo_limit_free(void)
{
	return host_limit_free(&photo_limit);
}

static int process(const unsigned char *, size_t, const struct photo_limits *,
    struct photo *, struct problem *);

int
photo_process(const unsigned char *data, size_t len, const struct photo_limits *limits,
    struct photo *out, struct problem *err)
{
	bool	 taken = host_limit_take(&photo_limit);
	int	 rc;

	rc = process(data, len, limits, out, err);
	if (taken)
		host_limit_give(&photo_limit);
	return rc;
}

static int
process(const unsigned char *data, size_t len, const struct photo_limits *limits,
    struct photo *out, struct problem *err)
{
	struct photo_header	 h;
	gdImagePtr		 im;

	memset(out, 0, sizeof(*out));
	gdSetErrorMethod(gd_silent);
	if (photo_detect(data, len) == PHOTO_UNKNOWN) {
		problem_set(err, 0, "Photo.NotImage", NULL);
		return -1;
	}
	if (len > INT_MAX || photo_header_read(data, len, &h) == -1) {
		problem_set(err, 0, "Photo.Corrupt", NULL);
		return -1;
	}
	if (check_header(&h, limits, err) == -1)
		return -1;
	out->source_type = h.type;
	out->orientation = exif_orientation(&h);
	if ((im = decode(data, len, h.type)) == NULL) {
		problem_set(err, 0, "Photo.Corrupt", NULL);
		return -1;
	}
	/* The decoder must see the frame that was checked, not another one. */
	if ((unsigned)gdImageSX(im) != h.width || (unsigned)gdImageSY(im) != h.height) {
		gdImageDestroy(im);
		problem_set(err, 0, "Photo.Corrupt", NULL);
		return -1;
	}
	if (convert(im, limits, out) == -1) {
		photo_free(out);
		problem_set(err, 0, "Photo.Failed", NULL);
		return -1;
	}
	return 0;
}

void
photo_free(struct photo *p)
{
	free(p->jpeg);
	free(p->thumb);
	memset(p, 0, sizeof(*p));
}
