import Columnar
import Store

/// Collects the rows of one batch column by column and hands them to the
/// store in 64K-row pieces, so an ingest never holds a whole file; keeps
/// count of rejected lines and the first ones for the report.
public struct RowSink {
    /// The columns written, in order.
    public let columns: [ColumnSchema]
    /// One builder per column; an ingester appends one value to each per row.
    public var builders: [ColumnBuilder]
    private var writer: BatchWriter
    private let tableName: String
    /// Rows written so far (flushed or pending).
    public private(set) var rows = 0
    /// Lines rejected so far.
    public private(set) var rejects = 0
    /// The first rejected lines (kept for the report and a failed batch's record).
    public private(set) var firstRejects: [Reject] = []
    /// How many rejects are kept in `firstRejects`.
    public static let rejectsKept = 10_000

    init(writer: BatchWriter, table: String, columns: [ColumnSchema]) {
        self.writer = writer
        self.columns = columns
        tableName = table
        builders = columns.map { ColumnBuilder(type: $0.type) }
    }

    /// The batch's number, for a `batch` column.
    public var batchID: Int64 { writer.batchID }

    /// Marks the end of a row whose values were appended to every builder.
    public mutating func endRow() throws {
        rows += 1
        if builders[0].count >= Workspace.rowsPerSegment { try flush() }
    }

    /// Writes rows an ingester keeps in buffers of its own rather than in
    /// `builders` (one buffer per column of `columns`, strings coded in the
    /// builders' dictionaries).
    mutating func write(rows n: Int, _ buffers: [ColumnBuffer]) throws {
        guard n > 0 else { return }
        rows += n
        try writer.write(rows: n, buffers)
    }

    /// Records a line that is not ingested.
    public mutating func reject(line: Int, reason: String, text: String) {
        rejects += 1
        let r = Reject(line: line, reason: reason, text: text)
        if firstRejects.count < RowSink.rejectsKept { firstRejects.append(r) }
        writer.reject(line: line, reason: reason, text: text)
    }

    /// Writes the pending rows.
    mutating func flush() throws {
        guard let first = builders.first, first.count > 0 else { return }
        let table = Table(name: tableName, columns: zip(columns, builders).map { ($0.name, $1.build()) })
        try writer.write(table)
        builders = builders.map { ColumnBuilder(type: $0.type, dictionary: $0.dictionary) }
    }
}
