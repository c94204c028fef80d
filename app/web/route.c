/* route.c: the route table of the portal; every URL's handler and validators are found here. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "office.h"
#include "admin.h"
#include "pages.h"
#include "report_public_web.h"
#include "route.h"
#include "setup_check.h"

static const struct field_spec path_terc[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec path_terc_locality[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "locality", FIELD_UINT, true, 0 },
	{ NULL, 0, false, 0 } };
static const struct field_spec path_terc_point[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "point", FIELD_UINT, true, 0 },
	{ NULL, 0, false, 0 } };
static const struct field_spec path_terc_point_year[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "point", FIELD_UINT, true, 0 },
	{ "year", FIELD_YEAR, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec path_point[] = {
	{ "point", FIELD_UINT, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec path_calendar[] = {
	{ "file", FIELD_TEXT, true, 40 }, { NULL, 0, false, 0 } };
static const struct field_spec path_lang[] = {
	{ "code", FIELD_LANG, true, 0 }, { NULL, 0, false, 0 } };

static const struct field_spec query_search[] = {
	{ "q", FIELD_TEXT, false, 100 }, { NULL, 0, false, 0 } };
static const struct field_spec query_addresses[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "q", FIELD_TEXT, false, 100 },
	{ NULL, 0, false, 0 } };
static const struct field_spec query_schedule[] = {
	{ "from", FIELD_DATE, false, 0 }, { "to", FIELD_DATE, false, 0 },
	{ NULL, 0, false, 0 } };
static const struct field_spec query_health[] = {
	{ "sleep", FIELD_UINT, false, 600 }, { NULL, 0, false, 0 } };
static const struct field_spec query_lang[] = {
	{ "next", FIELD_TEXT, false, 300 }, { NULL, 0, false, 0 } };

/* SMSAPI delivery reports: comma-separated lists of up to 100 values. */
static const struct field_spec query_sms_callback[] = {
	{ "sig", FIELD_TEXT, true, 64 }, { "batch", FIELD_TEXT, false, 64 },
	{ "MsgId", FIELD_TEXT, true, 6500 },
	{ "status", FIELD_TEXT, true, 500 }, { "idx", FIELD_TEXT, true, 6500 },
	{ "donedate", FIELD_TEXT, false, 1200 }, { "username", FIELD_TEXT, false, 100 },
	{ "points", FIELD_TEXT, false, 1200 }, { NULL, 0, false, 0 } };

/* The one-click unsubscribe token of a subscription's reminder e-mails. */
static const struct field_spec path_unsubscribe[] = {
	{ "token", FIELD_TOKEN, true, 0 }, { NULL, 0, false, 0 } };

