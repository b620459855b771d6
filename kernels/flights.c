/* flights.c: kernel and C-only variant of the `flights` scenario.
 *
 * The kernel (gb_flights_*) checks and enriches one offer, for the
 * extension and for the C-only handler.  The C-only handler does what
 * pyref/flights.py does from the bytes on: jansson parses the request, the
 * kernel walks each offer, qsort ranks the matches, and the response is
 * written by hand so its bytes are exactly those json.dumps and orjson
 * write (compact, keys in order, integers only, UTF-8 unescaped).
 */
#define _POSIX_C_SOURCE 200809L

#include "flights.h"

#include "flights/reader.h"
#include "gb_cache.h"
#include "gb_kernel.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the kernel ---------------------------------------------------------- */

static const struct { const char *code; long long ppm; } rates[] = {
    {"EUR", 1000000}, {"USD", 920000}, {"GBP", 1170000}, {"CHF", 1040000},
    {"PLN", 232000},  {"SEK", 88000},  {"JPY", 6100},
};

static int text_is(gb_flights_text t, const char *s)
{
    return strlen(s) == t.len && memcmp(t.s, s, t.len) == 0;
}

static int text_eq(gb_flights_text a, gb_flights_text b)
{
    return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

/* Rate of a currency in parts per million of a euro, or -1 if unknown. */
static long long rate_ppm(gb_flights_text currency)
{
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++)
        if (text_is(currency, rates[i].code))
            return rates[i].ppm;
    return -1;
}

/* Floor division, as Python's //, for the rounding to agree on negatives. */
static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* x rounded half to even, as Python's round() on a float: 100.125 * 100
 * is 10012.5 exactly and becomes 10012 (llround would give 10013).  The
 * converters keep |amount| below GB_FLIGHTS_AMOUNT_LIMIT, so it fits. */
static long long round_half_even(double x)
{
    double whole = floor(x), rest = x - whole; /* exact for |x| < 2^52 */
    if (rest > 0.5 || (rest == 0.5 && fmod(whole, 2.0) != 0.0))
        whole += 1.0;
    return (long long)whole;
}

static long long eur_cents(double amount, long long ppm)
{
    return floor_div(round_half_even(amount * 100.0) * ppm + 500000, 1000000);
}

int gb_flights_amount_ok(double amount)
{
    return amount > -GB_FLIGHTS_AMOUNT_LIMIT && amount < GB_FLIGHTS_AMOUNT_LIMIT;
}

