/* password.c: scrypt password hashes through OpenSSL 3 EVP_KDF, verified in constant time. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/ipc.h>
#include <sys/sem.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "password.h"
#include "text.h"
#include "token.h"

#define SCRYPT_MAX_MEMORY	(256UL * 1024 * 1024)

/* The semaphore of password_limit_init, or -1 without a limit. */
static int	 limit_id = -1;

int
password_limit_init(const char *path, unsigned slots)
{
	key_t	 key;
	int	 id;

	if ((key = ftok(path, 'p')) == -1)
		return -1;
	/* The creator sets the value; a process that finds it at 0 waits until then. */
	if ((id = semget(key, 1, IPC_CREAT | IPC_EXCL | 0600)) != -1) {
		if (semctl(id, 0, SETVAL, (int)slots) == -1)
			return -1;
	} else if (errno != EEXIST || (id = semget(key, 1, 0600)) == -1)
		return -1;
	limit_id = id;
	return 0;
}

int
password_limit_free(void)
{
	return limit_id == -1 ? -1 : semctl(limit_id, 0, GETVAL);
}

/* Takes a slot of the limit; returns false when there is no limit or semop failed. */
static bool
limit_take(void)
{
	struct sembuf	 op = { 0, -1, SEM_UNDO };

	if (limit_id == -1)
		return false;
	while (semop(limit_id, &op, 1) == -1)
		if (errno != EINTR)
			return false;
	return true;
}

static void
limit_give(void)
{
	struct sembuf	 op = { 0, 1, SEM_UNDO };

	while (semop(limit_id, &op, 1) == -1 && errno == EINTR)
		continue;
}

enum password_rule
password_check(const char *password, const char *email)
{
	size_t	 len = strlen(password);

	if (len > PASSWORD_MAX_BYTES)
		return PASSWORD_TOO_LONG;
	if (!utf8_valid(password, len))
		return PASSWORD_INVALID;
	if (utf8_length(password) < PASSWORD_MIN_CHARS)
		return PASSWORD_TOO_SHORT;
	if (email != NULL && strcasecmp(password, email) == 0)
		return PASSWORD_IS_EMAIL;
	return PASSWORD_OK;
}

int
password_scrypt(const char *password, size_t password_len,
    const unsigned char *salt, size_t salt_len, unsigned log2_n, unsigned r,
    unsigned p, unsigned char *key, size_t key_len)
{
	EVP_KDF		*kdf;
	EVP_KDF_CTX	*ctx;
	OSSL_PARAM	 params[7], *o = params;
	uint64_t	 n = (uint64_t)1 << log2_n;
	uint32_t	 r32 = r, p32 = p;
	/* OpenSSL needs 128 * r * (N + p) bytes and more for its own blocks. */
	uint64_t	 maxmem = 128 * (uint64_t)r * (n + p + 2) + 1024 * 1024;
	bool		 taken;
	int		 ok;

	if ((kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL)) == NULL)
		return -1;
	ctx = EVP_KDF_CTX_new(kdf);
	EVP_KDF_free(kdf);
	if (ctx == NULL)
		return -1;
	*o++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
	    (void *)password, password_len);
	*o++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (void *)salt, salt_len);
	*o++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	*o++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r32);
	*o++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p32);
	*o++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem);
	*o = OSSL_PARAM_construct_end();
	taken = limit_take();
	ok = EVP_KDF_derive(ctx, key, key_len, params);
	if (taken)
		limit_give();
	EVP_KDF_CTX_free(ctx);
	return ok == 1 ? 0 : -1;
}

int
password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
	unsigned char	 salt[PASSWORD_SALT_BYTES], key[PASSWORD_KEY_BYTES];
	char		 salt_text[32], key_text[48];

	if (RAND_bytes(salt, sizeof(salt)) != 1)
		return -1;
	if (password_scrypt(password, strlen(password), salt, sizeof(salt),
	    PASSWORD_LOG2_N, PASSWORD_R, PASSWORD_P, key, sizeof(key)) == -1)
		return -1;
	token_base64url(salt, sizeof(salt), salt_text);
	token_base64url(key, sizeof(key), key_text);
	OPENSSL_cleanse(key, sizeof(key));
	snprintf(out, PASSWORD_HASH_MAX, "scrypt$%d$%d$%d$%s$%s", PASSWORD_LOG2_N,
	    PASSWORD_R, PASSWORD_P, salt_text, key_text);
	return 0;
}

static int
base64url_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

/* Decodes len base64url characters (no padding) into out; returns the byte count or -1. */
static int
base64url_decode(const char *s, size_t len, unsigned char *out, size_t size)
{
	unsigned long	 bits = 0;
	size_t		 i, n = 0;
	int		 have = 0, v;

	if (len % 4 == 1)
		return -1;
	for (i = 0; i < len; i++) {
		if ((v = base64url_value(s[i])) < 0)
			return -1;
		bits = (bits << 6 | (unsigned long)v) & 0xffffff;
		if ((have += 6) >= 8) {
			have -= 8;
			if (n == size)
				return -1;
			out[n++] = (unsigned char)(bits >> have);
		}
	}
	return (int)n;
}

/* Reads a decimal number from 1 to max that ends at '$'; advances *s past the '$'. */
static int
read_number(const char **s, unsigned max, unsigned *out)
{
	char		*end;
	unsigned long	 v;

	if (**s < '1' || **s > '9')
		return -1;
	v = strtoul(*s, &end, 10);
	if (*end != '$' || v > max)
		return -1;
	*out = (unsigned)v;
	*s = end + 1;
	return 0;
}

int
password_verify(const char *password, const char *stored)
{
	unsigned char	 salt[64], expected[64], key[64];
	unsigned	 log2_n, r, p;
	const char	*s = stored, *dollar;
	int		 salt_len, key_len, rc;

	if (strncmp(s, "scrypt$", 7) != 0)
		return -1;
	s += 7;
	if (read_number(&s, 20, &log2_n) == -1 || read_number(&s, 32, &r) == -1 ||
	    read_number(&s, 16, &p) == -1)
		return -1;
	if (128 * (uint64_t)r * ((uint64_t)1 << log2_n) > SCRYPT_MAX_MEMORY)
		return -1;
	if ((dollar = strchr(s, '$')) == NULL)
		return -1;
	salt_len = base64url_decode(s, (size_t)(dollar - s), salt, sizeof(salt));
	key_len = base64url_decode(dollar + 1, strlen(dollar + 1), expected,
	    sizeof(expected));
	if (salt_len < 1 || key_len < 16)
		return -1;
	if (password_scrypt(password, strlen(password), salt, (size_t)salt_len,
	    log2_n, r, p, key, (size_t)key_len) == -1)
		return -1;
	rc = CRYPTO_memcmp(key, expected, (size_t)key_len) == 0 ? 1 : 0;
	OPENSSL_cleanse(key, sizeof(key));
	return rc;
}
