import Columnar
import Foundation
@testable import Store

/// A fresh workspace file in a temporary folder, removed when the value dies.
final class TemporaryWorkspace {
    let folder: URL
    let path: String

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("chm-store-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("test.chm").path
    }

    func open() throws -> Workspace { try Workspace.open(path: path, create: true) }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// A batch description for tests.
func describe(_ name: String, sha: String? = nil) -> BatchDescription {
    BatchDescription(source: "test", fileName: name, sha256: sha ?? String(repeating: "0", count: 63) + String(name.count % 10))
}

/// Builds a one-row-group table from columns of values (strings share a fresh dictionary per column).
func makeTable(_ columns: [(String, DataType, [Value])]) -> Columnar.Table {
    Columnar.Table(name: "t", columns: columns.map { name, type, values in
        var builder = ColumnBuilder(type: type)
        for v in values { builder.append(v) }
        return (name, builder.build())
    })
}

/// Builds a table of several row groups of the given sizes; each string
/// column uses one dictionary across the groups, as `Table` requires.
func makeTable(_ columns: [(String, DataType, [Value])], groupSizes: [Int]) -> Columnar.Table {
    let dictionaries = columns.map { _ in StringDictionary() }
    var groups: [[ColumnChunk]] = []
    var start = 0
    for size in groupSizes {
        groups.append(columns.enumerated().map { c, column in
            var builder = ColumnBuilder(type: column.1, dictionary: dictionaries[c])
            for v in column.2[start..<(start + size)] { builder.append(v) }
            return builder.build()
        })
        start += size
    }
    return Columnar.Table(name: "t", schema: TableSchema(columns.map { ColumnSchema(name: $0.0, type: $0.1) }), rowGroups: groups)
}

/// Every value of a column, across row groups, as read from the store.
func readColumn(_ table: any TableProvider, _ name: String) throws -> [Value] {
    guard let c = table.schema.index(of: name) else { return [] }
    var out: [Value] = []
    for g in table.rowGroups.indices {
        let chunk = try table.loadColumn(c, rowGroup: g)
        for i in 0..<chunk.count { out.append(chunk.value(at: i)) }
    }
    return out
}

/// Equality that treats floats by bit pattern (NaN equals NaN, -0 differs from 0).
func same(_ a: Value, _ b: Value) -> Bool {
    if case .float(let x) = a, case .float(let y) = b { return x.bitPattern == y.bitPattern }
    return a == b
}

/// The index of the first differing value, or nil.
func firstDifference(_ a: [Value], _ b: [Value]) -> Int? {
    if a.count != b.count { return min(a.count, b.count) }
    return zip(a, b).enumerated().first { !same($0.element.0, $0.element.1) }?.offset
}
