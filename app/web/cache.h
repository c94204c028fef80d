/* cache.h: a small per-worker cache of rendered responses, keyed by data version. */
#ifndef RATUSZ_CACHE_H
#define RATUSZ_CACHE_H

#include <stddef.h>

#include "buf.h"

/*
 * The key must name everything the response depends on: the object, the
 * gmina's data_version, the day and the language. A newer data_version makes
 * a new key, so stale entries are never found and age out of the table.
 */

/* Returns the cached body and content type for key, or NULL. */
const struct buf *cache_get(const char *key, const char **content_type);
/* Stores a copy of body under key, evicting the least recently used entry. */
void	 cache_put(const char *key, const struct buf *body, const char *content_type);
/* Frees every entry (at worker exit). */
void	 cache_clear(void);

#endif
