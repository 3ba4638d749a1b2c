/// Lines of a log cut into records by the parse thread, waiting for the
/// encoder: the records, where each line's bytes are, and the lines that
/// were rejected.
///
/// The bytes stay where the file was read into (`chunk`, shared, not
/// copied); only a line that spans two chunks is copied, into `spill`.
struct ParsedPiece: Sendable {
    /// Where a record's line is: `count` bytes at `start` of the chunk or of the spill; and its number.
    struct LineBytes: Sendable {
        var start: Int32
        var count: Int32
        var inSpill: Bool
        var number: Int
    }

    /// A line that did not fit the layout.
    struct Rejected: Sendable {
        var line: Int
        var reason: String
        var text: String
    }

    /// The chunk the lines were read from.
    var chunk: [UInt8] = []
    /// Lines that began in an earlier chunk, copied whole.
    var spill: [UInt8] = []
    /// One record per accepted line, in line order.
    var records: [LogRecord] = []
    /// Where each record's line is, in step with `records`.
    var lines: [LineBytes] = []
    /// Rejected lines, in line order.
    var rejects: [Rejected] = []
    /// Lines read (accepted or rejected; blank lines not counted).
    var lineCount = 0
    /// Bytes read from the file once this piece was cut, for progress.
    var bytesRead = 0

    /// The most records a piece holds before it is handed on, so that the
    /// pieces in flight stay within the caches the two threads share.
    static let capacity = 2048

    /// Empties the piece for reuse, keeping its arrays' storage.
    mutating func clear() {
        chunk = []
        spill.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        lineCount = 0
        bytesRead = 0
    }

    /// How many records ahead of the one handed to `body` ``forEachRecord(ahead:_:)`` hands to `ahead`.
    static let lookahead = 8

    /// Calls `body` with each record, the bytes of its line and its number, in order,
    /// and `ahead` with the record ``lookahead`` places further on (to start
    /// bringing in what `body` will need for it).
    func forEachRecord(ahead: (borrowing LogRecord) -> Void, _ body: (borrowing LogRecord, UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try chunk.withUnsafeBufferPointer { chunk in
            try spill.withUnsafeBufferPointer { spill in
                try records.withUnsafeBufferPointer { records in
                    try lines.withUnsafeBufferPointer { lines in
                        for k in 0..<min(Self.lookahead, records.count) { ahead(records[k]) }
                        for k in 0..<records.count {
                            if k + Self.lookahead < records.count { ahead(records[k + Self.lookahead]) }
                            let at = lines[k]
                            let base = at.inSpill ? spill : chunk
                            let start = Int(at.start)
                            try body(records[k], UnsafeBufferPointer(rebasing: base[start..<(start + Int(at.count))]), at.number)
                        }
                    }
                }
            }
        }
    }
}
