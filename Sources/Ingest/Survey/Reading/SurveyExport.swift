import Foundation

/// A survey export read into memory: its column headers (SurveyMonkey's two
/// header rows joined into one), its respondent rows and the layout it is in.
/// Survey exports are small (thousands of rows), so reading them whole keeps
/// layout detection and column resolution simple.
struct SurveyExport {
    /// One respondent row.
    struct Row {
        var cells: [String]
        /// 1-based line where the row starts.
        var line: Int
        /// The row as written, for rejects.
        var text: String
    }

    /// Column headers as the export writes them (SurveyMonkey: "question [sub-answer]").
    var headers: [String]
    var rows: [Row]
    var layout: SurveyLayout
    /// Whether the layout was detected from the file (not given).
    var detected: Bool
    /// The field separator the file was read with.
    var delimiter: UInt8 = 0x2C

    /// Values SurveyMonkey writes in its second header row for a question's only column.
    static let surveyMonkeyPlainColumns: Set<String> = ["response", "open-ended response"]

    /// Reads an export.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - layout: the layout to read it as; detected when `nil`.
    ///   - fallback: the layout to assume when detection finds no tool's signature.
    ///   - delimiter: the field separator; detected when `nil`.
    /// - Throws: ``IngestError`` for an empty, binary, non-UTF-8 or malformed file.
    static func read(_ bytes: [UInt8], file: String, layout: SurveyLayout?, fallback: SurveyLayout?,
                     delimiter: UInt8?) throws -> SurveyExport {
        try CSVImport.checkText(bytes, file: file)
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw IngestError(.wrongFormat, "the file is empty; a survey export needs a header row and responses", file: file)
        }
        let dialect = delimiter.map(CSVDialect.init(delimiter:)) ?? CSVDialect.detect(Array(bytes.prefix(1 << 16)))
        var pending: [UInt8]? = bytes
        var reader = CSVReader(delimiter: dialect.delimiter, fileName: file) {
            defer { pending = nil }
            return pending ?? []
        }
        var record = CSVRecord()
        var records: [Row] = []
        while try reader.read(into: &record) {
            if record.count == 1 && record.fields[0].isEmpty { continue }
            records.append(Row(cells: (0..<record.count).map { record.string($0) }, line: record.line, text: record.rawText))
        }
        guard let header = records.first else {
            throw IngestError(.wrongFormat, "the file is empty; a survey export needs a header row and responses", file: file)
        }
        let names = header.cells.map { SurveyText.trimmed($0) }
        let found = SurveyLayout.detect(headers: names)
        let chosen = layout ?? (found == .csv ? (fallback ?? .csv) : found)
        var export = SurveyExport(headers: names, rows: Array(records.dropFirst()), layout: chosen, detected: layout == nil,
                                  delimiter: dialect.delimiter)
        if chosen == .surveyMonkey { try export.joinSurveyMonkeyHeaders(file: file) }
        export.dropTagRow()
        return export
    }

    /// SurveyMonkey writes the question once over its columns and each
    /// column's sub-answer ("Response" for a one-column question) below it.
    private mutating func joinSurveyMonkeyHeaders(file: String) throws {
        guard let second = rows.first else {
            throw IngestError(.wrongFormat, "a SurveyMonkey export has two header rows; this file ends after the first", file: file)
        }
        rows.removeFirst()
        var question = ""
        for i in headers.indices {
            let sub = i < second.cells.count ? SurveyText.trimmed(second.cells[i]) : ""
            if !headers[i].isEmpty { question = headers[i] }
            if sub.isEmpty || Self.surveyMonkeyPlainColumns.contains(SurveyText.key(sub)) {
                headers[i] = question
            } else {
                headers[i] = "\(question) [\(sub)]"
            }
        }
    }

    /// A row's text for the rejects kept in the workspace, with the cells of
    /// the tool's personal-data columns (IP address, e-mail, names) emptied.
    func rejectText(_ row: Row) -> String {
        let personal = headers.indices.filter { layout.personalColumns.contains(SurveyText.key(headers[$0])) }
        guard !personal.isEmpty else { return row.text }
        let separator = String(UnicodeScalar(delimiter))
        return row.cells.enumerated().map { i, cell in
            if personal.contains(i) { return "" }
            guard cell.contains(separator) || cell.contains("\"") || cell.contains("\n") else { return cell }
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: separator)
    }

    /// KoBoToolbox may write a second header row of HXL hashtags (`#symmetry`).
    private mutating func dropTagRow() {
        guard let first = rows.first else { return }
        let filled = first.cells.map { SurveyText.trimmed($0) }.filter { !$0.isEmpty }
        if !filled.isEmpty, filled.allSatisfy({ $0.hasPrefix("#") }) { rows.removeFirst() }
    }
}
