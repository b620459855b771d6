/* _gb_hotcall: the `hotcall` kernel as a CPython extension.
 *
 * price(spot, strike, vol_bp, days) is the plain per-call crossing
 * (METH_FASTCALL: the four arguments arrive as a C array, no tuple).
 * cached_price(capacity) returns a new, empty memo of price: a builtin
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

/* The four arguments as int32; 0 with an exception set when they are not. */
static int parse_args(PyObject *const *args, Py_ssize_t nargs, gb_hotcall_args *a)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "price() takes spot, strike, vol_bp, days");
        return 0;
    }
    int32_t *out[4] = {&a->spot, &a->strike, &a->vol_bp, &a->days};
    for (int i = 0; i < 4; i++) {
        long v = PyLong_AsLong(args[i]);
        if (v == -1 && PyErr_Occurred())
            return 0;
        if (v < INT32_MIN || v > INT32_MAX) {
            PyErr_SetString(PyExc_OverflowError, "price() arguments must fit in 32 bits");
            return 0;
        }
        *out[i] = (int32_t)v;
    }
    return 1;
}

static PyObject *price(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    gb_hotcall_args a;
    if (!parse_args(args, nargs, &a))
        return NULL;
    return PyLong_FromLongLong(gb_hotcall_price(a.spot, a.strike, a.vol_bp, a.days));
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

static PyObject *cached_price(PyObject *self, PyObject *arg)
{
    (void)self;
    Py_ssize_t capacity = PyLong_AsSsize_t(arg);
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
    gb_hotcall_cache_init(&obj->cache, obj->storage, (size_t)capacity);
    PyObject *fn = PyCFunction_New(&cached_def, (PyObject *)obj);
    Py_DECREF(obj);
    return fn;
}

static PyMethodDef methods[] = {
    {"price", (PyCFunction)(void (*)(void))price, METH_FASTCALL,
     "price(spot, strike, vol_bp, days) -> call price in 1/100 cent, one crossing per call."},
    {"cached_price", cached_price, METH_O,
     "cached_price(capacity) -> a new, empty memo of price() in C (set-associative, LRU per set)."},
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