/* Days from 1970-01-01 to a proleptic Gregorian date (era arithmetic). */
static long long days_from_civil(long long y, long long m, long long d)
{
    y -= m <= 2;
    long long era = floor_div(y, 400);
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(long long y, long long m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads `width` digits at s into *out; -1 if any is not a digit. */
static int digits(const char *s, int width, long long *out)
{
    long long v = 0;
    for (int i = 0; i < width; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int gb_flights_parse_time(gb_flights_text t, long long *seconds)
{
    const char *s = t.s;
    long long y, mo, d, h, mi, se, oh = 0, om = 0;
    if (t.len < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
        digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) || digits(s + 17, 2, &se))
        return -1;
    /* a real calendar day, as datetime.fromisoformat demands: no 30 February */
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
        se > 59)
        return -1;
    int sign = 0;
    if (t.len == 20 && s[19] == 'Z')
        sign = 1;
    else if (t.len == 25 && (s[19] == '+' || s[19] == '-') && s[22] == ':' &&
             !digits(s + 20, 2, &oh) && !digits(s + 23, 2, &om) && oh < 24 && om < 60)
        sign = s[19] == '+' ? 1 : -1;
    if (!sign)
        return -1;
    long long local = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60 + se;
    *seconds = local - sign * (oh * 3600 + om * 60);
    return 0;
}

static int reject(gb_flights_reason *why, const char *text, gb_flights_text detail)
{
    why->text = text;
    why->detail = detail;
    return -1;
}

static void note_carrier(const gb_flights_offer *o, gb_flights_values *v, int k)
{
    for (int c = 0; c < v->carriers; c++)
        if (text_eq(o->seg[v->carrier[c]].carrier, o->seg[k].carrier))
            return;
    v->carrier[v->carriers++] = k;
}

/* Times, arrival after departure, no overlap; duration, stops, layover. */
static int walk_segments(const gb_flights_offer *o, gb_flights_values *v, gb_flights_reason *why)
{
    static const gb_flights_text none = {"", 0};
    int k = 0;
    for (int it = 0; it < o->itineraries; it++) {
        long long first = 0, landed = 0;
        for (int start = k; k < o->ends[it]; k++) {
            long long dep, arr;
            if (gb_flights_parse_time(o->seg[k].dep, &dep))
                return reject(why, "invalid field: dep", none);
            if (gb_flights_parse_time(o->seg[k].arr, &arr))
                return reject(why, "invalid field: arr", none);
            if (arr <= dep)
                return reject(why, "arrival before departure", none);
            if (k == start) {
                first = dep;
            } else {
                long long gap = floor_div(dep - landed, 60);
                if (gap < 0)
                    return reject(why, "overlapping segments", none);
                if (!v->has_layover || gap < v->layover)
                    v->layover = gap;
                v->has_layover = 1;
            }
            landed = arr;
            note_carrier(o, v, k);
        }
        v->duration += floor_div(landed - first, 60);
        v->stops += o->ends[it] - (it ? o->ends[it - 1] : 0) - 1;
    }
    return 0;
}

int gb_flights_walk(const gb_flights_offer *o, gb_flights_values *v, gb_flights_reason *why)
{
    static const gb_flights_text none = {"", 0};
    memset(v, 0, sizeof *v);
    if (walk_segments(o, v, why))
        return -1;
    if (o->money[0].amount < 0)
        return reject(why, "negative fare", none);
    for (int i = 0; i < o->moneys; i++) {
        long long ppm = rate_ppm(o->money[i].currency);
        if (ppm < 0)
            return reject(why, "unknown currency: ", o->money[i].currency);
        v->price += eur_cents(o->money[i].amount, ppm);
    }
    long long bags = o->checked_bags < 2 ? o->checked_bags : 2;
    v->score = v->price + 40 * v->duration + 3000 * v->stops - 1500 * bags;
    if (v->has_layover && v->layover < 60)
        v->score += 5000;
    return 0;
}

int gb_flights_fits(const gb_flights_query *q, const gb_flights_values *v, long long seats_left)
{
    return seats_left >= q->passengers && v->stops <= q->max_stops &&
           v->price * q->passengers <= q->max_price_eur_cents;
}

/* ---- the response writer --------------------------------------------------- */

typedef struct outbuf {
    char *p;
    size_t len, cap;
    int failed;
} outbuf;

static void out_bytes(outbuf *b, const char *s, size_t n)
{
    if (b->failed || n == 0) /* an empty buffer's p is NULL: no memcpy from it */
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void out_str(outbuf *b, const char *s)
{
    out_bytes(b, s, strlen(s));
}

static void out_int(outbuf *b, long long v)
{
    char text[32];
    out_bytes(b, text, (size_t)snprintf(text, sizeof text, "%lld", v));
}

/* The inside of a JSON string as json.dumps(ensure_ascii=False) and orjson
 * write it: quote, backslash and controls escaped, UTF-8 as it is. */
static void out_json_chars(outbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
                        : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '\b' ? "\\b"
                        : c == '\f' ? "\\f" : NULL;
        if (esc) {
            out_str(b, esc);
        } else if (c < 0x20) {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out_bytes(b, u, 6);
        } else {
            out_bytes(b, s + i, 1);
        }
    }
}

static void out_json_text(outbuf *b, const char *s, size_t n)
{
    out_bytes(b, "\"", 1);
    out_json_chars(b, s, n);
    out_bytes(b, "\"", 1);
}

/* ---- the C-only handler: jansson in, bytes out ------------------------------ */

static gb_flights_text json_text(const json_t *v)
{
    gb_flights_text t = {json_string_value(v), json_string_length(v)};
    return t;
}

/* The value at key, or NULL after recording "missing field: key". */
static json_t *need(json_t *obj, const char *key, gb_flights_reason *why)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        why->text = "missing field: ";
        why->detail.s = key;
        why->detail.len = strlen(key);
    }
    return v;
}

