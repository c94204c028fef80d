/* session.h: login sessions (the "sid" cookie), CSRF tokens and the anonymous "pre" cookie. */
#ifndef RATUSZ_SESSION_H
#define RATUSZ_SESSION_H

#include <stdbool.h>

#include "request.h"

struct app;

/* Days a session lasts after it was last seen; last_seen_at is updated at most hourly. */
#define SESSION_DAYS	30
/*
 * A session of an account with any role (operator, coordinator, gmina_admin,
 * platform_admin) ends after 12 hours without a request instead, and its
 * last_seen_at is updated at most every 5 minutes.
 */
#define SESSION_STAFF_IDLE_SECONDS	(12 * 3600L)
#define SESSION_STAFF_SLIDE_SECONDS	300

/*
 * Reads the "sid" cookie and sets r->account_id (0 when anonymous) and
 * r->csrf_token. A visitor without a session gets the token of the "pre"
 * cookie, or of a new random value that session_send_pre turns into a cookie.
 * Slides the expiry of a session seen more than an hour ago. Returns 0, or -1
 * when the database failed (logged). Without a readable secret file every
 * visitor is anonymous and has no CSRF token, so pages work and forms fail.
 */
int	 session_load(struct request *, struct app *);

/*
 * Checks a POST: token (the form's "csrf" field) must equal r->csrf_token, and
 * the Origin header (or, without one, the Referer) must be base_url's origin.
 */
bool	 session_csrf_ok(const struct request *, const char *token);

/* Sets the "pre" cookie when session_load made a new one; forms of anonymous pages call it. */
void	 session_send_pre(struct request *, const struct app *);

/*
 * Starts a session for account_id: deletes the request's current session (so a
 * login rotates the token), stores the new one and sets the "sid" cookie.
 * Returns 0 or -1.
 */
int	 session_start(struct request *, struct app *, unsigned long long account_id);

/* Deletes the request's session on the server and expires the cookie. */
int	 session_end(struct request *, struct app *);

/* Deletes every session of an account (after a password reset or deletion). */
int	 session_end_all(struct app *, unsigned long long account_id);

/*
 * Deletes every session of an account except the request's own, which stays
 * only when it belongs to that account. Returns 0 or -1.
 */
int	 session_end_others(struct request *, struct app *, unsigned long long account_id);

/*
 * Writes the hex HMAC-SHA256 of data under the secret of conf->secret_file into
 * out[65]. Returns 0, or -1 when the secret cannot be read.
 */
int	 session_hmac_hex(const struct app *, const char *data, char out[65]);

/* Formats t as a MariaDB DATETIME in UTC ("2025-01-20 10:00:00") into out[20]. */
void	 session_datetime(time_t t, char out[20]);

#endif
