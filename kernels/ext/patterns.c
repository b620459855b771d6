/* _gb_patterns: the `patterns` kernel as a CPython extension.
 *
 * Thin on purpose: convert the arguments, call the kernel.  call_price() is
 * the per-option crossing (METH_FASTCALL: five floats, no argument tuple);
 * price_sum() is the batched one (five buffers of doubles, one per field,
 * with the GIL released around the C loop); price_sum_tuples() is batched
 * too but takes the list of option tuples itself, unboxing them in C into
 * five columns before the same loop.
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

/* Unboxes option i (a 5-tuple of numbers) into row i of the columns;
 * -1 with an exception set when it is not one. */
static int unbox_option(PyObject *option, double *cols[FIELDS], Py_ssize_t i)
{
    if (!PyTuple_Check(option) || PyTuple_GET_SIZE(option) != FIELDS) {
        PyErr_SetString(PyExc_TypeError, "price_sum_tuples needs (spot, strike, rate, vol, expiry) tuples");
        return -1;
    }
    for (int f = 0; f < FIELDS; f++) {
        cols[f][i] = PyFloat_AsDouble(PyTuple_GET_ITEM(option, f));
        if (cols[f][i] == -1.0 && PyErr_Occurred())
            return -1;
    }
    return 0;
}

/* The copy a batched call makes when the book starts as Python objects:
 * the tuples unboxed into one allocation of five columns (the GIL held),
 * then the kernel with the GIL released. */
static PyObject *price_sum_tuples(PyObject *self, PyObject *arg)
{
    (void)self;
    PyObject *seq = PySequence_Fast(arg, "price_sum_tuples needs a list of option tuples");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    double *block = PyMem_Malloc((size_t)(n ? n : 1) * FIELDS * sizeof *block);
    if (!block) {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    double *cols[FIELDS];
    for (int f = 0; f < FIELDS; f++)
        cols[f] = block + (size_t)f * (size_t)n;
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *result = NULL;
    for (Py_ssize_t i = 0; i < n; i++)
        if (unbox_option(items[i], cols, i) < 0)
            goto done;
    double total;
    Py_BEGIN_ALLOW_THREADS
    total = gb_patterns_price_sum(cols[0], cols[1], cols[2], cols[3], cols[4], (size_t)n);
    Py_END_ALLOW_THREADS
    result = PyFloat_FromDouble(total);
done:
    PyMem_Free(block);
    Py_DECREF(seq);
    return result;
}

static PyMethodDef methods[] = {
    {"call_price", (PyCFunction)(void (*)(void))call_price, METH_FASTCALL,
     "call_price(spot, strike, rate, vol, expiry) -> one call's price, one crossing."},
    {"price_sum", (PyCFunction)(void (*)(void))price_sum, METH_FASTCALL,
     "price_sum(spots, strikes, rates, vols, expiries) -> sum of the prices (buffers of doubles)."},
    {"price_sum_tuples", price_sum_tuples, METH_O,
     "price_sum_tuples(list of option tuples) -> sum of the prices, unboxed in C."},
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
