/// Limits and presentation choices for ``ResultFormat/render(_:options:)``.
///
/// Row and width limits apply to the `table` format only: the other formats
/// are for copying into documents and programs and always hold every row.
public struct RenderOptions: Sendable, Hashable {
    /// Rows shown in a table before the middle rows are elided; `nil` shows all.
    public var maxRows: Int?
    /// Terminal cells a table line may take; `nil` means unlimited.
    public var maxWidth: Int?
    /// Text written for NULL; `nil` uses the format's own (`NULL`, or empty in CSV).
    /// JSON always writes `null`.
    public var nullText: String?
    /// Whether to use ANSI styling (dimmed NULLs and types, bold names) in a table.
    public var colour: Bool

    /// Creates options.
    /// - Parameters:
    ///   - maxRows: rows shown in a table before eliding the middle; `nil` for all.
    ///   - maxWidth: cells per table line; `nil` for unlimited.
    ///   - nullText: the text for NULL; `nil` for the format's default.
    ///   - colour: whether to style the table with ANSI escapes.
    public init(maxRows: Int? = nil, maxWidth: Int? = nil, nullText: String? = nil, colour: Bool = false) {
        self.maxRows = maxRows
        self.maxWidth = maxWidth
        self.nullText = nullText
        self.colour = colour
    }
}
