/// An error from the workspace store, with a sentence a user can act on.
///
/// SQLite and GRDB errors never reach callers as such: they are translated
/// into one of these codes with a message naming the workspace file and,
/// where it applies, the table, column and segment involved.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        /// The workspace, table, batch or row asked for does not exist.
        case notFound
        /// The file exists but is not a chm workspace.
        case notAWorkspace
        /// The workspace was written by a newer version of chm.
        case unsupportedVersion
        /// Stored data failed its checksum or does not match the catalog.
        case corrupt
        /// Written data does not fit the stored table's columns.
        case schemaConflict
        /// Reading or writing the file failed (permissions, full disk…).
        case io
        /// Another connection holds the workspace locked for longer than the wait allows.
        case busy
        /// The caller passed something the store cannot accept.
        case invalidArgument
    }

    /// What kind of failure this is.
    public var code: Code
    /// The sentence shown to the user.
    public var message: String
    /// Facts that locate the failure (`path`, `table`, `column`, `segment`…).
    public var context: [String: String]

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: a complete sentence for the user.
    ///   - context: facts that locate the failure.
    public init(_ code: Code, _ message: String, context: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.context = context
    }

    /// The message.
    public var description: String { message }
}
