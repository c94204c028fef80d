/* conf.h: the configuration file shared by every program (key = value lines). */
#ifndef RATUSZ_CONF_H
#define RATUSZ_CONF_H

struct conf {
	/* database */
	char	*db_host;		/* empty: use db_socket */
	unsigned db_port;
	char	*db_socket;
	char	*db_name;
	char	*db_user;
	char	*db_password;
	/* FastCGI pool */
	char	*listen;		/* unix socket path, or host:port */
	unsigned workers;		/* worker processes */
	unsigned max_requests;		/* requests before a worker is replaced */
	unsigned request_timeout;	/* seconds one request may take */
	/* site */
	char	*base_url;		/* public origin, "https://ratusz.example.pl" */
	char	*template_dir;
	char	*secret_file;		/* 32+ random bytes for HMAC keys */
	char	*upload_dir;		/* stored photos, outside the web root (upload_store.h) */
	/* SMS gateway (SMSAPI.pl HTTP API) */
	char	*sms_url;		/* "https://api.smsapi.pl/sms.do" */
	char	*sms_token;		/* OAuth bearer token of the gateway account */
	char	*sms_callback_secret;	/* key of delivery callback signatures; empty: from secret_file */
	/* e-mail (ratusz-dispatch) */
	char	*smtp_url;		/* "smtp://host:587" (STARTTLS when offered) or "smtps://host:465" */
	char	*smtp_user;		/* empty: no SMTP AUTH */
	char	*smtp_password;
	char	*mail_from;		/* From header: "Name <address>"; its address is the envelope sender */
	/* maps of the report form */
	char	*tile_url;		/* "https://tile.example.pl/{z}/{x}/{y}.png"; empty: no map */
	char	*tile_attribution;	/* the tile source's required credit line, as plain text */
};

/*
 * Loads defaults, then the file named by path (or RATUSZ_CONFIG, or
 * /etc/ratusz/ratusz.conf), then RATUSZ_DB_* overrides from the environment.
 * Returns 0, or -1 after logging the line and reason.
 */
int	 conf_load(struct conf *, const char *path);
void	 conf_free(struct conf *);

#endif
