import Foundation

/// An analytics export read whole and cut into its tables.
///
/// Exports are small (one row per day), so the file is read into memory —
/// up to ``maxBytes``; anything larger is not an aggregated export. Matomo
/// writes its CSV as UTF-16LE with a byte-order mark (for spreadsheet
/// programs), GA4 as UTF-8; both are accepted, as is UTF-16BE.
///
/// GA4 puts `#` comment lines before each table and a blank line between
/// tables; a table is the run of non-comment, non-blank lines, the first of
/// which is its header.
struct ExportText {
    /// The largest export read, in bytes.
    static let maxBytes = 64 << 20

    /// One table: its header and data lines, each with its 1-based line number in the file.
    struct Block {
        /// The comment lines just before the table, without `#` (GA4 names the report and dates there).
        var comments: [String]
        /// The header line's number.
        var headerLine: Int
        /// The header's fields.
        var header: [String]
        /// Data rows: line number, fields, and the raw line for rejects.
        var rows: [(line: Int, fields: [String], text: String)]
    }

    /// Every table in file order.
    let blocks: [Block]
    /// Whether the file has `#` comment lines (a GA4 trait).
    let hasComments: Bool

    /// Decodes and splits `bytes`.
    /// - Throws: ``IngestError`` for empty, binary, oversized or undecodable input.
    init(bytes: [UInt8], file: String) throws {
        let utf8 = Array(try Self.decode(bytes, file: file).utf8)
        var blocks: [Block] = []
        var comments: [String] = []
        // The current table: its first line's number and its bytes, lines joined by LF.
        var first = 0
        var current: [UInt8] = []
        var sawComment = false
        func close() throws {
            defer { current = []; first = 0 }
            guard first > 0 else { return }
            var pending: [UInt8]? = current
            let headerEnd = current.firstIndex(of: 0x0A) ?? current.count
            var reader = CSVReader(delimiter: Self.delimiter(of: current[..<headerEnd]), fileName: file) {
                defer { pending = nil }
                return pending ?? []
            }
            var record = CSVRecord()
            var header: [String]?
            var rows: [(line: Int, fields: [String], text: String)] = []
            while try Self.read(&reader, into: &record, firstLine: first) {
                let fields = (0..<record.count).map { Self.trimmed(record.string($0)) }
                let line = first + record.line - 1
                if header == nil { header = fields } else { rows.append((line, fields, record.rawText)) }
            }
            if let header { blocks.append(Block(comments: comments, headerLine: first, header: header, rows: rows)) }
            comments = []
        }
        var number = 0
        var start = 0
        while start < utf8.count || (start == utf8.count && number == 0) {
            // Lines end in LF, CRLF or a lone CR.
            var end = start
            while end < utf8.count, utf8[end] != 0x0A, utf8[end] != 0x0D { end += 1 }
            let line = utf8[start..<end]
            start = end < utf8.count && utf8[end] == 0x0D && end + 1 < utf8.count && utf8[end + 1] == 0x0A ? end + 2 : end + 1
            number += 1
            if line.first == UInt8(ascii: "#") {
                sawComment = true
                try close()
                comments.append(Self.trimmed(String(decoding: line.dropFirst(), as: UTF8.self)))
            } else if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x2C }) {
                try close()
            } else {
                if first == 0 { first = number } else { current.append(0x0A) }
                current += line
            }
        }
        try close()
        self.blocks = blocks
        hasComments = sawComment
    }

    /// Reads a record of a table, reporting errors at their line in the file.
    private static func read(_ reader: inout CSVReader, into record: inout CSVRecord, firstLine: Int) throws -> Bool {
        do {
            return try reader.read(into: &record)
        } catch var error as IngestError {
            if error.line > 0 { error.line += firstLine - 1 }
            throw error
        }
    }

    /// The text of `bytes`, from UTF-8 or UTF-16 with a byte-order mark.
    static func decode(_ bytes: [UInt8], file: String) throws -> String {
        if bytes.isEmpty { throw IngestError(.wrongFormat, "the file is empty; an analytics export has a header row and one row per period", file: file) }
        if bytes.count > maxBytes {
            throw IngestError(.wrongFormat, "the file is over \(maxBytes >> 20) MiB, too large for an aggregated analytics export (raw web logs go to chm ingest web)", file: file)
        }
        let text: String?
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]), bytes.count % 2 == 1 {
            throw IngestError(.wrongFormat, "the UTF-16 text ends in the middle of a character; the file is truncated", file: file)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            text = String(bytes: bytes.dropFirst(2), encoding: .utf16LittleEndian)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            text = String(bytes: bytes.dropFirst(2), encoding: .utf16BigEndian)
        } else if bytes.prefix(8192).contains(0) {
            throw IngestError(.wrongFormat, "this is a binary file, not an analytics export (CSV text)", file: file)
        } else {
            text = String(validating: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        }
        guard let text else {
            throw IngestError(.wrongFormat, "the file is not UTF-8 or UTF-16 text; is it an analytics export?", file: file)
        }
        if text.unicodeScalars.contains(where: { $0.value == 0 }) {
            throw IngestError(.wrongFormat, "this is a binary file, not an analytics export (CSV text)", file: file)
        }
        return text
    }

    /// `s` without surrounding spaces and tabs; most cells have none, and
    /// checking the ends first spares Foundation's slower trimming.
    static func trimmed(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last,
              first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 else { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// The separator of a header line: the one of `,` `;` tab that occurs most (`,` on a tie).
    static func delimiter(of header: ArraySlice<UInt8>) -> UInt8 {
        let counts: [(UInt8, Int)] = [(0x2C, header.filter { $0 == 0x2C }.count), (0x3B, header.filter { $0 == 0x3B }.count),
                                      (0x09, header.filter { $0 == 0x09 }.count)]
        return counts.max { $0.1 < $1.1 }.map { $0.1 > 0 ? $0.0 : 0x2C } ?? 0x2C
    }
}
