@testable import PyBytecode

/// The module every oracle test compiles: varied CPython 3.11 code (loops,
/// comprehensions, closures, try/except/finally, except*, with, async def,
/// generators, f-strings, keyword calls, global/nonlocal, match, class bodies,
/// every binary operator, multi-line and very long lines), plus generated
/// functions big enough to need EXTENDED_ARG: more than 256 constants, names
/// and locals, jumps longer than 255 code units, offsets past 10000 and lines
/// past 1000 (which widen `dis`'s columns).
enum FixtureModule {
    /// The hand-written part.
    static let handWritten = #"""
        """Fixture for pyframe's bytecode tests: varied CPython 3.11 code."""
        import os.path as osp
        from collections import namedtuple as _nt, OrderedDict
        from os.path import *

        GLOBAL_COUNTER = 0
        LONG_TEXT = "a long constant whose repr is cut by the recorder: 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789"
        UNICODE = 'héllo ✓ wörld'
        NUMBERS = (1, 2.5, -3, 4j, 10**20, -2**200, b"bytes", None, True, ..., frozenset({1}), frozenset(), (), ("one",), ((1, 2), frozenset({"a", "b", 3}))); SLICED = NUMBERS[1:-1:2]


        def loops(n):
            total = 0
            for i in range(n):
                if i % 3 == 0:
                    continue
                elif i > 100:
                    break
                total += i
            else:
                total -= 1
            while n > 0:
                n -= 1
                if n is None or n is not None and n in (1, 2) and n not in [3]:
                    pass
            return total


        def comprehensions(xs):
            a = [x * 2 for x in xs if x]
            b = {x: x ** 2 for x in xs}
            c = {x for x in xs}
            d = list(x for x in xs)
            return a, b, c, d


        def closures(a, /, b, *args, c=1, d, **kwargs):
            cell = a
            def inner(e):
                nonlocal cell
                cell += e
                return cell + b
            lam = lambda q, r=2, *, s=3: q + cell + r + s
            del a
            return inner, lam


        def argument_cell(x, y):
            def get():
                return x
            del y
            return get


        def deleting_deref():
            v = 1
            def use():
                return v
            del v
            return use


        def class_deref():
            x = 1
            class Local:
                y = x
                def method(self):
                    return x
            return Local


        class Base:
            attr = 1

            def method(self, v):
                return super().method(v)

            @property
            def prop(self):
                return self.attr

            @staticmethod
            def smeth(*a, **k):
                ...

            class Inner:
                def deep(self):
                    return __class__


        def exceptions(path):
            try:
                f = open(path)
            except (OSError, ValueError) as e:
                print("err", e)
                raise RuntimeError("x") from e
            except Exception:
                raise
            else:
                return f
            finally:
                print("done")


        def exception_groups():
            try:
                pass
            except* ValueError as eg:
                print(eg)
            except* TypeError:
                pass


        def with_statement(path):
            with open(path) as f, open(path) as g:
                return f.read() + g.read()


        async def coroutine(x):
            async with x as y:
                async for z in y:
                    await z
            return [a async for a in x]


        async def async_generator():
            yield 1
            await something()


        def generator(n):
            yield n
            x = yield from range(n)
            return x


        def fstrings(x, y):
            return f"{x!r:>10} {y!s} {x!a} {y:{x}} {x=} {x}"


        def keyword_calls(f, args, kwargs):
            f(1, 2, key=3, other=4)
            f(*args, **kwargs)
            f(*args)
            f(key=5)
            return f(1, key=3, **kwargs)


        def global_statements():
            global GLOBAL_COUNTER
            GLOBAL_COUNTER += 1
            del GLOBAL_COUNTER


        def matching(p):
            match p:
                case {"k": v, **rest}:
                    return v, rest
                case [1, 2, *others]:
                    return others
                case Base(attr=3) | OrderedDict():
                    return p
                case str() as s if s:
                    return s
                case _:
                    return None


