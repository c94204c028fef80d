/* buf.h: a growable byte buffer, always NUL-terminated, that aborts on allocation failure. */
#ifndef RATUSZ_BUF_H
#define RATUSZ_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;	/* NUL-terminated; NULL until the first append */
	size_t	 len;	/* bytes used, without the NUL */
	size_t	 cap;	/* bytes allocated */
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_append(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
		__attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
		__attribute__((format(printf, 2, 0)));
/* Returns the contents, never NULL; the buffer keeps ownership. */
const char *buf_cstr(const struct buf *);
/* Hands the contents to the caller, who frees them; the buffer is left empty. */
char	*buf_steal(struct buf *);

#endif
