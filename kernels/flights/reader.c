/* reader.c: the flights request read from its bytes (reader.h). */
#include "reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading: which fields came, with what token ------------------------- */

/* A value kept as its token; an object or array is skipped, its kind kept. */
static int read_scalar(gb_scan *sc, gb_tok *tok)
{
    return gb_scan_value(sc, tok) || gb_scan_skip(sc, tok) ? -1 : 0;
}

/* Reads an object whose members the caller picks by key: pick() returns
 * the token to fill, or NULL to skip that member.  *is_object says whether
 * the value was an object at all (if not, it is skipped). */
typedef gb_tok *(*pick_fn)(void *into, const gb_tok *key);

static int read_object(gb_scan *sc, int *is_object, pick_fn pick, void *into)
{
    gb_tok tok, key, skipped;
    int first = 1, more;
    if (gb_scan_value(sc, &tok))
        return -1;
    *is_object = tok.kind == GB_TOK_OBJECT;
    if (!*is_object)
        return gb_scan_skip(sc, &tok);
    while ((more = gb_scan_member(sc, &first, &key)) == 1) {
        gb_tok *slot = pick(into, &key);
        if (read_scalar(sc, slot ? slot : &skipped))
            return -1;
    }
    return more;
}

static gb_tok *pick_segment(void *into, const gb_tok *key)
{
    gb_shape_segment *s = into;
    return gb_tok_is(key, "carrier") ? &s->carrier : gb_tok_is(key, "number") ? &s->number
         : gb_tok_is(key, "from") ? &s->from : gb_tok_is(key, "to") ? &s->to
         : gb_tok_is(key, "dep") ? &s->dep : gb_tok_is(key, "arr") ? &s->arr : NULL;
}

static gb_tok *pick_money(void *into, const gb_tok *key)
{
    gb_shape_money *m = into;
    return gb_tok_is(key, "amount") ? &m->amount : gb_tok_is(key, "currency") ? &m->currency
         : gb_tok_is(key, "code") ? &m->code : NULL;
}

static gb_tok *pick_baggage(void *into, const gb_tok *key)
{
    gb_shape_offer *o = into;
    return gb_tok_is(key, "checked") ? &o->checked : gb_tok_is(key, "cabin_kg") ? &o->cabin_kg
                                                                               : NULL;
}

static int read_segment(gb_scan *sc, gb_shape_segment *s)
{
    memset(s, 0, sizeof *s);
    return read_object(sc, &s->is_object, pick_segment, s);
}

static int read_money(gb_scan *sc, gb_shape_money *m)
{
    memset(m, 0, sizeof *m);
    return read_object(sc, &m->is_object, pick_money, m);
}

/* An itinerary's segments, stored after those already in the shape; the
 * ones past the cap are read and counted but not kept. */
static int read_segments(gb_scan *sc, gb_shape_offer *o, gb_shape_itinerary *it)
{
    gb_shape_segment spare;
    int first = 1, more;
    if (gb_scan_value(sc, &it->segments))
        return -1;
    it->count = 0;
    it->first = o->segment_count;
    if (it->segments.kind != GB_TOK_ARRAY)
        return gb_scan_skip(sc, &it->segments);
    while ((more = gb_scan_item(sc, &first)) == 1) {
        int keep = o->segment_count < GB_FLIGHTS_MAX_SEGMENTS;
        if (read_segment(sc, keep ? &o->seg[o->segment_count] : &spare))
            return -1;
        o->segment_count += keep;
        it->count++;
    }
    return more;
}

static int read_itinerary(gb_scan *sc, gb_shape_offer *o, gb_shape_itinerary *it)
{
    gb_tok tok, key, skipped;
    int first = 1, more;
    memset(it, 0, sizeof *it);
    if (gb_scan_value(sc, &tok))
        return -1;
    it->is_object = tok.kind == GB_TOK_OBJECT;
    if (!it->is_object)
        return gb_scan_skip(sc, &tok);
    while ((more = gb_scan_member(sc, &first, &key)) == 1) {
        if (gb_tok_is(&key, "segments") ? read_segments(sc, o, it) : read_scalar(sc, &skipped))
            return -1;
    }
    return more;
}

static int read_itineraries(gb_scan *sc, gb_shape_offer *o)
{
    gb_shape_itinerary spare;
    int first = 1, more;
    if (gb_scan_value(sc, &o->itineraries))
        return -1;
    o->itinerary_count = o->segment_count = 0;
    if (o->itineraries.kind != GB_TOK_ARRAY)
        return gb_scan_skip(sc, &o->itineraries);
    while ((more = gb_scan_item(sc, &first)) == 1) {
        int i = o->itinerary_count++;
        if (read_itinerary(sc, o, i < GB_FLIGHTS_MAX_ITINERARIES ? &o->itinerary[i] : &spare))
            return -1;
    }
    return more;
}

