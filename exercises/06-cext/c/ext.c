/* ext.c: exercise 6's CPython extension _gb_ex_cext (yours).  Thin: convert
 * the arguments, call the kernel (kernel.c), box the result.  Compiled by
 * kernels/ext/ex_cext.c together with the kernel (make build).
 *
 *   clamp(x, lo, hi)          METH_FASTCALL: three floats, no argument tuple
 *   clamp_sum(buf, lo, hi)    METH_FASTCALL: a buffer of doubles (array('d'),
 *                             memoryview) read through the buffer protocol,
 *                             the GIL released around the C loop
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "ex_cext.h"

static PyObject *clamp(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    /* exercise 6: check nargs == 3, PyFloat_AsDouble each argument (and
     * PyErr_Occurred on -1.0), return PyFloat_FromDouble(gb_ex_cext_clamp(...)). */
    PyErr_SetString(PyExc_NotImplementedError, "exercise 6: write clamp() in c/ext.c");
    return NULL;
}

static PyObject *clamp_sum(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    /* exercise 6: PyObject_GetBuffer(args[0], &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS),
     * check the format is "d", read lo and hi, call gb_ex_cext_clamp_sum between
     * Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS, PyBuffer_Release. */
    PyErr_SetString(PyExc_NotImplementedError, "exercise 6: write clamp_sum() in c/ext.c");
    return NULL;
}

static PyMethodDef methods[] = {
    {"clamp", (PyCFunction)(void (*)(void))clamp, METH_FASTCALL,
     "clamp(x, lo, hi) -> x limited to [lo, hi]; one crossing per item."},
    {"clamp_sum", (PyCFunction)(void (*)(void))clamp_sum, METH_FASTCALL,
     "clamp_sum(buffer of doubles, lo, hi) -> the sum of the clamped values."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_gb_ex_cext", "Exercise 6: a C kernel as an extension.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__gb_ex_cext(void)
{
    return PyModule_Create(&module);
}
