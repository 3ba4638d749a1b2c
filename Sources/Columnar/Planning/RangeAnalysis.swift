/// What is known about the values an operator's input slot holds.
struct SlotFacts: Sendable {
    /// Bounds of integer and timestamp values.
    var range: ClosedRange<Int64>?
    /// The size of a string column's dictionary when it cannot grow.
    var dictionarySize: Int?

    static let unknown = SlotFacts(range: nil, dictionarySize: nil)
}

/// Bounds of expressions over inputs with known bounds: they let group keys
/// such as `year(ts)`, `status` or `date_trunc('month', ts)` aggregate into
/// dense arrays instead of hash tables.
struct RangeAnalysis {
    let slots: [SlotFacts]

    func range(of e: BoundExpression) -> ClosedRange<Int64>? {
        switch e {
        case .constant(.int(let v), _), .constant(.timestamp(let v), _), .constant(.date(let v), _):
            return v...v
        case .column(let c):
            return c.slot < slots.count ? slots[c.slot].range : nil
        case .call(let f, let args, _):
            switch f {
            case .datePart(let part):
                let r = range(of: args[0])
                let table = DayTable.shared
                switch part {
                case .year: return r.map { TimeKernels.datePart(.year, table)($0.lowerBound)...TimeKernels.datePart(.year, table)($0.upperBound) }
                case .decade, .century, .epoch:
                    return r.map { TimeKernels.datePart(part, table)($0.lowerBound)...TimeKernels.datePart(part, table)($0.upperBound) }
                case .month: return 1...12
                case .quarter: return 1...4
                case .day: return 1...31
                case .hour: return 0...23
                case .minute, .second: return 0...60
                case .dayOfWeek: return 0...6
                case .isoDayOfWeek: return 1...7
                case .dayOfYear: return 1...366
                case .week: return 1...53
                }
            case .truncOrdinal(let unit):
                guard let r = range(of: args[0]) else { return nil }
                let table = DayTable.shared
                return TimeKernels.ordinal(r.lowerBound, unit, table)...TimeKernels.ordinal(r.upperBound, unit, table)
            case .dateTrunc(let unit):
                guard let r = range(of: args[0]) else { return nil }
                return TimeKernels.truncate(r.lowerBound, unit, DayTable.shared)...r.upperBound
            case .add, .subtract:
                guard let a = range(of: args[0]), let b = range(of: args[1]) else { return nil }
                let (lo, o1) = f == .add ? a.lowerBound.addingReportingOverflow(b.lowerBound) : a.lowerBound.subtractingReportingOverflow(b.upperBound)
                let (hi, o2) = f == .add ? a.upperBound.addingReportingOverflow(b.upperBound) : a.upperBound.subtractingReportingOverflow(b.lowerBound)
                return o1 || o2 ? nil : lo...hi
            case .cast(.int64, _) where args[0].type == .bool:
                return 0...1
            case .cast(.date, _) where args[0].type == .timestamp:
                guard let r = range(of: args[0]) else { return nil }
                return CivilTime.midnight(r.lowerBound)...CivilTime.midnight(r.upperBound)
            case .cast(.int64, _), .cast(.timestamp, _), .epoch, .toTimestamp:
                return args[0].type == .float64 ? nil : range(of: args[0])
            case .caseWhen, .coalesce, .greatest, .least:
                let values = f == .caseWhen ? stride(from: 1, to: args.count, by: 2).map { args[$0] } + [args.last!] : args
                var lo = Int64.max, hi = Int64.min
                for v in values {
                    if case .constant(.null, _) = v { continue }
                    guard let r = range(of: v) else { return nil }
                    lo = min(lo, r.lowerBound)
                    hi = max(hi, r.upperBound)
                }
                return lo <= hi ? lo...hi : nil
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// The fixed dictionary size of a string expression, when known.
    func dictionarySize(of e: BoundExpression) -> Int? {
        switch e {
        case .column(let c): c.slot < slots.count ? slots[c.slot].dictionarySize : nil
        case .call(.cycle(let calendar), _, _): calendar.cycles.count
        case .call(.phase(let calendar), _, _): calendar.phases.count
        case .call(.caseWhen, let args, .string): Self.literalResults(ofCase: args).map(\.count)
        default: nil
        }
    }

    /// The distinct strings a CASE returns, in the order ``CaseNode`` interns
    /// them, when every branch's result is a string literal or NULL.
    static func literalResults(ofCase args: [BoundExpression]) -> [String]? {
        var results: [String] = []
        for (i, a) in args.enumerated() where i % 2 == 1 || i == args.count - 1 {
            switch a {
            case .constant(.string(let s), _): if !results.contains(s) { results.append(s) }
            case .constant(.null, _), .untypedNull: continue
            default: return nil
            }
        }
        return results
    }
}
