/// Reads W3C extended logs (IIS and others): `#Fields:` names the columns of
/// the lines that follow, until the next `#Fields:` (a server writes a new
/// header block after every restart, sometimes with other fields). Values are
/// separated by spaces (or tabs), `-` is empty, spaces inside the user agent
/// and referrer are written `+`. Times are UTC, as IIS writes them.
struct W3CLayout {
    enum Column: Equatable {
        case date, time, clientIP, host, method, stem, query, uri, status, bytes, agent, referrer, other
    }

    private(set) var columns: [Column] = []
    /// The line with `+` turned back into spaces inside the agent and referrer, which spans point into.
    private let scratch: ScratchBuffer
    private var values: [LogRecord.Span] = []
    private var reading = TimeFormat.Reading()

    init() {
        scratch = ScratchBuffer(capacity: 1 << 16)
    }

    /// Whether a `#Fields:` header has been read.
    var hasHeader: Bool { !columns.isEmpty }

    /// Reads a directive line (`#…`); false when the line is not one.
    mutating func directive(_ line: UnsafeBufferPointer<UInt8>) throws(LineFault) -> Bool {
        guard line.first == UInt8(ascii: "#") else { return false }
        let prefix = Array("#Fields:".utf8)
        guard line.count >= prefix.count, zip(line.prefix(prefix.count), prefix).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) else { return true }
        let names = String(decoding: line.dropFirst(prefix.count), as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
        let parsed = names.map { Self.column(String($0).lowercased()) }
        guard parsed.contains(.date) || parsed.contains(.time) else { throw .layout("the #Fields: header names no date or time field") }
        guard parsed.contains(.stem) || parsed.contains(.uri) else { throw .layout("the #Fields: header names no cs-uri-stem field") }
        guard parsed.contains(.status) else { throw .layout("the #Fields: header names no sc-status field") }
        columns = parsed
        return true
    }

    static func column(_ name: String) -> Column {
        switch name {
        case "date": .date
        case "time": .time
        case "c-ip": .clientIP
        case "cs-host": .host
        case "cs-method": .method
        case "cs-uri-stem": .stem
        case "cs-uri-query": .query
        case "cs-uri": .uri
        case "sc-status": .status
        case "sc-bytes": .bytes
        case "cs(user-agent)": .agent
        case "cs(referer)", "cs(referrer)": .referrer
        default: .other
        }
    }

    /// Fills `r` from a data line; returns the bytes the spans point into.
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into r: inout LogRecord) throws(LineFault) -> UnsafeBufferPointer<UInt8> {
        guard hasHeader else { throw .layout("a data line before any #Fields: header") }
        r.reset()
        let buffer = scratch.copy(line)
        values.removeAll(keepingCapacity: true)
        var i = 0
        let n = buffer.count
        while i < n {
            let start = i
            while i < n, buffer[i] != 0x20, buffer[i] != 0x09 { i += 1 }
            values.append(.init(start: start, end: i))
            while i < n, buffer[i] == 0x20 || buffer[i] == 0x09 { i += 1 }
        }
        guard values.count == columns.count else {
            throw .layout("\(values.count) fields where the #Fields: header names \(columns.count)")
        }
        let view = UnsafeBufferPointer(buffer)
        var date = LogRecord.Span(), time = LogRecord.Span(), status = LogRecord.Span(), bytes = LogRecord.Span()
        var stem = LogRecord.Span(), query = LogRecord.Span(), uri = LogRecord.Span()
        for (k, column) in columns.enumerated() {
            var v = values[k]
            if v.count == 1, buffer[v.start] == UInt8(ascii: "-") { v = .init(start: v.start, end: v.start) }
            switch column {
            case .date: date = v
            case .time: time = v
            case .clientIP: r.host = v
            case .host: r.vhost = v
            case .method: r.method = v
            case .stem: stem = v
            case .query: query = v
            case .uri: uri = v
            case .status: status = v
            case .bytes: bytes = v
            case .agent:
                for p in v.start..<v.end where buffer[p] == UInt8(ascii: "+") { buffer[p] = 0x20 }
                r.agent = v
            case .referrer: r.referrer = v
            case .other: break
            }
        }
        guard !r.host.isEmpty else { throw .layout("the client address (c-ip) is empty") }
        guard let code = LogBytes.status(view, status) else { throw .layout("the status is not a 3-digit HTTP status") }
        r.status = code
        guard let size = LogBytes.byteCount(view, bytes) else { throw .layout("sc-bytes is not a number") }
        r.bytes = size
        if !stem.isEmpty {
            LogBytes.splitTarget(view, stem.start, stem.end, into: &r)
            if !query.isEmpty { r.query = query; r.hasQuery = true }
        } else if !uri.isEmpty {
            LogBytes.splitTarget(view, uri.start, uri.end, into: &r)
        } else {
            throw .layout("the requested URL is empty")
        }
        reading = TimeFormat.Reading()
        guard !date.isEmpty, Self.dateFormat.read(UnsafeBufferPointer(rebasing: view[date.start..<date.end]), into: &reading) else {
            throw .layout("the date is not YYYY-MM-DD")
        }
        if !time.isEmpty, !Self.timeFormat.read(UnsafeBufferPointer(rebasing: view[time.start..<time.end]), into: &reading) {
            throw .layout("the time is not HH:MM:SS")
        }
        r.ts = reading.utcSeconds
        return view
    }

    private static let dateFormat = try! TimeFormat("%Y-%m-%d")
    private static let timeFormat = try! TimeFormat("%H:%M:%S")
}

/// A growable byte buffer owned outside Swift's copy-on-write arrays, so that
/// a parser can hand out a pointer into it for the length of one line.
final class ScratchBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Copies `bytes` in and returns the copy (valid until the next call).
    func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeMutableBufferPointer<UInt8> {
        if bytes.count > capacity {
            base.deallocate()
            capacity = bytes.count
            base = .allocate(capacity: capacity)
        }
        if let source = bytes.baseAddress { base.update(from: source, count: bytes.count) }
        return UnsafeMutableBufferPointer(start: base, count: bytes.count)
    }
}
