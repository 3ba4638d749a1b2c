/// Units accepted by `date_trunc`, and the dense ordinals used when a
/// truncated timestamp is a GROUP BY key.
enum TimeUnit: String, Hashable, Sendable, CaseIterable {
    case second, minute, hour, day, week, month, quarter, year, decade
}

/// Parts accepted by `date_part` / `extract`.
enum DatePart: String, Hashable, Sendable {
    case year, quarter, month, week, day, dayOfWeek = "dow", isoDayOfWeek = "isodow", dayOfYear = "doy"
    case hour, minute, second, epoch, decade, century
}

/// Every scalar operator and function the engine evaluates. Arguments that
/// must be constants (units, formats, patterns) are held in the case.
enum ScalarFunction: Hashable, Sendable {
    // Arithmetic (operands already of one numeric type; `divide` is float).
    case add, subtract, multiply, divide, integerDivide, modulo, negate
    // Comparison (operands of one type).
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    case isDistinctFrom, isNotDistinctFrom
    // Logic.
    case and, or, not, isNull, isNotNull
    /// `x IN (constants…)`: args are [x]; the set is in the case.
    case inSet(InSet, negated: Bool)
    /// `x IN (expressions…)` with non-constant items: args are [x, items…].
    case inExpressions(negated: Bool)
    /// LIKE / ILIKE with a constant pattern.
    case like(LikePattern, negated: Bool)
    /// LIKE / ILIKE with a computed pattern: args [x, pattern].
    case likeDynamic(caseInsensitive: Bool, negated: Bool)
    /// Args: [cond1, value1, cond2, value2, …, else].
    case caseWhen
    case coalesce
    case nullIf
    case greatest, least
    case cast(DataType, tryCast: Bool)
    // Strings.
    case lower, upper, length, byteLength, substring, concat, trim, leftTrim, rightTrim
    case replace, startsWith, endsWith, contains, position, left, right, reverse, splitPart, repeatString
    case regexpMatches(RegexPattern), regexpExtract(RegexPattern, group: Int), regexpReplace(RegexPattern, String, global: Bool)
    /// `lpad` / `rpad`: args [s, n, fill].
    case leftPad, rightPad
    /// `concat_ws`: args [separator, parts…]; NULL parts are skipped.
    case concatWithSeparator
    case ascii, chr
    // Numbers.
    case abs, round(Int), floor, ceil, trunc, sqrt, power, ln, log10, log2, exp, sign
    // Time.
    case datePart(DatePart)
    case dateTrunc(TimeUnit)
    /// Dense ordinal of `date_trunc(unit, ts)` (e.g. months since 1970).
    case truncOrdinal(TimeUnit)
    /// Inverse of ``truncOrdinal(_:)``.
    case ordinalTimestamp(TimeUnit)
    case strftime(String)
    case strptime(String)
    case epoch, toTimestamp
    /// `epoch_ms(ts)` (milliseconds since 1970) and `epoch_ms(int)` (its inverse, to the second below).
    case epochMilliseconds, fromEpochMilliseconds
    case dateDiff(TimeUnit)
    case makeTimestamp
    case cycle(PeriodCalendar), phase(PeriodCalendar)
    case cycleStart(PeriodCalendar), phaseStart(PeriodCalendar)
}

/// A constant set for IN, typed like its operand.
struct InSet: Hashable, Sendable {
    var integers: Set<Int64> = []
    var floats: Set<Double> = []
    var strings: Set<String> = []
    var bools: Set<Bool> = []
    /// Whether NULL was among the items (then non-members give NULL, not false).
    var containsNull = false
}

/// A compiled LIKE pattern.
struct LikePattern: Hashable, Sendable {
    var pattern: String
    var caseInsensitive: Bool
}

/// A regular expression given as a constant.
struct RegexPattern: Hashable, Sendable {
    var source: String
}
