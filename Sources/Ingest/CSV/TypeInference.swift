import Columnar

/// Infers each column's type from all its values: the narrowest of bool,
/// int, float, date (`YYYY-MM-DD` only, as DuckDB's CSV reader infers it),
/// timestamp that reads every non-empty value, else string.
struct TypeInference {
    /// Candidate types still possible per column.
    private var possible: [Set<DataTypeCandidate>]
    private var seen: [Bool]

    enum DataTypeCandidate: Hashable { case bool, int, float, date, timestamp }

    init(columns: Int) {
        possible = [Set<DataTypeCandidate>](repeating: [.bool, .int, .float, .date, .timestamp], count: columns)
        seen = [Bool](repeating: false, count: columns)
    }

    mutating func observe(_ record: CSVRecord) {
        for i in 0..<min(record.count, possible.count) where !possible[i].isEmpty {
            record.withField(i) { b in
                guard !b.isEmpty else { return }
                seen[i] = true
                if possible[i].contains(.int), FieldParsing.integer(b) == nil { possible[i].remove(.int) }
                if possible[i].contains(.float), FieldParsing.double(b) == nil { possible[i].remove(.float) }
                if possible[i].contains(.bool), FieldParsing.bool(b) == nil { possible[i].remove(.bool) }
                if possible[i].contains(.timestamp), CivilTime.parse(bytes: b) == nil { possible[i].remove(.timestamp) }
                if possible[i].contains(.date), !(Self.isBareDate(b) && possible[i].contains(.timestamp)) { possible[i].remove(.date) }
            }
        }
    }

    /// The inferred types (columns with no value at all are strings).
    var types: [DataType] {
        zip(possible, seen).map { p, seen in
            guard seen else { return .string }
            if p.contains(.bool) { return .bool }
            if p.contains(.int) { return .int64 }
            if p.contains(.float) { return .float64 }
            if p.contains(.date) { return .date }
            if p.contains(.timestamp) { return .timestamp }
            return .string
        }
    }

    /// `YYYY-MM-DD` and nothing else (a time of day or a zone makes a timestamp).
    static func isBareDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { b[$0] >= UInt8(ascii: "0") && b[$0] <= UInt8(ascii: "9") }
    }
}
