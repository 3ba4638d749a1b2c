/// Where an expression stands, for the rules on aggregates and for messages.
struct ExpressionContext {
    var clause: String
    var allowAggregates = false
    var insideAggregate = false
    /// Window function calls may appear (SELECT list, QUALIFY, ORDER BY).
    var allowWindows = false
    /// Within a window call's arguments, PARTITION BY or ORDER BY.
    var insideWindow = false
}

extension Binder {
    mutating func bindExpression(_ e: Expression, scope: Scope, context: ExpressionContext) throws -> BoundExpression {
        switch e.kind {
        case .literal(let v):
            switch v {
            case .null: return .untypedNull
            default: return .constant(v, v.type!)
            }
        case .typedLiteral(let type, let text):
            return try coerceConstant(text, to: type, range: e.range)
        case .interval(let seconds):
            return .constant(.int(seconds), .int64)
        case .column(let table, let name):
            let entry: Scope.Entry
            do {
                entry = try scope.resolve(table: table, name: name, range: e.range)
            } catch let failure as SQLError where failure.code == .unknownColumn && table == nil && ["SELECT", "HAVING", "QUALIFY"].contains(context.clause) {
                // Only a name no column of the FROM clause has reads as an output alias: in the select
                // list, one defined by an earlier item (`count(*) AS c, c / 2`), as DuckDB's lateral
                // aliases; in HAVING and QUALIFY, any (DuckDB also reads an ungrouped column's name
                // as the alias; chm does not).
                guard let aliased = outputAliases[name.lowercased()] else { throw failure }
                return aliased
            }
            return .column(ColumnReference(slot: entry.id, type: entry.type, range: e.range))
        case .parameter(let name):
            guard let value = parameters[name] ?? parameters[name.lowercased()] else {
                let known = parameters.keys.sorted().map { ":" + $0 }.joined(separator: ", ")
                throw error(.missingParameter, "no value for parameter :\(name)" + (known.isEmpty ? "; pass one with --param \(name)=VALUE" : "; given: \(known)"), at: e.range)
            }
            if case .null = value { return .untypedNull }
            return .constant(value, value.type!)
        case .unary(let op, let inner):
            let x = try bindExpression(inner, scope: scope, context: context)
            if op == "+" {
                guard x.type.isNumeric else { throw error(.typeMismatch, "unary + takes a number, not \(x.type)", at: e.range) }
                return x
            }
            guard x.type.isNumeric || x == .untypedNull else {
                throw error(.typeMismatch, "cannot negate a \(x.type)", at: e.range)
            }
            let operand = x == .untypedNull ? BoundExpression.constant(.null, .int64) : x
            return try fold(.call(.negate, [operand], operand.type), range: e.range)
        case .binary(let op, let l, let r):
            var a = try bindExpression(l, scope: scope, context: context)
            var b = try bindExpression(r, scope: scope, context: context)
            // A date moved by an interval is a timestamp (a date plus an integer moves by days).
            if a.type == .date, Binder.measuresInterval(r) { a = cast(a, .timestamp) }
            if b.type == .date, Binder.measuresInterval(l) { b = cast(b, .timestamp) }
            return try binary(op, a, b, range: e.range)
        case .not(let inner):
            let x = try requireBool(bindExpression(inner, scope: scope, context: context), at: inner.range, clause: "NOT")
            return try fold(.call(.not, [x], .bool), range: e.range)
        case .isNull(let inner, let negated):
            let x = try bindExpression(inner, scope: scope, context: context)
            if x == .untypedNull { return .constant(.bool(!negated), .bool) }
            return try fold(.call(negated ? .isNotNull : .isNull, [x], .bool), range: e.range)
        case .isBool(let inner, let value, let negated):
            let x = try requireBool(bindExpression(inner, scope: scope, context: context), at: inner.range, clause: "IS")
            let test = BoundExpression.call(.isNotDistinctFrom, [x, .constant(.bool(value), .bool)], .bool)
            return try fold(negated ? .call(.not, [test], .bool) : test, range: e.range)
        case .inList(let inner, let items, let negated):
            let x = try bindExpression(inner, scope: scope, context: context)
            let bound = try items.map { try bindExpression($0, scope: scope, context: context) }
            return try inList(x, bound, negated: negated, range: e.range)
        case .inQuery(let inner, let query, let negated):
            let x = try bindExpression(inner, scope: scope, context: context)
            let values = try subqueryColumn(query, range: e.range)
            return try inList(x, values.map { $0 == .null ? .untypedNull : .constant($0, $0.type!) }, negated: negated, range: e.range)
        case .between(let inner, let low, let high, let negated):
            let x = try bindExpression(inner, scope: scope, context: context)
            let lo = try bindExpression(low, scope: scope, context: context)
            let hi = try bindExpression(high, scope: scope, context: context)
            let range = try BoundExpression.call(.and, [comparison(">=", x, lo, range: e.range), comparison("<=", x, hi, range: e.range)], .bool)
            return try fold(negated ? .call(.not, [range], .bool) : range, range: e.range)
        case .like(let inner, let pattern, let insensitive, let negated):
            let x = try bindExpression(inner, scope: scope, context: context)
            let p = try bindExpression(pattern, scope: scope, context: context)
            guard x.type == .string || x == .untypedNull else {
                throw error(.typeMismatch, "\(insensitive ? "ILIKE" : "LIKE") takes a string, not \(x.type)", at: inner.range)
            }
            guard p.type == .string || p == .untypedNull else {
                throw error(.typeMismatch, "a LIKE pattern is a string, not \(p.type)", at: pattern.range)
            }
            if case .constant(.string(let s), _) = p {
                return try fold(.call(.like(LikePattern(pattern: s, caseInsensitive: insensitive), negated: negated), [x], .bool), range: e.range)
            }
            return try fold(.call(.likeDynamic(caseInsensitive: insensitive, negated: negated), [x, p], .bool), range: e.range)
        case .function(let call):
            return try bindFunction(call, range: e.range, scope: scope, context: context)
        case .caseWhen(let operand, let branches, let otherwise):
            var conditions: [BoundExpression] = []
            var values: [BoundExpression] = []
            let subject = try operand.map { try bindExpression($0, scope: scope, context: context) }
            for (when, then) in branches {
                let w = try bindExpression(when, scope: scope, context: context)
                if let subject {
                    conditions.append(try comparison("=", subject, w, range: when.range))
                } else {
                    conditions.append(try requireBool(w, at: when.range, clause: "WHEN"))
                }
                values.append(try bindExpression(then, scope: scope, context: context))
            }
            values.append(try otherwise.map { try bindExpression($0, scope: scope, context: context) } ?? .untypedNull)
            let unified = try commonType(values, range: e.range, what: "CASE branches")
            var args: [BoundExpression] = []
            for (c, v) in zip(conditions, unified) { args += [c, v] }
            args.append(unified.last!)
            return try fold(.call(.caseWhen, args, unified[0].type), range: e.range)
        case .cast(let inner, let type, let tryCast):
            let x = try bindExpression(inner, scope: scope, context: context)
            if x == .untypedNull { return .constant(.null, type) }
            if x.type == type { return x }
            return try fold(.call(.cast(type, tryCast: tryCast), [x], type), range: e.range)
        case .subquery(let query):
            let values = try subqueryColumn(query, range: e.range)
            guard values.count <= 1 else {
                throw error(.runtime, "a scalar sub-query returned \(values.count) rows; it must return at most one", at: e.range)
            }
            guard let v = values.first, v != .null else { return .untypedNull }
            return .constant(v, v.type!)
        case .exists(let query, let negated):
            let bound = try bindQuery(query)
            let result = try run(.limit(bound.plan, limit: 1, offset: 0))
            return .constant(.bool((result.rowCount > 0) != negated), .bool)
        case .star:
            throw error(.syntax, "'*' is only allowed in a select list or in count(*)", at: e.range)
        }
    }

