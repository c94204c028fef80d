/* upload_store.c: atomic writes, reads and deletes of stored photos (see upload_store.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "upload_store.h"

static bool
token_valid(const char *token)
{
	size_t	 i;

	if (token == NULL || strlen(token) != TOKEN_LEN)
		return false;
	for (i = 0; i < TOKEN_LEN; i++)
		if (!((token[i] >= 'A' && token[i] <= 'Z') ||
		    (token[i] >= 'a' && token[i] <= 'z') ||
		    (token[i] >= '0' && token[i] <= '9') || token[i] == '-' ||
		    token[i] == '_'))
			return false;
	return true;
}

int
upload_store_path(const char *dir, const char *token, enum upload_variant v,
    char *out, size_t size)
{
	int	 n;

	if (!token_valid(token) || dir == NULL || dir[0] == '\0') {
		errno = EINVAL;
		return -1;
	}
	n = snprintf(out, size, "%s/%.2s/%s%s", dir, token, token,
	    v == UPLOAD_THUMB ? ".t.jpg" : ".jpg");
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Writes all of data to fd; -1 with errno set. */
static int
write_all(int fd, const unsigned char *data, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Syncs a directory so that a new name in it survives a crash. */
static int
sync_dir(const char *path)
{
	int	 fd, rc;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
upload_store_put(const char *dir, const char *token, enum upload_variant v,
    const void *data, size_t len)
{
	char	 path[4096], tmp[4096 + 16], shard[4096];
	int	 fd, saved;

	if (upload_store_path(dir, token, v, path, sizeof(path)) == -1)
		return -1;
	snprintf(shard, sizeof(shard), "%s/%.2s", dir, token);
	if (mkdir(dir, 0750) == -1 && errno != EEXIST)
		return -1;
	if (mkdir(shard, 0750) == -1 && errno != EEXIST)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s/.tmp-XXXXXX", shard);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1)
		return -1;
	if (fchmod(fd, 0640) == -1 || write_all(fd, data, len) == -1 || fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	/* link() fails with EEXIST where rename() would replace another file. */
	if (link(tmp, path) == -1)
		goto fail;
	unlink(tmp);
	return sync_dir(shard);
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	errno = saved;
	return -1;
}

int
upload_store_save(const char *dir, const struct photo *p, char token[TOKEN_LEN + 1])
{
	int	 saved;

	if (token_random(token) == -1) {
		errno = EIO;
		return -1;
	}
	if (upload_store_put(dir, token, UPLOAD_PHOTO, p->jpeg, p->jpeg_length) == -1)
		return -1;
	if (upload_store_put(dir, token, UPLOAD_THUMB, p->thumb, p->thumb_length) == -1) {
		saved = errno;
		upload_store_delete(dir, token);
		errno = saved;
		return -1;
	}
	return 0;
}

int
upload_store_read(const char *dir, const char *token, enum upload_variant v,
    struct buf *out)
{
	char		 path[4096], chunk[65536];
	ssize_t		 n;
	int		 fd, saved;

	if (upload_store_path(dir, token, v, path, sizeof(path)) == -1)
		return -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		buf_append(out, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

int
upload_store_delete(const char *dir, const char *token)
{
	char	 path[4096];
	int	 rc = 0;

	if (upload_store_path(dir, token, UPLOAD_PHOTO, path, sizeof(path)) == -1)
		return -1;
	if (unlink(path) == -1 && errno != ENOENT)
		rc = -1;
	upload_store_path(dir, token, UPLOAD_THUMB, path, sizeof(path));
	if (unlink(path) == -1 && errno != ENOENT)
		rc = -1;
	return rc;
}
