/* outbox_test.c: the retry delays of the outbox, its UTC DATETIME text and the last attempt. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "outbox.h"

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

static void
backoff_table(void **state)
{
	static const struct { unsigned attempts, retry_after, expected; } cases[] = {
		{ 1, 0, 2 * 60 },		/* 2^1 minutes after the first failure */
		{ 2, 0, 4 * 60 },
		{ 7, 0, 128 * 60 },
		{ 8, 0, 256 * 60 },
		{ 9, 0, 6 * 3600 },		/* 512 minutes would pass the 6 h cap */
		{ 30, 0, 6 * 3600 },		/* no overflow of the shift */
		{ 1, 600, 600 },		/* a longer Retry-After wins */
		{ 3, 60, 8 * 60 },		/* a shorter one does not */
		{ 8, 30000, 30000 },		/* Retry-After may pass the 6 h cap */
		{ 1, 200000, 86400 },		/* but not a day */
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(outbox_backoff(cases[i].attempts, cases[i].retry_after),
		    cases[i].expected);
}

static void
datetime_in_utc(void **state)
{
	char	 text[OUTBOX_DATETIME_SIZE];

	(void)state;
	outbox_datetime(0, text);
	assert_string_equal(text, "1970-01-01 00:00:00");
	outbox_datetime(1743296400, text);
	assert_string_equal(text, "2025-03-30 01:00:00");
}

static void
last_attempt_fails(void **state)
{
	static const struct {
		unsigned attempts;
		enum send_outcome outcome, expected;
	} cases[] = {
		{ 0, SEND_RETRY, SEND_RETRY },
		{ OUTBOX_MAX_ATTEMPTS - 2, SEND_RETRY, SEND_RETRY },
		{ OUTBOX_MAX_ATTEMPTS - 1, SEND_RETRY, SEND_FAIL },	/* the 8th failed attempt */
		{ OUTBOX_MAX_ATTEMPTS - 1, SEND_OK, SEND_OK },
		{ OUTBOX_MAX_ATTEMPTS - 1, SEND_SKIP, SEND_SKIP },
		{ 0, SEND_FAIL, SEND_FAIL },
	};
	struct outbox_row	 row;
	struct send_result	 res;
	size_t			 i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		memset(&row, 0, sizeof(row));
		memset(&res, 0, sizeof(res));
		row.attempts = cases[i].attempts;
		res.outcome = cases[i].outcome;
		assert_int_equal(outbox_final_outcome(&row, &res), cases[i].expected);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(backoff_table),
		cmocka_unit_test(datetime_in_utc),
		cmocka_unit_test(last_attempt_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
