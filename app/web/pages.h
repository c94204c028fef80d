/* pages.h: the worker's state shared by handlers, and every page handler. */
#ifndef RATUSZ_PAGES_H
#define RATUSZ_PAGES_H

#include "conf.h"
#include "db.h"
#include "request.h"

struct render;

struct app {
	const struct conf	*conf;
	struct db		*db;
	struct render		*render;
	int			 test_hooks;	/* RATUSZ_TEST_HOOKS=1: enables /health?sleep */
};

/* Sends the error page of r->status (400, 403, 404, 405, 500, 503) in the request's language. */
void	 page_error(struct request *, struct app *);

/* Sends the JSON error of r->status for a request under /api/. */
void	 api_route_error(struct request *);

void	 page_health(struct request *, struct app *);
void	 page_lang(struct request *, struct app *);
void	 page_home(struct request *, struct app *);
void	 page_gmina(struct request *, struct app *);
void	 page_locality(struct request *, struct app *);
void	 page_schedule(struct request *, struct app *);
void	 page_year(struct request *, struct app *);
void	 page_calendar(struct request *, struct app *);
void	 api_gminy(struct request *, struct app *);
void	 api_addresses(struct request *, struct app *);
void	 api_address(struct request *, struct app *);
void	 api_schedule(struct request *, struct app *);
/* One-click unsubscribe (RFC 8058): GET shows a confirmation, POST turns reminder e-mails off. */
void	 page_unsubscribe(struct request *, struct app *);
void	 page_unsubscribe_post(struct request *, struct app *);
/* POST /test/upload and GET /test/upload/TOKEN/VARIANT, with RATUSZ_TEST_HOOKS=1 only. */
void	 page_test_upload_post(struct request *, struct app *);
void	 page_test_upload_photo(struct request *, struct app *);
/* GET /sms/zwrotka: delivery reports of the SMS gateway (page_sms_callback.c). */
void	 page_sms_callback(struct request *, struct app *);

/* Public reports of a gmina under /gmina/TERC/zgloszenia (page_report_*.c). */
void	 page_report_list(struct request *, struct app *);
void	 page_report_map(struct request *, struct app *);
void	 api_report_map(struct request *, struct app *);
void	 page_report_view(struct request *, struct app *);
/* GET /gmina/TERC/zgloszenia/NUMBER/zdjecie/TOKEN[/miniatura], after report_visible. */
void	 page_report_photo(struct request *, struct app *);
void	 page_report_thumbnail(struct request *, struct app *);

/* Resident accounts under /konto/ (page_account*.c). */
void	 page_account(struct request *, struct app *);
void	 page_account_register(struct request *, struct app *);
void	 page_account_register_post(struct request *, struct app *);
/* GET /konto/potwierdz/TOKEN shows a button; its POST confirms the account or address. */
void	 page_account_confirm(struct request *, struct app *);
void	 page_account_confirm_post(struct request *, struct app *);
void	 page_account_login(struct request *, struct app *);
void	 page_account_login_post(struct request *, struct app *);
void	 page_account_logout(struct request *, struct app *);
void	 page_account_reset_request(struct request *, struct app *);
void	 page_account_reset_request_post(struct request *, struct app *);
void	 page_account_reset(struct request *, struct app *);
void	 page_account_reset_post(struct request *, struct app *);
void	 page_account_email_post(struct request *, struct app *);
void	 page_account_password_post(struct request *, struct app *);
void	 page_account_settings_post(struct request *, struct app *);
void	 page_account_consent_post(struct request *, struct app *);
void	 page_account_export(struct request *, struct app *);
void	 page_account_delete(struct request *, struct app *);
void	 page_account_delete_post(struct request *, struct app *);

/* Followed addresses (page_subscription.c) and their validator tables. */
extern const struct field_spec subscription_path[];
extern const struct field_spec subscription_new_query[];
extern const struct field_spec subscription_empty_form[];
extern const struct field_spec subscription_form[];
void	 page_subscriptions(struct request *, struct app *);
void	 page_subscription_new(struct request *, struct app *);
void	 page_subscription_edit(struct request *, struct app *);
void	 subscription_create_post(struct request *, struct app *);
void	 subscription_update_post(struct request *, struct app *);
void	 subscription_delete_post(struct request *, struct app *);
void	 subscription_email_post(struct request *, struct app *);

/* The resident's report form and its e-mail links (page_report_*.c). */
extern const struct field_spec report_form_query[];
extern const struct field_spec report_form[];
extern const struct field_spec report_done_path[];
extern const struct field_spec nearby_query[];
extern const struct file_spec report_form_files[];
void	 page_report_form(struct request *, struct app *);
void	 page_report_form_post(struct request *, struct app *);
void	 page_report_done(struct request *, struct app *);
void	 api_report_nearby(struct request *, struct app *);
void	 page_report_metoo_post(struct request *, struct app *);
/* GET shows a button; its POST confirms a report or a follow made by e-mail. */
void	 page_report_confirm(struct request *, struct app *);
void	 page_report_confirm_post(struct request *, struct app *);
/* One-click unsubscribe (RFC 8058) of one follower of a report. */
void	 page_report_unsubscribe(struct request *, struct app *);
void	 page_report_unsubscribe_post(struct request *, struct app *);

/* Open311 GeoReport v2 under /open311/v2/ (open311*.c). */
void	 open311_discovery(struct request *, struct app *);
void	 open311_services(struct request *, struct app *);
void	 open311_service(struct request *, struct app *);
void	 open311_requests(struct request *, struct app *);
void	 open311_request(struct request *, struct app *);
void	 open311_request_post(struct request *, struct app *);
void	 open311_token(struct request *, struct app *);

#endif
