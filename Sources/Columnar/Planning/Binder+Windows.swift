/// Binding of window function calls (`f(…) OVER (…)`): named windows,
/// frames, the functions and their types, and moving the calls of a SELECT
/// block into its window step.
extension Binder {
    /// Functions that exist only over a window.
    static let windowNames: Set<String> = [
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value",
    ]

    /// Aggregates that may run over a window.
    static let windowAggregateNames: Set<String> = ["count", "count_if", "sum", "avg", "mean", "min", "max"]

    /// Binds `call`, which has an OVER clause.
    mutating func bindWindow(_ call: FunctionCall, over: WindowSpecification, range: SourceRange, scope: Scope,
                             context: ExpressionContext) throws -> BoundExpression {
        guard context.allowWindows else {
            let message = context.insideAggregate ? "aggregate function calls cannot contain window function calls"
                : context.insideWindow ? "window function calls cannot be nested"
                : "window functions are not allowed in \(context.clause)"
                    + (["WHERE", "HAVING"].contains(context.clause) ? "; filter on a window function's result with QUALIFY" : "")
            throw error(.grouping, message, at: call.nameRange)
        }
        let name = call.name
        guard Binder.windowNames.contains(name) || Binder.windowAggregateNames.contains(name) else {
            if Binder.aggregateNames.contains(name) {
                throw error(.unsupported, "\(name) is not supported over a window; window aggregates are count, sum, avg, min and max", at: call.nameRange)
            }
            let known = Binder.scalarNames.contains(name) || ["grouping", "grouping_id"].contains(name)
            throw error(.unknownFunction, known ? "\(name) is not a window function or an aggregate" : "unknown window function \(name)", at: call.nameRange)
        }
        if call.distinct {
            throw error(.unsupported, "DISTINCT is not supported in a window function (\(name)(DISTINCT …) OVER …)", at: call.nameRange)
        }
        if !call.orderBy.isEmpty {
            throw error(.unsupported, "ORDER BY inside a window function's parentheses is not supported; order the window: OVER (ORDER BY …)", at: call.nameRange)
        }
        if call.isStar, name != "count" { throw error(.syntax, "only count takes *", at: call.nameRange) }
        if call.filter != nil, !Binder.windowAggregateNames.contains(name) {
            throw error(.syntax, "FILTER applies to aggregate functions; \(name) is not one", at: call.nameRange)
        }

        var inner = context
        inner.allowWindows = false
        inner.insideWindow = true
        let window = try resolvedWindow(over, seen: [])
        let partitionBy = try window.partitionBy.map { try bindExpression($0, scope: scope, context: inner) }
        let orderBy = try window.orderBy.map { item in
            WindowOrderKey(expression: try bindExpression(item.expression, scope: scope, context: inner),
                           descending: item.descending, nullsFirst: item.nullsFirst ?? false)
        }
        let spec = WindowSpec(partitionBy: partitionBy, orderBy: orderBy)
        let frame = try window.frame.map { try bindFrame($0, orderBy: orderBy) } ?? .standard
        let args = try call.arguments.map { try bindExpression($0, scope: scope, context: inner) }
        let filter = try call.filter.map { try requireBool(bindExpression($0, scope: scope, context: inner), at: $0.range, clause: "FILTER") }

        func arity(_ allowed: ClosedRange<Int>) throws {
            guard allowed.contains(args.count) else {
                let expected = allowed.lowerBound == allowed.upperBound ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)"
                throw error(.unknownFunction, "\(name) takes \(expected) argument\(allowed.upperBound == 1 ? "" : "s"), got \(args.count)", at: range)
            }
        }
        func value(_ i: Int) -> BoundExpression {
            args[i] == .untypedNull ? .constant(.null, .int64) : args[i]
        }
        func make(_ f: WindowFunction, _ arguments: [BoundExpression], _ type: DataType) -> BoundExpression {
            .window(WindowCall(function: f, arguments: arguments, filter: filter, spec: spec, frame: frame, type: type))
        }

