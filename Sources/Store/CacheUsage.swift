/// How much of a workspace's decoded-segment cache is in use.
public struct CacheUsage: Sendable, Hashable {
    /// Segments held decoded.
    public var segments: Int
    /// Bytes their values take.
    public var bytes: Int
    /// The most bytes the cache keeps (`CHM_CACHE_BYTES`, 4 GiB by default).
    public var budget: Int

    /// Creates a usage report.
    public init(segments: Int, bytes: Int, budget: Int) {
        self.segments = segments
        self.bytes = bytes
        self.budget = budget
    }
}
