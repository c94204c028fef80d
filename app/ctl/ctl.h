/* ctl.h: shared state and helpers of the ratuszctl subcommands. */
#ifndef RATUSZ_CTL_H
#define RATUSZ_CTL_H

#include "conf.h"
#include "db.h"
#include "lang.h"
#include "problem.h"

struct ctl {
	struct conf	 conf;
	struct db	*db;		/* opened before a subcommand runs */
	enum lang	 lang;		/* language of messages: RATUSZ_LANG or LANG */
};

/* Prints the message Ctl.<key> (with {line} and {value}) to stderr, prefixed by "ratuszctl: ". */
void	 ctl_error(const struct ctl *, const char *key, int line, const char *value);
/* Prints the message Ctl.<key> to stdout. */
void	 ctl_info(const struct ctl *, const char *key, int line, const char *value);
/* Prints "FILE: " and the message of a problem to stderr. */
void	 ctl_problem(const struct ctl *, const char *file, const struct problem *);
/* Reads a whole file (at most max bytes) into a NUL-terminated buffer the caller frees. */
char	*ctl_read_file(const struct ctl *, const char *path, size_t max, size_t *len);
/* Looks up a gmina by TERC code; returns its tenant id, or 0 after printing an error. */
unsigned long long ctl_tenant_id(const struct ctl *, const char *terc);

int	 ctl_migrate(struct ctl *, int argc, char **argv);
int	 ctl_import_terc(struct ctl *, int argc, char **argv);
int	 ctl_import_teryt(struct ctl *, int argc, char **argv);
int	 ctl_import_schedule(struct ctl *, int argc, char **argv);
int	 ctl_fraction_alias(struct ctl *, int argc, char **argv);
int	 ctl_sms_settings(struct ctl *, int argc, char **argv);

/* Accounts and roles (ctl_account.c). */
int	 ctl_create_admin(struct ctl *, int argc, char **argv);
int	 ctl_grant(struct ctl *, int argc, char **argv);
int	 ctl_revoke(struct ctl *, int argc, char **argv);
int	 ctl_roles(struct ctl *, int argc, char **argv);
int	 ctl_generate_reminders(struct ctl *, int argc, char **argv);
int	 ctl_demo_seed(struct ctl *, int argc, char **argv);

#endif
