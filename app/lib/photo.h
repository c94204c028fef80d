/* photo.h: turns an uploaded image into a clean JPEG and a thumbnail (libgd, libexif). */
#ifndef RATUSZ_PHOTO_H
#define RATUSZ_PHOTO_H

#include <stddef.h>

#include "problem.h"

/* The image formats photo_process accepts, detected from the first bytes. */
enum photo_type { PHOTO_UNKNOWN, PHOTO_JPEG, PHOTO_PNG, PHOTO_WEBP };

/*
 * Limits of one photo. The pixel limits are checked against the dimensions in
 * the file's header before any pixel is decoded. Decoding needs 4 bytes a
 * pixel for libgd's true-colour image, and a progressive JPEG more for
 * libjpeg's coefficients, so max_pixels bounds the memory of one call
 * (measured: 194 MB peak for 40 megapixels, 297 MB when progressive).
 */
struct photo_limits {
	unsigned long	 max_pixels;	/* width * height of the original */
	unsigned	 max_side;	/* width or height of the original */
	unsigned	 min_side;	/* the smaller of width and height */
	unsigned	 max_edge;	/* longer edge of the output; smaller images are kept */
	unsigned	 thumb_edge;	/* longer edge of the thumbnail */
	int		 quality;	/* JPEG quality of both outputs, 1-100 */
};

/*
 * Defaults for photos of problem reports: 40 megapixels (a 50 MP phone mode
 * must be saved smaller), 12000 px a side, at least 64 px a side, output at
 * most 2048 px and a 400 px thumbnail, quality 85.
 * NOTE: Msg.Photo.TooLarge and TooSmall name these numbers in their text.
 */
extern const struct photo_limits photo_default_limits;

/* The result: two baseline JPEGs without any metadata, owned by the struct. */
struct photo {
	unsigned char	*jpeg;		/* the photo, EXIF orientation applied */
	size_t		 jpeg_length;
	unsigned	 width, height;
	unsigned char	*thumb;		/* the thumbnail */
	size_t		 thumb_length;
	unsigned	 thumb_width, thumb_height;
	enum photo_type	 source_type;
	unsigned	 orientation;	/* EXIF orientation of the input, 1-8 (1 when absent) */
};

/* Returns the type from the magic bytes of data; PHOTO_UNKNOWN for anything else. */
enum photo_type photo_detect(const unsigned char *data, size_t len);

/*
 * Reads the pixel dimensions from the header of a JPEG (its first SOFn
 * segment), PNG (IHDR) or WebP (VP8, VP8L or VP8X) without decoding. Returns
 * 0, or -1 when the header is malformed or the type is PHOTO_UNKNOWN.
 */
int	 photo_dimensions(const unsigned char *data, size_t len, enum photo_type,
		unsigned *width, unsigned *height);

/*
 * Photos decoded at once by all processes of the host that use path: each
 * decode holds up to about 300 MB (see photo_limits) and a core, so workers
 * queue for a slot.
 * photo_limit_init opens the limit (0, or -1 with errno: then there is none);
 * photo_limit_free returns the free slots, or -1.
 */
#define PHOTO_CONCURRENT	1
int	 photo_limit_init(const char *path, unsigned slots);
int	 photo_limit_free(void);

/*
 * Checks, decodes, orients, scales and re-encodes data (len bytes) into out,
 * which photo_free releases. The input is never trusted: its type comes from
 * the content (a file name or claimed Content-Type plays no part), its size
 * is checked against limits before decoding, and the output is encoded anew,
 * so nothing of the input's metadata (EXIF, GPS, XMP, ICC, comments) remains.
 * Transparent pixels are laid on white. Animated WebP is rejected. The
 * function has no side effects beyond out and err, apart from setting
 * libgd's error handler to a silent one.
 * A JPEG with more than 500 scans is rejected as Corrupt, because libjpeg
 * spends time on every scan of the whole image.
 * Returns 0, or -1 with out zeroed and err set to a key under Msg.Photo:
 * NotImage, Corrupt, Animated, TooLarge ("WxH" as value), TooSmall ("WxH"),
 * Failed.
 */
int	 photo_process(const unsigned char *data, size_t len,
		const struct photo_limits *, struct photo *out, struct problem *err);

void	 photo_free(struct photo *);

#endif
