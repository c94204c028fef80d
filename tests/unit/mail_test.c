/* mail_test.c: encoded-word headers, quoted-printable bodies, dates and whole messages. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "buf.h"
#include "mail.h"
#include "text.h"

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const subjects[] = {
	"Jutro odbiór: papier, szkło – Mama, Masłowo",
	"Zażółć gęślą jaźń. Zażółć gęślą jaźń. Zażółć gęślą jaźń. Zażółć gęślą jaźń.",
	"ąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąą",
	"Emoji 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀 w temacie",
	"=?UTF-8?B?not-a-word?=",
	"ASCII but far too long for one header line: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"Line\r\nbreak",
};

/* Decodes the encoded-words of one unfolded header value into out; fails on anything else. */
static void
decode_words(const char *value, struct buf *out)
{
	unsigned char	 bytes[128];
	const char	*p = value, *end;
	int		 n;
	size_t		 len, pad;

	while (*p != '\0') {
		assert_memory_equal(p, "=?UTF-8?B?", 10);
		p += 10;
		end = strstr(p, "?=");
		assert_non_null(end);
		len = (size_t)(end - p);
		assert_true(len % 4 == 0 && len <= 64);
		n = EVP_DecodeBlock(bytes, (const unsigned char *)p, (int)len);
		assert_true(n >= 0);
		pad = (len > 0 && p[len - 1] == '=') + (len > 1 && p[len - 2] == '=');
		/* Each word holds whole characters, so each decodes to valid UTF-8 alone. */
		assert_true(utf8_valid((const char *)bytes, (size_t)n - pad));
		buf_append(out, bytes, (size_t)n - pad);
		p = end + 2;
		if (strncmp(p, "\r\n ", 3) == 0)
			p += 3;
		else
			assert_true(*p == '\0');
	}
}

static void
subject_encoded_words_decode(void **state)
{
	struct buf	 out, decoded;
	const char	*line, *next, *value;
	size_t		 i;

	(void)state;
	for (i = 0; i < COUNT(subjects); i++) {
		buf_init(&out);
		buf_init(&decoded);
		mail_header(&out, "Subject", subjects[i]);
		assert_true(out.len > 2 && strcmp(out.data + out.len - 2, "\r\n") == 0);
		out.data[out.len - 2] = '\0';
		for (line = out.data; line != NULL; line = next) {
			next = strstr(line, "\r\n");
			assert_true((size_t)((next != NULL ? next : line + strlen(line)) - line) <= 76);
			if (next != NULL)
				next += 2;
		}
		value = out.data + strlen("Subject: ");
		decode_words(value, &decoded);
		if (strstr(subjects[i], "\r\n") != NULL)
			assert_string_equal(decoded.data, "Line  break");
		else
			assert_string_equal(buf_cstr(&decoded), subjects[i]);
		buf_free(&out);
		buf_free(&decoded);
	}
}

static void
subject_plain_ascii_kept(void **state)
{
	struct buf	 out;

	(void)state;
	buf_init(&out);
	mail_header(&out, "Subject", "Reminder: paper, glass");
	assert_string_equal(out.data, "Subject: Reminder: paper, glass\r\n");
	buf_free(&out);
}

/* Decodes quoted-printable with CRLF line ends back to text with LF line ends. */
static void
qp_decode(const char *in, struct buf *out)
{
	char	 hex[3] = { 0, 0, 0 };

	while (*in != '\0') {
		if (in[0] == '=' && in[1] == '\r' && in[2] == '\n') {
			in += 3;
		} else if (in[0] == '=') {
			hex[0] = in[1];
			hex[1] = in[2];
			buf_putc(out, (char)strtol(hex, NULL, 16));
			in += 3;
		} else if (in[0] == '\r' && in[1] == '\n') {
			buf_putc(out, '\n');
			in += 2;
		} else
			buf_putc(out, *in++);
	}
}

static void
quoted_printable_round_trip(void **state)
{
	static const char *const texts[] = {
		"Jutro odbiór: papier, szkło.\nWypisz się: https://ratusz.example.pl/u/abc\n",
		"trailing space \ntrailing tab\t\nequals = sign\n",
		"ąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąą\n",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa==========\n",
		".dot at the start\nFrom the start\n",
		"no newline at the end ",
	};
	struct buf	 out, back;
	const char	*line, *next;
	size_t		 i, len;

	(void)state;
	for (i = 0; i < COUNT(texts); i++) {
		buf_init(&out);
		buf_init(&back);
		mail_quoted_printable(&out, texts[i]);
		for (line = out.data; *line != '\0'; line = next + 2) {
			next = strstr(line, "\r\n");
			assert_non_null(next);
			len = (size_t)(next - line);
			assert_true(len <= 76);
			/* A space or tab never ends an encoded line. */
			assert_true(len == 0 || (line[len - 1] != ' ' && line[len - 1] != '\t'));
		}
		qp_decode(out.data, &back);
		len = strlen(texts[i]);
		if (texts[i][len - 1] == '\n')
			assert_string_equal(back.data, texts[i]);
		else {
			assert_int_equal(back.len, len + 1);
			assert_memory_equal(back.data, texts[i], len);
		}
		buf_free(&out);
		buf_free(&back);
	}
}

static void
quoted_printable_escapes(void **state)
{
	struct buf	 out;

	(void)state;
	buf_init(&out);
	mail_quoted_printable(&out, "a=b ł \n");
	assert_string_equal(out.data, "a=3Db =C5=82=20\r\n");
	buf_free(&out);
}

