/* fuzz_photo.c: libFuzzer target for the photo pipeline (header checks, libgd, libexif). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "photo.h"
#include "photo_header.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small limits keep each run fast; the checks do not depend on the sizes. */
static const struct photo_limits limits = {
	.max_pixels = 1000000, .max_side = 4000, .min_side = 1,
	.max_edge = 256, .thumb_edge = 64, .quality = 75,
};

/* Aborts unless jpeg is a JPEG of width x height without EXIF (read by photo_header). */
static void
check_jpeg(const unsigned char *jpeg, size_t len, unsigned width, unsigned height,
    unsigned edge)
{
	struct photo_header	 h;

	if (jpeg == NULL || photo_header_read(jpeg, len, &h) == -1)
		abort();
	if (h.type != PHOTO_JPEG || h.width != width || h.height != height || h.exif != NULL)
		abort();
	if (width > edge || height > edge || width == 0 || height == 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct photo	 p;
	struct problem	 err;

	err.key[0] = '\0';
	if (photo_process(data, size, &limits, &p, &err) == -1) {
		if (err.key[0] == '\0' || p.jpeg != NULL || p.thumb != NULL)
			abort();
		return 0;
	}
	if (p.orientation < 1 || p.orientation > 8)
		abort();
	check_jpeg(p.jpeg, p.jpeg_length, p.width, p.height, limits.max_edge);
	check_jpeg(p.thumb, p.thumb_length, p.thumb_width, p.thumb_height, limits.thumb_edge);
	photo_free(&p);
	return 0;
}
