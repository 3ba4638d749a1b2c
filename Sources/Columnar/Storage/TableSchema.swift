/// A named, typed column of a table.
public struct ColumnSchema: Sendable, Hashable {
    /// The column name as the user wrote it.
    public var name: String
    /// The column type.
    public var type: DataType

    /// Creates a column description.
    public init(name: String, type: DataType) {
        self.name = name
        self.type = type
    }
}

/// The ordered columns of a table.
public struct TableSchema: Sendable, Hashable {
    /// The columns, in table order.
    public var columns: [ColumnSchema]

    /// Creates a schema.
    public init(_ columns: [ColumnSchema]) {
        self.columns = columns
    }

    /// The position of a column, matched without regard to case as SQL does.
    public func index(of name: String) -> Int? {
        if let exact = columns.firstIndex(where: { $0.name == name }) { return exact }
        let folded = name.lowercased()
        return columns.firstIndex { $0.name.lowercased() == folded }
    }

    /// Column names in order.
    public var names: [String] { columns.map(\.name) }
}
