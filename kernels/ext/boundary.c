/* _gb_boundary: the `boundary` kernel as a CPython extension.
 *
 * Thin on purpose: convert the arguments, call the kernel.  square() is the
 * per-item crossing (METH_O: one object in, no argument tuple);
 * sum_squares() is the batched one (any buffer of doubles, with the GIL
 * released around the C loop); sum_squares_list() is batched too but takes
 * the Python list itself, unboxing each float in C before the same loop.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "boundary.h"

static PyObject *square(PyObject *self, PyObject *arg)
{
    (void)self;
    double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred())
        return NULL;
    return PyFloat_FromDouble(gb_boundary_square(x));
}

static PyObject *sum_squares(PyObject *self, PyObject *arg)
{
    (void)self;
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    if (view.itemsize != sizeof(double) || !view.format || strcmp(view.format, "d") != 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_TypeError, "sum_squares needs a contiguous buffer of doubles");
        return NULL;
    }
    double total;
    Py_BEGIN_ALLOW_THREADS
    total = gb_boundary_sum_squares(view.buf, (size_t)(view.len / view.itemsize));
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return PyFloat_FromDouble(total);
}

/* Unboxes a list or tuple of numbers into a fresh C array (one
 * PyFloat_AsDouble per item, the GIL held), then runs the kernel on it
 * with the GIL released.  The copy is what a batched call costs when the
 * data starts as Python objects. */
static PyObject *sum_squares_list(PyObject *self, PyObject *arg)
{
    (void)self;
    PyObject *seq = PySequence_Fast(arg, "sum_squares_list needs a list or tuple of numbers");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    double *xs = PyMem_Malloc((size_t)(n ? n : 1) * sizeof *xs);
    if (!xs) {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        xs[i] = PyFloat_AsDouble(items[i]);
        if (xs[i] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(xs);
            Py_DECREF(seq);
            return NULL;
        }
    }
    Py_DECREF(seq);
    double total;
    Py_BEGIN_ALLOW_THREADS
    total = gb_boundary_sum_squares(xs, (size_t)n);
    Py_END_ALLOW_THREADS
    PyMem_Free(xs);
    return PyFloat_FromDouble(total);
}

static PyMethodDef methods[] = {
    {"square", square, METH_O, "square(x) -> x*x, one crossing per call."},
    {"sum_squares", sum_squares, METH_O, "sum_squares(buffer of doubles) -> sum of squares."},
    {"sum_squares_list", sum_squares_list, METH_O,
     "sum_squares_list(list of numbers) -> sum of squares, unboxed in C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_gb_boundary", "The boundary scenario's C kernel.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__gb_boundary(void)
{
    return PyModule_Create(&module);
}