        def operators(a, b):
            r = (a + b, a - b, a * b, a / b, a // b, a % b, a ** b, a @ b,
                 a << b, a >> b, a & b, a | b, a ^ b, -a, +a, ~a, not a, a[b], a[1:b], a[::2])
            a += b; a -= b; a *= b; a /= b; a //= b; a %= b; a **= b; a @= b
            a <<= b; a >>= b; a &= b; a |= b; a ^= b
            return r, a < b < 3, a <= b, a == b, a != b, a > b, a >= b, a and b or a


        def unpacking(seq, obj):
            first, *middle, last = seq
            x, y = y, x = seq[:2]
            seq[1:2] = [1]
            del seq[0]
            obj.attr = 1
            del obj.attr
            (w := len(seq))
            assert w, "message"
            d = {"a": 1, "b": x}
            e = {"a": 1, "b": 2}
            s = {1, 2, *seq}
            t = (*seq, 1)
            m = {**d, **e}
            return first, middle, last, d, e, s, t, m


        def annotated(a: int, b: "str" = "x", *, c: float = 1.0) -> list:
            import sys
            from os import path, sep as separator
            return sys, path, separator


        def try_in_loop(items):
            for item in items:
                try:
                    if item:
                        continue
                    break
                finally:
                    print(item)
            return items


        def none_loops(x, f):
            while x is None:
                x = f()
            while x is not None:
                x = f()
            return x is f, x is not f


        class Annotated:
            value: int = 1
            other = 2
            del other


        def far_apart_lines(a):
            x = a



            y = x
            return (x +
                    y +

                    a)


        def long_line(a):
            return a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a + a


        print(loops(5), comprehensions([1]), fstrings(1, 2))
        """#

    /// The whole module: the hand-written part, then the generated functions.
    static let source: String = {
        var lines = [handWritten, "", "", "def huge(a):"]
        lines += (0..<1100).map { "    x\($0) = a + \(1000 + $0).5" }
        lines += ["    return x1099", "", "", "def many_globals():"]
        lines += (0..<300).map { "    g\($0)()" }
        lines += ["", "", "def long_jumps(a):", "    if a:"]
        lines += (0..<300).map { "        a += \($0)" }
        lines += ["    while a:"]
        lines += (0..<300).map { "        a -= \($0)" }
        lines += ["    return a", ""]
        return lines.joined(separator: "\n")
    }()

    /// Code appended to ``source`` for the oracle tests of each version: an
    /// import of the empty module name (`from . import x`, whose IMPORT_NAME
    /// 3.15's dis shows without its eager/lazy flag), then code only newer
    /// versions compile:
    /// type parameters and `type` aliases (3.12 on; CALL_INTRINSIC_2 and
    /// the typing intrinsics), template strings and unparenthesised
    /// `except` lists (3.14 on; BUILD_TEMPLATE, BUILD_INTERPOLATION).
    static let newer: [(since: PythonVersion, source: String)] = [
        (PythonVersion(3, 11), #"""


            def relative_import():
                from . import sibling
                from .. import cousin as c
                import os.path as p
                return sibling, c, p
            """#),
        (PythonVersion(3, 12), #"""


            def generic_function[T: int, *Ts, **P](x: T, *args: *Ts) -> T:
                return x


            class GenericBox[T]:
                def get(self) -> T:
                    return self.value


            type Alias[K] = dict[K, int]
            """#),
        (PythonVersion(3, 14), #"""


            def template_strings(name, value, width):
                return t"hello {name!r:>10} {value:{width}} {value!s} {name = }"


            def except_lists(f):
                try:
                    return f()
                except ValueError, TypeError:
                    return None


            async def async_loops(items):
                async for item in items:
                    print(item)
            """#),
    ]

    /// The module as `version` compiles it: ``source`` plus the newer code
    /// that version understands.
    static func source(for version: PythonVersion) -> String {
        source + newer.filter { version >= $0.since }.map(\.source).joined()
    }
}
