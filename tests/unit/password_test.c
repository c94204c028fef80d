/* password_test.c: scrypt test vectors of RFC 7914, hash round trip, tampering and the rules. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "password.h"
#include "token.h"

/* RFC 7914 section 12, second vector: "password", "NaCl", N = 1024, r = 8, p = 16. */
static const unsigned char rfc_nacl[64] = {
	0xfd, 0xba, 0xbe, 0x1c, 0x9d, 0x34, 0x72, 0x00, 0x78, 0x56, 0xe7, 0x19,
	0x0d, 0x01, 0xe9, 0xfe, 0x7c, 0x6a, 0xd7, 0xcb, 0xc8, 0x23, 0x78, 0x30,
	0xe7, 0x73, 0x76, 0x63, 0x4b, 0x37, 0x31, 0x62, 0x2e, 0xaf, 0x30, 0xd9,
	0x2e, 0x22, 0xa3, 0x88, 0x6f, 0xf1, 0x09, 0x27, 0x9d, 0x98, 0x30, 0xda,
	0xc7, 0x27, 0xaf, 0xb9, 0x4a, 0x83, 0xee, 0x6d, 0x83, 0x60, 0xcb, 0xdf,
	0xa2, 0xcc, 0x06, 0x40,
};

/* RFC 7914 section 12, third vector: "pleaseletmein", "SodiumChloride", N = 16384, r = 8, p = 1. */
static const unsigned char rfc_sodium[64] = {
	0x70, 0x23, 0xbd, 0xcb, 0x3a, 0xfd, 0x73, 0x48, 0x46, 0x1c, 0x06, 0xcd,
	0x81, 0xfd, 0x38, 0xeb, 0xfd, 0xa8, 0xfb, 0xba, 0x90, 0x4f, 0x8e, 0x3e,
	0xa9, 0xb5, 0x43, 0xf6, 0x54, 0x5d, 0xa1, 0xf2, 0xd5, 0x43, 0x29, 0x55,
	0x61, 0x3f, 0x0f, 0xcf, 0x62, 0xd4, 0x97, 0x05, 0x24, 0x2a, 0x9a, 0xf9,
	0xe6, 0x1e, 0x85, 0xdc, 0x0d, 0x65, 0x1e, 0x40, 0xdf, 0xcf, 0x01, 0x7b,
	0x45, 0x57, 0x58, 0x87,
};

/* Builds a stored hash string from explicit parameters, salt and key. */
static void
stored_hash(char *out, size_t size, unsigned log2_n, unsigned r, unsigned p,
    const char *salt, const unsigned char *key, size_t key_len)
{
	char	 salt_text[64], key_text[96];

	token_base64url((const unsigned char *)salt, strlen(salt), salt_text);
	token_base64url(key, key_len, key_text);
	snprintf(out, size, "scrypt$%u$%u$%u$%s$%s", log2_n, r, p, salt_text,
	    key_text);
}

static void
scrypt_matches_rfc7914_nacl(void **state)
{
	unsigned char	 key[64];

	(void)state;
	assert_int_equal(password_scrypt("password", 8,
	    (const unsigned char *)"NaCl", 4, 10, 8, 16, key, sizeof(key)), 0);
	assert_memory_equal(key, rfc_nacl, sizeof(key));
}

static void
verify_accepts_rfc7914_hashes(void **state)
{
	char	 stored[256];

	(void)state;
	stored_hash(stored, sizeof(stored), 10, 8, 16, "NaCl", rfc_nacl, 64);
	assert_int_equal(password_verify("password", stored), 1);
	assert_int_equal(password_verify("passwore", stored), 0);
	stored_hash(stored, sizeof(stored), 14, 8, 1, "SodiumChloride", rfc_sodium, 64);
	assert_int_equal(password_verify("pleaseletmein", stored), 1);
	assert_int_equal(password_verify("pleaseletmeout", stored), 0);
}

static void
hash_round_trip(void **state)
{
	char	 stored[PASSWORD_HASH_MAX], again[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("zażółć gęślą jaźń", stored), 0);
	assert_true(strncmp(stored, "scrypt$17$8$1$", 14) == 0);
	/* 16 bytes of salt and 32 of key are 22 and 43 base64url characters. */
	assert_int_equal(strlen(stored), 14 + 22 + 1 + 43);
	assert_int_equal(password_verify("zażółć gęślą jaźń", stored), 1);
	assert_int_equal(password_verify("zazolc gesla jazn", stored), 0);
	assert_int_equal(password_hash("zażółć gęślą jaźń", again), 0);
	assert_string_not_equal(stored, again);
}

