#!/usr/bin/env python3
"""Writes one CPython version's opcode table for pyframe's disassembler.

Run it with the Python whose bytecode the table describes; it reads that
interpreter's own `opcode` and `dis` modules (and asks `dis` itself how it
shows arguments, on tiny synthetic code objects) and prints Swift source:

    python3.12 Tools/gen_opcode_tables.py > Sources/PyBytecode/Versions/CPython312.swift
    Tools/gen_opcode_tables.py --all     # every interpreter in the test list (pythons.tsv)

The output is committed; Tests/BytecodeTests/OpcodeTableTests checks it
against the same modules, and the oracle tests check the disassembler built
on it against `dis` on real code.
"""
import dis
import opcode
import os
import subprocess
import sys

VERSION = sys.version_info[:2]
PATCH = "%d.%d.%d" % sys.version_info[:3]

# Opcodes after which execution never falls through (pyframe's own knowledge,
# used only to infer exception handlers when a trace has no exception table).
ENDS_FLOW = {"RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE", "JUMP_FORWARD",
             "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT"}

# Arguments `dis` shows nothing for, where pyframe adds a note.
NOTES = {"IS_OP": "isOperator", "CONTAINS_OP": "containsOperator", "RAISE_VARARGS": "raiseForm",
         "CALL_FUNCTION_EX": "callFunctionEx", "RESUME": "resumeWhere",
         "GET_AWAITABLE": "awaitableWhere", "UNPACK_EX": "unpackEx"}


def all_opname():
    return list(dis._all_opname)[:256]


def cache_size(op):
    deop = dis._deoptop(op)
    if isinstance(opcode._inline_cache_entries, list):
        return opcode._inline_cache_entries[deop]
    return opcode._inline_cache_entries.get(dis._all_opname[deop], 0)  # a dict (3.13 on)


def has_arg(op):
    deop = dis._deoptop(op)
    if hasattr(opcode, "hasarg"):
        return deop in opcode.hasarg
    return deop >= opcode.HAVE_ARGUMENT


def is_backward(op):
    return bool(dis._is_backward_jump(op))


_BASE = compile("pass", "<probe>", "exec")
PROBE_CONSTS = tuple("c%d" % i for i in range(300))
PROBE_NAMES = tuple("n%d" % i for i in range(300))
PROBE_VARNAMES = tuple("v%d" % i for i in range(300))


def probe(name, arg):
    """dis's argrepr for one instruction NAME with ARG (< 256) in a synthetic code object."""
    op = dis._all_opmap[name]
    code = bytes([op, arg] + [0, 0] * cache_size(op))
    co = _BASE.replace(co_code=code, co_consts=PROBE_CONSTS, co_names=PROBE_NAMES,
                       co_varnames=PROBE_VARNAMES, co_nlocals=len(PROBE_VARNAMES))
    return [i.argrepr for i in dis.Bytecode(co)][0]


def table_by_probing(name, limit=256):
    """argrepr for arg 0, 1, … until dis fails: a table indexed by the argument."""
    out = []
    for arg in range(limit):
        try:
            out.append(probe(name, arg))
        except Exception:
            break
    return out


def kind_of(op, name):
    """How pyframe's disassembler reads OP's argument (an ArgumentKind case)."""
    if not has_arg(op):
        return "none"
    deop = op
    jumps = set(getattr(opcode, "hasjump", [])) | set(opcode.hasjrel) | set(opcode.hasjabs) \
        | set(getattr(opcode, "hasexc", []))
    if deop in opcode.hasconst:
        return "const" if probe(name, 1) == repr(PROBE_CONSTS[1]) else "keywordNames"
    if name == "IMPORT_NAME" and probe(name, 4) == PROBE_NAMES[1]:
        return "importName"  # 3.15: name index above two flag bits (lazy, eager)
    if deop in opcode.hasname:
        return {"LOAD_GLOBAL": "globalName", "LOAD_ATTR": "attributeName" if VERSION >= (3, 12) else "name",
                "LOAD_SUPER_ATTR": "superAttributeName"}.get(name, "name")
    if deop in jumps:
        if not is_backward(op):
            return "jumpForward"
        # END_ASYNC_FOR (3.14 on) is not really a jump: dis shows where it came `from`.
        return "jumpBackwardFrom" if probe(name, 0).startswith("from ") else "jumpBackward"
    if name in ("LOAD_FAST_LOAD_FAST", "STORE_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST") \
            or name.endswith("_LOAD_FAST_BORROW") and name.startswith("LOAD_FAST_BORROW"):
        return "localPair"
    if deop in opcode.haslocal:
        return "local"
    if deop in opcode.hasfree:
        return "free"
    if deop in opcode.hascompare:
        return "compare"
    special = {"FORMAT_VALUE": "formatValue", "MAKE_FUNCTION": "makeFunction",
               "SET_FUNCTION_ATTRIBUTE": "makeFunction", "BINARY_OP": "binaryOperator",
               "CALL_INTRINSIC_1": "intrinsic1", "CALL_INTRINSIC_2": "intrinsic2",
               "CONVERT_VALUE": "convertValue", "LOAD_SMALL_INT": "smallInt",
               "LOAD_SPECIAL": "specialMethod", "LOAD_COMMON_CONSTANT": "commonConstant"}
    if name in special:
        if name == "LOAD_SMALL_INT" and probe(name, 5) != "5":
            return "plain"  # 3.14's dis shows no text for it
        return special[name]
    if name in NOTES:
        return NOTES[name]
    return "plain"


