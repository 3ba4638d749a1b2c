import Columnar

/// Writes the rows of one batch; handed to the body of `Workspace.append`
/// and valid only inside it.
public struct BatchWriter {
    let session: _AppendSession

    /// The number the batch will have once committed, for a `batch` column.
    public var batchID: Int64 { session.batchID }

    /// Rows written so far in this batch.
    public var rowsWritten: Int { session.rowsWritten }

    /// Lines rejected so far in this batch.
    public var rejectsRecorded: Int { session.rejectsSoFar }

    /// Appends rows to the table.
    ///
    /// Columns are matched by name, ignoring case. Columns the table lacks are
    /// added (earlier rows read NULL in them); table columns the rows lack get
    /// NULL. Full segments are encoded and written as they fill, so a large
    /// file can be written in pieces without ever being held whole.
    /// - Parameter rows: the rows, in any number of row groups.
    /// - Throws: `StoreError(.schemaConflict)` when a column's type differs from
    ///   the stored column's; `.invalidArgument` for unnamed or duplicate columns
    ///   or a writer used after its append ended; `StoreError` on storage failures.
    public mutating func write(_ rows: Table) throws {
        try session.write(rows)
    }

    /// Gives the file's SHA-256 when it is known only once the file has been
    /// read (it replaces the one in the `BatchDescription`); recorded at commit.
    /// - Parameter sha256: the hex SHA-256 of the file's bytes.
    public mutating func identify(sha256: String) {
        session.identify(sha256: sha256)
    }

    /// The latest committed batch of the same file into this table (this batch
    /// excluded), looked up inside the append's transaction so that a file
    /// found to be a duplicate only once read can still be refused before
    /// anything is committed.
    /// - Parameter sha256: the hex SHA-256 of the file's bytes (any case).
    /// - Throws: `StoreError` when the catalog cannot be read.
    public func earlierBatch(sha256: String) throws -> BatchRecord? {
        try session.earlierBatch(sha256: sha256)
    }

    /// Records an input line that was not ingested.
    /// - Parameters:
    ///   - line: the 1-based line number in the input file.
    ///   - reason: why it was rejected, naming the column where it applies.
    ///   - text: the line's text.
    public mutating func reject(line: Int, reason: String, text: String) {
        session.reject(Reject(line: line, reason: reason, text: text))
    }
}
