/* _gb_flights: the `flights` fused pass as a CPython extension.
 *
 * walk_offers(offers) takes the list of offer dicts that orjson parsed and
 * returns one item per offer: the reason text (a str) when it is rejected,
 * else the record pyref/flights.py:rank_records() builds, (score, id,
 * index, price, duration, stops, layover or None, carriers, departure,
 * seats_left).  The conversion reads the dicts in place (borrowed UTF-8,
 * no copies); the checks and the arithmetic are the kernel's.  The GIL is
 * kept: the loop reads Python objects throughout.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "flights.h"

enum { K_ID, K_ITINERARIES, K_FARE, K_TAXES, K_BAGGAGE, K_SEATS_LEFT, K_SEGMENTS, K_CARRIER,
       K_NUMBER, K_FROM, K_TO, K_DEP, K_ARR, K_AMOUNT, K_CURRENCY, K_CODE, K_CHECKED,
       K_CABIN_KG, K_COUNT };

static const char *const key_names[K_COUNT] = {
    "id", "itineraries", "fare", "taxes", "baggage", "seats_left", "segments", "carrier",
    "number", "from", "to", "dep", "arr", "amount", "currency", "code", "checked", "cabin_kg",
};

static PyObject *keys[K_COUNT]; /* interned at import */

typedef struct shape {
    const char *text; /* "missing field: " etc., NULL when the shape is fine */
    int key;
} shape;

/* dict[key], borrowed, or NULL after noting the key as missing. */
static PyObject *need(PyObject *dict, int key, shape *fault)
{
    PyObject *v = PyDict_Check(dict) ? PyDict_GetItemWithError(dict, keys[key]) : NULL;
    if (!v && !PyErr_Occurred()) {
        fault->text = "missing field: ";
        fault->key = key;
    }
    return v;
}

static int bad(shape *fault, const char *text, int key)
{
    fault->text = text;
    fault->key = key;
    return -1;
}

static int as_text(PyObject *v, gb_flights_text *t, shape *fault, int key)
{
    Py_ssize_t len;
    if (!PyUnicode_Check(v))
        return bad(fault, "invalid field: ", key);
    t->s = PyUnicode_AsUTF8AndSize(v, &len);
    t->len = (size_t)len;
    return t->s ? 0 : -1;
}

static int convert_money(PyObject *m, gb_flights_money *out, shape *fault)
{
    PyObject *amount = need(m, K_AMOUNT, fault);
    PyObject *currency = amount ? need(m, K_CURRENCY, fault) : NULL;
    if (!currency)
        return -1;
    /* a JSON number: int or float, not bool (PyFloat_AsDouble takes both) */
    if (!PyFloat_CheckExact(amount) && !PyLong_CheckExact(amount))
        return bad(fault, "invalid field: ", K_AMOUNT);
    out->amount = PyFloat_AsDouble(amount);
    if (out->amount == -1.0 && PyErr_Occurred())
        PyErr_Clear(); /* an int too large for a double: beyond the limit too */
    else if (gb_flights_amount_ok(out->amount))
        return as_text(currency, &out->currency, fault, K_CURRENCY);
    return bad(fault, "invalid field: ", K_AMOUNT);
}

static int convert_segments(PyObject *itinerary, gb_flights_offer *o, int *k, shape *fault)
{
    PyObject *segments = need(itinerary, K_SEGMENTS, fault);
    if (!segments)
        return -1;
    if (!PyList_Check(segments) || PyList_GET_SIZE(segments) == 0)
        return bad(fault, "empty field: ", K_SEGMENTS);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(segments); i++) {
        PyObject *seg = PyList_GET_ITEM(segments, i);
        if (*k >= GB_FLIGHTS_MAX_SEGMENTS)
            return bad(fault, "too many: ", K_SEGMENTS);
        for (int key = K_CARRIER; key <= K_ARR; key++)
            if (!need(seg, key, fault))
                return -1;
        gb_flights_segment *s = &o->seg[(*k)++];
        if (as_text(PyDict_GetItem(seg, keys[K_CARRIER]), &s->carrier, fault, K_CARRIER) ||
            as_text(PyDict_GetItem(seg, keys[K_DEP]), &s->dep, fault, K_DEP) ||
            as_text(PyDict_GetItem(seg, keys[K_ARR]), &s->arr, fault, K_ARR))
            return -1;
    }
    return 0;
}

static int convert_taxes(PyObject *taxes, gb_flights_offer *o, shape *fault)
{
    if (!PyList_Check(taxes))
        return bad(fault, "invalid field: ", K_TAXES);
    if (PyList_GET_SIZE(taxes) >= GB_FLIGHTS_MAX_MONEY)
        return bad(fault, "too many: ", K_TAXES);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(taxes); i++) {
        PyObject *tax = PyList_GET_ITEM(taxes, i);
        if (!need(tax, K_CODE, fault) || convert_money(tax, &o->money[o->moneys++], fault))
            return -1;
    }
    return 0;
}

/* The dict as a gb_flights_offer.  Returns -1 with fault->text set for a
 * fault of shape, or -1 with a Python error set. */
