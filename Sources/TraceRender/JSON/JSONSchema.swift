/// The versions of the JSON documents pyframe writes, each in its document
/// as its `schema` field, so that a script can tell which shape it reads.
/// One goes up when a field is removed or changes meaning; added fields keep
/// it. All documents are built from the same row types (``FunctionRowJSON``,
/// ``ThreadJSON``, ``MarkJSON``, ``HeaderJSON``, ``DiffRowJSON``,
/// ``CodeJSON``), so a field means one thing wherever it appears.
package enum JSONSchema {
    /// `report --format json`.
    package static let report = 1
    /// `diff --format json`.
    package static let diff = 1
    /// `code --json`. 2: its keys are snake_case like every other
    /// document's (`flag_names`, `is_jump_target`; 1 had camelCase), and
    /// its function is named as the report's rows name one (`path`, `line`;
    /// 1 had `filename`, `firstLine`).
    package static let code = 2
    /// The data `html` embeds in its pages (report and diff). 2: its rows
    /// became report's and diff's rows (1 had short keys of its own and no
    /// `schema` field).
    package static let page = 2
}
