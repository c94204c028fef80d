/* ctl_batch.c: groups rows into multi-row INSERT statements, fewer round trips for register imports. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ctl_batch.h"

void
batch_init(struct batch *b, const char *sql_many, const char *sql_one,
    size_t cols, size_t max_rows)
{
	memset(b, 0, sizeof(*b));
	if (cols * max_rows > BATCH_MAX_PARAMS)
		abort();
	b->sql_many = sql_many;
	b->sql_one = sql_one;
	b->cols = cols;
	b->max_rows = max_rows;
}

void
batch_free(struct batch *b)
{
	size_t	 i;

	for (i = 0; i < b->rows * b->cols; i++)
		free(b->text[i]);
	b->rows = 0;
}

int
batch_add(struct db *db, struct batch *b, const struct db_param *row)
{
	struct db_param	*p = &b->param[b->rows * b->cols];
	char		**text = &b->text[b->rows * b->cols];
	size_t		 i;
	int		 rc;

	for (i = 0; i < b->cols; i++) {
		p[i] = row[i];
		text[i] = NULL;
		if (row[i].type == DB_TEXT) {
			if ((text[i] = strdup(row[i].s)) == NULL)
				abort();
			p[i].s = text[i];
		}
	}
	if (++b->rows < b->max_rows)
		return 0;
	rc = db_exec(db, b->sql_many, b->param, b->rows * b->cols, NULL, NULL);
	batch_free(b);
	return rc;
}

int
batch_flush(struct db *db, struct batch *b)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < b->rows && rc == 0; i++)
		rc = db_exec(db, b->sql_one, &b->param[i * b->cols], b->cols,
		    NULL, NULL);
	batch_free(b);
	return rc;
}
