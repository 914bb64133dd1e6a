import TraceFormat

/// Turns a recorded code object's bytecode into instructions, the way
/// `dis.get_instructions` does, so that a trace can be read without the
/// program or the Python that ran it.
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
        let lineStarts = locations.lineStarts
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
            var instruction = Instruction(
                offset: offset, opcode: info.code, opname: info.name, arg: arg, argrepr: "",
                startsLine: lineStarts[offset], position: locations.position(atOffset: offset),
                cacheEntries: base.cacheEntries)
            if let arg {
                resolve(arg, kind: base.argument, code: code, localNames: localNames, into: &instruction)
            }
            instructions.append(instruction)
        }
        let entries = exceptionTable.map(ExceptionTable.parse)
        markTargets(&instructions, exceptionTable: entries)
        return Disassembly(instructions: instructions,
                           exceptionTable: entries,
                           handlersInferred: exceptionTable == nil,
                           trailingBytes: bytes.count % 2)
    }

    /// CPython 3.11's `co_localsplusnames`, which LOAD_FAST, LOAD_DEREF and
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
            let name = item(code.names, arg >> 1, "name")
            instruction.argrepr = arg & 1 != 0 ? "NULL + " + name : name
        case .local, .free:
            instruction.argrepr = item(localNames, arg, "local")
        case .compare:
            instruction.argrepr = item(table.compareOperators, arg, "compare")
        case .jumpForward, .jumpBackward:
            let target = instruction.offset + 2 + (kind == .jumpBackward ? -arg : arg) * 2
            instruction.jumpTarget = target
            instruction.argrepr = "to \(target)"
        case .formatValue:
            var text = item(table.formatConversions, arg & 3, "conversion")
            if arg & 4 != 0 { text += text.isEmpty ? "with format" : ", with format" }
            instruction.argrepr = text
        case .makeFunction:
            instruction.argrepr = table.makeFunctionFlags.enumerated()
                .filter { arg & (1 << $0.offset) != 0 }.map(\.element).joined(separator: ", ")
        case .binaryOperator:
            instruction.argrepr = table.binaryOperators.indices.contains(arg)
                ? table.binaryOperators[arg].symbol : "<bad operator index \(arg)>"
        case .isOperator:
            instruction.note = arg == 1 ? "is not" : "is"
        case .containsOperator:
            instruction.note = arg == 1 ? "not in" : "in"
        case .raiseForm:
            instruction.note = pick(["re-raise", "exception", "exception from cause"], arg)
        case .callFunctionEx:
            instruction.note = arg & 1 != 0 ? "*args, **kwargs" : "*args"
        case .resumeWhere:
            // RESUME 0 opens every function: noted only where a frame resumes mid-way.
            instruction.note = arg == 0 ? nil : pick(["start", "after yield", "after yield from", "after await"], arg)
        case .awaitableWhere:
            instruction.note = arg == 1 ? "after __aenter__" : arg == 2 ? "after __aexit__" : nil
        case .unpackEx:
            instruction.note = "\(arg & 0xFF) before *, \(arg >> 8) after"
        }
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
