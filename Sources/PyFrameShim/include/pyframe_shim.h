// pyframe_shim.h — the only C in pyframe (with pyframe_c_calls.h, its part
// for `--c-calls`, and module.c).
//
// Swift reaches CPython's public C API directly through this header. What it
// cannot reach is here: the internal frame layout (`_PyInterpreterFrame`, only
// visible with Py_BUILD_CORE), the layout of a code object's co_extra slots,
// macros (Py_None), the cycle counter and initial-exec thread-local storage.
// Every accessor is `static inline` so that the Swift hot path compiles to the
// same loads a C hook would do.
//
// Version-specific CPython details live in this header alone, one section
// per family of CPython versions (3.11–3.12, 3.13, 3.14–3.15), each giving
// the same accessors; the recorder is built once per version against that
// version's headers (Tools/build-recorders.sh).
#ifndef PYFRAME_SHIM_H
#define PYFRAME_SHIM_H

#ifndef NDEBUG
#define NDEBUG 1
#endif
// The C library is included before Python.h on purpose: pyconfig.h defines
// _XOPEN_SOURCE, which changes glibc's struct layouts (fd_set) from those of
// Swift's Glibc module, and the two must agree when Swift imports both.
#include <features.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <pthread.h>
#include <unistd.h>

#ifndef Py_BUILD_CORE
#define Py_BUILD_CORE 1
#endif
#include <Python.h>

// MARK: - Version families
//
// Each section gives the same accessors for one family of CPython versions:
//   pf_frame_code(frame)          the code object a frame evaluates
//   pf_frame_is_generator(frame)  the frame belongs to a generator/coroutine
//   pf_generator_suspended(frame) after evaluation: it yielded or awaited
//   pf_frame_first_local(frame)   the first argument (borrowed), as the
//                                 frame starts
//   PF_EVAL_C_STACK_UNITS         C-recursion units one entry into
//                                 _PyEval_EvalFrameDefault costs (see
//                                 pf_eval_call), 0 where none are counted
//   PF_INLINE_INIT_FRAMES         1 where the interpreter runs some
//                                 `__init__` frames without the hook (3.13)
//   PF_CHECK_C_STACK              1 where the interpreter does not watch the
//                                 real C stack, so the hook must (< 3.14)
// The enum values the recorder relies on are pinned with _Static_assert, so
// a renumbering fails the build rather than the recording.

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x03100000
#error "pyframe's shim supports CPython 3.11 to 3.15"
#endif
#ifdef Py_GIL_DISABLED
#error "pyframe does not support free-threaded CPython builds"
#endif

#if PY_VERSION_HEX < 0x030D0000
// MARK: CPython 3.11 and 3.12: `f_code`, one suspended state.
#include <internal/pycore_frame.h>

static inline PyCodeObject *pf_frame_code(struct _PyInterpreterFrame *frame) {
    return frame->f_code;
}
static inline int pf_state_is_suspended(int8_t state) { return state == FRAME_SUSPENDED; }
static inline PyObject *pf_frame_first_local(struct _PyInterpreterFrame *frame) {
    return frame->localsplus[0];
}
_Static_assert(FRAME_OWNED_BY_GENERATOR == 1, "frame owner renumbered");
#if PY_VERSION_HEX < 0x030C0000
// 3.11 counts Python and C recursion in one counter, per frame, as untraced.
#define PF_EVAL_C_STACK_UNITS 0
#else
// 3.12 charges every entry into the eval loop 2 units of the C recursion
// limit (PY_EVAL_C_STACK_UNITS in Python/ceval.c).
#define PF_EVAL_C_STACK_UNITS 2
#endif
#define PF_INLINE_INIT_FRAMES 0
static inline struct _PyInterpreterFrame *pf_current_inline_init_frame(void) { return NULL; }
#define PF_CHECK_C_STACK 1

#if PY_VERSION_HEX < 0x030C0000
// 3.11 has no sys.monitoring: C calls (`--c-calls`) are seen by a C profile
// function per thread (PyTrace_C_CALL, C_RETURN, C_EXCEPTION), set here
// directly rather than through PyEval_SetProfile, which raises the audit
// event `sys.setprofile` the program's own audit hooks would see. Its
// profile object stays NULL, so `sys.getprofile()` still returns None.
#define PF_C_CALLS_BY_PROFILE 1
#include <internal/pycore_pystate.h>

