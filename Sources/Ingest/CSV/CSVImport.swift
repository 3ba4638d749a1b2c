import Columnar
import Foundation
import Store

/// `chm import TABLE FILE.csv`: a generic CSV import with a header row and
/// type inference, written as one batch.
///
/// A first pass finds the delimiter and infers each column's type from
/// every value; the second converts and writes. A line whose field count is
/// wrong or whose value does not read as the column's type is rejected and
/// kept with its reason; too many rejects fail the batch.
public struct CSVImport {
    /// Choices the user can make.
    public struct Options: Sendable {
        /// Field separator; detected when `nil`.
        public var delimiter: UInt8?
        /// Types forced per column name (`--type col=int`).
        public var types: [String: DataType] = [:]
        /// What every ingest takes: force, reject rate, progress.
        public var ingest = IngestOptions()

        /// Default options.
        public init() {}
    }

    /// What an import did.
    public struct Outcome: Sendable {
        /// The batch and its counts.
        public var ingest: IngestOutcome
        /// The columns and types written (empty when skipped).
        public var columns: [ColumnSchema]

        /// The committed batch, or the earlier batch when the file was skipped.
        public var batch: BatchRecord { ingest.batch }
        /// Whether the file had been imported before and was skipped.
        public var skipped: Bool { ingest.skipped }
        /// The first rejected lines (at most 20).
        public var firstRejects: [Reject] { ingest.firstRejects }
    }

    /// Imports `file` into `table`.
    /// - Throws: ``IngestError`` when the file cannot be read, is not CSV, has
    ///   too many bad lines or an option does not fit it; `StoreError` when the
    ///   workspace cannot be written. Nothing is written when it throws.
    public static func run(file: String, into table: String, workspace: Workspace, options: Options = Options()) throws -> Outcome {
        try TableName.validate(table, file: file)
        var dialect = CSVDialect(delimiter: options.delimiter ?? 0x2C)
        var columns: [ColumnSchema] = []
        let outcome = try BatchIngest.run(path: file, table: table, source: "csv", workspace: workspace, options: options.ingest) { input in
            let first = try input.read()
            try checkText(first, file: file)
            if options.delimiter == nil { dialect = CSVDialect.detect(first) }
            var pending: [UInt8]? = first
            var reader = CSVReader(delimiter: dialect.delimiter, fileName: file) {
                if let p = pending { pending = nil; return p }
                return try input.read()
            }
            var record = CSVRecord()
            guard let header = try readHeader(&reader, &record) else {
                throw IngestError(.wrongFormat, "the file is empty; a CSV import needs a header row", file: file)
            }
            var inference = TypeInference(columns: header.count)
            while try reader.read(into: &record) {
                if !isBlank(record), record.count == header.count { inference.observe(record) }
            }
            columns = try resolveTypes(header: header, inferred: inference.types, table: table, workspace: workspace, options: options, file: file)
            return columns
        } body: { input, sink, meter in
            var reader = CSVReader(delimiter: dialect.delimiter, fileName: file) { try input.read() }
            var record = CSVRecord()
            _ = try readHeader(&reader, &record)
            var lines = 0
            while try reader.read(into: &record) {
                if isBlank(record) { continue }
                lines += 1
                if let reason = convert(record, columns, &sink.builders) {
                    sink.reject(line: record.line, reason: reason, text: record.rawText)
                    continue
                }
                try sink.endRow()
                if lines & 0xFFF == 0 { meter.update(bytes: input.bytesRead, lines: lines) }
            }
            return lines
        }
        return Outcome(ingest: outcome, columns: outcome.skipped ? [] : columns)
    }

    private static func isBlank(_ r: CSVRecord) -> Bool { r.count == 1 && r.fields[0].isEmpty }

    private static func readHeader(_ reader: inout CSVReader, _ record: inout CSVRecord) throws -> [String]? {
        while try reader.read(into: &record) {
            if isBlank(record) { continue }
            var names: [String] = []
            for i in 0..<record.count {
                var name = record.string(i).trimmingCharacters(in: .whitespaces)
                if name.isEmpty { name = "column\(i + 1)" }
                var unique = name
                var k = 2
                while names.contains(where: { $0.lowercased() == unique.lowercased() }) { unique = "\(name)_\(k)"; k += 1 }
                names.append(unique)
            }
            return names
        }
        return nil
    }

    /// Column types: the stored type for columns the table has, else the
    /// `--type` override, else the inferred type.
    private static func resolveTypes(header: [String], inferred: [DataType], table: String, workspace: Workspace,
                                     options: Options, file: String) throws -> [ColumnSchema] {
        for name in options.types.keys where !header.contains(where: { $0.lowercased() == name.lowercased() }) {
            throw IngestError(.invalidOption, "--type names column \"\(name)\", which the file does not have; columns: \(header.joined(separator: ", "))", file: file)
        }
        let stored = try workspace.schema(of: table)
        return zip(header, inferred).map { name, type in
            if let existing = stored?.index(of: name).map({ stored!.columns[$0] }) {
                return ColumnSchema(name: existing.name, type: existing.type)
            }
            let forced = options.types.first { $0.key.lowercased() == name.lowercased() }?.value
            return ColumnSchema(name: name, type: forced ?? type)
        }
    }

    /// Appends one record to the builders, or returns why it is rejected.
    private static func convert(_ r: CSVRecord, _ columns: [ColumnSchema], _ builders: inout [ColumnBuilder]) -> String? {
        guard r.count == columns.count else {
            return "expected \(columns.count) fields, found \(r.count)"
        }
        // Check every field before appending any, so a rejected line leaves no partial row.
        for (i, column) in columns.enumerated() {
            let ok: Bool = r.withField(i) { b in
                if b.isEmpty { return true }
                switch column.type {
                case .int64: return FieldParsing.integer(b) != nil
                case .float64: return FieldParsing.double(b) != nil
                case .bool: return FieldParsing.bool(b) != nil || FieldParsing.integer(b).map { $0 == 0 || $0 == 1 } == true
                case .timestamp, .date: return CivilTime.parse(bytes: b) != nil
                case .string: return true
                }
            }
            if !ok {
                let text = r.string(i)
                return "column \(column.name): cannot read '\(text.prefix(60))' as \(column.type)"
            }
        }
        for (i, column) in columns.enumerated() {
            r.withField(i) { b in
                if b.isEmpty { builders[i].appendNull(); return }
                switch column.type {
                case .int64: builders[i].append(integer: FieldParsing.integer(b)!)
                case .float64: builders[i].append(float: FieldParsing.double(b)!)
                case .bool: builders[i].append(bool: FieldParsing.bool(b) ?? (FieldParsing.integer(b) == 1))
                case .timestamp: builders[i].append(integer: CivilTime.parse(bytes: b)!)
                case .date: builders[i].append(integer: CivilTime.midnight(CivilTime.parse(bytes: b)!))
                case .string: builders[i].append(stringBytes: b)
                }
            }
        }
        return nil
    }

    /// Fails fast on input that is not text: NUL bytes near the start.
    static func checkText(_ sample: [UInt8], file: String) throws {
        if sample.prefix(8192).contains(0) {
            throw IngestError(.wrongFormat, "this is a binary file, not CSV text", file: file)
        }
    }
}

/// Rules for table names given on the command line.
enum TableName {
    static func validate(_ name: String, file: String) throws {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, first == "_" || first.properties.isAlphabetic,
              scalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
            throw IngestError(.invalidOption, "\"\(name)\" is not a valid table name: use letters, digits and _, starting with a letter", file: file)
        }
    }
}
