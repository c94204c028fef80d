/*
 * sms_cli.c: runs the SMS code for tests/http/test_sms.py: "count" measures texts
 * read as JSON lines, "send" sends one message through sms_send.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "buf.h"
#include "clock.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "sms.h"
#include "sms_text.h"

/*
 * Reads {"text": T, "transliterate": bool, "max_parts": N} per line and writes
 * {"encoding", "characters", "units", "parts", "text"} for the prepared text.
 */
static int
count_lines(void)
{
	char		 line[65536];
	json_t		*in, *out;
	json_error_t	 error;
	struct buf	 plain, cut;
	struct sms_count c;
	json_int_t	 max_parts;

	while (fgets(line, sizeof(line), stdin) != NULL) {
		if ((in = json_loads(line, 0, &error)) == NULL) {
			fprintf(stderr, "sms_cli: invalid JSON line: %s\n", error.text);
			return 1;
		}
		buf_init(&plain);
		buf_init(&cut);
		if (json_is_true(json_object_get(in, "transliterate")))
			sms_transliterate(&plain, json_string_value(json_object_get(in, "text")));
		else
			buf_puts(&plain, json_string_value(json_object_get(in, "text")));
		max_parts = json_integer_value(json_object_get(in, "max_parts"));
		if (max_parts > 0)
			sms_truncate(&cut, buf_cstr(&plain), (unsigned)max_parts);
		else
			buf_puts(&cut, buf_cstr(&plain));
		sms_count(buf_cstr(&cut), cut.len, &c);
		out = json_pack("{s:s, s:I, s:I, s:I, s:s}",
		    "encoding", c.encoding == SMS_GSM7 ? "gsm7" : "ucs2",
		    "characters", (json_int_t)c.characters, "units", (json_int_t)c.units,
		    "parts", (json_int_t)c.parts, "text", buf_cstr(&cut));
		json_dumpf(out, stdout, JSON_COMPACT);
		putchar('\n');
		json_decref(out);
		json_decref(in);
		buf_free(&plain);
		buf_free(&cut);
	}
	return 0;
}

/* send TENANT_ID PHONE IDEMPOTENCY_KEY TEXT: prints the send_result as JSON. */
static int
send_one(char **argv)
{
	static const char *const outcomes[] = { "ok", "retry", "fail", "skip" };
	struct conf		 conf;
	struct db		*db;
	struct outgoing		 msg;
	struct send_result	 result;
	json_t			*out;

	if (conf_load(&conf, NULL) == -1 || (db = db_open(&conf)) == NULL)
		return 1;
	memset(&msg, 0, sizeof(msg));
	msg.outbox_id = 0;
	msg.tenant_id = strtoull(argv[0], NULL, 10);
	msg.to = argv[1];
	msg.idempotency_key = argv[2];
	msg.text = argv[3];
	sms_send(db, &conf, &msg, &result);
	out = json_pack("{s:s, s:s, s:s, s:I}", "outcome", outcomes[result.outcome],
	    "provider_id", result.provider_id, "error", result.error,
	    "retry_after", (json_int_t)result.retry_after);
	json_dumpf(out, stdout, JSON_COMPACT);
	putchar('\n');
	json_decref(out);
	db_close(db);
	conf_free(&conf);
	return 0;
}

int
main(int argc, char *argv[])
{
	int	 rc = 2;

	log_init("sms_cli", LOG_LEVEL_INFO);
	clock_init();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (argc == 2 && strcmp(argv[1], "count") == 0)
		rc = count_lines();
	else if (argc == 6 && strcmp(argv[1], "send") == 0)
		rc = send_one(argv + 2);
	else
		fprintf(stderr, "usage: sms_cli count < LINES.jsonl\n"
		    "       sms_cli send TENANT_ID PHONE IDEMPOTENCY_KEY TEXT\n");
	curl_global_cleanup();
	return rc;
}
