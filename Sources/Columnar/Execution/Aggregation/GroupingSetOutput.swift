/// One grouping set of an aggregation's output: the keys its rows group by
/// (the others are NULL in them) and the value of each GROUPING(…) call.
struct GroupingSetOutput: Sendable, Equatable {
    /// For each output key column, the operator key it comes from, or nil
    /// when this set does not group by it.
    var keys: [Int?]
    /// The value of each GROUPING(…) call in this set's rows.
    var groupings: [Int64]
}

/// The rows of one grouping set: which groups they show and the states
/// their aggregates come from.
///
/// The set grouping by every key the operator groups by shows the
/// operator's groups and states as they are. A coarser set joins groups
/// whose keys agree on the keys it keeps: each of its groups is shown
/// through one of the groups it joins (they agree on every key shown), and
/// its states are new ones into which the joined groups' states are merged —
/// so distinct counts, medians and the like come out exact, with no second
/// pass over the input.
struct _GroupingSegment {
    var set: GroupingSetOutput
    /// For each row, a group of the operator's group table whose keys it shows.
    var keyGroups: [Int32]
    /// For each row, its group in `states`; nil when that is `keyGroups`.
    var stateGroups: [Int32]?
    var states: [any AggregateState]

    /// - Parameters:
    ///   - finest: the operator's groups that have rows, in output order.
    ///   - keyCount: how many keys the operator groups by.
    init(set: GroupingSetOutput, finest: [Int32], keyCount: Int, groups: GroupTable, states: [any AggregateState]) throws {
        self.set = set
        let kept = set.keys.compactMap { $0 }
        if Set(kept).count == keyCount {
            keyGroups = finest
            stateGroups = nil
            self.states = states
            return
        }
        var index: [[Int]: Int32] = [:]
        var mapping = GroupMapping(pairs: [])
        mapping.pairs.reserveCapacity(finest.count)
        var shown: [Int32] = []
        for g in finest {
            let key = kept.map { groups.ordinal(ofKey: $0, group: Int(g)) }
            if let j = index[key] {
                mapping.pairs.append((Int(g), Int(j)))
            } else {
                let j = Int32(shown.count)
                index[key] = j
                shown.append(g)
                mapping.pairs.append((Int(g), Int(j)))
            }
        }
        var count = shown.count
        // The grand total of a set with no keys is one row even when no row came in.
        if kept.isEmpty, count == 0 {
            count = 1
            shown = [0]
        }
        keyGroups = shown
        stateGroups = (0..<Int32(count)).map { $0 }
        self.states = try states.map { state in
            let merged = state.emptyCopy()
            merged.reserve(groups: count)
            try merged.merge(state, groups: mapping)
            return merged
        }
    }
}
