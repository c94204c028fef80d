/* cache.c: least-recently-used table of rendered responses, one per worker process. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cache.h"

#define CACHE_ENTRIES		256
/* Larger responses are not kept. The map JSON of 500 reports is about 90 KiB. */
#define CACHE_MAX_BODY		(128 * 1024)
#define CACHE_KEY_SIZE		128

struct cache_entry {
	char		 key[CACHE_KEY_SIZE];
	const char	*content_type;	/* a string constant of the handler */
	struct buf	 body;
	unsigned long	 used;		/* tick of the last hit or store; 0 when empty */
};

static struct cache_entry	 entries[CACHE_ENTRIES];
static unsigned long		 tick;

const struct buf *
cache_get(const char *key, const char **content_type)
{
	size_t	 i;

	for (i = 0; i < CACHE_ENTRIES; i++)
		if (entries[i].used != 0 && strcmp(entries[i].key, key) == 0) {
			entries[i].used = ++tick;
			*content_type = entries[i].content_type;
			return &entries[i].body;
		}
	return NULL;
}

void
cache_put(const char *key, const struct buf *body, const char *content_type)
{
	struct cache_entry	*victim = &entries[0];
	size_t			 i;

	if (body->len > CACHE_MAX_BODY || strlen(key) >= CACHE_KEY_SIZE)
		return;
	for (i = 0; i < CACHE_ENTRIES; i++) {
		if (entries[i].used != 0 && strcmp(entries[i].key, key) == 0) {
			victim = &entries[i];
			break;
		}
		if (entries[i].used < victim->used)
			victim = &entries[i];
	}
	snprintf(victim->key, sizeof(victim->key), "%s", key);
	victim->content_type = content_type;
	buf_reset(&victim->body);
	buf_append(&victim->body, body->data != NULL ? body->data : "", body->len);
	victim->used = ++tick;
}

void
cache_clear(void)
{
	size_t	 i;

	for (i = 0; i < CACHE_ENTRIES; i++) {
		buf_free(&entries[i].body);
		entries[i].used = 0;
	}
}
