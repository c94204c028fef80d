/* ctl_reminders.c: ratuszctl generate-reminders, one round of reminder generation on demand. */
#include "config.h"

#include <stdio.h>

#include "clock.h"
#include "ctl.h"
#include "reminders.h"

/* Queues the reminders due at clock_now() (RATUSZ_NOW in tests), as ratusz-dispatch does. */
int
ctl_generate_reminders(struct ctl *ctl, int argc, char **argv)
{
	char	 count[32];
	int	 n;

	if (argc != 1) {
		ctl_error(ctl, "Error.BadArgument", 0, argv[1]);
		return 2;
	}
	clock_init();
	if ((n = reminders_generate(ctl->db, clock_now())) == -1) {
		ctl_error(ctl, "Reminders.Failed", 0, NULL);
		return 1;
	}
	snprintf(count, sizeof(count), "%d", n);
	ctl_info(ctl, "Reminders.Queued", 0, count);
	return 0;
}
