/* teryt.c: readers of the GUS TERYT registers TERC, SIMC and ULIC, from CSV and streamed XML. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "buf.h"
#include "csv.h"
#include "teryt.h"
#include "text.h"

/* Bytes allowed in one field; the longest name in the 2020 TERC register has 27. */
#define TERYT_MAX_VALUE		512
/* Bytes read from one XML file. The full SIMC and ULIC files are over 100 MB. */
#define TERYT_XML_MAX_INPUT	(2ULL << 30)

#define KIND_BIT(kind)	(1u << (kind))
#define KIND_TERC	KIND_BIT(TERYT_TERC)
#define KIND_SIMC	KIND_BIT(TERYT_SIMC)
#define KIND_ULIC	KIND_BIT(TERYT_ULIC)
#define KIND_ANY	(KIND_TERC | KIND_SIMC | KIND_ULIC)

/* A register column: its GUS name, the row member it fills and the registers that have it. */
struct teryt_column {
	const char	*name;
	size_t		 member;	/* offset of a const char * in struct teryt_row */
	unsigned	 kinds;
};

#define COLUMN(name, field, kinds) { name, offsetof(struct teryt_row, field), kinds }

static const struct teryt_column teryt_columns[] = {
	COLUMN("WOJ", woj, KIND_ANY),
	COLUMN("POW", pow, KIND_ANY),
	COLUMN("GMI", gmi, KIND_ANY),
	COLUMN("RODZ", rodz, KIND_TERC),
	COLUMN("RODZ_GMI", rodz, KIND_SIMC | KIND_ULIC),
	COLUMN("RM", rm, KIND_SIMC),
	COLUMN("MZ", mz, KIND_SIMC),
	COLUMN("NAZWA", nazwa, KIND_TERC | KIND_SIMC),
	COLUMN("NAZWA_DOD", nazwa_dod, KIND_TERC),
	COLUMN("SYM", sym, KIND_SIMC | KIND_ULIC),
	COLUMN("SYMPOD", sympod, KIND_SIMC),
	COLUMN("SYM_UL", sym_ul, KIND_ULIC),
	COLUMN("CECHA", cecha, KIND_ULIC),
	COLUMN("NAZWA_1", nazwa_1, KIND_ULIC),
	COLUMN("NAZWA_2", nazwa_2, KIND_ULIC),
	COLUMN("STAN_NA", stan_na, KIND_ANY),
};

#define COLUMN_COUNT	(sizeof(teryt_columns) / sizeof(teryt_columns[0]))

/* The TERC CSV header, in the order GUS writes it. */
static const char *const terc_csv_header[] = {
	"WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"
};

#define TERC_CSV_COLUMNS	(sizeof(terc_csv_header) / sizeof(terc_csv_header[0]))

/*
 * Collects the fields of one row before it is checked and delivered. The
 * values are stored one after another in "values", each followed by a NUL,
 * and located by "offset" because "values" may move while it grows.
 */
struct row_builder {
	enum teryt_kind	 kind;
	int		 line;
	struct buf	 values;
	size_t		 offset[COLUMN_COUNT];
	bool		 seen[COLUMN_COUNT];
};