    /// Runs an uncorrelated sub-query that must return one column.
    private mutating func subqueryColumn(_ query: Query, range: SourceRange) throws -> [Value] {
        let bound: BoundQuery
        do {
            bound = try bindQuery(query)
        } catch let e as SQLError where e.code == .unknownColumn {
            throw SQLError(e.code, e.message + " (sub-queries cannot refer to the outer query's columns)", line: e.line, column: e.column, length: e.length, sql: e.sql)
        }
        guard bound.types.count == 1 else {
            throw error(.syntax, "the sub-query returns \(bound.types.count) columns; it must return one", at: range)
        }
        let result = try run(bound.plan)
        return (0..<result.rowCount).map { result.value(row: $0, column: 0) }
    }

    /// Whether an expression's value is a span of seconds: it holds an
    /// `INTERVAL` (`INTERVAL 1 DAY * 2`, `-INTERVAL 1 HOUR`, a CASE of intervals).
    static func measuresInterval(_ e: Expression) -> Bool {
        switch e.kind {
        case .interval: true
        case .unary(_, let inner), .cast(let inner, _, _): measuresInterval(inner)
        case .binary(let op, let l, let r): ["+", "-", "*", "/"].contains(op) && (measuresInterval(l) || measuresInterval(r))
        case .caseWhen(_, let branches, let otherwise): branches.contains { measuresInterval($0.1) } || otherwise.map(measuresInterval) == true
        case .function(let call): ["coalesce", "ifnull", "greatest", "least", "abs"].contains(call.name) && call.arguments.contains(where: measuresInterval)
        default: false
        }
    }

