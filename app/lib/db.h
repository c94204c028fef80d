/* db.h: one MariaDB connection per process, with cached prepared statements. */
#ifndef RATUSZ_DB_H
#define RATUSZ_DB_H

#include <stddef.h>

#include "conf.h"

struct db;

enum db_type { DB_NULL, DB_INT, DB_TEXT };

/* A statement parameter; build them with DB_I(), DB_S() and DB_N(). */
struct db_param {
	enum db_type	 type;
	long long	 i;
	const char	*s;
};

#define DB_I(x)	((struct db_param){ .type = DB_INT, .i = (long long)(x) })
#define DB_S(x)	((struct db_param){ .type = (x) ? DB_TEXT : DB_NULL, .s = (x) })
#define DB_N()	((struct db_param){ .type = DB_NULL })
/* A text that is never NULL, such as a char array (DB_S would test its address). */
#define DB_T(x)	((struct db_param){ .type = DB_TEXT, .s = (x) })
/* Expands to "array, count" for the params argument pair of db_exec and db_query. */
#define DB_ARGS(...) \
	(const struct db_param[]){ __VA_ARGS__ }, \
	sizeof((const struct db_param[]){ __VA_ARGS__ }) / sizeof(struct db_param)
#define DB_NO_ARGS	NULL, 0

/* A fully fetched result; every cell is text (or NULL for SQL NULL). */
struct db_result {
	size_t		 rows, cols;
	char		**cells;	/* rows * cols */
};

/* Connects with utf8mb4; returns NULL after logging the error. Never auto-reconnects. */
struct db	*db_open(const struct conf *);
void		 db_close(struct db *);

/*
 * Runs a statement (prepared once per connection and cached by the address of
 * sql, so pass string constants). Returns 0 or -1 after logging. A lost
 * connection outside a transaction is reopened once and the statement retried.
 * Optional outputs: rows affected and the last insert id.
 */
int	 db_exec(struct db *, const char *sql, const struct db_param *, size_t,
		unsigned long long *affected, unsigned long long *insert_id);
/* Runs a query and fetches all rows into *out; free with db_result_free. */
int	 db_query(struct db *, const char *sql, const struct db_param *, size_t,
		struct db_result *out);
const char *db_cell(const struct db_result *, size_t row, size_t col);
long long db_cell_int(const struct db_result *, size_t row, size_t col);
void	 db_result_free(struct db_result *);

/* Runs SQL text without parameters (migrations, several statements allowed). */
int	 db_exec_script(struct db *, const char *sql);

int	 db_begin(struct db *);
int	 db_commit(struct db *);
void	 db_rollback(struct db *);
/* MariaDB error number of the last failure (1062 is a duplicate key). */
unsigned db_errno(const struct db *);

#endif
