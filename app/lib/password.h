/* password.h: password hashing with scrypt (OpenSSL EVP_KDF) and the password rules. */
#ifndef RATUSZ_PASSWORD_H
#define RATUSZ_PASSWORD_H

#include <stddef.h>

/* scrypt cost of new hashes: N = 2^17, r = 8, p = 1 (128 MiB), the OWASP minimum. */
#define PASSWORD_LOG2_N		17
#define PASSWORD_R		8
#define PASSWORD_P		1
#define PASSWORD_SALT_BYTES	16
#define PASSWORD_KEY_BYTES	32
/* Size of the buffer password_hash writes: "scrypt$17$8$1$", salt and key, and a NUL. */
#define PASSWORD_HASH_MAX	160
#define PASSWORD_MIN_CHARS	10
#define PASSWORD_MAX_BYTES	256

enum password_rule {
	PASSWORD_OK,
	PASSWORD_TOO_SHORT,	/* fewer than PASSWORD_MIN_CHARS characters */
	PASSWORD_TOO_LONG,	/* more than PASSWORD_MAX_BYTES bytes */
	PASSWORD_IS_EMAIL,	/* the account's e-mail address, in any letter case */
	PASSWORD_INVALID,	/* not valid UTF-8 */
};

/* Concurrent scrypt computations the FastCGI workers of one host allow (128 MiB each). */
#define PASSWORD_CONCURRENT	2

/*
 * Limits concurrent scrypt computations of every process that calls this with
 * the same path to slots, through a System V semaphore keyed by ftok(path). The
 * kernel releases the slot of a process that dies while hashing (SEM_UNDO).
 * Returns 0, or -1 (errno set) when the semaphore is not available; hashing then
 * runs without a limit.
 */
int	 password_limit_init(const char *path, unsigned slots);
/* Returns the free slots of the limit, or -1 without one; for tests and monitoring. */
int	 password_limit_free(void);

/* Checks a new password against the rules; email may be NULL. */
enum password_rule password_check(const char *password, const char *email);

/*
 * Derives key_len bytes with scrypt (N = 2^log2_n) through OpenSSL's EVP_KDF.
 * Returns 0, or -1 when OpenSSL fails (for example parameters out of range).
 */
int	 password_scrypt(const char *password, size_t password_len,
		const unsigned char *salt, size_t salt_len, unsigned log2_n,
		unsigned r, unsigned p, unsigned char *key, size_t key_len);

/*
 * Writes "scrypt$17$8$1$<salt>$<key>" (base64url, no padding) with a new random
 * salt into out[PASSWORD_HASH_MAX]. Returns 0 or -1.
 */
int	 password_hash(const char *password, char out[PASSWORD_HASH_MAX]);

/*
 * Compares password with a stored hash in constant time. Accepts the parameters
 * stored with the hash (log2 N 1..20, r 1..32, p 1..16, 128 * r * N at most
 * 256 MiB, key 16..64 bytes).
 * Returns 1 on a match, 0 on a mismatch, -1 for a malformed hash or an error.
 */
int	 password_verify(const char *password, const char *stored);

#endif
