/// Resolution of function calls: aggregates and scalar functions, their
/// argument types and result types.
extension Binder {
    static let aggregateNames: Set<String> = [
        "count", "count_if", "sum", "avg", "mean", "min", "max", "median", "quantile", "quantile_disc", "quantile_cont",
        "bool_and", "every", "bool_or", "any_value", "first", "arbitrary", "stddev", "stddev_samp", "stddev_pop",
        "variance", "var_samp", "var_pop", "string_agg", "group_concat", "listagg", "mode",
        "percentile_cont", "percentile_disc", "arg_max", "arg_min", "max_by", "min_by", "corr", "covar_pop", "covar_samp",
        "regr_slope", "regr_intercept",
    ]

    /// Names of every function, for completion in the shell.
    static let scalarNames: [String] = [
        "lower", "upper", "lcase", "ucase", "length", "len", "char_length", "octet_length", "strlen", "substr", "substring",
        "concat", "trim", "ltrim", "rtrim", "replace", "starts_with", "prefix", "ends_with", "suffix", "contains", "strpos",
        "instr", "left", "right", "reverse", "split_part", "repeat", "regexp_matches", "regexp_extract", "regexp_replace",
        "abs", "round", "floor", "ceil", "ceiling", "sqrt", "pow", "power", "ln", "log", "log10", "log2", "exp", "sign",
        "greatest", "least", "nullif", "coalesce", "ifnull", "if", "iif", "year", "month", "day", "dayofmonth", "quarter", "hour",
        "minute", "second", "dayofweek", "isodow", "dayofyear", "week", "weekofyear", "dayname", "monthname", "epoch",
        "to_timestamp", "make_timestamp", "make_date", "date_trunc", "datetrunc", "date_part", "datepart", "strftime", "strptime", "date_diff",
        "datediff", "cycle", "phase", "cycle_start", "phase_start", "lpad", "rpad", "concat_ws", "ascii", "chr", "position",
        "mod", "trunc", "epoch_ms", "last_day", "date_add",
    ]

    mutating func bindFunction(_ call: FunctionCall, range: SourceRange, scope: Scope, context: ExpressionContext) throws -> BoundExpression {
        if let over = call.over {
            return try bindWindow(call, over: over, range: range, scope: scope, context: context)
        }
        if Binder.windowNames.contains(call.name) {
            throw error(.syntax, "\(call.name) is a window function: it needs OVER (…)", at: call.nameRange)
        }
        if Binder.aggregateNames.contains(call.name) {
            return try bindAggregate(call, range: range, scope: scope, context: context)
        }
        if call.name == "grouping" || call.name == "grouping_id" {
            guard context.allowAggregates, !context.insideAggregate else {
                throw error(.grouping, "\(call.name) is allowed only in the SELECT list, HAVING and ORDER BY of a grouped query", at: call.nameRange)
            }
            guard !call.distinct, call.filter == nil, !call.isStar, !call.arguments.isEmpty else {
                throw error(.syntax, "\(call.name) takes one or more GROUP BY keys", at: call.nameRange)
            }
            return .grouping(try call.arguments.map { a in
                if case .column(nil, let name) = a.kind, (try? scope.resolve(table: nil, name: name, range: a.range)) == nil,
                   let item = outputAliases[name.lowercased()], !item.containsAggregate {
                    return item
                }
                return try bindExpression(a, scope: scope, context: context)
            })
        }
        guard !call.distinct, call.filter == nil, !call.isStar, call.orderBy.isEmpty else {
            throw error(.syntax, "DISTINCT, FILTER, ORDER BY and * apply to aggregate functions; \(call.name) is not one", at: call.nameRange)
        }
        if call.name == "date_add" {
            // date_add(t, INTERVAL …) is t + INTERVAL …, with the same types as `+`.
            guard call.arguments.count == 2, Binder.measuresInterval(call.arguments[1]) else {
                throw error(.typeMismatch, "date_add takes a date or timestamp and an INTERVAL, such as date_add(ts, INTERVAL 3 DAY)", at: range)
            }
            return try bindExpression(Expression(kind: .binary("+", call.arguments[0], call.arguments[1]), range: range), scope: scope, context: context)
        }
        let args = try call.arguments.map { try bindExpression($0, scope: scope, context: context) }
        return try fold(try scalarCall(call.name, args, call: call, range: range), range: range)
    }

