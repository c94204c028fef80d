/* compose_reminder.c: a waste collection reminder: the pickups of one day at a followed address. */
#include "cs.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "clock.h"
#include "compose.h"
#include "mail_template.h"
#include "schedule.h"
#include "text.h"

/* Values of one reminder for its templates. */
struct reminder_view {
	const char		*name, *address, *gmina, *when, *day_word;
	const char		*schedule_url, *unsubscribe_url;
	const struct pickup	*pickups;
	size_t			 count;
};

static void
fill_reminder(struct _hdf *hdf, const void *arg)
{
	const struct reminder_view	*v = arg;
	char				 path[64];
	size_t				 i;

	mail_template_set(hdf, "Name", v->name);
	mail_template_set(hdf, "Address", v->address);
	mail_template_set(hdf, "Gmina", v->gmina);
	mail_template_set(hdf, "When", v->when);
	mail_template_set(hdf, "DayWord", v->day_word);
	mail_template_set(hdf, "ScheduleUrl", v->schedule_url);
	mail_template_set(hdf, "UnsubscribeUrl", v->unsubscribe_url);
	for (i = 0; i < v->count; i++) {
		snprintf(path, sizeof(path), "Pickups.%zu.Name", i);
		mail_template_set(hdf, path, v->pickups[i].name);
		snprintf(path, sizeof(path), "Pickups.%zu.Color", i);
		mail_template_set(hdf, path, v->pickups[i].color);
	}
}