def swift_string(text):
    out = '"'
    for ch in text:
        if ch in '"\\':
            out += "\\" + ch
        elif ch == "\n":
            out += "\\n"
        elif ord(ch) < 32:
            out += "\\u{%x}" % ord(ch)
        else:
            out += ch
    return out + '"'


def swift_list(items, indent="        ", per_line=6):
    if not items:
        return "[]"
    parts = [swift_string(i) for i in items]
    lines = [", ".join(parts[i:i + per_line]) for i in range(0, len(parts), per_line)]
    return "[\n" + ",\n".join(indent + "    " + line for line in lines) + ",\n" + indent + "]"


def rules():
    """The ways this version's dis reads arguments and prints, found by asking it."""
    r = {}
    # Relative jumps count from after the inline caches (3.12 on)?
    for_iter = dis._all_opmap["FOR_ITER"]
    caches = cache_size(for_iter)
    code = bytes([for_iter, 1] + [0, 0] * caches)
    r["jumpsSkipCaches"] = bool(caches) and dis.findlabels(code) == [2 + 2 + 2 * caches]
    # COMPARE_OP: the operator's index is shifted left (3.12: 4, 3.13: 5), bit 4 asks for bool().
    cmp = list(opcode.cmp_op)
    shift = next(s for s in (0, 4, 5, 6) if (2 << s) < 256 and probe("COMPARE_OP", 2 << s) == cmp[2]
                 and probe("COMPARE_OP", 4 << s) == cmp[4])
    r["compareShift"] = shift
    r["compareBoolFlag"] = 16 if shift > 4 and probe("COMPARE_OP", (2 << shift) | 16) == "bool(%s)" % cmp[2] else 0
    # LOAD_GLOBAL's NULL: before the name (3.11, 3.12) or after it (3.13 on).
    r["nullAfterName"] = probe("LOAD_GLOBAL", 1) == "n0 + NULL"
    # Jump targets as labels (L1:, to L1) instead of offsets (3.13 on).
    r["labels"] = hasattr(dis, "Formatter")
    # IS_OP and CONTAINS_OP shown as `is not`, `not in` … (3.14 on).
    r["showsTestOperators"] = probe("IS_OP", 1) == "is not"
    # Line starts also where the line becomes unknown (3.13 on).
    r["lineStartsIncludeNoLine"] = VERSION >= (3, 13)
    return r