    private mutating func bindAggregate(_ written: FunctionCall, range: SourceRange, scope: Scope, context: ExpressionContext) throws -> BoundExpression {
        var call = written
        // percentile_cont(p) WITHIN GROUP (ORDER BY x [DESC]) is the quantile p of x, counted from the top when descending.
        var descending = false
        if call.name == "percentile_cont" || call.name == "percentile_disc" {
            guard let item = call.orderBy.first, call.arguments.count == 1 else {
                throw error(.syntax, "\(call.name)(p) takes WITHIN GROUP (ORDER BY x)", at: call.nameRange)
            }
            call.arguments = [item.expression, call.arguments[0]]
            call.name = call.name == "percentile_cont" ? "quantile_cont" : "quantile_disc"
            call.orderBy = []
            descending = item.descending
        }
        guard context.allowAggregates else {
            throw error(.grouping, "aggregate function \(call.name) is not allowed in \(context.clause)", at: call.nameRange)
        }
        guard !context.insideAggregate else {
            throw error(.grouping, "aggregate function calls cannot be nested", at: call.nameRange)
        }
        var inner = context
        inner.insideAggregate = true
        inner.allowAggregates = false
        inner.allowWindows = false
        let args = try call.arguments.map { try bindExpression($0, scope: scope, context: inner) }
        var filter = try call.filter.map { try requireBool(bindExpression($0, scope: scope, context: inner), at: $0.range, clause: "FILTER") }
        let name = call.name

        func argument(_ count: Int) throws -> BoundExpression {
            guard args.count == count else {
                throw error(.unknownFunction, "\(name) takes \(count) argument\(count == 1 ? "" : "s"), got \(args.count)", at: range)
            }
            return args[0] == .untypedNull ? .constant(.null, .int64) : args[0]
        }
        func fraction(_ e: BoundExpression) throws -> Double {
            guard case .constant(let v, _) = e, let p = v.doubleValue, p >= 0, p <= 1 else {
                throw error(.typeMismatch, "\(name) takes a constant fraction between 0 and 1 as its second argument", at: range)
            }
            return p
        }
        if !call.orderBy.isEmpty, !["string_agg", "group_concat", "listagg"].contains(name) {
            throw error(.unsupported, "ORDER BY inside a call is supported in string_agg only", at: call.nameRange)
        }
        // DISTINCT does not change which row has the largest `by`: arg_max(DISTINCT x, by) is arg_max(x, by).
        if call.distinct, !["count", "arg_max", "arg_min", "max_by", "min_by"].contains(name) {
            throw error(.unsupported, "DISTINCT is supported in count(DISTINCT …) and arg_max/arg_min only", at: call.nameRange)
        }
        if call.isStar {
            guard name == "count" else { throw error(.syntax, "only count takes *", at: call.nameRange) }
            return .aggregate(AggregateCall(function: .countStar, argument: nil, distinct: false, filter: filter, type: .int64))
        }
        let function: AggregateFunction
        var arg: BoundExpression
        var type: DataType
        switch name {
        case "count":
            arg = try argument(1)
            function = .count
            type = .int64
        case "count_if":
            arg = try requireBool(argument(1), at: range, clause: "count_if")
            filter = filter.map { .call(.and, [$0, arg], .bool) } ?? arg
            return .aggregate(AggregateCall(function: .countStar, argument: nil, distinct: false, filter: filter, type: .int64))
        case "sum":
            arg = try argument(1)
            guard arg.type.isNumeric || arg.type == .bool else { throw typeError(name, arg.type, range) }
            if arg.type == .bool { arg = .call(.cast(.int64, tryCast: false), [arg], .int64) }
            function = .sum
            type = arg.type
        case "avg", "mean":
            arg = try temporalAsTimestamp(argument(1))
            guard arg.type.isNumeric || arg.type == .timestamp else { throw typeError(name, arg.type, range) }
            function = .avg
            type = arg.type == .timestamp ? .timestamp : .float64
        case "min", "max":
            arg = try argument(1)
            function = name == "min" ? .min : .max
            type = arg.type
        case "median":
            arg = try temporalAsTimestamp(argument(1))
            guard arg.type.isNumeric || arg.type == .timestamp else { throw typeError(name, arg.type, range) }
            function = .median
            type = arg.type == .timestamp ? .timestamp : .float64
        case "quantile", "quantile_disc":
            arg = try argument(2)
            function = .quantileDiscrete(try fraction(args[1]), descending: descending)
            type = arg.type
        case "quantile_cont":
            arg = try temporalAsTimestamp(argument(2))
            guard arg.type.isNumeric || arg.type == .timestamp else { throw typeError(name, arg.type, range) }
            // Interpolation is symmetric: the p quantile from the top is the 1 - p one from the bottom.
            let p = try fraction(args[1])
            function = .quantileContinuous(descending ? 1 - p : p)
            type = arg.type == .timestamp ? .timestamp : .float64
        case "bool_and", "every", "bool_or":
            arg = try requireBool(argument(1), at: range, clause: name)
            function = name == "bool_or" ? .boolOr : .boolAnd
            type = .bool
        case "any_value", "first", "arbitrary":
            arg = try argument(1)
            function = .anyValue
            type = arg.type
        case "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop":
            arg = try argument(1)
            guard arg.type.isNumeric else { throw typeError(name, arg.type, range) }
            arg = cast(arg, .float64)
            function = switch name {
            case "stddev_pop": .stddevPopulation
            case "variance", "var_samp": .varianceSample
            case "var_pop": .variancePopulation
            default: .stddevSample
            }
            type = .float64
        case "string_agg", "group_concat", "listagg":
            guard args.count == 1 || args.count == 2 else {
                throw error(.unknownFunction, "\(name) takes a value and an optional separator", at: range)
            }
            arg = args[0].type == .string ? args[0] : .call(.cast(.string, tryCast: false), [args[0]], .string)
            var separator = ","
            if args.count == 2 {
                guard case .constant(.string(let s), _) = args[1] else {
                    throw error(.typeMismatch, "the separator of \(name) must be a constant string", at: range)
                }
                separator = s
            }
            function = .stringAgg(separator, sorted: try aggregatedValueOrder(call, of: args[0], scope: scope, context: inner))
            type = .string
        case "arg_max", "arg_min", "max_by", "min_by":
            arg = try argument(2)
            let by = args[1] == .untypedNull ? BoundExpression.constant(.null, .int64) : args[1]
            let isMax = name == "arg_max" || name == "max_by"
            return .aggregate(AggregateCall(function: .argExtremum(isMax: isMax), argument: arg, distinct: false, filter: filter,
                                            type: arg.type, second: by))
        case "corr", "covar_pop", "covar_samp", "regr_slope", "regr_intercept":
            let y = try argument(2)
            let x = args[1] == .untypedNull ? BoundExpression.constant(.null, .float64) : args[1]
            for (i, e) in [y, x].enumerated() where !e.type.isNumeric {
                throw error(.typeMismatch, "argument \(i + 1) of \(name) must be a number, not \(e.type)", at: written.arguments[i].range)
            }
            let statistic: BivariateStatistic = switch name {
            case "corr": .correlation
            case "covar_pop": .covariancePopulation
            case "covar_samp": .covarianceSample
            case "regr_slope": .regressionSlope
            default: .regressionIntercept
            }
            return .aggregate(AggregateCall(function: .bivariate(statistic), argument: cast(y, .float64), distinct: false, filter: filter,
                                            type: .float64, second: cast(x, .float64)))
        default: // mode
            arg = try argument(1)
            function = .mode
            type = arg.type
        }
        return .aggregate(AggregateCall(function: function, argument: arg, distinct: call.distinct, filter: filter, type: type))
    }

    /// Dates averaged or interpolated give points in time between midnights: timestamps.
    private func temporalAsTimestamp(_ e: BoundExpression) -> BoundExpression {
        e.type == .date ? cast(e, .timestamp) : e
    }

    /// The direction of `string_agg(x, sep ORDER BY x)`: the one order item
    /// must be the aggregated value itself, a string.
    private mutating func aggregatedValueOrder(_ call: FunctionCall, of value: BoundExpression, scope: Scope,
                                               context: ExpressionContext) throws -> SortDirection? {
        guard let item = call.orderBy.first else { return nil }
        let key = try bindExpression(item.expression, scope: scope, context: context)
        guard call.orderBy.count == 1, !item.coversAll, key == value, value.type == .string else {
            throw error(.unsupported, "\(call.name) orders only by the strings it joins (ORDER BY that same value)", at: item.expression.range)
        }
        return item.descending ? .descending : .ascending
    }

    func typeError(_ name: String, _ type: DataType, _ range: SourceRange) -> SQLError {
        error(.typeMismatch, "\(name) does not take a \(type) argument", at: range)
    }
}