    func requireBool(_ e: BoundExpression, at range: SourceRange, clause: String) throws -> BoundExpression {
        if e == .untypedNull { return .constant(.null, .bool) }
        guard e.type == .bool else {
            throw error(.typeMismatch, "\(clause) needs a boolean condition, but this is \(e.type)", at: range)
        }
        return e
    }

    // MARK: Operators

    func binary(_ op: String, _ a: BoundExpression, _ b: BoundExpression, range: SourceRange) throws -> BoundExpression {
        switch op {
        case "and", "or":
            let x = try requireBool(a, at: range, clause: op.uppercased())
            let y = try requireBool(b, at: range, clause: op.uppercased())
            var args: [BoundExpression] = []
            for side in [x, y] {
                if case .call(op == "and" ? .and : .or, let inner, _) = side { args += inner } else { args.append(side) }
            }
            return try fold(.call(op == "and" ? .and : .or, args, .bool), range: range)
        case "=", "<>", "<", "<=", ">", ">=", "is distinct from", "is not distinct from":
            return try comparison(op, a, b, range: range)
        case "||":
            let x = try a.type == .string || a == .untypedNull ? a : fold(.call(.cast(.string, tryCast: false), [a], .string), range: range)
            let y = try b.type == .string || b == .untypedNull ? b : fold(.call(.cast(.string, tryCast: false), [b], .string), range: range)
            let args = [x, y].map { $0 == .untypedNull ? BoundExpression.constant(.null, .string) : $0 }
            return try fold(.call(.concat, args, .string), range: range)
        default:
            return try arithmetic(op, a, b, range: range)
        }
    }

    func comparison(_ op: String, _ a: BoundExpression, _ b: BoundExpression, range: SourceRange) throws -> BoundExpression {
        let (x, y) = try unify(a, b, range: range) { "cannot compare \($0) with \($1)" }
        let f: ScalarFunction = switch op {
        case "=": .equal
        case "<>": .notEqual
        case "<": .less
        case "<=": .lessOrEqual
        case ">": .greater
        case ">=": .greaterOrEqual
        case "is distinct from": .isDistinctFrom
        default: .isNotDistinctFrom
        }
        return try fold(.call(f, [x, y], .bool), range: range)
    }

