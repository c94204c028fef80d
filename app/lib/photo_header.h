/* photo_header.h: what photo.c reads from an image's header before decoding it. */
#ifndef RATUSZ_PHOTO_HEADER_H
#define RATUSZ_PHOTO_HEADER_H

#include <stdbool.h>
#include <stddef.h>

#include "photo.h"

struct photo_header {
	enum photo_type		 type;
	unsigned		 width, height;
	bool			 animated;	/* a WebP animation */
	unsigned		 scans;		/* JPEG: at most this many scans (SOS markers) */
	/*
	 * The EXIF block, pointing into the data: a JPEG APP1 segment that starts
	 * with "Exif\0\0", or the TIFF data of a PNG eXIf or WebP EXIF chunk
	 * (exif_raw_tiff). NULL when the image has none.
	 */
	const unsigned char	*exif;
	size_t			 exif_length;
	bool			 exif_raw_tiff;
};

/* Fills h from the header of data; returns 0, or -1 when the header is malformed or unknown. */
int	 photo_header_read(const unsigned char *data, size_t len, struct photo_header *h);

#endif
