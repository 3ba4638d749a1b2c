import Foundation

/// An IP-range → country table in the DB-IP Lite CSV layout
/// (`start_ip,end_ip,country`, IPv4 and IPv6 rows, an optional header),
/// kept as sorted ranges and searched by bisection.
public struct GeoTable: Sendable {
    private var starts: [UInt128] = []
    private var ends: [UInt128] = []
    private var countryIndex: [UInt16] = []
    /// The ISO alpha-2 codes the rows name, upper case.
    public private(set) var countries: [String] = []

    /// The number of ranges.
    public var count: Int { starts.count }

    /// Loads the table from a file.
    /// - Throws: ``IngestError`` naming the file and line of a row that is not `start,end,country`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IngestError(.unreadable, "cannot read the IP-to-country table", file: path)
        }
        try self.init(bytes: [UInt8](data), file: path)
    }

    /// Reads the table from CSV bytes; `file` names it in errors.
    public init(bytes: [UInt8], file: String) throws {
        if bytes.prefix(4096).contains(0) {
            throw IngestError(.wrongFormat, "this is a binary file, not a start_ip,end_ip,country CSV table (the DB-IP Lite layout)", file: file)
        }
        var rows: [(UInt128, UInt128, UInt16)] = []
        var codes: [String: UInt16] = [:]
        var lineNo = 0
        try bytes.withUnsafeBufferPointer { all in
            var i = 0
            while i < all.count {
                var e = i
                while e < all.count, all[e] != 0x0A { e += 1 }
                lineNo += 1
                var end = e
                if end > i, all[end - 1] == 0x0D { end -= 1 }
                defer { i = e + 1 }
                if end == i { continue }
                var fields: [UnsafeBufferPointer<UInt8>] = []
                var s = i
                for k in i...end where k == end || all[k] == UInt8(ascii: ",") {
                    var a = s, b = k
                    while a < b, all[a] == 0x20 { a += 1 }
                    while b > a, all[b - 1] == 0x20 { b -= 1 }
                    if b - a >= 2, all[a] == UInt8(ascii: "\""), all[b - 1] == UInt8(ascii: "\"") { a += 1; b -= 1 }
                    fields.append(UnsafeBufferPointer(rebasing: all[a..<b]))
                    s = k + 1
                }
                guard fields.count >= 3 else {
                    throw IngestError(.wrongFormat, "expected start_ip,end_ip,country, found \(fields.count) field(s)", file: file, line: lineNo)
                }
                guard let start = IPAddress.parse(fields[0]), let last = IPAddress.parse(fields[1]) else {
                    if rows.isEmpty, lineNo == 1 { continue } // a header row
                    throw IngestError(.wrongFormat, "'\(String(decoding: fields[0], as: UTF8.self))' or '\(String(decoding: fields[1], as: UTF8.self))' is not an IP address", file: file, line: lineNo)
                }
                guard start <= last else {
                    throw IngestError(.wrongFormat, "the range ends before it starts", file: file, line: lineNo)
                }
                let code = String(decoding: fields[2], as: UTF8.self).uppercased()
                guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 &- UInt8(ascii: "A") < 26 }) else {
                    throw IngestError(.wrongFormat, "'\(code)' is not an ISO alpha-2 country code", file: file, line: lineNo)
                }
                let index: UInt16
                if let known = codes[code] {
                    index = known
                } else {
                    index = UInt16(codes.count)
                    codes[code] = index
                }
                rows.append((start, last, index))
            }
        }
        guard !rows.isEmpty else {
            throw IngestError(.wrongFormat, "the IP-to-country table has no rows (expected start_ip,end_ip,country)", file: file)
        }
        rows.sort { $0.0 < $1.0 }
        starts = rows.map(\.0)
        ends = rows.map(\.1)
        countryIndex = rows.map(\.2)
        countries = [String](repeating: "", count: codes.count)
        for (code, index) in codes { countries[Int(index)] = code }
    }

    /// The alpha-2 code of the country whose range holds `address`, or nil.
    func country(of address: UInt128) -> String? {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= address { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0, address <= ends[lo - 1] else { return nil }
        let code = countries[Int(countryIndex[lo - 1])]
        // DB-IP writes ZZ for unassigned space.
        return code == "ZZ" ? nil : code
    }

    /// The country of an address written as text.
    public func country(ofAddress text: String) -> String? {
        IPAddress.parse(text).flatMap { country(of: $0) }
    }
}
