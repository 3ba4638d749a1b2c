import TOMLKit

/// Parses an instrument's TOML with TOMLKit and gives every key the line it
/// is written on, found in the source text (``TOMLSourceMap``).
enum InstrumentDocument {
    /// Where a table's keys and sub-tables are looked for.
    private struct Scope {
        var path: [String]
        /// Lines holding the table's own `key = value` lines.
        var keys: Range<Int>
        /// Lines where its sub-table headers may be.
        var headers: Range<Int>
        /// Keys may sit inside an inline table or after a dotted prefix.
        var inline: Bool
        var line: Int
    }

    /// The document's root table.
    /// - Throws: ``IngestError`` (`.invalidOption`) with TOMLKit's message and line for a syntax error.
    static func parse(_ text: String, file: String) throws -> InstrumentTable {
        let root: TOMLKit.TOMLTable
        do {
            root = try TOMLKit.TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw IngestError(.invalidOption, "not valid TOML: \(e.description)", file: file, line: e.source.begin.line)
        }
        let map = TOMLSourceMap(text)
        let whole = 1..<(map.lines.count + 1)
        let firstHeader = map.headers.first?.line ?? map.lines.count + 1
        return table(root, map, Scope(path: [], keys: 1..<firstHeader, headers: whole, inline: false, line: 1))
    }

    private static func table(_ t: TOMLKit.TOMLTable, _ map: TOMLSourceMap, _ scope: Scope) -> InstrumentTable {
        var located: [(key: String, node: InstrumentNode)] = []
        for key in t.keys {
            guard let value = t[key] else { continue }
            let keyLine = map.line(ofKey: key, in: scope.keys, anywhere: scope.inline)
            located.append((key, node(value, key: key, keyLine: keyLine, map, scope)))
        }
        var out = InstrumentTable(line: scope.line)
        for entry in located.sorted(by: { $0.node.line < $1.node.line }) { out.insert(entry.key, entry.node) }
        return out
    }

    private static func node(_ value: any TOMLValueConvertible, key: String, keyLine: Int?, _ map: TOMLSourceMap, _ scope: Scope) -> InstrumentNode {
        let path = scope.path + [key]
        let line = keyLine ?? scope.line
        switch value.type {
        case .string: return InstrumentNode(value: .string(value.string ?? ""), line: line)
        case .int: return InstrumentNode(value: .integer(value.int ?? 0), line: line)
        case .double: return InstrumentNode(value: .float(value.double ?? 0), line: line)
        case .bool: return InstrumentNode(value: .bool(value.bool ?? false), line: line)
        case .date, .time, .dateTime: return InstrumentNode(value: .dateTime(value.tomlValue.debugDescription), line: line)
        case .table:
            let sub = value.table ?? TOMLKit.TOMLTable()
            let s: Scope
            if let header = map.headers(path, isArray: false, in: scope.headers).first {
                s = Scope(path: path, keys: map.section(after: header.line), headers: scope.headers, inline: false, line: header.line)
            } else if let keyLine {
                s = Scope(path: path, keys: keyLine..<scope.keys.upperBound, headers: scope.headers, inline: true, line: keyLine)
            } else {
                let first = map.firstHeader(under: path, in: scope.headers)?.line ?? scope.line
                s = Scope(path: path, keys: first..<first, headers: scope.headers, inline: false, line: first)
            }
            return InstrumentNode(value: .table(table(sub, map, s)), line: s.line)
        case .array:
            let array = value.array ?? TOMLKit.TOMLArray()
            let elements = Array(array)
            let ofTables = !elements.isEmpty && elements.allSatisfy { $0.type == .table }
            let headers = map.headers(path, isArray: true, in: scope.headers)
            var nodes: [InstrumentNode] = []
            for (k, element) in elements.enumerated() {
                if ofTables, k < headers.count {
                    let start = headers[k].line
                    let end = k + 1 < headers.count ? headers[k + 1].line : scope.headers.upperBound
                    let s = Scope(path: path, keys: map.section(after: start), headers: start..<end, inline: false, line: start)
                    nodes.append(InstrumentNode(value: .table(table(element.table ?? TOMLKit.TOMLTable(), map, s)), line: start))
                } else if element.type == .table {
                    let at = map.inlineTableLine(k, from: line, in: scope.keys.lowerBound..<scope.headers.upperBound) ?? line
                    let s = Scope(path: path, keys: at..<(at + 1), headers: at..<at, inline: true, line: at)
                    nodes.append(InstrumentNode(value: .table(table(element.table ?? TOMLKit.TOMLTable(), map, s)), line: at))
                } else {
                    nodes.append(node(element, key: key, keyLine: line, map, scope))
                }
            }
            return InstrumentNode(value: .array(nodes, ofTables: ofTables), line: headers.first?.line ?? line)
        }
    }
}
