/// The version of the JSON documents pyframe writes (`report --format json`,
/// `diff --format json`, `code --json`), in each as its `schema` field, so
/// that a script can tell which shape it reads. It goes up when a field is
/// removed or changes meaning; added fields keep it.
public enum JSONSchema {
    /// The current version.
    public static let version = 1
}
