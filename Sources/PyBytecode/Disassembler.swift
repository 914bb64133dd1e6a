import TraceFormat

/// Turns a recorded code object's bytecode into instructions, the way the
/// recording Python's `dis.Bytecode` does, so that a trace can be read without
/// the program or the Python that ran it. One body serves every version; what
/// differs lives in the version's ``OpcodeTable`` and its ``DisRules``.
///
/// Decoding follows CPython: code units of two bytes (opcode, oparg);
/// EXTENDED_ARG prefixes shift their oparg into the next instruction's; the
/// inline CACHE units after specialisable instructions are skipped;
/// arguments are resolved against the record's constants, names and fast
/// locals. Malformed bytecode never traps: bad indexes resolve to a
/// `<bad … index N>` text.
public struct Disassembler: Sendable {
    /// The opcode definitions of the Python version that compiled the code.
    public let table: OpcodeTable

    /// A disassembler for one Python version's bytecode (3.11 unless told).
    public init(table: OpcodeTable = .cpython311) {
        self.table = table
    }

    /// A disassembler for `version`'s bytecode; throws
    /// ``BytecodeError/unsupportedVersion(_:)`` for a version pyframe has no table for.
    public init(version: PythonVersion) throws {
        guard let table = OpcodeTable.forVersion(version) else {
            throw BytecodeError.unsupportedVersion(version.description)
        }
        self.table = table
    }

    /// A disassembler for the Python a trace names: `sys.version` as
    /// `ProcessRecord.pythonVersion` holds it (`"3.12.1 (main, …)"`). Throws
    /// ``BytecodeError/unsupportedVersion(_:)`` (one line, naming the
    /// versions pyframe reads) for an unknown, newer or empty version.
    public init(pythonVersion: String) throws {
        guard let version = PythonVersion(pythonVersion), let table = OpcodeTable.forVersion(version) else {
            throw BytecodeError.unsupportedVersion(pythonVersion)
        }
        self.table = table
    }

    /// The Python version this disassembler reads.
    public var version: PythonVersion { table.version }

    /// Disassembles `code`.
    ///
    /// - Parameter exceptionTable: the code object's `co_exceptiontable`, when
    ///   not the one in `code`. Traces written before the recorder kept it
    ///   have none; without it, handler entry points are inferred (see
    ///   ``Disassembly/handlersInferred``).
    public func disassemble(_ code: CodeRecord, exceptionTable: [UInt8]? = nil) -> Disassembly {
        // The recorder keeps co_exceptiontable in the code record; traces that
        // predate it leave handler starts to be inferred.
        let exceptionTable = exceptionTable ?? code.exceptionTable
        let bytes = code.bytecode
        let locations = LocationTable(code.lineTable, firstLine: Int(code.firstLine))
        let rules = table.rules
        let lineStarts: [Int: Int?] = rules.lineStartsIncludeNoLine
            ? locations.lineStartsIncludingUnknown : locations.lineStarts.mapValues { $0 }
        let localNames = Self.localsPlusNames(of: code)
        var instructions: [Instruction] = []
        var extended = 0
        var caches = 0
        var offset = 0
        while offset + 1 < bytes.count {
            defer { offset += 2 }
            if caches > 0 {
                caches -= 1
                continue
            }
            let info = table[bytes[offset]]
            let base = table[info.base]
            caches = base.cacheEntries
            var arg: Int?
            if base.hasArgument {
                let value = Int(bytes[offset + 1]) | extended
                arg = value
                extended = base.code == table.extendedArg ? value << 8 : 0
                // CPython keeps the oparg in a C int: it wraps past 2**31, as `dis` mimics.
                if extended >= 1 << 31 { extended -= 1 << 32 }
            } else {
                extended = 0
            }
            let lineStart = lineStarts[offset]
            var instruction = Instruction(
                offset: offset, opcode: info.code, opname: info.name, arg: arg, argrepr: "",
                startsLine: lineStart ?? nil, isLineStart: lineStart != nil,
                position: locations.position(atOffset: offset), cacheEntries: base.cacheEntries)
            if let arg {
                resolve(arg, kind: base.argument, code: code, localNames: localNames, into: &instruction)
            }
            instructions.append(instruction)
        }
        let entries = exceptionTable.map(ExceptionTable.parse)
        markTargets(&instructions, exceptionTable: entries)
        let labels = rules.labels ? Self.labels(instructions, exceptionTable: entries) : [:]
        for index in instructions.indices {
            instructions[index].label = labels[instructions[index].offset]
            if let target = instructions[index].jumpTarget {
                let from = table[table[instructions[index].opcode].base].argument == .jumpBackwardFrom
                instructions[index].argrepr = (from ? "from " : "to ") + (labels[target].map { "L\($0)" } ?? "\(target)")
            }
        }
        return Disassembly(instructions: instructions,
                           exceptionTable: entries,
                           handlersInferred: exceptionTable == nil,
                           trailingBytes: bytes.count % 2,
                           version: table.version, rules: rules, labels: labels, byteCount: bytes.count)
    }

