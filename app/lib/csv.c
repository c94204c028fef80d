/* csv.c: an RFC 4180 CSV reader with ';' or ',' detection, for spreadsheet exports from gminy. */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "csv.h"
#include "text.h"

#define CSV_MAX_INPUT	(16u * 1024 * 1024)
#define CSV_SNIPPET_MAX	40	/* bytes of offending text copied into a problem */

/*
 * Parser state for one document. The fields of the current record are stored
 * one after another in "text", each followed by a NUL, and located by "offset"
 * because "text" may move while it grows.
 */
struct csv_reader {
	const char	*p, *end;
	int		 line;		/* physical line that p is on */
	char		 delimiter;
	struct buf	 text;
	size_t		 offset[CSV_MAX_FIELDS];
	struct csv_row	 row;
	struct problem	*err;
};

/* Length of s[0..len) cut to at most max bytes, to the line end and to a UTF-8 boundary. */
static int
csv_snippet_length(const char *s, size_t len)
{
	const char	*nl;
	size_t		 n;

	if ((nl = memchr(s, '\n', len)) != NULL)
		len = (size_t)(nl - s);
	n = len < CSV_SNIPPET_MAX ? len : CSV_SNIPPET_MAX;
	while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	return (int)n;
}

/*
 * Checks the whole input line by line before parsing: its size, UTF-8 and NUL
 * bytes, which would cut a field short. A newline byte never occurs inside a
 * multi-byte UTF-8 sequence, so checking each line alone finds the same errors.
 */
static int
csv_check_input(const char *data, size_t len, struct problem *err)
{
	const char	*p = data, *end = data + len, *nl;
	int		 line = 1;

	if (len > CSV_MAX_INPUT) {
		problem_set(err, 0, "Import.Csv.TooLarge", "%zu", len);
		return -1;
	}
	for (; p < end; p = nl + 1, line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (!utf8_valid(p, (size_t)(nl - p))) {
			problem_set(err, line, "Import.Csv.InvalidUtf8", NULL);
			return -1;
		}
		if (memchr(p, '\0', (size_t)(nl - p)) != NULL) {
			problem_set(err, line, "Import.Csv.NulCharacter", NULL);
			return -1;
		}
	}
	return 0;
}

/*
 * Picks ';' when the first record has more semicolons than commas outside
 * quotes, else ','. Polish spreadsheet programs export ';' because the comma is
 * the decimal separator.
 */
static char
csv_detect_delimiter(const char *p, const char *end)
{
	size_t	 semicolons = 0, commas = 0;
	int	 quoted = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\n')
			break;
		else if (*p == ';')
			semicolons++;
		else if (*p == ',')
			commas++;
	}
	return semicolons > commas ? ';' : ',';
}

/* Starts a new field in the current record; fails past CSV_MAX_FIELDS. */
static int
csv_begin_field(struct csv_reader *r)
{
	if (r->row.count == CSV_MAX_FIELDS) {
		problem_set(r->err, r->row.line, "Import.Csv.TooManyFields", "%d",
		    CSV_MAX_FIELDS);
		return -1;
	}
	r->offset[r->row.count++] = r->text.len;
	return 0;
}

static void
csv_end_field(struct csv_reader *r)
{
	buf_putc(&r->text, '\0');
}

/*
 * Returns the length of the line end at p: 1 for LF, 2 for CRLF, 1 for a CR
 * that ends the input, and 0 when p is not at a line end.
 */
static size_t
csv_line_end_length(const struct csv_reader *r, const char *p)
{
	if (p < r->end && *p == '\n')
		return 1;
	if (p < r->end && *p == '\r') {
		if (p + 1 == r->end)
			return 1;
		if (p[1] == '\n')
			return 2;
	}
	return 0;
}

/*
 * Consumes what follows a field: a delimiter (returns 0, another field follows),
 * a line end or the end of input (returns 1, the record is complete).
 */
static int
csv_after_field(struct csv_reader *r)
{
	if (r->p == r->end)
		return 1;
	if (*r->p == r->delimiter) {
		r->p++;
		return 0;
	}
	r->p += csv_line_end_length(r, r->p);
	r->line++;
	return 1;
}

/* Reads an unquoted field; a quote inside it is kept as an ordinary character. */
static int
csv_read_plain(struct csv_reader *r)
{
	const char	*start = r->p;
	size_t		 n;

	while (r->p < r->end && *r->p != r->delimiter && *r->p != '\n')
		r->p++;
	n = (size_t)(r->p - start);
	if ((r->p == r->end || *r->p == '\n') && n > 0 && start[n - 1] == '\r')
		n--;
	buf_append(&r->text, start, n);
	csv_end_field(r);
	return csv_after_field(r);
}

/* Reads a quoted field from its opening quote; "" inside stands for one quote. */
static int
csv_read_quoted(struct csv_reader *r)
{
	const char	*start, *quote;
	int		 start_line = r->line;

	for (r->p++;; r->p = quote + 2) {
		start = r->p;
		quote = memchr(start, '"', (size_t)(r->end - start));
		if (quote == NULL) {
			problem_set(r->err, start_line, "Import.Csv.UnterminatedQuote", NULL);
			return -1;
		}
		for (const char *c = start; c < quote; c++)
			if (*c == '\n')
				r->line++;
		buf_append(&r->text, start, (size_t)(quote - start));
		if (quote + 1 < r->end && quote[1] == '"') {
			buf_putc(&r->text, '"');
			continue;
		}
		r->p = quote + 1;
		break;
	}
	csv_end_field(r);

	if (r->p < r->end && *r->p != r->delimiter &&
	    csv_line_end_length(r, r->p) == 0) {
		problem_set(r->err, r->line, "Import.Csv.TextAfterQuote", "%.*s",
		    csv_snippet_length(r->p, (size_t)(r->end - r->p)), r->p);
		return -1;
	}
	return csv_after_field(r);
}

/* Reads one record into r->row; returns 0 or -1 with the problem set. */
static int
csv_read_record(struct csv_reader *r)
{
	int	 done = 0;
	size_t	 i;

	buf_reset(&r->text);
	r->row.line = r->line;
	r->row.count = 0;
	while (!done) {
		if (csv_begin_field(r) != 0)
			return -1;
		if (r->p < r->end && *r->p == '"')
			done = csv_read_quoted(r);
		else
			done = csv_read_plain(r);
		if (done < 0)
			return -1;
	}
	for (i = 0; i < r->row.count; i++)
		r->row.field[i] = r->text.data + r->offset[i];
	return 0;
}

/* Skips empty lines; returns false at the end of input. */
static bool
csv_skip_blank_lines(struct csv_reader *r)
{
	size_t	 n;

	while (r->p < r->end) {
		if ((n = csv_line_end_length(r, r->p)) == 0)
			return true;
		r->p += n;
		r->line++;
	}
	return false;
}

int
csv_parse(const char *data, size_t len, csv_row_fn fn, void *arg,
    struct problem *err)
{
	struct csv_reader	 r;
	int			 rc = 0;

	problem_set(err, 0, "", NULL);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (csv_check_input(data, len, err) != 0)
		return -1;

	memset(&r, 0, sizeof(r));
	r.p = data;
	r.end = data + len;
	r.line = 1;
	r.err = err;
	buf_init(&r.text);
	if (csv_skip_blank_lines(&r))
		r.delimiter = csv_detect_delimiter(r.p, r.end);

	while (rc == 0 && csv_skip_blank_lines(&r)) {
		if (csv_read_record(&r) != 0)
			rc = -1;
		else
			rc = fn(&r.row, arg);
	}
	buf_free(&r.text);
	return rc;
}
