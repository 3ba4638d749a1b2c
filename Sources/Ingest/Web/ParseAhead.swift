import Foundation

/// Reads a log and cuts its lines into records on a thread of its own, so
/// that reading, decompressing and parsing run on one core while the
/// encoder and the store run on the other.
///
/// The lines reach the encoder in order, in pieces (``ParsedPiece``), with
/// the lines that did not fit the layout; what they become is what the
/// same lines parsed on the encoder's thread would become.
final class ParseAhead: @unchecked Sendable {
    // @unchecked: `input` is used only by the parse thread once it has
    // started, and by no one else until `done` is signalled.
    private let input: InputStream
    private let layout: LineLayout
    private let queue = PieceQueue()
    private let done = DispatchSemaphore(value: 0)
    private var started = false

    /// A parse of `input` by `layout`; call ``start()``, then take pieces.
    init(input: InputStream, layout: LineLayout) {
        self.input = input
        self.layout = layout
    }

    /// Starts the parse thread.
    func start() {
        started = true
        let thread = Thread { [self] in
            defer { done.signal() }
            do {
                try parse()
                queue.finish()
            } catch {
                queue.finish(throwing: error)
            }
        }
        thread.name = "chm.ingest.parse"
        thread.start()
    }

    /// The next piece in line order; nil at the end of the input.
    /// - Throws: the error that stopped reading (after the pieces before it).
    func next() throws -> ParsedPiece? { try queue.next() }

    /// Gives a piece back once its records are encoded.
    func recycle(_ piece: consuming ParsedPiece) { queue.recycle(piece) }

    /// Stops the parse thread (if still running) and waits for it, so that
    /// the input is no longer read once this returns.
    func stop() {
        guard started else { return }
        started = false
        queue.cancel()
        done.wait()
    }

    private struct Cancelled: Error {}

    private func parse() throws {
        var splitter = LineSplitter()
        // Locals, not stored properties or variables captured by a local
        // function: those would be checked for exclusive access on every line.
        var layout = layout
        var piece = queue.emptyPiece()
        while true {
            let chunk = try input.read()
            if chunk.isEmpty { break }
            piece.chunk = chunk
            try chunk.withUnsafeBufferPointer { chunkBytes in
                try splitter.feed(chunkBytes) { line, number, ending in
                    Self.take(line, number, ending, chunkBytes, &layout, into: &piece)
                    if piece.records.count >= ParsedPiece.capacity {
                        try handOn(&piece)
                        piece.chunk = chunk
                    }
                }
            }
            if piece.lineCount > 0 { try handOn(&piece) }
        }
        // The last line, when the input does not end with a newline; it is in no chunk.
        splitter.finish { line, number, ending in
            Self.take(line, number, ending, UnsafeBufferPointer(start: nil, count: 0), &layout, into: &piece)
        }
        if piece.lineCount > 0 { try handOn(&piece) }
    }

    /// Queues `piece` and starts a new one.
    private func handOn(_ piece: inout ParsedPiece) throws {
        piece.bytesRead = input.bytesRead
        guard queue.put(piece) else { throw Cancelled() }
        piece = queue.emptyPiece()
    }

    /// Parses one line into `piece`: a record and where its bytes are, or a reject.
    @inline(__always)
    private static func take(_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ ending: LineSplitter.Ending,
                             _ chunk: UnsafeBufferPointer<UInt8>, _ layout: inout LineLayout, into piece: inout ParsedPiece) {
        if WebLogImport.isBlank(line) { return }
        piece.lineCount += 1
        var record = LogRecord()
        if let rejected = read(line, number, ending, &layout, into: &record) {
            piece.rejects.append(rejected)
            return
        }
        if let base = chunk.baseAddress, let start = line.baseAddress, start >= base, start < base + chunk.count {
            piece.lines.append(.init(start: Int32(start - base), count: Int32(line.count), inSpill: false, number: number))
        } else {
            // A line that began in the chunk before: its bytes are in the splitter's carry, gone after this call.
            piece.lines.append(.init(start: Int32(piece.spill.count), count: Int32(line.count), inSpill: true, number: number))
            piece.spill.append(contentsOf: line)
        }
        piece.records.append(record)
    }

    /// Reads a line (not blank) into `record`, its lookups prepared for the
    /// encoder; nil, or why it was rejected.
    @inline(__always)
    static func read(_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ ending: LineSplitter.Ending,
                     _ layout: inout LineLayout, into record: inout LogRecord) -> ParsedPiece.Rejected? {
        do throws(LineFault) {
            if ending == .oversized { throw LineFault.layout("the line is longer than \(LineSplitter.maxLineBytes) bytes") }
            try layout.parse(line, into: &record)
        } catch {
            return .init(line: number, reason: WebLogImport.reason(error, ending), text: String(decoding: line, as: UTF8.self))
        }
        record.prepareLookups(line)
        return nil
    }
}