static int read_taxes(gb_scan *sc, gb_shape_offer *o)
{
    gb_shape_money spare;
    int first = 1, more;
    if (gb_scan_value(sc, &o->taxes))
        return -1;
    o->tax_count = 0;
    if (o->taxes.kind != GB_TOK_ARRAY)
        return gb_scan_skip(sc, &o->taxes);
    while ((more = gb_scan_item(sc, &first)) == 1) {
        int i = o->tax_count++;
        if (read_money(sc, i < GB_FLIGHTS_MAX_MONEY ? &o->tax[i] : &spare))
            return -1;
    }
    return more;
}

/* The fare and the baggage: kept in the shape, their kind noted in *tok. */
static int read_fare(gb_scan *sc, gb_shape_offer *o)
{
    o->fare_tok.kind = GB_TOK_NULL; /* present; read_money tells if it is an object */
    return read_money(sc, &o->fare);
}

static int read_baggage(gb_scan *sc, gb_shape_offer *o)
{
    o->baggage_tok.kind = GB_TOK_NULL;
    o->checked.kind = o->cabin_kg.kind = GB_TOK_NONE;
    return read_object(sc, &o->baggage_is_object, pick_baggage, o);
}

/* One member of an offer, by key. */
static int read_offer_member(gb_scan *sc, gb_shape_offer *o, const gb_tok *key)
{
    gb_tok skipped;
    if (gb_tok_is(key, "id"))
        return read_scalar(sc, &o->id);
    if (gb_tok_is(key, "itineraries"))
        return read_itineraries(sc, o);
    if (gb_tok_is(key, "fare"))
        return read_fare(sc, o);
    if (gb_tok_is(key, "taxes"))
        return read_taxes(sc, o);
    if (gb_tok_is(key, "baggage"))
        return read_baggage(sc, o);
    if (gb_tok_is(key, "seats_left"))
        return read_scalar(sc, &o->seats_left);
    return read_scalar(sc, &skipped);
}

int gb_reader_offer(gb_scan *sc, gb_shape_offer *o)
{
    gb_tok tok, key;
    int first = 1, more;
    memset(o, 0, sizeof *o);
    if (gb_scan_value(sc, &tok))
        return -1;
    o->is_object = tok.kind == GB_TOK_OBJECT;
    if (!o->is_object)
        return gb_scan_skip(sc, &tok);
    while ((more = gb_scan_member(sc, &first, &key)) == 1)
        if (read_offer_member(sc, o, &key))
            return -1;
    return more;
}

/* ---- converting: the jansson converter's rules, in its order ------------- */

int gb_reader_integer(const gb_tok *tok, long long *out)
{
    char text[32];
    if (tok->kind != GB_TOK_NUMBER || !tok->integer || tok->len >= sizeof text)
        return -1;
    memcpy(text, tok->s, tok->len);
    text[tok->len] = '\0';
    errno = 0;
    *out = strtoll(text, NULL, 10);
    return errno ? -1 : 0;
}

/* A JSON number as a double, correctly rounded as Python's float() does. */
static int number_value(const gb_tok *tok, double *out)
{
    char text[64];
    if (tok->kind != GB_TOK_NUMBER || tok->len >= sizeof text)
        return -1;
    memcpy(text, tok->s, tok->len);
    text[tok->len] = '\0';
    *out = strtod(text, NULL);
    return 0;
}

static gb_flights_text text_of(const gb_tok *tok)
{
    gb_flights_text t = {NULL, 0};
    if (tok->kind == GB_TOK_STRING) {
        t.s = tok->s;
        t.len = tok->len;
    }
    return t;
}

static int fault(gb_flights_reason *why, const char *text, const char *field)
{
    why->text = text;
    why->detail.s = field;
    why->detail.len = strlen(field);
    return -1;
}

/* The first of the named tokens that was not there, as "missing field". */
static int need(const gb_tok *const *toks, const char *const *names, int n,
                gb_flights_reason *why)
{
    for (int i = 0; i < n; i++)
        if (toks[i]->kind == GB_TOK_NONE)
            return fault(why, "missing field: ", names[i]);
    return 0;
}

static int convert_money(const gb_shape_money *m, gb_flights_money *out, gb_flights_reason *why)
{
    static const char *const names[] = {"amount", "currency"};
    const gb_tok *toks[] = {&m->amount, &m->currency};
    if (need(toks, names, 2, why))
        return -1;
    if (number_value(&m->amount, &out->amount) || !gb_flights_amount_ok(out->amount))
        return fault(why, "invalid field: ", "amount");
    if (m->currency.kind != GB_TOK_STRING)
        return fault(why, "invalid field: ", "currency");
    out->currency = text_of(&m->currency);
    return 0;
}

