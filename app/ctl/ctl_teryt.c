/* ctl_teryt.c: loads the TERYT registers (TERC gminy, SIMC localities, ULIC streets). */
#include "config.h"

#include "ctl.h"

int
ctl_import_terc(struct ctl *ctl, int argc, char **argv)
{
	(void)argc; (void)argv;
	ctl_error(ctl, "Error.NotReady", 0, NULL);
	return 1;
}

int
ctl_import_teryt(struct ctl *ctl, int argc, char **argv)
{
	(void)argc; (void)argv;
	ctl_error(ctl, "Error.NotReady", 0, NULL);
	return 1;
}
