import Columnar
import Foundation
import Store

/// `chm ingest web FILE…`: web server access logs into the `hits` table,
/// one batch per file.
///
/// Reads Common and Combined logs (Apache, nginx; with or without a leading
/// virtual host), W3C extended logs (IIS) and custom layouts written the
/// GoAccess way; the layout is detected from the first lines when not given.
/// Times are stored in UTC. The client address is used for the visitor hash,
/// the country and `--exclude-ip`, then dropped: it is never stored.
public struct WebLogImport {
    /// Choices the user can make.
    public struct Options: Sendable {
        /// A predefined layout name or a GoAccess-style layout; detected when nil.
        public var logFormat: String?
        /// Layout of `%d` in a custom format (strftime style).
        public var dateFormat: String?
        /// Layout of `%t` in a custom format.
        public var timeFormat: String?
        /// Layout of `%x` in a custom format.
        public var datetimeFormat: String?
        /// The `site` of every row; else the virtual host, else "default".
        public var site: String?
        /// Path rules for documents.
        public var documentRules: [DocumentRule] = []
        /// Query parameters that mark a site search.
        public var searchParameters = ["q"]
        /// IP-to-country ranges, for `country` and `region`.
        public var geo: GeoTable?
        /// Networks whose requests are dropped (`10.0.0.0/8`, `::1/128`).
        public var excludedNetworks: [String] = []
        /// What every ingest takes: force, reject rate, progress.
        public var ingest = IngestOptions()
        /// Whether lines are parsed on a second thread while this one encodes
        /// and stores them; nil: when the process may use two CPUs or more.
        public var parsesAhead: Bool?

        /// Default options.
        public init() {}
    }

    /// What ingesting one log did.
    public struct Outcome: Sendable {
        /// The batch and its counts.
        public var ingest: IngestOutcome
        /// The layout used (a predefined name or the given layout).
        public var format: String
        /// Requests dropped by `--exclude-ip`.
        public var excluded: Int
        /// Visits started.
        public var visits: Int64
    }

    /// The layouts named in errors about files that are not logs.
    static let expected = "expected a web server access log: Combined or Common (Apache, nginx), with or without a virtual host, W3C extended (IIS, with a #Fields: header), or a layout given with --log-format"

    /// Lines looked at to detect the layout.
    static let sampleLines = 200

    /// Ingests one log file (`-` for standard input; gzip is read as such).
    /// - Throws: ``IngestError`` when the file cannot be read, is not a log,
    ///   has too many bad lines or an option is invalid; `StoreError` when the
    ///   workspace cannot be written. Nothing is written when it throws.
    public static func run(file: String, workspace: Workspace, options: Options = Options()) throws -> Outcome {
        let networks = try options.excludedNetworks.map { text in
            guard let n = IPNetwork(text) else {
                throw IngestError(.invalidOption, "--exclude-ip takes an address or a CIDR block (10.0.0.0/8, ::1/128), got \(text)", file: file)
            }
            return n
        }
        guard !options.searchParameters.contains(where: \.isEmpty) else {
            throw IngestError(.invalidOption, "--search-param cannot be empty", file: file)
        }
        let given = try options.logFormat.map {
            try LogFormat($0, dateFormat: options.dateFormat, timeFormat: options.timeFormat, datetimeFormat: options.datetimeFormat)
        }
        let agents = try AgentClassifier.shipped()
        let requests = try RequestClassifier.shipped(rules: options.documentRules, searchParameters: options.searchParameters)
        let countries = options.geo == nil ? nil : try CountryReference.shipped()
        let secret = try workspace.secret()
        var format: LogFormat?
        var excluded = 0
        var visits: Int64 = 0
        let existing = try workspace.schema(of: "hits")
        if let existing, existing.columns != HitEncoder.columns {
            throw IngestError(.wrongFormat, "the workspace's hits table has other columns (\(existing.names.joined(separator: ", "))) than chm writes; use another workspace", file: file)
        }

        let outcome = try BatchIngest.run(path: file, table: "hits", source: "web", workspace: workspace, options: options.ingest) { input in
            format = try detect(input, given: given, file: file)
            return HitEncoder.columns
        } body: { input, sink, meter in
            guard let format else { return 0 }
            var encoder = HitEncoder(batch: sink.batchID, secret: secret, agents: agents, requests: requests, geo: options.geo,
                                     countries: countries, excluded: networks, site: options.site,
                                     dictionaries: sink.builders.map(\.dictionary))
            var lines = 0
            var splitter = LineSplitter()
            var record = LogRecord()
            if format.isW3C {
                var layout = W3CLayout()
                try splitter.run(input) { line, number, ending in
                    if isBlank(line) { return }
                    do {
                        if try layout.directive(line) { return }
                        lines += 1
                        if ending == .oversized { throw LineFault.layout("the line is longer than \(LineSplitter.maxLineBytes) bytes") }
                        let bytes = try layout.parse(line, into: &record)
                        record.prepareLookups(bytes)
                        try encoder.add(record, line: bytes, number: number, ending: ending, to: &sink)
                    } catch let fault as LineFault {
                        sink.reject(line: number, reason: reason(fault, ending), text: String(decoding: line, as: UTF8.self))
                    }
                    if lines & 0xFFFF == 0 { meter.update(bytes: input.bytesRead, lines: lines) }
                }
            } else if options.parsesAhead ?? (CPUAllowance.count > 1) {
                // Reading, hashing and parsing on a second thread, encoding and storing on this one:
                // two busy threads for two CPUs (a third, the hash's own, would make all three take turns).
                input.hashWhileReading()
                let parse = ParseAhead(input: input, layout: LineLayout(format: format))
                parse.start()
                defer { parse.stop() }
                while let piece = try parse.next() {
                    // The parse's rejects and the encoder's, in line order.
                    var parsed = piece.rejects[...]
                    try piece.forEachRecord(ahead: { encoder.prefetch($0) }) { record, line, number in
                        while let r = parsed.first, r.line < number {
                            sink.reject(line: r.line, reason: r.reason, text: r.text)
                            parsed = parsed.dropFirst()
                        }
                        try encoder.add(record, line: line, number: number, to: &sink)
                    }
                    for r in parsed { sink.reject(line: r.line, reason: r.reason, text: r.text) }
                    lines += piece.lineCount
                    meter.update(bytes: piece.bytesRead, lines: lines)
                    parse.recycle(piece)
                }
            } else {
                // One CPU: each line parsed and encoded in turn, while it is in cache, and each chunk hashed as it is read.
                input.hashWhileReading()
                var layout = LineLayout(format: format)
                try splitter.run(input) { line, number, ending in
                    if isBlank(line) { return }
                    lines += 1
                    // A record of this line only, on the stack, is handed on by address; one kept across
                    // lines (captured) is copied for each call, just after the parse wrote it.
                    var record = LogRecord()
                    if let r = ParseAhead.read(line, number, ending, &layout, into: &record) {
                        sink.reject(line: r.line, reason: r.reason, text: r.text)
                        return
                    }
                    try encoder.add(record, line: line, number: number, ending: ending, to: &sink)
                    if lines & 0xFFFF == 0 { meter.update(bytes: input.bytesRead, lines: lines) }
                }
            }
            try encoder.write(to: &sink)
            excluded = encoder.excludedRequests
            visits = encoder.visitCount
            return lines
        }
        return Outcome(ingest: outcome, format: format?.name ?? format?.specification ?? given?.name ?? options.logFormat ?? "", excluded: excluded, visits: visits)
    }

