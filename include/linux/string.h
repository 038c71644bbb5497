/* Memory and string routines (lib/string.c). */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <linux/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
char *strcpy(char *dst, const char *src);
bool memchr_inv_zero(const void *p, size_t n);

/* Fill or copy whole pages at memory speed ("rep stosq" / "rep movsq"). */
void clear_page(void *page);
void copy_page(void *dst, const void *src);

#endif
