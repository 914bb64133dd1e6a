import TraceFormat

/// The `pyframe` Python package: the API for recording part of a program and
/// marking instants in its trace, and the process integration (exit, fork,
/// thread names) that `pyframe record`'s bootstrap uses too.
///
/// `pyframe record` writes it beside its bootstrap, so `import pyframe` works
/// in every recorded program; `pyframe python-module install` puts it, with a
/// copy of the recorder library, into a Python environment for use without
/// `pyframe record`.
public enum PythonPackageSource {
    /// The package's folder name.
    public static let name = "pyframe"

    /// `pyframe/__init__.py`.
    public static let initText = #"""
    """pyframe's Python API: record part of a program, mark instants in its trace.

        import pyframe

        with pyframe.record("part.lz4"):
            work()

        pyframe.start("run.lz4", exclude=["*/site-packages/*"])
        pyframe.mark("before patch")
        ...
        pyframe.stop()

    Under `pyframe record` the whole program is already being recorded: mark()
    works, and start() raises OSError (one recording per process at a time).
    """
    import os
    import sys

    __all__ = ["start", "stop", "record", "mark", "is_recording"]

    _SEPARATOR = "\x1f"  # RecordingSettings.listSeparator
    _hooks_installed = False
    _under_record = False  # set by `pyframe record`'s bootstrap
    _warned_stop = False


    def _recorder():
        module = sys.modules.get("_pyframe")  # already loaded by `pyframe record`
        if module is None:
            from . import _pyframe as module  # the copy installed beside this file
            sys.modules["_pyframe"] = module
        return module


    def _install_process_hooks(recorder, after_fork_in_child=None):
        """Complete the trace at exit and on os._exit, and leave a parent's
        trace alone in a forked child. Once per process."""
        global _hooks_installed
        if _hooks_installed:
            return
        _hooks_installed = True
        import atexit

        atexit.register(recorder.stop)
        os.register_at_fork(after_in_child=after_fork_in_child or recorder._after_fork_child)
        exit_now = os._exit

        def _exit(status):
            recorder.stop()
            exit_now(status)

        _exit.__doc__ = exit_now.__doc__
        os._exit = _exit


    def _options(include=(), exclude=(), max_depth=None, ring=None, c_calls=False):
        # RecordingSettings.text: one key=value property a line.
        lines = ["\#(RecordingSettings.Key.hide)=" + os.path.dirname(os.path.abspath(__file__)) + os.sep]
        for glob in tuple(include) + tuple(exclude):
            if not glob or "\n" in glob or _SEPARATOR in glob:
                raise ValueError("include/exclude take globs without line breaks (got %r)" % (glob,))
        if include:
            lines.append("\#(RecordingSettings.Key.include)=" + _SEPARATOR.join(include))
        if exclude:
            lines.append("\#(RecordingSettings.Key.exclude)=" + _SEPARATOR.join(exclude))
        if max_depth is not None:
            lines.append("\#(RecordingSettings.Key.maxDepth)=%d" % max_depth)
        if ring is not None:
            lines.append("\#(RecordingSettings.Key.ring)=%s" % ring)  # bytes, or a size such as "64M" (as --ring)
        if c_calls:
            lines.append("\#(RecordingSettings.Key.cCalls)=1")
        return "\n".join(lines)


    def start(path, *, include=(), exclude=(), max_depth=None, ring=None, c_calls=False):
        """Start recording every frame into a new trace file at `path`.

        include/exclude: globs on file paths (`*` also matches `/`);
        max_depth: deepest frame recorded; ring: keep only about this many
        bytes of the newest events (an int, or a size such as "64M", as
        `pyframe record --ring`); c_calls: also record calls of C functions
        (as `pyframe record --c-calls`). Raises OSError if the file exists or
        if this process is already recording.
        """
        recorder = _recorder()
        _install_process_hooks(recorder)
        recorder.start(os.fspath(path), _options(include, exclude, max_depth, ring, c_calls))


    def stop():
        """Stop recording and complete the trace file (a warning says what was
        lost if it could not be written in full). Under `pyframe record`,
        which records the whole program, it does nothing but warn once."""
        global _warned_stop
        if _under_record:
            if not _warned_stop:
                _warned_stop = True
                sys.stderr.write("pyframe: pyframe.stop() does nothing under `pyframe record`, "
                                 "which records the whole program\n")
            return
        message = _recorder().stop()
        if message:
            import warnings

            warnings.warn(message, RuntimeWarning, stacklevel=2)


    class record:
        """Record the frames run inside the `with` block into `path`
        (a plain class, not contextlib: every process `pyframe record`
        follows imports this module, and start-up is what it pays)."""

        def __init__(self, path, **options):
            self._path = path
            self._options = options

        def __enter__(self):
            start(self._path, **self._options)
            return self

        def __exit__(self, *exc):
            stop()
            return False


    def mark(label):
        """Put a named instant in the trace (shown by report, exports and the
        HTML timeline). Returns False when nothing is being recorded."""
        module = sys.modules.get("_pyframe")
        return bool(module is not None and module.mark(str(label)))


    def is_recording():
        """Whether this process is recording."""
        module = sys.modules.get("_pyframe")
        return bool(module is not None and module.is_recording())
    """#
}
