import Columnar
import Foundation
import Store

/// `chm ingest contributions FILE`: reads a contribution log — CSV with a
/// header naming the canonical columns, or JSON Lines with the same keys —
/// checks every record (``ContributionValidator``) and writes the good ones to
/// the `contributions` table as one batch; bad lines become rejects with
/// their line number and reason.
///
/// A file that is not a contribution log at all (binary, empty, a CSV header
/// without ts, kind and actor, a first line that is not a JSON object) fails
/// before anything is written.
public enum ContributionImport {
    /// The table written.
    public static let table = "contributions"
    /// The longest line read, in bytes; a longer one is not a log line.
    static let maxLineBytes = 1 << 20

    /// The two layouts of a log.
    enum Layout: String {
        case csv, jsonl
    }

    /// Ingests `file` (a path, `-` for standard input, optionally gzip-compressed).
    /// - Throws: ``IngestError`` when the file cannot be read, is not a
    ///   contribution log, or has too many bad lines; `StoreError` when the
    ///   workspace cannot be written. Nothing is written when it throws.
    public static func run(file: String, workspace: Workspace, options: IngestOptions = IngestOptions()) throws -> IngestOutcome {
        var validator = ContributionValidator(vocabulary: try ContributionVocabulary.shipped(), countries: try CountryReference.shipped())
        var layout = Layout.csv
        var delimiter: UInt8 = 0x2C
        var csvFields: [ContributionField?] = []
        return try BatchIngest.run(path: file, table: table, source: "contributions", workspace: workspace, options: options) { input in
            let first = try input.read()
            layout = try detect(first, file: file)
            if layout == .csv {
                delimiter = CSVDialect.detect(first).delimiter
                var pending: [UInt8]? = first
                var reader = CSVReader(delimiter: delimiter, fileName: file) {
                    if let p = pending { pending = nil; return p }
                    return try input.read()
                }
                csvFields = try readHeader(&reader, file: file)
            } else {
                var pending: [UInt8]? = first
                var lines = JSONLineReader(file: file, maxLineBytes: maxLineBytes) {
                    if let p = pending { pending = nil; return p }
                    return try input.read()
                }
                try checkFirstRecord(&lines, file: file)
            }
            try checkSchema(workspace: workspace, file: file)
            return ContributionField.schema
        } body: { input, sink, meter in
            var count = 0
            func store(_ values: [ContributionField: FieldValue], line: Int, text: @autoclosure () -> String) throws {
                count += 1
                switch validator.check(values) {
                case .success(let record):
                    record.append(to: &sink.builders, batch: sink.batchID)
                    try sink.endRow()
                case .failure(let refusal):
                    sink.reject(line: line, reason: refusal.reason, text: String(text().prefix(2000)))
                }
                if count & 0xFFF == 0 { meter.update(bytes: input.bytesRead, lines: count) }
            }
            if layout == .csv {
                var reader = CSVReader(delimiter: delimiter, fileName: file) { try input.read() }
                _ = try readHeader(&reader, file: file)
                var record = CSVRecord()
                while try reader.read(into: &record) {
                    if record.count == 1, record.fields[0].isEmpty { continue }
                    if record.raw.count > maxLineBytes {
                        throw IngestError(.wrongFormat, "a record is longer than \(maxLineBytes >> 20) MiB; this is not a contribution log", file: file, line: record.line)
                    }
                    guard record.count == csvFields.count else {
                        count += 1
                        sink.reject(line: record.line, reason: "expected \(csvFields.count) fields, found \(record.count)", text: String(record.rawText.prefix(2000)))
                        continue
                    }
                    var values: [ContributionField: FieldValue] = [:]
                    var unnamed = false
                    for (i, field) in csvFields.enumerated() {
                        if let field { values[field] = .text(record.string(i)) } else if !record.string(i).allSatisfy(\.isWhitespace) { unnamed = true }
                    }
                    if unnamed {
                        count += 1
                        sink.reject(line: record.line, reason: "a value stands in a column whose header is blank", text: String(record.rawText.prefix(2000)))
                        continue
                    }
                    try store(values, line: record.line, text: record.rawText)
                }
            } else {
                var lines = JSONLineReader(file: file, maxLineBytes: maxLineBytes) { try input.read() }
                while let line = try lines.next() {
                    switch JSONLineReader.decode(line.bytes) {
                    case .success(let object):
                        var values: [ContributionField: FieldValue] = [:]
                        var unknown: [String] = []
                        var twice: [String] = []
                        for (key, value) in object {
                            guard let field = ContributionField.named(key) else { unknown.append(key); continue }
                            if values.updateValue(value, forKey: field) != nil { twice.append(field.rawValue) }
                        }
                        if !twice.isEmpty {
                            count += 1
                            sink.reject(line: line.number, reason: "the key \(twice[0]) appears twice (keys are read without regard to case)", text: String(line.text.prefix(2000)))
                            continue
                        }
                        if !unknown.isEmpty {
                            count += 1
                            let list = unknown.sorted().map { "\"\($0.prefix(60))\"" }.joined(separator: ", ")
                            sink.reject(line: line.number, reason: "unknown key\(unknown.count > 1 ? "s" : "") \(list); the keys are \(ContributionField.accepted)",
                                        text: String(line.text.prefix(2000)))
                            continue
                        }
                        try store(values, line: line.number, text: line.text)
                    case .failure(let why):
                        count += 1
                        sink.reject(line: line.number, reason: why.description, text: String(line.text.prefix(2000)))
                    }
                }
            }
            return count
        }
    }

