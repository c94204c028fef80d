/* multipart.h: a strict parser of multipart/form-data bodies (RFC 7578, RFC 2046). */
#ifndef RATUSZ_MULTIPART_H
#define RATUSZ_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "problem.h"

#define MULTIPART_BOUNDARY_MAX	70	/* RFC 2046, section 5.1.1 */
#define MULTIPART_NAME_MAX	63	/* bytes of a field name */
#define MULTIPART_FILENAME_MAX	255	/* bytes of a file name */

/* Limits applied while parsing; a body over any of them is rejected. */
struct multipart_limits {
	size_t	 max_parts;		/* parts in the body */
	size_t	 max_header_bytes;	/* header block of one part, CRLFs included */
	size_t	 max_part_bytes;	/* content of one part */
};

/*
 * One part. The content points into the parsed body; name and filename are
 * copies. A part is a file when it has a filename parameter, even an empty one
 * (a browser sends filename="" for a file input left empty). The part's own
 * Content-Type is never read: it is whatever the client claims.
 */
struct multipart_part {
	char		 name[MULTIPART_NAME_MAX + 1];
	bool		 is_file;
	char		 filename[MULTIPART_FILENAME_MAX + 1];
	const char	*content;
	size_t		 length;
};

/*
 * Copies the boundary parameter of a "multipart/form-data" Content-Type into
 * out. The boundary may be a token or a quoted string of 1 to 70 characters
 * of RFC 2046's bchars, not ending in a space. Returns 0, or -1 when the type
 * is another one or the boundary is missing or invalid.
 */
int	 multipart_boundary(const char *content_type,
		char out[MULTIPART_BOUNDARY_MAX + 1]);

/*
 * Parses body (len bytes, NUL bytes allowed) into at most max_parts parts.
 * The rules are stricter than RFC 2046 in these ways, which bodies built by
 * HTML's form submission algorithm meet (tests/browser/uploads.test.mjs
 * posts one from Chromium):
 * - the body starts with the first delimiter line: no preamble;
 * - every line ends in CRLF, and a delimiter line has no padding after it;
 * - after the close delimiter only one CRLF may follow: no epilogue;
 * - a delimiter followed by anything other than CRLF or "--" is an error, so
 *   content that contains the boundary is rejected rather than cut;
 * - header lines are not folded, and each part has exactly one
 *   Content-Disposition of type form-data with exactly one non-empty name;
 * - quoted parameter values take no backslash escapes: browsers percent-encode
 *   '"', CR and LF in names instead (HTML's form submission algorithm), so a
 *   backslash is an ordinary character;
 * - a Content-Transfer-Encoding other than 7bit, 8bit or binary is rejected;
 * - names are valid UTF-8 without control characters; a filename that is not
 *   valid UTF-8 or contains control characters or '/' is rejected as well.
 * Returns the number of parts, or -1 with err set to a key under Msg.Multipart
 * (and the part's name, when known, as its value).
 */
long	 multipart_parse(const char *body, size_t len, const char *boundary,
		const struct multipart_limits *, struct multipart_part *parts,
		struct problem *err);

#endif