/* Account forms; every form also takes the "csrf" field (see request_parse_form). */
static const struct field_spec path_account_token[] = {
	{ "token", FIELD_TOKEN, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec query_account[] = {
	{ "done", FIELD_TEXT, false, 32 }, { NULL, 0, false, 0 } };
static const struct field_spec form_register[] = {
	{ "email", FIELD_TEXT, false, 254 }, { "password", FIELD_PASSWORD, false, 256 },
	{ "password2", FIELD_PASSWORD, false, 256 }, { "terms", FIELD_UINT, false, 1 },
	{ "consent_email", FIELD_UINT, false, 1 }, { NULL, 0, false, 0 } };
static const struct field_spec query_login[] = {
	{ "next", FIELD_TEXT, false, 300 }, { NULL, 0, false, 0 } };
static const struct field_spec form_login[] = {
	{ "email", FIELD_TEXT, false, 254 }, { "password", FIELD_PASSWORD, false, 256 },
	{ "next", FIELD_TEXT, false, 300 }, { NULL, 0, false, 0 } };
static const struct field_spec form_csrf_only[] = { { NULL, 0, false, 0 } };
static const struct field_spec form_email[] = {
	{ "email", FIELD_TEXT, false, 254 }, { NULL, 0, false, 0 } };
static const struct field_spec form_new_password[] = {
	{ "password", FIELD_PASSWORD, false, 256 },
	{ "password2", FIELD_PASSWORD, false, 256 }, { NULL, 0, false, 0 } };
static const struct field_spec form_change_email[] = {
	{ "new_email", FIELD_TEXT, false, 254 },
	{ "password", FIELD_PASSWORD, false, 256 }, { NULL, 0, false, 0 } };
static const struct field_spec form_change_password[] = {
	{ "current", FIELD_PASSWORD, false, 256 },
	{ "password", FIELD_PASSWORD, false, 256 },
	{ "password2", FIELD_PASSWORD, false, 256 }, { NULL, 0, false, 0 } };
static const struct field_spec form_settings[] = {
	{ "lang", FIELD_LANG, false, 0 }, { "phone", FIELD_TEXT, false, 32 },
	{ NULL, 0, false, 0 } };
static const struct field_spec form_consent[] = {
	{ "channel", FIELD_TEXT, true, 5 }, { "action", FIELD_TEXT, true, 8 },
	{ NULL, 0, false, 0 } };
static const struct field_spec form_password_only[] = {
	{ "password", FIELD_PASSWORD, false, 256 }, { NULL, 0, false, 0 } };

/* The upload route of the HTTP tests (RATUSZ_TEST_HOOKS=1 only): up to five photos. */
static const struct field_spec form_test_upload[] = {
	{ "title", FIELD_TEXT, false, 100 }, { NULL, 0, false, 0 } };
static const struct file_spec files_test_upload[] = {
	{ "photo", 5, REQ_MAX_PHOTO_BYTES }, { NULL, 0, 0 } };
static const struct field_spec path_test_photo[] = {
	{ "token", FIELD_TOKEN, true, 0 }, { "variant", FIELD_TEXT, true, 5 },
	{ NULL, 0, false, 0 } };
static const struct field_spec query_test_photo[] = {
	{ "public", FIELD_UINT, false, 1 }, { NULL, 0, false, 0 } };
/* Gmina administration (admin_*.c); every form also takes "csrf". */
static const struct field_spec path_admin[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec path_admin_id[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "id", FIELD_UINT, true, 0 },
	{ NULL, 0, false, 0 } };
static const struct field_spec path_admin_id2[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "id", FIELD_UINT, true, 0 },
	{ "field", FIELD_UINT, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec form_admin_unit[] = {
	{ "name", FIELD_TEXT, false, SETUP_UNIT_NAME_MAX }, { "kind", FIELD_TEXT, false, 20 },
	{ "email", FIELD_TEXT, false, 254 }, { "active", FIELD_UINT, false, 1 },
	{ NULL, 0, false, 0 } };
static const struct field_spec form_admin_role[] = {
	{ "email", FIELD_TEXT, false, 254 }, { "role", FIELD_TEXT, false, 20 },
	{ "unit", FIELD_UINT, false, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec form_admin_category[] = {
	{ "parent", FIELD_UINT, false, 0 }, { "code", FIELD_TEXT, false, SETUP_CODE_MAX },
	{ "name_pl", FIELD_TEXT, false, SETUP_CATEGORY_NAME_MAX },
	{ "name_en", FIELD_TEXT, false, SETUP_CATEGORY_NAME_MAX },
	{ "help_pl", FIELD_MULTILINE, false, SETUP_HELP_MAX },
	{ "help_en", FIELD_MULTILINE, false, SETUP_HELP_MAX },
	{ "keywords", FIELD_TEXT, false, SETUP_KEYWORDS_MAX },
	{ "default_unit", FIELD_UINT, false, 0 }, { "deadline_days", FIELD_TEXT, false, 6 },
	{ "public", FIELD_UINT, false, 1 }, { "active", FIELD_UINT, false, 1 },
	{ NULL, 0, false, 0 } };
static const struct field_spec form_admin_field[] = {
	{ "f_code", FIELD_TEXT, false, SETUP_CODE_MAX }, { "f_datatype", FIELD_TEXT, false, 20 },
	{ "f_required", FIELD_UINT, false, 1 },
	{ "f_label_pl", FIELD_TEXT, false, SETUP_FIELD_LABEL_MAX },
	{ "f_label_en", FIELD_TEXT, false, SETUP_FIELD_LABEL_MAX },
	{ "f_help_pl", FIELD_MULTILINE, false, SETUP_FIELD_HELP_MAX },
	{ "f_help_en", FIELD_MULTILINE, false, SETUP_FIELD_HELP_MAX },
	{ "f_values", FIELD_MULTILINE, false, 4000 }, { NULL, 0, false, 0 } };
static const struct field_spec form_admin_area[] = {
	{ "name", FIELD_TEXT, false, SETUP_AREA_NAME_MAX },
	{ "shape", FIELD_MULTILINE, false, 60000 }, { NULL, 0, false, 0 } };
static const struct field_spec form_admin_rule[] = {
	{ "category", FIELD_UINT, false, 0 }, { "area", FIELD_UINT, false, 0 },
	{ "unit", FIELD_UINT, false, 0 }, { "priority", FIELD_TEXT, false, 6 },
	{ NULL, 0, false, 0 } };
static const struct field_spec form_admin_template[] = {
	{ "unit", FIELD_UINT, false, 0 }, { "title", FIELD_TEXT, false, SETUP_TEMPLATE_TITLE_MAX },
	{ "body", FIELD_MULTILINE, false, SETUP_TEMPLATE_BODY_MAX }, { NULL, 0, false, 0 } };
/* Open311 GeoReport v2; the ".json" or ".xml" suffix is stripped before matching. */
static const struct field_spec query_open311[] = {
	{ "jurisdiction_id", FIELD_TERC, false, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec path_open311_code[] = {
	{ "code", FIELD_TEXT, true, 40 }, { NULL, 0, false, 0 } };
static const struct field_spec path_open311_request[] = {
	{ "id", FIELD_TEXT, true, 20 }, { NULL, 0, false, 0 } };
static const struct field_spec path_open311_token[] = {
	{ "token", FIELD_TOKEN, true, 0 }, { NULL, 0, false, 0 } };
static const struct field_spec query_open311_request[] = {
	{ "jurisdiction_id", FIELD_TERC, false, 0 },
	{ "extensions", FIELD_TEXT, false, 5 }, { NULL, 0, false, 0 } };
static const struct field_spec query_open311_requests[] = {
	{ "jurisdiction_id", FIELD_TERC, false, 0 },
	{ "service_request_id", FIELD_TEXT, false, 4000 },
	{ "service_code", FIELD_TEXT, false, 40 },
	{ "start_date", FIELD_TEXT, false, 40 }, { "end_date", FIELD_TEXT, false, 40 },
	{ "status", FIELD_TEXT, false, 20 },
	{ "page", FIELD_UINT, false, 1000000 }, { "page_size", FIELD_UINT, false, 1000 },
	{ "extensions", FIELD_TEXT, false, 5 }, { NULL, 0, false, 0 } };
/* attribute[code] fields are checked by the handler against the service definition. */
static const struct field_spec form_open311_request[] = {
	{ "jurisdiction_id", FIELD_TERC, false, 0 }, { "api_key", FIELD_TEXT, false, 64 },
	{ "service_code", FIELD_TEXT, false, 40 },
	{ "lat", FIELD_TEXT, false, 32 }, { "long", FIELD_TEXT, false, 32 },
	{ "address_string", FIELD_TEXT, false, 255 }, { "address_id", FIELD_UINT, false, 0 },
	{ "email", FIELD_TEXT, false, 254 }, { "device_id", FIELD_TEXT, false, 100 },
	{ "account_id", FIELD_TEXT, false, 100 }, { "first_name", FIELD_TEXT, false, 50 },
	{ "last_name", FIELD_TEXT, false, 50 }, { "phone", FIELD_TEXT, false, 32 },
	{ "description", FIELD_MULTILINE, false, 4000 },
	{ "media_url", FIELD_TEXT, false, 1000 }, { NULL, 0, false, 0 } };

/* Problem reports: the form, nearby reports, "me too" and the e-mail links. */
static const struct field_spec path_terc_token[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "token", FIELD_TOKEN, true, 0 },
	{ NULL, 0, false, 0 } };
static const struct field_spec path_terc_number[] = {
	{ "gmina", FIELD_TERC, true, 0 }, { "number", FIELD_TEXT, true, 20 },
	{ NULL, 0, false, 0 } };
static const struct field_spec form_report_follow[] = {
	{ "email", FIELD_TEXT | FIELD_BY_HANDLER, false, 1000 }, { NULL, 0, false, 0 } };

static const struct route routes[] = {
	{ .method = "GET", .pattern = "/", .handler = page_home, .query = query_search },
	{ .method = "GET", .pattern = "/health", .handler = page_health,
	    .query = query_health },
	{ .method = "GET", .pattern = "/jezyk/*", .handler = page_lang,
	    .path = path_lang, .query = query_lang },
	{ .method = "GET", .pattern = "/gmina/*", .handler = page_gmina,
	    .path = path_terc, .query = query_search },
	{ .method = "GET", .pattern = "/gmina/*/miejscowosc/*", .handler = page_locality,
	    .path = path_terc_locality },
	{ .method = "GET", .pattern = "/gmina/*/adres/*", .handler = page_schedule,
	    .path = path_terc_point },
	{ .method = "GET", .pattern = "/gmina/*/adres/*/rok/*", .handler = page_year,
	    .path = path_terc_point_year },
	/* Public reports; fixed names come before the report number "*". */
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia", .handler = page_report_list,
	    .path = report_public_path, .query = report_public_query },
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia/mapa", .handler = page_report_map,
	    .path = report_public_path, .query = report_public_query },
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia/mapa.json",
	    .handler = api_report_map, .path = report_public_path,
	    .query = report_map_json_query },
	{ .method = "GET", .pattern = "/kalendarz/*", .handler = page_calendar,
	    .path = path_calendar },
	/* Fixed names under /zgloszenia/ come before any "*" that takes a report number. */
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia/nowe", .handler = page_report_form,
	    .path = path_terc, .query = report_form_query },
	{ .method = "POST", .pattern = "/gmina/*/zgloszenia/nowe",
	    .handler = page_report_form_post, .path = path_terc, .form = report_form,
	    .files = report_form_files },
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia/wyslane/*",
	    .handler = page_report_done, .path = report_done_path },
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia/w-poblizu",
	    .handler = api_report_nearby, .path = path_terc, .query = nearby_query },
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia/potwierdz/*",
	    .handler = page_report_confirm, .path = path_terc_token },
	{ .method = "POST", .pattern = "/gmina/*/zgloszenia/potwierdz/*",
	    .handler = page_report_confirm_post, .path = path_terc_token,
	    .form = form_csrf_only },
	{ .method = "POST", .pattern = "/gmina/*/zgloszenia/*/ja-tez",
	    .handler = page_report_metoo_post, .path = path_terc_number,
	    .form = form_report_follow, .files = report_form_files },
	/* A report's page and photos: after every fixed name under /zgloszenia/. */
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia/*", .handler = page_report_view,
	    .path = report_number_path },
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia/*/zdjecie/*",
	    .handler = page_report_photo, .path = report_photo_path },
	{ .method = "GET", .pattern = "/gmina/*/zgloszenia/*/zdjecie/*/miniatura",
	    .handler = page_report_thumbnail, .path = report_photo_path },
	{ .method = "GET", .pattern = "/zgloszenia/wypisz/*", .handler = page_report_unsubscribe,
	    .path = path_unsubscribe },
	{ .method = "POST", .pattern = "/zgloszenia/wypisz/*",
	    .handler = page_report_unsubscribe_post, .path = path_unsubscribe },
	{ .method = "GET", .pattern = "/api/v1/gminy", .handler = api_gminy,
	    .query = query_search },
	{ .method = "GET", .pattern = "/api/v1/addresses", .handler = api_addresses,
	    .query = query_addresses },
	{ .method = "GET", .pattern = "/api/v1/addresses/*", .handler = api_address,
	    .path = path_point },
	{ .method = "GET", .pattern = "/api/v1/addresses/*/schedule", .handler = api_schedule,
	    .path = path_point, .query = query_schedule },
	{ .method = "GET", .pattern = "/u/*", .handler = page_unsubscribe,
	    .path = path_unsubscribe },
	{ .method = "POST", .pattern = "/u/*", .handler = page_unsubscribe_post,
	    .path = path_unsubscribe },
	{ .method = "GET", .pattern = "/sms/zwrotka", .handler = page_sms_callback,
	    .query = query_sms_callback },
	{ .method = "GET", .pattern = "/konto", .handler = page_account,
	    .query = query_account },
	{ .method = "GET", .pattern = "/konto/rejestracja", .handler = page_account_register },
	{ .method = "POST", .pattern = "/konto/rejestracja", .handler = page_account_register_post,
	    .form = form_register },
	{ .method = "GET", .pattern = "/konto/potwierdz/*", .handler = page_account_confirm,
	    .path = path_account_token },
	{ .method = "POST", .pattern = "/konto/potwierdz/*", .handler = page_account_confirm_post,
	    .path = path_account_token, .form = form_csrf_only },
	{ .method = "GET", .pattern = "/konto/logowanie", .handler = page_account_login,
	    .query = query_login },
	{ .method = "POST", .pattern = "/konto/logowanie", .handler = page_account_login_post,
	    .form = form_login },
	{ .method = "POST", .pattern = "/konto/wyloguj", .handler = page_account_logout,
	    .form = form_csrf_only },
	{ .method = "GET", .pattern = "/konto/haslo", .handler = page_account_reset_request },
	{ .method = "POST", .pattern = "/konto/haslo", .handler = page_account_reset_request_post,
	    .form = form_email },
	{ .method = "GET", .pattern = "/konto/haslo/*", .handler = page_account_reset,
	    .path = path_account_token },
	{ .method = "POST", .pattern = "/konto/haslo/*", .handler = page_account_reset_post,
	    .path = path_account_token, .form = form_new_password },
	{ .method = "POST", .pattern = "/konto/email", .handler = page_account_email_post,
	    .form = form_change_email },
	{ .method = "POST", .pattern = "/konto/zmien-haslo", .handler = page_account_password_post,
	    .form = form_change_password },
	{ .method = "POST", .pattern = "/konto/ustawienia", .handler = page_account_settings_post,
	    .form = form_settings },
	{ .method = "POST", .pattern = "/konto/zgody", .handler = page_account_consent_post,
	    .form = form_consent },
	{ .method = "GET", .pattern = "/konto/dane", .handler = page_account_export },
	{ .method = "GET", .pattern = "/konto/usun", .handler = page_account_delete },
	{ .method = "POST", .pattern = "/konto/usun", .handler = page_account_delete_post,
	    .form = form_password_only },
	/* Followed addresses; "nowy" comes before "*", which must be a number. */
	{ .method = "GET", .pattern = "/konto/adresy", .handler = page_subscriptions },
	{ .method = "GET", .pattern = "/konto/adresy/nowy", .handler = page_subscription_new,
	    .query = subscription_new_query },
	{ .method = "POST", .pattern = "/konto/adresy/nowy",
	    .handler = subscription_create_post, .form = subscription_form },
	{ .method = "GET", .pattern = "/konto/adresy/*", .handler = page_subscription_edit,
	    .path = subscription_path },
	{ .method = "POST", .pattern = "/konto/adresy/*", .handler = subscription_update_post,
	    .path = subscription_path, .form = subscription_form },
	{ .method = "POST", .pattern = "/konto/adresy/*/usun",
	    .handler = subscription_delete_post, .path = subscription_path,
	    .form = subscription_empty_form },
	{ .method = "POST", .pattern = "/konto/adresy/*/email",
	    .handler = subscription_email_post, .path = subscription_path,
	    .form = subscription_empty_form },
	{ .method = "POST", .pattern = "/test/upload", .handler = page_test_upload_post,
	    .form = form_test_upload, .files = files_test_upload, .test_only = true },
	{ .method = "GET", .pattern = "/test/upload/*/*", .handler = page_test_upload_photo,
	    .path = path_test_photo, .query = query_test_photo, .test_only = true },
	/* The back office of problem reports (office_*.c); "*" after zgloszenia is a number. */
	{ .method = "GET", .pattern = "/urzad/*", .handler = office_home,
	    .path = office_path },
	{ .method = "GET", .pattern = "/urzad/*/", .handler = office_home,
	    .path = office_path },
	{ .method = "GET", .pattern = "/urzad/*/zgloszenia", .handler = office_list,
	    .path = office_path, .query = office_list_query_fields },
	{ .method = "GET", .pattern = "/urzad/*/zgloszenia.csv", .handler = office_export,
	    .path = office_path, .query = office_list_query_fields },
	{ .method = "GET", .pattern = "/urzad/*/weryfikacja", .handler = office_triage,
	    .path = office_path, .query = office_list_query_fields },
	{ .method = "GET", .pattern = "/urzad/*/zgloszenia/*", .handler = office_report,
	    .path = office_report_path, .query = office_report_query },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/potwierdz",
	    .handler = office_confirm_post, .path = office_report_path,
	    .form = office_form_version },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/odrzuc",
	    .handler = office_reject_post, .path = office_report_path,
	    .form = office_form_reject },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/status",
	    .handler = office_move_post, .path = office_report_path, .form = office_form_move },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/edycja",
	    .handler = office_edit_post, .path = office_report_path, .form = office_form_edit },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/scal",
	    .handler = office_merge_post, .path = office_report_path,
	    .form = office_form_merge },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/przydziel",
	    .handler = office_assign_post, .path = office_report_path,
	    .form = office_form_assign },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/przekaz",
	    .handler = office_transfer_post, .path = office_report_path,
	    .form = office_form_transfer },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/notatka",
	    .handler = office_note_post, .path = office_report_path, .form = office_form_note },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/odpowiedz",
	    .handler = office_update_post, .path = office_report_path,
	    .form = office_form_update },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/ukryj",
	    .handler = office_hide_post, .path = office_report_path,
	    .form = office_form_version },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/odkryj",
	    .handler = office_unhide_post, .path = office_report_path,
	    .form = office_form_version },
	{ .method = "GET", .pattern = "/urzad/*/zgloszenia/*/zdjecia/*",
	    .handler = office_photo, .path = office_photo_path, .query = office_photo_query },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/zdjecia/*/ukryj",
	    .handler = office_photo_hide_post, .path = office_photo_path,
	    .form = office_form_version },
	{ .method = "POST", .pattern = "/urzad/*/zgloszenia/*/zdjecia/*/odkryj",
	    .handler = office_photo_unhide_post, .path = office_photo_path,
	    .form = office_form_version },
	/* Gmina administration: literal segments come before any "*" of the same depth. */
	{ .method = "GET", .pattern = "/urzad/*/admin", .handler = admin_index,
	    .path = path_admin },
	{ .method = "GET", .pattern = "/urzad/*/admin/jednostki", .handler = admin_units,
	    .path = path_admin },
	{ .method = "POST", .pattern = "/urzad/*/admin/jednostki",
	    .handler = admin_unit_add, .path = path_admin, .form = form_admin_unit },
	{ .method = "GET", .pattern = "/urzad/*/admin/jednostki/*",
	    .handler = admin_unit_edit, .path = path_admin_id },
	{ .method = "POST", .pattern = "/urzad/*/admin/jednostki/*",
	    .handler = admin_unit_save, .path = path_admin_id, .form = form_admin_unit },
	{ .method = "GET", .pattern = "/urzad/*/admin/role", .handler = admin_roles,
	    .path = path_admin },
	{ .method = "POST", .pattern = "/urzad/*/admin/role", .handler = admin_role_grant,
	    .path = path_admin, .form = form_admin_role },
	{ .method = "POST", .pattern = "/urzad/*/admin/role/*/usun",
	    .handler = admin_role_revoke, .path = path_admin_id, .form = form_csrf_only },
	{ .method = "GET", .pattern = "/urzad/*/admin/kategorie",
	    .handler = admin_categories, .path = path_admin },
	{ .method = "POST", .pattern = "/urzad/*/admin/kategorie",
	    .handler = admin_category_add,
	    .path = path_admin, .form = form_admin_category },
	{ .method = "GET", .pattern = "/urzad/*/admin/kategorie/*",
	    .handler = admin_category_edit, .path = path_admin_id },
	{ .method = "POST", .pattern = "/urzad/*/admin/kategorie/*",
	    .handler = admin_category_save,
	    .path = path_admin_id, .form = form_admin_category },
	{ .method = "POST", .pattern = "/urzad/*/admin/kategorie/*/pola",
	    .handler = admin_field_add, .path = path_admin_id, .form = form_admin_field },
	{ .method = "POST", .pattern = "/urzad/*/admin/kategorie/*/pola/*",
	    .handler = admin_field_save, .path = path_admin_id2, .form = form_admin_field },
	{ .method = "POST", .pattern = "/urzad/*/admin/kategorie/*/pola/*/usun",
	    .handler = admin_field_delete, .path = path_admin_id2, .form = form_csrf_only },
	{ .method = "GET", .pattern = "/urzad/*/admin/obszary", .handler = admin_areas,
	    .path = path_admin },
	{ .method = "POST", .pattern = "/urzad/*/admin/obszary", .handler = admin_area_add,
	    .path = path_admin, .form = form_admin_area },
	{ .method = "GET", .pattern = "/urzad/*/admin/obszary/*",
	    .handler = admin_area_edit, .path = path_admin_id },
	{ .method = "POST", .pattern = "/urzad/*/admin/obszary/*",
	    .handler = admin_area_save, .path = path_admin_id, .form = form_admin_area },
	{ .method = "POST", .pattern = "/urzad/*/admin/obszary/*/usun",
	    .handler = admin_area_delete, .path = path_admin_id, .form = form_csrf_only },
	{ .method = "GET", .pattern = "/urzad/*/admin/reguly", .handler = admin_rules,
	    .path = path_admin },
	{ .method = "POST", .pattern = "/urzad/*/admin/reguly", .handler = admin_rule_add,
	    .path = path_admin, .form = form_admin_rule },
	{ .method = "POST", .pattern = "/urzad/*/admin/reguly/*/usun",
	    .handler = admin_rule_delete, .path = path_admin_id, .form = form_csrf_only },
	{ .method = "GET", .pattern = "/urzad/*/admin/szablony", .handler = admin_templates,
	    .path = path_admin },
	{ .method = "POST", .pattern = "/urzad/*/admin/szablony",
	    .handler = admin_template_add,
	    .path = path_admin, .form = form_admin_template },
	{ .method = "GET", .pattern = "/urzad/*/admin/szablony/*",
	    .handler = admin_template_edit, .path = path_admin_id },
	{ .method = "POST", .pattern = "/urzad/*/admin/szablony/*",
	    .handler = admin_template_save,
	    .path = path_admin_id, .form = form_admin_template },
	{ .method = "POST", .pattern = "/urzad/*/admin/szablony/*/usun",
	    .handler = admin_template_delete,
	    .path = path_admin_id, .form = form_csrf_only },
	{ .method = "GET", .pattern = "/open311/v2/discovery", .handler = open311_discovery },
	{ .method = "GET", .pattern = "/open311/v2/services", .handler = open311_services,
	    .query = query_open311 },
	{ .method = "GET", .pattern = "/open311/v2/services/*", .handler = open311_service,
	    .path = path_open311_code, .query = query_open311 },
	{ .method = "GET", .pattern = "/open311/v2/requests", .handler = open311_requests,
	    .query = query_open311_requests },
	{ .method = "POST", .pattern = "/open311/v2/requests",
	    .handler = open311_request_post, .form = form_open311_request },
	{ .method = "GET", .pattern = "/open311/v2/requests/*", .handler = open311_request,
	    .path = path_open311_request, .query = query_open311_request },
	{ .method = "GET", .pattern = "/open311/v2/tokens/*", .handler = open311_token,
	    .path = path_open311_token, .query = query_open311 },
};

