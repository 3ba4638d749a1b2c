import Foundation

/// A problem in the indicator catalogue or a judgement file, located as
/// `file:line: message` (line 0 when no line applies).
public struct CatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int = 0, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Line numbers of keys in a TOML text, for messages about decoded values.
struct SourceLines {
    let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line where `key = value` first appears at or after `from`.
    func line(ofKey key: String, value: String? = nil, from: Int = 1) -> Int {
        for (i, line) in lines.enumerated() where i + 1 >= from {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix(key) else { continue }
            let rest = trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            guard rest.hasPrefix("=") else { continue }
            if let value, !rest.contains("\"\(value)\"") && !rest.contains("'\(value)'") { continue }
            return i + 1
        }
        return 0
    }

    /// The 1-based line of the table header `[name]`, or 0.
    func line(ofHeader name: String) -> Int {
        lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "[\(name)]" }.map { $0 + 1 } ?? 0
    }
}