/// Sets `func` as the calling thread's profile function unless the thread
/// already has one (the program's own, which then wins).
static inline void pf_c_profile_install(Py_tracefunc func) {
    PyThreadState *tstate = PyThreadState_GET();
    if (tstate->c_profilefunc != NULL) {
        return;
    }
    tstate->c_profileobj = NULL;
    tstate->c_profilefunc = func;
    _PyThreadState_UpdateTracingState(tstate);
}

/// Takes `func` off every thread of the interpreter that still has it.
static inline void pf_c_profile_remove(Py_tracefunc func) {
    PyThreadState *t = PyInterpreterState_ThreadHead(PyInterpreterState_Get());
    for (; t != NULL; t = PyThreadState_Next(t)) {
        if (t->c_profilefunc == func) {
            t->c_profilefunc = NULL;
            _PyThreadState_UpdateTracingState(t);
        }
    }
}
#else
#define PF_C_CALLS_BY_PROFILE 0
static inline void pf_c_profile_install(Py_tracefunc func) { (void)func; }
static inline void pf_c_profile_remove(Py_tracefunc func) { (void)func; }
#endif

#elif PY_VERSION_HEX < 0x030E0000
// MARK: CPython 3.13: `f_executable`, suspended in yield or in yield-from/await.
#include <internal/pycore_frame.h>

static inline PyCodeObject *pf_frame_code(struct _PyInterpreterFrame *frame) {
    return (PyCodeObject *)frame->f_executable;
}
static inline int pf_state_is_suspended(int8_t state) { return FRAME_STATE_SUSPENDED(state); }
static inline PyObject *pf_frame_first_local(struct _PyInterpreterFrame *frame) {
    return frame->localsplus[0];
}
_Static_assert(FRAME_OWNED_BY_GENERATOR == 1, "frame owner renumbered");
#define PF_EVAL_C_STACK_UNITS 2

// 3.13's CALL_ALLOC_AND_ENTER_INIT (a call of a simple class) pushes the
// class's `__init__` frame in the caller's eval loop, below a cleanup frame
// whose code (`_Py_InitCleanup`) carries CO_NO_MONITORING_EVENTS, and never
// asks the eval-frame hook. The recorder counts those frames through
// sys.monitoring instead (InlineInitFrames.swift).
#define PF_INLINE_INIT_FRAMES 1
#define PF_CHECK_C_STACK 1
// C calls (`--c-calls`) are seen through sys.monitoring (CCalls.swift).
#define PF_C_CALLS_BY_PROFILE 0
static inline void pf_c_profile_install(Py_tracefunc func) { (void)func; }
static inline void pf_c_profile_remove(Py_tracefunc func) { (void)func; }

/// The calling thread's current frame if CALL_ALLOC_AND_ENTER_INIT pushed it
/// (it sits on `_Py_InitCleanup`'s frame), else NULL.
static inline struct _PyInterpreterFrame *pf_current_inline_init_frame(void) {
    struct _PyInterpreterFrame *frame = PyThreadState_GET()->current_frame;
    if (frame == NULL || frame->previous == NULL) {
        return NULL;
    }
    PyObject *below = frame->previous->f_executable;
    if (below == NULL || !PyCode_Check(below) ||
        !(((PyCodeObject *)below)->co_flags & CO_NO_MONITORING_EVENTS)) {
        return NULL;
    }
    return frame;
}

#else
// MARK: CPython 3.14 and 3.15: `f_executable` is a tagged stack reference;
// the C recursion limit is measured on the real C stack.
#include <internal/pycore_frame.h>
#include <internal/pycore_interpframe.h>

static inline PyCodeObject *pf_frame_code(struct _PyInterpreterFrame *frame) {
    return (PyCodeObject *)PyStackRef_AsPyObjectBorrow(frame->f_executable);
}
static inline int pf_state_is_suspended(int8_t state) { return FRAME_STATE_SUSPENDED(state); }
static inline PyObject *pf_frame_first_local(struct _PyInterpreterFrame *frame) {
    return PyStackRef_AsPyObjectBorrow(frame->localsplus[0]);
}
_Static_assert(FRAME_OWNED_BY_GENERATOR == 1, "frame owner renumbered");
#define PF_EVAL_C_STACK_UNITS 0
#define PF_INLINE_INIT_FRAMES 0
static inline struct _PyInterpreterFrame *pf_current_inline_init_frame(void) { return NULL; }
// 3.14 measures the C stack itself and raises RecursionError near its end.
#define PF_CHECK_C_STACK 0
// C calls (`--c-calls`) are seen through sys.monitoring (CCalls.swift).
#define PF_C_CALLS_BY_PROFILE 0
static inline void pf_c_profile_install(Py_tracefunc func) { (void)func; }
static inline void pf_c_profile_remove(Py_tracefunc func) { (void)func; }
// From 3.14 a code object with anything in co_extra is not "stateless":
// `concurrent.interpreters` refuses to share its function with another
// interpreter. Code ids live in the recorder's own table (CodeIdTable),
// emptied of a code object when a code watcher says it is destroyed.
#define PF_CODE_IDS_IN_TABLE 1
#endif
#ifndef PF_CODE_IDS_IN_TABLE
#define PF_CODE_IDS_IN_TABLE 0
#endif

