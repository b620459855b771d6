/* reader.h: the flights request read straight from its bytes into the
 * kernel's structs (scan.h underneath): no tree, no allocation per offer.
 *
 * An offer is read into a shape (which of the fields the kernel needs were
 * there, with what token), then converted with the same rules, in the same
 * order, as the jansson converter in kernels/flights.c, so that both give
 * an offer the same reason.
 */
#ifndef GB_FLIGHTS_READER_H
#define GB_FLIGHTS_READER_H

#include "../flights.h"
#include "scan.h"

typedef struct gb_shape_segment {
    int is_object;
    gb_tok carrier, number, from, to, dep, arr;
} gb_shape_segment;

typedef struct gb_shape_money {
    int is_object;
    gb_tok amount, currency, code;
} gb_shape_money;

typedef struct gb_shape_itinerary {
    int is_object;
    gb_tok segments;          /* kind only: was it there, was it an array */
    int count;                /* its segments, also those beyond the cap */
    int first;                /* index of its first stored segment */
} gb_shape_itinerary;

typedef struct gb_shape_offer {
    int is_object;
    gb_tok id, itineraries, fare_tok, taxes, baggage_tok, seats_left;
    int itinerary_count;
    gb_shape_itinerary itinerary[GB_FLIGHTS_MAX_ITINERARIES];
    int segment_count;        /* stored, at most GB_FLIGHTS_MAX_SEGMENTS */
    gb_shape_segment seg[GB_FLIGHTS_MAX_SEGMENTS];
    gb_shape_money fare;
    int tax_count;            /* also those beyond the cap */
    gb_shape_money tax[GB_FLIGHTS_MAX_MONEY];
    int baggage_is_object;
    gb_tok checked, cabin_kg;
} gb_shape_offer;

/* Reads the next value as an offer.  Returns 0, or -1 on a syntax error. */
int gb_reader_offer(gb_scan *sc, gb_shape_offer *shape);

/* The shape as a gb_flights_offer: 0, or -1 with the reason in *why. */
int gb_reader_convert(const gb_shape_offer *shape, gb_flights_offer *o, gb_flights_reason *why);

/* Reads the query object: 0, or -1 if it is not four integers. */
int gb_reader_query(gb_scan *sc, gb_flights_query *q);

/* A JSON integer token's value: 0, or -1 if it is not one that fits. */
int gb_reader_integer(const gb_tok *tok, long long *out);

#endif
