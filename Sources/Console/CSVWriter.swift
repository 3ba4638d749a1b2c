import Columnar

/// A result as RFC 4180 CSV: a header row of column names, then one record
/// per row.
///
/// A field is quoted when it holds a comma, a double quote, CR or LF (inner
/// quotes doubled), or when it has leading or trailing spaces that a reader
/// might trim. NULL is an empty field and an empty string is written `""`, so
/// the two stay apart for readers that care (DuckDB's does). Lines end in LF,
/// not the RFC's CRLF: every CSV reader in use accepts LF, and LF is what the
/// other outputs and Unix tools produce.
struct CSVWriter {
    /// The rows to write.
    let result: QueryResult
    /// The NULL text, when the user set one.
    let options: RenderOptions

    /// The CSV text, ending in a newline.
    func render() -> String {
        guard !result.columns.isEmpty else { return "" }
        let null = Array(Self.field(options.nullText ?? "", emptyIsQuoted: false).utf8)
        // Column by column first (a string column's field made once per dictionary entry:
        // results repeat their strings), then the rows stitched from the fields' bytes.
        let columns = result.columns.map { _RenderedFields($0.chunk, rows: result.rowCount, null: null) }
        var out = Array((result.names.map { Self.field($0) }.joined(separator: ",") + "\n").utf8)
        out.reserveCapacity(out.count + columns.reduce(result.rowCount) { $0 + $1.byteCount + result.rowCount })
        for r in 0..<result.rowCount {
            for k in columns.indices {
                if k > 0 { out.append(0x2C) }
                columns[k].append(row: r, to: &out)
            }
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One field, quoted when its text requires it.
    /// - Parameters:
    ///   - text: the field's text.
    ///   - emptyIsQuoted: whether an empty text is written `""` (for empty strings, not NULL).
    static func field(_ text: String, emptyIsQuoted: Bool = true) -> String {
        if text.isEmpty { return emptyIsQuoted ? "\"\"" : "" }
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || text.utf8.first == 0x20 || text.utf8.last == 0x20
        guard needsQuotes else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }
}

extension String {
    /// The text with every `"` doubled.
    fileprivate func replacingQuotes() -> String {
        guard contains("\"") else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 2)
        for character in self {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out
    }
}

/// One column's CSV fields as bytes: each distinct field once, and per row
/// where its field starts and ends.
private struct _RenderedFields {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = []
    private var ends: [Int32] = []

    /// Bytes of the distinct fields.
    var byteCount: Int { bytes.count }

    init(_ chunk: ColumnChunk, rows: Int, null: [UInt8]) {
        starts.reserveCapacity(rows)
        ends.reserveCapacity(rows)
        let nullStart = Int32(bytes.count)
        bytes += null
        let nullEnd = Int32(bytes.count)
        var byCode: [Int: (Int32, Int32)] = [:]
        for r in 0..<rows {
            if chunk.isNull(r) {
                starts.append(nullStart)
                ends.append(nullEnd)
            } else if let code = chunk.code(at: r), let dictionary = chunk.dictionary {
                let range = byCode[code] ?? {
                    let start = Int32(bytes.count)
                    bytes += CSVWriter.field(dictionary[code]).utf8
                    let range = (start, Int32(bytes.count))
                    byCode[code] = range
                    return range
                }()
                starts.append(range.0)
                ends.append(range.1)
            } else {
                starts.append(Int32(bytes.count))
                bytes += CSVWriter.field(CellText.exact(chunk.value(at: r))).utf8
                ends.append(Int32(bytes.count))
            }
        }
    }

    /// Appends row `r`'s field to `out`.
    @inline(__always)
    func append(row r: Int, to out: inout [UInt8]) {
        out.append(contentsOf: bytes[Int(starts[r])..<Int(ends[r])])
    }
}
