import Columnar
import Synchronization

/// The newest known dictionary of each string column of the workspace.
///
/// Dictionaries are append-only, so any cached one is a valid prefix of the
/// stored one: a snapshot uses it when it holds at least the entries the
/// snapshot knows of, and loads only the missing deltas otherwise. A cached
/// dictionary is never mutated; a newer one replaces it.
final class _DictionaryCache: Sendable {
    struct Key: Hashable, Sendable {
        var table: Int64
        var column: Int
    }

    private let state = Mutex<[Key: StringDictionary]>([:])

    /// The cached dictionary of a column.
    func get(_ key: Key) -> StringDictionary? {
        state.withLock { $0[key] }
    }

    /// Makes `dictionary` the column's cached dictionary unless a larger one is already there.
    /// - Returns: the dictionary now cached.
    @discardableResult
    func publish(_ key: Key, _ dictionary: StringDictionary) -> StringDictionary {
        state.withLock { d in
            if let current = d[key], current.count >= dictionary.count { return current }
            d[key] = dictionary
            return dictionary
        }
    }

    /// Forgets the dictionaries of a table (it was dropped).
    func removeTable(_ table: Int64) {
        state.withLock { d in d = d.filter { $0.key.table != table } }
    }
}