    private func arithmetic(_ op: String, _ a: BoundExpression, _ b: BoundExpression, range: SourceRange) throws -> BoundExpression {
        let f: ScalarFunction = switch op {
        case "+": .add
        case "-": .subtract
        case "*": .multiply
        case "/": .divide
        case "//": .integerDivide
        default: .modulo
        }
        var x = a == .untypedNull ? BoundExpression.constant(.null, b.type == .string ? .int64 : b.type) : a
        // NULL moves a point in time by an unknown span: an integer.
        var y = b == .untypedNull ? BoundExpression.constant(.null, x.type.isTemporal ? .int64 : x.type) : b
        if case .constant(.string, _) = x, y.type.isNumeric || y.type.isTemporal { x = try coerce(x, to: y.type.isTemporal ? .int64 : y.type, range: range) }
        if case .constant(.string, _) = y, x.type.isNumeric || x.type.isTemporal { y = try coerce(y, to: x.type.isTemporal ? .int64 : x.type, range: range) }
        let mismatch = SQLError(.typeMismatch, "cannot apply \(op) to \(x.type) and \(y.type)", line: range.line, column: range.column, length: range.length, sql: sql)
        let day = BoundExpression.constant(.int(CivilTime.secondsPerDay), .int64)
        switch (x.type, y.type) {
        case (.date, .int64) where f == .add || f == .subtract, (.int64, .date) where f == .add:
            // Whole days: the moved midnight is still a midnight, so the cast back only retypes.
            let (d, k) = x.type == .date ? (x, y) : (y, x)
            let moved = BoundExpression.call(f, [cast(d, .timestamp), .call(.multiply, [k, day], .int64)], .timestamp)
            return try fold(.call(.cast(.date, tryCast: false), [moved], .date), range: range)
        case (.date, .date) where f == .subtract:
            let seconds = BoundExpression.call(.subtract, [cast(x, .timestamp), cast(y, .timestamp)], .int64)
            return try fold(.call(.integerDivide, [seconds, day], .int64), range: range)
        case (.date, .timestamp), (.timestamp, .date):
            return try arithmetic(op, cast(x, .timestamp), cast(y, .timestamp), range: range)
        case (.timestamp, .int64) where f == .add || f == .subtract:
            return try fold(.call(f, [x, y], .timestamp), range: range)
        case (.int64, .timestamp) where f == .add:
            return try fold(.call(f, [y, x], .timestamp), range: range)
        case (.timestamp, .timestamp) where f == .subtract:
            return try fold(.call(.subtract, [x, y], .int64), range: range)
        case (.int64, .int64):
            if f == .divide {
                return try fold(.call(.divide, [cast(x, .float64), cast(y, .float64)], .float64), range: range)
            }
            return try fold(.call(f, [x, y], .int64), range: range)
        case (.float64, .float64), (.int64, .float64), (.float64, .int64):
            // DuckDB divides floats with `//` exactly as with `/` (7.5 // 2 = 3.75); so do we.
            return try fold(.call(f == .integerDivide ? .divide : f, [cast(x, .float64), cast(y, .float64)], .float64), range: range)
        default:
            throw mismatch
        }
    }

    func cast(_ e: BoundExpression, _ type: DataType) -> BoundExpression {
        if e.type == type { return e }
        if case .constant(.int(let v), _) = e, type == .float64 { return .constant(.float(Double(v)), .float64) }
        if case .constant(.null, _) = e { return .constant(.null, type) }
        return .call(.cast(type, tryCast: false), [e], type)
    }

