import CProcessor

/// The (client address, agent) pairs seen, with what the caller keeps per
/// pair, for the one lookup every line makes to find its visitor, when the
/// address's text is at most 16 bytes (every IPv4 address and most IPv6 ones).
///
/// The key is kept in the slot itself (the address's bytes, its length and
/// the agent's code), and so is the caller's record of the pair (its visitor,
/// place and current visit): with a hundred thousand visitors and more, every
/// separate read is a cache miss, and a lookup here reads one slot, which for
/// a record of up to 40 bytes is one 64-byte line (the slots are aligned to it).
///
/// The slots are memory of its own, not an array (whose elements start
/// 32 bytes into its allocation, so that a 64-byte slot would straddle two
/// lines): a copy of a table shares that memory, so a table is kept in one
/// place and mutated there.
struct PairTable<Record: BitwiseCopyable> {
    private struct Slot {
        var low: UInt64
        var high: UInt64
        var record: Record
        var agent: UInt32
        /// The address's length in bytes + 1; 0 for an empty slot.
        var length: UInt32
    }

    /// The longest address text kept here.
    static var maxAddressBytes: Int { 16 }

    private var memory: _CacheLineMemory
    private var slots: UnsafeMutablePointer<Slot>
    private var capacity: Int
    private(set) var count = 0
    /// Where the record lies in a slot.
    private let recordOffset = MemoryLayout<Slot>.offset(of: \Slot.record)!

    init(capacity: Int = 4096) {
        self.capacity = capacity
        memory = _CacheLineMemory(bytes: capacity * MemoryLayout<Slot>.stride)
        slots = memory.base.bindMemory(to: Slot.self, capacity: capacity)
    }

    /// Where a lookup ended: the pair's slot, or the empty slot where it goes.
    struct Place {
        fileprivate var slot: Int
        /// Whether the pair is absent (``insert(_:at:address:agent:)`` it there).
        var isNew: Bool
        fileprivate var low: UInt64
        fileprivate var high: UInt64
    }

    /// The key words of an address of at most ``maxAddressBytes`` bytes: its bytes, zero-padded.
    @inline(__always)
    static func key(address: UnsafeBufferPointer<UInt8>) -> (low: UInt64, high: UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        withUnsafeMutableBytes(of: &low) { w in
            withUnsafeMutableBytes(of: &high) { h in
                for (k, byte) in address.enumerated() {
                    if k < 8 { w[k] = byte } else { h[k - 8] = byte }
                }
            }
        }
        return (low, high)
    }

    /// Where a pair's slot search starts, from its address key and the hash
    /// of its agent's bytes (not the agent's code), so that it can be worked
    /// out before the agent is looked up, by the parse thread.
    @inline(__always)
    static func hash(low: UInt64, high: UInt64, length: Int, agentHash: UInt64) -> UInt64 {
        let a = (low ^ 0xa076_1d64_78bd_642f).multipliedFullWidth(by: high ^ 0xe703_7ed1_a0b4_28db)
        let b = ((a.high ^ a.low) ^ (agentHash &+ UInt64(truncatingIfNeeded: length))).multipliedFullWidth(by: 0x8ebc_6af0_9c88_c6e3)
        return b.high ^ b.low
    }

    /// Finds the pair of the address with key (`low`, `high`) and `length`
    /// bytes, and the agent with code `agent`; `hash` is ``hash(low:high:length:agentHash:)``.
    /// When absent, room for it is made first, so that the place stays valid
    /// for ``insert(_:at:address:agent:)``.
    /// - Parameter agentHash: the agent hash of an agent's code, for placing pairs again when the table grows.
    @inline(__always)
    mutating func find(low: UInt64, high: UInt64, length addressLength: Int, agent: UInt32, hash: UInt64,
                       agentHash: (UInt32) -> UInt64) -> Place {
        let length = UInt32(addressLength) + 1
        if let slot = probe(low, high, agent, length, hash) { return Place(slot: slot, isNew: false, low: low, high: high) }
        if (count + 1) * 2 > capacity { grow(agentHash) }
        var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
        while slots[slot].length != 0 { slot = (slot + 1) & (capacity - 1) }
        return Place(slot: slot, isNew: true, low: low, high: high)
    }

    /// Starts bringing in the slot where the search for a pair whose hash is `hash` begins.
    @inline(__always)
    func prefetch(hash: UInt64) {
        chm_prefetch(slots + (Int(truncatingIfNeeded: hash) & (capacity - 1)))
    }

    /// The slot holding the key, or nil.
    @inline(__always)
    private func probe(_ low: UInt64, _ high: UInt64, _ agent: UInt32, _ length: UInt32, _ hash: UInt64) -> Int? {
        let mask = capacity - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots + slot
            if s.pointee.length == 0 { return nil }
            if s.pointee.low == low, s.pointee.high == high, s.pointee.agent == agent, s.pointee.length == length { return slot }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the pair `find` did not find, with its record.
    mutating func insert(_ record: Record, at place: Place, address: UnsafeBufferPointer<UInt8>, agent: UInt32) {
        precondition(place.isNew)
        slots[place.slot] = Slot(low: place.low, high: place.high, record: record, agent: agent, length: UInt32(address.count) + 1)
        count += 1
    }

    /// The record of the pair at `place`; valid until the next ``find(address:agent:)``.
    @inline(__always)
    func record(at place: Place) -> UnsafeMutablePointer<Record> {
        (UnsafeMutableRawPointer(slots + place.slot) + recordOffset).assumingMemoryBound(to: Record.self)
    }

    private mutating func grow(_ agentHash: (UInt32) -> UInt64) {
        let fresh = _CacheLineMemory(bytes: capacity * 2 * MemoryLayout<Slot>.stride)
        let freshSlots = fresh.base.bindMemory(to: Slot.self, capacity: capacity * 2)
        let mask = capacity * 2 - 1
        for i in 0..<capacity where slots[i].length != 0 {
            let s = slots[i]
            let hash = Self.hash(low: s.low, high: s.high, length: Int(s.length) - 1, agentHash: agentHash(s.agent))
            var slot = Int(truncatingIfNeeded: hash) & mask
            while freshSlots[slot].length != 0 { slot = (slot + 1) & mask }
            freshSlots[slot] = s
        }
        memory = fresh
        slots = freshSlots
        capacity *= 2
    }
}
