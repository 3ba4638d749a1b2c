/// Argument checking and result types of the scalar functions.
extension Binder {
    func scalarCall(_ name: String, _ given: [BoundExpression], call: FunctionCall, range: SourceRange) throws -> BoundExpression {
        var args = given
        func arity(_ allowed: ClosedRange<Int>) throws {
            guard allowed.contains(args.count) else {
                let expected = allowed.lowerBound == allowed.upperBound ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)"
                throw error(.unknownFunction, "\(name) takes \(expected) argument\(allowed.upperBound == 1 ? "" : "s"), got \(args.count)", at: range)
            }
        }
        /// Brings argument `i` to `type` (NULL and string literals convert; ints widen to floats).
        func want(_ i: Int, _ type: DataType) throws {
            let a = args[i]
            if a == .untypedNull { args[i] = .constant(.null, type); return }
            if a.type == type { return }
            if a.type == .int64, type == .float64 { args[i] = cast(a, .float64); return }
            if a.type == .date, type == .timestamp { args[i] = cast(a, .timestamp); return }
            if case .constant(.string, _) = a { args[i] = try coerce(a, to: type, range: range); return }
            throw error(.typeMismatch, "argument \(i + 1) of \(name) must be \(type), not \(a.type)", at: call.arguments[i].range)
        }
        func constantString(_ i: Int, _ what: String) throws -> String {
            guard case .constant(.string(let s), _) = args[i] else {
                throw error(.typeMismatch, "argument \(i + 1) of \(name) must be a constant string (\(what))", at: call.arguments[i].range)
            }
            return s
        }
        func constantInt(_ i: Int) throws -> Int {
            guard case .constant(.int(let v), _) = args[i] else {
                throw error(.typeMismatch, "argument \(i + 1) of \(name) must be a constant integer", at: call.arguments[i].range)
            }
            return Int(v)
        }
        func string(_ f: ScalarFunction, _ n: ClosedRange<Int>, result: DataType, tail: [DataType] = []) throws -> BoundExpression {
            try arity(n)
            try want(0, .string)
            for (i, t) in tail.enumerated() where i + 1 < args.count { try want(i + 1, t) }
            return .call(f, args, result)
        }
        func time(_ f: ScalarFunction, result: DataType = .int64) throws -> BoundExpression {
            try arity(1...1)
            try want(0, .timestamp)
            return .call(f, args, result)
        }
        func numeric(_ f: ScalarFunction, keepInt: Bool) throws -> BoundExpression {
            try arity(1...1)
            if args[0] == .untypedNull { args[0] = .constant(.null, .float64) }
            guard args[0].type.isNumeric else { throw typeError(name, args[0].type, range) }
            if !keepInt { args[0] = cast(args[0], .float64) }
            return .call(f, args, args[0].type)
        }
        func unit(_ i: Int) throws -> TimeUnit {
            let s = try constantString(i, "a unit such as 'month'").lowercased()
            let singular = s.hasSuffix("s") ? String(s.dropLast()) : s
            guard let u = TimeUnit(rawValue: singular) else {
                throw error(.typeMismatch, "unknown unit '\(s)'; units: \(TimeUnit.allCases.map(\.rawValue).joined(separator: ", "))", at: call.arguments[i].range)
            }
            return u
        }

