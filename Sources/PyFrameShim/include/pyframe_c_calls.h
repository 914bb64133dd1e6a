// pyframe_c_calls.h — the shim's part for C functions (`--c-calls`):
// recognising a call of a C function and the callbacks that report it
// (CCalls.swift). Included by pyframe_shim.h, which it needs first.
#ifndef PYFRAME_C_CALLS_H
#define PYFRAME_C_CALLS_H

#include "pyframe_shim.h"

/// The method definition a call of `callable` (with first argument `arg0`,
/// or a sentinel when none) runs, if it is a C function as CPython's
/// profiling sees one: a builtin function or method (PyCFunction), or a
/// method descriptor called with an instance of its type; else NULL. The
/// definition is static data: it names the C function whatever object
/// wraps it (`list.append` and every bound `xs.append` share one).
/// `*self` receives the bound object, or NULL for a descriptor.
static inline PyMethodDef *pf_c_function_def(PyObject *callable, PyObject *arg0, PyObject **self) {
    PyTypeObject *type = Py_TYPE(callable);
    if (type == &PyFunction_Type) {
        return NULL;  // most calls: a Python function, answered in one compare
    }
    if (type == &PyCFunction_Type || type == &PyCMethod_Type) {
        *self = ((PyCFunctionObject *)callable)->m_self;
        return ((PyCFunctionObject *)callable)->m_ml;
    }
    // `xs.append(x)` calls the descriptor with `xs` first (3.12+): tested
    // before the subtype walk below, which it would pay for nothing.
    if (type == &PyMethodDescr_Type) {
        if (arg0 != NULL && PyObject_TypeCheck(arg0, PyDescr_TYPE(callable))) {
            *self = NULL;
            return ((PyMethodDescrObject *)callable)->d_method;
        }
        return NULL;
    }
    if (PyType_IsSubtype(type, &PyCFunction_Type)) {
        *self = ((PyCFunctionObject *)callable)->m_self;
        return ((PyCFunctionObject *)callable)->m_ml;
    }
    return NULL;
}

/// A PyCFunction's module attribute (`m_module`, borrowed; may be NULL).
static inline PyObject *pf_c_function_module(PyObject *callable) {
    return PyCFunction_Check(callable) ? ((PyCFunctionObject *)callable)->m_module : NULL;
}

/// The type that defines a method descriptor, and a type's name as
/// `tp_name` has it (`re.Match`, `list`).
static inline PyTypeObject *pf_descr_type(PyObject *descr) { return PyDescr_TYPE(descr); }
static inline const char *pf_type_name(PyTypeObject *type) { return type->tp_name; }
static inline int pf_is_method_descr(PyObject *o) {
    return Py_IS_TYPE(o, &PyMethodDescr_Type) || Py_IS_TYPE(o, &PyClassMethodDescr_Type);
}
static inline int pf_is_module(PyObject *o) { return PyModule_Check(o); }

/// `name` looked up along `type`'s MRO without calling anything (borrowed; NULL if absent).
static inline PyObject *pf_type_lookup(PyTypeObject *type, PyObject *name) {
    return _PyType_Lookup(type, name);
}

/// Records a call (`kind` 0), return (2) or unwind (4: EventKind's raw
/// values) of the C function `definition` that `callable` (bound to `bound`)
/// runs (CCalls.swift). Only C function calls get this far: the callbacks
/// below answer every other call in C, in a few instructions.
void pyframe_c_call_seen(PyMethodDef *definition, PyObject *callable, PyObject *bound, int kind);

/// sys.monitoring callbacks for C calls (3.12+): CALL, C_RETURN and
/// C_RAISE, each (code, offset, callable, arg0). `pf_c_call_callback(k)`
/// makes the callable for kind k (0, 1, 2); a new reference.
PyObject *pf_c_call_callback(int kind);

/// 3.11's profile function for C calls: C_CALL, C_RETURN and C_EXCEPTION
/// name the PyCFunction in `arg` (a method descriptor arrives already
/// bound); Python frames' CALL and RETURN are the hook's and pass at once.
int pf_c_profile_function(PyObject *obj, PyFrameObject *frame, int what, PyObject *arg);

#endif