def main():
    names = all_opname()
    entries = []
    for op, name in enumerate(names):
        if name.startswith("<"):
            continue
        deop = dis._deoptop(op)
        kind = kind_of(deop, names[deop])
        base = names[deop]
        ends = base in ENDS_FLOW
        fields = ["%d" % op, swift_string(name), "." + kind]
        caches = cache_size(op)
        if caches:
            fields.append("caches: %d" % caches)
        if deop != op:
            fields.append("base: %d" % deop)
        if ends:
            fields.append("endsFlow: true")
        entries.append("            op(" + ", ".join(fields) + "),  // " + ("" if deop == op else "→ " + base))
    r = rules()
    minor = "%d%d" % VERSION
    nb_ops = [list(p) for p in opcode._nb_ops]
    if VERSION >= (3, 13) and hasattr(opcode, "_nb_ops"):
        nb_ops = [list(p) for p in opcode._nb_ops]
    intrinsic1 = list(getattr(opcode, "_intrinsic_1_descs", []))
    intrinsic2 = list(getattr(opcode, "_intrinsic_2_descs", []))
    conversions = [n for _, n in dis.FORMAT_VALUE_CONVERTERS] if hasattr(dis, "FORMAT_VALUE_CONVERTERS") \
        else table_by_probing("CONVERT_VALUE", 4)
    flags = list(getattr(dis, "FUNCTION_ATTR_FLAGS", None) or getattr(dis, "MAKE_FUNCTION_FLAGS"))
    special = table_by_probing("LOAD_SPECIAL") if "LOAD_SPECIAL" in dis._all_opmap else []
    common = table_by_probing("LOAD_COMMON_CONSTANT") if "LOAD_COMMON_CONSTANT" in dis._all_opmap else []
    ext = dis._all_opmap["EXTENDED_ARG"]
    cache = dis._all_opmap["CACHE"]
    undefined_args = not hasattr(opcode, "hasarg")
    out = []
    out.append("// Generated by Tools/gen_opcode_tables.py from CPython %s's own opcode and dis modules." % PATCH)
    out.append("// Do not edit: regenerate with `python%d.%d Tools/gen_opcode_tables.py`." % VERSION)
    out.append("")
    out.append("extension OpcodeTable {")
    out.append("    /// CPython %d.%d's bytecode as its `dis` reads it (generated from %s)." % (VERSION + (PATCH,)))
    out.append("    public static let cpython%s = OpcodeTable(" % minor)
    out.append("        version: PythonVersion(%d, %d), generatedFrom: %s," % (VERSION + (swift_string(PATCH),)))
    out.append("        extendedArg: %d, cache: %d, undefinedOpcodesTakeArgument: %s," %
               (ext, cache, "true" if undefined_args else "false"))
    out.append("        haveArgument: %d," % opcode.HAVE_ARGUMENT)
    out.append("        opcodes: CPython%s.opcodes," % minor)
    out.append("        compareOperators: %s," % swift_list(list(opcode.cmp_op)))
    out.append("        binaryOperators: CPython%s.binaryOperators," % minor)
    out.append("        intrinsics1: %s," % swift_list(intrinsic1, per_line=3))
    out.append("        intrinsics2: %s," % swift_list(intrinsic2, per_line=3))
    out.append("        formatConversions: %s," % swift_list(conversions))
    out.append("        functionFlags: %s," % swift_list(flags))
    out.append("        specialMethods: %s," % swift_list(special))
    out.append("        commonConstants: %s," % swift_list(common))
    out.append("        rules: DisRules(jumpsSkipCaches: %s, compareShift: %d, compareBoolFlag: %d," %
               ("true" if r["jumpsSkipCaches"] else "false", r["compareShift"], r["compareBoolFlag"]))
    out.append("                        nullAfterName: %s, labels: %s, lineStartsIncludeNoLine: %s," %
               tuple("true" if r[k] else "false" for k in ("nullAfterName", "labels", "lineStartsIncludeNoLine")))
    out.append("                        showsTestOperators: %s))" % ("true" if r["showsTestOperators"] else "false"))
    out.append("}")
    out.append("")
    out.append("/// The lists CPython %d.%d's table is built from." % VERSION)
    out.append("enum CPython%s {" % minor)
    out.append("    private static func op(_ code: UInt8, _ name: String, _ argument: ArgumentKind, caches: Int = 0,")
    out.append("                           base: UInt8? = nil, endsFlow: Bool = false) -> OpcodeInfo {")
    out.append("        OpcodeInfo(code: code, name: name, argument: argument, cacheEntries: caches, base: base,")
    out.append("                   endsFlow: endsFlow)")
    out.append("    }")
    out.append("")
    out.append("    /// Every opcode number `dis` names (generic, then specialised forms pointing at theirs).")
    out.append("    static let opcodes: [OpcodeInfo] = [")
    out.extend(e.rstrip().rstrip("/").rstrip() if e.endswith("// ") else e for e in entries)
    out.append("    ]")
    out.append("")
    out.append("    /// `opcode._nb_ops`: BINARY_OP's argument indexes this list.")
    out.append("    static let binaryOperators: [(name: String, symbol: String)] = [")
    for name, symbol in nb_ops:
        out.append("        (%s, %s)," % (swift_string(name), swift_string(symbol)))
    out.append("    ]")
    out.append("}")
    print("\n".join(out))


def generate_all():
    """Regenerates the file of every interpreter listed in pythons.tsv."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.environ.get("PYFRAME_PYTHONS") or os.path.expanduser("~/.cache/pyframe/pythons/pythons.tsv")
    for line in open(path):
        fields = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(fields) < 3 or fields[1] != "ok":
            continue
        version, exe = fields[0], fields[2]
        target = os.path.join(root, "Sources/PyBytecode/Versions/CPython%s.swift" % version.replace(".", ""))
        text = subprocess.run([exe, os.path.abspath(__file__)], check=True, capture_output=True, text=True).stdout
        with open(target, "w") as f:
            f.write(text)
        print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] == ["--all"]:
        generate_all()
    else:
        main()
