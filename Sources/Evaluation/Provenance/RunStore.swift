import Columnar
import Crypto
import Foundation
import Store

/// Saved indicator runs: each is one batch of the `indicator_values` table,
/// whose rows carry the values and what they were computed from — the
/// catalogue's hash, the as-of date and the input batches — so that a
/// figure printed in a COP document can be traced back.
public enum RunStore {
    /// The table runs are saved in.
    public static let table = "indicator_values"

    /// A saved run.
    public struct Run: Sendable, Hashable {
        /// The run's number (its batch number).
        public var id: Int64
        /// When it was saved, UTC seconds.
        public var savedAt: Int64
        /// Rows saved.
        public var values: Int
        /// Hash of the indicator definitions used.
        public var catalogueHash: String
        /// The as-of date of the computation.
        public var asOf: Int64
        /// The periods computed.
        public var periods: [String]
        /// The input batches the values were computed from.
        public var inputBatches: [Int64]
    }

    /// What a save did.
    public struct Saved: Sendable {
        public var run: Int64
        /// True when an identical run (same definitions, data, periods, as-of) was saved before.
        public var alreadySaved: Bool
    }

    /// Saves `values`.
    /// - Parameter computation: the computation that produced them (its catalogue, as-of, inputs).
    public static func save(_ values: [IndicatorValue], periods: [Period], computation: IndicatorComputation, workspace: Workspace) throws -> Saved {
        let tables = Set(computation.catalogue.storedTables(computation.catalogue.indicators.flatMap(\.tables)))
        let inputs = try workspace.batches().filter { $0.status == .committed && tables.contains($0.table.lowercased()) }.map(\.id).sorted()
        let periodList = periods.map(\.id).joined(separator: " ")
        let inputList = inputs.map(String.init).joined(separator: " ")
        var hasher = SHA256()
        for part in [computation.catalogue.hash, String(computation.asOf), periodList, inputList, String(values.count)] {
            hasher.update(data: Data((part + "\n").utf8))
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        if let earlier = try workspace.batch(sha256: digest, table: table) {
            return Saved(run: earlier.id, alreadySaved: true)
        }
        let result = IndicatorTable.result(values, catalogue: computation.catalogue)
        let record = try workspace.append(to: table, batch: BatchDescription(source: "indicators", fileName: "indicators as of \(CivilTime.format(computation.asOf))", sha256: digest)) { writer in
            var run = ColumnBuilder(type: .int64), hash = ColumnBuilder(type: .string), asOf = ColumnBuilder(type: .timestamp)
            var periodsColumn = ColumnBuilder(type: .string), inputsColumn = ColumnBuilder(type: .string)
            for _ in 0..<result.rowCount {
                run.append(integer: writer.batchID)
                hash.append(string: computation.catalogue.hash)
                asOf.append(integer: computation.asOf)
                periodsColumn.append(string: periodList)
                inputsColumn.append(string: inputList)
            }
            var columns: [(String, ColumnChunk)] = [("run", run.build())]
            columns += result.columns.map { ($0.name, $0.chunk) }
            columns += [("catalogue_hash", hash.build()), ("as_of", asOf.build()), ("periods", periodsColumn.build()), ("input_batches", inputsColumn.build())]
            try writer.write(Table(name: table, columns: columns))
        }
        return Saved(run: record.id, alreadySaved: false)
    }

    /// Every saved run, oldest first.
    public static func runs(_ workspace: Workspace) throws -> [Run] {
        let batches = try workspace.batches().filter { $0.table.lowercased() == table && $0.status == .committed }
        guard !batches.isEmpty else { return [] }
        let rows = try QueryEngine(catalog: workspace).execute(
            "SELECT run, any_value(catalogue_hash), any_value(as_of), any_value(periods), any_value(input_batches) FROM \(table) GROUP BY run ORDER BY run").rows
        var details: [Int64: [Value]] = [:]
        for r in rows { if case .int(let id) = r[0] { details[id] = r } }
        return batches.map { b in
            let d = details[b.id]
            return Run(id: b.id, savedAt: b.endedAt, values: b.rows, catalogueHash: d?[1].stringValue ?? "",
                       asOf: d?[2].integerValue ?? 0, periods: (d?[3].stringValue ?? "").split(separator: " ").map(String.init),
                       inputBatches: (d?[4].stringValue ?? "").split(separator: " ").compactMap { Int64($0) })
        }
    }

    /// The values of one run, as saved.
    public static func values(run: Int64, workspace: Workspace) throws -> QueryResult {
        let names = IndicatorTable.columns.map(\.0).joined(separator: ", ")
        return try QueryEngine(catalog: workspace).execute("SELECT \(names) FROM \(table) WHERE run = :run", parameters: ["run": .int(run)])
    }
}
