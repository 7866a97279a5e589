/*
 * text.c: fuzz the safe display of logged text.  Whatever bytes a note
 * holds, attune_put_safe and attune_wrap must print valid UTF-8 with no
 * control character a terminal would act on (no ESC, no CSI, no C1, no
 * carriage return), no bidi override or isolate, and attune_put_safe no
 * line break at all.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "fuzz.h"

FUZZ_INITIALIZE("fuzz-text", 0)

static void
inert(const char *s, size_t n, int newline_ok)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	if (!attune_utf8_valid(s, n))
		abort();
	for (i = 0; i < n; i++) {
		if (p[i] == '\n' && newline_ok)
			continue;
		if (p[i] < 0x20 || p[i] == 0x7f)
			abort();
		if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 &&
		    p[i + 1] < 0xa0)
			abort();	/* C1, such as CSI U+009B */
		/* A bidi override or isolate, U+202A-202E, U+2066-2069. */
		if (p[i] == 0xe2 && i + 2 < n && ((p[i + 1] == 0x80 &&
		    p[i + 2] >= 0xaa && p[i + 2] <= 0xae) || (p[i + 1] == 0x81 &&
		    p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out = NULL, *s;
	size_t outlen = 0;
	FILE *f;

	if ((f = open_memstream(&out, &outlen)) == NULL)
		abort();
	attune_put_safe(f, (const char *)data, size);
	fclose(f);
	inert(out, outlen, 0);
	free(out);

	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	out = NULL;
	if ((f = open_memstream(&out, &outlen)) == NULL)
		abort();
	attune_wrap(f, s, size % 2 ? 20 : 72, size % 3);
	fclose(f);
	inert(out, outlen, 1);
	free(out);
	free(s);
	return 0;
}
