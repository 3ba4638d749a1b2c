import Foundation

/// A small CSV table shipped with chm (countries, contribution kinds…):
/// a header row, then rows read by column name.
///
/// Shipped tables are read with the same RFC 4180 reader as user files, so a
/// maintainer may quote fields and put commas in descriptions.
struct ResourceTable {
    /// The column names of the header row, as written.
    let columns: [String]
    /// The rows, each with one value per column (missing trailing fields are empty).
    let rows: [[String]]
    /// The 1-based line of each row, for error messages.
    let lines: [Int]
    /// The file, named in errors.
    let file: String

    /// Parses `text`; `file` names it in errors.
    /// - Throws: ``IngestError`` when the text is not CSV or has no header.
    init(text: String, file: String) throws {
        var pending: [UInt8]? = Array(text.utf8)
        var reader = CSVReader(delimiter: 0x2C, fileName: file) {
            defer { pending = nil }
            return pending ?? []
        }
        var record = CSVRecord()
        var header: [String]?
        var rows: [[String]] = []
        var lines: [Int] = []
        while try reader.read(into: &record) {
            if record.count == 1, record.fields[0].isEmpty { continue }
            let values = (0..<record.count).map { record.string($0).trimmingCharacters(in: .whitespaces) }
            if header == nil {
                header = values.map { $0.lowercased() }
                continue
            }
            rows.append(values)
            lines.append(record.line)
        }
        guard let header else { throw IngestError(.wrongFormat, "the table is empty; a header row is needed", file: file) }
        columns = header
        self.rows = rows
        self.lines = lines
        self.file = file
    }

    /// Loads a table shipped in the Ingest bundle's `Resources` folder.
    /// - Throws: ``IngestError`` `.unreadable` when the resource is missing
    ///   (a broken installation), or what ``init(text:file:)`` throws.
    static func shipped(_ name: String) throws -> ResourceTable {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources") else {
            throw IngestError(.unreadable, "the reference table \(name).csv is missing from chm's resources; reinstall chm", file: "\(name).csv")
        }
        return try load(url: url)
    }

    /// Loads a table from a file.
    static func load(url: URL) throws -> ResourceTable {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw IngestError(.unreadable, "cannot read the reference table as UTF-8 text", file: url.path)
        }
        return try ResourceTable(text: text, file: url.lastPathComponent)
    }

    /// The index of a column, or an error naming the table when it lacks it.
    func column(_ name: String) throws -> Int {
        guard let i = columns.firstIndex(of: name) else {
            throw IngestError(.wrongFormat, "the table has no column \"\(name)\"; columns: \(columns.joined(separator: ", "))", file: file)
        }
        return i
    }

    /// The value of column `index` in `row`, empty when the row is short.
    func value(_ row: [String], _ index: Int) -> String {
        index < row.count ? row[index] : ""
    }
}
