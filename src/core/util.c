/*
 * util.c — growable arrays, byte buffers, hashing, the string map and
 * error records used by every stage.  See util.h.
 */
#include "core/util.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct an_strmap_slot {
    uint64_t hash;    /* 0 marks an empty slot */
    size_t key;       /* offset of the key in keys */
    uint32_t len;
    uint32_t value;
};

int an_reserve(void **ptr, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (elsize && ncap > SIZE_MAX / elsize)
        return -1;
    void *p = realloc(*ptr, ncap * elsize);
    if (!p)
        return -1;
    *ptr = p;
    *cap = ncap;
    return 0;
}

void an_hint_huge(void *p, size_t size)
{
#if defined(MADV_HUGEPAGE)
    static uintptr_t page;
    if (!p || size < ((size_t)4 << 20))
        return;
    if (!page) {
        long ps = sysconf(_SC_PAGESIZE);
        page = ps > 0 ? (uintptr_t)ps : 4096;
    }
    /* The pages the block touches, not only the huge pages inside it: a
     * large block is a mapping of its own, and advising all of it keeps
     * it one mapping, which realloc can still move without copying. */
    uintptr_t a = (uintptr_t)p & ~(page - 1);
    uintptr_t e = ((uintptr_t)p + size + page - 1) & ~(page - 1);
    (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

int an_reserve_huge(void **ptr, size_t *cap, size_t need, size_t elsize)
{
    size_t old = *cap;
    if (an_reserve(ptr, cap, need, elsize))
        return -1;
    if (*cap != old)
        an_hint_huge(*ptr, *cap * elsize);
    return 0;
}

int an_buf_append(an_buf *b, const void *data, size_t len)
{
    if (len > SIZE_MAX - b->len - 1)
        return -1;
    if (an_reserve((void **)&b->data, &b->cap, b->len + len + 1, 1))
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int an_buf_putc(an_buf *b, char c)
{
    return an_buf_append(b, &c, 1);
}

int an_buf_vprintf(an_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0 ||
        an_reserve((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1)) {
        va_end(again);
        return -1;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
    va_end(again);
    b->len += (size_t)n;
    return 0;
}

int an_buf_printf(an_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = an_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

int an_buf_terminate(an_buf *b)
{
    if (an_reserve((void **)&b->data, &b->cap, b->len + 1, 1))
        return -1;
    b->data[b->len] = '\0';
    return 0;
}

void an_buf_free(an_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Arena chunks: a header, then the room handed out.  Chunks double from
 * 64 KiB to 8 MiB: small rule sets stay small, large ones get few large
 * chunks (hinted to huge pages). */
#define AN_ARENA_FIRST ((size_t)64 << 10)
#define AN_ARENA_MAX ((size_t)8 << 20)
struct an_arena_chunk {
    struct an_arena_chunk *prev;
    size_t room;
    max_align_t align[];            /* the room starts aligned */
};

/* n bytes at the given alignment (a power of two) from a. */
static void *arena_take(an_arena *a, size_t n, size_t align)
{
    uintptr_t at = ((uintptr_t)a->next + (align - 1)) &
                   ~(uintptr_t)(align - 1);
    if (a->next && at <= (uintptr_t)a->end &&
        n <= (size_t)((uintptr_t)a->end - at)) {
        a->next = (char *)at + n;
        return (char *)at;
    }
    /* a new chunk; a large block gets one of its own, so that the room
     * left in the current chunk is not lost */
    size_t size = !a->chunks ? AN_ARENA_FIRST
                : a->chunks->room < AN_ARENA_MAX ? 2 * a->chunks->room
                : AN_ARENA_MAX;
    int own = n > size / 4;
    size_t room = own ? n : size;
    if (room > SIZE_MAX - sizeof(struct an_arena_chunk))
        return NULL;
    struct an_arena_chunk *c = malloc(sizeof(*c) + room);
    if (!c)
        return NULL;
    c->room = room;
    if (!own)
        an_hint_huge(c, sizeof(*c) + room);
    char *data = (char *)c->align;
    if (own && a->chunks) {
        /* behind the newest chunk, which keeps its room */
        c->prev = a->chunks->prev;
        a->chunks->prev = c;
        return data;
    }
    c->prev = a->chunks;
    a->chunks = c;
    a->next = data + n;
    a->end = data + room;
    return data;
}

void *an_arena_alloc(an_arena *a, size_t size)
{
    return arena_take(a, size ? size : 1, _Alignof(max_align_t));
}

char *an_arena_strndup(an_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = arena_take(a, n + 1, 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void an_arena_free(an_arena *a)
{
    struct an_arena_chunk *c = a->chunks;
    while (c) {
        struct an_arena_chunk *prev = c->prev;
        free(c);
        c = prev;
    }
    memset(a, 0, sizeof(*a));
}

char *an_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *an_strdup(const char *s)
{
    return s ? an_strndup(s, strlen(s)) : NULL;
}

/* A 64-bit multiply-xorshift hash over 8-byte words; good spread for
 * short keys such as tokens, which is what it is used for. */
uint64_t an_hash(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (len * 0xff51afd7ed558ccdull);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h ^= w * 0xbf58476d1ce4e5b9ull;
        h = (h << 27 | h >> 37) * 0x94d049bb133111ebull;
        p += 8;
        len -= 8;
    }
    uint64_t w = 0;
    for (size_t i = 0; i < len; i++)
        w |= (uint64_t)p[i] << (8 * i);
    h ^= w * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 29;
    return h ? h : 1;
}

static int strmap_find(const an_strmap *m, const char *key, size_t len,
                       uint64_t h, size_t *slot)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)h & mask;
    for (;;) {
        const struct an_strmap_slot *s = &m->slots[i];
        if (s->hash == 0) {
            *slot = i;
            return 0;
        }
        if (s->hash == h && s->len == len &&
            memcmp(m->keys.data + s->key, key, len) == 0) {
            *slot = i;
            return 1;
        }
        i = (i + 1) & mask;
    }
}

int an_strmap_get(const an_strmap *m, const char *key, size_t len,
                  uint32_t *value)
{
    if (!m->cap)
        return 0;
    size_t slot;
    if (!strmap_find(m, key, len, an_hash(key, len), &slot))
        return 0;
    if (value)
        *value = m->slots[slot].value;
    return 1;
}

/* Rehashes m into ncap slots (a power of two that holds every key);
 * huge: the new table is hinted to huge pages before it is touched. */
static int strmap_rehash(an_strmap *m, size_t ncap, int huge)
{
    struct an_strmap_slot *ns = calloc(ncap, sizeof(*ns));
    if (!ns)
        return -1;
    if (huge)
        an_hint_huge(ns, ncap * sizeof(*ns));
    for (size_t i = 0; i < m->cap; i++) {
        struct an_strmap_slot *s = &m->slots[i];
        if (!s->hash)
            continue;
        size_t j = (size_t)s->hash & (ncap - 1);
        while (ns[j].hash)
            j = (j + 1) & (ncap - 1);
        ns[j] = *s;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    return 0;
}

static int strmap_grow(an_strmap *m)
{
    return strmap_rehash(m, m->cap ? m->cap * 2 : 64, 0);
}

int an_strmap_reserve(an_strmap *m, size_t n, size_t key_bytes)
{
    size_t ncap = m->cap ? m->cap : 64;
    while ((n + 1) > ncap / 4 * 3) {
        if (ncap > SIZE_MAX / 2 / sizeof(struct an_strmap_slot))
            return -1;
        ncap *= 2;
    }
    /* a map sized for many keys at once is a large one */
    if (ncap > m->cap && strmap_rehash(m, ncap, 1))
        return -1;
    /* each key is kept with a NUL */
    if (key_bytes > SIZE_MAX - m->keys.len - n - 1 ||
        an_reserve((void **)&m->keys.data, &m->keys.cap,
                   m->keys.len + key_bytes + n + 1, 1))
        return -1;
    return 0;
}

int an_strmap_put(an_strmap *m, const char *key, size_t len, uint32_t value,
                  uint32_t *existing)
{
    return an_strmap_put_hashed(m, key, len, an_hash(key, len), value,
                                existing);
}

void an_strmap_prefetch(const an_strmap *m, uint64_t hash)
{
    if (m->cap)
        __builtin_prefetch(&m->slots[(size_t)hash & (m->cap - 1)]);
}

int an_strmap_put_hashed(an_strmap *m, const char *key, size_t len,
                         uint64_t h, uint32_t value, uint32_t *existing)
{
    if (len > UINT32_MAX)
        return -1;
    if ((m->count + 1) * 4 > m->cap * 3 && strmap_grow(m))
        return -1;
    size_t slot;
    if (strmap_find(m, key, len, h, &slot)) {
        if (existing)
            *existing = m->slots[slot].value;
        return 0;
    }
    size_t off = m->keys.len;
    if (an_buf_append(&m->keys, key, len) || an_buf_putc(&m->keys, '\0'))
        return -1;
    struct an_strmap_slot *s = &m->slots[slot];
    s->hash = h;
    s->key = off;
    s->len = (uint32_t)len;
    s->value = value;
    m->count++;
    return 1;
}

int an_strmap_set(an_strmap *m, const char *key, size_t len, uint32_t value)
{
    if (!m->cap)
        return 0;
    size_t slot;
    if (!strmap_find(m, key, len, an_hash(key, len), &slot))
        return 0;
    m->slots[slot].value = value;
    return 1;
}

void an_strmap_free(an_strmap *m)
{
    free(m->slots);
    an_buf_free(&m->keys);
    memset(m, 0, sizeof(*m));
}

void actnet_error_clear(actnet_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

void an_error_vset(actnet_error *err, const char *path, int line, int col,
                   const char *fmt, va_list ap)
{
    if (!err)
        return;
    snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
    err->line = line;
    err->column = col;
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
}

void an_error_set(actnet_error *err, const char *path, int line, int col,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    an_error_vset(err, path, line, col, fmt, ap);
    va_end(ap);
}

const char *actnet_status_string(actnet_status status)
{
    switch (status) {
    case ACTNET_OK: return "ok";
    case ACTNET_DONE: return "done";
    case ACTNET_ERR_NOMEM: return "out of memory";
    case ACTNET_ERR_IO: return "input/output error";
    case ACTNET_ERR_RULES: return "invalid rules";
    case ACTNET_ERR_DATA: return "invalid data";
    case ACTNET_ERR_USAGE: return "invalid usage";
    }
    return "unknown status";
}

const char *actnet_entity_type_name(actnet_entity_type type)
{
    switch (type) {
    case ACTNET_PERSON: return "person";
    case ACTNET_ORGANISATION: return "organisation";
    case ACTNET_COUNTRY: return "country";
    case ACTNET_PLACE: return "place";
    }
    return "unknown";
}

const char *actnet_via_name(actnet_via via)
{
    switch (via) {
    case ACTNET_VIA_ALIAS: return "alias";
    case ACTNET_VIA_ADJECTIVE: return "adjective";
    case ACTNET_VIA_METONYM: return "metonym";
    case ACTNET_VIA_AGENT: return "agent";
    case ACTNET_VIA_PATTERN: return "pattern";
    case ACTNET_VIA_SURNAME: return "surname";
    case ACTNET_VIA_ACRONYM: return "acronym";
    }
    return "unknown";
}

size_t an_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return la > lb ? la : lb;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = prev + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

/* The public buffer (actnet.h): the same functions under their exported
 * names. */
void actnet_buffer_init(actnet_buffer *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void actnet_buffer_finish(actnet_buffer *b)
{
    an_buf_free(b);
}

int actnet_buffer_append(actnet_buffer *b, const void *data, size_t len)
{
    return an_buf_append(b, data, len);
}

int actnet_buffer_putc(actnet_buffer *b, char c)
{
    return an_buf_append(b, &c, 1);
}

int actnet_buffer_printf(actnet_buffer *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = an_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}
