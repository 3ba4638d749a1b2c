import Columnar
import Foundation

/// A column of the `contributions` table that a contribution log gives, with
/// its stored type. A CSV header or a JSON key names a field by its canonical
/// name (`actor_category`), compared without regard to case or surrounding
/// spaces; nothing else is accepted, so that a misnamed column is caught
/// rather than silently dropped.
enum ContributionField: String, CaseIterable, Sendable {
    case ts, kind, actor
    case actorCategory = "actor_category"
    case country, region, sector, collective, topic, category, amount, ref
    case closedTS = "closed_ts"

    /// The stored type.
    var type: DataType {
        switch self {
        case .ts, .closedTS: .timestamp
        case .collective: .bool
        case .amount: .float64
        default: .string
        }
    }

    /// The fields every log must have a column (or key) for.
    static let required: [ContributionField] = [.ts, .kind, .actor]

    /// The field a header name or JSON key denotes.
    static func named(_ name: String) -> ContributionField? {
        ContributionField(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The `contributions` table's columns, in order: every field, then `batch`.
    static let schema: [ColumnSchema] = allCases.map { ColumnSchema(name: $0.rawValue, type: $0.type) }
        + [ColumnSchema(name: "batch", type: .int64)]

    /// The names a log may use, for messages.
    static var accepted: String { allCases.map(\.rawValue).joined(separator: ",") }

    /// Maps a header row to fields, or explains why it is not a contribution
    /// log's header: no ts/kind/actor column, an unknown column, or a field
    /// given twice.
    /// A column with a blank name (spreadsheets add them after the last
    /// column) maps to nil; its cells must be empty.
    static func mapHeader(_ names: [String]) -> Result<[ContributionField?], HeaderProblem> {
        var fields: [ContributionField?] = []
        var unknown: [String] = []
        for raw in names {
            let name = raw.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                fields.append(nil)
                continue
            }
            guard let field = named(name) else {
                unknown.append(name)
                continue
            }
            if fields.contains(field) { return .failure(.duplicate("the column \(field.rawValue) appears twice")) }
            fields.append(field)
        }
        let missing = required.filter { !fields.contains($0) }
        if !missing.isEmpty {
            return .failure(.notContributions(missing.map(\.rawValue)))
        }
        if !unknown.isEmpty {
            let list = unknown.map { "\"\($0.prefix(60))\"" }.joined(separator: ", ")
            return .failure(.unknown("unknown column\(unknown.count > 1 ? "s" : "") \(list); the columns are \(accepted)"))
        }
        return .success(fields)
    }

    /// Why a header row was refused.
    enum HeaderProblem: Error {
        /// A field named by two columns.
        case duplicate(String)
        /// Columns chm does not know.
        case unknown(String)
        /// The row lacks a required column (named): not a contribution log at all.
        case notContributions([String])

        /// The sentence for an ``IngestError``.
        var message: String {
            switch self {
            case .duplicate(let m), .unknown(let m): m
            case .notContributions(let missing):
                "this is not a contribution log: the header has no \(missing.joined(separator: ", ")) column "
                    + "(a log starts with a header naming ts, kind and actor; the columns are \(ContributionField.accepted))"
            }
        }
    }
}
