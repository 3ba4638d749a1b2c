/// Quickselect: rearranges `a` so that `a[k]` is the element a full sort
/// would put there, everything before it orders no later and everything
/// after no earlier. Average O(n); used for top-N and quantiles.
func partialSelect<T>(_ a: inout [T], _ k: Int, by less: (T, T) -> Bool) {
    guard a.count > 1, k >= 0, k < a.count else { return }
    var lo = 0, hi = a.count - 1
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D
    while lo < hi {
        // A pseudo-random pivot keeps sorted inputs from degrading to O(n²).
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let p = lo + Int(seed >> 33) % (hi - lo + 1)
        let pivot = a[p]
        var i = lo, j = hi
        while i <= j {
            while less(a[i], pivot) { i += 1 }
            while less(pivot, a[j]) { j -= 1 }
            if i <= j {
                a.swapAt(i, j)
                i += 1
                j -= 1
            }
        }
        if k <= j { hi = j } else if k >= i { lo = i } else { return }
    }
}
