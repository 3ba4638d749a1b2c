import Foundation

/// A list of allowed values with their accepted spellings — contribution
/// kinds, actor categories, sectors — read from a table shipped as data, so
/// that the secretariat can extend it without touching code.
///
/// A value is matched without regard to case, accents, and whether words are
/// separated by spaces, hyphens or underscores: "Non-Party", "non party" and
/// "non_party" are the same term; it is stored as the term's name.
public struct ControlledVocabulary: Sendable {
    /// One allowed value.
    public struct Term: Sendable, Hashable {
        /// The value stored ("non-Party").
        public var name: String
        /// What it means, for documentation and `--help`.
        public var description: String
        /// Other accepted spellings ("non-Party", "State non-Party").
        public var aliases: [String]

        /// Creates a term.
        public init(name: String, description: String, aliases: [String]) {
            self.name = name
            self.description = description
            self.aliases = aliases
        }
    }

    /// What the values are, in messages ("contribution kind").
    public let label: String
    /// The allowed values in table order.
    public let terms: [Term]
    private let index: [String: Int]

    /// Builds a vocabulary; throws when two terms share a spelling.
    /// - Parameter file: names the table in errors.
    public init(label: String, terms: [Term], file: String) throws {
        var index: [String: Int] = [:]
        for (i, term) in terms.enumerated() {
            for spelling in [term.name] + term.aliases {
                let key = NameKey.make(spelling)
                guard !key.isEmpty else { continue }
                if let other = index[key], other != i {
                    throw IngestError(.wrongFormat, "\"\(spelling)\" is a spelling of both \(terms[other].name) and \(term.name)", file: file)
                }
                index[key] = i
            }
        }
        self.label = label
        self.terms = terms
        self.index = index
    }

    /// Reads a shipped table whose first column is the term, with
    /// `description` and `aliases` (separated by `|`) columns.
    init(label: String, table: ResourceTable) throws {
        let name = 0, description = try table.column("description")
        // A table without an aliases column accepts only its terms' own names.
        let aliases = table.columns.firstIndex(of: "aliases")
        let terms = table.rows.map { row in
            Term(name: table.value(row, name), description: table.value(row, description),
                 aliases: aliases.map { table.value(row, $0).split(separator: "|").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? [])
        }
        try self.init(label: label, terms: terms, file: table.file)
    }

    /// The allowed values, in table order.
    public var names: [String] { terms.map(\.name) }

    /// The term `text` spells, if any.
    public func term(matching text: String) -> Term? {
        index[NameKey.make(text)].map { terms[$0] }
    }

    /// The reason a value is refused, with the nearest allowed value when one
    /// is close: `kind "requets" is not a contribution kind; did you mean "request"?`
    func refusal(column: String, value: String) -> String {
        let key = NameKey.make(value)
        let article = label.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        let candidates = index.keys.sorted()
        if let near = Suggestion.nearest(to: key, among: candidates), let i = index[near] {
            return "\(column) \"\(value)\" is not \(article) \(label); did you mean \"\(terms[i].name)\"?"
        }
        let listed = names.joined(separator: ", ")
        return "\(column) \"\(value)\" is not \(article) \(label) (one of: \(listed))"
    }
}
