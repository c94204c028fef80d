/* fuzz_csv.c: libFuzzer target for the CSV reader, with a write-then-read check of its records. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "problem.h"
#include "text.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Records seen so far, and the same records written out again as CSV. */
struct row_check {
	int		 next_line;	/* first line the next record may start on */
	struct buf	 rewritten;
};

/* Appends a record as RFC 4180 CSV with ',' and every field quoted. */
static void
write_row(struct buf *out, const struct csv_row *row)
{
	const char	*s;
	size_t		 i;

	for (i = 0; i < row->count; i++) {
		if (i > 0)
			buf_putc(out, ',');
		buf_putc(out, '"');
		for (s = row->field[i]; *s != '\0'; s++) {
			if (*s == '"')
				buf_putc(out, '"');
			buf_putc(out, *s);
		}
		buf_putc(out, '"');
	}
	buf_puts(out, "\r\n");
}

/*
 * Aborts unless the record is well formed: 1 to CSV_MAX_FIELDS fields of
 * valid UTF-8, starting after every line of the record before. Then writes it.
 */
static int
check_and_write_row(const struct csv_row *row, void *arg)
{
	struct row_check	*check = arg;
	const char		*s;
	size_t			 i;

	if (row->count < 1 || row->count > CSV_MAX_FIELDS)
		abort();
	if (row->line < check->next_line)
		abort();
	check->next_line = row->line + 1;
	for (i = 0; i < row->count; i++) {
		if (row->field[i] == NULL)
			abort();
		if (!utf8_valid(row->field[i], strlen(row->field[i])))
			abort();
		for (s = row->field[i]; *s != '\0'; s++)
			if (*s == '\n')
				check->next_line++;
	}
	write_row(&check->rewritten, row);
	return 0;
}

/* Parses data into check; aborts when the result and the problem disagree. */
static int
parse_and_rewrite(const char *data, size_t size, struct row_check *check)
{
	struct problem	 err;
	int		 rc;

	check->next_line = 1;
	buf_init(&check->rewritten);
	rc = csv_parse(data, size, check_and_write_row, check, &err);
	if (rc == -1 && err.key[0] == '\0')
		abort();
	if (rc == 0 && err.key[0] != '\0')
		abort();
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct row_check	 first, second;

	/* Records that parsed are written out with every field quoted; that
	 * output must parse and write out to the same bytes again. */
	if (parse_and_rewrite((const char *)data, size, &first) == 0) {
		if (parse_and_rewrite(buf_cstr(&first.rewritten), first.rewritten.len,
		    &second) != 0)
			abort();
		if (strcmp(buf_cstr(&first.rewritten), buf_cstr(&second.rewritten)) != 0)
			abort();
		buf_free(&second.rewritten);
	}
	buf_free(&first.rewritten);
	return 0;
}