    /// The layout of a log from its first bytes; fails on text that is no log.
    static func detect(_ first: [UInt8], file: String) throws -> Layout {
        if first.isEmpty { throw IngestError(.wrongFormat, "the file is empty; a contribution log needs a header row (CSV) or JSON lines", file: file) }
        if first.starts(with: [0xFF, 0xFE]) || first.starts(with: [0xFE, 0xFF]) {
            throw IngestError(.wrongFormat, "the file is UTF-16 text; save the log as UTF-8 (CSV UTF-8 in spreadsheet programs)", file: file)
        }
        if first.prefix(8192).contains(0) {
            throw IngestError(.wrongFormat, "this is a binary file, not a contribution log (CSV or JSON Lines text)", file: file)
        }
        var bytes = first[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let lead = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            throw IngestError(.wrongFormat, "the file is blank; a contribution log needs a header row (CSV) or JSON lines", file: file)
        }
        if lead == UInt8(ascii: "[") {
            throw IngestError(.wrongFormat, "this is a JSON array, not JSON Lines; write one contribution object per line", file: file, line: 1)
        }
        return lead == UInt8(ascii: "{") ? .jsonl : .csv
    }

    /// Reads the header row and maps it to fields, or fails naming what is wrong.
    static func readHeader(_ reader: inout CSVReader, file: String) throws -> [ContributionField?] {
        var record = CSVRecord()
        while try reader.read(into: &record) {
            if record.count == 1, record.fields[0].isEmpty { continue }
            if record.raw.count > maxLineBytes {
                throw IngestError(.wrongFormat, "the first line is longer than \(maxLineBytes >> 20) MiB; this is not a contribution log", file: file, line: record.line)
            }
            let names = (0..<record.count).map { record.string($0) }
            switch ContributionField.mapHeader(names) {
            case .success(let fields): return fields
            case .failure(let problem): throw IngestError(.wrongFormat, problem.message, file: file, line: record.line)
            }
        }
        throw IngestError(.wrongFormat, "the file is blank; a contribution log needs a header row", file: file)
    }

    /// Fails unless the first JSON line is an object with at least one of
    /// ts, kind and actor: anything else is not a contribution log.
    static func checkFirstRecord(_ lines: inout JSONLineReader, file: String) throws {
        guard let line = try lines.next() else {
            throw IngestError(.wrongFormat, "the file is blank; a contribution log needs JSON lines", file: file)
        }
        guard case .success(let object) = JSONLineReader.decode(line.bytes),
              object.keys.contains(where: { ContributionField.named($0).map(ContributionField.required.contains) == true }) else {
            throw IngestError(.wrongFormat, "this is not a contribution log: the first line is not a JSON object with ts, kind and actor keys",
                              file: file, line: line.number)
        }
    }

    /// Fails when a `contributions` table exists with other column types (a
    /// table made by `chm import`), before anything is written.
    static func checkSchema(workspace: Workspace, file: String) throws {
        guard let stored = try workspace.schema(of: table) else { return }
        for column in ContributionField.schema {
            if let i = stored.index(of: column.name), stored.columns[i].type != column.type {
                throw IngestError(.invalidOption, "the workspace's \(table) table has \(column.name) as \(stored.columns[i].type), not \(column.type); it was not made by chm ingest contributions",
                                  file: file)
            }
        }
    }
}
