/* Smoke test for libcockpit_zenoh: two loopback peers, pub/sub with attachment, query/reply,
 * reply_err, liveliness, key-expression checks, drop-callback accounting.
 * Usage: smoke PORT   (built and run by smoke.sh) */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef void (*czn_drop_cb)(uint64_t ctx);
typedef void (*czn_sample_cb)(uint64_t ctx, const uint8_t *key, size_t keylen, const uint8_t *payload,
                              size_t plen, const uint8_t *att, size_t attlen, const uint8_t *enc,
                              size_t enclen, uint8_t kind, uint8_t priority, uint8_t congestion,
                              uint8_t express, uint64_t timestamp_ntp64);
typedef void (*czn_query_cb)(uint64_t ctx, void *query, const uint8_t *key, size_t keylen,
                             const uint8_t *params, size_t plen, const uint8_t *payload, size_t paylen,
                             const uint8_t *att, size_t attlen, const uint8_t *enc, size_t enclen);
typedef void (*czn_reply_cb)(uint64_t ctx, uint8_t ok, const uint8_t *key, size_t keylen,
                             const uint8_t *payload, size_t plen, const uint8_t *att, size_t attlen,
                             const uint8_t *enc, size_t enclen);

size_t czn_last_error(uint8_t *buf, size_t cap);
int32_t czn_init_log(const uint8_t *level, size_t len);
void *czn_open(const uint8_t *json5, size_t len);
int32_t czn_close(void *session);
size_t czn_zid(void *session, uint8_t *buf, size_t cap);
int32_t czn_keyexpr_canonize(const uint8_t *ke, size_t len, uint8_t *out, size_t cap, size_t *out_len);
int32_t czn_keyexpr_check(const uint8_t *ke, size_t len);
int32_t czn_keyexpr_intersects(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);
int32_t czn_keyexpr_includes(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);
void *czn_declare_publisher(void *session, const uint8_t *ke, size_t kelen, uint8_t priority,
                            uint8_t congestion, uint8_t express, uint8_t reliability,
                            const uint8_t *encoding, size_t enclen);
int32_t czn_publisher_put(void *publisher, const uint8_t *payload, size_t len, const uint8_t *att,
                          size_t attlen, const uint8_t *enc, size_t enclen);
int32_t czn_publisher_delete(void *publisher);
int32_t czn_undeclare_publisher(void *publisher);
int32_t czn_put(void *session, const uint8_t *ke, size_t kelen, const uint8_t *payload, size_t len,
                const uint8_t *att, size_t attlen, const uint8_t *enc, size_t enclen, uint8_t priority,
                uint8_t congestion, uint8_t express);
void *czn_declare_subscriber(void *session, const uint8_t *ke, size_t kelen, uint64_t ctx,
                             czn_sample_cb cb, czn_drop_cb drop);
int32_t czn_undeclare_subscriber(void *subscriber);
void *czn_declare_queryable(void *session, const uint8_t *ke, size_t kelen, uint8_t complete,
                            uint64_t ctx, czn_query_cb cb, czn_drop_cb drop);
int32_t czn_undeclare_queryable(void *queryable);
int32_t czn_query_reply(void *query, const uint8_t *ke, size_t kelen, const uint8_t *payload, size_t len,
                        const uint8_t *att, size_t attlen, const uint8_t *enc, size_t enclen);
int32_t czn_query_reply_err(void *query, const uint8_t *payload, size_t len, const uint8_t *enc,
                            size_t enclen);
void czn_query_drop(void *query);
int32_t czn_get(void *session, const uint8_t *selector, size_t sellen, const uint8_t *payload, size_t len,
                const uint8_t *att, size_t attlen, const uint8_t *enc, size_t enclen, uint64_t timeout_ms,
                uint8_t target, uint8_t consolidation, uint64_t ctx, czn_reply_cb cb, czn_drop_cb drop);
