/* ctl_batch.h: multi-row INSERT statements that collect rows and send them in groups. */
#ifndef RATUSZ_CTL_BATCH_H
#define RATUSZ_CTL_BATCH_H

#include <stddef.h>

#include "db.h"

#define BATCH_MAX_PARAMS	64	/* the most parameters db_exec binds */

/*
 * Rows for one table. sql_many inserts exactly max_rows rows, sql_one one row;
 * both are static strings (the statement cache is keyed by their address) with
 * cols parameters per row, and max_rows * cols <= BATCH_MAX_PARAMS.
 */
struct batch {
	const char	*sql_many, *sql_one;
	size_t		 cols, max_rows, rows;
	struct db_param	 param[BATCH_MAX_PARAMS];
	char		*text[BATCH_MAX_PARAMS];	/* copies of text values */
};

void	 batch_init(struct batch *, const char *sql_many, const char *sql_one,
		size_t cols, size_t max_rows);
/* Copies one row of cols parameters; sends the group when it is full. */
int	 batch_add(struct db *, struct batch *, const struct db_param *row);
/* Sends the rows collected so far, one statement per row. */
int	 batch_flush(struct db *, struct batch *);
/* Frees the copies of rows not sent (after a failure). */
void	 batch_free(struct batch *);

#endif
