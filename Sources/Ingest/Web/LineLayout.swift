import Foundation

/// Reads lines laid out by a ``LogFormat`` (Combined, Common, custom).
///
/// A field runs to the first byte of the literal that follows it; inside
/// quotes a backslash-escaped quote (`\"`, as Apache writes it) does not
/// end the field. A line may stop before the user-agent field (GoAccess
/// accepts that too); the agent is then empty. Bytes after the last field
/// are ignored, so extra fields an admin appended do not break the layout.
struct LineLayout {
    let format: LogFormat
    private let tokens: [LogFormat.Token]
    private let needsAgent: [Bool]
    private var reading = TimeFormat.Reading()
    // One-entry caches: neighbouring lines share most of their timestamp.
    private var lastStamp: [UInt8] = []
    private var lastSeconds: Int64 = 0

    init(format: LogFormat) {
        self.format = format
        tokens = format.tokens
        // needsAgent[i]: a field other than the agent (or skipped text) comes at or after token i,
        // so the line may not end there.
        var flags = [Bool](repeating: false, count: tokens.count + 1)
        var required = false
        for i in stride(from: tokens.count - 1, through: 0, by: -1) {
            if case .field(let f) = tokens[i], f != .agent, f != .skip, f != .skipSpaces { required = true }
            flags[i] = required
        }
        needsAgent = flags
    }

