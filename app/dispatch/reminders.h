/* reminders.h: turns due waste collection reminders of subscriptions into outbox rows. */
#ifndef RATUSZ_REMINDERS_H
#define RATUSZ_REMINDERS_H

#include <time.h>

#include "db.h"

/*
 * Inserts one outbox row (kind "reminder") per channel for every subscription
 * whose reminder of a pickup is due at now. An evening reminder is due from
 * remind_hour of the day before the pickup, a morning one from remind_hour of
 * the pickup day, and both stay due until the pickup day ends. Times are
 * Europe/Warsaw, so call clock_init first. Only pickups of the subscribed
 * fractions count, and only accounts with a confirmed e-mail.
 * The idempotency key "reminder:<subscription>:<date>:<channel>" makes repeated,
 * late and concurrent runs insert each reminder once. Returns the number of rows
 * inserted, or -1 after logging a database error.
 */
int	 reminders_generate(struct db *, time_t now);

#endif
