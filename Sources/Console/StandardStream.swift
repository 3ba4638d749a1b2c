import Foundation

/// Standard output or standard error.
///
/// Writes go straight to the file descriptor, unbuffered, so that results,
/// errors and line-editor prompts appear in the order they were produced.
public final class StandardStream: TextSink {
    private let handle: FileHandle
    /// Whether the descriptor is a terminal, checked once at creation.
    public let isTerminal: Bool

    /// The process's standard output.
    public static func output() -> StandardStream { StandardStream(FileHandle.standardOutput) }
    /// The process's standard error.
    public static func error() -> StandardStream { StandardStream(FileHandle.standardError) }

    private init(_ handle: FileHandle) {
        self.handle = handle
        self.isTerminal = isatty(handle.fileDescriptor) == 1
    }

    /// Writes `text` to the stream.
    public func write(_ text: String) {
        handle.write(Data(text.utf8))
    }
}
