/* smtp.c: SMTP delivery through one reused libcurl easy handle (STARTTLS when offered). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "log.h"
#include "mail.h"
#include "smtp.h"

#define SMTP_CONNECT_TIMEOUT	10L	/* seconds */
#define SMTP_TIMEOUT		60L	/* seconds for one whole message */

struct smtp {
	CURL		*curl;
	char		 from[256];
	char		 error[CURL_ERROR_SIZE];
};

/* The message being uploaded by the read callback. */
struct upload {
	const char	*data;
	size_t		 len, at;
};

static size_t
upload_read(char *dest, size_t size, size_t count, void *arg)
{
	struct upload	*u = arg;
	size_t		 n = size * count;

	if (n > u->len - u->at)
		n = u->len - u->at;
	memcpy(dest, u->data + u->at, n);
	u->at += n;
	return n;
}

struct smtp *
smtp_open(const struct conf *conf)
{
	struct smtp	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		abort();
	if (mail_address(conf->mail_from, s->from, sizeof(s->from)) == -1) {
		log_error("config: mail_from \"%s\" has no valid address", conf->mail_from);
		free(s);
		return NULL;
	}
	if ((s->curl = curl_easy_init()) == NULL) {
		log_error("smtp: curl_easy_init failed");
		free(s);
		return NULL;
	}
	curl_easy_setopt(s->curl, CURLOPT_URL, conf->smtp_url);
	curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	/*
	 * smtp:// upgrades with STARTTLS when the server offers it; smtps:// is TLS
	 * throughout. NOTE: an attacker on the path can strip the STARTTLS offer, so
	 * only smtps:// or a server on this host protects the mail in transit.
	 */
	curl_easy_setopt(s->curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (conf->smtp_user[0] != '\0') {
		curl_easy_setopt(s->curl, CURLOPT_USERNAME, conf->smtp_user);
		curl_easy_setopt(s->curl, CURLOPT_PASSWORD, conf->smtp_password);
	}
	curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, s->from);
	curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(s->curl, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT, SMTP_CONNECT_TIMEOUT);
	curl_easy_setopt(s->curl, CURLOPT_TIMEOUT, SMTP_TIMEOUT);
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->error);
	return s;
}

void
smtp_close(struct smtp *s)
{
	if (s == NULL)
		return;
	curl_easy_cleanup(s->curl);
	free(s);
}

/* Maps a failed transfer to retry or fail: 5xx replies are permanent, the rest temporary. */
static void
smtp_outcome(struct smtp *s, CURLcode rc, struct send_result *res)
{
	long	 code = 0;

	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 500 && code < 600 && rc != CURLE_OPERATION_TIMEDOUT)
		res->outcome = SEND_FAIL;
	else
		res->outcome = SEND_RETRY;
	if (code > 0)
		snprintf(res->error, sizeof(res->error), "SMTP %ld: %.200s", code,
		    s->error[0] != '\0' ? s->error : curl_easy_strerror(rc));
	else
		snprintf(res->error, sizeof(res->error), "SMTP: %.200s",
		    s->error[0] != '\0' ? s->error : curl_easy_strerror(rc));
}

void
smtp_send(struct smtp *s, const char *to, const char *message, size_t len,
    struct send_result *res)
{
	struct curl_slist	*rcpt;
	struct upload		 u = { message, len, 0 };
	CURLcode		 rc;

	memset(res, 0, sizeof(*res));
	if ((rcpt = curl_slist_append(NULL, to)) == NULL)
		abort();
	s->error[0] = '\0';
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(s->curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE, (long)len);
	rc = curl_easy_perform(s->curl);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpt);
	if (rc == CURLE_OK)
		res->outcome = SEND_OK;
	else
		smtp_outcome(s, rc, res);
}
