/// Evaluates an expression that reads one timestamp column only through
/// its calendar day (`CASE WHEN month(ts) IN (12, 1, 2) THEN …`,
/// `strftime(ts, '%Y-%m')`, `cycle(ts)`) once per run of rows on the same
/// day, then copies each run's value to its rows.
///
/// Logs are stored in time order, so a batch of 2048 rows seldom spans
/// more than a day or two: the expression runs on a handful of midnights
/// instead of every row. A batch with many short runs (unsorted data) is
/// evaluated row by row as usual.
final class DayMappedNode: PhysicalExpression {
    let slot: Int
    let inner: any PhysicalExpression
    var type: DataType { inner.type }

    /// Runs beyond this share of the rows make mapping not worth it.
    static let maximumRunShare = 8

    private let midnights: Vector
    private let output: Vector
    /// Per row, the run it belongs to.
    private let runOfRow: UnsafeMutablePointer<Int32>

    init(slot: Int, inner: any PhysicalExpression) {
        self.slot = slot
        self.inner = inner
        midnights = Vector(type: .timestamp)
        output = Vector(type: inner.type)
        runOfRow = .allocate(capacity: batchCapacity)
    }

    deinit { runOfRow.deallocate() }

    func evaluate(_ batch: Batch) throws -> Vector {
        let input = batch.columns[slot]
        let n = batch.count
        guard n > Self.maximumRunShare else { return try inner.evaluate(batch) }
        let day = CivilTime.secondsPerDay
        let limit = n / Self.maximumRunShare
        var runs = 0
        var lastDay = Int64.min
        var lastValid = false
        var someNull = false
        midnights.hasNulls = false
        for i in 0..<n {
            let valid = input.isValid(i)
            let t = input.ints[i]
            // Floor division: days before 1970 start at their own midnight too.
            let d = valid ? (t >= 0 ? t / day : (t &+ 1) / day &- 1) : Int64.min
            if runs == 0 || d != lastDay || valid != lastValid {
                if runs == limit { return try inner.evaluate(batch) }
                midnights.ints[runs] = valid ? d &* day : 0
                midnights.validity[runs] = valid ? 1 : 0
                someNull = someNull || !valid
                lastDay = d
                lastValid = valid
                runs += 1
            }
            runOfRow[i] = Int32(truncatingIfNeeded: runs &- 1)
        }
        midnights.count = runs
        if someNull { midnights.hasNulls = true }
        var columns = batch.columns
        columns[slot] = midnights
        let values = try inner.evaluate(Batch(count: runs, columns: columns))
        output.gather(from: values, runOfRow, n)
        return output
    }
}
