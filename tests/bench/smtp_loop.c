/* smtp_loop.c: the reference of the dispatcher benchmark: sends one ready message N times over SMTP with libcurl. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

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

static char *
read_file(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*data;
	long	 size;

	if (f == NULL || fseek(f, 0, SEEK_END) == -1 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) == -1 || (data = malloc((size_t)size + 1)) == NULL ||
	    fread(data, 1, (size_t)size, f) != (size_t)size) {
		perror(path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)size;
	return data;
}

/* Usage: smtp_loop URL FROM TO MESSAGE_FILE COUNT. Exits 1 when a send fails. */
int
main(int argc, char **argv)
{
	struct curl_slist	*rcpt;
	struct upload		 u;
	CURL			*curl;
	CURLcode		 rc;
	size_t			 len;
	char			*message, *end;
	unsigned long		 count, i;

	if (argc != 6 || (count = strtoul(argv[5], &end, 10)) == 0 || *end != '\0') {
		fprintf(stderr, "usage: smtp_loop URL FROM TO MESSAGE_FILE COUNT\n");
		return 2;
	}
	message = read_file(argv[4], &len);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	curl = curl_easy_init();
	rcpt = curl_slist_append(NULL, argv[3]);
	curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, argv[2]);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE, (long)len);
	for (i = 0; i < count; i++) {
		u.data = message;
		u.len = len;
		u.at = 0;
		if ((rc = curl_easy_perform(curl)) != CURLE_OK) {
			fprintf(stderr, "smtp_loop: message %lu: %s\n", i + 1, curl_easy_strerror(rc));
			return 1;
		}
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	free(message);
	return 0;
}
