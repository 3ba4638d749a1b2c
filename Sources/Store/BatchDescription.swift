/// What is known about an input file before it is ingested as a batch.
public struct BatchDescription: Sendable, Hashable {
    /// The kind of source: `csv`, `web`, `survey`, `contributions`…
    public var source: String
    /// The file's name as given by the user.
    public var fileName: String
    /// The hex SHA-256 of the file's bytes, so the same file is never counted
    /// twice (stored in lower case).
    public var sha256: String

    /// Creates a description.
    /// - Parameters:
    ///   - source: the kind of source.
    ///   - fileName: the file's name.
    ///   - sha256: the hex SHA-256 of the file's bytes.
    public init(source: String, fileName: String, sha256: String) {
        self.source = source
        self.fileName = fileName
        self.sha256 = sha256
    }
}