        switch name {
        case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist":
            try arity(0...0)
            let f: WindowFunction = switch name {
            case "row_number": .rowNumber
            case "rank": .rank
            case "dense_rank": .denseRank
            case "percent_rank": .percentRank
            default: .cumeDist
            }
            return make(f, [], name == "percent_rank" || name == "cume_dist" ? .float64 : .int64)
        case "ntile":
            try arity(1...1)
            let n = try constantInteger(args[0], of: name, at: call.arguments[0].range)
            if let n, n <= 0 { throw error(.runtime, "the argument of ntile must be greater than zero", at: call.arguments[0].range) }
            return make(.ntile(n), [], .int64)
        case "lag", "lead":
            try arity(1...3)
            let offset = args.count > 1 ? try constantInteger(args[1], of: name, at: call.arguments[1].range) : 1
            // The default takes the value's type (DuckDB: lag(int, 1, 0.5) gives 1).
            let x = value(0)
            var fallback = BoundExpression.constant(.null, x.type)
            if args.count == 3, args[2] != .untypedNull {
                let d = args[2]
                if d.type == x.type || (d.type.isNumeric && x.type.isNumeric) || (d.type.isTemporal && x.type.isTemporal) {
                    fallback = try fold(cast(d, x.type), range: call.arguments[2].range)
                } else {
                    fallback = try coerce(d, to: x.type, range: call.arguments[2].range)
                }
            }
            return make(name == "lag" ? .lag(offset) : .lead(offset), [x, fallback], x.type)
        case "first_value", "last_value":
            try arity(1...1)
            return make(name == "first_value" ? .firstValue : .lastValue, [value(0)], value(0).type)
        case "nth_value":
            try arity(2...2)
            let n = try constantInteger(args[1], of: name, at: call.arguments[1].range)
            return make(.nthValue(n), [value(0)], value(0).type)
        case "count":
            if call.isStar { return make(.countStar, [], .int64) }
            try arity(1...1)
            return make(.count, [value(0)], .int64)
        case "count_if":
            try arity(1...1)
            let condition = try requireBool(args[0], at: call.arguments[0].range, clause: "count_if")
            let counted = filter.map { BoundExpression.call(.and, [$0, condition], .bool) } ?? condition
            return .window(WindowCall(function: .countStar, arguments: [], filter: counted, spec: spec, frame: frame, type: .int64))
        case "sum":
            try arity(1...1)
            var x = value(0)
            if x.type == .bool { x = cast(x, .int64) }
            guard x.type.isNumeric else { throw typeError(name, x.type, range) }
            return make(.sum, [x], x.type)
        case "avg", "mean":
            try arity(1...1)
            guard value(0).type.isNumeric else {
                throw error(.unsupported, "\(name) over a window takes numbers, not \(value(0).type)", at: range)
            }
            return make(.avg, [value(0)], .float64)
        default: // min, max
            try arity(1...1)
            return make(name == "min" ? .min : .max, [value(0)], value(0).type)
        }
    }

    /// A constant integer argument (offsets, counts); nil for NULL.
    private func constantInteger(_ e: BoundExpression, of name: String, at range: SourceRange) throws -> Int64? {
        switch e {
        case .untypedNull, .constant(.null, _): return nil
        case .constant(.int(let v), _): return v
        default: throw error(.typeMismatch, "\(name) takes a constant integer here", at: range)
        }
    }

    /// The window `w` stands for once the named windows it builds on are
    /// filled in (PARTITION BY and ORDER BY from the base, ORDER BY and the
    /// frame added).
    private func resolvedWindow(_ w: WindowSpecification, seen: Set<String>) throws -> WindowSpecification {
        guard let name = w.base else { return w }
        let key = name.lowercased()
        guard let definition = windowDefinitions[key], !seen.contains(key) else {
            let known = windowDefinitions.keys.sorted()
            let message = seen.contains(key) ? "window \"\(name)\" is defined in terms of itself"
                : "unknown window \"\(name)\"" + (known.isEmpty ? "; define it with WINDOW \(name) AS (…)" : "; windows: \(known.joined(separator: ", "))")
            throw error(.syntax, message, at: w.range)
        }
        var base = try resolvedWindow(definition, seen: seen.union([key]))
        if !w.partitionBy.isEmpty {
            throw error(.syntax, "a window built on \"\(name)\" cannot add PARTITION BY", at: w.partitionBy[0].range)
        }
        if !w.orderBy.isEmpty {
            guard base.orderBy.isEmpty else {
                throw error(.syntax, "window \"\(name)\" is already ordered; its ORDER BY cannot be replaced", at: w.orderBy[0].expression.range)
            }
            base.orderBy = w.orderBy
        }
        if let frame = w.frame {
            guard base.frame == nil else { throw error(.syntax, "window \"\(name)\" already has a frame", at: frame.range) }
            base.frame = frame
        }
        base.base = nil
        base.range = w.range
        return base
    }

    /// A frame's bounds with constant, non-negative offsets: whole numbers
    /// of rows, or, for RANGE, distances in the one ORDER BY key (numbers; an
    /// INTERVAL, or days, for timestamps and dates).
    private mutating func bindFrame(_ frame: FrameSyntax, orderBy: [WindowOrderKey]) throws -> WindowFrame {
        func bound(_ b: FrameSyntax.Bound) throws -> FrameBound {
            switch b {
            case .unboundedPreceding: return .unboundedPreceding
            case .currentRow: return .currentRow
            case .unboundedFollowing: return .unboundedFollowing
            case .preceding(let e), .following(let e):
                let bound = try bindExpression(e, scope: Scope(sql: sql), context: .init(clause: "a frame offset"))
                var offset: Double
                if frame.unit == .rows {
                    guard case .constant(.int(let v), _) = bound else { throw error(.typeMismatch, "a ROWS frame offset must be a constant integer", at: e.range) }
                    offset = Double(v)
                } else {
                    guard orderBy.count == 1 else {
                        throw error(.syntax, "a RANGE frame with an offset needs exactly one ORDER BY key", at: e.range)
                    }
                    let keyType = orderBy[0].expression.type
                    guard keyType.isNumeric || keyType.isTemporal else {
                        throw error(.typeMismatch, "a RANGE frame with an offset orders by a number, a timestamp or a date, not \(keyType)", at: e.range)
                    }
                    guard case .constant(let v, _) = bound, let d = v.doubleValue else {
                        throw error(.typeMismatch, "a RANGE frame offset must be a constant number" + (keyType.isTemporal ? " or INTERVAL" : ""), at: e.range)
                    }
                    // Dates move by days unless the offset is an INTERVAL (seconds).
                    offset = keyType == .date && !Binder.measuresInterval(e) ? d * Double(CivilTime.secondsPerDay) : d
                }
                guard offset >= 0, !offset.isNaN else { throw error(.syntax, "a frame offset cannot be negative", at: e.range) }
                if case .preceding = b { return .preceding(offset) }
                return .following(offset)
            }
        }
        return WindowFrame(unit: frame.unit == .rows ? .rows : .range, start: try bound(frame.start), end: try bound(frame.end))
    }

    /// Replaces each window call in `e` by a reference to its column in the
    /// window step's output (after the `width` input columns), adding new
    /// calls to `calls`.
    static func extractWindows(_ e: BoundExpression, width: Int, into calls: inout [WindowCall]) -> BoundExpression {
        e.rewritten { node in
            guard case .window(let call) = node else { return nil }
            let index: Int
            if let i = calls.firstIndex(of: call) { index = i } else { calls.append(call); index = calls.count - 1 }
            return .column(ColumnReference(slot: width + index, type: call.type))
        }
    }
}
