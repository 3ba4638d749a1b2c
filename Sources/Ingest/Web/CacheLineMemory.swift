/// Zeroed memory aligned to a cache line, freed when the last table
/// holding it goes (copies of a slot table share it).
final class _CacheLineMemory {
    let base: UnsafeMutableRawPointer

    init(bytes: Int) {
        base = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    }

    deinit { base.deallocate() }
}
