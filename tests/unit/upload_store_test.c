/* upload_store_test.c: writing, reading and deleting stored photos in a temporary directory. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "upload_store.h"

static char dir[] = "/tmp/ratusz-store-test-XXXXXX";

static int
make_dir(void **state)
{
	(void)state;
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int
remove_dir(void **state)
{
	char	 command[128];

	(void)state;
	snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	return system(command) == 0 ? 0 : -1;
}

/* Counts the entries of a directory other than "." and "..". */
static int
count_entries(const char *path)
{
	struct dirent	*e;
	DIR		*d = opendir(path);
	int		 n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
save_read_delete(void **state)
{
	struct photo	 p = { 0 };
	struct buf	 out;
	struct stat	 st;
	char		 token[TOKEN_LEN + 1], path[512], shard[512];

	(void)state;
	p.jpeg = (unsigned char *)"full";
	p.jpeg_length = 4;
	p.thumb = (unsigned char *)"th";
	p.thumb_length = 2;
	assert_int_equal(upload_store_save(dir, &p, token), 0);
	assert_int_equal(strlen(token), TOKEN_LEN);

	assert_int_equal(upload_store_path(dir, token, UPLOAD_PHOTO, path, sizeof(path)), 0);
	snprintf(shard, sizeof(shard), "%s/%.2s", dir, token);
	assert_int_equal(strncmp(path, shard, strlen(shard)), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(stat(shard, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0750);
	/* The photo, its thumbnail, and no temporary file. */
	assert_int_equal(count_entries(shard), 2);

	buf_init(&out);
	assert_int_equal(upload_store_read(dir, token, UPLOAD_PHOTO, &out), 0);
	assert_int_equal(out.len, 4);
	assert_memory_equal(out.data, "full", 4);
	buf_reset(&out);
	assert_int_equal(upload_store_read(dir, token, UPLOAD_THUMB, &out), 0);
	assert_int_equal(out.len, 2);
	assert_memory_equal(out.data, "th", 2);

	assert_int_equal(upload_store_delete(dir, token), 0);
	assert_int_equal(count_entries(shard), 0);
	buf_reset(&out);
	assert_int_equal(upload_store_read(dir, token, UPLOAD_PHOTO, &out), -1);
	assert_int_equal(errno, ENOENT);
	/* Deleting again finds nothing and is not an error. */
	assert_int_equal(upload_store_delete(dir, token), 0);
	buf_free(&out);
}

static void
existing_name_kept(void **state)
{
	static const char token[] = "AAAAAAAAAAAAAAAAAAAAAA";
	struct buf	 out;
	char		 shard[512];

	(void)state;
	assert_int_equal(upload_store_put(dir, token, UPLOAD_PHOTO, "one", 3), 0);
	assert_int_equal(upload_store_put(dir, token, UPLOAD_PHOTO, "two", 3), -1);
	assert_int_equal(errno, EEXIST);
	buf_init(&out);
	assert_int_equal(upload_store_read(dir, token, UPLOAD_PHOTO, &out), 0);
	assert_memory_equal(out.data, "one", 3);
	buf_free(&out);
	/* The failed write left no temporary file behind. */
	snprintf(shard, sizeof(shard), "%s/AA", dir);
	assert_int_equal(count_entries(shard), 1);
	assert_int_equal(upload_store_delete(dir, token), 0);
}

static void
invalid_tokens_rejected(void **state)
{
	static const char *const tokens[] = {
		"", "short", "../../../../etc/passwd", "AAAAAAAAAAAAAAAAAAAAA/",
		"AAAAAAAAAAAAAAAAAAAAA.", "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAA",
	};
	struct buf	 out;
	char		 path[512];
	size_t		 i;

	(void)state;
	buf_init(&out);
	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
		print_message("token \"%s\"\n", tokens[i]);
		assert_int_equal(upload_store_path(dir, tokens[i], UPLOAD_PHOTO, path,
		    sizeof(path)), -1);
		assert_int_equal(errno, EINVAL);
		assert_int_equal(upload_store_put(dir, tokens[i], UPLOAD_PHOTO, "x", 1), -1);
		assert_int_equal(upload_store_read(dir, tokens[i], UPLOAD_PHOTO, &out), -1);
		assert_int_equal(errno, EINVAL);
		assert_int_equal(upload_store_delete(dir, tokens[i]), -1);
	}
	assert_int_equal(upload_store_path(dir, NULL, UPLOAD_PHOTO, path, sizeof(path)), -1);
	buf_free(&out);
}

static void
missing_directory_fails(void **state)
{
	struct photo	 p = { 0 };
	char		 token[TOKEN_LEN + 1], missing[512];

	(void)state;
	p.jpeg = (unsigned char *)"x";
	p.jpeg_length = 1;
	p.thumb = (unsigned char *)"y";
	p.thumb_length = 1;
	snprintf(missing, sizeof(missing), "%s/none/uploads", dir);
	assert_int_equal(upload_store_save(missing, &p, token), -1);
	assert_int_equal(errno, ENOENT);
}

static void
upload_dir_created(void **state)
{
	struct photo	 p = { 0 };
	struct stat	 st;
	char		 token[TOKEN_LEN + 1], fresh[512];

	(void)state;
	p.jpeg = (unsigned char *)"x";
	p.jpeg_length = 1;
	p.thumb = (unsigned char *)"y";
	p.thumb_length = 1;
	snprintf(fresh, sizeof(fresh), "%s/fresh", dir);
	assert_int_equal(upload_store_save(fresh, &p, token), 0);
	assert_int_equal(stat(fresh, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0750);
	assert_int_equal(upload_store_delete(fresh, token), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(save_read_delete),
		cmocka_unit_test(existing_name_kept),
		cmocka_unit_test(invalid_tokens_rejected),
		cmocka_unit_test(missing_directory_fails),
		cmocka_unit_test(upload_dir_created),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
