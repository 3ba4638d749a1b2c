/// A problem with a shell command (not with SQL): a bad dot-command, a file
/// that cannot be read or written.
public struct ShellError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One sentence saying what is wrong.
    public var message: String

    /// Creates an error.
    /// - Parameter message: one sentence saying what is wrong.
    public init(_ message: String) {
        self.message = message
    }

    /// `Error: ` and the message, as the shell prints it.
    public var description: String { "Error: \(message)" }
}