    /// 3.13's `dis._make_labels_map`: every jump target and every exception
    /// range's start, end and handler, numbered from 1 in offset order. Without
    /// an exception table, the inferred handler entries stand in for it.
    private static func labels(_ instructions: [Instruction], exceptionTable: [ExceptionTableEntry]?) -> [Int: Int] {
        var offsets = Set(instructions.compactMap(\.jumpTarget))
        if let exceptionTable {
            for entry in exceptionTable { offsets.formUnion([entry.start, entry.end, entry.target]) }
        } else {
            offsets.formUnion(instructions.filter(\.isHandlerTarget).map(\.offset))
        }
        return Dictionary(uniqueKeysWithValues: offsets.sorted().enumerated().map { ($0.element, $0.offset + 1) })
    }

    /// CPython's `co_localsplusnames` (3.11 on), which LOAD_FAST, LOAD_DEREF and
    /// their kin index: `co_varnames`, then the cell variables that are not
    /// also arguments/locals (those share the local's slot), then `co_freevars`.
    public static func localsPlusNames(of code: CodeRecord) -> [String] {
        let locals = Set(code.varnames)
        return code.varnames + code.cellvars.filter { !locals.contains($0) } + code.freevars
    }

    /// Fills `argrepr`, `note` and `jumpTarget` from the argument.
    private func resolve(_ arg: Int, kind: ArgumentKind, code: CodeRecord, localNames: [String],
                         into instruction: inout Instruction) {
        func item(_ list: [String], _ index: Int, _ what: String) -> String {
            list.indices.contains(index) ? list[index] : "<bad \(what) index \(index)>"
        }
        func pick(_ list: [String], _ index: Int) -> String? {
            list.indices.contains(index) ? list[index] : nil
        }
        switch kind {
        case .none, .plain:
            break
        case .const:
            instruction.argrepr = item(code.consts, arg, "const")
        case .keywordNames:
            // 3.11's dis resolves only LOAD_CONST among the hasconst opcodes.
            instruction.note = item(code.consts, arg, "const")
        case .name:
            instruction.argrepr = item(code.names, arg, "name")
        case .globalName:
            instruction.argrepr = withNull(item(code.names, arg >> 1, "name"), arg & 1 != 0, "NULL")
        case .attributeName:
            instruction.argrepr = withNull(item(code.names, arg >> 1, "name"), arg & 1 != 0, "NULL|self")
        case .superAttributeName:
            instruction.argrepr = withNull(item(code.names, arg >> 2, "name"), arg & 1 != 0, "NULL|self")
        case .local, .free:
            instruction.argrepr = item(localNames, arg, "local")
        case .localPair:
            instruction.argrepr = item(localNames, arg >> 4, "local") + ", " + item(localNames, arg & 15, "local")
        case .compare:
            let rules = table.rules
            let name = item(table.compareOperators, arg >> rules.compareShift, "compare")
            let asBool = rules.compareBoolFlag != 0 && arg & rules.compareBoolFlag != 0
            instruction.argrepr = asBool ? "bool(\(name))" : name
        case .importName:
            let name = item(code.names, arg >> 2, "name")
            // As dis: no flag shown on an empty name (`from . import x` imports '').
            instruction.argrepr = name.isEmpty ? name
                : arg & 1 != 0 ? name + " + lazy" : arg & 2 != 0 ? name + " + eager" : name
        case .jumpForward, .jumpBackward, .jumpBackwardFrom:
            let caches = table.rules.jumpsSkipCaches ? instruction.cacheEntries * 2 : 0
            let target = instruction.offset + 2 + (kind == .jumpForward ? arg : -arg) * 2 + caches
            instruction.jumpTarget = target
            instruction.argrepr = "to \(target)"
        case .formatValue:
            var text = item(table.formatConversions, arg & 3, "conversion")
            if arg & 4 != 0 { text += text.isEmpty ? "with format" : ", with format" }
            instruction.argrepr = text
        case .makeFunction:
            instruction.argrepr = table.functionFlags.enumerated()
                .filter { arg & (1 << $0.offset) != 0 }.map(\.element).joined(separator: ", ")
        case .convertValue:
            instruction.argrepr = item(table.formatConversions, arg, "conversion")
        case .binaryOperator:
            instruction.argrepr = table.binaryOperators.indices.contains(arg)
                ? table.binaryOperators[arg].symbol : "<bad operator index \(arg)>"
        case .intrinsic1:
            instruction.argrepr = item(table.intrinsics1, arg, "intrinsic")
        case .intrinsic2:
            instruction.argrepr = item(table.intrinsics2, arg, "intrinsic")
        case .smallInt:
            instruction.argrepr = String(arg)
        case .specialMethod:
            instruction.argrepr = item(table.specialMethods, arg, "special method")
        case .commonConstant:
            instruction.argrepr = item(table.commonConstants, arg, "common constant")
        case .isOperator:
            let text = arg != 0 ? "is not" : "is"
            if table.rules.showsTestOperators { instruction.argrepr = text } else { instruction.note = text }
        case .containsOperator:
            let text = arg != 0 ? "not in" : "in"
            if table.rules.showsTestOperators { instruction.argrepr = text } else { instruction.note = text }
        case .raiseForm:
            instruction.note = pick(["re-raise", "exception", "exception from cause"], arg)
        case .callFunctionEx:
            instruction.note = arg & 1 != 0 ? "*args, **kwargs" : "*args"
        case .resumeWhere:
            // RESUME 0 opens every function: noted only where a frame resumes mid-way.
            // (From 3.13 on, bit 2 says the exception depth is 1: not noted.)
            instruction.note = arg & 3 == 0 ? nil : pick(["start", "after yield", "after yield from", "after await"], arg & 3)
        case .awaitableWhere:
            instruction.note = arg == 1 ? "after __aenter__" : arg == 2 ? "after __aexit__" : nil
        case .unpackEx:
            instruction.note = "\(arg & 0xFF) before *, \(arg >> 8) after"
        }
    }

    /// `name` with a NULL (or NULL|self) pushed too, written as this version's `dis` writes it.
    private func withNull(_ name: String, _ pushes: Bool, _ null: String) -> String {
        guard pushes, !name.isEmpty else { return name }
        return table.rules.nullAfterName ? name + " + " + null : null + " + " + name
    }

    /// Sets `isJumpTarget` (from every jump's target, as `dis.findlabels`)
    /// and `isHandlerTarget` (from the exception table, or inferred).
    private func markTargets(_ instructions: inout [Instruction], exceptionTable: [ExceptionTableEntry]?) {
        let jumpTargets = Set(instructions.compactMap(\.jumpTarget))
        let handlerTargets = Set((exceptionTable ?? []).filter { $0.end > $0.start }.map(\.target))
        var previousEndsFlow = false
        for index in instructions.indices {
            let offset = instructions[index].offset
            let isJumpTarget = jumpTargets.contains(offset)
            instructions[index].isJumpTarget = isJumpTarget
            instructions[index].isHandlerTarget = exceptionTable == nil
                ? previousEndsFlow && !isJumpTarget
                : handlerTargets.contains(offset)
            previousEndsFlow = table[table[instructions[index].opcode].base].endsFlow
        }
    }
}