static int need_keys(json_t *obj, const char *const *keys, gb_flights_reason *why)
{
    for (; *keys; keys++)
        if (!need(obj, *keys, why))
            return -1;
    return 0;
}

static int shape_error(gb_flights_reason *why, const char *text, const char *field)
{
    why->text = text;
    why->detail.s = field;
    why->detail.len = strlen(field);
    return -1;
}

static int convert_money(json_t *m, gb_flights_money *out, gb_flights_reason *why)
{
    json_t *amount = need(m, "amount", why), *currency = amount ? need(m, "currency", why) : NULL;
    if (!currency)
        return -1;
    if (!json_is_number(amount) || !gb_flights_amount_ok(json_number_value(amount)))
        return shape_error(why, "invalid field: ", "amount");
    if (!json_is_string(currency))
        return shape_error(why, "invalid field: ", "currency");
    out->amount = json_number_value(amount);
    out->currency = json_text(currency);
    return 0;
}

static int convert_segments(json_t *itinerary, gb_flights_offer *o, int *k, gb_flights_reason *why)
{
    static const char *const keys[] = {"carrier", "number", "from", "to", "dep", "arr", NULL};
    json_t *segments = need(itinerary, "segments", why);
    if (!segments)
        return -1;
    if (!json_is_array(segments) || json_array_size(segments) == 0)
        return shape_error(why, "empty field: ", "segments");
    size_t i;
    json_t *seg;
    json_array_foreach(segments, i, seg) {
        if (*k >= GB_FLIGHTS_MAX_SEGMENTS)
            return shape_error(why, "too many: ", "segments");
        if (need_keys(seg, keys, why))
            return -1;
        if (!json_is_string(json_object_get(seg, "carrier")))
            return shape_error(why, "invalid field: ", "carrier");
        gb_flights_segment *s = &o->seg[(*k)++];
        s->carrier = json_text(json_object_get(seg, "carrier"));
        s->dep = json_text(json_object_get(seg, "dep"));
        s->arr = json_text(json_object_get(seg, "arr"));
    }
    return 0;
}

/* The parsed offer as a gb_flights_offer, or -1 with the shape's fault. */
static int convert_offer(json_t *offer, gb_flights_offer *o, gb_flights_reason *why)
{
    static const char *const keys[] = {"id", "itineraries", "fare", "taxes", "baggage",
                                       "seats_left", NULL};
    static const char *const bag_keys[] = {"checked", "cabin_kg", NULL};
    if (need_keys(offer, keys, why))
        return -1;
    if (!json_is_string(json_object_get(offer, "id")))
        return shape_error(why, "invalid field: ", "id");
    json_t *itineraries = json_object_get(offer, "itineraries");
    if (json_array_size(itineraries) == 0)
        return shape_error(why, "empty field: ", "itineraries");
    if (json_array_size(itineraries) > GB_FLIGHTS_MAX_ITINERARIES)
        return shape_error(why, "too many: ", "itineraries");
    int k = 0;
    o->itineraries = 0;
    size_t i;
    json_t *it;
    json_array_foreach(itineraries, i, it) {
        if (convert_segments(it, o, &k, why))
            return -1;
        o->ends[o->itineraries++] = k;
    }
    if (convert_money(json_object_get(offer, "fare"), &o->money[0], why))
        return -1;
    json_t *taxes = json_object_get(offer, "taxes"), *tax;
    if (json_array_size(taxes) >= GB_FLIGHTS_MAX_MONEY)
        return shape_error(why, "too many: ", "taxes");
    o->moneys = 1;
    json_array_foreach(taxes, i, tax) {
        if (!need(tax, "code", why) || convert_money(tax, &o->money[o->moneys++], why))
            return -1;
    }
    json_t *baggage = json_object_get(offer, "baggage");
    if (need_keys(baggage, bag_keys, why))
        return -1;
    json_t *checked = json_object_get(baggage, "checked");
    if (!json_is_integer(checked))
        return shape_error(why, "invalid field: ", "checked");
    o->checked_bags = json_integer_value(checked);
    if (!json_is_integer(json_object_get(offer, "seats_left")))
        return shape_error(why, "invalid field: ", "seats_left");
    return 0;
}

