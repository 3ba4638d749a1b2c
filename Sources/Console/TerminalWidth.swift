#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The width of the terminal a file descriptor writes to.
public enum TerminalWidth {
    /// The number of columns of the terminal behind `descriptor`, asked of
    /// the kernel each time (the user may have resized the window).
    /// - Parameter descriptor: the file descriptor; standard output by default.
    /// - Returns: the width in cells, or `nil` when the descriptor is not a
    ///   terminal (output to files and pipes is not limited).
    public static func columns(of descriptor: Int32 = STDOUT_FILENO) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        // Some terminals (serial lines, some emulators) report no size.
        return 80
    }
}