static int convert_segment(const gb_shape_segment *s, gb_flights_segment *out,
                           gb_flights_reason *why)
{
    static const char *const names[] = {"carrier", "number", "from", "to", "dep", "arr"};
    const gb_tok *toks[] = {&s->carrier, &s->number, &s->from, &s->to, &s->dep, &s->arr};
    if (need(toks, names, 6, why))
        return -1;
    if (s->carrier.kind != GB_TOK_STRING)
        return fault(why, "invalid field: ", "carrier");
    out->carrier = text_of(&s->carrier);
    out->dep = text_of(&s->dep); /* not a string: the kernel finds it invalid */
    out->arr = text_of(&s->arr);
    return 0;
}

static int convert_itineraries(const gb_shape_offer *s, gb_flights_offer *o,
                               gb_flights_reason *why)
{
    int n = s->itineraries.kind == GB_TOK_ARRAY ? s->itinerary_count : 0, k = 0;
    if (n == 0)
        return fault(why, "empty field: ", "itineraries");
    if (n > GB_FLIGHTS_MAX_ITINERARIES)
        return fault(why, "too many: ", "itineraries");
    o->itineraries = 0;
    for (int i = 0; i < n; i++) {
        const gb_shape_itinerary *it = &s->itinerary[i];
        if (!it->is_object || it->segments.kind == GB_TOK_NONE)
            return fault(why, "missing field: ", "segments");
        if (it->segments.kind != GB_TOK_ARRAY || it->count == 0)
            return fault(why, "empty field: ", "segments");
        for (int j = 0; j < it->count; j++, k++) {
            if (k >= GB_FLIGHTS_MAX_SEGMENTS || it->first + j >= s->segment_count)
                return fault(why, "too many: ", "segments");
            if (convert_segment(&s->seg[it->first + j], &o->seg[k], why))
                return -1;
        }
        o->ends[o->itineraries++] = k;
    }
    return 0;
}

int gb_reader_convert(const gb_shape_offer *s, gb_flights_offer *o, gb_flights_reason *why)
{
    static const char *const names[] = {"id", "itineraries", "fare", "taxes", "baggage",
                                        "seats_left"};
    const gb_tok *toks[] = {&s->id, &s->itineraries, &s->fare_tok, &s->taxes, &s->baggage_tok,
                            &s->seats_left};
    static const char *const bag_names[] = {"checked", "cabin_kg"};
    const gb_tok *bag_toks[] = {&s->checked, &s->cabin_kg};
    if (need(toks, names, 6, why))
        return -1;
    if (s->id.kind != GB_TOK_STRING)
        return fault(why, "invalid field: ", "id");
    if (convert_itineraries(s, o, why) || convert_money(&s->fare, &o->money[0], why))
        return -1;
    int taxes = s->taxes.kind == GB_TOK_ARRAY ? s->tax_count : 0;
    if (taxes >= GB_FLIGHTS_MAX_MONEY)
        return fault(why, "too many: ", "taxes");
    o->moneys = 1;
    for (int i = 0; i < taxes; i++) {
        if (s->tax[i].code.kind == GB_TOK_NONE)
            return fault(why, "missing field: ", "code");
        if (convert_money(&s->tax[i], &o->money[o->moneys++], why))
            return -1;
    }
    if (need(bag_toks, bag_names, 2, why))
        return -1;
    if (gb_reader_integer(&s->checked, &o->checked_bags))
        return fault(why, "invalid field: ", "checked");
    long long seats;
    if (gb_reader_integer(&s->seats_left, &seats))
        return fault(why, "invalid field: ", "seats_left");
    return 0;
}

/* ---- the query -------------------------------------------------------------- */

static gb_tok *pick_query(void *into, const gb_tok *key)
{
    gb_tok *f = into;
    return gb_tok_is(key, "passengers") ? &f[0] : gb_tok_is(key, "max_stops") ? &f[1]
         : gb_tok_is(key, "max_price_eur_cents") ? &f[2] : gb_tok_is(key, "limit") ? &f[3]
                                                                                 : NULL;
}

int gb_reader_query(gb_scan *sc, gb_flights_query *q)
{
    gb_tok f[4];
    int is_object;
    memset(f, 0, sizeof f);
    if (read_object(sc, &is_object, pick_query, f) || !is_object)
        return -1;
    return gb_reader_integer(&f[0], &q->passengers) || gb_reader_integer(&f[1], &q->max_stops) ||
                   gb_reader_integer(&f[2], &q->max_price_eur_cents) ||
                   gb_reader_integer(&f[3], &q->limit)
               ? -1
               : 0;
}