    static func reason(_ fault: LineFault, _ ending: LineSplitter.Ending) -> String {
        ending == .endOfFile ? "\(fault.reason) (the last line has no newline: the file may be truncated)" : fault.reason
    }

    @inline(__always) static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in line where c != 0x20 && c != 0x09 { return false }
        return true
    }

    /// Picks the layout from the first lines, or checks the given one fits them;
    /// fails at once on input that is not a log at all.
    static func detect(_ input: InputStream, given: LogFormat?, file: String) throws -> LogFormat {
        var sample: [[UInt8]] = []
        var splitter = LineSplitter()
        var seenBytes = 0
        var binary = false
        struct Enough: Error {}
        do {
            while sample.count < sampleLines {
                let chunk = try input.read()
                if chunk.isEmpty { break }
                if seenBytes < 65_536, chunk.prefix(65_536 - seenBytes).contains(0) { binary = true; break }
                seenBytes += chunk.count
                try chunk.withUnsafeBufferPointer { buf in
                    try splitter.feed(buf) { line, _, _ in
                        if !isBlank(line) { sample.append(Array(line.prefix(LineSplitter.maxLineBytes))) }
                        if sample.count >= sampleLines { throw Enough() }
                    }
                }
            }
        } catch is Enough {}
        if binary { throw IngestError(.wrongFormat, "this is a binary file, not text; \(expected)", file: file) }
        if sample.count < sampleLines, !binary {
            // The last line may have no newline (or the whole input is one line).
            splitter.finish { line, _, _ in
                if !isBlank(line) { sample.append(Array(line)) }
            }
        }
        guard !sample.isEmpty else { throw IngestError(.wrongFormat, "the file is empty; \(expected)", file: file) }

        let w3cHeader = sample.contains { $0.starts(with: Array("#Fields:".utf8)) || $0.starts(with: Array("#Software:".utf8)) }
        if let given {
            if given.isW3C {
                guard w3cHeader else { throw IngestError(.wrongFormat, "no #Fields: header in the first lines, so this is not a W3C extended log; \(expected)", file: file) }
                return given
            }
            let fits = count(sample, given)
            guard fits > 0 else {
                var layout = LineLayout(format: given)
                var r = LogRecord()
                var why = ""
                sample[0].withUnsafeBufferPointer { line in
                    do throws(LineFault) { try layout.parse(line, into: &r) } catch { why = error.reason }
                }
                throw IngestError(.wrongFormat, "none of the first \(sample.count) lines fits the log format \(given.specification) (line 1: \(why)); \(expected)", file: file, line: 1)
            }
            return given
        }
        if w3cHeader { return try LogFormat("W3C") }
        var best: (LogFormat, Int)?
        for name in LogFormat.detectable where name != "W3C" {
            let format = try LogFormat(name)
            let fits = count(sample, format)
            if fits > (best?.1 ?? 0) { best = (format, fits) }
        }
        guard let best, best.1 * 2 >= sample.count else {
            let shown = String(decoding: sample[0].prefix(80), as: UTF8.self)
            throw IngestError(.wrongFormat, "the first lines are not in a known log format (line 1: \"\(shown)\"); \(expected)", file: file, line: 1)
        }
        return best.0
    }

    private static func count(_ sample: [[UInt8]], _ format: LogFormat) -> Int {
        var layout = LineLayout(format: format)
        var r = LogRecord()
        var fits = 0
        for line in sample {
            line.withUnsafeBufferPointer { b in
                do throws(LineFault) {
                    try layout.parse(b, into: &r)
                    fits += 1
                } catch {}
            }
        }
        return fits
    }
}
