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
        let text = try Self.decode(bytes, file: file)
        var blocks: [Block] = []
        var comments: [String] = []
        var current: [(Int, String)] = []
        var sawComment = false
        func close() throws {
            defer { current = [] }
            guard let (first, _) = current.first else { return }
            let joined = current.map(\.1).joined(separator: "\n")
            var pending: [UInt8]? = Array(joined.utf8)
            var reader = CSVReader(delimiter: Self.delimiter(of: current[0].1), fileName: file) {
                defer { pending = nil }
                return pending ?? []
            }
            var record = CSVRecord()
            var header: [String]?
            var rows: [(line: Int, fields: [String], text: String)] = []
            while try Self.read(&reader, into: &record, firstLine: first) {
                let fields = (0..<record.count).map { record.string($0).trimmingCharacters(in: .whitespaces) }
                let line = first + record.line - 1
                if header == nil { header = fields } else { rows.append((line, fields, record.rawText)) }
            }
            if let header { blocks.append(Block(comments: comments, headerLine: first, header: header, rows: rows)) }
            comments = []
        }
        var number = 0
        // "\r\n" is one Character in Swift: split on both line ends.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            var line = Substring(raw)
            if line.last == "\r" { line.removeLast() }
            if line.hasPrefix("#") {
                sawComment = true
                try close()
                comments.append(line.dropFirst().trimmingCharacters(in: .whitespaces))
            } else if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "," }) {
                try close()
            } else {
                current.append((number, String(line)))
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

    /// The separator of a header line: the one of `,` `;` tab that occurs most (`,` on a tie).
    static func delimiter(of header: String) -> UInt8 {
        let counts: [(UInt8, Int)] = [(0x2C, header.filter { $0 == "," }.count), (0x3B, header.filter { $0 == ";" }.count),
                                      (0x09, header.filter { $0 == "\t" }.count)]
        return counts.max { $0.1 < $1.1 }.map { $0.1 > 0 ? $0.0 : 0x2C } ?? 0x2C
    }
}
