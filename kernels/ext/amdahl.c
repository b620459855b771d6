/* _gb_amdahl: the `amdahl` compute part as a CPython extension.
 *
 * Thin on purpose: convert the two integers, run the kernel with the GIL
 * released, return the sum.  The Python handler keeps its own query.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "amdahl.h"

static PyObject *compute(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "compute(value, iters) takes two integers");
        return NULL;
    }
    long long value = PyLong_AsLongLong(args[0]);
    long long iters = PyLong_AsLongLong(args[1]);
    if ((value == -1 || iters == -1) && PyErr_Occurred())
        return NULL;
    if (value < 0 || iters < 0) {
        PyErr_SetString(PyExc_ValueError, "compute needs value >= 0 and iters >= 0");
        return NULL;
    }
    int64_t acc;
    Py_BEGIN_ALLOW_THREADS
    acc = gb_amdahl_compute(value, iters);
    Py_END_ALLOW_THREADS
    return PyLong_FromLongLong(acc);
}

static PyObject *iterations(PyObject *self, PyObject *arg)
{
    (void)self;
    long long share = PyLong_AsLongLong(arg);
    if (share == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLongLong(gb_amdahl_iterations(share));
}

static PyMethodDef methods[] = {
    {"compute", (PyCFunction)(void (*)(void))compute, METH_FASTCALL,
     "compute(value, iters) -> the compute part's sum, in C."},
    {"iterations", iterations, METH_O,
     "iterations(share) -> compute steps for a share in percent (-1 if out of range)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_gb_amdahl", "The amdahl scenario's compute kernel.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__gb_amdahl(void)
{
    return PyModule_Create(&module);
}
