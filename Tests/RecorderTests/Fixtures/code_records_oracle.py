"""Imports a spread of the standard library, runs a function with every kind
of constant, then prints (JSON, one object per code object of every live
function, nested ones included) what Python itself says a code record should
hold: the code object's attributes, its constants as `repr` gives them (cut
as the recorder cuts them) and the code hash computed here as
Traces/FORMAT.md defines it. CodeRecordOracleTests compares the recorded
code records with this."""
import argparse, asyncio, dataclasses, decimal, email.parser, fractions, gc, json, re, statistics, sys, types


def constants(x):
    a = (1, 2.5, -3, 4j, 10**20, -2**200, 2**64, -2**63, b"by\x00tes", None, True, False, ...,
         "it's", 'say "x"', "both ' \"", "x" * 119, "y" * 118, "z" * 200, "caf\xe9", "tab\there")
    b = (frozenset(), frozenset({1}), frozenset({40, 7, 3, (1, 2), -1.5}), (), ("one",), ((1, (2,)), "q"))

    # The same strings as constants of their own (call arguments are not folded into a tuple).
    s = str("it's", 'say "x"', "both ' \"", "x" * 119, "y" * 118, "w" * 117, "z" * 200, "caf\xe9", "tab\there", -7, 2**63,
            "line\nbreak", "back\\slash", "ctl\x01\x7f\r", "both ' \" and \n", "q" * 150 + "'", "'" + "r" * 170 + '"',
            "n\n" * 70, ("a\nb", 1, None, ("it's",)), (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59), ("one\t",)) if x is None else 0

    def inner():
        return "\u20ac" * 3

    return a, b, s, inner, x[1:-1:2]


constants([1, 2, 3])
statistics.mean([1, 2, 3])
fractions.Fraction(3, 4) + 1
json.loads(json.dumps({"a": [1, 2.5, None]}))
email.parser.Parser().parsestr("Subject: hi\n\nbody")
argparse.ArgumentParser(prog="p").parse_args([])
decimal.Decimal("1.5") * 2
re.compile(r"(a|b)+c").match("ababc")


def fnv(data, h):
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def fingerprint(c):
    if isinstance(c, types.CodeType):
        return "code:%s:%d" % (c.co_qualname, c.co_firstlineno)
    if isinstance(c, str):
        return "str:" + c
    if type(c) is tuple:
        return "(" + ",".join(fingerprint(m) for m in c) + ")"
    if type(c) is frozenset:
        return "frozenset{" + ",".join(sorted(fingerprint(m) for m in c)) + "}"
    return repr(c)


def code_hash(co):
    h = fnv(co.co_code, 0xCBF29CE484222325)
    h = fnv(b"consts\0", h)
    for c in co.co_consts:
        h = fnv(fingerprint(c).encode("utf-8", "surrogatepass") + b"\0", h)
    h = fnv(b"names\0", h)
    for name in co.co_names:
        h = fnv(name.encode() + b"\0", h)
    return "%016x" % h


def shown(c):
    if isinstance(c, types.CodeType):
        return "<code object %s, line %d>" % (c.co_name, c.co_firstlineno)
    # The recorder takes the repr of a long string's first 160 characters.
    r = repr(c[:160] if isinstance(c, str) and len(c) > 160 else c)
    return r[:120] + "\u2026" if len(r) > 120 else r


def describe(co):
    return {
        "filename": co.co_filename, "qualname": co.co_qualname, "name": co.co_name,
        "firstLine": co.co_firstlineno, "flags": co.co_flags, "argCount": co.co_argcount,
        "posOnlyArgCount": co.co_posonlyargcount, "kwOnlyArgCount": co.co_kwonlyargcount,
        "varnames": list(co.co_varnames), "cellvars": list(co.co_cellvars),
        "freevars": list(co.co_freevars), "names": list(co.co_names),
        "consts": [shown(c) for c in co.co_consts], "bytecode": co.co_code.hex(),
        "lineTable": co.co_linetable.hex(), "exceptionTable": co.co_exceptiontable.hex(),
        "hash": code_hash(co),
    }


seen = {}
todo = [f.__code__ for f in gc.get_objects() if isinstance(f, types.FunctionType)]
while todo:
    co = todo.pop()
    if id(co) in seen:
        continue
    seen[id(co)] = co
    todo.extend(c for c in co.co_consts if isinstance(c, types.CodeType))
json.dump([describe(co) for co in seen.values()], sys.stdout)
