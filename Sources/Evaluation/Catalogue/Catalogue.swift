import Columnar
import Crypto
import Foundation
import TOMLKit

/// The indicator catalogue: every objective of the plan with its
/// indicators, and the breakdown dimensions, read from `Indicators/`.
public struct Catalogue: Sendable {
    /// Objectives in plan order (goal, then file order).
    public var objectives: [Objective]
    /// Breakdown dimensions by id.
    public var breakdowns: [String: Breakdown]
    /// Tables derived by queries (`views.toml`), by name.
    public var derivedTables: [DerivedTable]
    /// SHA-256 of every definition file, for provenance.
    public var hash: String

    /// Every indicator, objective by objective.
    public var indicators: [IndicatorDefinition] { objectives.flatMap(\.indicators) }

    /// The indicator with an id.
    public func indicator(_ id: String) -> IndicatorDefinition? { indicators.first { $0.id == id } }

    /// Every indicator by id, for look-ups per value.
    public var indicatorsByID: [String: IndicatorDefinition] {
        Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The plan's objectives in the order of section IV.
    public static let objectiveOrder = ["value_added", "use", "quality", "speed_facility", "responsiveness", "integration", "volume",
                                        "membership", "member_responsiveness", "awareness_use", "collaboration"]

    /// Problems found while loading: all of them, not just the first.
    public struct Problems: Error, Sendable, CustomStringConvertible {
        public var errors: [CatalogueError]
        public var description: String { errors.map(\.description).joined(separator: "\n") }
    }

    /// Reads every `*.toml` in `directory` (objective files),
    /// `breakdowns.toml` and `views.toml`; `schedule.toml` and sub-folders
    /// are skipped.
    /// - Throws: ``Problems`` listing each problem as `file:line: message`.
    public static func load(directory: String) throws -> Catalogue {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            throw Problems(errors: [CatalogueError(file: directory, "cannot read the indicator directory")])
        }
        var errors: [CatalogueError] = []
        var objectives: [Objective] = []
        var breakdowns: [String: Breakdown] = [:]
        var derivedTables: [DerivedTable] = []
        var hasher = SHA256()
        for name in names.sorted() where name.hasSuffix(".toml") && name != "schedule.toml" {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                errors.append(CatalogueError(file: path, "cannot read the file"))
                continue
            }
            hasher.update(data: Data(name.utf8))
            hasher.update(data: Data(text.utf8))
            if name == "breakdowns.toml" {
                do { breakdowns = try parseBreakdowns(text, file: path) } catch let e as CatalogueError { errors.append(e) }
            } else if name == "views.toml" {
                do { derivedTables = try parseDerivedTables(text, file: path) } catch let e as CatalogueError { errors.append(e) }
            } else {
                do { objectives.append(try parseObjective(text, file: path, errors: &errors)) } catch let e as CatalogueError { errors.append(e) }
            }
        }
        objectives.sort {
            (objectiveOrder.firstIndex(of: $0.id) ?? 99, $0.id) < (objectiveOrder.firstIndex(of: $1.id) ?? 99, $1.id)
        }
        validate(derivedTables, errors: &errors)
        validate(objectives, breakdowns: breakdowns, errors: &errors)
        guard errors.isEmpty else { throw Problems(errors: errors) }
        let hash = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return Catalogue(objectives: objectives, breakdowns: breakdowns, derivedTables: derivedTables, hash: hash)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, file: String) throws -> T {
        do {
            return try TOMLDecoder().decode(type, from: text)
        } catch let e as TOMLParseError {
            throw CatalogueError(file: file, line: e.source.begin.line, "\(e.description)")
        } catch let e as DecodingError {
            throw CatalogueError(file: file, line: 0, describe(e))
        } catch {
            throw CatalogueError(file: file, "\(error)")
        }
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case .keyNotFound(let key, let c): return "missing \(path(c.codingPath + [key]))"
        case .typeMismatch(let t, let c): return "\(path(c.codingPath)) should be \(t)"
        case .valueNotFound(let t, let c): return "\(path(c.codingPath)) needs a \(t)"
        case .dataCorrupted(let c): return "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(e)"
        }
    }

    static func parseBreakdowns(_ text: String, file: String) throws -> [String: Breakdown] {
        let decoded = try decode(BreakdownFile.self, text, file: file)
        var out: [String: Breakdown] = [:]
        for (id, fields) in decoded.dimensions {
            out[id] = Breakdown(id: id, title: fields.title ?? id, computedWith: fields.computedWith,
                                expressions: Dictionary(uniqueKeysWithValues: fields.expressions.map { ($0.key.lowercased(), $0.value) }))
        }
        for b in out.values.sorted(by: { $0.id < $1.id }) {
            guard let other = b.computedWith else { continue }
            guard out[other] != nil, other != b.id else {
                let lines = SourceLines(text)
                throw CatalogueError(file: file, line: lines.line(ofKey: "computed_with", from: lines.line(ofHeader: b.id)),
                                     "[\(b.id)] computed_with = \"\(other)\" names no other dimension; there are: \(out.keys.sorted().joined(separator: ", "))")
            }
        }
        return out
    }

    /// Derived tables may not hide a canonical table, nor be named twice.
    static func validate(_ derived: [DerivedTable], errors: inout [CatalogueError]) {
        for d in derived where CanonicalTables.schemas[d.name] != nil {
            errors.append(CatalogueError(file: d.file, line: d.line, "derived table \(d.name) has the name of a canonical table; choose another name"))
        }
    }
}
