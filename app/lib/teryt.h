/* teryt.h: readers for the GUS TERYT registers TERC, SIMC and ULIC (CSV and XML). */
#ifndef RATUSZ_TERYT_H
#define RATUSZ_TERYT_H

#include <stddef.h>

#include "problem.h"

enum teryt_kind { TERYT_TERC, TERYT_SIMC, TERYT_ULIC };

/*
 * One register row with every field trimmed; an empty element or column is "",
 * and so is every column the register does not have. Field names are the
 * register's own column names.
 */
struct teryt_row {
	int		 line;	/* CSV line, or XML line of <row> (see teryt_read_xml_file) */
	enum teryt_kind	 kind;
	const char	*woj, *pow, *gmi, *rodz;	/* RODZ or RODZ_GMI */
	const char	*nazwa, *nazwa_dod;		/* TERC */
	const char	*rm, *mz, *sym, *sympod;	/* SIMC (sym also ULIC) */
	const char	*sym_ul, *cecha, *nazwa_1, *nazwa_2;	/* ULIC */
	const char	*stan_na;
};

typedef int (*teryt_row_fn)(const struct teryt_row *, void *arg);

/*
 * Reads a TERC register in GUS CSV form (';', UTF-8, CRLF or LF). The header
 * must be WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA. Every row is checked
 * (2-digit WOJ, POW and GMI, 1-digit RODZ, a name, STAN_NA as YYYY-MM-DD)
 * before fn is called. Returns 0, -1 with *err, or the callback's value.
 */
int	 teryt_read_terc_csv(const char *data, size_t len, teryt_row_fn,
		void *arg, struct problem *err);

/* Receives the problem of a row that failed its checks; non-zero stops reading. */
typedef int (*teryt_problem_fn)(const struct problem *, void *arg);

/*
 * Reads a TERC register like teryt_read_terc_csv, but passes each row that
 * fails its checks (its field count or values) to bad_row_fn and goes on, so
 * that every bad row can be reported. A bad header or malformed CSV still
 * stops reading with -1.
 */
int	 teryt_read_terc_csv_rows(const char *data, size_t len, teryt_row_fn,
		teryt_problem_fn bad_row_fn, void *arg, struct problem *err);

/*
 * Streams a TERC, SIMC or ULIC register in GUS XML form from a file with
 * xmlReader, so files over 100 MB are read in constant memory. The kind is
 * taken from <catalog name="..."> or else from the root element. Every row
 * must have exactly the columns of its register (other elements are ignored)
 * and is checked as in teryt_read_terc_csv. The file is decoded as UTF-8
 * whatever it declares, and is limited to 2 GiB, with 512 bytes per field.
 * No network access, no DTD loading. A document is rejected when "<!ENTITY"
 * occurs before its root element, even inside a comment.
 * A row's line is that of <row> up to line 65534. Past it, libxml2 2.9 keeps
 * no element line, so a row gets the line of its first value.
 * Returns 0, -1 with *err, or the callback's value.
 */
int	 teryt_read_xml_file(const char *path, teryt_row_fn, void *arg,
		struct problem *err);

/* Builds the 7-digit gmina code WOJ+POW+GMI+RODZ into out[8]; -1 when a part is malformed. */
int	 teryt_terc_code(const struct teryt_row *, char out[8]);

#endif
