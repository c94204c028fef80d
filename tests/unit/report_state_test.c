/* report_state_test.c: the status moves each role may make, and the visibility rule of reports. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "report_access.h"
#include "report_state.h"

#define OP	ACTOR_OPERATOR
#define CO	ACTOR_COORDINATOR
#define AD	ACTOR_GMINA_ADMIN
#define AU	ACTOR_AUTOMATED

static void
status_codes_round_trip(void **state)
{
	enum report_status	 s;
	int			 i;

	(void)state;
	for (i = 0; i < REPORT_STATUS_COUNT; i++) {
		assert_int_equal(report_status_parse(report_status_code(i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_int_equal(report_status_parse("closed", &s), -1);
	assert_int_equal(report_status_parse("", &s), -1);
	assert_int_equal(report_status_parse(NULL, &s), -1);
	assert_string_equal(report_status_code(REPORT_IN_PROGRESS), "in_progress");
	assert_string_equal(report_status_text_key(REPORT_OUT_OF_SCOPE),
	    "Report.Status.out_of_scope");
}

static void
moderation_is_for_the_office(void **state)
{
	(void)state;
	assert_true(report_move_allowed(REPORT_NEW, REPORT_VERIFIED, CO));
	assert_true(report_move_allowed(REPORT_NEW, REPORT_REJECTED, AD));
	assert_false(report_move_allowed(REPORT_NEW, REPORT_VERIFIED, OP));
	assert_false(report_move_allowed(REPORT_NEW, REPORT_IN_PROGRESS, OP | CO | AD));
	assert_false(report_move_allowed(REPORT_NEW, REPORT_VERIFIED, 0));
}

static void
operators_work_on_forwarded_reports(void **state)
{
	(void)state;
	assert_true(report_move_allowed(REPORT_FORWARDED, REPORT_IN_PROGRESS, OP));
	assert_true(report_move_allowed(REPORT_IN_PROGRESS, REPORT_DONE, OP));
	assert_true(report_move_allowed(REPORT_IN_PROGRESS, REPORT_OUT_OF_SCOPE, OP));
	assert_false(report_move_allowed(REPORT_VERIFIED, REPORT_FORWARDED, OP));
	assert_false(report_move_allowed(REPORT_DONE, REPORT_IN_PROGRESS, OP));
	assert_true(report_move_allowed(REPORT_DONE, REPORT_IN_PROGRESS, CO));
}

static void
automated_sources_never_publish_or_reopen(void **state)
{
	int	 from, to;

	(void)state;
	for (from = 0; from < REPORT_STATUS_COUNT; from++)
		for (to = 0; to < REPORT_STATUS_COUNT; to++) {
			if (!report_move_allowed(from, to, AU))
				continue;
			assert_false(report_move_publishes(from, to));
			assert_false(report_move_reopens(from, to));
			assert_int_not_equal(from, REPORT_NEW);
		}
	assert_true(report_move_allowed(REPORT_FORWARDED, REPORT_IN_PROGRESS, AU));
	assert_false(report_move_allowed(REPORT_REJECTED, REPORT_VERIFIED, AU | 0));
}

static void
closed_reports_reopen_only_by_an_admin(void **state)
{
	(void)state;
	assert_true(report_status_closed(REPORT_DUPLICATE));
	assert_false(report_status_closed(REPORT_DONE));
	assert_true(report_status_finished(REPORT_DONE));
	assert_true(report_move_reopens(REPORT_REJECTED, REPORT_VERIFIED));
	assert_true(report_move_allowed(REPORT_REJECTED, REPORT_VERIFIED, AD));
	assert_false(report_move_allowed(REPORT_REJECTED, REPORT_VERIFIED, CO | OP));
	assert_false(report_move_allowed(REPORT_OUT_OF_SCOPE, REPORT_DONE, OP | CO | AD));
	assert_false(report_move_allowed(REPORT_VERIFIED, REPORT_VERIFIED, AD));
	assert_false(report_move_allowed(REPORT_STATUS_COUNT, REPORT_NEW, AD));
}

static struct report_ref
public_report(void)
{
	struct report_ref	 r;

	memset(&r, 0, sizeof(r));
	r.id = 7;
	r.tenant_id = 1;
	r.unit_id = 10;
	r.author_id = 100;
	r.status = REPORT_VERIFIED;
	r.confirmed = true;
	r.category_public = true;
	r.email_confirmed = true;
	return r;
}

static void
visibility_by_viewer(void **state)
{
	struct report_ref	 r = public_report();
	struct viewer		 anon = { .tenant_id = 1 };
	struct viewer		 author = { .account_id = 100, .tenant_id = 1 };
	struct viewer		 unit_op = { .account_id = 200, .tenant_id = 1,
				    .units = { 10 }, .unit_count = 1 };
	struct viewer		 other_op = { .account_id = 201, .tenant_id = 1,
				    .units = { 11 }, .unit_count = 1 };
	struct viewer		 other_admin = { .account_id = 300, .tenant_id = 2,
				    .gmina_admin = true };

	(void)state;
	assert_int_equal(report_visible(&anon, &r), REPORT_ACCESS_PUBLIC);
	assert_int_equal(report_visible(&unit_op, &r), REPORT_ACCESS_STAFF);
	assert_int_equal(report_visible(&other_op, &r), REPORT_ACCESS_PUBLIC);
	assert_int_equal(report_visible(&author, &r), REPORT_ACCESS_AUTHOR);
	r.confirmed = false;
	assert_int_equal(report_visible(&anon, &r), REPORT_ACCESS_NONE);
	assert_int_equal(report_visible(&other_op, &r), REPORT_ACCESS_NONE);
	assert_int_equal(report_visible(&other_admin, &r), REPORT_ACCESS_NONE);
	assert_int_equal(report_visible(&author, &r), REPORT_ACCESS_AUTHOR);
	assert_int_equal(report_visible(&unit_op, &r), REPORT_ACCESS_STAFF);
	r = public_report();
	r.category_public = false;
	assert_int_equal(report_visible(&anon, &r), REPORT_ACCESS_NONE);
	r = public_report();
	r.hidden = true;
	assert_int_equal(report_visible(&other_op, &r), REPORT_ACCESS_NONE);
	/* An e-mail author's report is not the office's before the link is clicked. */
	r = public_report();
	r.confirmed = false;
	r.email_confirmed = false;
	assert_int_equal(report_visible(&unit_op, &r), REPORT_ACCESS_NONE);
	/* A gmina admin sees everything of the own gmina only. */
	other_admin.tenant_id = 1;
	r = public_report();
	assert_int_equal(report_visible(&other_admin, &r), REPORT_ACCESS_STAFF);
}

