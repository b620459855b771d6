/* _gb_concurrency: the `concurrency` kernel as a CPython extension.
 *
 * aggregate(body) parses one request body (any bytes-like object) and
 * returns its total.  The GIL is released while the C parser runs, so
 * several Python threads calling it parse on several cores at once.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "concurrency.h"

static PyObject *aggregate(PyObject *self, PyObject *arg)
{
    (void)self;
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    int64_t total;
    size_t errpos;
    int rc;
    /* The buffer stays exported until PyBuffer_Release, so its bytes cannot
     * move or change while other threads run Python. */
    Py_BEGIN_ALLOW_THREADS
    rc = gb_concurrency_aggregate(view.buf, (size_t)view.len, &total, &errpos);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    if (rc != 0)
        return PyErr_Format(PyExc_ValueError, "not an offers document (stopped at byte %zu)", errpos);
    return PyLong_FromLongLong((long long)total);
}

static PyMethodDef methods[] = {
    {"aggregate", aggregate, METH_O,
     "aggregate(body) -> sum of price + seats * flight minutes over the offers; "
     "parses with the GIL released."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_gb_concurrency", "The concurrency scenario's C kernel.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__gb_concurrency(void)
{
    return PyModule_Create(&module);
}
