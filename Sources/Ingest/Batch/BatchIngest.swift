import Columnar
import Foundation
import Store

/// Options every ingest takes.
public struct IngestOptions: Sendable {
    /// Ingest even if the same file (by SHA-256) is already in the table.
    public var force = false
    /// Largest share of rejected lines before the batch fails (0.01 = 1 %).
    public var maxRejectRate = 0.01
    /// Show a progress line on standard error when it is a terminal.
    public var showProgress = true

    /// Default options.
    public init() {}
}

/// What ingesting one file did.
public struct IngestOutcome: Sendable {
    /// The file as given.
    public var file: String
    /// The committed batch, or the earlier batch when the file was skipped.
    public var batch: BatchRecord
    /// Whether the file had been ingested before and was skipped.
    public var skipped: Bool
    /// The first rejected lines (at most 20).
    public var firstRejects: [Reject]
    /// Lines read (accepted and rejected).
    public var lines: Int
    /// Wall-clock seconds.
    public var seconds: Double
}

/// Runs one file as one batch: its rows go to the store inside one
/// transaction while the file is hashed with SHA-256 on the same pass; a file
/// already in the table is found once read and skipped (the transaction is
/// rolled back, so nothing is written) unless forced; and when too many lines
/// are rejected the batch fails as a whole and is recorded as failed with its
/// rejects.
enum BatchIngest {
    /// The file turned out to be in the table already: thrown out of the
    /// append's body so that its transaction is rolled back.
    private struct AlreadyIngested: Error {
        let earlier: BatchRecord
    }

    /// - Parameters:
    ///   - columns: the table columns the ingester writes; may read the input
    ///     first (it is rewound afterwards), e.g. to infer types.
    ///   - body: reads `input` and appends rows and rejects to the sink;
    ///     returns the number of lines read.
    static func run(path: String, table: String, source: String, workspace: Workspace, options: IngestOptions,
                    columns: (InputStream) throws -> [ColumnSchema],
                    body: (InputStream, inout RowSink, inout ProgressMeter) throws -> Int) throws -> IngestOutcome {
        let started = Date()
        let input = try InputStream(path: path)
        // The hash is known only once the file is read; the batch record gets it at commit.
        var description = BatchDescription(source: source, fileName: input.displayName, sha256: "")
        var meter = ProgressMeter(label: input.displayName, total: input.size, enabled: options.showProgress && isatty(STDERR_FILENO) == 1)
        var kept: [Reject] = []
        var lines = 0
        do {
            let schema = try columns(input)
            try input.rewind()
            let record = try workspace.append(to: table, batch: description) { writer in
                var sink = RowSink(writer: writer, table: table, columns: schema)
                lines = try body(input, &sink, &meter)
                try sink.flush()
                meter.finish()
                kept = sink.firstRejects
                let sha256 = try input.finishHashing()
                if !options.force, let earlier = try writer.earlierBatch(sha256: sha256) {
                    throw AlreadyIngested(earlier: earlier)
                }
                description.sha256 = sha256
                writer.identify(sha256: sha256)
                if lines > 0, Double(sink.rejects) / Double(lines) > options.maxRejectRate {
                    let first = sink.firstRejects.first.map { "; first: line \($0.line): \($0.reason)" } ?? ""
                    throw IngestError(.tooManyRejects, "\(sink.rejects) of \(lines) lines rejected, more than \(Self.percent(options.maxRejectRate)) (raise --max-reject-rate to accept)\(first)", file: path)
                }
            }
            return IngestOutcome(file: path, batch: record, skipped: false, firstRejects: Array(kept.prefix(20)), lines: lines,
                                 seconds: Date().timeIntervalSince(started))
        } catch let duplicate as AlreadyIngested {
            return skipped(path, duplicate.earlier)
        } catch {
            meter.finish()
            // A file already ingested is skipped whatever reading it again would do, as when it was hashed first.
            if !options.force, let sha256 = try? input.finishHashing(), let earlier = try? workspace.batch(sha256: sha256, table: table) {
                return skipped(path, earlier)
            }
            if let failure = error as? IngestError, failure.code == .tooManyRejects {
                _ = try? workspace.recordFailedBatch(description, table: table, rejects: kept, error: failure.message)
            }
            throw error
        }
    }

    private static func skipped(_ path: String, _ earlier: BatchRecord) -> IngestOutcome {
        IngestOutcome(file: path, batch: earlier, skipped: true, firstRejects: [], lines: 0, seconds: 0)
    }

    static func percent(_ rate: Double) -> String {
        let p = rate * 100
        return p == p.rounded() ? "\(Int(p)) %" : "\(p) %"
    }
}
