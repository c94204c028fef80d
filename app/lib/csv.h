/* csv.h: a strict RFC 4180 reader for files that offices export from spreadsheets. */
#ifndef RATUSZ_CSV_H
#define RATUSZ_CSV_H

#include <stddef.h>

#include "problem.h"

#define CSV_MAX_FIELDS	32

struct csv_row {
	int		 line;			/* line where the record starts */
	size_t		 count;			/* number of fields */
	const char	*field[CSV_MAX_FIELDS];	/* NUL-terminated, quotes removed, not trimmed */
};

/* Called per record (the header row too); non-zero stops parsing and is returned. */
typedef int (*csv_row_fn)(const struct csv_row *, void *arg);

/*
 * Parses CSV held in memory. The delimiter is detected from the first record
 * (';' when it has more semicolons than commas outside quotes, else ','), as
 * Polish spreadsheet programs export ';'. Accepts a UTF-8 BOM, CRLF or LF,
 * quoted fields with doubled quotes and embedded newlines (kept as they are);
 * skips empty lines. A quote inside an unquoted field is an ordinary character.
 * Returns 0, -1 with *err filled (unterminated quote, text after a closing
 * quote, invalid UTF-8, a NUL byte, more than CSV_MAX_FIELDS fields, input over
 * 16 MiB), or the callback's value.
 */
int	 csv_parse(const char *data, size_t len, csv_row_fn, void *arg,
		struct problem *err);

#endif
