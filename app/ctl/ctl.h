/* ctl.h: shared state and helpers of the ratuszctl subcommands. */
#ifndef RATUSZ_CTL_H
#define RATUSZ_CTL_H

#include <stdbool.h>
#include <stddef.h>

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
/*
 * Prints Ctl.<key> like ctl_error and ctl_info, with {name} replaced for every
 * pair of a NULL-terminated list: { "value", v, "limit", "16", NULL }.
 */
void	 ctl_error_with(const struct ctl *, const char *key, const char *const *pairs);
void	 ctl_info_with(const struct ctl *, const char *key, const char *const *pairs);
/* Prints "FILE: " (unless file is NULL) and the message of a problem to stderr. */
void	 ctl_problem(const struct ctl *, const char *file, const struct problem *);
/*
 * Reads a whole regular file or pipe (at most max bytes) into a NUL-terminated
 * buffer the caller frees. Returns NULL after printing what failed.
 */
char	*ctl_read_file(const struct ctl *, const char *path, size_t max, size_t *len);
/* True when path is a regular file or a pipe. Otherwise prints why it cannot be read. */
bool	 ctl_readable_file(const struct ctl *, const char *path);
/*
 * Looks up a gmina by TERC code and returns its tenant id. Returns 0 after
 * printing an error, which names the whole gmina's code when terc is a part of one.
 */
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
/* Open311 API keys (ctl_api_key.c). */
int	 ctl_api_key(struct ctl *, int argc, char **argv);

/* Derives the password of a demo account from the secret file and a label (ctl_demo.c). */
#define CTL_DEMO_PASSWORD_LEN	16
int	 ctl_demo_password(const struct ctl *, const char *label,
	    char out[CTL_DEMO_PASSWORD_LEN + 1]);

/* A gmina's office setup (ctl_setup.c, ctl_demo_office.c, ctl_report.c). */
int	 ctl_gmina_setup(struct ctl *, int argc, char **argv);
int	 ctl_demo_office(struct ctl *, int argc, char **argv);
int	 ctl_report_create(struct ctl *, int argc, char **argv);

#endif
