/* problem.h: a located error in imported data, rendered later through the language files. */
#ifndef RATUSZ_PROBLEM_H
#define RATUSZ_PROBLEM_H

#include <stdarg.h>

/*
 * A parser or importer fills this instead of printing: "key" names a message under
 * Msg. in templates/lang/{pl,en}.hdf (for example "Import.BadDate"), whose text may
 * contain {line} and {value}; msg_problem() in msg.h turns it into a sentence.
 */
struct problem {
	int	 line;		/* 1-based line of the input, 0 when not tied to a line */
	char	 key[64];	/* message key, without the leading "Msg." */
	char	 value[256];	/* the offending value, truncated on a UTF-8 boundary */
};

void	 problem_set(struct problem *, int line, const char *key,
		const char *valuefmt, ...)
		__attribute__((format(printf, 4, 5)));

#endif
