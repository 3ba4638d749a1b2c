import CEditLine
import Foundation

/// Reads lines from a terminal with libedit: editing keys, history kept in a
/// file across sessions, and tab completion from a ``SQLCompleter``.
///
/// libedit's readline interface is process-wide state (one line buffer, one
/// history, one completion hook), so there is one editor per process; it is
/// used only from the thread that runs the shell.
struct LineEditor {
    /// The history file, or `nil` to keep history in memory only.
    let historyPath: String?
    /// Lines of history kept in memory and in the file.
    static let historyLimit: Int32 = 2000

    /// Sets libedit up: completion hook, word breaks, history.
    /// - Parameters:
    ///   - historyPath: the history file, created if missing; `nil` for none.
    ///   - promptsToStandardError: whether prompts and echo go to standard error,
    ///     for when standard output is redirected to a file.
    init(historyPath: String?, promptsToStandardError: Bool) {
        self.historyPath = historyPath
        chm_rl_set_name("chm")
        if promptsToStandardError { chm_rl_prompt_to_stderr() }
        chm_rl_set_sql_word_breaks()
        chm_rl_set_attempted_completion(completeWord)
        using_history()
        stifle_history(Self.historyLimit)
        if let historyPath {
            if !FileManager.default.fileExists(atPath: historyPath) {
                _ = FileManager.default.createFile(atPath: historyPath, contents: nil,
                                                   attributes: [.posixPermissions: 0o600])
            }
            _ = read_history(historyPath)
        }
    }

    /// Replaces what tab completion offers.
    func offer(_ completer: SQLCompleter) {
        CompletionState.shared.replace(completer)
    }

    /// Shows `prompt` and reads one edited line.
    /// - Returns: the line without its newline, or `nil` at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds a line to the history and saves the history file, so that the
    /// history survives a session that ends abruptly.
    func remember(_ line: String) {
        _ = add_history(line)
        if let historyPath { _ = write_history(historyPath) }
    }
}

/// The completer libedit's C callback consults.
///
/// libedit calls completion through a plain C function pointer, which cannot
/// carry context, so the vocabulary has to live in global state. That state
/// is confined to this one object: it is written by the shell between lines
/// and read by the callback while `readline()` runs. Both happen on the
/// shell's thread, one after the other; the lock makes the class safe even if
/// a caller broke that rule, which is what `@unchecked Sendable` relies on.
final class CompletionState: @unchecked Sendable {
    /// The one instance the callback reads.
    static let shared = CompletionState()
    private let lock = NSLock()
    private var completer = SQLCompleter()

    /// Replaces the completer.
    func replace(_ completer: SQLCompleter) {
        lock.withLock { self.completer = completer }
    }

    /// The current completer.
    func current() -> SQLCompleter {
        lock.withLock { completer }
    }
}

/// libedit's completion hook (`rl_attempted_completion_function`).
///
/// Returns readline's match array, allocated with `malloc` because libedit
/// frees it: the text to substitute (the longest common prefix of the
/// matches), then the matches, then NULL. A single match is given twice:
/// libedit tells a unique match by reading the third entry, so the array
/// always has at least three. Returning NULL with "completion over" unset
/// lets libedit complete file names instead.
private func completeWord(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    let word = text.map { String(cString: $0) } ?? ""
    // `start` counts characters (libedit edits wide characters), not bytes.
    let line = chm_rl_line_buffer().map { String(cString: $0) } ?? ""
    let before = String(line.unicodeScalars.prefix(max(0, Int(start))))
    switch CompletionState.shared.current().complete(word, after: before) {
    case .fileNames:
        chm_rl_set_attempted_completion_over(0)
        return nil
    case .words(let matches):
        chm_rl_set_attempted_completion_over(1)
        guard !matches.isEmpty else { return nil }
        let entries = [commonPrefix(matches, atLeast: word)] + matches
        guard let array = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1))?
            .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1) else { return nil }
        for (i, entry) in entries.enumerated() { array[i] = strdup(entry) }
        array[entries.count] = nil
        return array
    }
}

/// The longest prefix the matches share, compared without regard to case as
/// matching is; never shorter than what the user typed.
private func commonPrefix(_ matches: [String], atLeast word: String) -> String {
    guard var prefix = matches.first.map(Array.init) else { return word }
    for match in matches.dropFirst() {
        let other = Array(match)
        var n = 0
        while n < prefix.count, n < other.count, prefix[n].lowercased() == other[n].lowercased() { n += 1 }
        prefix = Array(prefix[..<n])
    }
    return prefix.count >= word.count ? String(prefix) : word
}
