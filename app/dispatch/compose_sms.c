/* compose_sms.c: the SMS text of a waste collection reminder, composed when it is sent. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "compose.h"
#include "schedule.h"
#include "text.h"

/* Checks the subscription, phone and consent of the batch; fills c->to, c->lang, *point, name and fractions. */
static enum send_outcome
sms_recipient(const struct compose_env *env, const struct outbox_row *row,
    long long subscription, struct composed *c, unsigned long long *point,
    struct buf *name, struct buf *fractions, struct send_result *res)
{
	const struct db_result	*s = &env->prefetch->subscriptions;
	const char		*phone;
	long			 at;
	size_t			 i;

	if (env->prefetch->failed)
		return compose_skip(res, SEND_RETRY, "database error");
	if ((at = prefetch_subscription(env->prefetch, (unsigned long long)subscription)) == -1)
		return compose_skip(res, SEND_SKIP, "subscription %lld deleted", subscription);
	i = (size_t)at;
	phone = db_cell(s, i, SUB_PHONE);
	if ((unsigned long long)db_cell_int(s, i, SUB_ACCOUNT) != row->account_id)
		return compose_skip(res, SEND_FAIL, "subscription of another account");
	if (db_cell_int(s, i, SUB_BY_SMS) == 0)
		return compose_skip(res, SEND_SKIP, "SMS reminders turned off");
	if (phone == NULL || phone[0] == '\0')
		return compose_skip(res, SEND_SKIP, "account has no phone number");
	if (db_cell_int(s, i, SUB_CONFIRMED) == 0)
		return compose_skip(res, SEND_SKIP, "account not confirmed");
	if (db_cell_int(s, i, SUB_SMS_CONSENT) == 0)
		return compose_skip(res, SEND_SKIP, "no consent to SMS");
	*point = (unsigned long long)db_cell_int(s, i, SUB_POINT);
	buf_puts(name, db_cell(s, i, SUB_NAME));
	buf_puts(fractions, db_cell(s, i, SUB_FRACTIONS));
	buf_puts(&c->to, phone);
	c->lang = compose_lang(db_cell(s, i, SUB_LANG));
	return SEND_OK;
}

/* Appends pattern with {when}, {fractions}, {name} and {url} replaced. */
static void
fill_pattern(struct buf *out, const char *pattern, const char *const values[4])
{
	static const char *const keys[] = { "{when}", "{fractions}", "{name}", "{url}" };
	size_t	 i;

	while (*pattern != '\0') {
		for (i = 0; i < 4; i++)
			if (strncmp(pattern, keys[i], strlen(keys[i])) == 0)
				break;
		if (i < 4) {
			buf_puts(out, values[i]);
			pattern += strlen(keys[i]);
		} else
			buf_putc(out, *pattern++);
	}
}

/* Renders Sms.Reminder.{Today,Tomorrow,Later} in the account's language into c->text. */
static void
sms_render(const struct compose_env *env, long day, const struct pickup_list *list,
    const char *name, struct composed *c)
{
	struct buf	 when, names, url;
	const char	*values[4];
	long		 ahead = day - clock_local_day(env->now);
	int		 y, m, d;

	buf_init(&when);
	buf_init(&names);
	buf_init(&url);
	days_to_date(day, &y, &m, &d);
	lang_date_long(&when, c->lang, y, m, d, 0);
	fraction_names(&names, list);
	buf_printf(&url, "%s/konto/adresy", env->conf->base_url);
	values[0] = buf_cstr(&when);
	values[1] = buf_cstr(&names);
	values[2] = name;
	values[3] = buf_cstr(&url);
	fill_pattern(&c->text, lang_text(c->lang, ahead == 0 ? "Sms.Reminder.Today" :
	    ahead == 1 ? "Sms.Reminder.Tomorrow" : "Sms.Reminder.Later"), values);
	buf_free(&when);
	buf_free(&names);
	buf_free(&url);
}

enum send_outcome
compose_sms_reminder(const struct compose_env *env, const struct outbox_row *row,
    struct composed *c, struct send_result *res)
{
	struct pickup_list	 list;
	struct point		 pt;
	struct buf		 name, fractions;
	unsigned long long	 point = 0;
	long long		 subscription;
	long			 day;
	enum send_outcome	 rc;

	if (reminder_payload(row->payload, &subscription, &day) == -1)
		return compose_skip(res, SEND_FAIL, "invalid reminder payload");
	if (day < clock_local_day(env->now))
		return compose_skip(res, SEND_SKIP, "the pickup day has passed");
	memset(&list, 0, sizeof(list));
	buf_init(&name);
	buf_init(&fractions);
	rc = sms_recipient(env, row, subscription, c, &point, &name, &fractions, res);
	if (rc == SEND_OK && prefetch_point(env->prefetch, point, &pt) == 0)
		rc = compose_skip(res, SEND_SKIP, "address point deleted");
	if (rc == SEND_OK) {
		prefetch_pickups(env->prefetch, pt.id, day, c->lang, &list);
		filter_pickups(&list, buf_cstr(&fractions));
		if (list.count == 0)
			rc = compose_skip(res, SEND_SKIP, "no pickup of the followed fractions");
		else
			sms_render(env, day, &list, buf_cstr(&name), c);
	}
	pickup_list_free(&list);
	buf_free(&name);
	buf_free(&fractions);
	return rc;
}