static int
column_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < COLUMN_COUNT; i++)
		if (strcmp(teryt_columns[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
kind_from_name(const char *name)
{
	if (strcmp(name, "TERC") == 0)
		return TERYT_TERC;
	if (strcmp(name, "SIMC") == 0)
		return TERYT_SIMC;
	if (strcmp(name, "ULIC") == 0)
		return TERYT_ULIC;
	return -1;
}

static void
builder_reset(struct row_builder *b, enum teryt_kind kind, int line)
{
	b->kind = kind;
	b->line = line;
	buf_reset(&b->values);
	memset(b->seen, 0, sizeof(b->seen));
}

/* Stores the value of column "index" with spaces, tabs and line ends trimmed. */
static int
builder_set(struct row_builder *b, int index, const char *value, size_t len,
    struct problem *err)
{
	const struct teryt_column	*column = &teryt_columns[index];

	if ((column->kinds & KIND_BIT(b->kind)) == 0) {
		problem_set(err, b->line, "Import.Teryt.KindMismatch", "%s",
		    column->name);
		return -1;
	}
	if (b->seen[index]) {
		problem_set(err, b->line, "Import.Teryt.DuplicateField", "%s",
		    column->name);
		return -1;
	}
	if (len > TERYT_MAX_VALUE) {
		problem_set(err, b->line, "Import.Teryt.ValueTooLong", "%s",
		    column->name);
		return -1;
	}
	while (len > 0 && strchr(" \t\r\n", value[0]) != NULL)
		value++, len--;
	while (len > 0 && strchr(" \t\r\n", value[len - 1]) != NULL)
		len--;

	b->offset[index] = b->values.len;
	buf_append(&b->values, value, len);
	buf_putc(&b->values, '\0');
	b->seen[index] = true;
	return 0;
}

/* True when s is exactly count ASCII digits. */
static bool
is_digits(const char *s, size_t count)
{
	size_t	 i;

	for (i = 0; i < count; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[count] == '\0';
}

/* True when s is a real calendar date written YYYY-MM-DD. */
static bool
is_date(const char *s)
{
	int	 part[3] = { 0, 0, 0 }, i, n = 0;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
			n++;
		} else if (s[i] >= '0' && s[i] <= '9')
			part[n] = part[n] * 10 + (s[i] - '0');
		else
			return false;
	}
	return s[10] == '\0' && date_valid(part[0], part[1], part[2]);
}

static int
invalid_field(const struct teryt_row *row, const char *name, const char *value,
    struct problem *err)
{
	problem_set(err, row->line, "Import.Teryt.InvalidField", "%s=%s", name,
	    value);
	return -1;
}

/*
 * Checks a TERC row: a voivodeship has only WOJ, a powiat adds POW, and a
 * gmina, a part of an urban-rural gmina or a district adds GMI and RODZ.
 */
static int
check_terc(const struct teryt_row *row, struct problem *err)
{
	if (row->pow[0] != '\0' && !is_digits(row->pow, 2))
		return invalid_field(row, "POW", row->pow, err);
	if (row->gmi[0] != '\0' && (row->pow[0] == '\0' || !is_digits(row->gmi, 2)))
		return invalid_field(row, "GMI", row->gmi, err);
	if (row->gmi[0] != '\0' ? !is_digits(row->rodz, 1) : row->rodz[0] != '\0')
		return invalid_field(row, "RODZ", row->rodz, err);
	if (row->nazwa[0] == '\0')
		return invalid_field(row, "NAZWA", row->nazwa, err);
	return 0;
}

/* Checks the codes of a SIMC or ULIC row, which always belongs to one gmina. */
static int
check_simc_ulic(const struct teryt_row *row, struct problem *err)
{
	if (!is_digits(row->pow, 2))
		return invalid_field(row, "POW", row->pow, err);
	if (!is_digits(row->gmi, 2))
		return invalid_field(row, "GMI", row->gmi, err);
	if (!is_digits(row->rodz, 1))
		return invalid_field(row, "RODZ_GMI", row->rodz, err);
	if (!is_digits(row->sym, 7))
		return invalid_field(row, "SYM", row->sym, err);
	if (row->kind == TERYT_ULIC) {
		if (!is_digits(row->sym_ul, 5))
			return invalid_field(row, "SYM_UL", row->sym_ul, err);
		if (row->nazwa_1[0] == '\0')
			return invalid_field(row, "NAZWA_1", row->nazwa_1, err);
		return 0;
	}
	if (!is_digits(row->rm, 2))
		return invalid_field(row, "RM", row->rm, err);
	if (!is_digits(row->mz, 1))
		return invalid_field(row, "MZ", row->mz, err);
	if (!is_digits(row->sympod, 7))
		return invalid_field(row, "SYMPOD", row->sympod, err);
	if (row->nazwa[0] == '\0')
		return invalid_field(row, "NAZWA", row->nazwa, err);
	return 0;
}

static int
check_row(const struct teryt_row *row, struct problem *err)
{
	int	 rc;

	if (!is_digits(row->woj, 2))
		return invalid_field(row, "WOJ", row->woj, err);
	if (row->kind == TERYT_TERC)
		rc = check_terc(row, err);
	else
		rc = check_simc_ulic(row, err);
	if (rc != 0)
		return rc;
	if (!is_date(row->stan_na))
		return invalid_field(row, "STAN_NA", row->stan_na, err);
	return 0;
}

/*
 * Fills row from the builder, checks it and passes it to fn. Columns of
 * other registers are "". Returns 0, -1 with *err, or the callback's value.
 */
static int
builder_deliver(struct row_builder *b, teryt_row_fn fn, void *arg,
    struct problem *err)
{
	struct teryt_row	 row;
	size_t			 i;
	const char		**field;

	memset(&row, 0, sizeof(row));
	row.line = b->line;
	row.kind = b->kind;
	for (i = 0; i < COLUMN_COUNT; i++) {
		field = (const char **)((char *)&row + teryt_columns[i].member);
		if (b->seen[i])
			*field = buf_cstr(&b->values) + b->offset[i];
		else if (teryt_columns[i].kinds & KIND_BIT(b->kind)) {
			problem_set(err, b->line, "Import.Teryt.MissingField",
			    "%s", teryt_columns[i].name);
			return -1;
		} else if (*field == NULL)
			*field = "";
	}
	if (check_row(&row, err) != 0)
		return -1;
	return fn(&row, arg);
}

/* ---- TERC in CSV ---------------------------------------------------- */

struct terc_csv {
	struct row_builder	 builder;
	bool			 header_seen;
	teryt_row_fn		 fn;
	teryt_problem_fn	 bad_row_fn;	/* NULL: a bad row stops reading */
	void			*arg;
	struct problem		*err;
};

static int
terc_csv_check_header(const struct csv_row *r, struct problem *err)
{
	struct buf	 found;
	size_t		 i;
	bool		 match = r->count == TERC_CSV_COLUMNS;

	for (i = 0; match && i < TERC_CSV_COLUMNS; i++)
		match = strcmp(r->field[i], terc_csv_header[i]) == 0;
	if (match)
		return 0;

	buf_init(&found);
	for (i = 0; i < r->count; i++)
		buf_printf(&found, "%s%s", i > 0 ? ";" : "", r->field[i]);
	problem_set(err, r->line, "Import.Teryt.BadHeader", "%s", buf_cstr(&found));
	buf_free(&found);
	return -1;
}

/* Checks and delivers one data row. Returns 0, -1 with *t->err, or fn's value. */
static int
terc_csv_row(struct terc_csv *t, const struct csv_row *r)
{
	size_t	 i;

	if (r->count != TERC_CSV_COLUMNS) {
		problem_set(t->err, r->line, "Import.Teryt.FieldCount", "%zu",
		    r->count);
		return -1;
	}
	builder_reset(&t->builder, TERYT_TERC, r->line);
	for (i = 0; i < TERC_CSV_COLUMNS; i++)
		if (builder_set(&t->builder, column_find(terc_csv_header[i]),
		    r->field[i], strlen(r->field[i]), t->err) != 0)
			return -1;
	return builder_deliver(&t->builder, t->fn, t->arg, t->err);
}

static int
terc_csv_record(const struct csv_row *r, void *arg)
{
	struct terc_csv	*t = arg;
	int		 rc;

	if (!t->header_seen) {
		t->header_seen = true;
		return terc_csv_check_header(r, t->err);
	}
	rc = terc_csv_row(t, r);
	if (rc == -1 && t->bad_row_fn != NULL) {
		rc = t->bad_row_fn(t->err, t->arg);
		problem_set(t->err, 0, "", NULL);
	}
	return rc;
}

int
teryt_read_terc_csv(const char *data, size_t len, teryt_row_fn fn, void *arg,
    struct problem *err)
{
	return teryt_read_terc_csv_rows(data, len, fn, NULL, arg, err);
}

int
teryt_read_terc_csv_rows(const char *data, size_t len, teryt_row_fn fn,
    teryt_problem_fn bad_row_fn, void *arg, struct problem *err)
{
	struct terc_csv	 t;
	int		 rc;

	memset(&t, 0, sizeof(t));
	buf_init(&t.builder.values);
	t.fn = fn;
	t.bad_row_fn = bad_row_fn;
	t.arg = arg;
	t.err = err;

	rc = csv_parse(data, len, terc_csv_record, &t, err);
	if (rc == 0 && !t.header_seen) {
		problem_set(err, 1, "Import.Teryt.BadHeader", "%s", "");
		rc = -1;
	}
	buf_free(&t.builder.values);
	return rc;
}

/* ---- TERC, SIMC and ULIC in XML --------------------------------------- */

enum source_status {
	SOURCE_OK,
	SOURCE_READ_FAILED,
	SOURCE_TOO_LARGE,
	SOURCE_ENTITY_DECLARED,
};

#define ENTITY_MARK	"<!ENTITY"
#define ENTITY_MARK_LEN	(sizeof(ENTITY_MARK) - 1)

/*
 * The file behind the XML reader. Until the root element has been read, every
 * chunk is searched for "<!ENTITY" before libxml2 parses it, so an entity
 * declaration stops the parse before any entity can be expanded. The file is
 * decoded as UTF-8 whatever it declares, so another encoding cannot hide it.
 */
struct xml_source {
	int			 fd;
	unsigned long long	 total;
	bool			 scan;
	char			 tail[ENTITY_MARK_LEN - 1];	/* end of the previous chunk */
	size_t			 tail_len;
	unsigned long		 newlines;	/* line feeds scanned so far */
	unsigned long		 entity_line;	/* line of the "<!ENTITY" found */
	enum source_status	 status;
	int			 errnum;
};

/* Counts the line feeds in s[0..len). */
static unsigned long
count_newlines(const char *s, size_t len)
{
	unsigned long	 count = 0;
	const char	*end = s + len;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		count++;
		s++;
	}
	return count;
}

/*
 * True when "<!ENTITY" occurs in the chunk or across its start and the end of
 * the previous chunk. It then sets entity_line to the line where the mark starts.
 */
static bool
source_find_entity(struct xml_source *s, const char *chunk, size_t len)
{
	char		 joint[2 * (ENTITY_MARK_LEN - 1)];
	size_t		 head = len < ENTITY_MARK_LEN - 1 ? len : ENTITY_MARK_LEN - 1;
	size_t		 joint_len;
	const char	*mark;

	memcpy(joint, s->tail, s->tail_len);
	memcpy(joint + s->tail_len, chunk, head);
	joint_len = s->tail_len + head;
	if (memmem(joint, joint_len, ENTITY_MARK, ENTITY_MARK_LEN) != NULL) {
		/* The mark has no line feed, so it starts on the last line read. */
		s->entity_line = s->newlines + 1;
		return true;
	}
	if ((mark = memmem(chunk, len, ENTITY_MARK, ENTITY_MARK_LEN)) != NULL) {
		s->entity_line = s->newlines + 1 +
		    count_newlines(chunk, (size_t)(mark - chunk));
		return true;
	}
	s->newlines += count_newlines(chunk, len);

	/* Keep the last bytes of everything read so far for the next chunk. */
	if (len >= sizeof(s->tail)) {
		memcpy(s->tail, chunk + len - sizeof(s->tail), sizeof(s->tail));
		s->tail_len = sizeof(s->tail);
	} else if (joint_len > sizeof(s->tail)) {
		memcpy(s->tail, joint + joint_len - sizeof(s->tail), sizeof(s->tail));
		s->tail_len = sizeof(s->tail);
	} else {
		memcpy(s->tail, joint, joint_len);
		s->tail_len = joint_len;
	}
	return false;
}

/* xmlInputReadCallback: returns the bytes read, 0 at the end, or -1 to stop the parse. */
static int
source_read(void *context, char *buffer, int len)
{
	struct xml_source	*s = context;
	ssize_t			 n;

	if (s->status != SOURCE_OK)
		return -1;
	do
		n = read(s->fd, buffer, (size_t)len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		s->status = SOURCE_READ_FAILED;
		s->errnum = errno;
		return -1;
	}
	s->total += (unsigned long long)n;
	if (s->total > TERYT_XML_MAX_INPUT) {
		s->status = SOURCE_TOO_LARGE;
		return -1;
	}
	if (s->scan && source_find_entity(s, buffer, (size_t)n)) {
		s->status = SOURCE_ENTITY_DECLARED;
		return -1;
	}
	return (int)n;
}

/* State of one XML import: the source, the open <catalog>, <row> and column. */
struct xml_import {
	xmlTextReaderPtr	 reader;
	struct xml_source	 source;
	struct row_builder	 builder;
	struct buf		 text;		/* value of the open column */
	char			 root[64];	/* name of the root element */
	int			 root_kind;	/* kind named by the root element, or -1 */
	int			 kind;		/* kind of the rows, or -1 while unknown */
	bool			 in_catalog;
	int			 row_depth;	/* depth of the open <row>, or -1 */
	int			 column;	/* index of the open column; -1 unknown or none */
	bool			 in_column;
	bool			 line_pending;	/* row line still unknown, see xml_row_line */
	bool			 parse_failed;	/* libxml2 reported an error */
	struct problem		 parse_error;
	teryt_row_fn		 fn;
	void			*arg;
	struct problem		*err;
};

/* xmlStructuredErrorFunc: keeps the first error libxml2 reports, with its line. */
static void
xml_on_error(void *arg, xmlErrorPtr e)
{
	struct xml_import	*x = arg;
	size_t			 len;

	if (e == NULL || e->level < XML_ERR_ERROR || x->parse_failed)
		return;
	x->parse_failed = true;
	len = e->message != NULL ? strlen(e->message) : 0;
	while (len > 0 && (e->message[len - 1] == '\n' || e->message[len - 1] == ' '))
		len--;
	problem_set(&x->parse_error, e->line, "Import.Teryt.BadXml", "%.*s",
	    (int)len, len > 0 ? e->message : "");
}

/*
 * Sets the line of a <row> starting at the current node.
 * NOTE: libxml2 2.9 stores element lines in 16 bits, so from line 65535 on the
 * row takes the line of its first text (XML_PARSE_BIG_LINES records text lines
 * in full). In GUS files that is one line after <row>.
 */
static void
xml_row_line(struct xml_import *x)
{
	xmlNodePtr	 node = xmlTextReaderCurrentNode(x->reader);

	x->line_pending = node == NULL || node->line >= 65535;
	x->builder.line = x->line_pending ? 0 : node->line;
}

/* Returns the line libxml2 recorded for the current node, or else the parser's line. */
static int
xml_current_line(struct xml_import *x)
{
	xmlNodePtr	 node = xmlTextReaderCurrentNode(x->reader);
	long		 line = node != NULL ? xmlGetLineNo(node) : -1;

	if (line <= 0 || line > INT_MAX)
		return xmlTextReaderGetParserLineNumber(x->reader);
	return (int)line;
}

/* Sets the kind from a <catalog name="..."> or, without a name, from the root element. */
static int
xml_catalog(struct xml_import *x)
{
	xmlChar	*name = xmlTextReaderGetAttribute(x->reader, BAD_CAST "name");
	int	 kind, line = xml_current_line(x);

	if (name == NULL) {
		x->kind = x->root_kind;
		return 0;
	}
	kind = kind_from_name((const char *)name);
	if (kind < 0)
		problem_set(x->err, line, "Import.Teryt.UnknownKind", "%s", name);
	else if (x->root_kind >= 0 && kind != x->root_kind)
		problem_set(x->err, line, "Import.Teryt.KindMismatch", "%s", name);
	xmlFree(name);
	if (kind < 0 || (x->root_kind >= 0 && kind != x->root_kind))
		return -1;
	x->kind = kind;
	return 0;
}

static int
xml_end_row(struct xml_import *x)
{
	if (x->line_pending)
		x->builder.line = xmlTextReaderGetParserLineNumber(x->reader);
	x->row_depth = -1;
	return builder_deliver(&x->builder, x->fn, x->arg, x->err);
}

static int
xml_start_row(struct xml_import *x, int depth)
{
	if (x->kind < 0) {
		problem_set(x->err, xml_current_line(x), "Import.Teryt.UnknownKind",
		    "%s", x->root);
		return -1;
	}
	builder_reset(&x->builder, (enum teryt_kind)x->kind, 0);
	xml_row_line(x);
	x->row_depth = depth;
	if (xmlTextReaderIsEmptyElement(x->reader))
		return xml_end_row(x);
	return 0;
}

static int
xml_end_column(struct xml_import *x)
{
	x->in_column = false;
	if (x->column < 0)
		return 0;	/* an element that is not a register column */
	return builder_set(&x->builder, x->column, x->text.data, x->text.len,
	    x->err);
}

static int
xml_start_column(struct xml_import *x, const char *name)
{
	x->column = column_find(name);
	x->in_column = true;
	buf_reset(&x->text);
	buf_append(&x->text, "", 0);
	if (xmlTextReaderIsEmptyElement(x->reader))
		return xml_end_column(x);
	return 0;
}

/*
 * Handles an element start. The structure is root, then <catalog>, then
 * <row>, then one element per column. A file without <catalog> has its rows
 * directly under the root.
 */
static int
xml_start_element(struct xml_import *x, int depth)
{
	const char	*name = (const char *)xmlTextReaderConstName(x->reader);

	x->source.scan = false;	/* the prolog, where entities are declared, is over */
	if (depth == 0) {
		snprintf(x->root, sizeof(x->root), "%s", name);
		x->root_kind = kind_from_name(name);
		x->kind = x->root_kind;
		return 0;
	}
	if (x->row_depth >= 0) {
		if (depth == x->row_depth + 1)
			return xml_start_column(x, name);
		return 0;	/* markup inside a column is ignored */
	}
	if (depth == 1 && strcmp(name, "catalog") == 0) {
		x->in_catalog = !xmlTextReaderIsEmptyElement(x->reader);
		return xml_catalog(x);
	}
	if (strcmp(name, "row") == 0 && (depth == 1 || (depth == 2 && x->in_catalog)))
		return xml_start_row(x, depth);
	return 0;
}

static int
xml_end_element(struct xml_import *x, int depth)
{
	if (x->row_depth >= 0 && depth == x->row_depth + 1 && x->in_column)
		return xml_end_column(x);
	if (x->row_depth >= 0 && depth == x->row_depth)
		return xml_end_row(x);
	if (depth == 1)
		x->in_catalog = false;
	return 0;
}

/* Adds text or CDATA to the open column; text elsewhere is ignored. */
static int
xml_text(struct xml_import *x, int depth)
{
	const char	*value;

	if (x->row_depth < 0 || !x->in_column || depth != x->row_depth + 2)
		return 0;
	if (x->line_pending) {
		x->builder.line = xml_current_line(x);
		x->line_pending = false;
	}
	if (x->column < 0)
		return 0;
	value = (const char *)xmlTextReaderConstValue(x->reader);
	if (value == NULL)
		return 0;
	if (x->text.len + strlen(value) > TERYT_MAX_VALUE) {
		problem_set(x->err, x->builder.line, "Import.Teryt.ValueTooLong",
		    "%s", teryt_columns[x->column].name);
		return -1;
	}
	buf_puts(&x->text, value);
	return 0;
}

/*
 * Rejects a document type that declares entities. The source scan stops such
 * a file before this point, so this check is a second safeguard.
 */
static int
xml_document_type(struct xml_import *x)
{
	xmlNodePtr	 node = xmlTextReaderCurrentNode(x->reader);
	xmlDtdPtr	 dtd = (xmlDtdPtr)node;

	if (node == NULL || node->type != XML_DTD_NODE)
		return 0;
	if (dtd->entities == NULL && dtd->pentities == NULL)
		return 0;
	problem_set(x->err, xml_current_line(x), "Import.Teryt.EntityDeclared", NULL);
	return -1;
}

static int
xml_node(struct xml_import *x)
{
	int	 depth = xmlTextReaderDepth(x->reader);

	switch (xmlTextReaderNodeType(x->reader)) {
	case XML_READER_TYPE_ELEMENT:
		return xml_start_element(x, depth);
	case XML_READER_TYPE_END_ELEMENT:
		return xml_end_element(x, depth);
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		return xml_text(x, depth);
	case XML_READER_TYPE_ENTITY_REFERENCE:
		problem_set(x->err, xml_current_line(x),
		    "Import.Teryt.EntityReference", "%s",
		    (const char *)xmlTextReaderConstName(x->reader));
		return -1;
	case XML_READER_TYPE_DOCUMENT_TYPE:
		return xml_document_type(x);
	default:
		return 0;
	}
}

/* Fills *err after xmlTextReaderRead failed, naming the cause the source or libxml2 saw. */
static void
xml_read_failed(struct xml_import *x, const char *path)
{
	switch (x->source.status) {
	case SOURCE_ENTITY_DECLARED:
		problem_set(x->err, (int)x->source.entity_line,
		    "Import.Teryt.EntityDeclared", NULL);
		break;
	case SOURCE_TOO_LARGE:
		problem_set(x->err, 0, "Import.Teryt.TooLarge", "%llu",
		    TERYT_XML_MAX_INPUT >> 20);
		break;
	case SOURCE_READ_FAILED:
		problem_set(x->err, 0, "Import.Teryt.ReadFailed", "%s: %s", path,
		    strerror(x->source.errnum));
		break;
	case SOURCE_OK:
		if (x->parse_failed)
			*x->err = x->parse_error;
		else
			problem_set(x->err, xmlTextReaderGetParserLineNumber(x->reader),
			    "Import.Teryt.BadXml", NULL);
		break;
	}
}

/*
 * Options: no network, blank text dropped, full line numbers, and UTF-8
 * decoding whatever the document declares. No entity substitution
 * (XML_PARSE_NOENT), DTD loading or XML_PARSE_HUGE.
 * NOTE: a register saved again in windows-1250 or ISO-8859-2 is therefore
 * rejected as invalid XML; GUS publishes UTF-8.
 */
#define TERYT_XML_OPTIONS \
	(XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_BIG_LINES | \
	 XML_PARSE_IGNORE_ENC)

static int
xml_run(struct xml_import *x, const char *path)
{
	int	 status, rc = 0;

	x->reader = xmlReaderForIO(source_read, NULL, &x->source, path, "UTF-8",
	    TERYT_XML_OPTIONS);
	if (x->reader == NULL) {
		problem_set(x->err, 0, "Import.Teryt.ReadFailed", "%s", path);
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(x->reader, xml_on_error, x);

	while (rc == 0 && (status = xmlTextReaderRead(x->reader)) == 1)
		rc = xml_node(x);
	if (rc == 0 && status < 0) {
		xml_read_failed(x, path);
		rc = -1;
	}
	xmlFreeTextReader(x->reader);
	return rc;
}

int
teryt_read_xml_file(const char *path, teryt_row_fn fn, void *arg,
    struct problem *err)
{
	struct xml_import	 x;
	int			 rc;

	problem_set(err, 0, "", NULL);
	memset(&x, 0, sizeof(x));
	x.source.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (x.source.fd < 0) {
		problem_set(err, 0, "Import.Teryt.ReadFailed", "%s: %s", path,
		    strerror(errno));
		return -1;
	}
	x.source.scan = true;
	x.root_kind = x.kind = -1;
	x.row_depth = -1;
	x.column = -1;
	x.fn = fn;
	x.arg = arg;
	x.err = err;
	buf_init(&x.builder.values);
	buf_init(&x.text);

	rc = xml_run(&x, path);

	buf_free(&x.builder.values);
	buf_free(&x.text);
	close(x.source.fd);
	return rc;
}

/* ---- codes ------------------------------------------------------------ */

int
teryt_terc_code(const struct teryt_row *row, char out[8])
{
	out[0] = '\0';
	if (row->woj == NULL || row->pow == NULL || row->gmi == NULL ||
	    row->rodz == NULL)
		return -1;
	if (!is_digits(row->woj, 2) || !is_digits(row->pow, 2) ||
	    !is_digits(row->gmi, 2) || !is_digits(row->rodz, 1))
		return -1;
	snprintf(out, 8, "%s%s%s%s", row->woj, row->pow, row->gmi, row->rodz);
	return 0;
}
