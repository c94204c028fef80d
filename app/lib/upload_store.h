/* upload_store.h: stored photos on disk, named by random tokens, outside the web root. */
#ifndef RATUSZ_UPLOAD_STORE_H
#define RATUSZ_UPLOAD_STORE_H

#include <stddef.h>

#include "buf.h"
#include "photo.h"
#include "token.h"

/* The two files of a stored photo. */
enum upload_variant {
	UPLOAD_PHOTO,	/* DIR/ab/TOKEN.jpg, the photo */
	UPLOAD_THUMB,	/* DIR/ab/TOKEN.t.jpg, its thumbnail */
};

/*
 * Files live in dir (the upload_dir setting) under a subdirectory named by
 * the first two characters of their token, which spreads them over up to
 * 4096 subdirectories. A token is TOKEN_LEN base64url characters (128 random
 * bits, token_random); every function rejects any other string with EINVAL,
 * so a token can never name a path outside dir. Files are created 0640 and
 * directories 0750: dir itself is created on the first write when its parent
 * exists.
 */

/*
 * Writes the photo and the thumbnail of p under a new token, which is copied
 * to token. Each file is written to a temporary file in its subdirectory,
 * synced and then linked to its name, so a reader sees either the whole file
 * or none; an existing name is never replaced. Returns 0, or -1 with errno
 * set and nothing left behind.
 */
int	 upload_store_save(const char *dir, const struct photo *p,
		char token[TOKEN_LEN + 1]);

/* Writes one file of a token as upload_store_save does; 0, or -1 with errno set (EEXIST too). */
int	 upload_store_put(const char *dir, const char *token, enum upload_variant,
		const void *data, size_t len);

/* Appends the whole file to out; 0, or -1 with errno set (ENOENT when absent). */
int	 upload_store_read(const char *dir, const char *token, enum upload_variant,
		struct buf *out);

/*
 * Deletes both files of a token. Returns 0 when none remains (also when
 * none existed), or -1 with errno set.
 */
int	 upload_store_delete(const char *dir, const char *token);

/* Writes the path of a file into out (size bytes); 0, or -1 with errno EINVAL or ENAMETOOLONG. */
int	 upload_store_path(const char *dir, const char *token, enum upload_variant,
		char *out, size_t size);

#endif
