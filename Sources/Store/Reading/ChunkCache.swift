import Columnar
import Foundation
import Synchronization

/// Decoded segments kept in memory, least recently used evicted first,
/// bounded by the bytes their values hold.
///
/// Entries are keyed by table, column and segment and carry the segment's
/// checksum: a segment rewritten by an append (a topped-up last segment) no
/// longer matches and is decoded again, so appends invalidate by themselves.
/// One mutex guards the state; decoding happens outside it, once per
/// segment even when several queries ask for it at the same time.
final class _ChunkCache: Sendable {
    struct Key: Hashable, Sendable {
        var table: Int64
        var column: Int
        var segment: Int
    }

    private struct Entry: Sendable {
        var key: Key
        var checksum: UInt64
        var values: _SegmentValues
        var bytes: Int
        var newer = -1
        var older = -1
    }

    private struct State: Sendable {
        var index: [Key: Int] = [:]
        var slots: [Entry?] = []
        var free: [Int] = []
        var newest = -1
        var oldest = -1
        var bytes = 0

        mutating func unlink(_ i: Int) {
            let e = slots[i]!
            if e.newer >= 0 { slots[e.newer]!.older = e.older } else { newest = e.older }
            if e.older >= 0 { slots[e.older]!.newer = e.newer } else { oldest = e.newer }
        }

        mutating func pushNewest(_ i: Int) {
            slots[i]!.newer = -1
            slots[i]!.older = newest
            if newest >= 0 { slots[newest]!.newer = i }
            newest = i
            if oldest < 0 { oldest = i }
        }

        mutating func remove(_ i: Int) {
            unlink(i)
            let e = slots[i]!
            index[e.key] = nil
            bytes -= e.bytes
            slots[i] = nil
            free.append(i)
        }
    }

    /// Bookkeeping bytes counted per entry on top of its values.
    private static let entryOverhead = 128

    /// The most bytes of decoded values kept.
    let budget: Int
    private let state = Mutex(State())

    /// Segments being decoded, each with a gate its loader holds until done.
    private let loading = Mutex<[Key: _LoadGate]>([:])

    /// Creates a cache holding at most `budget` bytes.
    init(budget: Int) { self.budget = max(0, budget) }

    /// The decoded values of a segment: cached, decoded by another thread
    /// right now (waiting for it), or decoded by `load` and kept.
    func values(_ key: Key, checksum: UInt64, load: () throws -> (checksum: UInt64, values: _SegmentValues)) throws -> _SegmentValues {
        if let known = lookup(key, checksum: checksum) { return known }
        let (gate, mine) = loading.withLock { gates -> (_LoadGate, Bool) in
            if let other = gates[key] { return (other, false) }
            let gate = _LoadGate()
            gate.lock.lock()
            gates[key] = gate
            return (gate, true)
        }
        if !mine {
            gate.lock.lock()
            gate.lock.unlock()
            if let done = lookup(key, checksum: checksum) { return done }
            let loaded = try load()
            insert(key, checksum: loaded.checksum, values: loaded.values)
            return loaded.values
        }
        defer {
            loading.withLock { $0[key] = nil }
            gate.lock.unlock()
        }
        let loaded = try load()
        insert(key, checksum: loaded.checksum, values: loaded.values)
        return loaded.values
    }

    /// The cached values of a segment when they are present and still match `checksum`.
    func lookup(_ key: Key, checksum: UInt64) -> _SegmentValues? {
        state.withLock { s in
            guard let i = s.index[key] else { return nil }
            guard s.slots[i]!.checksum == checksum else {
                s.remove(i)
                return nil
            }
            s.unlink(i)
            s.pushNewest(i)
            return s.slots[i]!.values
        }
    }

    /// Keeps the decoded values of a segment, evicting the least recently used.
    func insert(_ key: Key, checksum: UInt64, values: _SegmentValues) {
        let bytes = values.byteCount + Self.entryOverhead
        guard bytes <= budget else { return }
        state.withLock { s in
            if let i = s.index[key] { s.remove(i) }
            let entry = Entry(key: key, checksum: checksum, values: values, bytes: bytes)
            let i: Int
            if let reused = s.free.popLast() {
                i = reused
                s.slots[i] = entry
            } else {
                i = s.slots.count
                s.slots.append(entry)
            }
            s.index[key] = i
            s.bytes += bytes
            s.pushNewest(i)
            while s.bytes > budget, s.oldest >= 0 { s.remove(s.oldest) }
        }
    }

    /// Forgets every segment of a table (it was dropped).
    func removeTable(_ table: Int64) {
        state.withLock { s in
            for i in s.slots.indices where s.slots[i]?.key.table == table { s.remove(i) }
        }
    }

    /// Entries and bytes held.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.index.count, $0.bytes) }
    }
}

/// Held by the thread decoding a segment; others wait on it.
final class _LoadGate: Sendable {
    let lock = NSLock()
}