typedef struct record {
    long long score;
    gb_flights_text id;
    size_t index;
    long long seats_left;
    gb_flights_values values;
    const char *span;   /* the offer's bytes (streaming handler), to read again */
    size_t span_len;
} record;

static int record_order(const void *pa, const void *pb)
{
    const record *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score < b->score ? -1 : 1;
    size_t n = a->id.len < b->id.len ? a->id.len : b->id.len;
    int c = memcmp(a->id.s, b->id.s, n);
    if (c)
        return c;
    if (a->id.len != b->id.len)
        return a->id.len < b->id.len ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* A parsed local time as Python's isoformat() writes it: UTC is "+00:00". */
static void write_local_time(outbuf *b, gb_flights_text t)
{
    int utc = t.len == 20 || (t.len == 25 && memcmp(t.s + 19, "-00:00", 6) == 0);
    out_str(b, "\"");
    out_bytes(b, t.s, 19);
    if (utc)
        out_str(b, "+00:00");
    else
        out_bytes(b, t.s + 19, t.len - 19);
    out_str(b, "\"");
}

/* One entry of the response; o is the offer converted again (only the top
 * ones are), for its carriers' and first departure's text. */
static void write_entry(outbuf *b, const record *r, const gb_flights_offer *o,
                        const gb_flights_query *q)
{
    out_str(b, "{\"id\":");
    out_json_text(b, r->id.s, r->id.len);
    out_str(b, ",\"total_eur_cents\":");
    out_int(b, r->values.price * q->passengers);
    out_str(b, ",\"duration_min\":");
    out_int(b, r->values.duration);
    out_str(b, ",\"stops\":");
    out_int(b, r->values.stops);
    out_str(b, ",\"min_layover_min\":");
    if (r->values.has_layover)
        out_int(b, r->values.layover);
    else
        out_str(b, "null");
    out_str(b, ",\"carriers\":[");
    for (int c = 0; c < r->values.carriers; c++) {
        if (c)
            out_str(b, ",");
        gb_flights_text t = o->seg[r->values.carrier[c]].carrier;
        out_json_text(b, t.s, t.len);
    }
    out_str(b, "],\"departure\":");
    write_local_time(b, o->seg[0].dep);
    out_str(b, ",\"seats_left\":");
    out_int(b, r->seats_left);
    out_str(b, ",\"score\":");
    out_int(b, r->score);
    out_str(b, "}");
}

/* A rejection; id.s is NULL when the offer's id is not a string. */
static void write_rejection(outbuf *b, size_t *count, gb_flights_text id,
                            const gb_flights_reason *why)
{
    out_str(b, *count ? ",{\"id\":" : "{\"id\":");
    if (id.s)
        out_json_text(b, id.s, id.len);
    else
        out_str(b, "null");
    out_str(b, ",\"reason\":\"");
    out_str(b, why->text);
    out_json_chars(b, why->detail.s, why->detail.len); /* a currency may hold a quote */
    out_str(b, "\"}");
    (*count)++;
}

static int read_query(json_t *root, gb_flights_query *q)
{
    json_t *query = json_object_get(root, "query");
    json_t *f[4] = {json_object_get(query, "passengers"), json_object_get(query, "max_stops"),
                    json_object_get(query, "max_price_eur_cents"), json_object_get(query, "limit")};
    for (int i = 0; i < 4; i++)
        if (!json_is_integer(f[i]))
            return -1;
    q->passengers = json_integer_value(f[0]);
    q->max_stops = json_integer_value(f[1]);
    q->max_price_eur_cents = json_integer_value(f[2]);
    q->limit = json_integer_value(f[3]);
    return 0;
}

/* Walks every offer: rejections straight into `rejected`, matches into recs. */
static size_t rank(json_t *offers, const gb_flights_query *q, record *recs, size_t *matched,
                   outbuf *rejected)
{
    size_t valid = 0, nrejected = 0, i;
    json_t *offer;
    json_array_foreach(offers, i, offer) {
        gb_flights_offer o;
        gb_flights_reason why;
        record *r = &recs[*matched];
        if (convert_offer(offer, &o, &why) || gb_flights_walk(&o, &r->values, &why)) {
            json_t *id = json_object_get(offer, "id");
            gb_flights_text none = {NULL, 0};
            write_rejection(rejected, &nrejected, json_is_string(id) ? json_text(id) : none, &why);
            continue;
        }
        valid++;
        r->seats_left = json_integer_value(json_object_get(offer, "seats_left"));
        if (!gb_flights_fits(q, &r->values, r->seats_left))
            continue;
        r->score = r->values.score;
        r->id = json_text(json_object_get(offer, "id"));
        r->index = i;
        (*matched)++;
    }
    return valid;
}

static void write_head(outbuf *out, size_t valid, size_t matched)
{
    out_str(out, "{\"valid\":");
    out_int(out, (long long)valid);
    out_str(out, ",\"matched\":");
    out_int(out, (long long)matched);
    out_str(out, ",\"offers\":[");
}

static void write_tail(outbuf *out, const outbuf *rejected)
{
    out_str(out, "],\"rejected\":[");
    out_bytes(out, rejected->p, rejected->len);
    out_str(out, "]}");
}

/* The whole handler: request bytes in, response bytes in *out.  -1 when the
 * request is not JSON with a query and a list of offers. */
static int handle(const char *body, size_t len, outbuf *out)
{
    int status = -1;
    outbuf rejected = {0};
    record *recs = NULL;
    json_t *root = json_loadb(body, len, 0, NULL);
    json_t *offers = json_object_get(root, "offers");
    gb_flights_query q;
    if (!json_is_array(offers) || read_query(root, &q))
        goto done;
    recs = malloc((json_array_size(offers) + 1) * sizeof *recs);
    if (!recs)
        goto done;
    size_t matched = 0;
    size_t valid = rank(offers, &q, recs, &matched, &rejected);
    qsort(recs, matched, sizeof *recs, record_order);
    write_head(out, valid, matched);
    for (size_t i = 0; i < matched && (long long)i < q.limit; i++) {
        gb_flights_offer o;
        gb_flights_reason why;
        if (i)
            out_str(out, ",");
        convert_offer(json_array_get(offers, recs[i].index), &o, &why); /* it passed before */
        write_entry(out, &recs[i], &o, &q);
    }
    write_tail(out, &rejected);
    status = out->failed || rejected.failed ? -1 : 0;
done:
    free(recs);
    free(rejected.p);
    json_decref(root);
    return status;
}

/* ---- the C-only handler without a tree: scanned straight into the kernel ---- */

typedef struct stream_state {
    const gb_flights_query *q;
    record *recs;       /* every valid offer; the query filters them at the end */
    size_t count, cap;
    size_t valid, rejections;
    outbuf rejected;
} stream_state;

static int keep_record(stream_state *st, const record *r)
{
    if (st->count == st->cap) {
        size_t cap = st->cap ? 2 * st->cap : 1024;
        record *recs = realloc(st->recs, cap * sizeof *recs);
        if (!recs)
            return -1;
        st->recs = recs;
        st->cap = cap;
    }
    st->recs[st->count++] = *r;
    return 0;
}

/* One offer read at the scanner: rejected in place, or kept as a record. */
static int stream_offer(gb_scan *sc, stream_state *st, size_t index)
{
    gb_shape_offer shape;
    gb_flights_offer o;
    gb_flights_reason why;
    record r = {0};
    r.span = sc->p;
    if (gb_reader_offer(sc, &shape))
        return -1;
    r.span_len = (size_t)(sc->p - r.span);
    if (gb_reader_convert(&shape, &o, &why) || gb_flights_walk(&o, &r.values, &why)) {
        gb_flights_text id = {shape.id.kind == GB_TOK_STRING ? shape.id.s : NULL, shape.id.len};
        write_rejection(&st->rejected, &st->rejections, id, &why);
        return 0;
    }
    st->valid++;
    gb_reader_integer(&shape.seats_left, &r.seats_left); /* converted: an integer */
    r.score = r.values.score;
    r.id.s = shape.id.s;
    r.id.len = shape.id.len;
    r.index = index;
    return keep_record(st, &r);
}

static int stream_offers(gb_scan *sc, stream_state *st)
{
    gb_tok tok;
    int first = 1, more;
    size_t index = 0;
    if (gb_scan_value(sc, &tok) || tok.kind != GB_TOK_ARRAY)
        return -1;
    while ((more = gb_scan_item(sc, &first)) == 1)
        if (stream_offer(sc, st, index++))
            return -1;
    return more;
}

/* The top-level object: its query and its offers, in either order. */
static int stream_request(gb_scan *sc, stream_state *st, gb_flights_query *q)
{
    gb_tok tok, key;
    int first = 1, more, have_query = 0, have_offers = 0;
    if (gb_scan_value(sc, &tok) || tok.kind != GB_TOK_OBJECT)
        return -1;
    while ((more = gb_scan_member(sc, &first, &key)) == 1) {
        int r;
        if (gb_tok_is(&key, "query"))
            r = gb_reader_query(sc, q), have_query = 1;
        else if (gb_tok_is(&key, "offers"))
            r = stream_offers(sc, st), have_offers = 1;
        else
            r = gb_scan_value(sc, &tok) || gb_scan_skip(sc, &tok);
        if (r)
            return -1;
    }
    return more || gb_scan_finish(sc) || !have_query || !have_offers ? -1 : 0;
}

/* Keeps the records the query admits, in order. */
static size_t stream_filter(stream_state *st)
{
    size_t matched = 0;
    for (size_t i = 0; i < st->count; i++)
        if (gb_flights_fits(st->q, &st->recs[i].values, st->recs[i].seats_left))
            st->recs[matched++] = st->recs[i];
    return matched;
}

/* Reads a top offer's bytes again for the text its entry writes. */
static void stream_entry(outbuf *out, const record *r, const gb_flights_query *q, char *arena,
                         size_t cap)
{
    gb_scan sc;
    gb_shape_offer shape;
    gb_flights_offer o;
    gb_flights_reason why;
    gb_scan_init(&sc, r->span, r->span_len, arena, cap);
    gb_reader_offer(&sc, &shape);
    gb_reader_convert(&shape, &o, &why); /* it passed before */
    write_entry(out, r, &o, q);
}

/* As handle(), with the scanner and reader instead of jansson: no tree is
 * built; strings are borrowed from the body unless they hold escapes. */
static int handle_stream(const char *body, size_t len, outbuf *out)
{
    int status = -1;
    gb_flights_query q;
    stream_state st = {.q = &q};
    size_t cap = 2 * len + 16; /* every decoded string once, top offers' again */
    char *arena = malloc(cap);
    gb_scan sc;
    if (!arena)
        return -1;
    gb_scan_init(&sc, body, len, arena, cap);
    if (stream_request(&sc, &st, &q))
        goto done;
    size_t matched = stream_filter(&st);
    qsort(st.recs, matched, sizeof *st.recs, record_order);
    write_head(out, st.valid, matched);
    for (size_t i = 0; i < matched && (long long)i < q.limit; i++) {
        if (i)
            out_str(out, ",");
        stream_entry(out, &st.recs[i], &q, arena + sc.used, cap - sc.used);
    }
    write_tail(out, &st.rejected);
    status = out->failed || st.rejected.failed ? -1 : 0;
done:
    free(st.recs);
    free(st.rejected.p);
    free(arena);
    return status;
}

/* ---- setup: the cached request ----------------------------------------------- */

typedef struct flights_input {
    char *body;
    size_t len;
} flights_input;

/* Where pyref/flights_data.py puts the request (its cache_path()). */
static void cache_path(char *path, size_t cap, long long n, uint64_t seed)
{
    snprintf(path, cap, "%s/gluebench-flights-g2-n%lld-s%llu.json", gb_cache_dir(), n,
             (unsigned long long)seed);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long size;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (data = malloc((size_t)size + 1)) && fread(data, 1, (size_t)size, f) == (size_t)size) {
        *len = (size_t)size;
    } else {
        free(data);
        data = NULL;
    }
    fclose(f);
    return data;
}