/* Compares pattern and path segment by segment; collects "*" segments into args. */
static int
pattern_match(const char *pattern, const char *path, const char **args,
    size_t *lens, size_t *count)
{
	const char	*pe, *se;

	*count = 0;
	for (;;) {
		if (*pattern != '/' || *path != '/')
			return 0;
		pattern++, path++;
		pe = strchr(pattern, '/');
		se = strchr(path, '/');
		if (pe == NULL)
			pe = pattern + strlen(pattern);
		if (se == NULL)
			se = path + strlen(path);
		if (pe - pattern == 1 && *pattern == '*') {
			if (se == path || *count == REQ_MAX_PATH_ARGS)
				return 0;
			args[*count] = path;
			lens[(*count)++] = (size_t)(se - path);
		} else if (pe - pattern != se - path ||
		    strncmp(pattern, path, (size_t)(pe - pattern)) != 0)
			return 0;
		pattern = pe;
		path = se;
		if (*pattern == '\0' && *path == '\0')
			return 1;
	}
}

static int
validate_path_args(struct request *r, const struct route *rt, const char **args,
    const size_t *lens, size_t count)
{
	char	*value;
	size_t	 i;

	for (i = 0; i < count; i++) {
		if ((value = strndup(args[i], lens[i])) == NULL)
			return -1;
		r->owned[r->owned_count++] = value;
		if (request_validate(r, &rt->path[i], value, &r->path_args[i]) == -1)
			return -1;
		r->path_arg_count++;
	}
	return 0;
}

