/// Typed, line-aware access to one table of an instrument: every getter
/// checks the value's type and every error names the instrument file, the
/// line and the table it is in, so a typo is found where it was written.
struct TOMLFields {
    let table: InstrumentTable
    /// Where the table is, for messages: "question change_value", "[scales.change]".
    let context: String
    let file: String

    /// "context: " before a message, nothing at the top level.
    var prefix: String { context.isEmpty ? "" : "\(context): " }

    func error(_ message: String, line: Int) -> IngestError {
        IngestError(.invalidOption, message, file: file, line: line)
    }

    func node(_ key: String) -> InstrumentNode? { table[key] }

    /// Fails on keys the instrument format does not know, naming the likely intent.
    func checkKeys(_ allowed: Set<String>) throws {
        for (key, node) in table.entries where !allowed.contains(key) {
            throw error("\(prefix)unknown key \(key); expected one of \(allowed.sorted().joined(separator: ", "))", line: node.line)
        }
    }

    func string(_ key: String) throws -> (value: String, line: Int)? {
        guard let node = table[key] else { return nil }
        guard let s = node.string else { throw error("\(prefix)\(key) must be a string, not \(node.typeName)", line: node.line) }
        return (s, node.line)
    }

    func requiredString(_ key: String) throws -> (value: String, line: Int) {
        guard let s = try string(key) else { throw error("\(prefix)\(key) is missing", line: table.line) }
        guard !SurveyText.trimmed(s.value).isEmpty else { throw error("\(prefix)\(key) is empty", line: s.line) }
        return s
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = table[key] else { return nil }
        guard let b = node.bool else { throw error("\(prefix)\(key) must be true or false, not \(node.typeName)", line: node.line) }
        return b
    }

    /// A list of strings; a single string or integer is read as a list of one,
    /// integers as their decimal text (answer codes are often numbers).
    func strings(_ key: String) throws -> (values: [String], line: Int)? {
        guard let node = table[key] else { return nil }
        func text(_ n: InstrumentNode) throws -> String {
            switch n.value {
            case .string(let s): return s
            case .integer(let i): return String(i)
            default: throw error("\(prefix)\(key) must hold strings, not \(n.typeName)", line: n.line)
            }
        }
        if let array = node.array { return (try array.map(text), node.line) }
        return ([try text(node)], node.line)
    }

    func table(_ key: String) throws -> TOMLFields? {
        guard let node = table[key] else { return nil }
        guard let t = node.table else { throw error("\(prefix)\(key) must be a table, not \(node.typeName)", line: node.line) }
        return TOMLFields(table: t, context: context.isEmpty ? key : "\(context).\(key)", file: file)
    }

    /// An array of tables (`[[key]]` or an array of inline tables).
    func tables(_ key: String) throws -> [InstrumentTable]? {
        guard let node = table[key] else { return nil }
        guard let array = node.array else { throw error("\(prefix)\(key) must be an array of tables, not \(node.typeName)", line: node.line) }
        return try array.map { element in
            guard let t = element.table else {
                throw error("\(prefix)every element of \(key) must be a table, not \(element.typeName)", line: element.line)
            }
            return t
        }
    }

    /// A column named once (`"id"`) or per layout (`{ limesurvey = "id", kobo = "_uuid" }`).
    func column(_ key: String) throws -> ColumnReference? {
        guard let node = table[key] else { return nil }
        return try Self.column(node, name: "\(prefix)\(key)", file: file)
    }

    static func column(_ node: InstrumentNode, name: String, file: String) throws -> ColumnReference {
        if let s = node.string {
            guard !SurveyText.trimmed(s).isEmpty else { throw IngestError(.invalidOption, "\(name) is empty", file: file, line: node.line) }
            return ColumnReference(s, line: node.line)
        }
        guard let t = node.table else {
            throw IngestError(.invalidOption, "\(name) must be a column header or a table of headers by layout, not \(node.typeName)", file: file, line: node.line)
        }
        var names: [String: String] = [:]
        for (layout, value) in t.entries {
            guard ColumnReference.keys.contains(layout) else {
                throw IngestError(.invalidOption, "\(name): unknown layout \(layout); expected one of \(ColumnReference.keys.sorted().joined(separator: ", "))", file: file, line: value.line)
            }
            guard let s = value.string, !SurveyText.trimmed(s).isEmpty else {
                throw IngestError(.invalidOption, "\(name).\(layout) must be a non-empty column header", file: file, line: value.line)
            }
            names[layout] = s
        }
        guard !names.isEmpty else { throw IngestError(.invalidOption, "\(name) names no column", file: file, line: node.line) }
        return ColumnReference(names: names, line: node.line)
    }
}
