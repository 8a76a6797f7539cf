/*
 * util.h — small private helpers shared by every stage: growable arrays,
 * byte buffers, hashing, a string-interning map and error records.
 *
 * Nothing here prints or exits; allocation failures are returned.
 */
#ifndef ACTNET_UTIL_H
#define ACTNET_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "actnet.h"

#if defined(__GNUC__)
#define AN_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define AN_UNUSED __attribute__((unused))
#else
#define AN_PRINTF(a, b)
#define AN_UNUSED
#endif

/*
 * Makes room for `need` elements of `elsize` bytes in *ptr, whose
 * capacity is *cap elements; grows geometrically.  Returns 0 on success,
 * -1 when out of memory (then *ptr and *cap are unchanged).
 */
int an_reserve(void **ptr, size_t *cap, size_t need, size_t elsize);

/* Typed convenience: AN_RESERVE(arr, cap, need). */
#define AN_RESERVE(arr, cap, need) \
    an_reserve((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/*
 * Asks the kernel to back the block [p, p + size) with huge pages where
 * it can (Linux transparent huge pages, "madvise" mode): for the large
 * tables of a big rule set, probed at random, and large arrays filled
 * once, it saves most TLB misses and page faults.  Does nothing for
 * blocks under 4 MiB, or where MADV_HUGEPAGE does not exist.
 */
void an_hint_huge(void *p, size_t size);

/* an_reserve, then an_hint_huge on the block when it grew. */
int an_reserve_huge(void **ptr, size_t *cap, size_t need, size_t elsize);
#define AN_RESERVE_HUGE(arr, cap, need) \
    an_reserve_huge((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* A growable byte buffer; init to {0}.  Owns data; free with an_buf_free.
 * It is the public actnet_buffer, so that a buffer filled inside the
 * library can be handed to a client and back without copying. */
typedef actnet_buffer an_buf;

int an_buf_append(an_buf *b, const void *data, size_t len);   /* 0 / -1 */
int an_buf_putc(an_buf *b, char c);                           /* 0 / -1 */
int an_buf_printf(an_buf *b, const char *fmt, ...) AN_PRINTF(2, 3);
int an_buf_vprintf(an_buf *b, const char *fmt, va_list ap);
/* Ensures data is NUL-terminated (not counted in len); 0 / -1. */
int an_buf_terminate(an_buf *b);
void an_buf_free(an_buf *b);

/*
 * A bump allocator for many small blocks freed together (the strings of
 * a rule set).  Init to {0}; an_arena_free frees every block at once.
 */
typedef struct an_arena {
    struct an_arena_chunk *chunks;  /* newest first */
    char *next, *end;               /* free room in the newest chunk */
} an_arena;

/* size bytes aligned for any object, owned by a; NULL when out of
 * memory. */
void *an_arena_alloc(an_arena *a, size_t size);
/* A NUL-terminated copy of the n bytes at s, owned by a; or NULL. */
char *an_arena_strndup(an_arena *a, const char *s, size_t n);
void an_arena_free(an_arena *a);

/* strdup / strndup that return NULL on failure (C11 has neither). */
char *an_strdup(const char *s);
char *an_strndup(const char *s, size_t n);

/* 64-bit hash of bytes (fast, not cryptographic). */
uint64_t an_hash(const void *data, size_t len);

/*
 * A map from byte strings to uint32 values, open addressing.  Keys are
 * copied into the map's own arena.  Init to {0}; free with an_strmap_free.
 */
typedef struct an_strmap {
    struct an_strmap_slot *slots;
    size_t cap, count;
    an_buf keys;      /* arena of copied keys */
} an_strmap;

/* Looks key up; returns 1 and sets *value if found, else 0. */
int an_strmap_get(const an_strmap *m, const char *key, size_t len,
                  uint32_t *value);
/*
 * Inserts key -> value if absent.  Returns 1 if inserted, 0 if it was
 * there already (then *existing, if not NULL, gets the old value), -1 when
 * out of memory.
 */
int an_strmap_put(an_strmap *m, const char *key, size_t len, uint32_t value,
                  uint32_t *existing);
/*
 * For many inserts in a row: an_strmap_put with the key's hash
 * (an_hash(key, len)) given, and the fetch of the slot a hash starts at,
 * issued a few keys ahead so that the cache misses of a large map
 * overlap.
 */
int an_strmap_put_hashed(an_strmap *m, const char *key, size_t len,
                         uint64_t hash, uint32_t value, uint32_t *existing);
void an_strmap_prefetch(const an_strmap *m, uint64_t hash);
/*
 * Makes room for n keys in all, of key_bytes bytes together (0 if not
 * known), so that inserting them rehashes and moves nothing.  0 / -1.
 */
int an_strmap_reserve(an_strmap *m, size_t n, size_t key_bytes);
/* Changes the value of a key that is in the map: 1, or 0 when absent. */
int an_strmap_set(an_strmap *m, const char *key, size_t len, uint32_t value);
void an_strmap_free(an_strmap *m);

/* Fills err (which may be NULL) with a location and a formatted message. */
void an_error_set(actnet_error *err, const char *path, int line, int col,
                  const char *fmt, ...) AN_PRINTF(5, 6);
void an_error_vset(actnet_error *err, const char *path, int line, int col,
                   const char *fmt, va_list ap) AN_PRINTF(5, 0);

/* Levenshtein distance of two short ASCII strings (for "did you mean"). */
size_t an_edit_distance(const char *a, const char *b);

#endif /* ACTNET_UTIL_H */