    private mutating func inList(_ x: BoundExpression, _ items: [BoundExpression], negated: Bool, range: SourceRange) throws -> BoundExpression {
        guard !items.isEmpty else { return .constant(.bool(negated), .bool) }
        let unified = try commonType([x] + items, range: range, what: "IN operands")
        let subject = unified[0]
        if unified.dropFirst().allSatisfy(\.isConstant) {
            var set = InSet()
            for item in unified.dropFirst() {
                switch item.constantValue! {
                case .null: set.containsNull = true
                case .int(let v), .timestamp(let v), .date(let v): set.integers.insert(v)
                case .float(let v): set.floats.insert(v)
                case .string(let s): set.strings.insert(s)
                case .bool(let b): set.bools.insert(b)
                }
            }
            return try fold(.call(.inSet(set, negated: negated), [subject], .bool), range: range)
        }
        let tests = unified.dropFirst().map { BoundExpression.call(.equal, [subject, $0], .bool) }
        let any = BoundExpression.call(.or, tests, .bool)
        return try fold(negated ? .call(.not, [any], .bool) : any, range: range)
    }

    // MARK: Types

    /// Brings two operands to one type: numbers widen to float, a string
    /// literal converts to the other side's type, NULL takes the other's type.
    func unify(_ a: BoundExpression, _ b: BoundExpression, range: SourceRange, message: (DataType, DataType) -> String) throws -> (BoundExpression, BoundExpression) {
        switch (a, b) {
        case (.untypedNull, .untypedNull): return (.constant(.null, .string), .constant(.null, .string))
        case (.untypedNull, _): return (.constant(.null, b.type), b)
        case (_, .untypedNull): return (a, .constant(.null, a.type))
        default: break
        }
        if let common = DataType.widened(a.type, b.type) { return (cast(a, common), cast(b, common)) }
        if case .constant(.string, _) = a { return (try coerce(a, to: b.type, range: range), b) }
        if case .constant(.string, _) = b { return (a, try coerce(b, to: a.type, range: range)) }
        throw error(.typeMismatch, message(a.type, b.type), at: range)
    }

    /// Brings several expressions to one type (CASE branches, COALESCE, IN).
    func commonType(_ list: [BoundExpression], range: SourceRange, what: String) throws -> [BoundExpression] {
        let typed = list.filter { $0 != .untypedNull && !Binder.isStringLiteral($0) }
        var target: DataType
        if typed.isEmpty {
            target = list.contains(where: Binder.isStringLiteral) ? .string : .string
        } else {
            target = typed[0].type
            for e in typed.dropFirst() {
                guard let common = DataType.widened(target, e.type) else {
                    let types = Set(typed.map(\.type.name)).sorted().joined(separator: " and ")
                    throw error(.typeMismatch, "\(what) have types \(types)", at: range)
                }
                target = common
            }
        }
        return try list.map { e in
            if e == .untypedNull { return .constant(.null, target) }
            if DataType.widened(e.type, target) == target { return cast(e, target) }
            return try coerce(e, to: target, range: range)
        }
    }

    static func isStringLiteral(_ e: BoundExpression) -> Bool {
        if case .constant(.string, _) = e { return true }
        return false
    }

    /// Converts a string literal to `type`, or fails naming both types.
    func coerce(_ e: BoundExpression, to type: DataType, range: SourceRange) throws -> BoundExpression {
        if e.type == type { return e }
        guard case .constant(.string(let s), _) = e else {
            throw error(.typeMismatch, "expected \(type) but found \(e.type)", at: range)
        }
        return try coerceConstant(s, to: type, range: range)
    }

    func coerceConstant(_ s: String, to type: DataType, range: SourceRange) throws -> BoundExpression {
        switch ValueConversion.convert(s, to: type) {
        case .some(let v): return .constant(v, type)
        case .none: throw error(.typeMismatch, "cannot read '\(s)' as \(type)", at: range)
        }
    }

    /// Evaluates a call whose arguments are all constants.
    func fold(_ e: BoundExpression, range: SourceRange) throws -> BoundExpression {
        guard case .call(let f, let args, let type) = e, args.allSatisfy(\.isConstant) else { return e }
        // Nothing to fold for functions that depend on position or state.
        if case .caseWhen = f, args.isEmpty { return e }
        do {
            return .constant(try ConstantFolding.evaluate(e), type)
        } catch let err as SQLError {
            throw error(err.code, err.message, at: range)
        }
    }
}
