import Columnar
import Foundation

/// The benchmark table decoded into plain arrays, and for each query the
/// simplest single loop that answers it: the floor chm is measured against.
struct Floors {
    var ts: [Int64] = []
    var visitor: [UInt32] = []
    var path: [UInt32] = []
    var status: [Int64] = []
    var bytes: [Int64] = []
    var isBot: [UInt8] = []
    var country: [UInt32] = []
    var paths = StringDictionary()
    var visitorCount = 0
    var countryCount = 0
    /// First and last day of the data, found once so the loops below are pure.
    var firstDay: Int64 = 0
    var lastDay: Int64 = 0

    /// Decodes every column of `table` (columns in generator order).
    init(table: any TableProvider) throws {
        for g in table.rowGroups.indices {
            ts += try Floors.integers(table.loadColumn(0, rowGroup: g))
            visitor += try Floors.codes(table.loadColumn(1, rowGroup: g))
            path += try Floors.codes(table.loadColumn(2, rowGroup: g))
            status += try Floors.integers(table.loadColumn(3, rowGroup: g))
            bytes += try Floors.integers(table.loadColumn(4, rowGroup: g))
            if case .booleans(let b) = try table.loadColumn(5, rowGroup: g).storage { isBot += b }
            country += try Floors.codes(table.loadColumn(6, rowGroup: g))
        }
        paths = try table.dictionary(ofColumn: 2)
        visitorCount = try table.dictionary(ofColumn: 1).count
        countryCount = try table.dictionary(ofColumn: 6).count
        firstDay = (ts.min() ?? 0) / 86_400
        lastDay = (ts.max() ?? 0) / 86_400
    }

    static func integers(_ c: ColumnChunk) -> [Int64] {
        guard case .integers(let base, let offsets) = c.storage else { return [] }
        return offsets.widened.map { base &+ Int64(bitPattern: $0) }
    }

    static func codes(_ c: ColumnChunk) -> [UInt32] {
        guard case .strings(let codes, _) = c.storage else { return [] }
        return codes.widened.map { UInt32($0) }
    }

    /// Q1: hits per month, through a day → month table.
    func monthly() -> [Int64] {
        var month = [Int32](repeating: 0, count: Int(lastDay - firstDay + 1))
        let firstDate = CivilTime.date(days: firstDay)
        for d in month.indices {
            let date = CivilTime.date(days: firstDay + Int64(d))
            month[d] = Int32((date.year - firstDate.year) * 12 + date.month - firstDate.month)
        }
        var counts = [Int64](repeating: 0, count: Int(month.last!) + 1)
        // Unsigned division by a constant is a multiply; signed is not.
        let base = UInt64(firstDay * 86_400)
        ts.withUnsafeBufferPointer { t in
            month.withUnsafeBufferPointer { m in
                counts.withUnsafeMutableBufferPointer { c in
                    for i in 0..<t.count { c[Int(m[Int((UInt64(bitPattern: t[i]) &- base) / 86_400)])] += 1 }
                }
            }
        }
        return counts
    }

    /// Q2: distinct visitors per two-year cycle, a bitmap per cycle.
    func visitorsPerCycle() -> [Int] {
        let firstCycle = CivilTime.date(days: firstDay).year / 2
        var cycle = [UInt8](repeating: 0, count: Int(lastDay - firstDay + 1))
        for d in cycle.indices { cycle[d] = UInt8(CivilTime.date(days: firstDay + Int64(d)).year / 2 - firstCycle) }
        let words = (visitorCount + 63) / 64
        var bits = [UInt64](repeating: 0, count: (Int(cycle.last!) + 1) * words)
        let origin = UInt64(firstDay * 86_400)
        ts.withUnsafeBufferPointer { t in
            visitor.withUnsafeBufferPointer { v in
                cycle.withUnsafeBufferPointer { cy in
                    bits.withUnsafeMutableBufferPointer { b in
                        for i in 0..<t.count {
                            let base = Int(cy[Int((UInt64(bitPattern: t[i]) &- origin) / 86_400)]) * words
                            let code = Int(v[i])
                            b[base + code >> 6] |= 1 << UInt64(code & 63)
                        }
                    }
                }
            }
        }
        return (0..<bits.count / words).map { k in bits[(k * words)..<((k + 1) * words)].reduce(0) { $0 + $1.nonzeroBitCount } }
    }

    /// Q3: top ten paths among human 404s.
    func topNotFound() -> [(UInt32, Int64)] {
        var counts = [Int64](repeating: 0, count: paths.count)
        status.withUnsafeBufferPointer { s in
            isBot.withUnsafeBufferPointer { b in
                path.withUnsafeBufferPointer { p in
                    counts.withUnsafeMutableBufferPointer { c in
                        for i in 0..<s.count where s[i] == 404 && b[i] == 0 { c[Int(p[i])] += 1 }
                    }
                }
            }
        }
        return counts.enumerated().map { (UInt32($0.offset), $0.element) }.sorted { $0.1 > $1.1 }.prefix(10).map { $0 }
    }

    /// Q4: bytes per country for document paths (the prefix test done once per path).
    func documentBytes() -> [Int64] {
        let mask: [Int64] = (0..<paths.count).map { paths[$0].hasPrefix("/documents/") ? -1 : 0 }
        var sums = [Int64](repeating: 0, count: countryCount)
        path.withUnsafeBufferPointer { p in
            bytes.withUnsafeBufferPointer { by in
                country.withUnsafeBufferPointer { co in
                    mask.withUnsafeBufferPointer { m in
                        sums.withUnsafeMutableBufferPointer { s in
                            for i in 0..<p.count { s[Int(co[i])] &+= by[i] & m[Int(p[i])] }
                        }
                    }
                }
            }
        }
        return sums
    }

    /// Q5: distinct visitors overall, one bitmap.
    func distinctVisitors() -> Int {
        var bits = [UInt64](repeating: 0, count: (visitorCount + 63) / 64)
        visitor.withUnsafeBufferPointer { v in
            bits.withUnsafeMutableBufferPointer { b in
                for i in 0..<v.count {
                    let code = Int(v[i])
                    b[code >> 6] |= 1 << UInt64(code & 63)
                }
            }
        }
        return bits.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}
