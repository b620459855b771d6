/* ext.c: exercise 6's CPython extension _gb_ex_cext.  The solution.  Thin:
 * convert the arguments, call the kernel (kernel.c), box the result.
 *
 *   clamp(x, lo, hi)          METH_FASTCALL: three floats, no argument tuple
 *   clamp_sum(buf, lo, hi)    METH_FASTCALL: a buffer of doubles (array('d'),
 *                             memoryview) read through the buffer protocol,
 *                             the GIL released around the C loop
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "ex_cext.h"

/* args[first..first+count) as doubles; -1 with a Python error set. */
static int doubles(PyObject *const *args, Py_ssize_t first, Py_ssize_t count, double *out)
{
    for (Py_ssize_t i = 0; i < count; i++) {
        out[i] = PyFloat_AsDouble(args[first + i]);
        if (out[i] == -1.0 && PyErr_Occurred())
            return -1;
    }
    return 0;
}

static PyObject *clamp(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    double v[3];
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "clamp() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    if (doubles(args, 0, 3, v) != 0)
        return NULL;
    return PyFloat_FromDouble(gb_ex_cext_clamp(v[0], v[1], v[2]));
}

static PyObject *clamp_sum(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    double bounds[2], total;
    Py_buffer view;
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "clamp_sum() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    if (doubles(args, 1, 2, bounds) != 0)
        return NULL;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    if (view.itemsize != sizeof(double) || !view.format || strcmp(view.format, "d") != 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_TypeError, "clamp_sum needs a contiguous buffer of doubles");
        return NULL;
    }
    /* The loop reads only the buffer, which the view keeps alive: no
     * Python object is touched, so other threads may run meanwhile. */
    Py_BEGIN_ALLOW_THREADS
    total = gb_ex_cext_clamp_sum(view.buf, (size_t)(view.len / view.itemsize), bounds[0], bounds[1]);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return PyFloat_FromDouble(total);
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
