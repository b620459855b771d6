/* flights.h: the kernel of the `flights` scenario: checking and enriching
 * one flight offer.
 *
 * The CPython extension (kernels/ext/flights.c) and the C-only handler
 * (kernels/flights.c, jansson) each turn their parsed JSON into a
 * gb_flights_offer (text is borrowed, never copied) and call
 * gb_flights_walk(), the fused pass of pyref/flights.py:walk().  Missing
 * keys and empty lists are the converters' to report: only they see the
 * JSON's shape.
 */
#ifndef GB_FLIGHTS_H
#define GB_FLIGHTS_H

#include <stddef.h>

/* Caps of the fixed-size offer; the generator stays far below them, and an
 * offer beyond them is rejected as "too many: <field>" (C variants only). */
#define GB_FLIGHTS_MAX_ITINERARIES 4
#define GB_FLIGHTS_MAX_SEGMENTS 16
#define GB_FLIGHTS_MAX_MONEY 16

/* Amounts at or beyond this size are invalid (flights_models.AMOUNT_LIMIT):
 * their cents stay exact in a double and in a long long. */
#define GB_FLIGHTS_AMOUNT_LIMIT 1e13

typedef struct gb_flights_text {
    const char *s;
    size_t len;
} gb_flights_text;

typedef struct gb_flights_segment {
    gb_flights_text carrier, dep, arr;
} gb_flights_segment;

typedef struct gb_flights_money {
    double amount;
    gb_flights_text currency;
} gb_flights_money;

typedef struct gb_flights_offer {
    int itineraries;
    int ends[GB_FLIGHTS_MAX_ITINERARIES]; /* one past each itinerary's last segment */
    gb_flights_segment seg[GB_FLIGHTS_MAX_SEGMENTS];
    int moneys;                           /* the fare first, then the taxes */
    gb_flights_money money[GB_FLIGHTS_MAX_MONEY];
    long long checked_bags;
} gb_flights_offer;

/* What the response needs of a valid offer.  carrier[] holds the index of
 * the segment where each distinct carrier first appears, in order. */
typedef struct gb_flights_values {
    long long price, duration, stops, layover, score;
    int has_layover;
    int carriers;
    int carrier[GB_FLIGHTS_MAX_SEGMENTS];
} gb_flights_values;

/* A rejection: the reason is text followed by detail (often empty), e.g.
 * "unknown currency: " + "ZZZ". */
typedef struct gb_flights_reason {
    const char *text;
    gb_flights_text detail;
} gb_flights_reason;

/* Checks the offer's rules and computes its values.  Returns 0 and fills
 * *values, or -1 and fills *why. */
int gb_flights_walk(const gb_flights_offer *offer, gb_flights_values *values,
                    gb_flights_reason *why);

/* Whether an amount is inside the contract: |amount| < GB_FLIGHTS_AMOUNT_LIMIT
 * (NaN is not). */
int gb_flights_amount_ok(double amount);

/* ISO-8601 "YYYY-MM-DDTHH:MM:SS" with "Z" or "+HH:MM"/"-HH:MM" to seconds
 * since the epoch.  Returns 0, or -1 when the text is not in that form or
 * names no calendar day (30 February, year 0): flights_models.TIME_PATTERN. */
int gb_flights_parse_time(gb_flights_text t, long long *seconds);

/* Whether a query admits an offer: seats, stops and the party's price. */
typedef struct gb_flights_query {
    long long passengers, max_stops, max_price_eur_cents, limit;
} gb_flights_query;

int gb_flights_fits(const gb_flights_query *q, const gb_flights_values *v, long long seats_left);

#endif
