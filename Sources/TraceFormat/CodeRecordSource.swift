/// What a code record is written from: ``CodeRecord``, or the recorder's view
/// of a live code object, which writes its names, constants and bytes straight
/// from the interpreter's memory with no Swift strings or arrays in between
/// (a first sighting is most of what recording costs a short program that
/// imports much). ``CodeRecordBatch/append(_:)`` is the one place that puts
/// the fields in the format's order; a source only writes each field.
package protocol CodeRecordSource {
    var id: UInt32 { get }
    /// The code hash (Traces/FORMAT.md), known before any field is written.
    var hash: UInt64 { get }
    var firstLine: UInt32 { get }
    var flags: UInt32 { get }
    var argCount: UInt32 { get }
    var posOnlyArgCount: UInt32 { get }
    var kwOnlyArgCount: UInt32 { get }
    /// Writes one variable-length field as the format frames it: a `string`,
    /// `strings` or a length-prefixed byte string (ByteWriter's `string`,
    /// `strings`, `blob`). An absent exception table writes nothing.
    func write(_ field: CodeRecordField, to out: inout ByteWriter)
}

/// The variable-length fields of a code record, in the format's order.
package enum CodeRecordField {
    case filename, qualname, name
    case varnames, cellvars, freevars, names, consts
    case bytecode, lineTable, exceptionTable
}

extension CodeRecord: CodeRecordSource {
    package func write(_ field: CodeRecordField, to out: inout ByteWriter) {
        switch field {
        case .filename: out.string(filename)
        case .qualname: out.string(qualname)
        case .name: out.string(name)
        case .varnames: out.strings(varnames)
        case .cellvars: out.strings(cellvars)
        case .freevars: out.strings(freevars)
        case .names: out.strings(names)
        case .consts: out.strings(consts)
        case .bytecode: out.blob(bytecode)
        case .lineTable: out.blob(lineTable)
        case .exceptionTable: if let exceptionTable { out.blob(exceptionTable) }
        }
    }
}
