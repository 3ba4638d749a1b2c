/// The record of one ingested (or failed) batch, as the workspace keeps it.
public struct BatchRecord: Sendable, Hashable {
    /// How a batch ended.
    public enum Status: String, Sendable, Hashable {
        /// Its rows are in the table.
        case committed
        /// Nothing was written; `message` says why.
        case failed
    }

    /// The batch number, unique in the workspace.
    public var id: Int64
    /// The table written to.
    public var table: String
    /// The kind of source (`csv`, `web`, `survey`…).
    public var source: String
    /// The input file's name.
    public var fileName: String
    /// The hex SHA-256 of the input file.
    public var sha256: String
    /// Rows written.
    public var rows: Int
    /// Input lines rejected.
    public var rejects: Int
    /// When the batch started, UTC seconds.
    public var startedAt: Int64
    /// When it ended, UTC seconds.
    public var endedAt: Int64
    /// Whether it was committed.
    public var status: Status
    /// Why it failed, for failed batches.
    public var message: String?

    /// Creates a record.
    /// - Parameters: the values of the properties of the same names.
    public init(id: Int64, table: String, source: String, fileName: String, sha256: String, rows: Int, rejects: Int,
                startedAt: Int64, endedAt: Int64, status: Status, message: String?) {
        self.id = id
        self.table = table
        self.source = source
        self.fileName = fileName
        self.sha256 = sha256
        self.rows = rows
        self.rejects = rejects
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.message = message
    }
}