static void
outside_units_see_less(void **state)
{
	struct report_ref	 r = public_report();
	struct viewer		 unit_op = { .account_id = 200, .tenant_id = 1,
				    .units = { 10 }, .unit_count = 1 };
	struct viewer		 coordinator = { .account_id = 201, .tenant_id = 1,
				    .coordinator = true };

	(void)state;
	r.unit_external = true;
	assert_int_equal(report_visible(&unit_op, &r), REPORT_ACCESS_STAFF_EXTERNAL);
	assert_int_equal(report_visible(&coordinator, &r), REPORT_ACCESS_STAFF);
	assert_true(report_access_is_staff(REPORT_ACCESS_STAFF_EXTERNAL));
	assert_false(report_access_is_staff(REPORT_ACCESS_AUTHOR));
	r.email_confirmed = false;
	r.confirmed = false;
	assert_int_equal(report_visible(&unit_op, &r), REPORT_ACCESS_NONE);
}

static void
internal_events_only_for_the_office(void **state)
{
	const struct report_event_ref	 pub = { .is_public = true };
	const struct report_event_ref	 internal = { .is_public = false };
	const struct report_event_ref	 for_unit = { .is_public = false, .for_unit = true };

	(void)state;
	assert_true(report_event_visible(REPORT_ACCESS_STAFF, &internal));
	assert_false(report_event_visible(REPORT_ACCESS_AUTHOR, &internal));
	assert_false(report_event_visible(REPORT_ACCESS_AUTHOR, &for_unit));
	assert_false(report_event_visible(REPORT_ACCESS_PUBLIC, &internal));
	assert_false(report_event_visible(REPORT_ACCESS_PUBLIC, &for_unit));
	assert_true(report_event_visible(REPORT_ACCESS_PUBLIC, &pub));
	assert_false(report_event_visible(REPORT_ACCESS_NONE, &pub));
	assert_false(report_event_visible(REPORT_ACCESS_STAFF_EXTERNAL, &internal));
	assert_true(report_event_visible(REPORT_ACCESS_STAFF_EXTERNAL, &for_unit));
	assert_true(report_event_visible(REPORT_ACCESS_STAFF_EXTERNAL, &pub));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_codes_round_trip),
		cmocka_unit_test(moderation_is_for_the_office),
		cmocka_unit_test(operators_work_on_forwarded_reports),
		cmocka_unit_test(automated_sources_never_publish_or_reopen),
		cmocka_unit_test(closed_reports_reopen_only_by_an_admin),
		cmocka_unit_test(visibility_by_viewer),
		cmocka_unit_test(outside_units_see_less),
		cmocka_unit_test(internal_events_only_for_the_office),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
