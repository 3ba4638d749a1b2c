import Columnar

/// What tab completion offers for the word under the cursor, given the
/// text before it: dot-commands and their arguments, `:parameters`,
/// `table.column`, table names after FROM/JOIN, and otherwise keywords,
/// functions, tables and columns.
///
/// Pure: the vocabulary is a snapshot taken from the catalog, so completion
/// never touches storage while the user types.
struct SQLCompleter: Sendable, Equatable {
    /// What to offer.
    enum Completion: Equatable, Sendable {
        /// These words, sorted.
        case words([String])
        /// File names: the line editor's own file-name completion.
        case fileNames
    }

    /// SQL keywords, as the caller spells them (usually upper case).
    var keywords: [String] = []
    /// Function names.
    var functions: [String] = []
    /// Table names.
    var tables: [String] = []
    /// Column names by lower-cased table name.
    var columns: [String: [String]] = [:]
    /// Parameter names, without `:`.
    var parameters: [String] = []

    /// Words after which only a table name makes sense.
    private static let tableIntroducers: Set<String> = ["FROM", "JOIN", "TABLE", "INTO", "UPDATE"]

    /// A completer over a catalog's tables and columns; tables that cannot
    /// be read are left out rather than failing completion.
    init(catalog: any Catalog, keywords: [String], functions: [String], parameters: [String]) {
        self.keywords = keywords
        self.functions = functions
        self.parameters = parameters
        tables = (try? catalog.tableNames()) ?? []
        for name in tables {
            guard let table = try? catalog.table(named: name) else { continue }
            columns[name.lowercased()] = table.schema.names
        }
    }

    /// A completer with an explicit vocabulary.
    init(keywords: [String] = [], functions: [String] = [], tables: [String] = [],
         columns: [String: [String]] = [:], parameters: [String] = []) {
        self.keywords = keywords
        self.functions = functions
        self.tables = tables
        self.columns = Dictionary(columns.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.parameters = parameters
    }

    /// The candidates for `word`.
    /// - Parameters:
    ///   - word: the partial word under the cursor.
    ///   - before: the line's text before the word.
    func complete(_ word: String, after before: String) -> Completion {
        let previous = before.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if let first = previous.first, first.hasPrefix(".") {
            return completeArgument(word, command: first.lowercased(), position: previous.count - 1,
                                    subcommand: previous.dropFirst().first.map { $0.lowercased() })
        }
        if previous.isEmpty, word.hasPrefix(".") {
            return .words(Self.matching(word, in: DotCommand.names))
        }
        if word.hasPrefix(":") {
            return .words(Self.matching(word, in: parameters.map { ":" + $0 }))
        }
        if let dot = word.lastIndex(of: ".") {
            let qualifier = String(word[..<dot])
            let names = columns[qualifier.lowercased()] ?? []
            return .words(Self.matching(word, in: names.map { qualifier + "." + $0 }))
        }
        let lastWord = previous.last.map { $0.uppercased() } ?? ""
        if Self.tableIntroducers.contains(lastWord) {
            return .words(Self.matching(word, in: tables))
        }
        let allColumns = Set(columns.values.joined())
        let vocabulary = Self.cased(keywords, like: word) + Self.cased(functions, like: word) + tables + allColumns
        return .words(Self.matching(word, in: vocabulary))
    }

    /// Candidates for an argument of a dot-command.
    private func completeArgument(_ word: String, command: String, position: Int, subcommand: String?) -> Completion {
        switch (command, position) {
        case (".schema", 0):
            return .words(Self.matching(word, in: tables))
        case (".mode", 0):
            return .words(Self.matching(word, in: ResultFormat.allCases.map(\.rawValue)))
        case (".timer", 0):
            return .words(Self.matching(word, in: ["on", "off"]))
        case (".read", 0), (".output", 0), (".once", 0):
            return .fileNames
        case (".param", 0):
            return .words(Self.matching(word, in: ["clear", "list", "set", "unset"]))
        case (".param", 1) where subcommand == "unset" || subcommand == "set":
            return .words(Self.matching(word, in: parameters))
        default:
            return .words([])
        }
    }

    /// Keywords in the case the user is typing in: lower case after a
    /// lower-case start, as listed otherwise.
    private static func cased(_ words: [String], like word: String) -> [String] {
        let letters = word.filter(\.isLetter)
        guard !letters.isEmpty, letters.allSatisfy(\.isLowercase) else { return words }
        return words.map { $0.lowercased() }
    }

    /// The words that start with `prefix`, ignoring case, without
    /// duplicates, sorted.
    private static func matching(_ prefix: String, in words: some Sequence<String>) -> [String] {
        let folded = prefix.lowercased()
        let found = Set(words.filter { $0.lowercased().hasPrefix(folded) })
        return found.sorted { a, b in
            let (x, y) = (a.lowercased(), b.lowercased())
            return x == y ? a < b : x < y
        }
    }
}
