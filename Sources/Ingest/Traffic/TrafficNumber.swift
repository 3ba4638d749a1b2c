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

    /// A whole non-negative number, allowing thousands separators (`,`,
    /// space, no-break space) and a `.0` tail; read byte by byte, as an export
    /// may hold hundreds of thousands of cells.
    static func count(_ text: String) -> Int64? {
        var value: Int64 = 0
        var digits = 0
        var fraction = false
        var bytes = text.utf8.makeIterator()
        while let b = bytes.next() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if fraction {
                    guard b == UInt8(ascii: "0") else { return nil }
                    continue
                }
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int64(b - UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                value = sum
                digits += 1
            case UInt8(ascii: ","), UInt8(ascii: " "):
                guard !fraction else { return nil }
            case 0xC2:
                guard bytes.next() == 0xA0, !fraction else { return nil }
            case UInt8(ascii: "."):
                guard !fraction, digits > 0 else { return nil }
                fraction = true
            default:
                return nil
            }
        }
        return digits > 0 ? value : nil
    }
}
