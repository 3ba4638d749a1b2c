import Foundation

/// A file the shell writes results to (`.output`, `.once`), created or
/// truncated on opening and closed when the sink goes away.
public final class FileSink: TextSink {
    private let handle: FileHandle
    /// The path as the user gave it.
    public let path: String
    /// Always `false`: files get neither colour nor a width limit.
    public var isTerminal: Bool { false }

    /// Opens `path` for writing, creating it or emptying it.
    /// - Parameter path: the file's path, relative to the working directory or absolute.
    /// - Throws: ``ShellError`` when the file cannot be created or opened.
    public init(path: String) throws {
        let expanded = (path as NSString).expandingTildeInPath
        guard FileManager.default.createFile(atPath: expanded, contents: nil),
              let handle = FileHandle(forWritingAtPath: expanded) else {
            throw ShellError("cannot open \(path) for writing")
        }
        self.handle = handle
        self.path = path
    }

    deinit {
        try? handle.close()
    }

    /// Appends `text` to the file.
    public func write(_ text: String) {
        handle.write(Data(text.utf8))
    }
}
