import Foundation

/// Whether output may be coloured.
public enum TerminalStyle {
    /// Colour is used only on a terminal, and never when the `NO_COLOR`
    /// environment variable is set to a non-empty value (no-color.org) or
    /// `TERM` is `dumb`.
    /// - Parameters:
    ///   - descriptor: the file descriptor output goes to; standard output by default.
    ///   - environment: the environment to consult; the process's by default.
    /// - Returns: whether ANSI colour escapes may be written.
    public static func allowsColour(
        on descriptor: Int32 = STDOUT_FILENO,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(descriptor) == 1
    }
}
