/// Chooses the kernel for a scalar function and its argument types.
enum KernelLibrary {
    static func kernel(for f: ScalarFunction, argumentTypes t: [DataType], resultType: DataType) throws -> Kernel {
        switch f {
        case .add, .subtract, .multiply, .divide, .integerDivide, .modulo, .negate:
            return try ArithmeticKernels.kernel(f, argumentTypes: t, resultType: resultType)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .isDistinctFrom, .isNotDistinctFrom:
            return ComparisonKernels.kernel(f, operandType: t[0])
        case .inSet(let set, let negated):
            return ComparisonKernels.inSet(set, negated: negated, operandType: t[0])
        case .and, .or, .not, .isNull, .isNotNull:
            return LogicKernels.kernel(f)
        case .coalesce, .nullIf, .greatest, .least:
            return LogicKernels.choice(f, type: resultType)
        case .inExpressions:
            throw SQLError(.runtime, "internal: IN with expressions is rewritten before execution")
        case .caseWhen:
            throw SQLError(.runtime, "internal: CASE is evaluated by its own node")
        case .cast(let to, let tryCast):
            return CastKernels.kernel(from: t[0], to: to, tryCast: tryCast)
        case .like(let pattern, let negated):
            return StringKernels.like(pattern, negated: negated)
        case .likeDynamic(let insensitive, let negated):
            return StringKernels.likeDynamic(caseInsensitive: insensitive, negated: negated)
        case .lower, .upper, .length, .byteLength, .substring, .concat, .trim, .leftTrim, .rightTrim, .replace,
             .startsWith, .endsWith, .contains, .position, .left, .right, .reverse, .splitPart, .repeatString:
            return try StringKernels.kernel(f)
        case .leftPad, .rightPad, .concatWithSeparator, .ascii, .chr:
            return try StringKernels.characterKernel(f)
        case .regexpMatches, .regexpExtract, .regexpReplace:
            return try StringKernels.regex(f)
        case .abs, .round, .floor, .ceil, .trunc, .sqrt, .power, .ln, .log10, .log2, .exp, .sign:
            return NumericKernels.kernel(f, type: t[0])
        case .datePart, .dateTrunc, .truncOrdinal, .ordinalTimestamp, .strftime, .strptime, .epoch, .toTimestamp,
             .epochMilliseconds, .fromEpochMilliseconds,
             .dateDiff, .makeTimestamp, .cycle, .phase, .cycleStart, .phaseStart:
            return try TimeKernels.kernel(f, argumentTypes: t)
        }
    }
}

/// A runtime error raised by a kernel (overflow, bad cast, division by zero).
func runtimeError(_ message: String) -> SQLError {
    SQLError(.runtime, message)
}
