import Foundation

/// A one-line progress display on standard error while a long ingest runs:
/// bytes read of the total, lines per second and the time left. Shown only
/// when standard error is a terminal; redrawn at most ten times a second.
struct ProgressMeter {
    let label: String
    let total: Int?
    let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String, total: Int?, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Updates the line after `bytes` of input and `lines` records.
    mutating func update(bytes: Int, lines: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        let elapsed = max(0.001, now.timeIntervalSince(started))
        var text = "\r\(label)  \(Self.bytes(bytes))"
        if let total, total > 0 {
            let fraction = min(1, Double(bytes) / Double(total))
            text += " of \(Self.bytes(total))  \(Int(fraction * 100)) %"
            if fraction > 0.01 {
                let left = elapsed / fraction - elapsed
                text += "  ETA \(Int(left) / 60):\(String(format: "%02d", Int(left) % 60))"
            }
        }
        text += "  \(Self.count(Int(Double(lines) / elapsed))) lines/s\u{1B}[K"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Clears the line.
    mutating func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func bytes(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = Double(n)
        var u = 0
        while v >= 1000, u < units.count - 1 { v /= 1000; u += 1 }
        return u == 0 ? "\(n) B" : String(format: "%.1f %@", v, units[u])
    }

    static func count(_ n: Int) -> String {
        n >= 1_000_000 ? String(format: "%.1fM", Double(n) / 1e6) : (n >= 1000 ? String(format: "%.0fK", Double(n) / 1e3) : "\(n)")
    }
}
