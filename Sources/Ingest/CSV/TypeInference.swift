import Columnar

/// Infers each column's type from all its values: the narrowest of bool,
/// int, float, timestamp that reads every non-empty value, else string.
struct TypeInference {
    /// Candidate types still possible per column.
    private var possible: [Set<DataTypeCandidate>]
    private var seen: [Bool]

    enum DataTypeCandidate: Hashable { case bool, int, float, timestamp }

    init(columns: Int) {
        possible = [Set<DataTypeCandidate>](repeating: [.bool, .int, .float, .timestamp], count: columns)
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
            if p.contains(.timestamp) { return .timestamp }
            return .string
        }
    }
}
