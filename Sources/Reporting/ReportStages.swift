import Foundation

/// When each stage of a render ran — the data, the document, the layout,
/// the drawing — for `chm report --profile`: which stage is long, and which
/// ran side by side with which.
///
/// A final class because stages on other threads record into it while the
/// caller holds it; the lock makes that safe.
public final class ReportStages: @unchecked Sendable {
    /// One stage run.
    public struct Entry: Sendable {
        /// The stage's name ("data", "layout", "draw" …).
        public var name: String
        /// Seconds from the timeline's origin to the stage's start.
        public var start: Double
        /// Seconds it took.
        public var seconds: Double
    }

    private var recorded: [Entry] = []
    private let lock = NSLock()
    private let origin: UInt64

    /// Creates an empty timeline; starts count from now.
    public init() { origin = DispatchTime.now().uptimeNanoseconds }

    /// The stages recorded so far, in the order they started.
    public var entries: [Entry] { lock.withLock { recorded.sorted { $0.start < $1.start } } }

    /// Runs `body` and records it as stage `name`.
    func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let begin = DispatchTime.now().uptimeNanoseconds
        defer {
            let end = DispatchTime.now().uptimeNanoseconds
            let entry = Entry(name: name, start: Double(begin &- origin) / 1e9, seconds: Double(end &- begin) / 1e9)
            lock.withLock { recorded.append(entry) }
        }
        return try body()
    }

    /// The stages as text under a header line, one line per stage: start, seconds and name.
    public func report() -> String {
        (["  start    time  stage"] + entries.map { String(format: "%7.3f %7.3f s  ", $0.start, $0.seconds) + $0.name })
            .joined(separator: "\n")
    }
}

extension Optional where Wrapped == ReportStages {
    /// Runs `body`, recorded as stage `name` when there is a timeline.
    func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        switch self {
        case .some(let stages): try stages.measure(name, body)
        case .none: try body()
        }
    }
}