    /// Fills `r` from `line`, or throws why the line does not fit the layout.
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into r: inout LogRecord) throws(LineFault) {
        r.reset()
        let n = line.count
        var i = 0
        var date = LogRecord.Span(), time = LogRecord.Span(), datetime = LogRecord.Span()
        var status = LogRecord.Span(), bytes = LogRecord.Span()
        var url = LogRecord.Span(), queryField = LogRecord.Span(), request = LogRecord.Span()
        var haveQueryField = false
        var t = 0
        while t < tokens.count {
            switch tokens[t] {
            case .literal(let lit):
                if i >= n, !needsAgent[t] { t = tokens.count; continue }
                for c in lit {
                    guard i < n, line[i] == c else {
                        if i >= n, !needsAgent[t] { t = tokens.count; break }
                        throw .layout(i >= n ? "the line ends early (expected \(Self.show(lit)) at column \(i + 1))"
                                               : "expected \(Self.show(lit)) at column \(i + 1)")
                    }
                    i += 1
                }
                t += 1
            case .field(let f):
                if f == .skipSpaces {
                    while i < n, line[i] == 0x20 { i += 1 }
                    t += 1
                    continue
                }
                let start = i
                var end: Int
                if t + 1 < tokens.count, case .literal(let next) = tokens[t + 1] {
                    let stop = next[0]
                    let quoted = stop == UInt8(ascii: "\"") && start > 0 && line[start - 1] == UInt8(ascii: "\"")
                    end = i
                    if quoted {
                        while end < n {
                            let c = line[end]
                            if c == UInt8(ascii: "\\"), end + 1 < n { end += 2; continue }
                            if c == stop { break }
                            end += 1
                        }
                        // A quote inside the field that is not escaped: the field ends at the quote that the rest of the layout fits.
                        if next.count > 1, end < n {
                            var probe = end
                            while probe < n, !Self.matches(line, probe, next) {
                                probe += 1
                                while probe < n, line[probe] != stop { probe += 1 }
                            }
                            if probe < n { end = probe }
                        }
                    } else {
                        while end < n, line[end] != stop { end += 1 }
                    }
                } else {
                    end = n
                }
                let span = LogRecord.Span(start: start, end: end)
                switch f {
                case .host: r.host = span
                case .vhost: r.vhost = span
                case .datetime: datetime = span
                case .date: date = span
                case .time: time = span
                case .request: request = span
                case .method: r.method = span
                case .url: url = span
                case .query: queryField = span; haveQueryField = true
                case .protocolName, .skip, .skipSpaces: break
                case .status: status = span
                case .bytes: bytes = span
                case .referrer: r.referrer = span
                case .agent: r.agent = span
                }
                i = end
                t += 1
            }
        }
        guard !r.host.isEmpty else { throw .layout("the client address is empty") }
        guard let code = LogBytes.status(line, status) else {
            throw .layout("the status \(Self.show(line, status)) is not a 3-digit HTTP status")
        }
        r.status = code
        guard let size = LogBytes.byteCount(line, bytes) else {
            throw .layout("the size \(Self.show(line, bytes)) is not a number of bytes")
        }
        r.bytes = size
        if !request.isEmpty {
            LogBytes.splitRequest(line, request.start, request.end, into: &r)
        } else if !url.isEmpty {
            LogBytes.splitTarget(line, url.start, url.end, into: &r)
        } else {
            throw .layout("the request is empty")
        }
        if haveQueryField, !r.hasQuery, queryField.count > 0, !(queryField.count == 1 && line[queryField.start] == UInt8(ascii: "-")) {
            var q = queryField
            if line[q.start] == UInt8(ascii: "?") { q.start += 1 }
            r.query = q
            r.hasQuery = true
        }
        r.ts = try timestamp(line, datetime: datetime, date: date, time: time)
    }

    private mutating func timestamp(_ line: UnsafeBufferPointer<UInt8>, datetime: LogRecord.Span, date: LogRecord.Span, time: LogRecord.Span) throws(LineFault) -> Int64 {
        if !datetime.isEmpty {
            let field = UnsafeBufferPointer(rebasing: line[datetime.start..<datetime.end])
            if field.count == lastStamp.count, lastStamp.withUnsafeBufferPointer({ memcmp($0.baseAddress!, field.baseAddress!, field.count) == 0 }) {
                return lastSeconds
            }
            reading = TimeFormat.Reading()
            guard format.datetime.read(field, into: &reading) else {
                throw .layout("the time \(Self.show(line, datetime)) does not fit \(format.datetime.layout)")
            }
            lastStamp.removeAll(keepingCapacity: true)
            lastStamp.append(contentsOf: field)
            lastSeconds = reading.utcSeconds
            return lastSeconds
        }
        guard !date.isEmpty else { throw .layout("the date is empty") }
        reading = TimeFormat.Reading()
        guard format.date.read(UnsafeBufferPointer(rebasing: line[date.start..<date.end]), into: &reading) else {
            throw .layout("the date \(Self.show(line, date)) does not fit \(format.date.layout)")
        }
        if !time.isEmpty, !format.time.read(UnsafeBufferPointer(rebasing: line[time.start..<time.end]), into: &reading) {
            throw .layout("the time \(Self.show(line, time)) does not fit \(format.time.layout)")
        }
        return reading.utcSeconds
    }

    private static func matches(_ line: UnsafeBufferPointer<UInt8>, _ at: Int, _ lit: [UInt8]) -> Bool {
        guard at + lit.count <= line.count else {
            // The literal runs past the end: fine when what is there is its beginning (the line stopped before the agent).
            let avail = line.count - at
            return avail > 0 && (0..<avail).allSatisfy { line[at + $0] == lit[$0] }
        }
        for k in 0..<lit.count where line[at + k] != lit[k] { return false }
        return true
    }

    static func show(_ lit: [UInt8]) -> String { "'\(String(decoding: lit, as: UTF8.self))'" }

    static func show(_ line: UnsafeBufferPointer<UInt8>, _ s: LogRecord.Span) -> String {
        if s.isEmpty { return "(empty)" }
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[s.start..<min(s.end, s.start + 40)]), as: UTF8.self)
        return "'\(text)'"
    }

    static func name(_ f: LogFormat.Field) -> String {
        switch f {
        case .host: "client address"
        case .vhost: "virtual host"
        case .datetime, .date, .time: "time"
        case .request: "request"
        case .method: "method"
        case .url: "URL"
        case .query: "query"
        case .protocolName: "protocol"
        case .status: "status"
        case .bytes: "size"
        case .referrer: "referrer"
        case .agent: "user agent"
        case .skip, .skipSpaces: "skipped"
        }
    }
}
