import Foundation

/// Reads the counts of a row.
enum TrafficNumber {
    /// Why a count is refused.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The values of `columns` in `fields`; an empty cell (or "-") is absent.
    static func read(_ fields: [String], _ columns: [(TrafficMeasure, Int)], header: [String]) -> Result<[TrafficMeasure: Int64], Problem> {
        var values: [TrafficMeasure: Int64] = [:]
        for (measure, i) in columns {
            let cell = fields[i]
            if cell.isEmpty || cell == "-" { continue }
            guard let n = count(cell) else {
                return .failure(Problem(description: "\(header[i]) \"\(cell.prefix(40))\" is not a count (a whole number, 0 or more)"))
            }
            values[measure] = n
        }
        return .success(values)
    }

    /// A whole non-negative number, allowing thousands separators and a `.0` tail.
    static func count(_ text: String) -> Int64? {
        var t = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "\u{A0}", with: "").replacingOccurrences(of: " ", with: "")
        if let dot = t.firstIndex(of: "."), t[t.index(after: dot)...].allSatisfy({ $0 == "0" }) { t = String(t[..<dot]) }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int64(t) else { return nil }
        return n
    }
}