/* Adds a route's method to r->allow once; a GET route also allows HEAD. */
static void
allow_add(struct request *r, const char *method)
{
	size_t	 len = strlen(r->allow);

	if (strstr(r->allow, method) != NULL)
		return;
	snprintf(r->allow + len, sizeof(r->allow) - len, "%s%s%s",
	    len > 0 ? ", " : "", method,
	    strcmp(method, "GET") == 0 ? ", HEAD" : "");
}

/* Parses the POST body of a route with a form or files; 0 for any other request. */
static int
parse_body(struct request *r, const struct route *rt)
{
	if (strcmp(r->method, "POST") != 0)
		return 0;
	if (rt->files != NULL)
		return request_parse_multipart(r, rt->form, rt->files);
	if (rt->form != NULL)
		return request_parse_form(r, rt->form);
	return 0;
}

size_t
route_body_limit(const struct request *r)
{
	const char	*args[REQ_MAX_PATH_ARGS];
	size_t		 lens[REQ_MAX_PATH_ARGS], count, i;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (routes[i].files != NULL && strcmp(routes[i].method, r->method) == 0 &&
		    (!routes[i].test_only || r->test_hooks) &&
		    pattern_match(routes[i].pattern, r->path, args, lens, &count))
			return REQ_MAX_UPLOAD_BODY;
	return REQ_MAX_BODY;
}

