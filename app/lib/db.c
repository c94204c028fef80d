/* db.c: MariaDB Connector/C wrapper: connection, statement cache, text results. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>

#include "db.h"
#include "log.h"

#define DB_MAX_STATEMENTS	128

struct db_cached {
	const char	*sql;
	MYSQL_STMT	*stmt;
};

struct db {
	MYSQL			*mysql;
	const struct conf	*conf;
	bool			 in_transaction;
	unsigned		 last_errno;
	size_t			 count;
	struct db_cached	 cache[DB_MAX_STATEMENTS];
};

static int
db_connect(struct db *db)
{
	const struct conf	*c = db->conf;
	unsigned int		 timeout = 10;
	bool			 off = false;

	if ((db->mysql = mysql_init(NULL)) == NULL)
		abort();
	mysql_options(db->mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->mysql, MYSQL_OPT_RECONNECT, &off);
	mysql_options(db->mysql, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
	    "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
	if (mysql_real_connect(db->mysql,
	    c->db_host[0] ? c->db_host : NULL, c->db_user, c->db_password,
	    c->db_name, c->db_port, c->db_host[0] ? NULL : c->db_socket,
	    CLIENT_MULTI_STATEMENTS) == NULL) {
		db->last_errno = mysql_errno(db->mysql);
		log_error("database connection to %s failed: %s", c->db_name,
		    mysql_error(db->mysql));
		mysql_close(db->mysql);
		db->mysql = NULL;
		return -1;
	}
	return 0;
}

struct db *
db_open(const struct conf *conf)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		abort();
	db->conf = conf;
	if (db_connect(db) == -1) {
		free(db);
		return NULL;
	}
	return db;
}

static void
db_drop_statements(struct db *db)
{
	size_t	 i;

	for (i = 0; i < db->count; i++)
		mysql_stmt_close(db->cache[i].stmt);
	db->count = 0;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db_drop_statements(db);
	if (db->mysql != NULL)
		mysql_close(db->mysql);
	free(db);
}

static bool
db_connection_lost(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR;
}

static int
db_reconnect(struct db *db)
{
	log_warn("database connection lost, reconnecting");
	db_drop_statements(db);
	if (db->mysql != NULL)
		mysql_close(db->mysql);
	db->mysql = NULL;
	return db_connect(db);
}

static MYSQL_STMT *
db_statement(struct db *db, const char *sql)
{
	MYSQL_STMT	*stmt;
	size_t		 i;

	for (i = 0; i < db->count; i++)
		if (db->cache[i].sql == sql)
			return db->cache[i].stmt;
	if ((stmt = mysql_stmt_init(db->mysql)) == NULL)
		abort();
	if (mysql_stmt_prepare(stmt, sql, strlen(sql)) != 0) {
		db->last_errno = mysql_stmt_errno(stmt);
		log_error("prepare failed (%u): %s", db->last_errno,
		    mysql_stmt_error(stmt));
		mysql_stmt_close(stmt);
		return NULL;
	}
	if (db->count == DB_MAX_STATEMENTS) {
		/* Evict the oldest; a worker uses far fewer statements than this. */
		mysql_stmt_close(db->cache[0].stmt);
		memmove(db->cache, db->cache + 1,
		    (DB_MAX_STATEMENTS - 1) * sizeof(db->cache[0]));
		db->count--;
	}
	db->cache[db->count].sql = sql;
	db->cache[db->count].stmt = stmt;
	db->count++;
	return stmt;
}