/* True when code is one of the comma-separated codes of list; an empty list has them all. */
static bool
fraction_followed(const char *list, const char *code)
{
	size_t		 len = strlen(code);
	const char	*p = list;

	if (list[0] == '\0')
		return true;
	while ((p = strstr(p, code)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return true;
		p += len;
	}
	return false;
}

/* Keeps the pickups of the followed fractions, in place. */
void
filter_pickups(struct pickup_list *list, const char *fractions)
{
	size_t	 i, kept = 0;

	for (i = 0; i < list->count; i++)
		if (fraction_followed(fractions, list->items[i].code))
			list->items[kept++] = list->items[i];
	list->count = kept;
}

/* Appends "papier, szkło": names joined, a capitalised first letter lowered ("Papier"). */
void
fraction_names(struct buf *out, const struct pickup_list *list)
{
	const char	*name;
	size_t		 i;

	for (i = 0; i < list->count; i++) {
		name = list->items[i].name;
		if (i > 0)
			buf_puts(out, ", ");
		if (name[0] >= 'A' && name[0] <= 'Z' && name[1] >= 'a' && name[1] <= 'z') {
			buf_putc(out, (char)(name[0] - 'A' + 'a'));
			name++;
		}
		buf_puts(out, name);
	}
}

/* Replaces {fractions}, {name} and {date} in the subject pattern of lang. */
static void
reminder_subject(struct buf *out, const char *pattern, const char *fractions,
    const char *name, const char *date)
{
	static const char *const keys[] = { "{fractions}", "{name}", "{date}" };
	const char	*values[] = { fractions, name, date };
	size_t		 i;

	while (*pattern != '\0') {
		for (i = 0; i < 3; i++)
			if (strncmp(pattern, keys[i], strlen(keys[i])) == 0)
				break;
		if (i < 3) {
			buf_puts(out, values[i]);
			pattern += strlen(keys[i]);
		} else
			buf_putc(out, *pattern++);
	}
}

/* Reads {"subscription_id": N, "date": "YYYY-MM-DD"}; -1 when malformed. */
int
reminder_payload(const char *text, long long *subscription, long *day)
{
	json_t		*payload;
	json_error_t	 jerr;
	const char	*date;
	int		 y, m, d, rc = -1, used = 0;

	if ((payload = json_loads(text, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return -1;
	*subscription = json_integer_value(json_object_get(payload, "subscription_id"));
	date = json_string_value(json_object_get(payload, "date"));
	if (*subscription > 0 && date != NULL &&
	    sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 &&
	    used == 10 && date[10] == '\0' && date_valid(y, m, d)) {
		*day = date_to_days(y, m, d);
		rc = 0;
	}
	json_decref(payload);
	return rc;
}

/* The fields of a subscription that a reminder needs. */
struct subscription_row {
	unsigned long long point_id;
	struct buf	 name, fractions;
};

/* Checks the subscription, account and consent of the batch; fills c->to, c->lang and sub. */
static enum send_outcome
reminder_recipient(const struct compose_env *env, const struct outbox_row *row,
    long long subscription, struct composed *c, struct subscription_row *sub,
    struct send_result *res)
{
	const struct db_result	*s = &env->prefetch->subscriptions;
	long			 at;
	size_t			 i;

	if (env->prefetch->failed)
		return compose_skip(res, SEND_RETRY, "database error");
	if ((at = prefetch_subscription(env->prefetch, (unsigned long long)subscription)) == -1)
		return compose_skip(res, SEND_SKIP, "subscription %lld deleted", subscription);
	i = (size_t)at;
	if ((unsigned long long)db_cell_int(s, i, SUB_ACCOUNT) != row->account_id)
		return compose_skip(res, SEND_FAIL, "subscription of another account");
	if (db_cell_int(s, i, SUB_BY_EMAIL) == 0)
		return compose_skip(res, SEND_SKIP, "e-mail reminders turned off");
	if (db_cell_int(s, i, SUB_CONFIRMED) == 0)
		return compose_skip(res, SEND_SKIP, "e-mail address not confirmed");
	if (db_cell_int(s, i, SUB_EMAIL_CONSENT) == 0)
		return compose_skip(res, SEND_SKIP, "no consent to e-mail");
	sub->point_id = (unsigned long long)db_cell_int(s, i, SUB_POINT);
	buf_puts(&sub->name, db_cell(s, i, SUB_NAME));
	buf_puts(&sub->fractions, db_cell(s, i, SUB_FRACTIONS));
	buf_printf(&c->unsubscribe_url, "%s/u/%s", env->conf->base_url,
	    db_cell(s, i, SUB_UNSUBSCRIBE));
	buf_puts(&c->to, db_cell(s, i, SUB_EMAIL));
	c->lang = compose_lang(db_cell(s, i, SUB_LANG));
	return SEND_OK;
}

/* Renders the subject and bodies of the pickups of day at point. */
static enum send_outcome
reminder_render(const struct compose_env *env, const struct point *pt, long day,
    const struct pickup_list *list, const char *name, struct composed *c,
    struct send_result *res)
{
	struct reminder_view	 v;
	struct buf		 when, fractions, schedule_url, date;
	long			 ahead = day - clock_local_day(env->now);
	int			 y, m, d;

	buf_init(&when);
	buf_init(&fractions);
	buf_init(&schedule_url);
	buf_init(&date);
	days_to_date(day, &y, &m, &d);
	lang_date_long(&when, c->lang, y, m, d, 0);
	lang_date(&date, c->lang, y, m, d);
	fraction_names(&fractions, list);
	buf_printf(&schedule_url, "%s/gmina/%s/adres/%llu", env->conf->base_url,
	    pt->terc, pt->id);
	reminder_subject(&c->subject, lang_text(c->lang, ahead == 0 ?
	    "Mail.Reminder.SubjectToday" : ahead == 1 ? "Mail.Reminder.SubjectTomorrow" :
	    "Mail.Reminder.SubjectLater"), buf_cstr(&fractions), name, buf_cstr(&date));
	memset(&v, 0, sizeof(v));
	v.name = name;
	v.address = point_label(pt->label, pt->label_en, c->lang);
	v.gmina = pt->gmina_name;
	v.when = buf_cstr(&when);
	v.day_word = ahead == 0 ? lang_text(c->lang, "Mail.Reminder.Today") :
	    ahead == 1 ? lang_text(c->lang, "Mail.Reminder.Tomorrow") : NULL;
	v.schedule_url = buf_cstr(&schedule_url);
	v.unsubscribe_url = buf_cstr(&c->unsubscribe_url);
	v.pickups = list->items;
	v.count = list->count;
	if (compose_bodies(env, c, "reminder", fill_reminder, &v) == -1)
		compose_skip(res, SEND_FAIL, "template reminder failed");
	buf_free(&when);
	buf_free(&fractions);
	buf_free(&schedule_url);
	buf_free(&date);
	return res->outcome == SEND_FAIL ? SEND_FAIL : SEND_OK;
}

enum send_outcome
compose_reminder(const struct compose_env *env, const struct outbox_row *row,
    struct composed *c, struct send_result *res)
{
	struct pickup_list	 list;
	struct point		 pt;
	struct subscription_row	 sub;
	long long		 subscription;
	long			 day;
	enum send_outcome	 rc;

	if (reminder_payload(row->payload, &subscription, &day) == -1)
		return compose_skip(res, SEND_FAIL, "invalid reminder payload");
	if (day < clock_local_day(env->now))
		return compose_skip(res, SEND_SKIP, "the pickup day has passed");
	memset(&list, 0, sizeof(list));
	buf_init(&sub.name);
	buf_init(&sub.fractions);
	rc = reminder_recipient(env, row, subscription, c, &sub, res);
	if (rc == SEND_OK && prefetch_point(env->prefetch, sub.point_id, &pt) == 0)
		rc = compose_skip(res, SEND_SKIP, "address point deleted");
	if (rc == SEND_OK) {
		prefetch_pickups(env->prefetch, pt.id, day, c->lang, &list);
		filter_pickups(&list, buf_cstr(&sub.fractions));
		if (list.count == 0)
			rc = compose_skip(res, SEND_SKIP, "no pickup of the followed fractions");
		else
			rc = reminder_render(env, &pt, day, &list, buf_cstr(&sub.name), c, res);
	}
	pickup_list_free(&list);
	buf_free(&sub.name);
	buf_free(&sub.fractions);
	return rc;
}
