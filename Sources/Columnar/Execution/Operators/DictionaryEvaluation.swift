/// Evaluates a predicate over one string column for every entry of the
/// column's dictionary at once: the per-code answers let scans test rows
/// by code and let the pruner skip segments by code range.
///
/// A final class because one cache serves every scan, partition and pruner
/// of a query, which would otherwise evaluate the same mask several times.
final class DictionaryEvaluation {
    private struct Key: Hashable {
        var predicate: BoundExpression
        var slot: Int
        var dictionary: ObjectIdentifier
    }

    private var masks: [Key: (codes: [UInt8], null: UInt8)] = [:]
    /// Keeps the dictionaries alive so their identities are not reused.
    private var dictionaries: [StringDictionary] = []

    /// The mask of `predicate` over `dictionary`, computed on first request.
    func mask(of predicate: BoundExpression, slot: Int, types: [DataType], dictionary: StringDictionary) throws -> (codes: [UInt8], null: UInt8) {
        let key = Key(predicate: predicate, slot: slot, dictionary: ObjectIdentifier(dictionary))
        if let known = masks[key] { return known }
        let computed = try Self.evaluate(predicate, slot: slot, types: types, dictionary: dictionary)
        masks[key] = computed
        dictionaries.append(dictionary)
        return computed
    }

    /// Per-code results (1 = the predicate holds) and the result for NULL.
    static func evaluate(_ predicate: BoundExpression, slot: Int, types: [DataType], dictionary: StringDictionary) throws -> (codes: [UInt8], null: UInt8) {
        let node = try ExpressionCompiler(inputTypes: types).compile(predicate, mapDictionaries: false)
        var columns = types.map { Vector(type: $0) }
        let input = Vector(type: .string)
        input.dictionary = dictionary
        columns[slot] = input
        var codes = [UInt8](repeating: 0, count: dictionary.count)
        var start = 0
        while start < dictionary.count {
            let n = min(batchCapacity, dictionary.count - start)
            for i in 0..<n { input.codes[i] = UInt32(start + i) }
            input.count = n
            input.hasNulls = false
            let result = try node.evaluate(Batch(count: n, columns: columns))
            for i in 0..<n { codes[start + i] = result.isValid(i) && result.bools[i] != 0 ? 1 : 0 }
            start += n
        }
        input.count = 1
        input.codes[0] = 0
        input.hasNulls = true
        input.validity[0] = 0
        let forNull = try node.evaluate(Batch(count: 1, columns: columns))
        return (codes, forNull.isValid(0) && forNull.bools[0] != 0 ? 1 : 0)
    }
}
