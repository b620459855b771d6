/* _gb_boundary: the `boundary` kernel as a CPython extension.
 *
 * Thin on purpose: convert the arguments, call the kernel.  square() is the
 * per-item crossing (METH_O: one object in, no argument tuple);
 * sum_squares() is the batched one (any buffer of doubles, with the GIL
 * released around the C loop).
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

static PyMethodDef methods[] = {
    {"square", square, METH_O, "square(x) -> x*x, one crossing per call."},
    {"sum_squares", sum_squares, METH_O, "sum_squares(buffer of doubles) -> sum of squares."},
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
