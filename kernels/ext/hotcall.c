/* _gb_hotcall: the `hotcall` kernel as a CPython extension.
 *
 * price(spot, strike, vol_bp, days[, scenarios]) is the plain per-call
 * crossing (METH_FASTCALL: the arguments arrive as a C array, no tuple);
 * scenarios (default 1) is gb_hotcall_value's cost knob.
 * cached_price(capacity[, scenarios]) returns a new, empty memo: a builtin
 * function whose `self` is a small object holding the kernel's
 * set-associative table, so each call is one crossing plus a C lookup.
 * The table's storage comes from PyMem_Malloc, where tracemalloc sees it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "hotcall.h"

typedef struct {
    PyObject_HEAD
    gb_hotcall_cache cache;
    void *storage;
} CacheObject;

static void cache_dealloc(PyObject *self)
{
    PyMem_Free(((CacheObject *)self)->storage);
    Py_TYPE(self)->tp_free(self);
}

static PyTypeObject CacheType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "_gb_hotcall.Cache",
    .tp_basicsize = sizeof(CacheObject),
    .tp_dealloc = cache_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Storage of one cached_price() memo.",
};

/* One argument as int32; 0 with an exception set when it is not. */
static int parse_int32(PyObject *arg, int32_t *out)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred())
        return 0;
    if (v < INT32_MIN || v > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "price() arguments must fit in 32 bits");
        return 0;
    }
    *out = (int32_t)v;
    return 1;
}

/* The four arguments as int32; 0 with an exception set when they are not. */
static int parse_args(PyObject *const *args, Py_ssize_t nargs, gb_hotcall_args *a)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "price() takes spot, strike, vol_bp, days");
        return 0;
    }
    return parse_int32(args[0], &a->spot) && parse_int32(args[1], &a->strike) &&
           parse_int32(args[2], &a->vol_bp) && parse_int32(args[3], &a->days);
}

/* The scenario count: 1 when absent, else 0 .. 100000. */
static int parse_scenarios(PyObject *arg, int32_t *out)
{
    *out = 1;
    if (!arg)
        return 1;
    if (!parse_int32(arg, out))
        return 0;
    if (*out < 0 || *out > 100000) {
        PyErr_SetString(PyExc_ValueError, "scenarios must be 0 to 100000");
        return 0;
    }
    return 1;
}

static PyObject *price(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    gb_hotcall_args a;
    int32_t scenarios = 1;
    if (nargs == 5 && !parse_scenarios(args[4], &scenarios))
        return NULL;
    if (!parse_args(args, nargs == 5 ? 4 : nargs, &a))
        return NULL;
    return PyLong_FromLongLong(gb_hotcall_value(a.spot, a.strike, a.vol_bp, a.days, scenarios));
}

static PyObject *cached_call(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    gb_hotcall_args a;
    if (!parse_args(args, nargs, &a))
        return NULL;
    return PyLong_FromLongLong(gb_hotcall_cached_price(&((CacheObject *)self)->cache, a));
}

static PyMethodDef cached_def = {
    "price", (PyCFunction)(void (*)(void))cached_call, METH_FASTCALL,
    "price(spot, strike, vol_bp, days) through a bounded C memo.",
};

static PyObject *cached_price(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    int32_t scenarios;
    if (nargs < 1 || nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "cached_price() takes capacity[, scenarios]");
        return NULL;
    }
    if (!parse_scenarios(nargs == 2 ? args[1] : NULL, &scenarios))
        return NULL;
    Py_ssize_t capacity = PyLong_AsSsize_t(args[0]);
    if (capacity == -1 && PyErr_Occurred())
        return NULL;
    size_t bytes = capacity > 0 ? gb_hotcall_cache_bytes((size_t)capacity) : 0;
    if (bytes == 0) {
        PyErr_Format(PyExc_ValueError, "capacity must be a power of two >= %d", GB_HOTCALL_WAYS);
        return NULL;
    }
    CacheObject *obj = PyObject_New(CacheObject, &CacheType);
    if (!obj)
        return NULL;
    obj->storage = PyMem_Malloc(bytes);
    if (!obj->storage) {
        Py_DECREF(obj);
        return PyErr_NoMemory();
    }
    gb_hotcall_cache_init(&obj->cache, obj->storage, (size_t)capacity, scenarios);
    PyObject *fn = PyCFunction_New(&cached_def, (PyObject *)obj);
    Py_DECREF(obj);
    return fn;
}

static PyMethodDef methods[] = {
    {"price", (PyCFunction)(void (*)(void))price, METH_FASTCALL,
     "price(spot, strike, vol_bp, days[, scenarios]) -> value in 1/100 cent, one crossing per call."},
    {"cached_price", (PyCFunction)(void (*)(void))cached_price, METH_FASTCALL,
     "cached_price(capacity[, scenarios]) -> a new, empty memo of price() in C (set-associative, LRU per set)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_gb_hotcall", "The hotcall scenario's C kernel.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__gb_hotcall(void)
{
    if (PyType_Ready(&CacheType) < 0)
        return NULL;
    return PyModule_Create(&module);
}