// MARK: - Every version

#include <internal/pycore_code.h>  // CO_FAST_* kinds of fast locals
#if PY_VERSION_HEX >= 0x030D0000
#include <internal/pycore_setobject.h>  // _PySet_NextEntry, internal since 3.13
#endif

/// The next member of a set or frozenset at `*pos` (borrowed), advancing
/// `*pos`; 0 at the end. Unlike an iterator it allocates nothing.
static inline int pf_set_next(PyObject *set, Py_ssize_t *pos, PyObject **key) {
    Py_hash_t hash;
    return _PySet_NextEntry(set, pos, key, &hash);
}

/// Kinds of a code object's fast locals (co_localspluskinds), from
/// Include/internal/pycore_code.h, the same in 3.11 to 3.15: a name may be
/// both a local and a cell (an argument a closure captures).
enum {
    PF_CO_FAST_LOCAL = CO_FAST_LOCAL,
    PF_CO_FAST_CELL = CO_FAST_CELL,
    PF_CO_FAST_FREE = CO_FAST_FREE,
};

/// The kind byte of fast local `i` of `code`.
static inline unsigned char pf_code_local_kind(PyCodeObject *code, Py_ssize_t i) {
    return (unsigned char)PyBytes_AS_STRING(code->co_localspluskinds)[i];
}

/// The eval-frame hook signature of PEP 523 (unchanged from 3.11 to 3.15).
typedef _PyFrameEvalFunction pf_eval_func;

/// True when the frame belongs to a generator, coroutine or async generator.
/// Such a frame is entered only to resume it: the call that creates a
/// generator runs its frame while the thread still owns it.
static inline int pf_frame_is_generator(struct _PyInterpreterFrame *frame) {
    return frame->owner == FRAME_OWNED_BY_GENERATOR;
}

/// After evaluation returned a value: true if the generator frame suspended
/// (yield or await) rather than returned. Valid only for generator frames,
/// whose memory the generator object keeps alive across the call.
static inline int pf_generator_suspended(struct _PyInterpreterFrame *frame) {
    PyGenObject *gen = (PyGenObject *)((char *)frame - offsetof(PyGenObject, gi_iframe));
    return pf_state_is_suspended(gen->gi_frame_state);
}

/// Mirror of CPython's private `_PyCodeObjectExtra` (Objects/codeobject.c,
/// the same from 3.11 to 3.15): a size followed by one pointer per index
/// handed out by `PyUnstable_Eval_RequestCodeExtraIndex`. Reading it directly
/// avoids a call per frame.
typedef struct {
    Py_ssize_t ce_size;
    void *ce_extras[1];
} pf_code_extra;

/// The value stored at `index` in the code object's co_extra, or 0.
static inline uintptr_t pf_code_extra_get(PyCodeObject *code, Py_ssize_t index) {
    pf_code_extra *extra = (pf_code_extra *)code->co_extra;
    if (extra == NULL || index >= extra->ce_size) {
        return 0;
    }
    return (uintptr_t)extra->ce_extras[index];
}

/// Stores `value` at `index` in the code object's co_extra (GIL held);
/// returns 0, or -1 when out of memory (nothing changed).
///
/// CPython's own setter sizes the slot array to every index handed out so
/// far, and at finalization calls each other co_extra user's free function
/// on its (NULL) slot of every code object pyframe touched: a program that
/// registers a free function would see calls it never asked for. Here the
/// array grows only to `index + 1`, with the same allocator CPython frees
/// it with, so other users' slots exist exactly where they set them.
static inline int pf_code_extra_set(PyCodeObject *code, Py_ssize_t index, uintptr_t value) {
    pf_code_extra *extra = (pf_code_extra *)code->co_extra;
    if (extra == NULL || index >= extra->ce_size) {
        Py_ssize_t old = extra == NULL ? 0 : extra->ce_size;
        pf_code_extra *grown = (pf_code_extra *)PyMem_Realloc(
            extra, sizeof(pf_code_extra) + (size_t)index * sizeof(void *));
        if (grown == NULL) {
            return -1;
        }
        for (Py_ssize_t i = old; i <= index; i++) {
            grown->ce_extras[i] = NULL;
        }
        grown->ce_size = index + 1;
        code->co_extra = grown;
        extra = grown;
    }
    extra->ce_extras[index] = (void *)value;
    return 0;
}

