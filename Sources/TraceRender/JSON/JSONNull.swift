/// An optional field that is written as `null` when absent rather than left
/// out, so that every row of a JSON output has every key (scripts index rows
/// without checking). Synthesized `Encodable` drops nil optionals; this
/// wrapper is how a row type keeps them, with no hand-written `encode(to:)`.
@propertyWrapper
struct JSONNull<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}
