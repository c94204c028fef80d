/* conf.c: reads the key = value configuration file. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "log.h"

enum conf_type { CONF_STRING, CONF_UNSIGNED };

struct conf_key {
	const char	*name;
	enum conf_type	 type;
	size_t		 offset;
	const char	*fallback;
};

#define STR(f, d)	{ #f, CONF_STRING, offsetof(struct conf, f), d }
#define NUM(f, d)	{ #f, CONF_UNSIGNED, offsetof(struct conf, f), d }

static const struct conf_key conf_keys[] = {
	STR(db_host, ""),
	NUM(db_port, "3306"),
	STR(db_socket, "/run/mysqld/mysqld.sock"),
	STR(db_name, "ratusz"),
	STR(db_user, "ratusz"),
	STR(db_password, ""),
	STR(listen, "/run/ratusz/fcgi.sock"),
	NUM(workers, "4"),
	NUM(max_requests, "10000"),
	NUM(request_timeout, "30"),
	STR(base_url, "http://127.0.0.1:8080"),
	STR(template_dir, "/usr/share/ratusz/templates"),
	STR(secret_file, "/etc/ratusz/secret"),
	STR(upload_dir, "/var/lib/ratusz/uploads"),
	STR(sms_url, "http://127.0.0.1:8026/sms.do"),
	STR(sms_token, ""),
	STR(sms_callback_secret, ""),
	STR(smtp_url, "smtp://127.0.0.1:2525"),
	STR(smtp_user, ""),
	STR(smtp_password, ""),
	STR(mail_from, "ratusz <noreply@localhost>"),
	STR(tile_url, ""),
	STR(tile_attribution, ""),
};

static const struct conf_key *
conf_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(conf_keys) / sizeof(conf_keys[0]); i++)
		if (strcmp(conf_keys[i].name, name) == 0)
			return &conf_keys[i];
	return NULL;
}

static int
conf_set(struct conf *c, const struct conf_key *k, const char *value)
{
	char		*end, **sp;
	unsigned long	 n;

	if (k->type == CONF_STRING) {
		sp = (char **)((char *)c + k->offset);
		free(*sp);
		if ((*sp = strdup(value)) == NULL)
			abort();
		return 0;
	}
	errno = 0;
	n = strtoul(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || n > 1000000000UL ||
	    value[0] == '-')
		return -1;
	*(unsigned *)((char *)c + k->offset) = (unsigned)n;
	return 0;
}

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int
conf_read_file(struct conf *c, const char *path)
{
	FILE			*f;
	char			 line[1024], *key, *value, *eq;
	const struct conf_key	*k;
	int			 lineno = 0, rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		log_error("config %s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		key = trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			log_error("config %s:%d: expected key = value", path, lineno);
			rc = -1;
			continue;
		}
		*eq = '\0';
		key = trim(key);
		value = trim(eq + 1);
		if ((k = conf_find(key)) == NULL) {
			log_error("config %s:%d: unknown key %s", path, lineno, key);
			rc = -1;
		} else if (conf_set(c, k, value) == -1) {
			log_error("config %s:%d: invalid number for %s", path, lineno, key);
			rc = -1;
		}
	}
	fclose(f);
	return rc;
}

int
conf_load(struct conf *c, const char *path)
{
	static const struct { const char *env, *key; } overrides[] = {
		{ "RATUSZ_DB_SOCKET", "db_socket" },
		{ "RATUSZ_DB_NAME", "db_name" },
		{ "RATUSZ_DB_USER", "db_user" },
		{ "RATUSZ_DB_PASSWORD", "db_password" },
	};
	const char	*v;
	size_t		 i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < sizeof(conf_keys) / sizeof(conf_keys[0]); i++)
		conf_set(c, &conf_keys[i], conf_keys[i].fallback);
	if (path == NULL)
		path = getenv("RATUSZ_CONFIG");
	if (path == NULL)
		path = "/etc/ratusz/ratusz.conf";
	if (conf_read_file(c, path) == -1)
		return -1;
	for (i = 0; i < sizeof(overrides) / sizeof(overrides[0]); i++)
		if ((v = getenv(overrides[i].env)) != NULL)
			conf_set(c, conf_find(overrides[i].key), v);
	if (c->workers == 0 || c->workers > 256) {
		log_error("config %s: workers must be 1 to 256", path);
		return -1;
	}
	return 0;
}

void
conf_free(struct conf *c)
{
	size_t	 i;

	for (i = 0; i < sizeof(conf_keys) / sizeof(conf_keys[0]); i++)
		if (conf_keys[i].type == CONF_STRING)
			free(*(char **)((char *)c + conf_keys[i].offset));
	memset(c, 0, sizeof(*c));
}
