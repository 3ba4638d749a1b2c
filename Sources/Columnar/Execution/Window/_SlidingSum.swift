/// A sum over a window that gains values at its end and loses them at its
/// start, without subtracting: the oldest values sit on a stack of suffix
/// sums, the newest in a plain running sum.
struct _SlidingSum {
    private var suffixes: [Double] = []
    private var newest: [Double] = []
    private var newestSum = 0.0

    var total: Double { (suffixes.last ?? 0) + newestSum }

    mutating func push(_ v: Double) {
        newest.append(v)
        newestSum += v
    }

    /// Drops the oldest value.
    mutating func pop() {
        if suffixes.isEmpty {
            var sum = 0.0
            for v in newest.reversed() {
                sum += v
                suffixes.append(sum)
            }
            newest.removeAll(keepingCapacity: true)
            newestSum = 0
        }
        suffixes.removeLast()
    }
}
