/// A web server log layout, written the way GoAccess writes them
/// (`%h %^[%d:%t %^] "%r" %s %b "%R" "%u"`), compiled into literals and fields.
///
/// Predefined names (COMBINED, VCOMBINED, COMMON, VCOMMON, W3C…) stand for the
/// servers' default layouts; `W3C` is not a line layout but a header-driven one
/// (`#Fields:`), read by ``W3CLayout``.
public struct LogFormat: Sendable, Equatable {
    /// What a `%` specifier captures.
    enum Field: UInt8, Sendable, Equatable {
        case host, vhost, datetime, date, time, request, method, url, query, protocolName
        case status, bytes, referrer, agent, skip, skipSpaces
    }

    /// One element of a layout: bytes that must be there, or a field.
    enum Token: Sendable, Equatable {
        case literal([UInt8])
        case field(Field)
    }

    /// The layout as given (for messages).
    public let specification: String
    /// The name of a predefined layout, when one was used.
    public let name: String?
    let tokens: [Token]
    /// Timestamps of `%x`, `%d` and `%t` fields.
    let datetime: TimeFormat
    let date: TimeFormat
    let time: TimeFormat
    /// Whether the layout is W3C extended (a `#Fields:` header says what follows).
    public var isW3C: Bool { name == "W3C" }

    /// The layouts tried, in order, when none is given.
    public static let detectable = ["COMBINED", "VCOMBINED", "VHOSTCOMBINED", "COMMON", "VCOMMON", "W3C"]

    /// The layout a predefined name stands for.
    ///
    /// Timestamps are read with their UTC offset (`%z`), so the stored time is UTC.
    static func predefined(_ name: String) -> (spec: String, datetime: String)? {
        let clf = "%d/%b/%Y:%H:%M:%S %z"
        switch name.uppercased() {
        // Apache `combined`, nginx's default `combined`.
        case "COMBINED": return (#"%h %^ %^ [%x] "%r" %s %b "%R" "%u""#, clf)
        // Apache `vhost_combined`: `%v:%p %h %l %u %t …`.
        case "VCOMBINED": return (#"%v:%^ %h %^ %^ [%x] "%r" %s %b "%R" "%u""#, clf)
        // A virtual host then a space, as many nginx and hosting setups write.
        case "VHOSTCOMBINED": return (#"%v %h %^ %^ [%x] "%r" %s %b "%R" "%u""#, clf)
        case "COMMON": return (#"%h %^ %^ [%x] "%r" %s %b"#, clf)
        case "VCOMMON": return (#"%v:%^ %h %^ %^ [%x] "%r" %s %b"#, clf)
        case "W3C": return ("", "")
        default: return nil
        }
    }

    /// Compiles a layout: a predefined name or a GoAccess-style specification.
    /// - Parameters:
    ///   - specification: `COMBINED`, `W3C`… or e.g. `%h %^[%d:%t %^] "%r" %s %b "%R" "%u"`.
    ///   - dateFormat: strftime-style layout of `%d` (default `%d/%b/%Y`).
    ///   - timeFormat: layout of `%t` (default `%H:%M:%S`).
    ///   - datetimeFormat: layout of `%x` (default `%d/%b/%Y:%H:%M:%S %z`).
    /// - Throws: ``IngestError`` `.invalidOption` naming the unknown specifier.
    public init(_ specification: String, dateFormat: String? = nil, timeFormat: String? = nil, datetimeFormat: String? = nil) throws {
        self.specification = specification
        let spec: String
        var defaultDatetime = "%d/%b/%Y:%H:%M:%S %z"
        if let p = Self.predefined(specification) {
            name = specification.uppercased()
            spec = p.spec
            if !p.datetime.isEmpty { defaultDatetime = p.datetime }
        } else {
            name = nil
            spec = specification
        }
        tokens = name == "W3C" ? [] : try Self.compile(spec)
        date = try TimeFormat(dateFormat ?? "%d/%b/%Y")
        time = try TimeFormat(timeFormat ?? "%H:%M:%S")
        datetime = try TimeFormat(datetimeFormat ?? defaultDatetime)
        if name != "W3C" {
            let fields = Set(tokens.compactMap { if case .field(let f) = $0 { f } else { nil } })
            guard fields.contains(.host) else {
                throw IngestError(.invalidOption, "the log format needs %h (the client address): \(specification)", file: "--log-format")
            }
            guard fields.contains(.datetime) || fields.contains(.date) else {
                throw IngestError(.invalidOption, "the log format needs %x or %d (the date): \(specification)", file: "--log-format")
            }
            guard fields.contains(.request) || fields.contains(.url) else {
                throw IngestError(.invalidOption, "the log format needs %r or %U (the request): \(specification)", file: "--log-format")
            }
            guard fields.contains(.status) else {
                throw IngestError(.invalidOption, "the log format needs %s (the status): \(specification)", file: "--log-format")
            }
        }
    }

    private static func compile(_ spec: String) throws -> [Token] {
        var tokens: [Token] = []
        var literal: [UInt8] = []
        let bytes = Array(spec.utf8)
        var i = 0
        func flush() {
            if !literal.isEmpty { tokens.append(.literal(literal)); literal = [] }
        }
        while i < bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "%"), i + 1 < bytes.count else {
                literal.append(b)
                i += 1
                continue
            }
            let c = bytes[i + 1]
            i += 2
            let field: Field
            switch c {
            case UInt8(ascii: "%"): literal.append(c); continue
            case UInt8(ascii: "h"): field = .host
            case UInt8(ascii: "v"): field = .vhost
            case UInt8(ascii: "x"): field = .datetime
            case UInt8(ascii: "d"): field = .date
            case UInt8(ascii: "t"): field = .time
            case UInt8(ascii: "r"): field = .request
            case UInt8(ascii: "m"): field = .method
            case UInt8(ascii: "U"): field = .url
            case UInt8(ascii: "q"): field = .query
            case UInt8(ascii: "H"): field = .protocolName
            case UInt8(ascii: "s"): field = .status
            case UInt8(ascii: "b"): field = .bytes
            case UInt8(ascii: "R"): field = .referrer
            case UInt8(ascii: "u"): field = .agent
            case UInt8(ascii: "~"): field = .skipSpaces
            // Fields chm does not keep: user, time taken, cache status, TLS, MIME, anything skipped.
            case UInt8(ascii: "^"), UInt8(ascii: "e"), UInt8(ascii: "D"), UInt8(ascii: "T"), UInt8(ascii: "L"),
                 UInt8(ascii: "n"), UInt8(ascii: "C"), UInt8(ascii: "k"), UInt8(ascii: "K"), UInt8(ascii: "M"):
                field = .skip
            default:
                throw IngestError(.invalidOption, "unknown specifier %\(Character(Unicode.Scalar(c))) in the log format \(spec); known: %h %v %x %d %t %r %m %U %q %H %s %b %R %u %e %^ %~ %D %T %L", file: "--log-format")
            }
            flush()
            if case .field(let previous)? = tokens.last, previous != .skipSpaces, field != .skipSpaces {
                throw IngestError(.invalidOption, "two fields follow each other without a separator in the log format \(spec)", file: "--log-format")
            }
            tokens.append(.field(field))
        }
        flush()
        guard !tokens.isEmpty else { throw IngestError(.invalidOption, "the log format is empty", file: "--log-format") }
        return tokens
    }
}
