/* ctl_schedule.c: imports waste collection schedules from CSV and iCalendar files. */
#include "config.h"

#include "ctl.h"

int
ctl_import_schedule(struct ctl *ctl, int argc, char **argv)
{
	(void)argc; (void)argv;
	ctl_error(ctl, "Error.NotReady", 0, NULL);
	return 1;
}

int
ctl_fraction_alias(struct ctl *ctl, int argc, char **argv)
{
	(void)argc; (void)argv;
	ctl_error(ctl, "Error.NotReady", 0, NULL);
	return 1;
}