/* Runs `$GLUEBENCH_PYTHON $GLUEBENCH_PYREF_DIR/flights_data.py N SEED`, which
 * writes the cache file and prints its path into `path`. */
static int run_generator(long long n, uint64_t seed, char *path, size_t cap, char err[GB_ERR_LEN])
{
    const char *python = getenv("GLUEBENCH_PYTHON"), *dir = getenv("GLUEBENCH_PYREF_DIR");
    char script[4096], ntext[32], stext[32];
    int fds[2], status = 0;
    if (!dir || !*dir) {
        snprintf(err, GB_ERR_LEN, "no cached request and GLUEBENCH_PYREF_DIR is not set");
        return -1;
    }
    python = python && *python ? python : "python3";
    snprintf(script, sizeof script, "%s/flights_data.py", dir);
    snprintf(ntext, sizeof ntext, "%lld", n);
    snprintf(stext, sizeof stext, "%llu", (unsigned long long)seed);
    if (pipe(fds) < 0)
        return snprintf(err, GB_ERR_LEN, "pipe failed"), -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        close(0); /* the worker's stdin is the protocol: not the child's */
        execlp(python, python, script, ntext, stext, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    size_t got = 0;
    ssize_t r;
    while (pid > 0 && got + 1 < cap && (r = read(fds[0], path + got, cap - 1 - got)) > 0)
        got += (size_t)r;
    close(fds[0]);
    path[got] = '\0';
    path[strcspn(path, "\r\n")] = '\0';
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
        snprintf(err, GB_ERR_LEN, "generator %.100s %.100s failed", python, script);
        return -1;
    }
    return 0;
}

