/// The (client address, agent) pairs seen, for the one lookup every line
/// makes to find its visitor, when the address's text is at most 16 bytes
/// (every IPv4 address and most IPv6 ones).
///
/// The key is kept in the slot itself (the address's bytes, its length and
/// the agent's code), so a lookup reads one slot and no separate key bytes:
/// with a hundred thousand visitors and more, each extra read is a cache miss.
struct PairTable {
    private struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var agent: UInt32 = 0
        /// The address's length in bytes.
        var length: UInt32 = 0
        /// The pair's index + 1; 0 for an empty slot.
        var index: UInt32 = 0
    }

    /// The longest address text kept here.
    static let maxAddressBytes = 16

    private var slots = [Slot](repeating: Slot(), count: 4096)
    private var used = 0

    /// The index stored for (`address`, `agent`), or `next`, stored for it,
    /// when absent (`isNew` then true). `address` has at most ``maxAddressBytes`` bytes.
    @inline(__always)
    mutating func index(address: UnsafeBufferPointer<UInt8>, agent: UInt32, next: Int) -> (index: Int, isNew: Bool) {
        var low: UInt64 = 0, high: UInt64 = 0
        withUnsafeMutableBytes(of: &low) { w in
            withUnsafeMutableBytes(of: &high) { h in
                for (k, byte) in address.enumerated() {
                    if k < 8 { w[k] = byte } else { h[k - 8] = byte }
                }
            }
        }
        let length = UInt32(address.count)
        let hash = Self.hash(low, high, agent, length)
        let found: Int = slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let s = slots[slot]
                if s.index == 0 { return -(slot + 1) }
                if s.low == low, s.high == high, s.agent == agent, s.length == length { return Int(s.index) - 1 }
                slot = (slot + 1) & mask
            }
        }
        if found >= 0 { return (found, false) }
        let index = next
        slots[-(found + 1)] = Slot(low: low, high: high, agent: agent, length: length, index: UInt32(index + 1))
        used += 1
        if used * 2 > slots.count { grow() }
        return (index, true)
    }

    private mutating func grow() {
        var fresh = [Slot](repeating: Slot(), count: slots.count * 2)
        let mask = fresh.count - 1
        for s in slots where s.index != 0 {
            var slot = Int(truncatingIfNeeded: Self.hash(s.low, s.high, s.agent, s.length)) & mask
            while fresh[slot].index != 0 { slot = (slot + 1) & mask }
            fresh[slot] = s
        }
        slots = fresh
    }

    @inline(__always)
    private static func hash(_ low: UInt64, _ high: UInt64, _ agent: UInt32, _ length: UInt32) -> UInt64 {
        let a = (low ^ 0xa076_1d64_78bd_642f).multipliedFullWidth(by: high ^ 0xe703_7ed1_a0b4_28db)
        let b = ((a.high ^ a.low) ^ (UInt64(agent) << 8 | UInt64(length))).multipliedFullWidth(by: 0x8ebc_6af0_9c88_c6e3)
        return b.high ^ b.low
    }
}
