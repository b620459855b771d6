/* _gb_patterns: the `patterns` kernel as a CPython extension.
 *
 * Thin on purpose: convert the arguments, call the kernel.  call_price() is
 * the per-option crossing (METH_FASTCALL: five floats, no argument tuple);
 * price_sum() is the batched one (five buffers of doubles, one per field,
 * with the GIL released around the C loop).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "patterns.h"

#define FIELDS 5

static PyObject *call_price(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    double x[FIELDS];
    if (nargs != FIELDS) {
        PyErr_SetString(PyExc_TypeError, "call_price(spot, strike, rate, vol, expiry) takes 5 floats");
        return NULL;
    }
    for (int i = 0; i < FIELDS; i++) {
        x[i] = PyFloat_AsDouble(args[i]);
        if (x[i] == -1.0 && PyErr_Occurred())
            return NULL;
    }
    return PyFloat_FromDouble(gb_patterns_call_price(x[0], x[1], x[2], x[3], x[4]));
}

/* Gets the buffers of args[0..FIELDS); on failure releases what it got and
 * returns -1 with an exception set.  All must be contiguous doubles of one
 * length. */
static int get_columns(PyObject *const *args, Py_buffer views[FIELDS])
{
    for (int i = 0; i < FIELDS; i++) {
        const char *why = NULL;
        if (PyObject_GetBuffer(args[i], &views[i], PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
            while (i-- > 0)
                PyBuffer_Release(&views[i]);
            return -1;
        }
        if (views[i].itemsize != sizeof(double) || !views[i].format || strcmp(views[i].format, "d") != 0)
            why = "price_sum needs contiguous buffers of doubles";
        else if (views[i].len != views[0].len)
            why = "price_sum needs five buffers of one length";
        if (why) {
            PyErr_SetString(PyExc_TypeError, why);
            for (; i >= 0; i--)
                PyBuffer_Release(&views[i]);
            return -1;
        }
    }
    return 0;
}

static PyObject *price_sum(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    Py_buffer v[FIELDS];
    if (nargs != FIELDS) {
        PyErr_SetString(PyExc_TypeError, "price_sum(spots, strikes, rates, vols, expiries) takes 5 buffers");
        return NULL;
    }
    if (get_columns(args, v) < 0)
        return NULL;
    size_t n = (size_t)(v[0].len / v[0].itemsize);
    double total;
    Py_BEGIN_ALLOW_THREADS
    total = gb_patterns_price_sum(v[0].buf, v[1].buf, v[2].buf, v[3].buf, v[4].buf, n);
    Py_END_ALLOW_THREADS
    for (int i = 0; i < FIELDS; i++)
        PyBuffer_Release(&v[i]);
    return PyFloat_FromDouble(total);
}

static PyMethodDef methods[] = {
    {"call_price", (PyCFunction)(void (*)(void))call_price, METH_FASTCALL,
     "call_price(spot, strike, rate, vol, expiry) -> one call's price, one crossing."},
    {"price_sum", (PyCFunction)(void (*)(void))price_sum, METH_FASTCALL,
     "price_sum(spots, strikes, rates, vols, expiries) -> sum of the prices (buffers of doubles)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_gb_patterns", "The patterns scenario's C kernel.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__gb_patterns(void)
{
    return PyModule_Create(&module);
}
