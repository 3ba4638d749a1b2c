import Foundation

/// Wall-clock time for batch records.
enum _Clock {
    /// Now, in whole UTC seconds.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}