static void *c_setup(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    long long n = gb_param(params, "n", -1);
    char path[4096];
    flights_input *in = calloc(1, sizeof *in);
    if (!in || n < 0) {
        snprintf(err, GB_ERR_LEN, n < 0 ? "parameter n is missing" : "out of memory");
        free(in);
        return NULL;
    }
    cache_path(path, sizeof path, n, seed);
    if (access(path, R_OK) != 0 && run_generator(n, seed, path, sizeof path, err)) {
        free(in);
        return NULL;
    }
    in->body = read_file(path, &in->len);
    if (!in->body) {
        snprintf(err, GB_ERR_LEN, "cannot read %.200s", path);
        free(in);
        return NULL;
    }
    return in;
}

static gb_answer c_handler(void *input)
{
    flights_input *in = input;
    outbuf out = {0};
    gb_answer a = handle(in->body, in->len, &out) ? gb_answer_bytes("error", 5)
                                                   : gb_answer_bytes(out.p, out.len);
    free(out.p);
    return a;
}

static gb_answer c_stream(void *input)
{
    flights_input *in = input;
    outbuf out = {0};
    gb_answer a = handle_stream(in->body, in->len, &out) ? gb_answer_bytes("error", 5)
                                                          : gb_answer_bytes(out.p, out.len);
    free(out.p);
    return a;
}

static void c_teardown(void *input)
{
    flights_input *in = input;
    free(in->body);
    free(in);
}

static const gb_cvariant variants[] = {
    {"handler", c_setup, c_handler, c_teardown},
    {"stream", c_setup, c_stream, c_teardown},
    {NULL, NULL, NULL, NULL},
};

const gb_cvariant *gb_kernel_variants(void)
{
    return variants;
}
