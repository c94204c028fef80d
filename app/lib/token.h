/* token.h: random tokens and keyed hashes (OpenSSL). */
#ifndef RATUSZ_TOKEN_H
#define RATUSZ_TOKEN_H

#include <stddef.h>

#define TOKEN_LEN	22	/* base64url characters of 128 random bits */

/* Writes TOKEN_LEN base64url characters and a NUL into out; -1 when the RNG fails. */
int	 token_random(char out[TOKEN_LEN + 1]);
/* Base64url without padding of len bytes into out (4 * ceil(len / 3) + 1 bytes). */
void	 token_base64url(const unsigned char *in, size_t len, char *out);
/* Hex SHA-256 of data into out[65]. */
void	 token_sha256_hex(const void *data, size_t len, char out[65]);

#endif