        switch name {
        case "lower", "lcase": return try string(.lower, 1...1, result: .string)
        case "upper", "ucase": return try string(.upper, 1...1, result: .string)
        case "length", "len", "char_length", "character_length": return try string(.length, 1...1, result: .int64)
        case "octet_length", "strlen": return try string(.byteLength, 1...1, result: .int64)
        case "substr", "substring": return try string(.substring, 2...3, result: .string, tail: [.int64, .int64])
        case "trim": return try string(.trim, 1...2, result: .string, tail: [.string])
        case "ltrim": return try string(.leftTrim, 1...2, result: .string, tail: [.string])
        case "rtrim": return try string(.rightTrim, 1...2, result: .string, tail: [.string])
        case "replace": return try string(.replace, 3...3, result: .string, tail: [.string, .string])
        case "starts_with", "prefix": return try string(.startsWith, 2...2, result: .bool, tail: [.string])
        case "ends_with", "suffix": return try string(.endsWith, 2...2, result: .bool, tail: [.string])
        case "contains": return try string(.contains, 2...2, result: .bool, tail: [.string])
        case "strpos", "instr", "position": return try string(.position, 2...2, result: .int64, tail: [.string])
        case "left": return try string(.left, 2...2, result: .string, tail: [.int64])
        case "right": return try string(.right, 2...2, result: .string, tail: [.int64])
        case "reverse": return try string(.reverse, 1...1, result: .string)
        case "split_part": return try string(.splitPart, 3...3, result: .string, tail: [.string, .int64])
        case "repeat": return try string(.repeatString, 2...2, result: .string, tail: [.int64])
        case "lpad": return try string(.leftPad, 3...3, result: .string, tail: [.int64, .string])
        case "rpad": return try string(.rightPad, 3...3, result: .string, tail: [.int64, .string])
        case "ascii": return try string(.ascii, 1...1, result: .int64)
        case "chr":
            try arity(1...1)
            try want(0, .int64)
            return .call(.chr, args, .string)
        case "concat_ws":
            guard args.count >= 2 else { throw error(.unknownFunction, "concat_ws takes a separator and at least one value", at: range) }
            try want(0, .string)
            // Values of other types join as text; NULL values are skipped by the kernel.
            let parts = args.dropFirst().map { a -> BoundExpression in
                a == .untypedNull ? .constant(.null, .string) : (a.type == .string ? a : .call(.cast(.string, tryCast: false), [a], .string))
            }
            return .call(.concatWithSeparator, [args[0]] + parts, .string)
        case "concat":
            guard !args.isEmpty else { throw error(.unknownFunction, "concat takes at least one argument", at: range) }
            // concat skips NULLs (unlike ||), as in DuckDB and PostgreSQL.
            let parts = args.map { a -> BoundExpression in
                let s = a == .untypedNull ? BoundExpression.constant(.null, .string) : (a.type == .string ? a : .call(.cast(.string, tryCast: false), [a], .string))
                return .call(.coalesce, [s, .constant(.string(""), .string)], .string)
            }
            return parts.dropFirst().reduce(parts[0]) { .call(.concat, [$0, $1], .string) }
        case "regexp_matches", "regexp_extract", "regexp_replace":
            try arity(name == "regexp_matches" ? 2...2 : (name == "regexp_extract" ? 2...3 : 3...4))
            try want(0, .string)
            let source = try constantString(1, "a regular expression")
            do { _ = try Regex(source) } catch {
                throw self.error(.typeMismatch, "invalid regular expression '\(source)'", at: call.arguments[1].range)
            }
            let pattern = RegexPattern(source: source)
            if name == "regexp_matches" { return .call(.regexpMatches(pattern), [args[0]], .bool) }
            if name == "regexp_extract" {
                return .call(.regexpExtract(pattern, group: args.count == 3 ? try constantInt(2) : 0), [args[0]], .string)
            }
            let replacement = try constantString(2, "a replacement")
            let global = args.count == 4 ? try constantString(3, "options such as 'g'").contains("g") : false
            return .call(.regexpReplace(pattern, replacement, global: global), [args[0]], .string)
        case "abs": return try numeric(.abs, keepInt: true)
        case "sign": return try numeric(.sign, keepInt: true)
        case "floor": return try numeric(.floor, keepInt: true)
        case "ceil", "ceiling": return try numeric(.ceil, keepInt: true)
        case "trunc": return try numeric(.trunc, keepInt: true)
        case "mod":
            try arity(2...2)
            return try binary("%", args[0], args[1], range: range)
        case "sqrt": return try numeric(.sqrt, keepInt: false)
        case "ln": return try numeric(.ln, keepInt: false)
        case "log", "log10": return try numeric(.log10, keepInt: false)
        case "log2": return try numeric(.log2, keepInt: false)
        case "exp": return try numeric(.exp, keepInt: false)
        case "round":
            try arity(1...2)
            if args[0] == .untypedNull { args[0] = .constant(.null, .float64) }
            guard args[0].type.isNumeric else { throw typeError(name, args[0].type, range) }
            let digits = args.count == 2 ? try constantInt(1) : 0
            return .call(.round(digits), [args[0]], args[0].type)
        case "pow", "power":
            try arity(2...2)
            try want(0, .float64)
            try want(1, .float64)
            return .call(.power, args, .float64)
        case "greatest", "least":
            guard !args.isEmpty else { throw error(.unknownFunction, "\(name) takes at least one argument", at: range) }
            let unified = try commonType(args, range: range, what: "\(name) arguments")
            return .call(name == "greatest" ? .greatest : .least, unified, unified[0].type)
        case "coalesce", "ifnull":
            guard !args.isEmpty else { throw error(.unknownFunction, "\(name) takes at least one argument", at: range) }
            let unified = try commonType(args, range: range, what: "\(name) arguments")
            return .call(.coalesce, unified, unified[0].type)
        case "if", "iif":
            try arity(3...3)
            let condition = try requireBool(args[0], at: call.arguments[0].range, clause: name)
            let unified = try commonType(Array(args[1...]), range: range, what: "\(name) branches")
            return .call(.caseWhen, [condition] + unified, unified[0].type)
        case "dayname", "monthname":
            try arity(1...1)
            try want(0, .timestamp)
            return .call(.strftime(name == "dayname" ? "%A" : "%B"), args, .string)
        case "make_date":
            try arity(3...3)
            for i in args.indices { try want(i, .int64) }
            return .call(.cast(.date, tryCast: false), [.call(.makeTimestamp, args, .timestamp)], .date)
        case "nullif":
            try arity(2...2)
            let unified = try commonType(args, range: range, what: "nullif arguments")
            return .call(.nullIf, unified, unified[0].type)
        case "year": return try time(.datePart(.year))
        case "month": return try time(.datePart(.month))
        case "day", "dayofmonth": return try time(.datePart(.day))
        case "quarter": return try time(.datePart(.quarter))
        case "hour": return try time(.datePart(.hour))
        case "minute": return try time(.datePart(.minute))
        case "second": return try time(.datePart(.second))
        case "dayofweek": return try time(.datePart(.dayOfWeek))
        case "isodow": return try time(.datePart(.isoDayOfWeek))
        case "dayofyear": return try time(.datePart(.dayOfYear))
        case "week", "weekofyear": return try time(.datePart(.week))
        case "epoch": return try time(.epoch)
        case "epoch_ms":
            // DuckDB reads an integer as milliseconds since 1970 and a point in time as its milliseconds.
            try arity(1...1)
            if args[0].type == .int64 { return .call(.fromEpochMilliseconds, args, .timestamp) }
            return try time(.epochMilliseconds)
        case "last_day":
            // The day before the first of the next month.
            try arity(1...1)
            try want(0, .timestamp)
            let nextMonth = BoundExpression.call(.add, [.call(.truncOrdinal(.month), args, .int64), .constant(.int(1), .int64)], .int64)
            let start = BoundExpression.call(.ordinalTimestamp(.month), [nextMonth], .timestamp)
            let lastDay = BoundExpression.call(.subtract, [start, .constant(.int(CivilTime.secondsPerDay), .int64)], .timestamp)
            return .call(.cast(.date, tryCast: false), [lastDay], .date)
        case "cycle": return try time(.cycle(calendar), result: .string)
        case "phase": return try time(.phase(calendar), result: .string)
        case "cycle_start": return try time(.cycleStart(calendar), result: .timestamp)
        case "phase_start": return try time(.phaseStart(calendar), result: .timestamp)
        case "to_timestamp":
            try arity(1...1)
            if args[0] == .untypedNull { args[0] = .constant(.null, .int64) }
            guard args[0].type.isNumeric else { throw typeError(name, args[0].type, range) }
            return .call(.toTimestamp, [args[0]], .timestamp)
        case "make_timestamp":
            try arity(3...6)
            for i in args.indices { try want(i, .int64) }
            return .call(.makeTimestamp, args, .timestamp)
        case "date_trunc", "datetrunc":
            try arity(2...2)
            let u = try unit(0)
            try want(1, .timestamp)
            return .call(.dateTrunc(u), [args[1]], .timestamp)
        case "date_part", "datepart":
            try arity(2...2)
            let s = try constantString(0, "a part such as 'year'").lowercased()
            let aliases = ["dayofweek": "dow", "weekday": "dow", "dayofyear": "doy", "years": "year", "months": "month",
                           "days": "day", "hours": "hour", "minutes": "minute", "seconds": "second", "weeks": "week"]
            guard let part = DatePart(rawValue: aliases[s] ?? s) else {
                throw error(.typeMismatch, "unknown date part '\(s)'", at: call.arguments[0].range)
            }
            try want(1, .timestamp)
            return .call(.datePart(part), [args[1]], .int64)
        case "strftime":
            try arity(2...2)
            // DuckDB accepts both strftime(ts, format) and strftime(format, ts).
            if args[0].type == .string, args[1].type.isTemporal { args.swapAt(0, 1) }
            try want(0, .timestamp)
            return .call(.strftime(try constantString(1, "a format such as '%Y-%m'")), [args[0]], .string)
        case "strptime":
            try arity(2...2)
            try want(0, .string)
            return .call(.strptime(try constantString(1, "a format such as '%d/%m/%Y'")), [args[0]], .timestamp)
        case "date_diff", "datediff":
            try arity(3...3)
            let u = try unit(0)
            try want(1, .timestamp)
            try want(2, .timestamp)
            return .call(.dateDiff(u), [args[1], args[2]], .int64)
        default:
            let all = (Binder.scalarNames + Binder.aggregateNames).sorted()
            let near = all.filter { Binder.editDistance($0, name) <= 2 }
            throw error(.unknownFunction, "unknown function \(name)" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"), at: call.nameRange)
        }
    }

    /// Levenshtein distance, for "did you mean" suggestions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var previous = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...max(1, y.count) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