static void
verify_detects_tampering(void **state)
{
	char	 stored[256], tampered[256];
	size_t	 last;

	(void)state;
	stored_hash(stored, sizeof(stored), 10, 8, 16, "NaCl", rfc_nacl, 64);
	last = strlen(stored) - 5;
	memcpy(tampered, stored, sizeof(stored));
	tampered[last] = tampered[last] == 'A' ? 'B' : 'A';
	assert_int_equal(password_verify("password", tampered), 0);
	/* Another salt gives another key. */
	stored_hash(tampered, sizeof(tampered), 10, 8, 16, "NaCL", rfc_nacl, 64);
	assert_int_equal(password_verify("password", tampered), 0);
	/* Other parameters give another key. */
	stored_hash(tampered, sizeof(tampered), 10, 8, 15, "NaCl", rfc_nacl, 64);
	assert_int_equal(password_verify("password", tampered), 0);
}

static void
verify_rejects_malformed_hashes(void **state)
{
	static const char *const malformed[] = {
		"",
		"bcrypt$10$8$1$TmFDbA$AAAAAAAAAAAAAAAAAAAAAA",
		"scrypt$0$8$1$TmFDbA$AAAAAAAAAAAAAAAAAAAAAA",
		"scrypt$21$8$1$TmFDbA$AAAAAAAAAAAAAAAAAAAAAA",
		"scrypt$20$32$1$TmFDbA$AAAAAAAAAAAAAAAAAAAAAA",
		"scrypt$10$8$17$TmFDbA$AAAAAAAAAAAAAAAAAAAAAA",
		"scrypt$10$8$1$$AAAAAAAAAAAAAAAAAAAAAA",
		"scrypt$10$8$1$TmFDbA$AAAA",
		"scrypt$10$8$1$TmFD*A$AAAAAAAAAAAAAAAAAAAAAA",
		"scrypt$10$8$1$TmFDbA",
		"scrypt$010$8$1$TmFDbA$AAAAAAAAAAAAAAAAAAAAAA",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		print_message("hash: %s\n", malformed[i]);
		assert_int_equal(password_verify("password", malformed[i]), -1);
	}
}

static void
check_applies_rules(void **state)
{
	char	 long_password[PASSWORD_MAX_BYTES + 2];

	(void)state;
	assert_int_equal(password_check("123456789", NULL), PASSWORD_TOO_SHORT);
	assert_int_equal(password_check("1234567890", NULL), PASSWORD_OK);
	/* Ten characters of which six take two bytes: counted in characters. */
	assert_int_equal(password_check("ąęółżźabcd", NULL), PASSWORD_OK);
	assert_int_equal(password_check("ąęółżźabc", NULL), PASSWORD_TOO_SHORT);
	assert_int_equal(password_check("Jan.Kowalski@Example.PL",
	    "jan.kowalski@example.pl"), PASSWORD_IS_EMAIL);
	assert_int_equal(password_check("jan.kowalski@example.pl!",
	    "jan.kowalski@example.pl"), PASSWORD_OK);
	memset(long_password, 'a', sizeof(long_password) - 1);
	long_password[PASSWORD_MAX_BYTES] = '\0';
	assert_int_equal(password_check(long_password, NULL), PASSWORD_OK);
	long_password[PASSWORD_MAX_BYTES] = 'a';
	long_password[PASSWORD_MAX_BYTES + 1] = '\0';
	assert_int_equal(password_check(long_password, NULL), PASSWORD_TOO_LONG);
	assert_int_equal(password_check("abcdefghij\xff", NULL), PASSWORD_INVALID);
}

static void
limit_released_by_dying_process(void **state)
{
	char	 path[] = "/tmp/password_test_XXXXXX", stored[PASSWORD_HASH_MAX];
	pid_t	 child;
	int	 fd, i, status;

	(void)state;
	assert_int_not_equal(fd = mkstemp(path), -1);
	close(fd);
	assert_int_equal(password_limit_init(path, 2), 0);
	assert_int_equal(password_limit_free(), 2);

	/* A finished hash returns its slot. */
	assert_int_equal(password_hash("dziesięć znaków", stored), 0);
	assert_int_equal(password_limit_free(), 2);

	/* A process killed while hashing returns its slot too (SEM_UNDO). */
	if ((child = fork()) == 0) {
		/* Bounded, so a failed assertion in the parent leaves no endless child. */
		for (i = 0; i < 100; i++)
			password_hash("dziesięć znaków", stored);
		_exit(0);
	}
	assert_true(child > 0);
	for (i = 0; i < 1000 && password_limit_free() == 2; i++)
		usleep(10000);
	assert_int_equal(password_limit_free(), 1);
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	assert_int_equal(password_limit_free(), 2);
	semctl(semget(ftok(path, 'p'), 1, 0600), 0, IPC_RMID);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scrypt_matches_rfc7914_nacl),
		cmocka_unit_test(verify_accepts_rfc7914_hashes),
		cmocka_unit_test(hash_round_trip),
		cmocka_unit_test(verify_detects_tampering),
		cmocka_unit_test(verify_rejects_malformed_hashes),
		cmocka_unit_test(check_applies_rules),
		cmocka_unit_test(limit_released_by_dying_process),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
