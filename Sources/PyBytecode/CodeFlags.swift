/// A code object's `co_flags`, decoded.
///
/// The flags say what kind of function the code is (generator, coroutine …)
/// and how it takes arguments, which is the first thing to know when reading
/// its bytecode (a generator starts with RETURN_GENERATOR, `*args` takes a
/// local slot, …). Names are CPython's without the `CO_` prefix, as
/// `dis.pretty_flags` prints them.
public struct CodeFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The raw `co_flags` value.
    public let rawValue: UInt32

    /// Wraps a raw `co_flags` value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Locals live in fast slots (every function body; not module or class bodies).
    public static let optimized = CodeFlags(rawValue: 0x0001)
    /// A new locals namespace is made for each call.
    public static let newLocals = CodeFlags(rawValue: 0x0002)
    /// Takes `*args`.
    public static let varArgs = CodeFlags(rawValue: 0x0004)
    /// Takes `**kwargs`.
    public static let varKeywords = CodeFlags(rawValue: 0x0008)
    /// Defined inside another function.
    public static let nested = CodeFlags(rawValue: 0x0010)
    /// A generator function.
    public static let generator = CodeFlags(rawValue: 0x0020)
    /// No cell or free variables (no longer set by 3.11's compiler, still named by `dis`).
    public static let noFree = CodeFlags(rawValue: 0x0040)
    /// An `async def` function.
    public static let coroutine = CodeFlags(rawValue: 0x0080)
    /// A generator made awaitable by `types.coroutine`.
    public static let iterableCoroutine = CodeFlags(rawValue: 0x0100)
    /// An `async def` function containing `yield`.
    public static let asyncGenerator = CodeFlags(rawValue: 0x0200)
    /// Compiled under `from __future__ import generator_stop` (a no-op since 3.7).
    public static let futureGeneratorStop = CodeFlags(rawValue: 0x0080_0000)
    /// Compiled under `from __future__ import annotations`.
    public static let futureAnnotations = CodeFlags(rawValue: 0x0100_0000)

    /// Every named bit, lowest first. The first ten are `dis.COMPILER_FLAG_NAMES`;
    /// the `FUTURE_*` bits (`from __future__` imports, on module code and what
    /// it defines) are CPython's `CO_FUTURE_*`, which `dis` shows only in hex.
    public static let names: [(flag: CodeFlags, name: String)] = [
        (.optimized, "OPTIMIZED"), (.newLocals, "NEWLOCALS"), (.varArgs, "VARARGS"),
        (.varKeywords, "VARKEYWORDS"), (.nested, "NESTED"), (.generator, "GENERATOR"),
        (.noFree, "NOFREE"), (.coroutine, "COROUTINE"), (.iterableCoroutine, "ITERABLE_COROUTINE"),
        (.asyncGenerator, "ASYNC_GENERATOR"),
        (CodeFlags(rawValue: 0x0002_0000), "FUTURE_DIVISION"),
        (CodeFlags(rawValue: 0x0004_0000), "FUTURE_ABSOLUTE_IMPORT"),
        (CodeFlags(rawValue: 0x0008_0000), "FUTURE_WITH_STATEMENT"),
        (CodeFlags(rawValue: 0x0010_0000), "FUTURE_PRINT_FUNCTION"),
        (CodeFlags(rawValue: 0x0020_0000), "FUTURE_UNICODE_LITERALS"),
        (CodeFlags(rawValue: 0x0040_0000), "FUTURE_BARRY_AS_BDFL"),
        (.futureGeneratorStop, "FUTURE_GENERATOR_STOP"),
        (.futureAnnotations, "FUTURE_ANNOTATIONS"),
        (CodeFlags(rawValue: 0x0400_0000), "HAS_DOCSTRING"),  // 3.14 on, named by its dis
        (CodeFlags(rawValue: 0x0800_0000), "METHOD"),  // 3.14 on, named by its dis
    ]

    /// The set bits' names, lowest bit first; bits without a name as `0x…`.
    public var nameList: [String] {
        var result: [String] = []
        for bit in 0..<32 {
            let flag = CodeFlags(rawValue: 1 << UInt32(bit))
            guard contains(flag) else { continue }
            result.append(Self.names.first { $0.flag == flag }?.name ?? "0x" + String(flag.rawValue, radix: 16))
        }
        return result
    }

    /// The names joined with ", " as `dis.pretty_flags` joins them (`0x0` when none
    /// is set, as `dis` prints it).
    public var description: String {
        rawValue == 0 ? "0x0" : nameList.joined(separator: ", ")
    }
}
