/* problem.c: fills a struct problem, keeping the value valid UTF-8 when it is cut. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "problem.h"

void
problem_set(struct problem *p, int line, const char *key, const char *valuefmt, ...)
{
	va_list	 ap;
	size_t	 n;

	if (p == NULL)
		return;
	p->line = line;
	snprintf(p->key, sizeof(p->key), "%s", key);
	p->value[0] = '\0';
	if (valuefmt != NULL) {
		va_start(ap, valuefmt);
		vsnprintf(p->value, sizeof(p->value), valuefmt, ap);
		va_end(ap);
	}
	/* Drop a multi-byte character that vsnprintf may have cut in half. */
	n = strlen(p->value);
	if (n == sizeof(p->value) - 1) {
		while (n > 0 && ((unsigned char)p->value[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0 && ((unsigned char)p->value[n - 1] & 0x80))
			n--;
		p->value[n] = '\0';
	}
}
