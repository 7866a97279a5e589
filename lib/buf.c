/* buf.c: a byte buffer that grows as it is filled; always NUL-terminated. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

static void
grow(struct attune_buf *b, size_t n)
{
	size_t cap;

	if (b->len + n + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + n + 1)
		cap *= 2;
	b->s = attune_xrealloc(b->s, cap);
	b->cap = cap;
}

void
attune_buf_add(struct attune_buf *b, const void *p, size_t n)
{
	grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Make room for n more bytes at the end, count them as used, return them. */
char *
attune_buf_space(struct attune_buf *b, size_t n)
{
	grow(b, n);
	b->len += n;
	b->s[b->len] = '\0';
	return b->s + b->len - n;
}

void
attune_buf_str(struct attune_buf *b, const char *s)
{
	attune_buf_add(b, s, strlen(s));
}

void
attune_buf_printf(struct attune_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
attune_buf_free(struct attune_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