const struct route *
route_match(struct request *r)
{
	const char	*args[REQ_MAX_PATH_ARGS];
	size_t		 lens[REQ_MAX_PATH_ARGS], count, i;
	int		 path_found = 0, get = strcmp(r->method, "GET") == 0 ||
			    strcmp(r->method, "HEAD") == 0;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!pattern_match(routes[i].pattern, r->path, args, lens, &count) ||
		    (routes[i].test_only && !r->test_hooks))
			continue;
		path_found = 1;
		if (strcmp(routes[i].method, r->method) != 0 &&
		    !(get && strcmp(routes[i].method, "GET") == 0)) {
			allow_add(r, routes[i].method);
			continue;
		}
		/* A malformed path segment names no page, so it is a 404, not a 400. */
		if (validate_path_args(r, &routes[i], args, lens, count) == -1) {
			r->invalid_field[0] = '\0';
			r->status = 404;
			return NULL;
		}
		if (request_parse_query(r, routes[i].query) == -1 ||
		    parse_body(r, &routes[i]) == -1) {
			r->status = 400;
			return NULL;
		}
		return &routes[i];
	}
	/* worker.c handles OPTIONS under /api/ itself (CORS preflight). */
	if (path_found && (strncmp(r->path, "/api/", 5) == 0 ||
	    strncmp(r->path, "/open311/", 9) == 0))
		allow_add(r, "OPTIONS");
	r->status = path_found ? 405 : 404;
	return NULL;
}