static int convert_offer(PyObject *offer, gb_flights_offer *o, shape *fault)
{
    PyObject *v[K_SEATS_LEFT + 1];
    for (int key = K_ID; key <= K_SEATS_LEFT; key++)
        if (!(v[key] = need(offer, key, fault)))
            return -1;
    if (!PyUnicode_Check(v[K_ID]))
        return bad(fault, "invalid field: ", K_ID);
    PyObject *itineraries = v[K_ITINERARIES];
    if (!PyList_Check(itineraries) || PyList_GET_SIZE(itineraries) == 0)
        return bad(fault, "empty field: ", K_ITINERARIES);
    if (PyList_GET_SIZE(itineraries) > GB_FLIGHTS_MAX_ITINERARIES)
        return bad(fault, "too many: ", K_ITINERARIES);
    int k = 0;
    o->itineraries = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(itineraries); i++) {
        if (convert_segments(PyList_GET_ITEM(itineraries, i), o, &k, fault))
            return -1;
        o->ends[o->itineraries++] = k;
    }
    o->moneys = 1;
    if (convert_money(v[K_FARE], &o->money[0], fault) || convert_taxes(v[K_TAXES], o, fault))
        return -1;
    PyObject *checked = need(v[K_BAGGAGE], K_CHECKED, fault);
    if (!checked || !need(v[K_BAGGAGE], K_CABIN_KG, fault))
        return -1;
    if (!PyLong_CheckExact(checked)) /* bool is a subclass of int */
        return bad(fault, "invalid field: ", K_CHECKED);
    o->checked_bags = PyLong_AsLongLong(checked);
    if (o->checked_bags == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return bad(fault, "invalid field: ", K_CHECKED);
    }
    if (!PyLong_CheckExact(v[K_SEATS_LEFT]))
        return bad(fault, "invalid field: ", K_SEATS_LEFT);
    return 0;
}

static PyObject *reason_text(const char *text, const char *detail, size_t len)
{
    char buf[256];
    int n = snprintf(buf, sizeof buf, "%s%.*s", text, (int)len, detail);
    return PyUnicode_DecodeUTF8(buf, n < (int)sizeof buf ? n : (int)sizeof buf - 1, "replace");
}

static PyObject *carrier_list(PyObject *offer, const gb_flights_values *v)
{
    PyObject *out = PyList_New(v->carriers);
    if (!out)
        return NULL;
    /* carrier[c] indexes the offer's segments in order across itineraries */
    PyObject *itineraries = PyDict_GetItem(offer, keys[K_ITINERARIES]);
    int c = 0, k = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(itineraries); i++) {
        PyObject *segs = PyDict_GetItem(PyList_GET_ITEM(itineraries, i), keys[K_SEGMENTS]);
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(segs) && c < v->carriers; j++, k++) {
            if (v->carrier[c] != k)
                continue;
            PyObject *carrier = PyDict_GetItem(PyList_GET_ITEM(segs, j), keys[K_CARRIER]);
            Py_INCREF(carrier);
            PyList_SET_ITEM(out, c++, carrier);
        }
    }
    return out;
}

static PyObject *first_departure(PyObject *offer)
{
    PyObject *itinerary = PyList_GET_ITEM(PyDict_GetItem(offer, keys[K_ITINERARIES]), 0);
    PyObject *seg = PyList_GET_ITEM(PyDict_GetItem(itinerary, keys[K_SEGMENTS]), 0);
    return Py_NewRef(PyDict_GetItem(seg, keys[K_DEP]));
}

static PyObject *record(PyObject *offer, Py_ssize_t index, const gb_flights_values *v)
{
    PyObject *layover = v->has_layover ? PyLong_FromLongLong(v->layover) : Py_NewRef(Py_None);
    return Py_BuildValue("(LOnLLLNNNO)", v->score, PyDict_GetItem(offer, keys[K_ID]), index,
                         v->price, v->duration, v->stops, layover, carrier_list(offer, v),
                         first_departure(offer), PyDict_GetItem(offer, keys[K_SEATS_LEFT]));
}

/* One offer: its record, or its reason as a str; NULL with an error set. */
static PyObject *walk_one(PyObject *offer, Py_ssize_t index)
{
    gb_flights_offer o;
    gb_flights_values v;
    gb_flights_reason why;
    shape fault = {NULL, 0};
    if (convert_offer(offer, &o, &fault)) {
        if (!fault.text)
            return NULL;
        return reason_text(fault.text, key_names[fault.key], strlen(key_names[fault.key]));
    }
    if (gb_flights_walk(&o, &v, &why))
        return reason_text(why.text, why.detail.s, why.detail.len);
    return record(offer, index, &v);
}

static PyObject *walk_offers(PyObject *self, PyObject *offers)
{
    (void)self;
    if (!PyList_Check(offers)) {
        PyErr_SetString(PyExc_TypeError, "walk_offers needs a list of offer dicts");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(offers);
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out && i < n; i++) {
        PyObject *item = walk_one(PyList_GET_ITEM(offers, i), i);
        if (!item)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, i, item);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"walk_offers", walk_offers, METH_O,
     "walk_offers(list of offer dicts) -> a record tuple or a reason str per offer."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_gb_flights", "The flights scenario's fused pass in C.", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__gb_flights(void)
{
    for (int k = 0; k < K_COUNT; k++)
        if (!keys[k] && !(keys[k] = PyUnicode_InternFromString(key_names[k])))
            return NULL;
    return PyModule_Create(&module);
}