void *czn_liveliness_declare_token(void *session, const uint8_t *ke, size_t kelen);
int32_t czn_liveliness_undeclare_token(void *token);
void *czn_liveliness_declare_subscriber(void *session, const uint8_t *ke, size_t kelen, uint8_t history,
                                        uint64_t ctx, czn_sample_cb cb, czn_drop_cb drop);
int32_t czn_liveliness_get(void *session, const uint8_t *ke, size_t kelen, uint64_t timeout_ms,
                           uint64_t ctx, czn_reply_cb cb, czn_drop_cb drop);

/* ---------------------------------------------------------------------------------------- */

#define S(lit) (const uint8_t *)(lit), strlen(lit)
#define MAXCTX 64

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int drops[MAXCTX];
static int failures;

#define CHECK(cond, ...)                                                                          \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                      \
            fprintf(stderr, __VA_ARGS__);                                                         \
            fprintf(stderr, "\n");                                                                \
            failures++;                                                                           \
        }                                                                                         \
    } while (0)

static const char *last_error(void) {
    static char buf[1024];
    size_t n = czn_last_error((uint8_t *)buf, sizeof buf - 1);
    buf[n < sizeof buf - 1 ? n : sizeof buf - 1] = 0;
    return buf;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_drop(uint64_t ctx) {
    pthread_mutex_lock(&mu);
    if (ctx < MAXCTX) drops[ctx]++;
    pthread_mutex_unlock(&mu);
}

static int drop_count(uint64_t ctx) {
    pthread_mutex_lock(&mu);
    int n = drops[ctx];
    pthread_mutex_unlock(&mu);
    return n;
}

/* Polls *flag (under mu) until non-zero or timeout; returns its value. */
static int wait_flag(volatile int *flag, double timeout_s) {
    double end = now_s() + timeout_s;
    for (;;) {
        pthread_mutex_lock(&mu);
        int v = *flag;
        pthread_mutex_unlock(&mu);
        if (v || now_s() > end) return v;
        usleep(10000);
    }
}

/* A copied-out sample. */
typedef struct {
    int count;
    char key[256];
    uint8_t payload[256];
    size_t plen;
    int has_att;
    uint8_t att[256];
    size_t attlen;
    char enc[128];
    uint8_t kind, prio, cong, express;
    uint64_t ts;
} rec_t;

static void copy_str(char *dst, size_t cap, const uint8_t *src, size_t len) {
    if (len >= cap) len = cap - 1;
    memcpy(dst, src, len);
    dst[len] = 0;
}

static rec_t sub_rec;      /* ctx 1: data subscriber (last sample) */
static int local_count;    /* ctx 6: same-session subscriber */
static pthread_t local_thread;
static int sub_deletes;    /* ctx 1: delete samples seen */
static rec_t live_rec;     /* ctx 5: liveliness subscriber */
static int live_alive, live_gone;

static void on_sample(uint64_t ctx, const uint8_t *key, size_t keylen, const uint8_t *payload, size_t plen,
                      const uint8_t *att, size_t attlen, const uint8_t *enc, size_t enclen, uint8_t kind,
                      uint8_t priority, uint8_t congestion, uint8_t express, uint64_t ts) {
    pthread_mutex_lock(&mu);
    if (ctx == 6) {
        local_count++;
        local_thread = pthread_self();
        pthread_mutex_unlock(&mu);
        return;
    }
    rec_t *r = ctx == 1 ? &sub_rec : &live_rec;
    r->count++;
    copy_str(r->key, sizeof r->key, key, keylen);
    r->plen = plen < sizeof r->payload ? plen : sizeof r->payload;
    memcpy(r->payload, payload, r->plen);
    r->has_att = att != NULL;
    r->attlen = att ? (attlen < sizeof r->att ? attlen : sizeof r->att) : 0;
    if (att) memcpy(r->att, att, r->attlen);
    copy_str(r->enc, sizeof r->enc, enc, enclen);
    r->kind = kind;
    r->prio = priority;
    r->cong = congestion;
    r->express = express;
    r->ts = ts;
    if (ctx == 1 && kind == 1) sub_deletes++;
    if (ctx == 5 && kind == 0) live_alive++;
    if (ctx == 5 && kind == 1) live_gone++;
    pthread_mutex_unlock(&mu);
}

/* Queryable (ctx 2): replies "answer:<params>" with attachment "qa", or an error if params has
 * "err". The query is finished (czn_query_drop) inside the callback. */
static int queries_seen;
static char query_payload[64];
static int query_had_payload;

static void on_query(uint64_t ctx, void *query, const uint8_t *key, size_t keylen, const uint8_t *params,
                     size_t plen, const uint8_t *payload, size_t paylen, const uint8_t *att, size_t attlen,
                     const uint8_t *enc, size_t enclen) {
    (void)ctx; (void)key; (void)keylen; (void)att; (void)attlen; (void)enc; (void)enclen;
    char p[128];
    copy_str(p, sizeof p, params, plen);
    pthread_mutex_lock(&mu);
    queries_seen++;
    query_had_payload = payload != NULL;
    if (payload) copy_str(query_payload, sizeof query_payload, payload, paylen);
    pthread_mutex_unlock(&mu);
    int32_t rc;
    if (strstr(p, "err")) {
        rc = czn_query_reply_err(query, S("boom"), S("text/plain"));
    } else {
        char out[160];
        snprintf(out, sizeof out, "answer:%s", p);
        rc = czn_query_reply(query, S("smoke/q/one"), S(out), S("qa"), S("text/plain"));
    }
    if (rc != 0) fprintf(stderr, "reply failed: %d %s\n", rc, last_error());
    czn_query_drop(query);
}

/* Reply collector: one per get ctx (10.. for gets). */
typedef struct {
    int ok_count, err_count;
    char key[128];
    char payload[128];
    int has_att;
    char att[64];
    char enc[64];
} replies_t;
static replies_t replies[MAXCTX];

static void on_reply(uint64_t ctx, uint8_t ok, const uint8_t *key, size_t keylen, const uint8_t *payload,
                     size_t plen, const uint8_t *att, size_t attlen, const uint8_t *enc, size_t enclen) {
    pthread_mutex_lock(&mu);
    replies_t *r = &replies[ctx];
    if (ok) r->ok_count++; else r->err_count++;
    copy_str(r->key, sizeof r->key, key, keylen);
    copy_str(r->payload, sizeof r->payload, payload, plen);
    r->has_att = att != NULL;
    if (att) copy_str(r->att, sizeof r->att, att, attlen);
    copy_str(r->enc, sizeof r->enc, enc, enclen);
    pthread_mutex_unlock(&mu);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *port = argv[1];
    if (getenv("CZN_LOG")) czn_init_log(S(getenv("CZN_LOG")));

    /* --- key expressions ------------------------------------------------------------------ */
    CHECK(czn_keyexpr_check(S("a/b/*")) == 0, "%s", last_error());
    CHECK(czn_keyexpr_check(S("a//b")) < 0, "a//b accepted");
    CHECK(strlen(last_error()) > 0, "empty error for a//b");
    printf("a//b -> %s\n", last_error());
    uint8_t canon[64];
    size_t canon_len = 0;
    CHECK(czn_keyexpr_canonize(S("a/**/**/b"), canon, sizeof canon, &canon_len) == 0, "%s", last_error());
    CHECK(canon_len == 6 && memcmp(canon, "a/**/b", 6) == 0, "canon %.*s", (int)canon_len, canon);
    CHECK(czn_keyexpr_canonize(S("a//b"), canon, sizeof canon, &canon_len) < 0, "canonize a//b ok");
    CHECK(czn_keyexpr_intersects(S("a/*"), S("a/b")) == 1, "intersects");
    CHECK(czn_keyexpr_intersects(S("a/*"), S("b/c")) == 0, "not intersects");
    CHECK(czn_keyexpr_includes(S("a/**"), S("a/b/c")) == 1, "includes");
    CHECK(czn_keyexpr_includes(S("a/b"), S("a/*")) == 0, "not includes");
    CHECK(czn_keyexpr_includes(S("a//b"), S("a/*")) < 0, "includes invalid");

    /* --- sessions ------------------------------------------------------------------------- */
    char cfg_a[512], cfg_b[512];
    snprintf(cfg_a, sizeof cfg_a,
             "{mode:\"peer\", listen:{endpoints:[\"tcp/127.0.0.1:%s\"]},"
             " scouting:{multicast:{enabled:false}, gossip:{enabled:false}}}", port);
    snprintf(cfg_b, sizeof cfg_b,
             "{mode:\"peer\", connect:{endpoints:[\"tcp/127.0.0.1:%s\"]},"
             " scouting:{multicast:{enabled:false}, gossip:{enabled:false}}}", port);
    CHECK(czn_open(S("{mode:")) == NULL, "bad config accepted");
    CHECK(strlen(last_error()) > 0, "empty error for bad config");
    void *a = czn_open(S(cfg_a));
    CHECK(a != NULL, "open A: %s", last_error());
    void *b = czn_open(S(cfg_b));
    CHECK(b != NULL, "open B: %s", last_error());
    if (!a || !b) return 1;
    char zid[64];
    size_t zl = czn_zid(a, (uint8_t *)zid, sizeof zid - 1);
    zid[zl < sizeof zid ? zl : sizeof zid - 1] = 0;
    CHECK(zl > 0, "empty zid");
    printf("zid A = %s\n", zid);

    /* invalid key on declare: NULL + error, and drop fires exactly once */
    CHECK(czn_declare_subscriber(b, S("a//b"), 30, on_sample, on_drop) == NULL, "declare a//b ok");
    CHECK(strlen(last_error()) > 0, "empty error for declare a//b");
    CHECK(drop_count(30) == 1, "drop on failed declare: %d", drop_count(30));
    CHECK(czn_put(a, S("a//b"), S("x"), NULL, 0, NULL, 0, 5, 0, 0) < 0, "put a//b ok");
    CHECK(czn_put(a, S("a/b"), S("x"), NULL, 0, NULL, 0, 9, 0, 0) == -2, "priority 9 accepted");

    /* --- pub/sub -------------------------------------------------------------------------- */
    void *sub = czn_declare_subscriber(b, S("smoke/data/**"), 1, on_sample, on_drop);
    CHECK(sub != NULL, "declare subscriber: %s", last_error());
    void *pub = czn_declare_publisher(a, S("smoke/data/x"), 4, 1, 1, 1, S("application/octet-stream"));
    CHECK(pub != NULL, "declare publisher: %s", last_error());
    static const uint8_t payload[] = {0x00, 0x01, 0xfe, 0xff, 'h', 'i', 0x00, 0x7f};
    static const uint8_t att[] = {'m', 'e', 't', 'a', 0x00, 0x42};
    double t0 = now_s();
    int got = 0;
    while (!got && now_s() - t0 < 5.0) {
        CHECK(czn_publisher_put(pub, payload, sizeof payload, att, sizeof att, NULL, 0) == 0, "put: %s",
              last_error());
        got = wait_flag(&sub_rec.count, 0.1);
    }
    printf("pub/sub first delivery after %.0f ms\n", (now_s() - t0) * 1000);
    pthread_mutex_lock(&mu);
    CHECK(got, "no sample within 5 s");
    CHECK(strcmp(sub_rec.key, "smoke/data/x") == 0, "key %s", sub_rec.key);
    CHECK(sub_rec.plen == sizeof payload && memcmp(sub_rec.payload, payload, sizeof payload) == 0,
          "payload mismatch (len %zu)", sub_rec.plen);
    CHECK(sub_rec.has_att && sub_rec.attlen == sizeof att && memcmp(sub_rec.att, att, sizeof att) == 0,
          "attachment mismatch");
    CHECK(strcmp(sub_rec.enc, "application/octet-stream") == 0, "enc %s", sub_rec.enc);
    CHECK(sub_rec.kind == 0 && sub_rec.prio == 4 && sub_rec.cong == 1 && sub_rec.express == 1,
          "kind %d prio %d cong %d express %d", sub_rec.kind, sub_rec.prio, sub_rec.cong, sub_rec.express);
    int before = sub_rec.count;
    pthread_mutex_unlock(&mu);

    /* one-shot put: no attachment, empty payload, explicit encoding */
    CHECK(czn_put(a, S("smoke/data/y"), (const uint8_t *)"", 0, NULL, 0, S("text/plain;utf8"), 5, 0, 0) == 0,
          "czn_put: %s", last_error());
    t0 = now_s();
    for (;;) {
        pthread_mutex_lock(&mu);
        int ok = sub_rec.count > before && strcmp(sub_rec.key, "smoke/data/y") == 0;
        pthread_mutex_unlock(&mu);
        if (ok || now_s() - t0 > 5.0) break;
        usleep(10000);
    }
    pthread_mutex_lock(&mu);
    CHECK(strcmp(sub_rec.key, "smoke/data/y") == 0, "one-shot put not received (key %s)", sub_rec.key);
    CHECK(!sub_rec.has_att, "attachment should be absent");
    CHECK(sub_rec.plen == 0, "payload should be empty");
    CHECK(strcmp(sub_rec.enc, "text/plain;utf8") == 0, "enc %s", sub_rec.enc);
    CHECK(sub_rec.prio == 5 && sub_rec.cong == 0, "prio %d cong %d", sub_rec.prio, sub_rec.cong);
    pthread_mutex_unlock(&mu);

    CHECK(czn_publisher_delete(pub) == 0, "delete: %s", last_error());
    CHECK(wait_flag(&sub_deletes, 5.0), "no delete sample");

    CHECK(czn_undeclare_publisher(pub) == 0, "undeclare publisher: %s", last_error());
    CHECK(czn_undeclare_subscriber(sub) == 0, "undeclare subscriber: %s", last_error());
    t0 = now_s();
    while (drop_count(1) == 0 && now_s() - t0 < 5.0) usleep(10000);
    CHECK(drop_count(1) == 1, "subscriber drop count %d", drop_count(1));

    /* same-session delivery: report on which thread the callback ran */
    void *lsub6 = czn_declare_subscriber(a, S("smoke/local"), 6, on_sample, on_drop);
    CHECK(lsub6 != NULL, "local subscriber: %s", last_error());
    CHECK(czn_put(a, S("smoke/local"), S("l"), NULL, 0, NULL, 0, 5, 0, 0) == 0, "local put: %s", last_error());
    pthread_mutex_lock(&mu);
    int local_now = local_count;
    int local_same = local_now && pthread_equal(local_thread, pthread_self());
    pthread_mutex_unlock(&mu);
    CHECK(wait_flag(&local_count, 5.0), "local sample not received");
    printf("same-session put: delivered %s, on %s thread\n", local_now ? "before put returned" : "later",
           local_same ? "the caller's" : "a zenoh");
    printf("sample timestamp: %llu\n", (unsigned long long)sub_rec.ts);
    CHECK(czn_undeclare_subscriber(lsub6) == 0, "undeclare local: %s", last_error());
    CHECK(drop_count(6) == 1, "local sub drop (sync) count %d", drop_count(6));

    /* --- query/reply ---------------------------------------------------------------------- */
    void *qbl = czn_declare_queryable(a, S("smoke/q/*"), 1, 2, on_query, on_drop);
    CHECK(qbl != NULL, "declare queryable: %s", last_error());
    int gctx = 10, answered = 0;
    t0 = now_s();
    while (!answered && now_s() - t0 < 5.0 && gctx < 40) {
        int rc = czn_get(b, S("smoke/q/one?x=1"), S("qpayload"), S("gatt"), S("text/plain"), 2000, 1, 0,
                         gctx, on_reply, on_drop);
        CHECK(rc == 0, "get: %d %s", rc, last_error());
        /* drop fires once after the final reply (or timeout) */
        double t1 = now_s();
        while (drop_count(gctx) == 0 && now_s() - t1 < 3.0) usleep(10000);
        CHECK(drop_count(gctx) == 1, "get ctx %d drop count %d", gctx, drop_count(gctx));
        pthread_mutex_lock(&mu);
        answered = replies[gctx].ok_count > 0;
        pthread_mutex_unlock(&mu);
        if (!answered) { gctx++; usleep(100000); }
    }
    printf("query answered after %.0f ms (%d gets)\n", (now_s() - t0) * 1000, gctx - 9);
    pthread_mutex_lock(&mu);
    CHECK(answered, "no reply within 5 s");
    CHECK(replies[gctx].ok_count == 1, "ok_count %d", replies[gctx].ok_count);
    CHECK(strcmp(replies[gctx].key, "smoke/q/one") == 0, "reply key %s", replies[gctx].key);
    CHECK(strcmp(replies[gctx].payload, "answer:x=1") == 0, "reply payload %s", replies[gctx].payload);
    CHECK(replies[gctx].has_att && strcmp(replies[gctx].att, "qa") == 0, "reply att");
    CHECK(strcmp(replies[gctx].enc, "text/plain") == 0, "reply enc %s", replies[gctx].enc);
    CHECK(query_had_payload && strcmp(query_payload, "qpayload") == 0, "query payload %s", query_payload);
    pthread_mutex_unlock(&mu);

    /* error reply */
    int ectx = 41;
    CHECK(czn_get(b, S("smoke/q/one?err=1"), NULL, 0, NULL, 0, NULL, 0, 2000, 0, 0, ectx, on_reply, on_drop) == 0,
          "get err: %s", last_error());
    t0 = now_s();
    while (drop_count(ectx) == 0 && now_s() - t0 < 5.0) usleep(10000);
    CHECK(drop_count(ectx) == 1, "err get drop");
    pthread_mutex_lock(&mu);
    CHECK(replies[ectx].err_count == 1 && strcmp(replies[ectx].payload, "boom") == 0 &&
              replies[ectx].key[0] == 0 && !replies[ectx].has_att,
          "err reply: %d '%s'", replies[ectx].err_count, replies[ectx].payload);
    pthread_mutex_unlock(&mu);

    /* invalid selector: error, drop fired synchronously */
    CHECK(czn_get(b, S("a//b"), NULL, 0, NULL, 0, NULL, 0, 1000, 0, 0, 42, on_reply, on_drop) < 0,
          "get a//b ok");
    CHECK(strlen(last_error()) > 0, "empty error for get a//b");
    CHECK(drop_count(42) == 1, "drop on failed get: %d", drop_count(42));

    CHECK(czn_undeclare_queryable(qbl) == 0, "undeclare queryable: %s", last_error());
    t0 = now_s();
    while (drop_count(2) == 0 && now_s() - t0 < 5.0) usleep(10000);
    CHECK(drop_count(2) == 1, "queryable drop count %d", drop_count(2));

    /* --- liveliness ----------------------------------------------------------------------- */
    void *lsub = czn_liveliness_declare_subscriber(b, S("smoke/alive/**"), 0, 5, on_sample, on_drop);
    CHECK(lsub != NULL, "liveliness subscriber: %s", last_error());
    usleep(100000);
    void *tok = czn_liveliness_declare_token(a, S("smoke/alive/a"));
    CHECK(tok != NULL, "token: %s", last_error());
    CHECK(wait_flag(&live_alive, 5.0), "token not seen alive");
    pthread_mutex_lock(&mu);
    CHECK(strcmp(live_rec.key, "smoke/alive/a") == 0 && live_rec.kind == 0, "live key %s kind %d", live_rec.key,
          live_rec.kind);
    pthread_mutex_unlock(&mu);

    int lctx = 43;
    CHECK(czn_liveliness_get(b, S("smoke/alive/**"), 2000, lctx, on_reply, on_drop) == 0, "liveliness get: %s",
          last_error());
    t0 = now_s();
    while (drop_count(lctx) == 0 && now_s() - t0 < 5.0) usleep(10000);
    CHECK(drop_count(lctx) == 1, "liveliness get drop");
    pthread_mutex_lock(&mu);
    CHECK(replies[lctx].ok_count == 1 && strcmp(replies[lctx].key, "smoke/alive/a") == 0,
          "liveliness get: %d '%s'", replies[lctx].ok_count, replies[lctx].key);
    pthread_mutex_unlock(&mu);

    CHECK(czn_liveliness_undeclare_token(tok) == 0, "undeclare token: %s", last_error());
    CHECK(wait_flag(&live_gone, 5.0), "token not seen gone");
    CHECK(czn_undeclare_subscriber(lsub) == 0, "undeclare liveliness sub: %s", last_error());
    t0 = now_s();
    while (drop_count(5) == 0 && now_s() - t0 < 5.0) usleep(10000);
    CHECK(drop_count(5) == 1, "liveliness sub drop count %d", drop_count(5));

    /* --- teardown ------------------------------------------------------------------------- */
    CHECK(czn_undeclare_subscriber(NULL) == -2, "NULL handle");
    /* closing a session with a live subscriber/queryable/token, then undeclaring them afterwards */
    void *sub7 = czn_declare_subscriber(b, S("smoke/late/**"), 7, on_sample, on_drop);
    void *q8 = czn_declare_queryable(b, S("smoke/late/q"), 0, 8, on_query, on_drop);
    void *tok9 = czn_liveliness_declare_token(b, S("smoke/late/t"));
    void *pub9 = czn_declare_publisher(b, S("smoke/late/p"), 5, 0, 0, 1, NULL, 0);
    CHECK(sub7 && q8 && tok9 && pub9, "late declares: %s", last_error());
    CHECK(czn_close(b) == 0, "close B: %s", last_error());
    printf("after close: drops sub=%d queryable=%d\n", drop_count(7), drop_count(8));
    int r1 = czn_undeclare_subscriber(sub7);
    printf("undeclare sub after close: %d %s\n", r1, r1 ? last_error() : "");
    int r2 = czn_undeclare_queryable(q8);
    printf("undeclare queryable after close: %d %s\n", r2, r2 ? last_error() : "");
    int r3 = czn_liveliness_undeclare_token(tok9);
    printf("undeclare token after close: %d %s\n", r3, r3 ? last_error() : "");
    int r4 = czn_publisher_put(pub9, S("x"), NULL, 0, NULL, 0);
    printf("put on publisher after close: %d %s\n", r4, r4 ? last_error() : "");
    int r5 = czn_undeclare_publisher(pub9);
    printf("undeclare publisher after close: %d %s\n", r5, r5 ? last_error() : "");
    CHECK(drop_count(7) == 1 && drop_count(8) == 1, "late drops %d %d", drop_count(7), drop_count(8));
    CHECK(czn_close(a) == 0, "close A: %s", last_error());
    for (int i = 0; i < MAXCTX; i++) CHECK(drops[i] <= 1, "ctx %d dropped %d times", i, drops[i]);

    if (failures) {
        fprintf(stderr, "smoke: %d failure(s)\n", failures);
        return 1;
    }
    printf("smoke: OK\n");
    return 0;
}