static int
db_bind_params(MYSQL_STMT *stmt, const struct db_param *p, size_t n,
    MYSQL_BIND *bind, unsigned long *lengths)
{
	size_t	 i;

	if (mysql_stmt_param_count(stmt) != n) {
		log_error("statement expects %lu parameters, got %zu",
		    mysql_stmt_param_count(stmt), n);
		return -1;
	}
	memset(bind, 0, n * sizeof(*bind));
	for (i = 0; i < n; i++) {
		switch (p[i].type) {
		case DB_NULL:
			bind[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_INT:
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = (void *)&p[i].i;
			break;
		case DB_TEXT:
			lengths[i] = strlen(p[i].s);
			bind[i].buffer_type = MYSQL_TYPE_STRING;
			bind[i].buffer = (void *)p[i].s;
			bind[i].buffer_length = lengths[i];
			bind[i].length = &lengths[i];
			break;
		}
	}
	return n > 0 && mysql_stmt_bind_param(stmt, bind) != 0 ? -1 : 0;
}

/* Prepares (or reuses), binds and executes; retries once after a lost connection. */
static MYSQL_STMT *
db_run(struct db *db, const char *sql, const struct db_param *p, size_t n)
{
	MYSQL_STMT	*stmt;
	MYSQL_BIND	 bind[64];
	unsigned long	 lengths[64];
	int		 attempt;

	if (n > 64)
		abort();
	for (attempt = 0; attempt < 2; attempt++) {
		if (db->mysql == NULL && db_connect(db) == -1)
			return NULL;
		if ((stmt = db_statement(db, sql)) == NULL) {
			if (attempt == 0 && !db->in_transaction &&
			    db_connection_lost(db->last_errno) &&
			    db_reconnect(db) == 0)
				continue;
			return NULL;
		}
		if (db_bind_params(stmt, p, n, bind, lengths) == -1)
			return NULL;
		if (mysql_stmt_execute(stmt) == 0)
			return stmt;
		db->last_errno = mysql_stmt_errno(stmt);
		if (attempt == 0 && !db->in_transaction &&
		    db_connection_lost(db->last_errno) && db_reconnect(db) == 0)
			continue;
		if (db->last_errno != 1062)
			log_error("statement failed (%u): %s", db->last_errno,
			    mysql_stmt_error(stmt));
		return NULL;
	}
	return NULL;
}

int
db_exec(struct db *db, const char *sql, const struct db_param *p, size_t n,
    unsigned long long *affected, unsigned long long *insert_id)
{
	MYSQL_STMT	*stmt;

	db->last_errno = 0;
	if ((stmt = db_run(db, sql, p, n)) == NULL)
		return -1;
	if (affected != NULL)
		*affected = mysql_stmt_affected_rows(stmt);
	if (insert_id != NULL)
		*insert_id = mysql_stmt_insert_id(stmt);
	mysql_stmt_free_result(stmt);
	return 0;
}

static int
db_fetch_all(MYSQL_STMT *stmt, struct db_result *out)
{
	MYSQL_RES	*meta;
	MYSQL_FIELD	*fields;
	MYSQL_BIND	*bind;
	unsigned long	*lengths;
	my_bool		*nulls;
	char		**row;
	size_t		 c, cap = 0;
	bool		 on = true;
	int		 rc = 0, st;

	memset(out, 0, sizeof(*out));
	if ((meta = mysql_stmt_result_metadata(stmt)) == NULL)
		return 0;
	out->cols = mysql_num_fields(meta);
	fields = mysql_fetch_fields(meta);
	mysql_stmt_attr_set(stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (mysql_stmt_store_result(stmt) != 0) {
		mysql_free_result(meta);
		return -1;
	}
	bind = calloc(out->cols, sizeof(*bind));
	lengths = calloc(out->cols, sizeof(*lengths));
	nulls = calloc(out->cols, sizeof(*nulls));
	if (bind == NULL || lengths == NULL || nulls == NULL)
		abort();
	for (c = 0; c < out->cols; c++) {
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer_length = fields[c].max_length + 1;
		if ((bind[c].buffer = malloc(bind[c].buffer_length)) == NULL)
			abort();
		bind[c].length = &lengths[c];
		bind[c].is_null = &nulls[c];
	}
	if (mysql_stmt_bind_result(stmt, bind) != 0)
		rc = -1;
	while (rc == 0 && ((st = mysql_stmt_fetch(stmt)) == 0 ||
	    st == MYSQL_DATA_TRUNCATED)) {
		if (out->rows == cap) {
			cap = cap ? cap * 2 : 16;
			out->cells = realloc(out->cells,
			    cap * out->cols * sizeof(char *));
			if (out->cells == NULL)
				abort();
		}
		row = out->cells + out->rows * out->cols;
		for (c = 0; c < out->cols; c++)
			row[c] = nulls[c] ? NULL :
			    strndup(bind[c].buffer, lengths[c]);
		out->rows++;
	}
	for (c = 0; c < out->cols; c++)
		free(bind[c].buffer);
	free(bind);
	free(lengths);
	free(nulls);
	mysql_free_result(meta);
	mysql_stmt_free_result(stmt);
	return rc;
}

int
db_query(struct db *db, const char *sql, const struct db_param *p, size_t n,
    struct db_result *out)
{
	MYSQL_STMT	*stmt;

	memset(out, 0, sizeof(*out));
	db->last_errno = 0;
	if ((stmt = db_run(db, sql, p, n)) == NULL)
		return -1;
	if (db_fetch_all(stmt, out) == -1) {
		log_error("fetching rows failed: %s", mysql_stmt_error(stmt));
		db_result_free(out);
		return -1;
	}
	return 0;
}

const char *
db_cell(const struct db_result *r, size_t row, size_t col)
{
	if (row >= r->rows || col >= r->cols)
		return NULL;
	return r->cells[row * r->cols + col];
}

long long
db_cell_int(const struct db_result *r, size_t row, size_t col)
{
	const char	*s = db_cell(r, row, col);

	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

void
db_result_free(struct db_result *r)
{
	size_t	 i;

	if (r->cells != NULL)
		for (i = 0; i < r->rows * r->cols; i++)
			free(r->cells[i]);
	free(r->cells);
	memset(r, 0, sizeof(*r));
}

int
db_exec_script(struct db *db, const char *sql)
{
	MYSQL_RES	*res;
	int		 status;

	if (db->mysql == NULL && db_connect(db) == -1)
		return -1;
	if (mysql_real_query(db->mysql, sql, strlen(sql)) != 0)
		goto fail;
	do {
		if ((res = mysql_store_result(db->mysql)) != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(db->mysql) != 0)
			goto fail;
		if ((status = mysql_next_result(db->mysql)) > 0)
			goto fail;
	} while (status == 0);
	return 0;
fail:
	db->last_errno = mysql_errno(db->mysql);
	log_error("SQL script failed (%u): %s", db->last_errno,
	    mysql_error(db->mysql));
	return -1;
}

static int
db_simple(struct db *db, const char *sql)
{
	if (db->mysql == NULL && db_connect(db) == -1)
		return -1;
	if (mysql_query(db->mysql, sql) != 0) {
		db->last_errno = mysql_errno(db->mysql);
		log_error("%s failed: %s", sql, mysql_error(db->mysql));
		return -1;
	}
	return 0;
}

int
db_begin(struct db *db)
{
	if (db_simple(db, "START TRANSACTION") == -1)
		return -1;
	db->in_transaction = true;
	return 0;
}

int
db_commit(struct db *db)
{
	db->in_transaction = false;
	return db_simple(db, "COMMIT");
}

void
db_rollback(struct db *db)
{
	db->in_transaction = false;
	if (db->mysql != NULL)
		mysql_rollback(db->mysql);
}

unsigned
db_errno(const struct db *db)
{
	return db->last_errno;
}