static void
date_in_warsaw_time(void **state)
{
	static const struct { time_t t; const char *expected; } cases[] = {
		{ 0, "Thu, 01 Jan 1970 01:00:00 +0100" },
		{ 1751371200, "Tue, 01 Jul 2025 14:00:00 +0200" },
		{ 1743296399, "Sun, 30 Mar 2025 01:59:59 +0100" },
		{ 1743296400, "Sun, 30 Mar 2025 03:00:00 +0200" },
	};
	struct buf	 out;
	size_t		 i;

	(void)state;
	setenv("TZ", "Europe/Warsaw", 1);
	tzset();
	for (i = 0; i < COUNT(cases); i++) {
		buf_init(&out);
		mail_date(&out, cases[i].t);
		assert_string_equal(out.data, cases[i].expected);
		buf_free(&out);
	}
}

static void
address_table(void **state)
{
	static const struct { const char *in, *expected; } cases[] = {
		{ "jan@example.pl", "jan@example.pl" },
		{ "ratusz <noreply@localhost>", "noreply@localhost" },
		{ "Urząd Gminy <urzad@gmina.pl>", "urzad@gmina.pl" },
		{ "jan.kowalski+odpady@example.pl", "jan.kowalski+odpady@example.pl" },
		{ "", NULL },
		{ "jan", NULL },
		{ "@example.pl", NULL },
		{ "jan@", NULL },
		{ "jan@a@b", NULL },
		{ "jan kowalski@example.pl", NULL },
		{ "jan@example.pl\r\nBcc: x@y.pl", NULL },
		{ "żaneta@example.pl", NULL },
		{ "x <jan@example.pl> trailing", NULL },
	};
	char	 out[256];
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		if (cases[i].expected == NULL)
			assert_int_equal(mail_address(cases[i].in, out, sizeof(out)), -1);
		else {
			assert_int_equal(mail_address(cases[i].in, out, sizeof(out)), 0);
			assert_string_equal(out, cases[i].expected);
		}
	}
}

static void
url_host_table(void **state)
{
	static const struct { const char *url, *expected; } cases[] = {
		{ "https://ratusz.example.pl", "ratusz.example.pl" },
		{ "http://127.0.0.1:8080", "127.0.0.1" },
		{ "https://user@host.pl/path", "host.pl" },
		{ "http://[::1]:8080/", "[::1]" },
		{ "no scheme", "localhost" },
	};
	char	 out[128];
	size_t	 i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		mail_url_host(cases[i].url, out, sizeof(out));
		assert_string_equal(out, cases[i].expected);
	}
}

static void
build_rejects_header_injection(void **state)
{
	struct mail_message	 m = {
		.from = "ratusz <noreply@localhost>", .to = "jan@example.pl\r\nBcc: x@y.pl",
		.subject = "s", .text = "t", .date = 0,
	};
	struct buf		 out;

	(void)state;
	buf_init(&out);
	assert_int_equal(mail_build(&out, &m), -1);
	assert_int_equal(out.len, 0);
	m.to = "jan@example.pl";
	m.unsubscribe_url = "https://x/u/a>\r\nBcc: x@y.pl";
	assert_int_equal(mail_build(&out, &m), -1);
	assert_int_equal(out.len, 0);
	buf_free(&out);
}

/* Runs mail_check.py (Python's email package) on a whole multipart message. */
static void
message_parses_in_python(void **state)
{
	static const char subject[] = "Jutro odbiór: papier, szkło – Mama, Masłowo";
	static const char text[] = "Jutro, wtorek 21 stycznia, odbiór pod adresem Masłowo:\n"
	    "- Papier\n- Szkło\n\nTa linia jest bardzo długa, bo ma w sobie wiele polskich "
	    "liter: zażółć gęślą jaźń, zażółć gęślą jaźń, zażółć gęślą jaźń.\n";
	static const char html[] = "<p>Jutro odbiór: <b>papier</b> &amp; szkło</p>\n"
	    "<p style=\"color: #005\">Wypisz się</p>\n";
	static const char url[] = "http://127.0.0.1:8080/u/AAAAAAAAAAAAAAAAAAAAAA";
	struct mail_message	 m = {
		.from = "Urząd Gminy Przodkowo <noreply@localhost>", .to = "jan@example.pl",
		.subject = subject, .text = text, .html = html, .unsubscribe_url = url,
		.host = "127.0.0.1", .date = 1751371200,
	};
	char			 path[] = "/tmp/mail_test_XXXXXX";
	struct buf		 out;
	int			 fd, status;
	pid_t			 pid;

	(void)state;
	buf_init(&out);
	assert_int_equal(mail_build(&out, &m), 0);
	assert_non_null(strstr(out.data, "\r\nMessage-ID: <"));
	assert_non_null(strstr(out.data, "@127.0.0.1>\r\n"));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, out.data, out.len), (ssize_t)out.len);
	close(fd);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl("/usr/bin/python3", "python3", MAIL_CHECK_SCRIPT, path, subject, text,
		    html, url, (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	unlink(path);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subject_encoded_words_decode),
		cmocka_unit_test(subject_plain_ascii_kept),
		cmocka_unit_test(quoted_printable_round_trip),
		cmocka_unit_test(quoted_printable_escapes),
		cmocka_unit_test(date_in_warsaw_time),
		cmocka_unit_test(address_table),
		cmocka_unit_test(url_host_table),
		cmocka_unit_test(build_rejects_header_injection),
		cmocka_unit_test(message_parses_in_python),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
