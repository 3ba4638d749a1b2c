/// A compiled expression: evaluates a whole batch at a time into a vector
/// it owns (or, for column references, returns the input vector itself).
protocol PhysicalExpression: AnyObject {
    /// The result type.
    var type: DataType { get }
    /// Evaluates the expression over every row of `batch`.
    func evaluate(_ batch: Batch) throws -> Vector
}

/// A column of the input batch, passed through without copying.
final class ColumnNode: PhysicalExpression {
    let slot: Int
    let type: DataType

    init(slot: Int, type: DataType) {
        self.slot = slot
        self.type = type
    }

    func evaluate(_ batch: Batch) throws -> Vector { batch.columns[slot] }
}

/// A constant, filled once at full capacity; each batch only sets the count.
final class ConstantNode: PhysicalExpression {
    let value: Value
    let type: DataType
    private let vector: Vector

    init(_ value: Value, type: DataType) {
        self.value = value
        self.type = type
        vector = Vector(type: type)
        vector.fill(value)
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        vector.count = batch.count
        return vector
    }
}

/// The signature of a vector kernel: arguments, output, row count.
typealias Kernel = (_ arguments: [Vector], _ output: Vector, _ count: Int) throws -> Void

/// A function call evaluated by a kernel over its children's vectors.
final class CallNode: PhysicalExpression {
    let type: DataType
    private let children: [any PhysicalExpression]
    private let kernel: Kernel
    private let output: Vector
    private var arguments: [Vector]

    init(type: DataType, children: [any PhysicalExpression], kernel: @escaping Kernel) {
        self.type = type
        self.children = children
        self.kernel = kernel
        output = Vector(type: type)
        arguments = []
        arguments.reserveCapacity(children.count)
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        arguments.removeAll(keepingCapacity: true)
        for child in children { arguments.append(try child.evaluate(batch)) }
        output.count = batch.count
        try kernel(arguments, output, batch.count)
        return output
    }
}

/// Validity of an output whose rows are null when any input row is.
enum NullPropagation {
    static func merge(_ inputs: [Vector], into out: Vector, _ n: Int) {
        var first = true
        for v in inputs where v.hasNulls {
            if first {
                out.validity.update(from: v.validity, count: n)
                first = false
            } else {
                let a = out.validity, b = v.validity
                for i in 0..<n { a[i] &= b[i] }
            }
        }
        out.hasNulls = !first
    }

    static func merge(_ a: Vector, into out: Vector, _ n: Int) {
        out.hasNulls = a.hasNulls
        if a.hasNulls { out.validity.update(from: a.validity, count: n) }
    }

    static func merge(_ a: Vector, _ b: Vector, into out: Vector, _ n: Int) {
        switch (a.hasNulls, b.hasNulls) {
        case (false, false): out.hasNulls = false
        case (true, false): merge(a, into: out, n)
        case (false, true): merge(b, into: out, n)
        case (true, true):
            out.hasNulls = true
            let x = a.validity, y = b.validity, o = out.validity
            for i in 0..<n { o[i] = x[i] & y[i] }
        }
    }
}