/// A co_extra index of pyframe's own (no free function: the slot holds an
/// integer id), or -1 when all are taken.
static inline Py_ssize_t pf_code_extra_request_index(void) {
#if PY_VERSION_HEX < 0x030C0000
    return _PyEval_RequestCodeExtraIndex(NULL);
#else
    return PyUnstable_Eval_RequestCodeExtraIndex(NULL);
#endif
}

/// Registers `destroyed` to be called (GIL held) with each code object about
/// to be freed; returns the watcher id, or -1 (before 3.12, which has no code
/// watchers, or when all are taken).
int pf_code_watch_destruction(void (*destroyed)(PyCodeObject *));

/// Python's default frame evaluator, called when no other hook was installed.
static inline PyObject *pf_eval_default(PyThreadState *tstate,
                                        struct _PyInterpreterFrame *frame,
                                        int throwflag) {
    return _PyEval_EvalFrameDefault(tstate, frame, throwflag);
}

/// Calls an eval-frame function through its pointer (CPython's, or a chained
/// hook). Untraced, 3.12 and 3.13 run a Python-to-Python call inside the
/// caller's eval loop; with a hook each call enters the loop afresh, which
/// charges the C recursion limit. The frame is credited those units back, so
/// a traced program reaches RecursionError at the same depth as untraced.
static inline PyObject *pf_eval_call(pf_eval_func func, PyThreadState *tstate,
                                     struct _PyInterpreterFrame *frame,
                                     int throwflag) {
#if PF_EVAL_C_STACK_UNITS
    tstate->c_recursion_remaining += PF_EVAL_C_STACK_UNITS;
    PyObject *result = func(tstate, frame, throwflag);
    tstate->c_recursion_remaining -= PF_EVAL_C_STACK_UNITS;
    return result;
#else
    return func(tstate, frame, throwflag);
#endif
}

/// The current interpreter's eval-frame function, and installing one.
static inline pf_eval_func pf_get_eval_func(void) {
    return _PyInterpreterState_GetEvalFrameFunc(PyInterpreterState_Get());
}
static inline void pf_set_eval_func(pf_eval_func func) {
    _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState_Get(), func);
}

// The C-function accessors and callbacks (`--c-calls`) are in
// pyframe_c_calls.h, included at the end of this header.

// MARK: - Version-independent helpers

/// `Py_None`, which is a macro Swift cannot import.
static inline PyObject *pf_none(void) { return Py_None; }
static inline PyObject *pf_true(void) { return Py_True; }
static inline PyObject *pf_false(void) { return Py_False; }
/// A new reference to None, inline (Py_IncRef is a call).
static inline PyObject *pf_none_ref(void) { return Py_NewRef(Py_None); }

/// Type checks that are macros in Python.h.
static inline int pf_is_code(PyObject *o) { return PyCode_Check(o); }
static inline int pf_is_tuple(PyObject *o) { return PyTuple_Check(o); }
static inline int pf_is_frozenset(PyObject *o) { return PyFrozenSet_Check(o); }
static inline int pf_is_unicode(PyObject *o) { return PyUnicode_Check(o); }
/// A compact ASCII `str`'s characters in place (its UTF-8 too) and their
/// count, or NULL for any other string: no copy, no Python object made.
static inline const char *pf_unicode_ascii(PyObject *o, Py_ssize_t *length) {
    if (!PyUnicode_Check(o) || !PyUnicode_IS_COMPACT_ASCII(o)) return NULL;
    *length = PyUnicode_GET_LENGTH(o);
    return (const char *)PyUnicode_DATA(o);
}
static inline int pf_is_bytes(PyObject *o) { return PyBytes_Check(o); }
static inline int pf_is_dict(PyObject *o) { return PyDict_Check(o); }
static inline int pf_is_long(PyObject *o) { return PyLong_Check(o); }
static inline int pf_is_slice(PyObject *o) { return PySlice_Check(o); }
static inline int pf_is_float(PyObject *o) { return PyFloat_CheckExact(o); }
static inline int pf_is_complex(PyObject *o) { return PyComplex_CheckExact(o); }
static inline PyObject *pf_ellipsis(void) { return Py_Ellipsis; }

