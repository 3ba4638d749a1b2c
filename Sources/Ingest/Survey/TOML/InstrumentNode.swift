/// A value of an instrument's TOML document with the line it was written
/// on, so that meaning errors (an unknown scale, a column the export lacks)
/// point at the line as precisely as TOMLKit's syntax errors do.
struct InstrumentNode: Sendable {
    /// What the node holds.
    enum Value: Sendable {
        case string(String)
        case integer(Int)
        case float(Double)
        case bool(Bool)
        /// A date, time or date-time, kept as written (no instrument setting takes one).
        case dateTime(String)
        /// A static array or an array of tables.
        case array([InstrumentNode], ofTables: Bool)
        case table(InstrumentTable)
    }

    var value: Value
    /// 1-based line where the value (or the table's header) is written.
    var line: Int

    /// The TOML type's name, for messages ("must be a string, not an integer").
    var typeName: String {
        switch value {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .bool: "a boolean"
        case .dateTime: "a date-time"
        case .array(_, let ofTables): ofTables ? "an array of tables" : "an array"
        case .table: "a table"
        }
    }

    var string: String? { if case .string(let s) = value { s } else { nil } }
    var bool: Bool? { if case .bool(let b) = value { b } else { nil } }
    var table: InstrumentTable? { if case .table(let t) = value { t } else { nil } }
    var array: [InstrumentNode]? { if case .array(let a, _) = value { a } else { nil } }
}

/// A TOML table: its keys in the order they are written, each with its node.
struct InstrumentTable: Sendable {
    private(set) var keys: [String] = []
    private var nodes: [String: InstrumentNode] = [:]
    /// The line of the table's header (or of the key that opens it).
    var line: Int

    init(line: Int) {
        self.line = line
    }

    subscript(key: String) -> InstrumentNode? { nodes[key] }

    /// Adds `node` under `key`; entries are kept in source order.
    mutating func insert(_ key: String, _ node: InstrumentNode) {
        if nodes[key] == nil { keys.append(key) }
        nodes[key] = node
    }

    /// The entries in the order they were written.
    var entries: [(key: String, node: InstrumentNode)] { keys.map { ($0, nodes[$0]!) } }
}
