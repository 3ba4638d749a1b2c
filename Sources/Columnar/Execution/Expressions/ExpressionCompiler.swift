/// Turns bound expressions into physical expression trees.
///
/// Sub-expressions that read only one string column are evaluated once
/// per distinct dictionary entry and looked up per row
/// (``DictionaryMappedNode``): `path LIKE '/documents/%'` costs one
/// pattern match per distinct path, then one load per row. Those that read
/// a timestamp only through its day are evaluated once per run of rows on
/// the same day (``DayMappedNode``).
struct ExpressionCompiler {
    /// Types of the input slots.
    let inputTypes: [DataType]

    func compile(_ e: BoundExpression) throws -> any PhysicalExpression {
        try compile(e, mapDictionaries: true)
    }

    /// - Parameter mapDictionaries: false when the input already holds each
    ///   dictionary entry once (evaluating a whole dictionary), where mapping
    ///   would only add bookkeeping.
    func compile(_ e: BoundExpression, mapDictionaries: Bool) throws -> any PhysicalExpression {
        switch e {
        case .constant(let v, let t):
            return ConstantNode(v, type: t)
        case .untypedNull:
            return ConstantNode(.null, type: .string)
        case .column(let c):
            return ColumnNode(slot: c.slot, type: c.type)
        case .aggregate, .grouping:
            throw SQLError(.grouping, "an aggregate was left in a row expression")
        case .window:
            throw SQLError(.grouping, "a window function was left in a row expression")
        case .call(let f, let args, let type):
            if mapDictionaries, let slot = ExpressionCompiler.singleStringSlot(e, inputTypes) {
                let inner = try compile(e, mapDictionaries: false)
                return DictionaryMappedNode(slot: slot, inner: inner)
            }
            if mapDictionaries, let slot = ExpressionCompiler.dayOnlySlot(e, inputTypes) {
                let inner = try compile(e, mapDictionaries: false)
                return DayMappedNode(slot: slot, inner: inner)
            }
            if case .caseWhen = f {
                return try CaseNode(arguments: args, type: type, compiler: self)
            }
            let children = try args.map { try compile($0, mapDictionaries: mapDictionaries) }
            let kernel = try KernelLibrary.kernel(for: f, argumentTypes: args.map(\.type), resultType: type)
            return CallNode(type: type, children: children, kernel: kernel)
        }
    }

    /// The slot of the one string column `e` reads, when `e` reads nothing
    /// else and does more than pass the column through.
    static func singleStringSlot(_ e: BoundExpression, _ types: [DataType]) -> Int? {
        guard case .call = e else { return nil }
        let slots = e.referencedSlots
        guard slots.count == 1, let s = slots.first, types[s] == .string else { return nil }
        return s
    }
}

extension ExpressionCompiler {
    /// The slot of the one timestamp column `e` reads, when `e` reads it
    /// only through calendar-day functions and does more than call one of
    /// them (which costs a table load per row already).
    static func dayOnlySlot(_ e: BoundExpression, _ types: [DataType]) -> Int? {
        guard case .call(let f, let args, _) = e else { return nil }
        let slots = e.referencedSlots
        guard slots.count == 1, let s = slots.first, types[s] == .timestamp else { return nil }
        if isDayFunction(f), case .column = args.first, args.dropFirst().allSatisfy(\.isConstant) { return nil }
        return readsOnlyDays(e) ? s : nil
    }

    private static func readsOnlyDays(_ e: BoundExpression) -> Bool {
        switch e {
        case .constant, .untypedNull: true
        case .column, .aggregate, .grouping, .window: false
        case .call(let f, let args, _):
            if isDayFunction(f), case .column = args.first {
                args.dropFirst().allSatisfy(readsOnlyDays)
            } else {
                args.allSatisfy(readsOnlyDays)
            }
        }
    }

    private static func startsAtMidnight(_ periods: [PeriodCalendar.Period]) -> Bool {
        periods.allSatisfy { $0.start % CivilTime.secondsPerDay == 0 && $0.end % CivilTime.secondsPerDay == 0 }
    }

    /// strftime conversions that depend on the date only.
    private static let dateConversions = Set("YymdejbBhaAuwUWVGgCDF%")

    /// Functions whose value is the same for every instant of a UTC day.
    static func isDayFunction(_ f: ScalarFunction) -> Bool {
        switch f {
        case .datePart(let part):
            switch part {
            case .year, .quarter, .month, .week, .day, .dayOfWeek, .isoDayOfWeek, .dayOfYear, .decade, .century: return true
            default: return false
            }
        case .dateTrunc(let unit), .truncOrdinal(let unit):
            return unit != .second && unit != .minute && unit != .hour
        case .strftime(let format):
            var afterPercent = false
            for c in format {
                if afterPercent {
                    guard dateConversions.contains(c) else { return false }
                    afterPercent = false
                } else if c == "%" {
                    afterPercent = true
                }
            }
            return !afterPercent
        case .cycle(let calendar), .cycleStart(let calendar):
            return startsAtMidnight(calendar.cycles)
        case .phase(let calendar), .phaseStart(let calendar):
            return startsAtMidnight(calendar.phases)
        default:
            return false
        }
    }
}

/// Evaluates constant expressions while binding (constant folding).
enum ConstantFolding {
    static func evaluate(_ e: BoundExpression) throws -> Value {
        let node = try ExpressionCompiler(inputTypes: []).compile(e)
        let v = try node.evaluate(Batch(count: 1, columns: []))
        return v.value(at: 0)
    }
}