/// Timestamp source for events: the CPU's invariant time-stamp counter on
/// x86-64 (about 10 ns here against about 22 ns for clock_gettime), converted
/// to nanoseconds by the recorder's calibration; CLOCK_MONOTONIC elsewhere.
static inline uint64_t pf_ticks(void) {
#if defined(__x86_64__)
    return __builtin_ia32_rdtsc();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
#endif
}

/// 1 when `pf_ticks` counts CPU cycles that need calibration, 0 when it is ns.
static inline int pf_ticks_are_cycles(void) {
#if defined(__x86_64__)
    return 1;
#else
    return 0;
#endif
}

/// glibc's default attributes for new threads (GNU extensions, declared
/// here because Swift's Glibc module is built without _GNU_SOURCE).
extern int pthread_getattr_default_np(pthread_attr_t *attr);
extern int pthread_setattr_default_np(const pthread_attr_t *attr);
extern int pthread_getattr_np(pthread_t thread, pthread_attr_t *attr);

/// The current C stack position (stacks grow down on every target here).
static inline uintptr_t pf_stack_address(void) {
    return (uintptr_t)__builtin_frame_address(0);
}

/// CLOCK_MONOTONIC in nanoseconds.
static inline uint64_t pf_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/// CLOCK_REALTIME in nanoseconds since the Unix epoch.
static inline uint64_t pf_realtime_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/// The calling thread's recorder state. Initial-exec TLS: one load from the
/// thread pointer, no call to __tls_get_addr on the hot path.
extern __thread void *pf_thread_slot __attribute__((tls_model("initial-exec")));
static inline void *pf_tls_get(void) { return pf_thread_slot; }
static inline void pf_tls_set(void *value) { pf_thread_slot = value; }

/// Creates the `_pyframe` module object. Its functions are implemented in
/// Swift (PyFrameRecorder/PythonModule.swift) under these C names.
PyObject *pf_module_create(void);

PyObject *pyframe_module_start(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *pyframe_module_stop(PyObject *self, PyObject *unused);
PyObject *pyframe_module_name_thread(PyObject *self, PyObject *name);
PyObject *pyframe_module_after_fork_child(PyObject *self, PyObject *unused);
PyObject *pyframe_module_is_recording(PyObject *self, PyObject *unused);
PyObject *pyframe_module_mark(PyObject *self, PyObject *label);

/// sys.monitoring callbacks for `__init__` frames the hook cannot see (3.13):
/// PY_START (code, offset), PY_RETURN (code, offset, value) and PY_UNWIND
/// (code, offset, exception). `pf_inline_init_callback(k)` makes the
/// callable for kind k (0, 1, 2: start, return, unwind); a new reference.
PyObject *pyframe_inline_init_started(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *pyframe_inline_init_returned(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *pyframe_inline_init_unwound(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *pf_inline_init_callback(int kind);

/// Keeping the writer thread out of os.fork's count of threads (ForkPause.swift).
/// From 3.12, os.fork() and os.forkpty() warn when the process has more than
/// one thread; 3.11 does not, and needs none of this.
#if PY_VERSION_HEX >= 0x030C0000
#define PF_FORK_COUNTS_THREADS 1
#else
#define PF_FORK_COUNTS_THREADS 0
#endif
/// 3.13+ counts them after running the `after_in_parent` hooks; 3.12 before.
#if PY_VERSION_HEX >= 0x030D0000
#define PF_FORK_COUNTS_AFTER_HOOKS 1
#else
#define PF_FORK_COUNTS_AFTER_HOOKS 0
#endif
/// Swift's `before` and `after_in_parent` hooks for os.register_at_fork;
/// `pf_fork_callback(k)` makes the callable for kind k (0, 1: before, after
/// in the parent); a new reference.
void pyframe_before_fork(void);
void pyframe_after_fork_in_parent(void);
PyObject *pf_fork_callback(int kind);
/// Moves `hook` to the end of the interpreter's after-fork-in-parent hooks
/// (the list os.register_at_fork appends to), so that it runs after the
/// program's; 0, or -1 when it is not there (or before 3.12).
int pf_fork_hook_move_last(PyObject *hook);
/// Asks the interpreter to call `func` (GIL held) in whichever of its threads
/// next checks for pending work between instructions; 0, or -1 when its
/// queue is full (or before 3.12).
int pf_add_pending_call(int (*func)(void *));

#include "pyframe_c_calls.h"

#endif
