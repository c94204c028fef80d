/* replay.c: a main() that feeds every file of a fuzz corpus to LLVMFuzzerTestOneInput, printing TAP. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Lists the regular files of dir, sorted so that runs are repeatable. Returns
 * NULL with *count 0 when dir has none, or NULL with errno set when it cannot
 * be opened.
 */
static char **
list_files(const char *dir, size_t *count)
{
	struct dirent	*entry;
	struct stat	 st;
	struct buf	 path;
	char		**names = NULL;
	DIR		*d;

	*count = 0;
	if ((d = opendir(dir)) == NULL)
		return NULL;
	errno = 0;
	buf_init(&path);
	while ((entry = readdir(d)) != NULL) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, entry->d_name);
		if (stat(buf_cstr(&path), &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		names = realloc(names, (*count + 1) * sizeof(*names));
		if (names == NULL)
			abort();
		names[(*count)++] = buf_steal(&path);
	}
	closedir(d);
	buf_free(&path);
	qsort(names, *count, sizeof(*names), compare_names);
	return names;
}

/* Reads a whole file; returns 0, or -1 with errno set. */
static int
read_file(const char *name, struct buf *out)
{
	char	 chunk[65536];
	size_t	 n;
	FILE	*f;

	if ((f = fopen(name, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(out, chunk, n);
	if (ferror(f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/*
 * Replays the corpus directory named on the command line, or FUZZ_CORPUS_DIR
 * set at build time. A crash or sanitizer report ends the run, which the TAP
 * driver reports as an error; an empty or missing corpus fails too.
 */
int
main(int argc, char *argv[])
{
	const char	*dir = argc > 1 ? argv[1] : FUZZ_CORPUS_DIR;
	struct buf	 data;
	char		**names;
	size_t		 count, i;
	int		 status = 0;

	names = list_files(dir, &count);
	if (count == 0) {
		printf("1..1\nnot ok 1 - corpus %s: %s\n", dir,
		    errno != 0 ? strerror(errno) : "no files");
		return 1;
	}
	printf("1..%zu\n", count);
	buf_init(&data);
	for (i = 0; i < count; i++) {
		buf_reset(&data);
		if (read_file(names[i], &data) != 0) {
			printf("not ok %zu - %s: %s\n", i + 1, names[i], strerror(errno));
			status = 1;
		} else {
			fflush(stdout);
			LLVMFuzzerTestOneInput((const uint8_t *)buf_cstr(&data), data.len);
			printf("ok %zu - %s\n", i + 1, strrchr(names[i], '/') + 1);
		}
		free(names[i]);
	}
	free(names);
	buf_free(&data);
	return status;
}
